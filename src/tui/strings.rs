//! Words the terminal shows in more than one place, gathered so they read the same
//! everywhere and can be reviewed (and, later, translated) in one file.

use crate::domain::qty::canonical;
use crate::domain::variance::Variance;
use crate::service::auth::Role;

/// Asking for a lead's approval.
pub const LEAD_BADGE: &str = "A lead must approve: scan or type the lead's badge";

/// Asking for the PIN of the lead whose badge was scanned.
#[must_use]
pub fn lead_pin(badge: &str) -> String {
    format!("PIN of lead {badge}")
}

/// A prompt's refusal of a value that is not a number: `"x" is not a number`.
#[must_use]
pub fn not_a_number(text: &str) -> String {
    format!("{text:?} is not a number")
}

/// An order's material cost, to the cent: `expected 10 · actual 12 · variance 2`.
#[must_use]
pub fn material_cost(v: &Variance) -> String {
    format!(
        "expected {} · actual {} · variance {}",
        canonical(v.expected_cost.round_dp(2)),
        canonical(v.actual_cost.round_dp(2)),
        canonical(v.variance.round_dp(2))
    )
}

/// What a role may not do at this terminal: `1001 (handler) may not report production; it
/// needs the role operator, lead or admin`.
#[must_use]
pub fn may_not(badge: &str, role: Role, what: &str, needs: &[Role]) -> String {
    format!(
        "{badge} ({}) may not {what}; it needs the role {}",
        role.as_str(),
        either(needs.iter().map(|r| r.as_str()))
    )
}

/// "a", "a or b", "a, b or c".
fn either<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.collect();
    match words.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// "1 line", "2 lines": a count with its noun, for the shop-floor sentences.
#[must_use]
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_as_sentences() {
        assert_eq!(super::count(1, "line"), "1 line");
        assert_eq!(super::count(2, "line"), "2 lines");
        assert_eq!(super::count(0, "exception"), "0 exceptions");
    }

    #[test]
    fn a_refusal_names_the_roles_that_may() {
        use crate::service::auth::Role;
        assert_eq!(
            super::may_not(
                "3001",
                Role::Handler,
                "report production",
                &[Role::Operator, Role::Lead, Role::Admin]
            ),
            "3001 (handler) may not report production; it needs the role operator, lead or admin"
        );
        assert_eq!(super::either(["admin"].into_iter()), "admin");
        assert_eq!(
            super::either(["lead", "admin"].into_iter()),
            "lead or admin"
        );
    }

    #[test]
    fn a_refused_number_is_quoted() {
        assert_eq!(super::not_a_number("1,5"), "\"1,5\" is not a number");
        assert_eq!(super::lead_pin("2001"), "PIN of lead 2001");
    }
}
