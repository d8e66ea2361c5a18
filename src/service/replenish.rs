//! The handler's queue as a use case: which machine locations, what the store holds of
//! them, and the domain's rows in the queue's order.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

use super::{Field, Result, Service, ServiceError, Thing, Why};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::lots;
use crate::domain::master::LocationKind;
use crate::domain::qty::Quantity;
use crate::domain::replenish::{self, Inputs, Row};
use crate::store;

/// Which machine locations the queue covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueOf<'a> {
    /// Every machine location.
    Every,
    /// One machine location.
    Location(&'a str),
    /// A work center's machine location.
    WorkCenter(&'a str),
}

/// What `replenish` asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueRequest<'a> {
    pub of: QueueOf<'a>,
    /// The rows with nothing to bring too, after the others.
    pub all: bool,
}

/// One row of the queue, with the item's description for a screen wide enough to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub row: Row,
    pub description: String,
}

impl Deref for QueueRow {
    type Target = Row;
    fn deref(&self) -> &Row {
        &self.row
    }
}

impl Service {
    /// The handler's queue: per machine location and item, on hand, owed, demand,
    /// projected, min/max, what to bring, daily use and days left, in the queue's order.
    ///
    /// # Errors
    /// An unknown location or work center, a location that is not a machine location; the
    /// store fails.
    pub fn replenish(&self, request: &QueueRequest<'_>) -> Result<Vec<QueueRow>> {
        let conn = self.store.conn();
        let locations: Vec<String> = match request.of {
            QueueOf::Every => store::health::machine_locations(conn)?,
            QueueOf::Location(l) => match store::master::location_kind(conn, l)? {
                None => return Err(ServiceError::not_found(Thing::Location, l)),
                Some(LocationKind::Machine) => vec![l.to_string()],
                Some(kind) => {
                    return Err(ServiceError::invalid(
                        Field::Location,
                        l,
                        Why::NotMachine { kind },
                    ));
                }
            },
            QueueOf::WorkCenter(wc) => vec![
                store::master::work_center(conn, wc)?
                    .ok_or_else(|| ServiceError::not_found(Thing::WorkCenter, wc))?
                    .location
                    .to_string(),
            ],
        };
        let days = self.rules()?.rules.policy.replenish_days;
        let since = super::health::window_start(days);
        let today = chrono::Utc::now().date_naive();
        let wanted: BTreeSet<&str> = locations.iter().map(String::as_str).collect();
        let mut inputs = Inputs {
            days: u32::try_from(days).unwrap_or(1),
            ..Inputs::default()
        };
        for location in &locations {
            for held in store::replenish::held_at(conn, location)? {
                let key = (held.location, held.item);
                inputs.stocked.insert(key.clone());
                if usable(held.expires.as_ref(), today) {
                    *inputs.on_hand.entry(key).or_default() += held.qty;
                }
            }
            for (item, qty) in store::replenish::owed_at(conn, location)? {
                *inputs
                    .owed
                    .entry((location.as_str().into(), item))
                    .or_default() += qty;
            }
        }
        inputs.used = store::replenish::used(conn, &locations, &since)?
            .into_iter()
            .collect();
        inputs.demand = store::replenish::demand(conn)?
            .into_iter()
            .filter(|g| wanted.contains(g.location.as_str()))
            .collect();
        inputs.stocking = store::replenish::stocking(conn)?
            .into_iter()
            .filter(|((l, _), _)| wanted.contains(l.as_str()))
            .collect();
        let items: BTreeSet<ItemCode> = inputs
            .stocked
            .iter()
            .chain(inputs.owed.keys())
            .chain(inputs.stocking.keys())
            .map(|(_, i)| i.clone())
            .chain(inputs.demand.iter().map(|g| g.item.clone()))
            .collect();
        let mut descriptions: BTreeMap<ItemCode, String> = BTreeMap::new();
        for item in items {
            let mut sources: Vec<(LocationCode, Quantity)> = Vec::new();
            for held in store::replenish::held_in_storage(conn, &item)? {
                if !usable(held.expires.as_ref(), today) {
                    continue;
                }
                match sources.iter_mut().find(|s| s.0 == held.location) {
                    Some(s) => s.1 += held.qty,
                    None => sources.push((held.location, held.qty)),
                }
            }
            sources.retain(|s| s.1 > Quantity::ZERO);
            sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            if let Some(found) = store::master::item(conn, &item)? {
                inputs.decimals.insert(item.clone(), found.decimals);
                descriptions.insert(item.clone(), found.description);
            }
            inputs.sources.insert(item, sources);
        }
        Ok(replenish::queue(&inputs)
            .into_iter()
            .filter(|r| request.all || !r.bring.is_zero())
            .map(|row| QueueRow {
                description: descriptions.get(&row.item).cloned().unwrap_or_default(),
                row,
            })
            .collect())
    }
}

/// Whether a balance may be used: an untracked item's always, a lot's until it expires.
fn usable(expires: Option<&Option<String>>, today: chrono::NaiveDate) -> bool {
    expires.is_none_or(|e| !lots::is_expired(e.as_deref(), today))
}
