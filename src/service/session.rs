//! Who is posting (SPEC §6): badge and PIN checks, the lock-out, roles and a lead's approval.

use super::auth::Role;
use super::*;

impl Service {
    /// Who is posting: the stamp, and the role (`None` while no users exist: the terminal
    /// runs open). A lead's approval is checked and recorded when given.
    ///
    /// # Errors
    /// Unknown badge, wrong PIN, locked badge, an approver who is not a lead.
    pub fn identify(&mut self, who: &Credentials, action: Action) -> Result<(Stamp, Option<Role>)> {
        let now = Utc::now();
        let mut stamp = Stamp::new(now, &self.terminal, &self.terminal);
        if store::master::user_count(self.store.conn())? == 0 {
            return Ok((stamp, None));
        }
        let Some(badge) = who.badge.as_deref() else {
            return Err(AuthError::NoUser {
                action: action.describe(),
            }
            .into());
        };
        let role = self.check_pin(badge, who.pin.as_deref(), now)?;
        stamp.user = badge.to_string();
        if let Some((lead, pin)) = &who.approver {
            let lead_role = self.check_pin(lead, Some(pin), now)?;
            if !Action::LeadApproval.roles().contains(&lead_role) {
                // Refused as the approver: no other lead's approval stands in for theirs.
                return Err(refusal(lead, lead_role, Action::LeadApproval, false));
            }
            stamp.approver = Some(lead.clone());
        }
        Ok((stamp, Some(role)))
    }

    /// The stamp of a posting by `who`, checking that they may do `action` (an operator may
    /// do a lead's action with a lead's approval).
    ///
    /// # Errors
    /// As [`Self::identify`], or a role that may not.
    pub fn authorize(&mut self, who: &Credentials, action: Action) -> Result<Stamp> {
        let (stamp, role) = self.identify(who, action)?;
        let Some(role) = role else { return Ok(stamp) };
        if action.allows(role, stamp.approver.is_some()) {
            return Ok(stamp);
        }
        Err(forbidden(&stamp.user, role, action))
    }

    fn pin_digest(&self, badge: &str, pin: &str, hash: &str) -> u64 {
        use std::hash::BuildHasher;
        self.digest_key.hash_one((badge, pin, hash))
    }

    fn check_pin(&mut self, badge: &str, pin: Option<&str>, now: DateTime<Utc>) -> Result<Role> {
        let user = store::master::user(self.store.conn(), badge)?.ok_or_else(|| {
            AuthError::UnknownBadge {
                badge: badge.to_string(),
            }
        })?;
        if let Some(until) = locked(user.locked_until.as_deref(), now) {
            return Err(AuthError::Locked {
                badge: badge.to_string(),
                until,
            }
            .into());
        }
        let Some(pin) = pin else {
            return Err(AuthError::PinMissing {
                badge: badge.to_string(),
            }
            .into());
        };
        let role = Role::parse(&user.role).ok_or_else(|| {
            ServiceError::Store(StoreError::Corrupt(format!(
                "badge {badge} has an unknown role"
            )))
        })?;
        // A PIN verified in this process is not hashed again (argon2 is slow on purpose); only
        // a keyed digest of it is kept in memory. A known right PIN is no guess to count.
        let digest = self.pin_digest(badge, pin, &user.pin_hash);
        if self.verified.borrow().contains(&digest) {
            if user.failed_pins > 0 || user.locked_until.is_some() {
                self.store
                    .write(|tx| store::master::reset_pin_attempts(tx, badge, None, now))?;
            }
            return Ok(role);
        }
        // The attempt is counted before the PIN is checked, in its own short write, so that
        // attempts sent in parallel count one by one (SPEC §6, §13); argon2 runs outside it.
        let (attempts, minutes) = self.rules()?.rules.lockout();
        let counted = self
            .store
            .write(|tx| store::master::count_pin_attempt(tx, badge, now, attempts, minutes))?;
        let (failed, my_lock) = match counted {
            store::master::PinAttempt::Locked(until) => {
                return Err(AuthError::Locked {
                    badge: badge.to_string(),
                    until: locked(Some(&until), now).unwrap_or(now),
                }
                .into());
            }
            store::master::PinAttempt::Counted { failed, locks } => (failed, locks),
        };
        if crate::pin::verify_pin(pin, &user.pin_hash) {
            self.verified.borrow_mut().insert(digest);
            self.store.write(|tx| {
                store::master::reset_pin_attempts(tx, badge, my_lock.as_deref(), now)
            })?;
            return Ok(role);
        }
        let attempts_left = u32::try_from(i64::from(attempts) - failed).unwrap_or(0);
        Err(AuthError::WrongPin {
            badge: badge.to_string(),
            attempts_left,
        }
        .into())
    }

    /// Lifts the PIN lock-out of `badge` (SPEC §6: an admin).
    ///
    /// # Errors
    /// Permissions, or an unknown badge.
    pub fn unlock(&mut self, badge: &str, who: &Credentials) -> Result<bool> {
        self.authorize(who, Action::Unlock)?;
        let user = store::master::user(self.store.conn(), badge)?.ok_or_else(|| {
            ServiceError::NotFound {
                what: Thing::Badge,
                code: badge.to_string(),
            }
        })?;
        let was_locked = locked(user.locked_until.as_deref(), Utc::now()).is_some();
        self.store
            .write(|tx| store::master::clear_pin_lock(tx, badge))?;
        Ok(was_locked)
    }

    /// Refuses a badge that is not a user once users exist (SPEC §4: every command, reading
    /// ones included; a reading command does not ask for the PIN).
    ///
    /// # Errors
    /// The badge is unknown; the store fails.
    pub fn check_badge(&self, badge: &str) -> Result<()> {
        let conn = self.store.conn();
        if store::master::user_count(conn)? > 0 && store::master::user(conn, badge)?.is_none() {
            return Err(AuthError::UnknownBadge {
                badge: badge.to_string(),
            }
            .into());
        }
        Ok(())
    }

    /// Whether users exist (the terminal then asks for a badge and PIN).
    ///
    /// # Errors
    /// The store fails.
    pub fn has_users(&self) -> Result<bool> {
        Ok(store::master::user_count(self.store.conn())? > 0)
    }

    /// Checks a badge and PIN at login; returns the user's name and role.
    ///
    /// # Errors
    /// Unknown badge, wrong PIN, locked badge.
    pub fn login(&mut self, badge: &str, pin: &str) -> Result<(String, Role)> {
        let role = self.check_pin(badge, Some(pin), Utc::now())?;
        let name = store::master::user(self.store.conn(), badge)?
            .map(|u| u.name)
            .unwrap_or_default();
        Ok((name, role))
    }
}

/// The time a lock-out ends, when it has not yet ended at `now`.
fn locked(until: Option<&str>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    until
        .and_then(|u| DateTime::parse_from_rfc3339(u).ok())
        .map(|u| u.with_timezone(&Utc))
        .filter(|u| *u > now)
}

/// `user`, a `role`, may not do `action`: whether a lead's approval would let them comes
/// from the permission table.
pub(super) fn forbidden(user: &str, role: Role, action: Action) -> ServiceError {
    refusal(user, role, action, action.with_approval().contains(&role))
}

fn refusal(user: &str, role: Role, action: Action, approvable: bool) -> ServiceError {
    ServiceError::Forbidden {
        user: user.to_string(),
        role: role.as_str().to_string(),
        action: action.describe(),
        needs: action
            .roles()
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(" or "),
        approvable,
    }
}
