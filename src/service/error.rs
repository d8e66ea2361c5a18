//! Why a service call was refused or failed, as data.
//!
//! Every variant renders as one sentence that names the offending input; callers decide what
//! to do from the variant (the terminal asks for a lead on [`ServiceError::NeedsApproval`], the
//! command line takes its exit status and JSON `kind` from [`ServiceError::kind`]),
//! never from the wording. (The file passes 500 lines by its tests, which pin the `kind` and
//! the exact sentence of each refusal.)

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use thiserror::Error;

use crate::domain::backflush::ReportError;
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::{ExceptionId, ReportId};
use crate::domain::issue::IssueError;
use crate::domain::qty::Quantity;
use crate::import::ImportError;
use crate::store::StoreError;

/// The error `kind`: what sort of refusal, for scripts.
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

/// A refused login or PIN.
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
    /// Every attempt the badge has left is held by PIN checks still in progress, and none
    /// ended in the few seconds this one waited.
    #[error(
        "badge {badge} has PIN checks in progress that hold every attempt left; try again in a moment"
    )]
    Busy { badge: String },
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
    /// The hand issue was refused.
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
        /// Whether a lead's badge and PIN would let this user do it.
        approvable: bool,
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
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The result of a keyed posting cannot be written as JSON to keep for its replays.
    #[error("cannot keep the result of key {key}: {cause}")]
    Unkeepable {
        key: String,
        #[source]
        cause: serde_json::Error,
    },
    /// A report of a batch whose group of reports could not be committed: every report of
    /// the group fails with the group's failure (`kind` `refused`, as a refused line of the
    /// batch).
    #[error("{group}")]
    BatchGroup { group: Arc<ServiceError> },
}

/// A plant rule or state that refuses a request (`kind` `refused`), naming what it is
/// about.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    /// The full-screen terminal was asked for where there is no terminal.
    #[error(
        "the full-screen terminal needs a terminal on standard output; use the commands (backflush --help) in scripts"
    )]
    NoTerminal,
    /// A correction of a report that is reversed.
    #[error("report {report} is reversed")]
    ReportReversed { report: ReportId },
    /// A correction of a manual-issue line, which the report did not issue.
    #[error("line {line} of report {report} is a manual-issue line; it was not issued here")]
    ManualLine { report: ReportId, line: String },
    /// A movement out of `location` of more than it holds, where negative stock is refused.
    #[error("{needed} {item} needed at {location}, only {on_hand} on hand")]
    NotOnHand {
        item: ItemCode,
        location: LocationCode,
        needed: Quantity,
        on_hand: Quantity,
    },
    /// The unexpired lots of `item` at `location` do not cover a correction and no lot was
    /// named.
    #[error(
        "{item} at {location}: the unexpired lots hold only {available}; name the lots with --lot"
    )]
    LotsUncovered {
        item: ItemCode,
        location: LocationCode,
        available: Quantity,
        shortfall: Quantity,
    },
    /// A material line that is always issued by hand cannot be flagged to backflush;
    /// `reason` is the engine's ("the item is serial-tracked").
    #[error(
        "line {line} ({component}) of order {order} cannot be set to backflush: {reason}; it is issued by hand"
    )]
    AlwaysManual {
        order: OrderNo,
        line: String,
        component: ItemCode,
        reason: &'static str,
    },
    /// Only an open exception can be cancelled.
    #[error("exception {id} is not open")]
    ExceptionNotOpen { id: ExceptionId },
}

fn not_found(what: Thing, code: &str) -> String {
    match what {
        Thing::Order | Thing::Report | Thing::Exception => format!("{what} {code} does not exist"),
        _ => format!("unknown {what} {code}"),
    }
}

impl ServiceError {
    /// The `kind` of the error.
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
            ServiceError::Refused(_)
            | ServiceError::Io { .. }
            | ServiceError::Unkeepable { .. }
            | ServiceError::BatchGroup { .. } => ErrorKind::Refused,
        }
    }

    /// The same error naming the store's file `path` where it did not name it (a failure of
    /// SQLite, or a value read back that no version writes): a face that knows which store it
    /// opened says so in every error of it.
    #[must_use]
    pub fn at_store(self, path: &str) -> Self {
        self.named_at(path).unwrap_or(self)
    }

    /// The error's sentence, naming the store's file `path` where it is the store's.
    #[must_use]
    pub fn said_at(&self, path: &str) -> String {
        self.named_at(path)
            .map_or_else(|| self.to_string(), |e| e.to_string())
    }

    /// Whether the error is the store's and does not name its file yet.
    #[must_use]
    pub fn lacks_store_path(&self) -> bool {
        self.named_at("").is_some()
    }

    fn named_at(&self, path: &str) -> Option<Self> {
        match self {
            ServiceError::Store(e) => e.at_path(path).map(ServiceError::Store),
            ServiceError::Import(ImportError::Store(e)) => e
                .at_path(path)
                .map(|e| ServiceError::Import(ImportError::Store(e))),
            ServiceError::BatchGroup { group } => {
                group.named_at(path).map(|group| ServiceError::BatchGroup {
                    group: Arc::new(group),
                })
            }
            _ => None,
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
        let e = ServiceError::from(AuthError::Busy {
            badge: "1001".into(),
        });
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert_eq!(
            e.to_string(),
            "badge 1001 has PIN checks in progress that hold every attempt left; try again in a moment"
        );
        assert_eq!(
            serde_json::to_string(&ErrorKind::NeedsApproval)
                .ok()
                .as_deref(),
            Some("\"needs_approval\"")
        );
    }

    fn q(text: &str) -> Quantity {
        crate::domain::qty::parse(text).unwrap()
    }

    /// The `kind` and the sentence of a refusal.
    fn said(e: impl Into<ServiceError>) -> (ErrorKind, String) {
        let e = e.into();
        (e.kind(), e.to_string())
    }

    fn refused(text: &str) -> (ErrorKind, String) {
        (ErrorKind::Refused, text.to_string())
    }

    #[test]
    fn a_refusal_is_refused_and_names_the_report_line_and_exception() {
        assert_eq!(
            said(Refusal::NoTerminal),
            refused(
                "the full-screen terminal needs a terminal on standard output; use the commands (backflush --help) in scripts"
            )
        );
        assert_eq!(
            said(Refusal::ReportReversed {
                report: ReportId(4)
            }),
            refused("report 4 is reversed")
        );
        assert_eq!(
            said(Refusal::ManualLine {
                report: ReportId(4),
                line: "2.1".into(),
            }),
            refused("line 2.1 of report 4 is a manual-issue line; it was not issued here")
        );
        assert_eq!(
            said(Refusal::AlwaysManual {
                order: "WO-1".into(),
                line: "3".into(),
                component: "RM-SER".into(),
                reason: "the item is serial-tracked",
            }),
            refused(
                "line 3 (RM-SER) of order WO-1 cannot be set to backflush: the item is serial-tracked; it is issued by hand"
            )
        );
        assert_eq!(
            said(Refusal::ExceptionNotOpen { id: ExceptionId(9) }),
            refused("exception 9 is not open")
        );
    }

    #[test]
    fn a_stock_refusal_names_the_item_location_and_quantities() {
        assert_eq!(
            said(Refusal::NotOnHand {
                item: "RM-BOLT".into(),
                location: "M-ASM".into(),
                needed: q("2.50"),
                on_hand: q("1"),
            }),
            refused("2.5 RM-BOLT needed at M-ASM, only 1 on hand")
        );
        assert_eq!(
            said(Refusal::LotsUncovered {
                item: "RM-RESIN".into(),
                location: "M-ASM".into(),
                available: q("3"),
                shortfall: q("2"),
            }),
            refused("RM-RESIN at M-ASM: the unexpired lots hold only 3; name the lots with --lot")
        );
    }

    #[test]
    fn the_store_refusals_stay_refused() {
        use crate::store::{StoreRefusal, TransferRefusal};
        assert_eq!(
            said(StoreError::from(StoreRefusal::AlreadyReversed {
                report: ReportId(5)
            })),
            refused("report 5 is already reversed")
        );
        assert_eq!(
            said(StoreError::from(StoreRefusal::Transfer {
                item: "RM-BOLT".into(),
                qty: q("5"),
                from: "STORES".into(),
                why: TransferRefusal::Short { on_hand: q("2") },
            })),
            refused("transfer of 5 RM-BOLT from STORES refused: only 2 on hand there")
        );
        assert_eq!(
            said(StoreError::from(StoreRefusal::AckPastLast {
                consumer: "erp".into(),
                through: 9,
                last: 6,
            })),
            refused("consumer erp cannot acknowledge seq 9: the last seq of the store is 6")
        );
        assert_eq!(
            said(StoreError::Random {
                cause: "no entropy".into()
            }),
            refused("the OS random source failed: no entropy")
        );
        assert_eq!(
            said(ImportError::Store(StoreError::from(
                StoreRefusal::AlreadyReversed {
                    report: ReportId(5)
                }
            ))),
            refused("report 5 is already reversed")
        );
    }

    #[test]
    fn an_unkeepable_result_names_its_key() {
        let not_json = std::collections::BTreeMap::from([((1, 2), 3)]);
        let cause = serde_json::to_string(&not_json).unwrap_err();
        assert_eq!(
            said(ServiceError::Unkeepable {
                key: "k-7".into(),
                cause,
            }),
            refused("cannot keep the result of key k-7: key must be a string")
        );
    }

    #[test]
    fn a_failed_batch_group_says_its_failure_for_each_report_as_refused() {
        let group = Arc::new(ServiceError::not_found(Thing::Order, "WO-9"));
        assert_eq!(group.kind(), ErrorKind::NotFound);
        let (first, second) = (
            ServiceError::BatchGroup {
                group: Arc::clone(&group),
            },
            ServiceError::BatchGroup { group },
        );
        assert_eq!(said(first), refused("order WO-9 does not exist"));
        assert_eq!(said(second), refused("order WO-9 does not exist"));
    }
}
