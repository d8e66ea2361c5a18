//! Fuzzing the readers of outside input: the CSV reader and the import, the quantity
//! parser, `KEY=QTY` options, the batch file, the config file and lot allocations. Arbitrary
//! text and structure-aware inputs: nothing panics, and nothing the product refuses is taken.
//! Cases are few (the suite stays fast); every hostile input found is kept below as a named
//! regression test.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::str::FromStr;

use backflush::cli::parse::{batch_lines, key_qty, quantity};
use backflush::config::Config;
use backflush::domain::lots::{AllocationError, parse_allocation};
use backflush::domain::master::Tracking;
use backflush::domain::qty::{QtyParseError, Quantity, canonical, parse_quantity};
use backflush::import::reader::records;
use backflush::service::{Credentials, Service};
use backflush::store::Store;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The physical line (from 1) at byte `at` of `text`: LF, CRLF and lone CR each end one.
fn physical_line(text: &str, at: usize) -> u64 {
    let b = &text.as_bytes()[..at];
    let breaks = b
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            **c == b'\n' || (**c == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
        })
        .count();
    breaks as u64 + 1
}

fn physical_lines(text: &str) -> u64 {
    physical_line(text, text.len())
}

/// One CSV field as RFC 4180 writes it: quoted when it must be, quotes doubled.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Text that is mostly CSV syntax: commas, quotes, line breaks, spaces, a few letters.
fn csvish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            ",", "\"", "\n", "\r", "\r\n", " ", "\t", "a", "b", "1", "\u{feff}", "\u{1b}", "é",
        ]),
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

// =============================================================================================
// The CSV reader (import::reader) and the import
// =============================================================================================

/// A field's text: CSV syntax inside, never blank at both ends (the reader trims).
fn field() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["a", "B", "7", ",", "\"", "\n", "\r\n", "\r", " ", "é"]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn the_reader_takes_any_text_and_names_real_lines(text in prop_oneof![any::<String>(), csvish()]) {
        let total = physical_lines(&text);
        let mut last = 0;
        for r in records(&text) {
            let line = match r {
                Ok(r) => r.line,
                Err(e) => e.line,
            };
            prop_assert!(line >= 1 && line <= total, "line {line} of {total}: {text:?}");
            prop_assert!(line >= last, "lines go forward: {text:?}");
            last = line;
        }
    }

    #[test]
    fn the_reader_reads_back_what_rfc_4180_wrote(
        rows in prop::collection::vec(prop::collection::vec(field(), 1..5), 1..6),
        blanks in prop::collection::vec(0usize..3, 6),
        eol in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        let mut text = String::new();
        let mut want = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            for _ in 0..blanks[i] {
                text.push_str(eol);
            }
            // A row of one empty field is an empty line: give it a letter.
            let row: Vec<String> = row
                .iter()
                .map(|f| if f.trim().is_empty() && row.len() == 1 { "x".to_string() } else { f.clone() })
                .collect();
            want.push((
                physical_line(&text, text.len()),
                row.iter().map(|f| f.trim().to_string()).collect::<Vec<_>>(),
            ));
            let line: Vec<String> = row.iter().map(|f| quote(f)).collect();
            text.push_str(&line.join(","));
            text.push_str(eol);
        }
        let got: Vec<(u64, Vec<String>)> = records(&text)
            .map(|r| {
                let r = r.unwrap();
                (r.line, r.fields.iter().map(str::to_string).collect())
            })
            .collect();
        prop_assert_eq!(got, want, "{:?}", text);
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn base_files(dir: &Path) {
    write(
        dir,
        "locations.csv",
        "location,description,kind\nRAW,Raw,storage\nM1,Machine,machine\nFG,Finished,finished\n",
    );
    write(
        dir,
        "items.csv",
        "item,description,uom,decimals,type,tracking,backflush,std_cost\n\
         P,Parent,EA,0,stock,none,yes,10\nC1,One,EA,0,stock,none,yes,1\nC2,Two,KG,3,stock,none,yes,2\n",
    );
}

/// Item, location, quantity.
type Balance = (String, String, String);

/// Imports `dir` into a fresh in-memory store: the result, and the balances it holds.
fn import(dir: &Path) -> (Result<(), String>, Vec<Balance>) {
    let mut s = Service::with_store(Store::open_in_memory().unwrap(), Config::default());
    let result = s
        .import(dir, &Credentials::default())
        .map(|_| ())
        .map_err(|e| backflush::cli::words::describe(&e));
    let balances = s
        .conn()
        .prepare("SELECT item, location, qty FROM balances ORDER BY item, location")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    if result.is_ok() {
        assert!(
            s.verify().unwrap().is_empty(),
            "an import leaves the store consistent"
        );
    }
    (result, balances)
}

/// A `stock.csv` row, and why the import refuses it (`None`: it is good).
fn stock_row() -> impl Strategy<Value = (String, Option<&'static str>)> {
    prop_oneof![
        4 => (prop::sample::select(vec!["C1", "C2"]), prop::sample::select(vec!["RAW", "M1"]), 0u32..1000)
            .prop_map(|(i, l, q)| (format!("{i},{l},{q}"), None)),
        1 => Just(("C9,M1,5".to_string(), Some("unknown item C9"))),
        1 => Just(("C1,M9,5".to_string(), Some("unknown location M9"))),
        1 => Just(("C1,M1,-5".to_string(), Some("negative"))),
        1 => Just(("C1,M1,1.5".to_string(), Some("too many decimals"))),
        1 => Just(("C2,M1,0.0001".to_string(), Some("too many decimals"))),
        1 => Just(("C1,M1,1e3".to_string(), Some("not a number"))),
        1 => Just(("C1,M1,5,6".to_string(), Some("fields"))),
        1 => Just(("C1,\"M\u{1b}1\",5".to_string(), Some("control character"))),
        1 => Just(("C1,M1,\"5\n6\"".to_string(), Some("control character"))),
        1 => Just(("C1,M1,0.0000000000000000000000000000000000001".to_string(), Some("decimal places"))),
        1 => Just(("C1,M1,99999999999999999999999999999".to_string(), Some("too large"))),
    ]
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_import_takes_any_bytes_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..200), text in csvish(), file in prop::sample::select(vec!["items.csv", "stock.csv", "boms.csv", "users.csv"])) {
        for content in [bytes, format!("item,location,qty\n{text}").into_bytes()] {
            let dir = tempfile::tempdir().unwrap();
            base_files(dir.path());
            std::fs::write(dir.path().join(file), &content).unwrap();
            let (result, _) = import(dir.path());
            if let Err(e) = result {
                prop_assert!(!e.is_empty());
                prop_assert!(!e.contains(|c: char| c.is_control() && c != '\n'), "{e:?}");
            }
        }
    }

    #[test]
    fn a_bad_stock_row_refuses_the_import_at_its_physical_line(
        rows in prop::collection::vec(stock_row(), 1..6),
        blanks in prop::collection::vec(0usize..3, 6),
        eol in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        let mut text = format!("item,location,qty{eol}");
        let mut bad_lines = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut good = Vec::new();
        for (i, (row, bad)) in rows.iter().enumerate() {
            for _ in 0..blanks[i] {
                text.push_str(eol);
            }
            let line = physical_line(&text, text.len());
            let key: Vec<&str> = row.split(',').take(2).collect();
            let mut whys: Vec<&str> = bad.iter().copied().collect();
            if !seen.insert(key.join(",")) {
                whys.push("duplicate");
            }
            if whys.is_empty() {
                good.push(row.clone());
            }
            bad_lines.extend(whys.into_iter().map(|why| (line, why)));
            text.push_str(row);
            text.push_str(eol);
        }
        let dir = tempfile::tempdir().unwrap();
        base_files(dir.path());
        write(dir.path(), "stock.csv", &text);
        let (result, balances) = import(dir.path());
        match bad_lines.is_empty() {
            false => {
                prop_assert!(result.is_err(), "{text:?} was taken; bad: {bad_lines:?}");
                let e = result.unwrap_err();
                // Any one bad row refuses the import, named at its own line for its own fault.
                prop_assert!(
                    bad_lines.iter().any(|(line, why)| e.starts_with(&format!("stock.csv:{line}: ")) && e.contains(why)),
                    "{e} names none of {bad_lines:?}: {text:?}"
                );
                prop_assert!(balances.is_empty(), "nothing imported");
            }
            true => {
                prop_assert!(result.is_ok(), "{result:?} for {text:?}");
                let mut want: Vec<Balance> = good
                    .iter()
                    .filter(|r| !r.ends_with(",0"))
                    .map(|r| {
                        let f: Vec<&str> = r.split(',').collect();
                        (f[0].to_string(), f[1].to_string(), f[2].to_string())
                    })
                    .collect();
                want.sort();
                let got: Vec<_> = balances.into_iter().filter(|b| b.2 != "0").collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}

// =============================================================================================
// Quantities and KEY=QTY
// =============================================================================================

/// Whether `sign whole . fraction` is a number a quantity holds exactly (96-bit mantissa,
/// at most 28 places), and its canonical text.
fn representable(sign: &str, whole: &str, fraction: &str) -> Option<String> {
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 28 {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let max = "79228162514264337593543950335";
    if digits.len() > max.len() || (digits.len() == max.len() && digits > max) {
        return None;
    }
    let abs = match (whole.is_empty(), fraction.is_empty()) {
        (_, true) if whole.is_empty() => return Some("0".to_string()),
        (_, true) => whole.to_string(),
        (true, false) => format!("0.{fraction}"),
        (false, false) => format!("{whole}.{fraction}"),
    };
    Some(if sign == "-" { format!("-{abs}") } else { abs })
}

fn digits(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!['0', '0', '1', '5', '9']), 0..max)
        .prop_map(|d| d.into_iter().collect())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn parse_quantity_takes_any_text_and_returns_what_was_written(text in prop_oneof![any::<String>(), "[-+ .0-9eE_,]{0,40}"]) {
        if let Ok(v) = parse_quantity(&text) {
            let t = text.trim();
            let plain = t.trim_start_matches(['-', '+']);
            prop_assert!(t.len() - plain.len() <= 1, "one sign at most: {text:?}");
            prop_assert!(plain.chars().all(|c| c.is_ascii_digit() || c == '.'), "{text:?}");
            prop_assert_eq!(parse_quantity(&canonical(v)), Ok(v));
        }
    }

    #[test]
    fn a_decimal_is_taken_exactly_or_refused_for_what_it_is(
        sign in prop::sample::select(vec!["", "-", "+"]),
        whole in digits(40),
        dot in any::<bool>(),
        fraction in digits(45),
    ) {
        let fraction = if dot { fraction } else { String::new() };
        let text = format!("{sign}{whole}{}{fraction}", if dot { "." } else { "" });
        let result = parse_quantity(&text);
        if whole.is_empty() && fraction.is_empty() {
            prop_assert_eq!(result, Err(QtyParseError::NotANumber));
            return Ok(());
        }
        match representable(sign, &whole, &fraction) {
            Some(want) => {
                let v = result.unwrap();
                let want = if want == "-0" { "0".to_string() } else { want };
                prop_assert_eq!(canonical(v), want, "{}", text);
            }
            None => prop_assert!(
                matches!(result, Err(QtyParseError::TooLarge | QtyParseError::TooPrecise)),
                "{text}: {result:?}"
            ),
        }
        // The option parser says the same, naming the text.
        match quantity(&text) {
            Ok(v) => prop_assert_eq!(Ok(v), parse_quantity(&text).map(Quantity)),
            Err(e) => prop_assert!(e.contains(&format!("{text:?}")), "{e}"),
        }
    }

    #[test]
    fn key_qty_takes_a_key_and_a_quantity_or_names_the_text(
        text in prop_oneof![
            any::<String>(),
            ("[ A-Za-z0-9.=]{0,8}", "=", "[-+ .0-9eE]{0,12}").prop_map(|(k, e, q)| format!("{k}{e}{q}")),
        ],
    ) {
        match key_qty(&text) {
            Ok((key, qty)) => {
                let (k, v) = text.split_once('=').unwrap();
                prop_assert_eq!(&key, k.trim());
                prop_assert!(!key.is_empty());
                prop_assert_eq!(parse_quantity(v.trim()).map(Quantity), Ok(qty));
            }
            Err(e) => prop_assert!(e.contains(&format!("{text:?}")), "{e} for {text:?}"),
        }
    }
}

// =============================================================================================
// The batch file
// =============================================================================================

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn batch_lines_take_any_text(text in prop_oneof![any::<String>(), csvish()]) {
        let total = physical_lines(&text);
        for l in batch_lines(&text) {
            prop_assert!(l.line >= 1 && l.line <= total);
            if l.parsed.is_ok() {
                prop_assert!(!l.key.is_empty(), "a posted line has a key: {text:?}");
            }
        }
    }

    #[test]
    fn a_batch_record_is_posted_only_when_all_five_fields_are_good(
        key in prop::sample::select(vec!["K1", "", "\"K,2\"", "\"K\n3\""]),
        op in prop::sample::select(vec!["10", "x", "99999999999999999999", ""]),
        good in prop::sample::select(vec!["1", "0.5", "abc", "1e2", "", "0.0000000000000000000000000000000000000001"]),
        scrap in prop::sample::select(vec!["", "0", "2", "-", "x"]),
        extra in any::<bool>(),
        eol in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        let record = format!("{key},WO1,{op},{good},{scrap}{}", if extra { ",9" } else { "" });
        let text = format!("key,order,op,good,scrap{eol}{eol}{record}{eol}");
        let lines = batch_lines(&text);
        prop_assert_eq!(lines.len(), 1, "{:?}", text);
        let l = &lines[0];
        prop_assert_eq!(l.line, 3);
        // A key is printable text: the quoted one with a line break is refused.
        let ok = !key.is_empty()
            && !key.contains('\n')
            && op == "10"
            && ["1", "0.5"].contains(&good)
            && ["", "0", "2"].contains(&scrap)
            && !extra;
        prop_assert_eq!(l.parsed.is_ok(), ok, "{:?}: {:?}", text, l.parsed);
        if let Ok((order, request)) = &l.parsed {
            prop_assert_eq!(order, "WO1");
            prop_assert_eq!(request.operation, 10);
            prop_assert_eq!(request.good.to_string(), good);
        }
    }
}

// =============================================================================================
// The config file
// =============================================================================================

/// The ranged numbers of the configuration: section, key, range.
const RANGES: [(&str, &str, i64, i64); 8] = [
    ("policy", "lockout_attempts", 1, 20),
    ("policy", "lockout_minutes", 1, 1440),
    ("policy", "undo_minutes", 0, 240),
    ("policy", "count_confirm_pct", 0, 1000),
    ("policy", "over_report_tolerance_pct", 0, 100),
    ("policy", "override_tolerance_pct", 0, 100),
    ("policy", "discrepancy_alert_pct", 0, 100),
    ("terminal", "idle_logout_minutes", 1, 1440),
];

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn the_config_reader_takes_any_text(text in prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(vec![
            "[policy]\n", "[store]\n", "[x]\n", "a = 1\n", "lockout_attempts = ", "9999999999999\n",
            "\"", "[", "]", "=", "\n", "reasons.scrap = []\n", "[[policy]]\n", "-1\n", "1e400\n",
        ]), 0..12).prop_map(|p| p.concat()),
    ]) {
        let _ = Config::parse(&text, "fuzz.toml");
    }

    #[test]
    fn every_number_outside_its_range_is_refused_naming_the_key(
        which in 0..RANGES.len(),
        value in prop_oneof![-5i64..1500, Just(i64::from(u32::MAX)), Just(i64::MIN), Just(i64::MAX)],
    ) {
        let (section, key, min, max) = RANGES[which];
        let text = format!("[{section}]\n{key} = {value}\n");
        match Config::parse(&text, "fuzz.toml") {
            Ok(_) => prop_assert!((min..=max).contains(&value), "{text} was taken"),
            Err(e) => {
                let e = backflush::words::config(&e);
                prop_assert!(!(min..=max).contains(&value), "{text}: {e}");
                prop_assert!(e.contains(key), "{e} names {key}");
            }
        }
    }

    #[test]
    fn an_unknown_key_is_refused_naming_it(
        section in prop::sample::select(vec!["store", "terminal", "policy", "reasons", "accounts"]),
        key in "[a-z]{3,10}_x",
    ) {
        let text = format!("[{section}]\n{key} = 1\n");
        let e = backflush::words::config(&Config::parse(&text, "fuzz.toml").unwrap_err());
        prop_assert!(e.contains(&key), "{e}");
    }
}

// =============================================================================================
// Lot allocations
// =============================================================================================

fn tracking() -> impl Strategy<Value = Tracking> {
    prop::sample::select(vec![Tracking::None, Tracking::Lot, Tracking::Serial])
}

fn allocation_text() -> impl Strategy<Value = String> {
    let part = (
        prop::sample::select(vec!["A", "B", "", " A ", "L\u{1b}"]),
        prop::sample::select(vec![
            "",
            ":1",
            ":2",
            ":0.5",
            ":0",
            ":-1",
            ":x",
            ":",
            ":79228162514264337593543950335",
            ":0.0000000000000000000000000000001",
        ]),
    )
        .prop_map(|(l, q)| format!("{l}{q}"));
    prop_oneof![
        any::<String>(),
        prop::collection::vec(part, 1..4).prop_map(|p| p.join(",")),
    ]
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn a_lot_allocation_is_taken_only_when_it_adds_up(
        text in allocation_text(),
        expected in prop::sample::select(vec!["1", "2", "3", "0.5", "79228162514264337593543950335"]),
        tracking in tracking(),
        decimals in 0u32..4,
    ) {
        let expected = Quantity(Decimal::from_str(expected).unwrap());
        if let Ok(lots) = parse_allocation(&text, expected, tracking, decimals) {
            prop_assert!(tracking != Tracking::None);
            let total = lots.iter().try_fold(Quantity::ZERO, |a, l| a.checked_add(l.qty));
            prop_assert_eq!(total, Some(expected));
            for (i, l) in lots.iter().enumerate() {
                prop_assert!(l.qty > Quantity::ZERO);
                prop_assert!(l.qty.get().normalize().scale() <= decimals);
                prop_assert!(tracking != Tracking::Serial || l.qty == Quantity::ONE);
                prop_assert!(lots[..i].iter().all(|o| o.lot != l.lot), "no lot twice");
            }
        }
    }
}

// =============================================================================================
// Hostile inputs found, kept
// =============================================================================================

/// Two lots of the largest quantity overflowed the sum of the allocation (a panic).
#[test]
fn a_lot_allocation_whose_total_overflows_is_refused() {
    let max = "79228162514264337593543950335";
    let result = parse_allocation(&format!("A:{max},B:{max}"), Quantity::ONE, Tracking::Lot, 0);
    assert!(
        matches!(result, Err(AllocationError::BadPart { .. })),
        "{result:?}"
    );
}
