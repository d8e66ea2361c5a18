//! Quantity arithmetic on `Decimal`: rounding up to a unit of measure's precision, and the
//! canonical text form used in JSON and in the store ("decimal strings without trailing zeros").

use rust_decimal::{Decimal, RoundingStrategy};

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

/// Parses a user-given decimal ("12", "0.5", "1e3" is refused). `None` when it is not a plain
/// decimal number.
#[must_use]
pub fn parse(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
    {
        return None;
    }
    t.parse::<Decimal>().ok()
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
    }
}
