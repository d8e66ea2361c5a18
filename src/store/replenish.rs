//! What the handler's queue is calculated from, read in a few set-based queries: the
//! machine locations' stocking rows, their stock by lot, the open exceptions, the lines of
//! released orders with what their reports planned, and the window's use. The numbers are the
//! domain's (`domain::replenish`).

use crate::store::BadValue;
use crate::store::StoredWord;
use std::collections::HashMap;
use std::fmt::Write as _;

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

/// A column's text, borrowed from the row.
fn text<'a>(r: &'a rusqlite::Row<'_>, column: usize) -> Result<&'a str> {
    r.get_ref(column)?
        .as_str()
        .map_err(|e| bad_text(column, e).into())
}

fn bad_text(column: usize, e: rusqlite::types::FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}

/// An operation of an order, as a line's location and count point need it.
struct Op {
    order: String,
    operation: i64,
    work_center: String,
    count_point: bool,
    units: Quantity,
}

/// The stock lines of every released order with what their reports planned so far, grouped
/// by everything their remaining demand depends on (their orders listed).
///
/// Read as three scans in key order joined here, so a plant of many orders costs one pass
/// over its lines and no lookup per line.
///
/// # Errors
/// SQLite fails or holds a bad value.
pub fn demand(conn: &Connection) -> Result<Vec<DemandGroup>> {
    // The orders whose lines count are the released ones (a closed order plans nothing more):
    // this query is the one place that says which.
    let mut orders: HashMap<String, (Quantity, bool)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT order_id, qty, progress_stored FROM orders WHERE status = 'released'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        orders.insert(r.get(0)?, (r.get(1)?, r.get::<_, i64>(2)? != 0));
    }
    let mut locations: HashMap<String, String> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT work_center, location FROM work_centers")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        locations.insert(r.get(0)?, r.get(1)?);
    }
    let mut stock: HashMap<String, u32> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT item, decimals FROM items WHERE item_type = 'stock'")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        stock.insert(r.get(0)?, r.get(1)?);
    }

    let mut ops_stmt = conn.prepare_cached(
        "SELECT order_id, operation, work_center, count_point, good, scrap
         FROM order_operations ORDER BY order_id, operation",
    )?;
    let mut ops_rows = ops_stmt.query([])?;
    let mut next_op = || -> Result<Option<Op>> {
        let Some(r) = ops_rows.next()? else {
            return Ok(None);
        };
        Ok(Some(Op {
            order: r.get(0)?,
            operation: r.get(1)?,
            work_center: r.get(2)?,
            count_point: r.get::<_, i64>(3)? != 0,
            units: r.get::<_, Quantity>(4)? + r.get::<_, Quantity>(5)?,
        }))
    };
    let mut ahead: Option<Op> = next_op()?;
    let mut ops: Vec<Op> = Vec::new();

    let mut stmt = conn.prepare_cached(
        "SELECT order_id, operation, supply_location, component, per, qty, base, scrap_factor,
           planned, carried
         FROM order_materials ORDER BY order_id, line",
    )?;
    let mut rows = stmt.query([])?;
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<DemandGroup> = Vec::new();
    let mut key = String::new();
    let mut current = String::new();
    while let Some(r) = rows.next()? {
        let order = text(r, 0)?;
        let Some(&(order_qty, stored)) = orders.get(order) else {
            continue;
        };
        let component = text(r, 3)?;
        let Some(&decimals) = stock.get(component) else {
            continue;
        };
        if order != current {
            current.clear();
            current.push_str(order);
            ops.clear();
            // Both scans run in order key order: skip the operations of orders before it.
            while let Some(op) = ahead.take() {
                if op.order.as_str() > order {
                    ahead = Some(op);
                    break;
                }
                if op.order == order {
                    ops.push(op);
                }
                ahead = next_op()?;
            }
        }
        let operation: i64 = r.get(1)?;
        let location = match r.get_ref(2)?.as_str_or_null().map_err(|e| bad_text(2, e))? {
            Some(l) => l,
            None => ops
                .iter()
                .find(|o| o.operation == operation)
                .and_then(|o| locations.get(&o.work_center))
                .map_or("", String::as_str),
        };
        if location.is_empty() {
            continue;
        }
        // P: stored on the line once a report of its order was reversed; else the units
        // reported at its count point (the first count point at or after its operation).
        let units = ops
            .iter()
            .filter(|o| o.operation >= operation)
            .find(|o| o.count_point)
            .map_or(Quantity::ZERO, |o| o.units);
        key.clear();
        for part in [location, component] {
            key.push_str(part);
            key.push('\u{1f}');
        }
        for c in 4..=7 {
            key.push_str(text(r, c)?);
            key.push('\u{1f}');
        }
        let _ = write!(key, "{order_qty}\u{1f}");
        if stored {
            let _ = write!(key, "s{}\u{1f}{}", text(r, 8)?, r.get::<_, i64>(9)?);
        } else {
            let _ = write!(key, "u{units}");
        }
        let at = if let Some(&at) = index.get(key.as_str()) {
            at
        } else {
            let per: String = r.get(4)?;
            let planned = if stored {
                Planned::Stored {
                    planned: r.get(8)?,
                    carried: r.get::<_, i64>(9)? != 0,
                }
            } else {
                Planned::Units(units)
            };
            groups.push(DemandGroup {
                location: location.into(),
                item: component.into(),
                decimals,
                per: Per::parse(&per).ok_or_else(|| {
                    StoreError::Corrupt(BadValue::Word {
                        column: StoredWord::Per,
                        value: per.clone(),
                    })
                })?,
                qty: r.get::<_, Quantity>(5)?.get(),
                base: r.get::<_, Quantity>(6)?.get(),
                scrap_factor: r.get::<_, Quantity>(7)?.get(),
                order_qty,
                planned,
                lines: 0,
                orders: Vec::new(),
            });
            index.insert(key.clone(), groups.len() - 1);
            groups.len() - 1
        };
        if let Some(g) = groups.get_mut(at) {
            g.lines += 1;
            // Lines come by order: an order's lines of one group are next to each other.
            if g.orders.last().is_none_or(|o| o.as_str() != order) {
                g.orders.push(order.into());
            }
        }
    }
    Ok(groups)
}

/// The net material used at each of `locations` since `since` (RFC 3339), by (location,
/// item): what reports and hand issues took, net of their reversals and returns (issues are
/// negative in the ledger). One pass over the window's movements.
///
/// # Errors
/// SQLite fails.
pub fn used(
    conn: &Connection,
    locations: &[String],
    since: &str,
) -> Result<Vec<((LocationCode, ItemCode), Quantity)>> {
    let first = first_movement_since(conn, since)?;
    let mut stmt = conn.prepare_cached(
        "SELECT location, item, kind, qty FROM movements WHERE id >= ?1 AND at >= ?2",
    )?;
    let mut rows = stmt.query(params![first, since])?;
    let mut used: HashMap<(String, String), Quantity> = HashMap::new();
    while let Some(r) = rows.next()? {
        let location = text(r, 0)?;
        if !locations.iter().any(|l| l == location) {
            continue;
        }
        if MovementKind::parse(text(r, 2)?)
            .and_then(MovementKind::usage_class)
            .is_some()
        {
            let qty: Quantity = r.get(3)?;
            *used.entry((location.to_string(), r.get(1)?)).or_default() -= qty;
        }
    }
    Ok(used
        .into_iter()
        .map(|((l, i), q)| ((l.into(), i.into()), q))
        .collect())
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
