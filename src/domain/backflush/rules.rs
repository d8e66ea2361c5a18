//! The backflush rules that need no stock: which operations a report flushes, a line's
//! cumulative target, and whether a line is backflushed or issued by hand.
use super::{
    Computed, Decimal, Item, ItemType, LotSelection, Order, OrderMaterial, OrderOperation, Per,
    Quantity, ReportError, Tracking, WorkCenter,
};

/// The count point that takes reports for `operation`: itself, or the next count point.
#[must_use]
pub fn covering_count_point(order: &Order, operation: i64) -> Option<i64> {
    order
        .operations
        .iter()
        .filter(|o| o.operation >= operation)
        .find(|o| o.count_point)
        .map(|o| o.operation)
}

/// The operations a report at count point `operation` flushes: back to the previous count
/// point, exclusive.
#[must_use]
pub fn flushed_operations(order: &Order, operation: i64) -> Vec<&OrderOperation> {
    let previous = order
        .operations
        .iter()
        .filter(|o| o.count_point && o.operation < operation)
        .map(|o| o.operation)
        .max();
    order
        .operations
        .iter()
        .filter(|o| o.operation <= operation && previous.is_none_or(|p| o.operation > p))
        .collect()
}

/// The rounded-up cumulative requirement of a per-unit line for `units` parent units, and
/// the exact value before rounding.
#[must_use]
pub fn target(material: &OrderMaterial, units: Quantity, decimals: u32) -> (Quantity, Quantity) {
    // Saturates instead of overflowing; `plan` refuses anything near the limit.
    let exact = match material.per {
        Per::Unit => units
            .get()
            .checked_mul(material.qty)
            .and_then(|x| x.checked_mul(material.scrap_factor))
            .and_then(|x| x.checked_div(material.base)),
        // `base` is 1 unless the line is written in another unit.
        Per::Order => material
            .qty
            .checked_mul(material.scrap_factor)
            .and_then(|x| x.checked_div(material.base)),
    }
    .map_or(Quantity(Decimal::MAX), Quantity);
    (exact, exact.ceil_to(decimals))
}

/// The largest quantity anything may reach: keeps every product of quantities and costs
/// inside `Decimal`'s range.
pub const LIMIT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1e12

/// The largest requirement a line may compute to.
pub(super) const REQUIREMENT_LIMIT: Decimal =
    Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0); // 1e15

pub(super) fn too_large(what: Computed) -> ReportError {
    ReportError::TooLarge(what)
}

/// The standard quantity of a line given what has been reported so far (for variance).
#[must_use]
pub fn standard_qty(
    material: &OrderMaterial,
    units: Quantity,
    carried: bool,
    decimals: u32,
) -> Quantity {
    match material.per {
        Per::Unit => target(material, units, decimals).1,
        Per::Order if carried => target(material, units, decimals).1,
        Per::Order => Quantity::ZERO,
    }
}

/// The effective backflush flag of an order material line.
#[must_use]
pub fn backflushed(
    material: &OrderMaterial,
    item: &Item,
    work_center: &WorkCenter,
    lot_selection: LotSelection,
) -> bool {
    manual_reason(material, item, work_center, lot_selection).is_none()
}

/// Why a line is issued by hand rather than backflushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManualReason {
    /// A lead set the order line to manual.
    OrderLineManual,
    /// Its BOM line is not backflushed.
    BomLineManual,
    /// The item is not backflushed by default.
    ItemManual,
    /// Its work center does not backflush.
    WorkCenterManual,
    NonStock,
    /// The item is lot-tracked and lots are chosen by hand.
    LotTrackedManualLots,
    SerialTracked,
}

/// Why a line is issued by hand, or `None` when it is backflushed.
#[must_use]
pub fn manual_reason(
    material: &OrderMaterial,
    item: &Item,
    work_center: &WorkCenter,
    lot_selection: LotSelection,
) -> Option<ManualReason> {
    if let Some(reason) = always_manual(item, work_center, lot_selection) {
        Some(reason)
    } else if material.order_backflush == Some(false) {
        Some(ManualReason::OrderLineManual)
    } else if material.order_backflush.is_none() && material.bom_backflush == Some(false) {
        Some(ManualReason::BomLineManual)
    } else if material.order_backflush.is_none()
        && material.bom_backflush.is_none()
        && !item.backflush
    {
        Some(ManualReason::ItemManual)
    } else {
        None
    }
}

/// Why a line is issued by hand whatever its flags say: a lead's
/// `line-flag yes` cannot take effect on it.
#[must_use]
pub fn always_manual(
    item: &Item,
    work_center: &WorkCenter,
    lot_selection: LotSelection,
) -> Option<ManualReason> {
    if !work_center.backflush {
        Some(ManualReason::WorkCenterManual)
    } else if item.item_type == ItemType::NonStock {
        Some(ManualReason::NonStock)
    } else if item.tracking == Tracking::Lot && !lot_selection.backflushes_lots() {
        Some(ManualReason::LotTrackedManualLots)
    } else if item.tracking == Tracking::Serial {
        Some(ManualReason::SerialTracked)
    } else {
        None
    }
}
