//! The terminal's state and what keys do to it. Rendering lives in [`super::ui`]; postings go
//! through the [`Service`], the same one the command line uses.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;

use super::field::{Field, FieldKind};
use super::keymap::{self, Action, Context};
use super::theme::Theme;
use crate::domain::backflush::{Change, Override, ReportPlan, ReportRequest};
use crate::domain::master::WorkCenter;
use crate::domain::qty::{canonical, parse};
use crate::domain::variance::Variance;
use crate::logging::Escaped;
use crate::service::auth::Role;
use crate::service::{Credentials, ReportContext, Service, ServiceError, new_idempotency_key};
use crate::store::orders::OrderSummary;
use crate::store::queries::ReportRow;

mod exceptions;
mod history;
mod login;
mod orders;
mod report;
mod staging;

pub use exceptions::ExceptionsState;
pub use history::{DetailState, HistoryState};
pub use login::LoginState;
pub use orders::{OperationsState, OrdersState};
pub use report::{Focus, ReportState};
pub use staging::StagingState;

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
    },
    Message {
        title: String,
        lines: Vec<String>,
        severity: Severity,
    },
}

impl Overlay {
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
        if let Some(Overlay::Prompt { field, .. }) = self.overlays.last_mut()
            && type_into(field, &key)
        {
            return;
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
            Screen::Orders(o) => {
                if let Some(filter) = &mut o.filter {
                    match key.code {
                        KeyCode::Char(c) => filter.push(c),
                        KeyCode::Backspace => {
                            filter.pop();
                        }
                        _ => return false,
                    }
                    o.selected = 0;
                    return true;
                }
                match key.code {
                    KeyCode::Char(c) if !o.typed.is_empty() && !c.is_control() => o.typed.push(c),
                    KeyCode::Char(c) if c.is_ascii_uppercase() || c.is_ascii_digit() => {
                        o.typed.push(c)
                    }
                    KeyCode::Backspace if !o.typed.is_empty() => {
                        o.typed.pop();
                    }
                    _ => return false,
                }
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
                    field, kind, title, ..
                },
                Action::Confirm,
            ) => self.apply_prompt(kind, field, title),
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
        let needs_lead = matches!(
            e,
            ServiceError::Forbidden { .. } | ServiceError::NeedsApproval { .. }
        );
        if needs_lead && self.approver.is_none() && self.session.role == Some(Role::Operator) {
            self.pending_after_approval = Some(pending);
            self.overlays.push(Overlay::Prompt {
                title: "A lead must approve: scan or type the lead's badge".into(),
                field: Field::new(FieldKind::Text, ""),
                kind: PromptKind::ApproverBadge,
                error: Some(message),
            });
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

    fn apply_prompt(&mut self, kind: PromptKind, field: Field, title: String) {
        let text = field.text.trim().to_string();
        let reopen = |app: &mut App, error: String, kind: PromptKind, field: Field| {
            app.overlays.push(Overlay::Prompt {
                title: title.clone(),
                field,
                kind,
                error: Some(error),
            });
        };
        match kind {
            PromptKind::Qty { ref line } | PromptKind::LineScrap { ref line } => {
                let Some(value) = parse(&text) else {
                    return reopen(
                        self,
                        format!("{text:?} is not a number"),
                        kind.clone(),
                        field,
                    );
                };
                let change = if matches!(kind, PromptKind::Qty { .. }) {
                    Change::Qty(value)
                } else {
                    Change::LineScrap(value)
                };
                if let Err(e) = self.set_override(line, change) {
                    reopen(self, e, kind.clone(), field);
                }
            }
            PromptKind::Location { ref line } => {
                if text.is_empty() {
                    return reopen(self, "type a location".into(), kind.clone(), field);
                }
                self.set_location(line, &text);
            }
            PromptKind::ReverseReason { report_id } => {
                if text.is_empty() {
                    return reopen(self, "a reversal needs a reason".into(), kind, field);
                }
                self.reverse(report_id, &text);
            }
            PromptKind::ApproverBadge => {
                if text.is_empty() {
                    return reopen(self, "scan or type the lead's badge".into(), kind, field);
                }
                self.overlays.push(Overlay::Prompt {
                    title: format!("PIN of lead {text}"),
                    field: Field::new(FieldKind::Secret, ""),
                    kind: PromptKind::ApproverPin { badge: text },
                    error: None,
                });
            }
            PromptKind::ApproverPin { badge } => {
                self.approver = Some((badge, field.text.clone()));
                if let Some(p) = self.pending_after_approval.take() {
                    self.run_pending(p);
                }
            }
            PromptKind::Counted { item, location } => {
                let Some(counted) = parse(&text) else {
                    return reopen(
                        self,
                        format!("{text:?} is not a number"),
                        PromptKind::Counted { item, location },
                        field,
                    );
                };
                let who = self.credentials();
                match self
                    .service
                    .cycle_count(&item, &location, None, counted, &who)
                {
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
                    Err(e) => reopen(
                        self,
                        e.to_string(),
                        PromptKind::Counted { item, location },
                        field,
                    ),
                }
            }
            PromptKind::ScrapQty { report_id, line } => {
                let Some(qty) = parse(&text) else {
                    return reopen(
                        self,
                        format!("{text:?} is not a number"),
                        PromptKind::ScrapQty { report_id, line },
                        field,
                    );
                };
                let codes = self.service.config().reasons.scrap.join(", ");
                self.overlays.push(Overlay::Prompt {
                    title: format!("Reason code ({codes})"),
                    field: Field::new(FieldKind::Text, ""),
                    kind: PromptKind::ScrapReason {
                        report_id,
                        line,
                        qty,
                    },
                    error: None,
                });
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
                    return reopen(
                        self,
                        "scan or type the substitute item".into(),
                        PromptKind::SubstituteItem { report_id, line },
                        field,
                    );
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
                self.overlays.push(Overlay::Prompt {
                    title: format!("How many {text} were issued instead"),
                    field: Field::new(FieldKind::Number, &issued),
                    kind: PromptKind::SubstituteQty {
                        report_id,
                        line,
                        item: text,
                    },
                    error: None,
                });
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
                    return reopen(
                        self,
                        "type the location to take it from".into(),
                        PromptKind::TransferFrom { item, to },
                        field,
                    );
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
                self.overlays.push(Overlay::Prompt {
                    title: format!("How many {item} from {text} to {to}"),
                    field: Field::new(FieldKind::Number, &qty),
                    kind: PromptKind::TransferQty {
                        item,
                        from: text,
                        to,
                    },
                    error: None,
                });
            }
            PromptKind::TransferQty { item, from, to } => {
                let Some(qty) = parse(&text) else {
                    return reopen(
                        self,
                        format!("{text:?} is not a number"),
                        PromptKind::TransferQty { item, from, to },
                        field,
                    );
                };
                let who = self.credentials();
                match self.service.transfer(&item, qty, &from, &to, &who) {
                    Ok(posted) => {
                        self.open_staging();
                        self.note(format!(
                            "moved {} {item} from {from} to {to}; {} deferred lines posted",
                            canonical(qty),
                            posted.len()
                        ));
                    }
                    Err(e) => reopen(
                        self,
                        e.to_string(),
                        PromptKind::TransferQty { item, from, to },
                        field,
                    ),
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
