//! The command line of SPEC §4: parsing with clap, and the commands that print JSON or text.
//! Exit status: 0 success, 1 refused or failed, 2 usage error.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use rust_decimal::Decimal;

use crate::config::Config;
use crate::domain::backflush::{Change, Override, ReportPlan, ReportRequest};
use crate::domain::qty::{canonical, parse};
use crate::service::{Credentials, Service, ServiceError, view};

/// The shop-floor terminal for postproduction issuing (backflush).
#[derive(Debug, Parser)]
#[command(name = "backflush", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (TOML, see config.example.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The store file; overrides the config's store path.
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Badge of the user posting (PIN in BACKFLUSH_PIN, or asked on a terminal).
    #[arg(long, global = true, value_name = "BADGE")]
    pub user: Option<String>,
    /// Badge of the approving lead (PIN in BACKFLUSH_APPROVER_PIN).
    #[arg(long, global = true, value_name = "BADGE")]
    pub approver: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The full-screen terminal (the default).
    Tui,
    /// The terminal on a fresh demo plant in a temporary store (or a new --db file).
    Demo {
        /// Print what the demo store holds and exit instead of opening the terminal.
        #[arg(long)]
        no_tui: bool,
    },
    /// Create or migrate the store.
    Init,
    /// Import the CSV files of DIR, all or nothing.
    Import {
        /// Directory holding items.csv, locations.csv, … (SPEC §5).
        dir: PathBuf,
    },
    /// The lines a report would post, without posting.
    Preview(ReportArgs),
    /// Post a report (or many with --batch).
    Report(ReportArgs),
    /// Reverse a posted report.
    Reverse {
        #[arg(long, value_name = "ID")]
        report: i64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Move stock between locations.
    Transfer {
        #[arg(long)]
        item: String,
        #[arg(long, allow_negative_numbers = true)]
        qty: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Balances (zero balances omitted).
    Stock {
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        item: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The queue of deferred lines; `exceptions retry` posts what now fits.
    Exceptions {
        #[command(subcommand)]
        verb: Option<ExceptionsVerb>,
        /// Only the open ones (default: every exception with its status).
        #[arg(long)]
        open: bool,
        #[arg(long, global = true)]
        json: bool,
    },
    /// The variance of an order.
    Variance {
        #[arg(long)]
        order: String,
        #[arg(long)]
        json: bool,
    },
    /// Check every balance against its ledger and every journal entry's balance.
    Verify,
    /// A lead's explicit backflush flag on an order's material line.
    LineFlag {
        #[arg(long)]
        order: String,
        /// The material line: line id or item code.
        #[arg(long, value_name = "KEY")]
        line: String,
        /// yes, no, or default (back to the BOM line's or the item's).
        #[arg(long, value_name = "yes|no|default")]
        backflush: String,
    },
    /// The ledger, newest first: every movement with when, which terminal, which user, why.
    Audit {
        #[arg(long)]
        item: Option<String>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long, value_name = "ID")]
        report: Option<i64>,
        #[arg(long, default_value_t = 100)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
    /// What a work center's released orders still need at its machine location, against
    /// what is on hand there.
    Staging {
        #[arg(long = "work-center", value_name = "WC")]
        work_center: String,
        #[arg(long)]
        json: bool,
    },
    /// A lead's scrap adjustment on a posted report's detail line (negative: a correction).
    Adjust {
        #[arg(long, value_name = "ID")]
        report: i64,
        /// The detail line: line id or item code.
        #[arg(long, value_name = "KEY")]
        line: String,
        #[arg(long, allow_negative_numbers = true)]
        qty: String,
        /// A reason code of the config's [reasons] scrap list.
        #[arg(long, value_name = "CODE")]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// A lead's substitution on a posted report's detail line: ITEM issued instead.
    Substitute {
        #[arg(long, value_name = "ID")]
        report: i64,
        #[arg(long, value_name = "KEY")]
        line: String,
        #[arg(long)]
        item: String,
        /// Quantity of the substitute (default: what the line issued).
        #[arg(long, allow_negative_numbers = true)]
        qty: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A cycle count: the counted quantity becomes the balance.
    Count {
        #[arg(long)]
        item: String,
        #[arg(long)]
        location: String,
        #[arg(long, allow_negative_numbers = true)]
        qty: String,
        #[arg(long)]
        json: bool,
    },
    /// Measure posting, batch and terminal speed on a fresh large store (use a release build).
    Bench {
        #[arg(long, default_value_t = 100_000)]
        items: i64,
        #[arg(long, default_value_t = 1_000_000)]
        ledger: i64,
        #[arg(long, default_value_t = 100_000)]
        orders: i64,
        /// Reports posted for the timing and the batch rate.
        #[arg(long, default_value_t = 3_000)]
        reports: usize,
    },
}

/// `exceptions` verbs.
#[derive(Debug, Subcommand)]
pub enum ExceptionsVerb {
    /// Post every open exception that now fits, oldest first.
    Retry,
    /// Cancel an open exception (a lead's decision).
    Cancel {
        #[arg(long, value_name = "ID")]
        id: i64,
    },
}

/// Options of `preview` and `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(long, required_unless_present = "batch")]
    pub order: Option<String>,
    #[arg(
        long,
        value_name = "N",
        required_unless_present = "batch",
        allow_negative_numbers = true
    )]
    pub op: Option<i64>,
    #[arg(
        long,
        value_name = "G",
        required_unless_present = "batch",
        allow_negative_numbers = true
    )]
    pub good: Option<String>,
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub scrap: Option<String>,
    /// Override the quantity issued on a line: KEY=QTY (KEY: line id or item code).
    #[arg(long = "set", value_name = "KEY=QTY", allow_hyphen_values = true)]
    pub set: Vec<String>,
    /// Add component scrap on a line: KEY=QTY.
    #[arg(
        long = "line-scrap",
        value_name = "KEY=QTY",
        allow_hyphen_values = true
    )]
    pub line_scrap: Vec<String>,
    /// Issue a line from another location: KEY=LOC.
    #[arg(long = "location", value_name = "KEY=LOC")]
    pub location: Vec<String>,
    /// Skip a line (issue 0, to be issued by hand).
    #[arg(long = "skip", value_name = "KEY")]
    pub skip: Vec<String>,
    /// Idempotency key: posting the same key twice posts once.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// CSV of completions (key,order,op,good,scrap), each posted atomically.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["order", "op", "good"])]
    pub batch: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

/// How a command ended.
#[derive(Debug)]
pub enum Failure {
    /// Refused or failed: exit 1.
    Refused(String),
    /// Bad command line: exit 2.
    Usage(String),
}

impl Failure {
    #[must_use]
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Refused(_) => 1,
            Failure::Usage(_) => 2,
        }
    }

    #[must_use]
    pub fn message(&self) -> &str {
        match self {
            Failure::Refused(m) | Failure::Usage(m) => m,
        }
    }
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Self {
        Failure::Refused(e.to_string())
    }
}

type Outcome = Result<(), Failure>;

/// Reads a PIN from the environment, else from the file named by `file_var`, else asks on
/// the terminal.
fn pin_from(var: &str, file_var: Option<&str>, badge: &str) -> Result<Option<String>, Failure> {
    if let Ok(pin) = std::env::var(var) {
        return Ok(Some(pin));
    }
    if let Some(file) = file_var
        .and_then(std::env::var_os)
        .filter(|f| !f.is_empty())
    {
        return crate::service::auth::read_pin_file(Path::new(&file))
            .map(Some)
            .map_err(|e| Failure::Refused(e.to_string()));
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Ok(None);
    }
    crate::tui::prompt::read_secret(&format!("PIN for badge {badge}: "))
        .map(Some)
        .map_err(|e| Failure::Refused(format!("cannot read the PIN for badge {badge}: {e}")))
}

/// The credentials of the global options.
///
/// # Errors
/// A PIN cannot be read.
pub fn credentials(cli: &Cli) -> Result<Credentials, Failure> {
    let mut who = Credentials {
        badge: cli.user.clone(),
        ..Credentials::default()
    };
    if let Some(badge) = &cli.user {
        who.pin = pin_from("BACKFLUSH_PIN", Some("BACKFLUSH_PIN_FILE"), badge)?;
    }
    if let Some(lead) = &cli.approver {
        let pin = pin_from("BACKFLUSH_APPROVER_PIN", None, lead)?.ok_or_else(|| {
            Failure::Refused(format!("approver {lead} needs BACKFLUSH_APPROVER_PIN"))
        })?;
        who.approver = Some((lead.clone(), pin));
    }
    Ok(who)
}

/// Loads the configuration and opens the service.
///
/// # Errors
/// The config or the store cannot be opened.
pub fn open_service(cli: &Cli) -> Result<Service, Failure> {
    let config =
        Config::load(cli.config.as_deref()).map_err(|e| Failure::Refused(e.to_string()))?;
    let path = config.store_path(cli.db.as_deref());
    Ok(Service::open_existing(config, &path)?)
}

/// As [`open_service`], creating the store when it does not exist yet (init, import).
///
/// # Errors
/// The config or the store cannot be opened or created.
pub fn create_service(cli: &Cli) -> Result<Service, Failure> {
    let config =
        Config::load(cli.config.as_deref()).map_err(|e| Failure::Refused(e.to_string()))?;
    let path = config.store_path(cli.db.as_deref());
    Ok(Service::create_or_open(config, &path)?)
}

fn print_json(value: &serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{value}");
}

fn quantity(name: &str, text: &str) -> Result<Decimal, Failure> {
    parse(text).ok_or_else(|| Failure::Usage(format!("--{name} {text:?} is not a number")))
}

fn key_value<'a>(option: &str, text: &'a str) -> Result<(&'a str, &'a str), Failure> {
    text.split_once('=')
        .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
        .map(|(k, v)| (k.trim(), v.trim()))
        .ok_or_else(|| Failure::Usage(format!("--{option} {text:?} is not KEY=VALUE")))
}

/// Builds the engine's request from the options.
///
/// # Errors
/// A malformed quantity or KEY=VALUE.
pub fn request(args: &ReportArgs) -> Result<(String, ReportRequest), Failure> {
    let order = args.order.clone().unwrap_or_default();
    let mut overrides = Vec::new();
    for s in &args.set {
        let (key, v) = key_value("set", s)?;
        overrides.push(Override {
            key: key.into(),
            change: Change::Qty(quantity("set", v)?),
        });
    }
    for s in &args.line_scrap {
        let (key, v) = key_value("line-scrap", s)?;
        overrides.push(Override {
            key: key.into(),
            change: Change::LineScrap(quantity("line-scrap", v)?),
        });
    }
    for s in &args.location {
        let (key, v) = key_value("location", s)?;
        overrides.push(Override {
            key: key.into(),
            change: Change::Location(v.into()),
        });
    }
    for key in &args.skip {
        overrides.push(Override {
            key: key.trim().into(),
            change: Change::Skip,
        });
    }
    let request = ReportRequest {
        operation: args.op.unwrap_or_default(),
        good: quantity("good", args.good.as_deref().unwrap_or("0"))?,
        scrap: quantity("scrap", args.scrap.as_deref().unwrap_or("0"))?,
        overrides,
    };
    Ok((order, request))
}

/// Runs a non-terminal command.
///
/// # Errors
/// The command was refused (1) or its options were wrong (2).
pub fn run(cli: &Cli, command: &Command) -> Outcome {
    match command {
        Command::Tui | Command::Demo { .. } => {
            Err(Failure::Usage("the terminal is started by main".into()))
        }
        Command::Init => {
            let who = credentials(cli)?;
            let mut service = create_service(cli)?;
            service.init(&who)?;
            println!(
                "store ready at {} (schema version {})",
                service.config().store_path(cli.db.as_deref()).display(),
                crate::store::known_version()
            );
            Ok(())
        }
        Command::Import { dir } => import(cli, dir),
        Command::Preview(args) => preview(cli, args),
        Command::Report(args) => match &args.batch {
            Some(file) => batch(cli, file),
            None => report(cli, args),
        },
        Command::Reverse {
            report,
            reason,
            json,
        } => {
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let r = service.reverse(*report, reason, &who)?;
            if *json {
                print_json(&view::reversal_json(&r));
            } else {
                println!(
                    "report {} reversed: {} movements compensated, {} exceptions cancelled",
                    r.report_id,
                    r.movements.len(),
                    r.cancelled_exceptions.len()
                );
            }
            Ok(())
        }
        Command::Transfer {
            item,
            qty,
            from,
            to,
            json,
        } => {
            let qty = quantity("qty", qty)?;
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let posted = service.transfer(item, qty, from, to, &who)?;
            if *json {
                print_json(&view::transfer_json(item, qty, from, to, &posted));
            } else {
                println!("moved {} {item} from {from} to {to}", canonical(qty));
                for e in &posted {
                    println!(
                        "exception {} posted: {} {} at {}",
                        e.id,
                        canonical(e.qty),
                        e.item,
                        e.location
                    );
                }
            }
            Ok(())
        }
        Command::Stock {
            location,
            item,
            json,
        } => {
            let service = open_service(cli)?;
            let rows = service.stock(location.as_deref(), item.as_deref())?;
            if *json {
                print_json(&view::stock_json(&rows));
            } else {
                println!("{:<16} {:<12} {:>14}", "item", "location", "qty");
                for r in rows {
                    println!("{:<16} {:<12} {:>14}", r.item, r.location, canonical(r.qty));
                }
            }
            Ok(())
        }
        Command::Exceptions { verb, open, json } => exceptions(cli, verb.as_ref(), *open, *json),
        Command::Variance { order, json } => {
            let service = open_service(cli)?;
            let v = service.variance(order)?;
            if *json {
                print_json(&view::variance_json(&v));
            } else {
                println!(
                    "{:<8} {:<12} {:>12} {:>12} {:>12} {:>12}",
                    "line", "item", "standard", "actual", "qty var", "cost var"
                );
                for l in &v.lines {
                    println!(
                        "{:<8} {:<12} {:>12} {:>12} {:>12} {:>12}",
                        l.line,
                        l.item,
                        canonical(l.standard_qty),
                        canonical(l.actual_qty),
                        canonical(l.qty_variance),
                        canonical(l.cost_variance)
                    );
                }
                println!(
                    "expected {}  actual {}  variance {}",
                    canonical(v.expected_cost),
                    canonical(v.actual_cost),
                    canonical(v.variance)
                );
            }
            Ok(())
        }
        Command::Bench {
            items,
            ledger,
            orders,
            reports,
        } => {
            let sizes = crate::bench::Sizes {
                items: *items,
                ledger: *ledger,
                orders: *orders,
                reports: *reports,
            };
            print!("{}", crate::bench::run(sizes)?);
            Ok(())
        }
        Command::Staging { work_center, json } => {
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let rows = service.staging_as(work_center, &who)?;
            if *json {
                print_json(&view::staging_json(&rows));
            } else {
                println!(
                    "{:<14} {:<10} {:>10} {:>10} {:>10} {:>7}",
                    "item", "location", "need", "on hand", "bring", "orders"
                );
                for r in &rows {
                    println!(
                        "{:<14} {:<10} {:>10} {:>10} {:>10} {:>7}",
                        r.item,
                        r.location,
                        canonical(r.need),
                        canonical(r.on_hand),
                        canonical(r.shortfall),
                        r.orders
                    );
                }
            }
            Ok(())
        }
        Command::Adjust {
            report,
            line,
            qty,
            reason,
            json,
        } => {
            let qty = quantity("qty", qty)?;
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let a = service.adjust_scrap(*report, line, qty, reason, &who)?;
            if *json {
                print_json(&view::adjustment_json(&a));
            } else {
                println!(
                    "report {} line {}: {} {} scrapped at {} ({})",
                    a.report_id,
                    a.line,
                    canonical(a.qty),
                    a.item,
                    a.location,
                    a.reason
                );
            }
            Ok(())
        }
        Command::Substitute {
            report,
            line,
            item,
            qty,
            json,
        } => {
            let qty = qty.as_deref().map(|q| quantity("qty", q)).transpose()?;
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let s = service.substitute(*report, line, item, qty, &who)?;
            if *json {
                print_json(&view::substitution_json(&s));
            } else {
                println!(
                    "report {} line {}: {} {} returned, {} {} issued at {}",
                    s.report_id,
                    s.line,
                    canonical(s.returned_qty),
                    s.returned_item,
                    canonical(s.issued_qty),
                    s.issued_item,
                    s.location
                );
            }
            Ok(())
        }
        Command::Count {
            item,
            location,
            qty,
            json,
        } => {
            let qty = quantity("qty", qty)?;
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let c = service.cycle_count(item, location, qty, &who)?;
            if *json {
                print_json(&view::count_json(&c));
            } else {
                println!(
                    "{} at {}: book {}, counted {}; inventory accuracy {} of {} counts",
                    c.item,
                    c.location,
                    canonical(c.expected),
                    canonical(c.counted),
                    c.accuracy.0,
                    c.accuracy.1
                );
            }
            Ok(())
        }
        Command::LineFlag {
            order,
            line,
            backflush,
        } => {
            let flag = match backflush.to_ascii_lowercase().as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                "default" => None,
                other => {
                    return Err(Failure::Usage(format!(
                        "--backflush {other:?} is not yes, no or default"
                    )));
                }
            };
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let line = service.set_line_backflush(order, line, flag, &who)?;
            println!(
                "order {order} line {line}: backflush {}",
                backflush.to_ascii_lowercase()
            );
            Ok(())
        }
        Command::Audit {
            item,
            location,
            report,
            limit,
            json,
        } => {
            let service = open_service(cli)?;
            let filter = crate::store::queries::AuditFilter {
                item: item.clone(),
                location: location.clone(),
                report_id: *report,
                limit: (*limit).max(1),
            };
            let rows = service.audit(&filter)?;
            if *json {
                print_json(&view::audit_json(&rows));
            } else {
                for m in &rows {
                    println!(
                        "{:>7} {} {:<18} {:<12} {:<9} {:>10}  {} {} — {}",
                        m.id,
                        m.at,
                        m.kind,
                        m.item,
                        m.location,
                        canonical(m.qty),
                        m.terminal,
                        m.user,
                        m.reason
                    );
                }
            }
            Ok(())
        }
        Command::Verify => {
            let service = open_service(cli)?;
            let problems = service.verify()?;
            if problems.is_empty() {
                println!("ok: every balance equals its ledger and every journal entry balances");
                Ok(())
            } else {
                for p in &problems {
                    println!("{p}");
                }
                Err(Failure::Refused(format!(
                    "verify found {} problems",
                    problems.len()
                )))
            }
        }
    }
}

fn import(cli: &Cli, dir: &Path) -> Outcome {
    let who = credentials(cli)?;
    let mut service = create_service(cli)?;
    let summary = service.import(dir, &who)?;
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    let files: Vec<String> = summary
        .files
        .iter()
        .map(|(f, n)| format!("{f} {n}"))
        .collect();
    println!(
        "imported {} ({} orders released)",
        files.join(", "),
        summary.orders_released
    );
    Ok(())
}

fn preview(cli: &Cli, args: &ReportArgs) -> Outcome {
    if args.batch.is_some() {
        return Err(Failure::Usage(
            "--batch goes with report, not preview".into(),
        ));
    }
    let (order, request) = request(args)?;
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let plan = service.preview_as(&order, &request, &who)?;
    if args.json {
        println!("{}", view::report_json(&plan, None));
    } else {
        print_plan(&plan, None);
    }
    Ok(())
}

fn report(cli: &Cli, args: &ReportArgs) -> Outcome {
    let (order, request) = request(args)?;
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let posted = service.report(&order, &request, args.key.as_deref(), &who)?;
    if posted.repeated {
        warn_if_key_reused(&posted.json, &order, &request);
    }
    if args.json {
        println!("{}", posted.json);
    } else {
        match &posted.plan {
            Some(plan) => print_plan(plan, Some(posted.report_id)),
            None => println!(
                "report {} was already posted with this key; nothing was posted again",
                posted.report_id
            ),
        }
    }
    Ok(())
}

/// The first result of a key is returned as it was (SPEC §2); a script that reused a key for
/// another completion is told on stderr.
fn warn_if_key_reused(first: &str, order: &str, request: &ReportRequest) {
    let Ok(first) = serde_json::from_str::<serde_json::Value>(first) else {
        return;
    };
    let same = first["order"] == order
        && first["operation"] == request.operation
        && first["good"] == canonical(request.good)
        && first["scrap"] == canonical(request.scrap);
    if !same {
        eprintln!(
            "warning: this key was first used for order {} operation {} (good {}, scrap {}); that first result is returned and nothing new was posted",
            first["order"].as_str().unwrap_or("?"),
            first["operation"],
            first["good"].as_str().unwrap_or("?"),
            first["scrap"].as_str().unwrap_or("?")
        );
    }
}

fn print_plan(plan: &ReportPlan, report_id: Option<i64>) {
    match report_id {
        Some(id) => println!(
            "report {id}: order {} operation {}",
            plan.order, plan.operation
        ),
        None => println!("preview: order {} operation {}", plan.order, plan.operation),
    }
    println!(
        "good {}  scrap {}",
        canonical(plan.good),
        canonical(plan.scrap)
    );
    println!(
        "{:<8} {:<12} {:<10} {:>10} {:>10} {:>10}  status",
        "line", "item", "location", "planned", "qty", "scrap"
    );
    for l in &plan.lines {
        println!(
            "{:<8} {:<12} {:<10} {:>10} {:>10} {:>10}  {}{}",
            l.line,
            l.item,
            l.location,
            canonical(l.planned),
            canonical(l.qty),
            canonical(l.line_scrap),
            l.status.as_str(),
            if l.overridden { " (overridden)" } else { "" }
        );
    }
    if let Some(r) = &plan.receipt {
        println!(
            "receipt: {} {} into {}",
            canonical(r.qty),
            r.item,
            r.location
        );
    }
    for w in &plan.warnings {
        println!("warning: {w}");
    }
}

fn batch(cli: &Cli, file: &Path) -> Outcome {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Failure::Refused(format!(
            "cannot read the batch file {}: {e}",
            file.display()
        ))
    })?;
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    // Read every line first: one physical line is one completion, so `line` is the line of
    // the file. Lines that do not parse are refused without reaching the store.
    let mut lines: Vec<(u64, String, Result<BatchPost, String>)> = Vec::new();
    for (index, text) in text.lines().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        let record = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes())
            .records()
            .next();
        let line = index as u64 + 1;
        match record {
            None => {}
            Some(Err(e)) => lines.push((
                line,
                String::new(),
                Err(format!("line {line}: not a valid CSV row: {e}")),
            )),
            Some(Ok(r))
                if index == 0 && r.get(0).is_some_and(|f| f.eq_ignore_ascii_case("key")) => {}
            Some(Ok(r)) => {
                let key = r.get(0).unwrap_or_default().to_string();
                lines.push((line, key, batch_line(&r, line)));
            }
        }
    }
    let posts: Vec<(String, String, ReportRequest)> = lines
        .iter()
        .filter_map(|(_, key, parsed)| {
            parsed
                .as_ref()
                .ok()
                .map(|(order, request)| (key.clone(), order.clone(), request.clone()))
        })
        .collect();
    let mut outcomes: Vec<Option<Result<i64, String>>> = vec![None; posts.len()];
    service.report_batch(&posts, &who, |i, result| {
        outcomes[i] = Some(result.map(|p| p.report_id).map_err(|e| e.to_string()));
    })?;
    let (mut ok, mut refused) = (0usize, 0usize);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut posted = outcomes.into_iter();
    for (line, key, parsed) in lines {
        let result = match parsed {
            Ok(_) => posted
                .next()
                .flatten()
                .unwrap_or_else(|| Err("not posted".into())),
            Err(e) => Err(e),
        };
        let value = match result {
            Ok(id) => {
                ok += 1;
                serde_json::json!({"line": line, "key": key, "ok": true, "report_id": id})
            }
            Err(error) => {
                refused += 1;
                serde_json::json!({"line": line, "key": key, "ok": false, "error": error})
            }
        };
        let _ = writeln!(out, "{value}");
    }
    let _ = out.flush();
    eprintln!("batch {}: {ok} posted, {refused} refused", file.display());
    if refused > 0 {
        Err(Failure::Refused(format!(
            "{refused} of {} batch lines were refused",
            ok + refused
        )))
    } else {
        Ok(())
    }
}

/// A batch line's order and request.
type BatchPost = (String, ReportRequest);

/// One batch line as an order and a request.
fn batch_line(r: &csv::StringRecord, line: u64) -> Result<BatchPost, String> {
    if r.len() != 5 {
        return Err(format!(
            "line {line} has {} fields; expected key,order,op,good,scrap",
            r.len()
        ));
    }
    let field = |i: usize| r.get(i).unwrap_or_default();
    if field(0).is_empty() {
        return Err(format!("line {line} has no idempotency key"));
    }
    let operation = field(2)
        .parse::<i64>()
        .map_err(|_| format!("op {:?} is not a whole number", field(2)))?;
    let good = parse(field(3)).ok_or_else(|| format!("good {:?} is not a number", field(3)))?;
    let scrap = if field(4).is_empty() {
        Decimal::ZERO
    } else {
        parse(field(4)).ok_or_else(|| format!("scrap {:?} is not a number", field(4)))?
    };
    let request = ReportRequest {
        operation,
        good,
        scrap,
        overrides: Vec::new(),
    };
    Ok((field(1).to_string(), request))
}

fn exceptions(cli: &Cli, verb: Option<&ExceptionsVerb>, open_only: bool, json: bool) -> Outcome {
    match verb {
        Some(ExceptionsVerb::Cancel { id }) => {
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            service.cancel_exception(*id, &who)?;
            if json {
                print_json(&serde_json::json!({"id": id, "status": "cancelled"}));
            } else {
                println!("exception {id} cancelled");
            }
        }
        Some(ExceptionsVerb::Retry) => {
            let who = credentials(cli)?;
            let mut service = open_service(cli)?;
            let posted = service.retry_exceptions(&who)?;
            if json {
                print_json(&view::exceptions_json(&posted));
            } else {
                let open = service.exceptions(true)?.len();
                println!("{} exceptions posted, {open} still open", posted.len());
            }
        }
        None => {
            let service = open_service(cli)?;
            let rows = service.exceptions(open_only)?;
            if json {
                print_json(&view::exceptions_json(&rows));
            } else {
                println!(
                    "{:>5} {:>6} {:<10} {:<12} {:<10} {:>10} {:>10}  status",
                    "id", "report", "order", "item", "location", "qty", "short"
                );
                for e in rows {
                    println!(
                        "{:>5} {:>6} {:<10} {:<12} {:<10} {:>10} {:>10}  {}",
                        e.id,
                        e.report_id,
                        e.order,
                        e.item,
                        e.location,
                        canonical(e.qty),
                        canonical(e.shortfall),
                        e.status
                    );
                }
            }
        }
    }
    Ok(())
}
