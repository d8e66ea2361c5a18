//! A manual line's hand issue, and the lots or serials a tracked line takes.
use super::{Effect, Field, FieldKind, LineStatus, Overlay, Planner, ReportState, Tracking};
use crate::tui::app::{Change, Choices, PromptKind, Quantity};
use crate::tui::strings;
use rust_decimal::prelude::ToPrimitive;

impl<C: Planner> ReportState<C> {
    /// A lot- or serial-tracked manual line: its hand issue needs its lots.
    pub(super) fn is_tracked_manual(&self, line: &str) -> bool {
        self.planned(line).is_some_and(|l| {
            l.status == LineStatus::Manual && l.tracking != Tracking::None && !l.non_stock
        })
    }

    /// A manual line takes its planned quantity as the hand issue with one key, then asks for
    /// its lots when tracked.
    pub(super) fn hand_issue_planned(&mut self, line: &str) -> Effect {
        let Some(l) = self.planned(line) else {
            return Effect::None;
        };
        if l.status != LineStatus::Manual {
            return Effect::Error(crate::tui::i18n::tr(
                crate::tui::i18n::Msg::LineBackflushed,
                &[("line", line.into()), ("item", l.item.to_string().into())],
            ));
        }
        let planned = l.planned;
        if self.is_tracked_manual(line) {
            return self.ask_lots(line, Some(planned));
        }
        match self.apply_changes(line, vec![Change::Qty(planned)]) {
            Ok(()) => self.after_change(line),
            Err(e) => Effect::Error(e),
        }
    }

    /// Asks the lots or serials of a tracked line: scanned, typed as `LOT[:QTY],…`, or picked
    /// from the lots at the issue location in pick order (with quantity and expiry).
    pub(super) fn ask_lots(&self, line: &str, hand: Option<Quantity>) -> Effect {
        let Some(l) = self.planned(line) else {
            return Effect::None;
        };
        if l.tracking == Tracking::None || l.non_stock {
            return Effect::Error(crate::tui::i18n::tr(
                crate::tui::i18n::Msg::LineNotTracked,
                &[("line", line.into()), ("item", l.item.to_string().into())],
            ));
        }
        let total = hand.map_or_else(|| l.total(), |h| h + l.line_scrap);
        let (item, location) = (l.item.clone(), l.location.clone());
        let serial = l.tracking == Tracking::Serial;
        let mut prompt = Overlay::prompt(
            strings::line_lots_title(&strings::LineLots {
                serial,
                line,
                item: &item,
                total,
                location: &location,
            }),
            Field::new(FieldKind::Text, ""),
            PromptKind::Lots {
                line: line.to_string(),
                hand,
            },
        );
        if serial && total.get() > rust_decimal::Decimal::ZERO {
            // One serial per unit: the list takes as many as the line issues.
            let needed = total.get().ceil().to_usize().unwrap_or(usize::MAX);
            prompt = prompt.with_marks(needed);
        }
        let from = Choices::LineLots {
            item: item.to_string(),
            location: location.to_string(),
            total,
        };
        Effect::pick(prompt, from)
    }

    /// The lots typed or picked for a line, with its hand issue when there is one: applied
    /// together, or the prompt comes back with why not.
    pub(super) fn apply_lots(
        &mut self,
        line: &str,
        hand: Option<Quantity>,
        text: String,
        this: Overlay,
    ) -> Effect {
        if text.is_empty() {
            let serial = self
                .planned(line)
                .is_some_and(|l| l.tracking == Tracking::Serial);
            return Effect::reopen(this, strings::scan_or_pick_lot(serial));
        }
        let mut changes: Vec<Change> = hand.map(Change::Qty).into_iter().collect();
        changes.push(Change::Lots(text));
        match self.apply_changes(line, changes) {
            Err(e) => Effect::reopen(this, e),
            Ok(()) => Effect::None,
        }
    }
}
