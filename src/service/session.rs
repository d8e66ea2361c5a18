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
                return Err(forbidden(lead, lead_role, Action::LeadApproval));
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
        if action.roles().contains(&role)
            || (action.approvable() && role == Role::Operator && stamp.approver.is_some())
        {
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
        if let Some(until) = user
            .locked_until
            .as_deref()
            .and_then(|u| DateTime::parse_from_rfc3339(u).ok())
            && until > now
        {
            return Err(AuthError::Locked {
                badge: badge.to_string(),
                until: until.with_timezone(&Utc),
            }
            .into());
        }
        let Some(pin) = pin else {
            return Err(AuthError::PinMissing {
                badge: badge.to_string(),
            }
            .into());
        };
        // A PIN verified in this process is not hashed again (argon2 is slow on purpose); only
        // a keyed digest of it is kept in memory.
        let digest = self.pin_digest(badge, pin, &user.pin_hash);
        let ok = self.verified.borrow().contains(&digest) || auth::verify_pin(pin, &user.pin_hash);
        if ok {
            self.verified.borrow_mut().insert(digest);
        }
        let lock = (!ok && user.failed_pins + 1 >= i64::from(self.config.policy.lockout_attempts))
            .then(|| {
                (now + chrono::Duration::minutes(i64::from(self.config.policy.lockout_minutes)))
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            });
        if !ok || user.failed_pins > 0 || user.locked_until.is_some() {
            self.store
                .write(|tx| store::master::record_pin_attempt(tx, badge, ok, lock.as_deref()))?;
        }
        if !ok {
            let attempts_left = u32::try_from(
                i64::from(self.config.policy.lockout_attempts) - (user.failed_pins + 1),
            )
            .unwrap_or(0);
            return Err(AuthError::WrongPin {
                badge: badge.to_string(),
                attempts_left,
            }
            .into());
        }
        Role::parse(&user.role).ok_or_else(|| {
            ServiceError::Store(StoreError::Corrupt(format!(
                "badge {badge} has an unknown role"
            )))
        })
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

pub(super) fn forbidden(user: &str, role: Role, action: Action) -> ServiceError {
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
    }
}
