//! `backflush replenish`: the handler's queue of the machine locations, and `staging`, the
//! queue of one work center's location with its old fields.

use serde::Serialize;

use super::output::{Out, Show};
use super::view;
use super::{Cli, Failure, Outcome, ReplenishArgs, open_service};
use crate::domain::qty::canonical;
use crate::service::replenish::{QueueOf, QueueRequest, QueueRow};

/// The queue, as the command prints it.
struct Queue(Vec<QueueRow>);

impl Show for Queue {
    fn json(&self) -> impl Serialize {
        view::replenish_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        queue_text(&self.0, out)
    }
}

/// The queue as an aligned table, the first source named.
fn queue_text(rows: &[QueueRow], out: &mut Out) -> Result<(), Failure> {
    out.line(format_args!(
        "{:<10} {:<14} {:>9} {:>8} {:>8} {:>9} {:>7} {:>7} {:>8} {:>8} {:>9} {:>9}  from",
        "location",
        "item",
        "on hand",
        "owed",
        "demand",
        "projected",
        "min",
        "max",
        "multiple",
        "bring",
        "daily use",
        "days left"
    ))?;
    for r in rows {
        let from = r
            .sources
            .first()
            .map_or_else(String::new, |(l, q)| format!("{l} ({q})"));
        out.line(format_args!(
            "{:<10} {:<14} {:>9} {:>8} {:>8} {:>9} {:>7} {:>7} {:>8} {:>8} {:>9} {:>9}  {}",
            r.location.to_string(),
            r.item.to_string(),
            r.on_hand.to_string(),
            r.owed.to_string(),
            r.demand.to_string(),
            r.projected.to_string(),
            r.min.to_string(),
            r.max.to_string(),
            r.multiple.to_string(),
            r.bring.to_string(),
            r.daily_use.to_string(),
            r.days_left.map_or_else(|| "—".to_string(), canonical),
            from
        ))?;
    }
    Ok(())
}

/// `backflush replenish [--location L] [--work-center WC] [--all]`: only these options filter,
/// never the work center of the variable or the config.
pub fn replenish(cli: &Cli, args: &ReplenishArgs) -> Outcome {
    let work_center = cli
        .work_center
        .as_deref()
        .filter(|_| cli.work_center_option);
    let of = match (args.location.as_deref(), work_center) {
        (Some(_), Some(_)) => {
            return Err(Failure::usage(
                "replenish takes --location L or --work-center WC, not both",
            ));
        }
        (Some(location), None) => QueueOf::Location(location),
        (None, Some(wc)) => QueueOf::WorkCenter(wc),
        (None, None) => QueueOf::Every,
    };
    let service = open_service(cli)?;
    Out::new(cli.json).show(&Queue(
        service.replenish(&QueueRequest { of, all: args.all })?,
    ))
}

/// The staging list: every row of a work center's location.
struct Staging(Vec<QueueRow>);

impl Show for Staging {
    fn json(&self) -> impl Serialize {
        view::staging_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "{:<14} {:<10} {:>10} {:>10} {:>10} {:>7} {:>9}",
            "item", "location", "need", "on hand", "bring", "orders", "days left"
        ))?;
        for r in &self.0 {
            out.line(format_args!(
                "{:<14} {:<10} {:>10} {:>10} {:>10} {:>7} {:>9}",
                r.item.to_string(),
                r.location.to_string(),
                r.need().to_string(),
                r.on_hand.to_string(),
                r.bring.to_string(),
                r.orders.to_string(),
                r.days_left.map_or_else(|| "—".to_string(), canonical),
            ))?;
        }
        Ok(())
    }
}

/// `backflush staging --work-center WC` (the global option, its variable, else the config's
/// `[terminal] work_center`).
pub fn staging(cli: &Cli) -> Outcome {
    let config = super::session::config(cli)?;
    let work_center = config.terminal.work_center.clone();
    if work_center.is_empty() {
        return Err(Failure::usage(
            "staging needs a work center: --work-center WC (or BACKFLUSH_WORK_CENTER, or [terminal] work_center in the config)",
        ));
    }
    let service = open_service(cli)?;
    Out::new(cli.json).show(&Staging(service.staging(&work_center)?))
}
