//! The plans that set a balance: a cycle count, and the balances of an import's `stock.csv`.

use super::{CountRecord, Entry, EntryKind, EntryOf, LedgerMove, PostingKind, PostingPlan};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::journal::{self, Account, AccountNames};
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::{Money, Quantity};

/// A balance set to a quantity: of an item at a location (one lot of a tracked item), from
/// what the book holds, at the item's standard cost, against the location's account.
#[derive(Debug, Clone, Copy)]
pub struct SetBalance<'a> {
    pub item: &'a ItemCode,
    pub location: &'a LocationCode,
    pub lot: Option<&'a str>,
    pub book: Quantity,
    pub qty: Quantity,
    pub std_cost: Money,
    pub account: Account,
}

/// Adds the adjustment for the difference (nothing when there is none); true when it moved.
fn adjust(
    plan: &mut PostingPlan,
    set: &SetBalance<'_>,
    source: Source,
    reason: Option<&str>,
    names: &AccountNames,
) -> bool {
    let diff = set.qty - set.book;
    if diff.is_zero() {
        return false;
    }
    let mut m = LedgerMove::new(
        MovementKind::Adjustment,
        source,
        set.item,
        set.location,
        diff,
    );
    m.lot = set.lot.map(str::to_string);
    m.reason = reason.map(str::to_string);
    plan.movements.push(m);
    plan.journal(Entry::new(
        EntryKind::Adjustment,
        EntryOf::nothing(),
        &journal::adjustment(set.account, diff * set.std_cost),
        names,
    ));
    true
}

/// A cycle count: the adjustment for the difference with the count's reason code, and the
/// count kept with it.
#[must_use]
pub fn count(set: &SetBalance<'_>, reason: Option<&str>, names: &AccountNames) -> PostingPlan {
    let mut plan = PostingPlan::new(PostingKind::Count);
    let moved = adjust(&mut plan, set, Source::Count, reason, names);
    plan.counts.push(CountRecord {
        item: set.item.clone(),
        location: set.location.clone(),
        expected: set.book,
        counted: set.qty,
        reason: reason.map(str::to_string),
        movement: moved.then_some(0),
    });
    plan
}

/// An import's balances: an adjustment for each that differs from the book.
#[must_use]
pub fn opening(sets: &[SetBalance<'_>], names: &AccountNames) -> PostingPlan {
    let mut plan = PostingPlan::new(PostingKind::Import);
    for set in sets {
        adjust(&mut plan, set, Source::Opening, None, names);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn a_count_that_finds_the_book_moves_nothing_and_a_loss_names_its_code() {
        let q = |n: i64| Quantity(Decimal::from(n));
        let (item, location) = (ItemCode::from("C2"), LocationCode::from("M2"));
        let set = SetBalance {
            item: &item,
            location: &location,
            lot: None,
            book: q(5),
            qty: q(5),
            std_cost: Money(Decimal::from(2)),
            account: Account::RawMaterial,
        };
        let names = AccountNames::default();
        let same = count(&set, None, &names);
        assert!(same.movements.is_empty() && same.journal.is_empty());
        assert_eq!(same.counts[0].movement, None);
        let loss = count(&SetBalance { qty: q(2), ..set }, Some("DAMAGED"), &names);
        let m = &loss.movements[0];
        assert_eq!(
            (m.qty, m.source, m.reason.as_deref()),
            (q(-3), Source::Count, Some("DAMAGED"))
        );
        assert_eq!(loss.counts[0].movement, Some(0));
        assert_eq!(loss.journal[0].order, None);
        assert!(loss.journal[0].balanced());
    }
}
