//! Handing postings to the ERP: the store's identity, the export of its outbox,
//! the consumers' cursors and the backup.

use std::path::Path;

use super::auth::Permission;
use super::{Credentials, Field, Result, Service, ServiceError, Why};
use crate::store::outbox;
// What the command line writes out of the outbox, named through the service.
pub use crate::store::outbox::{Ack, EVENT_TYPES, Event, ExportFilter, FIELDS, Value};
use crate::store::{self, StoreError};

/// `backflush info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub store_id: String,
    pub schema_version: i64,
    pub version: &'static str,
    pub path: String,
    pub items: i64,
    pub orders: i64,
    pub reports: i64,
    pub movements: i64,
}

impl Service {
    /// The store's identity and size.
    ///
    /// # Errors
    /// The store fails.
    pub fn info(&self) -> Result<Info> {
        let conn = self.store.conn();
        let size = store::queries::size(conn)?;
        Ok(Info {
            store_id: outbox::store_id(conn)?,
            schema_version: self.store.schema_version()?,
            version: env!("CARGO_PKG_VERSION"),
            path: self.store.path().to_string(),
            items: size.items,
            orders: size.orders,
            reports: size.reports,
            movements: size.movements,
        })
    }

    /// The store's id (the first part of every event's key).
    ///
    /// # Errors
    /// The store fails.
    pub fn store_id(&self) -> Result<String> {
        Ok(outbox::store_id(self.store.conn())?)
    }

    /// The seq a consumer has acknowledged (0 for a new one).
    ///
    /// # Errors
    /// The store fails.
    pub fn consumer_seq(&self, consumer: &str) -> Result<i64> {
        Ok(outbox::consumer_seq(self.store.conn(), consumer)?)
    }

    /// Streams the events `filter` selects to `emit`, in seq order, in one read transaction
    /// (a consistent view while terminals post). Writes nothing. Returns how many.
    ///
    /// # Errors
    /// The store fails, or `emit` does.
    pub fn export<E: From<ServiceError>>(
        &self,
        filter: &ExportFilter,
        emit: &mut dyn FnMut(&Event) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        outbox::export_consistent::<Wrapped<E>>(self.store.conn(), filter, &mut |e| {
            emit(e).map_err(Wrapped)
        })
        .map_err(|w| w.0)
    }

    /// Records that `consumer` has received every event through `through`.
    ///
    /// # Errors
    /// Backwards or past the last seq, a bad consumer name, permissions.
    pub fn ack(&mut self, consumer: &str, through: i64, who: &Credentials) -> Result<Ack> {
        check_consumer(consumer)?;
        let stamp = self.authorize(who, Permission::ExportAck)?;
        Ok(self
            .store
            .write(|tx| outbox::ack(tx, consumer, through, stamp.at_text()))?)
    }

    /// A consistent copy of the store at `dest`, readable by its owner only.
    ///
    /// # Errors
    /// `dest` exists or cannot be written, permissions.
    pub fn backup(&mut self, dest: &Path, who: &Credentials) -> Result<()> {
        self.authorize(who, Permission::Backup)?;
        Ok(self.store.backup(dest)?)
    }
}

/// A consumer's name: printable, not empty.
fn check_consumer(consumer: &str) -> Result<()> {
    if consumer.trim().is_empty() || consumer.chars().any(char::is_control) {
        return Err(ServiceError::invalid(
            Field::Consumer,
            consumer,
            Why::NotAName,
        ));
    }
    Ok(())
}

/// The caller's error carried through the store's export.
struct Wrapped<E>(E);

impl<E: From<ServiceError>> From<StoreError> for Wrapped<E> {
    fn from(e: StoreError) -> Self {
        Wrapped(E::from(ServiceError::Store(e)))
    }
}

/// Whether `name` is an event type.
#[must_use]
pub fn event_type(name: &str) -> Option<&'static str> {
    store::outbox::EVENT_TYPES
        .iter()
        .copied()
        .find(|t| *t == name)
}
