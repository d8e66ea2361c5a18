//! Integration tests of the command line: every test runs the real
//! binary on its own temporary store, with a small plant written from the CSV literals in
//! `common::cli` so that every expected number can be worked out by hand.
//!
//! One test binary with a module per part of the command line, so the suite links once.

#[path = "../common/mod.rs"]
mod common;

mod auth;
mod bench;
mod bounds;
mod calculation;
mod closing;
mod codes;
mod config;
mod edges;
mod export;
mod health;
mod import;
mod issue;
mod keys;
mod lot_reports;
mod lots;
mod movements;
mod options;
mod overrides;
mod replenish;
mod report;
mod review;
mod settings;
mod shift;
mod staging;
mod store_edges;
mod text;
mod uom;
