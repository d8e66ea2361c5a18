//! Reporting production: previews (pure, from a loaded context), postings one by one or in
//! a batch, and reversals.

use super::auth::Role;
use super::cache::Prefetched;
use super::orders::load_order_cached;
use super::session::forbidden;
use super::{
    Credentials, DateTime, Decimal, Field, Order, Permission, Posted, ReportPlan, ReportRequest,
    Result, Reversal, Service, ServiceError, Stamp, Utc, Why, backflush, new_idempotency_key,
    store,
};
use crate::domain::backflush::Lookup;
use crate::domain::codes::OrderNo;
use crate::domain::ids::ReportId;
use crate::domain::posting::StoredLineProgress;
use crate::domain::posting::reversal::Undone;
use crate::domain::qty::Quantity;
use crate::domain::reversal::plan_reversal;
use crate::service::Approval;
use std::collections::BTreeMap;

use super::reasons::{OverrideReasons, ReasonKind};

mod context;
mod poster;

use crate::domain::backflush::needs_approval;
pub use context::{ReportContext, Shortage};

/// One report of a batch: the key that makes posting it again safe, its order and what it
/// reports.
#[derive(Debug, Clone)]
pub struct BatchReport {
    pub key: String,
    pub order: OrderNo,
    pub request: ReportRequest,
}
use poster::{Poster, override_locations};

impl Service {
    /// What a report would post, without posting.
    ///
    /// # Errors
    /// Unknown order or operation, bad quantities or overrides, over-reporting.
    pub fn preview(&self, order: &str, request: &ReportRequest) -> Result<ReportPlan> {
        let (order, request) = self.resolve_report(order, request)?;
        let (order, request) = (order.as_str(), &request);
        let mut context = self.report_context(order, override_locations(request))?;
        context.lookup.check_serials(
            self.store.conn(),
            &context.order.item,
            &request.fg_serials,
        )?;
        Ok(context.plan(request)?)
    }

    /// A preview for `who`: once users exist, only roles that may report may preview
    ///.
    ///
    /// # Errors
    /// As [`Self::preview`], and permissions.
    pub fn preview_as(
        &mut self,
        order: &str,
        request: &ReportRequest,
        who: &Credentials,
    ) -> Result<ReportPlan> {
        if store::master::user_count(self.store.conn())? > 0 {
            self.authorize(who, Permission::Report)?;
        }
        self.preview(order, request)
    }

    /// Everything a preview of `order` reads, loaded once so the terminal can recalculate on
    /// every key without touching the store. `locations` are extra issue locations to read
    /// balances for (location overrides).
    ///
    /// # Errors
    /// Unknown order; the store fails.
    pub fn report_context<'a>(
        &self,
        order: &str,
        locations: impl Iterator<Item = &'a str>,
    ) -> Result<ReportContext> {
        let context = self.order_context(order, locations)?;
        super::closing::refuse_closed(self.store.conn(), &context.order.order)?;
        Ok(context)
    }

    /// What [`Service::report_context`] reads, for reading only: a closed order's too (its
    /// progress and variance stay to be seen).
    ///
    /// # Errors
    /// Unknown order; the store fails.
    pub fn order_context<'a>(
        &self,
        order: &str,
        locations: impl Iterator<Item = &'a str>,
    ) -> Result<ReportContext> {
        // The released order's snapshot from the cache (a 500-line order is not read again
        // for every preview); its progress is read fresh.
        let (order, progress, _) = load_order_cached(self.store.conn(), &self.cache, order)?;
        let order = Order::clone(&order);
        let lookup = Prefetched::load(self.store.conn(), &self.cache, &order, locations)?;
        Ok(ReportContext {
            order,
            progress,
            lookup,
            policy: self.rules()?.rules.policy(),
        })
    }

    /// What the backflushed lines of an order still need where they issue from, against
    /// what is on hand there; only the short ones.
    ///
    /// # Errors
    /// Unknown order; the store fails.
    pub fn order_shortages(&self, order: &str) -> Result<Vec<Shortage>> {
        let context = self.report_context(order, std::iter::empty())?;
        let mut out = Vec::new();
        for need in backflush::remaining_needs(&context.order, &context.progress, &context.lookup) {
            let on_hand = context.lookup.on_hand(&need.item, &need.location);
            if need.qty > on_hand {
                out.push(Shortage {
                    item: need.item,
                    location: need.location,
                    need: need.qty,
                    on_hand,
                });
            }
        }
        Ok(out)
    }

    /// The most units (up to what is left) a report at the order's next count point could
    /// post with no line short or deferred, in whole units unless all that is left fits;
    /// `None` when no count point has units left or the order cannot be planned (a
    /// serial-tracked parent's report names its serials first).
    ///
    /// # Errors
    /// Unknown order; the store fails.
    pub fn can_build(&self, order: &str) -> Result<Option<Quantity>> {
        let context = self.report_context(order, std::iter::empty())?;
        let o = &context.order;
        let next = o
            .operations
            .iter()
            .filter(|op| op.count_point)
            .find_map(|op| {
                let done = context
                    .progress
                    .operations
                    .get(&op.operation)
                    .map_or(Quantity::ZERO, |p| p.units());
                (done < o.qty).then(|| (op.operation, o.qty - done))
            });
        let Some((operation, left)) = next else {
            return Ok(None);
        };
        // Whether a report of `good` units posts every line: `None` when it cannot be planned.
        let fits = |good: Quantity| -> Option<bool> {
            let request = ReportRequest {
                operation,
                good,
                scrap: Quantity::ZERO,
                overrides: Vec::new(),
                fg_lot: None,
                fg_serials: Vec::new(),
            };
            let plan = context.plan(&request).ok()?;
            Some(plan.lines.iter().all(|l| {
                !matches!(
                    l.status,
                    backflush::LineStatus::Short | backflush::LineStatus::Deferred
                )
            }))
        };
        if fits(left) == Some(true) {
            return Ok(Some(left));
        }
        // A larger report needs no less of any line, so the whole units that fit are found
        // by halving: `lo` fits, `hi` does not.
        let whole = |q: Quantity| -> u64 {
            use rust_decimal::prelude::ToPrimitive;
            q.get().floor().to_u64().unwrap_or(0)
        };
        let (mut lo, mut hi) = (0_u64, whole(left) + 1);
        if whole(left) > 0 && fits(Quantity::ONE).is_none() {
            return Ok(None);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(Quantity::from(Decimal::from(mid))) == Some(true) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(Some(Quantity::from(Decimal::from(lo))))
    }

    /// Posts a report in one transaction; a key posted before returns its first result.
    ///
    /// # Errors
    /// As [`Self::preview`], plus shortage under `block`, and permissions.
    pub fn report(
        &mut self,
        order_id: &str,
        request: &ReportRequest,
        key: Option<&str>,
        who: &Credentials,
    ) -> Result<Posted> {
        self.report_with_reasons(order_id, request, &OverrideReasons::default(), key, who)
    }

    /// As [`Self::report`], with the reason codes of its overrides and skips, kept
    /// with the report's lines and on their movements.
    ///
    /// # Errors
    /// As [`Self::report`], and a reason code not in `[reasons] override`.
    pub fn report_with_reasons(
        &mut self,
        order_id: &str,
        request: &ReportRequest,
        reasons: &OverrideReasons,
        key: Option<&str>,
        who: &Credentials,
    ) -> Result<Posted> {
        let reasons = OverrideReasons {
            all: match &reasons.all {
                Some(code) => Some(self.check_reason(ReasonKind::Override, code)?),
                None => None,
            },
            lines: reasons
                .lines
                .iter()
                .map(|(line, code)| {
                    Ok((line.clone(), self.check_reason(ReasonKind::Override, code)?))
                })
                .collect::<Result<_>>()?,
        };
        let (order_id, request) = self.resolve_report(order_id, request)?;
        let (order_id, request) = (order_id.as_str(), &request);
        let key = key.map_or_else(|| new_idempotency_key(&self.terminal), str::to_string);
        let poster = self.poster(who)?;
        let cache = &self.cache;
        self.store
            .write(|tx| poster.post(tx, cache, order_id, request, &key, &reasons))
    }

    /// Per line of `plan`, whether it needs a lead's approval (an override larger than
    /// `override_tolerance_pct`); `None` while the store has no users (nobody to ask).
    ///
    /// # Errors
    /// The store fails.
    pub fn approval_marks(&self, plan: &ReportPlan) -> Result<Option<Vec<bool>>> {
        if store::master::user_count(self.store.conn())? == 0 {
            return Ok(None);
        }
        let tolerance = self.override_tolerance_pct();
        Ok(Some(
            plan.lines
                .iter()
                .map(|l| needs_approval(l, tolerance))
                .collect(),
        ))
    }

    /// `override_tolerance_pct`.
    #[must_use]
    pub fn override_tolerance_pct(&self) -> Decimal {
        self.rules()
            .map_or(self.config.policy.override_tolerance_pct, |r| {
                r.rules.policy.override_tolerance_pct
            })
    }

    /// Posts many reports, each atomic (a savepoint each), committing them in groups so the
    /// cost of a commit is shared. A result is handed to `done` only once its group is
    /// committed: what a caller prints as posted is durable, and a batch cut off half-way is
    /// posted again safely by its keys.
    ///
    /// # Errors
    /// Refused credentials, before anything is posted.
    pub fn report_batch(
        &mut self,
        reports: &[BatchReport],
        who: &Credentials,
        mut done: impl FnMut(usize, Result<Posted>),
    ) -> Result<()> {
        self.report_batch_while(reports, who, |i, r| {
            done(i, r);
            true
        })
    }

    /// As [`Self::report_batch`], stopping after the group in which `done` returns `false`
    /// (its reader went away): the rest is neither posted nor handed to `done`.
    ///
    /// # Errors
    /// Refused credentials, before anything is posted.
    pub fn report_batch_while(
        &mut self,
        reports: &[BatchReport],
        who: &Credentials,
        mut done: impl FnMut(usize, Result<Posted>) -> bool,
    ) -> Result<()> {
        const GROUP: usize = 256;
        let poster = self.poster(who)?;
        let cache = &self.cache;
        for (chunk_no, chunk) in reports.chunks(GROUP).enumerate() {
            let outcome = self.store.write(|tx| -> Result<Vec<Result<Posted>>> {
                poster.begin();
                let mut results = Vec::with_capacity(chunk.len());
                for r in chunk {
                    // A refused report is undone alone; a failing savepoint fails the group.
                    results.push(store::savepoint(tx, || {
                        let reasons = OverrideReasons::default();
                        poster.post(tx, cache, &r.order, &r.request, &r.key, &reasons)
                    })?);
                }
                Ok(results)
            });
            let base = chunk_no * GROUP;
            let go_on = match outcome {
                Ok(results) => results
                    .into_iter()
                    .enumerate()
                    .all(|(i, r)| done(base + i, r)),
                Err(e) => {
                    let group = std::sync::Arc::new(e);
                    (0..chunk.len()).all(|i| {
                        let group = std::sync::Arc::clone(&group);
                        done(base + i, Err(ServiceError::BatchGroup { group }))
                    })
                }
            };
            if !go_on {
                break;
            }
            // Another process waiting to write (a terminal, a backup's PIN check) takes the
            // lock now, rather than when the whole batch is done.
            if base + chunk.len() < reports.len() {
                std::thread::sleep(store::BETWEEN_GROUPS);
            }
        }
        Ok(())
    }

    /// Who posts, and what they may override: checked once for one report or a batch.
    fn poster(&mut self, who: &Credentials) -> Result<Poster> {
        let (stamp, role) = self.identify(who, Permission::Report)?;
        if let Some(role) = role
            && !Permission::Report.roles().contains(&role)
        {
            return Err(forbidden(&stamp.user, role, Permission::Report));
        }
        // Open terminals, leads and admins, and operators with a lead's approval may override
        // beyond the tolerance.
        let may_override = role.is_none_or(|r| Permission::LeadApproval.roles().contains(&r))
            || stamp.approver.is_some();
        let rules = &self.rules()?.rules;
        Ok(Poster {
            stamp,
            role,
            may_override,
            tolerance: rules.policy.override_tolerance_pct,
            policy: rules.policy(),
            accounts: rules.accounts(),
            last_posted: std::cell::Cell::new(None),
        })
    }

    /// Reverses a posted report once, with a reason.
    ///
    /// # Errors
    /// Unknown or already reversed report, an empty reason, permissions.
    pub fn reverse(
        &mut self,
        report_id: ReportId,
        reason: &str,
        who: &Credentials,
    ) -> Result<Reversal> {
        if reason.trim().is_empty() {
            return Err(ServiceError::invalid(Field::ReversalReason, "", Why::Empty));
        }
        let stamp = self.authorize_reversal(report_id, who)?;
        let cache = &self.cache;
        self.store.write(|tx| -> Result<Reversal> {
            // Stamped once the write lock is held: postings that waited commit in time order.
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            // An order's first reversal stores every line's P, derived until now.
            let mut derived = None;
            if let Some(order) = store::reports::report_order(tx, report_id)? {
                super::closing::refuse_closed(tx, &order)?;
                cache.borrow_mut().refresh(tx)?;
                let (_, progress, stored) = load_order_cached(tx, cache, &order)?;
                if !stored {
                    let mut lines: Vec<StoredLineProgress> = progress
                        .lines
                        .iter()
                        .map(|(line, p)| StoredLineProgress {
                            line: line.clone(),
                            planned: p.planned,
                            carried: p.carried,
                        })
                        .collect();
                    lines.sort_by(|a, b| a.line.cmp(&b.line));
                    derived = Some(lines);
                }
            }
            // Read, plan, apply: the compensations are the engine's, the store writes them.
            let facts = store::reports::reversal::reversal_facts(tx, report_id)?;
            let lot_holds =
                |item: &str, location: &str, lot: &str| facts.lot_holds(item, location, lot);
            let plan = plan_reversal(&facts.movements, &facts.posted, &lot_holds)
                .map_err(|gone| store::reports::reversal::lot_gone(tx, report_id, gone))?;
            let posting = crate::domain::posting::reversal::plan(
                report_id,
                &facts.order,
                reason.trim(),
                &plan,
                &Undone {
                    open: &facts.open_exceptions,
                    non_stock: &facts.non_stock,
                    entries: &facts.entries,
                    derived: derived.as_deref(),
                },
            );
            store::posting::apply(tx, &stamp, &posting)?;
            Ok(Reversal {
                report_id,
                movements: plan
                    .movements
                    .iter()
                    .map(|c| (c.item.clone(), c.location.clone(), c.qty))
                    .collect(),
                cancelled_exceptions: facts.open_exceptions.iter().map(|id| id.get()).collect(),
            })
        })
    }
}

impl Service {
    /// Who reverses: a lead or admin, an operator with a lead's approval, or an operator
    /// reversing their own report within `undo_minutes` of posting it.
    fn authorize_reversal(&mut self, report_id: ReportId, who: &Credentials) -> Result<Stamp> {
        let (stamp, role) = self.identify(who, Permission::Reverse)?;
        let Some(role) = role else { return Ok(stamp) };
        if Permission::Reverse.allows(role, stamp.approver.is_some()) {
            return Ok(stamp);
        }
        let undo = self.rules()?.rules.policy.undo_minutes;
        if role == Role::Operator
            && undo > 0
            && let Some((user, at)) = store::reports::report_poster(self.store.conn(), report_id)?
            && user == stamp.user
            && let Ok(at) = DateTime::parse_from_rfc3339(&at)
        {
            let since = Utc::now() - at.with_timezone(&Utc);
            if since <= chrono::Duration::minutes(undo) {
                return Ok(stamp);
            }
            // Their own report, past the window: a lead may still approve, and the refusal
            // names the window and how long ago it was posted.
            return Err(ServiceError::NeedsApproval {
                user: stamp.user.clone(),
                role: Some(role),
                needs: Approval::UndoWindow {
                    report: report_id,
                    undo_minutes: undo,
                    ago: since.num_minutes(),
                },
            });
        }
        Err(forbidden(&stamp.user, role, Permission::Reverse))
    }
}
