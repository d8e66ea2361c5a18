//! Semantic styles. Colours that read on a dim shop-floor screen; a high-contrast theme;
//! `NO_COLOR` honoured (meaning then rides on bold, reverse and underline alone).

use ratatui::style::{Color, Modifier, Style};

use crate::config;

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub muted: Style,
    pub selected: Style,
    pub header: Style,
    pub status_bar: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub manual: Style,
    pub skipped: Style,
    pub focus: Style,
    pub key: Style,
}

impl Theme {
    /// The theme of the configuration, without colour when `no_color`.
    #[must_use]
    pub fn new(choice: config::ThemeName, no_color: bool) -> Self {
        if no_color {
            return Self::monochrome();
        }
        match choice {
            config::ThemeName::Default => Self::default_colors(),
            config::ThemeName::HighContrast => Self::high_contrast(),
        }
    }

    /// Reads `NO_COLOR` from the environment.
    #[must_use]
    pub fn from_env(choice: config::ThemeName) -> Self {
        Self::new(
            choice,
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        )
    }

    fn default_colors() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new(),
            title: Style::new().fg(Color::Cyan).add_modifier(bold),
            muted: Style::new().fg(Color::Gray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            header: Style::new().fg(Color::Yellow).add_modifier(bold),
            status_bar: Style::new().fg(Color::Black).bg(Color::Cyan),
            ok: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow).add_modifier(bold),
            error: Style::new().fg(Color::LightRed).add_modifier(bold),
            manual: Style::new().fg(Color::LightBlue),
            skipped: Style::new().fg(Color::DarkGray),
            focus: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            key: Style::new().fg(Color::Cyan).add_modifier(bold),
        }
    }

    fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new().fg(Color::White).bg(Color::Black),
            title: Style::new()
                .fg(Color::White)
                .add_modifier(bold | Modifier::UNDERLINED),
            muted: Style::new().fg(Color::White),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            header: Style::new()
                .fg(Color::White)
                .add_modifier(bold | Modifier::UNDERLINED),
            status_bar: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            ok: Style::new().fg(Color::LightGreen).add_modifier(bold),
            warn: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            manual: Style::new().fg(Color::LightCyan).add_modifier(bold),
            skipped: Style::new()
                .fg(Color::White)
                .add_modifier(Modifier::CROSSED_OUT),
            focus: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            key: Style::new().fg(Color::LightYellow).add_modifier(bold),
        }
    }

    fn monochrome() -> Self {
        let plain = Style::new();
        Theme {
            base: plain,
            title: plain.add_modifier(Modifier::BOLD),
            muted: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            status_bar: plain.add_modifier(Modifier::REVERSED),
            ok: plain,
            warn: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            manual: plain.add_modifier(Modifier::ITALIC),
            skipped: plain.add_modifier(Modifier::CROSSED_OUT),
            focus: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
        }
    }
}
