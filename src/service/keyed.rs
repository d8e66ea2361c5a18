//! Idempotency keys on every command that posts movements (SPEC §2): the caller names a key
//! (`--key`); a retry with the same key and request returns the first result and posts
//! nothing; the same key with a different request is refused (`conflict`).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::*;

/// A posting's key with its request as canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Keyed {
    pub key: String,
    pub command: &'static str,
    pub request: String,
}

impl Service {
    /// The idempotency key of the next posting this service makes (the command line's
    /// `--key`); the posting uses it up.
    pub fn set_request_key(&mut self, key: Option<String>) {
        self.request_key = key.filter(|k| !k.is_empty());
    }

    /// The key given for this posting, with its request.
    pub(super) fn keyed(&mut self, command: &'static str, request: String) -> Option<Keyed> {
        self.request_key.take().map(|key| Keyed {
            key,
            command,
            request,
        })
    }
}

/// The first result of `keyed`'s key when it was used for the same request.
///
/// # Errors
/// The key was used for a different request or command (`conflict`); the store fails.
pub(super) fn replay<T: DeserializeOwned>(
    conn: &Connection,
    keyed: Option<&Keyed>,
) -> Result<Option<T>> {
    let Some(keyed) = keyed else { return Ok(None) };
    let Some(used) = store::requests::find(conn, &keyed.key)? else {
        return Ok(None);
    };
    if used.command != keyed.command || used.request != keyed.request {
        return Err(ServiceError::KeyUsed {
            key: keyed.key.clone(),
            command: used.command,
        });
    }
    serde_json::from_str(&used.result).map(Some).map_err(|e| {
        StoreError::Corrupt(format!(
            "the first result of key {} cannot be read: {e}",
            keyed.key
        ))
        .into()
    })
}

/// Records `result` as the first result of `keyed`'s key (inside the posting's transaction).
///
/// # Errors
/// The store fails.
pub(super) fn record<T: Serialize>(
    conn: &Connection,
    keyed: Option<&Keyed>,
    result: &T,
) -> Result<()> {
    let Some(keyed) = keyed else { return Ok(()) };
    let json = serde_json::to_string(result).map_err(|e| {
        ServiceError::Refused(format!("cannot keep the result of key {}: {e}", keyed.key))
    })?;
    store::requests::record(conn, &keyed.key, keyed.command, &keyed.request, &json)?;
    Ok(())
}

/// A quantity in canonical form for a request's text (`3.0` and `3` are the same request).
pub(super) fn qty_text(q: Quantity) -> String {
    q.to_string()
}
