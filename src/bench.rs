//! `backflush bench`: the speed figures of SPEC §8 on this machine, measured on a fresh
//! store of the size the SPEC names. Run it on a release build:
//! `cargo run --release -- bench`.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

use crate::config::Config;
use crate::domain::backflush::ReportRequest;
use crate::service::{Credentials, Service, ServiceError};
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
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    (at(0.5), at(0.95))
}

fn csv(dir: &Path, name: &str, text: &str) -> Result<(), ServiceError> {
    std::fs::write(dir.join(name), text).map_err(|e| ServiceError::io(format!("write {name}"), e))
}

/// The plant the benchmark posts against: a 20-line and a 200-line parent, and `orders`
/// released orders of a 3-line parent for the order board.
fn plant(dir: &Path, orders: i64) -> Result<(), ServiceError> {
    let mut items =
        String::from("item,description,uom,decimals,type,tracking,backflush,std_cost\n");
    items.push_str("P20,Bench parent with 20 lines,EA,0,stock,none,yes,50\n");
    items.push_str("P200,Bench parent with 200 lines,EA,0,stock,none,yes,500\n");
    items.push_str("P3,Bench parent with 3 lines,EA,0,stock,none,yes,5\n");
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
    let mut boms = String::from(
        "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n",
    );
    for i in 0..20 {
        let _ = writeln!(boms, "P20,1,1,{},C{:06},1,unit,,,,", i + 1, i);
    }
    for i in 0..200 {
        let _ = writeln!(boms, "P200,1,1,{},C{:06},1,unit,,,,", i + 1, 1000 + i);
    }
    for i in 0..3 {
        let _ = writeln!(boms, "P3,1,1,{},C{:06},1,unit,,,,", i + 1, 5000 + i);
    }
    csv(dir, "boms.csv", &boms)?;
    csv(
        dir,
        "routings.csv",
        "parent,revision,operation,work_center,setup_hours,run_hours,count_point\nP20,1,10,WC1,0.5,0.1,yes\nP200,1,10,WC2,0.5,0.1,yes\nP3,1,10,WC2,0.1,0.01,yes\n",
    )?;
    let mut order_rows = String::from("order,item,revision,qty,due,completion_location\n");
    order_rows.push_str("B-20,P20,1,1000000,2026-01-01,FG\nB-200,P200,1,1000000,2026-01-01,FG\n");
    for i in 0..orders {
        let _ = writeln!(
            order_rows,
            "O{i:06},P3,1,100,2026-{:02}-{:02},FG",
            1 + (i % 12),
            1 + (i % 28)
        );
    }
    csv(dir, "orders.csv", &order_rows)?;
    let mut stock = String::from("item,location,qty\n");
    for i in 0..20 {
        let _ = writeln!(stock, "C{i:06},M1,100000000");
    }
    for i in 0..200 {
        let _ = writeln!(stock, "C{:06},M2,100000000", 1000 + i);
    }
    csv(dir, "stock.csv", &stock)
}

/// Opens the terminal on `db` five times: the median time to the first full frame (store
/// opened, board loaded, drawn), and to the frame that shows every visible shortage flag.
fn first_frames(
    config: &Config,
    db: &Path,
) -> Result<(f64, f64, Option<crate::tui::app::App>), ServiceError> {
    let refused = |e: std::convert::Infallible| ServiceError::io("draw a frame", e);
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

/// Builds the store and measures; returns the report as text.
///
/// # Errors
/// The store cannot be built.
pub fn run(sizes: Sizes) -> Result<String, ServiceError> {
    let dir = crate::demo::temp_dir();
    crate::private_fs::create_dir_all(&dir)
        .map_err(|e| ServiceError::io(format!("create {}", dir.display()), e))?;
    let result = measure(&dir, sizes);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure(dir: &Path, sizes: Sizes) -> Result<String, ServiceError> {
    let mut out = String::new();
    let db = dir.join("bench.db");
    let started = Instant::now();
    let mut store = Store::create_or_open(&db, crate::store::Synchronous::Normal)?;
    store
        .write(|tx| crate::store::fixture::bulk_items_and_ledger(tx, sizes.items, sizes.ledger))?;
    let files = dir.join("plant");
    crate::private_fs::create_dir_all(&files)
        .map_err(|e| ServiceError::io(format!("create {}", files.display()), e))?;
    plant(&files, sizes.orders)?;
    let mut config = Config::default();
    config.terminal.id = "BENCH".into();
    // The board with the 100,000 orders.
    config.terminal.work_center = "WC2".into();
    let mut service = Service::with_store(store, config.clone());
    service.import(&files, &Credentials::default())?;
    let _ = writeln!(
        out,
        "store: {} items, {} ledger rows, {} orders (built in {:.1} s; WAL, synchronous=normal)",
        sizes.items + 3,
        sizes.ledger,
        sizes.orders + 2,
        started.elapsed().as_secs_f64()
    );

    let who = Credentials::default();
    let request = ReportRequest {
        operation: 10,
        good: Decimal::ONE,
        scrap: Decimal::ZERO,
        overrides: Vec::new(),
    };
    for i in 0..50 {
        service.report("B-20", &request, Some(&format!("warm-{i}")), &who)?;
    }
    // One report at a time, each its own transaction (the terminal's case).
    let mut samples = Vec::with_capacity(sizes.reports);
    let singles_start = Instant::now();
    for i in 0..sizes.reports {
        let t = Instant::now();
        service.report("B-20", &request, Some(&format!("bench-{i}")), &who)?;
        samples.push(t.elapsed());
    }
    let singles = singles_start.elapsed();
    let (median, p95) = stats(samples);
    let _ = writeln!(
        out,
        "post a 20-line report: median {median:.3} ms, p95 {p95:.3} ms (target < 0.3 ms); {:.0} reports/s one by one",
        sizes.reports as f64 / singles.as_secs_f64()
    );
    // `report --batch`: each report atomic in a savepoint, commits shared by a group.
    let batch: Vec<(String, String, ReportRequest)> = (0..sizes.reports)
        .map(|i| (format!("batch-{i}"), "B-20".to_string(), request.clone()))
        .collect();
    let batch_start = Instant::now();
    let mut failed = 0;
    service.report_batch(&batch, &who, |_, r| failed += usize::from(r.is_err()))?;
    let elapsed = batch_start.elapsed();
    let _ = writeln!(
        out,
        "batch: {} reports in {:.2} s = {:.0} reports/s, {failed} refused (target ≥ 3000/s)",
        sizes.reports,
        elapsed.as_secs_f64(),
        sizes.reports as f64 / elapsed.as_secs_f64()
    );
    let problems = service.verify()?;
    let _ = writeln!(
        out,
        "verify after the run: {}",
        if problems.is_empty() {
            "ok".to_string()
        } else {
            problems.join("; ")
        }
    );
    drop(service);

    // The terminal: first frame on the demo plant and on the large store, then keys on a
    // 200-line order.
    let demo_db = dir.join("demo.db");
    drop(crate::demo::create(config.clone(), &demo_db)?);
    let (first, settled, _) = first_frames(&config, &demo_db)?;
    let _ = writeln!(
        out,
        "terminal first frame, demo plant: median {first:.1} ms; shortage flags drawn by {settled:.1} ms (target < 100 ms)"
    );
    let (first, settled, app) = first_frames(&config, &db)?;
    let _ = writeln!(
        out,
        "terminal first frame on {} orders: median {first:.1} ms; shortage flags drawn by {settled:.1} ms (target < 100 ms)",
        sizes.orders + 2
    );
    let Some(mut app) = app else { return Ok(out) };
    app.open_order("B-200");
    let mut terminal = Terminal::new(TestBackend::new(100, 30))
        .map_err(|e| ServiceError::io("draw a frame", e))?;
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
            .draw(|f| crate::tui::ui::render(&app, f))
            .map_err(|e| ServiceError::io("draw a frame", e))?;
        keys.push(t.elapsed());
    }
    let (median, p95) = stats(keys);
    let _ = writeln!(
        out,
        "keystroke to frame, 200-line report: median {median:.2} ms, p95 {p95:.2} ms (target < 5 ms)"
    );
    Ok(out)
}
