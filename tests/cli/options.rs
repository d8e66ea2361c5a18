//! The command line's own shape: `--json` is one global option, accepted before the command
//! as after it, and every posting command takes its idempotency key the same way.

use crate::common::cli::*;

#[test]
fn json_before_the_command_prints_what_json_after_it_prints() {
    let plant = Plant::base();
    for (before, after) in [
        (&["--json", "stock"][..], &["stock", "--json"][..]),
        (&["--json", "info"], &["info", "--json"]),
        (&["--json", "exceptions"], &["exceptions", "--json"]),
        (&["--json", "settings"], &["settings", "--json"]),
        (
            &["--json", "audit", "--limit", "2"],
            &["audit", "--limit", "2", "--json"],
        ),
    ] {
        let first = plant.run(before);
        first.ok();
        let second = plant.run(after);
        second.ok();
        assert_eq!(first.stdout, second.stdout, "{}", first.describe());
        first.json();
    }
}

#[test]
fn a_posting_with_json_before_the_command_posts_once_per_key_and_prints_json() {
    let plant = Plant::base();
    let transfer = [
        "--json", "transfer", "--item", "C1", "--qty", "2", "--from", "RAW", "--to", "M1", "--key",
        "t-1",
    ];
    let first = plant.run(&transfer).ok().json();
    assert_eq!(first["item"], "C1");
    assert_eq!(text(&first["qty"]), "2");
    assert_eq!(first["from"], "RAW");
    assert_eq!(first["to"], "M1");
    let again = plant.run(&transfer).ok().json();
    assert_eq!(again, first);
    assert_eq!(plant.qty("C1", "RAW"), "98");
    assert_eq!(plant.qty("C1", "M1"), "102");
    // The same key on another command is the same key: a conflict, nothing posted.
    plant
        .run(&[
            "--json",
            "count",
            "--item",
            "C1",
            "--location",
            "M1",
            "--qty",
            "102",
            "--key",
            "t-1",
        ])
        .refused()
        .says(&["\"kind\":\"conflict\""]);
    // After a verb, as after any command.
    let retried = plant.run(&["exceptions", "retry", "--json"]).ok().json();
    assert_eq!(retried, serde_json::json!([]));
}

#[test]
fn an_error_of_a_command_given_json_first_is_one_json_object() {
    let plant = Plant::base();
    let out = plant.run(&[
        "--json", "transfer", "--item", "C1", "--qty", "500", "--from", "RAW", "--to", "M1",
    ]);
    out.refused();
    let error: serde_json::Value = serde_json::from_str(out.stderr.trim())
        .unwrap_or_else(|e| panic!("stderr is not one JSON object: {e}\n{}", out.describe()));
    assert_eq!(error["kind"], "refused", "{error}");
    assert!(
        error["error"].as_str().is_some_and(|e| e.contains("C1")),
        "{error}"
    );
    assert_eq!(plant.qty("C1", "RAW"), "100");
}

#[test]
fn the_command_line_speaks_english_whatever_the_locale_and_help_says_how_the_terminal_chooses() {
    let plant = Plant::base();
    let help = plant.run_env(&["--help"], &[("LANG", "de_DE.UTF-8")]);
    help.ok();
    for needle in [
        "the command line speaks English",
        "[terminal] language",
        "the language column of users.csv",
        "(LC_ALL, LC_MESSAGES, LANG)",
        "shipped: de, en, es, pl, zh-CN.",
    ] {
        assert!(help.stdout.contains(needle), "{needle}: {}", help.stdout);
    }
    for locale in ["de_DE.UTF-8", "zh_CN.UTF-8", "pl_PL.UTF-8"] {
        let refused = plant.run_env(
            &["issue", "--order", "WO9", "--line", "10", "--qty", "1"],
            &[("LC_ALL", locale)],
        );
        refused.code(1);
        assert_eq!(
            refused.stderr, "error: order WO9 does not exist\n",
            "{locale}"
        );
    }
}
