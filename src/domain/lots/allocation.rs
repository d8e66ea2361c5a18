//! The lot allocation syntax: `LOT[:QTY],…` read and checked against the item's
//! tracking and decimals, and named lots checked against what they hold.

use super::LotQty;
use crate::domain::master::Tracking;
use crate::domain::qty::{QtyParseError, Quantity, parse_quantity};
/// Why a `LOT[:QTY],…` allocation is refused. Every variant names the lot or the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocationError {
    /// A part is not `LOT` or `LOT:QTY` with a quantity > 0.
    BadPart { part: String, why: PartProblem },
    /// A lot's quantity has more decimals than the item's unit allows.
    TooManyDecimals {
        lot: String,
        qty: Quantity,
        decimals: u32,
    },
    /// A lot without a quantity among several non-serial lots.
    QtyNeeded { lot: String },
    /// The same lot named twice.
    Duplicate { lot: String },
    /// A serial takes 0 or 1 at a time.
    SerialQty { lot: String, qty: Quantity },
    /// The lots' quantities do not add up to the line's.
    Sum { total: Quantity, expected: Quantity },
    /// An untracked item takes no lot.
    Untracked,
}

/// What is wrong with one `LOT:QTY` part of an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartProblem {
    /// Its quantity does not read as a number.
    BadQty(QtyParseError),
    /// Its quantity is 0 or below.
    NotPositive,
    /// It takes the lots' total beyond what a quantity can hold.
    TotalTooLarge,
}

/// Reads and checks `LOT[:QTY],…` for a line of `expected` (> 0; a return's magnitude):
/// QTY may be left out for a single lot (the whole quantity) and for serials (1 each); an
/// empty LOT names the unknown lot `""`. The quantities must obey `decimals` and add up to
/// `expected`. Whether each lot holds its quantity is the caller's check ([`check_holds`]).
///
/// # Errors
/// Any of [`AllocationError`].
pub fn parse_allocation(
    text: &str,
    expected: Quantity,
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
                let qty =
                    parse_quantity(q)
                        .map(Quantity)
                        .map_err(|e| AllocationError::BadPart {
                            part: part.to_string(),
                            why: PartProblem::BadQty(e),
                        })?;
                if qty <= Quantity::ZERO {
                    return Err(AllocationError::BadPart {
                        part: part.to_string(),
                        why: PartProblem::NotPositive,
                    });
                }
                (lot.trim(), qty)
            }
            None if serial => (part, Quantity::ONE),
            None if single => (part, expected),
            None => {
                return Err(AllocationError::QtyNeeded {
                    lot: part.to_string(),
                });
            }
        };
        if !qty.fits_decimals(decimals) {
            return Err(AllocationError::TooManyDecimals {
                lot: lot.to_string(),
                qty,
                decimals,
            });
        }
        if serial && qty != Quantity::ONE {
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
                why: PartProblem::TotalTooLarge,
            });
        }
        out.push(LotQty::new(lot, qty));
    }
    let total: Quantity = out.iter().map(|l| l.qty).sum();
    if total != expected {
        return Err(AllocationError::Sum { total, expected });
    }
    Ok(out)
}

/// A named lot that does not hold its quantity at the location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotHeld {
    pub lot: String,
    pub wanted: Quantity,
    /// What it holds there after the earlier lines that named it.
    pub holds: Quantity,
}

/// Checks allocations against what each lot holds, in order (lines of one report naming the
/// same lot are checked together, in line order): `holds(lot)` is the lot's balance at the
/// location. Returns the first lot that does not hold what is asked of it.
///
/// # Errors
/// The first lot short of its quantity.
pub fn check_holds<'a>(
    allocations: impl IntoIterator<Item = &'a LotQty>,
    holds: &dyn Fn(&str) -> Quantity,
) -> Result<(), NotHeld> {
    let mut taken: Vec<(&str, Quantity)> = Vec::new();
    for a in allocations {
        let before = taken
            .iter()
            .find(|(l, _)| *l == a.lot)
            .map_or(Quantity::ZERO, |(_, q)| *q);
        let left = holds(&a.lot) - before;
        if left < a.qty {
            return Err(NotHeld {
                lot: a.lot.clone(),
                wanted: a.qty,
                holds: left.max(Quantity::ZERO),
            });
        }
        match taken.iter_mut().find(|(l, _)| *l == a.lot) {
            Some(t) => t.1 += a.qty,
            None => taken.push((&a.lot, a.qty)),
        }
    }
    Ok(())
}
