//! The master-data files: `locations.csv`, `items.csv`, `uom_conversions.csv`,
//! `work_centers.csv` and `users.csv`. Each row updates the stored row of its key.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::ImportError;
use super::apply::Plan;
use super::rows::{Row, unique};
use crate::domain::master::{Item, ItemType, Location, LocationKind, Tracking, WorkCenter};
use crate::domain::qty::canonical;
use crate::domain::uom::{ConversionConflict, Conversions, UomConversion};
use crate::store::master::User;

pub(super) fn read_locations(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let location = row.required("location")?;
        unique(&mut seen, row, location.clone(), "location")?;
        let kind = row.word(
            "kind",
            LocationKind::Storage,
            LocationKind::parse,
            LocationKind::words(),
        )?;
        let l = Location {
            location: location.clone().into(),
            description: row.text("description").to_string(),
            kind,
        };
        plan.master.locations.insert(location.into(), l.clone());
        plan.locations.push(l);
    }
    Ok(())
}

pub(super) fn read_items(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let item = row.required("item")?;
        unique(&mut seen, row, item.clone(), "item")?;
        let decimals = row.integer("decimals")?.unwrap_or(0);
        let decimals = u32::try_from(decimals)
            .ok()
            .filter(|d| *d <= 9)
            .ok_or_else(|| row.err(format!("decimals {decimals} is not between 0 and 9")))?;
        let i = Item {
            item: item.clone().into(),
            description: row.text("description").to_string(),
            uom: row.opt("uom").unwrap_or_else(|| "EA".to_string()),
            decimals,
            item_type: row.word("type", ItemType::Stock, ItemType::parse, ItemType::words())?,
            tracking: row.word(
                "tracking",
                Tracking::None,
                Tracking::parse,
                Tracking::words(),
            )?,
            backflush: row.flag("backflush")?.unwrap_or(true),
            std_cost: row.decimal("std_cost", Some(Decimal::ZERO))?,
        };
        plan.master.items.insert(item.into(), i.clone());
        plan.items.push(i);
    }
    Ok(())
}

pub(super) fn read_work_centers(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let work_center = row.required("work_center")?;
        unique(&mut seen, row, work_center.clone(), "work center")?;
        let location = row.required("location")?;
        if !plan.master.locations.contains_key(location.as_str()) {
            return Err(row.err(format!("unknown location {location}")));
        }
        let w = WorkCenter {
            work_center: work_center.clone(),
            description: row.text("description").to_string(),
            location: location.into(),
            labor_rate: row.decimal("labor_rate", Some(Decimal::ZERO))?,
            overhead_rate: row.decimal("overhead_rate", Some(Decimal::ZERO))?,
            backflush: row.flag("backflush")?.unwrap_or(true),
        };
        plan.master.work_centers.insert(work_center, w.clone());
        plan.work_centers.push(w);
    }
    Ok(())
}

pub(super) fn read_conversions(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    plan.conversions = true;
    // The file's rows replace the stored rows of their pairs (in either direction); rows of
    // the file must agree with each other.
    let mut file = Conversions::default();
    for row in rows {
        let item = row.opt("item");
        if let Some(i) = &item
            && !plan.master.items.contains_key(i.as_str())
        {
            return Err(row.err(format!("unknown item {i}")));
        }
        let from = row.required("from_uom")?;
        let to = row.required("to_uom")?;
        let factor_text = row.required("factor")?;
        let factor = crate::domain::qty::parse_quantity(&factor_text)
            .map_err(|e| row.err(format!("factor {factor_text:?} of {from} → {to} {e}")))?;
        if factor <= Decimal::ZERO {
            return Err(row.err(format!(
                "factor {factor_text} of {from} → {to} must be greater than zero"
            )));
        }
        if from == to && factor != Decimal::ONE {
            return Err(row.err(format!(
                "factor {factor_text} converts {from} to itself (only 1 can)"
            )));
        }
        let whose = item
            .as_deref()
            .map_or_else(|| "every item".to_string(), |i| format!("item {i}"));
        file.insert(UomConversion {
            item: item.clone(),
            from_uom: from.clone(),
            to_uom: to.clone(),
            factor,
        })
        .map_err(|conflict| match conflict {
            ConversionConflict::Differs { factor: other } => row.err(format!(
                "1 {from} = {factor_text} {to} for {whose} disagrees with an earlier row (1 {from} = {} {to})",
                canonical(other)
            )),
            ConversionConflict::Reverse { factor: other } => row.err(format!(
                "1 {from} = {factor_text} {to} for {whose} disagrees with an earlier row (1 {to} = {} {from})",
                canonical(other)
            )),
        })?;
    }
    for c in file.rows() {
        plan.master
            .conversions
            .remove_pair(c.item.as_deref(), &c.from_uom, &c.to_uom);
    }
    for c in file.rows() {
        // Cannot conflict: the pair's stored rows were removed and the file's rows agree.
        let _ = plan.master.conversions.insert(c);
    }
    Ok(())
}

pub(super) fn read_users(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let badge = row.required("badge")?;
        unique(&mut seen, row, badge.clone(), "badge")?;
        let role = row.required("role")?.to_ascii_lowercase();
        if !["operator", "lead", "handler", "admin", "integration"].contains(&role.as_str()) {
            return Err(row.err(format!(
                "role {role:?} is not one of: operator lead handler admin integration"
            )));
        }
        let pin = row.required("pin")?;
        if pin.len() < 4 {
            return Err(row.err(format!(
                "the PIN of badge {badge} is shorter than 4 characters"
            )));
        }
        let pin_hash = crate::pin::hash_pin(&pin).map_err(|e| row.err(e))?;
        plan.users.push(User {
            badge,
            name: row.text("name").to_string(),
            role,
            pin_hash,
            failed_pins: 0,
            locked_until: None,
        });
    }
    Ok(())
}
