//! The PIN lock-out: wrong PINs in a row lock a badge for a while.
//!
//! A PIN check is slow on purpose, so checks of one badge may run side by side. Each check in
//! progress holds one of the badge's places up to the limit before its PIN is compared, so
//! however many are sent at once, no more are compared than the badge has attempts left. A
//! right PIN gives its place back and starts the count again; a wrong one keeps its place as a
//! failure, and the failure that reaches the limit locks the badge. An attempt that finds every
//! place held by checks still in progress waits for them to end instead of being refused: they
//! may all be right.

use chrono::{DateTime, Duration, Utc};

/// The plant's lock-out rule: `attempts` wrong PINs in a row lock the badge for `minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lockout {
    pub attempts: u32,
    pub minutes: u32,
}

/// A badge's PIN record at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PinRecord {
    /// Wrong PINs in a row, their checks ended.
    pub failed: u32,
    /// The lock the last failures set, which may have run out since.
    pub locked_until: Option<DateTime<Utc>>,
    /// Checks in progress, each holding a place.
    pub in_flight: u32,
}

/// The count and lock a badge is to keep (by default: none, no lock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub failed: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// What becomes of an attempt before its PIN is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// The badge is locked until then: the attempt is refused and not counted.
    Locked(DateTime<Utc>),
    /// The wrong PINs already counted reach the limit by themselves (the limit was lowered
    /// since they were counted): the badge is to be locked from now until then, and the
    /// attempt refused.
    Locks(DateTime<Utc>),
    /// Every place is held by checks still in progress: ask again once one has ended.
    Wait,
    /// The attempt takes a place and its PIN is compared. `restart`: the lock has run out,
    /// so the count starts again from nothing.
    Take { restart: bool },
}

impl PinRecord {
    /// The lock that still holds at `now`.
    #[must_use]
    pub fn lock_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }

    /// The wrong PINs in a row that still count at `now`: none once a lock has run out.
    fn failed_at(&self, now: DateTime<Utc>) -> u32 {
        match self.locked_until {
            Some(until) if until <= now => 0,
            _ => self.failed,
        }
    }
}

impl Lockout {
    fn lock_from(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + Duration::minutes(i64::from(self.minutes))
    }

    /// Whether an attempt made at `now` may have its PIN compared.
    #[must_use]
    pub fn admit(&self, record: &PinRecord, now: DateTime<Utc>) -> Admission {
        if let Some(until) = record.lock_at(now) {
            return Admission::Locked(until);
        }
        let failed = record.failed_at(now);
        if failed >= self.attempts {
            return Admission::Locks(self.lock_from(now));
        }
        if failed.saturating_add(record.in_flight) >= self.attempts {
            return Admission::Wait;
        }
        Admission::Take {
            restart: record.locked_until.is_some(),
        }
    }

    /// A wrong PIN, its place already given back in `record`: one more failure, and the lock
    /// when it reaches the limit. `None` when a lock already holds (the failures of other
    /// checks reached the limit meanwhile): the badge stays as it is.
    #[must_use]
    pub fn wrong(&self, record: &PinRecord, now: DateTime<Utc>) -> Option<Count> {
        if record.lock_at(now).is_some() {
            return None;
        }
        let failed = record.failed_at(now).saturating_add(1);
        Some(Count {
            failed,
            locked_until: (failed >= self.attempts).then(|| self.lock_from(now)),
        })
    }

    /// A right PIN, its place already given back in `record`: the count starts again. `None`
    /// when nothing is to change, or a lock holds: wrong PINs checked beside this one locked
    /// the badge meanwhile, and a right PIN lifts no lock it did not see.
    #[must_use]
    pub fn right(&self, record: &PinRecord, now: DateTime<Utc>) -> Option<Count> {
        if record.lock_at(now).is_some() || (record.failed == 0 && record.locked_until.is_none()) {
            return None;
        }
        Some(Count {
            failed: 0,
            locked_until: None,
        })
    }

    /// The attempts left after a wrong PIN left `count` (none when the badge stays locked).
    #[must_use]
    pub fn attempts_left(&self, count: Option<&Count>) -> u32 {
        count.map_or(0, |c| self.attempts.saturating_sub(c.failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: Lockout = Lockout {
        attempts: 5,
        minutes: 15,
    };

    fn at(minute: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-03-02T08:{minute:02}:00Z"))
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn record(failed: u32, locked_until: Option<DateTime<Utc>>, in_flight: u32) -> PinRecord {
        PinRecord {
            failed,
            locked_until,
            in_flight,
        }
    }

    #[test]
    fn places_go_up_to_the_limit_counting_failures_and_checks_in_progress() {
        let now = at(0);
        assert_eq!(
            FIVE.admit(&record(0, None, 4), now),
            Admission::Take { restart: false }
        );
        assert_eq!(FIVE.admit(&record(0, None, 5), now), Admission::Wait);
        assert_eq!(FIVE.admit(&record(3, None, 2), now), Admission::Wait);
        assert_eq!(
            FIVE.admit(&record(3, None, 1), now),
            Admission::Take { restart: false }
        );
    }

    #[test]
    fn a_lock_refuses_until_it_runs_out_then_the_count_starts_again() {
        let until = at(15);
        assert_eq!(
            FIVE.admit(&record(5, Some(until), 0), at(14)),
            Admission::Locked(until)
        );
        assert_eq!(
            FIVE.admit(&record(5, Some(until), 0), at(15)),
            Admission::Take { restart: true }
        );
        assert_eq!(
            FIVE.wrong(&record(5, Some(until), 0), at(16)),
            Some(Count {
                failed: 1,
                locked_until: None
            })
        );
    }

    #[test]
    fn the_wrong_pin_that_reaches_the_limit_locks_the_badge() {
        let now = at(0);
        let four = FIVE.wrong(&record(3, None, 1), now);
        assert_eq!(
            four,
            Some(Count {
                failed: 4,
                locked_until: None
            })
        );
        assert_eq!(FIVE.attempts_left(four.as_ref()), 1);
        let fifth = FIVE.wrong(&record(4, None, 0), now);
        assert_eq!(
            fifth,
            Some(Count {
                failed: 5,
                locked_until: Some(at(15))
            })
        );
        assert_eq!(FIVE.attempts_left(fifth.as_ref()), 0);
        // Locked meanwhile by other checks: nothing more to count.
        assert_eq!(FIVE.wrong(&record(5, Some(at(15)), 0), at(1)), None);
    }

    #[test]
    fn a_right_pin_starts_the_count_again_but_lifts_no_lock_that_holds() {
        let now = at(0);
        assert_eq!(
            FIVE.right(&record(3, None, 1), now),
            Some(Count {
                failed: 0,
                locked_until: None
            })
        );
        assert_eq!(FIVE.right(&record(0, None, 2), now), None);
        assert_eq!(FIVE.right(&record(5, Some(at(15)), 0), now), None);
        assert_eq!(
            FIVE.right(&record(5, Some(at(15)), 0), at(20)),
            Some(Count {
                failed: 0,
                locked_until: None
            })
        );
    }

    #[test]
    fn a_limit_lowered_below_the_failures_locks_at_once() {
        let three = Lockout {
            attempts: 3,
            minutes: 10,
        };
        assert_eq!(
            three.admit(&record(4, None, 0), at(0)),
            Admission::Locks(at(10))
        );
    }
}
