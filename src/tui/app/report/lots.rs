//! A manual line's hand issue, and the lots or serials a tracked line takes (SPEC §9).

use super::*;

impl App {
    /// A lot- or serial-tracked manual line: its hand issue needs its lots.
    pub(super) fn is_tracked_manual(&self, line: &str) -> bool {
        let Screen::Report(r) = &self.screen else {
            return false;
        };
        r.planned(line).is_some_and(|l| {
            l.status == LineStatus::Manual && l.tracking != Tracking::None && !l.non_stock
        })
    }

    /// A manual line takes its planned quantity as the hand issue with one key, then asks for
    /// its lots when tracked.
    pub(super) fn hand_issue_planned(&mut self, line: &str) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let Some(l) = r.planned(line) else { return };
        if l.status != LineStatus::Manual {
            return self.error(format!(
                "line {line} ({}) is backflushed: e sets the quantity it issues",
                l.item
            ));
        }
        let planned = l.planned;
        if self.is_tracked_manual(line) {
            return self.ask_lots(line, Some(planned));
        }
        match self.set_override(line, Change::Qty(planned)) {
            Ok(()) => self.after_change(line),
            Err(e) => self.error(e),
        }
    }

    /// Asks the lots or serials of a tracked line: scanned, typed as `LOT[:QTY],…`, or picked
    /// from the lots at the issue location in pick order (with quantity and expiry).
    pub(super) fn ask_lots(&mut self, line: &str, hand: Option<Quantity>) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let Some(l) = r.planned(line) else { return };
        if l.tracking == Tracking::None || l.non_stock {
            return self.error(format!(
                "line {line} ({}) is not lot- or serial-tracked: it takes no lots",
                l.item
            ));
        }
        let total = hand.map_or_else(|| l.total(), |h| h + l.line_scrap);
        let (item, location) = (l.item.clone(), l.location.clone());
        let what = if l.tracking == Tracking::Serial {
            "Serials"
        } else {
            "Lots"
        };
        let choices = self.line_lot_choices(&item, &location, total);
        self.overlays.push(
            Overlay::prompt(
                format!(
                    "{what} for line {line} {item}: {} from {location} (LOT or LOT:QTY,…)",
                    canonical(total)
                ),
                Field::new(FieldKind::Text, ""),
                PromptKind::Lots {
                    line: line.to_string(),
                    hand,
                },
            )
            .with_choices(choices),
        );
    }

    /// The lots of `item` at `location` in pick order for a line taking `total`; the unknown
    /// lot is named by `:QTY` (SPEC §9), an expired one says it needs a lead.
    fn line_lot_choices(&self, item: &str, location: &str, total: Quantity) -> Vec<Choice> {
        let today = self.now.date_naive();
        self.service
            .lots_at(item, location)
            .unwrap_or_default()
            .into_iter()
            .map(|lot| {
                let expired = crate::domain::lots::is_expired(lot.expires.as_deref(), today);
                Choice::lot(lot, Some(format!(":{}", canonical(total))), expired)
            })
            .collect()
    }

    /// The lots typed or picked for a line, with its hand issue when there is one: applied
    /// together, or the prompt comes back with why not.
    pub(super) fn apply_lots(
        &mut self,
        line: &str,
        hand: Option<Quantity>,
        text: String,
        this: Overlay,
    ) {
        if text.is_empty() {
            return self.reopen(this, "scan or pick a lot");
        }
        let mut changes: Vec<Change> = hand.map(Change::Qty).into_iter().collect();
        changes.push(Change::Lots(text));
        if let Err(e) = self.set_overrides(line, changes) {
            self.reopen(this, e);
        }
    }
}
