//! The store's hard edges on bad files: an import that is refused leaves no store where there
//! was none; every error met on a damaged store names the file.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use crate::common::cli::*;

const OPERATOR: [(&str, &str); 1] = [("BACKFLUSH_PIN", "1234")];

/// The base plant with its users, and an order and stock for tens of thousands of reports of
/// one unit.
fn busy_plant() -> Plant {
    Plant::with(
        &Files::base()
            .with("users.csv", USERS)
            .with(
                "orders.csv",
                "order,item,revision,qty,due,completion_location\nWO1,P,1,1000000,2026-12-01,FG\n",
            )
            .with(
                "stock.csv",
                "item,location,qty\nC1,M1,100000000\nC2,M2,100000000\n",
            ),
    )
}

/// A `report --batch` file of `n` reports of one unit of WO1 at operation 10, keys
/// `{prefix}0`….
fn batch_file(plant: &Plant, prefix: &str, n: usize) -> PathBuf {
    let path = plant.tmp.path().join(format!("{prefix}.csv"));
    let text: String = (0..n)
        .map(|i| format!("{prefix}{i},WO1,10,1,0\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

/// What `dir` holds, by name.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `path` with `suffix` appended to its name.
fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A command's arguments and environment.
type Run<'a> = (Vec<&'a str>, &'static [(&'static str, &'static str)]);

/// The plant's commands, reading and writing.
fn every_kind_of_command() -> Vec<Run<'static>> {
    let op = [
        "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "1", "--json",
    ];
    vec![
        (vec!["stock", "--json"], &[]),
        (vec!["audit", "--limit", "5"], &[]),
        (vec!["export", "--limit", "3"], &[]),
        (vec!["info", "--json"], &[]),
        (vec!["exceptions"], &[]),
        (vec!["health"], &[]),
        (vec!["variance", "--order", "WO1"], &[]),
        (vec!["staging", "--work-center", "WC1"], &[]),
        (vec!["settings"], &[]),
        (vec!["verify"], &[]),
        (op.to_vec(), &OPERATOR),
    ]
}

/// Runs every kind of command on `plant`'s store: each succeeds or names the store's file.
/// Returns how many failed.
#[track_caller]
fn every_error_names(plant: &Plant) -> usize {
    let db = plant.db.to_str().unwrap().to_string();
    let mut failed = 0;
    for (args, env) in every_kind_of_command() {
        let out = plant.run_env(&args, env);
        if out.code != 0 {
            failed += 1;
            out.refused().says(&[&db]);
        }
    }
    failed
}

// =============================================================================================
// A refused import leaves no store
// =============================================================================================

#[test]
fn a_refused_import_leaves_no_store_file_where_there_was_none() {
    let plant = Plant::empty();
    let empty = plant.tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let bad_row = plant.dir(&Files::base().with(
        "items.csv",
        "item,description,uom,decimals,type,tracking,backflush,std_cost\nP,Parent,EA,0,bogus,none,yes,100.00\n",
    ));
    let cases: [(&str, &[&str]); 3] = [
        ("/nonexistent", &["/nonexistent", "is not a directory"]),
        (empty.to_str().unwrap(), &["holds none of the import files"]),
        (bad_row.to_str().unwrap(), &["items.csv:2:", "\"bogus\""]),
    ];
    let mut nested = Plant::empty();
    nested.db = plant.tmp.path().join("new/dir/store.db");
    for (dir, says) in cases {
        for store in [&plant, &nested] {
            let before = names_in(plant.tmp.path());
            store.run(&["import", dir]).refused().says(says);
            assert!(
                !store.db.exists(),
                "import {dir} left {}",
                store.db.display()
            );
            for suffix in ["-wal", "-shm", "-journal"] {
                assert!(!side(&store.db, suffix).exists(), "import {dir}: {suffix}");
            }
            assert_eq!(names_in(plant.tmp.path()), before, "import {dir}");
        }
    }
    // An empty file is no store either: it stays as it was.
    std::fs::write(&plant.db, "").unwrap();
    plant.run(&["import", bad_row.to_str().unwrap()]).refused();
    assert_eq!(std::fs::metadata(&plant.db).unwrap().len(), 0);
    assert!(!side(&plant.db, "-wal").exists());
    // A good import makes the store there.
    plant.import(&Files::base()).ok();
    nested.import(&Files::base()).ok();
    for store in [&plant, &nested] {
        store.run(&["verify"]).ok();
        assert_eq!(store.qty("C1", "M1"), "100");
    }
}

// =============================================================================================
// Errors on a damaged store name it
// =============================================================================================

#[test]
fn every_error_on_a_store_with_garbage_pages_names_the_store() {
    let plant = busy_plant();
    plant
        .run_env(
            &[
                "--user",
                "1001",
                "report",
                "--batch",
                batch_file(&plant, "r", 600).to_str().unwrap(),
            ],
            &OPERATOR,
        )
        .ok();
    // Garbage over every third page past the first hundred: the small tables (users, settings,
    // items) stay readable, the ledger, reports and events do not.
    {
        let conn = rusqlite::Connection::open(&plant.db).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
    }
    let mut bytes = std::fs::read(&plant.db).unwrap();
    let mut seed: u32 = 0x9e37_79b9;
    for (page, chunk) in bytes.chunks_mut(4096).enumerate() {
        if page >= 100 && page % 3 == 0 {
            for b in chunk {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                *b = seed.to_le_bytes()[0];
            }
        }
    }
    std::fs::write(&plant.db, &bytes).unwrap();
    let failed = every_error_names(&plant);
    assert!(failed >= 3, "only {failed} commands met the damage");
}

#[test]
fn a_text_that_is_not_utf8_is_named_as_damage_of_the_store() {
    let plant = busy_plant();
    {
        let conn = rusqlite::Connection::open(&plant.db).unwrap();
        conn.execute_batch(
            "UPDATE users SET name = CAST(X'FF' AS TEXT) WHERE badge = '1001';
             UPDATE locations SET description = CAST(X'C328' AS TEXT) WHERE location = 'M1';",
        )
        .unwrap();
    }
    let failed = every_error_names(&plant);
    assert!(failed >= 1);
    plant
        .run_env(
            &[
                "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "1",
            ],
            &OPERATOR,
        )
        .refused()
        .says(&[plant.db.to_str().unwrap(), "is damaged", "utf-8"]);
}
