//! The `backflush` binary: parse the command line, then run the terminal or a command.

use std::process::ExitCode;

use backflush::cli::{self, Cli, Command};
use clap::Parser;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
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
        None | Some(Command::Tui) => backflush::app::run_terminal(&cli),
        Some(Command::Demo { no_tui }) => backflush::app::run_demo(&cli, *no_tui),
        Some(command) => cli::run(&cli, command),
    };
    // Every command ends in Ok or a Failure that knows its exit status (1 refused, 2 usage).
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.message());
            ExitCode::from(u8::try_from(failure.exit_code()).unwrap_or(1))
        }
    }
}
