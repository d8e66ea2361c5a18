//! The command line's text tables: one header row, every column as wide as its widest cell
//! measured in terminal cells (a code with an accent or a wide character keeps its column
//! straight), text left-aligned and numbers right-aligned, two spaces between columns.
//!
//! Cells are escaped (control characters shown as `\u{…}`) before they are measured, so the
//! width counted is the width printed.

use unicode_width::UnicodeWidthStr;

use super::Failure;
use super::output::Out;
use crate::domain::text::printable;

/// How a column's cells sit in its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text: padded on the right.
    Left,
    /// Numbers: padded on the left, so their units line up.
    Right,
}

/// A table being filled, printed whole once every row is known.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headings and alignments.
    #[must_use]
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            header: columns
                .iter()
                .map(|(name, align)| ((*name).to_string(), *align))
                .collect(),
            rows: Vec::new(),
        }
    }

    /// One row: a cell per column (missing cells are empty, extra ones are dropped).
    pub fn row(&mut self, cells: impl IntoIterator<Item = impl ToString>) {
        let mut row: Vec<String> = cells
            .into_iter()
            .take(self.header.len())
            .map(|c| printable(&c.to_string()).into_owned())
            .collect();
        row.resize(self.header.len(), String::new());
        self.rows.push(row);
    }

    /// The table as lines of text: the header, then the rows, no trailing spaces.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        let widths: Vec<usize> = self
            .header
            .iter()
            .enumerate()
            .map(|(i, (name, _))| {
                self.rows
                    .iter()
                    .map(|r| r[i].width())
                    .chain([name.width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let header: Vec<String> = self.header.iter().map(|(n, _)| n.clone()).collect();
        std::iter::once(&header)
            .chain(&self.rows)
            .map(|cells| {
                let mut line = String::new();
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        line.push_str("  ");
                    }
                    let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
                    match self.header[i].1 {
                        Align::Left => {
                            line.push_str(cell);
                            line.push_str(&pad);
                        }
                        Align::Right => {
                            line.push_str(&pad);
                            line.push_str(cell);
                        }
                    }
                }
                line.trim_end().to_string()
            })
            .collect()
    }

    /// Prints the table.
    ///
    /// # Errors
    /// Writing fails.
    pub fn print(&self, out: &mut Out) -> Result<(), Failure> {
        for line in self.lines() {
            // Every cell was escaped when it was added.
            out.raw_line(format_args!("{line}"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Align, Table};

    #[test]
    fn columns_are_as_wide_as_their_widest_cell_in_terminal_cells() {
        let mut t = Table::new(&[("item", Align::Left), ("qty", Align::Right)]);
        t.row(["BALL-6", "200"]);
        t.row(["Ölfilter", "1000"]);
        t.row(["軸受", "3.5"]);
        t.row(["C\u{1b}1", "1"]);
        assert_eq!(
            t.lines(),
            [
                "item       qty",
                "BALL-6     200",
                "Ölfilter  1000",
                "軸受       3.5",
                "C\\u{1b}1     1",
            ]
        );
    }
}
