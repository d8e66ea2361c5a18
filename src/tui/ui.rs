//! Rendering: pure functions of the terminal's [`State`] onto a frame. No I/O, no store
//! access: the state holds no service to reach the store through.
//!
//! Each screen is a widget: a small view struct over its state and the theme (and what else
//! it shows, such as the demo's badges at login), drawn with `frame.render_widget`. So is
//! each overlay ([`OverlayView`]). The status bar, the message line and the footer, which
//! read the whole [`State`], stay functions of it.

use chrono::Local;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, BorderType, Cell, Clear, Padding, Paragraph, Row, Scrollbar, ScrollbarOrientation,
    ScrollbarState, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::app::{Focus, Overlay, Screen, Severity, State};
use super::keymap::{self, Context};
use super::theme::Theme;
use crate::domain::backflush::{LineStatus, PlannedLine, ReportPlan};
use crate::domain::master::Per;
use crate::domain::qty::Quantity;

mod exceptions;
mod health;
mod history;
mod layout;
mod login;
mod orders;
mod overlay;
mod report;
mod staging;
mod trace;
mod variance;

pub use exceptions::ExceptionsView;
pub use health::HealthView;
pub use history::{DetailView, HistoryView};
use layout::{List, render_list};
pub use layout::{Window, bar, cells, fit, fit_rows, pad, wrap};
pub use login::LoginView;
pub use orders::{OperationsView, OrdersView};
pub use overlay::OverlayView;
pub use report::{ReportView, explain};
pub use staging::StagingView;
pub use trace::TraceView;
pub use variance::VarianceView;

/// Draws the whole terminal.
pub fn render(app: &State, frame: &mut Frame<'_>) {
    // Every word of the frame in the language of the state drawn.
    super::i18n::set_language(app.language);
    let area = frame.area();
    frame.render_widget(Block::new().style(app.theme.base), area);
    // A refusal is read whole: the message line grows to as many rows as it needs (three at
    // most), taken from the screen above it, rather than cutting off what to do next.
    let message_lines = message(app).map_or_else(Vec::new, |(text, _)| {
        fit_rows(
            wrap(&text, usize::from(area.width).saturating_sub(1)),
            usize::from(area.width).saturating_sub(1),
            MESSAGE_ROWS,
        )
    });
    let message_rows = u16::try_from(message_lines.len().max(1)).unwrap_or(1);
    let [status, body, message_area, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(message_rows),
        Constraint::Length(1),
    ]));
    render_status_bar(app, frame, status);
    let theme = &app.theme;
    let shown = &app.list_rows;
    match &app.screen {
        Screen::Login(state) => frame.render_widget(
            LoginView {
                state,
                theme,
                demo_users: &app.demo_users,
            },
            body,
        ),
        Screen::Orders(state) => frame.render_widget(
            OrdersView {
                state,
                theme,
                no_plant: app.work_centers.is_empty(),
                all_work_centers: app.all_work_centers,
                shown,
            },
            body,
        ),
        Screen::Operations(state) => frame.render_widget(OperationsView { state, theme }, body),
        Screen::Report(state) => frame.render_widget(ReportView::new(app, state), body),
        Screen::History(state) => {
            frame.render_widget(
                HistoryView {
                    state,
                    theme,
                    shown,
                },
                body,
            );
        }
        Screen::Staging(state) => {
            frame.render_widget(
                StagingView {
                    state,
                    theme,
                    shown,
                },
                body,
            );
        }
        Screen::Exceptions(state) => {
            frame.render_widget(
                ExceptionsView {
                    state,
                    theme,
                    shown,
                },
                body,
            );
        }
        Screen::Detail(state) => frame.render_widget(
            DetailView {
                state,
                theme,
                shown,
            },
            body,
        ),
        Screen::Variance(state) => {
            frame.render_widget(
                VarianceView {
                    state,
                    theme,
                    shown,
                },
                body,
            );
        }
        Screen::Health(state) => frame.render_widget(
            HealthView {
                state,
                theme,
                shown,
            },
            body,
        ),
        Screen::Trace(state) => frame.render_widget(TraceView { state, theme }, body),
    }
    render_message(app, &message_lines, frame, message_area);
    render_footer(&app.theme, app.context(), frame, footer);
    for overlay in &app.overlays {
        let help_offset = app.help_offset;
        frame.render_widget(
            OverlayView {
                overlay,
                theme,
                help_offset,
            },
            area,
        );
    }
}

fn render_status_bar(app: &State, frame: &mut Frame<'_>, area: Rect) {
    use super::i18n::{Msg, t};
    let user = match &app.session.badge {
        Some(badge) => format!(
            "{} ({badge}, {})",
            app.session.name,
            app.session
                .role
                .map_or_else(String::new, super::strings::role)
        ),
        None if matches!(app.screen, Screen::Login(_)) => t(Msg::StatusNotLoggedIn),
        None => t(Msg::StatusOpenTerminal),
    };
    let wc = if app.all_work_centers {
        t(Msg::StatusAllWorkCenters)
    } else {
        app.current_work_center().map_or_else(
            || t(Msg::StatusNoWorkCenter),
            |w| format!("{} {}", w.work_center, w.description),
        )
    };
    let time = app.now.with_timezone(&Local).format("%H:%M").to_string();
    let width = usize::from(area.width);
    let room = width.saturating_sub(cells(&time) + 2);
    // The clock and the user always show; on a narrow screen the work center's description
    // gives way first, then the program's name.
    let terminal = &app.terminal;
    let code = if app.all_work_centers {
        wc.clone()
    } else {
        app.current_work_center()
            .map_or_else(|| wc.clone(), |w| w.work_center.clone())
    };
    let left = [
        format!(" backflush │ {terminal} │ {wc} │ {user}"),
        format!(" backflush │ {terminal} │ {code} │ {user}"),
        format!(" {terminal} │ {code} │ {user}"),
    ]
    .into_iter()
    .find(|l| cells(l) <= room)
    .unwrap_or_else(|| fit(&format!(" {user}"), room));
    let pad = width.saturating_sub(cells(&left) + cells(&time) + 1);
    let text = format!("{left}{}{time} ", " ".repeat(pad));
    frame.render_widget(Paragraph::new(text).style(app.theme.status_bar), area);
}

/// The most rows the message line takes from the screen above it.
const MESSAGE_ROWS: usize = 3;

/// The message line's text and how it reads: the status, else on the board what the last post
/// did (kept until another message or screen replaces it).
fn message(app: &State) -> Option<(String, Severity)> {
    if let Some((text, severity)) = &app.status {
        return Some((text.clone(), *severity));
    }
    match &app.screen {
        Screen::Orders(o) => o.posted.clone().map(|p| (p, Severity::Success)),
        _ => None,
    }
}

fn render_message(app: &State, lines: &[String], frame: &mut Frame<'_>, area: Rect) {
    let Some((_, severity)) = message(app) else {
        return;
    };
    let style = match severity {
        Severity::Error => app.theme.error,
        Severity::Success => app.theme.ok,
        Severity::Info => app.theme.muted,
    };
    // Past three rows the message ends with `…`, never mid-sentence without a mark.
    let text: Vec<Line<'_>> = lines.iter().map(|l| Line::from(format!(" {l}"))).collect();
    frame.render_widget(Paragraph::new(text).style(style), area);
}

fn render_footer(theme: &Theme, context: Context, frame: &mut Frame<'_>, area: Rect) {
    let width = |hs: &[(&str, String)]| -> usize {
        hs.iter()
            .map(|(label, hint)| cells(label) + cells(hint) + 3)
            .sum()
    };
    let all: Vec<&keymap::Binding> = keymap::bindings(context)
        .filter(|b| b.hint.is_some())
        .collect();
    let help = all.iter().find(|b| b.action == keymap::Action::Help);
    // Quit last, so it stays when a narrow screen has no room for every hint.
    let mut keys: Vec<&keymap::Binding> = all
        .iter()
        .copied()
        .filter(|b| b.action != keymap::Action::Help)
        .collect();
    keys.sort_by_key(|b| b.action == keymap::Action::Quit);
    let quits = keys
        .last()
        .is_some_and(|b| b.action == keymap::Action::Quit);
    let mut hints: Vec<(&str, String)> = keys.iter().map(|b| (b.label, b.hint())).collect();
    let room = usize::from(area.width);
    let shown = match help {
        // Everything fits: help first, as the help names every key.
        Some(h) if width(&hints) + cells(h.label) + cells(&h.hint()) + 3 <= room => {
            let mut shown = vec![(h.label, h.hint())];
            shown.extend(hints);
            shown
        }
        // Not every key fits: those that do (quit kept last) and then where the rest are.
        Some(h) => {
            let more = (
                h.label,
                crate::tui::i18n::t(crate::tui::i18n::Msg::FooterMore),
            );
            let kept = usize::from(quits);
            while width(&hints) + cells(more.0) + cells(&more.1) + 3 > room && hints.len() > kept {
                hints.remove(hints.len() - 1 - kept);
            }
            hints.push(more);
            hints
        }
        None => hints,
    };
    let mut spans = Vec::new();
    for (label, hint) in shown {
        spans.push(Span::styled(label, theme.key));
        spans.push(Span::styled(format!(" {hint}  "), theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn titled<'a>(theme: &Theme, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(title.into().style(theme.title))
}

/// A table's header row and widths from one list, so a column's title and width cannot
/// drift apart. A title written with leading spaces is a number column's: right-aligned. A
/// title longer than its fixed width (a translation) is cut with `…`.
fn columns<S: AsRef<str>>(
    theme: &Theme,
    columns: &[(S, Constraint)],
) -> (Row<'static>, Vec<Constraint>) {
    let header = Row::new(columns.iter().map(|(title, width)| {
        let title = title.as_ref();
        let shown = match width {
            Constraint::Length(n) => fit(title.trim_start(), usize::from(*n)),
            _ => title.trim_start().to_string(),
        };
        if title.starts_with(' ') {
            Cell::from(Text::from(shown).right_aligned())
        } else {
            Cell::from(shown)
        }
    }))
    .style(theme.header);
    (header, columns.iter().map(|(_, width)| *width).collect())
}

/// A column's header in the current language.
fn head(msg: super::i18n::Msg) -> String {
    super::i18n::t(msg)
}

/// A number column's header in the current language: right-aligned (see [`columns`]).
fn num_head(msg: super::i18n::Msg) -> String {
    format!(" {}", super::i18n::t(msg))
}

/// A count given to a message (it picks the plural form).
fn count(n: usize) -> super::i18n::Arg {
    super::i18n::Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A number given to a message, as the current language writes it.
fn num(value: impl Shown) -> super::i18n::Arg {
    super::i18n::Arg::Text(value.shown())
}

/// A right-aligned cell text: a number as the operator's language writes it, or text as it is.
fn right(value: impl Shown) -> Text<'static> {
    Text::from(value.shown()).right_aligned()
}

/// A value as a screen shows it: numbers with the language's decimal separator (quantities
/// and hours as they are, money with two decimals), text as it is.
pub trait Shown {
    fn shown(&self) -> String;
}

impl Shown for Quantity {
    fn shown(&self) -> String {
        super::i18n::number(self.0)
    }
}

impl Shown for crate::domain::qty::Hours {
    fn shown(&self) -> String {
        super::i18n::number(self.0)
    }
}

impl Shown for crate::domain::qty::Money {
    fn shown(&self) -> String {
        super::i18n::money(self.0)
    }
}

impl Shown for rust_decimal::Decimal {
    fn shown(&self) -> String {
        super::i18n::number(*self)
    }
}

impl Shown for String {
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Shown for &str {
    fn shown(&self) -> String {
        (*self).to_string()
    }
}
