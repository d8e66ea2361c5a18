//! The plant's rules in the store: `settings.toml` in the import, `backflush
//! settings`, and a config file that cannot loosen them once users exist.

#![allow(clippy::unwrap_used)]

use crate::common::cli::*;

fn users_plant() -> Plant {
    let plant = Plant::empty();
    plant.import(&Files::base().with("users.csv", USERS)).ok();
    plant
}

fn as_user(plant: &Plant, badge: &str, pin: &str, args: &[&str]) -> Out {
    let mut all = vec!["--user", badge];
    all.extend_from_slice(args);
    plant.run_env(&all, &[("BACKFLUSH_PIN", pin)])
}

/// 3 good at op 10 issue 6 C1 as planned; 9 is 50 % over.
const LARGE_OVERRIDE: [&str; 12] = [
    "report", "--order", "WO1", "--op", "10", "--good", "3", "--set", "C1=9", "--json", "--key",
    "K-OVR",
];

#[test]
fn a_callers_config_cannot_loosen_the_override_tolerance_once_users_exist() {
    let plant = users_plant().config("[policy]\noverride_tolerance_pct = 100\n");
    let out = as_user(&plant, "1001", "1234", &LARGE_OVERRIDE);
    out.refused();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("warning:")
            && l.contains("policy.override_tolerance_pct")
            && l.contains("ignored")),
        "a plain warning line names the key, even with --json\n{}",
        out.describe()
    );
    let error: serde_json::Value = serde_json::from_str(lines.last().unwrap()).unwrap();
    assert_eq!(error["kind"], "needs_approval", "{}", out.describe());
    assert_eq!(plant.qty("C1", "M1"), "100", "nothing posted");
    // A key equal to the store's is no warning.
    let same = users_plant().config("[policy]\nlockout_attempts = 5\n");
    let out = same.run(&["stock"]);
    out.ok();
    assert!(!out.stderr.contains("warning"), "{}", out.describe());
}

#[test]
fn without_users_the_config_file_applies_over_the_store() {
    let plant = Plant::base().config("[policy]\noverride_tolerance_pct = 100\n");
    let out = plant.run(&LARGE_OVERRIDE);
    out.ok();
    assert!(!out.stderr.contains("warning"), "{}", out.describe());
    assert_eq!(plant.qty("C1", "M1"), "91");
}

#[test]
fn a_number_out_of_range_is_refused_naming_the_key_and_its_range() {
    let plant = users_plant();
    let config = plant.tmp.path().join("bad.toml");
    let config = config.to_str().unwrap();
    for (toml, want) in [
        (
            "[policy]\nlockout_attempts = 4000000000\n",
            "policy.lockout_attempts 4000000000 is outside its range 1–20",
        ),
        (
            "[policy]\noverride_tolerance_pct = 1000000\n",
            "policy.override_tolerance_pct 1000000 is outside its range 0–100",
        ),
        ("[policy]\nlockout_minutes = -5\n", "range 1–1440"),
        ("[policy]\nundo_minutes = 241\n", "range 0–240"),
        ("[policy]\ncount_confirm_pct = 1001\n", "range 0–1000"),
        ("[terminal]\nidle_logout_minutes = 0\n", "range 1–1440"),
        ("[reasons]\noverride = []\n", "reasons.override"),
    ] {
        std::fs::write(config, toml).unwrap();
        let mut args = vec!["--config", config];
        args.extend_from_slice(&LARGE_OVERRIDE);
        as_user(&plant, "1001", "1234", &args)
            .refused()
            .says(&[want]);
        assert_eq!(plant.qty("C1", "M1"), "100", "{toml}: nothing posted");
    }
    // The same ranges in settings.toml; the import changes nothing.
    let out = plant.import_env(
        &Files::base().with("settings.toml", "[policy]\nlockout_attempts = 4000000000\n"),
        &[("BACKFLUSH_PIN", "9999")],
        &["--user", "9001"],
    );
    out.refused().says(&[
        "settings.toml",
        "policy.lockout_attempts 4000000000 is outside its range 1–20",
    ]);
    let rules = plant.run(&["settings", "--json"]).ok().json();
    assert_eq!(rules["policy"]["lockout_attempts"], 5);
}

#[test]
fn settings_toml_is_imported_and_shown() {
    let plant = users_plant();
    let settings = "\
[policy]
override_tolerance_pct = 60
lockout_attempts = 3
lot_selection = \"fefo\"

[reasons]
scrap = [\"BENT\"]
";
    let admin = [("BACKFLUSH_PIN", "9999")];
    plant
        .import_env(
            &Files(vec![("settings.toml", settings.into())]),
            &admin,
            &["--user", "9001"],
        )
        .ok();
    let rules = plant.run(&["settings", "--json"]).ok().json();
    assert_eq!(rules["policy"]["override_tolerance_pct"], "60");
    assert_eq!(rules["policy"]["lockout_attempts"], 3);
    assert_eq!(rules["policy"]["lot_selection"], "fefo");
    assert_eq!(rules["policy"]["lockout_minutes"], 15, "left out: kept");
    assert_eq!(rules["policy"]["undo_minutes"], 10);
    assert_eq!(rules["policy"]["count_confirm_pct"], "20");
    assert_eq!(rules["reasons"]["scrap"], serde_json::json!(["BENT"]));
    assert_eq!(rules["reasons"]["count"][0], "COUNT");
    assert_eq!(rules["accounts"]["wip"], "1400 Work in process");
    // A later settings.toml keeps what it leaves out.
    plant
        .import_env(
            &Files(vec![(
                "settings.toml",
                "[policy]\nlockout_minutes = 30\n".into(),
            )]),
            &admin,
            &["--user", "9001"],
        )
        .ok();
    let rules = plant.run(&["settings", "--json"]).ok().json();
    assert_eq!(rules["policy"]["lockout_minutes"], 30);
    assert_eq!(rules["policy"]["lockout_attempts"], 3);
    // The store's tolerance applies: 50 % over is within 60 %.
    as_user(&plant, "1001", "1234", &LARGE_OVERRIDE).ok();
    assert_eq!(plant.qty("C1", "M1"), "91");
    // The store's lock-out: three wrong PINs lock the badge.
    let preview = ["preview", "--order", "WO1", "--op", "10", "--good", "1"];
    for left in ["2 attempts left", "1 attempt left"] {
        as_user(&plant, "2001", "0000", &preview)
            .refused()
            .says(&[left]);
    }
    as_user(&plant, "2001", "0000", &preview).refused();
    as_user(&plant, "2001", "2222", &preview)
        .refused()
        .says(&["locked"]);
    let text = plant.run(&["settings"]).ok().stdout.clone();
    assert!(
        text.contains("[policy]\n") && text.contains("lockout_attempts = 3"),
        "{text}"
    );
    assert!(text.contains("scrap = [\"BENT\"]"), "{text}");
}

#[test]
fn settings_toml_with_an_unknown_key_or_section_is_refused_naming_it() {
    let plant = Plant::base();
    for (toml, want) in [
        ("[policy]\nlockout_attempt = 3\n", "lockout_attempt"),
        ("[store]\npath = \"x\"\n", "store"),
        ("[reasons]\nscrap = \"BENT\"\n", "reasons"),
    ] {
        plant
            .import(&Files(vec![("settings.toml", toml.into())]))
            .refused()
            .says(&["settings.toml", want]);
    }
    let rules = plant.run(&["settings", "--json"]).ok().json();
    assert_eq!(rules["policy"]["lockout_attempts"], 5);
    assert_eq!(rules["reasons"]["scrap"][0], "DAMAGED");
}

#[test]
fn the_demo_keeps_its_rules_in_the_store() {
    let plant = Plant::empty();
    plant.run(&["demo", "--no-tui"]).ok();
    let rules = plant.run(&["settings", "--json"]).ok().json();
    assert_eq!(rules["policy"]["lot_selection"], "fefo");
    assert_eq!(rules["policy"]["override_tolerance_pct"], "10");
}

// ---------------------------------------------------------------------------------------------
// undo_minutes and the approver shown wherever the posting is
// ---------------------------------------------------------------------------------------------

const REPORT_3: [&str; 10] = [
    "report", "--order", "WO1", "--op", "10", "--good", "3", "--json", "--key", "K-U3",
];

fn reverse_args(id: &str) -> Vec<&str> {
    vec!["reverse", "--report", id, "--reason", "typo"]
}

#[test]
fn an_operator_reverses_their_own_report_within_undo_minutes_alone() {
    let plant = users_plant();
    let id = report_id(&as_user(&plant, "1001", "1234", &REPORT_3).ok().json());
    as_user(&plant, "1001", "1234", &reverse_args(&id)).ok();
    assert_eq!(plant.qty("C1", "M1"), "100");
    plant.verify();
}

#[test]
fn after_undo_minutes_an_operators_reversal_needs_a_lead() {
    let plant = users_plant();
    let id = report_id(&as_user(&plant, "1001", "1234", &REPORT_3).ok().json());
    {
        // Posted eleven minutes ago.
        let conn = rusqlite::Connection::open(&plant.db).unwrap();
        let at = (chrono::Utc::now() - chrono::Duration::minutes(11))
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        conn.execute("UPDATE reports SET at = ?1", [at]).unwrap();
    }
    // The refusal names the window and how long ago the report was posted.
    let out = as_user(&plant, "1001", "1234", &reverse_args(&id));
    out.refused();
    assert_eq!(
        out.stderr,
        format!(
            "error: 1001 (operator) may not reverse a report alone: your own reports can be \
             reversed for 10 minutes after posting; report {id} was posted 11 minutes ago; a lead \
             must approve with badge and PIN (--approver BADGE, the lead's PIN in \
             BACKFLUSH_APPROVER_PIN)\n"
        )
    );
    let mut json = vec!["--json"];
    json.extend(reverse_args(&id));
    let out = as_user(&plant, "1001", "1234", &json);
    let error: serde_json::Value = serde_json::from_str(out.stderr.trim()).unwrap();
    assert_eq!(error["kind"], "needs_approval");
    assert_eq!(plant.qty("C1", "M1"), "94");
    // A lead approves it.
    let mut approved = vec!["--user", "1001", "--approver", "2001"];
    approved.extend(reverse_args(&id));
    plant
        .run_env(
            &approved,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "100");
}

#[test]
fn undo_minutes_zero_means_never_alone() {
    let plant = users_plant();
    plant
        .import_env(
            &Files(vec![(
                "settings.toml",
                "[policy]\nundo_minutes = 0\n".into(),
            )]),
            &[("BACKFLUSH_PIN", "9999")],
            &["--user", "9001"],
        )
        .ok();
    let id = report_id(&as_user(&plant, "1001", "1234", &REPORT_3).ok().json());
    as_user(&plant, "1001", "1234", &reverse_args(&id))
        .refused()
        .says(&["lead"]);
    // Nor does a handler's own badge make it theirs.
    as_user(&plant, "3001", "3333", &reverse_args(&id)).refused();
    assert_eq!(plant.qty("C1", "M1"), "94");
}

#[test]
fn the_approver_shows_in_audit() {
    let plant = users_plant();
    let mut args = vec!["--user", "1001", "--approver", "2001"];
    args.extend_from_slice(&LARGE_OVERRIDE);
    let posted = plant
        .run_env(
            &args,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok()
        .json();
    let id = report_id(&posted);
    let audit = plant.run(&["audit", "--report", &id, "--json"]).ok().json();
    let rows = audit.as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row["user"], "1001", "{row}");
        assert_eq!(row["approver"], "2001", "{row}");
    }
    let text = plant.run(&["audit", "--report", &id]).ok().stdout.clone();
    assert!(text.contains("1001 approved by 2001"), "{text}");
    // A posting without an approval has none.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M1",
        ])
        .refused();
    as_user(
        &plant,
        "3001",
        "3333",
        &[
            "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M1",
        ],
    )
    .ok();
    let audit = plant.run(&["audit", "--limit", "1", "--json"]).ok().json();
    assert_eq!(audit[0]["approver"], serde_json::Value::Null, "{audit}");
}

#[test]
fn the_approver_shows_in_the_history_of_reports() {
    use backflush::service::{Approver, Credentials};
    let (_dir, mut service) = crate::common::demo(backflush::config::Config::default());
    let who = Credentials {
        approver: Some(Approver {
            badge: "2001".into(),
            pin: "2222".into(),
        }),
        ..crate::common::operator()
    };
    let request = crate::common::req(10, "1", "0");
    let posted = service.report("WO-1001", &request, None, &who).unwrap();
    let rows = service.history(None, 5).unwrap();
    let row = rows.iter().find(|r| r.id == posted.report_id).unwrap();
    assert_eq!(row.user, "1001");
    assert_eq!(row.approver.as_deref(), Some("2001"));
}

// ---------------------------------------------------------------------------------------------
// An unknown --user badge
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unknown_badge_is_an_error_for_every_command_once_users_exist() {
    let plant = users_plant();
    for args in [
        vec!["stock"],
        vec!["exceptions"],
        vec!["variance", "--order", "WO1"],
        vec!["audit"],
        vec!["verify"],
        vec!["health"],
        vec!["info"],
        vec!["settings"],
        vec!["export"],
    ] {
        let mut all = vec!["--user", "7777"];
        all.extend_from_slice(&args);
        plant.run(&all).refused().says(&["7777"]);
        // A known badge reads without a PIN.
        let mut known = vec!["--user", "1001"];
        known.extend_from_slice(&args);
        plant.run(&known).ok();
    }
    // Without users, a badge names no one and reading goes on.
    Plant::base().run(&["--user", "7777", "stock"]).ok();
}
