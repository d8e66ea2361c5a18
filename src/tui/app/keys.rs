//! Where a key goes: the top overlay first, then the focused field, then the screen's
//! bindings from the keymap (the screen's state returns the [`Effect`] to run); and the
//! moves every list shares (up, down, a page).
use super::{
    Action, App, Effect, Field, Focus, KeyCode, KeyEvent, KeyModifiers, Overlay, Pending, Screen,
    Severity, Utc, filter_choices, keymap,
};
use crate::tui::i18n::{Msg, t};
use crate::tui::strings;

impl App {
    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.last_key = self.now.max(Utc::now());
        // A message lasts until the next key: it never follows the operator to another screen.
        self.status = None;
        if self.overlays.is_empty()
            && key.code != KeyCode::Enter
            && let Screen::Orders(o) = &mut self.screen
        {
            o.hold_enter = false;
        }
        if self.overlays.is_empty() && self.type_into_screen(&key) {
            return;
        }
        if let Some(Overlay::Prompt {
            field,
            choices,
            highlighted,
            marks,
            ..
        }) = self.overlays.last_mut()
        {
            // Space on a list that takes several rows marks the highlighted one (or
            // unmarks it): a serial never holds a space.
            if let Some(marks) = marks
                && keymap::lookup(keymap::Context::Marks, &key) == Some(Action::Mark)
            {
                let code = filter_choices(choices, &field.text)
                    .get(*highlighted)
                    .map(|c| c.code.clone());
                if let Some(code) = code
                    && let Err(needed) = marks.toggle(&code)
                {
                    self.status = Some((strings::marked_enough(needed), Severity::Error));
                }
                return;
            }
            match type_into(field, &key) {
                Typed::Taken => {
                    *highlighted = 0;
                    return;
                }
                Typed::Refused(why) => {
                    let said = strings::field_refused(why, field.separator);
                    self.status = Some((said, Severity::Error));
                    return;
                }
                Typed::NotTyping => {}
            }
            let shown = filter_choices(choices, &field.text).len();
            match key.code {
                KeyCode::Up if shown > 0 => {
                    *highlighted = highlighted.saturating_sub(1);
                    return;
                }
                KeyCode::Down if shown > 0 => {
                    *highlighted = (*highlighted + 1).min(shown - 1);
                    return;
                }
                _ => {}
            }
        }
        let context = self.context();
        let Some(action) = keymap::lookup(context, &key) else {
            self.unbound_key(&key);
            return;
        };
        if let Some(Overlay::Help(of)) = self.overlays.last()
            && matches!(
                action,
                Action::Up
                    | Action::Down
                    | Action::PageUp
                    | Action::PageDown
                    | Action::First
                    | Action::Last
            )
        {
            // The help pages through its keys; it never scrolls past its last one.
            let last = keymap::bindings(*of).count().saturating_sub(1);
            let page = 10;
            self.help_offset = match action {
                Action::Up => self.help_offset.saturating_sub(1),
                Action::Down => self.help_offset + 1,
                Action::PageUp => self.help_offset.saturating_sub(page),
                Action::PageDown => self.help_offset + page,
                Action::First => 0,
                _ => last,
            }
            .min(last);
            return;
        }
        if self.overlays.is_empty() {
            self.screen_action(action);
        } else {
            self.overlay_action(action);
        }
    }

    /// Characters that go into the focused field of a screen; true when taken.
    fn type_into_screen(&mut self, key: &KeyEvent) -> bool {
        if key.modifiers.contains(KeyModifiers::CONTROL) && !is_clear(key) {
            return false;
        }
        match &mut self.screen {
            // A badge is digits and letters: `?` asks for help instead.
            Screen::Login(_) if key.code == KeyCode::Char('?') => false,
            Screen::Login(l) => {
                let field = if l.on_pin { &mut l.pin } else { &mut l.badge };
                matches!(type_into(field, key), Typed::Taken)
            }
            // While good or scrap has the focus every character is theirs: one a quantity
            // cannot hold is refused there (the field unchanged), never taken as a line key.
            Screen::Report(r) => {
                let field = match r.focus {
                    Focus::Good => &mut r.good,
                    Focus::Scrap => &mut r.scrap,
                    Focus::Lines => return false,
                };
                let separator = field.separator;
                match type_into(field, key) {
                    Typed::Taken => {
                        r.edited = true;
                        r.recalculate();
                        true
                    }
                    Typed::Refused(why) => {
                        let mut said = strings::field_refused(why, separator);
                        if matches!(why, crate::tui::field::Refused::NotADigit(_)) {
                            said.push_str(&strings::line_keys_on_tab());
                        }
                        self.status = Some((said, Severity::Error));
                        true
                    }
                    Typed::NotTyping => false,
                }
            }
            // Every character goes into the order field (a scanner types lowercase too).
            Screen::Orders(o) => {
                match key.code {
                    _ if is_clear(key) => o.typed.clear(),
                    KeyCode::Char(c) if !c.is_control() => o.typed.push(c),
                    KeyCode::Backspace if !o.typed.is_empty() => {
                        o.typed.pop();
                    }
                    _ => return false,
                }
                o.selected = 0;
                true
            }
            _ => false,
        }
    }

    fn unbound_key(&mut self, key: &KeyEvent) {
        if let KeyCode::Char(c) = key.code
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            self.status = Some((
                crate::tui::i18n::tr(
                    crate::tui::i18n::Msg::StatusKeyUnbound,
                    &[("key", c.to_string().into())],
                ),
                Severity::Info,
            ));
        }
    }

    fn screen_action(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit(),
            Action::Help => {
                self.help_offset = 0;
                let help = Overlay::Help(self.context());
                self.overlays.push(help);
            }
            Action::Logout => self.logout(),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => self.move_selection(action),
            _ => {
                let effect = self.screen_effect(action);
                self.run(effect);
            }
        }
    }

    /// A screen's own key: the screen's state takes it and names the effect to run.
    fn screen_effect(&mut self, action: Action) -> Effect {
        // Everyone reads the staging list; moving and counting stock is a handler's or a
        // lead's.
        let refusal = match (&self.screen, action) {
            (Screen::Staging(_), Action::Count | Action::Transfer) => self.role_refusal(
                crate::service::auth::Permission::Handle,
                crate::tui::i18n::Msg::ActionMoveOrCount,
            ),
            _ => None,
        };
        if let Some(refusal) = refusal {
            return Effect::Error(refusal);
        }
        let lead = self.lead_rule();
        match &mut self.screen {
            Screen::Login(l) => l.on_action(action),
            Screen::Orders(o) => o.on_action(action),
            Screen::Operations(o) => o.on_action(action),
            Screen::Report(r) => r.on_action(action, &lead),
            Screen::History(h) => h.on_action(action),
            Screen::Staging(s) => s.on_action(action),
            Screen::Exceptions(e) => e.on_action(action),
            Screen::Detail(d) => d.on_action(action),
            Screen::Variance(v) => v.on_action(action),
            Screen::Health(h) => h.on_action(action),
            Screen::Trace(t) => t.on_action(action),
        }
    }

    pub(super) fn quit(&mut self) {
        if matches!(&self.screen, Screen::Report(r) if r.edited) {
            self.overlays.push(Overlay::Confirm {
                title: t(Msg::QuitTitle),
                lines: vec![t(Msg::QuitUnposted), t(Msg::QuitLose)],
                pending: Pending::Quit,
            });
        } else {
            self.should_quit = true;
        }
    }

    pub(super) fn move_selection(&mut self, action: Action) {
        // A page is what the list showed: one press of PgDn brings the next rows in view.
        let page = self.list_rows.get().max(1);
        let step = |selected: &mut usize, len: usize| {
            let last = len.saturating_sub(1);
            *selected = match action {
                Action::Up => selected.saturating_sub(1),
                Action::Down => (*selected + 1).min(last),
                Action::PageUp => selected.saturating_sub(page),
                Action::First => 0,
                Action::Last => last,
                _ => (*selected + page).min(last),
            };
        };
        match &mut self.screen {
            Screen::Orders(o) => {
                let len = o.visible().len();
                step(&mut o.selected, len);
            }
            Screen::Operations(o) => step(&mut o.selected, o.context.order.operations.len()),
            Screen::Report(r) => {
                let len = r.plan.as_ref().map_or(0, |p| p.lines.len());
                step(&mut r.selected, len);
            }
            Screen::History(h) => step(&mut h.selected, h.rows.len()),
            Screen::Staging(s) => step(&mut s.selected, s.rows.len()),
            Screen::Exceptions(e) => step(&mut e.selected, e.rows.len()),
            Screen::Detail(d) => step(&mut d.selected, d.lines.len()),
            Screen::Variance(v) => step(&mut v.selected, v.materials.len()),
            Screen::Health(h) => step(&mut h.selected, h.rows.len()),
            Screen::Trace(t) => {
                let rows = t.rows();
                step(&mut t.selected, rows);
            }
            Screen::Login(_) => {}
        }
    }
}

/// What a field made of a key.
enum Typed {
    Taken,
    /// A character the field does not take: the field is unchanged.
    Refused(crate::tui::field::Refused),
    /// Not a key that types (Enter, Esc, a function or Ctrl key): it goes on.
    NotTyping,
}

/// Ctrl-U, which clears a field.
fn is_clear(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('u')
}

/// Feeds a key to a field.
fn type_into(field: &mut Field, key: &KeyEvent) -> Typed {
    if is_clear(key) {
        field.clear();
        return Typed::Taken;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return Typed::NotTyping;
    }
    match key.code {
        KeyCode::Char(c) => match field.type_char(c) {
            Ok(()) => Typed::Taken,
            Err(why) => Typed::Refused(why),
        },
        KeyCode::Backspace => {
            field.backspace();
            Typed::Taken
        }
        _ => Typed::NotTyping,
    }
}
