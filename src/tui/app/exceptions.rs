//! The exception queue of a work center's machine location: deferred lines waiting for
//! stock, retried by a handler or a lead, cancelled by a lead. Keys return [`Effect`]s (see
//! `history` for the shape).

use super::{Action, Effect, Overlay, Pending};
use crate::service::ExceptionRow;
use crate::tui::app::HashMap;
use crate::tui::i18n::{Arg, Msg, t, tr};

/// The open deferred lines of the machine location (or of every location).
pub struct ExceptionsState {
    /// `None` when every work center is shown.
    pub location: Option<String>,
    pub rows: Vec<ExceptionRow>,
    pub selected: usize,
    /// Where each line stands now (what it lacks, whether a retry would post it), read
    /// when the queue opens: the shortfall kept with a line is the one when it was deferred.
    pub now: HashMap<crate::domain::ids::ExceptionId, crate::domain::retry::StandsNow>,
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
            now: HashMap::new(),
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
                    title: t(Msg::CancelDeferredTitle),
                    lines: vec![
                        tr(
                            Msg::CancelDeferredLine,
                            &[
                                ("id", id.to_string().into()),
                                ("qty", Arg::Number(row.qty.0)),
                                ("item", row.item.to_string().into()),
                                ("location", row.location.to_string().into()),
                                ("order", row.order.to_string().into()),
                                ("report", row.report_id.to_string().into()),
                                ("line", row.line.to_string().into()),
                            ],
                        ),
                        t(Msg::CancelDeferredNote),
                    ],
                    pending: Pending::write(Effect::CancelException { id }),
                })
            }
            _ => Effect::None,
        }
    }
}

#[cfg(test)]
mod tests {
    //! The queue with no store: rows built by hand.

    use super::*;
    use crate::domain::ids::{ExceptionId, ReportId};
    use crate::domain::qty::Quantity;

    fn row(id: i64, location: &str) -> ExceptionRow {
        ExceptionRow {
            id: ExceptionId(id),
            report_id: ReportId(7),
            line: "20".into(),
            order: "WO-1005".into(),
            item: "SEAL-20".into(),
            location: location.into(),
            qty: Quantity(rust_decimal::Decimal::from(4)),
            shortfall: Quantity(rust_decimal::Decimal::from(3)),
            status: crate::domain::retry::ExceptionStatus::Open,
            created_at: "2026-03-02T09:15:00Z".into(),
        }
    }

    fn rows() -> Vec<ExceptionRow> {
        vec![row(1, "M-ASM"), row(2, "M-CNC"), row(3, "M-ASM")]
    }

    #[test]
    fn the_queue_shows_its_location_only_and_keeps_the_cursor_within_it() {
        let q = ExceptionsState::new(Some("M-ASM".into()), rows(), Some(5));
        assert_eq!(q.rows, vec![row(1, "M-ASM"), row(3, "M-ASM")]);
        assert_eq!(q.selected, 1, "the cursor stays on the last line");
        let all = ExceptionsState::new(None, rows(), None);
        assert_eq!(all.rows.len(), 3);
        assert_eq!(all.selected, 0);
    }

    #[test]
    fn cancelling_asks_first_saying_what_will_not_be_issued() {
        let mut q = ExceptionsState::new(Some("M-ASM".into()), rows(), None);
        q.selected = 1;
        assert_eq!(
            q.on_action(Action::CancelException),
            Effect::show(Overlay::Confirm {
                title: "Cancel this deferred line?".into(),
                lines: vec![
                    "#3: 4 SEAL-20 at M-ASM for order WO-1005 (report 7, line 20).".into(),
                    "It will not be issued by the program; issue it by hand if it was used.".into(),
                ],
                pending: Pending::write(Effect::CancelException { id: ExceptionId(3) }),
            })
        );
        assert_eq!(q.on_action(Action::Retry), Effect::RetryExceptions);
        assert_eq!(q.on_action(Action::Refresh), Effect::OpenExceptions);
        assert_eq!(q.on_action(Action::Back), Effect::OpenOrders);
        let empty = ExceptionsState::new(Some("M-X".into()), rows(), None);
        assert_eq!(empty.on_action(Action::CancelException), Effect::None);
    }
}
