//! Who is posting: badge and PIN checks, the lock-out, roles and a lead's approval.

use super::auth::{Grant, Refused, Role};
use super::{
    Approver, AuthError, Credentials, DateTime, Permission, Result, Service, ServiceError, Stamp,
    StoreError, Thing, Utc, store,
};

use crate::domain::language::Language;
use crate::domain::lockout::{Admission, Count, Lockout};
use crate::store::BadValue;

/// How long a PIN check holds its place at most: far longer than a check takes, so that only
/// a check whose process died loses it, and the badge is not held up by it for long.
const PLACE_HELD: chrono::TimeDelta = chrono::TimeDelta::seconds(5);
/// How long an attempt waits for the checks in progress that hold every place: past the
/// time a place is held, so a dead check's place has expired by then.
const WAIT_AT_MOST: std::time::Duration = std::time::Duration::from_secs(6);
/// How often a waiting attempt looks again.
const POLL: std::time::Duration = std::time::Duration::from_millis(20);

impl Service {
    /// Who is posting: the stamp, and the role (`None` while no users exist: the terminal
    /// runs open). A lead's approval is checked and recorded when given.
    ///
    /// # Errors
    /// Unknown badge, wrong PIN, locked badge, an approver who is not a lead.
    pub fn identify(
        &mut self,
        who: &Credentials,
        action: Permission,
    ) -> Result<(Stamp, Option<Role>)> {
        let now = Utc::now();
        let mut stamp = Stamp::new(now, &self.terminal, &self.terminal);
        if store::master::user_count(self.store.conn())? == 0 {
            return Ok((stamp, None));
        }
        let Some(badge) = who.badge.as_deref() else {
            return Err(AuthError::NoUser { action }.into());
        };
        let role = self.check_pin(badge, who.pin.as_deref(), now)?;
        stamp.user = badge.to_string();
        if let Some(Approver { badge: lead, pin }) = &who.approver {
            // Not a lead's badge: refused before its PIN is checked, so no attempt counts.
            self.check_approver(lead)?;
            let lead_role = self.check_pin(lead, Some(pin), now)?;
            if Permission::LeadApproval.grant(lead_role) != Grant::Alone {
                // Refused as the approver: no other lead's approval stands in for theirs.
                return Err(refusal(lead, lead_role, Permission::LeadApproval, false));
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
    pub fn authorize(&mut self, who: &Credentials, action: Permission) -> Result<Stamp> {
        let (stamp, role) = self.identify(who, action)?;
        let Some(role) = role else { return Ok(stamp) };
        match action.check(Some(role), stamp.approver.is_some()) {
            Ok(()) => Ok(stamp),
            Err(refused) => Err(forbidden_by(&stamp.user, &refused)),
        }
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
            ServiceError::Store(StoreError::Corrupt(BadValue::Role {
                badge: badge.to_string(),
            }))
        })?;
        // A PIN verified in this process is not hashed again (argon2 is slow on purpose); only
        // a keyed digest of it is kept in memory. A known right PIN is no guess to count.
        let digest = self.pin_digest(badge, pin, &user.pin_hash);
        if self.verified.borrow().contains(&digest) {
            if user.failed_pins > 0 || user.locked_until.is_some() {
                let lockout = self.lockout()?;
                self.store.write(|tx| -> Result<()> {
                    let record = store::master::pin_record(tx, badge, now)?;
                    if let Some(count) = lockout.right(&record, now) {
                        store::master::set_pin_count(tx, badge, &count)?;
                    }
                    Ok(())
                })?;
            }
            return Ok(role);
        }
        // The attempt takes one of the badge's places before its PIN is compared, in its own
        // short write, so that attempts sent at once never compare more PINs than the badge
        // has attempts left; argon2 runs outside any transaction.
        let lockout = self.lockout()?;
        let place = self.take_pin_place(badge, &lockout)?;
        let right = crate::pin::verify_pin(pin, &user.pin_hash);
        let (count, lock) =
            self.store
                .write(|tx| -> Result<(Option<Count>, Option<DateTime<Utc>>)> {
                    let now = Utc::now();
                    store::master::give_back_pin_place(tx, place)?;
                    let record = store::master::pin_record(tx, badge, now)?;
                    let count = if right {
                        lockout.right(&record, now)
                    } else {
                        lockout.wrong(&record, now)
                    };
                    if let Some(count) = &count {
                        store::master::set_pin_count(tx, badge, count)?;
                    }
                    // The lock this PIN set, or the one wrong PINs checked beside it set.
                    let lock = count
                        .and_then(|c| c.locked_until)
                        .or_else(|| record.lock_at(now));
                    Ok((count, lock))
                })?;
        if right {
            self.verified.borrow_mut().insert(digest);
            return Ok(role);
        }
        Err(AuthError::WrongPin {
            badge: badge.to_string(),
            attempts_left: lockout.attempts_left(count.as_ref()),
            locked_until: lock,
        }
        .into())
    }

    fn lockout(&self) -> Result<Lockout> {
        let (attempts, minutes) = self.rules()?.rules.lockout();
        Ok(Lockout { attempts, minutes })
    }

    /// A place for a PIN check of `badge`, waiting while every place is held by checks still
    /// in progress (they give theirs back when they end, or when it expires). The record is
    /// read without the write lock while waiting; each try to take a place is a short write.
    fn take_pin_place(&mut self, badge: &str, lockout: &Lockout) -> Result<i64> {
        let waiting_since = std::time::Instant::now();
        loop {
            let now = Utc::now();
            let seen = store::master::pin_record(self.store.conn(), badge, now)?;
            let taken = if lockout.admit(&seen, now) == Admission::Wait {
                Err(Admission::Wait)
            } else {
                self.store
                    .write(|tx| -> Result<std::result::Result<i64, Admission>> {
                        // The time once the write lock is held: a place's expiry counts
                        // from when it is taken.
                        let now = Utc::now();
                        let record = store::master::pin_record(tx, badge, now)?;
                        match lockout.admit(&record, now) {
                            Admission::Take { restart } => {
                                if restart {
                                    store::master::set_pin_count(tx, badge, &Count::default())?;
                                }
                                let expires = now + PLACE_HELD;
                                Ok(Ok(store::master::take_pin_place(tx, badge, now, expires)?))
                            }
                            Admission::Locks(until) => {
                                let count = Count {
                                    failed: record.failed,
                                    locked_until: Some(until),
                                };
                                store::master::set_pin_count(tx, badge, &count)?;
                                Ok(Err(Admission::Locked(until)))
                            }
                            refused => Ok(Err(refused)),
                        }
                    })?
            };
            match taken {
                Ok(place) => return Ok(place),
                Err(Admission::Locked(until) | Admission::Locks(until)) => {
                    return Err(AuthError::Locked {
                        badge: badge.to_string(),
                        until,
                    }
                    .into());
                }
                Err(Admission::Take { .. } | Admission::Wait) => {}
            }
            if waiting_since.elapsed() >= WAIT_AT_MOST {
                return Err(AuthError::Busy {
                    badge: badge.to_string(),
                }
                .into());
            }
            std::thread::sleep(POLL);
        }
    }

    /// Lifts the PIN lock-out of `badge` (an admin).
    ///
    /// # Errors
    /// Permissions, or an unknown badge.
    pub fn unlock(&mut self, badge: &str, who: &Credentials) -> Result<bool> {
        self.authorize(who, Permission::Unlock)?;
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

    /// Refuses a badge that is not a user once users exist (every command, reading ones
    /// included; a reading command does not ask for the PIN).
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

    /// Refuses a badge given as a lead's approval that is no user's, or whose role may not
    /// approve: its PIN need not be asked.
    ///
    /// # Errors
    /// The badge is unknown or not a lead's; the store fails.
    pub fn check_approver(&self, badge: &str) -> Result<()> {
        let user = store::master::user(self.store.conn(), badge)?.ok_or_else(|| {
            AuthError::UnknownBadge {
                badge: badge.to_string(),
            }
        })?;
        match Role::parse(&user.role) {
            Some(role) if Permission::LeadApproval.grant(role) != Grant::Alone => {
                Err(AuthError::NotALead {
                    badge: badge.to_string(),
                    role,
                }
                .into())
            }
            _ => Ok(()),
        }
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
    pub fn login(&mut self, badge: &str, pin: &str) -> Result<LoggedIn> {
        let role = self.check_pin(badge, Some(pin), Utc::now())?;
        let user = store::master::user(self.store.conn(), badge)?;
        Ok(LoggedIn {
            name: user.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
            role,
            // A tag no catalog of this build has (one taken out since) speaks the terminal's.
            language: user
                .and_then(|u| u.language)
                .and_then(|tag| Language::parse(&tag)),
        })
    }
}

/// Who logged in: their name, role and the language their terminal speaks (`None`: the
/// terminal's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedIn {
    pub name: String,
    pub role: Role,
    pub language: Option<Language>,
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
pub(super) fn forbidden(user: &str, role: Role, action: Permission) -> ServiceError {
    let approvable = action.grant(role) == Grant::WithApproval;
    refusal(user, role, action, approvable)
}

/// `user` refused as the permission table says.
fn forbidden_by(user: &str, refused: &Refused) -> ServiceError {
    refusal(user, refused.role, refused.action, refused.approvable)
}

fn refusal(user: &str, role: Role, action: Permission, approvable: bool) -> ServiceError {
    ServiceError::Forbidden {
        user: user.to_string(),
        role,
        action,
        needs: action.roles().to_vec(),
        approvable,
    }
}
