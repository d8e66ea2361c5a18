//! What a posting command asks, as the faces give it to the service and the service to the
//! store: one named struct per use case, with the typed codes, so that a location is never
//! passed where an item is meant and `from` and `to` cannot be swapped unseen.

use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::ids::ReportId;
use crate::domain::qty::Quantity;

/// A transfer of stock between two locations.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct TransferRequest {
    pub item: ItemCode,
    pub qty: Quantity,
    /// The location it leaves.
    pub from: LocationCode,
    /// The location it enters (its open exceptions are retried).
    pub to: LocationCode,
    /// The lots of a tracked item, `LOT[:QTY],…` (default: the pick order).
    pub lots: Option<String>,
}

/// A lead's scrap adjustment on a posted report's detail line.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct AdjustRequest {
    pub report: ReportId,
    /// The detail line: its line id, or the item code of one line.
    pub line: String,
    /// Scrap added; negative, a correction back.
    pub qty: Quantity,
    /// A reason code of the scrap list.
    pub reason: String,
    /// The lots of a tracked line, `LOT[:QTY],…` (default: the pick order; a correction goes
    /// back to the lots the line consumed, youngest first).
    pub lots: Option<String>,
}

/// A lead's substitution on a posted report's detail line: `item` issued instead.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct SubstituteRequest {
    pub report: ReportId,
    /// The detail line: its line id, or the item code of one line.
    pub line: String,
    /// The substitute.
    pub item: ItemCode,
    /// How much of the substitute (default: the quantity returned).
    pub qty: Option<Quantity>,
    /// How much of the line's own item goes back (default: all the line issued of it).
    pub return_qty: Option<Quantity>,
    /// The lots the substitute leaves from (default: the pick order).
    pub lots: Option<String>,
    /// The lots of the line's item it returns to (default: youngest first of those the line
    /// consumed).
    pub return_lots: Option<String>,
}

/// A cycle count: the counted quantity becomes the balance.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct CountRequest {
    pub item: ItemCode,
    pub location: LocationCode,
    /// The lot counted (a tracked item is counted one lot at a time).
    pub lot: Option<String>,
    pub counted: Quantity,
    /// A count reason code, needed when the difference is beyond the plant's limit.
    pub reason: Option<String>,
}

/// Stock a posting takes out of one location: the item, how much, from where, and the lots
/// the user named (`LOT[:QTY],…`; `None`: the pick order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Withdrawal<'a> {
    pub item: &'a ItemCode,
    pub qty: Quantity,
    pub from: &'a LocationCode,
    pub named: Option<&'a str>,
}
