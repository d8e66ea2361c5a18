//! The JSON shapes of SPEC §4, built from service results as typed structs that serialize to
//! what the command line prints. Quantities, hours and money are decimal strings without
//! trailing zeros.
//!
//! The shapes after [`ReportResult`] and its parts declare their fields in alphabetical order:
//! they were first printed as `serde_json::json!` objects, whose keys come out sorted, and
//! scripts may rely on those bytes.
//!
//! Over 500 lines on purpose: every shape the command line prints is here in one place, each
//! struct next to the function that builds it from its service result.

use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};
use serde::{Deserialize, Serialize};

use crate::domain::backflush::{LineStatus, ReportPlan};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::lots::LotQty;
use crate::domain::movement::MovementKind;
use crate::domain::qty::{Hours, Money, Quantity};
use crate::domain::retry::ExceptionStatus;
use crate::domain::variance::Variance;
use crate::store::exceptions::ExceptionRow;
use crate::store::queries::{BalanceRow, MovementRow};
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

/// One balance of `stock --json`.
// Fields in alphabetical order: the bytes `stock --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceResult<'a> {
    pub expires: Option<&'a str>,
    pub item: &'a ItemCode,
    pub location: &'a LocationCode,
    pub lot: Option<&'a str>,
    pub qty: Quantity,
}

/// `stock --json`.
#[must_use]
pub fn stock_json(rows: &[BalanceRow]) -> Vec<BalanceResult<'_>> {
    rows.iter()
        .map(|r| BalanceResult {
            expires: r.expires.as_deref(),
            item: &r.item,
            location: &r.location,
            lot: r.lot.as_deref(),
            qty: r.qty,
        })
        .collect()
}

/// One row of the exception queue.
// Fields in alphabetical order: the bytes `exceptions --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExceptionResult<'a> {
    pub created_at: &'a str,
    pub id: ExceptionId,
    pub item: &'a ItemCode,
    pub line: &'a str,
    pub location: &'a LocationCode,
    pub order: &'a OrderNo,
    pub qty: Quantity,
    pub report_id: ReportId,
    pub shortfall: Quantity,
    pub status: ExceptionStatus,
}

/// One exception row.
#[must_use]
pub fn exception_json(e: &ExceptionRow) -> ExceptionResult<'_> {
    ExceptionResult {
        created_at: &e.created_at,
        id: e.id,
        item: &e.item,
        line: &e.line,
        location: &e.location,
        order: &e.order,
        qty: e.qty,
        report_id: e.report_id,
        shortfall: e.shortfall,
        status: e.status,
    }
}

/// `exceptions --json` and what `exceptions retry --json` posted.
#[must_use]
pub fn exceptions_json(rows: &[ExceptionRow]) -> Vec<ExceptionResult<'_>> {
    rows.iter().map(exception_json).collect()
}

/// `exceptions cancel --json`.
// Fields in alphabetical order: the bytes `exceptions cancel --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CancelledResult {
    pub id: ExceptionId,
    pub status: ExceptionStatus,
}

/// `exceptions cancel --json`: exception `id` is cancelled.
#[must_use]
pub fn cancelled_json(id: ExceptionId) -> CancelledResult {
    CancelledResult {
        id,
        status: ExceptionStatus::Cancelled,
    }
}

/// `variance --json`.
// Fields in alphabetical order: the bytes `variance --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VarianceResult<'a> {
    pub actual_cost: Money,
    pub expected_cost: Money,
    pub lines: Vec<VarianceLineResult<'a>>,
    pub order: &'a OrderNo,
    pub variance: Money,
}

/// One material line of a [`VarianceResult`].
// Fields in alphabetical order: the bytes `variance --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VarianceLineResult<'a> {
    pub actual_qty: Quantity,
    pub cost_variance: Money,
    pub item: &'a ItemCode,
    pub line: &'a str,
    pub pending_qty: Quantity,
    pub qty_variance: Quantity,
    pub standard_qty: Quantity,
}

/// `variance --json`.
#[must_use]
pub fn variance_json(v: &Variance) -> VarianceResult<'_> {
    VarianceResult {
        actual_cost: v.actual_cost,
        expected_cost: v.expected_cost,
        lines: v
            .lines
            .iter()
            .map(|l| VarianceLineResult {
                actual_qty: l.actual_qty,
                cost_variance: l.cost_variance,
                item: &l.item,
                line: &l.line,
                pending_qty: l.pending_qty,
                qty_variance: l.qty_variance,
                standard_qty: l.standard_qty,
            })
            .collect(),
        order: &v.order,
        variance: v.variance,
    }
}

/// `reverse --json`.
// Fields in alphabetical order: the bytes `reverse --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReversalResult<'a> {
    pub cancelled_exceptions: &'a [i64],
    pub movements: Vec<MovedResult<'a>>,
    pub report_id: ReportId,
    /// Always true: the report is reversed.
    pub reversed: bool,
}

/// One compensating movement of a [`ReversalResult`].
// Fields in alphabetical order: the bytes `reverse --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovedResult<'a> {
    pub item: &'a ItemCode,
    pub location: &'a LocationCode,
    pub qty: Quantity,
}

/// `reverse --json`.
#[must_use]
pub fn reversal_json(r: &Reversal) -> ReversalResult<'_> {
    ReversalResult {
        cancelled_exceptions: &r.cancelled_exceptions,
        movements: r
            .movements
            .iter()
            .map(|(item, location, qty)| MovedResult {
                item,
                location,
                qty: *qty,
            })
            .collect(),
        report_id: r.report_id,
        reversed: true,
    }
}

/// `transfer --json`.
// Fields in alphabetical order: the bytes `transfer --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransferResult<'a> {
    pub exceptions_posted: Vec<ExceptionResult<'a>>,
    pub from: &'a str,
    pub item: &'a str,
    pub lots: Vec<LotResult>,
    pub qty: Quantity,
    pub to: &'a str,
}

/// `transfer --json`.
#[must_use]
pub fn transfer_json<'a>(
    (item, qty): (&'a str, Quantity),
    (from, to): (&'a str, &'a str),
    lots: &[LotQty],
    posted: &'a [ExceptionRow],
) -> TransferResult<'a> {
    TransferResult {
        exceptions_posted: exceptions_json(posted),
        from,
        item,
        lots: lot_results(lots),
        qty,
        to,
    }
}

/// One line of `staging --json`.
// Fields in alphabetical order: the bytes `staging --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StagingResult<'a> {
    pub item: &'a ItemCode,
    pub location: &'a LocationCode,
    pub need: Quantity,
    pub on_hand: Quantity,
    pub orders: usize,
    pub shortfall: Quantity,
    pub sources: Vec<HeldResult<'a>>,
}

/// A quantity held at a location (a staging source, a traced lot on hand).
// Fields in alphabetical order: the bytes `staging` and `trace` have always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldResult<'a> {
    pub location: &'a str,
    pub qty: Quantity,
}

/// `staging --json`.
#[must_use]
pub fn staging_json(rows: &[super::floor::StagingLine]) -> Vec<StagingResult<'_>> {
    rows.iter()
        .map(|r| StagingResult {
            item: &r.item,
            location: &r.location,
            need: r.need,
            on_hand: r.on_hand,
            orders: r.orders,
            shortfall: r.shortfall,
            sources: r
                .sources
                .iter()
                .map(|(location, qty)| HeldResult {
                    location,
                    qty: *qty,
                })
                .collect(),
        })
        .collect()
}

/// `adjust --json`.
// Fields in alphabetical order: the bytes `adjust --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdjustmentResult<'a> {
    pub item: &'a ItemCode,
    pub line: &'a str,
    pub location: &'a LocationCode,
    pub lots: Vec<LotResult>,
    pub qty: Quantity,
    pub reason: &'a str,
    pub report_id: ReportId,
}

/// `adjust --json`.
#[must_use]
pub fn adjustment_json(a: &super::floor::Adjustment) -> AdjustmentResult<'_> {
    AdjustmentResult {
        item: &a.item,
        line: &a.line,
        location: &a.location,
        lots: lot_results(&a.lots),
        qty: a.qty,
        reason: &a.reason,
        report_id: a.report_id,
    }
}

/// `substitute --json`.
// Fields in alphabetical order: the bytes `substitute --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubstitutionResult<'a> {
    pub issued: SubstitutedResult<'a>,
    pub line: &'a str,
    pub location: &'a LocationCode,
    pub report_id: ReportId,
    pub returned: SubstitutedResult<'a>,
}

/// What a [`SubstitutionResult`] returned of the line's item, or issued of the substitute.
// Fields in alphabetical order: the bytes `substitute --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubstitutedResult<'a> {
    pub item: &'a ItemCode,
    pub lots: Vec<LotResult>,
    pub qty: Quantity,
}

/// `substitute --json`.
#[must_use]
pub fn substitution_json(s: &super::floor::Substitution) -> SubstitutionResult<'_> {
    SubstitutionResult {
        issued: SubstitutedResult {
            item: &s.issued_item,
            lots: lot_results(&s.issued_lots),
            qty: s.issued_qty,
        },
        line: &s.line,
        location: &s.location,
        report_id: s.report_id,
        returned: SubstitutedResult {
            item: &s.returned_item,
            lots: lot_results(&s.returned_lots),
            qty: s.returned_qty,
        },
    }
}

/// `count --json`.
// Fields in alphabetical order: the bytes `count --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountResult<'a> {
    pub accurate_counts: i64,
    pub counted: Quantity,
    pub counts: i64,
    pub difference: Quantity,
    pub exceptions_posted: Vec<ExceptionResult<'a>>,
    pub expected: Quantity,
    pub item: &'a ItemCode,
    pub location: &'a LocationCode,
    pub lot: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// `count --json`.
#[must_use]
pub fn count_json(c: &super::floor::Count) -> CountResult<'_> {
    CountResult {
        accurate_counts: c.accuracy.0,
        counted: c.counted,
        counts: c.accuracy.1,
        difference: c.counted - c.expected,
        exceptions_posted: exceptions_json(&c.posted),
        expected: c.expected,
        item: &c.item,
        location: &c.location,
        lot: c.lot.as_deref(),
        reason: c.reason.as_deref(),
    }
}

/// One movement of `audit --json`.
// Fields in alphabetical order: the bytes `audit --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovementResult<'a> {
    pub approver: Option<&'a str>,
    pub at: &'a str,
    pub id: i64,
    pub item: &'a ItemCode,
    pub kind: MovementKind,
    pub line: Option<&'a str>,
    pub location: &'a LocationCode,
    pub qty: Quantity,
    pub reason: &'a str,
    pub report_id: Option<ReportId>,
    pub terminal: &'a str,
    pub user: &'a str,
}

/// `audit --json`.
#[must_use]
pub fn audit_json(rows: &[MovementRow]) -> Vec<MovementResult<'_>> {
    rows.iter()
        .map(|m| MovementResult {
            approver: m.approver.as_deref(),
            at: &m.at,
            id: m.id,
            item: &m.item,
            kind: m.kind,
            line: m.line.as_deref(),
            location: &m.location,
            qty: m.qty,
            reason: &m.reason,
            report_id: m.report_id,
            terminal: &m.terminal,
            user: &m.user,
        })
        .collect()
}
