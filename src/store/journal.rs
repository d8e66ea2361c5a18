//! The journal: a posting's balanced entries as the apply path writes them (each line with
//! its account's name and role and the posting's order), and the entries a reversal reads.

use rusqlite::{Connection, ToSql};

use super::{Result, Stamp, insert_rows};
use crate::domain::codes::OrderNo;
use crate::domain::ids::ReportId;
use crate::domain::journal::Memo;
use crate::domain::posting::reversal::StoredEntry;
use crate::domain::posting::{Entry, EntryLine};

/// Writes one planned journal entry as entry `id` (its lines in one statement): each line
/// with the name and role it was planned with, and the entry's order. The apply path gives
/// the ids, the next after the largest, in order; an entry with no lines is not written.
///
/// # Errors
/// SQLite fails.
pub(super) fn insert_entry(conn: &Connection, stamp: &Stamp, id: i64, entry: &Entry) -> Result<()> {
    if entry.lines.is_empty() {
        return Ok(());
    }
    let seqs: Vec<i64> = (0..entry.lines.len())
        .map(|i| i64::try_from(i).unwrap_or(i64::MAX))
        .collect();
    let at = stamp.at_text();
    let kind = entry.kind.as_str();
    let memos: Vec<_> = entry.lines.iter().map(|l| l.memo.stored()).collect();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(entry.lines.len() * 14);
    for ((l, seq), memo) in entry.lines.iter().zip(&seqs).zip(&memos) {
        values.extend_from_slice(&[
            &id as &dyn ToSql,
            seq,
            &at,
            &kind,
            &entry.report,
            &entry.reverses,
            &stamp.terminal,
            &stamp.user,
            &l.account,
            &l.debit,
            &l.credit,
            memo as &dyn ToSql,
            &l.role,
            &entry.order,
        ]);
    }
    insert_rows(
        conn,
        "INSERT INTO journal (entry_id, seq, at, kind, report_id, reverses, terminal, user, account, debit, credit, memo, role, order_id)",
        "",
        14,
        &values,
    )
}

/// The entries of a report not yet reversed, each with its order and its lines' roles.
///
/// # Errors
/// SQLite fails; a stored role no version wrote.
pub fn open_entries_of_report(conn: &Connection, report_id: ReportId) -> Result<Vec<StoredEntry>> {
    let rows: Vec<(i64, Option<OrderNo>, EntryLine)> = conn
        .prepare_cached(
            "SELECT entry_id, order_id, account, debit, credit, memo, role FROM journal
             WHERE report_id = ?1 AND reverses IS NULL ORDER BY entry_id, seq",
        )?
        .query_map([report_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                EntryLine {
                    account: r.get(2)?,
                    debit: r.get(3)?,
                    credit: r.get(4)?,
                    memo: Memo::read(&r.get::<_, String>(5)?),
                    role: r.get(6)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .chunk_by(|a, b| a.0 == b.0)
        .map(|entry| StoredEntry {
            entry: entry[0].0,
            order: entry[0].1.clone(),
            lines: entry.iter().map(|(_, _, l)| l.clone()).collect(),
        })
        .collect())
}
