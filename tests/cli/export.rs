//! Handing postings to the ERP: `info`, `export`, `export ack`, `backup`, and the
//! terminal options of many terminals on one host.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use crate::common::cli::*;

/// `export` with `args`, as JSON lines.
#[track_caller]
fn export(plant: &Plant, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    plant.run(&all).ok().json_lines()
}

/// The fields of an event a test compares (every field but the time and the key).
fn body(e: &Value) -> Value {
    let mut e = e.clone();
    let map = e.as_object_mut().expect("an event is an object");
    map.remove("at");
    map.remove("key");
    e
}

/// The columns and index of the migration that gave movements their source and journal lines
/// their role and order, and of every migration after it (orders' close, users' language),
/// dropped: a store taken back before it runs them again. (The mark of the first coded reason
/// stays, as it would in a real store.)
pub const SOURCES_UNDONE: &str = "DROP TABLE order_closings;
     DROP INDEX journal_order;
     ALTER TABLE orders DROP COLUMN status;
     DROP INDEX cycle_counts_movement;
     ALTER TABLE movements DROP COLUMN source;
     ALTER TABLE journal DROP COLUMN role;
     ALTER TABLE journal DROP COLUMN order_id;
     ALTER TABLE users DROP COLUMN language;";

fn store_id(plant: &Plant) -> String {
    text(&plant.run(&["info", "--json"]).ok().json()["store_id"])
}

#[test]
fn info_names_the_store_and_counts_it() {
    let plant = Plant::base();
    let info = plant.run(&["info", "--json"]).ok().json();
    let id = text(&info["store_id"]);
    assert_eq!(id.len(), 32, "{info}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{info}");
    assert_eq!(
        info["counts"],
        json!({"items": 3, "orders": 1, "reports": 0, "movements": 3})
    );
    assert_eq!(info["path"], plant.db.display().to_string());
    // Another store has another id; the same store keeps its own.
    assert_ne!(store_id(&Plant::base()), id);
    assert_eq!(store_id(&plant), id);
}

#[test]
fn opening_balances_are_exported_as_701_with_their_journal() {
    let plant = Plant::base();
    let id = store_id(&plant);
    let events = export(&plant, &[]);
    assert_eq!(events.len(), 9, "3 movements and 3 two-line entries");
    assert_eq!(events[0]["key"], format!("{id}:1"));
    assert_eq!(
        body(&events[0]),
        json!({
            "seq": 1, "type": "movement", "user": events[0]["user"], "approver": null,
            "terminal": events[0]["terminal"], "movement_type": 701, "order": null,
            "operation": null, "report_id": null, "line": null, "item": "C1", "location": "M1",
            "to_location": null, "lot": null, "qty": "100", "uom": "EA", "std_cost": "2",
            "value": "200", "source": "opening", "reason": null, "reverses": null
        })
    );
    assert_eq!(
        body(&events[3]),
        json!({
            "seq": 4, "type": "journal", "user": events[0]["user"], "approver": null,
            "terminal": events[0]["terminal"], "entry": 1, "account": "1300 Raw materials",
            "debit": "200", "credit": "0", "order": null, "report_id": null
        })
    );
    let seqs: Vec<i64> = events.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=9).collect::<Vec<_>>());
    // A re-import that changes a balance exports the difference as a loss.
    plant
        .import(&Files::base().with("stock.csv", "item,location,qty\nC1,M1,90\n"))
        .ok();
    let after = export(&plant, &["--after", "9", "--types", "movement"]);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0]["movement_type"], 702);
    assert_eq!(after[0]["qty"], "10");
    assert_eq!(after[0]["value"], "20");
}

#[test]
fn a_report_leads_its_movements_and_journal_and_a_replay_adds_nothing() {
    let plant = Plant::base();
    let args = [
        "--order", "WO1", "--op", "10", "--good", "3", "--key", "K-1",
    ];
    let report = plant.report(&args);
    let rid = report["report_id"].clone();
    let events = export(&plant, &["--after", "9"]);
    assert_eq!(events[0]["type"], "report");
    assert_eq!(
        body(&events[0]),
        json!({
            "seq": 10, "type": "report", "user": events[0]["user"], "approver": null,
            "terminal": events[0]["terminal"], "report_id": rid, "idempotency_key": "K-1",
            "order": "WO1", "item": "P", "operation": 10, "good": "3", "scrap": "0",
            "uom": "EA", "labor": events[0]["labor"]
        })
    );
    assert_eq!(
        events[0]["labor"],
        json!([{"operation": 10, "setup_hours": "0.5", "run_hours": "0.3",
                "labor_cost": "32", "overhead_cost": "16"}])
    );
    let moves: Vec<&Value> = events.iter().filter(|e| e["type"] == "movement").collect();
    let c1 = moves.iter().find(|m| m["item"] == "C1").expect("C1 issued");
    assert_eq!(
        body(c1),
        json!({
            "seq": c1["seq"], "type": "movement", "user": c1["user"], "approver": null,
            "terminal": c1["terminal"], "movement_type": 261, "order": "WO1", "operation": 10,
            "report_id": rid, "line": "10", "item": "C1", "location": "M1", "to_location": null,
            "lot": null, "qty": "6", "uom": "EA", "std_cost": "2", "value": "12",
            "source": "backflush", "reason": null, "reverses": null
        })
    );
    // Report, movements in ledger order, then journal lines.
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    let first_journal = kinds.iter().position(|k| *k == "journal").unwrap();
    assert!(kinds[1..first_journal].iter().all(|k| *k == "movement"));
    assert!(kinds[first_journal..].iter().all(|k| *k == "journal"));
    assert!(
        events[first_journal..]
            .iter()
            .all(|j| j["report_id"] == rid && j["order"] == "WO1")
    );
    let debit: f64 = events[first_journal..]
        .iter()
        .map(|j| text(&j["debit"]).parse::<f64>().unwrap())
        .sum();
    let credit: f64 = events[first_journal..]
        .iter()
        .map(|j| text(&j["credit"]).parse::<f64>().unwrap())
        .sum();
    assert!((debit - credit).abs() < 1e-9);
    // The same key again posts nothing and exports nothing new.
    let all = export(&plant, &[]).len();
    plant.report(&args);
    assert_eq!(export(&plant, &[]).len(), all);
    // The last operation receives the finished goods.
    let last = export(&plant, &[]).last().unwrap()["seq"].to_string();
    plant.report(&["--order", "WO1", "--op", "20", "--good", "3"]);
    let later = export(&plant, &["--after", &last, "--types", "movement"]);
    let fg = later.iter().find(|m| m["item"] == "P").expect("receipt");
    assert_eq!(
        (
            &fg["movement_type"],
            &fg["qty"],
            &fg["value"],
            &fg["location"],
            &fg["operation"]
        ),
        (
            &json!(101),
            &json!("3"),
            &json!("300"),
            &json!("FG"),
            &json!(20)
        )
    );
    // Exporting writes nothing: the same events twice.
    assert_eq!(export(&plant, &[]), export(&plant, &[]));
}

#[test]
fn a_reversal_names_the_report_event_and_each_movement_it_compensates() {
    let plant = Plant::base();
    let rid = text(&plant.report(&["--order", "WO1", "--op", "10", "--good", "2"])["report_id"]);
    let posted = export(&plant, &["--after", "9"]);
    plant
        .run(&["reverse", "--report", &rid, "--reason", "wrong order"])
        .ok();
    let last = posted.last().unwrap()["seq"].as_i64().unwrap();
    let events = export(&plant, &["--after", &last.to_string()]);
    assert_eq!(events[0]["type"], "reversal");
    assert_eq!(events[0]["reason"], "wrong order");
    assert_eq!(events[0]["reverses"], posted[0]["seq"]);
    assert_eq!(text(&events[0]["report_id"]), rid);
    let back = &events[1];
    let issue = posted.iter().find(|e| e["item"] == "C1").unwrap();
    assert_eq!(back["movement_type"], 262);
    assert_eq!(back["qty"], "4");
    assert_eq!(back["reverses"], issue["seq"]);
}

#[test]
fn a_deferred_line_is_exported_when_it_posts_and_a_cancelled_one_never() {
    let short = Files::base().with("stock.csv", "item,location,qty\nC1,M1,5\nC1,RAW,100\n");
    let plant = Plant::with(&short);
    let before = export(&plant, &[]).len();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let events = export(&plant, &[]);
    assert!(
        events[before..]
            .iter()
            .all(|e| e["item"] != "C1" || e["type"] != "movement"),
        "a deferred line has no movement yet"
    );
    let last = events.last().unwrap()["seq"].as_i64().unwrap().to_string();
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "10", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    let moved = export(&plant, &["--after", &last, "--types", "movement"]);
    assert_eq!(moved.len(), 2, "{moved:?}");
    assert_eq!(moved[0]["movement_type"], 311);
    assert_eq!(moved[0]["location"], "RAW");
    assert_eq!(moved[0]["to_location"], "M1");
    assert_eq!(moved[0]["qty"], "10");
    assert_eq!(moved[1]["movement_type"], 261);
    assert_eq!(moved[1]["qty"], "6");
    assert_eq!(moved[1]["order"], "WO1");
    assert_eq!(moved[1]["operation"], 10);

    let plant = Plant::with(&short);
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let events = export(&plant, &[]);
    let id = text(&plant.exceptions(&[])[0]["id"]);
    plant.run(&["exceptions", "cancel", "--id", &id]).ok();
    plant.run(&["exceptions", "retry"]).ok();
    assert_eq!(
        export(&plant, &[]),
        events,
        "a cancelled exception is never exported"
    );
}

#[test]
fn consumers_acknowledge_forward_only() {
    let plant = Plant::base();
    assert_eq!(export(&plant, &["--consumer", "erp"]).len(), 9);
    assert_eq!(
        plant
            .run(&[
                "export",
                "ack",
                "--consumer",
                "erp",
                "--through",
                "4",
                "--json"
            ])
            .ok()
            .json(),
        json!({"consumer": "erp", "through": 4, "previous": 0, "changed": true})
    );
    let rest = export(&plant, &["--consumer", "erp"]);
    assert_eq!(rest[0]["seq"], 5);
    assert_eq!(rest.len(), 5);
    // Again the same: nothing changes.
    let same = plant
        .run(&[
            "export",
            "ack",
            "--consumer",
            "erp",
            "--through",
            "4",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(same["changed"], false);
    plant
        .run(&["export", "ack", "--consumer", "erp", "--through", "3"])
        .refused()
        .says(&["3", "4"]);
    plant
        .run(&["export", "ack", "--consumer", "erp", "--through", "10"])
        .refused()
        .says(&["10", "9"]);
    // Another consumer starts at 0.
    assert_eq!(export(&plant, &["--consumer", "bi"]).len(), 9);
    assert_eq!(
        export(&plant, &["--consumer", "erp", "--limit", "2"]).len(),
        2
    );
}

#[test]
fn export_usage_errors() {
    let plant = Plant::base();
    plant
        .run(&["export", "--after", "1", "--consumer", "erp"])
        .usage();
    plant
        .run(&["export", "--types", "movement,bogus"])
        .usage()
        .says(&["bogus"]);
    let only = export(&plant, &["--types", "journal"]);
    assert_eq!(only.len(), 6);
    assert!(only.iter().all(|e| e["type"] == "journal"));
}

#[test]
fn csv_has_a_header_of_every_field() {
    let plant = Plant::base();
    let out = plant.run(&["export", "--csv", "--limit", "1"]);
    out.ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "seq,key,type,at,user,approver,terminal,report_id,idempotency_key,order,item,operation,good,scrap,uom,labor,reason,reverses,movement_type,line,location,to_location,lot,qty,std_cost,value,entry,account,debit,credit,source,closed_as,wip,material_usage_variance,production_variance"
    );
    assert_eq!(lines.len(), 2);
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(cells.len(), 35);
    assert_eq!(cells[16], "", "an opening balance has no reason");
    assert_eq!(cells[30], "opening");
    assert_eq!(cells[0], "1");
    assert_eq!(cells[2], "movement");
    assert_eq!(cells[18], "701");
    assert_eq!(cells[23], "100");
}

#[test]
fn the_integration_role_reads_and_acknowledges_and_nothing_else() {
    let users = format!("{USERS}4001,Erp Job,integration,4444\n");
    let plant = Plant::with(&Files::base().with("users.csv", &users));
    let pin = [("BACKFLUSH_PIN", "4444")];
    let events = plant
        .run_env(&["--user", "4001", "export", "--consumer", "erp"], &pin)
        .ok()
        .json_lines();
    let last = events.last().unwrap()["seq"].to_string();
    plant
        .run_env(
            &[
                "--user",
                "4001",
                "export",
                "ack",
                "--consumer",
                "erp",
                "--through",
                &last,
            ],
            &pin,
        )
        .ok();
    plant
        .run_env(
            &[
                "--user", "4001", "report", "--order", "WO1", "--op", "10", "--good", "1",
            ],
            &pin,
        )
        .refused()
        .says(&["4001", "integration"]);
    plant
        .run_env(
            &[
                "--user",
                "1001",
                "export",
                "ack",
                "--consumer",
                "erp",
                "--through",
                &last,
            ],
            &[("BACKFLUSH_PIN", "1234")],
        )
        .refused()
        .says(&["1001", "admin or integration"]);
    plant
        .run_env(&["--user", "4001", "backup", "x.db"], &pin)
        .refused();
}

#[test]
fn the_terminal_option_wins_over_its_variable_and_is_recorded() {
    let plant = Plant::base().config("[terminal]\nid = \"T-CONFIG\"\n");
    let env = [("BACKFLUSH_TERMINAL", "T-ENV")];
    plant
        .run_env(
            &[
                "--terminal",
                "T-OPT",
                "report",
                "--order",
                "WO1",
                "--op",
                "10",
                "--good",
                "1",
            ],
            &env,
        )
        .ok();
    plant
        .run_env(
            &["report", "--order", "WO1", "--op", "10", "--good", "1"],
            &env,
        )
        .ok();
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "1"])
        .ok();
    let reports = export(&plant, &["--types", "report"]);
    let terminals: Vec<&str> = reports
        .iter()
        .map(|r| r["terminal"].as_str().unwrap())
        .collect();
    assert_eq!(terminals, ["T-OPT", "T-ENV", "T-CONFIG"]);
}

#[test]
fn staging_takes_the_work_center_before_or_after_the_subcommand() {
    let plant = Plant::base();
    let after = plant
        .run(&["staging", "--work-center", "WC1", "--json"])
        .ok()
        .json();
    let before = plant
        .run(&["--work-center", "WC1", "staging", "--json"])
        .ok()
        .json();
    let env = plant
        .run_env(&["staging", "--json"], &[("BACKFLUSH_WORK_CENTER", "WC1")])
        .ok()
        .json();
    assert_eq!(after, before);
    assert_eq!(after, env);
    plant.run(&["staging"]).usage().says(&["--work-center"]);
}

#[test]
fn backup_is_a_private_copy_of_the_store() {
    use std::os::unix::fs::PermissionsExt;
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    let copy = plant.tmp.path().join("copy.db");
    let copy_s = copy.to_str().unwrap();
    plant.run(&["backup", copy_s]).ok();
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let a = plant.run(&["stock", "--json"]).ok().json();
    let mut other = Plant::empty();
    other.db = copy.clone();
    let b = other.run(&["stock", "--json"]).ok().json();
    assert_eq!(a, b);
    assert_eq!(
        other.run(&["info", "--json"]).ok().json()["store_id"],
        json!(store_id(&plant))
    );
    plant.run(&["backup", copy_s]).refused().says(&[copy_s]);
}

#[test]
fn a_store_from_before_the_outbox_gets_the_events_of_its_ledger() {
    let plant = Plant::base();
    let rid = text(&plant.report(&["--order", "WO1", "--op", "10", "--good", "2"])["report_id"]);
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    plant
        .run(&["reverse", "--report", &rid, "--reason", "undo"])
        .ok();
    let expected: Vec<Value> = export(&plant, &[]).iter().map(body).collect();
    // Back to the schema before the outbox: its tables gone, and the REASONS columns that
    // came after it, the version two lower.
    {
        let conn = rusqlite::Connection::open(&plant.db).unwrap();
        // The migrations after the outbox's run again: their tables go too.
        let schema = backflush::store::schema::MIGRATIONS;
        let before = schema
            .iter()
            .position(|m| *m == backflush::store::schema::OUTBOX)
            .unwrap();
        conn.execute_batch(&format!(
            "DROP TABLE outbox_items; DROP TABLE outbox; DROP TABLE store_identity;
             DROP TABLE export_consumers; DROP TABLE IF EXISTS settings; DROP TABLE IF EXISTS request_keys;
             ALTER TABLE report_lines DROP COLUMN reason;
             ALTER TABLE cycle_counts DROP COLUMN reason;
             {SOURCES_UNDONE}
             PRAGMA user_version = {before};"
        ))
        .unwrap();
    }
    let migrated: Vec<Value> = export(&plant, &[]).iter().map(body).collect();
    assert_eq!(migrated, expected);
    assert_eq!(store_id(&plant).len(), 32);
    plant.verify();
}

#[test]
fn the_example_consumer_sends_and_acknowledges_once() {
    let plant = Plant::base();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/integration/export-to-erp.sh"
    );
    let run = || {
        std::process::Command::new("bash")
            .arg(script)
            .arg("--db")
            .arg(&plant.db)
            .env("BACKFLUSH", crate::common::binary())
            .env_remove("ERP_URL")
            .env_remove("BACKFLUSH_CONFIG")
            .env("HOME", plant.tmp.path())
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(stdout.contains("would send 9 events"), "{stdout}");
    assert!(stdout.contains("acknowledged through seq 9"), "{stdout}");
    let second = run();
    assert!(second.status.success(), "{second:?}");
    assert!(String::from_utf8_lossy(&second.stdout).contains("nothing new for erp"));
    assert_eq!(export(&plant, &["--consumer", "erp"]), Vec::<Value>::new());
}

#[test]
fn eight_terminals_post_at_once_and_the_export_adds_up() {
    let orders: String = (1..=8)
        .map(|t| format!("WT{t},P,1,1000,2026-12-01,FG\n"))
        .collect();
    let plant = Plant::with(
        &Files::base()
            .with(
                "stock.csv",
                "item,location,qty\nC1,M1,100000\nC2,M2,100000\n",
            )
            .with(
                "orders.csv",
                &format!("order,item,revision,qty,due,completion_location\n{orders}"),
            ),
    );
    let before = export(&plant, &[]).len();
    const EACH: usize = 10;
    let children: Vec<_> = (1..=8)
        .map(|t| {
            let mut batch = String::from("key,order,op,good,scrap\n");
            for i in 0..EACH {
                batch.push_str(&format!("T{t}-{i},WT{t},10,1,0\n"));
            }
            let file = plant.tmp.path().join(format!("batch{t}.csv"));
            std::fs::write(&file, batch).unwrap();
            std::process::Command::new(crate::common::binary())
                .arg("--db")
                .arg(&plant.db)
                .args(["--terminal", &format!("T-{t}"), "report", "--batch"])
                .arg(&file)
                .env_remove("BACKFLUSH_CONFIG")
                .env("HOME", plant.tmp.path())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    plant.verify();
    let events = export(&plant, &[]);
    let seqs: Vec<i64> = events.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(
        seqs,
        (1..=seqs.len() as i64).collect::<Vec<_>>(),
        "no gap, no repeat"
    );
    let reports: Vec<&Value> = events[before..]
        .iter()
        .filter(|e| e["type"] == "report")
        .collect();
    let info = plant.run(&["info", "--json"]).ok().json();
    assert_eq!(info["counts"]["reports"], 8 * EACH, "{info}");
    assert_eq!(reports.len(), 8 * EACH);
    for t in 1..=8 {
        let mine: Vec<&&Value> = reports
            .iter()
            .filter(|r| r["terminal"] == format!("T-{t}"))
            .collect();
        assert_eq!(mine.len(), EACH, "terminal T-{t}");
        assert!(mine.iter().all(|r| r["order"] == format!("WT{t}")));
    }
    // Every report's movements follow it and carry its terminal: 2 C1 per unit.
    let issued: usize = events[before..]
        .iter()
        .filter(|e| e["type"] == "movement" && e["movement_type"] == 261)
        .map(|e| {
            assert_eq!(e["qty"], "2");
            1
        })
        .sum();
    assert_eq!(issued, 8 * EACH);
    assert_eq!(plant.qty("C1", "M1"), (100_000 - 2 * 8 * EACH).to_string());
}

#[test]
fn a_batch_killed_half_way_exports_every_posted_report_whole() {
    let plant = Plant::with(
        &Files::base()
            .with(
                "stock.csv",
                "item,location,qty\nC1,M1,1000000\nC2,M2,1000000\n",
            )
            .with(
                "orders.csv",
                "order,item,revision,qty,due,completion_location\nWO1,P,1,100000,,FG\n",
            ),
    );
    let mut child = start_batch(&plant, "crash");
    // Wait for the first committed reports, then kill -9 (SIGKILL) while it posts.
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    while conn
        .query_row("SELECT count(*) FROM reports", [], |r| r.get::<_, i64>(0))
        .unwrap_or(0)
        == 0
    {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().unwrap();
    let _ = child.wait();
    drop(conn);
    plant.verify();
    let info = plant.run(&["info", "--json"]).ok().json();
    let posted = info["counts"]["reports"].as_i64().unwrap();
    assert!(
        posted > 0 && posted < 4000,
        "killed half-way: {posted} posted"
    );
    let events = export(&plant, &[]);
    let mut reports = 0;
    let mut i = 0;
    while i < events.len() {
        if events[i]["type"] == "report" {
            reports += 1;
            let rid = &events[i]["report_id"];
            let group: Vec<&Value> = events[i + 1..]
                .iter()
                .take_while(|e| e["type"] != "report")
                .collect();
            let moves = group.iter().filter(|e| e["type"] == "movement").count();
            let journal = group.iter().filter(|e| e["type"] == "journal").count();
            assert_eq!(moves, 1, "report {rid}: its C1 issue");
            assert!(journal >= 4, "report {rid}: its journal");
            assert!(group.iter().all(|e| &e["report_id"] == rid));
            i += 1 + group.len();
        } else {
            i += 1;
        }
    }
    assert_eq!(reports, posted, "every posted report is exported");
}

/// Starts `report --batch` of 4,000 one-unit reports of WO1 at op 10 (keys `PREFIX-N`) in
/// its own process, its output thrown away.
fn start_batch(plant: &Plant, prefix: &str) -> std::process::Child {
    let mut batch = String::from("key,order,op,good,scrap\n");
    for i in 0..4000 {
        batch.push_str(&format!("{prefix}-{i},WO1,10,1,0\n"));
    }
    let file = plant.tmp.path().join(format!("{prefix}.csv"));
    std::fs::write(&file, batch).unwrap();
    std::process::Command::new(crate::common::binary())
        .arg("--db")
        .arg(&plant.db)
        .args(["report", "--batch"])
        .arg(&file)
        .env_remove("BACKFLUSH_CONFIG")
        .env("HOME", plant.tmp.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Runs the binary on `db` until it exits; whether it succeeded.
fn post(db: &std::path::Path, home: &std::path::Path, args: &[&str]) -> bool {
    std::process::Command::new(crate::common::binary())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BACKFLUSH_CONFIG")
        .env("HOME", home)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn postings_made_at_once_export_their_times_in_seq_order() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let plant = Plant::with(
        &Files::base()
            .with(
                "stock.csv",
                "item,location,qty\nC1,M1,1000000\nC1,RAW,1000000\nC2,M2,50\n",
            )
            .with(
                "orders.csv",
                "order,item,revision,qty,due,completion_location\nWO1,P,1,100000,,FG\n",
            ),
    );
    // A batch holds the write lock group after group while other processes post transfers,
    // counts and single reports, each waiting its turn.
    let mut child = start_batch(&plant, "b");
    let done = Arc::new(AtomicBool::new(false));
    let postings: [&[&str]; 5] = [
        &[
            "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M1",
        ],
        &[
            "transfer", "--item", "C1", "--qty", "1", "--from", "M1", "--to", "RAW",
        ],
        &["count", "--item", "C2", "--location", "M2", "--qty", "51"],
        &["count", "--item", "C2", "--location", "M2", "--qty", "50"],
        &["report", "--order", "WO1", "--op", "10", "--good", "1"],
    ];
    let workers: Vec<_> = postings
        .iter()
        .map(|args| {
            let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
            let (db, home) = (plant.db.clone(), plant.tmp.path().to_path_buf());
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                // At least a few postings each, at most 40, while the batch runs.
                for i in 0..40 {
                    if i >= 3 && done.load(Ordering::Relaxed) {
                        break;
                    }
                    assert!(post(&db, &home, &args), "{args:?}");
                }
            })
        })
        .collect();
    assert!(child.wait().unwrap().success());
    done.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    plant.verify();
    let events = export(&plant, &[]);
    let kinds = |code: i64| {
        events
            .iter()
            .filter(|e| e["type"] == "movement" && e["movement_type"] == code)
            .count()
    };
    assert!(
        kinds(311) >= 6 && kinds(701) + kinds(702) >= 3,
        "transfers and counts"
    );
    let at = |e: &Value| {
        chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap_or_default())
            .unwrap_or_else(|err| panic!("at of {e}: {err}"))
    };
    let backwards: Vec<String> = events
        .windows(2)
        .filter(|w| at(&w[1]) < at(&w[0]))
        .map(|w| {
            format!(
                "seq {} {} at {} after seq {} {} at {}",
                w[1]["seq"], w[1]["type"], w[1]["at"], w[0]["seq"], w[0]["type"], w[0]["at"]
            )
        })
        .collect();
    assert!(
        backwards.is_empty(),
        "{} events go back in time:\n{}",
        backwards.len(),
        backwards.join("\n")
    );
}

// =============================================================================================
// Every posting kind: what it hands the ERP
// =============================================================================================

/// The base plant with a non-stock line (N, 1 a unit at operation 10, issued by hand) and
/// 10 C2 at M1 for a substitution and a transfer.
fn every_kind_plant() -> Plant {
    let items = format!("{ITEMS}N,Non-stock,EA,0,non-stock,none,no,3.00\n");
    let boms = format!("{BOMS}P,1,1,30,N,1,unit,,10,,\n");
    let stock = format!("{STOCK}C2,M1,10\n");
    Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", &boms)
            .with("stock.csv", &stock),
    )
}

/// One posting of [`post_every_kind`]: its name, its events, and its ledger rows as `audit`
/// lists them, oldest first.
struct Posted {
    name: &'static str,
    events: Vec<Value>,
    audit: Vec<Value>,
}

/// The ledger rows after `after` as `audit --json` lists them, oldest first.
fn audit_after(plant: &Plant, after: i64) -> Vec<Value> {
    let rows = plant
        .run(&["audit", "--limit", "100", "--json"])
        .ok()
        .json();
    let mut rows: Vec<Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"].as_i64().unwrap() > after)
        .cloned()
        .collect();
    rows.reverse();
    rows
}

/// Every kind of posting once, in an order where each does what its name says, with the
/// events each handed out. The import came first (`every_kind_plant`).
fn post_every_kind(plant: &Plant) -> Vec<Posted> {
    let steps: [(&'static str, &[&str]); 12] = [
        (
            "report",
            &[
                "report",
                "--order",
                "WO1",
                "--op",
                "10",
                "--good",
                "5",
                "--set",
                "10=5",
                "--reason",
                "ACTUAL-USE",
                "--set",
                "30=1",
            ],
        ),
        (
            "hand issue",
            &[
                "issue",
                "--order",
                "WO1",
                "--line",
                "10",
                "--qty",
                "1",
                "--reason",
                "fetched late",
            ],
        ),
        (
            "return",
            &["issue", "--order", "WO1", "--line", "10", "--qty", "-1"],
        ),
        (
            "non-stock issue",
            &["issue", "--order", "WO1", "--line", "30", "--qty", "1"],
        ),
        (
            "lead scrap",
            &[
                "adjust", "--report", "1", "--line", "10", "--qty", "1", "--reason", "DAMAGED",
            ],
        ),
        (
            "substitution",
            &[
                "substitute",
                "--report",
                "1",
                "--line",
                "10",
                "--item",
                "C2",
                "--qty",
                "1",
                "--return-qty",
                "1",
            ],
        ),
        (
            "count",
            &[
                "count",
                "--item",
                "C2",
                "--location",
                "M2",
                "--qty",
                "0",
                "--reason",
                "DAMAGED",
            ],
        ),
        (
            "deferring report",
            &[
                "report",
                "--order",
                "WO1",
                "--op",
                "20",
                "--good",
                "2",
                "--set",
                "20=1",
                "--reason",
                "ACTUAL-USE",
            ],
        ),
        (
            "transfer",
            &[
                "transfer", "--item", "C2", "--qty", "2", "--from", "M1", "--to", "M2",
            ],
        ),
        (
            "report to cancel",
            &["report", "--order", "WO1", "--op", "20", "--good", "3"],
        ),
        ("cancel", &["exceptions", "cancel", "--id", "2"]),
        (
            "reversal",
            &["reverse", "--report", "1", "--reason", "wrong order"],
        ),
    ];
    let mut out = vec![Posted {
        name: "import",
        events: export(plant, &[]),
        audit: audit_after(plant, 0),
    }];
    for (name, args) in steps {
        let last_seq = out
            .iter()
            .flat_map(|p| p.events.iter())
            .map(|e| e["seq"].as_i64().unwrap())
            .max()
            .unwrap_or(0);
        let last_row = out
            .iter()
            .flat_map(|p| p.audit.iter())
            .map(|r| r["id"].as_i64().unwrap())
            .max()
            .unwrap_or(0);
        plant.run(args).ok();
        out.push(Posted {
            name,
            events: export(plant, &["--after", &last_seq.to_string()]),
            audit: audit_after(plant, last_row),
        });
    }
    out
}

/// A step's movements as (movement type, source, reason).
fn movements_of(events: &[Value]) -> Vec<(i64, String, Value)> {
    events
        .iter()
        .filter(|e| e["type"] == "movement")
        .map(|e| {
            (
                e["movement_type"].as_i64().unwrap(),
                text(&e["source"]),
                e["reason"].clone(),
            )
        })
        .collect()
}

#[test]
fn every_posting_kind_exports_its_source_reason_order_and_a_balanced_journal() {
    let plant = every_kind_plant();
    let steps = post_every_kind(&plant);
    let m = |code: i64, source: &str, reason: Value| (code, source.to_string(), reason);
    let null = Value::Null;
    // Each step: its name, its movements, and the order on its journal lines.
    type Step<'a> = (&'a str, Vec<(i64, String, Value)>, Option<&'a str>);
    let expected: [Step<'_>; 13] = [
        ("import", vec![m(701, "opening", null.clone()); 4], None),
        (
            "report",
            vec![m(261, "backflush", json!("ACTUAL-USE"))],
            Some("WO1"),
        ),
        (
            "hand issue",
            vec![m(261, "hand_issue", json!("fetched late"))],
            Some("WO1"),
        ),
        ("return", vec![m(262, "return", null.clone())], Some("WO1")),
        ("non-stock issue", vec![], Some("WO1")),
        (
            "lead scrap",
            vec![m(261, "lead_scrap", json!("DAMAGED"))],
            Some("WO1"),
        ),
        (
            "substitution",
            vec![
                m(262, "substitute", null.clone()),
                m(261, "substitute", null.clone()),
            ],
            Some("WO1"),
        ),
        ("count", vec![m(702, "count", json!("DAMAGED"))], None),
        (
            "deferring report",
            vec![m(101, "receipt", null.clone())],
            Some("WO1"),
        ),
        (
            "transfer",
            vec![
                m(311, "transfer", null.clone()),
                m(261, "deferred", json!("ACTUAL-USE")),
            ],
            // The transfer between two machine locations moves no value; the deferred line
            // it lets post is the order's.
            Some("WO1"),
        ),
        (
            "report to cancel",
            vec![m(101, "receipt", null.clone())],
            Some("WO1"),
        ),
        ("cancel", vec![], None),
        (
            "reversal",
            vec![
                m(262, "reversal", json!("wrong order")),
                m(262, "reversal", json!("wrong order")),
                m(261, "reversal", json!("wrong order")),
                m(262, "reversal", json!("wrong order")),
            ],
            Some("WO1"),
        ),
    ];
    assert_eq!(steps.len(), expected.len());
    for (posted, (want_name, moves, order)) in steps.iter().zip(expected) {
        let (name, events) = (&posted.name, &posted.events);
        assert_eq!(*name, want_name);
        assert_eq!(movements_of(events), moves, "{name}: {events:#?}");
        // Its header first, when it has one: a report or a reversal.
        let header = match *name {
            "report" | "deferring report" | "report to cancel" => Some("report"),
            "reversal" => Some("reversal"),
            _ => None,
        };
        let first = match (header, moves.is_empty(), events.is_empty()) {
            (Some(header), _, _) => Some(header),
            (None, false, _) => Some("movement"),
            (None, true, false) => Some("journal"),
            (None, true, true) => None,
        };
        assert_eq!(
            events.first().map(|e| text(&e["type"])).as_deref(),
            first,
            "{name}"
        );
        // Every journal line carries the order (none for stock moved for no order), and each
        // entry balances.
        let journal: Vec<&Value> = events.iter().filter(|e| e["type"] == "journal").collect();
        assert_eq!(journal.is_empty(), *name == "cancel", "{name}: {events:#?}");
        let mut sums: std::collections::BTreeMap<i64, rust_decimal::Decimal> =
            std::collections::BTreeMap::new();
        for j in &journal {
            assert_eq!(j["order"].as_str(), order, "{name}: {j}");
            let amount = |f: &str| text(&j[f]).parse::<rust_decimal::Decimal>().unwrap();
            *sums.entry(j["entry"].as_i64().unwrap()).or_default() +=
                amount("debit") - amount("credit");
        }
        assert!(sums.values().all(|d| d.is_zero()), "{name}: {sums:?}");
        // The audit trail names the same sources and reasons, newest first (a transfer's two
        // ledger rows are one event).
        let audited: Vec<(String, Value)> = posted
            .audit
            .iter()
            .filter(|r| r["kind"] != "transfer_in")
            .map(|r| (text(&r["source"]), r["reason"].clone()))
            .collect();
        let exported: Vec<(String, Value)> = moves
            .iter()
            .map(|(_, s, r)| (s.clone(), r.clone()))
            .collect();
        assert_eq!(audited, exported, "{name}");
    }
    // The cancelled exception handed out nothing.
    assert!(steps[11].events.is_empty());
    // Every movement has its source: verify names any that has none.
    plant.verify();
}

#[test]
fn a_store_from_before_sources_keeps_every_event_but_gains_source_and_journal_order() {
    let plant = every_kind_plant();
    post_every_kind(&plant);
    let before: Vec<Value> = export(&plant, &[]).iter().map(body).collect();
    let roles = |conn: &rusqlite::Connection| -> Vec<Option<String>> {
        conn.prepare("SELECT role FROM journal ORDER BY entry_id, seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    // Back to the version before sources: the program's words in every reason, no source,
    // no role, no journal order, no mark of the first coded reason.
    let (roles_before, worded) = {
        let conn = rusqlite::Connection::open(&plant.db).unwrap();
        let version = backflush::store::schema::MIGRATIONS
            .iter()
            .position(|m| *m == backflush::store::schema::MOVEMENT_SOURCES)
            .unwrap();
        let roles_before = roles(&conn);
        assert!(roles_before.iter().all(Option::is_some), "{roles_before:?}");
        conn.execute_batch(&format!(
            "DROP TRIGGER movements_append_only_update;
             UPDATE movements SET reason = 'words ' || kind || ' ' || id;
             CREATE TRIGGER movements_append_only_update BEFORE UPDATE ON movements
             BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
             {SOURCES_UNDONE}
             DELETE FROM meta WHERE key = 'coded_reasons_from';
             PRAGMA user_version = {version};"
        ))
        .unwrap();
        // The movement events in order: every ledger row but a transfer's way in.
        let worded: Vec<String> = conn
            .prepare("SELECT reason FROM movements WHERE kind <> 'transfer_in' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (roles_before, worded)
    };
    // The next command migrates: every event as it was, but the words its movement was
    // written with; the sources derived from the stored kinds are the ones written, and the
    // hand issues' journal lines find their order again.
    let after: Vec<Value> = export(&plant, &[]).iter().map(body).collect();
    assert_eq!(after.len(), before.len());
    let mut words = worded.iter();
    for (a, b) in after.iter().zip(&before) {
        let mut a = a.clone();
        if a["type"] == "movement" {
            let said = words.next().expect("a worded row per movement event");
            assert!(said.starts_with("words "), "{said}");
            assert_eq!(a["reason"], json!(said), "{a}");
            a["reason"] = b["reason"].clone();
        }
        assert_eq!(&a, b);
    }
    assert!(words.next().is_none());
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    assert_eq!(roles(&conn), roles_before);
    // The audit trail shows the words as they were written.
    let audit = plant.run(&["audit", "--limit", "1", "--json"]).ok().json();
    let last = worded.last().unwrap();
    assert_eq!(audit[0]["reason"], json!(last));
    assert_eq!(audit[0]["source"], "reversal");
    let text = plant.run(&["audit", "--limit", "1"]).ok().stdout.clone();
    assert!(text.trim_end().ends_with(&format!("  {last}")), "{text}");
    plant.verify();
}
