//! Use cases: what the command line and the terminal both call. One engine, two faces.
//!
//! A service call reads what the engine needs from the store, runs the pure calculation and
//! hands the result to the store to write in one transaction. Authorisation is
//! checked here, before anything is written.

pub mod auth;
mod cache;
pub mod closing;
mod codes;
pub mod error;
pub mod export;
pub mod floor;
pub mod health;
mod issue;
mod keyed;
mod orders;
pub mod reasons;
pub mod replay;
pub mod replenish;
mod report;
mod rules;
mod session;
mod stock;
mod trace;

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::config::Config;
use crate::domain::backflush::{self, Change, ReportError, ReportPlan, ReportRequest};
use crate::domain::ids::ReportId;
use crate::domain::journal::{AccountNames, inventory_account};
use crate::domain::master::{Item, LocationKind, WorkCenter};
use crate::domain::order::Order;
use crate::domain::qty::Quantity;

pub use crate::domain::requests::{
    AdjustRequest, CountRequest, SubstituteRequest, TransferRequest,
};

use crate::import::{self, ImportSummary};
use crate::store::reports::Deferred;
use crate::store::{self, Stamp, Store};
/// The store's failures and refusals, as the faces word them.
pub use crate::store::{
    BadValue, Damage, FileCause, FileStep, ForeignWhy, StoreError, StoreRefusal, StoredWord,
    TransferRefusal,
};
// The rows the faces read, as the store keeps them: the command line and the terminal name
// them through the service and never import the store.
pub use crate::store::exceptions::ExceptionRow;
pub use crate::store::floor::{LineSubstitute, ReportLine, SkippedLine};
pub use crate::store::known_version;
pub use crate::store::orders::OrderSummary;
pub use crate::store::queries::{AuditFilter, BalanceRow, MovementRow, Problem, ReportRow};
pub use crate::store::reports::reversal::Reversal;
use auth::Permission;
use cache::MasterCache;
pub use error::{
    Approval, AuthError, ErrorKind, Field, FirstUse, IoWhat, Owner, Refusal, Result, ServiceError,
    Thing, Why,
};
pub use issue::{IssueRequest, IssueResult, Issued};
pub use keyed::Keyed;
pub use reasons::{OverrideReasons, ReasonKind};
pub use report::{BatchReport, ReportContext, Shortage};
pub use session::LoggedIn;
pub use trace::Trace;

/// Who is at the terminal: a badge with its PIN, and an approving lead where one signed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub badge: Option<String>,
    pub pin: Option<String>,
    pub approver: Option<Approver>,
}

/// A lead approving at another user's terminal: the lead's badge and PIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approver {
    pub badge: String,
    pub pin: String,
}

/// A posted report as the caller sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Posted {
    pub report_id: ReportId,
    /// The result of the first posting with this key.
    pub result: replay::ReportResult,
    /// True when the key had been posted before and nothing new was posted.
    pub repeated: bool,
    pub deferred: Vec<Deferred>,
    /// What was posted (`None` for a repeat: only its result is kept).
    pub plan: Option<Box<ReportPlan>>,
}

/// The application's services over one store.
pub struct Service {
    store: Store,
    config: Config,
    terminal: String,
    /// The plant's rules that apply, read per master version.
    rules: RefCell<rules::Loaded>,
    cache: RefCell<MasterCache>,
    /// Digests of (badge, PIN, hash) verified in this process.
    verified: RefCell<HashSet<u64>>,
    digest_key: std::collections::hash_map::RandomState,
    /// Set once a keyed posting of this service answered with its key's first result
    /// instead of posting.
    replayed: std::cell::Cell<bool>,
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

    /// Opens the store at `path` for `import`; where there is none yet, the store is made
    /// beside it and takes its name in [`Self::finish`], so that a refused import leaves no
    /// store behind.
    ///
    /// # Errors
    /// The store cannot be opened or made.
    pub fn open_for_import(config: Config, path: &Path) -> Result<Self> {
        let store = Store::open_or_stage(path, config.synchronous())?;
        Ok(Self::with_store(store, config))
    }

    /// Ends the service: a store made by [`Self::open_for_import`] takes its path's name.
    ///
    /// # Errors
    /// The store cannot be put in place.
    pub fn finish(self) -> Result<()> {
        Ok(self.store.put_in_place()?)
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
        Service {
            store,
            config,
            terminal,
            rules: RefCell::new(None),
            cache: RefCell::new(MasterCache::default()),
            verified: RefCell::new(HashSet::new()),
            digest_key: std::collections::hash_map::RandomState::new(),
            replayed: std::cell::Cell::new(false),
        }
    }

    /// Whether a keyed posting of this service (a transfer, count, lead's adjustment or
    /// substitution, retry or cancel of exceptions) answered with the first result of its key
    /// and posted nothing; the command line makes one posting a run and says so.
    #[must_use]
    pub fn replayed(&self) -> bool {
        self.replayed.get()
    }

    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    #[must_use]
    pub fn terminal(&self) -> &str {
        &self.terminal
    }

    /// Marks the store as the demo's (its login screen shows the demo's badges).
    ///
    /// # Errors
    /// The store fails.
    pub fn mark_demo(&mut self) -> Result<()> {
        Ok(self.store.write(|tx| store::master::mark_demo(tx))?)
    }

    /// Whether this is a demo store.
    ///
    /// # Errors
    /// The store fails.
    pub fn is_demo(&self) -> Result<bool> {
        Ok(store::master::is_demo(self.store.conn())?)
    }

    /// The store's file, as every error names it.
    #[must_use]
    pub fn store_path(&self) -> &str {
        self.store.path()
    }

    /// `e` naming this service's store where it is the store's and did not name it.
    #[must_use]
    pub fn named(&self, e: ServiceError) -> ServiceError {
        e.at_store(self.store.path())
    }

    /// Read access for queries the UI runs.
    #[must_use]
    pub fn conn(&self) -> &Connection {
        self.store.conn()
    }

    /// Checks that `who` may initialise the store (an admin, once users exist).
    ///
    /// # Errors
    /// Permissions.
    pub fn init(&mut self, who: &Credentials) -> Result<()> {
        self.authorize(who, Permission::Administer).map(|_| ())
    }

    /// Imports the CSV files of `dir`.
    ///
    /// # Errors
    /// A bad row, named; nothing is written.
    pub fn import(&mut self, dir: &Path, who: &Credentials) -> Result<ImportSummary> {
        let stamp = self.authorize(who, Permission::Administer)?;
        let settings = rules::read_settings(self.store.conn(), dir)?;
        let accounts = match &settings {
            Some((merged, _)) => {
                let has_users = store::master::user_count(self.store.conn())? > 0;
                crate::config::rules::effective(
                    merged,
                    &self.config.rule_overrides(),
                    has_users,
                    &self.config.origin,
                )
                .map_err(|problem| {
                    ServiceError::invalid(
                        Field::Config,
                        self.config.origin.clone(),
                        Why::Config { problem },
                    )
                })?
                .rules
                .accounts()
            }
            None => self.rules()?.rules.accounts(),
        };
        let rows = settings.as_ref().map(|(_, rows)| rows.as_slice());
        let summary = import::import_dir(&mut self.store, dir, &stamp, &accounts, rows)?;
        *self.rules.borrow_mut() = None;
        Ok(summary)
    }

    /// Problems `verify` finds; empty when every balance equals its ledger and every journal
    /// entry balances.
    ///
    /// # Errors
    /// The store fails.
    pub fn verify(&self) -> Result<Vec<Problem>> {
        Ok(store::queries::verify(self.store.conn())?)
    }

    /// Work centers, for the terminal's picker.
    ///
    /// # Errors
    /// The store fails.
    pub fn work_centers(&self) -> Result<Vec<WorkCenter>> {
        Ok(store::master::work_centers(self.store.conn())?)
    }
}
