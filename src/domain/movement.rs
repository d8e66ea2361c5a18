//! What a ledger movement is: its kind, and the rules that follow from the kind alone.

/// The kind of a ledger movement, as stored in `movements.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MovementKind {
    /// A backflushed or hand-issued line leaves its location.
    Issue,
    /// A line's component scrap, issued on top.
    ComponentScrap,
    /// Finished goods received at the last operation.
    Receipt,
    TransferOut,
    TransferIn,
    /// Opening stock, a re-imported balance, a cycle count.
    Adjustment,
    /// A lead's scrap adjustment on a posted line (± a correction).
    LeadScrap,
    SubstitutionReturn,
    SubstitutionIssue,
    /// A hand issue to an order outside a report (`backflush issue`); negative: a return.
    ManualIssue,
    /// The compensation of another movement by a reversal.
    Reverse(ReversibleKind),
}

/// What posted a movement: the `source` the ERP reads beside its movement type, so that a
/// movement's reason can stay the code or the user's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A report's backflushed line, with its line scrap.
    Backflush,
    /// A hand issue: `issue`, or a manual line issued with a report.
    HandIssue,
    /// A deferred line when it posts.
    Deferred,
    LeadScrap,
    Substitute,
    /// Finished goods received by a report.
    Receipt,
    Transfer,
    Count,
    /// Balances of an import's `stock.csv`.
    Opening,
    Reversal,
    /// A hand return (`issue` with a negative quantity).
    Return,
}

text_enum!(Source {
    Backflush => "backflush",
    HandIssue => "hand_issue",
    Deferred => "deferred",
    LeadScrap => "lead_scrap",
    Substitute => "substitute",
    Receipt => "receipt",
    Transfer => "transfer",
    Count => "count",
    Opening => "opening",
    Reversal => "reversal",
    Return => "return",
});

/// The kinds a reversal compensates (a reversal is never reversed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReversibleKind {
    Issue,
    ComponentScrap,
    Receipt,
    LeadScrap,
    SubstitutionReturn,
    SubstitutionIssue,
    /// A manual line issued by hand with a report.
    ManualIssue,
}

const KINDS: &[(MovementKind, &str)] = &[
    (MovementKind::Issue, "issue"),
    (MovementKind::ComponentScrap, "component_scrap"),
    (MovementKind::Receipt, "receipt"),
    (MovementKind::TransferOut, "transfer_out"),
    (MovementKind::TransferIn, "transfer_in"),
    (MovementKind::Adjustment, "adjustment"),
    (MovementKind::LeadScrap, "lead_scrap"),
    (MovementKind::SubstitutionReturn, "substitution_return"),
    (MovementKind::SubstitutionIssue, "substitution_issue"),
    (MovementKind::ManualIssue, "manual_issue"),
    (
        MovementKind::Reverse(ReversibleKind::Issue),
        "reverse_issue",
    ),
    (
        MovementKind::Reverse(ReversibleKind::ComponentScrap),
        "reverse_component_scrap",
    ),
    (
        MovementKind::Reverse(ReversibleKind::Receipt),
        "reverse_receipt",
    ),
    (
        MovementKind::Reverse(ReversibleKind::LeadScrap),
        "reverse_lead_scrap",
    ),
    (
        MovementKind::Reverse(ReversibleKind::SubstitutionReturn),
        "reverse_substitution_return",
    ),
    (
        MovementKind::Reverse(ReversibleKind::SubstitutionIssue),
        "reverse_substitution_issue",
    ),
    (
        MovementKind::Reverse(ReversibleKind::ManualIssue),
        "reverse_manual_issue",
    ),
];

/// How a movement counts in machine-location health.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageClass {
    /// Issued by a report: backflushed lines and their scrap, deferred lines when they post,
    /// a lead's scrap adjustments.
    Backflushed,
    /// Issued by hand: manual lines, the `issue` command, substitutions.
    ByHand,
}

impl MovementKind {
    /// Whether and how the movement is material used at its location; a reversal counts as
    /// what it compensates (negatively, by its quantity's sign).
    #[must_use]
    pub fn usage_class(self) -> Option<UsageClass> {
        match self {
            MovementKind::Issue
            | MovementKind::ComponentScrap
            | MovementKind::LeadScrap
            | MovementKind::Reverse(
                ReversibleKind::Issue | ReversibleKind::ComponentScrap | ReversibleKind::LeadScrap,
            ) => Some(UsageClass::Backflushed),
            MovementKind::SubstitutionIssue
            | MovementKind::SubstitutionReturn
            | MovementKind::ManualIssue
            | MovementKind::Reverse(
                ReversibleKind::SubstitutionIssue
                | ReversibleKind::SubstitutionReturn
                | ReversibleKind::ManualIssue,
            ) => Some(UsageClass::ByHand),
            _ => None,
        }
    }

    /// The stored text of the kind.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        KINDS
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("unknown", |(_, s)| s)
    }

    /// The kind of a stored text.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        KINDS.iter().find(|(_, s)| *s == text).map(|(k, _)| *k)
    }

    /// The kind that compensates this one in a reversal, if a reversal may compensate it.
    #[must_use]
    pub fn reversal(self) -> Option<MovementKind> {
        let kind = match self {
            MovementKind::Issue => ReversibleKind::Issue,
            MovementKind::ComponentScrap => ReversibleKind::ComponentScrap,
            MovementKind::Receipt => ReversibleKind::Receipt,
            MovementKind::LeadScrap => ReversibleKind::LeadScrap,
            MovementKind::SubstitutionReturn => ReversibleKind::SubstitutionReturn,
            MovementKind::SubstitutionIssue => ReversibleKind::SubstitutionIssue,
            MovementKind::ManualIssue => ReversibleKind::ManualIssue,
            _ => return None,
        };
        Some(MovementKind::Reverse(kind))
    }
}

/// What a movement is to an ERP (`movement_type`): the codes adapters map from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErpMovement {
    /// 261: issue to an order.
    IssueToOrder,
    /// 262: a return, or the reversal of an issue.
    ReturnFromOrder,
    /// 101: finished-goods receipt.
    Receipt,
    /// 102: its reversal.
    ReceiptReversal,
    /// 311: a transfer.
    Transfer,
    /// 701: a count or adjustment gain.
    Gain,
    /// 702: a loss.
    Loss,
}

impl ErpMovement {
    /// The ERP movement of a ledger movement of `kind` with signed `qty` (+ into the
    /// location). Every kind must say what it is to the ERP.
    #[must_use]
    pub fn of(kind: MovementKind, qty: crate::domain::qty::Quantity) -> Self {
        let into = qty.is_sign_positive() && !qty.is_zero();
        match kind {
            MovementKind::Issue
            | MovementKind::ComponentScrap
            | MovementKind::LeadScrap
            | MovementKind::SubstitutionReturn
            | MovementKind::SubstitutionIssue
            | MovementKind::ManualIssue
            | MovementKind::Reverse(
                ReversibleKind::Issue
                | ReversibleKind::ComponentScrap
                | ReversibleKind::LeadScrap
                | ReversibleKind::SubstitutionReturn
                | ReversibleKind::SubstitutionIssue
                | ReversibleKind::ManualIssue,
            ) => {
                if into {
                    ErpMovement::ReturnFromOrder
                } else {
                    ErpMovement::IssueToOrder
                }
            }
            MovementKind::Receipt | MovementKind::Reverse(ReversibleKind::Receipt) => {
                if into {
                    ErpMovement::Receipt
                } else {
                    ErpMovement::ReceiptReversal
                }
            }
            MovementKind::TransferOut | MovementKind::TransferIn => ErpMovement::Transfer,
            MovementKind::Adjustment => {
                if into {
                    ErpMovement::Gain
                } else {
                    ErpMovement::Loss
                }
            }
        }
    }

    /// The code.
    #[must_use]
    pub fn code(self) -> u16 {
        match self {
            ErpMovement::IssueToOrder => 261,
            ErpMovement::ReturnFromOrder => 262,
            ErpMovement::Receipt => 101,
            ErpMovement::ReceiptReversal => 102,
            ErpMovement::Transfer => 311,
            ErpMovement::Gain => 701,
            ErpMovement::Loss => 702,
        }
    }
}

impl std::fmt::Display for MovementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

word_serde!(MovementKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_text() {
        for (kind, text) in KINDS {
            assert_eq!(kind.as_str(), *text);
            assert_eq!(MovementKind::parse(text), Some(*kind));
        }
        assert_eq!(MovementKind::parse("nonsense"), None);
    }

    #[test]
    fn erp_codes_follow_the_direction() {
        use crate::domain::qty::Quantity;
        use rust_decimal::Decimal;
        let out = Quantity(Decimal::NEGATIVE_ONE);
        let into = Quantity(Decimal::ONE);
        assert_eq!(ErpMovement::of(MovementKind::Issue, out).code(), 261);
        assert_eq!(
            ErpMovement::of(MovementKind::Reverse(ReversibleKind::Issue), into).code(),
            262
        );
        assert_eq!(ErpMovement::of(MovementKind::Receipt, into).code(), 101);
        assert_eq!(
            ErpMovement::of(MovementKind::Reverse(ReversibleKind::Receipt), out).code(),
            102
        );
        assert_eq!(ErpMovement::of(MovementKind::TransferOut, out).code(), 311);
        assert_eq!(ErpMovement::of(MovementKind::Adjustment, into).code(), 701);
        assert_eq!(ErpMovement::of(MovementKind::Adjustment, out).code(), 702);
        assert_eq!(
            ErpMovement::of(MovementKind::SubstitutionReturn, into).code(),
            262
        );
    }

    #[test]
    fn a_reversal_compensates_report_movements_only() {
        assert_eq!(
            MovementKind::Issue.reversal(),
            Some(MovementKind::Reverse(ReversibleKind::Issue))
        );
        assert_eq!(MovementKind::TransferIn.reversal(), None);
        assert_eq!(
            MovementKind::Reverse(ReversibleKind::Issue).reversal(),
            None
        );
    }
}
