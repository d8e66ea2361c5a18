//! The report being keyed in as plain state: its fields, overrides, reasons and the live
//! preview. Nothing here touches the store or the terminal: the preview comes from a
//! [`Planner`], the service's [`ReportContext`] on the terminal, the domain engine over an
//! order built in code in the tests (`tests`).

use super::{Field, LineStatus, PlannedLine};
use crate::domain::backflush::{FinishedLotProblem, ReportError};
use crate::domain::codes::ItemCode;
use crate::domain::order::Order;
use crate::tui::app::{
    Change, Override, Quantity, ReportContext, ReportPlan, ReportRequest, parse, strings,
};
use crate::tui::i18n::{Msg, tr};

/// What turns the report as keyed in into its plan.
pub trait Planner {
    /// The plan of `request`.
    ///
    /// # Errors
    /// As [`crate::domain::backflush::plan`].
    fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError>;

    /// The order reported.
    fn order(&self) -> &Order;

    /// Whether the plan knows `location` (a context is built with the locations the report
    /// names; another one must be read first).
    fn knows_location(&self, location: &str) -> bool;
}

impl Planner for ReportContext {
    fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError> {
        ReportContext::plan(self, request)
    }

    fn order(&self) -> &Order {
        &self.order
    }

    fn knows_location(&self, location: &str) -> bool {
        ReportContext::knows_location(self, location)
    }
}

/// Which field of the report takes typed characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Good,
    Scrap,
    Lines,
}

impl Focus {
    /// The field Tab (`forward`) or Shift-Tab moves to: good → scrap → lines → good.
    #[must_use]
    pub fn next(self, forward: bool) -> Focus {
        let order = [Focus::Good, Focus::Scrap, Focus::Lines];
        let i = order.iter().position(|f| *f == self).unwrap_or(0);
        let next = if forward { i + 1 } else { i + 2 };
        order[next % 3]
    }
}

/// A report being keyed in, with its live preview.
pub struct ReportState<C = ReportContext> {
    pub context: C,
    pub description: String,
    pub operation: i64,
    pub good: Field,
    pub scrap: Field,
    pub focus: Focus,
    pub overrides: Vec<Override>,
    pub plan: Option<ReportPlan>,
    /// Why there is no preview (bad quantity, over-report…).
    pub problem: Option<String>,
    pub selected: usize,
    /// The idempotency key, made when the report opened: Enter twice never posts twice.
    pub key: String,
    pub edited: bool,
    /// No units typed yet: `plan` only lists the lines (computed for one unit, its numbers
    /// not shown), so the operator sees what the report will touch before typing.
    pub listing: bool,
    /// The reason code of each overridden or skipped line, by line id.
    pub reasons: std::collections::BTreeMap<String, String>,
    /// The overrides and reasons as they were before the change whose reason is being asked:
    /// Esc on that question takes the change back.
    pub before_change: Option<Before>,
    /// The lot a lot-tracked parent is received into (`None`: the order number).
    pub fg_lot: Option<String>,
    /// The serials of a serial-tracked parent's good units at the last operation.
    pub fg_serials: Vec<String>,
    /// The preview waits for the serials of the units received (one per good unit).
    pub needs_fg_serials: bool,
}

/// The overrides and their reasons before a change.
pub type Before = (Vec<Override>, std::collections::BTreeMap<String, String>);

impl<C: Planner> ReportState<C> {
    /// The request of the report as keyed in, or why good or scrap is not a number.
    ///
    /// # Errors
    /// Good or scrap is not a number.
    pub fn request(&self) -> Result<ReportRequest, String> {
        let number = |name: Msg, f: &Field| {
            if f.text.is_empty() {
                Ok(Quantity::ZERO)
            } else {
                parse(&f.value_text())
                    .ok_or_else(|| tr(name, &[("value", format!("{:?}", f.text).into())]))
            }
        };
        Ok(ReportRequest {
            operation: self.operation,
            good: number(Msg::ReportGoodNotNumber, &self.good)?,
            scrap: number(Msg::ReportScrapNotNumber, &self.scrap)?,
            overrides: self.overrides.clone(),
            fg_lot: self.fg_lot.clone(),
            fg_serials: self.fg_serials.clone(),
        })
    }

    /// Recalculates the preview (pure: no store access).
    pub fn recalculate(&mut self) {
        if let Ok(request) = self.request()
            && (request.good + request.scrap).is_zero()
        {
            // The serials, if any, are for the units typed: the probe lists without them.
            let probe = ReportRequest {
                good: Quantity::ONE,
                fg_serials: Vec::new(),
                ..request
            };
            self.needs_fg_serials = false;
            if let Ok(plan) = self.context.plan(&probe) {
                self.selected = self.selected.min(plan.lines.len().saturating_sub(1));
                self.plan = Some(plan);
            }
            self.listing = true;
            self.problem = Some(crate::tui::i18n::t(crate::tui::i18n::Msg::TypeGoodQuantity));
            return;
        }
        self.listing = false;
        self.needs_fg_serials = false;
        match self.request().and_then(|r| {
            self.context.plan(&r).map_err(|e| {
                // Serials still to give are asked (f, or at the post), not a mistake.
                if let ReportError::FinishedLot(FinishedLotProblem::SerialCount { .. }) = e {
                    self.needs_fg_serials = true;
                }
                strings::report_refusal(&e)
            })
        }) {
            Ok(plan) => {
                self.selected = self.selected.min(plan.lines.len().saturating_sub(1));
                self.plan = Some(plan);
                self.problem = None;
            }
            Err(e) => {
                self.problem = Some(e);
            }
        }
    }

    /// The line and item under the cursor.
    pub(super) fn selected_line(&self) -> Option<(String, ItemCode)> {
        self.plan
            .as_ref()
            .and_then(|p| p.lines.get(self.selected))
            .map(|l| (l.line.clone(), l.item.clone()))
    }

    /// The planned line of `line` in the preview.
    pub fn planned(&self, line: &str) -> Option<&PlannedLine> {
        self.plan.as_ref()?.lines.iter().find(|l| l.line == line)
    }

    /// Skips `line`, or takes a skip back; true when the line is skipped now.
    pub(super) fn toggle_skip(&mut self, line: &str) -> bool {
        let skipped = self
            .overrides
            .iter()
            .any(|o| o.key == line && o.change == Change::Skip);
        self.before_change = Some((self.overrides.clone(), self.reasons.clone()));
        self.overrides.retain(|o| o.key != line);
        self.reasons.remove(line);
        if !skipped {
            self.overrides.push(Override {
                key: line.to_string(),
                change: Change::Skip,
            });
        }
        self.edited = true;
        self.recalculate();
        !skipped
    }

    /// Takes back every override of `line` and its reason.
    pub(super) fn reset_line(&mut self, line: &str) {
        self.overrides.retain(|o| o.key != line);
        self.reasons.remove(line);
        self.recalculate();
    }

    /// Applies changes of one line together (a hand issue with its lots); one the engine
    /// refuses is taken back whole and its reason returned.
    pub(super) fn apply_changes(&mut self, line: &str, changes: Vec<Change>) -> Result<(), String> {
        let before = self.overrides.clone();
        let before_reasons = self.reasons.clone();
        for change in changes {
            let same_kind = std::mem::discriminant(&change);
            self.overrides.retain(|o| {
                !(o.key == line
                    && (std::mem::discriminant(&o.change) == same_kind || o.change == Change::Skip))
            });
            self.overrides.push(Override {
                key: line.to_string(),
                change,
            });
        }
        let was_fine = self.problem.is_none();
        self.recalculate();
        if was_fine && let Some(problem) = self.problem.clone() {
            self.overrides = before;
            self.recalculate();
            return Err(problem);
        }
        self.edited = true;
        self.before_change = Some((before, before_reasons));
        Ok(())
    }

    /// Esc on the reason of a change just made: the change is taken back, the line as it was.
    pub fn change_cancelled(&mut self) {
        if let Some((overrides, reasons)) = self.before_change.take() {
            self.overrides = overrides;
            self.reasons = reasons;
            self.recalculate();
        }
    }

    /// The lines overridden or skipped that have no reason code yet.
    pub(super) fn lines_without_reason(&self) -> Vec<String> {
        self.plan
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| l.overridden || l.status == LineStatus::Skipped)
            .filter(|l| !self.reasons.contains_key(&l.line))
            .map(|l| l.line.clone())
            .collect()
    }
}
