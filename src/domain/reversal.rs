//! The reversal of a posted report, as a pure plan: exact compensating movements
//! for every movement the report posted, and its units, planned quantities and carried setup
//! taken out of the order's progress. The store reads the report, asks for the plan and
//! applies it in one transaction; the ledger stays append-only.

use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;
use crate::domain::qty::Quantity;

use super::movement::MovementKind;

/// A movement the report posted, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct PostedMovement {
    pub id: i64,
    pub kind: MovementKind,
    pub item: ItemCode,
    pub location: LocationCode,
    /// Signed as stored: + into the location.
    pub qty: Quantity,
    pub line: Option<String>,
    /// The lot of a tracked item's movement.
    pub lot: Option<String>,
}

/// What the report added to its order's progress.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostedProgress {
    pub operation: i64,
    pub good: Quantity,
    pub scrap: Quantity,
    pub lines: Vec<LinePosted>,
    /// Operations whose setup the report carried.
    pub setups: Vec<i64>,
}

/// What a report added to one material line: its planned quantity, and whether it carried
/// the per-order quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePosted {
    pub line: String,
    pub planned: Quantity,
    pub carried: bool,
}

/// What to take back out of one material line: the planned quantity and the carried count
/// to add (both negative or zero).
#[derive(Debug, Clone, PartialEq)]
pub struct LineBack {
    pub line: String,
    pub planned: Quantity,
    pub carried: i64,
}

/// One compensating movement.
#[derive(Debug, Clone, PartialEq)]
pub struct Compensation {
    pub reverses: i64,
    pub kind: MovementKind,
    pub item: ItemCode,
    pub location: LocationCode,
    pub qty: Quantity,
    pub line: Option<String>,
    /// The same lot the compensated movement moved.
    pub lot: Option<String>,
}

/// The progress to take back out of the order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgressBack {
    pub operation: i64,
    pub good: Quantity,
    pub scrap: Quantity,
    pub lines: Vec<LineBack>,
    /// Operations whose setup is no longer carried (−1 each).
    pub setups: Vec<i64>,
}

/// The plan of a reversal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReversalPlan {
    pub movements: Vec<Compensation>,
    pub progress: ProgressBack,
}

/// A reversal that would take a lot or serial below zero: it has since moved or been
/// consumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotGone {
    pub item: ItemCode,
    pub lot: String,
    pub location: LocationCode,
    pub wanted: Quantity,
    pub holds: Quantity,
}

/// Plans the reversal of a report from what it posted. Movements no reversal compensates
/// (there are none among a report's own) are left alone. `lot_holds(item, location, lot)` is
/// a lot's balance now: a compensation never takes a lot below zero.
///
/// # Errors
/// [`LotGone`] for the first lot that no longer holds what the reversal takes out.
pub fn plan_reversal(
    movements: &[PostedMovement],
    progress: &PostedProgress,
    lot_holds: &dyn Fn(&str, &str, &str) -> Quantity,
) -> Result<ReversalPlan, LotGone> {
    let plan = compensate(movements, progress);
    let mut taking: Vec<(&str, &str, &str, Quantity)> = Vec::new();
    for c in &plan.movements {
        if let Some(lot) = c.lot.as_deref()
            && c.qty < Quantity::ZERO
        {
            match taking
                .iter_mut()
                .find(|t| (t.0, t.1, t.2) == (&c.item, &c.location, lot))
            {
                Some(t) => t.3 -= c.qty,
                None => taking.push((&c.item, &c.location, lot, -c.qty)),
            }
        }
    }
    for (item, location, lot, wanted) in taking {
        let holds = lot_holds(item, location, lot);
        if holds < wanted {
            return Err(LotGone {
                item: item.into(),
                lot: lot.to_string(),
                location: location.into(),
                wanted,
                holds,
            });
        }
    }
    Ok(plan)
}

fn compensate(movements: &[PostedMovement], progress: &PostedProgress) -> ReversalPlan {
    ReversalPlan {
        movements: movements
            .iter()
            .filter_map(|m| {
                Some(Compensation {
                    reverses: m.id,
                    kind: m.kind.reversal()?,
                    item: m.item.clone(),
                    location: m.location.clone(),
                    qty: -m.qty,
                    line: m.line.clone(),
                    lot: m.lot.clone(),
                })
            })
            .collect(),
        progress: ProgressBack {
            operation: progress.operation,
            good: -progress.good,
            scrap: -progress.scrap,
            lines: progress
                .lines
                .iter()
                .map(|l| LineBack {
                    line: l.line.clone(),
                    planned: -l.planned,
                    carried: -i64::from(l.carried),
                })
                .collect(),
            setups: progress.setups.clone(),
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::movement::ReversibleKind;
    use rust_decimal::Decimal;

    #[test]
    fn a_reversal_never_takes_a_received_lot_below_zero() {
        let moves = [PostedMovement {
            id: 9,
            kind: MovementKind::Receipt,
            item: "P".into(),
            location: "FG".into(),
            qty: Quantity(Decimal::from(3)),
            line: None,
            lot: Some("WO1".into()),
        }];
        let progress = PostedProgress::default();
        let holds = |_: &str, _: &str, _: &str| Quantity(Decimal::from(2));
        let gone = plan_reversal(&moves, &progress, &holds).unwrap_err();
        assert_eq!(
            (gone.lot.as_str(), gone.wanted, gone.holds),
            (
                "WO1",
                Quantity(Decimal::from(3)),
                Quantity(Decimal::from(2))
            )
        );
        let holds = |_: &str, _: &str, _: &str| Quantity(Decimal::from(3));
        assert!(plan_reversal(&moves, &progress, &holds).is_ok());
    }

    #[test]
    fn every_movement_is_compensated_exactly_and_progress_goes_back() {
        let moves = [
            PostedMovement {
                id: 7,
                kind: MovementKind::Issue,
                item: "C1".into(),
                location: "M1".into(),
                qty: Quantity(Decimal::from(-4)),
                line: Some("10".into()),
                lot: None,
            },
            PostedMovement {
                id: 8,
                kind: MovementKind::Receipt,
                item: "P".into(),
                location: "FG".into(),
                qty: Quantity(Decimal::from(2)),
                line: None,
                lot: None,
            },
        ];
        let progress = PostedProgress {
            operation: 20,
            good: Quantity(Decimal::from(2)),
            scrap: Quantity(Decimal::ONE),
            lines: vec![LinePosted {
                line: "10".into(),
                planned: Quantity(Decimal::from(4)),
                carried: true,
            }],
            setups: vec![10],
        };
        let plan = plan_reversal(&moves, &progress, &|_, _, _| Quantity(Decimal::ZERO)).unwrap();
        assert_eq!(plan.movements[0].qty, Quantity(Decimal::from(4)));
        assert_eq!(
            plan.movements[0].kind,
            MovementKind::Reverse(ReversibleKind::Issue)
        );
        assert_eq!(plan.movements[1].qty, Quantity(Decimal::from(-2)));
        assert_eq!(plan.movements[1].reverses, 8);
        assert_eq!(plan.progress.good, Quantity(Decimal::from(-2)));
        assert_eq!(
            plan.progress.lines,
            vec![LineBack {
                line: "10".into(),
                planned: Quantity(Decimal::from(-4)),
                carried: -1,
            }]
        );
        assert_eq!(plan.progress.setups, vec![10]);
    }
}
