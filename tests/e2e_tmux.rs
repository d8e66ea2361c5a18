//! The real binary in a real terminal: tmux runs `backflush demo`, the test types keys and
//! reads the screen, then opens the store the program wrote. Skipped (with a note) where tmux
//! is not installed.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::binary;

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        let t = Tmux {
            socket: format!("bf-test-{}-{name}", std::process::id()),
            session: name.to_string(),
        };
        let status = Command::new("tmux")
            .args(["-L", &t.socket, "new-session", "-d", "-s", &t.session])
            .args(["-x", &width.to_string(), "-y", &height.to_string(), command])
            .env_remove("TMUX")
            .status()
            .unwrap();
        assert!(status.success(), "tmux did not start");
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", &self.session, k]);
        }
    }

    fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.session, "-l", text]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.session])
    }

    /// Waits until the screen shows `needle` (never a fixed sleep).
    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |screen| screen.contains(needle))
    }

    /// Waits until the whole screen satisfies `ready` (a redraw may be caught half-way).
    fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let needle = what;
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "timed out waiting for {needle:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The demo at its first work center, in English before login (`LC_ALL=C.UTF-8`, whatever
/// the locale of the machine running the tests).
fn demo_command(dir: &Path) -> (String, PathBuf) {
    let db = dir.join("plant.db");
    let log = dir.join("backflush.log");
    let cmd = format!(
        "LC_ALL=C.UTF-8 BACKFLUSH_LOG={} {} --db {} demo; echo EXIT=$?; sleep 60",
        log.display(),
        binary(),
        db.display()
    );
    (cmd, db)
}

fn login(t: &Tmux) {
    t.wait_for("Log in");
    t.text("1001");
    t.keys(&["Enter"]);
    t.text("1234");
    t.keys(&["Enter"]);
    t.wait_for("Ana Novak (1001, operator)");
}

#[test]
fn an_operator_reports_with_an_override_posts_and_quits() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_command(dir.path());
    let t = Tmux::start("report", 100, 30, &cmd);
    login(&t);
    // Scan the order number, then Enter opens its first open count point.
    t.text("WO-1012");
    t.keys(&["Enter"]);
    t.wait_for("● count point");
    t.keys(&["Enter"]);
    t.wait_for("report at op 20");
    t.text("5");
    t.wait_for("receive 5 → FG");
    // To the lines, down to the O-ring (line 40.40, the 7th), override it to 12.
    t.keys(&[
        "Tab", "Tab", "Down", "Down", "Down", "Down", "Down", "Down", "e",
    ]);
    t.wait_for("Quantity to issue, line 40.40 OR-20");
    t.text("12");
    t.keys(&["Enter"]);
    // The override asks its reason; Enter picks the first.
    t.wait_for("Pick a reason");
    t.keys(&["Enter"]);
    t.wait_for("issue*");
    t.keys(&["Enter"]);
    t.wait_for("Post this report?");
    t.keys(&["Enter"]);
    t.wait_for("Post without the manual lines?");
    t.keys(&["Enter"]);
    t.wait_for("Report 1 posted for order WO-1012");
    t.keys(&["Enter"]);
    t.keys(&["C-q"]);
    let screen = t.wait_for("EXIT=0");
    assert!(
        !screen.contains("Orders ("),
        "the alternate screen was left:\n{screen}"
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    let issued: String = conn
        .query_row(
            "SELECT qty FROM movements WHERE item = 'OR-20' AND kind = 'issue' AND location = 'M-ASM'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(issued, "-12");
    let balance: String = conn
        .query_row(
            "SELECT qty FROM balances WHERE item = 'OR-20' AND location = 'M-ASM'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(balance, "288");
    let (user, overridden): (String, i64) = conn
        .query_row(
            "SELECT r.user, l.overridden FROM reports r JOIN report_lines l ON l.report_id = r.id WHERE l.line = '40.40'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((user.as_str(), overridden), ("1001", 1));
    let received: String = conn
        .query_row(
            "SELECT qty FROM balances WHERE item = 'HP-100' AND location = 'FG'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(received, "10", "5 opening + 5 received");
}

#[test]
fn the_terminal_redraws_on_resize_and_refuses_bad_input_in_place() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_command(dir.path());
    let t = Tmux::start("resize", 120, 40, &cmd);
    login(&t);
    t.text("WO-1005");
    t.keys(&["Enter"]);
    t.wait_for("● count point");
    t.keys(&["Enter"]);
    t.wait_for("report at op 20");
    // Too precise for EA, then over the order quantity: shown, never posted.
    t.text("2.5");
    t.wait_for("good 2.5: the unit allows 0 decimals");
    t.keys(&["Enter"]);
    t.wait_for("cannot post");
    t.tmux(&["resize-window", "-t", &t.session, "-x", "80", "-y", "24"]);
    let screen = t.wait_for("Tab field");
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines.len() <= 24, "{screen}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{screen}");
    t.keys(&["BSpace", "BSpace", "BSpace"]);
    t.text("25");
    t.wait_for("over the limit of 20");
    // Esc on an edited report asks; Ctrl-C then Enter quits without posting.
    t.keys(&["Escape"]);
    t.wait_for("Leave and lose it?");
    t.keys(&["C-c"]);
    t.wait_for("Quit and lose it?");
    t.keys(&["Enter"]);
    t.wait_for("EXIT=0");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let reports: i64 = conn
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reports, 0);
}

/// `backflush demo` at the assembly work center, in a store file under `dir`.
fn demo_at_assembly(dir: &Path) -> (String, PathBuf) {
    let db = dir.join("plant.db");
    let cmd = format!(
        "LC_ALL=C.UTF-8 BACKFLUSH_LOG={} {} --db {} --work-center WC-ASM demo; echo EXIT=$?; sleep 60",
        dir.join("backflush.log").display(),
        binary(),
        db.display()
    );
    (cmd, db)
}

fn login_as(t: &Tmux, badge: &str, pin: &str, shown: &str) {
    t.wait_for("Log in");
    t.text(badge);
    t.keys(&["Enter"]);
    t.text(pin);
    t.keys(&["Enter"]);
    t.wait_for(shown);
}

#[test]
fn a_handler_brings_the_first_row_of_the_queue_with_what_is_owed_in_one_trip() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_at_assembly(dir.path());
    let t = Tmux::start("staging", 100, 30, &cmd);
    // A lead reports 9 of WO-1006: PST-25 is short at M-ASM and waits in the queue.
    login_as(&t, "2001", "2222", "Carla Ruiz (2001, lead)");
    post_wo_1006(&t, "9");
    t.wait_for("Line 30 PST-25 (3 short) waits for stock");
    t.keys(&["Enter", "C-l"]);
    // The handler's staging list counts the 9 owed with what the open orders still need.
    login_as(&t, "3001", "3333", "Dmitri Petrov (3001, handler)");
    t.keys(&["F6"]);
    // The whole list drawn: the staging title and the rows below PST-25.
    let screen = t.wait_until("the staging list", |s| {
        s.contains("Staging for WC-ASM") && s.contains("SPR-6")
    });
    let row = screen
        .lines()
        .find(|l| l.contains("PST-25"))
        .unwrap_or_else(|| panic!("{screen}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert!(
        cells.windows(5).any(|w| w[1..] == ["6", "—", "25", "19"]),
        "6 on hand, no min/max, need 25 (16 to report + 9 owed), bring 19: {row}"
    );
    // What is owed comes first in the handler's queue: PST-25 is the first row, selected.
    let lines: Vec<&str> = screen.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.contains("Item") && l.contains("Bring"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        lines.get(header + 1).is_some_and(|l| l.contains("PST-25")),
        "{screen}"
    );
    t.keys(&["t"]);
    let screen = t.wait_for("Bring PST-25 to M-ASM from which location?");
    assert!(screen.contains("ST-COMP"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("How many PST-25 from ST-COMP to M-ASM");
    t.keys(&["Enter"]);
    t.wait_for("Move 19 PST-25 from ST-COMP to M-ASM.");
    t.keys(&["Enter"]);
    t.wait_for("moved 19 PST-25 from ST-COMP to M-ASM; 1 waiting line posted");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let open: i64 = conn
        .query_row(
            "SELECT count(*) FROM exceptions WHERE item = 'PST-25' AND status = 'open'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open, 0, "the owed line posted with the one trip");
    let transfers: i64 = conn
        .query_row(
            "SELECT count(*) FROM movements WHERE item = 'PST-25' AND kind LIKE 'transfer%' AND qty > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(transfers, 1, "one trip");
}

#[test]
fn a_lead_approves_a_large_override_at_the_operators_terminal() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_at_assembly(dir.path());
    let t = Tmux::start("approve", 80, 24, &cmd);
    login(&t);
    t.text("WO-1012");
    t.keys(&["Enter"]);
    t.wait_for("● count point");
    t.keys(&["Enter"]);
    t.wait_for("report at op 20");
    t.text("5");
    t.wait_for("receive 5 → FG");
    t.keys(&[
        "Tab", "Tab", "Down", "Down", "Down", "Down", "Down", "Down", "e",
    ]);
    t.wait_for("Quantity to issue, line 40.40 OR-20");
    t.text("13");
    t.keys(&["Enter"]);
    t.wait_for("Pick a reason");
    t.text("use");
    t.keys(&["Enter"]);
    // Marked the moment it is typed, before any confirmation.
    t.wait_for("needs lead");
    t.keys(&["Enter"]);
    let screen = t.wait_for("A lead must approve");
    assert!(screen.contains("13 against planned 11"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("Post without the manual lines?");
    t.keys(&["Enter"]);
    t.wait_for("scan or type the lead's badge");
    t.text("2001");
    t.keys(&["Enter"]);
    t.wait_for("PIN of lead 2001");
    t.text("0000");
    t.keys(&["Enter"]);
    // A wrong PIN asks the PIN again; the lead types it right.
    t.wait_for("wrong PIN for badge 2001");
    t.text("2222");
    t.keys(&["Enter"]);
    t.wait_for("Report 1 posted for order WO-1012");
    t.keys(&["Enter", "C-q"]);
    t.wait_for("EXIT=0");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (user, approver, reason): (String, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT r.user, r.approver, l.reason FROM reports r JOIN report_lines l ON l.report_id = r.id WHERE l.line = '40.40'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(user, "1001");
    assert_eq!(
        approver.as_deref(),
        Some("2001"),
        "the lead is the approver"
    );
    assert_eq!(reason.as_deref(), Some("ACTUAL-USE"));
    let issued: String = conn
        .query_row(
            "SELECT qty FROM movements WHERE item = 'OR-20' AND kind = 'issue'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(issued, "-13");
}

#[test]
fn an_operator_reports_a_lot_line_and_a_manual_serial_line_and_the_store_keeps_the_lots() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_command(dir.path());
    let t = Tmux::start("lots", 100, 30, &cmd);
    login(&t);
    t.text("WO-1006");
    t.keys(&["Enter"]);
    // Its operations: Enter opens the count point.
    t.wait_for("● count point");
    t.keys(&["Enter"]);
    t.wait_for("report at op 20");
    t.text("1");
    t.wait_for("receive 1 → FG");
    // To the lines, down to the last (the carton), one up to the pressure gauge (line 125).
    t.keys(&["Tab", "Tab"]);
    for _ in 0..25 {
        t.keys(&["Down"]);
    }
    t.wait_for("Line 130 BOX-1");
    t.keys(&["Up"]);
    t.wait_for("a: issue the planned 1 EA by hand");
    t.keys(&["a"]);
    t.wait_for("Serials for line 125 GAUGE-700");
    // The scanner types the serial and Enter.
    t.text("G7-0002");
    t.keys(&["Enter"]);
    t.wait_for("by hand");
    t.keys(&["Enter"]);
    t.wait_for("Post this report?");
    t.keys(&["Enter"]);
    t.wait_for("Post without the manual lines?");
    t.keys(&["Enter"]);
    t.wait_for("Report 1 posted for order WO-1006");
    t.keys(&["Enter"]);
    t.keys(&["C-q"]);
    t.wait_for("EXIT=0");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let movement = |item: &str| -> (String, String, String) {
        conn.query_row(
            "SELECT kind, lot, qty FROM movements WHERE item = ?1 AND report_id = 1",
            [item],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    // The serial line by hand; the oil backflushed from the earliest unexpired lot (FEFO,
    // the expired OIL-2603 passed over); the pump received into the order's lot.
    assert_eq!(
        movement("GAUGE-700"),
        ("manual_issue".into(), "G7-0002".into(), "-1".into())
    );
    assert_eq!(
        movement("HO-46"),
        ("issue".into(), "OIL-2609".into(), "-1.26".into())
    );
    assert_eq!(
        movement("HP-200"),
        ("receipt".into(), "WO-1006".into(), "1".into())
    );
    let left: String = conn
        .query_row(
            "SELECT qty FROM lot_balances WHERE item = 'GAUGE-700' AND lot = 'G7-0002'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, "0");
}

#[test]
fn every_quantity_field_of_the_report_refuses_letters_a_comma_and_a_minus() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_command(dir.path());
    let t = Tmux::start("refuse", 80, 24, &cmd);
    login(&t);
    t.text("WO-1012");
    t.keys(&["Enter"]);
    t.wait_for("● count point");
    t.keys(&["Enter"]);
    t.wait_for("report at op 20");
    // Good: 5, then a line key, a comma and a minus are refused where typed.
    t.text("5");
    t.wait_for("receive 5 → FG");
    t.text("k");
    t.wait_for("'k' not taken: a quantity is digits and a point (1.5)");
    t.text(",");
    t.wait_for("',' not taken: decimals take a point (type 1.5)");
    t.text("-");
    t.wait_for("'-' not taken: this quantity cannot be negative");
    t.text("q");
    t.wait_for("'q' not taken");
    let screen = t.screen();
    assert!(screen.contains("receive 5 → FG"), "good still 5:\n{screen}");
    assert!(
        !screen.contains("Pick a reason") && !screen.contains("Quit"),
        "{screen}"
    );
    // Scrap the same.
    t.keys(&["Tab"]);
    t.text("x");
    t.wait_for("'x' not taken");
    t.text(",");
    t.wait_for("',' not taken");
    t.text("-");
    t.wait_for("'-' not taken");
    // On the lines: the O-ring's quantity and line scrap.
    t.keys(&["Tab", "Down", "Down", "Down", "Down", "Down", "Down", "e"]);
    t.wait_for("Quantity to issue, line 40.40 OR-20");
    t.text("-");
    t.wait_for("'-' not taken");
    t.text("1,a");
    t.wait_for("'a' not taken");
    let prompt = t.screen();
    assert!(prompt.contains("│ 1▏"), "only the 1 was taken:\n{prompt}");
    t.keys(&["Escape"]);
    // Esc read alone, not as the start of Alt-s.
    t.wait_until("the prompt closed", |s| !s.contains("Quantity to issue"));
    t.keys(&["s"]);
    t.wait_for("Line scrap on top, line 40.40 OR-20");
    t.text("-");
    t.wait_for("'-' not taken");
    t.text("2,");
    t.wait_for("',' not taken");
    t.text("z");
    t.wait_for("'z' not taken");
    t.keys(&["Escape"]);
    t.wait_until("the prompt closed", |s| !s.contains("Line scrap on top"));
    // Nothing changed: leave without posting.
    t.keys(&["C-c"]);
    t.wait_for("Quit and lose it?");
    t.keys(&["Enter"]);
    t.wait_for("EXIT=0");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let reports: i64 = conn
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reports, 0);
}

#[test]
fn a_report_whose_manual_lines_were_left_unissued_asks_again_before_it_posts() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_command(dir.path());
    let t = Tmux::start("manual", 80, 24, &cmd);
    login(&t);
    t.text("WO-1006");
    t.keys(&["Enter"]);
    t.wait_for("● count point");
    t.keys(&["Enter"]);
    t.wait_for("report at op 20");
    t.text("1");
    t.wait_for("receive 1 → FG");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Post this report?");
    assert!(
        screen.contains("3 manual lines not issued: 90 GR-EP2, 120"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait_for("Post without the manual lines?");
    assert!(screen.contains("Nothing is issued for them"), "{screen}");
    // Esc: back to the report, nothing posted.
    t.keys(&["Escape"]);
    t.wait_until("the report again", |s| {
        !s.contains("Post without") && s.contains("report at op 20")
    });
    t.keys(&["Enter"]);
    t.wait_for("Post this report?");
    t.keys(&["Enter"]);
    t.wait_for("Post without the manual lines?");
    t.keys(&["Enter"]);
    t.wait_for("Report 1 posted for order WO-1006");
    // Enter pressed once too often on the board opens nothing: what was posted stays.
    t.keys(&["Enter"]);
    t.keys(&["C-q"]);
    t.wait_for("EXIT=0");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let reports: i64 = conn
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reports, 1);
}

#[test]
fn a_lead_traces_a_finished_lot_picked_from_the_list() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, _db) = demo_at_assembly(dir.path());
    let t = Tmux::start("trace", 80, 24, &cmd);
    login_as(&t, "2001", "2222", "Carla Ruiz (2001, lead)");
    // One pump of WO-1006 received: lot WO-1006 of HP-200, beside the unknown lot in FG.
    post_wo_1006(&t, "1");
    t.wait_for("Report 1 posted for order WO-1006");
    t.keys(&["F12"]);
    t.wait_for("Trace a lot: which item?");
    t.text("HP-200");
    t.keys(&["Enter"]);
    let screen = t.wait_until("the lot list", |s| {
        s.contains("Trace which lot of HP-200") && s.contains("unknown lot")
    });
    assert!(screen.contains("WO-1006"), "{screen}");
    // Enter takes the lot highlighted: the order's own, not the unknown lot.
    t.keys(&["Enter"]);
    let screen = t.wait_for("Trace: HP-200 WO-1006");
    assert!(!screen.contains("(unknown lot)"), "{screen}");
    assert!(
        screen.contains("OIL-2609"),
        "the oil lot that went into it:\n{screen}"
    );
    t.keys(&["Escape"]);
    // Esc read alone before the next key, not as the start of an Alt chord.
    t.wait_until("back on the board", |s| !s.contains("Trace: HP-200"));
    t.keys(&["C-q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn a_german_operator_reads_german_and_the_next_badge_reads_english() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, _) = demo_command(dir.path());
    let t = Tmux::start("languages", 100, 30, &cmd);
    t.wait_for("Demo badges (language)");
    login_as(&t, "1002", "4321", "Ben Okafor (1002, Bediener)");
    t.wait_for("Willkommen, Ben Okafor (angemeldet)");
    t.keys(&["C-l"]);
    let screen = t.wait_for("Log in");
    assert!(screen.contains("not logged in"), "{screen}");
    login_as(&t, "1001", "1234", "Ana Novak (1001, operator)");
    t.wait_for("welcome, Ana Novak (logged in)");
    t.keys(&["C-q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn a_lead_closes_an_order_from_its_variance_and_wip_reads_it_closed_and_empty() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_at_assembly(dir.path());
    let t = Tmux::start("close", 80, 24, &cmd);
    login_as(&t, "2001", "2222", "Carla Ruiz (2001, lead)");
    // One pump of WO-1006 reported: its WIP holds what the standards did not carry out.
    post_wo_1006(&t, "1");
    t.wait_for("Report 1 posted for order WO-1006");
    // Its progress and variance, then the close: short (1 of 10), so a reason.
    t.text("WO-1006");
    t.keys(&["Enter"]);
    t.wait_for("● count point");
    t.keys(&["v"]);
    t.wait_for("progress and variance");
    t.keys(&["c"]);
    let screen = t.wait_for("Close WO-1006?");
    assert!(screen.contains("Short: 1 good of 10"), "{screen}");
    assert!(screen.contains("WIP settled: "), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("Why close WO-1006 short?");
    t.text("customer cancelled");
    t.keys(&["Enter"]);
    t.wait_for("Reason: customer cancelled");
    t.keys(&["Enter"]);
    t.wait_for("WO-1006 closed (short)");
    t.wait_for("CLOSED");
    // Esc goes back to the board, which the closed order has left.
    t.keys(&["Escape"]);
    // The whole board drawn, its footer included (a capture may catch a redraw half-way).
    let board = t.wait_until("the board", |s| {
        s.contains("Orders (") && s.contains("Enter open") && !s.contains("Material cost")
    });
    assert!(!board.contains("WO-1006"), "{board}");
    t.keys(&["C-q"]);
    t.wait_for("EXIT=0");
    let out = Command::new(binary())
        .args(["--db", db.to_str().unwrap(), "wip", "--all", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = json["orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order"] == "WO-1006")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(row["status"], "closed", "{json}");
    assert_eq!(row["wip"], "0", "{json}");
    assert_ne!(row["settled"], "0", "{json}");
    assert_eq!(json["total"]["wip"], "0", "{json}");
}

#[test]
fn a_german_operator_types_a_decimal_comma_that_posts_as_two_and_a_half_then_english_again() {
    if !Tmux::available() {
        eprintln!("tmux is not installed: the end-to-end terminal test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (cmd, db) = demo_command(dir.path());
    let t = Tmux::start("decimal-comma", 100, 30, &cmd);
    login_as(&t, "1002", "4321", "Ben Okafor (1002, Bediener)");
    t.text("WO-1006");
    t.keys(&["Enter"]);
    // The footers speak German: the operations', then the report's.
    t.wait_for("Enter melden");
    t.keys(&["Enter"]);
    t.wait_for("e Menge");
    t.text("2");
    t.keys(&["Tab", "Tab"]);
    // Down the lines to the hydraulic oil (litres, 3 decimals): its quantity prompt names it.
    let mut found = false;
    for _ in 0..30 {
        t.keys(&["e"]);
        let screen = t.wait_for(", Zeile ");
        if screen.contains("Menge zu entnehmen, Zeile 100 HO-46") {
            found = true;
            break;
        }
        t.keys(&["Escape"]);
        t.wait_until("the prompt closed", |s| !s.contains(", Zeile "));
        t.keys(&["Down"]);
    }
    assert!(found, "no line 100 HO-46:\n{}", t.screen());
    // A point is refused at the key press with the German form; the comma is taken.
    t.text(".");
    t.wait_for("tippen Sie 1,5");
    t.text("2,5");
    t.keys(&["Enter"]);
    t.wait_for("Grund wählen");
    t.keys(&["Enter"]);
    t.wait_until("the reason taken", |s| !s.contains("Grund wählen"));
    t.keys(&["Enter"]);
    t.wait_for("Diese Rückmeldung buchen?");
    t.keys(&["Enter"]);
    t.wait_for("Ohne die Handzeilen buchen?");
    t.keys(&["Enter"]);
    t.wait_for("Rückmeldung 1 für Auftrag WO-1006 gebucht.");
    t.keys(&["Enter"]);
    t.keys(&["C-l"]);
    t.wait_for("Log in");
    login_as(&t, "1001", "1234", "Ana Novak (1001, operator)");
    let screen = t.wait_for("welcome, Ana Novak (logged in)");
    assert!(screen.contains("Enter open"), "{screen}");
    t.keys(&["C-q"]);
    t.wait_for("EXIT=0");

    // The ledger keeps the number, not the way it was typed.
    let out = std::process::Command::new(binary())
        .args([
            "--db",
            db.to_str().unwrap(),
            "--json",
            "audit",
            "--item",
            "HO-46",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let audit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let issued: Vec<String> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "issue" && m["report_id"] == 1)
        .map(|m| m["qty"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(issued, ["-2.5"], "{audit}");
}

/// Reports `good` pumps of WO-1006 at its count point from the board, through both questions
/// (the report, then the manual lines left at 0).
fn post_wo_1006(t: &Tmux, good: &str) {
    t.text("WO-1006");
    t.keys(&["Enter"]);
    t.wait_for("● count point");
    t.keys(&["Enter"]);
    t.wait_for("report at op 20");
    t.text(good);
    t.wait_for(&format!("receive {good}"));
    t.keys(&["Enter"]);
    t.wait_for("Post this report?");
    t.keys(&["Enter"]);
    t.wait_for("Post without the manual lines?");
    t.keys(&["Enter"]);
}
