//! Planning a report: every flushed line's quantity, the receipt, labor and journal.

use super::cost::{labor_line, report_journal, rolled_cost};
use super::error::ShortLine;
use super::overrides::apply_overrides;
use super::rules::{REQUIREMENT_LIMIT, too_large};
use super::{
    BomUnit, Computed, Decimal, Derivation, Item, ItemType, LineStatus, LocationSource, Lookup,
    LotSelection, NegativeStock, OperationProgress, Order, OrderMaterial, OrderOperation, Over,
    Per, PlanWarning, PlannedLine, Policy, Progress, QtyField, Quantity, Receipt, ReportError,
    ReportPlan, ReportRequest, WorkCenter, check_quantity, covering_count_point,
    flushed_operations, manual_reason, stock, target,
};

fn operation(order: &Order, operation: i64) -> Result<&OrderOperation, ReportError> {
    order
        .operations
        .iter()
        .find(|o| o.operation == operation)
        .ok_or_else(|| ReportError::UnknownOperation {
            order: order.order.to_string(),
            operation,
        })
}

/// What a report posts: the plan of [`plan`], refused under `block` when any line is short.
/// The refusal lists every short line with what it lacks; since under `block` a short line
/// counts against the stock the later lines of its item and location see, the shortfalls add
/// up to everything that must be brought for the report to post.
///
/// # Errors
/// Any [`ReportError`]; [`ReportError::Blocked`] under `block` with a short line.
pub fn plan_to_post(
    order: &Order,
    progress: &Progress,
    request: &ReportRequest,
    lookup: &dyn Lookup,
    policy: &Policy,
) -> Result<ReportPlan, ReportError> {
    let plan = plan(order, progress, request, lookup, policy)?;
    if policy.negative_stock == NegativeStock::Block {
        let short: Vec<ShortLine> = plan.short_lines().map(ShortLine::of).collect();
        if !short.is_empty() {
            return Err(ReportError::Blocked(short));
        }
    }
    Ok(plan)
}

/// Computes what a report would post: its preview. Never refuses for shortage: under `block`
/// a short line has status `short` ([`plan_to_post`] refuses the post).
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
    let (reported, parent) = checked_request(order, request, lookup)?;
    let op_progress = progress
        .operations
        .get(&reported.operation)
        .copied()
        .unwrap_or_default();
    let units = request.good + request.scrap;
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
    let lines = planned_lines(
        order,
        &Flush {
            operations: &flushed,
            reported: reported.operation,
            progress,
            units: Units {
                before: units_before,
                after: units_after,
            },
        },
        request,
        lookup,
        policy,
    )?;
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

/// The reported operation (a count point) and the parent, with good and scrap checked.
fn checked_request<'o, 'l>(
    order: &'o Order,
    request: &ReportRequest,
    lookup: &'l dyn Lookup,
) -> Result<(&'o OrderOperation, &'l Item), ReportError> {
    let reported = operation(order, request.operation)?;
    if !reported.count_point {
        return Err(ReportError::NotCountPoint {
            order: order.order.to_string(),
            operation: reported.operation,
            count_point: covering_count_point(order, reported.operation)
                .unwrap_or(reported.operation),
        });
    }
    let parent = lookup
        .item(&order.item)
        .ok_or_else(|| ReportError::UnknownItem(order.item.to_string()))?;
    check_quantity(QtyField::Good, request.good, parent.decimals)?;
    check_quantity(QtyField::Scrap, request.scrap, parent.decimals)?;
    if (request.good + request.scrap).is_zero() {
        return Err(ReportError::NothingReported);
    }
    Ok((reported, parent))
}

/// What a report flushes: the operations whose material it issues, the reported operation,
/// the order's progress before it and the reported operation's units before and after.
struct Flush<'a> {
    operations: &'a [&'a OrderOperation],
    reported: i64,
    progress: &'a Progress,
    units: Units,
}

/// Every material line the report flushes, overridden as asked and fitted to the stock.
fn planned_lines(
    order: &Order,
    flush: &Flush<'_>,
    request: &ReportRequest,
    lookup: &dyn Lookup,
    policy: &Policy,
) -> Result<Vec<PlannedLine>, ReportError> {
    let mut lines = Vec::new();
    for material in &order.materials {
        let Some(op) = flush
            .operations
            .iter()
            .find(|o| o.operation == material.operation)
        else {
            continue;
        };
        lines.push(plan_line(
            material,
            op,
            flush.progress,
            flush.units,
            lookup,
            policy.lot_selection,
        )?);
    }
    let named_lots = apply_overrides(
        order,
        flush.reported,
        &mut lines,
        &request.overrides,
        lookup,
    )?;
    stock::assign(&mut lines, &named_lots, lookup, policy)?;
    Ok(lines)
}

/// "Over-reporting": cumulative good may reach the order quantity plus the
/// over-report tolerance; cumulative scrap may reach the order quantity (the last parts of an
/// order may be scrapped and remade).
fn check_over_report(
    order: &Order,
    operation: i64,
    good_after: Quantity,
    scrap_after: Quantity,
    policy: &Policy,
) -> Result<(), ReportError> {
    let good_limit =
        order.qty * (Decimal::ONE + policy.over_report_tolerance_pct / Decimal::ONE_HUNDRED);
    if good_after > good_limit {
        return Err(ReportError::OverReport {
            order: order.order.to_string(),
            operation,
            over: Over::Good {
                after: good_after,
                limit: good_limit,
                order_qty: order.qty,
                tolerance_pct: policy.over_report_tolerance_pct,
            },
        });
    }
    if scrap_after > order.qty {
        return Err(ReportError::OverReport {
            order: order.order.to_string(),
            operation,
            over: Over::Scrap {
                after: scrap_after,
                order_qty: order.qty,
            },
        });
    }
    Ok(())
}

fn ahead_warnings(
    order: &Order,
    progress: &Progress,
    operation: i64,
    units_after: Quantity,
) -> Vec<PlanWarning> {
    order
        .operations
        .iter()
        .filter(|o| o.count_point && o.operation < operation)
        .filter_map(|o| {
            let earlier = progress
                .operations
                .get(&o.operation)
                .map_or(Quantity::ZERO, OperationProgress::units);
            (units_after > earlier).then_some(PlanWarning::AheadOfCountPoint {
                operation,
                units: units_after,
                count_point: o.operation,
                at: earlier,
            })
        })
        .collect()
}

/// The reported operation's units before and after the report.
#[derive(Debug, Clone, Copy)]
struct Units {
    before: Quantity,
    after: Quantity,
}

fn plan_line(
    material: &OrderMaterial,
    op: &OrderOperation,
    progress: &Progress,
    units: Units,
    lookup: &dyn Lookup,
    lot_selection: LotSelection,
) -> Result<PlannedLine, ReportError> {
    let (units_before, units_after) = (units.before, units.after);
    let item = lookup
        .item(&material.component)
        .ok_or_else(|| ReportError::UnknownItem(material.component.to_string()))?;
    let work_center = lookup
        .work_center(&op.work_center)
        .ok_or_else(|| ReportError::UnknownWorkCenter(op.work_center.clone()))?;
    let line_progress = progress
        .lines
        .get(&material.line)
        .copied()
        .unwrap_or_default();
    let (exact_after, target_after) = target(material, units_after, item.decimals);
    if exact_after.get() >= REQUIREMENT_LIMIT {
        return Err(too_large(Computed::RequirementOfLine(
            material.line.clone(),
        )));
    }
    let (planned, carries) = match material.per {
        Per::Unit => (
            (target_after - line_progress.planned).max(Quantity::ZERO),
            false,
        ),
        Per::Order if line_progress.carried == 0 => (target_after, true),
        Per::Order => (Quantity::ZERO, false),
    };
    let manual_reason = manual_reason(material, item, work_center, lot_selection);
    let manual = manual_reason.is_some();
    let (location, location_source) = issue_location(material, work_center);
    let derivation = Derivation {
        units_before,
        units_after,
        exact_after,
        target_after,
        prior_planned: line_progress.planned,
        decimals: item.decimals,
        ..derivation_of(material)
    };
    let (on_hand, expired_on_hand) = stock::usable_on_hand(lookup, &material.component, &location);
    Ok(PlannedLine {
        line: material.line.clone(),
        item: material.component.clone(),
        description: item.description.clone(),
        uom: item.uom.clone(),
        operation: material.operation,
        on_hand,
        expired_on_hand,
        location: location.into(),
        location_source,
        planned,
        qty: if manual { Quantity::ZERO } else { planned },
        line_scrap: Quantity::ZERO,
        status: if manual {
            LineStatus::Manual
        } else {
            LineStatus::Issue
        },
        overridden: false,
        shortfall: Quantity::ZERO,
        carries_order_qty: carries,
        manual_reason,
        unit_cost: item.std_cost,
        tracking: item.tracking,
        non_stock: item.item_type == ItemType::NonStock,
        lots: Vec::new(),
        expired_lots: Vec::new(),
        skipped_expired: Vec::new(),
        picked_by: None,
        derivation,
    })
}

/// The BOM side of a line's derivation: its quantity per base, scrap factor and units.
fn derivation_of(material: &OrderMaterial) -> Derivation {
    Derivation {
        per: material.per,
        qty: material.qty,
        base: material.base,
        scrap_factor: material.scrap_factor,
        units_before: Quantity::ZERO,
        units_after: Quantity::ZERO,
        exact_after: Quantity::ZERO,
        target_after: Quantity::ZERO,
        prior_planned: Quantity::ZERO,
        decimals: 0,
        ratio: material.ratio,
        bom_uom: material.uom.clone().and_then(|u| {
            let (qty, base) = material.bom_qty()?;
            Some(BomUnit { uom: u, qty, base })
        }),
    }
}

/// Where a line issues from, and why: its BOM line's supply location, else the machine
/// location of its work center.
fn issue_location(material: &OrderMaterial, work_center: &WorkCenter) -> (String, LocationSource) {
    match &material.supply_location {
        Some(l) => (l.to_string(), LocationSource::BomSupply),
        None => (
            work_center.location.to_string(),
            LocationSource::WorkCenter(work_center.work_center.clone()),
        ),
    }
}
