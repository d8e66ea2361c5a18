//! The machine locations' health, flagged items first, as a widget.

use super::{
    Buffer, Cell, Constraint, Rect, Row, Span, Table, Theme, Widget, canonical, columns, right,
    titled,
};
use crate::domain::health::Flag;
use crate::tui::app::HealthState;
use crate::tui::ui::bar;
use crate::tui::ui::render_list;

/// The health of every machine location.
pub struct HealthView<'a> {
    pub state: &'a HealthState,
    pub theme: &'a Theme,
    /// The rows the list showed in the last frame: a page of this screen.
    pub shown: &'a std::cell::Cell<usize>,
}

impl Widget for HealthView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (h, theme) = (self.state, self.theme);
        let wide = area.width >= 100;
        let rows: Vec<Row<'_>> = h
            .rows
            .iter()
            .map(|r| {
                let u = &r.usage;
                let style = match r.flag {
                    Flag::Negative | Flag::Discrepancy => theme.error,
                    Flag::Waiting => theme.warn,
                    Flag::Ok => theme.ok,
                };
                let mut cells = vec![
                    Cell::from(r.location.to_string()),
                    Cell::from(r.item.to_string()),
                    Cell::from(right(u.backflushed)),
                    Cell::from(right(u.issued_by_hand)),
                    Cell::from(right(u.count_adjusted)),
                    Cell::from(right(
                        r.discrepancy_pct
                            .map_or_else(|| "—".to_string(), |p| format!("{}%", canonical(p))),
                    )),
                    // The discrepancy as a bar, full at a quarter of what was used.
                    Cell::from(Span::styled(
                        r.discrepancy_pct
                            .map(|p| bar(p.abs(), rust_decimal::Decimal::from(25), 5))
                            .unwrap_or_default(),
                        style,
                    )),
                ];
                if wide {
                    cells.push(Cell::from(right(format!(
                        "{}/{}",
                        u.accurate_counts, u.counts
                    ))));
                    cells.push(Cell::from(right(u.open_exceptions.to_string())));
                }
                cells.push(Cell::from(right(u.on_hand)));
                cells.push(Cell::from(Span::styled(r.flag.as_str(), style)));
                Row::new(cells)
            })
            .collect();
        let mut specs = vec![
            ("Location", Constraint::Length(8)),
            ("Item", Constraint::Min(10)),
            ("Backfl.", Constraint::Length(7)),
            ("By hand", Constraint::Length(7)),
            ("Count ±", Constraint::Length(7)),
            (" Discr.", Constraint::Length(7)),
            ("", Constraint::Length(5)),
        ];
        if wide {
            specs.push(("Accurate", Constraint::Length(8)));
            specs.push((" Waiting", Constraint::Length(8)));
        }
        specs.push((" On hand", Constraint::Length(8)));
        specs.push(("Flag", Constraint::Length(11)));
        let (header, widths) = columns(theme, &specs);
        let flagged = h.rows.iter().filter(|r| r.flag != Flag::Ok).count();
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(theme.selected);
        let block = titled(
            theme,
            format!(
                " Machine-location health, last {} days: {flagged} flagged of {} ",
                h.days,
                h.rows.len()
            ),
        );
        render_list(
            theme,
            (table, block),
            (h.rows.len(), h.selected),
            self.shown,
            area,
            buf,
        );
    }
}
