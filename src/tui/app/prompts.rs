//! What the keys do to the overlay on top: a confirmation runs its pending write (as an
//! [`Effect`]), a prompt hands its value to the screen that opened it, Esc steps back or
//! closes.
use super::{Action, App, Effect, Field, Overlay, Pending, PromptKind, Screen, picked, trace};
use crate::tui::ServiceError;
use crate::tui::app::Marks;

impl App {
    pub(super) fn overlay_action(&mut self, action: Action) {
        if action == Action::Quit {
            // Ctrl-C inside an overlay: close it and ask as on the screen.
            self.overlays.clear();
            self.quit();
            return;
        }
        if action == Action::Help {
            // A list with keys of its own (the serials' marks) lists them over it.
            self.help_offset = 0;
            let help = Overlay::Help(self.context());
            self.overlays.push(help);
            return;
        }
        let Some(top) = self.overlays.pop() else {
            return;
        };
        // Esc on the reason of a change just made cancels that change (as its label says);
        // on a reversal's confirmation it goes back to the reason, as typed.
        if action == Action::Cancel {
            self.step_back_from(&top);
        }
        match (top, action) {
            (Overlay::Confirm { pending, .. }, Action::Confirm) => self.run_pending(pending),
            (
                Overlay::Confirm {
                    pending: Pending::Write(effect),
                    ..
                },
                Action::Cancel,
            ) if matches!(*effect, Effect::Reverse { .. }) => {
                if let (Screen::History(h), Effect::Reverse { report_id, reason }) =
                    (&self.screen, *effect)
                    && let Some(prompt) = h.reason_prompt(report_id, &reason)
                {
                    self.overlays.push(prompt);
                }
            }
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

    /// What Esc undoes on the screen under `top` before the overlay steps back.
    fn step_back_from(&mut self, top: &Overlay) {
        if let (
            Overlay::Prompt {
                kind:
                    PromptKind::OverrideReason {
                        then_post: false, ..
                    },
                ..
            },
            Screen::Report(r),
        ) = (top, &mut self.screen)
        {
            r.change_cancelled();
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
            marks,
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
            marks: marks.clone(),
        };
        // A pick list enters the rows marked, else the highlighted code unless a code was
        // typed whole.
        if let Some(taken) = marks.as_ref().and_then(Marks::taken) {
            field.text = taken;
        } else if let Some(code) = picked(&choices, &field.text, highlighted) {
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
        let text = field.value_text().trim().to_string();
        // A code typed in another case means the one stored code that matches it.
        let text = match self.resolve_typed(&kind, &text) {
            Ok(text) => text,
            Err(e) => {
                let message = self.said(&e);
                return self.reopen(this, message);
            }
        };
        let lead = self.lead_rule();
        let effect = match (&mut self.screen, kind) {
            (_, kind @ (PromptKind::TraceItem | PromptKind::TraceLot { .. })) => {
                trace::on_prompt(kind, text, this)
            }
            (Screen::History(h), kind) => h.on_prompt(kind, text, this),
            (Screen::Detail(d), kind) => d.on_prompt(kind, text, this),
            (Screen::Staging(s), kind) => s.on_prompt(kind, text, this),
            (Screen::Report(r), PromptKind::FinishedSerials { then_post }) => {
                r.apply_finished_serials(&text, then_post, this, &lead)
            }
            (Screen::Report(r), kind) => r.on_prompt(kind, text, this),
            (Screen::Variance(v), kind) => v.on_prompt(kind, text, this),
            _ => Effect::None,
        };
        self.run(effect);
    }

    /// The codes a prompt's value names, as stored (the service resolves them); other
    /// values as typed.
    fn resolve_typed(&self, kind: &PromptKind, text: &str) -> Result<String, ServiceError> {
        use crate::service::Thing;
        let what = match kind {
            PromptKind::Lots { .. } | PromptKind::TransferLots { .. } => {
                return self.service.resolve_allocation(text);
            }
            PromptKind::Location { .. } | PromptKind::TransferFrom { .. } => Thing::Location,
            PromptKind::TraceItem | PromptKind::SubstituteItem { .. } => Thing::Item,
            PromptKind::TraceLot { .. } | PromptKind::CountLot { .. } => Thing::Lot,
            _ => return Ok(text.to_string()),
        };
        self.service.resolve_code(what, text)
    }

    /// A refused value reopens the prompt `this` as it was (its pick list and way back
    /// kept), with why.
    pub(super) fn reopen(&mut self, this: Overlay, error: impl Into<String>) {
        self.overlays.push(this.with_error(error.into()));
    }
}
