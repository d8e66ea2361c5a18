//! Use cases: what the command line and the terminal both call. One engine, two faces.
//!
//! A service call reads what the engine needs from the store, runs the pure calculation and
//! hands the result to the store to write in one transaction. Authorisation (SPEC §6) is
//! checked here, before anything is written.

pub mod auth;
pub mod floor;
pub mod view;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rust_decimal::Decimal;
use thiserror::Error;

use crate::config::Config;
use crate::domain::backflush::{
    self, Change, Lookup, NegativeStock, ReportError, ReportPlan, ReportRequest,
};
use crate::domain::journal::{AccountNames, inventory_account};
use crate::domain::master::{Item, LocationKind, WorkCenter};
use crate::domain::order::Order;
use crate::domain::qty::canonical;
use crate::domain::variance::{self, Variance};
use crate::import::{self, ImportError, ImportSummary};
use crate::store::post::{Deferred, ExceptionRow, Reversal};
use crate::store::queries::BalanceRow;
use crate::store::{self, Stamp, Store, StoreError};
use auth::{Action, Role};

/// Why a service call was refused or failed. The message is one sentence naming the input.
#[derive(Debug, Error)]
pub enum ServiceError {
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{0}")]
    Refused(String),
    #[error("{user} ({role}) may not {action}; it needs the role {needs}")]
    Forbidden {
        user: String,
        role: String,
        action: &'static str,
        needs: String,
    },
}

/// Result of a service call.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// Who is at the terminal: a badge with its PIN, and an approving lead where one signed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub badge: Option<String>,
    pub pin: Option<String>,
    pub approver: Option<(String, String)>,
}

/// A posted report as the caller sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Posted {
    pub report_id: i64,
    /// The JSON of the first posting with this key.
    pub json: String,
    /// True when the key had been posted before and nothing new was posted.
    pub repeated: bool,
    pub deferred: Vec<Deferred>,
    /// What was posted (`None` for a repeat: only its JSON is kept).
    pub plan: Option<Box<ReportPlan>>,
}

/// The application's services over one store.
pub struct Service {
    store: Store,
    config: Config,
    terminal: String,
    accounts: AccountNames,
    cache: RefCell<MasterCache>,
    /// Digests of (badge, PIN, hash) verified in this process.
    verified: RefCell<HashSet<u64>>,
    digest_key: std::collections::hash_map::RandomState,
}

/// A new idempotency key, unique per terminal, process and call.
#[must_use]
pub fn new_idempotency_key(terminal: &str) -> String {
    // UUID v7: time-ordered, with random bits from the OS source.
    format!("{terminal}-{}", uuid::Uuid::now_v7())
}

impl Service {
    /// Opens the store at `path` with `config`, creating it on a missing path or an empty
    /// file (`init`, `import`, `demo`).
    ///
    /// # Errors
    /// The store cannot be opened or created.
    pub fn create_or_open(config: Config, path: &Path) -> Result<Self> {
        let store = Store::create_or_open(path, config.synchronous())?;
        Ok(Self::with_store(store, config))
    }

    /// Opens the existing store at `path` with `config`; creates nothing.
    ///
    /// # Errors
    /// There is no store at `path`, or it cannot be opened.
    pub fn open_existing(config: Config, path: &Path) -> Result<Self> {
        let store = Store::open_existing(path, config.synchronous())?;
        Ok(Self::with_store(store, config))
    }

    /// The same as [`Self::create_or_open`] (kept for tests that make their own stores).
    ///
    /// # Errors
    /// As [`Self::create_or_open`].
    pub fn open(config: Config, path: &Path) -> Result<Self> {
        Self::create_or_open(config, path)
    }

    /// A service over an already open store.
    #[must_use]
    pub fn with_store(store: Store, config: Config) -> Self {
        let terminal = config.terminal_id();
        let accounts = config.accounts();
        Service {
            store,
            config,
            terminal,
            accounts,
            cache: RefCell::new(MasterCache::default()),
            verified: RefCell::new(HashSet::new()),
            digest_key: std::collections::hash_map::RandomState::new(),
        }
    }

    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    #[must_use]
    pub fn terminal(&self) -> &str {
        &self.terminal
    }

    /// Read access for queries the UI runs.
    #[must_use]
    pub fn conn(&self) -> &Connection {
        self.store.conn()
    }

    /// Who is posting: the stamp, and the role (`None` while no users exist: the terminal
    /// runs open). A lead's approval is checked and recorded when given.
    ///
    /// # Errors
    /// Unknown badge, wrong PIN, locked badge, an approver who is not a lead.
    pub fn identify(&mut self, who: &Credentials, action: Action) -> Result<(Stamp, Option<Role>)> {
        let now = Utc::now();
        let mut stamp = Stamp::new(now, &self.terminal, &self.terminal);
        if store::master::user_count(self.store.conn())? == 0 {
            return Ok((stamp, None));
        }
        let Some(badge) = who.badge.as_deref() else {
            return Err(ServiceError::Refused(format!(
                "users exist, so to {} give --user BADGE (PIN in BACKFLUSH_PIN)",
                action.describe()
            )));
        };
        let role = self.check_pin(badge, who.pin.as_deref(), now)?;
        stamp.user = badge.to_string();
        if let Some((lead, pin)) = &who.approver {
            let lead_role = self.check_pin(lead, Some(pin), now)?;
            if !Action::LeadApproval.roles().contains(&lead_role) {
                return Err(forbidden(lead, lead_role, Action::LeadApproval));
            }
            stamp.approver = Some(lead.clone());
        }
        Ok((stamp, Some(role)))
    }

    /// The stamp of a posting by `who`, checking that they may do `action` (an operator may
    /// do a lead's action with a lead's approval).
    ///
    /// # Errors
    /// As [`Self::identify`], or a role that may not.
    pub fn authorize(&mut self, who: &Credentials, action: Action) -> Result<Stamp> {
        let (stamp, role) = self.identify(who, action)?;
        let Some(role) = role else { return Ok(stamp) };
        if action.roles().contains(&role)
            || (action.approvable() && role == Role::Operator && stamp.approver.is_some())
        {
            return Ok(stamp);
        }
        Err(forbidden(&stamp.user, role, action))
    }

    fn pin_digest(&self, badge: &str, pin: &str, hash: &str) -> u64 {
        use std::hash::BuildHasher;
        self.digest_key.hash_one((badge, pin, hash))
    }

    fn check_pin(&mut self, badge: &str, pin: Option<&str>, now: DateTime<Utc>) -> Result<Role> {
        let user = store::master::user(self.store.conn(), badge)?
            .ok_or_else(|| ServiceError::Refused(format!("badge {badge} is not a known user")))?;
        if let Some(until) = user
            .locked_until
            .as_deref()
            .and_then(|u| DateTime::parse_from_rfc3339(u).ok())
            && until > now
        {
            return Err(ServiceError::Refused(format!(
                "badge {badge} is locked after too many wrong PINs until {}",
                until.with_timezone(&Utc).format("%H:%M UTC")
            )));
        }
        let Some(pin) = pin else {
            return Err(ServiceError::Refused(format!(
                "badge {badge} needs its PIN (BACKFLUSH_PIN)"
            )));
        };
        // A PIN verified in this process is not hashed again (argon2 is slow on purpose); only
        // a keyed digest of it is kept in memory.
        let digest = self.pin_digest(badge, pin, &user.pin_hash);
        let ok = self.verified.borrow().contains(&digest) || auth::verify_pin(pin, &user.pin_hash);
        if ok {
            self.verified.borrow_mut().insert(digest);
        }
        let lock = (!ok && user.failed_pins + 1 >= i64::from(self.config.policy.lockout_attempts))
            .then(|| {
                (now + chrono::Duration::minutes(i64::from(self.config.policy.lockout_minutes)))
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            });
        if !ok || user.failed_pins > 0 || user.locked_until.is_some() {
            self.store
                .write(|tx| store::master::record_pin_attempt(tx, badge, ok, lock.as_deref()))?;
        }
        if !ok {
            return Err(ServiceError::Refused(format!(
                "wrong PIN for badge {badge}"
            )));
        }
        Role::parse(&user.role)
            .ok_or_else(|| ServiceError::Refused(format!("badge {badge} has an unknown role")))
    }

    /// Checks that `who` may initialise the store (an admin, once users exist).
    ///
    /// # Errors
    /// Permissions.
    pub fn init(&mut self, who: &Credentials) -> Result<()> {
        self.authorize(who, Action::Administer).map(|_| ())
    }

    /// Imports the CSV files of `dir` (SPEC §5).
    ///
    /// # Errors
    /// A bad row, named; nothing is written.
    pub fn import(&mut self, dir: &Path, who: &Credentials) -> Result<ImportSummary> {
        let stamp = self.authorize(who, Action::Administer)?;
        let accounts = self.accounts.clone();
        Ok(import::import_dir(&mut self.store, dir, &stamp, &accounts)?)
    }

    /// What a report would post, without posting.
    ///
    /// # Errors
    /// Unknown order or operation, bad quantities or overrides, over-reporting.
    pub fn preview(&self, order: &str, request: &ReportRequest) -> Result<ReportPlan> {
        Ok(self
            .report_context(order, override_locations(request))?
            .plan(request)?)
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
        self.cache.borrow_mut().refresh(self.store.conn())?;
        let (order, progress, _) = load_order(self.store.conn(), &self.cache, order)?;
        let lookup = Prefetched::load(self.store.conn(), &self.cache, &order, locations)?;
        Ok(ReportContext {
            order,
            progress,
            lookup,
            policy: self.config.policy(),
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

    /// Whether users exist (the terminal then asks for a badge and PIN).
    ///
    /// # Errors
    /// The store fails.
    pub fn has_users(&self) -> Result<bool> {
        Ok(store::master::user_count(self.store.conn())? > 0)
    }

    /// Checks a badge and PIN at login; returns the user's name and role.
    ///
    /// # Errors
    /// Unknown badge, wrong PIN, locked badge.
    pub fn login(&mut self, badge: &str, pin: &str) -> Result<(String, Role)> {
        let role = self.check_pin(badge, Some(pin), Utc::now())?;
        let name = store::master::user(self.store.conn(), badge)?
            .map(|u| u.name)
            .unwrap_or_default();
        Ok((name, role))
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
        let key = key.map_or_else(|| new_idempotency_key(&self.terminal), str::to_string);
        let poster = self.poster(who)?;
        let cache = &self.cache;
        self.store
            .write(|tx| poster.post(tx, cache, order_id, request, &key))
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
                        poster.post(tx, cache, order, request, key)
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
        Ok(Poster {
            stamp,
            role,
            may_override,
            tolerance: self.config.policy.override_tolerance_pct,
            policy: self.config.policy(),
            accounts: self.accounts.clone(),
        })
    }

    /// Reverses a posted report once, with a reason.
    ///
    /// # Errors
    /// Unknown or already reversed report, an empty reason, permissions.
    pub fn reverse(&mut self, report_id: i64, reason: &str, who: &Credentials) -> Result<Reversal> {
        if reason.trim().is_empty() {
            return Err(ServiceError::Refused(
                "a reversal needs a reason (--reason)".into(),
            ));
        }
        let stamp = self.authorize(who, Action::Reverse)?;
        let cache = &self.cache;
        self.store.write(|tx| -> Result<Reversal> {
            // An order's first reversal stores every line's P, derived until now.
            let mut derived = None;
            if let Some(order) = store::post::report_order(tx, report_id)? {
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
            Ok(store::post::reverse_report(
                tx,
                report_id,
                reason.trim(),
                &stamp,
            )?)
        })
    }

    /// Moves stock; retries the open exceptions of the destination.
    ///
    /// # Errors
    /// Unknown item or location, a bad quantity, not enough stock at `from`.
    pub fn transfer(
        &mut self,
        item: &str,
        qty: Decimal,
        from: &str,
        to: &str,
        who: &Credentials,
    ) -> Result<Vec<ExceptionRow>> {
        let conn = self.store.conn();
        let it = store::master::item(conn, item)?
            .ok_or_else(|| ServiceError::Refused(format!("unknown item {item}")))?;
        for l in [from, to] {
            if !store::master::location_exists(conn, l)? {
                return Err(ServiceError::Refused(format!("unknown location {l}")));
            }
        }
        if from == to {
            return Err(ServiceError::Refused(format!(
                "transfer from {from} to itself"
            )));
        }
        if qty <= Decimal::ZERO {
            return Err(ServiceError::Refused(format!(
                "transfer quantity {} must be greater than zero",
                canonical(qty)
            )));
        }
        backflush::check_quantity("transfer", qty, it.decimals)?;
        let stamp = self.authorize(who, Action::Handle)?;
        let accounts = self.accounts.clone();
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
        Ok(self.store.write(|tx| {
            store::post::transfer(tx, item, qty, from, to, &stamp, &accounts, &account_of)
        })?)
    }

    /// Non-zero balances.
    ///
    /// # Errors
    /// The store fails.
    pub fn stock(&self, location: Option<&str>, item: Option<&str>) -> Result<Vec<BalanceRow>> {
        Ok(store::queries::balances(self.store.conn(), location, item)?)
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

    /// The exception queue, oldest first.
    ///
    /// # Errors
    /// The store fails.
    pub fn exceptions(&self, open_only: bool) -> Result<Vec<ExceptionRow>> {
        Ok(store::post::exceptions(self.store.conn(), open_only, None)?)
    }

    /// Retries every open exception, oldest first.
    ///
    /// # Errors
    /// Permissions; the store fails.
    pub fn retry_exceptions(&mut self, who: &Credentials) -> Result<Vec<ExceptionRow>> {
        let stamp = self.authorize(who, Action::Handle)?;
        let accounts = self.accounts.clone();
        Ok(self
            .store
            .write(|tx| store::post::retry_exceptions(tx, None, &stamp, &accounts))?)
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

    /// Problems `verify` finds; empty when every balance equals its ledger and every journal
    /// entry balances.
    ///
    /// # Errors
    /// The store fails.
    pub fn verify(&self) -> Result<Vec<String>> {
        Ok(store::queries::verify(self.store.conn())?)
    }

    /// Work centers, for the terminal's picker.
    ///
    /// # Errors
    /// The store fails.
    pub fn work_centers(&self) -> Result<Vec<WorkCenter>> {
        Ok(store::master::work_centers(self.store.conn())?)
    }

    /// A released order with its progress.
    ///
    /// # Errors
    /// Unknown order; the store fails.
    pub fn order(&self, order_id: &str) -> Result<(Order, backflush::Progress)> {
        load_order(self.store.conn(), &self.cache, order_id).map(|(o, p, _)| (o, p))
    }
}

fn forbidden(user: &str, role: Role, action: Action) -> ServiceError {
    ServiceError::Forbidden {
        user: user.to_string(),
        role: role.as_str().to_string(),
        action: action.describe(),
        needs: action
            .roles()
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(" or "),
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
    /// Plans and writes one report; a key posted before returns its first result.
    fn post(
        &self,
        tx: &Connection,
        cache: &RefCell<MasterCache>,
        order_id: &str,
        request: &ReportRequest,
        key: &str,
    ) -> Result<Posted> {
        // Read inside the write transaction: another terminal may have posted since.
        if let Some((report_id, json)) = store::post::report_by_key(tx, key)? {
            return Ok(Posted {
                report_id,
                json,
                repeated: true,
                deferred: Vec::new(),
                plan: None,
            });
        }
        let (order, progress, stored) = load_order_cached(tx, cache, order_id)?;
        let lookup = Prefetched::load(tx, cache, &order, override_locations(request))?;
        let plan = backflush::plan(&order, &progress, request, &lookup, &self.policy)?;
        if !self.may_override
            && let Some(line) = large_override(&plan, self.tolerance)
        {
            let who = match self.role {
                Some(r) => format!("{} ({})", self.stamp.user, r.as_str()),
                None => self.stamp.user.clone(),
            };
            return Err(ServiceError::Refused(format!(
                "{who} may not post the override of line {} ({}): it differs from planned {} by more than {}%; it needs the role lead or admin, or a lead's badge and PIN (--approver)",
                line.line,
                line.item,
                canonical(line.planned),
                canonical(self.tolerance)
            )));
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
        let report_id = store::post::next_report_id(tx)?;
        let json = view::report_json(&plan, Some(report_id));
        let deferred = store::post::insert_report(
            tx,
            report_id,
            key,
            &plan,
            &json,
            (&self.stamp, &self.accounts),
            stored,
        )?;
        Ok(Posted {
            report_id,
            json,
            repeated: false,
            deferred,
            plan: Some(Box::new(plan)),
        })
    }
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
    lookup: Prefetched,
    policy: backflush::Policy,
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

    /// Whether balances at `location` were read.
    #[must_use]
    pub fn knows_location(&self, location: &str) -> bool {
        self.lookup.location_exists(location)
    }
}

/// The first overridden line whose issue differs from planned by more than `tolerance_pct`.
fn large_override(plan: &ReportPlan, tolerance_pct: Decimal) -> Option<&backflush::PlannedLine> {
    let tolerance = tolerance_pct / Decimal::ONE_HUNDRED;
    plan.lines
        .iter()
        .filter(|l| l.overridden)
        .find(|l| (l.total() - l.planned).abs() > l.planned * tolerance)
}

/// A released order's snapshot from the cache (it never changes once released) with its
/// progress read fresh; the flag says whether the lines' progress is stored (else derived).
/// Refreshes the cache against the store's master version first.
fn load_order_cached(
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
                .ok_or_else(|| ServiceError::Refused(format!("order {order_id} does not exist")))?;
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
fn load_order(
    conn: &Connection,
    cache: &RefCell<MasterCache>,
    order_id: &str,
) -> Result<(Order, backflush::Progress, bool)> {
    let (order, mut progress, stored) = store::orders::load_order(conn, order_id)?
        .ok_or_else(|| ServiceError::Refused(format!("order {order_id} does not exist")))?;
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

fn load_items<'a>(
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

/// Items and work centers kept in memory between postings; dropped whenever an import
/// (here or in another process) changes master data.
#[derive(Default)]
struct MasterCache {
    version: i64,
    items: HashMap<String, Rc<Item>>,
    work_centers: HashMap<String, Rc<WorkCenter>>,
    /// Released orders' snapshots (progress is never cached).
    orders: HashMap<String, Rc<Order>>,
}

impl MasterCache {
    fn refresh(&mut self, conn: &Connection) -> Result<()> {
        let version = store::master::master_version(conn)?;
        if version != self.version {
            *self = MasterCache {
                version,
                ..MasterCache::default()
            };
        }
        Ok(())
    }

    fn item(&mut self, conn: &Connection, code: &str) -> Result<Option<Rc<Item>>> {
        cached(&mut self.items, code, || store::master::item(conn, code))
    }

    fn work_center(&mut self, conn: &Connection, code: &str) -> Result<Option<Rc<WorkCenter>>> {
        cached(&mut self.work_centers, code, || {
            store::master::work_center(conn, code)
        })
    }
}

/// The cached value of `code`, loaded once.
fn cached<T>(
    map: &mut HashMap<String, Rc<T>>,
    code: &str,
    load: impl FnOnce() -> std::result::Result<Option<T>, StoreError>,
) -> Result<Option<Rc<T>>> {
    if let Some(value) = map.get(code) {
        return Ok(Some(Rc::clone(value)));
    }
    let Some(value) = load()? else {
        return Ok(None);
    };
    let value = Rc::new(value);
    map.insert(code.to_string(), Rc::clone(&value));
    Ok(Some(value))
}

/// The master data and balances one calculation needs, read up front so the engine stays
/// pure: items and work centers from the cache, balances in one query per issue location.
struct Prefetched {
    items: HashMap<String, Rc<Item>>,
    work_centers: HashMap<String, Rc<WorkCenter>>,
    locations: HashSet<String>,
    stock: HashMap<(String, String), Decimal>,
}

impl Prefetched {
    fn load<'a>(
        conn: &Connection,
        cache: &RefCell<MasterCache>,
        order: &Order,
        extra_locations: impl Iterator<Item = &'a str>,
    ) -> Result<Self> {
        // The caller has refreshed the cache against the store's master version.
        let mut cache = cache.borrow_mut();
        let mut items = HashMap::new();
        for code in std::iter::once(order.item.as_str())
            .chain(order.materials.iter().map(|m| m.component.as_str()))
        {
            if !items.contains_key(code)
                && let Some(item) = cache.item(conn, code)?
            {
                items.insert(code.to_string(), item);
            }
        }
        let mut work_centers = HashMap::new();
        for op in &order.operations {
            if !work_centers.contains_key(&op.work_center)
                && let Some(wc) = cache.work_center(conn, &op.work_center)?
            {
                work_centers.insert(op.work_center.clone(), wc);
            }
        }
        let mut locations = HashSet::new();
        for l in extra_locations {
            if store::master::location_exists(conn, l)? {
                locations.insert(l.to_string());
            }
        }
        // Every location a line may issue from: supply locations, work center locations, and
        // the overrides'.
        let mut wanted: HashSet<&str> = locations.iter().map(String::as_str).collect();
        for m in &order.materials {
            if let Some(l) = &m.supply_location {
                wanted.insert(l);
            }
        }
        for wc in work_centers.values() {
            wanted.insert(&wc.location);
        }
        let mut stock = HashMap::new();
        for location in wanted {
            for (item, qty) in store::post::balances_for_order(conn, &order.order, location)? {
                stock.insert((item, location.to_string()), qty);
            }
        }
        Ok(Prefetched {
            items,
            work_centers,
            locations,
            stock,
        })
    }
}

impl Lookup for Prefetched {
    fn item(&self, item: &str) -> Option<&Item> {
        self.items.get(item).map(|i| &**i)
    }

    fn work_center(&self, work_center: &str) -> Option<&WorkCenter> {
        self.work_centers.get(work_center).map(|w| &**w)
    }

    fn location_exists(&self, location: &str) -> bool {
        self.locations.contains(location)
            || self.work_centers.values().any(|w| w.location == location)
    }

    fn on_hand(&self, item: &str, location: &str) -> Decimal {
        self.stock
            .get(&(item.to_string(), location.to_string()))
            .copied()
            .unwrap_or_default()
    }
}
