//! The plan of closing an order (its WIP settled to the two variance accounts) and of
//! reopening it (the exact reverse of its latest settlement).

use super::reversal::StoredEntry;
use super::{Entry, EntryKind, EntryLine, EntryOf, PostingKind, PostingPlan, Record};
use crate::domain::codes::OrderNo;
use crate::domain::journal::{Account, AccountNames, Booking, JournalNote};
use crate::domain::wip::{ClosedAs, Settlement};

/// The close of `order`: the settlement entry (a positive amount debits its variance
/// account and credits WIP, a negative one the reverse; no line for a zero amount), and the
/// close record that sets the order's status.
#[must_use]
pub fn close(
    order: &OrderNo,
    closed_as: ClosedAs,
    reason: Option<&str>,
    settlement: &Settlement,
    names: &AccountNames,
) -> PostingPlan {
    let mut plan = PostingPlan::new(PostingKind::Close);
    plan.records.push(Record::Close {
        order: order.clone(),
        closed_as,
        reason: reason.map(str::to_string),
        settlement: *settlement,
    });
    let mut lines = Vec::new();
    Booking::pair(
        &mut lines,
        Account::MaterialUsageVariance,
        Account::Wip,
        settlement.material_usage_variance,
        JournalNote::MaterialUsageVarianceSettled,
    );
    Booking::pair(
        &mut lines,
        Account::ProductionVariance,
        Account::Wip,
        settlement.production_variance,
        JournalNote::ProductionVarianceSettled,
    );
    plan.journal(Entry::new(
        EntryKind::Close,
        EntryOf::order(Some(order)),
        &lines,
        names,
    ));
    plan
}

/// The reopening of `order`: the lines of its latest settlement with their sides swapped
/// (the same accounts and roles), and the record that releases it again.
#[must_use]
pub fn reopen(
    order: &OrderNo,
    reason: &str,
    close_seq: i64,
    settlement: Option<&StoredEntry>,
) -> PostingPlan {
    let mut plan = PostingPlan::new(PostingKind::Reopen);
    plan.records.push(Record::Reopen {
        order: order.clone(),
        reason: reason.to_string(),
        reverses: close_seq,
    });
    if let Some(stored) = settlement.filter(|s| !s.lines.is_empty()) {
        plan.journal.push(Entry {
            kind: EntryKind::Reopen,
            report: None,
            order: Some(order.clone()),
            reverses: Some(stored.entry),
            lines: stored
                .lines
                .iter()
                .map(|l| EntryLine {
                    role: l.role,
                    account: l.account.clone(),
                    debit: l.credit,
                    credit: l.debit,
                    memo: l.memo.reversed(),
                })
                .collect(),
        });
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::qty::Money;
    use rust_decimal::Decimal;

    fn m(text: &str) -> Money {
        Money(text.parse::<Decimal>().unwrap_or_default())
    }

    #[test]
    fn a_settlement_credits_wip_by_both_variances_and_reopen_swaps_its_sides() {
        let order = OrderNo::from("WO1");
        let names = AccountNames::default();
        let s = Settlement::of(m("50.1976"), m("-2.5"));
        let plan = close(&order, ClosedAs::Short, Some("customer"), &s, &names);
        assert_eq!(plan.kind, PostingKind::Close);
        let entry = &plan.journal[0];
        assert!(entry.balanced());
        let sides: Vec<(Option<Account>, &str, Money, Money)> = entry
            .lines
            .iter()
            .map(|l| (l.role, l.account.as_str(), l.debit, l.credit))
            .collect();
        assert_eq!(
            sides,
            [
                (Some(Account::Wip), "1400 Work in process", m("2.5"), m("0")),
                (
                    Some(Account::MaterialUsageVariance),
                    "5600 Material usage variance",
                    m("0"),
                    m("2.5")
                ),
                (
                    Some(Account::ProductionVariance),
                    "5700 Production variance",
                    m("52.6976"),
                    m("0")
                ),
                (
                    Some(Account::Wip),
                    "1400 Work in process",
                    m("0"),
                    m("52.6976")
                ),
            ]
        );
        // Nothing to settle: no entry at all, but the close is still recorded.
        let empty = close(
            &order,
            ClosedAs::Complete,
            None,
            &Settlement::of(Money::ZERO, Money::ZERO),
            &names,
        );
        assert!(empty.journal.is_empty());
        assert_eq!(empty.records.len(), 1);
        let stored = StoredEntry {
            entry: 7,
            order: Some(order.clone()),
            lines: entry.lines.clone(),
        };
        let back = reopen(&order, "rework", 12, Some(&stored));
        let undo = &back.journal[0];
        assert_eq!(undo.reverses, Some(7));
        assert_eq!(undo.lines[0].credit, m("2.5"));
        assert_eq!(undo.lines[3].debit, m("52.6976"));
        assert_eq!(undo.lines[1].role, Some(Account::MaterialUsageVariance));
        assert!(undo.balanced());
    }
}
