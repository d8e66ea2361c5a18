//! WAL checkpoints off the posting path: a thread with its own connection copies the
//! write-ahead log back into the store every few hundred milliseconds (a passive checkpoint:
//! it never waits for or blocks a writer), so a posting never pays for one. SQLite's own
//! automatic checkpoint stays on the posting connection as a safety net, at a threshold a
//! terminal's postings do not reach between two of these.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// How often the log is copied back.
const EVERY: Duration = Duration::from_millis(200);

/// The posting connection's own checkpoint, in pages: only if this thread falls behind.
pub(super) const SAFETY_NET_PAGES: i64 = 20_000;

/// The running checkpointer; stops (and is joined) when dropped.
pub(super) struct Checkpointer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing the store at `path`; `None` when a second connection cannot be
    /// opened (the posting connection's own checkpoint then does the work).
    pub(super) fn start(path: &Path) -> Option<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        conn.busy_timeout(Duration::from_millis(50)).ok()?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    // A busy or failed checkpoint is retried at the next tick.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .ok()?;
        Some(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel wakes the thread at once.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
