//! Which open exceptions a retry posts (SPEC §2): oldest first, each whole if it fits in what
//! is on hand at that moment; one that does not fit stays open and does not hold back younger
//! ones. A pure decision over a snapshot of the balances; the store applies it.

use std::collections::HashMap;

use rust_decimal::Decimal;

/// An open exception as the decision needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting<'a> {
    pub id: i64,
    pub item: &'a str,
    pub location: &'a str,
    /// The whole line: quantity plus line scrap.
    pub qty: Decimal,
}

/// The ids of `waiting` (oldest first) that post, given what is on hand now.
#[must_use]
pub fn plan_retry(waiting: &[Waiting<'_>], on_hand: &dyn Fn(&str, &str) -> Decimal) -> Vec<i64> {
    let mut left: HashMap<(&str, &str), Decimal> = HashMap::new();
    let mut posting = Vec::new();
    for w in waiting {
        let available = left
            .entry((w.item, w.location))
            .or_insert_with(|| on_hand(w.item, w.location));
        if w.qty <= *available {
            *available -= w.qty;
            posting.push(w.id);
        }
    }
    posting
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn oldest_first_and_a_large_one_does_not_hold_back_a_younger_one() {
        let waiting = [
            Waiting {
                id: 1,
                item: "A",
                location: "M",
                qty: d(6),
            },
            Waiting {
                id: 2,
                item: "A",
                location: "M",
                qty: d(5),
            },
            Waiting {
                id: 3,
                item: "A",
                location: "M",
                qty: d(4),
            },
            Waiting {
                id: 4,
                item: "B",
                location: "M",
                qty: d(1),
            },
        ];
        let on_hand = |item: &str, _: &str| if item == "A" { d(10) } else { d(0) };
        assert_eq!(plan_retry(&waiting, &on_hand), vec![1, 3]);
    }
}
