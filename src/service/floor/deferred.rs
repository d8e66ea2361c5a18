//! The deferred lines a posting lets post: read in its transaction, against the stock as it
//! will be once the posting's own movements are made, and added to its plan.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rusqlite::Connection;

use crate::domain::codes::LocationCode;
use crate::domain::journal::AccountNames;
use crate::domain::lots::PickOrder;
use crate::domain::master::Tracking;
use crate::domain::posting::{PostingPlan, deferred};
use crate::domain::qty::Quantity;
use crate::domain::retry::{ExceptionStatus, RetryStock, Waiting, plan_lot_retry, with_moves};
use crate::service::Result;
use crate::store::{self, Stamp, exceptions::ExceptionRow};

/// Adds to `plan` the open exceptions (at `location`, else everywhere) that fit in the stock
/// after the plan's own movements, oldest first, posted at `stamp` on the accounts `names`
/// with lots taken in `pick` order; returns them as posted.
///
/// # Errors
/// The store fails.
pub(in crate::service) fn post_deferred(
    tx: &Connection,
    location: Option<&LocationCode>,
    plan: &mut PostingPlan,
    stamp: &Stamp,
    names: &AccountNames,
    pick: PickOrder,
) -> Result<Vec<ExceptionRow>> {
    let open = store::exceptions::open_lines(tx, location.map(LocationCode::as_str))?;
    let waiting: Vec<Waiting<'_>> = open
        .iter()
        .map(|(e, _)| Waiting {
            id: e.id,
            item: &e.item,
            location: &e.location,
            qty: e.qty,
        })
        .collect();
    // Balances and lots read once per item and location; the retry deducts as it goes.
    let mut balances: HashMap<(&str, &str), Quantity> = HashMap::new();
    let mut lots = HashMap::new();
    for w in &waiting {
        let Entry::Vacant(slot) = balances.entry((w.item, w.location)) else {
            continue;
        };
        slot.insert(
            store::ledger::balance(tx, w.item, w.location)? + plan.moved(w.item, w.location),
        );
        let tracked =
            store::master::item(tx, w.item)?.is_some_and(|i| i.tracking != Tracking::None);
        if tracked {
            let mut known = HashMap::new();
            for (lot, _) in plan.moved_lots(w.item, w.location) {
                let entry = store::ledger::lot_entry(tx, w.item, &lot)?
                    .unwrap_or_else(|| (None, stamp.at_text().to_string()));
                known.insert(lot, entry);
            }
            let held = with_moves(
                store::ledger::lots_at(tx, w.item, w.location)?,
                &plan.moved_lots(w.item, w.location),
                &|lot| known.get(lot).cloned().unwrap_or_default(),
            );
            lots.insert((w.item, w.location), held);
        }
    }
    let on_hand =
        |item: &str, location: &str| balances.get(&(item, location)).copied().unwrap_or_default();
    let lots_of = |item: &str, location: &str| lots.get(&(item, location)).cloned();
    let chosen = plan_lot_retry(
        &waiting,
        &RetryStock {
            on_hand: &on_hand,
            lots: &lots_of,
            pick,
            today: stamp.today(),
        },
    );
    let lines: Vec<deferred::OpenLine> = open.iter().map(|(_, l)| l.clone()).collect();
    deferred::post(plan, &lines, &chosen, names);
    Ok(open
        .into_iter()
        .filter(|(e, _)| chosen.iter().any(|c| c.id == e.id))
        .map(|(mut e, _)| {
            e.status = ExceptionStatus::Posted;
            e
        })
        .collect())
}
