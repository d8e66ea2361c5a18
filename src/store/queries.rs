//! Read-only queries: balances, variance actuals, report history, and `verify`.

use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};
use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::{Money, Quantity, Result};
use crate::domain::ids::ReportId;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::variance::LineActuals;

/// A non-zero balance.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceRow {
    pub item: ItemCode,
    pub location: LocationCode,
    /// The lot of a tracked item (`""` the unknown lot); `None` for an untracked item.
    pub lot: Option<String>,
    /// The lot's expiry (`YYYY-MM-DD`).
    pub expires: Option<String>,
    pub qty: Quantity,
}

/// Non-zero balances, by item, location and lot: one row per lot of a tracked item.
///
/// # Errors
/// SQLite fails.
pub fn balances(
    conn: &Connection,
    location: Option<&str>,
    item: Option<&str>,
) -> Result<Vec<BalanceRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.item, b.location, NULL, NULL, b.qty FROM balances b JOIN items i ON i.item = b.item
         WHERE i.tracking = 'none' AND (?1 IS NULL OR b.location = ?1) AND (?2 IS NULL OR b.item = ?2)
         UNION ALL
         SELECT lb.item, lb.location, lb.lot, l.expires, lb.qty FROM lot_balances lb
         LEFT JOIN lots l ON l.item = lb.item AND l.lot = lb.lot
         WHERE (?1 IS NULL OR lb.location = ?1) AND (?2 IS NULL OR lb.item = ?2)
         ORDER BY 1, 2, 3",
    )?;
    let rows = stmt
        .query_map(params![location, item], |r| {
            Ok(BalanceRow {
                item: r.get(0)?,
                location: r.get(1)?,
                lot: r.get(2)?,
                expires: r.get(3)?,
                qty: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter(|r| !r.qty.is_zero()).collect())
}

/// What each material line of an order has issued (net) and holds open in the queue.
///
/// # Errors
/// SQLite fails.
pub fn line_actuals(conn: &Connection, order: &str) -> Result<HashMap<String, LineActuals>> {
    let mut out: HashMap<String, LineActuals> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT m.line, m.qty, m.item = om.component, i.std_cost
         FROM movements m
         JOIN order_materials om ON om.order_id = ?1 AND om.line = m.line
         JOIN items i ON i.item = m.item
         WHERE m.line IS NOT NULL
           AND (m.report_id IN (SELECT id FROM reports WHERE order_id = ?1) OR m.order_id = ?1)",
    )?;
    let mut rows = stmt.query([order])?;
    while let Some(r) = rows.next()? {
        let line: String = r.get(0)?;
        let issued = -r.get::<_, Quantity>(1)?;
        let entry = out.entry(line).or_default();
        if r.get::<_, bool>(2)? {
            entry.issued += issued;
        } else {
            entry.substitute_cost += issued * r.get::<_, Money>(3)?;
        }
    }
    // A non-stock line has no movements: what was issued by hand is its actual.
    let mut stmt =
        conn.prepare_cached("SELECT line, qty FROM non_stock_issues WHERE order_id = ?1")?;
    let mut rows = stmt.query([order])?;
    while let Some(r) = rows.next()? {
        let line: String = r.get(0)?;
        out.entry(line).or_default().issued += r.get::<_, Quantity>(1)?;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT line, qty FROM exceptions WHERE order_id = ?1 AND status = 'open'",
    )?;
    let mut rows = stmt.query([order])?;
    while let Some(r) = rows.next()? {
        let line: String = r.get(0)?;
        out.entry(line).or_default().pending += r.get::<_, Quantity>(1)?;
    }
    Ok(out)
}

/// Where a lot of an item is now: its non-zero balances per location.
///
/// # Errors
/// SQLite fails.
pub fn lot_locations(conn: &Connection, item: &str, lot: &str) -> Result<Vec<(String, Quantity)>> {
    let rows = conn
        .prepare_cached(
            "SELECT location, qty FROM lot_balances WHERE item = ?1 AND lot = ?2 ORDER BY location",
        )?
        .query_map(params![item, lot], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Quantity>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter(|(_, q)| !q.is_zero()).collect())
}

/// One ledger movement with who, when, where and why.
#[derive(Debug, Clone, PartialEq)]
pub struct MovementRow {
    pub id: i64,
    pub at: String,
    pub kind: MovementKind,
    pub item: ItemCode,
    pub location: LocationCode,
    /// The lot of a tracked item (`""` the unknown lot); `None` for an untracked item.
    pub lot: Option<String>,
    pub qty: Quantity,
    pub report_id: Option<ReportId>,
    pub line: Option<String>,
    pub terminal: String,
    pub user: String,
    /// The lead who approved the posting at an operator's terminal.
    pub approver: Option<String>,
    /// What posted it (`None` only in a damaged store: `verify` names such rows).
    pub source: Option<Source>,
    /// Its reason code or the user's text; a row from before reasons were codes keeps the
    /// words it was written with (`worded`).
    pub reason: Option<String>,
    pub worded: bool,
}

/// What `audit` filters by.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    pub item: Option<String>,
    pub location: Option<String>,
    pub report_id: Option<ReportId>,
    pub limit: i64,
}

/// Ledger movements, newest first.
///
/// # Errors
/// SQLite fails.
pub fn movements(conn: &Connection, filter: &AuditFilter) -> Result<Vec<MovementRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, kind, item, location, qty, report_id, line, terminal, user, reason,
           (SELECT o.approver FROM outbox o WHERE o.movements_through >= m.id
            ORDER BY o.movements_through, o.seq LIMIT 1),
           source, lot
         FROM movements m
         WHERE (?1 IS NULL OR item = ?1) AND (?2 IS NULL OR location = ?2) AND (?3 IS NULL OR report_id = ?3)
         ORDER BY id DESC LIMIT ?4",
    )?;
    let coded_from = super::ledger::coded_reasons_from(conn)?;
    let rows = stmt
        .query_map(
            params![filter.item, filter.location, filter.report_id, filter.limit],
            |r| {
                let id = r.get(0)?;
                let (reason, worded) =
                    super::ledger::stored_reason(id, &r.get::<_, String>(10)?, coded_from);
                Ok(MovementRow {
                    id,
                    at: r.get(1)?,
                    kind: r.get(2)?,
                    item: r.get(3)?,
                    location: r.get(4)?,
                    qty: r.get(5)?,
                    report_id: r.get(6)?,
                    line: r.get(7)?,
                    terminal: r.get(8)?,
                    user: r.get(9)?,
                    reason,
                    worded,
                    approver: r.get(11)?,
                    source: r.get(12)?,
                    lot: r.get(13)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A report of the history list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub id: ReportId,
    pub order: OrderNo,
    pub item: ItemCode,
    /// The item's description, for a screen wide enough to show it.
    pub description: String,
    pub operation: i64,
    pub good: Quantity,
    pub scrap: Quantity,
    pub at: String,
    pub user: String,
    /// The lead who approved it at an operator's terminal.
    pub approver: Option<String>,
    pub reversed: bool,
}

/// Reports newest first, of one work center's operations when given.
///
/// # Errors
/// SQLite fails.
pub fn reports(conn: &Connection, work_center: Option<&str>, limit: i64) -> Result<Vec<ReportRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.order_id, o.item, r.operation, r.good, r.scrap, r.at, r.user,
           EXISTS (SELECT 1 FROM reversals v WHERE v.report_id = r.id), r.approver,
           COALESCE(i.description, '')
         FROM reports r JOIN orders o ON o.order_id = r.order_id
         LEFT JOIN items i ON i.item = o.item
         WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM order_operations x
           WHERE x.order_id = r.order_id AND x.operation = r.operation AND x.work_center = ?1)
         ORDER BY r.id DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![work_center, limit], |r| {
            Ok(ReportRow {
                id: r.get(0)?,
                order: r.get(1)?,
                item: r.get(2)?,
                operation: r.get(3)?,
                good: r.get(4)?,
                scrap: r.get(5)?,
                at: r.get(6)?,
                user: r.get(7)?,
                reversed: r.get(8)?,
                approver: r.get(9)?,
                description: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// SQLite's `integrity_check`: one problem per line it reports (at most 100), empty when
/// the file is sound.
///
/// # Errors
/// SQLite cannot run the check at all.
pub fn integrity(conn: &Connection) -> Result<Vec<Problem>> {
    let lines = conn
        .prepare("PRAGMA integrity_check(100)")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        });
    // A page damaged badly enough stops the check itself: that is its finding.
    let lines = match lines {
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            vec![e.to_string()]
        }
        other => other?,
    };
    Ok(lines
        .into_iter()
        .filter(|l| l != "ok")
        .map(Problem::FileDamaged)
        .collect())
}

/// One thing `verify` finds wrong, with its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// SQLite's integrity check: its finding.
    FileDamaged(String),
    /// Ledger rows past the outbox: postings without their export events.
    OutboxBehindLedger { reaches: i64, holds: i64 },
    /// Journal entries past the outbox.
    OutboxBehindJournal { reaches: i64, holds: i64 },
    BalanceOffLedger {
        item: String,
        location: String,
        balance: Quantity,
        ledger: Quantity,
    },
    /// Item/location pairs with movements but no balance.
    NoBalance { pairs: usize },
    LotOffLedger {
        item: String,
        location: String,
        lot: String,
        balance: Quantity,
        ledger: Quantity,
    },
    NegativeLot {
        item: String,
        location: String,
        lot: String,
        qty: Quantity,
    },
    LotWithoutBalance {
        item: String,
        location: String,
        lot: String,
        ledger: Quantity,
    },
    /// A tracked item's lots that do not add up to its balance.
    LotsOffBalance {
        item: String,
        location: String,
        lots: Quantity,
        balance: Quantity,
    },
    /// Movements that do not say what posted them.
    Unsourced { movements: i64 },
    /// A journal entry whose debits minus credits are `diff`.
    Unbalanced { entry: i64, diff: Quantity },
    /// A closed order whose WIP lines do not sum to zero.
    ClosedHoldsWip { order: String, wip: Money },
    /// The WIP lines' balance against the sum of the orders' WIP (a WIP line without its
    /// order).
    WipOffOrders { balance: Money, orders: Money },
}

/// What `verify` found wrong; empty when the store is consistent.
///
/// # Errors
/// SQLite fails.
pub fn verify(conn: &Connection) -> Result<Vec<Problem>> {
    // The file first: on a damaged one the sums below would read garbage or fail.
    let damage = integrity(conn)?;
    if !damage.is_empty() {
        return Ok(damage);
    }
    let reach = super::outbox::reach(conn)?;
    let mut problems = Vec::new();
    if reach.last_movement > reach.movements {
        problems.push(Problem::OutboxBehindLedger {
            reaches: reach.movements,
            holds: reach.last_movement,
        });
    }
    if reach.last_entry > reach.entries {
        problems.push(Problem::OutboxBehindJournal {
            reaches: reach.entries,
            holds: reach.last_entry,
        });
    }
    let mut sums: HashMap<(String, String), Quantity> = HashMap::new();
    let mut stmt = conn.prepare("SELECT item, location, qty FROM movements")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        *sums.entry((r.get(0)?, r.get(1)?)).or_default() += r.get::<_, Quantity>(2)?;
    }
    let mut stmt = conn.prepare("SELECT item, location, qty FROM balances")?;
    let mut rows = stmt.query([])?;
    let mut seen = 0usize;
    while let Some(r) = rows.next()? {
        let key: (String, String) = (r.get(0)?, r.get(1)?);
        let qty = r.get::<_, Quantity>(2)?;
        let ledger = sums.get(&key).copied().unwrap_or_default();
        if sums.contains_key(&key) {
            seen += 1;
        }
        if ledger != qty {
            problems.push(Problem::BalanceOffLedger {
                item: key.0,
                location: key.1,
                balance: qty,
                ledger,
            });
        }
    }
    if seen != sums.len() {
        problems.push(Problem::NoBalance {
            pairs: sums.len() - seen,
        });
    }
    problems.extend(verify_lots(conn)?);
    let unsourced: i64 = conn.query_row(
        "SELECT count(*) FROM movements WHERE source IS NULL",
        [],
        |r| r.get(0),
    )?;
    if unsourced > 0 {
        problems.push(Problem::Unsourced {
            movements: unsourced,
        });
    }
    let mut stmt = conn.prepare("SELECT entry_id, debit, credit FROM journal")?;
    let mut entries: HashMap<i64, Quantity> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        *entries.entry(r.get(0)?).or_default() +=
            r.get::<_, Quantity>(1)? - r.get::<_, Quantity>(2)?;
    }
    let mut unbalanced: Vec<(i64, Quantity)> =
        entries.into_iter().filter(|(_, d)| !d.is_zero()).collect();
    unbalanced.sort_by_key(|(id, _)| *id);
    for (id, diff) in unbalanced {
        problems.push(Problem::Unbalanced { entry: id, diff });
    }
    problems.extend(verify_wip(conn)?);
    Ok(problems)
}

/// The WIP lines' balance equals the sum of the orders' WIP (no WIP line lacks its order),
/// and every closed order holds none.
fn verify_wip(conn: &Connection) -> Result<Vec<Problem>> {
    use crate::domain::journal::Account;
    use crate::domain::wip::{OrderStatus, columns};
    let mut problems = Vec::new();
    let mut balance = Money::ZERO;
    let mut stmt = conn.prepare("SELECT debit, credit FROM journal WHERE role = ?1")?;
    let mut rows = stmt.query([Account::Wip])?;
    while let Some(r) = rows.next()? {
        balance = balance
            .saturating_add(r.get::<_, Money>(0)?)
            .saturating_sub(r.get::<_, Money>(1)?);
    }
    let mut orders = Money::ZERO;
    for order in super::closing::order_journals(conn, None)? {
        let wip = columns(&order.lines).wip();
        orders = orders.saturating_add(wip);
        if order.status == OrderStatus::Closed && !wip.is_zero() {
            problems.push(Problem::ClosedHoldsWip {
                order: order.order.to_string(),
                wip,
            });
        }
    }
    if balance != orders {
        problems.push(Problem::WipOffOrders { balance, orders });
    }
    Ok(problems)
}

/// Every lot balance equals its lot's ledger (a tracked item's movements without a lot, from
/// before lots were kept, are the unknown lot), no lot is negative, and a tracked item's lots
/// add up to its balance at each location.
fn verify_lots(conn: &Connection) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    let mut sums: HashMap<(String, String, String), Quantity> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT m.item, m.location, COALESCE(m.lot, ''), m.qty FROM movements m
         JOIN items i ON i.item = m.item WHERE i.tracking <> 'none'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        *sums.entry((r.get(0)?, r.get(1)?, r.get(2)?)).or_default() += r.get::<_, Quantity>(3)?;
    }
    let mut totals: HashMap<(String, String), Quantity> = HashMap::new();
    let mut stmt = conn.prepare("SELECT item, location, lot, qty FROM lot_balances")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let qty = r.get::<_, Quantity>(3)?;
        *totals.entry((key.0.clone(), key.1.clone())).or_default() += qty;
        let ledger = sums.remove(&key).unwrap_or_default();
        if ledger != qty {
            problems.push(Problem::LotOffLedger {
                item: key.0.clone(),
                location: key.1.clone(),
                lot: key.2.clone(),
                balance: qty,
                ledger,
            });
        }
        if qty < Quantity::ZERO {
            problems.push(Problem::NegativeLot {
                item: key.0,
                location: key.1,
                lot: key.2,
                qty,
            });
        }
    }
    let mut left: Vec<_> = sums.into_iter().filter(|(_, q)| !q.is_zero()).collect();
    left.sort();
    for ((item, location, lot), qty) in left {
        problems.push(Problem::LotWithoutBalance {
            item,
            location,
            lot,
            ledger: qty,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT b.item, b.location, b.qty FROM balances b JOIN items i ON i.item = b.item
         WHERE i.tracking <> 'none'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: (String, String) = (r.get(0)?, r.get(1)?);
        let qty = r.get::<_, Quantity>(2)?;
        let lots = totals.get(&key).copied().unwrap_or_default();
        if lots != qty {
            problems.push(Problem::LotsOffBalance {
                item: key.0,
                location: key.1,
                lots,
                balance: qty,
            });
        }
    }
    Ok(problems)
}

/// Counts for the demo summary and the status bar.
///
/// # Errors
/// SQLite fails.
pub fn counts(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let tables = [
        ("items", "items"),
        ("locations", "locations"),
        ("work centers", "work_centers"),
        ("BOMs", "boms"),
        (
            "routings",
            "(SELECT DISTINCT parent, revision FROM routing_operations)",
        ),
        ("orders", "orders"),
        ("balances", "balances"),
        ("users", "users"),
        ("reports", "reports"),
        (
            "open exceptions",
            "(SELECT 1 FROM exceptions WHERE status = 'open')",
        ),
    ];
    tables
        .into_iter()
        .map(|(name, table)| {
            Ok((
                name,
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?,
            ))
        })
        .collect()
}

/// How much a store holds, as `info` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreSize {
    pub items: i64,
    pub orders: i64,
    pub reports: i64,
    pub movements: i64,
}

/// The store's size: items, orders, reports and ledger movements.
///
/// # Errors
/// SQLite fails.
pub fn size(conn: &Connection) -> Result<StoreSize> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM orders),
                    (SELECT count(*) FROM reports), (SELECT count(*) FROM movements)",
        )?
        .query_row([], |r| {
            Ok(StoreSize {
                items: r.get(0)?,
                orders: r.get(1)?,
                reports: r.get(2)?,
                movements: r.get(3)?,
            })
        })?)
}
