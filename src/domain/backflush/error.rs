//! Why a report (or its preview) is refused, and the checks of a quantity.

use super::*;
use crate::domain::codes::{ItemCode, LocationCode};

/// Why a report (or its preview) is refused. Every message names the offending input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReportError {
    #[error("order {order} has no operation {operation}")]
    UnknownOperation { order: String, operation: i64 },
    #[error(
        "operation {operation} of order {order} is not a count point; report it at operation {count_point}, which covers it"
    )]
    NotCountPoint {
        order: String,
        operation: i64,
        count_point: i64,
    },
    #[error("{field} quantity {value} is {reason}")]
    BadQuantity {
        field: &'static str,
        value: String,
        reason: String,
    },
    #[error("good and scrap quantities are both zero; report at least one unit")]
    NothingReported,
    #[error("operation {operation} of order {order} would reach {detail}")]
    OverReport {
        order: String,
        operation: i64,
        /// "12 good units, over the limit of 10 (order quantity 10, over-report tolerance 0%)"
        detail: String,
    },
    #[error("{key} matches no material line of operation {operation} of order {order}")]
    UnknownLine {
        key: String,
        order: String,
        operation: i64,
    },
    #[error("item {key} matches lines {lines} of this report; give the line number instead")]
    AmbiguousKey { key: String, lines: String },
    #[error("line {line} ({item}) is a manual-issue line and cannot be overridden")]
    ManualOverride { line: String, item: String },
    #[error("line {line} has two {kind} overrides")]
    DuplicateOverride { line: String, kind: &'static str },
    #[error("line {line} is skipped and also overridden; a skipped line takes no other override")]
    SkipWithOverride { line: String },
    #[error("override of line {line}: {reason}")]
    BadOverride { line: String, reason: String },
    /// Under `block`: every short line, in line order.
    #[error("not enough stock (negative_stock = block): {}", blocked(.0))]
    Blocked(Vec<ShortLine>),
    #[error("{0} is too large to compute; check the quantities and the BOM")]
    TooLarge(String),
    #[error("unknown item {0}")]
    UnknownItem(String),
    #[error("unknown work center {0}")]
    UnknownWorkCenter(String),
    /// A line's lots: a bad allocation, a lot that does not hold its quantity, a tracked
    /// hand issue without lots, lots on an untracked item.
    #[error("line {line} ({item}): {reason}")]
    Lot {
        line: String,
        item: String,
        reason: String,
    },
    /// `--fg-lot` / `--fg-serial` that do not fit the parent or the good quantity.
    #[error("{0}")]
    FinishedLot(String),
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

/// Each short line with what it lacks, then what to bring for the report to post: the
/// shortfalls summed per item and location.
fn blocked(short: &[ShortLine]) -> String {
    let lines: Vec<String> = short
        .iter()
        .map(|l| {
            format!(
                "line {} {} needs {} at {}, {} available there after the earlier lines, short by {}",
                l.line,
                l.item,
                l.needs,
                l.location,
                l.needs - l.shortfall,
                l.shortfall
            )
        })
        .collect();
    let mut bring: Vec<(&ItemCode, &LocationCode, Quantity)> = Vec::new();
    for l in short {
        match bring
            .iter_mut()
            .find(|(i, at, _)| *i == &l.item && *at == &l.location)
        {
            Some((_, _, q)) => *q += l.shortfall,
            None => bring.push((&l.item, &l.location, l.shortfall)),
        }
    }
    let bring: Vec<String> = bring
        .iter()
        .map(|(item, at, q)| format!("{q} {item} to {at}"))
        .collect();
    format!(
        "{}; to post it, bring {}",
        lines.join("; "),
        bring.join(", ")
    )
}

/// Checks a reported or overriding quantity: not negative, within the UoM's decimals.
///
/// # Errors
/// [`ReportError::BadQuantity`] naming `field`.
pub fn check_quantity(
    field: &'static str,
    value: Quantity,
    decimals: u32,
) -> Result<(), ReportError> {
    let reason = if value.is_sign_negative() && !value.is_zero() {
        "negative".to_string()
    } else if value.get() >= LIMIT {
        format!(
            "too large (the limit is {})",
            canonical(LIMIT - Decimal::ONE)
        )
    } else if !value.fits_decimals(decimals) {
        format!("more precise than the unit of measure allows ({decimals} decimals)")
    } else {
        return Ok(());
    };
    Err(ReportError::BadQuantity {
        field,
        value: value.to_string(),
        reason,
    })
}
