//! The hand issue outside a report (`backflush issue`) as a pure plan: what a
//! positive quantity takes from the location (named lots for a tracked item) and what a
//! negative one returns (only to the lots the line consumed, at most what it consumed).

use crate::domain::qty::Quantity;

use super::backflush::NegativeStock;
use super::lots::{self, AllocationError, Consumed, LotQty, LotStock, ReturnError};
use super::master::{Item, ItemType, Tracking};

/// What the plan reads of the stock and of the line's history at the issue location.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssueStock {
    /// The balance at the location (untracked items).
    pub on_hand: Quantity,
    /// The lots at the location (tracked items).
    pub lots: Vec<LotStock>,
    /// What the line has net issued there, per lot (one entry with lot `""` for an untracked
    /// item, or for a non-stock line what was issued by hand).
    pub consumed: Vec<Consumed>,
    /// Today (UTC): a named expired lot needs a lead.
    pub today: chrono::NaiveDate,
}

/// What an issue or a return posts.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuePlan {
    /// Signed: + issued to the order, − returned from it.
    pub qty: Quantity,
    /// Per lot, signed like `qty`, in the order taken (empty for an untracked item).
    pub lots: Vec<LotQty>,
    /// Expired lots named: issuing them needs a lead.
    pub expired_lots: Vec<String>,
}

/// Why an issue is refused, naming the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueError {
    Zero,
    Decimals {
        qty: Quantity,
        item: String,
        decimals: u32,
    },
    Untracked {
        item: String,
    },
    Allocation(AllocationError),
    NeedsLots {
        item: String,
        tracking: &'static str,
    },
    NotHeld {
        item: String,
        lot: String,
        location: String,
        wanted: Quantity,
        holds: Quantity,
    },
    Short {
        item: String,
        location: String,
        wanted: Quantity,
        on_hand: Quantity,
    },
    Return {
        item: String,
        why: ReturnError,
    },
}

/// Plans an issue (`qty` > 0) or a return (`qty` < 0) of `item` at `location` (`None`: a
/// non-stock line) with the lots named by `named` (`LOT[:QTY],…`).
///
/// # Errors
/// [`IssueError`] naming what is wrong; nothing is planned.
pub fn plan_issue(
    item: &Item,
    location: Option<&str>,
    qty: Quantity,
    named: Option<&str>,
    stock: &IssueStock,
    negative_stock: NegativeStock,
) -> Result<IssuePlan, IssueError> {
    if qty.is_zero() {
        return Err(IssueError::Zero);
    }
    if !qty.abs().fits_decimals(item.decimals) {
        return Err(IssueError::Decimals {
            qty,
            item: item.item.to_string(),
            decimals: item.decimals,
        });
    }
    let tracked = item.tracking != Tracking::None && item.item_type != ItemType::NonStock;
    if named.is_some() && !tracked {
        return Err(IssueError::Untracked {
            item: item.item.to_string(),
        });
    }
    let allocation = |wanted: Quantity| {
        named
            .map(|text| lots::parse_allocation(text, wanted, item.tracking, item.decimals))
            .transpose()
            .map_err(IssueError::Allocation)
    };
    if qty < Quantity::ZERO {
        let named = allocation(-qty)?;
        return plan_return(item, tracked, qty, named.as_deref(), stock);
    }
    let location = location.unwrap_or_default();
    if !tracked {
        // A non-stock line has no location and no balance to fall short of.
        if !location.is_empty() && qty > stock.on_hand && negative_stock != NegativeStock::Allow {
            return Err(IssueError::Short {
                item: item.item.to_string(),
                location: location.to_string(),
                wanted: qty,
                on_hand: stock.on_hand,
            });
        }
        return Ok(IssuePlan {
            qty,
            lots: Vec::new(),
            expired_lots: Vec::new(),
        });
    }
    let Some(picked) = allocation(qty)? else {
        return Err(IssueError::NeedsLots {
            item: item.item.to_string(),
            tracking: item.tracking.as_str(),
        });
    };
    plan_named_lots(item, location, qty, picked, stock)
}

/// A return (`qty` < 0): only to what the line consumed there, a tracked item to the lots it
/// consumed (the ones named, else the youngest first).
fn plan_return(
    item: &Item,
    tracked: bool,
    qty: Quantity,
    named: Option<&[LotQty]>,
    stock: &IssueStock,
) -> Result<IssuePlan, IssueError> {
    let back = -qty;
    let returned = if tracked {
        lots::plan_return(&stock.consumed, back, named)
    } else {
        lots::plan_return(&stock.consumed, back, None).map(|_| Vec::new())
    }
    .map_err(|e: ReturnError| IssueError::Return {
        item: item.item.to_string(),
        why: e,
    })?;
    Ok(IssuePlan {
        qty,
        lots: returned
            .into_iter()
            .map(|l| LotQty::new(&l.lot, -l.qty))
            .collect(),
        expired_lots: Vec::new(),
    })
}

/// A tracked issue from the lots named: each must hold its quantity at the location; expired
/// ones are flagged for a lead.
fn plan_named_lots(
    item: &Item,
    location: &str,
    qty: Quantity,
    picked: Vec<LotQty>,
    stock: &IssueStock,
) -> Result<IssuePlan, IssueError> {
    let held = |lot: &str| {
        stock
            .lots
            .iter()
            .find(|l| l.lot == lot)
            .map_or(Quantity::ZERO, |l| l.qty)
    };
    lots::check_holds(&picked, &held).map_err(|n| IssueError::NotHeld {
        item: item.item.to_string(),
        lot: n.lot.clone(),
        location: location.to_string(),
        wanted: n.wanted,
        holds: n.holds,
    })?;
    let expired_lots = picked
        .iter()
        .filter(|p| {
            stock
                .lots
                .iter()
                .any(|l| l.lot == p.lot && lots::is_expired(l.expires.as_deref(), stock.today))
        })
        .map(|p| p.lot.clone())
        .collect();
    Ok(IssuePlan {
        qty,
        lots: picked,
        expired_lots,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::master::ItemType;
    use crate::domain::qty::Money;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Quantity {
        s.parse().unwrap()
    }

    fn item(tracking: Tracking) -> Item {
        Item {
            item: "L".into(),
            description: String::new(),
            uom: "KG".into(),
            decimals: 2,
            item_type: ItemType::Stock,
            tracking,
            backflush: false,
            std_cost: Money(Decimal::from(3)),
        }
    }

    fn lot(lot: &str, qty: &str, expires: Option<&str>, first_at: &str) -> LotStock {
        LotStock {
            lot: lot.into(),
            qty: d(qty),
            expires: expires.map(String::from),
            first_at: first_at.into(),
        }
    }

    fn consumed(lot: &str, qty: &str, first_at: &str) -> Consumed {
        Consumed {
            lot: lot.into(),
            qty: d(qty),
            first_at: first_at.into(),
        }
    }

    fn today() -> chrono::NaiveDate {
        lots::parse_date("2026-12-01").unwrap()
    }

    #[test]
    fn a_tracked_issue_names_lots_that_hold_it_and_flags_an_expired_one() {
        let stock = IssueStock {
            lots: vec![
                lot("A", "2", None, "1"),
                lot("X", "5", Some("2026-01-01"), "0"),
            ],
            today: today(),
            ..IssueStock::default()
        };
        let it = item(Tracking::Lot);
        let p = plan_issue(
            &it,
            Some("M1"),
            d("3"),
            Some("A:1,X:2"),
            &stock,
            NegativeStock::Defer,
        )
        .unwrap();
        assert_eq!(
            p.lots,
            vec![LotQty::new("A", d("1")), LotQty::new("X", d("2"))]
        );
        assert_eq!(p.expired_lots, vec!["X".to_string()]);
        let err = plan_issue(
            &it,
            Some("M1"),
            d("3"),
            Some("A,X"),
            &stock,
            NegativeStock::Defer,
        )
        .unwrap_err();
        assert!(matches!(err, IssueError::Allocation(_)), "{err:?}");
        let err = plan_issue(
            &it,
            Some("M1"),
            d("3"),
            Some("A:3"),
            &stock,
            NegativeStock::Allow,
        )
        .unwrap_err();
        assert_eq!(
            err,
            IssueError::NotHeld {
                item: "L".into(),
                lot: "A".into(),
                location: "M1".into(),
                wanted: d("3"),
                holds: d("2"),
            }
        );
        let err =
            plan_issue(&it, Some("M1"), d("1"), None, &stock, NegativeStock::Allow).unwrap_err();
        assert!(matches!(err, IssueError::NeedsLots { .. }));
    }

    #[test]
    fn a_return_goes_back_youngest_lot_first_and_never_past_what_was_consumed() {
        let stock = IssueStock {
            consumed: vec![consumed("OLD", "2", "1"), consumed("NEW", "1", "2")],
            ..IssueStock::default()
        };
        let it = item(Tracking::Lot);
        let p = plan_issue(&it, Some("M1"), d("-2"), None, &stock, NegativeStock::Defer).unwrap();
        assert_eq!(
            p.lots,
            vec![LotQty::new("NEW", d("-1")), LotQty::new("OLD", d("-1"))]
        );
        let err =
            plan_issue(&it, Some("M1"), d("-4"), None, &stock, NegativeStock::Defer).unwrap_err();
        assert!(
            matches!(
                err,
                IssueError::Return {
                    why: ReturnError::PastConsumed { .. },
                    ..
                }
            ),
            "{err:?}"
        );
        let err = plan_issue(
            &it,
            Some("M1"),
            d("-2"),
            Some("NEW:2"),
            &stock,
            NegativeStock::Defer,
        )
        .unwrap_err();
        assert!(
            matches!(&err, IssueError::Return { why: ReturnError::PastLot { lot, .. }, .. } if lot == "NEW"),
            "{err:?}"
        );
    }

    #[test]
    fn an_untracked_issue_is_short_unless_allowed_and_takes_no_lot() {
        let stock = IssueStock {
            on_hand: d("1"),
            ..IssueStock::default()
        };
        let it = item(Tracking::None);
        let err =
            plan_issue(&it, Some("M1"), d("2"), None, &stock, NegativeStock::Defer).unwrap_err();
        assert!(matches!(err, IssueError::Short { .. }));
        assert!(plan_issue(&it, Some("M1"), d("2"), None, &stock, NegativeStock::Allow).is_ok());
        let err = plan_issue(
            &it,
            Some("M1"),
            d("1"),
            Some("A"),
            &stock,
            NegativeStock::Allow,
        )
        .unwrap_err();
        assert!(matches!(err, IssueError::Untracked { .. }));
        let err = plan_issue(
            &it,
            Some("M1"),
            d("0.001"),
            None,
            &stock,
            NegativeStock::Allow,
        )
        .unwrap_err();
        assert!(matches!(err, IssueError::Decimals { .. }));
        assert_eq!(
            plan_issue(&it, Some("M1"), d("0"), None, &stock, NegativeStock::Allow),
            Err(IssueError::Zero)
        );
    }
}
