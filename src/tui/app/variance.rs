//! An order's progress and variance: per operation what was reported and what is left, per
//! material line the standard against the actual, what waits in the exception queue, and the
//! order's totals (SPEC §2 "Variance per order").

use super::*;
use crate::domain::backflush::OperationProgress;
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
    pub order: String,
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

impl App {
    /// Opens the variance of `order`.
    pub fn open_variance(&mut self, order: &str) {
        let from_operations = matches!(self.screen, Screen::Operations(_));
        let loaded = self
            .service
            .report_context(order, std::iter::empty())
            .and_then(|c| self.service.variance(order).map(|v| (c, v)));
        let (context, variance) = match loaded {
            Ok(x) => x,
            Err(e) => return self.error(e.to_string()),
        };
        let o = &context.order;
        let description = context
            .item(&o.item)
            .map(|i| i.description.clone())
            .unwrap_or_default();
        let operations = o
            .operations
            .iter()
            .map(|op| {
                let progress = context
                    .progress
                    .operations
                    .get(&op.operation)
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
        self.screen = Screen::Variance(Box::new(VarianceState {
            order: o.order.clone(),
            title: format!(
                " {} · {} {} · qty {} · progress and variance ",
                o.order,
                o.item,
                description,
                canonical(o.qty)
            ),
            short_title: format!(
                " {} · {} · qty {} · progress and variance ",
                o.order,
                o.item,
                canonical(o.qty)
            ),
            operations,
            materials,
            variance,
            selected: 0,
            from_operations,
        }));
    }

    pub(super) fn variance_action(&mut self, action: Action) {
        let Screen::Variance(v) = &self.screen else {
            return;
        };
        match action {
            Action::Back if v.from_operations => {
                let order = v.order.clone();
                self.open_order(&order);
            }
            Action::Back => {
                let order = v.order.clone();
                self.open_orders();
                self.select_order(&order);
            }
            Action::Refresh => {
                let order = v.order.clone();
                let from = v.from_operations;
                self.open_variance(&order);
                if let Screen::Variance(v) = &mut self.screen {
                    v.from_operations = from;
                }
            }
            _ => {}
        }
    }
}
