//! Returns to the lots a line consumed (reverse FIFO, the youngest first, or as named), and
//! the lots a lead's correction or substitution on a report's line moves.

use super::{
    AllocationError, Counted, LotPick, LotQty, LotStock, PickOrder, TakeError, parse_allocation,
    sort_lots, take,
};
use crate::domain::master::Tracking;
use crate::domain::qty::Quantity;
/// What a line consumed of a lot (net of its returns), with the lot's first entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumed {
    pub lot: String,
    pub qty: Quantity,
    pub first_at: String,
}

/// A return the lots a line consumed cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnError {
    /// More than the line consumed in all.
    PastConsumed {
        wanted: Quantity,
        consumed: Quantity,
    },
    /// A named lot the line did not consume, or not that much of it.
    PastLot {
        lot: String,
        wanted: Quantity,
        consumed: Quantity,
    },
}

/// Plans a return of `qty` (> 0) to the lots a line consumed: the named lots (each at most
/// what the line consumed of it), or without names in reverse FIFO, the youngest lot first.
///
/// # Errors
/// The return exceeds what the line consumed, in all or of a named lot.
pub fn plan_return(
    consumed: &[Consumed],
    qty: Quantity,
    named: Option<&[LotQty]>,
) -> Result<Vec<LotQty>, ReturnError> {
    let total: Quantity = consumed.iter().map(|c| c.qty.max(Quantity::ZERO)).sum();
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
                .map_or(Quantity::ZERO, |c| c.qty.max(Quantity::ZERO));
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
        .filter(|c| c.qty > Quantity::ZERO)
        .map(|c| LotStock {
            lot: c.lot.clone(),
            qty: c.qty,
            expires: None,
            first_at: c.first_at.clone(),
        })
        .collect();
    sort_lots(&mut ranked, PickOrder::Fifo);
    // The youngest first: the reverse of the FIFO order.
    Ok(super::fill(ranked.iter().rev(), qty))
}

/// Why the lots of a movement on a report's line could not be planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinePlanError {
    Take(TakeError),
    Return(ReturnError),
    Allocation(AllocationError),
}

/// The lots a line's movement can come from: the item's lots at the location (for more
/// out), and what the line consumed (for a return to them).
#[derive(Debug, Clone, Copy)]
pub struct LineLots<'a> {
    pub at_location: &'a [LotStock],
    pub consumed: &'a [Consumed],
}

/// The lots a signed movement of a tracked item on a report's line moves, signed like `qty`:
/// out of the location (`qty` > 0) from the lots `named` or in pick order; back into it
/// (`qty` < 0) only to lots the line `consumed`, the ones named or the youngest first. Empty
/// for an untracked item.
///
/// # Errors
/// [`LinePlanError`] naming the lot.
pub fn plan_line_lots(
    qty: Quantity,
    named: Option<&str>,
    counted: Counted,
    held: LineLots<'_>,
    pick: LotPick,
) -> Result<Vec<LotQty>, LinePlanError> {
    if counted.tracking == Tracking::None {
        return match named {
            Some(_) => Err(LinePlanError::Allocation(AllocationError::Untracked)),
            None => Ok(Vec::new()),
        };
    }
    if qty >= Quantity::ZERO {
        return take(held.at_location, qty, named, counted, pick).map_err(LinePlanError::Take);
    }
    let back = -qty;
    let named = named
        .map(|text| parse_allocation(text, back, counted.tracking, counted.decimals))
        .transpose()
        .map_err(LinePlanError::Allocation)?;
    let lots = plan_return(held.consumed, back, named.as_deref()).map_err(LinePlanError::Return)?;
    Ok(lots
        .into_iter()
        .map(|l| LotQty::new(&l.lot, -l.qty))
        .collect())
}
