//! A small append-only log file in the platform state (or data) directory. The terminal
//! never prints over its own screen: what would go to stderr goes here.

use std::io::Write;
use std::path::PathBuf;

/// Where the log goes: `BACKFLUSH_LOG`, else the platform state or data directory.
#[must_use]
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BACKFLUSH_LOG") {
        return Some(PathBuf::from(p));
    }
    let dirs = crate::config::platform_dirs()?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    Some(dir.join("backflush.log"))
}

/// Appends one line, with the UTC time. Failures to log are ignored: logging must never
/// stop a posting.
pub fn write(message: &str) {
    let Some(path) = path() else { return };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(
            f,
            "{} {message}",
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        );
    }
}
