//! The `backflush` binary: parse the command line, then run the terminal or a command.

use std::process::ExitCode;

use backflush::cli::{self, Cli, Command, output};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = cli::wants_json(&args);
    let cli = match Cli::parse_with_sources(&args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: what clap prints is the answer, checked like any output.
            let printed = e.print().map_err(output::write_failure);
            return exit(output::finish(printed), json);
        }
        Err(e) => {
            let failure = cli::usage_failure(&e, &args);
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
        Some(Command::Demo { no_tui: false }) => cli::session::config(&cli)
            .and_then(|config| Ok(backflush::app::run_demo(config, cli.db.as_deref())?)),
        Some(command) => cli::run(&cli, command),
    };
    // Output is flushed and checked before the status is decided: a write error is a failure
    // whatever the output's size.
    exit(output::finish(outcome), json)
}

/// Every command ends in Ok or a Failure that knows its exit status (1 refused, 2 usage).
fn exit(outcome: cli::Outcome, json: bool) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            output::print_failure(&failure, json);
            ExitCode::from(failure.exit_code())
        }
    }
}
