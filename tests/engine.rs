//! Pure engine tests of the backflush calculation (phantom explosion, the effective
//! backflush flag, the calculation), with exact numbers.
//!
//! The master data is filled in code and released with `order::release`; the test feeds each
//! report's planned quantities back into `Progress` as the store would (`apply`), and takes a
//! reversed report out of it again (`unapply`).

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;

use backflush::domain::backflush::{
    BomUnit, Change, ChangeKind, LineStatus, Lookup, NegativeStock, Over, Override,
    OverrideProblem, PlannedLine, Policy, Progress, QtyField, QtyProblem, ReportError, ReportPlan,
    ReportRequest, plan, plan_to_post,
};
use backflush::domain::journal::{Account, balanced};
use backflush::domain::master::{
    Bom, BomLine, Item, ItemType, Location, LocationKind, MasterData, Per, Routing,
    RoutingOperation, Tracking, WorkCenter,
};
use backflush::domain::order::{self, Order, ReleaseError};
use backflush::domain::qty::{Hours, Money, Quantity};
use rust_decimal::Decimal;

use common::{Said, d, req};

// ---------------------------------------------------------------------------------------------
// A small plant built in code.
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct World {
    master: MasterData,
    stock: HashMap<(String, String), Quantity>,
}

impl Lookup for World {
    fn item(&self, item: &str) -> Option<&Item> {
        self.master.items.get(item)
    }

    fn work_center(&self, work_center: &str) -> Option<&WorkCenter> {
        self.master.work_centers.get(work_center)
    }

    fn location_exists(&self, location: &str) -> bool {
        self.master.locations.contains_key(location)
    }

    fn on_hand(&self, item: &str, location: &str) -> Quantity {
        self.stock
            .get(&(item.to_string(), location.to_string()))
            .copied()
            .unwrap_or_default()
    }
}

fn stock_item(code: &str, decimals: u32, cost: &str) -> Item {
    Item {
        item: code.into(),
        description: format!("item {code}"),
        uom: if decimals == 0 { "EA" } else { "KG" }.to_string(),
        decimals,
        item_type: ItemType::Stock,
        tracking: Tracking::None,
        backflush: true,
        std_cost: d(cost),
    }
}

fn phantom(code: &str) -> Item {
    Item {
        item_type: ItemType::Phantom,
        ..stock_item(code, 0, "0")
    }
}

fn bl(line: &str, component: &str, qty: &str) -> BomLine {
    BomLine {
        line: line.to_string(),
        component: component.into(),
        qty: d(qty),
        per: Per::Unit,
        scrap_pct: Decimal::ZERO,
        operation: None,
        backflush: None,
        supply_location: None,
        uom: None,
    }
}

fn op(operation: i64, wc: &str, setup: &str, run: &str, count_point: bool) -> RoutingOperation {
    RoutingOperation {
        operation,
        work_center: wc.to_string(),
        setup_hours: d(setup),
        run_hours: d(run),
        count_point,
    }
}

impl World {
    /// Locations M10, M20, M30 (machines of WC10..WC30), STORE, SUP, TOP, FG; work centers
    /// WC10 (labor 40, overhead 20), WC20 (50, 30), WC30 (60, 10); parent item A (EA, 100).
    fn plant() -> World {
        let mut w = World::default();
        for (l, kind) in [
            ("M10", LocationKind::Machine),
            ("M20", LocationKind::Machine),
            ("M30", LocationKind::Machine),
            ("MN", LocationKind::Machine),
            ("STORE", LocationKind::Storage),
            ("SUP", LocationKind::Storage),
            ("TOP", LocationKind::Storage),
            ("FG", LocationKind::Finished),
        ] {
            w.master.locations.insert(
                l.into(),
                Location {
                    location: l.into(),
                    description: String::new(),
                    kind,
                },
            );
        }
        w.add_wc("WC10", "M10", "40", "20", true);
        w.add_wc("WC20", "M20", "50", "30", true);
        w.add_wc("WC30", "M30", "60", "10", true);
        w.add_wc("WCN", "MN", "10", "5", false);
        w.add(stock_item("A", 0, "100"));
        w
    }

    fn add_wc(&mut self, code: &str, loc: &str, labor: &str, overhead: &str, bf: bool) {
        self.master.work_centers.insert(
            code.to_string(),
            WorkCenter {
                work_center: code.to_string(),
                description: String::new(),
                location: loc.into(),
                labor_rate: d(labor),
                overhead_rate: d(overhead),
                backflush: bf,
            },
        );
    }

    fn add(&mut self, item: Item) {
        self.master.items.insert(item.item.clone(), item);
    }

    fn bom(&mut self, parent: &str, revision: &str, base: &str, lines: Vec<BomLine>) {
        self.master.boms.insert(
            (parent.into(), revision.to_string()),
            Bom {
                parent: parent.into(),
                revision: revision.to_string(),
                base_qty: d(base),
                lines,
            },
        );
    }

    fn routing(&mut self, parent: &str, revision: &str, operations: Vec<RoutingOperation>) {
        self.master.routings.insert(
            (parent.into(), revision.to_string()),
            Routing {
                parent: parent.into(),
                revision: revision.to_string(),
                operations,
            },
        );
    }

    fn release(&self, order_id: &str, item: &str, qty: &str) -> Order {
        let (operations, materials) = order::release(&self.master, item, "1").unwrap();
        Order {
            order: order_id.into(),
            item: item.into(),
            revision: "1".to_string(),
            qty: d(qty),
            due: None,
            completion_location: "FG".into(),
            operations,
            materials,
        }
    }

    fn put(&mut self, item: &str, location: &str, qty: &str) {
        self.stock
            .insert((item.to_string(), location.to_string()), d(qty));
    }
}

fn allow() -> Policy {
    Policy {
        negative_stock: NegativeStock::Allow,
        over_report_tolerance_pct: Decimal::ZERO,
        ..Policy::default()
    }
}

fn policy(negative_stock: NegativeStock) -> Policy {
    Policy {
        negative_stock,
        over_report_tolerance_pct: Decimal::ZERO,
        ..Policy::default()
    }
}

fn ov(key: &str, change: Change) -> Override {
    Override {
        key: key.to_string(),
        change,
    }
}

fn with(mut request: ReportRequest, overrides: Vec<Override>) -> ReportRequest {
    request.overrides = overrides;
    request
}

/// Adds a posted report to the progress, as the store does in the posting transaction.
fn apply(progress: &mut Progress, plan: &ReportPlan) {
    let op = progress.operations.entry(plan.operation).or_default();
    op.good += plan.good;
    op.scrap += plan.scrap;
    for l in &plan.lines {
        let p = progress.lines.entry(l.line.clone()).or_default();
        p.planned += l.planned;
        p.carried += i64::from(l.carries_order_qty);
    }
    for l in &plan.labor {
        if l.carries_setup {
            progress
                .operations
                .entry(l.operation)
                .or_default()
                .setup_carried += 1;
        }
    }
}

/// Takes a reversed report out of the progress, as the store's reversal does.
fn unapply(progress: &mut Progress, plan: &ReportPlan) {
    let op = progress.operations.entry(plan.operation).or_default();
    op.good -= plan.good;
    op.scrap -= plan.scrap;
    for l in &plan.lines {
        let p = progress.lines.entry(l.line.clone()).or_default();
        p.planned -= l.planned;
        p.carried -= i64::from(l.carries_order_qty);
    }
    for l in &plan.labor {
        if l.carries_setup {
            progress
                .operations
                .entry(l.operation)
                .or_default()
                .setup_carried -= 1;
        }
    }
}

/// Plans a report and applies it to `progress`.
fn post(
    order: &Order,
    progress: &mut Progress,
    world: &World,
    request: &ReportRequest,
) -> ReportPlan {
    let p = plan(order, progress, request, world, &allow()).unwrap();
    apply(progress, &p);
    p
}

fn line<'a>(plan: &'a ReportPlan, id: &str) -> &'a PlannedLine {
    plan.lines
        .iter()
        .find(|l| l.line == id)
        .unwrap_or_else(|| panic!("no line {id} in {:?}", ids(plan)))
}

fn ids(plan: &ReportPlan) -> Vec<&str> {
    plan.lines.iter().map(|l| l.line.as_str()).collect()
}

/// A line's planned quantity as a plain decimal, for sums and exact expectations.
fn planned(plan: &ReportPlan, id: &str) -> Decimal {
    line(plan, id).planned.get()
}

/// One operation 10 at WC10; BOM of A with `base` and `lines`.
fn simple(base: &str, lines: Vec<BomLine>) -> World {
    let mut w = World::plant();
    for l in &lines {
        if !w.master.items.contains_key(l.component.as_str()) {
            w.add(stock_item(&l.component, 0, "1"));
        }
    }
    w.bom("A", "1", base, lines);
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    w
}

// ---------------------------------------------------------------------------------------------
// Cumulative rounding
// ---------------------------------------------------------------------------------------------

#[test]
fn one_third_per_unit_in_whole_pieces_over_ten_reports_issues_1_0_0_1_0_0_1_0_0_1() {
    let w = simple("3", vec![bl("1", "X", "1")]);
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let mut got = Vec::new();
    for _ in 0..10 {
        let p = post(&order, &mut progress, &w, &req(10, "1", "0"));
        got.push(planned(&p, "1"));
        assert_eq!(line(&p, "1").qty.get(), planned(&p, "1"));
    }
    let expected: Vec<Decimal> = [1, 0, 0, 1, 0, 0, 1, 0, 0, 1]
        .into_iter()
        .map(Decimal::from)
        .collect();
    assert_eq!(got, expected);
    assert_eq!(progress.lines["1"].planned, d("4"));

    // One report of the same total issues the same.
    let one = plan(
        &order,
        &Progress::default(),
        &req(10, "10", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&one, "1"), d("4"));
}

#[test]
fn two_thirds_per_unit_times_three_units_is_exactly_two() {
    let w = simple("3", vec![bl("1", "X", "2")]);
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "3", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&p, "1"), d("2"));
    assert_eq!(line(&p, "1").derivation.exact_after, d("2"));
    assert_eq!(line(&p, "1").derivation.target_after, d("2"));

    // In three reports of one: ceil(2/3)=1, ceil(4/3)=2, 2.
    let mut progress = Progress::default();
    let got: Vec<Decimal> = (0..3)
        .map(|_| planned(&post(&order, &mut progress, &w, &req(10, "1", "0")), "1"))
        .collect();
    assert_eq!(got, vec![d("1"), d("1"), d("0")]);
}

#[test]
fn an_exploded_line_multiplies_first_and_divides_once() {
    // 1 per base 3 of a phantom holding 1 per base 7: 1/21 per unit; 21 units need exactly 1.
    let mut w = World::plant();
    w.add(phantom("P"));
    w.add(stock_item("X", 0, "1"));
    w.bom("A", "1", "3", vec![bl("1", "P", "1")]);
    w.bom("P", "1", "7", vec![bl("1", "X", "1")]);
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    let order = w.release("O1", "A", "21");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "21", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(ids(&p), vec!["1.1"]);
    assert_eq!(planned(&p, "1.1"), d("1"));
    assert_eq!(line(&p, "1.1").derivation.exact_after, d("1"));
}

#[test]
fn a_decimal_item_is_rounded_up_to_its_decimals_and_the_reports_add_up() {
    let mut w = simple("3", vec![bl("1", "K", "1")]);
    w.add(stock_item("K", 3, "1"));
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let got: Vec<Decimal> = (0..3)
        .map(|_| planned(&post(&order, &mut progress, &w, &req(10, "1", "0")), "1"))
        .collect();
    assert_eq!(got, vec![d("0.334"), d("0.333"), d("0.333")]);
    assert_eq!(progress.lines["1"].planned, d("1"));
}

#[test]
fn bom_base_quantity_four_gives_two_and_a_half_per_unit() {
    // 10 per base 4 = 2.5 per unit: EA rounds each cumulative target up.
    let mut w = simple("4", vec![bl("1", "X", "10"), bl("2", "K", "10")]);
    w.add(stock_item("K", 1, "1"));
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let mut ea = Vec::new();
    let mut kg = Vec::new();
    for _ in 0..3 {
        let p = post(&order, &mut progress, &w, &req(10, "1", "0"));
        ea.push(planned(&p, "1"));
        kg.push(planned(&p, "2"));
    }
    assert_eq!(ea, vec![d("3"), d("2"), d("3")]); // targets 3, 5, 8
    assert_eq!(kg, vec![d("2.5"), d("2.5"), d("2.5")]);
}

#[test]
fn component_scrap_allowance_of_ten_percent() {
    let w = simple(
        "1",
        vec![BomLine {
            scrap_pct: d("10"),
            ..bl("1", "X", "1")
        }],
    );
    let order = w.release("O1", "A", "10");
    assert_eq!(order.materials[0].scrap_factor, d("1.1"));
    let one = plan(
        &order,
        &Progress::default(),
        &req(10, "10", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&one, "1"), d("11"));
    let mut progress = Progress::default();
    let a = post(&order, &mut progress, &w, &req(10, "5", "0"));
    let b = post(&order, &mut progress, &w, &req(10, "5", "0"));
    assert_eq!(planned(&a, "1"), d("6")); // ceil(5.5)
    assert_eq!(planned(&b, "1"), d("5")); // 11 − 6
}

#[test]
fn scrapped_units_consume_their_components() {
    let w = simple("1", vec![bl("1", "X", "2")]);
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "3", "1"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&p, "1"), d("8"));
    assert_eq!(line(&p, "1").derivation.units_after, d("4"));
}

// ---------------------------------------------------------------------------------------------
// Reversal: takes units out of U and planned out of P
// ---------------------------------------------------------------------------------------------

#[test]
fn reversing_a_middle_report_and_reporting_again_brings_the_line_back_to_target() {
    let w = simple("3", vec![bl("1", "X", "1")]);
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let reports: Vec<ReportPlan> = (0..4)
        .map(|_| post(&order, &mut progress, &w, &req(10, "1", "0")))
        .collect();
    let got: Vec<Decimal> = reports.iter().map(|p| planned(p, "1")).collect();
    assert_eq!(got, vec![d("1"), d("0"), d("0"), d("1")]);
    // Reverse the first (planned 1): U = 3, P = 1 = target(3).
    unapply(&mut progress, &reports[0]);
    assert_eq!(progress.operations[&10].units(), d("3"));
    assert_eq!(progress.lines["1"].planned, d("1"));
    let next = post(&order, &mut progress, &w, &req(10, "2", "0"));
    assert_eq!(planned(&next, "1"), d("1")); // target(5) = 2
    assert_eq!(progress.lines["1"].planned, d("2"));
}

#[test]
fn reversing_the_only_planned_report_lets_the_next_report_issue_it_again() {
    let w = simple("3", vec![bl("1", "X", "1")]);
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let r1 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    let _r2 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    unapply(&mut progress, &r1);
    // U = 1, P = 0: below target(1) = 1 until the next report.
    let r3 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    assert_eq!(planned(&r3, "1"), d("1")); // target(2) = 1
}

/// says a line "may stand one rounding step above target(U)" after a reversal. The
/// formula it gives (P = planned of unreversed reports) can leave it more than one step above
/// when several zero-planned middle reports are reversed; the product follows the formula.
#[test]
fn reversing_two_zero_planned_reports_can_leave_a_line_two_steps_above_target() {
    let w = simple("3", vec![bl("1", "X", "1")]);
    let order = w.release("O1", "A", "20");
    let mut progress = Progress::default();
    let units = ["1", "2", "1", "2", "1"];
    let reports: Vec<ReportPlan> = units
        .iter()
        .map(|u| post(&order, &mut progress, &w, &req(10, u, "0")))
        .collect();
    let got: Vec<Decimal> = reports.iter().map(|p| planned(p, "1")).collect();
    assert_eq!(got, vec![d("1"), d("0"), d("1"), d("0"), d("1")]);
    unapply(&mut progress, &reports[1]);
    unapply(&mut progress, &reports[3]);
    // U = 3, target(3) = 1, but P = 3.
    assert_eq!(progress.operations[&10].units(), d("3"));
    assert_eq!(progress.lines["1"].planned, d("3"));
    // Nothing is issued until the units pass 7 (target(7) = 3); target(10) = 4.
    let mut after = Vec::new();
    for _ in 0..7 {
        after.push(planned(
            &post(&order, &mut progress, &w, &req(10, "1", "0")),
            "1",
        ));
    }
    let expected: Vec<Decimal> = [0, 0, 0, 0, 0, 0, 1]
        .into_iter()
        .map(Decimal::from)
        .collect();
    assert_eq!(after, expected);
    assert_eq!(progress.lines["1"].planned, d("4"));
}

// ---------------------------------------------------------------------------------------------
// Per-order lines and setup hours
// ---------------------------------------------------------------------------------------------

#[test]
fn a_per_order_line_is_planned_on_the_first_report_only_and_again_after_it_is_reversed() {
    let mut w = simple(
        "4",
        vec![
            bl("1", "X", "4"),
            BomLine {
                per: Per::Order,
                scrap_pct: d("10"),
                ..bl("2", "S", "5")
            },
        ],
    );
    w.routing("A", "1", vec![op(10, "WC10", "1.5", "0.1", true)]);
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let r1 = post(&order, &mut progress, &w, &req(10, "2", "0"));
    assert_eq!(planned(&r1, "1"), d("2")); // 4 per base 4
    assert_eq!(planned(&r1, "2"), d("6")); // ceil(5 × 1.1), base ignored
    assert!(line(&r1, "2").carries_order_qty);
    assert_eq!(r1.labor[0].setup_hours, d("1.5"));
    assert!(r1.labor[0].carries_setup);

    let r2 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    assert_eq!(planned(&r2, "2"), d("0"));
    assert!(!line(&r2, "2").carries_order_qty);
    assert_eq!(r2.labor[0].setup_hours, d("0"));
    assert_eq!(r2.labor[0].run_hours, d("0.1"));

    // Reverse the first report: the next one carries the per-order line and the setup again.
    unapply(&mut progress, &r1);
    assert_eq!(progress.lines["2"].carried, 0);
    let r3 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    assert_eq!(planned(&r3, "2"), d("6"));
    assert!(line(&r3, "2").carries_order_qty);
    assert_eq!(r3.labor[0].setup_hours, d("1.5"));
    let r4 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    assert_eq!(planned(&r4, "2"), d("0"));
    assert_eq!(r4.labor[0].setup_hours, d("0"));
}

// ---------------------------------------------------------------------------------------------
// Phantom explosion
// ---------------------------------------------------------------------------------------------

/// A: line 1 C1; line 2 P1 ×2 (10 % scrap, op 10); line 3 P1 ×3 (op 20, supply TOP).
/// P1 (revisions "9" = decoy and "10", base 2): 1 X ×3 (20 %); 2 P2 ×1 (5 %, supply SUP);
/// 3 Y ×3 per order; 10 C1 ×1.  P2 (base 1): 1 Z ×4; 2 W ×1 (supply STORE).
fn phantom_plant() -> World {
    let mut w = World::plant();
    for (code, cost) in [
        ("C1", "1"),
        ("X", "2"),
        ("Y", "3"),
        ("Z", "0.5"),
        ("W", "7"),
    ] {
        w.add(stock_item(code, 0, cost));
    }
    w.add(phantom("P1"));
    w.add(phantom("P2"));
    w.bom(
        "A",
        "1",
        "1",
        vec![
            bl("1", "C1", "1"),
            BomLine {
                scrap_pct: d("10"),
                ..bl("2", "P1", "2")
            },
            BomLine {
                operation: Some(20),
                supply_location: Some("TOP".into()),
                ..bl("3", "P1", "3")
            },
        ],
    );
    w.bom("P1", "9", "1", vec![bl("1", "W", "1")]);
    w.bom(
        "P1",
        "10",
        "2",
        vec![
            BomLine {
                scrap_pct: d("20"),
                ..bl("1", "X", "3")
            },
            BomLine {
                scrap_pct: d("5"),
                supply_location: Some("SUP".into()),
                operation: Some(20),
                ..bl("2", "P2", "1")
            },
            BomLine {
                per: Per::Order,
                ..bl("3", "Y", "3")
            },
            bl("10", "C1", "1"),
        ],
    );
    w.bom(
        "P2",
        "1",
        "1",
        vec![
            bl("1", "Z", "4"),
            BomLine {
                supply_location: Some("STORE".into()),
                ..bl("2", "W", "1")
            },
        ],
    );
    w.routing(
        "A",
        "1",
        vec![
            op(10, "WC10", "0", "0", true),
            op(20, "WC20", "0", "0", true),
        ],
    );
    w
}

/// line, component, per, quantity per parent unit, compound scrap, operation, supply location.
type Exploded<'a> = (
    &'a str,
    &'a str,
    Per,
    Decimal,
    Decimal,
    i64,
    Option<&'a str>,
);

#[test]
fn a_two_level_phantom_reached_by_two_paths_explodes_with_exact_products() {
    let w = phantom_plant();
    let order = w.release("O1", "A", "10");
    let got: Vec<Exploded<'_>> = order
        .materials
        .iter()
        .map(|m| {
            (
                m.line.as_str(),
                m.component.as_str(),
                m.per,
                m.qty / m.base,
                m.scrap_factor - Decimal::ONE,
                m.operation,
                m.supply_location.as_deref(),
            )
        })
        .collect();
    let u = Per::Unit;
    let o = Per::Order;
    let expected = vec![
        ("1", "C1", u, d("1"), d("0"), 10, None),
        ("2.1", "X", u, d("3"), d("0.32"), 10, None), // 2 × 3/2, (1.1)(1.2) − 1
        ("2.2.1", "Z", u, d("4"), d("0.155"), 10, Some("SUP")), // 2 × 1/2 × 4, (1.1)(1.05)
        ("2.2.2", "W", u, d("1"), d("0.155"), 10, Some("STORE")),
        ("2.3", "Y", o, d("3"), d("0.1"), 10, None), // per order keeps its own 3
        ("2.10", "C1", u, d("1"), d("0.1"), 10, None), // "10" sorts after "3"
        ("3.1", "X", u, d("4.5"), d("0.2"), 20, Some("TOP")),
        ("3.2.1", "Z", u, d("6"), d("0.05"), 20, Some("SUP")),
        ("3.2.2", "W", u, d("1.5"), d("0.05"), 20, Some("STORE")),
        ("3.3", "Y", o, d("3"), d("0"), 20, Some("TOP")),
        ("3.10", "C1", u, d("1.5"), d("0"), 20, Some("TOP")),
    ];
    assert_eq!(got, expected);
}

#[test]
fn exploded_lines_are_planned_with_one_division_and_compound_scrap() {
    let w = phantom_plant();
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let r1 = post(&order, &mut progress, &w, &req(10, "2", "0"));
    assert_eq!(ids(&r1), vec!["1", "2.1", "2.2.1", "2.2.2", "2.3", "2.10"]);
    let got: Vec<(&str, Quantity, &str)> = r1
        .lines
        .iter()
        .map(|l| (l.line.as_str(), l.planned, l.location.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1", d("2"), "M10"),
            ("2.1", d("8"), "M10"),     // 2 × 6 × 1.32 / 2 = 7.92
            ("2.2.1", d("10"), "SUP"),  // 2 × 8 × 1.155 / 2 = 9.24
            ("2.2.2", d("3"), "STORE"), // 2 × 2 × 1.155 / 2 = 2.31
            ("2.3", d("4"), "M10"),     // 3 × 1.1 = 3.3
            ("2.10", d("3"), "M10"),    // 2 × 2 × 1.1 / 2 = 2.2
        ]
    );
    let r2 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    assert_eq!(planned(&r2, "2.1"), d("4")); // 11.88 → 12, − 8
    assert_eq!(planned(&r2, "2.2.1"), d("4")); // 13.86 → 14, − 10
    assert_eq!(planned(&r2, "2.3"), d("0"));

    let r3 = post(&order, &mut progress, &w, &req(20, "2", "0"));
    let got: Vec<(&str, Quantity, &str)> = r3
        .lines
        .iter()
        .map(|l| (l.line.as_str(), l.planned, l.location.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("3.1", d("11"), "TOP"),    // 2 × 9 × 1.2 / 2 = 10.8
            ("3.2.1", d("13"), "SUP"),  // 2 × 12 × 1.05 / 2 = 12.6
            ("3.2.2", d("4"), "STORE"), // 2 × 3 × 1.05 / 2 = 3.15
            ("3.3", d("3"), "TOP"),     // per order, no scrap
            ("3.10", d("3"), "TOP"),    // 2 × 3 / 2
        ]
    );
}

#[test]
fn an_item_key_on_two_exploded_lines_is_ambiguous_and_names_the_paths() {
    let w = phantom_plant();
    let order = w.release("O1", "A", "10");
    let r = with(req(10, "1", "0"), vec![ov("C1", Change::Qty(d("5")))]);
    let err = plan(&order, &Progress::default(), &r, &w, &allow()).unwrap_err();
    assert_eq!(
        err,
        ReportError::AmbiguousKey {
            key: "C1".into(),
            lines: vec!["1".into(), "2.10".into()]
        }
    );
    assert!(err.said().contains("give the line number"), "{err:?}");
    // The path id works.
    let r = with(req(10, "1", "0"), vec![ov("2.10", Change::Qty(d("5")))]);
    let p = plan(&order, &Progress::default(), &r, &w, &allow()).unwrap();
    assert_eq!(line(&p, "2.10").qty, d("5"));
}

#[test]
fn an_exploded_line_takes_its_own_bom_flag_else_its_item_default() {
    let mut w = World::plant();
    w.add(phantom("P"));
    w.add(stock_item("X", 0, "1"));
    w.add(Item {
        backflush: false,
        ..stock_item("Y", 0, "1")
    });
    w.add(stock_item("Z", 0, "1"));
    w.add(Item {
        backflush: false,
        ..stock_item("V", 0, "1")
    });
    w.bom(
        "A",
        "1",
        "1",
        vec![BomLine {
            backflush: Some(false),
            ..bl("1", "P", "1")
        }],
    );
    w.bom(
        "P",
        "1",
        "1",
        vec![
            BomLine {
                backflush: Some(false),
                ..bl("1", "X", "1")
            },
            bl("2", "Y", "1"),
            bl("3", "Z", "1"),
            BomLine {
                backflush: Some(true),
                ..bl("4", "V", "1")
            },
        ],
    );
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    let got: Vec<(&str, LineStatus)> = p
        .lines
        .iter()
        .map(|l| (l.line.as_str(), l.status))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1.1", LineStatus::Manual), // its own line says no
            ("1.2", LineStatus::Manual), // its item's default is no
            ("1.3", LineStatus::Issue),  // item default yes; the phantom line's flag is not its own
            ("1.4", LineStatus::Issue),  // its own line says yes over the item's no
        ]
    );
    // Why each manual line is manual is data; the faces word it.
    use backflush::domain::backflush::ManualReason;
    let why: Vec<Option<ManualReason>> = p.lines.iter().map(|l| l.manual_reason).collect();
    assert_eq!(
        why,
        vec![
            Some(ManualReason::BomLineManual),
            Some(ManualReason::ItemManual),
            None,
            None
        ]
    );
    assert_eq!(
        backflush::words::manual_reason(ManualReason::BomLineManual),
        "the BOM line is not backflushed"
    );
}

#[test]
fn a_phantom_cycle_is_a_release_error_that_names_the_cycle() {
    let mut w = World::plant();
    w.add(phantom("P"));
    w.add(phantom("Q"));
    w.bom("A", "1", "1", vec![bl("1", "P", "1")]);
    w.bom("P", "1", "1", vec![bl("1", "Q", "1")]);
    w.bom("Q", "1", "1", vec![bl("1", "P", "1")]);
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    let err = order::release(&w.master, "A", "1").unwrap_err();
    assert!(matches!(err, ReleaseError::Cycle(_)), "{err:?}");
    let text = err.said();
    assert!(text.contains('P') && text.contains('Q'), "{text}");
}

/// Phantoms P1..Pn, each level naming the next `width` times; Pn holds the stock item C. A
/// names P1 once (and C `extra` times more), so it explodes to width^n + extra lines.
fn phantom_fan(levels: usize, width: usize, extra: usize) -> World {
    let mut w = World::plant();
    w.add(stock_item("C", 0, "1"));
    let mut top = vec![bl("1", "P1", "1")];
    top.extend((0..extra).map(|i| bl(&(i + 2).to_string(), "C", "1")));
    w.bom("A", "1", "1", top);
    for level in 1..=levels {
        let code = format!("P{level}");
        w.add(phantom(&code));
        let next = if level == levels {
            "C".to_string()
        } else {
            format!("P{}", level + 1)
        };
        let lines = (1..=width)
            .map(|i| bl(&i.to_string(), &next, "1"))
            .collect();
        w.bom(&code, "1", "1", lines);
    }
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    w
}

#[test]
fn an_order_above_10000_lines_after_explosion_is_refused_by_its_count() {
    // 100 × 100 lines through two phantoms: exactly 10,000, released.
    let w = phantom_fan(2, 100, 0);
    let (_, materials) = order::release(&w.master, "A", "1").unwrap();
    assert_eq!(materials.len(), 10_000);
    // One line more is refused, naming the parent and the count.
    let err = order::release(&phantom_fan(2, 100, 1).master, "A", "1").unwrap_err();
    assert_eq!(
        err,
        ReleaseError::TooManyLines {
            parent: "A".into(),
            revision: "1".into(),
            lines: 10_001,
        }
    );
    // A diamond (each level names the next phantom twice) of 40 levels is 2^40 lines from 81
    // BOM rows: counted in an instant, never built; past 2^64 the count saturates.
    for (levels, lines, said) in [
        (40, 1_099_511_627_776, "1099511627776 material lines"),
        (70, u64::MAX, "at least 18446744073709551615 material lines"),
    ] {
        let started = std::time::Instant::now();
        let err = order::release(&phantom_fan(levels, 2, 0).master, "A", "1").unwrap_err();
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        assert_eq!(
            err,
            ReleaseError::TooManyLines {
                parent: "A".into(),
                revision: "1".into(),
                lines,
            }
        );
        let text = err.said();
        assert!(
            text.contains("the BOM of A revision 1") && text.contains(said),
            "{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Where reports go: count points and milestone backflush
// ---------------------------------------------------------------------------------------------

/// Op 10 (WC10, not a count point, setup 1, run 0.1), op 20 (WC20, count point, setup 2,
/// run 0.25), op 30 (WC30, routing says not a count point but it is the last; run 0.5).
/// Lines: 1 C1 ×1 at 10, 2 C2 ×2 at 20, 3 C3 ×1 at 30, 4 C4 ×1 with no operation (= 10).
fn milestone_plant() -> World {
    let mut w = World::plant();
    for c in ["C1", "C2", "C3", "C4"] {
        w.add(stock_item(c, 0, "1"));
    }
    w.bom(
        "A",
        "1",
        "1",
        vec![
            BomLine {
                operation: Some(10),
                ..bl("1", "C1", "1")
            },
            BomLine {
                operation: Some(20),
                ..bl("2", "C2", "2")
            },
            BomLine {
                operation: Some(30),
                ..bl("3", "C3", "1")
            },
            bl("4", "C4", "1"),
        ],
    );
    w.routing(
        "A",
        "1",
        vec![
            op(30, "WC30", "0", "0.5", false),
            op(10, "WC10", "1", "0.1", false),
            op(20, "WC20", "2", "0.25", true),
        ],
    );
    w
}

#[test]
fn a_report_at_a_non_count_point_is_refused_naming_the_count_point_that_covers_it() {
    let w = milestone_plant();
    let order = w.release("O1", "A", "10");
    let err = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &allow(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ReportError::NotCountPoint {
            order: "O1".into(),
            operation: 10,
            count_point: 20
        }
    );
    assert!(err.said().contains("operation 20"), "{err:?}");
    let err = plan(
        &order,
        &Progress::default(),
        &req(15, "1", "0"),
        &w,
        &allow(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ReportError::UnknownOperation { .. }),
        "{err:?}"
    );
}

#[test]
fn the_last_operation_is_always_a_count_point() {
    let w = milestone_plant();
    let order = w.release("O1", "A", "10");
    let cps: Vec<(i64, bool)> = order
        .operations
        .iter()
        .map(|o| (o.operation, o.count_point))
        .collect();
    assert_eq!(cps, vec![(10, false), (20, true), (30, true)]);
}

#[test]
fn a_count_point_flushes_the_lines_and_labor_of_the_operations_before_it() {
    let w = milestone_plant();
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let r1 = post(&order, &mut progress, &w, &req(20, "4", "0"));
    let got: Vec<(&str, Quantity, &str)> = r1
        .lines
        .iter()
        .map(|l| (l.line.as_str(), l.planned, l.location.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1", d("4"), "M10"),
            ("2", d("8"), "M20"),
            ("4", d("4"), "M10")
        ]
    );
    let labor: Vec<(i64, Hours, Hours, Money, Money)> = r1
        .labor
        .iter()
        .map(|l| {
            (
                l.operation,
                l.setup_hours,
                l.run_hours,
                l.labor_cost,
                l.overhead_cost,
            )
        })
        .collect();
    assert_eq!(
        labor,
        vec![
            (10, d("1"), d("0.4"), d("56"), d("28")), // 1.4 h × 40, × 20
            (20, d("2"), d("1"), d("150"), d("90")),  // 3 h × 50, × 30
        ]
    );
    assert!(r1.receipt.is_none());

    // Setup hours only on the first report.
    let r2 = post(&order, &mut progress, &w, &req(20, "2", "0"));
    let labor: Vec<(i64, Hours, Hours)> = r2
        .labor
        .iter()
        .map(|l| (l.operation, l.setup_hours, l.run_hours))
        .collect();
    assert_eq!(labor, vec![(10, d("0"), d("0.2")), (20, d("0"), d("0.5"))]);
    assert_eq!(planned(&r2, "1"), d("2"));

    // The last operation flushes only itself (op 20 is the previous count point).
    let r3 = post(&order, &mut progress, &w, &req(30, "3", "1"));
    assert_eq!(ids(&r3), vec!["3"]);
    assert_eq!(planned(&r3, "3"), d("4"));
    assert_eq!(line(&r3, "3").location, "M30");
    assert_eq!(r3.labor.len(), 1);
    assert_eq!(r3.labor[0].operation, 30);
    assert_eq!(r3.labor[0].run_hours, d("2"));
    assert_eq!(r3.labor[0].labor_cost, d("120"));
    assert_eq!(r3.labor[0].overhead_cost, d("20"));
    assert_eq!(r3.receipt.as_ref().map(|r| r.qty), Some(d("3")));
}

#[test]
fn a_later_count_point_ahead_of_an_earlier_one_carries_a_warning() {
    let mut w = simple("1", vec![bl("1", "X", "1")]);
    w.routing(
        "A",
        "1",
        vec![
            op(10, "WC10", "0", "0", true),
            op(20, "WC20", "0", "0", true),
        ],
    );
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let p = post(&order, &mut progress, &w, &req(20, "2", "0"));
    assert_eq!(
        p.warnings,
        vec![
            backflush::domain::backflush::PlanWarning::AheadOfCountPoint {
                operation: 20,
                units: d("2"),
                count_point: 10,
                at: Quantity::ZERO,
            }
        ]
    );
    assert_eq!(
        backflush::words::plan_warning(&p.warnings[0]),
        "operation 20 reaches 2 units, ahead of count point 10 at 0"
    );
    let p = post(&order, &mut progress, &w, &req(10, "5", "0"));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn labor_cost_is_hours_times_rate() {
    let mut w = simple("1", vec![bl("1", "X", "1")]);
    w.add_wc("WC10", "M10", "42.5", "18", true);
    w.routing("A", "1", vec![op(10, "WC10", "0.75", "0.2", true)]);
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "2", "1"),
        &w,
        &allow(),
    )
    .unwrap();
    let l = &p.labor[0];
    assert_eq!(l.setup_hours, d("0.75"));
    assert_eq!(l.run_hours, d("0.6")); // 0.2 × (G+S = 3)
    assert_eq!(l.labor_cost, d("57.375")); // 1.35 h × 42.5
    assert_eq!(l.overhead_cost, d("24.3")); // 1.35 h × 18
}

// ---------------------------------------------------------------------------------------------
// Effective backflush flag: manual-issue lines
// ---------------------------------------------------------------------------------------------

fn manual_plant() -> World {
    let mut w = World::plant();
    w.add(Item {
        item_type: ItemType::NonStock,
        ..stock_item("N", 0, "1")
    });
    w.add(Item {
        tracking: Tracking::Lot,
        ..stock_item("L", 0, "1")
    });
    w.add(Item {
        tracking: Tracking::Serial,
        ..stock_item("S", 0, "1")
    });
    w.add(Item {
        backflush: false,
        ..stock_item("D", 0, "1")
    });
    w.add(Item {
        backflush: false,
        ..stock_item("D2", 0, "1")
    });
    w.add(stock_item("E", 0, "1"));
    w.add(stock_item("F", 0, "1"));
    w.add(stock_item("G", 0, "1"));
    let at20 = |l: BomLine| BomLine {
        operation: Some(20),
        ..l
    };
    w.bom(
        "A",
        "1",
        "1",
        vec![
            bl("1", "N", "1"),
            bl("2", "L", "1"),
            bl("3", "S", "1"),
            bl("4", "D", "1"),
            BomLine {
                backflush: Some(true),
                ..bl("5", "D2", "1")
            },
            BomLine {
                backflush: Some(false),
                ..bl("6", "E", "1")
            },
            at20(bl("7", "F", "1")),
            bl("8", "G", "1"),
            BomLine {
                backflush: Some(true),
                ..bl("9", "N", "2")
            },
            at20(BomLine {
                backflush: Some(true),
                ..bl("10", "F", "1")
            }),
        ],
    );
    w.routing(
        "A",
        "1",
        vec![
            op(10, "WC10", "0", "0", false),
            op(20, "WCN", "0", "0", true), // work center backflush = no
        ],
    );
    w
}

#[test]
fn manual_issue_lines_show_their_planned_quantity_and_issue_nothing() {
    let w = manual_plant();
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(20, "2", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    let got: Vec<(&str, LineStatus, Quantity, Quantity)> = p
        .lines
        .iter()
        .map(|l| (l.line.as_str(), l.status, l.planned, l.qty))
        .collect();
    let m = LineStatus::Manual;
    let i = LineStatus::Issue;
    assert_eq!(
        got,
        vec![
            ("1", m, d("2"), d("0")), // non-stock
            ("2", m, d("2"), d("0")), // lot-tracked
            ("3", m, d("2"), d("0")), // serial-tracked
            ("4", m, d("2"), d("0")), // item default no
            ("5", i, d("2"), d("2")), // BOM line yes over item default no
            ("6", m, d("2"), d("0")), // BOM line no over item default yes
            ("7", m, d("2"), d("0")), // work center backflush = no
            ("8", i, d("2"), d("2")),
            ("9", m, d("4"), d("0")), // non-stock even when the BOM line says yes
            ("10", m, d("2"), d("0")), // work center no even when the BOM line says yes
        ]
    );
    // Manual lines post nothing: no material cost in the journal for them.
    let issued: Money = p
        .journal
        .iter()
        .filter(|j| j.account == Account::RawMaterial)
        .map(|j| j.credit - j.debit)
        .sum();
    assert_eq!(issued, d("4"));
    assert_eq!(p.actual_cost(), d("4"));
}

#[test]
fn an_explicit_order_line_flag_wins_except_for_manual_issue_items_and_work_centers() {
    let w = manual_plant();
    let mut order = w.release("O1", "A", "10");
    for m in &mut order.materials {
        m.order_backflush = match m.line.as_str() {
            "1" | "2" | "6" | "7" => Some(true),
            "8" => Some(false),
            _ => None,
        };
    }
    let p = plan(
        &order,
        &Progress::default(),
        &req(20, "1", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    let st = |id: &str| line(&p, id).status;
    assert_eq!(st("6"), LineStatus::Issue); // order yes over BOM no
    assert_eq!(st("8"), LineStatus::Manual); // order no over item yes
    assert_eq!(st("1"), LineStatus::Manual); // non-stock stays manual
    assert_eq!(st("2"), LineStatus::Manual); // lot stays manual
    assert_eq!(st("7"), LineStatus::Manual); // work center no stays manual
}

// ---------------------------------------------------------------------------------------------
// Overrides
// ---------------------------------------------------------------------------------------------

/// Lines: 1 X ×3, 2 Y ×1, 3 Y ×2, 4 M ×1 (non-stock), 5 Z ×0.5 (2 decimals).
fn override_plant() -> World {
    let mut w = simple(
        "1",
        vec![
            bl("1", "X", "3"),
            bl("2", "Y", "1"),
            bl("3", "Y", "2"),
            bl("4", "M", "1"),
            bl("5", "Z", "0.5"),
        ],
    );
    w.add(Item {
        item_type: ItemType::NonStock,
        ..stock_item("M", 0, "1")
    });
    w.add(stock_item("Z", 2, "1"));
    w.put("Y", "STORE", "17");
    w
}

#[test]
fn overrides_set_quantity_line_scrap_location_and_skip() {
    let w = override_plant();
    let order = w.release("O1", "A", "10");
    let r = with(
        req(10, "2", "0"),
        vec![
            ov("X", Change::Qty(d("7"))),
            ov("5", Change::LineScrap(d("0.25"))),
            ov("2", Change::Location("STORE".into())),
            ov("3", Change::Skip),
        ],
    );
    let p = plan(&order, &Progress::default(), &r, &w, &allow()).unwrap();
    let l1 = line(&p, "1");
    assert_eq!((l1.planned, l1.qty, l1.overridden), (d("6"), d("7"), true));
    assert_eq!(l1.status, LineStatus::Issue);
    let l5 = line(&p, "5");
    assert_eq!(
        (l5.planned, l5.qty, l5.line_scrap, l5.total()),
        (d("1"), d("1"), d("0.25"), d("1.25"))
    );
    assert!(l5.overridden);
    let l2 = line(&p, "2");
    assert_eq!(l2.location, "STORE");
    assert_eq!(
        l2.location_source,
        backflush::domain::backflush::LocationSource::Override
    );
    assert_eq!(l2.on_hand, d("17"));
    assert_eq!(l2.qty, d("2"));
    let l3 = line(&p, "3");
    assert_eq!(
        (l3.planned, l3.qty, l3.status, l3.overridden),
        (d("4"), d("0"), LineStatus::Skipped, true)
    );
    let l4 = line(&p, "4");
    assert_eq!((l4.status, l4.overridden), (LineStatus::Manual, false));
    assert_eq!(l4.location, "M10");
}

#[test]
fn an_override_is_variance_and_never_repaired_by_a_later_report() {
    let w = override_plant();
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let r1 = with(
        req(10, "2", "0"),
        vec![ov("1", Change::Qty(d("10"))), ov("2", Change::Skip)],
    );
    let p1 = post(&order, &mut progress, &w, &r1);
    assert_eq!(line(&p1, "1").qty, d("10"));
    assert_eq!(progress.lines["1"].planned, d("6"));
    let p2 = post(&order, &mut progress, &w, &req(10, "1", "0"));
    assert_eq!(planned(&p2, "1"), d("3")); // target(3) = 9 − P 6, not 9 − 10
    assert_eq!(line(&p2, "1").qty, d("3"));
    assert_eq!(planned(&p2, "2"), d("1")); // the skipped line is not caught up either
}

fn refused(w: &World, overrides: Vec<Override>) -> ReportError {
    let order = w.release("O1", "A", "10");
    let r = with(req(10, "2", "0"), overrides);
    plan(&order, &Progress::default(), &r, w, &allow()).unwrap_err()
}

#[test]
fn a_line_scrap_or_skip_of_a_manual_line_is_refused_and_a_quantity_is_its_hand_issue() {
    let w = override_plant();
    for key in ["4", "M"] {
        let err = refused(&w, vec![ov(key, Change::LineScrap(d("1")))]);
        assert_eq!(
            err,
            ReportError::ManualOverride {
                line: "4".into(),
                item: "M".into()
            }
        );
        assert!(err.said().contains("line 4"), "{err:?}");
    }
    let err = refused(&w, vec![ov("4", Change::Skip)]);
    assert!(matches!(err, ReportError::ManualOverride { .. }), "{err:?}");
    // a quantity on a manual line is what is issued by hand, not an override.
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &with(req(10, "1", "0"), vec![ov("M", Change::Qty(d("1")))]),
        &w,
        &allow(),
    )
    .unwrap();
    let m = p.lines.iter().find(|l| l.line == "4").unwrap();
    assert_eq!(
        (m.qty, m.status, m.overridden),
        (d("1"), LineStatus::Manual, false)
    );
}

#[test]
fn a_second_override_of_the_same_kind_is_refused_naming_the_line() {
    let w = override_plant();
    let err = refused(
        &w,
        vec![ov("1", Change::Qty(d("1"))), ov("X", Change::Qty(d("2")))],
    );
    assert_eq!(
        err,
        ReportError::DuplicateOverride {
            line: "1".into(),
            kind: ChangeKind::Qty
        }
    );
    assert!(err.said().contains("line 1"), "{err:?}");
    let err = refused(
        &w,
        vec![
            ov("5", Change::LineScrap(d("1"))),
            ov("5", Change::LineScrap(d("1"))),
        ],
    );
    assert_eq!(
        err,
        ReportError::DuplicateOverride {
            line: "5".into(),
            kind: ChangeKind::LineScrap
        }
    );
    // Different kinds on one line are fine.
    let order = w.release("O1", "A", "10");
    let r = with(
        req(10, "2", "0"),
        vec![
            ov("1", Change::Qty(d("1"))),
            ov("1", Change::LineScrap(d("2"))),
            ov("1", Change::Location("STORE".into())),
        ],
    );
    let p = plan(&order, &Progress::default(), &r, &w, &allow()).unwrap();
    assert_eq!(line(&p, "1").total(), d("3"));
}

#[test]
fn a_skip_with_another_override_of_the_same_line_is_refused_naming_the_line() {
    let w = override_plant();
    let err = refused(
        &w,
        vec![ov("1", Change::Skip), ov("1", Change::Qty(d("1")))],
    );
    assert_eq!(err, ReportError::SkipWithOverride { line: "1".into() });
    let err = refused(
        &w,
        vec![ov("1", Change::LineScrap(d("1"))), ov("X", Change::Skip)],
    );
    assert_eq!(err, ReportError::SkipWithOverride { line: "1".into() });
    assert!(err.said().contains("line 1"), "{err:?}");
}

#[test]
fn override_quantities_obey_the_decimals_and_are_not_negative() {
    let w = override_plant();
    let err = refused(&w, vec![ov("1", Change::Qty(d("1.5")))]);
    let ReportError::BadOverride { line, reason } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(line, "1");
    assert!(
        matches!(
            reason,
            OverrideProblem::Quantity {
                reason: QtyProblem::TooPrecise { decimals: 0 },
                ..
            }
        ),
        "{reason:?}"
    );
    let err = refused(&w, vec![ov("5", Change::LineScrap(d("0.001")))]);
    assert!(
        matches!(&err, ReportError::BadOverride { line, .. } if line == "5"),
        "{err:?}"
    );
    let err = refused(&w, vec![ov("5", Change::Qty(d("-1")))]);
    let ReportError::BadOverride { line, reason } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(line, "5");
    assert!(
        matches!(
            reason,
            OverrideProblem::Quantity {
                reason: QtyProblem::Negative,
                ..
            }
        ),
        "{reason:?}"
    );
    // 2 decimals fit.
    let order = w.release("O1", "A", "10");
    let r = with(req(10, "2", "0"), vec![ov("5", Change::Qty(d("1.25")))]);
    assert!(plan(&order, &Progress::default(), &r, &w, &allow()).is_ok());
}

#[test]
fn an_item_code_on_two_lines_is_ambiguous_and_an_unknown_key_or_location_is_named() {
    let w = override_plant();
    let err = refused(&w, vec![ov("Y", Change::Qty(d("1")))]);
    assert_eq!(
        err,
        ReportError::AmbiguousKey {
            key: "Y".into(),
            lines: vec!["2".into(), "3".into()]
        }
    );
    let err = refused(&w, vec![ov("NOPE", Change::Skip)]);
    assert!(
        matches!(&err, ReportError::UnknownLine { key, .. } if key == "NOPE"),
        "{err:?}"
    );
    assert!(err.said().contains("NOPE"), "{err:?}");
    let err = refused(&w, vec![ov("1", Change::Location("NOWHERE".into()))]);
    assert!(
        matches!(&err, ReportError::BadOverride { line, reason: OverrideProblem::UnknownLocation { location } } if line == "1" && location == "NOWHERE"),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Reported quantities and over-reporting
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_reported_quantities_are_refused() {
    let w = simple("1", vec![bl("1", "X", "1")]);
    let order = w.release("O1", "A", "10");
    let none = Progress::default();
    let err = plan(&order, &none, &req(10, "-1", "2"), &w, &allow()).unwrap_err();
    assert!(
        matches!(
            err,
            ReportError::BadQuantity {
                field: QtyField::Good,
                ..
            }
        ),
        "{err:?}"
    );
    let err = plan(&order, &none, &req(10, "1.5", "0"), &w, &allow()).unwrap_err();
    assert!(
        matches!(
            err,
            ReportError::BadQuantity {
                field: QtyField::Good,
                ..
            }
        ),
        "{err:?}"
    );
    let err = plan(&order, &none, &req(10, "1", "0.5"), &w, &allow()).unwrap_err();
    assert!(
        matches!(
            err,
            ReportError::BadQuantity {
                field: QtyField::Scrap,
                ..
            }
        ),
        "{err:?}"
    );
    let err = plan(&order, &none, &req(10, "0", "0"), &w, &allow()).unwrap_err();
    assert_eq!(err, ReportError::NothingReported);
    // A scrap-only report is a report.
    let p = plan(&order, &none, &req(10, "0", "2"), &w, &allow()).unwrap();
    assert_eq!(planned(&p, "1"), d("2"));
}

#[test]
fn over_reporting_is_refused_beyond_the_tolerance_and_names_the_limit() {
    let w = simple("1", vec![bl("1", "X", "1")]);
    let order = w.release("O1", "A", "10");
    let none = Progress::default();
    assert!(plan(&order, &none, &req(10, "10", "0"), &w, &allow()).is_ok());
    let err = plan(&order, &none, &req(10, "11", "0"), &w, &allow()).unwrap_err();
    let ReportError::OverReport { over, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(over, Over::Good { after, limit, .. } if *after == d("11") && *limit == d("10")),
        "{over:?}"
    );
    assert!(err.said().contains("limit of 10"), "{err:?}");
    // Good and scrap are limited apart: 8 good and 3 scrapped is 11 units, and allowed.
    let p = plan(&order, &none, &req(10, "8", "3"), &w, &allow()).unwrap();
    assert_eq!(planned(&p, "1"), d("11"));

    // Cumulative: 6 then 5.
    let mut progress = Progress::default();
    post(&order, &mut progress, &w, &req(10, "6", "0"));
    let err = plan(&order, &progress, &req(10, "5", "0"), &w, &allow()).unwrap_err();
    assert!(
        matches!(&err, ReportError::OverReport { over: Over::Good { after, .. }, .. } if *after == d("11")),
        "{err:?}"
    );

    // With 10 % tolerance, 11 is allowed and follows the same cumulative rule; 12 is not.
    let tol = Policy {
        negative_stock: NegativeStock::Allow,
        over_report_tolerance_pct: d("10"),
        ..Policy::default()
    };
    let p = plan(&order, &progress, &req(10, "5", "0"), &w, &tol).unwrap();
    assert_eq!(planned(&p, "1"), d("5"));
    let err = plan(&order, &progress, &req(10, "6", "0"), &w, &tol).unwrap_err();
    assert!(
        matches!(&err, ReportError::OverReport { over: Over::Good { limit, .. }, .. } if *limit == d("11")),
        "{err:?}"
    );
}

#[test]
fn scrap_may_reach_the_order_quantity_after_all_of_it_is_good() {
    // An order of 30 with 30 good may still record scrapped parts (they are remade), up to
    // 30 scrapped; the 31st is refused and names the scrap limit, tolerance or not.
    let w = simple("1", vec![bl("1", "X", "2")]);
    let order = w.release("O1", "A", "30");
    let mut progress = Progress::default();
    let r1 = post(&order, &mut progress, &w, &req(10, "30", "0"));
    assert_eq!(planned(&r1, "1"), d("60"));
    let r2 = post(&order, &mut progress, &w, &req(10, "0", "1"));
    assert_eq!(planned(&r2, "1"), d("2"));
    let r3 = post(&order, &mut progress, &w, &req(10, "0", "29"));
    assert_eq!(planned(&r3, "1"), d("58"));
    let tol = Policy {
        negative_stock: NegativeStock::Allow,
        over_report_tolerance_pct: d("50"),
        ..Policy::default()
    };
    let err = plan(&order, &progress, &req(10, "0", "1"), &w, &tol).unwrap_err();
    assert_eq!(
        err.said(),
        "operation 10 of order O1 would reach 31 scrapped units, over the scrap limit of 30 (the order quantity)"
    );
    // A hundredfold typo in one report is caught before any scrap was reported.
    let none = Progress::default();
    let err = plan(&order, &none, &req(10, "0", "3000"), &w, &allow()).unwrap_err();
    assert!(
        matches!(&err, ReportError::OverReport { over: Over::Scrap { after, .. }, .. } if *after == d("3000")),
        "{err:?}"
    );
    // Good still obeys its own limit with the tolerance: 45 good is the limit at 50 %.
    assert!(plan(&order, &progress, &req(10, "15", "0"), &w, &tol).is_ok());
    let err = plan(&order, &progress, &req(10, "16", "0"), &w, &tol).unwrap_err();
    assert!(
        matches!(&err, ReportError::OverReport { over: Over::Good { after, limit, .. }, .. } if *after == d("46") && *limit == d("45")),
        "{err:?}"
    );
}

#[test]
fn a_per_order_line_keeps_its_standard_after_the_carrying_report_is_reversed() {
    use backflush::domain::variance::{LineActuals, variance};
    let w = simple(
        "1",
        vec![
            bl("1", "X", "1"),
            BomLine {
                per: Per::Order,
                scrap_pct: d("10"),
                ..bl("2", "S", "5")
            },
        ],
    );
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let r1 = post(&order, &mut progress, &w, &req(10, "2", "0"));
    assert!(line(&r1, "2").carries_order_qty);
    let _r2 = post(&order, &mut progress, &w, &req(10, "3", "0"));
    // Reverse the carrying report while the second stands: 3 units stay reported.
    unapply(&mut progress, &r1);
    assert_eq!(progress.lines["2"].carried, 0);
    let item = |code: &str| w.master.items.get(code).cloned();
    let mut actuals = HashMap::new();
    actuals.insert(
        "1".to_string(),
        LineActuals {
            issued: d("3"),
            ..LineActuals::default()
        },
    );
    let v = variance(&order, &progress, &actuals, &item);
    let l2 = v.lines.iter().find(|l| l.line == "2").unwrap();
    assert_eq!(l2.standard_qty, d("6")); // ceil(5 × 1.1)
    assert_eq!(l2.actual_qty, d("0"));
    assert_eq!(l2.qty_variance, d("-6"));
    let l1 = v.lines.iter().find(|l| l.line == "1").unwrap();
    assert_eq!(l1.standard_qty, d("3"));
    // With nothing reported at all, the standard is 0 again.
    let v = variance(&order, &Progress::default(), &HashMap::new(), &item);
    assert!(v.lines.iter().all(|l| l.standard_qty.is_zero()));
}

// ---------------------------------------------------------------------------------------------
// Finished goods, journal
// ---------------------------------------------------------------------------------------------

#[test]
fn finished_goods_are_received_only_at_the_last_operation_and_only_good_units() {
    let mut w = simple("1", vec![bl("1", "X", "1")]);
    w.routing(
        "A",
        "1",
        vec![
            op(10, "WC10", "0", "0", true),
            op(20, "WC20", "0", "0", true),
        ],
    );
    let order = w.release("O1", "A", "10");
    let mut progress = Progress::default();
    let p = post(&order, &mut progress, &w, &req(10, "4", "0"));
    assert!(p.receipt.is_none());
    let p = post(&order, &mut progress, &w, &req(20, "3", "1"));
    let r = p.receipt.unwrap();
    assert_eq!(
        (r.item.as_str(), r.location.as_str(), r.qty, r.unit_cost),
        ("A", "FG", d("3"), d("100"))
    );
    let p = post(&order, &mut progress, &w, &req(20, "0", "2"));
    assert!(p.receipt.is_none());
}

fn net(plan: &ReportPlan, account: Account) -> Money {
    plan.journal
        .iter()
        .filter(|j| j.account == account)
        .map(|j| j.debit - j.credit)
        .sum()
}

#[test]
fn the_journal_is_balanced_and_values_everything_at_standard() {
    let mut w = simple("1", vec![bl("1", "X", "1"), bl("2", "K", "0.5")]);
    w.add(stock_item("X", 0, "2.5"));
    w.add(stock_item("K", 1, "4"));
    w.routing("A", "1", vec![op(10, "WC10", "0.5", "0.25", true)]);
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "3", "1"),
        &w,
        &allow(),
    )
    .unwrap();
    assert!(balanced(&p.journal));
    assert!(
        p.journal
            .iter()
            .all(|j| j.debit >= Money::ZERO && j.credit >= Money::ZERO)
    );
    assert_eq!(net(&p, Account::RawMaterial), d("-18")); // 4 × 2.5 + 2 × 4
    assert_eq!(net(&p, Account::LaborAbsorbed), d("-60")); // 1.5 h × 40
    assert_eq!(net(&p, Account::OverheadAbsorbed), d("-30")); // 1.5 h × 20
    assert_eq!(net(&p, Account::FinishedGoods), d("300")); // 3 × 100
    assert_eq!(net(&p, Account::ScrapExpense), d("100")); // 1 × 100
    assert_eq!(net(&p, Account::Wip), d("-292")); // 108 in, 400 out
    let debit: Money = p.journal.iter().map(|j| j.debit).sum();
    assert_eq!(debit, d("508"));
}

#[test]
fn deferred_and_manual_lines_are_not_journalled_by_the_report() {
    let mut w = simple("1", vec![bl("1", "X", "1"), bl("2", "Y", "1")]);
    w.add(stock_item("X", 0, "2"));
    w.add(Item {
        tracking: Tracking::Lot,
        ..stock_item("Y", 0, "3")
    });
    w.add(stock_item("Q", 0, "5"));
    w.bom(
        "A",
        "1",
        "1",
        vec![bl("1", "X", "1"), bl("2", "Y", "1"), bl("3", "Q", "1")],
    );
    w.put("X", "M10", "10");
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "2", "0"),
        &w,
        &policy(NegativeStock::Defer),
    )
    .unwrap();
    assert_eq!(line(&p, "3").status, LineStatus::Deferred);
    assert!(balanced(&p.journal));
    assert_eq!(net(&p, Account::RawMaterial), d("-4")); // only X: 2 × 2
}

// ---------------------------------------------------------------------------------------------
// Not enough stock (negative_stock)
// ---------------------------------------------------------------------------------------------

/// Lines at op 10 (M10): 1 X ×4, 2 Y ×1, 3 X ×3, 4 X ×2 from STORE.
fn stock_plant() -> World {
    simple(
        "1",
        vec![
            bl("1", "X", "4"),
            bl("2", "Y", "1"),
            bl("3", "X", "3"),
            BomLine {
                supply_location: Some("STORE".into()),
                ..bl("4", "X", "2")
            },
        ],
    )
}

fn statuses(p: &ReportPlan) -> Vec<(&str, LineStatus, Quantity, Quantity)> {
    p.lines
        .iter()
        .map(|l| (l.line.as_str(), l.status, l.qty, l.shortfall))
        .collect()
}

#[test]
fn defer_marks_lines_that_do_not_fit_taking_same_item_and_location_in_line_order() {
    let mut w = stock_plant();
    w.put("X", "M10", "5");
    w.put("X", "STORE", "2");
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &policy(NegativeStock::Defer),
    )
    .unwrap();
    assert_eq!(
        statuses(&p),
        vec![
            ("1", LineStatus::Issue, d("4"), d("0")),
            ("2", LineStatus::Deferred, d("1"), d("1")),
            ("3", LineStatus::Deferred, d("3"), d("2")), // 5 − 4 leaves 1
            ("4", LineStatus::Issue, d("2"), d("0")),    // another location
        ]
    );
    // When the first line does not fit it is deferred and leaves the stock to the next.
    w.put("X", "M10", "3");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &policy(NegativeStock::Defer),
    )
    .unwrap();
    assert_eq!(statuses(&p)[0], ("1", LineStatus::Deferred, d("4"), d("1")));
    assert_eq!(statuses(&p)[2], ("3", LineStatus::Issue, d("3"), d("0")));
}

#[test]
fn line_scrap_counts_against_stock_and_a_skipped_line_takes_none() {
    let mut w = stock_plant();
    w.put("X", "M10", "5");
    w.put("Y", "M10", "5");
    let order = w.release("O1", "A", "10");
    let r = with(req(10, "1", "0"), vec![ov("1", Change::LineScrap(d("1")))]);
    let p = plan(
        &order,
        &Progress::default(),
        &r,
        &w,
        &policy(NegativeStock::Defer),
    )
    .unwrap();
    assert_eq!(line(&p, "1").status, LineStatus::Issue); // 4 + 1 = 5 fits
    assert_eq!(
        (line(&p, "3").status, line(&p, "3").shortfall),
        (LineStatus::Deferred, d("3"))
    );
    let r = with(req(10, "1", "0"), vec![ov("1", Change::Skip)]);
    let p = plan(
        &order,
        &Progress::default(),
        &r,
        &w,
        &policy(NegativeStock::Defer),
    )
    .unwrap();
    assert_eq!(line(&p, "1").status, LineStatus::Skipped);
    assert_eq!(line(&p, "3").status, LineStatus::Issue);
}

#[test]
fn block_marks_short_lines_and_the_preview_does_not_refuse() {
    let mut w = stock_plant();
    w.put("X", "M10", "5");
    w.put("X", "STORE", "2");
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &policy(NegativeStock::Block),
    )
    .unwrap();
    assert_eq!(
        statuses(&p),
        vec![
            ("1", LineStatus::Issue, d("4"), d("0")),
            ("2", LineStatus::Short, d("1"), d("1")),
            ("3", LineStatus::Short, d("3"), d("2")),
            ("4", LineStatus::Issue, d("2"), d("0")),
        ]
    );
    let short: Vec<&str> = p.short_lines().map(|l| l.line.as_str()).collect();
    assert_eq!(short, vec!["2", "3"]);
}

#[test]
fn allow_issues_every_line_whatever_is_on_hand() {
    let w = stock_plant();
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    // Every line issues and says what it lacks: nothing is on hand anywhere.
    assert_eq!(
        statuses(&p),
        vec![
            ("1", LineStatus::Issue, d("4"), d("4")),
            ("2", LineStatus::Issue, d("1"), d("1")),
            ("3", LineStatus::Issue, d("3"), d("3")),
            ("4", LineStatus::Issue, d("2"), d("2")),
        ]
    );
    assert!(p.short_lines().next().is_none());
}

#[test]
fn under_block_a_short_line_counts_against_the_later_lines_and_the_post_is_refused() {
    let mut w = stock_plant();
    // X at M10 covers neither line 1 (4) nor line 3 (3) fully.
    w.put("X", "M10", "3");
    w.put("Y", "M10", "1");
    w.put("X", "STORE", "2");
    let order = w.release("O1", "A", "10");
    let block = policy(NegativeStock::Block);
    let p = plan(&order, &Progress::default(), &req(10, "1", "0"), &w, &block).unwrap();
    assert_eq!(
        statuses(&p),
        vec![
            ("1", LineStatus::Short, d("4"), d("1")),
            ("2", LineStatus::Issue, d("1"), d("0")),
            ("3", LineStatus::Short, d("3"), d("3")),
            ("4", LineStatus::Issue, d("2"), d("0")),
        ]
    );
    let err =
        plan_to_post(&order, &Progress::default(), &req(10, "1", "0"), &w, &block).unwrap_err();
    let ReportError::Blocked(short) = &err else {
        panic!("{err:?}")
    };
    let lacks: Vec<(&str, Quantity)> = short
        .iter()
        .map(|l| (l.line.as_str(), l.shortfall))
        .collect();
    assert_eq!(lacks, vec![("1", d("1")), ("3", d("3"))]);
    assert!(
        err.said().ends_with("to post it, bring 4 X to M10"),
        "{err:?}"
    );
    // Bringing the 4 lets it post.
    w.put("X", "M10", "7");
    let p = plan_to_post(&order, &Progress::default(), &req(10, "1", "0"), &w, &block).unwrap();
    assert!(p.lines.iter().all(|l| l.status == LineStatus::Issue));
}

// ---------------------------------------------------------------------------------------------
// Units of measure on BOM lines
// ---------------------------------------------------------------------------------------------

use backflush::domain::uom::{Ratio, UomConversion};

fn in_uom(item: Item, uom: &str) -> Item {
    Item {
        uom: uom.to_string(),
        ..item
    }
}

fn written_in(line: BomLine, uom: &str) -> BomLine {
    BomLine {
        uom: Some(uom.to_string()),
        ..line
    }
}

fn conversion(item: Option<&str>, from: &str, to: &str, factor: &str) -> UomConversion {
    UomConversion {
        item: item.map(str::to_string),
        from_uom: from.to_string(),
        to_uom: to.to_string(),
        factor: d(factor),
    }
}

/// A with one line of 0.4 g of resin R (stocked in kg, 3 decimals) per unit; the generic
/// conversion given as `from,to,factor`.
fn resin_world(from: &str, to: &str, factor: &str) -> World {
    let mut w = World::plant();
    w.add(in_uom(stock_item("R", 3, "12"), "kg"));
    w.master
        .conversions
        .insert(conversion(None, from, to, factor))
        .unwrap();
    w.bom("A", "1", "1", vec![written_in(bl("1", "R", "0.4"), "g")]);
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    w
}

#[test]
fn four_tenths_of_a_gram_of_a_kg_item_over_ten_reports_issues_exactly_what_one_report_of_ten_does()
{
    // Both directions of the table: 1 g = 0.001 kg, or only 1 kg = 1000 g (reverse implied).
    for (from, to, factor) in [("g", "kg", "0.001"), ("kg", "g", "1000")] {
        let w = resin_world(from, to, factor);
        let order = w.release("O1", "A", "10");
        let mut progress = Progress::default();
        let mut got = Vec::new();
        for _ in 0..10 {
            let p = post(&order, &mut progress, &w, &req(10, "1", "0"));
            got.push(planned(&p, "1"));
        }
        let expected: Vec<Decimal> = [
            "0.001", "0", "0.001", "0", "0", "0.001", "0", "0.001", "0", "0",
        ]
        .into_iter()
        .map(d)
        .collect();
        assert_eq!(got, expected, "{from} → {to}");
        assert_eq!(progress.lines["1"].planned, d("0.004"));

        let one = plan(
            &order,
            &Progress::default(),
            &req(10, "10", "0"),
            &w,
            &allow(),
        )
        .unwrap();
        assert_eq!(planned(&one, "1"), d("0.004"));
        assert_eq!(line(&one, "1").derivation.exact_after, d("0.004"));
        assert_eq!(line(&one, "1").uom, "kg");
        assert_eq!(
            line(&one, "1").derivation.bom_uom,
            Some(BomUnit {
                uom: "g".to_string(),
                qty: d("0.4"),
                base: d("1")
            })
        );
    }
}

#[test]
fn a_first_report_that_needs_material_never_issues_zero_in_the_stock_unit() {
    let w = resin_world("kg", "g", "1000");
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&p, "1"), d("0.001"));
    assert_eq!(line(&p, "1").derivation.exact_after, d("0.0004"));
    // The snapshot holds the exact ratio, folded into qty / base.
    let m = &order.materials[0];
    assert_eq!((m.qty, m.base), (d("0.4"), d("1000")));
    assert_eq!(
        m.ratio,
        Ratio {
            num: d("1"),
            den: d("1000")
        }
    );
    assert_eq!(m.uom.as_deref(), Some("g"));
}

#[test]
fn an_items_own_conversion_beats_the_generic_one_in_either_direction() {
    let mut w = World::plant();
    w.add(in_uom(stock_item("FILM", 1, "0.2"), "m"));
    w.add(in_uom(stock_item("TAPE", 1, "0.1"), "m"));
    let c = &mut w.master.conversions;
    c.insert(conversion(None, "roll", "m", "100")).unwrap();
    // FILM's own row, written the other way round: 1 m = 0.002 roll, i.e. 1 roll = 500 m.
    c.insert(conversion(Some("FILM"), "m", "roll", "0.002"))
        .unwrap();
    w.bom(
        "A",
        "1",
        "4",
        vec![
            written_in(bl("1", "FILM", "1"), "roll"),
            written_in(bl("2", "TAPE", "1"), "roll"),
        ],
    );
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "3", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    // 1 roll per 4 units × 3 = 0.75 roll = 375 m of FILM (500 m a roll) …
    assert_eq!(planned(&p, "1"), d("375"));
    // … and 75 m of TAPE (the generic 100 m a roll).
    assert_eq!(planned(&p, "2"), d("75"));

    // Item-specific 1 roll = 500 m given directly also wins.
    let mut w2 = World::plant();
    w2.add(in_uom(stock_item("FILM", 1, "0.2"), "m"));
    w2.master
        .conversions
        .insert(conversion(Some("FILM"), "roll", "m", "500"))
        .unwrap();
    w2.master
        .conversions
        .insert(conversion(None, "m", "roll", "0.01"))
        .unwrap();
    w2.bom(
        "A",
        "1",
        "1",
        vec![written_in(bl("1", "FILM", "0.3"), "roll")],
    );
    w2.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    let order = w2.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w2,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&p, "1"), d("150"));
}

#[test]
fn a_phantom_path_multiplies_each_levels_conversion_before_the_one_rounding() {
    let mut w = World::plant();
    // Paste (phantom, kg) per parent unit: 350 g. Its BOM, per 1 kg of paste: 333 g of resin
    // (kg, 2 decimals) and 20 cm of wick W (m, 3 decimals).
    w.add(in_uom(phantom("PASTE"), "kg"));
    w.add(in_uom(stock_item("RES", 2, "10"), "kg"));
    w.add(in_uom(stock_item("W", 3, "1"), "m"));
    let c = &mut w.master.conversions;
    c.insert(conversion(None, "kg", "g", "1000")).unwrap();
    c.insert(conversion(None, "cm", "m", "0.01")).unwrap();
    w.bom(
        "A",
        "1",
        "1",
        vec![written_in(bl("1", "PASTE", "350"), "g")],
    );
    w.bom(
        "PASTE",
        "1",
        "1",
        vec![
            written_in(bl("1", "RES", "333"), "g"),
            written_in(bl("2", "W", "20"), "cm"),
        ],
    );
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    let order = w.release("O1", "A", "10");
    let res = order.materials.iter().find(|m| m.line == "1.1").unwrap();
    // 350 × 333 over 1000 × 1000: one fraction, nothing rounded.
    assert_eq!((res.qty, res.base), (d("116550"), d("1000000")));
    assert_eq!(
        res.ratio,
        Ratio {
            num: d("1"),
            den: d("1000000")
        }
    );
    let wick = order.materials.iter().find(|m| m.line == "1.2").unwrap();
    assert_eq!(
        wick.ratio,
        Ratio {
            num: d("0.01"),
            den: d("1000")
        }
    );

    // 0.35 kg × 0.333 = 0.11655 kg per unit: 0.12 for one unit, 1.17 for ten.
    let mut progress = Progress::default();
    let mut total = Decimal::ZERO;
    let mut wick_total = Decimal::ZERO;
    for _ in 0..10 {
        let p = post(&order, &mut progress, &w, &req(10, "1", "0"));
        total += planned(&p, "1.1");
        wick_total += planned(&p, "1.2");
    }
    let one = plan(
        &order,
        &Progress::default(),
        &req(10, "10", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&one, "1.1"), d("1.17"));
    assert_eq!(line(&one, "1.1").derivation.exact_after, d("1.1655"));
    assert_eq!(total, d("1.17"));
    // 0.35 kg × 0.2 m = 0.07 m per unit, 0.7 m for ten.
    assert_eq!(planned(&one, "1.2"), d("0.7"));
    assert_eq!(wick_total, d("0.7"));
}

#[test]
fn a_per_order_line_in_another_unit_is_converted_exactly() {
    let mut w = resin_world("kg", "g", "1000");
    w.bom(
        "A",
        "1",
        "1",
        vec![written_in(
            BomLine {
                per: Per::Order,
                ..bl("1", "R", "250.5")
            },
            "g",
        )],
    );
    let order = w.release("O1", "A", "10");
    let p = plan(
        &order,
        &Progress::default(),
        &req(10, "1", "0"),
        &w,
        &allow(),
    )
    .unwrap();
    assert_eq!(planned(&p, "1"), d("0.251"));
}

#[test]
fn a_line_whose_unit_cannot_be_converted_is_not_released() {
    let mut w = resin_world("kg", "g", "1000");
    w.bom("A", "1", "1", vec![written_in(bl("1", "R", "2"), "lb")]);
    let err = order::release(&w.master, "A", "1").unwrap_err();
    assert_eq!(
        err,
        ReleaseError::NoConversion {
            line: "1".to_string(),
            item: "R".to_string(),
            from: "lb".to_string(),
            to: "kg".to_string(),
        }
    );
    // Unit names compare exactly: "G" is not "g".
    w.bom("A", "1", "1", vec![written_in(bl("1", "R", "2"), "G")]);
    assert!(matches!(
        order::release(&w.master, "A", "1"),
        Err(ReleaseError::NoConversion { .. })
    ));
}

#[test]
fn conversions_do_not_chain() {
    let mut w = World::plant();
    w.add(in_uom(stock_item("BAR", 3, "1"), "m"));
    let c = &mut w.master.conversions;
    c.insert(conversion(None, "m", "cm", "100")).unwrap();
    c.insert(conversion(None, "cm", "mm", "10")).unwrap();
    w.bom("A", "1", "1", vec![written_in(bl("1", "BAR", "125"), "mm")]);
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    assert!(matches!(
        order::release(&w.master, "A", "1"),
        Err(ReleaseError::NoConversion { .. })
    ));
}

#[test]
fn conversion_factors_that_overflow_along_a_phantom_path_are_refused_naming_the_line() {
    let mut w = World::plant();
    w.add(in_uom(phantom("P"), "t"));
    w.add(in_uom(stock_item("X", 0, "1"), "ug"));
    let c = &mut w.master.conversions;
    c.insert(conversion(None, "t", "ug", "1000000000000000000"))
        .unwrap();
    c.insert(conversion(None, "Mt", "t", "1000000000000"))
        .unwrap();
    w.bom(
        "A",
        "1",
        "1",
        vec![written_in(bl("1", "P", "900000000000"), "Mt")],
    );
    w.bom("P", "1", "1", vec![written_in(bl("5", "X", "1"), "t")]);
    w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
    assert_eq!(
        order::release(&w.master, "A", "1").unwrap_err(),
        ReleaseError::TooLarge {
            line: "1.5".to_string()
        }
    );
}

mod uom_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any split of the same units into reports issues, in the stock unit, exactly what one
        /// report of the total does: the rounded-up exact requirement.
        #[test]
        fn any_split_issues_what_one_report_of_the_total_does(
            grams in 1u32..5000,
            decimals in 0u32..4,
            reverse in any::<bool>(),
            parts in proptest::collection::vec(1u32..6, 1..12),
        ) {
            let qty = Decimal::from(grams) / Decimal::from(1000); // 0.001 .. 4.999 g per unit
            let mut w = World::plant();
            w.add(in_uom(stock_item("R", decimals, "1"), "kg"));
            let row = if reverse {
                conversion(None, "kg", "g", "1000")
            } else {
                conversion(None, "g", "kg", "0.001")
            };
            w.master.conversions.insert(row).unwrap();
            w.bom("A", "1", "1", vec![written_in(bl("1", "R", &qty.to_string()), "g")]);
            w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
            let total: u32 = parts.iter().sum();
            let order = w.release("O1", "A", &total.to_string());
            let mut progress = Progress::default();
            let mut issued = Decimal::ZERO;
            for part in &parts {
                let p = post(&order, &mut progress, &w, &req(10, &part.to_string(), "0"));
                prop_assert!(planned(&p, "1") >= Decimal::ZERO);
                issued += planned(&p, "1");
            }
            let one = plan(
                &order,
                &Progress::default(),
                &req(10, &total.to_string(), "0"),
                &w,
                &allow(),
            )
            .unwrap();
            let exact = Decimal::from(total) * qty / Decimal::from(1000);
            let expected = exact.round_dp_with_strategy(
                decimals,
                rust_decimal::RoundingStrategy::AwayFromZero,
            );
            prop_assert_eq!(planned(&one, "1"), expected);
            prop_assert_eq!(issued, expected);
            // Never 0 for a first report that needs material.
            let first = plan(&order, &Progress::default(), &req(10, "1", "0"), &w, &allow())
                .unwrap();
            prop_assert!(planned(&first, "1") > Decimal::ZERO);
        }

        /// The same along a phantom path with a conversion at each level: paste in g of a kg
        /// phantom, whose BOM (per `base` kg) takes resin in g of a kg item.
        #[test]
        fn any_split_along_a_converted_phantom_path_issues_what_one_report_does(
            paste_grams in 1u32..2000,
            resin_grams in 1u32..2000,
            base in 1u32..5,
            decimals in 0u32..4,
            parts in proptest::collection::vec(1u32..6, 1..12),
        ) {
            let mut w = World::plant();
            w.add(in_uom(phantom("PASTE"), "kg"));
            w.add(in_uom(stock_item("R", decimals, "1"), "kg"));
            w.master.conversions.insert(conversion(None, "kg", "g", "1000")).unwrap();
            w.bom("A", "1", "1", vec![written_in(bl("1", "PASTE", &paste_grams.to_string()), "g")]);
            w.bom(
                "PASTE",
                "1",
                &base.to_string(),
                vec![written_in(bl("1", "R", &resin_grams.to_string()), "g")],
            );
            w.routing("A", "1", vec![op(10, "WC10", "0", "0", true)]);
            let total: u32 = parts.iter().sum();
            let order = w.release("O1", "A", &total.to_string());
            let mut progress = Progress::default();
            let mut issued = Decimal::ZERO;
            for part in &parts {
                let p = post(&order, &mut progress, &w, &req(10, &part.to_string(), "0"));
                issued += planned(&p, "1.1");
            }
            let exact = Decimal::from(total) * Decimal::from(paste_grams) * Decimal::from(resin_grams)
                / (Decimal::from(base) * Decimal::from(1_000_000));
            let expected = exact.round_dp_with_strategy(
                decimals,
                rust_decimal::RoundingStrategy::AwayFromZero,
            );
            let one = plan(
                &order,
                &Progress::default(),
                &req(10, &total.to_string(), "0"),
                &w,
                &allow(),
            )
            .unwrap();
            prop_assert_eq!(planned(&one, "1.1"), expected);
            prop_assert_eq!(issued, expected);
        }
    }
}
