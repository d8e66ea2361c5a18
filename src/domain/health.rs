//! Machine-location health: what was used at a location by reports and by hand
//! against what the cycle counts found, as a percentage and a flag the plant can act on.
//! Positive: more was used than reported (a BOM too low, scrap not reported); negative: less.

use crate::domain::qty::Quantity;
use rust_decimal::{Decimal, RoundingStrategy};

/// The figures of one item at one location over the window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Usage {
    /// Net issued by reports: backflushed lines with their scrap, deferred lines when they
    /// post, lead adjustments.
    pub backflushed: Quantity,
    /// Net issued by hand: manual lines, the `issue` command, substitutions.
    pub issued_by_hand: Quantity,
    /// Net adjustments of cycle counts (import adjustments excluded).
    pub count_adjusted: Quantity,
    pub counts: i64,
    pub accurate_counts: i64,
    pub open_exceptions: i64,
    pub on_hand: Quantity,
}

/// What the row asks of the plant, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flag {
    Negative,
    Discrepancy,
    Waiting,
    Ok,
}

text_enum!(Flag {
    Negative => "negative",
    Discrepancy => "discrepancy",
    Waiting => "waiting",
    Ok => "ok",
});

/// −count_adjusted ÷ (backflushed + issued_by_hand) × 100, rounded half up to 2 decimals;
/// `None` when nothing was used.
#[must_use]
pub fn discrepancy_pct(u: &Usage) -> Option<Decimal> {
    let used = u.backflushed.checked_add(u.issued_by_hand)?;
    if used.is_zero() {
        return None;
    }
    let pct = (-u.count_adjusted)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .ratio_to(used)?;
    Some(pct.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// The flag: negative stock first, then a discrepancy beyond `alert_pct`, then lines waiting
/// in the exception queue.
#[must_use]
pub fn flag(u: &Usage, pct: Option<Decimal>, alert_pct: Decimal) -> Flag {
    if u.on_hand.is_sign_negative() && !u.on_hand.is_zero() {
        Flag::Negative
    } else if pct.is_some_and(|p| p.abs() > alert_pct) {
        Flag::Discrepancy
    } else if u.open_exceptions > 0 {
        Flag::Waiting
    } else {
        Flag::Ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d<T: std::str::FromStr + Default>(s: &str) -> T {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn the_percentage_is_what_the_counts_found_against_what_was_used() {
        let u = Usage {
            backflushed: d("90"),
            issued_by_hand: d("10"),
            count_adjusted: d("-7"),
            ..Usage::default()
        };
        assert_eq!(discrepancy_pct(&u), Some(d("7")));
        assert_eq!(flag(&u, discrepancy_pct(&u), d("5")), Flag::Discrepancy);
        assert_eq!(
            flag(&u, discrepancy_pct(&u), d("7")),
            Flag::Ok,
            "at the limit"
        );
        // Rounded half up: 1/3 × 100 = 33.333… → 33.33; 2/3 → 66.67; −0.125 → −0.13.
        let third = Usage {
            backflushed: d("3"),
            count_adjusted: d("-1"),
            ..Usage::default()
        };
        assert_eq!(discrepancy_pct(&third), Some(d("33.33")));
        let half = Usage {
            backflushed: d("800"),
            count_adjusted: d("1"),
            ..Usage::default()
        };
        assert_eq!(discrepancy_pct(&half), Some(d("-0.13")));
        assert_eq!(discrepancy_pct(&Usage::default()), None, "nothing used");
    }

    #[test]
    fn flags_in_their_order() {
        let negative = Usage {
            on_hand: d("-1"),
            open_exceptions: 2,
            ..Usage::default()
        };
        assert_eq!(flag(&negative, Some(d("50")), d("5")), Flag::Negative);
        let waiting = Usage {
            open_exceptions: 1,
            ..Usage::default()
        };
        assert_eq!(flag(&waiting, None, d("5")), Flag::Waiting);
        assert_eq!(flag(&Usage::default(), None, d("5")), Flag::Ok);
    }
}
