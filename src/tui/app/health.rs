//! The machine locations' health for a lead: flagged items first, so a wrong BOM or
//! unreported scrap shows from the cycle counts (SPEC §12).

use super::*;
use crate::service::health::HealthRow;

/// The health screen.
pub struct HealthState {
    pub rows: Vec<HealthRow>,
    pub selected: usize,
    pub days: i64,
}

impl App {
    /// Opens (or refreshes) the health of every machine location over the last 30 days.
    pub fn open_health(&mut self) {
        let days = 30;
        match self.service.health_flagged_first(days) {
            Ok(rows) => {
                let selected = match &self.screen {
                    Screen::Health(h) => h.selected.min(rows.len().saturating_sub(1)),
                    _ => 0,
                };
                self.screen = Screen::Health(HealthState {
                    rows,
                    selected,
                    days,
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn health_action(&mut self, action: Action) {
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_health(),
            _ => {}
        }
    }
}
