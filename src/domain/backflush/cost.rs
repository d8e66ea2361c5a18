//! Labor and overhead at standard, the rolled value of a scrapped unit, and the journal of a
//! report.

use super::rules::too_large;
use super::{
    Account, Booking, Computed, Decimal, Hours, LaborLine, Lookup, Money, Order, OrderOperation,
    Per, Progress, Quantity, ReportError, ReportPlan,
};

use crate::domain::journal::JournalNote;

pub(super) fn labor_line(
    op: &OrderOperation,
    progress: &Progress,
    units: Quantity,
    lookup: &dyn Lookup,
) -> Result<LaborLine, ReportError> {
    let work_center = lookup
        .work_center(&op.work_center)
        .ok_or_else(|| ReportError::UnknownWorkCenter(op.work_center.clone()))?;
    let carries = progress
        .operations
        .get(&op.operation)
        .is_none_or(|p| p.setup_carried == 0);
    let setup_hours = if carries { op.setup_hours } else { Hours::ZERO };
    let large = || too_large(Computed::LaborOfOperation(op.operation));
    let run_hours = op.run_hours.checked_mul(units.get()).ok_or_else(large)?;
    let hours = setup_hours.checked_add(run_hours).ok_or_else(large)?;
    let cost = |rate: Money| hours.get().checked_mul(rate.get()).map(Money);
    Ok(LaborLine {
        operation: op.operation,
        work_center: op.work_center.clone(),
        setup_hours,
        run_hours,
        labor_cost: cost(work_center.labor_rate).ok_or_else(large)?,
        overhead_cost: cost(work_center.overhead_rate).ok_or_else(large)?,
        carries_setup: carries,
    })
}

/// Standard value of one parent unit as it stands after `operation`: the per-unit materials
/// and run hours of every operation up to it. Values scrap at an intermediate count point.
pub(super) fn rolled_cost(
    order: &Order,
    operation: i64,
    lookup: &dyn Lookup,
) -> Result<Money, ReportError> {
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
                .and_then(|x| x.checked_mul(i.std_cost.get()))
                .and_then(|x| x.checked_div(m.base))
                .and_then(|x| total.checked_add(x));
            total = value.ok_or_else(|| too_large(Computed::StandardCostOfLine(m.line.clone())))?;
        }
    }
    for o in order.operations.iter().filter(|o| o.operation <= operation) {
        if let Some(w) = lookup.work_center(&o.work_center) {
            let value = w
                .labor_rate
                .get()
                .checked_add(w.overhead_rate.get())
                .and_then(|rate| o.run_hours.get().checked_mul(rate))
                .and_then(|x| total.checked_add(x));
            total =
                value.ok_or_else(|| too_large(Computed::StandardCostOfOperation(o.operation)))?;
        }
    }
    Ok(Money(total.round_dp(4)))
}

/// Sums `count × price` over `pairs` (a quantity at a unit cost, or one amount once),
/// refusing an overflow.
pub(super) fn checked_sum(
    mut pairs: impl Iterator<Item = (Decimal, Money)>,
    what: Computed,
) -> Result<Money, ReportError> {
    pairs
        .try_fold(Decimal::ZERO, |sum, (count, price)| {
            count
                .checked_mul(price.get())
                .and_then(|x| sum.checked_add(x))
        })
        .map(Money)
        .ok_or_else(|| too_large(what))
}

/// The balanced journal of a report's own postings (deferred lines are journalled when they
/// post from the exception queue).
pub(super) fn report_journal(plan: &ReportPlan) -> Result<Vec<Booking>, ReportError> {
    let issued = checked_sum(
        plan.lines
            .iter()
            .filter(|l| l.moves_stock())
            .map(|l| (l.total().get(), l.unit_cost)),
        Computed::MaterialValue,
    )?;
    let non_stock = checked_sum(
        plan.lines
            .iter()
            .filter(|l| l.non_stock && l.is_hand_issue())
            .map(|l| (l.qty.get(), l.unit_cost)),
        Computed::NonStockMaterial,
    )?;
    let labor = checked_sum(
        plan.labor.iter().map(|l| (Decimal::ONE, l.labor_cost)),
        Computed::Labor,
    )?;
    let overhead = checked_sum(
        plan.labor.iter().map(|l| (Decimal::ONE, l.overhead_cost)),
        Computed::Overhead,
    )?;
    let received = checked_sum(
        plan.receipt.iter().map(|r| (r.qty.get(), r.unit_cost)),
        Computed::ReceiptValue,
    )?;
    let scrapped = checked_sum(
        std::iter::once((plan.scrap.get(), plan.scrap_unit_value)),
        Computed::ScrapValue,
    )?;
    let mut journal = Vec::new();
    Booking::pair(
        &mut journal,
        Account::Wip,
        Account::RawMaterial,
        issued,
        JournalNote::MaterialIssued,
    );
    Booking::pair(
        &mut journal,
        Account::Wip,
        Account::NonStockMaterial,
        non_stock,
        JournalNote::NonStockMaterialIssued,
    );
    Booking::pair(
        &mut journal,
        Account::Wip,
        Account::LaborAbsorbed,
        labor,
        JournalNote::LaborAbsorbed,
    );
    Booking::pair(
        &mut journal,
        Account::Wip,
        Account::OverheadAbsorbed,
        overhead,
        JournalNote::OverheadAbsorbed,
    );
    Booking::pair(
        &mut journal,
        Account::FinishedGoods,
        Account::Wip,
        received,
        JournalNote::FinishedGoodsReceived,
    );
    Booking::pair(
        &mut journal,
        Account::ScrapExpense,
        Account::Wip,
        scrapped,
        JournalNote::ParentUnitsScrapped,
    );
    Ok(journal)
}
