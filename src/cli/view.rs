//! The JSON shapes the command line prints (and those of `trace` and `health`), built from
//! service results as typed structs. Quantities, hours and money are decimal strings without
//! trailing zeros. A report's JSON is the service's [`ReportResult`](crate::service::replay::ReportResult), the result its key
//! replays.
//!
//! The shapes declare their fields in alphabetical order: they were first printed as
//! `serde_json::json!` objects, whose keys come out sorted, and scripts may rely on those
//! bytes.
//!
//! Over 500 lines on purpose: every shape the command line prints is here in one place, each
//! struct next to the function that builds it from its service result, and tests that pin the
//! bytes they print.

use serde::Serialize;

use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::health::Flag;
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::lots::LotQty;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::{Money, Quantity, canonical};
use crate::domain::retry::ExceptionStatus;
use crate::domain::trace::Link;
use crate::domain::variance::Variance;
use crate::service::{BalanceRow, ExceptionRow, MovementRow, Reversal};

use crate::service::floor::{Adjustment, Count, Substitution};
use crate::service::health::HealthRow;
use crate::service::replay::{
    LaborResult, LineResult, LotResult, ReceiptResult, ReportResult, lot_results,
};
use crate::service::replenish::QueueRow;
use crate::service::{ErrorKind, Trace, TransferRequest};

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
    request: &'a TransferRequest,
    lots: &[LotQty],
    posted: &'a [ExceptionRow],
) -> TransferResult<'a> {
    TransferResult {
        exceptions_posted: exceptions_json(posted),
        from: &request.from,
        item: &request.item,
        lots: lot_results(lots),
        qty: request.qty,
        to: &request.to,
    }
}

/// A quantity held at a location (a staging source, a traced lot on hand).
// Fields in alphabetical order: the bytes `staging` and `trace` have always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldResult<'a> {
    pub location: &'a str,
    pub qty: Quantity,
}

/// One row of `replenish --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueResult<'a> {
    pub location: &'a LocationCode,
    pub item: &'a ItemCode,
    pub on_hand: Quantity,
    pub owed: Quantity,
    pub demand: Quantity,
    pub projected: Quantity,
    pub min: Quantity,
    pub max: Quantity,
    pub multiple: Quantity,
    pub bring: Quantity,
    pub daily_use: Quantity,
    pub days_left: Option<String>,
    pub sources: Vec<HeldResult<'a>>,
}

/// `replenish --json`.
#[must_use]
pub fn replenish_json(rows: &[QueueRow]) -> Vec<QueueResult<'_>> {
    rows.iter().map(queue_result).collect()
}

fn queue_result(r: &QueueRow) -> QueueResult<'_> {
    QueueResult {
        location: &r.location,
        item: &r.item,
        on_hand: r.on_hand,
        owed: r.owed,
        demand: r.demand,
        projected: r.projected,
        min: r.min,
        max: r.max,
        multiple: r.multiple,
        bring: r.bring,
        daily_use: r.daily_use,
        days_left: r.days_left.map(canonical),
        sources: r
            .sources
            .iter()
            .map(|(location, qty)| HeldResult {
                location,
                qty: *qty,
            })
            .collect(),
    }
}

/// One row of `staging --json`: the queue's row with the staging list's own fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StagingResult<'a> {
    #[serde(flatten)]
    pub row: QueueResult<'a>,
    /// Demand and owed together.
    pub need: Quantity,
    /// What to bring.
    pub shortfall: Quantity,
    /// How many released orders still plan to issue the item there.
    pub orders: usize,
}

/// `staging --json`.
#[must_use]
pub fn staging_json(rows: &[QueueRow]) -> Vec<StagingResult<'_>> {
    rows.iter()
        .map(|r| StagingResult {
            row: queue_result(r),
            need: r.need(),
            shortfall: r.bring,
            orders: r.orders,
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
pub fn adjustment_json(a: &Adjustment) -> AdjustmentResult<'_> {
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
pub fn substitution_json(s: &Substitution) -> SubstitutionResult<'_> {
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
pub fn count_json(c: &Count) -> CountResult<'_> {
    CountResult {
        accurate_counts: c.accuracy.accurate,
        counted: c.counted,
        counts: c.accuracy.counts,
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
    pub reason: Option<&'a str>,
    pub report_id: Option<ReportId>,
    pub source: Option<Source>,
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
            reason: m.reason.as_deref(),
            report_id: m.report_id,
            source: m.source,
            terminal: &m.terminal,
            user: &m.user,
        })
        .collect()
}

/// `trace --json`: a lot, where it is, and its genealogy both ways.
// Fields in alphabetical order: the bytes `trace --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceResult<'a> {
    pub backward: Vec<LinkResult<'a>>,
    pub forward: Vec<LinkResult<'a>>,
    pub item: &'a ItemCode,
    pub lot: &'a str,
    pub on_hand: Vec<HeldResult<'a>>,
}

/// One link of a [`TraceResult`]'s genealogy.
// Fields in alphabetical order: the bytes `trace --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkResult<'a> {
    pub item: &'a ItemCode,
    pub level: u32,
    pub lot: Option<&'a str>,
    pub order: &'a OrderNo,
    pub qty: Quantity,
}

fn link_results(links: &[Link]) -> Vec<LinkResult<'_>> {
    links
        .iter()
        .map(|l| LinkResult {
            item: &l.item,
            level: l.level,
            lot: l.lot.as_deref(),
            order: &l.order,
            qty: l.qty,
        })
        .collect()
}

/// `trace --json`.
#[must_use]
pub fn trace_json(t: &Trace) -> TraceResult<'_> {
    TraceResult {
        backward: link_results(&t.genealogy.backward),
        forward: link_results(&t.genealogy.forward),
        item: &t.item,
        lot: &t.lot,
        on_hand: t
            .on_hand
            .iter()
            .map(|(location, qty)| HeldResult {
                location,
                qty: *qty,
            })
            .collect(),
    }
}

/// One row of `health --json`.
// Fields in alphabetical order: the bytes `health --json` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HealthResult<'a> {
    pub accurate_counts: i64,
    pub backflushed: Quantity,
    pub count_adjusted: Quantity,
    pub counts: i64,
    /// Null when nothing was used or counted to compare.
    pub discrepancy_pct: Option<String>,
    pub flag: Flag,
    pub issued_by_hand: Quantity,
    pub item: &'a ItemCode,
    pub location: &'a LocationCode,
    pub on_hand: Quantity,
    pub open_exceptions: i64,
}

/// `health --json`.
#[must_use]
pub fn health_json(rows: &[HealthRow]) -> Vec<HealthResult<'_>> {
    rows.iter()
        .map(|r| {
            let u = &r.usage;
            HealthResult {
                accurate_counts: u.accurate_counts,
                backflushed: u.backflushed,
                count_adjusted: u.count_adjusted,
                counts: u.counts,
                discrepancy_pct: r.discrepancy_pct.map(canonical),
                flag: r.flag,
                issued_by_hand: u.issued_by_hand,
                item: &r.item,
                location: &r.location,
                on_hand: u.on_hand,
                open_exceptions: u.open_exceptions,
            }
        })
        .collect()
}

/// A report as `preview --json` and `report --json` print it: the service's
/// [`ReportResult`] field for field (in its order: the bytes these commands have always
/// printed), its warnings worded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_id: Option<ReportId>,
    pub order: &'a OrderNo,
    pub operation: i64,
    pub good: Quantity,
    pub scrap: Quantity,
    pub lines: &'a [LineResult],
    pub receipt: &'a Option<ReceiptResult>,
    pub labor: &'a [LaborResult],
    pub warnings: Vec<String>,
}

impl<'a> ReportJson<'a> {
    #[must_use]
    pub fn new(r: &'a ReportResult) -> Self {
        ReportJson {
            report_id: r.report_id,
            order: &r.order,
            operation: r.operation,
            good: r.good,
            scrap: r.scrap,
            lines: &r.lines,
            receipt: &r.receipt,
            labor: &r.labor,
            warnings: r
                .warnings
                .iter()
                .map(super::words::result_warning)
                .collect(),
        }
    }
}

/// One result line of `report --batch`: `{"key", "line", "ok": true, "report_id"}`
/// or `{"error", "key", "line", "ok": false}`.
// Fields in alphabetical order: the bytes `report --batch` has always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchResult<'a> {
    /// Only on a refused line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
    pub key: &'a str,
    pub line: u64,
    pub ok: bool,
    /// Only on a posted (or replayed) line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_id: Option<ReportId>,
}

impl<'a> BatchResult<'a> {
    /// The batch line at physical `line` with `key`: posted as `result`'s report, or refused
    /// with its sentence.
    #[must_use]
    pub fn new(line: u64, key: &'a str, result: Result<ReportId, &'a str>) -> Self {
        BatchResult {
            error: result.err(),
            key,
            line,
            ok: result.is_ok(),
            report_id: result.ok(),
        }
    }
}

/// An error as `--json` prints it on stderr: `{"error": SENTENCE, "kind": KIND}`.
// Fields in alphabetical order: the bytes errors have always printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorResult<'a> {
    pub error: &'a str,
    pub kind: &'static str,
}

impl<'a> ErrorResult<'a> {
    /// The error `message` of `kind`.
    #[must_use]
    pub fn new(message: &'a str, kind: ErrorKind) -> Self {
        ErrorResult {
            error: message,
            kind: kind.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        text.parse().unwrap()
    }

    fn exception() -> ExceptionRow {
        ExceptionRow {
            id: ExceptionId(7),
            report_id: ReportId(3),
            line: "40.10".into(),
            order: "WO-1".into(),
            item: "C1".into(),
            location: "M1".into(),
            qty: q("12.50"),
            shortfall: q("2"),
            status: ExceptionStatus::Open,
            created_at: "2026-01-02T03:04:05Z".into(),
        }
    }

    const EXCEPTION: &str = r#"{"created_at":"2026-01-02T03:04:05Z","id":7,"item":"C1","line":"40.10","location":"M1","order":"WO-1","qty":"12.5","report_id":3,"shortfall":"2","status":"open"}"#;

    #[test]
    fn an_exception_prints_its_keys_sorted_as_it_always_has() {
        let rows = [exception()];
        let text = serde_json::to_string(&exceptions_json(&rows)).unwrap();
        assert_eq!(text, format!("[{EXCEPTION}]"));
    }

    #[test]
    fn a_count_prints_its_difference_and_the_exceptions_it_posted() {
        let count = Count {
            item: "C1".into(),
            location: "M1".into(),
            lot: None,
            expected: q("10"),
            counted: q("7.5"),
            accuracy: crate::service::floor::Accuracy {
                accurate: 1,
                counts: 3,
            },
            reason: Some("DAMAGED".into()),
            posted: vec![exception()],
        };
        assert_eq!(
            serde_json::to_string(&count_json(&count)).unwrap(),
            format!(
                r#"{{"accurate_counts":1,"counted":"7.5","counts":3,"difference":"-2.5","exceptions_posted":[{EXCEPTION}],"expected":"10","item":"C1","location":"M1","lot":null,"reason":"DAMAGED"}}"#
            )
        );
    }

    #[test]
    fn a_batch_line_prints_report_id_when_posted_and_error_when_refused() {
        let posted = BatchResult::new(2, "k1", Ok(ReportId(41)));
        let refused = BatchResult::new(3, "k2", Err("order NOPE does not exist"));
        assert_eq!(
            serde_json::to_string(&posted).unwrap(),
            r#"{"key":"k1","line":2,"ok":true,"report_id":41}"#
        );
        assert_eq!(
            serde_json::to_string(&refused).unwrap(),
            r#"{"error":"order NOPE does not exist","key":"k2","line":3,"ok":false}"#
        );
    }

    #[test]
    fn an_error_prints_its_sentence_then_its_kind() {
        let error = ErrorResult::new("exception 9 does not exist", ErrorKind::NotFound);
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"error":"exception 9 does not exist","kind":"not_found"}"#
        );
    }
}
