//! The effects that read what a prompt's next step depends on (does the item exist, is it
//! tracked, what does the book say) and hand it to the screen's module, which decides the
//! step: the next prompt, the value refused, or the write.

use super::{App, Effect, Overlay, Quantity, strings};
use crate::domain::ids::ReportId;
use crate::service::{CountRequest, TransferRequest};
use crate::tui::app::staging::Route;
use crate::tui::app::{Screen, TraceState, staging, trace};

impl App {
    pub(super) fn run_check(&mut self, effect: Effect) {
        match effect {
            Effect::CheckSubstitute {
                report_id,
                line,
                item,
                this,
            } => self.check_substitute(report_id, line, item, *this),
            Effect::AskCount { item, location } => {
                let tracked = self.service.is_tracked(&item).unwrap_or(false);
                self.run(staging::count_prompt(item, location, tracked));
            }
            Effect::CheckCount {
                item,
                location,
                lot,
                counted,
                this,
            } => {
                let count = CountRequest {
                    item: item.into(),
                    location: location.into(),
                    lot,
                    counted,
                    reason: None,
                };
                self.check_count(count, *this)
            }
            Effect::Count {
                item,
                location,
                lot,
                counted,
                reason,
                this,
            } => match self
                .service
                .check_reason(crate::service::ReasonKind::Count, &reason)
            {
                Ok(code) => {
                    let count = CountRequest {
                        item: item.into(),
                        location: location.into(),
                        lot,
                        counted,
                        reason: Some(code),
                    };
                    self.post_count(&count, *this);
                }
                Err(e) => self.run(Effect::reopen(*this, self.said(&e))),
            },
            Effect::CheckTransferSource {
                item,
                from,
                to,
                this,
            } => self.check_transfer_source(item, Route { from, to }, *this),
            Effect::TransferQty {
                item,
                from,
                to,
                qty,
                this,
            } => {
                if self.service.is_tracked(&item).unwrap_or(false) {
                    let route = Route { from, to };
                    self.run(staging::transfer_lots_prompt(item, route, qty, *this));
                } else {
                    let transfer = TransferRequest {
                        item: item.into(),
                        qty,
                        from: from.into(),
                        to: to.into(),
                        lots: None,
                    };
                    self.run(staging::confirm_transfer(transfer, this));
                }
            }
            Effect::TraceLots { item, this } => match self.service.lots_of(&item) {
                Ok(lots) => self.run(trace::lot_prompt(item, lots, *this)),
                Err(e) => self.run(Effect::reopen(*this, self.said(&e))),
            },
            Effect::Trace { item, lot, this } => {
                match self.service.trace(&item.as_str().into(), &lot) {
                    Ok(trace) => self.screen = Screen::Trace(TraceState { trace, selected: 0 }),
                    Err(e) => self.run(Effect::reopen(*this, self.said(&e))),
                }
            }
            _ => {}
        }
    }

    /// The item issued instead, checked at its own step (not after the quantity); then how
    /// much of the line's own item goes back.
    fn check_substitute(&mut self, report_id: ReportId, line: String, item: String, this: Overlay) {
        match self.service.search_items(&item, 50) {
            Ok(found) if found.iter().any(|(code, _)| *code == item) => {
                if let Screen::Detail(d) = &self.screen {
                    let next = d.return_prompt(report_id, line, item, this);
                    self.overlays.push(next);
                }
            }
            Ok(_) => self.run(Effect::reopen(this, strings::unknown_stock_item(&item))),
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }

    /// A counted quantity against the book: posted, or first a reason when it differs
    /// much (`count_confirm_pct`).
    fn check_count(&mut self, count: CountRequest, this: Overlay) {
        let book = match self
            .service
            .book_qty(&count.item, &count.location, count.lot.as_deref())
        {
            Ok(b) => b,
            Err(e) => return self.run(Effect::reopen(this, self.said(&e))),
        };
        if self.service.count_needs_reason(book, count.counted) {
            let next = staging::count_reason_prompt(count, book, this);
            return self.run(next);
        }
        self.post_count(&count, this);
    }

    /// A transfer's source must exist; then how many, the shortfall offered.
    fn check_transfer_source(&mut self, item: String, route: Route, this: Overlay) {
        let Route { from, to } = route;
        match self.service.location_kind(&from) {
            Ok(Some(_)) => {
                let held: Quantity = self
                    .service
                    .stock(Some(&from.as_str().into()), Some(&item.as_str().into()))
                    .unwrap_or_default()
                    .iter()
                    .map(|b| b.qty)
                    .sum();
                if let Screen::Staging(s) = &self.screen {
                    // A source the queue lists holds its usable stock (unexpired lots).
                    let usable = s
                        .rows
                        .iter()
                        .find(|r| r.item == item && r.location == to)
                        .and_then(|r| r.sources.iter().find(|(l, _)| *l == from))
                        .map_or(held, |(_, q)| *q);
                    let next = s.transfer_qty_prompt(item, Route { from, to }, usable, this);
                    self.overlays.push(next);
                }
            }
            Ok(None) => self.run(Effect::reopen(this, strings::unknown_location(&from))),
            Err(e) => {
                let said = self.said(&e);
                self.error(said)
            }
        }
    }
}
