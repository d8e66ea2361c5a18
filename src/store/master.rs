//! Master data rows: items, locations, work centers, BOMs, routings and users.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{BadValue, DecimalText, Money, Quantity, Result, StoreError, StoredWord, opt_bool};
use crate::domain::codes::ItemCode;
use crate::domain::master::{
    Bom, BomLine, Item, ItemType, Location, LocationKind, MasterData, Per, Routing,
    RoutingOperation, Tracking, WorkCenter,
};
use crate::domain::uom::{Conversions, UomConversion};

mod users;

pub use users::{
    LanguageColumn, User, clear_demo, clear_pin_lock, give_back_pin_place, is_demo, mark_demo,
    pin_record, set_pin_count, take_pin_place, upsert_user, user, user_count,
};

fn bad(column: StoredWord, value: &str) -> StoreError {
    StoreError::Corrupt(BadValue::Word {
        column,
        value: value.to_string(),
    })
}

/// An item row as read: its words checked by [`finish_item`].
struct ItemRow {
    item: Item,
    item_type: String,
    tracking: String,
}

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        item: Item {
            item: r.get(0)?,
            description: r.get(1)?,
            uom: r.get(2)?,
            decimals: r.get(3)?,
            item_type: ItemType::Stock,
            tracking: Tracking::None,
            backflush: r.get::<_, i64>(6)? != 0,
            std_cost: r.get(7)?,
        },
        item_type: r.get(4)?,
        tracking: r.get(5)?,
    })
}

fn finish_item(row: ItemRow) -> Result<Item> {
    let ItemRow {
        mut item,
        item_type,
        tracking,
    } = row;
    item.item_type =
        ItemType::parse(&item_type).ok_or_else(|| bad(StoredWord::ItemType, &item_type))?;
    item.tracking =
        Tracking::parse(&tracking).ok_or_else(|| bad(StoredWord::Tracking, &tracking))?;
    Ok(item)
}

const ITEM_COLUMNS: &str =
    "item, description, uom, decimals, item_type, tracking, backflush, std_cost";

/// One item.
///
/// # Errors
/// SQLite fails.
pub fn item(conn: &Connection, code: &str) -> Result<Option<Item>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {ITEM_COLUMNS} FROM items WHERE item = ?1"))?;
    stmt.query_row([code], item_from_row)
        .optional()?
        .map(finish_item)
        .transpose()
}

/// The count of master data changes (imports), for caches.
///
/// # Errors
/// SQLite fails.
pub fn master_version(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'master_version'")?
        .query_row([], |r| r.get(0))?)
}

/// Marks master data as changed (inside the import's transaction).
///
/// # Errors
/// SQLite fails.
pub fn bump_master_version(conn: &Connection) -> Result<()> {
    conn.prepare_cached("UPDATE meta SET value = value + 1 WHERE key = 'master_version'")?
        .execute([])?;
    Ok(())
}

/// One work center.
///
/// # Errors
/// SQLite fails.
pub fn work_center(conn: &Connection, code: &str) -> Result<Option<WorkCenter>> {
    let mut stmt = conn.prepare_cached(
        "SELECT work_center, description, location, labor_rate, overhead_rate, backflush
         FROM work_centers WHERE work_center = ?1",
    )?;
    Ok(stmt.query_row([code], work_center_from_row).optional()?)
}

fn work_center_from_row(r: &Row<'_>) -> rusqlite::Result<WorkCenter> {
    Ok(WorkCenter {
        work_center: r.get(0)?,
        description: r.get(1)?,
        location: r.get(2)?,
        labor_rate: r.get(3)?,
        overhead_rate: r.get(4)?,
        backflush: r.get::<_, i64>(5)? != 0,
    })
}

/// All work centers, in the order they were first imported ("the first work center" is the
/// first row of work_centers.csv).
///
/// # Errors
/// SQLite fails.
pub fn work_centers(conn: &Connection) -> Result<Vec<WorkCenter>> {
    let mut stmt = conn.prepare_cached(
        "SELECT work_center, description, location, labor_rate, overhead_rate, backflush
         FROM work_centers ORDER BY rowid",
    )?;
    let rows = stmt
        .query_map([], work_center_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whether a location exists.
///
/// # Errors
/// SQLite fails.
pub fn location_exists(conn: &Connection, code: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM locations WHERE location = ?1")?;
    Ok(stmt.exists([code])?)
}

/// An item's standard cost (the journal values movements at it).
///
/// # Errors
/// SQLite fails, or the item does not exist.
pub fn std_cost(conn: &Connection, item: &str) -> Result<Money> {
    Ok(conn
        .prepare_cached("SELECT std_cost FROM items WHERE item = ?1")?
        .query_row([item], |r| r.get(0))?)
}

/// The kind of a location, if it exists.
///
/// # Errors
/// SQLite fails or holds a bad kind.
pub fn location_kind(conn: &Connection, code: &str) -> Result<Option<LocationKind>> {
    let kind: Option<String> = conn
        .prepare_cached("SELECT kind FROM locations WHERE location = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    kind.map(|k| LocationKind::parse(&k).ok_or_else(|| bad(StoredWord::LocationKind, &k)))
        .transpose()
}

/// Every master data row, for an import to validate against.
///
/// # Errors
/// SQLite fails or holds a bad value.
pub fn load_all(conn: &Connection) -> Result<MasterData> {
    let mut data = MasterData::default();
    let mut stmt = conn.prepare(&format!("SELECT {ITEM_COLUMNS} FROM items"))?;
    for row in stmt.query_map([], item_from_row)? {
        let item = finish_item(row?)?;
        data.items.insert(item.item.clone(), item);
    }
    load_locations(conn, &mut data)?;
    for wc in work_centers(conn)? {
        data.work_centers.insert(wc.work_center.clone(), wc);
    }
    load_boms(conn, &mut data)?;
    load_routings(conn, &mut data)?;
    data.conversions = conversions(conn)?;
    Ok(data)
}

/// The locations with their kinds.
fn load_locations(conn: &Connection, data: &mut MasterData) -> Result<()> {
    let mut stmt = conn.prepare("SELECT location, description, kind FROM locations")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (location, description, kind) = row?;
        let kind =
            LocationKind::parse(&kind).ok_or_else(|| bad(StoredWord::LocationKind, &kind))?;
        data.locations.insert(
            location.clone().into(),
            Location {
                location: location.into(),
                description,
                kind,
            },
        );
    }
    Ok(())
}

/// The BOMs with their lines.
fn load_boms(conn: &Connection, data: &mut MasterData) -> Result<()> {
    let mut stmt = conn.prepare("SELECT parent, revision, base_qty FROM boms")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Quantity>(2)?,
        ))
    })? {
        let (parent, revision, base): (String, String, Quantity) = row?;
        data.boms.insert(
            (ItemCode::from(parent.as_str()), revision.clone()),
            Bom {
                parent: parent.into(),
                revision,
                base_qty: base,
                lines: Vec::new(),
            },
        );
    }
    let mut stmt = conn.prepare(
        "SELECT parent, revision, line, component, qty, per, scrap_pct, operation, backflush, supply_location,
           uom
         FROM bom_lines",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            BomLine {
                line: r.get(2)?,
                component: r.get(3)?,
                qty: r.get(4)?,
                per: Per::Unit,
                scrap_pct: r.get::<_, DecimalText>(6)?.0,
                operation: r.get(7)?,
                backflush: opt_bool(r.get(8)?),
                supply_location: r.get(9)?,
                uom: r.get(10)?,
            },
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (parent, revision, mut line, per) = row?;
        line.per = Per::parse(&per).ok_or_else(|| bad(StoredWord::Per, &per))?;
        if let Some(bom) = data.boms.get_mut(&(ItemCode::from(parent), revision)) {
            bom.lines.push(line);
        }
    }
    Ok(())
}

/// The routings with their operations, in operation order.
fn load_routings(conn: &Connection, data: &mut MasterData) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT parent, revision, operation, work_center, setup_hours, run_hours, count_point
         FROM routing_operations ORDER BY parent, revision, operation",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            RoutingOperation {
                operation: r.get(2)?,
                work_center: r.get(3)?,
                setup_hours: r.get(4)?,
                run_hours: r.get(5)?,
                count_point: r.get::<_, i64>(6)? != 0,
            },
        ))
    })?;
    for row in rows {
        let (parent, revision, op) = row?;
        data.routings
            .entry((ItemCode::from(parent.as_str()), revision.clone()))
            .or_insert_with(|| Routing {
                parent: parent.into(),
                revision,
                operations: Vec::new(),
            })
            .operations
            .push(op);
    }
    Ok(())
}

/// The unit conversions.
///
/// # Errors
/// SQLite fails or holds rows that disagree.
pub fn conversions(conn: &Connection) -> Result<Conversions> {
    let mut out = Conversions::default();
    let mut stmt = conn.prepare("SELECT item, from_uom, to_uom, factor FROM uom_conversions")?;
    let rows = stmt.query_map([], |r| {
        Ok(UomConversion {
            item: Some(r.get::<_, String>(0)?).filter(|i| !i.is_empty()),
            from_uom: r.get(1)?,
            to_uom: r.get(2)?,
            factor: r.get::<_, DecimalText>(3)?.0,
        })
    })?;
    for row in rows {
        let c = row?;
        let clash = BadValue::Conversion {
            from: c.from_uom.clone(),
            to: c.to_uom.clone(),
        };
        out.insert(c).map_err(|_| StoreError::Corrupt(clash))?;
    }
    Ok(out)
}

/// Replaces every unit conversion with `conversions`.
///
/// # Errors
/// SQLite fails.
pub fn replace_conversions(conn: &Connection, conversions: &Conversions) -> Result<()> {
    conn.execute("DELETE FROM uom_conversions", [])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO uom_conversions (item, from_uom, to_uom, factor) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in conversions.rows() {
        stmt.execute(params![
            c.item.unwrap_or_default(),
            c.from_uom,
            c.to_uom,
            DecimalText(c.factor)
        ])?;
    }
    Ok(())
}

/// Inserts or updates an item.
///
/// # Errors
/// SQLite fails.
pub fn upsert_item(conn: &Connection, i: &Item) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO items ({ITEM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (item) DO UPDATE SET description = excluded.description, uom = excluded.uom,
           decimals = excluded.decimals, item_type = excluded.item_type, tracking = excluded.tracking,
           backflush = excluded.backflush, std_cost = excluded.std_cost"
    ))?
    .execute(params![
        i.item,
        i.description,
        i.uom,
        i.decimals,
        i.item_type.as_str(),
        i.tracking.as_str(),
        i.backflush,
        i.std_cost
    ])?;
    Ok(())
}

/// Inserts or updates a location.
///
/// # Errors
/// SQLite fails.
pub fn upsert_location(conn: &Connection, l: &Location) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO locations (location, description, kind) VALUES (?1, ?2, ?3)
         ON CONFLICT (location) DO UPDATE SET description = excluded.description, kind = excluded.kind",
    )?
    .execute(params![l.location, l.description, l.kind.as_str()])?;
    Ok(())
}

/// Inserts or updates a work center.
///
/// # Errors
/// SQLite fails.
pub fn upsert_work_center(conn: &Connection, w: &WorkCenter) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO work_centers (work_center, description, location, labor_rate, overhead_rate, backflush)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (work_center) DO UPDATE SET description = excluded.description,
           location = excluded.location, labor_rate = excluded.labor_rate,
           overhead_rate = excluded.overhead_rate, backflush = excluded.backflush",
    )?
    .execute(params![
        w.work_center,
        w.description,
        w.location,
        w.labor_rate,
        w.overhead_rate,
        w.backflush
    ])?;
    Ok(())
}

/// Replaces the BOM of a parent revision.
///
/// # Errors
/// SQLite fails.
pub fn replace_bom(conn: &Connection, bom: &Bom) -> Result<()> {
    conn.execute(
        "DELETE FROM bom_lines WHERE parent = ?1 AND revision = ?2",
        params![bom.parent, bom.revision],
    )?;
    conn.execute(
        "INSERT INTO boms (parent, revision, base_qty) VALUES (?1, ?2, ?3)
         ON CONFLICT (parent, revision) DO UPDATE SET base_qty = excluded.base_qty",
        params![bom.parent, bom.revision, bom.base_qty],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO bom_lines (parent, revision, line, component, qty, per, scrap_pct, operation, backflush, supply_location,
           uom)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for l in &bom.lines {
        stmt.execute(params![
            bom.parent,
            bom.revision,
            l.line,
            l.component,
            l.qty,
            l.per.as_str(),
            DecimalText(l.scrap_pct),
            l.operation,
            l.backflush,
            l.supply_location,
            l.uom
        ])?;
    }
    Ok(())
}

/// Replaces the routing of a parent revision.
///
/// # Errors
/// SQLite fails.
pub fn replace_routing(conn: &Connection, routing: &Routing) -> Result<()> {
    conn.execute(
        "DELETE FROM routing_operations WHERE parent = ?1 AND revision = ?2",
        params![routing.parent, routing.revision],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO routing_operations (parent, revision, operation, work_center, setup_hours, run_hours, count_point)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for o in &routing.operations {
        stmt.execute(params![
            routing.parent,
            routing.revision,
            o.operation,
            o.work_center,
            o.setup_hours,
            o.run_hours,
            o.count_point
        ])?;
    }
    Ok(())
}

/// Stock items whose code or description contains `text` (any case), by code: what a pick
/// list offers as the user types. At most `limit`.
///
/// # Errors
/// SQLite fails.
pub fn search_items(conn: &Connection, text: &str, limit: i64) -> Result<Vec<(String, String)>> {
    let pattern = format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    Ok(conn
        .prepare_cached(
            "SELECT item, description FROM items
             WHERE item_type = 'stock' AND (item LIKE ?1 ESCAPE '\\' OR description LIKE ?1 ESCAPE '\\')
             ORDER BY item LIMIT ?2",
        )?
        .query_map(params![pattern, limit], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
