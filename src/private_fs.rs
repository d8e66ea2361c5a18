//! Files and directories readable by their owner only: the store holds PIN hashes
//! and the log names who did what, so whatever the umask, a new store file (and through it
//! SQLite's `-wal` and `-shm`, which SQLite creates with the main file's permissions), the
//! log file and every directory the program creates are 0600 / 0700.

use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The mode of a new file.
pub const FILE_MODE: u32 = 0o600;
/// The mode of a new directory.
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and its missing parents as 0700 (directories that exist are left as they
/// are).
///
/// # Errors
/// A directory cannot be created.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dir_all(parent)?;
    }
    match DirBuilder::new().mode(DIR_MODE).create(dir) {
        Ok(()) => std::fs::set_permissions(dir, Permissions::from_mode(DIR_MODE)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates `path` as a new, empty 0600 file (its directory as by [`create_dir_all`]). The
/// mode is set explicitly after creation, so the umask cannot loosen or tighten it.
///
/// # Errors
/// The file exists already, or cannot be created.
pub fn create_new_file(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        create_dir_all(dir)?;
    }
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)?;
    file.set_permissions(Permissions::from_mode(FILE_MODE))?;
    Ok(file)
}

/// Opens `path` for appending, creating it as a 0600 file (and its directory as 0700) when
/// it does not exist. An existing file keeps its mode.
///
/// # Errors
/// The file cannot be opened or created.
pub fn open_append(path: &Path) -> io::Result<File> {
    match OpenOptions::new().append(true).open(path) {
        Ok(file) => Ok(file),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                create_dir_all(dir)?;
            }
            let file = OpenOptions::new()
                .append(true)
                .create(true)
                .mode(FILE_MODE)
                .open(path)?;
            file.set_permissions(Permissions::from_mode(FILE_MODE))?;
            Ok(file)
        }
        Err(e) => Err(e),
    }
}

/// Sets an existing file to 0600.
///
/// # Errors
/// The mode cannot be changed.
pub fn make_private(path: &Path) -> io::Result<()> {
    std::fs::set_permissions(path, Permissions::from_mode(FILE_MODE))
}

/// Whether a file's mode lets only its owner read or write it (no group or other bits).
#[must_use]
pub fn owner_only(mode: u32) -> bool {
    mode & 0o077 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn new_files_and_directories_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a/b/c.db");
        create_new_file(&file).unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);
        for d in [dir.path().join("a"), dir.path().join("a/b")] {
            assert_eq!(std::fs::metadata(&d).unwrap().mode() & 0o777, 0o700);
        }
        assert!(create_new_file(&file).is_err(), "never overwrites");
        let log = dir.path().join("l/x.log");
        open_append(&log).unwrap();
        assert_eq!(std::fs::metadata(&log).unwrap().mode() & 0o777, 0o600);
        assert!(owner_only(0o600) && !owner_only(0o640) && !owner_only(0o604));
    }
}
