//! Lots and serials as pure plans: the pick order of the lots at a location (FIFO,
//! FEFO, expired lots never chosen automatically), allocating a quantity over them, reading
//! and checking a `LOT[:QTY],…` allocation, and returning a quantity to the lots a line
//! consumed in reverse FIFO. Dates come from the caller (`today` is UTC); nothing here reads
//! a clock or the store.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::master::Tracking;
use super::qty::Quantity;

mod allocation;
mod returns;

pub use allocation::{AllocationError, NotHeld, PartProblem, check_holds, parse_allocation};
pub use returns::{Consumed, LineLots, LinePlanError, ReturnError, plan_line_lots, plan_return};

/// One lot of an item at a location: its balance, expiry and first entry into the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotStock {
    /// `""` is the unknown lot (stock from a system that kept no lots).
    pub lot: String,
    pub qty: Quantity,
    /// `YYYY-MM-DD`, or none.
    pub expires: Option<String>,
    /// When the posting that first brought the lot into the store committed (RFC 3339 UTC,
    /// fixed width, so text order is time order).
    pub first_at: String,
}

/// A quantity of one lot, in the order it is taken.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LotQty {
    pub lot: String,
    pub qty: Quantity,
}

impl LotQty {
    #[must_use]
    pub fn new(lot: &str, qty: Quantity) -> Self {
        LotQty {
            lot: lot.to_string(),
            qty,
        }
    }
}

/// How lots are chosen: the pick order, and the posting's day (a lot expired before it is
/// never chosen automatically).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LotPick {
    pub order: PickOrder,
    pub today: NaiveDate,
}

/// How an item is counted: its tracking (by lot, by serial, not at all) and the decimals
/// its quantities take, which decide how a named allocation reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub tracking: Tracking,
    pub decimals: u32,
}

/// How the program ranks lots when it chooses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PickOrder {
    /// Oldest first entry first, then the lot code; lot `""` the oldest.
    #[default]
    Fifo,
    /// Lots with an expiry first, earliest first (ties FIFO), then the others FIFO.
    Fefo,
}

/// `[policy] lot_selection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LotSelection {
    /// Lot- and serial-tracked lines are manual lines.
    #[default]
    Manual,
    Fifo,
    Fefo,
}

text_enum!(LotSelection { Manual => "manual", Fifo => "fifo", Fefo => "fefo" });

impl LotSelection {
    /// The pick order wherever the program chooses lots (`fifo` also under `manual`).
    #[must_use]
    pub fn pick_order(self) -> PickOrder {
        match self {
            LotSelection::Fefo => PickOrder::Fefo,
            LotSelection::Manual | LotSelection::Fifo => PickOrder::Fifo,
        }
    }

    /// Whether a lot-tracked line whose other flags say backflush is backflushed.
    #[must_use]
    pub fn backflushes_lots(self) -> bool {
        self != LotSelection::Manual
    }
}

/// Whether a lot with this expiry is expired on `today` (its expiry is before today).
#[must_use]
pub fn is_expired(expires: Option<&str>, today: NaiveDate) -> bool {
    expires
        .and_then(parse_date)
        .is_some_and(|date| date < today)
}

/// Parses `YYYY-MM-DD`.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn fifo_cmp(a: &LotStock, b: &LotStock) -> Ordering {
    // The unknown lot counts as the oldest.
    (!a.lot.is_empty(), &a.first_at, &a.lot).cmp(&(!b.lot.is_empty(), &b.first_at, &b.lot))
}

fn fefo_cmp(a: &LotStock, b: &LotStock) -> Ordering {
    let date = |l: &LotStock| l.expires.as_deref().and_then(parse_date);
    match (date(a), date(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| fifo_cmp(a, b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => fifo_cmp(a, b),
    }
}

/// Sorts lots into pick order (expired ones included; see [`pick`]).
pub fn sort_lots(lots: &mut [LotStock], order: PickOrder) {
    match order {
        PickOrder::Fifo => lots.sort_by(fifo_cmp),
        PickOrder::Fefo => lots.sort_by(fefo_cmp),
    }
}

/// The lots the program may choose, in pick order: positive balances, never an expired lot.
#[must_use]
pub fn pick(lots: &[LotStock], order: PickOrder, today: NaiveDate) -> Vec<LotStock> {
    let mut out: Vec<LotStock> = lots
        .iter()
        .filter(|l| l.qty > Quantity::ZERO && !is_expired(l.expires.as_deref(), today))
        .cloned()
        .collect();
    sort_lots(&mut out, order);
    out
}

/// What the choosable lots lack to cover a quantity.
/// Splits lots taken in order into the first `qty` and the rest: a line's issue takes its
/// lots first, its component scrap the rest.
#[must_use]
pub fn split_lots(lots: &[LotQty], qty: Quantity) -> (Vec<LotQty>, Vec<LotQty>) {
    let mut first = Vec::new();
    let mut rest = Vec::new();
    let mut left = qty;
    for l in lots {
        let take = left.min(l.qty).max(Quantity::ZERO);
        if !take.is_zero() {
            first.push(LotQty::new(&l.lot, take));
        }
        if l.qty > take {
            rest.push(LotQty::new(&l.lot, l.qty - take));
        }
        left -= take;
    }
    (first, rest)
}

/// Why the lots a movement takes could not be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakeError {
    /// The named allocation does not read.
    Allocation(AllocationError),
    /// A named lot does not hold its quantity.
    NotHeld(NotHeld),
    /// The unexpired lots do not cover the quantity (no lot named).
    Uncovered(Uncovered),
}

/// The lots a movement of `qty` takes from `lots`: the ones `named` (`LOT[:QTY],…`, expired
/// ones allowed: the user asserts them), else the unexpired ones in pick order.
///
/// # Errors
/// [`TakeError`].
pub fn take(
    lots: &[LotStock],
    qty: Quantity,
    named: Option<&str>,
    counted: Counted,
    pick: LotPick,
) -> Result<Vec<LotQty>, TakeError> {
    let Some(text) = named else {
        return allocate(lots, qty, pick.order, pick.today).map_err(TakeError::Uncovered);
    };
    let picked = parse_allocation(text, qty, counted.tracking, counted.decimals)
        .map_err(TakeError::Allocation)?;
    let holds = |lot: &str| {
        lots.iter()
            .find(|l| l.lot == lot)
            .map_or(Quantity::ZERO, |l| l.qty)
    };
    check_holds(&picked, &holds).map_err(TakeError::NotHeld)?;
    Ok(picked)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    /// What the choosable (unexpired) lots hold in all.
    pub available: Quantity,
    pub shortfall: Quantity,
}

/// Allocates `qty` over the lots in pick order, whole lots first, the last one partly. A line
/// is never split between lots and a shortage: when the choosable lots do not cover it, the
/// answer says by how much.
///
/// # Errors
/// The unexpired lots hold less than `qty`.
pub fn allocate(
    lots: &[LotStock],
    qty: Quantity,
    order: PickOrder,
    today: NaiveDate,
) -> Result<Vec<LotQty>, Uncovered> {
    let ranked = pick(lots, order, today);
    let available: Quantity = ranked.iter().map(|l| l.qty).sum();
    if available < qty {
        return Err(Uncovered {
            available,
            shortfall: qty - available,
        });
    }
    Ok(fill(&ranked, qty))
}

/// Takes `qty` from `lots` in the order given: whole lots first, the last one partly; no
/// more lots once `qty` is taken (what they lack, if anything, is the caller's to check).
fn fill<'a>(lots: impl IntoIterator<Item = &'a LotStock>, qty: Quantity) -> Vec<LotQty> {
    let mut left = qty;
    let mut out = Vec::new();
    for l in lots {
        if left <= Quantity::ZERO {
            break;
        }
        let take = left.min(l.qty);
        out.push(LotQty::new(&l.lot, take));
        left -= take;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn lot(code: &str, qty: i64, expires: Option<&str>, first: &str) -> LotStock {
        LotStock {
            lot: code.to_string(),
            qty: Quantity(Decimal::from(qty)),
            expires: expires.map(str::to_string),
            first_at: first.to_string(),
        }
    }

    #[test]
    fn fifo_ties_break_on_the_lot_code() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let lots = [lot("B", 1, None, "t1"), lot("A", 1, None, "t1")];
        let order: Vec<String> = pick(&lots, PickOrder::Fifo, today)
            .into_iter()
            .map(|l| l.lot)
            .collect();
        assert_eq!(order, ["A", "B"]);
    }

    #[test]
    fn fill_takes_whole_lots_in_the_order_given_and_the_last_one_partly() {
        let lots = [
            lot("A", 3, None, "t1"),
            lot("B", 4, None, "t2"),
            lot("C", 5, None, "t3"),
        ];
        let q = |n: i64| Quantity(Decimal::from(n));
        assert_eq!(
            fill(&lots, q(5)),
            [LotQty::new("A", q(3)), LotQty::new("B", q(2))]
        );
        assert_eq!(
            fill(lots.iter().rev(), q(6)),
            [LotQty::new("C", q(5)), LotQty::new("B", q(1))]
        );
        assert_eq!(
            fill(&lots, q(20)).len(),
            3,
            "all there is, the lack is the caller's"
        );
        assert!(fill(&lots, Quantity::ZERO).is_empty());
    }
}
