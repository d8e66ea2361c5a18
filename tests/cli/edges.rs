//! edges of the files the program reads: `FILE:LINE` counts physical lines whatever
//! the line endings, `report --batch` reads real CSV, control characters are refused at import
//! and never printed raw.

use crate::common::cli::*;
use backflush::service::TransferRequest;

// =============================================================================================
// FILE:LINE counts physical lines
// =============================================================================================

/// The base items with a bad row (type "bogus") as the third record, after a blank line,
/// written with `eol` as the line ending: header 1, blank 2, P 3, C1 4, bad row 5.
fn items_with_bad_row(eol: &str) -> String {
    [
        "item,description,uom,decimals,type,tracking,backflush,std_cost",
        "",
        "P,Parent,EA,0,stock,none,yes,100.00",
        "C1,Component one,EA,0,stock,none,yes,2.00",
        "C2,Component two,KG,3,bogus,none,yes,1.50",
        "",
    ]
    .join(eol)
}

#[test]
fn file_line_counts_physical_lines_with_lf_crlf_and_cr_endings() {
    for eol in ["\n", "\r\n", "\r"] {
        let plant = Plant::empty();
        plant
            .import(&Files::base().with("items.csv", &items_with_bad_row(eol)))
            .refused()
            .says(&["items.csv:5:", "\"bogus\""]);
    }
}

#[test]
fn a_header_after_blank_lines_is_named_at_its_line() {
    for eol in ["\n", "\r\n", "\r"] {
        let text = ["", "", "location,descr,kind", "RAW,Raw store,storage", ""].join(eol);
        Plant::empty()
            .import(&Files::base().with("locations.csv", &text))
            .refused()
            .says(&["locations.csv:3:", "unknown column \"descr\""]);
    }
}

#[test]
fn a_record_whose_quoted_field_spans_lines_is_named_at_its_first_line() {
    // C2's description spans lines 4 and 5; the row is refused at line 4.
    let items = "item,description,uom,decimals,type,tracking,backflush,std_cost\r\n\
                 P,Parent,EA,0,stock,none,yes,100.00\r\n\
                 C1,\"Component, \"\"one\"\"\",EA,0,stock,none,yes,2.00\r\n\
                 C2,\"Component\r\ntwo\",KG,3,bogus,none,yes,1.50\r\n";
    Plant::empty()
        .import(&Files::base().with("items.csv", items))
        .refused()
        .says(&["items.csv:4:"]);
}

#[test]
fn a_row_with_too_many_fields_is_named_at_its_line() {
    let stock = "item,location,qty\r\rC1,M1,100\rC2,M2,50,9\r";
    Plant::empty()
        .import(&Files::base().with("stock.csv", stock))
        .refused()
        .says(&["stock.csv:4:", "4 fields", "header row has 3"]);
}

// =============================================================================================
// report --batch reads real CSV
// =============================================================================================

fn batch_file(plant: &Plant, text: &str) -> String {
    let file = plant.tmp.path().join("batch.csv");
    std::fs::write(&file, text).expect("write the batch");
    file.to_str().expect("utf-8").to_string()
}

/// (line, key, ok) of each result line.
fn results(out: &Out) -> Vec<(String, String, bool)> {
    out.json_lines()
        .iter()
        .map(|l| (text(&l["line"]), text(&l["key"]), l["ok"] == true))
        .collect()
}

fn result(line: &str, key: &str, ok: bool) -> (String, String, bool) {
    (line.to_string(), key.to_string(), ok)
}

#[test]
fn a_quoted_batch_field_with_a_line_break_is_one_record() {
    let plant = Plant::base();
    let file = batch_file(
        &plant,
        "key,order,op,good,scrap\n\"B\n1\",WO1,10,1,0\n\"B,2\",\"WO1\",10,\"1\",\"\"\nB3,WO1,10,x,0\n",
    );
    let out = plant.run(&["report", "--batch", &file]);
    out.refused().says(&["1 posted, 0 replayed, 2 refused"]);
    // The record of lines 2–3 is one, refused for the line break in its key (a key is
    // printable text); the next starts at line 4.
    assert_eq!(
        results(&out),
        [
            result("2", "B\n1", false),
            result("4", "B,2", true),
            result("5", "B3", false)
        ],
        "{}",
        out.describe()
    );
    assert!(
        out.stdout
            .contains("the idempotency key on line 2: it holds the control character U+000A"),
        "{}",
        out.describe()
    );
    assert_eq!(plant.qty("C1", "M1"), "98");
}

#[test]
fn batch_lines_are_physical_lines_whatever_the_endings_and_the_header_is_optional() {
    for eol in ["\n", "\r\n", "\r"] {
        let plant = Plant::base();
        let text = ["K1,WO1,10,1,0", "", "K2,WO1,10,x,0", "K3,WO1,10,1,0", ""].join(eol);
        let out = plant.run(&["report", "--batch", &batch_file(&plant, &text)]);
        assert_eq!(
            results(&out),
            [
                result("1", "K1", true),
                result("3", "K2", false),
                result("4", "K3", true)
            ],
            "{eol:?}: {}",
            out.describe()
        );
    }
}

#[test]
fn each_report_of_a_batch_records_its_own_time() {
    let plant = Plant::base();
    let text: String = (0..5).map(|i| format!("T{i},WO1,10,1,0\n")).collect();
    plant
        .run(&["report", "--batch", &batch_file(&plant, &text)])
        .ok();
    let conn = rusqlite::Connection::open(&plant.db).expect("open the store");
    let times: Vec<String> = conn
        .prepare("SELECT at FROM reports ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("read the reports");
    assert_eq!(times.len(), 5);
    assert!(
        times.windows(2).all(|w| w[0] < w[1]),
        "one time each, to the microsecond: {times:?}"
    );
    // The report's movements carry its time.
    let mismatched: i64 = conn
        .query_row(
            "SELECT count(*) FROM movements m JOIN reports r ON r.id = m.report_id WHERE m.at <> r.at",
            [],
            |r| r.get(0),
        )
        .expect("compare the movements");
    assert_eq!(mismatched, 0);
}

#[test]
fn batch_results_are_printed_as_each_group_commits() {
    use std::io::BufRead;
    let plant = Plant::with(
        &Files::base()
            .with(
                "stock.csv",
                "item,location,qty\nC1,M1,1000000\nC2,M2,1000000\n",
            )
            .with(
                "orders.csv",
                "order,item,revision,qty,due,completion_location\nWO1,P,1,100000,,FG\n",
            ),
    );
    let text: String = (0..4000).map(|i| format!("S{i},WO1,10,1,0\n")).collect();
    let file = batch_file(&plant, &text);
    let mut child = std::process::Command::new(crate::common::binary())
        .arg("--db")
        .arg(&plant.db)
        .args(["report", "--batch", &file])
        .env_remove("BACKFLUSH_CONFIG")
        .env("HOME", plant.tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the batch");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("read a result line");
    // The first group's lines arrive while later groups are still to post.
    child.kill().expect("kill the batch");
    let _ = child.wait();
    let first: serde_json::Value = serde_json::from_str(&first).expect("a JSON result line");
    assert_eq!(first["key"], "S0");
    assert_eq!(first["ok"], true);
    let conn = rusqlite::Connection::open(&plant.db).expect("open the store");
    let posted: i64 = conn
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .expect("count the reports");
    assert!(
        (1..4000).contains(&posted),
        "the first line came before the batch ended: {posted} posted"
    );
    drop(conn);
    plant.verify();
}

// =============================================================================================
// Control characters
// =============================================================================================

#[test]
fn import_refuses_control_characters_in_codes_and_descriptions_naming_line_and_column() {
    let items = |row: &str| {
        format!(
            "item,description,uom,decimals,type,tracking,backflush,std_cost\n\n\
             P,Parent,EA,0,stock,none,yes,100.00\n{row}\nC2,Component two,KG,3,stock,none,yes,1.50\n"
        )
    };
    for (row, column, code) in [
        (
            "C1,Comp\u{1b}[2Jone,EA,0,stock,none,yes,2.00",
            "description",
            "U+001B",
        ),
        (
            "C1,Comp\u{7}one,EA,0,stock,none,yes,2.00",
            "description",
            "U+0007",
        ),
        (
            "C\u{0}1,Component one,EA,0,stock,none,yes,2.00",
            "item",
            "U+0000",
        ),
        (
            "C1\u{7f},Component one,EA,0,stock,none,yes,2.00",
            "item",
            "U+007F",
        ),
        (
            "C1,Comp\u{9b}2Jone,EA,0,stock,none,yes,2.00",
            "description",
            "U+009B",
        ),
        (
            "C1,Comp\tone,EA,0,stock,none,yes,2.00",
            "description",
            "U+0009",
        ),
        (
            "C1,\"Component\r\none\",EA,0,stock,none,yes,2.00",
            "description",
            "U+000D",
        ),
        (
            "C1,Component one,E\u{8}A,0,stock,none,yes,2.00",
            "uom",
            "U+0008",
        ),
    ] {
        let plant = Plant::empty();
        let out = plant.import(&Files::base().with("items.csv", &items(row)));
        out.refused()
            .says(&["items.csv:4:", column, code, "control character"]);
        assert!(
            !out.stderr
                .contains(['\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\u{9b}']),
            "the refusal itself is printable: {:?}",
            out.stderr
        );
        assert!(!plant.db.exists(), "nothing imported, no store left");
    }
    let locations = "location,description,kind\nRAW,Raw\u{1b}]0;owned\u{7},storage\n";
    Plant::empty()
        .import(&Files::base().with("locations.csv", locations))
        .refused()
        .says(&["locations.csv:2:", "description", "U+001B"]);
    let users = "badge,name,role,pin\n1001,Olga\u{1b}[31m,operator,1234\n";
    Plant::empty()
        .import(&Files::base().with("users.csv", users))
        .refused()
        .says(&["users.csv:2:", "name", "U+001B"]);
    // Printable text beyond ASCII is fine.
    let items = items("C1,Komponente eins — Ø 12 mm,EA,0,stock,none,yes,2.00");
    Plant::empty()
        .import(&Files::base().with("items.csv", &items))
        .ok();
}

#[test]
fn settings_refuse_control_characters_in_reason_codes() {
    let plant = Plant::empty();
    let dir = plant.dir(&Files::base());
    std::fs::write(
        dir.join("settings.toml"),
        "[reasons]\nscrap = [\"OK\", \"BAD\\u001b[2J\"]\n",
    )
    .expect("write settings.toml");
    let out = plant.run(&["import", dir.to_str().expect("utf-8")]);
    out.refused()
        .says(&["settings.toml", "reasons.scrap", "U+001B"]);
}

/// Renames a code everywhere it is stored, as a store written before the import refused
/// control characters may hold it.
fn rename_code(conn: &rusqlite::Connection, from: &str, to: &str) {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("list the tables");
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("list the columns");
        for column in columns {
            // Append-only tables refuse updates by trigger; those are left as they are.
            let _ = conn.execute(
                &format!("UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE \"{column}\" = ?2"),
                [to, from],
            );
        }
    }
}

#[test]
fn text_outputs_never_print_raw_control_characters_from_the_data() {
    let plant = Plant::base();
    // A report that defers (C1 at M1 is short) and one reversed, with a hostile reason.
    plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    let second = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    // The command line refuses control characters in a reason or a terminal id; a store
    // written before it did holds them, as the library still takes them.
    {
        let mut config = backflush::config::Config::default();
        config.terminal.id = "T\u{1b}]0;owned\u{7}".into();
        let mut service =
            backflush::service::Service::open_existing(config, &plant.db).expect("open the store");
        let nobody = backflush::service::Credentials::default();
        let id = report_id(&second).parse().expect("a report id");
        service
            .reverse(id, "typo\u{1b}[2J\u{7}", &nobody)
            .expect("reverse");
        service
            .transfer(
                &TransferRequest {
                    item: "C1".into(),
                    qty: crate::common::d("97"),
                    from: "M1".into(),
                    to: "RAW".into(),
                    lots: None,
                },
                &nobody,
            )
            .expect("transfer");
    }
    plant
        .run(&["report", "--order", "WO1", "--op", "10", "--good", "8"])
        .ok();
    {
        let conn = rusqlite::Connection::open(&plant.db).expect("open the store");
        conn.execute_batch("PRAGMA foreign_keys = OFF;")
            .expect("foreign keys off");
        rename_code(&conn, "C1", "C\u{1b}[2J1");
        rename_code(&conn, "M1", "M\u{9b}1");
    }
    // Such a code cannot be named on the command line any more: a usage error, printed
    // escaped like the rest.
    let runs: [(&[&str], i32); 7] = [
        (&["stock"], 0),
        (&["audit"], 0),
        (&["exceptions"], 0),
        (&["staging", "--work-center", "WC1"], 0),
        (&["variance", "--order", "WO1"], 0),
        (&["health"], 0),
        (&["stock", "--item", "C\u{1b}[2J1"], 2),
    ];
    for (args, code) in runs {
        let out = plant.run(args);
        out.code(code);
        let raw: Vec<char> = out
            .stdout
            .chars()
            .chain(out.stderr.chars())
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(
            raw.is_empty(),
            "{args:?} printed {raw:?}: {}",
            out.describe()
        );
    }
    // The escaped codes are there to read.
    let stock = plant.run(&["stock"]);
    assert!(
        stock.stdout.contains("C\\u{1b}[2J1"),
        "{}",
        stock.describe()
    );
    let audit = plant.run(&["audit"]);
    assert!(
        audit.stdout.contains("typo\\u{1b}[2J\\u{7}"),
        "{}",
        audit.describe()
    );
    assert!(
        audit.stdout.contains("T\\u{1b}]0;owned\\u{7}"),
        "{}",
        audit.describe()
    );
}

// =============================================================================================
// Numbers are refused for what is wrong with them
// =============================================================================================

const FORTY_PLACES: &str = "0.0000000000000000000000000000000000000001";
const TWENTY_NINE_NINES: &str = "99999999999999999999999999999";

#[test]
fn a_tiny_or_huge_quantity_option_is_named_too_precise_or_too_large() {
    let plant = Plant::base();
    let preview = |extra: &[&str]| {
        let mut args = vec!["preview", "--order", "WO1", "--op", "10", "--json"];
        args.extend_from_slice(extra);
        plant.run(&args)
    };
    let out = preview(&["--good", FORTY_PLACES]);
    out.usage().says(&["--good", "more decimal places"]);
    assert!(!out.stderr.contains("zero"), "{}", out.describe());
    preview(&["--good", TWENTY_NINE_NINES])
        .usage()
        .says(&["--good", "too large"]);
    preview(&["--good", "1", "--set", &format!("10={TWENTY_NINE_NINES}")])
        .usage()
        .says(&["--set", "too large"]);
    preview(&["--good", "1", "--line-scrap", &format!("10={FORTY_PLACES}")])
        .usage()
        .says(&["--line-scrap", "more decimal places"]);
    // 29 digits that a quantity can hold are a number, over the engine's limit.
    preview(&["--good", "12345678901234567890123456789"])
        .refused()
        .says(&["too large", "limit"]);
}

#[test]
fn a_tiny_or_huge_batch_quantity_is_named_too_precise_or_too_large() {
    let plant = Plant::base();
    let batch = format!(
        "K1,WO1,10,{FORTY_PLACES},0\nK2,WO1,10,{TWENTY_NINE_NINES},0\nK3,WO1,10,1,{FORTY_PLACES}\nK4,WO1,{TWENTY_NINE_NINES},1,0\n"
    );
    let out = plant.run(&["report", "--batch", &batch_file(&plant, &batch)]);
    let errors: Vec<String> = out
        .refused()
        .json_lines()
        .iter()
        .map(|l| text(&l["error"]))
        .collect();
    assert_eq!(errors.len(), 4, "{}", out.describe());
    assert!(errors[0].contains("good") && errors[0].contains("more decimal places"));
    assert!(errors[1].contains("good") && errors[1].contains("too large"));
    assert!(errors[2].contains("scrap") && errors[2].contains("more decimal places"));
    assert!(errors[3].contains("op") && errors[3].contains("too large"));
    assert!(
        errors.iter().all(|e| !e.contains("not a number")),
        "{errors:?}"
    );
}

#[test]
fn a_tiny_or_huge_import_number_is_named_too_precise_or_too_large() {
    let stock = |qty: &str| format!("item,location,qty\nC1,M1,{qty}\n");
    Plant::empty()
        .import(&Files::base().with("stock.csv", &stock(FORTY_PLACES)))
        .refused()
        .says(&["stock.csv:2:", "qty", "more decimal places"]);
    Plant::empty()
        .import(&Files::base().with("stock.csv", &stock(TWENTY_NINE_NINES)))
        .refused()
        .says(&["stock.csv:2:", "qty", "too large"]);
    let boms = format!(
        "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
         P,1,1,10,C1,{FORTY_PLACES},unit,,10,,\n"
    );
    Plant::empty()
        .import(&Files::base().with("boms.csv", &boms))
        .refused()
        .says(&["boms.csv:2:", "qty", "more decimal places"]);
    let items = format!(
        "item,description,uom,decimals,type,tracking,backflush,std_cost\n\
         P,Parent,EA,{TWENTY_NINE_NINES},stock,none,yes,100.00\n"
    );
    Plant::empty()
        .import(&Files::base().with("items.csv", &items))
        .refused()
        .says(&["items.csv:2:", "decimals", "too large"]);
}

#[test]
fn bench_runs_on_its_own_plant_with_5000_items() {
    let out = std::process::Command::new(crate::common::binary())
        .args([
            "bench",
            "--items",
            "5000",
            "--ledger",
            "1000",
            "--orders",
            "5",
            "--reports",
            "5",
            "--json",
        ])
        .output()
        .expect("run the bench");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["items"], 5000);
}
