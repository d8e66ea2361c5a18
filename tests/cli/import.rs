//! `import`: what a good import posts, every refusal, re-imports.

use rstest::rstest;
use serde_json::json;

use crate::common::cli::*;

// =============================================================================================
// Import
// =============================================================================================

#[test]
fn import_success_posts_opening_balances() {
    let plant = Plant::empty();
    let out = plant.import(&Files::base());
    out.ok();
    assert_eq!(plant.stock(), base_stock());
    let at_m1 = plant
        .run(&["stock", "--location", "M1", "--json"])
        .ok()
        .json();
    assert_eq!(at_m1, json!([stock_row("C1", "M1", "100")]));
    let c1 = plant.run(&["stock", "--item", "C1", "--json"]).ok().json();
    let mut c1 = c1.as_array().expect("array").clone();
    c1.sort_by_key(|r| text(&r["location"]));
    assert_eq!(
        c1,
        vec![stock_row("C1", "M1", "100"), stock_row("C1", "RAW", "100")]
    );
    plant.verify();
}

#[test]
fn import_bom_ratios_take_any_precision() {
    // BOM qty and base_qty are ratios: 7 decimals on an EA component is fine.
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,0.5,10,C1,0.1234567,unit,,10,,
P,1,0.5,20,C2,0.5,unit,10,20,,
";
    let plant = Plant::with(&Files::base().with("boms.csv", boms));
    // 1 unit: 0.1234567 / 0.5 = 0.2469134 → rounded up to 1 EA.
    let r = plant.preview(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&r, "10")["planned"], "1");
}

/// Imports `files` into a fresh store: refused with exit 1, a message that starts with
/// `FILE:LINE:` and contains every needle, and nothing stored.
#[track_caller]
pub(crate) fn assert_import_refused(files: &Files, file_line: &str, needles: &[&str]) {
    let plant = Plant::empty();
    let out = plant.import(files);
    out.refused().says(&[file_line]).says(needles);
    // Nothing at all: where there was no store, a refused import leaves none.
    assert!(!plant.db.exists(), "a refused import left a store");
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "1", "--json",
        ])
        .refused()
        .says(&["there is no store at"]);
}

/// Every refused import: the files, the `file:line:` the refusal names, and what else it names.
#[rstest]
#[case::unknown_item_in_boms(
    Files::base().with("boms.csv", "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,NOPE,0.5,unit,10,20,,
"),
    "boms.csv:3:",
    &["NOPE"],
)]
#[case::bad_number(
    Files::base().with("stock.csv", "item,location,qty\nC1,M1,100\nC2,M2,12x\n"),
    "stock.csv:3:",
    &["12x"],
)]
#[case::bad_number_in_items(
    Files::base().with("items.csv", "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,one hundred
C1,Component one,EA,0,stock,none,yes,2.00
C2,Component two,KG,3,stock,none,yes,1.50
"),
    "items.csv:2:",
    &["one hundred"],
)]
// C1 is EA with 0 decimals.
#[case::too_many_decimals_in_stock(
    Files::base().with("stock.csv", "item,location,qty\nC1,M1,1.5\n"),
    "stock.csv:2:",
    &["1.5"],
)]
// C2 is KG with 3 decimals: 1.234 is fine, 1.2345 is not.
#[case::too_many_decimals_in_stock_kg(
    Files::base().with("stock.csv", "item,location,qty\nC2,M2,1.234\nC2,M1,1.2345\n"),
    "stock.csv:3:",
    &["1.2345"],
)]
#[case::too_many_decimals_in_order_qty(
    Files::base().with("orders.csv", "\
order,item,revision,qty,due,completion_location
WO1,P,1,10.5,2026-12-01,FG
"),
    "orders.csv:2:",
    &["10.5"],
)]
#[case::negative_stock_quantity(
    Files::base().with("stock.csv", "item,location,qty\nC1,M1,-5\n"),
    "stock.csv:2:",
    &["-5"],
)]
#[case::negative_order_quantity(
    Files::base().with("orders.csv", "\
order,item,revision,qty,due,completion_location
WO1,P,1,-10,2026-12-01,FG
"),
    "orders.csv:2:",
    &[],
)]
// The duplicate is the fifth line of the file (header, P, C1, C2, C1).
#[case::duplicate_item(
    Files::base().with(
        "items.csv",
        &format!("{ITEMS}C1,Component one again,EA,0,stock,none,yes,3.00\n"),
    ),
    "items.csv:5:",
    &["C1"],
)]
#[case::duplicate_stock_row(
    Files::base().with("stock.csv", "item,location,qty\nC1,M1,100\nC1,M1,50\n"),
    "stock.csv:3:",
    &["C1"],
)]
#[case::duplicate_bom_line(
    Files::base().with("boms.csv", &format!("{BOMS}P,1,1,10,C2,1,unit,,10,,\n")),
    "boms.csv:4:",
    &["10"],
)]
#[case::duplicate_order(
    Files::base().with("orders.csv", &format!("{ORDERS}WO1,P,1,5,2026-12-02,FG\n")),
    "orders.csv:3:",
    &["WO1"],
)]
#[case::unknown_location_in_stock(
    Files::base().with("stock.csv", "item,location,qty\nC1,M1,100\nC1,NOWHERE,5\n"),
    "stock.csv:3:",
    &["NOWHERE"],
)]
#[case::unknown_item_in_orders(
    Files::base().with(
        "orders.csv",
        "order,item,revision,qty,due,completion_location\nWO1,NOPE,1,10,2026-12-01,FG\n",
    ),
    "orders.csv:2:",
    &["NOPE"],
)]
#[case::unknown_column(
    Files::base().with("items.csv", "\
item,description,uom,decimals,type,tracking,backflush,std_cost,colour
P,Parent,EA,0,stock,none,yes,100.00,red
C1,Component one,EA,0,stock,none,yes,2.00,blue
C2,Component two,KG,3,stock,none,yes,1.50,green
"),
    "items.csv:1:",
    &["colour"],
)]
#[case::bom_cycle_through_phantoms(
    Files::base()
        .with(
            "items.csv",
            &format!(
                "{ITEMS}PHA,Phantom A,EA,0,phantom,none,yes,0\nPHB,Phantom B,EA,0,phantom,none,yes,0\n"
            ),
        )
        .with(
            "boms.csv",
            &format!(
                "{BOMS}P,1,1,30,PHA,1,unit,,10,,\nPHA,1,1,10,PHB,1,unit,,,,\nPHB,1,1,10,PHA,1,unit,,,,\n"
            ),
        ),
    "boms.csv:",
    &["cycle", "PHA", "PHB"],
)]
#[case::bom_cycle_through_plain_items(
    Files::base()
        .with(
            "items.csv",
            &format!("{ITEMS}XA,Sub A,EA,0,stock,none,yes,1\nXB,Sub B,EA,0,stock,none,yes,1\n"),
        )
        .with(
            "boms.csv",
            &format!("{BOMS}XA,1,1,10,XB,1,unit,,,,\nXB,1,1,10,XA,1,unit,,,,\n"),
        ),
    "boms.csv:",
    &["cycle", "XA", "XB"],
)]
// header, P/10, P/20, P/30 → line 4.
#[case::phantom_line_per_order(
    Files::base()
        .with("items.csv", &format!("{ITEMS}PH,Phantom,EA,0,phantom,none,yes,0\n"))
        .with(
            "boms.csv",
            &format!("{BOMS}P,1,1,30,PH,1,order,,10,,\nPH,1,1,10,C2,1,unit,,,,\n"),
        ),
    "boms.csv:4:",
    &["PH"],
)]
#[case::location_item_at_a_storage_location(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM1,C1,5,20,\nRAW,C1,1,2,\n"),
    "location_items.csv:3:",
    &["location RAW is a storage location, not a machine location"],
)]
#[case::location_item_unknown_location(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM9,C1,5,20,\n"),
    "location_items.csv:2:",
    &["unknown location M9"],
)]
#[case::location_item_unknown_item(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM1,NOPE,5,20,\n"),
    "location_items.csv:2:",
    &["unknown item NOPE"],
)]
#[case::location_item_not_a_stock_item(
    Files::base()
        .with("items.csv", &format!("{ITEMS}GR,Grease,EA,0,non-stock,none,no,0\n"))
        .with("location_items.csv", "location,item,min,max,multiple\nM1,GR,5,20,\n"),
    "location_items.csv:2:",
    &["item GR is a non-stock item and holds no stock"],
)]
#[case::location_item_min_above_max(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM1,C1,30,20,\n"),
    "location_items.csv:2:",
    &["min 30 is above max 20"],
)]
#[case::location_item_multiple_zero(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM1,C1,5,20,0\n"),
    "location_items.csv:2:",
    &["multiple must be greater than zero"],
)]
#[case::location_item_negative_min(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM1,C1,-1,20,\n"),
    "location_items.csv:2:",
    &["min -1 is negative"],
)]
#[case::location_item_too_many_decimals(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM2,C2,1,5,0.0005\n"),
    "location_items.csv:2:",
    &["multiple", "0.0005", "C2"],
)]
#[case::location_item_twice(
    Files::base().with("location_items.csv", "location,item,min,max,multiple\nM1,C1,5,20,\n\nM1,C1,1,2,\n"),
    "location_items.csv:4:",
    &["duplicate row of C1 at M1"],
)]
#[case::location_item_unknown_column(
    Files::base().with("location_items.csv", "location,item,min,max,pack\nM1,C1,5,20,\n"),
    "location_items.csv:1:",
    &["pack"],
)]
fn import_refuses(#[case] files: Files, #[case] file_line: &str, #[case] needles: &[&str]) {
    assert_import_refused(&files, file_line, needles);
}

#[test]
fn refused_reimport_changes_nothing() {
    let plant = Plant::base();
    // A re-import that would change a balance, an item's cost and add an order, with one bad
    // BOM row at the end.
    let items = ITEMS.replace(
        "C1,Component one,EA,0,stock,none,yes,2.00",
        "C1,x,EA,0,stock,none,yes,9.00",
    );
    let orders = format!("{ORDERS}WO2,P,1,5,2026-12-02,FG\n");
    let boms = format!("{BOMS}P,1,1,30,NOPE,1,unit,,10,,\n");
    let files = Files::base()
        .with("items.csv", &items)
        .with("orders.csv", &orders)
        .with("boms.csv", &boms)
        .with("stock.csv", "item,location,qty\nC1,M1,7\n");
    plant
        .import(&files)
        .refused()
        .says(&["boms.csv:4:", "NOPE"]);
    assert_eq!(plant.stock(), base_stock());
    plant
        .run(&[
            "preview", "--order", "WO2", "--op", "10", "--good", "1", "--json",
        ])
        .refused()
        .says(&["WO2"]);
    // C1 still costs 2: one piece over standard is a cost variance of 2.
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--set", "C1=3",
    ]);
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(v["lines"][0]["cost_variance"], "2");
    plant.verify();
}

#[test]
fn reimport_updates_std_cost() {
    let plant = Plant::base();
    let items = ITEMS.replace(
        "C1,Component one,EA,0,stock,none,yes,2.00",
        "C1,Component one,EA,0,stock,none,yes,3.00",
    );
    let out = plant.import(&Files::base().with("items.csv", &items));
    out.ok();
    // Re-importing the same stock.csv sets the same balances: nothing changes.
    assert_eq!(plant.stock(), base_stock());
    // planned 6, issued 7: one piece over at the new standard cost 3.
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--set", "C1=7",
    ]);
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    let c1 = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["item"] == "C1")
        .expect("C1 line")
        .clone();
    assert_eq!(c1["cost_variance"], "3");
    assert_eq!(v["expected_cost"], "18");
    assert_eq!(v["actual_cost"], "21");
}

#[test]
fn reimport_keeps_existing_order_and_warns_on_changed_row() {
    let plant = Plant::base();
    // Same files again: no warning about WO1.
    let again = plant.import(&Files::base());
    again.ok();
    assert!(
        !again.stderr.contains("WO1"),
        "an unchanged order row gives no warning\n{}",
        again.describe()
    );
    // The BOM now takes 5 C1 per P, WO1's row asks for 20, and WO2 is new.
    let boms = BOMS.replace("P,1,1,10,C1,2,unit", "P,1,1,10,C1,5,unit");
    let orders = "\
order,item,revision,qty,due,completion_location
WO1,P,1,20,2026-12-01,FG
WO2,P,1,10,2026-12-02,FG
";
    let out = plant.import(
        &Files::base()
            .with("boms.csv", &boms)
            .with("orders.csv", orders)
            .without("stock.csv"),
    );
    out.ok().says(&["WO1"]);
    assert!(
        out.stderr.to_lowercase().contains("warning"),
        "{}",
        out.describe()
    );
    // WO1 keeps its snapshot (2 per unit) and its quantity (10).
    let r = plant.preview(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&r, "10")["planned"], "2");
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "11", "--json",
        ])
        .refused();
    // WO2 is released with the new BOM.
    let r = plant.preview(&["--order", "WO2", "--op", "10", "--good", "1"]);
    assert_eq!(line(&r, "10")["planned"], "5");
}

#[test]
fn reimport_stock_sets_balances() {
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "5"]); // C1 at M1: 100 − 10
    assert_eq!(plant.qty("C1", "M1"), "90");
    plant
        .import(&Files(vec![(
            "stock.csv",
            "item,location,qty\nC1,M1,80\nC2,M1,2.5\n".into(),
        )]))
        .ok();
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "80"),
            stock_row("C1", "RAW", "100"),
            stock_row("C2", "M1", "2.5"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant.verify();
}
