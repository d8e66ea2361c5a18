//! The rows of one import file: its header checked against the file's columns, every row
//! at its physical line, with typed access to its fields.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_decimal::Decimal;

use super::reader::{self, CsvError, Record};
use super::{Duplicate, FilesProblem, ImportError, RowProblem};
use crate::domain::master::Item;
use crate::domain::qty::Quantity;
use crate::domain::text::MAX_CODE_CHARS;

/// The columns of `file`, in no particular order.
fn columns(file: &str) -> &'static [&'static str] {
    match file {
        "items.csv" => &[
            "item",
            "description",
            "uom",
            "decimals",
            "type",
            "tracking",
            "backflush",
            "std_cost",
        ],
        "locations.csv" => &["location", "description", "kind"],
        "work_centers.csv" => &[
            "work_center",
            "description",
            "location",
            "labor_rate",
            "overhead_rate",
            "backflush",
        ],
        "boms.csv" => &[
            "parent",
            "revision",
            "base_qty",
            "line",
            "component",
            "qty",
            "per",
            "scrap_pct",
            "operation",
            "backflush",
            "supply_location",
            "uom",
        ],
        "uom_conversions.csv" => &["item", "from_uom", "to_uom", "factor"],
        "routings.csv" => &[
            "parent",
            "revision",
            "operation",
            "work_center",
            "setup_hours",
            "run_hours",
            "count_point",
        ],
        "orders.csv" => &[
            "order",
            "item",
            "revision",
            "qty",
            "due",
            "completion_location",
        ],
        "stock.csv" => &["item", "location", "qty", "lot", "expires"],
        "users.csv" => &["badge", "name", "role", "pin", "language"],
        "location_items.csv" => &["location", "item", "min", "max", "multiple"],
        _ => &[],
    }
}

/// The columns that have no default.
fn required_columns(file: &str) -> &'static [&'static str] {
    match file {
        "items.csv" => &["item"],
        "locations.csv" => &["location"],
        "work_centers.csv" => &["work_center", "location"],
        "boms.csv" => &["parent", "line", "component", "qty"],
        "uom_conversions.csv" => &["from_uom", "to_uom", "factor"],
        "routings.csv" => &["parent", "operation", "work_center"],
        "orders.csv" => &["order", "item", "qty"],
        "stock.csv" => &["item", "location", "qty"],
        "users.csv" => &["badge", "role", "pin"],
        "location_items.csv" => &["location", "item"],
        _ => &[],
    }
}

/// One data row of a file, its fields by column name.
pub(super) struct Row<'a> {
    pub(super) file: &'a str,
    pub(super) line: u64,
    pub(super) fields: HashMap<&'static str, String>,
}

impl Row<'_> {
    pub(super) fn err(&self, problem: RowProblem) -> ImportError {
        ImportError::Row {
            file: self.file.to_string(),
            line: self.line,
            problem: Box::new(problem),
        }
    }

    fn missing(&self, column: &str) -> ImportError {
        self.err(RowProblem::Missing {
            column: column.to_string(),
        })
    }

    pub(super) fn text(&self, column: &str) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }

    /// Whether the file has `column` (blank or not in this row).
    pub(super) fn has(&self, column: &str) -> bool {
        self.fields.contains_key(column)
    }

    pub(super) fn opt(&self, column: &str) -> Option<String> {
        Some(self.text(column).to_string()).filter(|s| !s.is_empty())
    }

    pub(super) fn required(&self, column: &str) -> Result<String, ImportError> {
        self.opt(column).ok_or_else(|| self.missing(column))
    }

    /// A non-negative number below the quantity limit, as the type its column holds (a
    /// quantity, money, hours or a plain percentage).
    pub(super) fn decimal<T: From<Decimal>>(
        &self,
        column: &str,
        default: Option<Decimal>,
    ) -> Result<T, ImportError> {
        self.plain_decimal(column, default).map(T::from)
    }

    fn plain_decimal(
        &self,
        column: &str,
        default: Option<Decimal>,
    ) -> Result<Decimal, ImportError> {
        let text = self.text(column);
        if text.is_empty() {
            return default.ok_or_else(|| self.missing(column));
        }
        let value = crate::domain::qty::parse_quantity(text).map_err(|problem| {
            self.err(RowProblem::BadNumber {
                column: column.to_string(),
                text: text.to_string(),
                problem,
            })
        })?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(self.err(RowProblem::Negative {
                column: column.to_string(),
                text: text.to_string(),
            }));
        }
        if value >= crate::domain::backflush::LIMIT {
            return Err(self.err(RowProblem::TooLarge {
                column: column.to_string(),
                text: text.to_string(),
                max: Quantity(crate::domain::backflush::LIMIT - Decimal::ONE),
            }));
        }
        Ok(value)
    }

    pub(super) fn positive<T: From<Decimal>>(
        &self,
        column: &str,
        default: Option<Decimal>,
    ) -> Result<T, ImportError> {
        let value = self.plain_decimal(column, default)?;
        if value.is_zero() {
            return Err(self.err(RowProblem::NotPositive {
                column: column.to_string(),
            }));
        }
        Ok(T::from(value))
    }

    pub(super) fn flag(&self, column: &str) -> Result<Option<bool>, ImportError> {
        match self.text(column).to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "yes" | "y" | "true" | "1" => Ok(Some(true)),
            "no" | "n" | "false" | "0" => Ok(Some(false)),
            other => Err(self.err(RowProblem::NotYesNo {
                column: column.to_string(),
                text: other.to_string(),
            })),
        }
    }

    pub(super) fn word<T>(
        &self,
        column: &str,
        default: T,
        parse: fn(&str) -> Option<T>,
        words: &str,
    ) -> Result<T, ImportError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(default);
        }
        parse(&text.to_ascii_lowercase()).ok_or_else(|| {
            self.err(RowProblem::NotOneOf {
                column: column.to_string(),
                text: text.to_string(),
                words: words.to_string(),
            })
        })
    }

    pub(super) fn integer(&self, column: &str) -> Result<Option<i64>, ImportError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<i64>().map(Some).map_err(|e| {
            let too_large = matches!(
                e.kind(),
                std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
            );
            self.err(RowProblem::NotWhole {
                column: column.to_string(),
                text: text.to_string(),
                too_large,
            })
        })
    }

    pub(super) fn within_decimals(
        &self,
        column: &str,
        value: Quantity,
        item: &Item,
    ) -> Result<(), ImportError> {
        if value.fits_decimals(item.decimals) {
            Ok(())
        } else {
            Err(self.err(RowProblem::TooManyDecimals {
                column: column.to_string(),
                value,
                item: item.item.to_string(),
                uom: item.uom.to_string(),
                decimals: item.decimals,
            }))
        }
    }
}

/// The rows of `dir/file`, or `None` when the file is not there. Blank rows are skipped.
pub(super) fn read_file<'a>(
    dir: &Path,
    file: &'a str,
) -> Result<Option<Vec<Row<'a>>>, ImportError> {
    let path = dir.join(file);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        ImportError::Files(FilesProblem::Unreadable {
            path: path.display().to_string(),
            cause: e.to_string(),
        })
    })?;
    let mut records = reader::records(&text);
    let index = header(file, records.next())?;
    let mut rows = Vec::new();
    for record in records {
        let record =
            record.map_err(|e| row_error(file, e.line, RowProblem::NotCsv { cause: e.cause }))?;
        if !record.is_blank() {
            rows.push(row(file, &index, record)?);
        }
    }
    Ok(Some(rows))
}

fn row_error(file: &str, line: u64, problem: RowProblem) -> ImportError {
    ImportError::Row {
        file: file.to_string(),
        line,
        problem: Box::new(problem),
    }
}

/// The column of each field, from the header row (the file's first record).
fn header(
    file: &str,
    first: Option<Result<Record, CsvError>>,
) -> Result<Vec<&'static str>, ImportError> {
    let header = match first {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            return Err(row_error(
                file,
                e.line,
                RowProblem::NotCsv { cause: e.cause },
            ));
        }
        None => Record {
            line: 1,
            fields: csv::StringRecord::new(),
        },
    };
    let header_err = |problem: RowProblem| row_error(file, header.line, problem);
    let expected = columns(file);
    let mut index: Vec<&'static str> = Vec::new();
    for h in &header.fields {
        let h = h.to_ascii_lowercase();
        let Some(col) = expected.iter().find(|c| **c == h) else {
            return Err(header_err(RowProblem::UnknownColumn {
                column: h,
                expected: expected.to_vec(),
            }));
        };
        if index.contains(col) {
            return Err(header_err(RowProblem::ColumnTwice { column: h }));
        }
        index.push(col);
    }
    // A column left out is blank on every row (its default); one that has no default must
    // be there.
    if let Some(missing) = required_columns(file).iter().find(|c| !index.contains(c)) {
        return Err(header_err(RowProblem::ColumnMissing { column: missing }));
    }
    Ok(index)
}

/// One data record as a row: as many fields as the header, none with a control character.
fn row<'a>(file: &'a str, index: &[&'static str], record: Record) -> Result<Row<'a>, ImportError> {
    let line = record.line;
    if record.fields.len() != index.len() {
        return Err(row_error(
            file,
            line,
            RowProblem::FieldCount {
                fields: record.fields.len(),
                header: index.to_vec(),
            },
        ));
    }
    // A code or description is printed on terminals: it may not drive them.
    let control = index.iter().zip(record.fields.iter()).find_map(|(c, v)| {
        v.chars()
            .find(|ch| crate::domain::text::is_control(*ch))
            .map(|ch| (c, ch))
    });
    if let Some((column, ch)) = control {
        return Err(row_error(file, line, RowProblem::Control { column, ch }));
    }
    // A code is kept on every posting and export that names it: bounded like the command
    // line's codes.
    let long = index
        .iter()
        .zip(record.fields.iter())
        .filter(|(c, _)| is_code(c))
        .map(|(c, v)| (c, v.chars().count()))
        .find(|(_, n)| *n > MAX_CODE_CHARS);
    if let Some((column, n)) = long {
        return Err(row_error(
            file,
            line,
            RowProblem::CodeTooLong {
                column,
                chars: n,
                max: MAX_CODE_CHARS,
            },
        ));
    }
    let fields = index
        .iter()
        .zip(record.fields.iter())
        .map(|(c, v)| (*c, v.to_string()))
        .collect();
    Ok(Row { file, line, fields })
}

/// Whether a column holds a code (descriptions, names, numbers and PINs are not codes).
fn is_code(column: &str) -> bool {
    matches!(
        column,
        "item"
            | "location"
            | "work_center"
            | "parent"
            | "revision"
            | "line"
            | "component"
            | "supply_location"
            | "uom"
            | "from_uom"
            | "to_uom"
            | "order"
            | "completion_location"
            | "lot"
            | "badge"
    )
}

/// Refuses the second row of one key.
pub(super) fn unique(
    seen: &mut HashSet<Duplicate>,
    row: &Row<'_>,
    key: Duplicate,
) -> Result<(), ImportError> {
    if seen.insert(key.clone()) {
        Ok(())
    } else {
        Err(row.err(RowProblem::Duplicate(key)))
    }
}
