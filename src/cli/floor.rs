//! A lead's work on posted reports and orders: `reverse`, `adjust`, `substitute`,
//! `line-flag`, and reading an order's `variance`.

use serde::Serialize;

use super::output::{Out, Show, plural};
use super::{Cli, Failure, Flag, Outcome, credentials, open_service};
use crate::domain::ids::ReportId;
use crate::domain::qty::Quantity;
use crate::domain::variance::Variance;
use crate::service::floor::{Adjustment, Substitution};
use crate::service::view;
use crate::store::reports::Reversal;

impl Show for Reversal {
    fn json(&self) -> impl Serialize {
        view::reversal_json(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "report {} reversed: {} compensated, {} cancelled",
            self.report_id,
            plural(self.movements.len(), "movement"),
            plural(self.cancelled_exceptions.len(), "exception")
        ))
    }
}

/// `backflush reverse --report ID --reason TEXT`.
pub fn reverse(cli: &Cli, report: ReportId, reason: &str, json: bool) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let reversal = service.reverse(report, reason, &who)?;
    Out::new(json).show(&reversal)
}

impl Show for Variance {
    fn json(&self) -> impl Serialize {
        view::variance_json(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "{:<8} {:<12} {:>12} {:>12} {:>12} {:>12}",
            "line", "item", "standard", "actual", "qty var", "cost var"
        ))?;
        for l in &self.lines {
            out.line(format_args!(
                "{:<8} {:<12} {:>12} {:>12} {:>12} {:>12}",
                l.line, l.item, l.standard_qty, l.actual_qty, l.qty_variance, l.cost_variance
            ))?;
        }
        out.line(format_args!(
            "expected {}  actual {}  variance {}",
            self.expected_cost, self.actual_cost, self.variance
        ))
    }
}

/// `backflush variance --order O`.
pub fn variance(cli: &Cli, order: &str, json: bool) -> Outcome {
    let service = open_service(cli)?;
    Out::new(json).show(&service.variance(order)?)
}

impl Show for Adjustment {
    fn json(&self) -> impl Serialize {
        view::adjustment_json(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "report {} line {}: {} {} scrapped at {} ({})",
            self.report_id, self.line, self.qty, self.item, self.location, self.reason
        ))
    }
}

/// `backflush adjust`: a lead's scrap adjustment on a posted detail line.
pub fn adjust(
    cli: &Cli,
    (report, line): (ReportId, &str),
    (qty, lot): (Quantity, Option<&str>),
    reason: &str,
    key: Option<&str>,
    json: bool,
) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    service.set_request_key(key.map(str::to_string));
    let adjustment = service.adjust_scrap_lots(report, line, (qty, lot), reason, &who)?;
    Out::new(json).show(&adjustment)
}

impl Show for Substitution {
    fn json(&self) -> impl Serialize {
        view::substitution_json(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "report {} line {}: {} {} returned, {} {} issued at {}",
            self.report_id,
            self.line,
            self.returned_qty,
            self.returned_item,
            self.issued_qty,
            self.issued_item,
            self.location
        ))
    }
}

/// `backflush substitute`: a lead's substitution on a posted detail line.
pub fn substitute(
    cli: &Cli,
    (report, line, item): (ReportId, &str, &str),
    quantities: (Option<Quantity>, Option<Quantity>),
    lots: (Option<&str>, Option<&str>),
    key: Option<&str>,
    json: bool,
) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    service.set_request_key(key.map(str::to_string));
    let substitution = service.substitute_lots(report, line, item, quantities, lots, &who)?;
    Out::new(json).show(&substitution)
}

/// `backflush line-flag`: a lead's explicit backflush flag on an order's material line.
pub fn line_flag(cli: &Cli, order: &str, line: &str, backflush: Flag) -> Outcome {
    let value = backflush.value();
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let line = service.set_line_backflush(order, line, value, &who)?;
    Out::new(false).line(format_args!(
        "order {order} line {line}: backflush {}",
        match backflush {
            Flag::Yes => "yes",
            Flag::No => "no",
            Flag::Default => "default",
        }
    ))
}
