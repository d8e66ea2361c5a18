//! A posting as data: everything one posting writes (ledger movements, journal entries,
//! exception changes, its own records, the first result kept under its key), planned here
//! and written by the store's one apply path in the transaction the posting read in. The
//! builders that turn a request into a plan live beside it (`posting::issue`, …), so every
//! decision of a posting (kind, source, reason, accounts) is made in one place.

use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::{ExceptionId, IssueId, ReportId};
use crate::domain::journal::{self, Account, AccountNames, Memo};
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::{Money, Quantity};

pub mod adjust;
pub mod close;
pub mod deferred;
pub mod issue;
pub mod lead;
pub mod report;
pub mod reversal;
pub mod transfer;

/// Which posting a plan is: names its outbox row, and whether its events start with a
/// header event of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostingKind {
    /// A report (its `report` event leads its movements and journal).
    Report(ReportId),
    /// The reversal of a report (its `reversal` event leads).
    Reversal(ReportId),
    /// A hand issue or return on an order line.
    Issue,
    Transfer,
    Count,
    /// A lead's scrap adjustment on a report's line.
    Adjustment(ReportId),
    Substitution(ReportId),
    /// Deferred lines posted from the exception queue.
    Retry,
    /// Opening or re-imported balances of `stock.csv`.
    Import,
    /// An exception cancelled: it moves nothing, so it hands the ERP nothing.
    ExceptionCancel,
    /// An order closed: its WIP settled (its `order_closed` event leads its journal).
    Close,
    /// An order reopened: its last settlement reversed (`order_reopened` leads).
    Reopen,
}

impl PostingKind {
    /// The word of the outbox row.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PostingKind::Report(_) => "report",
            PostingKind::Reversal(_) => "reversal",
            PostingKind::Issue => "issue",
            PostingKind::Transfer => "transfer",
            PostingKind::Count => "count",
            PostingKind::Adjustment(_) => "adjustment",
            PostingKind::Substitution(_) => "substitution",
            PostingKind::Retry => "retry",
            PostingKind::Import => "import",
            PostingKind::ExceptionCancel => "exception_cancel",
            PostingKind::Close => "close",
            PostingKind::Reopen => "reopen",
        }
    }

    /// The report the posting belongs to, if any.
    #[must_use]
    pub fn report_id(self) -> Option<ReportId> {
        match self {
            PostingKind::Report(id)
            | PostingKind::Reversal(id)
            | PostingKind::Adjustment(id)
            | PostingKind::Substitution(id) => Some(id),
            _ => None,
        }
    }

    /// Whether the posting's events start with a header event of its own.
    #[must_use]
    pub fn has_header(self) -> bool {
        matches!(
            self,
            PostingKind::Report(_)
                | PostingKind::Reversal(_)
                | PostingKind::Close
                | PostingKind::Reopen
        )
    }
}

/// One ledger movement to write.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerMove {
    pub kind: MovementKind,
    pub source: Source,
    pub item: ItemCode,
    pub location: LocationCode,
    /// The lot of a lot- or serial-tracked item (`""` the unknown lot); `None` untracked.
    pub lot: Option<String>,
    /// Signed: + into the location, − out of it.
    pub qty: Quantity,
    pub report: Option<ReportId>,
    /// The order of a movement that has no report (a hand issue or return).
    pub order: Option<OrderNo>,
    pub line: Option<String>,
    pub exception: Option<ExceptionId>,
    pub reverses: Option<i64>,
    /// A reason code or the user's text; never the program's words.
    pub reason: Option<String>,
}

impl LedgerMove {
    /// A movement of `qty` of `item` at `location`, linked to nothing yet.
    #[must_use]
    pub fn new(
        kind: MovementKind,
        source: Source,
        item: &ItemCode,
        location: &LocationCode,
        qty: Quantity,
    ) -> Self {
        LedgerMove {
            kind,
            source,
            item: item.clone(),
            location: location.clone(),
            lot: None,
            qty,
            report: None,
            order: None,
            line: None,
            exception: None,
            reverses: None,
            reason: None,
        }
    }
}

/// The kind of a journal entry, as the journal keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Report,
    Exception,
    Transfer,
    Adjustment,
    LeadScrap,
    Substitution,
    Issue,
    Reversal,
    /// An order's settlement at its close.
    Close,
    /// The reverse of a settlement when the order is reopened.
    Reopen,
}

text_enum!(EntryKind {
    Report => "report",
    Exception => "exception",
    Transfer => "transfer",
    Adjustment => "adjustment",
    LeadScrap => "lead_scrap",
    Substitution => "substitution",
    Issue => "issue",
    Reversal => "reversal",
    Close => "close",
    Reopen => "reopen",
});

/// One journal line to write: its role, the account name it is written with, its sides.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryLine {
    pub role: Option<Account>,
    pub account: String,
    pub debit: Money,
    pub credit: Money,
    pub memo: Memo,
}

/// One balanced journal entry to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    pub report: Option<ReportId>,
    /// Every entry of a posting for an order carries it; stock moved for no order has none.
    pub order: Option<OrderNo>,
    pub reverses: Option<i64>,
    pub lines: Vec<EntryLine>,
}

/// What an entry is journaled for: the report behind it and the order it posts to, named so
/// that neither can stand in for the other.
#[derive(Debug, Clone, Copy, Default)]
pub struct EntryOf<'a> {
    pub report: Option<ReportId>,
    pub order: Option<&'a OrderNo>,
}

impl<'a> EntryOf<'a> {
    /// Stock moved for no order and no report.
    #[must_use]
    pub fn nothing() -> Self {
        EntryOf::default()
    }

    /// A posting to `order` with no report behind it.
    #[must_use]
    pub fn order(order: Option<&'a OrderNo>) -> Self {
        EntryOf {
            report: None,
            order,
        }
    }

    /// A posting of `report` to its `order`.
    #[must_use]
    pub fn report(report: ReportId, order: &'a OrderNo) -> Self {
        EntryOf {
            report: Some(report),
            order: Some(order),
        }
    }
}

impl Entry {
    /// The entry of `lines` under the configured names; `None` when there is nothing to
    /// journal.
    #[must_use]
    pub fn new(
        kind: EntryKind,
        EntryOf { report, order }: EntryOf<'_>,
        lines: &[journal::Booking],
        names: &AccountNames,
    ) -> Option<Entry> {
        if lines.is_empty() {
            return None;
        }
        Some(Entry {
            kind,
            report,
            order: order.cloned(),
            reverses: None,
            lines: lines
                .iter()
                .map(|l| EntryLine {
                    role: Some(l.account),
                    account: names.name(l.account).to_string(),
                    debit: l.debit,
                    credit: l.credit,
                    memo: Memo::Note(l.memo),
                })
                .collect(),
        })
    }

    /// True when the debits equal the credits.
    #[must_use]
    pub fn balanced(&self) -> bool {
        let debit: Money = self.lines.iter().map(|l| l.debit).sum();
        let credit: Money = self.lines.iter().map(|l| l.credit).sum();
        debit == credit
    }
}

/// A report's line deferred for want of stock.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedException {
    pub report: ReportId,
    pub line: String,
    pub order: OrderNo,
    pub item: ItemCode,
    pub location: LocationCode,
    /// The whole quantity (the issue and its component scrap).
    pub qty: Quantity,
    pub shortfall: Quantity,
}

/// A change to the exception queue.
#[derive(Debug, Clone, PartialEq)]
pub enum ExceptionChange {
    /// A report's line deferred for want of stock: it waits in the queue.
    Open(OpenedException),
    /// The deferred line posted whole.
    Post(ExceptionId),
    Cancel(ExceptionId),
}

/// One material line's `P` and carried count, to store.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLineProgress {
    pub line: String,
    pub planned: Quantity,
    pub carried: i64,
}

/// The posting's own rows besides the ledger and the journal.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A report's own rows: header with its first result (JSON), lines with their codes,
    /// labor, the order's progress and setups.
    Report(Box<ReportRecord>),
    /// A non-stock hand issue (signed) at the item's standard cost: no movement.
    NonStock {
        order: OrderNo,
        line: String,
        report: Option<ReportId>,
        item: ItemCode,
        qty: Quantity,
        std_cost: Money,
    },
    /// A hand issue's id, and the key it was posted under.
    IssueId { id: IssueId, key: String },
    /// Every material line's `P` and carried count of an order, derived from its progress
    /// until now: its first reversal stores them, and each posting maintains them from then
    /// on. Written before the reversal takes its report's share back out.
    LineProgress {
        order: OrderNo,
        lines: Vec<StoredLineProgress>,
    },
    /// An order closed: who, when and why go with the posting; its status becomes closed.
    Close {
        order: OrderNo,
        closed_as: crate::domain::wip::ClosedAs,
        reason: Option<String>,
        settlement: crate::domain::wip::Settlement,
    },
    /// An order reopened: `reverses` is the seq of the close it takes back.
    Reopen {
        order: OrderNo,
        reason: String,
        reverses: i64,
    },
    /// A report's reversal, with the progress it takes back out of the order.
    Reversal(ReversalRecord),
}

/// A report's own rows to write.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRecord {
    pub id: ReportId,
    pub key: String,
    pub plan: crate::domain::backflush::ReportPlan,
    /// Its first result, as JSON.
    pub result: String,
    /// The reason code of each line that carries one.
    pub codes: std::collections::BTreeMap<String, String>,
    /// Whether the order's line progress is stored (after its first reversal) rather than
    /// derived.
    pub lines_stored: bool,
}

/// A reversal's own row, and the progress it takes back out of its order.
#[derive(Debug, Clone, PartialEq)]
pub struct ReversalRecord {
    pub report: ReportId,
    pub reason: String,
    pub order: OrderNo,
    pub progress: crate::domain::reversal::ProgressBack,
}

/// A cycle count, kept for the inventory-accuracy figure with the adjustment it made.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRecord {
    pub item: ItemCode,
    pub location: LocationCode,
    pub expected: Quantity,
    pub counted: Quantity,
    pub reason: Option<String>,
    /// The index in the plan's movements of the count's adjustment, if it made one.
    pub movement: Option<usize>,
}

/// The first result kept under the posting's key, so that a retry replays it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub key: String,
    pub command: &'static str,
    pub request: String,
    pub result: String,
}

/// Everything one posting writes, in the order the store writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct PostingPlan {
    pub kind: PostingKind,
    pub records: Vec<Record>,
    pub movements: Vec<LedgerMove>,
    pub journal: Vec<Entry>,
    pub exceptions: Vec<ExceptionChange>,
    /// Written after the ledger: a count names its movement.
    pub counts: Vec<CountRecord>,
    pub keep: Option<Kept>,
}

impl PostingPlan {
    /// A plan of `kind` that writes nothing yet.
    #[must_use]
    pub fn new(kind: PostingKind) -> Self {
        PostingPlan {
            kind,
            records: Vec::new(),
            movements: Vec::new(),
            journal: Vec::new(),
            exceptions: Vec::new(),
            counts: Vec::new(),
            keep: None,
        }
    }

    /// Adds an entry; nothing when it has no lines.
    pub fn journal(&mut self, entry: Option<Entry>) {
        self.journal.extend(entry);
    }

    /// The net quantity this plan moves of `item` at `location`.
    #[must_use]
    pub fn moved(&self, item: &str, location: &str) -> Quantity {
        self.movements
            .iter()
            .filter(|m| m.item == item && m.location == location)
            .map(|m| m.qty)
            .sum()
    }

    /// The same, per lot (lots in the order first moved).
    #[must_use]
    pub fn moved_lots(&self, item: &str, location: &str) -> Vec<(String, Quantity)> {
        let mut out: Vec<(String, Quantity)> = Vec::new();
        for m in &self.movements {
            let Some(lot) = m
                .lot
                .as_ref()
                .filter(|_| m.item == item && m.location == location)
            else {
                continue;
            };
            match out.iter_mut().find(|(l, _)| l == lot) {
                Some((_, q)) => *q += m.qty,
                None => out.push((lot.clone(), m.qty)),
            }
        }
        out
    }

    /// The first entry that does not balance, if any.
    #[must_use]
    pub fn unbalanced(&self) -> Option<EntryKind> {
        self.journal.iter().find(|e| !e.balanced()).map(|e| e.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn an_entry_keeps_role_and_name_and_none_is_made_of_no_lines() {
        let names = AccountNames::default();
        let order = OrderNo::from("WO1");
        assert_eq!(
            Entry::new(EntryKind::Issue, EntryOf::order(Some(&order)), &[], &names),
            None
        );
        let lines = journal::material_issued(
            Money(Decimal::from(4)),
            journal::JournalNote::MaterialIssued,
        );
        let entry = Entry::new(
            EntryKind::Issue,
            EntryOf::order(Some(&order)),
            &lines,
            &names,
        )
        .unwrap();
        assert!(entry.balanced());
        assert_eq!(entry.order, Some(order));
        let first = &entry.lines[0];
        assert_eq!(first.role, Some(Account::Wip));
        assert_eq!(first.account, "1400 Work in process");
        assert_eq!(first.debit, Money(Decimal::from(4)));
        let mut broken = entry.clone();
        broken.lines[0].debit = Money(Decimal::from(5));
        let mut plan = PostingPlan::new(PostingKind::Issue);
        plan.journal(Some(entry));
        assert_eq!(plan.unbalanced(), None);
        plan.journal(Some(broken));
        assert_eq!(plan.unbalanced(), Some(EntryKind::Issue));
    }

    #[test]
    fn the_kinds_keep_the_outbox_words_of_before() {
        let id = ReportId::from(3);
        assert_eq!(PostingKind::Report(id).as_str(), "report");
        assert_eq!(PostingKind::Adjustment(id).report_id(), Some(id));
        assert!(PostingKind::Reversal(id).has_header());
        assert!(!PostingKind::Retry.has_header());
        assert_eq!(EntryKind::parse("lead_scrap"), Some(EntryKind::LeadScrap));
    }
}
