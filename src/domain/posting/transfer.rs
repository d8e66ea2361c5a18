//! The plan of a transfer between two locations: out of one and into the other, lot by lot.

use super::{Entry, EntryKind, EntryOf, LedgerMove, PostingKind, PostingPlan};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::journal::{self, Account, AccountNames};
use crate::domain::lots::LotQty;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::{Money, Quantity};

/// A transfer of `qty` of `item`, by the lots `taken` (none for an untracked item), at
/// `value`, between locations held on the two accounts.
#[derive(Debug, Clone, Copy)]
pub struct Transfer<'a> {
    pub item: &'a ItemCode,
    pub qty: Quantity,
    pub from: Place<'a>,
    pub to: Place<'a>,
    pub taken: &'a [LotQty],
    pub value: Money,
}

/// One end of a transfer: a location and the account its stock is held on.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub location: &'a LocationCode,
    pub account: Account,
}

/// Out of `from` then into `to` for each lot (or the untracked quantity); a journal entry
/// when the two accounts differ. Stock moved for no order: the entry carries none.
#[must_use]
pub fn plan(t: &Transfer<'_>, names: &AccountNames) -> PostingPlan {
    let mut plan = PostingPlan::new(PostingKind::Transfer);
    let lots: Vec<(Option<&str>, Quantity)> = if t.taken.is_empty() {
        vec![(None, t.qty)]
    } else {
        t.taken
            .iter()
            .map(|l| (Some(l.lot.as_str()), l.qty))
            .collect()
    };
    for (lot, q) in lots {
        for (kind, location, q) in [
            (MovementKind::TransferOut, t.from.location, -q),
            (MovementKind::TransferIn, t.to.location, q),
        ] {
            let mut m = LedgerMove::new(kind, Source::Transfer, t.item, location, q);
            m.lot = lot.map(str::to_string);
            plan.movements.push(m);
        }
    }
    plan.journal(Entry::new(
        EntryKind::Transfer,
        EntryOf::nothing(),
        &journal::transfer(t.from.account, t.to.account, t.value),
        names,
    ));
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn each_lot_goes_out_then_in_and_storage_to_finished_is_journalled() {
        let q = |n: i64| Quantity(Decimal::from(n));
        let (item, raw, fg) = (
            ItemCode::from("P"),
            LocationCode::from("RAW"),
            LocationCode::from("FG"),
        );
        let taken = [LotQty::new("A", q(1)), LotQty::new("B", q(2))];
        let t = Transfer {
            item: &item,
            qty: q(3),
            from: Place {
                location: &raw,
                account: Account::RawMaterial,
            },
            to: Place {
                location: &fg,
                account: Account::FinishedGoods,
            },
            taken: &taken,
            value: Money(Decimal::from(30)),
        };
        let plan = plan(&t, &AccountNames::default());
        let moves: Vec<_> = plan
            .movements
            .iter()
            .map(|m| (m.kind, m.location.as_str(), m.lot.as_deref(), m.qty))
            .collect();
        assert_eq!(
            moves,
            [
                (MovementKind::TransferOut, "RAW", Some("A"), q(-1)),
                (MovementKind::TransferIn, "FG", Some("A"), q(1)),
                (MovementKind::TransferOut, "RAW", Some("B"), q(-2)),
                (MovementKind::TransferIn, "FG", Some("B"), q(2)),
            ]
        );
        assert!(
            plan.movements
                .iter()
                .all(|m| m.source == Source::Transfer && m.reason.is_none())
        );
        assert_eq!(plan.journal[0].order, None);
        assert!(plan.journal[0].balanced());
    }
}
