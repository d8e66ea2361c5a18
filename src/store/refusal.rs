//! Why the store refused a write that the state of the books does not allow, as data: the
//! report, lot, item, location, consumer and numbers the refusal is about. The faces word it.

use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::ids::ReportId;
use crate::domain::lots::TakeError;
use crate::domain::qty::Quantity;
use crate::domain::reversal::LotGone;

/// A write the store refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreRefusal {
    /// A report is reversed once only.
    AlreadyReversed { report: ReportId },
    /// A reversal would take a lot below zero: it has since moved or been consumed. `now` is
    /// where the lot is now (its non-zero balances), empty when it is nowhere in stock.
    LotGone {
        report: ReportId,
        gone: LotGone,
        now: Vec<(LocationCode, Quantity)>,
    },
    /// A transfer of `qty` of `item` out of `from` cannot be made.
    Transfer {
        item: ItemCode,
        qty: Quantity,
        from: LocationCode,
        why: TransferRefusal,
    },
    /// An export consumer acknowledges only forward.
    AckBackwards {
        consumer: String,
        through: i64,
        previous: i64,
    },
    /// An export consumer cannot acknowledge what the store has not written.
    AckPastLast {
        consumer: String,
        through: i64,
        last: i64,
    },
}

/// Why a transfer cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferRefusal {
    /// `from` holds less than the transfer.
    Short { on_hand: Quantity },
    /// Lots were named for an item that is neither lot- nor serial-tracked.
    Untracked,
    /// The lots named or chosen do not cover it.
    Lots(TakeError),
}
