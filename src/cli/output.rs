//! Everything the command line prints goes through [`Out`]: one JSON value or text lines on
//! stdout, and errors on stderr as one sentence (or one JSON object with `--json`, SPEC §4).
//!
//! Writing never panics: a closed pipe ends the command quietly with status 0 (what was
//! posted stays posted, SPEC §13); any other write error is a [`Failure`] that names it.

use std::fmt;
use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;

use super::Failure;
use crate::domain::text::printable;
use crate::service::ErrorKind;
use crate::service::view::ErrorResult;

/// What a command shows: the same result as JSON or as text.
pub trait Show {
    /// The SPEC §4 JSON of the result, as a typed shape (`service::view`) that serializes
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
        let text = serde_json::to_string(value).map_err(|e| {
            Failure::new(
                ErrorKind::Refused,
                format!("cannot write the result as JSON: {e}"),
            )
        })?;
        self.raw_line(format_args!("{text}"))
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

/// The failure of a write to stdout: a closed pipe is a quiet end.
fn write_failure(e: io::Error) -> Failure {
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

/// Prints a failure on stderr: `error: SENTENCE`, or `{"error", "kind"}` with `--json`.
pub fn print_failure(failure: &Failure, json: bool) {
    if failure.is_quiet() {
        return;
    }
    let mut err = io::stderr().lock();
    let _ = if json {
        let error = ErrorResult::new(failure.message(), failure.kind());
        writeln!(err, "{}", serde_json::to_string(&error).unwrap_or_default())
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
