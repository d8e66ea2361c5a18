//! `backflush bench`: the speed figures on this machine, measured on a fresh
//! store of a large plant's size. Run it on a release build:
//! `cargo run --release -- bench`.
//!
//! Long because it is a harness: the plant it builds (CSV literals) and one function per
//! measured phase; none of it is on a product path.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::domain::codes::OrderNo;
use crate::domain::qty::Quantity;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::config::Config;
use crate::domain::backflush::ReportRequest;
use crate::service::{BatchReport, Credentials, IoWhat, Service, ServiceError};
use crate::store::Store;

/// The sizes of the benchmark store.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub items: i64,
    pub ledger: i64,
    pub orders: i64,
    pub reports: usize,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            items: 100_000,
            ledger: 1_000_000,
            orders: 100_000,
            reports: 3_000,
        }
    }
}

/// Median and 95th percentile of a sample, in milliseconds.
fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    (percentile(&samples, 0.5), percentile(&samples, 0.95))
}

fn csv(dir: &Path, name: &str, text: &str) -> Result<(), ServiceError> {
    std::fs::write(dir.join(name), text)
        .map_err(|e| ServiceError::io(IoWhat::Write(name.to_string()), e))
}

/// The items: the bench parents, the phantoms of the 500-line BOM, the lot-tracked and the
/// untracked components.
fn items_csv() -> String {
    let mut items =
        String::from("item,description,uom,decimals,type,tracking,backflush,std_cost\n");
    items.push_str("P20,Bench parent with 20 lines,EA,0,stock,none,yes,50\n");
    items.push_str("P200,Bench parent with 200 lines,EA,0,stock,none,yes,500\n");
    items.push_str("P3,Bench parent with 3 lines,EA,0,stock,none,yes,5\n");
    // P500: 5 phantoms of 10 phantoms of 10 components = 500 lines, three levels deep.
    items.push_str("P500,Bench parent with a 500-line phantom BOM,EA,0,stock,none,yes,900\n");
    for a in 0..5 {
        let _ = writeln!(items, "PH{a},Bench phantom {a},EA,0,phantom,none,yes,0");
        for b in 0..10 {
            let _ = writeln!(
                items,
                "PH{a}-{b},Bench phantom {a}-{b},EA,0,phantom,none,yes,0"
            );
        }
    }
    // PL20: 20 lot-tracked components, three lots each at M1, backflushed FIFO.
    items.push_str("PL20,Bench parent with 20 lot-tracked lines,EA,0,stock,none,yes,50\n");
    for i in 0..20 {
        let _ = writeln!(
            items,
            "L{i:06},bench lot-tracked component {i},EA,0,stock,lot,yes,1.25"
        );
    }
    // Every component the plant uses, whatever size the bulk store has (`--items 5000`).
    for i in (0..20)
        .chain(1000..1200)
        .chain(2000..2500)
        .chain(5000..5003)
    {
        let _ = writeln!(
            items,
            "C{i:06},bench component {i},EA,0,stock,none,yes,1.25"
        );
    }
    items
}

/// The BOMs: 20, 200 and 3 lines, 20 lot-tracked lines, and the three-level phantom of 500.
fn boms_csv() -> String {
    let mut boms = String::from(
        "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n",
    );
    for i in 0..20 {
        let _ = writeln!(boms, "P20,1,1,{},C{:06},1,unit,,,,", i + 1, i);
    }
    for i in 0..200 {
        let _ = writeln!(boms, "P200,1,1,{},C{:06},1,unit,,,,", i + 1, 1000 + i);
    }
    for i in 0..20 {
        let _ = writeln!(boms, "PL20,1,1,{},L{i:06},1,unit,,,,", i + 1);
    }
    for i in 0..3 {
        let _ = writeln!(boms, "P3,1,1,{},C{:06},1,unit,,,,", i + 1, 5000 + i);
    }
    for a in 0..5 {
        let _ = writeln!(boms, "P500,1,1,{},PH{a},1,unit,,,,", a + 1);
        for b in 0..10 {
            let _ = writeln!(boms, "PH{a},1,1,{},PH{a}-{b},2,unit,,,,", b + 1);
            for c in 0..10 {
                let _ = writeln!(
                    boms,
                    "PH{a}-{b},1,4,{},C{:06},3,unit,5,,,",
                    c + 1,
                    2000 + a * 100 + b * 10 + c
                );
            }
        }
    }
    boms
}

/// The plant the benchmark posts against: a 20-line and a 200-line parent, and `orders`
/// released orders of a 3-line parent for the order board.
fn plant(dir: &Path, orders: i64) -> Result<(), ServiceError> {
    let items = items_csv();
    csv(dir, "items.csv", &items)?;
    csv(
        dir,
        "locations.csv",
        "location,description,kind\nST,Stores,storage\nM1,Machine 1,machine\nM2,Machine 2,machine\nFG,Finished,finished\n",
    )?;
    csv(
        dir,
        "work_centers.csv",
        "work_center,description,location,labor_rate,overhead_rate,backflush\nWC1,Cell 1,M1,40,60,yes\nWC2,Cell 2,M2,40,60,yes\n",
    )?;
    let boms = boms_csv();
    csv(dir, "boms.csv", &boms)?;
    csv(
        dir,
        "routings.csv",
        "parent,revision,operation,work_center,setup_hours,run_hours,count_point\nP20,1,10,WC1,0.5,0.1,yes\nP200,1,10,WC2,0.5,0.1,yes\nP3,1,10,WC2,0.1,0.01,yes\nP500,1,10,WC1,0.5,0.1,yes\nPL20,1,10,WC1,0.5,0.1,yes\n",
    )?;
    let mut order_rows = String::from("order,item,revision,qty,due,completion_location\n");
    order_rows.push_str("B-20,P20,1,1000000,2026-01-01,FG\nB-200,P200,1,1000000,2026-01-01,FG\n");
    order_rows.push_str("B-500,P500,1,1000000,2026-01-01,FG\n");
    order_rows.push_str("B-L20,PL20,1,1000000,2026-01-01,FG\n");
    for i in 0..orders {
        let _ = writeln!(
            order_rows,
            "O{i:06},P3,1,100,2026-{:02}-{:02},FG",
            1 + (i % 12),
            1 + (i % 28)
        );
    }
    csv(dir, "orders.csv", &order_rows)?;
    let mut stock = String::from("item,location,qty,lot,expires\n");
    for i in 0..20 {
        let _ = writeln!(stock, "C{i:06},M1,100000000,,");
    }
    for i in 0..200 {
        let _ = writeln!(stock, "C{:06},M2,100000000,,", 1000 + i);
    }
    for i in 2000..2500 {
        let _ = writeln!(stock, "C{i:06},M1,100000000,,");
    }
    for i in 0..20 {
        for lot in ["A", "B", "C"] {
            let _ = writeln!(stock, "L{i:06},M1,100000000,LOT-{lot},");
        }
    }
    csv(dir, "stock.csv", &stock)?;
    // Lot-tracked lines backflush; untracked ones are unaffected.
    csv(dir, "settings.toml", "[policy]\nlot_selection = \"fifo\"\n")
}

/// Opens the terminal on `db` five times: the median time to the first full frame (store
/// opened, board loaded, drawn), and to the frame that shows every visible shortage flag.
fn first_frames(
    config: &Config,
    db: &Path,
) -> Result<(f64, f64, Option<crate::tui::app::App>), ServiceError> {
    let refused = |e: std::convert::Infallible| ServiceError::io(IoWhat::DrawFrame, e);
    let mut firsts = Vec::new();
    let mut settled = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let t = Instant::now();
        let service = Service::open_existing(config.clone(), db)?;
        let theme = crate::tui::theme::Theme::new(config.terminal.theme, false);
        let mut app = crate::tui::app::App::new(service, theme)?;
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).map_err(refused)?;
        terminal
            .draw(|f| crate::tui::ui::render(&app, f))
            .map_err(refused)?;
        firsts.push(t.elapsed());
        while app.pending_work() {
            terminal
                .draw(|f| crate::tui::ui::render(&app, f))
                .map_err(refused)?;
        }
        settled.push(t.elapsed());
        last = Some(app);
    }
    Ok((stats(firsts).0, stats(settled).0, last))
}

/// What the benchmark measured (`bench --json` prints it as one object).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BenchReport {
    /// `report --batch` rate: each report atomic in a savepoint, commits shared by a group.
    pub reports_per_sec: f64,
    /// One 20-line report per transaction, as a terminal posts it.
    pub post_p50_ms: f64,
    pub post_p95_ms: f64,
    pub post_p99_ms: f64,
    /// SQLite's bare writes of exactly the rows the product wrote for one report, in one
    /// transaction, measured in this run on this store.
    pub floor_p50_ms: f64,
    pub ratio_to_floor: f64,
    /// The same post with `synchronous = full` (bound by the disk's flush), and the mode its
    /// connection read back.
    pub post_full_p50_ms: f64,
    pub post_full_p95_ms: f64,
    pub synchronous_full: &'static str,
    pub preview_p50_ms: f64,
    /// A 500-line order with a three-level phantom BOM.
    pub preview_500_p50_ms: f64,
    /// `replenish` over every machine location (the orders' lines, stock, exceptions and the
    /// window's use read and calculated), and the rows it found to bring.
    pub replenish_p50_ms: f64,
    pub replenish_rows: usize,
    /// `backflush export` of the store's last 1,000,000 events (or all, on a smaller store)
    /// as JSON lines, timed from outside the process (the binary run with its output read and
    /// counted). Every event was written through the outbox: the bulk ledger's as opening
    /// balances of 1,000 rows a posting, then the bench's reports.
    pub export_events_per_sec: Option<f64>,
    pub export_events: Option<u64>,
    /// The export process's resident memory once 1 % of its events were read, and at its
    /// last read; of it, the anonymous memory (heap, not the store's pages SQLite maps):
    /// flat when the export streams.
    pub export_rss_start_mb: Option<f64>,
    pub export_rss_end_mb: Option<f64>,
    pub export_anon_start_mb: Option<f64>,
    pub export_anon_end_mb: Option<f64>,
    /// A 20-line report whose lines are all lot-tracked (three lots each, FIFO), posted
    /// alternately with the untracked 20-line one in the same phase (budget: at most 2×).
    pub post_lots_p50_ms: f64,
    pub post_lots_p95_ms: f64,
    pub post_untracked_p50_ms: f64,
    pub post_untracked_p95_ms: f64,
    pub lots_ratio: f64,
    /// `backflush report --batch FILE`, timed from outside the process.
    pub batch_cli_reports_per_sec: Option<f64>,
    /// The terminal's first frame on the store of `orders` orders.
    pub first_frame_ms: f64,
    pub first_frame_demo_ms: f64,
    pub keystroke_p50_ms: f64,
    /// Resident memory of the bench process after the terminal's first frame (VmRSS).
    pub rss_mb: Option<f64>,
    pub lines: usize,
    pub items: i64,
    pub ledger_rows: i64,
    pub orders: i64,
    pub synchronous: &'static str,
    pub verify_ok: bool,
    pub build_s: f64,
}

impl BenchReport {
    /// The figures as lines of text.
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "store: {} items, {} ledger rows, {} orders (built in {:.1} s; WAL, synchronous={})",
            self.items, self.ledger_rows, self.orders, self.build_s, self.synchronous
        );
        let _ = writeln!(
            out,
            "post a {}-line report: median {:.3} ms, p95 {:.3} ms, p99 {:.3} ms (target ≤ 0.3 ms, p99 ≤ 2 ms)",
            self.lines, self.post_p50_ms, self.post_p95_ms, self.post_p99_ms
        );
        let _ = writeln!(
            out,
            "floor (bare writes of the same rows, this run): median {:.3} ms; ratio {:.2}× (target ≤ 3×)",
            self.floor_p50_ms, self.ratio_to_floor
        );
        let _ = writeln!(
            out,
            "post with synchronous={}: median {:.3} ms, p95 {:.3} ms (bound by the disk's flush)",
            self.synchronous_full, self.post_full_p50_ms, self.post_full_p95_ms
        );
        let _ = writeln!(
            out,
            "batch: {:.0} reports/s (target ≥ 3000/s)",
            self.reports_per_sec
        );
        let _ = writeln!(
            out,
            "preview: 20 lines median {:.3} ms; 500 lines, three-level phantom BOM, median {:.3} ms (target ≤ 1 ms)",
            self.preview_p50_ms, self.preview_500_p50_ms
        );
        let _ = writeln!(
            out,
            "replenish over every machine location: median {:.1} ms, {} rows to bring (aim ≤ 100 ms)",
            self.replenish_p50_ms, self.replenish_rows
        );
        if let Some(rate) = self.batch_cli_reports_per_sec {
            let _ = writeln!(
                out,
                "report --batch timed from outside the process: {rate:.0} reports/s (target ≥ 3000/s)"
            );
        }
        if let Some(rate) = self.export_events_per_sec {
            let _ = writeln!(
                out,
                "export of {} events: {rate:.0} events/s (target ≥ 200000/s); resident memory {:.1} MB at 1 %, {:.1} MB at the end (heap {:.1} MB, {:.1} MB; the rest the store's mapped pages)",
                self.export_events.unwrap_or_default(),
                self.export_rss_start_mb.unwrap_or_default(),
                self.export_rss_end_mb.unwrap_or_default(),
                self.export_anon_start_mb.unwrap_or_default(),
                self.export_anon_end_mb.unwrap_or_default()
            );
        }
        let _ = writeln!(
            out,
            "a 20-line all-lot-tracked report (3 lots a line, FIFO): median {:.3} ms, p95 {:.3} ms; untracked in the same phase {:.3} ms, p95 {:.3} ms ({:.2}×, target ≤ 2×)",
            self.post_lots_p50_ms,
            self.post_lots_p95_ms,
            self.post_untracked_p50_ms,
            self.post_untracked_p95_ms,
            self.lots_ratio
        );
        let _ = writeln!(
            out,
            "terminal first frame: demo plant {:.1} ms, {} orders {:.1} ms (target ≤ 100 ms); keystroke to frame on a 200-line report {:.2} ms",
            self.first_frame_demo_ms, self.orders, self.first_frame_ms, self.keystroke_p50_ms
        );
        if let Some(rss) = self.rss_mb {
            let _ = writeln!(out, "resident memory after the first frame: {rss:.1} MB");
        }
        let _ = writeln!(
            out,
            "verify after the run: {}",
            if self.verify_ok { "ok" } else { "PROBLEMS" }
        );
        out
    }
}

/// Percentile `q` of sorted samples, in milliseconds.
fn percentile(sorted: &[Duration], q: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// The process's resident memory, from the kernel's status file (Linux).
fn rss_mb() -> Option<f64> {
    rss_mb_of("/proc/self/status")
}

/// Resident memory from a process's status file.
fn rss_mb_of(path: &str) -> Option<f64> {
    status_mb(path, "VmRSS:")
}

/// A size line of a process's status file (`VmRSS:`, `RssAnon:`), in MB.
fn status_mb(path: &str, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(path).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Progress on stderr while the plant is built and measured (nothing when stderr is not a
/// terminal, so scripts and CI logs stay clean).
fn progress() -> indicatif::ProgressBar {
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        indicatif::ProgressBar::new(10)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Builds the store and measures.
///
/// # Errors
/// The store cannot be built.
pub fn run(sizes: Sizes) -> Result<BenchReport, ServiceError> {
    let dir = crate::demo::temp_dir();
    crate::private_fs::create_dir_all(&dir)
        .map_err(|e| ServiceError::io(IoWhat::Create(dir.display().to_string()), e))?;
    let result = measure(&dir, sizes);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure(dir: &Path, sizes: Sizes) -> Result<BenchReport, ServiceError> {
    let bar = progress();
    let mut report = BenchReport {
        items: sizes.items,
        ledger_rows: sizes.ledger,
        orders: sizes.orders + 3,
        lines: 20,
        ..BenchReport::default()
    };
    let (mut service, config, db) = build(dir, sizes, &mut report, &bar)?;

    let who = Credentials::default();
    let request = ReportRequest {
        operation: 10,
        good: Quantity::ONE,
        scrap: Quantity::ZERO,
        overrides: Vec::new(),
        ..ReportRequest::default()
    };
    bar.set_message("posting reports one by one");
    for i in 0..50 {
        service.report("B-20", &request, Some(&format!("warm-{i}")), &who)?;
    }
    let post = Post {
        request: &request,
        who: &who,
    };
    let last_id = post_one_by_one(&mut service, post, sizes.reports, &mut report)?;
    bar.inc(1);

    bar.set_message("posting a batch");
    let batch: Vec<BatchReport> = (0..sizes.reports)
        .map(|i| BatchReport {
            key: format!("batch-{i}"),
            order: OrderNo::from("B-20"),
            request: request.clone(),
        })
        .collect();
    let batch_start = Instant::now();
    service.report_batch(&batch, &who, |_, _| {})?;
    report.reports_per_sec = sizes.reports as f64 / batch_start.elapsed().as_secs_f64();
    bar.inc(1);

    bar.set_message("previewing");
    report.preview_p50_ms = median_of(200, || service.preview("B-20", &request).map(drop))?;
    report.preview_500_p50_ms = median_of(100, || service.preview("B-500", &request).map(drop))?;
    bar.set_message("the handler's queue of every machine location");
    let every = crate::service::replenish::QueueRequest {
        of: crate::service::replenish::QueueOf::Every,
        all: false,
    };
    report.replenish_rows = service.replenish(&every)?.len();
    report.replenish_p50_ms = median_of(9, || service.replenish(&every).map(drop))?;
    report.verify_ok = service.verify()?.is_empty();
    bar.inc(1);

    bar.set_message("report --batch and export, timed from outside the process");
    drop(service);
    report.batch_cli_reports_per_sec = batch_cli_rate(dir, &db, sizes.reports);
    let mut service = Service::open_existing(config.clone(), &db)?;
    export_from_outside(&service, &db, &mut report)?;
    bar.inc(1);

    bar.set_message("posting lot-tracked and untracked reports");
    lots_against_untracked(&mut service, post, sizes.reports, &mut report)?;
    bar.inc(1);

    bar.set_message("measuring the floor: bare writes of the same rows");
    let rows = crate::store::fixture::capture_report_rows(service.conn(), last_id)?;
    drop(service);
    floor(&db, &rows, sizes.reports, &mut report)?;
    bar.inc(1);

    bar.set_message("posting with synchronous=full");
    synchronous_full(&config, &db, post, &mut report)?;
    bar.inc(1);

    bar.set_message("the terminal's first frame");
    let demo_db = dir.join("demo.db");
    drop(crate::demo::create(config.clone(), &demo_db)?);
    report.first_frame_demo_ms = first_frames(&config, &demo_db)?.0;
    let (first, _, app) = first_frames(&config, &db)?;
    report.first_frame_ms = first;
    report.rss_mb = rss_mb();
    bar.inc(1);
    bar.set_message("keys on a 200-line report");
    if let Some(mut app) = app {
        report.keystroke_p50_ms = keystrokes(&mut app)?;
    }
    bar.finish_and_clear();
    Ok(report)
}

/// The report the bench posts again and again, and who posts it.
#[derive(Clone, Copy)]
struct Post<'a> {
    request: &'a ReportRequest,
    who: &'a Credentials,
}

/// One report at a time: p50, p95, p99. Returns the last report's id (the floor rewrites it).
fn post_one_by_one(
    service: &mut Service,
    Post { request, who }: Post<'_>,
    reports: usize,
    report: &mut BenchReport,
) -> Result<crate::domain::ids::ReportId, ServiceError> {
    let mut samples = Vec::with_capacity(reports);
    let mut last_id = crate::domain::ids::ReportId::default();
    for i in 0..reports {
        let t = Instant::now();
        last_id = service
            .report("B-20", request, Some(&format!("bench-{i}")), who)?
            .report_id;
        samples.push(t.elapsed());
    }
    samples.sort();
    report.post_p50_ms = percentile(&samples, 0.5);
    report.post_p95_ms = percentile(&samples, 0.95);
    report.post_p99_ms = percentile(&samples, 0.99);
    Ok(last_id)
}

/// A 20-line report of lot-tracked lines (three lots each) against the untracked one,
/// alternating in one phase.
fn lots_against_untracked(
    service: &mut Service,
    Post { request, who }: Post<'_>,
    reports: usize,
    report: &mut BenchReport,
) -> Result<(), ServiceError> {
    let mut lots = Vec::with_capacity(reports / 2);
    let mut untracked = Vec::with_capacity(reports / 2);
    for i in 0..reports {
        let key = format!("lots-{i}");
        let (order, samples) = if i % 2 == 0 {
            ("B-L20", &mut lots)
        } else {
            ("B-20", &mut untracked)
        };
        let t = Instant::now();
        service.report(order, request, Some(&key), who)?;
        samples.push(t.elapsed());
    }
    lots.sort();
    untracked.sort();
    report.post_lots_p50_ms = percentile(&lots, 0.5);
    report.post_lots_p95_ms = percentile(&lots, 0.95);
    report.post_untracked_p50_ms = percentile(&untracked, 0.5);
    report.post_untracked_p95_ms = percentile(&untracked, 0.95);
    report.lots_ratio = report.post_lots_p50_ms / report.post_untracked_p50_ms.max(f64::EPSILON);
    Ok(())
}

/// The floor: bare writes of exactly the rows the product wrote for one report.
fn floor(
    db: &Path,
    rows: &crate::store::fixture::ReportRows,
    reports: usize,
    report: &mut BenchReport,
) -> Result<(), ServiceError> {
    let mut floor_store = Store::open_existing(db, crate::store::Synchronous::Normal)?;
    let mut floor = Vec::with_capacity(reports);
    for i in 0..reports {
        let id = 10_000_000 + i64::try_from(i).unwrap_or(0);
        let t = Instant::now();
        floor_store.write(|tx| crate::store::fixture::write_bare(tx, rows, id))?;
        floor.push(t.elapsed());
    }
    floor.sort();
    drop(floor_store);
    report.floor_p50_ms = percentile(&floor, 0.5);
    report.ratio_to_floor = report.post_p50_ms / report.floor_p50_ms.max(f64::EPSILON);
    Ok(())
}

/// The same post with `synchronous = full` (bound by the disk's flush).
fn synchronous_full(
    config: &Config,
    db: &Path,
    Post { request, who }: Post<'_>,
    report: &mut BenchReport,
) -> Result<(), ServiceError> {
    let mut full_config = config.clone();
    full_config.store.synchronous = crate::store::Synchronous::Full;
    let mut full = Service::open_existing(full_config, db)?;
    report.synchronous_full = Store::synchronous_mode(full.conn());
    let mut full_samples = Vec::new();
    for i in 0..300 {
        let t = Instant::now();
        full.report("B-20", request, Some(&format!("full-{i}")), who)?;
        full_samples.push(t.elapsed());
    }
    full_samples.sort();
    report.post_full_p50_ms = percentile(&full_samples, 0.5);
    report.post_full_p95_ms = percentile(&full_samples, 0.95);
    drop(full);
    Ok(())
}

/// Builds the bench's store: the bulk items and ledger, then the plant and its orders.
fn build(
    dir: &Path,
    sizes: Sizes,
    report: &mut BenchReport,
    bar: &indicatif::ProgressBar,
) -> Result<(Service, Config, std::path::PathBuf), ServiceError> {
    let db = dir.join("bench.db");
    let started = Instant::now();
    bar.set_message("building the items and the ledger");
    let mut store = Store::create_or_open(&db, crate::store::Synchronous::Normal)?;
    store
        .write(|tx| crate::store::fixture::bulk_items_and_ledger(tx, sizes.items, sizes.ledger))?;
    bar.inc(1);
    bar.set_message("importing the plant and its orders");
    let files = dir.join("plant");
    crate::private_fs::create_dir_all(&files)
        .map_err(|e| ServiceError::io(IoWhat::Create(files.display().to_string()), e))?;
    plant(&files, sizes.orders)?;
    let mut config = Config::default();
    config.terminal.id = "BENCH".into();
    // The board with the 100,000 orders.
    config.terminal.work_center = "WC2".into();
    // The mode the store's connection has, read back (not the one asked for).
    report.synchronous = Store::synchronous_mode(store.conn());
    let mut service = Service::with_store(store, config.clone());
    service.import(&files, &Credentials::default())?;
    report.build_s = started.elapsed().as_secs_f64();
    bar.inc(1);
    Ok((service, config, db))
}

/// Exports the last events as JSON lines from the binary, with its memory sampled.
fn export_from_outside(
    service: &Service,
    db: &Path,
    report: &mut BenchReport,
) -> Result<(), ServiceError> {
    let last_seq = crate::store::outbox::last_seq(service.conn())?;
    if let Some(export) = export_rate(db, (last_seq - EXPORT_EVENTS).max(0)) {
        report.export_events_per_sec = Some(export.rate);
        report.export_events = Some(export.events);
        report.export_rss_start_mb = export.rss_start_mb;
        report.export_rss_end_mb = export.rss_end_mb;
        report.export_anon_start_mb = export.anon_start_mb;
        report.export_anon_end_mb = export.anon_end_mb;
    }
    Ok(())
}

/// The median of `n` runs of `work`, in milliseconds.
fn median_of(
    n: usize,
    mut work: impl FnMut() -> Result<(), ServiceError>,
) -> Result<f64, ServiceError> {
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        work()?;
        samples.push(t.elapsed());
    }
    samples.sort();
    Ok(percentile(&samples, 0.5))
}

/// Median keystroke-to-frame time while editing good on a 200-line report.
fn keystrokes(app: &mut crate::tui::app::App) -> Result<f64, ServiceError> {
    app.open_order("B-200");
    let mut terminal = Terminal::new(TestBackend::new(100, 30))
        .map_err(|e| ServiceError::io(IoWhat::DrawFrame, e))?;
    let mut keys = Vec::new();
    for i in 0..200 {
        let code = if i % 2 == 0 {
            KeyCode::Char(char::from(b'1' + u8::try_from(i % 9).unwrap_or(0)))
        } else {
            KeyCode::Backspace
        };
        let t = Instant::now();
        app.handle_key(KeyEvent::from(code));
        terminal
            .draw(|f| crate::tui::ui::render(app, f))
            .map_err(|e| ServiceError::io(IoWhat::DrawFrame, e))?;
        keys.push(t.elapsed());
    }
    keys.sort();
    Ok(percentile(&keys, 0.5))
}

/// How many events the bench exports (the last ones of the store).
const EXPORT_EVENTS: i64 = 1_000_000;

/// What the export run measured.
struct Export {
    rate: f64,
    events: u64,
    rss_start_mb: Option<f64>,
    rss_end_mb: Option<f64>,
    anon_start_mb: Option<f64>,
    anon_end_mb: Option<f64>,
}

/// `backflush export --after AFTER` on `db`, run as its own process, its output read and
/// counted, its resident memory sampled while it runs; `None` when the binary cannot be run
/// (the bench called from a test harness, say).
fn export_rate(db: &Path, after: i64) -> Option<Export> {
    use std::io::Read as _;
    let exe = std::env::current_exe().ok()?;
    let expected = u64::try_from(EXPORT_EVENTS).unwrap_or(u64::MAX);
    let started = Instant::now();
    let mut child = std::process::Command::new(exe)
        .arg("--db")
        .arg(db)
        .arg("export")
        .args([
            "--after",
            &after.to_string(),
            "--limit",
            &expected.to_string(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let status = format!("/proc/{}/status", child.id());
    let mut stdout = child.stdout.take()?;
    let mut buf = vec![0u8; 1 << 16];
    let mut events = 0u64;
    let (mut rss_start_mb, mut rss_end_mb) = (None, None);
    let (mut anon_start_mb, mut anon_end_mb) = (None, None);
    loop {
        let n = stdout.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        events += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        // The child is alive while it has more to write than the pipe holds.
        let rss = rss_mb_of(&status);
        let anon = status_mb(&status, "RssAnon:");
        if rss_start_mb.is_none() && events >= expected / 100 {
            rss_start_mb = rss;
            anon_start_mb = anon;
        }
        if rss.is_some() {
            rss_end_mb = rss;
            anon_end_mb = anon;
        }
    }
    let ok = child.wait().ok()?.success();
    let secs = started.elapsed().as_secs_f64();
    (ok && events > 0).then(|| Export {
        rate: events as f64 / secs,
        events,
        rss_start_mb: rss_start_mb.or(rss_end_mb),
        rss_end_mb,
        anon_start_mb: anon_start_mb.or(anon_end_mb),
        anon_end_mb,
    })
}

/// Reports per second of `backflush report --batch` on `db`, run as its own process.
fn batch_cli_rate(dir: &Path, db: &Path, reports: usize) -> Option<f64> {
    let file = dir.join("batch.csv");
    let mut text = String::from("key,order,op,good,scrap\n");
    for i in 0..reports {
        let _ = writeln!(text, "cli-{i},B-20,10,1,0");
    }
    std::fs::write(&file, text).ok()?;
    let exe = std::env::current_exe().ok()?;
    let started = Instant::now();
    let status = std::process::Command::new(exe)
        .arg("--db")
        .arg(db)
        .args(["report", "--batch"])
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    let secs = started.elapsed().as_secs_f64();
    status.success().then(|| reports as f64 / secs)
}
