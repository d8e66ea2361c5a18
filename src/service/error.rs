//! Why a service call was refused or failed, as data.
//!
//! Every variant carries what the refusal is about (the input, the line, the numbers); the
//! faces word it (the command line in its `words` module, the terminal in its strings). Callers
//! decide what to do from the variant (the terminal asks for a lead on [`ServiceError::NeedsApproval`], the
//! command line takes its exit status and JSON `kind` from [`ServiceError::kind`]),
//! never from the wording. (The file passes 500 lines by its tests, which pin the `kind` and
//! the exact sentence of each refusal.)

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use rust_decimal::Decimal;

use crate::domain::backflush::{ManualReason, ReportError};
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::{ExceptionId, IssueId, ReportId};
use crate::domain::issue::IssueError;
use crate::domain::lots::LinePlanError;
use crate::domain::master::{ItemType, Tracking};
use crate::domain::qty::Quantity;
use crate::import::ImportError;
use crate::service::auth::{Permission, Role};
use crate::service::reasons::ReasonKind;
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

/// Which input a value came from. Each face names it its own way: the command line by its
/// option, the terminal by its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The store file a new store is made at.
    Db,
    Qty,
    /// A counted quantity.
    Count,
    Lot,
    /// The lots named for an item.
    LotsOf(ItemCode),
    Reason,
    /// A reason code of one kind.
    KindReason(ReasonKind),
    ReversalReason,
    Substitute,
    SubstituteQty,
    ReturnQty,
    ScrapAdjustment,
    Correction,
    Line,
    Item,
    Order,
    Location,
    Days,
    TransferTo,
    TransferQty,
    Consumer,
    /// The plant rules file.
    Config,
    /// A code of a kind of thing, as typed.
    Code(Thing),
}

/// What is wrong with a value given for a [`Field`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The store file exists already with data.
    Exists,
    /// A serial counted as more than 1.
    SerialCount {
        item: ItemCode,
    },
    /// A count that differs from the book by more than `limit` percent, given without a reason:
    /// `diff` is counted − book, `pct` its percentage of the book (none when the book is 0).
    CountDiffers {
        item: ItemCode,
        location: LocationCode,
        book: Quantity,
        diff: Quantity,
        pct: Option<Decimal>,
        limit: Decimal,
        codes: Vec<String>,
    },
    /// A lot given for an item that is neither lot- nor serial-tracked.
    Untracked {
        item: ItemCode,
    },
    /// No lot given for a tracked item.
    LotNeeded {
        item: ItemCode,
        tracking: Tracking,
    },
    /// Named lots that do not fit the movement.
    LotsDoNotFit(LinePlanError),
    /// A code not in its list.
    NotOneOf {
        codes: Vec<String>,
    },
    /// A substitute that is the line's own item.
    AlreadyTheItem {
        line: String,
    },
    NotPositive,
    /// More than the line issued (`item`: the item, where it is named).
    ExceedsIssued {
        issued: Quantity,
        item: Option<ItemCode>,
        line: String,
    },
    /// A scrap correction beyond the line's component scrap so far.
    ExceedsScrap {
        scrap: Quantity,
        line: String,
    },
    /// A substitution that returns nothing and gives no quantity of its own.
    NothingIssued {
        report: ReportId,
        item: ItemCode,
    },
    ChangesNothing,
    /// Outside `min`..=`max`.
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A transfer to the location it is from.
    SameAsFrom {
        from: LocationCode,
    },
    /// An item key that matches several lines.
    OnLines {
        lines: Vec<String>,
        owner: Owner,
    },
    /// A location given for a non-stock item.
    NonStock {
        item: ItemCode,
    },
    /// An item of a type that holds no stock.
    /// A location of another kind where a machine location is wanted.
    NotMachine {
        kind: crate::domain::master::LocationKind,
    },
    HoldsNoStock {
        item_type: ItemType,
    },
    /// Empty or holding control characters.
    NotAName,
    /// An item traced by lot that is neither lot- nor serial-tracked: it has no lots.
    NotLotTracked,
    /// A reversal reason left empty.
    Empty,
    /// The plant rules are refused: why.
    Config {
        problem: crate::domain::plant_rules::RuleProblem,
    },
    /// A code typed in another case that matches several stored codes differing only in
    /// case.
    DiffersInCase {
        codes: Vec<String>,
    },
    /// A partial code that matches several orders (the first of them).
    Matches {
        orders: Vec<String>,
        more: bool,
    },
}

/// What a lead must approve, on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    /// An override that differs from planned by more than the tolerance.
    LargerOverride {
        line: String,
        item: ItemCode,
        planned: Quantity,
        tolerance_pct: Decimal,
    },
    /// Expired lots named on a line.
    ExpiredLot {
        line: String,
        item: ItemCode,
        lots: Vec<String>,
    },
    /// An operator's own report posted longer ago than they may reverse it alone:
    /// `undo_minutes` the window, `ago` the whole minutes since it was posted.
    UndoWindow {
        report: ReportId,
        undo_minutes: i64,
        ago: i64,
    },
}

/// What an idempotency key posted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstUse {
    Report(ReportId),
    Issue(IssueId),
}

/// What could not be done with a file or the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoWhat {
    /// Read the file at the path.
    Read(String),
    /// Write the file of that name.
    Write(String),
    /// Create the directory at the path.
    Create(String),
    /// Write the demo plant's files into the directory at the path.
    WriteDemo(String),
    RunTerminal,
    DrawFrame,
}

/// What has lines: a posted report or an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Report(ReportId),
    Order(String),
}

/// A refused login or PIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    UnknownBadge {
        badge: String,
    },
    /// Users exist, and no badge was given to do `action`.
    NoUser {
        action: Permission,
    },
    PinMissing {
        badge: String,
    },
    WrongPin {
        badge: String,
        attempts_left: u32,
        /// Until when the badge is locked, when this wrong PIN locked it (or found it locked
        /// by wrong PINs checked beside it).
        locked_until: Option<DateTime<Utc>>,
    },
    Locked {
        badge: String,
        until: DateTime<Utc>,
    },
    /// A badge given as a lead's approval that is not a lead's (nor an admin's): refused
    /// before its PIN is asked or counted.
    NotALead {
        badge: String,
        role: Role,
    },
    /// Every attempt the badge has left is held by PIN checks still in progress, and none
    /// ended in the few seconds this one waited.
    Busy {
        badge: String,
    },
    PinUnreadable {
        badge: String,
        cause: String,
    },
}

/// Why a service call was refused or failed. The message is one sentence naming the input.
#[derive(Debug)]
pub enum ServiceError {
    /// The engine refused the report.
    Report(ReportError),
    Store(StoreError),
    Import(ImportError),
    Auth(AuthError),
    /// The hand issue was refused.
    Issue(IssueError),
    /// A code that names nothing.
    NotFound {
        what: Thing,
        code: String,
    },
    /// A lot the store never held of a known item.
    LotNeverHeld {
        item: String,
        lot: String,
    },
    /// A report or order has no line of that key.
    NoLine {
        owner: Owner,
        key: String,
    },
    /// A value (as it was given) that is not acceptable for its field, and why.
    Invalid {
        field: Field,
        value: String,
        /// Boxed: some reasons carry many figures, and every result of the service would
        /// otherwise be as large as they are.
        why: Box<Why>,
    },
    /// The user's role may not do this.
    Forbidden {
        user: String,
        role: Role,
        action: Permission,
        /// The roles that may do it alone.
        needs: Vec<Role>,
        /// Whether a lead's badge and PIN would let this user do it.
        approvable: bool,
    },
    /// The user may do this only with a lead's badge and PIN.
    NeedsApproval {
        user: String,
        role: Option<Role>,
        needs: Approval,
    },
    /// An idempotency key already posted a different request.
    Conflict {
        key: String,
        /// What the key posted first.
        first: FirstUse,
    },
    /// An idempotency key already posted a different request of another kind of posting.
    KeyUsed {
        key: String,
        command: String,
    },
    /// A file outside the store cannot be read or written.
    Io {
        what: IoWhat,
        cause: String,
    },
    /// A plant rule refuses it (a state that does not allow it, a policy).
    Refused(Refusal),
    /// The result of a keyed posting cannot be written as JSON to keep for its replays.
    Unkeepable {
        key: String,
        cause: serde_json::Error,
    },
    /// A report of a batch whose group of reports could not be committed: every report of
    /// the group fails with the group's failure.
    BatchGroup {
        group: Arc<ServiceError>,
    },
}

/// A plant rule or state that refuses a request (`kind` `refused`), naming what it is
/// about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The full-screen terminal was asked for where there is no terminal.
    NoTerminal,
    /// A correction of a report that is reversed.
    ReportReversed { report: ReportId },
    /// A correction of a manual-issue line, which the report did not issue.
    ManualLine { report: ReportId, line: String },
    /// A movement out of `location` of more than it holds, where negative stock is refused.
    NotOnHand {
        item: ItemCode,
        location: LocationCode,
        needed: Quantity,
        on_hand: Quantity,
    },
    /// The unexpired lots of `item` at `location` do not cover a correction and no lot was
    /// named.
    LotsUncovered {
        item: ItemCode,
        location: LocationCode,
        available: Quantity,
        shortfall: Quantity,
    },
    /// A material line that is always issued by hand cannot be flagged to backflush;
    /// `reason` is the engine's.
    AlwaysManual {
        order: OrderNo,
        line: String,
        component: ItemCode,
        reason: ManualReason,
    },
    /// Only an open exception can be cancelled.
    ExceptionNotOpen { id: ExceptionId },
    /// A closed order takes nothing: no report, issue, correction, reversal or close.
    OrderClosed { order: OrderNo },
    /// An order closes only once nothing of it waits in the exception queue.
    OpenExceptions {
        order: OrderNo,
        exceptions: Vec<ExceptionId>,
    },
    /// A close below the order quantity at the last operation needs a reason.
    ShortNeedsReason {
        order: OrderNo,
        good: Quantity,
        qty: Quantity,
    },
    /// Only a closed order can be reopened.
    OrderNotClosed { order: OrderNo },
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
            ServiceError::Auth(AuthError::NotALead { .. }) => ErrorKind::Forbidden,
            ServiceError::Auth(_) => ErrorKind::Auth,
            ServiceError::Issue(IssueError::Short { .. }) => ErrorKind::Refused,
            ServiceError::Issue(_) => ErrorKind::Invalid,
            ServiceError::NotFound { .. }
            | ServiceError::LotNeverHeld { .. }
            | ServiceError::NoLine { .. } => ErrorKind::NotFound,
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

    /// Whether the error is the store's and does not name its file yet.
    #[must_use]
    pub fn lacks_store_path(&self) -> bool {
        self.named_at("").is_some()
    }

    /// The same error naming the store's file `path`, where it is the store's and did not
    /// name it yet (`None` otherwise).
    #[must_use]
    pub fn named_at(&self, path: &str) -> Option<Self> {
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

    /// Shorthand for [`ServiceError::Io`]: `cause` is the system's.
    pub fn io(what: IoWhat, cause: impl std::fmt::Display) -> Self {
        ServiceError::Io {
            what,
            cause: cause.to_string(),
        }
    }

    /// Shorthand for [`ServiceError::Invalid`].
    pub fn invalid(field: Field, value: impl Into<String>, why: Why) -> Self {
        ServiceError::Invalid {
            field,
            value: value.into(),
            why: Box::new(why),
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
        StoreError::NoReport { .. } => ErrorKind::NotFound,
        _ => ErrorKind::Store,
    }
}

impl From<ReportError> for ServiceError {
    fn from(e: ReportError) -> Self {
        ServiceError::Report(e)
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        ServiceError::Store(e)
    }
}

impl From<ImportError> for ServiceError {
    fn from(e: ImportError) -> Self {
        ServiceError::Import(e)
    }
}

impl From<AuthError> for ServiceError {
    fn from(e: AuthError) -> Self {
        ServiceError::Auth(e)
    }
}

impl From<IssueError> for ServiceError {
    fn from(e: IssueError) -> Self {
        ServiceError::Issue(e)
    }
}

impl From<Refusal> for ServiceError {
    fn from(e: Refusal) -> Self {
        ServiceError::Refused(e)
    }
}

/// Result of a service call.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_the_json_texts() {
        let e = ServiceError::not_found(Thing::Order, "WO-9");
        assert_eq!(e.kind().as_str(), "not_found");
        let e = ServiceError::from(AuthError::WrongPin {
            badge: "1001".into(),
            attempts_left: 4,
            locked_until: None,
        });
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert_eq!(
            serde_json::to_string(&ErrorKind::NeedsApproval)
                .ok()
                .as_deref(),
            Some("\"needs_approval\"")
        );
    }

    #[test]
    fn refusals_of_the_store_and_the_rules_are_refused() {
        use crate::store::StoreRefusal;
        let refused = |e: ServiceError| e.kind();
        assert_eq!(refused(Refusal::NoTerminal.into()), ErrorKind::Refused);
        assert_eq!(
            refused(
                StoreError::from(StoreRefusal::AlreadyReversed {
                    report: ReportId(5)
                })
                .into()
            ),
            ErrorKind::Refused
        );
        assert_eq!(
            refused(
                StoreError::Random {
                    cause: "no entropy".into()
                }
                .into()
            ),
            ErrorKind::Refused
        );
        assert_eq!(
            refused(
                ImportError::Store(StoreError::from(StoreRefusal::AlreadyReversed {
                    report: ReportId(5)
                }))
                .into()
            ),
            ErrorKind::Refused
        );
        let group = Arc::new(ServiceError::not_found(Thing::Order, "WO-9"));
        assert_eq!(group.kind(), ErrorKind::NotFound);
        assert_eq!(
            refused(ServiceError::BatchGroup { group }),
            ErrorKind::Refused
        );
    }
}
