//! The embedded demo plant (`assets/demo`): written to a fresh directory and imported into a
//! new store, so `backflush demo` works from a bare binary.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::service::{Credentials, Field, IoWhat, Service, ServiceError, Why};

/// The demo files, embedded at build time.
pub const FILES: [(&str, &str); 11] = [
    ("items.csv", include_str!("../assets/demo/items.csv")),
    (
        "locations.csv",
        include_str!("../assets/demo/locations.csv"),
    ),
    (
        "work_centers.csv",
        include_str!("../assets/demo/work_centers.csv"),
    ),
    (
        "uom_conversions.csv",
        include_str!("../assets/demo/uom_conversions.csv"),
    ),
    ("boms.csv", include_str!("../assets/demo/boms.csv")),
    ("routings.csv", include_str!("../assets/demo/routings.csv")),
    ("orders.csv", include_str!("../assets/demo/orders.csv")),
    ("stock.csv", include_str!("../assets/demo/stock.csv")),
    (
        "location_items.csv",
        include_str!("../assets/demo/location_items.csv"),
    ),
    ("users.csv", include_str!("../assets/demo/users.csv")),
    (
        "settings.toml",
        include_str!("../assets/demo/settings.toml"),
    ),
];

/// A fresh directory under the system temp dir for a demo store.
#[must_use]
pub fn temp_dir() -> PathBuf {
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
    std::env::temp_dir().join(format!("backflush-demo-{}-{nanos:x}", std::process::id()))
}

/// Writes the demo files into `dir`.
///
/// # Errors
/// The directory cannot be written.
pub fn write_files(dir: &Path) -> std::io::Result<()> {
    crate::private_fs::create_dir_all(dir)?;
    for (name, text) in FILES {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// Creates the demo plant in a new store at `db`.
///
/// # Errors
/// The store exists already with data, or the import fails.
pub fn create(config: Config, db: &Path) -> Result<Service, ServiceError> {
    if db.exists() && std::fs::metadata(db).map(|m| m.len() > 0).unwrap_or(false) {
        return Err(ServiceError::invalid(
            Field::Db,
            db.display().to_string(),
            Why::Exists,
        ));
    }
    let mut service = Service::create_or_open(config, db)?;
    let files = db.with_extension("import");
    write_files(&files)
        .map_err(|e| ServiceError::io(IoWhat::WriteDemo(files.display().to_string()), e))?;
    service.import(&files, &Credentials::default())?;
    service.mark_demo()?;
    let _ = std::fs::remove_dir_all(&files);
    Ok(service)
}

/// A demo user as the login screen of a demo store lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoUser {
    pub badge: String,
    pub name: String,
    pub role: String,
    pub pin: String,
    /// The language tag the terminal speaks to them.
    pub language: String,
}

/// The demo's users, read from the embedded `users.csv`: shown on the login screen of a demo
/// store only.
#[must_use]
pub fn users() -> Vec<DemoUser> {
    let text = FILES
        .iter()
        .find(|(name, _)| *name == "users.csv")
        .map_or("", |(_, text)| *text);
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|r| {
            let field = |i: usize| r.get(i).unwrap_or_default().to_string();
            DemoUser {
                badge: field(0),
                name: field(1),
                role: field(2),
                pin: field(3),
                language: field(4),
            }
        })
        .collect()
}
