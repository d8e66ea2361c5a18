//! The command line: the options (clap types, here), a short dispatch, and one
//! module per family of commands, each returning a result that [`output::Show`]s itself as
//! JSON or text. Exit status: 0 success, 1 refused or failed, 2 usage error.

mod admin;
mod args;
mod closing;
mod exceptions;
mod export;
mod floor;
mod health;
mod lots;
pub mod output;
pub mod parse;
pub mod pin_prompt;
mod replenish;
mod report;
pub mod session;
mod settings;
mod stock;
mod table;
pub mod view;
pub use crate::words;

pub use args::{
    AdjustArgs, AuditArgs, BenchArgs, Cli, CloseArgs, Command, CountArgs, ExceptionsArgs,
    ExceptionsVerb, ExportArgs, ExportVerb, Flag, HealthArgs, IssueArgs, LineFlagArgs, PostingArgs,
    ReopenArgs, ReplenishArgs, ReportArgs, ReverseArgs, StockArgs, SubstituteArgs, TraceArgs,
    TransferArgs, WipArgs,
};

use crate::service::{ErrorKind, ServiceError};
pub use session::{create_service, credentials, open_service};

/// How a command failed: the kind (exit 2 for usage, else 1) and one sentence.
#[derive(Debug)]
pub struct Failure {
    kind: ErrorKind,
    message: String,
    /// Standard output was closed by the reader: end quietly with status 0.
    quiet: bool,
    /// The store's error that does not name the store's file yet, kept to be said again with
    /// it ([`Failure::at_store`]) once the command is over.
    unnamed: Option<Box<ServiceError>>,
}

impl Failure {
    #[must_use]
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            quiet: false,
            unnamed: None,
        }
    }

    /// The failure naming the store's file where it is the store's and did not (`path` is
    /// asked only then).
    #[must_use]
    pub fn at_store(self, path: impl FnOnce() -> Option<std::path::PathBuf>) -> Self {
        match (self.unnamed, path()) {
            (Some(e), Some(path)) => Failure::from(e.at_store(&path.display().to_string())),
            (unnamed, _) => Failure { unnamed, ..self },
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
        let mut message = words::describe(&e);
        // On the command line, the way to give a lead's approval is an option: named only
        // where a lead's approval would allow what was refused.
        if matches!(
            e,
            ServiceError::NeedsApproval { .. }
                | ServiceError::Forbidden {
                    approvable: true,
                    ..
                }
        ) {
            message.push_str(" (--approver BADGE, the lead's PIN in BACKFLUSH_APPROVER_PIN)");
        }
        let mut failure = Failure::new(e.kind(), message);
        if e.lacks_store_path() {
            failure.unnamed = Some(Box::new(e));
        }
        failure
    }
}

/// The stored code a filter option names (`--item`, `--location`, `--order`), typed in any
/// case; an unknown code is an error naming it, never an empty result.
///
/// # Errors
/// No stored code matches, or several do only without regard to case.
pub fn resolved<C: From<String>>(
    service: &crate::service::Service,
    what: crate::service::Thing,
    typed: Option<&str>,
) -> Result<Option<C>, Failure> {
    match typed {
        Some(code) => Ok(Some(C::from(service.resolve_known(what, code)?))),
        None => Ok(None),
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

/// A parser error as one sentence with one hint: clap's headline (with the arguments it
/// lists), then the most useful of what clap suggests — a similar argument, value or command,
/// else the values it takes, else the command's `--help` — never two run together.
#[must_use]
pub fn usage_failure(e: &clap::Error, args: &[std::ffi::OsString]) -> Failure {
    Failure::usage(usage_sentence(&e.render().to_string(), &command_path(args)))
}

/// The command a command line names (`backflush exceptions cancel`), for its `--help`:
/// the words that are subcommands, level by level.
fn command_path(args: &[std::ffi::OsString]) -> String {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut path = vec!["backflush".to_string()];
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        let Some(sub) = command.find_subcommand(arg).cloned() else {
            continue;
        };
        path.push(sub.get_name().to_string());
        command = sub;
    }
    path.join(" ")
}

/// The sentence of a parser error rendered as text: `error: HEADLINE`, maybe arguments on
/// the next lines and a `[possible values: …]` line, then `tip:` lines, `Usage: …` and a
/// pointer to `--help`.
fn usage_sentence(rendered: &str, command: &str) -> String {
    let mut headline = Vec::new();
    let mut values = None;
    let mut tip = None;
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            continue;
        }
        if let Some(t) = line.strip_prefix("tip:") {
            // Only a suggestion of what was meant; clap's `-- VALUE` tip does not apply.
            if t.contains("similar") {
                tip.get_or_insert_with(|| t.trim().to_string());
            }
        } else if let Some(list) = line
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
            .filter(|l| l.starts_with("possible values:") || l.starts_with("subcommands:"))
        {
            values = Some(list.to_string());
        } else {
            headline.push(line.trim_start_matches("error:").trim());
        }
    }
    let sentence = headline.join(" ");
    let sentence = if sentence.is_empty() {
        "bad command line"
    } else {
        &sentence
    };
    let hint = tip
        .or(values)
        .unwrap_or_else(|| format!("see {command} --help"));
    format!("{sentence} ({hint})")
}

/// Runs a non-terminal command; a failure met on the store names its file.
///
/// # Errors
/// The command was refused (1) or its options were wrong (2).
pub fn run(cli: &Cli, command: &Command) -> Outcome {
    let outcome = dispatch(cli, command);
    // `bench` works in a store of its own; every other command on the store of the options.
    if matches!(command, Command::Bench(_)) {
        return outcome;
    }
    outcome.map_err(|failure| failure.at_store(|| session::store_path(cli)))
}

/// One `match` over every command, so a command added to [`Command`] and not dispatched here
/// does not compile.
fn dispatch(cli: &Cli, command: &Command) -> Outcome {
    match command {
        // The store, the plant and the program.
        Command::Tui | Command::Demo { no_tui: false } => {
            Err(Failure::usage("the terminal is started by main"))
        }
        Command::Demo { no_tui: true } => admin::demo(cli),
        Command::Init => admin::init(cli),
        Command::Import { dir } => admin::import(cli, dir),
        Command::Verify => admin::verify(cli),
        Command::Unlock { badge } => admin::unlock(cli, badge),
        Command::Health(args) => health::health(cli, args),
        Command::Bench(args) => admin::bench(cli, args),
        Command::Info => export::info(cli),
        Command::Backup { file } => export::backup(cli, file),
        Command::Settings => settings::settings(cli),
        // Production and its corrections.
        Command::Preview(args) => report::preview(cli, args),
        Command::Report(args) => match &args.batch {
            Some(file) => report::batch(cli, file),
            None => report::report(cli, args),
        },
        Command::Reverse(args) => floor::reverse(cli, args),
        Command::Issue(args) => lots::issue(cli, args),
        Command::Trace(args) => lots::trace(cli, args),
        Command::Variance { order } => floor::variance(cli, order),
        Command::Adjust(args) => floor::adjust(cli, args),
        Command::Substitute(args) => floor::substitute(cli, args),
        Command::LineFlag(args) => floor::line_flag(cli, args),
        Command::Wip(args) => closing::wip(cli, args),
        Command::Close(args) => closing::close(cli, args),
        Command::Reopen(args) => closing::reopen(cli, args),
        // Stock.
        Command::Transfer(args) => stock::transfer(cli, args),
        Command::Stock(args) => stock::stock(cli, args),
        Command::Count(args) => stock::count(cli, args),
        Command::Staging => replenish::staging(cli),
        Command::Replenish(args) => replenish::replenish(cli, args),
        Command::Audit(args) => stock::audit(cli, args),
        Command::Exceptions(args) => exceptions::run(cli, args),
        // Handing postings to the ERP.
        Command::Export(args) => match &args.verb {
            Some(ExportVerb::Ack { consumer, through }) => export::ack(cli, consumer, *through),
            None => export::export(cli, args),
        },
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    fn usage(args: &[&str]) -> String {
        let e = super::Cli::try_parse_from(args).unwrap_err();
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        super::usage_failure(&e, &args).message().to_string()
    }

    /// One hint a usage error: what was probably meant, else the values an option takes,
    /// else the command's help; never two run together.
    #[test]
    fn a_usage_error_gives_one_hint() {
        assert_eq!(
            usage(&["backflush", "stock", "--locaton", "M1"]),
            "unexpected argument '--locaton' found (a similar argument exists: '--location')"
        );
        assert_eq!(
            usage(&[
                "backflush",
                "line-flag",
                "--order",
                "W",
                "--line",
                "1",
                "--backflush",
                "maybe"
            ]),
            "invalid value 'maybe' for '--backflush <BACKFLUSH>' (possible values: yes, no, default)"
        );
        assert_eq!(
            usage(&[
                "backflush",
                "line-flag",
                "--order",
                "W",
                "--line",
                "1",
                "--backflush",
                "ye"
            ]),
            "invalid value 'ye' for '--backflush <BACKFLUSH>' (a similar value exists: 'yes')"
        );
        assert_eq!(
            usage(&["backflush", "report", "--order", "WO1"]),
            "the following required arguments were not provided: --op <N> --good <G> (see backflush report --help)"
        );
        assert_eq!(
            usage(&["backflush", "stock", "--bogus"]),
            "unexpected argument '--bogus' found (see backflush stock --help)"
        );
        assert_eq!(
            usage(&["backflush", "exceptions", "cancel", "--id", "x"]),
            "invalid value 'x' for '--id <ID>': invalid digit found in string (see backflush exceptions cancel --help)"
        );
        assert_eq!(
            usage(&["backflush", "stok"]),
            "unrecognized subcommand 'stok' (a similar subcommand exists: 'stock')"
        );
    }

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
