//! The plans of a lead's corrections on a posted report's detail line: a scrap adjustment
//! and a substitution.

use super::{Entry, EntryKind, EntryOf, LedgerMove, PostingKind, PostingPlan};
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::ReportId;
use crate::domain::journal::{self, AccountNames, JournalNote};
use crate::domain::lots::LotQty;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::{Money, Quantity};

/// The posted detail line a lead corrects.
#[derive(Debug, Clone, Copy)]
pub struct LineAt<'a> {
    pub report: ReportId,
    pub order: &'a OrderNo,
    pub line: &'a str,
    pub item: &'a ItemCode,
    pub location: &'a LocationCode,
}

/// Movements of `qty` (+ out of the location) of `item` on the line: one per lot (`lots`
/// signed like `qty`), or one for an untracked item.
fn by_lots(
    at: &LineAt<'_>,
    kind: MovementKind,
    item: &ItemCode,
    qty: Quantity,
    lots: &[LotQty],
    reason: Option<&str>,
) -> Vec<LedgerMove> {
    let source = if kind == MovementKind::LeadScrap {
        Source::LeadScrap
    } else {
        Source::Substitute
    };
    let each: Vec<(Option<&str>, Quantity)> = if lots.is_empty() {
        vec![(None, qty)]
    } else {
        lots.iter().map(|l| (Some(l.lot.as_str()), l.qty)).collect()
    };
    each.into_iter()
        .map(|(lot, q)| {
            let mut m = LedgerMove::new(kind, source, item, at.location, -q);
            m.lot = lot.map(str::to_string);
            m.report = Some(at.report);
            m.line = Some(at.line.to_string());
            m.reason = reason.map(str::to_string);
            m
        })
        .collect()
}

/// A lead's scrap adjustment on a line: named, so that the quantity and the value (both
/// decimals) cannot change places.
#[derive(Debug, Clone, Copy)]
pub struct ScrapAdjustment<'a> {
    /// More of the line's item issued as scrap (negative: a correction back).
    pub qty: Quantity,
    /// The lots it is taken from (or returned to), when tracked.
    pub lots: &'a [LotQty],
    /// The scrap reason code.
    pub reason: &'a str,
    /// Its value at standard cost.
    pub value: Money,
}

/// A scrap adjustment of the line `at`.
#[must_use]
pub fn scrap(
    at: &LineAt<'_>,
    ScrapAdjustment {
        qty,
        lots,
        reason,
        value,
    }: ScrapAdjustment<'_>,
    names: &AccountNames,
) -> PostingPlan {
    let mut out = PostingPlan::new(PostingKind::Adjustment(at.report));
    out.movements = by_lots(
        at,
        MovementKind::LeadScrap,
        at.item,
        qty,
        lots,
        Some(reason),
    );
    out.journal(Entry::new(
        EntryKind::LeadScrap,
        EntryOf::report(at.report, at.order),
        &journal::material_issued(value, JournalNote::LeadScrapAdjustment),
        names,
    ));
    out
}

/// A scrap correction larger than the scrap it corrects: the line's component scrap so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeyondScrap {
    pub scrap: Quantity,
}

/// Checks a scrap adjustment of `qty` against the line's component scrap so far (its line
/// scrap and earlier adjustments, net): a correction (negative) takes back at most that scrap.
/// Material that was never used goes back as a return of a hand issue, not as less scrap.
///
/// # Errors
/// The correction takes back more than the line's scrap so far.
pub fn check_correction(qty: Quantity, scrap_so_far: Quantity) -> Result<(), BeyondScrap> {
    let scrap = scrap_so_far.max(Quantity::ZERO);
    if qty.is_sign_negative() && -qty > scrap {
        return Err(BeyondScrap { scrap });
    }
    Ok(())
}

/// What a substitution moves: `returned` of the line's item back (by its lots, signed −),
/// and `issued` of the substitute out (by its lots), each at its value.
#[derive(Debug, Clone, Copy)]
pub struct Swap<'a> {
    pub returned: SwapSide<'a>,
    pub substitute: &'a ItemCode,
    pub issued: SwapSide<'a>,
}

/// One side of a substitution: a quantity, the lots it moves (when tracked) and its value,
/// named so that the quantity and the value (both decimals) cannot change places.
#[derive(Debug, Clone, Copy)]
pub struct SwapSide<'a> {
    pub qty: Quantity,
    pub lots: &'a [LotQty],
    pub value: Money,
}

/// A substitution: the line's item returned (when any), the substitute issued.
#[must_use]
pub fn substitute(at: &LineAt<'_>, swap: &Swap<'_>, names: &AccountNames) -> PostingPlan {
    let mut out = PostingPlan::new(PostingKind::Substitution(at.report));
    let SwapSide {
        qty: returned,
        lots: returned_lots,
        value: back,
    } = swap.returned;
    let SwapSide {
        qty: issued,
        lots: issued_lots,
        value,
    } = swap.issued;
    if !returned.is_zero() {
        out.movements.extend(by_lots(
            at,
            MovementKind::SubstitutionReturn,
            at.item,
            -returned,
            returned_lots,
            None,
        ));
    }
    out.movements.extend(by_lots(
        at,
        MovementKind::SubstitutionIssue,
        swap.substitute,
        issued,
        issued_lots,
        None,
    ));
    out.journal(Entry::new(
        EntryKind::Substitution,
        EntryOf::report(at.report, at.order),
        &journal::substitution(back, value),
        names,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn q(n: i64) -> Quantity {
        Quantity(Decimal::from(n))
    }

    #[test]
    fn a_correction_takes_back_at_most_the_line_s_scrap_so_far() {
        assert_eq!(
            check_correction(q(-1), q(0)),
            Err(BeyondScrap { scrap: q(0) })
        );
        assert_eq!(
            check_correction(q(-3), q(2)),
            Err(BeyondScrap { scrap: q(2) })
        );
        assert_eq!(check_correction(q(-2), q(2)), Ok(()));
        assert_eq!(
            check_correction(q(5), q(0)),
            Ok(()),
            "more scrap is not bounded here"
        );
    }

    #[test]
    fn a_substitution_returns_the_line_s_item_then_issues_the_substitute() {
        let (order, item, location, sub) = (
            OrderNo::from("WO1"),
            ItemCode::from("C1"),
            LocationCode::from("M1"),
            ItemCode::from("C2"),
        );
        let at = LineAt {
            report: ReportId::from(1),
            order: &order,
            line: "10",
            item: &item,
            location: &location,
        };
        let back = [LotQty::new("A", q(-1))];
        let swap = Swap {
            returned: SwapSide {
                qty: q(1),
                lots: &back,
                value: Money(Decimal::from(2)),
            },
            substitute: &sub,
            issued: SwapSide {
                qty: q(1),
                lots: &[],
                value: Money(Decimal::from(3)),
            },
        };
        let plan = substitute(&at, &swap, &AccountNames::default());
        let moves: Vec<_> = plan
            .movements
            .iter()
            .map(|m| (m.kind, m.item.as_str(), m.lot.as_deref(), m.qty, m.source))
            .collect();
        assert_eq!(
            moves,
            [
                (
                    MovementKind::SubstitutionReturn,
                    "C1",
                    Some("A"),
                    q(1),
                    Source::Substitute
                ),
                (
                    MovementKind::SubstitutionIssue,
                    "C2",
                    None,
                    q(-1),
                    Source::Substitute
                ),
            ]
        );
        assert!(plan.journal[0].balanced());
        assert_eq!(plan.journal[0].order, Some(order.clone()));
        let scrapped = scrap(
            &at,
            ScrapAdjustment {
                qty: q(2),
                lots: &[],
                reason: "DAMAGED",
                value: Money(Decimal::from(4)),
            },
            &AccountNames::default(),
        );
        let m = &scrapped.movements[0];
        assert_eq!(
            (m.qty, m.source, m.reason.as_deref()),
            (q(-2), Source::LeadScrap, Some("DAMAGED"))
        );
    }
}
