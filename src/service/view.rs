//! The JSON shapes of SPEC §4, built from service results. Quantities, hours and money are
//! decimal strings without trailing zeros.

use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::domain::backflush::{LineStatus, ReportPlan};
use crate::domain::ids::ReportId;
use crate::domain::lots::LotQty;
use crate::domain::qty::{Hours, Money, Quantity};
use crate::domain::variance::Variance;
use crate::store::exceptions::ExceptionRow;
use crate::store::queries::BalanceRow;
use crate::store::reports::Reversal;

/// A report as `preview` and `report` print it (SPEC §4), and as a key's retry returns it:
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
    pub warnings: Vec<String>,
}

/// One line of a [`ReportResult`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineResult {
    pub line: String,
    pub item: ItemCode,
    /// Null for a non-stock line: it has no location (SPEC §9).
    pub location: Option<LocationCode>,
    pub planned: Quantity,
    pub qty: Quantity,
    pub line_scrap: Quantity,
    pub status: LineStatus,
    pub overridden: bool,
    /// Once users exist: whether the line's override needs a lead (SPEC §6).
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

/// `preview` / `report` (with `report_id` once posted), as JSON text.
#[must_use]
pub fn report_json(plan: &ReportPlan, report_id: Option<ReportId>) -> String {
    report_json_marked(plan, report_id, None)
}

/// As [`report_json`], each line carrying `needs_approval` from `marks` (one per line) when
/// given: once the store has users (SPEC §6).
#[must_use]
pub fn report_json_marked(
    plan: &ReportPlan,
    report_id: Option<ReportId>,
    marks: Option<&[bool]>,
) -> String {
    serde_json::to_string(&report_result(plan, report_id, marks)).unwrap_or_default()
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
        warnings: plan.warnings.clone(),
    }
}

/// `stock --json`.
#[must_use]
pub fn stock_json(rows: &[BalanceRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "item": r.item,
                    "location": r.location,
                    "lot": r.lot,
                    "expires": r.expires,
                    "qty": r.qty,
                })
            })
            .collect(),
    )
}

/// One exception row.
#[must_use]
pub fn exception_json(e: &ExceptionRow) -> Value {
    json!({
        "id": e.id,
        "report_id": e.report_id,
        "order": e.order,
        "line": e.line,
        "item": e.item,
        "location": e.location,
        "qty": e.qty,
        "shortfall": e.shortfall,
        "status": e.status,
        "created_at": e.created_at,
    })
}

/// `exceptions --json` and what `exceptions retry --json` posted.
#[must_use]
pub fn exceptions_json(rows: &[ExceptionRow]) -> Value {
    Value::Array(rows.iter().map(exception_json).collect())
}

/// `variance --json`.
#[must_use]
pub fn variance_json(v: &Variance) -> Value {
    let lines: Vec<Value> = v
        .lines
        .iter()
        .map(|l| {
            json!({
                "line": l.line,
                "item": l.item,
                "standard_qty": l.standard_qty,
                "actual_qty": l.actual_qty,
                "pending_qty": l.pending_qty,
                "qty_variance": l.qty_variance,
                "cost_variance": l.cost_variance,
            })
        })
        .collect();
    json!({
        "order": v.order,
        "lines": lines,
        "expected_cost": v.expected_cost,
        "actual_cost": v.actual_cost,
        "variance": v.variance,
    })
}

/// `reverse --json`.
#[must_use]
pub fn reversal_json(r: &Reversal) -> Value {
    json!({
        "report_id": r.report_id,
        "reversed": true,
        "movements": r.movements.iter().map(|(item, location, qty)| json!({"item": item, "location": location, "qty": qty})).collect::<Vec<_>>(),
        "cancelled_exceptions": r.cancelled_exceptions,
    })
}

/// `transfer --json`.
#[must_use]
pub fn transfer_json(
    (item, qty): (&str, Quantity),
    (from, to): (&str, &str),
    lots: &[LotQty],
    posted: &[ExceptionRow],
) -> Value {
    json!({
        "item": item,
        "qty": qty,
        "from": from,
        "to": to,
        "lots": lot_results(lots),
        "exceptions_posted": exceptions_json(posted),
    })
}

/// `staging --json`.
#[must_use]
pub fn staging_json(rows: &[super::floor::StagingLine]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "item": r.item,
                    "location": r.location,
                    "need": r.need,
                    "on_hand": r.on_hand,
                    "shortfall": r.shortfall,
                    "orders": r.orders,
                    "sources": r.sources.iter().map(|(location, qty)| {
                        json!({"location": location, "qty": qty})
                    }).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// `adjust --json`.
#[must_use]
pub fn adjustment_json(a: &super::floor::Adjustment) -> Value {
    json!({
        "report_id": a.report_id,
        "line": a.line,
        "item": a.item,
        "location": a.location,
        "qty": a.qty,
        "reason": a.reason,
        "lots": lot_results(&a.lots),
    })
}

/// `substitute --json`.
#[must_use]
pub fn substitution_json(s: &super::floor::Substitution) -> Value {
    json!({
        "report_id": s.report_id,
        "line": s.line,
        "location": s.location,
        "returned": {"item": s.returned_item, "qty": s.returned_qty, "lots": lot_results(&s.returned_lots)},
        "issued": {"item": s.issued_item, "qty": s.issued_qty, "lots": lot_results(&s.issued_lots)},
    })
}

/// `count --json`.
#[must_use]
pub fn count_json(c: &super::floor::Count) -> Value {
    json!({
        "item": c.item,
        "location": c.location,
        "lot": c.lot,
        "expected": c.expected,
        "counted": c.counted,
        "difference": c.counted - c.expected,
        "accurate_counts": c.accuracy.0,
        "counts": c.accuracy.1,
        "reason": c.reason,
        "exceptions_posted": exceptions_json(&c.posted),
    })
}

/// `audit --json`.
#[must_use]
pub fn audit_json(rows: &[crate::store::queries::MovementRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "at": m.at,
                    "kind": m.kind,
                    "item": m.item,
                    "location": m.location,
                    "qty": m.qty,
                    "report_id": m.report_id,
                    "line": m.line,
                    "terminal": m.terminal,
                    "user": m.user,
                    "approver": m.approver,
                    "reason": m.reason,
                })
            })
            .collect(),
    )
}
