//! What sits on top: help, confirmations, prompts and messages, as a widget over the whole
//! screen.
use super::{
    Buffer, Clear, Constraint, Context, Line, Overlay, Padding, Paragraph, Rect, Severity, Span,
    Theme, Widget, Wrap, keymap, titled,
};
use crate::tui::i18n::{Msg, t, tr};
use crate::tui::strings;

/// One overlay, drawn over the screen (`area` is the whole screen: the box centres in it).
pub struct OverlayView<'a> {
    pub overlay: &'a Overlay,
    pub theme: &'a Theme,
    /// How far the help is scrolled, in lines.
    pub help_offset: usize,
}

impl Widget for OverlayView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_overlay(self.theme, self.overlay, self.help_offset, buf, area);
    }
}

fn render_overlay(
    theme: &Theme,
    overlay: &Overlay,
    help_offset: usize,
    buf: &mut Buffer,
    area: Rect,
) {
    match overlay {
        Overlay::Help(context) => render_help(theme, *context, help_offset, buf, area),
        Overlay::Confirm { title, lines, .. } | Overlay::Message { title, lines, .. } => {
            let mut text: Vec<Line<'_>> = lines.iter().map(|l| Line::from(l.as_str())).collect();
            text.push(Line::from(""));
            let (hint, style) = match overlay {
                Overlay::Confirm { .. } => (t(Msg::ConfirmHint), theme.key),
                Overlay::Message {
                    severity: Severity::Error,
                    ..
                } => (t(Msg::CloseHint), theme.error),
                _ => (t(Msg::CloseHint), theme.key),
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
            marks,
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
            if let Some(m) = marks {
                text.push(Line::from(Span::styled(
                    crate::tui::strings::marked(m.needed, &m.marked),
                    theme.focus,
                )));
            }
            let marked = marks.as_ref().map(|m| m.marked.as_slice());
            text.extend(pick_list(theme, choices, &field.text, marked, *highlighted));
            let hint = match (choices.is_empty(), back.is_some()) {
                (true, back) => crate::tui::strings::prompt_hint(back),
                (false, back) => crate::tui::strings::pick_hint(marks.is_some(), back),
            };
            text.push(Line::from(Span::styled(hint, theme.key)));
            popup(
                theme,
                buf,
                area,
                &crate::tui::strings::prompt_title(),
                text,
                70,
            );
        }
    }
}

/// Every key of `context`, as wide as the screen allows; a long description wraps under
/// itself.
fn render_help(theme: &Theme, context: Context, offset: usize, buf: &mut Buffer, area: Rect) {
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let text_width = usize::from(width.saturating_sub(12)).max(8);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for b in keymap::bindings(context) {
        for (i, part) in wrap_words(&b.desc(), text_width).into_iter().enumerate() {
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
    // The status bar and the footer stay in view; a help longer than the rest pages, its
    // edges saying how many keys lie above and below.
    let room = area.height.saturating_sub(2);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(room);
    let rows = usize::from(height.saturating_sub(2)).max(1);
    let offset = offset.min(lines.len().saturating_sub(rows));
    let below = lines.len().saturating_sub(offset + rows);
    let body = Rect {
        y: area.y + 1,
        height: room,
        ..area
    };
    let popup = body.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(popup, buf);
    let mut block = titled(theme, format!(" {} ", t(Msg::HelpTitle)));
    if offset > 0 {
        block = block.title_top(
            Line::from(Span::styled(strings::more_above(offset), theme.key)).right_aligned(),
        );
    }
    if below > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(strings::more_below(below), theme.key)).right_aligned(),
        );
    }
    let shown: Vec<Line<'_>> = lines.into_iter().skip(offset).take(rows).collect();
    Paragraph::new(shown)
        .block(block)
        .style(theme.base)
        .render(popup, buf);
}

/// The rows of a pick list that match what is typed, the highlighted one pointed at and the
/// rows `marked` to be taken together ticked.
fn pick_list(
    theme: &Theme,
    choices: &[crate::tui::app::Choice],
    typed: &str,
    marks: Option<&[String]>,
    highlighted: usize,
) -> Vec<Line<'static>> {
    const ROWS: usize = 8;
    let (marks, marked) = (marks.is_some(), marks.unwrap_or_default());
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
            // A list that takes several rows ticks them first, so no row starts blank (the
            // box trims a row's leading blanks) and the codes stay in one column.
            let tick = match (marks, marked.contains(&c.code)) {
                (false, _) => "",
                (true, true) => "[x] ",
                (true, false) => "[ ] ",
            };
            Line::from(Span::styled(
                format!("{tick}{mark} {:<12} {}", c.code, c.detail),
                style,
            ))
        })
        .collect();
    if shown.is_empty() {
        lines.push(Line::from(Span::styled(t(Msg::PickNone), theme.muted)));
    } else if shown.len() > ROWS {
        lines.push(Line::from(Span::styled(
            tr(Msg::PickMore, &[("count", super::count(shown.len()))]),
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
        if !line.is_empty() && super::cells(&line) + 1 + super::cells(word) > width {
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
