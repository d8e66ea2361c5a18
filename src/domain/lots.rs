//! Lots and serials (SPEC §9) as pure plans: the pick order of the lots at a location (FIFO,
//! FEFO, expired lots never chosen automatically), allocating a quantity over them, reading
//! and checking a `LOT[:QTY],…` allocation, and returning a quantity to the lots a line
//! consumed in reverse FIFO. Dates come from the caller (`today` is UTC); nothing here reads
//! a clock or the store.

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::master::Tracking;
use super::qty::{canonical, fits_decimals, parse_quantity};

/// One lot of an item at a location: its balance, expiry and first entry into the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotStock {
    /// `""` is the unknown lot (stock from a system that kept no lots).
    pub lot: String,
    pub qty: Decimal,
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
    pub qty: Decimal,
}

impl LotQty {
    #[must_use]
    pub fn new(lot: &str, qty: Decimal) -> Self {
        LotQty {
            lot: lot.to_string(),
            qty,
        }
    }
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

impl LotSelection {
    /// The configured word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LotSelection::Manual => "manual",
            LotSelection::Fifo => "fifo",
            LotSelection::Fefo => "fefo",
        }
    }

    /// Parses the configured word.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "manual" => Some(LotSelection::Manual),
            "fifo" => Some(LotSelection::Fifo),
            "fefo" => Some(LotSelection::Fefo),
            _ => None,
        }
    }

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
        .filter(|l| l.qty > Decimal::ZERO && !is_expired(l.expires.as_deref(), today))
        .cloned()
        .collect();
    sort_lots(&mut out, order);
    out
}

/// What the choosable lots lack to cover a quantity.
/// Splits lots taken in order into the first `qty` and the rest: a line's issue takes its
/// lots first, its component scrap the rest.
#[must_use]
pub fn split_lots(lots: &[LotQty], qty: Decimal) -> (Vec<LotQty>, Vec<LotQty>) {
    let mut first = Vec::new();
    let mut rest = Vec::new();
    let mut left = qty;
    for l in lots {
        let take = left.min(l.qty).max(Decimal::ZERO);
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
    qty: Decimal,
    named: Option<&str>,
    (tracking, decimals): (Tracking, u32),
    order: PickOrder,
    today: NaiveDate,
) -> Result<Vec<LotQty>, TakeError> {
    let Some(text) = named else {
        return allocate(lots, qty, order, today).map_err(TakeError::Uncovered);
    };
    let picked = parse_allocation(text, qty, tracking, decimals).map_err(TakeError::Allocation)?;
    let holds = |lot: &str| {
        lots.iter()
            .find(|l| l.lot == lot)
            .map_or(Decimal::ZERO, |l| l.qty)
    };
    check_holds(&picked, &holds).map_err(TakeError::NotHeld)?;
    Ok(picked)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    /// What the choosable (unexpired) lots hold in all.
    pub available: Decimal,
    pub shortfall: Decimal,
}

/// Allocates `qty` over the lots in pick order, whole lots first, the last one partly. A line
/// is never split between lots and a shortage: when the choosable lots do not cover it, the
/// answer says by how much.
///
/// # Errors
/// The unexpired lots hold less than `qty`.
pub fn allocate(
    lots: &[LotStock],
    qty: Decimal,
    order: PickOrder,
    today: NaiveDate,
) -> Result<Vec<LotQty>, Uncovered> {
    let ranked = pick(lots, order, today);
    let available: Decimal = ranked.iter().map(|l| l.qty).sum();
    if available < qty {
        return Err(Uncovered {
            available,
            shortfall: qty - available,
        });
    }
    let mut left = qty;
    let mut out = Vec::new();
    for l in ranked {
        if left <= Decimal::ZERO {
            break;
        }
        let take = left.min(l.qty);
        out.push(LotQty::new(&l.lot, take));
        left -= take;
    }
    Ok(out)
}

/// Why a `LOT[:QTY],…` allocation is refused. Every variant names the lot or the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocationError {
    /// A part is not `LOT` or `LOT:QTY` with a quantity > 0.
    BadPart { part: String, why: String },
    /// A lot's quantity has more decimals than the item's unit allows.
    TooManyDecimals {
        lot: String,
        qty: Decimal,
        decimals: u32,
    },
    /// A lot without a quantity among several non-serial lots.
    QtyNeeded { lot: String },
    /// The same lot named twice.
    Duplicate { lot: String },
    /// A serial takes 0 or 1 at a time.
    SerialQty { lot: String, qty: Decimal },
    /// The lots' quantities do not add up to the line's.
    Sum { total: Decimal, expected: Decimal },
    /// An untracked item takes no lot.
    Untracked,
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocationError::BadPart { part, why } => {
                write!(f, "lot allocation part {part:?} {why}")
            }
            AllocationError::TooManyDecimals { lot, qty, decimals } => write!(
                f,
                "lot {lot:?}: quantity {} has more than {decimals} decimals",
                canonical(*qty)
            ),
            AllocationError::QtyNeeded { lot } => write!(
                f,
                "lot {lot:?} needs a quantity (LOT:QTY) when several lots are named"
            ),
            AllocationError::Duplicate { lot } => write!(f, "lot {lot:?} is named twice"),
            AllocationError::SerialQty { lot, qty } => write!(
                f,
                "serial {lot:?} takes a quantity of 1, not {}",
                canonical(*qty)
            ),
            AllocationError::Sum { total, expected } => write!(
                f,
                "the lots add up to {}, not the quantity {}",
                canonical(*total),
                canonical(*expected)
            ),
            AllocationError::Untracked => write!(f, "the item is not lot- or serial-tracked"),
        }
    }
}

impl std::error::Error for AllocationError {}

/// Reads and checks `LOT[:QTY],…` for a line of `expected` (> 0; a return's magnitude):
/// QTY may be left out for a single lot (the whole quantity) and for serials (1 each); an
/// empty LOT names the unknown lot `""`. The quantities must obey `decimals` and add up to
/// `expected`. Whether each lot holds its quantity is the caller's check ([`check_holds`]).
///
/// # Errors
/// Any of [`AllocationError`].
pub fn parse_allocation(
    text: &str,
    expected: Decimal,
    tracking: Tracking,
    decimals: u32,
) -> Result<Vec<LotQty>, AllocationError> {
    if tracking == Tracking::None {
        return Err(AllocationError::Untracked);
    }
    let serial = tracking == Tracking::Serial;
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let single = parts.len() == 1;
    let mut out: Vec<LotQty> = Vec::with_capacity(parts.len());
    for part in parts {
        let (lot, qty) = match part.split_once(':') {
            Some((lot, q)) => {
                let qty = parse_quantity(q).map_err(|e| AllocationError::BadPart {
                    part: part.to_string(),
                    why: format!("has a bad quantity ({e})"),
                })?;
                if qty <= Decimal::ZERO {
                    return Err(AllocationError::BadPart {
                        part: part.to_string(),
                        why: "needs a quantity above 0".to_string(),
                    });
                }
                (lot.trim(), qty)
            }
            None if serial => (part, Decimal::ONE),
            None if single => (part, expected),
            None => {
                return Err(AllocationError::QtyNeeded {
                    lot: part.to_string(),
                });
            }
        };
        if !fits_decimals(qty, decimals) {
            return Err(AllocationError::TooManyDecimals {
                lot: lot.to_string(),
                qty,
                decimals,
            });
        }
        if serial && qty != Decimal::ONE {
            return Err(AllocationError::SerialQty {
                lot: lot.to_string(),
                qty,
            });
        }
        if out.iter().any(|l| l.lot == lot) {
            return Err(AllocationError::Duplicate {
                lot: lot.to_string(),
            });
        }
        if out
            .iter()
            .try_fold(qty, |total, l| total.checked_add(l.qty))
            .is_none()
        {
            return Err(AllocationError::BadPart {
                part: part.to_string(),
                why: "takes the lots' total beyond what a quantity can hold".to_string(),
            });
        }
        out.push(LotQty::new(lot, qty));
    }
    let total: Decimal = out.iter().map(|l| l.qty).sum();
    if total != expected {
        return Err(AllocationError::Sum { total, expected });
    }
    Ok(out)
}

/// A named lot that does not hold its quantity at the location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotHeld {
    pub lot: String,
    pub wanted: Decimal,
    /// What it holds there after the earlier lines that named it.
    pub holds: Decimal,
}

/// Checks allocations against what each lot holds, in order (lines of one report naming the
/// same lot are checked together, in line order): `holds(lot)` is the lot's balance at the
/// location. Returns the first lot that does not hold what is asked of it.
///
/// # Errors
/// The first lot short of its quantity.
pub fn check_holds<'a>(
    allocations: impl IntoIterator<Item = &'a LotQty>,
    holds: &dyn Fn(&str) -> Decimal,
) -> Result<(), NotHeld> {
    let mut taken: Vec<(&str, Decimal)> = Vec::new();
    for a in allocations {
        let before = taken
            .iter()
            .find(|(l, _)| *l == a.lot)
            .map_or(Decimal::ZERO, |(_, q)| *q);
        let left = holds(&a.lot) - before;
        if left < a.qty {
            return Err(NotHeld {
                lot: a.lot.clone(),
                wanted: a.qty,
                holds: left.max(Decimal::ZERO),
            });
        }
        match taken.iter_mut().find(|(l, _)| *l == a.lot) {
            Some(t) => t.1 += a.qty,
            None => taken.push((&a.lot, a.qty)),
        }
    }
    Ok(())
}

/// What a line consumed of a lot (net of its returns), with the lot's first entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumed {
    pub lot: String,
    pub qty: Decimal,
    pub first_at: String,
}

/// A return the lots a line consumed cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnError {
    /// More than the line consumed in all.
    PastConsumed { wanted: Decimal, consumed: Decimal },
    /// A named lot the line did not consume, or not that much of it.
    PastLot {
        lot: String,
        wanted: Decimal,
        consumed: Decimal,
    },
}

impl fmt::Display for ReturnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReturnError::PastConsumed { wanted, consumed } => write!(
                f,
                "a return of {} is more than the line has net issued there ({})",
                canonical(*wanted),
                canonical(*consumed)
            ),
            ReturnError::PastLot {
                lot,
                wanted,
                consumed,
            } => write!(
                f,
                "lot {lot:?}: a return of {} is more than the line consumed of it ({})",
                canonical(*wanted),
                canonical(*consumed)
            ),
        }
    }
}

impl std::error::Error for ReturnError {}

/// Plans a return of `qty` (> 0) to the lots a line consumed: the named lots (each at most
/// what the line consumed of it), or without names in reverse FIFO, the youngest lot first.
///
/// # Errors
/// The return exceeds what the line consumed, in all or of a named lot.
pub fn plan_return(
    consumed: &[Consumed],
    qty: Decimal,
    named: Option<&[LotQty]>,
) -> Result<Vec<LotQty>, ReturnError> {
    let total: Decimal = consumed.iter().map(|c| c.qty.max(Decimal::ZERO)).sum();
    if qty > total {
        return Err(ReturnError::PastConsumed {
            wanted: qty,
            consumed: total,
        });
    }
    if let Some(named) = named {
        for n in named {
            let had = consumed
                .iter()
                .find(|c| c.lot == n.lot)
                .map_or(Decimal::ZERO, |c| c.qty.max(Decimal::ZERO));
            if n.qty > had {
                return Err(ReturnError::PastLot {
                    lot: n.lot.clone(),
                    wanted: n.qty,
                    consumed: had,
                });
            }
        }
        return Ok(named.to_vec());
    }
    let mut ranked: Vec<LotStock> = consumed
        .iter()
        .filter(|c| c.qty > Decimal::ZERO)
        .map(|c| LotStock {
            lot: c.lot.clone(),
            qty: c.qty,
            expires: None,
            first_at: c.first_at.clone(),
        })
        .collect();
    sort_lots(&mut ranked, PickOrder::Fifo);
    let mut left = qty;
    let mut out = Vec::new();
    for l in ranked.iter().rev() {
        if left <= Decimal::ZERO {
            break;
        }
        let take = left.min(l.qty);
        out.push(LotQty::new(&l.lot, take));
        left -= take;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lot(code: &str, qty: i64, expires: Option<&str>, first: &str) -> LotStock {
        LotStock {
            lot: code.to_string(),
            qty: Decimal::from(qty),
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
}
