//! Starting the terminal: config, store, demo plant, then the TUI loop. Independent of the
//! command line: `main` hands it the config and the store path.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::service::{IoWhat, Refusal, Service, ServiceError};

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

/// `backflush demo`: the terminal on a fresh demo plant in a temporary store (or a new `--db`
/// file); the temporary store goes when the terminal ends.
///
/// # Errors
/// No terminal, the demo store cannot be created, or the terminal fails.
pub fn run_demo(config: Config, db: Option<&Path>) -> Result<(), ServiceError> {
    need_terminal()?;
    let (db, temp) = demo_path(db);
    let service = crate::demo::create(config, &db)?;
    let result = start(service).map_err(|e| e.at_store(&db.display().to_string()));
    if let Some(dir) = temp {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

/// A demo store made without the terminal (`demo --no-tui`), for the command line to show.
pub struct DemoStore {
    /// The store file.
    pub db: PathBuf,
    /// What it holds: rows per kind of record.
    pub counts: Vec<(&'static str, i64)>,
    /// The temporary directory it is in, kept for inspection (none for a `--db` file).
    pub kept: Option<PathBuf>,
}

/// Makes the demo store, as `demo` does, without starting the terminal.
///
/// # Errors
/// The demo store cannot be created or read.
pub fn make_demo(config: Config, db: Option<&Path>) -> Result<DemoStore, ServiceError> {
    let (db, kept) = demo_path(db);
    let service = crate::demo::create(config, &db)?;
    let counts =
        crate::store::queries::counts(service.conn()).map_err(|e| service.named(e.into()))?;
    Ok(DemoStore { db, counts, kept })
}

/// The demo's store file: `--db`, else a new temporary directory (returned too).
fn demo_path(db: Option<&Path>) -> (PathBuf, Option<PathBuf>) {
    match db {
        Some(db) => (db.to_path_buf(), None),
        None => {
            let dir = crate::demo::temp_dir();
            (dir.join("demo.db"), Some(dir))
        }
    }
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
        crate::domain::text::printable(service.terminal())
    );
    let result = crate::tui::run(service);
    if let Err(e) = &result {
        tracing::error!("{}", crate::domain::text::printable(e));
    }
    result.map_err(|e| ServiceError::io(IoWhat::RunTerminal, e))
}
