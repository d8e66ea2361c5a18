//! Starting the terminal: config, store, demo plant, then the TUI loop.

use crate::cli::{Cli, Failure, open_service};
use crate::config::Config;
use crate::service::Service;

/// `backflush` / `backflush tui`.
///
/// # Errors
/// The config or store cannot be opened, or the terminal fails.
pub fn run_terminal(cli: &Cli) -> Result<(), Failure> {
    // The terminal never creates a store: `init`, `import` or `demo` make one.
    let service = open_service(cli)?;
    start(service)
}

/// `backflush demo`: a fresh demo plant in a temporary store (or a new `--db` file).
///
/// # Errors
/// The demo store cannot be created, or the terminal fails.
pub fn run_demo(cli: &Cli, no_tui: bool) -> Result<(), Failure> {
    let config =
        Config::load(cli.config.as_deref()).map_err(|e| Failure::Refused(e.to_string()))?;
    let (db, temp) = match &cli.db {
        Some(db) => (db.clone(), None),
        None => {
            let dir = crate::demo::temp_dir();
            (dir.join("demo.db"), Some(dir))
        }
    };
    let service = crate::demo::create(config, &db)?;
    let result = if no_tui {
        println!("demo store: {}", db.display());
        for (what, n) in crate::store::queries::counts(service.conn())
            .map_err(|e| Failure::Refused(e.to_string()))?
        {
            println!("  {what:<16} {n}");
        }
        Ok(())
    } else {
        start(service)
    };
    if let Some(dir) = temp {
        if no_tui {
            println!("(kept for inspection; remove {} when done)", dir.display());
        } else {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    result
}

fn start(service: Service) -> Result<(), Failure> {
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(Failure::Refused(
            "the full-screen terminal needs a terminal on standard output; use the commands (backflush --help) in scripts".into(),
        ));
    }
    tracing::info!(
        "terminal started on {}",
        crate::logging::Escaped(service.terminal())
    );
    let result = crate::tui::run(service);
    if let Err(e) = &result {
        tracing::error!("{}", crate::logging::Escaped(e));
    }
    result.map_err(Failure::Refused)
}
