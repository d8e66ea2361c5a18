//! The staging list with no store: rows built by hand, each step of a count and a transfer
//! fed its value, and what the store would answer handed in as the effects would.

use super::*;
use crate::tui::app::Pending;

fn row(item: &str, shortfall: i64) -> crate::service::floor::StagingLine {
    let qty = |n: i64| Quantity(rust_decimal::Decimal::from(n));
    crate::service::floor::StagingLine {
        row: crate::domain::replenish::Row {
            item: item.into(),
            location: "M-ASM".into(),
            on_hand: qty(10) - qty(shortfall),
            owed: qty(0),
            demand: qty(10),
            projected: qty(-shortfall),
            min: qty(0),
            max: qty(0),
            multiple: qty(1),
            bring: qty(shortfall),
            daily_use: qty(0),
            days_left: None,
            sources: Vec::new(),
            orders: 2,
        },
        description: String::new(),
    }
}

fn staging() -> StagingState {
    StagingState::new(
        "WC-ASM".into(),
        vec![row("BOLT-M8", 0), row("SEAL-20", 6)],
        Some(1),
    )
}

fn prompt(title: &str, field: Field, kind: PromptKind) -> Overlay {
    Overlay::prompt(title.into(), field, kind)
}

fn text() -> Field {
    Field::new(FieldKind::Text, "")
}

fn number() -> Field {
    Field::new(FieldKind::Number, "")
}

fn reopened(this: &Overlay, error: &str) -> Effect {
    Effect::show(this.clone().with_error(error.into()))
}

#[test]
fn the_list_keeps_its_cursor_within_the_rows() {
    assert_eq!(staging().selected, 1);
    let fewer = StagingState::new("WC-ASM".into(), vec![row("BOLT-M8", 0)], Some(1));
    assert_eq!(fewer.selected, 0);
    assert_eq!(staging().on_action(Action::Refresh), Effect::OpenStaging);
    assert_eq!(staging().on_action(Action::Back), Effect::OpenOrders);
    let empty = StagingState::new("WC-ASM".into(), Vec::new(), None);
    assert_eq!(empty.on_action(Action::Count), Effect::None);
    assert_eq!(empty.on_action(Action::Transfer), Effect::None);
}

#[test]
fn a_count_asks_the_lot_of_a_tracked_item_and_the_quantity_of_any_other() {
    assert_eq!(
        staging().on_action(Action::Count),
        Effect::AskCount {
            item: "SEAL-20".into(),
            location: "M-ASM".into(),
        }
    );
    let counted = PromptKind::Counted {
        item: "SEAL-20".into(),
        location: "M-ASM".into(),
        lot: None,
    };
    assert_eq!(
        count_prompt("SEAL-20".into(), "M-ASM".into(), false),
        Effect::show(prompt("Counted SEAL-20 at M-ASM", number(), counted))
    );
    let lot_kind = PromptKind::CountLot {
        item: "SEAL-20".into(),
        location: "M-ASM".into(),
    };
    let lot = prompt(
        "Count which lot of SEAL-20 at M-ASM? (scan or pick)",
        text(),
        lot_kind.clone(),
    );
    assert_eq!(
        count_prompt("SEAL-20".into(), "M-ASM".into(), true),
        Effect::pick(
            lot.clone(),
            Choices::LotsAt {
                item: "SEAL-20".into(),
                location: "M-ASM".into(),
                moving: None,
            }
        )
    );
    // The unknown lot (stock from before lots were kept) is counted too.
    assert_eq!(
        staging().on_prompt(lot_kind, String::new(), lot.clone()),
        Effect::show(
            prompt(
                "Counted SEAL-20 lot (unknown) at M-ASM",
                number(),
                PromptKind::Counted {
                    item: "SEAL-20".into(),
                    location: "M-ASM".into(),
                    lot: Some(String::new()),
                },
            )
            .after(lot)
        )
    );
}

#[test]
fn a_counted_quantity_goes_to_the_book_and_a_large_difference_asks_a_reason() {
    let kind = PromptKind::Counted {
        item: "SEAL-20".into(),
        location: "M-ASM".into(),
        lot: None,
    };
    let this = prompt("Counted SEAL-20 at M-ASM", number(), kind.clone());
    assert_eq!(
        staging().on_prompt(kind.clone(), "x".into(), this.clone()),
        reopened(&this, "\"x\" is not a number")
    );
    assert_eq!(
        staging().on_prompt(kind, "7".into(), this.clone()),
        Effect::CheckCount {
            item: "SEAL-20".into(),
            location: "M-ASM".into(),
            lot: None,
            counted: Quantity(rust_decimal::Decimal::from(7)),
            this: Box::new(this.clone()),
        }
    );
    // The book says 10: 7 counted is 3 (30 %) short, shown signed, confirmed with a reason.
    let reason_kind = PromptKind::CountReason {
        item: "SEAL-20".into(),
        location: "M-ASM".into(),
        lot: None,
        counted: Quantity(rust_decimal::Decimal::from(7)),
    };
    assert_eq!(
        count_reason_prompt(
            crate::service::CountRequest {
                item: "SEAL-20".into(),
                location: "M-ASM".into(),
                lot: None,
                counted: Quantity(rust_decimal::Decimal::from(7)),
                reason: None,
            },
            Quantity(rust_decimal::Decimal::TEN),
            this.clone()
        ),
        Effect::pick(
            prompt(
                "SEAL-20 at M-ASM: book 10, counted 7 = -3 (-30%). Pick a reason to post it",
                text(),
                reason_kind.clone(),
            )
            .after(this),
            Choices::Reasons(ReasonKind::Count),
        )
    );
    let reason = prompt("Pick a reason", text(), reason_kind.clone());
    assert_eq!(
        staging().on_prompt(reason_kind, "FOUND".into(), reason.clone()),
        Effect::Count {
            item: "SEAL-20".into(),
            location: "M-ASM".into(),
            lot: None,
            counted: Quantity(rust_decimal::Decimal::from(7)),
            reason: "FOUND".into(),
            this: Box::new(reason),
        }
    );
}

#[test]
fn a_transfer_picks_its_source_and_refuses_the_machine_location_itself() {
    let from_kind = PromptKind::TransferFrom {
        item: "SEAL-20".into(),
        to: "M-ASM".into(),
    };
    let from = prompt(
        "Bring SEAL-20 to M-ASM from which location?",
        text(),
        from_kind.clone(),
    );
    assert_eq!(
        staging().on_action(Action::Transfer),
        Effect::pick(
            from.clone(),
            Choices::HeldElsewhere {
                item: "SEAL-20".into(),
                except: "M-ASM".into(),
            }
        )
    );
    assert_eq!(
        staging().on_prompt(from_kind.clone(), String::new(), from.clone()),
        reopened(&from, "type the location to take it from")
    );
    assert_eq!(
        staging().on_prompt(from_kind.clone(), "M-ASM".into(), from.clone()),
        reopened(&from, "M-ASM is where it goes; pick where it comes from")
    );
    assert_eq!(
        staging().on_prompt(from_kind, "STORE".into(), from.clone()),
        Effect::CheckTransferSource {
            item: "SEAL-20".into(),
            from: "STORE".into(),
            to: "M-ASM".into(),
            this: Box::new(from),
        }
    );
}

#[test]
fn a_transfer_offers_the_shortfall_then_asks_the_lots_of_a_tracked_item() {
    let from = prompt(
        "Bring SEAL-20 to M-ASM from which location?",
        text(),
        PromptKind::TransferFrom {
            item: "SEAL-20".into(),
            to: "M-ASM".into(),
        },
    );
    let qty_kind = PromptKind::TransferQty {
        item: "SEAL-20".into(),
        from: "STORE".into(),
        to: "M-ASM".into(),
    };
    let qty = staging().transfer_qty_prompt(
        "SEAL-20".into(),
        Route {
            from: "STORE".into(),
            to: "M-ASM".into(),
        },
        Quantity(rust_decimal::Decimal::ONE_HUNDRED),
        from.clone(),
    );
    assert_eq!(
        qty,
        prompt(
            "How many SEAL-20 from STORE to M-ASM",
            Field::new(FieldKind::Number, "6"),
            qty_kind.clone(),
        )
        .after(from)
    );
    assert_eq!(
        staging().on_prompt(qty_kind, "4".into(), qty.clone()),
        Effect::TransferQty {
            item: "SEAL-20".into(),
            from: "STORE".into(),
            to: "M-ASM".into(),
            qty: Quantity(rust_decimal::Decimal::from(4)),
            this: Box::new(qty.clone()),
        }
    );
    let lots_kind = PromptKind::TransferLots {
        item: "SEAL-20".into(),
        from: "STORE".into(),
        to: "M-ASM".into(),
        qty: Quantity(rust_decimal::Decimal::from(4)),
    };
    assert_eq!(
        transfer_lots_prompt(
            "SEAL-20".into(),
            Route {
                from: "STORE".into(),
                to: "M-ASM".into(),
            },
            Quantity(rust_decimal::Decimal::from(4)),
            qty.clone()
        ),
        Effect::pick(
            prompt(
                "Lots of SEAL-20 from STORE (LOT or LOT:QTY,…; Enter alone: pick order)",
                text(),
                lots_kind.clone(),
            )
            .after(qty),
            Choices::LotsAt {
                item: "SEAL-20".into(),
                location: "STORE".into(),
                moving: Some(Quantity(rust_decimal::Decimal::from(4))),
            }
        )
    );
}

#[test]
fn the_lots_of_a_transfer_are_named_or_left_to_the_pick_order() {
    let lots_kind = PromptKind::TransferLots {
        item: "SEAL-20".into(),
        from: "STORE".into(),
        to: "M-ASM".into(),
        qty: Quantity(rust_decimal::Decimal::from(4)),
    };
    let lots = prompt("Lots", text(), lots_kind.clone());
    // Asked first, as a reversal is: the transfer runs once confirmed.
    let transfer = |lots_typed: Option<&str>| {
        Effect::show(Overlay::Confirm {
            title: "Move this stock?".into(),
            lines: vec![format!(
                "Move 4 SEAL-20 from STORE to M-ASM{}.",
                lots_typed.map_or_else(String::new, |l| format!(" (lots {l})"))
            )],
            pending: Pending::write(Effect::Transfer {
                item: "SEAL-20".into(),
                qty: Quantity(rust_decimal::Decimal::from(4)),
                from: "STORE".into(),
                to: "M-ASM".into(),
                lots: lots_typed.map(String::from),
                this: Box::new(lots.clone()),
            }),
        })
    };
    assert_eq!(
        staging().on_prompt(lots_kind.clone(), String::new(), lots.clone()),
        transfer(None),
        "Enter alone: the pick order"
    );
    assert_eq!(
        staging().on_prompt(lots_kind, "L-1:3,L-2".into(), lots.clone()),
        transfer(Some("L-1:3,L-2"))
    );
}

#[test]
fn a_bring_with_no_shortfall_offers_no_quantity() {
    let from = prompt("From", text(), PromptKind::ApproverBadge);
    let qty = staging().transfer_qty_prompt(
        "BOLT-M8".into(),
        Route {
            from: "STORE".into(),
            to: "M-ASM".into(),
        },
        Quantity(rust_decimal::Decimal::ONE_HUNDRED),
        from,
    );
    let Overlay::Prompt { field, .. } = qty else {
        panic!("a prompt: {qty:?}");
    };
    assert_eq!(field, number());
}

#[test]
fn a_bring_offers_at_most_what_the_source_holds() {
    let from = prompt("From", text(), PromptKind::ApproverBadge);
    let offered = |held: i64| {
        let qty = staging().transfer_qty_prompt(
            "SEAL-20".into(),
            Route {
                from: "STORE".into(),
                to: "M-ASM".into(),
            },
            Quantity(rust_decimal::Decimal::from(held)),
            from.clone(),
        );
        let Overlay::Prompt { field, .. } = qty else {
            panic!("a prompt: {qty:?}");
        };
        field
    };
    // The queue brings 6; a source of 4 offers its 4, one of 100 the 6.
    assert_eq!(offered(4), Field::new(FieldKind::Number, "4"));
    assert_eq!(offered(100), Field::new(FieldKind::Number, "6"));
}

#[test]
fn f2_switches_between_the_work_center_and_every_machine_location() {
    let this = staging();
    assert_eq!(
        this.on_action(Action::ToggleAllWorkCenters),
        Effect::OpenStagingOf { every: true }
    );
    let every = staging().of_every(true);
    assert_eq!(
        every.on_action(Action::ToggleAllWorkCenters),
        Effect::OpenStagingOf { every: false }
    );
}

#[test]
fn a_quantity_that_is_not_whole_containers_is_warned_of() {
    let mut s = staging();
    if let Some(r) = s.rows.get_mut(1) {
        r.row.min = Quantity(rust_decimal::Decimal::from(5));
        r.row.max = Quantity(rust_decimal::Decimal::from(40));
        r.row.multiple = Quantity(rust_decimal::Decimal::from(12));
    }
    let q = |n: i64| Quantity(rust_decimal::Decimal::from(n));
    assert_eq!(s.container_warning("SEAL-20", "M-ASM", q(24)), None);
    assert_eq!(
        s.container_warning("SEAL-20", "M-ASM", q(20)).as_deref(),
        Some("note: 20 is not a whole number of containers of 12")
    );
    assert_eq!(
        s.container_warning("BOLT-M8", "M-ASM", q(7)),
        None,
        "no stocking row: any quantity"
    );
}

#[test]
fn in_german_a_count_is_asked_in_german() {
    crate::tui::i18n::set_language(
        crate::domain::language::Language::parse("de")
            .unwrap_or(crate::domain::language::Language::ENGLISH),
    );
    let plain = count_prompt("SEAL-20".into(), "M-ASM".into(), false);
    let by_lot = count_prompt("SEAL-20".into(), "M-ASM".into(), true);
    crate::tui::i18n::set_language(crate::domain::language::Language::ENGLISH);
    let title = |effect: &Effect| match effect {
        Effect::Pick { prompt: o, .. } | Effect::Show(o) => match o.as_ref() {
            Overlay::Prompt { title, .. } => title.clone(),
            other => format!("{other:?}"),
        },
        other => format!("{other:?}"),
    };
    assert_eq!(title(&plain), "Gezählt SEAL-20 an M-ASM");
    assert_eq!(
        title(&by_lot),
        "Welche Charge von SEAL-20 an M-ASM zählen? (scannen oder wählen)"
    );
}
