//! Writes of postings: reports, reversals, the exception queue, transfers and adjustments.
//! Every function here runs inside the caller's transaction ([`super::Store::write`]).

use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::orders::{add_line_progress, add_operation_progress};
use rusqlite::ToSql;

use super::{Dec, Result, Stamp, StoreError, insert_rows};
use crate::domain::backflush::{LineStatus, PlannedLine, ReportPlan};
use crate::domain::journal::{Account, AccountNames, Posting};
use crate::domain::qty::canonical;

/// The stored result of an earlier posting with this idempotency key.
///
/// # Errors
/// SQLite fails.
pub fn report_by_key(conn: &Connection, key: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, result FROM reports WHERE idem_key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

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
    pub kind: &'a str,
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
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(moves.len() * 12);
    for (m, q) in moves.iter().zip(&qtys) {
        values.extend_from_slice(&[
            &at as &dyn ToSql,
            &m.kind,
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
    kind: &str,
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
                kind,
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

/// Writes one balanced journal entry (its lines in one statement); nothing when `lines` is
/// empty.
///
/// # Errors
/// SQLite fails.
pub fn write_journal(
    conn: &Connection,
    stamp: &Stamp,
    kind: &str,
    report_id: Option<i64>,
    reverses: Option<i64>,
    lines: &[Posting],
    accounts: &AccountNames,
) -> Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let entry = next_journal_entry(conn)?;
    let seqs: Vec<i64> = (0..lines.len())
        .map(|i| i64::try_from(i).unwrap_or(i64::MAX))
        .collect();
    let amounts: Vec<(Dec, Dec)> = lines
        .iter()
        .map(|l| (Dec(l.debit), Dec(l.credit)))
        .collect();
    let names: Vec<&str> = lines.iter().map(|l| accounts.name(l.account)).collect();
    let at = stamp.at_text();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(lines.len() * 12);
    for (((l, (debit, credit)), name), seq) in lines.iter().zip(&amounts).zip(&names).zip(&seqs) {
        values.extend_from_slice(&[
            &entry as &dyn ToSql,
            seq,
            &at,
            &kind,
            &report_id,
            &reverses,
            &stamp.terminal,
            &stamp.user,
            name,
            debit,
            credit,
            &l.memo,
        ]);
    }
    insert_rows(
        conn,
        "INSERT INTO journal (entry_id, seq, at, kind, report_id, reverses, terminal, user, account, debit, credit, memo)",
        "",
        12,
        &values,
    )
}

fn next_journal_entry(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(entry_id), 0) + 1 FROM journal")?
        .query_row([], |r| r.get(0))?)
}

/// A deferred line put into the exception queue by a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Deferred {
    pub id: i64,
    pub line: String,
}

/// Posts a planned report: the report and its lines, labor, the order's progress, ledger
/// movements with balances, exceptions for deferred lines, and the journal. Returns the
/// report id and the exceptions it opened. Lines, movements and balances each go in one
/// statement, so a 20-line report costs a dozen round trips, not a hundred.
///
/// # Errors
/// SQLite fails.
#[allow(clippy::too_many_arguments)]
pub fn insert_report(
    conn: &Connection,
    report_id: i64,
    key: &str,
    plan: &ReportPlan,
    result: &str,
    (stamp, accounts): (&Stamp, &AccountNames),
    lines_stored: bool,
) -> Result<Vec<Deferred>> {
    conn.prepare_cached(
        "INSERT INTO reports (id, idem_key, order_id, operation, good, scrap, at, terminal, user, approver, result)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        report_id,
        key,
        plan.order,
        plan.operation,
        Dec(plan.good),
        Dec(plan.scrap),
        stamp.at_text(),
        stamp.terminal,
        stamp.user,
        stamp.approver,
        result
    ])?;
    add_operation_progress(conn, &plan.order, plan.operation, plan.good, plan.scrap, 0)?;
    insert_report_lines(conn, report_id, &plan.lines)?;
    // While the order's lines' progress is derived (no reversal yet) there is none to keep.
    if lines_stored {
        let progress: Vec<(&str, Decimal, i64)> = plan
            .lines
            .iter()
            .map(|l| (l.line.as_str(), l.planned, i64::from(l.carries_order_qty)))
            .collect();
        add_line_progress(conn, &plan.order, &progress)?;
    }

    let mut moves = Vec::new();
    let mut deferred = Vec::new();
    for line in &plan.lines {
        match line.status {
            LineStatus::Issue => moves.extend(line_movements(
                report_id,
                &line.line,
                &line.item,
                &line.location,
                line.qty,
                line.line_scrap,
                None,
                "backflush",
            )),
            LineStatus::Deferred => {
                deferred.push(open_exception(conn, stamp, report_id, &plan.order, line)?)
            }
            _ => {}
        }
    }
    if let Some(r) = &plan.receipt {
        moves.push(Movement {
            kind: "receipt",
            item: &r.item,
            location: &r.location,
            qty: r.qty,
            link: MovementRef {
                report_id: Some(report_id),
                reason: "finished goods receipt",
                ..MovementRef::default()
            },
        });
    }
    post_movements(conn, stamp, &moves)?;

    for l in &plan.labor {
        conn.prepare_cached(
            "INSERT INTO report_labor (report_id, operation, work_center, setup_hours, run_hours, labor_cost, overhead_cost, carried_setup)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            report_id,
            l.operation,
            l.work_center,
            Dec(l.setup_hours),
            Dec(l.run_hours),
            Dec(l.labor_cost),
            Dec(l.overhead_cost),
            l.carries_setup
        ])?;
        if l.carries_setup {
            add_operation_progress(
                conn,
                &plan.order,
                l.operation,
                Decimal::ZERO,
                Decimal::ZERO,
                1,
            )?;
        }
    }
    write_journal(
        conn,
        stamp,
        "report",
        Some(report_id),
        None,
        &plan.journal,
        accounts,
    )?;
    Ok(deferred)
}

fn insert_report_lines(conn: &Connection, report_id: i64, lines: &[PlannedLine]) -> Result<()> {
    let seqs: Vec<i64> = (0..lines.len())
        .map(|i| i64::try_from(i).unwrap_or(i64::MAX))
        .collect();
    let qtys: Vec<[Dec; 3]> = lines
        .iter()
        .map(|l| [Dec(l.planned), Dec(l.qty), Dec(l.line_scrap)])
        .collect();
    let statuses: Vec<&str> = lines.iter().map(|l| l.status.as_str()).collect();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(lines.len() * 11);
    for (((l, seq), q), status) in lines.iter().zip(&seqs).zip(&qtys).zip(&statuses) {
        values.extend_from_slice(&[
            &report_id as &dyn ToSql,
            &l.line,
            seq,
            &l.item,
            &l.location,
            &q[0],
            &q[1],
            &q[2],
            status,
            &l.overridden,
            &l.carries_order_qty,
        ]);
    }
    insert_rows(
        conn,
        "INSERT INTO report_lines (report_id, line, seq, item, location, planned, qty, line_scrap, status, overridden, carried)",
        "",
        11,
        &values,
    )
}

/// The ledger movements of one issued line: the issue and, on top, its component scrap.
#[allow(clippy::too_many_arguments)]
fn line_movements<'a>(
    report_id: i64,
    line: &'a str,
    item: &'a str,
    location: &'a str,
    qty: Decimal,
    line_scrap: Decimal,
    exception_id: Option<i64>,
    reason: &'a str,
) -> impl Iterator<Item = Movement<'a>> {
    let link = MovementRef {
        report_id: Some(report_id),
        line: Some(line),
        exception_id,
        reverses: None,
        reason,
    };
    [("issue", qty), ("component_scrap", line_scrap)]
        .into_iter()
        .filter(|(_, q)| !q.is_zero())
        .map(move |(kind, q)| Movement {
            kind,
            item,
            location,
            qty: -q,
            link: link.clone(),
        })
}

fn open_exception(
    conn: &Connection,
    stamp: &Stamp,
    report_id: i64,
    order: &str,
    line: &PlannedLine,
) -> Result<Deferred> {
    let id = conn
        .prepare_cached(
            "INSERT INTO exceptions (report_id, line, order_id, item, location, qty, shortfall, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8) RETURNING id",
        )?
        .query_row(
            params![
                report_id,
                line.line,
                order,
                line.item,
                line.location,
                Dec(line.total()),
                Dec(line.shortfall),
                stamp.at_text()
            ],
            |r| r.get(0),
        )?;
    Ok(Deferred {
        id,
        line: line.line.clone(),
    })
}

/// The order a report was posted for.
///
/// # Errors
/// SQLite fails.
pub fn report_order(conn: &Connection, report_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT order_id FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| r.get(0))
        .optional()?)
}

/// The id the next report gets; call inside the posting's IMMEDIATE transaction, which keeps
/// it from being taken by another terminal.
///
/// # Errors
/// SQLite fails.
pub fn next_report_id(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM reports")?
        .query_row([], |r| r.get(0))?)
}

/// A row of the exception queue.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionRow {
    pub id: i64,
    pub report_id: i64,
    pub line: String,
    pub order: String,
    pub item: String,
    pub location: String,
    pub qty: Decimal,
    pub shortfall: Decimal,
    pub status: String,
    pub created_at: String,
}

const EXCEPTION_COLUMNS: &str =
    "id, report_id, line, order_id, item, location, qty, shortfall, status, created_at";

fn exception_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExceptionRow> {
    Ok(ExceptionRow {
        id: r.get(0)?,
        report_id: r.get(1)?,
        line: r.get(2)?,
        order: r.get(3)?,
        item: r.get(4)?,
        location: r.get(5)?,
        qty: r.get::<_, Dec>(6)?.0,
        shortfall: r.get::<_, Dec>(7)?.0,
        status: r.get(8)?,
        created_at: r.get(9)?,
    })
}

/// Exceptions, oldest first; only open ones when `open_only`, only at `location` when given.
///
/// # Errors
/// SQLite fails.
pub fn exceptions(
    conn: &Connection,
    open_only: bool,
    location: Option<&str>,
) -> Result<Vec<ExceptionRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EXCEPTION_COLUMNS} FROM exceptions
         WHERE (?1 = 0 OR status = 'open') AND (?2 IS NULL OR location = ?2) ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(params![open_only, location], exception_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Retries open exceptions, oldest first: each posts whole if it fits in what is on hand at
/// that moment; one that does not fit stays open and does not hold back younger ones.
/// Returns the exceptions posted.
///
/// # Errors
/// SQLite fails.
pub fn retry_exceptions(
    conn: &Connection,
    location: Option<&str>,
    stamp: &Stamp,
    accounts: &AccountNames,
) -> Result<Vec<ExceptionRow>> {
    let mut posted = Vec::new();
    for mut ex in exceptions(conn, true, location)? {
        if balance(conn, &ex.item, &ex.location)? < ex.qty {
            continue;
        }
        let (qty, line_scrap): (Dec, Dec) = conn
            .prepare_cached(
                "SELECT qty, line_scrap FROM report_lines WHERE report_id = ?1 AND line = ?2",
            )?
            .query_row(params![ex.report_id, ex.line], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let moves: Vec<Movement<'_>> = line_movements(
            ex.report_id,
            &ex.line,
            &ex.item,
            &ex.location,
            qty.0,
            line_scrap.0,
            Some(ex.id),
            "deferred line posted from the exception queue",
        )
        .collect();
        post_movements(conn, stamp, &moves)?;
        let unit_cost = super::master::std_cost(conn, &ex.item)?;
        let mut journal = Vec::new();
        Posting::pair(
            &mut journal,
            Account::Wip,
            Account::RawMaterial,
            ex.qty * unit_cost,
            "deferred material issued",
        );
        write_journal(
            conn,
            stamp,
            "exception",
            Some(ex.report_id),
            None,
            &journal,
            accounts,
        )?;
        conn.prepare_cached(
            "UPDATE exceptions SET status = 'posted', closed_at = ?2 WHERE id = ?1",
        )?
        .execute(params![ex.id, stamp.at_text()])?;
        ex.status = "posted".into();
        posted.push(ex);
    }
    Ok(posted)
}

/// Marks an open exception cancelled.
///
/// # Errors
/// SQLite fails.
pub fn cancel_exception(conn: &Connection, id: i64, stamp: &Stamp) -> Result<()> {
    conn.prepare_cached(
        "UPDATE exceptions SET status = 'cancelled', closed_at = ?2 WHERE id = ?1 AND status = 'open'",
    )?
    .execute(params![id, stamp.at_text()])?;
    Ok(())
}

/// What a reversal posted.
#[derive(Debug, Clone, PartialEq)]
pub struct Reversal {
    pub report_id: i64,
    pub movements: Vec<(String, String, Decimal)>,
    pub cancelled_exceptions: Vec<i64>,
}

/// Reverses a posted report once: compensating movements, cancelled open exceptions, its
/// units and planned quantities out of the order's progress, its journal reversed.
///
/// # Errors
/// Unknown or already reversed report; SQLite fails.
pub fn reverse_report(
    conn: &Connection,
    report_id: i64,
    reason: &str,
    stamp: &Stamp,
) -> Result<Reversal> {
    let header: Option<(String, i64, Dec, Dec)> = conn
        .prepare_cached("SELECT order_id, operation, good, scrap FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((order, operation, good, scrap)) = header else {
        return Err(StoreError::Refused(format!(
            "report {report_id} does not exist"
        )));
    };
    if conn
        .prepare_cached("SELECT 1 FROM reversals WHERE report_id = ?1")?
        .exists([report_id])?
    {
        return Err(StoreError::Refused(format!(
            "report {report_id} is already reversed"
        )));
    }
    conn.prepare_cached("INSERT INTO reversals (report_id, reason, at, terminal, user, approver) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![report_id, reason, stamp.at_text(), stamp.terminal, stamp.user, stamp.approver])?;
    add_operation_progress(conn, &order, operation, -good.0, -scrap.0, 0)?;

    let lines: Vec<(String, Dec, bool)> = conn
        .prepare_cached("SELECT line, planned, carried FROM report_lines WHERE report_id = ?1")?
        .query_map([report_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let progress: Vec<(&str, Decimal, i64)> = lines
        .iter()
        .map(|(line, planned, carried)| (line.as_str(), -planned.0, -i64::from(*carried)))
        .collect();
    add_line_progress(conn, &order, &progress)?;
    let setups: Vec<i64> = conn
        .prepare_cached(
            "SELECT operation FROM report_labor WHERE report_id = ?1 AND carried_setup = 1",
        )?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for op in setups {
        add_operation_progress(conn, &order, op, Decimal::ZERO, Decimal::ZERO, -1)?;
    }

    let originals: Vec<(i64, String, String, String, Dec, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, kind, item, location, qty, line FROM movements
             WHERE report_id = ?1 AND reverses IS NULL ORDER BY id",
        )?
        .query_map([report_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut movements = Vec::new();
    let why = format!("reversal of report {report_id}: {reason}");
    for (id, kind, item, location, qty, line) in originals {
        let link = MovementRef {
            report_id: Some(report_id),
            line: line.as_deref(),
            exception_id: None,
            reverses: Some(id),
            reason: &why,
        };
        move_stock(
            conn,
            stamp,
            &format!("reverse_{kind}"),
            &item,
            &location,
            -qty.0,
            &link,
        )?;
        movements.push((item, location, -qty.0));
    }

    let cancelled: Vec<i64> = conn
        .prepare_cached("UPDATE exceptions SET status = 'cancelled', closed_at = ?2 WHERE report_id = ?1 AND status = 'open' RETURNING id")?
        .query_map(params![report_id, stamp.at_text()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;

    let entries: Vec<i64> = conn
        .prepare_cached(
            "SELECT DISTINCT entry_id FROM journal WHERE report_id = ?1 AND reverses IS NULL ORDER BY entry_id",
        )?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for entry in entries {
        let next = next_journal_entry(conn)?;
        conn.prepare_cached(
            "INSERT INTO journal (entry_id, seq, at, kind, report_id, reverses, terminal, user, account, debit, credit, memo)
             SELECT ?5, seq, ?2, 'reversal', report_id, entry_id, ?3, ?4, account, credit, debit, 'reversal: ' || memo
             FROM journal WHERE entry_id = ?1",
        )?
        .execute(params![entry, stamp.at_text(), stamp.terminal, stamp.user, next])?;
    }
    Ok(Reversal {
        report_id,
        movements,
        cancelled_exceptions: cancelled,
    })
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
    move_stock(conn, stamp, "transfer_out", item, from, -qty, &link)?;
    move_stock(conn, stamp, "transfer_in", item, to, qty, &link)?;
    let (a, b) = (accounts_of(from), accounts_of(to));
    if a != b {
        let cost = super::master::std_cost(conn, item)?;
        let mut journal = Vec::new();
        Posting::pair(&mut journal, b, a, qty * cost, "transfer");
        write_journal(conn, stamp, "transfer", None, None, &journal, accounts)?;
    }
    retry_exceptions(conn, Some(to), stamp, accounts)
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
    let id = move_stock(conn, stamp, "adjustment", item, location, diff, &link)?;
    let cost = super::master::std_cost(conn, item)?;
    let mut journal = Vec::new();
    Posting::pair(
        &mut journal,
        account,
        Account::InventoryAdjustment,
        diff * cost,
        "inventory adjustment",
    );
    write_journal(conn, stamp, "adjustment", None, None, &journal, accounts)?;
    Ok(Some(id))
}
