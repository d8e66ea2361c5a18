//! Option values the command line turns into the engine's types: quantities and `KEY=VALUE`
//! pairs (clap value parsers, so a bad value is a usage error naming the option), a report's
//! request, and the records of a `report --batch` file.

use super::ReportArgs;
use crate::domain::backflush::{Change, Override, ReportRequest};
use crate::domain::qty::{Quantity, parse_quantity};

/// A quantity option ("12", "0.5", "-3").
///
/// # Errors
/// Not a number, or not one a quantity can hold exactly: the reason, for clap's message.
pub fn quantity(text: &str) -> Result<Quantity, String> {
    parse_quantity(text)
        .map(Quantity)
        .map_err(|e| format!("{text:?} {e}"))
}

/// A `KEY=TEXT` option.
///
/// # Errors
/// No `=`, or an empty side.
pub fn key_text(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .ok_or_else(|| format!("{text:?} is not KEY=VALUE"))
}

/// A `KEY=QTY` option.
///
/// # Errors
/// Not `KEY=VALUE`, or the quantity is not a number.
pub fn key_qty(text: &str) -> Result<(String, Quantity), String> {
    let (key, value) = key_text(text)?;
    let qty = parse_quantity(&value).map_err(|e| format!("{text:?}: {value:?} {e}"))?;
    Ok((key, Quantity(qty)))
}

/// The engine's request from the options of `preview` and `report`.
#[must_use]
pub fn request(args: &ReportArgs) -> (String, ReportRequest) {
    let order = args.order.clone().unwrap_or_default();
    let mut overrides = Vec::new();
    for (key, qty) in &args.set {
        overrides.push(Override {
            key: key.clone(),
            change: Change::Qty(*qty),
        });
    }
    for (key, qty) in &args.line_scrap {
        overrides.push(Override {
            key: key.clone(),
            change: Change::LineScrap(*qty),
        });
    }
    for (key, location) in &args.location {
        overrides.push(Override {
            key: key.clone(),
            change: Change::Location(location.clone()),
        });
    }
    for (key, allocation) in &args.lot {
        overrides.push(Override {
            key: key.clone(),
            change: Change::Lots(allocation.clone()),
        });
    }
    for key in &args.skip {
        overrides.push(Override {
            key: key.trim().into(),
            change: Change::Skip,
        });
    }
    let request = ReportRequest {
        operation: args.op.unwrap_or_default(),
        good: args.good.unwrap_or_default(),
        scrap: args.scrap.unwrap_or_default(),
        overrides,
        fg_lot: args.fg_lot.clone(),
        fg_serials: args.fg_serial.clone(),
    };
    (order, request)
}

/// A batch line's order and request.
pub type BatchPost = (String, ReportRequest);

/// One record of a batch file: its line, its key, and what it asks for (or why not).
pub struct BatchLine {
    pub line: u64,
    pub key: String,
    pub parsed: Result<BatchPost, String>,
}

/// The records of a batch file (SPEC §4: CSV key,order,op,good,scrap, the header row
/// optional), each at the physical line where it starts. Records that do not parse are
/// refused without reaching the store.
pub fn batch_lines(text: &str) -> Vec<BatchLine> {
    let mut lines = Vec::new();
    for (index, record) in crate::import::reader::records(text).enumerate() {
        match record {
            Err(e) => lines.push(BatchLine {
                line: e.line,
                key: String::new(),
                parsed: Err(format!("line {}: {}", e.line, e.message)),
            }),
            Ok(r) if r.is_blank() => {}
            Ok(r)
                if index == 0
                    && r.fields
                        .get(0)
                        .is_some_and(|f| f.eq_ignore_ascii_case("key")) => {}
            Ok(r) => lines.push(BatchLine {
                line: r.line,
                key: r.fields.get(0).unwrap_or_default().to_string(),
                parsed: batch_line(&r.fields, r.line),
            }),
        }
    }
    lines
}

/// One batch line as an order and a request.
fn batch_line(r: &csv::StringRecord, line: u64) -> Result<BatchPost, String> {
    if r.len() != 5 {
        return Err(format!(
            "line {line} has {} fields; expected key,order,op,good,scrap",
            r.len()
        ));
    }
    let field = |i: usize| r.get(i).unwrap_or_default();
    if field(0).is_empty() {
        return Err(format!("line {line} has no idempotency key"));
    }
    let operation = field(2).parse::<i64>().map_err(|e| {
        let why = match e.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                "is too large"
            }
            _ => "is not a whole number",
        };
        format!("op {:?} {why}", field(2))
    })?;
    // Too large or too precise is said as such, never "not a number" (SPEC §4).
    let quantity = |name: &str, text: &str| {
        parse_quantity(text)
            .map(Quantity)
            .map_err(|e| format!("{name} {text:?} {e}"))
    };
    let good = quantity("good", field(3))?;
    let scrap = if field(4).is_empty() {
        Quantity::ZERO
    } else {
        quantity("scrap", field(4))?
    };
    let request = ReportRequest {
        operation,
        good,
        scrap,
        overrides: Vec::new(),
        ..ReportRequest::default()
    };
    Ok((field(1).to_string(), request))
}
