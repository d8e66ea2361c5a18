//! The other movements of SPEC §3, as use cases: a lead's scrap adjustment and substitution
//! on a posted report's detail line, the cycle count, and the material handler's staging list.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::auth::Action;
use super::reasons::ReasonKind;
use super::{Credentials, Result, Service, ServiceError, Thing, keyed};
use crate::domain::backflush::{self, check_quantity};
use crate::domain::journal::inventory_account;
use crate::domain::lots::LotQty;
use crate::domain::master::{ItemType, LocationKind, Tracking};
use crate::domain::qty::canonical;
use crate::store::exceptions::ExceptionRow;
use crate::store::{self, floor::ReportLine};

/// A posted scrap adjustment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
    pub report_id: i64,
    pub line: String,
    pub item: String,
    pub location: String,
    pub qty: Decimal,
    pub reason: String,
    /// The lots moved, signed like `qty` (empty for an untracked item).
    #[serde(default)]
    pub lots: Vec<LotQty>,
}

/// A posted substitution.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Substitution {
    pub report_id: i64,
    pub line: String,
    pub location: String,
    pub returned_item: String,
    pub returned_qty: Decimal,
    pub issued_item: String,
    pub issued_qty: Decimal,
    /// The lots of the line's item returned (tracked items).
    #[serde(default)]
    pub returned_lots: Vec<LotQty>,
    /// The lots of the substitute issued (tracked items).
    #[serde(default)]
    pub issued_lots: Vec<LotQty>,
}

/// The lots a signed movement of `item` on a report's line moves (SPEC §9): out of the
/// location from the lots named or in pick order, back only to lots the line consumed.
fn plan_lots(
    conn: &rusqlite::Connection,
    item: &crate::domain::master::Item,
    (report_id, line, location): (i64, &str, &str),
    (qty, named): (Decimal, Option<&str>),
    (pick, today): (crate::domain::lots::PickOrder, chrono::NaiveDate),
) -> Result<Vec<LotQty>> {
    use crate::domain::lots::{LinePlanError, TakeError, plan_line_lots};
    if item.tracking == Tracking::None && named.is_none() {
        return Ok(Vec::new());
    }
    let at = store::ledger::lots_at(conn, &item.item, location)?;
    let consumed = store::floor::line_lots(conn, report_id, line, &item.item)?;
    plan_line_lots(
        qty,
        named,
        (item.tracking, item.decimals),
        (&at, &consumed),
        (pick, today),
    )
    .map_err(|e| match e {
        LinePlanError::Take(TakeError::Uncovered(_)) => {
            ServiceError::Refused(format!("{} at {location}: {e}", item.item))
        }
        _ => ServiceError::invalid(
            format!("lots of {}", item.item),
            format!("{:?}", named.unwrap_or_default()),
            format!("do not fit: {e}"),
        ),
    })
}

/// A posted cycle count.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Count {
    pub item: String,
    pub location: String,
    /// The lot counted (a tracked item is counted one lot at a time).
    pub lot: Option<String>,
    pub expected: Decimal,
    pub counted: Decimal,
    /// Counts that found the book quantity, of all counts so far.
    pub accuracy: (i64, i64),
    /// The `[reasons] count` code given with the count.
    pub reason: Option<String>,
    /// Deferred lines the count let post (it raised the balance where they wait).
    pub posted: Vec<ExceptionRow>,
}

impl Count {
    /// The difference in percent of the book quantity (`None` for a book of 0).
    #[must_use]
    pub fn difference_pct(&self) -> Option<Decimal> {
        difference_pct(self.expected, self.counted)
    }
}

/// Whether a count differs from its book by more than `limit_pct` (any difference from 0).
fn needs_count_reason(book: Decimal, counted: Decimal, limit_pct: Decimal) -> bool {
    match difference_pct(book, counted) {
        Some(pct) => pct > limit_pct,
        None => !counted.is_zero(),
    }
}

/// |counted − book| in percent of the book, rounded half up to 2 decimals (`None`: book 0).
#[must_use]
pub fn difference_pct(book: Decimal, counted: Decimal) -> Option<Decimal> {
    if book.is_zero() {
        return None;
    }
    ((counted - book).abs() * Decimal::ONE_HUNDRED)
        .checked_div(book.abs())
        .map(|p| p.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

/// One item a work center's machine location still needs.
#[derive(Debug, Clone, PartialEq)]
pub struct StagingLine {
    pub item: String,
    pub location: String,
    pub need: Decimal,
    pub on_hand: Decimal,
    pub shortfall: Decimal,
    pub orders: usize,
    /// Storage locations holding the item, with their quantities, most first.
    pub sources: Vec<(String, Decimal)>,
}

impl Service {
    /// The detail line of a posted, unreversed report named by line id or item code.
    fn posted_line(&self, report_id: i64, key: &str) -> Result<ReportLine> {
        let conn = self.store.conn();
        if !store::floor::report_exists(conn, report_id)? {
            return Err(ServiceError::not_found(
                Thing::Report,
                report_id.to_string(),
            ));
        }
        let lines = store::floor::report_lines(conn, report_id)?;
        let found: Vec<&ReportLine> = match lines.iter().find(|l| l.line == key) {
            Some(l) => vec![l],
            None => lines.iter().filter(|l| l.item == key).collect(),
        };
        let line = match found.as_slice() {
            [one] => (*one).clone(),
            [] => {
                return Err(ServiceError::NoLine {
                    owner: format!("report {report_id}"),
                    key: key.to_string(),
                });
            }
            many => {
                let ids: Vec<&str> = many.iter().map(|l| l.line.as_str()).collect();
                return Err(ServiceError::invalid(
                    "item",
                    key,
                    format!(
                        "is on lines {} of report {report_id}; give the line number",
                        ids.join(", ")
                    ),
                ));
            }
        };
        if line.reversed {
            return Err(ServiceError::Refused(format!(
                "report {report_id} is reversed"
            )));
        }
        if line.status == "manual" {
            return Err(ServiceError::Refused(format!(
                "line {} of report {report_id} is a manual-issue line; it was not issued here",
                line.line
            )));
        }
        Ok(line)
    }

    fn stock_item(&self, code: &str) -> Result<crate::domain::master::Item> {
        let item = store::master::item(self.store.conn(), code)?
            .ok_or_else(|| ServiceError::not_found(Thing::Item, code))?;
        if item.item_type != ItemType::Stock {
            return Err(ServiceError::invalid(
                "item",
                code,
                format!("is {} and holds no stock", item.item_type),
            ));
        }
        Ok(item)
    }

    fn ensure_on_hand(&self, item: &str, location: &str, qty: Decimal) -> Result<()> {
        let on_hand = store::ledger::balance(self.store.conn(), item, location)?;
        if qty > on_hand
            && self.rules()?.rules.policy.negative_stock
                != crate::config::NegativeStockConfig::Allow
        {
            return Err(ServiceError::Refused(format!(
                "{} {item} needed at {location}, only {} on hand",
                canonical(qty),
                canonical(on_hand)
            )));
        }
        Ok(())
    }

    /// The detail lines of a posted report with what each has issued so far (net of
    /// adjustments and substitutions), for the lead's corrections.
    ///
    /// # Errors
    /// Unknown report; the store fails.
    pub fn report_detail(&self, report_id: i64) -> Result<Vec<(ReportLine, Decimal)>> {
        let conn = self.store.conn();
        if !store::floor::report_exists(conn, report_id)? {
            return Err(ServiceError::not_found(
                Thing::Report,
                report_id.to_string(),
            ));
        }
        store::floor::report_lines(conn, report_id)?
            .into_iter()
            .map(|l| {
                let issued = store::floor::line_issued(conn, report_id, &l.line, &l.item)?;
                Ok((l, issued))
            })
            .collect()
    }

    /// What each line of a posted report issued instead of its own item (substitutions):
    /// (line, item, quantity).
    ///
    /// # Errors
    /// The store fails.
    pub fn report_substitutes(&self, report_id: i64) -> Result<Vec<(String, String, Decimal)>> {
        Ok(store::floor::line_substitutes(
            self.store.conn(),
            report_id,
        )?)
    }

    /// A lead's scrap adjustment on a detail line: `qty` more issued as scrap (negative: a
    /// correction back), with a reason code of the configuration.
    ///
    /// # Errors
    /// Unknown report or line, a reversed report, a bad quantity or reason, not enough stock,
    /// permissions.
    pub fn adjust_scrap(
        &mut self,
        report_id: i64,
        key: &str,
        qty: Decimal,
        reason: &str,
        who: &Credentials,
    ) -> Result<Adjustment> {
        self.adjust_scrap_lots(report_id, key, (qty, None), reason, who)
    }

    /// As [`Self::adjust_scrap`], a tracked line's scrap from the lots `named` (`LOT[:QTY],…`;
    /// default: the pick order) and its correction back to the lots the line consumed (default:
    /// the youngest first), SPEC §9.
    ///
    /// # Errors
    /// As [`Self::adjust_scrap`]; lots that do not fit.
    pub fn adjust_scrap_lots(
        &mut self,
        report_id: i64,
        key: &str,
        (qty, named): (Decimal, Option<&str>),
        reason: &str,
        who: &Credentials,
    ) -> Result<Adjustment> {
        let keyed = self.keyed(
            "adjust",
            format!(
                "report={report_id} line={key} qty={} reason={} lot={}",
                keyed::qty_text(qty),
                reason.to_ascii_uppercase(),
                named.unwrap_or_default(),
            ),
        );
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref())? {
            self.authorize(who, Action::LeadApproval)?;
            return Ok(done);
        }
        let line = self.posted_line(report_id, key)?;
        let reasons = self.reasons(ReasonKind::Scrap);
        if !reasons.iter().any(|r| r.eq_ignore_ascii_case(reason)) {
            return Err(ServiceError::invalid(
                "reason",
                format!("{reason:?}"),
                format!("is not one of {}", reasons.join(", ")),
            ));
        }
        let item = self.stock_item(&line.item)?;
        if qty.is_zero() {
            return Err(ServiceError::invalid(
                "scrap adjustment",
                "0",
                "changes nothing",
            ));
        }
        check_quantity("adjustment", qty.abs(), item.decimals)?;
        if qty.is_sign_negative() {
            let issued =
                store::floor::line_issued(self.store.conn(), report_id, &line.line, &line.item)?;
            if -qty > issued {
                return Err(ServiceError::invalid(
                    "correction",
                    canonical(-qty),
                    format!(
                        "exceeds the {} line {} has issued",
                        canonical(issued),
                        line.line
                    ),
                ));
            }
        } else {
            self.ensure_on_hand(&line.item, &line.location, qty)?;
        }
        let stamp = self.authorize(who, Action::LeadApproval)?;
        let accounts = self.rules()?.rules.accounts();
        let pick = self.rules()?.rules.lot_selection().pick_order();
        let reason = reason.to_ascii_uppercase();
        self.store.write(|tx| -> Result<Adjustment> {
            if let Some(first) = keyed::replay(tx, keyed.as_ref())? {
                return Ok(first);
            }
            let lots = plan_lots(
                tx,
                &item,
                (report_id, &line.line, &line.location),
                (qty, named),
                (pick, stamp.today()),
            )?;
            store::floor::lead_scrap(tx, &line, (qty, &lots), &reason, &stamp, &accounts)?;
            let done = Adjustment {
                report_id,
                line: line.line.clone(),
                item: line.item.clone(),
                location: line.location.clone(),
                qty,
                reason: reason.clone(),
                lots,
            };
            keyed::record(tx, keyed.as_ref(), &done)?;
            Ok(done)
        })
    }

    /// A lead's substitution on a detail line: what the line issued of its item is returned,
    /// and `qty` (default: the same quantity) of `substitute` is issued instead.
    ///
    /// # Errors
    /// Unknown report, line or item, nothing issued on the line, not enough stock of the
    /// substitute, permissions.
    pub fn substitute(
        &mut self,
        report_id: i64,
        key: &str,
        substitute: &str,
        qty: Option<Decimal>,
        who: &Credentials,
    ) -> Result<Substitution> {
        self.substitute_partial(report_id, key, substitute, (qty, None), who)
    }

    /// A lead's substitution of part of a line (SPEC §3): `return_qty` of the line's item
    /// (default: all it issued) goes back, and `qty` of `substitute` (default: the quantity
    /// returned) is issued; both are linked to the line.
    ///
    /// # Errors
    /// As [`Self::substitute`]; a return quantity above what the line issued, or not above 0.
    pub fn substitute_partial(
        &mut self,
        report_id: i64,
        key: &str,
        substitute: &str,
        (qty, return_qty): (Option<Decimal>, Option<Decimal>),
        who: &Credentials,
    ) -> Result<Substitution> {
        self.substitute_lots(
            report_id,
            key,
            substitute,
            (qty, return_qty),
            (None, None),
            who,
        )
    }

    /// As [`Self::substitute_partial`], by lot (SPEC §3, §9): the substitute leaves from the
    /// lots `lot` names (default: the pick order), the line's item goes back to the lots
    /// `return_lot` names of those the line consumed (default: the youngest first).
    ///
    /// # Errors
    /// As [`Self::substitute_partial`]; lots that do not fit.
    pub fn substitute_lots(
        &mut self,
        report_id: i64,
        key: &str,
        substitute: &str,
        (qty, return_qty): (Option<Decimal>, Option<Decimal>),
        (lot, return_lot): (Option<&str>, Option<&str>),
        who: &Credentials,
    ) -> Result<Substitution> {
        let keyed = self.keyed(
            "substitute",
            format!(
                "report={report_id} line={key} item={substitute} qty={} return={} lot={} return-lot={}",
                qty.map(keyed::qty_text).unwrap_or_default(),
                return_qty.map(keyed::qty_text).unwrap_or_default(),
                lot.unwrap_or_default(),
                return_lot.unwrap_or_default()
            ),
        );
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref())? {
            self.authorize(who, Action::LeadApproval)?;
            return Ok(done);
        }
        let line = self.posted_line(report_id, key)?;
        if substitute == line.item {
            return Err(ServiceError::invalid(
                "substitute",
                substitute,
                format!("is already the item of line {}", line.line),
            ));
        }
        let item = self.stock_item(substitute)?;
        let issued_of_a =
            store::floor::line_issued(self.store.conn(), report_id, &line.line, &line.item)?;
        let returned = match return_qty {
            None => issued_of_a,
            Some(r) => {
                let own = self.stock_item(&line.item)?;
                if r <= Decimal::ZERO {
                    return Err(ServiceError::invalid(
                        "return quantity",
                        canonical(r),
                        "must be greater than zero",
                    ));
                }
                check_quantity("return", r, own.decimals)?;
                if r > issued_of_a {
                    return Err(ServiceError::invalid(
                        "return quantity",
                        canonical(r),
                        format!(
                            "exceeds the {} {} line {} has issued",
                            canonical(issued_of_a.max(Decimal::ZERO)),
                            line.item,
                            line.line
                        ),
                    ));
                }
                r
            }
        };
        if returned <= Decimal::ZERO && qty.is_none() {
            return Err(ServiceError::invalid(
                "line",
                &line.line,
                format!(
                    "of report {report_id} has issued no {}; give --qty for the substitute",
                    line.item
                ),
            ));
        }
        let issued = qty.unwrap_or(returned);
        if issued <= Decimal::ZERO {
            return Err(ServiceError::invalid(
                "substitute quantity",
                canonical(issued),
                "must be greater than zero",
            ));
        }
        check_quantity("substitute", issued, item.decimals)?;
        self.ensure_on_hand(substitute, &line.location, issued)?;
        let stamp = self.authorize(who, Action::LeadApproval)?;
        let accounts = self.rules()?.rules.accounts();
        let returned = returned.max(Decimal::ZERO);
        let own = store::master::item(self.store.conn(), &line.item)?
            .ok_or_else(|| ServiceError::not_found(Thing::Item, &line.item))?;
        let pick = self.rules()?.rules.lot_selection().pick_order();
        self.store.write(|tx| -> Result<Substitution> {
            if let Some(first) = keyed::replay(tx, keyed.as_ref())? {
                return Ok(first);
            }
            let at = (report_id, line.line.as_str(), line.location.as_str());
            let today = stamp.today();
            let returned_lots = plan_lots(tx, &own, at, (-returned, return_lot), (pick, today))?;
            let issued_lots = plan_lots(tx, &item, at, (issued, lot), (pick, today))?;
            store::floor::substitute(
                tx,
                &line,
                (returned, &returned_lots),
                (substitute, issued, &issued_lots),
                &stamp,
                &accounts,
            )?;
            let done = Substitution {
                report_id,
                line: line.line.clone(),
                location: line.location.clone(),
                returned_item: line.item.clone(),
                returned_qty: returned,
                issued_item: substitute.to_string(),
                issued_qty: issued,
                // Shown as what went back, positive like `returned_qty`.
                returned_lots: returned_lots
                    .iter()
                    .map(|l| LotQty::new(&l.lot, -l.qty))
                    .collect(),
                issued_lots,
            };
            keyed::record(tx, keyed.as_ref(), &done)?;
            Ok(done)
        })
    }

    /// A cycle count: the counted quantity becomes the balance (an adjustment for the
    /// difference), and the count is kept for the inventory-accuracy figure.
    ///
    /// # Errors
    /// Unknown item or location, a bad quantity, permissions.
    pub fn cycle_count(
        &mut self,
        item: &str,
        location: &str,
        lot: Option<&str>,
        counted: Decimal,
        who: &Credentials,
    ) -> Result<Count> {
        self.cycle_count_with(item, location, lot, counted, None, who)
    }

    /// The book quantity a count of `item` at `location` (and `lot`) is compared with.
    ///
    /// # Errors
    /// The store fails.
    pub fn book_qty(&self, item: &str, location: &str, lot: Option<&str>) -> Result<Decimal> {
        let conn = self.store.conn();
        Ok(match lot {
            Some(l) => store::ledger::lot_balance(conn, item, location, l)?,
            None => store::ledger::balance(conn, item, location)?,
        })
    }

    /// Whether a count of `counted` against `book` needs a reason: it differs by more than
    /// `[policy] count_confirm_pct` of the book (any difference from a book of 0).
    #[must_use]
    pub fn count_needs_reason(&self, book: Decimal, counted: Decimal) -> bool {
        let limit = self
            .rules()
            .map_or(self.config.policy.count_confirm_pct, |r| {
                r.rules.policy.count_confirm_pct
            });
        needs_count_reason(book, counted, limit)
    }

    /// As [`Self::cycle_count`], with a `[reasons] count` code, required when the difference
    /// exceeds `count_confirm_pct` (SPEC §3).
    ///
    /// # Errors
    /// As [`Self::cycle_count`]; a missing or unknown reason.
    pub fn cycle_count_with(
        &mut self,
        item: &str,
        location: &str,
        lot: Option<&str>,
        counted: Decimal,
        reason: Option<&str>,
        who: &Credentials,
    ) -> Result<Count> {
        let keyed = self.keyed(
            "count",
            format!(
                "item={item} location={location} lot={} qty={} reason={}",
                lot.unwrap_or_default(),
                keyed::qty_text(counted),
                reason.unwrap_or_default().to_ascii_uppercase()
            ),
        );
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref())? {
            self.authorize(who, Action::Handle)?;
            return Ok(done);
        }
        let reason = match reason {
            Some(code) => Some(self.check_reason(ReasonKind::Count, code)?),
            None => None,
        };
        let it = self.stock_item(item)?;
        let Some(kind) = store::master::location_kind(self.store.conn(), location)? else {
            return Err(ServiceError::not_found(Thing::Location, location));
        };
        check_quantity("counted", counted, it.decimals)?;
        check_lot_given(&it, lot)?;
        if it.tracking == Tracking::Serial && counted > Decimal::ONE {
            return Err(ServiceError::invalid(
                "qty",
                canonical(counted),
                format!("a serial of {item} is counted as 0 or 1"),
            ));
        }
        let stamp = self.authorize(who, Action::Handle)?;
        let accounts = self.rules()?.rules.accounts();
        let pick = self.rules()?.rules.lot_selection().pick_order();
        let limit = self.rules()?.rules.policy.count_confirm_pct;
        let codes = self.reasons(ReasonKind::Count).join(", ");
        self.store.write(|tx| -> Result<Count> {
            if let Some(first) = keyed::replay(tx, keyed.as_ref())? {
                return Ok(first);
            }
            let expected = match lot {
                Some(l) => store::ledger::lot_balance(tx, item, location, l)?,
                None => store::ledger::balance(tx, item, location)?,
            };
            // Checked against the book read in the same transaction as the adjustment.
            if reason.is_none() && needs_count_reason(expected, counted, limit) {
                let diff = counted - expected;
                let sign = if diff.is_sign_negative() { "" } else { "+" };
                let pct = difference_pct(expected, counted)
                    .map_or_else(String::new, |p| format!(" ({sign}{}%)", canonical(p)));
                return Err(ServiceError::invalid(
                    "count",
                    canonical(counted),
                    format!(
                        "of {item} at {location} differs from the book {} by {sign}{}{pct}, more than {}%: give a reason ({codes})",
                        canonical(expected),
                        canonical(diff),
                        canonical(limit)
                    ),
                ));
            }
            let why = match &reason {
                Some(code) => format!("cycle count, {code}"),
                None => "cycle count".to_string(),
            };
            let movement = store::ledger::adjust_to(
                tx,
                item,
                location,
                lot,
                counted,
                &why,
                &stamp,
                &accounts,
                inventory_account(kind),
            )?;
            store::floor::record_count(
                tx,
                item,
                location,
                expected,
                counted,
                (movement, reason.as_deref()),
                &stamp,
            )?;
            let accuracy = store::floor::count_accuracy(tx)?;
            // A count that finds more stock lets deferred lines there post.
            let posted =
                store::exceptions::retry_exceptions(
                    tx,
                    Some(location),
                    &stamp,
                    &accounts,
                    pick,
                )?;
            store::outbox::record(tx, &stamp, store::outbox::Posting::Count)?;
            let done = Count {
                item: item.to_string(),
                location: location.to_string(),
                lot: lot.map(str::to_string),
                expected,
                counted,
                accuracy,
                reason: reason.clone(),
                posted,
            };
            keyed::record(tx, keyed.as_ref(), &done)?;
            Ok(done)
        })
    }

    /// A lead's explicit backflush flag on an order's material line (`None` = back to the
    /// BOM line's or the item's default). Manual-issue items and work centers without
    /// backflush stay manual whatever the flag (SPEC §1).
    ///
    /// # Errors
    /// Unknown order or line, an item code on two lines, permissions.
    pub fn set_line_backflush(
        &mut self,
        order: &str,
        key: &str,
        flag: Option<bool>,
        who: &Credentials,
    ) -> Result<String> {
        let (snapshot, _) = self.order(order)?;
        let material = super::issue::find_line(&snapshot, key)?;
        let line = material.line.clone();
        if flag == Some(true) {
            let context = self.report_context(order, std::iter::empty())?;
            if let Some(reason) = context.always_manual(material) {
                return Err(ServiceError::Refused(format!(
                    "line {line} ({}) of order {order} cannot be set to backflush: {reason}; it is issued by hand",
                    material.component
                )));
            }
        }
        self.authorize(who, Action::LeadApproval)?;
        self.store
            .write(|tx| store::orders::set_line_backflush(tx, order, &line, flag))?;
        Ok(line)
    }

    /// The staging list for `who`: once users exist, a lead, handler or admin (SPEC §6).
    ///
    /// # Errors
    /// As [`Self::staging`], and permissions.
    pub fn staging_as(&mut self, work_center: &str, who: &Credentials) -> Result<Vec<StagingLine>> {
        // An unknown work center is named first, whoever asks.
        if store::master::work_center(self.store.conn(), work_center)?.is_none() {
            return Err(ServiceError::not_found(Thing::WorkCenter, work_center));
        }
        if store::master::user_count(self.store.conn())? > 0 {
            self.authorize(who, Action::Handle)?;
        }
        self.staging(work_center)
    }

    /// Cancels an open exception (a lead's decision: the line will be issued by hand or not
    /// at all); it stays in the queue as `cancelled`.
    ///
    /// # Errors
    /// Unknown or not open exception, permissions.
    pub fn cancel_exception(&mut self, id: i64, who: &Credentials) -> Result<()> {
        let keyed = self.keyed("exceptions cancel", format!("id={id}"));
        if keyed::replay::<()>(self.store.conn(), keyed.as_ref())?.is_some() {
            self.authorize(who, Action::LeadApproval)?;
            return Ok(());
        }
        let open = store::exceptions::exceptions(self.store.conn(), true, None)?;
        if !open.iter().any(|e| e.id == id) {
            let exists = store::exceptions::exceptions(self.store.conn(), false, None)?
                .iter()
                .any(|e| e.id == id);
            return Err(if exists {
                ServiceError::Refused(format!("exception {id} is not open"))
            } else {
                ServiceError::not_found(Thing::Exception, id.to_string())
            });
        }
        let stamp = self.authorize(who, Action::LeadApproval)?;
        self.store.write(|tx| -> Result<()> {
            if keyed::replay::<()>(tx, keyed.as_ref())?.is_some() {
                return Ok(());
            }
            store::exceptions::cancel_exception(tx, id, &stamp)?;
            keyed::record(tx, keyed.as_ref(), &())
        })
    }

    /// What a work center's released orders still need at its machine location (remaining
    /// planned quantities of backflushed lines, plus the open exceptions waiting there), against
    /// what is on hand there, and the storage locations holding each item.
    ///
    /// # Errors
    /// Unknown work center; the store fails.
    pub fn staging(&self, work_center: &str) -> Result<Vec<StagingLine>> {
        let conn = self.store.conn();
        let wc = store::master::work_center(conn, work_center)?
            .ok_or_else(|| ServiceError::not_found(Thing::WorkCenter, work_center))?;
        let mut needs: BTreeMap<String, (Decimal, usize)> = BTreeMap::new();
        for order in store::floor::orders_at(conn, work_center)? {
            let context = self.report_context(&order, std::iter::empty())?;
            let order_ops: Vec<i64> = context
                .order
                .operations
                .iter()
                .filter(|o| o.work_center == work_center)
                .map(|o| o.operation)
                .collect();
            let mut at_wc = context.order.clone();
            at_wc.materials.retain(|m| order_ops.contains(&m.operation));
            for need in backflush::remaining_needs(&at_wc, &context.progress, &context.lookup)
                .into_iter()
                .filter(|n| n.location == wc.location)
            {
                let entry = needs.entry(need.item).or_default();
                entry.0 += need.qty;
                entry.1 += 1;
            }
        }
        // Stock already owed: the open exceptions waiting at the machine location.
        for e in store::exceptions::exceptions(conn, true, Some(&wc.location))? {
            needs.entry(e.item).or_default().0 += e.qty;
        }
        let mut out = Vec::new();
        for (item, (need, orders)) in needs {
            let on_hand = store::ledger::balance(conn, &item, &wc.location)?;
            let mut sources = Vec::new();
            for b in store::queries::balances(conn, None, Some(&item))? {
                if b.qty > Decimal::ZERO
                    && store::master::location_kind(conn, &b.location)?
                        == Some(LocationKind::Storage)
                {
                    sources.push((b.location, b.qty));
                }
            }
            sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            out.push(StagingLine {
                sources,
                shortfall: (need - on_hand).max(Decimal::ZERO),
                item,
                location: wc.location.clone(),
                need,
                on_hand,
                orders,
            });
        }
        Ok(out)
    }
}

/// A tracked item needs its lot named (`--lot`); an untracked one takes none.
fn check_lot_given(item: &crate::domain::master::Item, lot: Option<&str>) -> Result<()> {
    match (item.tracking, lot) {
        (Tracking::None, Some(l)) => Err(ServiceError::invalid(
            "lot",
            l,
            format!("item {} is not lot- or serial-tracked", item.item),
        )),
        (Tracking::Lot | Tracking::Serial, None) => Err(ServiceError::invalid(
            "lot",
            "",
            format!(
                "item {} is {}-tracked: name its lot (--lot LOT)",
                item.item,
                item.tracking.as_str()
            ),
        )),
        _ => Ok(()),
    }
}
