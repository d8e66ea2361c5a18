//! The figures of machine-location health, read in a few set-based queries: the
//! window's movements by kind, the counts with their adjustments, open exceptions and
//! balances. The percentages and flags are the domain's (`domain::health`).

use std::collections::{BTreeMap, HashSet};

use rusqlite::{Connection, params};

use super::{Quantity, Result};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::health::Usage;
use crate::domain::movement::{MovementKind, UsageClass};

/// The usage of every item that had stock, movements or counts at `locations` since `since`
/// (RFC 3339, as movements record their time), by location and item.
///
/// # Errors
/// SQLite fails.
pub fn usage(conn: &Connection, locations: &[String], since: &str) -> Result<Rows> {
    let wanted: HashSet<&str> = locations.iter().map(String::as_str).collect();
    let mut rows = Rows::new();
    add_used(conn, since, &wanted, &mut rows)?;
    add_counts(conn, since, &wanted, &mut rows)?;
    add_open_exceptions(conn, &wanted, &mut rows)?;
    add_on_hand(conn, locations, &mut rows)?;
    Ok(rows)
}

/// Each item's usage at a machine location, by location and item.
pub type Rows = BTreeMap<(LocationCode, ItemCode), Usage>;

/// Material used in the window, by reports and by hand.
fn add_used(conn: &Connection, since: &str, wanted: &HashSet<&str>, rows: &mut Rows) -> Result<()> {
    // Movements of the window: material used, by reports and by hand (issues are negative
    // in the ledger, so used = −qty).
    // A report's manual line (issued by hand with the report) is an issue by hand.
    let mut stmt = conn.prepare_cached(
        "SELECT m.location, m.item, m.kind, m.qty, rl.status = 'manual'
         FROM movements m
         LEFT JOIN report_lines rl ON rl.report_id = m.report_id AND rl.line = m.line
         WHERE m.at >= ?1",
    )?;
    let moves = stmt.query_map([since], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Quantity>(3)?,
            r.get::<_, Option<bool>>(4)?.unwrap_or(false),
        ))
    })?;
    for m in moves {
        let (location, item, kind, qty, manual_line) = m?;
        if !wanted.contains(location.as_str()) {
            continue;
        }
        let class = MovementKind::parse(&kind)
            .and_then(MovementKind::usage_class)
            .map(|c| if manual_line { UsageClass::ByHand } else { c });
        let u = rows.entry((location.into(), item.into())).or_default();
        match class {
            Some(UsageClass::Backflushed) => u.backflushed -= qty,
            Some(UsageClass::ByHand) => u.issued_by_hand -= qty,
            None => {}
        }
    }
    Ok(())
}

/// The window's cycle counts and what they adjusted.
fn add_counts(
    conn: &Connection,
    since: &str,
    wanted: &HashSet<&str>,
    rows: &mut Rows,
) -> Result<()> {
    // Cycle counts of the window, with the adjustment each posted (none: it was accurate).
    let mut stmt = conn.prepare_cached(
        "SELECT c.location, c.item, c.movement_id IS NULL, m.qty
         FROM cycle_counts c LEFT JOIN movements m ON m.id = c.movement_id
         WHERE c.at >= ?1",
    )?;
    let counts = stmt.query_map([since], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
            r.get::<_, Option<Quantity>>(3)?,
        ))
    })?;
    for c in counts {
        let (location, item, accurate, qty) = c?;
        if !wanted.contains(location.as_str()) {
            continue;
        }
        let u = rows.entry((location.into(), item.into())).or_default();
        u.counts += 1;
        u.accurate_counts += i64::from(accurate);
        u.count_adjusted += qty.unwrap_or_default();
    }
    Ok(())
}

/// The cycle counts of `item` at `location` since `since` that found the book quantity (no
/// adjustment), and all of them: health's `accurate_counts` and `counts` of one row.
///
/// # Errors
/// SQLite fails.
pub fn counts(conn: &Connection, location: &str, item: &str, since: &str) -> Result<(i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE movement_id IS NULL), count(*) FROM cycle_counts
             WHERE location = ?1 AND item = ?2 AND at >= ?3",
        )?
        .query_row(params![location, item, since], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?)
}

/// How many exceptions wait at each location and item.
fn add_open_exceptions(conn: &Connection, wanted: &HashSet<&str>, rows: &mut Rows) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT location, item, count(*) FROM exceptions WHERE status = 'open' GROUP BY 1, 2",
    )?;
    let open = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for o in open {
        let (location, item, n) = o?;
        if wanted.contains(location.as_str()) {
            rows.entry((location.into(), item.into()))
                .or_default()
                .open_exceptions = n;
        }
    }
    Ok(())
}

/// What is on hand now (every item with a balance or a row already).
fn add_on_hand(conn: &Connection, locations: &[String], rows: &mut Rows) -> Result<()> {
    for location in locations {
        let mut stmt = conn.prepare_cached("SELECT item, qty FROM balances WHERE location = ?1")?;
        let balances = stmt.query_map(params![location], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Quantity>(1)?))
        })?;
        for b in balances {
            let (item, qty) = b?;
            if !qty.is_zero() || rows.contains_key(&(location.clone().into(), item.clone().into()))
            {
                rows.entry((location.clone().into(), item.into()))
                    .or_default()
                    .on_hand = qty;
            }
        }
    }
    Ok(())
}

/// The machine locations, by code.
///
/// # Errors
/// SQLite fails.
pub fn machine_locations(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT location FROM locations WHERE kind = 'machine' ORDER BY location")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
