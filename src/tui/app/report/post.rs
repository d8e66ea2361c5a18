//! The confirmation of a post: what it will post, and the overrides a lead must approve.
//! The post itself, with the lead's approval, is an effect (`effects::report`).

use super::{Effect, LeadRule, Overlay, Pending, Planner, ReportState};
use crate::domain::backflush::LineStatus as S;
use crate::tui::app::{Hours, ReportPlan, canonical, strings};

impl<C: Planner> ReportState<C> {
    /// Ctrl-P: the confirmation of what will post, and who must approve it; first the reason
    /// of an override that has none, or why nothing can post.
    #[must_use]
    pub fn confirm_post(&self, lead: &LeadRule) -> Effect {
        if self.problem.is_none()
            && self.plan.is_some()
            && let Some(line) = self.lines_without_reason().first()
        {
            return self.ask_reason(line, true);
        }
        let Some(plan) = self.plan.as_ref().filter(|_| self.problem.is_none()) else {
            let why = self
                .problem
                .clone()
                .unwrap_or_else(|| "nothing to post".into());
            return Effect::Error(format!("cannot post: {why}"));
        };
        let mut lines = what_posts(plan);
        lines.extend(lead_must_approve(plan, lead));
        Effect::show(Overlay::Confirm {
            title: "Post this report?".into(),
            lines,
            pending: Pending::write(Effect::Post),
        })
    }
}

/// The lines of the confirmation that need a lead, with what the lead will be asked;
/// empty when none does.
fn lead_must_approve(plan: &ReportPlan, rule: &LeadRule) -> Vec<String> {
    let lead: Vec<String> = plan
        .lines
        .iter()
        .filter(|l| rule.needs_lead(l))
        .map(|l| {
            format!(
                "Line {} {}: {} against planned {}",
                l.line,
                l.item,
                l.total(),
                l.planned
            )
        })
        .collect();
    if lead.is_empty() {
        return lead;
    }
    let mut lines = vec![format!(
        "A lead must approve (more than {}% from planned):",
        canonical(rule.tolerance_pct)
    )];
    lines.extend(lead);
    lines.push("Enter: the lead scans the badge and types the PIN".into());
    lines
}

/// What the confirmation says a report will post: the order and quantities, the lines by
/// status, the receipt, the labor and the plan's warnings.
fn what_posts(plan: &ReportPlan) -> Vec<String> {
    let count = |s| plan.lines.iter().filter(|l| l.status == s).count();
    let mut lines = vec![
        format!(
            "Order {} · operation {} · good {} · scrap {}",
            plan.order, plan.operation, plan.good, plan.scrap
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
            receipt.qty, receipt.item, receipt.location
        ));
    }
    let hours: Hours = plan.labor.iter().map(|l| l.setup_hours + l.run_hours).sum();
    lines.push(format!("Labor {} h at standard", hours));
    lines.extend(
        plan.warnings
            .iter()
            .map(|w| format!("Warning: {}", strings::plan_warning(w))),
    );
    lines
}
