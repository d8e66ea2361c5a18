//! Released orders: their snapshot of BOM and routing, and the progress of their reports.

use crate::domain::codes::{ItemCode, OrderNo};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{BadValue, DecimalText, Quantity, Result, StoreError, StoredWord, opt_bool};
use crate::domain::backflush::{LineProgress, OperationProgress, Progress};
use crate::domain::master::Per;
use crate::domain::order::{Order, OrderMaterial, OrderOperation};
use crate::domain::posting::StoredLineProgress;
use crate::domain::uom::Ratio;

/// What a stored order was released as: the fields a re-import compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderHeader {
    pub item: String,
    pub revision: String,
    pub qty: Quantity,
    pub due: Option<String>,
    pub completion_location: String,
}

/// The header of a stored order, to compare with a re-imported row.
///
/// # Errors
/// SQLite fails.
pub fn order_header(conn: &Connection, order: &str) -> Result<Option<OrderHeader>> {
    Ok(conn
        .prepare_cached(
            "SELECT item, revision, qty, due, completion_location FROM orders WHERE order_id = ?1",
        )?
        .query_row([order], |r| {
            Ok(OrderHeader {
                item: r.get(0)?,
                revision: r.get(1)?,
                qty: r.get(2)?,
                due: r.get(3)?,
                completion_location: r.get(4)?,
            })
        })
        .optional()?)
}

/// Stores a newly released order with its snapshot.
///
/// # Errors
/// SQLite fails.
pub fn insert_order(conn: &Connection, order: &Order, released_at: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO orders (order_id, item, revision, qty, due, completion_location, released_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        order.order,
        order.item,
        order.revision,
        order.qty,
        order.due.map(|d| d.to_string()),
        order.completion_location,
        released_at
    ])?;
    let mut op_stmt = conn.prepare_cached(
        "INSERT INTO order_operations (order_id, operation, work_center, setup_hours, run_hours, count_point, due)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let due = order.due.map(|d| d.to_string());
    for op in &order.operations {
        op_stmt.execute(params![
            order.order,
            op.operation,
            op.work_center,
            op.setup_hours,
            op.run_hours,
            op.count_point,
            due
        ])?;
    }
    let mut m_stmt = conn.prepare_cached(
        "INSERT INTO order_materials (order_id, line, seq, component, qty, base, per, scrap_factor, operation,
           bom_backflush, order_backflush, supply_location, uom, uom_num, uom_den)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (seq, m) in order.materials.iter().enumerate() {
        m_stmt.execute(params![
            order.order,
            m.line,
            i64::try_from(seq).unwrap_or(i64::MAX),
            m.component,
            DecimalText(m.qty),
            DecimalText(m.base),
            m.per.as_str(),
            DecimalText(m.scrap_factor),
            m.operation,
            m.bom_backflush,
            m.order_backflush,
            m.supply_location,
            m.uom,
            DecimalText(m.ratio.num),
            DecimalText(m.ratio.den)
        ])?;
    }
    Ok(())
}

/// Loads a released order with its snapshot and the progress of its unreversed reports. The
/// flag says whether the lines' progress is stored; when it is not (no report was ever
/// reversed) `lines` is empty and the caller derives it (`backflush::derived_line_progress`).
///
/// # Errors
/// SQLite fails or holds a bad value.
pub fn load_order(conn: &Connection, order_id: &str) -> Result<Option<(Order, Progress, bool)>> {
    let header = conn
        .prepare_cached(
            "SELECT item, revision, qty, due, completion_location, progress_stored FROM orders WHERE order_id = ?1",
        )?
        .query_row([order_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Quantity>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
            ))
        })
        .optional()?;
    let Some((item, revision, qty, due, completion_location, stored)) = header else {
        return Ok(None);
    };
    let mut progress = Progress::default();
    let operations = load_operations(conn, order_id, &mut progress)?;
    let materials = load_materials(conn, order_id, stored, &mut progress)?;
    let order = Order {
        order: order_id.into(),
        item: item.into(),
        revision,
        qty,
        due: due.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        completion_location: completion_location.into(),
        operations,
        materials,
    };
    Ok(Some((order, progress, stored)))
}

/// An order's operations in order, their cumulative progress into `progress`.
fn load_operations(
    conn: &Connection,
    order_id: &str,
    progress: &mut Progress,
) -> Result<Vec<OrderOperation>> {
    let mut operations = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT operation, work_center, setup_hours, run_hours, count_point, good, scrap, setup_carried
         FROM order_operations WHERE order_id = ?1 ORDER BY operation",
    )?;
    let mut rows = stmt.query([order_id])?;
    while let Some(r) = rows.next()? {
        let op = OrderOperation {
            operation: r.get(0)?,
            work_center: r.get(1)?,
            setup_hours: r.get(2)?,
            run_hours: r.get(3)?,
            count_point: r.get::<_, i64>(4)? != 0,
        };
        progress.operations.insert(
            op.operation,
            OperationProgress {
                good: r.get(5)?,
                scrap: r.get(6)?,
                setup_carried: r.get(7)?,
            },
        );
        operations.push(op);
    }
    Ok(operations)
}

/// An order's material lines in BOM order; their stored progress into `progress` when the
/// order keeps it.
fn load_materials(
    conn: &Connection,
    order_id: &str,
    stored: bool,
    progress: &mut Progress,
) -> Result<Vec<OrderMaterial>> {
    let mut materials = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT line, component, qty, base, per, scrap_factor, operation, bom_backflush, order_backflush,
           supply_location, planned, carried, uom, uom_num, uom_den
         FROM order_materials WHERE order_id = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([order_id])?;
    while let Some(r) = rows.next()? {
        let per: String = r.get(4)?;
        let m = OrderMaterial {
            line: r.get(0)?,
            component: r.get(1)?,
            qty: r.get::<_, DecimalText>(2)?.0,
            base: r.get::<_, DecimalText>(3)?.0,
            per: Per::parse(&per).ok_or_else(|| {
                StoreError::Corrupt(BadValue::Word {
                    column: StoredWord::Per,
                    value: per.clone(),
                })
            })?,
            scrap_factor: r.get::<_, DecimalText>(5)?.0,
            operation: r.get(6)?,
            bom_backflush: opt_bool(r.get(7)?),
            order_backflush: opt_bool(r.get(8)?),
            supply_location: r.get(9)?,
            uom: r.get(12)?,
            ratio: Ratio {
                num: r.get::<_, DecimalText>(13)?.0,
                den: r.get::<_, DecimalText>(14)?.0,
            },
        };
        if stored {
            progress.lines.insert(
                m.line.clone(),
                LineProgress {
                    planned: r.get(10)?,
                    carried: r.get(11)?,
                },
            );
        }
        materials.push(m);
    }
    Ok(materials)
}

/// The progress of an order's unreversed reports alone (its snapshot cached elsewhere):
/// two index range reads.
///
/// # Errors
/// SQLite fails.
pub fn load_progress(conn: &Connection, order_id: &str) -> Result<(Progress, bool)> {
    let mut progress = Progress::default();
    let stored: bool = conn
        .prepare_cached("SELECT progress_stored FROM orders WHERE order_id = ?1")?
        .query_row([order_id], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT operation, good, scrap, setup_carried FROM order_operations WHERE order_id = ?1",
    )?;
    let mut rows = stmt.query([order_id])?;
    while let Some(r) = rows.next()? {
        progress.operations.insert(
            r.get(0)?,
            OperationProgress {
                good: r.get(1)?,
                scrap: r.get(2)?,
                setup_carried: r.get(3)?,
            },
        );
    }
    if stored {
        let mut stmt = conn.prepare_cached(
            "SELECT line, planned, carried FROM order_materials WHERE order_id = ?1",
        )?;
        let mut rows = stmt.query([order_id])?;
        while let Some(r) = rows.next()? {
            progress.lines.insert(
                r.get(0)?,
                LineProgress {
                    planned: r.get(1)?,
                    carried: r.get(2)?,
                },
            );
        }
    }
    Ok((progress, stored))
}

/// Stores every line's `P` and carried count (the order's first reversal: from then on they
/// are maintained by each posting).
///
/// # Errors
/// SQLite fails.
pub(in crate::store) fn store_line_progress(
    conn: &Connection,
    order: &str,
    lines: &[StoredLineProgress],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE order_materials SET planned = ?3, carried = ?4 WHERE order_id = ?1 AND line = ?2",
    )?;
    for l in lines {
        stmt.execute(params![order, l.line, l.planned, l.carried])?;
    }
    conn.prepare_cached("UPDATE orders SET progress_stored = 1 WHERE order_id = ?1")?
        .execute([order])?;
    Ok(())
}

/// Adds a report's units (negative to take them out) and setup carries to the order's
/// progress at one operation.
///
/// # Errors
/// SQLite fails.
pub fn add_operation_progress(
    conn: &Connection,
    order: &str,
    operation: i64,
    good: Quantity,
    scrap: Quantity,
    setup_carried: i64,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE order_operations SET good = dec_add(good, ?3), scrap = dec_add(scrap, ?4),
           setup_carried = setup_carried + ?5
         WHERE order_id = ?1 AND operation = ?2",
    )?
    .execute(params![order, operation, good, scrap, setup_carried])?;
    Ok(())
}

/// What to add to one order material line's progress: its planned quantity and the count
/// of reports that carried its per-order quantity (negative to take back).
pub struct LineDelta<'a> {
    pub line: &'a str,
    pub planned: Quantity,
    pub carried: i64,
}

/// Adds to the `P` and carried count of many material lines of one order in one statement:
/// `(line, planned, carried)` each.
///
/// # Errors
/// SQLite fails.
pub fn add_line_progress(conn: &Connection, order: &str, lines: &[LineDelta<'_>]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE order_materials SET planned = dec_add(planned, ?3), carried = carried + ?4
         WHERE order_id = ?1 AND line = ?2",
    )?;
    for l in lines {
        if !l.planned.is_zero() || l.carried != 0 {
            stmt.execute(params![order, l.line, l.planned, l.carried])?;
        }
    }
    Ok(())
}

/// Sets (or clears) a lead's explicit backflush flag on an order material line.
///
/// # Errors
/// SQLite fails.
pub fn set_line_backflush(
    conn: &Connection,
    order: &str,
    line: &str,
    flag: Option<bool>,
) -> Result<bool> {
    let changed = conn
        .prepare_cached(
            "UPDATE order_materials SET order_backflush = ?3 WHERE order_id = ?1 AND line = ?2",
        )?
        .execute(params![order, line, flag])?
        == 1;
    // Order snapshots are cached per process: make every process read this one again.
    super::master::bump_master_version(conn)?;
    Ok(changed)
}

/// A row of the order list.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderSummary {
    pub order: OrderNo,
    pub item: ItemCode,
    pub description: String,
    pub qty: Quantity,
    pub due: Option<String>,
    /// Good and scrap at the last operation.
    pub good: Quantity,
    pub scrap: Quantity,
    pub work_centers: Vec<String>,
}

/// Every released order (a closed one leaves the board), due first, with its progress at the
/// last operation.
///
/// # Errors
/// SQLite fails.
pub fn list_orders(
    conn: &Connection,
    work_center: Option<&str>,
    limit: i64,
) -> Result<Vec<OrderSummary>> {
    // Both forms walk an index in due order and stop at the limit, however many orders the
    // store holds.
    let picked = match work_center {
        Some(_) => {
            "SELECT DISTINCT x.order_id, x.due FROM order_operations x
             JOIN orders s ON s.order_id = x.order_id
             WHERE x.work_center = ?1 AND s.status = 'released'
             ORDER BY x.due, x.order_id LIMIT ?2"
        }
        None => {
            "SELECT order_id, due FROM orders WHERE ?1 IS NULL AND status = 'released'
             ORDER BY due, order_id LIMIT ?2"
        }
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT o.order_id, o.item, i.description, o.qty, o.due,
           (SELECT good FROM order_operations x WHERE x.order_id = o.order_id ORDER BY operation DESC LIMIT 1),
           (SELECT scrap FROM order_operations x WHERE x.order_id = o.order_id ORDER BY operation DESC LIMIT 1),
           (SELECT group_concat(DISTINCT work_center) FROM order_operations x WHERE x.order_id = o.order_id)
         FROM ({picked}) p JOIN orders o ON o.order_id = p.order_id JOIN items i ON i.item = o.item
         ORDER BY p.due, p.order_id"
    ))?;
    let rows = stmt
        .query_map(params![work_center, limit], |r| {
            Ok(OrderSummary {
                order: r.get(0)?,
                item: r.get(1)?,
                description: r.get(2)?,
                qty: r.get(3)?,
                due: r.get(4)?,
                good: r.get::<_, Option<Quantity>>(5)?.unwrap_or_default(),
                scrap: r.get::<_, Option<Quantity>>(6)?.unwrap_or_default(),
                work_centers: r
                    .get::<_, Option<String>>(7)?
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Orders a typed or scanned code may mean: the order of that number in any case, else the
/// orders whose number ends with it (`1003` for `WO-1003`). At most `limit`.
///
/// # Errors
/// SQLite fails.
pub fn find_orders(conn: &Connection, text: &str, limit: i64) -> Result<Vec<String>> {
    let exact: Vec<String> = conn
        .prepare_cached("SELECT order_id FROM orders WHERE order_id = ?1 COLLATE NOCASE LIMIT ?2")?
        .query_map(params![text, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !exact.is_empty() {
        return Ok(exact);
    }
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Ok(conn
        .prepare_cached(
            "SELECT order_id FROM orders WHERE order_id LIKE '%' || ?1 ESCAPE '\\'
             ORDER BY order_id LIMIT ?2",
        )?
        .query_map(params![escaped, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
