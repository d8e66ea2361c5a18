//! Where a report's lines meet the stock: which lines fit in what is on hand,
//! the lots each tracked line takes, and the lot or serials the finished goods go into.
//!
//! Lines of one report are taken in line order against one running picture of the stock: a
//! line is short when it does not fit in what the earlier lines left, and lines naming the
//! same lot are checked together. Every line says what it lacks there (`shortfall`, 0 when it
//! fits), whatever the policy. What a line that does not fit leaves the later lines depends on
//! the policy: a deferred line takes nothing (a later line that fits still issues); under
//! `block` and `allow` it takes all there is, so the later lines of its item and location lack
//! their whole quantity — under `block` the shortfalls then add up to everything that must be
//! brought for the report to post, in one trip.

use crate::domain::codes::{ItemCode, LocationCode};
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{
    FinishedLotProblem, LineStatus, Lookup, LotProblem, NegativeStock, PlannedLine, Policy,
    ReportError, ReportRequest,
};
use crate::domain::lots::{self, LotQty, LotStock};
use crate::domain::master::{Item, Tracking};
use crate::domain::order::Order;
use crate::domain::qty::Quantity;

/// What the earlier lines of the report have taken, per item and location (and lot).
#[derive(Default)]
struct Taken {
    untracked: HashMap<(ItemCode, LocationCode), Quantity>,
    lots: HashMap<(ItemCode, LocationCode, String), Quantity>,
}

impl Taken {
    /// The lots at the line's location less what earlier lines took of them.
    fn lots_left(&self, line: &PlannedLine, lookup: &dyn Lookup) -> Vec<LotStock> {
        let mut lots = lookup.lots(&line.item, &line.location);
        for l in &mut lots {
            let key = (line.item.clone(), line.location.clone(), l.lot.clone());
            l.qty -= self.lots.get(&key).copied().unwrap_or_default();
        }
        lots
    }

    fn take_lots(&mut self, line: &PlannedLine) {
        self.take(line, &line.lots);
    }

    fn take(&mut self, line: &PlannedLine, lots: &[LotQty]) {
        for l in lots {
            *self
                .lots
                .entry((line.item.clone(), line.location.clone(), l.lot.clone()))
                .or_default() += l.qty;
        }
    }
}

/// The lots a user named for one line (the line's index among the report's lines), as typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NamedLots {
    pub line: usize,
    pub lots: String,
}

/// Sets each line's stock status and lots. Never refuses for shortage of an untracked or
/// automatically picked line (under `block` the line is `short` and the caller refuses);
/// refuses lots the user named that are not there.
///
/// # Errors
/// [`ReportError::Lot`] naming the line and the lot.
pub(super) fn assign(
    lines: &mut [PlannedLine],
    named_lots: &[NamedLots],
    lookup: &dyn Lookup,
    policy: &Policy,
) -> Result<(), ReportError> {
    let mut taken = Taken::default();
    for (i, line) in lines.iter_mut().enumerate() {
        let named = named_lots
            .iter()
            .find(|n| n.line == i)
            .map(|n| n.lots.as_str());
        let lot_error = |reason: LotProblem| ReportError::Lot {
            line: line.line.clone(),
            item: line.item.clone(),
            reason: Box::new(reason),
        };
        if named.is_some() && line.tracking == Tracking::None {
            return Err(lot_error(LotProblem::Untracked));
        }
        if named.is_some() && line.status == LineStatus::Manual && line.qty.is_zero() {
            return Err(lot_error(LotProblem::ManualWithoutQty));
        }
        let total = line.total();
        if !line.moves_stock() || total.is_zero() {
            continue;
        }
        if line.tracking == Tracking::None {
            fit_untracked(line, &mut taken, lookup, policy.negative_stock);
            continue;
        }
        let left = taken.lots_left(line, lookup);
        match named {
            Some(text) => {
                let picked =
                    lots::parse_allocation(text, total, line.tracking, line.derivation.decimals)
                        .map_err(|e| lot_error(LotProblem::Allocation(e)))?;
                let today = lookup.today();
                for lot in &picked {
                    let stock = left.iter().find(|l| l.lot == lot.lot);
                    let holds = stock.map_or(Quantity::ZERO, |l| l.qty.max(Quantity::ZERO));
                    if holds < lot.qty {
                        return Err(lot_error(not_held(lot, &line.location, holds, stock)));
                    }
                    if stock.is_some_and(|l| lots::is_expired(l.expires.as_deref(), today)) {
                        line.expired_lots.push(lot.lot.clone());
                    }
                }
                line.lots = picked;
            }
            None if line.status == LineStatus::Manual => {
                return Err(lot_error(LotProblem::NeedsLots {
                    tracking: line.tracking,
                }));
            }
            None => {
                // A short line takes nothing itself, but under `block` it counts against the
                // lots the later lines see: all the choosable ones.
                let held = pick_lots(line, &left, lookup, policy);
                taken.take(line, &held);
            }
        }
        taken.take_lots(line);
    }
    Ok(())
}

fn not_held(
    lot: &LotQty,
    location: &LocationCode,
    holds: Quantity,
    stock: Option<&LotStock>,
) -> LotProblem {
    let (wanted, lot, location) = (lot.qty, lot.lot.clone(), location.clone());
    match stock {
        None => LotProblem::NotAt { lot, location },
        Some(_) => LotProblem::NotHeld {
            lot,
            location,
            holds,
            wanted,
        },
    }
}

/// A backflushed lot line takes its lots in pick order; when the unexpired lots do not cover
/// it, it is deferred whole (a lot never goes negative, so `allow` defers too) or short.
/// Returns the lots a short line holds against the later lines (none otherwise).
fn pick_lots(
    line: &mut PlannedLine,
    left: &[LotStock],
    lookup: &dyn Lookup,
    policy: &Policy,
) -> Vec<LotQty> {
    let today = lookup.today();
    let order = policy.lot_selection.pick_order();
    line.skipped_expired = left
        .iter()
        .filter(|l| l.qty > Quantity::ZERO && lots::is_expired(l.expires.as_deref(), today))
        .map(|l| l.lot.clone())
        .collect();
    match lots::allocate(left, line.total(), order, today) {
        Ok(picked) => {
            line.lots = picked;
            line.picked_by = Some(order);
            Vec::new()
        }
        Err(uncovered) => {
            line.shortfall = uncovered.shortfall;
            if policy.negative_stock == NegativeStock::Block {
                line.status = LineStatus::Short;
                lots::pick(left, order, today)
                    .iter()
                    .map(|l| LotQty::new(&l.lot, l.qty))
                    .collect()
            } else {
                line.status = LineStatus::Deferred;
                Vec::new()
            }
        }
    }
}

/// An untracked line against what the earlier lines of its item and location left there. What
/// a line lacks is to be brought (`block`) or goes negative (`allow`): either way the lines
/// after it find nothing left, and lack their whole quantity.
fn fit_untracked(
    line: &mut PlannedLine,
    taken: &mut Taken,
    lookup: &dyn Lookup,
    policy: NegativeStock,
) {
    let total = line.total();
    let left = taken
        .untracked
        .entry((line.item.clone(), line.location.clone()))
        .or_insert_with(|| lookup.on_hand(&line.item, &line.location));
    line.shortfall = (total - *left).max(Quantity::ZERO);
    if line.shortfall.is_zero() {
        *left -= total;
        return;
    }
    match policy {
        // Deferred whole: it takes nothing, so a later line that fits still issues.
        NegativeStock::Defer => line.status = LineStatus::Deferred,
        // It takes all there is, short or not: the later lines lack their whole quantity.
        NegativeStock::Block => {
            line.status = LineStatus::Short;
            *left = Quantity::ZERO;
        }
        NegativeStock::Allow => *left = Quantity::ZERO,
    }
}

/// The lot or serials of the finished goods a report receives: a lot-tracked parent
/// goes into `--fg-lot` (default the order number); a serial-tracked one needs one new serial
/// per good unit.
///
/// # Errors
/// [`ReportError::FinishedLot`] naming what does not fit.
pub(super) fn receipt_lots(
    order: &Order,
    parent: &Item,
    request: &ReportRequest,
    receiving: bool,
    lookup: &dyn Lookup,
) -> Result<Vec<LotQty>, ReportError> {
    let refuse = |problem: FinishedLotProblem| Err(ReportError::FinishedLot(problem));
    let item = || parent.item.clone();
    let serials = &request.fg_serials;
    match parent.tracking {
        Tracking::None if request.fg_lot.is_some() || !serials.is_empty() => {
            refuse(FinishedLotProblem::Untracked { item: item() })
        }
        Tracking::None => Ok(Vec::new()),
        Tracking::Lot if !serials.is_empty() => {
            refuse(FinishedLotProblem::LotTracked { item: item() })
        }
        Tracking::Lot => {
            let lot = request
                .fg_lot
                .clone()
                .unwrap_or_else(|| order.order.to_string());
            if lot.trim().is_empty() || lot.chars().any(char::is_control) {
                return refuse(FinishedLotProblem::BadLot { lot });
            }
            Ok(if receiving {
                vec![LotQty::new(lot.trim(), request.good)]
            } else {
                Vec::new()
            })
        }
        Tracking::Serial if request.fg_lot.is_some() => {
            refuse(FinishedLotProblem::SerialTracked { item: item() })
        }
        Tracking::Serial => serial_receipt(parent, request, receiving, lookup),
    }
}

fn serial_receipt(
    parent: &Item,
    request: &ReportRequest,
    receiving: bool,
    lookup: &dyn Lookup,
) -> Result<Vec<LotQty>, ReportError> {
    let refuse = |problem: FinishedLotProblem| Err(ReportError::FinishedLot(problem));
    let serials = &request.fg_serials;
    if !receiving {
        return if serials.is_empty() {
            Ok(Vec::new())
        } else {
            refuse(FinishedLotProblem::NotReceiving)
        };
    }
    let count = Quantity(Decimal::from(serials.len()));
    if count != request.good {
        return refuse(FinishedLotProblem::SerialCount {
            item: parent.item.clone(),
            good: request.good,
            given: serials.len(),
        });
    }
    let mut out: Vec<LotQty> = Vec::with_capacity(serials.len());
    for s in serials {
        let s = s.trim();
        if s.is_empty() || s.chars().any(char::is_control) {
            return refuse(FinishedLotProblem::BadSerial {
                serial: s.to_string(),
            });
        }
        if out.iter().any(|l| l.lot == s) {
            return refuse(FinishedLotProblem::SerialTwice {
                serial: s.to_string(),
            });
        }
        if lookup.serial_known(&parent.item, s) {
            return refuse(FinishedLotProblem::SerialNotNew {
                serial: s.to_string(),
                item: parent.item.clone(),
            });
        }
        out.push(LotQty::new(s, Quantity::ONE));
    }
    Ok(out)
}

/// What `item` at `location` holds in usable lots and, apart, in lots expired before today.
pub(super) fn usable_on_hand(
    lookup: &dyn Lookup,
    item: &str,
    location: &str,
) -> (Quantity, Quantity) {
    let today = lookup.today();
    let expired: Quantity = lookup
        .lots(item, location)
        .iter()
        .filter(|l| l.qty > Quantity::ZERO && lots::is_expired(l.expires.as_deref(), today))
        .map(|l| l.qty)
        .sum();
    (lookup.on_hand(item, location) - expired, expired)
}
