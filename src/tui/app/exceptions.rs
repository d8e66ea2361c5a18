//! The exception queue of a work center's machine location: deferred lines waiting for
//! stock, retried by a handler or a lead, cancelled by a lead.

use super::*;
use crate::store::exceptions::ExceptionRow;

/// The open deferred lines of the machine location (or of every location).
pub struct ExceptionsState {
    /// `None` when every work center is shown.
    pub location: Option<String>,
    pub rows: Vec<ExceptionRow>,
    pub selected: usize,
}

impl App {
    /// Opens (or refreshes) the queue of the current work center's machine location.
    pub fn open_exceptions(&mut self) {
        let location = if self.all_work_centers {
            None
        } else {
            self.current_work_center().map(|w| w.location.clone())
        };
        match self.service.exceptions(true) {
            Ok(rows) => {
                let rows: Vec<ExceptionRow> = rows
                    .into_iter()
                    .filter(|e| location.as_ref().is_none_or(|l| *l == e.location))
                    .collect();
                let selected = match &self.screen {
                    Screen::Exceptions(e) => e.selected.min(rows.len().saturating_sub(1)),
                    _ => 0,
                };
                self.screen = Screen::Exceptions(ExceptionsState {
                    location,
                    rows,
                    selected,
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn exceptions_action(&mut self, action: Action) {
        let Screen::Exceptions(s) = &self.screen else {
            return;
        };
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_exceptions(),
            Action::Retry => {
                let who = self.credentials();
                match self.service.retry_exceptions(&who) {
                    Ok(posted) => {
                        let open = self.service.exceptions(true).map_or(0, |e| e.len());
                        self.open_exceptions();
                        self.note(format!(
                            "{} posted, {open} still waiting",
                            strings::count(posted.len(), "deferred line")
                        ));
                    }
                    Err(e) => self.error(e.to_string()),
                }
            }
            Action::CancelException => {
                let Some(row) = s.rows.get(s.selected) else {
                    return;
                };
                let id = row.id;
                self.overlays.push(Overlay::Confirm {
                    title: "Cancel this deferred line?".into(),
                    lines: vec![
                        format!(
                            "#{id}: {} {} at {} for order {} (report {}, line {}).",
                            canonical(row.qty),
                            row.item,
                            row.location,
                            row.order,
                            row.report_id,
                            row.line
                        ),
                        "It will not be issued by the program; issue it by hand if it was used."
                            .into(),
                    ],
                    pending: Pending::CancelException { id },
                });
            }
            _ => {}
        }
    }

    pub(super) fn cancel_exception(&mut self, id: i64) {
        let who = self.credentials();
        match self.service.cancel_exception(id, &who) {
            Ok(()) => {
                self.approver = None;
                self.open_exceptions();
                self.note(format!("deferred line #{id} cancelled"));
            }
            Err(e) => self.write_failed(e, Pending::CancelException { id }),
        }
    }
}
