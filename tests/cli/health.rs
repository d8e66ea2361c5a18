//! Machine-location health: exact figures from reports and counts, the flags and
//! the window.

use serde_json::{Value, json};

use crate::common::cli::*;

fn health(plant: &Plant, extra: &[&str]) -> Value {
    let mut args = vec!["health", "--json"];
    args.extend_from_slice(extra);
    plant.run(&args).ok().json()
}

#[test]
fn health_compares_what_was_used_with_what_the_counts_found() {
    let plant = Plant::base();
    // Op 10 issues C1 (2 per unit) at M1: 5 units use 10.
    plant.report(&["--order", "WO1", "--op", "10", "--good", "5"]);
    // M1 now holds 90 on the books; the count finds 89: one more was used than reported.
    plant
        .run(&[
            "count",
            "--item",
            "C1",
            "--location",
            "M1",
            "--qty",
            "89",
            "--json",
        ])
        .ok();
    // A second count finds the book quantity: an accurate count.
    plant
        .run(&[
            "count",
            "--item",
            "C1",
            "--location",
            "M1",
            "--qty",
            "89",
            "--json",
        ])
        .ok();
    let rows = health(&plant, &[]);
    assert_eq!(
        rows,
        json!([
            {"location": "M1", "item": "C1", "backflushed": "10", "issued_by_hand": "0",
             "count_adjusted": "-1", "discrepancy_pct": "10", "counts": 2, "accurate_counts": 1,
             "open_exceptions": 0, "on_hand": "89", "flag": "discrepancy"},
            {"location": "M2", "item": "C2", "backflushed": "0", "issued_by_hand": "0",
             "count_adjusted": "0", "discrepancy_pct": null, "counts": 0, "accurate_counts": 0,
             "open_exceptions": 0, "on_hand": "50", "flag": "ok"}
        ])
    );
    // One location only; a higher alert level makes the same 10 % acceptable.
    let m1 = health(&plant, &["--location", "M1"]);
    assert_eq!(m1.as_array().map(Vec::len), Some(1));
    let plant = plant.config("[policy]\ndiscrepancy_alert_pct = 10\n");
    let rows = plant
        .run(&["health", "--location", "M1", "--json"])
        .ok()
        .json();
    assert_eq!(
        rows[0]["flag"], "ok",
        "10 % is not beyond an alert level of 10"
    );
}

#[test]
fn open_exceptions_make_a_row_wait_and_bad_input_is_named() {
    let plant = short_plant(Some("[policy]\nnegative_stock = \"defer\"\n"));
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let rows = health(&plant, &["--location", "M1"]);
    let c1 = rows
        .as_array()
        .and_then(|r| r.iter().find(|r| r["item"] == "C1"))
        .cloned()
        .expect("a row for C1 at M1");
    assert_eq!(c1["open_exceptions"], 1);
    assert_eq!(c1["flag"], "waiting");
    plant
        .run(&["health", "--location", "NOPE", "--json"])
        .refused()
        .says(&["unknown location NOPE"]);
    plant
        .run(&["health", "--days", "0"])
        .refused()
        .says(&["--days 0"]);
}

#[test]
fn a_count_prints_the_counts_of_its_location_and_item_as_health_shows_them() {
    let plant = Plant::base();
    let count = |item: &str, location: &str, qty: &str| {
        let c = plant
            .run(&[
                "count",
                "--item",
                item,
                "--location",
                location,
                "--qty",
                qty,
                "--json",
            ])
            .ok()
            .json();
        (c["counts"].clone(), c["accurate_counts"].clone())
    };
    let in_health = |plant: &Plant| {
        let rows = health(plant, &["--location", "M1"]);
        let c1 = rows
            .as_array()
            .and_then(|r| r.iter().find(|r| r["item"] == "C1"))
            .cloned()
            .expect("a row for C1 at M1");
        (c1["counts"].clone(), c1["accurate_counts"].clone())
    };
    // Counts of other items and locations do not count here.
    assert_eq!(count("C2", "M2", "50"), (json!(1), json!(1)));
    assert_eq!(count("C1", "RAW", "100"), (json!(1), json!(1)));
    assert_eq!(count("C1", "M1", "99"), (json!(1), json!(0)));
    assert_eq!(count("C1", "M1", "99"), (json!(2), json!(1)));
    assert_eq!(in_health(&plant), (json!(2), json!(1)));
    // A count older than health's 30 days no longer counts, in either.
    let conn = rusqlite::Connection::open(&plant.db).expect("open the store");
    conn.execute(
        "UPDATE cycle_counts SET at = '2000-01-01T00:00:00.000000Z'
         WHERE id = (SELECT min(id) FROM cycle_counts WHERE item = 'C1' AND location = 'M1')",
        [],
    )
    .expect("backdate the first count");
    drop(conn);
    assert_eq!(count("C1", "M1", "99"), (json!(2), json!(2)));
    assert_eq!(in_health(&plant), (json!(2), json!(2)));
}
