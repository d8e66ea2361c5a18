//! The order board of a work center and the operations of an order. Keys return
//! [`Effect`]s (see `history` for the shape); the shortage flags the board shows are read
//! between frames, in `effects`.

use super::{Action, Effect, HashMap, OrderSummary, ReportContext};
use crate::domain::order::Order;
use crate::tui::app::Quantity;

/// The order board of a work center.
pub struct OrdersState {
    pub rows: Vec<OrderSummary>,
    pub selected: usize,
    /// What a scanner (or the keyboard) typed: it filters the board as it grows, and Enter
    /// opens the order it means.
    pub typed: String,
    /// Per order, the most units a report at its next count point could post with no line
    /// short or deferred (`None`: nothing left to report there, or it cannot be planned).
    /// Read between frames for the rows on screen only.
    pub can_build: HashMap<String, Option<Quantity>>,
    /// Per order, whether it is ready to close: the good at its last operation reached the
    /// order quantity and nothing of it waits in the exception queue. Read between frames
    /// for the rows on screen only.
    pub ready: HashMap<String, bool>,
    /// Open exceptions per order: lines still waiting for stock.
    pub waiting: HashMap<String, i64>,
    /// What the last post did, kept on the board's message line while the board shows.
    pub posted: Option<String>,
    /// Just back from a post: Enter (pressed once too often) opens nothing until another key
    /// (a move, a scan) says which order is next.
    pub hold_enter: bool,
}

impl OrdersState {
    /// The board of `rows`, the cursor on row `selected` as far as the board reaches.
    #[must_use]
    pub fn new(rows: Vec<OrderSummary>, waiting: HashMap<String, i64>, selected: usize) -> Self {
        let selected = selected.min(rows.len().saturating_sub(1));
        OrdersState {
            rows,
            selected,
            typed: String::new(),
            can_build: HashMap::new(),
            ready: HashMap::new(),
            waiting,
            posted: None,
            hold_enter: false,
        }
    }

    /// The rows that match what was typed (any case, anywhere in order, item or description).
    pub fn visible(&self) -> Vec<&OrderSummary> {
        let needle = self.typed.trim().to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || r.order.to_lowercase().contains(&needle)
                    || r.item.to_lowercase().contains(&needle)
                    || r.description.to_lowercase().contains(&needle)
            })
            .collect()
    }

    /// The cursor on `order` when the board shows it.
    pub fn select(&mut self, order: &str) {
        if let Some(i) = self.visible().iter().position(|r| r.order == order) {
            self.selected = i;
        }
    }

    /// The order under the cursor.
    fn selected_order(&self) -> Option<String> {
        self.visible()
            .get(self.selected)
            .map(|r| r.order.to_string())
    }

    /// A key on the board (characters typed go to `typed`, in `keys`).
    pub fn on_action(&mut self, action: Action) -> Effect {
        match action {
            Action::Open if self.hold_enter && self.typed.trim().is_empty() => Effect::None,
            Action::Open => {
                let typed = std::mem::take(&mut self.typed);
                let typed = typed.trim();
                if typed.is_empty() {
                    self.selected_order()
                        .map_or(Effect::None, |order| Effect::OpenOrder { order })
                } else {
                    Effect::ResolveOrder {
                        typed: typed.to_string(),
                    }
                }
            }
            Action::Back => {
                self.typed.clear();
                self.selected = 0;
                Effect::None
            }
            Action::Variance => {
                self.selected_order()
                    .map_or(Effect::None, |order| Effect::OpenVariance {
                        order,
                        from_operations: false,
                    })
            }
            Action::ToggleAllWorkCenters => Effect::ToggleAllWorkCenters,
            Action::NextWorkCenter => Effect::NextWorkCenter,
            Action::History => Effect::OpenHistory,
            Action::Staging => Effect::OpenStaging,
            Action::Exceptions => Effect::OpenExceptions,
            Action::Refresh => Effect::OpenOrders,
            Action::Health => Effect::OpenHealth,
            Action::Trace => Effect::OpenTrace,
            _ => Effect::None,
        }
    }
}

/// The operations of one order.
pub struct OperationsState {
    pub context: ReportContext,
    pub description: String,
    pub selected: usize,
}

impl OperationsState {
    /// The operations of the order of `context`, the cursor on the first count point that
    /// still has units to report.
    #[must_use]
    pub fn new(context: ReportContext, description: String) -> Self {
        let selected = context
            .order
            .operations
            .iter()
            .position(|o| {
                o.count_point
                    && context
                        .progress
                        .operations
                        .get(&o.operation)
                        .is_none_or(|p| p.units() < context.order.qty)
            })
            .unwrap_or(0);
        OperationsState {
            context,
            description,
            selected,
        }
    }

    /// A key on the operations.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        operations_action(
            &self.context.order,
            &self.description,
            self.selected,
            action,
        )
    }
}

/// A key on the operations of `order`, operation `selected` under the cursor.
fn operations_action(order: &Order, description: &str, selected: usize, action: Action) -> Effect {
    match action {
        Action::Back => Effect::OpenOrders,
        Action::Variance => Effect::OpenVariance {
            order: order.order.to_string(),
            from_operations: true,
        },
        Action::Open => {
            let Some(op) = order.operations.get(selected) else {
                return Effect::None;
            };
            if !op.count_point {
                let cp = crate::domain::backflush::covering_count_point(order, op.operation)
                    .unwrap_or(op.operation);
                return Effect::Error(crate::tui::i18n::tr(
                    crate::tui::i18n::Msg::NotACountPoint,
                    &[
                        ("operation", op.operation.to_string().into()),
                        ("count_point", cp.to_string().into()),
                    ],
                ));
            }
            Effect::OpenReport {
                order: order.order.to_string(),
                operation: op.operation,
                description: description.to_string(),
            }
        }
        _ => Effect::None,
    }
}

#[cfg(test)]
mod tests;
