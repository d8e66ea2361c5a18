//! The order board of a work center and the operations of an order.

use super::*;

/// The order board of a work center.
pub struct OrdersState {
    pub rows: Vec<OrderSummary>,
    pub selected: usize,
    /// What a scanner (or the keyboard) typed: it filters the board as it grows, and Enter
    /// opens the order it means.
    pub typed: String,
    /// Orders known to be short at their issue locations (computed for the visible rows).
    pub shortages: HashMap<String, bool>,
    /// Open exceptions per order: lines still waiting for stock.
    pub waiting: HashMap<String, i64>,
}

impl OrdersState {
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
}

/// The operations of one order.
pub struct OperationsState {
    pub context: ReportContext,
    pub description: String,
    pub selected: usize,
}

impl App {
    /// Opens (or refreshes) the order board.
    pub fn open_orders(&mut self) {
        let wc = self.board_work_center();
        match self.service.orders(wc.as_deref(), LIST_LIMIT) {
            Ok(rows) => {
                let selected = match &self.screen {
                    Screen::Orders(o) => o.selected,
                    _ => 0,
                };
                let waiting = self.service.waiting_by_order().unwrap_or_default();
                self.screen = Screen::Orders(OrdersState {
                    rows,
                    selected,
                    typed: String::new(),
                    shortages: HashMap::new(),
                    waiting,
                });
                self.move_selection(Action::Up);
                self.move_selection(Action::Down);
                if let Screen::Orders(o) = &mut self.screen {
                    o.selected = selected.min(o.visible().len().saturating_sub(1));
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn select_order(&mut self, order: &str) {
        if let Screen::Orders(o) = &mut self.screen
            && let Some(i) = o.visible().iter().position(|r| r.order == order)
        {
            o.selected = i;
        }
    }

    /// Work the loop does between frames, after drawing: the shortage flags of the orders
    /// around the selection, a few at a time so a key is never kept waiting. True when it
    /// changed something to draw.
    pub fn pending_work(&mut self) -> bool {
        const BATCH: usize = 8;
        let Screen::Orders(o) = &self.screen else {
            return false;
        };
        let start = o.selected.saturating_sub(20);
        let wanted: Vec<String> = o
            .visible()
            .iter()
            .skip(start)
            .take(45)
            .filter(|r| !o.shortages.contains_key(&r.order))
            .take(BATCH)
            .map(|r| r.order.clone())
            .collect();
        if wanted.is_empty() {
            return false;
        }
        let flags: Vec<(String, bool)> = wanted
            .into_iter()
            .map(|id| {
                let short = self
                    .service
                    .order_shortages(&id)
                    .is_ok_and(|s| !s.is_empty());
                (id, short)
            })
            .collect();
        if let Screen::Orders(o) = &mut self.screen {
            o.shortages.extend(flags);
        }
        true
    }

    pub(super) fn orders_action(&mut self, action: Action) {
        let Screen::Orders(o) = &mut self.screen else {
            return;
        };
        match action {
            Action::Open => {
                let typed = std::mem::take(&mut o.typed);
                let typed = typed.trim();
                let target = if typed.is_empty() {
                    o.visible().get(o.selected).map(|r| Ok(r.order.clone()))
                } else {
                    Some(self.service.resolve_order(typed))
                };
                match target {
                    Some(Ok(order)) => self.open_order(&order),
                    Some(Err(e)) => self.error(e.to_string()),
                    None => {}
                }
            }
            Action::Back => {
                o.typed.clear();
                o.selected = 0;
            }
            Action::Variance => {
                if let Some(order) = o.visible().get(o.selected).map(|r| r.order.clone()) {
                    self.open_variance(&order);
                }
            }
            Action::ToggleAllWorkCenters => {
                self.all_work_centers = !self.all_work_centers;
                self.open_orders();
            }
            Action::NextWorkCenter if !self.work_centers.is_empty() => {
                self.work_center = (self.work_center + 1) % self.work_centers.len();
                self.all_work_centers = false;
                if let Screen::Orders(o) = &mut self.screen {
                    o.selected = 0;
                }
                self.open_orders();
            }
            Action::History => self.open_history(),
            Action::Staging => self.open_staging(),
            Action::Exceptions => self.open_exceptions(),
            Action::Refresh => self.open_orders(),
            Action::Health => self.open_health(),
            Action::Trace => self.open_trace(),
            _ => {}
        }
    }

    /// Opens an order: its operations, or straight the report when it has one operation.
    pub fn open_order(&mut self, order: &str) {
        let context = match self.service.report_context(order, std::iter::empty()) {
            Ok(c) => c,
            Err(e) => {
                self.error(e.to_string());
                return;
            }
        };
        let description = context
            .item(&context.order.item)
            .map(|i| i.description.clone())
            .unwrap_or_default();
        if context.order.operations.len() == 1 {
            let op = context.order.operations[0].operation;
            self.open_report(context, description, op);
            return;
        }
        // Start on the first count point that still has units to report.
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
        self.screen = Screen::Operations(Box::new(OperationsState {
            context,
            description,
            selected,
        }));
    }

    pub(super) fn operations_action(&mut self, action: Action) {
        match action {
            Action::Back => self.open_orders(),
            Action::Variance => {
                if let Screen::Operations(o) = &self.screen {
                    let order = o.context.order.order.clone();
                    self.open_variance(&order);
                }
            }
            Action::Open => {
                let Screen::Operations(o) = &self.screen else {
                    return;
                };
                let Some(op) = o.context.order.operations.get(o.selected) else {
                    return;
                };
                if !op.count_point {
                    let cp = crate::domain::backflush::covering_count_point(
                        &o.context.order,
                        op.operation,
                    )
                    .unwrap_or(op.operation);
                    let msg = format!(
                        "operation {} is not a count point; its lines are reported at operation {cp}",
                        op.operation
                    );
                    self.error(msg);
                    return;
                }
                let operation = op.operation;
                let order = o.context.order.order.clone();
                // Reload so the preview starts from what is on hand now.
                match self.service.report_context(&order, std::iter::empty()) {
                    Ok(context) => {
                        let Screen::Operations(o) = &self.screen else {
                            return;
                        };
                        let description = o.description.clone();
                        self.open_report(context, description, operation);
                    }
                    Err(e) => self.error(e.to_string()),
                }
            }
            _ => {}
        }
    }
}
