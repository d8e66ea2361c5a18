//! `backflush health`: per machine location and item, what was used against what
//! the counts found, flagged.

use serde::Serialize;

use super::output::{Out, Show};
use super::table::{Align, Table};
use super::view;
use super::{Cli, Failure, HealthArgs, Outcome, open_service, resolved};
use crate::domain::qty::canonical;
use crate::service::Thing;
use crate::service::health::HealthRow;

struct Health(Vec<HealthRow>);

impl Show for Health {
    fn json(&self) -> impl Serialize {
        view::health_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let mut table = Table::new(&[
            ("location", Align::Left),
            ("item", Align::Left),
            ("backflushed", Align::Right),
            ("by hand", Align::Right),
            ("counted ±", Align::Right),
            ("discr %", Align::Right),
            ("counts", Align::Right),
            ("open", Align::Right),
            ("on hand", Align::Right),
            ("flag", Align::Left),
        ]);
        for r in &self.0 {
            let u = &r.usage;
            table.row([
                r.location.to_string(),
                r.item.to_string(),
                u.backflushed.to_string(),
                u.issued_by_hand.to_string(),
                u.count_adjusted.to_string(),
                r.discrepancy_pct.map_or_else(|| "—".to_string(), canonical),
                format!("{}/{}", u.accurate_counts, u.counts),
                u.open_exceptions.to_string(),
                u.on_hand.to_string(),
                r.flag.as_str().to_string(),
            ]);
        }
        table.print(out)
    }
}

/// `backflush health [--location L] [--days N]`.
pub fn health(cli: &Cli, args: &HealthArgs) -> Outcome {
    let service = open_service(cli)?;
    let location: Option<String> = resolved(&service, Thing::Location, args.location.as_deref())?;
    Out::new(cli.json).show(&Health(service.health(location.as_deref(), args.days)?))
}
