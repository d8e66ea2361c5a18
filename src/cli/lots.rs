//! Lots and the manual issue on the command line: `issue` and `trace`.

use rust_decimal::Decimal;
use serde::Serialize;

use super::output::{Out, Show, replayed};
use super::view;
use super::{Cli, IssueArgs, Outcome, TraceArgs, credentials, open_service};
use crate::domain::codes::ItemCode;
use crate::service::{IssueRequest, Thing, Trace};

/// `backflush issue`: a hand issue or return on a line of a released order.
pub fn issue(cli: &Cli, args: &IssueArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let request = IssueRequest {
        order: args.order.clone(),
        line: args.line.clone(),
        qty: args.qty,
        lots: args.lot.clone(),
        location: args.location.clone(),
        reason: args.reason.clone(),
    };
    let issued = service.issue(&request, args.posting.key.as_deref(), &who)?;
    if issued.repeated {
        replayed(&format!("issue {}", issued.result.issue_id));
    }
    let mut out = Out::new(cli.json);
    if cli.json {
        return out.serialized(&issued.result);
    }
    let posted = &issued.result;
    let returned = posted.qty.0 < Decimal::ZERO;
    let lots: Vec<String> = posted
        .lots
        .iter()
        .map(|l| format!("{} {}", l.lot, l.qty))
        .collect();
    let place = match &posted.location {
        Some(l) if returned => format!(" to {l}"),
        Some(l) => format!(" from {l}"),
        None => " (non-stock)".to_string(),
    };
    out.line(format_args!(
        "issue {}: {} {} {}{place} on order {} line {}{}",
        posted.issue_id,
        if returned { "returned" } else { "issued" },
        posted.qty.abs(),
        posted.item,
        posted.order,
        posted.line,
        if lots.is_empty() {
            String::new()
        } else {
            format!(" (lots {})", lots.join(", "))
        }
    ))
}

impl Show for Trace {
    fn json(&self) -> impl Serialize {
        view::trace_json(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), super::Failure> {
        let lot = if self.lot.is_empty() {
            "the unknown lot".to_string()
        } else {
            format!("lot {}", self.lot)
        };
        out.line(format_args!("{} {lot}", self.item))?;
        if self.on_hand.is_empty() {
            out.line(format_args!("on hand: none"))?;
        }
        for (location, qty) in &self.on_hand {
            out.line(format_args!("on hand: {} at {location}", *qty))?;
        }
        for (title, links) in [
            ("made from (backward)", &self.genealogy.backward),
            ("went into (forward)", &self.genealogy.forward),
        ] {
            out.line(format_args!("{title}:"))?;
            if links.is_empty() {
                out.line(format_args!("  nothing"))?;
            }
            for l in links {
                out.line(format_args!(
                    "  {}{} order {}: {} {} {}",
                    "  ".repeat(l.level.saturating_sub(1) as usize),
                    l.level,
                    l.order,
                    l.qty,
                    l.item,
                    l.lot
                        .as_deref()
                        .map_or_else(|| "(untracked)".to_string(), |x| format!("lot {x}"))
                ))?;
            }
        }
        Ok(())
    }
}

/// `backflush trace`: a lot's genealogy.
pub fn trace(cli: &Cli, args: &TraceArgs) -> Outcome {
    let service = open_service(cli)?;
    let item = ItemCode::from(service.resolve_known(Thing::Item, &args.item)?);
    let trace = service.trace(&item, &args.lot)?;
    Out::new(cli.json).show(&trace)
}
