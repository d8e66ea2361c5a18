//! Integration tests of the command line (SPEC §4, §5, §6, §7): every test runs the real
//! binary on its own temporary store, with a small plant written from the CSV literals below
//! so that every expected number can be worked out by hand.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// The base plant.
//
// P is made in two operations: 10 on WC1 (machine location M1) consumes C1 (2 EA per unit),
// 20 on WC2 (M2) consumes C2 (0.5 KG per unit, 10 % scrap allowance). Both are count points.
// WO1 makes 10 P into FG.
// ---------------------------------------------------------------------------------------------

const LOCATIONS: &str = "\
location,description,kind
RAW,Raw store,storage
M1,Machine one,machine
M2,Machine two,machine
FG,Finished goods,finished
";

const ITEMS: &str = "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,100.00
C1,Component one,EA,0,stock,none,yes,2.00
C2,Component two,KG,3,stock,none,yes,1.50
";

const WORK_CENTERS: &str = "\
work_center,description,location,labor_rate,overhead_rate,backflush
WC1,Cell one,M1,40.00,20.00,yes
WC2,Cell two,M2,30.00,10.00,yes
";

const BOMS: &str = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,C2,0.5,unit,10,20,,
";

const ROUTINGS: &str = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0.50,0.10,yes
P,1,20,WC2,0,0.20,yes
";

const ORDERS: &str = "\
order,item,revision,qty,due,completion_location
WO1,P,1,10,2026-12-01,FG
";

const STOCK: &str = "\
item,location,qty
C1,M1,100
C2,M2,50
C1,RAW,100
";

const USERS: &str = "\
badge,name,role,pin
1001,Olga Operator,operator,1234
2001,Lars Lead,lead,2222
3001,Hana Handler,handler,3333
9001,Ada Admin,admin,9999
";

/// A set of import files, by file name.
#[derive(Clone)]
struct Files(Vec<(&'static str, String)>);

impl Files {
    fn base() -> Self {
        Files(vec![
            ("locations.csv", LOCATIONS.into()),
            ("items.csv", ITEMS.into()),
            ("work_centers.csv", WORK_CENTERS.into()),
            ("boms.csv", BOMS.into()),
            ("routings.csv", ROUTINGS.into()),
            ("orders.csv", ORDERS.into()),
            ("stock.csv", STOCK.into()),
        ])
    }

    /// Replaces (or adds) one file.
    fn with(mut self, name: &'static str, text: &str) -> Self {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, text.into()));
        self
    }

    fn without(mut self, name: &str) -> Self {
        self.0.retain(|(n, _)| *n != name);
        self
    }

    fn write(&self, dir: &Path) {
        std::fs::create_dir_all(dir).expect("create the import dir");
        for (name, text) in &self.0 {
            std::fs::write(dir.join(name), text).expect("write a CSV file");
        }
    }
}

/// What one run of the binary printed.
struct Out {
    what: String,
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn describe(&self) -> String {
        format!(
            "`backflush {}` exited {}\n--- stdout\n{}--- stderr\n{}",
            self.what, self.code, self.stdout, self.stderr
        )
    }

    #[track_caller]
    fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "{}", self.describe());
        self
    }

    #[track_caller]
    fn ok(&self) -> &Self {
        self.code(0)
    }

    #[track_caller]
    fn refused(&self) -> &Self {
        self.code(1)
    }

    #[track_caller]
    fn usage(&self) -> &Self {
        self.code(2)
    }

    /// stderr contains every needle.
    #[track_caller]
    fn says(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "stderr should contain {n:?}\n{}",
                self.describe()
            );
        }
        self
    }

    #[track_caller]
    fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is not one JSON value: {e}\n{}", self.describe()))
    }

    /// One JSON value per non-empty stdout line.
    #[track_caller]
    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| {
                    panic!("stdout line {l:?} is not JSON: {e}\n{}", self.describe())
                })
            })
            .collect()
    }
}

/// A temporary store with its own import directories and (optionally) a config file.
struct Plant {
    tmp: TempDir,
    db: PathBuf,
    config: Option<PathBuf>,
    imports: Cell<u32>,
}

impl Plant {
    fn empty() -> Self {
        let tmp = TempDir::new().expect("temp dir");
        let db = tmp.path().join("store.db");
        Plant {
            tmp,
            db,
            config: None,
            imports: Cell::new(0),
        }
    }

    /// A store with `files` imported.
    #[track_caller]
    fn with(files: &Files) -> Self {
        let plant = Plant::empty();
        plant.import(files).ok();
        plant
    }

    /// The base plant.
    #[track_caller]
    fn base() -> Self {
        Plant::with(&Files::base())
    }

    /// Uses a config file with this TOML from now on.
    fn config(mut self, toml: &str) -> Self {
        let path = self.tmp.path().join("config.toml");
        std::fs::write(&path, toml).expect("write the config");
        self.config = Some(path);
        self
    }

    fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let home = self.tmp.path().join("home");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_backflush"));
        cmd.arg("--db").arg(&self.db);
        if let Some(config) = &self.config {
            cmd.arg("--config").arg(config);
        }
        cmd.args(args)
            .env_remove("BACKFLUSH_PIN")
            .env_remove("BACKFLUSH_APPROVER_PIN")
            .env_remove("BACKFLUSH_CONFIG")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let output = cmd.output().expect("run the backflush binary");
        Out {
            what: args.join(" "),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn run(&self, args: &[&str]) -> Out {
        self.run_env(args, &[])
    }

    /// Writes `files` into a fresh directory.
    fn dir(&self, files: &Files) -> PathBuf {
        let n = self.imports.get() + 1;
        self.imports.set(n);
        let dir = self.tmp.path().join(format!("import{n}"));
        files.write(&dir);
        dir
    }

    fn import_env(&self, files: &Files, env: &[(&str, &str)], extra: &[&str]) -> Out {
        let dir = self.dir(files);
        let dir = dir.to_str().expect("utf-8 temp path").to_string();
        let mut args: Vec<&str> = extra.to_vec();
        args.push("import");
        args.push(&dir);
        self.run_env(&args, env)
    }

    fn import(&self, files: &Files) -> Out {
        self.import_env(files, &[], &[])
    }

    /// `stock --json`, sorted by item and location.
    #[track_caller]
    fn stock(&self) -> Value {
        let mut rows = match self.run(&["stock", "--json"]).ok().json() {
            Value::Array(rows) => rows,
            other => panic!("stock --json is not an array: {other}"),
        };
        rows.sort_by_key(|r| (text(&r["item"]), text(&r["location"])));
        Value::Array(rows)
    }

    /// The balance of one item at one location ("0" when `stock` omits it).
    #[track_caller]
    fn qty(&self, item: &str, location: &str) -> String {
        self.stock()
            .as_array()
            .expect("array")
            .iter()
            .find(|r| r["item"] == item && r["location"] == location)
            .map_or_else(|| "0".to_string(), |r| text(&r["qty"]))
    }

    /// `report … --json` that must succeed; the JSON as printed.
    #[track_caller]
    fn report(&self, args: &[&str]) -> Value {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        all.push("--json");
        self.run(&all).ok().json()
    }

    /// `preview … --json` that must succeed.
    #[track_caller]
    fn preview(&self, args: &[&str]) -> Value {
        let mut all = vec!["preview"];
        all.extend_from_slice(args);
        all.push("--json");
        self.run(&all).ok().json()
    }

    #[track_caller]
    fn exceptions(&self, extra: &[&str]) -> Value {
        let mut all = vec!["exceptions", "--json"];
        all.extend_from_slice(extra);
        let rows = self.run(&all).ok().json();
        normalize_exceptions(rows)
    }

    #[track_caller]
    fn verify(&self) {
        self.run(&["verify"]).ok();
    }
}

/// A JSON scalar as text: strings as they are, numbers as printed. Ids are "printed as the
/// program chooses (number or string)", so the tests compare them as text.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("expected a string or a number, got {other}"),
    }
}

/// A report's JSON with `report_id` taken out and every `operation` as text.
fn normalize_report(mut v: Value) -> Value {
    if let Some(obj) = v.as_object_mut() {
        obj.remove("report_id");
        if let Some(op) = obj.get_mut("operation") {
            *op = Value::String(text(op));
        }
        if let Some(Value::Array(labor)) = obj.get_mut("labor") {
            for l in labor {
                if let Some(op) = l.get_mut("operation") {
                    *op = Value::String(text(op));
                }
            }
        }
    }
    v
}

/// The keys of an `exceptions --json` row that SPEC §4 names.
const EXCEPTION_KEYS: [&str; 8] = [
    "id",
    "report_id",
    "order",
    "item",
    "location",
    "qty",
    "shortfall",
    "status",
];

/// `exceptions --json` rows cut to the keys SPEC §4 names (the product may add more), with
/// `id` and `report_id` as text.
fn normalize_exceptions(v: Value) -> Value {
    let Value::Array(rows) = v else {
        panic!("exceptions --json is not an array: {v}");
    };
    let rows = rows
        .iter()
        .map(|r| {
            let mut out = serde_json::Map::new();
            for key in EXCEPTION_KEYS {
                let x = r.get(key).unwrap_or_else(|| panic!("no {key} in {r}"));
                let x = if key == "id" || key == "report_id" {
                    Value::String(text(x))
                } else {
                    x.clone()
                };
                out.insert(key.to_string(), x);
            }
            Value::Object(out)
        })
        .collect();
    Value::Array(rows)
}

fn report_id(v: &Value) -> String {
    let id = v
        .get("report_id")
        .unwrap_or_else(|| panic!("no report_id in {v}"));
    text(id)
}

/// The line of a report whose `line` is `line`.
#[track_caller]
fn line<'a>(report: &'a Value, line: &str) -> &'a Value {
    report["lines"]
        .as_array()
        .expect("lines is an array")
        .iter()
        .find(|l| l["line"] == line)
        .unwrap_or_else(|| panic!("no line {line} in {report}"))
}

fn stock_row(item: &str, location: &str, qty: &str) -> Value {
    json!({"item": item, "location": location, "qty": qty})
}

#[allow(clippy::too_many_arguments)]
fn line_json(
    line: &str,
    item: &str,
    location: &str,
    planned: &str,
    qty: &str,
    line_scrap: &str,
    status: &str,
    overridden: bool,
) -> Value {
    json!({
        "line": line, "item": item, "location": location, "planned": planned, "qty": qty,
        "line_scrap": line_scrap, "status": status, "overridden": overridden
    })
}

fn labor_json(op: &str, setup: &str, run: &str, labor: &str, overhead: &str) -> Value {
    json!({
        "operation": op, "setup_hours": setup, "run_hours": run,
        "labor_cost": labor, "overhead_cost": overhead
    })
}

fn base_stock() -> Value {
    json!([
        stock_row("C1", "M1", "100"),
        stock_row("C1", "RAW", "100"),
        stock_row("C2", "M2", "50"),
    ])
}

// =============================================================================================
// Import (SPEC §5)
// =============================================================================================

#[test]
fn import_success_posts_opening_balances() {
    let plant = Plant::empty();
    let out = plant.import(&Files::base());
    out.ok();
    assert_eq!(plant.stock(), base_stock());
    let at_m1 = plant
        .run(&["stock", "--location", "M1", "--json"])
        .ok()
        .json();
    assert_eq!(at_m1, json!([stock_row("C1", "M1", "100")]));
    let c1 = plant.run(&["stock", "--item", "C1", "--json"]).ok().json();
    let mut c1 = c1.as_array().expect("array").clone();
    c1.sort_by_key(|r| text(&r["location"]));
    assert_eq!(
        c1,
        vec![stock_row("C1", "M1", "100"), stock_row("C1", "RAW", "100")]
    );
    plant.verify();
}

#[test]
fn import_bom_ratios_take_any_precision() {
    // BOM qty and base_qty are ratios: 7 decimals on an EA component is fine.
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,0.5,10,C1,0.1234567,unit,,10,,
P,1,0.5,20,C2,0.5,unit,10,20,,
";
    let plant = Plant::with(&Files::base().with("boms.csv", boms));
    // 1 unit: 0.1234567 / 0.5 = 0.2469134 → rounded up to 1 EA.
    let r = plant.preview(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&r, "10")["planned"], "1");
}

/// Imports `files` into a fresh store: refused with exit 1, a message that starts with
/// `FILE:LINE:` and contains every needle, and nothing stored.
#[track_caller]
fn assert_import_refused(files: &Files, file_line: &str, needles: &[&str]) {
    let plant = Plant::empty();
    let out = plant.import(files);
    out.refused().says(&[file_line]).says(needles);
    assert_eq!(plant.stock(), json!([]), "a refused import stores nothing");
    // Nothing else either: the order does not exist.
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "1", "--json",
        ])
        .refused();
}

#[test]
fn import_refuses_unknown_item_in_boms() {
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,NOPE,0.5,unit,10,20,,
";
    assert_import_refused(
        &Files::base().with("boms.csv", boms),
        "boms.csv:3:",
        &["NOPE"],
    );
}

#[test]
fn import_refuses_bad_number() {
    let stock = "item,location,qty\nC1,M1,100\nC2,M2,12x\n";
    assert_import_refused(
        &Files::base().with("stock.csv", stock),
        "stock.csv:3:",
        &["12x"],
    );
}

#[test]
fn import_refuses_bad_number_in_items() {
    let items = "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,one hundred
C1,Component one,EA,0,stock,none,yes,2.00
C2,Component two,KG,3,stock,none,yes,1.50
";
    assert_import_refused(
        &Files::base().with("items.csv", items),
        "items.csv:2:",
        &["one hundred"],
    );
}

#[test]
fn import_refuses_too_many_decimals_in_stock() {
    // C1 is EA with 0 decimals.
    let stock = "item,location,qty\nC1,M1,1.5\n";
    assert_import_refused(
        &Files::base().with("stock.csv", stock),
        "stock.csv:2:",
        &["1.5"],
    );
}

#[test]
fn import_refuses_too_many_decimals_in_stock_kg() {
    // C2 is KG with 3 decimals: 1.234 is fine, 1.2345 is not.
    let stock = "item,location,qty\nC2,M2,1.234\nC2,M1,1.2345\n";
    assert_import_refused(
        &Files::base().with("stock.csv", stock),
        "stock.csv:3:",
        &["1.2345"],
    );
}

#[test]
fn import_refuses_too_many_decimals_in_order_qty() {
    let orders = "\
order,item,revision,qty,due,completion_location
WO1,P,1,10.5,2026-12-01,FG
";
    assert_import_refused(
        &Files::base().with("orders.csv", orders),
        "orders.csv:2:",
        &["10.5"],
    );
}

#[test]
fn import_refuses_negative_stock_quantity() {
    let stock = "item,location,qty\nC1,M1,-5\n";
    assert_import_refused(
        &Files::base().with("stock.csv", stock),
        "stock.csv:2:",
        &["-5"],
    );
}

#[test]
fn import_refuses_negative_order_quantity() {
    let orders = "\
order,item,revision,qty,due,completion_location
WO1,P,1,-10,2026-12-01,FG
";
    assert_import_refused(
        &Files::base().with("orders.csv", orders),
        "orders.csv:2:",
        &[],
    );
}

#[test]
fn import_refuses_duplicate_item() {
    let items = format!("{ITEMS}C1,Component one again,EA,0,stock,none,yes,3.00\n");
    // The duplicate is the fifth line of the file (header, P, C1, C2, C1).
    assert_import_refused(
        &Files::base().with("items.csv", &items),
        "items.csv:5:",
        &["C1"],
    );
}

#[test]
fn import_refuses_duplicate_stock_row() {
    let stock = "item,location,qty\nC1,M1,100\nC1,M1,50\n";
    assert_import_refused(
        &Files::base().with("stock.csv", stock),
        "stock.csv:3:",
        &["C1"],
    );
}

#[test]
fn import_refuses_duplicate_bom_line() {
    let boms = format!("{BOMS}P,1,1,10,C2,1,unit,,10,,\n");
    assert_import_refused(
        &Files::base().with("boms.csv", &boms),
        "boms.csv:4:",
        &["10"],
    );
}

#[test]
fn import_refuses_duplicate_order() {
    let orders = format!("{ORDERS}WO1,P,1,5,2026-12-02,FG\n");
    assert_import_refused(
        &Files::base().with("orders.csv", &orders),
        "orders.csv:3:",
        &["WO1"],
    );
}

#[test]
fn import_refuses_unknown_location_in_stock() {
    let stock = "item,location,qty\nC1,M1,100\nC1,NOWHERE,5\n";
    assert_import_refused(
        &Files::base().with("stock.csv", stock),
        "stock.csv:3:",
        &["NOWHERE"],
    );
}

#[test]
fn import_refuses_unknown_item_in_orders() {
    let orders = "order,item,revision,qty,due,completion_location\nWO1,NOPE,1,10,2026-12-01,FG\n";
    assert_import_refused(
        &Files::base().with("orders.csv", orders),
        "orders.csv:2:",
        &["NOPE"],
    );
}

#[test]
fn import_refuses_unknown_column() {
    let items = "\
item,description,uom,decimals,type,tracking,backflush,std_cost,colour
P,Parent,EA,0,stock,none,yes,100.00,red
C1,Component one,EA,0,stock,none,yes,2.00,blue
C2,Component two,KG,3,stock,none,yes,1.50,green
";
    assert_import_refused(
        &Files::base().with("items.csv", items),
        "items.csv:1:",
        &["colour"],
    );
}

#[test]
fn import_refuses_bom_cycle_through_phantoms() {
    let items = format!(
        "{ITEMS}PHA,Phantom A,EA,0,phantom,none,yes,0\nPHB,Phantom B,EA,0,phantom,none,yes,0\n"
    );
    let boms = format!(
        "{BOMS}P,1,1,30,PHA,1,unit,,10,,\nPHA,1,1,10,PHB,1,unit,,,,\nPHB,1,1,10,PHA,1,unit,,,,\n"
    );
    assert_import_refused(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", &boms),
        "boms.csv:",
        &["cycle", "PHA", "PHB"],
    );
}

#[test]
fn import_refuses_bom_cycle_through_plain_items() {
    let items = format!("{ITEMS}XA,Sub A,EA,0,stock,none,yes,1\nXB,Sub B,EA,0,stock,none,yes,1\n");
    let boms = format!("{BOMS}XA,1,1,10,XB,1,unit,,,,\nXB,1,1,10,XA,1,unit,,,,\n");
    assert_import_refused(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", &boms),
        "boms.csv:",
        &["cycle", "XA", "XB"],
    );
}

#[test]
fn import_refuses_phantom_line_per_order() {
    let items = format!("{ITEMS}PH,Phantom,EA,0,phantom,none,yes,0\n");
    let boms = format!("{BOMS}P,1,1,30,PH,1,order,,10,,\nPH,1,1,10,C2,1,unit,,,,\n");
    // header, P/10, P/20, P/30 → line 4.
    assert_import_refused(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", &boms),
        "boms.csv:4:",
        &["PH"],
    );
}

#[test]
fn refused_reimport_changes_nothing() {
    let plant = Plant::base();
    // A re-import that would change a balance, an item's cost and add an order, with one bad
    // BOM row at the end.
    let items = ITEMS.replace(
        "C1,Component one,EA,0,stock,none,yes,2.00",
        "C1,x,EA,0,stock,none,yes,9.00",
    );
    let orders = format!("{ORDERS}WO2,P,1,5,2026-12-02,FG\n");
    let boms = format!("{BOMS}P,1,1,30,NOPE,1,unit,,10,,\n");
    let files = Files::base()
        .with("items.csv", &items)
        .with("orders.csv", &orders)
        .with("boms.csv", &boms)
        .with("stock.csv", "item,location,qty\nC1,M1,7\n");
    plant
        .import(&files)
        .refused()
        .says(&["boms.csv:4:", "NOPE"]);
    assert_eq!(plant.stock(), base_stock());
    plant
        .run(&[
            "preview", "--order", "WO2", "--op", "10", "--good", "1", "--json",
        ])
        .refused()
        .says(&["WO2"]);
    // C1 still costs 2: one piece over standard is a cost variance of 2.
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--set", "C1=3",
    ]);
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(v["lines"][0]["cost_variance"], "2");
    plant.verify();
}

#[test]
fn reimport_updates_std_cost() {
    let plant = Plant::base();
    let items = ITEMS.replace(
        "C1,Component one,EA,0,stock,none,yes,2.00",
        "C1,Component one,EA,0,stock,none,yes,3.00",
    );
    let out = plant.import(&Files::base().with("items.csv", &items));
    out.ok();
    // Re-importing the same stock.csv sets the same balances: nothing changes.
    assert_eq!(plant.stock(), base_stock());
    // planned 6, issued 7: one piece over at the new standard cost 3.
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--set", "C1=7",
    ]);
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    let c1 = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["item"] == "C1")
        .expect("C1 line")
        .clone();
    assert_eq!(c1["cost_variance"], "3");
    assert_eq!(v["expected_cost"], "18");
    assert_eq!(v["actual_cost"], "21");
}

#[test]
fn reimport_keeps_existing_order_and_warns_on_changed_row() {
    let plant = Plant::base();
    // Same files again: no warning about WO1.
    let again = plant.import(&Files::base());
    again.ok();
    assert!(
        !again.stderr.contains("WO1"),
        "an unchanged order row gives no warning\n{}",
        again.describe()
    );
    // The BOM now takes 5 C1 per P, WO1's row asks for 20, and WO2 is new.
    let boms = BOMS.replace("P,1,1,10,C1,2,unit", "P,1,1,10,C1,5,unit");
    let orders = "\
order,item,revision,qty,due,completion_location
WO1,P,1,20,2026-12-01,FG
WO2,P,1,10,2026-12-02,FG
";
    let out = plant.import(
        &Files::base()
            .with("boms.csv", &boms)
            .with("orders.csv", orders)
            .without("stock.csv"),
    );
    out.ok().says(&["WO1"]);
    assert!(
        out.stderr.to_lowercase().contains("warning"),
        "{}",
        out.describe()
    );
    // WO1 keeps its snapshot (2 per unit) and its quantity (10).
    let r = plant.preview(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&r, "10")["planned"], "2");
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "11", "--json",
        ])
        .refused();
    // WO2 is released with the new BOM.
    let r = plant.preview(&["--order", "WO2", "--op", "10", "--good", "1"]);
    assert_eq!(line(&r, "10")["planned"], "5");
}

#[test]
fn reimport_stock_sets_balances() {
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "5"]); // C1 at M1: 100 − 10
    assert_eq!(plant.qty("C1", "M1"), "90");
    plant
        .import(&Files(vec![(
            "stock.csv",
            "item,location,qty\nC1,M1,80\nC2,M1,2.5\n".into(),
        )]))
        .ok();
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "80"),
            stock_row("C1", "RAW", "100"),
            stock_row("C2", "M1", "2.5"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant.verify();
}

// =============================================================================================
// Preview and report JSON (SPEC §4)
// =============================================================================================

#[test]
fn preview_json_shape_exact() {
    let plant = Plant::base();
    let r = plant.preview(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert!(
        r.get("report_id").is_none(),
        "preview has no report_id: {r}"
    );
    assert_eq!(
        normalize_report(r),
        json!({
            "order": "WO1", "operation": "10", "good": "3", "scrap": "0",
            "lines": [line_json("10", "C1", "M1", "6", "6", "0", "issue", false)],
            "receipt": null,
            "labor": [labor_json("10", "0.5", "0.3", "32", "16")],
            "warnings": []
        })
    );
    // A preview posts nothing.
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn report_json_shape_exact() {
    let plant = Plant::base();
    let r10 = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--scrap", "1",
    ]);
    let id10 = report_id(&r10);
    assert!(!id10.is_empty());
    // 4 units × 2 = 8 C1; hours 0.5 setup + 0.4 run = 0.9 × 40 / × 20.
    assert_eq!(
        normalize_report(r10),
        json!({
            "order": "WO1", "operation": "10", "good": "3", "scrap": "1",
            "lines": [line_json("10", "C1", "M1", "8", "8", "0", "issue", false)],
            "receipt": null,
            "labor": [labor_json("10", "0.5", "0.4", "36", "18")],
            "warnings": []
        })
    );
    let r20 = plant.report(&[
        "--order", "WO1", "--op", "20", "--good", "3", "--scrap", "1",
    ]);
    assert_ne!(report_id(&r20), id10);
    // 4 units × 0.5 × 1.1 = 2.2 KG; the 3 good units are received, the scrapped one not.
    assert_eq!(
        normalize_report(r20),
        json!({
            "order": "WO1", "operation": "20", "good": "3", "scrap": "1",
            "lines": [line_json("20", "C2", "M2", "2.2", "2.2", "0", "issue", false)],
            "receipt": {"item": "P", "location": "FG", "qty": "3"},
            "labor": [labor_json("20", "0", "0.8", "24", "8")],
            "warnings": []
        })
    );
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "92"),
            stock_row("C1", "RAW", "100"),
            stock_row("C2", "M2", "47.8"),
            stock_row("P", "FG", "3"),
        ])
    );
    plant.verify();
}

#[test]
fn report_ahead_of_earlier_count_point_warns() {
    let plant = Plant::base();
    let r = plant.report(&["--order", "WO1", "--op", "20", "--good", "2"]);
    assert_eq!(
        r["warnings"].as_array().map(Vec::len),
        Some(1),
        "operation 20 ahead of count point 10 carries a warning: {r}"
    );
    assert_eq!(line(&r, "20")["planned"], "1.1");
}

#[test]
fn manual_line_shows_planned_and_zero_qty() {
    let items = format!(
        "{ITEMS}L1,Lot-tracked part,EA,0,stock,lot,yes,5\nN1,Non-stock part,EA,0,non-stock,none,yes,1\nS1,Serial part,EA,0,stock,serial,yes,9\nH1,Hand-issued part,EA,0,stock,none,no,1\n"
    );
    // 30 lot, 40 non-stock, 50 serial, 60 item default no, 70 BOM line says no, 80 BOM line
    // says yes over the item's no (and H1 has no stock: deferred).
    let boms = format!(
        "{BOMS}P,1,1,30,L1,1,unit,,10,,\nP,1,1,40,N1,3,unit,,10,,\nP,1,1,50,S1,1,unit,,10,,\nP,1,1,60,H1,1,unit,,10,,\nP,1,1,70,C2,1,unit,,10,no,\nP,1,1,80,H1,2,unit,,10,yes,\n"
    );
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", &boms),
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("30", "L1", "M1", "2", "0", "0", "manual", false),
            line_json("40", "N1", "M1", "6", "0", "0", "manual", false),
            line_json("50", "S1", "M1", "2", "0", "0", "manual", false),
            line_json("60", "H1", "M1", "2", "0", "0", "manual", false),
            line_json("70", "C2", "M1", "2", "0", "0", "manual", false),
            line_json("80", "H1", "M1", "4", "4", "0", "deferred", false),
        ])
    );
    assert_eq!(plant.qty("C1", "M1"), "96");
}

#[test]
fn work_center_without_backflush_makes_manual_lines() {
    let wcs = WORK_CENTERS.replace(
        "WC1,Cell one,M1,40.00,20.00,yes",
        "WC1,Cell one,M1,40.00,20.00,no",
    );
    let plant = Plant::with(&Files::base().with("work_centers.csv", &wcs));
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([line_json("10", "C1", "M1", "4", "0", "0", "manual", false)])
    );
    assert_eq!(plant.stock(), base_stock());
}

// =============================================================================================
// Count points and milestone backflush (SPEC §2)
// =============================================================================================

#[test]
fn milestone_backflush_and_last_operation_is_count_point() {
    // Neither operation is marked a count point; the last one is one anyway.
    let routings = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0.50,0.10,no
P,1,20,WC2,0,0.20,no
";
    let plant = Plant::with(&Files::base().with("routings.csv", routings));
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "10", "--good", "2", "--json",
        ])
        .refused()
        .says(&["20"]);
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "2", "--json",
        ])
        .refused()
        .says(&["20"]);
    assert_eq!(plant.stock(), base_stock());
    let r = plant.report(&["--order", "WO1", "--op", "20", "--good", "2"]);
    assert_eq!(
        normalize_report(r),
        json!({
            "order": "WO1", "operation": "20", "good": "2", "scrap": "0",
            "lines": [
                line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
                line_json("20", "C2", "M2", "1.1", "1.1", "0", "issue", false),
            ],
            "receipt": {"item": "P", "location": "FG", "qty": "2"},
            "labor": [
                labor_json("10", "0.5", "0.2", "28", "14"),
                labor_json("20", "0", "0.4", "12", "4"),
            ],
            "warnings": []
        })
    );
    plant.verify();
}

#[test]
fn milestone_stops_at_the_previous_count_point() {
    // 10 (count point) ← C1 at M1; 20 (not) ← C2 at M2; 30 (count point) ← C1 from RAW.
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,C2,0.5,unit,,20,,
P,1,1,30,C1,1,unit,,30,,RAW
";
    let routings = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0.5,0.1,yes
P,1,20,WC2,1,0.2,no
P,1,30,WC1,0,0.3,yes
";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", boms)
            .with("routings.csv", routings),
    );
    let r10 = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(
        normalize_report(r10),
        json!({
            "order": "WO1", "operation": "10", "good": "2", "scrap": "0",
            "lines": [line_json("10", "C1", "M1", "4", "4", "0", "issue", false)],
            "receipt": null,
            "labor": [labor_json("10", "0.5", "0.2", "28", "14")],
            "warnings": []
        })
    );
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "20", "--good", "2", "--json",
        ])
        .refused()
        .says(&["30"]);
    let r30 = plant.report(&["--order", "WO1", "--op", "30", "--good", "2"]);
    assert_eq!(
        normalize_report(r30),
        json!({
            "order": "WO1", "operation": "30", "good": "2", "scrap": "0",
            "lines": [
                line_json("20", "C2", "M2", "1", "1", "0", "issue", false),
                line_json("30", "C1", "RAW", "2", "2", "0", "issue", false),
            ],
            "receipt": {"item": "P", "location": "FG", "qty": "2"},
            "labor": [
                labor_json("20", "1", "0.4", "42", "14"),
                labor_json("30", "0", "0.6", "24", "12"),
            ],
            "warnings": []
        })
    );
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "96"),
            stock_row("C1", "RAW", "98"),
            stock_row("C2", "M2", "49"),
            stock_row("P", "FG", "2"),
        ])
    );
    plant.verify();
}

#[test]
fn per_order_line_is_carried_once_and_again_after_its_reversal() {
    // 1.5 KG of C2 per order with 10 % allowance: 1.65 on the first report.
    let boms = format!("{BOMS}P,1,1,30,C2,1.5,order,10,10,,\n");
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,10\n";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", &boms)
            .with("stock.csv", stock),
    );
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&first, "30")["planned"], "1.65");
    let second = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&second, "30")["planned"], "0");
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&first),
            "--reason",
            "test",
        ])
        .ok();
    assert_eq!(plant.qty("C2", "M1"), "10");
    let third = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(line(&third, "30")["planned"], "1.65");
    assert_eq!(plant.qty("C2", "M1"), "8.35");
    plant.verify();
}

// =============================================================================================
// Cumulative rounding (SPEC §2)
// =============================================================================================

const ONE_OP_ITEMS: &str = "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,100
Q,Other parent,EA,0,stock,none,yes,50
R,Third parent,EA,0,stock,none,yes,10
C1,Component one,EA,0,stock,none,yes,2
C2,Component two,KG,3,stock,none,yes,1.5
";

const ONE_OP_ROUTINGS: &str = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0,0,yes
Q,1,10,WC1,0,0,yes
R,1,10,WC1,0,0,yes
";

/// One piece of C1 per 3 P, two per 3 Q, one KG of C2 per 3 R; all at operation 10 on WC1.
fn thirds_plant() -> Plant {
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,3,10,C1,1,unit,,10,,
Q,1,3,10,C1,2,unit,,10,,
R,1,3,10,C2,1,unit,,10,,
";
    let orders = "\
order,item,revision,qty,due,completion_location
WO1,P,1,10,2026-12-01,FG
WO2,P,1,10,2026-12-01,FG
WO3,Q,1,3,2026-12-01,FG
WO4,R,1,3,2026-12-01,FG
";
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,10\n";
    Plant::with(
        &Files::base()
            .with("items.csv", ONE_OP_ITEMS)
            .with("boms.csv", boms)
            .with("routings.csv", ONE_OP_ROUTINGS)
            .with("orders.csv", orders)
            .with("stock.csv", stock),
    )
}

#[test]
fn cumulative_rounding_one_third_in_ten_reports() {
    let plant = thirds_plant();
    let planned: Vec<String> = (0..10)
        .map(|_| {
            let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
            text(&line(&r, "10")["planned"])
        })
        .collect();
    assert_eq!(planned, ["1", "0", "0", "1", "0", "0", "1", "0", "0", "1"]);
    assert_eq!(plant.qty("C1", "M1"), "96");
    // One report of 10 issues the same 4.
    let r = plant.report(&["--order", "WO2", "--op", "10", "--good", "10"]);
    assert_eq!(line(&r, "10")["planned"], "4");
    assert_eq!(plant.qty("C1", "M1"), "92");
    plant.verify();
}

#[test]
fn exact_arithmetic_two_thirds_times_three_is_two() {
    let plant = thirds_plant();
    let r = plant.report(&["--order", "WO3", "--op", "10", "--good", "3"]);
    assert_eq!(line(&r, "10")["planned"], "2");
}

#[test]
fn cumulative_rounding_in_kilograms() {
    let plant = thirds_plant();
    let planned: Vec<String> = (0..3)
        .map(|_| {
            let r = plant.report(&["--order", "WO4", "--op", "10", "--good", "1"]);
            text(&line(&r, "10")["planned"])
        })
        .collect();
    assert_eq!(planned, ["0.334", "0.333", "0.333"]);
    assert_eq!(plant.qty("C2", "M1"), "9");
}

// =============================================================================================
// Phantom explosion (SPEC §1)
// =============================================================================================

#[test]
fn phantom_lines_explode_with_path_quantities_scrap_and_locations() {
    let items = format!(
        "{ONE_OP_ITEMS}C3,Setup part,EA,0,stock,none,yes,4\nPH,Phantom kit,EA,0,phantom,none,yes,0\n"
    );
    // PH: 1 C2 per 4 kits (10 % scrap), plus 1 C3 per order. P takes 2 PH per unit (10 %).
    // P/20 sends its subtree to RAW; PH/2 says M2 itself.
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,PH,2,unit,10,10,,RAW
PH,1,4,1,C2,1,unit,10,,,
PH,1,4,2,C3,1,order,,,,M2
";
    let stock = "item,location,qty\nC1,M1,100\nC2,RAW,100\nC3,M2,100\n";
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", boms)
            .with("routings.csv", ONE_OP_ROUTINGS)
            .with("stock.csv", stock),
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    // 20.1: 2 units × 2 × 1 / (1 × 4) × 1.1 × 1.1 = 1.21 KG.
    // 20.2: per order, 1 × 1.1 (the path's allowance) = 1.1, rounded up to 2 EA.
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("20.1", "C2", "RAW", "1.21", "1.21", "0", "issue", false),
            line_json("20.2", "C3", "M2", "2", "2", "0", "issue", false),
        ])
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "20.1")["planned"], "1.21");
    assert_eq!(line(&r, "20.2")["planned"], "0");
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "92"),
            stock_row("C2", "RAW", "97.58"),
            stock_row("C3", "M2", "98"),
            stock_row("P", "FG", "4"),
        ])
    );
    plant.verify();
}

#[test]
fn phantom_uses_its_highest_revision_compared_as_numbers() {
    let items = format!("{ITEMS}PH,Phantom kit,EA,0,phantom,none,yes,0\n");
    // Revision 10 comes after 9 (as text "9" would sort last).
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,PH,1,unit,,10,,
PH,9,1,1,C1,1,unit,,,,
PH,10,1,1,C2,1,unit,,,,
";
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,10\n";
    let plant = Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", boms)
            .with("stock.csv", stock),
    );
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("20.1", "C2", "M1", "2", "2", "0", "issue", false),
        ])
    );
    // An exploded line takes overrides by its path.
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--set", "20.1=1.5",
    ]);
    assert_eq!(
        line(&r, "20.1"),
        &line_json("20.1", "C2", "M1", "1", "1.5", "0", "issue", true)
    );
    assert_eq!(plant.qty("C2", "M1"), "6.5");
}

// =============================================================================================
// Refused reports (SPEC §2, §4)
// =============================================================================================

fn base_report(plant: &Plant, extra: &[&str]) -> Out {
    let mut args = vec!["report", "--order", "WO1", "--op", "10"];
    args.extend_from_slice(extra);
    args.push("--json");
    plant.run(&args)
}

#[test]
fn report_refuses_unknown_order() {
    let plant = Plant::base();
    plant
        .run(&[
            "report", "--order", "WO9", "--op", "10", "--good", "1", "--json",
        ])
        .refused()
        .says(&["WO9"]);
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn report_refuses_unknown_operation() {
    let plant = Plant::base();
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "30", "--good", "1", "--json",
        ])
        .refused()
        .says(&["30"]);
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn report_refuses_unknown_override_key() {
    let plant = Plant::base();
    base_report(&plant, &["--good", "1", "--set", "NOPE=1"])
        .refused()
        .says(&["NOPE"]);
    base_report(&plant, &["--good", "1", "--skip", "99"])
        .refused()
        .says(&["99"]);
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn report_refuses_negative_good() {
    let plant = Plant::base();
    base_report(&plant, &["--good", "-1"])
        .refused()
        .says(&["-1"]);
    base_report(&plant, &["--good", "2", "--scrap", "-1"])
        .refused()
        .says(&["-1"]);
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn report_refuses_too_precise_good() {
    let plant = Plant::base();
    base_report(&plant, &["--good", "2.5"])
        .refused()
        .says(&["2.5"]);
    base_report(&plant, &["--good", "2", "--scrap", "0.5"])
        .refused()
        .says(&["0.5"]);
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn report_refuses_nothing_reported() {
    let plant = Plant::base();
    base_report(&plant, &["--good", "0", "--scrap", "0"]).refused();
    base_report(&plant, &["--good", "0"]).refused();
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn scrap_only_report_is_accepted() {
    let plant = Plant::base();
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "0", "--scrap", "2",
    ]);
    assert_eq!(line(&r, "10")["planned"], "4");
}

#[test]
fn non_numeric_good_is_a_usage_error() {
    let plant = Plant::base();
    base_report(&plant, &["--good", "abc"])
        .usage()
        .says(&["abc"]);
    plant
        .run(&[
            "preview", "--order", "WO1", "--op", "10", "--good", "abc", "--json",
        ])
        .usage();
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn missing_order_is_a_usage_error() {
    let plant = Plant::base();
    plant
        .run(&["report", "--op", "10", "--good", "1", "--json"])
        .usage()
        .says(&["--order"]);
    plant
        .run(&["preview", "--op", "10", "--good", "1", "--json"])
        .usage();
    plant
        .run(&["report", "--order", "WO1", "--op", "ten", "--good", "1"])
        .usage();
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn over_report_is_refused_naming_the_limit() {
    let orders = format!("{ORDERS}WO2,P,1,7,2026-12-01,FG\n");
    let plant = Plant::with(&Files::base().with("orders.csv", &orders));
    plant.report(&["--order", "WO2", "--op", "10", "--good", "5"]);
    plant
        .run(&[
            "preview", "--order", "WO2", "--op", "10", "--good", "3", "--json",
        ])
        .refused()
        .says(&["7"]);
    plant
        .run(&[
            "report", "--order", "WO2", "--op", "10", "--good", "2", "--scrap", "1", "--json",
        ])
        .refused()
        .says(&["7"]);
    assert_eq!(plant.qty("C1", "M1"), "90");
    // Exactly up to the order quantity is fine.
    plant.report(&[
        "--order", "WO2", "--op", "10", "--good", "1", "--scrap", "1",
    ]);
    assert_eq!(plant.qty("C1", "M1"), "86");
}

#[test]
fn over_report_tolerance_from_config() {
    let plant = Plant::base().config("[policy]\nover_report_tolerance_pct = 50\n");
    // 10 × 1.5 = 15.
    plant
        .run(&[
            "report", "--order", "WO1", "--op", "10", "--good", "16", "--json",
        ])
        .refused()
        .says(&["15"]);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "15"]);
    assert_eq!(line(&r, "10")["planned"], "30");
}

#[test]
fn ambiguous_item_code_asks_for_the_line() {
    let boms = format!("{BOMS}P,1,1,30,C1,1,unit,,10,,\n");
    let plant = Plant::with(&Files::base().with("boms.csv", &boms));
    let out = base_report(&plant, &["--good", "2", "--set", "C1=5"]);
    out.refused().says(&["C1"]);
    assert!(
        out.stderr.to_lowercase().contains("line"),
        "the message asks for the line number\n{}",
        out.describe()
    );
    assert_eq!(plant.stock(), base_stock());
    // By line number it works.
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "2", "--set", "30=5",
    ]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([
            line_json("10", "C1", "M1", "4", "4", "0", "issue", false),
            line_json("30", "C1", "M1", "2", "5", "0", "issue", true),
        ])
    );
    assert_eq!(plant.qty("C1", "M1"), "91");
}

// =============================================================================================
// Overrides (SPEC §2)
// =============================================================================================

/// Five lines at operation 10: C1 (2/unit), C2 (0.5 KG/unit), C3 (1/unit), C4 (1/unit, stocked
/// only at RAW), L1 (lot-tracked: a manual line).
fn override_plant() -> Plant {
    let items = format!(
        "{ITEMS}C3,Component three,EA,0,stock,none,yes,3\nC4,Component four,EA,0,stock,none,yes,4\nL1,Lot part,EA,0,stock,lot,yes,5\n"
    );
    let boms = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,C2,0.5,unit,,10,,
P,1,1,30,C3,1,unit,,10,,
P,1,1,40,C4,1,unit,,10,,
P,1,1,50,L1,1,unit,,10,,
";
    let stock = "item,location,qty\nC1,M1,100\nC2,M1,50\nC3,M1,100\nC4,RAW,100\n";
    Plant::with(
        &Files::base()
            .with("items.csv", &items)
            .with("boms.csv", boms)
            .with("stock.csv", stock),
    )
}

fn override_stock() -> Value {
    json!([
        stock_row("C1", "M1", "100"),
        stock_row("C2", "M1", "50"),
        stock_row("C3", "M1", "100"),
        stock_row("C4", "RAW", "100"),
    ])
}

#[test]
fn overrides_set_line_scrap_skip_location() {
    let plant = override_plant();
    let args = [
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--set",
        "10=5",
        "--line-scrap",
        "C2=0.25",
        "--skip",
        "C3",
        "--location",
        "40=RAW",
    ];
    let expected_lines = json!([
        line_json("10", "C1", "M1", "4", "5", "0", "issue", true),
        line_json("20", "C2", "M1", "1", "1", "0.25", "issue", true),
        line_json("30", "C3", "M1", "2", "0", "0", "skipped", true),
        line_json("40", "C4", "RAW", "2", "2", "0", "issue", true),
        line_json("50", "L1", "M1", "2", "0", "0", "manual", false),
    ]);
    let p = plant.preview(&args);
    assert_eq!(normalize_report(p)["lines"], expected_lines);
    assert_eq!(plant.stock(), override_stock());
    let r = plant.report(&args);
    assert_eq!(normalize_report(r)["lines"], expected_lines);
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "95"),
            stock_row("C2", "M1", "48.75"),
            stock_row("C3", "M1", "100"),
            stock_row("C4", "RAW", "98"),
        ])
    );
    plant.verify();
}

#[test]
fn override_of_manual_line_is_refused() {
    let plant = override_plant();
    base_report(&plant, &["--good", "2", "--set", "50=1"])
        .refused()
        .says(&["50"]);
    base_report(&plant, &["--good", "2", "--skip", "L1"])
        .refused()
        .says(&["50"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn two_sets_on_one_line_are_refused() {
    let plant = override_plant();
    base_report(&plant, &["--good", "2", "--set", "10=5", "--set", "C1=6"])
        .refused()
        .says(&["10"]);
    base_report(
        &plant,
        &[
            "--good",
            "2",
            "--line-scrap",
            "20=1",
            "--line-scrap",
            "20=2",
        ],
    )
    .refused()
    .says(&["20"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn skip_and_set_on_one_line_are_refused() {
    let plant = override_plant();
    base_report(&plant, &["--good", "2", "--skip", "30", "--set", "30=1"])
        .refused()
        .says(&["30"]);
    base_report(
        &plant,
        &["--good", "2", "--skip", "C3", "--location", "30=RAW"],
    )
    .refused()
    .says(&["30"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn bad_override_values_are_refused() {
    let plant = override_plant();
    // EA allows no decimals.
    base_report(&plant, &["--good", "2", "--set", "C1=1.5"])
        .refused()
        .says(&["1.5"]);
    // KG allows 3.
    base_report(&plant, &["--good", "2", "--line-scrap", "C2=0.0001"])
        .refused()
        .says(&["0.0001"]);
    base_report(&plant, &["--good", "2", "--set", "C1=-1"]).refused();
    base_report(&plant, &["--good", "2", "--location", "C1=NOWHERE"])
        .refused()
        .says(&["NOWHERE"]);
    assert_eq!(plant.stock(), override_stock());
}

#[test]
fn override_is_variance_and_not_repaired_later() {
    let plant = override_plant();
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "2", "--set", "C1=1",
    ]);
    // Cumulative 4 units: target 8, P = 4 (the standard of report 1, not the 1 issued).
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "10")["planned"], "4");
    assert_eq!(line(&r, "10")["qty"], "4");
    assert_eq!(plant.qty("C1", "M1"), "95");
}

// =============================================================================================
// Idempotency (SPEC §2)
// =============================================================================================

#[test]
fn same_key_posts_once() {
    let plant = Plant::base();
    let args = [
        "--order", "WO1", "--op", "10", "--good", "3", "--key", "K-1",
    ];
    let first = plant.report(&args);
    let second = plant.report(&args);
    assert_eq!(report_id(&first), report_id(&second));
    assert_eq!(first, second, "the second post returns the first result");
    assert_eq!(plant.qty("C1", "M1"), "94");
    // Another key posts again.
    let third = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--key", "K-2",
    ]);
    assert_ne!(report_id(&third), report_id(&first));
    assert_eq!(plant.qty("C1", "M1"), "88");
    plant.verify();
}

// =============================================================================================
// Not enough stock (SPEC §2 negative_stock)
// =============================================================================================

/// The base plant with only 5 C1 at M1 (100 at RAW).
fn short_plant(toml: Option<&str>) -> Plant {
    let stock = "item,location,qty\nC1,M1,5\nC2,M2,50\nC1,RAW,100\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    match toml {
        Some(t) => plant.config(t),
        None => plant,
    }
}

#[test]
fn negative_stock_defer_queues_and_transfer_posts() {
    let plant = short_plant(Some("[policy]\nnegative_stock = \"defer\"\n"));
    let p = plant.preview(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(line(&p, "10")["status"], "deferred");
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let id = report_id(&r);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([line_json(
            "10", "C1", "M1", "6", "6", "0", "deferred", false
        )])
    );
    assert_eq!(plant.qty("C1", "M1"), "5");
    let rows = plant.exceptions(&[]);
    let exc_id = text(&rows[0]["id"]);
    assert_eq!(
        rows,
        json!([{
            "id": exc_id, "report_id": id, "order": "WO1", "item": "C1", "location": "M1",
            "qty": "6", "shortfall": "1", "status": "open"
        }])
    );
    assert_eq!(plant.exceptions(&["--open"]), rows);
    // Retry posts nothing yet.
    plant.run(&["exceptions", "retry", "--json"]).ok();
    assert_eq!(plant.exceptions(&["--open"]), rows);
    // A transfer into M1 posts it.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "2", "--from", "RAW", "--to", "M1", "--json",
        ])
        .ok()
        .json();
    let after = plant.exceptions(&[]);
    assert_eq!(after[0]["status"], "posted");
    assert_eq!(after[0]["id"], rows[0]["id"]);
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "1"),
            stock_row("C1", "RAW", "98"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant.verify();
}

#[test]
fn defer_counts_line_scrap_and_defers_the_whole_line() {
    let plant = short_plant(None);
    // 4 planned + 2 line scrap = 6 > 5 on hand: the whole line waits.
    let r = plant.report(&[
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--line-scrap",
        "C1=2",
    ]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([line_json("10", "C1", "M1", "4", "4", "2", "deferred", true)])
    );
    assert_eq!(plant.qty("C1", "M1"), "5");
    let rows = plant.exceptions(&[]);
    assert_eq!(rows[0]["qty"], "6");
    assert_eq!(rows[0]["shortfall"], "1");
}

#[test]
fn reversing_a_report_whose_exception_was_posted_returns_the_stock() {
    let plant = short_plant(None);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]); // 6 > 5
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "2", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "1");
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&r),
            "--reason",
            "test",
            "--json",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "7");
    assert_eq!(plant.exceptions(&[])[0]["status"], "posted");
    plant.verify();
}

#[test]
fn negative_stock_defaults_to_defer() {
    let plant = short_plant(None);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(line(&r, "10")["status"], "deferred");
    assert_eq!(
        plant.exceptions(&["--open"]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn defer_takes_lines_of_one_item_in_line_order() {
    let boms = format!("{BOMS}P,1,1,30,C1,1,unit,,10,,\n");
    let stock = "item,location,qty\nC1,M1,5\n";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", &boms)
            .with("stock.csv", stock),
    );
    // Line 10 needs 4 and fits; line 30 needs 2 and only 1 is left.
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "10")["status"], "issue");
    assert_eq!(line(&r, "30")["status"], "deferred");
    assert_eq!(plant.qty("C1", "M1"), "1");
    let rows = plant.exceptions(&[]);
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    assert_eq!(rows[0]["qty"], "2");
    assert_eq!(rows[0]["shortfall"], "1");
}

#[test]
fn retry_posts_younger_exception_that_fits() {
    let stock = "item,location,qty\nC1,RAW,100\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    let a = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]); // 6 C1
    let b = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]); // 2 C1
    assert_eq!(line(&a, "10")["status"], "deferred");
    assert_eq!(line(&b, "10")["status"], "deferred");
    let rows = plant.exceptions(&[]);
    assert_eq!(rows[0]["shortfall"], "6");
    assert_eq!(rows[1]["shortfall"], "2");
    // 3 arrive: the older 6 does not fit, the younger 2 does.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "3", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    let rows = plant.exceptions(&[]);
    let status: Vec<(String, String)> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (text(&r["report_id"]), text(&r["status"])))
        .collect();
    assert_eq!(
        status,
        [
            (report_id(&a), "open".to_string()),
            (report_id(&b), "posted".to_string())
        ]
    );
    assert_eq!(plant.qty("C1", "M1"), "1");
    // 5 more: retry posts the older one.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    assert_eq!(plant.stock(), json!([stock_row("C1", "RAW", "92")]));
    plant.verify();
}

#[test]
fn exceptions_retry_posts_after_stock_arrives_by_import() {
    let stock = "item,location,qty\nC1,M1,5\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]); // 6 > 5: deferred
    plant
        .import(&Files(vec![(
            "stock.csv",
            "item,location,qty\nC1,M1,10\n".into(),
        )]))
        .ok();
    let out = plant.run(&["exceptions", "retry", "--json"]);
    assert!(out.ok().json().is_array(), "{}", out.describe());
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    assert_eq!(plant.exceptions(&[])[0]["status"], "posted");
    assert_eq!(plant.qty("C1", "M1"), "4");
}

#[test]
fn negative_stock_block_refuses_listing_short_lines() {
    // Both lines at operation 10; only 5 C1 and no C2 at M1.
    let boms = BOMS.replace(
        "P,1,1,20,C2,0.5,unit,10,20,,",
        "P,1,1,20,C2,0.5,unit,10,10,,",
    );
    let stock = "item,location,qty\nC1,M1,5\nC1,RAW,100\n";
    let plant = Plant::with(
        &Files::base()
            .with("boms.csv", &boms)
            .with("stock.csv", stock),
    )
    .config("[policy]\nnegative_stock = \"block\"\n");
    let p = plant.preview(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(
        normalize_report(p)["lines"],
        json!([
            line_json("10", "C1", "M1", "6", "6", "0", "short", false),
            line_json("20", "C2", "M1", "1.65", "1.65", "0", "short", false),
        ])
    );
    base_report(&plant, &["--good", "3"])
        .refused()
        .says(&["C1", "C2"]);
    assert_eq!(
        plant.stock(),
        json!([stock_row("C1", "M1", "5"), stock_row("C1", "RAW", "100")])
    );
    assert_eq!(plant.exceptions(&[]), json!([]));
    // Nothing was posted: a report that fits gets the full standard of its units.
    let r = plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "1", "--skip", "20",
    ]);
    assert_eq!(line(&r, "10")["planned"], "2");
    assert_eq!(plant.qty("C1", "M1"), "3");
    plant.verify();
}

#[test]
fn negative_stock_allow_goes_negative() {
    let plant = short_plant(Some("[policy]\nnegative_stock = \"allow\"\n"));
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    assert_eq!(
        normalize_report(r)["lines"],
        json!([line_json("10", "C1", "M1", "6", "6", "0", "issue", false)])
    );
    assert_eq!(plant.qty("C1", "M1"), "-1");
    assert_eq!(plant.exceptions(&[]), json!([]));
    plant.verify();
}

// =============================================================================================
// Transfer (SPEC §3)
// =============================================================================================

#[test]
fn transfer_moves_stock_and_refuses_going_negative() {
    let plant = Plant::base();
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "30", "--from", "RAW", "--to", "M1", "--json",
        ])
        .ok()
        .json();
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "71", "--from", "RAW", "--to", "M1",
        ])
        .refused()
        .says(&["RAW"]);
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "1.5", "--from", "RAW", "--to", "M1",
        ])
        .refused();
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "130"),
            stock_row("C1", "RAW", "70"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant.verify();
}

// =============================================================================================
// Reversal (SPEC §2)
// =============================================================================================

#[test]
fn reverse_restores_stock_once() {
    let plant = Plant::base();
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let r20 = plant.report(&["--order", "WO1", "--op", "20", "--good", "3"]);
    let id = report_id(&r20);
    plant
        .run(&[
            "reverse",
            "--report",
            &id,
            "--reason",
            "wrong order",
            "--json",
        ])
        .ok()
        .json();
    // C2 back, the 3 P received at FG gone.
    assert_eq!(
        plant.stock(),
        json!([
            stock_row("C1", "M1", "94"),
            stock_row("C1", "RAW", "100"),
            stock_row("C2", "M2", "50"),
        ])
    );
    plant
        .run(&["reverse", "--report", &id, "--reason", "again", "--json"])
        .refused()
        .says(&[&id]);
    plant
        .run(&["reverse", "--report", "999", "--reason", "no such report"])
        .refused()
        .says(&["999"]);
    // Its units left the cumulative quantity: the same report issues the same again.
    let again = plant.report(&["--order", "WO1", "--op", "20", "--good", "3"]);
    assert_eq!(line(&again, "20")["planned"], "1.65");
    assert_eq!(plant.qty("P", "FG"), "3");
    plant.verify();
}

#[test]
fn reversing_first_report_carries_setup_again() {
    let plant = Plant::base();
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(first["labor"][0]["setup_hours"], "0.5");
    let second = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(second["labor"][0]["setup_hours"], "0");
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&first),
            "--reason",
            "test",
        ])
        .ok();
    let third = plant.report(&["--order", "WO1", "--op", "10", "--good", "1"]);
    assert_eq!(third["labor"][0]["setup_hours"], "0.5");
}

#[test]
fn reversing_a_middle_report_returns_to_exact_target() {
    let plant = thirds_plant();
    // 1/3 per unit, reports of 2: targets 1, 2, 2 → planned 1, 1, 0.
    let reports: Vec<Value> = (0..3)
        .map(|_| plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]))
        .collect();
    let planned: Vec<String> = reports
        .iter()
        .map(|r| text(&line(r, "10")["planned"]))
        .collect();
    assert_eq!(planned, ["1", "1", "0"]);
    plant
        .run(&[
            "reverse",
            "--report",
            &report_id(&reports[1]),
            "--reason",
            "miscount",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "99");
    // U = 4, P = 1: the next 2 units reach target(6) = 2 → 1.
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "2"]);
    assert_eq!(line(&r, "10")["planned"], "1");
    // 10 units: target 4, P = 2 → 2.
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "4"]);
    assert_eq!(line(&r, "10")["planned"], "2");
    assert_eq!(plant.qty("C1", "M1"), "96");
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(v["lines"][0]["standard_qty"], "4");
    assert_eq!(v["lines"][0]["actual_qty"], "4");
    assert_eq!(v["variance"], "0");
    plant.verify();
}

#[test]
fn reversing_a_deferred_report_cancels_its_exception() {
    let plant = short_plant(None);
    let r = plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    plant
        .run(&["reverse", "--report", &report_id(&r), "--reason", "test"])
        .ok();
    let rows = plant.exceptions(&[]);
    assert_eq!(rows[0]["status"], "cancelled");
    assert_eq!(plant.exceptions(&["--open"]), json!([]));
    // A later transfer does not post it.
    plant
        .run(&[
            "transfer", "--item", "C1", "--qty", "10", "--from", "RAW", "--to", "M1",
        ])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "15");
    plant.verify();
}

// =============================================================================================
// Batch (SPEC §4)
// =============================================================================================

#[test]
fn batch_reports_one_result_per_line() {
    let plant = Plant::base();
    let file = plant.tmp.path().join("batch.csv");
    std::fs::write(
        &file,
        "key,order,op,good,scrap\nB1,WO1,10,2,0\nB2,WO1,10,abc,0\nB3,WO9,10,1,0\nB4,WO1,10,1,1\n",
    )
    .expect("write the batch");
    let file = file.to_str().expect("utf-8").to_string();
    let out = plant.run(&["report", "--batch", &file]);
    out.refused();
    assert!(!out.stderr.trim().is_empty(), "a summary on stderr");
    let lines = out.json_lines();
    assert_eq!(lines.len(), 4, "{}", out.describe());
    let ok_keys = ["key", "line", "ok", "report_id"];
    let err_keys = ["error", "key", "line", "ok"];
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&lines[0]), ok_keys);
    assert_eq!(keys(&lines[1]), err_keys);
    assert_eq!(keys(&lines[2]), err_keys);
    assert_eq!(keys(&lines[3]), ok_keys);
    let summary: Vec<(String, String, bool)> = lines
        .iter()
        .map(|l| (text(&l["line"]), text(&l["key"]), l["ok"] == true))
        .collect();
    assert_eq!(
        summary,
        [
            ("2".to_string(), "B1".to_string(), true),
            ("3".to_string(), "B2".to_string(), false),
            ("4".to_string(), "B3".to_string(), false),
            ("5".to_string(), "B4".to_string(), true),
        ]
    );
    assert!(text(&lines[1]["error"]).contains("abc"), "{}", lines[1]);
    assert!(text(&lines[2]["error"]).contains("WO9"), "{}", lines[2]);
    // B1: 2 units → 4 C1; B4: 2 more units → 4.
    assert_eq!(plant.qty("C1", "M1"), "92");

    // Idempotent: the good lines again post nothing and return the same reports.
    let good = plant.tmp.path().join("good.csv");
    std::fs::write(
        &good,
        "key,order,op,good,scrap\nB1,WO1,10,2,0\nB4,WO1,10,1,1\n",
    )
    .expect("write the batch");
    let out = plant.run(&["report", "--batch", good.to_str().expect("utf-8")]);
    out.ok();
    let again = out.json_lines();
    assert_eq!(again.len(), 2);
    assert_eq!(again[0]["report_id"], lines[0]["report_id"]);
    assert_eq!(again[1]["report_id"], lines[3]["report_id"]);
    assert!(again.iter().all(|l| l["ok"] == true));
    assert_eq!(plant.qty("C1", "M1"), "92");
    plant.verify();
}

// =============================================================================================
// Variance and verify (SPEC §2, §4)
// =============================================================================================

#[test]
fn variance_json_after_overrides() {
    let plant = Plant::base();
    plant.report(&[
        "--order", "WO1", "--op", "10", "--good", "3", "--set", "C1=7",
    ]);
    plant.report(&[
        "--order",
        "WO1",
        "--op",
        "10",
        "--good",
        "2",
        "--line-scrap",
        "C1=1",
    ]);
    // Standard: 5 units × 2 = 10. Actual: 7 + 4 + 1 = 12. Cost at 2.
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(
        v,
        json!({
            "order": "WO1",
            "lines": [
                {"line": "10", "item": "C1", "standard_qty": "10", "actual_qty": "12",
                 "qty_variance": "2", "cost_variance": "4", "pending_qty": "0"},
                {"line": "20", "item": "C2", "standard_qty": "0", "actual_qty": "0",
                 "qty_variance": "0", "cost_variance": "0", "pending_qty": "0"},
            ],
            "expected_cost": "20",
            "actual_cost": "24",
            "variance": "4"
        })
    );
    plant.verify();
}

#[test]
fn variance_shows_deferred_lines_as_pending() {
    let plant = short_plant(None);
    plant.report(&["--order", "WO1", "--op", "10", "--good", "3"]);
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    assert_eq!(v["lines"][0]["standard_qty"], "6");
    assert_eq!(v["lines"][0]["pending_qty"], "6");
    plant
        .run(&["variance", "--order", "WO9", "--json"])
        .refused()
        .says(&["WO9"]);
}

// =============================================================================================
// People and permissions (SPEC §6)
// =============================================================================================

fn users_plant() -> Plant {
    let plant = Plant::empty();
    // The import that brings the first users needs no user.
    plant.import(&Files::base().with("users.csv", USERS)).ok();
    plant
}

fn as_user(plant: &Plant, badge: &str, pin: &str, args: &[&str]) -> Out {
    let mut all = vec!["--user", badge];
    all.extend_from_slice(args);
    plant.run_env(&all, &[("BACKFLUSH_PIN", pin)])
}

const REPORT_3: [&str; 9] = [
    "report", "--order", "WO1", "--op", "10", "--good", "3", "--json", "--key=K3",
];

#[test]
fn report_needs_a_user_once_users_exist() {
    let plant = users_plant();
    plant.run(&REPORT_3).refused();
    assert_eq!(plant.stock(), base_stock(), "reading needs no user");
    plant.run(&["verify"]).ok();
    // Wrong PIN.
    as_user(&plant, "1001", "0000", &REPORT_3)
        .refused()
        .says(&["1001"]);
    // No PIN at all (no terminal to ask on).
    plant
        .run(&[
            "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "3",
        ])
        .refused();
    assert_eq!(plant.stock(), base_stock());
    // The right PIN.
    as_user(&plant, "1001", "1234", &REPORT_3).ok();
    assert_eq!(plant.qty("C1", "M1"), "94");
}

#[test]
fn operator_reversal_needs_a_lead() {
    let plant = users_plant();
    let r = as_user(&plant, "1001", "1234", &REPORT_3).ok().json();
    let id = report_id(&r);
    let reverse = [
        "reverse",
        "--report",
        id.as_str(),
        "--reason",
        "wrong count",
    ];
    as_user(&plant, "1001", "1234", &reverse)
        .refused()
        .says(&["1001", "lead"]);
    assert_eq!(plant.qty("C1", "M1"), "94");
    // Wrong approver PIN.
    let mut with_lead = vec!["--user", "1001", "--approver", "2001"];
    with_lead.extend_from_slice(&reverse);
    plant
        .run_env(
            &with_lead,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "1111"),
            ],
        )
        .refused()
        .says(&["2001"]);
    assert_eq!(plant.qty("C1", "M1"), "94");
    // An approver who is not a lead.
    let mut with_handler = vec!["--user", "1001", "--approver", "3001"];
    with_handler.extend_from_slice(&reverse);
    plant
        .run_env(
            &with_handler,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "3333"),
            ],
        )
        .refused();
    assert_eq!(plant.qty("C1", "M1"), "94");
    plant
        .run_env(
            &with_lead,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "100");
    plant.verify();
}

#[test]
fn lead_reverses_alone() {
    let plant = users_plant();
    let r = as_user(&plant, "2001", "2222", &REPORT_3).ok().json();
    as_user(
        &plant,
        "2001",
        "2222",
        &["reverse", "--report", &report_id(&r), "--reason", "test"],
    )
    .ok();
    assert_eq!(plant.qty("C1", "M1"), "100");
}

#[test]
fn handler_cannot_report_but_can_transfer() {
    let plant = users_plant();
    as_user(&plant, "3001", "3333", &REPORT_3)
        .refused()
        .says(&["3001", "handler"]);
    assert_eq!(plant.stock(), base_stock());
    let transfer = [
        "transfer", "--item", "C1", "--qty", "5", "--from", "RAW", "--to", "M1",
    ];
    as_user(&plant, "1001", "1234", &transfer)
        .refused()
        .says(&["1001", "operator"]);
    as_user(&plant, "3001", "3333", &transfer).ok();
    assert_eq!(plant.qty("C1", "M1"), "105");
    as_user(&plant, "1001", "1234", &["exceptions", "retry", "--json"])
        .refused()
        .says(&["1001"]);
    as_user(&plant, "3001", "3333", &["exceptions", "retry", "--json"]).ok();
    // Reading needs no user.
    plant.run(&["exceptions", "--json"]).ok();
    plant.run(&["variance", "--order", "WO1", "--json"]).ok();
}

#[test]
fn larger_overrides_need_a_lead() {
    let plant = users_plant();
    // planned 10; 11 is within 10 %.
    as_user(
        &plant,
        "1001",
        "1234",
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "5", "--set", "C1=11", "--json",
        ],
    )
    .ok();
    assert_eq!(plant.qty("C1", "M1"), "89");
    // planned 4; 5 is 25 % over.
    let larger = [
        "report", "--order", "WO1", "--op", "10", "--good", "2", "--set", "C1=5", "--json",
    ];
    as_user(&plant, "1001", "1234", &larger)
        .refused()
        .says(&["lead"]);
    assert_eq!(plant.qty("C1", "M1"), "89");
    let mut with_lead = vec!["--user", "1001", "--approver", "2001"];
    with_lead.extend_from_slice(&larger);
    plant
        .run_env(
            &with_lead,
            &[
                ("BACKFLUSH_PIN", "1234"),
                ("BACKFLUSH_APPROVER_PIN", "2222"),
            ],
        )
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "84");
}

#[test]
fn larger_override_refusal_names_the_user() {
    let plant = users_plant();
    // planned 4; 5 is 25 % over.
    as_user(
        &plant,
        "1001",
        "1234",
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "2", "--set", "C1=5", "--json",
        ],
    )
    .refused()
    .says(&["1001", "lead"]);
    assert_eq!(plant.stock(), base_stock());
}

#[test]
fn init_needs_an_admin_once_users_exist() {
    let plant = users_plant();
    plant.run(&["init"]).refused();
    as_user(&plant, "1001", "1234", &["init"])
        .refused()
        .says(&["1001", "admin"]);
    as_user(&plant, "9001", "9999", &["init"]).ok();
}

#[test]
fn pins_are_not_stored_in_plain_text() {
    let plant = Plant::empty();
    let users = "badge,name,role,pin\n1001,Olga Operator,operator,918273\n";
    plant.import(&Files::base().with("users.csv", users)).ok();
    as_user(
        &plant,
        "1001",
        "918273",
        &[
            "report", "--order", "WO1", "--op", "10", "--good", "1", "--json",
        ],
    )
    .ok();
    for entry in std::fs::read_dir(plant.tmp.path()).expect("read the temp dir") {
        let path = entry.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("store.db") && path.is_file() {
            let bytes = std::fs::read(&path).expect("read a store file");
            assert!(
                !bytes.windows(6).any(|w| w == b"918273"),
                "{name} holds the PIN in plain text"
            );
        }
    }
}

#[test]
fn import_needs_an_admin_once_users_exist() {
    let plant = users_plant();
    let stock = Files(vec![("stock.csv", "item,location,qty\nC1,M1,7\n".into())]);
    plant.import(&stock).refused();
    plant
        .import_env(&stock, &[("BACKFLUSH_PIN", "2222")], &["--user", "2001"])
        .refused()
        .says(&["2001", "admin"]);
    assert_eq!(plant.qty("C1", "M1"), "100");
    plant
        .import_env(&stock, &[("BACKFLUSH_PIN", "9999")], &["--user", "9001"])
        .ok();
    assert_eq!(plant.qty("C1", "M1"), "7");
}

#[test]
fn five_wrong_pins_lock_the_badge() {
    let plant = users_plant();
    for _ in 0..5 {
        as_user(&plant, "1001", "0000", &REPORT_3).refused();
    }
    as_user(&plant, "1001", "1234", &REPORT_3).refused();
    assert_eq!(plant.stock(), base_stock());
}

// =============================================================================================
// Configuration (SPEC §7)
// =============================================================================================

#[test]
fn config_unknown_key_is_refused_naming_it() {
    let plant = Plant::base().config("[policy]\nnegative_stok = \"defer\"\n");
    plant
        .run(&["stock", "--json"])
        .refused()
        .says(&["negative_stok"]);
    base_report(&plant, &["--good", "1"])
        .refused()
        .says(&["negative_stok"]);
}

#[test]
fn config_unknown_section_is_refused_naming_it() {
    let plant = Plant::base().config("[polcy]\nnegative_stock = \"defer\"\n");
    plant.run(&["stock", "--json"]).refused().says(&["polcy"]);
}

#[test]
fn config_bad_policy_value_is_refused() {
    let plant = Plant::base().config("[policy]\nnegative_stock = \"sometimes\"\n");
    plant
        .run(&["stock", "--json"])
        .refused()
        .says(&["sometimes"]);
}

// =============================================================================================
// Demo
// =============================================================================================

#[test]
fn demo_loads_into_a_new_store() {
    let plant = Plant::empty();
    plant.run(&["demo", "--no-tui"]).ok();
    let stock = plant.stock();
    assert!(
        stock.as_array().is_some_and(|s| !s.is_empty()),
        "the demo plant has stock: {stock}"
    );
    plant.verify();
}

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
    let again = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "3", "--key", "k1",
    ]);
    again.ok();
    let repeat = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "3", "--key", "k1",
    ]);
    assert!(
        repeat.ok().stdout.contains("already posted with this key"),
        "{}",
        repeat.describe()
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
    assert_eq!(rows[0]["reason"], "backflush");
    assert!(!rows[0]["terminal"].as_str().unwrap_or_default().is_empty());
    let opening = plant
        .run(&["audit", "--item", "C1", "--location", "RAW", "--json"])
        .ok()
        .json();
    assert_eq!(opening[0]["kind"], "adjustment");
}

#[test]
fn a_key_reused_for_another_completion_returns_the_first_result_with_a_warning() {
    let plant = Plant::base();
    let first = plant.report(&["--order", "WO1", "--op", "10", "--good", "2", "--key", "K1"]);
    let out = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "5", "--key", "K1", "--json",
    ]);
    assert_eq!(out.ok().json(), first);
    assert!(
        out.stderr
            .contains("warning: this key was first used for order WO1 operation 10 (good 2"),
        "{}",
        out.describe()
    );
    let same = plant.run(&[
        "report", "--order", "WO1", "--op", "10", "--good", "2", "--key", "K1", "--json",
    ]);
    assert!(same.ok().stderr.is_empty(), "{}", same.describe());
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
    plant
        .run_env(&["--user", "1001", "staging", "--work-center", "WC1"], &op)
        .refused()
        .says(&["1001 (operator) may not"]);
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

// =============================================================================================
// Units of measure on BOM lines (SPEC §10)
// =============================================================================================

/// The base items plus resin C3 stocked in kg with 3 decimals (std cost 20) and bar C4
/// stocked in m with 3 decimals.
const UOM_ITEMS: &str = "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,100.00
C1,Component one,EA,0,stock,none,yes,2.00
C2,Component two,KG,3,stock,none,yes,1.50
C3,Resin,kg,3,stock,none,yes,20.00
C4,Round bar,m,3,stock,none,yes,5.00
";

/// The base BOM plus 0.4 g of C3 per unit (line 30) and 125 mm of C4 (line 40), at 20.
const UOM_BOMS: &str = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location,uom
P,1,1,10,C1,2,unit,,10,,,
P,1,1,20,C2,0.5,unit,10,20,,,
P,1,1,30,C3,0.4,unit,,20,,,g
P,1,1,40,C4,125,unit,,20,,,mm
";

const UOM_CONVERSIONS: &str = "\
item,from_uom,to_uom,factor
,kg,g,1000
C4,mm,m,0.001
";

fn uom_files() -> Files {
    Files::base()
        .with("items.csv", UOM_ITEMS)
        .with("boms.csv", UOM_BOMS)
        .with("uom_conversions.csv", UOM_CONVERSIONS)
        .with("stock.csv", &format!("{STOCK}C3,M2,1\nC4,M2,10\n"))
}

#[test]
fn a_line_in_grams_of_a_kg_item_issues_in_kg_with_one_rounding_over_the_cumulative_units() {
    let plant = Plant::with(&uom_files());
    let first = plant.preview(&["--order", "WO1", "--op", "20", "--good", "1"]);
    assert_eq!(line(&first, "30")["planned"], "0.001");
    assert_eq!(line(&first, "40")["planned"], "0.125");
    let mut got = Vec::new();
    for _ in 0..10 {
        let r = plant.report(&["--order", "WO1", "--op", "20", "--good", "1"]);
        got.push(text(&line(&r, "30")["planned"]));
    }
    assert_eq!(
        got,
        [
            "0.001", "0", "0.001", "0", "0", "0.001", "0", "0.001", "0", "0"
        ]
    );
    assert_eq!(plant.qty("C3", "M2"), "0.996");
    assert_eq!(plant.qty("C4", "M2"), "8.75");
    let v = plant
        .run(&["variance", "--order", "WO1", "--json"])
        .ok()
        .json();
    let resin = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["line"] == "30")
        .expect("line 30")
        .clone();
    assert_eq!(resin["standard_qty"], "0.004");
    assert_eq!(resin["actual_qty"], "0.004");
    plant.verify();

    // One report of 10 on a second store issues the same 0.004 kg.
    let other = Plant::with(&uom_files());
    let r = other.report(&["--order", "WO1", "--op", "20", "--good", "10"]);
    assert_eq!(line(&r, "30")["planned"], "0.004");
    assert_eq!(line(&r, "40")["planned"], "1.25");
}

#[test]
fn import_refuses_a_bom_line_whose_unit_has_no_conversion() {
    let boms = format!("{UOM_BOMS}P,1,1,50,C3,2,unit,,20,,,lb\n");
    assert_import_refused(
        &uom_files().with("boms.csv", &boms),
        "boms.csv:6:",
        &["line 50", "lb", "kg", "C3"],
    );
    // Without the conversions file at all, the line in g is refused.
    assert_import_refused(
        &uom_files().without("uom_conversions.csv"),
        "boms.csv:4:",
        &["line 30", "g", "kg"],
    );
    // An item's row is that item's only: C4's mm → m does not serve C3.
    let boms = format!("{UOM_BOMS}P,1,1,50,C3,2,unit,,20,,,mm\n");
    assert_import_refused(
        &uom_files().with("boms.csv", &boms),
        "boms.csv:6:",
        &["mm", "kg"],
    );
}

#[test]
fn import_refuses_a_zero_negative_or_non_numeric_factor() {
    for (factor, needle) in [
        ("0", "greater than zero"),
        ("-1000", "greater than zero"),
        ("abc", "not a number"),
        ("", "factor is missing"),
    ] {
        let conversions = format!("item,from_uom,to_uom,factor\n,lb,kg,0.45\n,kg,g,{factor}\n");
        assert_import_refused(
            &uom_files().with("uom_conversions.csv", &conversions),
            "uom_conversions.csv:3:",
            &[needle],
        );
    }
}

#[test]
fn import_refuses_conversion_rows_that_disagree() {
    // The same pair twice with two factors.
    assert_import_refused(
        &uom_files().with(
            "uom_conversions.csv",
            "item,from_uom,to_uom,factor\n,kg,g,1000\nC4,mm,m,0.001\n,kg,g,100\n",
        ),
        "uom_conversions.csv:4:",
        &["kg", "g", "100", "1000", "disagrees"],
    );
    // A pair and its reverse whose factors are not reciprocal.
    assert_import_refused(
        &uom_files().with(
            "uom_conversions.csv",
            "item,from_uom,to_uom,factor\n,kg,g,1000\nC4,mm,m,0.001\n,g,kg,0.01\n",
        ),
        "uom_conversions.csv:4:",
        &["g", "kg", "0.01", "disagrees"],
    );
    // The same pair and its exact reverse agree; an item's row may differ from the generic.
    Plant::with(&uom_files().with(
        "uom_conversions.csv",
        "item,from_uom,to_uom,factor\n,kg,g,1000\n,g,kg,0.001\nC4,mm,m,0.001\nC4,kg,g,999\n",
    ));
}

#[test]
fn import_refuses_a_conversion_that_overflows_naming_the_line() {
    let conversions =
        "item,from_uom,to_uom,factor\n,kg,g,1000\nC4,mm,m,0.001\n,t,kg,10000000000000000000\n";
    let boms = format!("{UOM_BOMS}P,1,1,50,C3,100000000000,unit,,20,,,t\n");
    assert_import_refused(
        &uom_files()
            .with("uom_conversions.csv", conversions)
            .with("boms.csv", &boms),
        "boms.csv:6:",
        &["line 50", "overflows"],
    );
}

#[test]
fn a_released_order_keeps_its_converted_quantities_when_a_factor_changes() {
    let plant = Plant::with(&uom_files());
    // A later import changes 1 kg = 1000 g to 100 g and releases WO2 from the stored BOM.
    let later = Files(vec![
        (
            "uom_conversions.csv",
            "item,from_uom,to_uom,factor\n,g,kg,0.01\n".into(),
        ),
        (
            "orders.csv",
            "order,item,revision,qty,due,completion_location\nWO2,P,1,10,2026-12-01,FG\n".into(),
        ),
    ]);
    plant.import(&later).ok();
    let wo1 = plant.preview(&["--order", "WO1", "--op", "20", "--good", "10"]);
    assert_eq!(line(&wo1, "30")["planned"], "0.004");
    let wo2 = plant.preview(&["--order", "WO2", "--op", "20", "--good", "10"]);
    assert_eq!(line(&wo2, "30")["planned"], "0.04");
    assert_eq!(line(&wo2, "40")["planned"], "1.25");
}
