//! The ledger and its balances: append-only movements, each updating its balance in the same
//! statement group, and the movements that are not reports (transfers, adjustments). Every
//! function runs inside the caller's transaction ([`super::Store::write`]).

use rusqlite::{Connection, OptionalExtension, ToSql, params};
use rust_decimal::Decimal;

use super::exceptions::{ExceptionRow, retry_exceptions};
use super::journal::write_journal;
use super::{Dec, Result, Stamp, StoreError, insert_rows};
use crate::domain::journal::{self, Account, AccountNames};
use crate::domain::movement::MovementKind;
use crate::domain::qty::canonical;

/// The on-hand balance of an item at a location.
///
/// # Errors
/// SQLite fails.
pub fn balance(conn: &Connection, item: &str, location: &str) -> Result<Decimal> {
    Ok(conn
        .prepare_cached("SELECT qty FROM balances WHERE location = ?2 AND item = ?1")?
        .query_row(params![item, location], |r| r.get::<_, Dec>(0))
        .optional()?
        .unwrap_or_default()
        .0)
}

/// The balances at `location` of the components of `order` (absent = none on hand): one
/// query for a whole report's lines.
///
/// # Errors
/// SQLite fails.
pub fn balances_for_order(
    conn: &Connection,
    order: &str,
    location: &str,
) -> Result<Vec<(String, Decimal)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item, qty FROM balances
         WHERE location = ?2 AND item IN (SELECT component FROM order_materials WHERE order_id = ?1)",
    )?;
    let rows = stmt
        .query_map(params![order, location], |r| {
            Ok((r.get(0)?, r.get::<_, Dec>(1)?.0))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What a movement is and what it links to.
#[derive(Debug, Clone, Default)]
pub struct MovementRef<'a> {
    pub report_id: Option<i64>,
    pub line: Option<&'a str>,
    pub exception_id: Option<i64>,
    pub reverses: Option<i64>,
    pub reason: &'a str,
}

/// One ledger movement to append.
#[derive(Debug, Clone)]
pub struct Movement<'a> {
    pub kind: MovementKind,
    pub item: &'a str,
    pub location: &'a str,
    /// Signed: + into the location, − out of it.
    pub qty: Decimal,
    pub link: MovementRef<'a>,
}

const MOVEMENT_INSERT: &str = "INSERT INTO movements (at, kind, item, location, qty, report_id, line, exception_id, reverses, terminal, user, reason)";

/// Appends movements and updates their balances: two statements however many lines.
///
/// # Errors
/// SQLite fails.
pub fn post_movements(conn: &Connection, stamp: &Stamp, moves: &[Movement<'_>]) -> Result<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let qtys: Vec<Dec> = moves.iter().map(|m| Dec(m.qty)).collect();
    let at = stamp.at_text();
    let kinds: Vec<&str> = moves.iter().map(|m| m.kind.as_str()).collect();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(moves.len() * 12);
    for ((m, q), kind) in moves.iter().zip(&qtys).zip(&kinds) {
        values.extend_from_slice(&[
            &at as &dyn ToSql,
            kind,
            &m.item,
            &m.location,
            q,
            &m.link.report_id,
            &m.link.line,
            &m.link.exception_id,
            &m.link.reverses,
            &stamp.terminal,
            &stamp.user,
            &m.link.reason,
        ]);
    }
    insert_rows(conn, MOVEMENT_INSERT, "", 12, &values)?;
    add_balances(conn, moves.iter().map(|m| (m.item, m.location, m.qty)))
}

/// Adds signed quantities to balances in one upsert (summed per item and location first).
fn add_balances<'a>(
    conn: &Connection,
    deltas: impl Iterator<Item = (&'a str, &'a str, Decimal)>,
) -> Result<()> {
    let mut sums: Vec<(&str, &str, Dec)> = Vec::new();
    for (item, location, qty) in deltas {
        match sums.iter_mut().find(|s| s.0 == item && s.1 == location) {
            Some(s) => s.2.0 += qty,
            None => sums.push((item, location, Dec(qty))),
        }
    }
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(sums.len() * 3);
    for (item, location, qty) in &sums {
        values.extend_from_slice(&[item as &dyn ToSql, location, qty]);
    }
    insert_rows(
        conn,
        "INSERT INTO balances (item, location, qty)",
        "ON CONFLICT (location, item) DO UPDATE SET qty = dec_add(qty, excluded.qty)",
        3,
        &values,
    )
}

/// Appends one ledger movement (signed `qty`), updates its balance, and returns its id.
///
/// # Errors
/// SQLite fails.
pub fn move_stock(
    conn: &Connection,
    stamp: &Stamp,
    kind: MovementKind,
    item: &str,
    location: &str,
    qty: Decimal,
    link: &MovementRef<'_>,
) -> Result<i64> {
    let id = conn
        .prepare_cached(&format!(
            "{MOVEMENT_INSERT} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id"
        ))?
        .query_row(
            params![
                stamp.at_text(),
                kind.as_str(),
                item,
                location,
                Dec(qty),
                link.report_id,
                link.line,
                link.exception_id,
                link.reverses,
                stamp.terminal,
                stamp.user,
                link.reason
            ],
            |r| r.get(0),
        )?;
    add_balances(conn, std::iter::once((item, location, qty)))?;
    Ok(id)
}

/// Moves stock between locations; refused if `from` would go negative. Retries the open
/// exceptions of `to` afterwards.
///
/// # Errors
/// Not enough stock at `from`; SQLite fails.
#[allow(clippy::too_many_arguments)]
pub fn transfer(
    conn: &Connection,
    item: &str,
    qty: Decimal,
    from: &str,
    to: &str,
    stamp: &Stamp,
    accounts: &AccountNames,
    accounts_of: &dyn Fn(&str) -> Account,
) -> Result<Vec<ExceptionRow>> {
    let on_hand = balance(conn, item, from)?;
    if on_hand < qty {
        return Err(StoreError::Refused(format!(
            "transfer of {} {item} from {from} refused: only {} on hand there",
            canonical(qty),
            canonical(on_hand)
        )));
    }
    let reason = format!("transfer {from} → {to}");
    let link = MovementRef {
        reason: &reason,
        ..MovementRef::default()
    };
    move_stock(
        conn,
        stamp,
        MovementKind::TransferOut,
        item,
        from,
        -qty,
        &link,
    )?;
    move_stock(conn, stamp, MovementKind::TransferIn, item, to, qty, &link)?;
    let cost = super::master::std_cost(conn, item)?;
    let journal = journal::transfer(accounts_of(from), accounts_of(to), qty * cost);
    write_journal(conn, stamp, "transfer", None, None, &journal, accounts)?;
    // The deferred lines the transfer lets post are part of its posting.
    let posted = retry_exceptions(conn, Some(to), stamp, accounts)?;
    super::outbox::record(conn, stamp, super::outbox::Posting::Transfer)?;
    Ok(posted)
}

/// Sets a balance to `qty` by an adjustment movement for the difference (opening stock, a
/// re-imported balance, a cycle count). Returns the movement id, if any.
///
/// # Errors
/// SQLite fails.
#[allow(clippy::too_many_arguments)]
pub fn adjust_to(
    conn: &Connection,
    item: &str,
    location: &str,
    qty: Decimal,
    reason: &str,
    stamp: &Stamp,
    accounts: &AccountNames,
    account: Account,
) -> Result<Option<i64>> {
    let diff = qty - balance(conn, item, location)?;
    if diff.is_zero() {
        return Ok(None);
    }
    let link = MovementRef {
        reason,
        ..MovementRef::default()
    };
    let id = move_stock(
        conn,
        stamp,
        MovementKind::Adjustment,
        item,
        location,
        diff,
        &link,
    )?;
    let cost = super::master::std_cost(conn, item)?;
    let journal = journal::adjustment(account, diff * cost);
    write_journal(conn, stamp, "adjustment", None, None, &journal, accounts)?;
    Ok(Some(id))
}
