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
mod history;
mod login;
mod orders;
mod report;
mod staging;
mod variance;

pub use exceptions::ExceptionsState;
pub use history::{DetailState, HistoryState};
pub use login::LoginState;
pub use orders::{OperationsState, OrdersState};
pub use report::{Focus, ReportState};
pub use staging::StagingState;
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
}

/// What a prompt's value is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Qty {
        line: String,
    },
    LineScrap {
        line: String,
    },
    Location {
        line: String,
    },
    ReverseReason {
        report_id: i64,
    },
    ApproverBadge,
    ApproverPin {
        badge: String,
    },
    TransferFrom {
        item: String,
        to: String,
    },
    ScrapQty {
        report_id: i64,
        line: String,
    },
    Counted {
        item: String,
        location: String,
    },
    ScrapReason {
        report_id: i64,
        line: String,
        qty: Decimal,
    },
    SubstituteItem {
        report_id: i64,
        line: String,
    },
    SubstituteQty {
        report_id: i64,
        line: String,
        item: String,
    },
    TransferQty {
        item: String,
        from: String,
        to: String,
    },
}

/// A write waiting for a confirmation or a lead's approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Post,
    Reverse {
        report_id: i64,
        reason: String,
    },
    LeaveReport,
    Quit,
    CancelException {
        id: i64,
    },
    Adjust {
        report_id: i64,
        line: String,
        qty: Decimal,
        reason: String,
    },
    Substitute {
        report_id: i64,
        line: String,
        item: String,
        qty: Option<Decimal>,
    },
}

/// How a message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Success,
    Error,
}

/// What sits on top of the screen and takes the keys first.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(Context),
    Confirm {
        title: String,
        lines: Vec<String>,
        pending: Pending,
    },
    Prompt {
        title: String,
        field: Field,
        kind: PromptKind,
        error: Option<String>,
        /// A pick list filtered by what is typed; empty = free entry.
        choices: Vec<Choice>,
        /// The highlighted row of the filtered choices.
        highlighted: usize,
        /// The step before this one: Esc goes back to it, keeping what was entered there.
        back: Option<Box<Overlay>>,
    },
    Message {
        title: String,
        lines: Vec<String>,
        severity: Severity,
    },
}

/// One entry of a prompt's pick list: the code it enters and what it shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub detail: String,
}

impl Overlay {
    /// A prompt for one value.
    #[must_use]
    pub fn prompt(title: String, field: Field, kind: PromptKind) -> Self {
        Overlay::Prompt {
            title,
            field,
            kind,
            error: None,
            choices: Vec::new(),
            highlighted: 0,
            back: None,
        }
    }

    /// The prompt with an error shown under its field.
    #[must_use]
    pub fn with_error(mut self, message: String) -> Self {
        if let Overlay::Prompt { error, .. } = &mut self {
            *error = Some(message);
        }
        self
    }

    /// The prompt with a pick list.
    #[must_use]
    pub fn with_choices(mut self, list: Vec<Choice>) -> Self {
        if let Overlay::Prompt { choices, .. } = &mut self {
            *choices = list;
        }
        self
    }

    /// The prompt as the step after `previous` (Esc returns there).
    #[must_use]
    pub fn after(mut self, previous: Overlay) -> Self {
        if let Overlay::Prompt { back, .. } = &mut self {
            *back = Some(Box::new(previous));
        }
        self
    }

    fn context(&self) -> Context {
        match self {
            Overlay::Help(_) => Context::Help,
            Overlay::Confirm { .. } => Context::Confirm,
            Overlay::Prompt { .. } => Context::Prompt,
            Overlay::Message { .. } => Context::Message,
        }
    }
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
        let idle = i64::from(self.service.config().terminal.idle_logout_minutes);
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
            } => self.substitute(report_id, &line, &item, qty),
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
    fn apply_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
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
                let change = if matches!(kind, PromptKind::Qty { .. }) {
                    Change::Qty(value)
                } else {
                    Change::LineScrap(value)
                };
                if let Err(e) = self.set_override(line, change) {
                    reopen(self, e);
                }
            }
            PromptKind::Location { ref line } => {
                if text.is_empty() {
                    return reopen(self, "pick or type a location".into());
                }
                if let Err(e) = self.set_location(line, &text) {
                    reopen(self, e);
                }
            }
            PromptKind::ReverseReason { report_id } => {
                if text.is_empty() {
                    return reopen(self, "a reversal needs a reason".into());
                }
                self.confirm_reverse(report_id, text);
            }
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
            PromptKind::Counted { item, location } => {
                let Some(counted) = parse(&text) else {
                    return reopen(self, format!("{text:?} is not a number"));
                };
                let who = self.credentials();
                match self.service.cycle_count(&item, &location, counted, &who) {
                    Ok(c) => {
                        self.open_staging();
                        self.note(format!(
                            "{item} at {location}: book {}, counted {}; inventory accuracy {} of {} counts",
                            canonical(c.expected),
                            canonical(c.counted),
                            c.accuracy.0,
                            c.accuracy.1
                        ));
                    }
                    Err(e) => reopen(self, e.to_string()),
                }
            }
            PromptKind::ScrapQty { report_id, line } => {
                let Some(qty) = parse(&text) else {
                    return reopen(self, format!("{text:?} is not a number"));
                };
                let choices = self
                    .service
                    .config()
                    .reasons
                    .scrap
                    .iter()
                    .map(|code| Choice {
                        code: code.clone(),
                        detail: String::new(),
                    })
                    .collect();
                self.overlays.push(
                    Overlay::prompt(
                        format!("Reason for {} more scrap on line {line}", canonical(qty)),
                        Field::new(FieldKind::Text, ""),
                        PromptKind::ScrapReason {
                            report_id,
                            line,
                            qty,
                        },
                    )
                    .with_choices(choices)
                    .after(this.clone()),
                );
            }
            PromptKind::ScrapReason {
                report_id,
                line,
                qty,
            } => {
                self.adjust(report_id, &line, qty, &text);
            }
            PromptKind::SubstituteItem { report_id, line } => {
                if text.is_empty() {
                    return reopen(self, "scan or type the substitute item".into());
                }
                let issued = match &self.screen {
                    Screen::Detail(d) => d
                        .lines
                        .iter()
                        .find(|(l, _)| l.line == line)
                        .map(|(_, q)| canonical(*q)),
                    _ => None,
                }
                .unwrap_or_default();
                // The item is checked here, at its own step, not after the quantity.
                match self.service.search_items(&text, 50) {
                    Ok(found) if found.iter().any(|(code, _)| *code == text) => {}
                    Ok(_) => {
                        return reopen(self, format!("unknown stock item {text}"));
                    }
                    Err(e) => return self.error(e.to_string()),
                }
                self.overlays.push(
                    Overlay::prompt(
                        format!("How many {text} were issued instead"),
                        Field::new(FieldKind::Number, &issued),
                        PromptKind::SubstituteQty {
                            report_id,
                            line,
                            item: text,
                        },
                    )
                    .after(this.clone()),
                );
            }
            PromptKind::SubstituteQty {
                report_id,
                line,
                item,
            } => {
                let qty = if text.is_empty() { None } else { parse(&text) };
                self.substitute(report_id, &line, &item, qty);
            }
            PromptKind::TransferFrom { item, to } => {
                if text.is_empty() {
                    return reopen(self, "type the location to take it from".into());
                }
                // The source is checked here, at its own step, not after the quantity.
                match self.service.location_kind(&text) {
                    Ok(Some(_)) if text != to => {}
                    Ok(Some(_)) => {
                        return reopen(
                            self,
                            format!("{text} is where it goes; pick where it comes from"),
                        );
                    }
                    Ok(None) => {
                        return reopen(self, format!("unknown location {text}"));
                    }
                    Err(e) => return self.error(e.to_string()),
                }
                let need = match &self.screen {
                    Screen::Staging(s) => {
                        s.rows.iter().find(|r| r.item == item).map(|r| r.shortfall)
                    }
                    _ => None,
                };
                let qty = need
                    .filter(|n| !n.is_zero())
                    .map(canonical)
                    .unwrap_or_default();
                self.overlays.push(
                    Overlay::prompt(
                        format!("How many {item} from {text} to {to}"),
                        Field::new(FieldKind::Number, &qty),
                        PromptKind::TransferQty {
                            item,
                            from: text,
                            to,
                        },
                    )
                    .after(this.clone()),
                );
            }
            PromptKind::TransferQty { item, from, to } => {
                let Some(qty) = parse(&text) else {
                    return reopen(self, format!("{text:?} is not a number"));
                };
                let who = self.credentials();
                match self.service.transfer(&item, qty, &from, &to, &who) {
                    Ok(posted) => {
                        self.open_staging();
                        self.note(format!(
                            "moved {} {item} from {from} to {to}; {} posted",
                            canonical(qty),
                            strings::count(posted.len(), "waiting line")
                        ));
                    }
                    Err(e) => reopen(self, e.to_string()),
                }
            }
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

/// The choices that match what is typed (any case, anywhere in the code or the detail).
#[must_use]
pub fn filter_choices<'a>(choices: &'a [Choice], typed: &str) -> Vec<&'a Choice> {
    let needle = typed.trim().to_lowercase();
    choices
        .iter()
        .filter(|c| {
            needle.is_empty()
                || c.code.to_lowercase().contains(&needle)
                || c.detail.to_lowercase().contains(&needle)
        })
        .collect()
}

/// The code a pick list enters: one typed whole (any case), else the highlighted match.
fn picked(choices: &[Choice], typed: &str, highlighted: usize) -> Option<String> {
    if choices.is_empty() {
        return None;
    }
    if let Some(exact) = choices
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(typed.trim()))
    {
        return Some(exact.code.clone());
    }
    filter_choices(choices, typed)
        .get(highlighted)
        .map(|c| c.code.clone())
}
