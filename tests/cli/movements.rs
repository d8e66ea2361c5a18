//! Stock movements: not enough stock, transfers, reversals, variance and
//! `verify`.

use serde_json::{Value, json};

use crate::common::cli::*;

// =============================================================================================
// Not enough stock (negative_stock)
// =============================================================================================

#[test]
fn negative_stock_defer_queues_and_transfer_posts() {
    let plant = short_plant(Some("[policy]\nnegative_stock = \"defer\"\n"));
    let p = plant.preview(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(line(&p, "10")["status"], "deferred");
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let id = report_id(&r);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([short_by(
            line_json("10", "C1", "M1", "6", "6", "0", "deferred", false),
            "1"
        )])
    );
    assert_eq!(plant.qty("C1", "M1"), "5");
    let rows = plant.exceptions(&[]);
    let exc_id = text(&rows[0]["id"]);
    assert_eq!(
        rows,
        json!([{
            "id": exc_id, "report_id": id, "order": "WO1", "item": "C1", "location": "M1",
            "qty": "6", "shortfall": "1", "status": "open"
        }])
    );
    assert_eq!(plant.exceptions(&["--open"]), rows);
    // Retry posts nothing yet.
    plant.run(&["exceptions", "retry", "--json"]).ok();
    assert_eq!(plant.exceptions(&["--open"]), rows);
    // A transfer into M1 posts it.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "2", "--from", "RAW", "--to", "M1", "--json",
        ])
        .ok()
        .json();
    let after = plant.exceptions(&[]);
    assert_eq!(after[0]["status"], "posted");
    assert_eq!(after[0]["id"], rows[0]["id"]);
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "1"),
            stock_row("C1", "RAW", "98"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant.verify();
}

#[test]
fn defer_counts_line_scrap_and_defers_the_whole_line() {
    let plant = short_plant(None);
    // 4 planned + 2 line scrap = 6 > 5 on hand: the whole line waits.
    let r = plant.report(&[
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--line-scrap",
        "C1=2",
    ]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([short_by(
            line_json("10", "C1", "M1", "4", "4", "2", "deferred", true),
            "1"
        )])
    );
    assert_eq!(plant.qty("C1", "M1"), "5");
    let rows = plant.exceptions(&[]);
    assert_eq!(rows[0]["qty"], "6");
    assert_eq!(rows[0]["shortfall"], "1");
}

#[test]
fn reversing_a_report_whose_exception_was_posted_returns_the_stock() {
    let plant = short_plant(None);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]); // 6 > 5
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "2", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "1");
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&r),
            "--reason",
            "test",
            "--json",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "7");
    assert_eq!(plant.exceptions(&[])[0]["status"], "posted");
    plant.verify();
}

#[test]
fn negative_stock_defaults_to_defer() {
    let plant = short_plant(None);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(line(&r, "10")["status"], "deferred");
    assert_eq!(
        plant.exceptions(&["--open"]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn defer_takes_lines_of_one_item_in_line_order() {
    let boms = format!("{BOMS}P,1,1,30,C1,1,unit,,10,,\n");
    let stock = "item,location,qty\nC1,M1,5\n";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", &boms)
            .with("stock.csv", stock),
    );
    // Line 10 needs 4 and fits; line 30 needs 2 and only 1 is left.
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "10")["status"], "issue");
    assert_eq!(line(&r, "30")["status"], "deferred");
    assert_eq!(plant.qty("C1", "M1"), "1");
    let rows = plant.exceptions(&[]);
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    assert_eq!(rows[0]["qty"], "2");
    assert_eq!(rows[0]["shortfall"], "1");
}

#[test]
fn retry_posts_younger_exception_that_fits() {
    let stock = "item,location,qty\nC1,RAW,100\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    let a = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]); // 6 C1
    let b = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]); // 2 C1
    assert_eq!(line(&a, "10")["status"], "deferred");
    assert_eq!(line(&b, "10")["status"], "deferred");
    let rows = plant.exceptions(&[]);
    assert_eq!(rows[0]["shortfall"], "6");
    assert_eq!(rows[1]["shortfall"], "2");
    // 3 arrive: the older 6 does not fit, the younger 2 does.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "3", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    let rows = plant.exceptions(&[]);
    let status: Vec<(String, String)> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (text(&r["report_id"]), text(&r["status"])))
        .collect();
    assert_eq!(
        status,
        [
            (report_id(&a), "open".to_string()),
            (report_id(&b), "posted".to_string())
        ]
    );
    assert_eq!(plant.qty("C1", "M1"), "1");
    // 5 more: retry posts the older one.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    assert_eq!(plant.stock(), json!([stock_row("C1", "RAW", "92")]));
    plant.verify();
}

#[test]
fn exceptions_retry_posts_after_stock_arrives_by_import() {
    let stock = "item,location,qty\nC1,M1,5\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]); // 6 > 5: deferred
    plant
        .import(&Files(vec![(
            "stock.csv",
            "item,location,qty\nC1,M1,10\n".into(),
        )]))
        .ok();
    let out = plant.run(&["exceptions", "retry", "--json"]);
    assert!(out.ok().json().is_array(), "{}", out.describe());
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    assert_eq!(plant.exceptions(&[])[0]["status"], "posted");
    assert_eq!(plant.qty("C1", "M1"), "4");
}

#[test]
fn negative_stock_block_refuses_listing_short_lines() {
    // Both lines at operation 10; only 5 C1 and no C2 at M1.
    let boms = BOMS.replace(
        "P,1,1,20,C2,0.5,unit,10,20,,",
        "P,1,1,20,C2,0.5,unit,10,10,,",
    );
    let stock = "item,location,qty\nC1,M1,5\nC1,RAW,100\n";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", &boms)
            .with("stock.csv", stock),
    )
    .config("[policy]\nnegative_stock = \"block\"\n");
    let p = plant.preview(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(
        normalize_report(p)["lines"],
        json!([
            short_by(
                line_json("10", "C1", "M1", "6", "6", "0", "short", false),
                "1"
            ),
            short_by(
                line_json("20", "C2", "M1", "1.65", "1.65", "0", "short", false),
                "1.65"
            ),
        ])
    );
    base_report(&plant, &["--good", "3"])
        .refused()
        .says(&["C1", "C2"]);
    assert_eq!(
        plant.stock(),
        json!([stock_row("C1", "M1", "5"), stock_row("C1", "RAW", "100")])
    );
    assert_eq!(plant.exceptions(&[]), json!([]));
    // Nothing was posted: a report that fits gets the full standard of its units.
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--skip", "20",
    ]);
    assert_eq!(line(&r, "10")["planned"], "2");
    assert_eq!(plant.qty("C1", "M1"), "3");
    plant.verify();
}

#[test]
fn negative_stock_allow_goes_negative() {
    let plant = short_plant(Some("[policy]\nnegative_stock = \"allow\"\n"));
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([short_by(
            line_json("10", "C1", "M1", "6", "6", "0", "issue", false),
            "1"
        )])
    );
    assert_eq!(plant.qty("C1", "M1"), "-1");
    assert_eq!(plant.exceptions(&[]), json!([]));
    plant.verify();
}

/// Lines 10 and 20 each take 1 C1 per unit at M1, where 3 are on hand (100 in RAW); line 30
/// takes 0.5 C2 per unit at M1, where 10 are on hand. All three at operation 10.
fn two_lines_of_one_item(policy: &str) -> Plant {
    let boms = "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
                P,1,1,10,C1,1,unit,,10,,\n\
                P,1,1,20,C1,1,unit,,10,,\n\
                P,1,1,30,C2,0.5,unit,,10,,\n";
    let stock = "item,location,qty\nC1,M1,3\nC1,RAW,100\nC2,M1,10\n";
    Plant::with(
        &Files::base()
            .with("boms.csv", boms)
            .with("stock.csv", stock),
    )
    .config(&format!("[policy]\nnegative_stock = \"{policy}\"\n"))
}

/// Each line's (status, shortfall) in a preview of 4 good units of WO1 at operation 10.
fn shortfalls(plant: &Plant) -> Vec<(String, String)> {
    let p = plant.preview(&["--order", "WO1", "--op", "10", "--good", "4"]);
    ["10", "20", "30"]
        .iter()
        .map(|l| {
            (
                text(&line(&p, l)["status"]),
                text(&line(&p, l)["shortfall"]),
            )
        })
        .collect()
}

fn pair(status: &str, shortfall: &str) -> (String, String) {
    (status.to_string(), shortfall.to_string())
}

#[test]
fn under_block_the_refusal_lists_all_that_must_be_brought_in_one_trip() {
    let plant = two_lines_of_one_item("block");
    // 4 units: each C1 line needs 4 with 3 on hand. Line 10 lacks 1; it still counts against
    // what line 20 sees, which therefore lacks all of its 4.
    assert_eq!(
        shortfalls(&plant),
        [pair("short", "1"), pair("short", "4"), pair("issue", "0")]
    );
    let report = ["report", "--order", "WO1", "--op", "10", "--good", "4"];
    plant.run(&report).refused().says(&[
        "line 10 C1 needs 4 at M1, 3 available there after the earlier lines, short by 1",
        "line 20 C1 needs 4 at M1, 0 available there after the earlier lines, short by 4",
        "to post it, bring 5 C1 to M1",
    ]);
    assert_eq!(plant.qty("C1", "M1"), "3", "nothing posted");
    // The handler brings the 5 listed in one transfer, and the report posts.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "4"]);
    for l in ["10", "20"] {
        assert_eq!(
            (text(&line(&r, l)["qty"]), text(&line(&r, l)["status"])),
            ("4".to_string(), "issue".to_string())
        );
        assert_eq!(line(&r, l)["shortfall"], "0");
    }
    assert_eq!(plant.qty("C1", "M1"), "0");
    plant.verify();
}

#[test]
fn preview_lines_carry_their_shortfall_under_every_policy() {
    // A deferred line takes nothing: line 20 still sees the 3 on hand and lacks 1.
    assert_eq!(
        shortfalls(&two_lines_of_one_item("defer")),
        [
            pair("deferred", "1"),
            pair("deferred", "1"),
            pair("issue", "0")
        ]
    );
    assert_eq!(
        shortfalls(&two_lines_of_one_item("block")),
        [pair("short", "1"), pair("short", "4"), pair("issue", "0")]
    );
    // Under allow every line issues; each says what it lacks after the lines before it.
    assert_eq!(
        shortfalls(&two_lines_of_one_item("allow")),
        [pair("issue", "1"), pair("issue", "4"), pair("issue", "0")]
    );
    // A report prints the same field, and a deferred line's exception carries it.
    let plant = two_lines_of_one_item("defer");
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "4"]);
    assert_eq!(line(&r, "10")["shortfall"], "1");
    assert_eq!(line(&r, "30")["shortfall"], "0");
    let queued: Vec<String> = plant
        .exceptions(&[])
        .as_array()
        .expect("rows")
        .iter()
        .map(|e| text(&e["shortfall"]))
        .collect();
    assert_eq!(queued, ["1", "1"]);
}

// =============================================================================================
// Transfer
// =============================================================================================

#[test]
fn transfer_moves_stock_and_refuses_going_negative() {
    let plant = Plant::base();
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "30", "--from", "RAW", "--to", "M1", "--json",
        ])
        .ok()
        .json();
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "71", "--from", "RAW", "--to", "M1",
        ])
        .refused()
        .says(&["RAW"]);
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "1.5", "--from", "RAW", "--to", "M1",
        ])
        .refused();
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "130"),
            stock_row("C1", "RAW", "70"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant.verify();
}

// =============================================================================================
// Reversal: takes units out of U and planned out of P
// =============================================================================================

#[test]
fn reverse_restores_stock_once() {
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let r20 = plant.report(&["--order", "WO1", "--op", "20", "--good", "3"]);
    let id = report_id(&r20);
    plant
        .run(&[
            "reverse",
            "--report",
            &id,
            "--reason",
            "wrong order",
            "--json",
        ])
        .ok()
        .json();
    // C2 back, the 3 P received at FG gone.
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "94"),
            stock_row("C1", "RAW", "100"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant
        .run(&["reverse", "--report", &id, "--reason", "again", "--json"])
        .refused()
        .says(&[&id]);
    plant
        .run(&["reverse", "--report", "999", "--reason", "no such report"])
        .refused()
        .says(&["999"]);
    // Its units left the cumulative quantity: the same report issues the same again.
    let again = plant.report(&["--order", "WO1", "--op", "20", "--good", "3"]);
    assert_eq!(line(&again, "20")["planned"], "1.65");
    assert_eq!(plant.qty("P", "FG"), "3");
    plant.verify();
}

#[test]
fn reversing_first_report_carries_setup_again() {
    let plant = Plant::base();
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(first["labor"][0]["setup_hours"], "0.5");
    let second = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(second["labor"][0]["setup_hours"], "0");
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&first),
            "--reason",
            "test",
        ])
        .ok();
    let third = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(third["labor"][0]["setup_hours"], "0.5");
}

#[test]
fn reversing_a_middle_report_returns_to_exact_target() {
    let plant = thirds_plant();
    // 1/3 per unit, reports of 2: targets 1, 2, 2 → planned 1, 1, 0.
    let reports: Vec<Value> = (0..3)
        .map(|_| plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]))
        .collect();
    let planned: Vec<String> = reports
        .iter()
        .map(|r| text(&line(r, "10")["planned"]))
        .collect();
    assert_eq!(planned, ["1", "1", "0"]);
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&reports[1]),
            "--reason",
            "miscount",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "99");
    // U = 4, P = 1: the next 2 units reach target(6) = 2 → 1.
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "10")["planned"], "1");
    // 10 units: target 4, P = 2 → 2.
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "4"]);
    assert_eq!(line(&r, "10")["planned"], "2");
    assert_eq!(plant.qty("C1", "M1"), "96");
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(v["lines"][0]["standard_qty"], "4");
    assert_eq!(v["lines"][0]["actual_qty"], "4");
    assert_eq!(v["variance"], "0");
    plant.verify();
}

#[test]
fn reversing_a_deferred_report_cancels_its_exception() {
    let plant = short_plant(None);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    plant
        .run(&["reverse", "--report", &report_id(&r), "--reason", "test"])
        .ok();
    let rows = plant.exceptions(&[]);
    assert_eq!(rows[0]["status"], "cancelled");
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    // A later transfer does not post it.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "10", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "15");
    plant.verify();
}

// =============================================================================================
// Variance and verify
// =============================================================================================

#[test]
fn variance_json_after_overrides() {
    let plant = Plant::base();
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--set", "C1=7",
    ]);
    plant.report(&[
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--line-scrap",
        "C1=1",
    ]);
    // Standard: 5 units × 2 = 10. Actual: 7 + 4 + 1 = 12. Cost at 2.
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(
        v,
        json!({
            "order": "WO1",
            "lines": [
                {"line": "10", "item": "C1", "standard_qty": "10", "actual_qty": "12",
                 "qty_variance": "2", "cost_variance": "4", "pending_qty": "0"},
                {"line": "20", "item": "C2", "standard_qty": "0", "actual_qty": "0",
                 "qty_variance": "0", "cost_variance": "0", "pending_qty": "0"},
            ],
            "expected_cost": "20",
            "actual_cost": "24",
            "variance": "4"
        })
    );
    plant.verify();
}

#[test]
fn variance_shows_deferred_lines_as_pending() {
    let plant = short_plant(None);
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(v["lines"][0]["standard_qty"], "6");
    assert_eq!(v["lines"][0]["pending_qty"], "6");
    plant
        .run(&["variance", "--order", "WO9", "--json"])
        .refused()
        .says(&["WO9"]);
}
