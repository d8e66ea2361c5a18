//! Reporting production: `preview`, `report` and `report --batch`.

use std::path::Path;

use super::output::{Out, Show, note, replayed, warn};
use super::parse::{BatchLine, batch_lines, request};
use super::table::{Align, Table};
use super::view::{BatchResult, ReportJson};
use super::{Cli, Failure, Outcome, ReportArgs, credentials, open_service, words};
use crate::domain::backflush::ReportRequest;
use crate::domain::codes::OrderNo;
use crate::domain::ids::ReportId;
use crate::service::replay::{ReportResult, report_result};
use crate::service::{BatchReport, ErrorKind, OverrideReasons, ReasonKind};

/// `backflush preview`: what a report would post, without posting.
pub fn preview(cli: &Cli, args: &ReportArgs) -> Outcome {
    if args.batch.is_some() {
        return Err(Failure::usage("--batch goes with report, not preview"));
    }
    let (order, request) = request(args);
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    if let Some(code) = &args.reason {
        service.check_reason(ReasonKind::Override, code)?;
    }
    let plan = service.preview_as(&order, &request, &who)?;
    let marks = service.approval_marks(&plan)?;
    Out::new(cli.json).show(&report_result(&plan, None, marks.as_deref()))
}

/// `backflush report`: posts it (the same key twice posts once).
pub fn report(cli: &Cli, args: &ReportArgs) -> Outcome {
    let (order, request) = request(args);
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let reasons = OverrideReasons {
        all: args.reason.clone(),
        ..OverrideReasons::default()
    };
    let posted = service.report_with_reasons(
        &order,
        &request,
        &reasons,
        args.posting.key.as_deref(),
        &who,
    )?;
    if posted.repeated {
        // On stderr: standard output prints the first result as it was.
        replayed(&format!("report {}", posted.report_id));
        warn_if_key_reused(&posted.result, &order, &request);
    }
    Out::new(cli.json).show(&posted.result)
}

impl Show for ReportResult {
    fn json(&self) -> impl serde::Serialize {
        ReportJson::new(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        print_result(out, self)
    }
}

/// The first result of a key is returned as it was; a script that reused a key for
/// another completion is told on stderr.
fn warn_if_key_reused(first: &ReportResult, order: &str, request: &ReportRequest) {
    let same = first.order == order
        && first.operation == request.operation
        && first.good == request.good
        && first.scrap == request.scrap;
    if !same {
        warn(&format!(
            "this key was first used for order {} operation {} (good {}, scrap {}); that first result is returned and nothing new was posted",
            first.order, first.operation, first.good, first.scrap
        ));
    }
}

/// A preview or a posted report as text; a replayed key prints its first result the same way.
fn print_result(out: &mut Out, result: &ReportResult) -> Outcome {
    match result.report_id {
        Some(id) => out.line(format_args!(
            "report {id}: order {} operation {}",
            result.order, result.operation
        ))?,
        None => out.line(format_args!(
            "preview: order {} operation {}",
            result.order, result.operation
        ))?,
    }
    out.line(format_args!("good {}  scrap {}", result.good, result.scrap))?;
    let mut table = Table::new(&[
        ("line", Align::Left),
        ("item", Align::Left),
        ("location", Align::Left),
        ("planned", Align::Right),
        ("qty", Align::Right),
        ("scrap", Align::Right),
        ("status", Align::Left),
    ]);
    for l in &result.lines {
        table.row([
            l.line.clone(),
            l.item.to_string(),
            // A non-stock line has no location.
            l.location
                .as_ref()
                .map_or_else(|| "—".to_string(), ToString::to_string),
            l.planned.to_string(),
            l.qty.to_string(),
            l.line_scrap.to_string(),
            format!(
                "{}{}",
                l.status.as_str(),
                if l.overridden { " (overridden)" } else { "" }
            ),
        ]);
    }
    table.print(out)?;
    if let Some(r) = &result.receipt {
        out.line(format_args!(
            "receipt: {} {} into {}",
            r.qty, r.item, r.location
        ))?;
    }
    for w in &result.warnings {
        out.line(format_args!("warning: {}", words::result_warning(w)))?;
    }
    Ok(())
}

/// What a batch printed so far.
#[derive(Default)]
struct Tally {
    posted: usize,
    replayed: usize,
    refused: usize,
}

impl Tally {
    /// Prints one result line and counts it.
    fn print(
        &mut self,
        out: &mut Out,
        line: &BatchLine,
        result: Result<(ReportId, bool), String>,
    ) -> Outcome {
        let posted = match &result {
            Ok((id, repeated)) => {
                if *repeated {
                    self.replayed += 1;
                } else {
                    self.posted += 1;
                }
                Ok(*id)
            }
            Err(error) => {
                self.refused += 1;
                Err(error.as_str())
            }
        };
        out.serialized(&BatchResult::new(line.line, &line.key, posted))
    }
}

/// `backflush report --batch FILE`: each completion atomic, one result line each, printed
/// and flushed as soon as its group commits.
pub fn batch(cli: &Cli, file: &Path) -> Outcome {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Failure::new(
            ErrorKind::Invalid,
            format!("cannot read the batch file {}: {e}", file.display()),
        )
    })?;
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let lines = batch_lines(&text);
    let mut posts = Vec::new();
    let mut post_line = Vec::new();
    for (at, l) in lines.iter().enumerate() {
        if let Ok((order, request)) = &l.parsed {
            posts.push(BatchReport {
                key: l.key.clone(),
                order: OrderNo::from(order.as_str()),
                request: request.clone(),
            });
            post_line.push(at);
        }
    }
    let mut out = Out::new(true);
    let mut tally = Tally::default();
    // The lines up to `next` are printed: refused ones as they come, in file order.
    let mut next = 0;
    let mut failed: Option<Failure> = None;
    let mut print_through = |upto: usize,
                             posted: Option<Result<(ReportId, bool), String>>,
                             out: &mut Out,
                             tally: &mut Tally|
     -> Outcome {
        while let Some(line) = lines.get(next).filter(|_| next < upto) {
            if let Err(e) = &line.parsed {
                tally.print(out, line, Err(e.clone()))?;
            }
            next += 1;
        }
        if let (Some(result), Some(line)) = (posted, lines.get(upto)) {
            tally.print(out, line, result)?;
            next = upto + 1;
        }
        out.flush()
    };
    let store = service.store_path().to_string();
    service.report_batch_while(&posts, &who, |i, result| {
        let result = result
            .map(|p| (p.report_id, p.repeated))
            .map_err(|e| super::words::describe(&e.at_store(&store)));
        let upto = post_line.get(i).copied().unwrap_or(lines.len());
        match print_through(upto, Some(result), &mut out, &mut tally) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    print_through(lines.len(), None, &mut out, &mut tally)?;
    let Tally {
        posted,
        replayed,
        refused,
    } = tally;
    note(&format!(
        "batch {}: {posted} posted, {replayed} replayed, {refused} refused",
        file.display()
    ));
    if refused > 0 {
        Err(Failure::new(
            ErrorKind::Refused,
            format!(
                "{refused} of {} batch lines were refused",
                posted + replayed + refused
            ),
        ))
    } else {
        Ok(())
    }
}
