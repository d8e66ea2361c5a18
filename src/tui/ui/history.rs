//! The reports of a work center, and the lines of one of them: each a widget.

use super::{
    Buffer, Cell, Constraint, LineStatus, Local, Rect, Row, Span, Table, Theme, Widget, columns,
    right, titled,
};
use crate::tui::app::{DetailState, HistoryState};
use crate::tui::strings;
use crate::tui::ui::render_list;

/// The history list: the reports, newest first.
pub struct HistoryView<'a> {
    pub state: &'a HistoryState,
    pub theme: &'a Theme,
    /// The rows the list showed in the last frame: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
}

/// The lines of one posted report.
pub struct DetailView<'a> {
    pub state: &'a DetailState,
    pub theme: &'a Theme,
    /// The rows the list showed in the last frame: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
}

impl Widget for HistoryView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_history(self.state, (self.theme, self.shown), area, buf);
    }
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_detail(self.state, (self.theme, self.shown), area, buf);
    }
}

fn render_history(
    h: &HistoryState,
    (theme, shown): (&Theme, &std::cell::Cell<usize>),
    area: Rect,
    buf: &mut Buffer,
) {
    // From 100 columns the item's description has room.
    let described = area.width >= 100;
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
                Cell::from(r.order.to_string()),
                Cell::from(if described {
                    format!("{} {}", r.item, r.description)
                } else {
                    r.item.to_string()
                }),
                Cell::from(right(r.operation.to_string())),
                Cell::from(right(r.good)),
                Cell::from(right(r.scrap)),
                // user/approver: a lead who approved at an operator's terminal shows.
                Cell::from(
                    r.approver
                        .as_ref()
                        .map_or_else(|| r.user.clone(), |a| format!("{}/{a}", r.user)),
                ),
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
        .row_highlight_style(theme.selected);
    let block = titled(theme, format!(" Reports, newest first ({}) ", h.rows.len()));
    render_list(
        theme,
        (table, block),
        (h.rows.len(), h.selected),
        shown,
        area,
        buf,
    );
}

fn render_detail(
    d: &DetailState,
    (theme, shown): (&Theme, &std::cell::Cell<usize>),
    area: Rect,
    buf: &mut Buffer,
) {
    // From 100 columns the item's description has room.
    let described = area.width >= 100;
    let rows: Vec<Row<'_>> = d
        .lines
        .iter()
        .map(|(l, issued)| {
            let state = if l.status == LineStatus::Manual && !issued.is_zero() {
                Span::styled(strings::BY_HAND, theme.manual)
            } else if l.status == LineStatus::Manual {
                Span::styled("manual", theme.manual)
            } else {
                Span::styled(l.status.as_str(), theme.base)
            };
            let item = if described {
                format!("{} {}", l.item, l.description)
            } else {
                l.item.to_string()
            };
            Row::new(vec![
                Cell::from(l.line.clone()),
                Cell::from(item),
                Cell::from(if l.non_stock {
                    strings::NO_LOCATION.to_string()
                } else {
                    l.location.to_string()
                }),
                Cell::from(right(*issued)),
                Cell::from(state),
                Cell::from(Span::styled(d.substitutes_of(&l.line), theme.warn)),
                Cell::from(l.reason.clone().unwrap_or_default()),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            ("Line", Constraint::Length(8)),
            ("Item", Constraint::Fill(1)),
            ("From", Constraint::Length(10)),
            ("  Issued", Constraint::Length(10)),
            ("Posted as", Constraint::Length(10)),
            ("Substitute", Constraint::Fill(1)),
            ("Reason", Constraint::Length(10)),
        ],
    );
    let r = &d.report;
    let state = if r.reversed { " · reversed" } else { "" };
    let approved = r
        .approver
        .as_ref()
        .map_or_else(String::new, |a| format!(" · approved by {a}"));
    let title = format!(
        " Report {} · {} op {} · good {} scrap {}{approved}{state} ",
        r.id, r.order, r.operation, r.good, r.scrap
    );
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected);
    render_list(
        theme,
        (table, titled(theme, title)),
        (d.lines.len(), d.selected),
        shown,
        area,
        buf,
    );
}
