//! Waiting for another connection's write lock: SQLite's busy handler of every connection,
//! and the moment a batch leaves between its transactions so that others get their turn.

use std::time::Duration;

/// How long a connection waits for another's write lock before it says the store is locked.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// How often a waiting connection looks at the lock again.
const LOCK_POLL: Duration = Duration::from_millis(1);

/// SQLite's busy handler: looks at the lock again every millisecond, for [`LOCK_WAIT`] in
/// all. SQLite's own timeout sleeps longer and longer (up to 100 ms) between looks, so a
/// writer that commits and begins again at once (a batch, group after group) would keep the
/// lock from it for as long as it runs; looked at this often, the lock is taken in the moment
/// such a writer leaves between two transactions ([`BETWEEN_GROUPS`]).
pub(super) fn wait_for_lock(attempts: i32) -> bool {
    let most = LOCK_WAIT.as_millis() / LOCK_POLL.as_millis();
    if u128::try_from(attempts).unwrap_or(u128::MAX) >= most {
        return false;
    }
    std::thread::sleep(LOCK_POLL);
    true
}

/// The moment a writer that runs transaction after transaction (a batch) leaves between two,
/// so that another process waiting for the write lock takes it then ([`wait_for_lock`]).
pub const BETWEEN_GROUPS: Duration = Duration::from_millis(2);
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_connection_looks_every_millisecond_for_five_seconds() {
        let started = std::time::Instant::now();
        assert!(wait_for_lock(0));
        assert!(started.elapsed() >= LOCK_POLL);
        assert!(wait_for_lock(4_999));
        assert!(!wait_for_lock(5_000), "then it says the store is locked");
        assert!(!wait_for_lock(i32::MAX));
    }
}
