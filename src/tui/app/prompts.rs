//! What the keys do to the overlay on top: a confirmation runs its pending write (as an
//! [`Effect`]), a prompt hands its value to the screen that opened it, Esc steps back or
//! closes.
use super::{Action, App, Effect, Field, Overlay, Pending, PromptKind, Screen, picked, trace};

impl App {
    pub(super) fn overlay_action(&mut self, action: Action) {
        if action == Action::Quit {
            // Ctrl-C inside an overlay: close it and ask as on the screen.
            self.overlays.clear();
            self.quit();
            return;
        }
        let Some(top) = self.overlays.pop() else {
            return;
        };
        match (top, action) {
            (Overlay::Confirm { pending, .. }, Action::Confirm) => self.run_pending(pending),
            (prompt @ Overlay::Prompt { .. }, Action::Confirm) => self.enter_prompt(prompt),
            (
                Overlay::Prompt {
                    back: Some(back), ..
                },
                Action::Cancel,
            ) => {
                self.overlays.push(*back);
            }
            (
                Overlay::Help(_)
                | Overlay::Message { .. }
                | Overlay::Confirm { .. }
                | Overlay::Prompt { .. },
                Action::Cancel,
            ) => {
                self.approver = None;
            }
            (Overlay::Message { .. }, Action::Confirm) => {}
            (other, _) => self.overlays.push(other),
        }
    }

    /// Enter on a prompt: its value goes to the screen that asked.
    fn enter_prompt(&mut self, prompt: Overlay) {
        let Overlay::Prompt {
            mut field,
            kind,
            title,
            choices,
            highlighted,
            back,
            ..
        } = prompt
        else {
            return;
        };
        // The prompt as it was: reopened with an error when its value is refused, and the
        // way back from the step it leads to.
        let this = Overlay::Prompt {
            title,
            field: field.clone(),
            kind: kind.clone(),
            error: None,
            choices: choices.clone(),
            highlighted,
            back,
        };
        // A pick list enters the highlighted code unless a code was typed whole.
        if let Some(code) = picked(&choices, &field.text, highlighted) {
            field.text = code;
        }
        self.apply_prompt(kind, field, this);
    }

    /// Runs the write a confirmation (or a lead's approval) was waiting for.
    pub(super) fn run_pending(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => self.should_quit = true,
            Pending::LeaveReport => {
                if let Screen::Report(r) = &self.screen {
                    let back = r.leave();
                    self.run(back);
                }
            }
            Pending::Write(effect) => self.run(*effect),
        }
    }

    /// Applies a prompt's value; `this` is the prompt as it was shown. The screen that opened
    /// the prompt applies it and names the effect to run (the trace's prompts open from more
    /// than one screen, so the trace module applies them); the lead's approval, which any
    /// screen may ask for, is in `approval`.
    fn apply_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        if let PromptKind::ApproverBadge | PromptKind::ApproverPin { .. } = kind {
            return self.apply_approval_prompt(kind, field, this);
        }
        let text = field.text.trim().to_string();
        let effect = match (&mut self.screen, kind) {
            (_, kind @ (PromptKind::TraceItem | PromptKind::TraceLot { .. })) => {
                trace::on_prompt(kind, text, this)
            }
            (Screen::History(h), kind) => h.on_prompt(kind, text, this),
            (Screen::Detail(d), kind) => d.on_prompt(kind, text, this),
            (Screen::Staging(s), kind) => s.on_prompt(kind, text, this),
            (Screen::Report(r), kind) => r.on_prompt(kind, text, this),
            _ => Effect::None,
        };
        self.run(effect);
    }

    /// A refused value reopens the prompt `this` as it was (its pick list and way back
    /// kept), with why.
    pub(super) fn reopen(&mut self, this: Overlay, error: impl Into<String>) {
        self.overlays.push(this.with_error(error.into()));
    }
}
