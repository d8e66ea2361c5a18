//! The effects that open a screen: each reads what the screen lists and hands it to the
//! screen's constructor, which keeps the cursor where it was; and the board's shortage
//! flags, read between frames.
use super::{App, Choices, Effect, ReportRow, strings};
use crate::service::replenish::{QueueOf, QueueRequest};
use crate::tui::app::Quantity;
use crate::tui::app::Severity;
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
            Effect::OpenStagingOf { every } => self.open_staging_of(every),
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
            // A closed order takes no report: its progress and variance open, read-only.
            Err(crate::service::ServiceError::Refused(crate::service::Refusal::OrderClosed {
                order,
            })) => return self.open_variance(order.as_str(), false),
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
        // An order opened from another work center's board or typed in says whose it is.
        let ours = self.current_work_center().map(|w| w.work_center.clone());
        let theirs = context
            .order
            .operations
            .first()
            .map(|o| o.work_center.clone());
        let another = match (ours, theirs) {
            (Some(ours), Some(theirs))
                if !context
                    .order
                    .operations
                    .iter()
                    .any(|o| o.work_center == ours) =>
            {
                Some(strings::another_work_centers_order(order, &theirs, &ours))
            }
            _ => None,
        };
        if let [only] = context.order.operations.as_slice() {
            let operation = only.operation;
            self.open_report(context, description, operation);
        } else {
            self.screen = Screen::Operations(Box::new(OperationsState::new(context, description)));
        }
        if let Some(word) = another
            && self.status.is_none()
        {
            self.status = Some((word, Severity::Info));
        }
    }

    /// Opens the variance of `order`; Esc goes back to its operations when
    /// `from_operations`, else to the board.
    pub fn open_variance(&mut self, order: &str, from_operations: bool) {
        let loaded = self
            .service
            .order_context(order, std::iter::empty())
            .and_then(|c| self.service.variance(order).map(|v| (c, v)))
            .and_then(|(c, v)| {
                let status = self.service.order_status(&c.order.order)?;
                Ok((c, v, status))
            });
        match loaded {
            Ok((context, variance, status)) => {
                let state = VarianceState::new(&context, variance, from_operations, status);
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

    /// Opens (or refreshes) the staging list as it was: of the current work center, or of
    /// every machine location.
    pub fn open_staging(&mut self) {
        let every = matches!(&self.screen, Screen::Staging(s) if s.every);
        self.open_staging_of(every);
    }

    /// Opens the handler's queue of the current work center's machine location, or of every
    /// machine location: reading, for every user; bringing stock and counting it need a
    /// handler or a lead.
    pub fn open_staging_of(&mut self, every: bool) {
        let Some(wc) = self.current_work_center().map(|w| w.work_center.clone()) else {
            return self.error(strings::no_work_center_to_stage());
        };
        let read = if every {
            self.service.replenish(&QueueRequest {
                of: QueueOf::Every,
                all: true,
            })
        } else {
            self.service.staging(&wc)
        };
        match read {
            Ok(rows) => {
                let before = match &self.screen {
                    Screen::Staging(s) if s.every == every => Some(s.selected),
                    _ => None,
                };
                self.screen = Screen::Staging(StagingState::new(wc, rows, before).of_every(every));
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
                let mut state = ExceptionsState::new(location.map(String::from), rows, before);
                state.now = self
                    .service
                    .exceptions_now()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|n| (n.id, n))
                    .collect();
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

    /// Work the loop does between frames, after drawing: how many units each order on
    /// screen can build and whether it is ready to close, a few orders at a time so a key is never kept waiting. True when it
    /// changed something to draw.
    pub fn pending_work(&mut self) -> bool {
        const BATCH: usize = 8;
        let Screen::Orders(o) = &self.screen else {
            return false;
        };
        // The rows the board showed in the last frame, the cursor's among them.
        let rows = self.list_rows.get().max(1);
        let start = (o.selected + 1).saturating_sub(rows);
        let wanted: Vec<String> = o
            .visible()
            .iter()
            .skip(start)
            .take(rows)
            .filter(|r| {
                !o.can_build.contains_key(r.order.as_str())
                    || !o.ready.contains_key(r.order.as_str())
            })
            .take(BATCH)
            .map(|r| r.order.to_string())
            .collect();
        if wanted.is_empty() {
            return false;
        }
        // What each can build, and whether it is ready to close (an order that cannot be
        // read is not marked).
        let read: Vec<(String, Option<Quantity>, bool)> = wanted
            .into_iter()
            .map(|id| {
                let n = self.service.can_build(&id).ok().flatten();
                let ready = self.service.ready_to_close(&id).unwrap_or(false);
                (id, n, ready)
            })
            .collect();
        if let Screen::Orders(o) = &mut self.screen {
            for (id, n, ready) in read {
                o.ready.insert(id.clone(), ready);
                o.can_build.insert(id, n);
            }
        }
        true
    }
}
