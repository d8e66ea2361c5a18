//! The command line of SPEC §4: the options (clap types, here), a short dispatch, and one
//! module per family of commands, each returning a result that [`output::Show`]s itself as
//! JSON or text. Exit status: 0 success, 1 refused or failed, 2 usage error.

mod admin;
mod args;
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
pub mod words;

pub use args::{Cli, Command, ExceptionsVerb, ExportVerb, Flag, IssueArgs, ReportArgs};

use crate::service::{ErrorKind, ServiceError};
pub use session::{create_service, credentials, open_service};

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
        .take_while(|l| {
            !l.starts_with("Usage:")
                && !l.starts_with("tip:")
                && !l.starts_with("For more information")
        })
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
    administration(cli, command)
        .or_else(|| reporting(cli, command))
        .or_else(|| stock_commands(cli, command))
        .or_else(|| export_events(cli, command))
        .unwrap_or_else(|| Err(Failure::usage("this command is not known")))
}

/// The store, the plant and the program: init, import, verify, unlock, health, bench, settings, info, backup.
fn administration(cli: &Cli, command: &Command) -> Option<Outcome> {
    Some(match command {
        Command::Tui | Command::Demo { no_tui: false } => {
            Err(Failure::usage("the terminal is started by main"))
        }
        Command::Demo { no_tui: true } => admin::demo(cli),
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
        Command::Info { json } => export::info(cli, *json),
        Command::Backup { file, json } => export::backup(cli, file, *json),
        Command::Settings { json } => settings::settings(cli, *json),
        _ => return None,
    })
}

/// Production and its corrections: preview, report, reverse, issue, trace, variance, adjust, substitute, line-flag.
fn reporting(cli: &Cli, command: &Command) -> Option<Outcome> {
    Some(match command {
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
        Command::Issue(args) => lots::issue(cli, args),
        Command::Trace { item, lot, json } => lots::trace(cli, item, lot, *json),
        Command::Variance { order, json } => floor::variance(cli, order, *json),
        Command::Adjust {
            report,
            line,
            qty,
            reason,
            lot,
            key,
            json,
        } => floor::adjust(
            cli,
            (*report, line),
            (*qty, lot.as_deref()),
            reason,
            key.as_deref(),
            *json,
        ),
        Command::Substitute {
            report,
            line,
            item,
            qty,
            return_qty,
            lot,
            return_lot,
            key,
            json,
        } => floor::substitute(
            cli,
            (*report, line, item),
            (*qty, *return_qty),
            (lot.as_deref(), return_lot.as_deref()),
            key.as_deref(),
            *json,
        ),
        Command::LineFlag {
            order,
            line,
            backflush,
        } => floor::line_flag(cli, order, line, *backflush),
        _ => return None,
    })
}

/// Stock: transfer, stock, count, staging, audit, exceptions.
fn stock_commands(cli: &Cli, command: &Command) -> Option<Outcome> {
    Some(match command {
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
        _ => return None,
    })
}

/// Handing postings to the ERP: export and its acknowledgement.
fn export_events(cli: &Cli, command: &Command) -> Option<Outcome> {
    Some(match command {
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
        _ => return None,
    })
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
