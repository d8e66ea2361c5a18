//! Reporting production: `preview`, `report` and `report --batch`.

use std::path::Path;

use super::output::{Out, note, warn};
use super::parse::{BatchLine, batch_lines, request};
use super::view::{BatchResult, ReportJson};
use super::{Cli, Failure, Outcome, ReportArgs, credentials, open_service, words};
use crate::domain::backflush::{ReportPlan, ReportRequest};
use crate::domain::ids::ReportId;
use crate::service::replay::{ReportResult, report_result};
use crate::service::{ErrorKind, OverrideReasons, ReasonKind};

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
    let mut out = Out::new(cli.json);
    if cli.json {
        out.serialized(&ReportJson::new(&report_result(
            &plan,
            None,
            marks.as_deref(),
        )))
    } else {
        print_plan(&mut out, &plan, None)
    }
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
        warn_if_key_reused(&posted.result, &order, &request);
    }
    let mut out = Out::new(cli.json);
    if cli.json {
        return out.serialized(&ReportJson::new(&posted.result));
    }
    match &posted.plan {
        Some(plan) => print_plan(&mut out, plan, Some(posted.report_id)),
        None => out.line(format_args!(
            "report {} was already posted with this key; nothing was posted again",
            posted.report_id
        )),
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

fn print_plan(out: &mut Out, plan: &ReportPlan, report_id: Option<ReportId>) -> Outcome {
    match report_id {
        Some(id) => out.line(format_args!(
            "report {id}: order {} operation {}",
            plan.order, plan.operation
        ))?,
        None => out.line(format_args!(
            "preview: order {} operation {}",
            plan.order, plan.operation
        ))?,
    }
    out.line(format_args!("good {}  scrap {}", plan.good, plan.scrap))?;
    out.line(format_args!(
        "{:<8} {:<12} {:<10} {:>10} {:>10} {:>10}  status",
        "line", "item", "location", "planned", "qty", "scrap"
    ))?;
    for l in &plan.lines {
        out.line(format_args!(
            "{:<8} {:<12} {:<10} {:>10} {:>10} {:>10}  {}{}",
            l.line,
            l.item,
            l.location,
            l.planned,
            l.qty,
            l.line_scrap,
            l.status.as_str(),
            if l.overridden { " (overridden)" } else { "" }
        ))?;
    }
    if let Some(r) = &plan.receipt {
        out.line(format_args!(
            "receipt: {} {} into {}",
            r.qty, r.item, r.location
        ))?;
    }
    for w in &plan.warnings {
        out.line(format_args!("warning: {}", words::plan_warning(w)))?;
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
            posts.push((l.key.clone(), order.clone(), request.clone()));
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
