//! The machine locations' health, flagged items first, as a widget.

use super::{
    Buffer, Cell, Constraint, Rect, Row, Span, Table, Theme, Widget, columns, right, titled,
};
use crate::domain::health::Flag;
use crate::service::health::HealthRow;
use crate::tui::app::HealthState;
use crate::tui::i18n::{Arg, Msg, t, tr};
use crate::tui::ui::bar;
use crate::tui::ui::{List, render_list};
use crate::tui::ui::{count, head, num_head};

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
        let row = |_: usize, r: &HealthRow| {
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
                Cell::from(right(r.discrepancy_pct.map_or_else(
                    || "—".to_string(),
                    |p| format!("{}%", super::Shown::shown(&p)),
                ))),
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
            cells.push(Cell::from(Span::styled(flag_word(r.flag), style)));
            Row::new(cells)
        };
        let mut specs = vec![
            (head(Msg::ColLocation), Constraint::Length(8)),
            (head(Msg::ColItem), Constraint::Min(10)),
            (num_head(Msg::ColBackflushed), Constraint::Length(8)),
            (num_head(Msg::ColByHand), Constraint::Length(7)),
            (num_head(Msg::ColCountAdjusted), Constraint::Length(7)),
            (num_head(Msg::ColDiscrepancy), Constraint::Length(7)),
            (String::new(), Constraint::Length(5)),
        ];
        if wide {
            specs.push((num_head(Msg::ColAccurate), Constraint::Length(8)));
            specs.push((num_head(Msg::ColWaiting), Constraint::Length(8)));
        }
        specs.push((num_head(Msg::ColOnHand), Constraint::Length(8)));
        specs.push((head(Msg::ColFlag), Constraint::Length(11)));
        let (header, widths) = columns(theme, &specs);
        let flagged = h.rows.iter().filter(|r| r.flag != Flag::Ok).count();
        let table = Table::default()
            .widths(widths)
            .header(header)
            .row_highlight_style(theme.selected);
        let block = titled(
            theme,
            format!(
                " {} ",
                tr(
                    Msg::HealthTitle,
                    &[
                        ("days", Arg::from(h.days.to_string())),
                        ("flagged", count(flagged)),
                        ("count", count(h.rows.len())),
                    ],
                )
            ),
        );
        render_list(
            theme,
            List {
                table,
                block,
                items: &h.rows,
                selected: h.selected,
                row,
            },
            self.shown,
            area,
            buf,
        );
    }
}

/// A location's flag in the reader's language.
fn flag_word(flag: Flag) -> String {
    t(match flag {
        Flag::Negative => Msg::FlagNegative,
        Flag::Discrepancy => Msg::FlagDiscrepancy,
        Flag::Waiting => Msg::FlagWaiting,
        Flag::Ok => Msg::FlagOk,
    })
}
