//! The exception queue of a work center's machine location: deferred lines waiting for
//! stock, retried by a handler or a lead, cancelled by a lead. Keys return [`Effect`]s (see
//! `history` for the shape).

use super::*;
use crate::store::exceptions::ExceptionRow;

/// The open deferred lines of the machine location (or of every location).
pub struct ExceptionsState {
    /// `None` when every work center is shown.
    pub location: Option<String>,
    pub rows: Vec<ExceptionRow>,
    pub selected: usize,
}

impl ExceptionsState {
    /// The open lines of `rows` at `location` (all of them for `None`), the cursor where it
    /// was (`before`) as far as the list still reaches.
    #[must_use]
    pub fn new(location: Option<String>, rows: Vec<ExceptionRow>, before: Option<usize>) -> Self {
        let rows: Vec<ExceptionRow> = rows
            .into_iter()
            .filter(|e| location.as_ref().is_none_or(|l| *l == e.location))
            .collect();
        let selected = before.map_or(0, |s| s.min(rows.len().saturating_sub(1)));
        ExceptionsState {
            location,
            rows,
            selected,
        }
    }

    /// A key on the queue.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        match action {
            Action::Back => Effect::OpenOrders,
            Action::Refresh => Effect::OpenExceptions,
            Action::Retry => Effect::RetryExceptions,
            Action::CancelException => {
                let Some(row) = self.rows.get(self.selected) else {
                    return Effect::None;
                };
                let id = row.id;
                Effect::show(Overlay::Confirm {
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
                })
            }
            _ => Effect::None,
        }
    }
}
