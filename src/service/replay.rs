//! The results kept with a posting for its key's replay: a report's [`ReportResult`] (stored
//! as JSON with the report, read back unchanged) and the lots of a hand issue. They are the
//! service's types because the store keeps them; the command line prints them as they are.

use serde::{Deserialize, Serialize};

use crate::domain::backflush::{LineStatus, PlanWarning, ReportPlan};
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::ReportId;
use crate::domain::lots::LotQty;
use crate::domain::qty::{Hours, Money, Quantity};

/// A report as `preview` and `report` print it, and as a key's retry returns it:
/// it serializes to the JSON stored with the report and reads back from it unchanged (same
/// fields in the same order, the same nulls, the same skipped fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportResult {
    /// `None` in a preview: the field is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_id: Option<ReportId>,
    pub order: OrderNo,
    pub operation: i64,
    pub good: Quantity,
    pub scrap: Quantity,
    pub lines: Vec<LineResult>,
    pub receipt: Option<ReceiptResult>,
    pub labor: Vec<LaborResult>,
    pub warnings: Vec<ResultWarning>,
}

/// A warning of a [`ReportResult`]: the plan's, with its numbers; a result kept by an
/// earlier version holds its warnings as that version worded them, and replays them so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ResultWarning {
    Plan(PlanWarning),
    Kept(String),
}

/// One line of a [`ReportResult`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineResult {
    pub line: String,
    pub item: ItemCode,
    /// Null for a non-stock line: it has no location.
    pub location: Option<LocationCode>,
    pub planned: Quantity,
    pub qty: Quantity,
    pub line_scrap: Quantity,
    pub status: LineStatus,
    pub overridden: bool,
    /// What the line lacks at its location after the lines before it ("0" when it fits),
    /// under every policy; "0" in a report stored before lines carried it.
    #[serde(default)]
    pub shortfall: Quantity,
    /// Once users exist: whether the line's override needs a lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_approval: Option<bool>,
    /// Empty in a report posted before lots existed (its stored JSON has no `lots`).
    #[serde(default)]
    pub lots: Vec<LotResult>,
}

/// One lot taken or received, in the order taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotResult {
    pub lot: String,
    pub qty: Quantity,
}

/// The lots of a posting as JSON shows them.
pub(crate) fn lot_results(lots: &[LotQty]) -> Vec<LotResult> {
    lots.iter()
        .map(|l| LotResult {
            lot: l.lot.clone(),
            qty: l.qty,
        })
        .collect()
}

/// The finished goods a [`ReportResult`] received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptResult {
    pub item: ItemCode,
    pub location: LocationCode,
    pub qty: Quantity,
    /// Empty in a report posted before lots existed.
    #[serde(default)]
    pub lots: Vec<LotResult>,
}

/// The labor of one operation of a [`ReportResult`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaborResult {
    pub operation: i64,
    pub setup_hours: Hours,
    pub run_hours: Hours,
    pub labor_cost: Money,
    pub overhead_cost: Money,
}

/// The [`ReportResult`] of `plan`, each line carrying `needs_approval` from `marks` when
/// given.
#[must_use]
pub fn report_result(
    plan: &ReportPlan,
    report_id: Option<ReportId>,
    marks: Option<&[bool]>,
) -> ReportResult {
    ReportResult {
        report_id,
        order: plan.order.clone(),
        operation: plan.operation,
        good: plan.good,
        scrap: plan.scrap,
        lines: plan
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| LineResult {
                line: l.line.clone(),
                item: l.item.clone(),
                location: (!l.non_stock).then(|| l.location.clone()),
                planned: l.planned,
                qty: l.qty,
                line_scrap: l.line_scrap,
                status: l.status,
                overridden: l.overridden,
                shortfall: l.shortfall,
                needs_approval: marks.and_then(|m| m.get(i).copied()),
                lots: lot_results(&l.lots),
            })
            .collect(),
        receipt: plan.receipt.as_ref().map(|r| ReceiptResult {
            item: r.item.clone(),
            location: r.location.clone(),
            qty: r.qty,
            lots: lot_results(&r.lots),
        }),
        labor: plan
            .labor
            .iter()
            .map(|l| LaborResult {
                operation: l.operation,
                setup_hours: l.setup_hours,
                run_hours: l.run_hours,
                labor_cost: l.labor_cost,
                overhead_cost: l.overhead_cost,
            })
            .collect(),
        warnings: plan
            .warnings
            .iter()
            .cloned()
            .map(ResultWarning::Plan)
            .collect(),
    }
}
