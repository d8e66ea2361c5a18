//! The history and a report's lines with no store: rows built by hand, keys and prompt
//! values fed to the states, the effects they name compared whole.

use super::*;

fn row(id: i64, reversed: bool) -> ReportRow {
    ReportRow {
        id: ReportId(id),
        order: "WO-1005".into(),
        item: "HP-100".into(),
        description: "Hydraulic pump".into(),
        operation: 20,
        good: Quantity(rust_decimal::Decimal::from(5)),
        scrap: Quantity::ONE,
        at: "2026-03-02T09:15:00Z".into(),
        user: "1001".into(),
        approver: None,
        reversed,
    }
}

fn history() -> HistoryState {
    HistoryState::new(vec![row(3, false), row(2, false), row(1, true)], None)
}

fn line(line: &str, item: &str) -> crate::service::ReportLine {
    crate::service::ReportLine {
        report_id: ReportId(2),
        order: "WO-1005".into(),
        line: line.into(),
        item: item.into(),
        description: String::new(),
        location: "M-ASM".into(),
        status: crate::domain::backflush::LineStatus::Issue,
        reversed: false,
        reason: None,
        non_stock: false,
    }
}

/// Report 2's lines: line 10 issued 10 bolts, line 20 four seals; the cursor on line 20.
fn detail() -> DetailState {
    let lines = vec![
        (line("10", "BOLT-M8"), Quantity(rust_decimal::Decimal::TEN)),
        (
            line("20", "SEAL-20"),
            Quantity(rust_decimal::Decimal::from(4)),
        ),
    ];
    let mut d = DetailState::new(row(2, false), lines, Vec::new(), None);
    d.selected = 1;
    d
}

fn prompt(title: &str, field: Field, kind: PromptKind) -> Overlay {
    Overlay::prompt(title.into(), field, kind)
}

fn text() -> Field {
    Field::new(FieldKind::Text, "")
}

#[test]
fn the_list_keeps_the_cursor_on_its_report_by_id() {
    let rows = || vec![row(3, false), row(2, false), row(1, true)];
    assert_eq!(HistoryState::new(rows(), Some(ReportId(2))).selected, 1);
    assert_eq!(HistoryState::new(rows(), Some(ReportId(1))).selected, 2);
    assert_eq!(
        HistoryState::new(rows(), Some(ReportId(99))).selected,
        0,
        "a report no longer listed: the top"
    );
    assert_eq!(HistoryState::new(rows(), None).selected, 0);
}

#[test]
fn enter_opens_the_report_under_the_cursor_and_esc_goes_to_the_board() {
    let mut h = history();
    h.selected = 1;
    assert_eq!(
        h.on_action(Action::Open),
        Effect::OpenDetail(Box::new(row(2, false)))
    );
    assert_eq!(h.on_action(Action::Back), Effect::OpenOrders);
    assert_eq!(h.on_action(Action::Refresh), Effect::OpenHistory);
    let empty = HistoryState::new(Vec::new(), None);
    assert_eq!(empty.on_action(Action::Open), Effect::None);
    assert_eq!(empty.on_action(Action::Reverse), Effect::None);
}

#[test]
fn a_reversal_asks_its_reason_and_a_reversed_report_is_refused() {
    let mut h = history();
    h.selected = 2;
    assert_eq!(
        h.on_action(Action::Reverse),
        Effect::Error("report 1 is already reversed".into())
    );
    h.selected = 1;
    assert_eq!(
        h.on_action(Action::Reverse),
        Effect::show(prompt(
            "Reason for reversing report 2 (WO-1005 op 20)",
            text(),
            PromptKind::ReverseReason {
                report_id: ReportId(2)
            },
        ))
    );
}

#[test]
fn the_reason_is_required_and_the_confirmation_says_what_the_reversal_undoes() {
    let h = history();
    let kind = PromptKind::ReverseReason {
        report_id: ReportId(2),
    };
    let this = prompt("Reason", text(), kind.clone());
    assert_eq!(
        h.on_prompt(kind.clone(), String::new(), this.clone()),
        Effect::show(this.clone().with_error("a reversal needs a reason".into()))
    );
    let when = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:15:00Z")
        .unwrap()
        .with_timezone(&chrono::Local)
        .format("%m-%d %H:%M")
        .to_string();
    assert_eq!(
        h.on_prompt(kind, "WRONG-ORDER".into(), this),
        Effect::show(Overlay::Confirm {
            title: "Reverse report 2?".into(),
            lines: vec![
                format!("Report 2 of {when} by 1001: order WO-1005 (HP-100), operation 20."),
                "Undo 5 good and 1 scrap: every line it issued goes back, its receipt and labor are reversed, its deferred lines are cancelled.".into(),
                "Reason: WRONG-ORDER".into(),
                "Reverse it?".into(),
            ],
            pending: Pending::write(Effect::Reverse {
                report_id: ReportId(2),
                reason: "WRONG-ORDER".into(),
            }),
        })
    );
}

#[test]
fn the_lines_keep_their_cursor_only_on_the_same_report() {
    let before = detail();
    let lines = || vec![(line("10", "BOLT-M8"), Quantity(rust_decimal::Decimal::TEN))];
    let again = DetailState::new(row(2, false), lines(), Vec::new(), Some(&before));
    assert_eq!(again.selected, 0, "line 20 is gone: the last line");
    let two = || {
        vec![
            (line("10", "BOLT-M8"), Quantity(rust_decimal::Decimal::TEN)),
            (line("20", "SEAL-20"), Quantity::ONE),
        ]
    };
    let same = DetailState::new(row(2, false), two(), Vec::new(), Some(&before));
    assert_eq!(same.selected, 1);
    let other = DetailState::new(row(3, false), two(), Vec::new(), Some(&before));
    assert_eq!(other.selected, 0);
}

#[test]
fn esc_on_the_lines_goes_back_to_the_history_even_with_no_line() {
    assert_eq!(detail().on_action(Action::Back), Effect::OpenHistory);
    let empty = DetailState::new(row(2, false), Vec::new(), Vec::new(), None);
    assert_eq!(empty.on_action(Action::Back), Effect::OpenHistory);
    assert_eq!(empty.on_action(Action::AdjustScrap), Effect::None);
}

#[test]
fn scrap_is_asked_as_a_signed_quantity_then_its_reason_then_adjusted() {
    let d = detail();
    let qty_kind = PromptKind::ScrapQty {
        report_id: ReportId(2),
        line: "20".into(),
    };
    let asked = prompt(
        "Scrap to add on line 20 SEAL-20 (negative: a correction)",
        Field::new(FieldKind::SignedNumber, ""),
        qty_kind.clone(),
    );
    assert_eq!(
        d.on_action(Action::AdjustScrap),
        Effect::show(asked.clone())
    );
    assert_eq!(
        d.on_prompt(qty_kind.clone(), "1,5".into(), asked.clone()),
        Effect::show(asked.clone().with_error("\"1,5\" is not a number".into()))
    );
    let reason_kind = PromptKind::ScrapReason {
        report_id: ReportId(2),
        line: "20".into(),
        qty: Quantity(rust_decimal::Decimal::from(-2)),
    };
    assert_eq!(
        d.on_prompt(qty_kind, "-2".into(), asked.clone()),
        Effect::pick(
            prompt(
                "Reason for returning 2 scrapped on line 20",
                text(),
                reason_kind.clone()
            )
            .after(asked),
            Choices::Reasons(ReasonKind::Scrap),
        )
    );
    let this = prompt("Reason", text(), reason_kind.clone());
    assert_eq!(
        d.on_prompt(reason_kind, "DAMAGED".into(), this),
        Effect::AdjustScrap {
            report_id: ReportId(2),
            line: "20".into(),
            qty: Quantity(rust_decimal::Decimal::from(-2)),
            reason: "DAMAGED".into(),
        }
    );
}

#[test]
fn a_substitute_is_picked_from_the_other_items_then_checked() {
    let d = detail();
    let item_kind = PromptKind::SubstituteItem {
        report_id: ReportId(2),
        line: "20".into(),
    };
    let asked = prompt(
        "Item issued instead of SEAL-20 on line 20",
        text(),
        item_kind.clone(),
    );
    assert_eq!(
        d.on_action(Action::Substitute),
        Effect::pick(asked.clone(), Choices::ItemsExcept("SEAL-20".into()))
    );
    assert_eq!(
        d.on_prompt(item_kind.clone(), String::new(), asked.clone()),
        Effect::show(
            asked
                .clone()
                .with_error("scan or type the substitute item".into())
        )
    );
    assert_eq!(
        d.on_prompt(item_kind, "SEAL-25".into(), asked.clone()),
        Effect::CheckSubstitute {
            report_id: ReportId(2),
            line: "20".into(),
            item: "SEAL-25".into(),
            this: Box::new(asked.clone()),
        }
    );
}

#[test]
fn no_more_goes_back_than_the_line_issued_then_the_substitute_is_posted() {
    let d = detail();
    let asked = prompt(
        "Item issued instead of SEAL-20 on line 20",
        text(),
        PromptKind::SubstituteItem {
            report_id: ReportId(2),
            line: "20".into(),
        },
    );
    // The item found: all four seals the line issued are offered back.
    let return_kind = PromptKind::SubstituteReturn {
        report_id: ReportId(2),
        line: "20".into(),
        item: "SEAL-25".into(),
    };
    let back = d.return_prompt(ReportId(2), "20".into(), "SEAL-25".into(), asked.clone());
    assert_eq!(
        back,
        prompt(
            "How many SEAL-20 go back (all 4 the line issued, or part)",
            Field::new(FieldKind::Number, "4"),
            return_kind.clone(),
        )
        .after(asked)
    );
    assert_eq!(
        d.on_prompt(return_kind.clone(), "5".into(), back.clone()),
        Effect::show(
            back.clone()
                .with_error("5 exceeds the 4 SEAL-20 line 20 has issued".into())
        )
    );
    assert_eq!(
        d.on_prompt(return_kind.clone(), "0".into(), back.clone()),
        Effect::show(
            back.clone()
                .with_error("\"0\" is not a quantity above 0".into())
        )
    );
    let qty_kind = PromptKind::SubstituteQty {
        report_id: ReportId(2),
        line: "20".into(),
        item: "SEAL-25".into(),
        returned: Some(Quantity(rust_decimal::Decimal::from(3))),
    };
    assert_eq!(
        d.on_prompt(return_kind, "3".into(), back.clone()),
        Effect::show(
            prompt(
                "How many SEAL-25 were issued instead",
                Field::new(FieldKind::Number, "3"),
                qty_kind.clone(),
            )
            .after(back)
        )
    );
    let this = prompt("How many", text(), qty_kind.clone());
    // Asked first, as a reversal is: what goes back and what is issued instead.
    assert_eq!(
        d.on_prompt(qty_kind, String::new(), this),
        Effect::show(Overlay::Confirm {
            title: "Record this substitution?".into(),
            lines: vec![
                "Line 20 SEAL-20: 3 SEAL-20 go back to stock,".into(),
                "3 SEAL-25 are issued instead.".into(),
            ],
            pending: Pending::write(Effect::Substitute {
                report_id: ReportId(2),
                line: "20".into(),
                item: "SEAL-25".into(),
                qty: None,
                returned: Some(Quantity(rust_decimal::Decimal::from(3))),
            }),
        })
    );
}

#[test]
fn in_german_a_substitute_and_a_scrap_adjustment_are_asked_in_german() {
    let d = detail();
    crate::tui::i18n::set_language(
        crate::domain::language::Language::parse("de")
            .unwrap_or(crate::domain::language::Language::ENGLISH),
    );
    let substitute = d.on_action(Action::Substitute);
    let scrap = d.on_action(Action::AdjustScrap);
    crate::tui::i18n::set_language(crate::domain::language::Language::ENGLISH);
    let title = |effect: &Effect| match effect {
        Effect::Pick { prompt: o, .. } | Effect::Show(o) => match o.as_ref() {
            Overlay::Prompt { title, .. } => title.clone(),
            other => format!("{other:?}"),
        },
        other => format!("{other:?}"),
    };
    assert_eq!(
        title(&substitute),
        "Artikel entnommen statt SEAL-20 auf Zeile 20"
    );
    assert_eq!(
        title(&scrap),
        "Ausschuss dazu auf Zeile 20 SEAL-20 (negativ: Korrektur)"
    );
}
