//! A code as a user typed it, resolved to the code as it is stored: the one place a typed
//! code of an item, location, order or work center is looked up, so a code typed in another
//! case means the stored one when exactly one matches, and a code that matches none is an
//! error naming it (never an empty result).

use super::{Field, Result, Service, ServiceError, Thing, Why};
use crate::store;
use crate::store::master::CodeKind;

impl Service {
    /// The stored code `typed` names, a code of `what` (an item, location or order): itself when stored as typed, else the one stored code equal to it without
    /// regard to case.
    ///
    /// # Errors
    /// No stored code matches (`not_found`, naming it), or several match only without
    /// regard to case (`invalid`, naming them); the store fails.
    pub fn resolve_code(&self, what: Thing, typed: &str) -> Result<String> {
        let (kind, field) = match what {
            Thing::Item => (CodeKind::Item, Field::Item),
            Thing::Location => (CodeKind::Location, Field::Location),
            Thing::Order => (CodeKind::Order, Field::Order),
            // Other things are not looked up by a typed code here: taken as typed.
            _ => return Ok(typed.to_string()),
        };
        let mut found = store::master::matching_codes(self.store.conn(), kind, typed, 3)?;
        match found.len() {
            0 => Err(ServiceError::not_found(what, typed)),
            1 => Ok(found.swap_remove(0)),
            _ => Err(ServiceError::invalid(
                field,
                typed,
                Why::SeveralMatch { codes: found },
            )),
        }
    }
}
