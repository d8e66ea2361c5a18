//! Closing an order: its WIP per column (`wip`), the close that settles it to the variance
//! accounts, and the reopen that takes the latest settlement back. The close reads what it
//! settles inside the write transaction that posts it, so no posting slips between.

use std::cell::RefCell;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::cache::MasterCache;
use super::orders::{load_items, load_order};
use super::{Credentials, Keyed, Refusal, Result, Service, ServiceError, Thing, keyed};
use crate::domain::codes::{ItemCode, OrderNo};
use crate::domain::ids::ExceptionId;
use crate::domain::posting;
use crate::domain::qty::{Money, Quantity};
use crate::domain::variance;
use crate::domain::wip::{self, ClosedAs, OrderStatus, Settlement, WipColumns};
use crate::service::auth::Permission;
use crate::store;

/// One order's WIP by column.
#[derive(Debug, Clone, PartialEq)]
pub struct WipRow {
    pub order: OrderNo,
    pub item: ItemCode,
    pub status: OrderStatus,
    pub columns: WipColumns,
}

/// The orders' WIP and their totals.
#[derive(Debug, Clone, PartialEq)]
pub struct WipReport {
    pub orders: Vec<WipRow>,
    pub total: WipColumns,
}

/// Which orders `wip` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WipFilter {
    /// This order whatever its state (zeros when it has no lines).
    pub order: Option<OrderNo>,
    /// Closed orders too.
    pub all: bool,
}

/// What closing an order would settle now, and what stands in the way.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosePreview {
    pub order: OrderNo,
    pub status: OrderStatus,
    pub qty: Quantity,
    /// The good at the order's last operation.
    pub good: Quantity,
    pub closed_as: ClosedAs,
    pub settlement: Settlement,
    pub open_exceptions: Vec<ExceptionId>,
}

/// A close: the order and the reason (needed when the close is short).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloseRequest {
    pub order: OrderNo,
    pub reason: Option<String>,
}

/// A posted close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub order: OrderNo,
    pub closed_as: ClosedAs,
    pub wip: Money,
    pub material_usage_variance: Money,
    pub production_variance: Money,
    pub reason: Option<String>,
}

/// A reopen: the order and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReopenRequest {
    pub order: OrderNo,
    pub reason: String,
}

/// A posted reopen: `reverses` is the seq of the `order_closed` event it takes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopened {
    pub order: OrderNo,
    pub reason: String,
    pub reverses: i64,
}

/// The refusal of any write on a closed order: a closed order takes nothing until it is
/// reopened.
pub(super) fn refuse_closed(conn: &Connection, order: &str) -> Result<()> {
    match store::closing::order_status(conn, order)? {
        Some(OrderStatus::Closed) => Err(Refusal::OrderClosed {
            order: order.into(),
        }
        .into()),
        _ => Ok(()),
    }
}

/// What closing `order` would settle, read on `conn` (the write transaction when closing).
fn preview(
    conn: &Connection,
    cache: &RefCell<MasterCache>,
    order_id: &OrderNo,
) -> Result<ClosePreview> {
    let (order, progress, _) = load_order(conn, cache, order_id)?;
    let status = store::closing::order_status(conn, order_id)?
        .ok_or_else(|| ServiceError::not_found(Thing::Order, order_id.as_str()))?;
    let good = order
        .operations
        .iter()
        .map(|o| o.operation)
        .max()
        .and_then(|last| progress.operations.get(&last))
        .map_or(Quantity::ZERO, |p| p.good);
    let lines = store::closing::order_journals(conn, Some(order_id))?
        .into_iter()
        .next()
        .map(|j| j.lines)
        .unwrap_or_default();
    let wip = wip::columns(&lines).wip();
    let actuals = store::queries::line_actuals(conn, order_id)?;
    let items = load_items(conn, order.materials.iter().map(|m| m.component.as_str()))?;
    let material = variance::variance(&order, &progress, &actuals, &|code| {
        items.get(code).cloned()
    });
    Ok(ClosePreview {
        order: order_id.clone(),
        status,
        qty: order.qty,
        good,
        closed_as: ClosedAs::of(good, order.qty),
        settlement: Settlement::of(wip, material.variance),
        open_exceptions: store::closing::open_exceptions(conn, order_id)?,
    })
}

impl Service {
    /// The orders' WIP by column: every released order with WIP lines (closed ones too
    /// with `all`), or the one order asked for whatever its state; then the totals.
    ///
    /// # Errors
    /// An unknown order; the store fails.
    pub fn wip(&self, filter: &WipFilter) -> Result<WipReport> {
        let conn = self.store.conn();
        let journals = store::closing::order_journals(conn, filter.order.as_deref())?;
        if let Some(order) = &filter.order
            && journals.is_empty()
        {
            return Err(ServiceError::not_found(Thing::Order, order.as_str()));
        }
        let orders: Vec<WipRow> = journals
            .into_iter()
            .filter(|j| {
                filter.order.is_some()
                    || (j
                        .lines
                        .iter()
                        .any(|l| l.role == Some(crate::domain::journal::Account::Wip))
                        && (filter.all || j.status == OrderStatus::Released))
            })
            .map(|j| WipRow {
                columns: wip::columns(&j.lines),
                order: j.order,
                item: j.item,
                status: j.status,
            })
            .collect();
        let total = orders
            .iter()
            .fold(WipColumns::default(), |sum, r| sum.plus(r.columns));
        Ok(WipReport { orders, total })
    }

    /// What closing `order` would settle now: its WIP, both variances, whether it is short,
    /// and its open exceptions.
    ///
    /// # Errors
    /// An unknown order; the store fails.
    pub fn close_preview(&self, order: &OrderNo) -> Result<ClosePreview> {
        preview(self.store.conn(), &self.cache, order)
    }

    /// Whether `order` is released or closed.
    ///
    /// # Errors
    /// An unknown order; the store fails.
    pub fn order_status(&self, order: &str) -> Result<OrderStatus> {
        store::closing::order_status(self.store.conn(), order)?
            .ok_or_else(|| ServiceError::not_found(Thing::Order, order))
    }

    /// Whether the board marks `order` ready to close: released, the good at its last
    /// operation reached the order quantity, and nothing of it waits in the exception queue.
    ///
    /// # Errors
    /// An unknown order; the store fails.
    pub fn ready_to_close(&self, order: &str) -> Result<bool> {
        let conn = self.store.conn();
        if self.order_status(order)? == OrderStatus::Closed {
            return Ok(false);
        }
        let (o, progress, _) = super::orders::load_order_cached(conn, &self.cache, order)?;
        let good = o
            .operations
            .iter()
            .map(|op| op.operation)
            .max()
            .and_then(|last| progress.operations.get(&last))
            .map_or(Quantity::ZERO, |p| p.good);
        let waiting = !store::closing::open_exceptions(conn, order)?.is_empty();
        Ok(wip::ready_to_close(good, o.qty, waiting))
    }

    /// Closes an order: its WIP settled (the material usage variance is its material
    /// variance, the production variance the rest), its status closed, in one transaction
    /// with its export events.
    ///
    /// # Errors
    /// An unknown order; a closed one; open exceptions; a short close without a reason;
    /// permissions; a key used for another request.
    pub fn close_order<'a>(
        &mut self,
        request: impl Into<Keyed<'a, CloseRequest>>,
        who: &Credentials,
    ) -> Result<Closed> {
        let Keyed { request, key: idem } = request.into();
        let request = CloseRequest {
            order: self.resolve_code(Thing::Order, &request.order)?.into(),
            reason: request.reason.clone().filter(|r| !r.trim().is_empty()),
        };
        let keyed = keyed::key(idem, "close", &request, String::new)?;
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref(), &self.replayed)? {
            self.authorize(who, Permission::Close)?;
            return Ok(done);
        }
        let stamp = self.authorize(who, Permission::Close)?;
        let accounts = self.rules()?.rules.accounts();
        let cache = &self.cache;
        self.store.write(|tx| -> Result<Closed> {
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if let Some(first) = keyed::replay(tx, keyed.as_ref(), &self.replayed)? {
                return Ok(first);
            }
            let p = preview(tx, cache, &request.order)?;
            if p.status == OrderStatus::Closed {
                return Err(Refusal::OrderClosed { order: p.order }.into());
            }
            if !p.open_exceptions.is_empty() {
                return Err(Refusal::OpenExceptions {
                    order: p.order,
                    exceptions: p.open_exceptions,
                }
                .into());
            }
            if p.closed_as == ClosedAs::Short && request.reason.is_none() {
                return Err(Refusal::ShortNeedsReason {
                    order: p.order,
                    good: p.good,
                    qty: p.qty,
                }
                .into());
            }
            let mut plan = posting::close::close(
                &p.order,
                p.closed_as,
                request.reason.as_deref(),
                &p.settlement,
                &accounts,
            );
            let done = Closed {
                order: p.order.clone(),
                closed_as: p.closed_as,
                wip: p.settlement.wip,
                material_usage_variance: p.settlement.material_usage_variance,
                production_variance: p.settlement.production_variance,
                reason: request.reason.clone(),
            };
            plan.keep = keyed::kept(keyed.as_ref(), &done)?;
            store::posting::apply(tx, &stamp, &plan)?;
            Ok(done)
        })
    }

    /// Reopens a closed order: the exact reverse of its latest settlement; it is released
    /// again.
    ///
    /// # Errors
    /// An unknown order; one that is not closed; permissions; a key used for another
    /// request.
    pub fn reopen_order<'a>(
        &mut self,
        request: impl Into<Keyed<'a, ReopenRequest>>,
        who: &Credentials,
    ) -> Result<Reopened> {
        let Keyed { request, key: idem } = request.into();
        let resolved = ReopenRequest {
            order: self.resolve_code(Thing::Order, &request.order)?.into(),
            ..request.clone()
        };
        let request = &resolved;
        let keyed = keyed::key(idem, "reopen", request, String::new)?;
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref(), &self.replayed)? {
            self.authorize(who, Permission::Reopen)?;
            return Ok(done);
        }
        let stamp = self.authorize(who, Permission::Reopen)?;
        self.store.write(|tx| -> Result<Reopened> {
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if let Some(first) = keyed::replay(tx, keyed.as_ref(), &self.replayed)? {
                return Ok(first);
            }
            let order = &request.order;
            let status = store::closing::order_status(tx, order)?
                .ok_or_else(|| ServiceError::not_found(Thing::Order, order.as_str()))?;
            let latest = match (status, store::closing::latest_close(tx, order)?) {
                (OrderStatus::Closed, Some(latest)) => latest,
                _ => {
                    return Err(Refusal::OrderNotClosed {
                        order: order.clone(),
                    }
                    .into());
                }
            };
            let mut plan =
                posting::close::reopen(order, &request.reason, latest.seq, latest.entry.as_ref());
            let done = Reopened {
                order: order.clone(),
                reason: request.reason.clone(),
                reverses: latest.seq,
            };
            plan.keep = keyed::kept(keyed.as_ref(), &done)?;
            store::posting::apply(tx, &stamp, &plan)?;
            Ok(done)
        })
    }
}
