//! The backflush calculation: which material lines a report flushes, how much of
//! each, from where, and what else it posts (receipt, labor, journal).
//!
//! Invariants this module keeps, and the store relies on:
//! - **Cumulative targets.** A per-unit line issues `max(0, target(U') − P)` where `target`
//!   rounds the exact requirement up to the item's decimals and `P` is the sum of the line's
//!   unreversed planned quantities. Any split of a quantity into reports issues exactly what
//!   one report of the total would; reversing a report takes its units out of `U` and its
//!   planned quantities out of `P`.
//! - **One division.** A requirement is `U × qty × scrap_factor / base`, multiplied first and
//!   divided once, so 2/3 × 3 is exactly 2.
//! - **Overrides are variance.** `P` sums the standard (`planned`), never what was issued.
//! - **Pure.** Nothing here reads a clock, a file or the store: the caller passes the order,
//!   its progress, the master data and the stock it needs through [`Lookup`].

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

mod cost;
mod error;
mod line;
mod overrides;
mod plan;
mod progress;
mod rules;
mod stock;

pub use error::{
    ChangeKind, Computed, FinishedLotProblem, LotProblem, Over, OverrideProblem, QtyField,
    QtyProblem, ReportError, ShortLine, check_quantity,
};
pub use line::{
    BomUnit, Derivation, LaborLine, LineStatus, LocationSource, PlanWarning, PlannedLine, Receipt,
    ReportPlan, needs_approval,
};
pub use overrides::{KeyMiss, LineNames, line_by_key, resolve_key};
pub use plan::{plan, plan_to_post};
pub use progress::{Need, derived_line_progress, remaining_needs};
pub use rules::{
    LIMIT, ManualReason, always_manual, backflushed, covering_count_point, flushed_operations,
    manual_reason, standard_qty, target,
};

use super::journal::{Account, Booking};
use super::lots::{LotQty, LotSelection, LotStock, PickOrder};
use super::master::{Item, ItemType, Per, Tracking, WorkCenter};
use super::order::{Order, OrderMaterial, OrderOperation};
use super::qty::{Hours, Money, Quantity};
use super::uom::Ratio;

/// What happens when an issue location does not hold enough stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NegativeStock {
    /// Post the report; short lines go to the exception queue.
    #[default]
    Defer,
    /// Refuse the whole report.
    Block,
    /// Let the balance go negative.
    Allow,
}

text_enum!(NegativeStock { Defer => "defer", Block => "block", Allow => "allow" });

/// The parts of the configuration the calculation obeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Policy {
    pub negative_stock: NegativeStock,
    pub over_report_tolerance_pct: Decimal,
    pub lot_selection: LotSelection,
}

/// What the unreversed reports of an order add up to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub operations: HashMap<i64, OperationProgress>,
    pub lines: HashMap<String, LineProgress>,
}

/// Cumulative units reported at one operation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OperationProgress {
    pub good: Quantity,
    pub scrap: Quantity,
    /// Unreversed reports that charged this operation's setup hours.
    pub setup_carried: i64,
}

impl OperationProgress {
    #[must_use]
    pub fn units(&self) -> Quantity {
        self.good + self.scrap
    }
}

/// What the unreversed reports planned for one material line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineProgress {
    /// `P`: the sum of planned quantities.
    pub planned: Quantity,
    /// Unreversed reports that carried a per-order quantity.
    pub carried: i64,
}

/// The master data and stock the calculation reads.
pub trait Lookup {
    fn item(&self, item: &str) -> Option<&Item>;
    fn work_center(&self, work_center: &str) -> Option<&WorkCenter>;
    fn location_exists(&self, location: &str) -> bool;
    fn on_hand(&self, item: &str, location: &str) -> Quantity;
    /// The lots of a tracked item at a location with a non-zero balance (any order).
    fn lots(&self, _item: &str, _location: &str) -> Vec<LotStock> {
        Vec::new()
    }
    /// Whether a serial of an item is in stock anywhere or was ever issued to an order (a
    /// finished serial must be new).
    fn serial_known(&self, _item: &str, _serial: &str) -> bool {
        false
    }
    /// Today (UTC): lots that expired before it are never chosen automatically.
    fn today(&self) -> NaiveDate {
        NaiveDate::MIN
    }
}

/// A completion as the operator keys it in.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct ReportRequest {
    pub operation: i64,
    pub good: Quantity,
    pub scrap: Quantity,
    pub overrides: Vec<Override>,
    /// `--fg-lot`: the lot a lot-tracked parent is received into (default the order number).
    pub fg_lot: Option<String>,
    /// `--fg-serial`: one new serial per good unit of a serial-tracked parent.
    pub fg_serials: Vec<String>,
}

/// One override of the preview; `key` is a line id or an item code.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Override {
    pub key: String,
    pub change: Change,
}

/// What an override changes on its line.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Change {
    Qty(Quantity),
    LineScrap(Quantity),
    Location(String),
    Skip,
    /// `--lot KEY=ALLOCATION`: the lots the line takes.
    Lots(String),
}

impl Change {
    fn kind(&self) -> ChangeKind {
        match self {
            Change::Qty(_) => ChangeKind::Qty,
            Change::LineScrap(_) => ChangeKind::LineScrap,
            Change::Location(_) => ChangeKind::Location,
            Change::Skip => ChangeKind::Skip,
            Change::Lots(_) => ChangeKind::Lots,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rules::REQUIREMENT_LIMIT;
    use super::*;

    #[test]
    fn the_limits_are_powers_of_ten() {
        assert_eq!(LIMIT, Decimal::from(1_000_000_000_000_i64));
        assert_eq!(REQUIREMENT_LIMIT, Decimal::from(1_000_000_000_000_000_i64));
    }
}
