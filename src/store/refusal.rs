//! Why the store refused a write that the state of the books does not allow, as data: the
//! report, lot, item, location, consumer and numbers the refusal is about. Each renders as the
//! one sentence the command line prints; no caller decides anything from that sentence.

use thiserror::Error;

use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::ids::ReportId;
use crate::domain::lots::TakeError;
use crate::domain::qty::Quantity;
use crate::domain::reversal::LotGone;

/// A write the store refuses.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreRefusal {
    /// A report is reversed once only.
    #[error("report {report} is already reversed")]
    AlreadyReversed { report: ReportId },
    /// A reversal would take a lot below zero: it has since moved or been consumed. `now` is
    /// where the lot is now (its non-zero balances), empty when it is nowhere in stock.
    #[error(
        "report {report} cannot be reversed: it would take {} of lot {} of {} out of {}, which holds {}; the lot is now {}",
        gone.wanted, gone.lot, gone.item, gone.location, gone.holds, lot_now(now)
    )]
    LotGone {
        report: ReportId,
        gone: LotGone,
        now: Vec<(LocationCode, Quantity)>,
    },
    /// A transfer of `qty` of `item` out of `from` cannot be made.
    #[error("transfer of {qty} {item} from {from} refused: {}", why.sentence(item))]
    Transfer {
        item: ItemCode,
        qty: Quantity,
        from: LocationCode,
        why: TransferRefusal,
    },
    /// An export consumer acknowledges only forward.
    #[error(
        "consumer {consumer} cannot acknowledge seq {through}: it has acknowledged through {previous} already (acknowledging goes forward only)"
    )]
    AckBackwards {
        consumer: String,
        through: i64,
        previous: i64,
    },
    /// An export consumer cannot acknowledge what the store has not written.
    #[error(
        "consumer {consumer} cannot acknowledge seq {through}: the last seq of the store is {last}"
    )]
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
    /// A `--lot` was given for an item that is neither lot- nor serial-tracked.
    Untracked,
    /// The lots named or chosen do not cover it.
    Lots(TakeError),
}

impl TransferRefusal {
    /// The part of the sentence after "refused: ".
    fn sentence(&self, item: &ItemCode) -> String {
        match self {
            TransferRefusal::Short { on_hand } => format!("only {on_hand} on hand there"),
            TransferRefusal::Untracked => {
                format!("{item} is not lot- or serial-tracked; it takes no --lot")
            }
            TransferRefusal::Lots(TakeError::Allocation(a)) => format!("--lot: {a}"),
            TransferRefusal::Lots(TakeError::NotHeld(n)) => {
                format!("lot {:?} holds {} there, not {}", n.lot, n.holds, n.wanted)
            }
            TransferRefusal::Lots(TakeError::Uncovered(u)) => {
                format!("its unexpired lots there hold only {}", u.available)
            }
        }
    }
}

/// Where a lot is now, as the reversal's refusal says it.
fn lot_now(now: &[(LocationCode, Quantity)]) -> String {
    if now.is_empty() {
        return "nowhere in stock (consumed)".to_string();
    }
    now.iter()
        .map(|(location, qty)| format!("{qty} at {location}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lots::{AllocationError, NotHeld, Uncovered};
    use crate::domain::qty::parse;

    fn q(text: &str) -> Quantity {
        parse(text).unwrap_or_else(|| panic!("{text} is a quantity"))
    }

    fn transfer(why: TransferRefusal) -> String {
        StoreRefusal::Transfer {
            item: "RM-BOLT".into(),
            qty: q("5"),
            from: "STORES".into(),
            why,
        }
        .to_string()
    }

    #[test]
    fn a_reversal_names_the_report_and_where_the_lot_is_now() {
        assert_eq!(
            StoreRefusal::AlreadyReversed {
                report: ReportId(7)
            }
            .to_string(),
            "report 7 is already reversed"
        );
        let gone = LotGone {
            item: "RM-RESIN".into(),
            lot: "L1".into(),
            location: "M-ASM".into(),
            wanted: q("4"),
            holds: q("1.5"),
        };
        let refusal = |now: Vec<(LocationCode, Quantity)>| StoreRefusal::LotGone {
            report: ReportId(3),
            gone: gone.clone(),
            now,
        };
        assert_eq!(
            refusal(vec![
                ("M-ASM".into(), q("1.5")),
                ("STORES".into(), q("2.5"))
            ])
            .to_string(),
            "report 3 cannot be reversed: it would take 4 of lot L1 of RM-RESIN out of M-ASM, which holds 1.5; the lot is now 1.5 at M-ASM, 2.5 at STORES"
        );
        assert_eq!(
            refusal(Vec::new()).to_string(),
            "report 3 cannot be reversed: it would take 4 of lot L1 of RM-RESIN out of M-ASM, which holds 1.5; the lot is now nowhere in stock (consumed)"
        );
    }

    #[test]
    fn a_transfer_names_what_it_moves_and_why_not() {
        assert_eq!(
            transfer(TransferRefusal::Short { on_hand: q("2") }),
            "transfer of 5 RM-BOLT from STORES refused: only 2 on hand there"
        );
        assert_eq!(
            transfer(TransferRefusal::Untracked),
            "transfer of 5 RM-BOLT from STORES refused: RM-BOLT is not lot- or serial-tracked; it takes no --lot"
        );
        assert_eq!(
            transfer(TransferRefusal::Lots(TakeError::NotHeld(NotHeld {
                lot: "L2".into(),
                holds: q("1"),
                wanted: q("5"),
            }))),
            "transfer of 5 RM-BOLT from STORES refused: lot \"L2\" holds 1 there, not 5"
        );
        assert_eq!(
            transfer(TransferRefusal::Lots(TakeError::Uncovered(Uncovered {
                available: q("3"),
                shortfall: q("2"),
            }))),
            "transfer of 5 RM-BOLT from STORES refused: its unexpired lots there hold only 3"
        );
        assert_eq!(
            transfer(TransferRefusal::Lots(TakeError::Allocation(
                AllocationError::QtyNeeded { lot: "L3".into() }
            ))),
            "transfer of 5 RM-BOLT from STORES refused: --lot: lot \"L3\" needs a quantity (LOT:QTY) when several lots are named"
        );
    }

    #[test]
    fn an_acknowledgement_names_the_consumer_and_the_seqs() {
        assert_eq!(
            StoreRefusal::AckBackwards {
                consumer: "erp".into(),
                through: 3,
                previous: 5,
            }
            .to_string(),
            "consumer erp cannot acknowledge seq 3: it has acknowledged through 5 already (acknowledging goes forward only)"
        );
        assert_eq!(
            StoreRefusal::AckPastLast {
                consumer: "erp".into(),
                through: 9,
                last: 6,
            }
            .to_string(),
            "consumer erp cannot acknowledge seq 9: the last seq of the store is 6"
        );
    }
}
