//! The terminal's state and what keys do to it. Rendering lives in [`super::ui`]; postings go
//! through the [`Service`], the same one the command line uses.
//!
//! This file holds the [`App`]: the [`State`] every frame is drawn from, and the [`Service`]
//! that only the effects reach (the drawing code is handed the state alone, so a screen
//! cannot read the store while it is drawn). Where a key goes is in `keys`, what an
//! overlay does with it in `prompts`, a lead's approval in `approval`, and each screen's
//! state and actions in its own module.
//!
//! The shape: a screen's key (or the value of a prompt it opened) goes to its state's
//! `on_action`/`on_prompt`, which changes that state and returns an [`Effect`] naming what
//! else is wanted — a service call, another screen, an overlay; `effects` is the one place
//! that runs effects against the [`Service`] and hands the results back to the screens.
//! Every screen has this shape, the report too (its preview comes from a [`Planner`], so
//! its tests need no store either).

use std::collections::HashMap;

use crate::domain::qty::{Hours, Quantity};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::field::{Field, FieldKind};
use super::i18n::{self, Msg};
use super::keymap::{self, Action, Context};
use super::strings;
use super::theme::Theme;
use crate::domain::backflush::{Change, Override, ReportPlan, ReportRequest};
use crate::domain::language::{self, Language, Locale};
use crate::domain::master::WorkCenter;
use crate::domain::qty::{canonical, parse};
use crate::domain::text::printable;
use crate::service::auth::{LeadRule, Role};
use crate::service::{Approver, OrderSummary, ReportRow};
use crate::service::{
    AuthError, Credentials, ReasonKind, ReportContext, Service, ServiceError, new_idempotency_key,
};

mod approval;
mod effects;
mod exceptions;
mod health;
mod history;
mod keys;
mod login;
mod orders;
mod overlay;
mod prompts;
mod report;
mod staging;
mod trace;
mod variance;

pub use effects::{Choices, Effect};
pub use exceptions::ExceptionsState;
pub use health::HealthState;
pub use history::{DetailState, HistoryState};
pub use login::LoginState;
pub use orders::{OperationsState, OrdersState};
use overlay::picked;
pub use overlay::{Choice, Marks, Overlay, Pending, PromptKind, Severity, filter_choices};
pub use report::{Focus, Planner, ReportState};
pub use staging::StagingState;
pub use trace::TraceState;
pub use variance::{CloseDraft, MaterialRow, VarianceState};

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

/// What the terminal shows: every screen's state, the overlays, who is logged in and what
/// else a frame draws. It holds nothing that reads the store, so the drawing code, which gets
/// only this, cannot reach the service; what a screen needs from the store is read by an
/// effect when the screen opens or changes.
pub struct State {
    pub theme: Theme,
    pub session: Session,
    /// This terminal's id, as the status bar shows it.
    pub terminal: String,
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
    pub demo_users: Vec<crate::demo::DemoUser>,
    /// How far from planned an operator may override alone, in percent: read from the store
    /// when a report opens.
    pub tolerance_pct: rust_decimal::Decimal,
    /// The language the screen speaks now: the user's, else the terminal's.
    pub language: Language,
    /// The terminal's own language (before login, in open mode, for a user without one):
    /// `[terminal] language`, else the locale.
    pub terminal_language: Language,
    /// How many rows the screen's list showed in the last frame: what a page key moves by.
    /// The drawing code sets it (the one thing a frame writes), so a page is this screen's.
    pub list_rows: std::cell::Cell<usize>,
    /// How far the help overlay is scrolled, in lines (a long help pages).
    pub help_offset: usize,
}

/// The whole terminal: its [`State`] and the [`Service`] its effects run against. Keys and
/// effects work on both; the state is borrowed through `Deref` so that they read as
/// `self.screen`, while the drawing code is handed the state alone.
pub struct App {
    pub service: Service,
    state: State,
    /// A lead's approval kept for the write being retried.
    approver: Option<Approver>,
    pending_after_approval: Option<Pending>,
}

impl std::ops::Deref for App {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.state
    }
}

impl App {
    /// What a failed call says, naming the store's file where the failure is the store's.
    pub(crate) fn said(&self, e: &ServiceError) -> String {
        let named = e.named_at(self.service.store_path());
        strings::refusal(named.as_ref().unwrap_or(e))
    }

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
        let terminal_language =
            language::choose(None, service.config().terminal_language(), &locale());
        let state = State {
            theme,
            session: Session::default(),
            terminal: service.terminal().to_string(),
            work_centers,
            work_center,
            all_work_centers: false,
            screen: Screen::Login(LoginState::default()),
            overlays: Vec::new(),
            status: None,
            now,
            last_key: now,
            should_quit: false,
            demo_users: Vec::new(),
            tolerance_pct: service.override_tolerance_pct(),
            language: terminal_language,
            terminal_language,
            list_rows: std::cell::Cell::new(10),
            help_offset: 0,
        };
        i18n::set_language(terminal_language);
        let mut app = App {
            service,
            state,
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
                i18n::tr(
                    Msg::StatusUnknownWorkCenter,
                    &[("code", configured.as_str().into())],
                ),
                Severity::Error,
            ));
        }
        if app.service.is_demo()? {
            app.demo_users = crate::demo::users();
        }
        if !needs_login {
            app.session.name = app.terminal.clone();
            app.open_orders();
        }
        Ok(app)
    }

    fn credentials(&self) -> Credentials {
        Credentials {
            badge: self.session.badge.clone(),
            pin: self.session.pin.clone(),
            approver: self.approver.clone(),
        }
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
            self.status = Some((i18n::t(Msg::StatusIdleLogout), Severity::Info));
        }
    }

    fn logout(&mut self) {
        self.session = Session::default();
        let home = self.terminal_language;
        self.set_language(home);
        self.approver = None;
        self.overlays.clear();
        if self.service.has_users().unwrap_or(false) {
            self.screen = Screen::Login(LoginState::default());
        }
    }
}

/// The environment's locale variables.
fn locale() -> Locale {
    let var = |name| std::env::var(name).ok();
    Locale {
        lc_all: var("LC_ALL"),
        lc_messages: var("LC_MESSAGES"),
        lang: var("LANG"),
    }
}

impl State {
    /// Speaks `language` from now on: the words made from here and every frame drawn.
    pub fn set_language(&mut self, language: Language) {
        self.language = language;
        i18n::set_language(language);
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
    /// larger than `override_tolerance_pct`, shown the moment it is typed.
    #[must_use]
    pub fn needs_lead(&self, line: &crate::domain::backflush::PlannedLine) -> bool {
        self.lead_rule().needs_lead(line)
    }

    /// Which overrides of the user logged in a lead must sign.
    #[must_use]
    pub fn lead_rule(&self) -> LeadRule {
        LeadRule::new(self.session.role, self.tolerance_pct)
    }

    /// Why the user logged in may not `what` (`action`), or `None` when they may: the
    /// permission table's answer, worded for the terminal. An open terminal (no users) may do
    /// everything.
    fn role_refusal(
        &self,
        action: crate::service::auth::Permission,
        what: super::i18n::Msg,
    ) -> Option<String> {
        let refused = action.check(self.session.role, false).err()?;
        let badge = self.session.badge.as_deref().unwrap_or_default();
        Some(strings::may_not(badge, &refused, &super::i18n::t(what)))
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
        tracing::warn!(
            "{}: {}",
            printable(&self.who_for_log()),
            printable(&message)
        );
        self.status = Some((message, Severity::Error));
    }

    /// Records what happened at this terminal in the log file (never a PIN).
    fn note(&mut self, message: String) {
        tracing::info!(
            "{}: {}",
            printable(&self.who_for_log()),
            printable(&message)
        );
        self.status = Some((message, Severity::Success));
    }

    fn who_for_log(&self) -> String {
        self.session
            .badge
            .clone()
            .unwrap_or_else(|| self.terminal.clone())
    }
}
