//! What leads and material handlers read and keep beside their postings: a posted report's
//! detail lines and what they issued (for scrap adjustments and substitutions), and cycle counts.

use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Quantity, Result, Stamp};
use crate::domain::backflush::LineStatus;
use crate::domain::ids::ReportId;
use crate::domain::posting::CountRecord;

/// A detail line of a posted report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportLine {
    pub report_id: ReportId,
    pub order: OrderNo,
    pub line: String,
    pub item: ItemCode,
    /// The item's description, for a screen wide enough to show it.
    pub description: String,
    pub location: LocationCode,
    pub status: LineStatus,
    pub reversed: bool,
    /// The latest reason on the line: a lead's scrap adjustment's since, else the reason
    /// code of its override or skip, if one was given.
    pub reason: Option<String>,
    /// A non-stock item: no location, and its hand issue is recorded on the order, not moved.
    pub non_stock: bool,
}

/// The detail lines of a report, in line order.
///
/// # Errors
/// SQLite fails.
pub fn report_lines(conn: &Connection, report_id: ReportId) -> Result<Vec<ReportLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.line, r.order_id, l.item, l.location, l.status,
           EXISTS (SELECT 1 FROM reversals v WHERE v.report_id = r.id),
           COALESCE((SELECT m.reason FROM movements m
                     WHERE m.report_id = l.report_id AND m.line = l.line
                       AND m.kind = 'lead_scrap' AND m.reason <> ''
                     ORDER BY m.id DESC LIMIT 1), l.reason),
           COALESCE(i.description, ''), COALESCE(i.item_type = 'non-stock', 0)
         FROM report_lines l JOIN reports r ON r.id = l.report_id
         LEFT JOIN items i ON i.item = l.item
         WHERE l.report_id = ?1 ORDER BY l.seq",
    )?;
    let rows = stmt
        .query_map([report_id], |r| {
            Ok(ReportLine {
                report_id,
                line: r.get(0)?,
                order: r.get(1)?,
                item: r.get(2)?,
                location: r.get(3)?,
                status: r.get(4)?,
                reversed: r.get(5)?,
                reason: r.get(6)?,
                description: r.get(7)?,
                non_stock: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What a report's non-stock line issued by hand, net of the report's reversal.
///
/// # Errors
/// SQLite fails.
pub fn non_stock_issued(conn: &Connection, report_id: ReportId, line: &str) -> Result<Quantity> {
    let mut stmt =
        conn.prepare_cached("SELECT qty FROM non_stock_issues WHERE report_id = ?1 AND line = ?2")?;
    let mut rows = stmt.query(params![report_id, line])?;
    let mut issued = Quantity::ZERO;
    while let Some(r) = rows.next()? {
        issued += r.get::<_, Quantity>(0)?;
    }
    Ok(issued)
}

/// Whether a report exists.
///
/// # Errors
/// SQLite fails.
pub fn report_exists(conn: &Connection, report_id: ReportId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM reports WHERE id = ?1")?
        .exists([report_id])?)
}

/// What a detail line has issued of `item` so far (net of returns and reversals).
///
/// # Errors
/// SQLite fails.
pub fn line_issued(
    conn: &Connection,
    report_id: ReportId,
    line: &str,
    item: &str,
) -> Result<Quantity> {
    let mut stmt = conn.prepare_cached(
        "SELECT qty FROM movements WHERE report_id = ?1 AND line = ?2 AND item = ?3",
    )?;
    let mut rows = stmt.query(params![report_id, line, item])?;
    let mut issued = Quantity::ZERO;
    while let Some(r) = rows.next()? {
        issued -= r.get::<_, Quantity>(0)?;
    }
    Ok(issued)
}

/// The component scrap a report's line has recorded so far: its line scrap and the lead's
/// scrap adjustments on it since, net of their reversals.
///
/// # Errors
/// SQLite fails.
pub fn line_scrap_so_far(
    conn: &Connection,
    report_id: ReportId,
    line: &str,
    item: &str,
) -> Result<Quantity> {
    let mut scrap = conn
        .prepare_cached("SELECT line_scrap FROM report_lines WHERE report_id = ?1 AND line = ?2")?
        .query_row(params![report_id, line], |r| r.get::<_, Quantity>(0))
        .optional()?
        .unwrap_or(Quantity::ZERO);
    let mut stmt = conn.prepare_cached(
        "SELECT qty FROM movements WHERE report_id = ?1 AND line = ?2 AND item = ?3
         AND kind IN ('lead_scrap', 'reverse_lead_scrap')",
    )?;
    let mut rows = stmt.query(params![report_id, line, item])?;
    while let Some(r) = rows.next()? {
        scrap -= r.get::<_, Quantity>(0)?;
    }
    Ok(scrap)
}

/// What a report's line consumed of `item`, net, per lot (tracked items), with each lot's
/// first entry: what a correction or a substitution may return to.
///
/// # Errors
/// SQLite fails.
pub fn line_lots(
    conn: &Connection,
    report_id: ReportId,
    line: &str,
    item: &str,
) -> Result<Vec<crate::domain::lots::Consumed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.lot, m.qty, COALESCE(l.first_at, '') FROM movements m
         LEFT JOIN lots l ON l.item = m.item AND l.lot = m.lot
         WHERE m.report_id = ?1 AND m.line = ?2 AND m.item = ?3 AND m.lot IS NOT NULL
         ORDER BY m.id",
    )?;
    let mut rows = stmt.query(params![report_id, line, item])?;
    let mut out: Vec<crate::domain::lots::Consumed> = Vec::new();
    while let Some(r) = rows.next()? {
        let lot: String = r.get(0)?;
        let qty = -r.get::<_, Quantity>(1)?;
        match out.iter_mut().find(|c| c.lot == lot) {
            Some(c) => c.qty += qty,
            None => out.push(crate::domain::lots::Consumed {
                lot,
                qty,
                first_at: r.get(2)?,
            }),
        }
    }
    Ok(out)
}

/// What a report's line issued instead of its own item: the item and the quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSubstitute {
    pub line: String,
    pub item: ItemCode,
    pub qty: Quantity,
}

/// What a report's lines issued of items other than their own (substitutions), by line:
/// (line, item, net quantity issued), in line and item order.
///
/// # Errors
/// SQLite fails.
pub fn line_substitutes(conn: &Connection, report_id: ReportId) -> Result<Vec<LineSubstitute>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.line, m.item, m.qty FROM movements m
         JOIN report_lines l ON l.report_id = m.report_id AND l.line = m.line
         WHERE m.report_id = ?1 AND m.item <> l.item
         ORDER BY l.seq, m.item",
    )?;
    let mut rows = stmt.query(params![report_id])?;
    let mut out: Vec<LineSubstitute> = Vec::new();
    while let Some(r) = rows.next()? {
        let line: String = r.get(0)?;
        let item: ItemCode = r.get(1)?;
        let qty = -r.get::<_, Quantity>(2)?;
        match out.last_mut() {
            Some(last) if last.line == line && last.item == item => last.qty += qty,
            _ => out.push(LineSubstitute { line, item, qty }),
        }
    }
    Ok(out)
}

/// Keeps a cycle count (for the inventory-accuracy figure) with its adjustment movement.
///
/// # Errors
/// SQLite fails.
pub(super) fn record_count(
    conn: &Connection,
    count: &CountRecord,
    movement_id: Option<i64>,
    stamp: &Stamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO cycle_counts (at, item, location, expected, counted, movement_id, terminal, user, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        stamp.at_text(),
        count.item,
        count.location,
        count.expected,
        count.counted,
        movement_id,
        stamp.terminal,
        stamp.user,
        count.reason
    ])?;
    Ok(())
}

/// Released orders with an operation at `work_center`.
///
/// # Errors
/// SQLite fails.
pub fn orders_at(conn: &Connection, work_center: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT x.order_id FROM order_operations x JOIN orders o ON o.order_id = x.order_id
         WHERE x.work_center = ?1 AND o.status = 'released' ORDER BY x.order_id",
    )?;
    let rows = stmt
        .query_map([work_center], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

/// A skipped report line: it moved nothing, so the ledger does not show it; `audit` lists it
/// with its reason code.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedLine {
    pub report_id: ReportId,
    pub line: String,
    pub item: ItemCode,
    pub location: LocationCode,
    pub at: String,
    pub terminal: String,
    pub user: String,
    pub reason: Option<String>,
}

/// Skipped lines of reports, newest first, filtered as `audit` filters movements.
///
/// # Errors
/// SQLite fails.
pub fn skipped_lines(
    conn: &Connection,
    filter: &super::queries::AuditFilter,
) -> Result<Vec<SkippedLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.report_id, l.line, l.item, l.location, r.at, r.terminal, r.user, l.reason
         FROM report_lines l JOIN reports r ON r.id = l.report_id
         WHERE l.status = 'skipped'
           AND (?1 IS NULL OR l.item = ?1) AND (?2 IS NULL OR l.location = ?2)
           AND (?3 IS NULL OR l.report_id = ?3)
         ORDER BY l.report_id DESC, l.seq LIMIT ?4",
    )?;
    let rows = stmt
        .query_map(
            params![filter.item, filter.location, filter.report_id, filter.limit],
            |r| {
                Ok(SkippedLine {
                    report_id: r.get(0)?,
                    line: r.get(1)?,
                    item: r.get(2)?,
                    location: r.get(3)?,
                    at: r.get(4)?,
                    terminal: r.get(5)?,
                    user: r.get(6)?,
                    reason: r.get(7)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
