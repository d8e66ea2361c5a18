//! An order's progress per operation and variance per material line, as a widget.

use super::fit;
use super::{
    Buffer, Cell, Constraint, Layout, Line, Paragraph, Rect, Row, Span, Table, Text, Theme, Widget,
    columns, right, titled,
};
use crate::tui::app::VarianceState;
use crate::tui::i18n::{Arg, Msg, t, tr};
use crate::tui::ui::bar;
use crate::tui::ui::cells;
use crate::tui::ui::{List, render_list};
use crate::tui::ui::{head, num_head, pad};
use rust_decimal::Decimal;

/// The variance screen of one order: its operations, its material lines and the cost.
pub struct VarianceView<'a> {
    pub state: &'a VarianceState,
    pub theme: &'a Theme,
    /// The rows the list showed in the last frame: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
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
        render_materials(theme, v, self.shown, buf, lines_area);
        Paragraph::new(format!(
            " {}",
            tr(
                Msg::VarianceMaterialCost,
                &[(
                    "cost",
                    Arg::from(crate::tui::strings::material_cost(&v.variance))
                )]
            )
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
            // How far the operation is, as a gauge beside the numbers.
            let gauge = bar(o.progress.units().get(), v.qty.get(), 10);
            let kind = if o.count_point {
                t(Msg::OpCountPoint)
            } else {
                String::new()
            };
            Row::new(vec![
                Cell::from(o.operation.to_string()),
                Cell::from(o.work_center.clone()),
                Cell::from(Line::from(vec![
                    Span::raw(format!("{} ", pad(&kind, 16))),
                    Span::styled(gauge, theme.ok),
                ])),
                Cell::from(right(o.progress.good)),
                Cell::from(right(o.progress.scrap)),
                Cell::from(right(o.left)),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            (head(Msg::ColOp), Constraint::Length(5)),
            (head(Msg::ColWorkCenter), Constraint::Length(10)),
            (String::new(), Constraint::Fill(1)),
            (num_head(Msg::ColGood), Constraint::Length(8)),
            (num_head(Msg::ColScrap), Constraint::Length(8)),
            (num_head(Msg::ColLeft), Constraint::Length(8)),
        ],
    );
    let title = if cells(&v.title) + 2 <= usize::from(width) {
        v.title.clone()
    } else {
        fit(&v.short_title, usize::from(width.saturating_sub(2)))
    };
    let table = Table::new(ops, widths)
        .header(header)
        .block(titled(theme, title));
    Widget::render(table, area, buf);
}

/// Per material line the standard for the units reported against the actual, what waits,
/// the variance with a bar of its share of the standard, and its cost.
fn render_materials(
    theme: &Theme,
    v: &VarianceState,
    shown: &std::cell::Cell<usize>,
    buf: &mut Buffer,
    area: Rect,
) {
    let row = |_: usize, m: &crate::tui::app::MaterialRow| {
        let l = &m.line;
        let var_style = if l.qty_variance.is_zero() {
            theme.ok
        } else {
            theme.error
        };
        // A variance on a line with no standard is all variance.
        let share = if l.standard_qty.is_zero() && !l.qty_variance.is_zero() {
            bar(Decimal::ONE, Decimal::ONE, 4)
        } else {
            bar(l.qty_variance.get().abs(), l.standard_qty.get(), 4)
        };
        let share = if l.qty_variance.is_zero() {
            String::new()
        } else {
            share
        };
        Row::new(vec![
            Cell::from(l.line.clone()),
            Cell::from(l.item.to_string()),
            Cell::from(m.uom.clone()),
            Cell::from(right(l.standard_qty)),
            Cell::from(right(l.actual_qty)),
            Cell::from(right(if l.pending_qty.is_zero() {
                String::new()
            } else {
                super::Shown::shown(&l.pending_qty)
            })),
            Cell::from(
                Text::from(Span::styled(
                    super::Shown::shown(&l.qty_variance),
                    var_style,
                ))
                .right_aligned(),
            ),
            Cell::from(Span::styled(share, var_style)),
            Cell::from(right(l.cost_variance)),
            Cell::from(if m.manual {
                t(Msg::LineManual)
            } else {
                String::new()
            }),
        ])
    };
    // Narrow number columns so the cost shows from 80 columns.
    let specs = [
        (head(Msg::ColLine), Constraint::Length(6)),
        (head(Msg::ColItem), Constraint::Fill(1)),
        (head(Msg::ColUom), Constraint::Length(4)),
        (num_head(Msg::ColStd), Constraint::Length(8)),
        (num_head(Msg::ColActual), Constraint::Length(8)),
        (num_head(Msg::ColPending), Constraint::Length(8)),
        (num_head(Msg::ColVar), Constraint::Length(8)),
        (String::new(), Constraint::Length(4)),
        (num_head(Msg::ColCost), Constraint::Length(8)),
        (String::new(), Constraint::Length(6)),
    ];
    let (header, widths) = columns(theme, &specs);
    let table = Table::default()
        .widths(widths)
        .header(header)
        .row_highlight_style(theme.selected);
    let block = titled(theme, format!(" {} ", t(Msg::VarianceLinesTitle)));
    render_list(
        theme,
        List {
            table,
            block,
            items: &v.materials,
            selected: v.selected,
            row,
        },
        shown,
        area,
        buf,
    );
}
