//! A file made under a temporary name beside its target and given the target's name only once
//! it is complete: whatever cuts the work off (a refusal, an error, a full disk, a kill), no
//! partial file ever stands under the target's name. `backup` writes its copy this way, and
//! `import` builds a new store this way, so that a refused import leaves no store behind.
//!
//! The temporary file is `.NAME.PID.N.partial` in the target's directory (the same file
//! system, so that it can take the target's name without being copied), created 0600. Until it
//! is put in place, dropping it removes it with the side files SQLite may have made for it
//! (`-journal`, `-wal`, `-shm`) and the directories made for it; a process killed outright
//! leaves only that dot-file, never a file under the target's name.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::open::{self, Mode};
use super::{Result, Store, StoreError, Synchronous};

/// The side files SQLite makes beside a database file.
const SIDE_FILES: [&str; 3] = ["-journal", "-wal", "-shm"];

/// How many temporary names are tried before giving up.
const NAMES: u32 = 100;

/// A temporary file beside its target, removed when dropped unless [`Staged::place`]d.
#[derive(Debug)]
pub struct Staged {
    target: PathBuf,
    file: PathBuf,
    /// The directories created for it, deepest first.
    made: Vec<PathBuf>,
    placed: bool,
}

impl Staged {
    /// Creates an empty 0600 file beside `target` (its missing directories 0700).
    ///
    /// # Errors
    /// `target` names no file, or the directory or the file cannot be created.
    pub fn new(target: &Path) -> io::Result<Self> {
        let Some(name) = target.file_name() else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the path names no file",
            ));
        };
        let dir = directory(target);
        let made = missing_directories(dir);
        let mut staged = Staged {
            target: target.to_path_buf(),
            file: PathBuf::new(),
            made,
            placed: false,
        };
        crate::private_fs::create_dir_all(dir)?;
        for n in 0..NAMES {
            let mut temporary = OsString::from(".");
            temporary.push(name);
            temporary.push(format!(".{}.{n}.partial", std::process::id()));
            let file = dir.join(temporary);
            match crate::private_fs::create_new_file(&file) {
                Ok(_) => {
                    staged.file = file;
                    return Ok(staged);
                }
                // A name left by an earlier run cut off under the same process id.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "every temporary name beside it is taken",
        ))
    }

    /// The temporary file to write.
    #[must_use]
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Gives the file, written and closed, the target's name: never over a file that is there,
    /// except an empty one where `over_empty` (a store may be made in an empty file).
    ///
    /// # Errors
    /// The target exists, or the file cannot be synced or renamed.
    pub fn place(mut self, over_empty: bool) -> io::Result<()> {
        File::open(&self.file)?.sync_all()?;
        match std::fs::hard_link(&self.file, &self.target) {
            // Linking never replaces a file: a target made meanwhile is never lost.
            Ok(()) => {
                let _ = std::fs::remove_file(&self.file);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if !(over_empty && is_empty_file(&self.target)) {
                    return Err(e);
                }
                std::fs::rename(&self.file, &self.target)?;
            }
            // A file system without hard links: rename, having looked first.
            Err(_) => {
                let there = std::fs::symlink_metadata(&self.target).is_ok();
                if there && !(over_empty && is_empty_file(&self.target)) {
                    return Err(io::Error::from(io::ErrorKind::AlreadyExists));
                }
                std::fs::rename(&self.file, &self.target)?;
            }
        }
        self.placed = true;
        // The new name survives a power cut once its directory is synced; a file system that
        // cannot sync a directory has nothing more to offer.
        if let Ok(dir) = File::open(directory(&self.target)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.file.as_os_str().is_empty() {
            return;
        }
        // SQLite's side files of the temporary name are left over either way.
        for suffix in SIDE_FILES {
            let _ = std::fs::remove_file(side(&self.file, suffix));
        }
        if self.placed {
            return;
        }
        let _ = std::fs::remove_file(&self.file);
        // Only the directories made for it, and only when nothing else came into them.
        for dir in &self.made {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

impl Store {
    /// Opens and migrates the store at `path` (`import`); where there is none (a missing path
    /// or an empty file), makes a new one beside it under a temporary name instead, which
    /// takes the path's name only in [`Self::put_in_place`]: dropped before, it is removed
    /// and nothing is left at `path`.
    ///
    /// # Errors
    /// As [`Self::create_or_open`].
    pub fn open_or_stage(path: &Path, synchronous: Synchronous) -> Result<Self> {
        let none = match std::fs::metadata(path) {
            Ok(meta) => meta.is_file() && meta.len() == 0,
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        if !none {
            return Self::create_or_open(path, synchronous);
        }
        let name = path.display().to_string();
        let staged = Staged::new(path).map_err(|e| StoreError::Open {
            path: name.clone(),
            cause: open::io_cause(path, &e, open::FileStep::Create),
        })?;
        let mut store = Self::connect(staged.file(), &name, synchronous, Mode::Create)?;
        store.staged = Some(staged);
        Ok(store)
    }

    /// Gives a store made by [`Self::open_or_stage`] its path's name, complete: the WAL
    /// copied into the file and both connections closed first, so that a process opening it
    /// there finds everything in the file. A store that was opened, not made, is just closed.
    ///
    /// # Errors
    /// The WAL cannot be copied back, or a store was made at the path meanwhile (this one is
    /// then removed).
    pub fn put_in_place(self) -> Result<()> {
        let Store {
            conn,
            path,
            _checkpointer,
            staged,
        } = self;
        let Some(staged) = staged else {
            return Ok(());
        };
        drop(_checkpointer);
        let failed = |e: rusqlite::Error| open::write_error(&path, e);
        let busy: i64 = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .map_err(failed)?;
        if busy != 0 {
            return Err(StoreError::Write {
                path,
                cause: open::FileCause::LogNotCopied,
            });
        }
        conn.close().map_err(|(_, e)| failed(e))?;
        staged.place(true).map_err(|e| StoreError::Write {
            cause: if e.kind() == std::io::ErrorKind::AlreadyExists {
                open::FileCause::MadeMeanwhile
            } else {
                open::io_cause(Path::new(&path), &e, open::FileStep::PutInPlace)
            },
            path,
        })
    }
}

/// `path` with `suffix` appended to its name (`store.db-wal`).
#[must_use]
pub fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The directory a file is in (`.` for a bare name).
fn directory(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The ancestors of `dir`, itself included, that do not exist yet, deepest first.
fn missing_directories(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .filter(|d| !d.as_os_str().is_empty())
        .take_while(|d| std::fs::symlink_metadata(d).is_err())
        .map(Path::to_path_buf)
        .collect()
}

fn is_empty_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_file_dropped_before_it_is_placed_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/copy.db");
        let staged = Staged::new(&target).unwrap();
        let file = staged.file().to_path_buf();
        assert_eq!(file.parent(), target.parent());
        assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);
        std::fs::write(side(&file, "-journal"), "x").unwrap();
        drop(staged);
        assert!(!file.exists() && !side(&file, "-journal").exists());
        assert!(
            !dir.path().join("a").exists(),
            "the directories made for it"
        );
        assert!(!target.exists());
    }

    #[test]
    fn a_placed_file_takes_the_name_but_never_over_another() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("copy.db");
        let staged = Staged::new(&target).unwrap();
        std::fs::write(staged.file(), "whole").unwrap();
        let file = staged.file().to_path_buf();
        staged.place(false).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "whole");
        assert!(!file.exists());
        assert_eq!(std::fs::metadata(&target).unwrap().mode() & 0o777, 0o600);

        let second = Staged::new(&target).unwrap();
        std::fs::write(second.file(), "other").unwrap();
        let file = second.file().to_path_buf();
        let err = second.place(true).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "whole");
        assert!(!file.exists(), "removed when refused");

        std::fs::write(&target, "").unwrap();
        let third = Staged::new(&target).unwrap();
        std::fs::write(third.file(), "new").unwrap();
        third.place(true).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }
}
