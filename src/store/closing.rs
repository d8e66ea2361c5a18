//! Closing an order: its status, the journal lines its WIP is read from, its open
//! exceptions, and the close and reopen rows the apply path writes.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Stamp};
use crate::domain::codes::{ItemCode, OrderNo};
use crate::domain::ids::ExceptionId;
use crate::domain::journal::Memo;
use crate::domain::posting::EntryLine;
use crate::domain::posting::reversal::StoredEntry;
use crate::domain::wip::{ClosedAs, OrderLine, OrderStatus, Settlement};

/// An order with its journal lines, as `wip` reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderJournal {
    pub order: OrderNo,
    pub item: ItemCode,
    pub status: OrderStatus,
    pub lines: Vec<OrderLine>,
}

/// An order's status; `None` for an order the store does not hold.
///
/// # Errors
/// SQLite fails; a status no version wrote.
pub fn order_status(conn: &Connection, order: &str) -> Result<Option<OrderStatus>> {
    Ok(conn
        .prepare_cached("SELECT status FROM orders WHERE order_id = ?1")?
        .query_row([order], |r| r.get(0))
        .optional()?)
}

/// One order's journal lines, read through two indexes: the lines of its reports through
/// the reports of the order, the lines with no report (hand issues, closes, reopens) through
/// the order index, which holds only those. A report's lines carry the report's order, so
/// the two halves are every line of the order, each once.
const ONE_ORDER_SQL: &str =
    "SELECT ?1, o.item, o.status, l.entry_id, l.seq, l.role, l.debit, l.credit
     FROM (SELECT j.entry_id, j.seq, j.role, j.debit, j.credit FROM journal j
           WHERE j.order_id = ?1 AND j.report_id IS NULL
           UNION ALL
           SELECT j.entry_id, j.seq, j.role, j.debit, j.credit
           FROM reports r JOIN journal j ON j.report_id = r.id
           WHERE r.order_id = ?1 AND j.order_id = ?1) l
     JOIN orders o ON o.order_id = ?1
     ORDER BY l.entry_id, l.seq";

/// Every order's journal lines: one pass over the journal.
const EVERY_ORDER_SQL: &str =
    "SELECT j.order_id, o.item, o.status, j.entry_id, j.seq, j.role, j.debit, j.credit
     FROM journal j JOIN orders o ON o.order_id = j.order_id
     WHERE j.order_id IS NOT NULL
     ORDER BY j.order_id, j.entry_id, j.seq";

/// The orders that have journal lines (only `order` when given, with no lines when it has
/// none), each with its lines in entry and line order, by order.
///
/// # Errors
/// SQLite fails; a role or status no version wrote.
pub fn order_journals(conn: &Connection, order: Option<&str>) -> Result<Vec<OrderJournal>> {
    let mut out: Vec<OrderJournal> = Vec::new();
    if let Some(order) = order {
        let head: Option<(ItemCode, OrderStatus)> = conn
            .prepare_cached("SELECT item, status FROM orders WHERE order_id = ?1")?
            .query_row([order], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((item, status)) = head else {
            return Ok(out);
        };
        out.push(OrderJournal {
            order: order.into(),
            item,
            status,
            lines: Vec::new(),
        });
    }
    let mut stmt = conn.prepare_cached(if order.is_some() {
        ONE_ORDER_SQL
    } else {
        EVERY_ORDER_SQL
    })?;
    let mut rows = match order {
        Some(order) => stmt.query([order])?,
        None => stmt.query([])?,
    };
    while let Some(r) = rows.next()? {
        let id: OrderNo = r.get(0)?;
        let line = OrderLine {
            entry: r.get(3)?,
            seq: r.get(4)?,
            role: r.get(5)?,
            debit: r.get(6)?,
            credit: r.get(7)?,
        };
        match out.last_mut() {
            Some(last) if last.order == id => last.lines.push(line),
            _ => out.push(OrderJournal {
                order: id,
                item: r.get(1)?,
                status: r.get(2)?,
                lines: vec![line],
            }),
        }
    }
    Ok(out)
}

/// The open exceptions of an order, oldest first.
///
/// # Errors
/// SQLite fails.
pub fn open_exceptions(conn: &Connection, order: &str) -> Result<Vec<ExceptionId>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM exceptions WHERE order_id = ?1 AND status = 'open' ORDER BY id",
        )?
        .query_map([order], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The latest close of an order: the seq of its `order_closed` event and its settlement
/// entry (none when it settled nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct LatestClose {
    pub seq: i64,
    pub entry: Option<StoredEntry>,
}

/// The latest close of `order`, if any.
///
/// # Errors
/// SQLite fails; a role no version wrote.
pub fn latest_close(conn: &Connection, order: &str) -> Result<Option<LatestClose>> {
    let seq: Option<i64> = conn
        .prepare_cached(
            "SELECT seq FROM order_closings WHERE order_id = ?1 AND action = 'close'
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([order], |r| r.get(0))
        .optional()?;
    let Some(seq) = seq else { return Ok(None) };
    // The settlement entry is the close posting's journal: the entries its outbox row reaches
    // past the row before it.
    let lines: Vec<(i64, EntryLine)> = conn
        .prepare_cached(
            "SELECT j.entry_id, j.account, j.debit, j.credit, j.memo, j.role FROM journal j
             WHERE j.order_id = ?1 AND j.report_id IS NULL AND j.kind = 'close'
               AND j.entry_id <= (SELECT entries_through FROM outbox WHERE seq = ?2)
               AND j.entry_id > coalesce((SELECT entries_through FROM outbox WHERE seq < ?2
                                          ORDER BY seq DESC LIMIT 1), 0)
             ORDER BY j.entry_id, j.seq",
        )?
        .query_map(params![order, seq], |r| {
            Ok((
                r.get(0)?,
                EntryLine {
                    account: r.get(1)?,
                    debit: r.get(2)?,
                    credit: r.get(3)?,
                    memo: Memo::read(&r.get::<_, String>(4)?),
                    role: r.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let entry = lines.first().map(|(id, _)| StoredEntry {
        entry: *id,
        order: Some(order.into()),
        lines: lines.iter().map(|(_, l)| l.clone()).collect(),
    });
    Ok(Some(LatestClose { seq, entry }))
}

/// What a close or a reopen writes besides its journal.
#[derive(Debug, Clone, Copy)]
pub(super) enum Closing<'a> {
    Close {
        order: &'a OrderNo,
        closed_as: ClosedAs,
        reason: Option<&'a str>,
        settlement: &'a Settlement,
    },
    Reopen {
        order: &'a OrderNo,
        reason: &'a str,
        reverses: i64,
    },
}

/// Writes a close or a reopen and sets the order's status. Its seq is the one the outbox
/// gives the posting, which records itself last in this transaction: the next seq.
///
/// # Errors
/// SQLite fails.
pub(super) fn insert_closing(conn: &Connection, stamp: &Stamp, closing: Closing<'_>) -> Result<()> {
    let seq = super::outbox::last_seq(conn)? + 1;
    let (order, status) = match closing {
        Closing::Close {
            order,
            closed_as,
            reason,
            settlement,
        } => {
            conn.prepare_cached(
                "INSERT INTO order_closings (order_id, action, seq, at, terminal, user, approver,
                     reason, closed_as, wip, material_usage_variance, production_variance)
                 VALUES (?1, 'close', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                order,
                seq,
                stamp.at_text(),
                stamp.terminal,
                stamp.user,
                stamp.approver,
                reason,
                closed_as.as_str(),
                settlement.wip,
                settlement.material_usage_variance,
                settlement.production_variance,
            ])?;
            (order, OrderStatus::Closed)
        }
        Closing::Reopen {
            order,
            reason,
            reverses,
        } => {
            conn.prepare_cached(
                "INSERT INTO order_closings (order_id, action, seq, at, terminal, user, approver,
                     reason, reverses)
                 VALUES (?1, 'reopen', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                order,
                seq,
                stamp.at_text(),
                stamp.terminal,
                stamp.user,
                stamp.approver,
                reason,
                reverses,
            ])?;
            (order, OrderStatus::Released)
        }
    };
    conn.prepare_cached("UPDATE orders SET status = ?2 WHERE order_id = ?1")?
        .execute(params![order, status])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    /// The steps of `sql`'s query plan, one per line.
    fn plan_of(conn: &rusqlite::Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let steps: Vec<String> = stmt
            .query_map(["WO1"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        steps.join("\n")
    }

    #[test]
    fn one_orders_journal_is_read_through_both_indexes_and_never_a_scan() {
        let store = Store::open_in_memory().unwrap();
        let plan = plan_of(store.conn(), super::ONE_ORDER_SQL);
        assert!(plan.contains("USING INDEX journal_order"), "{plan}");
        assert!(plan.contains("USING INDEX journal_report"), "{plan}");
        assert!(plan.contains("INDEX reports_order"), "{plan}");
        assert!(!plan.contains("SCAN j"), "{plan}");
    }

    #[test]
    fn the_order_index_holds_only_the_journal_lines_without_a_report() {
        let store = Store::open_in_memory().unwrap();
        let sql: String = store
            .conn()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'journal_order'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            sql.ends_with("WHERE order_id IS NOT NULL AND report_id IS NULL"),
            "{sql}"
        );
        // A close's settlement is found through it too.
        let plan = plan_of(
            store.conn(),
            "SELECT entry_id FROM journal j
             WHERE j.order_id = ?1 AND j.report_id IS NULL AND j.kind = 'close'",
        );
        assert!(plan.contains("USING INDEX journal_order"), "{plan}");
    }
}
