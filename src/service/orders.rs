//! Released orders: the board, the history, an order with its progress, and its variance.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::Connection;

use super::cache::MasterCache;
use super::{Field, Owner, Result, Service, ServiceError, Thing, Why};
use crate::domain::backflush;
use crate::domain::backflush::{KeyMiss, LineNames, line_by_key};
use crate::domain::master::Item;
use crate::domain::order::Order;
use crate::domain::order::OrderMaterial;
use crate::domain::variance::{self, Variance};
use crate::store;

impl Service {
    /// Orders for the order board, due first.
    ///
    /// # Errors
    /// The store fails.
    pub fn orders(
        &self,
        work_center: Option<&str>,
        limit: i64,
    ) -> Result<Vec<store::orders::OrderSummary>> {
        Ok(store::orders::list_orders(
            self.store.conn(),
            work_center,
            limit,
        )?)
    }

    /// Reports newest first, of one work center when given.
    ///
    /// # Errors
    /// The store fails.
    pub fn history(
        &self,
        work_center: Option<&str>,
        limit: i64,
    ) -> Result<Vec<store::queries::ReportRow>> {
        Ok(store::queries::reports(
            self.store.conn(),
            work_center,
            limit,
        )?)
    }

    /// The variance of an order.
    ///
    /// # Errors
    /// Unknown order; the store fails.
    pub fn variance(&self, order_id: &str) -> Result<Variance> {
        let conn = self.store.conn();
        let (order, progress, _) = load_order(conn, &self.cache, order_id)?;
        let actuals = store::queries::line_actuals(conn, order_id)?;
        let items = load_items(conn, order.materials.iter().map(|m| m.component.as_str()))?;
        Ok(variance::variance(&order, &progress, &actuals, &|code| {
            items.get(code).cloned()
        }))
    }

    /// A released order with its progress.
    ///
    /// # Errors
    /// Unknown order; the store fails.
    pub fn order(&self, order_id: &str) -> Result<(Order, backflush::Progress)> {
        load_order(self.store.conn(), &self.cache, order_id).map(|(o, p, _)| (o, p))
    }
}

/// A released order's snapshot from the cache (it never changes once released) with its
/// progress read fresh; the flag says whether the lines' progress is stored (else derived).
/// Refreshes the cache against the store's master version first.
pub(super) fn load_order_cached(
    conn: &Connection,
    cache: &RefCell<MasterCache>,
    order_id: &str,
) -> Result<(Rc<Order>, backflush::Progress, bool)> {
    const MAX_ORDERS: usize = 2_000;
    cache.borrow_mut().refresh(conn)?;
    let cached = cache.borrow().orders.get(order_id).map(Rc::clone);
    let (order, mut progress, stored) = match cached {
        Some(order) => {
            let (progress, stored) = store::orders::load_progress(conn, order_id)?;
            (order, progress, stored)
        }
        None => {
            let (order, progress, stored) = store::orders::load_order(conn, order_id)?
                .ok_or_else(|| ServiceError::not_found(Thing::Order, order_id))?;
            let order = Rc::new(order);
            let mut c = cache.borrow_mut();
            if c.orders.len() >= MAX_ORDERS {
                c.orders.clear();
            }
            c.orders.insert(order_id.to_string(), Rc::clone(&order));
            (order, progress, stored)
        }
    };
    complete_progress(conn, cache, &order, &mut progress, stored)?;
    Ok((order, progress, stored))
}

/// A released order and its progress, the lines' progress derived when it is not stored.
pub(super) fn load_order(
    conn: &Connection,
    cache: &RefCell<MasterCache>,
    order_id: &str,
) -> Result<(Order, backflush::Progress, bool)> {
    let (order, mut progress, stored) = store::orders::load_order(conn, order_id)?
        .ok_or_else(|| ServiceError::not_found(Thing::Order, order_id))?;
    complete_progress(conn, cache, &order, &mut progress, stored)?;
    Ok((order, progress, stored))
}

/// Fills in the lines' `P` of an order that never had a report reversed.
fn complete_progress(
    conn: &Connection,
    cache: &RefCell<MasterCache>,
    order: &Order,
    progress: &mut backflush::Progress,
    stored: bool,
) -> Result<()> {
    if stored {
        return Ok(());
    }
    let mut decimals = HashMap::new();
    let mut c = cache.borrow_mut();
    for m in &order.materials {
        if let Some(item) = c.item(conn, &m.component)? {
            decimals.insert(m.component.as_str(), item.decimals);
        }
    }
    progress.lines = backflush::derived_line_progress(order, &progress.operations, &|code| {
        decimals.get(code).copied().unwrap_or(0)
    });
    Ok(())
}

pub(super) fn load_items<'a>(
    conn: &Connection,
    codes: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, Item>> {
    let mut items = HashMap::new();
    for code in codes {
        if !items.contains_key(code)
            && let Some(item) = store::master::item(conn, code)?
        {
            items.insert(code.to_string(), item);
        }
    }
    Ok(items)
}

impl Service {
    /// The order a typed or scanned code means: its number in any case, or a unique ending
    /// (`1003` finds `WO-1003`).
    ///
    /// # Errors
    /// No order matches, or the ending matches several (they are named).
    pub fn resolve_order(&self, text: &str) -> Result<String> {
        let text = text.trim();
        let found = store::orders::find_orders(self.store.conn(), text, 4)?;
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(ServiceError::not_found(Thing::Order, text)),
            many => Err(ServiceError::invalid(
                Field::Order,
                text,
                Why::Matches {
                    orders: many.iter().take(3).cloned().collect(),
                    more: many.len() > 3,
                },
            )),
        }
    }
}

impl Service {
    /// Open exceptions per order, for the board.
    ///
    /// # Errors
    /// The store fails.
    pub fn waiting_by_order(&self) -> Result<HashMap<String, i64>> {
        Ok(store::exceptions::open_by_order(self.store.conn())?)
    }
}

/// The order's material line a key names: a line id, else an item code on one line.
pub(super) fn find_line<'o>(order: &'o Order, key: &str) -> Result<&'o OrderMaterial> {
    line_named(
        &order.materials,
        key,
        |m| LineNames {
            id: &m.line,
            item: &m.component,
        },
        || Owner::Order(order.order.to_string()),
    )
}

/// The line `key` names among `lines` (its id, else the one line of its item), or the
/// refusal that says which `owner` has no such line or has the item on several.
pub(super) fn line_named<'a, T>(
    lines: &'a [T],
    key: &str,
    id_and_item: impl Fn(&T) -> LineNames<'_>,
    owner: impl Fn() -> Owner,
) -> Result<&'a T> {
    let no_line = || ServiceError::NoLine {
        owner: owner(),
        key: key.to_string(),
    };
    match line_by_key(lines, key, &id_and_item) {
        Ok(at) => lines.get(at).ok_or_else(no_line),
        Err(KeyMiss::Nothing) => Err(no_line()),
        Err(KeyMiss::Many(many)) => Err(ServiceError::invalid(
            Field::Item,
            key,
            Why::OnLines {
                lines: many
                    .iter()
                    .filter_map(|&i| lines.get(i))
                    .map(|l| id_and_item(l).id.to_string())
                    .collect(),
                owner: owner(),
            },
        )),
    }
}
