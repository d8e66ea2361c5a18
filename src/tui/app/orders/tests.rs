//! The board and an order's operations with no store: rows and an order built by hand.

use super::*;
use crate::domain::order::OrderOperation;
use crate::tui::app::Hours;
use crate::tui::app::Quantity;

fn summary(order: &str, item: &str) -> OrderSummary {
    OrderSummary {
        order: order.into(),
        item: item.into(),
        description: format!("{item} pump"),
        qty: Quantity(rust_decimal::Decimal::TEN),
        due: None,
        good: Quantity::ZERO,
        scrap: Quantity::ZERO,
        work_centers: vec!["WC-ASM".into()],
    }
}

fn board() -> OrdersState {
    let rows = vec![
        summary("WO-1005", "HP-100"),
        summary("WO-1006", "HP-200"),
        summary("WO-1011", "HP-200"),
    ];
    OrdersState::new(rows, HashMap::new(), 7)
}

#[test]
fn the_board_keeps_its_cursor_within_the_rows_and_typing_narrows_it() {
    let mut b = board();
    assert_eq!(b.selected, 2, "the cursor stays on the board");
    b.typed = "hp-200".into();
    let shown: Vec<&str> = b.visible().iter().map(|r| r.order.as_str()).collect();
    assert_eq!(shown, ["WO-1006", "WO-1011"]);
    b.select("WO-1011");
    assert_eq!(b.selected, 1);
    b.select("WO-1005");
    assert_eq!(b.selected, 1, "an order not shown is not selected");
    assert_eq!(b.on_action(Action::Back), Effect::None);
    assert_eq!(
        (b.typed.as_str(), b.selected),
        ("", 0),
        "Esc clears the scan"
    );
}

#[test]
fn enter_opens_the_order_typed_else_the_one_under_the_cursor() {
    let mut b = board();
    b.typed = " 1006 ".into();
    assert_eq!(
        b.on_action(Action::Open),
        Effect::ResolveOrder {
            typed: "1006".into()
        }
    );
    assert_eq!(b.typed, "", "what was typed is used once");
    b.selected = 0;
    assert_eq!(
        b.on_action(Action::Open),
        Effect::OpenOrder {
            order: "WO-1005".into()
        }
    );
    assert_eq!(
        b.on_action(Action::Variance),
        Effect::OpenVariance {
            order: "WO-1005".into(),
            from_operations: false,
        }
    );
    let mut empty = OrdersState::new(Vec::new(), HashMap::new(), 0);
    assert_eq!(empty.on_action(Action::Open), Effect::None);
    assert_eq!(empty.on_action(Action::Variance), Effect::None);
}

#[test]
fn the_board_opens_the_other_screens() {
    let mut b = board();
    let cases = [
        (Action::History, Effect::OpenHistory),
        (Action::Staging, Effect::OpenStaging),
        (Action::Exceptions, Effect::OpenExceptions),
        (Action::Health, Effect::OpenHealth),
        (Action::Trace, Effect::OpenTrace),
        (Action::Refresh, Effect::OpenOrders),
        (Action::ToggleAllWorkCenters, Effect::ToggleAllWorkCenters),
        (Action::NextWorkCenter, Effect::NextWorkCenter),
    ];
    for (action, effect) in cases {
        assert_eq!(b.on_action(action), effect, "{action:?}");
    }
}

fn operation(operation: i64, count_point: bool) -> OrderOperation {
    OrderOperation {
        operation,
        work_center: "WC-ASM".into(),
        setup_hours: Hours::ZERO,
        run_hours: Hours::ZERO,
        count_point,
    }
}

fn order() -> Order {
    Order {
        order: "WO-1005".into(),
        item: "HP-100".into(),
        revision: "A".into(),
        qty: Quantity(rust_decimal::Decimal::TEN),
        due: None,
        completion_location: "FG".into(),
        operations: vec![operation(10, false), operation(20, true)],
        materials: Vec::new(),
    }
}

#[test]
fn an_operation_that_is_not_a_count_point_says_where_it_is_reported() {
    let o = order();
    assert_eq!(
        operations_action(&o, "Hydraulic pump", 0, Action::Open),
        Effect::Error(
            "operation 10 is not a count point; its lines are reported at operation 20".into()
        )
    );
    assert_eq!(
        operations_action(&o, "Hydraulic pump", 1, Action::Open),
        Effect::OpenReport {
            order: "WO-1005".into(),
            operation: 20,
            description: "Hydraulic pump".into(),
        }
    );
    assert_eq!(
        operations_action(&o, "Hydraulic pump", 5, Action::Open),
        Effect::None
    );
    assert_eq!(
        operations_action(&o, "Hydraulic pump", 1, Action::Variance),
        Effect::OpenVariance {
            order: "WO-1005".into(),
            from_operations: true,
        }
    );
    assert_eq!(
        operations_action(&o, "Hydraulic pump", 1, Action::Back),
        Effect::OpenOrders
    );
}
