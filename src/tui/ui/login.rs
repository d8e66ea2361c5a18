//! The login box, as a widget.

use super::{Buffer, Constraint, Layout, Line, Paragraph, Rect, Span, Text, Theme, Widget, titled};
use crate::tui::app::LoginState;

/// Badge and PIN, and on a demo store who may log in with what.
pub struct LoginView<'a> {
    pub state: &'a LoginState,
    pub theme: &'a Theme,
    /// The demo's badges, names, roles and PINs (empty on a real plant).
    pub demo_users: &'a [(String, String, String, String)],
}

impl Widget for LoginView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (l, theme) = (self.state, self.theme);
        let demo_rows = u16::try_from(self.demo_users.len()).unwrap_or(0);
        let demo_height = if demo_rows == 0 { 0 } else { demo_rows + 3 };
        let [box_area, demo_area] = area
            .centered(Constraint::Length(50), Constraint::Length(9 + demo_height))
            .layout(&Layout::vertical([
                Constraint::Length(9),
                Constraint::Length(demo_height),
            ]));
        let field = |label: &str, shown: String, focused: bool| {
            let style = if focused { theme.focus } else { theme.base };
            Line::from(vec![
                Span::raw(format!("{label:>7}: ")),
                Span::styled(format!(" {shown:<20}"), style),
            ])
        };
        let text = Text::from(vec![
            Line::from("Scan your badge, then type your PIN.").style(theme.muted),
            Line::from(""),
            field("Badge", l.badge.shown(), !l.on_pin),
            Line::from(""),
            field("PIN", l.pin.shown(), l.on_pin),
        ]);
        Paragraph::new(text)
            .block(titled(theme, " Log in "))
            .render(box_area, buf);
        if demo_height > 0 {
            // Only a demo store shows who may log in with what: a real plant never does.
            let lines: Vec<Line<'_>> = self
                .demo_users
                .iter()
                .map(|(badge, name, role, pin)| {
                    Line::from(format!(" {badge:<6} PIN {pin:<6} {name} ({role})"))
                })
                .collect();
            Paragraph::new(lines)
                .style(theme.muted)
                .block(titled(theme, " Demo badges "))
                .render(demo_area, buf);
        }
    }
}
