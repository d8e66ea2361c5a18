//! The reports of a work center, and the lines of one of them: each a widget.

use super::{
    Buffer, Cell, Constraint, LineStatus, Local, Rect, Row, Span, Table, Theme, Widget, columns,
    right, titled,
};
use crate::tui::app::{DetailState, HistoryState};
use crate::tui::i18n::{Arg, Msg, t, tr};
use crate::tui::ui::{List, render_list};
use crate::tui::ui::{count, head, num, num_head};

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
        render_history(self.state, self.theme, self.shown, area, buf);
    }
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_detail(self.state, self.theme, self.shown, area, buf);
    }
}

fn render_history(
    h: &HistoryState,
    theme: &Theme,
    shown: &std::cell::Cell<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    // From 100 columns the item's description has room.
    let described = area.width >= 100;
    let row = |_: usize, r: &crate::service::ReportRow| {
        let at = chrono::DateTime::parse_from_rfc3339(&r.at)
            .map(|t| t.with_timezone(&Local).format("%m-%d %H:%M").to_string())
            .unwrap_or_else(|_| r.at.clone());
        let state = if r.reversed {
            Span::styled(t(Msg::ReportReversed), theme.skipped)
        } else {
            Span::styled(t(Msg::RowPosted), theme.ok)
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
    };
    let (header, widths) = columns(
        theme,
        &[
            (num_head(Msg::ColId), Constraint::Length(5)),
            (head(Msg::ColWhen), Constraint::Length(11)),
            (head(Msg::ColOrder), Constraint::Length(9)),
            (head(Msg::ColItem), Constraint::Fill(1)),
            (num_head(Msg::ColOp), Constraint::Length(4)),
            (num_head(Msg::ColGood), Constraint::Length(6)),
            (num_head(Msg::ColScrap), Constraint::Length(7)),
            (head(Msg::ColUser), Constraint::Length(10)),
            (head(Msg::ColState), Constraint::Length(8)),
        ],
    );
    let table = Table::default()
        .widths(widths)
        .header(header)
        .row_highlight_style(theme.selected);
    let block = titled(
        theme,
        format!(
            " {} ",
            tr(Msg::HistoryTitle, &[("count", count(h.rows.len()))])
        ),
    );
    render_list(
        theme,
        List {
            table,
            block,
            items: &h.rows,
            selected: h.selected,
            row,
        },
        shown,
        area,
        buf,
    );
}

fn render_detail(
    d: &DetailState,
    theme: &Theme,
    shown: &std::cell::Cell<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    // From 100 columns the item's description has room.
    let described = area.width >= 100;
    let row =
        |_: usize, (l, issued): &(crate::service::ReportLine, crate::domain::qty::Quantity)| {
            let state = if l.status == LineStatus::Manual && !issued.is_zero() {
                Span::styled(t(Msg::LineByHand), theme.manual)
            } else if l.status == LineStatus::Manual {
                Span::styled(t(Msg::LineManual), theme.manual)
            } else {
                Span::styled(super::report::status_word(l.status), theme.base)
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
                    "—".to_string()
                } else {
                    l.location.to_string()
                }),
                Cell::from(right(*issued)),
                Cell::from(state),
                Cell::from(Span::styled(d.substitutes_of(&l.line), theme.warn)),
                Cell::from(l.reason.clone().unwrap_or_default()),
            ])
        };
    let (header, widths) = columns(
        theme,
        &[
            (head(Msg::ColLine), Constraint::Length(8)),
            (head(Msg::ColItem), Constraint::Fill(1)),
            (head(Msg::ColFrom), Constraint::Length(10)),
            (num_head(Msg::ColIssued), Constraint::Length(10)),
            (head(Msg::ColPostedAs), Constraint::Length(10)),
            (head(Msg::ColSubstitute), Constraint::Fill(1)),
            (head(Msg::ColReason), Constraint::Length(10)),
        ],
    );
    let r = &d.report;
    let state = if r.reversed {
        format!(" · {}", t(Msg::ReportReversed))
    } else {
        String::new()
    };
    let approved = r.approver.as_ref().map_or_else(String::new, |a| {
        format!(
            " · {}",
            tr(Msg::DetailApproved, &[("approver", Arg::from(a))])
        )
    });
    let title = tr(
        Msg::DetailTitle,
        &[
            ("id", Arg::from(r.id.to_string())),
            ("order", Arg::from(r.order.to_string())),
            ("operation", Arg::from(r.operation.to_string())),
            ("good", num(r.good)),
            ("scrap", num(r.scrap)),
        ],
    );
    let title = format!(" {title}{approved}{state} ");
    let table = Table::default()
        .widths(widths)
        .header(header)
        .row_highlight_style(theme.selected);
    render_list(
        theme,
        List {
            table,
            block: titled(theme, title),
            items: &d.lines,
            selected: d.selected,
            row,
        },
        shown,
        area,
        buf,
    );
}
