//! The master-data files: `locations.csv`, `items.csv`, `uom_conversions.csv`,
//! `work_centers.csv` and `users.csv`. Each row updates the stored row of its key.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::apply::Plan;
use super::rows::{Row, unique};
use super::{Duplicate, ImportError, RowProblem};
use crate::domain::language::Language;
use crate::domain::master::{Item, ItemType, Location, LocationKind, Tracking, WorkCenter};
use crate::domain::qty::Quantity;
use crate::domain::uom::{ConversionConflict, Conversions, UomConversion};
use crate::store::master::User;

pub(super) fn read_locations(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let location = row.required("location")?;
        unique(&mut seen, row, Duplicate::Location(location.clone()))?;
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
        unique(&mut seen, row, Duplicate::Item(item.clone()))?;
        let decimals = row.integer("decimals")?.unwrap_or(0);
        let decimals = u32::try_from(decimals)
            .ok()
            .filter(|d| *d <= 9)
            .ok_or_else(|| row.err(RowProblem::Decimals { decimals }))?;
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
        unique(&mut seen, row, Duplicate::WorkCenter(work_center.clone()))?;
        let location = row.required("location")?;
        if !plan.master.locations.contains_key(location.as_str()) {
            return Err(row.err(RowProblem::UnknownLocation {
                location: location.to_string(),
            }));
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
            return Err(row.err(RowProblem::UnknownItem {
                item: i.to_string(),
            }));
        }
        let from = row.required("from_uom")?;
        let to = row.required("to_uom")?;
        let factor_text = row.required("factor")?;
        let factor = crate::domain::qty::parse_quantity(&factor_text).map_err(|problem| {
            row.err(RowProblem::FactorUnreadable {
                text: factor_text.clone(),
                from: from.clone(),
                to: to.clone(),
                problem,
            })
        })?;
        if factor <= Decimal::ZERO {
            return Err(row.err(RowProblem::FactorNotPositive {
                text: factor_text,
                from,
                to,
            }));
        }
        if from == to && factor != Decimal::ONE {
            return Err(row.err(RowProblem::FactorToItself {
                text: factor_text,
                from,
            }));
        }
        file.insert(UomConversion {
            item: item.clone(),
            from_uom: from.clone(),
            to_uom: to.clone(),
            factor,
        })
        .map_err(|conflict| match conflict {
            ConversionConflict::Differs { factor: other } => row.err(RowProblem::FactorDisagrees {
                from: from.clone(),
                to: to.clone(),
                text: factor_text.clone(),
                item: item.clone(),
                other: Quantity(other),
                reverse: false,
            }),
            ConversionConflict::Reverse { factor: other } => row.err(RowProblem::FactorDisagrees {
                from: from.clone(),
                to: to.clone(),
                text: factor_text.clone(),
                item: item.clone(),
                other: Quantity(other),
                reverse: true,
            }),
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
        unique(&mut seen, row, Duplicate::Badge(badge.clone()))?;
        let role = row.required("role")?.to_ascii_lowercase();
        if !["operator", "lead", "handler", "admin", "integration"].contains(&role.as_str()) {
            return Err(row.err(RowProblem::UnknownRole { role }));
        }
        let pin = row.required("pin")?;
        if pin.len() < 4 {
            return Err(row.err(RowProblem::ShortPin { badge }));
        }
        // A shipped language's tag; blank: the terminal's language.
        let language = match row.opt("language") {
            None => None,
            Some(tag) => Some(
                Language::parse(&tag)
                    .ok_or_else(|| {
                        row.err(RowProblem::NotOneOf {
                            column: "language".to_string(),
                            text: tag.clone(),
                            words: Language::words(),
                        })
                    })?
                    .tag()
                    .to_string(),
            ),
        };
        plan.user_languages |= row.has("language");
        let pin_hash =
            crate::pin::hash_pin(&pin).map_err(|cause| row.err(RowProblem::PinHash { cause }))?;
        plan.users.push(User {
            badge,
            name: row.text("name").to_string(),
            role,
            pin_hash,
            failed_pins: 0,
            locked_until: None,
            language,
        });
    }
    Ok(())
}
