//! What sits on top: help, confirmations, prompts and messages.

use super::*;

pub(super) fn render_overlay(app: &App, overlay: &Overlay, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    match overlay {
        Overlay::Help(context) => {
            let lines: Vec<Line<'_>> = keymap::bindings(*context)
                .map(|b| {
                    Line::from(vec![
                        Span::styled(format!(" {:>6}  ", b.label), theme.key),
                        Span::raw(b.desc),
                    ])
                })
                .collect();
            let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
            let popup = area.centered(Constraint::Length(64), Constraint::Length(height));
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(lines)
                    .block(titled(theme, " Keys (Esc closes) "))
                    .style(theme.base),
                popup,
            );
        }
        Overlay::Confirm { title, lines, .. } | Overlay::Message { title, lines, .. } => {
            let mut text: Vec<Line<'_>> =
                lines.iter().map(|l| Line::from(format!(" {l}"))).collect();
            text.push(Line::from(""));
            let (hint, style) = match overlay {
                Overlay::Confirm { .. } => (" Enter: yes   Esc: no", theme.key),
                Overlay::Message {
                    severity: Severity::Error,
                    ..
                } => (" Enter: close", theme.error),
                _ => (" Enter: close", theme.key),
            };
            text.push(Line::from(Span::styled(hint, style)));
            popup(app, frame, area, title, text, 80);
        }
        Overlay::Prompt {
            title,
            field,
            error,
            ..
        } => {
            let mut text = vec![
                Line::from(Span::styled(format!(" {}▏", field.shown()), theme.focus)),
                Line::from(""),
            ];
            if let Some(e) = error {
                text.push(Line::from(Span::styled(format!(" {e}"), theme.error)));
            }
            text.push(Line::from(Span::styled(
                " Enter: apply   Esc: cancel",
                theme.key,
            )));
            popup(app, frame, area, title, text, 70);
        }
    }
}

/// A titled box over the screen, `percent` of its width and as tall as its text.
fn popup(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    text: Vec<Line<'_>>,
    percent: u16,
) {
    let height = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
    let rect = area.centered(Constraint::Percentage(percent), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text)
            .block(titled(&app.theme, format!(" {title} ")))
            .style(app.theme.base)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
