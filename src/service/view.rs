//! The JSON shapes of SPEC §4, built from service results. Quantities, hours and money are
//! decimal strings without trailing zeros.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::domain::backflush::ReportPlan;
use crate::domain::qty::canonical;
use crate::domain::variance::Variance;
use crate::store::post::{ExceptionRow, Reversal};
use crate::store::queries::BalanceRow;

fn q(value: Decimal) -> Value {
    Value::String(canonical(value))
}

/// `preview` / `report`.
#[must_use]
pub fn report_json(plan: &ReportPlan, report_id: Option<i64>) -> Value {
    let lines: Vec<Value> = plan
        .lines
        .iter()
        .map(|l| {
            json!({
                "line": l.line,
                "item": l.item,
                "location": l.location,
                "planned": q(l.planned),
                "qty": q(l.qty),
                "line_scrap": q(l.line_scrap),
                "status": l.status.as_str(),
                "overridden": l.overridden,
            })
        })
        .collect();
    let labor: Vec<Value> = plan
        .labor
        .iter()
        .map(|l| {
            json!({
                "operation": l.operation,
                "setup_hours": q(l.setup_hours),
                "run_hours": q(l.run_hours),
                "labor_cost": q(l.labor_cost),
                "overhead_cost": q(l.overhead_cost),
            })
        })
        .collect();
    let receipt = plan.receipt.as_ref().map_or(
        Value::Null,
        |r| json!({"item": r.item, "location": r.location, "qty": q(r.qty)}),
    );
    let mut out = json!({
        "order": plan.order,
        "operation": plan.operation,
        "good": q(plan.good),
        "scrap": q(plan.scrap),
        "lines": lines,
        "receipt": receipt,
        "labor": labor,
        "warnings": plan.warnings,
    });
    if let (Some(id), Value::Object(map)) = (report_id, &mut out) {
        map.insert("report_id".into(), json!(id));
    }
    out
}

/// `stock --json`.
#[must_use]
pub fn stock_json(rows: &[BalanceRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| json!({"item": r.item, "location": r.location, "qty": q(r.qty)}))
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
        "qty": q(e.qty),
        "shortfall": q(e.shortfall),
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
                "standard_qty": q(l.standard_qty),
                "actual_qty": q(l.actual_qty),
                "pending_qty": q(l.pending_qty),
                "qty_variance": q(l.qty_variance),
                "cost_variance": q(l.cost_variance),
            })
        })
        .collect();
    json!({
        "order": v.order,
        "lines": lines,
        "expected_cost": q(v.expected_cost),
        "actual_cost": q(v.actual_cost),
        "variance": q(v.variance),
    })
}

/// `reverse --json`.
#[must_use]
pub fn reversal_json(r: &Reversal) -> Value {
    json!({
        "report_id": r.report_id,
        "reversed": true,
        "movements": r.movements.iter().map(|(item, location, qty)| json!({"item": item, "location": location, "qty": q(*qty)})).collect::<Vec<_>>(),
        "cancelled_exceptions": r.cancelled_exceptions,
    })
}

/// `transfer --json`.
#[must_use]
pub fn transfer_json(
    item: &str,
    qty: Decimal,
    from: &str,
    to: &str,
    posted: &[ExceptionRow],
) -> Value {
    json!({
        "item": item,
        "qty": q(qty),
        "from": from,
        "to": to,
        "exceptions_posted": exceptions_json(posted),
    })
}
