//! PINs: the salted argon2id hash a user's PIN is kept as, and the private PIN file of an
//! unattended job. Below both the import (which hashes the PINs of `users.csv`) and the
//! service (which verifies them at login), so neither reaches into the other.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// argon2id memory cost in KiB: OWASP's minimum (19 MiB, with t = 2, p = 1).
pub const PIN_MEMORY_KIB: u32 = 19_456;
/// argon2id passes.
pub const PIN_PASSES: u32 = 2;

fn hasher() -> Result<Argon2<'static>, String> {
    // A 4-digit PIN has 10,000 values: no hash cost makes an offline guess slow, so the
    // store's file mode is the real protection; the cost keeps a stolen copy from giving
    // all PINs away in a blink, and stays quick enough for a badge scan.
    let params = Params::new(PIN_MEMORY_KIB, PIN_PASSES, 1, None)
        .map_err(|e| format!("bad argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A salted argon2id hash of a PIN, in PHC text form. The salt comes from the OS random
/// source.
///
/// # Errors
/// The hasher fails (never for ordinary input).
pub fn hash_pin(pin: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the PIN: {e}"))
}

/// Whether `pin` matches the stored hash. The PHC string carries its own parameters, so
/// hashes made at an older cost still verify.
#[must_use]
pub fn verify_pin(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Why a PIN file was refused.
#[derive(Debug, thiserror::Error)]
pub enum PinFileError {
    #[error("cannot read the PIN file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "the PIN file {path} is readable by others (mode {mode:03o}); make it readable by its owner only (chmod 600)"
    )]
    NotPrivate { path: String, mode: u32 },
    #[error("the PIN file {path} is empty")]
    Empty { path: String },
    #[error("the PIN file {path} is not a regular file")]
    NotAFile { path: String },
    #[error(
        "the PIN file {path} is larger than {MAX_PIN_FILE_BYTES} bytes; it holds one PIN on its first line"
    )]
    TooLarge { path: String },
}

/// The largest PIN file read.
pub const MAX_PIN_FILE_BYTES: u64 = 1024;

/// The PIN in the file `path` (`BACKFLUSH_PIN_FILE`, for unattended jobs): its first line.
/// The file must be a regular file of at most 1 KiB, readable by its owner only. Its kind is
/// checked before it is opened, since opening a FIFO waits for a writer that may never come,
/// and the open file is checked again (it may have been swapped in between).
///
/// # Errors
/// The file cannot be read, is not a regular file, is too large, is group- or
/// world-accessible, or holds no PIN.
pub fn read_pin_file(path: &std::path::Path) -> Result<String, PinFileError> {
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    let name = path.display().to_string();
    let read_err = |source| PinFileError::Read {
        path: name.clone(),
        source,
    };
    let fits = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            Err(PinFileError::NotAFile { path: name.clone() })
        } else if meta.len() > MAX_PIN_FILE_BYTES {
            Err(PinFileError::TooLarge { path: name.clone() })
        } else {
            Ok(())
        }
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    fits(&meta)?;
    let mode = meta.permissions().mode() & 0o777;
    if !crate::private_fs::owner_only(mode) {
        return Err(PinFileError::NotPrivate { path: name, mode });
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    fits(&file.metadata().map_err(read_err)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_PIN_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_PIN_FILE_BYTES {
        return Err(PinFileError::TooLarge { path: name });
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| read_err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    let pin = text.lines().next().unwrap_or_default().trim();
    if pin.is_empty() {
        return Err(PinFileError::Empty { path: name });
    }
    Ok(pin.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_verifies_against_its_hash_only() {
        let hash = hash_pin("1234").unwrap();
        assert!(!hash.contains("1234"));
        assert!(verify_pin("1234", &hash));
        assert!(!verify_pin("1235", &hash));
        assert_ne!(hash, hash_pin("1234").unwrap(), "salted");
        assert!(hash.contains("m=19456,t=2,p=1"), "{hash}");
    }

    #[test]
    fn a_hash_made_at_the_old_cost_still_verifies() {
        // m=8 MiB, t=2: the cost of stores made before the OWASP minimum.
        let params = Params::new(8 * 1024, 2, 1, None).unwrap();
        let old = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"2468", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(old.contains("m=8192"));
        assert!(verify_pin("2468", &old));
        assert!(!verify_pin("2469", &old));
    }

    #[test]
    fn a_pin_file_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pin");
        std::fs::write(&file, "1234\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = read_pin_file(&file).unwrap_err().to_string();
        assert!(
            err.contains("readable by others") && err.contains("pin"),
            "{err}"
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(read_pin_file(&file).unwrap(), "1234");
    }
}
