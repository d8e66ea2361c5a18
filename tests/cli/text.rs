//! What the commands print for a person: tables whose columns line up (each as wide as its
//! widest cell, numbers on the right, one header row), an unknown code named instead of an
//! empty table, one hint per usage error, and a replayed key said on stderr while stdout
//! prints the first result again.

use crate::common::cli::{Files, ITEMS, LOCATIONS, Out, Plant, USERS, short_plant};

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
            "id  at                           movement    item  location  lot  qty  terminal  user  why",
            " 5  <at>                         issue       C1    M1              -6  T-ASM-12  2001  backflush",
            " 4  <at>                         issue       C1    M1              -6  T1        1001  backflush",
        ],
        "{printed}"
    );
    // The opening balance, imported by whoever ran the import, is the last row.
    assert!(
        lines[3]
            .starts_with(" 1  <at>                         adjustment  C1    M1             100  "),
        "{printed}"
    );
}

#[test]
fn an_unknown_code_in_a_filter_is_an_error_naming_it_and_another_case_finds_the_stored_one() {
    let plant = Plant::base();
    plant
        .run(&["stock", "--item", "NOPE"])
        .code(1)
        .says(&["unknown item NOPE"]);
    let out = plant.run(&["--json", "stock", "--location", "M9"]);
    out.code(1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "{\"error\":\"unknown location M9\",\"kind\":\"not_found\"}\n"
    );
    plant
        .run(&["audit", "--item", "NOPE"])
        .code(1)
        .says(&["unknown item NOPE"]);
    plant
        .run(&["audit", "--location", "M9"])
        .code(1)
        .says(&["unknown location M9"]);
    plant
        .run(&["variance", "--order", "WO9"])
        .code(1)
        .says(&["order WO9 does not exist"]);
    plant
        .run(&["trace", "--item", "NOPE", "--lot", "A"])
        .code(1)
        .says(&["unknown item NOPE"]);
    // Typed in another case, a code means the one stored code it matches.
    assert_eq!(
        printed(&plant.run(&["stock", "--location", "m1", "--item", "c1"])),
        "\
item  location  lot  expires  qty
C1    M1                      100
"
    );
    assert!(
        printed(&plant.run(&["variance", "--order", "wo1"])).contains("10    C1 "),
        "variance of wo1"
    );
    assert_eq!(
        plant
            .run(&["audit", "--location", "raw", "--json"])
            .ok()
            .json()[0]["location"],
        "RAW"
    );
}

#[test]
fn two_codes_that_differ_only_in_case_ask_for_the_one_meant() {
    let locations = format!("{LOCATIONS}m1,Machine one again,machine\n");
    let plant = Plant::with(&Files::base().with("locations.csv", &locations));
    // Typed as stored, each is itself; typed in a third case, it is refused naming both.
    assert!(printed(&plant.run(&["stock", "--location", "M1"])).contains("C1    M1 "));
    assert_eq!(
        printed(&plant.run(&["stock", "--location", "m1"])),
        "item  location  lot  expires  qty\n"
    );
    let locations = format!("{LOCATIONS}Mx,Machine x,machine\nMX,Machine X,machine\n");
    let plant = Plant::with(&Files::base().with("locations.csv", &locations));
    let out = plant.run(&["--json", "stock", "--location", "mx"]);
    out.code(1);
    assert_eq!(
        out.stderr,
        "{\"error\":\"--location mx matches MX and Mx, which differ only in case: type it as stored\",\"kind\":\"invalid\"}\n"
    );
}

const LOT_ITEMS: &str = "L,Lot part,KG,2,stock,lot,yes,3.00\n";

fn lot_plant() -> Plant {
    Plant::with(
        &Files::base()
            .with("items.csv", &format!("{ITEMS}{LOT_ITEMS}"))
            .with(
                "stock.csv",
                "item,location,qty,lot,expires\nC1,M1,100,,\nL,M1,5,A-2701,2027-01-15\nL,M1,2.5,,\n",
            ),
    )
}

#[test]
fn trace_of_an_untracked_item_says_it_is_not_lot_tracked() {
    let plant = lot_plant();
    let out = plant.run(&["trace", "--item", "C1", "--lot", "A-2701"]);
    out.code(1);
    assert_eq!(
        out.stderr,
        "error: item C1 is not lot-tracked: it has no lots to trace\n"
    );
    let out = plant.run(&["--json", "trace", "--item", "c1", "--lot", "A-2701"]);
    assert_eq!(
        out.stderr,
        "{\"error\":\"item C1 is not lot-tracked: it has no lots to trace\",\"kind\":\"invalid\"}\n"
    );
    // A tracked item's lot traces as before.
    assert!(
        printed(&plant.run(&["trace", "--item", "L", "--lot", "A-2701"]))
            .starts_with("L lot A-2701\non hand: 5 at M1\n")
    );
}

#[test]
fn audit_shows_the_lot_of_each_movement() {
    let plant = lot_plant();
    let audit = plant.run(&["audit", "--location", "M1"]);
    let printed = without_times(&printed(&audit));
    // Up to the terminal column: the opening balances, newest first, each with its lot.
    let heading = printed.split("  terminal").next().unwrap_or("").to_string();
    assert_eq!(
        heading,
        "id  at                           movement    item  location  lot        qty"
    );
    let cut = heading.len();
    let rows: Vec<&str> = printed.lines().skip(1).map(|l| &l[..cut]).collect();
    assert_eq!(
        rows,
        [
            " 3  <at>                         adjustment  L     M1        (unknown)  2.5",
            " 2  <at>                         adjustment  L     M1        A-2701       5",
            " 1  <at>                         adjustment  C1    M1                   100",
        ],
        "{printed}"
    );
}

/// Runs a keyed command twice: the second prints on stdout exactly what the first printed,
/// posts nothing, and says on stderr that it was replayed.
#[track_caller]
fn twice(plant: &Plant, args: &[&str], said: &str) -> String {
    let first = plant.run(args);
    first.ok();
    assert_eq!(first.stderr, "", "{}", first.describe());
    let stock = plant.stock();
    let again = plant.run(args);
    again.ok();
    assert_eq!(again.stdout, first.stdout, "{}", again.describe());
    assert_eq!(
        again.stderr,
        format!("{said} was already posted with this key; nothing was posted again\n"),
        "{}",
        again.describe()
    );
    assert_eq!(plant.stock(), stock, "{}", again.describe());
    first.stdout.clone()
}

#[test]
fn a_replayed_key_prints_the_first_result_and_says_so_on_stderr_for_every_posting_command() {
    let plant = short_plant(None);
    let report = twice(
        &plant,
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "3", "--key", "R1",
        ],
        "report 1",
    );
    assert!(
        report.starts_with("report 1: order WO1 operation 10\n"),
        "{report}"
    );
    twice(
        &plant,
        &["exceptions", "cancel", "--id", "1", "--key", "X1"],
        "the cancel of exception 1",
    );
    twice(
        &plant,
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "3", "--key", "R2",
        ],
        "report 2",
    );
    let transfer = twice(
        &plant,
        &[
            "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M1", "--key", "T1",
        ],
        "this transfer",
    );
    assert_eq!(
        transfer,
        "moved 1 C1 from RAW to M1\nexception 2 posted: 6 C1 at M1\n"
    );
    twice(
        &plant,
        &["exceptions", "retry", "--key", "Y1"],
        "this retry",
    );
    twice(
        &plant,
        &[
            "report", "--order", "WO1", "--op", "20", "--good", "1", "--key", "R3",
        ],
        "report 3",
    );
    let issued = twice(
        &plant,
        &[
            "issue", "--order", "WO1", "--line", "20", "--qty", "1", "--key", "I1",
        ],
        "issue 1",
    );
    assert_eq!(
        issued,
        "issue 1: issued 1 C2 from M2 on order WO1 line 20\n"
    );
    let returned = twice(
        &plant,
        &[
            "issue", "--order", "WO1", "--line", "20", "--qty", "-0.5", "--key", "I2",
        ],
        "issue 2",
    );
    assert_eq!(
        returned,
        "issue 2: returned 0.5 C2 to M2 on order WO1 line 20\n"
    );
    twice(
        &plant,
        &[
            "adjust", "--report", "3", "--line", "20", "--qty", "0.1", "--reason", "DAMAGED",
            "--key", "A1",
        ],
        "this scrap adjustment",
    );
    twice(
        &plant,
        &[
            "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M2", "--key", "T2",
        ],
        "this transfer",
    );
    twice(
        &plant,
        &[
            "substitute",
            "--report",
            "3",
            "--line",
            "20",
            "--item",
            "C1",
            "--qty",
            "1",
            "--key",
            "S1",
        ],
        "this substitution",
    );
    twice(
        &plant,
        &[
            "count",
            "--item",
            "C1",
            "--location",
            "RAW",
            "--qty",
            "93",
            "--key",
            "C1",
        ],
        "this count",
    );
    // With --json too: the same JSON again, the word on stderr.
    let args = [
        "--json", "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M2", "--key",
        "T3",
    ];
    twice(&plant, &args, "this transfer");
    plant.verify();
}

#[test]
fn a_usage_error_says_one_hint_and_exits_2() {
    let plant = Plant::base();
    let out = plant.run(&["stock", "--locaton", "M1"]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "error: unexpected argument '--locaton' found (a similar argument exists: '--location')\n"
    );
    let out = plant.run(&[
        "line-flag",
        "--order",
        "WO1",
        "--line",
        "10",
        "--backflush",
        "maybe",
    ]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "error: invalid value 'maybe' for '--backflush <BACKFLUSH>' (possible values: yes, no, default)\n"
    );
    let out = plant.run(&["--json", "report", "--order", "WO1"]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "{\"error\":\"the following required arguments were not provided: --op <N> --good <G> (see backflush report --help)\",\"kind\":\"usage\"}\n"
    );
    let out = plant.run(&[
        "transfer", "--item", "C1", "--qty", "1,5", "--from", "RAW", "--to", "M1",
    ]);
    out.code(2);
    assert_eq!(
        out.stderr,
        "error: invalid value '1,5' for '--qty <QTY>': \"1,5\" is not a number (see backflush transfer --help)\n"
    );
}
