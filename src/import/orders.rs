//! `orders.csv` (new orders are released; one already released keeps its snapshot) and
//! `stock.csv` (opening balances, by lot for tracked items).

use crate::domain::codes::{ItemCode, LocationCode};
use std::collections::{HashMap, HashSet};

use crate::domain::qty::Quantity;

use super::apply::{LotExpiry, Plan, StockRow};
use super::rows::{Row, unique};
use super::{Duplicate, ImportError, ImportWarning, RowProblem};
use crate::domain::lots;
use crate::domain::master::{ItemType, LocationKind, Tracking, compare_revisions};
use crate::domain::order::{self, Order};
use crate::domain::replenish::Stocking;
use crate::store::{self, Store};

pub(super) fn read_orders(
    store: &Store,
    plan: &mut Plan,
    rows: &[Row<'_>],
) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let id = row.required("order")?;
        unique(&mut seen, row, Duplicate::Order(id.clone()))?;
        let o = order_header(plan, row, id)?;
        if let Some(stored) = store::orders::order_header(store.conn(), &o.order)? {
            let changed = stored.item != o.item
                || stored.revision != o.revision
                || stored.qty != o.qty
                || stored.due != o.due.map(|d| d.to_string())
                || stored.completion_location != o.completion_location;
            if changed {
                plan.summary
                    .warnings
                    .push(ImportWarning::ReleasedOrderChanged {
                        file: row.file.to_string(),
                        line: row.line,
                        order: o.order.clone(),
                    });
            }
            continue;
        }
        let (operations, materials) =
            order::release(&plan.master, &o.item, &o.revision).map_err(|error| {
                row.err(RowProblem::Release {
                    order: o.order.to_string(),
                    error,
                })
            })?;
        plan.orders.push(Order {
            operations,
            materials,
            ..o
        });
    }
    Ok(())
}

/// The order of one row, before its release (no operations or materials yet).
fn order_header(plan: &Plan, row: &Row<'_>, id: String) -> Result<Order, ImportError> {
    let item_code = row.required("item")?;
    let item = plan.master.items.get(item_code.as_str()).ok_or_else(|| {
        row.err(RowProblem::UnknownItem {
            item: item_code.to_string(),
        })
    })?;
    if item.item_type == ItemType::Phantom {
        return Err(row.err(RowProblem::PhantomOrder { item: item_code }));
    }
    let qty = row.positive("qty", None)?;
    row.within_decimals("qty", qty, item)?;
    let revision = match row.opt("revision") {
        Some(r) => r,
        None => plan
            .master
            .routings
            .keys()
            .filter(|(p, _)| *p == item_code)
            .map(|(_, r)| r.clone())
            .max_by(|a, b| compare_revisions(a, b))
            .ok_or_else(|| {
                row.err(RowProblem::NoRouting {
                    item: item_code.clone(),
                })
            })?,
    };
    let due = match row.opt("due") {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                row.err(RowProblem::NotADate {
                    column: "due",
                    text: d.clone(),
                })
            })?,
        ),
        None => None,
    };
    let completion_location = completion_location(plan, row)?;
    Ok(Order {
        order: id.into(),
        item: item_code.into(),
        revision,
        qty,
        due,
        completion_location,
        operations: Vec::new(),
        materials: Vec::new(),
    })
}

/// The row's completion location, else the first finished-goods location by code.
fn completion_location(plan: &Plan, row: &Row<'_>) -> Result<LocationCode, ImportError> {
    let location: LocationCode = match row.opt("completion_location") {
        Some(l) => l.into(),
        None => {
            let mut finished: Vec<&LocationCode> = plan
                .master
                .locations
                .values()
                .filter(|l| l.kind == LocationKind::Finished)
                .map(|l| &l.location)
                .collect();
            finished.sort();
            finished.first().map(|l| (*l).clone()).ok_or_else(|| {
                row.err(RowProblem::Missing {
                    column: "completion_location".to_string(),
                })
            })?
        }
    };
    if !plan.master.locations.contains_key(location.as_str()) {
        return Err(row.err(RowProblem::UnknownLocation {
            location: location.to_string(),
        }));
    }
    Ok(location)
}

/// Each lot's expiry as `stock.csv` gives it: (item, lot) → expiry.
type Expiries = HashMap<(ItemCode, String), Option<String>>;

pub(super) fn read_stock(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    let mut expiries = Expiries::new();
    for row in rows {
        let (stock, expires) = stock_row(plan, row, &mut seen)?;
        note_expiry(&mut expiries, row, &stock, expires)?;
        plan.stock.push(stock);
    }
    // Sorted by item, then lot (the fields' order).
    let mut list: Vec<LotExpiry> = expiries
        .into_iter()
        .filter(|(_, e)| e.is_some())
        .map(|((item, lot), expires)| LotExpiry { item, lot, expires })
        .collect();
    list.sort();
    plan.expiries = list;
    Ok(())
}

/// One row's balance (of one lot for a tracked item, `""` the unknown lot) and its expiry.
fn stock_row(
    plan: &Plan,
    row: &Row<'_>,
    seen: &mut HashSet<Duplicate>,
) -> Result<(StockRow, Option<String>), ImportError> {
    let item_code = row.required("item")?;
    let item = plan.master.items.get(item_code.as_str()).ok_or_else(|| {
        row.err(RowProblem::UnknownItem {
            item: item_code.to_string(),
        })
    })?;
    let location = row.required("location")?;
    if !plan.master.locations.contains_key(location.as_str()) {
        return Err(row.err(RowProblem::UnknownLocation {
            location: location.to_string(),
        }));
    }
    let lot_text = row.opt("lot");
    let expires = row.opt("expires");
    let tracked = item.tracking != Tracking::None;
    if !tracked && let Some(lot) = &lot_text {
        return Err(row.err(RowProblem::UntrackedLot {
            item: item_code,
            lot: lot.clone(),
        }));
    }
    if !tracked && let Some(e) = &expires {
        return Err(row.err(RowProblem::UntrackedExpiry {
            item: item_code,
            expires: e.clone(),
        }));
    }
    if let Some(e) = &expires
        && lots::parse_date(e).is_none()
    {
        return Err(row.err(RowProblem::NotADate {
            column: "expires",
            text: e.clone(),
        }));
    }
    let lot = tracked.then(|| lot_text.unwrap_or_default());
    let key = Duplicate::Balance {
        item: item_code.clone(),
        lot: lot.clone(),
        location: location.clone(),
    };
    unique(seen, row, key)?;
    if item.item_type == ItemType::Phantom {
        return Err(row.err(RowProblem::PhantomStock { item: item_code }));
    }
    let qty = row.decimal("qty", None)?;
    row.within_decimals("qty", qty, item)?;
    if item.tracking == Tracking::Serial && qty > Quantity::ONE {
        return Err(row.err(RowProblem::SerialQty {
            serial: lot.clone().unwrap_or_default(),
            item: item_code,
            qty,
        }));
    }
    let stock = StockRow {
        item: ItemCode::from(item_code),
        location: LocationCode::from(location),
        lot,
        qty,
    };
    Ok((stock, expires))
}

/// The expiry of the stock row's lot (none for an untracked row): the first given counts, and
/// rows of one lot may not disagree.
fn note_expiry(
    expiries: &mut Expiries,
    row: &Row<'_>,
    stock: &StockRow,
    expires: Option<String>,
) -> Result<(), ImportError> {
    let Some(lot) = stock.lot.as_deref() else {
        return Ok(());
    };
    let item = stock.item.as_str();
    let k = (stock.item.clone(), lot.to_string());
    match expiries.get(&k) {
        Some(before) if expires.is_some() && before.is_some() && *before != expires => Err(row
            .err(RowProblem::TwoExpiries {
                lot: lot.to_string(),
                item: item.to_string(),
                first: before.clone().unwrap_or_default(),
                second: expires.unwrap_or_default(),
            })),
        Some(Some(_)) => Ok(()),
        _ => {
            expiries.insert(k, expires);
            Ok(())
        }
    }
}

/// `location_items.csv`: how a machine location keeps a stock item, between min and max in
/// containers of `multiple`, in the item's unit and decimals.
pub(super) fn read_location_items(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let location = row.required("location")?;
        let kind = plan
            .master
            .locations
            .get(location.as_str())
            .map(|l| l.kind)
            .ok_or_else(|| {
                row.err(RowProblem::UnknownLocation {
                    location: location.clone(),
                })
            })?;
        if kind != LocationKind::Machine {
            return Err(row.err(RowProblem::NotMachine { location, kind }));
        }
        let item_code = row.required("item")?;
        let item = plan.master.items.get(item_code.as_str()).ok_or_else(|| {
            row.err(RowProblem::UnknownItem {
                item: item_code.clone(),
            })
        })?;
        if item.item_type != ItemType::Stock {
            return Err(row.err(RowProblem::NotStockItem {
                item: item_code,
                item_type: item.item_type,
            }));
        }
        unique(
            &mut seen,
            row,
            Duplicate::LocationItem {
                location: location.clone(),
                item: item_code.clone(),
            },
        )?;
        let min: Quantity = row.decimal("min", Some(rust_decimal::Decimal::ZERO))?;
        let max: Quantity = row.decimal("max", Some(rust_decimal::Decimal::ZERO))?;
        let multiple: Option<Quantity> = match row.opt("multiple") {
            Some(_) => Some(row.positive("multiple", None)?),
            None => None,
        };
        for (column, value) in [
            ("min", Some(min)),
            ("max", Some(max)),
            ("multiple", multiple),
        ] {
            if let Some(value) = value {
                row.within_decimals(column, value, item)?;
            }
        }
        if min > max {
            return Err(row.err(RowProblem::MinAboveMax { min, max }));
        }
        plan.location_items.push((
            LocationCode::from(location),
            item.item.clone(),
            Stocking { min, max, multiple },
        ));
    }
    Ok(())
}
