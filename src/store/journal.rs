//! The journal: balanced entries written with their posting, and the entries that reverse
//! a report's.

use rusqlite::{Connection, ToSql, params};

use super::{Money, Result, Stamp, insert_rows};
use crate::domain::ids::ReportId;
use crate::domain::journal::{AccountNames, JournalLine, Posting, reversal_of};
use crate::domain::posting::Entry;

/// Writes one balanced journal entry (its lines in one statement); nothing when `lines` is
/// empty. Each line keeps its account's role beside the name, and the order the posting was
/// for (`None` for stock that moved for no order: transfers, counts, opening balances).
///
/// # Errors
/// SQLite fails.
pub fn write_journal(
    conn: &Connection,
    stamp: &Stamp,
    kind: &str,
    (report_id, order): (Option<ReportId>, Option<&str>),
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
    let amounts: Vec<(Money, Money)> = lines.iter().map(|l| (l.debit, l.credit)).collect();
    let names: Vec<&str> = lines.iter().map(|l| accounts.name(l.account)).collect();
    let at = stamp.at_text();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(lines.len() * 14);
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
            &l.account,
            &order,
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

/// Writes one planned journal entry (its lines in one statement): each line with the name
/// and role it was planned with, and the entry's order.
///
/// # Errors
/// SQLite fails.
pub fn insert_entry(conn: &Connection, stamp: &Stamp, entry: &Entry) -> Result<()> {
    if entry.lines.is_empty() {
        return Ok(());
    }
    let id = next_journal_entry(conn)?;
    let seqs: Vec<i64> = (0..entry.lines.len())
        .map(|i| i64::try_from(i).unwrap_or(i64::MAX))
        .collect();
    let at = stamp.at_text();
    let kind = entry.kind.as_str();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(entry.lines.len() * 14);
    for (l, seq) in entry.lines.iter().zip(&seqs) {
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
            &l.memo,
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

fn next_journal_entry(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(entry_id), 0) + 1 FROM journal")?
        .query_row([], |r| r.get(0))?)
}

/// Writes, for every entry of `report_id` not yet reversed, the entry that reverses it: the
/// same accounts, roles and order, sides swapped.
///
/// # Errors
/// SQLite fails.
pub fn reverse_entries(conn: &Connection, report_id: ReportId, stamp: &Stamp) -> Result<()> {
    type Kept = (Option<String>, Option<String>);
    let rows: Vec<(i64, JournalLine, Kept)> = conn
        .prepare_cached(
            "SELECT entry_id, account, debit, credit, memo, role, order_id FROM journal
             WHERE report_id = ?1 AND reverses IS NULL ORDER BY entry_id, seq",
        )?
        .query_map([report_id], |r| {
            Ok((
                r.get(0)?,
                JournalLine {
                    account: r.get(1)?,
                    debit: r.get(2)?,
                    credit: r.get(3)?,
                    memo: r.get(4)?,
                },
                (r.get(5)?, r.get(6)?),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for entry in rows.chunk_by(|a, b| a.0 == b.0) {
        let lines: Vec<JournalLine> = entry.iter().map(|(_, l, _)| l.clone()).collect();
        let next = next_journal_entry(conn)?;
        for (seq, (l, (_, _, (role, order)))) in reversal_of(&lines).iter().zip(entry).enumerate() {
            conn.prepare_cached(
                "INSERT INTO journal (entry_id, seq, at, kind, report_id, reverses, terminal, user, account, debit, credit, memo, role, order_id)
                 VALUES (?1, ?2, ?3, 'reversal', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                next,
                i64::try_from(seq).unwrap_or(i64::MAX),
                stamp.at_text(),
                report_id,
                entry[0].0,
                stamp.terminal,
                stamp.user,
                l.account,
                l.debit,
                l.credit,
                l.memo,
                role,
                order
            ])?;
        }
    }
    Ok(())
}
