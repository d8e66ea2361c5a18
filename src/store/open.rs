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
                    cause: io_cause(path, &e, "cannot be created"),
                }),
            };
        }
        Err(e) => {
            return Err(StoreError::Open {
                path: name,
                cause: io_cause(path, &e, "cannot be read"),
            });
        }
    };
    if meta.is_dir() {
        return Err(StoreError::Open {
            path: name,
            cause: "it is a directory".into(),
        });
    }
    if meta.len() == 0 {
        if mode == Mode::Existing {
            return Err(StoreError::NoStore { path: name });
        }
        return crate::private_fs::make_private(path).map_err(|e| StoreError::Open {
            path: name,
            cause: io_cause(path, &e, "cannot be made private (0600)"),
        });
    }
    let mut header = [0u8; 100];
    let mut read = 0;
    let mut file = std::fs::File::open(path).map_err(|e| StoreError::Open {
        path: name.clone(),
        cause: io_cause(path, &e, "cannot be read"),
    })?;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return Err(StoreError::Open {
                    path: name,
                    cause: io_cause(path, &e, "cannot be read"),
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
            why: foreign_id(id),
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
            why: foreign_id(id),
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
        why: "it is an SQLite database whose tables are not backflush's".into(),
    })
}

fn foreign_id(id: i32) -> String {
    format!("it is another application's SQLite database, application_id {id:#010x}")
}

impl StoreError {
    /// This error naming the store's file `path` where it does not name a file yet (a failure
    /// of SQLite met while reading or writing, a value read back that no version writes);
    /// `None` when it names its file already or is not about the file.
    #[must_use]
    pub fn at_path(&self, path: &str) -> Option<StoreError> {
        match self {
            StoreError::Sqlite(e) => Some(failure(path, e)),
            StoreError::Corrupt(detail) => Some(StoreError::Damaged {
                path: path.to_string(),
                detail: format!("it holds a bad value: {detail}"),
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
                detail: format!("a stored value does not read back: {e}"),
            };
        }
        _ => {}
    }
    if disk_full(e) {
        return StoreError::Write {
            path: owned,
            cause: DISK_FULL.into(),
        };
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path: owned },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: owned,
            detail: e.to_string(),
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
            cause: format!("the file cannot be read or written ({e})"),
        },
        _ => StoreError::Failed {
            path: owned,
            cause: e.to_string(),
        },
    }
}

/// What SQLite's failure on the file at `path` was, as a clause: a full disk named as such.
#[must_use]
pub fn cause(path: &Path, e: &rusqlite::Error) -> String {
    if disk_full(e) {
        return DISK_FULL.into();
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            write_cause(path)
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another process holds it locked".into()
        }
        _ => e.to_string(),
    }
}

/// Whether SQLite met a full disk: a write that found no space, or a `-shm` file that could
/// not grow (SQLite's own reading of that failure is "the volume may be out of space").
fn disk_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(ErrorCode::DiskFull)
        || e.sqlite_error()
            .is_some_and(|f| f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE)
}

/// A full disk, as every error says it.
pub const DISK_FULL: &str = "the disk is full (no space left on device)";

/// Why a store cannot be written: the file, or the directory SQLite keeps `-wal` and `-shm`
/// in.
fn write_cause(path: &Path) -> String {
    let readonly = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if readonly(path) {
        "the file is read-only".into()
    } else if readonly(dir) || !dir.is_dir() {
        format!(
            "its directory {} is read-only or missing (SQLite keeps the -wal and -shm files beside the store)",
            dir.display()
        )
    } else {
        "it cannot be opened for writing".into()
    }
}

/// Why the file at `path` `what` ("cannot be created"), from the system's error.
pub(crate) fn io_cause(path: &Path, e: &std::io::Error, what: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            format!("it {what}: {}", write_cause(path))
        }
        std::io::ErrorKind::StorageFull => format!("it {what}: {DISK_FULL}"),
        _ => format!("it {what}: {e}"),
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
        for err in [
            sqlite_error(&path, sqlite_failure(rusqlite::ffi::SQLITE_READONLY)),
            write_error(&path, sqlite_failure(rusqlite::ffi::SQLITE_CANTOPEN)),
        ] {
            let text = format!("{err:?}");
            assert!(text.contains(&path), "{text}");
            assert!(
                text.contains("directory") && text.contains("read-only"),
                "{text}"
            );
            assert!(!text.contains("readonly database"), "{text}");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
        let text = format!(
            "{:?}",
            write_error(&path, sqlite_failure(rusqlite::ffi::SQLITE_READONLY))
        );
        assert!(text.contains("the file is read-only"), "{text}");
    }

    #[test]
    fn a_failure_met_anywhere_names_the_store_and_a_full_disk_as_such() {
        let full = |e: &StoreError| matches!(e, StoreError::Write { path, cause } if path == "x.db" && cause == DISK_FULL);
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
            DISK_FULL
        );
        let not_utf8 = rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            Box::new(String::from_utf8(vec![0xff]).unwrap_err().utf8_error()),
        );
        let e = failure("x.db", &not_utf8);
        assert!(
            matches!(&e, StoreError::Damaged { path, detail }
                if path == "x.db" && detail.starts_with("a stored value does not read back")),
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
        let e = StoreError::Corrupt("per X".into()).at_path("x.db");
        assert!(
            matches!(&e, Some(StoreError::Damaged { path, detail })
                if path == "x.db" && detail == "it holds a bad value: per X"),
            "{e:?}"
        );
        assert!(
            StoreError::NotFound("report 9".into())
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
