//! Idempotency keys of postings: what a key posted, so a retry returns the first
//! result and a different request under the same key is refused.

use rusqlite::{Connection, OptionalExtension, params};

use super::Result;

/// What a key was first used for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyUse {
    pub command: String,
    pub request: String,
    pub result: String,
}

/// The first use of `key`, if any.
///
/// # Errors
/// SQLite fails.
pub fn find(conn: &Connection, key: &str) -> Result<Option<KeyUse>> {
    Ok(conn
        .prepare_cached("SELECT command, request, result FROM request_keys WHERE idem_key = ?1")?
        .query_row([key], |r| {
            Ok(KeyUse {
                command: r.get(0)?,
                request: r.get(1)?,
                result: r.get(2)?,
            })
        })
        .optional()?)
}

/// Records the first use of `key` (inside the posting's transaction).
///
/// # Errors
/// SQLite fails, or the key is already recorded.
pub fn record(
    conn: &Connection,
    key: &str,
    command: &str,
    request: &str,
    result: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO request_keys (idem_key, command, request, result) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![key, command, request, result])?;
    Ok(())
}
