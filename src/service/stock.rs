//! Stock: transfers, balances, the ledger (audit), and the exception queue.

use std::collections::HashMap;

use super::floor::deferred::post_deferred;
use super::{
    BalanceRow, Credentials, ExceptionRow, Field, Keyed, LocationKind, Permission, Quantity,
    Result, Service, ServiceError, Thing, TransferRequest, Why, backflush, inventory_account,
    keyed, store,
};

use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::lots::LotPick;
use crate::domain::lots::LotQty;
use crate::domain::posting::{self, PostingKind, PostingPlan};
use crate::domain::requests::Withdrawal;

impl Service {
    /// Moves stock (a tracked item in pick order); retries the open exceptions of the
    /// destination.
    ///
    /// # Errors
    /// As [`Self::transfer_lots`].
    pub fn transfer<'a>(
        &mut self,
        request: impl Into<Keyed<'a, TransferRequest>>,
        who: &Credentials,
    ) -> Result<Vec<ExceptionRow>> {
        Ok(self.transfer_lots(request, who)?.1)
    }

    /// Moves stock, a tracked item by the lots `named` (`LOT[:QTY],…`) or in pick order;
    /// retries the open exceptions of the destination. Returns the lots moved and the
    /// exceptions posted.
    ///
    /// # Errors
    /// Unknown item or location, a bad quantity, not enough stock at `from`, named lots that
    /// do not hold their quantity.
    pub fn transfer_lots<'a>(
        &mut self,
        request: impl Into<Keyed<'a, TransferRequest>>,
        who: &Credentials,
    ) -> Result<(Vec<LotQty>, Vec<ExceptionRow>)> {
        let Keyed { request, key } = request.into();
        let resolved = self.resolve_transfer(request)?;
        let request = &resolved;
        let TransferRequest {
            item,
            qty,
            from,
            to,
            lots,
        } = request;
        let (item, qty, from, to, named) = (&**item, *qty, &**from, &**to, lots.as_deref());
        let keyed = keyed::key(key, "transfer", request, || {
            // The fingerprint of a transfer as earlier versions wrote it.
            format!(
                "item={item} qty={} from={from} to={to} lot={}",
                keyed::qty_text(qty),
                named.unwrap_or_default()
            )
        })?;
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref(), &self.replayed)? {
            self.authorize(who, Permission::Handle)?;
            return Ok(done);
        }
        let conn = self.store.conn();
        let it = store::master::item(conn, item)?
            .ok_or_else(|| ServiceError::not_found(Thing::Item, item))?;
        for l in [from, to] {
            if !store::master::location_exists(conn, l)? {
                return Err(ServiceError::not_found(Thing::Location, l));
            }
        }
        if from == to {
            return Err(ServiceError::invalid(
                Field::TransferTo,
                to,
                Why::SameAsFrom { from: from.into() },
            ));
        }
        if qty <= Quantity::ZERO {
            return Err(ServiceError::invalid(
                Field::TransferQty,
                qty.to_string(),
                Why::NotPositive,
            ));
        }
        backflush::check_quantity(backflush::QtyField::Transfer, qty, it.decimals)?;
        let stamp = self.authorize(who, Permission::Handle)?;
        let accounts = self.rules()?.rules.accounts();
        let mut accounts_of = Vec::new();
        for l in [from, to] {
            let kind = store::master::location_kind(self.store.conn(), l)?
                .unwrap_or(LocationKind::Storage);
            accounts_of.push(inventory_account(kind));
        }
        let account_of = |l: &str| {
            if l == from {
                accounts_of[0]
            } else {
                accounts_of[1]
            }
        };
        let pick = self.rules()?.rules.lot_selection().pick_order();
        self.store
            .write(|tx| -> Result<(Vec<LotQty>, Vec<ExceptionRow>)> {
                // Stamped once the write lock is held: postings that waited commit in time order.
                let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
                if let Some(first) = keyed::replay(tx, keyed.as_ref(), &self.replayed)? {
                    return Ok(first);
                }
                let (item_code, from_code, to_code) = (
                    ItemCode::from(item),
                    LocationCode::from(from),
                    LocationCode::from(to),
                );
                let taken = store::ledger::transfer_source(
                    tx,
                    &Withdrawal {
                        item: &item_code,
                        qty,
                        from: &from_code,
                        named,
                    },
                    LotPick {
                        order: pick,
                        today: stamp.today(),
                    },
                )?;
                let mut plan = posting::transfer::plan(
                    &posting::transfer::Transfer {
                        item: &item_code,
                        qty,
                        from: posting::transfer::Place {
                            location: &from_code,
                            account: account_of(from),
                        },
                        to: posting::transfer::Place {
                            location: &to_code,
                            account: account_of(to),
                        },
                        taken: &taken,
                        value: qty * store::master::std_cost(tx, item)?,
                    },
                    &accounts,
                );
                // The deferred lines the transfer lets post are part of its posting.
                let posted = post_deferred(tx, Some(&to_code), &mut plan, &stamp, &accounts, pick)?;
                let done = (taken, posted);
                plan.keep = keyed::kept(keyed.as_ref(), &done)?;
                store::posting::apply(tx, &stamp, &plan)?;
                Ok(done)
            })
    }

    /// Non-zero balances.
    ///
    /// # Errors
    /// The store fails.
    pub fn stock(
        &self,
        location: Option<&LocationCode>,
        item: Option<&ItemCode>,
    ) -> Result<Vec<BalanceRow>> {
        Ok(store::queries::balances(
            self.store.conn(),
            location.map(LocationCode::as_str),
            item.map(ItemCode::as_str),
        )?)
    }

    /// The ledger, newest first (the audit trail: who, when, where, why).
    ///
    /// # Errors
    /// The store fails.
    pub fn audit(
        &self,
        filter: &store::queries::AuditFilter,
    ) -> Result<Vec<store::queries::MovementRow>> {
        Ok(store::queries::movements(self.store.conn(), filter)?)
    }

    /// Skipped report lines with their reason codes, newest first: they moved nothing, so
    /// `audit` lists them apart from the ledger.
    ///
    /// # Errors
    /// The store fails.
    pub fn audit_skips(
        &self,
        filter: &store::queries::AuditFilter,
    ) -> Result<Vec<store::floor::SkippedLine>> {
        Ok(store::floor::skipped_lines(self.store.conn(), filter)?)
    }

    /// The exception queue, oldest first.
    ///
    /// # Errors
    /// The store fails.
    pub fn exceptions(&self, open_only: bool) -> Result<Vec<ExceptionRow>> {
        Ok(store::exceptions::exceptions(
            self.store.conn(),
            open_only,
            None,
        )?)
    }

    /// Where each open exception stands now: what it lacks at its location, and whether a
    /// retry would post it (the retry's own rule, on the stock as it is now).
    ///
    /// # Errors
    /// The store fails.
    pub fn exceptions_now(&self) -> Result<Vec<crate::domain::retry::StandsNow>> {
        use crate::domain::retry::{RetryStock, Waiting, stands_now};
        let conn = self.store.conn();
        let pick = self.rules()?.rules.lot_selection().pick_order();
        let open = store::exceptions::open_lines(conn, None)?;
        let mut balances = HashMap::new();
        let mut lots = HashMap::new();
        for (e, _) in &open {
            let at = (e.item.to_string(), e.location.to_string());
            if balances.contains_key(&at) {
                continue;
            }
            balances.insert(at.clone(), store::ledger::balance(conn, &at.0, &at.1)?);
            let tracked = store::master::item(conn, &at.0)?
                .is_some_and(|i| i.tracking != crate::domain::master::Tracking::None);
            if tracked {
                lots.insert(at.clone(), store::ledger::lots_at(conn, &at.0, &at.1)?);
            }
        }
        let waiting: Vec<Waiting<'_>> = open
            .iter()
            .map(|(e, _)| Waiting {
                id: e.id,
                item: &e.item,
                location: &e.location,
                qty: e.qty,
            })
            .collect();
        let key = |item: &str, location: &str| (item.to_string(), location.to_string());
        let on_hand = |item: &str, location: &str| {
            balances
                .get(&key(item, location))
                .copied()
                .unwrap_or_default()
        };
        let lots_of = |item: &str, location: &str| lots.get(&key(item, location)).cloned();
        Ok(stands_now(
            &waiting,
            &RetryStock {
                on_hand: &on_hand,
                lots: &lots_of,
                pick,
                today: chrono::Utc::now().date_naive(),
            },
        ))
    }

    /// Retries every open exception, oldest first; the same `key` posts once.
    ///
    /// # Errors
    /// Permissions; the store fails; a key used before for another command (`conflict`).
    pub fn retry_exceptions(
        &mut self,
        key: Option<&str>,
        who: &Credentials,
    ) -> Result<Vec<ExceptionRow>> {
        // The retry has no body; earlier versions kept an empty request text.
        let keyed = keyed::key(key, "exceptions retry", &(), String::new)?;
        let stamp = self.authorize(who, Permission::Handle)?;
        let accounts = self.rules()?.rules.accounts();
        let pick = self.rules()?.rules.lot_selection().pick_order();
        self.store.write(|tx| -> Result<Vec<ExceptionRow>> {
            // Stamped once the write lock is held: postings that waited commit in time order.
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if let Some(first) = keyed::replay(tx, keyed.as_ref(), &self.replayed)? {
                return Ok(first);
            }
            let mut plan = PostingPlan::new(PostingKind::Retry);
            let posted = post_deferred(tx, None, &mut plan, &stamp, &accounts, pick)?;
            plan.keep = keyed::kept(keyed.as_ref(), &posted)?;
            store::posting::apply(tx, &stamp, &plan)?;
            Ok(posted)
        })
    }
}

impl Service {
    /// Stock items matching `text` in code or description, for a pick list.
    ///
    /// # Errors
    /// The store fails.
    pub fn search_items(&self, text: &str, limit: i64) -> Result<Vec<(String, String)>> {
        Ok(store::master::search_items(self.store.conn(), text, limit)?)
    }

    /// The kind of a location, `None` when it does not exist.
    ///
    /// # Errors
    /// The store fails.
    pub fn location_kind(&self, code: &str) -> Result<Option<LocationKind>> {
        Ok(store::master::location_kind(self.store.conn(), code)?)
    }
}
