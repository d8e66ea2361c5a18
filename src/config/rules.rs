//! The plant's rules: `[policy]`, `[reasons]` and `[accounts]`. They live in the
//! store (`import DIR` reads `DIR/settings.toml`); a config file's values apply over them only
//! while the store has no users, so whoever runs the program cannot loosen a lead's approval
//! or the PIN lock-out by choosing a config file.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{PolicyConfig, ReasonsConfig};
use crate::domain::backflush::Policy;
use crate::domain::journal::AccountNames;
use crate::domain::lots::LotSelection;
use crate::domain::plant_rules::RuleProblem;
use crate::domain::qty::canonical;
use crate::domain::text::check_code;

/// The three sections of the plant's rules.
pub const SECTIONS: [&str; 3] = ["policy", "reasons", "accounts"];

/// `[policy]`, `[reasons]` and `[accounts]` together.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    pub policy: PolicyConfig,
    pub reasons: ReasonsConfig,
    pub accounts: AccountNames,
}

/// Dotted key (`policy.lockout_attempts`) → value, as JSON.
pub type Flat = BTreeMap<String, Value>;

/// The rules that apply, and the config file's keys that were ignored for them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Effective {
    pub rules: Rules,
    /// Each config key that differs from the store's and was ignored.
    pub ignored: Vec<Ignored>,
}

/// A config file's key ignored because the store has users and its rules apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// The config file that sets it.
    pub origin: String,
    /// The dotted key (`policy.override_tolerance_pct`).
    pub key: String,
}

impl Rules {
    /// Every key with its value.
    #[must_use]
    pub fn flatten(&self) -> Flat {
        let mut out = Flat::new();
        if let Ok(Value::Object(sections)) = serde_json::to_value(self) {
            for (section, keys) in sections {
                if let Value::Object(keys) = keys {
                    for (key, value) in keys {
                        out.insert(format!("{section}.{key}"), value);
                    }
                }
            }
        }
        out
    }

    /// These rules with `keys` set over them, checked.
    ///
    /// # Errors
    /// An unknown key or a bad value, named (with its range for a number out of it).
    pub fn overlay(&self, keys: &Flat) -> Result<Rules, RuleProblem> {
        let mut flat = self.flatten();
        for (key, value) in keys {
            flat.insert(key.clone(), value.clone());
        }
        let mut sections = serde_json::Map::new();
        for (dotted, value) in flat {
            let (section, key) = dotted.split_once('.').unwrap_or((dotted.as_str(), ""));
            let entry = sections
                .entry(section.to_string())
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
            if let Value::Object(map) = entry {
                map.insert(key.to_string(), value);
            }
        }
        let rules: Rules = serde_json::from_value(Value::Object(sections)).map_err(|e| {
            // serde names an unknown field but not the field of a wrong type: find the key.
            let cause = e.to_string();
            let culprit = keys.iter().find(|(key, value)| {
                let one = Flat::from([((*key).clone(), (*value).clone())]);
                keys.len() > 1 && Rules::default().overlay(&one).is_err()
            });
            let key = match culprit {
                Some((key, _)) => Some(key.clone()),
                None if keys.len() == 1 => Some(keys.keys().next().cloned().unwrap_or_default()),
                None => None,
            };
            RuleProblem::Shape { key, cause }
        })?;
        rules.checked()
    }

    /// The rules with every number in its range and every reason list non-empty; decimals
    /// without trailing zeros.
    ///
    /// # Errors
    /// The first value out of range, naming the key and its range.
    pub fn checked(mut self) -> Result<Rules, RuleProblem> {
        let p = &mut self.policy;
        for (key, value) in [
            (
                "over_report_tolerance_pct",
                &mut p.over_report_tolerance_pct,
            ),
            ("override_tolerance_pct", &mut p.override_tolerance_pct),
            ("discrepancy_alert_pct", &mut p.discrepancy_alert_pct),
            ("count_confirm_pct", &mut p.count_confirm_pct),
        ] {
            let max = if key == "count_confirm_pct" {
                1000
            } else {
                100
            };
            if value.is_sign_negative() && !value.is_zero() || *value > Decimal::from(max) {
                return Err(out_of_range(key, &canonical(*value), 0, max));
            }
            *value = value.normalize();
        }
        for (key, value, min, max) in [
            ("lockout_attempts", p.lockout_attempts, 1, 20),
            ("lockout_minutes", p.lockout_minutes, 1, 1440),
            ("undo_minutes", p.undo_minutes, 0, 240),
            ("replenish_days", p.replenish_days, 1, 90),
        ] {
            if !(min..=max).contains(&value) {
                return Err(out_of_range(key, &value.to_string(), min, max));
            }
        }
        let r = &self.reasons;
        for (key, list) in [
            ("scrap", &r.scrap),
            ("override", &r.r#override),
            ("count", &r.count),
        ] {
            if list.iter().all(|c| c.trim().is_empty()) {
                return Err(RuleProblem::NoReason {
                    key: format!("reasons.{key}"),
                });
            }
        }
        // Reason codes and account names are shown on terminals and in the log.
        for (key, value) in self.flatten() {
            let texts = match &value {
                Value::String(s) => vec![s.as_str()],
                Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if let Some(problem) = texts.iter().find_map(|t| check_code(t).err()) {
                return Err(RuleProblem::Text { key, problem });
            }
        }
        Ok(self)
    }

    /// The rules the engine obeys.
    #[must_use]
    pub fn policy(&self) -> Policy {
        Policy {
            negative_stock: self.policy.negative_stock,
            over_report_tolerance_pct: self.policy.over_report_tolerance_pct,
            lot_selection: self.lot_selection(),
        }
    }

    /// `[policy] lot_selection`.
    #[must_use]
    pub fn lot_selection(&self) -> LotSelection {
        self.policy.lot_selection
    }

    /// The journal's account names.
    #[must_use]
    pub fn accounts(&self) -> AccountNames {
        self.accounts.clone()
    }

    /// `[policy] lockout_attempts` and `lockout_minutes` as the lock-out counts them.
    #[must_use]
    pub fn lockout(&self) -> (u32, u32) {
        let to_u32 = |v: i64| u32::try_from(v).unwrap_or(1);
        (
            to_u32(self.policy.lockout_attempts),
            to_u32(self.policy.lockout_minutes),
        )
    }
}

fn out_of_range(key: &str, value: &str, min: i64, max: i64) -> RuleProblem {
    RuleProblem::OutOfRange {
        key: format!("policy.{key}"),
        value: value.to_string(),
        min,
        max,
    }
}

/// The keys of one TOML document's `[policy]`, `[reasons]` and `[accounts]` tables; other
/// tables are left to the caller (`settings.toml` refuses them, a config file reads them).
///
/// # Errors
/// A section that is not a table.
pub fn rule_keys(doc: &toml::Table) -> Result<Flat, RuleProblem> {
    let mut out = Flat::new();
    for section in SECTIONS {
        let Some(table) = doc.get(section) else {
            continue;
        };
        let toml::Value::Table(table) = table else {
            return Err(RuleProblem::NotATable {
                section: section.to_string(),
            });
        };
        for (key, value) in table {
            let value = serde_json::to_value(value).map_err(|e| RuleProblem::Value {
                key: format!("{section}.{key}"),
                cause: e.to_string(),
            })?;
            out.insert(format!("{section}.{key}"), value);
        }
    }
    Ok(out)
}

/// Parses `settings.toml` (only the three sections): the keys it sets.
///
/// # Errors
/// Bad TOML, or a section that is not one of the three.
pub fn parse_settings(text: &str) -> Result<Flat, RuleProblem> {
    let doc: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| RuleProblem::Toml {
            cause: e.message().to_string(),
            line: line_of(text, e.span()),
        })?;
    if let Some(other) = doc.keys().find(|k| !SECTIONS.contains(&k.as_str())) {
        return Err(RuleProblem::UnknownSection {
            section: other.clone(),
        });
    }
    rule_keys(&doc)
}

fn line_of(text: &str, span: Option<std::ops::Range<usize>>) -> usize {
    span.map_or(1, |s| {
        text.get(..s.start)
            .map_or(1, |t| t.matches('\n').count() + 1)
    })
}

/// The rules that apply: the store's once it has users (a config key that differs is
/// ignored, with a warning naming it); while it has none, the config file's keys over the
/// store's.
///
/// # Errors
/// The config file's keys do not make valid rules (they were checked when it was read, so
/// only if the store's rules are out of step with them).
pub fn effective(
    stored: &Rules,
    config_keys: &Flat,
    has_users: bool,
    origin: &str,
) -> Result<Effective, RuleProblem> {
    if !has_users {
        return Ok(Effective {
            rules: stored.overlay(config_keys)?,
            ignored: Vec::new(),
        });
    }
    let flat = stored.flatten();
    let ignored = config_keys
        .iter()
        .filter(|(key, value)| !same(flat.get(*key), value))
        .map(|(key, _)| Ignored {
            origin: origin.to_string(),
            key: key.clone(),
        })
        .collect();
    Ok(Effective {
        rules: stored.clone(),
        ignored,
    })
}

/// Whether a config value equals the stored one (numbers compared as decimals: `10` = `"10"`).
fn same(stored: Option<&Value>, given: &Value) -> bool {
    let Some(stored) = stored else { return false };
    let number = |v: &Value| match v {
        Value::String(s) => s.parse::<Decimal>().ok(),
        Value::Number(n) => n.to_string().parse::<Decimal>().ok(),
        _ => None,
    };
    match (number(stored), number(given)) {
        (Some(a), Some(b)) => a == b,
        _ => stored == given,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::TextProblem;

    /// The English of a refusal, as the command line says it.
    fn said(p: &RuleProblem) -> String {
        crate::words::rule_problem(p)
    }

    #[test]
    fn a_settings_file_sets_only_its_keys() {
        let keys = parse_settings("[policy]\nlot_selection = \"fefo\"\n").unwrap();
        let rules = Rules::default().overlay(&keys).unwrap();
        assert_eq!(rules.policy.lot_selection, LotSelection::Fefo);
        assert_eq!(rules.policy.lockout_attempts, 5);
    }

    #[test]
    fn unknown_keys_and_sections_are_named() {
        let keys = parse_settings("[policy]\nlockout_attempt = 3\n").unwrap();
        let err = said(&Rules::default().overlay(&keys).unwrap_err());
        assert!(err.contains("lockout_attempt"), "{err}");
        let err = said(&parse_settings("[store]\npath = \"x\"\n").unwrap_err());
        assert!(err.contains("store"), "{err}");
    }

    #[test]
    fn numbers_out_of_range_are_named_with_the_range() {
        for (text, want) in [
            (
                "lockout_attempts = 4000000000",
                "policy.lockout_attempts 4000000000 is outside its range 1–20",
            ),
            ("lockout_attempts = 0", "range 1–20"),
            (
                "lockout_minutes = 1441",
                "policy.lockout_minutes 1441 is outside its range 1–1440",
            ),
            (
                "undo_minutes = 241",
                "policy.undo_minutes 241 is outside its range 0–240",
            ),
            (
                "count_confirm_pct = 1001",
                "policy.count_confirm_pct 1001 is outside its range 0–1000",
            ),
            (
                "override_tolerance_pct = 1000000",
                "policy.override_tolerance_pct 1000000 is outside its range 0–100",
            ),
            ("over_report_tolerance_pct = -1", "range 0–100"),
            ("discrepancy_alert_pct = 100.5", "range 0–100"),
        ] {
            let keys = parse_settings(&format!("[policy]\n{text}\n")).unwrap();
            let err = said(&Rules::default().overlay(&keys).unwrap_err());
            assert!(err.contains(want), "{text}: {err}");
        }
        let keys = parse_settings("[reasons]\ncount = []\n").unwrap();
        let err = said(&Rules::default().overlay(&keys).unwrap_err());
        assert!(err.contains("reasons.count"), "{err}");
    }

    #[test]
    fn reason_codes_and_account_names_refuse_control_characters() {
        for (text, key) in [
            (
                "[reasons]\nscrap = [\"OK\", \"BAD\\u001b[2J\"]\n",
                "reasons.scrap",
            ),
            ("[accounts]\nwip = \"WIP\\u0007\"\n", "accounts.wip"),
        ] {
            let keys = parse_settings(text).unwrap();
            let err = said(&Rules::default().overlay(&keys).unwrap_err());
            assert!(
                err.contains(key) && err.contains("control character"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_reason_code_has_at_most_200_characters() {
        let text = format!("[reasons]\ncount = [\"COUNT\", \"{}\"]\n", "R".repeat(201));
        let keys = parse_settings(&text).unwrap();
        let err = said(&Rules::default().overlay(&keys).unwrap_err());
        assert!(
            err.contains("reasons.count") && err.contains("201 characters"),
            "{err}"
        );
    }

    #[test]
    fn with_users_the_store_wins_and_differing_keys_are_named() {
        let stored = Rules::default();
        let config =
            parse_settings("[policy]\noverride_tolerance_pct = 50\nlockout_minutes = 15\n")
                .unwrap();
        let open = effective(&stored, &config, false, "c.toml").unwrap();
        assert_eq!(open.rules.policy.override_tolerance_pct, Decimal::from(50));
        let guarded = effective(&stored, &config, true, "c.toml").unwrap();
        assert_eq!(guarded.rules, stored);
        assert_eq!(
            guarded.ignored,
            [Ignored {
                origin: "c.toml".to_string(),
                key: "policy.override_tolerance_pct".to_string()
            }]
        );
    }

    /// The refusals are data: the key, the value, the range, the character; the command line
    /// words them as it always has.
    #[test]
    fn refusals_carry_the_key_and_what_is_wrong() {
        let keys = parse_settings("[policy]\nlockout_minutes = 1441\n").unwrap();
        assert_eq!(
            Rules::default().overlay(&keys).unwrap_err(),
            RuleProblem::OutOfRange {
                key: "policy.lockout_minutes".to_string(),
                value: "1441".to_string(),
                min: 1,
                max: 1440,
            }
        );
        let keys = parse_settings("[accounts]\nwip = \"WIP\\u0007\"\n").unwrap();
        assert_eq!(
            Rules::default().overlay(&keys).unwrap_err(),
            RuleProblem::Text {
                key: "accounts.wip".to_string(),
                problem: TextProblem::Control('\u{7}'),
            }
        );
        let keys = parse_settings("[reasons]\nscrap = []\n").unwrap();
        let err = Rules::default().overlay(&keys).unwrap_err();
        assert_eq!(
            err,
            RuleProblem::NoReason {
                key: "reasons.scrap".to_string()
            }
        );
        assert_eq!(
            said(&err),
            "reasons.scrap is empty; it needs at least one reason code"
        );
        assert_eq!(
            parse_settings("policy = 1\n").unwrap_err(),
            RuleProblem::NotATable {
                section: "policy".to_string()
            }
        );
        let err = parse_settings("[policy\n").unwrap_err();
        assert_eq!(said(&err), "unclosed table, expected `]` (line 1)");
        let err = parse_settings("[store]\n").unwrap_err();
        assert_eq!(
            said(&err),
            "unknown key store: settings.toml holds only [policy], [reasons] and [accounts]"
        );
        let keys =
            parse_settings("[policy]\nlockout_attempts = \"x\"\nlockout_minutes = 5\n").unwrap();
        let err = Rules::default().overlay(&keys).unwrap_err();
        assert!(
            matches!(&err, RuleProblem::Shape { key: Some(k), .. } if k == "policy.lockout_attempts"),
            "{err:?}"
        );
    }
}
