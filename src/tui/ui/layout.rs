//! What every view shares to fit its text and its lists on the screen: widths in terminal
//! cells (a Chinese character takes two), text cut to a width ending with `…`, and a list
//! taller than its box showing the rows around the cursor with how many more lie above and
//! below.

use super::{Block, Buffer, Line, Rect, Row, Span, StatefulWidget, Table, TableState};
use crate::tui::Theme;
use std::cell::Cell as Shown;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many terminal cells `text` takes.
#[must_use]
pub fn cells(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` as it fits `width` cells: whole when it fits, else cut and ended with `…` (the cut
/// never splits a wide character).
#[must_use]
pub fn fit(text: &str, width: usize) -> String {
    if cells(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    // A cut at a space leaves no trailing blank before the mark.
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// `text` fitted to `width` cells and filled with spaces to exactly that width: a column
/// of text drawn by hand (a Chinese character takes two cells, so `{:<12}` would not do).
#[must_use]
pub fn pad(text: &str, width: usize) -> String {
    let shown = fit(text, width);
    let room = width.saturating_sub(cells(&shown));
    format!("{shown}{}", " ".repeat(room))
}

/// `text` wrapped at spaces into lines of at most `width` cells (a word longer than a line is
/// cut across lines).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let gap = usize::from(!line.is_empty());
        if cells(&line) + gap + cells(word) <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if cells(&line) + UnicodeWidthChar::width(c).unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `lines` in at most `rows` rows of `width` cells: the last row takes the rest, cut with `…`
/// where it does not fit.
#[must_use]
pub fn fit_rows(mut lines: Vec<String>, width: usize, rows: usize) -> Vec<String> {
    if lines.len() <= rows {
        return lines;
    }
    if rows == 0 {
        return Vec::new();
    }
    let rest = lines.split_off(rows - 1).join(" ");
    lines.push(fit(&rest, width));
    lines
}

/// The rows of a list of `len` that show in `rows` lines with the cursor on `selected`: the
/// first row shown, and how many are above and below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: usize,
    pub above: usize,
    pub below: usize,
}

impl Window {
    /// The window that shows `selected`, from the top as far as it can.
    #[must_use]
    pub fn new(len: usize, selected: usize, rows: usize) -> Self {
        let rows = rows.max(1);
        let offset = if len <= rows {
            0
        } else {
            (selected + 1).saturating_sub(rows).min(len - rows)
        };
        Window {
            offset,
            above: offset,
            below: len.saturating_sub(offset + rows),
        }
    }

    /// The rows of `items` (the list the window was made for) this window shows, made by
    /// `row` from each one's index and item.
    pub fn rows<'a, T, R>(self, items: &'a [T], row: impl Fn(usize, &'a T) -> R) -> Vec<R> {
        let shown = items.len().saturating_sub(self.above + self.below);
        items
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(shown)
            .map(|(i, item)| row(i, item))
            .collect()
    }
}

/// A list of `items` drawn as `table` in `block`, the cursor on `selected`. The table brings
/// its header, widths and styles; its rows are made by `row` (an item's index and the item)
/// for the rows that show only, so a frame costs the same for 20 items or 10,000.
pub(super) struct List<'a, T, F> {
    pub table: Table<'a>,
    pub block: Block<'a>,
    pub items: &'a [T],
    pub selected: usize,
    pub row: F,
}

/// A list drawn with the rows around its cursor showing, and the box's edges saying how many
/// more lie above (`↑ 3 more`) and below (`↓ 5 more`). The rows that showed are kept in
/// `shown`, so a page key moves the cursor by a page of this screen.
pub(super) fn render_list<'a, T, F: Fn(usize, &'a T) -> Row<'a>>(
    theme: &Theme,
    list: List<'a, T, F>,
    shown: &Shown<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    let List {
        table,
        block,
        items,
        selected,
        row,
    } = list;
    let len = items.len();
    // The box's borders and the header row take their lines.
    let rows = usize::from(block.inner(area).height.saturating_sub(1)).max(1);
    shown.set(rows);
    let window = Window::new(len, selected, rows);
    let mut block = block;
    if window.above > 0 {
        block = block.title_top(
            Line::from(Span::styled(strings::more_above(window.above), theme.key)).right_aligned(),
        );
    }
    if window.below > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(strings::more_below(window.below), theme.key)).right_aligned(),
        );
    }
    let table = table.rows(window.rows(items, row));
    let mut state = TableState::default()
        .with_selected((len > 0).then_some(selected.saturating_sub(window.offset)));
    StatefulWidget::render(table.block(block), area, buf, &mut state);
}

/// A bar of `width` cells, `part` of `whole` filled (`███░░`): a quantity a person would
/// rather see than read. Nothing when `whole` is not positive.
#[must_use]
pub fn bar(part: rust_decimal::Decimal, whole: rust_decimal::Decimal, width: usize) -> String {
    use rust_decimal::prelude::ToPrimitive;
    if whole <= rust_decimal::Decimal::ZERO || width == 0 {
        return String::new();
    }
    let share = (part.max(rust_decimal::Decimal::ZERO) / whole).min(rust_decimal::Decimal::ONE);
    let filled = (share * rust_decimal::Decimal::from(width))
        .round()
        .to_usize()
        .unwrap_or(0)
        .min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

use crate::tui::strings;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_to_its_cells_and_ends_with_an_ellipsis() {
        assert_eq!(fit("Hydraulic hand pump", 40), "Hydraulic hand pump");
        assert_eq!(fit("Hydraulic hand pump", 12), "Hydraulic h…");
        assert_eq!(fit("Hydraulic hand pump", 11), "Hydraulic…");
        assert_eq!(cells("液压泵"), 6);
        // A wide character is never split: 5 cells hold two of them and the mark.
        assert_eq!(fit("液压泵手动", 6), "液压…");
        assert_eq!(fit("液压泵手动", 5), "液压…");
        assert_eq!(fit("abc", 0), "");
    }

    /// ratatui's own scrolling, given every row and the cursor, against the window's rows
    /// alone: the same cells and styles, at every cursor and height.
    #[test]
    fn the_window_s_rows_draw_what_the_whole_table_draws_at_every_cursor() {
        use ratatui::layout::Constraint;
        use ratatui::style::Style;
        let items: Vec<String> = (0..23).map(|i| format!("line {i}")).collect();
        let table = || {
            Table::default()
                .widths([Constraint::Length(4), Constraint::Fill(1)])
                .header(Row::new(["#", "what"]))
                .row_highlight_style(Style::new().reversed())
        };
        let row = |i: usize, item: &String| Row::new([i.to_string(), item.clone()]);
        for height in [2, 5, 11, 24, 30] {
            let area = Rect::new(0, 0, 20, height);
            let shown = usize::from(height - 1);
            for selected in 0..items.len() {
                let mut whole = Buffer::empty(area);
                let mut state = TableState::default().with_selected(Some(selected));
                let every: Vec<Row<'_>> =
                    items.iter().enumerate().map(|(i, t)| row(i, t)).collect();
                StatefulWidget::render(table().rows(every), area, &mut whole, &mut state);
                let window = Window::new(items.len(), selected, shown);
                let mut windowed = Buffer::empty(area);
                let mut state = TableState::default().with_selected(Some(selected - window.offset));
                let rows = window.rows(&items, row);
                StatefulWidget::render(table().rows(rows), area, &mut windowed, &mut state);
                assert_eq!(whole, windowed, "height {height}, cursor on {selected}");
            }
        }
    }

    #[test]
    fn a_window_keeps_the_cursor_in_view_and_counts_what_is_hidden() {
        assert_eq!(
            Window::new(14, 0, 12),
            Window {
                offset: 0,
                above: 0,
                below: 2
            }
        );
        assert_eq!(
            Window::new(14, 13, 12),
            Window {
                offset: 2,
                above: 2,
                below: 0
            }
        );
        assert_eq!(Window::new(5, 4, 12).below, 0);
    }

    #[test]
    fn a_bar_fills_its_share() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap_or_default();
        assert_eq!(bar(d("5"), d("10"), 4), "██░░");
        assert_eq!(bar(d("15"), d("10"), 4), "████");
        assert_eq!(bar(d("1"), d("0"), 4), "");
    }
}
