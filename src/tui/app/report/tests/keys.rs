//! The report's keys and prompts with no store: the pump order of [`report`], keys fed to
//! the state, the effects it names compared whole.

use super::*;
use crate::tui::app::Change;
use crate::tui::app::Choices;
use crate::tui::app::PromptKind;
use crate::tui::app::ReasonKind;
use crate::tui::app::Role;

fn prompt(title: &str, field: Field, kind: PromptKind) -> Overlay {
    Overlay::prompt(title.into(), field, kind)
}

fn text() -> Field {
    Field::new(FieldKind::Text, "")
}

fn open_terminal() -> LeadRule {
    LeadRule::new(None, rust_decimal::Decimal::TEN)
}

/// Why line `line` of `item` was `what` (changed or skipped), picked from the reasons.
fn reason_asked(line: &str, item: &str, what: &str, then_post: bool) -> Effect {
    Effect::pick(
        prompt(
            &format!("Why was line {line} {item} {what}? Pick a reason"),
            text(),
            PromptKind::OverrideReason {
                line: line.into(),
                then_post,
            },
        ),
        Choices::Reasons(ReasonKind::Override),
    )
}

#[test]
fn tab_moves_the_focus_and_esc_asks_first_only_when_something_was_typed() {
    let mut state = report();
    let rule = open_terminal();
    assert_eq!(state.on_action(Action::NextField, &rule), Effect::None);
    assert_eq!(state.focus, Focus::Scrap);
    assert_eq!(state.on_action(Action::PreviousField, &rule), Effect::None);
    assert_eq!(state.focus, Focus::Good);
    assert_eq!(
        state.on_action(Action::Back, &rule),
        Effect::OpenOrders,
        "one operation: back to the board"
    );
    state.edited = true;
    assert_eq!(
        state.on_action(Action::Back, &rule),
        Effect::show(Overlay::Confirm {
            title: "Leave the report?".into(),
            lines: vec![
                "It has not been posted.".into(),
                "Leave and lose it?".into()
            ],
            pending: Pending::LeaveReport,
        })
    );
}

#[test]
fn nothing_posts_before_good_is_typed() {
    let mut state = report();
    assert_eq!(
        state.on_action(Action::Post, &open_terminal()),
        Effect::Error("cannot post: type the good quantity (Tab: scrap)".into())
    );
}

#[test]
fn a_quantity_typed_on_a_line_is_kept_and_asks_its_reason() {
    let mut state = report();
    typed(&mut state, "3");
    let kind = PromptKind::Qty { line: "1".into() };
    let asked = prompt(
        "Quantity to issue, line 1 BOLT",
        Field::new(FieldKind::Number, "").with_decimals(0),
        kind.clone(),
    );
    assert_eq!(
        state.on_action(Action::EditQty, &open_terminal()),
        Effect::show(asked.clone())
    );
    assert_eq!(
        state.on_prompt(kind.clone(), "x".into(), asked.clone()),
        Effect::show(asked.clone().with_error("\"x\" is not a number".into()))
    );
    let this = asked.clone();
    assert_eq!(
        state.on_prompt(kind, "8".into(), asked),
        back_to(reason_asked("1", "BOLT", "changed", false), this)
    );
    assert_eq!(
        issued(&state, "1"),
        Quantity(rust_decimal::Decimal::from(8))
    );
    assert!(state.edited);
    // Esc on the reason takes the change back (its prompt comes back with the 8).
    state.change_cancelled();
    assert!(state.overrides.is_empty());
    assert_eq!(
        issued(&state, "1"),
        Quantity(rust_decimal::Decimal::from(6))
    );
}

/// `effect`'s prompt with Esc back to `this`.
fn back_to(effect: Effect, this: Overlay) -> Effect {
    match effect {
        Effect::Pick { prompt, from } => Effect::Pick {
            prompt: Box::new(prompt.after(this)),
            from,
        },
        other => other,
    }
}

#[test]
fn the_location_is_picked_from_the_stock_and_an_unknown_one_is_read_first() {
    let mut state = report();
    typed(&mut state, "3");
    let kind = PromptKind::Location { line: "1".into() };
    let asked = prompt("Issue location, line 1 BOLT", text(), kind.clone());
    assert_eq!(
        state.on_action(Action::Location, &open_terminal()),
        Effect::pick(asked.clone(), Choices::StockOf("BOLT".into()))
    );
    assert_eq!(
        state.on_prompt(kind.clone(), String::new(), asked.clone()),
        Effect::show(asked.clone().with_error("pick or type a location".into()))
    );
    assert_eq!(
        state.on_prompt(kind.clone(), "STORE".into(), asked.clone()),
        Effect::ReportLocation {
            line: "1".into(),
            location: "STORE".into(),
            this: Box::new(asked.clone()),
        }
    );
    assert_eq!(state.locations_with("STORE"), vec!["STORE".to_string()]);
    assert_eq!(
        state.on_prompt(kind, "M-1".into(), asked.clone()),
        back_to(reason_asked("1", "BOLT", "changed", false), asked)
    );
    assert_eq!(
        state.locations_with("STORE"),
        vec!["M-1".to_string(), "STORE".to_string()],
        "a context read again knows the locations already named"
    );
}

#[test]
fn a_skip_asks_its_reason_and_the_post_asks_a_missing_one_first() {
    let mut state = report();
    let rule = open_terminal();
    typed(&mut state, "3");
    state.selected = 1;
    assert_eq!(
        state.on_action(Action::Skip, &rule),
        reason_asked("2", "SEAL", "skipped", false)
    );
    assert_eq!(
        state.on_action(Action::Post, &rule),
        reason_asked("2", "SEAL", "skipped", true)
    );
    let Effect::Show(confirm) = state.reason_given("2".into(), "DAMAGED".into(), true, &rule)
    else {
        panic!("the reason given goes on to the confirmation");
    };
    let Overlay::Confirm { title, lines, .. } = *confirm else {
        panic!("a confirmation: {confirm:?}");
    };
    assert_eq!(title, "Post this report?");
    assert_eq!(
        lines[..2],
        [
            "Order WO-1 · operation 10 · good 3 · scrap 0".to_string(),
            "1 line to issue, 0 deferred, 0 manual, 1 skipped".to_string(),
        ]
    );
    assert_eq!(
        state.on_action(Action::Skip, &rule),
        Effect::None,
        "taken back"
    );
    assert!(state.reasons.is_empty());
}

#[test]
fn an_operators_override_beyond_the_tolerance_names_the_lead_in_the_confirmation() {
    let mut state = report();
    typed(&mut state, "3");
    state
        .apply_changes(
            "1",
            vec![Change::Qty(Quantity(rust_decimal::Decimal::from(8)))],
        )
        .unwrap();
    state.reasons.insert("1".into(), "DAMAGED".into());
    let operator = LeadRule::new(Some(Role::Operator), rust_decimal::Decimal::TEN);
    let lines = |rule: &LeadRule| match state.confirm_post(rule) {
        Effect::Show(overlay) => match *overlay {
            Overlay::Confirm { lines, .. } => lines,
            other => panic!("a confirmation: {other:?}"),
        },
        other => panic!("a confirmation: {other:?}"),
    };
    let asked = lines(&operator);
    assert_eq!(
        asked[asked.len() - 3..],
        [
            "A lead must approve (more than 10% from planned):".to_string(),
            "Line 1 BOLT: 8 against planned 6".to_string(),
            "Enter: the lead scans the badge and types the PIN".to_string(),
        ]
    );
    assert_eq!(
        lines(&open_terminal()).len(),
        asked.len() - 3,
        "a lead signs their own"
    );
}

#[test]
fn a_backflushed_line_takes_no_hand_issue_and_an_untracked_one_no_lots() {
    let mut state = report();
    let rule = open_terminal();
    typed(&mut state, "3");
    assert_eq!(
        state.on_action(Action::HandIssue, &rule),
        Effect::Error("line 1 (BOLT) is backflushed: e sets the quantity it issues".into())
    );
    assert_eq!(
        state.on_action(Action::Lots, &rule),
        Effect::Error("line 1 (BOLT) is not lot- or serial-tracked: it takes no lots".into())
    );
}

#[test]
fn a_tracked_manual_line_takes_its_hand_issue_with_its_lots() {
    let mut bench = bench();
    let seal = bench.items.get_mut("SEAL").unwrap();
    seal.backflush = false;
    seal.tracking = Tracking::Lot;
    let mut state = report_of(bench);
    typed(&mut state, "3");
    state.selected = 1;
    let kind = PromptKind::Lots {
        line: "2".into(),
        hand: Some(Quantity(rust_decimal::Decimal::from(3))),
    };
    let asked = prompt(
        "Lots for line 2 SEAL: 3 from M-1 (LOT or LOT:QTY,…)",
        text(),
        kind.clone(),
    );
    assert_eq!(
        state.on_action(Action::HandIssue, &open_terminal()),
        Effect::pick(
            asked.clone(),
            Choices::LineLots {
                item: "SEAL".into(),
                location: "M-1".into(),
                total: Quantity(rust_decimal::Decimal::from(3)),
            }
        )
    );
    assert_eq!(
        state.on_prompt(kind, String::new(), asked.clone()),
        Effect::show(asked.with_error("scan or pick a lot".into()))
    );
    assert!(
        state.overrides.is_empty(),
        "nothing issued without its lots"
    );
}

#[test]
fn an_untracked_manual_line_takes_its_planned_quantity_with_one_key_and_no_reason() {
    let mut bench = bench();
    bench.items.get_mut("SEAL").unwrap().backflush = false;
    let mut state = report_of(bench);
    typed(&mut state, "3");
    state.selected = 1;
    assert_eq!(
        state.on_action(Action::HandIssue, &open_terminal()),
        Effect::None,
        "a hand issue is not an override: no reason asked"
    );
    assert_eq!(
        issued(&state, "2"),
        Quantity(rust_decimal::Decimal::from(3))
    );
    assert!(state.planned("2").unwrap().is_hand_issue());
}
