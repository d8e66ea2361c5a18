//! A real shift at the command line: a lead's approval said up front, reason codes
//! for overrides, skips and large counts, a partial substitution, scrap-only reports, and the
//! README's own examples.

use serde_json::Value;

use crate::common::cli::*;

const OPERATOR: &[(&str, &str)] = &[("BACKFLUSH_PIN", "1234")];
const HANDLER: &[(&str, &str)] = &[("BACKFLUSH_PIN", "3333")];

fn with_users() -> Plant {
    Plant::with(&Files::base().with("users.csv", USERS))
}

#[test]
fn preview_lines_say_which_need_a_lead_only_once_the_store_has_users() {
    // 5 good plan 10 C1 on line 10: 12 is beyond the 10 % tolerance.
    let args = [
        "preview", "--order", "WO1", "--op", "10", "--good", "5", "--set", "10=12", "--json",
    ];
    let open = Plant::base();
    let v = open.run(&args).ok().json();
    assert!(
        line(&v, "10").get("needs_approval").is_none(),
        "no users, no field: {v}"
    );
    let plant = with_users();
    let mut with_user = vec!["--user", "1001"];
    with_user.extend_from_slice(&args);
    let v = plant.run_env(&with_user, OPERATOR).ok().json();
    assert_eq!(line(&v, "10")["needs_approval"], true, "{v}");
    // Inside the tolerance (11 of 10) needs none, and a skip never does.
    let mut inside = with_user.clone();
    inside[10] = "10=11";
    let v = plant.run_env(&inside, OPERATOR).ok().json();
    assert_eq!(line(&v, "10")["needs_approval"], false, "{v}");
    let v = plant
        .run_env(
            &[
                "--user", "1001", "preview", "--order", "WO1", "--op", "10", "--good", "5",
                "--skip", "10", "--json",
            ],
            OPERATOR,
        )
        .ok()
        .json();
    assert_eq!(line(&v, "10")["needs_approval"], false, "{v}");
    // The posted report's JSON says it too.
    let v = plant
        .run_env(
            &[
                "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "5",
                "--skip", "10", "--json",
            ],
            OPERATOR,
        )
        .ok()
        .json();
    assert_eq!(line(&v, "10")["needs_approval"], false, "{v}");
    assert_eq!(
        line(&v, "10")["status"],
        "skipped",
        "a skip posts alone: {v}"
    );
}

#[test]
fn a_report_reason_is_kept_with_its_overrides_and_shown_in_audit() {
    let plant = Plant::base();
    let out = base_report(
        &plant,
        &["--good", "5", "--set", "10=12", "--reason", "NOPE"],
    );
    out.refused().says(&[
        "override reason \\\"NOPE\\\" is not one of ACTUAL-USE, SHORT-PICK, DAMAGED, WRONG-BOM, OTHER",
        "\"kind\":\"invalid\"",
    ]);
    assert_eq!(plant.stock(), base_stock(), "nothing posted");
    let r = base_report(
        &plant,
        &["--good", "5", "--set", "10=12", "--reason", "actual-use"],
    )
    .ok()
    .json();
    assert_eq!(line(&r, "10")["qty"], "12");
    let audit = plant.run(&["audit", "--item", "C1", "--json"]).ok().json();
    let issue = audit
        .as_array()
        .expect("audit is an array")
        .iter()
        .find(|m| m["kind"] == "issue")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(issue["reason"], "ACTUAL-USE", "{audit}");
    assert_eq!(issue["source"], "backflush", "{audit}");
    // A skip moves nothing: audit lists it apart, with its reason.
    base_report(
        &plant,
        &["--good", "1", "--skip", "10", "--reason", "SHORT-PICK"],
    )
    .ok();
    let out = plant.run(&["audit"]);
    out.ok();
    assert!(
        out.stdout.contains("skipped lines (nothing moved):")
            && out.stdout.contains("      2  10    C1    M1        ")
            && out.stdout.contains("skip, SHORT-PICK"),
        "{}",
        out.describe()
    );
    // Without --reason no reason is recorded; a preview checks the code too.
    let r = base_report(&plant, &["--good", "1"]).ok().json();
    assert_eq!(line(&r, "10")["overridden"], false);
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "1", "--reason", "LATE",
        ])
        .refused()
        .says(&["\"LATE\" is not one of"]);
}

#[test]
fn good_is_optional_when_only_scrap_is_reported() {
    let plant = Plant::base();
    let r = base_report(&plant, &["--scrap", "1"]).ok().json();
    assert_eq!(r["good"], "0");
    assert_eq!(r["scrap"], "1");
    assert_eq!(line(&r, "10")["qty"], "2");
    plant
        .run(&["report", "--order", "WO1", "--op", "10"])
        .usage()
        .says(&["--good"]);
}

#[test]
fn a_count_beyond_count_confirm_pct_needs_a_reason_and_says_what_it_posted() {
    let plant = short_plant(None);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "5"]);
    assert_eq!(line(&r, "10")["status"], "deferred");
    let count = ["count", "--item", "C1", "--location", "M1", "--qty", "30"];
    plant.run(&count).refused().says(&[
        "count 30 of C1 at M1 differs from the book 5 by +25 (+500%), more than 20%",
        "give a reason (COUNT, FOUND, DAMAGED, OTHER)",
    ]);
    assert_eq!(plant.qty("C1", "M1"), "5", "nothing posted");
    let mut bad = count.to_vec();
    bad.extend_from_slice(&["--reason", "LOST"]);
    plant
        .run(&bad)
        .refused()
        .says(&["count reason \"LOST\" is not one of COUNT, FOUND, DAMAGED, OTHER"]);
    let mut good = count.to_vec();
    good.extend_from_slice(&["--reason", "found"]);
    let out = plant.run(&good);
    out.ok();
    assert!(
        out.stdout.contains("adjusted by +25, reason FOUND")
            && out
                .stdout
                .contains("exception 1 posted: 10 C1 at M1 (order WO1)"),
        "{}",
        out.describe()
    );
    assert_eq!(
        plant.qty("C1", "M1"),
        "20",
        "30 counted, then the waiting 10 posted"
    );
    // Within 20 % of the book no reason is needed; the JSON names the reason and the posted.
    let v = plant
        .run(&[
            "count",
            "--item",
            "C1",
            "--location",
            "RAW",
            "--qty",
            "120",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["reason"], Value::Null);
    assert_eq!(v["exceptions_posted"], serde_json::json!([]));
    plant
        .config("[policy]\ncount_confirm_pct = 1001\n")
        .run(&count)
        .refused()
        .says(&["count_confirm_pct 1001 is outside its range 0–1000"]);
}

#[test]
fn a_count_signs_its_percentage_for_a_loss_as_for_a_gain() {
    let plant = Plant::base();
    plant
        .run(&["count", "--item", "C1", "--location", "M1", "--qty", "70"])
        .refused()
        .says(&["count 70 of C1 at M1 differs from the book 100 by -30 (-30%), more than 20%"]);
    plant
        .run(&["count", "--item", "C1", "--location", "M1", "--qty", "130"])
        .refused()
        .says(&["count 130 of C1 at M1 differs from the book 100 by +30 (+30%), more than 20%"]);
}

#[test]
fn a_substitution_returns_part_of_the_line_and_issues_the_substitute() {
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,10\nC2,M2,50\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    let r = base_report(&plant, &["--good", "5"]).ok().json();
    let id = report_id(&r);
    let sub = |extra: &[&str]| {
        let mut args = vec![
            "substitute",
            "--report",
            &id,
            "--line",
            "10",
            "--item",
            "C2",
        ];
        args.extend_from_slice(extra);
        plant.run(&args)
    };
    sub(&["--return-qty", "11"])
        .refused()
        .says(&["return quantity 11 exceeds the 10 C1 line 10 has issued"]);
    sub(&["--return-qty", "0"])
        .refused()
        .says(&["return quantity 0 must be greater than zero"]);
    sub(&["--return-qty", "0.5"])
        .refused()
        .says(&["return quantity 0.5 is more precise"]);
    assert_eq!(plant.qty("C1", "M1"), "90", "nothing posted");
    sub(&["--return-qty", "4", "--qty", "1.5"]).ok();
    assert_eq!(plant.qty("C1", "M1"), "94", "4 of the 10 back");
    assert_eq!(plant.qty("C2", "M1"), "8.5");
    // Without --qty the substitute follows the quantity returned.
    sub(&["--return-qty", "2"]).ok();
    assert_eq!(plant.qty("C1", "M1"), "96");
    assert_eq!(plant.qty("C2", "M1"), "6.5");
    plant.verify();
}

#[test]
fn a_scrap_correction_takes_back_at_most_the_lines_scrap_so_far() {
    let stock = "item,location,qty\nC1,M1,100\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    // 10 C1 for 5 good, and 2 of line scrap on top.
    let r = base_report(&plant, &["--good", "5", "--line-scrap", "10=2"])
        .ok()
        .json();
    let id = report_id(&r);
    assert_eq!(plant.qty("C1", "M1"), "88");
    let adjust = |qty: &str| {
        plant.run(&[
            "adjust", "--report", &id, "--line", "10", "--qty", qty, "--reason", "DAMAGED",
        ])
    };
    adjust("-3").refused().says(&[
        "correction 3 exceeds the 2 scrap line 10 has recorded so far (its line scrap and adjustments); material not used goes back with a negative issue",
    ]);
    assert_eq!(plant.qty("C1", "M1"), "88", "nothing posted");
    // 1 more scrap makes 3 to correct; all 3 go back, then nothing more.
    adjust("1").ok();
    adjust("-3").ok();
    assert_eq!(plant.qty("C1", "M1"), "90");
    adjust("-1")
        .refused()
        .says(&["correction 1 exceeds the 0 scrap line 10 has recorded so far"]);
    assert_eq!(plant.qty("C1", "M1"), "90");
    plant.verify();
}

#[test]
fn staging_names_a_work_center_that_does_not_exist_whoever_asks() {
    let plant = with_users();
    plant
        .run(&["staging", "--work-center", "WC-NOPE"])
        .refused()
        .says(&["unknown work center WC-NOPE"]);
    plant
        .run_env(
            &["--user", "3001", "staging", "--work-center", "WC-NOPE"],
            HANDLER,
        )
        .refused()
        .says(&["unknown work center WC-NOPE"]);
    Plant::base()
        .run(&["staging", "--work-center", "WC-NOPE"])
        .refused()
        .says(&["unknown work center WC-NOPE"]);
}

/// The commands of the README's example block that starts with `marker`: one per line, `\`
/// continuing it; comments skipped.
fn readme_commands(marker: &str) -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    let start = readme.find(marker).expect("the README's example block");
    let block = &readme[start..start + readme[start..].find("```").expect("its end")];
    let mut commands: Vec<String> = Vec::new();
    let mut current = String::new();
    for text in block.lines().filter(|l| !l.trim_start().starts_with('#')) {
        current.push_str(text.trim_end_matches('\\').trim());
        current.push(' ');
        if !text.ends_with('\\') {
            commands.push(std::mem::take(&mut current));
        }
    }
    commands
}

/// Runs README commands on `plant` as written, each badge with its demo PIN.
fn run_readme(plant: &Plant, commands: &[String]) {
    let root = env!("CARGO_MANIFEST_DIR");
    for command in commands {
        let words: Vec<String> = command
            .split_whitespace()
            .skip_while(|w| *w != "backflush")
            .skip(3) // backflush --db plant.db
            .map(|w| w.replace("assets/demo", &format!("{root}/assets/demo")))
            .collect();
        let pin = if command.contains("--user 2001") {
            "2222"
        } else {
            "1234"
        };
        let mut env = vec![("BACKFLUSH_PIN", pin)];
        if command.contains("BACKFLUSH_APPROVER_PIN=2222") {
            env.push(("BACKFLUSH_APPROVER_PIN", "2222"));
        }
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        plant.run_env(&args, &env).ok();
    }
}

#[test]
fn the_readme_examples_run_as_written() {
    let commands = readme_commands("backflush --db plant.db import assets/demo");
    assert!(commands.len() >= 4, "{commands:?}");
    let plant = Plant::empty();
    run_readme(&plant, &commands);
    // The lots example runs on the same demo plant.
    let lots = readme_commands("# the gauge by hand");
    assert!(lots.len() >= 4, "{lots:?}");
    run_readme(&plant, &lots);
}
