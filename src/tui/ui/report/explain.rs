//! The detail pane's explanation of a line: how its planned quantity comes about from the
//! BOM (units, scrap allowance, unit conversion, rounding up) and where it issues from.

use super::{Line, PlannedLine, canonical};
use crate::domain::qty::Quantity;
use crate::tui::ui::{LineStatus, Per, Text};

/// The detail pane: how the selected line's numbers come about.
#[must_use]
pub fn explain(l: &PlannedLine) -> Text<'static> {
    let rule = match l.derivation.per {
        Per::Unit => per_unit_rule(l),
        Per::Order => per_order_rule(l),
    };
    Text::from(vec![Line::from(rule), Line::from(source(l))])
}

/// The scrap allowance as a percentage: a factor of 1.05 is `5`.
fn scrap_pct(l: &PlannedLine) -> String {
    canonical(
        (l.derivation.scrap_factor - rust_decimal::Decimal::ONE)
            * rust_decimal::Decimal::ONE_HUNDRED,
    )
}

/// A per-unit line: the BOM quantity times the units reported so far, less what earlier
/// reports planned.
fn per_unit_rule(l: &PlannedLine) -> String {
    let d = &l.derivation;
    if let Some((bom_uom, bom_qty, bom_base)) = &d.bom_uom {
        return format!(
            "Line {} {}: {} → target({}) = {} {} ({} decimals); earlier reports planned {} → planned {}",
            l.line,
            l.item,
            converted(
                (bom_uom, *bom_qty, *bom_base),
                d.scrap_factor,
                Some(d.units_after),
                (&l.uom, d.exact_after)
            ),
            d.units_after,
            d.target_after,
            l.uom,
            d.decimals,
            d.prior_planned,
            l.planned
        );
    }
    format!(
        "Line {} {}: {} per {} units, scrap {}% → target({}) = {} ({} decimals); earlier reports planned {} → planned {}",
        l.line,
        l.item,
        canonical(d.qty),
        canonical(d.base),
        scrap_pct(l),
        d.units_after,
        rounded_up(d.exact_after, d.target_after),
        d.decimals,
        d.prior_planned,
        l.planned
    ) + &if d.ratio.is_one() {
        String::new()
    } else {
        format!(" (in {}, units converted along the phantom path)", l.uom)
    }
}

/// A per-order line: its quantity once, carried by the order's first report.
fn per_order_rule(l: &PlannedLine) -> String {
    let d = &l.derivation;
    let carried = if l.carries_order_qty {
        "this is the first report, it carries it"
    } else {
        "an earlier report carried it"
    };
    match &d.bom_uom {
        Some((bom_uom, bom_qty, bom_base)) => format!(
            "Line {} {}: per order {} → {} {}; {carried}",
            l.line,
            l.item,
            converted(
                (bom_uom, *bom_qty, *bom_base),
                d.scrap_factor,
                None,
                (&l.uom, d.exact_after)
            ),
            d.target_after,
            l.uom,
        ),
        None => format!(
            "Line {} {}: {} per order, scrap {}% → {}; {carried}",
            l.line,
            l.item,
            canonical(d.qty),
            scrap_pct(l),
            d.target_after,
        ),
    }
}

/// Where the line issues from: its location and stock, or how a manual line is issued.
fn source(l: &PlannedLine) -> String {
    match l.manual_reason {
        Some(why) if l.qty.is_zero() => format!(
            "Manual line: {}. a: issue the planned {} {} by hand{}; e: another quantity.",
            crate::tui::strings::manual_reason(why),
            l.planned,
            l.uom,
            match l.tracking {
                _ if l.non_stock => "",
                crate::domain::master::Tracking::None => "",
                crate::domain::master::Tracking::Lot => ", then scan its lots",
                crate::domain::master::Tracking::Serial => ", then scan its serials",
            }
        ),
        Some(_) if l.non_stock => format!(
            "Issued by hand: {} {} (non-stock: recorded at standard cost, no location).",
            l.qty, l.uom
        ),
        Some(_) => format!(
            "Issued by hand: {} {} from {}{}.",
            l.qty,
            l.uom,
            l.location,
            lots_text(l)
        ),
        None => format!(
            "Issues from {} ({}), {} on hand{}{}{}.",
            l.location,
            crate::tui::strings::location_source(&l.location_source),
            l.on_hand,
            if l.expired_on_hand.is_zero() {
                String::new()
            } else {
                format!(
                    " {}",
                    crate::tui::i18n::tr(
                        crate::tui::i18n::Msg::ReportExpiredApart,
                        &[("qty", l.expired_on_hand.to_string().into())],
                    )
                )
            },
            if l.shortfall.is_zero() {
                String::new()
            } else {
                format!(", short by {}", l.shortfall)
            },
            lots_text(l)
        ),
    }
}

/// The lots a line takes and why: ` · lots A 4, B 1 (FEFO: earliest expiry first; expired X
/// skipped)`; empty for an untracked line.
fn lots_text(l: &PlannedLine) -> String {
    use crate::domain::lots::PickOrder;
    if l.tracking == crate::domain::master::Tracking::None {
        return String::new();
    }
    let serial = l.tracking == crate::domain::master::Tracking::Serial;
    if l.lots.is_empty() {
        return match l.status {
            LineStatus::Deferred | LineStatus::Short => {
                " · the unexpired lots there do not cover it".to_string()
            }
            _ => crate::tui::strings::choose_its_lots(serial).to_string(),
        };
    }
    let taken: Vec<String> = l
        .lots
        .iter()
        .map(|x| {
            let name = if x.lot.is_empty() {
                "(unknown)"
            } else {
                &x.lot
            };
            // A serial is one unit: its name says it all.
            if serial && !x.lot.is_empty() {
                name.to_string()
            } else {
                format!("{name} {}", x.qty)
            }
        })
        .collect();
    let why = match l.picked_by {
        Some(PickOrder::Fefo) => " (FEFO: earliest expiry first",
        Some(PickOrder::Fifo) => " (FIFO: oldest first",
        None => " (named",
    };
    let skipped = if l.skipped_expired.is_empty() {
        String::new()
    } else {
        format!("; expired {} skipped", l.skipped_expired.join(", "))
    };
    format!(
        " · {} {}{why}{skipped})",
        if serial { "serials" } else { "lots" },
        taken.join(", ")
    )
}

/// `0.4 g × 3 = 1.2 g = 0.0012 kg`: the BOM line's quantity in its own unit, times the units
/// (`None` for a per-order line; over the base, times the scrap allowance), then the same
/// exact quantity in the component's unit — the one value that is rounded up.
fn converted(
    (bom_uom, bom_qty, bom_base): (&str, rust_decimal::Decimal, rust_decimal::Decimal),
    scrap_factor: rust_decimal::Decimal,
    units: Option<Quantity>,
    (uom, exact): (&str, Quantity),
) -> String {
    let one = rust_decimal::Decimal::ONE;
    let mut text = format!("{} {bom_uom}", canonical(bom_qty));
    if bom_base != one {
        text.push_str(&format!(" / {}", canonical(bom_base)));
    }
    if scrap_factor != one {
        text.push_str(&format!(" × {}", canonical(scrap_factor)));
    }
    if let Some(units) = units {
        text.push_str(&format!(" × {}", units));
    }
    let units = units.map_or(one, Quantity::get);
    let in_bom_unit = units
        .checked_mul(bom_qty)
        .and_then(|x| x.checked_mul(scrap_factor))
        .and_then(|x| x.checked_div(bom_base))
        .map_or_else(|| "…".to_string(), |x| canonical(x.round_dp(6)));
    format!(
        "{text} = {in_bom_unit} {bom_uom} = {} {uom}",
        exact.round_dp(9)
    )
}

/// "⌈1.386⌉ = 1.39" when the exact requirement was rounded up, just "2" when it was exact.
fn rounded_up(exact: Quantity, target: Quantity) -> String {
    if exact == target {
        target.to_string()
    } else {
        format!("⌈{}⌉ = {}", exact.round_dp(6), target)
    }
}
