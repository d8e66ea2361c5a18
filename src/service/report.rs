//! Reporting production: previews (pure, from a loaded context), postings one by one or in
//! a batch, and reversals.

use super::auth::Role;
use super::cache::Prefetched;
use super::orders::load_order_cached;
use super::session::forbidden;
use std::collections::BTreeMap;

use super::reasons::{OverrideReasons, ReasonKind};
use super::*;

impl Service {
    /// What a report would post, without posting.
    ///
    /// # Errors
    /// Unknown order or operation, bad quantities or overrides, over-reporting.
    pub fn preview(&self, order: &str, request: &ReportRequest) -> Result<ReportPlan> {
        let mut context = self.report_context(order, override_locations(request))?;
        context.lookup.check_serials(
            self.store.conn(),
            &context.order.item,
            &request.fg_serials,
        )?;
        Ok(context.plan(request)?)
    }

    /// A preview for `who`: once users exist, only roles that may report may preview
    /// (SPEC §6).
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
            self.authorize(who, Action::Report)?;
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

    /// As [`Self::report`], with the reason codes of its overrides and skips (SPEC §6), kept
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
        let key = key.map_or_else(|| new_idempotency_key(&self.terminal), str::to_string);
        let poster = self.poster(who)?;
        let cache = &self.cache;
        self.store
            .write(|tx| poster.post(tx, cache, order_id, request, &key, &reasons))
    }

    /// Per line of `plan`, whether it needs a lead's approval (an override larger than
    /// `override_tolerance_pct`, SPEC §6); `None` while the store has no users (nobody to ask).
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
        reports: &[(String, String, ReportRequest)],
        who: &Credentials,
        mut done: impl FnMut(usize, Result<Posted>),
    ) -> Result<()> {
        const GROUP: usize = 256;
        let poster = self.poster(who)?;
        let cache = &self.cache;
        for (chunk_no, chunk) in reports.chunks(GROUP).enumerate() {
            let outcome = self.store.write(|tx| -> Result<Vec<Result<Posted>>> {
                let mut results = Vec::with_capacity(chunk.len());
                for (key, order, request) in chunk {
                    // A refused report is undone alone; a failing savepoint fails the group.
                    results.push(store::savepoint(tx, || {
                        poster.post(tx, cache, order, request, key, &OverrideReasons::default())
                    })?);
                }
                Ok(results)
            });
            let base = chunk_no * GROUP;
            match outcome {
                Ok(results) => {
                    for (i, r) in results.into_iter().enumerate() {
                        done(base + i, r);
                    }
                }
                Err(e) => {
                    let message = e.to_string();
                    for i in 0..chunk.len() {
                        done(base + i, Err(ServiceError::Refused(message.clone())));
                    }
                }
            }
        }
        Ok(())
    }

    /// Who posts, and what they may override: checked once for one report or a batch.
    fn poster(&mut self, who: &Credentials) -> Result<Poster> {
        let (stamp, role) = self.identify(who, Action::Report)?;
        if let Some(role) = role
            && !Action::Report.roles().contains(&role)
        {
            return Err(forbidden(&stamp.user, role, Action::Report));
        }
        // Open terminals, leads and admins, and operators with a lead's approval may override
        // beyond the tolerance.
        let may_override = role.is_none_or(|r| Action::LeadApproval.roles().contains(&r))
            || stamp.approver.is_some();
        let rules = &self.rules()?.rules;
        Ok(Poster {
            stamp,
            role,
            may_override,
            tolerance: rules.policy.override_tolerance_pct,
            policy: rules.policy(),
            accounts: rules.accounts(),
        })
    }

    /// Reverses a posted report once, with a reason.
    ///
    /// # Errors
    /// Unknown or already reversed report, an empty reason, permissions.
    pub fn reverse(&mut self, report_id: i64, reason: &str, who: &Credentials) -> Result<Reversal> {
        if reason.trim().is_empty() {
            return Err(ServiceError::invalid(
                "reversal reason",
                "\"\"",
                "is empty; a reversal needs a reason (--reason)",
            ));
        }
        let stamp = self.authorize_reversal(report_id, who)?;
        let cache = &self.cache;
        self.store.write(|tx| -> Result<Reversal> {
            // An order's first reversal stores every line's P, derived until now.
            let mut derived = None;
            if let Some(order) = store::reports::report_order(tx, report_id)? {
                cache.borrow_mut().refresh(tx)?;
                let (_, progress, stored) = load_order_cached(tx, cache, &order)?;
                if !stored {
                    derived = Some((order, progress.lines));
                }
            }
            if let Some((order, lines)) = &derived {
                let lines: Vec<(&str, Decimal, i64)> = lines
                    .iter()
                    .map(|(l, p)| (l.as_str(), p.planned, p.carried))
                    .collect();
                store::orders::store_line_progress(tx, order, &lines)?;
            }
            Ok(store::reports::reverse_report(
                tx,
                report_id,
                reason.trim(),
                &stamp,
            )?)
        })
    }
}

impl Service {
    /// Who reverses: a lead or admin, an operator with a lead's approval, or an operator
    /// reversing their own report within `undo_minutes` of posting it (SPEC §6).
    fn authorize_reversal(&mut self, report_id: i64, who: &Credentials) -> Result<Stamp> {
        let (stamp, role) = self.identify(who, Action::Reverse)?;
        let Some(role) = role else { return Ok(stamp) };
        if Action::Reverse.roles().contains(&role)
            || (role == Role::Operator && stamp.approver.is_some())
        {
            return Ok(stamp);
        }
        let undo = self.rules()?.rules.policy.undo_minutes;
        if role == Role::Operator
            && undo > 0
            && let Some((user, at)) = store::reports::report_poster(self.store.conn(), report_id)?
            && user == stamp.user
            && DateTime::parse_from_rfc3339(&at).is_ok_and(|at| {
                Utc::now() - at.with_timezone(&Utc) <= chrono::Duration::minutes(undo)
            })
        {
            return Ok(stamp);
        }
        Err(forbidden(&stamp.user, role, Action::Reverse))
    }
}

/// A checked poster: posts reports inside the caller's transaction.
struct Poster {
    stamp: Stamp,
    role: Option<Role>,
    may_override: bool,
    tolerance: Decimal,
    policy: backflush::Policy,
    accounts: AccountNames,
}

impl Poster {
    /// The poster as a refusal names them: badge and role.
    fn who(&self) -> String {
        match self.role {
            Some(r) => format!("{} ({})", self.stamp.user, r.as_str()),
            None => self.stamp.user.clone(),
        }
    }

    /// Plans and writes one report; a key posted before returns its first result.
    fn post(
        &self,
        tx: &Connection,
        cache: &RefCell<MasterCache>,
        order_id: &str,
        request: &ReportRequest,
        key: &str,
        reasons: &OverrideReasons,
    ) -> Result<Posted> {
        // Read inside the write transaction: another terminal may have posted since.
        let request_text = request_text(order_id, request);
        let used = store::requests::find(tx, key)?;
        if let Some(used) = &used
            && used.command != "report"
        {
            return Err(ServiceError::KeyUsed {
                key: key.to_string(),
                command: used.command.clone(),
            });
        }
        if let Some((report_id, json)) = store::reports::report_by_key(tx, key)? {
            // A report posted before keys named their request is taken as the same.
            if used.is_some_and(|u| u.request != request_text) {
                return Err(ServiceError::Conflict {
                    key: key.to_string(),
                    first: format!("report {report_id}"),
                });
            }
            return Ok(Posted {
                report_id,
                json,
                repeated: true,
                deferred: Vec::new(),
                plan: None,
            });
        }
        let (order, progress, stored) = load_order_cached(tx, cache, order_id)?;
        let mut lookup = Prefetched::load(tx, cache, &order, override_locations(request))?;
        lookup.check_serials(tx, &order.item, &request.fg_serials)?;
        let plan = backflush::plan(&order, &progress, request, &lookup, &self.policy)?;
        if !self.may_override
            && let Some(line) = large_override(&plan, self.tolerance)
        {
            return Err(ServiceError::NeedsApproval {
                user: self.who(),
                action: "post a larger override",
                line: Some(line.line.clone()),
                why: format!(
                    "line {} ({}) differs from planned {} by more than {}%",
                    line.line,
                    line.item,
                    canonical(line.planned),
                    canonical(self.tolerance)
                ),
            });
        }
        if !self.may_override
            && let Some(line) = plan.lines.iter().find(|l| !l.expired_lots.is_empty())
        {
            return Err(ServiceError::NeedsApproval {
                user: self.who(),
                action: "issue an expired lot",
                line: Some(line.line.clone()),
                why: format!(
                    "line {} ({}) names expired lot {}",
                    line.line,
                    line.item,
                    line.expired_lots.join(", ")
                ),
            });
        }
        if self.policy.negative_stock == NegativeStock::Block {
            let short: Vec<String> = plan
                .short_lines()
                .map(|l| {
                    format!(
                        "line {} {} needs {} at {}, {} available there after the earlier lines",
                        l.line,
                        l.item,
                        canonical(l.total()),
                        l.location,
                        canonical(l.total() - l.shortfall)
                    )
                })
                .collect();
            if !short.is_empty() {
                return Err(ReportError::Blocked(short.join("; ")).into());
            }
        }
        let report_id = store::reports::next_report_id(tx)?;
        // Once users exist, the lines say which needed a lead (SPEC §6).
        let marks: Option<Vec<bool>> = self.role.map(|_| {
            plan.lines
                .iter()
                .map(|l| needs_approval(l, self.tolerance))
                .collect()
        });
        let json = view::report_json_marked(&plan, Some(report_id), marks.as_deref());
        // Every overridden or skipped line carries the report's code unless it has its own.
        let codes: BTreeMap<String, String> = plan
            .lines
            .iter()
            .filter(|l| l.overridden || l.status == backflush::LineStatus::Skipped)
            .filter_map(|l| {
                reasons
                    .lines
                    .get(&l.line)
                    .or(reasons.all.as_ref())
                    .map(|c| (l.line.clone(), c.clone()))
            })
            .collect();
        let deferred = store::reports::insert_report(
            tx,
            report_id,
            key,
            &plan,
            &json,
            (&self.stamp, &self.accounts),
            stored,
            &codes,
        )?;
        store::requests::record(tx, key, "report", &request_text, "")?;
        Ok(Posted {
            report_id,
            json,
            repeated: false,
            deferred,
            plan: Some(Box::new(plan)),
        })
    }
}

/// A report's request as canonical text: what a key's retry must repeat (SPEC §2).
fn request_text(order: &str, request: &ReportRequest) -> String {
    let mut overrides: Vec<String> = request
        .overrides
        .iter()
        .map(|o| match &o.change {
            Change::Qty(q) => format!("set {}={}", o.key, canonical(*q)),
            Change::LineScrap(q) => format!("line-scrap {}={}", o.key, canonical(*q)),
            Change::Location(l) => format!("location {}={l}", o.key),
            Change::Skip => format!("skip {}", o.key),
            Change::Lots(l) => format!("lot {}={l}", o.key),
        })
        .collect();
    overrides.sort();
    // Finished-goods lots and serials are part of the request (SPEC §9).
    format!(
        "order={order} op={} good={} scrap={} {} fg-lot={} fg-serial={}",
        request.operation,
        canonical(request.good),
        canonical(request.scrap),
        overrides.join(" "),
        request.fg_lot.as_deref().unwrap_or_default(),
        request.fg_serials.join(",")
    )
}

/// The issue locations named by location overrides.
fn override_locations(request: &ReportRequest) -> impl Iterator<Item = &str> {
    request.overrides.iter().filter_map(|o| match &o.change {
        Change::Location(l) => Some(l.as_str()),
        _ => None,
    })
}

/// A material an order still needs at an issue location that holds less.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortage {
    pub item: String,
    pub location: String,
    pub need: Decimal,
    pub on_hand: Decimal,
}

/// An order loaded for previews: recalculating is pure and needs no store access.
pub struct ReportContext {
    pub order: Order,
    pub progress: backflush::Progress,
    pub(super) lookup: Prefetched,
    pub(super) policy: backflush::Policy,
}

impl ReportContext {
    /// What a report would post.
    ///
    /// # Errors
    /// As [`backflush::plan`].
    pub fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError> {
        backflush::plan(
            &self.order,
            &self.progress,
            request,
            &self.lookup,
            &self.policy,
        )
    }

    /// A master item the order uses.
    #[must_use]
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.lookup.items.get(code).map(|i| &**i)
    }

    /// The component and work center of a material line of the order.
    fn line_master(
        &self,
        material: &crate::domain::order::OrderMaterial,
    ) -> Option<(&Item, &WorkCenter)> {
        let work_center = self
            .order
            .operations
            .iter()
            .find(|o| o.operation == material.operation)
            .and_then(|o| self.lookup.work_center(&o.work_center))?;
        Some((self.item(&material.component)?, work_center))
    }

    /// Whether a material line of the order is backflushed (else it is a manual line, SPEC
    /// §1 rule 4).
    #[must_use]
    pub fn is_backflushed(&self, material: &crate::domain::order::OrderMaterial) -> bool {
        self.line_master(material).is_some_and(|(item, wc)| {
            backflush::backflushed(material, item, wc, self.policy.lot_selection)
        })
    }

    /// Why a line is issued by hand whatever its flags say, if it is.
    #[must_use]
    pub fn always_manual(
        &self,
        material: &crate::domain::order::OrderMaterial,
    ) -> Option<&'static str> {
        let (item, wc) = self.line_master(material)?;
        backflush::always_manual(item, wc, self.policy.lot_selection)
    }

    /// Whether balances at `location` were read.
    #[must_use]
    pub fn knows_location(&self, location: &str) -> bool {
        self.lookup.location_exists(location)
    }
}

/// The first overridden line whose issue differs from planned by more than `tolerance_pct`.
fn large_override(plan: &ReportPlan, tolerance_pct: Decimal) -> Option<&backflush::PlannedLine> {
    plan.lines.iter().find(|l| needs_approval(l, tolerance_pct))
}

/// Whether a line's override is larger than `tolerance_pct` (SPEC §6): |qty + line scrap −
/// planned| > planned × tolerance; a skip never is (it leaves the line for a hand issue).
#[must_use]
pub fn needs_approval(line: &backflush::PlannedLine, tolerance_pct: Decimal) -> bool {
    let tolerance = tolerance_pct / Decimal::ONE_HUNDRED;
    line.overridden
        && line.status != backflush::LineStatus::Skipped
        && (line.total() - line.planned).abs() > line.planned * tolerance
}
