//! The login box, as a widget.

use super::{Buffer, Constraint, Layout, Line, Paragraph, Rect, Span, Text, Theme, Widget, titled};
use super::{cells, fit};
use crate::demo::DemoUser;
use crate::tui::app::LoginState;
use crate::tui::i18n::{Msg, t};
use crate::tui::strings;

/// Badge and PIN, and on a demo store who may log in with what.
pub struct LoginView<'a> {
    pub state: &'a LoginState,
    pub theme: &'a Theme,
    /// The demo's badges, names, roles, PINs and languages (empty on a real plant).
    pub demo_users: &'a [DemoUser],
}

/// The box's width in cells: room for the longest label and the field in every language.
const BOX_WIDTH: u16 = 56;

impl Widget for LoginView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (l, theme) = (self.state, self.theme);
        let demo_rows = u16::try_from(self.demo_users.len()).unwrap_or(0);
        let demo_height = if demo_rows == 0 { 0 } else { demo_rows + 2 };
        let [box_area, demo_area] = area
            .centered(
                Constraint::Length(BOX_WIDTH),
                Constraint::Length(9 + demo_height),
            )
            .layout(&Layout::vertical([
                Constraint::Length(9),
                Constraint::Length(demo_height),
            ]));
        let inner = usize::from(BOX_WIDTH - 2);
        let (badge, pin) = (t(Msg::LoginBadge), t(Msg::LoginPin));
        let label_width = cells(&badge).max(cells(&pin));
        let field = |label: &str, shown: String, focused: bool| {
            let style = if focused { theme.focus } else { theme.base };
            let pad = " ".repeat(label_width.saturating_sub(cells(label)) + 1);
            Line::from(vec![
                Span::raw(format!("{pad}{label}: ")),
                Span::styled(format!(" {shown:<20}"), style),
            ])
        };
        let text = Text::from(vec![
            Line::from(fit(&t(Msg::LoginHint), inner)).style(theme.muted),
            Line::from(""),
            field(&badge, l.badge.shown(), !l.on_pin),
            Line::from(""),
            field(&pin, l.pin.shown(), l.on_pin),
        ]);
        Paragraph::new(text)
            .block(titled(theme, format!(" {} ", t(Msg::LoginTitle))))
            .render(box_area, buf);
        if demo_height > 0 {
            // Only a demo store shows who may log in with what, and the language each badge
            // speaks: a real plant never does.
            let lines: Vec<Line<'_>> = self
                .demo_users
                .iter()
                .map(|u| {
                    let role = strings::role_word(&u.role);
                    let row = format!(
                        " {:<6} {} {:<6} {} ({role}) · {}",
                        u.badge,
                        t(Msg::LoginPin),
                        u.pin,
                        u.name,
                        u.language
                    );
                    Line::from(fit(&row, inner))
                })
                .collect();
            Paragraph::new(lines)
                .style(theme.muted)
                .block(titled(
                    theme,
                    format!(" {} ", fit(&t(Msg::LoginDemoTitle), inner - 2)),
                ))
                .render(demo_area, buf);
        }
    }
}
