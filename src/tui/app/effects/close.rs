//! The effects of closing and reopening an order: what the close settles read when it is
//! asked for, the user's right to it checked (an operator's close asks a lead), and the
//! close or reopen posted under the key made when it was first asked; the order's
//! progress and variance opens again, saying what it is now.

use super::{App, Effect, Overlay};
use crate::domain::wip::OrderStatus;
use crate::service::auth::Permission;
use crate::service::closing::{CloseRequest, ReopenRequest};
use crate::service::{Keyed, Refusal, ServiceError, new_idempotency_key};
use crate::tui::app::approval::lead_badge_prompt;
use crate::tui::app::{CloseDraft, Field, FieldKind, Pending, PromptKind, Session};
use crate::tui::i18n::{Msg, tr};
use crate::tui::strings;

impl App {
    pub(super) fn run_close(&mut self, effect: Effect) {
        match effect {
            Effect::AskClose { order } => self.ask_close(&order),
            Effect::CloseOrder { order, reason, key } => self.close_order(order, reason, key),
            Effect::AskReopen { order } => self.ask_reopen(order),
            Effect::ReopenOrder { order, reason, key } => self.reopen_order(order, reason, key),
            Effect::AskLead(then) => {
                self.pending_after_approval = Some(Pending::Write(then));
                self.overlays.push(lead_badge_prompt(""));
            }
            _ => {}
        }
    }

    /// Refused by the permission table, as the status line says it: `None` when the user
    /// may, alone or with a lead's approval (`true`).
    fn may(&self, action: Permission) -> Result<bool, String> {
        match action.check(self.session.role, false) {
            Ok(()) => Ok(false),
            Err(refused) if refused.approvable => Ok(true),
            Err(refused) => Err(self.said(&ServiceError::Forbidden {
                user: who(&self.session, &self.terminal),
                role: refused.role,
                action,
                needs: action.roles().to_vec(),
                approvable: false,
            })),
        }
    }

    /// `c` on the progress and variance: what the close would settle, read now, on a
    /// confirmation; refused on the status line while the order is closed or lines wait.
    fn ask_close(&mut self, order: &str) {
        let needs_lead = match self.may(Permission::Close) {
            Ok(needs_lead) => needs_lead,
            Err(refusal) => return self.error(refusal),
        };
        let preview = match self.service.close_preview(&order.into()) {
            Ok(p) => p,
            Err(e) => {
                let said = self.said(&e);
                return self.error(said);
            }
        };
        let refused = if preview.status == OrderStatus::Closed {
            Some(Refusal::OrderClosed {
                order: preview.order.clone(),
            })
        } else if !preview.open_exceptions.is_empty() {
            Some(Refusal::OpenExceptions {
                order: preview.order.clone(),
                exceptions: preview.open_exceptions.clone(),
            })
        } else {
            None
        };
        if let Some(r) = refused {
            let said = self.said(&r.into());
            return self.error(said);
        }
        let draft = CloseDraft {
            order: preview.order.to_string(),
            closed_as: preview.closed_as,
            good: preview.good,
            qty: preview.qty,
            settlement: preview.settlement,
            reason: None,
            needs_lead,
            key: new_idempotency_key(self.service.terminal()),
        };
        self.overlays.push(draft.confirm());
    }

    fn close_order(&mut self, order: String, reason: Option<String>, key: String) {
        let who = self.credentials();
        let request = CloseRequest {
            order: order.as_str().into(),
            reason: reason.clone(),
        };
        match self
            .service
            .close_order(Keyed::new(&request, Some(&key)), &who)
        {
            Ok(closed) => {
                self.approver = None;
                self.reopen_variance(&order);
                let closed_as = match closed.closed_as {
                    crate::domain::wip::ClosedAs::Short => tr(Msg::ClosedAsShort, &[]),
                    crate::domain::wip::ClosedAs::Complete => tr(Msg::ClosedAsComplete, &[]),
                };
                self.note(tr(
                    Msg::ClosePosted,
                    &[
                        ("order", order.as_str().into()),
                        ("closed_as", closed_as.into()),
                        ("wip", strings::money_in_language(closed.wip.get()).into()),
                    ],
                ));
            }
            Err(e) => {
                self.write_failed(e, Pending::write(Effect::CloseOrder { order, reason, key }));
            }
        }
    }

    /// `o` on a closed order's progress and variance: a lead's or an admin's, with a reason.
    fn ask_reopen(&mut self, order: String) {
        if let Err(refusal) = self.may(Permission::Reopen) {
            return self.error(refusal);
        }
        let title = tr(Msg::ReopenReasonPrompt, &[("order", order.as_str().into())]);
        let key = new_idempotency_key(self.service.terminal());
        self.overlays.push(Overlay::prompt(
            title,
            Field::new(FieldKind::Text, ""),
            PromptKind::ReopenReason { order, key },
        ));
    }

    fn reopen_order(&mut self, order: String, reason: String, key: String) {
        let who = self.credentials();
        let request = ReopenRequest {
            order: order.as_str().into(),
            reason: reason.clone(),
        };
        match self
            .service
            .reopen_order(Keyed::new(&request, Some(&key)), &who)
        {
            Ok(_) => {
                self.approver = None;
                self.reopen_variance(&order);
                self.note(tr(Msg::ReopenPosted, &[("order", order.as_str().into())]));
            }
            Err(e) => {
                self.write_failed(
                    e,
                    Pending::write(Effect::ReopenOrder { order, reason, key }),
                );
            }
        }
    }

    /// The progress and variance of `order` read again after its close or reopen; Esc goes
    /// back to the board (a closed order has no operations to report at).
    fn reopen_variance(&mut self, order: &str) {
        self.open_variance(order, false);
    }
}

/// Who the permission table refused: the badge logged in, else the terminal.
fn who(session: &Session, terminal: &str) -> String {
    session
        .badge
        .clone()
        .unwrap_or_else(|| terminal.to_string())
}
