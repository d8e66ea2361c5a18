//! Why the plant's rules (`[policy]`, `[reasons]`, `[accounts]` of a config file, of an
//! import's `settings.toml` or of the store) are refused: data the faces word.

use super::text::TextProblem;

/// A refused key or file of the plant's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleProblem {
    /// The reader cannot take the keys (an unknown key, a value of the wrong type): its own
    /// account, with the key when it is known.
    Shape { key: Option<String>, cause: String },
    /// A number outside its range; `key` is dotted (`policy.lockout_attempts`).
    OutOfRange {
        key: String,
        value: String,
        min: i64,
        max: i64,
    },
    /// A reason list (`reasons.count`) without a single reason code.
    NoReason { key: String },
    /// A reason code or account name that cannot be kept as a code.
    Text { key: String, problem: TextProblem },
    /// A section (`policy`) that is not a table.
    NotATable { section: String },
    /// A value the reader cannot carry over: its own account.
    Value { key: String, cause: String },
    /// `settings.toml` is not TOML: the reader's account and the line.
    Toml { cause: String, line: usize },
    /// `settings.toml` holds a table other than the three sections.
    UnknownSection { section: String },
}
