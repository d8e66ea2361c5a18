//! The layers below the faces (domain, store, service, import, config) hand over errors and refusals
//! as data; the command line and the terminal word them. This reads their source and fails on
//! an option of the command line named in a string (`"--lot"`, `"… (--reason)"`), a string
//! that reads like a sentence (three lowercase words in a row, outside SQL, programmers'
//! notes and library errors' accounts) or an `#[error("…")]` sentence, outside test code.

#![allow(clippy::unwrap_used)]

use std::ops::Range;
use std::path::{Path, PathBuf};

/// What the lexer found: the source with comments blanked and the string literals' spans.
struct Masked {
    /// The source with comments and the insides of literals replaced by spaces (byte for
    /// byte), so that braces and attributes are found only in code.
    code: String,
    /// Each string literal: its span in the source (quotes included).
    strings: Vec<Range<usize>>,
}

fn mask(source: &str) -> Masked {
    let bytes = source.as_bytes();
    let mut code = bytes.to_vec();
    let mut strings = Vec::new();
    let blank = |code: &mut Vec<u8>, range: Range<usize>| {
        for b in &mut code[range] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |n| i + n);
            blank(&mut code, i..end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            let mut j = i;
            while j < bytes.len() {
                if bytes[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if bytes[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut code, i..j);
            i = j;
        } else if let Some(len) = raw_string(rest) {
            strings.push(i..i + len);
            blank(&mut code, i + 1..i + len - 1);
            i += len;
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(bytes.len());
            strings.push(i..end);
            blank(&mut code, i + 1..end.saturating_sub(1));
            i = end;
        } else if rest[0] == b'\'' {
            // A character literal ('x', '\n', '"'), else a lifetime.
            let len = if rest.get(1) == Some(&b'\\') {
                rest[2..]
                    .iter()
                    .position(|&b| b == b'\'')
                    .map_or(1, |n| n + 3)
            } else {
                let ch = source[i + 1..].chars().next().map_or(1, char::len_utf8);
                if rest.get(1 + ch) == Some(&b'\'') {
                    ch + 2
                } else {
                    1
                }
            };
            if len > 1 {
                blank(&mut code, i + 1..i + len - 1);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    Masked {
        code: String::from_utf8_lossy(&code).into_owned(),
        strings,
    }
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, `br"…"`) at the start of `rest`.
fn raw_string(rest: &[u8]) -> Option<usize> {
    let start = if rest.starts_with(b"br") {
        2
    } else if rest.starts_with(b"r") {
        1
    } else {
        return None;
    };
    let hashes = rest[start..].iter().take_while(|&&b| b == b'#').count();
    if rest.get(start + hashes) != Some(&b'"') {
        return None;
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    let body = start + hashes + 1;
    rest[body..]
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map(|n| body + n + close.len())
}

/// The spans of code compiled only for tests: the item after each `#[cfg(test)]` (a block
/// up to its closing brace, or a declaration up to its semicolon), and the files of modules
/// declared that way.
fn test_only(code: &str, file: &Path) -> (Vec<Range<usize>>, Vec<PathBuf>) {
    let bytes = code.as_bytes();
    let mut spans = Vec::new();
    let mut files = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("#[cfg(test)]").map(|n| from + n) {
        let after = at + "#[cfg(test)]".len();
        let open = code[after..].find(['{', ';']).map(|n| after + n);
        let Some(open) = open else { break };
        let end = if bytes[open] == b';' {
            let decl = code[after..open].trim();
            if let Some(name) = decl.strip_prefix("mod ") {
                // The crate root and a `mod.rs` declare modules in their own directory.
                let root = ["mod.rs", "lib.rs", "main.rs"];
                let dir = if file
                    .file_name()
                    .is_some_and(|n| root.iter().any(|r| n == *r))
                {
                    file.parent().unwrap().to_path_buf()
                } else {
                    file.with_extension("")
                };
                files.push(dir.join(format!("{}.rs", name.trim())));
                files.push(dir.join(name.trim()).join("mod.rs"));
            }
            open + 1
        } else {
            let mut depth = 0usize;
            let mut j = open;
            loop {
                match bytes.get(j) {
                    Some(b'{') => depth += 1,
                    Some(b'}') => {
                        depth -= 1;
                        if depth == 0 {
                            break j + 1;
                        }
                    }
                    None => break j,
                    _ => {}
                }
                j += 1;
            }
        };
        spans.push(at..end);
        from = end;
    }
    (spans, files)
}

/// Every `.rs` file of the layers below the faces.
/// Each file with its text.
fn read_all(paths: Vec<PathBuf>) -> Vec<(PathBuf, String)> {
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

fn layer_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["domain", "store", "service", "import", "config"] {
        walk(&src.join(layer), &mut files);
        files.push(src.join(format!("{layer}.rs")));
    }
    files.sort();
    files
}

/// What the layers below the faces say in words: each as `file:line: text`.
fn words_below(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    let mut skipped: Vec<PathBuf> = Vec::new();
    let masked: Vec<(&PathBuf, &String, Masked)> =
        files.iter().map(|(p, s)| (p, s, mask(s))).collect();
    let mut spans = Vec::new();
    for (path, _, m) in &masked {
        let (test, test_files) = test_only(&m.code, path);
        skipped.extend(test_files);
        spans.push(test);
    }
    for ((path, source, m), test) in masked.iter().zip(&spans) {
        if skipped.contains(path) {
            continue;
        }
        let in_test = |at: usize| test.iter().any(|r| r.contains(&at));
        let line_of = |at: usize| source[..at].matches('\n').count() + 1;
        let name = path.display();
        for s in &m.strings {
            let text = &source[s.clone()];
            let names_an_option = text
                .match_indices("--")
                .any(|(i, _)| text[i + 2..].starts_with(|c: char| c.is_ascii_lowercase()));
            let sentence = reads_like_a_sentence(text) && !for_no_user(&m.code, s.start);
            if (names_an_option || sentence) && !in_test(s.start) {
                found.push(format!("{name}:{}: {text}", line_of(s.start)));
            }
        }
        for (at, _) in m.code.match_indices("#[error(") {
            if !in_test(at) {
                found.push(format!("{name}:{}: #[error(…)]", line_of(at)));
            }
        }
    }
    found
}

/// SQL's own words: a literal holding one is a statement (or part of one), not a sentence.
const SQL: [&str; 14] = [
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "PRAGMA", "ALTER", "DROP", "VALUES", "FROM",
    "WHERE", "BEGIN", "RAISE", "JOIN",
];

/// Whether a string literal reads like a sentence for a person: three words of lowercase
/// letters in a row, separated by single spaces ("is already released"), in a literal that
/// is not SQL. Codes, identifiers, column lists and format strings of data ("{file}:{line}")
/// have no such run.
fn reads_like_a_sentence(text: &str) -> bool {
    if SQL.iter().any(|k| text.contains(k)) {
        return false;
    }
    let mut run = 0;
    for token in text.split(' ') {
        let word = token.trim_matches(|c: char| matches!(c, '"' | ';' | ':' | '.' | '(' | ')'));
        let listed = word.ends_with(',');
        let word = word.trim_end_matches(',');
        let letters = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '\'' || c == '-');
        run = if letters { run + 1 } else { 0 };
        if run == 3 {
            return true;
        }
        // A list of column names ("item, location, qty") is no sentence.
        if listed {
            run = 0;
        }
    }
    false
}

/// Calls whose text no user reads as ours: a programmer's note on an invariant (`expect`,
/// `debug_assert!`), and the account a library error carries (SQLite's conversion failure,
/// serde's, the system's `io::Error`) that a face shows as that library's cause.
const NOT_FOR_USERS: [&str; 6] = [
    ".expect(",
    "assert!(",
    "unreachable!(",
    "de::Error::custom(",
    "FromSqlError::Other(",
    "io::Error::new(",
];

/// Whether the literal at `at` is inside one of [`NOT_FOR_USERS`] in its statement (the code
/// since the last `;`, `{` or `}` before it).
fn for_no_user(code: &str, at: usize) -> bool {
    let start = code[..at].rfind([';', '{', '}']).map_or(0, |n| n + 1);
    let statement = &code[start..at];
    NOT_FOR_USERS.iter().any(|call| statement.contains(call))
}

#[test]
fn no_option_of_the_command_line_and_no_error_sentence_below_the_faces() {
    let files = read_all(layer_files());
    assert!(files.len() > 40, "the layers' files are read");
    let found = words_below(&files);
    assert!(
        found.is_empty(),
        "words for the faces below them:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_options_and_error_sentences_and_leaves_tests_and_comments_alone() {
    let planted = r##"
//! `--lot` in a comment is fine.
/* and "--qty" in a block comment */
#[derive(Debug, Error)]
enum E {
    #[error("--lot: {0}")]
    Lot(String),
}
fn f() -> String {
    let c = '"';
    format!("name the lots with --lot{}", c)
}
fn g<'a>(s: &'a str) -> &'a str { s }
const R: &str = r#"give "--reason""#;
fn h(id: i64) -> String {
    let columns = "item, description, uom, decimals";
    let sql = "SELECT count(*) FROM journal WHERE memo = 'parent units scrapped'";
    let code = "parent_units_scrapped";
    let x: Option<u8> = None;
    x.expect("a value the caller always gives");
    format!("report {id} is already reversed")
}
#[cfg(test)]
mod tests {
    #[error("--in a test")]
    fn t() { assert_eq!("--qty 0", "{"); }
}
"##;
    let files = vec![(PathBuf::from("planted.rs"), planted.to_string())];
    let found = words_below(&files);
    assert_eq!(
        found,
        vec![
            "planted.rs:6: \"--lot: {0}\"".to_string(),
            "planted.rs:11: \"name the lots with --lot{}\"".to_string(),
            "planted.rs:14: r#\"give \"--reason\"\"#".to_string(),
            "planted.rs:21: \"report {id} is already reversed\"".to_string(),
            "planted.rs:6: #[error(…)]".to_string(),
        ]
    );
}

/// `files` without those of modules compiled only for tests (`#[cfg(test)] mod tests;` and
/// the modules below it).
fn program_files(files: &[(PathBuf, String)]) -> Vec<(&PathBuf, &String)> {
    let test_files: Vec<PathBuf> = files
        .iter()
        .flat_map(|(path, source)| test_only(&mask(source).code, path).1)
        .collect();
    files
        .iter()
        .filter(|(path, _)| {
            !test_files
                .iter()
                .any(|t| path == t || path.starts_with(t.with_extension("")))
        })
        .map(|(path, source)| (path, source))
        .collect()
}

/// The parameters whose type holds a tuple (`(&str, &str)`, `(Quantity, &[Lot])`,
/// `&[(String, Money)]`, `Option<(ItemCode, Quantity)>`): arguments that lose their names at
/// the call, where a caller can put one in the other's place. A function's own argument list
/// in a type (`Fn(A, B)`, `fn(A, B)`) and a return type (`-> (A, B)`) are no tuples; a
/// closure's pattern `|(a, b)|` is no parameter of a `fn`.
fn tuple_parameters(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, source) in program_files(files) {
        let m = mask(source);
        let (test, _) = test_only(&m.code, path);
        let code = &m.code;
        for (at, _) in code.match_indices("fn ") {
            if test.iter().any(|r| r.contains(&at)) {
                continue;
            }
            // `fn ` as a word, not the end of a longer name.
            if code[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let Some(open) = code[at..].find('(').map(|n| at + n) else {
                continue;
            };
            let Some(close) = closing(code, open) else {
                continue;
            };
            let line = source[..open].matches('\n').count() + 1;
            for param in split_top(&code[open + 1..close]) {
                // The type: after the first `:` outside any brackets (the pattern before it
                // may be a tuple of names, which is fine on its own).
                let Some(colon) = top_level(&param, ':') else {
                    continue;
                };
                let ty = &param[colon + 1..];
                if let Some(tuple) = tuple_type(ty) {
                    found.push(format!("{}:{line}: {tuple}", path.display()));
                }
            }
        }
        for (at, _) in code.match_indices("too_many_arguments") {
            let line = source[..at].matches('\n').count() + 1;
            found.push(format!("{}:{line}: too_many_arguments", path.display()));
        }
    }
    found
}

/// The index of the bracket that closes the one at `open`.
fn closing(code: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in code[open..].char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            '>' if !code[..open + i].ends_with('-') => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The pieces of `text` between commas outside any brackets, each without its spaces.
fn split_top(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut previous = ' ';
    for c in text.chars() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '>' if previous != '-' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                pieces.push(current.split_whitespace().collect::<String>());
                current.clear();
                previous = c;
                continue;
            }
            _ => {}
        }
        current.push(c);
        previous = c;
    }
    pieces.push(current.split_whitespace().collect());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// The index of the first `c` outside any brackets (`::` of a path is not a `:`).
fn top_level(text: &str, c: char) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    for (i, ch) in text.char_indices() {
        match ch {
            '(' | '<' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '>' if i == 0 || bytes[i - 1] != b'-' => depth = depth.saturating_sub(1),
            _ if ch == c && depth == 0 => {
                let path = bytes.get(i + 1) == Some(&b':') || (i > 0 && bytes[i - 1] == b':');
                if !path {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The tuple that is the type `ty` (without spaces), as `(A, B)`, behind any references
/// (`&(A, B)`, `&'a mut (A, B)`): a parenthesis holding more than one type or ending in a
/// comma. A slice or an option of pairs is data of one kind, not arguments; a function type's
/// argument list (`Fn(A, B)`, `fn(A, B)`) is no tuple; `()` takes nothing.
fn tuple_type(ty: &str) -> Option<String> {
    let mut rest = ty;
    loop {
        let before = rest;
        rest = rest.trim_start_matches('&');
        if let Some(after) = rest.strip_prefix('\'') {
            rest = after.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
        }
        rest = rest.strip_prefix("mut").unwrap_or(rest);
        if rest == before {
            break;
        }
    }
    if !rest.starts_with('(') {
        return None;
    }
    let close = closing(rest, 0)?;
    let inside = &rest[1..close];
    let elements = split_top(inside);
    match elements.len() {
        0 => None,
        1 if !inside.ends_with(',') => None,
        1 => Some(format!("({},)", elements[0])),
        _ => Some(format!("({})", elements.join(", "))),
    }
}

/// Every source file of the program, faces included.
fn src_files() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
}

#[test]
fn no_function_takes_a_tuple_of_arguments() {
    let planted = "fn f(conn: &C, (from, to): (&str, &str), (qty, lots): (Quantity, &[Lot])) {}\n\
        fn g(rows: &[(String, Money)], on: impl Fn(&str, u8) -> (u8, u8)) -> (u8, u8) {\n\
            rows.iter().map(|(a, b)| (a, b));\n\
        }\n\
        fn h<'a>(unit: (), pair: &'a mut (Lot, Option<(String, Money)>), one: (u8,)) {}\n\
        #[cfg(test)]\nmod tests {\n    fn t((a, b): (u8, u8)) {}\n}\n";
    let found = tuple_parameters(&[(PathBuf::from("p.rs"), planted.to_string())]);
    assert_eq!(
        found,
        vec![
            "p.rs:1: (&str, &str)".to_string(),
            "p.rs:1: (Quantity, &[Lot])".to_string(),
            "p.rs:5: (Lot, Option<(String,Money)>)".to_string(),
            "p.rs:5: (u8,)".to_string(),
        ]
    );
    // The faces as much as the layers below them: a screen's effect swaps two codes as
    // easily as a service does.
    let files = read_all(src_files());
    let found = tuple_parameters(&files);
    assert!(
        found.is_empty(),
        "parameters of a tuple type (name them in a struct):\n{}",
        found.join("\n")
    );
}

/// The modules (outside test code) that import everything of their parent.
fn whole_parent_imports(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, source) in program_files(files) {
        let m = mask(source);
        let (test, _) = test_only(&m.code, path);
        for (at, _) in m.code.match_indices("use super::*") {
            if !test.iter().any(|r| r.contains(&at)) {
                let line = source[..at].matches('\n').count() + 1;
                found.push(format!("{}:{line}", path.display()));
            }
        }
    }
    found
}

#[test]
fn no_module_imports_its_parent_whole() {
    let files = read_all(src_files());
    let found = whole_parent_imports(&files);
    assert!(
        found.is_empty(),
        "name what is used instead of `use super::*`:\n{}",
        found.join("\n")
    );
    let planted = "use super::*;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
    let found = whole_parent_imports(&[(PathBuf::from("p.rs"), planted.to_string())]);
    assert_eq!(found, vec!["p.rs:1".to_string()]);
}

/// The tuples inside the type `ty` (without spaces) that hold two elements of one type
/// (`&[(&str, &str, Quantity)]`, `Option<(String, Decimal, Decimal)>`): data whose fields a
/// caller can swap unseen. A function type's argument list (`Fn(A, A)`, `fn(A, A)`) is no
/// tuple; a pair of different types (`(ItemCode, Quantity)`) cannot be swapped.
fn swappable_tuples(ty: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in ty.match_indices('(') {
        let named = ty[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if named {
            continue;
        }
        let Some(close) = closing(ty, at) else {
            continue;
        };
        let elements = split_top(&ty[at + 1..close]);
        let twice = elements
            .iter()
            .enumerate()
            .any(|(i, e)| elements[..i].contains(e));
        if twice {
            found.push(format!("({})", elements.join(", ")));
        }
    }
    found
}

/// The parameters of a `fn` and the fields of a `struct` (outside test code) whose type holds
/// a tuple with two elements of one type, each as `file:line: name: tuple` (the line of the
/// `fn` or `struct`).
fn swappable_tuple_data(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, source) in program_files(files) {
        let m = mask(source);
        let (test, _) = test_only(&m.code, path);
        let code = &m.code;
        // Each list of typed names: a `fn`'s parameters in parentheses, a `struct`'s fields
        // in braces.
        let mut lists: Vec<(usize, usize)> = Vec::new();
        for keyword in ["fn ", "struct "] {
            for (at, _) in code.match_indices(keyword) {
                let word = !code[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                if !word || test.iter().any(|r| r.contains(&at)) {
                    continue;
                }
                let open = if keyword == "fn " {
                    code[at..].find('(').map(|n| at + n)
                } else {
                    // A tuple struct or a unit struct has no named fields.
                    code[at..]
                        .find(['{', '(', ';'])
                        .map(|n| at + n)
                        .filter(|&o| code.as_bytes()[o] == b'{')
                };
                let Some(open) = open else { continue };
                let close = if keyword == "fn " {
                    closing(code, open)
                } else {
                    let mut depth = 0usize;
                    code[open..].char_indices().find_map(|(i, c)| {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    return Some(open + i);
                                }
                            }
                            _ => {}
                        }
                        None
                    })
                };
                if let Some(close) = close {
                    lists.push((open, close));
                }
            }
        }
        lists.sort();
        for (open, close) in lists {
            let line = source[..open].matches('\n').count() + 1;
            // Without lifetimes: `&'a str` and `&str` are one type to a caller.
            let mut list = String::new();
            let mut chars = code[open + 1..close].chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\'' && chars.peek().is_some_and(|n| n.is_alphabetic() || *n == '_') {
                    while chars
                        .next_if(|n| n.is_alphanumeric() || *n == '_')
                        .is_some()
                    {}
                    continue;
                }
                list.push(c);
            }
            for piece in split_top(&list) {
                let Some(colon) = top_level(&piece, ':') else {
                    continue;
                };
                // The name, without the attributes and visibility before it.
                let name = piece[..colon]
                    .rsplit([']', ')'])
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("pub");
                for tuple in swappable_tuples(&piece[colon + 1..]) {
                    found.push(format!("{}:{line}: {name}: {tuple}", path.display()));
                }
            }
        }
        // A type alias names a tuple without naming its elements: `type Header = (String,
        // String)` passed around is the same tuple under another name. An alias a function
        // declares for itself (a row read from SQL, indented in its body) reaches no caller.
        for (at, _) in code.match_indices("type ") {
            let line_start = code[..at].rfind('\n').map_or(0, |n| n + 1);
            let item_level = matches!(
                code[line_start..at].split_whitespace().next(),
                None | Some("pub" | "pub(crate)" | "pub(super)")
            ) && !code[line_start..].starts_with([' ', '\t']);
            if !item_level || test.iter().any(|r| r.contains(&at)) {
                continue;
            }
            let Some(end) = code[at..].find(';').map(|n| at + n) else {
                continue;
            };
            let Some(eq) = code[at..end].find('=').map(|n| at + n) else {
                continue;
            };
            let name = code[at + 5..eq].trim();
            let line = source[..at].matches('\n').count() + 1;
            for tuple in swappable_tuples(&code[eq + 1..end]) {
                found.push(format!("{}:{line}: {name}: {tuple}", path.display()));
            }
        }
    }
    found
}

#[test]
fn no_parameter_or_field_holds_a_tuple_of_two_alike() {
    let planted = "fn f(rows: &[(&str, &str, Quantity)], on: &dyn Fn(u8, u8), held: &[(ItemCode, Quantity)]) {}\n\
        pub struct Line {\n    pub bom_uom: Option<(String, Decimal, Decimal)>,\n    \
        pub lots: Vec<(LotCode, Quantity)>,\n    pub at: &'a [(&'a str, &str)],\n}\n\
        struct Pair(u8, u8);\n\
        pub type Header = (String, String, Quantity);\ntype Entry = (ItemCode, Quantity);\n\
        fn g() {\n    type Row = (String, String);\n}\n\
        #[cfg(test)]\nmod tests {\n    fn t(rows: &[(u8, u8)]) {}\n}\n";
    let found = swappable_tuple_data(&[(PathBuf::from("p.rs"), planted.to_string())]);
    assert_eq!(
        found,
        vec![
            "p.rs:1: rows: (&str, &str, Quantity)".to_string(),
            "p.rs:2: bom_uom: (String, Decimal, Decimal)".to_string(),
            "p.rs:2: at: (&str, &str)".to_string(),
            "p.rs:8: Header: (String, String, Quantity)".to_string(),
        ]
    );
    let files = read_all(src_files());
    let found = swappable_tuple_data(&files);
    assert!(
        found.is_empty(),
        "tuples whose elements a caller can swap (name them in a struct):\n{}",
        found.join("\n")
    );
}
