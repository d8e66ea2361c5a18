//! The exception queue.

use super::*;

pub(super) fn render_exceptions(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Screen::Exceptions(s) = &app.screen else {
        return;
    };
    let theme = &app.theme;
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
                Cell::from(e.order.clone()),
                Cell::from(e.line.clone()),
                Cell::from(e.item.clone()),
                Cell::from(e.location.clone()),
                Cell::from(right(canonical(e.qty))),
                Cell::from(
                    Text::from(Line::from(Span::styled(canonical(e.shortfall), theme.warn)))
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
    let mut state = TableState::default().with_selected((!s.rows.is_empty()).then_some(s.selected));
    frame.render_stateful_widget(table, area, &mut state);
    if s.rows.is_empty() {
        let inner = area.inner(ratatui::layout::Margin::new(2, 3));
        frame.render_widget(
            Paragraph::new("Nothing is waiting for stock here.").style(theme.ok),
            inner,
        );
    }
}
