//! The hand issue and return outside a report (`backflush issue`): reads the line,
//! its stock and what it consumed, asks the engine's plan, and posts it in one transaction,
//! idempotent by key.

use super::{
    Approval, Connection, Credentials, Field, Item, MasterCache, Order, Permission, RefCell,
    Result, Service, ServiceError, Stamp, Thing, Why, new_idempotency_key, store,
};
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::posting::{self, issue::HandIssue};
use serde::{Deserialize, Serialize};

use super::auth::Role;
use super::keyed::{self, Key};
use super::orders::{find_line, load_order_cached};
use super::replay::{LotResult, lot_results};
use super::session::forbidden;

use crate::domain::ids::IssueId;
use crate::domain::issue::{IssuePlan, IssueStock, plan_issue};
use crate::domain::lots::Consumed;
use crate::domain::master::ItemType;
use crate::domain::order::OrderMaterial;
use crate::domain::qty::Quantity;

/// A hand issue (`qty` > 0) or return (`qty` < 0) as the user gives it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct IssueRequest {
    pub order: OrderNo,
    /// A material line id, or an item code that names one line of the order.
    pub line: String,
    pub qty: Quantity,
    /// `LOT[:QTY],…`.
    pub lots: Option<String>,
    pub location: Option<String>,
    pub reason: Option<String>,
}

impl IssueRequest {
    /// The request as its idempotency key stood for it in earlier versions (keys they
    /// stored, and the issues' own keys moved into the key table, keep this text).
    fn earlier_fingerprint(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.order,
            self.line,
            self.qty,
            self.lots.as_deref().unwrap_or_default(),
            self.location.as_deref().unwrap_or_default(),
            self.reason.as_deref().unwrap_or_default()
        )
    }
}

/// A posted issue as the caller sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Issued {
    /// The result of the first posting with this key.
    pub result: IssueResult,
    pub repeated: bool,
}

/// A hand issue or return as `issue` prints it, and as its key's retry returns it:
/// kept as JSON with the key (`request_keys`) and read back as this type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueResult {
    pub issue_id: IssueId,
    pub order: OrderNo,
    pub line: String,
    pub item: ItemCode,
    /// Null for a non-stock line: it has no location.
    pub location: Option<String>,
    /// Negative for a return.
    pub qty: Quantity,
    pub lots: Vec<LotResult>,
}

impl Service {
    /// Issues a material line of a released order by hand, or returns to it; the same key
    /// posts once.
    ///
    /// # Errors
    /// Unknown order, line or location; a plan refusal; permissions; a key used before for
    /// another request or another command (`conflict`).
    pub fn issue(
        &mut self,
        request: &IssueRequest,
        key: Option<&str>,
        who: &Credentials,
    ) -> Result<Issued> {
        let resolved = self.resolve_issue(request)?;
        let request = &resolved;
        let (stamp, role) = self.identify(who, Permission::Issue)?;
        if let Some(role) = role
            && !Permission::Issue.roles().contains(&role)
        {
            return Err(forbidden(&stamp.user, role, Permission::Issue));
        }
        // Expired lots by hand: leads and admins, or anyone with a lead's approval.
        let may_take_expired = role.is_none_or(|r| Permission::LeadApproval.roles().contains(&r))
            || stamp.approver.is_some();
        let keyed = Key::new(
            key.map_or_else(|| new_idempotency_key(&self.terminal), str::to_string),
            "issue",
            request,
            request.earlier_fingerprint(),
        )?;
        let rules = self.rules()?;
        let negative_stock = rules.rules.policy().negative_stock;
        let accounts = rules.rules.accounts();
        let cache = &self.cache;
        self.store.write(|tx| -> Result<Issued> {
            // Stamped once the write lock is held: postings that waited commit in time order.
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if let Some(first) = replay(tx, &keyed)? {
                return Ok(Issued {
                    result: first,
                    repeated: true,
                });
            }
            let (order, _, _) = load_order_cached(tx, cache, &request.order)?;
            super::closing::refuse_closed(tx, &order.order)?;
            let material = find_line(&order, &request.line)?;
            let item = cache
                .borrow_mut()
                .item(tx, &material.component)?
                .ok_or_else(|| ServiceError::not_found(Thing::Item, &material.component))?;
            let location = issue_location(tx, cache, &order, material, &item, request)?;
            let stock = read_stock(tx, &order.order, material, location.as_deref(), &stamp)?;
            let plan = plan_issue(
                &item,
                location.as_deref(),
                request.qty,
                request.lots.as_deref(),
                &stock,
                negative_stock,
            )?;
            if !may_take_expired && !plan.expired_lots.is_empty() {
                return Err(expired_needs_lead(&stamp, role, material, &plan));
            }
            let location = location.map(LocationCode::from);
            let issue = HandIssue {
                order: &order.order,
                line: &material.line,
                item: &item.item,
                location: location.as_ref(),
                std_cost: item.std_cost,
                reason: request.reason.as_deref(),
                id: store::issues::next_issue_id(tx)?,
                key: &keyed.key,
            };
            record_issue(tx, &keyed, &issue, &plan, &stamp, &accounts)
        })
    }
}

/// The first result of an issue's key: the same key for another issue is a conflict
/// naming that issue, for another command one naming the command.
fn replay(tx: &Connection, keyed: &Key) -> Result<Option<IssueResult>> {
    let Some(used) = keyed::first_use(tx, &keyed.key, keyed.command)? else {
        return Ok(None);
    };
    let first: IssueResult = keyed::read_result(&keyed.key, &used.result)?;
    if !keyed.same(&used.request) {
        return Err(ServiceError::Conflict {
            key: keyed.key.clone(),
            first: crate::service::FirstUse::Issue(first.issue_id),
        });
    }
    Ok(Some(first))
}

/// Plans the issue's posting with its first result kept under its key, and
/// applies it.
fn record_issue(
    tx: &Connection,
    keyed: &Key,
    issue: &HandIssue<'_>,
    planned: &IssuePlan,
    stamp: &Stamp,
    accounts: &crate::domain::journal::AccountNames,
) -> Result<Issued> {
    let result = IssueResult {
        issue_id: issue.id,
        order: issue.order.clone(),
        line: issue.line.to_string(),
        item: issue.item.clone(),
        location: issue.location.map(ToString::to_string),
        qty: planned.qty,
        lots: lot_results(&planned.lots),
    };
    let mut plan = posting::issue::plan(issue, planned, accounts);
    plan.keep = keyed::kept(Some(keyed), &result)?;
    store::posting::apply(tx, stamp, &plan)?;
    Ok(Issued {
        result,
        repeated: false,
    })
}

/// Where the line issues from: `--location`, else its supply location, else its work
/// center's machine location; `None` for a non-stock line.
fn issue_location(
    conn: &Connection,
    cache: &RefCell<MasterCache>,
    order: &Order,
    material: &OrderMaterial,
    item: &Item,
    request: &IssueRequest,
) -> Result<Option<String>> {
    if item.item_type == ItemType::NonStock {
        if let Some(l) = &request.location {
            return Err(ServiceError::invalid(
                Field::Location,
                l,
                Why::NonStock {
                    item: item.item.clone(),
                },
            ));
        }
        return Ok(None);
    }
    if let Some(l) = &request.location {
        if !store::master::location_exists(conn, l)? {
            return Err(ServiceError::not_found(Thing::Location, l));
        }
        return Ok(Some(l.clone()));
    }
    if let Some(l) = &material.supply_location {
        return Ok(Some(l.to_string()));
    }
    let work_center = order
        .operations
        .iter()
        .find(|o| o.operation == material.operation)
        .map(|o| o.work_center.clone())
        .unwrap_or_default();
    let wc = cache
        .borrow_mut()
        .work_center(conn, &work_center)?
        .ok_or_else(|| ServiceError::not_found(Thing::WorkCenter, &work_center))?;
    Ok(Some(wc.location.to_string()))
}

/// The stock at the location and what the line consumed there (net), for the plan.
fn read_stock(
    conn: &Connection,
    order: &str,
    material: &OrderMaterial,
    location: Option<&str>,
    stamp: &Stamp,
) -> Result<IssueStock> {
    let Some(location) = location else {
        let issued = store::issues::non_stock_issued(conn, order, &material.line)?;
        return Ok(IssueStock {
            consumed: vec![Consumed {
                lot: String::new(),
                qty: issued,
                first_at: String::new(),
            }],
            today: stamp.today(),
            ..IssueStock::default()
        });
    };
    let item = &material.component;
    let consumed = store::issues::line_consumed(conn, order, &material.line, item, location)?
        .into_iter()
        .map(|(lot, qty, first_at)| Consumed {
            lot: lot.unwrap_or_default(),
            qty,
            first_at,
        })
        .collect();
    Ok(IssueStock {
        on_hand: store::ledger::balance(conn, item, location)?,
        lots: store::ledger::lots_at(conn, item, location)?,
        consumed,
        today: stamp.today(),
    })
}

fn expired_needs_lead(
    stamp: &Stamp,
    role: Option<Role>,
    material: &OrderMaterial,
    plan: &IssuePlan,
) -> ServiceError {
    ServiceError::NeedsApproval {
        user: stamp.user.clone(),
        role,
        needs: Approval::ExpiredLot {
            line: material.line.clone(),
            item: material.component.clone(),
            lots: plan.expired_lots.clone(),
        },
    }
}
