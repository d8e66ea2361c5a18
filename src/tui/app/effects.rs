//! Effects: what a screen's key asks for that its own state cannot give it — a list read
//! from the store, a write, another screen, an overlay on top — and the one place that runs
//! them against the [`Service`] and hands the results back to the screens' states.
//!
//! A converted screen's key handling (`on_action`, and `on_prompt` for the prompts it
//! opened, in the screen's own module) changes its own state and returns an [`Effect`]; it
//! never sees the service, so its tests build the state by hand and need no store.
//! [`App::run`] runs the effect: `open` loads the screens, `write` posts and says what was
//! posted, `check` reads what a prompt's next step depends on and hands it back to the
//! screen's module, which decides that step; `report` does all three for the report.

use super::{App, Choice, Overlay, Quantity, ReportRow, strings};
use crate::domain::ids::{ExceptionId, ReportId};

mod check;
mod close;
mod open;
mod report;
mod write;

/// A list a prompt picks from, read from the store when the prompt opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choices {
    /// The plant's reason codes of a kind.
    Reasons(crate::service::ReasonKind),
    /// Every stock item but `except` (what a line issued instead of its own item).
    ItemsExcept(String),
    /// The locations other than `except` that hold `item`, most first (a transfer's source).
    HeldElsewhere { item: String, except: String },
    /// The lots of `item` at `location` in pick order. For a move of `moving`, the first
    /// choice leaves the lots to the pick order and the unknown lot is named `:QTY`.
    LotsAt {
        item: String,
        location: String,
        moving: Option<Quantity>,
    },
    /// The lot- and serial-tracked items (a trace).
    TrackedItems,
    /// Every location that holds `item`, with how much (a report line's issue location).
    StockOf(String),
    /// The lots of `item` at `location` in pick order for a report line taking `total`: the
    /// unknown lot named `:QTY`, an expired one saying it needs a lead.
    LineLots {
        item: String,
        location: String,
        total: Quantity,
    },
}

/// What a screen's key asks for beyond its own state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing more: the key changed the screen's state, or did nothing.
    None,
    /// A message on the message line: why the key did nothing.
    Error(String),
    /// An overlay on top: a prompt or a confirmation.
    Show(Box<Overlay>),
    /// A prompt whose pick list is read from the store first.
    Pick { prompt: Box<Overlay>, from: Choices },
    /// The order board (again).
    OpenOrders,
    /// The order board, the cursor on `order`.
    OpenOrdersAt { order: String },
    /// What was scanned or typed on the board: the order it means, opened.
    ResolveOrder { typed: String },
    /// An order: its operations, or its report when it has one operation.
    OpenOrder { order: String },
    /// The report of `operation`, from the order read again (what is on hand now).
    OpenReport {
        order: String,
        operation: i64,
        description: String,
    },
    /// The progress and variance of `order`; Esc goes back to its operations or the board.
    OpenVariance {
        order: String,
        from_operations: bool,
    },
    /// The board of every work center, or of this one again.
    ToggleAllWorkCenters,
    /// The board of the next work center.
    NextWorkCenter,
    /// The reports of the work center.
    OpenHistory,
    /// The lines of one posted report.
    OpenDetail(Box<ReportRow>),
    /// The staging list of the work center.
    OpenStaging,
    /// The staging list of the work center, or of every machine location.
    OpenStagingOf { every: bool },
    /// The exception queue of the work center's machine location.
    OpenExceptions,
    /// The machine locations' health.
    OpenHealth,
    /// A trace: first the item of the lot, picked from the tracked items.
    OpenTrace,
    /// Badge and PIN checked: the shift starts.
    Login { badge: String, pin: String },
    /// A report reversed.
    Reverse { report_id: ReportId, reason: String },
    /// Scrap added to (or taken off) a report's line.
    AdjustScrap {
        report_id: ReportId,
        line: String,
        qty: Quantity,
        reason: String,
    },
    /// Another item issued instead of a line's own.
    Substitute {
        report_id: ReportId,
        line: String,
        item: String,
        qty: Option<Quantity>,
        returned: Option<Quantity>,
    },
    /// What closing `order` settles, read now: the close asked for step by step.
    AskClose { order: String },
    /// An order closed under `key` (made when the close was first asked).
    CloseOrder {
        order: String,
        reason: Option<String>,
        key: String,
    },
    /// The reason of reopening a closed order asked.
    AskReopen { order: String },
    /// A closed order reopened under `key`.
    ReopenOrder {
        order: String,
        reason: String,
        key: String,
    },
    /// A lead's badge and PIN asked; then the effect runs with them.
    AskLead(Box<Effect>),
    /// The deferred lines retried.
    RetryExceptions,
    /// A deferred line cancelled.
    CancelException { id: ExceptionId },
    /// A substitute item checked against the stock items; then how much goes back.
    CheckSubstitute {
        report_id: ReportId,
        line: String,
        item: String,
        this: Box<Overlay>,
    },
    /// A count of `item` at `location`: by lot when the item is tracked.
    AskCount { item: String, location: String },
    /// A counted quantity against the book: posted, or first a reason when it differs much.
    CheckCount {
        item: String,
        location: String,
        lot: Option<String>,
        counted: Quantity,
        this: Box<Overlay>,
    },
    /// A count posted with the reason code typed (checked first).
    Count {
        item: String,
        location: String,
        lot: Option<String>,
        counted: Quantity,
        reason: String,
        this: Box<Overlay>,
    },
    /// A transfer's source checked to exist; then how many.
    CheckTransferSource {
        item: String,
        from: String,
        to: String,
        this: Box<Overlay>,
    },
    /// A transfer's quantity: posted, or first its lots when the item is tracked.
    TransferQty {
        item: String,
        from: String,
        to: String,
        qty: Quantity,
        this: Box<Overlay>,
    },
    /// A transfer posted (a tracked item by the lots named, else in pick order).
    Transfer {
        item: String,
        qty: Quantity,
        from: String,
        to: String,
        lots: Option<String>,
        this: Box<Overlay>,
    },
    /// The lots the store ever held of `item`, to pick the one to trace.
    TraceLots { item: String, this: Box<Overlay> },
    /// The trace of a lot.
    Trace {
        item: String,
        lot: String,
        this: Box<Overlay>,
    },
    /// The report keyed in, posted (a lead signs first when an override needs one).
    Post,
    /// A report line to issue from a location its preview does not know yet: the order read
    /// again with it, then the line changed.
    ReportLocation {
        line: String,
        location: String,
        this: Box<Overlay>,
    },
    /// The reason code typed for a line's override, checked; `then_post` goes on to the post.
    OverrideReason {
        line: String,
        then_post: bool,
        reason: String,
        this: Box<Overlay>,
    },
}

impl Effect {
    /// Shows `overlay` on top.
    #[must_use]
    pub fn show(overlay: Overlay) -> Self {
        Effect::Show(Box::new(overlay))
    }

    /// Shows `prompt` with the list `from` to pick from.
    #[must_use]
    pub fn pick(prompt: Overlay, from: Choices) -> Self {
        Effect::Pick {
            prompt: Box::new(prompt),
            from,
        }
    }

    /// A refused value: the prompt `this` again as it was, with why.
    #[must_use]
    pub fn reopen(this: Overlay, error: impl Into<String>) -> Self {
        Effect::show(this.with_error(error.into()))
    }
}

impl App {
    /// Runs `effect` against the service and hands what it read or wrote back to the
    /// screens.
    pub(super) fn run(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Error(message) => self.error(message),
            Effect::Show(overlay) => self.overlays.push(*overlay),
            Effect::Pick { prompt, from } => {
                let choices = self.choices(&from);
                self.overlays.push(prompt.with_choices(choices));
            }
            Effect::Login { badge, pin } => self.login(badge, pin),
            Effect::Reverse { report_id, reason } => self.reverse(report_id, &reason),
            Effect::AdjustScrap {
                report_id,
                line,
                qty,
                reason,
            } => self.adjust(report_id, &line, qty, &reason),
            Effect::Substitute {
                report_id,
                line,
                item,
                qty,
                returned,
            } => self.substitute(&crate::service::SubstituteRequest {
                report: report_id,
                line,
                item: item.into(),
                qty,
                return_qty: returned,
                ..crate::service::SubstituteRequest::default()
            }),
            Effect::RetryExceptions => self.retry_exceptions(),
            Effect::CancelException { id } => self.cancel_exception(id),
            Effect::Transfer {
                item,
                qty,
                from,
                to,
                lots,
                this,
            } => {
                let transfer = crate::service::TransferRequest {
                    item: item.into(),
                    qty,
                    from: from.into(),
                    to: to.into(),
                    lots,
                };
                self.post_transfer(&transfer, *this)
            }
            open @ (Effect::OpenOrders
            | Effect::OpenOrdersAt { .. }
            | Effect::ResolveOrder { .. }
            | Effect::OpenOrder { .. }
            | Effect::OpenReport { .. }
            | Effect::OpenVariance { .. }
            | Effect::ToggleAllWorkCenters
            | Effect::NextWorkCenter
            | Effect::OpenHistory
            | Effect::OpenDetail(_)
            | Effect::OpenStaging
            | Effect::OpenStagingOf { .. }
            | Effect::OpenExceptions
            | Effect::OpenHealth
            | Effect::OpenTrace) => self.run_open(open),
            close @ (Effect::AskClose { .. }
            | Effect::CloseOrder { .. }
            | Effect::AskReopen { .. }
            | Effect::ReopenOrder { .. }
            | Effect::AskLead(_)) => self.run_close(close),
            report @ (Effect::Post
            | Effect::ReportLocation { .. }
            | Effect::OverrideReason { .. }) => self.run_report(report),
            check => self.run_check(check),
        }
    }

    /// The pick list `from`, read from the store (empty when it cannot be read: the prompt
    /// still takes what is typed).
    fn choices(&self, from: &Choices) -> Vec<Choice> {
        match from {
            Choices::Reasons(kind) => self
                .service
                .reasons(*kind)
                .iter()
                .map(|code| Choice {
                    code: code.clone(),
                    detail: String::new(),
                })
                .collect(),
            Choices::ItemsExcept(item) => self
                .service
                .search_items("", 2000)
                .unwrap_or_default()
                .into_iter()
                .filter(|(code, _)| code != item)
                .map(|(code, detail)| Choice { code, detail })
                .collect(),
            Choices::HeldElsewhere { item, except } => {
                // A tracked item's stock is one row per lot (per serial): a location is
                // listed once, with what all its lots hold.
                let mut held: Vec<(String, Quantity)> = Vec::new();
                for b in self
                    .service
                    .stock(None, Some(&item.as_str().into()))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|b| b.location != *except && b.qty > Quantity::ZERO)
                {
                    match held.iter_mut().find(|(l, _)| *l == b.location.as_str()) {
                        Some((_, qty)) => *qty += b.qty,
                        None => held.push((b.location.to_string(), b.qty)),
                    }
                }
                held.sort_by_key(|(_, qty)| std::cmp::Reverse(*qty));
                held.into_iter()
                    .map(|(location, qty)| Choice::on_hand(location, qty))
                    .collect()
            }
            Choices::LotsAt {
                item,
                location,
                moving,
            } => self.lot_choices(item, location, *moving),
            Choices::TrackedItems => self
                .service
                .tracked_items()
                .unwrap_or_default()
                .into_iter()
                .map(|(code, detail)| Choice { code, detail })
                .collect(),
            Choices::StockOf(item) => self
                .service
                .stock(None, Some(&item.as_str().into()))
                .unwrap_or_default()
                .into_iter()
                .map(|b| Choice::on_hand(b.location.into(), b.qty))
                .collect(),
            Choices::LineLots {
                item,
                location,
                total,
            } => self.line_lot_choices(item, location, *total),
        }
    }

    /// The lots of `item` at `location` in pick order for a line taking `total`; the unknown
    /// lot is named by `:QTY`, an expired one says it needs a lead.
    fn line_lot_choices(&self, item: &str, location: &str, total: Quantity) -> Vec<Choice> {
        let today = self.now.date_naive();
        let mut lots: Vec<(bool, _)> = self
            .service
            .lots_at(item, location)
            .unwrap_or_default()
            .into_iter()
            .map(|lot| {
                let expired = crate::domain::lots::is_expired(lot.expires.as_deref(), today);
                (expired, lot)
            })
            .collect();
        // Pick order, but an expired lot (which no automatic pick takes, and which needs a
        // lead) last: the first highlighted is never one the operator should not take.
        lots.sort_by_key(|(expired, _)| *expired);
        lots.into_iter()
            .map(|(expired, lot)| Choice::lot(lot, Some(format!(":{}", total)), expired))
            .collect()
    }

    /// The lots of `item` at `location` in pick order, with quantity and expiry. For a move of
    /// `moving`, the first choice (an empty code) leaves the lots to the pick order, and the
    /// unknown lot is named `:QTY`.
    fn lot_choices(&self, item: &str, location: &str, moving: Option<Quantity>) -> Vec<Choice> {
        let auto = moving.map(|_| Choice {
            code: String::new(),
            detail: strings::pick_order_chooses(),
        });
        let unknown = moving.map(|qty| format!(":{}", qty));
        let today = self.now.date_naive();
        let lots = self
            .service
            .lots_at(item, location)
            .unwrap_or_default()
            .into_iter()
            .map(|lot| {
                // An expired lot is counted or moved like any other, but says it is expired.
                let expired = crate::domain::lots::is_expired(lot.expires.as_deref(), today);
                let mut choice = Choice::lot(lot, unknown.clone(), false);
                if expired {
                    choice.detail.push_str(&crate::tui::i18n::t(
                        crate::tui::i18n::Msg::ChoiceLotExpired,
                    ));
                }
                choice
            });
        auto.into_iter().chain(lots).collect()
    }
}
