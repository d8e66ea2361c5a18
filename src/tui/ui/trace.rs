//! A lot's trace: where it is now, what went into it (backward), what was made from it
//! (forward), one indented row per link; a widget.

use super::{Buffer, Line, Paragraph, Rect, Span, Theme, Widget, titled};
use crate::domain::trace::Link;
use crate::tui::app::TraceState;

fn lot_name(lot: Option<&str>) -> String {
    match lot {
        None => "(untracked)".to_string(),
        Some("") => "(unknown lot)".to_string(),
        Some(l) => l.to_string(),
    }
}

/// One row of the tree: level (indented), order or location, item, lot, quantity.
fn row(width: usize, cells: [&str; 5]) -> String {
    // The quantity column keeps its place; item and lot share what is left.
    let rest = width.saturating_sub(12 + 13 + 11 + 2);
    let item = rest / 2;
    let lot = rest - item;
    format!(
        "{:<12} {:<12} {:<item$} {:<lot$} {:>10}",
        cells[0], cells[1], cells[2], cells[3], cells[4]
    )
}

fn link_lines<'a>(links: &'a [Link], arrow: &'static str, width: usize) -> Vec<Line<'a>> {
    links
        .iter()
        .map(|l| {
            let indent = "  ".repeat(l.level.saturating_sub(1) as usize);
            Line::from(row(
                width,
                [
                    &format!("{indent}{arrow} {}", l.level),
                    &l.order,
                    &l.item,
                    &lot_name(l.lot.as_deref()),
                    &l.qty.to_string(),
                ],
            ))
        })
        .collect()
}

/// A lot's trace: on hand, made from, went into.
pub struct TraceView<'a> {
    pub state: &'a TraceState,
    pub theme: &'a Theme,
}

impl Widget for TraceView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (t, theme) = (self.state, self.theme);
        let trace = &t.trace;
        let g = &trace.genealogy;
        let width = usize::from(area.width.saturating_sub(2));
        let section = |text: &str| Line::from(Span::styled(text.to_string(), theme.title));
        let mut lines: Vec<Line<'_>> = vec![
            Line::from(Span::styled(
                row(width, ["Level", "Order / loc.", "Item", "Lot", "Qty"]),
                theme.header,
            )),
            section(if trace.on_hand.is_empty() {
                "On hand: none (consumed or shipped)"
            } else {
                "On hand"
            }),
        ];
        for (location, qty) in &trace.on_hand {
            lines.push(Line::from(row(
                width,
                [
                    "",
                    location,
                    &trace.item,
                    &lot_name(Some(&trace.lot)),
                    &qty.to_string(),
                ],
            )));
        }
        lines.push(section(if g.backward.is_empty() {
            "Made from: no tracked component lots"
        } else {
            "Made from: the component lots the orders that made it consumed"
        }));
        lines.extend(link_lines(&g.backward, "◀", width));
        lines.push(section(if g.forward.is_empty() {
            "Went into: nothing made from it yet"
        } else {
            "Went into: what the orders that consumed it made"
        }));
        lines.extend(link_lines(&g.forward, "▶", width));
        let skip = u16::try_from(t.selected).unwrap_or(u16::MAX);
        let paragraph = Paragraph::new(lines).scroll((skip, 0)).block(titled(
            theme,
            format!(" Trace: {} {} ", trace.item, lot_name(Some(&trace.lot))),
        ));
        paragraph.render(area, buf);
    }
}
