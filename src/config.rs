//! Configuration (SPEC §7): TOML, every key optional, unknown keys an error naming the key.
//! Looked up from `--config`, else `BACKFLUSH_CONFIG`, else the platform config directory,
//! else the built-in defaults.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Deserialize;
use thiserror::Error;

use crate::domain::backflush::{NegativeStock, Policy};
use crate::domain::journal::AccountNames;
use crate::store::Synchronous;

/// A configuration that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: String, message: String },
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub store: StoreConfig,
    pub terminal: TerminalConfig,
    pub policy: PolicyConfig,
    pub reasons: ReasonsConfig,
    pub accounts: AccountsConfig,
}

/// `[store]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreConfig {
    pub path: String,
    pub synchronous: SynchronousConfig,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            path: String::new(),
            synchronous: SynchronousConfig::Normal,
        }
    }
}

/// `synchronous`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SynchronousConfig {
    #[default]
    Normal,
    Full,
}

/// `[terminal]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TerminalConfig {
    pub id: String,
    pub work_center: String,
    pub theme: Theme,
    pub idle_logout_minutes: u32,
}

impl Default for TerminalConfig {
    fn default() -> Self {
        TerminalConfig {
            id: String::new(),
            work_center: String::new(),
            theme: Theme::Default,
            idle_logout_minutes: 15,
        }
    }
}

/// `theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    Default,
    HighContrast,
}

/// `[policy]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyConfig {
    pub negative_stock: NegativeStockConfig,
    pub over_report_tolerance_pct: Decimal,
    pub override_tolerance_pct: Decimal,
    pub lockout_attempts: u32,
    pub lockout_minutes: u32,
    /// Machine-location health flags an item whose counts differ from its use by more.
    pub discrepancy_alert_pct: Decimal,
    pub lot_selection: LotSelectionConfig,
    /// A cycle count differing from the book by more than this (in percent) needs a reason.
    pub count_confirm_pct: Decimal,
}

/// `lot_selection` (SPEC §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LotSelectionConfig {
    #[default]
    Manual,
    Fifo,
    Fefo,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        PolicyConfig {
            negative_stock: NegativeStockConfig::Defer,
            over_report_tolerance_pct: Decimal::ZERO,
            override_tolerance_pct: Decimal::TEN,
            lockout_attempts: 5,
            lockout_minutes: 15,
            discrepancy_alert_pct: Decimal::from(5),
            lot_selection: LotSelectionConfig::Manual,
            count_confirm_pct: Decimal::from(20),
        }
    }
}

/// `negative_stock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum NegativeStockConfig {
    #[default]
    Defer,
    Block,
    Allow,
}

/// `[reasons]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReasonsConfig {
    pub scrap: Vec<String>,
    /// Reasons for an override or a skip of a report line (SPEC §6).
    #[serde(rename = "override")]
    pub override_: Vec<String>,
    /// Reasons for a cycle count that differs beyond `count_confirm_pct` (SPEC §3).
    pub count: Vec<String>,
}

impl Default for ReasonsConfig {
    fn default() -> Self {
        ReasonsConfig {
            scrap: ["DAMAGED", "SETUP", "QUALITY", "COUNT", "OTHER"]
                .map(String::from)
                .to_vec(),
            override_: ["ACTUAL-USE", "SHORT-PICK", "DAMAGED", "WRONG-BOM", "OTHER"]
                .map(String::from)
                .to_vec(),
            count: ["COUNT", "FOUND", "DAMAGED", "OTHER"]
                .map(String::from)
                .to_vec(),
        }
    }
}

/// `[accounts]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountsConfig {
    pub raw_material: String,
    pub wip: String,
    pub finished_goods: String,
    pub labor_absorbed: String,
    pub overhead_absorbed: String,
    pub scrap_expense: String,
    pub inventory_adjustment: String,
    pub non_stock_material: String,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        let a = AccountNames::default();
        AccountsConfig {
            raw_material: a.raw_material,
            wip: a.wip,
            finished_goods: a.finished_goods,
            labor_absorbed: a.labor_absorbed,
            overhead_absorbed: a.overhead_absorbed,
            scrap_expense: a.scrap_expense,
            inventory_adjustment: a.inventory_adjustment,
            non_stock_material: a.non_stock_material,
        }
    }
}

impl Config {
    /// Parses TOML text; `origin` names the file in messages.
    ///
    /// # Errors
    /// Bad TOML, an unknown key or a bad value, named.
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: origin.to_string(),
            message: e.message().to_string(),
        })?;
        config.validate(origin)?;
        Ok(config)
    }

    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        let bad = |message: String| {
            Err(ConfigError::Parse {
                path: origin.to_string(),
                message,
            })
        };
        if self.policy.over_report_tolerance_pct.is_sign_negative() {
            return bad("policy.over_report_tolerance_pct must not be negative".into());
        }
        if self.policy.override_tolerance_pct.is_sign_negative() {
            return bad("policy.override_tolerance_pct must not be negative".into());
        }
        if self.policy.lockout_attempts == 0 {
            return bad("policy.lockout_attempts must be at least 1".into());
        }
        let pct = self.policy.discrepancy_alert_pct;
        if pct.is_sign_negative() || pct > Decimal::ONE_HUNDRED {
            return bad(format!(
                "policy.discrepancy_alert_pct {pct} is outside its range 0–100"
            ));
        }
        let pct = self.policy.count_confirm_pct;
        if pct.is_sign_negative() || pct > Decimal::ONE_THOUSAND {
            return bad(format!(
                "policy.count_confirm_pct {pct} is outside its range 0–1000"
            ));
        }
        for (key, list) in [
            ("override", &self.reasons.override_),
            ("count", &self.reasons.count),
        ] {
            if list.iter().all(|c| c.trim().is_empty()) {
                return bad(format!("reasons.{key} needs at least one code"));
            }
        }
        Ok(())
    }

    /// Loads the configuration: `explicit`, else `BACKFLUSH_CONFIG`, else the platform config
    /// file if it exists, else defaults.
    ///
    /// # Errors
    /// The file named cannot be read or parsed.
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let env = std::env::var_os("BACKFLUSH_CONFIG").map(PathBuf::from);
        let path = match explicit.map(Path::to_path_buf).or(env) {
            Some(p) => p,
            None => match platform_dirs().map(|d| d.config_dir().join("config.toml")) {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// The store path: `--db`, else the config's, else the platform data directory.
    #[must_use]
    pub fn store_path(&self, db: Option<&Path>) -> PathBuf {
        if let Some(db) = db {
            return db.to_path_buf();
        }
        if !self.store.path.is_empty() {
            return PathBuf::from(&self.store.path);
        }
        platform_dirs().map_or_else(
            || PathBuf::from("backflush.db"),
            |d| d.data_dir().join("backflush.db"),
        )
    }

    /// The terminal id: configured, else the host name.
    #[must_use]
    pub fn terminal_id(&self) -> String {
        if !self.terminal.id.is_empty() {
            return self.terminal.id.clone();
        }
        std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .map(|s| s.trim().to_string())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .or_else(|| std::env::var("COMPUTERNAME").ok())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "terminal".to_string())
    }

    /// The rules the engine obeys.
    #[must_use]
    pub fn policy(&self) -> Policy {
        Policy {
            negative_stock: match self.policy.negative_stock {
                NegativeStockConfig::Defer => NegativeStock::Defer,
                NegativeStockConfig::Block => NegativeStock::Block,
                NegativeStockConfig::Allow => NegativeStock::Allow,
            },
            over_report_tolerance_pct: self.policy.over_report_tolerance_pct,
        }
    }

    /// `[policy] lot_selection`.
    #[must_use]
    pub fn lot_selection(&self) -> crate::domain::lots::LotSelection {
        use crate::domain::lots::LotSelection;
        match self.policy.lot_selection {
            LotSelectionConfig::Manual => LotSelection::Manual,
            LotSelectionConfig::Fifo => LotSelection::Fifo,
            LotSelectionConfig::Fefo => LotSelection::Fefo,
        }
    }

    /// The journal's account names.
    #[must_use]
    pub fn accounts(&self) -> AccountNames {
        let a = &self.accounts;
        AccountNames {
            raw_material: a.raw_material.clone(),
            wip: a.wip.clone(),
            finished_goods: a.finished_goods.clone(),
            labor_absorbed: a.labor_absorbed.clone(),
            overhead_absorbed: a.overhead_absorbed.clone(),
            scrap_expense: a.scrap_expense.clone(),
            inventory_adjustment: a.inventory_adjustment.clone(),
            non_stock_material: a.non_stock_material.clone(),
        }
    }

    /// `synchronous` for the store.
    #[must_use]
    pub fn synchronous(&self) -> Synchronous {
        match self.store.synchronous {
            SynchronousConfig::Normal => Synchronous::Normal,
            SynchronousConfig::Full => Synchronous::Full,
        }
    }
}

/// The platform directories of backflush.
#[must_use]
pub fn platform_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "backflush")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_equals_the_defaults() {
        let text = include_str!("../config.example.toml");
        assert_eq!(
            Config::parse(text, "config.example.toml").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn an_unknown_key_is_named() {
        let err = Config::parse("[policy]\nnegative_stok = \"block\"\n", "c.toml").unwrap_err();
        assert!(err.to_string().contains("negative_stok"), "{err}");
        let err = Config::parse("[colour]\n", "c.toml").unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
    }

    #[test]
    fn a_bad_value_is_named() {
        let err =
            Config::parse("[policy]\nnegative_stock = \"sometimes\"\n", "c.toml").unwrap_err();
        assert!(err.to_string().contains("sometimes"), "{err}");
    }

    #[test]
    fn count_confirm_pct_and_the_reason_lists_are_checked() {
        let err = Config::parse("[policy]\ncount_confirm_pct = 1001\n", "c.toml").unwrap_err();
        assert!(err.to_string().contains("count_confirm_pct 1001"), "{err}");
        assert!(err.to_string().contains("0–1000"), "{err}");
        let c = Config::parse("[policy]\ncount_confirm_pct = 1000\n", "c.toml").unwrap();
        assert_eq!(c.policy.count_confirm_pct, Decimal::ONE_THOUSAND);
        let err = Config::parse("[reasons]\noverride = []\n", "c.toml").unwrap_err();
        assert!(err.to_string().contains("reasons.override"), "{err}");
        let c = Config::parse("[reasons]\ncount = [\"RECOUNT\"]\n", "c.toml").unwrap();
        assert_eq!(c.reasons.count, ["RECOUNT"]);
        assert_eq!(c.reasons.override_[0], "ACTUAL-USE");
    }

    #[test]
    fn a_partial_file_keeps_the_other_defaults() {
        let c = Config::parse("[policy]\nnegative_stock = \"block\"\n", "c.toml").unwrap();
        assert_eq!(c.policy.negative_stock, NegativeStockConfig::Block);
        assert_eq!(c.policy.override_tolerance_pct, Decimal::TEN);
        assert_eq!(c.terminal.idle_logout_minutes, 15);
    }
}
