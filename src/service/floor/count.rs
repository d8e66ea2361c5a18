//! Cycle counts: the counted quantity becomes the balance, a large difference
//! needs a reason, and the count feeds the inventory-accuracy figure.

use super::{
    Credentials, ExceptionRow, Field, Keyed, LocationKind, Permission, QtyField, Quantity,
    ReasonKind, Result, Service, ServiceError, Thing, Tracking, Why, check_quantity,
    inventory_account, keyed, store,
};
use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;
use crate::domain::posting::{self, adjust::SetBalance};
use crate::service::CountRequest;
use rust_decimal::Decimal;

/// A posted cycle count.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Count {
    pub item: ItemCode,
    pub location: LocationCode,
    /// The lot counted (a tracked item is counted one lot at a time).
    pub lot: Option<String>,
    pub expected: Quantity,
    pub counted: Quantity,
    /// The counts of this item at this location that found the book quantity, of all of them
    /// (this one included), over health's default window.
    pub accuracy: Accuracy,
    /// The `[reasons] count` code given with the count.
    pub reason: Option<String>,
    /// Deferred lines the count let post (it raised the balance where they wait).
    pub posted: Vec<ExceptionRow>,
}

impl Count {
    /// The difference in percent of the book quantity, negative for a loss (`None` for a
    /// book of 0).
    #[must_use]
    pub fn difference_pct(&self) -> Option<Decimal> {
        difference_pct(self.expected, self.counted)
    }
}

/// How often counts of an item at a location found the book quantity: the `accurate_counts`
/// and `counts` that `health` shows for the location and item. Named, so that the two counts
/// cannot change places; kept for replay as the pair `[accurate, counts]` it always was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accuracy {
    /// The counts that found the book quantity.
    pub accurate: i64,
    /// All the counts.
    pub counts: i64,
}

impl serde::Serialize for Accuracy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&(self.accurate, self.counts), s)
    }
}

impl<'de> serde::Deserialize<'de> for Accuracy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let (accurate, counts) = <(i64, i64)>::deserialize(d)?;
        Ok(Accuracy { accurate, counts })
    }
}

/// Whether a count differs from its book by more than `limit_pct` either way (any difference
/// from 0).
fn needs_count_reason(book: Quantity, counted: Quantity, limit_pct: Decimal) -> bool {
    match difference_pct(book, counted) {
        Some(pct) => pct.abs() > limit_pct,
        None => !counted.is_zero(),
    }
}

/// (counted − book) in percent of the book, rounded half away from zero to 2 decimals:
/// negative for a loss, positive for a gain (`None`: book 0).
#[must_use]
pub fn difference_pct(book: Quantity, counted: Quantity) -> Option<Decimal> {
    if book.is_zero() {
        return None;
    }
    ((counted - book) * Decimal::ONE_HUNDRED)
        .ratio_to(book.abs())
        .map(|p| p.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

impl Service {
    /// The book quantity a count of `item` at `location` (and `lot`) is compared with.
    ///
    /// # Errors
    /// The store fails.
    pub fn book_qty(&self, item: &str, location: &str, lot: Option<&str>) -> Result<Quantity> {
        let conn = self.store.conn();
        Ok(match lot {
            Some(l) => store::ledger::lot_balance(conn, item, location, l)?,
            None => store::ledger::balance(conn, item, location)?,
        })
    }

    /// Whether a count of `counted` against `book` needs a reason: it differs by more than
    /// `[policy] count_confirm_pct` of the book (any difference from a book of 0).
    #[must_use]
    pub fn count_needs_reason(&self, book: Quantity, counted: Quantity) -> bool {
        let limit = self
            .rules()
            .map_or(self.config.policy.count_confirm_pct, |r| {
                r.rules.policy.count_confirm_pct
            });
        needs_count_reason(book, counted, limit)
    }

    /// A cycle count: the counted quantity becomes the balance (an adjustment for the
    /// difference), and the count is kept for the inventory-accuracy figure. A `[reasons]
    /// count` code is required when the difference exceeds `count_confirm_pct`.
    ///
    /// # Errors
    /// Unknown item or location, a bad quantity, a missing or unknown reason, permissions.
    pub fn cycle_count<'a>(
        &mut self,
        request: impl Into<Keyed<'a, CountRequest>>,
        who: &Credentials,
    ) -> Result<Count> {
        let Keyed { request, key } = request.into();
        let resolved = self.resolve_count(request)?;
        let request = &resolved;
        let CountRequest {
            item,
            location,
            lot,
            counted,
            reason,
        } = request;
        let (item, location, lot, counted, reason) = (
            item.as_str(),
            location.as_str(),
            lot.as_deref(),
            *counted,
            reason.as_deref(),
        );
        // A reason code is the same in any case.
        let normal = CountRequest {
            reason: reason.map(str::to_ascii_uppercase),
            ..request.clone()
        };
        let keyed = keyed::key(key, "count", &normal, || {
            // The fingerprint of a count as earlier versions wrote it.
            format!(
                "item={item} location={location} lot={} qty={} reason={}",
                lot.unwrap_or_default(),
                keyed::qty_text(counted),
                reason.unwrap_or_default().to_ascii_uppercase()
            )
        })?;
        if let Some(done) = keyed::replay(self.store.conn(), keyed.as_ref(), &self.replayed)? {
            self.authorize(who, Permission::Handle)?;
            return Ok(done);
        }
        let reason = match reason {
            Some(code) => Some(self.check_reason(ReasonKind::Count, code)?),
            None => None,
        };
        let kind = self.checked_count(request)?;
        let stamp = self.authorize(who, Permission::Handle)?;
        let accounts = self.rules()?.rules.accounts();
        let pick = self.rules()?.rules.lot_selection().pick_order();
        let limit = self.rules()?.rules.policy.count_confirm_pct;
        let codes = self.reasons(ReasonKind::Count);
        self.store.write(|tx| -> Result<Count> {
            // Stamped once the write lock is held: postings that waited commit in time order.
            let stamp = store::posting_stamp(tx, &stamp, chrono::Utc::now())?;
            if let Some(first) = keyed::replay(tx, keyed.as_ref(), &self.replayed)? {
                return Ok(first);
            }
            let expected = match lot {
                Some(l) => store::ledger::lot_balance(tx, item, location, l)?,
                None => store::ledger::balance(tx, item, location)?,
            };
            let count = CountPost {
                item: &request.item,
                location: &request.location,
                lot,
                expected,
                counted,
                reason: reason.as_deref(),
                keyed: keyed.as_ref(),
                stamp: &stamp,
                accounts: &accounts,
                account: inventory_account(kind),
                pick,
            };
            // Checked against the book read in the same transaction as the adjustment.
            if reason.is_none() && needs_count_reason(expected, counted, limit) {
                return Err(reason_needed(&count, limit, &codes));
            }
            post_count(tx, &count)
        })
    }
}

impl Service {
    /// Checks a count's item, location, lot and quantity; returns the location's kind.
    fn checked_count(&self, request: &CountRequest) -> Result<LocationKind> {
        let (item, location, lot, counted) = (
            request.item.as_str(),
            request.location.as_str(),
            request.lot.as_deref(),
            request.counted,
        );
        let it = Self::stock_item(self.store.conn(), item)?;
        let Some(kind) = store::master::location_kind(self.store.conn(), location)? else {
            return Err(ServiceError::not_found(Thing::Location, location));
        };
        check_quantity(QtyField::Counted, counted, it.decimals)?;
        check_lot_given(&it, lot)?;
        if it.tracking == Tracking::Serial && counted > Quantity::ONE {
            return Err(ServiceError::invalid(
                Field::Qty,
                counted.to_string(),
                Why::SerialCount { item: item.into() },
            ));
        }
        Ok(kind)
    }
}

/// A count read and checked, to post: what was counted against the book read in the write
/// transaction, and how it posts.
struct CountPost<'a> {
    item: &'a ItemCode,
    location: &'a LocationCode,
    lot: Option<&'a str>,
    /// The book quantity.
    expected: Quantity,
    counted: Quantity,
    /// The checked reason code.
    reason: Option<&'a str>,
    keyed: Option<&'a keyed::Key>,
    stamp: &'a crate::store::Stamp,
    accounts: &'a crate::domain::journal::AccountNames,
    /// The inventory account of the location.
    account: crate::domain::journal::Account,
    pick: crate::domain::lots::PickOrder,
}

/// Posts a count: the adjustment for the difference, the count kept for the accuracy
/// figure, the deferred lines it lets post there, its export events and its first result
/// under its key: one plan, applied.
fn post_count(tx: &rusqlite::Connection, count: &CountPost<'_>) -> Result<Count> {
    let &CountPost {
        item,
        location,
        lot,
        expected,
        counted,
        reason,
        keyed,
        stamp,
        accounts,
        account,
        pick,
    } = count;
    let set = SetBalance {
        item,
        location,
        lot,
        book: expected,
        qty: counted,
        std_cost: store::master::std_cost(tx, item)?,
        account,
    };
    let mut plan = posting::adjust::count(&set, reason, accounts);
    // The accuracy figure as it will be with this count in it: one more count, and one more
    // accurate one when it found the book.
    let since = crate::service::health::window_start(crate::service::health::DEFAULT_DAYS);
    let (accurate, counts) = store::health::counts(tx, location, item, &since)?;
    let accuracy = Accuracy {
        accurate: accurate + i64::from(plan.movements.is_empty()),
        counts: counts + 1,
    };
    // A count that finds more stock lets deferred lines there post.
    let posted =
        super::deferred::post_deferred(tx, Some(location), &mut plan, stamp, accounts, pick)?;
    let done = Count {
        item: item.clone(),
        location: location.clone(),
        lot: lot.map(str::to_string),
        expected,
        counted,
        accuracy,
        reason: reason.map(str::to_string),
        posted,
    };
    plan.keep = keyed::kept(keyed, &done)?;
    store::posting::apply(tx, stamp, &plan)?;
    Ok(done)
}

/// The refusal of a count beyond `count_confirm_pct` given without a reason, with the size of
/// the difference and the codes to pick from.
fn reason_needed(count: &CountPost<'_>, limit: Decimal, codes: &[String]) -> ServiceError {
    let (book, counted) = (count.expected, count.counted);
    ServiceError::invalid(
        Field::Count,
        counted.to_string(),
        Why::CountDiffers {
            item: count.item.clone(),
            location: count.location.clone(),
            book,
            diff: counted - book,
            pct: difference_pct(book, counted),
            limit,
            codes: codes.to_vec(),
        },
    )
}

/// A tracked item needs its lot named (`--lot`); an untracked one takes none.
fn check_lot_given(item: &crate::domain::master::Item, lot: Option<&str>) -> Result<()> {
    match (item.tracking, lot) {
        (Tracking::None, Some(l)) => Err(ServiceError::invalid(
            Field::Lot,
            l,
            Why::Untracked {
                item: item.item.clone(),
            },
        )),
        (Tracking::Lot | Tracking::Serial, None) => Err(ServiceError::invalid(
            Field::Lot,
            "",
            Why::LotNeeded {
                item: item.item.clone(),
                tracking: item.tracking,
            },
        )),
        _ => Ok(()),
    }
}
