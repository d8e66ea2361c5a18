//! What is typed at the terminal is what is posted: the quantity fields take only what a
//! quantity can hold, line keys act only on the lines, Esc steps back keeping what was
//! entered, and the refusals name what the person may not do. Key → state on the demo plant
//! (no mocks), with the status line read at 80×24 and 120×40.

#![allow(clippy::unwrap_used)]

mod common;

use common::tui::{Demo, demo, login, open_report, press, screen_at, type_text};

use backflush::tui::app::{App, Focus, Overlay, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    while app.pending_work() {}
}

/// The status line's message, and that both sizes show it whole.
#[track_caller]
fn status_shows(app: &App, message: &str) {
    let (said, _) = app.status.clone().expect("a status message");
    assert_eq!(said, message);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(app, w, h);
        assert!(s.contains(message), "{w}×{h} lacks {message:?}:\n{s}");
    }
}

fn report(app: &App) -> &backflush::tui::app::ReportState {
    match &app.screen {
        Screen::Report(r) => r,
        _ => panic!("not on the report"),
    }
}

fn statuses(app: &App) -> Vec<String> {
    report(app)
        .plan
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .map(|l| l.status.as_str().to_string())
        .collect()
}

#[test]
fn good_and_scrap_take_only_a_quantity_and_line_keys_wait_for_the_lines() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2");
    let before = statuses(&d.app);
    // Letters that are line keys elsewhere: refused in good, nothing else happens.
    for c in ['k', '2', 'r', 'e', 's', 'l', 'a', 'o'] {
        press(&mut d.app, KeyCode::Char(c));
        if c == '2' {
            // A digit is good's: 22 and back to 2.
            assert_eq!(report(&d.app).good.text, "22");
            press(&mut d.app, KeyCode::Backspace);
            continue;
        }
        assert!(d.app.overlays.is_empty(), "{c} opened an overlay");
        assert_eq!(report(&d.app).good.text, "2");
        assert!(report(&d.app).overrides.is_empty());
        assert_eq!(statuses(&d.app), before);
    }
    status_shows(
        &d.app,
        "'o' not taken: a quantity is digits and a point (1.5) · Tab: the line keys",
    );
    // q and ? are not keys while a field takes typing (F1 and Ctrl-C are).
    press(&mut d.app, KeyCode::Char('q'));
    assert!(d.app.overlays.is_empty() && !d.app.should_quit);
    press(&mut d.app, KeyCode::Char('?'));
    assert!(d.app.overlays.is_empty());
    // The other separator and a minus, each named with the right form.
    press(&mut d.app, KeyCode::Char(','));
    status_shows(&d.app, "',' not taken: decimals take a point (type 1.5)");
    press(&mut d.app, KeyCode::Char('-'));
    status_shows(&d.app, "'-' not taken: this quantity cannot be negative");
    assert_eq!(report(&d.app).good.text, "2");
    // Scrap the same.
    press(&mut d.app, KeyCode::Tab);
    type_text(&mut d.app, "1,x-");
    assert_eq!(report(&d.app).scrap.text, "1");
    assert!(d.app.overlays.is_empty());
    // Ctrl-U clears the field.
    ctrl(&mut d.app, 'u');
    assert_eq!(report(&d.app).scrap.text, "");
    // On the lines, k skips the line (and asks why).
    press(&mut d.app, KeyCode::Tab);
    assert_eq!(report(&d.app).focus, Focus::Lines);
    press(&mut d.app, KeyCode::Char('k'));
    assert_eq!(statuses(&d.app)[0], "skipped");
}

#[test]
fn a_line_quantity_refuses_a_comma_a_minus_and_letters_where_typed() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Char('e'));
    type_text(&mut d.app, "-1");
    type_text(&mut d.app, "x,");
    let Some(Overlay::Prompt { field, .. }) = d.app.overlays.last() else {
        panic!("the quantity prompt")
    };
    assert_eq!(
        field.text, "1",
        "the minus, the letter and the comma refused"
    );
    status_shows(&d.app, "',' not taken: decimals take a point (type 1.5)");
    // The line's item is counted in whole units: a point is refused too.
    press(&mut d.app, KeyCode::Char('.'));
    status_shows(&d.app, "'.' not taken: this quantity is a whole number");
}

/// A lead on the lines of the first report, the cursor on the line of `item`.
fn lead_on_posted_line(d: &mut Demo, item: &str) {
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "3");
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Enter);
    let Screen::Detail(det) = &d.app.screen else {
        panic!("the report's lines")
    };
    let row = det.lines.iter().position(|(l, _)| l.item == item).unwrap();
    for _ in 0..row {
        press(&mut d.app, KeyCode::Down);
    }
}

fn detail_line(app: &App, item: &str) -> (Option<String>, String) {
    let Screen::Detail(det) = &app.screen else {
        panic!("the report's lines")
    };
    let (l, issued) = det.lines.iter().find(|(l, _)| l.item == item).unwrap();
    (l.reason.clone(), issued.to_string())
}

#[test]
fn a_scrap_correction_is_bounded_by_the_lines_scrap_and_worded_by_its_sign() {
    let mut d = demo();
    lead_on_posted_line(&mut d, "OR-20");
    // No scrap on the line yet: a correction of 1 is refused, nothing posted.
    press(&mut d.app, KeyCode::Char('a'));
    type_text(&mut d.app, "-1");
    press(&mut d.app, KeyCode::Enter);
    let s = screen_at(&d.app, 120, 40);
    assert!(
        s.contains("Reason for returning 1 scrapped on line 40.40"),
        "{s}"
    );
    type_text(&mut d.app, "COUNT");
    press(&mut d.app, KeyCode::Enter);
    let said = d.app.status.clone().unwrap().0;
    assert_eq!(
        said,
        "correction 1: exceeds the 0 scrap line 40.40 has so far; unused material goes back as a return"
    );
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(detail_line(&d.app, "OR-20"), (None, "7".into()));
    // 2 more scrap, then 1 of it back: the Reason column follows the latest.
    press(&mut d.app, KeyCode::Char('a'));
    type_text(&mut d.app, "2");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen_at(&d.app, 80, 24).contains("Reason for 2 more scrap on line 40.40"));
    type_text(&mut d.app, "DAMAGED");
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(
        detail_line(&d.app, "OR-20"),
        (Some("DAMAGED".into()), "9".into())
    );
    press(&mut d.app, KeyCode::Char('a'));
    type_text(&mut d.app, "-1");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "COUNT");
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(
        detail_line(&d.app, "OR-20"),
        (Some("COUNT".into()), "8".into())
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        let row = s.lines().find(|l| l.contains("OR-20")).unwrap();
        assert!(row.contains("COUNT"), "{w}×{h}: {row}");
    }
}

#[test]
fn esc_on_an_overrides_reason_takes_the_change_back_one_step() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    let planned = statuses(&d.app);
    press(&mut d.app, KeyCode::Char('e'));
    type_text(&mut d.app, "3");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen_at(&d.app, 80, 24).contains("Esc: back"));
    // Esc: back to the quantity, as typed, and the line as it was.
    press(&mut d.app, KeyCode::Esc);
    let Some(Overlay::Prompt { field, title, .. }) = d.app.overlays.last() else {
        panic!("the quantity prompt")
    };
    assert!(title.starts_with("Quantity to issue, line"), "{title}");
    assert_eq!(field.text, "3");
    assert!(report(&d.app).overrides.is_empty());
    press(&mut d.app, KeyCode::Esc);
    assert!(d.app.overlays.is_empty());
    // A skip's reason list says "Esc: cancel": Esc cancels the skip.
    press(&mut d.app, KeyCode::Char('k'));
    assert_eq!(statuses(&d.app)[0], "skipped");
    for (w, h) in [(80, 24), (120, 40)] {
        assert!(screen_at(&d.app, w, h).contains("Esc: cancel"));
    }
    press(&mut d.app, KeyCode::Esc);
    assert!(d.app.overlays.is_empty());
    assert_eq!(statuses(&d.app), planned);
    assert!(report(&d.app).overrides.is_empty());
}

#[test]
fn esc_on_a_reversals_confirmation_keeps_the_reason_typed() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "3");
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Char('x'));
    type_text(&mut d.app, "wrong order");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Confirm { .. })
    ));
    press(&mut d.app, KeyCode::Esc);
    let Some(Overlay::Prompt { field, .. }) = d.app.overlays.last() else {
        panic!("back to the reason")
    };
    assert_eq!(field.text, "wrong order");
    for (w, h) in [(80, 24), (120, 40)] {
        assert!(screen_at(&d.app, w, h).contains("wrong order▏"));
    }
    // Typing goes on from it.
    type_text(&mut d.app, " 1005");
    press(&mut d.app, KeyCode::Enter);
    let s = screen_at(&d.app, 120, 40);
    assert!(s.contains("Reason: wrong order 1005"), "{s}");
}

#[test]
fn an_operators_cancel_of_a_deferred_line_names_what_they_may_not_do() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "9");
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    press(&mut d.app, KeyCode::F(7));
    press(&mut d.app, KeyCode::Char('c'));
    press(&mut d.app, KeyCode::Enter);
    let Some(Overlay::Prompt { error: Some(e), .. }) = d.app.overlays.last() else {
        panic!("a lead is asked for")
    };
    assert!(
        e.starts_with("1001 (operator) may not cancel a deferred line"),
        "{e}"
    );
}
