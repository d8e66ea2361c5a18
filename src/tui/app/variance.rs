//! An order's progress and variance: per operation what was reported and what is left, per
//! material line the standard against the actual, what waits in the exception queue, and the
//! order's totals. Keys return [`Effect`]s (see `history`
//! for the shape).

use super::{Action, Effect, Quantity, ReportContext};
use crate::domain::backflush::OperationProgress;
use crate::domain::codes::OrderNo;
use crate::domain::variance::Variance;

/// One operation's progress.
pub struct OperationRow {
    pub operation: i64,
    pub work_center: String,
    pub count_point: bool,
    pub progress: OperationProgress,
    pub left: Quantity,
}

/// One material line with its unit and whether it is issued by hand.
pub struct MaterialRow {
    pub line: crate::domain::variance::VarianceLine,
    pub uom: String,
    pub manual: bool,
}

/// The variance screen of one order.
pub struct VarianceState {
    pub order: OrderNo,
    /// The order quantity: what each operation's gauge fills towards.
    pub qty: Quantity,
    pub title: String,
    /// The title without the description, for a narrow screen.
    pub short_title: String,
    pub operations: Vec<OperationRow>,
    pub materials: Vec<MaterialRow>,
    pub variance: Variance,
    pub selected: usize,
    /// Where Esc goes back to.
    pub from_operations: bool,
}

impl VarianceState {
    /// The progress and variance of the order of `context`; Esc goes back to its operations
    /// when `from_operations`, else to the board.
    #[must_use]
    pub fn new(context: &ReportContext, variance: Variance, from_operations: bool) -> Self {
        let o = &context.order;
        let description = context
            .item(&o.item)
            .map(|i| i.description.clone())
            .unwrap_or_default();
        let operations = o
            .operations
            .iter()
            .map(|op| {
                // An operation flushed by a later count point has what that count point
                // reported through it.
                let reported_at = if op.count_point {
                    op.operation
                } else {
                    crate::domain::backflush::covering_count_point(o, op.operation)
                        .unwrap_or(op.operation)
                };
                let progress = context
                    .progress
                    .operations
                    .get(&reported_at)
                    .copied()
                    .unwrap_or_default();
                OperationRow {
                    operation: op.operation,
                    work_center: op.work_center.clone(),
                    count_point: op.count_point,
                    left: (o.qty - progress.units()).max(Quantity::ZERO),
                    progress,
                }
            })
            .collect();
        let materials = variance
            .lines
            .iter()
            .map(|l| {
                let material = o.materials.iter().find(|m| m.line == l.line);
                MaterialRow {
                    line: l.clone(),
                    uom: context
                        .item(&l.item)
                        .map(|i| i.uom.clone())
                        .unwrap_or_default(),
                    manual: material.is_some_and(|m| !context.is_backflushed(m)),
                }
            })
            .collect();
        VarianceState {
            order: o.order.clone(),
            qty: o.qty,
            title: format!(
                " {} · {} {} · qty {} · progress and variance ",
                o.order, o.item, description, o.qty
            ),
            short_title: format!(
                " {} · {} · qty {} · progress and variance ",
                o.order, o.item, o.qty
            ),
            operations,
            materials,
            variance,
            selected: 0,
            from_operations,
        }
    }

    /// A key on the variance: Esc goes back where it came from, the cursor on its order.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        let order = self.order.clone();
        match action {
            Action::Back if self.from_operations => Effect::OpenOrder {
                order: order.to_string(),
            },
            Action::Back => Effect::OpenOrdersAt {
                order: order.to_string(),
            },
            Action::Refresh => Effect::OpenVariance {
                order: order.to_string(),
                from_operations: self.from_operations,
            },
            _ => Effect::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::qty::Money;

    fn variance(from_operations: bool) -> VarianceState {
        VarianceState {
            order: "WO-1005".into(),
            qty: Quantity::ZERO,
            title: String::new(),
            short_title: String::new(),
            operations: Vec::new(),
            materials: Vec::new(),
            variance: Variance {
                order: "WO-1005".into(),
                lines: Vec::new(),
                expected_cost: Money::ZERO,
                actual_cost: Money::ZERO,
                variance: Money::ZERO,
            },
            selected: 0,
            from_operations,
        }
    }

    #[test]
    fn esc_goes_back_where_the_variance_came_from_and_f5_keeps_that() {
        let order = || "WO-1005".to_string();
        assert_eq!(
            variance(true).on_action(Action::Back),
            Effect::OpenOrder { order: order() }
        );
        assert_eq!(
            variance(false).on_action(Action::Back),
            Effect::OpenOrdersAt { order: order() }
        );
        for from_operations in [true, false] {
            assert_eq!(
                variance(from_operations).on_action(Action::Refresh),
                Effect::OpenVariance {
                    order: order(),
                    from_operations,
                }
            );
        }
    }
}
