//! A lead's corrections of a posted report's detail line: scrap adjustments and
//! substitutions, by lot for tracked items.

use super::{
    Connection, Credentials, Field, Keyed, LotQty, NegativeStock, Permission, QtyField, Quantity,
    ReasonKind, Refusal, ReportLine, Result, Service, ServiceError, Thing, Tracking, Why,
    check_quantity, keyed, store,
};
use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;
use crate::domain::ids::ReportId;
use crate::domain::lots::LotPick;
use crate::domain::posting;
use crate::service::{AdjustRequest, SubstituteRequest};

/// A posted scrap adjustment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
    pub report_id: ReportId,
    pub line: String,
    pub item: ItemCode,
    pub location: LocationCode,
    pub qty: Quantity,
    pub reason: String,
    /// The lots moved, signed like `qty` (empty for an untracked item).
    #[serde(default)]
    pub lots: Vec<LotQty>,
}

/// A posted substitution.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Substitution {
    pub report_id: ReportId,
    pub line: String,
    pub location: LocationCode,
    pub returned_item: ItemCode,
    pub returned_qty: Quantity,
    pub issued_item: ItemCode,
    pub issued_qty: Quantity,
    /// The lots of the line's item returned (tracked items).
    #[serde(default)]
    pub returned_lots: Vec<LotQty>,
    /// The lots of the substitute issued (tracked items).
    #[serde(default)]
    pub issued_lots: Vec<LotQty>,
}

/// The lots a signed movement of `item` on a report's line moves: out of the
/// location from the lots named or in pick order, back only to lots the line consumed.
fn plan_lots(
    conn: &rusqlite::Connection,
    item: &crate::domain::master::Item,
    at: &posting::lead::LineAt<'_>,
    qty: Quantity,
    named: Option<&str>,
    pick: LotPick,
) -> Result<Vec<LotQty>> {
    let location = at.location.as_str();
    use crate::domain::lots::{Counted, LineLots, LinePlanError, TakeError, plan_line_lots};
    if item.tracking == Tracking::None && named.is_none() {
        return Ok(Vec::new());
    }
    let lots = store::ledger::lots_at(conn, &item.item, location)?;
    let consumed = store::floor::line_lots(conn, at.report, at.line, &item.item)?;
    plan_line_lots(
        qty,
        named,
        Counted {
            tracking: item.tracking,
            decimals: item.decimals,
        },
        LineLots {
            at_location: &lots,
            consumed: &consumed,
        },
        pick,
    )
    .map_err(|e| match e {
        LinePlanError::Take(TakeError::Uncovered(u)) => Refusal::LotsUncovered {
            item: item.item.clone(),
            location: location.into(),
            available: u.available,
            shortfall: u.shortfall,
        }
        .into(),
        _ => ServiceError::invalid(
            Field::LotsOf(item.item.clone()),
            named.unwrap_or_default(),
            Why::LotsDoNotFit(e),
        ),
    })
}

impl Service {
    /// A lead's scrap adjustment on a detail line: `qty` more issued as scrap (negative: a
    /// correction back), with a reason code of the configuration.
    ///
    /// A tracked line's scrap leaves from the lots named (`LOT[:QTY],…`; default: the pick
    /// order) and its correction goes back to the lots the line consumed (default: the
    /// youngest first).
    ///
    /// # Errors
    /// Unknown report or line, a reversed report, a bad quantity or reason, not enough stock,
    /// lots that do not fit, permissions.
    pub fn adjust_scrap<'a>(
        &mut self,
        request: impl Into<Keyed<'a, AdjustRequest>>,
        who: &Credentials,
    ) -> Result<Adjustment> {
        let Keyed { request, key: idem } = request.into();
        let resolved = self.resolve_adjust(request)?;
        let request = &resolved;
        let AdjustRequest {
            report,
            line,
            qty,
            reason,
            lots,
        } = request;
        let (report_id, key, qty, named, reason) = (
            *report,
            line.as_str(),
            *qty,
            lots.as_deref(),
            reason.as_str(),
        );
        // A reason code is the same in any case.
        let normal = AdjustRequest {
            reason: reason.to_ascii_uppercase(),
            ..request.clone()
        };
        let keyed = keyed::key(idem, "adjust", &normal, || {
            // The fingerprint of an adjustment as earlier versions wrote it.
            format!(
                "report={report_id} line={key} qty={} reason={} lot={}",
                keyed::qty_text(qty),
                reason.to_ascii_uppercase(),
                named.unwrap_or_default(),
            )
        })?;
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref(), &self.replayed)? {
            self.authorize(who, Permission::LeadApproval)?;
            return Ok(done);
        }
        let reasons = self.reasons(ReasonKind::Scrap);
        if !reasons.iter().any(|r| r.eq_ignore_ascii_case(reason)) {
            return Err(ServiceError::invalid(
                Field::Reason,
                reason,
                Why::NotOneOf { codes: reasons },
            ));
        }
        let stamp = self.authorize(who, Permission::LeadApproval)?;
        let accounts = self.rules()?.rules.accounts();
        let pick = self.rules()?.rules.lot_selection().pick_order();
        let negative = self.rules()?.rules.policy.negative_stock;
        let reason = reason.to_ascii_uppercase();
        self.store.write(|tx| -> Result<Adjustment> {
            // Stamped once the write lock is held: postings that waited commit in time order.
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if let Some(first) = keyed::replay(tx, keyed.as_ref(), &self.replayed)? {
                return Ok(first);
            }
            // Read inside the write lock: no posting slips between the check and the write.
            let line = Self::posted_line(tx, report_id, key)?;
            let item = Self::checked_adjustment(tx, negative, &line, qty)?;
            let pick = LotPick {
                order: pick,
                today: stamp.today(),
            };
            let lots = plan_lots(tx, &item, &line_at(&line), qty, named, pick)?;
            let value = qty * store::master::std_cost(tx, &line.item)?;
            let mut plan = posting::lead::scrap(
                &line_at(&line),
                posting::lead::ScrapAdjustment {
                    qty,
                    lots: &lots,
                    reason: &reason,
                    value,
                },
                &accounts,
            );
            let done = Adjustment {
                report_id,
                line: line.line.clone(),
                item: line.item.clone(),
                location: line.location.clone(),
                qty,
                reason: reason.clone(),
                lots,
            };
            plan.keep = keyed::kept(keyed.as_ref(), &done)?;
            store::posting::apply(tx, &stamp, &plan)?;
            Ok(done)
        })
    }

    /// A lead's substitution on a detail line: what the line issued of its item is returned,
    /// and `qty` (default: the same quantity) of `substitute` is issued instead.
    ///
    /// Part of a line may be substituted: `return_qty` of the line's item (default: all it
    /// issued) goes back, and `qty` of the substitute (default: the quantity returned) is
    /// issued; both are linked to the line. By lot: the substitute leaves from the lots
    /// `lots` names (default: the pick order), the line's item goes back to the lots
    /// `return_lots` names of those the line consumed (default: the youngest first).
    ///
    /// # Errors
    /// Unknown report, line or item, nothing issued on the line, not enough stock of the
    /// substitute, a return quantity above what the line issued or not above 0, lots that do
    /// not fit, permissions.
    pub fn substitute<'a>(
        &mut self,
        request: impl Into<Keyed<'a, SubstituteRequest>>,
        who: &Credentials,
    ) -> Result<Substitution> {
        let Keyed { request, key: idem } = request.into();
        let resolved = self.resolve_substitute(request)?;
        let request = &resolved;
        let SubstituteRequest {
            report,
            line,
            item,
            qty,
            return_qty,
            lots,
            return_lots,
        } = request;
        let (report_id, key, substitute, qty, return_qty) =
            (*report, line.as_str(), item.as_str(), *qty, *return_qty);
        let (lot, return_lot) = (lots.as_deref(), return_lots.as_deref());
        let keyed = keyed::key(idem, "substitute", request, || {
            // The fingerprint of a substitution as earlier versions wrote it.
            format!(
                "report={report_id} line={key} item={substitute} qty={} return={} lot={} return-lot={}",
                qty.map(keyed::qty_text).unwrap_or_default(),
                return_qty.map(keyed::qty_text).unwrap_or_default(),
                lot.unwrap_or_default(),
                return_lot.unwrap_or_default()
            )
        })?;
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref(), &self.replayed)? {
            self.authorize(who, Permission::LeadApproval)?;
            return Ok(done);
        }
        let stamp = self.authorize(who, Permission::LeadApproval)?;
        let accounts = self.rules()?.rules.accounts();
        let pick = self.rules()?.rules.lot_selection().pick_order();
        let negative = self.rules()?.rules.policy.negative_stock;
        self.store.write(|tx| -> Result<Substitution> {
            // Stamped once the write lock is held: postings that waited commit in time order.
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if let Some(first) = keyed::replay(tx, keyed.as_ref(), &self.replayed)? {
                return Ok(first);
            }
            // Read inside the write lock: no posting slips between the check and the write.
            let line = Self::posted_line(tx, report_id, key)?;
            if substitute == line.item {
                return Err(ServiceError::invalid(
                    Field::Substitute,
                    substitute,
                    Why::AlreadyTheItem { line: line.line },
                ));
            }
            let item = Self::stock_item(tx, substitute)?;
            let (returned, issued) = Self::substitution_quantities(tx, &line, &item, request)?;
            let substitute_code = ItemCode::from(substitute);
            Self::ensure_on_hand(tx, negative, &substitute_code, &line.location, issued)?;
            let returned = returned.max(Quantity::ZERO);
            let own = store::master::item(tx, &line.item)?
                .ok_or_else(|| ServiceError::not_found(Thing::Item, &line.item))?;
            let at = line_at(&line);
            let pick = LotPick {
                order: pick,
                today: stamp.today(),
            };
            let returned_lots = plan_lots(tx, &own, &at, -returned, return_lot, pick)?;
            let issued_lots = plan_lots(tx, &item, &at, issued, lot, pick)?;
            let swap = posting::lead::Swap {
                returned: posting::lead::SwapSide {
                    qty: returned,
                    lots: &returned_lots,
                    value: returned * store::master::std_cost(tx, &line.item)?,
                },
                substitute: &substitute_code,
                issued: posting::lead::SwapSide {
                    qty: issued,
                    lots: &issued_lots,
                    value: issued * store::master::std_cost(tx, substitute)?,
                },
            };
            let mut plan = posting::lead::substitute(&line_at(&line), &swap, &accounts);
            let done = Substitution {
                report_id,
                line: line.line.clone(),
                location: line.location.clone(),
                returned_item: line.item.clone(),
                returned_qty: returned,
                issued_item: substitute.into(),
                issued_qty: issued,
                // Shown as what went back, positive like `returned_qty`.
                returned_lots: returned_lots
                    .iter()
                    .map(|l| LotQty::new(&l.lot, -l.qty))
                    .collect(),
                issued_lots,
            };
            plan.keep = keyed::kept(keyed.as_ref(), &done)?;
            store::posting::apply(tx, &stamp, &plan)?;
            Ok(done)
        })
    }

    /// What a substitution returns of the line's item (default: all the line issued) and
    /// issues of the substitute (default: the quantity returned), checked.
    fn substitution_quantities(
        conn: &Connection,
        line: &ReportLine,
        item: &crate::domain::master::Item,
        request: &SubstituteRequest,
    ) -> Result<(Quantity, Quantity)> {
        let (qty, return_qty) = (request.qty, request.return_qty);
        let issued_of_a = store::floor::line_issued(conn, line.report_id, &line.line, &line.item)?;
        let returned = match return_qty {
            None => issued_of_a,
            Some(r) => {
                let own = Self::stock_item(conn, &line.item)?;
                if r <= Quantity::ZERO {
                    return Err(ServiceError::invalid(
                        Field::ReturnQty,
                        r.to_string(),
                        Why::NotPositive,
                    ));
                }
                check_quantity(QtyField::Return, r, own.decimals)?;
                if r > issued_of_a {
                    return Err(ServiceError::invalid(
                        Field::ReturnQty,
                        r.to_string(),
                        Why::ExceedsIssued {
                            issued: issued_of_a.max(Quantity::ZERO),
                            item: Some(line.item.as_str().into()),
                            line: line.line.clone(),
                        },
                    ));
                }
                r
            }
        };
        if returned <= Quantity::ZERO && qty.is_none() {
            return Err(ServiceError::invalid(
                Field::Line,
                &line.line,
                Why::NothingIssued {
                    report: line.report_id,
                    item: line.item.as_str().into(),
                },
            ));
        }
        let issued = qty.unwrap_or(returned);
        if issued <= Quantity::ZERO {
            return Err(ServiceError::invalid(
                Field::SubstituteQty,
                issued.to_string(),
                Why::NotPositive,
            ));
        }
        check_quantity(QtyField::Substitute, issued, item.decimals)?;
        Ok((returned, issued))
    }

    /// Checks a scrap adjustment of `qty` on a line: not zero, within the item's decimals, a
    /// correction at most what the line issued, more scrap on hand. Returns the line's item.
    fn checked_adjustment(
        conn: &Connection,
        negative: NegativeStock,
        line: &ReportLine,
        qty: Quantity,
    ) -> Result<crate::domain::master::Item> {
        let item = Self::stock_item(conn, &line.item)?;
        if qty.is_zero() {
            return Err(ServiceError::invalid(
                Field::ScrapAdjustment,
                "0",
                Why::ChangesNothing,
            ));
        }
        check_quantity(QtyField::Adjustment, qty.abs(), item.decimals)?;
        if qty.is_sign_negative() {
            let scrap =
                store::floor::line_scrap_so_far(conn, line.report_id, &line.line, &line.item)?;
            posting::lead::check_correction(qty, scrap).map_err(|beyond| {
                ServiceError::invalid(
                    Field::Correction,
                    (-qty).to_string(),
                    Why::ExceedsScrap {
                        scrap: beyond.scrap,
                        line: line.line.clone(),
                    },
                )
            })?;
            let issued = store::floor::line_issued(conn, line.report_id, &line.line, &line.item)?;
            if -qty > issued {
                return Err(ServiceError::invalid(
                    Field::Correction,
                    (-qty).to_string(),
                    Why::ExceedsIssued {
                        issued,
                        item: None,
                        line: line.line.clone(),
                    },
                ));
            }
        } else {
            Self::ensure_on_hand(conn, negative, &line.item, &line.location, qty)?;
        }
        Ok(item)
    }
}

/// The posted line a lead's correction is planned on.
fn line_at(line: &ReportLine) -> posting::lead::LineAt<'_> {
    posting::lead::LineAt {
        report: line.report_id,
        order: &line.order,
        line: &line.line,
        item: &line.item,
        location: &line.location,
    }
}
