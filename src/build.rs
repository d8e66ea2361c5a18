//! Lists the terminal's message catalogs (`assets/i18n/*.ftl`) for the program to build in:
//! adding a language is adding a file. Writes `languages.rs` (the tags, for the domain's
//! language choice) and `catalogs.rs` (each tag's text, for the terminal).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ftl"));
    files.sort();
    let (mut tags, mut catalogs) = (String::new(), String::new());
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let tag = path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        let _ = write!(tags, "{tag:?}, ");
        let _ = write!(
            catalogs,
            "({tag:?}, include_str!({:?})), ",
            path.display().to_string()
        );
    }
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    let write = |name: &str, text: String| {
        if let Err(e) = std::fs::write(Path::new(&out).join(name), text) {
            println!("cargo:warning=cannot write {name}: {e}");
        }
    };
    write("languages.rs", format!("&[{tags}]"));
    write("catalogs.rs", format!("&[{catalogs}]"));
}
