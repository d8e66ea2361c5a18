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

/// What a user asks to do, as the roles are permitted it (the keys of the terminal are
/// `tui::keymap::Action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
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

impl Permission {
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Permission::Report => "report production",
            Permission::Reverse => "reverse a report",
            Permission::LeadApproval => "adjust a posted report line or approve a larger override",
            Permission::Handle => "move stock, count it or retry deferred lines",
            Permission::Administer => "import or initialise the store",
            Permission::ExportAck => "acknowledge an export",
            Permission::Backup => "back up the store",
            Permission::Unlock => "unlock a badge",
            Permission::Issue => "issue material by hand",
            Permission::LineFlag => "set an order line's backflush flag",
        }
    }

    /// The roles that may do it with a lead's badge and PIN (and not alone).
    #[must_use]
    pub fn with_approval(self) -> &'static [Role] {
        match self {
            Permission::Reverse | Permission::LeadApproval => &[Role::Operator],
            Permission::Report
            | Permission::Handle
            | Permission::Administer
            | Permission::ExportAck
            | Permission::Backup
            | Permission::Unlock
            | Permission::Issue
            | Permission::LineFlag => &[],
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
            Permission::Report => &[Role::Operator, Role::Lead, Role::Admin],
            Permission::Reverse | Permission::LeadApproval | Permission::LineFlag => {
                &[Role::Lead, Role::Admin]
            }
            Permission::Handle => &[Role::Lead, Role::Handler, Role::Admin],
            Permission::Administer | Permission::Backup | Permission::Unlock => &[Role::Admin],
            Permission::ExportAck => &[Role::Admin, Role::Integration],
            Permission::Issue => &[Role::Operator, Role::Lead, Role::Handler, Role::Admin],
        }
    }
}
