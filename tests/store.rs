//! Store and service tests (atomicity, idempotency, reversal, transfers and the exception
//! queue, `verify`): an in-memory or temp-file store filled by a CSV import.

#![allow(clippy::unwrap_used)]

mod common;

use backflush::service::{AdjustRequest, CountRequest, SubstituteRequest, TransferRequest};
use std::path::Path;

use backflush::config::Config;
use backflush::domain::backflush::NegativeStock;
use backflush::domain::backflush::{Change, Override, ReportRequest};
use backflush::domain::codes::{ItemCode, OrderNo};
use backflush::domain::ids::ReportId;
use backflush::domain::qty::Quantity;
use backflush::service::{BatchReport, Credentials, Service, ServiceError};
use backflush::store::{self, Store, StoreError, Synchronous};

use common::{Said, d, on_hand, req};

fn who() -> Credentials {
    Credentials::default()
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The plant. Per unit of A (BOM base 3):
/// line 1 X 1/3 (op 10), line 2 Y 2/3 + 10 % (op 20), line 3 K 1/3 in KG with 2 decimals
/// (op 20), line 4 S 2 per order (op 10), line 5 phantom P ×3 → "5.1" Z 1 per unit (op 20).
/// Routing: op 10 WC10 (setup 1, run 0.5), op 20 WC20 (setup 0.5, run 0.25), both count
/// points. Orders O1 and O2 of 30. Stock: 1000 of each component at its machine.
fn plant_files(dir: &Path) {
    write(
        dir,
        "locations.csv",
        "location,description,kind\n\
         STORE,Storage,storage\n\
         M10,Machine 10,machine\n\
         M20,Machine 20,machine\n\
         FG,Finished goods,finished\n",
    );
    write(
        dir,
        "items.csv",
        "item,description,uom,decimals,type,tracking,backflush,std_cost\n\
         A,Assembly,EA,0,stock,none,yes,100\n\
         X,Third,EA,0,stock,none,yes,2\n\
         Y,Two thirds,EA,0,stock,none,yes,3\n\
         K,Kilo,KG,2,stock,none,yes,4\n\
         S,Setup kit,EA,0,stock,none,yes,5\n\
         P,Phantom,EA,0,phantom,none,yes,0\n\
         Z,Phantom child,EA,0,stock,none,yes,1\n",
    );
    write(
        dir,
        "work_centers.csv",
        "work_center,description,location,labor_rate,overhead_rate,backflush\n\
         WC10,Cell 10,M10,40,20,yes\n\
         WC20,Cell 20,M20,50,30,yes\n",
    );
    write(
        dir,
        "boms.csv",
        "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
         A,1,3,1,X,1,unit,,10,,\n\
         A,1,3,2,Y,2,unit,10,20,,\n\
         A,1,3,3,K,1,unit,,20,,\n\
         A,1,3,4,S,2,order,,10,,\n\
         A,1,3,5,P,3,unit,,20,,\n\
         P,1,1,1,Z,1,unit,,,,\n",
    );
    write(
        dir,
        "routings.csv",
        "parent,revision,operation,work_center,setup_hours,run_hours,count_point\n\
         A,1,10,WC10,1,0.5,yes\n\
         A,1,20,WC20,0.5,0.25,yes\n",
    );
    write(
        dir,
        "orders.csv",
        "order,item,revision,qty,due,completion_location\n\
         O1,A,1,30,2030-01-01,FG\n\
         O2,A,1,30,,FG\n",
    );
    write(
        dir,
        "stock.csv",
        "item,location,qty\n\
         X,M10,1000\n\
         Y,M20,1000\n\
         K,M20,1000\n\
         S,M10,1000\n\
         Z,M20,1000\n",
    );
}

fn import(service: &mut Service, files: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    files(dir.path());
    service.import(dir.path(), &who()).unwrap();
}

fn service_with(config: Config) -> Service {
    let mut s = Service::with_store(Store::open_in_memory().unwrap(), config);
    import(&mut s, plant_files);
    s
}

fn service() -> Service {
    service_with(Config::default())
}

fn config(policy: NegativeStock) -> Config {
    let mut c = Config::default();
    c.policy.negative_stock = policy;
    c
}

fn report(s: &mut Service, order: &str, r: &ReportRequest) -> ReportId {
    s.report(order, r, None, &who()).unwrap().report_id
}

fn count(s: &Service, table: &str) -> i64 {
    s.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Every row of every table a posting writes, as sorted text.
fn snapshot(s: &Service) -> Vec<String> {
    let tables = [
        "reports",
        "report_lines",
        "report_labor",
        "reversals",
        "movements",
        "balances",
        "lot_balances",
        "lots",
        "non_stock_issues",
        "issue_ids",
        "request_keys",
        "exceptions",
        "journal",
        "order_operations",
        "order_materials",
    ];
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = s.conn().prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..n {
                    cells.push(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?));
                }
                Ok(format!("{t}: {}", cells.join(" | ")))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.push(format!("{t}: {} rows", rows.len()));
        out.extend(rows);
    }
    out
}

fn line_planned(s: &Service, order: &str, line: &str) -> Quantity {
    s.order(order).unwrap().1.lines[line].planned
}

fn units(s: &Service, order: &str, operation: i64) -> (Quantity, Quantity) {
    let p = s.order(order).unwrap().1.operations[&operation];
    (p.good, p.scrap)
}

// ---------------------------------------------------------------------------------------------
// Migrations and files
// ---------------------------------------------------------------------------------------------

#[test]
fn an_empty_store_is_migrated_to_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    // A new file, and an existing empty file (user_version 0).
    let fresh = dir.path().join("sub/fresh.db");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    for path in [&fresh, &empty] {
        let st = Store::open(path, Synchronous::Normal).unwrap();
        assert_eq!(st.schema_version().unwrap(), store::known_version());
        let tables: i64 = st
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'
                 AND name IN ('movements', 'balances', 'reports', 'journal', 'exceptions')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 5);
    }
    let mem = Store::open_in_memory().unwrap();
    assert_eq!(mem.schema_version().unwrap(), store::known_version());
    assert!(store::known_version() >= 1);
}

/// Every table and index of a store with its columns (name, type, not null, default, key),
/// sorted: what a store's shape is, whatever order its columns were added in.
fn shape(conn: &rusqlite::Connection) -> Vec<String> {
    let names: Vec<(String, String)> = conn
        .prepare(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for (kind, name) in names {
        let pragma = if kind == "index" {
            "index_info"
        } else {
            "table_info"
        };
        let mut columns: Vec<String> = conn
            .prepare(&format!("SELECT * FROM pragma_{pragma}('{name}')"))
            .unwrap()
            .query_map([], |r| {
                let n = r.as_ref().column_count();
                Ok((1..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join(" "))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        columns.sort();
        out.push(format!("{kind} {name}: {}", columns.join(", ")));
    }
    out
}

#[test]
fn a_store_upgraded_from_the_first_version_has_the_shape_of_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch(store::schema::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let upgraded = Store::open(&old, Synchronous::Normal).unwrap();
    let fresh = Store::open(&dir.path().join("fresh.db"), Synchronous::Normal).unwrap();
    assert_eq!(shape(upgraded.conn()), shape(fresh.conn()));
}

#[test]
fn a_version_1_store_with_a_released_order_migrates_to_units_of_measure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(store::schema::MIGRATIONS[0]).unwrap();
        conn.execute_batch(
            "INSERT INTO items VALUES ('A', '', 'EA', 0, 'stock', 'none', 1, '1');
             INSERT INTO items VALUES ('R', '', 'kg', 3, 'stock', 'none', 1, '2');
             INSERT INTO locations VALUES ('FG', '', 'finished');
             INSERT INTO locations VALUES ('M10', '', 'machine');
             INSERT INTO work_centers VALUES ('WC10', '', 'M10', '1', '1', 1);
             INSERT INTO boms VALUES ('A', '1', '1');
             INSERT INTO bom_lines VALUES ('A', '1', '1', 'R', '0.5', 'unit', '0', 10, NULL, NULL);
             INSERT INTO orders (order_id, item, revision, qty, completion_location, released_at)
               VALUES ('O1', 'A', '1', '4', 'FG', '2026-01-01T00:00:00Z');
             INSERT INTO order_operations (order_id, operation, work_center, setup_hours, run_hours, count_point)
               VALUES ('O1', 10, 'WC10', '0', '0', 1);
             INSERT INTO order_materials (order_id, line, seq, component, qty, base, per, scrap_factor, operation)
               VALUES ('O1', '1', 0, 'R', '0.5', '1', 'unit', '1', 10);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let st = Store::open(&path, Synchronous::Normal).unwrap();
    assert_eq!(st.schema_version().unwrap(), store::known_version());
    let (order, _, _) = store::orders::load_order(st.conn(), "O1").unwrap().unwrap();
    let m = &order.materials[0];
    assert_eq!((m.qty, m.base), (d("0.5"), d("1")));
    assert!(m.ratio.is_one());
    assert_eq!(m.uom, None);
    let master = store::master::load_all(st.conn()).unwrap();
    assert_eq!(
        master.boms[&(ItemCode::from("A"), "1".to_string())].lines[0].uom,
        None
    );
    assert!(master.conversions.is_empty());
}

#[test]
fn a_store_made_before_lots_migrates_with_its_balances_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &store::schema::MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO items VALUES ('L', '', 'EA', 0, 'stock', 'lot', 1, '2');
             INSERT INTO items VALUES ('U', '', 'EA', 0, 'stock', 'none', 1, '1');
             INSERT INTO locations VALUES ('M10', '', 'machine');
             INSERT INTO movements (at, kind, item, location, qty, terminal, user, reason)
               VALUES ('2026-01-01T00:00:00.000000Z', 'adjustment', 'L', 'M10', '7', 't', 'u', 'opening');
             INSERT INTO movements (at, kind, item, location, qty, terminal, user, reason)
               VALUES ('2026-01-01T00:00:00.000000Z', 'adjustment', 'U', 'M10', '5', 't', 'u', 'opening');
             INSERT INTO balances VALUES ('M10', 'L', '7');
             INSERT INTO balances VALUES ('M10', 'U', '5');
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let st = Store::open(&path, Synchronous::Normal).unwrap();
    assert_eq!(st.schema_version().unwrap(), store::known_version());
    let rows = store::queries::balances(st.conn(), None, None).unwrap();
    let seen: Vec<(String, Option<String>, String)> = rows
        .iter()
        .map(|r| (r.item.to_string(), r.lot.clone(), r.qty.to_string()))
        .collect();
    // The tracked item's stock is its unknown lot; the untracked item has no lot.
    assert_eq!(
        seen,
        [
            ("L".to_string(), Some(String::new()), "7".to_string()),
            ("U".to_string(), None, "5".to_string())
        ]
    );
    assert_eq!(
        store::ledger::balance(st.conn(), "L", "M10").unwrap(),
        d("7")
    );
    assert!(store::queries::verify(st.conn()).unwrap().is_empty());
}

#[test]
fn reopening_a_file_store_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bf.db");
    let first_id;
    {
        let mut s = Service::open(Config::default(), &path).unwrap();
        import(&mut s, plant_files);
        first_id = s
            .report("O1", &req(10, "2", "0"), Some("key-1"), &who())
            .unwrap()
            .report_id;
        report(&mut s, "O1", &req(20, "2", "0"));
    }
    let mut s = Service::open(Config::default(), &path).unwrap();
    assert_eq!(on_hand(&s, "X", "M10"), d("999"));
    assert_eq!(on_hand(&s, "S", "M10"), d("998"));
    assert_eq!(on_hand(&s, "Y", "M20"), d("998"));
    assert_eq!(on_hand(&s, "A", "FG"), d("2"));
    assert_eq!(units(&s, "O1", 10), (d("2"), d("0")));
    assert_eq!(line_planned(&s, "O1", "4"), d("2"));
    assert_eq!(count(&s, "reports"), 2);
    // The key is remembered across the reopen; the cumulative rule goes on.
    let again = s
        .report("O1", &req(10, "2", "0"), Some("key-1"), &who())
        .unwrap();
    assert!(again.repeated);
    assert_eq!(again.report_id, first_id);
    report(&mut s, "O1", &req(10, "1", "0"));
    assert_eq!(on_hand(&s, "X", "M10"), d("999")); // target(3) = 1
    assert!(s.verify().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Idempotency and atomicity
// ---------------------------------------------------------------------------------------------

#[test]
fn the_same_idempotency_key_posts_once_and_returns_the_first_result() {
    let mut s = service();
    let first = s
        .report("O1", &req(20, "2", "0"), Some("k1"), &who())
        .unwrap();
    assert!(!first.repeated);
    let before = snapshot(&s);
    let second = s
        .report("O1", &req(20, "2", "0"), Some("k1"), &who())
        .unwrap();
    assert!(second.repeated);
    assert_eq!(second.report_id, first.report_id);
    assert_eq!(second.result, first.result);
    // A different request under the same key is a conflict and posts nothing.
    let third = s
        .report("O1", &req(20, "5", "1"), Some("k1"), &who())
        .unwrap_err();
    assert_eq!(third.kind(), backflush::service::ErrorKind::Conflict);
    assert_eq!(snapshot(&s), before);
    assert_eq!(count(&s, "reports"), 1);
    assert_eq!(on_hand(&s, "Y", "M20"), d("998")); // ceil(2 × 2 × 1.1 / 3) = 2, once
    let json = serde_json::to_value(&first.result).unwrap();
    assert_eq!(json["report_id"], serde_json::json!(first.report_id));
    // Another key posts again.
    let other = s
        .report("O1", &req(20, "2", "0"), Some("k2"), &who())
        .unwrap();
    assert_ne!(other.report_id, first.report_id);
    assert_eq!(count(&s, "reports"), 2);
}

#[test]
fn a_replay_reads_the_stored_result_as_a_typed_report_or_fails_as_corrupt() {
    let mut s = service();
    let first = s
        .report("O1", &req(20, "2", "0"), Some("k1"), &who())
        .unwrap();
    let stored: String = s
        .conn()
        .query_row(
            "SELECT result FROM reports WHERE idem_key = 'k1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(serde_json::to_string(&first.result).unwrap(), stored);
    // A report posted before lots existed kept its JSON without `lots`: it replays with none.
    let old = stored.replace(r#","lots":[]"#, "");
    assert!(!old.contains("lots"), "{old}");
    let set = |s: &Service, text: &str| {
        s.conn()
            .execute(
                "UPDATE reports SET result = ?1 WHERE idem_key = 'k1'",
                [text],
            )
            .unwrap();
    };
    set(&s, &old);
    let again = s
        .report("O1", &req(20, "2", "0"), Some("k1"), &who())
        .unwrap();
    assert!(again.repeated);
    assert_eq!(again.result, first.result);
    // A result that is no report is the store's corruption, not a new posting.
    set(&s, r#"{"report_id":1,"order":"O1"}"#);
    let err = s
        .report("O1", &req(20, "2", "0"), Some("k1"), &who())
        .unwrap_err();
    assert!(
        matches!(err, ServiceError::Store(StoreError::Corrupt(_))),
        "{err:?}"
    );
    assert_eq!(count(&s, "reports"), 1);
}

#[test]
fn a_failure_in_the_middle_of_a_posting_leaves_nothing_behind() {
    let mut s = service();
    report(&mut s, "O1", &req(20, "1", "0"));
    let triggers = [
        // The last write of the report: its journal.
        "CREATE TRIGGER boom BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        // Half-way through the lines: Y (line 2) has moved, K (line 3) fails.
        "CREATE TRIGGER boom BEFORE INSERT ON movements WHEN NEW.item = 'K' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        // After every line, before the receipt.
        "CREATE TRIGGER boom BEFORE INSERT ON movements WHEN NEW.kind = 'receipt' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        // Labor.
        "CREATE TRIGGER boom BEFORE INSERT ON report_labor BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        // The report's lines, right after the report row.
        "CREATE TRIGGER boom BEFORE INSERT ON report_lines BEGIN SELECT RAISE(ABORT, 'injected'); END;",
    ];
    for trigger in triggers {
        let before = snapshot(&s);
        s.conn().execute_batch(trigger).unwrap();
        let err = s
            .report("O1", &req(20, "3", "1"), Some("atomic"), &who())
            .unwrap_err();
        assert!(err.said().contains("injected"), "{trigger}: {err:?}");
        s.conn().execute_batch("DROP TRIGGER boom;").unwrap();
        assert_eq!(snapshot(&s), before, "{trigger}");
        assert_eq!(units(&s, "O1", 20), (d("1"), d("0")));
    }
    // With the failure gone the same key posts, exactly once, from the unchanged progress.
    let posted = s
        .report("O1", &req(20, "3", "1"), Some("atomic"), &who())
        .unwrap();
    assert!(!posted.repeated);
    assert_eq!(units(&s, "O1", 20), (d("4"), d("1")));
    assert_eq!(on_hand(&s, "Y", "M20"), d("996")); // target(5) = ceil(3.67) = 4
    assert_eq!(on_hand(&s, "K", "M20"), d("998.33")); // target(5) = 1.67
    assert_eq!(on_hand(&s, "A", "FG"), d("4"));
    assert!(s.verify().unwrap().is_empty());
}

#[test]
fn a_full_disk_is_named_as_such_with_the_store_being_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bf.db");
    let mut s = Service::open(Config::default(), &path).unwrap();
    import(&mut s, plant_files);
    // The file may not grow by another page, as on a disk with no space left: a report soon
    // needs one.
    let pages: i64 = s
        .conn()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    s.conn()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let mut before = snapshot(&s);
    let mut refused = None;
    for _ in 0..500 {
        match s.report("O1", &req(10, "1", "0"), None, &who()) {
            Ok(_) => before = snapshot(&s),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let said = s
        .named(refused.expect("the store never needed a page"))
        .said();
    assert_eq!(
        said,
        format!(
            "cannot write to the store {}: the disk is full (no space left on device)",
            path.display()
        )
    );
    assert_eq!(snapshot(&s), before, "the refused report wrote nothing");
}

#[test]
fn a_failure_in_the_middle_of_a_reversal_leaves_nothing_behind() {
    let mut s = service();
    let id = report(&mut s, "O1", &req(20, "3", "0"));
    let before = snapshot(&s);
    s.conn()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON journal WHEN NEW.kind = 'reversal'
             BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    let err = s.reverse(id, "wrong order", &who()).unwrap_err();
    assert!(err.said().contains("injected"), "{err:?}");
    s.conn().execute_batch("DROP TRIGGER boom;").unwrap();
    assert_eq!(snapshot(&s), before);
    s.reverse(id, "wrong order", &who()).unwrap();
    assert_eq!(on_hand(&s, "Y", "M20"), d("1000"));
    assert_eq!(units(&s, "O1", 20), (d("0"), d("0")));
}

// ---------------------------------------------------------------------------------------------
// Reversal: takes units out of U and planned out of P
// ---------------------------------------------------------------------------------------------

#[test]
fn reversing_a_middle_report_then_reporting_more_gives_exact_totals() {
    let mut s = service();
    let r1 = report(&mut s, "O1", &req(20, "2", "0"));
    let r2 = report(&mut s, "O1", &req(20, "1", "0"));
    let _r3 = report(&mut s, "O1", &req(20, "2", "1"));
    // Y: 2, 1, 2 (targets 2, 3, 5); K: 0.67, 0.33, 1; Z: 2, 1, 3.
    assert_eq!(on_hand(&s, "Y", "M20"), d("995"));
    assert_eq!(on_hand(&s, "K", "M20"), d("998"));
    assert_eq!(on_hand(&s, "Z", "M20"), d("994"));
    assert_eq!(on_hand(&s, "A", "FG"), d("5"));

    let rev = s.reverse(r2, "counted twice", &who()).unwrap();
    assert_eq!(rev.report_id, r2);
    assert_eq!(units(&s, "O1", 20), (d("4"), d("1")));
    assert_eq!(line_planned(&s, "O1", "2"), d("4")); // = target(5)
    assert_eq!(line_planned(&s, "O1", "3"), d("1.67")); // = target(5)
    assert_eq!(on_hand(&s, "Y", "M20"), d("996"));
    assert_eq!(on_hand(&s, "K", "M20"), d("998.33"));
    assert_eq!(on_hand(&s, "A", "FG"), d("4"));

    report(&mut s, "O1", &req(20, "4", "0"));
    // U = 9: Y target ceil(6.6) = 7, K 3, Z 9; finished goods 8.
    assert_eq!(units(&s, "O1", 20), (d("8"), d("1")));
    assert_eq!(on_hand(&s, "Y", "M20"), d("993"));
    assert_eq!(on_hand(&s, "K", "M20"), d("997"));
    assert_eq!(on_hand(&s, "Z", "M20"), d("991"));
    assert_eq!(on_hand(&s, "A", "FG"), d("8"));
    let v = s.variance("O1").unwrap();
    for l in &v.lines {
        assert_eq!(l.standard_qty, l.actual_qty, "line {}", l.line);
        assert!(l.qty_variance.is_zero(), "line {}", l.line);
    }
    assert_eq!(v.expected_cost, d("42")); // 7 × 3 + 3 × 4 + 9 × 1
    assert!(v.variance.is_zero());
    assert!(s.verify().unwrap().is_empty());

    // Once only, with a reason.
    let err = s.reverse(r2, "again", &who()).unwrap_err();
    assert!(err.said().contains("already reversed"), "{err:?}");
    let err = s.reverse(r1, "  ", &who()).unwrap_err();
    assert!(err.said().contains("reason"), "{err:?}");
    let err = s.reverse(ReportId(9999), "nope", &who()).unwrap_err();
    assert!(err.said().contains("9999"), "{err:?}");
}

#[test]
fn a_reversed_per_order_line_and_setup_are_carried_by_the_next_report() {
    let mut s = service();
    let r1 = report(&mut s, "O2", &req(10, "1", "0"));
    report(&mut s, "O2", &req(10, "1", "0"));
    assert_eq!(on_hand(&s, "S", "M10"), d("998"));
    assert_eq!(on_hand(&s, "X", "M10"), d("999"));
    s.reverse(r1, "wrong order", &who()).unwrap();
    assert_eq!(on_hand(&s, "S", "M10"), d("1000"));
    assert_eq!(on_hand(&s, "X", "M10"), d("1000"));
    let p = s.preview("O2", &req(10, "1", "0")).unwrap();
    let s_line = p.lines.iter().find(|l| l.line == "4").unwrap();
    assert_eq!(s_line.planned, d("2"));
    assert!(s_line.carries_order_qty);
    assert_eq!(p.labor[0].setup_hours, d("1"));
    report(&mut s, "O2", &req(10, "1", "0"));
    assert_eq!(on_hand(&s, "S", "M10"), d("998"));
    assert_eq!(on_hand(&s, "X", "M10"), d("999")); // target(2) = 1
    let p = s.preview("O2", &req(10, "1", "0")).unwrap();
    assert_eq!(
        p.lines.iter().find(|l| l.line == "4").unwrap().planned,
        d("0")
    );
    assert_eq!(p.labor[0].setup_hours, d("0"));
    assert!(s.verify().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Shortage policies, the exception queue, verify
// ---------------------------------------------------------------------------------------------

fn low_stock(dir: &Path) {
    write(
        dir,
        "stock.csv",
        "item,location,qty\nK,M20,0.5\nK,STORE,10\nY,M20,1\n",
    );
}

#[test]
fn block_refuses_the_whole_report_listing_every_short_line() {
    let mut s = service_with(config(NegativeStock::Block));
    import(&mut s, low_stock);
    let before = snapshot(&s);
    let err = s
        .report("O1", &req(20, "3", "0"), None, &who())
        .unwrap_err();
    let text = err.said();
    assert!(text.contains("line 2 Y"), "{text}");
    assert!(text.contains("line 3 K"), "{text}");
    assert!(!text.contains("line 5.1"), "{text}");
    assert_eq!(snapshot(&s), before);
    // The preview does not refuse.
    let p = s.preview("O1", &req(20, "3", "0")).unwrap();
    let st: Vec<(&str, &str)> = p
        .lines
        .iter()
        .map(|l| (l.line.as_str(), l.status.as_str()))
        .collect();
    assert_eq!(st, vec![("2", "short"), ("3", "short"), ("5.1", "issue")]);
}

#[test]
fn defer_posts_and_queues_short_lines_which_transfers_retry_oldest_first() {
    let mut s = service();
    import(&mut s, low_stock);
    let p1 = s.report("O1", &req(20, "3", "0"), None, &who()).unwrap();
    // K needs 1 with 0.5 on hand: queued whole; Y needs 3 with 1: queued.
    let deferred: Vec<&str> = p1.deferred.iter().map(|x| x.line.as_str()).collect();
    assert_eq!(deferred, vec!["2", "3"]);
    assert_eq!(on_hand(&s, "K", "M20"), d("0.5"));
    assert_eq!(on_hand(&s, "Z", "M20"), d("997"));
    let p2 = s.report("O1", &req(20, "3", "0"), None, &who()).unwrap();
    assert_eq!(p2.deferred.len(), 2);
    let open = s.exceptions(true).unwrap();
    let rows: Vec<(&str, &str, Quantity)> = open
        .iter()
        .map(|e| (e.line.as_str(), e.item.as_str(), e.qty))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("2", "Y", d("3")),
            ("3", "K", d("1")),
            ("2", "Y", d("2")), // target(6) = 5, − 3
            ("3", "K", d("1")),
        ]
    );
    let v = s.variance("O1").unwrap();
    let k = v.lines.iter().find(|l| l.line == "3").unwrap();
    assert_eq!((k.actual_qty, k.pending_qty), (d("0"), d("2")));

    // 1 more KG makes 1.5: the older K posts, the younger does not fit and stays open.
    let posted = s
        .transfer(
            &TransferRequest {
                item: "K".into(),
                qty: d("1"),
                from: "STORE".into(),
                to: "M20".into(),
                lots: None,
            },
            &who(),
        )
        .unwrap();
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0].id, open[1].id);
    assert_eq!(on_hand(&s, "K", "M20"), d("0.5"));
    // 2 Y: the older (3) does not fit, the younger (2) does and is not held back.
    import(&mut s, |dir| {
        write(dir, "stock.csv", "item,location,qty\nY,STORE,10\n")
    });
    let posted = s
        .transfer(
            &TransferRequest {
                item: "Y".into(),
                qty: d("1"),
                from: "STORE".into(),
                to: "M20".into(),
                lots: None,
            },
            &who(),
        )
        .unwrap();
    let ids: Vec<_> = posted.iter().map(|e| e.id).collect();
    assert_eq!(ids, vec![open[2].id]);
    assert_eq!(on_hand(&s, "Y", "M20"), d("0"));
    let statuses: Vec<String> = s
        .exceptions(false)
        .unwrap()
        .into_iter()
        .map(|e| e.status.to_string())
        .collect();
    assert_eq!(statuses, vec!["open", "posted", "posted", "open"]);

    // Reversing the second report cancels its open exception and returns what it issued.
    s.reverse(p2.report_id, "double count", &who()).unwrap();
    let statuses: Vec<String> = s
        .exceptions(false)
        .unwrap()
        .into_iter()
        .map(|e| e.status.to_string())
        .collect();
    assert_eq!(statuses, vec!["open", "posted", "posted", "cancelled"]);
    assert_eq!(on_hand(&s, "Y", "M20"), d("2"));
    assert_eq!(on_hand(&s, "K", "M20"), d("0.5"));
    // A retry with stock for the oldest posts it.
    import(&mut s, |dir| {
        write(dir, "stock.csv", "item,location,qty\nY,M20,3\n")
    });
    let posted = s.retry_exceptions(None, &who()).unwrap();
    assert_eq!(
        posted.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![open[0].id]
    );
    assert!(s.exceptions(true).unwrap().is_empty());
    assert_eq!(on_hand(&s, "Y", "M20"), d("0"));
    assert!(s.verify().unwrap().is_empty(), "{:?}", s.verify());
}

#[test]
fn verify_finds_no_problems_after_a_mix_of_postings() {
    let mut s = service();
    import(&mut s, low_stock);
    report(&mut s, "O1", &req(10, "3", "0"));
    report(&mut s, "O1", &req(20, "2", "1")); // Y and K deferred
    let r = ReportRequest {
        overrides: vec![
            Override {
                key: "X".into(),
                change: Change::Qty(d("2")),
            },
            Override {
                key: "4".into(),
                change: Change::Skip,
            },
        ],
        ..req(10, "2", "0")
    };
    report(&mut s, "O1", &r);
    let r = ReportRequest {
        overrides: vec![
            Override {
                key: "Z".into(),
                change: Change::LineScrap(d("1")),
            },
            Override {
                key: "K".into(),
                change: Change::Location("STORE".into()),
            },
        ],
        ..req(20, "1", "0")
    };
    report(&mut s, "O1", &r);
    s.transfer(
        &TransferRequest {
            item: "K".into(),
            qty: d("2"),
            from: "STORE".into(),
            to: "M20".into(),
            lots: None,
        },
        &who(),
    )
    .unwrap();
    let middle = report(&mut s, "O2", &req(20, "0", "2"));
    report(&mut s, "O2", &req(20, "3", "0"));
    s.reverse(middle, "scrap was wrong", &who()).unwrap();
    s.retry_exceptions(None, &who()).unwrap();
    s.transfer(
        &TransferRequest {
            item: "X".into(),
            qty: d("5"),
            from: "M10".into(),
            to: "STORE".into(),
            lots: None,
        },
        &who(),
    )
    .unwrap();
    s.transfer(
        &TransferRequest {
            item: "A".into(),
            qty: d("1"),
            from: "FG".into(),
            to: "STORE".into(),
            lots: None,
        },
        &who(),
    )
    .unwrap();
    let first = s.order("O1").unwrap();
    assert!(first.1.lines.values().all(|l| l.planned >= Quantity::ZERO));
    let problems = s.verify().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    // Every journal entry balances and journal lines are never negative.
    let negative: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM journal WHERE CAST(debit AS REAL) < 0 OR CAST(credit AS REAL) < 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(negative, 0);
}

#[test]
fn the_ledger_refuses_update_and_delete() {
    let mut s = service();
    report(&mut s, "O1", &req(20, "2", "0"));
    let before = snapshot(&s);
    let n = count(&s, "movements");
    assert!(n > 0);
    let err = s
        .conn()
        .execute("UPDATE movements SET qty = '0'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = s.conn().execute("DELETE FROM movements", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = s
        .conn()
        .execute(
            "DELETE FROM movements WHERE id = (SELECT max(id) FROM movements)",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert_eq!(count(&s, "movements"), n);
    assert_eq!(snapshot(&s), before);
}

// ---------------------------------------------------------------------------------------------
// The snapshot of a released order
// ---------------------------------------------------------------------------------------------

#[test]
fn a_re_import_never_changes_a_released_order() {
    let mut s = service();
    let before = s.order("O1").unwrap().0;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "boms.csv",
        "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
         A,1,1,1,X,5,unit,,10,,\n",
    );
    write(
        dir.path(),
        "orders.csv",
        "order,item,revision,qty,due,completion_location\n\
         O1,A,1,40,2030-01-01,FG\n\
         O3,A,1,5,,FG\n",
    );
    let summary = s.import(dir.path(), &who()).unwrap();
    assert_eq!(summary.orders_released, 1);
    assert_eq!(
        summary.warnings,
        vec![backflush::import::ImportWarning::ReleasedOrderChanged {
            file: "orders.csv".into(),
            line: 2,
            order: "O1".into(),
        }]
    );
    assert_eq!(
        backflush::words::import_warning(&summary.warnings[0]),
        "orders.csv:2: order O1 is already released; its changed row is ignored (the order keeps its snapshot)"
    );
    assert_eq!(s.order("O1").unwrap().0, before);
    let o3 = s.order("O3").unwrap().0;
    assert_eq!(o3.materials.len(), 1);
    assert_eq!(o3.materials[0].qty / o3.materials[0].base, d("5"));
}

// ---------------------------------------------------------------------------------------------
// Two terminals on one file; verify is not vacuous
// ---------------------------------------------------------------------------------------------

#[test]
fn two_terminals_on_one_file_share_keys_and_cumulative_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut a = Service::open(Config::default(), &path).unwrap();
    import(&mut a, plant_files);
    let mut b = Service::open(Config::default(), &path).unwrap();
    // Each terminal reads the progress inside its own write: X at 1/3 per unit, one by one.
    let mut issued: Vec<Quantity> = Vec::new();
    for i in 0..6 {
        let s = if i % 2 == 0 { &mut a } else { &mut b };
        report(s, "O1", &req(10, "1", "0"));
        issued.push(d::<Quantity>("1000") - on_hand(s, "X", "M10"));
    }
    assert_eq!(issued, vec![d("1"), d("1"), d("1"), d("2"), d("2"), d("2")]);
    // A key posted at one terminal is a repeat at the other.
    let first = a
        .report("O1", &req(20, "1", "0"), Some("shared"), &who())
        .unwrap();
    let again = b
        .report("O1", &req(20, "1", "0"), Some("shared"), &who())
        .unwrap();
    assert!(again.repeated);
    assert_eq!(again.report_id, first.report_id);
    assert_eq!(units(&b, "O1", 20), (d("1"), d("0")));
    assert!(b.verify().unwrap().is_empty());
}

#[test]
fn verify_names_a_balance_that_differs_from_its_ledger_and_an_unbalanced_entry() {
    let mut s = service();
    report(&mut s, "O1", &req(20, "2", "0"));
    assert!(s.verify().unwrap().is_empty());
    s.conn()
        .execute(
            "UPDATE balances SET qty = '5' WHERE item = 'Y' AND location = 'M20'",
            [],
        )
        .unwrap();
    s.conn()
        .execute(
            "INSERT INTO journal (entry_id, seq, at, kind, terminal, user, account, debit, credit, memo)
             SELECT max(entry_id), 99, 't', 'x', 't', 'u', 'x', '1', '0', 'tampered' FROM journal",
            [],
        )
        .unwrap();
    let problems = s.verify().unwrap();
    let said: Vec<String> = problems.iter().map(backflush::words::problem).collect();
    assert_eq!(
        said,
        vec![
            "balance of Y at M20 is 5 but its ledger sums to 998".to_string(),
            "journal entry 6 does not balance (debit − credit = 1)".to_string(),
        ]
    );
}

#[test]
fn every_movement_records_when_which_terminal_which_user_and_why() {
    let mut config = Config::default();
    config.terminal.id = "T7".into();
    let mut s = service_with(config);
    let id = s
        .report(
            "O1",
            &req(20, "1", "0"),
            None,
            &Credentials {
                badge: Some("B42".into()),
                ..Credentials::default()
            },
        )
        .unwrap()
        .report_id;
    s.reverse(id, "keyed twice", &who()).unwrap();
    let rows: Vec<(String, String, String, String, String, String)> = s
        .conn()
        .prepare("SELECT kind, at, terminal, user, reason, source FROM movements WHERE report_id IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!rows.is_empty());
    // Why: what posted it, and the reason the user gave (a reversal's here).
    for (kind, at, terminal, user, _, source) in &rows {
        assert!(
            chrono::DateTime::parse_from_rfc3339(at).is_ok() && at.ends_with('Z'),
            "{kind}: {at}"
        );
        assert_eq!(terminal, "T7");
        assert!(!user.is_empty(), "{kind}");
        assert!(!source.is_empty(), "{kind}");
    }
    // with no users imported the terminal runs open and records its id as the user.
    assert!(rows.iter().any(|r| r.0 == "issue" && r.3 == "T7"));
    assert!(
        rows.iter()
            .any(|r| r.0.starts_with("reverse_") && r.4 == "keyed twice" && r.5 == "reversal")
    );
}

#[test]
fn the_report_json_carries_decimal_strings_and_path_line_ids() {
    let mut s = service();
    let posted = s.report("O1", &req(20, "2", "1"), None, &who()).unwrap();
    let j = serde_json::to_value(&posted.result).unwrap();
    assert_eq!(j["order"], "O1");
    assert_eq!(j["good"], "2");
    assert_eq!(j["scrap"], "1");
    let lines: Vec<(String, String, String, String)> = j["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["line"].as_str().unwrap().to_string(),
                l["planned"].as_str().unwrap().to_string(),
                l["qty"].as_str().unwrap().to_string(),
                l["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let row = |a: &str, b: &str| {
        (
            a.to_string(),
            b.to_string(),
            b.to_string(),
            "issue".to_string(),
        )
    };
    assert_eq!(lines, vec![row("2", "3"), row("3", "1"), row("5.1", "3")]);
    assert_eq!(j["receipt"]["qty"], "2");
    assert_eq!(j["receipt"]["location"], "FG");
    assert_eq!(j["labor"][0]["run_hours"], "0.75"); // 0.25 × 3
    assert_eq!(j["labor"][0]["labor_cost"], "62.5"); // (0.5 + 0.75) × 50
    let p = s.preview("O1", &req(10, "1", "0")).unwrap();
    let j =
        serde_json::to_value(backflush::service::replay::report_result(&p, None, None)).unwrap();
    assert!(j["receipt"].is_null());
    assert!(j.get("report_id").is_none());
}

#[test]
fn a_batch_posts_each_report_atomically_inside_its_group() {
    let mut s = service();
    // The report of O2 fails half-way through its writes.
    s.conn()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON movements
             WHEN NEW.item = 'K' AND (SELECT order_id FROM reports WHERE id = NEW.report_id) = 'O2'
             BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    let reports: Vec<BatchReport> = [("b1", "O1"), ("b2", "O2"), ("b3", "O1")]
        .iter()
        .map(|(k, o)| BatchReport {
            key: (*k).to_string(),
            order: OrderNo::from(*o),
            request: req(20, "1", "0"),
        })
        .collect();
    let mut results = Vec::new();
    s.report_batch(&reports, &who(), |i, r| {
        results.push((i, r.map(|p| p.report_id)))
    })
    .unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].1.as_ref().unwrap(), &ReportId(1));
    assert!(
        results[1]
            .1
            .as_ref()
            .unwrap_err()
            .said()
            .contains("injected")
    );
    assert_eq!(
        results[2].1.as_ref().unwrap(),
        &ReportId(2),
        "the refused report left nothing, not even its id"
    );
    assert_eq!(units(&s, "O1", 20), (d("2"), d("0")));
    assert_eq!(units(&s, "O2", 20), (d("0"), d("0")));
    s.conn().execute_batch("DROP TRIGGER boom;").unwrap();
    assert!(s.verify().unwrap().is_empty());
    // Posting the batch again posts only what was refused.
    let mut again = Vec::new();
    s.report_batch(&reports, &who(), |_, r| again.push(r.unwrap().repeated))
        .unwrap();
    assert_eq!(again, vec![true, false, true]);
    assert_eq!(units(&s, "O2", 20), (d("1"), d("0")));
}

#[test]
fn a_failure_in_the_middle_of_a_lot_posting_leaves_every_lot_balance_as_it_was() {
    let mut s = service();
    import(&mut s, |dir| {
        write(
            dir,
            "items.csv",
            "item,description,uom,decimals,type,tracking,backflush,std_cost\n\
             L,Lot part,KG,2,stock,lot,yes,3\n",
        );
        write(
            dir,
            "stock.csv",
            "item,location,qty,lot,expires\nL,M10,5,A,2027-01-01\nL,M10,2,B,\n",
        );
    });
    let lot_stock = |dir: &Path| {
        write(
            dir,
            "stock.csv",
            "item,location,qty,lot,expires\nL,M10,9,A,\nL,M10,7,B,\nL,M20,4,C,2027-05-01\n",
        );
    };
    let triggers = [
        // Half-way through the lot balances: A has moved, B fails.
        "CREATE TRIGGER boom BEFORE INSERT ON lot_balances WHEN NEW.lot = 'B' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        // A new lot's first entry.
        "CREATE TRIGGER boom BEFORE INSERT ON lots WHEN NEW.lot = 'C' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        // The journal of the last adjustment.
        "CREATE TRIGGER boom BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'injected'); END;",
    ];
    for trigger in triggers {
        let before = snapshot(&s);
        s.conn().execute_batch(trigger).unwrap();
        let dir = tempfile::tempdir().unwrap();
        lot_stock(dir.path());
        let err = s.import(dir.path(), &who()).unwrap_err();
        assert!(err.said().contains("injected"), "{trigger}: {err:?}");
        s.conn().execute_batch("DROP TRIGGER boom;").unwrap();
        assert_eq!(snapshot(&s), before, "{trigger}");
    }
    import(&mut s, lot_stock);
    let lots = |lot: &str, at: &str| store::ledger::lot_balance(s.conn(), "L", at, lot).unwrap();
    assert_eq!(
        (lots("A", "M10"), lots("B", "M10"), lots("C", "M20")),
        (d("9"), d("7"), d("4"))
    );
    assert_eq!(on_hand(&s, "L", "M10"), d("16"));
    assert!(s.verify().unwrap().is_empty());
}

/// The outbox reaches every ledger row and journal entry (nothing posted without its events).
fn outbox_is_complete(s: &Service) {
    let (movements, entries): (i64, i64) = s
        .conn()
        .query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM movements), (SELECT coalesce(max(entry_id), 0) FROM journal)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (m, e): (i64, i64) = s
        .conn()
        .query_row(
            "SELECT movements_through, entries_through FROM outbox ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((m, e), (movements, entries));
}

#[test]
fn every_posting_kind_writes_its_events_atomically() {
    let mut s = service();
    let rid = report(&mut s, "O1", &req(10, "3", "0"));
    type Posting = Box<dyn Fn(&mut Service) -> backflush::service::Result<()>>;
    let postings: Vec<(&str, Posting)> = vec![
        (
            "report",
            Box::new(|s: &mut Service| {
                s.report("O1", &req(20, "3", "0"), Some("outbox-k"), &who())
                    .map(|_| ())
            }),
        ),
        (
            "transfer",
            Box::new(|s: &mut Service| {
                s.transfer(
                    &TransferRequest {
                        item: "X".into(),
                        qty: d("5"),
                        from: "M10".into(),
                        to: "STORE".into(),
                        lots: None,
                    },
                    &who(),
                )
                .map(|_| ())
            }),
        ),
        (
            "count",
            Box::new(|s: &mut Service| {
                s.cycle_count(
                    &CountRequest {
                        item: "Y".into(),
                        location: "M20".into(),
                        lot: None,
                        counted: d("900"),
                        reason: None,
                    },
                    &who(),
                )
                .map(|_| ())
            }),
        ),
        (
            "adjustment",
            Box::new(move |s: &mut Service| {
                s.adjust_scrap(
                    &AdjustRequest {
                        report: rid,
                        line: "1".into(),
                        qty: d("1"),
                        reason: "DAMAGED".into(),
                        lots: None,
                    },
                    &who(),
                )
                .map(|_| ())
            }),
        ),
        (
            "substitution",
            Box::new(move |s: &mut Service| {
                s.substitute(
                    &SubstituteRequest {
                        report: rid,
                        line: "1".into(),
                        item: "S".into(),
                        qty: None,
                        ..Default::default()
                    },
                    &who(),
                )
                .map(|_| ())
            }),
        ),
        (
            "import",
            Box::new(|s: &mut Service| {
                let dir = tempfile::tempdir().unwrap();
                plant_files(dir.path());
                write(dir.path(), "stock.csv", "item,location,qty\nX,M10,2000\n");
                s.import(dir.path(), &who()).map(|_| ())
            }),
        ),
        (
            "reversal",
            Box::new(move |s: &mut Service| s.reverse(rid, "undo", &who()).map(|_| ())),
        ),
    ];
    for (name, post) in &postings {
        // A posting's one outbox row is all it writes of its events (units and costs come from
        // the item versions, written when items change).
        {
            let boom = "CREATE TRIGGER boom BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected'); END;";
            let before = snapshot(&s);
            let events = count(&s, "outbox");
            s.conn().execute_batch(boom).unwrap();
            let err = post(&mut s).unwrap_err();
            assert!(err.said().contains("injected"), "{name}: {err:?}");
            s.conn().execute_batch("DROP TRIGGER boom;").unwrap();
            assert_eq!(snapshot(&s), before, "{name}: a posting without its events");
            assert_eq!(count(&s, "outbox"), events, "{name}");
        }
        // A failure in the posting itself leaves no events behind either.
        let events = count(&s, "outbox");
        s.conn()
            .execute_batch(
                "CREATE TRIGGER boom BEFORE INSERT ON movements BEGIN SELECT RAISE(ABORT, 'injected'); END;",
            )
            .unwrap();
        assert!(post(&mut s).is_err(), "{name}");
        s.conn().execute_batch("DROP TRIGGER boom;").unwrap();
        assert_eq!(
            count(&s, "outbox"),
            events,
            "{name}: events without their posting"
        );
        post(&mut s).unwrap();
        assert_eq!(count(&s, "outbox"), events + 1, "{name}: one outbox row");
        outbox_is_complete(&s);
    }
    let kinds = store::outbox::postings(s.conn()).unwrap();
    for k in [
        "import",
        "report",
        "transfer",
        "count",
        "adjustment",
        "substitution",
        "reversal",
    ] {
        assert!(kinds.contains(k), "{k} in {kinds:?}");
    }
    // Events are never changed or deleted.
    for sql in ["UPDATE outbox SET user = 'x'", "DELETE FROM outbox"] {
        let err = s.conn().execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert!(s.verify().unwrap().is_empty());
}

/// Every event of the outbox as text (seq, type and fields).
fn events(s: &Service) -> Vec<String> {
    let mut out = Vec::new();
    s.export(
        &store::outbox::ExportFilter::default(),
        &mut |e: &store::outbox::Event| -> Result<(), backflush::service::ServiceError> {
            out.push(format!("{} {} {:?}", e.seq, e.kind, e.fields));
            Ok(())
        },
    )
    .unwrap();
    out
}

#[test]
fn an_exported_event_keeps_the_unit_cost_its_posting_saw() {
    let mut s = service();
    report(&mut s, "O1", &req(10, "3", "0"));
    let first = events(&s);
    let x_cost = |events: &[String], cost: &str| {
        events
            .iter()
            .filter(|e| e.contains("movement") && e.contains("Text(\"X\")"))
            .all(|e| e.contains(&format!("(\"std_cost\", Text(\"{cost}\"))")))
    };
    assert!(x_cost(&first, "2"), "{first:#?}");
    // X's cost changes twice before the next posting, in two imports.
    for cost in ["7", "9"] {
        import(&mut s, |dir| {
            write(
                dir,
                "items.csv",
                &format!(
                    "item,description,uom,decimals,type,tracking,backflush,std_cost\nX,Third,EA,0,stock,none,yes,{cost}\n"
                ),
            );
        });
    }
    assert_eq!(
        events(&s),
        first,
        "a later import changes no exported event"
    );
    report(&mut s, "O1", &req(10, "3", "0"));
    let all = events(&s);
    assert_eq!(all[..first.len()], first[..]);
    let later = &all[first.len()..];
    assert!(
        later.iter().any(|e| e.contains("Text(\"X\")")),
        "{later:#?}"
    );
    assert!(x_cost(later, "9"), "{later:#?}");
    assert!(
        later
            .iter()
            .filter(|e| e.contains("movement") && e.contains("Text(\"X\")"))
            .all(|e| e.contains("(\"value\", Text(\"9\"))")),
        "{later:#?}"
    );
}

#[test]
fn a_stored_word_the_program_does_not_know_is_a_damaged_store_not_a_default() {
    let mut s = service();
    let id = report(&mut s, "O1", &req(20, "2", "0"));
    assert!(s.report_detail(id).is_ok());
    s.conn()
        .execute(
            "UPDATE report_lines SET status = 'lost' WHERE report_id = ?1",
            [id],
        )
        .unwrap();
    let err = s.report_detail(id).unwrap_err().said();
    assert!(err.contains("\"lost\" is not a LineStatus"), "{err}");
    // The ledger is append-only; a damaged file can still hold a kind no version wrote.
    s.conn()
        .execute_batch(
            "DROP TRIGGER movements_append_only_update;
             UPDATE movements SET kind = 'gone' WHERE id = (SELECT max(id) FROM movements);",
        )
        .unwrap();
    let filter = store::queries::AuditFilter {
        limit: 10,
        ..Default::default()
    };
    let err = s.audit(&filter).unwrap_err().said();
    assert!(err.contains("\"gone\" is not a MovementKind"), "{err}");
}

/// The memos of journal lines, column `memo`, of entries of `kind`, in line order.
fn memos(s: &Service, kind: &str) -> Vec<String> {
    let mut stmt = s
        .conn()
        .prepare("SELECT memo FROM journal WHERE kind = ?1 ORDER BY entry_id, seq")
        .unwrap();
    stmt.query_map([kind], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_journal_keeps_a_note_code_and_lines_written_before_keep_their_text() {
    use backflush::domain::journal::Memo;
    let mut s = service();
    let r1 = report(&mut s, "O1", &req(20, "2", "1"));
    let stored = memos(&s, "report");
    assert!(
        stored.contains(&"material_issued".to_string()),
        "{stored:?}"
    );
    assert!(
        stored.contains(&"parent_units_scrapped".to_string()),
        "{stored:?}"
    );
    // The face words a code as the journal used to say it.
    let worded: Vec<String> = stored
        .iter()
        .map(|m| backflush::words::journal_memo(&Memo::read(m)))
        .collect();
    assert!(worded.contains(&"parent units scrapped".to_string()));
    assert!(worded.contains(&"material issued".to_string()));
    s.reverse(r1, "wrong order", &who()).unwrap();
    let reversed = memos(&s, "reversal");
    assert!(
        reversed.contains(&"reversal:parent_units_scrapped".to_string()),
        "{reversed:?}"
    );
    assert_eq!(
        backflush::words::journal_memo(&Memo::read("reversal:parent_units_scrapped")),
        "reversal: parent units scrapped"
    );

    // A store written before notes had codes: its lines keep their text, and reversing them
    // writes what that version wrote.
    let r2 = report(&mut s, "O1", &req(20, "2", "1"));
    s.conn()
        .execute_batch(
            "DROP TRIGGER journal_append_only_update;
             UPDATE journal SET memo = replace(memo, '_', ' ') WHERE kind = 'report';",
        )
        .unwrap();
    s.reverse(r2, "wrong order", &who()).unwrap();
    let reversed = memos(&s, "reversal");
    assert!(
        reversed.contains(&"reversal: parent units scrapped".to_string()),
        "{reversed:?}"
    );
    assert_eq!(
        backflush::words::journal_memo(&Memo::read("reversal: parent units scrapped")),
        "reversal: parent units scrapped"
    );
}

thread_local! {
    /// The statements run on the stores this test's thread traces.
    static STATEMENTS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn trace_statement(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Stmt(_, sql) = event {
        STATEMENTS.with(|s| s.borrow_mut().push(sql.to_string()));
    }
}

#[test]
fn a_batch_reads_each_new_key_once_and_the_outbox_time_once_per_group() {
    let mut s = service();
    import(&mut s, |dir| {
        write(
            dir,
            "orders.csv",
            "order,item,revision,qty,due,completion_location
O3,A,1,1000,,FG
",
        );
    });
    // Two groups of a batch (256 reports a group).
    let reports: Vec<BatchReport> = (0..260)
        .map(|i| BatchReport {
            key: format!("k{i}"),
            order: OrderNo::from("O3"),
            request: req(10, "1", "0"),
        })
        .collect();
    s.conn().trace_v2(
        rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
        Some(trace_statement),
    );
    let mut posted = Vec::new();
    s.report_batch(&reports, &who(), |_, r| posted.push(r.unwrap().repeated))
        .unwrap();
    s.conn()
        .trace_v2(rusqlite::trace::TraceEventCodes::empty(), None);
    assert_eq!(posted, vec![false; 260]);
    let ran =
        |text: &str| STATEMENTS.with(|s| s.borrow().iter().filter(|q| q.contains(text)).count());
    assert_eq!(
        ran("FROM request_keys WHERE idem_key"),
        260,
        "one look-up a key"
    );
    assert_eq!(
        ran("FROM reports WHERE idem_key"),
        0,
        "a new key is not looked up twice"
    );
    assert_eq!(
        ran("SELECT at FROM outbox"),
        2,
        "the last posting's time once a group"
    );
    // Each report is still stamped after the one before it, as the outbox's order says.
    let times: Vec<String> = s
        .conn()
        .prepare("SELECT at FROM outbox ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let reported = &times[times.len() - 260..];
    assert!(reported.windows(2).all(|w| w[0] < w[1]), "{reported:?}");
    assert!(s.verify().unwrap().is_empty());
}
