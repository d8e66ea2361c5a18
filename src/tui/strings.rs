//! Words the terminal shows in more than one place, gathered so they read the same
//! everywhere and can be reviewed (and, later, translated) in one file.

/// A refusal or failure of a service call as the status line says it.
#[must_use]
pub fn refusal(e: &crate::service::ServiceError) -> String {
    crate::words::describe(e)
}

/// A report's warning, as the report screen says it.
#[must_use]
pub fn plan_warning(w: &crate::domain::backflush::PlanWarning) -> String {
    crate::words::plan_warning(w)
}

/// Why a line is issued by hand, as the report screen explains it.
#[must_use]
pub fn manual_reason(reason: crate::domain::backflush::ManualReason) -> &'static str {
    crate::words::manual_reason(reason)
}

/// Where a line issues from, as the report screen explains it.
#[must_use]
pub fn location_source(source: &crate::domain::backflush::LocationSource) -> String {
    crate::words::location_source(source)
}

/// A report the preview cannot plan, as the status line says it.
#[must_use]
pub fn report_refusal(e: &crate::domain::backflush::ReportError) -> String {
    crate::words::report(e)
}

use crate::domain::ids::ReportId;
use crate::domain::qty::Quantity;

use crate::domain::backflush::ReportPlan;
use crate::domain::lots::LotQty;
use crate::domain::variance::Variance;
use crate::service::Posted;
use crate::service::auth::Refused;
use crate::service::floor::{Adjustment, Count, Substitution};

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
        v.expected_cost.round_dp(2),
        v.actual_cost.round_dp(2),
        v.variance.round_dp(2)
    )
}

/// What a role may not do at this terminal: `1001 (handler) may not report production; it
/// needs the role operator, lead or admin`.
#[must_use]
pub fn may_not(badge: &str, refused: &Refused, what: &str) -> String {
    format!(
        "{badge} ({}) may not {what}; it needs the role {}",
        refused.role.as_str(),
        either(refused.needs().iter().map(|r| r.as_str()))
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

/// The first choice of a transfer's lots: none named, the pick order decides.
pub const PICK_ORDER_CHOOSES: &str = "the plant's pick order chooses";

/// The staging list asked for where the store holds no work center.
pub const NO_WORK_CENTER_TO_STAGE: &str = "no work center to stage for";

/// A substitute that is not a stock item.
#[must_use]
pub fn unknown_stock_item(item: &str) -> String {
    format!("unknown stock item {item}")
}

/// A transfer's source that is not a location.
#[must_use]
pub fn unknown_location(location: &str) -> String {
    format!("unknown location {location}")
}

/// After the login: `welcome, Ana Novak (logged in)`.
#[must_use]
pub fn welcome(name: &str) -> String {
    format!("welcome, {name} (logged in)")
}

/// After a reversal: `report 7 reversed (WRONG ORDER): 3 movements put back`.
#[must_use]
pub fn reversed(report_id: ReportId, reason: &str, movements: usize) -> String {
    format!(
        "report {report_id} reversed ({reason}): {} put back",
        count(movements, "movement")
    )
}

/// After a lead's scrap adjustment on a report's line.
#[must_use]
pub fn scrap_adjusted(report_id: ReportId, a: &Adjustment) -> String {
    format!(
        "report {report_id} line {}: {} {} scrap adjusted ({})",
        a.line, a.qty, a.item, a.reason
    )
}

/// After a substitution on a report's line: what went back and what was issued instead.
#[must_use]
pub fn substituted(report_id: ReportId, s: &Substitution) -> String {
    format!(
        "report {report_id} line {}: {} {} returned, {} {} issued",
        s.line, s.returned_qty, s.returned_item, s.issued_qty, s.issued_item
    )
}

/// After the deferred lines were retried: `2 deferred lines posted, 1 still waiting`.
#[must_use]
pub fn retried(posted: usize, open: usize) -> String {
    format!(
        "{} posted, {open} still waiting",
        count(posted, "deferred line")
    )
}

/// After a deferred line was cancelled.
#[must_use]
pub fn exception_cancelled(id: crate::domain::ids::ExceptionId) -> String {
    format!("deferred line #{id} cancelled")
}

/// The message line after a count.
#[must_use]
pub fn counted_note(item: &str, location: &str, c: &Count) -> String {
    format!(
        "{item} at {location} counted {}; {} posted",
        c.counted,
        count(c.posted.len(), "waiting line")
    )
}

/// The message after a count: the book and the count, the adjustment, the waiting lines it
/// let post, and how often counts found the book.
#[must_use]
pub fn counted_lines(item: &str, location: &str, c: &Count) -> Vec<String> {
    let diff = c.counted - c.expected;
    let mut lines = vec![
        format!(
            "{item} at {location}: book {}, counted {}.",
            c.expected, c.counted
        ),
        if diff.is_zero() {
            "No difference: nothing adjusted.".to_string()
        } else {
            format!(
                "Adjusted by {}{} {item}{}.",
                if diff.is_sign_negative() { "" } else { "+" },
                diff,
                c.reason
                    .as_deref()
                    .map_or_else(String::new, |r| format!(" (reason {r})"))
            )
        },
    ];
    for e in &c.posted {
        lines.push(format!(
            "Waiting line posted: {} {} for order {} (#{}).",
            e.qty, e.item, e.order, e.id
        ));
    }
    lines.push(format!(
        "Counts that found the book quantity: {} of {}.",
        c.accuracy.0, c.accuracy.1
    ));
    lines
}

/// After a transfer: what moved where, by which lots, and the waiting lines it let post.
#[must_use]
pub fn moved(
    (item, qty): (&str, Quantity),
    (from, to): (&str, &str),
    lots: &[LotQty],
    posted: usize,
) -> String {
    let lots = if lots.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = lots
            .iter()
            .map(|l| format!("{} {}", l.lot, l.qty))
            .collect();
        format!(" (lots {})", names.join(", "))
    };
    format!(
        "moved {} {item} from {from} to {to}{lots}; {} posted",
        qty,
        count(posted, "waiting line")
    )
}

/// The message line after a post: `report 7 posted for order WO-1005 (1 line deferred)`.
#[must_use]
pub fn report_posted(report_id: ReportId, order: &str, deferred: usize) -> String {
    format!(
        "report {report_id} posted for order {order} ({} deferred)",
        count(deferred, "line")
    )
}

/// The message after a post: the report, each line that waits for stock (its item and
/// shortfall from the `plan` posted), and the order's material `variance` so far.
#[must_use]
pub fn posted_lines(
    order: &str,
    posted: &Posted,
    plan: Option<&ReportPlan>,
    variance: Option<&Variance>,
) -> Vec<String> {
    let mut lines = vec![format!(
        "Report {} posted for order {order}.",
        posted.report_id
    )];
    if posted.repeated {
        lines.push("(It had been posted already; nothing was posted twice.)".into());
    }
    for d in &posted.deferred {
        let item = plan
            .and_then(|p| p.lines.iter().find(|l| l.line == d.line))
            .map(|l| format!(" {} ({} short)", l.item, l.shortfall))
            .unwrap_or_default();
        lines.push(format!(
            "Line {}{item} waits for stock in the exception queue (#{}).",
            d.line, d.id
        ));
    }
    if let Some(v) = variance {
        lines.push(format!("Order material so far: {}", material_cost(v)));
    }
    lines
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
        use crate::service::auth::{Permission, Role};
        let refused = Permission::Report
            .check(Some(Role::Handler), false)
            .unwrap_err();
        assert_eq!(
            super::may_not("3001", &refused, "report production"),
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
