//! Why a report (or its preview) is refused, and the checks of a quantity.

use super::{Decimal, LIMIT, PlannedLine, Quantity, Tracking};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::lots::AllocationError;

/// Why a report (or its preview) is refused, naming the offending input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportError {
    UnknownOperation {
        order: String,
        operation: i64,
    },
    NotCountPoint {
        order: String,
        operation: i64,
        count_point: i64,
    },
    BadQuantity {
        field: QtyField,
        value: String,
        reason: QtyProblem,
    },
    NothingReported,
    OverReport {
        order: String,
        operation: i64,
        over: Over,
    },
    UnknownLine {
        key: String,
        order: String,
        operation: i64,
    },
    AmbiguousKey {
        key: String,
        lines: Vec<String>,
    },
    ManualOverride {
        line: String,
        item: String,
    },
    DuplicateOverride {
        line: String,
        kind: ChangeKind,
    },
    SkipWithOverride {
        line: String,
    },
    BadOverride {
        line: String,
        reason: OverrideProblem,
    },
    /// Under `block`: every short line, in line order.
    Blocked(Vec<ShortLine>),
    TooLarge(Computed),
    UnknownItem(String),
    UnknownWorkCenter(String),
    /// A line's lots: a bad allocation, a lot that does not hold its quantity, a tracked
    /// hand issue without lots, lots on an untracked item.
    Lot {
        line: String,
        item: ItemCode,
        /// Boxed: it carries a lot and its figures, and every result of the engine would
        /// otherwise be as large.
        reason: Box<LotProblem>,
    },
    /// `--fg-lot` / `--fg-serial` that do not fit the parent or the good quantity.
    FinishedLot(FinishedLotProblem),
}

/// A line that lacks stock under `block`: what it needs at its location and what it lacks
/// there after the lines before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortLine {
    pub line: String,
    pub item: ItemCode,
    pub location: LocationCode,
    /// Its quantity and line scrap.
    pub needs: Quantity,
    pub shortfall: Quantity,
}

impl ShortLine {
    /// The short line of `line`.
    #[must_use]
    pub fn of(line: &PlannedLine) -> Self {
        ShortLine {
            line: line.line.clone(),
            item: line.item.clone(),
            location: line.location.clone(),
            needs: line.total(),
            shortfall: line.shortfall,
        }
    }
}

/// Which reported or overriding quantity a [`ReportError::BadQuantity`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QtyField {
    Good,
    Scrap,
    /// A quantity issued by hand on a manual line.
    HandIssue,
    /// A line's overriding quantity.
    Override,
    LineScrap,
    Counted,
    Return,
    Substitute,
    Adjustment,
    Transfer,
}

/// What is wrong with a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QtyProblem {
    Negative,
    /// At least the limit; `max` is the largest quantity allowed.
    TooLarge {
        max: Quantity,
    },
    /// More decimals than the unit of measure allows.
    TooPrecise {
        decimals: u32,
    },
}

/// Which limit a report would pass at its operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Over {
    /// The good units after it, over the order quantity and its over-report tolerance.
    Good {
        after: Quantity,
        limit: Quantity,
        order_qty: Quantity,
        tolerance_pct: Decimal,
    },
    /// The scrapped units after it, over the order quantity.
    Scrap {
        after: Quantity,
        order_qty: Quantity,
    },
}

/// The kind of an override of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Qty,
    LineScrap,
    Location,
    Skip,
    Lots,
}

/// A figure of a report too large to compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Computed {
    LaborOfOperation(i64),
    StandardCostOfLine(String),
    StandardCostOfOperation(i64),
    RequirementOfLine(String),
    MaterialValue,
    NonStockMaterial,
    Labor,
    Overhead,
    ReceiptValue,
    ScrapValue,
}

/// What is wrong with the lots of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LotProblem {
    /// Lots named for an item that is neither lot- nor serial-tracked.
    Untracked,
    /// Lots named on a manual line without the quantity issued by hand.
    ManualWithoutQty,
    /// The named allocation does not read.
    Allocation(AllocationError),
    /// A named lot that is not at the line's location at all.
    NotAt { lot: String, location: LocationCode },
    /// A named lot that holds less than its quantity there.
    NotHeld {
        lot: String,
        location: LocationCode,
        holds: Quantity,
        wanted: Quantity,
    },
    /// A tracked manual line issued without naming its lots.
    NeedsLots { tracking: Tracking },
}

/// What does not fit in the finished lot or serials of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinishedLotProblem {
    /// A finished lot or serial for a parent that is not tracked.
    Untracked {
        item: ItemCode,
    },
    /// Serials for a lot-tracked parent.
    LotTracked {
        item: ItemCode,
    },
    /// A finished lot for a serial-tracked parent.
    SerialTracked {
        item: ItemCode,
    },
    /// A finished lot code that is empty or holds control characters.
    BadLot {
        lot: String,
    },
    /// Serials for a report that receives no finished goods.
    NotReceiving,
    /// Not one new serial per good unit.
    SerialCount {
        item: ItemCode,
        good: Quantity,
        given: usize,
    },
    /// A serial that is empty or holds control characters.
    BadSerial {
        serial: String,
    },
    SerialTwice {
        serial: String,
    },
    /// A serial that is in stock or was issued to an order.
    SerialNotNew {
        serial: String,
        item: ItemCode,
    },
}

/// Why an override of a line cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideProblem {
    /// The overriding quantity is not acceptable.
    Quantity {
        field: QtyField,
        value: String,
        reason: QtyProblem,
    },
    /// A location given for a non-stock item.
    NonStock {
        item: ItemCode,
    },
    UnknownLocation {
        location: String,
    },
}

/// Checks a reported or overriding quantity: not negative, within the UoM's decimals.
///
/// # Errors
/// [`ReportError::BadQuantity`] naming `field`.
pub fn check_quantity(field: QtyField, value: Quantity, decimals: u32) -> Result<(), ReportError> {
    let reason = if value.is_sign_negative() && !value.is_zero() {
        QtyProblem::Negative
    } else if value.get() >= LIMIT {
        QtyProblem::TooLarge {
            max: Quantity(LIMIT - Decimal::ONE),
        }
    } else if !value.fits_decimals(decimals) {
        QtyProblem::TooPrecise { decimals }
    } else {
        return Ok(());
    };
    Err(ReportError::BadQuantity {
        field,
        value: value.to_string(),
        reason,
    })
}
