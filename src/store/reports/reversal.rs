//! What reversing a posted report reads: what it posted, the lots it moved, its open
//! exceptions, non-stock issues and journal entries; the engine plans, the service applies.

use super::{
    Connection, LotGone, MovementKind, PostedMovement, PostedProgress, Quantity, Result, StoreError,
};
use crate::domain::codes::OrderNo;
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::ids::ExceptionId;
use crate::domain::ids::ReportId;
use crate::domain::posting::reversal::NonStockRow;
use crate::domain::reversal::LinePosted;
use crate::store::{BadValue, StoreRefusal};
use rusqlite::OptionalExtension;

/// What a reversal posted.
#[derive(Debug, Clone, PartialEq)]
pub struct Reversal {
    pub report_id: ReportId,
    pub movements: Vec<(ItemCode, LocationCode, Quantity)>,
    pub cancelled_exceptions: Vec<i64>,
}

/// What a reversal of a posted report reads: its order, what it posted, the balances of the
/// lots it moved, its open exceptions, its non-stock issues and its open journal entries.
#[derive(Debug, Clone)]
pub struct ReversalFacts {
    pub order: OrderNo,
    pub posted: PostedProgress,
    pub movements: Vec<PostedMovement>,
    /// The balance of each lot the report moved.
    pub lot_balances: Vec<LotBalance>,
    pub open_exceptions: Vec<ExceptionId>,
    pub non_stock: Vec<NonStockRow>,
    pub entries: Vec<crate::domain::posting::reversal::StoredEntry>,
}

/// What one lot of an item holds at one location.
#[derive(Debug, Clone, PartialEq)]
pub struct LotBalance {
    pub item: ItemCode,
    pub location: LocationCode,
    pub lot: String,
    pub qty: Quantity,
}

impl ReversalFacts {
    /// What `lot` of `item` holds at `location` now (0 when the report never moved it).
    #[must_use]
    pub fn lot_holds(&self, item: &str, location: &str, lot: &str) -> Quantity {
        self.lot_balances
            .iter()
            .find(|b| b.item == item && b.location == location && b.lot == lot)
            .map_or(Quantity::ZERO, |b| b.qty)
    }
}

/// Reads what reversing `report_id` needs, in the caller's write transaction.
///
/// # Errors
/// Unknown or already reversed report; SQLite fails.
pub fn reversal_facts(conn: &Connection, report_id: ReportId) -> Result<ReversalFacts> {
    let header: Option<(String, i64, Quantity, Quantity)> = conn
        .prepare_cached("SELECT order_id, operation, good, scrap FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((order, operation, good, scrap)) = header else {
        return Err(StoreError::NoReport { report: report_id });
    };
    if conn
        .prepare_cached("SELECT 1 FROM reversals WHERE report_id = ?1")?
        .exists([report_id])?
    {
        return Err(StoreRefusal::AlreadyReversed { report: report_id }.into());
    }
    let posted = posted_progress(
        conn,
        report_id,
        PostedProgress {
            operation,
            good,
            scrap,
            lines: Vec::new(),
            setups: Vec::new(),
        },
    )?;
    let movements = report_movements(conn, report_id)?;
    // Read up front: a store error stops the reversal rather than reading as an empty lot.
    let mut lot_balances: Vec<LotBalance> = Vec::new();
    for m in &movements {
        if let Some(lot) = m.lot.as_deref() {
            let known = lot_balances
                .iter()
                .any(|b| b.item == m.item && b.location == m.location && b.lot == lot);
            if !known {
                let qty = crate::store::ledger::lot_balance(conn, &m.item, &m.location, lot)?;
                lot_balances.push(LotBalance {
                    item: m.item.clone(),
                    location: m.location.clone(),
                    lot: lot.to_string(),
                    qty,
                });
            }
        }
    }
    let open_exceptions: Vec<ExceptionId> = conn
        .prepare_cached(
            "SELECT id FROM exceptions WHERE report_id = ?1 AND status = 'open' ORDER BY id",
        )?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ReversalFacts {
        order: OrderNo::from(order),
        posted,
        movements,
        lot_balances,
        open_exceptions,
        non_stock: non_stock_of_report(conn, report_id)?,
        entries: crate::store::journal::open_entries_of_report(conn, report_id)?,
    })
}

/// The refusal of a reversal whose lot has since moved or been consumed, naming where the
/// lot is now; a store that cannot say where it is fails as such rather than reading as a
/// consumed lot.
///
/// # Errors
/// Always: the refusal, or the store's failure to say where the lot is.
pub fn lot_gone(conn: &Connection, report_id: ReportId, gone: LotGone) -> StoreError {
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

/// What a report added to its order's progress: its `units` (operation, good, scrap) with the
/// planned quantities and carried setups it added.
fn posted_progress(
    conn: &Connection,
    report_id: ReportId,
    units: PostedProgress,
) -> Result<PostedProgress> {
    let lines: Vec<LinePosted> = conn
        .prepare_cached("SELECT line, planned, carried FROM report_lines WHERE report_id = ?1")?
        .query_map([report_id], |r| {
            Ok(LinePosted {
                line: r.get(0)?,
                planned: r.get(1)?,
                carried: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let setups: Vec<i64> = conn
        .prepare_cached(
            "SELECT operation FROM report_labor WHERE report_id = ?1 AND carried_setup = 1",
        )?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PostedProgress {
        lines,
        setups,
        ..units
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
                StoreError::Corrupt(BadValue::MovementKind {
                    movement: id,
                    kind: kind.clone(),
                })
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
