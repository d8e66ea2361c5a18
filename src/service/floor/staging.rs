//! The staging list: what a work center's open orders still need at its machine
//! location, against what is on hand, with the storage locations that hold each item.

use super::{
    BTreeMap, LocationKind, Quantity, Result, Service, ServiceError, Thing, backflush, store,
};
use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;

/// One item a work center's machine location still needs.
#[derive(Debug, Clone, PartialEq)]
pub struct StagingLine {
    pub item: ItemCode,
    /// The item's description, for a screen wide enough to show it.
    pub description: String,
    pub location: LocationCode,
    pub need: Quantity,
    pub on_hand: Quantity,
    pub shortfall: Quantity,
    pub orders: usize,
    /// Storage locations holding the item, with their quantities, most first.
    pub sources: Vec<(LocationCode, Quantity)>,
}

impl Service {
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
        let mut needs: BTreeMap<ItemCode, (Quantity, usize)> = BTreeMap::new();
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
        let today = chrono::Utc::now().date_naive();
        let mut out = Vec::new();
        for (item, (need, orders)) in needs {
            let on_hand = usable_on_hand(conn, &item, &wc.location, today)?;
            // Per storage location (a tracked item's lots summed), most first.
            let mut sources: Vec<(LocationCode, Quantity)> = Vec::new();
            for b in store::queries::balances(conn, None, Some(&item))? {
                if b.qty > Quantity::ZERO
                    && store::master::location_kind(conn, &b.location)?
                        == Some(LocationKind::Storage)
                {
                    match sources.iter_mut().find(|s| s.0 == b.location) {
                        Some(s) => s.1 += b.qty,
                        None => sources.push((b.location, b.qty)),
                    }
                }
            }
            sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let description = store::master::item(conn, &item)?
                .map(|i| i.description)
                .unwrap_or_default();
            out.push(StagingLine {
                description,
                sources,
                shortfall: (need - on_hand).max(Quantity::ZERO),
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

/// What a location holds of an item that a backflush may use: for a tracked item, its
/// unexpired lots (an expired lot is never chosen automatically).
fn usable_on_hand(
    conn: &rusqlite::Connection,
    item: &str,
    location: &str,
    today: chrono::NaiveDate,
) -> Result<Quantity> {
    let tracked = store::master::item(conn, item)?
        .is_some_and(|i| i.tracking != crate::domain::master::Tracking::None);
    if !tracked {
        return Ok(store::ledger::balance(conn, item, location)?);
    }
    Ok(store::ledger::lots_at(conn, item, location)?
        .iter()
        .filter(|l| !crate::domain::lots::is_expired(l.expires.as_deref(), today))
        .map(|l| l.qty)
        .sum())
}
