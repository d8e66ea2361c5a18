//! The terminal's log: `tracing` events written by a non-blocking writer to one append-only
//! file, never to the screen (the terminal owns stdout while it runs).
//!
//! - **Where**: `BACKFLUSH_LOG`, else `backflush.log` in the platform state directory (the
//!   local data directory where there is none).
//! - **Level**: `BACKFLUSH_LOG_LEVEL` in tracing's filter syntax (`debug`,
//!   `backflush=debug,warn`); default `info`.
//! - **Mode**: the file is created 0600 (its new directories 0700) before the writer gets it.
//! - **Text**: plain, no ANSI colours; data put in a message goes through
//!   [`printable`](crate::domain::text::printable) (the same escaping as every other output),
//!   so a control character in a code or description cannot forge lines or drive the
//!   terminal that later shows the log.

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// The level when `BACKFLUSH_LOG_LEVEL` is unset.
pub const DEFAULT_LEVEL: &str = "info";

/// Where the log goes: `BACKFLUSH_LOG`, else the platform state or data directory.
#[must_use]
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BACKFLUSH_LOG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let dirs = crate::config::platform_dirs()?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    Some(dir.join("backflush.log"))
}

/// Why the log could not be started.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("cannot open the log file {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("BACKFLUSH_LOG_LEVEL {value:?} is not a tracing filter: {reason}")]
    Level { value: String, reason: String },
    #[error("no log directory: set BACKFLUSH_LOG")]
    NoPath,
    #[error("a log is already installed")]
    Installed,
}

/// Installs the file log. Keep the guard until the program ends: dropping it flushes what
/// is still queued.
///
/// # Errors
/// The file cannot be opened, the level does not parse, or a subscriber is already set.
pub fn init() -> Result<WorkerGuard, LogError> {
    let path = path().ok_or(LogError::NoPath)?;
    let filter = match std::env::var("BACKFLUSH_LOG_LEVEL") {
        Ok(value) if !value.trim().is_empty() => {
            EnvFilter::try_new(&value).map_err(|e| LogError::Level {
                value,
                reason: e.to_string(),
            })?
        }
        _ => EnvFilter::new(DEFAULT_LEVEL),
    };
    let file = crate::private_fs::open_append(&path).map_err(|source| LogError::File {
        path: path.display().to_string(),
        source,
    })?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .try_init()
        .map_err(|_| LogError::Installed)?;
    Ok(guard)
}
