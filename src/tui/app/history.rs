//! The reports of a work center, newest first, and their reversal.

use super::*;

/// The reports of this work center.
pub struct HistoryState {
    pub rows: Vec<ReportRow>,
    pub selected: usize,
}

/// The lines of one posted report, for a lead's corrections.
pub struct DetailState {
    pub report: ReportRow,
    /// Each detail line with what it has issued so far.
    pub lines: Vec<(crate::store::floor::ReportLine, Quantity)>,
    pub selected: usize,
    /// What lines issued instead of their own item: (line, item, quantity).
    pub substitutes: Vec<(String, String, Quantity)>,
}

impl DetailState {
    /// "SEAL-25 5" for each substitute issued on `line`.
    #[must_use]
    pub fn substitutes_of(&self, line: &str) -> String {
        self.substitutes
            .iter()
            .filter(|(l, _, _)| l == line)
            .map(|(_, item, qty)| format!("{item} {}", canonical(*qty)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl App {
    pub(super) fn history_action(&mut self, action: Action) {
        let Screen::History(h) = &self.screen else {
            return;
        };
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_history(),
            Action::Open => {
                if let Some(row) = h.rows.get(h.selected).cloned() {
                    self.open_detail(row);
                }
            }
            Action::Reverse => {
                let Some(row) = h.rows.get(h.selected) else {
                    return;
                };
                if row.reversed {
                    let msg = format!("report {} is already reversed", row.id);
                    self.error(msg);
                    return;
                }
                let report_id = row.id;
                self.overlays.push(Overlay::prompt(
                    format!(
                        "Reason for reversing report {report_id} ({} op {})",
                        row.order, row.operation
                    ),
                    Field::new(FieldKind::Text, ""),
                    PromptKind::ReverseReason { report_id },
                ));
            }
            _ => {}
        }
    }

    pub(super) fn open_history(&mut self) {
        let wc = self.board_work_center();
        match self.service.history(wc.as_deref(), LIST_LIMIT) {
            Ok(rows) => {
                // The cursor stays on the report it was on (coming back from its lines, or
                // after a reversal), found by id: a lead never acts on the wrong row.
                let on = match &self.screen {
                    Screen::History(h) => h.rows.get(h.selected).map(|r| r.id),
                    Screen::Detail(d) => Some(d.report.id),
                    _ => None,
                };
                let selected = on
                    .and_then(|id| rows.iter().position(|r| r.id == id))
                    .unwrap_or(0);
                self.screen = Screen::History(HistoryState { rows, selected });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Asks before a reversal, saying what it will undo.
    pub(super) fn confirm_reverse(&mut self, report_id: i64, reason: String) {
        let row = match &self.screen {
            Screen::History(h) => h.rows.iter().find(|r| r.id == report_id).cloned(),
            _ => None,
        };
        let mut lines = Vec::new();
        if let Some(r) = &row {
            let when = chrono::DateTime::parse_from_rfc3339(&r.at).map_or_else(
                |_| r.at.clone(),
                |t| {
                    t.with_timezone(&chrono::Local)
                        .format("%m-%d %H:%M")
                        .to_string()
                },
            );
            lines.push(format!(
                "Report {} of {when} by {}: order {} ({}), operation {}.",
                r.id, r.user, r.order, r.item, r.operation
            ));
            lines.push(format!(
                "Undo {} good and {} scrap: every line it issued goes back, its receipt and labor are reversed, its deferred lines are cancelled.",
                canonical(r.good),
                canonical(r.scrap)
            ));
        }
        lines.push(format!("Reason: {reason}"));
        lines.push("Reverse it?".into());
        self.overlays.push(Overlay::Confirm {
            title: format!("Reverse report {report_id}?"),
            lines,
            pending: Pending::Reverse { report_id, reason },
        });
    }

    pub(super) fn reverse(&mut self, report_id: i64, reason: &str) {
        let who = self.credentials();
        match self.service.reverse(report_id, reason, &who) {
            Ok(r) => {
                self.approver = None;
                self.open_history();
                self.note(format!(
                    "report {report_id} reversed ({reason}): {} put back",
                    strings::count(r.movements.len(), "movement")
                ));
            }
            Err(e) => self.write_failed(
                e,
                Pending::Reverse {
                    report_id,
                    reason: reason.to_string(),
                },
            ),
        }
    }

    fn open_detail(&mut self, report: ReportRow) {
        match self.service.report_detail(report.id) {
            Ok(lines) => {
                let selected = match &self.screen {
                    Screen::Detail(d) if d.report.id == report.id => {
                        d.selected.min(lines.len().saturating_sub(1))
                    }
                    _ => 0,
                };
                let substitutes = self
                    .service
                    .report_substitutes(report.id)
                    .unwrap_or_default();
                self.screen = Screen::Detail(DetailState {
                    report,
                    lines,
                    selected,
                    substitutes,
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn detail_action(&mut self, action: Action) {
        let Screen::Detail(d) = &self.screen else {
            return;
        };
        let Some((line, _)) = d.lines.get(d.selected) else {
            if action == Action::Back {
                self.open_history();
            }
            return;
        };
        let (report_id, key, item) = (d.report.id, line.line.clone(), line.item.clone());
        match action {
            Action::Back => self.open_history(),
            Action::AdjustScrap => self.overlays.push(Overlay::prompt(
                format!("Scrap to add on line {key} {item} (negative: a correction)"),
                Field::new(FieldKind::SignedNumber, ""),
                PromptKind::ScrapQty {
                    report_id,
                    line: key,
                },
            )),
            Action::Substitute => {
                let choices = self
                    .service
                    .search_items("", 2000)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(code, _)| *code != item)
                    .map(|(code, detail)| Choice { code, detail })
                    .collect();
                self.overlays.push(
                    Overlay::prompt(
                        format!("Item issued instead of {item} on line {key}"),
                        Field::new(FieldKind::Text, ""),
                        PromptKind::SubstituteItem {
                            report_id,
                            line: key,
                        },
                    )
                    .with_choices(choices),
                );
            }
            _ => {}
        }
    }

    fn reopen_detail(&mut self) {
        if let Screen::Detail(d) = &self.screen {
            let report = d.report.clone();
            self.open_detail(report);
        }
    }

    pub(super) fn adjust(&mut self, report_id: i64, line: &str, qty: Quantity, reason: &str) {
        let who = self.credentials();
        match self
            .service
            .adjust_scrap(report_id, line, qty, reason, &who)
        {
            Ok(a) => {
                self.approver = None;
                self.reopen_detail();
                self.note(format!(
                    "report {report_id} line {}: {} {} scrap adjusted ({})",
                    a.line,
                    canonical(a.qty),
                    a.item,
                    a.reason
                ));
            }
            Err(e) => {
                let pending = Pending::Adjust {
                    report_id,
                    line: line.to_string(),
                    qty,
                    reason: reason.to_string(),
                };
                self.write_failed(e, pending);
            }
        }
    }

    pub(super) fn substitute(
        &mut self,
        report_id: i64,
        line: &str,
        item: &str,
        (qty, returned): (Option<Quantity>, Option<Quantity>),
    ) {
        let who = self.credentials();
        match self
            .service
            .substitute_partial(report_id, line, item, (qty, returned), &who)
        {
            Ok(s) => {
                self.approver = None;
                self.reopen_detail();
                self.note(format!(
                    "report {report_id} line {}: {} {} returned, {} {} issued",
                    s.line,
                    canonical(s.returned_qty),
                    s.returned_item,
                    canonical(s.issued_qty),
                    s.issued_item
                ));
            }
            Err(e) => {
                let pending = Pending::Substitute {
                    report_id,
                    line: line.to_string(),
                    item: item.to_string(),
                    qty,
                    returned,
                };
                self.write_failed(e, pending);
            }
        }
    }

    /// The prompts of the history and a report's lines: a reversal's reason, a lead's scrap
    /// adjustment and substitution.
    pub(super) fn apply_history_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        let text = field.text.trim().to_string();
        match kind {
            PromptKind::ReverseReason { report_id } => {
                if text.is_empty() {
                    return self.reopen(this, "a reversal needs a reason");
                }
                self.confirm_reverse(report_id, text);
            }
            PromptKind::ScrapQty { report_id, line } => {
                self.ask_scrap_reason(report_id, line, &text, this);
            }
            PromptKind::ScrapReason {
                report_id,
                line,
                qty,
            } => {
                self.adjust(report_id, &line, qty, &text);
            }
            PromptKind::SubstituteItem { report_id, line } => {
                self.apply_substitute_item(report_id, line, text, this);
            }
            PromptKind::SubstituteReturn {
                report_id,
                line,
                item,
            } => self.apply_substitute_return(report_id, (line, item), &text, this),
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
                        None => return self.reopen(this, strings::not_a_number(&text)),
                    }
                };
                self.substitute(report_id, &line, &item, (qty, returned));
            }
            _ => {}
        }
    }

    /// The scrap to add on a line: then its reason, from `[reasons] scrap`.
    fn ask_scrap_reason(&mut self, report_id: i64, line: String, text: &str, this: Overlay) {
        let Some(qty) = parse(text) else {
            return self.reopen(this, strings::not_a_number(text));
        };
        let choices = self.reason_choices(crate::service::ReasonKind::Scrap);
        self.overlays.push(
            Overlay::prompt(
                format!("Reason for {} more scrap on line {line}", canonical(qty)),
                Field::new(FieldKind::Text, ""),
                PromptKind::ScrapReason {
                    report_id,
                    line,
                    qty,
                },
            )
            .with_choices(choices)
            .after(this),
        );
    }

    /// The detail line `line` of the report shown, with what it has issued so far.
    fn detail_line(&self, line: &str) -> Option<&(crate::store::floor::ReportLine, Quantity)> {
        match &self.screen {
            Screen::Detail(d) => d.lines.iter().find(|(l, _)| l.line == line),
            _ => None,
        }
    }

    /// The item issued instead, checked at its own step (not after the quantity); then how
    /// much of the line's own item goes back, all it issued offered.
    fn apply_substitute_item(&mut self, report_id: i64, line: String, item: String, this: Overlay) {
        if item.is_empty() {
            return self.reopen(this, "scan or type the substitute item");
        }
        match self.service.search_items(&item, 50) {
            Ok(found) if found.iter().any(|(code, _)| *code == item) => {}
            Ok(_) => return self.reopen(this, format!("unknown stock item {item}")),
            Err(e) => return self.error(e.to_string()),
        }
        let (own, issued) = self
            .detail_line(&line)
            .map(|(l, q)| (l.item.clone(), canonical(*q)))
            .unwrap_or_default();
        self.overlays.push(
            Overlay::prompt(
                format!("How many {own} go back (all {issued} the line issued, or part)"),
                Field::new(FieldKind::Number, &issued),
                PromptKind::SubstituteReturn {
                    report_id,
                    line,
                    item,
                },
            )
            .after(this),
        );
    }

    /// How much of the line's own item goes back (empty: all it issued), no more than it
    /// issued; then how much of the substitute was issued.
    fn apply_substitute_return(
        &mut self,
        report_id: i64,
        (line, item): (String, String),
        text: &str,
        this: Overlay,
    ) {
        let returned = if text.is_empty() {
            None
        } else {
            match parse(text) {
                Some(q) if q > Quantity::ZERO => Some(q),
                _ => return self.reopen(this, format!("{text:?} is not a quantity above 0")),
            }
        };
        if let (Some(r), Some((l, issued))) = (returned, self.detail_line(&line))
            && r > *issued
        {
            let why = format!(
                "{} exceeds the {} {} line {} has issued",
                canonical(r),
                canonical((*issued).max(Quantity::ZERO)),
                l.item,
                l.line
            );
            return self.reopen(this, why);
        }
        let shown = returned.map(canonical).unwrap_or_default();
        self.overlays.push(
            Overlay::prompt(
                format!("How many {item} were issued instead"),
                Field::new(FieldKind::Number, &shown),
                PromptKind::SubstituteQty {
                    report_id,
                    line,
                    item,
                    returned,
                },
            )
            .after(this),
        );
    }
}
