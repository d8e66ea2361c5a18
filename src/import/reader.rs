//! CSV text as records, each with the physical line it starts on: the import and
//! `report --batch` both read through here, so `FILE:LINE` means one thing everywhere.
//!
//! Fields follow RFC 4180 (a quoted field may hold commas, doubled quotes and line breaks);
//! a line ends at LF, CRLF or a lone CR (old Mac files); blank lines are skipped but counted.
//! Fields are trimmed of surrounding spaces.

use csv::StringRecord;

/// One record of a file: where it starts and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The physical line (from 1) of the record's first character.
    pub line: u64,
    pub fields: StringRecord,
}

impl Record {
    /// Whether every field is empty (a line of spaces or commas only).
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(str::is_empty)
    }
}

/// A record that is not CSV, at the physical line where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvError {
    pub line: u64,
    /// The CSV reader's own account of it.
    pub cause: String,
}

/// The records of `text` (a leading byte-order mark is ignored), in order.
#[must_use]
pub fn records(text: &str) -> Records<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    Records {
        text,
        starts: line_starts(text),
        inner: reader.into_records(),
    }
}

/// The iterator of [`records`].
pub struct Records<'a> {
    text: &'a str,
    /// The byte offset where each physical line starts.
    starts: Vec<usize>,
    inner: csv::StringRecordsIntoIter<&'a [u8]>,
}

impl Records<'_> {
    /// The physical line of the first character at or after `byte` that is not a line break:
    /// the reader's position may still stand before the blank lines it skipped.
    fn line_at(&self, byte: u64) -> u64 {
        let bytes = self.text.as_bytes();
        let mut at = usize::try_from(byte)
            .unwrap_or(bytes.len())
            .min(bytes.len());
        while bytes.get(at).is_some_and(|b| *b == b'\n' || *b == b'\r') {
            at += 1;
        }
        let line = self.starts.partition_point(|s| *s <= at);
        u64::try_from(line.max(1)).unwrap_or(u64::MAX)
    }
}

impl Iterator for Records<'_> {
    type Item = Result<Record, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.inner.next()?;
        Some(match item {
            Ok(fields) => Ok(Record {
                line: self.line_at(fields.position().map_or(0, csv::Position::byte)),
                fields,
            }),
            Err(e) => Err(CsvError {
                line: self.line_at(e.position().map_or(0, csv::Position::byte)),
                cause: e.to_string(),
            }),
        })
    }
}

/// Where each physical line of `text` starts: after every LF, and after every CR that no LF
/// follows.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, b) in bytes.iter().enumerate() {
        let ends = *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends {
            starts.push(i + 1);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u64, Vec<String>)> {
        records(text)
            .map(|r| {
                let r = r.unwrap();
                (r.line, r.fields.iter().map(str::to_string).collect())
            })
            .collect()
    }

    fn row(line: u64, fields: &[&str]) -> (u64, Vec<String>) {
        (line, fields.iter().map(|f| (*f).to_string()).collect())
    }

    #[test]
    fn every_line_ending_counts_one_physical_line() {
        let want = vec![
            row(1, &["a", "b"]),
            row(3, &["c", "d"]),
            row(4, &["e", "f"]),
        ];
        assert_eq!(lines("a,b\n\nc,d\ne,f\n"), want);
        assert_eq!(lines("a,b\r\n\r\nc,d\r\ne,f\r\n"), want);
        assert_eq!(lines("a,b\r\rc,d\re,f"), want);
        assert_eq!(lines("\u{feff}a,b\n\r\nc,d\re,f"), want);
    }

    #[test]
    fn a_quoted_field_spans_lines_and_keeps_commas_and_quotes() {
        let text = "k,\"two\r\nlines, \"\"quoted\"\"\"\n\n\nnext,x\n";
        assert_eq!(
            lines(text),
            vec![
                row(1, &["k", "two\r\nlines, \"quoted\""]),
                row(5, &["next", "x"])
            ]
        );
    }

    #[test]
    fn leading_blank_lines_and_spaces() {
        assert_eq!(lines("\n\n  a , b \n"), vec![row(3, &["a", "b"])]);
        assert!(records("").next().is_none());
        assert!(records("\r\n\n\r").next().is_none());
    }
}
