//! The staging list: what a work center's machine location is owed, and where
//! the stock to bring it sits.

use serde_json::{Value, json};

use crate::common::cli::*;

fn staging(plant: &Plant) -> Value {
    plant
        .run(&["staging", "--work-center", "WC1", "--json"])
        .ok()
        .json()
}

#[test]
fn staging_counts_the_deferred_line_waiting_and_names_the_storage_source() {
    let plant = short_plant(Some("[policy]\nnegative_stock = \"defer\"\n"));
    let before = staging(&plant);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "5"]);
    assert_eq!(line(&r, "10")["status"], "deferred");
    assert_eq!(line(&r, "10")["qty"], "10");
    let after = staging(&plant);
    // 10 of the 20 planned remain to report, and the deferred 10 wait at M1: still 20 owed.
    // The fields staging always had keep their values beside the queue's.
    let old_fields = |rows: &Value| -> Value {
        rows.as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                json!({
                    "item": r["item"], "location": r["location"], "need": r["need"],
                    "on_hand": r["on_hand"], "shortfall": r["shortfall"],
                    "orders": r["orders"], "sources": r["sources"]
                })
            })
            .collect()
    };
    let owed = json!([{
        "item": "C1", "location": "M1", "need": "20", "on_hand": "5", "shortfall": "15",
        "orders": 1, "sources": [{"location": "RAW", "qty": "100"}]
    }]);
    assert_eq!(old_fields(&before), owed);
    assert_eq!(old_fields(&after), owed);
    // The queue's own: before, 20 in demand; after, 10 in demand and 10 owed.
    assert_eq!(
        (
            &before[0]["demand"],
            &before[0]["owed"],
            &before[0]["bring"]
        ),
        (&json!("20"), &json!("0"), &json!("15"))
    );
    assert_eq!(
        (
            &after[0]["demand"],
            &after[0]["owed"],
            &after[0]["projected"]
        ),
        (&json!("10"), &json!("10"), &json!("-15"))
    );
    assert_eq!(plant.exceptions(&["--open"])[0]["qty"], "10");
}

#[test]
fn staging_counts_every_released_order_issuing_at_the_location() {
    // Q is made at WC2 alone, but its line takes C1 from M1 (the supply location): staging of
    // WC1 counts it beside WO1, as the handler's queue does.
    let files = Files::base()
        .with(
            "items.csv",
            &format!("{ITEMS}Q,Other,EA,0,stock,none,yes,1\n"),
        )
        .with("boms.csv", &format!("{BOMS}Q,1,1,10,C1,3,unit,,10,,M1\n"))
        .with("routings.csv", &format!("{ROUTINGS}Q,1,10,WC2,0,0.1,yes\n"))
        .with("orders.csv", &format!("{ORDERS}WQ,Q,1,4,2026-12-03,FG\n"));
    let plant = Plant::with(&files);
    let rows = staging(&plant);
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    assert_eq!(
        (&rows[0]["need"], &rows[0]["orders"], &rows[0]["shortfall"]),
        (&json!("32"), &json!(2), &json!("0"))
    );
}
