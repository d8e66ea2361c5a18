//! hard edges of the store files: which commands create a store, which files are
//! refused untouched, file modes whatever the umask, `verify` on a damaged file, the PIN
//! file, the log file.

#![allow(clippy::unwrap_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_backflush");

const FILES: [(&str, &str); 8] = [
    (
        "locations.csv",
        "location,description,kind\nRAW,Raw store,storage\nM1,Machine one,machine\nFG,Finished goods,finished\n",
    ),
    (
        "items.csv",
        "item,description,uom,decimals,type,tracking,backflush,std_cost\nP,Parent,EA,0,stock,none,yes,100.00\nC1,Component one,EA,0,stock,none,yes,2.00\n",
    ),
    (
        "work_centers.csv",
        "work_center,description,location,labor_rate,overhead_rate,backflush\nWC1,Cell one,M1,40.00,20.00,yes\n",
    ),
    (
        "boms.csv",
        "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\nP,1,1,10,C1,2,unit,,10,,\n",
    ),
    (
        "routings.csv",
        "parent,revision,operation,work_center,setup_hours,run_hours,count_point\nP,1,10,WC1,0.50,0.10,yes\n",
    ),
    (
        "orders.csv",
        "order,item,revision,qty,due,completion_location\nWO1,P,1,10,2026-12-01,FG\n",
    ),
    ("stock.csv", "item,location,qty\nC1,M1,100\nC1,RAW,100\n"),
    (
        "users.csv",
        "badge,name,role,pin\n1001,Olga Operator,operator,1234\n9001,Ada Admin,admin,9999\n",
    ),
];

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    #[track_caller]
    fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    fn refused(&self, needles: &[&str]) -> &Self {
        assert_eq!(
            self.code, 1,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "{n:?} not in stderr: {}",
                self.stderr
            );
        }
        let sentence = self.stderr.trim();
        assert_eq!(sentence.lines().count(), 1, "one line: {sentence}");
        self
    }
}

struct Site {
    tmp: TempDir,
}

impl Site {
    fn new() -> Self {
        Site {
            tmp: TempDir::new().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Runs the binary under `umask` (as a shell's octal text) with `--db db`.
    fn run_umask(&self, umask: &str, db: &Path, args: &[&str], env: &[(&str, &str)]) -> Out {
        let home = self.path("home");
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(BIN)
            .arg("--db")
            .arg(db)
            .args(args)
            .env_remove("BACKFLUSH_PIN")
            .env_remove("BACKFLUSH_PIN_FILE")
            .env_remove("BACKFLUSH_APPROVER_PIN")
            .env_remove("BACKFLUSH_CONFIG")
            .env_remove("BACKFLUSH_LOG")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let output = cmd.output().unwrap();
        Out {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn run(&self, db: &Path, args: &[&str]) -> Out {
        self.run_umask("022", db, args, &[])
    }

    fn plant_dir(&self) -> PathBuf {
        let dir = self.path("plant");
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in FILES {
            std::fs::write(dir.join(name), text).unwrap();
        }
        dir
    }

    /// A store with the plant imported.
    fn store(&self) -> PathBuf {
        let db = self.path("store.db");
        let dir = self.plant_dir();
        self.run(&db, &["import", dir.to_str().unwrap()]).ok();
        db
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn side(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[track_caller]
fn assert_no_side_files(db: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!side(db, suffix).exists(), "{suffix} was created");
    }
}

const READING_AND_WRITING: [&[&str]; 6] = [
    &["stock", "--json"],
    &["verify"],
    &["exceptions"],
    &[
        "transfer", "--item", "C1", "--qty", "1", "--from", "RAW", "--to", "M1",
    ],
    &["tui"],
    &[],
];

#[test]
fn only_init_import_and_demo_create_a_store() {
    let site = Site::new();
    let db = site.path("nested/dir/store.db");
    for args in READING_AND_WRITING {
        let out = site.run(&db, args);
        out.refused(&["there is no store at", db.to_str().unwrap()]);
        assert!(!db.exists(), "{args:?} created the store");
        assert!(
            !db.parent().unwrap().exists(),
            "{args:?} created its directory"
        );
        assert_no_side_files(&db);
    }
    site.run(&db, &["init"]).ok();
    assert!(db.exists());
    site.run(&db, &["stock", "--json"]).ok();
}

#[test]
fn an_empty_file_is_no_store_but_init_makes_one_of_it() {
    let site = Site::new();
    let db = site.path("empty.db");
    std::fs::write(&db, "").unwrap();
    for args in READING_AND_WRITING {
        site.run(&db, args)
            .refused(&["there is no store at", db.to_str().unwrap()]);
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "{args:?} wrote");
        assert_no_side_files(&db);
    }
    site.run(&db, &["init"]).ok();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, backflush::store::open::APPLICATION_ID);
    assert_eq!(mode(&db), 0o600, "made private");
}

#[test]
fn demo_creates_its_store_at_a_new_path() {
    let site = Site::new();
    let db = site.path("demo/store.db");
    site.run(&db, &["demo", "--no-tui"]).ok();
    assert!(db.exists());
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(db.parent().unwrap()), 0o700);
}

/// Every command, `init` and `import` included, refuses `db` naming it and leaves it as it
/// was.
#[track_caller]
fn refused_untouched(site: &Site, db: &Path, needles: &[&str], forbidden: &[&str]) {
    let before = std::fs::read(db).unwrap();
    let plant = site.plant_dir();
    let commands: [&[&str]; 5] = [
        &["init"],
        &["import", plant.to_str().unwrap()],
        &["stock", "--json"],
        &["verify"],
        &[],
    ];
    for args in commands {
        let out = site.run(db, args);
        let mut all = needles.to_vec();
        all.push(db.to_str().unwrap());
        out.refused(&all);
        for f in forbidden {
            assert!(!out.stderr.contains(f), "{f:?} in {}", out.stderr);
        }
        assert_eq!(std::fs::read(db).unwrap(), before, "{args:?} wrote to it");
        assert_no_side_files(db);
    }
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let site = Site::new();
    let db = site.path("other.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA application_id = 305419896; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        )
        .unwrap();
    }
    refused_untouched(
        &site,
        &db,
        &["not a backflush store", "another application", "0x12345678"],
        &[],
    );
}

#[test]
fn a_foreign_database_without_an_application_id_is_refused_untouched() {
    let site = Site::new();
    let db = site.path("foreign.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        // Even a table named like ours: without our meta table it is not a store.
        conn.execute_batch(
            "CREATE TABLE items (secret TEXT); INSERT INTO items VALUES ('x');
             CREATE TABLE payroll (who TEXT, pay INTEGER);",
        )
        .unwrap();
    }
    refused_untouched(
        &site,
        &db,
        &["not a backflush store", "tables are not backflush's"],
        &["CREATE TABLE", "payroll", "already exists"],
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let site = Site::new();
    for (name, bytes) in [
        (
            "notes.db",
            b"these are my notes, not a database\n".as_slice(),
        ),
        ("short.db", b"SQLite format 3\0".as_slice()),
    ] {
        let db = site.path(name);
        std::fs::write(&db, bytes).unwrap();
        refused_untouched(
            &site,
            &db,
            &["not a backflush store", "not an SQLite database"],
            &[],
        );
    }
}

#[test]
fn a_store_made_before_the_application_id_is_stamped_when_migrated() {
    let site = Site::new();
    let db = site.path("old.db");
    {
        // A store as the first schema made it: V1, user_version 1, no application id.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
        conn.execute_batch(backflush::store::schema::MIGRATIONS[0])
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    site.run(&db, &["stock", "--json"]).ok();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(id, backflush::store::open::APPLICATION_ID);
    assert_eq!(version, backflush::store::known_version());
}

#[test]
fn verify_reports_a_damaged_file() {
    let site = Site::new();
    let db = site.store();
    site.run(&db, &["verify"]).ok();
    let copy = site.path("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(&copy).unwrap();
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
        conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
        (size, root)
    };
    assert_no_side_files(&copy);
    // Flip the bytes of the B-tree page header and cell pointers of the ledger's root page.
    let mut bytes = std::fs::read(&copy).unwrap();
    let start = usize::try_from((root - 1) * page_size).unwrap();
    for b in &mut bytes[start + 1..start + 12] {
        *b ^= 0x5a;
    }
    std::fs::write(&copy, &bytes).unwrap();
    let out = site.run(&copy, &["verify"]);
    assert_eq!(
        out.code, 1,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("damaged"), "{all}");
    site.run(&db, &["verify"]).ok();
}

#[test]
fn new_files_and_directories_are_private_whatever_the_umask() {
    for umask in ["022", "000"] {
        let site = Site::new();
        let db = site.path("a/b/store.db");
        let log = site.path("logs/deep/backflush.log");
        site.run_umask(umask, &db, &["init"], &[]).ok();
        assert_eq!(mode(&db), 0o600, "store under umask {umask}");
        for dir in [site.path("a"), site.path("a/b")] {
            assert_eq!(mode(&dir), 0o700, "{} under umask {umask}", dir.display());
        }
        // SQLite makes -wal and -shm with the store's own mode.
        let conn =
            backflush::store::Store::open_existing(&db, backflush::store::Synchronous::Normal)
                .unwrap();
        for suffix in ["-wal", "-shm"] {
            assert_eq!(
                mode(&side(&db, suffix)),
                0o600,
                "{suffix} under umask {umask}"
            );
        }
        drop(conn);
        // The terminal opens its log before it finds there is no terminal to draw on.
        let out = site.run_umask(
            umask,
            &db,
            &["tui"],
            &[("BACKFLUSH_LOG", log.to_str().unwrap())],
        );
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_eq!(mode(&log), 0o600, "log under umask {umask}");
        for dir in [site.path("logs"), site.path("logs/deep")] {
            assert_eq!(mode(&dir), 0o700, "{} under umask {umask}", dir.display());
        }
    }
}

#[test]
fn the_log_level_comes_from_backflush_log_level() {
    let site = Site::new();
    let db = site.store();
    let log = site.path("x.log");
    let out = site.run_umask(
        "022",
        &db,
        &["tui"],
        &[
            ("BACKFLUSH_LOG", log.to_str().unwrap()),
            ("BACKFLUSH_LOG_LEVEL", "backflush=[nonsense"),
        ],
    );
    assert!(out.stderr.contains("BACKFLUSH_LOG_LEVEL"), "{}", out.stderr);
}

#[test]
fn a_pin_file_must_be_readable_by_its_owner_only() {
    let site = Site::new();
    let db = site.store();
    let pin = site.path("pin");
    std::fs::write(&pin, "1234\n").unwrap();
    std::fs::set_permissions(&pin, std::fs::Permissions::from_mode(0o640)).unwrap();
    let preview = [
        "--user", "1001", "preview", "--order", "WO1", "--op", "10", "--good", "1", "--json",
    ];
    let env = [("BACKFLUSH_PIN_FILE", pin.to_str().unwrap())];
    site.run_umask("022", &db, &preview, &env)
        .refused(&[pin.to_str().unwrap(), "readable by others"]);
    std::fs::set_permissions(&pin, std::fs::Permissions::from_mode(0o600)).unwrap();
    site.run_umask("022", &db, &preview, &env).ok();
    std::fs::write(&pin, "1111\n").unwrap();
    site.run_umask("022", &db, &preview, &env)
        .refused(&["wrong PIN for badge 1001"]);
}

#[test]
fn idempotency_keys_are_uuid_v7() {
    let a = backflush::service::new_idempotency_key("T1");
    let b = backflush::service::new_idempotency_key("T1");
    assert_ne!(a, b);
    let uuid = a.strip_prefix("T1-").unwrap();
    assert_eq!(uuid.len(), 36, "{a}");
    assert_eq!(uuid.as_bytes()[14], b'7', "version 7: {a}");
}
