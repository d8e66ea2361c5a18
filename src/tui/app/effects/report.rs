//! The effects of the report screen: opening it, a location the preview must read first, an
//! override's reason checked, and the post (a lead signs first when an override needs one),
//! then what was posted.

use super::{App, Effect, Overlay, strings};
use crate::service::Posted;
use crate::tui::app::{
    Pending, ReasonKind, ReportContext, ReportState, Screen, new_idempotency_key,
};

impl App {
    pub(super) fn run_report(&mut self, effect: Effect) {
        match effect {
            Effect::Post => self.post(),
            Effect::ReportLocation {
                line,
                location,
                this,
            } => self.read_location(&line, location, *this),
            Effect::OverrideReason {
                line,
                then_post,
                reason,
                this,
            } => match self.service.check_reason(ReasonKind::Override, &reason) {
                Ok(code) => {
                    let lead = self.lead_rule();
                    let next = match &mut self.screen {
                        Screen::Report(r) => r.reason_given(line, code, then_post, &lead),
                        _ => Effect::None,
                    };
                    self.run(next);
                }
                Err(e) => self.run(Effect::reopen(*this, self.said(&e))),
            },
            _ => {}
        }
    }

    pub(in crate::tui::app) fn open_report(
        &mut self,
        context: ReportContext,
        description: String,
        operation: i64,
    ) {
        if let Some(refusal) = self.role_refusal(
            crate::service::auth::Permission::Report,
            crate::tui::i18n::Msg::ActionReport,
        ) {
            return self.error(refusal);
        }
        let key = new_idempotency_key(self.service.terminal());
        // The screen draws which lines need a lead from this, so it is read as the report
        // opens, never while drawing.
        self.tolerance_pct = self.service.override_tolerance_pct();
        let state = ReportState::new(context, description, operation, key);
        self.screen = Screen::Report(Box::new(state));
    }

    /// A location the preview's context does not know: the order read again with every
    /// location the report names, this one too; then the line issues from it.
    fn read_location(&mut self, line: &str, location: String, this: Overlay) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let order = r.context.order.order.clone();
        let locations = r.locations_with(&location);
        let read = self
            .service
            .report_context(&order, locations.iter().map(String::as_str));
        let next = match (read, &mut self.screen) {
            (Ok(c), Screen::Report(r)) if c.knows_location(&location) => {
                r.context = c;
                r.apply_location(line, location, this)
            }
            (Ok(_), _) => Effect::reopen(this, strings::unknown_location(&location)),
            (Err(e), _) => Effect::reopen(this, self.said(&e)),
        };
        self.run(next);
    }

    /// Posts the report keyed in: with a larger override, the lead signs now, before
    /// anything is sent to the store.
    fn post(&mut self) {
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
        let lead = self.lead_rule();
        let needs_lead = r
            .plan
            .as_ref()
            .is_some_and(|p| p.lines.iter().any(|l| lead.needs_lead(l)));
        if needs_lead && self.approver.is_none() {
            self.pending_after_approval = Some(Pending::write(Effect::Post));
            self.overlays
                .push(crate::tui::app::approval::lead_badge_prompt(""));
            return;
        }
        let who = self.credentials();
        match self
            .service
            .report_with_reasons(&order, &request, &reasons, Some(&key), &who)
        {
            Ok(posted) => self.report_posted(&order, &posted),
            Err(e) => self.write_failed(e, Pending::write(Effect::Post)),
        }
    }

    /// Back to the board on the order just posted, with what the post did.
    fn report_posted(&mut self, order: &str, posted: &Posted) {
        self.approver = None;
        let lines = self.posted_lines(order, posted);
        self.open_orders();
        self.select_order(order);
        self.note(strings::report_posted(
            posted.report_id,
            order,
            posted.deferred.len(),
        ));
        // What was posted stays on the board's message line (a box would close at the next
        // Enter, and the one after would open the order again).
        if let Screen::Orders(o) = &mut self.screen {
            o.posted = Some(lines.join(" "));
            o.hold_enter = true;
        }
        self.status = None;
    }
    /// The message after a post: the report, each line that waits for stock, and the
    /// order's material variance so far.
    fn posted_lines(&self, order: &str, posted: &Posted) -> Vec<String> {
        let plan = match &self.screen {
            Screen::Report(r) => r.plan.as_ref(),
            _ => None,
        };
        let variance = self.service.variance(order).ok();
        strings::posted_lines(order, posted, plan, variance.as_ref())
    }
}
