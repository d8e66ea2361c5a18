//! What matters fits the screen: text cut with `…`, lists that scroll with markers and keys,
//! the board's columns, money to the cent, and the pictures beside the numbers — at 80×24
//! and 120×40, on a real store holding the demo plant.

#![allow(clippy::unwrap_used)]

mod common;

use common::tui::{demo, login, open_report, press, screen_at, type_text};
use crossterm::event::KeyCode;

use backflush::tui::app::{App, Screen, Severity};

fn row<'a>(s: &'a str, needle: &str) -> &'a str {
    s.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{s}"))
}

fn post_report(app: &mut App, order: &str, good: &str) {
    open_report(app, order);
    type_text(app, good);
    for _ in 0..3 {
        press(app, KeyCode::Enter);
    }
    app.open_orders();
}

#[test]
fn a_message_longer_than_the_status_line_takes_more_rows_and_past_three_ends_with_an_ellipsis() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    type_text(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    let (said, _) = d.app.status.clone().unwrap();
    assert!(said.len() > 80, "{said}");
    // At 80 columns the refusal takes two rows above the footer, whole.
    let s = screen_at(&d.app, 80, 24);
    let rows: Vec<&str> = s.lines().collect();
    assert_eq!(
        rows[21].trim_end(),
        " 3001 (handler) may not report production; it needs the role operator, lead or",
        "{s}"
    );
    assert_eq!(rows[22].trim_end(), " admin", "{s}");
    assert!(rows[20].starts_with('╰'), "{s}");
    // At 120 columns it fits one row.
    let wide = screen_at(&d.app, 120, 40);
    let rows: Vec<&str> = wide.lines().collect();
    assert!(
        rows[38].contains("it needs the role operator, lead or admin"),
        "{wide}"
    );
    // A message longer than three rows shows three, the last ending with `…`.
    let long = "word ".repeat(80);
    d.app.status = Some((long.trim_end().to_string(), Severity::Error));
    let s = screen_at(&d.app, 80, 24);
    let rows: Vec<&str> = s.lines().collect();
    assert!(rows[19].starts_with('╰'), "{s}");
    assert!(rows[20].trim_end().ends_with("word"), "{s}");
    assert!(rows[22].trim_end().ends_with('…'), "{s}");
    assert!(rows[23].contains("Esc"), "{s}");
}

#[test]
fn the_board_keeps_its_description_after_a_deferral_and_tells_the_pumps_apart() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    let before = screen_at(&d.app, 80, 24);
    let header = |s: &str| row(s, "│ Order").find("Left").unwrap();
    post_report(&mut d.app, "WO-1006", "9");
    let after = screen_at(&d.app, 80, 24);
    assert_eq!(header(&before), header(&after), "{before}\n{after}");
    let pump = row(&after, "WO-1006");
    assert!(pump.contains("…two-speed with ho…"), "{after}");
    assert!(pump.contains("2 waiting"), "{after}");
    assert!(row(&after, "WO-1005").contains("…single-speed"), "{after}");
    // At 120 columns the description takes the free space, cut with `…` where it must be.
    let wide = screen_at(&d.app, 120, 40);
    assert!(
        row(&wide, "WO-1005").contains("Hydraulic hand pump 700 bar single-s…"),
        "{wide}"
    );
}

#[test]
fn every_work_center_names_each_orders_work_center_and_how_many_it_can_build() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    press(&mut d.app, KeyCode::F(2));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        assert!(row(&s, "│ Order").contains("Work ctr"), "{s}");
        assert!(row(&s, "│ Order").contains("Can build"), "{s}");
        assert!(row(&s, "WO-1001").contains("WC-CNC"), "{s}");
        assert!(row(&s, "WO-1004").contains("WC-WLD"), "{s}");
        // The handle levers wait for tubes: none can be built.
        assert!(
            row(&s, "WO-1004").trim_end_matches('│').ends_with(" 0"),
            "{s}"
        );
        assert!(!s.contains("SHORT"), "{s}");
    }
}

#[test]
fn an_order_of_another_work_center_says_whose_it_is() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    type_text(&mut d.app, "WO-1001");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Report(_)));
    let (said, severity) = d.app.status.clone().unwrap();
    assert_eq!(
        said,
        "WO-1001 is an order of work center WC-CNC, not of WC-ASM"
    );
    assert_eq!(severity, Severity::Info);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        assert!(row(&s, "WO-1001").contains("at WC-CNC"), "{s}");
    }
}

#[test]
fn the_variance_scrolls_with_markers_and_keys_and_shows_cost_and_flushed_good_at_80() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1005", "3");
    type_text(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(8));
    let s = screen_at(&d.app, 80, 24);
    assert!(s.contains("↓ 2 more"), "{s}");
    assert!(!s.contains("BOX-1"), "{s}");
    assert!(row(&s, "Line").contains("Cost"), "{s}");
    assert!(row(&s, "GR-EP2").contains("-0.20"), "{s}");
    assert!(row(&s, "GR-EP2").contains("████"), "{s}");
    // Operation 10 is flushed by count point 20: it shows the 3 reported through it.
    let op10 = row(&s, "│10    WC-ASM");
    assert!(op10.contains("██░░░░░░░░"), "{s}");
    assert!(
        op10.trim_end_matches('│')
            .trim_end()
            .ends_with("3        0       17"),
        "{s}"
    );
    assert!(s.contains("variance -0.20"), "{s}");
    // One PgDn brings the rest in view; End and Home go to the ends.
    press(&mut d.app, KeyCode::PageDown);
    let paged = screen_at(&d.app, 80, 24);
    assert!(paged.contains("LBL-100"), "{paged}");
    press(&mut d.app, KeyCode::End);
    let end = screen_at(&d.app, 80, 24);
    assert!(end.contains("BOX-1") && end.contains("↑ 2 more"), "{end}");
    assert!(!end.contains("↓ 2 more"), "{end}");
    press(&mut d.app, KeyCode::Home);
    assert!(screen_at(&d.app, 80, 24).contains("↓ 2 more"));
    // At 120×40 every line shows: no marker.
    let wide = screen_at(&d.app, 120, 40);
    assert!(wide.contains("BOX-1") && !wide.contains("more╯"), "{wide}");
}

#[test]
fn the_health_scrolls_with_markers_and_draws_the_discrepancy() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "9");
    press(&mut d.app, KeyCode::F(9));
    let s = screen_at(&d.app, 80, 24);
    assert!(s.contains("↓ 7 more"), "{s}");
    assert!(row(&s, "BALL-6").contains("0% ░░░░░"), "{s}");
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::End);
    let end = screen_at(&d.app, 80, 24);
    assert!(end.contains("WIRE-08") && end.contains("↑ 7 more"), "{end}");
}

#[test]
fn money_shows_two_decimals_and_labor_says_it_includes_overhead() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1012");
    type_text(&mut d.app, "5");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        assert!(s.contains("labor + overhead 145.60"), "{s}");
        assert!(s.contains("material std 591.50"), "{s}");
    }
}

#[test]
fn a_non_stock_line_has_no_on_hand() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "1");
    let s = screen_at(&d.app, 120, 40);
    let grease = row(&s, "GR-EP2");
    assert!(grease.contains("—              —"), "{s}");
}

#[test]
fn a_help_longer_than_the_screen_pages_and_says_so() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::F(1));
    let s = screen_at(&d.app, 80, 24);
    assert!(!s.contains("log out"), "{s}");
    assert!(s.contains("more╯"), "{s}");
    // The status bar and the footer stay in view.
    assert!(s.lines().next().unwrap().contains("Ana Novak"), "{s}");
    press(&mut d.app, KeyCode::End);
    let end = screen_at(&d.app, 80, 24);
    assert!(end.contains("C-l  log out") && end.contains("↑ "), "{end}");
    press(&mut d.app, KeyCode::PageUp);
    press(&mut d.app, KeyCode::Home);
    let top = screen_at(&d.app, 80, 24);
    assert!(
        top.contains("Tab  move between good, scrap and the lines"),
        "{top}"
    );
    // At 120×40 the whole help shows.
    assert!(screen_at(&d.app, 120, 40).contains("C-l  log out"));
    press(&mut d.app, KeyCode::Esc);
    assert!(d.app.overlays.is_empty());
}

/// WO-1005 with 3 good and the lines focused on the line `downs` rows below the first.
fn wo1005_line(app: &mut App, downs: usize) {
    login(app, "1001", "1234");
    open_report(app, "WO-1005");
    type_text(app, "3");
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    for _ in 0..downs {
        press(app, KeyCode::Down);
    }
}

#[test]
fn the_explanation_shows_the_lots_fefo_takes_and_the_expired_lot_skipped_at_80() {
    let mut d = demo();
    wo1005_line(&mut d.app, 11);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        let flat: String = s
            .lines()
            .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains(
                "lots OIL-2609 2.835 (FEFO: earliest expiry first; expired OIL-2603 skipped)."
            ),
            "{s}"
        );
        // The table gives way but keeps the line explained in view.
        assert!(row(&s, "HO-46").contains("2.835"), "{s}");
    }
}

#[test]
fn a_manual_lines_guidance_shows_whole_at_80() {
    let mut d = demo();
    wo1005_line(&mut d.app, 10);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        assert!(
            s.contains("a: issue the planned 0.03 KG by hand; e:"),
            "{s}"
        );
        assert!(s.contains("another quantity."), "{s}");
    }
}

#[test]
fn the_lots_named_for_a_line_show_in_its_row() {
    let mut d = demo();
    wo1005_line(&mut d.app, 11);
    press(&mut d.app, KeyCode::Char('o'));
    type_text(&mut d.app, "OIL-2611");
    press(&mut d.app, KeyCode::Enter);
    assert!(d.app.overlays.is_empty());
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        let oil = row(&s, "HO-46");
        assert!(oil.contains("2.835       0 L    OIL-2611"), "{s}");
    }
    // Two lots named: the row says how many.
    press(&mut d.app, KeyCode::Char('o'));
    type_text(&mut d.app, "OIL-2611:2,OIL-2609:0.835");
    press(&mut d.app, KeyCode::Enter);
    let s = screen_at(&d.app, 80, 24);
    assert!(row(&s, "HO-46").contains("0 L    2 lots"), "{s}");
}

#[test]
fn a_summary_longer_than_its_rows_ends_with_an_ellipsis() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "3");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Char('f'));
    type_text(
        &mut d.app,
        "HP200-NIGHT-SHIFT-BATCH-2026-12-07-A-LINE-3-CELL-B",
    );
    press(&mut d.app, KeyCode::Enter);
    assert!(d.app.overlays.is_empty(), "{}", screen_at(&d.app, 80, 24));
    let s = screen_at(&d.app, 80, 24);
    let last = s.lines().nth(20).unwrap();
    assert!(last.contains("material std"), "{s}");
    assert!(last.trim_end_matches('│').trim_end().ends_with('…'), "{s}");
    let wide = screen_at(&d.app, 120, 40);
    let summary = row(&wide, "│ Labor 2.15 h");
    assert!(
        summary
            .trim_end_matches('│')
            .trim_end()
            .ends_with("material std…"),
        "{wide}"
    );
}

#[test]
fn the_footer_names_the_keys_that_fit_and_then_f1_more() {
    let mut d = demo();
    wo1005_line(&mut d.app, 0);
    let s = screen_at(&d.app, 80, 24);
    let footer = s.lines().last().unwrap().trim_end();
    assert_eq!(
        footer,
        "Tab field  Enter post  e qty  s scrap  l from  k skip  q quit  F1 more"
    );
    // At 120 columns every key of the screen has room: help first, nothing more to see.
    let wide = screen_at(&d.app, 120, 40);
    let footer = wide.lines().last().unwrap().trim_end();
    assert!(footer.starts_with("F1 help  Tab field"), "{wide}");
    assert!(
        footer.contains("a by hand  o lots  f FG lot  r reset  Esc back  q quit"),
        "{wide}"
    );
    assert!(!footer.contains("more"), "{wide}");
}

#[test]
fn the_serial_pick_lists_space_is_in_its_footer_and_its_help() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "3");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    for _ in 0..16 {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('a'));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        let footer = s.lines().last().unwrap().trim_end();
        assert_eq!(footer, "F1 help  Space mark  Enter take  Esc cancel", "{s}");
    }
    press(&mut d.app, KeyCode::F(1));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        assert!(
            s.contains("Space  mark or unmark the highlighted serial"),
            "{s}"
        );
    }
    // Esc closes the help and the list is still there, Space marking as before.
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Char(' '));
    let s = screen_at(&d.app, 80, 24);
    assert!(s.contains("1 of 3 marked: G7-0001"), "{s}");
}

#[test]
fn a_lines_on_hand_counts_usable_lots_and_shows_the_expired_apart() {
    let mut d = demo();
    wo1005_line(&mut d.app, 11);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        assert!(
            row(&s, "HO-46").contains("M-ASM    60 (+8)    2.835"),
            "{s}"
        );
        let flat: String = s
            .lines()
            .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains(
                "(machine location of work center WC-ASM), 60 on hand (+8 expired) · lots"
            ),
            "{s}"
        );
    }
}

#[test]
fn the_counts_lot_list_marks_the_expired_lot() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('c'));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_at(&d.app, w, h);
        assert!(s.contains("Count which lot of HO-46 at M-ASM?"), "{s}");
        // The row wraps at 80 columns: the mark ends it on the next line.
        let lines: Vec<&str> = s.lines().collect();
        let at = lines.iter().position(|l| l.contains("OIL-2603")).unwrap();
        let both = format!("{} {}", lines[at], lines[at + 1]);
        assert!(both.contains("8 on hand · expires 2026-09-30 ·"), "{s}");
        assert!(both.contains("expired"), "{s}");
        assert!(!row(&s, "OIL-2609").contains("expired"), "{s}");
    }
}
