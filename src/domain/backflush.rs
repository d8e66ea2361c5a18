//! The backflush calculation (SPEC §2): which material lines a report flushes, how much of
//! each, from where, and what else it posts (receipt, labor, journal).
//!
//! Invariants this module keeps, and the store relies on:
//! - **Cumulative targets.** A per-unit line issues `max(0, target(U') − P)` where `target`
//!   rounds the exact requirement up to the item's decimals and `P` is the sum of the line's
//!   unreversed planned quantities. Any split of a quantity into reports issues exactly what
//!   one report of the total would; reversing a report takes its units out of `U` and its
//!   planned quantities out of `P`.
//! - **One division.** A requirement is `U × qty × scrap_factor / base`, multiplied first and
//!   divided once, so 2/3 × 3 is exactly 2.
//! - **Overrides are variance.** `P` sums the standard (`planned`), never what was issued.
//! - **Pure.** Nothing here reads a clock, a file or the store: the caller passes the order,
//!   its progress, the master data and the stock it needs through [`Lookup`].

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

mod stock;

use super::journal::{Account, Posting};
use super::lots::{LotQty, LotSelection, LotStock, PickOrder};
use super::master::{Item, ItemType, Per, Tracking, WorkCenter};
use super::order::{Order, OrderMaterial, OrderOperation};
use super::qty::{canonical, ceil_to, fits_decimals};
use super::uom::Ratio;

/// What happens when an issue location does not hold enough stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NegativeStock {
    /// Post the report; short lines go to the exception queue.
    #[default]
    Defer,
    /// Refuse the whole report.
    Block,
    /// Let the balance go negative.
    Allow,
}

/// The parts of the configuration the calculation obeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Policy {
    pub negative_stock: NegativeStock,
    pub over_report_tolerance_pct: Decimal,
    pub lot_selection: LotSelection,
}

/// What the unreversed reports of an order add up to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub operations: HashMap<i64, OperationProgress>,
    pub lines: HashMap<String, LineProgress>,
}

/// Cumulative units reported at one operation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OperationProgress {
    pub good: Decimal,
    pub scrap: Decimal,
    /// Unreversed reports that charged this operation's setup hours.
    pub setup_carried: i64,
}

impl OperationProgress {
    #[must_use]
    pub fn units(&self) -> Decimal {
        self.good + self.scrap
    }
}

/// What the unreversed reports planned for one material line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineProgress {
    /// `P`: the sum of planned quantities.
    pub planned: Decimal,
    /// Unreversed reports that carried a per-order quantity.
    pub carried: i64,
}

/// The master data and stock the calculation reads.
pub trait Lookup {
    fn item(&self, item: &str) -> Option<&Item>;
    fn work_center(&self, work_center: &str) -> Option<&WorkCenter>;
    fn location_exists(&self, location: &str) -> bool;
    fn on_hand(&self, item: &str, location: &str) -> Decimal;
    /// The lots of a tracked item at a location with a non-zero balance (any order).
    fn lots(&self, _item: &str, _location: &str) -> Vec<LotStock> {
        Vec::new()
    }
    /// Whether a serial of an item is in stock anywhere or was ever issued to an order (a
    /// finished serial must be new, SPEC §9).
    fn serial_known(&self, _item: &str, _serial: &str) -> bool {
        false
    }
    /// Today (UTC): lots that expired before it are never chosen automatically.
    fn today(&self) -> NaiveDate {
        NaiveDate::MIN
    }
}

/// A completion as the operator keys it in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportRequest {
    pub operation: i64,
    pub good: Decimal,
    pub scrap: Decimal,
    pub overrides: Vec<Override>,
    /// `--fg-lot`: the lot a lot-tracked parent is received into (default the order number).
    pub fg_lot: Option<String>,
    /// `--fg-serial`: one new serial per good unit of a serial-tracked parent.
    pub fg_serials: Vec<String>,
}

/// One override of the preview; `key` is a line id or an item code.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub key: String,
    pub change: Change,
}

/// What an override changes on its line.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Qty(Decimal),
    LineScrap(Decimal),
    Location(String),
    Skip,
    /// `--lot KEY=ALLOCATION`: the lots the line takes (SPEC §9 syntax).
    Lots(String),
}

impl Change {
    fn kind(&self) -> &'static str {
        match self {
            Change::Qty(_) => "quantity",
            Change::LineScrap(_) => "line scrap",
            Change::Location(_) => "location",
            Change::Skip => "skip",
            Change::Lots(_) => "lot",
        }
    }
}

/// What a line of the preview will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStatus {
    Issue,
    Deferred,
    Short,
    Manual,
    Skipped,
}

impl LineStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LineStatus::Issue => "issue",
            LineStatus::Deferred => "deferred",
            LineStatus::Short => "short",
            LineStatus::Manual => "manual",
            LineStatus::Skipped => "skipped",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [
            LineStatus::Issue,
            LineStatus::Deferred,
            LineStatus::Short,
            LineStatus::Manual,
            LineStatus::Skipped,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// The numbers behind a line's planned quantity, for the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub per: Per,
    pub qty: Decimal,
    pub base: Decimal,
    pub scrap_factor: Decimal,
    pub units_before: Decimal,
    pub units_after: Decimal,
    /// The exact requirement for `units_after` before rounding.
    pub exact_after: Decimal,
    pub target_after: Decimal,
    pub prior_planned: Decimal,
    pub decimals: u32,
    /// The product of the unit conversions folded into `qty` / `base` (SPEC §10).
    pub ratio: Ratio,
    /// The BOM line's own unit and its quantity per base units in it, when it is written in
    /// another unit than the component's (SPEC §10).
    pub bom_uom: Option<(String, Decimal, Decimal)>,
}

/// One material line of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedLine {
    pub line: String,
    pub item: String,
    pub description: String,
    /// The component's unit: every quantity of the line is in it.
    pub uom: String,
    pub operation: i64,
    pub location: String,
    /// Where the location came from: "override", "supply location" or the work center.
    pub location_source: String,
    pub on_hand: Decimal,
    pub planned: Decimal,
    pub qty: Decimal,
    pub line_scrap: Decimal,
    pub status: LineStatus,
    pub overridden: bool,
    /// The part of `qty + line_scrap` not on hand (deferred or short lines).
    pub shortfall: Decimal,
    /// This report is the one that carries a per-order quantity.
    pub carries_order_qty: bool,
    /// Why a manual line is manual.
    pub manual_reason: Option<&'static str>,
    pub unit_cost: Decimal,
    pub derivation: Derivation,
    /// How the component is tracked: lot and serial lines issue by lot.
    pub tracking: Tracking,
    /// A non-stock line has no location and no balance: its hand issue is journalled only.
    pub non_stock: bool,
    /// The lots the line takes, in the order they are taken (empty for untracked lines and
    /// lines that issue nothing).
    pub lots: Vec<LotQty>,
    /// Expired lots named by `--lot`: posting them needs a lead (SPEC §9).
    pub expired_lots: Vec<String>,
    /// Expired lots at the location that an automatic pick passed over.
    pub skipped_expired: Vec<String>,
    /// The order the lots were chosen in, when the program chose them (not `--lot`).
    pub picked_by: Option<PickOrder>,
}

impl PlannedLine {
    /// The whole quantity that leaves stock: issue plus line scrap.
    #[must_use]
    pub fn total(&self) -> Decimal {
        self.qty + self.line_scrap
    }

    /// A manual line that this report issues by hand (SPEC §9).
    #[must_use]
    pub fn is_hand_issue(&self) -> bool {
        self.status == LineStatus::Manual && !self.qty.is_zero()
    }

    /// The line moves stock with this report: issued, or issued by hand from a location.
    #[must_use]
    pub fn moves_stock(&self) -> bool {
        !self.non_stock && (self.status == LineStatus::Issue || self.is_hand_issue())
    }
}

/// Finished goods received at the last operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub item: String,
    pub location: String,
    pub qty: Decimal,
    pub unit_cost: Decimal,
    /// The lot or serials received (empty for an untracked parent).
    pub lots: Vec<LotQty>,
}

/// Labor and overhead absorbed at standard for one flushed operation.
#[derive(Debug, Clone, PartialEq)]
pub struct LaborLine {
    pub operation: i64,
    pub work_center: String,
    pub setup_hours: Decimal,
    pub run_hours: Decimal,
    pub labor_cost: Decimal,
    pub overhead_cost: Decimal,
    /// This report is the one that carries the setup hours.
    pub carries_setup: bool,
}

/// Everything a report would post.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPlan {
    pub order: String,
    pub operation: i64,
    pub good: Decimal,
    pub scrap: Decimal,
    pub lines: Vec<PlannedLine>,
    pub receipt: Option<Receipt>,
    pub labor: Vec<LaborLine>,
    pub warnings: Vec<String>,
    /// Value of one scrapped parent unit at this operation.
    pub scrap_unit_value: Decimal,
    pub journal: Vec<Posting>,
}

impl ReportPlan {
    /// Lines that refuse the report under the `block` policy.
    pub fn short_lines(&self) -> impl Iterator<Item = &PlannedLine> {
        self.lines.iter().filter(|l| l.status == LineStatus::Short)
    }

    /// Standard material cost of this report's planned quantities.
    #[must_use]
    pub fn expected_cost(&self) -> Decimal {
        self.lines.iter().map(|l| l.planned * l.unit_cost).sum()
    }

    /// Material cost of what the lines will issue (deferred included).
    #[must_use]
    pub fn actual_cost(&self) -> Decimal {
        self.lines.iter().map(|l| l.total() * l.unit_cost).sum()
    }
}

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
    #[error("not enough stock (negative_stock = block): {0}")]
    Blocked(String),
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

/// Checks a reported or overriding quantity: not negative, within the UoM's decimals.
///
/// # Errors
/// [`ReportError::BadQuantity`] naming `field`.
pub fn check_quantity(
    field: &'static str,
    value: Decimal,
    decimals: u32,
) -> Result<(), ReportError> {
    let reason = if value.is_sign_negative() && !value.is_zero() {
        "negative".to_string()
    } else if value >= LIMIT {
        format!(
            "too large (the limit is {})",
            canonical(LIMIT - Decimal::ONE)
        )
    } else if !fits_decimals(value, decimals) {
        format!("more precise than the unit of measure allows ({decimals} decimals)")
    } else {
        return Ok(());
    };
    Err(ReportError::BadQuantity {
        field,
        value: canonical(value),
        reason,
    })
}

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
pub fn target(material: &OrderMaterial, units: Decimal, decimals: u32) -> (Decimal, Decimal) {
    // Saturates instead of overflowing; `plan` refuses anything near the limit.
    let exact = match material.per {
        Per::Unit => units
            .checked_mul(material.qty)
            .and_then(|x| x.checked_mul(material.scrap_factor))
            .and_then(|x| x.checked_div(material.base)),
        // `base` is 1 unless the line is written in another unit (SPEC §10).
        Per::Order => material
            .qty
            .checked_mul(material.scrap_factor)
            .and_then(|x| x.checked_div(material.base)),
    }
    .unwrap_or(Decimal::MAX);
    (exact, ceil_to(exact, decimals))
}

/// The largest quantity anything may reach: keeps every product of quantities and costs
/// inside `Decimal`'s range.
pub const LIMIT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1e12

/// The largest requirement a line may compute to.
const REQUIREMENT_LIMIT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0); // 1e15

fn too_large(what: String) -> ReportError {
    ReportError::TooLarge(what)
}

/// The standard quantity of a line given what has been reported so far (for variance).
#[must_use]
pub fn standard_qty(
    material: &OrderMaterial,
    units: Decimal,
    carried: bool,
    decimals: u32,
) -> Decimal {
    match material.per {
        Per::Unit => target(material, units, decimals).1,
        Per::Order if carried => target(material, units, decimals).1,
        Per::Order => Decimal::ZERO,
    }
}

/// The effective backflush flag of an order material line (SPEC §1).
#[must_use]
pub fn backflushed(
    material: &OrderMaterial,
    item: &Item,
    work_center: &WorkCenter,
    lot_selection: LotSelection,
) -> bool {
    manual_reason(material, item, work_center, lot_selection).is_none()
}

/// Why a line is issued by hand, or `None` when it is backflushed.
#[must_use]
pub fn manual_reason(
    material: &OrderMaterial,
    item: &Item,
    work_center: &WorkCenter,
    lot_selection: LotSelection,
) -> Option<&'static str> {
    if let Some(reason) = always_manual(item, work_center, lot_selection) {
        Some(reason)
    } else if material.order_backflush == Some(false) {
        Some("a lead set the order line to manual")
    } else if material.order_backflush.is_none() && material.bom_backflush == Some(false) {
        Some("the BOM line is not backflushed")
    } else if material.order_backflush.is_none()
        && material.bom_backflush.is_none()
        && !item.backflush
    {
        Some("the item is not backflushed by default")
    } else {
        None
    }
}

/// Why a line is issued by hand whatever its flags say (SPEC §1 rule 4): a lead's
/// `line-flag yes` cannot take effect on it.
#[must_use]
pub fn always_manual(
    item: &Item,
    work_center: &WorkCenter,
    lot_selection: LotSelection,
) -> Option<&'static str> {
    if !work_center.backflush {
        Some("its work center does not backflush")
    } else if item.item_type == ItemType::NonStock {
        Some("the item is non-stock")
    } else if item.tracking == Tracking::Lot && !lot_selection.backflushes_lots() {
        Some("the item is lot-tracked and lot_selection is manual")
    } else if item.tracking == Tracking::Serial {
        Some("the item is serial-tracked")
    } else {
        None
    }
}

fn operation(order: &Order, operation: i64) -> Result<&OrderOperation, ReportError> {
    order
        .operations
        .iter()
        .find(|o| o.operation == operation)
        .ok_or_else(|| ReportError::UnknownOperation {
            order: order.order.clone(),
            operation,
        })
}

/// Computes what a report would post. Never refuses for shortage: under `block` a short line
/// has status `short` and the caller refuses the post.
///
/// # Errors
/// Any [`ReportError`] but `Blocked`.
pub fn plan(
    order: &Order,
    progress: &Progress,
    request: &ReportRequest,
    lookup: &dyn Lookup,
    policy: &Policy,
) -> Result<ReportPlan, ReportError> {
    let reported = operation(order, request.operation)?;
    if !reported.count_point {
        return Err(ReportError::NotCountPoint {
            order: order.order.clone(),
            operation: reported.operation,
            count_point: covering_count_point(order, reported.operation)
                .unwrap_or(reported.operation),
        });
    }
    let parent = lookup
        .item(&order.item)
        .ok_or_else(|| ReportError::UnknownItem(order.item.clone()))?;
    check_quantity("good", request.good, parent.decimals)?;
    check_quantity("scrap", request.scrap, parent.decimals)?;
    let units = request.good + request.scrap;
    if units.is_zero() {
        return Err(ReportError::NothingReported);
    }
    let op_progress = progress
        .operations
        .get(&reported.operation)
        .copied()
        .unwrap_or_default();
    let units_before = op_progress.units();
    let units_after = units_before + units;
    check_over_report(
        order,
        reported.operation,
        op_progress.good + request.good,
        op_progress.scrap + request.scrap,
        policy,
    )?;

    let flushed = flushed_operations(order, reported.operation);
    let mut lines = Vec::new();
    for material in &order.materials {
        let Some(op) = flushed.iter().find(|o| o.operation == material.operation) else {
            continue;
        };
        lines.push(plan_line(
            material,
            op,
            progress,
            (units_before, units_after),
            lookup,
            policy.lot_selection,
        )?);
    }
    let named_lots = apply_overrides(
        order,
        reported.operation,
        &mut lines,
        &request.overrides,
        lookup,
    )?;
    stock::assign(&mut lines, &named_lots, lookup, policy)?;

    let labor = flushed
        .iter()
        .map(|op| labor_line(op, progress, units, lookup))
        .collect::<Result<Vec<_>, _>>()?;
    let last = order.operations.last().map(|o| o.operation) == Some(reported.operation);
    let receiving = last && !request.good.is_zero();
    let receipt_lots = stock::receipt_lots(order, parent, request, receiving, lookup)?;
    let receipt = receiving.then(|| Receipt {
        item: order.item.clone(),
        location: order.completion_location.clone(),
        qty: request.good,
        unit_cost: parent.std_cost,
        lots: receipt_lots,
    });
    let scrap_unit_value = if last {
        parent.std_cost
    } else {
        rolled_cost(order, reported.operation, lookup)?
    };
    let mut plan = ReportPlan {
        order: order.order.clone(),
        operation: reported.operation,
        good: request.good,
        scrap: request.scrap,
        lines,
        receipt,
        labor,
        warnings: ahead_warnings(order, progress, reported.operation, units_after),
        scrap_unit_value,
        journal: Vec::new(),
    };
    plan.journal = report_journal(&plan)?;
    Ok(plan)
}

/// SPEC §2 "Over-reporting": cumulative good may reach the order quantity plus the
/// over-report tolerance; cumulative scrap may reach the order quantity (the last parts of an
/// order may be scrapped and remade).
fn check_over_report(
    order: &Order,
    operation: i64,
    good_after: Decimal,
    scrap_after: Decimal,
    policy: &Policy,
) -> Result<(), ReportError> {
    let good_limit =
        order.qty * (Decimal::ONE + policy.over_report_tolerance_pct / Decimal::ONE_HUNDRED);
    if good_after > good_limit {
        return Err(ReportError::OverReport {
            order: order.order.clone(),
            operation,
            detail: format!(
                "{} good units, over the limit of {} (order quantity {}, over-report tolerance {}%)",
                canonical(good_after),
                canonical(good_limit),
                canonical(order.qty),
                canonical(policy.over_report_tolerance_pct)
            ),
        });
    }
    if scrap_after > order.qty {
        return Err(ReportError::OverReport {
            order: order.order.clone(),
            operation,
            detail: format!(
                "{} scrapped units, over the scrap limit of {} (the order quantity)",
                canonical(scrap_after),
                canonical(order.qty),
            ),
        });
    }
    Ok(())
}

fn ahead_warnings(
    order: &Order,
    progress: &Progress,
    operation: i64,
    units_after: Decimal,
) -> Vec<String> {
    order
        .operations
        .iter()
        .filter(|o| o.count_point && o.operation < operation)
        .filter_map(|o| {
            let earlier = progress
                .operations
                .get(&o.operation)
                .map_or(Decimal::ZERO, OperationProgress::units);
            (units_after > earlier).then(|| {
                format!(
                    "operation {operation} reaches {} units, ahead of count point {} at {}",
                    canonical(units_after),
                    o.operation,
                    canonical(earlier)
                )
            })
        })
        .collect()
}

fn plan_line(
    material: &OrderMaterial,
    op: &OrderOperation,
    progress: &Progress,
    (units_before, units_after): (Decimal, Decimal),
    lookup: &dyn Lookup,
    lot_selection: LotSelection,
) -> Result<PlannedLine, ReportError> {
    let item = lookup
        .item(&material.component)
        .ok_or_else(|| ReportError::UnknownItem(material.component.clone()))?;
    let work_center = lookup
        .work_center(&op.work_center)
        .ok_or_else(|| ReportError::UnknownWorkCenter(op.work_center.clone()))?;
    let line_progress = progress
        .lines
        .get(&material.line)
        .copied()
        .unwrap_or_default();
    let (exact_after, target_after) = target(material, units_after, item.decimals);
    if exact_after >= REQUIREMENT_LIMIT {
        return Err(too_large(format!(
            "the requirement of line {}",
            material.line
        )));
    }
    let (planned, carries) = match material.per {
        Per::Unit => (
            (target_after - line_progress.planned).max(Decimal::ZERO),
            false,
        ),
        Per::Order if line_progress.carried == 0 => (target_after, true),
        Per::Order => (Decimal::ZERO, false),
    };
    let manual_reason = manual_reason(material, item, work_center, lot_selection);
    let manual = manual_reason.is_some();
    let (location, location_source) = match &material.supply_location {
        Some(l) => (l.clone(), "supply location of the BOM line".to_string()),
        None => (
            work_center.location.clone(),
            format!(
                "machine location of work center {}",
                work_center.work_center
            ),
        ),
    };
    Ok(PlannedLine {
        line: material.line.clone(),
        item: material.component.clone(),
        description: item.description.clone(),
        uom: item.uom.clone(),
        operation: material.operation,
        on_hand: lookup.on_hand(&material.component, &location),
        location,
        location_source,
        planned,
        qty: if manual { Decimal::ZERO } else { planned },
        line_scrap: Decimal::ZERO,
        status: if manual {
            LineStatus::Manual
        } else {
            LineStatus::Issue
        },
        overridden: false,
        shortfall: Decimal::ZERO,
        carries_order_qty: carries,
        manual_reason,
        unit_cost: item.std_cost,
        tracking: item.tracking,
        non_stock: item.item_type == ItemType::NonStock,
        lots: Vec::new(),
        expired_lots: Vec::new(),
        skipped_expired: Vec::new(),
        picked_by: None,
        derivation: Derivation {
            per: material.per,
            qty: material.qty,
            base: material.base,
            scrap_factor: material.scrap_factor,
            units_before,
            units_after,
            exact_after,
            target_after,
            prior_planned: line_progress.planned,
            decimals: item.decimals,
            ratio: material.ratio,
            bom_uom: material.uom.clone().and_then(|u| {
                let (qty, base) = material.bom_qty()?;
                Some((u, qty, base))
            }),
        },
    })
}

/// Resolves an override key (line id, else item code) to the index of a line of the report.
///
/// # Errors
/// No such line, or an item code on two lines.
pub fn resolve_key(
    order: &Order,
    operation: i64,
    lines: &[PlannedLine],
    key: &str,
) -> Result<usize, ReportError> {
    if let Some(i) = lines.iter().position(|l| l.line == key) {
        return Ok(i);
    }
    let matches: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.item == key)
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(ReportError::UnknownLine {
            key: key.to_string(),
            order: order.order.clone(),
            operation,
        }),
        many => Err(ReportError::AmbiguousKey {
            key: key.to_string(),
            lines: many
                .iter()
                .map(|&i| lines[i].line.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Applies the overrides to the lines; returns the lots named per line (`--lot`), checked
/// later against the stock. On a manual line a quantity is the hand issue (SPEC §9), not an
/// override.
fn apply_overrides(
    order: &Order,
    operation: i64,
    lines: &mut [PlannedLine],
    overrides: &[Override],
    lookup: &dyn Lookup,
) -> Result<Vec<(usize, String)>, ReportError> {
    let mut seen: Vec<(usize, &'static str)> = Vec::new();
    let mut named_lots = Vec::new();
    for o in overrides {
        let i = resolve_key(order, operation, lines, &o.key)?;
        let line = &mut lines[i];
        let manual = line.status == LineStatus::Manual;
        if manual && matches!(o.change, Change::LineScrap(_) | Change::Skip) {
            return Err(ReportError::ManualOverride {
                line: line.line.clone(),
                item: line.item.clone(),
            });
        }
        let kind = o.change.kind();
        if seen.contains(&(i, kind)) {
            return Err(ReportError::DuplicateOverride {
                line: line.line.clone(),
                kind,
            });
        }
        let skipped = seen.iter().any(|&(j, k)| j == i && k == "skip");
        let other = seen.iter().any(|&(j, _)| j == i);
        if (kind == "skip" && other) || skipped {
            return Err(ReportError::SkipWithOverride {
                line: line.line.clone(),
            });
        }
        seen.push((i, kind));
        let decimals = line.derivation.decimals;
        let bad = |reason: String| ReportError::BadOverride {
            line: line.line.clone(),
            reason,
        };
        match &o.change {
            Change::Qty(q) | Change::LineScrap(q) => {
                let field = match (kind, manual) {
                    ("quantity", true) => "hand issue",
                    ("quantity", false) => "override",
                    _ => "line scrap",
                };
                check_quantity(field, *q, decimals).map_err(|e| bad(e.to_string()))?;
                if let Change::Qty(q) = o.change {
                    line.qty = q;
                } else {
                    line.line_scrap = *q;
                }
            }
            Change::Location(_) if line.non_stock => {
                return Err(bad(format!(
                    "{} is non-stock: it has no location to issue from",
                    line.item
                )));
            }
            Change::Location(l) => {
                if !lookup.location_exists(l) {
                    return Err(bad(format!("unknown location {l}")));
                }
                line.location.clone_from(l);
                line.location_source = "override".to_string();
                line.on_hand = lookup.on_hand(&line.item, l);
            }
            Change::Skip => {
                line.qty = Decimal::ZERO;
                line.status = LineStatus::Skipped;
            }
            Change::Lots(text) => named_lots.push((i, text.clone())),
        }
        // The hand issue of a manual line is not an override (SPEC §9); a lot choice alone
        // changes no quantity.
        if !manual && kind != "lot" {
            line.overridden = true;
        }
    }
    Ok(named_lots)
}

fn labor_line(
    op: &OrderOperation,
    progress: &Progress,
    units: Decimal,
    lookup: &dyn Lookup,
) -> Result<LaborLine, ReportError> {
    let work_center = lookup
        .work_center(&op.work_center)
        .ok_or_else(|| ReportError::UnknownWorkCenter(op.work_center.clone()))?;
    let carries = progress
        .operations
        .get(&op.operation)
        .is_none_or(|p| p.setup_carried == 0);
    let setup_hours = if carries {
        op.setup_hours
    } else {
        Decimal::ZERO
    };
    let large = || too_large(format!("the labor of operation {}", op.operation));
    let run_hours = op.run_hours.checked_mul(units).ok_or_else(large)?;
    let hours = setup_hours.checked_add(run_hours).ok_or_else(large)?;
    Ok(LaborLine {
        operation: op.operation,
        work_center: op.work_center.clone(),
        setup_hours,
        run_hours,
        labor_cost: hours
            .checked_mul(work_center.labor_rate)
            .ok_or_else(large)?,
        overhead_cost: hours
            .checked_mul(work_center.overhead_rate)
            .ok_or_else(large)?,
        carries_setup: carries,
    })
}

/// Standard value of one parent unit as it stands after `operation`: the per-unit materials
/// and run hours of every operation up to it. Values scrap at an intermediate count point.
fn rolled_cost(order: &Order, operation: i64, lookup: &dyn Lookup) -> Result<Decimal, ReportError> {
    let mut total = Decimal::ZERO;
    for m in order
        .materials
        .iter()
        .filter(|m| m.operation <= operation && m.per == Per::Unit)
    {
        if let Some(i) = lookup.item(&m.component) {
            let value = m
                .qty
                .checked_mul(m.scrap_factor)
                .and_then(|x| x.checked_mul(i.std_cost))
                .and_then(|x| x.checked_div(m.base))
                .and_then(|x| total.checked_add(x));
            total =
                value.ok_or_else(|| too_large(format!("the standard cost of line {}", m.line)))?;
        }
    }
    for o in order.operations.iter().filter(|o| o.operation <= operation) {
        if let Some(w) = lookup.work_center(&o.work_center) {
            let value = w
                .labor_rate
                .checked_add(w.overhead_rate)
                .and_then(|rate| o.run_hours.checked_mul(rate))
                .and_then(|x| total.checked_add(x));
            total = value.ok_or_else(|| {
                too_large(format!("the standard cost of operation {}", o.operation))
            })?;
        }
    }
    Ok(total.round_dp(4))
}

/// Sums `a × b` over `pairs`, refusing an overflow.
fn checked_sum(
    mut pairs: impl Iterator<Item = (Decimal, Decimal)>,
    what: &str,
) -> Result<Decimal, ReportError> {
    pairs
        .try_fold(Decimal::ZERO, |sum, (a, b)| {
            a.checked_mul(b).and_then(|x| sum.checked_add(x))
        })
        .ok_or_else(|| too_large(what.to_string()))
}

/// The balanced journal of a report's own postings (deferred lines are journalled when they
/// post from the exception queue).
fn report_journal(plan: &ReportPlan) -> Result<Vec<Posting>, ReportError> {
    let issued = checked_sum(
        plan.lines
            .iter()
            .filter(|l| l.moves_stock())
            .map(|l| (l.total(), l.unit_cost)),
        "the material value of this report",
    )?;
    let non_stock = checked_sum(
        plan.lines
            .iter()
            .filter(|l| l.non_stock && l.is_hand_issue())
            .map(|l| (l.qty, l.unit_cost)),
        "the non-stock material of this report",
    )?;
    let labor = checked_sum(
        plan.labor.iter().map(|l| (l.labor_cost, Decimal::ONE)),
        "the labor of this report",
    )?;
    let overhead = checked_sum(
        plan.labor.iter().map(|l| (l.overhead_cost, Decimal::ONE)),
        "the overhead of this report",
    )?;
    let received = checked_sum(
        plan.receipt.iter().map(|r| (r.qty, r.unit_cost)),
        "the receipt value",
    )?;
    let scrapped = checked_sum(
        std::iter::once((plan.scrap, plan.scrap_unit_value)),
        "the scrap value",
    )?;
    let mut journal = Vec::new();
    Posting::pair(
        &mut journal,
        Account::Wip,
        Account::RawMaterial,
        issued,
        "material issued",
    );
    Posting::pair(
        &mut journal,
        Account::Wip,
        Account::NonStockMaterial,
        non_stock,
        "non-stock material issued",
    );
    Posting::pair(
        &mut journal,
        Account::Wip,
        Account::LaborAbsorbed,
        labor,
        "labor absorbed",
    );
    Posting::pair(
        &mut journal,
        Account::Wip,
        Account::OverheadAbsorbed,
        overhead,
        "overhead absorbed",
    );
    Posting::pair(
        &mut journal,
        Account::FinishedGoods,
        Account::Wip,
        received,
        "finished goods received",
    );
    Posting::pair(
        &mut journal,
        Account::ScrapExpense,
        Account::Wip,
        scrapped,
        "parent units scrapped",
    );
    Ok(journal)
}

/// The `P` and carried count of every line of an order none of whose reports was ever
/// reversed. Each report then planned exactly `target(U') − target(U)`, so the sum is
/// `target(U)` at the count point that flushes the line, and a per-order line has been
/// carried exactly when that count point has reports.
#[must_use]
pub fn derived_line_progress(
    order: &Order,
    operations: &HashMap<i64, OperationProgress>,
    decimals: &dyn Fn(&str) -> u32,
) -> HashMap<String, LineProgress> {
    order
        .materials
        .iter()
        .map(|m| {
            let units = covering_count_point(order, m.operation)
                .and_then(|cp| operations.get(&cp))
                .map_or(Decimal::ZERO, OperationProgress::units);
            let progress = if units.is_zero() {
                LineProgress::default()
            } else {
                let planned = target(m, units, decimals(&m.component)).1;
                LineProgress {
                    planned,
                    carried: i64::from(m.per == Per::Order),
                }
            };
            (m.line.clone(), progress)
        })
        .collect()
}

/// What a stock line of an order still needs for the rest of the order quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub item: String,
    pub location: String,
    pub qty: Decimal,
}

/// The remaining planned quantities of an order's stock lines (backflushed and manual), summed per item and
/// issue location: `target(order qty) − P` for per-unit lines, the whole quantity for a
/// per-order line no report has carried yet. Feeds shortage flags and the staging list.
#[must_use]
pub fn remaining_needs(order: &Order, progress: &Progress, lookup: &dyn Lookup) -> Vec<Need> {
    let mut needs: Vec<Need> = Vec::new();
    for m in &order.materials {
        let Some(item) = lookup.item(&m.component) else {
            continue;
        };
        let Some(wc) = order
            .operations
            .iter()
            .find(|o| o.operation == m.operation)
            .and_then(|o| lookup.work_center(&o.work_center))
        else {
            continue;
        };
        // Every stock line is staged, backflushed and manual alike (SPEC §3).
        if item.item_type == ItemType::NonStock {
            continue;
        }
        let p = progress.lines.get(&m.line).copied().unwrap_or_default();
        let qty = match m.per {
            Per::Unit => (target(m, order.qty, item.decimals).1 - p.planned).max(Decimal::ZERO),
            Per::Order if p.carried == 0 => target(m, order.qty, item.decimals).1,
            Per::Order => Decimal::ZERO,
        };
        if qty.is_zero() {
            continue;
        }
        let location = m
            .supply_location
            .clone()
            .unwrap_or_else(|| wc.location.clone());
        match needs
            .iter_mut()
            .find(|n| n.item == m.component && n.location == location)
        {
            Some(n) => n.qty = n.qty.saturating_add(qty),
            None => needs.push(Need {
                item: m.component.clone(),
                location,
                qty,
            }),
        }
    }
    needs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_are_powers_of_ten() {
        assert_eq!(LIMIT, Decimal::from(1_000_000_000_000_i64));
        assert_eq!(REQUIREMENT_LIMIT, Decimal::from(1_000_000_000_000_000_i64));
    }
}
