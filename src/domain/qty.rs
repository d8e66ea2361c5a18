//! Quantity arithmetic on `Decimal`: rounding up to a unit of measure's precision, and the
//! canonical text form used in JSON and in the store ("decimal strings without trailing zeros").

use rust_decimal::{Decimal, RoundingStrategy};

/// A quantity, money amount or hours as one value with one text form: the canonical decimal
/// string (no trailing zeros, never "-0") in JSON, in the store and on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Quantity(pub Decimal);

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&canonical(self.0))
    }
}

impl serde::Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&canonical(self.0))
    }
}

/// Reads the canonical decimal string back (a stored result replayed, SPEC §2): the text
/// [`parse_quantity`] accepts, so what was written reads as the same value.
impl<'de> serde::Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        parse_quantity(&text)
            .map(Quantity)
            .map_err(|e| serde::de::Error::custom(format!("quantity {text:?} {e}")))
    }
}

impl From<Decimal> for Quantity {
    fn from(value: Decimal) -> Self {
        Quantity(value)
    }
}

/// Rounds a non-negative quantity up to `decimals` places (a negative one towards zero's
/// opposite side, i.e. away from zero, so that `ceil(-x) = -ceil(x)` keeps reversals exact).
#[must_use]
pub fn ceil_to(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::AwayFromZero)
}

/// True when `value` has no more than `decimals` significant decimal places.
#[must_use]
pub fn fits_decimals(value: Decimal, decimals: u32) -> bool {
    value.normalize().scale() <= decimals
}

/// The canonical text of a quantity: no trailing zeros, never "-0".
#[must_use]
pub fn canonical(value: Decimal) -> String {
    let n = value.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// Why a text is not a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QtyParseError {
    #[error("is not a number")]
    NotANumber,
    #[error("is too large for a quantity")]
    TooLarge,
    #[error("has more decimal places than a quantity can hold (at most 28 significant digits)")]
    TooPrecise,
}

/// Parses a user-given decimal ("12", "0.5"; "1e3" is refused). A number that a `Decimal`
/// cannot hold exactly is refused for what it is (too large, too precise), never rounded:
/// `0.000…0001` with 40 places is not zero.
///
/// # Errors
/// Not a plain decimal number, or not representable exactly.
pub fn parse_quantity(text: &str) -> Result<Decimal, QtyParseError> {
    let t = text.trim();
    let digits = t.trim_start_matches(['-', '+']);
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
        && t.len() - digits.len() <= 1;
    if !well_formed {
        return Err(QtyParseError::NotANumber);
    }
    let value = t.parse::<Decimal>().map_err(|_| QtyParseError::TooLarge)?;
    // `Decimal` rounds digits it cannot hold; a quantity must be taken as written.
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let written = match (whole.is_empty(), fraction.is_empty()) {
        (true, true) => "0".to_string(),
        (_, true) => whole.to_string(),
        (true, false) => format!("0.{fraction}"),
        (false, false) => format!("{whole}.{fraction}"),
    };
    if canonical(value.abs()) != written {
        return Err(QtyParseError::TooPrecise);
    }
    Ok(value)
}

/// [`parse_quantity`], or `None`.
#[must_use]
pub fn parse(text: &str) -> Option<Decimal> {
    parse_quantity(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn ceil_rounds_up_to_the_uom_precision() {
        assert_eq!(ceil_to(d("0.3333333"), 0), d("1"));
        assert_eq!(ceil_to(d("2"), 0), d("2"));
        assert_eq!(ceil_to(d("1.2341"), 3), d("1.235"));
        assert_eq!(ceil_to(d("-0.5"), 0), d("-1"));
    }

    #[test]
    fn canonical_has_no_trailing_zeros() {
        assert_eq!(canonical(d("12.500")), "12.5");
        assert_eq!(canonical(d("-0.000")), "0");
        assert_eq!(canonical(d("100")), "100");
    }

    #[test]
    fn decimals_are_counted_without_trailing_zeros() {
        assert!(fits_decimals(d("1.500"), 1));
        assert!(!fits_decimals(d("1.55"), 1));
    }

    #[test]
    fn parse_refuses_non_numbers() {
        assert_eq!(parse(" 2.5 "), Some(d("2.5")));
        assert_eq!(parse("abc"), None);
        assert_eq!(parse("1e3"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("-"), None);
        assert_eq!(parse("1.2.3"), None);
        assert_eq!(parse("--1"), None);
        assert_eq!(parse("-0.5"), Some(d("-0.5")));
        let tiny = format!("0.{}1", "0".repeat(39));
        assert_eq!(parse_quantity(&tiny), Err(QtyParseError::TooPrecise));
        assert_eq!(
            parse_quantity(&"9".repeat(29)),
            Err(QtyParseError::TooLarge)
        );
        assert!(parse("79228162514264337593543950335").is_some());
        assert_eq!(parse("000000000000000000000000000000001"), Some(d("1")));
        assert_eq!(parse("1.50000000000000000000000000000000"), Some(d("1.5")));
    }
}
