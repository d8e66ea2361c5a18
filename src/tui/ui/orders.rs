//! The order board and an order's operations, each a widget.

use super::{
    Buffer, Cell, Constraint, Layout, Line, Paragraph, Quantity, Rect, Row, Span, StatefulWidget,
    Table, TableState, Theme, Widget, Wrap, columns, right, titled,
};
use crate::service::OrderSummary;
use crate::tui::app::{OperationsState, OrdersState};

/// The order board of a work center.
pub struct OrdersView<'a> {
    pub state: &'a OrdersState,
    pub theme: &'a Theme,
    /// The store holds no plant yet: the empty board says how to import one.
    pub no_plant: bool,
}

/// The operations of one order.
pub struct OperationsView<'a> {
    pub state: &'a OperationsState,
    pub theme: &'a Theme,
}

impl Widget for OrdersView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_orders(&self, area, buf);
    }
}

impl Widget for OperationsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_operations(self.state, self.theme, area, buf);
    }
}

fn render_orders(view: &OrdersView<'_>, area: Rect, buf: &mut Buffer) {
    let (o, theme) = (view.state, view.theme);
    let [top, table_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    Paragraph::new(scan_prompt(theme, o)).render(top, buf);
    // Below 100 columns good and scrap give way to the description (the operations show them).
    let wide = area.width >= 100;
    let rows: Vec<Row<'_>> = o
        .visible()
        .into_iter()
        .map(|r| order_row(theme, o, r, wide))
        .collect();
    let count = rows.len();
    let (header, widths) = order_columns(theme, o, wide);
    let title = format!(" Orders ({count}) ");
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶")
        .block(titled(theme, title));
    let mut state = TableState::default().with_selected((count > 0).then_some(o.selected));
    StatefulWidget::render(table, table_area, buf, &mut state);
    if count == 0 {
        let inner = table_area.inner(ratatui::layout::Margin::new(2, 3));
        Paragraph::new(empty_board(o, view.no_plant))
            .style(theme.muted)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}

/// The line above the board: how to open an order, or what has been typed so far.
fn scan_prompt<'a>(theme: &Theme, o: &'a OrdersState) -> Line<'a> {
    if o.typed.is_empty() {
        Line::from(Span::styled(
            " Scan or type an order (or its last digits) and press Enter · F1 keys",
            theme.muted,
        ))
    } else {
        Line::from(vec![
            Span::styled(" Order: ", theme.header),
            Span::styled(format!("{}▏", o.typed), theme.focus),
            Span::styled("  Enter opens it · Esc clears", theme.muted),
        ])
    }
}

/// One order of the board: what is left, its state, the lines it has waiting, its stock.
fn order_row<'a>(theme: &Theme, o: &OrdersState, r: &OrderSummary, wide: bool) -> Row<'a> {
    let reported = r.good + r.scrap;
    let remaining = (r.qty - reported).max(Quantity::ZERO);
    let state = if reported >= r.qty {
        "done"
    } else if reported.is_zero() {
        "open"
    } else {
        "started"
    };
    // An order whose lines wait in the exception queue is not finished with.
    let status = match o.waiting.get(r.order.as_str()) {
        Some(n) if *n > 0 => format!("{state} · {n} waiting"),
        _ => state.to_string(),
    };
    let flag = match o.shortages.get(r.order.as_str()).copied() {
        Some(true) => Cell::from(Span::styled("SHORT", theme.error)),
        Some(false) => Cell::from(Span::styled("ok", theme.ok)),
        None => Cell::from(""),
    };
    let mut cells = vec![
        Cell::from(r.order.to_string()),
        Cell::from(r.item.to_string()),
        Cell::from(r.description.clone()),
        Cell::from(right(r.qty)),
    ];
    if wide {
        cells.push(Cell::from(right(r.good)));
        cells.push(Cell::from(right(r.scrap)));
    }
    cells.extend([
        Cell::from(right(remaining)),
        Cell::from(r.due.clone().unwrap_or_default()),
        Cell::from(status),
        flag,
    ]);
    Row::new(cells)
}

/// The board's header and widths; the status column widens when an order has lines waiting.
fn order_columns(theme: &Theme, o: &OrdersState, wide: bool) -> (Row<'static>, Vec<Constraint>) {
    let status_width = if o.waiting.values().any(|n| *n > 0) {
        17
    } else {
        7
    };
    let mut specs = vec![
        ("Order", Constraint::Length(9)),
        ("Item", Constraint::Length(8)),
        ("Description", Constraint::Fill(1)),
        ("   Qty", Constraint::Length(6)),
    ];
    if wide {
        specs.push(("  Good", Constraint::Length(6)));
        specs.push(("Scrap", Constraint::Length(5)));
    }
    specs.extend([
        ("  Left", Constraint::Length(6)),
        ("Due", Constraint::Length(10)),
        ("Status", Constraint::Length(status_width)),
        ("Stock", Constraint::Length(5)),
    ]);
    columns(theme, &specs)
}

/// Why the board is empty, and what to do about it.
fn empty_board(o: &OrdersState, no_plant: bool) -> &'static str {
    if !o.typed.is_empty() {
        "No order on this board matches; Enter looks it up in every work center."
    } else if no_plant {
        "This store holds no plant yet. Import one with `backflush import DIR` (see the README), or try `backflush demo`."
    } else {
        "No released orders here. F2 shows all work centers."
    }
}

pub(super) fn order_title(context: &crate::service::ReportContext, description: &str) -> String {
    let o = &context.order;
    format!(" {} · {} {} · qty {} ", o.order, o.item, description, o.qty)
}

fn render_operations(s: &OperationsState, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let order = &s.context.order;
    let rows: Vec<Row<'_>> = order
        .operations
        .iter()
        .map(|op| {
            let p = s
                .context
                .progress
                .operations
                .get(&op.operation)
                .copied()
                .unwrap_or_default();
            let cp = if op.count_point {
                Span::styled("● count point", theme.ok)
            } else {
                let covering = crate::domain::backflush::covering_count_point(order, op.operation)
                    .unwrap_or(op.operation);
                Span::styled(format!("○ flushed at {covering}"), theme.muted)
            };
            let materials = order
                .materials
                .iter()
                .filter(|m| m.operation == op.operation)
                .count();
            Row::new(vec![
                Cell::from(op.operation.to_string()),
                Cell::from(op.work_center.clone()),
                Cell::from(cp),
                Cell::from(right(p.good)),
                Cell::from(right(p.scrap)),
                Cell::from(right((order.qty - p.units()).max(Quantity::ZERO))),
                Cell::from(right(materials.to_string())),
            ])
        })
        .collect();
    let (header, widths) = columns(
        theme,
        &[
            ("Op", Constraint::Length(5)),
            ("Work ctr", Constraint::Length(10)),
            ("Count point", Constraint::Fill(1)),
            ("   Good", Constraint::Length(7)),
            ("  Scrap", Constraint::Length(7)),
            ("   Left", Constraint::Length(7)),
            ("Materials", Constraint::Length(9)),
        ],
    );
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶")
        .block(titled(theme, order_title(&s.context, &s.description)));
    let mut state = TableState::default().with_selected(Some(s.selected));
    StatefulWidget::render(table, area, buf, &mut state);
}
