//! What the handler's queue is calculated from, read in a few set-based queries: the
//! machine locations' stocking rows, their stock by lot, the open exceptions, the lines of
//! released orders with what their reports planned, and the window's use. The numbers are the
//! domain's (`domain::replenish`).

use crate::store::BadValue;
use crate::store::StoredWord;
use std::collections::HashMap;

use rusqlite::types::{FromSql, ValueRef};
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

/// A column's bytes as stored (text compared and grouped as SQLite compares it), borrowed.
fn bytes<'a>(r: &'a rusqlite::Row<'_>, column: usize) -> Result<&'a [u8]> {
    r.get_ref(column)?
        .as_bytes()
        .map_err(|e| bad_text(column, e).into())
}

fn bad_text(column: usize, e: rusqlite::types::FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}

/// A stored decimal kept as its text, read as a quantity.
fn quantity_of(text: &str, column: usize) -> Result<Quantity> {
    <Quantity as FromSql>::column_result(ValueRef::Text(text.as_bytes()))
        .map_err(|e| bad_text(column, e).into())
}

/// The released order the lines are read against: the first at or after the last line's
/// order, kept in buffers reused from order to order.
#[derive(Default)]
struct OrderAhead {
    id: String,
    qty: String,
    stored: bool,
    /// Whether a row is held (false once the scan is over).
    held: bool,
}

impl OrderAhead {
    fn read(&mut self, rows: &mut rusqlite::Rows<'_>) -> Result<()> {
        let Some(r) = rows.next()? else {
            self.held = false;
            return Ok(());
        };
        self.id.clear();
        self.id.push_str(text(r, 0)?);
        self.qty.clear();
        self.qty.push_str(text(r, 1)?);
        self.stored = r.get::<_, i64>(2)? != 0;
        self.held = true;
        Ok(())
    }
}

/// An operation of an order as a line's location and count point need it, its reported
/// units kept as stored text (parsed once per group, not once per line).
#[derive(Default)]
struct Op {
    order: String,
    operation: i64,
    work_center: String,
    count_point: bool,
    good: String,
    scrap: String,
}

impl Op {
    /// Reads the next operation into `self`; false at the end of the scan.
    fn read(&mut self, rows: &mut rusqlite::Rows<'_>) -> Result<bool> {
        let Some(r) = rows.next()? else {
            return Ok(false);
        };
        self.order.clear();
        self.order.push_str(text(r, 0)?);
        self.operation = r.get(1)?;
        self.work_center.clear();
        self.work_center.push_str(text(r, 2)?);
        self.count_point = r.get::<_, i64>(3)? != 0;
        self.good.clear();
        self.good.push_str(text(r, 4)?);
        self.scrap.clear();
        self.scrap.push_str(text(r, 5)?);
        Ok(true)
    }
}

/// The stock lines of every released order with what their reports planned so far, grouped
/// by everything their remaining demand depends on (their orders listed by number of
/// reading: the same order, the same number).
///
/// Read as three scans in order key order merged here (the released orders, their
/// operations, their lines), the group of a line found by its stored text, so a plant of
/// many orders costs one pass over its lines, no lookup per order and no allocation per
/// line; each group's figures are parsed once.
///
/// # Errors
/// SQLite fails or holds a bad value.
pub fn demand(conn: &Connection) -> Result<Vec<DemandGroup>> {
    let mut locations: HashMap<String, String> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT work_center, location FROM work_centers")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        locations.insert(r.get(0)?, r.get(1)?);
    }

    // The orders whose lines count are the released ones (a closed order plans nothing more):
    // this query is the one place that says which.
    let mut orders_stmt = conn.prepare_cached(
        "SELECT order_id, qty, progress_stored FROM orders WHERE status = 'released'
         ORDER BY order_id",
    )?;
    let mut orders_rows = orders_stmt.query([])?;
    let mut order = OrderAhead::default();
    order.read(&mut orders_rows)?;

    let mut ops_stmt = conn.prepare_cached(
        "SELECT order_id, operation, work_center, count_point, good, scrap
         FROM order_operations ORDER BY order_id, operation",
    )?;
    let mut ops_rows = ops_stmt.query([])?;
    // The operations of the order being read, their buffers reused; `ahead` is the next one.
    let mut ops: Vec<Op> = Vec::new();
    let mut held_ops = 0;
    let mut ahead = Op::default();
    let mut more_ops = ahead.read(&mut ops_rows)?;

    let mut stmt = conn.prepare_cached(
        "SELECT order_id, operation, supply_location, component, per, qty, base, scrap_factor,
           planned, carried
         FROM order_materials ORDER BY order_id, line",
    )?;
    let mut rows = stmt.query([])?;
    let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut groups: Vec<DemandGroup> = Vec::new();
    let mut key: Vec<u8> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut released = false;
    let mut number: u32 = 0;
    while let Some(r) = rows.next()? {
        let id = bytes(r, 0)?;
        if id != current.as_slice() {
            current.clear();
            current.extend_from_slice(id);
            // Both scans run in order key order: pass the orders before it.
            while order.held && order.id.as_bytes() < id {
                order.read(&mut orders_rows)?;
            }
            released = order.held && order.id.as_bytes() == id;
            held_ops = 0;
            if released {
                number += 1;
                while more_ops && ahead.order.as_bytes() < id {
                    more_ops = ahead.read(&mut ops_rows)?;
                }
                while more_ops && ahead.order.as_bytes() == id {
                    if held_ops == ops.len() {
                        ops.push(Op::default());
                    }
                    if let Some(slot) = ops.get_mut(held_ops) {
                        std::mem::swap(slot, &mut ahead);
                    }
                    held_ops += 1;
                    more_ops = ahead.read(&mut ops_rows)?;
                }
            }
        }
        if !released {
            continue;
        }
        let order_ops = ops.get(..held_ops).unwrap_or_default();
        let operation: i64 = r.get(1)?;
        let location = match r
            .get_ref(2)?
            .as_bytes_or_null()
            .map_err(|e| bad_text(2, e))?
        {
            Some(l) => l,
            None => order_ops
                .iter()
                .find(|o| o.operation == operation)
                .and_then(|o| locations.get(&o.work_center))
                .map_or(&b""[..], |l| l.as_bytes()),
        };
        if location.is_empty() {
            continue;
        }
        // P: stored on the line once a report of its order was reversed; else the units
        // reported at its count point (the first count point at or after its operation).
        let count_point = order_ops
            .iter()
            .filter(|o| o.operation >= operation)
            .find(|o| o.count_point);
        key.clear();
        key.extend_from_slice(location);
        key.push(0x1f);
        for c in 3..=7 {
            key.extend_from_slice(bytes(r, c)?);
            key.push(0x1f);
        }
        key.extend_from_slice(order.qty.as_bytes());
        key.push(0x1f);
        if order.stored {
            key.push(b's');
            key.extend_from_slice(bytes(r, 8)?);
            key.push(0x1f);
            key.push(if r.get::<_, i64>(9)? != 0 { b'1' } else { b'0' });
        } else if let Some(o) = count_point {
            key.push(b'u');
            key.extend_from_slice(o.good.as_bytes());
            key.push(0x1f);
            key.extend_from_slice(o.scrap.as_bytes());
        } else {
            key.push(b'n');
        }
        let at = if let Some(&at) = index.get(key.as_slice()) {
            at
        } else {
            let per: String = r.get(4)?;
            let planned = if order.stored {
                Planned::Stored {
                    planned: r.get(8)?,
                    carried: r.get::<_, i64>(9)? != 0,
                }
            } else {
                Planned::Units(count_point.map_or(Ok(Quantity::ZERO), |o| {
                    Ok::<_, StoreError>(quantity_of(&o.good, 4)? + quantity_of(&o.scrap, 5)?)
                })?)
            };
            groups.push(DemandGroup {
                location: String::from_utf8_lossy(location).as_ref().into(),
                item: r.get(3)?,
                decimals: 0,
                per: Per::parse(&per).ok_or_else(|| {
                    StoreError::Corrupt(BadValue::Word {
                        column: StoredWord::Per,
                        value: per.clone(),
                    })
                })?,
                qty: r.get::<_, Quantity>(5)?.get(),
                base: r.get::<_, Quantity>(6)?.get(),
                scrap_factor: r.get::<_, Quantity>(7)?.get(),
                order_qty: quantity_of(&order.qty, 1)?,
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
            if g.orders.last() != Some(&number) {
                g.orders.push(number);
            }
        }
    }
    // Only stock items are issued: each component looked up once, not once per line.
    let mut decimals: HashMap<ItemCode, Option<u32>> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT decimals FROM items WHERE item = ?1 AND item_type = 'stock'")?;
    for g in &groups {
        if !decimals.contains_key(&g.item) {
            let found: Option<u32> = stmt.query_row([g.item.as_str()], |r| r.get(0)).optional()?;
            decimals.insert(g.item.clone(), found);
        }
    }
    groups.retain_mut(|g| match decimals.get(&g.item).copied().flatten() {
        Some(d) => {
            g.decimals = d;
            true
        }
        None => false,
    });
    Ok(groups)
}

/// The net material used at each of `locations` since `since` (RFC 3339), by (location,
/// item): what reports and hand issues took, net of their reversals and returns (issues are
/// negative in the ledger). One pass over the window's movements, without an allocation per
/// movement.
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
    let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut used: Vec<((LocationCode, ItemCode), Quantity)> = Vec::new();
    let mut key: Vec<u8> = Vec::new();
    while let Some(r) = rows.next()? {
        let location = bytes(r, 0)?;
        if !locations.iter().any(|l| l.as_bytes() == location) {
            continue;
        }
        if MovementKind::parse(text(r, 2)?)
            .and_then(MovementKind::usage_class)
            .is_none()
        {
            continue;
        }
        let qty: Quantity = r.get(3)?;
        key.clear();
        key.extend_from_slice(location);
        key.push(0x1f);
        key.extend_from_slice(bytes(r, 1)?);
        let at = if let Some(&at) = index.get(key.as_slice()) {
            at
        } else {
            used.push(((text(r, 0)?.into(), text(r, 1)?.into()), Quantity::ZERO));
            index.insert(key.clone(), used.len() - 1);
            used.len() - 1
        };
        if let Some(u) = used.get_mut(at) {
            u.1 -= qty;
        }
    }
    Ok(used)
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
