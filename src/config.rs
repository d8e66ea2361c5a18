//! Configuration: TOML, every key optional, unknown keys an error naming the key.
//! Looked up from `--config`, else `BACKFLUSH_CONFIG`, else the platform config directory,
//! else the built-in defaults.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub mod rules;

use crate::domain::backflush::NegativeStock;
use crate::domain::journal::AccountNames;
use crate::domain::language::Language;
use crate::domain::lots::LotSelection;
use crate::domain::plant_rules::RuleProblem;
use crate::domain::text::TextProblem;
use crate::store::Synchronous;

/// A configuration that cannot be used: data the faces word.
#[derive(Debug)]
pub enum ConfigError {
    /// The file cannot be read; the system's account.
    Read {
        path: String,
        source: std::io::Error,
    },
    /// The file is read but refused.
    Parse {
        path: String,
        problem: ConfigProblem,
    },
    /// The file is larger than [`MAX_CONFIG_BYTES`].
    TooLarge { path: String },
}

/// What is wrong inside a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// Not TOML, or a key or value the reader refuses: its account and the line.
    Toml { line: usize, cause: String },
    /// Its `[policy]`, `[reasons]` or `[accounts]`.
    Rules(RuleProblem),
    /// `terminal.id` or `terminal.work_center` cannot be kept as a code.
    Text { key: String, problem: TextProblem },
    /// `terminal.language` names no shipped language.
    Language { value: String },
    /// A number outside its range (`terminal.idle_logout_minutes`).
    OutOfRange {
        key: String,
        value: i64,
        min: i64,
        max: i64,
    },
}

/// The largest config file read: far above any plant's, and a wrong path (a device, a log)
/// is refused at once instead of being read whole.
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;

/// The text of a config file, read up to [`MAX_CONFIG_BYTES`] and no further (`/dev/zero`
/// never ends).
fn read_limited(path: &Path) -> Result<String, ConfigError> {
    use std::io::Read;
    let name = path.display().to_string();
    let read_err = |source| ConfigError::Read {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() > MAX_CONFIG_BYTES {
        return Err(ConfigError::TooLarge { path: name });
    }
    String::from_utf8(bytes)
        .map_err(|e| read_err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub store: StoreConfig,
    pub terminal: TerminalConfig,
    pub policy: PolicyConfig,
    pub reasons: ReasonsConfig,
    pub accounts: AccountNames,
    /// The `[policy]`, `[reasons]` and `[accounts]` keys the file itself set (dotted), so
    /// the store's rules can say which of them it ignores.
    #[serde(skip)]
    pub rule_keys: rules::Flat,
    /// The file it was read from, for messages ("the built-in defaults" without one).
    #[serde(skip)]
    pub origin: String,
}

/// `[store]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreConfig {
    pub path: String,
    pub synchronous: Synchronous,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            path: String::new(),
            synchronous: Synchronous::Normal,
        }
    }
}

/// `[terminal]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TerminalConfig {
    pub id: String,
    pub work_center: String,
    pub theme: ThemeName,
    /// The terminal's language before login and in open mode: a shipped tag, or empty for
    /// the environment's locale.
    pub language: String,
    pub idle_logout_minutes: i64,
}

impl Default for TerminalConfig {
    fn default() -> Self {
        TerminalConfig {
            id: String::new(),
            work_center: String::new(),
            theme: ThemeName::Default,
            language: String::new(),
            idle_logout_minutes: 15,
        }
    }
}

/// `theme`: which of the terminal's colour sets (`tui::theme::Theme`) it draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
}

/// `[policy]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyConfig {
    #[serde(with = "negative_stock")]
    pub negative_stock: NegativeStock,
    pub over_report_tolerance_pct: Decimal,
    pub override_tolerance_pct: Decimal,
    pub lockout_attempts: i64,
    pub lockout_minutes: i64,
    /// An operator may reverse their own report this long after posting it.
    pub undo_minutes: i64,
    /// A count differing from the book by more than this needs a reason.
    pub count_confirm_pct: Decimal,
    /// Machine-location health flags an item whose counts differ from its use by more.
    pub discrepancy_alert_pct: Decimal,
    /// The handler's queue reads the daily use of a machine location over this many days.
    pub replenish_days: i64,
    #[serde(with = "lot_selection")]
    pub lot_selection: LotSelection,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        PolicyConfig {
            negative_stock: NegativeStock::Defer,
            over_report_tolerance_pct: Decimal::ZERO,
            override_tolerance_pct: Decimal::TEN,
            lockout_attempts: 5,
            lockout_minutes: 15,
            undo_minutes: 10,
            count_confirm_pct: Decimal::from(20),
            discrepancy_alert_pct: Decimal::from(5),
            replenish_days: 7,
            lot_selection: LotSelection::Manual,
        }
    }
}

/// `[reasons]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReasonsConfig {
    /// A lead's scrap adjustment.
    pub scrap: Vec<String>,
    /// Overrides and skips of a report.
    #[serde(rename = "override")]
    pub r#override: Vec<String>,
    /// A count beyond `count_confirm_pct`.
    pub count: Vec<String>,
}

impl Default for ReasonsConfig {
    fn default() -> Self {
        ReasonsConfig {
            scrap: ["DAMAGED", "SETUP", "QUALITY", "COUNT", "OTHER"]
                .map(String::from)
                .to_vec(),
            r#override: ["ACTUAL-USE", "SHORT-PICK", "DAMAGED", "WRONG-BOM", "OTHER"]
                .map(String::from)
                .to_vec(),
            count: ["COUNT", "FOUND", "DAMAGED", "OTHER"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl Config {
    /// Parses TOML text; `origin` names the file in messages.
    ///
    /// # Errors
    /// Bad TOML, an unknown key or a bad value, named.
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let parse_err = |e: toml::de::Error| {
            // The message alone does not always name the key: give its line.
            let line = e
                .span()
                .and_then(|s| text.get(..s.start))
                .map_or(1, |t| t.matches('\n').count() + 1);
            ConfigError::Parse {
                path: origin.to_string(),
                problem: ConfigProblem::Toml {
                    line,
                    cause: e.message().to_string(),
                },
            }
        };
        let mut config: Config = toml::from_str(text).map_err(parse_err)?;
        config.origin = origin.to_string();
        let doc: toml::Table = text.parse().map_err(parse_err)?;
        config.rule_keys = rules::rule_keys(&doc).map_err(|problem| ConfigError::Parse {
            path: origin.to_string(),
            problem: ConfigProblem::Rules(problem),
        })?;
        config.validate(origin)?;
        Ok(config)
    }

    /// `[terminal] language`, when it names one (it was checked to be shipped).
    #[must_use]
    pub fn terminal_language(&self) -> Option<Language> {
        Language::parse(&self.terminal.language)
    }

    /// The file's own `[policy]`, `[reasons]` and `[accounts]`.
    #[must_use]
    pub fn rules(&self) -> rules::Rules {
        rules::Rules {
            policy: self.policy.clone(),
            reasons: self.reasons.clone(),
            accounts: self.accounts.clone(),
        }
    }

    /// The keys of the plant's rules this config would set: those its file names, and those
    /// a caller changed from the defaults (a config built in code).
    #[must_use]
    pub fn rule_overrides(&self) -> rules::Flat {
        let defaults = rules::Rules::default().flatten();
        self.rules()
            .flatten()
            .into_iter()
            .filter(|(key, value)| {
                self.rule_keys.contains_key(key) || defaults.get(key) != Some(value)
            })
            .collect()
    }

    fn validate(&mut self, origin: &str) -> Result<(), ConfigError> {
        let bad = |problem: ConfigProblem| ConfigError::Parse {
            path: origin.to_string(),
            problem,
        };
        // Kept on every posting and printed: the same rule as the command line's --terminal.
        for (key, value) in [
            ("terminal.id", &self.terminal.id),
            ("terminal.work_center", &self.terminal.work_center),
        ] {
            if let Err(problem) = crate::domain::text::check_code(value) {
                return Err(bad(ConfigProblem::Text {
                    key: key.to_string(),
                    problem,
                }));
            }
        }
        let language = &self.terminal.language;
        if !language.is_empty() && Language::parse(language).is_none() {
            return Err(bad(ConfigProblem::Language {
                value: language.clone(),
            }));
        }
        let minutes = self.terminal.idle_logout_minutes;
        if !(1..=1440).contains(&minutes) {
            return Err(bad(ConfigProblem::OutOfRange {
                key: "terminal.idle_logout_minutes".to_string(),
                value: minutes,
                min: 1,
                max: 1440,
            }));
        }
        let checked = self
            .rules()
            .checked()
            .map_err(|p| bad(ConfigProblem::Rules(p)))?;
        self.policy = checked.policy;
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
        let text = read_limited(&path)?;
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

    /// `synchronous` for the store.
    #[must_use]
    pub fn synchronous(&self) -> Synchronous {
        self.store.synchronous
    }
}

/// A word of the domain (`negative_stock`, `lot_selection`) in the configuration and the
/// plant's settings: written as its word, read as TOML and JSON read an enum, so a value that
/// is not a word or not one of the words is refused with the messages those files have always
/// given.
macro_rules! config_word {
    ($module:ident, $ty:ty) => {
        mod $module {
            use serde::de::{EnumAccess, Error, VariantAccess, Visitor};
            use serde::{Deserializer, Serializer};

            pub fn serialize<S: Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(value.as_str())
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                struct Word;
                impl<'de> Visitor<'de> for Word {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "one of {}", <$ty>::words())
                    }
                    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<$ty, A::Error> {
                        let (text, variant) = data.variant::<String>()?;
                        variant.unit_variant()?;
                        <$ty>::parse(&text).ok_or_else(|| {
                            A::Error::custom(super::unknown_word(&text, <$ty>::words()))
                        })
                    }
                }
                d.deserialize_enum(stringify!($module), &[], Word)
            }
        }
    };
}

config_word!(negative_stock, super::NegativeStock);
config_word!(lot_selection, super::LotSelection);

/// An unknown word among `words` (space-separated), said as serde says it of an enum.
fn unknown_word(text: &str, words: &str) -> String {
    let words: Vec<String> = words.split(' ').map(|w| format!("`{w}`")).collect();
    let expected = match words.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        all => format!("one of {}", all.join(", ")),
    };
    format!("unknown variant `{text}`, expected {expected}")
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
        let parsed = Config::parse(text, "config.example.toml").unwrap();
        assert_eq!(parsed.rules(), rules::Rules::default());
        assert_eq!(parsed.store, StoreConfig::default());
        assert_eq!(parsed.terminal, TerminalConfig::default());
        assert!(
            parsed
                .rule_overrides()
                .values()
                .all(|v| { rules::Rules::default().flatten().values().any(|d| d == v) })
        );
    }

    #[test]
    fn the_terminal_id_and_work_center_are_printable_and_at_most_200_characters() {
        let err = Config::parse("[terminal]\nid = \"T\\u001b]0;x\"\n", "c.toml").unwrap_err();
        assert_eq!(
            crate::words::config(&err),
            "config file c.toml: terminal.id holds the control character U+001B; it must be printable text"
        );
        let long = format!("[terminal]\nwork_center = \"{}\"\n", "W".repeat(201));
        let err = Config::parse(&long, "c.toml").unwrap_err();
        assert_eq!(
            crate::words::config(&err),
            "config file c.toml: terminal.work_center has 201 characters; at most 200 are accepted"
        );
        let fine = format!("[terminal]\nid = \"{}\"\n", "T".repeat(200));
        assert_eq!(
            Config::parse(&fine, "c.toml").unwrap().terminal.id.len(),
            200
        );
    }

    #[test]
    fn an_unknown_key_is_named() {
        let err = Config::parse("[policy]\nnegative_stok = \"block\"\n", "c.toml").unwrap_err();
        assert!(
            crate::words::config(&err).contains("negative_stok"),
            "{err:?}"
        );
        let err = Config::parse("[colour]\n", "c.toml").unwrap_err();
        assert!(crate::words::config(&err).contains("colour"), "{err:?}");
    }

    #[test]
    fn a_bad_value_is_named() {
        let err =
            Config::parse("[policy]\nnegative_stock = \"sometimes\"\n", "c.toml").unwrap_err();
        assert!(crate::words::config(&err).contains("sometimes"), "{err:?}");
    }

    /// The domain's own enums and account names are the configuration's: the same words in,
    /// the same messages for a wrong one, the same words out.
    #[test]
    fn policy_words_and_accounts_read_and_refuse_as_the_files_always_have() {
        let c = Config::parse(
            "[policy]\nlot_selection = \"fefo\"\nnegative_stock = \"allow\"\n[store]\nsynchronous = \"full\"\n[accounts]\nwip = \"1400 WIP\"\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.policy.lot_selection, LotSelection::Fefo);
        assert_eq!(c.policy.negative_stock, NegativeStock::Allow);
        assert_eq!(c.synchronous(), Synchronous::Full);
        assert_eq!(c.accounts.wip, "1400 WIP");
        assert_eq!(
            c.accounts.raw_material,
            AccountNames::default().raw_material
        );
        let refused =
            |toml: &str| crate::words::config(&Config::parse(toml, "c.toml").unwrap_err());
        assert_eq!(
            refused("[policy]\nnegative_stock = \"Block\"\n"),
            "config file c.toml: line 2: unknown variant `Block`, expected one of `defer`, `block`, `allow`"
        );
        assert_eq!(
            refused("[policy]\nlot_selection = 5\n"),
            "config file c.toml: line 2: wanted string or table"
        );
        assert_eq!(
            refused("[store]\nsynchronous = \"fast\"\n"),
            "config file c.toml: line 2: unknown variant `fast`, expected `normal` or `full`"
        );
        assert!(
            refused("[accounts]\nwipp = \"x\"\n").contains("unknown field `wipp`"),
            "an unknown account key is refused"
        );
        let json = serde_json::to_value(&c.policy).unwrap();
        assert_eq!(json["lot_selection"], "fefo");
        assert_eq!(json["negative_stock"], "allow");
    }

    #[test]
    fn count_confirm_pct_and_the_reason_lists_are_checked() {
        let err = Config::parse("[policy]\ncount_confirm_pct = 1001\n", "c.toml").unwrap_err();
        assert!(
            crate::words::config(&err).contains("count_confirm_pct 1001"),
            "{err:?}"
        );
        assert!(crate::words::config(&err).contains("0–1000"), "{err:?}");
        let c = Config::parse("[policy]\ncount_confirm_pct = 1000\n", "c.toml").unwrap();
        assert_eq!(c.policy.count_confirm_pct, Decimal::ONE_THOUSAND);
        let err = Config::parse("[reasons]\noverride = []\n", "c.toml").unwrap_err();
        assert!(
            crate::words::config(&err).contains("reasons.override"),
            "{err:?}"
        );
        let c = Config::parse("[reasons]\ncount = [\"RECOUNT\"]\n", "c.toml").unwrap();
        assert_eq!(c.reasons.count, ["RECOUNT"]);
        assert_eq!(c.reasons.r#override[0], "ACTUAL-USE");
    }

    #[test]
    fn the_terminal_language_is_a_shipped_one_or_empty() {
        let err = Config::parse("[terminal]\nlanguage = \"fr\"\n", "c.toml").unwrap_err();
        assert_eq!(
            crate::words::config(&err),
            "config file c.toml: terminal.language \"fr\" is not a shipped language (de, en, es, pl, zh-CN)"
        );
        let c = Config::parse("[terminal]\nlanguage = \"zh-CN\"\n", "c.toml").unwrap();
        assert_eq!(c.terminal_language().map(|l| l.tag()), Some("zh-CN"));
        assert_eq!(Config::default().terminal_language(), None);
    }

    #[test]
    fn a_partial_file_keeps_the_other_defaults() {
        let c = Config::parse("[policy]\nnegative_stock = \"block\"\n", "c.toml").unwrap();
        assert_eq!(c.policy.negative_stock, NegativeStock::Block);
        assert_eq!(c.policy.override_tolerance_pct, Decimal::TEN);
        assert_eq!(c.terminal.idle_logout_minutes, 15);
    }
}
