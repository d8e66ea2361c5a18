//! The stored codes that a code typed in another case may mean.

use rusqlite::{Connection, params};

use super::Result;

/// Which stored codes a typed code is looked up among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Item,
    Location,
    WorkCenter,
    Order,
    /// Lot and serial names, of every item.
    Lot,
}

/// Whether `typed` is stored as it is: one look-up by the key, where the comparison without
/// regard to case has to read every code of its kind.
///
/// # Errors
/// SQLite fails.
pub fn stored_as_typed(conn: &Connection, kind: CodeKind, typed: &str) -> Result<bool> {
    let sql = match kind {
        CodeKind::Item => "SELECT 1 FROM items WHERE item = ?1",
        CodeKind::Location => "SELECT 1 FROM locations WHERE location = ?1",
        CodeKind::WorkCenter => "SELECT 1 FROM work_centers WHERE work_center = ?1",
        CodeKind::Order => "SELECT 1 FROM orders WHERE order_id = ?1",
        CodeKind::Lot => "SELECT 1 FROM lots WHERE lot = ?1 LIMIT 1",
    };
    Ok(conn.prepare_cached(sql)?.exists(params![typed])?)
}

/// The stored codes of `kind` equal to `typed` without regard to ASCII case, each spelling
/// once, at most `limit`.
///
/// # Errors
/// SQLite fails.
pub fn any_case(conn: &Connection, kind: CodeKind, typed: &str, limit: i64) -> Result<Vec<String>> {
    let sql = match kind {
        CodeKind::Item => {
            "SELECT item FROM items WHERE item = ?1 COLLATE NOCASE ORDER BY item LIMIT ?2"
        }
        CodeKind::Location => {
            "SELECT location FROM locations WHERE location = ?1 COLLATE NOCASE ORDER BY location LIMIT ?2"
        }
        CodeKind::WorkCenter => {
            "SELECT work_center FROM work_centers WHERE work_center = ?1 COLLATE NOCASE ORDER BY work_center LIMIT ?2"
        }
        CodeKind::Order => {
            "SELECT order_id FROM orders WHERE order_id = ?1 COLLATE NOCASE ORDER BY order_id LIMIT ?2"
        }
        CodeKind::Lot => {
            "SELECT DISTINCT lot FROM lots WHERE lot = ?1 COLLATE NOCASE ORDER BY lot LIMIT ?2"
        }
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_map(params![typed, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
