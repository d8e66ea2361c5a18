//! The JSON shapes of SPEC §4, built from service results. Quantities, hours and money are
//! decimal strings without trailing zeros.

use serde::Serialize;
use serde_json::{Value, json};

use crate::domain::backflush::ReportPlan;
use crate::domain::lots::LotQty;
use crate::domain::variance::Variance;
use crate::store::exceptions::ExceptionRow;
use crate::store::queries::BalanceRow;
use crate::store::reports::Reversal;

use crate::domain::qty::{Hours, Money, Quantity};

#[derive(Serialize)]
struct ReportOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    report_id: Option<i64>,
    order: &'a str,
    operation: i64,
    good: Quantity,
    scrap: Quantity,
    lines: Vec<LineOut<'a>>,
    receipt: Option<ReceiptOut<'a>>,
    labor: Vec<LaborOut>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct LineOut<'a> {
    line: &'a str,
    item: &'a str,
    /// Null for a non-stock line: it has no location (SPEC §9).
    location: Option<&'a str>,
    planned: Quantity,
    qty: Quantity,
    line_scrap: Quantity,
    status: &'static str,
    overridden: bool,
    /// Once users exist: whether the line's override needs a lead (SPEC §6).
    #[serde(skip_serializing_if = "Option::is_none")]
    needs_approval: Option<bool>,
    lots: Vec<LotOut<'a>>,
}

/// One lot taken or received, in the order taken.
#[derive(Serialize)]
pub(crate) struct LotOut<'a> {
    lot: &'a str,
    qty: Quantity,
}

pub(crate) fn lots_out(lots: &[LotQty]) -> Vec<LotOut<'_>> {
    lots.iter()
        .map(|l| LotOut {
            lot: &l.lot,
            qty: l.qty,
        })
        .collect()
}

#[derive(Serialize)]
struct ReceiptOut<'a> {
    item: &'a str,
    location: &'a str,
    qty: Quantity,
    lots: Vec<LotOut<'a>>,
}

#[derive(Serialize)]
struct LaborOut {
    operation: i64,
    setup_hours: Hours,
    run_hours: Hours,
    labor_cost: Money,
    overhead_cost: Money,
}

/// `preview` / `report` (with `report_id` once posted), as JSON text.
#[must_use]
pub fn report_json(plan: &ReportPlan, report_id: Option<i64>) -> String {
    report_json_marked(plan, report_id, None)
}

/// As [`report_json`], each line carrying `needs_approval` from `marks` (one per line) when
/// given: once the store has users (SPEC §6).
#[must_use]
pub fn report_json_marked(
    plan: &ReportPlan,
    report_id: Option<i64>,
    marks: Option<&[bool]>,
) -> String {
    let out = ReportOut {
        report_id,
        order: &plan.order,
        operation: plan.operation,
        good: plan.good,
        scrap: plan.scrap,
        lines: plan
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| LineOut {
                line: &l.line,
                item: &l.item,
                location: (!l.non_stock).then_some(l.location.as_str()),
                planned: l.planned,
                qty: l.qty,
                line_scrap: l.line_scrap,
                status: l.status.as_str(),
                overridden: l.overridden,
                lots: lots_out(&l.lots),
                needs_approval: marks.and_then(|m| m.get(i).copied()),
            })
            .collect(),
        receipt: plan.receipt.as_ref().map(|r| ReceiptOut {
            item: &r.item,
            location: &r.location,
            qty: r.qty,
            lots: lots_out(&r.lots),
        }),
        labor: plan
            .labor
            .iter()
            .map(|l| LaborOut {
                operation: l.operation,
                setup_hours: l.setup_hours,
                run_hours: l.run_hours,
                labor_cost: l.labor_cost,
                overhead_cost: l.overhead_cost,
            })
            .collect(),
        warnings: &plan.warnings,
    };
    serde_json::to_string(&out).unwrap_or_default()
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
        "lots": lots_out(lots),
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
        "lots": lots_out(&a.lots),
    })
}

/// `substitute --json`.
#[must_use]
pub fn substitution_json(s: &super::floor::Substitution) -> Value {
    json!({
        "report_id": s.report_id,
        "line": s.line,
        "location": s.location,
        "returned": {"item": s.returned_item, "qty": s.returned_qty, "lots": lots_out(&s.returned_lots)},
        "issued": {"item": s.issued_item, "qty": s.issued_qty, "lots": lots_out(&s.issued_lots)},
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
