//! Stock: transfers, balances, the ledger (audit), and the exception queue.

use super::*;

impl Service {
    /// Moves stock; retries the open exceptions of the destination.
    ///
    /// # Errors
    /// Unknown item or location, a bad quantity, not enough stock at `from`.
    pub fn transfer(
        &mut self,
        item: &str,
        qty: Decimal,
        from: &str,
        to: &str,
        who: &Credentials,
    ) -> Result<Vec<ExceptionRow>> {
        let conn = self.store.conn();
        let it = store::master::item(conn, item)?
            .ok_or_else(|| ServiceError::not_found(Thing::Item, item))?;
        for l in [from, to] {
            if !store::master::location_exists(conn, l)? {
                return Err(ServiceError::not_found(Thing::Location, l));
            }
        }
        if from == to {
            return Err(ServiceError::invalid(
                "transfer to",
                to,
                format!("is the same as from {from}: a transfer to itself moves nothing"),
            ));
        }
        if qty <= Decimal::ZERO {
            return Err(ServiceError::invalid(
                "transfer quantity",
                canonical(qty),
                "must be greater than zero",
            ));
        }
        backflush::check_quantity("transfer", qty, it.decimals)?;
        let stamp = self.authorize(who, Action::Handle)?;
        let accounts = self.accounts.clone();
        let mut accounts_of = Vec::new();
        for l in [from, to] {
            let kind = store::master::location_kind(self.store.conn(), l)?
                .unwrap_or(LocationKind::Storage);
            accounts_of.push(inventory_account(kind));
        }
        let account_of = |l: &str| {
            if l == from {
                accounts_of[0]
            } else {
                accounts_of[1]
            }
        };
        Ok(self.store.write(|tx| {
            let pick = self.config.lot_selection().pick_order();
            store::ledger::transfer(
                tx,
                item,
                qty,
                from,
                to,
                &stamp,
                &accounts,
                &account_of,
                pick,
            )
        })?)
    }

    /// Non-zero balances.
    ///
    /// # Errors
    /// The store fails.
    pub fn stock(&self, location: Option<&str>, item: Option<&str>) -> Result<Vec<BalanceRow>> {
        Ok(store::queries::balances(self.store.conn(), location, item)?)
    }

    /// The ledger, newest first (the audit trail: who, when, where, why).
    ///
    /// # Errors
    /// The store fails.
    pub fn audit(
        &self,
        filter: &store::queries::AuditFilter,
    ) -> Result<Vec<store::queries::MovementRow>> {
        Ok(store::queries::movements(self.store.conn(), filter)?)
    }

    /// Skipped report lines with their reason codes, newest first: they moved nothing, so
    /// `audit` lists them apart from the ledger.
    ///
    /// # Errors
    /// The store fails.
    pub fn audit_skips(
        &self,
        filter: &store::queries::AuditFilter,
    ) -> Result<Vec<store::floor::SkippedLine>> {
        Ok(store::floor::skipped_lines(self.store.conn(), filter)?)
    }

    /// The exception queue, oldest first.
    ///
    /// # Errors
    /// The store fails.
    pub fn exceptions(&self, open_only: bool) -> Result<Vec<ExceptionRow>> {
        Ok(store::exceptions::exceptions(
            self.store.conn(),
            open_only,
            None,
        )?)
    }

    /// Retries every open exception, oldest first.
    ///
    /// # Errors
    /// Permissions; the store fails.
    pub fn retry_exceptions(&mut self, who: &Credentials) -> Result<Vec<ExceptionRow>> {
        let stamp = self.authorize(who, Action::Handle)?;
        let accounts = self.accounts.clone();
        Ok(self.store.write(|tx| -> store::Result<_> {
            let posted = store::exceptions::retry_exceptions(tx, None, &stamp, &accounts)?;
            store::outbox::record(tx, &stamp, store::outbox::Posting::Retry)?;
            Ok(posted)
        })?)
    }
}

impl Service {
    /// Stock items matching `text` in code or description, for a pick list.
    ///
    /// # Errors
    /// The store fails.
    pub fn search_items(&self, text: &str, limit: i64) -> Result<Vec<(String, String)>> {
        Ok(store::master::search_items(self.store.conn(), text, limit)?)
    }

    /// The kind of a location, `None` when it does not exist.
    ///
    /// # Errors
    /// The store fails.
    pub fn location_kind(&self, code: &str) -> Result<Option<LocationKind>> {
        Ok(store::master::location_kind(self.store.conn(), code)?)
    }
}
