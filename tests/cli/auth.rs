//! People and permissions: badges, PINs, roles and a lead's approval.

#![allow(clippy::unwrap_used)]

use crate::common::cli::*;

// =============================================================================================
// People and permissions
// =============================================================================================

fn users_plant() -> Plant {
    let plant = Plant::empty();
    // The import that brings the first users needs no user.
    plant.import(&Files::base().with("users.csv", USERS)).ok();
    plant
}

fn as_user(plant: &Plant, badge: &str, pin: &str, args: &[&str]) -> Out {
    let mut all = vec!["--user", badge];
    all.extend_from_slice(args);
    plant.run_env(&all, &[("BACKFLUSH_PIN", pin)])
}

const REPORT_3: [&str; 9] = [
    "report", "--order", "WO1", "--op", "10", "--good", "3", "--json", "--key=K3",
];

#[test]
fn report_needs_a_user_once_users_exist() {
    let plant = users_plant();
    plant.run(&REPORT_3).refused();
    assert_eq!(plant.stock(), base_stock(), "reading needs no user");
    plant.run(&["verify"]).ok();
    // Wrong PIN.
    as_user(&plant, "1001", "0000", &REPORT_3)
        .refused()
        .says(&["1001"]);
    // No PIN at all (no terminal to ask on).
    plant
        .run(&[
            "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "3",
        ])
        .refused();
    assert_eq!(plant.stock(), base_stock());
    // The right PIN.
    as_user(&plant, "1001", "1234", &REPORT_3).ok();
    assert_eq!(plant.qty("C1", "M1"), "94");
}

#[test]
fn operator_reversal_needs_a_lead() {
    let plant = users_plant();
    // The lead's report: an operator may undo only their own alone (within undo_minutes).
    let r = as_user(&plant, "2001", "2222", &REPORT_3).ok().json();
    let id = report_id(&r);
    let reverse = [
        "reverse",
        "--report",
        id.as_str(),
        "--reason",
        "wrong count",
    ];
    as_user(&plant, "1001", "1234", &reverse)
        .refused()
        .says(&["1001", "lead"]);
    assert_eq!(plant.qty("C1", "M1"), "94");
    // Wrong approver PIN.
    let mut with_lead = vec!["--user", "1001", "--approver", "2001"];
    with_lead.extend_from_slice(&reverse);
    plant
        .run_env(
            &with_lead,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "1111"),
            ],
        )
        .refused()
        .says(&["2001"]);
    assert_eq!(plant.qty("C1", "M1"), "94");
    // An approver who is not a lead.
    let mut with_handler = vec!["--user", "1001", "--approver", "3001"];
    with_handler.extend_from_slice(&reverse);
    plant
        .run_env(
            &with_handler,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "3333"),
            ],
        )
        .refused();
    assert_eq!(plant.qty("C1", "M1"), "94");
    plant
        .run_env(
            &with_lead,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "100");
    plant.verify();
}

#[test]
fn lead_reverses_alone() {
    let plant = users_plant();
    let r = as_user(&plant, "2001", "2222", &REPORT_3).ok().json();
    as_user(
        &plant,
        "2001",
        "2222",
        &["reverse", "--report", &report_id(&r), "--reason", "test"],
    )
    .ok();
    assert_eq!(plant.qty("C1", "M1"), "100");
}

#[test]
fn handler_cannot_report_but_can_transfer() {
    let plant = users_plant();
    as_user(&plant, "3001", "3333", &REPORT_3)
        .refused()
        .says(&["3001", "handler"]);
    assert_eq!(plant.stock(), base_stock());
    let transfer = [
        "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
    ];
    as_user(&plant, "1001", "1234", &transfer)
        .refused()
        .says(&["1001", "operator"]);
    as_user(&plant, "3001", "3333", &transfer).ok();
    assert_eq!(plant.qty("C1", "M1"), "105");
    as_user(&plant, "1001", "1234", &["exceptions", "retry", "--json"])
        .refused()
        .says(&["1001"]);
    as_user(&plant, "3001", "3333", &["exceptions", "retry", "--json"]).ok();
    // Reading needs no user.
    plant.run(&["exceptions", "--json"]).ok();
    plant.run(&["variance", "--order", "WO1", "--json"]).ok();
}

#[test]
fn larger_overrides_need_a_lead() {
    let plant = users_plant();
    // planned 10; 11 is within 10 %.
    as_user(
        &plant,
        "1001",
        "1234",
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "5", "--set", "C1=11", "--json",
        ],
    )
    .ok();
    assert_eq!(plant.qty("C1", "M1"), "89");
    // planned 4; 5 is 25 % over.
    let larger = [
        "report", "--order", "WO1", "--op", "10", "--good", "2", "--set", "C1=5", "--json",
    ];
    as_user(&plant, "1001", "1234", &larger)
        .refused()
        .says(&["lead"]);
    assert_eq!(plant.qty("C1", "M1"), "89");
    let mut with_lead = vec!["--user", "1001", "--approver", "2001"];
    with_lead.extend_from_slice(&larger);
    plant
        .run_env(
            &with_lead,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "84");
}

#[test]
fn larger_override_refusal_names_the_user() {
    let plant = users_plant();
    // planned 4; 5 is 25 % over.
    as_user(
        &plant,
        "1001",
        "1234",
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "2", "--set", "C1=5", "--json",
        ],
    )
    .refused()
    .says(&["1001", "lead"]);
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn init_needs_an_admin_once_users_exist() {
    let plant = users_plant();
    plant.run(&["init"]).refused();
    as_user(&plant, "1001", "1234", &["init"])
        .refused()
        .says(&["1001", "admin"]);
    as_user(&plant, "9001", "9999", &["init"]).ok();
}

#[test]
fn pins_are_not_stored_in_plain_text() {
    let plant = Plant::empty();
    let users = "badge,name,role,pin\n1001,Olga Operator,operator,918273\n";
    plant.import(&Files::base().with("users.csv", users)).ok();
    as_user(
        &plant,
        "1001",
        "918273",
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "1", "--json",
        ],
    )
    .ok();
    for entry in std::fs::read_dir(plant.tmp.path()).expect("read the temp dir") {
        let path = entry.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("store.db") && path.is_file() {
            let bytes = std::fs::read(&path).expect("read a store file");
            assert!(
                !bytes.windows(6).any(|w| w == b"918273"),
                "{name} holds the PIN in plain text"
            );
        }
    }
}

#[test]
fn import_needs_an_admin_once_users_exist() {
    let plant = users_plant();
    let stock = Files(vec![("stock.csv", "item,location,qty\nC1,M1,7\n".into())]);
    plant.import(&stock).refused();
    plant
        .import_env(&stock, &[("BACKFLUSH_PIN", "2222")], &["--user", "2001"])
        .refused()
        .says(&["2001", "admin"]);
    assert_eq!(plant.qty("C1", "M1"), "100");
    plant
        .import_env(&stock, &[("BACKFLUSH_PIN", "9999")], &["--user", "9001"])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "7");
}

/// `args` as badge 1001 (an operator) with the approval of lead 2001.
fn approved(plant: &Plant, args: &[&str]) -> Out {
    let mut all = vec!["--user", "1001", "--approver", "2001"];
    all.extend_from_slice(args);
    plant.run_env(
        &all,
        &[
            ("BACKFLUSH_PIN", "1234"),
            ("BACKFLUSH_APPROVER_PIN", "2222"),
        ],
    )
}

const LINE_FLAG: [&str; 7] = [
    "line-flag",
    "--order",
    "WO1",
    "--line",
    "10",
    "--backflush",
    "no",
];

#[test]
fn only_leads_and_admins_flag_a_line_even_with_a_lead_at_hand() {
    let plant = users_plant();
    for out in [
        as_user(&plant, "1001", "1234", &LINE_FLAG),
        approved(&plant, &LINE_FLAG),
    ] {
        out.refused()
            .says(&["1001 (operator) may not", "it needs the role lead or admin"]);
        assert!(!out.stderr.contains("--approver"), "{}", out.describe());
    }
    // Nothing was flagged: the line still backflushes.
    assert_eq!(plant.qty("C1", "M1"), "100");
    as_user(&plant, "1001", "1234", &REPORT_3).ok();
    assert_eq!(plant.qty("C1", "M1"), "94");
    as_user(&plant, "2001", "2222", &LINE_FLAG).ok();
    as_user(
        &plant,
        "1001",
        "1234",
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "1", "--json",
        ],
    )
    .ok();
    assert_eq!(
        plant.qty("C1", "M1"),
        "94",
        "the flagged line is issued by hand"
    );
}

#[test]
fn a_refusal_suggests_an_approver_only_where_a_lead_can_help() {
    let plant = users_plant();
    let backup = plant.tmp.path().join("copy.db");
    let backup = backup.to_str().unwrap();
    let import_dir = plant.dir(&Files(vec![(
        "stock.csv",
        "item,location,qty\nC1,M1,7\n".into(),
    )]));
    let import_dir = import_dir.to_str().unwrap();
    let no_help: [&[&str]; 7] = [
        &["import", import_dir],
        &["unlock", "--badge", "2001"],
        &["backup", backup],
        &["export", "ack", "--consumer", "erp", "--through", "0"],
        &[
            "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
        ],
        &["count", "--item", "C1", "--location", "M1", "--qty", "99"],
        &LINE_FLAG,
    ];
    for args in no_help {
        let out = as_user(&plant, "1001", "1234", args);
        out.refused().says(&["1001 (operator) may not"]);
        assert!(!out.stderr.contains("--approver"), "{}", out.describe());
    }
    // A handler may not report, lead or no lead.
    let out = as_user(&plant, "3001", "3333", &REPORT_3);
    out.refused().says(&["3001 (handler) may not"]);
    assert!(!out.stderr.contains("--approver"), "{}", out.describe());
    assert_eq!(plant.stock(), base_stock());
    // Where a lead's approval would allow it, the refusal says how to give it.
    let r = as_user(&plant, "2001", "2222", &REPORT_3).ok().json();
    let reverse = ["reverse", "--report", &report_id(&r), "--reason", "wrong"];
    as_user(&plant, "1001", "1234", &reverse)
        .refused()
        .says(&["1001 (operator) may not", "--approver BADGE"]);
    approved(&plant, &reverse).ok();
}

#[test]
fn five_wrong_pins_lock_the_badge() {
    let plant = users_plant();
    let report = ["report", "--order", "WO1", "--op", "10", "--good", "3"];
    for _ in 0..4 {
        as_user(&plant, "1001", "0000", &report).refused();
    }
    // The fifth says until when, lockout_minutes (15) from now, as a time of day in UTC.
    let before = chrono::Utc::now() + chrono::Duration::minutes(15);
    let fifth = as_user(&plant, "1001", "0000", &report);
    fifth.refused();
    let after = chrono::Utc::now() + chrono::Duration::minutes(15);
    let said = |t: chrono::DateTime<chrono::Utc>| {
        format!(
            "error: wrong PIN for badge 1001; the badge is now locked until {}\n",
            t.format("%H:%M UTC")
        )
    };
    assert!(
        fifth.stderr == said(before) || fifth.stderr == said(after),
        "{}",
        fifth.stderr
    );
    as_user(&plant, "1001", "1234", &REPORT_3)
        .refused()
        .says(&["badge 1001 is locked after too many wrong PINs until"]);
    assert_eq!(plant.stock(), base_stock());
}

const PREVIEW_3: [&str; 8] = [
    "preview", "--order", "WO1", "--op", "10", "--good", "3", "--json",
];

/// `args` as badge 1001 with each of `pins`, one process each, all sent at once.
fn at_once(plant: &Plant, pins: &[&str], args: &[&str]) -> Vec<Out> {
    let runs: Vec<_> = pins
        .iter()
        .map(|pin| {
            let mut all = vec!["--user", "1001"];
            all.extend_from_slice(args);
            (all, vec![("BACKFLUSH_PIN", *pin)])
        })
        .collect();
    plant.run_at_once(&runs)
}

/// How many runs said `needle` on stderr (each having exited 1).
fn refused_saying(outs: &[Out], needle: &str) -> usize {
    outs.iter()
        .filter(|o| o.stderr.contains(needle))
        .inspect(|o| {
            o.refused();
        })
        .count()
}

#[test]
fn wrong_pins_sent_in_parallel_count_one_by_one_and_an_admin_unlocks() {
    let plant = users_plant();
    // Twenty wrong PINs at once, by twenty processes: with lockout_attempts = 5 exactly five
    // are checked, the others find the badge locked, and so does the right PIN after them.
    let outs = at_once(&plant, &["0000"; 20], &REPORT_3);
    let describe = || {
        outs.iter()
            .map(Out::describe)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        refused_saying(&outs, "wrong PIN for badge 1001"),
        5,
        "{}",
        describe()
    );
    assert_eq!(
        refused_saying(&outs, "badge 1001 is locked"),
        15,
        "{}",
        describe()
    );
    as_user(&plant, "1001", "1234", &REPORT_3)
        .refused()
        .says(&["badge 1001 is locked"]);
    // An operator may not unlock; an admin may, and the right PIN then works.
    as_user(&plant, "1001", "1234", &["unlock", "--badge", "1001"]).refused();
    let unlocked = as_user(&plant, "9001", "9999", &["unlock", "--badge", "1001"]);
    unlocked.ok();
    assert!(
        unlocked.stdout.contains("badge 1001 unlocked"),
        "{}",
        unlocked.stdout
    );
    as_user(&plant, "1001", "1234", &REPORT_3).ok();
    as_user(&plant, "9001", "9999", &["unlock", "--badge", "NOPE"])
        .refused()
        .says(&["unknown badge NOPE"]);
}

#[test]
fn right_pins_sent_in_parallel_are_all_served() {
    let plant = users_plant();
    // A batch, a terminal and export jobs may share a badge: twelve commands with the right
    // PIN at once, more than lockout_attempts (5), are all served.
    let outs = at_once(&plant, &["1234"; 12], &PREVIEW_3);
    for out in &outs {
        out.ok();
        assert_eq!(line(&out.json(), "10")["qty"], "6", "{}", out.describe());
    }
    // They left no wrong attempt behind.
    as_user(&plant, "1001", "0000", &PREVIEW_3)
        .refused()
        .says(&["wrong PIN for badge 1001", "4 attempts left"]);
}

#[test]
fn right_and_wrong_pins_sent_in_parallel_each_get_their_own_answer() {
    let plant = users_plant();
    // Four wrong PINs among twelve right ones, all at once: fewer wrong ones than
    // lockout_attempts (5), so the badge never locks and every right PIN is served.
    let mut pins = vec!["1234"; 12];
    for at in [1, 4, 8, 12] {
        pins.insert(at, "0000");
    }
    let outs = at_once(&plant, &pins, &PREVIEW_3);
    let describe = || {
        outs.iter()
            .map(Out::describe)
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (pin, out) in pins.iter().zip(&outs) {
        if *pin == "1234" {
            out.ok();
        }
    }
    assert_eq!(
        refused_saying(&outs, "wrong PIN for badge 1001"),
        4,
        "{}",
        describe()
    );
    assert_eq!(refused_saying(&outs, "locked"), 0, "{}", describe());
    as_user(&plant, "1001", "1234", &PREVIEW_3).ok();
}

#[test]
fn checks_that_died_hold_their_places_only_for_a_moment() {
    let plant = users_plant();
    // Five checks of badge 1001 whose processes died mid-check hold every place under
    // lockout_attempts = 5 for one more second: a right PIN waits them out and is served.
    let expires = (chrono::Utc::now() + chrono::Duration::seconds(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    for _ in 0..5 {
        conn.execute(
            "INSERT INTO pin_checks (badge, expires) VALUES ('1001', ?1)",
            [&expires],
        )
        .unwrap();
    }
    drop(conn);
    let started = std::time::Instant::now();
    as_user(&plant, "1001", "1234", &PREVIEW_3).ok();
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "served after {:?}, before the places expired",
        started.elapsed()
    );
    // They were no wrong PINs.
    as_user(&plant, "1001", "0000", &PREVIEW_3)
        .refused()
        .says(&["4 attempts left"]);
}

#[test]
fn a_wrong_pin_names_the_attempts_left() {
    let plant = users_plant();
    as_user(&plant, "1001", "0000", &REPORT_3)
        .refused()
        .says(&["wrong PIN for badge 1001", "4 attempts left"]);
    as_user(&plant, "1001", "0000", &REPORT_3)
        .refused()
        .says(&["3 attempts left"]);
    // A right PIN starts the count again.
    as_user(&plant, "1001", "1234", &REPORT_3).ok();
    as_user(
        &plant,
        "1001",
        "0000",
        &["report", "--order", "WO1", "--op", "10", "--good", "1"],
    )
    .refused()
    .says(&["4 attempts left"]);
}

#[test]
fn an_approver_who_is_not_a_lead_is_refused_before_the_pin_is_checked() {
    let plant = users_plant();
    let larger = [
        "report", "--order", "WO1", "--op", "10", "--good", "3", "--set", "C1=9",
    ];
    let as_approver = |badge: &str, pin: &str| {
        let mut all = vec!["--user", "1001", "--approver", badge];
        all.extend_from_slice(&larger);
        plant.run_env(
            &all,
            &[("BACKFLUSH_PIN", "1234"), ("BACKFLUSH_APPROVER_PIN", pin)],
        )
    };
    // The handler's badge with a wrong PIN: refused as no lead, and the PIN not counted.
    as_approver("3001", "0000")
        .refused()
        .says(&["error: badge 3001 (handler) is not a lead: a lead or admin approves\n"]);
    let mut json = vec!["--json", "--user", "1001", "--approver", "3001"];
    json.extend_from_slice(&larger);
    let out = plant.run_env(
        &json,
        &[
            ("BACKFLUSH_PIN", "1234"),
            ("BACKFLUSH_APPROVER_PIN", "3333"),
        ],
    );
    out.refused();
    let error: serde_json::Value = serde_json::from_str(out.stderr.trim()).unwrap();
    assert_eq!(error["kind"], "forbidden");
    as_user(&plant, "3001", "0000", &["exceptions", "retry"])
        .refused()
        .says(&["4 attempts left"]);
    assert_eq!(plant.stock(), base_stock());
}
