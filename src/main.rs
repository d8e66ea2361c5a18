//! The `backflush` binary: parse the command line, then run the terminal or a command.

use std::process::ExitCode;

use backflush::cli::{self, Cli, Command, output};
use clap::Parser;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = cli::wants_json(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: what clap prints is the answer.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let failure = cli::usage_failure(&e);
            output::print_failure(&failure, json);
            return ExitCode::from(failure.exit_code());
        }
    };
    // The terminal logs to a file (never to the screen it draws); the guard flushes the log
    // when main returns.
    let _log = match &cli.command {
        None | Some(Command::Tui | Command::Demo { no_tui: false }) => {
            match backflush::logging::init() {
                Ok(guard) => Some(guard),
                Err(e) => {
                    eprintln!("warning: {e}; the terminal runs without a log");
                    None
                }
            }
        }
        _ => None,
    };
    let outcome = match &cli.command {
        None | Some(Command::Tui) => cli::session::config(&cli)
            .and_then(|config| Ok(backflush::app::run_terminal(config, cli.db.as_deref())?)),
        Some(Command::Demo { no_tui }) => cli::session::config(&cli).and_then(|config| {
            Ok(backflush::app::run_demo(
                config,
                cli.db.as_deref(),
                *no_tui,
            )?)
        }),
        Some(command) => cli::run(&cli, command),
    };
    // Every command ends in Ok or a Failure that knows its exit status (1 refused, 2 usage).
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            output::print_failure(&failure, json);
            ExitCode::from(failure.exit_code())
        }
    }
}
