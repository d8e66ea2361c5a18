//! The machine locations' health for a lead: flagged items first, so a wrong BOM or
//! unreported scrap shows from the cycle counts. Keys return [`Effect`]s (see
//! `history` for the shape).

use super::{Action, Effect};
use crate::service::health::HealthRow;

/// The health screen.
pub struct HealthState {
    pub rows: Vec<HealthRow>,
    pub selected: usize,
    pub days: i64,
}

impl HealthState {
    /// The health of `rows` over `days`, the cursor where it was (`before`) as far as the
    /// list still reaches.
    #[must_use]
    pub fn new(rows: Vec<HealthRow>, days: i64, before: Option<usize>) -> Self {
        let selected = before.map_or(0, |s| s.min(rows.len().saturating_sub(1)));
        HealthState {
            rows,
            selected,
            days,
        }
    }

    /// A key on the health screen.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        match action {
            Action::Back => Effect::OpenOrders,
            Action::Refresh => Effect::OpenHealth,
            _ => Effect::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_health_keeps_its_cursor_within_the_list_and_esc_goes_to_the_board() {
        let h = HealthState::new(Vec::new(), 30, Some(4));
        assert_eq!((h.selected, h.days), (0, 30));
        assert_eq!(h.on_action(Action::Refresh), Effect::OpenHealth);
        assert_eq!(h.on_action(Action::Back), Effect::OpenOrders);
        assert_eq!(h.on_action(Action::Open), Effect::None);
    }
}
