//! The order board and an order's operations, each a widget.

use super::fit;
use super::{
    Buffer, Cell, Constraint, Layout, Line, Paragraph, Quantity, Rect, Row, Span, StatefulWidget,
    Table, TableState, Text, Theme, Widget, Wrap, columns, right, titled,
};
use super::{count, head, num, num_head};
use crate::service::OrderSummary;
use crate::tui::app::{OperationsState, OrdersState};
use crate::tui::i18n::{Arg, Msg, t, tr};
use crate::tui::ui::{List, render_list};

/// The order board of a work center.
pub struct OrdersView<'a> {
    pub state: &'a OrdersState,
    pub theme: &'a Theme,
    /// The rows the list showed in the last frame: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
    /// The store holds no plant yet: the empty board says how to import one.
    pub no_plant: bool,
    /// The board of every work center: each order names its work center.
    pub all_work_centers: bool,
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
    let layout = BoardLayout {
        wide,
        work_center: view.all_work_centers,
    };
    let (_, widths) = order_columns(theme, layout, "");
    let visible = o.visible();
    // The description takes what the other columns leave; it is cut to that width with `…`,
    // and where cut descriptions of different items would read the same, each shows what
    // tells it apart.
    let described = description_width(&widths, table_area.width);
    let title = fit(&t(Msg::ColDescription), described);
    let (header, widths) = order_columns(theme, layout, &title);
    let descriptions = distinct_descriptions(&visible, described);
    let row = |i: usize, r: &&OrderSummary| {
        let description = descriptions.get(i).cloned().unwrap_or_default();
        order_row(theme, o, r, description, layout)
    };
    let len = visible.len();
    let title = format!(" {} ", tr(Msg::OrdersTitle, &[("count", count(len))]));
    let table = Table::default()
        .widths(widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶");
    render_list(
        theme,
        List {
            table,
            block: titled(theme, title),
            items: &visible,
            selected: o.selected,
            row,
        },
        view.shown,
        table_area,
        buf,
    );
    if len == 0 {
        let inner = table_area.inner(ratatui::layout::Margin::new(2, 3));
        Paragraph::new(empty_board(o, view.no_plant))
            .style(theme.muted)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}

/// Which columns the board shows.
#[derive(Clone, Copy)]
struct BoardLayout {
    /// Good and scrap too.
    wide: bool,
    /// The work center of each order (the board of every work center).
    work_center: bool,
}

/// The cells the description column gets in a table `width` wide: what the fixed columns,
/// the spaces between them, the box and the cursor's mark leave.
fn description_width(widths: &[Constraint], width: u16) -> usize {
    let fixed: u16 = widths
        .iter()
        .map(|c| match c {
            Constraint::Length(n) => *n,
            _ => 0,
        })
        .sum();
    let spaces = u16::try_from(widths.len().saturating_sub(1)).unwrap_or(0);
    usize::from(width.saturating_sub(fixed + spaces + 2 + 1))
}

/// Each order's description cut to `width` cells. Where two items' cut descriptions would
/// read the same (two pumps both "Hydraulic hand pump…"), the words they share are left
/// out, so what differs shows: `…single-speed`, `…two-speed with hose`.
fn distinct_descriptions(rows: &[&OrderSummary], width: usize) -> Vec<String> {
    let fitted: Vec<String> = rows.iter().map(|r| fit(&r.description, width)).collect();
    // Only rows whose cut descriptions read the same can be twins: grouped once, in board
    // order, so a frame of 500 orders makes 500 look-ups rather than 500 × 500 comparisons.
    let mut alike: std::collections::HashMap<&str, Vec<&OrderSummary>> =
        std::collections::HashMap::new();
    for (r, shown) in rows.iter().zip(&fitted) {
        alike.entry(shown.as_str()).or_default().push(r);
    }
    rows.iter()
        .zip(&fitted)
        .map(|(r, shown)| {
            let twin = alike
                .get(shown.as_str())
                .into_iter()
                .flatten()
                .find(|other| other.item != r.item && other.description != r.description);
            let Some(other) = twin else {
                return shown.clone();
            };
            let shared = r
                .description
                .split_whitespace()
                .zip(other.description.split_whitespace())
                .take_while(|(a, b)| a == b)
                .count();
            let rest: Vec<&str> = r.description.split_whitespace().skip(shared).collect();
            if rest.is_empty() {
                shown.clone()
            } else {
                fit(&format!("…{}", rest.join(" ")), width)
            }
        })
        .collect()
}

/// The line above the board: how to open an order, or what has been typed so far.
fn scan_prompt<'a>(theme: &Theme, o: &'a OrdersState) -> Line<'a> {
    if o.typed.is_empty() {
        Line::from(Span::styled(
            format!(" {}", t(Msg::OrdersScanHint)),
            theme.muted,
        ))
    } else {
        Line::from(vec![
            Span::styled(format!(" {} ", t(Msg::OrdersTyped)), theme.header),
            Span::styled(format!("{}▏", o.typed), theme.focus),
            Span::styled(format!("  {}", t(Msg::OrdersTypedHint)), theme.muted),
        ])
    }
}

/// One order of the board: what is left, its state, the lines it has waiting, and how many
/// units a report could post with every line.
fn order_row<'a>(
    theme: &Theme,
    o: &OrdersState,
    r: &OrderSummary,
    description: String,
    layout: BoardLayout,
) -> Row<'a> {
    let reported = r.good + r.scrap;
    let remaining = (r.qty - reported).max(Quantity::ZERO);
    let state = if reported >= r.qty {
        Msg::OrderDone
    } else if reported.is_zero() {
        Msg::OrderOpen
    } else {
        Msg::OrderStarted
    };
    // An order whose lines wait in the exception queue is not finished with: the waiting
    // lines say more than its state (what is left shows beside it).
    let status = match o.waiting.get(r.order.as_str()) {
        Some(n) if *n > 0 => tr(Msg::OrderWaiting, &[("count", Arg::Count(*n))]),
        _ => t(state),
    };
    // An order ready to close says so instead of its state, in the colour of what is done.
    let status = if o.ready.get(r.order.as_str()).copied().unwrap_or(false) {
        Cell::from(Span::styled(
            fit(
                &crate::tui::i18n::t(crate::tui::i18n::Msg::BoardReadyToClose),
                10,
            ),
            theme.ok,
        ))
    } else {
        Cell::from(fit(&status, 10))
    };
    let build = match o.can_build.get(r.order.as_str()).copied().flatten() {
        Some(n) => {
            let style = if n >= remaining {
                theme.ok
            } else if n.is_zero() {
                theme.error
            } else {
                theme.warn
            };
            Cell::from(Text::from(Span::styled(n.to_string(), style)).right_aligned())
        }
        None => Cell::from(""),
    };
    let mut cells = vec![Cell::from(r.order.to_string())];
    if layout.work_center {
        let wc = match r.work_centers.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [first, ..] => format!("{first}+"),
        };
        cells.push(Cell::from(fit(&wc, 8)));
    }
    cells.extend([Cell::from(fit(r.item.as_str(), 8)), Cell::from(description)]);
    if layout.wide {
        cells.push(Cell::from(right(r.qty)));
        cells.push(Cell::from(right(r.good)));
        cells.push(Cell::from(right(r.scrap)));
    }
    cells.extend([
        Cell::from(right(remaining)),
        Cell::from(r.due.clone().unwrap_or_default()),
        status,
        build,
    ]);
    Row::new(cells)
}

/// The board's header and widths: every width fixed but the description's, whatever the
/// rows hold, so a deferral never narrows the description.
fn order_columns<'a>(
    theme: &Theme,
    layout: BoardLayout,
    description: &'a str,
) -> (Row<'a>, Vec<Constraint>) {
    let mut specs = vec![(head(Msg::ColOrder), Constraint::Length(9))];
    if layout.work_center {
        specs.push((head(Msg::ColWorkCenter), Constraint::Length(8)));
    }
    specs.extend([
        (head(Msg::ColItem), Constraint::Length(8)),
        (description.to_string(), Constraint::Fill(1)),
    ]);
    if layout.wide {
        specs.push((num_head(Msg::ColQty), Constraint::Length(6)));
        specs.push((num_head(Msg::ColGood), Constraint::Length(6)));
        specs.push((num_head(Msg::ColScrap), Constraint::Length(7)));
    }
    specs.extend([
        (num_head(Msg::ColLeft), Constraint::Length(6)),
        (head(Msg::ColDue), Constraint::Length(10)),
        (head(Msg::ColStatus), Constraint::Length(10)),
        (num_head(Msg::ColCanBuild), Constraint::Length(9)),
    ]);
    columns(theme, &specs)
}

/// Why the board is empty, and what to do about it.
fn empty_board(o: &OrdersState, no_plant: bool) -> String {
    t(if !o.typed.is_empty() {
        Msg::OrdersNoMatch
    } else if no_plant {
        Msg::OrdersNoPlant
    } else {
        Msg::OrdersNone
    })
}

pub(super) fn order_title(context: &crate::service::ReportContext, description: &str) -> String {
    let o = &context.order;
    let title = tr(
        Msg::OrderTitle,
        &[
            ("order", Arg::from(o.order.to_string())),
            ("item", Arg::from(o.item.to_string())),
            ("description", Arg::from(description)),
            ("qty", num(o.qty)),
        ],
    );
    format!(" {title} ")
}

fn render_operations(s: &OperationsState, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let order = &s.context.order;
    let rows: Vec<Row<'_>> = order
        .operations
        .iter()
        .map(|op| {
            // An operation flushed by a later count point has what that count point
            // reported through it.
            let reported_at = if op.count_point {
                op.operation
            } else {
                crate::domain::backflush::covering_count_point(order, op.operation)
                    .unwrap_or(op.operation)
            };
            let p = s
                .context
                .progress
                .operations
                .get(&reported_at)
                .copied()
                .unwrap_or_default();
            let cp = if op.count_point {
                Span::styled(t(Msg::OpCountPoint), theme.ok)
            } else {
                let covering = crate::domain::backflush::covering_count_point(order, op.operation)
                    .unwrap_or(op.operation);
                Span::styled(
                    tr(
                        Msg::OpFlushedAt,
                        &[("operation", Arg::from(covering.to_string()))],
                    ),
                    theme.muted,
                )
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
            (head(Msg::ColOp), Constraint::Length(5)),
            (head(Msg::ColWorkCenter), Constraint::Length(10)),
            (head(Msg::ColCountPoint), Constraint::Fill(1)),
            (num_head(Msg::ColGood), Constraint::Length(7)),
            (num_head(Msg::ColScrap), Constraint::Length(7)),
            (num_head(Msg::ColLeft), Constraint::Length(7)),
            (num_head(Msg::ColMaterials), Constraint::Length(9)),
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
