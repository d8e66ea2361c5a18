//! A lead's work on posted reports and orders: `reverse`, `adjust`, `substitute`,
//! `line-flag`, and reading an order's `variance`.

use serde::Serialize;

use super::output::{Out, Show, plural, replayed};
use super::table::{Align, Table};
use super::view;
use super::{
    AdjustArgs, Cli, Failure, Flag, LineFlagArgs, Outcome, ReverseArgs, SubstituteArgs,
    credentials, open_service,
};
use crate::domain::codes::OrderNo;
use crate::domain::variance::Variance;
use crate::service::floor::{Adjustment, Substitution};
use crate::service::{AdjustRequest, Keyed, SubstituteRequest};
use crate::service::{Reversal, Thing};

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
pub fn reverse(cli: &Cli, args: &ReverseArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let reversal = service.reverse(args.report, &args.reason, &who)?;
    Out::new(cli.json).show(&reversal)
}

impl Show for Variance {
    fn json(&self) -> impl Serialize {
        view::variance_json(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let mut table = Table::new(&[
            ("line", Align::Left),
            ("item", Align::Left),
            ("standard", Align::Right),
            ("actual", Align::Right),
            ("pending", Align::Right),
            ("qty var", Align::Right),
            ("cost var", Align::Right),
        ]);
        for l in &self.lines {
            table.row([
                l.line.clone(),
                l.item.to_string(),
                l.standard_qty.to_string(),
                l.actual_qty.to_string(),
                l.pending_qty.to_string(),
                l.qty_variance.to_string(),
                l.cost_variance.to_string(),
            ]);
        }
        table.print(out)?;
        out.line(format_args!(
            "expected {}  actual {}  variance {}",
            self.expected_cost, self.actual_cost, self.variance
        ))
    }
}

/// `backflush variance --order O`.
pub fn variance(cli: &Cli, order: &OrderNo) -> Outcome {
    let service = open_service(cli)?;
    let order = service.resolve_known(Thing::Order, order)?;
    Out::new(cli.json).show(&service.variance(&order)?)
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
pub fn adjust(cli: &Cli, args: &AdjustArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let request = AdjustRequest {
        report: args.report,
        line: args.line.clone(),
        qty: args.qty,
        reason: args.reason.clone(),
        lots: args.lot.clone(),
    };
    let adjustment =
        service.adjust_scrap(Keyed::new(&request, args.posting.key.as_deref()), &who)?;
    if service.replayed() {
        replayed("this scrap adjustment");
    }
    Out::new(cli.json).show(&adjustment)
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
pub fn substitute(cli: &Cli, args: &SubstituteArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let request = SubstituteRequest {
        report: args.report,
        line: args.line.clone(),
        item: args.item.clone(),
        qty: args.qty,
        return_qty: args.return_qty,
        lots: args.lot.clone(),
        return_lots: args.return_lot.clone(),
    };
    let substitution =
        service.substitute(Keyed::new(&request, args.posting.key.as_deref()), &who)?;
    if service.replayed() {
        replayed("this substitution");
    }
    Out::new(cli.json).show(&substitution)
}

/// `backflush line-flag`: a lead's explicit backflush flag on an order's material line.
pub fn line_flag(cli: &Cli, args: &LineFlagArgs) -> Outcome {
    let LineFlagArgs {
        order,
        line,
        backflush,
    } = args;
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
