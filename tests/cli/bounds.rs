//! The command line's bounds: write errors on standard output, and control characters from
//! the data in JSON output.

use crate::common::cli::*;

/// Whether `text` carries a control character other than a line break.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| backflush::domain::text::is_control(*c) && *c != '\n')
        .collect()
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
