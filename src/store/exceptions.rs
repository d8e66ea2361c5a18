//! The exception queue: lines deferred for want of stock, retried by the engine's plan
//! (oldest first, each whole if it fits), posted or cancelled, never deleted.

use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rusqlite::{Connection, params};

use super::journal::write_journal;
use super::ledger::{Movement, MovementRef, balance, lots_at, post_movements};
use super::reports::{Deferred, line_movements, lot_movements};
use super::{Quantity, Result, Stamp};
use crate::domain::backflush::PlannedLine;
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::journal::{self, AccountNames};
use crate::domain::lots::{PickOrder, split_lots};
use crate::domain::master::Tracking;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::posting::deferred::OpenLine;
use crate::domain::retry::{ExceptionStatus, RetryStock, Waiting, plan_lot_retry};

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

pub(super) fn open_exception(
    conn: &Connection,
    stamp: &Stamp,
    report_id: ReportId,
    order: &str,
    line: &PlannedLine,
) -> Result<Deferred> {
    let id = conn
        .prepare_cached(
            "INSERT INTO exceptions (report_id, line, order_id, item, location, qty, shortfall, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8) RETURNING id",
        )?
        .query_row(
            params![
                report_id,
                line.line,
                order,
                line.item,
                line.location,
                line.total(),
                line.shortfall,
                stamp.at_text()
            ],
            |r| r.get(0),
        )?;
    Ok(Deferred {
        id,
        line: line.line.clone(),
    })
}

/// Retries open exceptions, oldest first: each posts whole if it fits in what is on hand at
/// that moment; one that does not fit stays open and does not hold back younger ones.
/// Returns the exceptions posted.
///
/// # Errors
/// SQLite fails.
pub fn retry_exceptions(
    conn: &Connection,
    location: Option<&str>,
    stamp: &Stamp,
    accounts: &AccountNames,
    pick: PickOrder,
) -> Result<Vec<ExceptionRow>> {
    let open = exceptions(conn, true, location)?;
    let waiting: Vec<Waiting<'_>> = open
        .iter()
        .map(|e| Waiting {
            id: e.id,
            item: &e.item,
            location: &e.location,
            qty: e.qty,
        })
        .collect();
    // Balances and lots read up front (once per item and location); the plan deducts as it
    // goes.
    let mut balances = HashMap::new();
    let mut lots = HashMap::new();
    for w in &waiting {
        if let Entry::Vacant(slot) = balances.entry((w.item, w.location)) {
            slot.insert(balance(conn, w.item, w.location)?);
            let tracked =
                super::master::item(conn, w.item)?.is_some_and(|i| i.tracking != Tracking::None);
            if tracked {
                lots.insert((w.item, w.location), lots_at(conn, w.item, w.location)?);
            }
        }
    }
    let on_hand =
        |item: &str, location: &str| balances.get(&(item, location)).copied().unwrap_or_default();
    let lots_of = |item: &str, location: &str| lots.get(&(item, location)).cloned();
    let posting = plan_lot_retry(
        &waiting,
        &RetryStock {
            on_hand: &on_hand,
            lots: &lots_of,
            pick,
            today: stamp.today(),
        },
    );
    let mut posted = Vec::new();
    for mut ex in open {
        let Some((_, taken)) = posting.iter().find(|(id, _)| *id == ex.id) else {
            continue;
        };
        post_exception(conn, &ex, taken, (stamp, accounts))?;
        ex.status = ExceptionStatus::Posted;
        posted.push(ex);
    }
    Ok(posted)
}

/// Posts one deferred line whole (by the lots `taken` for a tracked item) with its journal,
/// and marks it posted.
fn post_exception(
    conn: &Connection,
    ex: &ExceptionRow,
    taken: &[crate::domain::lots::LotQty],
    (stamp, accounts): (&Stamp, &AccountNames),
) -> Result<()> {
    // The line's override code, if it had one, is the reason its movements carry.
    let (qty, line_scrap, code): (Quantity, Quantity, Option<String>) = conn
        .prepare_cached(
            "SELECT qty, line_scrap, reason FROM report_lines WHERE report_id = ?1 AND line = ?2",
        )?
        .query_row(params![ex.report_id, ex.line], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let reason = code.as_deref().unwrap_or("");
    let (issue, scrap) = split_lots(taken, qty);
    let moves: Vec<Movement<'_>> = if taken.is_empty() {
        line_movements(
            ex.report_id,
            &ex.line,
            &ex.item,
            &ex.location,
            (qty, line_scrap),
            (MovementKind::Issue, Some(ex.id)),
            (reason, Source::Deferred),
        )
        .collect()
    } else {
        lot_movements(
            (&ex.item, &ex.location),
            (&issue, &scrap),
            MovementKind::Issue,
            &MovementRef {
                report_id: Some(ex.report_id),
                line: Some(&ex.line),
                exception_id: Some(ex.id),
                reason,
                source: Some(Source::Deferred),
                ..MovementRef::default()
            },
        )
    };
    post_movements(conn, stamp, &moves)?;
    let unit_cost = super::master::std_cost(conn, &ex.item)?;
    let journal = journal::material_issued(ex.qty * unit_cost, "deferred material issued");
    write_journal(
        conn,
        stamp,
        "exception",
        (Some(ex.report_id), Some(ex.order.as_str())),
        None,
        &journal,
        accounts,
    )?;
    conn.prepare_cached("UPDATE exceptions SET status = 'posted', closed_at = ?2 WHERE id = ?1")?
        .execute(params![ex.id, stamp.at_text()])?;
    Ok(())
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
