//! Rendering: pure functions of the [`App`] state onto a frame. No I/O, no store access.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, BorderType, Cell, Clear, Paragraph, Row, Scrollbar, ScrollbarOrientation,
    ScrollbarState, Table, TableState, Wrap,
};

use super::app::{App, Focus, Overlay, Screen, Severity};
use super::keymap::{self, Context};
use super::theme::Theme;
use crate::domain::backflush::{LineStatus, PlannedLine, ReportPlan};
use crate::domain::master::Per;
use crate::domain::qty::canonical;

mod exceptions;
mod history;
mod login;
mod orders;
mod overlay;
mod report;
mod staging;

pub use report::explain;

/// Draws the whole terminal.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    frame.render_widget(Block::new().style(app.theme.base), area);
    let [status, body, message, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    render_status_bar(app, frame, status);
    match &app.screen {
        Screen::Login(l) => login::render_login(app, l, frame, body),
        Screen::Orders(_) => orders::render_orders(app, frame, body),
        Screen::Operations(_) => orders::render_operations(app, frame, body),
        Screen::Report(_) => report::render_report(app, frame, body),
        Screen::History(_) => history::render_history(app, frame, body),
        Screen::Staging(_) => staging::render_staging(app, frame, body),
        Screen::Exceptions(_) => exceptions::render_exceptions(app, frame, body),
        Screen::Detail(_) => history::render_detail(app, frame, body),
    }
    render_message(app, frame, message);
    render_footer(&app.theme, app.context(), frame, footer);
    for overlay in &app.overlays {
        overlay::render_overlay(app, overlay, frame, area);
    }
}

fn render_status_bar(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let user = match &app.session.badge {
        Some(badge) => format!(
            "{} ({badge}, {})",
            app.session.name,
            app.session.role.map_or("", |r| r.as_str())
        ),
        None if matches!(app.screen, Screen::Login(_)) => "not logged in".to_string(),
        None => "open terminal".to_string(),
    };
    let wc = if app.all_work_centers {
        "all work centers".to_string()
    } else {
        app.current_work_center().map_or_else(
            || "no work center".into(),
            |w| format!("{} {}", w.work_center, w.description),
        )
    };
    let time = app.now.with_timezone(&Local).format("%H:%M").to_string();
    let width = usize::from(area.width);
    // The clock always shows; the left part gives way on a narrow screen.
    let left: String = format!(" backflush │ {} │ {wc} │ {user}", app.service.terminal())
        .chars()
        .take(width.saturating_sub(time.len() + 2))
        .collect();
    let pad = width.saturating_sub(left.chars().count() + time.len() + 1);
    let text = format!("{left}{}{time} ", " ".repeat(pad));
    frame.render_widget(Paragraph::new(text).style(app.theme.status_bar), area);
}

fn render_message(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some((text, severity)) = &app.status else {
        return;
    };
    let style = match severity {
        Severity::Error => app.theme.error,
        Severity::Success => app.theme.ok,
        Severity::Info => app.theme.muted,
    };
    frame.render_widget(Paragraph::new(format!(" {text}")).style(style), area);
}

fn render_footer(theme: &Theme, context: Context, frame: &mut Frame<'_>, area: Rect) {
    let mut spans = Vec::new();
    // Help first, so it stays visible when a narrow screen cuts the hints.
    let mut hints: Vec<_> = keymap::bindings(context)
        .filter(|b| !b.hint.is_empty())
        .collect();
    hints.sort_by_key(|b| b.action != keymap::Action::Help);
    for b in hints {
        spans.push(Span::styled(b.label, theme.key));
        spans.push(Span::styled(format!(" {}  ", b.hint), theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn titled<'a>(theme: &Theme, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(title.into().style(theme.title))
}

/// A table's header row and widths from one list, so a column's title and width cannot
/// drift apart.
fn columns<'a>(theme: &Theme, columns: &[(&'a str, Constraint)]) -> (Row<'a>, Vec<Constraint>) {
    let header = Row::new(columns.iter().map(|(title, _)| *title)).style(theme.header);
    (header, columns.iter().map(|(_, width)| *width).collect())
}

fn right(text: String) -> Text<'static> {
    Text::from(text).right_aligned()
}
