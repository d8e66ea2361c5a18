//! Cases found in review: huge numbers, the plain-text report, the block message, phantom
//! paths, optional columns, batch line numbers, roles, missing stores, audit, reused keys.

use serde_json::json;

use crate::common::cli::*;

// ---------------------------------------------------------------------------------------------
// Found in review: huge numbers, plain-text report, block message, path collisions, optional
// columns, batch line numbers, preview permissions, a missing store.
// ---------------------------------------------------------------------------------------------

#[test]
fn huge_quantities_are_refused_not_crashed() {
    let plant = Plant::base();
    let max = "79228162514264337593543950335";
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", max, "--scrap", "1", "--json",
        ])
        .refused()
        .says(&["good quantity", "too large"]);
    plant
        .run(&[
            "report",
            "--order",
            "WO1",
            "--op",
            "10",
            "--good",
            "1",
            "--set",
            &format!("C1={max}"),
            "--line-scrap",
            "C1=1",
        ])
        .refused()
        .says(&["line 10", "too large"]);
    // A BOM whose ratios multiply beyond range is refused at import or at the report, never
    // with a crash.
    let huge = Plant::with(&Files::base().with(
        "boms.csv",
        "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
         P,1,0.000000000001,10,C1,999999999999,unit,,10,,\n",
    ));
    let out = huge.run(&[
        "preview", "--order", "WO1", "--op", "10", "--good", "8", "--json",
    ]);
    assert!(out.code == 1 || out.code == 0, "{}", out.describe());
    assert!(!out.stderr.contains("panicked"), "{}", out.describe());
    Plant::empty()
        .import(&Files::base().with("stock.csv", "item,location,qty\nC1,M1,1000000000000\n"))
        .refused()
        .says(&["stock.csv:2:", "too large"]);
}

#[test]
fn a_plain_report_prints_what_it_posted() {
    let plant = Plant::base();
    let out = plant.run(&["report", "--order", "WO1", "--op", "10", "--good", "3"]);
    out.ok();
    assert!(
        out.stdout.contains("report 1: order WO1 operation 10"),
        "{}",
        out.describe()
    );
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("10 "))
        .expect("line 10 printed");
    assert!(line.contains(" 6 ") && line.contains("issue"), "{line}");
    let first = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "3", "--key", "k1",
    ]);
    first.ok();
    // The key again: standard output prints the first result as it was; stderr says it
    // was replayed.
    let repeat = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "3", "--key", "k1",
    ]);
    assert_eq!(repeat.ok().stdout, first.stdout);
    assert_eq!(
        repeat.stderr,
        "report 2 was already posted with this key; nothing was posted again\n"
    );
}

#[test]
fn the_block_refusal_names_what_the_earlier_lines_left() {
    let boms = "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
                P,1,1,10,C1,1,unit,,10,,\n\
                P,1,1,20,C1,1,unit,,10,,\n";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", boms)
            .with("stock.csv", "item,location,qty\nC1,M1,3\n"),
    )
    .config("[policy]\nnegative_stock = \"block\"\n");
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "2"])
        .refused()
        .says(&["line 20 C1 needs 2 at M1, 1 available there after the earlier lines"]);
    assert_eq!(plant.qty("C1", "M1"), "3");
}

#[test]
fn a_phantom_path_that_collides_with_a_line_number_is_an_import_error() {
    let items = format!("{ITEMS}PH,Phantom,EA,0,phantom,none,yes,0\n");
    let boms = "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
                P,1,1,2,PH,1,unit,,10,,\n\
                P,1,1,2.1,C2,1,unit,,10,,\n\
                PH,1,1,1,C1,1,unit,,,,\n";
    let plant = Plant::empty();
    plant
        .import(
            &Files::base()
                .with("items.csv", &items)
                .with("boms.csv", boms),
        )
        .refused()
        .says(&["orders.csv:2:", "line 2.1 appears twice"]);
}

#[test]
fn an_optional_column_may_be_left_out() {
    let boms = "parent,revision,base_qty,line,component,qty,per,operation\n\
                P,1,1,10,C1,2,unit,10\n\
                P,1,1,20,C2,0.5,unit,20\n";
    let plant = Plant::with(&Files::base().with("boms.csv", boms));
    let p = plant.preview(&["--order", "WO1", "--op", "20", "--good", "1"]);
    assert_eq!(p["lines"][0]["planned"], "0.5", "scrap_pct left out = 0");
    Plant::empty()
        .import(&Files::base().with("boms.csv", "parent,revision,line,component\nP,1,10,C1\n"))
        .refused()
        .says(&["boms.csv:1:", "column \"qty\" is missing"]);
}

#[test]
fn batch_lines_are_numbered_as_in_the_file() {
    let plant = Plant::base();
    let file = plant.tmp.path().join("batch.csv");
    std::fs::write(
        &file,
        "key,order,op,good,scrap\nk1,WO1,10,1,0\n\nk2,WO1,10,abc,0\n",
    )
    .expect("write the batch file");
    let out = plant.run(&["report", "--batch", file.to_str().expect("utf-8 path")]);
    let lines = out.refused().json_lines();
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[1]["line"], 4, "the blank line 3 still counts");
    assert_eq!(lines[1]["ok"], false);
}

#[test]
fn preview_needs_a_role_that_may_report_once_users_exist() {
    let plant = Plant::with(&Files::base().with("users.csv", USERS));
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "1", "--json",
        ])
        .refused()
        .says(&["--user"]);
    plant
        .run_env(
            &[
                "--user", "3001", "preview", "--order", "WO1", "--op", "10", "--good", "1",
                "--json",
            ],
            &[("BACKFLUSH_PIN", "3333")],
        )
        .refused()
        .says(&["3001 (handler) may not report production"]);
    plant
        .run_env(
            &[
                "--user", "1001", "preview", "--order", "WO1", "--op", "10", "--good", "1",
                "--json",
            ],
            &[("BACKFLUSH_PIN", "1234")],
        )
        .ok();
}

#[test]
fn reading_a_store_that_does_not_exist_is_refused_and_creates_nothing() {
    let plant = Plant::empty();
    plant
        .run(&["stock", "--json"])
        .refused()
        .says(&["there is no store at"]);
    assert!(!plant.db.exists());
    plant.run(&["init"]).ok();
    assert!(plant.db.exists());
    assert_eq!(plant.run(&["stock", "--json"]).ok().json(), json!([]));
}

#[test]
fn audit_lists_every_movement_with_who_when_and_why() {
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    let rows = plant.run(&["audit", "--report", "1", "--json"]).ok().json();
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 1, "one issue line (C1) at op 10");
    assert_eq!(rows[0]["kind"], "issue");
    assert_eq!(rows[0]["qty"], "-4");
    assert_eq!(rows[0]["source"], "backflush");
    assert_eq!(rows[0]["reason"], serde_json::Value::Null);
    assert!(!rows[0]["terminal"].as_str().unwrap_or_default().is_empty());
    let opening = plant
        .run(&["audit", "--item", "C1", "--location", "RAW", "--json"])
        .ok()
        .json();
    assert_eq!(opening[0]["kind"], "adjustment");
}

#[test]
fn a_key_reused_for_another_completion_is_a_conflict_naming_the_key_and_report() {
    // the same key with a different request is refused (`conflict`).
    let plant = Plant::base();
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "2", "--key", "K1"]);
    let out = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "5", "--key", "K1", "--json",
    ]);
    out.refused();
    let error: serde_json::Value =
        serde_json::from_str(out.stderr.trim()).expect("one JSON object");
    assert_eq!(error["kind"], "conflict");
    let message = text(&error["error"]);
    assert!(
        message.contains("K1") && message.contains(&report_id(&first)),
        "{message}"
    );
    assert_eq!(plant.qty("C1", "M1"), "96");
    let same = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "2", "--key", "K1", "--json",
    ]);
    assert_eq!(same.ok().json(), first);
    assert_eq!(
        same.stderr,
        format!(
            "report {} was already posted with this key; nothing was posted again\n",
            report_id(&first)
        ),
        "{}",
        same.describe()
    );
}

#[test]
fn a_lead_cancels_an_open_exception_and_staging_needs_a_handler() {
    let plant = Plant::with(
        &Files::base()
            .with("users.csv", USERS)
            .with("stock.csv", "item,location,qty\nC1,M1,1\n"),
    );
    let op = [("BACKFLUSH_PIN", "1234")];
    plant
        .run_env(
            &[
                "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "2", "--json",
            ],
            &op,
        )
        .ok();
    let id = text(&plant.exceptions(&[])[0]["id"]);
    plant
        .run_env(
            &["--user", "1001", "exceptions", "cancel", "--id", &id],
            &op,
        )
        .refused()
        .says(&["1001 (operator) may not"]);
    let lead = [("BACKFLUSH_PIN", "2222")];
    plant
        .run_env(
            &["--user", "2001", "exceptions", "cancel", "--id", &id],
            &lead,
        )
        .ok();
    assert_eq!(plant.exceptions(&[])[0]["status"], "cancelled");
    plant
        .run_env(
            &["--user", "2001", "exceptions", "cancel", "--id", &id],
            &lead,
        )
        .refused()
        .says(&["is not open"]);
    // Staging is reading: any user sees it; bringing stock needs a handler.
    plant
        .run_env(&["--user", "1001", "staging", "--work-center", "WC1"], &op)
        .ok();
    plant
        .run_env(
            &[
                "--user",
                "3001",
                "staging",
                "--work-center",
                "WC1",
                "--json",
            ],
            &[("BACKFLUSH_PIN", "3333")],
        )
        .ok();
}
