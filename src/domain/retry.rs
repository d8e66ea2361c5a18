//! Which open exceptions a retry posts: oldest first, each whole if it fits in what
//! is on hand at that moment; one that does not fit stays open and does not hold back younger
//! ones. A deferred lot line is allocated over the unexpired lots in pick order when it posts
//!. A pure decision over a snapshot of the balances; the store applies it.

use std::collections::HashMap;

use crate::domain::ids::ExceptionId;
use crate::domain::qty::Quantity;
use chrono::NaiveDate;

use super::lots::{LotQty, LotStock, PickOrder, allocate};

/// Where an exception of the queue stands: open until it posts or is cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionStatus {
    Open,
    Posted,
    Cancelled,
}

text_enum!(ExceptionStatus { Open => "open", Posted => "posted", Cancelled => "cancelled" });

/// An open exception as the decision needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting<'a> {
    pub id: ExceptionId,
    pub item: &'a str,
    pub location: &'a str,
    /// The whole line: quantity plus line scrap.
    pub qty: Quantity,
}

/// The ids of `waiting` (oldest first) that post, given what is on hand now.
#[must_use]
pub fn plan_retry(
    waiting: &[Waiting<'_>],
    on_hand: &dyn Fn(&str, &str) -> Quantity,
) -> Vec<ExceptionId> {
    let untracked = |_: &str, _: &str| None;
    plan_lot_retry(
        waiting,
        &RetryStock {
            on_hand,
            lots: &untracked,
            pick: PickOrder::Fifo,
            today: NaiveDate::MIN,
        },
    )
    .into_iter()
    .map(|c| c.id)
    .collect()
}

/// The lots of an item at a location once a posting's own movements there are made:
/// `moves` (lot, signed qty) added to `lots`; a lot new at the location takes its expiry and
/// first entry from `entry` (what the store knows of the lot, else a lot new to the store);
/// lots left at zero are dropped, as the store drops them.
#[must_use]
pub fn with_moves(
    mut lots: Vec<LotStock>,
    moves: &[(String, Quantity)],
    entry: &dyn Fn(&str) -> (Option<String>, String),
) -> Vec<LotStock> {
    for (lot, qty) in moves {
        match lots.iter_mut().find(|l| l.lot == *lot) {
            Some(l) => l.qty += *qty,
            None => {
                let (expires, first_at) = entry(lot);
                lots.push(LotStock {
                    lot: lot.clone(),
                    qty: *qty,
                    expires,
                    first_at,
                });
            }
        }
    }
    lots.retain(|l| !l.qty.is_zero());
    lots
}

/// What a retry reads of the stock: balances, and the lots of tracked items.
pub struct RetryStock<'s> {
    pub on_hand: &'s dyn Fn(&str, &str) -> Quantity,
    /// The lots of an item at a location; `None` for an untracked item.
    pub lots: &'s dyn Fn(&str, &str) -> Option<Vec<LotStock>>,
    pub pick: PickOrder,
    pub today: NaiveDate,
}

/// An exception that posts, with the lots it takes (none for an untracked item).
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub id: ExceptionId,
    pub lots: Vec<LotQty>,
}

/// The exceptions of `waiting` (oldest first) that post, each with the lots it takes (empty
/// for an untracked item): a tracked one posts when the unexpired lots cover it.
#[must_use]
pub fn plan_lot_retry(waiting: &[Waiting<'_>], stock: &RetryStock<'_>) -> Vec<Chosen> {
    let mut left: HashMap<(&str, &str), Quantity> = HashMap::new();
    let mut lots_left: HashMap<(&str, &str), Option<Vec<LotStock>>> = HashMap::new();
    let mut posting = Vec::new();
    for w in waiting {
        let lots = lots_left
            .entry((w.item, w.location))
            .or_insert_with(|| (stock.lots)(w.item, w.location));
        if let Some(lots) = lots {
            if let Ok(picked) = allocate(lots, w.qty, stock.pick, stock.today) {
                for p in &picked {
                    if let Some(l) = lots.iter_mut().find(|l| l.lot == p.lot) {
                        l.qty -= p.qty;
                    }
                }
                posting.push(Chosen {
                    id: w.id,
                    lots: picked,
                });
            }
            continue;
        }
        let available = left
            .entry((w.item, w.location))
            .or_insert_with(|| (stock.on_hand)(w.item, w.location));
        if w.qty <= *available {
            *available -= w.qty;
            posting.push(Chosen {
                id: w.id,
                lots: Vec::new(),
            });
        }
    }
    posting
}

/// Where an open exception stands now, were the queue retried at this moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandsNow {
    pub id: ExceptionId,
    /// What it lacks in what the older lines that would post leave (0 when it fits).
    pub short: Quantity,
    /// It would post whole.
    pub fits: bool,
}

/// What each exception of `waiting` (oldest first) lacks now: the retry's own decision
/// (oldest first, each whole if it fits in what is left), with what a line that stays open
/// is short of (a tracked item counts its unexpired lots only).
#[must_use]
pub fn stands_now(waiting: &[Waiting<'_>], stock: &RetryStock<'_>) -> Vec<StandsNow> {
    let posting = plan_lot_retry(waiting, stock);
    let mut left: HashMap<(&str, &str), Quantity> = HashMap::new();
    let mut out = Vec::with_capacity(waiting.len());
    for w in waiting {
        let available = left.entry((w.item, w.location)).or_insert_with(|| {
            match (stock.lots)(w.item, w.location) {
                Some(lots) => lots
                    .iter()
                    .filter(|l| !super::lots::is_expired(l.expires.as_deref(), stock.today))
                    .map(|l| l.qty)
                    .sum(),
                None => (stock.on_hand)(w.item, w.location),
            }
        });
        let fits = posting.iter().any(|c| c.id == w.id);
        if fits {
            *available -= w.qty;
        }
        let short = if fits {
            Quantity::ZERO
        } else {
            (w.qty - (*available).max(Quantity::ZERO)).max(Quantity::ZERO)
        };
        out.push(StandsNow {
            id: w.id,
            short,
            fits,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn d(n: i64) -> Quantity {
        Quantity(Decimal::from(n))
    }

    #[test]
    fn oldest_first_and_a_large_one_does_not_hold_back_a_younger_one() {
        let waiting = [
            Waiting {
                id: ExceptionId(1),
                item: "A",
                location: "M",
                qty: d(6),
            },
            Waiting {
                id: ExceptionId(2),
                item: "A",
                location: "M",
                qty: d(5),
            },
            Waiting {
                id: ExceptionId(3),
                item: "A",
                location: "M",
                qty: d(4),
            },
            Waiting {
                id: ExceptionId(4),
                item: "B",
                location: "M",
                qty: d(1),
            },
        ];
        let on_hand = |item: &str, _: &str| if item == "A" { d(10) } else { d(0) };
        assert_eq!(
            plan_retry(&waiting, &on_hand),
            vec![ExceptionId(1), ExceptionId(3)]
        );
    }

    #[test]
    fn what_a_line_lacks_now_is_what_the_older_lines_that_post_leave() {
        let w = |id: i64, qty: i64| Waiting {
            id: ExceptionId(id),
            item: "A",
            location: "M",
            qty: d(qty),
        };
        let waiting = [w(1, 6), w(2, 5), w(3, 4)];
        let on_hand = |_: &str, _: &str| d(8);
        let untracked = |_: &str, _: &str| None;
        let stock = RetryStock {
            on_hand: &on_hand,
            lots: &untracked,
            pick: PickOrder::Fifo,
            today: NaiveDate::MIN,
        };
        let now: Vec<(i64, String, bool)> = stands_now(&waiting, &stock)
            .into_iter()
            .map(|s| (s.id.0, s.short.to_string(), s.fits))
            .collect();
        assert_eq!(
            now,
            [
                (1, "0".to_string(), true),
                (2, "3".to_string(), false),
                (3, "2".to_string(), false)
            ]
        );
    }

    #[test]
    fn with_moves_adds_to_a_lot_there_and_brings_a_new_one_with_its_entry() {
        let q = |n: i64| Quantity(rust_decimal::Decimal::from(n));
        let held = vec![LotStock {
            lot: "A".into(),
            qty: q(2),
            expires: None,
            first_at: "t0".into(),
        }];
        let moved = with_moves(held, &[("A".into(), q(-2)), ("B".into(), q(3))], &|lot| {
            (Some(format!("{lot}-exp")), "t1".into())
        });
        assert_eq!(
            moved,
            [LotStock {
                lot: "B".into(),
                qty: q(3),
                expires: Some("B-exp".into()),
                first_at: "t1".into(),
            }]
        );
    }
}
