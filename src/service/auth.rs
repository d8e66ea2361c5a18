//! People and permissions (SPEC §6): PIN hashes, roles, and which role may do what.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// A role of `users.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Operator,
    Lead,
    Handler,
    Admin,
}

impl Role {
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "operator" => Some(Role::Operator),
            "lead" => Some(Role::Lead),
            "handler" => Some(Role::Handler),
            "admin" => Some(Role::Admin),
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
}

impl Action {
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Action::Report => "report production",
            Action::Reverse => "reverse a report",
            Action::LeadApproval => "adjust a posted report line or approve a larger override",
            Action::Handle => "move or count stock",
            Action::Administer => "import or initialise the store",
        }
    }

    /// Whether an operator may do it with a lead's badge and PIN.
    #[must_use]
    pub fn approvable(self) -> bool {
        matches!(self, Action::Reverse | Action::LeadApproval)
    }

    /// The roles that may do it alone.
    #[must_use]
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::Report => &[Role::Operator, Role::Lead, Role::Admin],
            Action::Reverse | Action::LeadApproval => &[Role::Lead, Role::Admin],
            Action::Handle => &[Role::Lead, Role::Handler, Role::Admin],
            Action::Administer => &[Role::Admin],
        }
    }
}

fn hasher() -> Argon2<'static> {
    // Slow enough to make guessing a 4-digit PIN from a stolen store costly, fast enough for
    // a badge scan at the terminal.
    let params = Params::new(8 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A salted argon2id hash of a PIN, in PHC text form.
///
/// # Errors
/// The hasher fails (never for ordinary input).
pub fn hash_pin(pin: &str) -> Result<String, String> {
    let mut salt_bytes = [0u8; 16];
    fill_salt(&mut salt_bytes);
    let salt =
        SaltString::encode_b64(&salt_bytes).map_err(|e| format!("cannot salt the PIN: {e}"))?;
    hasher()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the PIN: {e}"))
}

/// Whether `pin` matches the stored hash.
#[must_use]
pub fn verify_pin(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| hasher().verify_password(pin.as_bytes(), &parsed).is_ok())
}

/// Salt from the OS random source, falling back to time and address entropy.
fn fill_salt(out: &mut [u8; 16]) {
    use std::io::Read;
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(out))
        .is_ok()
    {
        return;
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let addr = std::ptr::from_ref(out) as usize as u128;
    out.copy_from_slice(&(nanos ^ addr.rotate_left(64)).to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_verifies_against_its_hash_only() {
        let hash = hash_pin("1234").unwrap();
        assert!(!hash.contains("1234"));
        assert!(verify_pin("1234", &hash));
        assert!(!verify_pin("1235", &hash));
        assert_ne!(hash, hash_pin("1234").unwrap(), "salted");
    }
}
