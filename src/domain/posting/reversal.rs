//! The plan of a report's reversal: each movement compensated (same lot), open exceptions
//! cancelled, non-stock issues taken back, every journal entry reversed, progress taken back.

use super::{
    Entry, EntryKind, EntryLine, ExceptionChange, LedgerMove, PostingKind, PostingPlan, Record,
    ReversalRecord, StoredLineProgress,
};
use crate::domain::codes::{ItemCode, OrderNo};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::journal::{JournalLine, reversal_of};
use crate::domain::movement::Source;
use crate::domain::qty::{Money, Quantity};
use crate::domain::reversal::ReversalPlan;

/// A journal entry as the store keeps it: its id, order and lines.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntry {
    pub entry: i64,
    pub order: Option<OrderNo>,
    pub lines: Vec<EntryLine>,
}

/// A non-stock hand issue a report recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct NonStockRow {
    pub order: OrderNo,
    pub line: String,
    pub item: ItemCode,
    pub qty: Quantity,
    pub std_cost: Money,
}

/// What a reversal takes back besides the engine's plan.
#[derive(Debug, Clone, Copy)]
pub struct Undone<'a> {
    pub open: &'a [ExceptionId],
    pub non_stock: &'a [NonStockRow],
    pub entries: &'a [StoredEntry],
    /// The order's line progress, derived until now, when this is its first reversal.
    pub derived: Option<&'a [StoredLineProgress]>,
}

/// The reversal of `report` (of `order`) with the user's `reason`.
#[must_use]
pub fn plan(
    report: ReportId,
    order: &OrderNo,
    reason: &str,
    reversal: &ReversalPlan,
    undone: &Undone<'_>,
) -> PostingPlan {
    let mut plan = PostingPlan::new(PostingKind::Reversal(report));
    if let Some(lines) = undone.derived {
        plan.records.push(Record::LineProgress {
            order: order.clone(),
            lines: lines.to_vec(),
        });
    }
    plan.records.push(Record::Reversal(ReversalRecord {
        report,
        reason: reason.to_string(),
        order: order.clone(),
        progress: reversal.progress.clone(),
    }));
    for n in undone.non_stock {
        plan.records.push(Record::NonStock {
            order: n.order.clone(),
            line: n.line.clone(),
            report: Some(report),
            item: n.item.clone(),
            qty: -n.qty,
            std_cost: n.std_cost,
        });
    }
    for c in &reversal.movements {
        let mut m = LedgerMove::new(c.kind, Source::Reversal, &c.item, &c.location, c.qty);
        m.lot.clone_from(&c.lot);
        m.report = Some(report);
        m.line.clone_from(&c.line);
        m.reverses = Some(c.reverses);
        m.reason = Some(reason.to_string()).filter(|r| !r.is_empty());
        plan.movements.push(m);
    }
    for stored in undone.entries {
        let words: Vec<JournalLine> = stored
            .lines
            .iter()
            .map(|l| JournalLine {
                account: l.account.clone(),
                debit: l.debit,
                credit: l.credit,
                memo: l.memo.clone(),
            })
            .collect();
        let lines = reversal_of(&words)
            .into_iter()
            .zip(&stored.lines)
            .map(|(r, l)| EntryLine {
                role: l.role,
                account: r.account,
                debit: r.debit,
                credit: r.credit,
                memo: r.memo,
            })
            .collect();
        plan.journal.push(Entry {
            kind: EntryKind::Reversal,
            report: Some(report),
            order: stored.order.clone(),
            reverses: Some(stored.entry),
            lines,
        });
    }
    plan.exceptions
        .extend(undone.open.iter().map(|id| ExceptionChange::Cancel(*id)));
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn an_orders_first_reversal_stores_its_derived_line_progress_before_taking_back() {
        let order = OrderNo::from("WO1");
        let derived = [StoredLineProgress {
            line: "10".into(),
            planned: Quantity(Decimal::from(4)),
            carried: 1,
        }];
        let undone = |derived| Undone {
            open: &[],
            non_stock: &[],
            entries: &[],
            derived,
        };
        let reversal = ReversalPlan::default();
        let first = plan(
            ReportId(3),
            &order,
            "wrong order",
            &reversal,
            &undone(Some(&derived)),
        );
        assert_eq!(
            first.records[0],
            Record::LineProgress {
                order: order.clone(),
                lines: derived.to_vec(),
            }
        );
        assert!(matches!(first.records[1], Record::Reversal { .. }));
        let later = plan(ReportId(3), &order, "wrong order", &reversal, &undone(None));
        assert!(matches!(
            later.records.as_slice(),
            [Record::Reversal { .. }]
        ));
    }
}
