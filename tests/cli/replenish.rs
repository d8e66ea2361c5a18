//! `replenish`: the handler's queue of the machine locations, with exact numbers.

use serde_json::{Value, json};

use crate::common::cli::*;

fn queue(plant: &Plant, extra: &[&str]) -> Value {
    let mut args = vec!["replenish", "--json"];
    args.extend_from_slice(extra);
    plant.run(&args).ok().json()
}

/// (location, item, bring) of every row, in the queue's order.
fn order(rows: &Value) -> Vec<(String, String, String)> {
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| (text(&r["location"]), text(&r["item"]), text(&r["bring"])))
        .collect()
}

fn row<'a>(rows: &'a Value, location: &str, item: &str) -> &'a Value {
    rows.as_array()
        .expect("rows")
        .iter()
        .find(|r| r["location"] == location && r["item"] == item)
        .unwrap_or_else(|| panic!("no row {location} {item} in {rows}"))
}

#[test]
fn bring_fills_up_to_max_in_whole_containers_and_the_shortfall_where_no_row_is() {
    // WO2 makes 200 more P: C1 2 a unit at M1, C2 0.5 KG + 10 % at M2.
    let files = Files::base()
        .with(
            "orders.csv",
            &format!("{ORDERS}WO2,P,1,200,2026-12-02,FG\n"),
        )
        .with(
            "location_items.csv",
            "location,item,min,max,multiple\nM1,C1,90,120,25\n",
        );
    let plant = Plant::with(&files);
    let rows = queue(&plant, &[]);
    // M1: demand 2 × 10 + 2 × 200 = 420, 100 on hand → projected −320; max 120 is 440 away:
    // 17.6 containers of 25, so 18 = 450.
    assert_eq!(
        row(&rows, "M1", "C1"),
        &json!({
            "location": "M1", "item": "C1", "on_hand": "100", "owed": "0", "demand": "420",
            "projected": "-320", "min": "90", "max": "120", "multiple": "25", "bring": "450",
            "daily_use": "0", "days_left": null,
            "sources": [{"location": "RAW", "qty": "100"}]
        })
    );
    // M2 has no row: 5.5 + 110 = 115.5 against 50 on hand, the shortfall 65.5 in steps of
    // the item's smallest unit (0.001 KG).
    let c2 = row(&rows, "M2", "C2");
    assert_eq!(
        (
            &c2["demand"],
            &c2["projected"],
            &c2["bring"],
            &c2["multiple"]
        ),
        (
            &json!("115.5"),
            &json!("-65.5"),
            &json!("65.5"),
            &json!("0.001")
        )
    );
    assert_eq!(c2["sources"], json!([]));
    assert_eq!(
        order(&rows),
        vec![
            ("M1".into(), "C1".into(), "450".into()),
            ("M2".into(), "C2".into(), "65.5".into())
        ]
    );
    // Within min and max nothing is brought: the row shows with --all only.
    let calm = Plant::with(&Files::base().with(
        "location_items.csv",
        "location,item,min,max,multiple\nM1,C1,80,120,25\n",
    ));
    assert_eq!(queue(&calm, &[]), json!([]));
    let all = queue(&calm, &["--all"]);
    assert_eq!(row(&all, "M1", "C1")["projected"], "80");
    assert_eq!(row(&all, "M1", "C1")["bring"], "0");
    // A row with nothing in it is no row: re-imported, M1 is back to the shortfall rule.
    plant
        .import(&Files(vec![(
            "location_items.csv",
            "location,item,min,max,multiple\nM1,C1,0,0,\n".into(),
        )]))
        .ok();
    let rows = queue(&plant, &[]);
    let c1 = row(&rows, "M1", "C1");
    assert_eq!(
        (&c1["min"], &c1["max"], &c1["multiple"], &c1["bring"]),
        (&json!("0"), &json!("0"), &json!("1"), &json!("320"))
    );
}

#[test]
fn expired_lots_are_neither_on_hand_nor_a_source() {
    let items = format!("{ITEMS}L1,Lot item,EA,0,stock,lot,yes,1\n");
    let stock = "item,location,qty,lot,expires
C1,M1,100,,
L1,M1,5,A,2020-01-01
L1,M1,3,B,2099-01-01
L1,RAW,7,C,2020-01-01
L1,RAW,4,D,2099-12-31
";
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("stock.csv", stock)
            .with(
                "location_items.csv",
                "location,item,min,max,multiple\nM1,L1,10,20,\n",
            ),
    );
    let rows = queue(&plant, &[]);
    let l1 = row(&rows, "M1", "L1");
    assert_eq!(
        (
            &l1["on_hand"],
            &l1["projected"],
            &l1["bring"],
            &l1["sources"]
        ),
        (
            &json!("3"),
            &json!("3"),
            &json!("17"),
            &json!([{"location": "RAW", "qty": "4"}])
        )
    );
}

#[test]
fn daily_use_is_the_window_net_of_reversals_and_returns() {
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "5"]);
    let second = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&second),
            "--reason",
            "wrong count",
        ])
        .ok();
    plant
        .run(&["issue", "--order", "WO1", "--line", "10", "--qty", "-1"])
        .ok();
    let rows = queue(&plant, &["--all", "--location", "M1"]);
    // Used: 10 + 4 − 4 (reversed) − 1 (returned) = 9 over 7 days = 1.2857… → 1.29 (the
    // item's 0 decimals + 2); 91 on hand last 91 × 7 ÷ 9 = 70.78 → 70.8 days. The reversal
    // leaves P at 10: 10 of the 20 remain in demand.
    let c1 = row(&rows, "M1", "C1");
    assert_eq!(
        (
            &c1["on_hand"],
            &c1["demand"],
            &c1["projected"],
            &c1["daily_use"],
            &c1["days_left"]
        ),
        (
            &json!("91"),
            &json!("10"),
            &json!("81"),
            &json!("1.29"),
            &json!("70.8")
        )
    );
    // A shorter window divides by fewer days.
    let short = plant.config("[policy]\nreplenish_days = 3\n");
    let rows = queue(&short, &["--all", "--location", "M1"]);
    let c1 = row(&rows, "M1", "C1");
    assert_eq!(
        (&c1["daily_use"], &c1["days_left"]),
        (&json!("3"), &json!("30.3"))
    );
}

#[test]
fn the_queue_puts_owed_first_then_what_runs_out_first() {
    let items = format!(
        "{ITEMS}C3,Component three,EA,0,stock,none,yes,1\nC4,Component four,EA,0,stock,none,yes,1\n"
    );
    let stock = "item,location,qty\nC1,M1,5\nC2,M2,50\nC1,RAW,100\nC3,M1,2\nC4,M2,100\n";
    let rows_csv = "location,item,min,max,multiple\nM2,C2,40,60,10\nM1,C3,5,10,\n";
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("stock.csv", stock)
            .with("location_items.csv", rows_csv),
    )
    .config("[policy]\nnegative_stock = \"defer\"\n");
    // The C1 line is deferred whole: 10 owed at M1.
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "5"]);
    assert_eq!(line(&r, "10")["status"], "deferred");
    // 7 KG of C2 by hand at M2: 1 a day, 43 left last 43 days.
    plant
        .run(&["issue", "--order", "WO1", "--line", "20", "--qty", "7"])
        .ok();
    let all = queue(&plant, &["--all"]);
    assert_eq!(
        order(&all),
        vec![
            // owed: 5 − 10 − 10 = −15
            ("M1".into(), "C1".into(), "15".into()),
            // 43 days: 43 − 5.5 = 37.5 below 40, 22.5 to 60 → 3 containers of 10
            ("M2".into(), "C2".into(), "30".into()),
            // no use: days left null, last of those to bring
            ("M1".into(), "C3".into(), "8".into()),
            // nothing to bring
            ("M2".into(), "C4".into(), "0".into()),
        ]
    );
    let c1 = row(&all, "M1", "C1");
    assert_eq!(
        (&c1["owed"], &c1["demand"], &c1["days_left"]),
        (&json!("10"), &json!("10"), &Value::Null)
    );
    let c2 = row(&all, "M2", "C2");
    assert_eq!(
        (&c2["daily_use"], &c2["days_left"]),
        (&json!("1"), &json!("43"))
    );
    // Without --all only what to bring; by location or by a work center's location.
    assert_eq!(order(&queue(&plant, &[])).len(), 3);
    assert_eq!(
        order(&queue(&plant, &["--location", "M2", "--all"])),
        vec![
            ("M2".into(), "C2".into(), "30".into()),
            ("M2".into(), "C4".into(), "0".into())
        ]
    );
    assert_eq!(
        queue(&plant, &["--work-center", "WC2", "--all"]),
        queue(&plant, &["--location", "M2", "--all"])
    );
    // The terminal's work center of the variable filters nothing.
    let env = plant
        .run_env(
            &["replenish", "--json"],
            &[("BACKFLUSH_WORK_CENTER", "WC2")],
        )
        .ok()
        .json();
    assert_eq!(order(&env).len(), 3);
    // The text is a table with a row per item.
    let table = plant.run(&["replenish"]).ok().stdout.clone();
    assert!(table.starts_with("location"), "{table}");
    assert_eq!(table.lines().count(), 4, "{table}");
}

#[test]
fn replenish_names_what_it_cannot_take() {
    let plant = Plant::base();
    plant
        .run(&["replenish", "--location", "RAW"])
        .refused()
        .says(&["--location RAW is a storage location, not a machine location"]);
    plant
        .run(&["replenish", "--location", "M9"])
        .refused()
        .says(&["M9"]);
    let out = plant.run(&["replenish", "--work-center", "WC9", "--json"]);
    out.refused().says(&["WC9"]);
    assert_eq!(
        serde_json::from_str::<Value>(&out.stderr).expect("json")["kind"],
        "not_found"
    );
    plant
        .run(&["replenish", "--location", "M1", "--work-center", "WC1"])
        .usage()
        .says(&["--location", "--work-center"]);
}

#[test]
fn a_closed_order_plans_no_demand_and_a_reopened_one_does_again() {
    // WO2 makes 200 more P: C1 2 a unit at M1 (WO1 still plans its 20).
    let files = Files::base().with(
        "orders.csv",
        &format!("{ORDERS}WO2,P,1,200,2026-12-02,FG\n"),
    );
    let plant = Plant::with(&files);
    assert_eq!(row(&queue(&plant, &["--all"]), "M1", "C1")["demand"], "420");
    plant
        .run(&[
            "close",
            "--order",
            "WO2",
            "--reason",
            "cancelled by planning",
        ])
        .ok();
    assert_eq!(row(&queue(&plant, &["--all"]), "M1", "C1")["demand"], "20");
    plant
        .run(&["reopen", "--order", "WO2", "--reason", "planning again"])
        .ok();
    assert_eq!(row(&queue(&plant, &["--all"]), "M1", "C1")["demand"], "420");
}

#[test]
fn demand_adds_every_kind_of_line_at_a_shared_location_and_counts_each_order_once() {
    // WC3 shares M1 with WC1. Q takes C1 at both of its operations (1 and 3 a unit, so two
    // lines of one order at one location) and C2 once an order from M1.
    let files = Files::base()
        .with(
            "items.csv",
            &format!("{ITEMS}Q,Parent Q,EA,0,stock,none,yes,50.00\n"),
        )
        .with(
            "work_centers.csv",
            &format!("{WORK_CENTERS}WC3,Cell three,M1,40.00,20.00,yes\n"),
        )
        .with(
            "boms.csv",
            &format!(
                "{BOMS}Q,1,1,10,C1,1,unit,,10,,\nQ,1,1,20,C1,3,unit,,20,,\nQ,1,1,30,C2,0.25,order,,10,,M1\n"
            ),
        )
        .with(
            "routings.csv",
            &format!("{ROUTINGS}Q,1,10,WC3,0,0.10,yes\nQ,1,20,WC1,0,0.10,yes\n"),
        )
        .with(
            "orders.csv",
            &format!(
                "{ORDERS}WO2,Q,1,10,2026-12-02,FG\nWO3,Q,1,10,2026-12-02,FG\nWO4,P,1,5,2026-12-02,FG\nWO5,Q,1,10,2026-12-02,FG\n"
            ),
        )
        .with("stock.csv", &format!("{STOCK}C2,M1,10\n"));
    let plant = Plant::with(&files);
    plant.report(&["--order", "WO2", "--op", "10", "--good", "4"]);
    plant.report(&["--order", "WO3", "--op", "10", "--good", "6"]);
    let second = plant.report(&["--order", "WO3", "--op", "10", "--good", "2"]);
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&second),
            "--reason",
            "wrong count",
        ])
        .ok();
    plant
        .run(&[
            "close",
            "--order",
            "WO4",
            "--reason",
            "cancelled by planning",
        ])
        .ok();
    let rows = queue(&plant, &["--all"]);
    // C1 at M1: WO1 2 × 10 = 20; WO2 10 − 4 + 30 = 36; WO3 (stored since its reversal)
    // 10 − 6 + 30 = 34; WO5 10 + 30 = 40; WO4 is closed: 130. On hand 100 − 4 − 6 = 90.
    let c1 = row(&rows, "M1", "C1");
    assert_eq!(
        (&c1["on_hand"], &c1["demand"], &c1["projected"]),
        (&json!("90"), &json!("130"), &json!("-40"))
    );
    // C2 once an order at M1: WO2 and WO3 carried it, WO5 not yet. At M2 WO1's 5.5 alone.
    let c2 = row(&rows, "M1", "C2");
    assert_eq!(
        (&c2["on_hand"], &c2["demand"]),
        (&json!("9.5"), &json!("0.25"))
    );
    assert_eq!(row(&rows, "M2", "C2")["demand"], "5.5");
    // Staging of WC1 counts each order once, however many of its lines issue C1 there.
    let staging = plant
        .run(&["staging", "--work-center", "WC3", "--json"])
        .ok()
        .json();
    let c1 = row(&staging, "M1", "C1");
    assert_eq!(
        (&c1["need"], &c1["shortfall"], &c1["orders"]),
        (&json!("130"), &json!("40"), &json!(4))
    );
    assert_eq!(row(&staging, "M1", "C2")["orders"], 1);
}
