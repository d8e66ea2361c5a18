//! The staging list of a work center for material handlers, and transfers into it.

use super::*;

/// What the work center's machine location still needs, for a material handler.
pub struct StagingState {
    pub work_center: String,
    pub rows: Vec<crate::service::floor::StagingLine>,
    pub selected: usize,
}

impl App {
    /// Opens (or refreshes) the staging list of the current work center: reading, for every
    /// user (SPEC §6); bringing stock and counting it need a handler or a lead.
    pub fn open_staging(&mut self) {
        let Some(wc) = self.current_work_center().map(|w| w.work_center.clone()) else {
            return self.error("no work center to stage for");
        };
        match self.service.staging(&wc) {
            Ok(rows) => {
                let selected = match &self.screen {
                    Screen::Staging(s) => s.selected.min(rows.len().saturating_sub(1)),
                    _ => 0,
                };
                self.screen = Screen::Staging(StagingState {
                    work_center: wc,
                    rows,
                    selected,
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn staging_action(&mut self, action: Action) {
        // Everyone reads the list; moving and counting stock is a handler's or a lead's.
        if matches!(action, Action::Count | Action::Transfer)
            && let Some(refusal) =
                self.role_refusal(crate::service::auth::Action::Handle, "move or count stock")
        {
            return self.error(refusal);
        }
        let Screen::Staging(s) = &self.screen else {
            return;
        };
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_staging(),
            Action::Count => {
                let Some(row) = s.rows.get(s.selected) else {
                    return;
                };
                let (item, location) = (row.item.clone(), row.location.clone());
                // A tracked item is counted one lot at a time (SPEC §9).
                if self.service.is_tracked(&item).unwrap_or(false) {
                    let choices = self.lot_choices(&item, &location, None);
                    self.overlays.push(
                        Overlay::prompt(
                            format!("Count which lot of {item} at {location}? (scan or pick)"),
                            Field::new(FieldKind::Text, ""),
                            PromptKind::CountLot { item, location },
                        )
                        .with_choices(choices),
                    );
                    return;
                }
                self.overlays.push(Overlay::prompt(
                    format!("Counted {item} at {location}"),
                    Field::new(FieldKind::Number, ""),
                    PromptKind::Counted {
                        item,
                        location,
                        lot: None,
                    },
                ));
            }
            Action::Transfer => {
                let Some(row) = s.rows.get(s.selected) else {
                    return;
                };
                let (item, to) = (row.item.clone(), row.location.clone());
                // The locations that hold the item, most first: the source is picked.
                let mut held: Vec<_> = self
                    .service
                    .stock(None, Some(&item))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|b| b.location != to && b.qty > Quantity::ZERO)
                    .collect();
                held.sort_by_key(|b| std::cmp::Reverse(b.qty));
                let choices = held
                    .into_iter()
                    .map(|b| Choice::on_hand(b.location, b.qty))
                    .collect();
                self.overlays.push(
                    Overlay::prompt(
                        format!("Bring {item} to {to} from which location?"),
                        Field::new(FieldKind::Text, ""),
                        PromptKind::TransferFrom { item, to },
                    )
                    .with_choices(choices),
                );
            }
            _ => {}
        }
    }

    /// The prompts of the staging list: a count (its lot, quantity and reason) and a
    /// transfer (its source, quantity and lots).
    pub(super) fn apply_staging_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        let text = field.text.trim().to_string();
        match kind {
            PromptKind::CountLot { item, location } => {
                self.ask_counted_lot(item, location, text, this);
            }
            PromptKind::Counted {
                item,
                location,
                lot,
            } => self.apply_counted((item, location, lot), &text, this),
            PromptKind::CountReason {
                item,
                location,
                lot,
                counted,
            } => {
                let code = match self
                    .service
                    .check_reason(crate::service::ReasonKind::Count, &text)
                {
                    Ok(code) => code,
                    Err(e) => return self.reopen(this, e.to_string()),
                };
                self.post_count(
                    (&item, &location, lot.as_deref()),
                    counted,
                    Some(&code),
                    this,
                );
            }
            PromptKind::TransferFrom { item, to } => self.apply_transfer_from(item, to, text, this),
            PromptKind::TransferQty { item, from, to } => {
                self.apply_transfer_qty(item, (from, to), &text, this);
            }
            PromptKind::TransferLots {
                item,
                from,
                to,
                qty,
            } => {
                let lots = (!text.is_empty()).then_some(text.as_str());
                self.post_transfer((&item, qty), (&from, &to), lots, this);
            }
            _ => {}
        }
    }

    /// The lot of a tracked item was scanned or picked: ask how many of it were counted.
    fn ask_counted_lot(&mut self, item: String, location: String, lot: String, this: Overlay) {
        self.overlays.push(
            Overlay::prompt(
                format!(
                    "Counted {item} lot {} at {location}",
                    if lot.is_empty() { "(unknown)" } else { &lot }
                ),
                Field::new(FieldKind::Number, ""),
                PromptKind::Counted {
                    item,
                    location,
                    lot: Some(lot),
                },
            )
            .after(this),
        );
    }

    /// A counted quantity: posted, or first a reason when it differs much from the book.
    fn apply_counted(
        &mut self,
        (item, location, lot): (String, String, Option<String>),
        text: &str,
        this: Overlay,
    ) {
        let Some(counted) = parse(text) else {
            return self.reopen(this, strings::not_a_number(text));
        };
        let book = match self.service.book_qty(&item, &location, lot.as_deref()) {
            Ok(b) => b,
            Err(e) => return self.reopen(this, e.to_string()),
        };
        if !self.service.count_needs_reason(book, counted) {
            return self.post_count((&item, &location, lot.as_deref()), counted, None, this);
        }
        // A large difference is confirmed with a reason, shown with its size.
        let diff = counted - book;
        let sign = if diff.is_sign_negative() { "" } else { "+" };
        let pct = crate::service::floor::difference_pct(book, counted)
            .map_or_else(String::new, |p| format!(" ({sign}{}%)", canonical(p)));
        let title = format!(
            "{item} at {location}: book {}, counted {} = {sign}{}{pct}. Pick a reason to post it",
            canonical(book),
            canonical(counted),
            canonical(diff)
        );
        let choices = self.reason_choices(crate::service::ReasonKind::Count);
        self.overlays.push(
            Overlay::prompt(
                title,
                Field::new(FieldKind::Text, ""),
                PromptKind::CountReason {
                    item,
                    location,
                    lot,
                    counted,
                },
            )
            .with_choices(choices)
            .after(this),
        );
    }

    /// A transfer's source, checked at its own step (not after the quantity); then how many,
    /// the shortfall offered.
    fn apply_transfer_from(&mut self, item: String, to: String, from: String, this: Overlay) {
        if from.is_empty() {
            return self.reopen(this, "type the location to take it from");
        }
        match self.service.location_kind(&from) {
            Ok(Some(_)) if from != to => {}
            Ok(Some(_)) => {
                return self.reopen(
                    this,
                    format!("{from} is where it goes; pick where it comes from"),
                );
            }
            Ok(None) => return self.reopen(this, format!("unknown location {from}")),
            Err(e) => return self.error(e.to_string()),
        }
        let need = match &self.screen {
            Screen::Staging(s) => s.rows.iter().find(|r| r.item == item).map(|r| r.shortfall),
            _ => None,
        };
        let qty = need
            .filter(|n| !n.is_zero())
            .map(canonical)
            .unwrap_or_default();
        self.overlays.push(
            Overlay::prompt(
                format!("How many {item} from {from} to {to}"),
                Field::new(FieldKind::Number, &qty),
                PromptKind::TransferQty { item, from, to },
            )
            .after(this),
        );
    }

    /// A transfer's quantity: posted, or first its lots for a tracked item (SPEC §9).
    fn apply_transfer_qty(
        &mut self,
        item: String,
        (from, to): (String, String),
        text: &str,
        this: Overlay,
    ) {
        let Some(qty) = parse(text) else {
            return self.reopen(this, strings::not_a_number(text));
        };
        if !self.service.is_tracked(&item).unwrap_or(false) {
            return self.post_transfer((&item, qty), (&from, &to), None, this);
        }
        // A tracked item leaves by lot: picked, or in pick order.
        let choices = self.lot_choices(&item, &from, Some(qty));
        self.overlays.push(
            Overlay::prompt(
                format!("Lots of {item} from {from} (LOT or LOT:QTY,…; Enter alone: pick order)"),
                Field::new(FieldKind::Text, ""),
                PromptKind::TransferLots {
                    item,
                    from,
                    to,
                    qty,
                },
            )
            .with_choices(choices)
            .after(this),
        );
    }

    /// Posts a count and says what it posted: the adjustment and the waiting lines it let
    /// post. A refused count reopens `this` with the reason.
    fn post_count(
        &mut self,
        (item, location, lot): (&str, &str, Option<&str>),
        counted: Quantity,
        reason: Option<&str>,
        this: Overlay,
    ) {
        let who = self.credentials();
        match self
            .service
            .cycle_count_with(item, location, lot, counted, reason, &who)
        {
            Ok(c) => {
                self.open_staging();
                let diff = c.counted - c.expected;
                let mut lines = vec![
                    format!(
                        "{item} at {location}: book {}, counted {}.",
                        canonical(c.expected),
                        canonical(c.counted)
                    ),
                    if diff.is_zero() {
                        "No difference: nothing adjusted.".to_string()
                    } else {
                        format!(
                            "Adjusted by {}{} {item}{}.",
                            if diff.is_sign_negative() { "" } else { "+" },
                            canonical(diff),
                            c.reason
                                .as_deref()
                                .map_or_else(String::new, |r| format!(" (reason {r})"))
                        )
                    },
                ];
                for e in &c.posted {
                    lines.push(format!(
                        "Waiting line posted: {} {} for order {} (#{}).",
                        canonical(e.qty),
                        e.item,
                        e.order,
                        e.id
                    ));
                }
                lines.push(format!(
                    "Counts that found the book quantity: {} of {}.",
                    c.accuracy.0, c.accuracy.1
                ));
                self.note(format!(
                    "{item} at {location} counted {}; {} posted",
                    canonical(c.counted),
                    strings::count(c.posted.len(), "waiting line")
                ));
                self.overlays.push(Overlay::Message {
                    title: "Counted".into(),
                    lines,
                    severity: Severity::Success,
                });
            }
            Err(e) => self.overlays.push(this.with_error(e.to_string())),
        }
    }

    /// Posts a transfer (a tracked item by the lots named, else in pick order) and says what
    /// it moved. A refused transfer reopens `this` with the reason.
    fn post_transfer(
        &mut self,
        (item, qty): (&str, Quantity),
        (from, to): (&str, &str),
        lots: Option<&str>,
        this: Overlay,
    ) {
        let who = self.credentials();
        match self
            .service
            .transfer_lots(item, qty, (from, to), lots, &who)
        {
            Ok((moved, posted)) => {
                self.open_staging();
                let lots = if moved.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = moved
                        .iter()
                        .map(|l| format!("{} {}", l.lot, canonical(l.qty)))
                        .collect();
                    format!(" (lots {})", names.join(", "))
                };
                self.note(format!(
                    "moved {} {item} from {from} to {to}{lots}; {} posted",
                    canonical(qty),
                    strings::count(posted.len(), "waiting line")
                ));
            }
            Err(e) => self.overlays.push(this.with_error(e.to_string())),
        }
    }

    /// The lots of `item` at `location` in pick order, with quantity and expiry. For a move of
    /// `moving`, the first choice (an empty code) leaves the lots to the pick order, and the
    /// unknown lot is named `:QTY` (SPEC §9).
    fn lot_choices(&self, item: &str, location: &str, moving: Option<Quantity>) -> Vec<Choice> {
        let auto = moving.map(|_| Choice {
            code: String::new(),
            detail: "the plant's pick order chooses".into(),
        });
        let unknown = moving.map(|qty| format!(":{}", canonical(qty)));
        let lots = self
            .service
            .lots_at(item, location)
            .unwrap_or_default()
            .into_iter()
            .map(|lot| Choice::lot(lot, unknown.clone(), false));
        auto.into_iter().chain(lots).collect()
    }
}
