//! Reports: the posting of a planned report (its lines, labor, progress, movements,
//! exceptions and journal) and its reversal by a plan of the engine.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, ToSql, params};
use rust_decimal::Decimal;

use super::exceptions::open_exception;
use super::journal::{reverse_entries, write_journal};
use super::ledger::{Movement, MovementRef, post_movements};
use super::orders::{add_line_progress, add_operation_progress};
use super::{Dec, Result, Stamp, StoreError, insert_rows};
use crate::domain::backflush::{LineStatus, PlannedLine, ReportPlan};
use crate::domain::journal::AccountNames;
use crate::domain::lots::{LotQty, split_lots};
use crate::domain::movement::MovementKind;
use crate::domain::qty::canonical;
use crate::domain::reversal::{LotGone, PostedMovement, PostedProgress, plan_reversal};

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
    reasons: &BTreeMap<String, String>,
) -> Result<Vec<Deferred>> {
    insert_header(conn, (report_id, key), plan, result, stamp)?;
    add_operation_progress(conn, &plan.order, plan.operation, plan.good, plan.scrap, 0)?;
    insert_report_lines(conn, report_id, &plan.lines, reasons)?;
    // While the order's lines' progress is derived (no reversal yet) there is none to keep.
    if lines_stored {
        let progress: Vec<(&str, Decimal, i64)> = plan
            .lines
            .iter()
            .map(|l| (l.line.as_str(), l.planned, i64::from(l.carries_order_qty)))
            .collect();
        add_line_progress(conn, &plan.order, &progress)?;
    }
    let deferred = defer_and_record_non_stock(conn, report_id, plan, stamp)?;
    // Each lot of a tracked line is its own movement: the issue takes the lots first, the
    // component scrap the rest.
    let split: Vec<(Vec<LotQty>, Vec<LotQty>)> = plan
        .lines
        .iter()
        .map(|l| split_lots(&l.lots, l.qty))
        .collect();
    let why = movement_reasons(plan, reasons);
    let mut moves = line_issues(report_id, plan, &split, &why);
    moves.extend(receipt_movements(report_id, plan));
    post_movements(conn, stamp, &moves)?;
    insert_labor(conn, report_id, plan)?;
    write_journal(
        conn,
        stamp,
        "report",
        Some(report_id),
        None,
        &plan.journal,
        accounts,
    )?;
    super::outbox::record(conn, stamp, super::outbox::Posting::Report(report_id))?;
    Ok(deferred)
}

/// The report's own row, with the JSON of its first result.
fn insert_header(
    conn: &Connection,
    (report_id, key): (i64, &str),
    plan: &ReportPlan,
    result: &str,
    stamp: &Stamp,
) -> Result<()> {
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
    Ok(())
}

/// Opens an exception for each deferred line and records each non-stock hand issue.
fn defer_and_record_non_stock(
    conn: &Connection,
    report_id: i64,
    plan: &ReportPlan,
    stamp: &Stamp,
) -> Result<Vec<Deferred>> {
    let mut deferred = Vec::new();
    for line in &plan.lines {
        if line.status == LineStatus::Deferred {
            deferred.push(open_exception(conn, stamp, report_id, &plan.order, line)?);
        } else if line.non_stock && line.is_hand_issue() {
            super::issues::record_non_stock(
                conn,
                &plan.order,
                &line.line,
                Some(report_id),
                &line.item,
                line.qty,
                line.unit_cost,
                stamp.at_text(),
            )?;
        }
    }
    Ok(deferred)
}

/// Why each line's movements moved: backflushed or by hand, with an override's reason code
/// so `audit` shows it.
fn movement_reasons(plan: &ReportPlan, reasons: &BTreeMap<String, String>) -> Vec<String> {
    plan.lines
        .iter()
        .map(|l| {
            let base = if l.is_hand_issue() {
                "issued by hand"
            } else {
                "backflush"
            };
            match reasons.get(&l.line) {
                Some(code) => format!("{base}, override {code}"),
                None => base.to_string(),
            }
        })
        .collect()
}

/// The movements of the lines that move stock: one per lot for a tracked line, else the
/// issue and its component scrap.
fn line_issues<'a>(
    report_id: i64,
    plan: &'a ReportPlan,
    split: &'a [(Vec<LotQty>, Vec<LotQty>)],
    why: &'a [String],
) -> Vec<Movement<'a>> {
    let mut moves = Vec::new();
    for ((line, (issue_lots, scrap_lots)), why) in plan.lines.iter().zip(split).zip(why) {
        if !line.moves_stock() {
            continue;
        }
        let reason = why.as_str();
        let kind = if line.is_hand_issue() {
            MovementKind::ManualIssue
        } else {
            MovementKind::Issue
        };
        if line.lots.is_empty() {
            moves.extend(line_movements(
                report_id,
                &line.line,
                &line.item,
                &line.location,
                (line.qty, line.line_scrap),
                (kind, None),
                reason,
            ));
            continue;
        }
        moves.extend(lot_movements(
            (&line.item, &line.location),
            (issue_lots, scrap_lots),
            kind,
            &MovementRef {
                report_id: Some(report_id),
                line: Some(&line.line),
                reason,
                ..MovementRef::default()
            },
        ));
    }
    moves
}

/// The finished goods received, one movement per lot or serial of a tracked parent.
fn receipt_movements(report_id: i64, plan: &ReportPlan) -> Vec<Movement<'_>> {
    let Some(r) = &plan.receipt else {
        return Vec::new();
    };
    let link = MovementRef {
        report_id: Some(report_id),
        reason: "finished goods receipt",
        ..MovementRef::default()
    };
    let lots: Vec<(Option<&str>, Decimal)> = if r.lots.is_empty() {
        vec![(None, r.qty)]
    } else {
        r.lots
            .iter()
            .map(|l| (Some(l.lot.as_str()), l.qty))
            .collect()
    };
    lots.into_iter()
        .map(|(lot, qty)| Movement {
            kind: MovementKind::Receipt,
            item: &r.item,
            location: &r.location,
            qty,
            lot,
            link: link.clone(),
        })
        .collect()
}

/// The labor and overhead of the flushed operations, and the setups the report carries.
fn insert_labor(conn: &Connection, report_id: i64, plan: &ReportPlan) -> Result<()> {
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
    Ok(())
}

fn insert_report_lines(
    conn: &Connection,
    report_id: i64,
    lines: &[PlannedLine],
    reasons: &BTreeMap<String, String>,
) -> Result<()> {
    let seqs: Vec<i64> = (0..lines.len())
        .map(|i| i64::try_from(i).unwrap_or(i64::MAX))
        .collect();
    let qtys: Vec<[Dec; 3]> = lines
        .iter()
        .map(|l| [Dec(l.planned), Dec(l.qty), Dec(l.line_scrap)])
        .collect();
    let statuses: Vec<&str> = lines.iter().map(|l| l.status.as_str()).collect();
    let codes: Vec<Option<&str>> = lines
        .iter()
        .map(|l| reasons.get(&l.line).map(String::as_str))
        .collect();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(lines.len() * 12);
    for ((((l, seq), q), status), code) in lines
        .iter()
        .zip(&seqs)
        .zip(&qtys)
        .zip(&statuses)
        .zip(&codes)
    {
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
            code,
        ]);
    }
    insert_rows(
        conn,
        "INSERT INTO report_lines (report_id, line, seq, item, location, planned, qty, line_scrap, status, overridden, carried, reason)",
        "",
        12,
        &values,
    )
}

/// The ledger movements of one issued untracked line: the issue (of `kind`: backflushed or
/// by hand) and, on top, its component scrap.
pub(super) fn line_movements<'a>(
    report_id: i64,
    line: &'a str,
    item: &'a str,
    location: &'a str,
    (qty, line_scrap): (Decimal, Decimal),
    (kind, exception_id): (MovementKind, Option<i64>),
    reason: &'a str,
) -> impl Iterator<Item = Movement<'a>> {
    let link = MovementRef {
        report_id: Some(report_id),
        line: Some(line),
        exception_id,
        reverses: None,
        reason,
        order: None,
    };
    [(kind, qty), (MovementKind::ComponentScrap, line_scrap)]
        .into_iter()
        .filter(|(_, q)| !q.is_zero())
        .map(move |(kind, q)| Movement {
            kind,
            item,
            location,
            qty: -q,
            lot: None,
            link: link.clone(),
        })
}

/// The ledger movements of a tracked line's lots: the issue (of `kind`) takes `issue`, the
/// component scrap takes `scrap`.
pub(super) fn lot_movements<'a>(
    (item, location): (&'a str, &'a str),
    (issue, scrap): (&'a [LotQty], &'a [LotQty]),
    kind: MovementKind,
    link: &MovementRef<'a>,
) -> Vec<Movement<'a>> {
    let issue = issue.iter().map(|l| (kind, l));
    let scrap = scrap.iter().map(|l| (MovementKind::ComponentScrap, l));
    issue
        .chain(scrap)
        .map(|(kind, l)| Movement {
            kind,
            item,
            location,
            qty: -l.qty,
            lot: Some(&l.lot),
            link: link.clone(),
        })
        .collect()
}

/// The refusal of a reversal whose lot has since moved or been consumed, naming where the
/// lot is now.
fn lot_gone(conn: &Connection, report_id: i64, gone: &LotGone) -> StoreError {
    let now = super::queries::lot_locations(conn, &gone.item, &gone.lot)
        .unwrap_or_default()
        .into_iter()
        .map(|(location, qty)| format!("{} at {location}", canonical(qty)))
        .collect::<Vec<_>>();
    let now = if now.is_empty() {
        "nowhere in stock (consumed)".to_string()
    } else {
        now.join(", ")
    };
    StoreError::Refused(format!(
        "report {report_id} cannot be reversed: it would take {} of lot {} of {} out of {}, which holds {}; the lot is now {now}",
        canonical(gone.wanted),
        gone.lot,
        gone.item,
        gone.location,
        canonical(gone.holds),
    ))
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

/// Who posted a report and when (RFC 3339).
///
/// # Errors
/// SQLite fails.
pub fn report_poster(conn: &Connection, report_id: i64) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT user, at FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| Ok((r.get(0)?, r.get(1)?)))
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
        return Err(StoreError::NotFound(format!("report {report_id}")));
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
    let posted = posted_progress(conn, report_id, operation, (good.0, scrap.0))?;
    let lot_holds = |item: &str, location: &str, lot: &str| {
        super::ledger::lot_balance(conn, item, location, lot).unwrap_or_default()
    };
    let plan = plan_reversal(&report_movements(conn, report_id)?, &posted, &lot_holds)
        .map_err(|gone| lot_gone(conn, report_id, &gone))?;

    take_back_progress(conn, &order, &plan.progress)?;
    let movements = compensate(conn, (report_id, reason), &plan, stamp)?;

    let cancelled: Vec<i64> = conn
        .prepare_cached("UPDATE exceptions SET status = 'cancelled', closed_at = ?2 WHERE report_id = ?1 AND status = 'open' RETURNING id")?
        .query_map(params![report_id, stamp.at_text()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;

    super::issues::reverse_non_stock(conn, report_id, stamp.at_text())?;
    reverse_entries(conn, report_id, stamp)?;
    super::outbox::record(conn, stamp, super::outbox::Posting::Reversal(report_id))?;
    Ok(Reversal {
        report_id,
        movements,
        cancelled_exceptions: cancelled,
    })
}

/// What a report added to its order's progress: units, planned quantities, carried setups.
fn posted_progress(
    conn: &Connection,
    report_id: i64,
    operation: i64,
    (good, scrap): (Decimal, Decimal),
) -> Result<PostedProgress> {
    let lines: Vec<(String, Decimal, bool)> = conn
        .prepare_cached("SELECT line, planned, carried FROM report_lines WHERE report_id = ?1")?
        .query_map([report_id], |r| {
            Ok((r.get(0)?, r.get::<_, Dec>(1)?.0, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let setups: Vec<i64> = conn
        .prepare_cached(
            "SELECT operation FROM report_labor WHERE report_id = ?1 AND carried_setup = 1",
        )?
        .query_map([report_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PostedProgress {
        operation,
        good,
        scrap,
        lines,
        setups,
    })
}

/// Takes a reversed report's units, planned quantities and setups back out of its order.
fn take_back_progress(
    conn: &Connection,
    order: &str,
    back: &crate::domain::reversal::ProgressBack,
) -> Result<()> {
    add_operation_progress(conn, order, back.operation, back.good, back.scrap, 0)?;
    let line_deltas: Vec<(&str, Decimal, i64)> = back
        .lines
        .iter()
        .map(|(line, planned, carried)| (line.as_str(), *planned, *carried))
        .collect();
    add_line_progress(conn, order, &line_deltas)?;
    for op in &back.setups {
        add_operation_progress(conn, order, *op, Decimal::ZERO, Decimal::ZERO, -1)?;
    }
    Ok(())
}

/// Posts a reversal's compensating movements, each the exact opposite of one the report
/// posted (same lot); returns them as (item, location, qty).
fn compensate(
    conn: &Connection,
    (report_id, reason): (i64, &str),
    plan: &crate::domain::reversal::ReversalPlan,
    stamp: &Stamp,
) -> Result<Vec<(String, String, Decimal)>> {
    let mut movements = Vec::new();
    let why = format!("reversal of report {report_id}: {reason}");
    for c in &plan.movements {
        let link = MovementRef {
            report_id: Some(report_id),
            line: c.line.as_deref(),
            exception_id: None,
            reverses: Some(c.reverses),
            reason: &why,
            order: None,
        };
        super::ledger::move_lot(
            conn,
            stamp,
            c.kind,
            &c.item,
            &c.location,
            c.lot.as_deref(),
            c.qty,
            &link,
        )?;
        movements.push((c.item.clone(), c.location.clone(), c.qty));
    }
    Ok(movements)
}

/// The movements a report posted itself (not their compensations), oldest first.
fn report_movements(conn: &Connection, report_id: i64) -> Result<Vec<PostedMovement>> {
    type Row = (
        i64,
        String,
        String,
        String,
        Dec,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = conn
        .prepare_cached(
            "SELECT id, kind, item, location, qty, line, lot FROM movements
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
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, kind, item, location, qty, line, lot)| {
            let kind = MovementKind::parse(&kind).ok_or_else(|| {
                StoreError::Corrupt(format!("movement {id} has the unknown kind {kind:?}"))
            })?;
            Ok(PostedMovement {
                id,
                kind,
                item,
                location,
                qty: qty.0,
                line,
                lot,
            })
        })
        .collect()
}
