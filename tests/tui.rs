//! The terminal through ratatui's TestBackend: key → state, and what each screen shows, on a
//! real store holding the demo plant (no mocks).

#![allow(clippy::unwrap_used)]

mod common;

use backflush::config::Config;
use backflush::domain::qty::Quantity;
use backflush::service::Service;
use backflush::tui::app::{App, Focus, Overlay, PromptKind, Screen};
use backflush::tui::theme::Theme;
use backflush::tui::ui;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use rusqlite::trace::TraceEventCodes;
use std::cell::Cell;

struct Demo {
    _dir: tempfile::TempDir,
    app: App,
}

fn demo() -> Demo {
    demo_at("WC-ASM")
}

fn demo_at(work_center: &str) -> Demo {
    demo_speaking(work_center, "en")
}

/// The demo at `work_center`, the terminal's own language `language` (whatever the locale of
/// the machine running the tests).
fn demo_speaking(work_center: &str, language: &str) -> Demo {
    let mut config = Config::default();
    config.terminal.id = "T1".into();
    config.terminal.work_center = work_center.into();
    config.terminal.language = language.into();
    let (dir, service) = common::demo(config);
    let theme = Theme::new(backflush::config::ThemeName::Default, false);
    let app = App::new(service, theme).unwrap();
    Demo { _dir: dir, app }
}

/// Dates every report eleven minutes back: past the demo's `undo_minutes`, so an operator's
/// reversal needs a lead.
fn age_reports(d: &Demo) {
    let conn = rusqlite::Connection::open(d._dir.path().join("demo.db")).unwrap();
    let at = (chrono::Utc::now() - chrono::Duration::minutes(11))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    conn.execute("UPDATE reports SET at = ?1", [at]).unwrap();
}

/// One key, then the work the event loop does between frames.
fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::from(code));
    while app.pending_work() {}
}

/// Tab from good past scrap to the lines, where the line keys act.
fn to_lines(app: &mut App) {
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    assert!(matches!(&app.screen, Screen::Report(r) if r.focus == Focus::Lines));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn login(app: &mut App, badge: &str, pin: &str) {
    type_text(app, badge);
    press(app, KeyCode::Enter);
    type_text(app, pin);
    press(app, KeyCode::Enter);
}

thread_local! {
    /// The statements run on the stores this test's thread counts (see [`queries_run`]).
    static QUERIES: Cell<usize> = const { Cell::new(0) };
}

fn count_query(_: rusqlite::trace::TraceEvent<'_>) {
    QUERIES.with(|q| q.set(q.get() + 1));
}

/// How many SQL statements `f` runs on the store of `app`, counted by SQLite itself as each
/// statement starts (a test runs on one thread, and so do its store's statements).
fn queries_run(app: &App, f: impl FnOnce()) -> usize {
    app.service
        .conn()
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(count_query));
    let before = QUERIES.with(Cell::get);
    f();
    QUERIES.with(Cell::get) - before
}

/// One frame of `app`; every frame of every test reads nothing from the store: what a screen
/// shows was read when it opened.
fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let queries = queries_run(app, || {
        terminal.draw(|f| ui::render(app, f)).unwrap();
    });
    assert_eq!(
        queries,
        0,
        "a frame ran {queries} store queries:\n{}",
        screen_text(&terminal)
    );
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        // A wide character (Chinese: two cells) covers the cell after it: that one is not text.
        let mut covered = false;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if !std::mem::take(&mut covered) {
                out.push_str(symbol);
                covered = unicode_width::UnicodeWidthStr::width(symbol) == 2;
            }
        }
        out.push('\n');
    }
    out
}

fn screen(app: &App) -> String {
    screen_text(&draw(app, 100, 30))
}

/// Position of the first cell of `needle` on screen.
fn find(terminal: &Terminal<TestBackend>, needle: &str) -> (u16, u16) {
    let text = screen_text(terminal);
    for (y, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
        }
    }
    panic!("{needle:?} not on screen:\n{text}");
}

fn open_report(app: &mut App, order: &str) {
    type_text(app, order);
    press(app, KeyCode::Enter);
    if matches!(app.screen, Screen::Operations(_)) {
        press(app, KeyCode::Enter);
    }
    assert!(matches!(app.screen, Screen::Report(_)), "{}", screen(app));
}

/// Opens `order`, types `good`, posts (Enter asks, Enter posts) and closes the result.
fn post_report(app: &mut App, order: &str, good: &str) {
    open_report(app, order);
    type_text(app, good);
    for _ in 0..3 {
        press(app, KeyCode::Enter);
    }
}

/// Answers the lead-approval prompts with the demo lead's badge and PIN.
fn approve_as_lead(app: &mut App) {
    type_text(app, "2001");
    press(app, KeyCode::Enter);
    type_text(app, "2222");
    press(app, KeyCode::Enter);
}

fn report_count(app: &App) -> usize {
    app.service.history(None, 100).unwrap().len()
}

#[test]
fn login_refuses_a_wrong_pin_and_accepts_the_right_one() {
    let mut d = demo();
    assert!(screen(&d.app).contains("Log in"));
    assert!(screen(&d.app).contains("not logged in"));
    login(&mut d.app, "1001", "9999");
    assert!(matches!(d.app.screen, Screen::Login(_)));
    assert!(
        screen(&d.app).contains("wrong PIN for badge 1001"),
        "{}",
        screen(&d.app)
    );
    type_text(&mut d.app, "1234");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(matches!(d.app.screen, Screen::Orders(_)), "{s}");
    assert!(s.contains("Ana Novak (1001, operator)"), "{s}");
    assert!(s.contains("WC-ASM Assembly and test line"), "{s}");
}

#[test]
fn the_order_board_flags_short_orders_in_the_error_colour() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    let terminal = draw(&d.app, 100, 30);
    let s = screen_text(&terminal);
    assert!(s.contains("WO-1005") && s.contains("WO-1006"), "{s}");
    assert!(
        !s.contains("WO-1001"),
        "CNC orders are not on the assembly board:\n{s}"
    );
    // WO-1006 can build 4 of its 10 (the plungers and seals run out): a number short of
    // what is left reads yellow.
    let row = s.lines().find(|l| l.contains("WO-1006")).unwrap();
    assert!(row.trim_end_matches('│').trim_end().ends_with(" 4"), "{s}");
    let (_, y) = find(&terminal, "WO-1006");
    let (x, _) = find(&terminal, "Can build");
    let cell = &terminal.backend().buffer()[(x + 8, y)];
    assert_eq!(cell.symbol(), "4");
    assert_eq!(
        cell.fg,
        Color::Yellow,
        "an order that cannot build all it has left"
    );
    // All work centers, then back.
    press(&mut d.app, KeyCode::F(2));
    assert!(screen(&d.app).contains("WO-1001"));
    press(&mut d.app, KeyCode::F(2));
    assert!(!screen(&d.app).contains("WO-1001"));
}

#[test]
fn typing_on_the_board_narrows_the_list_and_never_presses_a_command() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    let work_center = d.app.work_center;
    // Letters that used to be commands (w: next work center, h: history) are typed.
    type_text(&mut d.app, "hp-200");
    assert_eq!(d.app.work_center, work_center, "no command ran");
    assert!(matches!(d.app.screen, Screen::Orders(_)));
    let s = screen(&d.app);
    assert!(s.contains("Order: hp-200"), "{s}");
    assert!(s.contains("WO-1006") && s.contains("WO-1011"), "{s}");
    assert!(!s.contains("WO-1005"), "{s}");
    press(&mut d.app, KeyCode::Esc);
    assert!(screen(&d.app).contains("WO-1005"));
}

#[test]
fn a_lowercase_scan_opens_its_order() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    type_text(&mut d.app, "wo-1005");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("WO-1005"), "{s}");
    assert!(
        !matches!(d.app.screen, Screen::Orders(_)),
        "the order opened: {s}"
    );
}

#[test]
fn the_last_digits_find_the_order_and_an_ambiguous_ending_says_so() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    type_text(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Enter);
    assert!(
        !matches!(d.app.screen, Screen::Orders(_)),
        "{}",
        screen(&d.app)
    );
    assert!(screen(&d.app).contains("WO-1005"));
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);
    // "1" ends several order numbers: nothing opens, and the message names some of them.
    type_text(&mut d.app, "1");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(matches!(d.app.screen, Screen::Orders(_)), "{s}");
    assert!(s.contains("type more of it"), "{s}");
    type_text(&mut d.app, "WO-9999");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("order WO-9999 not found"));
}

#[test]
fn a_whole_report_with_an_override_posts_once() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1012");
    type_text(&mut d.app, "5");
    let s = screen(&d.app);
    assert!(s.contains("OR-20"), "{s}");
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    let line = r
        .plan
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| l.line == "40.40")
        .unwrap();
    assert_eq!(
        r.plan.as_ref().unwrap().lines[line].planned.to_string(),
        "11"
    );
    // Select the O-ring line and override it.
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    for _ in 0..line {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('e'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    type_text(&mut d.app, "12");
    press(&mut d.app, KeyCode::Enter);
    // The override asks its reason; Enter takes the first of the list.
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt {
            kind: PromptKind::OverrideReason { .. },
            ..
        })
    ));
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("issue*"), "an overridden line is marked:\n{s}");
    assert!(
        s.contains("target(5) = 11 (0 decimals)"),
        "the detail pane explains the line:\n{s}"
    );
    // Enter asks, Enter asks again about the manual line left at 0, Enter posts: one report.
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("Post this report?"));
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("Post without the manual lines?"));
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("Report 1 posted for order WO-1012"), "{s}");
    // What was posted stays on the board's message line, and Enter pressed once too often
    // opens nothing: the next order is chosen with a move or a scan first.
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(report_count(&d.app), 1);
    assert!(d.app.overlays.is_empty());
    assert!(
        matches!(d.app.screen, Screen::Orders(_)),
        "{}",
        screen(&d.app)
    );
    for (w, h) in SIZES {
        // The message rows: between the board's bottom border and the footer, read whole
        // even where one row cannot hold them.
        let text = screen_text(&draw(&d.app, w, h));
        let rows: Vec<&str> = text.lines().collect();
        let border = rows.iter().rposition(|r| r.starts_with('╰')).unwrap();
        let message = rows[border + 1..rows.len() - 1]
            .iter()
            .map(|r| r.trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            message.starts_with("Report 1 posted for order WO-1012.")
                && message.ends_with("variance -0.21"),
            "{text}"
        );
    }
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::Enter);
    assert!(
        !matches!(d.app.screen, Screen::Orders(_)),
        "a move, then Enter opens"
    );
    let stock = d
        .app
        .service
        .stock(Some(&"M-ASM".into()), Some(&"OR-20".into()))
        .unwrap();
    assert_eq!(stock[0].qty.to_string(), "288", "300 − 12");
}

#[test]
fn posting_the_same_preview_twice_posts_once() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2");
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    let key = r.key.clone();
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    assert_eq!(report_count(&d.app), 1);
    // The same idempotency key again (a second terminal pass, a retried Enter).
    let again = d
        .app
        .service
        .report(
            "WO-1005",
            &common::req(20, "2", "0"),
            Some(&key),
            &common::operator(),
        )
        .unwrap();
    assert!(again.repeated);
    assert_eq!(report_count(&d.app), 1);
}

#[test]
fn bad_quantities_show_inline_and_never_post() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2.5");
    let s = screen(&d.app);
    assert!(s.contains("good 2.5: the unit allows 0 decimals"), "{s}");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("cannot post"));
    assert!(d.app.overlays.is_empty());
    // Letters never enter a number field.
    press(&mut d.app, KeyCode::Backspace);
    press(&mut d.app, KeyCode::Backspace);
    type_text(&mut d.app, "x");
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    assert_eq!(r.good.text, "2");
    // Over the order quantity.
    type_text(&mut d.app, "00");
    assert!(
        screen(&d.app).contains("over the limit of 20"),
        "{}",
        screen(&d.app)
    );
    assert_eq!(report_count(&d.app), 0);
}

#[test]
fn a_report_at_a_non_count_point_is_refused_with_the_covering_one() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    type_text(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Operations(_)));
    press(&mut d.app, KeyCode::Up);
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("operation 10 is not a count point; its lines are reported at operation 20"),
        "{s}"
    );
}

#[test]
fn skip_and_reset_and_location_change_a_line() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "1");
    to_lines(&mut d.app);
    press(&mut d.app, KeyCode::Char('k'));
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    assert_eq!(r.plan.as_ref().unwrap().lines[0].status.as_str(), "skipped");
    // The skip asks its reason (Esc: later, at posting).
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Char('r'));
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    assert_eq!(r.plan.as_ref().unwrap().lines[0].status.as_str(), "issue");
    press(&mut d.app, KeyCode::Char('l'));
    type_text(&mut d.app, "NOWHERE");
    press(&mut d.app, KeyCode::Enter);
    // Checked at its own prompt, which stays open with the reason.
    assert!(screen(&d.app).contains("unknown location NOWHERE"));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    for _ in 0.."NOWHERE".len() {
        press(&mut d.app, KeyCode::Backspace);
    }
    type_text(&mut d.app, "ST-COMP");
    press(&mut d.app, KeyCode::Enter);
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    let first = &r.plan.as_ref().unwrap().lines[0];
    assert_eq!(first.location, "ST-COMP");
    assert!(first.overridden);
}

#[test]
fn changing_good_recalculates_lines_without_overrides_only() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2");
    to_lines(&mut d.app);
    press(&mut d.app, KeyCode::Char('e'));
    type_text(&mut d.app, "3");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    let Screen::Report(r) = &mut d.app.screen else {
        panic!()
    };
    r.focus = Focus::Good;
    type_text(&mut d.app, "0");
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    let plan = r.plan.as_ref().unwrap();
    assert_eq!(plan.good.to_string(), "20");
    assert_eq!(
        plan.lines[0].qty.to_string(),
        "3",
        "the overridden line keeps its value"
    );
    assert_eq!(plan.lines[1].qty.to_string(), "20");
}

#[test]
fn help_lists_every_key_of_the_screen_from_the_keymap() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::F(1));
    let s = screen(&d.app);
    for b in backflush::tui::keymap::bindings(backflush::tui::keymap::Context::Report) {
        assert!(s.contains(&b.desc()), "help lacks {:?}:\n{s}", b.desc());
    }
    press(&mut d.app, KeyCode::Esc);
    assert!(d.app.overlays.is_empty());
}

#[test]
fn quitting_an_edited_report_asks_first() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "1");
    to_lines(&mut d.app);
    press(&mut d.app, KeyCode::Char('q'));
    assert!(!d.app.should_quit);
    assert!(screen(&d.app).contains("Quit and lose it?"));
    press(&mut d.app, KeyCode::Esc);
    assert!(!d.app.should_quit);
    d.app
        .handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    press(&mut d.app, KeyCode::Enter);
    assert!(d.app.should_quit);
}

#[test]
fn an_operator_reverses_with_a_leads_badge_and_pin() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1005", "1");
    age_reports(&d);
    press(&mut d.app, KeyCode::F(4));
    assert!(screen(&d.app).contains("Reports, newest first (1)"));
    press(&mut d.app, KeyCode::Char('x'));
    type_text(&mut d.app, "wrong order");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("Reverse report 1?"),
        "a reversal asks first:\n{s}"
    );
    assert!(s.contains("Undo 1 good and 0 scrap"), "{s}");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("A lead must approve"), "{s}");
    approve_as_lead(&mut d.app);
    let s = screen(&d.app);
    assert!(s.contains("report 1 reversed"), "{s}");
    assert!(s.contains("reversed"), "{s}");
}

#[test]
fn every_screen_renders_from_80x24_up() {
    let mut d = demo();
    for (w, h) in [(80, 24), (120, 40), (40, 10)] {
        draw(&d.app, w, h);
    }
    login(&mut d.app, "1001", "1234");
    for (w, h) in [(80, 24), (120, 40), (20, 5)] {
        draw(&d.app, w, h);
    }
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "9");
    let t = draw(&d.app, 80, 24);
    let s = screen_text(&t);
    assert!(s.contains("deferred"), "{s}");
    let (x, y) = find(&t, "deferred");
    assert_eq!(
        t.backend().buffer()[(x, y)].fg,
        Color::Yellow,
        "deferred reads yellow"
    );
    assert!(
        s.lines().nth(23).unwrap().contains("Tab"),
        "the footer is on the last row:\n{s}"
    );
    for (w, h) in [(120, 40), (30, 8)] {
        draw(&d.app, w, h);
    }
    press(&mut d.app, KeyCode::Char('?'));
    draw(&d.app, 80, 24);
    draw(&d.app, 10, 4);
}

#[test]
fn no_color_keeps_meaning_in_modifiers() {
    let theme = Theme::new(backflush::config::ThemeName::Default, true);
    assert_eq!(theme.error.fg, None);
    assert!(
        theme
            .error
            .add_modifier
            .contains(ratatui::style::Modifier::BOLD)
    );
    let hc = Theme::new(backflush::config::ThemeName::HighContrast, false);
    assert_ne!(hc, Theme::new(backflush::config::ThemeName::Default, false));
}

#[test]
fn w_switches_the_work_center_and_the_board_follows() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    assert!(screen(&d.app).contains("WC-ASM"));
    // Work centers are ordered by code: WC-ASM, WC-CNC, WC-WLD.
    press(&mut d.app, KeyCode::F(3));
    let s = screen(&d.app);
    assert!(s.contains("WC-CNC CNC turning cell"), "{s}");
    assert!(s.contains("WO-1001") && !s.contains("WO-1005"), "{s}");
}

#[test]
fn an_idle_terminal_logs_out() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    let later = d.app.last_key + chrono::Duration::minutes(16);
    d.app.tick(later);
    assert!(matches!(d.app.screen, Screen::Login(_)));
    assert!(screen(&d.app).contains("logged out after being idle"));
}

#[test]
fn a_handler_cannot_open_a_report() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    type_text(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert!(!matches!(d.app.screen, Screen::Report(_)));
    assert!(
        screen(&d.app).contains("3001 (handler) may not report production"),
        "{}",
        screen(&d.app)
    );
}

#[test]
fn the_history_lists_reports_newest_first_with_their_state() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    for (order, good) in [("WO-1005", "1"), ("WO-1010", "2")] {
        open_report(&mut d.app, order);
        type_text(&mut d.app, good);
        press(&mut d.app, KeyCode::Enter);
        press(&mut d.app, KeyCode::Enter);
        press(&mut d.app, KeyCode::Enter);
    }
    press(&mut d.app, KeyCode::F(4));
    let s = screen(&d.app);
    let first = s.find("WO-1010").unwrap();
    let second = s.find("WO-1005").unwrap();
    assert!(first < second, "newest first:\n{s}");
    // A lead reverses without a second badge; the row then reads reversed.
    press(&mut d.app, KeyCode::Char('x'));
    type_text(&mut d.app, "keyed on the wrong order");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("report 2 reversed"), "{s}");
    press(&mut d.app, KeyCode::Char('x'));
    assert!(screen(&d.app).contains("report 2 is already reversed"));
}

#[test]
fn the_high_contrast_theme_renders_every_screen() {
    let (_dir, service) = common::demo(Config::default());
    let mut app = App::new(
        service,
        Theme::new(backflush::config::ThemeName::HighContrast, false),
    )
    .unwrap();
    login(&mut app, "1001", "1234");
    open_report(&mut app, "WO-1006");
    type_text(&mut app, "9");
    let t = draw(&app, 100, 30);
    let (x, y) = find(&t, "deferred");
    let cell = &t.backend().buffer()[(x, y)];
    assert_eq!(
        cell.bg,
        Color::LightYellow,
        "deferred stands out on a glaring screen"
    );
}

#[test]
fn an_override_the_engine_refuses_stays_in_its_prompt_and_changes_nothing() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2");
    to_lines(&mut d.app);
    press(&mut d.app, KeyCode::Char('e'));
    // A field that does not know the unit's decimals: the engine still refuses 1.5.
    if let Some(Overlay::Prompt { field, .. }) = d.app.overlays.last_mut() {
        field.decimals = None;
    }
    type_text(&mut d.app, "1.5");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("quantity to issue 1.5: the unit allows 0 decimals"),
        "{s}"
    );
    assert!(
        matches!(d.app.overlays.last(), Some(Overlay::Prompt { error: Some(e), .. })
            if e.contains("the unit allows 0 decimals")),
        "{s}"
    );
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    assert!(r.overrides.is_empty());
    assert!(r.problem.is_none());
    // A message lasts until the next key.
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Char('z'));
    press(&mut d.app, KeyCode::Down);
    assert!(!screen(&d.app).contains("does nothing here"));
}

#[test]
fn a_handler_stages_what_the_machine_location_is_short_of() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    let s = screen(&d.app);
    assert!(s.contains("Staging for WC-ASM"), "{s}");
    let Screen::Staging(st) = &d.app.screen else {
        panic!("{s}")
    };
    let row = st.rows.iter().position(|r| r.item == "PST-25").unwrap();
    assert_eq!(st.rows[row].bring.to_string(), "19");
    for _ in 0..row {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('t'));
    type_text(&mut d.app, "ST-COMP");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("How many PST-25 from ST-COMP to M-ASM"));
    press(&mut d.app, KeyCode::Enter);
    // Asked first, as a reversal is: nothing moves before Enter.
    let s = screen_text(&draw(&d.app, 80, 24));
    assert!(s.contains("Move this stock?"), "{s}");
    assert!(s.contains("Move 19 PST-25 from ST-COMP to M-ASM."), "{s}");
    let before = d
        .app
        .service
        .stock(Some(&"M-ASM".into()), Some(&"PST-25".into()))
        .unwrap();
    assert_eq!(before[0].qty.to_string(), "6");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("moved 19 PST-25 from ST-COMP to M-ASM"), "{s}");
    let Screen::Staging(st) = &d.app.screen else {
        panic!("{s}")
    };
    assert!(
        st.rows
            .iter()
            .find(|r| r.item == "PST-25")
            .unwrap()
            .bring
            .is_zero()
    );
    let on_hand = d
        .app
        .service
        .stock(Some(&"M-ASM".into()), Some(&"PST-25".into()))
        .unwrap();
    assert_eq!(on_hand[0].qty.to_string(), "25");
    // Not more than the store holds.
    press(&mut d.app, KeyCode::Char('t'));
    type_text(&mut d.app, "FG");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "5");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert!(
        screen(&d.app).contains("refused: only 0 on hand"),
        "{}",
        screen(&d.app)
    );
}

#[test]
fn an_operator_reads_the_staging_list_but_brings_nothing() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    press(&mut d.app, KeyCode::F(6));
    assert!(
        matches!(d.app.screen, Screen::Staging(_)),
        "{}",
        screen(&d.app)
    );
    press(&mut d.app, KeyCode::Char('t'));
    let s = screen(&d.app);
    assert!(
        s.contains("1001 (operator) may not move or count stock"),
        "{s}"
    );
    assert!(d.app.overlays.is_empty(), "nothing is asked");
}

#[test]
fn an_empty_store_says_how_to_get_a_plant() {
    let service = Service::with_store(
        backflush::store::Store::open_in_memory().unwrap(),
        Config::default(),
    );
    let app = App::new(
        service,
        Theme::new(backflush::config::ThemeName::Default, false),
    )
    .unwrap();
    let s = screen(&app);
    assert!(s.contains("This store holds no plant yet"), "{s}");
}

#[test]
fn before_any_unit_is_typed_the_report_lists_its_lines_without_numbers() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    let t = draw(&d.app, 100, 30);
    let s = screen_text(&t);
    assert!(s.contains("type the good quantity"), "{s}");
    let row = s
        .lines()
        .find(|l| l.contains("OR-20"))
        .expect("the O-ring line is listed");
    assert!(
        row.contains("M-ASM") && row.contains("300"),
        "location and on hand: {row}"
    );
    assert!(
        !row.contains("issue"),
        "no quantity or status before units are typed: {row}"
    );
    assert!(
        s.lines()
            .any(|l| l.contains("GR-EP2") && l.contains("manual")),
        "{s}"
    );
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("cannot post"));
    type_text(&mut d.app, "1");
    let row = screen(&d.app)
        .lines()
        .find(|l| l.contains("OR-20"))
        .unwrap()
        .to_string();
    assert!(row.contains("issue"), "{row}");
}

#[test]
fn the_exception_queue_shows_deferred_lines_and_a_lead_cancels_one() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "9");
    press(&mut d.app, KeyCode::F(7));
    let s = screen(&d.app);
    assert!(s.contains("Deferred lines at M-ASM (2)"), "{s}");
    assert!(s.contains("PST-25") && s.contains("SEAL-25"), "{s}");
    press(&mut d.app, KeyCode::Char('r'));
    assert!(screen(&d.app).contains("0 deferred lines posted, 2 still waiting"));
    press(&mut d.app, KeyCode::Char('c'));
    assert!(screen(&d.app).contains("Cancel this deferred line?"));
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("Deferred lines at M-ASM (1)"), "{s}");
    let statuses: Vec<String> = d
        .app
        .service
        .exceptions(false)
        .unwrap()
        .into_iter()
        .map(|e| e.status.to_string())
        .collect();
    assert_eq!(statuses, vec!["cancelled".to_string(), "open".to_string()]);
}

#[test]
fn deferred_lines_show_what_is_short_now_and_mark_the_lines_that_fit_now() {
    let mut d = demo();
    let lead = common::lead();
    // Two pumps of WO-1011 take 2 of the 6 PST-25 at M-ASM; then 5 of WO-1006 find 4 and
    // wait, 1 short; the first report reversed brings the 2 back: the line fits now.
    let first = d
        .app
        .service
        .report("WO-1011", &common::req(20, "2", "0"), None, &lead)
        .unwrap();
    d.app
        .service
        .report("WO-1006", &common::req(20, "5", "0"), None, &lead)
        .unwrap();
    d.app
        .service
        .reverse(first.report_id, "wrong order", &lead)
        .unwrap();
    login(&mut d.app, "2001", "2222");
    press(&mut d.app, KeyCode::F(7));
    let Screen::Exceptions(q) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let pst = q.rows.iter().find(|e| e.item == "PST-25").unwrap();
    assert_eq!(pst.shortfall.to_string(), "1", "short when it was deferred");
    let seal = q.rows.iter().find(|e| e.item == "SEAL-25").unwrap();
    assert_eq!(
        seal.shortfall.to_string(),
        "3",
        "short when it was deferred"
    );
    for (w, h) in SIZES {
        let text = screen_text(&draw(&d.app, w, h));
        assert!(text.contains("Short now"), "{text}");
        let cells = |item: &str| -> Vec<String> {
            row_of(&text, item)
                .split(['│', ' '])
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        };
        let pst = cells("PST-25");
        assert_eq!(pst[pst.len() - 3..], ["5", "0", "fits"], "{text}");
        // 4 on hand now for 5: short 1, not the 3 it lacked when deferred.
        let seal = cells("SEAL-25");
        assert_eq!(seal[seal.len() - 2..], ["5", "1"], "{text}");
    }
    snap(&d.app, "exception_queue_now");
}

#[test]
fn an_operator_needs_a_lead_to_cancel_a_deferred_line() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1006", "9");
    press(&mut d.app, KeyCode::F(7));
    press(&mut d.app, KeyCode::Char('r'));
    assert!(
        screen(&d.app)
            .contains("1001 (operator) may not move stock, count it or retry deferred lines")
    );
    press(&mut d.app, KeyCode::Char('c'));
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("A lead must approve"));
    approve_as_lead(&mut d.app);
    assert!(
        screen(&d.app).contains("Deferred lines at M-ASM (1)"),
        "{}",
        screen(&d.app)
    );
}

#[test]
fn a_lead_corrects_scrap_and_records_a_substitution_on_a_posted_line() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1005", "3");
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("Report 1 · WO-1005 op 20 · good 3 scrap 0"),
        "{s}"
    );
    let Screen::Detail(det) = &d.app.screen else {
        panic!("{s}")
    };
    let row = det
        .lines
        .iter()
        .position(|(l, _)| l.item == "OR-20")
        .unwrap();
    for _ in 0..row {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('a'));
    type_text(&mut d.app, "2");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("Reason for 2 more scrap on line"), "{s}");
    for code in ["DAMAGED", "SETUP", "QUALITY", "COUNT", "OTHER"] {
        assert!(s.contains(code), "the reasons are a pick list: {s}");
    }
    type_text(&mut d.app, "damaged");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("2 OR-20 scrap adjusted (DAMAGED)"), "{s}");
    let Screen::Detail(det) = &d.app.screen else {
        panic!("{s}")
    };
    assert_eq!(
        det.lines[row].1.to_string(),
        "9",
        "7 backflushed + 2 scrapped"
    );
    // A correction back, with a minus.
    press(&mut d.app, KeyCode::Char('a'));
    type_text(&mut d.app, "-1");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "COUNT");
    press(&mut d.app, KeyCode::Enter);
    let Screen::Detail(det) = &d.app.screen else {
        panic!()
    };
    assert_eq!(det.lines[row].1.to_string(), "8");
    // SEAL-12 substituted by SEAL-25, the same quantity by default.
    let seal = det
        .lines
        .iter()
        .position(|(l, _)| l.item == "SEAL-12")
        .unwrap();
    for _ in 0..row {
        press(&mut d.app, KeyCode::Up);
    }
    for _ in 0..seal {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('u'));
    type_text(&mut d.app, "SEAL-25");
    press(&mut d.app, KeyCode::Enter);
    assert!(
        screen(&d.app).contains("How many SEAL-12 go back (all 3 the line issued, or part)"),
        "{}",
        screen(&d.app)
    );
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("How many SEAL-25 were issued instead"));
    press(&mut d.app, KeyCode::Enter);
    // Asked first, as a reversal is.
    let s = screen_text(&draw(&d.app, 80, 24));
    assert!(s.contains("Record this substitution?"), "{s}");
    assert!(
        s.contains("Line 30 SEAL-12: 3 SEAL-12 go back to stock,"),
        "{s}"
    );
    assert!(s.contains("3 SEAL-25 are issued instead."), "{s}");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("3 SEAL-12 returned, 3 SEAL-25 issued"), "{s}");
    assert!(
        s.contains("SEAL-25 3"),
        "the line shows the substitute: {s}"
    );
    assert!(d.app.service.verify().unwrap().is_empty());
}

#[test]
fn an_operator_corrects_scrap_only_with_a_leads_approval() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1005", "3");
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Char('a'));
    type_text(&mut d.app, "1");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "SETUP");
    press(&mut d.app, KeyCode::Enter);
    assert!(
        screen(&d.app).contains("A lead must approve"),
        "{}",
        screen(&d.app)
    );
    approve_as_lead(&mut d.app);
    assert!(
        screen(&d.app).contains("scrap adjusted (SETUP)"),
        "{}",
        screen(&d.app)
    );
}

#[test]
fn a_handler_counts_an_item_at_the_machine_location() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    // The queue's first row is BDY-100 (30 on hand at M-ASM, 70 to bring, no use yet).
    press(&mut d.app, KeyCode::Char('c'));
    assert!(screen(&d.app).contains("Counted BDY-100 at M-ASM"));
    type_text(&mut d.app, "29");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("BDY-100 at M-ASM: book 30, counted 29."), "{s}");
    assert!(s.contains("Adjusted by -1 BDY-100."), "{s}");
    assert!(
        s.contains("Counts that found the book quantity: 0 of 1."),
        "{s}"
    );
    assert_eq!(
        d.app
            .service
            .stock(Some(&"M-ASM".into()), Some(&"BDY-100".into()))
            .unwrap()[0]
            .qty
            .to_string(),
        "29"
    );
}

#[test]
fn a_line_in_grams_shows_its_unit_and_explains_the_conversion_in_the_stock_unit() {
    let mut d = demo_at("WC-CNC");
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1003");
    type_text(&mut d.app, "3");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    assert_eq!(
        match &d.app.screen {
            Screen::Report(r) => r.focus,
            _ => Focus::Good,
        },
        Focus::Lines
    );
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Down);
    }
    let s = screen_text(&draw(&d.app, 120, 30));
    let resin = s
        .lines()
        .find(|l| l.contains("LT-243"))
        .expect("the resin line is listed");
    assert!(
        resin.contains("0.002") && resin.contains(" KG "),
        "planned and its unit in kg: {resin}"
    );
    let bar = s
        .lines()
        .find(|l| l.contains("RB-C45-12"))
        .expect("the bar line is listed");
    assert!(
        bar.contains("0.114") && bar.contains(" M "),
        "3 × 38 mm in m: {bar}"
    );
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("0.4 g × 3 = 1.2 g = 0.0012 KG → target(3) = 0.002 KG"),
        "{s}"
    );
    // At 80 columns the unit column still shows.
    let narrow = screen_text(&draw(&d.app, 80, 24));
    assert!(
        narrow
            .lines()
            .any(|l| l.contains("LT-243") && l.contains(" KG ")),
        "{narrow}"
    );
}

// ---------------------------------------------------------------------------------------------
// Whole-screen snapshots (insta) of every screen and overlay at 80×24 and 120×40. Volatile text
// (clock, dates, times, temp paths) is masked with filters of the same width, so the layout in
// the snapshot is the layout on screen.
// ---------------------------------------------------------------------------------------------

/// The snapshot sizes: the smallest supported terminal and a roomy one.
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshots `app` at every size in [`SIZES`] as `<name>_<w>x<h>`.
#[track_caller]
fn snap(app: &App, name: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    // Dates and times keep their width so the columns stay where they are.
    // The due dates are fixed demo data and stay; what comes from the clock is masked.
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
        "YYYY-MM-DDThh:mm:ssZ",
    );
    settings.add_filter(r"\b\d{2}-\d{2} \d{2}:\d{2}\b", "MM-DD hh:mm");
    settings.add_filter(r"\b\d{2}:\d{2}:\d{2}\b", "hh:mm:ss");
    settings.add_filter(r"\b\d{2}:\d{2}\b", "hh:mm");
    settings.add_filter(r"/tmp/\.tmp[A-Za-z0-9]+", "/tmp/.tmpXXXXXX");
    settings.bind(|| {
        for (w, h) in SIZES {
            let text = screen_text(&draw(app, w, h));
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
        }
    });
}

#[test]
fn snapshot_login() {
    let mut d = demo();
    snap(&d.app, "login");
    login(&mut d.app, "1001", "9999");
    snap(&d.app, "login_wrong_pin");
}

#[test]
fn snapshot_login_in_each_language() {
    for (tag, hint) in [
        ("de", "Ausweis scannen, dann PIN eingeben."),
        ("zh-CN", "请扫描工牌，再输入PIN。"),
    ] {
        let d = demo_speaking("WC-ASM", tag);
        let s = screen_text(&draw(&d.app, 80, 24));
        assert!(s.contains(hint), "{tag}: the whole hint fits:\n{s}");
        snap(&d.app, &format!("login_{tag}"));
    }
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    while app.pending_work() {}
}

#[test]
fn each_badge_reads_its_own_language_and_the_next_badge_switches_it() {
    let mut d = demo();
    login(&mut d.app, "1002", "4321");
    let s = screen(&d.app);
    assert!(s.contains("Ben Okafor (1002, Bediener)"), "{s}");
    assert!(s.contains("Willkommen, Ben Okafor (angemeldet)"), "{s}");
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Char('z'));
    let s = screen(&d.app);
    assert!(
        s.contains("'z' hat hier keine Funktion; ? zeigt die Tasten"),
        "{s}"
    );
    ctrl(&mut d.app, 'l');
    let s = screen(&d.app);
    assert!(s.contains("Log in") && s.contains("not logged in"), "{s}");
    login(&mut d.app, "1001", "1234");
    let s = screen(&d.app);
    assert!(s.contains("Ana Novak (1001, operator)"), "{s}");
    assert!(s.contains("welcome, Ana Novak (logged in)"), "{s}");
    ctrl(&mut d.app, 'l');
    login(&mut d.app, "1005", "5678");
    let s = screen(&d.app);
    assert!(s.contains("Li Wei (1005, 操作员)"), "{s}");
    assert!(s.contains("欢迎，Li Wei(已登录)"), "{s}");
}

#[test]
fn the_terminal_words_a_refusal_in_the_operators_language_and_numbers_with_its_comma() {
    let mut d = demo();
    login(&mut d.app, "1002", "4321");
    open_report(&mut d.app, "WO-1005");
    // A German field takes the comma and refuses the point.
    type_text(&mut d.app, "2.,5");
    let s = screen(&d.app);
    assert!(
        s.contains("Gutmenge 2,5: die Einheit erlaubt 0 Nachkommastellen"),
        "{s}"
    );
    let mut d = demo();
    login(&mut d.app, "1004", "1111");
    // Before login the terminal speaks its own language.
    assert!(screen(&d.app).contains("wrong PIN for badge 1004; 4 attempts left"));
}

#[test]
fn a_users_language_comes_from_users_csv_and_a_file_without_the_column_keeps_it() {
    let mut d = demo();
    let admin = backflush::service::Credentials {
        badge: Some("9001".into()),
        pin: Some("9999".into()),
        approver: None,
    };
    let import = |d: &mut Demo, users: &str| {
        let dir = d._dir.path().join("users");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("users.csv"), users).unwrap();
        d.app.service.import(&dir, &admin)
    };
    let speaks = |d: &mut Demo| {
        login(&mut d.app, "1002", "4321");
        let s = screen(&d.app);
        ctrl(&mut d.app, 'l');
        s
    };
    import(
        &mut d,
        "badge,name,role,pin,language\n9001,Plant Admin,admin,9999,\n1002,Ben Okafor,operator,4321,PL\n",
    )
    .unwrap();
    assert!(speaks(&mut d).contains("Ben Okafor (1002, operator)"));
    assert!(speaks(&mut d).contains("witaj, Ben Okafor (zalogowano)"));
    // A file without the column keeps what is stored.
    import(&mut d, "badge,name,role,pin\n1002,Ben Okafor,lead,4321\n").unwrap();
    assert!(speaks(&mut d).contains("Ben Okafor (1002, brygadzista)"));
    // Blank: the terminal's language.
    import(&mut d, "badge,role,pin,language\n1002,operator,4321,\n").unwrap();
    assert!(speaks(&mut d).contains("(1002, operator)"));
    // A language no catalog has is refused, naming the file, the line and the value.
    let refused = import(
        &mut d,
        "badge,role,pin,language\n1002,operator,4321,de\n1003,operator,3456,fr\n",
    )
    .unwrap_err();
    let said = backflush::words::describe(&refused);
    assert_eq!(
        said,
        "users.csv:3: language \"fr\" is not one of: de, en, es, pl, zh-CN"
    );
    assert!(
        speaks(&mut d).contains("(1002, operator)"),
        "nothing changed"
    );
}

#[test]
fn snapshot_empty_store() {
    // A fixed terminal id: without one the status bar shows the host name.
    let mut config = Config::default();
    config.terminal.id = "T1".into();
    config.terminal.language = "en".into();
    let service = Service::with_store(backflush::store::Store::open_in_memory().unwrap(), config);
    let app = App::new(
        service,
        Theme::new(backflush::config::ThemeName::Default, false),
    )
    .unwrap();
    snap(&app, "empty_store");
}

#[test]
fn snapshot_orders_board() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    snap(&d.app, "orders");
    press(&mut d.app, KeyCode::F(2));
    snap(&d.app, "orders_all_work_centers");
    press(&mut d.app, KeyCode::F(2));
    type_text(&mut d.app, "hp-200");
    snap(&d.app, "orders_filter");
}

#[test]
fn snapshot_help_overlay() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    // On the board `?` is typed into the order field; F1 is help everywhere.
    press(&mut d.app, KeyCode::F(1));
    assert!(matches!(d.app.overlays.last(), Some(Overlay::Help(_))));
    snap(&d.app, "help_orders");
    press(&mut d.app, KeyCode::Esc);
    open_report(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::F(1));
    assert!(matches!(d.app.overlays.last(), Some(Overlay::Help(_))));
    snap(&d.app, "help_report");
}

#[test]
fn snapshot_operations_list() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    type_text(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Operations(_)));
    snap(&d.app, "operations");
    press(&mut d.app, KeyCode::Up);
    press(&mut d.app, KeyCode::Enter);
    snap(&d.app, "operations_not_a_count_point");
}

#[test]
fn snapshot_report_screen() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    snap(&d.app, "report_empty");
    type_text(&mut d.app, "2.5");
    snap(&d.app, "report_bad_quantity");
    to_lines(&mut d.app);
    press(&mut d.app, KeyCode::Char('q'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Confirm { .. })
    ));
    snap(&d.app, "report_quit_confirm");
}

#[test]
fn snapshot_report_with_quantities_and_an_override() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1012");
    type_text(&mut d.app, "5");
    snap(&d.app, "report_quantities");
    let Screen::Report(r) = &d.app.screen else {
        panic!()
    };
    let line = r
        .plan
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| l.line == "40.40")
        .unwrap();
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    for _ in 0..line {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('e'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    snap(&d.app, "report_override_prompt");
    type_text(&mut d.app, "12");
    press(&mut d.app, KeyCode::Enter);
    snap(&d.app, "report_override_reason");
    press(&mut d.app, KeyCode::Enter);
    snap(&d.app, "report_override");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Confirm { .. })
    ));
    snap(&d.app, "report_post_confirm");
    press(&mut d.app, KeyCode::Enter);
    snap(&d.app, "report_post_manual_question");
    press(&mut d.app, KeyCode::Enter);
    // No box to close: what was posted stays on the board's message line.
    assert!(d.app.overlays.is_empty());
    assert!(matches!(d.app.screen, Screen::Orders(_)));
    snap(&d.app, "report_posted_board");
}

#[test]
fn snapshot_report_with_deferred_lines() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "9");
    snap(&d.app, "report_deferred");
}

#[test]
fn snapshot_history_and_a_reports_lines() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1005", "3");
    post_report(&mut d.app, "WO-1010", "2");
    age_reports(&d);
    press(&mut d.app, KeyCode::F(4));
    assert!(matches!(d.app.screen, Screen::History(_)));
    snap(&d.app, "history");
    press(&mut d.app, KeyCode::Char('x'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    snap(&d.app, "history_reverse_reason");
    type_text(&mut d.app, "wrong order");
    press(&mut d.app, KeyCode::Enter);
    snap(&d.app, "history_reverse_confirm");
    press(&mut d.app, KeyCode::Enter);
    snap(&d.app, "history_lead_approval");
    approve_as_lead(&mut d.app);
    snap(&d.app, "history_reversed");
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Detail(_)));
    snap(&d.app, "report_lines");
    press(&mut d.app, KeyCode::Char('a'));
    snap(&d.app, "report_lines_scrap_prompt");
}

/// The row of the screen `text` that names `needle`.
fn row_of<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{text}"))
}

#[test]
fn a_non_stock_line_issued_by_hand_shows_what_was_issued_on_the_reports_lines() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "3");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    select_item(&mut d.app, "GR-EP2");
    press(&mut d.app, KeyCode::Char('a'));
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Enter);
    assert!(
        matches!(d.app.screen, Screen::Detail(_)),
        "{}",
        screen(&d.app)
    );
    for (w, h) in SIZES {
        let text = screen_text(&draw(&d.app, w, h));
        let row = row_of(&text, "GR-EP2");
        let cells: Vec<&str> = row.split([' ', '│']).filter(|c| !c.is_empty()).collect();
        let at = cells.iter().position(|c| *c == "GR-EP2").unwrap();
        assert_eq!(cells[0], "70", "{text}");
        assert!(
            !row.contains("M-ASM"),
            "a non-stock line has no location:\n{text}"
        );
        assert!(row.contains(" — "), "{text}");
        assert!(cells[at..].contains(&"0.03"), "{text}");
        assert!(row.contains("by hand") && !row.contains("manual"), "{text}");
    }
    snap(&d.app, "report_lines_non_stock_by_hand");
}

#[test]
fn snapshot_exception_queue() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "9");
    press(&mut d.app, KeyCode::F(7));
    assert!(matches!(d.app.screen, Screen::Exceptions(_)));
    snap(&d.app, "exceptions");
    press(&mut d.app, KeyCode::Char('c'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Confirm { .. })
    ));
    snap(&d.app, "exceptions_cancel_confirm");
}

#[test]
fn snapshot_staging_list() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    assert!(matches!(d.app.screen, Screen::Staging(_)));
    snap(&d.app, "staging");
    press(&mut d.app, KeyCode::Char('t'));
    snap(&d.app, "staging_transfer_from");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Char('c'));
    snap(&d.app, "staging_count_prompt");
}

/// Help (F1) on every screen that the other snapshots do not already show it on (the login
/// is modal and lists its few keys in the footer instead).
#[test]
fn snapshot_help_on_every_other_screen() {
    let help = |app: &mut App, name: &str| {
        press(app, KeyCode::F(1));
        assert!(
            matches!(app.overlays.last(), Some(Overlay::Help(_))),
            "{name}: {}",
            screen(app)
        );
        snap(app, name);
        press(app, KeyCode::Esc);
        assert!(app.overlays.is_empty(), "{name}: Esc closes the help");
    };
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    type_text(&mut d.app, "WO-1006");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Operations(_)));
    help(&mut d.app, "help_operations");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);
    post_report(&mut d.app, "WO-1006", "9");
    press(&mut d.app, KeyCode::F(4));
    help(&mut d.app, "help_history");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Detail(_)));
    help(&mut d.app, "help_report_lines");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(7));
    assert!(matches!(d.app.screen, Screen::Exceptions(_)));
    help(&mut d.app, "help_exceptions");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(6));
    assert!(matches!(d.app.screen, Screen::Staging(_)));
    help(&mut d.app, "help_staging");
}

#[test]
fn snapshot_idle_logout() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    let later = d.app.last_key + chrono::Duration::minutes(16);
    d.app.tick(later);
    assert!(matches!(d.app.screen, Screen::Login(_)));
    snap(&d.app, "login_after_idle_logout");
}

#[test]
fn snapshot_refusals_on_the_board() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    type_text(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert!(!matches!(d.app.screen, Screen::Report(_)));
    snap(&d.app, "orders_handler_may_not_report");
}

/// Another terminal posts on the order between the preview and the post: the post is refused
/// in an error box and nothing is posted from here.
#[test]
fn snapshot_not_posted_message() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "20");
    d.app
        .service
        .report(
            "WO-1005",
            &common::req(20, "5", "0"),
            None,
            &common::operator(),
        )
        .unwrap();
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    assert!(
        matches!(d.app.overlays.last(), Some(Overlay::Message { title, .. }) if title == "Not posted"),
        "{}",
        screen(&d.app)
    );
    assert_eq!(report_count(&d.app), 1, "only the other terminal's report");
    snap(&d.app, "report_not_posted");
}

#[test]
fn the_variance_screen_shows_progress_per_operation_and_each_lines_standard_and_actual() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1005", "3");
    // From the board: F8 on the selected order.
    d.app.open_orders();
    type_text(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(8));
    let Screen::Variance(v) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert_eq!(v.order, "WO-1005");
    let op20 = v.operations.iter().find(|o| o.operation == 20).unwrap();
    assert_eq!(op20.progress.good, common::d("3"));
    assert_eq!(op20.left, common::d("17"));
    let body = v
        .materials
        .iter()
        .find(|m| m.line.item == "BDY-100")
        .unwrap();
    assert_eq!(body.line.standard_qty, common::d("3"));
    assert_eq!(body.line.actual_qty, common::d("3"));
    assert_eq!(body.uom, "EA");
    let grease = v
        .materials
        .iter()
        .find(|m| m.line.item == "GR-EP2")
        .unwrap();
    assert!(grease.manual, "the non-stock grease is a manual line");
    let s = screen(&d.app);
    assert!(s.contains("progress and variance"), "{s}");
    assert!(s.contains("Material cost: expected"), "{s}");
    snap(&d.app, "variance");
    press(&mut d.app, KeyCode::Esc);
    assert!(matches!(d.app.screen, Screen::Orders(_)));
}

#[test]
fn only_a_demo_store_shows_its_badges_at_login() {
    let d = demo();
    assert!(screen(&d.app).contains("Demo badges"));
    assert!(screen(&d.app).contains("PIN 1234"));
    // The same plant imported into an ordinary store shows no PINs.
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("plant");
    backflush::demo::write_files(&files).unwrap();
    let mut config = Config::default();
    config.terminal.id = "T1".into();
    let mut service = Service::create_or_open(config, &dir.path().join("plant.db")).unwrap();
    service
        .import(&files, &backflush::service::Credentials::default())
        .unwrap();
    let app = App::new(
        service,
        Theme::new(backflush::config::ThemeName::Default, false),
    )
    .unwrap();
    let s = screen(&app);
    assert!(s.contains("Log in"), "{s}");
    assert!(!s.contains("Demo badges") && !s.contains("1234"), "{s}");
}

#[test]
fn a_demo_store_stops_showing_its_badges_once_an_import_brings_users() {
    use common::cli::{Files, Plant};
    let plant = Plant::empty();
    plant.run(&["demo", "--no-tui"]).ok();
    let login = |plant: &Plant| {
        let service = Service::open_existing(Config::default(), &plant.db).unwrap();
        let theme = Theme::new(backflush::config::ThemeName::Default, false);
        screen(&App::new(service, theme).unwrap())
    };
    let admin = [("BACKFLUSH_PIN", "9999")];
    // An import without users leaves the demo's users, and their list.
    let location = "location,description,kind\nSPARE,Spare parts,storage\n";
    plant
        .import_env(
            &Files(vec![("locations.csv", location.into())]),
            &admin,
            &["--user", "9001"],
        )
        .ok();
    assert!(login(&plant).contains("PIN 1234"));
    // The plant's own users: badge 1001's PIN is now 5555, and no PIN is shown to anyone.
    let users = "badge,name,role,pin\n1001,Ana Novak,operator,5555\n";
    plant
        .import_env(
            &Files(vec![("users.csv", users.into())]),
            &admin,
            &["--user", "9001"],
        )
        .ok();
    let s = login(&plant);
    assert!(s.contains("Log in"), "{s}");
    for shown in ["Demo badges", "1234", "9999", "9001", "5555"] {
        assert!(!s.contains(shown), "{shown} on the login screen:\n{s}");
    }
}

#[test]
fn f1_and_question_mark_open_help_on_the_login_screen() {
    let mut d = demo();
    press(&mut d.app, KeyCode::Char('?'));
    assert!(matches!(d.app.overlays.last(), Some(Overlay::Help(_))));
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(1));
    assert!(matches!(d.app.overlays.last(), Some(Overlay::Help(_))));
    press(&mut d.app, KeyCode::Esc);
    type_text(&mut d.app, "1001");
    let Screen::Login(l) = &d.app.screen else {
        panic!()
    };
    assert_eq!(l.badge.text, "1001", "no ? went into the badge");
}

#[test]
fn the_history_keeps_its_place_after_a_reports_lines() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1005", "1");
    post_report(&mut d.app, "WO-1010", "1");
    post_report(&mut d.app, "WO-1012", "1");
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Down);
    let Screen::History(h) = &d.app.screen else {
        panic!()
    };
    let id = h.rows[h.selected].id;
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Detail(_)));
    press(&mut d.app, KeyCode::Esc);
    let Screen::History(h) = &d.app.screen else {
        panic!()
    };
    assert_eq!(
        h.rows[h.selected].id, id,
        "the cursor is on the same report"
    );
}

#[test]
fn a_wrong_lead_pin_asks_for_the_pin_again_and_esc_goes_back_to_the_badge() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1005", "1");
    age_reports(&d);
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Char('x'));
    type_text(&mut d.app, "wrong order");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "2001");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "0000");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        matches!(
            d.app.overlays.last(),
            Some(Overlay::Prompt {
                kind: PromptKind::ApproverPin { .. },
                ..
            })
        ),
        "the PIN is asked again: {s}"
    );
    assert!(s.contains("wrong PIN for badge 2001"), "{s}");
    // Esc steps back to the badge, which keeps what was typed.
    press(&mut d.app, KeyCode::Esc);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { kind: PromptKind::ApproverBadge, field, .. }) if field.text == "2001"
    ));
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "2222");
    press(&mut d.app, KeyCode::Enter);
    assert!(
        screen(&d.app).contains("report 1 reversed"),
        "{}",
        screen(&d.app)
    );
}

#[test]
fn a_handler_picks_the_transfer_source_and_a_wrong_one_is_refused_at_its_own_step() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    // The second row, GAUGE-700, is held in a store (the first, BDY-100, is made here).
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::Char('t'));
    let Some(Overlay::Prompt { choices, .. }) = d.app.overlays.last() else {
        panic!("{}", screen(&d.app))
    };
    assert!(!choices.is_empty(), "the storage locations that hold it");
    assert!(
        choices.iter().all(|c| c.code != "M-ASM"),
        "not where it goes"
    );
    type_text(&mut d.app, "ST-XX");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("unknown location ST-XX"), "{s}");
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt {
            kind: PromptKind::TransferFrom { .. },
            ..
        })
    ));
    for _ in 0..5 {
        press(&mut d.app, KeyCode::Backspace);
    }
    // Enter takes the highlighted choice; the quantity step comes next, Esc goes back.
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt {
            kind: PromptKind::TransferQty { .. },
            ..
        })
    ));
    press(&mut d.app, KeyCode::Esc);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt {
            kind: PromptKind::TransferFrom { .. },
            ..
        })
    ));
}

#[test]
fn the_transfer_source_of_a_serial_item_lists_each_location_once_with_its_quantity() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    let (_, listed) = transfer_sources(&mut d.app, "GAUGE-700");
    assert_eq!(listed, [("ST-COMP".to_string(), "22 on hand".to_string())]);
}

/// On the staging list: the row of `item` selected and its transfer started, the row's place
/// and the sources the pick list offers (code, what it holds).
fn transfer_sources(app: &mut App, item: &str) -> (usize, Vec<(String, String)>) {
    let Screen::Staging(st) = &app.screen else {
        panic!("{}", screen(app))
    };
    let row = st.rows.iter().position(|r| r.item == item).unwrap();
    for _ in 0..row {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Char('t'));
    let Some(Overlay::Prompt { choices, .. }) = app.overlays.last() else {
        panic!("{}", screen(app))
    };
    let listed = choices
        .iter()
        .map(|c| (c.code.clone(), c.detail.clone()))
        .collect();
    (row, listed)
}

#[test]
fn the_health_screen_lists_flagged_items_first() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "9");
    d.app.open_orders();
    press(&mut d.app, KeyCode::F(9));
    let Screen::Health(h) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert!(!h.rows.is_empty());
    let flags: Vec<_> = h.rows.iter().map(|r| r.flag).collect();
    let mut sorted = flags.clone();
    sorted.sort();
    assert_eq!(flags, sorted, "worst first");
    assert!(
        h.rows
            .iter()
            .any(|r| r.usage.open_exceptions > 0 && r.location == "M-ASM"),
        "the deferred lines wait at M-ASM"
    );
    let s = screen(&d.app);
    assert!(s.contains("Machine-location health"), "{s}");
    snap(&d.app, "health");
    press(&mut d.app, KeyCode::Esc);
    assert!(matches!(d.app.screen, Screen::Orders(_)));
}

#[test]
fn an_order_with_lines_waiting_says_so_on_the_board() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "10");
    d.app.open_orders();
    let s = screen(&d.app);
    let row = s
        .lines()
        .find(|l| l.contains("WO-1006"))
        .unwrap_or_default()
        .to_string();
    assert!(row.contains("2 waiting"), "{s}");
}

/// Selects the line of the report whose id is `line` (focus on the lines).
fn select_line(app: &mut App, line: &str) {
    let Screen::Report(r) = &app.screen else {
        panic!("{}", screen(app))
    };
    let row = r
        .plan
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| l.line == line)
        .unwrap();
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    for _ in 0..row {
        press(app, KeyCode::Down);
    }
}

fn top_prompt(app: &App) -> Option<&PromptKind> {
    match app.overlays.last() {
        Some(Overlay::Prompt { kind, .. }) => Some(kind),
        _ => None,
    }
}

#[test]
fn a_larger_override_needs_a_lead_at_once_and_the_lead_signs_at_the_confirmation() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1012");
    type_text(&mut d.app, "5");
    select_line(&mut d.app, "40.40");
    // 13 where 11 are planned: beyond 10 %.
    press(&mut d.app, KeyCode::Char('e'));
    type_text(&mut d.app, "13");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        top_prompt(&d.app),
        Some(PromptKind::OverrideReason { .. })
    ));
    let s = screen(&d.app);
    assert!(s.contains("Why was line 40.40 OR-20 changed?"), "{s}");
    // The pick list filters as you type.
    type_text(&mut d.app, "bom");
    let s = screen(&d.app);
    assert!(s.contains("WRONG-BOM") && !s.contains("ACTUAL-USE"), "{s}");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(d.app.overlays.is_empty(), "{s}");
    assert!(
        s.contains("needs lead"),
        "marked before any confirmation:\n{s}"
    );
    assert!(
        s.contains("Line 40.40 OR-20 needs a lead: more than 10% from planned 11"),
        "{s}"
    );
    snap(&d.app, "report_needs_lead");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("A lead must approve"), "{s}");
    assert!(s.contains("Line 40.40 OR-20: 13 against planned 11"), "{s}");
    assert!(!s.contains("--approver"), "no command-line words: {s}");
    snap(&d.app, "report_needs_lead_confirm");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("Post without the manual lines?"));
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(top_prompt(&d.app), Some(&PromptKind::ApproverBadge));
    assert_eq!(report_count(&d.app), 0, "asked before anything is sent");
    type_text(&mut d.app, "2001");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "0000");
    press(&mut d.app, KeyCode::Enter);
    // A wrong PIN asks the PIN again, the badge kept.
    assert!(matches!(
        top_prompt(&d.app),
        Some(PromptKind::ApproverPin { badge }) if badge == "2001"
    ));
    assert!(screen(&d.app).contains("wrong PIN for badge 2001"));
    assert_eq!(report_count(&d.app), 0);
    snap(&d.app, "report_lead_wrong_pin");
    type_text(&mut d.app, "2222");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("Report 1 posted for order WO-1012"), "{s}");
    assert_eq!(report_count(&d.app), 1);
    let audit = d
        .app
        .service
        .audit(&backflush::store::queries::AuditFilter {
            item: Some("OR-20".into()),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(audit[0].reason.as_deref(), Some("WRONG-BOM"));
    assert_eq!(
        audit[0].source,
        Some(backflush::domain::movement::Source::Backflush)
    );
    assert_eq!(audit[0].qty.to_string(), "-13");
}

#[test]
fn a_lead_sees_no_mark_and_a_skip_asks_its_reason_before_the_post() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    open_report(&mut d.app, "WO-1012");
    type_text(&mut d.app, "5");
    select_line(&mut d.app, "40.40");
    press(&mut d.app, KeyCode::Char('e'));
    type_text(&mut d.app, "13");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert!(
        !screen(&d.app).contains("needs lead"),
        "a lead needs no lead"
    );
    // Skip another line: its reason is asked, and Esc there cancels the skip.
    press(&mut d.app, KeyCode::Up);
    press(&mut d.app, KeyCode::Char('k'));
    assert!(screen(&d.app).contains("skipped? Pick a reason"));
    press(&mut d.app, KeyCode::Esc);
    assert!(!screen(&d.app).contains("skipped"));
    press(&mut d.app, KeyCode::Char('k'));
    assert!(matches!(
        top_prompt(&d.app),
        Some(PromptKind::OverrideReason {
            then_post: false,
            ..
        })
    ));
    type_text(&mut d.app, "LATE");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("reason \"LATE\": is not one of ACTUAL-USE"),
        "{s}"
    );
    for _ in 0..4 {
        press(&mut d.app, KeyCode::Backspace);
    }
    type_text(&mut d.app, "short");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("Post this report?"));
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("Report 1 posted"));
    let reasons: Vec<(String, String, Option<String>)> = d
        .app
        .service
        .conn()
        .prepare(
            "SELECT line, status, reason FROM report_lines WHERE reason IS NOT NULL ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0].1, "skipped");
    assert_eq!(reasons[0].2.as_deref(), Some("SHORT-PICK"));
    assert_eq!(reasons[1].0, "40.40");
    assert_eq!(reasons[1].2.as_deref(), Some("ACTUAL-USE"));
    // The report's lines show each reason.
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("SHORT-PICK") && s.contains("ACTUAL-USE"), "{s}");
    snap(&d.app, "report_lines_reasons");
}

#[test]
fn a_large_count_shows_the_difference_asks_a_reason_and_says_what_it_posted() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "9");
    let waiting = d.app.service.exceptions(true).unwrap();
    let first = waiting.first().expect("WO-1006 defers a line").clone();
    press(&mut d.app, KeyCode::F(6));
    let Screen::Staging(st) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let row = st.rows.iter().position(|r| r.item == first.item).unwrap();
    let book = st.rows[row].on_hand;
    for _ in 0..row {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('c'));
    let counted = book + first.qty + Quantity(rust_decimal::Decimal::from(100));
    type_text(&mut d.app, &counted.to_string());
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        top_prompt(&d.app),
        Some(PromptKind::CountReason { .. })
    ));
    let s = screen(&d.app);
    assert!(
        s.contains(&format!(
            "book {book}, counted {counted} = +{}",
            counted - book
        )),
        "the difference is shown: {s}"
    );
    assert!(s.contains("FOUND"), "{s}");
    snap(&d.app, "staging_count_reason");
    // Esc goes back to the count, which keeps what was typed.
    press(&mut d.app, KeyCode::Esc);
    assert!(matches!(
        top_prompt(&d.app),
        Some(PromptKind::Counted { .. })
    ));
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "found");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains(&format!(
            "Adjusted by +{} {} (reason FOUND)",
            counted - book,
            first.item
        )),
        "{s}"
    );
    assert!(
        s.contains(&format!(
            "Waiting line posted: {} {}",
            first.qty, first.item
        )),
        "{s}"
    );
    snap(&d.app, "staging_counted");
    assert!(
        !d.app
            .service
            .exceptions(true)
            .unwrap()
            .iter()
            .any(|e| e.id == first.id)
    );
}

#[test]
fn a_substitution_returns_part_and_the_lines_screen_shows_both() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1005", "3");
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Enter);
    let Screen::Detail(det) = &d.app.screen else {
        panic!()
    };
    let seal = det
        .lines
        .iter()
        .position(|(l, _)| l.item == "SEAL-12")
        .unwrap();
    for _ in 0..seal {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('u'));
    type_text(&mut d.app, "SEAL-25");
    press(&mut d.app, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Backspace);
    }
    type_text(&mut d.app, "5");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("exceeds the 3 SEAL-12 line 30 has issued"),
        "{s}"
    );
    press(&mut d.app, KeyCode::Backspace);
    type_text(&mut d.app, "2");
    press(&mut d.app, KeyCode::Enter);
    // The substitute follows the quantity returned.
    let s = screen(&d.app);
    assert!(s.contains("How many SEAL-25 were issued instead"), "{s}");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("2 SEAL-12 go back to stock"));
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("2 SEAL-12 returned, 2 SEAL-25 issued"), "{s}");
    let Screen::Detail(det) = &d.app.screen else {
        panic!("{s}")
    };
    assert_eq!(
        det.lines[seal].1.to_string(),
        "1",
        "1 of the 3 SEAL-12 stays"
    );
    assert_eq!(det.substitutes_of("30"), "SEAL-25 2");
    snap(&d.app, "report_lines_substituted");
    assert!(d.app.service.verify().unwrap().is_empty());
}

/// Selects the line of `item` on the report screen.
fn select_item(app: &mut App, item: &str) {
    let Screen::Report(r) = &app.screen else {
        panic!("{}", screen(app))
    };
    let at = r
        .plan
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| l.item == item)
        .unwrap();
    let from = r.selected;
    for _ in from..at {
        press(app, KeyCode::Down);
    }
    for _ in at..from {
        press(app, KeyCode::Up);
    }
}

#[test]
fn a_manual_serial_line_is_issued_by_hand_with_a_scanned_serial_and_posts() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "1");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    select_item(&mut d.app, "GAUGE-700");
    let s = screen(&d.app);
    assert!(
        s.contains("a: issue the planned 1 EA by hand, then scan its serials"),
        "{s}"
    );
    // One key takes the planned quantity; the serials are asked at once, the ones at the
    // machine location listed.
    press(&mut d.app, KeyCode::Char('a'));
    let s = screen(&d.app);
    assert!(
        s.contains("Serials for line 125 GAUGE-700: 1 from M-ASM"),
        "{s}"
    );
    assert!(s.contains("G7-0001"), "{s}");
    snap(&d.app, "report_manual_serial_prompt");
    // A serial that is not there stays in the prompt with the reason.
    type_text(&mut d.app, "G7-0099");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("G7-0099") && s.contains("is not at M-ASM"),
        "{s}"
    );
    for _ in 0.."G7-0099".len() {
        press(&mut d.app, KeyCode::Backspace);
    }
    // Scanned as the scanner types it.
    type_text(&mut d.app, "G7-0003");
    press(&mut d.app, KeyCode::Enter);
    let Screen::Report(r) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let gauge = r.planned("125").unwrap();
    assert_eq!(gauge.qty, Quantity::ONE);
    assert_eq!(gauge.lots[0].lot, "G7-0003");
    assert!(!gauge.overridden, "a hand issue is not an override");
    snap(&d.app, "report_manual_serial_issued");
    // The oil is backflushed by FEFO, the expired lot passed over.
    select_item(&mut d.app, "HO-46");
    let s = screen_text(&draw(&d.app, 200, 50));
    assert!(
        s.contains("FEFO: earliest expiry first; expired OIL-2603 skipped"),
        "{s}"
    );
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    let rows = d
        .app
        .service
        .stock(Some(&"M-ASM".into()), Some(&"GAUGE-700".into()))
        .unwrap();
    assert!(!rows.iter().any(|r| r.lot.as_deref() == Some("G7-0003")));
    let rows = d
        .app
        .service
        .stock(Some(&"FG".into()), Some(&"HP-200".into()))
        .unwrap();
    assert!(
        rows.iter().any(|r| r.lot.as_deref() == Some("WO-1006")),
        "{rows:?}"
    );
    assert!(d.app.service.verify().unwrap().is_empty());
}

#[test]
fn a_lead_traces_a_lot_back_and_forward() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "1");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(12));
    let s = screen(&d.app);
    assert!(
        s.contains("Trace a lot: which item?") && s.contains("HO-46"),
        "{s}"
    );
    type_text(&mut d.app, "HO-46");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "OIL-2609");
    press(&mut d.app, KeyCode::Enter);
    let Screen::Trace(t) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert_eq!(t.trace.genealogy.forward[0].order, "WO-1006");
    assert_eq!(t.trace.genealogy.forward[0].lot.as_deref(), Some("WO-1006"));
    snap(&d.app, "trace");
    press(&mut d.app, KeyCode::Esc);
    assert!(matches!(d.app.screen, Screen::Orders(_)));
}

#[test]
fn a_handler_counts_and_brings_a_tracked_item_by_lot() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    let Screen::Staging(st) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let row = st.rows.iter().position(|r| r.item == "HO-46").unwrap();
    for _ in 0..row {
        press(&mut d.app, KeyCode::Down);
    }
    // A count names its lot: the lots at the machine location are listed in FEFO order.
    press(&mut d.app, KeyCode::Char('c'));
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(s.contains("Count which lot of HO-46 at M-ASM?"), "{s}");
    let fefo = ["OIL-2603", "OIL-2609", "OIL-2611"].map(|l| s.find(l).unwrap());
    assert!(fefo[0] < fefo[1] && fefo[1] < fefo[2], "{s}");
    type_text(&mut d.app, "OIL-2611");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("Counted HO-46 lot OIL-2611 at M-ASM"));
    type_text(&mut d.app, "20");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("book 20, counted 20"), "{s}");
    press(&mut d.app, KeyCode::Enter);
    // A transfer asks its lots after the quantity; the first choice leaves it to FEFO.
    press(&mut d.app, KeyCode::Char('t'));
    type_text(&mut d.app, "ST-COMP");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(s.contains("Lots of HO-46 from ST-COMP"), "{s}");
    assert!(
        s.contains("pick order chooses") && s.contains("OIL-2612"),
        "{s}"
    );
    snap(&d.app, "staging_transfer_lots");
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("Move this stock?"));
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("from ST-COMP to M-ASM (lots OIL-2612"), "{s}");
    let moved = d
        .app
        .service
        .stock(Some(&"M-ASM".into()), Some(&"HO-46".into()))
        .unwrap()
        .into_iter()
        .any(|b| b.lot.as_deref() == Some("OIL-2612"));
    assert!(moved);
    assert!(d.app.service.verify().unwrap().is_empty());
}

#[test]
fn a_scanned_lot_chooses_the_lots_of_a_backflushed_lot_line() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "2");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    select_item(&mut d.app, "HO-46");
    press(&mut d.app, KeyCode::Char('o'));
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(s.contains("Lots for line 80 HO-46"), "{s}");
    // The lots at the location in FEFO order, the expired one marked.
    assert!(s.contains("expired: a lead must approve"), "{s}");
    type_text(&mut d.app, "OIL-2611");
    press(&mut d.app, KeyCode::Enter);
    let Screen::Report(r) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let oil = r.planned("80").unwrap();
    assert_eq!(oil.lots.len(), 1);
    assert_eq!(oil.lots[0].lot, "OIL-2611");
    assert!(oil.picked_by.is_none(), "chosen, not picked");
}

/// The report of WO-1005 for 3 units, the cursor on its oil line (a backflushed lot line).
fn report_on_the_oil_line(app: &mut App) {
    open_report(app, "WO-1005");
    type_text(app, "3");
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    select_item(app, "HO-46");
}

#[test]
fn the_lot_list_puts_the_expired_lot_last_and_picking_it_needs_a_lead_at_once() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    report_on_the_oil_line(&mut d.app);
    press(&mut d.app, KeyCode::Char('o'));
    let Some(Overlay::Prompt { choices, .. }) = d.app.overlays.last() else {
        panic!("{}", screen(&d.app))
    };
    let codes: Vec<&str> = choices.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        ["OIL-2609", "OIL-2611", "OIL-2603"],
        "FEFO, expired last"
    );
    assert!(choices[2].detail.contains("expired: a lead must approve"));
    assert!(!choices[0].detail.contains("expired"));
    // Enter takes the first of the list: a lot in date.
    press(&mut d.app, KeyCode::Enter);
    let Screen::Report(r) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert_eq!(r.planned("80").unwrap().lots[0].lot, "OIL-2609");
    // The expired lot named: the line needs a lead the moment it is picked.
    press(&mut d.app, KeyCode::Char('o'));
    type_text(&mut d.app, "OIL-2603");
    press(&mut d.app, KeyCode::Enter);
    let Screen::Report(r) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert!(d.app.needs_lead(r.planned("80").unwrap()));
    for (w, h) in SIZES {
        let text = screen_text(&draw(&d.app, w, h));
        assert!(
            row_of(&text, "80     HO-46").contains("needs lead"),
            "{text}"
        );
        assert!(
            text.contains("Line 80 HO-46 needs a lead: expired lot OIL-2603."),
            "{text}"
        );
    }
    press(&mut d.app, KeyCode::Enter);
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(s.contains("Post this report?"), "{s}");
    assert!(s.contains("A lead must approve:"), "{s}");
    assert!(
        s.contains("Line 80 HO-46 takes expired lot OIL-2603"),
        "{s}"
    );
    snap(&d.app, "report_confirm_expired_lot");
}

#[test]
fn a_lead_sees_an_expired_lot_marked_and_named_in_the_confirmation() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    report_on_the_oil_line(&mut d.app);
    press(&mut d.app, KeyCode::Char('o'));
    type_text(&mut d.app, "OIL-2603");
    press(&mut d.app, KeyCode::Enter);
    for (w, h) in SIZES {
        let text = screen_text(&draw(&d.app, w, h));
        assert!(
            row_of(&text, "80     HO-46").contains("OIL-2603*"),
            "{text}"
        );
    }
    press(&mut d.app, KeyCode::Enter);
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(
        s.contains("Line 80 HO-46 takes expired lot OIL-2603"),
        "{s}"
    );
    assert!(!s.contains("A lead must approve"), "{s}");
}

#[test]
fn unissued_manual_lines_are_named_and_asked_again_before_the_post() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "1");
    press(&mut d.app, KeyCode::Enter);
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(s.contains("Post this report?"), "{s}");
    assert!(
        s.contains("3 manual lines not issued: 90 GR-EP2, 120 HSE-2, 125 GAUGE-700"),
        "{s}"
    );
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(report_count(&d.app), 0, "asked again, not posted");
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(s.contains("Post without the manual lines?"), "{s}");
    snap(&d.app, "report_confirm_manual_unissued");
    // Esc goes back to the report, nothing posted.
    press(&mut d.app, KeyCode::Esc);
    assert!(d.app.overlays.is_empty());
    assert!(matches!(d.app.screen, Screen::Report(_)));
    assert_eq!(report_count(&d.app), 0);
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(report_count(&d.app), 1);
}

#[test]
fn the_report_shows_the_finished_lot_and_f_sets_another() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "1");
    for (w, h) in SIZES {
        let text = screen_text(&draw(&d.app, w, h));
        assert!(text.contains("receive 1 → FG lot WO-1006"), "{text}");
    }
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Char('f'));
    let s = screen_text(&draw(&d.app, 120, 40));
    assert!(
        s.contains("Lot the HP-200 received go into (empty: WO-1006, the order number)"),
        "{s}"
    );
    snap(&d.app, "report_finished_lot_prompt");
    type_text(&mut d.app, "B-0042");
    press(&mut d.app, KeyCode::Enter);
    for (w, h) in SIZES {
        let text = screen_text(&draw(&d.app, w, h));
        assert!(text.contains("receive 1 → FG lot B-0042"), "{text}");
    }
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Enter);
    }
    assert_eq!(report_count(&d.app), 1);
    let lots: Vec<Option<String>> = d
        .app
        .service
        .stock(Some(&"FG".into()), Some(&"HP-200".into()))
        .unwrap()
        .into_iter()
        .map(|b| b.lot)
        .collect();
    assert!(lots.contains(&Some("B-0042".to_string())), "{lots:?}");
}

/// A frame of every screen and overlay runs no store query (`draw` counts them); the count
/// is real: a read between frames is counted.
#[test]
fn a_frame_of_every_screen_runs_no_store_query() {
    let mut d = demo();
    let mut shown = Vec::new();
    let mut frame = |app: &App, name: &str| {
        draw(app, 120, 40);
        draw(app, 80, 24);
        shown.push(name.to_string());
    };
    frame(&d.app, "login");
    press(&mut d.app, KeyCode::F(1));
    assert!(matches!(d.app.overlays.last(), Some(Overlay::Help(_))));
    frame(&d.app, "help at login");
    press(&mut d.app, KeyCode::Esc);
    login(&mut d.app, "2001", "2222");
    assert!(matches!(d.app.screen, Screen::Orders(_)));
    frame(&d.app, "board");
    assert!(
        queries_run(&d.app, || {
            d.app.service.orders(None, 10).unwrap();
        }) > 0,
        "a read of the store is counted"
    );
    type_text(&mut d.app, "WO-1005");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Operations(_)));
    frame(&d.app, "operations");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Report(_)));
    frame(&d.app, "report listing its lines");
    type_text(&mut d.app, "3");
    frame(&d.app, "report with a line explained");
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Char('e'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    frame(&d.app, "a line's override prompt");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Char('?'));
    assert!(matches!(d.app.overlays.last(), Some(Overlay::Help(_))));
    frame(&d.app, "help on the report");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Confirm { .. })
    ));
    frame(&d.app, "post confirmation");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Confirm { .. })
    ));
    frame(&d.app, "manual lines question");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Orders(_)));
    frame(&d.app, "posted, on the board");
    press(&mut d.app, KeyCode::Enter);
    post_report(&mut d.app, "WO-1006", "9");
    press(&mut d.app, KeyCode::F(4));
    assert!(matches!(d.app.screen, Screen::History(_)));
    frame(&d.app, "history");
    press(&mut d.app, KeyCode::Char('x'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    frame(&d.app, "reversal's reason prompt");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Detail(_)));
    frame(&d.app, "a report's lines");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(7));
    assert!(matches!(d.app.screen, Screen::Exceptions(_)));
    frame(&d.app, "deferred lines");
    press(&mut d.app, KeyCode::Char('c'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Confirm { .. })
    ));
    frame(&d.app, "cancel confirmation");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(6));
    assert!(matches!(d.app.screen, Screen::Staging(_)));
    frame(&d.app, "staging");
    press(&mut d.app, KeyCode::Esc);
    d.app.open_orders();
    type_text(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(8));
    assert!(matches!(d.app.screen, Screen::Variance(_)));
    frame(&d.app, "progress and variance");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(9));
    assert!(matches!(d.app.screen, Screen::Health(_)));
    frame(&d.app, "health");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::F(12));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { .. })
    ));
    frame(&d.app, "trace's item prompt");
    type_text(&mut d.app, "HO-46");
    press(&mut d.app, KeyCode::Enter);
    frame(&d.app, "trace's lot prompt");
    type_text(&mut d.app, "OIL-2609");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(d.app.screen, Screen::Trace(_)));
    frame(&d.app, "trace");
    assert_eq!(shown.len(), 22, "{shown:?}");
}

#[test]
fn the_staging_screen_is_the_handlers_queue_and_f2_shows_every_machine_location() {
    let mut d = demo();
    login(&mut d.app, "3001", "3333");
    press(&mut d.app, KeyCode::F(6));
    let Screen::Staging(st) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    // What to bring first (by location and item, nothing used yet), then what is stocked.
    assert_eq!(st.rows[0].item, "BDY-100");
    assert_eq!(
        st.rows.last().map(|r| r.item.to_string()).as_deref(),
        Some("SPR-6")
    );
    let oil = screen(&d.app)
        .lines()
        .find(|l| l.contains("HO-46"))
        .unwrap_or_default()
        .to_string();
    // 60 L against max 80: six of the eight cells of the bar.
    assert!(
        oil.contains("20–80") && oil.contains("140") && oil.contains("██████░░"),
        "{oil}"
    );
    // `t` on the oil from the store offers what to bring: 7 drums, 140 of the 400 there.
    let row = st.rows.iter().position(|r| r.item == "HO-46").unwrap();
    for _ in 0..row {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('t'));
    type_text(&mut d.app, "ST-COMP");
    press(&mut d.app, KeyCode::Enter);
    let Some(Overlay::Prompt { field, .. }) = d.app.overlays.last() else {
        panic!("{}", screen(&d.app))
    };
    assert_eq!(field.text, "140");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);
    // F2: every machine location, the resin at the CNC cell among them.
    press(&mut d.app, KeyCode::F(2));
    let Screen::Staging(every) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert!(every.every);
    assert!(
        every
            .rows
            .iter()
            .any(|r| r.item == "LT-243" && r.location == "M-CNC" && r.bring.to_string() == "0.3")
    );
    assert!(screen(&d.app).contains("Every machine location"));
    snap(&d.app, "staging_every");
    press(&mut d.app, KeyCode::F(2));
    assert!(matches!(&d.app.screen, Screen::Staging(s) if !s.every));
}

#[test]
fn quantities_on_screen_take_the_operators_decimal_separator() {
    let mut d = demo_at("WC-CNC");
    login(&mut d.app, "1002", "4321");
    open_report(&mut d.app, "WO-1003");
    type_text(&mut d.app, "1");
    let s = screen(&d.app);
    assert!(
        s.contains("M-CNC         60    0,038    0,038       0 M"),
        "{s}"
    );
    assert!(
        s.contains("M-CNC       0,25    0,001    0,001       0 KG"),
        "{s}"
    );
}

#[test]
fn the_wrong_pin_that_locks_the_badge_says_until_when() {
    let mut d = demo();
    login(&mut d.app, "1001", "0000");
    for _ in 0..3 {
        type_text(&mut d.app, "0000");
        press(&mut d.app, KeyCode::Enter);
    }
    // The fifth locks the badge for the demo's lockout_minutes, until a time of day as the
    // terminal's clock shows it (24-hour).
    let before = chrono::Utc::now() + chrono::Duration::minutes(15);
    type_text(&mut d.app, "0000");
    press(&mut d.app, KeyCode::Enter);
    let after = chrono::Utc::now() + chrono::Duration::minutes(15);
    let said = |t: chrono::DateTime<chrono::Utc>| {
        format!(
            "wrong PIN for badge 1001; the badge is now locked until {}",
            t.with_timezone(&chrono::Local).format("%H:%M")
        )
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_text(&draw(&d.app, w, h));
        assert!(
            s.contains(&said(before)) || s.contains(&said(after)),
            "{w}x{h}:\n{s}"
        );
    }
    assert!(matches!(d.app.screen, Screen::Login(_)));
}

#[test]
fn an_operators_badge_typed_as_the_approver_is_refused_before_any_pin() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1005", "1");
    age_reports(&d);
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Char('x'));
    type_text(&mut d.app, "wrong order");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    assert!(screen(&d.app).contains("A lead must approve"));
    type_text(&mut d.app, "1002");
    press(&mut d.app, KeyCode::Enter);
    // Still the badge step, empty for the next scan, saying why; no PIN asked of 1002.
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { kind: PromptKind::ApproverBadge, field, .. }) if field.text.is_empty()
    ));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_text(&draw(&d.app, w, h));
        assert!(
            s.contains("badge 1002 (operator) is not a lead"),
            "{w}x{h}:\n{s}"
        );
        assert!(!s.contains("PIN of lead 1002"), "{w}x{h}:\n{s}");
    }
    approve_as_lead(&mut d.app);
    assert!(screen(&d.app).contains("report 1 reversed"));
}

/// The text of the screen with borders dropped and runs of blanks as one space: a sentence
/// wrapped over several rows of a box reads whole again.
fn prose(terminal: &Terminal<TestBackend>) -> String {
    screen_text(terminal)
        .replace(['│', '╭', '╮', '╰', '╯', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn reversing_ones_own_report_past_the_window_names_it_and_asks_a_lead() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1005", "1");
    age_reports(&d);
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Char('x'));
    type_text(&mut d.app, "wrong order");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Enter);
    let said = "1001 (operator) may not reverse a report alone: your own reports can be \
                reversed for 10 minutes after posting; report 1 was posted 11 minutes ago; a \
                lead must approve with badge and PIN";
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { kind: PromptKind::ApproverBadge, error: Some(e), .. }) if e == said
    ));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = prose(&draw(&d.app, w, h));
        assert!(s.contains(said), "{w}x{h}:\n{s}");
    }
    approve_as_lead(&mut d.app);
    assert!(screen(&d.app).contains("report 1 reversed"));
}

#[test]
fn the_serial_pick_list_takes_several_serials_marked_with_space() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "3");
    to_lines(&mut d.app);
    select_item(&mut d.app, "GAUGE-700");
    assert!(
        screen(&d.app).contains("then scan its serials"),
        "{}",
        screen(&d.app)
    );
    // 3 gauges by hand: the list asks their serials and takes as many as are marked.
    press(&mut d.app, KeyCode::Char('a'));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = prose(&draw(&d.app, w, h));
        assert!(
            s.contains("Serials for line 125 GAUGE-700: 3 from M-ASM"),
            "{w}x{h}:\n{s}"
        );
        assert!(s.contains("none of 3 marked"), "{w}x{h}:\n{s}");
        assert!(s.contains("Space mark"), "{w}x{h}:\n{s}");
    }
    press(&mut d.app, KeyCode::Char(' '));
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::Char(' '));
    // Space again unmarks; marked again.
    press(&mut d.app, KeyCode::Char(' '));
    press(&mut d.app, KeyCode::Char(' '));
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::Char(' '));
    // A fourth is refused with the numbers, and nothing more is marked.
    press(&mut d.app, KeyCode::Down);
    press(&mut d.app, KeyCode::Char(' '));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&d.app, w, h);
        let s = prose(&t);
        assert!(
            s.contains("3 of 3 marked: G7-0001, G7-0002, G7-0004"),
            "{w}x{h}:\n{s}"
        );
        assert!(
            screen_text(&t).contains("3 serials needed, 3 marked"),
            "{w}x{h}:\n{}",
            screen_text(&t)
        );
        assert!(s.contains("[x] G7-0001"), "{w}x{h}:\n{s}");
        assert!(s.contains("[ ] G7-0003"), "{w}x{h}:\n{s}");
    }
    let Some(Overlay::Prompt { field, .. }) = d.app.overlays.last() else {
        panic!("{}", screen(&d.app))
    };
    assert!(
        field.text.is_empty(),
        "Space typed nothing: {:?}",
        field.text
    );
    press(&mut d.app, KeyCode::Enter);
    assert!(d.app.overlays.is_empty(), "{}", screen(&d.app));
    let Screen::Report(r) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let gauge = r.planned("125").unwrap();
    assert_eq!(gauge.qty.to_string(), "3");
    let taken: Vec<&str> = gauge.lots.iter().map(|l| l.lot.as_str()).collect();
    assert_eq!(taken, ["G7-0001", "G7-0002", "G7-0004"]);
    // The line's explanation names them as serials.
    let s = screen_text(&draw(&d.app, 200, 50));
    assert!(
        s.contains("serials G7-0001, G7-0002, G7-0004 (named)"),
        "{s}"
    );
}

#[test]
fn the_report_calls_serials_serials() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "WO-1006");
    type_text(&mut d.app, "1");
    to_lines(&mut d.app);
    press(&mut d.app, KeyCode::F(1));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_text(&draw(&d.app, w, h));
        assert!(
            s.contains("o  choose the lots or serials of a tracked line (scan or pick)"),
            "{w}x{h}:\n{s}"
        );
        assert!(
            s.contains("a  issue a manual line's planned qty by hand (then lots or serials)"),
            "{w}x{h}:\n{s}"
        );
    }
    press(&mut d.app, KeyCode::Esc);
    select_item(&mut d.app, "GAUGE-700");
    press(&mut d.app, KeyCode::Char('a'));
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { title, .. })
            if title == "Serials for line 125 GAUGE-700: 1 from M-ASM (scan each, or mark them with Space)"
    ));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_text(&draw(&d.app, w, h));
        assert!(
            s.contains("Serials for line 125 GAUGE-700"),
            "{w}x{h}:\n{s}"
        );
        assert!(s.contains("mark them with"), "{w}x{h}:\n{s}");
        assert!(!s.contains("LOT:QTY"), "{w}x{h}:\n{s}");
    }
}

#[test]
fn serials_typed_in_lowercase_mean_the_stored_ones() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    open_report(&mut d.app, "wo-1006");
    type_text(&mut d.app, "2");
    to_lines(&mut d.app);
    select_item(&mut d.app, "GAUGE-700");
    press(&mut d.app, KeyCode::Char('a'));
    type_text(&mut d.app, "g7-0001,g7-0003");
    press(&mut d.app, KeyCode::Enter);
    assert!(d.app.overlays.is_empty(), "{}", screen(&d.app));
    let Screen::Report(r) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let gauge = r.planned("125").unwrap();
    let taken: Vec<&str> = gauge.lots.iter().map(|l| l.lot.as_str()).collect();
    assert_eq!(taken, ["G7-0001", "G7-0003"]);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_text(&draw(&d.app, w, h));
        assert!(
            s.contains("serials G7-0001, G7-0003 (named)"),
            "{w}x{h}:\n{s}"
        );
    }
}

/// The lines of the confirmation on top, and its title.
fn confirmation(app: &App) -> (String, Vec<String>) {
    match app.overlays.last() {
        Some(Overlay::Confirm { title, lines, .. }) => (title.clone(), lines.clone()),
        other => panic!("no confirmation but {other:?}\n{}", screen(app)),
    }
}

fn status_line(app: &App) -> String {
    app.status
        .as_ref()
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// The progress and variance of `order`, opened from its operations with `v`.
fn open_variance(app: &mut App, order: &str) {
    app.open_orders();
    type_text(app, order);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('v'));
    assert!(
        matches!(&app.screen, Screen::Variance(v) if v.order.ends_with(order)),
        "{}",
        screen(app)
    );
}

fn lead() -> backflush::service::Credentials {
    backflush::service::Credentials {
        badge: Some("2001".into()),
        pin: Some("2222".into()),
        approver: None,
    }
}

fn wip_of(app: &App, order: &str) -> backflush::service::closing::WipRow {
    let report = app
        .service
        .wip(&backflush::service::closing::WipFilter {
            order: Some(order.into()),
            all: true,
        })
        .unwrap();
    report.orders.into_iter().next().unwrap()
}

#[test]
fn a_lead_closes_a_short_order_from_its_variance_with_a_reason_posting_once() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1005", "3");
    open_variance(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Char('c'));
    // What the close settles: WIP 64.4515, material usage -0.1950, production 64.6465, to
    // two decimals rounded half away from zero.
    let (title, lines) = confirmation(&d.app);
    assert_eq!(title, "Close WO-1005?");
    assert_eq!(
        lines,
        [
            "Short: 3 good of 20",
            "WIP settled: 64.45",
            "Material usage variance: -0.20",
            "Production variance: 64.65",
        ]
    );
    for (w, h) in SIZES {
        let text = screen_text(&draw(&d.app, w, h));
        for line in &lines {
            assert!(text.contains(line.as_str()), "{line} at {w}x{h}:\n{text}");
        }
    }
    snap(&d.app, "close_overlay");
    // Short: the reason is asked, and an empty one refused.
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { kind: PromptKind::CloseReason { .. }, title, .. })
            if title == "Why close WO-1005 short?"
    ));
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { error: Some(e), .. }) if e == "give a reason"
    ));
    type_text(&mut d.app, "pump line stopped");
    press(&mut d.app, KeyCode::Enter);
    let (_, lines) = confirmation(&d.app);
    assert_eq!(lines.last().unwrap(), "Reason: pump line stopped");
    assert_eq!(
        d.app.service.order_status("WO-1005").unwrap(),
        backflush::domain::wip::OrderStatus::Released,
        "nothing posted before the last Enter"
    );
    // Enter twice: the close posts once, the screen shows the order closed.
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(
        status_line(&d.app),
        "WO-1005 closed (short): WIP 64.45 settled"
    );
    press(&mut d.app, KeyCode::Enter);
    assert!(d.app.overlays.is_empty(), "{}", screen(&d.app));
    assert!(!status_line(&d.app).contains("is closed"));
    assert!(matches!(&d.app.screen, Screen::Variance(v) if !v.from_operations));
    let row = wip_of(&d.app, "WO-1005");
    assert_eq!(row.status, backflush::domain::wip::OrderStatus::Closed);
    assert_eq!(row.columns.wip(), backflush::domain::qty::Money::ZERO);
    assert_eq!(row.columns.settled.get().to_string(), "64.4515");
    let Screen::Variance(v) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert_eq!(v.status, backflush::domain::wip::OrderStatus::Closed);
    assert!(
        screen(&d.app).contains("WO-1005 · CLOSED · HP-100"),
        "{}",
        screen(&d.app)
    );
    // Closed: `c` again is refused on the status line.
    press(&mut d.app, KeyCode::Char('c'));
    assert!(d.app.overlays.is_empty());
    assert_eq!(
        status_line(&d.app),
        "order WO-1005 is closed: it takes no postings until it is reopened"
    );
}

#[test]
fn an_operators_close_asks_a_leads_badge_and_pin_before_it_confirms() {
    let mut d = demo();
    login(&mut d.app, "1001", "1234");
    post_report(&mut d.app, "WO-1005", "3");
    open_variance(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Char('c'));
    let (_, lines) = confirmation(&d.app);
    assert_eq!(lines.last().unwrap(), "A lead's badge and PIN come next.");
    press(&mut d.app, KeyCode::Enter);
    type_text(&mut d.app, "no seals");
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt {
            kind: PromptKind::ApproverBadge,
            ..
        })
    ));
    approve_as_lead(&mut d.app);
    let (title, lines) = confirmation(&d.app);
    assert_eq!(title, "Close WO-1005?");
    assert_eq!(lines.last().unwrap(), "Reason: no seals");
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(
        status_line(&d.app),
        "WO-1005 closed (short): WIP 64.45 settled"
    );
    assert_eq!(
        wip_of(&d.app, "WO-1005").status,
        backflush::domain::wip::OrderStatus::Closed
    );
}

#[test]
fn a_close_is_refused_on_the_status_line_while_lines_wait() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    post_report(&mut d.app, "WO-1006", "10");
    open_variance(&mut d.app, "1006");
    press(&mut d.app, KeyCode::Char('c'));
    assert!(d.app.overlays.is_empty(), "{}", screen(&d.app));
    assert_eq!(
        status_line(&d.app),
        "order WO-1006 has open deferred lines (1, 2): post or cancel them first"
    );
    // In the user's language: a German operator's terminal says it in German.
    let mut d = demo();
    login(&mut d.app, "1002", "4321");
    post_report(&mut d.app, "WO-1006", "10");
    open_variance(&mut d.app, "1006");
    press(&mut d.app, KeyCode::Char('c'));
    assert_eq!(
        status_line(&d.app),
        "Auftrag WO-1006 hat offene wartende Zeilen (1, 2): erst buchen oder stornieren"
    );
}

#[test]
fn a_closed_order_typed_on_the_board_opens_read_only_and_only_a_lead_reopens_it() {
    let mut d = demo();
    let request = backflush::service::closing::CloseRequest {
        order: "WO-1005".into(),
        reason: Some("cancelled".into()),
    };
    d.app.service.close_order(&request, &lead()).unwrap();
    login(&mut d.app, "1001", "1234");
    type_text(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Enter);
    let Screen::Variance(v) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert_eq!(v.status, backflush::domain::wip::OrderStatus::Closed);
    assert!(
        screen(&d.app).contains("WO-1005 · CLOSED"),
        "{}",
        screen(&d.app)
    );
    // An operator may not reopen: the refusal, no prompt.
    press(&mut d.app, KeyCode::Char('o'));
    assert!(d.app.overlays.is_empty());
    assert_eq!(
        status_line(&d.app),
        "1001 (operator) may not reopen an order; it needs the role lead or admin"
    );
    // A lead: a reason, a confirmation, then the order takes postings again.
    ctrl(&mut d.app, 'l');
    login(&mut d.app, "2001", "2222");
    type_text(&mut d.app, "1005");
    press(&mut d.app, KeyCode::Enter);
    press(&mut d.app, KeyCode::Char('o'));
    press(&mut d.app, KeyCode::Enter);
    assert!(matches!(
        d.app.overlays.last(),
        Some(Overlay::Prompt { error: Some(e), .. }) if e == "give a reason"
    ));
    type_text(&mut d.app, "customer wants them");
    press(&mut d.app, KeyCode::Enter);
    let (title, lines) = confirmation(&d.app);
    assert_eq!(title, "Reopen WO-1005?");
    assert_eq!(lines.last().unwrap(), "Reason: customer wants them");
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(
        status_line(&d.app),
        "WO-1005 reopened: its settlement reversed"
    );
    assert_eq!(
        d.app.service.order_status("WO-1005").unwrap(),
        backflush::domain::wip::OrderStatus::Released
    );
    assert!(!screen(&d.app).contains("CLOSED"), "{}", screen(&d.app));
}

#[test]
fn the_board_marks_an_order_ready_to_close_once_nothing_waits() {
    let mut d = demo();
    login(&mut d.app, "2001", "2222");
    // The first order takes what the demo holds: the second's last line waits.
    post_report(&mut d.app, "WO-1006", "10");
    post_report(&mut d.app, "WO-1010", "25");
    post_report(&mut d.app, "WO-1005", "3");
    d.app.open_orders();
    while d.app.pending_work() {}
    let Screen::Orders(o) = &d.app.screen else {
        panic!()
    };
    eprintln!(
        "{:?} {:?}",
        d.app.service.exceptions(true).unwrap(),
        o.waiting
    );
    assert_eq!(o.ready.get("WO-1010"), Some(&false), "a line still waits");
    for id in d.app.service.exceptions(true).unwrap().iter().map(|e| e.id) {
        d.app.service.cancel_exception(&id, &lead()).unwrap();
    }
    d.app.open_orders();
    while d.app.pending_work() {}
    let Screen::Orders(o) = &d.app.screen else {
        panic!()
    };
    assert_eq!(o.ready.get("WO-1010"), Some(&true));
    assert_eq!(o.ready.get("WO-1006"), Some(&true));
    assert_eq!(o.ready.get("WO-1005"), Some(&false), "3 good of 20");
    let text = screen(&d.app);
    let row = text.lines().find(|l| l.contains("WO-1010")).unwrap();
    assert!(row.contains("✓ close"), "{row}");
    let row = text.lines().find(|l| l.contains("WO-1005")).unwrap();
    assert!(!row.contains("✓ close"), "{row}");
}

/// Snapshots `app` at 80×24 as `<name>_80x24`, with what comes from the clock masked, and
/// checks the frame: no line passes 80 cells, and the words `absent` (English left behind)
/// are nowhere on it.
#[track_caller]
fn snap_language(app: &App, name: &str, absent: &[&str]) -> String {
    let text = screen_text(&draw(app, 80, 24));
    for line in text.lines() {
        assert!(
            ui::cells(line) <= 80,
            "{name}: a line passes 80 cells:\n{text}"
        );
    }
    for word in absent {
        assert!(
            !text.contains(word),
            "{name}: {word:?} is not translated:\n{text}"
        );
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
        "YYYY-MM-DDThh:mm:ssZ",
    );
    settings.add_filter(r"\b\d{2}-\d{2} \d{2}:\d{2}\b", "MM-DD hh:mm");
    settings.add_filter(r"\b\d{2}:\d{2}:\d{2}\b", "hh:mm:ss");
    settings.add_filter(r"\b\d{2}:\d{2}\b", "hh:mm");
    settings.bind(|| insta::assert_snapshot!(format!("{name}_80x24"), text.clone()));
    text
}

/// A row of a table header: each title of `titles` shows whole, or cut ending with `…`.
#[track_caller]
fn headers_whole_or_cut(text: &str, header_starts: &str, titles: &[&str]) {
    let row = row_of(text, header_starts);
    for title in titles {
        let whole = row.contains(title);
        let cut = (1..title.chars().count()).any(|n| {
            let prefix: String = title.chars().take(n).collect();
            row.contains(&format!("{prefix}…"))
        });
        assert!(
            whole || cut,
            "{title:?} neither whole nor cut with …:\n{row}"
        );
    }
}

#[test]
fn every_screen_fits_80x24_in_every_language() {
    use backflush::tui::i18n::{Msg, t};
    // What an English view would show: none of it may be left on a translated screen.
    let english = [
        "Description",
        "On hand",
        "Planned",
        "Reports, newest",
        "Deferred lines",
        "Staging for",
        "Material lines",
        "Machine-location",
        "Made from",
        "Went into",
        "Enter a value",
        "count point",
        "Scan or type",
        "Scrap",
        "Issues from",
        "earlier reports planned",
        "no receipt",
    ];
    for (tag, words) in [
        (
            "de",
            ["Bezeichnung", "Aussch.", "Entnahme von", "Rückmeldungen"],
        ),
        (
            "es",
            ["Descripción", "Desecho", "Consume desde", "Partes, más"],
        ),
        ("pl", ["Opis", "Braki", "Pobiera z", "Meldunki, najnowsze"]),
        ("zh-CN", ["描述", "报废", "发料(", "报工记录"]),
    ] {
        let mut d = demo_speaking("WC-ASM", tag);
        // The demo's lead reads the plant's language here.
        let conn = rusqlite::Connection::open(d._dir.path().join("demo.db")).unwrap();
        conn.execute("UPDATE users SET language = ?1 WHERE badge = '2001'", [tag])
            .unwrap();
        let app = &mut d.app;
        let name = |screen: &str| format!("lang_{tag}_{screen}");
        snap_language(app, &name("login"), &english);
        login(app, "2001", "2222");
        assert!(matches!(app.screen, Screen::Orders(_)));
        let board = snap_language(app, &name("board"), &english);
        assert!(
            board.contains(words[0]),
            "{tag}: the board's words:\n{board}"
        );
        type_text(app, "WO-1005");
        press(app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Operations(_)));
        snap_language(app, &name("operations"), &english);
        press(app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Report(_)));
        type_text(app, "3");
        let report = snap_language(app, &name("report"), &english);
        assert!(
            report.contains(words[2]),
            "{tag}: the explanation:\n{report}"
        );
        // Every header of the lines' table in this language, whole or cut with `…`
        // (the frame set the thread's language when it was drawn).
        let titles: Vec<String> = [
            Msg::ColLine,
            Msg::ColItem,
            Msg::ColFrom,
            Msg::ColOnHand,
            Msg::ColPlanned,
            Msg::ColIssue,
            Msg::ColScrap,
            Msg::ColUom,
            Msg::ColStatus,
        ]
        .into_iter()
        .map(t)
        .collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        headers_whole_or_cut(&report, &format!("│{}", titles[0]), &titles);
        to_lines(app);
        press(app, KeyCode::Char('e'));
        assert!(matches!(app.overlays.last(), Some(Overlay::Prompt { .. })));
        snap_language(app, &name("override_prompt"), &english);
        press(app, KeyCode::Esc);
        press(app, KeyCode::Char('?'));
        assert!(matches!(app.overlays.last(), Some(Overlay::Help(_))));
        snap_language(app, &name("help"), &english);
        press(app, KeyCode::Esc);
        press(app, KeyCode::Tab);
        press(app, KeyCode::Enter);
        assert!(matches!(app.overlays.last(), Some(Overlay::Confirm { .. })));
        snap_language(app, &name("confirm"), &english);
        press(app, KeyCode::Enter);
        press(app, KeyCode::Enter);
        press(app, KeyCode::Enter);
        post_report(app, "WO-1006", "9");
        press(app, KeyCode::F(4));
        assert!(matches!(app.screen, Screen::History(_)));
        let history = snap_language(app, &name("history"), &english);
        assert!(history.contains(words[3]), "{tag}: the history:\n{history}");
        press(app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Detail(_)));
        snap_language(app, &name("report_lines"), &english);
        press(app, KeyCode::Esc);
        press(app, KeyCode::Esc);
        press(app, KeyCode::F(7));
        assert!(matches!(app.screen, Screen::Exceptions(_)));
        snap_language(app, &name("deferred"), &english);
        press(app, KeyCode::Esc);
        press(app, KeyCode::F(6));
        assert!(matches!(app.screen, Screen::Staging(_)));
        snap_language(app, &name("staging"), &english);
        press(app, KeyCode::Esc);
        app.open_orders();
        type_text(app, "1005");
        press(app, KeyCode::Esc);
        press(app, KeyCode::F(8));
        assert!(matches!(app.screen, Screen::Variance(_)));
        snap_language(app, &name("variance"), &english);
        press(app, KeyCode::Esc);
        press(app, KeyCode::F(9));
        assert!(matches!(app.screen, Screen::Health(_)));
        snap_language(app, &name("health"), &english);
        press(app, KeyCode::Esc);
        press(app, KeyCode::F(12));
        assert!(matches!(app.overlays.last(), Some(Overlay::Prompt { .. })));
        snap_language(app, &name("pick_list"), &english);
        type_text(app, "HO-46");
        press(app, KeyCode::Enter);
        type_text(app, "OIL-2609");
        press(app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Trace(_)));
        snap_language(app, &name("trace"), &english);
        assert!(
            row_of(&board, &format!("│ {}", t(Msg::ColOrder))).contains(&t(Msg::ColLeft)),
            "{tag}: the board's header:\n{board}"
        );
        assert!(
            report.contains(words[1]),
            "{tag}: scrap's header:\n{report}"
        );
    }
}

#[test]
fn in_german_the_quit_the_reversal_and_the_more_marker_read_german() {
    let mut d = demo();
    // Badge 1002 speaks German.
    login(&mut d.app, "1002", "4321");
    post_report(&mut d.app, "WO-1005", "1");
    age_reports(&d);
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Char('x'));
    let s = screen(&d.app);
    assert!(
        s.contains("Grund für Storno der Rückmeldung 1 (WO-1005 AG"),
        "{s}"
    );
    press(&mut d.app, KeyCode::Enter);
    assert!(
        screen(&d.app).contains("ein Storno braucht einen Grund"),
        "{}",
        screen(&d.app)
    );
    type_text(&mut d.app, "falscher Auftrag");
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(s.contains("Rückmeldung 1 stornieren?"), "{s}");
    assert!(s.contains("Grund: falscher Auftrag"), "{s}");
    assert!(s.contains("Stornieren?"), "{s}");
    assert!(!s.contains("Reverse"), "{s}");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Esc);

    open_report(&mut d.app, "WO-1005");
    type_text(&mut d.app, "1");
    to_lines(&mut d.app);
    press(&mut d.app, KeyCode::Char('q'));
    let s = screen(&d.app);
    assert!(s.contains("Beenden?"), "{s}");
    assert!(
        s.contains("Die bearbeitete Rückmeldung ist nicht gebucht."),
        "{s}"
    );
    assert!(s.contains("Beenden und verwerfen?"), "{s}");
    press(&mut d.app, KeyCode::Esc);
    press(&mut d.app, KeyCode::Tab);
    press(&mut d.app, KeyCode::Enter);
    let s = screen(&d.app);
    assert!(
        s.contains("Auftrag WO-1005 · Arbeitsgang 20 · Gutmenge 1 · Ausschuss 0"),
        "{s}"
    );
    assert!(
        s.contains("Zeilen zu entnehmen, 0 offen, 1 von Hand"),
        "{s}"
    );
    assert!(s.contains("h nach Standard"), "{s}");
    assert_eq!(backflush::tui::strings::more_below(5), "↓ 5 weitere");
}

#[test]
fn in_german_the_variance_title_and_the_count_reason_prompt_read_german() {
    let mut d = demo();
    login(&mut d.app, "1002", "4321");
    open_variance(&mut d.app, "WO-1005");
    let Screen::Variance(v) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    assert_eq!(
        v.title,
        " WO-1005 · HP-100 Hydraulic hand pump 700 bar single-speed · Menge 20 · Fortschritt und Abweichung "
    );
    assert_eq!(
        v.short_title,
        " WO-1005 · HP-100 · Menge 20 · Fortschritt und Abweichung "
    );
    ctrl(&mut d.app, 'l');
    // The same German badge as a material handler (a file without the language keeps it).
    let dir = d._dir.path().join("users");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("users.csv"), "badge,role,pin\n1002,handler,4321\n").unwrap();
    let admin = backflush::service::Credentials {
        badge: Some("9001".into()),
        pin: Some("9999".into()),
        approver: None,
    };
    d.app.service.import(&dir, &admin).unwrap();
    login(&mut d.app, "1002", "4321");
    press(&mut d.app, KeyCode::F(6));
    // A transfer's sources list what each holds, in German.
    let (row, listed) = transfer_sources(&mut d.app, "GAUGE-700");
    assert_eq!(listed, [("ST-COMP".to_string(), "Bestand 22".to_string())]);
    press(&mut d.app, KeyCode::Esc);
    for _ in 0..row {
        press(&mut d.app, KeyCode::Up);
    }
    press(&mut d.app, KeyCode::Char('c'));
    type_text(&mut d.app, "130");
    press(&mut d.app, KeyCode::Enter);
    let titles: Vec<&str> = d
        .app
        .overlays
        .iter()
        .filter_map(|o| match o {
            Overlay::Prompt { title, .. } => Some(title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        titles,
        [
            "BDY-100 an M-ASM: Buchbestand 30, gezählt 130 = +100 (+333,33%). Grund wählen zum Buchen"
        ],
        "{}",
        screen(&d.app)
    );
}

#[test]
fn in_german_a_substitutes_return_is_refused_in_german() {
    let mut d = demo();
    // The German badge as a lead (a file without the language keeps it).
    let dir = d._dir.path().join("users");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("users.csv"), "badge,role,pin\n1002,lead,4321\n").unwrap();
    let admin = backflush::service::Credentials {
        badge: Some("9001".into()),
        pin: Some("9999".into()),
        approver: None,
    };
    d.app.service.import(&dir, &admin).unwrap();
    login(&mut d.app, "1002", "4321");
    post_report(&mut d.app, "WO-1005", "3");
    press(&mut d.app, KeyCode::F(4));
    press(&mut d.app, KeyCode::Enter);
    let Screen::Detail(det) = &d.app.screen else {
        panic!("{}", screen(&d.app))
    };
    let seal = det
        .lines
        .iter()
        .position(|(l, _)| l.item == "SEAL-12")
        .unwrap();
    for _ in 0..seal {
        press(&mut d.app, KeyCode::Down);
    }
    press(&mut d.app, KeyCode::Char('u'));
    type_text(&mut d.app, "SEAL-25");
    press(&mut d.app, KeyCode::Enter);
    let error = |d: &Demo| match d.app.overlays.last() {
        Some(Overlay::Prompt { error, .. }) => error.clone(),
        _ => None,
    };
    for _ in 0..3 {
        press(&mut d.app, KeyCode::Backspace);
    }
    type_text(&mut d.app, "5");
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(
        error(&d).as_deref(),
        Some("5 ist mehr als die 3 SEAL-12, die Zeile 30 entnommen hat"),
        "{}",
        screen(&d.app)
    );
    press(&mut d.app, KeyCode::Backspace);
    type_text(&mut d.app, "0");
    press(&mut d.app, KeyCode::Enter);
    assert_eq!(
        error(&d).as_deref(),
        Some("\"0\" ist keine Menge über 0"),
        "{}",
        screen(&d.app)
    );
}

#[test]
fn a_refusal_longer_than_a_row_is_read_whole_at_80x24_in_every_language() {
    // A German operator asks to count on the staging list: the refusal names who may, and at
    // 80 columns that takes two rows, neither cut.
    let mut d = demo();
    login(&mut d.app, "1002", "4321");
    press(&mut d.app, KeyCode::F(6));
    press(&mut d.app, KeyCode::Char('c'));
    let text = screen_text(&draw(&d.app, 80, 24));
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 24, "{text}");
    let border = rows.iter().rposition(|r| r.starts_with('╰')).unwrap();
    let message: Vec<&str> = rows[border + 1..23].iter().map(|r| r.trim()).collect();
    assert_eq!(
        message.join(" "),
        "1002 (Bediener) darf nicht Bestand umlagern oder zählen; nötig ist die Rolle \
         Schichtführer, Logistiker oder Admin",
        "{text}"
    );
    assert!(!text.contains('…'), "{text}");
    // The footer keeps the last row.
    assert!(rows[23].contains("Esc zurück"), "{text}");
    // The same in Chinese, where a line has no spaces to break at and a character is two cells.
    ctrl(&mut d.app, 'l');
    login(&mut d.app, "1005", "5678");
    press(&mut d.app, KeyCode::F(6));
    press(&mut d.app, KeyCode::Char('c'));
    let text = screen_text(&draw(&d.app, 80, 24));
    assert!(!text.contains('…'), "{text}");
    assert!(text.contains("需要角色"), "{text}");
}
