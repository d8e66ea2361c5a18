//! backflush — the shop-floor terminal for postproduction issuing.
//!
//! Layers, one direction: [`domain`] (pure rules) ← [`store`] (SQLite, transactions) ←
//! [`service`] (use cases, shared by both faces) ← [`cli`] and [`tui`].
//!
//! | module | holds |
//! | --- | --- |
//! | [`domain`] | master data, order release, the backflush calculation, variance, journal rules |
//! | [`store`] | schema and migrations, repositories, the posting transactions |
//! | [`import`] | the CSV import |
//! | [`pin`] | PIN hashing and the PIN file, below the import and the service |
//! | [`service`] | use cases, permissions, JSON views |
//! | [`cli`] | the command line |
//! | [`tui`] | the full-screen terminal |
//! | [`words`] | the English of every refusal and failure, for both faces |
//! | [`app`] | starting the terminal (and the demo plant) |

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod app;
pub mod bench;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod import;
pub mod logging;
pub mod pin;
pub mod private_fs;
pub mod service;
pub mod store;
pub mod tui;
pub mod words;

#[cfg(test)]
mod architecture;
