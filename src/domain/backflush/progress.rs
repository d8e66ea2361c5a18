//! What an order's reports add up to: derived line progress and the remaining needs that
//! staging and shortage flags read.

use super::{
    HashMap, ItemType, LineProgress, Lookup, OperationProgress, Order, Per, Progress, Quantity,
    covering_count_point, target,
};
use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;

/// The `P` and carried count of every line of an order none of whose reports was ever
/// reversed. Each report then planned exactly `target(U') − target(U)`, so the sum is
/// `target(U)` at the count point that flushes the line, and a per-order line has been
/// carried exactly when that count point has reports.
#[must_use]
pub fn derived_line_progress(
    order: &Order,
    operations: &HashMap<i64, OperationProgress>,
    decimals: &dyn Fn(&str) -> u32,
) -> HashMap<String, LineProgress> {
    order
        .materials
        .iter()
        .map(|m| {
            let units = covering_count_point(order, m.operation)
                .and_then(|cp| operations.get(&cp))
                .map_or(Quantity::ZERO, OperationProgress::units);
            let progress = if units.is_zero() {
                LineProgress::default()
            } else {
                let planned = target(m, units, decimals(&m.component)).1;
                LineProgress {
                    planned,
                    carried: i64::from(m.per == Per::Order),
                }
            };
            (m.line.clone(), progress)
        })
        .collect()
}

/// What a stock line of an order still needs for the rest of the order quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub item: ItemCode,
    pub location: LocationCode,
    pub qty: Quantity,
}

/// The remaining planned quantities of an order's stock lines (backflushed and manual), summed per item and
/// issue location: `target(order qty) − P` for per-unit lines, the whole quantity for a
/// per-order line no report has carried yet. Feeds shortage flags and the staging list.
#[must_use]
pub fn remaining_needs(order: &Order, progress: &Progress, lookup: &dyn Lookup) -> Vec<Need> {
    let mut needs: Vec<Need> = Vec::new();
    for m in &order.materials {
        let Some(item) = lookup.item(&m.component) else {
            continue;
        };
        let Some(wc) = order
            .operations
            .iter()
            .find(|o| o.operation == m.operation)
            .and_then(|o| lookup.work_center(&o.work_center))
        else {
            continue;
        };
        // Every stock line is staged, backflushed and manual alike.
        if item.item_type == ItemType::NonStock {
            continue;
        }
        let p = progress.lines.get(&m.line).copied().unwrap_or_default();
        let qty = match m.per {
            Per::Unit => (target(m, order.qty, item.decimals).1 - p.planned).max(Quantity::ZERO),
            Per::Order if p.carried == 0 => target(m, order.qty, item.decimals).1,
            Per::Order => Quantity::ZERO,
        };
        if qty.is_zero() {
            continue;
        }
        let location = m
            .supply_location
            .clone()
            .unwrap_or_else(|| wc.location.clone());
        match needs
            .iter_mut()
            .find(|n| n.item == m.component && n.location == location)
        {
            Some(n) => n.qty = n.qty.saturating_add(qty),
            None => needs.push(Need {
                item: m.component.clone(),
                location,
                qty,
            }),
        }
    }
    needs
}
