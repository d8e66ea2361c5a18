//! Hand issues outside a report (`backflush issue`): what a material line has net
//! issued (by report, by hand, by lead adjustments and substitutions, net of reversals and
//! returns) per location and lot, the non-stock hand issues, and the ids of hand issues.
//! Every function runs inside the caller's transaction.

use rusqlite::{Connection, params};

use super::{Money, Quantity, Result};
use crate::domain::ids::{IssueId, ReportId};

/// What a line has net issued of its component at a location, per lot (`None` untracked),
/// with each lot's first entry; oldest movement first.
///
/// # Errors
/// SQLite fails.
pub fn line_consumed(
    conn: &Connection,
    order: &str,
    line: &str,
    item: &str,
    location: &str,
) -> Result<Vec<(Option<String>, Quantity, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.lot, m.qty, COALESCE(l.first_at, '') FROM movements m
         LEFT JOIN lots l ON l.item = m.item AND l.lot = m.lot
         WHERE m.item = ?3 AND m.location = ?4 AND m.line = ?2
           AND (m.order_id = ?1 OR m.report_id IN (SELECT id FROM reports WHERE order_id = ?1))
         ORDER BY m.id",
    )?;
    let mut out: Vec<(Option<String>, Quantity, String)> = Vec::new();
    let mut rows = stmt.query(params![order, line, item, location])?;
    while let Some(r) = rows.next()? {
        let lot: Option<String> = r.get(0)?;
        let issued = -r.get::<_, Quantity>(1)?;
        let first: String = r.get(2)?;
        match out.iter_mut().find(|(l, _, _)| *l == lot) {
            Some(e) => e.1 += issued,
            None => out.push((lot, issued, first)),
        }
    }
    Ok(out)
}

/// The net quantity of a non-stock line issued by hand.
///
/// # Errors
/// SQLite fails.
pub fn non_stock_issued(conn: &Connection, order: &str, line: &str) -> Result<Quantity> {
    let mut stmt =
        conn.prepare_cached("SELECT qty FROM non_stock_issues WHERE order_id = ?1 AND line = ?2")?;
    let mut rows = stmt.query(params![order, line])?;
    let mut sum = Quantity::ZERO;
    while let Some(r) = rows.next()? {
        sum += r.get::<_, Quantity>(0)?;
    }
    Ok(sum)
}

/// A non-stock hand issue (signed) at the item's standard cost, of a report's line or by
/// hand (`report_id` `None`).
#[derive(Debug, Clone, Copy)]
pub struct NonStockIssue<'a> {
    pub order: &'a str,
    pub line: &'a str,
    pub report_id: Option<ReportId>,
    pub item: &'a str,
    pub qty: Quantity,
    pub std_cost: Money,
    pub at: &'a str,
}

/// Records a non-stock hand issue.
///
/// # Errors
/// SQLite fails.
pub fn record_non_stock(conn: &Connection, issue: &NonStockIssue<'_>) -> Result<()> {
    let NonStockIssue {
        order,
        line,
        report_id,
        item,
        qty,
        std_cost,
        at,
    } = *issue;
    conn.prepare_cached(
        "INSERT INTO non_stock_issues (order_id, line, report_id, item, qty, std_cost, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![order, line, report_id, item, qty, std_cost, at])?;
    Ok(())
}

/// The id the next hand issue gets: one above the largest (read in the posting's write
/// transaction, so no other posting takes it meanwhile).
///
/// # Errors
/// SQLite fails.
pub fn next_issue_id(conn: &Connection) -> Result<IssueId> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM issue_ids")?
        .query_row([], |r| r.get(0))?)
}

/// Gives the hand issue posted under `key` its id.
///
/// # Errors
/// SQLite fails, or `key` already gave an issue its id.
pub fn insert_issue_id(conn: &Connection, id: IssueId, key: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO issue_ids (id, idem_key) VALUES (?1, ?2)")?
        .execute(params![id, key])?;
    Ok(())
}
