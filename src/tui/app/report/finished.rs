//! The finished goods a report receives: the lot a lot-tracked parent goes into (the order
//! number unless another is set), the serials of a serial-tracked one (one per good unit).

use crate::tui::app::Effect;
use crate::tui::app::LeadRule;
use crate::tui::app::Overlay;
use crate::tui::app::Planner;
use crate::tui::app::PromptKind;
use crate::tui::app::Quantity;
use crate::tui::app::ReportState;
use crate::tui::app::report::Tracking;
use crate::tui::field::Field;
use crate::tui::field::FieldKind;
use crate::tui::strings;

impl<C: Planner> ReportState<C> {
    /// How the item received is tracked, as the preview says: serials asked or given, a
    /// receipt into a lot, or none; `None` when the report receives nothing.
    fn parent_tracking(&self) -> Option<Tracking> {
        if self.needs_fg_serials || !self.fg_serials.is_empty() {
            return Some(Tracking::Serial);
        }
        let receipt = self.plan.as_ref()?.receipt.as_ref()?;
        Some(if receipt.lots.is_empty() {
            Tracking::None
        } else {
            Tracking::Lot
        })
    }

    /// `f`: the lot the finished goods go into, or their serials; refused where the report
    /// receives nothing or the item is not tracked.
    #[must_use]
    pub fn ask_finished(&self, then_post: bool) -> Effect {
        let order = self.context.order();
        match self.parent_tracking() {
            Some(Tracking::Serial) => {
                let good = self.request().map(|r| r.good).unwrap_or(Quantity::ZERO);
                let prompt = Overlay::prompt(
                    strings::finished_serials_title(&order.item, good),
                    Field::new(FieldKind::Text, &self.fg_serials.join(",")),
                    PromptKind::FinishedSerials { then_post },
                );
                Effect::show(prompt)
            }
            Some(Tracking::Lot) => Effect::show(Overlay::prompt(
                strings::finished_lot_title(&order.item, &order.order),
                Field::new(
                    FieldKind::Text,
                    self.fg_lot.as_deref().unwrap_or(order.order.as_str()),
                ),
                PromptKind::FinishedLot,
            )),
            Some(Tracking::None) => Effect::Error(strings::finished_untracked(&order.item)),
            None => Effect::Error(strings::nothing_received()),
        }
    }

    /// The lot typed for the receipt (empty: the order number); refused and the prompt
    /// kept when the engine refuses it.
    pub(super) fn apply_finished_lot(&mut self, text: String, this: Overlay) -> Effect {
        let before = self.fg_lot.clone();
        let order = self.context.order().order.to_string();
        self.fg_lot = (!text.is_empty() && text != order).then_some(text);
        self.recalculate();
        if let Some(problem) = self.problem.clone().filter(|_| !self.needs_fg_serials) {
            self.fg_lot = before;
            self.recalculate();
            return Effect::reopen(this, problem);
        }
        self.edited = true;
        Effect::None
    }

    /// The serials scanned or typed (`S1,S2,…`) for the units received: one per good unit;
    /// `then_post` goes on to the confirmation.
    pub fn apply_finished_serials(
        &mut self,
        text: &str,
        then_post: bool,
        this: Overlay,
        lead: &LeadRule,
    ) -> Effect {
        let before = std::mem::take(&mut self.fg_serials);
        self.fg_serials = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        self.recalculate();
        if let Some(problem) = self.problem.clone() {
            self.fg_serials = before;
            self.recalculate();
            return Effect::reopen(this, problem);
        }
        self.edited = true;
        if then_post {
            self.confirm_post(lead)
        } else {
            Effect::None
        }
    }
}
