//! `exceptions`: the queue of deferred lines, `retry` and a lead's `cancel`.

use serde::Serialize;

use super::output::{Out, Show, plural, replayed};
use super::table::{Align, Table};
use super::view;
use super::{Cli, ExceptionsArgs, ExceptionsVerb, Failure, Outcome, credentials, open_service};
use crate::service::{ExceptionRow, Keyed};

/// The queue as a table.
struct Queue(Vec<ExceptionRow>);

impl Show for Queue {
    fn json(&self) -> impl Serialize {
        view::exceptions_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let mut table = Table::new(&[
            ("id", Align::Right),
            ("report", Align::Right),
            ("order", Align::Left),
            ("line", Align::Left),
            ("item", Align::Left),
            ("location", Align::Left),
            ("qty", Align::Right),
            ("short", Align::Right),
            ("status", Align::Left),
        ]);
        for e in &self.0 {
            table.row([
                e.id.to_string(),
                e.report_id.to_string(),
                e.order.to_string(),
                e.line.clone(),
                e.item.to_string(),
                e.location.to_string(),
                e.qty.to_string(),
                e.shortfall.to_string(),
                e.status.to_string(),
            ]);
        }
        table.print(out)
    }
}

/// `exceptions [retry | cancel --id N]`.
pub fn run(cli: &Cli, args: &ExceptionsArgs) -> Outcome {
    let json = cli.json;
    let mut out = Out::new(json);
    match &args.verb {
        Some(ExceptionsVerb::Cancel { id, posting }) => {
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            service.cancel_exception(Keyed::new(id, posting.key.as_deref()), &who)?;
            if service.replayed() {
                replayed(&format!("the cancel of exception {id}"));
            }
            if json {
                out.serialized(&view::cancelled_json(*id))
            } else {
                out.line(format_args!("exception {id} cancelled"))
            }
        }
        Some(ExceptionsVerb::Retry { posting }) => {
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let posted = service.retry_exceptions(posting.key.as_deref(), &who)?;
            if service.replayed() {
                replayed("this retry");
            }
            if json {
                out.serialized(&view::exceptions_json(&posted))
            } else {
                let open = service.exceptions(true)?.len();
                out.line(format_args!(
                    "{} posted, {open} still open",
                    plural(posted.len(), "exception")
                ))
            }
        }
        None => {
            let service = open_service(cli)?;
            out.show(&Queue(service.exceptions(args.open)?))
        }
    }
}
