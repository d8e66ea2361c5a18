//! The outbox: what every posting hands to the ERP, written in the posting's own
//! transaction and never changed.
//!
//! One `outbox` row per posting fixes its seqs at commit (`seq` .. `seq + events - 1`, the
//! next seq being the previous row's end, so two terminals never share one) and the
//! high-water marks of the ledger and the journal it reaches. The events are expanded from
//! the append-only ledger and journal at export, in one deterministic order: the posting's
//! header (a `report` or a `reversal`), then its movements in ledger id order (a transfer's
//! two ledger rows are one `311`), then its journal lines in entry and line order. An event's
//! unit and standard cost are those of its item's version current when its posting committed
//! (`item_versions`, written by triggers on `items` whenever an item is made or its unit or
//! cost changes; postings from before it kept a snapshot each in `outbox_items`), so an event
//! exported again after a later import is the same event, and a posting writes one row only.
//!
//! Every posting calls [`record`] once, last, inside its write transaction; a posting that
//! moved nothing (a cancelled exception) records nothing.
//!
//! Long because the export is one streaming pass over three cursors (outbox, ledger,
//! journal) with the event shape next to it; each step is its own function.

use crate::store::BadValue;
use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Hours, Money, Quantity, Result, Stamp, StoreError, StoreRefusal};
use crate::domain::codes::ItemCode;
use crate::domain::ids::ReportId;
use crate::domain::movement::{ErpMovement, MovementKind};
use crate::domain::posting::PostingKind;
use crate::domain::qty::canonical;

/// The end of the outbox: the next seq and the ledger and journal reached so far.
fn high_water(conn: &Connection) -> Result<(i64, i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT seq + events, movements_through, entries_through FROM outbox ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .unwrap_or((1, 0, 0)))
}

/// The end of the outbox as [`high_water`] reads it, and whether items made or changed since
/// the last posting wait for their first seq, in one statement.
fn high_water_and_pending(conn: &Connection) -> Result<(i64, i64, i64, bool)> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(o.seq + o.events, 1), coalesce(o.movements_through, 0),
                    coalesce(o.entries_through, 0),
                    EXISTS (SELECT 1 FROM item_versions WHERE from_seq = 9223372036854775807)
             FROM (SELECT 1) LEFT JOIN (SELECT seq, events, movements_through, entries_through
                                        FROM outbox ORDER BY seq DESC LIMIT 1) o",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?)
}

/// What the apply path wrote in this transaction, from its own inserts: its ledger rows
/// (consecutive ids from `first_movement`) and its journal entries (consecutive ids from
/// `first_entry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written {
    pub first_movement: i64,
    pub movements: i64,
    /// The ledger rows that are events: every one but a transfer's incoming half.
    pub movement_events: i64,
    pub first_entry: i64,
    pub entries: i64,
    pub journal_lines: i64,
}

/// Records the events of the posting just written in this transaction: every ledger row and
/// journal entry the outbox does not reach yet. Returns the posting's first seq, or `None`
/// when it has no event.
///
/// # Errors
/// SQLite fails.
pub(super) fn record(
    conn: &Connection,
    stamp: &Stamp,
    posting: PostingKind,
    written: Option<&Written>,
) -> Result<Option<i64>> {
    let (seq, movements_after, entries_after, pending) = high_water_and_pending(conn)?;
    // When the outbox reached everything before this posting's rows, what it adds is exactly
    // what the posting wrote; otherwise (rows the outbox does not reach yet, as a bulk load
    // leaves them) the ledger and journal past the outbox are read.
    let (movements_through, movement_events, entries_through, journal_events) = match written {
        Some(w)
            if w.first_movement - 1 == movements_after && w.first_entry - 1 == entries_after =>
        {
            (
                movements_after + w.movements,
                w.movement_events,
                entries_after + w.entries,
                w.journal_lines,
            )
        }
        _ => unreached(conn, movements_after, entries_after)?,
    };
    let events = i64::from(posting.has_header()) + movement_events + journal_events;
    if events == 0 {
        return Ok(None);
    }
    if pending {
        // Items made or changed since the last posting: their versions start here.
        conn.prepare_cached(
            "UPDATE item_versions SET from_seq = ?1 WHERE from_seq = 9223372036854775807",
        )?
        .execute([seq])?;
    }
    insert_group(
        conn,
        &Group {
            seq,
            events,
            posting: posting.as_str(),
            report_id: posting.report_id(),
            movements_through,
            entries_through,
            at: stamp.at_text(),
            terminal: &stamp.terminal,
            user: &stamp.user,
            approver: stamp.approver.as_deref(),
        },
    )?;
    Ok(Some(seq))
}

/// The ledger and journal past the outbox's marks: how far they reach and how many events
/// they hold (two key lookups and two short range reads).
fn unreached(
    conn: &Connection,
    movements_after: i64,
    entries_after: i64,
) -> Result<(i64, i64, i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT coalesce(max(id), ?1) FROM movements WHERE id > ?1),
                    (SELECT count(*) FROM movements WHERE id > ?1 AND kind <> 'transfer_in'),
                    (SELECT coalesce(max(entry_id), ?2) FROM journal WHERE entry_id > ?2),
                    (SELECT count(*) FROM journal WHERE entry_id > ?2)",
        )?
        .query_row([movements_after, entries_after], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?)
}

/// When the last posting recorded in the outbox was made (`None` for an empty outbox, or a
/// time that does not read as RFC 3339).
///
/// # Errors
/// SQLite fails.
pub fn last_at(conn: &Connection) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let at: Option<String> = conn
        .prepare_cached("SELECT at FROM outbox ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(at
        .and_then(|a| chrono::DateTime::parse_from_rfc3339(&a).ok())
        .map(|a| a.with_timezone(&chrono::Utc)))
}

struct Group<'a> {
    seq: i64,
    events: i64,
    posting: &'a str,
    report_id: Option<ReportId>,
    movements_through: i64,
    entries_through: i64,
    at: &'a str,
    terminal: &'a str,
    user: &'a str,
    approver: Option<&'a str>,
}

fn insert_group(conn: &Connection, g: &Group<'_>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO outbox (seq, events, posting, report_id, movements_through, entries_through, at, terminal, user, approver)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        g.seq,
        g.events,
        g.posting,
        g.report_id,
        g.movements_through,
        g.entries_through,
        g.at,
        g.terminal,
        g.user,
        g.approver
    ])?;
    Ok(())
}

/// Runs after the migrations, in their transaction: a store gets its `store_id` (a new one,
/// or one migrated from before the outbox), and a store migrated from a version without the
/// outbox gets the events of its existing ledger and journal, in ledger order.
///
/// # Errors
/// SQLite fails; the OS has no random source.
pub fn after_migration(conn: &Connection, found_version: i64) -> Result<()> {
    let Some(index) = super::schema::MIGRATIONS
        .iter()
        .position(|m| *m == super::schema::OUTBOX)
    else {
        return Ok(());
    };
    if found_version > i64::try_from(index).unwrap_or(i64::MAX) {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO store_identity (store_id) VALUES (?1)",
        [new_store_id()?],
    )?;
    backfill(conn)
}

/// 128 bits from the operating system's random source, as 32 hex digits.
fn new_store_id() -> Result<String> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 16];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| StoreError::Random {
            cause: e.to_string(),
        })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The store's id.
///
/// # Errors
/// SQLite fails.
pub fn store_id(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT store_id FROM store_identity")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// One posting of a store written before the outbox: the ledger rows and journal entries that
/// share a moment (`at`) and a report.
#[derive(Default)]
struct Moment {
    movements_through: i64,
    entries_through: i64,
    header: Option<&'static str>,
    terminal: String,
    user: String,
    approver: Option<String>,
}

/// Groups the existing ledger by posting (its moment and report) and writes their outbox rows
/// in ledger order.
fn backfill(conn: &Connection) -> Result<()> {
    use std::collections::BTreeMap;
    type Key = (String, Option<ReportId>);
    let mut moments: BTreeMap<Key, Moment> = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT at, report_id, max(id), terminal, user FROM movements GROUP BY at, report_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let m = moments.entry((r.get(0)?, r.get(1)?)).or_default();
        m.movements_through = r.get(2)?;
        m.terminal = r.get(3)?;
        m.user = r.get(4)?;
    }
    let mut stmt = conn.prepare(
        "SELECT at, report_id, max(entry_id), terminal, user FROM journal GROUP BY at, report_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let m = moments.entry((r.get(0)?, r.get(1)?)).or_default();
        m.entries_through = r.get(2)?;
        m.terminal = r.get(3)?;
        m.user = r.get(4)?;
    }
    for (table, id, header) in [
        ("reports", "id", "report"),
        ("reversals", "report_id", "reversal"),
    ] {
        let mut stmt = conn.prepare(&format!(
            "SELECT at, {id}, terminal, user, approver FROM {table}"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let m = moments.entry((r.get(0)?, Some(r.get(1)?))).or_default();
            m.header = Some(header);
            m.terminal = r.get(2)?;
            m.user = r.get(3)?;
            m.approver = r.get(4)?;
        }
    }
    // Ledger order: by the first ledger row a posting reaches, then its moment.
    let mut ordered: Vec<(Key, Moment)> = moments.into_iter().collect();
    ordered.sort_by_key(|((at, _), m)| (m.movements_through == 0, m.movements_through, at.clone()));
    let (mut seq, mut movements_after, mut entries_after) = high_water(conn)?;
    for ((at, report_id), m) in ordered {
        let movements_through = m.movements_through.max(movements_after);
        let entries_through = m.entries_through.max(entries_after);
        let movement_events: i64 = conn.query_row(
            "SELECT count(*) FROM movements WHERE id > ?1 AND id <= ?2 AND kind <> 'transfer_in'",
            [movements_after, movements_through],
            |r| r.get(0),
        )?;
        let journal_events: i64 = conn.query_row(
            "SELECT count(*) FROM journal WHERE entry_id > ?1 AND entry_id <= ?2",
            [entries_after, entries_through],
            |r| r.get(0),
        )?;
        let events = i64::from(m.header.is_some()) + movement_events + journal_events;
        if events == 0 {
            continue;
        }
        insert_group(
            conn,
            &Group {
                seq,
                events,
                posting: m.header.unwrap_or("migrated"),
                report_id,
                movements_through,
                entries_through,
                at: &at,
                terminal: &m.terminal,
                user: &m.user,
                approver: m.approver.as_deref(),
            },
        )?;
        seq += events;
        movements_after = movements_through;
        entries_after = entries_through;
    }
    Ok(())
}

/// How far the outbox reaches and how far the ledger and the journal go: `verify` finds
/// postings written without their events where the outbox falls short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    pub movements: i64,
    pub last_movement: i64,
    pub entries: i64,
    pub last_entry: i64,
}

/// How far the outbox reaches the ledger and the journal.
///
/// # Errors
/// SQLite fails.
pub fn reach(conn: &Connection) -> Result<Reach> {
    let (_, movements, entries) = high_water(conn)?;
    let (last_movement, last_entry): (i64, i64) = conn.query_row(
        "SELECT (SELECT coalesce(max(id), 0) FROM movements),
                (SELECT coalesce(max(entry_id), 0) FROM journal)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Reach {
        movements,
        last_movement,
        entries,
        last_entry,
    })
}

/// The last seq of the outbox (0 when empty).
///
/// # Errors
/// SQLite fails.
pub fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(high_water(conn)?.0 - 1)
}

/// The seq a consumer has acknowledged (0 when new).
///
/// # Errors
/// SQLite fails.
pub fn consumer_seq(conn: &Connection, consumer: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT through FROM export_consumers WHERE consumer = ?1")?
        .query_row([consumer], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// What an acknowledgement did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    pub consumer: String,
    pub previous: i64,
    pub through: i64,
    pub changed: bool,
}

/// Records that `consumer` has everything through `through`.
///
/// # Errors
/// Backwards or past the last seq (naming the numbers); SQLite fails.
pub fn ack(conn: &Connection, consumer: &str, through: i64, at: &str) -> Result<Ack> {
    let previous = consumer_seq(conn, consumer)?;
    let last = last_seq(conn)?;
    if through < previous {
        return Err(StoreRefusal::AckBackwards {
            consumer: consumer.to_string(),
            through,
            previous,
        }
        .into());
    }
    if through > last {
        return Err(StoreRefusal::AckPastLast {
            consumer: consumer.to_string(),
            through,
            last,
        }
        .into());
    }
    let changed = through != previous
        || !conn
            .prepare_cached("SELECT 1 FROM export_consumers WHERE consumer = ?1")?
            .exists([consumer])?;
    if changed {
        conn.prepare_cached(
            "INSERT INTO export_consumers (consumer, through, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (consumer) DO UPDATE SET through = excluded.through, at = excluded.at",
        )?
        .execute(params![consumer, through, at])?;
    }
    Ok(Ack {
        consumer: consumer.to_string(),
        previous,
        through,
        changed,
    })
}

/// The event types of the export, in their fixed order.
pub const EVENT_TYPES: &[&str] = &[
    "report",
    "reversal",
    "movement",
    "journal",
    "order_closed",
    "order_reopened",
];

/// Every field of every event type, in the fixed order of the CSV header.
pub const FIELDS: &[&str] = &[
    "seq",
    "key",
    "type",
    "at",
    "user",
    "approver",
    "terminal",
    "report_id",
    "idempotency_key",
    "order",
    "item",
    "operation",
    "good",
    "scrap",
    "uom",
    "labor",
    "reason",
    "reverses",
    "movement_type",
    "line",
    "location",
    "to_location",
    "lot",
    "qty",
    "std_cost",
    "value",
    "entry",
    "account",
    "debit",
    "credit",
    "source",
    "closed_as",
    "wip",
    "material_usage_variance",
    "production_variance",
];

/// A field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    /// JSON text already (a list or an object).
    Json(String),
}

impl Value {
    fn text(t: Option<String>) -> Self {
        t.map_or(Value::Null, Value::Text)
    }

    fn int(i: Option<impl Into<i64>>) -> Self {
        i.map_or(Value::Null, |i| Value::Int(i.into()))
    }

    fn dec(d: impl Into<rust_decimal::Decimal>) -> Self {
        Value::Text(canonical(d.into()))
    }
}

/// One exported event: the fields every event has, then its type's fields in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub seq: i64,
    pub kind: &'static str,
    pub at: String,
    pub user: String,
    pub approver: Option<String>,
    pub terminal: String,
    pub fields: Vec<(&'static str, Value)>,
}

/// Which events an export hands out.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    /// Events with a seq above this.
    pub after: i64,
    /// Only these types (empty = all).
    pub types: Vec<&'static str>,
    /// At most this many events.
    pub limit: Option<u64>,
}

/// A movement of the ledger as the export reads it.
struct LedgerRow {
    id: i64,
    kind: String,
    item: String,
    location: String,
    qty: Quantity,
    report_id: Option<ReportId>,
    line: Option<String>,
    reverses: Option<i64>,
    reason: String,
    source: Option<String>,
    order: Option<String>,
    operation: Option<i64>,
    lot: Option<String>,
    /// The item's first version (from seq, unit, cost), and whether later ones exist: an item
    /// never changed needs no lookup of its own.
    first_version: Option<(i64, String, Money)>,
    later_versions: bool,
}

struct JournalRow {
    entry: i64,
    account: String,
    debit: Money,
    credit: Money,
    report_id: Option<ReportId>,
    order: Option<String>,
}

struct OutboxRow {
    seq: i64,
    posting: String,
    report_id: Option<ReportId>,
    movements_through: i64,
    entries_through: i64,
    at: String,
    terminal: String,
    user: String,
    approver: Option<String>,
}

/// The outbox groups from a seq on, in seq order.
const GROUPS_SQL: &str = "SELECT seq, posting, report_id, movements_through, entries_through, at, terminal, user, approver
     FROM outbox WHERE seq >= ?1 ORDER BY seq";

/// The ledger after a movement id, with each movement's first item version. The one place the
/// export reads a movement's lot (NULL for an untracked item).
const LEDGER_SQL: &str =
    "SELECT m.id, m.kind, m.item, m.location, m.qty, m.report_id, m.line, m.reverses, m.reason,
            coalesce(r.order_id, m.order_id), r.operation, m.lot AS lot,
            v.from_seq, v.uom, v.std_cost,
            EXISTS (SELECT 1 FROM item_versions w WHERE w.item = m.item AND w.from_seq > v.from_seq),
            m.source
     FROM movements m LEFT JOIN reports r ON r.id = m.report_id
     LEFT JOIN item_versions v ON v.item = m.item
          AND v.from_seq = (SELECT min(from_seq) FROM item_versions x WHERE x.item = m.item)
     WHERE m.id > ?1 ORDER BY m.id";

/// The journal lines after an entry, in entry and line order.
const JOURNAL_SQL: &str = "SELECT j.entry_id, j.account, j.debit, j.credit, j.report_id,
            coalesce(j.order_id, r.order_id)
     FROM journal j LEFT JOIN reports r ON r.id = j.report_id
     WHERE j.entry_id > ?1 ORDER BY j.entry_id, j.seq";

/// The item snapshots of postings made before item versions, from a seq on.
const ITEMS_SQL: &str =
    "SELECT seq, item, uom, std_cost FROM outbox_items WHERE seq >= ?1 ORDER BY seq";

/// [`export`] in one read transaction: a consistent view while terminals post. Writes
/// nothing; the transaction's end is checked like its reads.
///
/// # Errors
/// SQLite fails, or `emit` does.
pub fn export_consistent<E: From<StoreError>>(
    conn: &Connection,
    filter: &ExportFilter,
    emit: &mut dyn FnMut(&Event) -> std::result::Result<(), E>,
) -> std::result::Result<u64, E> {
    let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
    let exported = export(&tx, filter, emit)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(exported)
}

/// Streams the events after `filter.after` in seq order to `emit`, reading the outbox, the
/// ledger and the journal each with one cursor: memory stays flat however many events.
/// `emit` returning an error stops the export with it. Writes nothing.
///
/// # Errors
/// SQLite fails, or `emit` does.
pub fn export<E: From<StoreError>>(
    conn: &Connection,
    filter: &ExportFilter,
    emit: &mut dyn FnMut(&Event) -> std::result::Result<(), E>,
) -> std::result::Result<u64, E> {
    let wants = |t: &str| filter.types.is_empty() || filter.types.contains(&t);
    let (start, movements_after, entries_after) = export_start(conn, filter.after)?;
    let coded_from = super::ledger::coded_reasons_from(conn)?;

    let mut groups_stmt = conn.prepare(GROUPS_SQL).map_err(StoreError::from)?;
    let mut groups = groups_stmt.query([start]).map_err(StoreError::from)?;
    let mut ledger_stmt = conn.prepare(LEDGER_SQL).map_err(StoreError::from)?;
    let mut ledger = ledger_stmt
        .query([movements_after])
        .map_err(StoreError::from)?;
    let mut journal_stmt = conn.prepare(JOURNAL_SQL).map_err(StoreError::from)?;
    let mut journal = journal_stmt
        .query([entries_after])
        .map_err(StoreError::from)?;
    let mut items_stmt = conn.prepare(ITEMS_SQL).map_err(StoreError::from)?;
    let mut items = items_stmt.query([start]).map_err(StoreError::from)?;

    let mut pending_move: Option<LedgerRow> = None;
    let mut pending_entry: Option<JournalRow> = None;
    let mut pending_item: Option<SnapshotItem> = None;
    let mut emitted: u64 = 0;

    while let Some(r) = groups.next().map_err(StoreError::from)? {
        if filter.limit.is_some_and(|l| emitted >= l) {
            break;
        }
        let g = outbox_row(r)?;
        // This group's movements, journal lines and item snapshot.
        let moves = take_through(&mut pending_move, &mut ledger, next_ledger_row, |m| {
            m.id <= g.movements_through
        })?;
        let lines = take_through(&mut pending_entry, &mut journal, next_journal_row, |j| {
            j.entry <= g.entries_through
        })?;
        let snapshot: Vec<SnapshotItem> =
            take_through(&mut pending_item, &mut items, next_item_row, |i| {
                i.seq <= g.seq
            })?
            .into_iter()
            .filter(|i| i.seq == g.seq)
            .collect();

        let mut out = |kind: &'static str,
                       seq: i64,
                       fields: &mut dyn FnMut() -> std::result::Result<
            Vec<(&'static str, Value)>,
            StoreError,
        >|
         -> std::result::Result<bool, E> {
            if seq <= filter.after || !wants(kind) {
                return Ok(true);
            }
            if filter.limit.is_some_and(|l| emitted >= l) {
                return Ok(false);
            }
            let event = Event {
                seq,
                kind,
                at: g.at.clone(),
                user: g.user.clone(),
                approver: g.approver.clone(),
                terminal: g.terminal.clone(),
                fields: fields()?,
            };
            emit(&event)?;
            emitted += 1;
            Ok(true)
        };
        let rows = GroupRows {
            moves: &moves,
            lines: &lines,
            snapshot: &snapshot,
        };
        emit_group(conn, &g, &rows, coded_from, &mut out)?;
    }
    Ok(emitted)
}

/// What one outbox group wrote: its movements, its journal lines and, for a posting from
/// before the item versions, the snapshot of its items (item, unit, cost).
struct GroupRows<'a> {
    moves: &'a [LedgerRow],
    lines: &'a [JournalRow],
    snapshot: &'a [SnapshotItem],
}

/// One item's unit and cost as an old posting (the outbox group at `seq`) kept them.
struct SnapshotItem {
    seq: i64,
    item: ItemCode,
    uom: String,
    std_cost: Money,
}

/// The events of one outbox group in seq order: its header (a report or a reversal), its
/// movements (a transfer's two rows one event), its journal lines. `out` says `false` once the
/// export's limit is reached.
#[allow(clippy::type_complexity)]
fn emit_group<E>(
    conn: &Connection,
    g: &OutboxRow,
    rows: &GroupRows<'_>,
    coded_from: i64,
    out: &mut dyn FnMut(
        &'static str,
        i64,
        &mut dyn FnMut() -> Result<Vec<(&'static str, Value)>>,
    ) -> std::result::Result<bool, E>,
) -> std::result::Result<(), E> {
    let &GroupRows {
        moves,
        lines,
        snapshot,
    } = rows;
    let mut seq = g.seq;
    if g.posting == "close" || g.posting == "reopen" {
        let kind = if g.posting == "close" {
            "order_closed"
        } else {
            "order_reopened"
        };
        if !out(kind, seq, &mut || closing_fields(conn, g.seq))? {
            return Ok(());
        }
        seq += 1;
    }
    if g.posting == "report" || g.posting == "reversal" {
        let kind = if g.posting == "report" {
            "report"
        } else {
            "reversal"
        };
        let report_id = g.report_id.unwrap_or_default();
        if !out(kind, seq, &mut || {
            if kind == "report" {
                report_fields(conn, report_id, g.seq, snapshot)
            } else {
                reversal_fields(conn, report_id)
            }
        })? {
            return Ok(());
        }
        seq += 1;
    }
    let mut ins = moves.iter().filter(|m| m.kind == "transfer_in");
    for m in moves.iter().filter(|m| m.kind != "transfer_in") {
        let to = if m.kind == "transfer_out" {
            ins.next().map(|t| t.location.clone())
        } else {
            None
        };
        if !out("movement", seq, &mut || {
            let unit = if snapshot.is_empty() {
                match &m.first_version {
                    Some((from, uom, cost)) if !m.later_versions && *from <= g.seq => {
                        Some((uom.clone(), *cost))
                    }
                    _ => item_version(conn, &m.item, g.seq)?,
                }
            } else {
                snapshot_unit(snapshot, &m.item)
            };
            movement_fields(conn, m, to.clone(), unit, coded_from)
        })? {
            return Ok(());
        }
        seq += 1;
    }
    for j in lines {
        if !out("journal", seq, &mut || {
            Ok(vec![
                ("entry", Value::Int(j.entry)),
                ("account", Value::Text(j.account.clone())),
                ("debit", Value::dec(j.debit)),
                ("credit", Value::dec(j.credit)),
                ("order", Value::text(j.order.clone())),
                ("report_id", Value::int(j.report_id)),
            ])
        })? {
            return Ok(());
        }
        seq += 1;
    }
    Ok(())
}

/// Where an export after `after` starts: the group holding the next seq, and the ledger and
/// journal ends of the group before it.
fn export_start(conn: &Connection, after: i64) -> Result<(i64, i64, i64)> {
    let start: Option<i64> = conn
        .prepare_cached("SELECT seq FROM outbox WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([after.saturating_add(1)], |r| r.get(0))
        .optional()?;
    let start = start.unwrap_or(1);
    let (movements_after, entries_after): (i64, i64) = conn
        .prepare_cached(
            "SELECT movements_through, entries_through FROM outbox WHERE seq < ?1 ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([start], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, 0));
    Ok((start, movements_after, entries_after))
}

fn outbox_row(r: &rusqlite::Row<'_>) -> Result<OutboxRow> {
    Ok(OutboxRow {
        seq: r.get(0)?,
        posting: r.get(1)?,
        report_id: r.get(2)?,
        movements_through: r.get(3)?,
        entries_through: r.get(4)?,
        at: r.get(5)?,
        terminal: r.get(6)?,
        user: r.get(7)?,
        approver: r.get(8)?,
    })
}

/// The rows of a stream that belong to the current group (`within`), keeping the first row
/// past it for the next group.
fn take_through<T>(
    pending: &mut Option<T>,
    rows: &mut rusqlite::Rows<'_>,
    next: fn(&mut rusqlite::Rows<'_>) -> Result<Option<T>>,
    within: impl Fn(&T) -> bool,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    loop {
        let row = match pending.take() {
            Some(r) => Some(r),
            None => next(rows)?,
        };
        match row {
            Some(r) if within(&r) => out.push(r),
            other => {
                *pending = other;
                return Ok(out);
            }
        }
    }
}

/// One item's unit and cost of an old posting's snapshot.
fn next_item_row(rows: &mut rusqlite::Rows<'_>) -> Result<Option<SnapshotItem>> {
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some(SnapshotItem {
        seq: r.get(0)?,
        item: r.get(1)?,
        uom: r.get(2)?,
        std_cost: r.get(3)?,
    }))
}

fn next_ledger_row(rows: &mut rusqlite::Rows<'_>) -> Result<Option<LedgerRow>> {
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some(LedgerRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        item: r.get(2)?,
        location: r.get(3)?,
        qty: r.get(4)?,
        report_id: r.get(5)?,
        line: r.get(6)?,
        reverses: r.get(7)?,
        reason: r.get(8)?,
        order: r.get(9)?,
        operation: r.get(10)?,
        lot: r.get(11)?,
        first_version: match r.get::<_, Option<i64>>(12)? {
            Some(from) => Some((from, r.get(13)?, r.get::<_, Money>(14)?)),
            None => None,
        },
        later_versions: r.get(15)?,
        source: r.get(16)?,
    }))
}

fn next_journal_row(rows: &mut rusqlite::Rows<'_>) -> Result<Option<JournalRow>> {
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some(JournalRow {
        entry: r.get(0)?,
        account: r.get(1)?,
        debit: r.get(2)?,
        credit: r.get(3)?,
        report_id: r.get(4)?,
        order: r.get(5)?,
    }))
}

fn report_fields(
    conn: &Connection,
    report_id: ReportId,
    seq: i64,
    snapshot: &[SnapshotItem],
) -> Result<Vec<(&'static str, Value)>> {
    let (key, order, item, operation, good, scrap): (
        String,
        String,
        String,
        i64,
        Quantity,
        Quantity,
    ) = conn
        .prepare_cached(
            "SELECT r.idem_key, r.order_id, o.item, r.operation, r.good, r.scrap
             FROM reports r JOIN orders o ON o.order_id = r.order_id WHERE r.id = ?1",
        )?
        .query_row([report_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
    let uom = if snapshot.is_empty() {
        item_version(conn, &item, seq)?
    } else {
        snapshot_unit(snapshot, &item)
    }
    .map(|(u, _)| u);
    let mut labor = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT operation, setup_hours, run_hours, labor_cost, overhead_cost
         FROM report_labor WHERE report_id = ?1 ORDER BY operation",
    )?;
    let mut rows = stmt.query([report_id])?;
    while let Some(r) = rows.next()? {
        labor.push(serde_json::json!({
            "operation": r.get::<_, i64>(0)?,
            "setup_hours": r.get::<_, Hours>(1)?,
            "run_hours": r.get::<_, Hours>(2)?,
            "labor_cost": r.get::<_, Money>(3)?,
            "overhead_cost": r.get::<_, Money>(4)?,
        }));
    }
    Ok(vec![
        ("report_id", Value::Int(report_id.get())),
        ("idempotency_key", Value::Text(key)),
        ("order", Value::Text(order)),
        ("item", Value::Text(item)),
        ("operation", Value::Int(operation)),
        ("good", Value::dec(good)),
        ("scrap", Value::dec(scrap)),
        ("uom", Value::text(uom)),
        (
            "labor",
            Value::Json(serde_json::Value::Array(labor).to_string()),
        ),
    ])
}

fn reversal_fields(conn: &Connection, report_id: ReportId) -> Result<Vec<(&'static str, Value)>> {
    let reason: Option<String> = conn
        .prepare_cached("SELECT reason FROM reversals WHERE report_id = ?1")?
        .query_row([report_id], |r| r.get(0))
        .optional()?;
    let reverses: Option<i64> = conn
        .prepare_cached(
            "SELECT seq FROM outbox WHERE report_id = ?1 AND posting = 'report' ORDER BY seq LIMIT 1",
        )?
        .query_row([report_id], |r| r.get(0))
        .optional()?;
    Ok(vec![
        ("report_id", Value::Int(report_id.get())),
        ("reason", Value::text(reason)),
        ("reverses", Value::int(reverses)),
    ])
}

/// The fields of an `order_closed` or `order_reopened` event: the close or reopen row its
/// posting wrote under its seq.
fn closing_fields(conn: &Connection, seq: i64) -> Result<Vec<(&'static str, Value)>> {
    type Row = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<Money>,
        Option<Money>,
        Option<Money>,
        Option<i64>,
    );
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT order_id, action, reason, closed_as, wip, material_usage_variance,
                    production_variance, reverses
             FROM order_closings WHERE seq = ?1",
        )?
        .query_row([seq], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()?;
    let Some((order, action, reason, closed_as, wip, muv, pv, reverses)) = row else {
        return Err(StoreError::Corrupt(BadValue::ClosingOfEvent { seq }));
    };
    let money = |m: Option<Money>| m.map_or(Value::Null, Value::dec);
    Ok(if action == "close" {
        vec![
            ("order", Value::Text(order)),
            ("closed_as", Value::text(closed_as)),
            ("reason", Value::text(reason)),
            ("wip", money(wip)),
            ("material_usage_variance", money(muv)),
            ("production_variance", money(pv)),
        ]
    } else {
        vec![
            ("order", Value::Text(order)),
            ("reason", Value::text(reason)),
            ("reverses", Value::int(reverses)),
        ]
    })
}

/// The unit and cost of `item` in a posting's snapshot (a posting from before the versions).
fn snapshot_unit(snapshot: &[SnapshotItem], item: &str) -> Option<(String, Money)> {
    snapshot
        .iter()
        .find(|i| i.item == item)
        .map(|i| (i.uom.clone(), i.std_cost))
}

/// The unit and cost of `item` as its posting at `seq` saw them: its latest version from
/// `seq` or before.
fn item_version(conn: &Connection, item: &str, seq: i64) -> Result<Option<(String, Money)>> {
    Ok(conn
        .prepare_cached(
            "SELECT uom, std_cost FROM item_versions WHERE item = ?1 AND from_seq <= ?2
             ORDER BY from_seq DESC LIMIT 1",
        )?
        .query_row(params![item, seq], |r| {
            Ok((r.get(0)?, r.get::<_, Money>(1)?))
        })
        .optional()?)
}

fn movement_fields(
    conn: &Connection,
    m: &LedgerRow,
    to_location: Option<String>,
    unit: Option<(String, Money)>,
    coded_from: i64,
) -> Result<Vec<(&'static str, Value)>> {
    let (uom, cost) = unit.map_or((None, None), |(u, c)| (Some(u), Some(c)));
    let code = MovementKind::parse(&m.kind).map(|k| ErpMovement::of(k, m.qty).code());
    let qty = m.qty.abs();
    let reverses = match m.reverses {
        Some(id) => movement_seq(conn, id)?,
        None => None,
    };
    Ok(vec![
        ("movement_type", Value::int(code.map(i64::from))),
        ("order", Value::text(m.order.clone())),
        ("operation", Value::int(m.operation)),
        ("report_id", Value::int(m.report_id)),
        ("line", Value::text(m.line.clone())),
        ("item", Value::Text(m.item.clone())),
        ("location", Value::Text(m.location.clone())),
        ("to_location", Value::text(to_location)),
        ("lot", Value::text(m.lot.clone())),
        ("qty", Value::dec(qty)),
        ("uom", Value::text(uom)),
        ("std_cost", cost.map_or(Value::Null, Value::dec)),
        ("value", cost.map_or(Value::Null, |c| Value::dec(qty * c))),
        ("source", Value::text(m.source.clone())),
        (
            "reason",
            Value::text(super::ledger::stored_reason(m.id, &m.reason, coded_from).0),
        ),
        ("reverses", Value::int(reverses)),
    ])
}

/// The seq of the event of ledger row `id`.
fn movement_seq(conn: &Connection, id: i64) -> Result<Option<i64>> {
    let group: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT seq, posting FROM outbox WHERE movements_through >= ?1
             ORDER BY movements_through, seq LIMIT 1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((seq, posting)) = group else {
        return Ok(None);
    };
    let after: i64 = conn
        .prepare_cached(
            "SELECT movements_through FROM outbox WHERE seq < ?1 ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([seq], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let before: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM movements WHERE id > ?1 AND id < ?2 AND kind <> 'transfer_in'",
        )?
        .query_row([after, id], |r| r.get(0))?;
    let header = i64::from(posting == "report" || posting == "reversal");
    Ok(Some(seq + header + before))
}

/// Posting kinds seen in the outbox, for tests and `info`.
///
/// # Errors
/// SQLite fails.
pub fn postings(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT posting FROM outbox")?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
