//! The table of the report's lines: what each line issues, from where, and its status.
use super::{Buffer, Constraint, PlannedLine, Rect, ReportPlan, Span, Theme};
use crate::tui::i18n::{Msg, t};
use crate::tui::ui::{
    Cell, LineStatus, Quantity, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Shown,
    StatefulWidget, Style, Table, TableState, Window, columns, fit, right,
};
use crate::tui::ui::{head, num_head};

fn status_style(theme: &Theme, status: LineStatus) -> Style {
    match status {
        LineStatus::Issue => theme.ok,
        LineStatus::Deferred => theme.warn,
        LineStatus::Short => theme.error,
        LineStatus::Manual => theme.manual,
        LineStatus::Skipped => theme.skipped,
    }
}

/// The preview's lines as drawn: the plan, which lines need a lead, the cursor.
pub(super) struct Lines<'a> {
    pub plan: &'a ReportPlan,
    /// Whether each line (by its place in the plan) needs a lead.
    pub lead: &'a [bool],
    pub selected: usize,
    /// No units typed yet: which lines, from where and what is on hand, without quantities.
    pub listing: bool,
    /// The lines have the keys (the cursor shows as focused).
    pub focused: bool,
}

/// The lines of the preview; while listing, which lines, from where and what is on hand,
/// without quantities.
pub(super) fn render_lines(theme: &Theme, lines: &Lines<'_>, buf: &mut Buffer, area: Rect) {
    let &Lines {
        plan,
        lead,
        selected,
        listing,
        focused,
    } = lines;
    // Below 90 columns the description gives way to the numbers (the pane below names the
    // selected line's item in full).
    let described = area.width >= 90;
    // Only the lines that show are made into rows (the header takes a line): a keystroke on an
    // order of thousands of lines costs what one of twenty does.
    let shown = usize::from(area.height.saturating_sub(1)).max(1);
    let window = Window::new(plan.lines.len(), selected, shown);
    let rows = window.rows(&plan.lines, |i, l| {
        let needs_lead = lead.get(i).copied().unwrap_or(false);
        line_row(theme, l, needs_lead, listing, described)
    });
    let (header, widths) = line_columns(theme, described);
    let highlight = if focused { theme.focus } else { theme.selected };
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(highlight);
    let mut state = TableState::default()
        .with_selected((!plan.lines.is_empty()).then_some(selected.saturating_sub(window.offset)));
    // More lines than rows: a scrollbar in the last column says so.
    let overflow = plan.lines.len() > usize::from(area.height.saturating_sub(1));
    let table_area = Rect {
        width: area.width.saturating_sub(u16::from(overflow)),
        ..area
    };
    StatefulWidget::render(table, table_area, buf, &mut state);
    if overflow {
        let mut bar = ScrollbarState::new(plan.lines.len()).position(selected);
        let track = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(track, buf, &mut bar);
    }
}

/// The header and widths of the table, the description only when `described`.
fn line_columns(theme: &Theme, described: bool) -> (Row<'static>, Vec<Constraint>) {
    let mut specs = vec![
        (head(Msg::ColLine), Constraint::Length(6)),
        (head(Msg::ColItem), Constraint::Fill(1)),
    ];
    if described {
        specs.push((head(Msg::ColDescription), Constraint::Fill(2)));
    }
    specs.extend([
        (head(Msg::ColFrom), Constraint::Length(7)),
        (num_head(Msg::ColOnHand), Constraint::Length(8)),
        (num_head(Msg::ColPlanned), Constraint::Length(8)),
        (num_head(Msg::ColIssue), Constraint::Length(8)),
        (num_head(Msg::ColScrap), Constraint::Length(7)),
        (head(Msg::ColUom), Constraint::Length(4)),
        (head(Msg::ColStatus), Constraint::Length(10)),
    ]);
    columns(theme, &specs)
}

/// One line of the table; while `listing`, its quantities are left out.
fn line_row(
    theme: &Theme,
    l: &PlannedLine,
    needs_lead: bool,
    listing: bool,
    described: bool,
) -> Row<'static> {
    let on_hand_style = if l.on_hand < l.total() && l.status != LineStatus::Manual && !listing {
        theme.error
    } else {
        theme.base
    };
    let number = |q: Quantity| {
        if listing {
            Cell::from("")
        } else {
            Cell::from(right(q))
        }
    };
    let mut cells = vec![Cell::from(l.line.clone()), Cell::from(l.item.to_string())];
    if described {
        cells.push(Cell::from(l.description.clone()));
    }
    cells.extend([
        Cell::from(if l.non_stock {
            "—".to_string()
        } else {
            l.location.to_string()
        }),
        // A non-stock item has no balance anywhere: nothing to count, not zero.
        if l.non_stock {
            Cell::from(right("—"))
        } else {
            Cell::from(right(on_hand_text(l))).style(on_hand_style)
        },
        number(l.planned),
        number(l.qty),
        number(l.line_scrap),
        Cell::from(l.uom.clone()),
        status_cell(theme, l, needs_lead, listing),
    ]);
    Row::new(cells)
}

/// A line's status: `manual` only while listing; `needs lead`, an override marked `*`, or
/// `by hand` for a manual line issued with this report.
fn status_cell(theme: &Theme, l: &PlannedLine, needs_lead: bool, listing: bool) -> Cell<'static> {
    match (listing, l.status) {
        (true, LineStatus::Manual) => Cell::from(Span::styled(t(Msg::LineManual), theme.manual)),
        (true, _) => Cell::from(""),
        (false, _) if needs_lead => Cell::from(Span::styled(t(Msg::LineNeedsLead), theme.error)),
        (false, s) => {
            // An expired lot named for the line is marked like an override: it is one.
            let marked = l.overridden || !l.expired_lots.is_empty();
            let status = if let Some(lots) = named_lots(l).filter(|_| s == LineStatus::Issue) {
                // The lots the operator named are the ones that go: the row says which.
                fit(&format!("{lots}{}", if marked { "*" } else { "" }), 10)
            } else if marked {
                format!("{}*", status_word(s))
            } else if l.is_hand_issue() {
                t(Msg::LineByHand)
            } else {
                status_word(s)
            };
            Cell::from(Span::styled(status, status_style(theme, s)))
        }
    }
}

/// A line's status in the reader's language.
pub(crate) fn status_word(status: LineStatus) -> String {
    t(match status {
        LineStatus::Issue => Msg::LineIssue,
        LineStatus::Deferred => Msg::LineDeferred,
        LineStatus::Short => Msg::LineShort,
        LineStatus::Manual => Msg::LineManual,
        LineStatus::Skipped => Msg::LineSkipped,
    })
}

/// The lots named for a line (not chosen by the pick order): the one lot, else how many.
fn named_lots(l: &PlannedLine) -> Option<String> {
    if l.picked_by.is_some() || l.tracking == crate::domain::master::Tracking::None {
        return None;
    }
    match l.lots.as_slice() {
        [] => None,
        [one] if !one.lot.is_empty() => Some(one.lot.clone()),
        many => Some(crate::tui::i18n::tr(
            if l.tracking == crate::domain::master::Tracking::Serial {
                crate::tui::i18n::Msg::ReportLineSerials
            } else {
                crate::tui::i18n::Msg::ReportLineLots
            },
            &[(
                "count",
                crate::tui::i18n::Arg::Count(i64::try_from(many.len()).unwrap_or(i64::MAX)),
            )],
        )),
    }
}

/// A line's usable on hand, with what expired lots hold there apart (`60 (+8)`, or `60+` where
/// that does not fit the column): the explanation says it in words.
fn on_hand_text(l: &PlannedLine) -> String {
    if l.expired_on_hand.is_zero() {
        return l.on_hand.shown();
    }
    let apart = format!("{} (+{})", l.on_hand.shown(), l.expired_on_hand.shown());
    if crate::tui::ui::cells(&apart) <= 8 {
        apart
    } else {
        format!("{}+", l.on_hand.shown())
    }
}
