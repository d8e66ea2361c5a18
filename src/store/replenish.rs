//! What the handler's queue is calculated from, read in a few set-based queries: the
//! machine locations' stocking rows, their stock by lot, the open exceptions, the lines of
//! released orders with what their reports planned, and the window's use. The numbers are the
//! domain's (`domain::replenish`).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Quantity, Result, StoreError};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::master::Per;
use crate::domain::movement::MovementKind;
use crate::domain::replenish::{DemandGroup, Planned, Stocking};

/// Sets (or, for a row that says nothing, removes) how `location` keeps `item`.
///
/// # Errors
/// SQLite fails.
pub fn set_stocking(conn: &Connection, location: &str, item: &str, s: &Stocking) -> Result<()> {
    if s.is_empty() {
        conn.prepare_cached("DELETE FROM location_items WHERE location = ?1 AND item = ?2")?
            .execute(params![location, item])?;
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO location_items (location, item, min, max, multiple) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (location, item) DO UPDATE SET min = excluded.min, max = excluded.max,
           multiple = excluded.multiple",
    )?
    .execute(params![location, item, s.min, s.max, s.multiple])?;
    Ok(())
}

/// Every stocking row, by (location, item).
///
/// # Errors
/// SQLite fails.
pub fn stocking(conn: &Connection) -> Result<Vec<((LocationCode, ItemCode), Stocking)>> {
    let mut stmt =
        conn.prepare_cached("SELECT location, item, min, max, multiple FROM location_items")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                Stocking {
                    min: r.get(2)?,
                    max: r.get(3)?,
                    multiple: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One balance at a location: of one lot (with its expiry) for a tracked item.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub location: LocationCode,
    pub item: ItemCode,
    pub qty: Quantity,
    /// `None` for an untracked item's balance; a tracked item's lot expiry otherwise.
    pub expires: Option<Option<String>>,
}

/// The balances at `location`: an untracked item's whole, a tracked item's per lot with its
/// expiry; zero balances left out.
///
/// # Errors
/// SQLite fails.
pub fn held_at(conn: &Connection, location: &str) -> Result<Vec<Held>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT b.item, b.qty, i.tracking = 'none' FROM balances b JOIN items i ON i.item = b.item
         WHERE b.location = ?1",
    )?;
    let mut rows = stmt.query([location])?;
    while let Some(r) = rows.next()? {
        let untracked: bool = r.get(2)?;
        let qty: Quantity = r.get(1)?;
        if untracked && !qty.is_zero() {
            out.push(Held {
                location: location.into(),
                item: r.get(0)?,
                qty,
                expires: None,
            });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT b.item, b.qty, l.expires FROM lot_balances b
         LEFT JOIN lots l ON l.item = b.item AND l.lot = b.lot
         WHERE b.location = ?1",
    )?;
    let mut rows = stmt.query([location])?;
    while let Some(r) = rows.next()? {
        let qty: Quantity = r.get(1)?;
        if !qty.is_zero() {
            out.push(Held {
                location: location.into(),
                item: r.get(0)?,
                qty,
                expires: Some(r.get(2)?),
            });
        }
    }
    Ok(out)
}

/// The balances of `item` at storage locations, as [`held_at`] gives them.
///
/// # Errors
/// SQLite fails.
pub fn held_in_storage(conn: &Connection, item: &str) -> Result<Vec<Held>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT b.location, b.qty, i.tracking = 'none' FROM balances b
         JOIN locations l ON l.location = b.location JOIN items i ON i.item = b.item
         WHERE b.item = ?1 AND l.kind = 'storage'",
    )?;
    let mut rows = stmt.query([item])?;
    while let Some(r) = rows.next()? {
        let untracked: bool = r.get(2)?;
        let qty: Quantity = r.get(1)?;
        if untracked && !qty.is_zero() {
            out.push(Held {
                location: r.get(0)?,
                item: item.into(),
                qty,
                expires: None,
            });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT b.location, b.qty, t.expires FROM lot_balances b
         JOIN locations l ON l.location = b.location
         LEFT JOIN lots t ON t.item = b.item AND t.lot = b.lot
         WHERE b.item = ?1 AND l.kind = 'storage'",
    )?;
    let mut rows = stmt.query([item])?;
    while let Some(r) = rows.next()? {
        let qty: Quantity = r.get(1)?;
        if !qty.is_zero() {
            out.push(Held {
                location: r.get(0)?,
                item: item.into(),
                qty,
                expires: Some(r.get(2)?),
            });
        }
    }
    Ok(out)
}

/// The open exceptions waiting at `location`: (item, qty + line scrap), one per exception.
///
/// # Errors
/// SQLite fails.
pub fn owed_at(conn: &Connection, location: &str) -> Result<Vec<(ItemCode, Quantity)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item, qty FROM exceptions WHERE status = 'open' AND location = ?1",
    )?;
    let rows = stmt
        .query_map([location], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The stock lines of every released order with what their reports planned so far, grouped
/// by everything their remaining demand depends on (their orders listed).
///
/// # Errors
/// SQLite fails or holds a bad value.
pub fn demand(conn: &Connection) -> Result<Vec<DemandGroup>> {
    // A line's P: stored on the line once a report of its order was reversed; else the units
    // reported at its count point (the first count point at or after its operation), read
    // only for orders that have reports.
    // The orders whose lines count are the released ones: this WHERE is the one place
    // that says which.
    let mut stmt = conn.prepare_cached(
        "SELECT m.order_id, coalesce(m.supply_location, w.location), m.component, i.decimals,
           m.per, m.qty, m.base, m.scrap_factor, o.qty, o.progress_stored, m.planned, m.carried,
           CASE WHEN o.progress_stored = 0 AND m.order_id IN (SELECT order_id FROM reports)
             THEN (SELECT c.good || ' ' || c.scrap FROM order_operations c
                   WHERE c.order_id = m.order_id AND c.operation >= m.operation
                     AND c.count_point <> 0
                   ORDER BY c.operation LIMIT 1)
           END
         FROM order_materials m
         JOIN orders o ON o.order_id = m.order_id
         JOIN order_operations op ON op.order_id = m.order_id AND op.operation = m.operation
         JOIN work_centers w ON w.work_center = op.work_center
         JOIN items i ON i.item = m.component
         WHERE i.item_type = 'stock'
         ORDER BY m.order_id",
    )?;
    let mut rows = stmt.query([])?;
    // Lines alike in every column but their order share a group: the key is their text.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<DemandGroup> = Vec::new();
    let mut key = String::new();
    while let Some(r) = rows.next()? {
        key.clear();
        for c in 1..=12 {
            match r.get_ref(c)? {
                rusqlite::types::ValueRef::Text(t) => {
                    key.push_str(&String::from_utf8_lossy(t));
                }
                rusqlite::types::ValueRef::Integer(n) => key.push_str(&n.to_string()),
                _ => {}
            }
            key.push('\u{1f}');
        }
        let order: String = r.get(0)?;
        let at = match index.get(key.as_str()) {
            Some(&at) => at,
            None => {
                let stored = r.get::<_, i64>(9)? != 0;
                let per: String = r.get(4)?;
                let planned = if stored {
                    Planned::Stored {
                        planned: r.get(10)?,
                        carried: r.get::<_, i64>(11)? != 0,
                    }
                } else {
                    let units = r
                        .get::<_, Option<String>>(12)?
                        .map(|text| {
                            text.split(' ')
                                .map(|part| part.parse::<Quantity>().unwrap_or_default())
                                .fold(Quantity::ZERO, |a, b| a + b)
                        })
                        .unwrap_or_default();
                    Planned::Units(units)
                };
                groups.push(DemandGroup {
                    location: r.get(1)?,
                    item: r.get(2)?,
                    decimals: r.get(3)?,
                    per: Per::parse(&per)
                        .ok_or_else(|| StoreError::Corrupt(format!("per {per}")))?,
                    qty: r.get::<_, Quantity>(5)?.get(),
                    base: r.get::<_, Quantity>(6)?.get(),
                    scrap_factor: r.get::<_, Quantity>(7)?.get(),
                    order_qty: r.get(8)?,
                    planned,
                    lines: 0,
                    orders: Vec::new(),
                });
                index.insert(key.clone(), groups.len() - 1);
                groups.len() - 1
            }
        };
        if let Some(g) = groups.get_mut(at) {
            g.lines += 1;
            // Rows come by order: an order's lines of one group are next to each other.
            if g.orders.last().is_none_or(|o| o.as_str() != order) {
                g.orders.push(order.into());
            }
        }
    }
    Ok(groups)
}

/// The net material used at `location` since `since` (RFC 3339), by item: what reports and
/// hand issues took, net of their reversals and returns (issues are negative in the ledger).
///
/// # Errors
/// SQLite fails.
pub fn used_at(
    conn: &Connection,
    location: &str,
    since: &str,
) -> Result<Vec<(ItemCode, Quantity)>> {
    let first = first_movement_since(conn, since)?;
    let mut stmt = conn.prepare_cached(
        "SELECT item, kind, qty FROM movements WHERE id >= ?1 AND location = ?2 AND at >= ?3",
    )?;
    let mut rows = stmt.query(params![first, location, since])?;
    let mut used: HashMap<String, Quantity> = HashMap::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        if MovementKind::parse(&kind)
            .and_then(MovementKind::usage_class)
            .is_some()
        {
            let qty: Quantity = r.get(2)?;
            *used.entry(r.get(0)?).or_default() -= qty;
        }
    }
    Ok(used.into_iter().map(|(i, q)| (i.into(), q)).collect())
}

/// The first movement at or after `since`. A posting takes its time once it holds the write
/// lock, so the ledger's times grow with its ids: a binary search over the ids finds the
/// window's start without reading the ledger before it.
fn first_movement_since(conn: &Connection, since: &str) -> Result<i64> {
    let bounds: Option<(Option<i64>, Option<i64>)> = conn
        .prepare_cached("SELECT min(id), max(id) FROM movements")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((Some(mut low), Some(mut high))) = bounds else {
        return Ok(0);
    };
    high += 1;
    let mut at =
        conn.prepare_cached("SELECT id, at FROM movements WHERE id >= ?1 ORDER BY id LIMIT 1")?;
    // Invariant: every movement below `low` is before `since`; `high` is at or after it.
    while low < high {
        let mid = low + (high - low) / 2;
        let found: Option<(i64, String)> = at
            .query_row([mid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match found {
            Some((id, when)) if when.as_str() < since => low = id + 1,
            _ => high = mid,
        }
    }
    Ok(low)
}
