//! The reports of a work center, newest first, and their reversal; the lines of one report
//! and a lead's corrections on them (scrap, a substitute).
//!
//! The shape of a converted screen: the state, its constructor from what the store read
//! (which keeps the cursor where it was), and its key and prompt handling as
//! `on_action`/`on_prompt`, which change the state and return the [`Effect`] to run. No
//! service here: the effects run in `effects`, and the tests below need no store.

use super::{
    Action, Choices, Effect, Field, FieldKind, Overlay, Pending, PromptKind, Quantity, ReasonKind,
    ReportRow, parse, strings,
};
use crate::domain::ids::ReportId;
use crate::service::LineSubstitute;
use crate::tui::i18n::{Arg, Msg, t, tr};

/// The reports of this work center.
pub struct HistoryState {
    pub rows: Vec<ReportRow>,
    pub selected: usize,
}

/// The lines of one posted report, for a lead's corrections.
pub struct DetailState {
    pub report: ReportRow,
    /// Each detail line with what it has issued so far.
    pub lines: Vec<(crate::service::ReportLine, Quantity)>,
    pub selected: usize,
    /// What lines issued instead of their own item.
    pub substitutes: Vec<LineSubstitute>,
}

impl HistoryState {
    /// The list of `rows`, the cursor on the report `on` when it is still listed.
    #[must_use]
    pub fn new(rows: Vec<ReportRow>, on: Option<ReportId>) -> Self {
        let selected = on
            .and_then(|id| rows.iter().position(|r| r.id == id))
            .unwrap_or(0);
        HistoryState { rows, selected }
    }

    /// A key on the list.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        match action {
            Action::Back => Effect::OpenOrders,
            Action::Refresh => Effect::OpenHistory,
            Action::Open => self.rows.get(self.selected).map_or(Effect::None, |row| {
                Effect::OpenDetail(Box::new(row.clone()))
            }),
            Action::Reverse => {
                let Some(row) = self.rows.get(self.selected) else {
                    return Effect::None;
                };
                if row.reversed {
                    return Effect::Error(tr(
                        Msg::ReverseAlready,
                        &[("report", row.id.to_string().into())],
                    ));
                }
                self.reason_prompt(row.id, "")
                    .map_or(Effect::None, Effect::show)
            }
            _ => Effect::None,
        }
    }

    /// Asks the reason for reversing `report_id`, `reason` already typed (back from its
    /// confirmation: typing goes on from it).
    #[must_use]
    pub fn reason_prompt(&self, report_id: ReportId, reason: &str) -> Option<Overlay> {
        let row = self.rows.iter().find(|r| r.id == report_id)?;
        let mut field = Field::new(FieldKind::Text, reason);
        field.replace_on_type = false;
        Some(Overlay::prompt(
            tr(
                Msg::ReverseReasonPrompt,
                &[
                    ("report", report_id.to_string().into()),
                    ("order", row.order.to_string().into()),
                    ("operation", row.operation.to_string().into()),
                ],
            ),
            field,
            PromptKind::ReverseReason { report_id },
        ))
    }

    /// The reason of a reversal (`text`, trimmed) typed into `this`: asks before the
    /// reversal.
    #[must_use]
    pub fn on_prompt(&self, kind: PromptKind, text: String, this: Overlay) -> Effect {
        match kind {
            PromptKind::ReverseReason { .. } if text.is_empty() => {
                Effect::reopen(this, t(Msg::ReverseNeedsReason))
            }
            PromptKind::ReverseReason { report_id } => {
                Effect::show(self.confirm_reverse(report_id, text))
            }
            _ => Effect::None,
        }
    }

    /// The confirmation of a reversal, saying what it will undo.
    fn confirm_reverse(&self, report_id: ReportId, reason: String) -> Overlay {
        let mut lines = Vec::new();
        if let Some(r) = self.rows.iter().find(|r| r.id == report_id) {
            let when = chrono::DateTime::parse_from_rfc3339(&r.at).map_or_else(
                |_| r.at.clone(),
                |t| {
                    t.with_timezone(&chrono::Local)
                        .format("%m-%d %H:%M")
                        .to_string()
                },
            );
            lines.push(tr(
                Msg::ReverseWhat,
                &[
                    ("report", r.id.to_string().into()),
                    ("when", when.into()),
                    ("user", r.user.to_string().into()),
                    ("order", r.order.to_string().into()),
                    ("item", r.item.to_string().into()),
                    ("operation", r.operation.to_string().into()),
                ],
            ));
            lines.push(tr(
                Msg::ReverseUndo,
                &[
                    ("good", Arg::Number(r.good.0)),
                    ("scrap", Arg::Number(r.scrap.0)),
                ],
            ));
        }
        lines.push(tr(
            Msg::ReverseReason,
            &[("reason", reason.as_str().into())],
        ));
        lines.push(t(Msg::ReverseAsk));
        Overlay::Confirm {
            title: tr(
                Msg::ReverseTitle,
                &[("report", report_id.to_string().into())],
            ),
            lines,
            pending: Pending::write(Effect::Reverse { report_id, reason }),
        }
    }
}

/// A substitution being asked: the report, the line substituted and the substitute item.
struct Substituting {
    report_id: ReportId,
    line: String,
    item: String,
}

impl DetailState {
    /// The lines of `report`; the cursor stays where it was when `before` showed the same
    /// report.
    #[must_use]
    pub fn new(
        report: ReportRow,
        lines: Vec<(crate::service::ReportLine, Quantity)>,
        substitutes: Vec<LineSubstitute>,
        before: Option<&DetailState>,
    ) -> Self {
        let selected = match before {
            Some(d) if d.report.id == report.id => d.selected.min(lines.len().saturating_sub(1)),
            _ => 0,
        };
        DetailState {
            report,
            lines,
            selected,
            substitutes,
        }
    }

    /// "SEAL-25 5" for each substitute issued on `line`.
    #[must_use]
    pub fn substitutes_of(&self, line: &str) -> String {
        self.substitutes
            .iter()
            .filter(|s| s.line == line)
            .map(|s| format!("{} {}", s.item, s.qty))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A key on the report's lines.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        let Some((line, _)) = self.lines.get(self.selected) else {
            return if action == Action::Back {
                Effect::OpenHistory
            } else {
                Effect::None
            };
        };
        let (report_id, key, item) = (self.report.id, line.line.clone(), line.item.clone());
        match action {
            Action::Back => Effect::OpenHistory,
            Action::AdjustScrap => Effect::show(Overlay::prompt(
                tr(
                    Msg::ScrapAddPrompt,
                    &[
                        ("line", key.as_str().into()),
                        ("item", item.to_string().into()),
                    ],
                ),
                Field::new(FieldKind::SignedNumber, ""),
                PromptKind::ScrapQty {
                    report_id,
                    line: key,
                },
            )),
            Action::Substitute => Effect::pick(
                Overlay::prompt(
                    tr(
                        Msg::SubstituteItemPrompt,
                        &[
                            ("line", key.as_str().into()),
                            ("item", item.to_string().into()),
                        ],
                    ),
                    Field::new(FieldKind::Text, ""),
                    PromptKind::SubstituteItem {
                        report_id,
                        line: key,
                    },
                ),
                Choices::ItemsExcept(item.to_string()),
            ),
            _ => Effect::None,
        }
    }

    /// The prompts of a lead's corrections: the scrap to add and its reason; the item issued
    /// instead, how much of the line's own goes back, and how much of it was issued.
    #[must_use]
    pub fn on_prompt(&self, kind: PromptKind, text: String, this: Overlay) -> Effect {
        match kind {
            PromptKind::ScrapQty { report_id, line } => {
                let Some(qty) = parse(&text) else {
                    return Effect::reopen(this, strings::not_a_number(&text));
                };
                let prompt = Overlay::prompt(
                    strings::scrap_reason_prompt(qty, &line),
                    Field::new(FieldKind::Text, ""),
                    PromptKind::ScrapReason {
                        report_id,
                        line,
                        qty,
                    },
                );
                Effect::pick(prompt.after(this), Choices::Reasons(ReasonKind::Scrap))
            }
            PromptKind::ScrapReason {
                report_id,
                line,
                qty,
            } => Effect::AdjustScrap {
                report_id,
                line,
                qty,
                reason: text,
            },
            PromptKind::SubstituteItem { .. } if text.is_empty() => {
                Effect::reopen(this, t(Msg::SubstituteItemNeeded))
            }
            PromptKind::SubstituteItem { report_id, line } => Effect::CheckSubstitute {
                report_id,
                line,
                item: text,
                this: Box::new(this),
            },
            PromptKind::SubstituteReturn {
                report_id,
                line,
                item,
            } => {
                let asked = Substituting {
                    report_id,
                    line,
                    item,
                };
                self.substitute_returned(asked, &text, this)
            }
            PromptKind::SubstituteQty {
                report_id,
                line,
                item,
                returned,
            } => {
                let qty = if text.is_empty() {
                    None
                } else {
                    match parse(&text) {
                        Some(q) => Some(q),
                        None => return Effect::reopen(this, strings::not_a_number(&text)),
                    }
                };
                // Asked first, as a reversal is: a substitution moves stock both ways.
                let (own, issued) = self
                    .line(&line)
                    .map(|(l, q)| (l.item.to_string(), *q))
                    .unwrap_or_default();
                let back = returned.unwrap_or(issued);
                let lines = strings::substitute_question(&strings::SubstituteAsked {
                    line: &line,
                    own: &own,
                    returned: back,
                    item: &item,
                    issued: qty.unwrap_or(back),
                });
                Effect::show(Overlay::Confirm {
                    title: strings::confirm_substitute(),
                    lines,
                    pending: Pending::write(Effect::Substitute {
                        report_id,
                        line,
                        item,
                        qty,
                        returned,
                    }),
                })
            }
            _ => Effect::None,
        }
    }

    /// The detail line `line`, with what it has issued so far.
    fn line(&self, line: &str) -> Option<&(crate::service::ReportLine, Quantity)> {
        self.lines.iter().find(|(l, _)| l.line == line)
    }

    /// After the substitute `item` was found: how much of the line's own item goes back,
    /// all it issued offered.
    #[must_use]
    pub fn return_prompt(
        &self,
        report_id: ReportId,
        line: String,
        item: String,
        this: Overlay,
    ) -> Overlay {
        let (own, issued) = self
            .line(&line)
            .map(|(l, q)| (l.item.clone(), *q))
            .unwrap_or_default();
        Overlay::prompt(
            tr(
                Msg::SubstituteReturnPrompt,
                &[
                    ("item", own.to_string().into()),
                    ("issued", Arg::Number(issued.0)),
                ],
            ),
            Field::new(FieldKind::Number, &issued.to_string()),
            PromptKind::SubstituteReturn {
                report_id,
                line,
                item,
            },
        )
        .after(this)
    }

    /// How much of the line's own item goes back (empty: all it issued), no more than it
    /// issued; then how much of the substitute was issued.
    fn substitute_returned(&self, asked: Substituting, text: &str, this: Overlay) -> Effect {
        let Substituting {
            report_id,
            line,
            item,
        } = asked;
        let returned = if text.is_empty() {
            None
        } else {
            match parse(text) {
                Some(q) if q > Quantity::ZERO => Some(q),
                _ => {
                    let why = tr(
                        Msg::SubstituteReturnNotQty,
                        &[("value", format!("{text:?}").into())],
                    );
                    return Effect::reopen(this, why);
                }
            }
        };
        if let (Some(r), Some((l, issued))) = (returned, self.line(&line))
            && r > *issued
        {
            let why = tr(
                Msg::SubstituteReturnExceeds,
                &[
                    ("qty", Arg::Number(r.0)),
                    ("issued", Arg::Number((*issued).max(Quantity::ZERO).0)),
                    ("item", l.item.to_string().into()),
                    ("line", l.line.to_string().into()),
                ],
            );
            return Effect::reopen(this, why);
        }
        let shown = returned.map(|q| q.to_string()).unwrap_or_default();
        Effect::show(
            Overlay::prompt(
                tr(Msg::SubstituteQtyPrompt, &[("item", item.as_str().into())]),
                Field::new(FieldKind::Number, &shown),
                PromptKind::SubstituteQty {
                    report_id,
                    line,
                    item,
                    returned,
                },
            )
            .after(this),
        )
    }
}

#[cfg(test)]
mod tests;
