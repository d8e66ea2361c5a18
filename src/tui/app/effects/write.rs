//! The effects that write: each posts through the service with the user's credentials (and
//! a lead's approval kept for it), opens the screen again and says what was posted; a
//! refused write asks for a lead when that is what it needs, else says why.

use super::{App, Effect, ExceptionId, Overlay, Quantity, strings};
use crate::domain::ids::ReportId;
use crate::service::{AdjustRequest, CountRequest, SubstituteRequest, TransferRequest};
use crate::tui::app::{AuthError, Pending, Screen, ServiceError, Session, Severity};

impl App {
    /// Badge and PIN: the shift starts on the board, or the login asks again.
    pub(super) fn login(&mut self, badge: String, pin: String) {
        match self.service.login(&badge, &pin) {
            Ok(user) => {
                self.session = Session {
                    badge: Some(badge),
                    pin: Some(pin),
                    name: user.name,
                    role: Some(user.role),
                };
                // The next shift's operator reads their own language from the first word.
                let language = user.language.unwrap_or(self.terminal_language);
                self.set_language(language);
                self.open_orders();
                let welcome = strings::welcome(&self.session.name);
                self.note(welcome);
            }
            Err(e) => {
                if let Screen::Login(l) = &mut self.screen {
                    // A wrong or missing PIN keeps the badge and asks the PIN again; an
                    // unknown or locked badge starts over.
                    l.refused(matches!(
                        e,
                        ServiceError::Auth(
                            AuthError::WrongPin { .. } | AuthError::PinMissing { .. }
                        )
                    ));
                }
                {
                    let said = self.said(&e);
                    self.error(said)
                };
            }
        }
    }

    pub(super) fn reverse(&mut self, report_id: ReportId, reason: &str) {
        let who = self.credentials();
        match self.service.reverse(report_id, reason, &who) {
            Ok(r) => {
                self.approver = None;
                self.open_history();
                self.note(strings::reversed(report_id, reason, r.movements.len()));
            }
            Err(e) => self.write_failed(
                e,
                Pending::write(Effect::Reverse {
                    report_id,
                    reason: reason.to_string(),
                }),
            ),
        }
    }

    pub(super) fn adjust(&mut self, report_id: ReportId, line: &str, qty: Quantity, reason: &str) {
        let who = self.credentials();
        match self.service.adjust_scrap(
            &AdjustRequest {
                report: report_id,
                line: line.to_string(),
                qty,
                reason: reason.to_string(),
                lots: None,
            },
            &who,
        ) {
            Ok(a) => {
                self.approver = None;
                self.reopen_detail();
                self.note(strings::scrap_adjusted(report_id, &a));
            }
            Err(e) => {
                let pending = Pending::write(Effect::AdjustScrap {
                    report_id,
                    line: line.to_string(),
                    qty,
                    reason: reason.to_string(),
                });
                self.write_failed(e, pending);
            }
        }
    }

    pub(super) fn substitute(&mut self, request: &SubstituteRequest) {
        let who = self.credentials();
        match self.service.substitute(request, &who) {
            Ok(s) => {
                self.approver = None;
                self.reopen_detail();
                self.note(strings::substituted(request.report, &s));
            }
            Err(e) => {
                let pending = Pending::write(Effect::Substitute {
                    report_id: request.report,
                    line: request.line.clone(),
                    item: request.item.to_string(),
                    qty: request.qty,
                    returned: request.return_qty,
                });
                self.write_failed(e, pending);
            }
        }
    }

    pub(super) fn retry_exceptions(&mut self) {
        let who = self.credentials();
        match self.service.retry_exceptions(None, &who) {
            Ok(posted) => {
                let open = self.service.exceptions(true).map_or(0, |e| e.len());
                self.open_exceptions();
                self.note(strings::retried(posted.len(), open));
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    pub(super) fn cancel_exception(&mut self, id: ExceptionId) {
        let who = self.credentials();
        match self.service.cancel_exception(&id, &who) {
            Ok(()) => {
                self.approver = None;
                self.open_exceptions();
                self.note(strings::exception_cancelled(id));
            }
            Err(e) => self.write_failed(e, Pending::write(Effect::CancelException { id })),
        }
    }

    /// Posts a count and says what it posted: the adjustment and the waiting lines it let
    /// post. A refused count reopens `this` with the reason.
    pub(super) fn post_count(&mut self, count: &CountRequest, this: Overlay) {
        let who = self.credentials();
        let (item, location) = (count.item.as_str(), count.location.as_str());
        match self.service.cycle_count(count, &who) {
            Ok(c) => {
                self.open_staging();
                self.note(strings::counted_note(item, location, &c));
                self.overlays.push(Overlay::Message {
                    title: crate::tui::i18n::t(crate::tui::i18n::Msg::CountedTitle),
                    lines: strings::counted_lines(item, location, &c),
                    severity: Severity::Success,
                });
            }
            Err(e) => {
                let said = self.said(&e);
                self.overlays.push(this.with_error(said));
            }
        }
    }

    /// Posts a transfer (a tracked item by the lots named, else in pick order) and says what
    /// it moved. A refused transfer reopens `this` with the reason.
    pub(super) fn post_transfer(&mut self, transfer: &TransferRequest, this: Overlay) {
        let who = self.credentials();
        match self.service.transfer_lots(transfer, &who) {
            Ok((moved, posted)) => {
                let warning = match &self.screen {
                    Screen::Staging(s) => {
                        s.container_warning(&transfer.item, &transfer.to, transfer.qty)
                    }
                    _ => None,
                };
                self.open_staging();
                let said = strings::moved(transfer, &moved, posted.len());
                self.note(match warning {
                    Some(w) => format!("{said}; {w}"),
                    None => said,
                });
            }
            Err(e) => {
                let said = self.said(&e);
                self.overlays.push(this.with_error(said));
            }
        }
    }
}
