//! The exception queue: lines deferred for want of stock, opened by their report, read with
//! what posting them needs, posted or cancelled through the apply path, never deleted.

use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};

use rusqlite::{Connection, params};

use super::{Quantity, Result, Stamp};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::posting::OpenedException;
use crate::domain::posting::deferred::OpenLine;
use crate::domain::retry::ExceptionStatus;

/// A row of the exception queue.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExceptionRow {
    pub id: ExceptionId,
    pub report_id: ReportId,
    pub line: String,
    pub order: OrderNo,
    pub item: ItemCode,
    pub location: LocationCode,
    pub qty: Quantity,
    pub shortfall: Quantity,
    pub status: ExceptionStatus,
    pub created_at: String,
}

const EXCEPTION_COLUMNS: &str =
    "id, report_id, line, order_id, item, location, qty, shortfall, status, created_at";

fn exception_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExceptionRow> {
    Ok(ExceptionRow {
        id: r.get(0)?,
        report_id: r.get(1)?,
        line: r.get(2)?,
        order: r.get(3)?,
        item: r.get(4)?,
        location: r.get(5)?,
        qty: r.get(6)?,
        shortfall: r.get(7)?,
        status: r.get(8)?,
        created_at: r.get(9)?,
    })
}

/// Exceptions, oldest first; only open ones when `open_only`, only at `location` when given.
///
/// # Errors
/// SQLite fails.
pub fn exceptions(
    conn: &Connection,
    open_only: bool,
    location: Option<&str>,
) -> Result<Vec<ExceptionRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EXCEPTION_COLUMNS} FROM exceptions
         WHERE (?1 = 0 OR status = 'open') AND (?2 IS NULL OR location = ?2) ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(params![open_only, location], exception_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The open exceptions (at `location` when given), oldest first, each with what posting it
/// needs: its line's issue, component scrap and override code, and its item's standard cost.
///
/// # Errors
/// SQLite fails.
pub fn open_lines(
    conn: &Connection,
    location: Option<&str>,
) -> Result<Vec<(ExceptionRow, OpenLine)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.report_id, e.line, e.order_id, e.item, e.location, e.qty, e.shortfall,
                e.status, e.created_at, l.qty, l.line_scrap, l.reason, i.std_cost
         FROM exceptions e
         JOIN report_lines l ON l.report_id = e.report_id AND l.line = e.line
         JOIN items i ON i.item = e.item
         WHERE e.status = 'open' AND (?1 IS NULL OR e.location = ?1) ORDER BY e.id",
    )?;
    let rows = stmt
        .query_map(params![location], |r| {
            let row = exception_from_row(r)?;
            let line = OpenLine {
                id: row.id,
                report: row.report_id,
                order: row.order.clone(),
                line: row.line.clone(),
                item: row.item.clone(),
                location: row.location.clone(),
                qty: row.qty,
                line_qty: r.get(10)?,
                line_scrap: r.get(11)?,
                reason: r.get(12)?,
                unit_cost: r.get(13)?,
            };
            Ok((row, line))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Opens an exception for a report's deferred line; returns its id.
///
/// # Errors
/// SQLite fails.
pub(super) fn open_exception(
    conn: &Connection,
    stamp: &Stamp,
    deferred: &OpenedException,
) -> Result<ExceptionId> {
    let d = deferred;
    Ok(conn
        .prepare_cached(
            "INSERT INTO exceptions (report_id, line, order_id, item, location, qty, shortfall, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8) RETURNING id",
        )?
        .query_row(
            params![
                d.report,
                d.line,
                d.order,
                d.item,
                d.location,
                d.qty,
                d.shortfall,
                stamp.at_text()
            ],
            |r| r.get(0),
        )?)
}

/// Marks an open exception cancelled.
///
/// # Errors
/// SQLite fails.
pub fn cancel_exception(conn: &Connection, id: ExceptionId, stamp: &Stamp) -> Result<()> {
    conn.prepare_cached(
        "UPDATE exceptions SET status = 'cancelled', closed_at = ?2 WHERE id = ?1 AND status = 'open'",
    )?
    .execute(params![id, stamp.at_text()])?;
    Ok(())
}

/// How many open exceptions each order has waiting (the board's "done · 2 waiting").
///
/// # Errors
/// SQLite fails.
pub fn open_by_order(conn: &Connection) -> Result<std::collections::HashMap<String, i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT order_id, count(*) FROM exceptions WHERE status = 'open' GROUP BY order_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
