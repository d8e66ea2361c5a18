//! The report screen: fields, the preview of every line, the detail pane and the summary.

use super::*;
use crate::tui::app::ReportState;

pub(super) fn status_style(theme: &Theme, status: LineStatus) -> Style {
    match status {
        LineStatus::Issue => theme.ok,
        LineStatus::Deferred => theme.warn,
        LineStatus::Short => theme.error,
        LineStatus::Manual => theme.manual,
        LineStatus::Skipped => theme.skipped,
    }
}

pub(super) fn render_report(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Screen::Report(r) = &app.screen else {
        return;
    };
    let theme = &app.theme;
    let outer = titled(theme, report_title(app, r, area.width));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [fields, problem, table_area, detail, summary] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(if area.width < 90 { 4 } else { 3 }),
        Constraint::Length(1),
    ]));
    render_fields(theme, r, frame, fields);
    render_problem(app, r, frame, problem);
    let Some(plan) = &r.plan else { return };
    // While good or scrap is invalid the last preview is not what would post: its numbers
    // are hidden rather than shown stale.
    let stale = r.problem.is_some() && !r.listing;
    let lead: Vec<bool> = plan.lines.iter().map(|l| app.needs_lead(l)).collect();
    render_lines(
        theme,
        (plan, &lead),
        (r.selected, r.listing || stale),
        r.focus == Focus::Lines,
        frame,
        table_area,
    );
    if r.listing {
        return;
    }
    if stale {
        frame.render_widget(
            Paragraph::new(" Totals show again once good and scrap are valid.").style(theme.muted),
            summary,
        );
        return;
    }
    if let Some(line) = plan.lines.get(r.selected) {
        // Where the table has no description column, the pane starts with it.
        let mut text = explain(line);
        if area.width < 90 {
            text.lines.insert(0, Line::from(line.description.clone()));
        }
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.muted)
                .wrap(Wrap { trim: true }),
            detail,
        );
    }
    frame.render_widget(
        Paragraph::new(summary_line(plan)).style(theme.header),
        summary,
    );
}

/// The box's title: the order with its item's description, which gives way when it would
/// not fit.
fn report_title(app: &App, r: &ReportState, width: u16) -> String {
    let full = format!(
        "{}· report at op {} ",
        super::orders::order_title(app, &r.context, &r.description),
        r.operation
    );
    if full.chars().count() + 2 <= usize::from(width) {
        return full;
    }
    let o = &r.context.order;
    format!(
        " {} · {} · qty {} · report at op {} ",
        o.order,
        o.item,
        canonical(o.qty),
        r.operation
    )
}

/// Good and scrap, and how much the operation has reported so far.
fn render_fields(theme: &Theme, r: &ReportState, frame: &mut Frame<'_>, area: Rect) {
    let field = |label: &str, value: &str, focused: bool| {
        let style = if focused { theme.focus } else { theme.header };
        vec![
            Span::raw(format!(" {label} ")),
            Span::styled(format!(" {:>8} ", value), style),
        ]
    };
    let progress = r
        .context
        .progress
        .operations
        .get(&r.operation)
        .copied()
        .unwrap_or_default();
    let uom = r
        .context
        .item(&r.context.order.item)
        .map(|i| i.uom.clone())
        .unwrap_or_default();
    let mut spans = field("Good", &r.good.text, r.focus == Focus::Good);
    spans.extend(field("Scrap", &r.scrap.text, r.focus == Focus::Scrap));
    spans.push(Span::styled(
        format!(
            "  {uom} · reported here {} of {}",
            canonical(progress.units()),
            canonical(r.context.order.qty)
        ),
        theme.muted,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Under the fields: why there is no preview, else the first warning, else a reminder that
/// overrides keep their quantity.
fn render_problem(app: &App, r: &ReportState, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let lead: Vec<&PlannedLine> = r
        .plan
        .as_ref()
        .filter(|_| !r.listing && r.problem.is_none())
        .map(|p| p.lines.iter().filter(|l| app.needs_lead(l)).collect())
        .unwrap_or_default();
    let (text, style) = if let Some(p) = &r.problem {
        (format!(" {p}"), theme.warn)
    } else if let [first, rest @ ..] = lead.as_slice() {
        // Said the moment the override is typed, not after the confirmation.
        let also = if rest.is_empty() {
            String::new()
        } else {
            format!(
                " (and {} more)",
                crate::tui::strings::count(rest.len(), "line")
            )
        };
        (
            format!(
                " Line {} {}{also} needs a lead: more than {}% from planned {}. The lead signs when you post.",
                first.line,
                first.item,
                canonical(app.service.override_tolerance_pct()),
                canonical(first.planned)
            ),
            theme.warn,
        )
    } else if let Some(w) = r.plan.as_ref().and_then(|p| p.warnings.first()) {
        (format!(" ⚠ {w}"), theme.warn)
    } else {
        // An override is a fact the operator typed: it does not follow good and scrap, so
        // say so while any line carries one.
        let fixed = r
            .plan
            .as_ref()
            .filter(|_| !r.listing)
            .map_or(0, |p| p.lines.iter().filter(|l| l.overridden).count());
        if fixed == 0 {
            return;
        }
        let who = if fixed == 1 {
            "1 line keeps".to_string()
        } else {
            format!("{fixed} lines keep")
        };
        (
            format!(
                " {who} your override (marked *) whatever good and scrap become; r resets a line"
            ),
            theme.muted,
        )
    };
    frame.render_widget(
        Paragraph::new(text).style(style).wrap(Wrap { trim: true }),
        area,
    );
}

/// The lines of the preview; `listing` (no units typed yet) shows which lines, from where
/// and what is on hand, without quantities.
pub(super) fn render_lines(
    theme: &Theme,
    (plan, lead): (&ReportPlan, &[bool]),
    (selected, listing): (usize, bool),
    focused: bool,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    // Below 90 columns the description gives way to the numbers (the pane below names the
    // selected line's item in full).
    let described = area.width >= 90;
    let rows: Vec<Row<'_>> = plan
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let needs_lead = lead.get(i).copied().unwrap_or(false);
            let status = if l.overridden {
                format!("{}*", l.status.as_str())
            } else if l.is_hand_issue() {
                // A manual line issued with this report (SPEC §9).
                "by hand".to_string()
            } else {
                l.status.as_str().to_string()
            };
            let on_hand_style = if l.on_hand < l.total() && l.status != LineStatus::Manual {
                theme.error
            } else {
                theme.base
            };
            let number = |q| {
                if listing {
                    Cell::from("")
                } else {
                    Cell::from(right(canonical(q)))
                }
            };
            let status = match (listing, l.status) {
                (true, LineStatus::Manual) => Cell::from(Span::styled("manual", theme.manual)),
                (true, _) => Cell::from(""),
                (false, _) if needs_lead => Cell::from(Span::styled("needs lead", theme.error)),
                (false, s) => Cell::from(Span::styled(status, status_style(theme, s))),
            };
            let mut cells = vec![Cell::from(l.line.clone()), Cell::from(l.item.clone())];
            if described {
                cells.push(Cell::from(l.description.clone()));
            }
            cells.extend([
                Cell::from(if l.non_stock {
                    "—".to_string()
                } else {
                    l.location.clone()
                }),
                Cell::from(right(canonical(l.on_hand))).style(if listing {
                    theme.base
                } else {
                    on_hand_style
                }),
                number(l.planned),
                number(l.qty),
                number(l.line_scrap),
                Cell::from(l.uom.clone()),
                status,
            ]);
            Row::new(cells)
        })
        .collect();
    let mut specs = vec![
        ("Line", Constraint::Length(6)),
        ("Item", Constraint::Fill(1)),
    ];
    if described {
        specs.push(("Description", Constraint::Fill(2)));
    }
    let (header, widths) = columns(
        theme,
        &[
            specs.as_slice(),
            &[
                ("From", Constraint::Length(7)),
                (" On hand", Constraint::Length(8)),
                (" Planned", Constraint::Length(8)),
                ("   Issue", Constraint::Length(8)),
                (" Scrap", Constraint::Length(6)),
                ("UoM", Constraint::Length(4)),
                ("Status", Constraint::Length(10)),
            ],
        ]
        .concat(),
    );
    let highlight = if focused { theme.focus } else { theme.selected };
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(highlight);
    let mut state =
        TableState::default().with_selected((!plan.lines.is_empty()).then_some(selected));
    // More lines than rows: a scrollbar in the last column says so.
    let overflow = plan.lines.len() > usize::from(area.height.saturating_sub(1));
    let table_area = Rect {
        width: area.width.saturating_sub(u16::from(overflow)),
        ..area
    };
    frame.render_stateful_widget(table, table_area, &mut state);
    if overflow {
        let mut bar = ScrollbarState::new(plan.lines.len()).position(selected);
        let track = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            track,
            &mut bar,
        );
    }
}

/// The detail pane: how the selected line's numbers come about.
#[must_use]
pub fn explain(l: &PlannedLine) -> Text<'static> {
    let d = &l.derivation;
    let scrap_pct = canonical(
        (d.scrap_factor - rust_decimal::Decimal::ONE) * rust_decimal::Decimal::ONE_HUNDRED,
    );
    let rule = match (d.per, &d.bom_uom) {
        (Per::Unit, Some((bom_uom, bom_qty, bom_base))) => format!(
            "Line {} {}: {} → target({}) = {} {} ({} decimals); earlier reports planned {} → planned {}",
            l.line,
            l.item,
            converted(
                (bom_uom, *bom_qty, *bom_base),
                d.scrap_factor,
                Some(d.units_after),
                (&l.uom, d.exact_after)
            ),
            canonical(d.units_after),
            canonical(d.target_after),
            l.uom,
            d.decimals,
            canonical(d.prior_planned),
            canonical(l.planned)
        ),
        (Per::Order, Some((bom_uom, bom_qty, bom_base))) => format!(
            "Line {} {}: per order {} → {} {}; {}",
            l.line,
            l.item,
            converted(
                (bom_uom, *bom_qty, *bom_base),
                d.scrap_factor,
                None,
                (&l.uom, d.exact_after)
            ),
            canonical(d.target_after),
            l.uom,
            if l.carries_order_qty {
                "this is the first report, it carries it"
            } else {
                "an earlier report carried it"
            }
        ),
        (Per::Unit, None) => {
            format!(
                "Line {} {}: {} per {} units, scrap {}% → target({}) = {} ({} decimals); earlier reports planned {} → planned {}",
                l.line,
                l.item,
                canonical(d.qty),
                canonical(d.base),
                scrap_pct,
                canonical(d.units_after),
                rounded_up(d.exact_after, d.target_after),
                d.decimals,
                canonical(d.prior_planned),
                canonical(l.planned)
            ) + &if d.ratio.is_one() {
                String::new()
            } else {
                format!(" (in {}, units converted along the phantom path)", l.uom)
            }
        }
        (Per::Order, None) => format!(
            "Line {} {}: {} per order, scrap {}% → {}; {}",
            l.line,
            l.item,
            canonical(d.qty),
            scrap_pct,
            canonical(d.target_after),
            if l.carries_order_qty {
                "this is the first report, it carries it"
            } else {
                "an earlier report carried it"
            }
        ),
    };
    let source = match l.manual_reason {
        Some(why) if l.qty.is_zero() => format!(
            "Manual line: {why}. a: issue the planned {} {} by hand{}; e: another quantity.",
            canonical(l.planned),
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
            canonical(l.qty),
            l.uom
        ),
        Some(_) => format!(
            "Issued by hand: {} {} from {}{}.",
            canonical(l.qty),
            l.uom,
            l.location,
            lots_text(l)
        ),
        None => format!(
            "Issues from {} ({}), {} on hand{}{}.",
            l.location,
            l.location_source,
            canonical(l.on_hand),
            if l.shortfall.is_zero() {
                String::new()
            } else {
                format!(", short by {}", canonical(l.shortfall))
            },
            lots_text(l)
        ),
    };
    Text::from(vec![Line::from(rule), Line::from(source)])
}

/// The lots a line takes and why: ` · lots A 4, B 1 (FEFO: earliest expiry first; expired X
/// skipped)`; empty for an untracked line.
fn lots_text(l: &PlannedLine) -> String {
    use crate::domain::lots::PickOrder;
    if l.tracking == crate::domain::master::Tracking::None {
        return String::new();
    }
    if l.lots.is_empty() {
        return match l.status {
            LineStatus::Deferred | LineStatus::Short => {
                " · the unexpired lots there do not cover it".to_string()
            }
            _ => " · o: choose its lots".to_string(),
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
            format!("{name} {}", canonical(x.qty))
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
    format!(" · lots {}{why}{skipped})", taken.join(", "))
}

/// `0.4 g × 3 = 1.2 g = 0.0012 kg`: the BOM line's quantity in its own unit, times the units
/// (`None` for a per-order line; over the base, times the scrap allowance), then the same
/// exact quantity in the component's unit — the one value that is rounded up.
fn converted(
    (bom_uom, bom_qty, bom_base): (&str, rust_decimal::Decimal, rust_decimal::Decimal),
    scrap_factor: rust_decimal::Decimal,
    units: Option<rust_decimal::Decimal>,
    (uom, exact): (&str, rust_decimal::Decimal),
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
        text.push_str(&format!(" × {}", canonical(units)));
    }
    let units = units.unwrap_or(one);
    let in_bom_unit = units
        .checked_mul(bom_qty)
        .and_then(|x| x.checked_mul(scrap_factor))
        .and_then(|x| x.checked_div(bom_base))
        .map_or_else(|| "…".to_string(), |x| canonical(x.round_dp(6)));
    format!(
        "{text} = {in_bom_unit} {bom_uom} = {} {uom}",
        canonical(exact.round_dp(9))
    )
}

pub(super) fn summary_line(plan: &ReportPlan) -> String {
    let hours: rust_decimal::Decimal = plan.labor.iter().map(|l| l.setup_hours + l.run_hours).sum();
    let labor: rust_decimal::Decimal = plan
        .labor
        .iter()
        .map(|l| l.labor_cost + l.overhead_cost)
        .sum();
    let receipt = plan.receipt.as_ref().map_or_else(
        || "no receipt".to_string(),
        |r| format!("receive {} → {}", canonical(r.qty), r.location),
    );
    format!(
        " Labor {} h {} · {receipt} · material std {} / actual {}",
        canonical(hours),
        canonical(labor.round_dp(2)),
        canonical(plan.expected_cost().round_dp(2)),
        canonical(plan.actual_cost().round_dp(2))
    )
}

/// "⌈1.386⌉ = 1.39" when the exact requirement was rounded up, just "2" when it was exact.
fn rounded_up(exact: rust_decimal::Decimal, target: rust_decimal::Decimal) -> String {
    if exact == target {
        canonical(target)
    } else {
        format!("⌈{}⌉ = {}", canonical(exact.round_dp(6)), canonical(target))
    }
}
