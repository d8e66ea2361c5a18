//! The ledger and its balances: append-only movements, each updating its balance in the same
//! statement group, and what postings read of the stock (balances, lots, a transfer's
//! source). Every function runs inside the caller's transaction ([`super::Store::write`]).
//! Balances and lot balances are written by the same few statements that append the
//! movements: splitting them would split one invariant.

use rusqlite::{Connection, OptionalExtension, ToSql, params};

use super::{Quantity, Result, Stamp, StoreError, StoreRefusal, TransferRefusal, insert_rows};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::lots::{Counted, LotPick, LotQty, take};
use crate::domain::master::Tracking;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::requests::Withdrawal;

/// The on-hand balance of an item at a location.
///
/// # Errors
/// SQLite fails.
pub fn balance(conn: &Connection, item: &str, location: &str) -> Result<Quantity> {
    Ok(conn
        .prepare_cached("SELECT qty FROM balances WHERE location = ?2 AND item = ?1")?
        .query_row(params![item, location], |r| r.get::<_, Quantity>(0))
        .optional()?
        .unwrap_or_default())
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
) -> Result<Vec<(String, Quantity)>> {
    // A join, not `IN (SELECT …)`: one key lookup per line, no temporary index to build
    // (CROSS JOIN keeps the order's lines the outer loop). A component on two lines comes
    // twice, with the same balance.
    let mut stmt = conn.prepare_cached(
        "SELECT b.item, b.qty FROM order_materials m
         CROSS JOIN balances b ON b.location = ?2 AND b.item = m.component
         WHERE m.order_id = ?1",
    )?;
    let rows = stmt
        .query_map(params![order, location], |r| {
            Ok((r.get(0)?, r.get::<_, Quantity>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What a movement is and what it links to.
#[derive(Debug, Clone, Default)]
pub struct MovementRef<'a> {
    pub report_id: Option<ReportId>,
    pub line: Option<&'a str>,
    pub exception_id: Option<ExceptionId>,
    pub reverses: Option<i64>,
    pub reason: &'a str,
    /// The order of a hand issue that has no report (`backflush issue`).
    pub order: Option<&'a str>,
    /// What posted it; every writer names one (the option only lets `Default` fill the rest).
    pub source: Option<Source>,
}

/// The first movement whose `reason` holds a code or the user's text (`''` for none); the
/// movements before it keep the words the program wrote then. A store that was never marked
/// has only worded rows (it cannot happen after the migrations ran, but it is the safe side).
///
/// # Errors
/// SQLite fails.
pub fn coded_reasons_from(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'coded_reasons_from'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or(i64::MAX))
}

/// A movement's reason as handed out: a row from before reasons were codes keeps its words
/// verbatim (`true`: worded); a later row has its code or the user's text, `None` for none.
#[must_use]
pub fn stored_reason(id: i64, text: &str, coded_from: i64) -> (Option<String>, bool) {
    if id < coded_from {
        (Some(text.to_string()), true)
    } else if text.is_empty() {
        (None, false)
    } else {
        (Some(text.to_string()), false)
    }
}

/// One ledger movement to append.
#[derive(Debug, Clone)]
pub struct Movement<'a> {
    pub kind: MovementKind,
    pub item: &'a str,
    pub location: &'a str,
    /// Signed: + into the location, − out of it.
    pub qty: Quantity,
    /// The lot of a lot- or serial-tracked item (`""` the unknown lot); `None` untracked.
    pub lot: Option<&'a str>,
    pub link: MovementRef<'a>,
}

const MOVEMENT_INSERT: &str = "INSERT INTO movements (at, kind, item, location, qty, report_id, line, exception_id, reverses, terminal, user, reason, lot, order_id, source)";
const WIDTH: usize = 15;

/// Appends movements and updates their balances: two statements however many lines.
///
/// # Errors
/// SQLite fails.
pub(super) fn post_movements(
    conn: &Connection,
    stamp: &Stamp,
    moves: &[Movement<'_>],
) -> Result<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let qtys: Vec<Quantity> = moves.iter().map(|m| m.qty).collect();
    let at = stamp.at_text();
    let kinds: Vec<&str> = moves.iter().map(|m| m.kind.as_str()).collect();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(moves.len() * WIDTH);
    for ((m, q), kind) in moves.iter().zip(&qtys).zip(&kinds) {
        debug_assert!(m.link.source.is_some(), "a movement without its source");
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
            &m.lot,
            &m.link.order,
            &m.link.source,
        ]);
    }
    insert_rows(conn, MOVEMENT_INSERT, "", WIDTH, &values)?;
    add_balances(conn, moves)?;
    add_lot_balances(conn, at, moves)
}

/// The sum of the movements of one item at one location (and one lot, for a lot balance).
struct BalanceSum<'a> {
    item: &'a str,
    location: &'a str,
    lot: &'a str,
    qty: Quantity,
}

/// Adds signed quantities to lot balances (tracked items only) in one upsert, and records
/// each lot's first entry into the store (kept for FIFO; a later entry keeps the first).
fn add_lot_balances(conn: &Connection, at: &str, moves: &[Movement<'_>]) -> Result<()> {
    let mut sums: Vec<BalanceSum<'_>> = Vec::new();
    for m in moves {
        let Some(lot) = m.lot else { continue };
        match sums
            .iter_mut()
            .find(|s| s.item == m.item && s.location == m.location && s.lot == lot)
        {
            Some(s) => s.qty += m.qty,
            None => sums.push(BalanceSum {
                item: m.item,
                location: m.location,
                lot,
                qty: m.qty,
            }),
        }
    }
    if sums.is_empty() {
        return Ok(());
    }
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(sums.len() * 4);
    for s in &sums {
        values.extend_from_slice(&[&s.item as &dyn ToSql, &s.location, &s.lot, &s.qty]);
    }
    insert_rows(
        conn,
        "INSERT INTO lot_balances (item, location, lot, qty)",
        "ON CONFLICT (location, item, lot) DO UPDATE SET qty = dec_add(qty, excluded.qty)",
        4,
        &values,
    )?;
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(sums.len() * 3);
    for s in &sums {
        values.extend_from_slice(&[&s.item as &dyn ToSql, &s.lot, &at]);
    }
    insert_rows(
        conn,
        "INSERT INTO lots (item, lot, first_at)",
        "ON CONFLICT (item, lot) DO NOTHING",
        3,
        &values,
    )
}

/// Sets a lot's expiry (`stock.csv`'s `expires`), creating the lot's record if it is new.
///
/// # Errors
/// SQLite fails.
pub fn set_lot_expiry(
    conn: &Connection,
    item: &str,
    lot: &str,
    expires: Option<&str>,
    at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO lots (item, lot, expires, first_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (item, lot) DO UPDATE SET expires = excluded.expires",
    )?
    .execute(params![item, lot, expires, at])?;
    Ok(())
}

/// The balance of one lot of an item at a location.
///
/// # Errors
/// SQLite fails.
pub fn lot_balance(conn: &Connection, item: &str, location: &str, lot: &str) -> Result<Quantity> {
    Ok(conn
        .prepare_cached(
            "SELECT qty FROM lot_balances WHERE location = ?2 AND item = ?1 AND lot = ?3",
        )?
        .query_row(params![item, location, lot], |r| r.get::<_, Quantity>(0))
        .optional()?
        .unwrap_or_default())
}

/// The lots of an item at a location with a non-zero balance, with their expiry and first
/// entry: what a pick order ranks.
///
/// # Errors
/// SQLite fails.
pub fn lots_at(conn: &Connection, item: &str, location: &str) -> Result<Vec<LotStock>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.lot, b.qty, l.expires, COALESCE(l.first_at, '')
         FROM lot_balances b LEFT JOIN lots l ON l.item = b.item AND l.lot = b.lot
         WHERE b.location = ?2 AND b.item = ?1",
    )?;
    let rows = stmt
        .query_map(params![item, location], |r| {
            Ok(LotStock {
                lot: r.get(0)?,
                qty: r.get(1)?,
                expires: r.get(2)?,
                first_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter(|l| !l.qty.is_zero()).collect())
}

/// What the store knows of a lot: its expiry and when it first came in; `None` for a lot
/// new to the store.
///
/// # Errors
/// SQLite fails.
pub fn lot_entry(
    conn: &Connection,
    item: &str,
    lot: &str,
) -> Result<Option<(Option<String>, String)>> {
    Ok(conn
        .prepare_cached("SELECT expires, first_at FROM lots WHERE item = ?1 AND lot = ?2")?
        .query_row(params![item, lot], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The lots with a non-zero balance at `location` of every lot- or serial-tracked component
/// of `order`, by item: [`lots_at`] for a whole report's lines in one query.
///
/// # Errors
/// SQLite fails.
pub fn lots_for_order(
    conn: &Connection,
    order: &str,
    location: &str,
) -> Result<Vec<(String, LotStock)>> {
    // The order's lines drive (CROSS JOIN keeps them the outer loop: one key range of the
    // lot balances per line, whatever the planner would guess); a component on two lines is
    // kept once.
    let mut stmt = conn.prepare_cached(
        "SELECT b.item, b.lot, b.qty, l.expires, COALESCE(l.first_at, '')
         FROM order_materials m
         CROSS JOIN lot_balances b ON b.location = ?2 AND b.item = m.component
         LEFT JOIN lots l ON l.item = b.item AND l.lot = b.lot
         WHERE m.order_id = ?1
         ORDER BY b.item, b.lot",
    )?;
    let rows = stmt
        .query_map(params![order, location], |r| {
            Ok((
                r.get(0)?,
                LotStock {
                    lot: r.get(1)?,
                    qty: r.get(2)?,
                    expires: r.get(3)?,
                    first_at: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<(String, LotStock)>>>()?;
    let mut rows: Vec<(String, LotStock)> =
        rows.into_iter().filter(|(_, l)| !l.qty.is_zero()).collect();
    // Sorted by item and lot: a component on two lines gives its lots twice, side by side.
    rows.dedup_by(|a, b| a.0 == b.0 && a.1.lot == b.1.lot);
    Ok(rows)
}

pub use crate::domain::lots::LotStock;

/// Whether a serial of an item is in stock anywhere or was ever issued to an order (a
/// serial whose receipt was reversed is neither, and may be received again).
///
/// # Errors
/// SQLite fails.
pub fn serial_known(conn: &Connection, item: &str, serial: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM lot_balances WHERE item = ?1 AND lot = ?2 AND qty NOT IN ('0', '-0'))
                 OR EXISTS (SELECT 1 FROM movements WHERE item = ?1 AND lot = ?2
                            AND kind IN ('issue', 'component_scrap', 'manual_issue', 'substitution_issue', 'lead_scrap'))",
        )?
        .query_row(params![item, serial], |r| r.get(0))?)
}

/// Adds signed quantities to balances in one upsert (summed per item and location first).
fn add_balances(conn: &Connection, moves: &[Movement<'_>]) -> Result<()> {
    let mut sums: Vec<BalanceSum<'_>> = Vec::new();
    for m in moves {
        match sums
            .iter_mut()
            .find(|s| s.item == m.item && s.location == m.location)
        {
            Some(s) => s.qty += m.qty,
            None => sums.push(BalanceSum {
                item: m.item,
                location: m.location,
                lot: "",
                qty: m.qty,
            }),
        }
    }
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(sums.len() * 3);
    for s in &sums {
        values.extend_from_slice(&[&s.item as &dyn ToSql, &s.location, &s.qty]);
    }
    insert_rows(
        conn,
        "INSERT INTO balances (item, location, qty)",
        "ON CONFLICT (location, item) DO UPDATE SET qty = dec_add(qty, excluded.qty)",
        3,
        &values,
    )
}

/// The lots a transfer of `qty` of `item` takes out of `from`: the lots `named`, else in pick
/// order (an expired lot never chosen automatically); none for an untracked item. Refused
/// when `from` holds less than `qty`.
///
/// # Errors
/// Not enough stock at `from`, a named lot that does not hold its quantity; SQLite fails.
pub fn transfer_source(
    conn: &Connection,
    taken: &Withdrawal<'_>,
    pick: LotPick,
) -> Result<Vec<LotQty>> {
    let on_hand = balance(conn, taken.item, taken.from)?;
    if on_hand < taken.qty {
        return Err(transfer_refused(taken, TransferRefusal::Short { on_hand }));
    }
    transfer_lots(conn, taken, pick)
}

/// The refusal of a transfer of `taken`.
fn transfer_refused(taken: &Withdrawal<'_>, why: TransferRefusal) -> StoreError {
    StoreRefusal::Transfer {
        item: taken.item.clone(),
        qty: taken.qty,
        from: taken.from.clone(),
        why,
    }
    .into()
}

/// The lots a transfer of a tracked item takes from `from`: the ones named, else in pick
/// order; none for an untracked item (which takes no `--lot`).
fn transfer_lots(conn: &Connection, taken: &Withdrawal<'_>, pick: LotPick) -> Result<Vec<LotQty>> {
    let master = super::master::item(conn, taken.item)?;
    let tracking = master.as_ref().map_or(Tracking::None, |i| i.tracking);
    let decimals = master.as_ref().map_or(0, |i| i.decimals);
    if tracking == Tracking::None {
        return match taken.named {
            Some(_) => Err(transfer_refused(taken, TransferRefusal::Untracked)),
            None => Ok(Vec::new()),
        };
    }
    let at = lots_at(conn, taken.item, taken.from)?;
    take(
        &at,
        taken.qty,
        taken.named,
        Counted { tracking, decimals },
        pick,
    )
    .map_err(|e| transfer_refused(taken, TransferRefusal::Lots(e)))
}
