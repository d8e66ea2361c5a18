//! What the commands print for a person: tables whose columns line up (each as wide as its
//! widest cell, numbers on the right, one header row), an unknown code named instead of an
//! empty table, one hint per usage error, and a replayed key said on stderr while stdout
//! prints the first result again.

use crate::common::cli::{Files, Out, Plant, USERS, short_plant};

/// The `at` column of `audit` (a posting's UTC time to the microsecond, 27 characters) as a
/// fixed word of the same width, so a table can be compared whole.
fn without_times(text: &str) -> String {
    text.lines()
        .map(|line| {
            let mut out = line.to_string();
            while let Some(at) = out.find("20").filter(|&at| {
                out.get(at..at + 27)
                    .is_some_and(|t| t.ends_with('Z') && t.as_bytes()[10] == b'T')
            }) {
                out.replace_range(at..at + 27, &format!("{:<27}", "<at>"));
            }
            out + "\n"
        })
        .collect()
}

#[track_caller]
fn printed(out: &Out) -> String {
    out.ok();
    out.stdout.clone()
}

#[test]
fn stock_is_a_table_whose_columns_line_up() {
    let plant = Plant::base();
    assert_eq!(
        printed(&plant.run(&["stock"])),
        "\
item  location  lot  expires  qty
C1    M1                      100
C1    RAW                     100
C2    M2                       50
"
    );
    // JSON is as it was.
    assert_eq!(
        plant
            .run(&["stock", "--json", "--location", "M2"])
            .ok()
            .stdout,
        "[{\"expires\":null,\"item\":\"C2\",\"location\":\"M2\",\"lot\":null,\"qty\":\"50\"}]\n"
    );
}

#[test]
fn a_report_the_queue_and_the_variance_are_tables_whose_columns_line_up() {
    let plant = short_plant(None);
    let report = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "3", "--scrap", "1",
    ]);
    assert_eq!(
        printed(&report),
        "\
report 1: order WO1 operation 10
good 3  scrap 1
line  item  location  planned  qty  scrap  status
10    C1    M1              8    8      0  deferred
"
    );
    assert_eq!(
        printed(&plant.run(&["exceptions"])),
        "\
id  report  order  line  item  location  qty  short  status
 1       1  WO1    10    C1    M1          8      3  open
"
    );
    assert_eq!(
        printed(&plant.run(&["variance", "--order", "WO1"])),
        "\
line  item  standard  actual  pending  qty var  cost var
10    C1           8       0        8       -8       -16
20    C2           0       0        0        0         0
expected 16  actual 0  variance -16
"
    );
}

#[test]
fn audit_is_a_table_whose_columns_line_up() {
    let plant = Plant::with(&Files::base().with("users.csv", USERS));
    for (terminal, user, pin) in [("T1", "1001", "1234"), ("T-ASM-12", "2001", "2222")] {
        plant
            .run_env(
                &[
                    "--terminal",
                    terminal,
                    "--user",
                    user,
                    "report",
                    "--order",
                    "WO1",
                    "--op",
                    "10",
                    "--good",
                    "3",
                ],
                &[("BACKFLUSH_PIN", pin)],
            )
            .ok();
    }
    let audit = plant.run(&["audit", "--location", "M1"]);
    let printed = without_times(&printed(&audit));
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "id  at                           movement    item  location  qty  terminal  user  why",
            " 5  <at>                         issue       C1    M1         -6  T-ASM-12  2001  backflush",
            " 4  <at>                         issue       C1    M1         -6  T1        1001  backflush",
        ],
        "{printed}"
    );
    // The opening balance, imported by whoever ran the import, is the last row.
    assert!(
        lines[3].starts_with(" 1  <at>                         adjustment  C1    M1        100  "),
        "{printed}"
    );
}
