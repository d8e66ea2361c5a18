//! Option values the command line turns into the engine's types: quantities, codes, keys and
//! free text, `KEY=VALUE` pairs (clap value parsers, so a bad value is a usage error naming
//! the option), a report's request, and the records of a `report --batch` file.
//!
//! Every text an option gives to be kept or printed (codes, idempotency keys, the terminal
//! id, reasons, lots) is checked here, the one place the command line's input comes in: no
//! control character (it would be stored, exported and printed as it is), at most 200
//! characters, and a key is never empty.

use super::ReportArgs;
use crate::domain::backflush::{Change, Override, ReportRequest};
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::qty::{Quantity, parse_quantity};
use crate::domain::text::{MAX_CODE_CHARS, TextProblem, check_code, is_control};

/// What is wrong with a text, for clap's message (which names the option and the value).
fn problem(problem: TextProblem) -> String {
    match problem {
        TextProblem::Control(c) => format!(
            "it holds the control character U+{:04X}; only printable text is accepted",
            u32::from(c)
        ),
        TextProblem::TooLong(n) => {
            format!("it has {n} characters; at most {MAX_CODE_CHARS} are accepted")
        }
    }
}

/// A code (item, location, order, lot, work center, badge, line, consumer) or a free text
/// kept with a posting (a reason, the terminal id): printable, at most 200 characters.
///
/// # Errors
/// A control character, or too long.
pub fn text(text: &str) -> Result<String, String> {
    check_code(text).map_err(problem)?;
    Ok(text.to_string())
}

/// An order number, checked as any code.
///
/// # Errors
/// As [`text`].
pub fn order(text: &str) -> Result<OrderNo, String> {
    self::text(text).map(OrderNo::from)
}

/// An item code, checked as any code.
///
/// # Errors
/// As [`text`].
pub fn item(text: &str) -> Result<ItemCode, String> {
    self::text(text).map(ItemCode::from)
}

/// A location code, checked as any code.
///
/// # Errors
/// As [`text`].
pub fn location(text: &str) -> Result<LocationCode, String> {
    self::text(text).map(LocationCode::from)
}

/// An idempotency key: as any code, and never empty (an empty key would be a real key to
/// one command and none to another).
///
/// # Errors
/// Empty or blank, a control character, or too long.
pub fn key(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("an idempotency key cannot be empty".to_string());
    }
    self::text(text)
}

/// A lot allocation `LOT[:QTY],…`: printable, each lot at most 200 characters (the
/// quantities are read where the item is known).
///
/// # Errors
/// A control character, or a lot too long.
pub fn allocation(text: &str) -> Result<String, String> {
    if let Some(c) = text.chars().find(|c| is_control(*c)) {
        return Err(problem(TextProblem::Control(c)));
    }
    for part in text.split(',') {
        let lot = part.split_once(':').map_or(part, |(lot, _)| lot).trim();
        check_code(lot).map_err(|p| format!("lot {}: {}", short(lot), problem(p)))?;
    }
    Ok(text.to_string())
}

/// The start of a long text, to name it without repeating all of it.
fn short(text: &str) -> String {
    match text.char_indices().nth(20) {
        Some((at, _)) => format!("{:?}…", &text[..at]),
        None => format!("{text:?}"),
    }
}

/// A quantity option ("12", "0.5", "-3").
///
/// # Errors
/// Not a number, or not one a quantity can hold exactly: the reason, for clap's message.
pub fn quantity(text: &str) -> Result<Quantity, String> {
    parse_quantity(text)
        .map(Quantity)
        .map_err(|e| format!("{text:?} {}", super::words::quantity_text(e)))
}

/// A `KEY=TEXT` option, its KEY (a line id or an item code) checked as a code.
///
/// # Errors
/// No `=`, an empty side, or a key that is not a code.
fn key_value(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .ok_or_else(|| format!("{text:?} is not KEY=VALUE"))?;
    check_code(&key).map_err(|p| format!("KEY {}: {}", short(&key), problem(p)))?;
    Ok((key, value))
}

/// A `KEY=CODE` option (`--location KEY=LOC`).
///
/// # Errors
/// Not `KEY=VALUE`, or either side is not a code.
pub fn key_code(text: &str) -> Result<KeyText, String> {
    let (key, value) = key_value(text)?;
    check_code(&value).map_err(|p| format!("{}: {}", short(&value), problem(p)))?;
    Ok(KeyText { key, value })
}

/// A `KEY=TEXT` option: the line its key names (a line id or an item code) and what it gives
/// that line.
#[derive(Debug, Clone)]
pub struct KeyText {
    pub key: String,
    pub value: String,
}

/// A `KEY=ALLOCATION` option (`--lot KEY=LOT[:QTY],…`).
///
/// # Errors
/// Not `KEY=VALUE`, a key that is not a code, or an allocation as [`allocation`] refuses.
pub fn key_allocation(text: &str) -> Result<KeyText, String> {
    let (key, value) = key_value(text)?;
    allocation(&value)?;
    Ok(KeyText { key, value })
}

/// A `KEY=QTY` option.
///
/// # Errors
/// Not `KEY=VALUE`, a key that is not a code, or the quantity is not a number.
pub fn key_qty(text: &str) -> Result<(String, Quantity), String> {
    let (key, value) = key_value(text)?;
    let qty = parse_quantity(&value)
        .map_err(|e| format!("{text:?}: {value:?} {}", super::words::quantity_text(e)))?;
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
    for KeyText { key, value } in &args.location {
        overrides.push(Override {
            key: key.clone(),
            change: Change::Location(value.clone()),
        });
    }
    for KeyText { key, value } in &args.lot {
        overrides.push(Override {
            key: key.clone(),
            change: Change::Lots(value.clone()),
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

/// The records of a batch file (CSV key,order,op,good,scrap, the header row optional), each
/// at the physical line where it starts. Records that do not parse are
/// refused without reaching the store.
pub fn batch_lines(text: &str) -> Vec<BatchLine> {
    let mut lines = Vec::new();
    for (index, record) in crate::import::reader::records(text).enumerate() {
        match record {
            Err(e) => lines.push(BatchLine {
                line: e.line,
                key: String::new(),
                parsed: Err(format!("line {}: not a valid CSV row: {}", e.line, e.cause)),
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
    check_code(field(0))
        .map_err(|p| format!("the idempotency key on line {line}: {}", problem(p)))?;
    check_code(field(1)).map_err(|p| format!("the order on line {line}: {}", problem(p)))?;
    let operation = field(2).parse::<i64>().map_err(|e| {
        let why = match e.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                "is too large"
            }
            _ => "is not a whole number",
        };
        format!("op {:?} {why}", field(2))
    })?;
    // Too large or too precise is said as such, never "not a number".
    let quantity = |name: &str, text: &str| {
        parse_quantity(text)
            .map(Quantity)
            .map_err(|e| format!("{name} {text:?} {}", super::words::quantity_text(e)))
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
