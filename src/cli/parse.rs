//! Option values the command line turns into the engine's types: quantities, `KEY=VALUE`
//! pairs and a report's request. A value that does not parse is a usage error naming it.

use rust_decimal::Decimal;

use super::{Failure, ReportArgs};
use crate::domain::backflush::{Change, Override, ReportRequest};
use crate::domain::qty::parse;

/// A quantity option.
///
/// # Errors
/// Not a number: a usage error naming the option.
pub fn quantity(name: &str, text: &str) -> Result<Decimal, Failure> {
    parse(text).ok_or_else(|| Failure::usage(format!("--{name} {text:?} is not a number")))
}

/// A `KEY=VALUE` option.
///
/// # Errors
/// No `=`, or an empty side.
pub fn key_value<'a>(option: &str, text: &'a str) -> Result<(&'a str, &'a str), Failure> {
    text.split_once('=')
        .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
        .map(|(k, v)| (k.trim(), v.trim()))
        .ok_or_else(|| Failure::usage(format!("--{option} {text:?} is not KEY=VALUE")))
}

/// `yes`, `no` or `default` (no flag of its own).
///
/// # Errors
/// Any other word.
pub fn flag(option: &str, text: &str) -> Result<Option<bool>, Failure> {
    match text.to_ascii_lowercase().as_str() {
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        "default" => Ok(None),
        other => Err(Failure::usage(format!(
            "--{option} {other:?} is not yes, no or default"
        ))),
    }
}

/// The engine's request from the options of `preview` and `report`.
///
/// # Errors
/// A malformed quantity or KEY=VALUE.
pub fn request(args: &ReportArgs) -> Result<(String, ReportRequest), Failure> {
    let order = args.order.clone().unwrap_or_default();
    let mut overrides = Vec::new();
    for s in &args.set {
        let (key, v) = key_value("set", s)?;
        overrides.push(Override {
            key: key.into(),
            change: Change::Qty(quantity("set", v)?),
        });
    }
    for s in &args.line_scrap {
        let (key, v) = key_value("line-scrap", s)?;
        overrides.push(Override {
            key: key.into(),
            change: Change::LineScrap(quantity("line-scrap", v)?),
        });
    }
    for s in &args.location {
        let (key, v) = key_value("location", s)?;
        overrides.push(Override {
            key: key.into(),
            change: Change::Location(v.into()),
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
        good: quantity("good", args.good.as_deref().unwrap_or("0"))?,
        scrap: quantity("scrap", args.scrap.as_deref().unwrap_or("0"))?,
        overrides,
    };
    Ok((order, request))
}
