//! Posting a report: the confirmation that says what it will post, a lead's approval when
//! an override needs one, and what was posted.

use super::*;
use crate::domain::backflush::LineStatus as S;
use crate::service::Posted;

impl App {
    pub(super) fn confirm_post(&mut self) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        if r.problem.is_none()
            && r.plan.is_some()
            && let Some(line) = r.lines_without_reason().first().cloned()
        {
            // Every override and skip carries a reason (SPEC §6): asked before the post.
            return self.ask_reason(&line, true);
        }
        let Some(plan) = r.plan.as_ref().filter(|_| r.problem.is_none()) else {
            let why = r
                .problem
                .clone()
                .unwrap_or_else(|| "nothing to post".into());
            self.error(format!("cannot post: {why}"));
            return;
        };
        let mut lines = what_posts(plan);
        lines.extend(self.lead_must_approve(plan));
        self.overlays.push(Overlay::Confirm {
            title: "Post this report?".into(),
            lines,
            pending: Pending::Post,
        });
    }

    /// The lines of the confirmation that need a lead, with what the lead will be asked;
    /// empty when none does.
    fn lead_must_approve(&self, plan: &ReportPlan) -> Vec<String> {
        let tolerance = canonical(self.service.override_tolerance_pct());
        let lead: Vec<String> = plan
            .lines
            .iter()
            .filter(|l| self.needs_lead(l))
            .map(|l| {
                format!(
                    "Line {} {}: {} against planned {}",
                    l.line,
                    l.item,
                    canonical(l.total()),
                    canonical(l.planned)
                )
            })
            .collect();
        if lead.is_empty() {
            return lead;
        }
        let mut lines = vec![format!(
            "A lead must approve (more than {tolerance}% from planned):"
        )];
        lines.extend(lead);
        lines.push("Enter: the lead scans the badge and types the PIN".into());
        lines
    }

    pub(in crate::tui::app) fn post(&mut self) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let request = match r.request() {
            Ok(req) => req,
            Err(e) => return self.error(e),
        };
        let order = r.context.order.order.clone();
        let key = r.key.clone();
        let reasons = crate::service::OverrideReasons {
            all: None,
            lines: r.reasons.clone(),
        };
        // A larger override: the lead signs now, before anything is sent to the store.
        let needs_lead = r
            .plan
            .as_ref()
            .is_some_and(|p| p.lines.iter().any(|l| self.needs_lead(l)));
        if needs_lead && self.approver.is_none() {
            self.pending_after_approval = Some(Pending::Post);
            self.overlays.push(super::approval::lead_badge_prompt(""));
            return;
        }
        let who = self.credentials();
        match self
            .service
            .report_with_reasons(&order, &request, &reasons, Some(&key), &who)
        {
            Ok(posted) => self.report_posted(&order, &posted),
            Err(e) => self.write_failed(e, Pending::Post),
        }
    }

    /// Back to the board on the order just posted, with what the post did.
    fn report_posted(&mut self, order: &str, posted: &Posted) {
        self.approver = None;
        let lines = self.posted_lines(order, posted);
        self.open_orders();
        self.select_order(order);
        let deferred = posted.deferred.len();
        self.note(format!(
            "report {} posted for order {order} ({} deferred)",
            posted.report_id,
            strings::count(deferred, "line")
        ));
        self.overlays.push(Overlay::Message {
            title: "Posted".into(),
            lines,
            severity: Severity::Success,
        });
    }

    /// The message after a post: the report, each line that waits for stock, and the
    /// order's material variance so far.
    fn posted_lines(&self, order: &str, posted: &Posted) -> Vec<String> {
        let mut lines = vec![format!(
            "Report {} posted for order {order}.",
            posted.report_id
        )];
        if posted.repeated {
            lines.push("(It had been posted already; nothing was posted twice.)".into());
        }
        let plan = match &self.screen {
            Screen::Report(r) => r.plan.as_ref(),
            _ => None,
        };
        for d in &posted.deferred {
            let item = plan
                .and_then(|p| p.lines.iter().find(|l| l.line == d.line))
                .map(|l| format!(" {} ({} short)", l.item, canonical(l.shortfall)))
                .unwrap_or_default();
            lines.push(format!(
                "Line {}{item} waits for stock in the exception queue (#{}).",
                d.line, d.id
            ));
        }
        if let Ok(v) = self.service.variance(order) {
            lines.push(format!(
                "Order material so far: {}",
                strings::material_cost(&v)
            ));
        }
        lines
    }
}

/// What the confirmation says a report will post: the order and quantities, the lines by
/// status, the receipt, the labor and the plan's warnings.
fn what_posts(plan: &ReportPlan) -> Vec<String> {
    let count = |s| plan.lines.iter().filter(|l| l.status == s).count();
    let mut lines = vec![
        format!(
            "Order {} · operation {} · good {} · scrap {}",
            plan.order,
            plan.operation,
            canonical(plan.good),
            canonical(plan.scrap)
        ),
        format!(
            "{} to issue, {} deferred, {} manual, {} skipped",
            strings::count(count(S::Issue), "line"),
            count(S::Deferred),
            count(S::Manual),
            count(S::Skipped)
        ),
    ];
    if count(S::Short) > 0 {
        lines.push(format!(
            "{} short: the post will be refused (negative stock = block)",
            strings::count(count(S::Short), "line")
        ));
    }
    if let Some(receipt) = &plan.receipt {
        lines.push(format!(
            "Receive {} {} into {}",
            canonical(receipt.qty),
            receipt.item,
            receipt.location
        ));
    }
    let hours: Hours = plan.labor.iter().map(|l| l.setup_hours + l.run_hours).sum();
    lines.push(format!("Labor {} h at standard", canonical(hours)));
    lines.extend(plan.warnings.iter().map(|w| format!("Warning: {w}")));
    lines
}
