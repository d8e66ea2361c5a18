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
    let owed = json!([{
        "item": "C1", "location": "M1", "need": "20", "on_hand": "5", "shortfall": "15",
        "orders": 1, "sources": [{"location": "RAW", "qty": "100"}]
    }]);
    assert_eq!(before, owed);
    assert_eq!(after, owed);
    assert_eq!(plant.exceptions(&["--open"])[0]["qty"], "10");
}
