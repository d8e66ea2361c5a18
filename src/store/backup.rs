//! `backflush backup FILE`: a copy of the store taken in one pass while terminals post.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::open::{Damage, FileCause, FileStep};
use super::staged::Staged;
use super::{Result, Store, StoreError, open};

/// How long the copy waits for a connection that holds the file for a moment (SQLite
/// recovering its log), as a writer waits for another's lock.
const WAIT: Duration = Duration::from_secs(5);

impl Store {
    /// Copies the store to a new file at `dest` (0600) with SQLite's online backup, in one
    /// pass: every page is copied in a single step, inside one read transaction, so the copy
    /// is the snapshot of one moment however busy the terminals are (a copy in small steps
    /// starts again whenever another connection commits, and never ends while they post). In
    /// WAL mode that reader holds no writer up. The copy is written beside `dest` under a
    /// temporary name, checked by SQLite, and only then given `dest`'s name, so a backup cut
    /// off leaves nothing under it. An existing `dest` is refused.
    ///
    /// # Errors
    /// `dest` exists or cannot be written (a full disk named as such); the store is damaged.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        let name = dest.display().to_string();
        let failed = |cause: FileCause| StoreError::Backup {
            path: name.clone(),
            cause,
        };
        if std::fs::symlink_metadata(dest).is_ok() {
            return Err(failed(FileCause::Exists));
        }
        let staged =
            Staged::new(dest).map_err(|e| failed(open::io_cause(dest, &e, FileStep::Create)))?;
        let mut copy = Connection::open_with_flags(
            staged.file(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| failed(open::cause(dest, &e)))?;
        self.copy_into(&mut copy, dest)?;
        // The copy is a store of its own: no WAL to carry along.
        copy.pragma_update(None, "journal_mode", "DELETE")
            .map_err(|e| failed(open::cause(dest, &e)))?;
        // Read back whole before it takes the name: a copy that SQLite cannot read is no
        // backup. Its pages are the store's, so what is wrong with them is the store's.
        let check: String = copy
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| failed(open::cause(dest, &e)))?;
        if check != "ok" {
            // SQLite heads its finding with the database's name: the finding is the rest.
            let finding: Vec<&str> = check.lines().filter(|l| !l.starts_with("***")).collect();
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: Damage::CopyUnreadable {
                    finding: finding.join("; "),
                },
            });
        }
        copy.close()
            .map_err(|(_, e)| failed(open::cause(dest, &e)))?;
        staged
            .place(false)
            .map_err(|e| failed(open::io_cause(dest, &e, FileStep::PutInPlace)))
    }

    /// Copies every page of the store into `copy` in one step of SQLite's online backup.
    fn copy_into(&self, copy: &mut Connection, dest: &Path) -> Result<()> {
        let failed = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                open::failure(&self.path, &e)
            }
            _ => StoreError::Backup {
                path: dest.display().to_string(),
                cause: open::cause(dest, &e),
            },
        };
        let started = Instant::now();
        let backup = Backup::new(&self.conn, copy).map_err(failed)?;
        loop {
            match backup.step(-1).map_err(failed)? {
                StepResult::Done => return Ok(()),
                StepResult::More => {}
                _ if started.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                _ => {
                    return Err(StoreError::Read {
                        path: self.path.clone(),
                        cause: FileCause::Locked,
                    });
                }
            }
        }
    }
}
