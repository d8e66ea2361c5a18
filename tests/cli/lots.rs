//! on the command line: stock by lot (`stock.csv` lot and expires, `stock --json` per
//! lot, `verify` per lot), counts of a tracked item.

use crate::common::cli::{Files, ITEMS, Plant, lot_row, stock_row};

const LOT_ITEMS: &str = "\
L,Lot part,KG,2,stock,lot,yes,3.00
S,Serial part,EA,0,stock,serial,yes,50.00
";

fn items() -> String {
    format!("{ITEMS}{LOT_ITEMS}")
}

const LOT_STOCK: &str = "\
item,location,qty,lot,expires
C1,M1,100,,
L,M1,5,A,2027-01-15
L,M1,2.5,B,
L,RAW,1,A,2027-01-15
L,M1,3,,
S,M1,1,SN1,
S,M1,1,SN2,
";

fn lot_plant() -> Plant {
    Plant::with(
        &Files::base()
            .with("items.csv", &items())
            .with("stock.csv", LOT_STOCK),
    )
}

#[test]
fn stock_is_held_and_shown_per_lot_with_its_expiry() {
    let plant = lot_plant();
    assert_eq!(
        plant.stock(),
        serde_json::json!([
            stock_row("C1", "M1", "100"),
            lot_row("L", "M1", "", None, "3"),
            lot_row("L", "M1", "A", Some("2027-01-15"), "5"),
            lot_row("L", "M1", "B", None, "2.5"),
            lot_row("L", "RAW", "A", Some("2027-01-15"), "1"),
            lot_row("S", "M1", "SN1", None, "1"),
            lot_row("S", "M1", "SN2", None, "1"),
        ])
    );
    plant.verify();
}

#[test]
fn lot_rows_that_contradict_the_item_are_import_errors() {
    let plant = Plant::empty();
    let base = Files::base().with("items.csv", &items());
    plant
        .import(
            &base
                .clone()
                .with("stock.csv", "item,location,qty,lot\nC1,M1,1,X\n"),
        )
        .refused()
        .says(&["stock.csv:2", "C1", "takes no lot"]);
    plant
        .import(&base.clone().with(
            "stock.csv",
            "item,location,qty,lot,expires\nL,M1,1,A,2027-01-01\nL,RAW,1,A,2027-02-01\n",
        ))
        .refused()
        .says(&["stock.csv:3", "two expiries"]);
    plant
        .import(
            &base
                .clone()
                .with("stock.csv", "item,location,qty,lot\nS,M1,2,SN1\n"),
        )
        .refused()
        .says(&["stock.csv:2", "SN1", "0 or 1"]);
    plant
        .import(&base.clone().with(
            "stock.csv",
            "item,location,qty,lot,expires\nL,M1,1,A,2027-13-01\n",
        ))
        .refused()
        .says(&["stock.csv:2", "2027-13-01"]);
    plant
        .import(
            &base
                .clone()
                .with("stock.csv", "item,location,qty,lot\nL,M1,1.555,A\n"),
        )
        .refused()
        .says(&["stock.csv:2"]);
}

#[test]
fn a_count_of_a_tracked_item_names_its_lot() {
    let plant = lot_plant();
    plant
        .run(&["count", "--item", "L", "--location", "M1", "--qty", "4"])
        .refused()
        .says(&["L", "--lot"]);
    plant
        .run(&[
            "count",
            "--item",
            "C1",
            "--location",
            "M1",
            "--lot",
            "X",
            "--qty",
            "4",
        ])
        .refused()
        .says(&["C1", "not lot- or serial-tracked"]);
    let out = plant
        .run(&[
            "count",
            "--item",
            "L",
            "--location",
            "M1",
            "--lot",
            "B",
            "--qty",
            "2",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(out["lot"], "B");
    assert_eq!(out["expected"], "2.5");
    assert_eq!(out["difference"], "-0.5");
    let rows = plant.stock();
    assert!(
        rows.as_array()
            .expect("stock is an array")
            .contains(&lot_row("L", "M1", "B", None, "2")),
        "{rows}"
    );
    plant.verify();
}

#[test]
fn a_transfer_of_a_tracked_item_without_lots_leaves_in_fifo_order() {
    let plant = lot_plant();
    // FIFO at M1: the unknown lot (3) first, then A and B of one import by lot code.
    plant
        .run(&[
            "transfer", "--item", "L", "--qty", "4", "--from", "M1", "--to", "M2",
        ])
        .ok();
    let rows = plant.stock();
    let rows = rows.as_array().expect("stock is an array");
    for row in [
        lot_row("L", "M1", "A", Some("2027-01-15"), "4"),
        lot_row("L", "M1", "B", None, "2.5"),
        lot_row("L", "M2", "", None, "3"),
        lot_row("L", "M2", "A", Some("2027-01-15"), "1"),
    ] {
        assert!(rows.contains(&row), "{row} not in {rows:?}");
    }
    plant.verify();
}

#[test]
fn a_lot_tracked_parent_is_received_into_the_order_lot_and_a_reversal_removes_it() {
    let items = items().replace(
        "P,Parent,EA,0,stock,none,yes,100.00",
        "P,Parent,EA,0,stock,lot,yes,100.00",
    );
    let plant = Plant::with(&Files::base().with("items.csv", &items));
    plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    let r = plant.report(&["--order", "WO1", "--op", "20", "--good", "2"]);
    let rows = plant.stock();
    let rows = rows.as_array().expect("stock is an array");
    assert!(
        rows.contains(&lot_row("P", "FG", "WO1", None, "2")),
        "{rows:?}"
    );
    plant.verify();
    let id = crate::common::cli::report_id(&r);
    plant
        .run(&["reverse", "--report", &id, "--reason", "wrong order"])
        .ok();
    assert!(
        !plant
            .stock()
            .as_array()
            .expect("stock is an array")
            .iter()
            .any(|row| row["item"] == "P"),
    );
    plant.verify();
}

#[test]
fn a_transfer_names_its_lots_and_the_json_lists_the_lots_moved() {
    let plant = lot_plant();
    let out = plant
        .run(&[
            "transfer",
            "--item",
            "L",
            "--qty",
            "2",
            "--from",
            "M1",
            "--to",
            "M2",
            "--lot",
            "B:1.5,:0.5",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        out["lots"],
        serde_json::json!([{"lot": "B", "qty": "1.5"}, {"lot": "", "qty": "0.5"}])
    );
    let auto = plant
        .run(&[
            "transfer", "--item", "L", "--qty", "1", "--from", "M1", "--to", "M2", "--json",
        ])
        .ok()
        .json();
    assert_eq!(auto["lots"], serde_json::json!([{"lot": "", "qty": "1"}]));
    let before = plant.stock();
    for (qty, lot, needles) in [
        ("5", "B:5", vec!["lot \"B\" holds 1 there, not 5"]),
        ("2", "A:1", vec!["add up to 1", "not the quantity 2"]),
    ] {
        plant
            .run(&[
                "transfer", "--item", "L", "--qty", qty, "--from", "M1", "--to", "M2", "--lot", lot,
            ])
            .code(1)
            .says(&needles);
    }
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "1", "--from", "M1", "--to", "M2", "--lot", "A",
        ])
        .code(1)
        .says(&["C1 is not lot- or serial-tracked"]);
    assert_eq!(plant.stock(), before);
    plant.verify();
}
