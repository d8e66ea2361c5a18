//! The command-line harness: the base plant as CSV literals, a temporary store
//! that runs the real binary on it, what a run printed, and the JSON helpers that compare what
//! the program chooses to print (ids as number or string) as text.

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

pub const LOCATIONS: &str = "\
location,description,kind
RAW,Raw store,storage
M1,Machine one,machine
M2,Machine two,machine
FG,Finished goods,finished
";

pub const ITEMS: &str = "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,100.00
C1,Component one,EA,0,stock,none,yes,2.00
C2,Component two,KG,3,stock,none,yes,1.50
";

pub const WORK_CENTERS: &str = "\
work_center,description,location,labor_rate,overhead_rate,backflush
WC1,Cell one,M1,40.00,20.00,yes
WC2,Cell two,M2,30.00,10.00,yes
";

pub const BOMS: &str = "\
parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location
P,1,1,10,C1,2,unit,,10,,
P,1,1,20,C2,0.5,unit,10,20,,
";

pub const ROUTINGS: &str = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0.50,0.10,yes
P,1,20,WC2,0,0.20,yes
";

pub const ORDERS: &str = "\
order,item,revision,qty,due,completion_location
WO1,P,1,10,2026-12-01,FG
";

pub const STOCK: &str = "\
item,location,qty
C1,M1,100
C2,M2,50
C1,RAW,100
";

pub const USERS: &str = "\
badge,name,role,pin
1001,Olga Operator,operator,1234
2001,Lars Lead,lead,2222
3001,Hana Handler,handler,3333
9001,Ada Admin,admin,9999
";

/// A set of import files, by file name.
#[derive(Clone)]
pub struct Files(pub Vec<(&'static str, String)>);

impl Files {
    pub fn base() -> Self {
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
    pub fn with(mut self, name: &'static str, text: &str) -> Self {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, text.into()));
        self
    }

    pub fn without(mut self, name: &str) -> Self {
        self.0.retain(|(n, _)| *n != name);
        self
    }

    pub fn write(&self, dir: &Path) {
        super::write_files(dir, &self.0);
    }
}

/// What one run of the binary printed.
pub struct Out {
    pub what: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    fn of(args: &[&str], output: &std::process::Output) -> Self {
        Out {
            what: args.join(" "),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "`backflush {}` exited {}\n--- stdout\n{}--- stderr\n{}",
            self.what, self.code, self.stdout, self.stderr
        )
    }

    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "{}", self.describe());
        self
    }

    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.code(0)
    }

    #[track_caller]
    pub fn refused(&self) -> &Self {
        self.code(1)
    }

    #[track_caller]
    pub fn usage(&self) -> &Self {
        self.code(2)
    }

    /// stderr contains every needle.
    #[track_caller]
    pub fn says(&self, needles: &[&str]) -> &Self {
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
    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is not one JSON value: {e}\n{}", self.describe()))
    }

    /// One JSON value per non-empty stdout line.
    #[track_caller]
    pub fn json_lines(&self) -> Vec<Value> {
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

/// One run of the binary: its arguments and environment.
pub type Run<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// A temporary store with its own import directories and (optionally) a config file.
pub struct Plant {
    pub tmp: TempDir,
    pub db: PathBuf,
    pub config: Option<PathBuf>,
    pub imports: Cell<u32>,
}

impl Plant {
    pub fn empty() -> Self {
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
    pub fn with(files: &Files) -> Self {
        let plant = Plant::empty();
        plant.import(files).ok();
        plant
    }

    /// The base plant.
    #[track_caller]
    pub fn base() -> Self {
        Plant::with(&Files::base())
    }

    /// Uses a config file with this TOML from now on.
    pub fn config(mut self, toml: &str) -> Self {
        let path = self.tmp.path().join("config.toml");
        std::fs::write(&path, toml).expect("write the config");
        self.config = Some(path);
        self
    }

    /// The binary on this store with `args` and `env`, not yet started (stdin empty; stdout
    /// and stderr as the caller sets them).
    pub fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let home = self.tmp.path().join("home");
        let mut cmd = Command::new(super::binary());
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
        cmd
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let output = self
            .command(args, env)
            .output()
            .expect("run the backflush binary");
        Out::of(args, &output)
    }

    /// Runs each `(args, env)` in its own process, all started before any is waited for:
    /// commands sent at once, as parallel terminals and jobs send them.
    pub fn run_at_once(&self, runs: &[Run<'_>]) -> Vec<Out> {
        let children: Vec<_> = runs
            .iter()
            .map(|(args, env)| {
                self.command(args, env)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start the backflush binary")
            })
            .collect();
        children
            .into_iter()
            .zip(runs)
            .map(|(child, (args, _))| {
                let output = child.wait_with_output().expect("wait for the binary");
                Out::of(args, &output)
            })
            .collect()
    }

    /// As [`Plant::run`] with stdout written to `stdout` (a file such as `/dev/full`).
    pub fn run_to(&self, args: &[&str], stdout: std::fs::File) -> Out {
        let output = self
            .command(args, &[])
            .stdout(stdout)
            .output()
            .expect("run the backflush binary");
        Out::of(args, &output)
    }

    /// As [`Plant::run_env`], killed if it has not ended within `limit` (its output goes to
    /// files, so a long one cannot stall it while the test waits).
    pub fn run_within(
        &self,
        args: &[&str],
        env: &[(&str, &str)],
        limit: std::time::Duration,
    ) -> Out {
        let out_path = self.tmp.path().join("within.stdout");
        let err_path = self.tmp.path().join("within.stderr");
        let file = |p: &Path| std::fs::File::create(p).expect("create an output file");
        let mut child = self
            .command(args, env)
            .stdout(file(&out_path))
            .stderr(file(&err_path))
            .spawn()
            .expect("start the backflush binary");
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the binary") {
                break status;
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`backflush {}` did not end within {limit:?}",
                    args.join(" ")
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let read = |p: &Path| std::fs::read(p).expect("read an output file");
        Out::of(
            args,
            &std::process::Output {
                status,
                stdout: read(&out_path),
                stderr: read(&err_path),
            },
        )
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.run_env(args, &[])
    }

    /// Writes `files` into a fresh directory.
    pub fn dir(&self, files: &Files) -> PathBuf {
        let n = self.imports.get() + 1;
        self.imports.set(n);
        let dir = self.tmp.path().join(format!("import{n}"));
        files.write(&dir);
        dir
    }

    pub fn import_env(&self, files: &Files, env: &[(&str, &str)], extra: &[&str]) -> Out {
        let dir = self.dir(files);
        let dir = dir.to_str().expect("utf-8 temp path").to_string();
        let mut args: Vec<&str> = extra.to_vec();
        args.push("import");
        args.push(&dir);
        self.run_env(&args, env)
    }

    pub fn import(&self, files: &Files) -> Out {
        self.import_env(files, &[], &[])
    }

    /// `stock --json`, sorted by item and location.
    #[track_caller]
    pub fn stock(&self) -> Value {
        let mut rows = match self.run(&["stock", "--json"]).ok().json() {
            Value::Array(rows) => rows,
            other => panic!("stock --json is not an array: {other}"),
        };
        rows.sort_by_key(|r| (text(&r["item"]), text(&r["location"])));
        Value::Array(rows)
    }

    /// The balance of one item at one location ("0" when `stock` omits it).
    #[track_caller]
    pub fn qty(&self, item: &str, location: &str) -> String {
        self.stock()
            .as_array()
            .expect("array")
            .iter()
            .find(|r| r["item"] == item && r["location"] == location)
            .map_or_else(|| "0".to_string(), |r| text(&r["qty"]))
    }

    /// `report … --json` that must succeed; the JSON as printed.
    #[track_caller]
    pub fn report(&self, args: &[&str]) -> Value {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        all.push("--json");
        self.run(&all).ok().json()
    }

    /// `preview … --json` that must succeed.
    #[track_caller]
    pub fn preview(&self, args: &[&str]) -> Value {
        let mut all = vec!["preview"];
        all.extend_from_slice(args);
        all.push("--json");
        self.run(&all).ok().json()
    }

    #[track_caller]
    pub fn exceptions(&self, extra: &[&str]) -> Value {
        let mut all = vec!["exceptions", "--json"];
        all.extend_from_slice(extra);
        let rows = self.run(&all).ok().json();
        normalize_exceptions(rows)
    }

    #[track_caller]
    pub fn verify(&self) {
        self.run(&["verify"]).ok();
    }
}

/// A JSON scalar as text: strings as they are, numbers as printed. Ids are "printed as the
/// program chooses (number or string)", so the tests compare them as text.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("expected a string or a number, got {other}"),
    }
}

/// A report's JSON with `report_id` taken out and every `operation` as text.
pub fn normalize_report(mut v: Value) -> Value {
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

/// The keys of an `exceptions --json` row that the command line documents.
pub const EXCEPTION_KEYS: [&str; 8] = [
    "id",
    "report_id",
    "order",
    "item",
    "location",
    "qty",
    "shortfall",
    "status",
];

/// `exceptions --json` rows cut to the documented keys (the product may add more), with
/// `id` and `report_id` as text.
pub fn normalize_exceptions(v: Value) -> Value {
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

pub fn report_id(v: &Value) -> String {
    let id = v
        .get("report_id")
        .unwrap_or_else(|| panic!("no report_id in {v}"));
    text(id)
}

/// The line of a report whose `line` is `line`.
#[track_caller]
pub fn line<'a>(report: &'a Value, line: &str) -> &'a Value {
    report["lines"]
        .as_array()
        .expect("lines is an array")
        .iter()
        .find(|l| l["line"] == line)
        .unwrap_or_else(|| panic!("no line {line} in {report}"))
}

/// A `stock --json` row of an untracked item (lot and expires null).
pub fn stock_row(item: &str, location: &str, qty: &str) -> Value {
    json!({"item": item, "location": location, "lot": null, "expires": null, "qty": qty})
}

/// A `stock --json` row of one lot of a tracked item.
pub fn lot_row(item: &str, location: &str, lot: &str, expires: Option<&str>, qty: &str) -> Value {
    json!({"item": item, "location": location, "lot": lot, "expires": expires, "qty": qty})
}

#[allow(clippy::too_many_arguments)]
pub fn line_json(
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
        "line_scrap": line_scrap, "status": status, "overridden": overridden, "shortfall": "0",
        "lots": []
    })
}

/// `line` (a [`line_json`]) lacking `shortfall` at its location.
pub fn short_by(mut line: Value, shortfall: &str) -> Value {
    line["shortfall"] = json!(shortfall);
    line
}

pub fn labor_json(op: &str, setup: &str, run: &str, labor: &str, overhead: &str) -> Value {
    json!({
        "operation": op, "setup_hours": setup, "run_hours": run,
        "labor_cost": labor, "overhead_cost": overhead
    })
}

pub fn base_stock() -> Value {
    json!([
        stock_row("C1", "M1", "100"),
        stock_row("C1", "RAW", "100"),
        stock_row("C2", "M2", "50"),
    ])
}

// ---------------------------------------------------------------------------------------------
// Plants and runs that several sections use.
// ---------------------------------------------------------------------------------------------

/// Items for plants whose parents are made in one operation (10 on WC1).
pub const ONE_OP_ITEMS: &str = "\
item,description,uom,decimals,type,tracking,backflush,std_cost
P,Parent,EA,0,stock,none,yes,100
Q,Other parent,EA,0,stock,none,yes,50
R,Third parent,EA,0,stock,none,yes,10
C1,Component one,EA,0,stock,none,yes,2
C2,Component two,KG,3,stock,none,yes,1.5
";

/// Their routings: one count point, no setup or run time.
pub const ONE_OP_ROUTINGS: &str = "\
parent,revision,operation,work_center,setup_hours,run_hours,count_point
P,1,10,WC1,0,0,yes
Q,1,10,WC1,0,0,yes
R,1,10,WC1,0,0,yes
";

/// One piece of C1 per 3 P, two per 3 Q, one KG of C2 per 3 R; all at operation 10 on WC1.
pub fn thirds_plant() -> Plant {
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

/// `report --order WO1 --op 10 <extra> --json` on the base plant, whatever its exit.
pub fn base_report(plant: &Plant, extra: &[&str]) -> Out {
    let mut args = vec!["report", "--order", "WO1", "--op", "10"];
    args.extend_from_slice(extra);
    args.push("--json");
    plant.run(&args)
}

/// The base plant with only 5 C1 at M1 (100 at RAW).
pub fn short_plant(toml: Option<&str>) -> Plant {
    let stock = "item,location,qty\nC1,M1,5\nC2,M2,50\nC1,RAW,100\n";
    let plant = Plant::with(&Files::base().with("stock.csv", stock));
    match toml {
        Some(t) => plant.config(t),
        None => plant,
    }
}
