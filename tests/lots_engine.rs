//! Engine tests of the lot plans: pick order FIFO / FEFO, expired lots never
//! chosen, the unknown lot the oldest, allocation over several lots, `LOT[:QTY]` allocations
//! and returns in reverse FIFO. Exact numbers.

#![allow(clippy::unwrap_used)]

mod common;

use backflush::domain::lots::{
    AllocationError, Consumed, LotQty, LotStock, PickOrder, ReturnError, allocate, check_holds,
    parse_allocation, pick, plan_return,
};
use backflush::domain::master::Tracking;
use chrono::NaiveDate;
use common::d;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn lot(code: &str, qty: &str, expires: Option<&str>, first: &str) -> LotStock {
    LotStock {
        lot: code.into(),
        qty: d(qty),
        expires: expires.map(str::to_string),
        first_at: first.into(),
    }
}

fn codes(lots: &[LotStock]) -> Vec<&str> {
    lots.iter().map(|l| l.lot.as_str()).collect()
}

fn stock() -> Vec<LotStock> {
    vec![
        lot("B", "4", Some("2027-03-01"), "2026-02-01T00:00:00.000000Z"),
        lot("A", "3", None, "2026-01-01T00:00:00.000000Z"),
        lot("C", "5", Some("2027-01-15"), "2026-03-01T00:00:00.000000Z"),
        lot(
            "OLD",
            "9",
            Some("2026-11-30"),
            "2025-01-01T00:00:00.000000Z",
        ),
        lot("", "2", None, "2026-06-01T00:00:00.000000Z"),
        lot("EMPTY", "0", None, "2024-01-01T00:00:00.000000Z"),
    ]
}

#[test]
fn fifo_takes_the_unknown_lot_first_then_by_first_entry_and_skips_expired() {
    assert_eq!(
        codes(&pick(&stock(), PickOrder::Fifo, today())),
        ["", "A", "B", "C"]
    );
}

#[test]
fn fefo_takes_lots_with_an_expiry_earliest_first_then_the_rest_fifo() {
    assert_eq!(
        codes(&pick(&stock(), PickOrder::Fefo, today())),
        ["C", "B", "", "A"]
    );
}

#[test]
fn a_lot_expiring_today_is_still_chosen_one_expired_yesterday_is_not() {
    let lots = [
        lot("T", "1", Some("2026-12-01"), "t"),
        lot("Y", "1", Some("2026-11-30"), "t"),
    ];
    assert_eq!(codes(&pick(&lots, PickOrder::Fefo, today())), ["T"]);
}

#[test]
fn allocation_spreads_over_several_lots_in_pick_order() {
    let plan = allocate(&stock(), d("8"), PickOrder::Fefo, today()).unwrap();
    assert_eq!(plan, [LotQty::new("C", d("5")), LotQty::new("B", d("3"))]);
    let plan = allocate(&stock(), d("6"), PickOrder::Fifo, today()).unwrap();
    assert_eq!(
        plan,
        [
            LotQty::new("", d("2")),
            LotQty::new("A", d("3")),
            LotQty::new("B", d("1"))
        ]
    );
}

#[test]
fn an_expired_lot_does_not_count_toward_covering_a_line() {
    // 14 unexpired (2 + 3 + 4 + 5); OLD's 9 do not count.
    let err = allocate(&stock(), d("15"), PickOrder::Fifo, today()).unwrap_err();
    assert_eq!((err.available, err.shortfall), (d("14"), d("1")));
    assert!(allocate(&stock(), d("14"), PickOrder::Fifo, today()).is_ok());
}

#[test]
fn allocations_are_read_and_checked() {
    let a = parse_allocation("L1:4,L2:1.5", d("5.5"), Tracking::Lot, 2).unwrap();
    assert_eq!(a, [LotQty::new("L1", d("4")), LotQty::new("L2", d("1.5"))]);
    // One lot takes the whole quantity; an empty lot names the unknown lot.
    assert_eq!(
        parse_allocation("L1", d("3"), Tracking::Lot, 0).unwrap(),
        [LotQty::new("L1", d("3"))]
    );
    assert_eq!(
        parse_allocation(":2,L1:1", d("3"), Tracking::Lot, 0).unwrap(),
        [LotQty::new("", d("2")), LotQty::new("L1", d("1"))]
    );
    // Serials take 1 each.
    assert_eq!(
        parse_allocation("S1,S2", d("2"), Tracking::Serial, 0).unwrap(),
        [LotQty::new("S1", d("1")), LotQty::new("S2", d("1"))]
    );
    assert_eq!(
        parse_allocation("L1:4,L2:1", d("5.5"), Tracking::Lot, 2).unwrap_err(),
        AllocationError::Sum {
            total: d("5"),
            expected: d("5.5")
        }
    );
    assert!(matches!(
        parse_allocation("L1:1.555", d("1.555"), Tracking::Lot, 2).unwrap_err(),
        AllocationError::TooManyDecimals { .. }
    ));
    assert!(matches!(
        parse_allocation("L1,L2", d("2"), Tracking::Lot, 0).unwrap_err(),
        AllocationError::QtyNeeded { .. }
    ));
    assert!(matches!(
        parse_allocation("L1:1,L1:1", d("2"), Tracking::Lot, 0).unwrap_err(),
        AllocationError::Duplicate { .. }
    ));
    assert!(matches!(
        parse_allocation("S1:2", d("2"), Tracking::Serial, 0).unwrap_err(),
        AllocationError::SerialQty { .. }
    ));
    assert_eq!(
        parse_allocation("L1", d("1"), Tracking::None, 0).unwrap_err(),
        AllocationError::Untracked
    );
}

#[test]
fn lines_naming_the_same_lot_are_checked_together_in_line_order() {
    let holds = |lot: &str| if lot == "L1" { d("5") } else { d("0") };
    let first = [LotQty::new("L1", d("3"))];
    let second = [LotQty::new("L1", d("3"))];
    let err = check_holds(first.iter().chain(second.iter()), &holds).unwrap_err();
    assert_eq!(
        (err.lot.as_str(), err.wanted, err.holds),
        ("L1", d("3"), d("2"))
    );
    assert!(check_holds(first.iter(), &holds).is_ok());
}

#[test]
fn returns_go_back_youngest_lot_first_and_never_past_what_was_consumed() {
    let consumed = [
        Consumed {
            lot: "A".into(),
            qty: d("3"),
            first_at: "2026-01-01".into(),
        },
        Consumed {
            lot: "B".into(),
            qty: d("2"),
            first_at: "2026-02-01".into(),
        },
    ];
    assert_eq!(
        plan_return(&consumed, d("4"), None).unwrap(),
        [LotQty::new("B", d("2")), LotQty::new("A", d("2"))]
    );
    assert_eq!(
        plan_return(&consumed, d("6"), None).unwrap_err(),
        ReturnError::PastConsumed {
            wanted: d("6"),
            consumed: d("5")
        }
    );
    let named = [LotQty::new("B", d("3"))];
    assert_eq!(
        plan_return(&consumed, d("3"), Some(&named)).unwrap_err(),
        ReturnError::PastLot {
            lot: "B".into(),
            wanted: d("3"),
            consumed: d("2")
        }
    );
}
