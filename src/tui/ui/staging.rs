//! The staging list of a work center, as a widget.

use super::{
    Buffer, Cell, Constraint, Line, Rect, Row, Span, StatefulWidget, Table, TableState, Text,
    Theme, Widget, columns, right, titled,
};
use crate::tui::app::StagingState;

/// The staging list: what the machine location needs, has and still lacks.
pub struct StagingView<'a> {
    pub state: &'a StagingState,
    pub theme: &'a Theme,
}

impl Widget for StagingView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        // From 100 columns the item's description has room.
        let described = area.width >= 100;
        let rows: Vec<Row<'_>> = s
            .rows
            .iter()
            .map(|r| {
                let bring = if r.shortfall.is_zero() {
                    Span::styled("—", theme.ok)
                } else {
                    Span::styled(r.shortfall.to_string(), theme.error)
                };
                Row::new(vec![
                    Cell::from(if described {
                        format!("{} {}", r.item, r.description)
                    } else {
                        r.item.to_string()
                    }),
                    Cell::from(r.location.to_string()),
                    Cell::from(right(r.need)),
                    Cell::from(right(r.on_hand)),
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
        let mut state =
            TableState::default().with_selected((!s.rows.is_empty()).then_some(s.selected));
        StatefulWidget::render(table, area, buf, &mut state);
    }
}
