//! The handler's queue: per machine location and item, what is on hand, what is owed and what
//! released orders still plan to issue there, against the location's minimum and maximum;
//! what to bring, in whole containers, and how many days the stock lasts at the rate the line
//! has used it. Pure: the service reads the figures, this decides every number and the order.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::{Decimal, RoundingStrategy};

use crate::domain::backflush::target;
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::master::Per;
use crate::domain::order::OrderMaterial;
use crate::domain::qty::Quantity;
use crate::domain::uom::Ratio;

/// How a machine location keeps an item: between `min` and `max`, brought in containers of
/// `multiple` (`None`: the item's smallest unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stocking {
    pub min: Quantity,
    pub max: Quantity,
    pub multiple: Option<Quantity>,
}

impl Stocking {
    /// A row that says nothing: the same as no row at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.min.is_zero() && self.max.is_zero() && self.multiple.is_none()
    }
}

/// What the reports of an order line have planned so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Planned {
    /// No report of the order was ever reversed: P is the line's target for the units
    /// reported at its count point, and a per-order line is carried once there are any.
    Units(Quantity),
    /// Kept per line since a reversal: P and whether a report carried a per-order line.
    Stored { planned: Quantity, carried: bool },
}

/// Lines of released orders that issue at one location, alike in everything their remaining
/// demand depends on (so a plant of many identical orders is computed once per kind).
#[derive(Debug, Clone, PartialEq)]
pub struct DemandGroup {
    pub location: LocationCode,
    pub item: ItemCode,
    pub decimals: u32,
    pub per: Per,
    pub qty: Decimal,
    pub base: Decimal,
    pub scrap_factor: Decimal,
    pub order_qty: Quantity,
    pub planned: Planned,
    /// How many lines are alike.
    pub lines: usize,
    /// The orders they belong to, each once, by a number that stands for an order within
    /// one reading (the same order, the same number), ascending.
    pub orders: Vec<u32>,
}

impl DemandGroup {
    /// What one of the lines still plans to issue: `target(Q) − P`, never below 0; a
    /// per-order line its whole quantity until a report carried it.
    #[must_use]
    pub fn per_line(&self) -> Quantity {
        let material = OrderMaterial {
            line: String::new(),
            component: self.item.clone(),
            qty: self.qty,
            base: self.base,
            per: self.per,
            scrap_factor: self.scrap_factor,
            operation: 0,
            bom_backflush: None,
            order_backflush: None,
            supply_location: None,
            uom: None,
            ratio: Ratio::ONE,
        };
        let whole = target(&material, self.order_qty, self.decimals).1;
        let (planned, carried) = match self.planned {
            Planned::Units(units) if units.is_zero() => (Quantity::ZERO, false),
            Planned::Units(units) => (target(&material, units, self.decimals).1, true),
            Planned::Stored { planned, carried } => (planned, carried),
        };
        match self.per {
            Per::Unit => whole.saturating_sub(planned).max(Quantity::ZERO),
            Per::Order if carried => Quantity::ZERO,
            Per::Order => whole,
        }
    }
}

/// Everything the queue is calculated from, by (location, item).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Usable stock at the machine locations: unexpired lots.
    pub on_hand: BTreeMap<(LocationCode, ItemCode), Quantity>,
    /// Items with any balance at a machine location (expired lots included): they have a row.
    pub stocked: BTreeSet<(LocationCode, ItemCode)>,
    /// The open exceptions waiting there (qty + line scrap).
    pub owed: BTreeMap<(LocationCode, ItemCode), Quantity>,
    pub demand: Vec<DemandGroup>,
    pub stocking: BTreeMap<(LocationCode, ItemCode), Stocking>,
    /// Net used in the window (reports and hand issues, net of reversals and returns).
    pub used: BTreeMap<(LocationCode, ItemCode), Quantity>,
    /// Storage locations holding usable stock of each item.
    pub sources: BTreeMap<ItemCode, Vec<(LocationCode, Quantity)>>,
    /// Each item's decimals.
    pub decimals: BTreeMap<ItemCode, u32>,
    /// The window of daily use, in days.
    pub days: u32,
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub location: LocationCode,
    pub item: ItemCode,
    pub on_hand: Quantity,
    pub owed: Quantity,
    pub demand: Quantity,
    pub projected: Quantity,
    pub min: Quantity,
    pub max: Quantity,
    pub multiple: Quantity,
    pub bring: Quantity,
    /// What was used a day over the window, rounded half up to 2 more decimals than the item's.
    pub daily_use: Quantity,
    /// On hand ÷ the unrounded daily use, 1 decimal; 0 when nothing is on hand; `None` when
    /// nothing was used.
    pub days_left: Option<Decimal>,
    /// Storage locations holding usable stock, most first, then by location.
    pub sources: Vec<(LocationCode, Quantity)>,
    /// How many released orders still plan to issue the item there.
    pub orders: usize,
}

impl Row {
    /// What the location needs in all: the orders' demand and what is owed.
    #[must_use]
    pub fn need(&self) -> Quantity {
        self.demand + self.owed
    }
}

/// The smallest unit of an item of `decimals` places (1, 0.1, 0.001…).
#[must_use]
pub fn smallest_unit(decimals: u32) -> Quantity {
    Quantity(Decimal::new(1, decimals.min(28)))
}

/// What to bring: nothing while projected stays at min or above; else up to max in whole
/// containers. Without a row, the shortfall rounded up to the item's smallest unit.
#[must_use]
pub fn bring(projected: Quantity, stocking: Option<&Stocking>, decimals: u32) -> Quantity {
    match stocking {
        None => (-projected).max(Quantity::ZERO).ceil_to(decimals),
        Some(s) if projected >= s.min => Quantity::ZERO,
        Some(s) => {
            let multiple = s.multiple.unwrap_or_else(|| smallest_unit(decimals));
            let gap = s.max.saturating_sub(projected);
            if gap <= Quantity::ZERO {
                return Quantity::ZERO;
            }
            let containers = gap.ratio_to(multiple).map_or(Decimal::ZERO, |r| r.ceil());
            multiple
                .checked_mul(containers)
                .unwrap_or(Quantity(Decimal::MAX))
        }
    }
}

/// The daily use shown (half up, 2 more decimals than the item's) and the days the stock on
/// hand lasts at the unrounded use (half up, 1 decimal).
#[must_use]
pub fn daily_use(
    used: Quantity,
    days: u32,
    on_hand: Quantity,
    decimals: u32,
) -> (Quantity, Option<Decimal>) {
    let used = used.max(Quantity::ZERO);
    let days = Decimal::from(days.max(1));
    let shown = used
        .get()
        .checked_div(days)
        .unwrap_or_default()
        .round_dp_with_strategy(decimals + 2, RoundingStrategy::MidpointAwayFromZero);
    let left = if on_hand <= Quantity::ZERO {
        Some(Decimal::ZERO)
    } else if used.is_zero() {
        None
    } else {
        // on_hand ÷ (used ÷ days), in one exact division.
        on_hand
            .get()
            .checked_mul(days)
            .and_then(|x| x.checked_div(used.get()))
            .map(|d| d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero))
    };
    (Quantity(shown), left.map(|d| d.normalize()))
}

/// Every row of the queue, in its order: the rows with something to bring first, owed first
/// within them, then by days left (the shortest first, none last), location and item; then
/// the rows with nothing to bring in the same order.
#[must_use]
pub fn queue(inputs: &Inputs) -> Vec<Row> {
    let mut demand: BTreeMap<(LocationCode, ItemCode), (Quantity, Vec<u32>)> = BTreeMap::new();
    for g in &inputs.demand {
        let per_line = g.per_line();
        if per_line.is_zero() {
            continue;
        }
        let lines = Decimal::from(g.lines);
        let entry = demand
            .entry((g.location.clone(), g.item.clone()))
            .or_default();
        entry.0 = entry.0.saturating_add(
            per_line
                .checked_mul(lines)
                .unwrap_or(Quantity(Decimal::MAX)),
        );
        entry.1.extend_from_slice(&g.orders);
    }
    // An order with lines in several groups of one location and item counts once.
    for (_, orders) in demand.values_mut() {
        orders.sort_unstable();
        orders.dedup();
    }
    let mut keys: BTreeSet<&(LocationCode, ItemCode)> = BTreeSet::new();
    keys.extend(inputs.stocked.iter());
    keys.extend(inputs.on_hand.keys());
    keys.extend(inputs.owed.keys());
    keys.extend(demand.keys());
    keys.extend(
        inputs
            .stocking
            .iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(k, _)| k),
    );
    let mut rows: Vec<Row> = keys
        .into_iter()
        .map(|key| {
            let (location, item) = key;
            let decimals = inputs.decimals.get(item).copied().unwrap_or(0);
            let on_hand = inputs.on_hand.get(key).copied().unwrap_or_default();
            let owed = inputs.owed.get(key).copied().unwrap_or_default();
            let (demand_qty, orders) = demand
                .get(key)
                .map_or((Quantity::ZERO, 0), |(q, o)| (*q, o.len()));
            let projected = on_hand.saturating_sub(owed).saturating_sub(demand_qty);
            let stocking = inputs.stocking.get(key).filter(|s| !s.is_empty());
            let used = inputs.used.get(key).copied().unwrap_or_default();
            let (daily, days_left) = daily_use(used, inputs.days, on_hand, decimals);
            Row {
                location: location.clone(),
                item: item.clone(),
                on_hand,
                owed,
                demand: demand_qty,
                projected,
                min: stocking.map_or(Quantity::ZERO, |s| s.min),
                max: stocking.map_or(Quantity::ZERO, |s| s.max),
                multiple: stocking
                    .and_then(|s| s.multiple)
                    .unwrap_or_else(|| smallest_unit(decimals)),
                bring: bring(projected, stocking, decimals),
                daily_use: daily,
                days_left,
                sources: inputs.sources.get(item).cloned().unwrap_or_default(),
                orders,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &Row| {
            (
                r.bring.is_zero(),
                r.owed.is_zero(),
                r.days_left.is_none(),
                r.days_left,
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.location.cmp(&b.location))
            .then_with(|| a.item.cmp(&b.item))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        s.parse().unwrap_or_default()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn bring_fills_to_max_in_whole_containers_below_min() {
        let row = Stocking {
            min: q("20"),
            max: q("50"),
            multiple: Some(q("12")),
        };
        // 50 − 8 = 42 → 4 containers of 12 = 48.
        assert_eq!(bring(q("8"), Some(&row), 0), q("48"));
        assert_eq!(bring(q("20"), Some(&row), 0), q("0"), "at min: nothing");
        // Projected below zero: 50 − (−10) = 60 → 5 × 12.
        assert_eq!(bring(q("-10"), Some(&row), 0), q("60"));
        // No multiple: the item's smallest unit.
        let plain = Stocking {
            multiple: None,
            ..row
        };
        assert_eq!(bring(q("8.25"), Some(&plain), 1), q("41.8"));
        // No row: the shortfall, rounded up to the smallest unit.
        assert_eq!(bring(q("-2.0004"), None, 3), q("2.001"));
        assert_eq!(bring(q("3"), None, 0), q("0"));
    }

    #[test]
    fn daily_use_and_days_left_round_half_up() {
        // 10 used over 7 days: 1.428571… → 1.43 for an item of 0 decimals; 6 on hand last
        // 6 × 7 ÷ 10 = 4.2 days.
        assert_eq!(
            daily_use(q("10"), 7, q("6"), 0),
            (q("1.43"), Some(d("4.2")))
        );
        assert_eq!(daily_use(q("0"), 7, q("6"), 0), (q("0"), None));
        assert_eq!(
            daily_use(q("5"), 7, q("0"), 0).1,
            Some(d("0")),
            "nothing on hand"
        );
        // Net returns beyond use are no use at all.
        assert_eq!(daily_use(q("-3"), 7, q("1"), 0), (q("0"), None));
        // 1 ÷ 8 = 0.125 → 0.13 (half up); 1 on hand for 8 days.
        assert_eq!(daily_use(q("1"), 8, q("1"), 0), (q("0.13"), Some(d("8"))));
    }

    fn group(per: Per, planned: Planned) -> DemandGroup {
        DemandGroup {
            location: "M1".into(),
            item: "C1".into(),
            decimals: 0,
            per,
            qty: d("1"),
            base: d("3"),
            scrap_factor: d("1"),
            order_qty: q("10"),
            planned,
            lines: 1,
            orders: vec![1],
        }
    }

    #[test]
    fn a_line_still_plans_its_target_less_what_reports_planned() {
        // 1/3 per unit: target(10) = 4, target(4) = 2.
        assert_eq!(group(Per::Unit, Planned::Units(q("0"))).per_line(), q("4"));
        assert_eq!(group(Per::Unit, Planned::Units(q("4"))).per_line(), q("2"));
        assert_eq!(
            group(Per::Unit, Planned::Units(q("12"))).per_line(),
            q("0"),
            "over-reported: never below 0"
        );
        assert_eq!(
            group(
                Per::Unit,
                Planned::Stored {
                    planned: q("1"),
                    carried: false
                }
            )
            .per_line(),
            q("3")
        );
        assert_eq!(group(Per::Order, Planned::Units(q("0"))).per_line(), q("1"));
        assert_eq!(group(Per::Order, Planned::Units(q("1"))).per_line(), q("0"));
    }

    #[test]
    fn the_queue_puts_owed_first_then_the_fewest_days_left() {
        let key = |l: &str, i: &str| (LocationCode::from(l), ItemCode::from(i));
        let mut inputs = Inputs {
            days: 7,
            ..Inputs::default()
        };
        for (l, i, on_hand, used) in [
            ("M1", "A", "1", "7"),  // 1 day left
            ("M1", "B", "2", "0"),  // no use
            ("M2", "C", "3", "7"),  // 3 days left, owed
            ("M2", "D", "10", "7"), // nothing to bring
        ] {
            inputs.on_hand.insert(key(l, i), q(on_hand));
            inputs.used.insert(key(l, i), q(used));
        }
        inputs.owed.insert(key("M2", "C"), q("5"));
        for i in ["A", "B"] {
            inputs.stocking.insert(
                key("M1", i),
                Stocking {
                    min: q("5"),
                    max: q("10"),
                    multiple: None,
                },
            );
        }
        let rows = queue(&inputs);
        let order: Vec<(&str, Quantity)> =
            rows.iter().map(|r| (r.item.as_str(), r.bring)).collect();
        assert_eq!(
            order,
            vec![("C", q("2")), ("A", q("9")), ("B", q("8")), ("D", q("0"))]
        );
    }
}
