//! Option values the command line turns into the engine's types: quantities and `KEY=VALUE`
//! pairs (clap value parsers, so a bad value is a usage error naming the option), and a
//! report's request.

use rust_decimal::Decimal;

use super::ReportArgs;
use crate::domain::backflush::{Change, Override, ReportRequest};
use crate::domain::qty::parse_quantity;

/// A quantity option ("12", "0.5", "-3").
///
/// # Errors
/// Not a number, or not one a quantity can hold exactly: the reason, for clap's message.
pub fn decimal(text: &str) -> Result<Decimal, String> {
    parse_quantity(text).map_err(|e| format!("{text:?} {e}"))
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
pub fn key_qty(text: &str) -> Result<(String, Decimal), String> {
    let (key, value) = key_text(text)?;
    let qty = parse_quantity(&value).map_err(|e| format!("{text:?}: {value:?} {e}"))?;
    Ok((key, qty))
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
