//! Rendering: pure functions of the [`App`] state onto a frame. No I/O, no store access.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, BorderType, Cell, Clear, Paragraph, Row, Scrollbar, ScrollbarOrientation,
    ScrollbarState, Table, TableState, Wrap,
};

use super::app::{App, Focus, Overlay, Screen, Severity};
use super::keymap::{self, Context};
use super::theme::Theme;
use crate::domain::backflush::{LineStatus, PlannedLine, ReportPlan};
use crate::domain::master::Per;
use crate::domain::qty::canonical;

/// Draws the whole terminal.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    frame.render_widget(Block::new().style(app.theme.base), area);
    let [status, body, message, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    render_status_bar(app, frame, status);
    match &app.screen {
        Screen::Login(l) => render_login(app, l, frame, body),
        Screen::Orders(_) => render_orders(app, frame, body),
        Screen::Operations(_) => render_operations(app, frame, body),
        Screen::Report(_) => render_report(app, frame, body),
        Screen::History(_) => render_history(app, frame, body),
        Screen::Staging(_) => render_staging(app, frame, body),
    }
    render_message(app, frame, message);
    render_footer(&app.theme, app.context(), frame, footer);
    for overlay in &app.overlays {
        render_overlay(app, overlay, frame, area);
    }
}

fn render_status_bar(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let user = match &app.session.badge {
        Some(badge) => format!(
            "{} ({badge}, {})",
            app.session.name,
            app.session.role.map_or("", |r| r.as_str())
        ),
        None if matches!(app.screen, Screen::Login(_)) => "not logged in".to_string(),
        None => "open terminal".to_string(),
    };
    let wc = if app.all_work_centers {
        "all work centers".to_string()
    } else {
        app.current_work_center().map_or_else(
            || "no work center".into(),
            |w| format!("{} {}", w.work_center, w.description),
        )
    };
    let time = app.now.with_timezone(&Local).format("%H:%M").to_string();
    let width = usize::from(area.width);
    // The clock always shows; the left part gives way on a narrow screen.
    let left: String = format!(" backflush │ {} │ {wc} │ {user}", app.service.terminal())
        .chars()
        .take(width.saturating_sub(time.len() + 2))
        .collect();
    let pad = width.saturating_sub(left.chars().count() + time.len() + 1);
    let text = format!("{left}{}{time} ", " ".repeat(pad));
    frame.render_widget(Paragraph::new(text).style(app.theme.status_bar), area);
}

fn render_message(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some((text, severity)) = &app.status else {
        return;
    };
    let style = match severity {
        Severity::Error => app.theme.error,
        Severity::Success => app.theme.ok,
        Severity::Info => app.theme.muted,
    };
    frame.render_widget(Paragraph::new(format!(" {text}")).style(style), area);
}

fn render_footer(theme: &Theme, context: Context, frame: &mut Frame<'_>, area: Rect) {
    let mut spans = Vec::new();
    // Help first, so it stays visible when a narrow screen cuts the hints.
    let mut hints: Vec<_> = keymap::bindings(context)
        .filter(|b| !b.hint.is_empty())
        .collect();
    hints.sort_by_key(|b| b.action != keymap::Action::Help);
    for b in hints {
        spans.push(Span::styled(b.label, theme.key));
        spans.push(Span::styled(format!(" {}  ", b.hint), theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn titled<'a>(theme: &Theme, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(title.into().style(theme.title))
}

fn render_login(app: &App, l: &super::app::LoginState, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let box_area = area.centered(Constraint::Length(50), Constraint::Length(9));
    let field = |label: &str, shown: String, focused: bool| {
        let style = if focused { theme.focus } else { theme.base };
        Line::from(vec![
            Span::raw(format!("{label:>7}: ")),
            Span::styled(format!(" {shown:<20}"), style),
        ])
    };
    let text = Text::from(vec![
        Line::from("Scan your badge, then type your PIN.").style(theme.muted),
        Line::from(""),
        field("Badge", l.badge.shown(), !l.on_pin),
        Line::from(""),
        field("PIN", l.pin.shown(), l.on_pin),
    ]);
    frame.render_widget(
        Paragraph::new(text).block(titled(theme, " Log in ")),
        box_area,
    );
}

fn render_orders(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Screen::Orders(o) = &app.screen else {
        return;
    };
    let theme = &app.theme;
    let [top, table_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let prompt = if let Some(f) = &o.filter {
        Line::from(vec![
            Span::styled(" Filter: ", theme.header),
            Span::styled(format!("{f}▏"), theme.focus),
        ])
    } else if !o.typed.is_empty() {
        Line::from(vec![
            Span::styled(" Order: ", theme.header),
            Span::styled(format!("{}▏", o.typed), theme.focus),
            Span::styled("  Enter opens it", theme.muted),
        ])
    } else {
        Line::from(Span::styled(
            " Scan or type an order number and press Enter · / filters · a all work centers",
            theme.muted,
        ))
    };
    frame.render_widget(Paragraph::new(prompt), top);
    // Below 100 columns good and scrap give way to the description (the operations show them).
    let wide = area.width >= 100;
    let rows: Vec<Row<'_>> = o
        .visible()
        .into_iter()
        .map(|r| {
            let reported = r.good + r.scrap;
            let remaining = (r.qty - reported).max(rust_decimal::Decimal::ZERO);
            let status = if reported >= r.qty {
                "done"
            } else if reported.is_zero() {
                "open"
            } else {
                "started"
            };
            let short = o.shortages.get(&r.order).copied();
            let flag = match short {
                Some(true) => Cell::from(Span::styled("SHORT", theme.error)),
                Some(false) => Cell::from(Span::styled("ok", theme.ok)),
                None => Cell::from(""),
            };
            let mut cells = vec![
                Cell::from(r.order.clone()),
                Cell::from(r.item.clone()),
                Cell::from(r.description.clone()),
                Cell::from(right(canonical(r.qty))),
            ];
            if wide {
                cells.push(Cell::from(right(canonical(r.good))));
                cells.push(Cell::from(right(canonical(r.scrap))));
            }
            cells.extend([
                Cell::from(right(canonical(remaining))),
                Cell::from(r.due.clone().unwrap_or_default()),
                Cell::from(status),
                flag,
            ]);
            Row::new(cells)
        })
        .collect();
    let count = rows.len();
    let mut specs = vec![
        ("Order", Constraint::Length(9)),
        ("Item", Constraint::Length(8)),
        ("Description", Constraint::Fill(1)),
        ("   Qty", Constraint::Length(6)),
    ];
    if wide {
        specs.push(("  Good", Constraint::Length(6)));
        specs.push(("Scrap", Constraint::Length(5)));
    }
    specs.extend([
        ("  Left", Constraint::Length(6)),
        ("Due", Constraint::Length(10)),
        ("Status", Constraint::Length(7)),
        ("Stock", Constraint::Length(5)),
    ]);
    let (header, widths) = columns(theme, &specs);
    let title = format!(" Orders ({count}) ");
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶")
        .block(titled(theme, title));
    let mut state = TableState::default().with_selected((count > 0).then_some(o.selected));
    frame.render_stateful_widget(table, table_area, &mut state);
    if count == 0 {
        let msg = if o.filter.is_some() {
            "No order matches the filter."
        } else if app.work_centers.is_empty() {
            "This store holds no plant yet. Import one with `backflush import DIR` (see the README), or try `backflush demo`."
        } else {
            "No released orders here. Press a for all work centers."
        };
        let inner = table_area.inner(ratatui::layout::Margin::new(2, 3));
        frame.render_widget(
            Paragraph::new(msg)
                .style(theme.muted)
                .wrap(Wrap { trim: true }),
            inner,
        );
    }
}

/// A table's header row and widths from one list, so a column's title and width cannot
/// drift apart.
fn columns<'a>(theme: &Theme, columns: &[(&'a str, Constraint)]) -> (Row<'a>, Vec<Constraint>) {
    let header = Row::new(columns.iter().map(|(title, _)| *title)).style(theme.header);
    (header, columns.iter().map(|(_, width)| *width).collect())
}

fn right(text: String) -> Text<'static> {
    Text::from(text).right_aligned()
}

fn order_title(app: &App, context: &crate::service::ReportContext, description: &str) -> String {
    let _ = app;
    let o = &context.order;
    format!(
        " {} · {} {} · qty {} ",
        o.order,
        o.item,
        description,
        canonical(o.qty)
    )
}

fn render_operations(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Screen::Operations(s) = &app.screen else {
        return;
    };
    let theme = &app.theme;
    let order = &s.context.order;
    let rows: Vec<Row<'_>> = order
        .operations
        .iter()
        .map(|op| {
            let p = s
                .context
                .progress
                .operations
                .get(&op.operation)
                .copied()
                .unwrap_or_default();
            let cp = if op.count_point {
                Span::styled("● count point", theme.ok)
            } else {
                let covering = crate::domain::backflush::covering_count_point(order, op.operation)
                    .unwrap_or(op.operation);
                Span::styled(format!("○ flushed at {covering}"), theme.muted)
            };
            let materials = order
                .materials
                .iter()
                .filter(|m| m.operation == op.operation)
                .count();
            Row::new(vec![
                Cell::from(op.operation.to_string()),
                Cell::from(op.work_center.clone()),
                Cell::from(cp),
                Cell::from(right(canonical(p.good))),
                Cell::from(right(canonical(p.scrap))),
                Cell::from(right(canonical(
                    (order.qty - p.units()).max(rust_decimal::Decimal::ZERO),
                ))),
                Cell::from(right(materials.to_string())),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            ("Op", Constraint::Length(5)),
            ("Work ctr", Constraint::Length(10)),
            ("Count point", Constraint::Fill(1)),
            ("   Good", Constraint::Length(7)),
            ("  Scrap", Constraint::Length(7)),
            ("   Left", Constraint::Length(7)),
            ("Materials", Constraint::Length(9)),
        ],
    );
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶")
        .block(titled(theme, order_title(app, &s.context, &s.description)));
    let mut state = TableState::default().with_selected(Some(s.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

fn status_style(theme: &Theme, status: LineStatus) -> Style {
    match status {
        LineStatus::Issue => theme.ok,
        LineStatus::Deferred => theme.warn,
        LineStatus::Short => theme.error,
        LineStatus::Manual => theme.manual,
        LineStatus::Skipped => theme.skipped,
    }
}

fn render_report(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Screen::Report(r) = &app.screen else {
        return;
    };
    let theme = &app.theme;
    let outer = titled(
        theme,
        format!(
            "{}· report at op {} ",
            order_title(app, &r.context, &r.description),
            r.operation
        ),
    );
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [fields, problem, table_area, detail, summary] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Length(1),
    ]));
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
    frame.render_widget(Paragraph::new(Line::from(spans)), fields);
    if let Some(p) = &r.problem {
        frame.render_widget(
            Paragraph::new(format!(" {p}"))
                .style(theme.warn)
                .wrap(Wrap { trim: true }),
            problem,
        );
    } else if let Some(w) = r.plan.as_ref().and_then(|p| p.warnings.first()) {
        frame.render_widget(
            Paragraph::new(format!(" ⚠ {w}"))
                .style(theme.warn)
                .wrap(Wrap { trim: true }),
            problem,
        );
    }
    let Some(plan) = &r.plan else { return };
    render_lines(
        theme,
        plan,
        r.selected,
        r.focus == Focus::Lines,
        frame,
        table_area,
    );
    if let Some(line) = plan.lines.get(r.selected) {
        frame.render_widget(
            Paragraph::new(explain(line))
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

fn render_lines(
    theme: &Theme,
    plan: &ReportPlan,
    selected: usize,
    focused: bool,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let rows: Vec<Row<'_>> = plan
        .lines
        .iter()
        .map(|l| {
            let status = if l.overridden {
                format!("{}*", l.status.as_str())
            } else {
                l.status.as_str().to_string()
            };
            let on_hand_style = if l.on_hand < l.total() && l.status != LineStatus::Manual {
                theme.error
            } else {
                theme.base
            };
            Row::new(vec![
                Cell::from(l.line.clone()),
                Cell::from(l.item.clone()),
                Cell::from(l.description.clone()),
                Cell::from(l.location.clone()),
                Cell::from(right(canonical(l.on_hand))).style(on_hand_style),
                Cell::from(right(canonical(l.planned))),
                Cell::from(right(canonical(l.qty))),
                Cell::from(right(canonical(l.line_scrap))),
                Cell::from(Span::styled(status, status_style(theme, l.status))),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            ("Line", Constraint::Length(6)),
            ("Item", Constraint::Length(9)),
            ("Description", Constraint::Fill(1)),
            ("From", Constraint::Length(7)),
            (" On hand", Constraint::Length(8)),
            (" Planned", Constraint::Length(8)),
            ("   Issue", Constraint::Length(8)),
            (" Scrap", Constraint::Length(6)),
            ("Status", Constraint::Length(9)),
        ],
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
    let rule = match d.per {
        Per::Unit => format!(
            "Line {} {}: {} per {} units, scrap {}% → target({}) = ⌈{}⌉ = {} ({} decimals); earlier reports planned {} → planned {}",
            l.line,
            l.item,
            canonical(d.qty),
            canonical(d.base),
            scrap_pct,
            canonical(d.units_after),
            canonical(d.exact_after.round_dp(6)),
            canonical(d.target_after),
            d.decimals,
            canonical(d.prior_planned),
            canonical(l.planned)
        ),
        Per::Order => format!(
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
        Some(why) => format!("Manual line: {why}; issue it by hand."),
        None => format!(
            "Issues from {} ({}), {} on hand{}.",
            l.location,
            l.location_source,
            canonical(l.on_hand),
            if l.shortfall.is_zero() {
                String::new()
            } else {
                format!(", short by {}", canonical(l.shortfall))
            }
        ),
    };
    Text::from(vec![Line::from(rule), Line::from(source)])
}

fn summary_line(plan: &ReportPlan) -> String {
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

fn render_history(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Screen::History(h) = &app.screen else {
        return;
    };
    let theme = &app.theme;
    let rows: Vec<Row<'_>> = h
        .rows
        .iter()
        .map(|r| {
            let at = chrono::DateTime::parse_from_rfc3339(&r.at)
                .map(|t| t.with_timezone(&Local).format("%m-%d %H:%M").to_string())
                .unwrap_or_else(|_| r.at.clone());
            let state = if r.reversed {
                Span::styled("reversed", theme.skipped)
            } else {
                Span::styled("posted", theme.ok)
            };
            Row::new(vec![
                Cell::from(right(r.id.to_string())),
                Cell::from(at),
                Cell::from(r.order.clone()),
                Cell::from(r.item.clone()),
                Cell::from(right(r.operation.to_string())),
                Cell::from(right(canonical(r.good))),
                Cell::from(right(canonical(r.scrap))),
                Cell::from(r.user.clone()),
                Cell::from(state),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            ("   Id", Constraint::Length(5)),
            ("When", Constraint::Length(11)),
            ("Order", Constraint::Length(9)),
            ("Item", Constraint::Fill(1)),
            ("  Op", Constraint::Length(4)),
            ("  Good", Constraint::Length(6)),
            (" Scrap", Constraint::Length(6)),
            ("User", Constraint::Length(10)),
            ("State", Constraint::Length(8)),
        ],
    );
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .block(titled(
            theme,
            format!(" Reports, newest first ({}) ", h.rows.len()),
        ));
    let mut state = TableState::default().with_selected((!h.rows.is_empty()).then_some(h.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

fn render_staging(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Screen::Staging(s) = &app.screen else {
        return;
    };
    let theme = &app.theme;
    let rows: Vec<Row<'_>> = s
        .rows
        .iter()
        .map(|r| {
            let bring = if r.shortfall.is_zero() {
                Span::styled("—", theme.ok)
            } else {
                Span::styled(canonical(r.shortfall), theme.error)
            };
            Row::new(vec![
                Cell::from(r.item.clone()),
                Cell::from(r.location.clone()),
                Cell::from(right(canonical(r.need))),
                Cell::from(right(canonical(r.on_hand))),
                Cell::from(Text::from(Line::from(bring)).right_aligned()),
                Cell::from(right(r.orders.to_string())),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            ("Item", Constraint::Fill(1)),
            ("Location", Constraint::Length(10)),
            ("    Need", Constraint::Length(10)),
            (" On hand", Constraint::Length(10)),
            ("   Bring", Constraint::Length(10)),
            ("Orders", Constraint::Length(6)),
        ],
    );
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .block(titled(
            theme,
            format!(" Staging for {} ({} items) ", s.work_center, s.rows.len()),
        ));
    let mut state = TableState::default().with_selected((!s.rows.is_empty()).then_some(s.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

fn render_overlay(app: &App, overlay: &Overlay, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    match overlay {
        Overlay::Help(context) => {
            let lines: Vec<Line<'_>> = keymap::bindings(*context)
                .map(|b| {
                    Line::from(vec![
                        Span::styled(format!(" {:>6}  ", b.label), theme.key),
                        Span::raw(b.desc),
                    ])
                })
                .collect();
            let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
            let popup = area.centered(Constraint::Length(64), Constraint::Length(height));
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(lines)
                    .block(titled(theme, " Keys (Esc closes) "))
                    .style(theme.base),
                popup,
            );
        }
        Overlay::Confirm { title, lines, .. } | Overlay::Message { title, lines, .. } => {
            let mut text: Vec<Line<'_>> =
                lines.iter().map(|l| Line::from(format!(" {l}"))).collect();
            text.push(Line::from(""));
            let (hint, style) = match overlay {
                Overlay::Confirm { .. } => (" Enter: yes   Esc: no", theme.key),
                Overlay::Message {
                    severity: Severity::Error,
                    ..
                } => (" Enter: close", theme.error),
                _ => (" Enter: close", theme.key),
            };
            text.push(Line::from(Span::styled(hint, style)));
            let height = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
            let popup = area.centered(Constraint::Percentage(80), Constraint::Length(height));
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(text)
                    .block(titled(theme, format!(" {title} ")))
                    .style(theme.base)
                    .wrap(Wrap { trim: false }),
                popup,
            );
        }
        Overlay::Prompt {
            title,
            field,
            error,
            ..
        } => {
            let mut text = vec![
                Line::from(Span::styled(format!(" {}▏", field.shown()), theme.focus)),
                Line::from(""),
            ];
            if let Some(e) = error {
                text.push(Line::from(Span::styled(format!(" {e}"), theme.error)));
            }
            text.push(Line::from(Span::styled(
                " Enter: apply   Esc: cancel",
                theme.key,
            )));
            let height = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
            let popup = area.centered(Constraint::Percentage(70), Constraint::Length(height));
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(text)
                    .block(titled(theme, format!(" {title} ")))
                    .style(theme.base)
                    .wrap(Wrap { trim: false }),
                popup,
            );
        }
    }
}
