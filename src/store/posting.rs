//! The one apply path: every posting is planned as data (`domain::posting::PostingPlan`) and
//! written here, in the transaction the posting read in. It writes the posting's own records,
//! its ledger movements with their balances, its journal entries, its exception changes, its
//! outbox row (always, when it has events) and the first result under its key, in that order.

use rusqlite::{Connection, params};

use super::ledger::{Movement, MovementRef, post_movements};
use super::outbox;
use super::reports::Deferred;
use super::{Result, Stamp, StoreError};
use crate::domain::movement::MovementKind;
use crate::domain::posting::{ExceptionChange, PostingKind, PostingPlan, Record};

/// What applying a plan wrote that the posting did not know beforehand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The posting's first seq in the outbox, when it has events.
    pub first_seq: Option<i64>,
    /// The exceptions it opened, by line.
    pub opened: Vec<Deferred>,
}

/// Writes a planned posting in the caller's transaction. Refused, with nothing written, when
/// one of its journal entries does not balance.
///
/// # Errors
/// An unbalanced entry ([`StoreError::Unbalanced`]); SQLite fails.
pub fn apply(conn: &Connection, stamp: &Stamp, plan: &PostingPlan) -> Result<Applied> {
    if let Some(kind) = plan.unbalanced() {
        return Err(StoreError::Unbalanced { kind });
    }
    for record in &plan.records {
        write_record(conn, stamp, record)?;
    }
    let moves: Vec<Movement<'_>> = plan
        .movements
        .iter()
        .map(|m| Movement {
            kind: m.kind,
            item: &m.item,
            location: &m.location,
            qty: m.qty,
            lot: m.lot.as_deref(),
            link: MovementRef {
                report_id: m.report,
                line: m.line.as_deref(),
                exception_id: m.exception,
                reverses: m.reverses,
                reason: m.reason.as_deref().unwrap_or(""),
                order: m.order.as_deref(),
                source: Some(m.source),
            },
        })
        .collect();
    // Ids follow the largest: the tables have no AUTOINCREMENT and the transaction holds the
    // write lock, so this posting's rows and entries take the next ids in order.
    let (first_id, first_entry): (i64, i64) = conn
        .prepare_cached(
            "SELECT (SELECT coalesce(max(id), 0) + 1 FROM movements),
                    (SELECT coalesce(max(entry_id), 0) + 1 FROM journal)",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    post_movements(conn, stamp, &moves)?;
    let mut written = outbox::Written {
        first_movement: first_id,
        movements: count(moves.len()),
        movement_events: count(
            moves
                .iter()
                .filter(|m| m.kind != MovementKind::TransferIn)
                .count(),
        ),
        first_entry,
        entries: 0,
        journal_lines: 0,
    };
    for entry in plan.journal.iter().filter(|e| !e.lines.is_empty()) {
        super::journal::insert_entry(conn, stamp, first_entry + written.entries, entry)?;
        written.entries += 1;
        written.journal_lines += count(entry.lines.len());
    }
    let mut opened = Vec::new();
    for change in &plan.exceptions {
        match change {
            ExceptionChange::Open(deferred) => {
                let id = super::exceptions::open_exception(conn, stamp, deferred)?;
                opened.push(Deferred {
                    id,
                    line: deferred.line.clone(),
                });
            }
            ExceptionChange::Post(id) => {
                conn.prepare_cached(
                    "UPDATE exceptions SET status = 'posted', closed_at = ?2 WHERE id = ?1",
                )?
                .execute(params![id, stamp.at_text()])?;
            }
            ExceptionChange::Cancel(id) => super::exceptions::cancel_exception(conn, *id, stamp)?,
        }
    }
    for c in &plan.counts {
        let movement = c
            .movement
            .and_then(|i| i64::try_from(i).ok())
            .map(|i| first_id + i);
        super::floor::record_count(conn, c, movement, stamp)?;
    }
    // An exception cancelled moves nothing, so it hands the ERP nothing.
    let first_seq = match plan.kind {
        PostingKind::ExceptionCancel => None,
        posting => outbox::record(conn, stamp, posting, Some(&written))?,
    };
    if let Some(kept) = &plan.keep {
        super::requests::record(conn, &kept.key, kept.command, &kept.request, &kept.result)?;
    }
    Ok(Applied { first_seq, opened })
}

/// A count of rows as SQLite keeps it.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn write_record(conn: &Connection, stamp: &Stamp, record: &Record) -> Result<()> {
    match record {
        Record::NonStock {
            order,
            line,
            report,
            item,
            qty,
            std_cost,
        } => super::issues::record_non_stock(
            conn,
            &super::issues::NonStockIssue {
                order,
                line,
                report_id: *report,
                item,
                qty: *qty,
                std_cost: *std_cost,
                at: stamp.at_text(),
            },
        ),
        Record::Report(report) => super::reports::insert_report_rows(conn, stamp, report),
        Record::IssueId { id, key } => super::issues::insert_issue_id(conn, *id, key),
        Record::LineProgress { order, lines } => {
            super::orders::store_line_progress(conn, order, lines)
        }
        Record::Reversal(reversal) => super::reports::insert_reversal(conn, stamp, reversal),
        Record::Close {
            order,
            closed_as,
            reason,
            settlement,
        } => super::closing::insert_closing(
            conn,
            stamp,
            super::closing::Closing::Close {
                order,
                closed_as: *closed_as,
                reason: reason.as_deref(),
                settlement,
            },
        ),
        Record::Reopen {
            order,
            reason,
            reverses,
        } => super::closing::insert_closing(
            conn,
            stamp,
            super::closing::Closing::Reopen {
                order,
                reason,
                reverses: *reverses,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
    use crate::domain::journal::{AccountNames, JournalNote, material_issued};
    use crate::domain::movement::{MovementKind, Source};
    use crate::domain::posting::{Entry, EntryKind, EntryOf, LedgerMove};
    use crate::domain::qty::{Money, Quantity};
    use crate::store::Store;
    use rust_decimal::Decimal;

    fn counts(conn: &Connection) -> (i64, i64, i64) {
        conn.query_row(
            "SELECT (SELECT count(*) FROM movements), (SELECT count(*) FROM journal),
                    (SELECT count(*) FROM outbox)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    }

    fn plan() -> PostingPlan {
        let mut plan = PostingPlan::new(PostingKind::Issue);
        let mut m = LedgerMove::new(
            MovementKind::ManualIssue,
            Source::HandIssue,
            &ItemCode::from("A"),
            &LocationCode::from("L"),
            Quantity(Decimal::from(-2)),
        );
        m.order = Some(OrderNo::from("WO1"));
        plan.movements.push(m);
        plan.journal(Entry::new(
            EntryKind::Issue,
            EntryOf::order(Some(&OrderNo::from("WO1"))),
            &material_issued(Money(Decimal::from(6)), JournalNote::MaterialIssued),
            &AccountNames::default(),
        ));
        plan
    }

    #[test]
    fn an_unbalanced_entry_is_refused_and_writes_nothing() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO items VALUES ('A','','EA',0,'stock','none',1,'3');
             INSERT INTO locations VALUES ('L','','storage');",
        )
        .unwrap();
        let stamp = Stamp::new(chrono::Utc::now(), "T1", "U1");
        let mut broken = plan();
        broken.journal[0].lines[0].debit = Money(Decimal::from(7));
        let err = apply(conn, &stamp, &broken).unwrap_err();
        assert!(matches!(
            err,
            StoreError::Unbalanced {
                kind: EntryKind::Issue
            }
        ));
        assert_eq!(counts(conn), (0, 0, 0));
        let applied = apply(conn, &stamp, &plan()).unwrap();
        assert_eq!(applied.first_seq, Some(1));
        assert_eq!(counts(conn), (1, 2, 1));
        let (source, role, order): (String, String, String) = conn
            .query_row(
                "SELECT m.source, j.role, j.order_id FROM movements m, journal j WHERE j.seq = 0",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (source.as_str(), role.as_str(), order.as_str()),
            ("hand_issue", "wip", "WO1")
        );
    }

    /// The outbox's rows: seq, events, and the ledger and journal each reaches.
    fn outbox_rows(conn: &Connection) -> Vec<(i64, i64, i64, i64)> {
        conn.prepare(
            "SELECT seq, events, movements_through, entries_through FROM outbox ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn each_outbox_row_reaches_exactly_what_its_posting_and_any_unreached_rows_wrote() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO items VALUES ('A','','EA',0,'stock','none',1,'3');
             INSERT INTO locations VALUES ('L','','storage');
             INSERT INTO locations VALUES ('M','','storage');",
        )
        .unwrap();
        let stamp = Stamp::new(chrono::Utc::now(), "T1", "U1");
        // A hand issue: 1 movement and an entry of 2 lines.
        apply(conn, &stamp, &plan()).unwrap();
        assert_eq!(outbox_rows(conn), vec![(1, 3, 1, 1)]);
        // A transfer: its two ledger rows are one event, and it journals nothing.
        let mut transfer = PostingPlan::new(PostingKind::Transfer);
        for (kind, location, qty) in [
            (MovementKind::TransferOut, "L", -1),
            (MovementKind::TransferIn, "M", 1),
        ] {
            transfer.movements.push(LedgerMove::new(
                kind,
                Source::Transfer,
                &ItemCode::from("A"),
                &LocationCode::from(location),
                Quantity(Decimal::from(qty)),
            ));
        }
        apply(conn, &stamp, &transfer).unwrap();
        assert_eq!(outbox_rows(conn)[1], (4, 1, 3, 1));
        // A ledger row and a journal entry the outbox does not reach (as a bulk load leaves
        // them): the next posting's row reaches them too.
        conn.execute_batch(
            "INSERT INTO movements (at, kind, item, location, qty, terminal, user, reason, source)
             VALUES ('2026-01-01T00:00:00Z', 'adjustment', 'A', 'L', '5', 'T', 'U', '', 'adjustment');
             INSERT INTO journal (entry_id, seq, at, kind, terminal, user, account, debit, credit, memo, role)
             VALUES (2, 0, '2026-01-01T00:00:00Z', 'adjustment', 'T', 'U', 'x', '1', '0', 'm', NULL),
                    (2, 1, '2026-01-01T00:00:00Z', 'adjustment', 'T', 'U', 'y', '0', '1', 'm', NULL);",
        )
        .unwrap();
        apply(conn, &stamp, &plan()).unwrap();
        assert_eq!(outbox_rows(conn)[2], (5, 6, 5, 3));
        // And the next one only its own.
        apply(conn, &stamp, &plan()).unwrap();
        assert_eq!(outbox_rows(conn)[3], (11, 3, 6, 4));
    }

    /// Every `.rs` file below `dir` with its text.
    fn sources(dir: &std::path::Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
        out
    }

    #[test]
    fn only_the_apply_path_writes_a_posting() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        // Who may name each writer: the apply path, the writer's own file, and the bench's
        // fixture (bulk opening balances written with set-based SQL).
        let writers: [(&str, &[&str]); 7] = [
            ("outbox::record(", &["store/posting.rs", "store/fixture.rs"]),
            ("post_movements(", &["store/posting.rs", "store/ledger.rs"]),
            ("insert_entry(", &["store/posting.rs", "store/journal.rs"]),
            (
                "INSERT INTO movements",
                &["store/ledger.rs", "store/fixture.rs", "src/store.rs"],
            ),
            ("INSERT INTO journal", &["store/journal.rs"]),
            (
                "store_line_progress(",
                &["store/posting.rs", "store/orders.rs"],
            ),
            (
                "UPDATE order_materials SET planned = ?3",
                &["store/orders.rs"],
            ),
        ];
        let files = sources(&src);
        assert!(files.len() > 50, "the tree's files are read");
        for (file, text) in &files {
            if file.ends_with("store/posting.rs") {
                continue;
            }
            for (writer, allowed) in writers {
                assert!(
                    !text.contains(writer) || allowed.iter().any(|a| file.ends_with(a)),
                    "{file} writes a posting outside the apply path: {writer}"
                );
            }
        }
    }
}
