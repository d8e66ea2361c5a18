//! Reason codes: the lists the plant allows, read through one method so that
//! where they are kept (config today, the store's plant rules later) is decided in one place.

use std::collections::BTreeMap;

use super::{Field, Result, Service, ServiceError, Why};

/// Which list of reason codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonKind {
    /// A lead's scrap adjustment.
    Scrap,
    /// An override or a skip of a report line.
    Override,
    /// A cycle count beyond `count_confirm_pct`.
    Count,
}

impl ReasonKind {
    /// The list's key under `[reasons]`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            ReasonKind::Scrap => "scrap",
            ReasonKind::Override => "override",
            ReasonKind::Count => "count",
        }
    }
}

/// The reason codes of a report's overrides and skips: one for every line (`report --reason`),
/// or one per line id (the terminal asks line by line); a line's own code wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverrideReasons {
    pub all: Option<String>,
    pub lines: BTreeMap<String, String>,
}

impl Service {
    /// The reason codes the plant allows for `kind` (the store's rules once users exist).
    #[must_use]
    pub fn reasons(&self, kind: ReasonKind) -> Vec<String> {
        let pick = |r: &crate::config::ReasonsConfig| match kind {
            ReasonKind::Scrap => r.scrap.clone(),
            ReasonKind::Override => r.r#override.clone(),
            ReasonKind::Count => r.count.clone(),
        };
        match self.rules() {
            Ok(rules) => pick(&rules.rules.reasons),
            // A store that cannot be read refuses the posting itself; the list falls back to
            // this terminal's file.
            Err(_) => pick(&self.config.reasons),
        }
    }

    /// `code` as the list spells it; refused (naming the code and the list) when it is not in
    /// the list of `kind`.
    ///
    /// # Errors
    /// A code that is not in the list.
    pub fn check_reason(&self, kind: ReasonKind, code: &str) -> Result<String> {
        let list = self.reasons(kind);
        list.iter()
            .find(|r| r.eq_ignore_ascii_case(code.trim()))
            .cloned()
            .ok_or_else(|| {
                ServiceError::invalid(
                    Field::KindReason(kind),
                    code,
                    Why::NotOneOf {
                        codes: list.clone(),
                    },
                )
            })
    }
}
