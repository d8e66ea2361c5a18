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
            let height = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
            let popup = area.centered(Constraint::Percentage(80), Constraint::Length(height));
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(text)
                    .block(titled(theme, format!(" {title} ")))
                    .style(theme.base)
                    .wrap(Wrap { trim: false }),
                popup,
            );
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
            let height = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
            let popup = area.centered(Constraint::Percentage(70), Constraint::Length(height));
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(text)
                    .block(titled(theme, format!(" {title} ")))
                    .style(theme.base)
                    .wrap(Wrap { trim: false }),
                popup,
            );
        }
    }
}
