//! The calculation through the binary: count points and milestone backflush,
//! cumulative rounding, phantom explosion.

use serde_json::json;

use crate::common::cli::*;

// =============================================================================================
// Count points and milestone backflush
// =============================================================================================

#[test]
fn milestone_backflush_and_last_operation_is_count_point() {
    // Neither operation is marked a count point; the last one is one anyway.
    let routings = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0.50,0.10,no
P,1,20,WC2,0,0.20,no
";
    let plant = Plant::with(&Files::base().with("routings.csv", routings));
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "10", "--good", "2", "--json",
        ])
        .refused()
        .says(&["20"]);
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "2", "--json",
        ])
        .refused()
        .says(&["20"]);
    assert_eq!(plant.stock(), base_stock());
    let r = plant.report(&["--order", "WO1", "--op", "20", "--good", "2"]);
    assert_eq!(
        normalize_report(r),
        json!({
            "order": "WO1", "operation": "20", "good": "2", "scrap": "0",
            "lines": [
                line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
                line_json("20", "C2", "M2", "1.1", "1.1", "0", "issue", false),
            ],
            "receipt": {"item": "P", "location": "FG", "qty": "2", "lots": []},
            "labor": [
                labor_json("10", "0.5", "0.2", "28", "14"),
                labor_json("20", "0", "0.4", "12", "4"),
            ],
            "warnings": []
        })
    );
    plant.verify();
}

#[test]
fn milestone_stops_at_the_previous_count_point() {
    // 10 (count point) ← C1 at M1; 20 (not) ← C2 at M2; 30 (count point) ← C1 from RAW.
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,C2,0.5,unit,,20,,
P,1,1,30,C1,1,unit,,30,,RAW
";
    let routings = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0.5,0.1,yes
P,1,20,WC2,1,0.2,no
P,1,30,WC1,0,0.3,yes
";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", boms)
            .with("routings.csv", routings),
    );
    let r10 = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(
        normalize_report(r10),
        json!({
            "order": "WO1", "operation": "10", "good": "2", "scrap": "0",
            "lines": [line_json("10", "C1", "M1", "4", "4", "0", "issue", false)],
            "receipt": null,
            "labor": [labor_json("10", "0.5", "0.2", "28", "14")],
            "warnings": []
        })
    );
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "20", "--good", "2", "--json",
        ])
        .refused()
        .says(&["30"]);
    let r30 = plant.report(&["--order", "WO1", "--op", "30", "--good", "2"]);
    assert_eq!(
        normalize_report(r30),
        json!({
            "order": "WO1", "operation": "30", "good": "2", "scrap": "0",
            "lines": [
                line_json("20", "C2", "M2", "1", "1", "0", "issue", false),
                line_json("30", "C1", "RAW", "2", "2", "0", "issue", false),
            ],
            "receipt": {"item": "P", "location": "FG", "qty": "2", "lots": []},
            "labor": [
                labor_json("20", "1", "0.4", "42", "14"),
                labor_json("30", "0", "0.6", "24", "12"),
            ],
            "warnings": []
        })
    );
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "96"),
            stock_row("C1", "RAW", "98"),
            stock_row("C2", "M2", "49"),
            stock_row("P", "FG", "2"),
        ])
    );
    plant.verify();
}

#[test]
fn per_order_line_is_carried_once_and_again_after_its_reversal() {
    // 1.5 KG of C2 per order with 10 % allowance: 1.65 on the first report.
    let boms = format!("{BOMS}P,1,1,30,C2,1.5,order,10,10,,\n");
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,10\n";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", &boms)
            .with("stock.csv", stock),
    );
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&first, "30")["planned"], "1.65");
    let second = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&second, "30")["planned"], "0");
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&first),
            "--reason",
            "test",
        ])
        .ok();
    assert_eq!(plant.qty("C2", "M1"), "10");
    let third = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&third, "30")["planned"], "1.65");
    assert_eq!(plant.qty("C2", "M1"), "8.35");
    plant.verify();
}

// =============================================================================================
// Cumulative rounding
// =============================================================================================

#[test]
fn cumulative_rounding_one_third_in_ten_reports() {
    let plant = thirds_plant();
    let planned: Vec<String> = (0..10)
        .map(|_| {
            let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
            text(&line(&r, "10")["planned"])
        })
        .collect();
    assert_eq!(planned, ["1", "0", "0", "1", "0", "0", "1", "0", "0", "1"]);
    assert_eq!(plant.qty("C1", "M1"), "96");
    // One report of 10 issues the same 4.
    let r = plant.report(&["--order", "WO2", "--op", "10", "--good", "10"]);
    assert_eq!(line(&r, "10")["planned"], "4");
    assert_eq!(plant.qty("C1", "M1"), "92");
    plant.verify();
}

#[test]
fn exact_arithmetic_two_thirds_times_three_is_two() {
    let plant = thirds_plant();
    let r = plant.report(&["--order", "WO3", "--op", "10", "--good", "3"]);
    assert_eq!(line(&r, "10")["planned"], "2");
}

#[test]
fn cumulative_rounding_in_kilograms() {
    let plant = thirds_plant();
    let planned: Vec<String> = (0..3)
        .map(|_| {
            let r = plant.report(&["--order", "WO4", "--op", "10", "--good", "1"]);
            text(&line(&r, "10")["planned"])
        })
        .collect();
    assert_eq!(planned, ["0.334", "0.333", "0.333"]);
    assert_eq!(plant.qty("C2", "M1"), "9");
}

// =============================================================================================
// Phantom explosion
// =============================================================================================

#[test]
fn phantom_lines_explode_with_path_quantities_scrap_and_locations() {
    let items = format!(
        "{ONE_OP_ITEMS}C3,Setup part,EA,0,stock,none,yes,4\nPH,Phantom kit,EA,0,phantom,none,yes,0\n"
    );
    // PH: 1 C2 per 4 kits (10 % scrap), plus 1 C3 per order. P takes 2 PH per unit (10 %).
    // P/20 sends its subtree to RAW; PH/2 says M2 itself.
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,PH,2,unit,10,10,,RAW
PH,1,4,1,C2,1,unit,10,,,
PH,1,4,2,C3,1,order,,,,M2
";
    let stock = "item,location,qty\nC1,M1,100\nC2,RAW,100\nC3,M2,100\n";
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", boms)
            .with("routings.csv", ONE_OP_ROUTINGS)
            .with("stock.csv", stock),
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    // 20.1: 2 units × 2 × 1 / (1 × 4) × 1.1 × 1.1 = 1.21 KG.
    // 20.2: per order, 1 × 1.1 (the path's allowance) = 1.1, rounded up to 2 EA.
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("20.1", "C2", "RAW", "1.21", "1.21", "0", "issue", false),
            line_json("20.2", "C3", "M2", "2", "2", "0", "issue", false),
        ])
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "20.1")["planned"], "1.21");
    assert_eq!(line(&r, "20.2")["planned"], "0");
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "92"),
            stock_row("C2", "RAW", "97.58"),
            stock_row("C3", "M2", "98"),
            stock_row("P", "FG", "4"),
        ])
    );
    plant.verify();
}

#[test]
fn phantom_uses_its_highest_revision_compared_as_numbers() {
    let items = format!("{ITEMS}PH,Phantom kit,EA,0,phantom,none,yes,0\n");
    // Revision 10 comes after 9 (as text "9" would sort last).
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,PH,1,unit,,10,,
PH,9,1,1,C1,1,unit,,,,
PH,10,1,1,C2,1,unit,,,,
";
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,10\n";
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", boms)
            .with("stock.csv", stock),
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("20.1", "C2", "M1", "2", "2", "0", "issue", false),
        ])
    );
    // An exploded line takes overrides by its path.
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--set", "20.1=1.5",
    ]);
    assert_eq!(
        line(&r, "20.1"),
        &line_json("20.1", "C2", "M1", "1", "1.5", "0", "issue", true)
    );
    assert_eq!(plant.qty("C2", "M1"), "6.5");
}
