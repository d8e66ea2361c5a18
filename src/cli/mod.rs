//! The command line of SPEC §4: the options (clap types, here), a short dispatch, and one
//! module per family of commands, each returning a result that [`output::Show`]s itself as
//! JSON or text. Exit status: 0 success, 1 refused or failed, 2 usage error.

mod admin;
mod exceptions;
mod export;
mod floor;
mod health;
mod lots;
pub mod output;
pub mod parse;
pub mod pin_prompt;
mod report;
pub mod session;
mod settings;
mod stock;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::service::{ErrorKind, ServiceError};
pub use session::{create_service, credentials, open_service};

/// The shop-floor terminal for postproduction issuing (backflush).
#[derive(Debug, Parser)]
#[command(name = "backflush", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (TOML, see config.example.toml).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,
    /// The store file; overrides the config's store path.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,
    /// Badge of the user posting (PIN in BACKFLUSH_PIN, or asked on a terminal).
    #[arg(
        long,
        global = true,
        value_name = "BADGE",
        help_heading = "Global options"
    )]
    pub user: Option<String>,
    /// Badge of the approving lead (PIN in BACKFLUSH_APPROVER_PIN).
    #[arg(
        long,
        global = true,
        value_name = "BADGE",
        help_heading = "Global options"
    )]
    pub approver: Option<String>,
    /// This terminal's id, recorded on every posting (else BACKFLUSH_TERMINAL, else the
    /// config's [terminal] id, else the host name).
    #[arg(
        long,
        global = true,
        value_name = "ID",
        env = "BACKFLUSH_TERMINAL",
        help_heading = "Global options"
    )]
    pub terminal: Option<String>,
    /// This terminal's work center (else BACKFLUSH_WORK_CENTER, else the config's); `staging`
    /// lists it.
    #[arg(
        long = "work-center",
        global = true,
        value_name = "WC",
        env = "BACKFLUSH_WORK_CENTER",
        help_heading = "Global options"
    )]
    pub work_center: Option<String>,
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
        /// Directory holding items.csv, locations.csv, … (see the README's import files).
        dir: PathBuf,
    },
    /// The lines a report would post, without posting.
    Preview(ReportArgs),
    /// Post a report (or many with --batch).
    Report(ReportArgs),
    /// Reverse a posted report, once.
    Reverse {
        /// The report to reverse, as `report` printed it.
        #[arg(long, value_name = "ID")]
        report: i64,
        /// Why (kept with the reversal).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Print what was posted as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Issue a material line of a released order by hand, or return to it (negative --qty).
    Issue(IssueArgs),
    /// The genealogy of a lot: what went into it and what was made from it.
    Trace {
        /// The item of the lot.
        #[arg(long)]
        item: String,
        /// The lot or serial ("" for the unknown lot).
        #[arg(long)]
        lot: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Move stock between locations.
    Transfer {
        /// The item to move.
        #[arg(long)]
        item: String,
        /// How much, in the item's unit of measure.
        #[arg(long, value_parser = parse::decimal, allow_negative_numbers = true)]
        qty: Decimal,
        /// The location it leaves.
        #[arg(long, value_name = "LOCATION")]
        from: String,
        /// The location it enters (its open exceptions are retried).
        #[arg(long, value_name = "LOCATION")]
        to: String,
        /// The lots of a tracked item: LOT[:QTY],… (default: the pick order).
        #[arg(long, value_name = "ALLOCATION")]
        lot: Option<String>,
        /// Idempotency key: a retry with the same key posts nothing and prints the first
        /// result; the same key with a different request is refused.
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
        /// Print what was posted as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Balances (zero balances omitted).
    Stock {
        /// Only this location.
        #[arg(long)]
        location: Option<String>,
        /// Only this item.
        #[arg(long)]
        item: Option<String>,
        /// Print JSON.
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
        /// Print JSON.
        #[arg(long, global = true)]
        json: bool,
    },
    /// The variance of an order: standard against actual per material line.
    Variance {
        /// The production order.
        #[arg(long)]
        order: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Machine-location health: per location and item, what reports and hand issues used
    /// against what the cycle counts found, flagged.
    Health {
        /// Only this location (default: every machine location).
        #[arg(long)]
        location: Option<String>,
        /// The window: the last N × 24 hours.
        #[arg(long, default_value_t = 30)]
        days: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// An admin lifts a badge's PIN lock-out.
    Unlock {
        /// The locked badge.
        #[arg(long)]
        badge: String,
    },
    /// Check every balance against its ledger and every journal entry's balance.
    Verify,
    /// A lead's explicit backflush flag on an order's material line.
    LineFlag {
        /// The production order.
        #[arg(long)]
        order: String,
        /// The material line: line id or item code.
        #[arg(long, value_name = "KEY")]
        line: String,
        /// yes, no, or default (back to the BOM line's or the item's).
        #[arg(long, value_enum)]
        backflush: Flag,
    },
    /// The ledger, newest first: every movement with when, which terminal, which user, why.
    Audit {
        /// Only this item.
        #[arg(long)]
        item: Option<String>,
        /// Only this location.
        #[arg(long)]
        location: Option<String>,
        /// Only the movements of this report.
        #[arg(long, value_name = "ID")]
        report: Option<i64>,
        /// At most this many movements.
        #[arg(long, default_value_t = 100)]
        limit: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// What a work center's released orders still need at its machine location, against
    /// what is on hand there.
    /// The work center is the global --work-center (also accepted after `staging`).
    Staging {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A lead's scrap adjustment on a posted report's detail line (negative: a correction).
    Adjust {
        /// The posted report.
        #[arg(long, value_name = "ID")]
        report: i64,
        /// The detail line: line id or item code.
        #[arg(long, value_name = "KEY")]
        line: String,
        /// Scrap to add (negative: a correction back).
        #[arg(long, value_parser = parse::decimal, allow_negative_numbers = true)]
        qty: Decimal,
        /// A reason code of the plant's [reasons] scrap list.
        #[arg(long, value_name = "CODE")]
        reason: String,
        /// Idempotency key: a retry with the same key posts nothing and prints the first
        /// result; the same key with a different request is refused.
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
        /// Print what was posted as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A lead's substitution on a posted report's detail line: ITEM issued instead.
    Substitute {
        /// The posted report.
        #[arg(long, value_name = "ID")]
        report: i64,
        /// The detail line: line id or item code.
        #[arg(long, value_name = "KEY")]
        line: String,
        /// The item issued instead.
        #[arg(long)]
        item: String,
        /// Quantity of the substitute (default: the quantity returned).
        #[arg(long, value_parser = parse::decimal, allow_negative_numbers = true)]
        qty: Option<Decimal>,
        /// Idempotency key: a retry with the same key posts nothing and prints the first
        /// result; the same key with a different request is refused.
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
        /// Quantity of the line's own item returned (default: all the line issued of it).
        #[arg(
            long = "return-qty",
            value_name = "R",
            value_parser = parse::decimal,
            allow_negative_numbers = true
        )]
        return_qty: Option<Decimal>,
        /// Print what was posted as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A cycle count: the counted quantity becomes the balance.
    Count {
        /// The item counted.
        #[arg(long)]
        item: String,
        /// Where it was counted.
        #[arg(long)]
        location: String,
        /// The lot counted (required for a lot- or serial-tracked item, one lot per count).
        #[arg(long)]
        lot: Option<String>,
        /// The quantity found.
        #[arg(long, value_parser = parse::decimal, allow_negative_numbers = true)]
        qty: Decimal,
        /// Idempotency key: a retry with the same key posts nothing and prints the first
        /// result; the same key with a different request is refused.
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
        /// Reason code from [reasons] count (COUNT, FOUND, DAMAGED, OTHER by default);
        /// required when the difference exceeds [policy] count_confirm_pct of the book.
        #[arg(long, value_name = "CODE")]
        reason: Option<String>,
        /// Print what was posted as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The store's id, schema version and size.
    Info {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The events of every posting for the ERP, in seq order, one JSON object a line (or
    /// CSV); `export ack` records what a consumer has received.
    #[command(args_conflicts_with_subcommands = true)]
    Export {
        #[command(subcommand)]
        verb: Option<ExportVerb>,
        /// Only the events after this seq (default 0: all).
        #[arg(long, value_name = "SEQ", conflicts_with = "consumer")]
        after: Option<i64>,
        /// Only the events after what this consumer has acknowledged.
        #[arg(long, value_name = "NAME")]
        consumer: Option<String>,
        /// Only these event types (report, reversal, movement, journal), comma-separated.
        #[arg(long, value_name = "T,…", value_delimiter = ',')]
        types: Vec<String>,
        /// At most this many events.
        #[arg(long, value_name = "N")]
        limit: Option<u64>,
        /// CSV with a header of every field instead of JSON lines.
        #[arg(long)]
        csv: bool,
        /// Errors as JSON (the events are JSON lines anyway).
        #[arg(long)]
        json: bool,
    },
    /// A consistent copy of the store, readable by its owner only, while terminals post.
    Backup {
        /// The new file (an existing one is refused).
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Measure posting, batch and terminal speed on a fresh large store (use a release build).
    Bench {
        /// Items in the store.
        #[arg(long, default_value_t = 100_000)]
        items: i64,
        /// Ledger rows in the store before the timing.
        #[arg(long, default_value_t = 1_000_000)]
        ledger: i64,
        /// Released orders on the board.
        #[arg(long, default_value_t = 100_000)]
        orders: i64,
        /// Reports posted for the timing and the batch rate.
        #[arg(long, default_value_t = 3_000)]
        reports: usize,
        /// Print the figures as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// The plant's rules in the store: [policy], [reasons], [accounts] (set by an import's
    /// settings.toml).
    Settings {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `yes`, `no` or `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Flag {
    Yes,
    No,
    /// Back to the BOM line's or the item's own value.
    Default,
}

impl Flag {
    /// The explicit value, `None` for default.
    #[must_use]
    pub fn value(self) -> Option<bool> {
        match self {
            Flag::Yes => Some(true),
            Flag::No => Some(false),
            Flag::Default => None,
        }
    }
}

/// `exceptions` verbs.
#[derive(Debug, Subcommand)]
pub enum ExceptionsVerb {
    /// Post every open exception that now fits, oldest first.
    Retry {
        /// Idempotency key: a retry with the same key posts nothing and prints the first
        /// result; the same key with a different request is refused.
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
    },
    /// Cancel an open exception (a lead's decision).
    Cancel {
        /// The exception, as `exceptions` lists it.
        #[arg(long, value_name = "ID")]
        id: i64,
        /// Idempotency key: a retry with the same key posts nothing and prints the first
        /// result; the same key with a different request is refused.
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
    },
}

/// `export` verbs.
#[derive(Debug, Subcommand)]
pub enum ExportVerb {
    /// Record that a consumer has received every event through SEQ.
    Ack {
        /// The consumer (the name its export job uses with --consumer).
        #[arg(long, value_name = "NAME")]
        consumer: String,
        /// The last seq it has received.
        #[arg(long, value_name = "SEQ")]
        through: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Options of `preview` and `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The production order.
    #[arg(long, required_unless_present = "batch")]
    pub order: Option<String>,
    /// The operation reported (a count point).
    #[arg(
        long,
        value_name = "N",
        required_unless_present = "batch",
        allow_negative_numbers = true
    )]
    pub op: Option<i64>,
    /// Good units, in the parent's unit of measure (default 0 when --scrap is given).
    #[arg(
        long,
        value_name = "G",
        value_parser = parse::decimal,
        required_unless_present_any = ["batch", "scrap"],
        allow_negative_numbers = true
    )]
    pub good: Option<Decimal>,
    /// Scrapped units (default 0).
    #[arg(long, value_name = "S", value_parser = parse::decimal, allow_negative_numbers = true)]
    pub scrap: Option<Decimal>,
    /// Override the quantity issued on a line: KEY=QTY (KEY: line id or item code).
    #[arg(long = "set", value_name = "KEY=QTY", value_parser = parse::key_qty, allow_hyphen_values = true)]
    pub set: Vec<(String, Decimal)>,
    /// Add component scrap on a line: KEY=QTY.
    #[arg(
        long = "line-scrap",
        value_name = "KEY=QTY",
        value_parser = parse::key_qty,
        allow_hyphen_values = true
    )]
    pub line_scrap: Vec<(String, Decimal)>,
    /// Issue a line from another location: KEY=LOC.
    #[arg(long = "location", value_name = "KEY=LOC", value_parser = parse::key_text)]
    pub location: Vec<(String, String)>,
    /// Skip a line (issue 0, to be issued by hand).
    #[arg(long = "skip", value_name = "KEY")]
    pub skip: Vec<String>,
    /// The lots a lot- or serial-tracked line takes: KEY=LOT[:QTY],… (SPEC §9).
    #[arg(long = "lot", value_name = "KEY=ALLOCATION", value_parser = parse::key_text)]
    pub lot: Vec<(String, String)>,
    /// The lot a lot-tracked finished item is received into (default: the order number).
    #[arg(long = "fg-lot", value_name = "LOT")]
    pub fg_lot: Option<String>,
    /// The new serials of a serial-tracked finished item, one per good unit: S1,S2,….
    #[arg(long = "fg-serial", value_name = "S1,S2,…", value_delimiter = ',')]
    pub fg_serial: Vec<String>,
    /// Idempotency key: posting the same key twice posts once.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Reason code for every override and skip of the report, from [reasons] override
    /// (ACTUAL-USE, SHORT-PICK, DAMAGED, WRONG-BOM, OTHER by default).
    #[arg(long, value_name = "CODE")]
    pub reason: Option<String>,
    /// CSV of completions (key,order,op,good,scrap), each posted atomically.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["order", "op", "good"])]
    pub batch: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `backflush issue`: a hand issue or return outside a report (SPEC §9).
#[derive(Debug, Clone, Args)]
pub struct IssueArgs {
    /// The released production order.
    #[arg(long)]
    pub order: String,
    /// The material line: its line id, or an item code on one line of the order.
    #[arg(long, value_name = "KEY")]
    pub line: String,
    /// How much to issue, in the item's unit; negative returns material to the location.
    #[arg(long, value_parser = parse::decimal, allow_negative_numbers = true)]
    pub qty: Decimal,
    /// The lots or serials: LOT[:QTY],… (needed to issue a tracked item).
    #[arg(long, value_name = "ALLOCATION")]
    pub lot: Option<String>,
    /// Issue from (or return to) this location instead of the line's own.
    #[arg(long, value_name = "LOCATION")]
    pub location: Option<String>,
    /// Why, for the audit trail.
    #[arg(long)]
    pub reason: Option<String>,
    /// Idempotency key: issuing the same key twice posts once.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Print what was posted as JSON.
    #[arg(long)]
    pub json: bool,
}

/// How a command failed: the SPEC §4 kind (exit 2 for usage, else 1) and one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    kind: ErrorKind,
    message: String,
    /// Standard output was closed by the reader: end quietly with status 0 (SPEC §13).
    quiet: bool,
}

impl Failure {
    #[must_use]
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            quiet: false,
        }
    }

    /// A bad command line (exit 2).
    #[must_use]
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(ErrorKind::Usage, message)
    }

    /// The reader of standard output went away.
    #[must_use]
    pub fn closed_pipe() -> Self {
        Failure {
            quiet: true,
            ..Failure::new(ErrorKind::Refused, "standard output was closed")
        }
    }

    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether nothing is to be said (a closed pipe).
    #[must_use]
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match (self.quiet, self.kind) {
            (true, _) => 0,
            (false, ErrorKind::Usage) => 2,
            (false, _) => 1,
        }
    }
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Self {
        let mut message = e.to_string();
        // On the command line, the way to give a lead's approval is an option.
        if matches!(
            e,
            ServiceError::NeedsApproval { .. } | ServiceError::Forbidden { .. }
        ) {
            message.push_str(" (--approver BADGE, the lead's PIN in BACKFLUSH_APPROVER_PIN)");
        }
        Failure::new(e.kind(), message)
    }
}

/// What a command ends with.
pub type Outcome = Result<(), Failure>;

/// Whether the command line asks for JSON (errors then go to stderr as one JSON object),
/// read before parsing so that the parser's own errors follow it too.
#[must_use]
pub fn wants_json(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json")
}

/// A parser error as one sentence: its first line, without clap's `error:` prefix.
#[must_use]
pub fn usage_failure(e: &clap::Error) -> Failure {
    // clap writes a headline, sometimes the arguments it means on the next lines, then tips
    // and the usage: keep the headline with its arguments.
    let rendered = e.render().to_string();
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("tip:"))
        .filter(|l| !l.is_empty())
        .collect();
    let sentence = parts.join(" ");
    let sentence = sentence.trim_start_matches("error:").trim();
    let sentence = if sentence.is_empty() {
        "bad command line"
    } else {
        sentence
    };
    Failure::usage(format!("{sentence} (see backflush --help)"))
}

/// Runs a non-terminal command.
///
/// # Errors
/// The command was refused (1) or its options were wrong (2).
pub fn run(cli: &Cli, command: &Command) -> Outcome {
    match command {
        Command::Tui | Command::Demo { .. } => {
            Err(Failure::usage("the terminal is started by main"))
        }
        Command::Init => admin::init(cli),
        Command::Import { dir } => admin::import(cli, dir),
        Command::Verify => admin::verify(cli),
        Command::Unlock { badge } => admin::unlock(cli, badge),
        Command::Health {
            location,
            days,
            json,
        } => health::health(cli, location.as_deref(), *days, *json),
        Command::Bench {
            items,
            ledger,
            orders,
            reports,
            json,
        } => admin::bench(
            crate::bench::Sizes {
                items: *items,
                ledger: *ledger,
                orders: *orders,
                reports: *reports,
            },
            *json,
        ),
        Command::Preview(args) => report::preview(cli, args),
        Command::Report(args) => match &args.batch {
            Some(file) => report::batch(cli, file),
            None => report::report(cli, args),
        },
        Command::Reverse {
            report,
            reason,
            json,
        } => floor::reverse(cli, *report, reason, *json),
        Command::Transfer {
            item,
            qty,
            from,
            to,
            lot,
            key,
            json,
        } => stock::transfer(
            cli,
            (item, *qty),
            (from, to),
            (lot.as_deref(), key.as_deref()),
            *json,
        ),
        Command::Issue(args) => lots::issue(cli, args),
        Command::Trace { item, lot, json } => lots::trace(cli, item, lot, *json),
        Command::Stock {
            location,
            item,
            json,
        } => stock::stock(cli, location.as_deref(), item.as_deref(), *json),
        Command::Count {
            item,
            location,
            lot,
            qty,
            key,
            reason,
            json,
        } => stock::count(
            cli,
            item,
            location,
            lot.as_deref(),
            (*qty, reason.as_deref()),
            key.as_deref(),
            *json,
        ),
        Command::Staging { json } => stock::staging(cli, *json),
        Command::Info { json } => export::info(cli, *json),
        Command::Export {
            verb:
                Some(ExportVerb::Ack {
                    consumer,
                    through,
                    json,
                }),
            ..
        } => export::ack(cli, consumer, *through, *json),
        Command::Export {
            verb: None,
            after,
            consumer,
            types,
            limit,
            csv,
            json: _,
        } => export::export(
            cli,
            &export::ExportRequest {
                after: *after,
                consumer: consumer.as_deref(),
                types,
                limit: *limit,
                csv: *csv,
            },
        ),
        Command::Backup { file, json } => export::backup(cli, file, *json),
        Command::Audit {
            item,
            location,
            report,
            limit,
            json,
        } => stock::audit(
            cli,
            crate::store::queries::AuditFilter {
                item: item.clone(),
                location: location.clone(),
                report_id: *report,
                limit: (*limit).max(1),
            },
            *json,
        ),
        Command::Exceptions { verb, open, json } => {
            exceptions::run(cli, verb.as_ref(), *open, *json)
        }
        Command::Variance { order, json } => floor::variance(cli, order, *json),
        Command::Adjust {
            report,
            line,
            qty,
            reason,
            key,
            json,
        } => floor::adjust(cli, *report, line, *qty, reason, key.as_deref(), *json),
        Command::Substitute {
            report,
            line,
            item,
            qty,
            return_qty,
            key,
            json,
        } => floor::substitute(
            cli,
            *report,
            line,
            item,
            (*qty, *return_qty),
            key.as_deref(),
            *json,
        ),
        Command::LineFlag {
            order,
            line,
            backflush,
        } => floor::line_flag(cli, order, line, *backflush),
        Command::Settings { json } => settings::settings(cli, *json),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every flag and argument of every subcommand says what it is for in `--help`.
    #[test]
    fn every_option_of_every_command_is_described() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && !arg.is_hide_set() && arg.get_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                if sub.get_about().is_none() && sub.get_name() != "help" {
                    missing.push(format!("{path} {} (no description)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "backflush", &mut missing);
        assert!(missing.is_empty(), "without a help line: {missing:?}");
    }

    /// The global options are listed apart from a command's own.
    #[test]
    fn global_options_have_their_own_heading() {
        let cli = super::Cli::command();
        for arg in cli.get_arguments().filter(|a| a.is_global_set()) {
            assert_eq!(
                arg.get_help_heading(),
                Some("Global options"),
                "{}",
                arg.get_id()
            );
        }
    }
}
