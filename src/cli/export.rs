//! Handing postings to the ERP: `info`, `export`, `export ack`, `backup`.

use std::path::Path;

use serde::Serialize;

use super::output::{Out, Show};
use super::{Cli, ExportArgs, Failure, Outcome, credentials, open_service};
use crate::domain::text::is_control;
use crate::service::export::{
    Ack, EVENT_TYPES, Event, ExportFilter, FIELDS, Info, Value, event_type,
};

/// `info --json`.
// Fields in alphabetical order: the bytes `info --json` has always printed.
#[derive(Serialize)]
struct InfoResult<'a> {
    counts: CountsResult,
    path: &'a str,
    schema_version: i64,
    store_id: &'a str,
    version: &'a str,
}

/// The size of the store in [`InfoResult`].
// Fields in alphabetical order: the bytes `info --json` has always printed.
#[derive(Serialize)]
struct CountsResult {
    items: i64,
    movements: i64,
    orders: i64,
    reports: i64,
}

impl Show for Info {
    fn json(&self) -> impl Serialize {
        InfoResult {
            counts: CountsResult {
                items: self.items,
                movements: self.movements,
                orders: self.orders,
                reports: self.reports,
            },
            path: &self.path,
            schema_version: self.schema_version,
            store_id: &self.store_id,
            version: self.version,
        }
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!("store id        {}", self.store_id))?;
        out.line(format_args!("store           {}", self.path))?;
        out.line(format_args!(
            "schema version  {} (backflush {})",
            self.schema_version, self.version
        ))?;
        out.line(format_args!(
            "items {}, orders {}, reports {}, movements {}",
            self.items, self.orders, self.reports, self.movements
        ))
    }
}

/// `backflush info`.
pub fn info(cli: &Cli) -> Outcome {
    let service = open_service(cli)?;
    Out::new(cli.json).show(&service.info()?)
}

/// `backflush export`: the events after a seq or a consumer's cursor, one JSON object a line
/// (or CSV), streamed.
pub fn export(cli: &Cli, request: &ExportArgs) -> Outcome {
    let mut types = Vec::new();
    for t in request.types.iter().flat_map(|t| t.split(',')) {
        let t = t.trim();
        let known = event_type(t).ok_or_else(|| {
            Failure::usage(format!(
                "unknown event type {t:?} in --types; the types are {}",
                EVENT_TYPES.join(", ")
            ))
        })?;
        types.push(known);
    }
    if request.after.is_some_and(|a| a < 0) {
        return Err(Failure::usage("--after must be a seq, 0 or more"));
    }
    let service = open_service(cli)?;
    let after = match request.consumer.as_deref() {
        Some(name) => service.consumer_seq(name)?,
        None => request.after.unwrap_or(0),
    };
    let filter = ExportFilter {
        after,
        types,
        limit: request.limit,
    };
    let store_id = service.store_id()?;
    let mut out = Out::new(false);
    let mut buf = String::with_capacity(1024);
    if request.csv {
        buf.push_str(&FIELDS.join(","));
        buf.push('\n');
        out.raw(buf.as_bytes())?;
    }
    let csv = request.csv;
    service.export(&filter, &mut |e: &Event| -> Result<(), Failure> {
        buf.clear();
        if csv {
            csv_line(&mut buf, &store_id, e);
        } else {
            json_line(&mut buf, &store_id, e);
        }
        out.raw(buf.as_bytes())
    })?;
    out.flush()
}

/// The fields every event has, then its own.
fn fields<'a>(store_id: &str, e: &'a Event) -> Vec<(&'static str, Field<'a>)> {
    let mut all = Vec::with_capacity(7 + e.fields.len());
    all.push(("seq", Field::Int(e.seq)));
    all.push(("key", Field::Key(format!("{store_id}:{}", e.seq))));
    all.push(("type", Field::Str(e.kind)));
    all.push(("at", Field::Str(&e.at)));
    all.push(("user", Field::Str(&e.user)));
    all.push((
        "approver",
        e.approver.as_deref().map_or(Field::Null, Field::Str),
    ));
    all.push(("terminal", Field::Str(&e.terminal)));
    for (name, v) in &e.fields {
        all.push((
            name,
            match v {
                Value::Null => Field::Null,
                Value::Int(i) => Field::Int(*i),
                Value::Text(t) => Field::Str(t),
                Value::Json(j) => Field::Json(j),
            },
        ));
    }
    all
}

enum Field<'a> {
    Null,
    Int(i64),
    Str(&'a str),
    Key(String),
    Json(&'a str),
}

fn json_line(buf: &mut String, store_id: &str, e: &Event) {
    use std::fmt::Write;
    // Written straight into the line: an export is millions of these.
    let _ = write!(buf, "{{\"seq\":{},\"key\":", e.seq);
    buf.push('"');
    json_chars(buf, store_id);
    let _ = write!(buf, ":{}\"", e.seq);
    buf.push_str(",\"type\":");
    json_str(buf, e.kind);
    buf.push_str(",\"at\":");
    json_str(buf, &e.at);
    buf.push_str(",\"user\":");
    json_str(buf, &e.user);
    buf.push_str(",\"approver\":");
    match &e.approver {
        Some(a) => json_str(buf, a),
        None => buf.push_str("null"),
    }
    buf.push_str(",\"terminal\":");
    json_str(buf, &e.terminal);
    for (name, v) in &e.fields {
        buf.push(',');
        json_str(buf, name);
        buf.push(':');
        match v {
            Value::Null => buf.push_str("null"),
            Value::Int(n) => {
                let _ = write!(buf, "{n}");
            }
            Value::Text(t) => json_str(buf, t),
            Value::Json(j) => json_kept(buf, j),
        }
    }
    buf.push_str("}\n");
}

/// JSON text the store kept (lots, labor), as it is but for DEL and the C1 controls, which
/// the JSON it was written with left raw; they can only stand inside its strings.
fn json_kept(buf: &mut String, j: &str) {
    use std::fmt::Write;
    if !j.bytes().any(|b| b == 0x7f || b == 0xc2) {
        buf.push_str(j);
        return;
    }
    for c in j.chars() {
        if is_control(c) {
            let _ = write!(buf, "\\u{:04x}", u32::from(c));
        } else {
            buf.push(c);
        }
    }
}

/// A JSON string literal (control characters escaped).
fn json_str(buf: &mut String, s: &str) {
    buf.push('"');
    json_chars(buf, s);
    buf.push('"');
}

/// The characters of a JSON string literal: as they are when none needs escaping (the usual
/// case, taken whole), else one by one.
fn json_chars(buf: &mut String, s: &str) {
    use std::fmt::Write;
    // 0xC2 leads U+0080..U+00BF, where the C1 controls are: such text takes the slow path.
    if s.bytes()
        .all(|b| b >= 0x20 && b != b'"' && b != b'\\' && b != 0x7f && b != 0xc2)
    {
        buf.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            '\t' => buf.push_str("\\t"),
            c if is_control(c) => {
                let _ = write!(buf, "\\u{:04x}", u32::from(c));
            }
            c => buf.push(c),
        }
    }
}

fn csv_line(buf: &mut String, store_id: &str, e: &Event) {
    let fields = fields(store_id, e);
    for (i, name) in FIELDS.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        match fields.iter().find(|(n, _)| n == name).map(|(_, v)| v) {
            None | Some(Field::Null) => {}
            Some(Field::Int(n)) => buf.push_str(&n.to_string()),
            Some(Field::Str(s)) => csv_cell(buf, s),
            Some(Field::Key(s)) => csv_cell(buf, s),
            Some(Field::Json(j)) => csv_cell(buf, j),
        }
    }
    buf.push('\n');
}

fn csv_cell(buf: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        buf.push('"');
        buf.push_str(&s.replace('"', "\"\""));
        buf.push('"');
    } else {
        buf.push_str(s);
    }
}

/// `export ack --json`.
// Fields in alphabetical order: the bytes `export ack --json` has always printed.
#[derive(Serialize)]
struct AckResult<'a> {
    changed: bool,
    consumer: &'a str,
    previous: i64,
    through: i64,
}

impl Show for Ack {
    fn json(&self) -> impl Serialize {
        AckResult {
            changed: self.changed,
            consumer: &self.consumer,
            previous: self.previous,
            through: self.through,
        }
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        if self.changed {
            out.line(format_args!(
                "consumer {} acknowledged through seq {} (was {})",
                self.consumer, self.through, self.previous
            ))
        } else {
            out.line(format_args!(
                "consumer {} had acknowledged through seq {} already; nothing changed",
                self.consumer, self.through
            ))
        }
    }
}

/// `backflush export ack --consumer NAME --through SEQ`.
pub fn ack(cli: &Cli, consumer: &str, through: i64) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    Out::new(cli.json).show(&service.ack(consumer, through, &who)?)
}

struct Backup<'a> {
    store: String,
    file: &'a Path,
}

/// `backup --json`.
// Fields in alphabetical order: the bytes `backup --json` has always printed.
#[derive(Serialize)]
struct BackupResult<'a> {
    backup: String,
    store: &'a str,
}

impl Show for Backup<'_> {
    fn json(&self) -> impl Serialize {
        BackupResult {
            backup: self.file.display().to_string(),
            store: &self.store,
        }
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "backed up {} to {} (readable by its owner only)",
            self.store,
            self.file.display()
        ))
    }
}

/// `backflush backup FILE`.
pub fn backup(cli: &Cli, file: &Path) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    service.backup(file, &who)?;
    Out::new(cli.json).show(&Backup {
        store: service.info()?.path,
        file,
    })
}
