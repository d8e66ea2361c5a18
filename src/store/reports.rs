//! Reports: the posting of a planned report (its lines, labor, progress, movements,
//! exceptions and journal) and its reversal by a plan of the engine.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, ToSql, params};

use super::exceptions::open_exception;
use super::journal::write_journal;
use super::ledger::{Movement, MovementRef, post_movements};
use super::orders::{add_line_progress, add_operation_progress};
use super::{Quantity, Result, Stamp, StoreError, insert_rows};
use crate::domain::backflush::{LineStatus, PlannedLine, ReportPlan};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::journal::AccountNames;
use crate::domain::lots::{LotQty, split_lots};
use crate::domain::movement::{MovementKind, Source};
use crate::domain::reversal::{LotGone, PostedMovement, PostedProgress, plan_reversal};

mod reversal;

pub(super) use reversal::insert_reversal;
pub use reversal::{Reversal, reverse_report};

/// The stored result of an earlier posting with this idempotency key.
///
/// # Errors
/// SQLite fails.
pub fn report_by_key(conn: &Connection, key: &str) -> Result<Option<(ReportId, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, result FROM reports WHERE idem_key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A deferred line put into the exception queue by a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Deferred {
    pub id: ExceptionId,
    pub line: String,
}

/// Posts a planned report: the report and its lines, labor, the order's progress, ledger
/// movements with balances, exceptions for deferred lines, and the journal. Returns the
/// report id and the exceptions it opened. Lines, movements and balances each go in one
/// statement, so a 20-line report costs a dozen round trips, not a hundred.
///
/// # Errors
/// SQLite fails.
#[allow(clippy::too_many_arguments)]
pub fn insert_report(
    conn: &Connection,
    report_id: ReportId,
    key: &str,
    plan: &ReportPlan,
    result: &str,
    (stamp, accounts): (&Stamp, &AccountNames),
    lines_stored: bool,
    reasons: &BTreeMap<String, String>,
) -> Result<Vec<Deferred>> {
    insert_header(conn, (report_id, key), plan, result, stamp)?;
    add_operation_progress(conn, &plan.order, plan.operation, plan.good, plan.scrap, 0)?;
    insert_report_lines(conn, report_id, &plan.lines, reasons)?;
    // While the order's lines' progress is derived (no reversal yet) there is none to keep.
    if lines_stored {
        let progress: Vec<(&str, Quantity, i64)> = plan
            .lines
            .iter()
            .map(|l| (l.line.as_str(), l.planned, i64::from(l.carries_order_qty)))
            .collect();
        add_line_progress(conn, &plan.order, &progress)?;
    }
    let deferred = defer_and_record_non_stock(conn, report_id, plan, stamp)?;
    // Each lot of a tracked line is its own movement: the issue takes the lots first, the
    // component scrap the rest.
    let split: Vec<(Vec<LotQty>, Vec<LotQty>)> = plan
        .lines
        .iter()
        .map(|l| split_lots(&l.lots, l.qty))
        .collect();
    let why = movement_reasons(plan, reasons);
    let mut moves = line_issues(report_id, plan, &split, &why);
    moves.extend(receipt_movements(report_id, plan));
    post_movements(conn, stamp, &moves)?;
    insert_labor(conn, report_id, plan)?;
    write_journal(
        conn,
        stamp,
        "report",
        (Some(report_id), Some(plan.order.as_str())),
        None,
        &plan.journal,
        accounts,
    )?;
    super::outbox::record(conn, stamp, super::outbox::Posting::Report(report_id))?;
    Ok(deferred)
}

/// The report's own row, with the JSON of its first result.
fn insert_header(
    conn: &Connection,
    (report_id, key): (ReportId, &str),
    plan: &ReportPlan,
    result: &str,
    stamp: &Stamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO reports (id, idem_key, order_id, operation, good, scrap, at, terminal, user, approver, result)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        report_id,
        key,
        plan.order,
        plan.operation,
        plan.good,
        plan.scrap,
        stamp.at_text(),
        stamp.terminal,
        stamp.user,
        stamp.approver,
        result
    ])?;
    Ok(())
}

/// Opens an exception for each deferred line and records each non-stock hand issue.
fn defer_and_record_non_stock(
    conn: &Connection,
    report_id: ReportId,
    plan: &ReportPlan,
    stamp: &Stamp,
) -> Result<Vec<Deferred>> {
    let mut deferred = Vec::new();
    for line in &plan.lines {
        if line.status == LineStatus::Deferred {
            deferred.push(open_exception(conn, stamp, report_id, &plan.order, line)?);
        } else if line.non_stock && line.is_hand_issue() {
            super::issues::record_non_stock(
                conn,
                &plan.order,
                &line.line,
                Some(report_id),
                &line.item,
                line.qty,
                line.unit_cost,
                stamp.at_text(),
            )?;
        }
    }
    Ok(deferred)
}

/// What posted each line's movements, and their reason: a backflushed line keeps its
/// override's code; a manual line issued by hand has none.
fn movement_reasons<'a>(
    plan: &ReportPlan,
    reasons: &'a BTreeMap<String, String>,
) -> Vec<(Source, &'a str)> {
    plan.lines
        .iter()
        .map(|l| {
            if l.is_hand_issue() {
                (Source::HandIssue, "")
            } else {
                (
                    Source::Backflush,
                    reasons.get(&l.line).map_or("", String::as_str),
                )
            }
        })
        .collect()
}

/// The movements of the lines that move stock: one per lot for a tracked line, else the
/// issue and its component scrap.
fn line_issues<'a>(
    report_id: ReportId,
    plan: &'a ReportPlan,
    split: &'a [(Vec<LotQty>, Vec<LotQty>)],
    why: &'a [(Source, &'a str)],
) -> Vec<Movement<'a>> {
    let mut moves = Vec::new();
    for ((line, (issue_lots, scrap_lots)), why) in plan.lines.iter().zip(split).zip(why) {
        if !line.moves_stock() {
            continue;
        }
        let (source, reason) = *why;
        let kind = if line.is_hand_issue() {
            MovementKind::ManualIssue
        } else {
            MovementKind::Issue
        };
        if line.lots.is_empty() {
            moves.extend(line_movements(
                report_id,
                &line.line,
                &line.item,
                &line.location,
                (line.qty, line.line_scrap),
                (kind, None),
                (reason, source),
            ));
            continue;
        }
        moves.extend(lot_movements(
            (&line.item, &line.location),
            (issue_lots, scrap_lots),
            kind,
            &MovementRef {
                report_id: Some(report_id),
                line: Some(&line.line),
                reason,
                source: Some(source),
                ..MovementRef::default()
            },
        ));
    }
    moves
}

/// The finished goods received, one movement per lot or serial of a tracked parent.
fn receipt_movements(report_id: ReportId, plan: &ReportPlan) -> Vec<Movement<'_>> {
    let Some(r) = &plan.receipt else {
        return Vec::new();
    };
    let link = MovementRef {
        report_id: Some(report_id),
        source: Some(Source::Receipt),
        ..MovementRef::default()
    };
    let lots: Vec<(Option<&str>, Quantity)> = if r.lots.is_empty() {
        vec![(None, r.qty)]
    } else {
        r.lots
            .iter()
            .map(|l| (Some(l.lot.as_str()), l.qty))
            .collect()
    };
    lots.into_iter()
        .map(|(lot, qty)| Movement {
            kind: MovementKind::Receipt,
            item: &r.item,
            location: &r.location,
            qty,
            lot,
            link: link.clone(),
        })
        .collect()
}

/// The labor and overhead of the flushed operations, and the setups the report carries.
fn insert_labor(conn: &Connection, report_id: ReportId, plan: &ReportPlan) -> Result<()> {
    for l in &plan.labor {
        conn.prepare_cached(
            "INSERT INTO report_labor (report_id, operation, work_center, setup_hours, run_hours, labor_cost, overhead_cost, carried_setup)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            report_id,
            l.operation,
            l.work_center,
            l.setup_hours,
            l.run_hours,
            l.labor_cost,
            l.overhead_cost,
            l.carries_setup
        ])?;
        if l.carries_setup {
            add_operation_progress(
                conn,
                &plan.order,
                l.operation,
                Quantity::ZERO,
                Quantity::ZERO,
                1,
            )?;
        }
    }
    Ok(())
}

fn insert_report_lines(
    conn: &Connection,
    report_id: ReportId,
    lines: &[PlannedLine],
    reasons: &BTreeMap<String, String>,
) -> Result<()> {
    let seqs: Vec<i64> = (0..lines.len())
        .map(|i| i64::try_from(i).unwrap_or(i64::MAX))
        .collect();
    let qtys: Vec<[Quantity; 3]> = lines
        .iter()
        .map(|l| [l.planned, l.qty, l.line_scrap])
        .collect();
    let statuses: Vec<&str> = lines.iter().map(|l| l.status.as_str()).collect();
    let codes: Vec<Option<&str>> = lines
        .iter()
        .map(|l| reasons.get(&l.line).map(String::as_str))
        .collect();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(lines.len() * 12);
    for ((((l, seq), q), status), code) in lines
        .iter()
        .zip(&seqs)
        .zip(&qtys)
        .zip(&statuses)
        .zip(&codes)
    {
        values.extend_from_slice(&[
            &report_id as &dyn ToSql,
            &l.line,
            seq,
            &l.item,
            &l.location,
            &q[0],
            &q[1],
            &q[2],
            status,
            &l.overridden,
            &l.carries_order_qty,
            code,
        ]);
    }
    insert_rows(
        conn,
        "INSERT INTO report_lines (report_id, line, seq, item, location, planned, qty, line_scrap, status, overridden, carried, reason)",
        "",
        12,
        &values,
    )
}

/// The ledger movements of one issued untracked line: the issue (of `kind`: backflushed or
/// by hand) and, on top, its component scrap.
pub(super) fn line_movements<'a>(
    report_id: ReportId,
    line: &'a str,
    item: &'a str,
    location: &'a str,
    (qty, line_scrap): (Quantity, Quantity),
    (kind, exception_id): (MovementKind, Option<ExceptionId>),
    (reason, source): (&'a str, Source),
) -> impl Iterator<Item = Movement<'a>> {
    let link = MovementRef {
        report_id: Some(report_id),
        line: Some(line),
        exception_id,
        reverses: None,
        reason,
        order: None,
        source: Some(source),
    };
    [(kind, qty), (MovementKind::ComponentScrap, line_scrap)]
        .into_iter()
        .filter(|(_, q)| !q.is_zero())
        .map(move |(kind, q)| Movement {
            kind,
            item,
            location,
            qty: -q,
            lot: None,
            link: link.clone(),
        })
}

/// The ledger movements of a tracked line's lots: the issue (of `kind`) takes `issue`, the
/// component scrap takes `scrap`.
pub(super) fn lot_movements<'a>(
    (item, location): (&'a str, &'a str),
    (issue, scrap): (&'a [LotQty], &'a [LotQty]),
    kind: MovementKind,
    link: &MovementRef<'a>,
) -> Vec<Movement<'a>> {
    let issue = issue.iter().map(|l| (kind, l));
    let scrap = scrap.iter().map(|l| (MovementKind::ComponentScrap, l));
    issue
        .chain(scrap)
        .map(|(kind, l)| Movement {
            kind,
            item,
            location,
            qty: -l.qty,
            lot: Some(&l.lot),
            link: link.clone(),
        })
        .collect()
}

/// The order a report was posted for.
///
/// # Errors
/// SQLite fails.
pub fn report_order(conn: &Connection, report_id: ReportId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT order_id FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| r.get(0))
        .optional()?)
}

/// Who posted a report and when (RFC 3339).
///
/// # Errors
/// SQLite fails.
pub fn report_poster(conn: &Connection, report_id: ReportId) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT user, at FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The id the next report gets; call inside the posting's IMMEDIATE transaction, which keeps
/// it from being taken by another terminal.
///
/// # Errors
/// SQLite fails.
pub fn next_report_id(conn: &Connection) -> Result<ReportId> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM reports")?
        .query_row([], |r| r.get(0))?)
}
