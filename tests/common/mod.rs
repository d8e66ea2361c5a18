//! Helpers shared by the integration tests: each test file says `mod common;` and uses what it
//! needs (so the unused rest is allowed below).
//!
//! - quantities, report requests and credentials (`d`, `req`, `who`, the demo's users);
//! - the demo plant on a temporary store (`demo`) and balances (`on_hand`);
//! - CSV files written into an import directory (`write_files`);
//! - a refusal as the command line words it (`Said`);
//! - the built binary (`binary`) and, in [`cli`], the harness that runs it on a temporary store
//!   with a small plant and reads its JSON.

#![allow(dead_code)]
#![allow(clippy::unwrap_used)]

pub mod cli;
pub mod tui;

use std::path::Path;
use std::str::FromStr;

use backflush::config::Config;
use backflush::domain::backflush::ReportRequest;
use backflush::domain::qty::Quantity;
use backflush::service::{Credentials, Service};
use rust_decimal::Decimal;
use tempfile::TempDir;

/// A decimal from its text, as the type the test compares it with (a quantity, money, hours
/// or a plain decimal); the tests write every quantity as text so it reads as the README writes it.
pub fn d<T: From<Decimal>>(s: &str) -> T {
    T::from(Decimal::from_str(s).unwrap())
}

/// A report of `good` and `scrap` units at `operation`, without overrides.
pub fn req(operation: i64, good: &str, scrap: &str) -> ReportRequest {
    ReportRequest {
        operation,
        good: d(good),
        scrap: d(scrap),
        overrides: Vec::new(),
        ..ReportRequest::default()
    }
}

/// A badge and PIN, without a second (approving) user.
pub fn who(badge: &str, pin: &str) -> Credentials {
    Credentials {
        badge: Some(badge.into()),
        pin: Some(pin.into()),
        approver: None,
    }
}

/// The demo plant's operator, Ana Novak.
pub fn operator() -> Credentials {
    who("1001", "1234")
}

/// The demo plant's lead, Carla Ruiz.
pub fn lead() -> Credentials {
    who("2001", "2222")
}

/// The demo plant's material handler, Dmitri Petrov.
pub fn handler() -> Credentials {
    who("3001", "3333")
}

/// The demo plant (`backflush demo`) on a store in a temporary directory, kept alive by the
/// returned `TempDir`.
pub fn demo(config: Config) -> (TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let service = backflush::demo::create(config, &dir.path().join("demo.db")).unwrap();
    (dir, service)
}

/// The balance of `item` at `location` (zero when the store has no row for it).
pub fn on_hand(s: &Service, item: &str, location: &str) -> Quantity {
    s.stock(Some(&location.into()), Some(&item.into()))
        .unwrap()
        .iter()
        .map(|r| r.qty)
        .sum()
}

/// Writes each `(file name, text)` into `dir`, creating it.
pub fn write_files<N: AsRef<str>, T: AsRef<str>>(dir: &Path, files: &[(N, T)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name.as_ref()), text.as_ref()).unwrap();
    }
}

/// The built `backflush` binary.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_backflush")
}

/// A refusal as the command line words it, for tests that check what a user is told.
pub trait Said {
    fn said(&self) -> String;
}

impl Said for backflush::service::ServiceError {
    fn said(&self) -> String {
        backflush::cli::words::describe(self)
    }
}

impl Said for backflush::domain::backflush::ReportError {
    fn said(&self) -> String {
        backflush::cli::words::report(self)
    }
}

impl Said for backflush::domain::order::ReleaseError {
    fn said(&self) -> String {
        backflush::cli::words::release(self)
    }
}
