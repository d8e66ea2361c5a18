//! The exception queue, as a widget.

use super::{
    Buffer, Cell, Constraint, Line, Local, Paragraph, Rect, Row, Span, Table, Text, Theme, Widget,
    columns, right, titled,
};
use crate::tui::app::ExceptionsState;
use crate::tui::i18n::{Arg, Msg, t, tr};
use crate::tui::ui::{List, render_list};
use crate::tui::ui::{count, head, num_head};

/// The exception queue: the deferred lines waiting for stock.
pub struct ExceptionsView<'a> {
    pub state: &'a ExceptionsState,
    pub theme: &'a Theme,
    /// The rows the list showed in the last frame: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
}

impl Widget for ExceptionsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let row = |_: usize, e: &crate::service::ExceptionRow| {
            let at = chrono::DateTime::parse_from_rfc3339(&e.created_at)
                .map(|t| t.with_timezone(&Local).format("%m-%d %H:%M").to_string())
                .unwrap_or_else(|_| e.created_at.clone());
            // What the line lacks now, not when it was deferred; a line that fits now
            // is marked (a retry posts it).
            let (short, mark) = match s.now.get(&e.id) {
                Some(n) if n.fits => (
                    Span::styled("0", theme.ok),
                    Span::styled(t(Msg::ExceptionsFits), theme.ok),
                ),
                Some(n) => (
                    Span::styled(super::Shown::shown(&n.short), theme.warn),
                    Span::raw(""),
                ),
                None => (
                    Span::styled(super::Shown::shown(&e.shortfall), theme.warn),
                    Span::raw(""),
                ),
            };
            Row::new(vec![
                Cell::from(right(e.id.to_string())),
                Cell::from(at),
                Cell::from(e.order.to_string()),
                Cell::from(e.line.clone()),
                Cell::from(e.item.to_string()),
                Cell::from(e.location.to_string()),
                Cell::from(right(e.qty)),
                Cell::from(Text::from(Line::from(short)).right_aligned()),
                Cell::from(mark),
            ])
        };
        let (header, widths) = columns(
            theme,
            &[
                (" #".to_string(), Constraint::Length(5)),
                (head(Msg::ColDeferred), Constraint::Length(11)),
                (head(Msg::ColOrder), Constraint::Length(9)),
                (head(Msg::ColLine), Constraint::Length(6)),
                (head(Msg::ColItem), Constraint::Fill(1)),
                (head(Msg::ColFrom), Constraint::Length(8)),
                (num_head(Msg::ColQty), Constraint::Length(8)),
                (num_head(Msg::ColShortNow), Constraint::Length(9)),
                (String::new(), Constraint::Length(4)),
            ],
        );
        let place = s
            .location
            .clone()
            .unwrap_or_else(|| t(Msg::ExceptionsEveryLocation));
        let table = Table::default()
            .widths(widths)
            .header(header)
            .row_highlight_style(theme.selected);
        let title = tr(
            Msg::ExceptionsTitle,
            &[("place", Arg::from(place)), ("count", count(s.rows.len()))],
        );
        let block = titled(theme, format!(" {title} "));
        render_list(
            theme,
            List {
                table,
                block,
                items: &s.rows,
                selected: s.selected,
                row,
            },
            self.shown,
            area,
            buf,
        );
        if s.rows.is_empty() {
            let inner = area.inner(ratatui::layout::Margin::new(2, 3));
            Paragraph::new(t(Msg::ExceptionsNone))
                .style(theme.ok)
                .render(inner, buf);
        }
    }
}
