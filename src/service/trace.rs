//! A lot's genealogy (`backflush trace`): where it is now, what went into it and
//! what was made from it.

use super::{Field, Result, Service, ServiceError, Thing, Why};
use crate::domain::codes::ItemCode;
use crate::domain::lots::{LotStock, sort_lots};
use crate::domain::qty::Quantity;
use crate::domain::trace::{Genealogy, trace};
use crate::store;

/// The trace of one lot.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    pub item: ItemCode,
    pub lot: String,
    /// Non-zero balances per location.
    pub on_hand: Vec<(String, Quantity)>,
    pub genealogy: Genealogy,
}

impl Service {
    /// The lots of `item` at `location` in the plant's pick order, expired ones
    /// included (a user may name them), for a pick list.
    ///
    /// # Errors
    /// The store fails.
    pub fn lots_at(&self, item: &str, location: &str) -> Result<Vec<LotStock>> {
        let mut lots = store::ledger::lots_at(self.store.conn(), item, location)?;
        let pick = self.rules()?.rules.lot_selection().pick_order();
        sort_lots(&mut lots, pick);
        lots.retain(|l| l.qty > Quantity::ZERO);
        Ok(lots)
    }

    /// Whether an item is lot- or serial-tracked (its moves and counts name lots).
    ///
    /// # Errors
    /// The store fails.
    pub fn is_tracked(&self, item: &str) -> Result<bool> {
        Ok(store::master::item(self.store.conn(), item)?
            .is_some_and(|i| i.tracking != crate::domain::master::Tracking::None))
    }

    /// The lot- and serial-tracked items with their descriptions, for a pick list.
    ///
    /// # Errors
    /// The store fails.
    pub fn tracked_items(&self) -> Result<Vec<(String, String)>> {
        Ok(store::trace::tracked_items(self.store.conn())?)
    }

    /// The lots of `item` the store ever held (newest first), for a trace pick list.
    ///
    /// # Errors
    /// The store fails.
    pub fn lots_of(&self, item: &str) -> Result<Vec<String>> {
        Ok(store::trace::lots_of(self.store.conn(), item)?)
    }

    /// Traces `lot` of `item` backward and forward through orders.
    ///
    /// # Errors
    /// Unknown item, a lot the store never held; the store fails.
    pub fn trace(&self, item: &ItemCode, lot: &str) -> Result<Trace> {
        let item = &self.resolve_code(Thing::Item, item)?;
        let lot = &self.resolve_code(Thing::Lot, lot)?;
        let (item, lot) = (item.as_str(), lot.as_str());
        let conn = self.store.conn();
        let Some(found) = store::master::item(conn, item)? else {
            return Err(ServiceError::not_found(Thing::Item, item));
        };
        // An untracked item has no lots: saying so beats calling the lot unknown.
        if found.tracking == crate::domain::master::Tracking::None {
            return Err(ServiceError::invalid(Field::Item, item, Why::NotLotTracked));
        }
        if !store::trace::lot_known(conn, item, lot)? {
            return Err(ServiceError::LotNeverHeld {
                item: item.to_string(),
                lot: lot.to_string(),
            });
        }
        let facts = store::trace::order_lots(conn)?;
        Ok(Trace {
            item: item.into(),
            lot: lot.to_string(),
            on_hand: store::queries::lot_locations(conn, item, lot)?,
            genealogy: trace(&facts, item, lot),
        })
    }
}
