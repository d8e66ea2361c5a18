//! Variance of an order: the standard quantity the cumulative
//! rule gives for the units reported so far against what was actually issued.

use crate::domain::codes::{ItemCode, OrderNo};
use std::collections::HashMap;

use crate::domain::qty::{Money, Quantity};

use super::backflush::{Progress, covering_count_point, standard_qty};
use super::master::Item;
use super::order::Order;

/// One material line of the variance.
#[derive(Debug, Clone, PartialEq)]
pub struct VarianceLine {
    pub line: String,
    pub item: ItemCode,
    pub standard_qty: Quantity,
    pub actual_qty: Quantity,
    pub pending_qty: Quantity,
    pub qty_variance: Quantity,
    pub cost_variance: Money,
    pub unit_cost: Money,
    /// Standard cost of substitutes issued on the line instead of its item.
    pub substitute_cost: Money,
}

/// The variance of a whole order; costs are material costs at standard.
#[derive(Debug, Clone, PartialEq)]
pub struct Variance {
    pub order: OrderNo,
    pub lines: Vec<VarianceLine>,
    pub expected_cost: Money,
    pub actual_cost: Money,
    pub variance: Money,
}

/// What the store knows of one line: its item issued so far (net of reversals, with
/// overrides, line scrap, lead adjustments and substitution returns), the standard cost of
/// other items issued on it (substitutes), and open exceptions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineActuals {
    pub issued: Quantity,
    pub substitute_cost: Money,
    pub pending: Quantity,
}

/// Computes the variance of `order`.
#[must_use]
pub fn variance(
    order: &Order,
    progress: &Progress,
    actuals: &HashMap<String, LineActuals>,
    item: &dyn Fn(&str) -> Option<Item>,
) -> Variance {
    let mut lines = Vec::new();
    for material in &order.materials {
        let (decimals, unit_cost) =
            item(&material.component).map_or((0, Money::ZERO), |i| (i.decimals, i.std_cost));
        let units = covering_count_point(order, material.operation)
            .and_then(|cp| progress.operations.get(&cp))
            .map_or(Quantity::ZERO, |p| p.units());
        // A per-order line's standard is its whole quantity as soon as any unreversed unit
        // is reported at the count point that flushes it, whichever report carried it.
        let carried = !units.is_zero();
        let standard = standard_qty(material, units, carried, decimals);
        let actual = actuals.get(&material.line).copied().unwrap_or_default();
        let qty_variance = actual.issued.saturating_sub(standard);
        lines.push(VarianceLine {
            line: material.line.clone(),
            item: material.component.clone(),
            standard_qty: standard,
            actual_qty: actual.issued,
            pending_qty: actual.pending,
            qty_variance,
            cost_variance: qty_variance
                .value_at(unit_cost)
                .saturating_add(actual.substitute_cost),
            unit_cost,
            substitute_cost: actual.substitute_cost,
        });
    }
    let expected_cost = lines.iter().fold(Money::ZERO, |sum, l| {
        sum.saturating_add(l.standard_qty.value_at(l.unit_cost))
    });
    let actual_cost = lines.iter().fold(Money::ZERO, |sum, l| {
        sum.saturating_add(l.actual_qty.value_at(l.unit_cost))
            .saturating_add(l.substitute_cost)
    });
    Variance {
        order: order.order.clone(),
        lines,
        expected_cost,
        actual_cost,
        variance: actual_cost.saturating_sub(expected_cost),
    }
}
