//! Closing an order: `wip` per order by column, `close` settling WIP to the variance
//! accounts, refusals, keys, approval, and `reopen`.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use crate::common::cli::*;

/// The amounts of a `wip` row or total, as strings.
fn amounts(
    [material, labor, overhead, received, scrapped, settled, wip]: [&str; 7],
) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    for (k, v) in [
        ("material", material),
        ("labor", labor),
        ("overhead", overhead),
        ("received", received),
        ("scrapped", scrapped),
        ("settled", settled),
        ("wip", wip),
    ] {
        m.insert(k.into(), json!(v));
    }
    m
}

fn row(order: &str, status: &str, a: [&str; 7]) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("order".into(), json!(order));
    m.insert("item".into(), json!("P"));
    m.insert("status".into(), json!(status));
    m.extend(amounts(a));
    Value::Object(m)
}

fn wip(plant: &Plant, extra: &[&str]) -> Value {
    let mut args = vec!["wip", "--json"];
    args.extend_from_slice(extra);
    plant.run(&args).ok().json()
}

/// WO1 of the base plant after: 5 good + 1 scrap at 10 (12 C1 = 24, setup 0.5 h + run 0.6 h
/// = 44 labor, 22 overhead, the scrapped unit 10); 5 good at 20 with C2 overridden to 3 KG
/// (4.5, labor 30, overhead 10, 5 P received at 100 = 500); a lead's 1 C1 of scrap on
/// report 1 (2); and 2 more good at 10 (8 material, 8 labor, 4 overhead) reversed.
fn worked_plant() -> Plant {
    let plant = Plant::base();
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "10", "--good", "5", "--scrap", "1",
        ])
        .ok();
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "20", "--good", "5", "--set", "20=3",
        ])
        .ok();
    plant
        .run(&[
            "adjust", "--report", "1", "--line", "10", "--qty", "1", "--reason", "DAMAGED",
        ])
        .ok();
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "2"])
        .ok();
    plant
        .run(&["reverse", "--report", "3", "--reason", "mistake"])
        .ok();
    plant
}

const WORKED: [&str; 7] = ["30.5", "74", "32", "500", "10", "0", "-373.5"];

#[test]
fn wip_shows_each_order_by_column_and_the_totals() {
    let plant = worked_plant();
    assert_eq!(
        wip(&plant, &[]),
        json!({"orders": [row("WO1", "released", WORKED)], "total": amounts(WORKED)})
    );
    // The text is a table with the same numbers.
    let text = plant.run(&["wip"]).ok().stdout.clone();
    assert!(text.contains("WO1"), "{text}");
    assert!(text.contains("-373.5"), "{text}");
    // An order with no postings: no row, unless asked for by name (zeros).
    let fresh = Plant::base();
    assert_eq!(
        wip(&fresh, &[]),
        json!({"orders": [], "total": amounts(["0"; 7])})
    );
    assert_eq!(
        wip(&fresh, &["--order", "WO1"])["orders"],
        json!([row("WO1", "released", ["0"; 7])])
    );
    fresh
        .run(&["wip", "--order", "WO9"])
        .refused()
        .says(&["WO9"]);
}

#[test]
fn wip_counts_a_non_stock_hand_issue_and_a_substitution_as_material() {
    // Line 40: 3 of the non-stock grease N (0.50 each) per unit, issued by hand.
    let plant = Plant::with(
        &Files::base()
            .with(
                "items.csv",
                &format!("{ITEMS}N,Grease,EA,0,non-stock,none,yes,0.50\n"),
            )
            .with("boms.csv", &format!("{BOMS}P,1,1,40,N,3,unit,,10,,\n"))
            .with("stock.csv", &format!("{STOCK}C2,M1,10\n")),
    );
    // 2 good at 10: 4 C1 (8), setup 0.5 h + run 0.2 h (28 labor, 14 overhead).
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "2"])
        .ok();
    let base = ["8", "28", "14", "0", "0", "0", "50"];
    assert_eq!(
        wip(&plant, &[])["orders"],
        json!([row("WO1", "released", base)])
    );
    // 6 N by hand: 3 to WIP from the non-stock account.
    plant
        .run(&["issue", "--order", "WO1", "--line", "40", "--qty", "6"])
        .ok();
    let issued = ["11", "28", "14", "0", "0", "0", "53"];
    assert_eq!(
        wip(&plant, &[])["orders"],
        json!([row("WO1", "released", issued)])
    );
    // 1 KG of C2 (1.50) issued on line 10 instead of its C1, all 4 of which go back (8):
    // material 11 - 8 + 1.5.
    plant
        .run(&[
            "substitute",
            "--report",
            "1",
            "--line",
            "10",
            "--item",
            "C2",
            "--qty",
            "1",
        ])
        .ok();
    let substituted = ["4.5", "28", "14", "0", "0", "0", "46.5"];
    assert_eq!(
        wip(&plant, &[]),
        json!({"orders": [row("WO1", "released", substituted)], "total": amounts(substituted)})
    );
    // Closed, all of it is settled.
    plant
        .run(&["close", "--order", "WO1", "--reason", "stopped"])
        .ok();
    assert_eq!(
        wip(&plant, &["--all"])["orders"],
        json!([row(
            "WO1",
            "closed",
            ["4.5", "28", "14", "0", "0", "46.5", "0"]
        )])
    );
    plant.verify();
}

#[test]
fn a_short_close_needs_a_reason_and_settles_wip_to_both_variances() {
    let plant = worked_plant();
    // 5 of 10 good at the last operation: short.
    plant
        .run(&["close", "--order", "WO1", "--json"])
        .refused()
        .says(&[
            "order WO1 is short (5 of 10 good at its last operation)",
            "reason",
        ]);
    assert_eq!(
        wip(&plant, &[])["total"]["wip"],
        "-373.5",
        "nothing changed"
    );
    let closed = plant
        .run(&[
            "close",
            "--order",
            "WO1",
            "--reason",
            "customer cancelled",
            "--json",
        ])
        .ok()
        .json();
    // Material usage variance = the order's material variance (1 C1 and 0.25 KG C2 above
    // standard: 2 + 0.375); production variance = the rest of WIP.
    assert_eq!(
        closed,
        json!({"order": "WO1", "status": "closed", "closed_as": "short", "wip": "-373.5",
               "material_usage_variance": "2.375", "production_variance": "-375.875",
               "reason": "customer cancelled"})
    );
    assert_eq!(
        plant
            .run(&["variance", "--order", "WO1", "--json"])
            .ok()
            .json()["variance"],
        "2.375"
    );
    // A closed order leaves `wip`, except with --all, where it holds 0.
    assert_eq!(wip(&plant, &[])["orders"], json!([]));
    assert_eq!(
        wip(&plant, &["--all"])["orders"],
        json!([row(
            "WO1",
            "closed",
            ["30.5", "74", "32", "500", "10", "-373.5", "0"]
        )])
    );
    // The export: order_closed, then the settlement's lines.
    let events = plant.run(&["export"]).ok().json_lines();
    let tail: Vec<Value> = events
        .iter()
        .skip_while(|e| e["type"] != "order_closed")
        .map(|e| {
            let mut e = e.clone();
            for k in ["at", "key", "seq", "user", "terminal", "approver"] {
                e.as_object_mut().unwrap().remove(k);
            }
            e
        })
        .collect();
    assert_eq!(
        tail,
        [
            json!({"type": "order_closed", "order": "WO1", "closed_as": "short",
                   "reason": "customer cancelled", "wip": "-373.5",
                   "material_usage_variance": "2.375", "production_variance": "-375.875"}),
            json!({"type": "journal", "entry": 9, "account": "5600 Material usage variance",
                   "debit": "2.375", "credit": "0", "order": "WO1", "report_id": null}),
            json!({"type": "journal", "entry": 9, "account": "1400 Work in process",
                   "debit": "0", "credit": "2.375", "order": "WO1", "report_id": null}),
            json!({"type": "journal", "entry": 9, "account": "1400 Work in process",
                   "debit": "375.875", "credit": "0", "order": "WO1", "report_id": null}),
            json!({"type": "journal", "entry": 9, "account": "5700 Production variance",
                   "debit": "0", "credit": "375.875", "order": "WO1", "report_id": null}),
        ]
    );
    plant.verify();
    // Closing again is refused naming the state.
    plant
        .run(&["close", "--order", "WO1", "--reason", "again"])
        .refused()
        .says(&["order WO1 is closed"]);
}

#[test]
fn a_complete_close_needs_no_reason_and_an_order_without_postings_closes_empty() {
    let plant = Plant::base();
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "10"])
        .ok();
    plant
        .run(&["report", "--order", "WO1", "--op", "20", "--good", "10"])
        .ok();
    let closed = plant
        .run(&["close", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(closed["closed_as"], "complete");
    assert_eq!(closed["reason"], Value::Null);
    plant.verify();
    let other = Plant::with(&Files::base().with(
        "orders.csv",
        "order,item,revision,qty,due,completion_location\nWO1,P,1,10,2026-12-01,FG\nWO2,P,1,10,2026-12-01,FG\n",
    ));
    let before = other.run(&["export"]).ok().json_lines().len();
    let closed = other
        .run(&[
            "close",
            "--order",
            "WO2",
            "--reason",
            "never started",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        closed,
        json!({"order": "WO2", "status": "closed", "closed_as": "short", "wip": "0",
               "material_usage_variance": "0", "production_variance": "0",
               "reason": "never started"})
    );
    let events = other.run(&["export"]).ok().json_lines();
    assert_eq!(events.len(), before + 1, "the close event alone");
}

#[test]
fn open_exceptions_block_the_close_naming_them() {
    let plant = short_plant(None);
    // 10 C1 needed, 5 at M1: the line waits as exception 1.
    base_report(&plant, &["--good", "5"]).ok();
    plant
        .run(&["close", "--order", "WO1", "--reason", "x"])
        .refused()
        .says(&["order WO1 has open exceptions (1)", "post or cancel them"]);
    plant.run(&["exceptions", "cancel", "--id", "1"]).ok();
    plant
        .run(&["close", "--order", "WO1", "--reason", "x"])
        .ok();
}

#[test]
fn a_close_is_kept_under_its_key_and_replays() {
    let plant = worked_plant();
    let args = [
        "close", "--order", "WO1", "--reason", "done", "--key", "K1", "--json",
    ];
    let first = plant.run(&args).ok().json();
    let again = plant.run(&args).ok().json();
    assert_eq!(first, again);
    let closes = plant
        .run(&["export"])
        .ok()
        .json_lines()
        .iter()
        .filter(|e| e["type"] == "order_closed")
        .count();
    assert_eq!(closes, 1);
    plant
        .run(&[
            "close", "--order", "WO1", "--reason", "other", "--key", "K1",
        ])
        .code(1)
        .says(&["K1"]);
}

#[test]
fn an_operator_closes_with_a_leads_approval_and_only_a_lead_reopens() {
    let plant = Plant::base();
    plant.import(&Files::base().with("users.csv", USERS)).ok();
    let pin = [("BACKFLUSH_PIN", "1234")];
    plant
        .run_env(
            &["--user", "1001", "close", "--order", "WO1", "--reason", "x"],
            &pin,
        )
        .code(1)
        .says(&["1001 (operator) may not close an order", "--approver"]);
    plant
        .run_env(
            &[
                "--user",
                "1001",
                "--approver",
                "2001",
                "close",
                "--order",
                "WO1",
                "--reason",
                "x",
                "--json",
            ],
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok();
    let closed = plant
        .run(&["export", "--types", "order_closed"])
        .ok()
        .json_lines();
    assert_eq!(closed[0]["user"], "1001");
    assert_eq!(closed[0]["approver"], "2001");
    plant
        .run_env(
            &[
                "--user",
                "1001",
                "--approver",
                "2001",
                "reopen",
                "--order",
                "WO1",
                "--reason",
                "x",
            ],
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .code(1)
        .says(&["may not reopen an order"]);
    plant
        .run_env(
            &[
                "--user", "2001", "reopen", "--order", "WO1", "--reason", "rework",
            ],
            &[("BACKFLUSH_PIN", "2222")],
        )
        .ok();
}

#[test]
fn reopen_reverses_the_settlement_and_closing_again_settles_what_wip_then_holds() {
    let plant = worked_plant();
    plant
        .run(&["reopen", "--order", "WO1", "--reason", "x"])
        .refused()
        .says(&["order WO1 is not closed"]);
    plant
        .run(&["close", "--order", "WO1", "--reason", "first"])
        .ok();
    let closed_seq = plant
        .run(&["export", "--types", "order_closed"])
        .ok()
        .json_lines()[0]["seq"]
        .clone();
    let reopened = plant
        .run(&["reopen", "--order", "WO1", "--reason", "rework", "--json"])
        .ok()
        .json();
    assert_eq!(
        reopened,
        json!({"order": "WO1", "status": "released", "reason": "rework", "reverses": closed_seq})
    );
    assert_eq!(
        wip(&plant, &[])["orders"],
        json!([row("WO1", "released", WORKED)])
    );
    let events = plant.run(&["export"]).ok().json_lines();
    let reopen_at = events
        .iter()
        .position(|e| e["type"] == "order_reopened")
        .unwrap();
    let lines: Vec<(String, String, String)> = events[reopen_at + 1..]
        .iter()
        .map(|e| (text(&e["account"]), text(&e["debit"]), text(&e["credit"])))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "5600 Material usage variance".into(),
                "0".into(),
                "2.375".into()
            ),
            ("1400 Work in process".into(), "2.375".into(), "0".into()),
            ("1400 Work in process".into(), "0".into(), "375.875".into()),
            (
                "5700 Production variance".into(),
                "375.875".into(),
                "0".into()
            ),
        ]
    );
    // Released again: it takes a report, and closing again settles the new WIP (2 good at
    // 10: 4 C1 = 8, 8 labor, 4 overhead).
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "2"])
        .ok();
    let again = plant
        .run(&["close", "--order", "WO1", "--reason", "second", "--json"])
        .ok()
        .json();
    assert_eq!(again["wip"], "-353.5");
    plant.verify();
}

#[test]
fn verify_finds_wip_without_its_order_and_a_closed_order_that_holds_wip() {
    let plant = worked_plant();
    plant
        .run(&["close", "--order", "WO1", "--reason", "done"])
        .ok();
    plant.verify();
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    conn.execute_batch(
        "INSERT INTO journal (entry_id, seq, at, kind, terminal, user, account, debit, credit, memo, role, order_id)
         VALUES (100, 0, '2026-01-01T00:00:00Z', 'issue', 'T', 'U', '1400 Work in process', '5', '0', 'm', 'wip', NULL),
                (100, 1, '2026-01-01T00:00:00Z', 'issue', 'T', 'U', '1300 Raw materials', '0', '5', 'm', 'raw_material', NULL),
                (101, 0, '2026-01-01T00:00:00Z', 'issue', 'T', 'U', '1400 Work in process', '7', '0', 'm', 'wip', 'WO1'),
                (101, 1, '2026-01-01T00:00:00Z', 'issue', 'T', 'U', '1300 Raw materials', '0', '7', 'm', 'raw_material', 'WO1');",
    )
    .unwrap();
    let out = plant.run(&["verify"]);
    out.code(1);
    for problem in [
        "order WO1 is closed but holds 7 in WIP",
        "the WIP lines balance to 12 but the orders' WIP sums to 7",
    ] {
        assert!(out.stdout.contains(problem), "{}", out.stdout);
    }
}

#[test]
fn a_closed_order_takes_nothing_leaves_staging_and_stays_closed_on_reimport() {
    let plant = worked_plant();
    let staged = |plant: &Plant| {
        plant
            .run(&["staging", "--work-center", "WC1", "--json"])
            .ok()
            .json()
    };
    assert_ne!(staged(&plant), json!([]), "WO1 still needs C1 at M1");
    plant
        .run(&["close", "--order", "WO1", "--reason", "done"])
        .ok();
    let refused = "order WO1 is closed";
    for args in [
        &["report", "--order", "WO1", "--op", "10", "--good", "1"][..],
        &[
            "preview", "--order", "WO1", "--op", "10", "--good", "1", "--json",
        ],
        &["issue", "--order", "WO1", "--line", "10", "--qty", "1"],
        &["issue", "--order", "WO1", "--line", "10", "--qty", "-1"],
        &[
            "adjust", "--report", "1", "--line", "10", "--qty", "1", "--reason", "DAMAGED",
        ],
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
        ],
        &[
            "line-flag",
            "--order",
            "WO1",
            "--line",
            "10",
            "--backflush",
            "no",
        ],
        &["reverse", "--report", "1", "--reason", "late"],
        &["close", "--order", "WO1", "--reason", "again"],
    ] {
        let out = plant.run(args);
        out.refused().says(&[refused]);
        let mut json = args.to_vec();
        if !json.contains(&"--json") {
            json.push("--json");
        }
        let out = plant.run(&json);
        let error: Value = serde_json::from_str(out.refused().stderr.trim()).unwrap();
        assert_eq!(error["kind"], "refused", "{args:?}");
    }
    assert_eq!(
        wip(&plant, &["--all"])["orders"][0]["wip"],
        "0",
        "nothing posted"
    );
    // It leaves the staging demand (and the board): the location's stock stays in the queue,
    // with no order planning to issue it.
    let rows = staged(&plant);
    assert_eq!(
        (&rows[0]["demand"], &rows[0]["orders"]),
        (&json!("0"), &json!(0)),
        "{rows}"
    );
    // History, variance and audit keep it.
    plant.run(&["variance", "--order", "WO1"]).ok();
    plant.run(&["audit", "--report", "1"]).ok();
    // A re-import of its orders.csv leaves it closed.
    plant.import(&Files::base()).ok();
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "1"])
        .refused()
        .says(&[refused]);
    plant.verify();
}

#[test]
fn the_variance_accounts_are_settings_and_a_renamed_one_still_settles() {
    let plant = Plant::base();
    let accounts = &plant.run(&["settings", "--json"]).ok().json()["accounts"];
    assert_eq!(
        (
            &accounts["material_usage_variance"],
            &accounts["production_variance"]
        ),
        (
            &json!("5600 Material usage variance"),
            &json!("5700 Production variance")
        )
    );
    plant
        .import(&Files::base().with(
            "settings.toml",
            "[accounts]\nproduction_variance = \"5799 PV\"\nwip = \"1499 WIP\"\n",
        ))
        .ok();
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "10"])
        .ok();
    plant
        .run(&["report", "--order", "WO1", "--op", "20", "--good", "10"])
        .ok();
    let closed = plant
        .run(&["close", "--order", "WO1", "--json"])
        .ok()
        .json();
    let pv = text(&closed["production_variance"]);
    let journal = plant
        .run(&["export", "--types", "journal"])
        .ok()
        .json_lines();
    let settled: Vec<(String, String, String)> = journal
        .iter()
        .rev()
        .take(2)
        .map(|e| (text(&e["account"]), text(&e["debit"]), text(&e["credit"])))
        .collect();
    assert!(
        settled.contains(&(
            "5799 PV".to_string(),
            "0".to_string(),
            pv.trim_start_matches('-').to_string()
        )) || settled.contains(&("5799 PV".to_string(), pv.clone(), "0".to_string())),
        "{settled:?} {pv}"
    );
    assert_eq!(wip(&plant, &["--all"])["total"]["wip"], "0");
    plant.verify();
}

/// Takes the store back to the version whose order index held every journal line of an
/// order, reports' lines included.
fn store_with_the_whole_order_index(plant: &Plant) {
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    let version = backflush::store::schema::MIGRATIONS
        .iter()
        .position(|m| *m == backflush::store::schema::JOURNAL_ORDER_UNREPORTED)
        .unwrap();
    conn.execute_batch(
        "DROP INDEX journal_order;
         CREATE INDEX journal_order ON journal (order_id) WHERE order_id IS NOT NULL;",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
}

#[test]
fn an_orders_wip_reads_its_reports_and_its_hand_issues_the_same_before_and_after_the_upgrade() {
    // Reports, a lead's correction, a reversal, and 1 C1 (2) issued by hand.
    let plant = worked_plant();
    plant
        .run(&["issue", "--order", "WO1", "--line", "10", "--qty", "1"])
        .ok();
    let issued = ["32.5", "74", "32", "500", "10", "0", "-371.5"];
    let all = json!({"orders": [row("WO1", "released", issued)], "total": amounts(issued)});
    assert_eq!(wip(&plant, &[]), all);
    assert_eq!(wip(&plant, &["--order", "WO1"]), all);
    store_with_the_whole_order_index(&plant);
    // The first command upgrades the store.
    assert_eq!(wip(&plant, &["--order", "WO1"]), all);
    assert_eq!(wip(&plant, &[]), all);
    // The close settles what both halves hold, and the reopen finds that settlement.
    plant
        .run(&["close", "--order", "WO1", "--reason", "done"])
        .ok();
    let closed = ["32.5", "74", "32", "500", "10", "-371.5", "0"];
    assert_eq!(
        wip(&plant, &["--order", "WO1"])["orders"],
        json!([row("WO1", "closed", closed)])
    );
    plant
        .run(&["reopen", "--order", "WO1", "--reason", "rework"])
        .ok();
    assert_eq!(wip(&plant, &["--order", "WO1"]), all);
    plant.verify();
}
