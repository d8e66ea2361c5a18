//! The report screen's state with no store: a pump order built in code, planned by the
//! domain engine itself; its keys and prompts in `keys`.
#![allow(clippy::unwrap_used)]

use crate::tui::app::PromptKind;
use crate::tui::strings;
use std::collections::HashMap;

use super::*;
use crate::domain::backflush::ReportError;
use crate::domain::backflush::{Lookup, Policy, Progress};
use crate::domain::master::{Item, ItemType, Per, Tracking, WorkCenter};
use crate::domain::order::Order;
use crate::domain::order::{OrderMaterial, OrderOperation};
use crate::domain::qty::{Hours, Money, Quantity};
use crate::domain::uom::Ratio;
use crate::tui::app::Change;
use crate::tui::app::ReportPlan;
use crate::tui::app::ReportRequest;
use rust_decimal::Decimal;

/// The order, its progress and the plant it is planned against.
struct Bench {
    order: Order,
    items: HashMap<String, Item>,
    work_center: WorkCenter,
    stock: HashMap<(String, String), Quantity>,
}

impl Lookup for Bench {
    fn item(&self, item: &str) -> Option<&Item> {
        self.items.get(item)
    }

    fn work_center(&self, work_center: &str) -> Option<&WorkCenter> {
        (work_center == self.work_center.work_center).then_some(&self.work_center)
    }

    fn location_exists(&self, location: &str) -> bool {
        location == self.work_center.location
    }

    fn on_hand(&self, item: &str, location: &str) -> Quantity {
        self.stock
            .get(&(item.to_string(), location.to_string()))
            .copied()
            .unwrap_or_default()
    }
}

impl Planner for Bench {
    fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError> {
        crate::domain::backflush::plan(
            &self.order,
            &Progress::default(),
            request,
            self,
            &Policy::default(),
        )
    }

    fn order(&self) -> &Order {
        &self.order
    }

    fn knows_location(&self, location: &str) -> bool {
        self.location_exists(location)
    }
}

fn item(code: &str) -> Item {
    Item {
        item: code.into(),
        description: format!("item {code}"),
        uom: "EA".to_string(),
        decimals: 0,
        item_type: ItemType::Stock,
        tracking: Tracking::None,
        backflush: true,
        std_cost: Money::ONE,
    }
}

fn material(line: &str, component: &str, qty: i64) -> OrderMaterial {
    OrderMaterial {
        line: line.to_string(),
        component: component.into(),
        qty: Decimal::from(qty),
        base: Decimal::ONE,
        per: Per::Unit,
        scrap_factor: Decimal::ONE,
        operation: 10,
        bom_backflush: None,
        order_backflush: None,
        supply_location: None,
        uom: None,
        ratio: Ratio::ONE,
    }
}

/// 10 pumps at one count point: 2 bolts and 1 seal each, 100 of both at the machine.
fn report() -> ReportState<Bench> {
    report_of(bench())
}

/// The report of `bench`'s order, just opened.
fn report_of(bench: Bench) -> ReportState<Bench> {
    ReportState::new(bench, "pump".to_string(), 10, "key".to_string())
}

/// The pump order of [`report`] and the plant it is planned against.
fn bench() -> Bench {
    let order = Order {
        order: "WO-1".into(),
        item: "PUMP".into(),
        revision: "1".to_string(),
        qty: Quantity(rust_decimal::Decimal::TEN),
        due: None,
        completion_location: "FG".into(),
        operations: vec![OrderOperation {
            operation: 10,
            work_center: "WC-1".to_string(),
            setup_hours: Hours::ZERO,
            run_hours: Hours::ZERO,
            count_point: true,
        }],
        materials: vec![material("1", "BOLT", 2), material("2", "SEAL", 1)],
    };
    Bench {
        order,
        items: ["PUMP", "BOLT", "SEAL"]
            .into_iter()
            .map(|c| (c.to_string(), item(c)))
            .collect(),
        work_center: WorkCenter {
            work_center: "WC-1".to_string(),
            description: "cell".to_string(),
            location: "M-1".into(),
            labor_rate: Money::ZERO,
            overhead_rate: Money::ZERO,
            backflush: true,
        },
        stock: ["BOLT", "SEAL"]
            .into_iter()
            .map(|c| {
                (
                    (c.to_string(), "M-1".to_string()),
                    Quantity(Decimal::ONE_HUNDRED),
                )
            })
            .collect(),
    }
}

fn typed(state: &mut ReportState<Bench>, good: &str) {
    state.good.text = good.to_string();
    state.recalculate();
}

fn issued(state: &ReportState<Bench>, line: &str) -> Quantity {
    state.planned(line).unwrap().qty
}

#[test]
fn before_any_unit_the_lines_are_listed_and_good_is_asked() {
    let state = report();
    assert!(state.listing);
    assert_eq!(
        state.problem.as_deref(),
        Some("type the good quantity (Tab: scrap)")
    );
    assert_eq!(state.selected_line(), Some(("1".into(), "BOLT".into())));
    assert_eq!(state.plan.as_ref().unwrap().lines.len(), 2);
}

#[test]
fn good_units_plan_each_line_and_a_bad_number_keeps_the_last_preview() {
    let mut state = report();
    typed(&mut state, "3");
    assert!(!state.listing);
    assert_eq!(state.problem, None);
    assert_eq!(
        issued(&state, "1"),
        Quantity(rust_decimal::Decimal::from(6))
    );
    assert_eq!(
        issued(&state, "2"),
        Quantity(rust_decimal::Decimal::from(3))
    );
    typed(&mut state, "3.");
    typed(&mut state, "x");
    assert_eq!(state.problem.as_deref(), Some("good \"x\" is not a number"));
    assert_eq!(
        issued(&state, "1"),
        Quantity(rust_decimal::Decimal::from(6)),
        "the last preview stays"
    );
    typed(&mut state, "11");
    assert!(
        state
            .problem
            .as_deref()
            .unwrap()
            .starts_with("operation 10 of order WO-1 would reach 11 good, over the limit of 10"),
        "over the order quantity: {:?}",
        state.problem
    );
}

#[test]
fn an_override_keeps_its_quantity_asks_a_reason_and_a_refused_one_changes_nothing() {
    let mut state = report();
    typed(&mut state, "3");
    state
        .apply_changes(
            "1",
            vec![Change::Qty(Quantity(rust_decimal::Decimal::from(8)))],
        )
        .unwrap();
    assert!(state.edited);
    assert_eq!(
        issued(&state, "1"),
        Quantity(rust_decimal::Decimal::from(8))
    );
    typed(&mut state, "4");
    assert_eq!(
        issued(&state, "1"),
        Quantity(rust_decimal::Decimal::from(8)),
        "an override follows no units"
    );
    assert_eq!(state.lines_without_reason(), vec!["1".to_string()]);
    state.reasons.insert("1".into(), "DAMAGED".into());
    assert!(state.lines_without_reason().is_empty());

    let before = state.overrides.clone();
    let refused = state.apply_changes("2", vec![Change::Location("NOWHERE".into())]);
    assert_eq!(refused.unwrap_err(), "line 2: location NOWHERE not found");
    assert_eq!(
        state.overrides, before,
        "a refused change is taken back whole"
    );
    assert_eq!(state.problem, None);

    state.reset_line("1");
    assert!(state.overrides.is_empty());
    assert!(state.reasons.is_empty());
    assert_eq!(
        issued(&state, "1"),
        Quantity(rust_decimal::Decimal::from(8)),
        "4 units of 2 bolts"
    );
}

#[test]
fn a_skip_replaces_the_lines_overrides_and_a_second_skip_takes_it_back() {
    let mut state = report();
    typed(&mut state, "2");
    state
        .apply_changes(
            "2",
            vec![Change::Qty(Quantity(rust_decimal::Decimal::from(5)))],
        )
        .unwrap();
    state.reasons.insert("2".into(), "DAMAGED".into());
    assert!(state.toggle_skip("2"), "skipped now");
    assert_eq!(state.planned("2").unwrap().status, LineStatus::Skipped);
    assert_eq!(state.overrides.len(), 1, "the skip alone");
    assert!(state.reasons.is_empty(), "a skip asks its own reason");
    assert!(!state.toggle_skip("2"), "taken back");
    assert!(state.overrides.is_empty());
    assert_eq!(
        issued(&state, "2"),
        Quantity(rust_decimal::Decimal::from(2))
    );
}

#[test]
fn tab_walks_good_scrap_lines_and_shift_tab_walks_back() {
    assert_eq!(Focus::Good.next(true), Focus::Scrap);
    assert_eq!(Focus::Scrap.next(true), Focus::Lines);
    assert_eq!(Focus::Lines.next(true), Focus::Good);
    assert_eq!(Focus::Good.next(false), Focus::Lines);
    assert_eq!(Focus::Lines.next(false), Focus::Scrap);
}

mod keys;

#[test]
fn a_serial_tracked_item_received_asks_its_serials_and_posts_with_them() {
    let mut bench = bench();
    if let Some(pump) = bench.items.get_mut("PUMP") {
        pump.tracking = Tracking::Serial;
    }
    let mut state = report_of(bench);
    let lead = LeadRule::new(None, Decimal::TEN);
    typed(&mut state, "2");
    assert!(state.needs_fg_serials, "2 pumps received, no serial yet");
    // Enter asks the serials first (scan or type).
    let asked = state.on_action(Action::Post, &lead);
    let Effect::Show(prompt) = &asked else {
        panic!("{asked:?}")
    };
    let Overlay::Prompt { title, kind, .. } = prompt.as_ref() else {
        panic!("{prompt:?}")
    };
    assert_eq!(
        title,
        "Serials of the 2 PUMP received: scan each, or type S1,S2,…"
    );
    assert_eq!(kind, &PromptKind::FinishedSerials { then_post: true });
    // One serial for two pumps: refused in the prompt, nothing kept.
    let this = prompt.as_ref().clone();
    let again = state.apply_finished_serials("P-1", true, this.clone(), &lead);
    assert!(
        matches!(&again, Effect::Show(o) if matches!(o.as_ref(), Overlay::Prompt { error: Some(_), .. })),
        "{again:?}"
    );
    assert!(state.fg_serials.is_empty());
    // Two: the confirmation, and the receipt names them.
    let confirm = state.apply_finished_serials("P-1, P-2", true, this, &lead);
    assert!(
        matches!(&confirm, Effect::Show(o) if matches!(o.as_ref(), Overlay::Confirm { .. })),
        "{confirm:?}"
    );
    assert_eq!(state.fg_serials, ["P-1", "P-2"]);
    assert_eq!(state.request().unwrap().fg_serials, ["P-1", "P-2"]);
    let receipt = state.plan.as_ref().unwrap().receipt.as_ref().unwrap();
    let lots: Vec<&str> = receipt.lots.iter().map(|l| l.lot.as_str()).collect();
    assert_eq!(lots, ["P-1", "P-2"]);
    assert_eq!(
        strings::receive_into(receipt.qty, receipt.location.as_str(), &receipt.lots, true),
        "receive 2 → FG serials P-1,P-2"
    );
    // f asks them again, with those given.
    let Effect::Show(prompt) = state.on_action(Action::FinishedLot, &lead) else {
        panic!()
    };
    let Overlay::Prompt { field, .. } = prompt.as_ref() else {
        panic!()
    };
    assert_eq!(field.text, "P-1,P-2");
}

#[test]
fn f_on_an_untracked_item_says_it_takes_no_lot() {
    let mut state = report();
    typed(&mut state, "2");
    assert_eq!(
        state.on_action(Action::FinishedLot, &LeadRule::new(None, Decimal::TEN)),
        Effect::Error("PUMP is not lot- or serial-tracked: it is received with no lot".into())
    );
}
