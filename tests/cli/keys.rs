//! Idempotency keys on every command that posts movements: a retry with the same key
//! returns the first result and posts nothing; the same key with another request is a
//! `conflict`, in a batch too.

#![allow(clippy::unwrap_used)]

use crate::common::cli::*;

/// Runs `args` with `--json` and `--key KEY`.
fn keyed(plant: &Plant, key: &str, args: &[&str]) -> Out {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--key", key, "--json"]);
    plant.run(&all)
}

#[track_caller]
fn conflict(out: &Out, key: &str) {
    out.refused();
    let error: serde_json::Value = serde_json::from_str(out.stderr.trim()).unwrap();
    assert_eq!(error["kind"], "conflict", "{}", out.describe());
    assert!(text(&error["error"]).contains(key), "{}", out.describe());
}

#[test]
fn a_transfer_retried_with_its_key_posts_once() {
    let plant = Plant::base();
    let args = [
        "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
    ];
    let first = keyed(&plant, "T-1", &args).ok().json();
    let again = keyed(&plant, "T-1", &args).ok().json();
    assert_eq!(first, again);
    assert_eq!(plant.qty("C1", "RAW"), "95");
    // 5.0 is the same request as 5.
    let same = [
        "transfer", "--item", "C1", "--qty", "5.0", "--from", "RAW", "--to", "M1",
    ];
    keyed(&plant, "T-1", &same).ok();
    assert_eq!(plant.qty("C1", "RAW"), "95");
    let other = [
        "transfer", "--item", "C1", "--qty", "6", "--from", "RAW", "--to", "M1",
    ];
    conflict(&keyed(&plant, "T-1", &other), "T-1");
    assert_eq!(plant.qty("C1", "RAW"), "95");
    // Even when the source ran dry since, the retry answers with the first result.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "95", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    keyed(&plant, "T-1", &args).ok();
    assert_eq!(plant.qty("C1", "M1"), "200");
    plant.verify();
}

#[test]
fn count_adjust_substitute_and_exceptions_take_keys() {
    let plant = Plant::base();
    let count = ["count", "--item", "C1", "--location", "RAW", "--qty", "90"];
    let first = keyed(&plant, "C-1", &count).ok().json();
    // A second count of 90 under the same key posts nothing, even after stock moved.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "10", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    assert_eq!(keyed(&plant, "C-1", &count).ok().json(), first);
    assert_eq!(plant.qty("C1", "RAW"), "80");
    conflict(
        &keyed(
            &plant,
            "C-1",
            &["count", "--item", "C1", "--location", "RAW", "--qty", "91"],
        ),
        "C-1",
    );

    let id = report_id(&plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]));
    let adjust = [
        "adjust", "--report", &id, "--line", "10", "--qty", "1", "--reason", "DAMAGED",
    ];
    let first = keyed(&plant, "A-1", &adjust).ok().json();
    assert_eq!(keyed(&plant, "A-1", &adjust).ok().json(), first);
    assert_eq!(plant.qty("C1", "M1"), "103", "110 - 6 - 1, once");
    let other = [
        "adjust", "--report", &id, "--line", "10", "--qty", "2", "--reason", "DAMAGED",
    ];
    conflict(&keyed(&plant, "A-1", &other), "A-1");
    // A key of one command is no key of another.
    conflict(&keyed(&plant, "A-1", &count), "A-1");

    let substitute = [
        "substitute",
        "--report",
        &id,
        "--line",
        "10",
        "--item",
        "C2",
        "--qty",
        "1",
    ];
    plant
        .run(&[
            "transfer", "--item", "C2", "--qty", "5", "--from", "M2", "--to", "M1",
        ])
        .ok();
    let first = keyed(&plant, "S-1", &substitute).ok().json();
    assert_eq!(plant.qty("C2", "M1"), "4");
    assert_eq!(keyed(&plant, "S-1", &substitute).ok().json(), first);
    assert_eq!(plant.qty("C2", "M1"), "4", "substituted once");
    plant.verify();
}

#[test]
fn exceptions_retry_and_cancel_take_keys() {
    // 3 units need 6 C1 at M1 and 2 are there: the line is deferred.
    let stock = "item,location,qty\nC1,M1,2\nC2,M2,50\nC1,RAW,100\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let open = plant.exceptions(&[]);
    let id = text(&open[0]["id"]);
    let retry = keyed(&plant, "R-1", &["exceptions", "retry"]).ok().json();
    assert_eq!(retry, serde_json::json!([]));
    assert_eq!(
        keyed(&plant, "R-1", &["exceptions", "retry"]).ok().json(),
        retry
    );
    let cancel = ["exceptions", "cancel", "--id", &id];
    keyed(&plant, "X-1", &cancel).ok();
    // The exception is cancelled now; the retry of the same cancel still answers as before.
    keyed(&plant, "X-1", &cancel).ok();
    plant.run(&["exceptions", "cancel", "--id", &id]).refused();
}

#[test]
fn a_report_key_with_another_request_is_a_conflict() {
    let plant = Plant::base();
    let first = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--key", "K-1",
    ]);
    let out = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "4", "--key", "K-1", "--json",
    ]);
    conflict(&out, "K-1");
    assert!(
        out.stderr.contains(&report_id(&first)),
        "{}",
        out.describe()
    );
    let out = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "3", "--set", "C1=7", "--key", "K-1",
        "--json",
    ]);
    conflict(&out, "K-1");
    assert_eq!(plant.qty("C1", "M1"), "94");
    // A transfer's key is no report's.
    keyed(
        &plant,
        "T-9",
        &[
            "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M1",
        ],
    )
    .ok();
    conflict(
        &plant.run(&[
            "report", "--order", "WO1", "--op", "10", "--good", "1", "--key", "T-9", "--json",
        ]),
        "T-9",
    );
}

#[test]
fn a_batch_tells_replays_from_new_postings_and_refuses_a_conflict() {
    let plant = Plant::base();
    let file = plant.tmp.path().join("b.csv");
    std::fs::write(&file, "B1,WO1,10,2,0\n").unwrap();
    let file = file.to_str().unwrap().to_string();
    plant.run(&["report", "--batch", &file]).ok();
    std::fs::write(&file, "B1,WO1,10,2,0\nB1x,WO1,10,1,0\nB1,WO1,10,3,0\n").unwrap();
    let out = plant.run(&["report", "--batch", &file]);
    out.refused().says(&["1 posted, 1 replayed, 1 refused"]);
    let lines = out.json_lines();
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["ok"], true);
    assert_eq!(lines[2]["ok"], false);
    assert!(text(&lines[2]["error"]).contains("B1"), "{}", lines[2]);
    assert_eq!(plant.qty("C1", "M1"), "94", "2 + 1 units posted");
}

/// The plant of `lot_reports` (lot-tracked P, lot line 30, non-stock line 40, serial line
/// 50) with users, so report lines carry `needs_approval`.
fn lot_plant_with_users() -> Plant {
    use super::lot_reports::{boms, items, stock};
    Plant::with(
        &Files::base()
            .with("items.csv", &items("lot"))
            .with("boms.csv", &boms())
            .with("stock.csv", &stock())
            .with("users.csv", USERS),
    )
}

/// What the store kept as the result of the report posted under `key`.
fn stored_result(plant: &Plant, key: &str) -> String {
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    conn.query_row(
        "SELECT result FROM reports WHERE idem_key = ?1",
        [key],
        |r| r.get(0),
    )
    .unwrap()
}

/// The first JSON of a report at operation 10 of the lot plant: an override that needs a lead,
/// a lot line with its lots, a non-stock line without a location, no receipt.
const FIRST_OP10: &str = concat!(
    r#"{"report_id":1,"order":"WO1","operation":10,"good":"2","scrap":"0","lines":["#,
    r#"{"line":"10","item":"C1","location":"M1","planned":"4","qty":"5","line_scrap":"0","#,
    r#""status":"issue","overridden":true,"shortfall":"0","needs_approval":true,"lots":[]},"#,
    r#"{"line":"30","item":"L","location":"M1","planned":"2","qty":"2","line_scrap":"0","#,
    r#""status":"manual","overridden":false,"shortfall":"0","needs_approval":false,"#,
    r#""lots":[{"lot":"A","qty":"1.5"},{"lot":"B","qty":"0.5"}]},"#,
    r#"{"line":"40","item":"N","location":null,"planned":"6","qty":"0","line_scrap":"0","#,
    r#""status":"manual","overridden":false,"shortfall":"0","needs_approval":false,"lots":[]},"#,
    r#"{"line":"50","item":"S","location":"M1","planned":"2","qty":"0","line_scrap":"0","#,
    r#""status":"manual","overridden":false,"shortfall":"0","needs_approval":false,"lots":[]}],"#,
    r#""receipt":null,"labor":[{"operation":10,"setup_hours":"0.5","run_hours":"0.2","#,
    r#""labor_cost":"28","overhead_cost":"14"}],"warnings":[]}"#,
    "\n"
);

#[test]
fn a_replayed_report_prints_the_first_json_byte_for_byte() {
    let plant = lot_plant_with_users();
    let lead = [("BACKFLUSH_PIN", "2222")];
    let op10 = [
        "--user",
        "2001",
        "report",
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--set",
        "30=2",
        "--lot",
        "30=A:1.5,B:0.5",
        "--set",
        "10=5",
        "--key",
        "R-10",
        "--json",
    ];
    let first = plant.run_env(&op10, &lead).ok().stdout.clone();
    assert_eq!(first, FIRST_OP10);
    assert_eq!(format!("{}\n", stored_result(&plant, "R-10")), first);
    // A receipt with its lot, at the last operation.
    let op20 = [
        "--user", "2001", "report", "--order", "WO1", "--op", "20", "--good", "2", "--fg-lot",
        "F-1", "--key", "R-20", "--json",
    ];
    let first20 = plant.run_env(&op20, &lead).ok().stdout.clone();
    assert!(
        first20.contains(
            r#""receipt":{"item":"P","location":"FG","qty":"2","lots":[{"lot":"F-1","qty":"2"}]}"#
        ),
        "{first20}"
    );
    let stock = plant.stock();
    for (args, first) in [(&op10[..], &first), (&op20[..], &first20)] {
        let again = plant.run_env(args, &lead).ok().stdout.clone();
        assert_eq!(
            &again, first,
            "the retry prints the first result byte for byte"
        );
    }
    assert_eq!(plant.stock(), stock, "the retries posted nothing");
    plant.verify();
}

/// `issue --order WO1 --line 10 --qty QTY` with `--key KEY --json`.
fn issue(plant: &Plant, key: &str, qty: &str) -> Out {
    keyed(
        plant,
        key,
        &["issue", "--order", "WO1", "--line", "10", "--qty", qty],
    )
}

const TRANSFER: [&str; 9] = [
    "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
];

#[test]
fn an_issue_key_is_no_transfer_key_nor_the_other_way_round() {
    let plant = Plant::base();
    let first = issue(&plant, "I-1", "5").ok().json();
    assert_eq!(first["qty"], "5");
    assert_eq!(plant.qty("C1", "M1"), "95");
    let out = keyed(&plant, "I-1", &TRANSFER);
    conflict(&out, "I-1");
    assert!(out.stderr.contains("(issue)"), "{}", out.describe());
    assert_eq!(plant.qty("C1", "RAW"), "100", "the transfer posted nothing");
    // The issue's retry still answers with its first result.
    assert_eq!(issue(&plant, "I-1", "5").ok().json(), first);

    keyed(&plant, "T-1", &TRANSFER).ok();
    let out = issue(&plant, "T-1", "5");
    conflict(&out, "T-1");
    assert!(out.stderr.contains("(transfer)"), "{}", out.describe());
    assert_eq!(
        plant.qty("C1", "M1"),
        "100",
        "95 + 5 moved in, no second issue"
    );
    // A report's key is no issue's either, and an issue's no report's.
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--key", "R-1",
    ]);
    conflict(&issue(&plant, "R-1", "5"), "R-1");
    let out = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "1", "--key", "I-1", "--json",
    ]);
    conflict(&out, "I-1");
    assert_eq!(plant.qty("C1", "M1"), "98", "one report of 1 unit: 2 C1");
    plant.verify();
}

/// The issue of 5 C1 at M1 on WO1 line 10 as the store kept it before issue keys went to
/// `request_keys`: its request (the fingerprint) and its first result.
const OLD_REQUEST: &str = "WO1\u{1f}10\u{1f}5\u{1f}\u{1f}\u{1f}";
const OLD_RESULT: &str =
    r#"{"issue_id":7,"order":"WO1","line":"10","item":"C1","location":"M1","qty":"5","lots":[]}"#;

/// Takes the store back to the schema before `ISSUE_KEYS`, its `issues` holding issue 7
/// under key OLD-1 and issue 8 under BOTH, a key a transfer holds too (two namespaces then).
fn store_before_issue_keys(plant: &Plant) {
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    let schema = backflush::store::schema::MIGRATIONS;
    let version = schema
        .iter()
        .position(|m| *m == backflush::store::schema::ISSUE_KEYS)
        .unwrap();
    conn.execute_batch(&format!(
        "DROP TABLE issue_ids;
         CREATE TABLE issues (
             id       INTEGER PRIMARY KEY,
             idem_key TEXT NOT NULL UNIQUE,
             request  TEXT NOT NULL,
             result   TEXT NOT NULL
         ) STRICT;
         {}
         PRAGMA user_version = {version};",
        crate::export::SOURCES_UNDONE
    ))
    .unwrap();
    let both = OLD_RESULT
        .replace("\"issue_id\":7", "\"issue_id\":8")
        .replace("\"5\"", "\"1\"");
    conn.execute(
        "INSERT INTO issues (id, idem_key, request, result) VALUES (7, 'OLD-1', ?1, ?2),
         (8, 'BOTH', ?3, ?4)",
        [
            OLD_REQUEST,
            OLD_RESULT,
            &OLD_REQUEST.replace("\u{1f}5\u{1f}", "\u{1f}1\u{1f}"),
            &both,
        ],
    )
    .unwrap();
}

#[test]
fn an_issue_key_from_before_the_upgrade_still_replays_and_still_conflicts() {
    let plant = Plant::base();
    let transfer = keyed(&plant, "BOTH", &TRANSFER).ok().stdout.clone();
    store_before_issue_keys(&plant);
    let stock = plant.stock();
    // The first command on the old store migrates it; the retry answers as before, byte for
    // byte, and posts nothing.
    let again = issue(&plant, "OLD-1", "5").ok().stdout.clone();
    assert_eq!(again, format!("{OLD_RESULT}\n"));
    let text = plant.run(&[
        "issue", "--order", "WO1", "--line", "10", "--qty", "5", "--key", "OLD-1",
    ]);
    assert_eq!(
        text.ok().stdout,
        "issue 7: issued 5 C1 from M1 on order WO1 line 10\n"
    );
    assert_eq!(
        text.stderr,
        "issue 7 was already posted with this key; nothing was posted again\n"
    );
    assert_eq!(plant.stock(), stock);
    // Another request under the old key is a conflict naming the issue; so is another
    // command.
    let out = issue(&plant, "OLD-1", "6");
    conflict(&out, "OLD-1");
    assert!(out.stderr.contains("issue 7"), "{}", out.describe());
    conflict(&keyed(&plant, "OLD-1", &TRANSFER), "OLD-1");
    // A key both held: the transfer keeps it; the issue's retry is now a conflict.
    assert_eq!(keyed(&plant, "BOTH", &TRANSFER).ok().stdout, transfer);
    conflict(&issue(&plant, "BOTH", "1"), "BOTH");
    assert_eq!(plant.stock(), stock);
    // The ids go on from the last one.
    assert_eq!(issue(&plant, "NEW-1", "1").ok().json()["issue_id"], 9);
    plant.verify();
}

/// The request the store keeps with `key`.
fn stored_request(plant: &Plant, key: &str) -> String {
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    conn.query_row(
        "SELECT request FROM request_keys WHERE idem_key = ?1",
        [key],
        |r| r.get(0),
    )
    .unwrap()
}

/// Writes `request` as the request kept with `key`, as an earlier version wrote it.
fn store_request(plant: &Plant, key: &str, request: &str) {
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    let changed = conn
        .execute(
            "UPDATE request_keys SET request = ?2 WHERE idem_key = ?1",
            [key, request],
        )
        .unwrap();
    assert_eq!(changed, 1, "{key}");
}

/// One posting command under a key: what it posts, the same command with another body,
/// the fingerprint kept with its key, and its request as earlier versions kept it.
struct Case {
    key: &'static str,
    args: Vec<String>,
    other: Option<Vec<String>>,
    fingerprint: String,
    earlier: String,
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(ToString::to_string).collect()
}

/// Checks `case` on `plant`: the first posting keeps the typed fingerprint; a retry replays
/// the first result byte for byte and posts nothing; another body and another command are
/// conflicts naming the key; and all of it again once the key is kept as an earlier version
/// kept it.
#[track_caller]
fn check_keyed(plant: &Plant, case: &Case, another_command: &[&str]) {
    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let first = keyed(plant, case.key, &args).ok().stdout.clone();
    assert_eq!(stored_request(plant, case.key), case.fingerprint);
    for format in ["typed", "earlier"] {
        if format == "earlier" {
            store_request(plant, case.key, &case.earlier);
        }
        let stock = plant.stock();
        let again = keyed(plant, case.key, &args).ok().stdout.clone();
        assert_eq!(again, first, "{} ({format}): the retry replays", case.key);
        if let Some(other) = &case.other {
            let other: Vec<&str> = other.iter().map(String::as_str).collect();
            conflict(&keyed(plant, case.key, &other), case.key);
        }
        conflict(&keyed(plant, case.key, another_command), case.key);
        assert_eq!(
            plant.stock(),
            stock,
            "{} ({format}): nothing posted",
            case.key
        );
    }
}

#[test]
fn every_posting_command_keeps_its_typed_request_and_honours_keys_kept_before() {
    let plant = Plant::base();
    let report = Case {
        key: "K-REPORT",
        args: strings(&["report", "--order", "WO1", "--op", "10", "--good", "3"]),
        other: Some(strings(&[
            "report", "--order", "WO1", "--op", "10", "--good", "4",
        ])),
        fingerprint: concat!(
            r#"v2:{"command":"report","request":{"order":"WO1","operation":10,"good":"3","#,
            r#""scrap":"0","overrides":[],"fg_lot":null,"fg_serials":[]}}"#
        )
        .into(),
        earlier: "order=WO1 op=10 good=3 scrap=0  fg-lot= fg-serial=".into(),
    };
    check_keyed(&plant, &report, &TRANSFER);
    let id = report_id(
        &serde_json::from_str(&{
            let args: Vec<&str> = report.args.iter().map(String::as_str).collect();
            keyed(&plant, report.key, &args).ok().stdout.clone()
        })
        .unwrap(),
    );
    let adjust = Case {
        key: "K-ADJUST",
        args: strings(&[
            "adjust", "--report", &id, "--line", "10", "--qty", "1", "--reason", "damaged",
        ]),
        other: Some(strings(&[
            "adjust", "--report", &id, "--line", "10", "--qty", "2", "--reason", "DAMAGED",
        ])),
        fingerprint: format!(
            concat!(
                r#"v2:{{"command":"adjust","request":{{"report":{},"line":"10","qty":"1","#,
                r#""reason":"DAMAGED","lots":null}}}}"#
            ),
            id
        ),
        earlier: format!("report={id} line=10 qty=1 reason=DAMAGED lot="),
    };
    check_keyed(&plant, &adjust, &TRANSFER);
    plant
        .run(&[
            "transfer", "--item", "C2", "--qty", "5", "--from", "M2", "--to", "M1",
        ])
        .ok();
    let substitute = Case {
        key: "K-SUBSTITUTE",
        args: strings(&[
            "substitute",
            "--report",
            &id,
            "--line",
            "10",
            "--item",
            "C2",
            "--qty",
            "1",
        ]),
        other: Some(strings(&[
            "substitute",
            "--report",
            &id,
            "--line",
            "10",
            "--item",
            "C2",
            "--qty",
            "2",
        ])),
        fingerprint: format!(
            concat!(
                r#"v2:{{"command":"substitute","request":{{"report":{},"line":"10","#,
                r#""item":"C2","qty":"1","return_qty":null,"lots":null,"return_lots":null}}}}"#
            ),
            id
        ),
        earlier: format!("report={id} line=10 item=C2 qty=1 return= lot= return-lot="),
    };
    check_keyed(&plant, &substitute, &TRANSFER);
    let issue = Case {
        key: "K-ISSUE",
        args: strings(&["issue", "--order", "WO1", "--line", "10", "--qty", "5"]),
        other: Some(strings(&[
            "issue", "--order", "WO1", "--line", "10", "--qty", "6",
        ])),
        fingerprint: concat!(
            r#"v2:{"command":"issue","request":{"order":"WO1","line":"10","qty":"5","#,
            r#""lots":null,"location":null,"reason":null}}"#
        )
        .into(),
        earlier: "WO1\u{1f}10\u{1f}5\u{1f}\u{1f}\u{1f}".into(),
    };
    check_keyed(&plant, &issue, &TRANSFER);
    let transfer = Case {
        key: "K-TRANSFER",
        args: strings(&TRANSFER),
        other: Some(strings(&[
            "transfer", "--item", "C1", "--qty", "5.5", "--from", "RAW", "--to", "M1",
        ])),
        fingerprint: concat!(
            r#"v2:{"command":"transfer","request":{"item":"C1","qty":"5","from":"RAW","#,
            r#""to":"M1","lots":null}}"#
        )
        .into(),
        earlier: "item=C1 qty=5 from=RAW to=M1 lot=".into(),
    };
    let count = ["count", "--item", "C1", "--location", "RAW", "--qty", "90"];
    check_keyed(&plant, &transfer, &count);
    let count = Case {
        key: "K-COUNT",
        args: strings(&count),
        other: Some(strings(&[
            "count",
            "--item",
            "C1",
            "--location",
            "RAW",
            "--qty",
            "91",
        ])),
        fingerprint: concat!(
            r#"v2:{"command":"count","request":{"item":"C1","location":"RAW","lot":null,"#,
            r#""counted":"90","reason":null}}"#
        )
        .into(),
        earlier: "item=C1 location=RAW lot= qty=90 reason=".into(),
    };
    check_keyed(&plant, &count, &TRANSFER);
    plant.verify();
}

#[test]
fn exceptions_retry_and_cancel_keep_their_typed_request_and_honour_keys_kept_before() {
    // 3 units need 6 C1 at M1 and 2 are there: the line is deferred.
    let stock = "item,location,qty\nC1,M1,2\nC2,M2,50\nC1,RAW,100\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let id = text(&plant.exceptions(&[])[0]["id"]);
    let retry = Case {
        key: "K-RETRY",
        args: strings(&["exceptions", "retry"]),
        // The retry has no body: there is no other one.
        other: None,
        fingerprint: r#"v2:{"command":"exceptions retry","request":null}"#.into(),
        earlier: String::new(),
    };
    check_keyed(&plant, &retry, &TRANSFER);
    let other_id = (id.parse::<i64>().unwrap() + 1).to_string();
    let cancel = Case {
        key: "K-CANCEL",
        args: strings(&["exceptions", "cancel", "--id", &id]),
        other: Some(strings(&["exceptions", "cancel", "--id", &other_id])),
        fingerprint: format!(r#"v2:{{"command":"exceptions cancel","request":{id}}}"#),
        earlier: format!("id={id}"),
    };
    check_keyed(&plant, &cancel, &["exceptions", "retry"]);
    plant.verify();
}

/// Takes the store back to the version before every report's key had its row among the keys,
/// with `key`'s row gone, as the versions before keys named their request left a report.
fn store_before_report_keys(plant: &Plant, key: &str) {
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    let version = backflush::store::schema::MIGRATIONS
        .iter()
        .position(|m| *m == backflush::store::schema::REPORT_KEYS)
        .unwrap();
    let gone = conn
        .execute("DELETE FROM request_keys WHERE idem_key = ?1", [key])
        .unwrap();
    assert_eq!(gone, 1, "{key}");
    conn.pragma_update(None, "user_version", version).unwrap();
}

#[test]
fn a_report_key_from_before_keys_named_their_request_replays_and_holds_its_key() {
    let plant = Plant::base();
    let first = keyed(
        &plant,
        "R-OLD",
        &["report", "--order", "WO1", "--op", "10", "--good", "1"],
    )
    .ok()
    .json();
    store_before_report_keys(&plant, "R-OLD");
    let stock = plant.stock();
    // The first command on the old store migrates it: the key's report is taken as the same
    // request whatever the retry asks, as before, and nothing is posted again.
    let again = keyed(
        &plant,
        "R-OLD",
        &["report", "--order", "WO1", "--op", "10", "--good", "2"],
    )
    .ok()
    .json();
    assert_eq!(again, first);
    assert_eq!(plant.stock(), stock);
    // The key now has its row among the keys, so another command's posting under it is a
    // conflict naming the report.
    let conn = rusqlite::Connection::open(&plant.db).unwrap();
    let kept: (String, String) = conn
        .query_row(
            "SELECT command, request FROM request_keys WHERE idem_key = 'R-OLD'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kept, ("report".to_string(), String::new()));
    let out = keyed(&plant, "R-OLD", &TRANSFER);
    conflict(&out, "R-OLD");
    assert!(out.stderr.contains("(report)"), "{}", out.describe());
    assert_eq!(plant.stock(), stock);
    // A new key posts.
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--key", "R-NEW",
    ]);
    assert_eq!(plant.qty("C1", "M1"), "96", "two reports of 1 unit: 4 C1");
    plant.verify();
}
