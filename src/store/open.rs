//! Which file is a store, decided before SQLite writes a byte to it.
//!
//! A store is marked with [`APPLICATION_ID`] in its SQLite header. Opening a file goes:
//!
//! 1. **The file itself.** Missing or 0 bytes: only [`Mode::Create`] (init, import, demo)
//!    makes a store there, creating the file 0600 (directories 0700) before SQLite opens it,
//!    so SQLite's `-wal` and `-shm` get the same mode; [`Mode::Existing`] says there is no
//!    store at the path and creates nothing. A non-empty file whose first 100 bytes are not an
//!    SQLite header, or whose header carries another application id, is refused without
//!    SQLite opening it.
//! 2. **The schema, read-only.** Through SQLite, before any PRAGMA that writes: our id → a
//!    store; id 0 with our `meta` table (`master_version`) and `user_version` ≥ 1 → a store
//!    made before the id existed (the migration that stamps it runs next); id 0 and no tables
//!    → an empty database, treated like an empty file; anything else → another application's
//!    database, refused.
//!
//! Only then does the store switch to WAL and migrate.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, ErrorCode};

use super::StoreError;

/// `PRAGMA application_id` of a backflush store: the ASCII bytes "BFLS" (0x42464C53).
pub const APPLICATION_ID: i32 = 0x4246_4C53;

/// Why a file of the store (or a copy of it) cannot be opened, read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCause {
    /// The disk is full (no space left on device).
    DiskFull,
    /// Another process holds it locked.
    Locked,
    ReadOnlyFile,
    /// Its directory is read-only or missing: SQLite keeps the `-wal` and `-shm` files
    /// beside the store.
    ReadOnlyDir {
        dir: String,
    },
    /// It cannot be opened for writing.
    NotWritable,
    IsDirectory,
    /// One step on the file failed, and why.
    Step {
        step: FileStep,
        why: Box<FileCause>,
    },
    /// The file cannot be read or written: SQLite's or the system's account.
    ReadOrWrite(String),
    /// SQLite's or the system's own account, as it gives it.
    Said(String),
    /// The store's log could not be copied into it.
    LogNotCopied,
    /// Another process made a store at the path meanwhile; nothing was written to it.
    MadeMeanwhile,
    /// A file of the backup's name exists; a backup never replaces one.
    Exists,
}

/// A step on a file of the store that can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStep {
    Create,
    Read,
    /// Given mode 0600.
    MakePrivate,
    /// Given its name once complete.
    PutInPlace,
}

/// Why a database is another application's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForeignWhy {
    /// Its header carries another application id.
    ApplicationId(i32),
    /// An SQLite database whose tables are not a store's.
    Tables,
}

/// How a store is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// It holds a value no version writes.
    BadValue(BadValue),
    /// A stored value does not read back: SQLite's account.
    Unreadable(String),
    /// SQLite's own account of the damage.
    Said(String),
    /// A backup's copy of it does not pass SQLite's check: SQLite's finding; no backup was
    /// written.
    CopyUnreadable { finding: String },
}

/// A value read back from the store that no version writes, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadValue {
    /// A column of words holding none of its words.
    Word {
        column: StoredWord,
        value: String,
    },
    MovementKind {
        movement: i64,
        kind: String,
    },
    /// A unit conversion that disagrees with another row.
    Conversion {
        from: String,
        to: String,
    },
    /// A user's role.
    Role {
        badge: String,
    },
    /// The first result kept for a key: the JSON reader's account.
    KeptResult {
        key: String,
        cause: String,
    },
    /// A stored plant setting: the JSON reader's account.
    Setting {
        key: String,
        cause: String,
    },
    /// The stored plant rules, refused by the rules' own check.
    PlantRules {
        cause: crate::domain::plant_rules::RuleProblem,
    },
    /// An `order_closed` or `order_reopened` event with no close or reopen behind it.
    ClosingOfEvent {
        seq: i64,
    },
}

/// A column of the master data that holds one of a set of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredWord {
    ItemType,
    Tracking,
    LocationKind,
    Per,
}

/// Whether a command may create a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `init`, `import`, `demo`: a missing or empty file becomes a new store.
    Create,
    /// Every other command: the store must exist.
    Existing,
}

/// What a database file holds, as far as opening it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// No tables yet: a new store.
    Empty,
    /// A backflush store (stamped, or made before the stamp existed).
    Ours,
}

/// Step 1: checks the file before SQLite opens it; creates it (0600) in [`Mode::Create`]
/// when it is missing.
///
/// # Errors
/// No store (in [`Mode::Existing`]), not a database, another application's database, or the
/// file cannot be read or created.
pub fn check_file(path: &Path, mode: Mode) -> Result<(), StoreError> {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if mode == Mode::Existing {
                return Err(StoreError::NoStore { path: name });
            }
            return match crate::private_fs::create_new_file(path) {
                Ok(_) => Ok(()),
                // Another process made it in between: open what is there.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => check_file(path, mode),
                Err(e) => Err(StoreError::Open {
                    path: name,
                    cause: io_cause(path, &e, FileStep::Create),
                }),
            };
        }
        Err(e) => {
            return Err(StoreError::Open {
                path: name,
                cause: io_cause(path, &e, FileStep::Read),
            });
        }
    };
    if meta.is_dir() {
        return Err(StoreError::Open {
            path: name,
            cause: FileCause::IsDirectory,
        });
    }
    if meta.len() == 0 {
        if mode == Mode::Existing {
            return Err(StoreError::NoStore { path: name });
        }
        return crate::private_fs::make_private(path).map_err(|e| StoreError::Open {
            path: name,
            cause: io_cause(path, &e, FileStep::MakePrivate),
        });
    }
    let mut header = [0u8; 100];
    let mut read = 0;
    let mut file = std::fs::File::open(path).map_err(|e| StoreError::Open {
        path: name.clone(),
        cause: io_cause(path, &e, FileStep::Read),
    })?;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return Err(StoreError::Open {
                    path: name,
                    cause: io_cause(path, &e, FileStep::Read),
                });
            }
        }
    }
    if read < header.len() || !header.starts_with(b"SQLite format 3\0") {
        return Err(StoreError::NotADatabase { path: name });
    }
    let id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if id != 0 && id != APPLICATION_ID {
        return Err(StoreError::Foreign {
            path: name,
            why: ForeignWhy::ApplicationId(id),
        });
    }
    Ok(())
}

/// Step 2: what the open database holds, read without writing.
///
/// # Errors
/// Another application's database, not a database, a damaged one, or SQLite failing.
pub fn classify(conn: &Connection, path: &str) -> Result<Kind, StoreError> {
    let failed = |e: rusqlite::Error| sqlite_error(path, e);
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(failed)?;
    if id == APPLICATION_ID {
        return Ok(Kind::Ours);
    }
    if id != 0 {
        return Err(StoreError::Foreign {
            path: path.to_string(),
            why: ForeignWhy::ApplicationId(id),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(failed)?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(failed)?;
    if tables.is_empty() && version == 0 {
        return Ok(Kind::Empty);
    }
    let has_meta = tables.iter().any(|t| t == "meta")
        && conn
            .query_row(
                "SELECT count(*) FROM meta WHERE key = 'master_version'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .is_ok_and(|n| n == 1);
    if version >= 1 && has_meta {
        return Ok(Kind::Ours);
    }
    Err(StoreError::Foreign {
        path: path.to_string(),
        why: ForeignWhy::Tables,
    })
}

impl StoreError {
    /// This error naming the store's file `path` where it does not name a file yet (a failure
    /// of SQLite met while reading or writing, a value read back that no version writes);
    /// `None` when it names its file already or is not about the file.
    #[must_use]
    pub fn at_path(&self, path: &str) -> Option<StoreError> {
        match self {
            StoreError::Sqlite(e) => Some(failure(path, e)),
            StoreError::Corrupt(bad) => Some(StoreError::Damaged {
                path: path.to_string(),
                detail: Damage::BadValue(bad.clone()),
            }),
            _ => None,
        }
    }
}

/// A SQLite failure on the store at `path` as one sentence with its cause.
#[must_use]
pub fn sqlite_error(path: &str, e: rusqlite::Error) -> StoreError {
    let owned = path.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => failure(path, &e),
        _ => StoreError::Open {
            path: owned,
            cause: cause(Path::new(path), &e),
        },
    }
}

/// A SQLite failure while writing to the open store at `path`, as one sentence with its
/// cause.
#[must_use]
pub fn write_error(path: &str, e: rusqlite::Error) -> StoreError {
    match sqlite_error(path, e) {
        StoreError::Open { path, cause } => StoreError::Write { path, cause },
        other => other,
    }
}

/// A failure of SQLite met anywhere in a command on the open store at `path`, naming it: a
/// damaged file or a value that does not read back as what the store writes is damage; a
/// full disk, a read-only file or a lock is met writing; anything else is said as SQLite
/// says it.
#[must_use]
pub fn failure(path: &str, e: &rusqlite::Error) -> StoreError {
    use rusqlite::Error as E;
    let owned = path.to_string();
    match e {
        // A text that is not UTF-8, a number where text belongs, a word no version wrote.
        E::FromSqlConversionFailure(..)
        | E::InvalidColumnType(..)
        | E::IntegralValueOutOfRange(..)
        | E::Utf8Error(..) => {
            return StoreError::Damaged {
                path: owned,
                detail: Damage::Unreadable(e.to_string()),
            };
        }
        _ => {}
    }
    if disk_full(e) {
        return StoreError::Write {
            path: owned,
            cause: FileCause::DiskFull,
        };
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path: owned },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: owned,
            detail: Damage::Said(e.to_string()),
        },
        Some(
            ErrorCode::ReadOnly
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked,
        ) => StoreError::Write {
            path: owned,
            cause: cause(Path::new(path), e),
        },
        Some(ErrorCode::SystemIoFailure) => StoreError::Failed {
            path: owned,
            cause: FileCause::ReadOrWrite(e.to_string()),
        },
        _ => StoreError::Failed {
            path: owned,
            cause: FileCause::Said(e.to_string()),
        },
    }
}

/// What SQLite's failure on the file at `path` was: a full disk named as such.
#[must_use]
pub fn cause(path: &Path, e: &rusqlite::Error) -> FileCause {
    if disk_full(e) {
        return FileCause::DiskFull;
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            write_cause(path)
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => FileCause::Locked,
        _ => FileCause::Said(e.to_string()),
    }
}

/// Whether SQLite met a full disk: a write that found no space, or a `-shm` file that could
/// not grow (SQLite's own reading of that failure is "the volume may be out of space").
fn disk_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(ErrorCode::DiskFull)
        || e.sqlite_error()
            .is_some_and(|f| f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE)
}

/// Why a store cannot be written: the file, or the directory SQLite keeps `-wal` and `-shm`
/// in.
fn write_cause(path: &Path) -> FileCause {
    let readonly = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if readonly(path) {
        FileCause::ReadOnlyFile
    } else if readonly(dir) || !dir.is_dir() {
        FileCause::ReadOnlyDir {
            dir: dir.display().to_string(),
        }
    } else {
        FileCause::NotWritable
    }
}

/// Why `step` on the file at `path` failed, from the system's error.
pub(crate) fn io_cause(path: &Path, e: &std::io::Error, step: FileStep) -> FileCause {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => write_cause(path),
        std::io::ErrorKind::StorageFull => FileCause::DiskFull,
        _ => FileCause::Said(e.to_string()),
    };
    FileCause::Step {
        step,
        why: Box::new(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn sqlite_failure(code: std::ffi::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn a_read_only_directory_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        let db = ro.join("s.db");
        std::fs::write(&db, "").unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let path = db.display().to_string();
        let dir = FileCause::ReadOnlyDir {
            dir: ro.display().to_string(),
        };
        for err in [
            sqlite_error(&path, sqlite_failure(rusqlite::ffi::SQLITE_READONLY)),
            write_error(&path, sqlite_failure(rusqlite::ffi::SQLITE_CANTOPEN)),
        ] {
            assert!(
                matches!(&err, StoreError::Open { path: p, cause } | StoreError::Write { path: p, cause }
                    if *p == path && *cause == dir),
                "{err:?}"
            );
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
        let err = write_error(&path, sqlite_failure(rusqlite::ffi::SQLITE_READONLY));
        assert!(
            matches!(
                &err,
                StoreError::Write {
                    cause: FileCause::ReadOnlyFile,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_failure_met_anywhere_names_the_store_and_a_full_disk_as_such() {
        let full = |e: &StoreError| matches!(e, StoreError::Write { path, cause } if path == "x.db" && *cause == FileCause::DiskFull);
        let e = failure("x.db", &sqlite_failure(rusqlite::ffi::SQLITE_FULL));
        assert!(full(&e), "{e:?}");
        // A -shm file that cannot grow: SQLite's own reading is a volume out of space.
        let shm = sqlite_failure(rusqlite::ffi::SQLITE_IOERR_SHMSIZE);
        assert!(full(&failure("x.db", &shm)));
        assert_eq!(
            cause(
                Path::new("x.db"),
                &sqlite_failure(rusqlite::ffi::SQLITE_FULL)
            ),
            FileCause::DiskFull
        );
        let not_utf8 = rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            Box::new(String::from_utf8(vec![0xff]).unwrap_err().utf8_error()),
        );
        let e = failure("x.db", &not_utf8);
        assert!(
            matches!(&e, StoreError::Damaged { path, detail }
                if path == "x.db" && matches!(detail, Damage::Unreadable(_))),
            "{e:?}"
        );
        let e = failure("x.db", &sqlite_failure(rusqlite::ffi::SQLITE_CORRUPT));
        assert!(
            matches!(&e, StoreError::Damaged { path, .. } if path == "x.db"),
            "{e:?}"
        );
        let e = failure("x.db", &sqlite_failure(rusqlite::ffi::SQLITE_IOERR_READ));
        assert!(
            matches!(&e, StoreError::Failed { path, .. } if path == "x.db"),
            "{e:?}"
        );
        let bad = BadValue::Word {
            column: StoredWord::Per,
            value: "X".into(),
        };
        let e = StoreError::Corrupt(bad.clone()).at_path("x.db");
        assert!(
            matches!(&e, Some(StoreError::Damaged { path, detail })
                if path == "x.db" && *detail == Damage::BadValue(bad)),
            "{e:?}"
        );
        assert!(
            StoreError::NoReport {
                report: crate::domain::ids::ReportId(9)
            }
            .at_path("x.db")
            .is_none()
        );
    }

    #[test]
    fn a_damaged_or_foreign_file_is_named() {
        let e = sqlite_error("x.db", sqlite_failure(rusqlite::ffi::SQLITE_CORRUPT));
        assert!(
            matches!(&e, StoreError::Damaged { path, .. } if path == "x.db"),
            "{e:?}"
        );
        let e = sqlite_error("x.db", sqlite_failure(rusqlite::ffi::SQLITE_NOTADB));
        assert!(
            matches!(&e, StoreError::NotADatabase { path } if path == "x.db"),
            "{e:?}"
        );
    }
}
