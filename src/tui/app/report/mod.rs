//! Keying in a report: good and scrap, the live preview, overrides, and posting.
//!
//! - [`state`]: the report as plain state and its recalculation;
//! - `lines`: what the keys do to a line of the preview, and the prompts they open;
//! - `lots`: a manual line's hand issue and the lots or serials of a tracked line;
//! - `post`: the confirmation and the post, with a lead's approval when needed.

use super::*;
use crate::domain::backflush::{LineStatus, PlannedLine};
use crate::domain::master::Tracking;

mod lines;
mod lots;
mod post;
mod state;

pub use state::{Focus, Planner, ReportState};

impl App {
    pub(in crate::tui::app) fn open_report(
        &mut self,
        context: ReportContext,
        description: String,
        operation: i64,
    ) {
        if let Some(refusal) =
            self.role_refusal(crate::service::auth::Action::Report, "report production")
        {
            return self.error(refusal);
        }
        let mut state = ReportState {
            context,
            description,
            operation,
            good: Field::new(FieldKind::Number, ""),
            scrap: Field::new(FieldKind::Number, ""),
            focus: Focus::Good,
            overrides: Vec::new(),
            plan: None,
            problem: None,
            selected: 0,
            key: new_idempotency_key(self.service.terminal()),
            edited: false,
            listing: false,
            reasons: std::collections::BTreeMap::new(),
        };
        state.recalculate();
        self.screen = Screen::Report(Box::new(state));
    }

    pub(in crate::tui::app) fn report_action(&mut self, action: Action) {
        let Screen::Report(r) = &mut self.screen else {
            return;
        };
        match action {
            Action::NextField | Action::PreviousField => {
                r.focus = r.focus.next(action == Action::NextField);
            }
            Action::Back => self.leave_report(),
            Action::Post => self.confirm_post(),
            Action::HandIssue
            | Action::Lots
            | Action::EditQty
            | Action::LineScrap
            | Action::Location
            | Action::Skip
            | Action::ResetLine => {
                let Some((line, item)) = r.selected_line() else {
                    return;
                };
                self.line_action(action, &line, &item);
            }
            _ => {}
        }
    }

    /// Esc: back to the order, asking first when what was typed would be lost.
    fn leave_report(&mut self) {
        if matches!(&self.screen, Screen::Report(r) if r.edited) {
            self.overlays.push(Overlay::Confirm {
                title: "Leave the report?".into(),
                lines: vec![
                    "It has not been posted.".into(),
                    "Leave and lose it?".into(),
                ],
                pending: Pending::LeaveReport,
            });
        } else {
            self.back_from_report();
        }
    }

    pub(in crate::tui::app) fn back_from_report(&mut self) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let order = r.context.order.order.clone();
        if r.context.order.operations.len() > 1 {
            self.open_order(&order);
        } else {
            self.open_orders();
        }
    }
}
