//! An order loaded for previews, so the terminal recalculates on every key without the store.

use super::{Order, Prefetched, ReportPlan, ReportRequest, backflush};
use crate::domain::backflush::Lookup;
use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;
use crate::service::{Item, Quantity, ReportError, WorkCenter};

/// A material an order still needs at an issue location that holds less.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortage {
    pub item: ItemCode,
    pub location: LocationCode,
    pub need: Quantity,
    pub on_hand: Quantity,
}

/// An order loaded for previews: recalculating is pure and needs no store access.
pub struct ReportContext {
    pub order: Order,
    pub progress: backflush::Progress,
    pub(in crate::service) lookup: Prefetched,
    pub(in crate::service) policy: backflush::Policy,
}

impl ReportContext {
    /// What a report would post.
    ///
    /// # Errors
    /// As [`backflush::plan`].
    pub fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError> {
        backflush::plan(
            &self.order,
            &self.progress,
            request,
            &self.lookup,
            &self.policy,
        )
    }

    /// A master item the order uses.
    #[must_use]
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.lookup.items.get(code).map(|i| &**i)
    }

    /// The component and work center of a material line of the order.
    fn line_master(
        &self,
        material: &crate::domain::order::OrderMaterial,
    ) -> Option<(&Item, &WorkCenter)> {
        let work_center = self
            .order
            .operations
            .iter()
            .find(|o| o.operation == material.operation)
            .and_then(|o| self.lookup.work_center(&o.work_center))?;
        Some((self.item(&material.component)?, work_center))
    }

    /// Whether a material line of the order is backflushed (else it is a manual line, issued
    /// only by hand).
    #[must_use]
    pub fn is_backflushed(&self, material: &crate::domain::order::OrderMaterial) -> bool {
        self.line_master(material).is_some_and(|(item, wc)| {
            backflush::backflushed(material, item, wc, self.policy.lot_selection)
        })
    }

    /// Why a line is issued by hand whatever its flags say, if it is.
    #[must_use]
    pub fn always_manual(
        &self,
        material: &crate::domain::order::OrderMaterial,
    ) -> Option<backflush::ManualReason> {
        let (item, wc) = self.line_master(material)?;
        backflush::always_manual(item, wc, self.policy.lot_selection)
    }

    /// Whether balances at `location` were read.
    #[must_use]
    pub fn knows_location(&self, location: &str) -> bool {
        self.lookup.location_exists(location)
    }
}
