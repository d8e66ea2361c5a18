//! What a report plans per material line, and the plan as a whole: the engine's output.

use super::{
    Booking, Decimal, Hours, LotQty, ManualReason, Money, Per, PickOrder, Quantity, Ratio, Tracking,
};
use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};

/// What a line of the preview will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStatus {
    Issue,
    Deferred,
    Short,
    Manual,
    Skipped,
}

text_enum!(LineStatus {
    Issue => "issue",
    Deferred => "deferred",
    Short => "short",
    Manual => "manual",
    Skipped => "skipped",
});

/// The numbers behind a line's planned quantity, for the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub per: Per,
    pub qty: Decimal,
    pub base: Decimal,
    pub scrap_factor: Decimal,
    pub units_before: Quantity,
    pub units_after: Quantity,
    /// The exact requirement for `units_after` before rounding.
    pub exact_after: Quantity,
    pub target_after: Quantity,
    pub prior_planned: Quantity,
    pub decimals: u32,
    /// The product of the unit conversions folded into `qty` / `base`.
    pub ratio: Ratio,
    /// The BOM line's own unit and its quantity per base units in it, when it is written in
    /// another unit than the component's.
    pub bom_uom: Option<BomUnit>,
}

/// A BOM line written in another unit than its component's: that unit, and the line's
/// quantity per base units in it.
#[derive(Debug, Clone, PartialEq)]
pub struct BomUnit {
    pub uom: String,
    pub qty: Decimal,
    pub base: Decimal,
}

/// One material line of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedLine {
    pub line: String,
    pub item: ItemCode,
    pub description: String,
    /// The component's unit: every quantity of the line is in it.
    pub uom: String,
    pub operation: i64,
    pub location: LocationCode,
    /// Where the location came from: "override", "supply location" or the work center.
    pub location_source: LocationSource,
    /// What the location holds in lots that can be used: an expired lot's quantity is not on
    /// hand for the line.
    pub on_hand: Quantity,
    /// What the location holds in expired lots, shown apart from `on_hand`.
    pub expired_on_hand: Quantity,
    pub planned: Quantity,
    pub qty: Quantity,
    pub line_scrap: Quantity,
    pub status: LineStatus,
    pub overridden: bool,
    /// The part of `qty + line_scrap` not on hand (deferred or short lines).
    pub shortfall: Quantity,
    /// This report is the one that carries a per-order quantity.
    pub carries_order_qty: bool,
    /// Why a manual line is manual.
    pub manual_reason: Option<ManualReason>,
    pub unit_cost: Money,
    pub derivation: Derivation,
    /// How the component is tracked: lot and serial lines issue by lot.
    pub tracking: Tracking,
    /// A non-stock line has no location and no balance: its hand issue is journalled only.
    pub non_stock: bool,
    /// The lots the line takes, in the order they are taken (empty for untracked lines and
    /// lines that issue nothing).
    pub lots: Vec<LotQty>,
    /// Expired lots named by `--lot`: posting them needs a lead.
    pub expired_lots: Vec<String>,
    /// Expired lots at the location that an automatic pick passed over.
    pub skipped_expired: Vec<String>,
    /// The order the lots were chosen in, when the program chose them (not `--lot`).
    pub picked_by: Option<PickOrder>,
}

impl PlannedLine {
    /// The whole quantity that leaves stock: issue plus line scrap.
    #[must_use]
    pub fn total(&self) -> Quantity {
        self.qty + self.line_scrap
    }

    /// A manual line that this report issues by hand.
    #[must_use]
    pub fn is_hand_issue(&self) -> bool {
        self.status == LineStatus::Manual && !self.qty.is_zero()
    }

    /// The line moves stock with this report: issued, or issued by hand from a location.
    #[must_use]
    pub fn moves_stock(&self) -> bool {
        !self.non_stock && (self.status == LineStatus::Issue || self.is_hand_issue())
    }
}

/// Whether a line's override is larger than `tolerance_pct` percent of planned, so that a user
/// who may not approve overrides needs a lead's: |qty + line scrap − planned| > planned ×
/// tolerance (on a line planned at 0, issuing anything is larger). A skip never is: it leaves
/// the line for a hand issue.
#[must_use]
pub fn needs_approval(line: &PlannedLine, tolerance_pct: Decimal) -> bool {
    let tolerance = tolerance_pct / Decimal::ONE_HUNDRED;
    line.overridden
        && line.status != LineStatus::Skipped
        && (line.total() - line.planned).abs() > line.planned * tolerance
}

/// Finished goods received at the last operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub item: ItemCode,
    pub location: LocationCode,
    pub qty: Quantity,
    pub unit_cost: Money,
    /// The lot or serials received (empty for an untracked parent).
    pub lots: Vec<LotQty>,
}

/// Labor and overhead absorbed at standard for one flushed operation.
#[derive(Debug, Clone, PartialEq)]
pub struct LaborLine {
    pub operation: i64,
    pub work_center: String,
    pub setup_hours: Hours,
    pub run_hours: Hours,
    pub labor_cost: Money,
    pub overhead_cost: Money,
    /// This report is the one that carries the setup hours.
    pub carries_setup: bool,
}

/// Where a line issues from, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocationSource {
    /// Its BOM line's supply location.
    BomSupply,
    /// The machine location of its work center.
    WorkCenter(String),
    /// The location a user gave instead.
    Override,
}

/// Something a report may post but the user should know, with its numbers.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanWarning {
    /// The reported operation's units pass those of an earlier count point.
    AheadOfCountPoint {
        operation: i64,
        /// The reported operation's units after the report.
        units: Quantity,
        count_point: i64,
        /// The count point's units.
        at: Quantity,
    },
}

/// Everything a report would post.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPlan {
    pub order: OrderNo,
    pub operation: i64,
    pub good: Quantity,
    pub scrap: Quantity,
    pub lines: Vec<PlannedLine>,
    pub receipt: Option<Receipt>,
    pub labor: Vec<LaborLine>,
    pub warnings: Vec<PlanWarning>,
    /// Value of one scrapped parent unit at this operation.
    pub scrap_unit_value: Money,
    pub journal: Vec<Booking>,
}

impl ReportPlan {
    /// Lines that refuse the report under the `block` policy.
    pub fn short_lines(&self) -> impl Iterator<Item = &PlannedLine> {
        self.lines.iter().filter(|l| l.status == LineStatus::Short)
    }

    /// Standard material cost of this report's planned quantities.
    #[must_use]
    pub fn expected_cost(&self) -> Money {
        self.lines.iter().map(|l| l.planned * l.unit_cost).sum()
    }

    /// Material cost of what the lines will issue (deferred included).
    #[must_use]
    pub fn actual_cost(&self) -> Money {
        self.lines.iter().map(|l| l.total() * l.unit_cost).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::master::Tracking;
    use crate::domain::uom::Ratio;

    fn line(planned: i64, qty: i64, scrap: i64, overridden: bool) -> PlannedLine {
        let q = |n: i64| Quantity::from(Decimal::from(n));
        PlannedLine {
            line: "10".into(),
            item: ItemCode::from("BDY-100"),
            description: String::new(),
            uom: "EA".into(),
            operation: 10,
            location: LocationCode::from("M-ASM"),
            location_source: LocationSource::BomSupply,
            on_hand: q(100),
            expired_on_hand: Quantity::ZERO,
            planned: q(planned),
            qty: q(qty),
            line_scrap: q(scrap),
            status: LineStatus::Issue,
            overridden,
            shortfall: Quantity::ZERO,
            carries_order_qty: false,
            manual_reason: None,
            unit_cost: Money::ZERO,
            derivation: Derivation {
                per: Per::Unit,
                qty: Decimal::ONE,
                base: Decimal::ONE,
                scrap_factor: Decimal::ZERO,
                units_before: Quantity::ZERO,
                units_after: q(planned),
                exact_after: q(planned),
                target_after: q(planned),
                prior_planned: Quantity::ZERO,
                decimals: 0,
                ratio: Ratio::ONE,
                bom_uom: None,
            },
            tracking: Tracking::None,
            non_stock: false,
            lots: Vec::new(),
            expired_lots: Vec::new(),
            skipped_expired: Vec::new(),
            picked_by: None,
        }
    }

    #[test]
    fn an_override_needs_approval_only_beyond_the_tolerance_and_a_skip_never() {
        let ten = Decimal::TEN;
        assert!(
            !needs_approval(&line(10, 11, 0, true), ten),
            "1 of 10 is 10%"
        );
        assert!(
            needs_approval(&line(10, 11, 1, true), ten),
            "line scrap counts"
        );
        assert!(
            needs_approval(&line(10, 8, 0, true), ten),
            "less counts as more"
        );
        assert!(
            !needs_approval(&line(10, 20, 0, false), ten),
            "not an override"
        );
        assert!(
            needs_approval(&line(0, 1, 0, true), ten),
            "planned 0: anything"
        );
        let mut skipped = line(10, 0, 0, true);
        skipped.status = LineStatus::Skipped;
        assert!(!needs_approval(&skipped, ten));
    }
}
