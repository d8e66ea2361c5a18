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
mod architecture {
    //! The layers import one way: `domain` ← `store` ← `service` ← `cli` / `tui`.

    use std::path::Path;

    /// Every `.rs` file below `dir` with its text.
    fn sources(dir: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return out;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path.display().to_string(), text));
            }
        }
        out
    }

    #[test]
    fn no_layer_imports_one_above_it() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let rules: [(&str, &[&str]); 4] = [
            (
                "domain",
                &[
                    "crate::store",
                    "crate::service",
                    "crate::tui",
                    "crate::cli",
                    "rusqlite",
                    "ratatui",
                    "crossterm",
                ],
            ),
            (
                "store",
                &["crate::service", "crate::tui", "crate::cli", "ratatui"],
            ),
            ("service", &["crate::tui", "crate::cli"]),
            (
                "import",
                &["crate::service", "crate::tui", "crate::cli", "ratatui"],
            ),
        ];
        for (layer, forbidden) in rules {
            // The layer's folder and its own file (`src/service.rs` beside `src/service/`).
            let mut files = sources(&src.join(layer));
            let top = src.join(format!("{layer}.rs"));
            files.push((
                top.display().to_string(),
                std::fs::read_to_string(&top).unwrap_or_default(),
            ));
            assert!(files.len() > 3, "the {layer} layer's files are read");
            for (file, text) in files {
                for word in forbidden {
                    assert!(!text.contains(word), "{file} uses {word}");
                }
            }
        }
        for (file, text) in sources(&src.join("tui")) {
            assert!(!text.contains("crate::cli"), "{file} uses the command line");
        }
    }
}
