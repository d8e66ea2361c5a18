//! The reports of a work center, newest first, and their reversal.

use super::*;

/// The reports of this work center.
pub struct HistoryState {
    pub rows: Vec<ReportRow>,
    pub selected: usize,
}

impl App {
    pub(super) fn history_action(&mut self, action: Action) {
        let Screen::History(h) = &self.screen else {
            return;
        };
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_history(),
            Action::Reverse => {
                let Some(row) = h.rows.get(h.selected) else {
                    return;
                };
                if row.reversed {
                    let msg = format!("report {} is already reversed", row.id);
                    self.error(msg);
                    return;
                }
                let report_id = row.id;
                self.overlays.push(Overlay::Prompt {
                    title: format!(
                        "Reason for reversing report {report_id} ({} op {})",
                        row.order, row.operation
                    ),
                    field: Field::new(FieldKind::Text, ""),
                    kind: PromptKind::ReverseReason { report_id },
                    error: None,
                });
            }
            _ => {}
        }
    }

    pub(super) fn open_history(&mut self) {
        let wc = self.board_work_center();
        match self.service.history(wc.as_deref(), LIST_LIMIT) {
            Ok(rows) => {
                let selected = match &self.screen {
                    Screen::History(h) => h.selected.min(rows.len().saturating_sub(1)),
                    _ => 0,
                };
                self.screen = Screen::History(HistoryState { rows, selected });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn reverse(&mut self, report_id: i64, reason: &str) {
        let who = self.credentials();
        match self.service.reverse(report_id, reason, &who) {
            Ok(r) => {
                self.approver = None;
                self.open_history();
                self.note(format!(
                    "report {report_id} reversed ({reason}): {} movements compensated",
                    r.movements.len()
                ));
            }
            Err(e) => self.write_failed(
                e,
                Pending::Reverse {
                    report_id,
                    reason: reason.to_string(),
                },
            ),
        }
    }
}
