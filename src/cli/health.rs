//! `backflush health`: per machine location and item, what was used against what
//! the counts found, flagged.

use serde::Serialize;

use super::output::{Out, Show};
use super::view;
use super::{Cli, Failure, HealthArgs, Outcome, open_service};
use crate::domain::qty::canonical;
use crate::service::health::HealthRow;

struct Health(Vec<HealthRow>);

impl Show for Health {
    fn json(&self) -> impl Serialize {
        view::health_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "{:<10} {:<14} {:>11} {:>9} {:>10} {:>8} {:>7} {:>5} {:>10}  flag",
            "location",
            "item",
            "backflushed",
            "by hand",
            "counted ±",
            "discr %",
            "counts",
            "open",
            "on hand"
        ))?;
        for r in &self.0 {
            let u = &r.usage;
            out.line(format_args!(
                "{:<10} {:<14} {:>11} {:>9} {:>10} {:>8} {:>7} {:>5} {:>10}  {}",
                r.location,
                r.item,
                u.backflushed,
                u.issued_by_hand,
                u.count_adjusted,
                r.discrepancy_pct.map_or_else(|| "—".to_string(), canonical),
                format!("{}/{}", u.accurate_counts, u.counts),
                u.open_exceptions,
                u.on_hand,
                r.flag.as_str()
            ))?;
        }
        Ok(())
    }
}

/// `backflush health [--location L] [--days N]`.
pub fn health(cli: &Cli, args: &HealthArgs) -> Outcome {
    let service = open_service(cli)?;
    Out::new(cli.json).show(&Health(
        service.health(args.location.as_deref(), args.days)?,
    ))
}
