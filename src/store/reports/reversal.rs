//! The reversal of a posted report by the engine's plan: exact compensations of
//! every movement (same lot), progress taken back, journal reversed, in one transaction.

use super::*;
use crate::domain::codes::OrderNo;
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::ids::ExceptionId;
use crate::domain::ids::ReportId;
use crate::domain::posting::reversal::{NonStockRow, Undone};
use crate::store::StoreRefusal;

/// The refusal of a reversal whose lot has since moved or been consumed, naming where the
/// lot is now; a store that cannot say where it is fails as such rather than reading as a
/// consumed lot.
fn lot_gone(conn: &Connection, report_id: ReportId, gone: LotGone) -> StoreError {
    match crate::store::queries::lot_locations(conn, &gone.item, &gone.lot) {
        Ok(now) => StoreRefusal::LotGone {
            report: report_id,
            gone,
            now: now
                .into_iter()
                .map(|(location, qty)| (LocationCode::from(location), qty))
                .collect(),
        }
        .into(),
        Err(e) => e,
    }
}

/// What a reversal posted.
#[derive(Debug, Clone, PartialEq)]
pub struct Reversal {
    pub report_id: ReportId,
    pub movements: Vec<(ItemCode, LocationCode, Quantity)>,
    pub cancelled_exceptions: Vec<i64>,
}

/// Reverses a posted report once: compensating movements, cancelled open exceptions, its
/// units and planned quantities out of the order's progress, its journal reversed.
///
/// # Errors
/// Unknown or already reversed report; SQLite fails.
pub fn reverse_report(
    conn: &Connection,
    report_id: ReportId,
    reason: &str,
    stamp: &Stamp,
) -> Result<Reversal> {
    let header: Option<(String, i64, Quantity, Quantity)> = conn
        .prepare_cached("SELECT order_id, operation, good, scrap FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((order, operation, good, scrap)) = header else {
        return Err(StoreError::NotFound(format!("report {report_id}")));
    };
    if conn
        .prepare_cached("SELECT 1 FROM reversals WHERE report_id = ?1")?
        .exists([report_id])?
    {
        return Err(StoreRefusal::AlreadyReversed { report: report_id }.into());
    }
    let posted = posted_progress(conn, report_id, operation, (good, scrap))?;
    let posted_moves = report_movements(conn, report_id)?;
    // The balances of the lots the report moved, read up front: a store error stops the
    // reversal rather than reading as an empty lot.
    let mut balances: Vec<((&str, &str, &str), Quantity)> = Vec::new();
    for m in &posted_moves {
        if let Some(lot) = m.lot.as_deref() {
            let key = (m.item.as_str(), m.location.as_str(), lot);
            if !balances.iter().any(|(k, _)| *k == key) {
                let qty = crate::store::ledger::lot_balance(conn, key.0, key.1, key.2)?;
                balances.push((key, qty));
            }
        }
    }
    let lot_holds = |item: &str, location: &str, lot: &str| {
        balances
            .iter()
            .find(|(k, _)| *k == (item, location, lot))
            .map_or(Quantity::ZERO, |(_, q)| *q)
    };
    let plan = plan_reversal(&posted_moves, &posted, &lot_holds)
        .map_err(|gone| lot_gone(conn, report_id, gone))?;

    let cancelled: Vec<ExceptionId> = conn
        .prepare_cached(
            "SELECT id FROM exceptions WHERE report_id = ?1 AND status = 'open' ORDER BY id",
        )?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let non_stock = non_stock_of_report(conn, report_id)?;
    let entries = crate::store::journal::open_entries_of_report(conn, report_id)?;
    let order = OrderNo::from(order);
    let posting = crate::domain::posting::reversal::plan(
        (report_id, &order, reason),
        &plan,
        &Undone {
            open: &cancelled,
            non_stock: &non_stock,
            entries: &entries,
        },
    );
    crate::store::posting::apply(conn, stamp, &posting)?;
    Ok(Reversal {
        report_id,
        movements: plan
            .movements
            .iter()
            .map(|c| (c.item.clone(), c.location.clone(), c.qty))
            .collect(),
        cancelled_exceptions: cancelled.into_iter().map(ExceptionId::get).collect(),
    })
}

/// The non-stock hand issues a report recorded.
fn non_stock_of_report(conn: &Connection, report_id: ReportId) -> Result<Vec<NonStockRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT order_id, line, item, qty, std_cost FROM non_stock_issues WHERE report_id = ?1
             ORDER BY id",
        )?
        .query_map([report_id], |r| {
            Ok(NonStockRow {
                order: r.get(0)?,
                line: r.get(1)?,
                item: r.get(2)?,
                qty: r.get(3)?,
                std_cost: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// What a report added to its order's progress: units, planned quantities, carried setups.
fn posted_progress(
    conn: &Connection,
    report_id: ReportId,
    operation: i64,
    (good, scrap): (Quantity, Quantity),
) -> Result<PostedProgress> {
    let lines: Vec<(String, Quantity, bool)> = conn
        .prepare_cached("SELECT line, planned, carried FROM report_lines WHERE report_id = ?1")?
        .query_map([report_id], |r| {
            Ok((r.get(0)?, r.get::<_, Quantity>(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let setups: Vec<i64> = conn
        .prepare_cached(
            "SELECT operation FROM report_labor WHERE report_id = ?1 AND carried_setup = 1",
        )?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PostedProgress {
        operation,
        good,
        scrap,
        lines,
        setups,
    })
}

/// The movements a report posted itself (not their compensations), oldest first.
fn report_movements(conn: &Connection, report_id: ReportId) -> Result<Vec<PostedMovement>> {
    type Row = (
        i64,
        String,
        String,
        String,
        Quantity,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = conn
        .prepare_cached(
            "SELECT id, kind, item, location, qty, line, lot FROM movements
             WHERE report_id = ?1 AND reverses IS NULL ORDER BY id",
        )?
        .query_map([report_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, kind, item, location, qty, line, lot)| {
            let kind = MovementKind::parse(&kind).ok_or_else(|| {
                StoreError::Corrupt(format!("movement {id} has the unknown kind {kind:?}"))
            })?;
            Ok(PostedMovement {
                id,
                kind,
                item: item.into(),
                location: location.into(),
                qty,
                line,
                lot,
            })
        })
        .collect()
}
