//! `backflush issue` (hand issues and returns outside a report, idempotent by key)
//! and `backflush trace` (genealogy through orders).

use serde_json::{Value, json};

use super::lot_reports::{boms, items, lot_plant, lot_qty, plant_with, stock};
use crate::common::cli::{Files, Out, Plant, USERS, report_id};

fn issue(plant: &Plant, extra: &[&str]) -> Out {
    let mut all = vec!["issue", "--order", "WO1"];
    all.extend_from_slice(extra);
    all.push("--json");
    plant.run(&all)
}

#[test]
fn an_untracked_issue_and_its_return_move_stock_and_a_key_posts_once() {
    let plant = lot_plant("manual");
    let out = issue(&plant, &["--line", "10", "--qty", "5", "--key", "k1"])
        .ok()
        .json();
    let id = out["issue_id"].clone();
    assert_eq!(
        out,
        json!({"issue_id": id, "order": "WO1", "line": "10", "item": "C1", "location": "M1",
               "qty": "5", "lots": []})
    );
    assert_eq!(plant.qty("C1", "M1"), "95");
    // The same key again: the first result, nothing posted again.
    let again = issue(&plant, &["--line", "10", "--qty", "5", "--key", "k1"])
        .ok()
        .json();
    assert_eq!(again, out);
    assert_eq!(plant.qty("C1", "M1"), "95");
    // The same key for another request is a conflict.
    let e = issue(&plant, &["--line", "C1", "--qty", "6", "--key", "k1"]);
    e.code(1);
    let err: Value = serde_json::from_str(e.stderr.trim()).expect("a JSON error");
    assert_eq!(err["kind"], "conflict", "{err}");
    // A return goes back to the location, at most what the line has net issued there.
    let back = issue(&plant, &["--line", "C1", "--qty", "-3"]).ok().json();
    assert_eq!(back["qty"], "-3");
    assert_eq!(plant.qty("C1", "M1"), "98");
    issue(&plant, &["--line", "10", "--qty", "-3"])
        .code(1)
        .says(&["C1", "more than the line has net issued there (2)"]);
    plant.verify();
}

#[test]
fn a_tracked_issue_names_its_lots_and_a_return_goes_only_to_lots_the_line_consumed() {
    let plant = lot_plant("manual");
    issue(&plant, &["--line", "30", "--qty", "2"])
        .code(1)
        .says(&["L is lot-tracked", "--lot"]);
    let out = issue(&plant, &["--line", "30", "--qty", "3", "--lot", "A:2,B:1"])
        .ok()
        .json();
    assert_eq!(
        out["lots"],
        json!([{"lot": "A", "qty": "2"}, {"lot": "B", "qty": "1"}])
    );
    assert_eq!(lot_qty(&plant, "L", "M1", "A"), "3");
    issue(&plant, &["--line", "30", "--qty", "-1", "--lot", ":1"])
        .code(1)
        .says(&["more than the line consumed of it (0)"]);
    issue(&plant, &["--line", "30", "--qty", "-3", "--lot", "A:3"])
        .code(1)
        .says(&["A", "more than the line consumed of it (2)"]);
    // Without --lot a return goes back in reverse FIFO order: B (younger code) first.
    let back = issue(&plant, &["--line", "30", "--qty", "-2"]).ok().json();
    assert_eq!(
        back["lots"],
        json!([{"lot": "B", "qty": "-1"}, {"lot": "A", "qty": "-1"}])
    );
    assert_eq!(lot_qty(&plant, "L", "M1", "B"), "2.5");
    issue(
        &plant,
        &[
            "--line",
            "30",
            "--qty",
            "1",
            "--lot",
            "B:1",
            "--location",
            "NOPE",
        ],
    )
    .code(1)
    .says(&["NOPE"]);
    issue(&plant, &["--line", "30", "--qty", "1", "--lot", "Q"])
        .code(1)
        .says(&["lot Q holds 0 of L at M1"]);
    plant.verify();
}

#[test]
fn a_non_stock_issue_has_no_location_and_a_short_issue_is_refused() {
    let plant = lot_plant("manual");
    let out = issue(&plant, &["--line", "N", "--qty", "3"]).ok().json();
    assert_eq!(out["location"], Value::Null);
    issue(&plant, &["--line", "40", "--qty", "1", "--location", "M1"])
        .code(1)
        .says(&["non-stock"]);
    let e = issue(&plant, &["--line", "10", "--qty", "1000"]);
    e.code(1);
    let err: Value = serde_json::from_str(e.stderr.trim()).expect("a JSON error");
    assert_eq!(err["kind"], "refused", "{err}");
    assert!(
        err["error"].as_str().unwrap_or("").contains("100 on hand"),
        "{err}"
    );
    issue(&plant, &["--line", "99", "--qty", "1"])
        .code(1)
        .says(&["order WO1 has no line 99"]);
    plant
        .run(&["issue", "--order", "WO9", "--line", "10", "--qty", "1"])
        .code(1)
        .says(&["order WO9 does not exist"]);
    issue(&plant, &["--line", "10", "--qty", "0"])
        .code(1)
        .says(&["--qty 0"]);
    plant.verify();
}

#[test]
fn an_expired_lot_by_hand_needs_a_lead() {
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items("none"))
            .with("boms.csv", &boms())
            .with("stock.csv", &stock())
            .with("users.csv", USERS),
    );
    let args = [
        "--user", "1001", "issue", "--order", "WO1", "--line", "30", "--qty", "1", "--lot", "X",
    ];
    plant
        .run_env(&args, &[("BACKFLUSH_PIN", "1234")])
        .code(1)
        .says(&["expired lot X", "lead"]);
    assert_eq!(lot_qty(&plant, "L", "M1", "X"), "4");
    let mut with_lead = vec!["--approver", "2001"];
    with_lead.extend_from_slice(&args);
    plant
        .run_env(
            &with_lead,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok();
    assert_eq!(lot_qty(&plant, "L", "M1", "X"), "3");
    // A handler may issue by hand too.
    plant
        .run_env(
            &[
                "--user", "3001", "issue", "--order", "WO1", "--line", "10", "--qty", "1",
            ],
            &[("BACKFLUSH_PIN", "3333")],
        )
        .ok();
}

#[test]
fn trace_follows_lots_through_orders_both_ways_net_of_returns() {
    let plant = plant_with("lot", "manual");
    plant.report(&[
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--set",
        "30=2",
        "--lot",
        "30=A:1.5,B:0.5",
    ]);
    // A hand issue of 1 more A and a return of 0.5 B: net A 2.5, B 0.
    issue(&plant, &["--line", "30", "--qty", "1", "--lot", "A"]).ok();
    issue(&plant, &["--line", "30", "--qty", "-0.5", "--lot", "B:0.5"]).ok();
    let r = plant.report(&[
        "--order", "WO1", "--op", "20", "--good", "2", "--fg-lot", "F-1",
    ]);
    let t = plant
        .run(&["trace", "--item", "L", "--lot", "A", "--json"])
        .ok()
        .json();
    assert_eq!(
        t,
        json!({"item": "L", "lot": "A", "on_hand": [{"location": "M1", "qty": "2.5"}],
               "backward": [],
               "forward": [{"level": 1, "order": "WO1", "item": "P", "lot": "F-1", "qty": "2"}]})
    );
    let t = plant
        .run(&["trace", "--item", "P", "--lot", "F-1", "--json"])
        .ok()
        .json();
    assert_eq!(
        t["backward"],
        json!([{"level": 1, "order": "WO1", "item": "L", "lot": "A", "qty": "2.5"}])
    );
    assert_eq!(t["on_hand"], json!([{"location": "FG", "qty": "2"}]));
    // The unknown lot traces like any other; a lot never held is an error naming it.
    plant.run(&["trace", "--item", "L", "--lot", ""]).ok();
    plant
        .run(&["trace", "--item", "L", "--lot", "NOPE"])
        .code(1)
        .says(&["unknown lot \"NOPE\" of L (the store never held it)"]);
    // Reversing the receipt leaves the lot with no net forward link.
    plant
        .run(&["reverse", "--report", &report_id(&r), "--reason", "relabel"])
        .ok();
    let t = plant
        .run(&["trace", "--item", "L", "--lot", "A", "--json"])
        .ok()
        .json();
    assert_eq!(t["forward"], json!([]));
}

#[test]
fn line_flag_yes_is_refused_where_it_cannot_take_effect() {
    let plant = lot_plant("manual");
    for (line, why) in [
        ("30", "lot-tracked and lot_selection is manual"),
        ("40", "non-stock"),
        ("50", "serial-tracked"),
    ] {
        plant
            .run(&[
                "line-flag",
                "--order",
                "WO1",
                "--line",
                line,
                "--backflush",
                "yes",
            ])
            .code(1)
            .says(&[&format!("line {line}"), why]);
    }
    // Under fifo a lot line may be backflushed.
    let fifo = lot_plant("fifo");
    fifo.run(&[
        "line-flag",
        "--order",
        "WO1",
        "--line",
        "30",
        "--backflush",
        "yes",
    ])
    .ok();
    plant
        .run(&[
            "line-flag",
            "--order",
            "WO1",
            "--line",
            "30",
            "--backflush",
            "no",
        ])
        .ok();
}

#[test]
fn hand_issues_and_returns_are_exported_as_261_and_262_with_their_order_and_lot() {
    let plant = lot_plant("manual");
    let first = plant.run(&["export"]).ok().json_lines().len();
    issue(&plant, &["--line", "30", "--qty", "2", "--lot", "A"]).ok();
    issue(&plant, &["--line", "30", "--qty", "-0.5"]).ok();
    // A non-stock hand issue has no movement, only journal lines.
    issue(&plant, &["--line", "40", "--qty", "3"]).ok();
    let events: Vec<Value> = plant
        .run(&["export"])
        .ok()
        .json_lines()
        .into_iter()
        .skip(first)
        .collect();
    let moves: Vec<&Value> = events.iter().filter(|e| e["type"] == "movement").collect();
    assert_eq!(moves.len(), 2, "{events:?}");
    for (m, code, qty) in [(moves[0], 261, "2"), (moves[1], 262, "0.5")] {
        assert_eq!(m["movement_type"], code, "{m}");
        assert_eq!(m["order"], "WO1", "{m}");
        assert_eq!(m["line"], "30", "{m}");
        assert_eq!(m["lot"], "A", "{m}");
        assert_eq!(m["qty"], qty, "{m}");
    }
    let accounts: Vec<&str> = events
        .iter()
        .filter(|e| e["type"] == "journal")
        .filter_map(|e| e["account"].as_str())
        .collect();
    assert!(
        accounts.iter().any(|a| a.contains("Non-stock")),
        "the grease goes to the non-stock account: {accounts:?}"
    );
}
