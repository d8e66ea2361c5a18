//! A lead's approval, which any screen's write may need: a refused write asks for the lead's
//! badge and PIN, then runs again with them.

use super::{
    App, AuthError, Field, FieldKind, Overlay, Pending, PromptKind, ServiceError, Severity, strings,
};
use crate::service::Approver;
use crate::service::auth::Grant;

/// Asks for a lead's badge (`badge` already typed when the PIN is asked again).
pub(in crate::tui::app) fn lead_badge_prompt(badge: &str) -> Overlay {
    Overlay::prompt(
        strings::lead_badge(),
        Field::new(FieldKind::Text, badge),
        PromptKind::ApproverBadge,
    )
}

/// Asks for the PIN of lead `badge`.
fn lead_pin_prompt(badge: String) -> Overlay {
    Overlay::prompt(
        strings::lead_pin(&badge),
        Field::new(FieldKind::Secret, ""),
        PromptKind::ApproverPin { badge },
    )
}

impl App {
    /// A refused write: ask for a lead when that is what it needs, else show why.
    pub(super) fn write_failed(&mut self, e: ServiceError, pending: Pending) {
        let message = self.said(&e);
        let lead = self.approver.as_ref().map(|a| a.badge.as_str());
        // A user whom the permission table lets do a lead's actions with a lead's approval,
        // and who has none yet, is asked for one.
        let may_ask_a_lead = lead.is_none()
            && self.session.role.is_some_and(|r| {
                crate::service::auth::Permission::LeadApproval.grant(r) == Grant::WithApproval
            });
        let ask = match &e {
            // The lead's PIN was wrong: ask for it again, not for everything again.
            ServiceError::Auth(AuthError::WrongPin { badge, .. }) if lead == Some(badge) => {
                Some(lead_pin_prompt(badge.clone()).after(lead_badge_prompt(badge)))
            }
            // The badge scanned as the lead's is not a lead's: ask for a lead's badge again.
            ServiceError::Forbidden { user, .. } if lead == Some(user) => {
                Some(lead_badge_prompt(""))
            }
            ServiceError::Forbidden {
                approvable: true, ..
            }
            | ServiceError::NeedsApproval { .. }
                if may_ask_a_lead =>
            {
                Some(lead_badge_prompt(""))
            }
            _ => None,
        };
        self.approver = None;
        if let Some(prompt) = ask {
            self.pending_after_approval = Some(pending);
            self.overlays.push(prompt.with_error(message));
            return;
        }
        self.error(message.clone());
        self.overlays.push(Overlay::Message {
            title: crate::tui::i18n::t(crate::tui::i18n::Msg::NotPostedTitle),
            lines: vec![message],
            severity: Severity::Error,
        });
    }

    /// A lead's badge, then PIN: the write waiting for them runs again.
    pub(super) fn apply_approval_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        match kind {
            PromptKind::ApproverBadge => {
                let text = field.text.trim().to_string();
                if text.is_empty() {
                    return self.reopen(this, strings::scan_lead_badge());
                }
                // A badge that is no lead's is refused here, before its PIN is asked: the
                // prompt waits for another badge, empty for the next scan.
                if let Err(e) = self.service.check_approver(&text) {
                    let message = self.said(&e);
                    return self.reopen(lead_badge_prompt(""), message);
                }
                self.overlays.push(lead_pin_prompt(text).after(this));
            }
            PromptKind::ApproverPin { badge } => {
                self.approver = Some(Approver {
                    badge,
                    pin: field.text.clone(),
                });
                if let Some(p) = self.pending_after_approval.take() {
                    self.run_pending(p);
                }
            }
            _ => {}
        }
    }
}
