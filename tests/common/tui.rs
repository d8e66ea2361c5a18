//! The terminal on the demo plant, driven key by key: what the terminal test files share.

use backflush::config::Config;
use backflush::tui::app::{App, Screen};
use backflush::tui::theme::Theme;
use backflush::tui::ui;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The terminal of T1 at the assembly line, on a temporary store holding the demo plant.
pub struct Demo {
    pub _dir: tempfile::TempDir,
    pub app: App,
}

pub fn demo() -> Demo {
    let mut config = Config::default();
    config.terminal.id = "T1".into();
    config.terminal.work_center = "WC-ASM".into();
    let (dir, service) = super::demo(config);
    let theme = Theme::new(backflush::config::ThemeName::Default, false);
    let app = App::new(service, theme).unwrap();
    Demo { _dir: dir, app }
}

/// One key, and the work it starts done (as the event loop does between frames).
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::from(code));
    while app.pending_work() {}
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn login(app: &mut App, badge: &str, pin: &str) {
    type_text(app, badge);
    press(app, KeyCode::Enter);
    type_text(app, pin);
    press(app, KeyCode::Enter);
}

/// The order's report, through its operations where it has several.
pub fn open_report(app: &mut App, order: &str) {
    type_text(app, order);
    press(app, KeyCode::Enter);
    if matches!(app.screen, Screen::Operations(_)) {
        press(app, KeyCode::Enter);
    }
    assert!(matches!(app.screen, Screen::Report(_)));
}

/// The screen at `width`×`height` as text, one line per row.
pub fn screen_at(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
