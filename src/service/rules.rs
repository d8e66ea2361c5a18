//! The plant's rules every command obeys: the store's `[policy]`, `[reasons]` and
//! `[accounts]`, with the config file's keys over them only while the store has no users.
//! Loaded once per master version (an import is the only thing that changes them).

use std::path::Path;
use std::rc::Rc;

use rusqlite::Connection;

use super::{Field, IoWhat, Result, Service, ServiceError, Why};
use crate::config::rules::{self, Effective, Flat, Rules};
use crate::import;
use crate::store::settings::Setting;
use crate::store::{self, BadValue, StoreError};

/// Imported settings: the rules they make and the rows to store.
pub(super) type Imported = (Rules, Vec<Setting>);

/// The rules a service holds, with the master version they were read at.
pub(super) type Loaded = Option<(i64, Rc<Effective>)>;

impl Service {
    /// The rules that apply now.
    ///
    /// # Errors
    /// The store fails or holds rules this program cannot read.
    pub fn rules(&self) -> Result<Rc<Effective>> {
        let conn = self.store.conn();
        let version = store::master::master_version(conn)?;
        if let Some((v, rules)) = &*self.rules.borrow()
            && *v == version
        {
            return Ok(Rc::clone(rules));
        }
        let stored = stored_rules(conn)?;
        let has_users = store::master::user_count(conn)? > 0;
        let effective = rules::effective(
            &stored,
            &self.config.rule_overrides(),
            has_users,
            &self.config.origin,
        )
        .map_err(|problem| {
            ServiceError::invalid(
                Field::Config,
                self.config.origin.clone(),
                Why::Config { problem },
            )
        })?;
        let effective = Rc::new(effective);
        *self.rules.borrow_mut() = Some((version, Rc::clone(&effective)));
        Ok(effective)
    }

    /// The plant's rules in the store (`backflush settings`), without the config file's.
    ///
    /// # Errors
    /// The store fails.
    pub fn stored_rules(&self) -> Result<Rules> {
        stored_rules(self.store.conn())
    }
}

fn stored_rules(conn: &Connection) -> Result<Rules> {
    let mut flat = Flat::new();
    for Setting { key, value } in store::settings::load(conn)? {
        let value = serde_json::from_str(&value).map_err(|e| {
            StoreError::Corrupt(BadValue::Setting {
                key: key.clone(),
                cause: e.to_string(),
            })
        })?;
        flat.insert(key, value);
    }
    Rules::default()
        .overlay(&flat)
        .map_err(|cause| StoreError::Corrupt(BadValue::PlantRules { cause }).into())
}

/// The rules of `DIR/settings.toml` over the stored ones, and the rows to store, when the
/// file exists.
///
/// # Errors
/// The file cannot be read, or a key is unknown or out of range (named).
pub(super) fn read_settings(conn: &Connection, dir: &Path) -> Result<Option<Imported>> {
    let path = dir.join("settings.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ServiceError::io(
                IoWhat::Read(path.display().to_string()),
                e,
            ));
        }
    };
    let refuse = |problem| {
        ServiceError::from(import::ImportError::Files(import::FilesProblem::Settings {
            problem,
        }))
    };
    let keys = rules::parse_settings(&text).map_err(refuse)?;
    let merged = stored_rules(conn)?.overlay(&keys).map_err(refuse)?;
    // Store what the merged rules hold for each key the file set (normalised values).
    let flat = merged.flatten();
    let rows = keys
        .keys()
        .filter_map(|k| {
            flat.get(k).map(|v| Setting {
                key: k.clone(),
                value: v.to_string(),
            })
        })
        .collect();
    Ok(Some((merged, rows)))
}
