//! The terminal's state and what keys do to it. Rendering lives in [`super::ui`]; postings go
//! through the [`Service`], the same one the command line uses.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;

use super::field::{Field, FieldKind};
use super::keymap::{self, Action, Context};
use super::strings;
use super::theme::Theme;
use crate::domain::backflush::{Change, Override, ReportPlan, ReportRequest};
use crate::domain::master::WorkCenter;
use crate::domain::qty::{canonical, parse};
use crate::domain::variance::Variance;
use crate::logging::Escaped;
use crate::service::auth::Role;
use crate::service::{
    AuthError, Credentials, ReportContext, Service, ServiceError, new_idempotency_key,
};
use crate::store::orders::OrderSummary;
use crate::store::queries::ReportRow;

mod exceptions;
mod health;
mod history;
mod login;
mod orders;
mod overlay;
mod report;
mod staging;
mod trace;
mod variance;

pub use exceptions::ExceptionsState;
pub use health::HealthState;
pub use history::{DetailState, HistoryState};
pub use login::LoginState;
pub use orders::{OperationsState, OrdersState};
use overlay::picked;
pub use overlay::{Choice, Overlay, Pending, PromptKind, Severity, filter_choices};
pub use report::{Focus, ReportState};
pub use staging::StagingState;
pub use trace::TraceState;
pub use variance::VarianceState;

/// How many orders and reports a list loads; the board shows the most urgent first.
pub const LIST_LIMIT: i64 = 500;

/// Who is logged in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    pub badge: Option<String>,
    pin: Option<String>,
    pub name: String,
    pub role: Option<Role>,
}

/// The screens, each with its own state.
pub enum Screen {
    Login(LoginState),
    Orders(OrdersState),
    Operations(Box<OperationsState>),
    Report(Box<ReportState>),
    History(HistoryState),
    Staging(StagingState),
    Exceptions(ExceptionsState),
    Detail(DetailState),
    Variance(Box<VarianceState>),
    Health(HealthState),
    Trace(TraceState),
}

/// The whole terminal.
pub struct App {
    pub service: Service,
    pub theme: Theme,
    pub session: Session,
    pub work_centers: Vec<WorkCenter>,
    pub work_center: usize,
    pub all_work_centers: bool,
    pub screen: Screen,
    pub overlays: Vec<Overlay>,
    pub status: Option<(String, Severity)>,
    pub now: DateTime<Utc>,
    pub last_key: DateTime<Utc>,
    pub should_quit: bool,
    /// The demo's badges, names, roles and PINs: shown at login on a demo store only.
    pub demo_users: Vec<(String, String, String, String)>,
    /// A lead's approval kept for the write being retried.
    approver: Option<(String, String)>,
    pending_after_approval: Option<Pending>,
}

impl App {
    /// A terminal over `service`: the login screen when users exist, else the order board.
    ///
    /// # Errors
    /// The store fails.
    pub fn new(service: Service, theme: Theme) -> Result<Self, ServiceError> {
        let work_centers = service.work_centers()?;
        let configured = service.config().terminal.work_center.clone();
        let work_center = work_centers
            .iter()
            .position(|w| w.work_center == configured)
            .unwrap_or(0);
        let needs_login = service.has_users()?;
        let now = Utc::now();
        let mut app = App {
            service,
            theme,
            session: Session::default(),
            work_centers,
            work_center,
            all_work_centers: false,
            screen: Screen::Login(LoginState {
                badge: Field::new(FieldKind::Text, ""),
                pin: Field::new(FieldKind::Secret, ""),
                on_pin: false,
            }),
            overlays: Vec::new(),
            status: None,
            now,
            last_key: now,
            should_quit: false,
            demo_users: Vec::new(),
            approver: None,
            pending_after_approval: None,
        };
        if !configured.is_empty()
            && app
                .work_centers
                .get(work_center)
                .is_none_or(|w| w.work_center != configured)
        {
            app.status = Some((
                format!("work center {configured} of the config does not exist"),
                Severity::Error,
            ));
        }
        if app.service.is_demo()? {
            app.demo_users = crate::demo::users();
        }
        if !needs_login {
            app.session.name = app.service.terminal().to_string();
            app.open_orders();
        }
        Ok(app)
    }

    /// The work center this terminal shows, if any exist.
    #[must_use]
    pub fn current_work_center(&self) -> Option<&WorkCenter> {
        self.work_centers.get(self.work_center)
    }

    /// The work center the lists show: the current one, or `None` for all of them.
    fn board_work_center(&self) -> Option<String> {
        if self.all_work_centers {
            None
        } else {
            self.current_work_center().map(|w| w.work_center.clone())
        }
    }

    /// Whether `line` needs a lead before this user may post it: an operator's override
    /// larger than `override_tolerance_pct` (SPEC §6), shown the moment it is typed.
    #[must_use]
    pub fn needs_lead(&self, line: &crate::domain::backflush::PlannedLine) -> bool {
        self.session.role == Some(Role::Operator)
            && crate::service::needs_approval(line, self.service.override_tolerance_pct())
    }

    /// The plant's reason codes of `kind` as a pick list.
    fn reason_choices(&self, kind: crate::service::ReasonKind) -> Vec<Choice> {
        self.service
            .reasons(kind)
            .iter()
            .map(|code| Choice {
                code: code.clone(),
                detail: String::new(),
            })
            .collect()
    }

    fn credentials(&self) -> Credentials {
        Credentials {
            badge: self.session.badge.clone(),
            pin: self.session.pin.clone(),
            approver: self.approver.clone(),
        }
    }

    /// Where keys go now.
    #[must_use]
    pub fn context(&self) -> Context {
        if let Some(o) = self.overlays.last() {
            return o.context();
        }
        match &self.screen {
            Screen::Login(_) => Context::Login,
            Screen::Orders(_) => Context::Orders,
            Screen::Operations(_) => Context::Operations,
            Screen::Report(_) => Context::Report,
            Screen::History(_) => Context::History,
            Screen::Staging(_) => Context::Staging,
            Screen::Exceptions(_) => Context::Exceptions,
            Screen::Detail(_) => Context::Detail,
            Screen::Variance(_) => Context::Variance,
            Screen::Health(_) => Context::Health,
            Screen::Trace(_) => Context::Trace,
        }
    }

    fn error(&mut self, message: impl Into<String>) {
        let message = message.into();
        tracing::warn!("{}: {}", Escaped(&self.who_for_log()), Escaped(&message));
        self.status = Some((message, Severity::Error));
    }

    /// Records what happened at this terminal in the log file (never a PIN).
    fn note(&mut self, message: String) {
        tracing::info!("{}: {}", Escaped(&self.who_for_log()), Escaped(&message));
        self.status = Some((message, Severity::Success));
    }

    fn who_for_log(&self) -> String {
        self.session
            .badge
            .clone()
            .unwrap_or_else(|| self.service.terminal().to_string())
    }

    /// The clock tick: updates the time and logs out an idle user.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
        let idle = self.service.config().terminal.idle_logout_minutes;
        if idle > 0
            && self.session.badge.is_some()
            && now - self.last_key > chrono::Duration::minutes(idle)
        {
            self.logout();
            self.status = Some(("logged out after being idle".into(), Severity::Info));
        }
    }

    fn logout(&mut self) {
        self.session = Session::default();
        self.approver = None;
        self.overlays.clear();
        if self.service.has_users().unwrap_or(false) {
            self.screen = Screen::Login(LoginState {
                badge: Field::new(FieldKind::Text, ""),
                pin: Field::new(FieldKind::Secret, ""),
                on_pin: false,
            });
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.last_key = self.now.max(Utc::now());
        // A message lasts until the next key: it never follows the operator to another screen.
        self.status = None;
        if self.overlays.is_empty() && self.type_into_screen(&key) {
            return;
        }
        if let Some(Overlay::Prompt {
            field,
            choices,
            highlighted,
            ..
        }) = self.overlays.last_mut()
        {
            if type_into(field, &key) {
                *highlighted = 0;
                return;
            }
            let shown = filter_choices(choices, &field.text).len();
            match key.code {
                KeyCode::Up if shown > 0 => {
                    *highlighted = highlighted.saturating_sub(1);
                    return;
                }
                KeyCode::Down if shown > 0 => {
                    *highlighted = (*highlighted + 1).min(shown - 1);
                    return;
                }
                _ => {}
            }
        }
        let context = self.context();
        let Some(action) = keymap::lookup(context, &key) else {
            self.unbound_key(&key);
            return;
        };
        if self.overlays.is_empty() {
            self.screen_action(action);
        } else {
            self.overlay_action(action);
        }
    }

    /// Characters that go into the focused field of a screen; true when taken.
    fn type_into_screen(&mut self, key: &KeyEvent) -> bool {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return false;
        }
        match &mut self.screen {
            // A badge is digits and letters: `?` asks for help instead.
            Screen::Login(_) if key.code == KeyCode::Char('?') => false,
            Screen::Login(l) => {
                let field = if l.on_pin { &mut l.pin } else { &mut l.badge };
                type_into(field, key)
            }
            Screen::Report(r) => {
                let field = match r.focus {
                    Focus::Good => &mut r.good,
                    Focus::Scrap => &mut r.scrap,
                    Focus::Lines => return false,
                };
                let taken = match key.code {
                    KeyCode::Char(c) if c.is_ascii_digit() || c == '.' => field.input(c),
                    KeyCode::Backspace => {
                        field.backspace();
                        true
                    }
                    _ => false,
                };
                if taken {
                    r.edited = true;
                    r.recalculate();
                }
                taken
            }
            // Every character goes into the order field (a scanner types lowercase too).
            Screen::Orders(o) => {
                match key.code {
                    KeyCode::Char(c) if !c.is_control() => o.typed.push(c),
                    KeyCode::Backspace if !o.typed.is_empty() => {
                        o.typed.pop();
                    }
                    _ => return false,
                }
                o.selected = 0;
                true
            }
            _ => false,
        }
    }

    fn unbound_key(&mut self, key: &KeyEvent) {
        if let KeyCode::Char(c) = key.code
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            self.status = Some((
                format!("'{c}' does nothing here; ? lists the keys"),
                Severity::Info,
            ));
        }
    }

    fn screen_action(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit(),
            Action::Help => self.overlays.push(Overlay::Help(self.context())),
            Action::Logout => self.logout(),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.move_selection(action)
            }
            _ => match self.context() {
                Context::Login => self.login_action(action),
                Context::Orders => self.orders_action(action),
                Context::Operations => self.operations_action(action),
                Context::Report => self.report_action(action),
                Context::History => self.history_action(action),
                Context::Staging => self.staging_action(action),
                Context::Exceptions => self.exceptions_action(action),
                Context::Detail => self.detail_action(action),
                Context::Variance => self.variance_action(action),
                Context::Health => self.health_action(action),
                Context::Trace => self.trace_action(action),
                _ => {}
            },
        }
    }

    fn quit(&mut self) {
        if matches!(&self.screen, Screen::Report(r) if r.edited) {
            self.overlays.push(Overlay::Confirm {
                title: "Quit?".into(),
                lines: vec![
                    "The report being edited has not been posted.".into(),
                    "Quit and lose it?".into(),
                ],
                pending: Pending::Quit,
            });
        } else {
            self.should_quit = true;
        }
    }

    fn move_selection(&mut self, action: Action) {
        let step = |selected: &mut usize, len: usize| {
            let last = len.saturating_sub(1);
            *selected = match action {
                Action::Up => selected.saturating_sub(1),
                Action::Down => (*selected + 1).min(last),
                Action::PageUp => selected.saturating_sub(10),
                _ => (*selected + 10).min(last),
            };
        };
        match &mut self.screen {
            Screen::Orders(o) => {
                let len = o.visible().len();
                step(&mut o.selected, len);
            }
            Screen::Operations(o) => step(&mut o.selected, o.context.order.operations.len()),
            Screen::Report(r) => {
                let len = r.plan.as_ref().map_or(0, |p| p.lines.len());
                step(&mut r.selected, len);
            }
            Screen::History(h) => step(&mut h.selected, h.rows.len()),
            Screen::Staging(s) => step(&mut s.selected, s.rows.len()),
            Screen::Exceptions(e) => step(&mut e.selected, e.rows.len()),
            Screen::Detail(d) => step(&mut d.selected, d.lines.len()),
            Screen::Variance(v) => step(&mut v.selected, v.materials.len()),
            Screen::Health(h) => step(&mut h.selected, h.rows.len()),
            Screen::Trace(t) => {
                let rows = t.rows();
                step(&mut t.selected, rows);
            }
            Screen::Login(_) => {}
        }
    }

    fn overlay_action(&mut self, action: Action) {
        if action == Action::Quit {
            // Ctrl-C inside an overlay: close it and ask as on the screen.
            self.overlays.clear();
            self.quit();
            return;
        }
        let Some(top) = self.overlays.pop() else {
            return;
        };
        match (top, action) {
            (Overlay::Confirm { pending, .. }, Action::Confirm) => self.run_pending(pending),
            (
                Overlay::Prompt {
                    mut field,
                    kind,
                    title,
                    choices,
                    highlighted,
                    back,
                    ..
                },
                Action::Confirm,
            ) => {
                // The prompt as it was: reopened with an error when its value is refused,
                // and the way back from the step it leads to.
                let this = Overlay::Prompt {
                    title: title.clone(),
                    field: field.clone(),
                    kind: kind.clone(),
                    error: None,
                    choices: choices.clone(),
                    highlighted,
                    back,
                };
                // A pick list enters the highlighted code unless a code was typed whole.
                if let Some(code) = picked(&choices, &field.text, highlighted) {
                    field.text = code;
                }
                self.apply_prompt(kind, field, this);
            }
            (
                Overlay::Prompt {
                    back: Some(back), ..
                },
                Action::Cancel,
            ) => {
                self.overlays.push(*back);
            }
            (
                Overlay::Help(_)
                | Overlay::Message { .. }
                | Overlay::Confirm { .. }
                | Overlay::Prompt { .. },
                Action::Cancel,
            ) => {
                self.approver = None;
            }
            (Overlay::Message { .. }, Action::Confirm) => {}
            (other, _) => self.overlays.push(other),
        }
    }

    fn run_pending(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => self.should_quit = true,
            Pending::LeaveReport => self.back_from_report(),
            Pending::Post => self.post(),
            Pending::Reverse { report_id, reason } => self.reverse(report_id, &reason),
            Pending::CancelException { id } => self.cancel_exception(id),
            Pending::Adjust {
                report_id,
                line,
                qty,
                reason,
            } => self.adjust(report_id, &line, qty, &reason),
            Pending::Substitute {
                report_id,
                line,
                item,
                qty,
                returned,
            } => self.substitute(report_id, &line, &item, (qty, returned)),
        }
    }

    /// A refused write: ask for a lead when that is what it needs, else show why.
    fn write_failed(&mut self, e: ServiceError, pending: Pending) {
        let message = e.to_string();
        // The lead's PIN was wrong: ask for it again, not for everything again.
        if let ServiceError::Auth(AuthError::WrongPin { badge, .. }) = &e
            && self
                .approver
                .as_ref()
                .is_some_and(|(lead, _)| lead == badge)
        {
            let badge = badge.clone();
            self.approver = None;
            self.pending_after_approval = Some(pending);
            let badge_step = Overlay::prompt(
                strings::LEAD_BADGE.into(),
                Field::new(FieldKind::Text, &badge),
                PromptKind::ApproverBadge,
            );
            self.overlays.push(
                Overlay::prompt(
                    format!("PIN of lead {badge}"),
                    Field::new(FieldKind::Secret, ""),
                    PromptKind::ApproverPin { badge },
                )
                .with_error(message)
                .after(badge_step),
            );
            return;
        }
        // The badge scanned as the lead's is not a lead's: ask for a lead's badge again.
        if let ServiceError::Forbidden { user, .. } = &e
            && self.approver.as_ref().is_some_and(|(lead, _)| lead == user)
        {
            self.approver = None;
            self.pending_after_approval = Some(pending);
            self.overlays.push(
                Overlay::prompt(
                    strings::LEAD_BADGE.into(),
                    Field::new(FieldKind::Text, ""),
                    PromptKind::ApproverBadge,
                )
                .with_error(message),
            );
            return;
        }
        let needs_lead = matches!(
            e,
            ServiceError::Forbidden { .. } | ServiceError::NeedsApproval { .. }
        );
        if needs_lead && self.approver.is_none() && self.session.role == Some(Role::Operator) {
            self.pending_after_approval = Some(pending);
            self.overlays.push(
                Overlay::prompt(
                    strings::LEAD_BADGE.into(),
                    Field::new(FieldKind::Text, ""),
                    PromptKind::ApproverBadge,
                )
                .with_error(message),
            );
            return;
        }
        self.approver = None;
        self.error(message.clone());
        self.overlays.push(Overlay::Message {
            title: "Not posted".into(),
            lines: vec![message],
            severity: Severity::Error,
        });
    }

    /// Applies a prompt's value; `this` is the prompt as it was shown.
    /// Applies a prompt's value; `this` is the prompt as it was shown. Each screen applies
    /// the prompts it opens; the lead's approval, which any screen may ask for, is here.
    fn apply_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        match kind {
            PromptKind::Qty { .. }
            | PromptKind::Lots { .. }
            | PromptKind::LineScrap { .. }
            | PromptKind::Location { .. }
            | PromptKind::OverrideReason { .. } => {
                self.apply_report_prompt(kind, field, this);
            }
            PromptKind::ReverseReason { .. }
            | PromptKind::ScrapQty { .. }
            | PromptKind::ScrapReason { .. }
            | PromptKind::SubstituteItem { .. }
            | PromptKind::SubstituteReturn { .. }
            | PromptKind::SubstituteQty { .. } => self.apply_history_prompt(kind, field, this),
            PromptKind::Counted { .. }
            | PromptKind::CountLot { .. }
            | PromptKind::TransferLots { .. }
            | PromptKind::CountReason { .. }
            | PromptKind::TransferFrom { .. }
            | PromptKind::TransferQty { .. } => self.apply_staging_prompt(kind, field, this),
            PromptKind::ApproverBadge | PromptKind::ApproverPin { .. } => {
                self.apply_approval_prompt(kind, field, this);
            }
            PromptKind::TraceItem | PromptKind::TraceLot { .. } => {
                self.apply_trace_prompt(kind, field, this);
            }
        }
    }

    /// A lead's badge, then PIN: the write waiting for them runs again.
    pub(super) fn apply_approval_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        let text = field.text.trim().to_string();
        // A refused value reopens the same prompt, its pick list and way back kept.
        let reopen = |app: &mut App, error: String| {
            app.overlays.push(this.clone().with_error(error));
        };
        match kind {
            PromptKind::ApproverBadge => {
                if text.is_empty() {
                    return reopen(self, "scan or type the lead's badge".into());
                }
                self.overlays.push(
                    Overlay::prompt(
                        format!("PIN of lead {text}"),
                        Field::new(FieldKind::Secret, ""),
                        PromptKind::ApproverPin { badge: text },
                    )
                    .after(this.clone()),
                );
            }
            PromptKind::ApproverPin { badge } => {
                self.approver = Some((badge, field.text.clone()));
                if let Some(p) = self.pending_after_approval.take() {
                    self.run_pending(p);
                }
            }
            _ => {}
        }
    }
}

/// Feeds a key to a field; true when taken.
fn type_into(field: &mut Field, key: &KeyEvent) -> bool {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return false;
    }
    match key.code {
        KeyCode::Char(c) => field.input(c),
        KeyCode::Backspace => {
            field.backspace();
            true
        }
        _ => false,
    }
}

fn variance_line(v: &Variance) -> String {
    format!(
        "Order material so far: expected {} · actual {} · variance {}",
        canonical(v.expected_cost.round_dp(2)),
        canonical(v.actual_cost.round_dp(2)),
        canonical(v.variance.round_dp(2))
    )
}
