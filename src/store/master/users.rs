//! Users and their badges: PIN hashes, the places of PIN checks in progress, lock-outs, and
//! the demo store's mark.

use super::{Connection, Result, params};
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use crate::domain::lockout::{Count, PinRecord};

/// A user, with the PIN hash.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub badge: String,
    pub name: String,
    pub role: String,
    pub pin_hash: String,
    pub failed_pins: i64,
    pub locked_until: Option<String>,
    /// The language the terminal speaks to them (a catalog's tag); `None`: the terminal's.
    pub language: Option<String>,
}

/// Whether an upsert writes the user's language or keeps the stored one (an import whose
/// `users.csv` has no `language` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageColumn {
    Write,
    Keep,
}

/// Inserts or updates a user (the PIN arrives hashed).
///
/// # Errors
/// SQLite fails.
pub fn upsert_user(conn: &Connection, u: &User, language: LanguageColumn) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO users (badge, name, role, pin_hash, language) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (badge) DO UPDATE SET name = excluded.name, role = excluded.role,
           pin_hash = excluded.pin_hash, failed_pins = 0, locked_until = NULL,
           language = CASE WHEN ?6 THEN excluded.language ELSE users.language END",
    )?
    .execute(params![
        u.badge,
        u.name,
        u.role,
        u.pin_hash,
        u.language,
        language == LanguageColumn::Write
    ])?;
    Ok(())
}

/// One user.
///
/// # Errors
/// SQLite fails.
pub fn user(conn: &Connection, badge: &str) -> Result<Option<User>> {
    let mut stmt = conn.prepare_cached(
        "SELECT badge, name, role, pin_hash, failed_pins, locked_until, language
         FROM users WHERE badge = ?1",
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
                language: r.get(6)?,
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

fn stamp_micros(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A badge's PIN record at `now`: its wrong PINs in a row, its lock, and its checks in
/// progress whose places have not expired. A lock time that does not read as a time is no
/// lock.
///
/// # Errors
/// SQLite fails.
pub fn pin_record(conn: &Connection, badge: &str, now: DateTime<Utc>) -> Result<PinRecord> {
    let (failed, until): (i64, Option<String>) = conn
        .prepare_cached("SELECT failed_pins, locked_until FROM users WHERE badge = ?1")?
        .query_row([badge], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let in_flight: i64 = conn
        .prepare_cached("SELECT count(*) FROM pin_checks WHERE badge = ?1 AND expires > ?2")?
        .query_row(params![badge, stamp_micros(now)], |r| r.get(0))?;
    Ok(PinRecord {
        failed: u32::try_from(failed).unwrap_or(0),
        locked_until: until
            .as_deref()
            .and_then(|u| DateTime::parse_from_rfc3339(u).ok())
            .map(|u| u.with_timezone(&Utc)),
        in_flight: u32::try_from(in_flight).unwrap_or(u32::MAX),
    })
}

/// Takes a place for a PIN check of `badge` that is about to start, held until `expires` at
/// the latest; the badge's expired places go. Returns the place to give back.
///
/// # Errors
/// SQLite fails.
pub fn take_pin_place(
    conn: &Connection,
    badge: &str,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> Result<i64> {
    conn.prepare_cached("DELETE FROM pin_checks WHERE badge = ?1 AND expires <= ?2")?
        .execute(params![badge, stamp_micros(now)])?;
    Ok(conn
        .prepare_cached("INSERT INTO pin_checks (badge, expires) VALUES (?1, ?2) RETURNING id")?
        .query_row(params![badge, stamp_micros(expires)], |r| r.get(0))?)
}

/// Gives back the place of a PIN check that has ended (gone already if it expired).
///
/// # Errors
/// SQLite fails.
pub fn give_back_pin_place(conn: &Connection, place: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM pin_checks WHERE id = ?1")?
        .execute([place])?;
    Ok(())
}

/// Sets a badge's wrong PINs in a row and its lock.
///
/// # Errors
/// SQLite fails.
pub fn set_pin_count(conn: &Connection, badge: &str, count: &Count) -> Result<()> {
    conn.prepare_cached("UPDATE users SET failed_pins = ?2, locked_until = ?3 WHERE badge = ?1")?
        .execute(params![
            badge,
            i64::from(count.failed),
            count
                .locked_until
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        ])?;
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
