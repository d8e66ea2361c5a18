//! Users and their badges (SPEC §6): PIN hashes, the attempts counted before a PIN is
//! checked, lock-outs, and the demo store's mark.

use super::*;

/// A user of §6, with the PIN hash.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub badge: String,
    pub name: String,
    pub role: String,
    pub pin_hash: String,
    pub failed_pins: i64,
    pub locked_until: Option<String>,
}

/// Inserts or updates a user (the PIN arrives hashed).
///
/// # Errors
/// SQLite fails.
pub fn upsert_user(conn: &Connection, u: &User) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO users (badge, name, role, pin_hash) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (badge) DO UPDATE SET name = excluded.name, role = excluded.role,
           pin_hash = excluded.pin_hash, failed_pins = 0, locked_until = NULL",
    )?
    .execute(params![u.badge, u.name, u.role, u.pin_hash])?;
    Ok(())
}

/// One user.
///
/// # Errors
/// SQLite fails.
pub fn user(conn: &Connection, badge: &str) -> Result<Option<User>> {
    let mut stmt = conn.prepare_cached(
        "SELECT badge, name, role, pin_hash, failed_pins, locked_until FROM users WHERE badge = ?1",
    )?;
    Ok(stmt
        .query_row([badge], |r| {
            Ok(User {
                badge: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                pin_hash: r.get(3)?,
                failed_pins: r.get(4)?,
                locked_until: r.get(5)?,
            })
        })
        .optional()?)
}

/// How many users exist (none = the terminal runs open).
///
/// # Errors
/// SQLite fails.
pub fn user_count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM users LIMIT 1)")?
        .query_row([], |r| r.get(0))?)
}

/// What counting a PIN attempt found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinAttempt {
    /// The badge is locked until this time (RFC 3339); nothing was counted.
    Locked(String),
    /// The attempt is counted: `failed` attempts in a row now, and the lock this attempt set
    /// when it reached the limit.
    Counted { failed: i64, locks: Option<String> },
}

fn stamp_secs(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A badge's wrong PINs in a row, its lock, and whether the lock still holds at `now`.
fn pin_state(
    conn: &Connection,
    badge: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(i64, Option<String>, bool)> {
    let (failed, until): (i64, Option<String>) = conn
        .prepare_cached("SELECT failed_pins, locked_until FROM users WHERE badge = ?1")?
        .query_row([badge], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let still_locked = until
        .as_deref()
        .and_then(|u| chrono::DateTime::parse_from_rfc3339(u).ok())
        .is_some_and(|u| u > now);
    Ok((failed, until, still_locked))
}

/// Counts a PIN attempt before the PIN is checked (SPEC §6): a badge still locked is
/// refused uncounted; else `failed_pins` goes up by one and, on reaching `limit`, the badge is
/// locked for `minutes`. Call it inside a write transaction so parallel attempts count one by
/// one.
///
/// # Errors
/// SQLite fails.
pub fn count_pin_attempt(
    conn: &Connection,
    badge: &str,
    now: chrono::DateTime<chrono::Utc>,
    limit: u32,
    minutes: u32,
) -> Result<PinAttempt> {
    let (failed, until, still_locked) = pin_state(conn, badge, now)?;
    if let (true, Some(until)) = (still_locked, until.clone()) {
        return Ok(PinAttempt::Locked(until));
    }
    // A lock that has run out starts the count again.
    let failed = if until.is_some() { 1 } else { failed + 1 };
    let locks = (failed >= i64::from(limit))
        .then(|| stamp_secs(now + chrono::Duration::minutes(i64::from(minutes))));
    conn.prepare_cached("UPDATE users SET failed_pins = ?2, locked_until = ?3 WHERE badge = ?1")?
        .execute(params![badge, failed, locks])?;
    Ok(PinAttempt::Counted { failed, locks })
}

/// A right PIN: resets the count, and lifts the lock this attempt set (`own_lock`) or one
/// that has run out — never a lock that parallel wrong attempts set meanwhile.
///
/// # Errors
/// SQLite fails.
pub fn reset_pin_attempts(
    conn: &Connection,
    badge: &str,
    own_lock: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let (_, until, still_locked) = pin_state(conn, badge, now)?;
    if still_locked && until.as_deref() != own_lock {
        return Ok(());
    }
    conn.prepare_cached("UPDATE users SET failed_pins = 0, locked_until = NULL WHERE badge = ?1")?
        .execute([badge])?;
    Ok(())
}

/// An admin's unlock: the count and the lock are cleared.
///
/// # Errors
/// SQLite fails.
pub fn clear_pin_lock(conn: &Connection, badge: &str) -> Result<()> {
    conn.prepare_cached("UPDATE users SET failed_pins = 0, locked_until = NULL WHERE badge = ?1")?
        .execute([badge])?;
    Ok(())
}

/// Marks the store as a demo store (`backflush demo`): only there does the login screen show
/// the demo's badges and PINs.
///
/// # Errors
/// SQLite fails.
pub fn mark_demo(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('demo', 1) ON CONFLICT (key) DO UPDATE SET value = 1",
        [],
    )?;
    Ok(())
}

/// The store is no demo store any more (an import brought its own users): the login stops
/// listing the demo's badges and PINs.
///
/// # Errors
/// SQLite fails.
pub fn clear_demo(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM meta WHERE key = 'demo'")?
        .execute([])?;
    Ok(())
}

/// Whether the store is a demo store.
///
/// # Errors
/// SQLite fails.
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'demo'")?
        .query_row([], |r| r.get::<_, i64>(0))
        .optional()?
        == Some(1))
}
