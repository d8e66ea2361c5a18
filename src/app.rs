//! Starting the terminal: config, store, demo plant, then the TUI loop. Independent of the
//! command line: `main` hands it the config and the store path.

use std::path::Path;

use crate::config::Config;
use crate::service::{Refusal, Service, ServiceError};

/// `backflush` / `backflush tui` on the store at `db` (else the config's).
///
/// # Errors
/// No terminal, the store cannot be opened, or the terminal fails.
pub fn run_terminal(config: Config, db: Option<&Path>) -> Result<(), ServiceError> {
    // The terminal never creates a store (`init`, `import` or `demo` make one), so a missing,
    // foreign or damaged store is named first, then a missing terminal.
    let path = config.store_path(db);
    let service = Service::open_existing(config, &path)?;
    need_terminal()?;
    start(service).map_err(|e| e.at_store(&path.display().to_string()))
}

/// `backflush demo`: a fresh demo plant in a temporary store (or a new `--db` file).
///
/// # Errors
/// The demo store cannot be created, or the terminal fails.
pub fn run_demo(config: Config, db: Option<&Path>, no_tui: bool) -> Result<(), ServiceError> {
    if !no_tui {
        need_terminal()?;
    }
    let (db, temp) = match db {
        Some(db) => (db.to_path_buf(), None),
        None => {
            let dir = crate::demo::temp_dir();
            (dir.join("demo.db"), Some(dir))
        }
    };
    let service = crate::demo::create(config, &db)?;
    let result = if no_tui {
        println!("demo store: {}", db.display());
        crate::store::queries::counts(service.conn())
            .map_err(|e| service.named(e.into()))
            .map(|counts| {
                for (what, n) in counts {
                    println!("  {what:<16} {n}");
                }
            })
    } else {
        start(service).map_err(|e| e.at_store(&db.display().to_string()))
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

fn need_terminal() -> Result<(), ServiceError> {
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        Ok(())
    } else {
        Err(Refusal::NoTerminal.into())
    }
}

fn start(service: Service) -> Result<(), ServiceError> {
    tracing::info!(
        "terminal started on {}",
        crate::logging::Escaped(service.terminal())
    );
    let result = crate::tui::run(service);
    if let Err(e) = &result {
        tracing::error!("{}", crate::logging::Escaped(e));
    }
    result.map_err(|e| ServiceError::io("run the terminal", e))
}
