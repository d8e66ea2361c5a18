//! The plan of deferred lines posting from the exception queue: each posts whole, by the
//! lots it takes, with the line's override code as its reason.

use super::{Entry, EntryKind, EntryOf, ExceptionChange, LedgerMove, PostingPlan};
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::journal::{self, AccountNames, JournalNote};
use crate::domain::lots::split_lots;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::{Money, Quantity};
use crate::domain::retry::Chosen;

/// An open exception with what posting it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenLine {
    pub id: ExceptionId,
    pub report: ReportId,
    pub order: OrderNo,
    pub line: String,
    pub item: ItemCode,
    pub location: LocationCode,
    /// The whole quantity waiting (the line's issue and its component scrap).
    pub qty: Quantity,
    /// The line's issue, and its component scrap on top.
    pub line_qty: Quantity,
    pub line_scrap: Quantity,
    /// The line's override code, if it had one.
    pub reason: Option<String>,
    pub unit_cost: Money,
}

/// Adds to `plan` the posting of each `chosen` exception (with the lots it takes; none for
/// an untracked item), in queue order.
pub fn post(plan: &mut PostingPlan, open: &[OpenLine], chosen: &[Chosen], names: &AccountNames) {
    for ex in open {
        let Some(Chosen { lots: taken, .. }) = chosen.iter().find(|c| c.id == ex.id) else {
            continue;
        };
        let line = |kind: MovementKind, lot: Option<&str>, qty: Quantity| {
            let mut m = LedgerMove::new(kind, Source::Deferred, &ex.item, &ex.location, -qty);
            m.lot = lot.map(str::to_string);
            m.report = Some(ex.report);
            m.line = Some(ex.line.clone());
            m.exception = Some(ex.id);
            m.reason.clone_from(&ex.reason);
            m
        };
        if taken.is_empty() {
            for (kind, qty) in [
                (MovementKind::Issue, ex.line_qty),
                (MovementKind::ComponentScrap, ex.line_scrap),
            ] {
                if !qty.is_zero() {
                    plan.movements.push(line(kind, None, qty));
                }
            }
        } else {
            let (issue, scrap) = split_lots(taken, ex.line_qty);
            for l in &issue {
                plan.movements
                    .push(line(MovementKind::Issue, Some(&l.lot), l.qty));
            }
            for l in &scrap {
                plan.movements
                    .push(line(MovementKind::ComponentScrap, Some(&l.lot), l.qty));
            }
        }
        plan.journal(Entry::new(
            EntryKind::Exception,
            EntryOf::report(ex.report, &ex.order),
            &journal::material_issued(ex.qty * ex.unit_cost, JournalNote::DeferredMaterialIssued),
            names,
        ));
        plan.exceptions.push(ExceptionChange::Post(ex.id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::posting::PostingKind;
    use rust_decimal::Decimal;

    fn q(n: i64) -> Quantity {
        Quantity(Decimal::from(n))
    }

    #[test]
    fn a_chosen_line_posts_its_issue_and_scrap_with_its_code_and_the_others_wait() {
        let open_line = |id: i64| OpenLine {
            id: ExceptionId::from(id),
            report: ReportId::from(2),
            order: OrderNo::from("WO1"),
            line: "20".into(),
            item: ItemCode::from("C2"),
            location: LocationCode::from("M2"),
            qty: q(3),
            line_qty: q(2),
            line_scrap: q(1),
            reason: Some("ACTUAL-USE".into()),
            unit_cost: Money(Decimal::from(2)),
        };
        let open = [open_line(1), open_line(2)];
        let mut plan = PostingPlan::new(PostingKind::Retry);
        post(
            &mut plan,
            &open,
            &[Chosen {
                id: ExceptionId::from(2),
                lots: vec![],
            }],
            &AccountNames::default(),
        );
        let moves: Vec<_> = plan
            .movements
            .iter()
            .map(|m| (m.kind, m.qty, m.source, m.exception, m.reason.as_deref()))
            .collect();
        let two = Some(ExceptionId::from(2));
        assert_eq!(
            moves,
            [
                (
                    MovementKind::Issue,
                    q(-2),
                    Source::Deferred,
                    two,
                    Some("ACTUAL-USE")
                ),
                (
                    MovementKind::ComponentScrap,
                    q(-1),
                    Source::Deferred,
                    two,
                    Some("ACTUAL-USE")
                ),
            ]
        );
        assert_eq!(
            plan.exceptions,
            [ExceptionChange::Post(ExceptionId::from(2))]
        );
        assert_eq!(plan.journal[0].lines[0].debit, Money(Decimal::from(6)));
        assert_eq!(plan.journal[0].order, Some(OrderNo::from("WO1")));
    }
}
