//! Quantities, money and hours as newtypes over `Decimal` with one canonical text form ("decimal
//! strings without trailing zeros") in JSON, the store and on screen; rounding up to a unit of
//! measure's precision; parsing what a user types.

use rust_decimal::{Decimal, RoundingStrategy};

/// A decimal newtype with the one canonical text form (no trailing zeros, never "-0") in
/// JSON, in the store and on screen, and the arithmetic its kind allows: sums and differences
/// of its own kind, scaling by a plain ratio (`Decimal`).
macro_rules! decimal_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub Decimal);

        impl $name {
            pub const ZERO: Self = $name(Decimal::ZERO);
            pub const ONE: Self = $name(Decimal::ONE);

            /// The plain decimal, for ratios and rounding.
            #[must_use]
            pub const fn get(self) -> Decimal {
                self.0
            }
            #[must_use]
            pub fn is_zero(self) -> bool {
                self.0.is_zero()
            }
            #[must_use]
            pub fn is_sign_negative(self) -> bool {
                self.0.is_sign_negative()
            }
            #[must_use]
            pub fn is_sign_positive(self) -> bool {
                self.0.is_sign_positive()
            }
            #[must_use]
            pub fn abs(self) -> Self {
                $name(self.0.abs())
            }
            /// Rounded to `decimals` places, half to even (for display).
            #[must_use]
            pub fn round_dp(self, decimals: u32) -> Self {
                $name(self.0.round_dp(decimals))
            }
            /// Rounded away from zero to `decimals` places (see [`ceil_to`]).
            #[must_use]
            pub fn ceil_to(self, decimals: u32) -> Self {
                $name(ceil_to(self.0, decimals))
            }
            /// True when the value has no more than `decimals` significant places.
            #[must_use]
            pub fn fits_decimals(self, decimals: u32) -> bool {
                fits_decimals(self.0, decimals)
            }
            /// The sum, or `None` when it overflows.
            #[must_use]
            pub fn checked_add(self, other: Self) -> Option<Self> {
                self.0.checked_add(other.0).map($name)
            }
            /// The sum, held at the largest value instead of overflowing.
            #[must_use]
            pub fn saturating_add(self, other: Self) -> Self {
                $name(self.0.saturating_add(other.0))
            }
            /// The difference, held at the smallest value instead of overflowing.
            #[must_use]
            pub fn saturating_sub(self, other: Self) -> Self {
                $name(self.0.saturating_sub(other.0))
            }
            /// The value scaled by `ratio`, or `None` when it overflows.
            #[must_use]
            pub fn checked_mul(self, ratio: Decimal) -> Option<Self> {
                self.0.checked_mul(ratio).map($name)
            }
            /// This value as a share of `whole` (`None` when `whole` is zero).
            #[must_use]
            pub fn ratio_to(self, whole: Self) -> Option<Decimal> {
                self.0.checked_div(whole.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(CanonicalText::of(self.0).as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(CanonicalText::of(self.0).as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <Decimal as serde::Deserialize>::deserialize(d).map($name)
            }
        }

        impl From<Decimal> for $name {
            fn from(value: Decimal) -> Self {
                $name(value)
            }
        }

        /// Reads a stored or written decimal ("1.50"); what a user types goes through
        /// [`parse_quantity`] instead, which refuses what it would round.
        impl std::str::FromStr for $name {
            type Err = rust_decimal::Error;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse::<Decimal>().map($name)
            }
        }

        impl From<$name> for Decimal {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl std::ops::Add for $name {
            type Output = Self;
            fn add(self, other: Self) -> Self {
                $name(self.0 + other.0)
            }
        }
        impl std::ops::Sub for $name {
            type Output = Self;
            fn sub(self, other: Self) -> Self {
                $name(self.0 - other.0)
            }
        }
        impl std::ops::Neg for $name {
            type Output = Self;
            fn neg(self) -> Self {
                $name(-self.0)
            }
        }
        impl std::ops::AddAssign for $name {
            fn add_assign(&mut self, other: Self) {
                self.0 += other.0;
            }
        }
        impl std::ops::SubAssign for $name {
            fn sub_assign(&mut self, other: Self) {
                self.0 -= other.0;
            }
        }
        /// Scaling by a plain ratio (a BOM factor, a percentage, a share).
        impl std::ops::Mul<Decimal> for $name {
            type Output = Self;
            fn mul(self, ratio: Decimal) -> Self {
                $name(self.0 * ratio)
            }
        }
        impl std::ops::Div<Decimal> for $name {
            type Output = Self;
            fn div(self, ratio: Decimal) -> Self {
                $name(self.0 / ratio)
            }
        }
        impl std::iter::Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                $name(iter.map(|v| v.0).sum())
            }
        }
        impl<'a> std::iter::Sum<&'a $name> for $name {
            fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
                iter.copied().sum()
            }
        }
    };
}

decimal_newtype!(
    /// A quantity of an item in a unit of measure (stock unit unless said otherwise).
    Quantity
);
decimal_newtype!(
    /// An amount of money, or money per unit or per hour (a standard cost, a rate).
    Money
);
decimal_newtype!(
    /// Hours of labor.
    Hours
);

impl Quantity {
    /// The value of this quantity at `unit_cost`, held at the largest amount instead of
    /// overflowing (reports never reach it: quantities and costs are bounded on input).
    #[must_use]
    pub fn value_at(self, unit_cost: Money) -> Money {
        Money(self.0.saturating_mul(unit_cost.0))
    }
}

/// A quantity at a cost per unit is money.
impl std::ops::Mul<Money> for Quantity {
    type Output = Money;
    fn mul(self, unit_cost: Money) -> Money {
        Money(self.0 * unit_cost.0)
    }
}

/// Hours at a rate per hour are money.
impl std::ops::Mul<Money> for Hours {
    type Output = Money;
    fn mul(self, rate: Money) -> Money {
        Money(self.0 * rate.0)
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
    CanonicalText::of(value).as_str().to_string()
}

/// The canonical text of a decimal, held on the stack: JSON and the screen take it without
/// a string of its own. The longest is a sign, "0." and 28 decimals, or a sign, 29 digits
/// and a point.
struct CanonicalText {
    bytes: [u8; 32],
    len: usize,
}

impl CanonicalText {
    /// Written by hand rather than through `Display`: a posting writes thousands of these,
    /// and the digits of the mantissa with the point put in are the same text.
    fn of(value: Decimal) -> Self {
        let mut out = CanonicalText {
            bytes: [0; 32],
            len: 0,
        };
        let n = value.normalize();
        if n.is_zero() {
            out.push(b"0");
            return out;
        }
        let mut digits = [0u8; 32];
        let mut start = digits.len();
        let mantissa = n.mantissa().unsigned_abs();
        // Most mantissas fit 64 bits, whose division is far cheaper than 128 bits'.
        if let Ok(mut m) = u64::try_from(mantissa) {
            while m > 0 {
                start -= 1;
                digits[start] = b'0' + (m % 10) as u8;
                m /= 10;
            }
        } else {
            let mut m = mantissa;
            while m > 0 {
                start -= 1;
                digits[start] = b'0' + (m % 10) as u8;
                m /= 10;
            }
        }
        let digits = &digits[start..];
        let scale = n.scale() as usize;
        if n.is_sign_negative() {
            out.push(b"-");
        }
        if digits.len() > scale {
            let (whole, fraction) = digits.split_at(digits.len() - scale);
            out.push(whole);
            if !fraction.is_empty() {
                out.push(b".");
                out.push(fraction);
            }
        } else {
            out.push(b"0.");
            for _ in digits.len()..scale {
                out.push(b"0");
            }
            out.push(digits);
        }
        out
    }

    fn push(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits, a sign and a point were written.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// Why a text is not a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QtyParseError {
    NotANumber,
    TooLarge,
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

/// [`parse_quantity`] as a [`Quantity`], or `None`.
#[must_use]
pub fn parse(text: &str) -> Option<Quantity> {
    parse_quantity(text).ok().map(Quantity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_text_is_the_decimals_own_without_trailing_zeros() {
        use std::str::FromStr;
        for text in [
            "1",
            "-1",
            "10",
            "100.500",
            "0.5",
            "-0.5",
            "0.000123",
            "-0.00012300",
            "123.456",
            "7922816251426433759354395033.5",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "2.50",
            "-0",
            "0.000",
            "1000000",
        ] {
            let d = Decimal::from_str(text).unwrap();
            let own = if d.is_zero() {
                "0".to_string()
            } else {
                d.normalize().to_string()
            };
            assert_eq!(canonical(d), own, "{text}");
        }
        // Every mantissa and scale in a sweep, both signs.
        let mut m: i64 = 1;
        while m < i64::MAX / 7 {
            for scale in [0, 1, 2, 3, 6, 9, 12, 18, 28] {
                for sign in [1, -1] {
                    let d = Decimal::new(sign * m, scale);
                    assert_eq!(canonical(d), d.normalize().to_string(), "{m} {scale}");
                }
            }
            m = m * 7 + 3;
        }
        assert_eq!(canonical(Decimal::new(1500, 3)), "1.5");
        assert_eq!(canonical(Decimal::new(-25, 4)), "-0.0025");
    }
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
        assert_eq!(parse(" 2.5 "), Some(Quantity(d("2.5"))));
        assert_eq!(parse("abc"), None);
        assert_eq!(parse("1e3"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("-"), None);
        assert_eq!(parse("1.2.3"), None);
        assert_eq!(parse("--1"), None);
        assert_eq!(parse("-0.5"), Some(Quantity(d("-0.5"))));
        let tiny = format!("0.{}1", "0".repeat(39));
        assert_eq!(parse_quantity(&tiny), Err(QtyParseError::TooPrecise));
        assert_eq!(
            parse_quantity(&"9".repeat(29)),
            Err(QtyParseError::TooLarge)
        );
        assert!(parse("79228162514264337593543950335").is_some());
        assert_eq!(
            parse("000000000000000000000000000000001"),
            Some(Quantity(d("1")))
        );
        assert_eq!(
            parse("1.50000000000000000000000000000000"),
            Some(Quantity(d("1.5")))
        );
    }

    #[test]
    fn a_typed_value_prints_and_serializes_in_its_one_canonical_form() {
        let q = Quantity(d("12.500"));
        assert_eq!(q.to_string(), "12.5");
        assert_eq!(Quantity(d("-0.000")).to_string(), "0");
        assert_eq!(serde_json::to_string(&q).unwrap(), "\"12.5\"");
        let back: Quantity = serde_json::from_str("\"12.5\"").unwrap();
        assert_eq!(back, q);
        assert_eq!("1.50".parse::<Money>().unwrap(), Money(d("1.5")));
        assert!("x".parse::<Hours>().is_err());
    }

    #[test]
    fn arithmetic_keeps_the_kind_and_changes_it_only_by_a_price() {
        let a = Quantity(d("2.5"));
        let b = Quantity(d("0.5"));
        assert_eq!(a + b, Quantity(d("3")));
        assert_eq!(a - b, Quantity(d("2")));
        assert_eq!(-a, Quantity(d("-2.5")));
        assert_eq!(a * d("4"), Quantity(d("10")));
        assert_eq!(a / d("5"), Quantity(d("0.5")));
        assert_eq!([a, b].iter().sum::<Quantity>(), Quantity(d("3")));
        assert_eq!(
            a * Money(d("4")),
            Money(d("10")),
            "a quantity at a unit cost"
        );
        assert_eq!(
            Hours(d("1.5")) * Money(d("40")),
            Money(d("60")),
            "hours at a rate"
        );
        assert_eq!(b.ratio_to(a), Some(d("0.2")));
        assert_eq!(a.ratio_to(Quantity::ZERO), None);
        assert_eq!(Quantity(d("1.2341")).ceil_to(3), Quantity(d("1.235")));
        assert!(Quantity(d("1.50")).fits_decimals(1));
        let max = Quantity(Decimal::MAX);
        assert_eq!(max.checked_add(Quantity::ONE), None);
        assert_eq!(
            max.value_at(Money(d("2"))),
            Money(Decimal::MAX),
            "held, not a panic"
        );
    }
}
