//! The plant's rules as stored: dotted key → JSON value text. What the keys mean is
//! the config module's business; the store keeps and hands back rows.

use rusqlite::{Connection, params};

use super::Result;

/// One stored rule: its dotted key and its JSON value text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: String,
    pub value: String,
}

/// Every stored key with its JSON value text.
///
/// # Errors
/// SQLite fails.
pub fn load(conn: &Connection) -> Result<Vec<Setting>> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings ORDER BY key")?;
    let rows = stmt.query_map([], |r| {
        Ok(Setting {
            key: r.get(0)?,
            value: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores each key's value (inside the import's transaction).
///
/// # Errors
/// SQLite fails.
pub fn save(conn: &Connection, rows: &[Setting]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?;
    for Setting { key, value } in rows {
        stmt.execute(params![key, value])?;
    }
    Ok(())
}
