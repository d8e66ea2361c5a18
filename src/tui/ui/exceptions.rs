//! The exception queue, as a widget.

use super::{
    Buffer, Cell, Constraint, Line, Local, Paragraph, Rect, Row, Span, Table, Text, Theme, Widget,
    columns, right, titled,
};
use crate::tui::app::ExceptionsState;
use crate::tui::strings;
use crate::tui::ui::render_list;

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
        let rows: Vec<Row<'_>> = s
            .rows
            .iter()
            .map(|e| {
                let at = chrono::DateTime::parse_from_rfc3339(&e.created_at)
                    .map(|t| t.with_timezone(&Local).format("%m-%d %H:%M").to_string())
                    .unwrap_or_else(|_| e.created_at.clone());
                // What the line lacks now, not when it was deferred; a line that fits now
                // is marked (a retry posts it).
                let (short, mark) = match s.now.get(&e.id) {
                    Some(n) if n.fits => (
                        Span::styled("0", theme.ok),
                        Span::styled(strings::FITS_NOW, theme.ok),
                    ),
                    Some(n) => (Span::styled(n.short.to_string(), theme.warn), Span::raw("")),
                    None => (
                        Span::styled(e.shortfall.to_string(), theme.warn),
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
            })
            .collect();
        let (header, widths) = columns(
            theme,
            &[
                ("    #", Constraint::Length(5)),
                ("Deferred", Constraint::Length(11)),
                ("Order", Constraint::Length(9)),
                ("Line", Constraint::Length(6)),
                ("Item", Constraint::Fill(1)),
                ("From", Constraint::Length(8)),
                ("     Qty", Constraint::Length(8)),
                (strings::SHORT_NOW_HEADER, Constraint::Length(9)),
                ("", Constraint::Length(4)),
            ],
        );
        let place = s.location.as_deref().unwrap_or("every location");
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(theme.selected);
        let block = titled(
            theme,
            format!(" Deferred lines at {place} ({}) ", s.rows.len()),
        );
        render_list(
            theme,
            (table, block),
            (s.rows.len(), s.selected),
            self.shown,
            area,
            buf,
        );
        if s.rows.is_empty() {
            let inner = area.inner(ratatui::layout::Margin::new(2, 3));
            Paragraph::new("Nothing is waiting for stock here.")
                .style(theme.ok)
                .render(inner, buf);
        }
    }
}
