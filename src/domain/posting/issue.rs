//! The plan of a hand issue or return on an order's material line.

use super::{Entry, EntryKind, EntryOf, LedgerMove, PostingKind, PostingPlan, Record};
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::IssueId;
use crate::domain::issue::IssuePlan;
use crate::domain::journal::{self, AccountNames, JournalNote};
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::Money;

/// What a hand issue posts, besides its plan.
#[derive(Debug, Clone)]
pub struct HandIssue<'a> {
    pub order: &'a OrderNo,
    pub line: &'a str,
    pub item: &'a ItemCode,
    /// `None` for a non-stock line: no movement, only its record and the journal.
    pub location: Option<&'a LocationCode>,
    pub std_cost: Money,
    /// The user's words; blank is none.
    pub reason: Option<&'a str>,
    pub id: IssueId,
    pub key: &'a str,
}

/// The posting of a planned hand issue: one movement per lot out of the location (a return
/// comes back in), or a non-stock record; its journal entry on the order; its id.
#[must_use]
pub fn plan(issue: &HandIssue<'_>, planned: &IssuePlan, names: &AccountNames) -> PostingPlan {
    let mut out = PostingPlan::new(PostingKind::Issue);
    let value = planned.qty * issue.std_cost;
    let order = Some(issue.order);
    match issue.location {
        None => {
            out.records.push(Record::NonStock {
                order: issue.order.clone(),
                line: issue.line.to_string(),
                report: None,
                item: issue.item.clone(),
                qty: planned.qty,
                std_cost: issue.std_cost,
            });
            out.journal(Entry::new(
                EntryKind::Issue,
                EntryOf::order(order),
                &journal::non_stock_issued(value),
                names,
            ));
        }
        Some(location) => {
            let source = if planned.qty.is_sign_negative() {
                Source::Return
            } else {
                Source::HandIssue
            };
            let lots: Vec<(Option<&str>, _)> = if planned.lots.is_empty() {
                vec![(None, planned.qty)]
            } else {
                planned
                    .lots
                    .iter()
                    .map(|l| (Some(l.lot.as_str()), l.qty))
                    .collect()
            };
            for (lot, qty) in lots {
                let mut m = LedgerMove::new(
                    MovementKind::ManualIssue,
                    source,
                    issue.item,
                    location,
                    -qty,
                );
                m.lot = lot.map(str::to_string);
                m.order = Some(issue.order.clone());
                m.line = Some(issue.line.to_string());
                m.reason = issue.reason.filter(|r| !r.is_empty()).map(str::to_string);
                out.movements.push(m);
            }
            let memo = if value.is_sign_negative() {
                JournalNote::MaterialReturnedByHand
            } else {
                JournalNote::MaterialIssuedByHand
            };
            out.journal(Entry::new(
                EntryKind::Issue,
                EntryOf::order(order),
                &journal::material_issued(value, memo),
                names,
            ));
        }
    }
    out.records.push(Record::IssueId {
        id: issue.id,
        key: issue.key.to_string(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lots::LotQty;
    use crate::domain::qty::Quantity;
    use rust_decimal::Decimal;

    fn q(n: i64) -> Quantity {
        Quantity(Decimal::from(n))
    }

    #[test]
    fn an_issue_by_lot_leaves_its_location_and_a_return_comes_back_with_no_reason() {
        let (order, item, location) = (
            OrderNo::from("WO1"),
            ItemCode::from("C1"),
            LocationCode::from("M1"),
        );
        let issue = HandIssue {
            order: &order,
            line: "10",
            item: &item,
            location: Some(&location),
            std_cost: Money(Decimal::from(2)),
            reason: Some("fetched late"),
            id: IssueId::from(4),
            key: "K",
        };
        let planned = IssuePlan {
            qty: q(3),
            lots: vec![
                LotQty {
                    lot: "A".into(),
                    qty: q(1),
                },
                LotQty {
                    lot: "B".into(),
                    qty: q(2),
                },
            ],
            expired_lots: vec![],
        };
        let plan = plan(&issue, &planned, &AccountNames::default());
        let moves: Vec<_> = plan
            .movements
            .iter()
            .map(|m| (m.source, m.lot.as_deref(), m.qty, m.reason.as_deref()))
            .collect();
        assert_eq!(
            moves,
            [
                (Source::HandIssue, Some("A"), q(-1), Some("fetched late")),
                (Source::HandIssue, Some("B"), q(-2), Some("fetched late")),
            ]
        );
        assert_eq!(plan.journal[0].order, Some(order.clone()));
        assert_eq!(plan.journal[0].lines[0].debit, Money(Decimal::from(6)));
        let back = IssuePlan {
            qty: q(-1),
            lots: vec![],
            expired_lots: vec![],
        };
        let returned = super::plan(
            &HandIssue {
                reason: Some(""),
                ..issue
            },
            &back,
            &AccountNames::default(),
        );
        let m = &returned.movements[0];
        assert_eq!(
            (m.source, m.qty, m.reason.as_deref()),
            (Source::Return, q(1), None)
        );
        assert_eq!(
            returned.journal[0].lines[0].memo,
            crate::domain::journal::Memo::Note(JournalNote::MaterialReturnedByHand)
        );
    }
}
