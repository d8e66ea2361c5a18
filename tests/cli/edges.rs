//! SPEC §13 edges of the files the program reads: `FILE:LINE` counts physical lines whatever
//! the line endings, `report --batch` reads real CSV, control characters are refused at import
//! and never printed raw.

use crate::common::cli::*;

// =============================================================================================
// FILE:LINE counts physical lines (SPEC §13)
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
// report --batch reads real CSV (SPEC §4, §13)
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
    out.refused().says(&["2 posted, 0 replayed, 1 refused"]);
    assert_eq!(
        results(&out),
        [
            result("2", "B\n1", true),
            result("4", "B,2", true),
            result("5", "B3", false)
        ],
        "{}",
        out.describe()
    );
    assert_eq!(plant.qty("C1", "M1"), "96");
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
