//! `backflush settings`: the plant's rules in the store.

use serde_json::Value;

use super::output::{Out, Show};
use super::{Cli, Failure, Outcome, open_service};
use crate::config::rules::{Rules, SECTIONS};

struct Settings(Rules);

impl Show for Settings {
    fn json(&self) -> impl serde::Serialize {
        // As a `Value`: its keys sorted, the bytes `settings --json` has always printed.
        serde_json::to_value(&self.0).unwrap_or_default()
    }

    /// As TOML: the text is a `settings.toml` that imports the same rules.
    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let flat = self.0.flatten();
        for (n, section) in SECTIONS.iter().enumerate() {
            if n > 0 {
                out.line(format_args!(""))?;
            }
            out.line(format_args!("[{section}]"))?;
            for (key, value) in flat
                .iter()
                .filter_map(|(k, v)| Some((k.strip_prefix(section)?.strip_prefix('.')?, v)))
            {
                // Percentages are decimals held as text; TOML writes them as numbers.
                match value {
                    Value::String(text) if text.parse::<rust_decimal::Decimal>().is_ok() => {
                        out.line(format_args!("{key} = {text}"))?;
                    }
                    _ => out.line(format_args!("{key} = {value}"))?,
                }
            }
        }
        Ok(())
    }
}

/// `backflush settings [--json]`.
pub fn settings(cli: &Cli) -> Outcome {
    let service = open_service(cli)?;
    let rules = service.stored_rules()?;
    Out::new(cli.json).show(&Settings(rules))
}
