//! Machine-location health as a use case: the window, the locations, the rows
//! with their percentage and flag.

use chrono::Utc;
use rust_decimal::Decimal;

use super::{Field, Result, Service, ServiceError, Thing, Why};
use crate::domain::codes::ItemCode;
use crate::domain::codes::LocationCode;
use crate::domain::health::{self, Flag, Usage};
use crate::store;

/// One row of `backflush health`.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthRow {
    pub location: LocationCode,
    pub item: ItemCode,
    pub usage: Usage,
    pub discrepancy_pct: Option<Decimal>,
    pub flag: Flag,
}

/// The window `health` shows unless told otherwise, in days; a count's figures of its
/// location and item are over the same window.
pub const DEFAULT_DAYS: i64 = 30;

/// The start of the last `days` × 24 hours, as movements and counts record their time.
pub(super) fn window_start(days: i64) -> String {
    (Utc::now() - chrono::Duration::hours(days * 24))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Service {
    /// The health of `location` (else every machine location) over the last `days` × 24
    /// hours, by location and item.
    ///
    /// # Errors
    /// An unknown location, a window out of range; the store fails.
    pub fn health(&self, location: Option<&str>, days: i64) -> Result<Vec<HealthRow>> {
        if !(1..=3650).contains(&days) {
            return Err(ServiceError::invalid(
                Field::Days,
                days.to_string(),
                Why::OutOfRange { min: 1, max: 3650 },
            ));
        }
        let conn = self.store.conn();
        let locations = match location {
            Some(l) if store::master::location_exists(conn, l)? => vec![l.to_string()],
            Some(l) => return Err(ServiceError::not_found(Thing::Location, l)),
            None => store::health::machine_locations(conn)?,
        };
        let since = window_start(days);
        let alert = self.rules()?.rules.policy.discrepancy_alert_pct;
        Ok(store::health::usage(conn, &locations, &since)?
            .into_iter()
            .map(|((location, item), usage)| {
                let discrepancy_pct = health::discrepancy_pct(&usage);
                let flag = health::flag(&usage, discrepancy_pct, alert);
                HealthRow {
                    location,
                    item,
                    usage,
                    discrepancy_pct,
                    flag,
                }
            })
            .collect())
    }

    /// The health rows for a lead's screen: flagged first (negative, discrepancy, waiting,
    /// ok), then by location and item.
    ///
    /// # Errors
    /// As [`Self::health`].
    pub fn health_flagged_first(&self, days: i64) -> Result<Vec<HealthRow>> {
        let mut rows = self.health(None, days)?;
        rows.sort_by(|a, b| (a.flag, &a.location, &a.item).cmp(&(b.flag, &b.location, &b.item)));
        Ok(rows)
    }
}
