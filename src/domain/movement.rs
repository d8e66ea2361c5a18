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

/// The kinds a reversal compensates (a reversal is never reversed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReversibleKind {
    Issue,
    ComponentScrap,
    Receipt,
    LeadScrap,
    SubstitutionReturn,
    SubstitutionIssue,
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
];

impl MovementKind {
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
            _ => return None,
        };
        Some(MovementKind::Reverse(kind))
    }
}

impl std::fmt::Display for MovementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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
