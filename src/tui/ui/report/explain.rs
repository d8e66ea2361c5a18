//! The detail pane's explanation of a line: how its planned quantity comes about from the
//! BOM (units, scrap allowance, unit conversion, rounding up) and where it issues from.

use super::{Line, PlannedLine};
use crate::domain::backflush::{LocationSource, ManualReason, PlanWarning};
use crate::domain::qty::Quantity;
use crate::tui::i18n::{Arg, Msg, number, t, tr};
use crate::tui::ui::{LineStatus, Per, Text, num};

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
fn scrap_pct(l: &PlannedLine) -> Arg {
    num((l.derivation.scrap_factor - rust_decimal::Decimal::ONE)
        * rust_decimal::Decimal::ONE_HUNDRED)
}

/// A report's warning, as the report screen says it.
#[must_use]
pub fn plan_warning(w: &PlanWarning) -> String {
    match w {
        PlanWarning::AheadOfCountPoint {
            operation,
            units,
            count_point,
            at,
        } => tr(
            Msg::PlanAheadOfCountPoint,
            &[
                ("operation", Arg::from(operation.to_string())),
                ("units", num(*units)),
                ("count_point", Arg::from(count_point.to_string())),
                ("at", num(*at)),
            ],
        ),
    }
}

/// Why a line is issued by hand.
fn manual_reason(reason: ManualReason) -> String {
    t(match reason {
        ManualReason::OrderLineManual => Msg::ManualOrderLine,
        ManualReason::BomLineManual => Msg::ManualBomLine,
        ManualReason::ItemManual => Msg::ManualItem,
        ManualReason::WorkCenterManual => Msg::ManualWorkCenter,
        ManualReason::NonStock => Msg::ManualNonStock,
        ManualReason::LotTrackedManualLots => Msg::ManualLotSelection,
        ManualReason::SerialTracked => Msg::ManualSerial,
    })
}

/// Where a line issues from, by the rule that chose the location.
fn location_source(source: &LocationSource) -> String {
    match source {
        LocationSource::BomSupply => t(Msg::SourceBom),
        LocationSource::WorkCenter(wc) => {
            tr(Msg::SourceWorkCenter, &[("work_center", Arg::from(wc))])
        }
        LocationSource::Override => t(Msg::SourceOverride),
    }
}

/// The line's number, item and the values every rule shows.
fn line_args(l: &PlannedLine) -> Vec<(&'static str, Arg)> {
    let d = &l.derivation;
    vec![
        ("line", Arg::from(l.line.clone())),
        ("item", Arg::from(l.item.to_string())),
        ("units", num(d.units_after)),
        ("decimals", Arg::from(d.decimals.to_string())),
        ("prior", num(d.prior_planned)),
        ("planned", num(l.planned)),
        ("uom", Arg::from(l.uom.clone())),
    ]
}

/// A per-unit line: the BOM quantity times the units reported so far, less what earlier
/// reports planned.
fn per_unit_rule(l: &PlannedLine) -> String {
    let d = &l.derivation;
    let mut args = line_args(l);
    if let Some(bom) = &d.bom_uom {
        args.push((
            "converted",
            Arg::from(converted(&Conversion {
                bom_uom: &bom.uom,
                bom_qty: bom.qty,
                bom_base: bom.base,
                scrap_factor: d.scrap_factor,
                units: Some(d.units_after),
                uom: &l.uom,
                exact: d.exact_after,
            })),
        ));
        args.push(("target", num(d.target_after)));
        return tr(Msg::ExplainPerUnitConverted, &args);
    }
    args.extend([
        ("qty", num(d.qty)),
        ("base", num(d.base)),
        ("pct", scrap_pct(l)),
        (
            "target",
            Arg::from(rounded_up(d.exact_after, d.target_after)),
        ),
    ]);
    let rule = tr(Msg::ExplainPerUnit, &args);
    if d.ratio.is_one() {
        rule
    } else {
        format!(
            "{rule} {}",
            tr(Msg::ExplainPhantom, &[("uom", Arg::from(l.uom.clone()))])
        )
    }
}

/// A per-order line: its quantity once, carried by the order's first report.
fn per_order_rule(l: &PlannedLine) -> String {
    let d = &l.derivation;
    let mut args = line_args(l);
    args.push((
        "carried",
        Arg::from(t(if l.carries_order_qty {
            Msg::ExplainCarries
        } else {
            Msg::ExplainCarried
        })),
    ));
    args.push(("target", num(d.target_after)));
    match &d.bom_uom {
        Some(bom) => {
            args.push((
                "converted",
                Arg::from(converted(&Conversion {
                    bom_uom: &bom.uom,
                    bom_qty: bom.qty,
                    bom_base: bom.base,
                    scrap_factor: d.scrap_factor,
                    units: None,
                    uom: &l.uom,
                    exact: d.exact_after,
                })),
            ));
            tr(Msg::ExplainPerOrderConverted, &args)
        }
        None => {
            args.extend([("qty", num(d.qty)), ("pct", scrap_pct(l))]);
            tr(Msg::ExplainPerOrder, &args)
        }
    }
}

/// Where the line issues from: its location and stock, or how a manual line is issued.
fn source(l: &PlannedLine) -> String {
    let qty = |q: Quantity| {
        vec![
            ("qty", num(q)),
            ("uom", Arg::from(l.uom.clone())),
            ("location", Arg::from(l.location.to_string())),
            ("lots", Arg::from(lots_text(l))),
        ]
    };
    match l.manual_reason {
        Some(why) if l.qty.is_zero() => {
            let then = match l.tracking {
                _ if l.non_stock => String::new(),
                crate::domain::master::Tracking::None => String::new(),
                crate::domain::master::Tracking::Lot => t(Msg::ExplainThenLots),
                crate::domain::master::Tracking::Serial => t(Msg::ExplainThenSerials),
            };
            let mut args = qty(l.planned);
            args.extend([
                ("why", Arg::from(manual_reason(why))),
                ("then", Arg::from(then)),
            ]);
            tr(Msg::ExplainManual, &args)
        }
        Some(_) if l.non_stock => tr(Msg::ExplainByHandNonStock, &qty(l.qty)),
        Some(_) => tr(Msg::ExplainByHand, &qty(l.qty)),
        None => {
            let short = if l.shortfall.is_zero() {
                String::new()
            } else {
                tr(Msg::ExplainShortBy, &[("short", num(l.shortfall))])
            };
            let expired = if l.expired_on_hand.is_zero() {
                String::new()
            } else {
                format!(
                    " {}",
                    tr(Msg::ReportExpiredApart, &[("qty", num(l.expired_on_hand))])
                )
            };
            let mut args = qty(l.qty);
            args.extend([
                ("source", Arg::from(location_source(&l.location_source))),
                ("on_hand", num(l.on_hand)),
                // What expired lots hold there is no stock to issue: said apart.
                ("short", Arg::from(format!("{expired}{short}"))),
            ]);
            tr(Msg::ExplainIssuesFrom, &args)
        }
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
        let why = match l.status {
            LineStatus::Deferred | LineStatus::Short => Msg::ExplainLotsUncovered,
            _ if serial => Msg::ExplainChooseSerials,
            _ => Msg::ExplainChooseLots,
        };
        return format!(" · {}", t(why));
    }
    let taken: Vec<String> = l
        .lots
        .iter()
        .map(|x| {
            let name = if x.lot.is_empty() {
                t(Msg::ExplainUnknownLot)
            } else {
                x.lot.clone()
            };
            // A serial is one unit: its name says it all.
            if serial && !x.lot.is_empty() {
                name
            } else {
                format!("{name} {}", number(x.qty.get()))
            }
        })
        .collect();
    let why = t(match l.picked_by {
        Some(PickOrder::Fefo) => Msg::ExplainFefo,
        Some(PickOrder::Fifo) => Msg::ExplainFifo,
        None => Msg::ExplainNamed,
    });
    let skipped = if l.skipped_expired.is_empty() {
        String::new()
    } else {
        format!(
            "; {}",
            tr(
                Msg::ExplainExpiredSkipped,
                &[("lots", Arg::from(l.skipped_expired.join(", ")))]
            )
        )
    };
    let taken = tr(
        if serial {
            Msg::ExplainSerials
        } else {
            Msg::ExplainLots
        },
        &[("lots", Arg::from(taken.join(", ")))],
    );
    format!(" · {taken} ({why}{skipped})")
}

/// A line's quantity from the BOM line's unit to the component's.
struct Conversion<'a> {
    /// The BOM line's unit, its quantity and the base it is for.
    bom_uom: &'a str,
    bom_qty: rust_decimal::Decimal,
    bom_base: rust_decimal::Decimal,
    scrap_factor: rust_decimal::Decimal,
    /// The units reported (`None` for a per-order line).
    units: Option<Quantity>,
    /// The component's unit and the exact quantity in it.
    uom: &'a str,
    exact: Quantity,
}

/// `0.4 g × 3 = 1.2 g = 0.0012 kg`: the BOM line's quantity in its own unit, times the units
/// (`None` for a per-order line; over the base, times the scrap allowance), then the same
/// exact quantity in the component's unit — the one value that is rounded up.
fn converted(c: &Conversion<'_>) -> String {
    let &Conversion {
        bom_uom,
        bom_qty,
        bom_base,
        scrap_factor,
        units,
        uom,
        exact,
    } = c;
    let one = rust_decimal::Decimal::ONE;
    let mut text = format!("{} {bom_uom}", number(bom_qty));
    if bom_base != one {
        text.push_str(&format!(" / {}", number(bom_base)));
    }
    if scrap_factor != one {
        text.push_str(&format!(" × {}", number(scrap_factor)));
    }
    if let Some(units) = units {
        text.push_str(&format!(" × {}", number(units.get())));
    }
    let units = units.map_or(one, Quantity::get);
    let in_bom_unit = units
        .checked_mul(bom_qty)
        .and_then(|x| x.checked_mul(scrap_factor))
        .and_then(|x| x.checked_div(bom_base))
        .map_or_else(|| "…".to_string(), |x| number(x.round_dp(6)));
    format!(
        "{text} = {in_bom_unit} {bom_uom} = {} {uom}",
        number(exact.round_dp(9).get())
    )
}

/// "⌈1.386⌉ = 1.39" when the exact requirement was rounded up, just "2" when it was exact.
fn rounded_up(exact: Quantity, target: Quantity) -> String {
    if exact == target {
        number(target.get())
    } else {
        format!(
            "⌈{}⌉ = {}",
            number(exact.round_dp(6).get()),
            number(target.get())
        )
    }
}
