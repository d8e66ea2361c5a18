//! `preview` and `report`: the JSON shapes, refused reports, idempotency, batches.

#![allow(clippy::unwrap_used)]

use rstest::rstest;
use serde_json::{Value, json};

use crate::common::cli::*;

// =============================================================================================
// Preview and report JSON
// =============================================================================================

#[test]
fn preview_json_shape_exact() {
    let plant = Plant::base();
    let r = plant.preview(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert!(
        r.get("report_id").is_none(),
        "preview has no report_id: {r}"
    );
    assert_eq!(
        normalize_report(r),
        json!({
            "order": "WO1", "operation": "10", "good": "3", "scrap": "0",
            "lines": [line_json("10", "C1", "M1", "6", "6", "0", "issue", false)],
            "receipt": null,
            "labor": [labor_json("10", "0.5", "0.3", "32", "16")],
            "warnings": []
        })
    );
    // A preview posts nothing.
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn report_json_shape_exact() {
    let plant = Plant::base();
    let r10 = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--scrap", "1",
    ]);
    let id10 = report_id(&r10);
    assert!(!id10.is_empty());
    // 4 units × 2 = 8 C1; hours 0.5 setup + 0.4 run = 0.9 × 40 / × 20.
    assert_eq!(
        normalize_report(r10),
        json!({
            "order": "WO1", "operation": "10", "good": "3", "scrap": "1",
            "lines": [line_json("10", "C1", "M1", "8", "8", "0", "issue", false)],
            "receipt": null,
            "labor": [labor_json("10", "0.5", "0.4", "36", "18")],
            "warnings": []
        })
    );
    let r20 = plant.report(&[
        "--order", "WO1", "--op", "20", "--good", "3", "--scrap", "1",
    ]);
    assert_ne!(report_id(&r20), id10);
    // 4 units × 0.5 × 1.1 = 2.2 KG; the 3 good units are received, the scrapped one not.
    assert_eq!(
        normalize_report(r20),
        json!({
            "order": "WO1", "operation": "20", "good": "3", "scrap": "1",
            "lines": [line_json("20", "C2", "M2", "2.2", "2.2", "0", "issue", false)],
            "receipt": {"item": "P", "location": "FG", "qty": "3", "lots": []},
            "labor": [labor_json("20", "0", "0.8", "24", "8")],
            "warnings": []
        })
    );
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "92"),
            stock_row("C1", "RAW", "100"),
            stock_row("C2", "M2", "47.8"),
            stock_row("P", "FG", "3"),
        ])
    );
    plant.verify();
}

#[test]
fn report_ahead_of_earlier_count_point_warns() {
    let plant = Plant::base();
    let args = [
        "--order", "WO1", "--op", "20", "--good", "2", "--key", "AHEAD",
    ];
    let r = plant.report(&args);
    assert_eq!(
        r["warnings"],
        json!(["operation 20 reaches 2 units, ahead of count point 10 at 0"]),
        "operation 20 ahead of count point 10 carries a warning: {r}"
    );
    assert_eq!(line(&r, "20")["planned"], "1.1");
    // The store keeps the warning as data, not as a sentence.
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    let stored: String = conn
        .query_row(
            "SELECT result FROM reports WHERE idem_key = 'AHEAD'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        stored.ends_with(
            r#""warnings":[{"ahead_of_count_point":{"operation":20,"units":"2","count_point":10,"at":"0"}}]}"#
        ),
        "{stored}"
    );
    assert_eq!(plant.report(&args), r, "its replay words it the same");
    // A result kept by an earlier version holds its warning as it was worded, and replays so.
    let old = stored.replace(
        r#"{"ahead_of_count_point":{"operation":20,"units":"2","count_point":10,"at":"0"}}"#,
        r#""operation 20 reaches 2 units, ahead of count point 10 at 0 (as kept)""#,
    );
    conn.execute(
        "UPDATE reports SET result = ?1 WHERE idem_key = 'AHEAD'",
        [&old],
    )
    .unwrap();
    assert_eq!(
        plant.report(&args)["warnings"],
        json!(["operation 20 reaches 2 units, ahead of count point 10 at 0 (as kept)"])
    );
}

#[test]
fn manual_line_shows_planned_and_zero_qty() {
    let items = format!(
        "{ITEMS}L1,Lot-tracked part,EA,0,stock,lot,yes,5\nN1,Non-stock part,EA,0,non-stock,none,yes,1\nS1,Serial part,EA,0,stock,serial,yes,9\nH1,Hand-issued part,EA,0,stock,none,no,1\n"
    );
    // 30 lot, 40 non-stock, 50 serial, 60 item default no, 70 BOM line says no, 80 BOM line
    // says yes over the item's no (and H1 has no stock: deferred).
    let boms = format!(
        "{BOMS}P,1,1,30,L1,1,unit,,10,,\nP,1,1,40,N1,3,unit,,10,,\nP,1,1,50,S1,1,unit,,10,,\nP,1,1,60,H1,1,unit,,10,,\nP,1,1,70,C2,1,unit,,10,no,\nP,1,1,80,H1,2,unit,,10,yes,\n"
    );
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", &boms),
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    // A non-stock line has no location.
    let mut non_stock = line_json("40", "N1", "M1", "6", "0", "0", "manual", false);
    non_stock["location"] = Value::Null;
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("30", "L1", "M1", "2", "0", "0", "manual", false),
            non_stock,
            line_json("50", "S1", "M1", "2", "0", "0", "manual", false),
            line_json("60", "H1", "M1", "2", "0", "0", "manual", false),
            line_json("70", "C2", "M1", "2", "0", "0", "manual", false),
            short_by(
                line_json("80", "H1", "M1", "4", "4", "0", "deferred", false),
                "4"
            ),
        ])
    );
    assert_eq!(plant.qty("C1", "M1"), "96");
}

#[test]
fn work_center_without_backflush_makes_manual_lines() {
    let wcs = WORK_CENTERS.replace(
        "WC1,Cell one,M1,40.00,20.00,yes",
        "WC1,Cell one,M1,40.00,20.00,no",
    );
    let plant = Plant::with(&Files::base().with("work_centers.csv", &wcs));
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([line_json("10", "C1", "M1", "4", "0", "0", "manual", false)])
    );
    assert_eq!(plant.stock(), base_stock());
}

// =============================================================================================
// Refused reports
// =============================================================================================

/// Every refused report: each attempt (the arguments after `report`, then what the refusal
/// names, both split at spaces) is refused, and none of them moves stock.
#[rstest]
#[case::unknown_order(&[("--order WO9 --op 10 --good 1", "WO9")])]
#[case::unknown_operation(&[("--order WO1 --op 30 --good 1", "30")])]
#[case::unknown_override_key(&[
    ("--order WO1 --op 10 --good 1 --set NOPE=1", "NOPE"),
    ("--order WO1 --op 10 --good 1 --skip 99", "99"),
])]
#[case::negative_good(&[
    ("--order WO1 --op 10 --good -1", "-1"),
    ("--order WO1 --op 10 --good 2 --scrap -1", "-1"),
])]
#[case::too_precise_good(&[
    ("--order WO1 --op 10 --good 2.5", "2.5"),
    ("--order WO1 --op 10 --good 2 --scrap 0.5", "0.5"),
])]
#[case::nothing_reported(&[
    ("--order WO1 --op 10 --good 0 --scrap 0", ""),
    ("--order WO1 --op 10 --good 0", ""),
])]
fn report_refuses(#[case] attempts: &[(&str, &str)]) {
    let plant = Plant::base();
    for (args, needles) in attempts {
        let mut all = vec!["report"];
        all.extend(args.split_whitespace());
        all.push("--json");
        let needles: Vec<&str> = needles.split_whitespace().collect();
        plant.run(&all).refused().says(&needles);
    }
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn scrap_only_report_is_accepted() {
    let plant = Plant::base();
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "0", "--scrap", "2",
    ]);
    assert_eq!(line(&r, "10")["planned"], "4");
}

#[test]
fn non_numeric_good_is_a_usage_error() {
    let plant = Plant::base();
    base_report(&plant, &["--good", "abc"])
        .usage()
        .says(&["abc"]);
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "abc", "--json",
        ])
        .usage();
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn missing_order_is_a_usage_error() {
    let plant = Plant::base();
    plant
        .run(&["report", "--op", "10", "--good", "1", "--json"])
        .usage()
        .says(&["--order"]);
    plant
        .run(&["preview", "--op", "10", "--good", "1", "--json"])
        .usage();
    plant
        .run(&["report", "--order", "WO1", "--op", "ten", "--good", "1"])
        .usage();
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn over_report_is_refused_naming_the_limit() {
    let orders = format!("{ORDERS}WO2,P,1,7,2026-12-01,FG\n");
    let plant = Plant::with(&Files::base().with("orders.csv", &orders));
    plant.report(&["--order", "WO2", "--op", "10", "--good", "5"]);
    plant
        .run(&[
            "preview", "--order", "WO2", "--op", "10", "--good", "3", "--json",
        ])
        .refused()
        .says(&["8 good units, over the limit of 7", "\"kind\":\"refused\""]);
    assert_eq!(plant.qty("C1", "M1"), "90");
    // Good and scrap are limited apart: 7 good and 1 scrapped is fine.
    plant.report(&[
        "--order", "WO2", "--op", "10", "--good", "2", "--scrap", "1",
    ]);
    assert_eq!(plant.qty("C1", "M1"), "84");
}

#[test]
fn scrap_may_reach_the_order_quantity_after_it_is_all_good() {
    // WO1: 10 P. 10 good, then scrapped parts up to 10 more (remade); the 11th is refused.
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "10"]);
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "0", "--scrap", "1",
    ]);
    assert_eq!(line(&r, "10")["planned"], "2");
    let p = plant.preview(&[
        "--order", "WO1", "--op", "10", "--good", "0", "--scrap", "9",
    ]);
    assert_eq!(line(&p, "10")["planned"], "18");
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "0", "--scrap", "9",
    ]);
    assert_eq!(plant.qty("C1", "M1"), "60");
    for verb in ["preview", "report"] {
        plant
            .run(&[
                verb, "--order", "WO1", "--op", "10", "--good", "0", "--scrap", "1", "--json",
            ])
            .refused()
            .says(&[
                "11 scrapped units, over the scrap limit of 10 (the order quantity)",
                "\"kind\":\"refused\"",
            ]);
    }
    assert_eq!(plant.qty("C1", "M1"), "60");
}

#[test]
fn over_report_tolerance_from_config() {
    let plant = Plant::base().config("[policy]\nover_report_tolerance_pct = 50\n");
    // 10 × 1.5 = 15.
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "10", "--good", "16", "--json",
        ])
        .refused()
        .says(&["15"]);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "15"]);
    assert_eq!(line(&r, "10")["planned"], "30");
}

#[test]
fn ambiguous_item_code_asks_for_the_line() {
    let boms = format!("{BOMS}P,1,1,30,C1,1,unit,,10,,\n");
    let plant = Plant::with(&Files::base().with("boms.csv", &boms));
    let out = base_report(&plant, &["--good", "2", "--set", "C1=5"]);
    out.refused().says(&["C1"]);
    assert!(
        out.stderr.to_lowercase().contains("line"),
        "the message asks for the line number\n{}",
        out.describe()
    );
    assert_eq!(plant.stock(), base_stock());
    // By line number it works.
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "2", "--set", "30=5",
    ]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("30", "C1", "M1", "2", "5", "0", "issue", true),
        ])
    );
    assert_eq!(plant.qty("C1", "M1"), "91");
}

// =============================================================================================
// Idempotency
// =============================================================================================

#[test]
fn same_key_posts_once() {
    let plant = Plant::base();
    let args = [
        "--order", "WO1", "--op", "10", "--good", "3", "--key", "K-1",
    ];
    let first = plant.report(&args);
    let second = plant.report(&args);
    assert_eq!(report_id(&first), report_id(&second));
    assert_eq!(first, second, "the second post returns the first result");
    assert_eq!(plant.qty("C1", "M1"), "94");
    // Another key posts again.
    let third = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--key", "K-2",
    ]);
    assert_ne!(report_id(&third), report_id(&first));
    assert_eq!(plant.qty("C1", "M1"), "88");
    plant.verify();
}

// =============================================================================================
// Batch
// =============================================================================================

#[test]
fn batch_reports_one_result_per_line() {
    let plant = Plant::base();
    let file = plant.tmp.path().join("batch.csv");
    std::fs::write(
        &file,
        "key,order,op,good,scrap\nB1,WO1,10,2,0\nB2,WO1,10,abc,0\nB3,WO9,10,1,0\nB4,WO1,10,1,1\n",
    )
    .expect("write the batch");
    let file = file.to_str().expect("utf-8").to_string();
    let out = plant.run(&["report", "--batch", &file]);
    out.refused();
    assert!(!out.stderr.trim().is_empty(), "a summary on stderr");
    let lines = out.json_lines();
    assert_eq!(lines.len(), 4, "{}", out.describe());
    let ok_keys = ["key", "line", "ok", "report_id"];
    let err_keys = ["error", "key", "line", "ok"];
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&lines[0]), ok_keys);
    assert_eq!(keys(&lines[1]), err_keys);
    assert_eq!(keys(&lines[2]), err_keys);
    assert_eq!(keys(&lines[3]), ok_keys);
    let summary: Vec<(String, String, bool)> = lines
        .iter()
        .map(|l| (text(&l["line"]), text(&l["key"]), l["ok"] == true))
        .collect();
    assert_eq!(
        summary,
        [
            ("2".to_string(), "B1".to_string(), true),
            ("3".to_string(), "B2".to_string(), false),
            ("4".to_string(), "B3".to_string(), false),
            ("5".to_string(), "B4".to_string(), true),
        ]
    );
    assert!(text(&lines[1]["error"]).contains("abc"), "{}", lines[1]);
    assert!(text(&lines[2]["error"]).contains("WO9"), "{}", lines[2]);
    // B1: 2 units → 4 C1; B4: 2 more units → 4.
    assert_eq!(plant.qty("C1", "M1"), "92");

    // Idempotent: the good lines again post nothing and return the same reports.
    let good = plant.tmp.path().join("good.csv");
    std::fs::write(
        &good,
        "key,order,op,good,scrap\nB1,WO1,10,2,0\nB4,WO1,10,1,1\n",
    )
    .expect("write the batch");
    let out = plant.run(&["report", "--batch", good.to_str().expect("utf-8")]);
    out.ok();
    let again = out.json_lines();
    assert_eq!(again.len(), 2);
    assert_eq!(again[0]["report_id"], lines[0]["report_id"]);
    assert_eq!(again[1]["report_id"], lines[3]["report_id"]);
    assert!(again.iter().all(|l| l["ok"] == true));
    assert_eq!(plant.qty("C1", "M1"), "92");
    plant.verify();
}

#[test]
fn a_per_order_line_keeps_its_standard_after_the_carrying_report_is_reversed() {
    // Line 30: 5 C1 per order at op 10. Report 2 (carries it), report 3, reverse the first.
    let boms = format!("{BOMS}P,1,1,30,C1,5,order,,10,,\n");
    let plant = Plant::with(&Files::base().with("boms.csv", &boms));
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&first, "30")["planned"], "5");
    let second = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(line(&second, "30")["planned"], "0");
    let id = report_id(&first);
    plant
        .run(&["reverse", "--report", &id, "--reason", "wrong order"])
        .ok();
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    let l30 = line(&v, "30").clone();
    assert_eq!(l30["standard_qty"], "5");
    assert_eq!(l30["actual_qty"], "0");
    assert_eq!(l30["qty_variance"], "-5");
    assert_eq!(l30["cost_variance"], "-10");
    // 3 units: line 10 standard 6, issued 6.
    let l10 = line(&v, "10").clone();
    assert_eq!(l10["standard_qty"], "6");
    assert_eq!(l10["actual_qty"], "6");
    // The next report carries the line again and the variance closes.
    let third = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&third, "30")["planned"], "5");
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(v["variance"], "0");
}
