//! The report screen as a widget ([`ReportView`]): the fields, the problem line and the
//! summary here; the table of lines in `table`, the detail pane's explanation of a line in
//! `explain`.

use super::fit;
use super::{
    Buffer, Constraint, Focus, Layout, Line, Paragraph, PlannedLine, Rect, ReportPlan, Span, State,
    Text, Theme, Widget, Wrap, titled,
};
use crate::domain::qty::{Hours, Money};
use crate::tui::app::ReportState;
use crate::tui::i18n::{Arg, Msg, t, tr};
use crate::tui::ui::{cells, count, fit_rows, num, wrap};

mod explain;
mod table;

pub use explain::explain;
pub(super) use table::status_word;
use table::{Lines, render_lines};

/// The report being keyed in, with what its lines need from a lead.
pub struct ReportView<'a> {
    pub state: &'a ReportState,
    pub theme: &'a Theme,
    /// Per line of the preview, whether this user needs a lead to post it.
    pub lead: Vec<bool>,
    /// How far from planned an operator may override alone, in percent.
    pub tolerance_pct: rust_decimal::Decimal,
    /// The order's work center when it is not this terminal's: the title names it.
    pub other_work_center: Option<String>,
    /// The rows the table of lines showed: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
}

impl<'a> ReportView<'a> {
    /// The report of `app`'s screen as the user logged in sees it.
    #[must_use]
    pub fn new(app: &'a State, state: &'a ReportState) -> Self {
        let lead = state
            .plan
            .as_ref()
            .map(|p| p.lines.iter().map(|l| app.needs_lead(l)).collect())
            .unwrap_or_default();
        let ops = &state.context.order.operations;
        let other_work_center = app
            .current_work_center()
            .filter(|w| !ops.iter().any(|o| o.work_center == w.work_center))
            .and_then(|_| {
                ops.iter()
                    .find(|o| o.operation == state.operation)
                    .or(ops.first())
            })
            .map(|o| o.work_center.clone());
        ReportView {
            state,
            theme: &app.theme,
            lead,
            tolerance_pct: app.tolerance_pct,
            other_work_center,
            shown: &app.list_rows,
        }
    }
}

impl Widget for ReportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_report(&self, area, buf);
    }
}

fn render_report(view: &ReportView<'_>, area: Rect, buf: &mut Buffer) {
    let (r, theme) = (view.state, view.theme);
    let outer = titled(
        theme,
        report_title(r, view.other_work_center.as_deref(), area.width),
    );
    let inner = outer.inner(area);
    outer.render(area, buf);
    let width = usize::from(inner.width);
    // The summary wraps onto a second line where it does not fit one; past that it is cut.
    let summary_rows = if area.width < 100 { 2 } else { 1 };
    let summary_text = r.plan.as_ref().map(|plan| {
        let text = summary_line(plan, !r.fg_serials.is_empty());
        indented(&text, width, summary_rows)
    });
    // The explanation of the selected line shows whole: the table gives way to it, keeping
    // a few rows of lines, and only what still does not fit is cut with `…`.
    let detail_text = r
        .plan
        .as_ref()
        .filter(|_| !r.listing && r.problem.is_none())
        .and_then(|plan| plan.lines.get(r.selected))
        .map(|line| detail_lines(line, area.width < 90, width));
    let least = if area.width < 90 { 4 } else { 3 };
    let room = usize::from(inner.height).saturating_sub(3 + summary_rows + MIN_TABLE_ROWS);
    let detail_rows = detail_text
        .as_ref()
        .map_or(least, |d| d.len().max(least))
        .min(room.max(1));
    let [fields, problem, table_area, detail, summary] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(detail_rows).unwrap_or(u16::MAX)),
        Constraint::Length(u16::try_from(summary_rows).unwrap_or(u16::MAX)),
    ]));
    render_fields(theme, r, buf, fields);
    render_problem(view, buf, problem);
    let Some(plan) = &r.plan else { return };
    // While good or scrap is invalid the last preview is not what would post: its numbers
    // are hidden rather than shown stale.
    let stale = r.problem.is_some() && !r.listing;
    view.shown
        .set(usize::from(table_area.height.saturating_sub(1)).max(1));
    let lines = Lines {
        plan,
        lead: &view.lead,
        selected: r.selected,
        listing: r.listing || stale,
        focused: r.focus == Focus::Lines,
    };
    render_lines(theme, &lines, buf, table_area);
    if r.listing {
        return;
    }
    if stale {
        Paragraph::new(format!(" {}", t(Msg::ReportTotalsStale)))
            .style(theme.muted)
            .render(summary, buf);
        return;
    }
    if let Some(lines) = detail_text {
        let shown = fit_rows(lines, width, detail_rows);
        Paragraph::new(Text::from_iter(shown.into_iter().map(Line::from)))
            .style(theme.muted)
            .render(detail, buf);
    }
    if let Some(lines) = summary_text {
        Paragraph::new(Text::from_iter(lines.into_iter().map(Line::from)))
            .style(theme.header)
            .render(summary, buf);
    }
}

/// The rows of lines the table keeps however long the explanation below it is.
const MIN_TABLE_ROWS: usize = 5;

/// The explanation of `line` wrapped to `width`; where the table has no description column
/// (`narrow`), it starts with it.
fn detail_lines(line: &PlannedLine, narrow: bool, width: usize) -> Vec<String> {
    let text = explain(line);
    let mut lines: Vec<String> = Vec::new();
    if narrow {
        lines.extend(wrap(&line.description, width));
    }
    for l in &text.lines {
        let said: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        lines.extend(wrap(&said, width));
    }
    lines
}

/// `text` wrapped to `width` one cell in from the edge, in at most `rows` rows (the last cut
/// with `…` when it does not fit).
fn indented(text: &str, width: usize, rows: usize) -> Vec<String> {
    let inner = width.saturating_sub(1);
    fit_rows(wrap(text.trim_start(), inner), inner, rows)
        .into_iter()
        .map(|l| format!(" {l}"))
        .collect()
}

/// The box's title: the order with its item's description, which gives way when it would
/// not fit.
fn report_title(r: &ReportState, other_work_center: Option<&str>, width: u16) -> String {
    let at = other_work_center.map_or_else(String::new, |w| {
        format!(
            " · {}",
            tr(Msg::ReportAtWorkCenter, &[("work_center", Arg::from(w))])
        )
    });
    let at_op = tr(
        Msg::ReportAtOp,
        &[("operation", Arg::from(r.operation.to_string()))],
    );
    let full = format!(
        "{}· {at_op}{at} ",
        super::orders::order_title(&r.context, &r.description),
    );
    if cells(&full) + 2 <= usize::from(width) {
        return full;
    }
    let o = &r.context.order;
    fit(
        &format!(
            " {} · {at_op}{at} ",
            tr(
                Msg::ReportShortTitle,
                &[
                    ("order", Arg::from(o.order.to_string())),
                    ("item", Arg::from(o.item.to_string())),
                    ("qty", num(o.qty)),
                ],
            )
        ),
        usize::from(width.saturating_sub(2)),
    )
}

/// Good and scrap, and how much the operation has reported so far.
fn render_fields(theme: &Theme, r: &ReportState, buf: &mut Buffer, area: Rect) {
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
    let mut spans = field(&t(Msg::ColGood), &r.good.text, r.focus == Focus::Good);
    spans.extend(field(
        &t(Msg::ColScrap),
        &r.scrap.text,
        r.focus == Focus::Scrap,
    ));
    let reported = tr(
        Msg::ReportReportedHere,
        &[
            ("done", num(progress.units())),
            ("qty", num(r.context.order.qty)),
        ],
    );
    spans.push(Span::styled(format!("  {uom} · {reported}"), theme.muted));
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// Under the fields: why there is no preview, else the first warning, else a reminder that
/// overrides keep their quantity.
fn render_problem(view: &ReportView<'_>, buf: &mut Buffer, area: Rect) {
    let (r, theme) = (view.state, view.theme);
    let lead: Vec<&PlannedLine> = r
        .plan
        .as_ref()
        .filter(|_| !r.listing && r.problem.is_none())
        .map(|p| {
            p.lines
                .iter()
                .zip(&view.lead)
                .filter(|(_, lead)| **lead)
                .map(|(l, _)| l)
                .collect()
        })
        .unwrap_or_default();
    let (text, style) = if let Some(p) = &r.problem {
        (format!(" {p}"), theme.warn)
    } else if let [first, rest @ ..] = lead.as_slice() {
        // Said the moment the override is typed, not after the confirmation.
        let also = if rest.is_empty() {
            String::new()
        } else {
            format!(
                " {}",
                tr(Msg::ReportNeedsLeadAlso, &[("count", count(rest.len()))])
            )
        };
        let why = if first.expired_lots.is_empty() {
            tr(
                Msg::ReportNeedsLeadPct,
                &[
                    ("pct", num(view.tolerance_pct)),
                    ("planned", num(first.planned)),
                ],
            )
        } else {
            crate::tui::strings::expired_named(&first.expired_lots)
        };
        let needs = tr(
            Msg::ReportNeedsLead,
            &[
                ("line", Arg::from(first.line.clone())),
                ("item", Arg::from(first.item.to_string())),
                ("also", Arg::from(also)),
                ("why", Arg::from(why)),
            ],
        );
        (format!(" {needs}"), theme.warn)
    } else if let Some(w) = r.plan.as_ref().and_then(|p| p.warnings.first()) {
        (format!(" ⚠ {}", explain::plan_warning(w)), theme.warn)
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
        (
            format!(
                " {}",
                tr(Msg::ReportKeepsOverride, &[("count", count(fixed))])
            ),
            theme.muted,
        )
    };
    Paragraph::new(text)
        .style(style)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn summary_line(plan: &ReportPlan, serials: bool) -> String {
    let hours: Hours = plan.labor.iter().map(|l| l.setup_hours + l.run_hours).sum();
    let labor: Money = plan
        .labor
        .iter()
        .map(|l| l.labor_cost + l.overhead_cost)
        .sum();
    let receipt = plan.receipt.as_ref().map_or_else(
        || t(Msg::ReportNoReceipt),
        |r| crate::tui::strings::receive_into(r.qty, r.location.as_str(), &r.lots, serials),
    );
    crate::tui::strings::report_summary(&crate::tui::strings::ReportSummary {
        hours,
        labor_and_overhead: labor.get(),
        receipt: &receipt,
        expected: plan.expected_cost().get(),
        actual: plan.actual_cost().get(),
    })
}
