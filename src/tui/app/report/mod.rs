//! Keying in a report: good and scrap, the live preview, overrides, and posting. Like every
//! screen, the report's keys and prompts go to its state, which changes itself and returns
//! the [`Effect`] to run (see `history`); the preview comes from a [`Planner`], so all of it
//! is tested with no store (in `tests`).
//!
//! - [`state`]: the report as plain state and its recalculation;
//! - `lines`: what the keys do to a line of the preview, and the prompts they open;
//! - `lots`: a manual line's hand issue and the lots or serials of a tracked line;
//! - `post`: the confirmation of a post and who must approve it.

use super::{Action, Effect, Field, FieldKind, LeadRule, Overlay, Pending};
use crate::domain::backflush::{LineStatus, PlannedLine};
use crate::domain::master::Tracking;

mod finished;
mod lines;
mod lots;
mod post;
mod state;
#[cfg(test)]
mod tests;

pub use state::{Focus, Planner, ReportState};

impl<C: Planner> ReportState<C> {
    /// A report of `operation` just opened: nothing typed, its lines listed.
    #[must_use]
    pub fn new(context: C, description: String, operation: i64, key: String) -> Self {
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
            key,
            edited: false,
            listing: false,
            reasons: std::collections::BTreeMap::new(),
            before_change: None,
            fg_lot: None,
            fg_serials: Vec::new(),
            needs_fg_serials: false,
        };
        state.recalculate();
        state
    }

    /// A key on the report (characters typed into good and scrap go there, in `keys`);
    /// `lead` says which overrides a lead must sign.
    pub fn on_action(&mut self, action: Action, lead: &LeadRule) -> Effect {
        match action {
            Action::NextField | Action::PreviousField => {
                self.focus = self.focus.next(action == Action::NextField);
                Effect::None
            }
            Action::Back if self.edited => Effect::show(Overlay::Confirm {
                title: crate::tui::i18n::t(crate::tui::i18n::Msg::LeaveReportTitle),
                lines: vec![
                    crate::tui::i18n::t(crate::tui::i18n::Msg::LeaveReportUnposted),
                    crate::tui::i18n::t(crate::tui::i18n::Msg::LeaveReportLose),
                ],
                pending: Pending::LeaveReport,
            }),
            Action::Back => self.leave(),
            Action::Post => self.confirm_post(lead),
            Action::FinishedLot => self.ask_finished(false),
            Action::HandIssue
            | Action::Lots
            | Action::EditQty
            | Action::LineScrap
            | Action::Location
            | Action::Skip
            | Action::ResetLine => match self.selected_line() {
                Some((line, item)) => self.line_action(action, &line, &item),
                None => Effect::None,
            },
            _ => Effect::None,
        }
    }

    /// Back to the order: its operations when it has more than one, else the board.
    #[must_use]
    pub fn leave(&self) -> Effect {
        let order = self.context.order();
        if order.operations.len() > 1 {
            Effect::OpenOrder {
                order: order.order.to_string(),
            }
        } else {
            Effect::OpenOrders
        }
    }
}
