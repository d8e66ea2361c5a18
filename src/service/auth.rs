//! People and permissions: PIN hashes, roles, and which role may do what.

use rust_decimal::Decimal;

use crate::domain::backflush::{PlannedLine, needs_approval};

/// A role of `users.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Operator,
    Lead,
    Handler,
    Admin,
    /// An unattended job that reads and acknowledges exports, nothing else.
    Integration,
}

impl Role {
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "operator" => Some(Role::Operator),
            "lead" => Some(Role::Lead),
            "handler" => Some(Role::Handler),
            "admin" => Some(Role::Admin),
            "integration" => Some(Role::Integration),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Lead => "lead",
            Role::Handler => "handler",
            Role::Admin => "admin",
            Role::Integration => "integration",
        }
    }
}

/// What a user asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Preview and report with lines as planned or overrides within tolerance.
    Report,
    /// Reversing a posted report.
    Reverse,
    /// Overrides beyond the tolerance, lead adjustments, cancelling an exception.
    LeadApproval,
    /// Cancelling a deferred line (an exception waiting for stock).
    CancelException,
    /// Transfers, staging list, retrying exceptions, cycle counts.
    Handle,
    /// Import and init.
    Administer,
    /// Acknowledging what a consumer of the export has received.
    ExportAck,
    /// Copying the store (`backup`).
    Backup,
    /// Lifting a PIN lock-out.
    Unlock,
    /// Issuing a line by hand or returning to it (`backflush issue`).
    Issue,
    /// Setting an order line's own backflush flag (`line-flag`).
    LineFlag,
    /// Closing an order: its WIP settled.
    Close,
    /// Reopening a closed order.
    Reopen,
}

impl Permission {
    /// The roles that may do it with a lead's badge and PIN (and not alone).
    #[must_use]
    pub fn with_approval(self) -> &'static [Role] {
        match self {
            Permission::Reverse
            | Permission::LeadApproval
            | Permission::Close
            | Permission::CancelException => &[Role::Operator],
            Permission::Report
            | Permission::Handle
            | Permission::Administer
            | Permission::ExportAck
            | Permission::Backup
            | Permission::Unlock
            | Permission::Issue
            | Permission::LineFlag
            | Permission::Reopen => &[],
        }
    }

    /// What the permission table says of `role` doing it.
    #[must_use]
    pub fn grant(self, role: Role) -> Grant {
        if self.roles().contains(&role) {
            Grant::Alone
        } else if self.with_approval().contains(&role) {
            Grant::WithApproval
        } else {
            Grant::Refused
        }
    }

    /// Whether a user of `role` may do it, alone or, where `approved`, with a lead's badge
    /// and PIN; `None` is no user at all (no users exist yet: the terminal runs open), who
    /// may do everything. Both the command line and the terminal ask this.
    ///
    /// # Errors
    /// The refusal, as data for each face to word.
    pub fn check(self, role: Option<Role>, approved: bool) -> Result<(), Refused> {
        let Some(role) = role else { return Ok(()) };
        match self.grant(role) {
            Grant::Alone => Ok(()),
            Grant::WithApproval if approved => Ok(()),
            permission => Err(Refused {
                role,
                action: self,
                approvable: permission == Grant::WithApproval,
            }),
        }
    }

    /// Whether `role` may do it, alone or, where `approved`, with a lead's badge and PIN.
    #[must_use]
    pub fn allows(self, role: Role, approved: bool) -> bool {
        self.check(Some(role), approved).is_ok()
    }

    /// The roles that may do it alone.
    #[must_use]
    pub fn roles(self) -> &'static [Role] {
        match self {
            Permission::Report => &[Role::Operator, Role::Lead, Role::Admin],
            Permission::Reverse
            | Permission::LeadApproval
            | Permission::CancelException
            | Permission::LineFlag
            | Permission::Close
            | Permission::Reopen => &[Role::Lead, Role::Admin],
            Permission::Handle => &[Role::Lead, Role::Handler, Role::Admin],
            Permission::Administer | Permission::Backup | Permission::Unlock => &[Role::Admin],
            Permission::ExportAck => &[Role::Admin, Role::Integration],
            Permission::Issue => &[Role::Operator, Role::Lead, Role::Handler, Role::Admin],
        }
    }
}

/// What the permission table says of one role and one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// The role may do it alone.
    Alone,
    /// Only with a lead's badge and PIN.
    WithApproval,
    /// Not at all.
    Refused,
}

/// A role refused an action: who may, and whether a lead's approval would let this role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub role: Role,
    pub action: Permission,
    pub approvable: bool,
}

impl Refused {
    /// The roles that may do the action alone.
    #[must_use]
    pub fn needs(&self) -> &'static [Role] {
        self.action.roles()
    }
}

/// Which overrides of a user a lead must sign: those larger than `tolerance_pct`, for a role
/// the permission table lets approve an override only with a lead's badge and PIN. Other
/// roles, and an open terminal, sign their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadRule {
    lead_signs: bool,
    pub tolerance_pct: Decimal,
}

impl LeadRule {
    /// The rule for a user of `role` (`None`: an open terminal).
    #[must_use]
    pub fn new(role: Option<Role>, tolerance_pct: Decimal) -> Self {
        let lead_signs =
            role.is_some_and(|r| Permission::LeadApproval.grant(r) == Grant::WithApproval);
        LeadRule {
            lead_signs,
            tolerance_pct,
        }
    }

    /// Whether `line` needs a lead before it may post: a larger override, or an expired lot
    /// named for it.
    #[must_use]
    pub fn needs_lead(&self, line: &PlannedLine) -> bool {
        self.lead_signs
            && (needs_approval(line, self.tolerance_pct) || !line.expired_lots.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_alone_with_approval_or_refused_and_an_open_terminal_may_all() {
        let p = |a: Permission, r| a.grant(r);
        assert_eq!(p(Permission::Report, Role::Operator), Grant::Alone);
        assert_eq!(p(Permission::Reverse, Role::Operator), Grant::WithApproval);
        assert_eq!(p(Permission::Reverse, Role::Handler), Grant::Refused);
        assert_eq!(p(Permission::Handle, Role::Operator), Grant::Refused);
        assert_eq!(Permission::Handle.check(None, false), Ok(()));
        assert_eq!(
            Permission::Reverse.check(Some(Role::Operator), true),
            Ok(())
        );
        assert_eq!(
            Permission::Reverse.check(Some(Role::Operator), false),
            Err(Refused {
                role: Role::Operator,
                action: Permission::Reverse,
                approvable: true
            })
        );
        let refused = Permission::Handle
            .check(Some(Role::Operator), true)
            .unwrap_err();
        assert!(!refused.approvable);
        assert_eq!(refused.needs(), [Role::Lead, Role::Handler, Role::Admin]);
    }

    #[test]
    fn only_a_role_that_needs_a_leads_approval_has_a_lead_sign_its_overrides() {
        let tolerance = Decimal::from(10);
        let signs = |role| LeadRule::new(role, tolerance).lead_signs;
        assert!(signs(Some(Role::Operator)));
        assert!(!signs(Some(Role::Lead)));
        assert!(!signs(Some(Role::Admin)));
        assert!(!signs(None), "an open terminal signs its own");
    }
}
