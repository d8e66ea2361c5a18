//! The other movements, as use cases: a lead's scrap adjustment and substitution
//! on a posted report's detail line, the cycle count, and the material handler's staging list.

mod count;
pub(super) mod deferred;
mod lead;
mod staging;

use super::auth::Permission;
use super::reasons::ReasonKind;
use super::{
    Credentials, Field, Keyed, LineSubstitute, Owner, Refusal, Result, Service, ServiceError,
    Thing, Why, keyed,
};
use crate::domain::backflush::{LineNames, NegativeStock, QtyField, check_quantity};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::journal::inventory_account;
use crate::domain::lots::LotQty;
use crate::domain::master::{ItemType, LocationKind, Tracking};
use crate::domain::posting::{ExceptionChange, PostingKind, PostingPlan};
use crate::domain::qty::Quantity;
use crate::store::exceptions::ExceptionRow;
use crate::store::{self, floor::ReportLine};
use rusqlite::Connection;

pub use count::{Accuracy, Count, difference_pct};
pub use lead::{Adjustment, Substitution};
pub use staging::StagingLine;

impl Service {
    /// The detail line of a posted, unreversed report named by line id or item code.
    fn posted_line(conn: &Connection, report_id: ReportId, key: &str) -> Result<ReportLine> {
        if !store::floor::report_exists(conn, report_id)? {
            return Err(ServiceError::not_found(
                Thing::Report,
                report_id.to_string(),
            ));
        }
        if let Some(order) = store::reports::report_order(conn, report_id)? {
            super::closing::refuse_closed(conn, &order)?;
        }
        let lines = store::floor::report_lines(conn, report_id)?;
        let line = super::orders::line_named(
            &lines,
            key,
            |l| LineNames {
                id: &l.line,
                item: &l.item,
            },
            || Owner::Report(report_id),
        )?
        .clone();
        if line.reversed {
            return Err(Refusal::ReportReversed { report: report_id }.into());
        }
        if line.status == crate::domain::backflush::LineStatus::Manual {
            return Err(Refusal::ManualLine {
                report: report_id,
                line: line.line,
            }
            .into());
        }
        Ok(line)
    }

    fn stock_item(conn: &Connection, code: &str) -> Result<crate::domain::master::Item> {
        let item = store::master::item(conn, code)?
            .ok_or_else(|| ServiceError::not_found(Thing::Item, code))?;
        if item.item_type != ItemType::Stock {
            return Err(ServiceError::invalid(
                Field::Item,
                code,
                Why::HoldsNoStock {
                    item_type: item.item_type,
                },
            ));
        }
        Ok(item)
    }

    /// Refuses `qty` of `item` leaving `location` when it is not there (unless the plant's
    /// `negative` policy allows it).
    fn ensure_on_hand(
        conn: &Connection,
        negative: NegativeStock,
        item: &ItemCode,
        location: &LocationCode,
        qty: Quantity,
    ) -> Result<()> {
        let on_hand = store::ledger::balance(conn, item, location)?;
        if qty > on_hand && negative != NegativeStock::Allow {
            return Err(Refusal::NotOnHand {
                item: item.clone(),
                location: location.clone(),
                needed: qty,
                on_hand,
            }
            .into());
        }
        Ok(())
    }

    /// The detail lines of a posted report with what each has issued so far (net of
    /// adjustments and substitutions), for the lead's corrections.
    ///
    /// # Errors
    /// Unknown report; the store fails.
    pub fn report_detail(&self, report_id: ReportId) -> Result<Vec<(ReportLine, Quantity)>> {
        let conn = self.store.conn();
        if !store::floor::report_exists(conn, report_id)? {
            return Err(ServiceError::not_found(
                Thing::Report,
                report_id.to_string(),
            ));
        }
        store::floor::report_lines(conn, report_id)?
            .into_iter()
            .map(|l| {
                let issued = if l.non_stock {
                    store::floor::non_stock_issued(conn, report_id, &l.line)?
                } else {
                    store::floor::line_issued(conn, report_id, &l.line, &l.item)?
                };
                Ok((l, issued))
            })
            .collect()
    }

    /// What each line of a posted report issued instead of its own item (substitutions):
    /// (line, item, quantity).
    ///
    /// # Errors
    /// The store fails.
    pub fn report_substitutes(&self, report_id: ReportId) -> Result<Vec<LineSubstitute>> {
        Ok(store::floor::line_substitutes(
            self.store.conn(),
            report_id,
        )?)
    }

    /// A lead's explicit backflush flag on an order's material line (`None` = back to the
    /// BOM line's or the item's default). Manual-issue items and work centers without
    /// backflush stay manual whatever the flag.
    ///
    /// # Errors
    /// Unknown order or line, an item code on two lines, permissions.
    pub fn set_line_backflush(
        &mut self,
        order: &str,
        key: &str,
        flag: Option<bool>,
        who: &Credentials,
    ) -> Result<String> {
        let order = &self.resolve_code(Thing::Order, order)?;
        let key = &self.resolve_line_key(key)?;
        let (snapshot, _) = self.order(order)?;
        let material = super::orders::find_line(&snapshot, key)?;
        let line = material.line.clone();
        if flag == Some(true) {
            let context = self.report_context(order, std::iter::empty())?;
            if let Some(reason) = context.always_manual(material) {
                return Err(Refusal::AlwaysManual {
                    order: order.into(),
                    line,
                    component: material.component.clone(),
                    reason,
                }
                .into());
            }
        }
        self.authorize(who, Permission::LineFlag)?;
        self.store.write(|tx| -> Result<bool> {
            super::closing::refuse_closed(tx, order)?;
            Ok(store::orders::set_line_backflush(tx, order, &line, flag)?)
        })?;
        Ok(line)
    }

    /// Cancels an open exception (a lead's decision: the line will be issued by hand or not
    /// at all); it stays in the queue as `cancelled`.
    ///
    /// # Errors
    /// Unknown or not open exception, permissions; a key used before for another request or
    /// command (`conflict`).
    pub fn cancel_exception<'a>(
        &mut self,
        id: impl Into<Keyed<'a, ExceptionId>>,
        who: &Credentials,
    ) -> Result<()> {
        let Keyed { request: &id, key } = id.into();
        // The fingerprint of a cancel as earlier versions wrote it: `id=ID`.
        let keyed = keyed::key(key, "exceptions cancel", &id, || format!("id={id}"))?;
        if keyed::replay::<()>(self.store.conn(), keyed.as_ref(), &self.replayed)?.is_some() {
            self.authorize(who, Permission::CancelException)?;
            return Ok(());
        }
        let open = store::exceptions::exceptions(self.store.conn(), true, None)?;
        if !open.iter().any(|e| e.id == id) {
            let exists = store::exceptions::exceptions(self.store.conn(), false, None)?
                .iter()
                .any(|e| e.id == id);
            return Err(if exists {
                Refusal::ExceptionNotOpen { id }.into()
            } else {
                ServiceError::not_found(Thing::Exception, id.to_string())
            });
        }
        let stamp = self.authorize(who, Permission::CancelException)?;
        self.store.write(|tx| -> Result<()> {
            // Stamped once the write lock is held: postings that waited commit in time order.
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if keyed::replay::<()>(tx, keyed.as_ref(), &self.replayed)?.is_some() {
                return Ok(());
            }
            let mut plan = PostingPlan::new(PostingKind::ExceptionCancel);
            plan.exceptions.push(ExceptionChange::Cancel(id));
            plan.keep = keyed::kept(keyed.as_ref(), &())?;
            store::posting::apply(tx, &stamp, &plan)?;
            Ok(())
        })
    }
}
