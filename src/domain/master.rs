//! Master data: items, locations, work centers, BOMs and routings.

use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;
use std::cmp::Ordering;

use crate::domain::qty::{Hours, Money, Quantity};
use rust_decimal::Decimal;

/// What kind of part an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    Stock,
    NonStock,
    Phantom,
}

/// How units of an item are traced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracking {
    None,
    Lot,
    Serial,
}

/// What a location is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationKind {
    Storage,
    Machine,
    Finished,
}

/// Whether a BOM line's quantity is per parent unit or per order (setup material).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Unit,
    Order,
}

text_enum!(ItemType { Stock => "stock", NonStock => "non-stock", Phantom => "phantom" });
text_enum!(Tracking { None => "none", Lot => "lot", Serial => "serial" });
text_enum!(LocationKind { Storage => "storage", Machine => "machine", Finished => "finished" });
text_enum!(Per { Unit => "unit", Order => "order" });

/// A part number.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub item: ItemCode,
    pub description: String,
    pub uom: String,
    pub decimals: u32,
    pub item_type: ItemType,
    pub tracking: Tracking,
    pub backflush: bool,
    pub std_cost: Money,
}

impl Item {
    /// Lot- or serial-tracked and non-stock items are always issued by hand.
    #[must_use]
    pub fn is_manual_issue(&self) -> bool {
        self.item_type == ItemType::NonStock || self.tracking != Tracking::None
    }
}

/// A place that holds stock.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub location: LocationCode,
    pub description: String,
    pub kind: LocationKind,
}

/// A machine or cell, with its point-of-use location and standard rates.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkCenter {
    pub work_center: String,
    pub description: String,
    pub location: LocationCode,
    pub labor_rate: Money,
    pub overhead_rate: Money,
    pub backflush: bool,
}

/// A bill of materials of one parent revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Bom {
    pub parent: ItemCode,
    pub revision: String,
    pub base_qty: Quantity,
    pub lines: Vec<BomLine>,
}

/// One component line of a BOM.
#[derive(Debug, Clone, PartialEq)]
pub struct BomLine {
    pub line: String,
    pub component: ItemCode,
    pub qty: Quantity,
    pub per: Per,
    pub scrap_pct: Decimal,
    pub operation: Option<i64>,
    pub backflush: Option<bool>,
    pub supply_location: Option<LocationCode>,
    /// The unit `qty` is written in; `None` = the component's own UoM.
    pub uom: Option<String>,
}

/// The operations of one parent revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Routing {
    pub parent: ItemCode,
    pub revision: String,
    pub operations: Vec<RoutingOperation>,
}

/// One operation of a routing.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutingOperation {
    pub operation: i64,
    pub work_center: String,
    pub setup_hours: Hours,
    pub run_hours: Hours,
    pub count_point: bool,
}

/// Orders revisions (and BOM line numbers) as numbers when both are numbers ("10" after
/// "9"), else as text.
#[must_use]
pub fn compare_revisions(a: &str, b: &str) -> Ordering {
    match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
        (Ok(x), Ok(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        _ => a.cmp(b),
    }
}

/// Master data held in memory: what an import validates against and releases orders from.
#[derive(Debug, Clone, Default)]
pub struct MasterData {
    pub items: std::collections::HashMap<ItemCode, Item>,
    pub locations: std::collections::HashMap<LocationCode, Location>,
    pub work_centers: std::collections::HashMap<String, WorkCenter>,
    /// BOMs by (parent, revision).
    pub boms: std::collections::HashMap<(ItemCode, String), Bom>,
    /// Routings by (parent, revision).
    pub routings: std::collections::HashMap<(ItemCode, String), Routing>,
    /// The unit conversions of `uom_conversions.csv`.
    pub conversions: super::uom::Conversions,
}

/// Picks the highest revision among `boms` (numbers compare as numbers).
pub fn highest_revision<'a>(boms: impl Iterator<Item = &'a Bom>) -> Option<&'a Bom> {
    boms.max_by(|a, b| compare_revisions(&a.revision, &b.revision))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_compare_as_numbers_when_both_are_numbers() {
        assert_eq!(compare_revisions("10", "9"), Ordering::Greater);
        assert_eq!(compare_revisions("B", "A"), Ordering::Greater);
        assert_eq!(compare_revisions("10", "A"), Ordering::Less);
    }

    #[test]
    fn words_round_trip() {
        assert_eq!(ItemType::parse("non-stock"), Some(ItemType::NonStock));
        assert_eq!(ItemType::NonStock.as_str(), "non-stock");
        assert_eq!(Per::words(), "unit order");
        assert_eq!(Tracking::parse("batch"), None);
    }
}
