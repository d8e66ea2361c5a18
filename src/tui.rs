//! The operator's full-screen terminal (ratatui + crossterm). It renders state and turns keys
//! into actions; every posting goes through [`crate::service`], as the command line's do.
//!
//! The loop is synchronous: draw → wait for a key (or the clock tick) → update → draw. Each
//! screen is a widget over its state ([`ui`]); its keys go to its state, which returns an
//! [`app::Effect`] that one place runs against the service ([`app`]).

pub mod app;
pub mod field;
pub mod i18n;
pub mod keymap;
pub mod strings;
pub mod theme;
pub mod ui;

use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

use crate::service::{Service, ServiceError};
use app::App;
use theme::Theme;

/// Runs the terminal until the user quits. The terminal is restored on every exit path,
/// panics included (ratatui's hook).
///
/// # Errors
/// The store fails at start, or the terminal cannot be drawn or read.
pub fn run(service: Service) -> Result<(), String> {
    let theme = Theme::from_env(service.config().terminal.theme);
    let mut app = App::new(service, theme).map_err(|e: ServiceError| strings::refusal(&e))?;
    // A panic goes to the log file; ratatui's hook, installed on top, restores the terminal
    // first.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.to_string();
        tracing::error!("panic: {}", crate::domain::text::printable(&text));
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result.map_err(|e| format!("terminal error: {e}"))
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    while !app.should_quit {
        terminal.draw(|frame| ui::render(app, frame))?;
        // Background work (shortage flags) runs between frames unless a key is waiting.
        if !event::poll(Duration::ZERO)? && app.pending_work() {
            continue;
        }
        if !event::poll(Duration::from_millis(1000))? {
            app.tick(chrono::Utc::now());
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.is_press() || key.is_repeat() => {
                app.handle_key(key);
            }
            // A resize is drawn by the next pass of the loop.
            _ => {}
        }
    }
    Ok(())
}
