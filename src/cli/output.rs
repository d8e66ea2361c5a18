//! Everything the command line prints goes through [`Out`]: one JSON value or text lines on
//! stdout, and errors on stderr as one sentence (or one JSON object with `--json`).
//!
//! Writing never panics: a closed pipe ends the command quietly with status 0 (what was
//! posted stays posted); any other write error is a [`Failure`] that names it. An [`Out`]
//! flushes what it buffered when it goes, and [`finish`] turns a write that failed there into
//! the command's failure, so a small output that never filled the buffer is checked too.
//!
//! JSON is written by serde with one change: U+007F–U+009F are escaped as well as what JSON
//! itself requires (below U+0020), so no control character reaches a terminal raw.

use std::fmt;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::sync::Mutex;

use serde::Serialize;

use super::view::ErrorResult;
use super::{Failure, Outcome};
use crate::domain::text::{is_control, printable};
use crate::service::ErrorKind;

/// What a command shows: the same result as JSON or as text.
pub trait Show {
    /// The JSON of the result, as a typed shape (`cli::view`) that serializes
    /// its fields in their declared order.
    fn json(&self) -> impl Serialize;
    /// The result as lines of text for a person.
    ///
    /// # Errors
    /// Writing fails.
    fn text(&self, out: &mut Out) -> Result<(), Failure>;
}

/// Standard output of one command, buffered.
pub struct Out {
    json: bool,
    writer: BufWriter<StdoutLock<'static>>,
}

impl Out {
    /// Output in JSON (`--json`) or text.
    #[must_use]
    pub fn new(json: bool) -> Self {
        Out {
            json,
            writer: BufWriter::new(io::stdout().lock()),
        }
    }

    /// Whether the command prints JSON.
    #[must_use]
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Shows `result` as JSON or text, as the command was asked.
    ///
    /// # Errors
    /// Writing fails.
    pub fn show(&mut self, result: &impl Show) -> Result<(), Failure> {
        if self.json {
            self.serialized(&result.json())
        } else {
            result.text(self)
        }
    }

    /// A typed result as its JSON on a line of its own, its fields in their declared order.
    ///
    /// # Errors
    /// Writing fails, or the result cannot be written as JSON.
    pub fn serialized(&mut self, value: &impl Serialize) -> Result<(), Failure> {
        let mut bytes = json(value).map_err(|e| {
            Failure::new(
                ErrorKind::Refused,
                format!("cannot write the result as JSON: {e}"),
            )
        })?;
        bytes.push(b'\n');
        self.raw(&bytes)
    }

    /// A line of text; control characters from the data are escaped.
    ///
    /// # Errors
    /// Writing fails.
    pub fn line(&mut self, args: fmt::Arguments<'_>) -> Result<(), Failure> {
        let text = args.to_string();
        self.raw_line(format_args!("{}", printable(&text)))
    }

    /// A line already known to be safe (JSON text escapes control characters itself).
    ///
    /// # Errors
    /// Writing fails.
    pub fn raw_line(&mut self, args: fmt::Arguments<'_>) -> Result<(), Failure> {
        writeln!(self.writer, "{args}").map_err(write_failure)
    }

    /// Bytes already formed (JSON or CSV lines of an export), as they are.
    ///
    /// # Errors
    /// Writing fails.
    pub fn raw(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.writer.write_all(bytes).map_err(write_failure)
    }

    /// Pushes what is buffered to stdout (a batch flushes after each committed group).
    ///
    /// # Errors
    /// Writing fails.
    pub fn flush(&mut self) -> Result<(), Failure> {
        self.writer.flush().map_err(write_failure)
    }
}

impl Drop for Out {
    /// What is still buffered is written now; a failure is kept for [`finish`] to report.
    fn drop(&mut self) {
        if let Err(e) = self.writer.flush() {
            remember(write_failure(e));
        }
    }
}

/// The first write to stdout that failed where no caller could be told (an [`Out`] dropped).
static UNREPORTED: Mutex<Option<Failure>> = Mutex::new(None);

fn remember(failure: Failure) {
    if let Ok(mut slot) = UNREPORTED.lock() {
        slot.get_or_insert(failure);
    }
}

/// The end of a command, before its exit status is decided: stdout is flushed, and a write
/// that failed on the way turns a success into that failure (a closed pipe stays quiet). A
/// command that failed keeps its own failure.
///
/// # Errors
/// The command's failure, else the write that failed.
pub fn finish(outcome: Outcome) -> Outcome {
    let flushed = io::stdout().lock().flush().map_err(write_failure);
    let earlier = UNREPORTED.lock().ok().and_then(|mut slot| slot.take());
    outcome?;
    match earlier {
        Some(failure) => Err(failure),
        None => flushed,
    }
}

/// `value` as compact JSON, control characters escaped (U+007F–U+009F too).
///
/// # Errors
/// The value cannot be written as JSON.
pub fn json(value: &impl Serialize) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut bytes,
        PrintableJson,
    ))?;
    Ok(bytes)
}

/// serde_json's compact formatter, but for the text of strings: serde escapes only what JSON
/// requires (below U+0020, quote, backslash) and hands the rest over as it is, where a DEL or
/// a C1 control such as U+009B (CSI) would reach the reader's terminal raw.
struct PrintableJson;

impl serde_json::ser::Formatter for PrintableJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| is_control(*c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// The failure of a write to stdout: a closed pipe is a quiet end.
pub fn write_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::closed_pipe()
    } else {
        Failure::new(
            ErrorKind::Refused,
            format!("cannot write to standard output: {e}"),
        )
    }
}

/// A warning on stderr: a plain line, even with `--json`.
pub fn warn(message: &str) {
    let _ = writeln!(io::stderr().lock(), "warning: {}", printable(message));
}

/// A plain note on stderr (a batch's summary).
pub fn note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", printable(message));
}

/// Says on stderr that a keyed posting answered with its key's first result (`what` posted
/// it: "report 3", "this transfer"): standard output prints that result as it was, so a
/// script that retries reads the same bytes as the first time.
pub fn replayed(what: &str) {
    note(&format!(
        "{what} was already posted with this key; nothing was posted again"
    ));
}

/// Prints a failure on stderr: `error: SENTENCE`, or `{"error", "kind"}` with `--json`.
pub fn print_failure(failure: &Failure, json: bool) {
    if failure.is_quiet() {
        return;
    }
    let mut err = io::stderr().lock();
    let _ = if json {
        let error = ErrorResult::new(failure.message(), failure.kind());
        let mut bytes = self::json(&error).unwrap_or_default();
        bytes.push(b'\n');
        err.write_all(&bytes)
    } else {
        writeln!(err, "error: {}", printable(failure.message()))
    };
}

/// "1 exception", "2 exceptions".
#[must_use]
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::json;
    use crate::domain::text::is_control;

    #[test]
    fn json_escapes_del_and_c1_controls_too() {
        let text = "T\u{1b}]0;x\u{7}\u{7f}\u{85}\u{9b}2J\u{9f}\u{a0}É\"\\";
        let bytes = json(&text).unwrap();
        let printed = String::from_utf8(bytes).unwrap();
        assert_eq!(
            printed,
            "\"T\\u001b]0;x\\u0007\\u007f\\u0085\\u009b2J\\u009f\u{a0}É\\\"\\\\\""
        );
        assert!(!printed.chars().any(is_control), "{printed:?}");
        let back: String = serde_json::from_str(&printed).unwrap();
        assert_eq!(back, text);
    }
}
