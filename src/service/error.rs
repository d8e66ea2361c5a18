//! Why a service call was refused or failed, as data.
//!
//! Every variant renders as one sentence that names the offending input; callers decide what
//! to do from the variant (the terminal asks for a lead on [`ServiceError::NeedsApproval`], the
//! command line takes its exit status and SPEC §4 JSON `kind` from [`ServiceError::kind`]),
//! never from the wording.

use chrono::{DateTime, Utc};
use serde::Serialize;
use thiserror::Error;

use crate::domain::backflush::ReportError;
use crate::domain::issue::IssueError;
use crate::import::ImportError;
use crate::store::StoreError;

/// The SPEC §4 error `kind`: what sort of refusal, for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Usage,
    NotFound,
    Invalid,
    Forbidden,
    NeedsApproval,
    Auth,
    Conflict,
    Refused,
    Store,
}

impl ErrorKind {
    /// The JSON text of the kind.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NeedsApproval => "needs_approval",
            ErrorKind::Auth => "auth",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Refused => "refused",
            ErrorKind::Store => "store",
        }
    }
}

/// What sort of thing was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Item,
    Location,
    WorkCenter,
    Order,
    Report,
    Exception,
    Lot,
    Consumer,
    Badge,
}

impl Thing {
    fn as_str(self) -> &'static str {
        match self {
            Thing::Item => "item",
            Thing::Location => "location",
            Thing::WorkCenter => "work center",
            Thing::Order => "order",
            Thing::Report => "report",
            Thing::Exception => "exception",
            Thing::Lot => "lot",
            Thing::Consumer => "consumer",
            Thing::Badge => "badge",
        }
    }
}

impl std::fmt::Display for Thing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused login or PIN (SPEC §6).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AuthError {
    #[error("badge {badge} is not a known user")]
    UnknownBadge { badge: String },
    #[error("users exist, so to {action} give --user BADGE (PIN in BACKFLUSH_PIN)")]
    NoUser { action: &'static str },
    #[error("badge {badge} needs its PIN (BACKFLUSH_PIN)")]
    PinMissing { badge: String },
    #[error("wrong PIN for badge {badge}; {}", attempts(*attempts_left))]
    WrongPin { badge: String, attempts_left: u32 },
    #[error("badge {badge} is locked after too many wrong PINs until {}", until.format("%H:%M UTC"))]
    Locked { badge: String, until: DateTime<Utc> },
    #[error("cannot read the PIN for badge {badge}: {cause}")]
    PinUnreadable { badge: String, cause: String },
}

fn attempts(left: u32) -> String {
    match left {
        0 => "the badge is now locked".to_string(),
        1 => "1 attempt left".to_string(),
        n => format!("{n} attempts left"),
    }
}

/// Why a service call was refused or failed. The message is one sentence naming the input.
#[derive(Debug, Error)]
pub enum ServiceError {
    /// The engine refused the report.
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The hand issue was refused (SPEC §9).
    #[error(transparent)]
    Issue(#[from] IssueError),
    /// A code that names nothing.
    #[error("{}", not_found(*what, code))]
    NotFound { what: Thing, code: String },
    /// A report or order has no line of that key (`owner`: "report 5").
    #[error("{owner} has no line {key}")]
    NoLine { owner: String, key: String },
    /// A value that is not acceptable where it was given: "{field} {value} {why}", `why`
    /// starting with a verb ("is not one of …", "must be …").
    #[error("{field} {value} {why}")]
    Invalid {
        field: String,
        value: String,
        why: String,
    },
    /// The user's role may not do this.
    #[error("{user} ({role}) may not {action}; it needs the role {needs}")]
    Forbidden {
        user: String,
        role: String,
        action: &'static str,
        needs: String,
    },
    /// The user may do this only with a lead's badge and PIN.
    #[error("{user} may not {action} alone: {why}; a lead must approve with badge and PIN")]
    NeedsApproval {
        user: String,
        action: &'static str,
        /// The line that needs it, where one does.
        line: Option<String>,
        why: String,
    },
    /// An idempotency key already posted a different request.
    #[error("key {key} was already used for a different request ({first}); use a new key")]
    Conflict {
        key: String,
        /// What the key posted first: "report 5", "issue 3".
        first: String,
    },
    /// An idempotency key already posted a different request of another kind of posting.
    #[error("key {key} was already used for a different request ({command}); use a new key")]
    KeyUsed { key: String, command: String },
    /// A file outside the store cannot be read or written.
    #[error("cannot {what}: {cause}")]
    Io { what: String, cause: String },
    /// A plant rule refuses it (a state that does not allow it, a policy).
    #[error("{0}")]
    Refused(String),
}

fn not_found(what: Thing, code: &str) -> String {
    match what {
        Thing::Order | Thing::Report | Thing::Exception => format!("{what} {code} does not exist"),
        _ => format!("unknown {what} {code}"),
    }
}

impl ServiceError {
    /// The SPEC §4 `kind` of the error.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            ServiceError::Report(e) => report_kind(e),
            ServiceError::Store(e) => store_kind(e),
            ServiceError::Import(ImportError::Store(e)) => store_kind(e),
            ServiceError::Import(_) | ServiceError::Invalid { .. } => ErrorKind::Invalid,
            ServiceError::Auth(_) => ErrorKind::Auth,
            ServiceError::Issue(IssueError::Short { .. }) => ErrorKind::Refused,
            ServiceError::Issue(_) => ErrorKind::Invalid,
            ServiceError::NotFound { .. } | ServiceError::NoLine { .. } => ErrorKind::NotFound,
            ServiceError::Forbidden { .. } => ErrorKind::Forbidden,
            ServiceError::NeedsApproval { .. } => ErrorKind::NeedsApproval,
            ServiceError::Conflict { .. } | ServiceError::KeyUsed { .. } => ErrorKind::Conflict,
            ServiceError::Refused(_) | ServiceError::Io { .. } => ErrorKind::Refused,
        }
    }

    /// Shorthand for [`ServiceError::NotFound`].
    pub fn not_found(what: Thing, code: impl Into<String>) -> Self {
        ServiceError::NotFound {
            what,
            code: code.into(),
        }
    }

    /// Shorthand for [`ServiceError::Io`]: `what` says what could not be done ("write X").
    pub fn io(what: impl Into<String>, cause: impl std::fmt::Display) -> Self {
        ServiceError::Io {
            what: what.into(),
            cause: cause.to_string(),
        }
    }

    /// Shorthand for [`ServiceError::Invalid`].
    pub fn invalid(
        field: impl Into<String>,
        value: impl Into<String>,
        why: impl Into<String>,
    ) -> Self {
        ServiceError::Invalid {
            field: field.into(),
            value: value.into(),
            why: why.into(),
        }
    }
}

fn report_kind(e: &ReportError) -> ErrorKind {
    match e {
        ReportError::UnknownOperation { .. }
        | ReportError::UnknownLine { .. }
        | ReportError::UnknownItem(_)
        | ReportError::UnknownWorkCenter(_) => ErrorKind::NotFound,
        ReportError::NotCountPoint { .. } | ReportError::OverReport { .. } => ErrorKind::Refused,
        ReportError::Blocked(_) => ErrorKind::Refused,
        ReportError::BadQuantity { .. }
        | ReportError::NothingReported
        | ReportError::AmbiguousKey { .. }
        | ReportError::ManualOverride { .. }
        | ReportError::DuplicateOverride { .. }
        | ReportError::SkipWithOverride { .. }
        | ReportError::BadOverride { .. }
        | ReportError::Lot { .. }
        | ReportError::FinishedLot(_)
        | ReportError::TooLarge(_) => ErrorKind::Invalid,
    }
}

fn store_kind(e: &StoreError) -> ErrorKind {
    match e {
        // The random source has always been reported as a refusal.
        StoreError::Refused(_) | StoreError::Random { .. } => ErrorKind::Refused,
        StoreError::NotFound(_) => ErrorKind::NotFound,
        _ => ErrorKind::Store,
    }
}

/// Result of a service call.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_the_spec_texts() {
        let e = ServiceError::not_found(Thing::Order, "WO-9");
        assert_eq!(e.kind().as_str(), "not_found");
        assert_eq!(e.to_string(), "order WO-9 does not exist");
        let e = ServiceError::not_found(Thing::Item, "X");
        assert_eq!(e.to_string(), "unknown item X");
        let e = ServiceError::from(AuthError::WrongPin {
            badge: "1001".into(),
            attempts_left: 4,
        });
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert_eq!(e.to_string(), "wrong PIN for badge 1001; 4 attempts left");
        assert_eq!(
            serde_json::to_string(&ErrorKind::NeedsApproval)
                .ok()
                .as_deref(),
            Some("\"needs_approval\"")
        );
    }
}
