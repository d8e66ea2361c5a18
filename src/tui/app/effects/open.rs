//! The effects that open a screen: each reads what the screen lists and hands it to the
//! screen's constructor, which keeps the cursor where it was; and the board's shortage
//! flags, read between frames.
use super::{App, Choices, Effect, ReportRow, strings};
use crate::tui::app::{
    DetailState, ExceptionsState, HealthState, HistoryState, LIST_LIMIT, OperationsState,
    OrdersState, Screen, StagingState, VarianceState, trace,
};

impl App {
    pub(super) fn run_open(&mut self, effect: Effect) {
        match effect {
            Effect::OpenOrders => self.open_orders(),
            Effect::OpenOrdersAt { order } => {
                self.open_orders();
                self.select_order(&order);
            }
            Effect::ResolveOrder { typed } => match self.service.resolve_order(&typed) {
                Ok(order) => self.open_order(&order),
                Err(e) => {
                    let said = self.said(&e);
                    self.error(said)
                }
            },
            Effect::OpenOrder { order } => self.open_order(&order),
            Effect::OpenReport {
                order,
                operation,
                description,
            } => {
                // Read again so the preview starts from what is on hand now.
                match self.service.report_context(&order, std::iter::empty()) {
                    Ok(context) => self.open_report(context, description, operation),
                    Err(e) => {
                        let said = self.said(&e);
                        self.error(said)
                    }
                }
            }
            Effect::OpenVariance {
                order,
                from_operations,
            } => self.open_variance(&order, from_operations),
            Effect::ToggleAllWorkCenters => {
                self.all_work_centers = !self.all_work_centers;
                self.open_orders();
            }
            Effect::NextWorkCenter if !self.work_centers.is_empty() => {
                self.work_center = (self.work_center + 1) % self.work_centers.len();
                self.all_work_centers = false;
                if let Screen::Orders(o) = &mut self.screen {
                    o.selected = 0;
                }
                self.open_orders();
            }
            Effect::OpenHistory => self.open_history(),
            Effect::OpenDetail(report) => self.open_detail(*report),
            Effect::OpenStaging => self.open_staging(),
            Effect::OpenExceptions => self.open_exceptions(),
            Effect::OpenHealth => self.open_health(),
            Effect::OpenTrace => self.open_trace(),
            _ => {}
        }
    }

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
                self.screen = Screen::Orders(OrdersState::new(rows, waiting, selected));
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    pub(in crate::tui::app) fn select_order(&mut self, order: &str) {
        if let Screen::Orders(o) = &mut self.screen {
            o.select(order);
        }
    }

    /// Opens an order: its operations, or straight the report when it has one operation.
    pub fn open_order(&mut self, order: &str) {
        let context = match self.service.report_context(order, std::iter::empty()) {
            Ok(c) => c,
            Err(e) => {
                return {
                    let said = self.said(&e);
                    self.error(said)
                };
            }
        };
        let description = context
            .item(&context.order.item)
            .map(|i| i.description.clone())
            .unwrap_or_default();
        if let [only] = context.order.operations.as_slice() {
            let operation = only.operation;
            return self.open_report(context, description, operation);
        }
        self.screen = Screen::Operations(Box::new(OperationsState::new(context, description)));
    }

    /// Opens the variance of `order`; Esc goes back to its operations when
    /// `from_operations`, else to the board.
    pub fn open_variance(&mut self, order: &str, from_operations: bool) {
        let loaded = self
            .service
            .report_context(order, std::iter::empty())
            .and_then(|c| self.service.variance(order).map(|v| (c, v)));
        match loaded {
            Ok((context, variance)) => {
                let state = VarianceState::new(&context, variance, from_operations);
                self.screen = Screen::Variance(Box::new(state));
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    pub(in crate::tui::app) fn open_history(&mut self) {
        let wc = self.board_work_center();
        match self.service.history(wc.as_deref(), LIST_LIMIT) {
            Ok(rows) => {
                // The cursor stays on the report it was on (coming back from its lines, or
                // after a reversal), found by id: a lead never acts on the wrong row.
                let on = match &self.screen {
                    Screen::History(h) => h.rows.get(h.selected).map(|r| r.id),
                    Screen::Detail(d) => Some(d.report.id),
                    _ => None,
                };
                self.screen = Screen::History(HistoryState::new(rows, on));
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    fn open_detail(&mut self, report: ReportRow) {
        match self.service.report_detail(report.id) {
            Ok(lines) => {
                let substitutes = self
                    .service
                    .report_substitutes(report.id)
                    .unwrap_or_default();
                let before = match &self.screen {
                    Screen::Detail(d) => Some(d),
                    _ => None,
                };
                let state = DetailState::new(report, lines, substitutes, before);
                self.screen = Screen::Detail(state);
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    /// The report's lines read again after a write on one of them.
    pub(super) fn reopen_detail(&mut self) {
        if let Screen::Detail(d) = &self.screen {
            let report = d.report.clone();
            self.open_detail(report);
        }
    }

    /// Opens (or refreshes) the staging list of the current work center: reading, for every
    /// user; bringing stock and counting it need a handler or a lead.
    pub fn open_staging(&mut self) {
        let Some(wc) = self.current_work_center().map(|w| w.work_center.clone()) else {
            return self.error(strings::NO_WORK_CENTER_TO_STAGE);
        };
        match self.service.staging(&wc) {
            Ok(rows) => {
                let before = match &self.screen {
                    Screen::Staging(s) => Some(s.selected),
                    _ => None,
                };
                self.screen = Screen::Staging(StagingState::new(wc, rows, before));
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    /// Opens (or refreshes) the queue of the current work center's machine location.
    pub fn open_exceptions(&mut self) {
        let location = if self.all_work_centers {
            None
        } else {
            self.current_work_center().map(|w| w.location.clone())
        };
        match self.service.exceptions(true) {
            Ok(rows) => {
                let before = match &self.screen {
                    Screen::Exceptions(e) => Some(e.selected),
                    _ => None,
                };
                let state = ExceptionsState::new(location.map(String::from), rows, before);
                self.screen = Screen::Exceptions(state);
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    /// Opens (or refreshes) the health of every machine location over the last 30 days.
    pub fn open_health(&mut self) {
        let days = crate::service::health::DEFAULT_DAYS;
        match self.service.health_flagged_first(days) {
            Ok(rows) => {
                let before = match &self.screen {
                    Screen::Health(h) => Some(h.selected),
                    _ => None,
                };
                self.screen = Screen::Health(HealthState::new(rows, days, before));
            }
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    /// Asks for the item of the lot to trace, from the tracked items.
    pub fn open_trace(&mut self) {
        self.run(Effect::pick(trace::item_prompt(), Choices::TrackedItems));
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
            .filter(|r| !o.shortages.contains_key(r.order.as_str()))
            .take(BATCH)
            .map(|r| r.order.to_string())
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
}
