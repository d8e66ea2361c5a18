//! The handler's queue (the staging list), as a widget.

use super::{
    Buffer, Cell, Constraint, Line, Rect, Row, Span, Table, Text, Theme, Widget, columns, right,
    titled,
};
use crate::domain::qty::Quantity;
use crate::tui::app::StagingState;
use crate::tui::i18n::{Arg, Msg, tr};
use crate::tui::ui::{List, render_list};
use crate::tui::ui::{count, head, num_head};
use rust_decimal::Decimal;

/// The queue: per item what the machine location has against its min and max, what it needs,
/// what to bring and how long its stock lasts, with a bar of on hand against max.
pub struct StagingView<'a> {
    pub state: &'a StagingState,
    pub theme: &'a Theme,
    /// The rows the list showed in the last frame: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
}

/// A bar of `width` cells: on hand against max (against what is needed where max is 0).
fn bar(on_hand: Quantity, full: Quantity, width: u16) -> String {
    let share = if full <= Quantity::ZERO {
        if on_hand > Quantity::ZERO {
            Decimal::ONE
        } else {
            Decimal::ZERO
        }
    } else {
        on_hand
            .ratio_to(full)
            .unwrap_or_default()
            .clamp(Decimal::ZERO, Decimal::ONE)
    };
    let width = usize::from(width);
    let filled = (share * Decimal::from(width))
        .round()
        .to_string()
        .parse::<usize>()
        .unwrap_or(0)
        .min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

impl Widget for StagingView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        // From 100 columns the item's description and the orders have room.
        let wide = area.width >= 100;
        let bar_width = if wide { 20 } else { 8 };
        let row = |_: usize, r: &crate::service::floor::StagingLine| {
            let bring = if r.bring.is_zero() {
                Span::styled("—", theme.ok)
            } else {
                Span::styled(super::Shown::shown(&r.bring), theme.error)
            };
            let full = if r.max.is_zero() { r.need() } else { r.max };
            let mut cells = vec![
                Cell::from(if wide {
                    format!("{} {}", r.item, r.description)
                } else {
                    r.item.to_string()
                }),
                Cell::from(r.location.to_string()),
                Cell::from(right(r.on_hand)),
                Cell::from(right(if r.max.is_zero() {
                    "—".to_string()
                } else {
                    format!(
                        "{}–{}",
                        super::Shown::shown(&r.min),
                        super::Shown::shown(&r.max)
                    )
                })),
                Cell::from(right(r.need())),
                Cell::from(Text::from(Line::from(bring)).right_aligned()),
                Cell::from(right(
                    r.days_left
                        .map_or_else(|| "—".to_string(), |d| super::Shown::shown(&d)),
                )),
                Cell::from(Span::styled(bar(r.on_hand, full, bar_width), theme.ok)),
            ];
            if wide {
                cells.push(Cell::from(right(r.orders.to_string())));
            }
            Row::new(cells)
        };
        let bar_title = head(if wide {
            Msg::ColStockOfMax
        } else {
            Msg::ColStock
        });
        let mut list = vec![
            (head(Msg::ColItem), Constraint::Fill(1)),
            (
                head(Msg::ColLoc),
                Constraint::Length(if wide { 8 } else { 6 }),
            ),
            (num_head(Msg::ColOnHand), Constraint::Length(8)),
            (num_head(Msg::ColMinMax), Constraint::Length(9)),
            (num_head(Msg::ColNeed), Constraint::Length(8)),
            (num_head(Msg::ColBring), Constraint::Length(8)),
            (num_head(Msg::ColDays), Constraint::Length(6)),
            (bar_title, Constraint::Length(bar_width)),
        ];
        if wide {
            list.push((num_head(Msg::ColOrders), Constraint::Length(7)));
        }
        let (header, widths) = columns(theme, &list);
        let title = if s.every {
            tr(Msg::StagingTitleEvery, &[("count", count(s.rows.len()))])
        } else {
            tr(
                Msg::StagingTitle,
                &[
                    ("work_center", Arg::from(&s.work_center)),
                    ("count", count(s.rows.len())),
                ],
            )
        };
        let title = format!(" {title} ");
        let table = Table::default()
            .widths(widths)
            .header(header)
            .row_highlight_style(theme.selected);
        let block = titled(theme, title);
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
    }
}
