//! What the genealogy walk reads: per order, item and lot, the net quantity
//! consumed and received, from the ledger.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use super::{Quantity, Result};
use crate::domain::codes::{ItemCode, OrderNo};
use crate::domain::movement::{MovementKind, ReversibleKind};
use crate::domain::trace::OrderLot;

type Key = (OrderNo, ItemCode, Option<String>);

/// What an order did with a lot (or an untracked item), net.
#[derive(Default)]
struct Net {
    consumed: Quantity,
    received: Quantity,
}

/// Adds a movement of an order to its net consumed or received quantity.
fn add(facts: &mut BTreeMap<Key, Net>, key: Key, kind: &str, qty: Quantity) {
    let Some(kind) = MovementKind::parse(kind) else {
        return;
    };
    let entry = facts.entry(key).or_default();
    match kind {
        MovementKind::Receipt | MovementKind::Reverse(ReversibleKind::Receipt) => {
            entry.received += qty;
        }
        k if k.usage_class().is_some() => entry.consumed -= qty,
        _ => {}
    }
}

/// Every order's net use of tracked lots, and the untracked items those orders received.
///
/// # Errors
/// SQLite fails.
pub fn order_lots(conn: &Connection) -> Result<Vec<OrderLot>> {
    let mut facts: BTreeMap<Key, Net> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(r.order_id, m.order_id), m.kind, m.item, m.lot, m.qty
         FROM movements m LEFT JOIN reports r ON r.id = m.report_id
         WHERE m.lot IS NOT NULL AND (m.report_id IS NOT NULL OR m.order_id IS NOT NULL)",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let order: Option<OrderNo> = r.get(0)?;
        let Some(order) = order else { continue };
        let kind: String = r.get(1)?;
        let key = (order, r.get(2)?, Some(r.get(3)?));
        add(&mut facts, key, &kind, r.get::<_, Quantity>(4)?);
    }
    let orders: Vec<OrderNo> = facts.keys().map(|k| k.0.clone()).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT m.kind, m.item, m.qty FROM movements m JOIN reports r ON r.id = m.report_id
         WHERE r.order_id = ?1 AND m.lot IS NULL AND m.kind IN ('receipt', 'reverse_receipt')",
    )?;
    let mut done = std::collections::BTreeSet::new();
    for order in orders {
        if !done.insert(order.clone()) {
            continue;
        }
        let mut rows = stmt.query(params![order])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(0)?;
            let key = (order.clone(), r.get(1)?, None);
            add(&mut facts, key, &kind, r.get::<_, Quantity>(2)?);
        }
    }
    Ok(facts
        .into_iter()
        .map(|((order, item, lot), net)| OrderLot {
            order,
            item,
            lot,
            consumed: net.consumed,
            received: net.received,
        })
        .collect())
}

/// Whether the store ever held this lot of this item.
///
/// # Errors
/// SQLite fails.
pub fn lot_known(conn: &Connection, item: &str, lot: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM lots WHERE item = ?1 AND lot = ?2")?
        .exists(params![item, lot])?)
}

/// The lots of an item the store ever held, newest first.
///
/// # Errors
/// SQLite fails.
pub fn lots_of(conn: &Connection, item: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT lot FROM lots WHERE item = ?1 ORDER BY first_at DESC, lot")?
        .query_map([item], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The lot- and serial-tracked items with their descriptions, by code.
///
/// # Errors
/// SQLite fails.
pub fn tracked_items(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT item, description FROM items WHERE tracking IN ('lot', 'serial') ORDER BY item",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
