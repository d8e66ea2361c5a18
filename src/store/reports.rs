//! Reports: a report's own rows (header, lines, labor, progress) as the apply path writes
//! them, what postings read of posted reports, and their reversal by a plan of the engine.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, ToSql, params};

use super::orders::{LineDelta, add_line_progress, add_operation_progress};
use super::{Quantity, Result, Stamp, StoreError, insert_rows};
use crate::domain::backflush::{PlannedLine, ReportPlan};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::movement::MovementKind;
use crate::domain::posting::{ReportRecord, ReversalRecord};
use crate::domain::reversal::{LotGone, PostedMovement, PostedProgress};

// The reversal reads what a report posted, has the engine plan its undoing and hands the plan
// to the apply path; it is named by its own path (`reports::reversal`) so that the apply
// path, which writes a report's rows through this module, does not import it back.
pub mod reversal;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deferred {
    pub id: ExceptionId,
    pub line: String,
}

/// Writes a report's own rows: its header with its first result, its lines with their
/// codes, the order's progress (and the lines' own once kept), its labor and setups.
///
/// # Errors
/// SQLite fails.
pub(super) fn insert_report_rows(
    conn: &Connection,
    stamp: &Stamp,
    report: &ReportRecord,
) -> Result<()> {
    let plan = &report.plan;
    insert_header(conn, report, stamp)?;
    add_operation_progress(conn, &plan.order, plan.operation, plan.good, plan.scrap, 0)?;
    insert_report_lines(conn, report.id, &plan.lines, &report.codes)?;
    // While the order's lines' progress is derived (no reversal yet) there is none to keep.
    if report.lines_stored {
        let progress: Vec<LineDelta<'_>> = plan
            .lines
            .iter()
            .map(|l| LineDelta {
                line: &l.line,
                planned: l.planned,
                carried: i64::from(l.carries_order_qty),
            })
            .collect();
        add_line_progress(conn, &plan.order, &progress)?;
    }
    insert_labor(conn, report.id, plan)
}

/// The report's own row, with the JSON of its first result.
fn insert_header(conn: &Connection, report: &ReportRecord, stamp: &Stamp) -> Result<()> {
    let (report_id, key, plan, result) = (report.id, &report.key, &report.plan, &report.result);
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

/// Writes a reversal's own row and takes its report's progress back out of the order.
pub(in crate::store) fn insert_reversal(
    conn: &Connection,
    stamp: &Stamp,
    reversal: &ReversalRecord,
) -> Result<()> {
    let (report_id, reason, back) = (reversal.report, &reversal.reason, &reversal.progress);
    conn.prepare_cached("INSERT INTO reversals (report_id, reason, at, terminal, user, approver) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![report_id, reason, stamp.at_text(), stamp.terminal, stamp.user, stamp.approver])?;
    take_back_progress(conn, &reversal.order, back)
}

/// Takes a reversed report's units, planned quantities and setups back out of its order.
fn take_back_progress(
    conn: &Connection,
    order: &str,
    back: &crate::domain::reversal::ProgressBack,
) -> Result<()> {
    add_operation_progress(conn, order, back.operation, back.good, back.scrap, 0)?;
    let line_deltas: Vec<LineDelta<'_>> = back
        .lines
        .iter()
        .map(|l| LineDelta {
            line: &l.line,
            planned: l.planned,
            carried: l.carried,
        })
        .collect();
    add_line_progress(conn, order, &line_deltas)?;
    for op in &back.setups {
        add_operation_progress(conn, order, *op, Quantity::ZERO, Quantity::ZERO, -1)?;
    }
    Ok(())
}
