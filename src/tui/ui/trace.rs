//! A lot's trace: where it is now, what went into it (backward), what was made from it
//! (forward), one indented row per link; a widget.

use super::{Buffer, Line, Paragraph, Rect, Span, Theme, Widget, titled};
use crate::domain::trace::Link;
use crate::tui::app::TraceState;
use crate::tui::i18n::{Arg, Msg, number, t, tr};
use crate::tui::ui::pad;

fn lot_name(lot: Option<&str>) -> String {
    match lot {
        None => t(Msg::TraceUntracked),
        Some("") => t(Msg::TraceUnknownLot),
        Some(l) => l.to_string(),
    }
}

/// One row of the tree: level (indented), order or location, item, lot, quantity.
fn row(width: usize, cells: [&str; 5]) -> String {
    // The quantity column keeps its place; item and lot share what is left.
    let rest = width.saturating_sub(12 + 13 + 11 + 2);
    let item = rest / 2;
    let lot = rest - item;
    let qty = super::fit(cells[4], 10);
    format!(
        "{} {} {} {} {}{qty}",
        pad(cells[0], 12),
        pad(cells[1], 12),
        pad(cells[2], item),
        pad(cells[3], lot),
        " ".repeat(10 - super::cells(&qty))
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
                    &number(l.qty.get()),
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
        let (view, theme) = (self.state, self.theme);
        let trace = &view.trace;
        let g = &trace.genealogy;
        let width = usize::from(area.width.saturating_sub(2));
        let section = |text: &str| Line::from(Span::styled(text.to_string(), theme.title));
        let mut lines: Vec<Line<'_>> = vec![
            Line::from(Span::styled(
                row(
                    width,
                    [
                        &t(Msg::ColLevel),
                        &t(Msg::ColOrderOrLocation),
                        &t(Msg::ColItem),
                        &t(Msg::ColLot),
                        &t(Msg::ColQty),
                    ],
                ),
                theme.header,
            )),
            section(&t(if trace.on_hand.is_empty() {
                Msg::TraceOnHandNone
            } else {
                Msg::TraceOnHand
            })),
        ];
        for (location, qty) in &trace.on_hand {
            lines.push(Line::from(row(
                width,
                [
                    "",
                    location,
                    &trace.item,
                    &lot_name(Some(&trace.lot)),
                    &number(qty.get()),
                ],
            )));
        }
        lines.push(section(&t(if g.backward.is_empty() {
            Msg::TraceMadeFromNone
        } else {
            Msg::TraceMadeFrom
        })));
        lines.extend(link_lines(&g.backward, "◀", width));
        lines.push(section(&t(if g.forward.is_empty() {
            Msg::TraceWentIntoNone
        } else {
            Msg::TraceWentInto
        })));
        lines.extend(link_lines(&g.forward, "▶", width));
        let skip = u16::try_from(view.selected).unwrap_or(u16::MAX);
        let paragraph = Paragraph::new(lines).scroll((skip, 0)).block(titled(
            theme,
            format!(
                " {} ",
                tr(
                    Msg::TraceTitle,
                    &[
                        ("item", Arg::from(trace.item.to_string())),
                        ("lot", Arg::from(lot_name(Some(&trace.lot)))),
                    ],
                )
            ),
        ));
        paragraph.render(area, buf);
    }
}
