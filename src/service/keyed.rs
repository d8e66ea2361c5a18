//! Idempotency keys on every command that posts movements: the caller names a key
//! (`--key`); a retry with the same key and request returns the first result and posts
//! nothing; the same key with a different request is refused (`conflict`).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::*;
use crate::store::requests::KeyUse;

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
/// The key was used for a different request or command (`conflict`); the store fails, or
/// holds a first result that does not read as `T` ([`StoreError::Corrupt`]).
pub(super) fn replay<T: DeserializeOwned>(
    conn: &Connection,
    keyed: Option<&Keyed>,
) -> Result<Option<T>> {
    let Some(keyed) = keyed else { return Ok(None) };
    let Some(used) = first_use(conn, &keyed.key, keyed.command)? else {
        return Ok(None);
    };
    if used.request != keyed.request {
        return Err(ServiceError::KeyUsed {
            key: keyed.key.clone(),
            command: used.command,
        });
    }
    read_result(&keyed.key, &used.result).map(Some)
}

/// The first use of `key` when it was used for `command`, whatever its request; `None` for
/// a new key.
///
/// # Errors
/// The key was used for another command (`conflict`); the store fails.
pub(super) fn first_use(conn: &Connection, key: &str, command: &str) -> Result<Option<KeyUse>> {
    match store::requests::find(conn, key)? {
        Some(used) if used.command != command => Err(ServiceError::KeyUsed {
            key: key.to_string(),
            command: used.command,
        }),
        used => Ok(used),
    }
}

/// A first result as the store keeps it (JSON text), read back as the typed result.
///
/// # Errors
/// The text is not a `T` ([`StoreError::Corrupt`]).
pub(super) fn read_result<T: DeserializeOwned>(key: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        StoreError::Corrupt(format!("the first result of key {key} cannot be read: {e}")).into()
    })
}

/// A first result as the store keeps it: its JSON text.
///
/// # Errors
/// `result` cannot be written as JSON.
pub(super) fn result_text<T: Serialize>(key: &str, result: &T) -> Result<String> {
    serde_json::to_string(result).map_err(|cause| ServiceError::Unkeepable {
        key: key.to_string(),
        cause,
    })
}

/// The first result of `keyed`'s key as a plan keeps it; `None` without a key.
///
/// # Errors
/// `result` cannot be written as JSON.
pub(super) fn kept<T: Serialize>(
    keyed: Option<&Keyed>,
    result: &T,
) -> Result<Option<crate::domain::posting::Kept>> {
    let Some(keyed) = keyed else { return Ok(None) };
    Ok(Some(crate::domain::posting::Kept {
        key: keyed.key.clone(),
        command: keyed.command,
        request: keyed.request.clone(),
        result: result_text(&keyed.key, result)?,
    }))
}

/// A quantity in canonical form for a request's text (`3.0` and `3` are the same request).
pub(super) fn qty_text(q: Quantity) -> String {
    q.to_string()
}
