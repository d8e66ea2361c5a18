//! People and permissions (SPEC §6): PIN hashes, roles, and which role may do what.

/// A role of `users.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Operator,
    Lead,
    Handler,
    Admin,
    /// An unattended job that reads and acknowledges exports (SPEC §11), nothing else.
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
pub enum Action {
    /// Preview and report with lines as planned or overrides within tolerance.
    Report,
    /// Reversing a posted report.
    Reverse,
    /// Overrides beyond the tolerance, lead adjustments, cancelling an exception.
    LeadApproval,
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
    /// Issuing a line by hand or returning to it (`backflush issue`, SPEC §9).
    Issue,
    /// Setting an order line's own backflush flag (`line-flag`).
    LineFlag,
}

impl Action {
    /// The roles that may do it with a lead's badge and PIN (and not alone).
    #[must_use]
    pub fn with_approval(self) -> &'static [Role] {
        match self {
            Action::Reverse | Action::LeadApproval => &[Role::Operator],
            Action::Report
            | Action::Handle
            | Action::Administer
            | Action::ExportAck
            | Action::Backup
            | Action::Unlock
            | Action::Issue
            | Action::LineFlag => &[],
        }
    }

    /// Whether `role` may do it, alone or, where `approved`, with a lead's badge and PIN.
    #[must_use]
    pub fn allows(self, role: Role, approved: bool) -> bool {
        self.roles().contains(&role) || (approved && self.with_approval().contains(&role))
    }

    /// The roles that may do it alone.
    #[must_use]
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::Report => &[Role::Operator, Role::Lead, Role::Admin],
            Action::Reverse | Action::LeadApproval | Action::LineFlag => &[Role::Lead, Role::Admin],
            Action::Handle => &[Role::Lead, Role::Handler, Role::Admin],
            Action::Administer | Action::Backup | Action::Unlock => &[Role::Admin],
            Action::ExportAck => &[Role::Admin, Role::Integration],
            Action::Issue => &[Role::Operator, Role::Lead, Role::Handler, Role::Admin],
        }
    }
}
