//! The store's migrations: an append-only list, index + 1 = `PRAGMA user_version`.
//! Never edit a shipped migration; add a new one. Long because it holds the SQL of every
//! migration since the first, which must stay as shipped.

/// Every migration in order.
pub const MIGRATIONS: &[&str] = &[
    V1,
    V2_UOM,
    V3_APPLICATION_ID,
    LOTS,
    OUTBOX,
    SETTINGS,
    REQUEST_KEYS,
    REASONS,
    OUTBOX_ITEM_VERSIONS,
    ISSUE_KEYS,
    PIN_CHECKS,
    MOVEMENT_SOURCES,
    ORDER_CLOSE,
    LOCATION_ITEMS,
    USER_LANGUAGE,
    REPORT_KEYS,
    JOURNAL_ORDER_UNREPORTED,
];

const V1: &str = r"
-- master_version counts imports, so a process can keep master data cached and notice when
-- another one changed it.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('master_version', 0);

CREATE TABLE items (
    item        TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    uom         TEXT NOT NULL,
    decimals    INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 9),
    item_type   TEXT NOT NULL CHECK (item_type IN ('stock', 'non-stock', 'phantom')),
    tracking    TEXT NOT NULL CHECK (tracking IN ('none', 'lot', 'serial')),
    backflush   INTEGER NOT NULL,
    std_cost    TEXT NOT NULL
) STRICT;

CREATE TABLE locations (
    location    TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('storage', 'machine', 'finished'))
) STRICT;

CREATE TABLE work_centers (
    work_center   TEXT PRIMARY KEY,
    description   TEXT NOT NULL,
    location      TEXT NOT NULL REFERENCES locations,
    labor_rate    TEXT NOT NULL,
    overhead_rate TEXT NOT NULL,
    backflush     INTEGER NOT NULL
) STRICT;

CREATE TABLE boms (
    parent   TEXT NOT NULL REFERENCES items,
    revision TEXT NOT NULL,
    base_qty TEXT NOT NULL,
    PRIMARY KEY (parent, revision)
) STRICT, WITHOUT ROWID;

CREATE TABLE bom_lines (
    parent          TEXT NOT NULL,
    revision        TEXT NOT NULL,
    line            TEXT NOT NULL,
    component       TEXT NOT NULL REFERENCES items,
    qty             TEXT NOT NULL,
    per             TEXT NOT NULL CHECK (per IN ('unit', 'order')),
    scrap_pct       TEXT NOT NULL,
    operation       INTEGER,
    backflush       INTEGER,
    supply_location TEXT REFERENCES locations,
    PRIMARY KEY (parent, revision, line),
    FOREIGN KEY (parent, revision) REFERENCES boms ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE routing_operations (
    parent      TEXT NOT NULL REFERENCES items,
    revision    TEXT NOT NULL,
    operation   INTEGER NOT NULL,
    work_center TEXT NOT NULL REFERENCES work_centers,
    setup_hours TEXT NOT NULL,
    run_hours   TEXT NOT NULL,
    count_point INTEGER NOT NULL,
    PRIMARY KEY (parent, revision, operation)
) STRICT, WITHOUT ROWID;

CREATE TABLE orders (
    order_id            TEXT PRIMARY KEY,
    item                TEXT NOT NULL REFERENCES items,
    revision            TEXT NOT NULL,
    qty                 TEXT NOT NULL,
    due                 TEXT,
    completion_location TEXT NOT NULL REFERENCES locations,
    released_at         TEXT NOT NULL,
    -- 0 while no report of the order was ever reversed: a line's P is then target(U) and is
    -- derived, not stored; the first reversal stores every line's P and sets 1.
    progress_stored     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX orders_due ON orders (due, order_id);

-- The order's snapshot of its routing, with the cumulative progress of unreversed reports
-- maintained in the posting transaction.
CREATE TABLE order_operations (
    order_id      TEXT NOT NULL REFERENCES orders,
    operation     INTEGER NOT NULL,
    work_center   TEXT NOT NULL REFERENCES work_centers,
    setup_hours   TEXT NOT NULL,
    run_hours     TEXT NOT NULL,
    count_point   INTEGER NOT NULL,
    good          TEXT NOT NULL DEFAULT '0',
    scrap         TEXT NOT NULL DEFAULT '0',
    setup_carried INTEGER NOT NULL DEFAULT 0,
    -- The order's due date, copied so a work center's board is one index range.
    due           TEXT,
    PRIMARY KEY (order_id, operation)
) STRICT, WITHOUT ROWID;
CREATE INDEX order_operations_board ON order_operations (work_center, due, order_id);

-- The order's snapshot of its exploded BOM, with P (planned of unreversed reports).
CREATE TABLE order_materials (
    order_id        TEXT NOT NULL REFERENCES orders,
    line            TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    component       TEXT NOT NULL REFERENCES items,
    qty             TEXT NOT NULL,
    base            TEXT NOT NULL,
    per             TEXT NOT NULL,
    scrap_factor    TEXT NOT NULL,
    operation       INTEGER NOT NULL,
    bom_backflush   INTEGER,
    order_backflush INTEGER,
    supply_location TEXT REFERENCES locations,
    planned         TEXT NOT NULL DEFAULT '0',
    carried         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, line)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
    id        INTEGER PRIMARY KEY,
    idem_key  TEXT NOT NULL UNIQUE,
    order_id  TEXT NOT NULL REFERENCES orders,
    operation INTEGER NOT NULL,
    good      TEXT NOT NULL,
    scrap     TEXT NOT NULL,
    at        TEXT NOT NULL,
    terminal  TEXT NOT NULL,
    user      TEXT NOT NULL,
    approver  TEXT,
    result    TEXT NOT NULL
) STRICT;
CREATE INDEX reports_order ON reports (order_id);

CREATE TABLE report_lines (
    report_id  INTEGER NOT NULL REFERENCES reports,
    line       TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    item       TEXT NOT NULL,
    location   TEXT NOT NULL,
    planned    TEXT NOT NULL,
    qty        TEXT NOT NULL,
    line_scrap TEXT NOT NULL,
    status     TEXT NOT NULL,
    overridden INTEGER NOT NULL,
    carried    INTEGER NOT NULL,
    PRIMARY KEY (report_id, line)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_labor (
    report_id     INTEGER NOT NULL REFERENCES reports,
    operation     INTEGER NOT NULL,
    work_center   TEXT NOT NULL,
    setup_hours   TEXT NOT NULL,
    run_hours     TEXT NOT NULL,
    labor_cost    TEXT NOT NULL,
    overhead_cost TEXT NOT NULL,
    carried_setup INTEGER NOT NULL,
    PRIMARY KEY (report_id, operation)
) STRICT, WITHOUT ROWID;

CREATE TABLE reversals (
    report_id INTEGER PRIMARY KEY REFERENCES reports,
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL,
    terminal  TEXT NOT NULL,
    user      TEXT NOT NULL,
    approver  TEXT
) STRICT;

-- The append-only ledger. qty is signed: + into the location, − out of it.
CREATE TABLE movements (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    item         TEXT NOT NULL REFERENCES items,
    location     TEXT NOT NULL REFERENCES locations,
    qty          TEXT NOT NULL,
    report_id    INTEGER REFERENCES reports,
    line         TEXT,
    exception_id INTEGER,
    reverses     INTEGER REFERENCES movements,
    terminal     TEXT NOT NULL,
    user         TEXT NOT NULL,
    reason       TEXT NOT NULL
) STRICT;
CREATE INDEX movements_report ON movements (report_id) WHERE report_id IS NOT NULL;

CREATE TRIGGER movements_append_only_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER movements_append_only_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

-- Balances maintained in the same transaction as their movements.
-- Keyed by location first: a report reads and writes the balances of one issue location.
CREATE TABLE balances (
    location TEXT NOT NULL,
    item     TEXT NOT NULL,
    qty      TEXT NOT NULL,
    PRIMARY KEY (location, item)
) STRICT, WITHOUT ROWID;
CREATE INDEX balances_item ON balances (item);

CREATE TABLE exceptions (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports,
    line       TEXT NOT NULL,
    order_id   TEXT NOT NULL,
    item       TEXT NOT NULL,
    location   TEXT NOT NULL,
    qty        TEXT NOT NULL,
    shortfall  TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('open', 'posted', 'cancelled')),
    created_at TEXT NOT NULL,
    closed_at  TEXT
) STRICT;
CREATE INDEX exceptions_open ON exceptions (location, id) WHERE status = 'open';
CREATE INDEX exceptions_report ON exceptions (report_id);

-- One row per journal line; the lines of an entry share entry_id and balance.
CREATE TABLE journal (
    entry_id  INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    report_id INTEGER REFERENCES reports,
    reverses  INTEGER,
    terminal  TEXT NOT NULL,
    user      TEXT NOT NULL,
    account   TEXT NOT NULL,
    debit     TEXT NOT NULL,
    credit    TEXT NOT NULL,
    memo      TEXT NOT NULL,
    PRIMARY KEY (entry_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX journal_report ON journal (report_id) WHERE report_id IS NOT NULL;

CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TABLE users (
    badge        TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('operator', 'lead', 'handler', 'admin')),
    pin_hash     TEXT NOT NULL,
    failed_pins  INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
) STRICT;

CREATE TABLE cycle_counts (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    item        TEXT NOT NULL,
    location    TEXT NOT NULL,
    expected    TEXT NOT NULL,
    counted     TEXT NOT NULL,
    movement_id INTEGER REFERENCES movements,
    terminal    TEXT NOT NULL,
    user        TEXT NOT NULL
) STRICT;
";

/// Units of measure on BOM lines: a BOM line's own unit, the conversions, and the
/// conversion an order line's snapshot folded into its `qty`/`base` (kept to explain it).
const V2_UOM: &str = r"
-- NULL = the component's own unit.
ALTER TABLE bom_lines ADD COLUMN uom TEXT;

-- 1 from_uom = factor to_uom; item '' = every item. The reverse direction is implied.
CREATE TABLE uom_conversions (
    item     TEXT NOT NULL,
    from_uom TEXT NOT NULL,
    to_uom   TEXT NOT NULL,
    factor   TEXT NOT NULL,
    PRIMARY KEY (item, from_uom, to_uom)
) STRICT, WITHOUT ROWID;

-- The BOM line's unit when it is not the component's, and the exact conversion ratio
-- uom_num / uom_den already multiplied into qty / base.
ALTER TABLE order_materials ADD COLUMN uom TEXT;
ALTER TABLE order_materials ADD COLUMN uom_num TEXT NOT NULL DEFAULT '1';
ALTER TABLE order_materials ADD COLUMN uom_den TEXT NOT NULL DEFAULT '1';
";

/// Marks the file as a backflush store ([`super::open::APPLICATION_ID`], "BFLS"): a new store
/// gets it at creation, a store made before the mark existed when it is next migrated.
const V3_APPLICATION_ID: &str = "PRAGMA application_id = 1111903315;";

/// Handing postings to the ERP: the store's id, the outbox, consumers' cursors and
/// the `integration` role. The events of a store's existing ledger are written by
/// [`super::outbox::after_migration`] in the same transaction.
pub const OUTBOX: &str = r"
-- The store's identity (store_id: 128 random bits, hex), written by the program.
CREATE TABLE store_identity (
    store_id TEXT NOT NULL PRIMARY KEY
) STRICT;

-- One row per posting: its events are seq .. seq + events - 1, expanded at export from the
-- append-only ledger and journal, after a header event for a report or a reversal.
CREATE TABLE outbox (
    seq               INTEGER PRIMARY KEY,
    events            INTEGER NOT NULL CHECK (events > 0),
    posting           TEXT NOT NULL,
    report_id         INTEGER REFERENCES reports,
    -- High-water marks: the posting's ledger rows are those after the previous row's
    -- movements_through up to its own, its journal entries likewise.
    movements_through INTEGER NOT NULL,
    entries_through   INTEGER NOT NULL,
    at                TEXT NOT NULL,
    terminal          TEXT NOT NULL,
    user              TEXT NOT NULL,
    approver          TEXT
) STRICT;
CREATE INDEX outbox_movements ON outbox (movements_through, seq);
CREATE INDEX outbox_reports ON outbox (report_id, posting) WHERE report_id IS NOT NULL;

-- What the items of a posting cost and were counted in when it posted: an exported event
-- never changes when a later import changes the item.
CREATE TABLE outbox_items (
    seq      INTEGER NOT NULL REFERENCES outbox,
    item     TEXT NOT NULL,
    uom      TEXT NOT NULL,
    std_cost TEXT NOT NULL,
    PRIMARY KEY (seq, item)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER outbox_append_only_update BEFORE UPDATE ON outbox
BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
CREATE TRIGGER outbox_append_only_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
CREATE TRIGGER outbox_items_append_only_update BEFORE UPDATE ON outbox_items
BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
CREATE TRIGGER outbox_items_append_only_delete BEFORE DELETE ON outbox_items
BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;

-- Each consumer's acknowledged seq.
CREATE TABLE export_consumers (
    consumer TEXT PRIMARY KEY,
    through  INTEGER NOT NULL,
    at       TEXT NOT NULL
) STRICT;

-- The integration role (an unattended export job): the role CHECK is rebuilt.
CREATE TABLE users_outbox (
    badge        TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('operator', 'lead', 'handler', 'admin', 'integration')),
    pin_hash     TEXT NOT NULL,
    failed_pins  INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
) STRICT;
INSERT INTO users_outbox SELECT badge, name, role, pin_hash, failed_pins, locked_until FROM users;
DROP TABLE users;
ALTER TABLE users_outbox RENAME TO users;
";

/// Stock by lot. `balances` stays the per item and location total of every item (the
/// untracked posting path is unchanged); `lot_balances` splits a lot- or serial-tracked item's
/// total by lot, so an untracked item has no lot at all and a tracked item's lot `''` is the
/// unknown lot. `movements.lot` is NULL for an untracked item. `lots` keeps each lot's expiry
/// and its first entry (the posting that first brought it into the store) for FIFO.
/// `movements.order_id` links a hand issue (`backflush issue`) that has no report to its order.
/// A store migrated with tracked balances holds them as the unknown lot.
const LOTS: &str = r"
ALTER TABLE movements ADD COLUMN lot TEXT;
ALTER TABLE movements ADD COLUMN order_id TEXT;
CREATE INDEX movements_order_line ON movements (order_id, line) WHERE order_id IS NOT NULL;
CREATE INDEX movements_item_lot ON movements (item, lot) WHERE lot IS NOT NULL;

CREATE TABLE lots (
    item     TEXT NOT NULL REFERENCES items,
    lot      TEXT NOT NULL,
    expires  TEXT,
    first_at TEXT NOT NULL,
    PRIMARY KEY (item, lot)
) STRICT, WITHOUT ROWID;

CREATE TABLE lot_balances (
    location TEXT NOT NULL,
    item     TEXT NOT NULL,
    lot      TEXT NOT NULL,
    qty      TEXT NOT NULL,
    PRIMARY KEY (location, item, lot)
) STRICT, WITHOUT ROWID;
CREATE INDEX lot_balances_lot ON lot_balances (item, lot);

INSERT INTO lots (item, lot, expires, first_at)
SELECT i.item, '', NULL, COALESCE((SELECT min(m.at) FROM movements m WHERE m.item = i.item), '')
FROM items i
WHERE i.tracking <> 'none' AND EXISTS (SELECT 1 FROM movements m WHERE m.item = i.item);

INSERT INTO lot_balances (location, item, lot, qty)
SELECT b.location, b.item, '', b.qty
FROM balances b JOIN items i ON i.item = b.item
WHERE i.tracking <> 'none';

-- A hand issue of a non-stock line: no movement, its quantity and standard cost on the order.
CREATE TABLE non_stock_issues (
    id        INTEGER PRIMARY KEY,
    order_id  TEXT NOT NULL REFERENCES orders,
    line      TEXT NOT NULL,
    report_id INTEGER REFERENCES reports,
    item      TEXT NOT NULL,
    qty       TEXT NOT NULL,
    std_cost  TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX non_stock_issues_order ON non_stock_issues (order_id, line);

-- `backflush issue` runs: idempotency by key, the first result kept.
CREATE TABLE issues (
    id       INTEGER PRIMARY KEY,
    idem_key TEXT NOT NULL UNIQUE,
    request  TEXT NOT NULL,
    result   TEXT NOT NULL
) STRICT;
";

/// The plant's rules: one row per `[policy]`, `[reasons]` or `[accounts]` key set by
/// a `settings.toml` import (dotted key, JSON value); a key without a row has its default.
const SETTINGS: &str = r"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
";

/// Idempotency keys of the postings: the command, its request as canonical text,
/// and the first result (JSON). A report's key also names its request here, so the same key
/// with a different request is refused; its first result is the report's own record
/// (`reports.result`), so its `result` here is ''. Made for every command but `issue`, whose
/// keys join in [`ISSUE_KEYS`].
const REQUEST_KEYS: &str = r"
CREATE TABLE request_keys (
    idem_key TEXT PRIMARY KEY,
    command  TEXT NOT NULL,
    request  TEXT NOT NULL,
    result   TEXT NOT NULL
) STRICT;
";

/// Reason codes: the `[reasons] override` code of an overridden or skipped
/// report line, and the `[reasons] count` code of a cycle count (NULL: none given).
const REASONS: &str = r"
ALTER TABLE report_lines ADD COLUMN reason TEXT;
ALTER TABLE cycle_counts ADD COLUMN reason TEXT;
";

/// The units and standard costs of the outbox's events kept per item version
/// instead of per posting: a posting writes its one `outbox` row, and an event reads the
/// version of its item that was current when its posting committed (the latest `from_seq` at
/// or below its seq). Triggers on `items` write a version whenever an item is made or its unit
/// or cost changes, whoever changes it, as pending (`from_seq` the largest integer); the next
/// posting that records events claims the pending versions with its seq
/// ([`super::outbox::record`]). Postings made before this migration keep their
/// `outbox_items` snapshots. `IF NOT EXISTS`: a store migrated again from before the outbox
/// keeps the versions it has.
const OUTBOX_ITEM_VERSIONS: &str = r"
-- A pending version may be rewritten (the item changed twice before its next posting); a
-- claimed one never is.
CREATE TABLE IF NOT EXISTS item_versions (
    item     TEXT NOT NULL,
    from_seq INTEGER NOT NULL,
    uom      TEXT NOT NULL,
    std_cost TEXT NOT NULL,
    PRIMARY KEY (item, from_seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS item_versions_pending ON item_versions (item)
    WHERE from_seq = 9223372036854775807;

-- The items as they are: the version of every posting from the next seq on.
INSERT OR REPLACE INTO item_versions (item, from_seq, uom, std_cost)
SELECT item, coalesce((SELECT seq + events FROM outbox ORDER BY seq DESC LIMIT 1), 1), uom, std_cost
FROM items;

-- The triggers upsert: an `OR REPLACE` of theirs would yield to the import's own upsert.
CREATE TRIGGER IF NOT EXISTS items_version_insert AFTER INSERT ON items
BEGIN
    INSERT INTO item_versions (item, from_seq, uom, std_cost)
    VALUES (new.item, 9223372036854775807, new.uom, new.std_cost)
    ON CONFLICT (item, from_seq) DO UPDATE SET uom = excluded.uom, std_cost = excluded.std_cost;
END;
CREATE TRIGGER IF NOT EXISTS items_version_update AFTER UPDATE OF uom, std_cost ON items
WHEN old.uom IS NOT new.uom OR old.std_cost IS NOT new.std_cost
BEGIN
    INSERT INTO item_versions (item, from_seq, uom, std_cost)
    VALUES (new.item, 9223372036854775807, new.uom, new.std_cost)
    ON CONFLICT (item, from_seq) DO UPDATE SET uom = excluded.uom, std_cost = excluded.std_cost;
END;
";

/// One idempotency mechanism: the keys of `backflush issue` join the other commands' in
/// `request_keys` (command `issue`, the issue's fingerprint as request, its first result as
/// JSON), so a key that posted an issue is no key of a transfer or a report, nor the other way
/// round. `issues` kept a key's request and result beside the id; `issue_ids` replaces it as
/// what gives a hand issue its id (the sequence goes on from the largest id, as before) and
/// names the key the issue was posted under. A key already in `request_keys` for another
/// command (two namespaces until now) keeps that first use: the issue's retry becomes a
/// conflict. `IF NOT EXISTS` and `OR IGNORE`: a store migrated again from before the outbox,
/// whose `issues` is gone, runs this again and keeps its ids.
pub const ISSUE_KEYS: &str = r"
CREATE TABLE IF NOT EXISTS issues (
    id       INTEGER PRIMARY KEY,
    idem_key TEXT NOT NULL UNIQUE,
    request  TEXT NOT NULL,
    result   TEXT NOT NULL
) STRICT;

INSERT OR IGNORE INTO request_keys (idem_key, command, request, result)
SELECT idem_key, 'issue', request, result FROM issues ORDER BY id;

-- One row per hand issue: its id, and the key whose first result in request_keys it is.
CREATE TABLE IF NOT EXISTS issue_ids (
    id       INTEGER PRIMARY KEY,
    idem_key TEXT NOT NULL UNIQUE
) STRICT;
INSERT OR IGNORE INTO issue_ids (id, idem_key) SELECT id, idem_key FROM issues;

DROP TABLE issues;
";

/// PIN checks in progress: each holds one of its badge's places under the lock-out limit
/// from before its PIN is compared until its check ends, so that checks sent at once never
/// compare more PINs than the badge has attempts left. A place expires (`expires`, RFC 3339
/// UTC to the microsecond) so that a process that dies mid-check does not hold it for ever.
/// `AUTOINCREMENT`: a check whose place expired gives back its own id when it ends, never
/// a later check's. `IF NOT EXISTS`: a store taken back to an older version runs this again.
pub const PIN_CHECKS: &str = r"
CREATE TABLE IF NOT EXISTS pin_checks (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    badge   TEXT NOT NULL,
    expires TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS pin_checks_badge ON pin_checks (badge, expires);
";

/// What the ERP is handed about each posting: a movement's `source` (what posted it), and
/// every journal line's account role (its `[accounts]` key) and order. From the movement
/// marked `coded_reasons_from` on, a movement's `reason` holds a reason code or the user's
/// text ('' for none); rows before it keep the program's words they were written with, and
/// their `source` is derived from stored facts (kind, exception, sign, the count that made
/// it), never from those words. A journal line's role is found from the name it was written
/// with: first the names kept in `settings`, then the default names; a name neither knows
/// keeps a NULL role, and a name two roles share takes the first in `[accounts]` order. A hand
/// issue's or return's journal lines get the order of the movements (or the non-stock
/// record) they were written with, at the same moment by the same terminal and user.
/// `OR IGNORE`: a store taken back to an older version keeps its first mark.
pub const MOVEMENT_SOURCES: &str = r"
ALTER TABLE movements ADD COLUMN source TEXT;
ALTER TABLE journal ADD COLUMN role TEXT;
ALTER TABLE journal ADD COLUMN order_id TEXT;
CREATE INDEX IF NOT EXISTS cycle_counts_movement ON cycle_counts (movement_id)
    WHERE movement_id IS NOT NULL;
INSERT OR IGNORE INTO meta (key, value)
SELECT 'coded_reasons_from', coalesce(max(id), 0) + 1 FROM movements;

DROP TRIGGER movements_append_only_update;
UPDATE movements SET source = CASE
    WHEN kind IN ('issue', 'component_scrap') AND exception_id IS NOT NULL THEN 'deferred'
    WHEN kind IN ('issue', 'component_scrap') THEN 'backflush'
    WHEN kind = 'manual_issue' AND qty LIKE '-%' THEN 'hand_issue'
    WHEN kind = 'manual_issue' THEN 'return'
    WHEN kind = 'receipt' THEN 'receipt'
    WHEN kind IN ('transfer_out', 'transfer_in') THEN 'transfer'
    WHEN kind = 'adjustment' AND EXISTS (
        SELECT 1 FROM cycle_counts c WHERE c.movement_id = movements.id) THEN 'count'
    WHEN kind = 'adjustment' THEN 'opening'
    WHEN kind = 'lead_scrap' THEN 'lead_scrap'
    WHEN kind IN ('substitution_issue', 'substitution_return') THEN 'substitute'
    WHEN kind LIKE 'reverse%' THEN 'reversal'
END
WHERE source IS NULL;
CREATE TRIGGER movements_append_only_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

DROP TRIGGER journal_append_only_update;
UPDATE journal SET order_id = (SELECT r.order_id FROM reports r WHERE r.id = journal.report_id)
WHERE report_id IS NOT NULL AND order_id IS NULL;
UPDATE journal SET order_id = coalesce(
    (SELECT m.order_id FROM movements m
     WHERE m.order_id IS NOT NULL AND m.at = journal.at
       AND m.terminal = journal.terminal AND m.user = journal.user
     ORDER BY m.id LIMIT 1),
    (SELECT n.order_id FROM non_stock_issues n
     WHERE n.report_id IS NULL AND n.at = journal.at ORDER BY n.id LIMIT 1))
WHERE kind = 'issue' AND report_id IS NULL AND order_id IS NULL;
UPDATE journal SET role = (SELECT role FROM (
    SELECT 1 AS rank, 'raw_material' AS role, (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.raw_material') AS name
    UNION ALL SELECT 2, 'wip', (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.wip')
    UNION ALL SELECT 3, 'finished_goods', (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.finished_goods')
    UNION ALL SELECT 4, 'labor_absorbed', (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.labor_absorbed')
    UNION ALL SELECT 5, 'overhead_absorbed', (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.overhead_absorbed')
    UNION ALL SELECT 6, 'scrap_expense', (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.scrap_expense')
    UNION ALL SELECT 7, 'inventory_adjustment', (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.inventory_adjustment')
    UNION ALL SELECT 8, 'non_stock_material', (SELECT json_extract(value, '$') FROM settings WHERE key = 'accounts.non_stock_material')
) WHERE name = journal.account ORDER BY rank LIMIT 1)
WHERE role IS NULL;
UPDATE journal SET role = CASE account
    WHEN '1300 Raw materials' THEN 'raw_material'
    WHEN '1400 Work in process' THEN 'wip'
    WHEN '1500 Finished goods' THEN 'finished_goods'
    WHEN '5100 Labor absorbed' THEN 'labor_absorbed'
    WHEN '5200 Overhead absorbed' THEN 'overhead_absorbed'
    WHEN '5300 Scrap' THEN 'scrap_expense'
    WHEN '5400 Inventory adjustments' THEN 'inventory_adjustment'
    WHEN '5500 Non-stock materials' THEN 'non_stock_material'
END
WHERE role IS NULL;
CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
";

/// Closing an order: its status, and every close and reopen with who, when, why and what it
/// settled (`seq`: the posting's first seq in the outbox, its header event). The journal is
/// read by order for an order's WIP. Journal lines of roles a store migrated before the
/// variance accounts existed could not have: nothing to fill.
pub const ORDER_CLOSE: &str = r"
ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'released'
    CHECK (status IN ('released', 'closed'));
CREATE TABLE order_closings (
    id         INTEGER PRIMARY KEY,
    order_id   TEXT NOT NULL REFERENCES orders,
    action     TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    seq        INTEGER NOT NULL UNIQUE,
    at         TEXT NOT NULL,
    terminal   TEXT NOT NULL,
    user       TEXT NOT NULL,
    approver   TEXT,
    reason     TEXT,
    closed_as  TEXT CHECK (closed_as IN ('complete', 'short')),
    wip        TEXT,
    material_usage_variance TEXT,
    production_variance     TEXT,
    -- A reopen: the seq of the close it reverses.
    reverses   INTEGER
) STRICT;
CREATE INDEX order_closings_order ON order_closings (order_id, id);
CREATE INDEX journal_order ON journal (order_id) WHERE order_id IS NOT NULL;
CREATE TRIGGER order_closings_append_only_update BEFORE UPDATE ON order_closings
BEGIN SELECT RAISE(ABORT, 'order closings are append-only'); END;
CREATE TRIGGER order_closings_append_only_delete BEFORE DELETE ON order_closings
BEGIN SELECT RAISE(ABORT, 'order closings are append-only'); END;
";

/// How a machine location keeps an item (`location_items.csv`): between `min` and `max`,
/// brought in containers of `multiple` (NULL: the item's smallest unit). An import's row
/// with nothing in it removes the row.
const LOCATION_ITEMS: &str = r"
CREATE TABLE IF NOT EXISTS location_items (
    location TEXT NOT NULL REFERENCES locations,
    item     TEXT NOT NULL REFERENCES items,
    min      TEXT NOT NULL,
    max      TEXT NOT NULL,
    multiple TEXT,
    PRIMARY KEY (location, item)
) STRICT, WITHOUT ROWID;
";

/// The language a user's terminal speaks: a catalog's tag, NULL for the terminal's own.
pub const USER_LANGUAGE: &str = r"
ALTER TABLE users ADD COLUMN language TEXT;
";

/// Every report's key in `request_keys`, so that one look-up there answers whether a key is
/// new: a report posted before keys named their request gets a row with an empty request,
/// which any request under its key replays, as before. `OR IGNORE`: a key another command
/// holds keeps that first use (its report's retry is a conflict, as before), and a store
/// taken back to an older version runs this again.
pub const REPORT_KEYS: &str = r"
INSERT OR IGNORE INTO request_keys (idem_key, command, request, result)
SELECT idem_key, 'report', '', '' FROM reports ORDER BY id;
";

/// The order index holds only the journal lines with no report: a report's lines are reached
/// through the report's order and the report index, so a report no longer writes an order
/// index entry for each of its journal lines.
pub const JOURNAL_ORDER_UNREPORTED: &str = r"
DROP INDEX journal_order;
CREATE INDEX journal_order ON journal (order_id) WHERE order_id IS NOT NULL AND report_id IS NULL;
";

#[cfg(test)]
mod tests {
    #[test]
    fn the_stamp_is_the_application_id() {
        assert!(super::V3_APPLICATION_ID.contains(&super::super::open::APPLICATION_ID.to_string()));
    }

    #[test]
    fn the_source_migration_knows_every_account() {
        use crate::domain::journal::{Account, AccountNames};
        let names = AccountNames::default();
        for account in [
            Account::RawMaterial,
            Account::Wip,
            Account::FinishedGoods,
            Account::LaborAbsorbed,
            Account::OverheadAbsorbed,
            Account::ScrapExpense,
            Account::InventoryAdjustment,
            Account::NonStockMaterial,
        ] {
            let key = format!("'accounts.{}'", account.as_str());
            let default = format!("WHEN '{}' THEN '{}'", names.name(account), account.as_str());
            assert!(super::MOVEMENT_SOURCES.contains(&key), "{key}");
            assert!(super::MOVEMENT_SOURCES.contains(&default), "{default}");
        }
    }
}
