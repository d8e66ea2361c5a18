//! A code typed in another case: the one stored code it means. Codes are stored as imported
//! and compared exactly; a code typed as `g7-0001` or `knob` means the stored `G7-0001` or
//! `KNOB` when exactly one stored code matches without regard to case. Both faces hand what
//! was typed to the posting services, which resolve it here before reading anything else.

use crate::domain::backflush::Override;
use crate::domain::requests::{AdjustRequest, CountRequest, SubstituteRequest, TransferRequest};
use crate::service::Change;
use crate::service::Field;
use crate::service::ReportRequest;
use crate::service::Result;
use crate::service::Service;
use crate::service::ServiceError;
use crate::service::Thing;
use crate::service::Why;
use crate::store::codes::{CodeKind, any_case, stored_as_typed};

impl Service {
    /// The stored code of `what` that `typed` means: itself when stored so, else the one
    /// stored code equal to it in another case, else `typed` as it is (unknown: the caller
    /// refuses it as before).
    ///
    /// # Errors
    /// Two or more stored codes differ from it only in case (they are named); the store
    /// fails.
    pub fn resolve_code(&self, what: Thing, typed: &str) -> Result<String> {
        Ok(self
            .stored_code(what, typed)?
            .unwrap_or_else(|| typed.to_string()))
    }

    /// As [`Self::resolve_code`] for a code that must be stored (a filter of a read): one
    /// that matches no stored code is not found, naming it, never an empty answer.
    ///
    /// # Errors
    /// No stored code matches, or several differ from it only in case; the store fails.
    pub fn resolve_known(&self, what: Thing, typed: &str) -> Result<String> {
        self.stored_code(what, typed)?
            .ok_or_else(|| ServiceError::not_found(what, typed))
    }

    /// The stored code `typed` means (`typed` itself for a thing not looked up by code),
    /// `None` when none matches.
    fn stored_code(&self, what: Thing, typed: &str) -> Result<Option<String>> {
        let kind = match what {
            Thing::Item => CodeKind::Item,
            Thing::Location => CodeKind::Location,
            Thing::WorkCenter => CodeKind::WorkCenter,
            Thing::Order => CodeKind::Order,
            Thing::Lot => CodeKind::Lot,
            _ => return Ok(Some(typed.to_string())),
        };
        if typed.is_empty() {
            return Ok(Some(String::new()));
        }
        // The code as typed is the common case, found by its key; only another spelling is
        // looked for among every code of its kind.
        if stored_as_typed(self.store.conn(), kind, typed)? {
            return Ok(Some(typed.to_string()));
        }
        let found = any_case(self.store.conn(), kind, typed, 10)?;
        if found.iter().any(|c| c == typed) {
            return Ok(Some(typed.to_string()));
        }
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one.clone())),
            many => Err(ServiceError::invalid(
                // The option that names it where there is one.
                match what {
                    Thing::Item => Field::Item,
                    Thing::Location => Field::Location,
                    Thing::Order => Field::Order,
                    _ => Field::Code(what),
                },
                typed,
                Why::DiffersInCase {
                    codes: many.to_vec(),
                },
            )),
        }
    }

    /// A lot allocation `LOT[:QTY],…` with each lot named as stored (see
    /// [`Self::resolve_code`]); quantities and spacing as typed.
    ///
    /// # Errors
    /// As [`Self::resolve_code`].
    pub fn resolve_allocation(&self, text: &str) -> Result<String> {
        let parts = text
            .split(',')
            .map(|part| match part.split_once(':') {
                Some((lot, qty)) => Ok(format!("{}:{qty}", self.resolve_lot(lot)?)),
                None => self.resolve_lot(part),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(parts.join(","))
    }

    /// One lot of an allocation, the blanks around it kept.
    fn resolve_lot(&self, lot: &str) -> Result<String> {
        let trimmed = lot.trim();
        if trimmed.is_empty() {
            return Ok(lot.to_string());
        }
        let resolved = self.resolve_code(Thing::Lot, trimmed)?;
        Ok(lot.replacen(trimmed, &resolved, 1))
    }

    /// An order's number and a report's request with every code named as stored: the order,
    /// an override's item key, its issue location and its lots.
    ///
    /// # Errors
    /// As [`Self::resolve_code`].
    pub fn resolve_report(
        &self,
        order: &str,
        request: &ReportRequest,
    ) -> Result<(String, ReportRequest)> {
        let order = self.resolve_code(Thing::Order, order)?;
        let mut request = request.clone();
        for o in &mut request.overrides {
            self.resolve_override(o)?;
        }
        Ok((order, request))
    }

    /// A line key (a line number stays as it is; an item code is named as stored) and the
    /// codes of its change.
    fn resolve_override(&self, o: &mut Override) -> Result<()> {
        if !is_line_number(&o.key) {
            o.key = self.resolve_code(Thing::Item, &o.key)?;
        }
        match &mut o.change {
            Change::Location(location) => {
                *location = self.resolve_code(Thing::Location, location)?;
            }
            Change::Lots(lots) => *lots = self.resolve_allocation(lots)?,
            Change::Qty(_) | Change::LineScrap(_) | Change::Skip => {}
        }
        Ok(())
    }

    /// A line key as the faces give it: a line number, else an item code as stored.
    ///
    /// # Errors
    /// As [`Self::resolve_code`].
    pub fn resolve_line_key(&self, key: &str) -> Result<String> {
        if is_line_number(key) {
            Ok(key.to_string())
        } else {
            self.resolve_code(Thing::Item, key)
        }
    }
}

/// `20`, `40.10`: a material line's number, which no case changes.
fn is_line_number(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_digit() || c == '.')
}

impl Service {
    fn resolve_opt_allocation(&self, lots: Option<&String>) -> Result<Option<String>> {
        lots.map(|l| self.resolve_allocation(l)).transpose()
    }

    /// A hand issue's order, line key, location and lots as stored.
    pub(super) fn resolve_issue(
        &self,
        r: &super::issue::IssueRequest,
    ) -> Result<super::issue::IssueRequest> {
        let mut out = r.clone();
        out.order = self.resolve_code(Thing::Order, &r.order)?.into();
        out.line = self.resolve_line_key(&r.line)?;
        out.lots = self.resolve_opt_allocation(r.lots.as_ref())?;
        out.location = r
            .location
            .as_deref()
            .map(|l| self.resolve_code(Thing::Location, l))
            .transpose()?;
        Ok(out)
    }

    /// A transfer's item, locations and lots as stored.
    pub(super) fn resolve_transfer(&self, r: &TransferRequest) -> Result<TransferRequest> {
        Ok(TransferRequest {
            item: self.resolve_code(Thing::Item, &r.item)?.into(),
            qty: r.qty,
            from: self.resolve_code(Thing::Location, &r.from)?.into(),
            to: self.resolve_code(Thing::Location, &r.to)?.into(),
            lots: self.resolve_opt_allocation(r.lots.as_ref())?,
        })
    }

    /// A scrap adjustment's line key and lots as stored.
    pub(super) fn resolve_adjust(&self, r: &AdjustRequest) -> Result<AdjustRequest> {
        let mut out = r.clone();
        out.line = self.resolve_line_key(&r.line)?;
        out.lots = self.resolve_opt_allocation(r.lots.as_ref())?;
        Ok(out)
    }

    /// A substitution's line key, item and lots as stored.
    pub(super) fn resolve_substitute(&self, r: &SubstituteRequest) -> Result<SubstituteRequest> {
        let mut out = r.clone();
        out.line = self.resolve_line_key(&r.line)?;
        out.item = self.resolve_code(Thing::Item, &r.item)?.into();
        out.lots = self.resolve_opt_allocation(r.lots.as_ref())?;
        out.return_lots = self.resolve_opt_allocation(r.return_lots.as_ref())?;
        Ok(out)
    }

    /// A count's item, location and lot as stored.
    pub(super) fn resolve_count(&self, r: &CountRequest) -> Result<CountRequest> {
        let mut out = r.clone();
        out.item = self.resolve_code(Thing::Item, &r.item)?.into();
        out.location = self.resolve_code(Thing::Location, &r.location)?.into();
        out.lot = r
            .lot
            .as_deref()
            .map(|l| self.resolve_code(Thing::Lot, l))
            .transpose()?;
        Ok(out)
    }
}
