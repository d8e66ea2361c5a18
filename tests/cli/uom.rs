//! Units of measure on BOM lines: converted lines through the binary, and the
//! import refusals of conversions.

use crate::common::cli::*;
use crate::import::assert_import_refused;

/// The base items plus resin C3 stocked in kg with 3 decimals (std cost 20) and bar C4
/// stocked in m with 3 decimals.
const UOM_ITEMS: &str = "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,100.00
C1,Component one,EA,0,stock,none,yes,2.00
C2,Component two,KG,3,stock,none,yes,1.50
C3,Resin,kg,3,stock,none,yes,20.00
C4,Round bar,m,3,stock,none,yes,5.00
";

/// The base BOM plus 0.4 g of C3 per unit (line 30) and 125 mm of C4 (line 40), at 20.
const UOM_BOMS: &str = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location,uom
P,1,1,10,C1,2,unit,,10,,,
P,1,1,20,C2,0.5,unit,10,20,,,
P,1,1,30,C3,0.4,unit,,20,,,g
P,1,1,40,C4,125,unit,,20,,,mm
";

const UOM_CONVERSIONS: &str = "\
item,from_uom,to_uom,factor
,kg,g,1000
C4,mm,m,0.001
";

fn uom_files() -> Files {
    Files::base()
        .with("items.csv", UOM_ITEMS)
        .with("boms.csv", UOM_BOMS)
        .with("uom_conversions.csv", UOM_CONVERSIONS)
        .with("stock.csv", &format!("{STOCK}C3,M2,1\nC4,M2,10\n"))
}

#[test]
fn a_line_in_grams_of_a_kg_item_issues_in_kg_with_one_rounding_over_the_cumulative_units() {
    let plant = Plant::with(&uom_files());
    let first = plant.preview(&["--order", "WO1", "--op", "20", "--good", "1"]);
    assert_eq!(line(&first, "30")["planned"], "0.001");
    assert_eq!(line(&first, "40")["planned"], "0.125");
    let mut got = Vec::new();
    for _ in 0..10 {
        let r = plant.report(&["--order", "WO1", "--op", "20", "--good", "1"]);
        got.push(text(&line(&r, "30")["planned"]));
    }
    assert_eq!(
        got,
        [
            "0.001", "0", "0.001", "0", "0", "0.001", "0", "0.001", "0", "0"
        ]
    );
    assert_eq!(plant.qty("C3", "M2"), "0.996");
    assert_eq!(plant.qty("C4", "M2"), "8.75");
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    let resin = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["line"] == "30")
        .expect("line 30")
        .clone();
    assert_eq!(resin["standard_qty"], "0.004");
    assert_eq!(resin["actual_qty"], "0.004");
    plant.verify();

    // One report of 10 on a second store issues the same 0.004 kg.
    let other = Plant::with(&uom_files());
    let r = other.report(&["--order", "WO1", "--op", "20", "--good", "10"]);
    assert_eq!(line(&r, "30")["planned"], "0.004");
    assert_eq!(line(&r, "40")["planned"], "1.25");
}

#[test]
fn import_refuses_a_bom_line_whose_unit_has_no_conversion() {
    let boms = format!("{UOM_BOMS}P,1,1,50,C3,2,unit,,20,,,lb\n");
    assert_import_refused(
        &uom_files().with("boms.csv", &boms),
        "boms.csv:6:",
        &["line 50", "lb", "kg", "C3"],
    );
    // Without the conversions file at all, the line in g is refused.
    assert_import_refused(
        &uom_files().without("uom_conversions.csv"),
        "boms.csv:4:",
        &["line 30", "g", "kg"],
    );
    // An item's row is that item's only: C4's mm → m does not serve C3.
    let boms = format!("{UOM_BOMS}P,1,1,50,C3,2,unit,,20,,,mm\n");
    assert_import_refused(
        &uom_files().with("boms.csv", &boms),
        "boms.csv:6:",
        &["mm", "kg"],
    );
}

#[test]
fn import_refuses_a_zero_negative_or_non_numeric_factor() {
    for (factor, needle) in [
        ("0", "greater than zero"),
        ("-1000", "greater than zero"),
        ("abc", "not a number"),
        ("", "factor is missing"),
    ] {
        let conversions = format!("item,from_uom,to_uom,factor\n,lb,kg,0.45\n,kg,g,{factor}\n");
        assert_import_refused(
            &uom_files().with("uom_conversions.csv", &conversions),
            "uom_conversions.csv:3:",
            &[needle],
        );
    }
}

#[test]
fn import_refuses_conversion_rows_that_disagree() {
    // The same pair twice with two factors.
    assert_import_refused(
        &uom_files().with(
            "uom_conversions.csv",
            "item,from_uom,to_uom,factor\n,kg,g,1000\nC4,mm,m,0.001\n,kg,g,100\n",
        ),
        "uom_conversions.csv:4:",
        &["kg", "g", "100", "1000", "disagrees"],
    );
    // A pair and its reverse whose factors are not reciprocal.
    assert_import_refused(
        &uom_files().with(
            "uom_conversions.csv",
            "item,from_uom,to_uom,factor\n,kg,g,1000\nC4,mm,m,0.001\n,g,kg,0.01\n",
        ),
        "uom_conversions.csv:4:",
        &["g", "kg", "0.01", "disagrees"],
    );
    // The same pair and its exact reverse agree; an item's row may differ from the generic.
    Plant::with(&uom_files().with(
        "uom_conversions.csv",
        "item,from_uom,to_uom,factor\n,kg,g,1000\n,g,kg,0.001\nC4,mm,m,0.001\nC4,kg,g,999\n",
    ));
}

#[test]
fn import_refuses_a_conversion_that_overflows_naming_the_line() {
    let conversions =
        "item,from_uom,to_uom,factor\n,kg,g,1000\nC4,mm,m,0.001\n,t,kg,10000000000000000000\n";
    let boms = format!("{UOM_BOMS}P,1,1,50,C3,100000000000,unit,,20,,,t\n");
    assert_import_refused(
        &uom_files()
            .with("uom_conversions.csv", conversions)
            .with("boms.csv", &boms),
        "boms.csv:6:",
        &["line 50", "overflows"],
    );
}

#[test]
fn a_released_order_keeps_its_converted_quantities_when_a_factor_changes() {
    let plant = Plant::with(&uom_files());
    // A later import changes 1 kg = 1000 g to 100 g and releases WO2 from the stored BOM.
    let later = Files(vec![
        (
            "uom_conversions.csv",
            "item,from_uom,to_uom,factor\n,g,kg,0.01\n".into(),
        ),
        (
            "orders.csv",
            "order,item,revision,qty,due,completion_location\nWO2,P,1,10,2026-12-01,FG\n".into(),
        ),
    ]);
    plant.import(&later).ok();
    let wo1 = plant.preview(&["--order", "WO1", "--op", "20", "--good", "10"]);
    assert_eq!(line(&wo1, "30")["planned"], "0.004");
    let wo2 = plant.preview(&["--order", "WO2", "--op", "20", "--good", "10"]);
    assert_eq!(line(&wo2, "30")["planned"], "0.04");
    assert_eq!(line(&wo2, "40")["planned"], "1.25");
}
