//! The staging list of a work center for material handlers, and transfers into it and
//! counts of it. Keys and prompts return [`Effect`]s (see `history` for the shape); where a
//! step depends on the store (is the item tracked, what does the book say), the effect
//! reads it and hands it back to a function here, which decides the step.
use super::{
    Action, Choices, Effect, Field, FieldKind, Overlay, PromptKind, Quantity, ReasonKind, parse,
    strings,
};
use crate::service::{CountRequest, TransferRequest};
use crate::tui::app::Pending;
use crate::tui::i18n::{Msg, number, t, tr};

/// A transfer's two ends, named so that no caller swaps them unseen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Where the item leaves.
    pub from: String,
    /// Where it goes.
    pub to: String,
}

/// The handler's queue: the work center's machine location, or every machine location.
pub struct StagingState {
    pub work_center: String,
    /// Every machine location instead of the work center's (`F2`).
    pub every: bool,
    pub rows: Vec<crate::service::floor::StagingLine>,
    pub selected: usize,
}

impl StagingState {
    /// The queue of `work_center` (or of every machine location), the cursor where it was
    /// (`before`) as far as the list still reaches.
    #[must_use]
    pub fn new(
        work_center: String,
        rows: Vec<crate::service::floor::StagingLine>,
        before: Option<usize>,
    ) -> Self {
        let selected = before.map_or(0, |s| s.min(rows.len().saturating_sub(1)));
        StagingState {
            work_center,
            every: false,
            rows,
            selected,
        }
    }

    /// The same state, of every machine location when `every`.
    #[must_use]
    pub fn of_every(mut self, every: bool) -> Self {
        self.every = every;
        self
    }

    /// A warning when `qty` of `item` brought to `to` is not a whole number of the
    /// location's containers (it is brought all the same).
    #[must_use]
    pub fn container_warning(&self, item: &str, to: &str, qty: Quantity) -> Option<String> {
        let row = self
            .rows
            .iter()
            .find(|r| r.item == item && r.location == to)?;
        let whole = qty
            .ratio_to(row.multiple)
            .is_some_and(|n| n.fract().is_zero());
        (!whole && (!row.max.is_zero() || !row.min.is_zero()))
            .then(|| strings::not_whole_containers(qty, row.multiple))
    }

    /// A key on the list. Whether the user may move or count stock is the session's, asked
    /// before (in `keys`).
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        let row = self.rows.get(self.selected);
        match (action, row) {
            (Action::Back, _) => Effect::OpenOrders,
            (Action::Refresh, _) => Effect::OpenStaging,
            (Action::ToggleAllWorkCenters, _) => Effect::OpenStagingOf { every: !self.every },
            (Action::Count, Some(row)) => Effect::AskCount {
                item: row.item.to_string(),
                location: row.location.to_string(),
            },
            (Action::Transfer, Some(row)) => {
                let (item, to) = (row.item.clone(), row.location.clone());
                // The locations that hold the item, most first: the source is picked.
                let from = Choices::HeldElsewhere {
                    item: item.to_string(),
                    except: to.to_string(),
                };
                Effect::pick(
                    Overlay::prompt(
                        tr(
                            Msg::TransferFromPrompt,
                            &[
                                ("item", item.to_string().into()),
                                ("to", to.to_string().into()),
                            ],
                        ),
                        Field::new(FieldKind::Text, ""),
                        PromptKind::TransferFrom {
                            item: item.to_string(),
                            to: to.to_string(),
                        },
                    ),
                    from,
                )
            }
            _ => Effect::None,
        }
    }

    /// The prompts of the list: a count (its lot, quantity and reason) and a transfer (its
    /// source, quantity and lots); `text` is what was typed or picked, trimmed.
    #[must_use]
    pub fn on_prompt(&self, kind: PromptKind, text: String, this: Overlay) -> Effect {
        let this = Box::new(this);
        match kind {
            PromptKind::CountLot { item, location } => {
                Effect::show(counted_prompt(item, location, Some(text)).after(*this))
            }
            PromptKind::Counted {
                item,
                location,
                lot,
            } => match parse(&text) {
                Some(counted) => Effect::CheckCount {
                    item,
                    location,
                    lot,
                    counted,
                    this,
                },
                None => Effect::reopen(*this, strings::not_a_number(&text)),
            },
            PromptKind::CountReason {
                item,
                location,
                lot,
                counted,
            } => Effect::Count {
                item,
                location,
                lot,
                counted,
                reason: text,
                this,
            },
            PromptKind::TransferFrom { .. } if text.is_empty() => {
                Effect::reopen(*this, t(Msg::TransferFromNeeded))
            }
            PromptKind::TransferFrom { to, .. } if text == to => Effect::reopen(
                *this,
                tr(Msg::TransferFromIsTo, &[("location", text.as_str().into())]),
            ),
            PromptKind::TransferFrom { item, to } => Effect::CheckTransferSource {
                item,
                from: text,
                to,
                this,
            },
            PromptKind::TransferQty { item, from, to } => match parse(&text) {
                Some(qty) => Effect::TransferQty {
                    item,
                    from,
                    to,
                    qty,
                    this,
                },
                None => Effect::reopen(*this, strings::not_a_number(&text)),
            },
            PromptKind::TransferLots {
                item,
                from,
                to,
                qty,
            } => confirm_transfer(
                TransferRequest {
                    item: item.into(),
                    qty,
                    from: from.into(),
                    to: to.into(),
                    lots: (!text.is_empty()).then_some(text),
                },
                this,
            ),
            _ => Effect::None,
        }
    }

    /// After the source was found: how many, offered as what the queue says to bring,
    /// at most what the source holds (`held`).
    #[must_use]
    pub fn transfer_qty_prompt(
        &self,
        item: String,
        route: Route,
        held: Quantity,
        this: Overlay,
    ) -> Overlay {
        let Route { from, to } = route;
        let qty = self
            .rows
            .iter()
            .find(|r| r.item == item && r.location == to)
            .map(|r| r.bring.min(held.max(Quantity::ZERO)))
            .filter(|n| !n.is_zero())
            .map(|q| q.to_string())
            .unwrap_or_default();
        Overlay::prompt(
            tr(
                Msg::TransferQtyPrompt,
                &[
                    ("item", item.to_string().into()),
                    ("from", from.to_string().into()),
                    ("to", to.to_string().into()),
                ],
            ),
            Field::new(FieldKind::Number, &qty),
            PromptKind::TransferQty { item, from, to },
        )
        .after(this)
    }
}

/// A transfer asked first, as a reversal is; `this` is the prompt it came from (reopened
/// with the refusal when the transfer is refused).
#[must_use]
pub fn confirm_transfer(transfer: TransferRequest, this: Box<Overlay>) -> Effect {
    Effect::show(Overlay::Confirm {
        title: strings::confirm_transfer(),
        lines: strings::transfer_question(&transfer),
        pending: Pending::write(Effect::Transfer {
            item: transfer.item.to_string(),
            qty: transfer.qty,
            from: transfer.from.to_string(),
            to: transfer.to.to_string(),
            lots: transfer.lots,
            this,
        }),
    })
}

/// How many of `item` were counted at `location` (of `lot`, for a tracked item).
fn counted_prompt(item: String, location: String, lot: Option<String>) -> Overlay {
    let title = match &lot {
        None => tr(
            Msg::CountQtyPrompt,
            &[
                ("item", item.as_str().into()),
                ("location", location.as_str().into()),
            ],
        ),
        Some(lot) => tr(
            Msg::CountLotQtyPrompt,
            &[
                ("item", item.as_str().into()),
                (
                    "lot",
                    if lot.is_empty() {
                        t(Msg::CountLotUnknown).into()
                    } else {
                        lot.as_str().into()
                    },
                ),
                ("location", location.as_str().into()),
            ],
        ),
    };
    Overlay::prompt(
        title,
        Field::new(FieldKind::Number, ""),
        PromptKind::Counted {
            item,
            location,
            lot,
        },
    )
}

/// A count's first step: a tracked item is counted one lot at a time, picked from
/// the lots at the location; any other straight away.
#[must_use]
pub fn count_prompt(item: String, location: String, tracked: bool) -> Effect {
    if !tracked {
        return Effect::show(counted_prompt(item, location, None));
    }
    let from = Choices::LotsAt {
        item: item.clone(),
        location: location.clone(),
        moving: None,
    };
    Effect::pick(
        Overlay::prompt(
            tr(
                Msg::CountLotPrompt,
                &[
                    ("item", item.as_str().into()),
                    ("location", location.as_str().into()),
                ],
            ),
            Field::new(FieldKind::Text, ""),
            PromptKind::CountLot { item, location },
        ),
        from,
    )
}

/// A count far from the book (`count_confirm_pct`) is confirmed with a reason, the
/// difference shown with its size.
#[must_use]
pub fn count_reason_prompt(count: CountRequest, book: Quantity, this: Overlay) -> Effect {
    let CountRequest {
        item,
        location,
        lot,
        counted,
        ..
    } = count;
    let (item, location) = (item.to_string(), location.to_string());
    let diff = counted - book;
    let sign = if diff.is_sign_negative() { "" } else { "+" };
    let pct = crate::service::floor::difference_pct(book, counted)
        .map_or_else(String::new, |p| format!(" ({sign}{}%)", number(p)));
    let title = tr(
        Msg::CountReasonPrompt,
        &[
            ("item", item.as_str().into()),
            ("location", location.as_str().into()),
            ("book", number(book.0).into()),
            ("counted", number(counted.0).into()),
            ("diff", format!("{sign}{}", number(diff.0)).into()),
            ("pct", pct.into()),
        ],
    );
    let prompt = Overlay::prompt(
        title,
        Field::new(FieldKind::Text, ""),
        PromptKind::CountReason {
            item,
            location,
            lot,
            counted,
        },
    );
    Effect::pick(prompt.after(this), Choices::Reasons(ReasonKind::Count))
}

/// A tracked item leaves by lot: picked, or Enter alone for the pick order.
#[must_use]
pub fn transfer_lots_prompt(item: String, route: Route, qty: Quantity, this: Overlay) -> Effect {
    let Route { from, to } = route;
    let choices = Choices::LotsAt {
        item: item.clone(),
        location: from.clone(),
        moving: Some(qty),
    };
    let prompt = Overlay::prompt(
        tr(
            Msg::TransferLotsPrompt,
            &[
                ("item", item.as_str().into()),
                ("from", from.as_str().into()),
            ],
        ),
        Field::new(FieldKind::Text, ""),
        PromptKind::TransferLots {
            item,
            from,
            to,
            qty,
        },
    );
    Effect::pick(prompt.after(this), choices)
}

#[cfg(test)]
mod tests;
