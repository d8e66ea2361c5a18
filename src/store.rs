//! The SQLite store: the only place with SQL.
//!
//! - **Files.** Only [`Store::create_or_open`] (init, import, demo) makes a store, on a
//!   missing or empty file, created 0600; [`Store::open_existing`] refuses a missing one.
//!   A file that is not a store of this program is refused before anything is written to it
//!   ([`open`], [`open::APPLICATION_ID`]).
//! - **Open.** Every connection sets WAL, foreign keys, a busy handler and the configured
//!   `synchronous`; then the append-only [`schema::MIGRATIONS`] run in one transaction. A
//!   store whose `user_version` is newer than this binary knows is refused.
//! - **Transactions.** Every write that belongs together runs in one IMMEDIATE transaction
//!   ([`Store::write`]), so two terminals on one file serialise instead of failing half-way.
//! - **Ledger.** `movements` is append-only (triggers refuse UPDATE and DELETE); `balances`
//!   is maintained in the same transaction as the movements, never summed on the hot path.
//! - **Quantities** are canonical decimal TEXT through the [`Quantity`], [`Money`] and [`Hours`] newtypes; timestamps RFC 3339 UTC TEXT.

mod backup;
mod checkpoint;
pub mod closing;
pub mod codes;
pub mod exceptions;
pub mod fixture;
pub mod floor;
pub mod health;
pub mod issues;
pub mod journal;
pub mod ledger;
mod lock;
pub mod master;
pub mod open;
pub mod orders;
pub mod outbox;
pub mod posting;
pub mod queries;
pub mod refusal;
pub mod replenish;
pub mod reports;
pub mod requests;
pub mod schema;
pub mod settings;
mod sql;
pub mod staged;
pub mod trace;

pub use lock::BETWEEN_GROUPS;
pub use sql::DecimalText;

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::ToSql;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::domain::qty::{Hours, Money, Quantity, canonical};

pub use open::{BadValue, Damage, FileCause, FileStep, ForeignWhy, StoredWord};
pub use refusal::{StoreRefusal, TransferRefusal};

/// A failure of the store.
#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    NoStore {
        path: String,
    },
    NotADatabase {
        path: String,
    },
    Foreign {
        path: String,
        why: ForeignWhy,
    },
    Damaged {
        path: String,
        detail: Damage,
    },
    Open {
        path: String,
        cause: FileCause,
    },
    Write {
        path: String,
        cause: FileCause,
    },
    Read {
        path: String,
        cause: FileCause,
    },
    /// Any other failure of SQLite on the store.
    Failed {
        path: String,
        cause: FileCause,
    },
    /// `backup`'s copy cannot be written; `path` is the copy's.
    Backup {
        path: String,
        cause: FileCause,
    },
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    /// A write the state of the books does not allow; boxed, so
    /// that the facts it carries do not make every result of the store larger.
    Refused(Box<StoreRefusal>),
    /// The operating system's random source failed while giving the store its id.
    Random {
        cause: String,
    },
    /// The report to reverse does not exist.
    NoReport {
        report: crate::domain::ids::ReportId,
    },
    /// A value read back that no version writes.
    Corrupt(BadValue),
    /// A planned journal entry whose debits and credits differ: nothing was written.
    Unbalanced {
        kind: crate::domain::posting::EntryKind,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<StoreRefusal> for StoreError {
    fn from(refusal: StoreRefusal) -> Self {
        StoreError::Refused(Box::new(refusal))
    }
}

/// Result of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Who and when: stamped on every movement, report and journal entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    at: String,
    pub terminal: String,
    pub user: String,
    pub approver: Option<String>,
}

impl Stamp {
    /// A stamp at `at` (kept as its RFC 3339 UTC text, the form the store writes).
    #[must_use]
    pub fn new(at: DateTime<Utc>, terminal: &str, user: &str) -> Self {
        Stamp {
            at: at.to_rfc3339_opts(SecondsFormat::Micros, true),
            terminal: terminal.to_string(),
            user: user.to_string(),
            approver: None,
        }
    }

    /// The same who, at another time.
    #[must_use]
    pub fn at(&self, at: DateTime<Utc>) -> Self {
        Stamp {
            at: at.to_rfc3339_opts(SecondsFormat::Micros, true),
            ..self.clone()
        }
    }

    /// The time as RFC 3339 UTC text.
    #[must_use]
    pub fn at_text(&self) -> &str {
        &self.at
    }

    /// The posting's day (UTC): lots expired before it are never chosen automatically.
    #[must_use]
    pub fn today(&self) -> chrono::NaiveDate {
        self.at
            .get(..10)
            .and_then(crate::domain::lots::parse_date)
            .unwrap_or_default()
    }
}

/// `synchronous` of the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Synchronous {
    #[default]
    Normal,
    Full,
}

/// An open store.
pub struct Store {
    conn: Connection,
    /// The file, for error messages (`:memory:` for an in-memory store).
    path: String,
    /// Copies the WAL back off the posting path (a file store only).
    _checkpointer: Option<checkpoint::Checkpointer>,
    /// A new store being built beside its path ([`Store::open_or_stage`]): it takes the
    /// path's name in [`Store::put_in_place`], and is removed if dropped before. Last, so
    /// that it is removed after both connections are closed.
    staged: Option<staged::Staged>,
}

impl Store {
    /// Opens and migrates the store at `path`, making a new one on a missing path or an empty
    /// file (`init`, `import`, `demo`). A new file is created 0600 and new directories 0700
    /// before SQLite opens it.
    ///
    /// # Errors
    /// As [`Self::open_existing`], but a missing or empty file is not an error.
    pub fn create_or_open(path: &Path, synchronous: Synchronous) -> Result<Self> {
        Self::open_file(path, synchronous, open::Mode::Create)
    }

    /// Opens and migrates the store at `path`, which must exist: every command but `init`,
    /// `import` and `demo`. Creates nothing.
    ///
    /// # Errors
    /// No store at `path`; the file is not a store of this program (nothing is written to it
    /// then); it cannot be opened; it was written by a newer program.
    pub fn open_existing(path: &Path, synchronous: Synchronous) -> Result<Self> {
        Self::open_file(path, synchronous, open::Mode::Existing)
    }

    /// The same as [`Self::create_or_open`] (kept for callers and tests that make their own
    /// stores).
    ///
    /// # Errors
    /// As [`Self::create_or_open`].
    pub fn open(path: &Path, synchronous: Synchronous) -> Result<Self> {
        Self::create_or_open(path, synchronous)
    }

    fn open_file(path: &Path, synchronous: Synchronous, mode: open::Mode) -> Result<Self> {
        open::check_file(path, mode)?;
        Self::connect(path, &path.display().to_string(), synchronous, mode)
    }

    /// Opens the database `file` (a store, or an empty file that becomes one in
    /// [`open::Mode::Create`]), naming it `name` in every error.
    fn connect(
        file: &Path,
        name: &str,
        synchronous: Synchronous,
        mode: open::Mode,
    ) -> Result<Self> {
        let conn = Connection::open_with_flags(
            file,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open::sqlite_error(name, e))?;
        if open::classify(&conn, name)? == open::Kind::Empty && mode == open::Mode::Existing {
            return Err(StoreError::NoStore {
                path: name.to_string(),
            });
        }
        check_version(&conn, name)?;
        Self::setup(conn, name, Some(file), synchronous).map_err(|e| match e {
            StoreError::Sqlite(e) => open::sqlite_error(name, e),
            other => other,
        })
    }

    /// An in-memory store, for tests and benchmarks.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn open_in_memory() -> Result<Self> {
        Self::setup(
            Connection::open_in_memory()?,
            ":memory:",
            None,
            Synchronous::Normal,
        )
    }

    /// Sets up the connection to `file` (`None`: in memory), named `path` in errors.
    fn setup(
        mut conn: Connection,
        path: &str,
        file: Option<&Path>,
        synchronous: Synchronous,
    ) -> Result<Self> {
        conn.busy_handler(Some(lock::wait_for_lock))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(
            None,
            "synchronous",
            match synchronous {
                Synchronous::Normal => "NORMAL",
                Synchronous::Full => "FULL",
            },
        )?;
        conn.set_prepared_statement_cache_capacity(256);
        // Reads of a large store come from memory, not read() calls.
        conn.pragma_update(None, "cache_size", -32_768)?;
        conn.pragma_update(None, "mmap_size", 268_435_456)?;
        // Statement journals and savepoints stay in memory.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        register_functions(&conn)?;
        migrate(&mut conn, path)?;
        let checkpointer = match file {
            None => None,
            Some(file) => {
                conn.pragma_update(None, "wal_autocheckpoint", checkpoint::SAFETY_NET_PAGES)?;
                checkpoint::Checkpointer::start(file)
            }
        };
        Ok(Store {
            conn,
            path: path.to_string(),
            _checkpointer: checkpointer,
            staged: None,
        })
    }

    /// The schema version of this store.
    ///
    /// # Errors
    /// SQLite fails.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The store's file (`:memory:` for an in-memory store).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Read access.
    #[must_use]
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The `synchronous` mode the connection runs with, read back from SQLite (not the one
    /// asked for): `off`, `normal`, `full`, `extra`, or `unknown` when it cannot be read.
    #[must_use]
    pub fn synchronous_mode(conn: &Connection) -> &'static str {
        match conn.pragma_query_value(None, "synchronous", |r| r.get::<_, i64>(0)) {
            Ok(0) => "off",
            Ok(1) => "normal",
            Ok(2) => "full",
            Ok(3) => "extra",
            _ => "unknown",
        }
    }

    /// Runs `work` in one IMMEDIATE transaction: committed when it returns `Ok`, rolled back
    /// otherwise.
    ///
    /// # Errors
    /// Whatever `work` returns, or SQLite failing to begin or commit.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        // Beginning (the write lock) and committing (the disk) are where a busy, read-only or
        // full store shows: those errors name the file.
        let path = &self.path;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| open::write_error(path, e))?;
        let out = work(&tx)?;
        tx.commit().map_err(|e| open::write_error(path, e))?;
        Ok(out)
    }
}

/// `stamp`'s who at `now`, for a posting: taken inside the write transaction that commits it
/// (once it holds the write lock), so postings that waited for one another are stamped in the
/// order they commit and the export's times follow its seqs. Never at or before the last
/// posting recorded in the outbox: a clock set back leaves the times in seq order, and a
/// batch's reports at distinct times.
///
/// # Errors
/// SQLite fails.
pub fn posting_stamp(conn: &Connection, stamp: &Stamp, now: DateTime<Utc>) -> Result<Stamp> {
    Ok(stamp.at(posting_time(last_posting_time(conn)?, now)))
}

/// When the last posting recorded in the outbox was made (`None` for an empty outbox).
///
/// # Errors
/// SQLite fails.
pub fn last_posting_time(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    outbox::last_at(conn)
}

/// The time of a posting made at `now` when the last one in the outbox was made at `last`,
/// to the microsecond as a stamp keeps it: for a caller that wrote that last posting itself
/// in this transaction and need not read its time back (see [`posting_stamp`]).
#[must_use]
pub fn posting_time(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    let at = match last {
        Some(last) if now <= last => last + chrono::Duration::microseconds(1),
        _ => now,
    };
    chrono::SubsecRound::trunc_subsecs(at, 6)
}

/// Runs `work` inside a savepoint of the caller's transaction: kept when it returns `Ok`,
/// undone when it returns an error; the transaction goes on either way and the inner result
/// is `work`'s.
///
/// # Errors
/// SQLite failing to manage the savepoint (the transaction must then be abandoned).
pub fn savepoint<T, E>(
    conn: &Connection,
    work: impl FnOnce() -> std::result::Result<T, E>,
) -> Result<std::result::Result<T, E>> {
    // Prepared once per connection: a batch opens one savepoint a report.
    conn.prepare_cached("SAVEPOINT unit")?.execute([])?;
    let out = work();
    if out.is_err() {
        conn.prepare_cached("ROLLBACK TO unit")?.execute([])?;
    }
    conn.prepare_cached("RELEASE unit")?.execute([])?;
    Ok(out)
}

/// The schema version this binary writes.
#[must_use]
pub fn known_version() -> i64 {
    i64::try_from(schema::MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Refuses a store whose schema is newer than this binary's, before anything is written.
fn check_version(conn: &Connection, path: &str) -> Result<i64> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| open::sqlite_error(path, e))?;
    let known = known_version();
    if found > known {
        return Err(StoreError::NewerSchema {
            path: path.to_string(),
            found,
            known,
        });
    }
    Ok(found)
}

fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let found = check_version(conn, path)?;
    let known = known_version();
    if found == known {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for sql in schema::MIGRATIONS
        .iter()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
    }
    outbox::after_migration(&tx, found)?;
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok(())
}

/// `dec_add(a, b)`: exact decimal addition of two canonical TEXT quantities (NULL = 0), so a
/// balance or a cumulative quantity is updated in one statement, never read and written back.
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "dec_add",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let a: Option<Quantity> = ctx.get(0)?;
            let b: Option<Quantity> = ctx.get(1)?;
            a.unwrap_or_default()
                .0
                .checked_add(b.unwrap_or_default().0)
                .map(canonical)
                .ok_or_else(|| rusqlite::Error::UserFunctionError("quantity overflow".into()))
        },
    )?;
    Ok(())
}

/// Runs `head VALUES (…), (…) tail` for `values.len() / width` rows in as few statements as
/// SQLite's parameter limit allows: one round trip for a whole report's lines.
fn insert_rows(
    conn: &Connection,
    head: &str,
    tail: &str,
    width: usize,
    values: &[&dyn ToSql],
) -> Result<()> {
    const MAX_ROWS: usize = 500;
    for chunk in values.chunks(width * MAX_ROWS) {
        let rows = chunk.len() / width;
        let row = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head} VALUES {} {tail}", vec![row; rows].join(", "));
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(chunk.iter()))?;
    }
    Ok(())
}

/// Maps a boolean column that may be NULL.
fn opt_bool(v: Option<i64>) -> Option<bool> {
    v.map(|x| x != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_store_is_at_the_latest_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), known_version());
    }

    #[test]
    fn a_newer_store_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        {
            let store = Store::open(&path, Synchronous::Normal).unwrap();
            store
                .conn()
                .pragma_update(None, "user_version", 99)
                .unwrap();
        }
        let err = Store::open(&path, Synchronous::Normal).err().unwrap();
        assert!(
            matches!(err, StoreError::NewerSchema { found: 99, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn a_posting_is_stamped_after_the_last_one_even_when_the_clock_went_back() {
        let store = Store::open_in_memory().unwrap();
        let time = |t: &str| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
        let stamp = Stamp::new(time("2026-01-01T00:00:00Z"), "T1", "u");
        let now = time("2026-05-01T10:00:00Z");
        let at = |now| posting_stamp(store.conn(), &stamp, now).unwrap();
        assert_eq!(at(now).at_text(), "2026-05-01T10:00:00.000000Z");
        store
            .conn()
            .execute(
                "INSERT INTO outbox (seq, events, posting, movements_through, entries_through, at, terminal, user)
                 VALUES (1, 1, 'transfer', 0, 0, '2026-05-01T10:00:02.500000Z', 'T2', 'u')",
                [],
            )
            .unwrap();
        // The clock is behind the last posting: the next comes a microsecond after it.
        assert_eq!(at(now).at_text(), "2026-05-01T10:00:02.500001Z");
        let later = time("2026-05-01T10:00:03Z");
        assert_eq!(at(later).at_text(), "2026-05-01T10:00:03.000000Z");
    }

    #[test]
    fn the_ledger_refuses_updates() {
        let store = Store::open_in_memory().unwrap();
        let err = store.conn().execute("DELETE FROM movements", []);
        assert!(err.is_ok(), "deleting nothing is fine");
        store
            .conn()
            .execute_batch(
                "INSERT INTO items VALUES ('A','','EA',0,'stock','none',1,'1');
             INSERT INTO locations VALUES ('L','','storage');
             INSERT INTO movements (at, kind, item, location, qty, terminal, user, reason)
             VALUES ('t','adjust','A','L','1','t','u','r');",
            )
            .unwrap();
        let err = store
            .conn()
            .execute("UPDATE movements SET qty = '2'", [])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"));
    }
}
