//! The command line's shape: clap types for every subcommand and its options. Long because
//! every option carries its `--help` line; the behaviour lives in the command
//! modules.

use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use std::path::PathBuf;

use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::qty::Quantity;
use clap::{Args, Parser, Subcommand, ValueEnum};

use super::parse;

/// What `--help` says of languages: the command line's and the terminal's.
fn languages() -> String {
    format!(
        "Languages: the command line speaks English (its JSON and error kinds are for \
         scripts). The full-screen terminal speaks the logged-in user's language (the language \
         column of users.csv), else [terminal] language of the config, else the locale's \
         (LC_ALL, LC_MESSAGES, LANG), else English; shipped: {}.",
        crate::domain::language::Language::words()
    )
}

/// The shop-floor terminal for postproduction issuing (backflush).
#[derive(Debug, Parser)]
#[command(
    name = "backflush",
    version,
    about,
    long_about = None,
    after_help = languages()
)]
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
        help_heading = "Global options",
        value_parser = parse::text,
    )]
    pub user: Option<String>,
    /// Badge of the approving lead (PIN in BACKFLUSH_APPROVER_PIN).
    #[arg(
        long,
        global = true,
        value_name = "BADGE",
        help_heading = "Global options",
        value_parser = parse::text,
    )]
    pub approver: Option<String>,
    /// This terminal's id, recorded on every posting (else BACKFLUSH_TERMINAL, else the
    /// config's [terminal] id, else the host name).
    #[arg(
        long,
        global = true,
        value_name = "ID",
        env = "BACKFLUSH_TERMINAL",
        help_heading = "Global options",
        value_parser = parse::text,
    )]
    pub terminal: Option<String>,
    /// This terminal's work center (else BACKFLUSH_WORK_CENTER, else the config's); `staging`
    /// lists it.
    #[arg(
        long = "work-center",
        global = true,
        value_name = "WC",
        env = "BACKFLUSH_WORK_CENTER",
        help_heading = "Global options",
        value_parser = parse::text,
    )]
    pub work_center: Option<String>,
    /// Whether `--work-center` was given on the command line (not by its variable): the
    /// handler's queue filters by the option alone.
    #[arg(skip)]
    pub work_center_option: bool,
    /// Print JSON: a command's result as JSON, and an error as one JSON object on stderr
    /// (accepted before or after the command).
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands. Each command's options are one struct, handed whole to the function that
/// runs it; `--json` is a global option.
impl Cli {
    /// Parses `args` like `try_parse_from`, and notes whether `--work-center` came from the
    /// command line itself.
    ///
    /// # Errors
    /// clap's own: a usage error, `--help`, `--version`.
    pub fn parse_with_sources(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().try_get_matches_from(args)?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.work_center_option =
            matches.value_source("work_center") == Some(clap::parser::ValueSource::CommandLine);
        Ok(cli)
    }
}

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
    Reverse(ReverseArgs),
    /// Issue a material line of a released order by hand, or return to it (negative --qty).
    Issue(IssueArgs),
    /// The genealogy of a lot: what went into it and what was made from it.
    Trace(TraceArgs),
    /// Move stock between locations.
    Transfer(TransferArgs),
    /// Balances (zero balances omitted).
    Stock(StockArgs),
    /// The queue of deferred lines; `exceptions retry` posts what now fits.
    Exceptions(ExceptionsArgs),
    /// The variance of an order: standard against actual per material line.
    Variance {
        /// The production order.
        #[arg(long, value_parser = parse::order)]
        order: OrderNo,
    },
    /// Machine-location health: per location and item, what reports and hand issues used
    /// against what the cycle counts found, flagged.
    Health(HealthArgs),
    /// An admin lifts a badge's PIN lock-out.
    Unlock {
        /// The locked badge.
        #[arg(long, value_parser = parse::text)]
        badge: String,
    },
    /// Check every balance against its ledger and every journal entry's balance.
    Verify,
    /// A lead's explicit backflush flag on an order's material line.
    LineFlag(LineFlagArgs),
    /// Work in process per order: material, labor and overhead in; received, scrapped and
    /// settled out.
    Wip(WipArgs),
    /// Close an order: its WIP settled to the variance accounts; it then takes nothing.
    Close(CloseArgs),
    /// Reopen a closed order: its latest settlement reversed.
    Reopen(ReopenArgs),
    /// The ledger, newest first: every movement with when, which terminal, which user, why.
    Audit(AuditArgs),
    /// What a work center's released orders still need at its machine location, against
    /// what is on hand there.
    /// The work center is the global --work-center (also accepted after `staging`).
    Staging,
    /// The handler's queue: what to bring to the machine locations, what runs out first.
    /// `--work-center WC` (given here, not by its variable) takes the work center's location.
    Replenish(ReplenishArgs),
    /// A lead's scrap adjustment on a posted report's detail line (negative: a correction).
    Adjust(AdjustArgs),
    /// A lead's substitution on a posted report's detail line: ITEM issued instead.
    Substitute(SubstituteArgs),
    /// A cycle count: the counted quantity becomes the balance.
    Count(CountArgs),
    /// The store's id, schema version and size.
    Info,
    /// The events of every posting for the ERP, in seq order, one JSON object a line (or
    /// CSV); `export ack` records what a consumer has received.
    #[command(args_conflicts_with_subcommands = true)]
    Export(ExportArgs),
    /// A consistent copy of the store, readable by its owner only, while terminals post.
    Backup {
        /// The new file (an existing one is refused).
        file: PathBuf,
    },
    /// Measure posting, batch and terminal speed on a fresh large store (use a release build).
    Bench(BenchArgs),
    /// The plant's rules in the store: [policy], [reasons], [accounts] (set by an import's
    /// settings.toml).
    Settings,
}

/// What every posting command takes besides its own options: the idempotency key.
#[derive(Debug, Clone, Args)]
pub struct PostingArgs {
    /// Idempotency key: a retry with the same key posts nothing and prints the first
    /// result; the same key with a different request is refused.
    #[arg(long, value_name = "KEY", value_parser = parse::key)]
    pub key: Option<String>,
}

/// Options of `reverse`.
#[derive(Debug, Clone, Args)]
pub struct ReverseArgs {
    /// The report to reverse, as `report` printed it.
    #[arg(long, value_name = "ID")]
    pub report: ReportId,
    /// Why (kept with the reversal).
    #[arg(long, value_name = "TEXT", value_parser = parse::text)]
    pub reason: String,
}

/// Options of `trace`.
#[derive(Debug, Clone, Args)]
pub struct TraceArgs {
    /// The item of the lot.
    #[arg(long, value_parser = parse::item)]
    pub item: ItemCode,
    /// The lot or serial ("" for the unknown lot).
    #[arg(long, value_parser = parse::text)]
    pub lot: String,
}

/// Options of `transfer`.
#[derive(Debug, Clone, Args)]
pub struct TransferArgs {
    /// The item to move.
    #[arg(long, value_parser = parse::item)]
    pub item: ItemCode,
    /// How much, in the item's unit of measure.
    #[arg(long, value_parser = parse::quantity, allow_negative_numbers = true)]
    pub qty: Quantity,
    /// The location it leaves.
    #[arg(long, value_name = "LOCATION", value_parser = parse::location)]
    pub from: LocationCode,
    /// The location it enters (its open exceptions are retried).
    #[arg(long, value_name = "LOCATION", value_parser = parse::location)]
    pub to: LocationCode,
    /// The lots of a tracked item: LOT[:QTY],… (default: the pick order).
    #[arg(long, value_name = "ALLOCATION", value_parser = parse::allocation)]
    pub lot: Option<String>,
    #[command(flatten)]
    pub posting: PostingArgs,
}

/// Options of `stock`.
#[derive(Debug, Clone, Args)]
pub struct StockArgs {
    /// Only this location.
    #[arg(long, value_parser = parse::location)]
    pub location: Option<LocationCode>,
    /// Only this item.
    #[arg(long, value_parser = parse::item)]
    pub item: Option<ItemCode>,
}

/// Options of `exceptions`.
#[derive(Debug, Args)]
pub struct ExceptionsArgs {
    #[command(subcommand)]
    pub verb: Option<ExceptionsVerb>,
    /// Only the open ones (default: every exception with its status).
    #[arg(long)]
    pub open: bool,
}

/// Options of `health`.
#[derive(Debug, Clone, Args)]
pub struct HealthArgs {
    /// Only this location (default: every machine location).
    #[arg(long, value_parser = parse::text)]
    pub location: Option<String>,
    /// The window: the last N × 24 hours.
    #[arg(long, default_value_t = crate::service::health::DEFAULT_DAYS)]
    pub days: i64,
}

/// Options of `replenish`.
#[derive(Debug, Clone, Args)]
pub struct ReplenishArgs {
    /// Only this machine location (default: every machine location).
    #[arg(long, value_parser = parse::text)]
    pub location: Option<String>,
    /// Also the rows with nothing to bring, after the others.
    #[arg(long)]
    pub all: bool,
}

/// Options of `line-flag`.
#[derive(Debug, Clone, Args)]
pub struct LineFlagArgs {
    /// The production order.
    #[arg(long, value_parser = parse::order)]
    pub order: OrderNo,
    /// The material line: line id or item code.
    #[arg(long, value_name = "KEY", value_parser = parse::text)]
    pub line: String,
    /// yes, no, or default (back to the BOM line's or the item's).
    #[arg(long, value_enum)]
    pub backflush: Flag,
}

/// Options of `wip`.
#[derive(Debug, Clone, Args)]
pub struct WipArgs {
    /// Only this order, whatever its state.
    #[arg(long, value_parser = parse::order)]
    pub order: Option<OrderNo>,
    /// Closed orders too.
    #[arg(long)]
    pub all: bool,
}

/// Options of `close`.
#[derive(Debug, Clone, Args)]
pub struct CloseArgs {
    /// The production order.
    #[arg(long, value_parser = parse::order)]
    pub order: OrderNo,
    /// Why (needed when the good at the last operation is below the order quantity).
    #[arg(long, value_name = "TEXT", value_parser = parse::text)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub posting: PostingArgs,
}

/// Options of `reopen`.
#[derive(Debug, Clone, Args)]
pub struct ReopenArgs {
    /// The closed order.
    #[arg(long, value_parser = parse::order)]
    pub order: OrderNo,
    /// Why (kept with the reopen).
    #[arg(long, value_name = "TEXT", value_parser = parse::text)]
    pub reason: String,
    #[command(flatten)]
    pub posting: PostingArgs,
}

/// Options of `audit`.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// Only this item.
    #[arg(long, value_parser = parse::text)]
    pub item: Option<String>,
    /// Only this location.
    #[arg(long, value_parser = parse::text)]
    pub location: Option<String>,
    /// Only the movements of this report.
    #[arg(long, value_name = "ID")]
    pub report: Option<ReportId>,
    /// At most this many movements.
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
}

/// Options of `adjust`.
#[derive(Debug, Clone, Args)]
pub struct AdjustArgs {
    /// The posted report.
    #[arg(long, value_name = "ID")]
    pub report: ReportId,
    /// The detail line: line id or item code.
    #[arg(long, value_name = "KEY", value_parser = parse::text)]
    pub line: String,
    /// Scrap to add (negative: a correction back).
    #[arg(long, value_parser = parse::quantity, allow_negative_numbers = true)]
    pub qty: Quantity,
    /// A reason code of the plant's [reasons] scrap list.
    #[arg(long, value_name = "CODE", value_parser = parse::text)]
    pub reason: String,
    /// The lots of a tracked line: LOT[:QTY],… (default: the pick order; a correction
    /// goes back to the lots the line consumed, youngest first).
    #[arg(long, value_name = "ALLOCATION", value_parser = parse::allocation)]
    pub lot: Option<String>,
    #[command(flatten)]
    pub posting: PostingArgs,
}

/// Options of `substitute`.
#[derive(Debug, Clone, Args)]
pub struct SubstituteArgs {
    /// The posted report.
    #[arg(long, value_name = "ID")]
    pub report: ReportId,
    /// The detail line: line id or item code.
    #[arg(long, value_name = "KEY", value_parser = parse::text)]
    pub line: String,
    /// The item issued instead.
    #[arg(long, value_parser = parse::item)]
    pub item: ItemCode,
    /// Quantity of the substitute (default: the quantity returned).
    #[arg(long, value_parser = parse::quantity, allow_negative_numbers = true)]
    pub qty: Option<Quantity>,
    #[command(flatten)]
    pub posting: PostingArgs,
    /// Quantity of the line's own item returned (default: all the line issued of it).
    #[arg(
        long = "return-qty",
        value_name = "R",
        value_parser = parse::quantity,
        allow_negative_numbers = true
    )]
    pub return_qty: Option<Quantity>,
    /// The lots the substitute leaves from: LOT[:QTY],… (default: the pick order).
    #[arg(long, value_name = "ALLOCATION", value_parser = parse::allocation)]
    pub lot: Option<String>,
    /// The lots of the line's item it returns to: LOT[:QTY],… (default: youngest first
    /// of those the line consumed).
    #[arg(long = "return-lot", value_name = "ALLOCATION", value_parser = parse::allocation)]
    pub return_lot: Option<String>,
}

/// Options of `count`.
#[derive(Debug, Clone, Args)]
pub struct CountArgs {
    /// The item counted.
    #[arg(long, value_parser = parse::item)]
    pub item: ItemCode,
    /// Where it was counted.
    #[arg(long, value_parser = parse::location)]
    pub location: LocationCode,
    /// The lot counted (required for a lot- or serial-tracked item, one lot per count).
    #[arg(long, value_parser = parse::text)]
    pub lot: Option<String>,
    /// The quantity found.
    #[arg(long, value_parser = parse::quantity, allow_negative_numbers = true)]
    pub qty: Quantity,
    #[command(flatten)]
    pub posting: PostingArgs,
    /// Reason code from [reasons] count (COUNT, FOUND, DAMAGED, OTHER by default);
    /// required when the difference exceeds [policy] count_confirm_pct of the book.
    #[arg(long, value_name = "CODE", value_parser = parse::text)]
    pub reason: Option<String>,
}

/// Options of `export` (without a verb: the events).
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub verb: Option<ExportVerb>,
    /// Only the events after this seq (default 0: all).
    #[arg(long, value_name = "SEQ", conflicts_with = "consumer")]
    pub after: Option<i64>,
    /// Only the events after what this consumer has acknowledged.
    #[arg(long, value_name = "NAME", value_parser = parse::text)]
    pub consumer: Option<String>,
    /// Only these event types (report, reversal, movement, journal), comma-separated.
    #[arg(long, value_name = "T,…", value_delimiter = ',')]
    pub types: Vec<String>,
    /// At most this many events.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// CSV with a header of every field instead of JSON lines.
    #[arg(long)]
    pub csv: bool,
}

/// Options of `bench`.
#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// Items in the store.
    #[arg(long, default_value_t = 100_000)]
    pub items: i64,
    /// Ledger rows in the store before the timing.
    #[arg(long, default_value_t = 1_000_000)]
    pub ledger: i64,
    /// Released orders on the board.
    #[arg(long, default_value_t = 100_000)]
    pub orders: i64,
    /// Reports posted for the timing and the batch rate.
    #[arg(long, default_value_t = 3_000)]
    pub reports: usize,
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
        #[command(flatten)]
        posting: PostingArgs,
    },
    /// Cancel an open exception (a lead's decision).
    Cancel {
        /// The exception, as `exceptions` lists it.
        #[arg(long, value_name = "ID")]
        id: ExceptionId,
        #[command(flatten)]
        posting: PostingArgs,
    },
}

/// `export` verbs.
#[derive(Debug, Subcommand)]
pub enum ExportVerb {
    /// Record that a consumer has received every event through SEQ.
    Ack {
        /// The consumer (the name its export job uses with --consumer).
        #[arg(long, value_name = "NAME", value_parser = parse::text)]
        consumer: String,
        /// The last seq it has received.
        #[arg(long, value_name = "SEQ")]
        through: i64,
    },
}

/// Options of `preview` and `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The production order.
    #[arg(long, required_unless_present = "batch", value_parser = parse::text)]
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
        value_parser = parse::quantity,
        required_unless_present_any = ["batch", "scrap"],
        allow_negative_numbers = true
    )]
    pub good: Option<Quantity>,
    /// Scrapped units (default 0).
    #[arg(long, value_name = "S", value_parser = parse::quantity, allow_negative_numbers = true)]
    pub scrap: Option<Quantity>,
    /// Override the quantity issued on a line: KEY=QTY (KEY: line id or item code).
    #[arg(long = "set", value_name = "KEY=QTY", value_parser = parse::key_qty, allow_hyphen_values = true)]
    pub set: Vec<(String, Quantity)>,
    /// Add component scrap on a line: KEY=QTY.
    #[arg(
        long = "line-scrap",
        value_name = "KEY=QTY",
        value_parser = parse::key_qty,
        allow_hyphen_values = true
    )]
    pub line_scrap: Vec<(String, Quantity)>,
    /// Issue a line from another location: KEY=LOC.
    #[arg(long = "location", value_name = "KEY=LOC", value_parser = parse::key_code)]
    pub location: Vec<parse::KeyText>,
    /// Skip a line (issue 0, to be issued by hand).
    #[arg(long = "skip", value_name = "KEY", value_parser = parse::text)]
    pub skip: Vec<String>,
    /// The lots a lot- or serial-tracked line takes: KEY=LOT[:QTY],….
    #[arg(long = "lot", value_name = "KEY=ALLOCATION", value_parser = parse::key_allocation)]
    pub lot: Vec<parse::KeyText>,
    /// The lot a lot-tracked finished item is received into (default: the order number).
    #[arg(long = "fg-lot", value_name = "LOT", value_parser = parse::text)]
    pub fg_lot: Option<String>,
    /// The new serials of a serial-tracked finished item, one per good unit: S1,S2,….
    #[arg(long = "fg-serial", value_name = "S1,S2,…", value_delimiter = ',', value_parser = parse::text)]
    pub fg_serial: Vec<String>,
    #[command(flatten)]
    pub posting: PostingArgs,
    /// Reason code for every override and skip of the report, from [reasons] override
    /// (ACTUAL-USE, SHORT-PICK, DAMAGED, WRONG-BOM, OTHER by default).
    #[arg(long, value_name = "CODE", value_parser = parse::text)]
    pub reason: Option<String>,
    /// CSV of completions (key,order,op,good,scrap), each posted atomically.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["order", "op", "good"])]
    pub batch: Option<PathBuf>,
}

/// `backflush issue`: a hand issue or return outside a report.
#[derive(Debug, Clone, Args)]
pub struct IssueArgs {
    /// The released production order.
    #[arg(long, value_parser = parse::order)]
    pub order: OrderNo,
    /// The material line: its line id, or an item code on one line of the order.
    #[arg(long, value_name = "KEY", value_parser = parse::text)]
    pub line: String,
    /// How much to issue, in the item's unit; negative returns material to the location.
    #[arg(long, value_parser = parse::quantity, allow_negative_numbers = true)]
    pub qty: Quantity,
    /// The lots or serials: LOT[:QTY],… (needed to issue a tracked item).
    #[arg(long, value_name = "ALLOCATION", value_parser = parse::allocation)]
    pub lot: Option<String>,
    /// Issue from (or return to) this location instead of the line's own.
    #[arg(long, value_name = "LOCATION", value_parser = parse::text)]
    pub location: Option<String>,
    /// Why, for the audit trail.
    #[arg(long, value_parser = parse::text)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub posting: PostingArgs,
}
