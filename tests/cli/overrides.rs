//! Overrides on a report: set, line scrap, skip, location, and their refusals.

use serde_json::{Value, json};

use crate::common::cli::*;

// =============================================================================================
// Overrides
// =============================================================================================

/// Five lines at operation 10: C1 (2/unit), C2 (0.5 KG/unit), C3 (1/unit), C4 (1/unit, stocked
/// only at RAW), L1 (lot-tracked: a manual line).
fn override_plant() -> Plant {
    let items = format!(
        "{ITEMS}C3,Component three,EA,0,stock,none,yes,3\nC4,Component four,EA,0,stock,none,yes,4\nL1,Lot part,EA,0,stock,lot,yes,5\n"
    );
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,C2,0.5,unit,,10,,
P,1,1,30,C3,1,unit,,10,,
P,1,1,40,C4,1,unit,,10,,
P,1,1,50,L1,1,unit,,10,,
";
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,50\nC3,M1,100\nC4,RAW,100\n";
    Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", boms)
            .with("stock.csv", stock),
    )
}

fn override_stock() -> Value {
    json!([
        stock_row("C1", "M1", "100"),
        stock_row("C2", "M1", "50"),
        stock_row("C3", "M1", "100"),
        stock_row("C4", "RAW", "100"),
    ])
}

#[test]
fn overrides_set_line_scrap_skip_location() {
    let plant = override_plant();
    let args = [
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--set",
        "10=5",
        "--line-scrap",
        "C2=0.25",
        "--skip",
        "C3",
        "--location",
        "40=RAW",
    ];
    let expected_lines = json!([
        line_json("10", "C1", "M1", "4", "5", "0", "issue", true),
        line_json("20", "C2", "M1", "1", "1", "0.25", "issue", true),
        line_json("30", "C3", "M1", "2", "0", "0", "skipped", true),
        line_json("40", "C4", "RAW", "2", "2", "0", "issue", true),
        line_json("50", "L1", "M1", "2", "0", "0", "manual", false),
    ]);
    let p = plant.preview(&args);
    assert_eq!(normalize_report(p)["lines"], expected_lines);
    assert_eq!(plant.stock(), override_stock());
    let r = plant.report(&args);
    assert_eq!(normalize_report(r)["lines"], expected_lines);
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "95"),
            stock_row("C2", "M1", "48.75"),
            stock_row("C3", "M1", "100"),
            stock_row("C4", "RAW", "98"),
        ])
    );
    plant.verify();
}

#[test]
fn override_of_manual_line_is_refused() {
    let plant = override_plant();
    base_report(&plant, &["--good", "2", "--set", "50=1"])
        .refused()
        .says(&["50"]);
    base_report(&plant, &["--good", "2", "--skip", "L1"])
        .refused()
        .says(&["50"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn two_sets_on_one_line_are_refused() {
    let plant = override_plant();
    base_report(&plant, &["--good", "2", "--set", "10=5", "--set", "C1=6"])
        .refused()
        .says(&["10"]);
    base_report(
        &plant,
        &[
            "--good",
            "2",
            "--line-scrap",
            "20=1",
            "--line-scrap",
            "20=2",
        ],
    )
    .refused()
    .says(&["20"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn skip_and_set_on_one_line_are_refused() {
    let plant = override_plant();
    base_report(&plant, &["--good", "2", "--skip", "30", "--set", "30=1"])
        .refused()
        .says(&["30"]);
    base_report(
        &plant,
        &["--good", "2", "--skip", "C3", "--location", "30=RAW"],
    )
    .refused()
    .says(&["30"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn bad_override_values_are_refused() {
    let plant = override_plant();
    // EA allows no decimals.
    base_report(&plant, &["--good", "2", "--set", "C1=1.5"])
        .refused()
        .says(&["1.5"]);
    // KG allows 3.
    base_report(&plant, &["--good", "2", "--line-scrap", "C2=0.0001"])
        .refused()
        .says(&["0.0001"]);
    base_report(&plant, &["--good", "2", "--set", "C1=-1"]).refused();
    base_report(&plant, &["--good", "2", "--location", "C1=NOWHERE"])
        .refused()
        .says(&["NOWHERE"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn override_is_variance_and_not_repaired_later() {
    let plant = override_plant();
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "2", "--set", "C1=1",
    ]);
    // Cumulative 4 units: target 8, P = 4 (the standard of report 1, not the 1 issued).
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "10")["planned"], "4");
    assert_eq!(line(&r, "10")["qty"], "4");
    assert_eq!(plant.qty("C1", "M1"), "95");
}
