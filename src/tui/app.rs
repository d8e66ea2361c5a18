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
use crate::service::auth::Role;
use crate::service::{Credentials, ReportContext, Service, ServiceError, new_idempotency_key};
use crate::store::orders::OrderSummary;
use crate::store::queries::ReportRow;

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
}

/// What the work center's machine location still needs, for a material handler.
pub struct StagingState {
    pub work_center: String,
    pub rows: Vec<crate::service::floor::StagingLine>,
    pub selected: usize,
}

/// Badge and PIN entry.
pub struct LoginState {
    pub badge: Field,
    pub pin: Field,
    pub on_pin: bool,
}

/// The order board of a work center.
pub struct OrdersState {
    pub rows: Vec<OrderSummary>,
    pub selected: usize,
    /// `Some` while `/` filtering is on.
    pub filter: Option<String>,
    /// What a scanner (or the keyboard) typed, jumped to on Enter.
    pub typed: String,
    /// Orders known to be short at their issue locations (computed for the visible rows).
    pub shortages: HashMap<String, bool>,
}

impl OrdersState {
    /// The rows that pass the filter, with their index in `rows`.
    pub fn visible(&self) -> Vec<&OrderSummary> {
        let needle = self.filter.as_deref().unwrap_or("").to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || r.order.to_lowercase().contains(&needle)
                    || r.item.to_lowercase().contains(&needle)
                    || r.description.to_lowercase().contains(&needle)
            })
            .collect()
    }
}

/// The operations of one order.
pub struct OperationsState {
    pub context: ReportContext,
    pub description: String,
    pub selected: usize,
}

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
        })
    }

    /// Recalculates the preview (pure: no store access).
    pub fn recalculate(&mut self) {
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
}

/// The reports of this work center.
pub struct HistoryState {
    pub rows: Vec<ReportRow>,
    pub selected: usize,
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
    Reverse { report_id: i64, reason: String },
    LeaveReport,
    Quit,
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
        }
    }

    fn error(&mut self, message: impl Into<String>) {
        let message = message.into();
        crate::log::write(&format!("{}: {message}", self.who_for_log()));
        self.status = Some((message, Severity::Error));
    }

    /// Records what happened at this terminal in the log file (never a PIN).
    fn note(&mut self, message: String) {
        crate::log::write(&format!("{}: {message}", self.who_for_log()));
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
            Screen::Login(_) => {}
        }
    }

    fn login_action(&mut self, action: Action) {
        let Screen::Login(l) = &mut self.screen else {
            return;
        };
        match action {
            Action::NextField => l.on_pin = !l.on_pin,
            Action::Open if !l.on_pin => l.on_pin = true,
            Action::Open => {
                let badge = l.badge.text.trim().to_string();
                let pin = l.pin.text.clone();
                l.pin = Field::new(FieldKind::Secret, "");
                match self.service.login(&badge, &pin) {
                    Ok((name, role)) => {
                        self.session = Session {
                            badge: Some(badge),
                            pin: Some(pin),
                            name,
                            role: Some(role),
                        };
                        self.open_orders();
                        let welcome = format!("welcome, {} (logged in)", self.session.name);
                        self.note(welcome);
                    }
                    Err(e) => {
                        if let Screen::Login(l) = &mut self.screen {
                            l.on_pin = e.to_string().contains("PIN");
                            if !l.on_pin {
                                l.badge = Field::new(FieldKind::Text, "");
                            }
                        }
                        self.error(e.to_string());
                    }
                }
            }
            _ => {}
        }
    }

    /// Opens (or refreshes) the order board.
    pub fn open_orders(&mut self) {
        let wc = self.board_work_center();
        match self.service.orders(wc.as_deref(), LIST_LIMIT) {
            Ok(rows) => {
                let (filter, selected) = match &self.screen {
                    Screen::Orders(o) => (o.filter.clone(), o.selected),
                    _ => (None, 0),
                };
                self.screen = Screen::Orders(OrdersState {
                    rows,
                    selected,
                    filter,
                    typed: String::new(),
                    shortages: HashMap::new(),
                });
                self.move_selection(Action::Up);
                self.move_selection(Action::Down);
                if let Screen::Orders(o) = &mut self.screen {
                    o.selected = selected.min(o.visible().len().saturating_sub(1));
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn select_order(&mut self, order: &str) {
        if let Screen::Orders(o) = &mut self.screen
            && let Some(i) = o.visible().iter().position(|r| r.order == order)
        {
            o.selected = i;
        }
    }

    /// Work the loop does between frames, after drawing: the shortage flags of the orders
    /// around the selection, a few at a time so a key is never kept waiting. True when it
    /// changed something to draw.
    pub fn pending_work(&mut self) -> bool {
        const BATCH: usize = 8;
        let Screen::Orders(o) = &self.screen else {
            return false;
        };
        let start = o.selected.saturating_sub(20);
        let wanted: Vec<String> = o
            .visible()
            .iter()
            .skip(start)
            .take(45)
            .filter(|r| !o.shortages.contains_key(&r.order))
            .take(BATCH)
            .map(|r| r.order.clone())
            .collect();
        if wanted.is_empty() {
            return false;
        }
        let flags: Vec<(String, bool)> = wanted
            .into_iter()
            .map(|id| {
                let short = self
                    .service
                    .order_shortages(&id)
                    .is_ok_and(|s| !s.is_empty());
                (id, short)
            })
            .collect();
        if let Screen::Orders(o) = &mut self.screen {
            o.shortages.extend(flags);
        }
        true
    }

    fn orders_action(&mut self, action: Action) {
        let Screen::Orders(o) = &mut self.screen else {
            return;
        };
        match action {
            Action::Open => {
                let target = if o.typed.is_empty() {
                    o.visible().get(o.selected).map(|r| r.order.clone())
                } else {
                    Some(std::mem::take(&mut o.typed))
                };
                if let Some(order) = target {
                    self.open_order(&order);
                }
            }
            Action::Filter => o.filter = Some(String::new()),
            Action::Back => {
                o.typed.clear();
                o.filter = None;
            }
            Action::ToggleAllWorkCenters => {
                self.all_work_centers = !self.all_work_centers;
                self.open_orders();
            }
            Action::NextWorkCenter if !self.work_centers.is_empty() => {
                self.work_center = (self.work_center + 1) % self.work_centers.len();
                self.all_work_centers = false;
                if let Screen::Orders(o) = &mut self.screen {
                    o.selected = 0;
                }
                self.open_orders();
            }
            Action::History => self.open_history(),
            Action::Staging => self.open_staging(),
            Action::Refresh => self.open_orders(),
            _ => {}
        }
    }

    /// Opens an order: its operations, or straight the report when it has one operation.
    pub fn open_order(&mut self, order: &str) {
        let context = match self.service.report_context(order, std::iter::empty()) {
            Ok(c) => c,
            Err(e) => {
                self.error(e.to_string());
                return;
            }
        };
        let description = context
            .item(&context.order.item)
            .map(|i| i.description.clone())
            .unwrap_or_default();
        if context.order.operations.len() == 1 {
            let op = context.order.operations[0].operation;
            self.open_report(context, description, op);
            return;
        }
        // Start on the first count point that still has units to report.
        let selected = context
            .order
            .operations
            .iter()
            .position(|o| {
                o.count_point
                    && context
                        .progress
                        .operations
                        .get(&o.operation)
                        .is_none_or(|p| p.units() < context.order.qty)
            })
            .unwrap_or(0);
        self.screen = Screen::Operations(Box::new(OperationsState {
            context,
            description,
            selected,
        }));
    }

    fn operations_action(&mut self, action: Action) {
        match action {
            Action::Back => self.open_orders(),
            Action::Open => {
                let Screen::Operations(o) = &self.screen else {
                    return;
                };
                let Some(op) = o.context.order.operations.get(o.selected) else {
                    return;
                };
                if !op.count_point {
                    let cp = crate::domain::backflush::covering_count_point(
                        &o.context.order,
                        op.operation,
                    )
                    .unwrap_or(op.operation);
                    let msg = format!(
                        "operation {} is not a count point; its lines are reported at operation {cp}",
                        op.operation
                    );
                    self.error(msg);
                    return;
                }
                let operation = op.operation;
                let order = o.context.order.order.clone();
                // Reload so the preview starts from what is on hand now.
                match self.service.report_context(&order, std::iter::empty()) {
                    Ok(context) => {
                        let Screen::Operations(o) = &self.screen else {
                            return;
                        };
                        let description = o.description.clone();
                        self.open_report(context, description, operation);
                    }
                    Err(e) => self.error(e.to_string()),
                }
            }
            _ => {}
        }
    }

    fn open_report(&mut self, context: ReportContext, description: String, operation: i64) {
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
        };
        state.recalculate();
        if state.good.text.is_empty() {
            state.problem = Some("type the good quantity (Tab: scrap)".into());
        }
        self.screen = Screen::Report(Box::new(state));
    }

    fn report_action(&mut self, action: Action) {
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
            Action::EditQty | Action::LineScrap | Action::Location => {
                let Some((line, item)) = r.selected_line() else {
                    return;
                };
                let (title, kind, field) = match action {
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
                self.overlays.push(Overlay::Prompt {
                    title,
                    field: Field::new(field, ""),
                    kind,
                    error: None,
                });
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
                if !skipped {
                    r.overrides.push(Override {
                        key: line,
                        change: Change::Skip,
                    });
                }
                r.edited = true;
                r.recalculate();
            }
            Action::ResetLine => {
                let Some((line, _)) = r.selected_line() else {
                    return;
                };
                r.overrides.retain(|o| o.key != line);
                r.recalculate();
            }
            _ => {}
        }
    }

    fn back_from_report(&mut self) {
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

    fn confirm_post(&mut self) {
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
                "{} lines issue, {} deferred, {} manual, {} skipped",
                count(S::Issue),
                count(S::Deferred),
                count(S::Manual),
                count(S::Skipped)
            ),
        ];
        if count(S::Short) > 0 {
            lines.push(format!(
                "{} lines are short: the post will be refused (negative stock = block)",
                count(S::Short)
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
        self.overlays.push(Overlay::Confirm {
            title: "Post this report?".into(),
            lines,
            pending: Pending::Post,
        });
    }

    fn history_action(&mut self, action: Action) {
        let Screen::History(h) = &self.screen else {
            return;
        };
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_history(),
            Action::Reverse => {
                let Some(row) = h.rows.get(h.selected) else {
                    return;
                };
                if row.reversed {
                    let msg = format!("report {} is already reversed", row.id);
                    self.error(msg);
                    return;
                }
                let report_id = row.id;
                self.overlays.push(Overlay::Prompt {
                    title: format!(
                        "Reason for reversing report {report_id} ({} op {})",
                        row.order, row.operation
                    ),
                    field: Field::new(FieldKind::Text, ""),
                    kind: PromptKind::ReverseReason { report_id },
                    error: None,
                });
            }
            _ => {}
        }
    }

    fn open_history(&mut self) {
        let wc = self.board_work_center();
        match self.service.history(wc.as_deref(), LIST_LIMIT) {
            Ok(rows) => {
                let selected = match &self.screen {
                    Screen::History(h) => h.selected.min(rows.len().saturating_sub(1)),
                    _ => 0,
                };
                self.screen = Screen::History(HistoryState { rows, selected });
            }
            Err(e) => self.error(e.to_string()),
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
        }
    }

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
        let who = self.credentials();
        match self.service.report(&order, &request, Some(&key), &who) {
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
                    lines.push(format!(
                        "Line {} deferred to the exception queue (#{}).",
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
                    "report {} posted for order {order} ({deferred} lines deferred)",
                    posted.report_id
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

    fn reverse(&mut self, report_id: i64, reason: &str) {
        let who = self.credentials();
        match self.service.reverse(report_id, reason, &who) {
            Ok(r) => {
                self.approver = None;
                self.open_history();
                self.note(format!(
                    "report {report_id} reversed ({reason}): {} movements compensated",
                    r.movements.len()
                ));
            }
            Err(e) => self.write_failed(
                e,
                Pending::Reverse {
                    report_id,
                    reason: reason.to_string(),
                },
            ),
        }
    }

    /// A refused write: ask for a lead when that is what it needs, else show why.
    fn write_failed(&mut self, e: ServiceError, pending: Pending) {
        let message = e.to_string();
        let needs_lead =
            matches!(e, ServiceError::Forbidden { .. }) || message.contains("lead's badge");
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

    /// Opens (or refreshes) the staging list of the current work center.
    pub fn open_staging(&mut self) {
        if let Some(role) = self.session.role
            && !crate::service::auth::Action::Handle.roles().contains(&role)
        {
            let badge = self.session.badge.clone().unwrap_or_default();
            return self.error(format!(
                "{badge} ({}) may not see the staging list; it needs the role lead, handler or admin",
                role.as_str()
            ));
        }
        let Some(wc) = self.current_work_center().map(|w| w.work_center.clone()) else {
            return self.error("no work center to stage for");
        };
        match self.service.staging(&wc) {
            Ok(rows) => {
                let selected = match &self.screen {
                    Screen::Staging(s) => s.selected.min(rows.len().saturating_sub(1)),
                    _ => 0,
                };
                self.screen = Screen::Staging(StagingState {
                    work_center: wc,
                    rows,
                    selected,
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn staging_action(&mut self, action: Action) {
        let Screen::Staging(s) = &self.screen else {
            return;
        };
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_staging(),
            Action::Transfer => {
                let Some(row) = s.rows.get(s.selected) else {
                    return;
                };
                let (item, to) = (row.item.clone(), row.location.clone());
                self.overlays.push(Overlay::Prompt {
                    title: format!("Bring {item} to {to} from which location?"),
                    field: Field::new(FieldKind::Text, ""),
                    kind: PromptKind::TransferFrom { item, to },
                    error: None,
                });
            }
            _ => {}
        }
    }

    /// Applies an override; one the engine refuses is taken back and its reason returned.
    fn set_override(&mut self, line: &str, change: Change) -> Result<(), String> {
        let Screen::Report(r) = &mut self.screen else {
            return Ok(());
        };
        let before = r.overrides.clone();
        let same_kind = std::mem::discriminant(&change);
        r.overrides.retain(|o| {
            !(o.key == line
                && (std::mem::discriminant(&o.change) == same_kind || o.change == Change::Skip))
        });
        r.overrides.push(Override {
            key: line.to_string(),
            change,
        });
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

    fn set_location(&mut self, line: &str, location: &str) {
        let Screen::Report(r) = &mut self.screen else {
            return;
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
                Ok(_) => return self.error(format!("unknown location {location}")),
                Err(e) => return self.error(e.to_string()),
            }
        }
        if let Err(e) = self.set_override(line, Change::Location(location.to_string())) {
            self.error(e);
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
