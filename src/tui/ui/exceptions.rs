//! The exception queue, as a widget.

use super::{
    Buffer, Cell, Constraint, Line, Local, Paragraph, Rect, Row, Span, StatefulWidget, Table,
    TableState, Text, Theme, Widget, columns, right, titled,
};
use crate::tui::app::ExceptionsState;

/// The exception queue: the deferred lines waiting for stock.
pub struct ExceptionsView<'a> {
    pub state: &'a ExceptionsState,
    pub theme: &'a Theme,
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
                Row::new(vec![
                    Cell::from(right(e.id.to_string())),
                    Cell::from(at),
                    Cell::from(e.order.to_string()),
                    Cell::from(e.line.clone()),
                    Cell::from(e.item.to_string()),
                    Cell::from(e.location.to_string()),
                    Cell::from(right(e.qty)),
                    Cell::from(
                        Text::from(Line::from(Span::styled(
                            e.shortfall.to_string(),
                            theme.warn,
                        )))
                        .right_aligned(),
                    ),
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
                ("   Short", Constraint::Length(8)),
            ],
        );
        let place = s.location.as_deref().unwrap_or("every location");
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(theme.selected)
            .block(titled(
                theme,
                format!(" Deferred lines at {place} ({}) ", s.rows.len()),
            ));
        let mut state =
            TableState::default().with_selected((!s.rows.is_empty()).then_some(s.selected));
        StatefulWidget::render(table, area, buf, &mut state);
        if s.rows.is_empty() {
            let inner = area.inner(ratatui::layout::Margin::new(2, 3));
            Paragraph::new("Nothing is waiting for stock here.")
                .style(theme.ok)
                .render(inner, buf);
        }
    }
}
