//! The all-or-nothing end of an import: everything the files hold, validated, written in one
//! transaction with its export event.

use crate::domain::codes::{ItemCode, LocationCode};
use std::collections::HashMap;

use crate::domain::qty::Quantity;

use super::{ImportError, ImportSummary};
use crate::domain::journal::{AccountNames, inventory_account};
use crate::domain::master::{Bom, Item, Location, LocationKind, MasterData, Routing, WorkCenter};
use crate::domain::order::Order;
use crate::domain::posting::{self, adjust::SetBalance};
use crate::domain::replenish::Stocking;
use crate::store::master::User;
use crate::store::settings::Setting;
use crate::store::{self, Stamp, Store};

/// Everything an import will write, validated.
#[derive(Default)]
pub(super) struct Plan {
    pub(super) master: MasterData,
    pub(super) items: Vec<Item>,
    pub(super) locations: Vec<Location>,
    pub(super) work_centers: Vec<WorkCenter>,
    pub(super) boms: Vec<Bom>,
    pub(super) routings: Vec<Routing>,
    pub(super) users: Vec<User>,
    /// Whether `users.csv` has the `language` column (else each user keeps theirs).
    pub(super) user_languages: bool,
    pub(super) orders: Vec<Order>,
    pub(super) stock: Vec<StockRow>,
    /// `location_items.csv`: each machine location's stocking row of an item.
    pub(super) location_items: Vec<(LocationCode, ItemCode, Stocking)>,
    /// Each lot's expiry given in `stock.csv`, by item and lot.
    pub(super) expiries: Vec<LotExpiry>,
    /// Whether `uom_conversions.csv` was read (then every conversion is written).
    pub(super) conversions: bool,
    pub(super) summary: ImportSummary,
}

/// The expiry `stock.csv` gives a lot of an item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct LotExpiry {
    pub(super) item: ItemCode,
    pub(super) lot: String,
    pub(super) expires: Option<String>,
}

/// One `stock.csv` balance: of one lot for a tracked item (`""` the unknown lot).
pub(super) struct StockRow {
    pub(super) item: ItemCode,
    pub(super) location: LocationCode,
    pub(super) lot: Option<String>,
    pub(super) qty: Quantity,
}

/// Writes `plan` (and the plant's rules of `settings.toml`) in one transaction.
///
/// # Errors
/// The store fails; nothing is written.
pub(super) fn apply(
    store: &mut Store,
    plan: &Plan,
    stamp: &Stamp,
    accounts: &AccountNames,
    settings: Option<&[Setting]>,
) -> Result<(), ImportError> {
    let kinds: HashMap<LocationCode, LocationKind> = plan
        .master
        .locations
        .iter()
        .map(|(k, l)| (k.clone(), l.kind))
        .collect();
    store.write(|tx| -> Result<(), ImportError> {
        // Stamped once the write lock is held: postings that waited commit in time order.
        let stamp = &store::posting_stamp(tx, stamp, chrono::Utc::now())?;
        store::master::bump_master_version(tx)?;
        if let Some(rows) = settings {
            store::settings::save(tx, rows)?;
        }
        for l in &plan.locations {
            store::master::upsert_location(tx, l)?;
        }
        for i in &plan.items {
            store::master::upsert_item(tx, i)?;
        }
        for w in &plan.work_centers {
            store::master::upsert_work_center(tx, w)?;
        }
        if plan.conversions {
            store::master::replace_conversions(tx, &plan.master.conversions)?;
        }
        for b in &plan.boms {
            store::master::replace_bom(tx, b)?;
        }
        for r in &plan.routings {
            store::master::replace_routing(tx, r)?;
        }
        for u in &plan.users {
            let language = if plan.user_languages {
                store::master::LanguageColumn::Write
            } else {
                store::master::LanguageColumn::Keep
            };
            store::master::upsert_user(tx, u, language)?;
        }
        if !plan.users.is_empty() {
            // The plant's own users replace the demo's: the login must stop listing the
            // demo's badges and PINs.
            store::master::clear_demo(tx)?;
        }
        for o in &plan.orders {
            store::orders::insert_order(tx, o, stamp.at_text())?;
        }
        for LotExpiry { item, lot, expires } in &plan.expiries {
            store::ledger::set_lot_expiry(tx, item, lot, expires.as_deref(), stamp.at_text())?;
        }
        // The balances of stock.csv, each against the book as the rows before it left it.
        let mut set: HashMap<(&str, &str, Option<&str>), Quantity> = HashMap::new();
        let mut sets = Vec::new();
        for StockRow {
            item,
            location,
            lot,
            qty,
        } in &plan.stock
        {
            let key = (item.as_str(), location.as_str(), lot.as_deref());
            let book = match (set.get(&key), lot) {
                (Some(before), _) => *before,
                (None, Some(lot)) => store::ledger::lot_balance(tx, item, location, lot)?,
                (None, None) => store::ledger::balance(tx, item, location)?,
            };
            set.insert(key, *qty);
            sets.push(SetBalance {
                item,
                location,
                lot: lot.as_deref(),
                book,
                qty: *qty,
                std_cost: store::master::std_cost(tx, item)?,
                account: inventory_account(
                    kinds
                        .get(location.as_str())
                        .copied()
                        .unwrap_or(LocationKind::Storage),
                ),
            });
        }
        store::posting::apply(tx, stamp, &posting::adjust::opening(&sets, accounts))?;
        for (location, item, stocking) in &plan.location_items {
            store::replenish::set_stocking(tx, location, item, stocking)?;
        }
        Ok(())
    })
}
