//! What sits on top: help, confirmations, prompts and messages, as a widget over the whole
//! screen.
use super::{
    Buffer, Clear, Constraint, Context, Line, Overlay, Padding, Paragraph, Rect, Severity, Span,
    Theme, Widget, Wrap, keymap, titled,
};

/// One overlay, drawn over the screen (`area` is the whole screen: the box centres in it).
pub struct OverlayView<'a> {
    pub overlay: &'a Overlay,
    pub theme: &'a Theme,
}

impl Widget for OverlayView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_overlay(self.theme, self.overlay, buf, area);
    }
}

fn render_overlay(theme: &Theme, overlay: &Overlay, buf: &mut Buffer, area: Rect) {
    match overlay {
        Overlay::Help(context) => render_help(theme, *context, buf, area),
        Overlay::Confirm { title, lines, .. } | Overlay::Message { title, lines, .. } => {
            let mut text: Vec<Line<'_>> = lines.iter().map(|l| Line::from(l.as_str())).collect();
            text.push(Line::from(""));
            let (hint, style) = match overlay {
                Overlay::Confirm { .. } => ("Enter: yes   Esc: no", theme.key),
                Overlay::Message {
                    severity: Severity::Error,
                    ..
                } => ("Enter: close", theme.error),
                _ => ("Enter: close", theme.key),
            };
            text.push(Line::from(Span::styled(hint, style)));
            popup(theme, buf, area, title, text, 80);
        }
        Overlay::Prompt {
            title,
            field,
            error,
            choices,
            highlighted,
            back,
            ..
        } => {
            // The question inside the box, where it wraps; the title only says what it is.
            let mut text = vec![
                Line::from(Span::styled(title.as_str(), theme.header)),
                Line::from(Span::styled(format!("{}▏", field.shown()), theme.focus)),
                Line::from(""),
            ];
            if let Some(e) = error {
                text.push(Line::from(Span::styled(e.as_str(), theme.error)));
            }
            text.extend(pick_list(theme, choices, &field.text, *highlighted));
            let hint = match (choices.is_empty(), back.is_some()) {
                (true, false) => "Enter: apply   Esc: cancel",
                (true, true) => "Enter: apply   Esc: back",
                (false, false) => "↑↓ pick   Enter: apply   Esc: cancel",
                (false, true) => "↑↓ pick   Enter: apply   Esc: back",
            };
            text.push(Line::from(Span::styled(hint, theme.key)));
            popup(theme, buf, area, "Enter a value", text, 70);
        }
    }
}

/// Every key of `context`, as wide as the screen allows; a long description wraps under
/// itself.
fn render_help(theme: &Theme, context: Context, buf: &mut Buffer, area: Rect) {
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let text_width = usize::from(width.saturating_sub(12)).max(8);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for b in keymap::bindings(context) {
        for (i, part) in wrap_words(b.desc, text_width).into_iter().enumerate() {
            let key = if i == 0 {
                format!(" {:>6}  ", b.label)
            } else {
                " ".repeat(9)
            };
            lines.push(Line::from(vec![
                Span::styled(key, theme.key),
                Span::raw(part),
            ]));
        }
    }
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(titled(theme, " Keys (Esc closes) "))
        .style(theme.base)
        .render(popup, buf);
}

/// The rows of a pick list that match what is typed, the highlighted one marked.
fn pick_list(
    theme: &Theme,
    choices: &[crate::tui::app::Choice],
    typed: &str,
    highlighted: usize,
) -> Vec<Line<'static>> {
    const ROWS: usize = 8;
    if choices.is_empty() {
        return Vec::new();
    }
    let shown = crate::tui::app::filter_choices(choices, typed);
    let start = highlighted.saturating_sub(ROWS - 1);
    let mut lines: Vec<Line<'static>> = shown
        .iter()
        .enumerate()
        .skip(start)
        .take(ROWS)
        .map(|(i, c)| {
            let (mark, style) = if i == highlighted {
                ("▶", theme.selected)
            } else {
                (" ", theme.base)
            };
            Line::from(Span::styled(
                format!("{mark} {:<12} {}", c.code, c.detail),
                style,
            ))
        })
        .collect();
    if shown.is_empty() {
        lines.push(Line::from(Span::styled(
            "nothing in the list matches; Enter takes what is typed",
            theme.muted,
        )));
    } else if shown.len() > ROWS {
        lines.push(Line::from(Span::styled(
            format!("… {} in all; type to narrow", shown.len()),
            theme.muted,
        )));
    }
    lines
}

/// A titled box over the screen, `percent` of its width and as tall as its text.
fn popup(
    theme: &Theme,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    text: Vec<Line<'_>>,
    percent: u16,
) {
    let width = (area.width * percent / 100).max(30.min(area.width));
    let inner_width = usize::from(width.saturating_sub(4)).max(1);
    // Wrapped lines keep the box's padding: the height counts the lines as they will wrap.
    let rows: usize = text
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(rect, buf);
    Paragraph::new(text)
        .block(titled(theme, format!(" {title} ")).padding(Padding::horizontal(1)))
        .style(theme.base)
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}

/// `text` cut into lines of at most `width` characters at spaces (a longer word is cut).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
