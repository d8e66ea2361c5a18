//! The store's hard edges under load and on bad files and disks: a backup taken while another
//! process posts without pause finishes and verifies; a backup or an import that fails leaves
//! nothing under the target's name; every error met on a damaged store or a full disk names
//! the file.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use backflush::config::Config;
use backflush::service::Service;
use backflush::store::{Store, Synchronous};

use crate::common::cli::*;
use crate::common::{req, who};

const OPERATOR: [(&str, &str); 1] = [("BACKFLUSH_PIN", "1234")];
const ADMIN: [(&str, &str); 1] = [("BACKFLUSH_PIN", "9999")];

/// The base plant with its users, and an order and stock for tens of thousands of reports of
/// one unit.
fn busy_plant() -> Plant {
    Plant::with(
        &Files::base()
            .with("users.csv", USERS)
            .with(
                "orders.csv",
                "order,item,revision,qty,due,completion_location\nWO1,P,1,1000000,2026-12-01,FG\n",
            )
            .with(
                "stock.csv",
                "item,location,qty\nC1,M1,100000000\nC2,M2,100000000\n",
            ),
    )
}

/// A `report --batch` file of `n` reports of one unit of WO1 at operation 10, keys
/// `{prefix}0`….
fn batch_file(plant: &Plant, prefix: &str, n: usize) -> PathBuf {
    let path = plant.tmp.path().join(format!("{prefix}.csv"));
    let text: String = (0..n)
        .map(|i| format!("{prefix}{i},WO1,10,1,0\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

/// How many reports the store at `db` holds (read beside whoever is writing).
fn reports(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap()
}

/// Waits for `child` to end, `limit` at most (then it is killed and `None` is returned).
fn wait_at_most(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What `dir` holds, by name.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `path` with `suffix` appended to its name.
fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A command's arguments and environment.
type Run<'a> = (Vec<&'a str>, &'static [(&'static str, &'static str)]);

/// The plant's commands, reading and writing; `copy` is where a backup goes.
fn every_kind_of_command(copy: &str) -> Vec<Run<'_>> {
    let op = [
        "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "1", "--json",
    ];
    vec![
        (vec!["stock", "--json"], &[]),
        (vec!["audit", "--limit", "5"], &[]),
        (vec!["export", "--limit", "3"], &[]),
        (vec!["info", "--json"], &[]),
        (vec!["exceptions"], &[]),
        (vec!["health"], &[]),
        (vec!["variance", "--order", "WO1"], &[]),
        (vec!["staging", "--work-center", "WC1"], &[]),
        (vec!["settings"], &[]),
        (vec!["verify"], &[]),
        (op.to_vec(), &OPERATOR),
        (vec!["--user", "9001", "backup", copy], &ADMIN),
    ]
}

/// Runs every kind of command on `plant`'s store: each succeeds or names the store's file.
/// Returns how many failed.
#[track_caller]
fn every_error_names(plant: &Plant) -> usize {
    let db = plant.db.to_str().unwrap().to_string();
    let copy = plant.tmp.path().join("copy.db");
    let mut failed = 0;
    for (args, env) in every_kind_of_command(copy.to_str().unwrap()) {
        let out = plant.run_env(&args, env);
        if out.code != 0 {
            failed += 1;
            out.refused().says(&[&db]);
        }
    }
    failed
}

// =============================================================================================
// backup
// =============================================================================================

/// [`busy_plant`] with a store grown to some 30 MB: a copy made in small steps, started
/// again whenever another connection commits in between, spans several commits of anyone
/// posting, and never ends.
fn grown_plant() -> Plant {
    let plant = busy_plant();
    let mut store = Store::open_existing(&plant.db, Synchronous::Normal).unwrap();
    store
        .write(|tx| backflush::store::fixture::bulk_items_and_ledger(tx, 10_000, 250_000))
        .unwrap();
    plant
}

/// A terminal in this process posting one report after another as fast as it can: a commit
/// every few milliseconds. (One: a process runs one store, as the program does.)
struct Terminal {
    stop: Arc<AtomicBool>,
    posted: Arc<AtomicUsize>,
    thread: JoinHandle<()>,
}

impl Terminal {
    /// A terminal on `db`, returned once it has posted.
    fn start(db: &Path) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let posted = Arc::new(AtomicUsize::new(0));
        let thread = {
            let (db, stop, posted) = (db.to_path_buf(), Arc::clone(&stop), Arc::clone(&posted));
            std::thread::spawn(move || {
                let mut service = Service::open_existing(Config::default(), &db).unwrap();
                let operator = who("1001", "1234");
                while !stop.load(Ordering::Relaxed) {
                    service
                        .report("WO1", &req(10, "1", "0"), None, &operator)
                        .unwrap();
                    posted.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        let began = Instant::now();
        while posted.load(Ordering::Relaxed) == 0 {
            assert!(
                began.elapsed() < Duration::from_secs(30) && !thread.is_finished(),
                "the terminal never posted"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        Terminal {
            stop,
            posted,
            thread,
        }
    }

    fn posted(&self) -> usize {
        self.posted.load(Ordering::Relaxed)
    }

    fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap();
    }
}

/// A backup of `plant` into `backups/copy.db`, 20 s at most: whether it succeeded, what it
/// said, and the reports in the store just before it started and just after it ended.
struct Backup {
    copy: PathBuf,
    ok: bool,
    stderr: String,
    before: i64,
    after: i64,
}

fn backup_now(plant: &Plant) -> Backup {
    let copy = plant.tmp.path().join("backups/copy.db");
    let before = reports(&plant.db);
    let mut backup = plant
        .command(
            &["--user", "9001", "backup", copy.to_str().unwrap()],
            &ADMIN,
        )
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_at_most(&mut backup, Duration::from_secs(20));
    let after = reports(&plant.db);
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut backup.stderr.take().unwrap(), &mut stderr).unwrap();
    Backup {
        copy,
        ok: status.is_some_and(|s| s.success()),
        stderr: if status.is_none() {
            "it did not finish within 20 s".into()
        } else {
            stderr
        },
        before,
        after,
    }
}

impl Backup {
    /// It finished, while at least 100 reports were posted; the copy is the snapshot of one
    /// moment in between, a store of its own that verifies, readable by its owner only, and
    /// alone in its directory.
    #[track_caller]
    fn finished_and_verifies(&self) {
        let Backup {
            copy,
            before,
            after,
            ..
        } = self;
        assert!(self.ok, "the backup failed: {}", self.stderr);
        assert!(
            after - before >= 100,
            "only {} postings during the backup",
            after - before
        );
        let in_copy = reports(copy);
        assert!(
            before <= &in_copy && &in_copy <= after,
            "{before} ≤ {in_copy} ≤ {after}"
        );
        let mut copied = Plant::empty();
        copied.db = copy.clone();
        copied.run(&["verify"]).ok();
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(names_in(copy.parent().unwrap()), ["copy.db"]);
    }
}

#[test]
fn a_backup_taken_while_terminals_post_without_pause_finishes_and_verifies() {
    let plant = grown_plant();
    let terminal = Terminal::start(&plant.db);
    let at_start = terminal.posted();
    let backup = backup_now(&plant);
    let during = terminal.posted() - at_start;
    terminal.stop();
    backup.finished_and_verifies();
    // Every one of them the terminal's: its postings went on, never held up.
    assert!(
        during >= 100,
        "the terminal posted {during} reports meanwhile"
    );
}

#[test]
fn a_backup_taken_during_a_batch_finishes_before_the_batch_ends() {
    let plant = grown_plant();
    // The batch's results go nowhere, so that nothing slows it down between its groups.
    let posts = batch_file(&plant, "post", 40_000);
    let grown = reports(&plant.db);
    let mut batch = plant
        .command(
            &[
                "--user",
                "1001",
                "report",
                "--batch",
                posts.to_str().unwrap(),
            ],
            &OPERATOR,
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let began = Instant::now();
    while reports(&plant.db) == grown {
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "the batch never posted"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let backup = backup_now(&plant);
    let batch_still_posting = batch.try_wait().unwrap().is_none();
    let _ = batch.kill();
    let _ = batch.wait();
    backup.finished_and_verifies();
    assert!(
        batch_still_posting,
        "the batch had ended when the backup finished: the backup waited for it"
    );
}

#[test]
fn a_backup_of_a_damaged_store_is_refused_and_leaves_nothing_under_the_targets_name() {
    let plant = busy_plant();
    plant
        .run_env(
            &[
                "--user",
                "1001",
                "report",
                "--batch",
                batch_file(&plant, "r", 300).to_str().unwrap(),
            ],
            &OPERATOR,
        )
        .ok();
    damage_the_ledger(&plant.db);
    let backups = plant.tmp.path().join("backups");
    let copy = backups.join("copy.db");
    plant
        .run_env(
            &["--user", "9001", "backup", copy.to_str().unwrap()],
            &ADMIN,
        )
        .refused()
        .says(&[
            plant.db.to_str().unwrap(),
            "is damaged",
            "no backup was written",
        ]);
    assert!(!copy.exists());
    assert!(!backups.exists(), "the directory made for it is gone too");
}

/// Flips the bytes of the B-tree page header of the ledger's root page (a store closed with
/// its log copied in first).
fn damage_the_ledger(db: &Path) {
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
        let size = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'movements'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (size, root)
    };
    let mut bytes = std::fs::read(db).unwrap();
    let start = usize::try_from((root - 1) * page_size).unwrap();
    for b in &mut bytes[start + 1..start + 12] {
        *b ^= 0x5a;
    }
    std::fs::write(db, &bytes).unwrap();
}

// =============================================================================================
// A refused import leaves no store
// =============================================================================================

#[test]
fn a_refused_import_leaves_no_store_file_where_there_was_none() {
    let plant = Plant::empty();
    let empty = plant.tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let bad_row = plant.dir(&Files::base().with(
        "items.csv",
        "item,description,uom,decimals,type,tracking,backflush,std_cost\nP,Parent,EA,0,bogus,none,yes,100.00\n",
    ));
    let cases: [(&str, &[&str]); 3] = [
        ("/nonexistent", &["/nonexistent", "is not a directory"]),
        (empty.to_str().unwrap(), &["holds none of the import files"]),
        (bad_row.to_str().unwrap(), &["items.csv:2:", "\"bogus\""]),
    ];
    let mut nested = Plant::empty();
    nested.db = plant.tmp.path().join("new/dir/store.db");
    for (dir, says) in cases {
        for store in [&plant, &nested] {
            let before = names_in(plant.tmp.path());
            store.run(&["import", dir]).refused().says(says);
            assert!(
                !store.db.exists(),
                "import {dir} left {}",
                store.db.display()
            );
            for suffix in ["-wal", "-shm", "-journal"] {
                assert!(!side(&store.db, suffix).exists(), "import {dir}: {suffix}");
            }
            assert_eq!(names_in(plant.tmp.path()), before, "import {dir}");
        }
    }
    // An empty file is no store either: it stays as it was.
    std::fs::write(&plant.db, "").unwrap();
    plant.run(&["import", bad_row.to_str().unwrap()]).refused();
    assert_eq!(std::fs::metadata(&plant.db).unwrap().len(), 0);
    assert!(!side(&plant.db, "-wal").exists());
    // A good import makes the store there.
    plant.import(&Files::base()).ok();
    nested.import(&Files::base()).ok();
    for store in [&plant, &nested] {
        store.run(&["verify"]).ok();
        assert_eq!(store.qty("C1", "M1"), "100");
    }
}

// =============================================================================================
// Errors on a damaged store name it
// =============================================================================================

#[test]
fn every_error_on_a_store_with_garbage_pages_names_the_store() {
    let plant = busy_plant();
    plant
        .run_env(
            &[
                "--user",
                "1001",
                "report",
                "--batch",
                batch_file(&plant, "r", 600).to_str().unwrap(),
            ],
            &OPERATOR,
        )
        .ok();
    // Garbage over every third page past the first hundred: the small tables (users, settings,
    // items) stay readable, the ledger, reports and events do not.
    {
        let conn = rusqlite::Connection::open(&plant.db).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
    }
    let mut bytes = std::fs::read(&plant.db).unwrap();
    let mut seed: u32 = 0x9e37_79b9;
    for (page, chunk) in bytes.chunks_mut(4096).enumerate() {
        if page >= 100 && page % 3 == 0 {
            for b in chunk {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                *b = seed.to_le_bytes()[0];
            }
        }
    }
    std::fs::write(&plant.db, &bytes).unwrap();
    let failed = every_error_names(&plant);
    assert!(failed >= 3, "only {failed} commands met the damage");
    assert!(
        !plant.tmp.path().join("copy.db").exists(),
        "a backup of a damaged store was written"
    );
}

#[test]
fn a_text_that_is_not_utf8_is_named_as_damage_of_the_store() {
    let plant = busy_plant();
    {
        let conn = rusqlite::Connection::open(&plant.db).unwrap();
        conn.execute_batch(
            "UPDATE users SET name = CAST(X'FF' AS TEXT) WHERE badge = '1001';
             UPDATE locations SET description = CAST(X'C328' AS TEXT) WHERE location = 'M1';",
        )
        .unwrap();
    }
    let failed = every_error_names(&plant);
    assert!(failed >= 1);
    plant
        .run_env(
            &[
                "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "1",
            ],
            &OPERATOR,
        )
        .refused()
        .says(&[plant.db.to_str().unwrap(), "is damaged", "utf-8"]);
}

// =============================================================================================
// A full disk
// =============================================================================================

/// Whether this machine lets a test mount a tmpfs of its own (a user and mount namespace:
/// `unshare -rm`, as root or where unprivileged namespaces are allowed).
fn can_mount_a_small_disk(mount: &Path) -> bool {
    std::fs::create_dir_all(mount).unwrap();
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\""])
        .arg(mount)
        .stdin(Stdio::null())
        .output();
    match probe {
        Ok(out) if out.status.success() => true,
        Ok(out) => {
            eprintln!(
                "skipped: no tmpfs can be mounted here ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            false
        }
        Err(e) => {
            eprintln!("skipped: unshare cannot run here ({e})");
            false
        }
    }
}

/// `command` run in a mount namespace of its own with a tmpfs of `kb` KiB at `mount`: the
/// shell lines `before` run first and `after` last, with the mount as `$M` (the tmpfs is gone
/// once the command is over, so `after` writes what the test needs beside it).
fn on_a_small_disk(command: &Command, mount: &Path, kb: u32, before: &str, after: &str) -> Out {
    let mut sh = Command::new("unshare");
    sh.arg("-rm")
        .arg("sh")
        .arg("-c")
        .arg(format!(
            "M=\"$1\"; shift; mount -t tmpfs -o size={kb}k tmpfs \"$M\" || exit 77; {before} \"$@\"; rc=$?; {after} exit $rc"
        ))
        .arg("sh")
        .arg(mount)
        .arg(command.get_program())
        .args(command.get_args())
        .stdin(Stdio::null());
    for (k, v) in command.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    let output = sh.output().unwrap();
    Out {
        what: format!(
            "{:?} on a {kb} KiB disk",
            command.get_args().collect::<Vec<_>>()
        ),
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_full_disk_is_named_as_such_with_the_file_being_written() {
    let plant = Plant::with(&Files::base().with("users.csv", USERS));
    let mount = plant.tmp.path().join("disk");
    if !can_mount_a_small_disk(&mount) {
        return;
    }
    // The backup's copy does not fit: named with the copy's name, and nothing left there.
    let copy = mount.join("copy.db");
    let backup = plant.command(
        &["--user", "9001", "backup", copy.to_str().unwrap()],
        &ADMIN,
    );
    let listing = side(&mount, ".after");
    on_a_small_disk(&backup, &mount, 64, "", "ls -A \"$M\" > \"$M.after\";")
        .refused()
        .says(&[
            copy.to_str().unwrap(),
            "the disk is full (no space left on device)",
        ]);
    let left = std::fs::read_to_string(&listing).unwrap();
    assert_eq!(left.trim(), "", "left on the disk");

    // The store on a disk with room to open it but not to post: named with the store's name.
    let mut full = Plant::empty();
    full.db = mount.join("store.db");
    let report = full.command(
        &[
            "--user", "1001", "report", "--order", "WO1", "--op", "10", "--good", "1",
        ],
        &OPERATOR,
    );
    let fill = format!(
        "cp \"{}\" \"$M/store.db\" && dd if=/dev/zero of=\"$M/fill\" bs=1k count=$(( $(df -k \"$M\" | awk 'NR==2 {{print $4}}') - 48 )) 2>/dev/null;",
        plant.db.display()
    );
    on_a_small_disk(&report, &mount, 400, &fill, "")
        .refused()
        .says(&[
            full.db.to_str().unwrap(),
            "the disk is full (no space left on device)",
        ]);
}
