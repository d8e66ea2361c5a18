//! Genealogy through orders, as a pure walk over what each order consumed
//! and received, net of reversals and returns: every lot an order consumed went into every
//! lot it received. Both directions recurse through orders; an untracked finished item ends
//! the forward walk.

use crate::domain::codes::{ItemCode, OrderNo};
use std::collections::{BTreeMap, BTreeSet};

use crate::domain::qty::Quantity;

/// What one order did with one item and lot, net.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLot {
    pub order: OrderNo,
    pub item: ItemCode,
    /// `None`: an untracked item (only finished goods are kept untracked).
    pub lot: Option<String>,
    /// Net quantity consumed (issues less returns and reversals).
    pub consumed: Quantity,
    /// Net quantity received (receipts less their reversals).
    pub received: Quantity,
}

/// One link of the genealogy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub level: u32,
    pub order: OrderNo,
    pub item: ItemCode,
    pub lot: Option<String>,
    pub qty: Quantity,
}

/// Both directions of a lot's genealogy, links sorted by level, order, item, lot.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Genealogy {
    pub backward: Vec<Link>,
    pub forward: Vec<Link>,
}

type Key = (String, Option<String>);

/// One side of an order's use of a lot: consumed or received.
type Side = fn(&OrderLot) -> Quantity;

/// Walks the genealogy of `item` / `lot` over `facts`.
#[must_use]
pub fn trace(facts: &[OrderLot], item: &str, lot: &str) -> Genealogy {
    let start: Key = (item.to_string(), Some(lot.to_string()));
    Genealogy {
        backward: walk(facts, &start, Direction::Backward),
        forward: walk(facts, &start, Direction::Forward),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// From a lot to the orders that received it, to the lots they consumed.
    Backward,
    /// From a lot to the orders that consumed it, to the lots they received.
    Forward,
}

fn walk(facts: &[OrderLot], start: &Key, direction: Direction) -> Vec<Link> {
    // The side of an order a lot enters by, and the side its links leave by.
    let (enter, leave): (Side, Side) = match direction {
        Direction::Backward => (|f| f.received, |f| f.consumed),
        Direction::Forward => (|f| f.consumed, |f| f.received),
    };
    let mut links: BTreeMap<(u32, String, String, Option<String>), Quantity> = BTreeMap::new();
    let mut seen_orders: BTreeSet<String> = BTreeSet::new();
    let mut frontier: Vec<Key> = vec![start.clone()];
    let mut seen_lots: BTreeSet<Key> = BTreeSet::from([start.clone()]);
    let mut level = 0;
    while !frontier.is_empty() {
        level += 1;
        let orders: BTreeSet<&str> = facts
            .iter()
            .filter(|f| enter(f) > Quantity::ZERO)
            .filter(|f| frontier.iter().any(|(i, l)| *i == f.item && *l == f.lot))
            .map(|f| f.order.as_str())
            .filter(|o| !seen_orders.contains(*o))
            .collect();
        let mut next = Vec::new();
        for order in orders {
            seen_orders.insert(order.to_string());
            for f in facts.iter().filter(|f| f.order == order) {
                let qty = leave(f);
                // Backward lists tracked component lots only.
                if qty.is_zero() || (direction == Direction::Backward && f.lot.is_none()) {
                    continue;
                }
                *links
                    .entry((
                        level,
                        f.order.to_string(),
                        f.item.to_string(),
                        f.lot.clone(),
                    ))
                    .or_default() += qty;
                let key: Key = (f.item.to_string(), f.lot.clone());
                // An untracked finished item ends the walk.
                if f.lot.is_some() && seen_lots.insert(key.clone()) {
                    next.push(key);
                }
            }
        }
        frontier = next;
    }
    links
        .into_iter()
        .filter(|(_, qty)| !qty.is_zero())
        .map(|((level, order, item, lot), qty)| Link {
            level,
            order: order.into(),
            item: item.into(),
            lot,
            qty,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn fact(order: &str, item: &str, lot: Option<&str>, consumed: i64, received: i64) -> OrderLot {
        OrderLot {
            order: order.into(),
            item: item.into(),
            lot: lot.map(String::from),
            consumed: Quantity(Decimal::from(consumed)),
            received: Quantity(Decimal::from(received)),
        }
    }

    fn link(level: u32, order: &str, item: &str, lot: Option<&str>, qty: i64) -> Link {
        Link {
            level,
            order: order.into(),
            item: item.into(),
            lot: lot.map(String::from),
            qty: Quantity(Decimal::from(qty)),
        }
    }

    /// W1 makes sub-assembly S lot S1 from resin R lot R1; W2 makes final F (untracked) from
    /// S1 and oil O lot O1; W3 consumed R1 and gave it all back (net 0).
    fn facts() -> Vec<OrderLot> {
        vec![
            fact("W1", "R", Some("R1"), 4, 0),
            fact("W1", "S", Some("S1"), 0, 2),
            fact("W2", "S", Some("S1"), 2, 0),
            fact("W2", "O", Some("O1"), 1, 0),
            fact("W2", "F", None, 0, 2),
            fact("W3", "R", Some("R1"), 0, 0),
        ]
    }

    #[test]
    fn backward_walks_down_through_the_orders_that_made_each_lot() {
        let g = trace(&facts(), "F", "x");
        assert!(
            g.backward.is_empty(),
            "an untracked item has no lot to trace"
        );
        let g = trace(&facts(), "S", "S1");
        assert_eq!(g.backward, vec![link(1, "W1", "R", Some("R1"), 4)]);
        assert_eq!(g.forward, vec![link(1, "W2", "F", None, 2)]);
    }

    #[test]
    fn forward_recurses_and_a_net_zero_consumption_is_left_out() {
        let g = trace(&facts(), "R", "R1");
        assert_eq!(
            g.forward,
            vec![
                link(1, "W1", "S", Some("S1"), 2),
                link(2, "W2", "F", None, 2),
            ]
        );
        assert!(g.backward.is_empty());
    }

    #[test]
    fn a_cycle_of_orders_ends() {
        let facts = vec![
            fact("W1", "A", Some("1"), 1, 0),
            fact("W1", "B", Some("1"), 0, 1),
            fact("W2", "B", Some("1"), 1, 0),
            fact("W2", "A", Some("1"), 0, 1),
        ];
        let g = trace(&facts, "A", "1");
        assert_eq!(g.forward.len(), 2);
        assert_eq!(g.backward.len(), 2);
    }
}
