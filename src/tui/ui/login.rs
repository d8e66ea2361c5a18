//! The login box.

use super::*;

pub(super) fn render_login(
    app: &App,
    l: &crate::tui::app::LoginState,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let theme = &app.theme;
    let box_area = area.centered(Constraint::Length(50), Constraint::Length(9));
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
    frame.render_widget(
        Paragraph::new(text).block(titled(theme, " Log in ")),
        box_area,
    );
}
