//! Bulk data for the built-in benchmark: a large plant written with set-based SQL so that a
//! store of 100,000 items and 1,000,000 ledger rows takes seconds to build, not minutes.

use crate::domain::ids::ReportId;
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::{Result, Stamp};

/// Items `C000000`… at standard cost 1.25 EA, and `count` ledger rows of +1 spread over
/// them at the storage location `ST`, with their balances. The rows are posted as opening
/// balances of 1,000 rows each, every one recorded through the real outbox (one `701` event a
/// row), so the bench exports events as the product writes them.
///
/// # Errors
/// SQLite fails.
pub fn bulk_items_and_ledger(conn: &Connection, items: i64, ledger: i64) -> Result<()> {
    const POSTING: i64 = 1_000;
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
    let at = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    let stamp = Stamp::new(at, "bench", "bench");
    let mut insert = conn.prepare(
        "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
         INSERT INTO movements (at, kind, item, location, qty, terminal, user, reason, source)
         SELECT ?4, 'adjustment', printf('C%06d', i % ?3), 'ST', '1', 'bench', 'bench', '', 'opening'
         FROM n",
    )?;
    let mut from = 0;
    while from < ledger {
        let to = (from + POSTING).min(ledger);
        insert.execute(params![from, to, items.max(1), stamp.at_text()])?;
        super::outbox::record(
            conn,
            &stamp,
            crate::domain::posting::PostingKind::Import,
            None,
        )?;
        from = to;
    }
    conn.execute(
        "INSERT INTO balances (item, location, qty)
         SELECT item, location, CAST(count(*) AS TEXT) FROM movements WHERE source = 'opening' AND terminal = 'bench'
         GROUP BY item, location",
        [],
    )?;
    Ok(())
}

/// Every row a posted report wrote, read back: the floor of the benchmark replays exactly
/// these rows as bare writes, so the ratio to it is the product's own overhead.
pub struct ReportRows {
    /// Per table with a `report_id` column: its columns and the report's rows.
    tables: Vec<(String, Vec<String>, Vec<Vec<Value>>)>,
    /// The balances the report's movements touched, with the quantity each holds.
    balances: Vec<BalanceRow>,
    /// The order and operation whose progress the report added to.
    progress: ProgressRow,
}

/// A balance as stored, read back to be written again as it was.
struct BalanceRow {
    location: Value,
    item: Value,
    qty: Value,
}

/// The operation of an order a report added to, as stored.
struct ProgressRow {
    order: Value,
    operation: Value,
}

/// Reads back what `report_id` wrote.
///
/// # Errors
/// SQLite fails.
pub fn capture_report_rows(conn: &Connection, report_id: ReportId) -> Result<ReportRows> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND c.name = 'report_id' ORDER BY m.name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::new();
    // The idempotency key's row too (`request_keys` is keyed by the key, not the report).
    for name in ["reports".to_string(), "request_keys".to_string()]
        .into_iter()
        .chain(names)
    {
        let filter = match name.as_str() {
            "reports" => "id = ?1",
            "request_keys" => "idem_key = (SELECT idem_key FROM reports WHERE id = ?1)",
            _ => "report_id = ?1",
        };
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\" WHERE {filter}"))?;
        let columns: Vec<String> = stmt
            .column_names()
            .iter()
            .map(|c| (*c).to_string())
            .collect();
        let rows = stmt
            .query_map([report_id], |r| {
                (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
            })?
            .collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
        if !rows.is_empty() {
            tables.push((name, columns, rows));
        }
    }
    // The balances as they stand: the floor writes them back unchanged, so what is posted
    // after it (the synchronous=full posts) finds the stock it had.
    let balances = conn
        .prepare(
            "SELECT m.location, m.item, b.qty FROM movements m
             JOIN balances b ON b.location = m.location AND b.item = m.item
             WHERE m.report_id = ?1",
        )?
        .query_map([report_id], |r| {
            Ok(BalanceRow {
                location: r.get(0)?,
                item: r.get(1)?,
                qty: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let progress = conn.query_row(
        "SELECT order_id, operation FROM reports WHERE id = ?1",
        [report_id],
        |r| {
            Ok(ProgressRow {
                order: r.get(0)?,
                operation: r.get(1)?,
            })
        },
    )?;
    Ok(ReportRows {
        tables,
        balances,
        progress,
    })
}

/// Writes the captured rows again as report `new_id`, with plain prepared INSERTs and
/// UPDATEs and nothing else (no reads, no plan): what SQLite alone costs for one report.
/// Keys that must stay unique get new values; the balances get their own quantity written
/// (their values as captured: the floor moves no stock).
///
/// # Errors
/// SQLite fails.
pub fn write_bare(conn: &Connection, rows: &ReportRows, new_id: i64) -> Result<()> {
    for (name, columns, data) in &rows.tables {
        let placeholders = vec!["?"; columns.len()].join(", ");
        let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let mut stmt = conn.prepare_cached(&format!(
            "INSERT INTO \"{name}\" ({}) VALUES ({placeholders})",
            quoted.join(", ")
        ))?;
        for (n, row) in data.iter().enumerate() {
            let values: Vec<Value> = columns
                .iter()
                .zip(row)
                .map(|(c, v)| match (name.as_str(), c.as_str()) {
                    ("reports", "id") | (_, "report_id") => Value::Integer(new_id),
                    (_, "idem_key") => Value::Text(format!("floor-{new_id}")),
                    (_, "id") | (_, "seq") if name != "journal" && name != "report_lines" => {
                        Value::Null
                    }
                    ("journal", "entry_id") => Value::Integer(
                        1_000_000_000 + new_id * 16 + i64::try_from(n / 64).unwrap_or(0),
                    ),
                    _ => v.clone(),
                })
                .collect();
            stmt.execute(rusqlite::params_from_iter(values))?;
        }
    }
    let mut update =
        conn.prepare_cached("UPDATE balances SET qty = ?3 WHERE location = ?1 AND item = ?2")?;
    for b in &rows.balances {
        update.execute(params![b.location, b.item, b.qty])?;
    }
    conn.prepare_cached(
        "UPDATE order_operations SET good = good WHERE order_id = ?1 AND operation = ?2",
    )?
    .execute(params![rows.progress.order, rows.progress.operation])?;
    Ok(())
}
