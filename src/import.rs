//! `backflush import DIR` (SPEC §5): reads the CSV files of a directory, validates every row
//! against the files and the stored master data, releases new orders, and writes it all in
//! one transaction. Any bad row refuses the whole import with `FILE:LINE: what is wrong`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_decimal::Decimal;
use thiserror::Error;

use crate::domain::journal::{AccountNames, inventory_account};
use crate::domain::lots;
use crate::domain::master::{
    Bom, BomLine, Item, ItemType, Location, LocationKind, MasterData, Per, Routing,
    RoutingOperation, Tracking, WorkCenter, compare_revisions,
};
use crate::domain::order::{self, Order, find_cycle};
use crate::domain::qty::{canonical, fits_decimals};
use crate::domain::uom::{ConversionConflict, Conversions, UomConversion};
use crate::store::master::User;
use crate::store::{self, Stamp, Store, StoreError};

pub mod reader;

/// Why an import was refused; nothing was written.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{file}:{line}: {message}")]
    Row {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{0}")]
    Other(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// Rows read per file, in import order.
    pub files: Vec<(String, usize)>,
    pub orders_released: usize,
    pub warnings: Vec<String>,
}

/// The files an import reads, in the order their references need.
pub const FILES: [&str; 9] = [
    "locations.csv",
    "items.csv",
    "uom_conversions.csv",
    "work_centers.csv",
    "boms.csv",
    "routings.csv",
    "users.csv",
    "orders.csv",
    "stock.csv",
];

fn columns(file: &str) -> &'static [&'static str] {
    match file {
        "items.csv" => &[
            "item",
            "description",
            "uom",
            "decimals",
            "type",
            "tracking",
            "backflush",
            "std_cost",
        ],
        "locations.csv" => &["location", "description", "kind"],
        "work_centers.csv" => &[
            "work_center",
            "description",
            "location",
            "labor_rate",
            "overhead_rate",
            "backflush",
        ],
        "boms.csv" => &[
            "parent",
            "revision",
            "base_qty",
            "line",
            "component",
            "qty",
            "per",
            "scrap_pct",
            "operation",
            "backflush",
            "supply_location",
            "uom",
        ],
        "uom_conversions.csv" => &["item", "from_uom", "to_uom", "factor"],
        "routings.csv" => &[
            "parent",
            "revision",
            "operation",
            "work_center",
            "setup_hours",
            "run_hours",
            "count_point",
        ],
        "orders.csv" => &[
            "order",
            "item",
            "revision",
            "qty",
            "due",
            "completion_location",
        ],
        "stock.csv" => &["item", "location", "qty", "lot", "expires"],
        "users.csv" => &["badge", "name", "role", "pin"],
        _ => &[],
    }
}

/// The columns that have no default.
fn required_columns(file: &str) -> &'static [&'static str] {
    match file {
        "items.csv" => &["item"],
        "locations.csv" => &["location"],
        "work_centers.csv" => &["work_center", "location"],
        "boms.csv" => &["parent", "line", "component", "qty"],
        "uom_conversions.csv" => &["from_uom", "to_uom", "factor"],
        "routings.csv" => &["parent", "operation", "work_center"],
        "orders.csv" => &["order", "item", "qty"],
        "stock.csv" => &["item", "location", "qty"],
        "users.csv" => &["badge", "role", "pin"],
        _ => &[],
    }
}

/// One data row of a file, its fields by column name.
struct Row<'a> {
    file: &'a str,
    line: u64,
    fields: HashMap<&'static str, String>,
}

impl Row<'_> {
    fn err(&self, message: impl Into<String>) -> ImportError {
        ImportError::Row {
            file: self.file.to_string(),
            line: self.line,
            message: message.into(),
        }
    }

    fn text(&self, column: &str) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }

    fn opt(&self, column: &str) -> Option<String> {
        Some(self.text(column).to_string()).filter(|s| !s.is_empty())
    }

    fn required(&self, column: &str) -> Result<String, ImportError> {
        self.opt(column)
            .ok_or_else(|| self.err(format!("{column} is missing")))
    }

    fn decimal(&self, column: &str, default: Option<Decimal>) -> Result<Decimal, ImportError> {
        let text = self.text(column);
        if text.is_empty() {
            return default.ok_or_else(|| self.err(format!("{column} is missing")));
        }
        let value = crate::domain::qty::parse_quantity(text)
            .map_err(|e| self.err(format!("{column} {text:?} {e}")))?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(self.err(format!("{column} {text} is negative")));
        }
        if value >= crate::domain::backflush::LIMIT {
            return Err(self.err(format!(
                "{column} {text} is too large (the limit is {})",
                canonical(crate::domain::backflush::LIMIT - Decimal::ONE)
            )));
        }
        Ok(value)
    }

    fn positive(&self, column: &str, default: Option<Decimal>) -> Result<Decimal, ImportError> {
        let value = self.decimal(column, default)?;
        if value.is_zero() {
            return Err(self.err(format!("{column} must be greater than zero")));
        }
        Ok(value)
    }

    fn flag(&self, column: &str) -> Result<Option<bool>, ImportError> {
        match self.text(column).to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "yes" | "y" | "true" | "1" => Ok(Some(true)),
            "no" | "n" | "false" | "0" => Ok(Some(false)),
            other => Err(self.err(format!("{column} {other:?} is not yes or no"))),
        }
    }

    fn word<T>(
        &self,
        column: &str,
        default: T,
        parse: fn(&str) -> Option<T>,
        words: &str,
    ) -> Result<T, ImportError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(default);
        }
        parse(&text.to_ascii_lowercase())
            .ok_or_else(|| self.err(format!("{column} {text:?} is not one of: {words}")))
    }

    fn integer(&self, column: &str) -> Result<Option<i64>, ImportError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<i64>().map(Some).map_err(|e| {
            let why = match e.kind() {
                std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                    "is too large"
                }
                _ => "is not a whole number",
            };
            self.err(format!("{column} {text:?} {why}"))
        })
    }

    fn within_decimals(
        &self,
        column: &str,
        value: Decimal,
        item: &Item,
    ) -> Result<(), ImportError> {
        if fits_decimals(value, item.decimals) {
            Ok(())
        } else {
            Err(self.err(format!(
                "{column} {} has too many decimals for {} ({} allows {})",
                canonical(value),
                item.item,
                item.uom,
                item.decimals
            )))
        }
    }
}

fn read_file<'a>(dir: &Path, file: &'a str) -> Result<Option<Vec<Row<'a>>>, ImportError> {
    let path = dir.join(file);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|e| ImportError::Other(format!("{}: cannot read: {e}", path.display())))?;
    let row_err = |line: u64, message: String| ImportError::Row {
        file: file.to_string(),
        line,
        message,
    };
    let mut records = reader::records(&text);
    let header = match records.next() {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(row_err(e.line, e.message)),
        None => reader::Record {
            line: 1,
            fields: csv::StringRecord::new(),
        },
    };
    let header_err = |message: String| row_err(header.line, message);
    let expected = columns(file);
    let mut index: Vec<&'static str> = Vec::new();
    for h in &header.fields {
        let h = h.to_ascii_lowercase();
        let Some(col) = expected.iter().find(|c| **c == h) else {
            return Err(header_err(format!(
                "unknown column {h:?} (expected {})",
                expected.join(", ")
            )));
        };
        if index.contains(col) {
            return Err(header_err(format!("column {h:?} appears twice")));
        }
        index.push(col);
    }
    // A column left out is blank on every row (its default); one that has no default must
    // be there.
    if let Some(missing) = required_columns(file).iter().find(|c| !index.contains(c)) {
        return Err(header_err(format!("column {missing:?} is missing")));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| row_err(e.line, e.message))?;
        if record.is_blank() {
            continue;
        }
        let line = record.line;
        if record.fields.len() != index.len() {
            return Err(row_err(
                line,
                format!(
                    "the row has {} fields; the header row has {} ({})",
                    record.fields.len(),
                    index.len(),
                    index.join(", ")
                ),
            ));
        }
        // A code or description is printed on terminals: it may not drive them (SPEC §13).
        let control = index.iter().zip(record.fields.iter()).find_map(|(c, v)| {
            v.chars()
                .find(|ch| crate::domain::text::is_control(*ch))
                .map(|ch| (c, ch))
        });
        if let Some((column, ch)) = control {
            return Err(row_err(
                line,
                format!(
                    "{column} holds the control character U+{:04X}; codes and descriptions must be printable text",
                    u32::from(ch)
                ),
            ));
        }
        let fields = index
            .iter()
            .zip(record.fields.iter())
            .map(|(c, v)| (*c, v.to_string()))
            .collect();
        rows.push(Row { file, line, fields });
    }
    Ok(Some(rows))
}

/// Everything an import will write, validated.
#[derive(Default)]
struct Plan {
    master: MasterData,
    items: Vec<Item>,
    locations: Vec<Location>,
    work_centers: Vec<WorkCenter>,
    boms: Vec<Bom>,
    routings: Vec<Routing>,
    users: Vec<User>,
    orders: Vec<Order>,
    stock: Vec<StockRow>,
    /// Each lot's expiry given in `stock.csv` (item, lot) → expiry.
    expiries: Vec<(String, String, Option<String>)>,
    /// Whether `uom_conversions.csv` was read (then every conversion is written).
    conversions: bool,
    summary: ImportSummary,
}

/// Imports the CSV files of `dir` into the store, all or nothing.
///
/// # Errors
/// The first bad row, as `FILE:LINE: what is wrong`; nothing is written.
pub fn import_dir(
    store: &mut Store,
    dir: &Path,
    stamp: &Stamp,
    accounts: &AccountNames,
    settings: Option<&[(String, String)]>,
) -> Result<ImportSummary, ImportError> {
    if !dir.is_dir() {
        return Err(ImportError::Other(format!(
            "{} is not a directory",
            dir.display()
        )));
    }
    let mut plan = Plan {
        master: store::master::load_all(store.conn())?,
        ..Plan::default()
    };
    let mut any = settings.is_some();
    if let Some(rows) = settings {
        plan.summary
            .files
            .push(("settings.toml".to_string(), rows.len()));
    }
    for file in FILES {
        let Some(rows) = read_file(dir, file)? else {
            continue;
        };
        any = true;
        plan.summary.files.push((file.to_string(), rows.len()));
        match file {
            "locations.csv" => read_locations(&mut plan, &rows)?,
            "items.csv" => read_items(&mut plan, &rows)?,
            "uom_conversions.csv" => read_conversions(&mut plan, &rows)?,
            "work_centers.csv" => read_work_centers(&mut plan, &rows)?,
            "boms.csv" => read_boms(&mut plan, &rows)?,
            "routings.csv" => read_routings(&mut plan, &rows)?,
            "users.csv" => read_users(&mut plan, &rows)?,
            "orders.csv" => read_orders(store, &mut plan, &rows)?,
            _ => read_stock(&mut plan, &rows)?,
        }
    }
    if !any {
        return Err(ImportError::Other(format!(
            "{} holds none of the import files ({}, settings.toml)",
            dir.display(),
            FILES.join(", ")
        )));
    }
    let kinds: HashMap<String, LocationKind> = plan
        .master
        .locations
        .iter()
        .map(|(k, l)| (k.clone(), l.kind))
        .collect();
    store.write(|tx| -> Result<(), ImportError> {
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
            store::master::upsert_user(tx, u)?;
        }
        for o in &plan.orders {
            store::orders::insert_order(tx, o, stamp.at_text())?;
        }
        for (item, lot, expires) in &plan.expiries {
            store::ledger::set_lot_expiry(tx, item, lot, expires.as_deref(), stamp.at_text())?;
        }
        for StockRow {
            item,
            location,
            lot,
            qty,
        } in &plan.stock
        {
            let account = inventory_account(
                kinds
                    .get(location)
                    .copied()
                    .unwrap_or(LocationKind::Storage),
            );
            store::ledger::adjust_to(
                tx,
                item,
                location,
                lot.as_deref(),
                *qty,
                "opening balance (stock.csv)",
                stamp,
                accounts,
                account,
            )?;
        }
        store::outbox::record(tx, stamp, store::outbox::Posting::Import)?;
        Ok(())
    })?;
    plan.summary.orders_released = plan.orders.len();
    Ok(plan.summary)
}

fn unique<'a>(
    seen: &mut HashSet<String>,
    row: &Row<'a>,
    key: String,
    what: &str,
) -> Result<(), ImportError> {
    if seen.insert(key.clone()) {
        Ok(())
    } else {
        Err(row.err(format!("duplicate {what} {key}")))
    }
}

fn read_locations(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
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
            location: location.clone(),
            description: row.text("description").to_string(),
            kind,
        };
        plan.master.locations.insert(location, l.clone());
        plan.locations.push(l);
    }
    Ok(())
}

fn read_items(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
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
            item: item.clone(),
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
        plan.master.items.insert(item, i.clone());
        plan.items.push(i);
    }
    Ok(())
}

fn read_work_centers(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let work_center = row.required("work_center")?;
        unique(&mut seen, row, work_center.clone(), "work center")?;
        let location = row.required("location")?;
        if !plan.master.locations.contains_key(&location) {
            return Err(row.err(format!("unknown location {location}")));
        }
        let w = WorkCenter {
            work_center: work_center.clone(),
            description: row.text("description").to_string(),
            location,
            labor_rate: row.decimal("labor_rate", Some(Decimal::ZERO))?,
            overhead_rate: row.decimal("overhead_rate", Some(Decimal::ZERO))?,
            backflush: row.flag("backflush")?.unwrap_or(true),
        };
        plan.master.work_centers.insert(work_center, w.clone());
        plan.work_centers.push(w);
    }
    Ok(())
}

fn read_boms(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut boms: Vec<Bom> = Vec::new();
    let mut first_line: HashMap<(String, String), u64> = HashMap::new();
    let mut edge_lines: HashMap<(String, String), u64> = HashMap::new();
    let mut seen = HashSet::new();
    for row in rows {
        let parent = row.required("parent")?;
        let revision = row.opt("revision").unwrap_or_else(|| "1".to_string());
        let line = row.required("line")?;
        unique(
            &mut seen,
            row,
            format!("{parent} revision {revision} line {line}"),
            "BOM line",
        )?;
        let parent_item = plan
            .master
            .items
            .get(&parent)
            .ok_or_else(|| row.err(format!("unknown item {parent}")))?;
        let _ = parent_item;
        let component = row.required("component")?;
        let comp = plan
            .master
            .items
            .get(&component)
            .ok_or_else(|| row.err(format!("unknown item {component}")))?;
        if component == parent {
            return Err(row.err(format!("BOM cycle: {parent} → {parent}")));
        }
        let per = row.word("per", Per::Unit, Per::parse, Per::words())?;
        if comp.item_type == ItemType::Phantom && per != Per::Unit {
            return Err(row.err(format!(
                "phantom {component} must be per unit, not per {per}"
            )));
        }
        let supply_location = row.opt("supply_location");
        if let Some(l) = &supply_location
            && !plan.master.locations.contains_key(l)
        {
            return Err(row.err(format!("unknown location {l}")));
        }
        let base_qty = row.positive("base_qty", Some(Decimal::ONE))?;
        let qty = row.positive("qty", None)?;
        let uom = row.opt("uom");
        if let Some(u) = &uom {
            let ratio = plan
                .master
                .conversions
                .ratio(&component, u, &comp.uom)
                .ok_or_else(|| {
                    row.err(format!(
                        "line {line}: no conversion from {u} to {} (the unit of {component}) in uom_conversions.csv",
                        comp.uom
                    ))
                })?;
            let (num, den) = (ratio.num, ratio.den);
            if qty.checked_mul(num).is_none() || base_qty.checked_mul(den).is_none() {
                return Err(row.err(format!(
                    "line {line}: {} {u} converted to {} overflows (factor {} / {})",
                    canonical(qty),
                    comp.uom,
                    canonical(num),
                    canonical(den)
                )));
            }
        }
        let bom_line = BomLine {
            line,
            component: component.clone(),
            qty,
            per,
            scrap_pct: row.decimal("scrap_pct", Some(Decimal::ZERO))?,
            operation: row.integer("operation")?,
            backflush: row.flag("backflush")?,
            supply_location,
            uom,
        };
        edge_lines
            .entry((parent.clone(), component))
            .or_insert(row.line);
        let key = (parent.clone(), revision.clone());
        match boms
            .iter_mut()
            .find(|b| b.parent == parent && b.revision == revision)
        {
            Some(b) if b.base_qty != base_qty => {
                return Err(row.err(format!(
                    "base_qty {} differs from {} on line {} of the same BOM",
                    canonical(base_qty),
                    canonical(b.base_qty),
                    first_line.get(&key).copied().unwrap_or(0)
                )));
            }
            Some(b) => b.lines.push(bom_line),
            None => {
                first_line.insert(key, row.line);
                boms.push(Bom {
                    parent,
                    revision,
                    base_qty,
                    lines: vec![bom_line],
                });
            }
        }
    }
    for b in &boms {
        plan.master
            .boms
            .insert((b.parent.clone(), b.revision.clone()), b.clone());
    }
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    for b in plan.master.boms.values() {
        let list = edges.entry(b.parent.clone()).or_default();
        list.extend(b.lines.iter().map(|l| l.component.clone()));
        list.sort();
        list.dedup();
    }
    if let Some(cycle) = find_cycle(&edges) {
        let line = cycle
            .windows(2)
            .find_map(|w| edge_lines.get(&(w[0].clone(), w[1].clone())).copied())
            .unwrap_or(1);
        return Err(ImportError::Row {
            file: "boms.csv".to_string(),
            line,
            message: format!("BOM cycle: {}", cycle.join(" → ")),
        });
    }
    plan.boms = boms;
    Ok(())
}

fn read_conversions(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    plan.conversions = true;
    // The file's rows replace the stored rows of their pairs (in either direction); rows of
    // the file must agree with each other.
    let mut file = Conversions::default();
    for row in rows {
        let item = row.opt("item");
        if let Some(i) = &item
            && !plan.master.items.contains_key(i)
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

fn read_routings(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut routings: Vec<Routing> = Vec::new();
    let mut seen = HashSet::new();
    for row in rows {
        let parent = row.required("parent")?;
        if !plan.master.items.contains_key(&parent) {
            return Err(row.err(format!("unknown item {parent}")));
        }
        let revision = row.opt("revision").unwrap_or_else(|| "1".to_string());
        let operation = row
            .integer("operation")?
            .ok_or_else(|| row.err("operation is missing"))?;
        unique(
            &mut seen,
            row,
            format!("{parent} revision {revision} operation {operation}"),
            "routing operation",
        )?;
        let work_center = row.required("work_center")?;
        if !plan.master.work_centers.contains_key(&work_center) {
            return Err(row.err(format!("unknown work center {work_center}")));
        }
        let op = RoutingOperation {
            operation,
            work_center,
            setup_hours: row.decimal("setup_hours", Some(Decimal::ZERO))?,
            run_hours: row.decimal("run_hours", Some(Decimal::ZERO))?,
            count_point: row.flag("count_point")?.unwrap_or(true),
        };
        match routings
            .iter_mut()
            .find(|r| r.parent == parent && r.revision == revision)
        {
            Some(r) => r.operations.push(op),
            None => routings.push(Routing {
                parent,
                revision,
                operations: vec![op],
            }),
        }
    }
    for r in &routings {
        plan.master
            .routings
            .insert((r.parent.clone(), r.revision.clone()), r.clone());
    }
    plan.routings = routings;
    Ok(())
}

fn read_users(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
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
        let pin_hash = crate::service::auth::hash_pin(&pin).map_err(|e| row.err(e))?;
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

fn read_orders(store: &Store, plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for row in rows {
        let id = row.required("order")?;
        unique(&mut seen, row, id.clone(), "order")?;
        let item_code = row.required("item")?;
        let item = plan
            .master
            .items
            .get(&item_code)
            .ok_or_else(|| row.err(format!("unknown item {item_code}")))?;
        if item.item_type == ItemType::Phantom {
            return Err(row.err(format!(
                "item {item_code} is a phantom and cannot be produced on an order"
            )));
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
                .ok_or_else(|| row.err(format!("item {item_code} has no routing")))?,
        };
        let due = match row.opt("due") {
            Some(d) => Some(
                chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|_| row.err(format!("due {d:?} is not a date (YYYY-MM-DD)")))?,
            ),
            None => None,
        };
        let completion_location = match row.opt("completion_location") {
            Some(l) => l,
            None => {
                let mut finished: Vec<&String> = plan
                    .master
                    .locations
                    .values()
                    .filter(|l| l.kind == LocationKind::Finished)
                    .map(|l| &l.location)
                    .collect();
                finished.sort();
                finished
                    .first()
                    .map(|l| (*l).clone())
                    .ok_or_else(|| row.err("completion_location is missing"))?
            }
        };
        if !plan.master.locations.contains_key(&completion_location) {
            return Err(row.err(format!("unknown location {completion_location}")));
        }
        if let Some((s_item, s_rev, s_qty, s_due, s_loc)) =
            store::orders::order_header(store.conn(), &id)?
        {
            let changed = s_item != item_code
                || s_rev != revision
                || s_qty != qty
                || s_due != due.map(|d| d.to_string())
                || s_loc != completion_location;
            if changed {
                plan.summary.warnings.push(format!(
                    "{}:{}: order {id} is already released; its changed row is ignored (the order keeps its snapshot)",
                    row.file, row.line
                ));
            }
            continue;
        }
        let (operations, materials) = order::release(&plan.master, &item_code, &revision)
            .map_err(|e| row.err(format!("order {id}: {e}")))?;
        plan.orders.push(Order {
            order: id,
            item: item_code,
            revision,
            qty,
            due,
            completion_location,
            operations,
            materials,
        });
    }
    Ok(())
}

/// One `stock.csv` balance: of one lot for a tracked item (`""` the unknown lot).
struct StockRow {
    item: String,
    location: String,
    lot: Option<String>,
    qty: Decimal,
}

fn read_stock(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    let mut expiries: HashMap<(String, String), Option<String>> = HashMap::new();
    for row in rows {
        let item_code = row.required("item")?;
        let item = plan
            .master
            .items
            .get(&item_code)
            .ok_or_else(|| row.err(format!("unknown item {item_code}")))?;
        let location = row.required("location")?;
        if !plan.master.locations.contains_key(&location) {
            return Err(row.err(format!("unknown location {location}")));
        }
        let lot_text = row.opt("lot");
        let expires = row.opt("expires");
        let tracked = item.tracking != Tracking::None;
        if !tracked && let Some(lot) = &lot_text {
            return Err(row.err(format!(
                "item {item_code} is not lot- or serial-tracked and takes no lot ({lot})"
            )));
        }
        if !tracked && let Some(e) = &expires {
            return Err(row.err(format!(
                "item {item_code} is not lot- or serial-tracked and takes no expiry ({e})"
            )));
        }
        if let Some(e) = &expires
            && lots::parse_date(e).is_none()
        {
            return Err(row.err(format!("expires {e:?} is not a date (YYYY-MM-DD)")));
        }
        let lot = tracked.then(|| lot_text.unwrap_or_default());
        let key = match &lot {
            Some(l) => format!("{item_code} lot {l:?} at {location}"),
            None => format!("{item_code} at {location}"),
        };
        unique(&mut seen, row, key, "balance of")?;
        if item.item_type == ItemType::Phantom {
            return Err(row.err(format!("item {item_code} is a phantom and holds no stock")));
        }
        let qty = row.decimal("qty", None)?;
        row.within_decimals("qty", qty, item)?;
        if item.tracking == Tracking::Serial && qty > Decimal::ONE {
            return Err(row.err(format!(
                "serial {:?} of {item_code}: a serial's qty is 0 or 1, not {}",
                lot.clone().unwrap_or_default(),
                canonical(qty)
            )));
        }
        if let Some(l) = &lot {
            let k = (item_code.clone(), l.clone());
            match expiries.get(&k) {
                Some(before) if expires.is_some() && before.is_some() && *before != expires => {
                    return Err(row.err(format!(
                        "lot {l:?} of {item_code} is given two expiries ({} and {})",
                        before.clone().unwrap_or_default(),
                        expires.clone().unwrap_or_default()
                    )));
                }
                Some(Some(_)) => {}
                _ => {
                    expiries.insert(k, expires.clone());
                }
            }
        }
        plan.stock.push(StockRow {
            item: item_code,
            location,
            lot,
            qty,
        });
    }
    let mut list: Vec<(String, String, Option<String>)> = expiries
        .into_iter()
        .filter(|(_, e)| e.is_some())
        .map(|((i, l), e)| (i, l, e))
        .collect();
    list.sort();
    plan.expiries = list;
    Ok(())
}
