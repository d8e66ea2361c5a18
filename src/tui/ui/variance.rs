//! An order's progress per operation and variance per material line, as a widget.

use super::{
    Buffer, Cell, Constraint, Layout, Paragraph, Rect, Row, Span, StatefulWidget, Table,
    TableState, Text, Theme, Widget, columns, right, titled,
};
use crate::tui::app::VarianceState;

/// The variance screen of one order: its operations, its material lines and the cost.
pub struct VarianceView<'a> {
    pub state: &'a VarianceState,
    pub theme: &'a Theme,
}

impl Widget for VarianceView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (v, theme) = (self.state, self.theme);
        let ops_height = u16::try_from(v.operations.len())
            .unwrap_or(u16::MAX)
            .saturating_add(3);
        let [ops_area, lines_area, totals_area] = area.layout(&Layout::vertical([
            Constraint::Length(ops_height.min(area.height / 3).max(4)),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        render_operations(theme, v, buf, ops_area, area.width);
        render_materials(theme, v, buf, lines_area);
        Paragraph::new(format!(
            " Material cost: {}",
            crate::tui::strings::material_cost(&v.variance)
        ))
        .style(theme.header)
        .render(totals_area, buf);
    }
}

/// Per operation what was reported and what is left; the box carries the order's title,
/// the short one when the full one does not fit `width`.
fn render_operations(theme: &Theme, v: &VarianceState, buf: &mut Buffer, area: Rect, width: u16) {
    let ops: Vec<Row<'_>> = v
        .operations
        .iter()
        .map(|o| {
            Row::new(vec![
                Cell::from(o.operation.to_string()),
                Cell::from(o.work_center.clone()),
                Cell::from(if o.count_point { "count point" } else { "" }),
                Cell::from(right(o.progress.good)),
                Cell::from(right(o.progress.scrap)),
                Cell::from(right(o.left)),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            ("Op", Constraint::Length(5)),
            ("Work ctr", Constraint::Length(10)),
            ("", Constraint::Fill(1)),
            ("    Good", Constraint::Length(8)),
            ("   Scrap", Constraint::Length(8)),
            ("    Left", Constraint::Length(8)),
        ],
    );
    let title = if v.title.chars().count() + 2 <= usize::from(width) {
        v.title.clone()
    } else {
        v.short_title.clone()
    };
    let table = Table::new(ops, widths)
        .header(header)
        .block(titled(theme, title));
    Widget::render(table, area, buf);
}

/// Per material line the standard for the units reported against the actual, what waits,
/// and the variance (its cost too when wide).
fn render_materials(theme: &Theme, v: &VarianceState, buf: &mut Buffer, area: Rect) {
    let wide = area.width >= 100;
    let rows: Vec<Row<'_>> = v
        .materials
        .iter()
        .map(|m| {
            let l = &m.line;
            let var_style = if l.qty_variance.is_zero() {
                theme.ok
            } else {
                theme.error
            };
            let mut cells = vec![
                Cell::from(l.line.clone()),
                Cell::from(l.item.to_string()),
                Cell::from(m.uom.clone()),
                Cell::from(right(l.standard_qty)),
                Cell::from(right(l.actual_qty)),
                Cell::from(right(if l.pending_qty.is_zero() {
                    String::new()
                } else {
                    l.pending_qty.to_string()
                })),
                Cell::from(
                    Text::from(Span::styled(l.qty_variance.to_string(), var_style)).right_aligned(),
                ),
            ];
            if wide {
                cells.push(Cell::from(right(l.cost_variance.round_dp(2))));
            }
            cells.push(Cell::from(if m.manual { "manual" } else { "" }));
            Row::new(cells)
        })
        .collect();
    let mut specs = vec![
        ("Line", Constraint::Length(6)),
        ("Item", Constraint::Fill(1)),
        ("UoM", Constraint::Length(4)),
        (" Standard", Constraint::Length(9)),
        ("  Actual", Constraint::Length(9)),
        (" Pending", Constraint::Length(8)),
        (" Variance", Constraint::Length(9)),
    ];
    if wide {
        specs.push(("    Cost", Constraint::Length(9)));
    }
    specs.push(("", Constraint::Length(6)));
    let (header, widths) = columns(theme, &specs);
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .block(titled(
            theme,
            " Material lines: standard for the units reported ",
        ));
    let mut state =
        TableState::default().with_selected((!v.materials.is_empty()).then_some(v.selected));
    StatefulWidget::render(table, area, buf, &mut state);
}
