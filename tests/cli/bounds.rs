//! The command line's bounds: sizes (an exploding BOM, a config or PIN file that never ends,
//! codes, keys, terminal ids and reasons over 200 characters), write errors on standard
//! output, control characters in what the options give, and the empty idempotency key.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use crate::common::cli::*;

/// Long enough for a debug build on a busy machine; the work itself takes a fraction of it.
const LIMIT: Duration = Duration::from_secs(10);

/// A text of `n` characters.
fn chars(n: usize) -> String {
    "K".repeat(n)
}

/// Whether `text` carries a control character other than a line break.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| backflush::domain::text::is_control(*c) && *c != '\n')
        .collect()
}

// =============================================================================================
// Sizes
// =============================================================================================

#[test]
fn a_phantom_diamond_of_40_levels_is_refused_by_its_count_within_seconds() {
    // P's line 30 names D1; each Dn names D(n+1) twice, D40 names C1 twice: 2^40 lines from
    // 81 BOM rows, besides P's own two.
    let mut items = ITEMS.to_string();
    let mut boms = BOMS.to_string();
    boms.push_str("P,1,1,30,D1,1,unit,,10,,\n");
    for level in 1..=40 {
        items.push_str(&format!("D{level},Level {level},EA,0,phantom,none,yes,0\n"));
        let next = if level == 40 {
            "C1".to_string()
        } else {
            format!("D{}", level + 1)
        };
        for line in [1, 2] {
            boms.push_str(&format!("D{level},1,1,{line},{next},1,unit,,,,\n"));
        }
    }
    let plant = Plant::empty();
    let dir = plant.dir(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", &boms),
    );
    let out = plant.run_within(&["import", dir.to_str().expect("utf-8")], &[], LIMIT);
    out.refused().says(&[
        "orders.csv:2:",
        "order WO1",
        "the BOM of P revision 1",
        "1099511627778 material lines",
        "at most 10000",
    ]);
}

#[test]
fn a_config_file_over_1_mib_or_endless_is_refused_naming_it() {
    let plant = Plant::base();
    let line = "# a comment line of a config file, as long as it needs to be to fill it\n";
    let mut text = line.repeat(1024 * 1024 / line.len() + 1);
    text.truncate(1024 * 1024);
    let path = plant.tmp.path().join("big.toml");
    std::fs::write(&path, &text).expect("write the config");
    let config = path.to_str().expect("utf-8");
    plant.run(&["--config", config, "info"]).ok();
    text.push('\n');
    std::fs::write(&path, &text).expect("write the config");
    plant.run(&["--config", config, "info"]).refused().says(&[
        "config file",
        "big.toml",
        "larger than 1024 KiB",
    ]);
    plant
        .run_within(&["--config", "/dev/zero", "info"], &[], LIMIT)
        .refused()
        .says(&["config file /dev/zero", "larger than 1024 KiB"]);
}

#[test]
fn a_pin_file_that_is_a_fifo_or_over_1_kib_is_refused_naming_it() {
    let plant = Plant::with(&Files::base().with("users.csv", USERS));
    let post = [
        "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "1",
    ];
    let fifo = plant.tmp.path().join("pin.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    std::fs::set_permissions(&fifo, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let fifo = fifo.to_str().expect("utf-8");
    plant
        .run_within(&post, &[("BACKFLUSH_PIN_FILE", fifo)], LIMIT)
        .refused()
        .says(&["the PIN file", "pin.fifo", "is not a regular file"]);

    let file = plant.tmp.path().join("pin");
    let write = |text: &str| {
        std::fs::write(&file, text).expect("write the PIN file");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    };
    let env = [("BACKFLUSH_PIN_FILE", file.to_str().expect("utf-8"))];
    // The PIN on its first line, the file 1024 bytes: read.
    write(&format!("1234\n{}\n", "#".repeat(1024 - 6)));
    plant.run_env(&post, &env).ok();
    write(&format!("1234\n{}\n", "#".repeat(1024 - 5)));
    plant
        .run_env(&post, &env)
        .refused()
        .says(&["the PIN file", "larger than 1024 bytes"]);
}

#[test]
fn codes_keys_terminal_ids_and_reasons_over_200_characters_are_usage_errors_naming_them() {
    let plant = Plant::base();
    let long = chars(201);
    let report = ["report", "--order", "WO1", "--op", "10", "--good", "1"];
    let with = |extra: &[&str]| -> Vec<String> {
        report
            .iter()
            .chain(extra)
            .map(|s| (*s).to_string())
            .collect()
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (with(&["--key", &long]), "--key"),
        (with(&["--reason", &long]), "--reason"),
        (with(&["--skip", &long]), "--skip"),
        (with(&["--set", &format!("{long}=1")]), "--set"),
        (
            ["--terminal", &long, "stock"].map(String::from).to_vec(),
            "--terminal",
        ),
        (
            ["stock", "--item", &long].map(String::from).to_vec(),
            "--item",
        ),
        (
            ["reverse", "--report", "1", "--reason", &long]
                .map(String::from)
                .to_vec(),
            "--reason",
        ),
        (
            [
                "transfer",
                "--item",
                "C1",
                "--qty",
                "1",
                "--from",
                "RAW",
                "--to",
                "M1",
                "--lot",
                &format!("{long}:1"),
            ]
            .map(String::from)
            .to_vec(),
            "--lot",
        ),
    ];
    for (args, option) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        plant
            .run(&args)
            .usage()
            .says(&[option, "201 characters", "at most 200"]);
    }
    plant
        .run_env(&["stock"], &[("BACKFLUSH_TERMINAL", &long)])
        .usage()
        .says(&["--terminal", "201 characters"]);
    assert_eq!(plant.qty("C1", "M1"), "100", "nothing posted");
    // 200 characters are a key like any other.
    let key = chars(200);
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "1", "--key", &key]);
    let again = plant.report(&["--order", "WO1", "--op", "10", "--good", "1", "--key", &key]);
    assert_eq!(report_id(&first), report_id(&again));
    assert_eq!(plant.qty("C1", "M1"), "98");
}

#[test]
fn an_import_code_over_200_characters_is_refused_at_its_file_and_line() {
    let items = format!("{ITEMS}{},Too long,EA,0,stock,none,yes,1\n", chars(201));
    Plant::empty()
        .import(&Files::base().with("items.csv", &items))
        .refused()
        .says(&["items.csv:5:", "item has 201 characters", "at most 200"]);
    let stock = format!("{STOCK}C1,{},1\n", chars(250));
    Plant::empty()
        .import(&Files::base().with("stock.csv", &stock))
        .refused()
        .says(&["stock.csv:5:", "location has 250 characters"]);
}

// =============================================================================================
// Write errors on standard output
// =============================================================================================

fn dev_full() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full")
}

#[test]
fn a_small_output_on_a_full_device_exits_1_naming_the_error() {
    let plant = Plant::base();
    let runs: [&[&str]; 12] = [
        &["stock", "--json"],
        &["stock"],
        &["info"],
        &["info", "--json"],
        &["verify"],
        &["health"],
        &["settings"],
        &["audit", "--limit", "1"],
        &["export", "--limit", "1"],
        &["exceptions"],
        &["--help"],
        &["--version"],
    ];
    for args in runs {
        plant
            .run_to(args, dev_full())
            .refused()
            .says(&["cannot write to standard output", "No space left on device"]);
    }
    Plant::empty()
        .run_to(&["demo", "--no-tui"], dev_full())
        .refused()
        .says(&["cannot write to standard output", "No space left on device"]);
    // A report posts, then cannot say so: it failed to tell, but what was posted stays.
    plant
        .run_to(
            &[
                "report", "--order", "WO1", "--op", "10", "--good", "1", "--json",
            ],
            dev_full(),
        )
        .refused()
        .says(&["No space left on device"]);
    assert_eq!(plant.qty("C1", "M1"), "98");
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    let plant = Plant::base();
    let mut child = plant
        .command(&["stock", "--json"], &[])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the binary");
    // The reader goes away before the command has written anything.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait for the binary");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

// =============================================================================================
// Control characters and the empty key
// =============================================================================================

#[test]
fn control_characters_in_options_are_usage_errors_naming_the_option() {
    let plant = Plant::base();
    let report = |extra: &[&str]| -> Vec<String> {
        ["report", "--order", "WO1", "--op", "10", "--good", "1"]
            .iter()
            .chain(extra)
            .map(|s| (*s).to_string())
            .collect()
    };
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            ["--terminal", "T\u{1b}]0;owned\u{7}", "stock"]
                .map(String::from)
                .to_vec(),
            "--terminal",
            "U+001B",
        ),
        (report(&["--key", "K\u{7f}1"]), "--key", "U+007F"),
        (
            report(&["--reason", "ACTUAL-USE\u{9b}2J"]),
            "--reason",
            "U+009B",
        ),
        (
            ["reverse", "--report", "1", "--reason", "typo\u{1b}[2J"]
                .map(String::from)
                .to_vec(),
            "--reason",
            "U+001B",
        ),
        (
            ["stock", "--location", "M\u{85}1"]
                .map(String::from)
                .to_vec(),
            "--location",
            "U+0085",
        ),
        (report(&["--set", "C1\u{7}=3"]), "--set", "U+0007"),
        (
            [
                "count",
                "--item",
                "C1",
                "--location",
                "M1",
                "--qty",
                "5",
                "--reason",
                "FOUND\t",
            ]
            .map(String::from)
            .to_vec(),
            "--reason",
            "U+0009",
        ),
    ];
    for (args, option, code) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = plant.run(&args);
        out.usage().says(&[option, code, "control character"]);
        assert!(
            raw_controls(&out.stderr).is_empty(),
            "printed raw: {}",
            out.describe()
        );
        let mut json = args.clone();
        json.push("--json");
        let out = plant.run(&json);
        out.usage();
        assert!(raw_controls(&out.stderr).is_empty(), "{}", out.describe());
        let error: serde_json::Value =
            serde_json::from_str(out.stderr.trim()).expect("one JSON object");
        assert_eq!(error["kind"], "usage", "{}", out.describe());
    }
    assert_eq!(plant.qty("C1", "M1"), "100", "nothing posted");
    assert_eq!(plant.qty("C1", "RAW"), "100");
}

#[test]
fn json_output_escapes_del_and_c1_controls_from_the_data() {
    let plant = Plant::base();
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    // A store written before the command line refused them holds such text: the library
    // still takes it.
    {
        let mut config = backflush::config::Config::default();
        config.terminal.id = "T\u{9b}2J".into();
        let mut service =
            backflush::service::Service::open_existing(config, &plant.db).expect("open the store");
        let id = report_id(&first).parse().expect("a report id");
        service
            .reverse(
                id,
                "why\u{7f}\u{85}not",
                &backflush::service::Credentials::default(),
            )
            .expect("reverse");
    }
    for args in [&["audit", "--json"][..], &["export"][..]] {
        let out = plant.run(args);
        out.ok();
        assert!(
            raw_controls(&out.stdout).is_empty(),
            "{args:?} printed {:?}",
            raw_controls(&out.stdout)
        );
        assert!(
            out.stdout.contains("T\\u009b2J") && out.stdout.contains("why\\u007f\\u0085not"),
            "{}",
            out.describe()
        );
    }
    // Escaped, not lost: the JSON reads back as the text kept.
    let audit = plant.run(&["audit", "--json"]).json();
    assert_eq!(audit[0]["terminal"], "T\u{9b}2J", "{audit}");
}

#[test]
fn an_empty_key_is_a_usage_error_for_every_command_that_takes_one() {
    let plant = Plant::base();
    let runs: [&[&str]; 9] = [
        &["report", "--order", "WO1", "--op", "10", "--good", "1"],
        &["issue", "--order", "WO1", "--line", "10", "--qty", "1"],
        &[
            "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M1",
        ],
        &["count", "--item", "C1", "--location", "M1", "--qty", "100"],
        &[
            "adjust", "--report", "1", "--line", "10", "--qty", "1", "--reason", "BAD",
        ],
        &[
            "substitute",
            "--report",
            "1",
            "--line",
            "10",
            "--item",
            "C2",
        ],
        &["exceptions", "retry"],
        &["exceptions", "cancel", "--id", "1"],
        &["preview", "--order", "WO1", "--op", "10", "--good", "1"],
    ];
    for args in runs {
        for empty in ["", "  "] {
            let mut all = args.to_vec();
            all.extend(["--key", empty, "--json"]);
            let out = plant.run(&all);
            out.usage()
                .says(&["--key", "an idempotency key cannot be empty"]);
            let error: serde_json::Value =
                serde_json::from_str(out.stderr.trim()).expect("one JSON object");
            assert_eq!(error["kind"], "usage", "{}", out.describe());
        }
    }
    assert_eq!(plant.stock(), base_stock(), "nothing posted");
}
