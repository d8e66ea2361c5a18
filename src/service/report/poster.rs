//! Posting one report inside the caller's transaction: the key's replay, the checks of what
//! the poster may post alone, and the write.

use super::{
    BTreeMap, Decimal, OverrideReasons, Posted, Prefetched, ReportPlan, ReportRequest, Result,
    Role, ServiceError, Stamp, Utc, backflush, load_order_cached, store,
};
use crate::domain::backflush::needs_approval;
use crate::domain::posting;
use crate::service::{
    AccountNames, Approval, Change, Connection, MasterCache, RefCell, keyed, replay,
};
use chrono::DateTime;
use std::cell::Cell;

/// A checked poster: posts reports inside the caller's transaction.
pub(super) struct Poster {
    pub(super) stamp: Stamp,
    pub(super) role: Option<Role>,
    pub(super) may_override: bool,
    pub(super) tolerance: Decimal,
    pub(super) policy: backflush::Policy,
    pub(super) accounts: AccountNames,
    /// The time of the last posting this poster wrote in the current transaction: the
    /// outbox's last time without reading it back for every report of a batch's group.
    pub(super) last_posted: Cell<Option<DateTime<Utc>>>,
}

impl Poster {
    /// A new transaction begins: postings of other processes may have come between.
    pub(super) fn begin(&self) {
        self.last_posted.set(None);
    }

    /// Plans and writes one report; a key posted before returns its first result.
    pub(super) fn post(
        &self,
        tx: &Connection,
        cache: &RefCell<MasterCache>,
        order_id: &str,
        request: &ReportRequest,
        key: &str,
        reasons: &OverrideReasons,
    ) -> Result<Posted> {
        // Read inside the write transaction: another terminal may have posted since.
        let keyed = report_key(key, order_id, request)?;
        if let Some(first) = replay(tx, &keyed)? {
            return Ok(first);
        }
        crate::service::closing::refuse_closed(tx, order_id)?;
        let (order, progress, stored) = load_order_cached(tx, cache, order_id)?;
        let mut lookup = Prefetched::load(tx, cache, &order, override_locations(request))?;
        lookup.check_serials(tx, &order.item, &request.fg_serials)?;
        let plan = backflush::plan_to_post(&order, &progress, request, &lookup, &self.policy)?;
        self.check_allowed(&plan)?;
        let report_id = store::reports::next_report_id(tx)?;
        // Once users exist, the lines say which needed a lead.
        let marks: Option<Vec<bool>> = self.role.map(|_| {
            plan.lines
                .iter()
                .map(|l| needs_approval(l, self.tolerance))
                .collect()
        });
        let result = replay::report_result(&plan, Some(report_id), marks.as_deref());
        let json = keyed::result_text(key, &result)?;
        // Each report of a batch records its own time: when it is written, inside the
        // transaction that commits it, so the export's times follow its seqs.
        let last = match self.last_posted.get() {
            Some(last) => Some(last),
            None => store::last_posting_time(tx)?,
        };
        let at = store::posting_time(last, Utc::now());
        let stamp = self.stamp.at(at);
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
        let mut posting = posting::report::plan(
            posting::report::ReportPosting {
                id: report_id,
                key,
                plan,
                result: json,
                codes,
                lines_stored: stored,
            },
            &self.accounts,
        );
        // The report's first result is its own record; its key names its request.
        posting.keep = Some(posting::Kept {
            key: keyed.key,
            command: keyed.command,
            request: keyed.request,
            result: String::new(),
        });
        let applied = store::posting::apply(tx, &stamp, &posting)?;
        if applied.first_seq.is_some() {
            self.last_posted.set(Some(at));
        }
        let deferred = applied.opened;
        // The plan moved into the report's record; the caller gets it back from there.
        let plan = posting.records.into_iter().find_map(|r| match r {
            posting::Record::Report(report) => Some(Box::new(report.plan)),
            _ => None,
        });
        Ok(Posted {
            report_id,
            result,
            repeated: false,
            deferred,
            plan,
        })
    }
}

impl Poster {
    /// Refuses what the poster may not post alone: a larger override, an expired lot.
    fn check_allowed(&self, plan: &ReportPlan) -> Result<()> {
        if !self.may_override
            && let Some(line) = large_override(plan, self.tolerance)
        {
            return Err(ServiceError::NeedsApproval {
                user: self.stamp.user.clone(),
                role: self.role,
                needs: Approval::LargerOverride {
                    line: line.line.clone(),
                    item: line.item.clone(),
                    planned: line.planned,
                    tolerance_pct: self.tolerance,
                },
            });
        }
        if !self.may_override
            && let Some(line) = plan.lines.iter().find(|l| !l.expired_lots.is_empty())
        {
            return Err(ServiceError::NeedsApproval {
                user: self.stamp.user.clone(),
                role: self.role,
                needs: Approval::ExpiredLot {
                    line: line.line.clone(),
                    item: line.item.clone(),
                    lots: line.expired_lots.clone(),
                },
            });
        }
        Ok(())
    }
}

/// The first result of a key that posted this same report before; the same key for another
/// request or command is a conflict. The result is the report's own record
/// (`reports.result`), read back as a [`replay::ReportResult`].
fn replay(tx: &Connection, keyed: &keyed::Key) -> Result<Option<Posted>> {
    let key = keyed.key.as_str();
    // Every report's key has its row among the keys (those of earlier versions since the
    // upgrade), so a new key costs this one look-up.
    let Some(used) = keyed::first_use(tx, key, keyed.command)? else {
        return Ok(None);
    };
    let Some((report_id, json)) = store::reports::report_by_key(tx, key)? else {
        return Ok(None);
    };
    // A report posted before keys named their request (kept with an empty one) is taken as
    // the same.
    if !used.request.is_empty() && !keyed.same(&used.request) {
        return Err(ServiceError::Conflict {
            key: key.to_string(),
            first: crate::service::FirstUse::Report(report_id),
        });
    }
    Ok(Some(Posted {
        report_id,
        result: keyed::read_result(key, &json)?,
        repeated: true,
        deferred: Vec::new(),
        plan: None,
    }))
}

/// A report's key with its request: the order and the request, its overrides in a
/// canonical order (the order they were given in is no part of the request).
fn report_key(key: &str, order: &str, request: &ReportRequest) -> Result<keyed::Key> {
    #[derive(serde::Serialize)]
    struct OrderReport<'r> {
        order: &'r str,
        #[serde(flatten)]
        request: &'r ReportRequest,
    }
    let mut normal = request.clone();
    normal.overrides.sort_by_cached_key(earlier_override_text);
    keyed::Key::new(
        key.to_string(),
        "report",
        &OrderReport {
            order,
            request: &normal,
        },
        earlier_request_text(order, request),
    )
}

/// An override as earlier versions wrote it in a report's request text.
fn earlier_override_text(o: &backflush::Override) -> String {
    match &o.change {
        Change::Qty(q) => format!("set {}={}", o.key, *q),
        Change::LineScrap(q) => format!("line-scrap {}={}", o.key, *q),
        Change::Location(l) => format!("location {}={l}", o.key),
        Change::Skip => format!("skip {}", o.key),
        Change::Lots(l) => format!("lot {}={l}", o.key),
    }
}

/// A report's request as earlier versions wrote it: the fingerprint of the keys they stored.
fn earlier_request_text(order: &str, request: &ReportRequest) -> String {
    let mut overrides: Vec<String> = request
        .overrides
        .iter()
        .map(earlier_override_text)
        .collect();
    overrides.sort();
    // Finished-goods lots and serials are part of the request.
    format!(
        "order={order} op={} good={} scrap={} {} fg-lot={} fg-serial={}",
        request.operation,
        request.good,
        request.scrap,
        overrides.join(" "),
        request.fg_lot.as_deref().unwrap_or_default(),
        request.fg_serials.join(",")
    )
}

/// The issue locations named by location overrides.
pub(super) fn override_locations(request: &ReportRequest) -> impl Iterator<Item = &str> {
    request.overrides.iter().filter_map(|o| match &o.change {
        Change::Location(l) => Some(l.as_str()),
        _ => None,
    })
}

/// The first overridden line whose issue differs from planned by more than `tolerance_pct`.
fn large_override(plan: &ReportPlan, tolerance_pct: Decimal) -> Option<&backflush::PlannedLine> {
    plan.lines.iter().find(|l| needs_approval(l, tolerance_pct))
}
