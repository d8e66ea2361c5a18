//! The confirmation of a post: what it will post, and the overrides a lead must approve.
//! The post itself, with the lead's approval, is an effect (`effects::report`).

use super::{Effect, LeadRule, Overlay, Pending, Planner, ReportState};
use crate::domain::backflush::LineStatus as S;
use crate::domain::backflush::PlannedLine;
use crate::tui::app::{Hours, ReportPlan, canonical, strings};
use crate::tui::i18n::{Arg, Msg, t, tr};

impl<C: Planner> ReportState<C> {
    /// Ctrl-P: the confirmation of what will post, and who must approve it; first the reason
    /// of an override that has none, or why nothing can post.
    #[must_use]
    pub fn confirm_post(&self, lead: &LeadRule) -> Effect {
        // The serials of the units received are asked here when they were not given before.
        if self.needs_fg_serials {
            return self.ask_finished(true);
        }
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
                .unwrap_or_else(|| t(Msg::NothingToPost));
            return Effect::Error(tr(Msg::CannotPost, &[("why", why.into())]));
        };
        let mut lines = what_posts(plan);
        // An expired lot is named whoever posts: with what the lead must approve, or here
        // when the user may take it alone.
        lines.extend(
            plan.lines
                .iter()
                .filter(|l| !l.expired_lots.is_empty() && !lead.needs_lead(l))
                .map(|l| strings::takes_expired(&l.line, l.item.as_str(), &l.expired_lots)),
        );
        lines.extend(lead_must_approve(plan, lead));
        // Manual lines left at 0 are asked about once more: "3 manual" reads the same
        // whether they were issued by hand or forgotten.
        let unissued = manual_unissued(plan);
        let pending = if unissued.is_empty() {
            Pending::write(Effect::Post)
        } else {
            Pending::write(Effect::show(Overlay::Confirm {
                title: strings::post_manual_unissued(),
                lines: strings::manual_unissued_question(&unissued),
                pending: Pending::write(Effect::Post),
            }))
        };
        Effect::show(Overlay::Confirm {
            title: crate::tui::i18n::t(crate::tui::i18n::Msg::ConfirmPost),
            lines,
            pending,
        })
    }
}

/// The manual lines the report leaves at 0.
fn manual_unissued(plan: &ReportPlan) -> Vec<&PlannedLine> {
    plan.lines
        .iter()
        .filter(|l| l.status == S::Manual && !l.is_hand_issue())
        .collect()
}

/// The lines of the confirmation that need a lead, with what the lead will be asked;
/// empty when none does.
fn lead_must_approve(plan: &ReportPlan, rule: &LeadRule) -> Vec<String> {
    let lead: Vec<String> = plan
        .lines
        .iter()
        .filter(|l| rule.needs_lead(l))
        .map(|l| {
            if l.expired_lots.is_empty() {
                format!(
                    "Line {} {}: {} against planned {}",
                    l.line,
                    l.item,
                    l.total(),
                    l.planned
                )
            } else {
                strings::takes_expired(&l.line, l.item.as_str(), &l.expired_lots)
            }
        })
        .collect();
    if lead.is_empty() {
        return lead;
    }
    let larger = plan
        .lines
        .iter()
        .any(|l| rule.needs_lead(l) && l.expired_lots.is_empty());
    let mut lines = vec![if larger {
        tr(
            Msg::PostLeadMore,
            &[("pct", canonical(rule.tolerance_pct).into())],
        )
    } else {
        strings::lead_must_approve()
    }];
    lines.extend(lead);
    lines.push(t(Msg::PostLeadEnter));
    lines
}

/// What the confirmation says a report will post: the order and quantities, the lines by
/// status, the receipt, the labor and the plan's warnings.
fn what_posts(plan: &ReportPlan) -> Vec<String> {
    let count = |s| plan.lines.iter().filter(|l| l.status == s).count();
    let many = |s| Arg::Count(i64::try_from(count(s)).unwrap_or(i64::MAX));
    let mut lines = vec![
        tr(
            Msg::PostSummary,
            &[
                ("order", plan.order.to_string().into()),
                ("operation", plan.operation.to_string().into()),
                ("good", Arg::Number(plan.good.0)),
                ("scrap", Arg::Number(plan.scrap.0)),
            ],
        ),
        tr(
            Msg::PostLines,
            &[
                ("issue", many(S::Issue)),
                ("deferred", many(S::Deferred)),
                ("manual", many(S::Manual)),
                ("skipped", many(S::Skipped)),
            ],
        ),
    ];
    if count(S::Short) > 0 {
        lines.push(tr(Msg::PostShort, &[("count", many(S::Short))]));
    }
    let unissued = manual_unissued(plan);
    if !unissued.is_empty() {
        lines.push(strings::manual_not_issued(&unissued));
    }
    if let Some(receipt) = &plan.receipt {
        lines.push(tr(
            Msg::PostReceive,
            &[
                ("qty", Arg::Number(receipt.qty.0)),
                ("item", receipt.item.to_string().into()),
                ("location", receipt.location.to_string().into()),
            ],
        ));
    }
    let hours: Hours = plan.labor.iter().map(|l| l.setup_hours + l.run_hours).sum();
    lines.push(tr(Msg::PostLabor, &[("hours", Arg::Number(hours.0))]));
    lines.extend(plan.warnings.iter().map(|w| {
        tr(
            Msg::PostWarning,
            &[("warning", strings::plan_warning(w).into())],
        )
    }));
    lines
}
