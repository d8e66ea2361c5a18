//! Keying in a report: good and scrap, the live preview, overrides, and posting.

use super::*;
use crate::domain::backflush::{LineStatus, PlannedLine};
use crate::domain::master::Tracking;

/// Which field of the report takes typed characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Good,
    Scrap,
    Lines,
}

/// A report being keyed in, with its live preview.
pub struct ReportState {
    pub context: ReportContext,
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
    /// The reason code of each overridden or skipped line, by line id (SPEC §6).
    pub reasons: std::collections::BTreeMap<String, String>,
}

impl ReportState {
    fn request(&self) -> Result<ReportRequest, String> {
        let number = |name: &str, f: &Field| {
            if f.text.is_empty() {
                Ok(Decimal::ZERO)
            } else {
                parse(&f.text).ok_or_else(|| format!("{name} {:?} is not a number", f.text))
            }
        };
        Ok(ReportRequest {
            operation: self.operation,
            good: number("good", &self.good)?,
            scrap: number("scrap", &self.scrap)?,
            overrides: self.overrides.clone(),
            ..ReportRequest::default()
        })
    }

    /// Recalculates the preview (pure: no store access).
    pub fn recalculate(&mut self) {
        if let Ok(request) = self.request()
            && (request.good + request.scrap).is_zero()
        {
            let probe = ReportRequest {
                good: rust_decimal::Decimal::ONE,
                ..request
            };
            if let Ok(plan) = self.context.plan(&probe) {
                self.selected = self.selected.min(plan.lines.len().saturating_sub(1));
                self.plan = Some(plan);
            }
            self.listing = true;
            self.problem = Some("type the good quantity (Tab: scrap)".into());
            return;
        }
        self.listing = false;
        match self
            .request()
            .and_then(|r| self.context.plan(&r).map_err(|e| e.to_string()))
        {
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

    fn selected_line(&self) -> Option<(String, String)> {
        self.plan
            .as_ref()
            .and_then(|p| p.lines.get(self.selected))
            .map(|l| (l.line.clone(), l.item.clone()))
    }

    /// The planned line of `line` in the preview.
    pub fn planned(&self, line: &str) -> Option<&PlannedLine> {
        self.plan.as_ref()?.lines.iter().find(|l| l.line == line)
    }
}

impl App {
    pub(super) fn open_report(
        &mut self,
        context: ReportContext,
        description: String,
        operation: i64,
    ) {
        if let Some(role) = self.session.role
            && !crate::service::auth::Action::Report.roles().contains(&role)
        {
            let badge = self.session.badge.clone().unwrap_or_default();
            return self.error(format!(
                "{badge} ({}) may not report production; it needs the role operator, lead or admin",
                role.as_str()
            ));
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

    pub(super) fn report_action(&mut self, action: Action) {
        let Screen::Report(r) = &mut self.screen else {
            return;
        };
        match action {
            Action::NextField | Action::PreviousField => {
                let order = [Focus::Good, Focus::Scrap, Focus::Lines];
                let i = order.iter().position(|f| *f == r.focus).unwrap_or(0);
                let next = if action == Action::NextField {
                    i + 1
                } else {
                    i + 2
                };
                r.focus = order[next % 3];
            }
            Action::Back => {
                if r.edited {
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
            Action::Post => self.confirm_post(),
            Action::HandIssue => {
                let Some((line, _)) = r.selected_line() else {
                    return;
                };
                self.hand_issue_planned(&line);
            }
            Action::Lots => {
                let Some((line, _)) = r.selected_line() else {
                    return;
                };
                self.ask_lots(&line, None);
            }
            Action::EditQty | Action::LineScrap | Action::Location => {
                let Some((line, item)) = r.selected_line() else {
                    return;
                };
                let manual = r
                    .planned(&line)
                    .is_some_and(|l| l.status == LineStatus::Manual);
                let (title, kind, field) = match action {
                    Action::EditQty if manual => (
                        format!("Quantity issued by hand, line {line} {item}"),
                        PromptKind::Qty { line },
                        FieldKind::Number,
                    ),
                    Action::EditQty => (
                        format!("Quantity to issue, line {line} {item}"),
                        PromptKind::Qty { line },
                        FieldKind::Number,
                    ),
                    Action::LineScrap => (
                        format!("Line scrap on top, line {line} {item}"),
                        PromptKind::LineScrap { line },
                        FieldKind::Number,
                    ),
                    _ => (
                        format!("Issue location, line {line} {item}"),
                        PromptKind::Location { line },
                        FieldKind::Text,
                    ),
                };
                let mut prompt = Overlay::prompt(title, Field::new(field, ""), kind);
                if action == Action::Location {
                    // Where the item is held, with how much: picked, not typed from memory.
                    let held = self.service.stock(None, Some(&item)).unwrap_or_default();
                    prompt = prompt.with_choices(
                        held.into_iter()
                            .map(|b| Choice {
                                code: b.location,
                                detail: format!("{} on hand", canonical(b.qty)),
                            })
                            .collect(),
                    );
                }
                self.overlays.push(prompt);
            }
            Action::Skip => {
                let Some((line, _)) = r.selected_line() else {
                    return;
                };
                let skipped = r
                    .overrides
                    .iter()
                    .any(|o| o.key == line && o.change == Change::Skip);
                r.overrides.retain(|o| o.key != line);
                r.reasons.remove(&line);
                if !skipped {
                    r.overrides.push(Override {
                        key: line.clone(),
                        change: Change::Skip,
                    });
                }
                r.edited = true;
                r.recalculate();
                if !skipped {
                    self.ask_reason(&line, false);
                }
            }
            Action::ResetLine => {
                let Some((line, _)) = r.selected_line() else {
                    return;
                };
                r.overrides.retain(|o| o.key != line);
                r.reasons.remove(&line);
                r.recalculate();
            }
            _ => {}
        }
    }

    pub(super) fn back_from_report(&mut self) {
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

    /// The lines overridden or skipped that have no reason code yet.
    fn lines_without_reason(&self) -> Vec<String> {
        let Screen::Report(r) = &self.screen else {
            return Vec::new();
        };
        r.plan
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| l.overridden || l.status == crate::domain::backflush::LineStatus::Skipped)
            .filter(|l| !r.reasons.contains_key(&l.line))
            .map(|l| l.line.clone())
            .collect()
    }

    /// Asks why `line` was overridden or skipped, from `[reasons] override`.
    pub(super) fn ask_reason(&mut self, line: &str, then_post: bool) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let Some(l) = r
            .plan
            .as_ref()
            .and_then(|p| p.lines.iter().find(|l| l.line == line))
        else {
            return;
        };
        let what = if l.status == crate::domain::backflush::LineStatus::Skipped {
            "skipped"
        } else {
            "changed"
        };
        let title = format!("Why was line {line} {} {what}? Pick a reason", l.item);
        let choices = self.reason_choices(crate::service::ReasonKind::Override);
        self.overlays.push(
            Overlay::prompt(
                title,
                Field::new(FieldKind::Text, ""),
                PromptKind::OverrideReason {
                    line: line.to_string(),
                    then_post,
                },
            )
            .with_choices(choices),
        );
    }

    pub(super) fn confirm_post(&mut self) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        if r.problem.is_none()
            && r.plan.is_some()
            && let Some(line) = self.lines_without_reason().first()
        {
            // Every override and skip carries a reason (SPEC §6): asked before the post.
            let line = line.clone();
            return self.ask_reason(&line, true);
        }
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let Some(plan) = r.plan.as_ref().filter(|_| r.problem.is_none()) else {
            let why = r
                .problem
                .clone()
                .unwrap_or_else(|| "nothing to post".into());
            self.error(format!("cannot post: {why}"));
            return;
        };
        let count = |s| plan.lines.iter().filter(|l| l.status == s).count();
        use crate::domain::backflush::LineStatus as S;
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
        let hours: Decimal = plan.labor.iter().map(|l| l.setup_hours + l.run_hours).sum();
        lines.push(format!("Labor {} h at standard", canonical(hours)));
        lines.extend(plan.warnings.iter().map(|w| format!("Warning: {w}")));
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
        if !lead.is_empty() {
            lines.push(format!(
                "A lead must approve (more than {tolerance}% from planned):"
            ));
            lines.extend(lead);
            lines.push("Enter: the lead scans the badge and types the PIN".into());
        }
        self.overlays.push(Overlay::Confirm {
            title: "Post this report?".into(),
            lines,
            pending: Pending::Post,
        });
    }

    pub(super) fn post(&mut self) {
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
            self.overlays.push(Overlay::prompt(
                strings::LEAD_BADGE.into(),
                Field::new(FieldKind::Text, ""),
                PromptKind::ApproverBadge,
            ));
            return;
        }
        let who = self.credentials();
        match self
            .service
            .report_with_reasons(&order, &request, &reasons, Some(&key), &who)
        {
            Ok(posted) => {
                self.approver = None;
                let mut lines = vec![format!(
                    "Report {} posted for order {order}.",
                    posted.report_id
                )];
                if posted.repeated {
                    lines.push("(It had been posted already; nothing was posted twice.)".into());
                }
                for d in &posted.deferred {
                    let item = r
                        .plan
                        .as_ref()
                        .and_then(|p| p.lines.iter().find(|l| l.line == d.line))
                        .map(|l| format!(" {} ({} short)", l.item, canonical(l.shortfall)))
                        .unwrap_or_default();
                    lines.push(format!(
                        "Line {}{item} waits for stock in the exception queue (#{}).",
                        d.line, d.id
                    ));
                }
                if let Ok(v) = self.service.variance(&order) {
                    lines.push(variance_line(&v));
                }
                self.open_orders();
                self.select_order(&order);
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
            Err(e) => self.write_failed(e, Pending::Post),
        }
    }

    /// Applies an override; one the engine refuses is taken back and its reason returned.
    pub(super) fn set_override(&mut self, line: &str, change: Change) -> Result<(), String> {
        self.set_overrides(line, vec![change])
    }

    /// Applies changes of one line together (a hand issue with its lots); refused as one.
    fn set_overrides(&mut self, line: &str, changes: Vec<Change>) -> Result<(), String> {
        let Screen::Report(r) = &mut self.screen else {
            return Ok(());
        };
        let before = r.overrides.clone();
        for change in changes {
            let same_kind = std::mem::discriminant(&change);
            r.overrides.retain(|o| {
                !(o.key == line
                    && (std::mem::discriminant(&o.change) == same_kind || o.change == Change::Skip))
            });
            r.overrides.push(Override {
                key: line.to_string(),
                change,
            });
        }
        let was_fine = r.problem.is_none();
        r.recalculate();
        if was_fine && let Some(problem) = r.problem.clone() {
            r.overrides = before;
            r.recalculate();
            return Err(problem);
        }
        r.edited = true;
        Ok(())
    }

    /// Issues `line` from `location`; refused (and nothing changed) for an unknown location.
    pub(super) fn set_location(&mut self, line: &str, location: &str) -> Result<(), String> {
        let Screen::Report(r) = &mut self.screen else {
            return Ok(());
        };
        if !r.context.knows_location(location) {
            let mut locations: Vec<String> = r
                .overrides
                .iter()
                .filter_map(|o| match &o.change {
                    Change::Location(l) => Some(l.clone()),
                    _ => None,
                })
                .collect();
            locations.push(location.to_string());
            let order = r.context.order.order.clone();
            match self
                .service
                .report_context(&order, locations.iter().map(String::as_str))
            {
                Ok(c) if c.knows_location(location) => {
                    if let Screen::Report(r) = &mut self.screen {
                        r.context = c;
                    }
                }
                Ok(_) => return Err(format!("unknown location {location}")),
                Err(e) => return Err(e.to_string()),
            }
        }
        self.set_override(line, Change::Location(location.to_string()))
    }

    /// The prompts of the report screen: a line's quantity, line scrap and issue location.
    pub(super) fn apply_report_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        let text = field.text.trim().to_string();
        // A refused value reopens the same prompt, its pick list and way back kept.
        let reopen = |app: &mut App, error: String| {
            app.overlays.push(this.clone().with_error(error));
        };
        match kind {
            PromptKind::Qty { ref line } | PromptKind::LineScrap { ref line } => {
                let Some(value) = parse(&text) else {
                    return reopen(self, format!("{text:?} is not a number"));
                };
                // A tracked manual line's hand issue goes in together with its lots.
                if matches!(kind, PromptKind::Qty { .. })
                    && self.is_tracked_manual(line)
                    && !value.is_zero()
                {
                    return self.ask_lots(line, Some(value));
                }
                let change = if matches!(kind, PromptKind::Qty { .. }) {
                    Change::Qty(value)
                } else {
                    Change::LineScrap(value)
                };
                match self.set_override(line, change) {
                    Err(e) => reopen(self, e),
                    Ok(()) => self.after_change(line),
                }
            }
            PromptKind::Lots { ref line, hand } => {
                if text.is_empty() {
                    return reopen(self, "scan or pick a lot".into());
                }
                let mut changes: Vec<Change> = hand.map(Change::Qty).into_iter().collect();
                changes.push(Change::Lots(text));
                if let Err(e) = self.set_overrides(line, changes) {
                    reopen(self, e);
                }
            }
            PromptKind::Location { ref line } => {
                if text.is_empty() {
                    return reopen(self, "pick or type a location".into());
                }
                match self.set_location(line, &text) {
                    Err(e) => reopen(self, e),
                    Ok(()) => self.after_change(line),
                }
            }
            PromptKind::OverrideReason { line, then_post } => {
                let code = match self
                    .service
                    .check_reason(crate::service::ReasonKind::Override, &text)
                {
                    Ok(code) => code,
                    Err(e) => return reopen(self, e.to_string()),
                };
                if let Screen::Report(r) = &mut self.screen {
                    r.reasons.insert(line, code);
                }
                if then_post {
                    self.confirm_post();
                }
            }
            _ => {}
        }
    }

    /// After a line changed: an override asks its reason unless the line has one already (a
    /// hand issue is not an override, SPEC §9).
    fn after_change(&mut self, line: &str) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        if r.planned(line)
            .is_some_and(|l| l.status != LineStatus::Manual)
        {
            self.reason_if_missing(line);
        }
    }

    /// A lot- or serial-tracked manual line: its hand issue needs its lots.
    fn is_tracked_manual(&self, line: &str) -> bool {
        let Screen::Report(r) = &self.screen else {
            return false;
        };
        r.planned(line).is_some_and(|l| {
            l.status == LineStatus::Manual && l.tracking != Tracking::None && !l.non_stock
        })
    }

    /// A manual line takes its planned quantity as the hand issue with one key, then asks for
    /// its lots when tracked.
    fn hand_issue_planned(&mut self, line: &str) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let Some(l) = r.planned(line) else { return };
        if l.status != LineStatus::Manual {
            return self.error(format!(
                "line {line} ({}) is backflushed: e sets the quantity it issues",
                l.item
            ));
        }
        let planned = l.planned;
        if self.is_tracked_manual(line) {
            return self.ask_lots(line, Some(planned));
        }
        match self.set_override(line, Change::Qty(planned)) {
            Ok(()) => self.after_change(line),
            Err(e) => self.error(e),
        }
    }

    /// Asks the lots or serials of a tracked line: scanned, typed as `LOT[:QTY],…`, or picked
    /// from the lots at the issue location in pick order (with quantity and expiry).
    pub(super) fn ask_lots(&mut self, line: &str, hand: Option<Decimal>) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let Some(l) = r.planned(line) else { return };
        if l.tracking == Tracking::None || l.non_stock {
            return self.error(format!(
                "line {line} ({}) is not lot- or serial-tracked: it takes no lots",
                l.item
            ));
        }
        let total = hand.map_or_else(|| l.total(), |h| h + l.line_scrap);
        let (item, location) = (l.item.clone(), l.location.clone());
        let what = if l.tracking == Tracking::Serial {
            "Serials"
        } else {
            "Lots"
        };
        let today = self.now.date_naive();
        let choices = self
            .service
            .lots_at(&item, &location)
            .unwrap_or_default()
            .into_iter()
            .map(|lot| {
                let expired = crate::domain::lots::is_expired(lot.expires.as_deref(), today);
                Choice {
                    // The unknown lot is named by `:QTY` (SPEC §9).
                    code: if lot.lot.is_empty() {
                        format!(":{}", canonical(total))
                    } else {
                        lot.lot.clone()
                    },
                    detail: format!(
                        "{} on hand{}{}",
                        canonical(lot.qty),
                        lot.expires
                            .as_deref()
                            .map_or_else(String::new, |d| format!(" · expires {d}")),
                        if expired {
                            " · expired: a lead must approve"
                        } else if lot.lot.is_empty() {
                            " · unknown lot"
                        } else {
                            ""
                        }
                    ),
                }
            })
            .collect();
        self.overlays.push(
            Overlay::prompt(
                format!(
                    "{what} for line {line} {item}: {} from {location} (LOT or LOT:QTY,…)",
                    canonical(total)
                ),
                Field::new(FieldKind::Text, ""),
                PromptKind::Lots {
                    line: line.to_string(),
                    hand,
                },
            )
            .with_choices(choices),
        );
    }

    /// After an override, asks its reason unless the line has one already.
    fn reason_if_missing(&mut self, line: &str) {
        let missing = match &self.screen {
            Screen::Report(r) => !r.reasons.contains_key(line),
            _ => false,
        };
        if missing {
            self.ask_reason(line, false);
        }
    }
}
