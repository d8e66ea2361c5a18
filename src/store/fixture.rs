//! Bulk data for the built-in benchmark: a large plant written with set-based SQL so that a
//! store of 100,000 items and 1,000,000 ledger rows takes seconds to build, not minutes.

use rusqlite::{Connection, params};

use super::Result;

/// Items `C000000`… at standard cost 1.25 EA, and `count` ledger rows of +1 spread over
/// them at the storage location `ST`, with their balances.
///
/// # Errors
/// SQLite fails.
pub fn bulk_items_and_ledger(conn: &Connection, items: i64, ledger: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO locations (location, description, kind) VALUES ('ST', 'Stores', 'storage')",
        [],
    )?;
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)
         INSERT INTO items (item, description, uom, decimals, item_type, tracking, backflush, std_cost)
         SELECT printf('C%06d', i), 'bench component ' || i, 'EA', 0, 'stock', 'none', 1, '1.25' FROM n",
        params![items],
    )?;
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)
         INSERT INTO movements (at, kind, item, location, qty, terminal, user, reason)
         SELECT '2026-01-01T00:00:00Z', 'adjustment', printf('C%06d', i % ?2), 'ST', '1', 'bench', 'bench', 'bench fixture'
         FROM n",
        params![ledger, items],
    )?;
    conn.execute(
        "INSERT INTO balances (item, location, qty)
         SELECT item, location, CAST(count(*) AS TEXT) FROM movements WHERE reason = 'bench fixture'
         GROUP BY item, location",
        [],
    )?;
    Ok(())
}
