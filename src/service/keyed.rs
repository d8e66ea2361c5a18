//! Idempotency keys on every command that posts movements: the caller names a key
//! (`--key`); a retry with the same key and request returns the first result and posts
//! nothing; the same key with another request, or of another command, is refused
//! (`conflict`).
//!
//! One mechanism for every posting: the key travels with its request ([`Keyed`]), and the
//! request a key stands for is its fingerprint, the command's name with the typed request
//! as JSON. Keys stored before fingerprints were versioned keep the text each command
//! built then; a stored request without the version prefix is compared with that text.

use super::{Connection, Quantity, Result, ServiceError, StoreError, store};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::store::BadValue;
use crate::store::requests::KeyUse;

/// A posting's request with the idempotency key it is posted under, if any.
#[derive(Debug, Clone, Copy)]
pub struct Keyed<'a, R> {
    pub request: &'a R,
    /// The caller's key (`--key`); none, or an empty one, posts without a key.
    pub key: Option<&'a str>,
}

impl<'a, R> Keyed<'a, R> {
    /// `request` under `key`.
    #[must_use]
    pub fn new(request: &'a R, key: Option<&'a str>) -> Self {
        Keyed { request, key }
    }
}

/// A request without a key.
impl<'a, R> From<&'a R> for Keyed<'a, R> {
    fn from(request: &'a R) -> Self {
        Keyed { request, key: None }
    }
}

/// The prefix of a fingerprint built from the typed request; a stored request without it
/// was written by an earlier version.
const FINGERPRINT_V2: &str = "v2:";

/// A posting's key with the request it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key {
    pub key: String,
    pub command: &'static str,
    /// The fingerprint kept with the key: `v2:` and the command with its request as JSON.
    pub request: String,
    /// The request as earlier versions wrote it, for the keys they stored.
    pub earlier: String,
}

impl Key {
    /// `key` of `command` standing for `request`; `earlier` is the same request as earlier
    /// versions wrote it.
    ///
    /// # Errors
    /// The request cannot be written as JSON.
    pub(super) fn new<R: Serialize>(
        key: String,
        command: &'static str,
        request: &R,
        earlier: String,
    ) -> Result<Key> {
        #[derive(Serialize)]
        struct Fingerprint<'r, R> {
            command: &'static str,
            request: &'r R,
        }
        let json = serde_json::to_string(&Fingerprint { command, request }).map_err(|cause| {
            ServiceError::Unkeepable {
                key: key.clone(),
                cause,
            }
        })?;
        Ok(Key {
            key,
            command,
            request: format!("{FINGERPRINT_V2}{json}"),
            earlier,
        })
    }

    /// Whether the request a key was stored with is this one.
    pub(super) fn same(&self, stored: &str) -> bool {
        if stored.starts_with(FINGERPRINT_V2) {
            stored == self.request
        } else {
            stored == self.earlier
        }
    }
}

/// The key of a posting given one (an empty key is none), with its request.
///
/// # Errors
/// The request cannot be written as JSON.
pub(super) fn key<R: Serialize>(
    key: Option<&str>,
    command: &'static str,
    request: &R,
    earlier: impl FnOnce() -> String,
) -> Result<Option<Key>> {
    match key.filter(|k| !k.is_empty()) {
        Some(k) => Key::new(k.to_string(), command, request, earlier()).map(Some),
        None => Ok(None),
    }
}

/// The first result of `keyed`'s key when it was used for the same request; `replayed` is
/// set when there is one, so the caller can say the posting was replayed.
///
/// # Errors
/// The key was used for a different request or command (`conflict`); the store fails, or
/// holds a first result that does not read as `T` ([`StoreError::Corrupt`]).
pub(super) fn replay<T: DeserializeOwned>(
    conn: &Connection,
    keyed: Option<&Key>,
    replayed: &std::cell::Cell<bool>,
) -> Result<Option<T>> {
    let Some(keyed) = keyed else { return Ok(None) };
    let Some(used) = first_use(conn, &keyed.key, keyed.command)? else {
        return Ok(None);
    };
    if !keyed.same(&used.request) {
        return Err(ServiceError::KeyUsed {
            key: keyed.key.clone(),
            command: used.command,
        });
    }
    let first = read_result(&keyed.key, &used.result)?;
    replayed.set(true);
    Ok(Some(first))
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
        StoreError::Corrupt(BadValue::KeptResult {
            key: key.to_string(),
            cause: e.to_string(),
        })
        .into()
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
    keyed: Option<&Key>,
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

/// A quantity in canonical form as earlier versions wrote it in a request's text (`3.0`
/// and `3` are the same request).
pub(super) fn qty_text(q: Quantity) -> String {
    q.to_string()
}
