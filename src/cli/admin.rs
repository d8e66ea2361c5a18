//! The store itself: `init`, `import`, `demo --no-tui`, `verify`, `bench`.

use std::path::Path;

use super::output::{Out, Show, warn};
use super::session::import_service;
use super::{BenchArgs, Cli, Failure, Outcome, create_service, credentials, open_service, words};
use crate::service::ErrorKind;

/// `backflush init`: create or migrate the store.
pub fn init(cli: &Cli) -> Outcome {
    let who = credentials(cli)?;
    let mut service = create_service(cli)?;
    service.init(&who)?;
    Out::new(false).line(format_args!(
        "store ready at {} (schema version {})",
        service.config().store_path(cli.db.as_deref()).display(),
        crate::service::known_version()
    ))
}

/// `backflush demo --no-tui`: the demo store made, and what it holds.
pub fn demo(cli: &Cli) -> Outcome {
    let config = super::session::config(cli)?;
    let demo = crate::app::make_demo(config, cli.db.as_deref())?;
    let mut out = Out::new(false);
    out.line(format_args!("demo store: {}", demo.db.display()))?;
    for (what, n) in &demo.counts {
        out.line(format_args!("  {what:<16} {n}"))?;
    }
    if let Some(dir) = &demo.kept {
        out.line(format_args!(
            "(kept for inspection; remove {} when done)",
            dir.display()
        ))?;
    }
    Ok(())
}

/// `backflush import DIR`: all or nothing; a refused import onto no store leaves none.
pub fn import(cli: &Cli, dir: &Path) -> Outcome {
    let who = credentials(cli)?;
    let mut service = import_service(cli)?;
    let summary = service.import(dir, &who)?;
    service.finish()?;
    for w in &summary.warnings {
        warn(&words::import_warning(w));
    }
    let files: Vec<String> = summary
        .files
        .iter()
        .map(|(f, n)| format!("{f} {n}"))
        .collect();
    Out::new(false).line(format_args!(
        "imported {} ({} orders released)",
        files.join(", "),
        summary.orders_released
    ))
}

/// `backflush verify`: every balance equals its ledger, every journal entry balances.
pub fn verify(cli: &Cli) -> Outcome {
    let service = open_service(cli)?;
    let problems = service.verify()?;
    let mut out = Out::new(false);
    if problems.is_empty() {
        return out.line(format_args!(
            "ok: every balance equals its ledger and every journal entry balances"
        ));
    }
    for p in &problems {
        out.line(format_args!("{}", words::problem(p)))?;
    }
    out.flush()?;
    Err(Failure::new(
        ErrorKind::Refused,
        format!(
            "verify found {} problems in the store {}",
            problems.len(),
            service.store_path()
        ),
    ))
}

impl Show for crate::bench::BenchReport {
    fn json(&self) -> impl serde::Serialize {
        // As a `Value`: its keys sorted, the bytes `bench --json` has always printed.
        serde_json::to_value(self).unwrap_or_default()
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        for line in self.text().lines() {
            out.raw_line(format_args!("{line}"))?;
        }
        Ok(())
    }
}

/// `backflush bench`: the speed figures on a fresh large store of its own.
pub fn bench(cli: &Cli, args: &BenchArgs) -> Outcome {
    let report = crate::bench::run(crate::bench::Sizes {
        items: args.items,
        ledger: args.ledger,
        orders: args.orders,
        reports: args.reports,
    })?;
    Out::new(cli.json).show(&report)
}

/// `backflush unlock --badge B`: an admin lifts a PIN lock-out.
pub fn unlock(cli: &Cli, badge: &str) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let was_locked = service.unlock(badge, &who)?;
    Out::new(false).line(format_args!(
        "badge {badge} {}",
        if was_locked {
            "unlocked; its wrong-PIN count starts again"
        } else {
            "was not locked; its wrong-PIN count starts again"
        }
    ))
}
