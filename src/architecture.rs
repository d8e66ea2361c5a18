//! The layers import one way, read from the sources by a small parser.
//!
//! `domain` ← `store` ← `import` ← `service` ← `cli` / `tui`. Every file's `use` trees are
//! parsed (grouped, nested, renamed, `pub use`, `self`/`super` resolved to their module) together
//! with the paths written inline in code (`crate::store::queries::counts(...)`), so a wrong arrow
//! fails here whatever its spelling. The same imports give each layer's file graph, which has
//! no circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A source file: its module path below the crate root (`["store", "ledger"]`) and its text.
struct Source {
    name: String,
    module: Vec<String>,
    text: String,
}

/// Every `.rs` file of the library below `dir`, with its module path.
fn sources(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let mut module: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            // `lib.rs` is the root; `mod.rs` is its folder's module. `main.rs` is another crate.
            if module == ["main"] {
                continue;
            }
            if module.last().is_some_and(|m| m == "lib" || m == "mod") {
                module.pop();
            }
            out.push(Source {
                name: rel.display().to_string(),
                module,
                text: std::fs::read_to_string(&path).unwrap_or_default(),
            });
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Dollar,
    Other,
}

/// The text as tokens, with comments, strings and character literals left out (a path named in
/// a comment or a message is not an import).
fn tokens(text: &str) -> Vec<Tok> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' || (matches!(ch, 'r' | 'b') && raw_or_byte_string(&c, i).is_some()) {
            i = raw_or_byte_string(&c, i).unwrap_or_else(|| quoted(&c, i));
        } else if ch == '\'' {
            // A character literal ('x', '\n', '\u{1F600}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let mut word: String = c[start..i].iter().collect();
            // A raw identifier `r#type` is the identifier `type`.
            if word == "r"
                && c.get(i) == Some(&'#')
                && c.get(i + 1).is_some_and(|n| n.is_alphabetic())
            {
                let s = i + 1;
                i = s;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                word = c[s..i].iter().collect();
            }
            out.push(Tok::Ident(word));
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Other);
        } else {
            i += 1;
            out.push(match ch {
                ':' if next == Some(':') => {
                    i += 1;
                    Tok::PathSep
                }
                '{' => Tok::Open,
                '}' => Tok::Close,
                ',' => Tok::Comma,
                ';' => Tok::Semi,
                '*' => Tok::Star,
                '$' => Tok::Dollar,
                _ => Tok::Other,
            });
        }
    }
    out
}

/// The end of a `"…"` string starting at `i` (escapes skipped).
fn quoted(c: &[char], mut i: usize) -> usize {
    i += 1;
    while i < c.len() && c[i] != '"' {
        if c[i] == '\\' {
            i += 1;
        }
        i += 1;
    }
    i + 1
}

/// The end of a `b"…"`, `r"…"`, `r#"…"#` or `br#"…"#` string starting at `i`, if one starts.
fn raw_or_byte_string(c: &[char], i: usize) -> Option<usize> {
    // Only at the start of a word: `for"` is not a string prefix.
    if i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_') {
        return None;
    }
    let mut j = i;
    if c.get(j) == Some(&'b') {
        j += 1;
    }
    if c.get(j) == Some(&'r') {
        j += 1;
        let mut hashes = 0;
        while c.get(j) == Some(&'#') {
            hashes += 1;
            j += 1;
        }
        if c.get(j) != Some(&'"') {
            return None;
        }
        j += 1;
        while j < c.len() {
            if c[j] == '"' && (1..=hashes).all(|h| c.get(j + h) == Some(&'#')) {
                return Some(j + 1 + hashes);
            }
            j += 1;
        }
        return Some(j);
    }
    if j > i && c.get(j) == Some(&'"') {
        return Some(quoted(c, j));
    }
    None
}

/// The paths a file names, each as written (before resolving `self`, `super` and relative
/// names), with the module they are written in (inline `mod x { … }` blocks included).
fn written_paths(file_module: &[String], text: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    // The inline modules open at this point, with the brace depth each one closes at.
    let mut modules: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let here = |modules: &[(String, usize)]| {
        let mut m = file_module.to_vec();
        m.extend(modules.iter().map(|(name, _)| name.clone()));
        m
    };
    while i < toks.len() {
        match &toks[i] {
            Tok::Ident(word) if word == "use" => {
                let mut paths = Vec::new();
                i = use_tree(&toks, i + 1, &[], &mut paths);
                let module = here(&modules);
                out.extend(paths.into_iter().map(|p| (module.clone(), p)));
            }
            Tok::Ident(word) if word == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    depth += 1;
                    modules.push((name.clone(), depth));
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Tok::Ident(first) if toks.get(i + 1) == Some(&Tok::PathSep) => {
                // A path written inline: `crate::store::queries::counts(…)`. A path after `::`
                // or `$` (`$crate::…` in a macro) is not one that starts here.
                let starts = i == 0 || !matches!(toks[i - 1], Tok::PathSep | Tok::Dollar);
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while toks.get(j) == Some(&Tok::PathSep) {
                    match toks.get(j + 1) {
                        Some(Tok::Ident(seg)) => {
                            path.push(seg.clone());
                            j += 2;
                        }
                        _ => break,
                    }
                }
                if starts {
                    out.push((here(&modules), path));
                }
                i = j;
            }
            Tok::Open => {
                depth += 1;
                i += 1;
            }
            Tok::Close => {
                if modules.last().is_some_and(|(_, d)| *d == depth) {
                    modules.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Parses one use tree from `i` below `prefix`; pushes every path it names and returns the
/// position after it. `a::{b, c::{self, d as e}, f::*}` names `a::b`, `a::c`, `a::c::d`, `a::f`.
fn use_tree(toks: &[Tok], mut i: usize, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix.to_vec();
    // `use ::std::…`: a leading separator.
    if toks.get(i) == Some(&Tok::PathSep) {
        i += 1;
    }
    loop {
        match toks.get(i) {
            Some(Tok::Ident(seg)) if seg == "self" && !path.is_empty() => i += 1,
            Some(Tok::Ident(seg)) => {
                path.push(seg.clone());
                i += 1;
            }
            Some(Tok::Star) => {
                i += 1;
                break;
            }
            Some(Tok::Open) => {
                i += 1;
                loop {
                    match toks.get(i) {
                        Some(Tok::Close) => {
                            i += 1;
                            break;
                        }
                        Some(Tok::Comma) => i += 1,
                        None => return i,
                        Some(_) => {
                            let before = i;
                            i = use_tree(toks, i, &path, out);
                            if i == before {
                                i += 1;
                            }
                        }
                    }
                }
                // The group names its members, not the prefix itself.
                path.clear();
                break;
            }
            _ => break,
        }
        if toks.get(i) == Some(&Tok::PathSep) {
            i += 1;
        } else {
            break;
        }
    }
    // `as name` renames; the path stays what it is.
    if toks.get(i) == Some(&Tok::Ident("as".into())) {
        i += 2;
    }
    if !path.is_empty() {
        out.push(path);
    }
    if toks.get(i) == Some(&Tok::Semi) {
        i += 1;
    }
    i
}

/// An import resolved: a path from the crate root (`crate`, then modules), or an outside
/// crate's path (`rusqlite::Connection`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Crate(Vec<String>),
    Extern(Vec<String>),
}

/// Resolves a written path in `module`: `crate::`, `self::`, `super::` and a child module's
/// name lead into the crate; any other first name is an outside crate (or a local name, which
/// no rule here is about).
fn resolve(module: &[String], path: &[String], modules: &BTreeSet<Vec<String>>) -> Target {
    let mut base = module.to_vec();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        Some(first) => {
            let mut child = module.to_vec();
            child.push(first.to_string());
            if !modules.contains(&child) {
                return Target::Extern(path.to_vec());
            }
        }
        None => {}
    }
    base.extend(rest.iter().cloned());
    Target::Crate(base)
}

/// Everything a file imports, resolved.
fn imports(source: &Source, modules: &BTreeSet<Vec<String>>) -> BTreeSet<Target> {
    written_paths(&source.module, &source.text)
        .into_iter()
        .map(|(module, path)| resolve(&module, &path, modules))
        .collect()
}

/// What a layer may not import: other layers of the crate and outside crates.
const RULES: &[(&str, &[&str], &[&str])] = &[
    (
        "domain",
        &["store", "service", "import", "tui", "cli", "app"],
        &["rusqlite", "ratatui", "crossterm"],
    ),
    (
        "store",
        &["service", "import", "tui", "cli", "app"],
        &["ratatui", "crossterm"],
    ),
    (
        "import",
        &["service", "tui", "cli", "app"],
        &["ratatui", "crossterm"],
    ),
    ("service", &["tui", "cli", "app"], &["ratatui", "crossterm"]),
    ("tui", &["cli", "store"], &[]),
    ("cli", &["tui", "store"], &[]),
    // The English of every refusal, for both faces: above the service, beside the faces.
    ("words", &["tui", "cli", "store"], &[]),
];

/// Arrows the rules forbid that the tree keeps on purpose, with why: (file, the module it
/// reaches).
const EXCEPTIONS: &[(&str, &str)] = &[];

/// Every forbidden arrow in `files`, as "file → path".
fn wrong_arrows(files: &[Source], exceptions: &[(&str, &str)]) -> Vec<String> {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut wrong = Vec::new();
    for file in files {
        let Some(layer) = file.module.first() else {
            continue;
        };
        let Some((_, inner, outer)) = RULES.iter().find(|(l, _, _)| l == layer) else {
            continue;
        };
        for target in imports(file, &modules) {
            let (path, banned) = match &target {
                Target::Crate(p) => (p, *inner),
                Target::Extern(p) => (p, *outer),
            };
            let Some(first) = path.first() else { continue };
            let excepted = exceptions
                .iter()
                .any(|(f, m)| *f == file.name && m == first);
            if banned.contains(&first.as_str()) && !excepted {
                wrong.push(format!("{} → {}", file.name, path.join("::")));
            }
        }
    }
    wrong
}

/// The file a crate path lands in: the longest module prefix that is a file.
fn file_of<'a>(path: &[String], by_module: &BTreeMap<Vec<String>, &'a str>) -> Option<&'a str> {
    (0..=path.len())
        .rev()
        .find_map(|n| by_module.get(&path[..n]).copied())
}

/// Import circles between files of one layer, each named file → … → the same file. A file
/// reaching its own parent module (`use super::Store`) is how Rust nests modules, not an arrow
/// between peers, and is left out of the graph.
fn circles(files: &[Source]) -> Vec<Vec<String>> {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let by_module: BTreeMap<Vec<String>, &str> = files
        .iter()
        .map(|f| (f.module.clone(), f.name.as_str()))
        .collect();
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for file in files {
        let edges = graph.entry(file.name.as_str()).or_default();
        for target in imports(file, &modules) {
            let Target::Crate(path) = target else {
                continue;
            };
            if path.first() != file.module.first() || file.module.starts_with(&path) {
                continue;
            }
            let Some(to) = file_of(&path, &by_module) else {
                continue;
            };
            let to_module = files.iter().find(|f| f.name == to).map(|f| &f.module);
            let is_parent = to_module.is_some_and(|m| file.module.starts_with(m));
            if to != file.name && !is_parent {
                edges.insert(to);
            }
        }
    }
    // A circle through each file not yet in one found: depth-first from it back to itself.
    let mut found: Vec<Vec<String>> = Vec::new();
    let mut seen_in: BTreeSet<&str> = BTreeSet::new();
    for &start in graph.keys() {
        if seen_in.contains(start) {
            continue;
        }
        if let Some(circle) = path_back(&graph, start) {
            seen_in.extend(circle.iter().copied());
            found.push(circle.iter().map(|s| (*s).to_string()).collect());
        }
    }
    found
}

/// The shortest path from `start` back to itself, if there is one.
fn path_back<'a>(
    graph: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    start: &'a str,
) -> Option<Vec<&'a str>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for &next in graph.get(at).into_iter().flatten() {
            if next == start {
                let mut path = vec![start];
                let mut back = at;
                while back != start {
                    path.push(back);
                    back = came_from[back];
                }
                path.push(start);
                let last = path.len() - 1;
                path[1..last].reverse();
                return Some(path);
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}

fn tree() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

#[test]
fn no_layer_imports_one_it_may_not() {
    let files = tree();
    for layer in ["domain", "store", "import", "service", "tui", "cli"] {
        let count = files
            .iter()
            .filter(|f| f.module.first().is_some_and(|m| m == layer));
        assert!(count.count() > 3, "the {layer} layer's files are read");
    }
    let wrong = wrong_arrows(&files, EXCEPTIONS);
    // An exception no file needs any more goes, so that the table says what the tree keeps.
    let all = wrong_arrows(&files, &[]);
    for (file, module) in EXCEPTIONS {
        let prefix = format!("{file} → {module}");
        assert!(
            all.iter().any(|w| w.starts_with(&prefix)),
            "{file} no longer reaches {module}: drop its exception"
        );
    }
    assert!(wrong.is_empty(), "wrong arrows:\n{}", wrong.join("\n"));
}

#[test]
fn no_circle_between_files_of_one_layer() {
    let named: Vec<String> = circles(&tree()).iter().map(|c| c.join(" → ")).collect();
    assert!(named.is_empty(), "import circles:\n{}", named.join("\n"));
}

/// A planted file: its name below `src/` and its text.
fn planted(name: &str, text: &str) -> Source {
    let module: Vec<String> = name
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    Source {
        name: name.to_string(),
        module,
        text: text.to_string(),
    }
}

/// The planted file among a few real-looking modules, so relative names resolve.
fn check_planted(name: &str, text: &str) -> Vec<String> {
    let mut files = vec![planted(name, text)];
    for other in [
        "store.rs",
        "store/queries.rs",
        "store/ledger.rs",
        "service.rs",
        "service/floor.rs",
        "domain.rs",
        "domain/qty.rs",
        "tui.rs",
        "tui/app.rs",
        "cli.rs",
    ] {
        if other != name {
            files.push(planted(other, ""));
        }
    }
    wrong_arrows(&files, &[])
}

#[test]
fn a_planted_wrong_arrow_fails_the_check_in_every_spelling() {
    let cases: &[(&str, &str, &str)] = &[
        // domain → store
        ("domain/qty.rs", "use crate::store::Store;", "store::Store"),
        (
            "domain/qty.rs",
            "use crate::{store::Store as _};",
            "store::Store",
        ),
        (
            "domain/qty.rs",
            "pub use crate::{qty::X, store::{self as s}};",
            "store",
        ),
        (
            "domain/qty.rs",
            "use super::super::store::ledger;",
            "store::ledger",
        ),
        (
            "domain/qty.rs",
            "fn f() { crate::store::queries::counts(); }",
            "store::queries::counts",
        ),
        (
            "domain/qty.rs",
            "use rusqlite::{Connection as C};",
            "rusqlite::Connection",
        ),
        (
            "domain/qty.rs",
            "mod inner { use super::super::super::store as s; }",
            "store",
        ),
        // tui → store
        (
            "tui/app.rs",
            "use crate::store::queries::ReportRow;",
            "store::queries::ReportRow",
        ),
        (
            "tui/app.rs",
            "use crate::{domain::qty::Quantity, store::{queries::{ReportRow as R}}};",
            "store::queries::ReportRow",
        ),
        (
            "tui/app.rs",
            "fn f(r: crate::store::floor::ReportLine) {}",
            "store::floor::ReportLine",
        ),
        // store → service
        (
            "store/ledger.rs",
            "use crate::service::Service;",
            "service::Service",
        ),
        (
            "store/ledger.rs",
            "pub(crate) use crate::{service::{floor::{self, Lead as L}}};",
            "service::floor",
        ),
        ("store.rs", "use crate::{service as s};", "service"),
        // cli → store
        ("cli.rs", "use crate::store::{self, Store};", "store"),
    ];
    for (name, text, reached) in cases {
        let wrong = check_planted(name, text);
        assert!(
            wrong
                .iter()
                .any(|w| w.starts_with(name) && w.contains(reached)),
            "{name}: `{text}` passed the check (found {wrong:?})"
        );
    }
}

#[test]
fn what_only_looks_like_a_wrong_arrow_passes() {
    let cases: &[(&str, &str)] = &[
        ("domain/qty.rs", "// use crate::store::Store;"),
        (
            "domain/qty.rs",
            "/// see [`crate::store::Store`]\nfn f() {}",
        ),
        (
            "domain/qty.rs",
            r##"const S: &str = "crate::store::Store"; const R: &str = r#"use crate::store;"#;"##,
        ),
        (
            "domain/qty.rs",
            "use crate::domain::qty::Quantity; use super::qty::Unit;",
        ),
        (
            "tui/app.rs",
            "use crate::service::{Service, floor::ReportLine as Line};",
        ),
        (
            "tui/app.rs",
            "fn f<'a>(x: &'a str) -> char { let _ = '{'; 'x' }",
        ),
        (
            "store/ledger.rs",
            "use super::queries; use crate::domain::{qty::{self}};",
        ),
    ];
    for (name, text) in cases {
        let wrong = check_planted(name, text);
        assert!(wrong.is_empty(), "{name}: `{text}` was refused: {wrong:?}");
    }
}

#[test]
fn a_planted_circle_is_found_and_named() {
    let files = vec![
        planted("store/a.rs", "use super::b::X;"),
        planted("store/b.rs", "use crate::{store::c::{Y as Z}};"),
        planted("store/c.rs", "fn f() { crate::store::a::g(); }"),
        planted("store.rs", "pub use a::*; pub mod a; pub mod b; pub mod c;"),
        planted("store/d.rs", "use super::Store; use super::a;"),
    ];
    let found = circles(&files);
    assert_eq!(
        found,
        vec![vec![
            "store/a.rs".to_string(),
            "store/b.rs".to_string(),
            "store/c.rs".to_string(),
            "store/a.rs".to_string()
        ]]
    );
}
