//! Master data and order snapshots kept in memory between postings, and the read-ahead of
//! everything one calculation needs, so the engine stays pure.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::Utc;
use rusqlite::Connection;

use super::Result;
use crate::domain::backflush::Lookup;
use crate::domain::master::{Item, WorkCenter};
use crate::domain::order::Order;
use crate::domain::qty::Quantity;
use crate::store::{self, StoreError};
use chrono::NaiveDate;

use crate::domain::lots::LotStock;
use crate::domain::master::Tracking;

/// Items and work centers kept in memory between postings; dropped whenever an import
/// (here or in another process) changes master data.
#[derive(Default)]
pub(super) struct MasterCache {
    version: i64,
    items: HashMap<String, Rc<Item>>,
    work_centers: HashMap<String, Rc<WorkCenter>>,
    /// Released orders' snapshots (progress is never cached).
    pub(super) orders: HashMap<String, Rc<Order>>,
}

impl MasterCache {
    pub(super) fn refresh(&mut self, conn: &Connection) -> Result<()> {
        let version = store::master::master_version(conn)?;
        if version != self.version {
            *self = MasterCache {
                version,
                ..MasterCache::default()
            };
        }
        Ok(())
    }

    pub(super) fn item(&mut self, conn: &Connection, code: &str) -> Result<Option<Rc<Item>>> {
        cached(&mut self.items, code, || store::master::item(conn, code))
    }

    pub(super) fn work_center(
        &mut self,
        conn: &Connection,
        code: &str,
    ) -> Result<Option<Rc<WorkCenter>>> {
        cached(&mut self.work_centers, code, || {
            store::master::work_center(conn, code)
        })
    }
}

/// The cached value of `code`, loaded once.
fn cached<T>(
    map: &mut HashMap<String, Rc<T>>,
    code: &str,
    load: impl FnOnce() -> std::result::Result<Option<T>, StoreError>,
) -> Result<Option<Rc<T>>> {
    if let Some(value) = map.get(code) {
        return Ok(Some(Rc::clone(value)));
    }
    let Some(value) = load()? else {
        return Ok(None);
    };
    let value = Rc::new(value);
    map.insert(code.to_string(), Rc::clone(&value));
    Ok(Some(value))
}

/// A map of a posting's own: short code keys, hashed fast.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The master data and balances one calculation needs, read up front so the engine stays
/// pure: items and work centers from the cache, balances in one query per issue location.
pub(super) struct Prefetched {
    pub(super) items: HashMap<String, Rc<Item>>,
    work_centers: HashMap<String, Rc<WorkCenter>>,
    locations: HashSet<String>,
    /// By location, then item: looked up by `&str` without building a key.
    stock: FastMap<String, FastMap<String, Quantity>>,
    /// The lots of the tracked components at every location a line may issue from.
    lots: FastMap<String, FastMap<String, Vec<LotStock>>>,
    /// Finished serials of this request that are already known (in stock or issued).
    known_serials: HashSet<String>,
    today: NaiveDate,
}

impl Prefetched {
    pub(super) fn load<'a>(
        conn: &Connection,
        cache: &RefCell<MasterCache>,
        order: &Order,
        extra_locations: impl Iterator<Item = &'a str>,
    ) -> Result<Self> {
        // The caller has refreshed the cache against the store's master version.
        let mut cache = cache.borrow_mut();
        let mut items = HashMap::new();
        for code in std::iter::once(order.item.as_str())
            .chain(order.materials.iter().map(|m| m.component.as_str()))
        {
            if !items.contains_key(code)
                && let Some(item) = cache.item(conn, code)?
            {
                items.insert(code.to_string(), item);
            }
        }
        let mut work_centers = HashMap::new();
        for op in &order.operations {
            if !work_centers.contains_key(&op.work_center)
                && let Some(wc) = cache.work_center(conn, &op.work_center)?
            {
                work_centers.insert(op.work_center.clone(), wc);
            }
        }
        let mut locations = HashSet::new();
        for l in extra_locations {
            if store::master::location_exists(conn, l)? {
                locations.insert(l.to_string());
            }
        }
        // Every location a line may issue from: supply locations, work center locations, and
        // the overrides'.
        let mut wanted: HashSet<&str> = locations.iter().map(String::as_str).collect();
        for m in &order.materials {
            if let Some(l) = &m.supply_location {
                wanted.insert(l);
            }
        }
        for wc in work_centers.values() {
            wanted.insert(&wc.location);
        }
        let mut stock: FastMap<String, FastMap<String, Quantity>> = FastMap::default();
        let mut lots: FastMap<String, FastMap<String, Vec<LotStock>>> = FastMap::default();
        let tracked: Vec<&str> = items
            .values()
            .filter(|i| i.tracking != Tracking::None && i.item != order.item)
            .map(|i| i.item.as_str())
            .collect();
        for location in wanted {
            let here = stock.entry(location.to_string()).or_default();
            for (item, qty) in store::ledger::balances_for_order(conn, &order.order, location)? {
                here.insert(item, qty);
            }
            if !tracked.is_empty() {
                // Every tracked line's lots here in one query.
                for (item, lot) in store::ledger::lots_for_order(conn, &order.order, location)? {
                    if tracked.contains(&item.as_str()) {
                        lots.entry(location.to_string())
                            .or_default()
                            .entry(item)
                            .or_default()
                            .push(lot);
                    }
                }
            }
        }
        Ok(Prefetched {
            items,
            work_centers,
            locations,
            stock,
            lots,
            known_serials: HashSet::new(),
            today: Utc::now().date_naive(),
        })
    }

    /// Reads which of the finished serials a report names are known already (a finished
    /// serial must be new).
    pub(super) fn check_serials(
        &mut self,
        conn: &Connection,
        item: &str,
        serials: &[String],
    ) -> Result<()> {
        for s in serials {
            if store::ledger::serial_known(conn, item, s.trim())? {
                self.known_serials.insert(s.trim().to_string());
            }
        }
        Ok(())
    }
}

impl Lookup for Prefetched {
    fn item(&self, item: &str) -> Option<&Item> {
        self.items.get(item).map(|i| &**i)
    }

    fn work_center(&self, work_center: &str) -> Option<&WorkCenter> {
        self.work_centers.get(work_center).map(|w| &**w)
    }

    fn location_exists(&self, location: &str) -> bool {
        self.locations.contains(location)
            || self.work_centers.values().any(|w| w.location == location)
    }

    fn on_hand(&self, item: &str, location: &str) -> Quantity {
        self.stock
            .get(location)
            .and_then(|at| at.get(item))
            .copied()
            .unwrap_or_default()
    }

    fn lots(&self, item: &str, location: &str) -> Vec<LotStock> {
        self.lots
            .get(location)
            .and_then(|at| at.get(item))
            .cloned()
            .unwrap_or_default()
    }

    fn serial_known(&self, _item: &str, serial: &str) -> bool {
        self.known_serials.contains(serial)
    }

    fn today(&self) -> NaiveDate {
        self.today
    }
}
