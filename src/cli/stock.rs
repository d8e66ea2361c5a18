//! Stock and its movements: `stock`, `transfer`, `count`, `staging`, `audit`.

use crate::domain::qty::Quantity;
use serde::Serialize;

use super::output::{Out, Show};
use super::{Cli, Failure, Outcome, credentials, open_service};
use crate::service::floor::{Count, StagingLine};
use crate::service::view;
use crate::store::exceptions::ExceptionRow;
use crate::store::floor::SkippedLine;
use crate::store::queries::{AuditFilter, BalanceRow, MovementRow};

struct Balances(Vec<BalanceRow>);

impl Show for Balances {
    fn json(&self) -> impl Serialize {
        view::stock_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "{:<16} {:<12} {:<14} {:<10} {:>14}",
            "item", "location", "lot", "expires", "qty"
        ))?;
        for r in &self.0 {
            let lot = match r.lot.as_deref() {
                None => "",
                Some("") => "(unknown)",
                Some(l) => l,
            };
            out.line(format_args!(
                "{:<16} {:<12} {:<14} {:<10} {:>14}",
                r.item,
                r.location,
                lot,
                r.expires.as_deref().unwrap_or(""),
                r.qty
            ))?;
        }
        Ok(())
    }
}

/// `backflush stock`: non-zero balances.
pub fn stock(cli: &Cli, location: Option<&str>, item: Option<&str>, json: bool) -> Outcome {
    let service = open_service(cli)?;
    Out::new(json).show(&Balances(service.stock(location, item)?))
}

struct Transfer<'a> {
    item: &'a str,
    qty: Quantity,
    from: &'a str,
    to: &'a str,
    lots: Vec<crate::domain::lots::LotQty>,
    posted: Vec<ExceptionRow>,
}

impl Show for Transfer<'_> {
    fn json(&self) -> impl Serialize {
        view::transfer_json(
            (self.item, self.qty),
            (self.from, self.to),
            &self.lots,
            &self.posted,
        )
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "moved {} {} from {} to {}{}",
            self.qty,
            self.item,
            self.from,
            self.to,
            if self.lots.is_empty() {
                String::new()
            } else {
                let lots: Vec<String> = self
                    .lots
                    .iter()
                    .map(|l| format!("{} {}", l.lot, l.qty))
                    .collect();
                format!(" (lots {})", lots.join(", "))
            }
        ))?;
        for e in &self.posted {
            out.line(format_args!(
                "exception {} posted: {} {} at {}",
                e.id, e.qty, e.item, e.location
            ))?;
        }
        Ok(())
    }
}

/// `backflush transfer`: moves stock; retries the destination's open exceptions.
pub fn transfer(
    cli: &Cli,
    (item, qty): (&str, Quantity),
    (from, to): (&str, &str),
    (lot, key): (Option<&str>, Option<&str>),
    json: bool,
) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    service.set_request_key(key.map(str::to_string));
    let (lots, posted) = service.transfer_lots(item, qty, (from, to), lot, &who)?;
    Out::new(json).show(&Transfer {
        item,
        qty,
        from,
        to,
        lots,
        posted,
    })
}

impl Show for Count {
    fn json(&self) -> impl Serialize {
        view::count_json(self)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let diff = self.counted - self.expected;
        out.line(format_args!(
            "{} at {}: book {}, counted {}, {}{}; {} of {} counts here in the last {} days found the book",
            self.item,
            self.location,
            self.expected,
            self.counted,
            if diff.is_zero() {
                "no difference".to_string()
            } else {
                format!(
                    "adjusted by {}{}",
                    if diff.is_sign_negative() { "" } else { "+" },
                    diff
                )
            },
            self.reason
                .as_deref()
                .map_or_else(String::new, |r| format!(", reason {r}")),
            self.accuracy.0,
            self.accuracy.1,
            crate::service::health::DEFAULT_DAYS
        ))?;
        for e in &self.posted {
            out.line(format_args!(
                "exception {} posted: {} {} at {} (order {})",
                e.id, e.qty, e.item, e.location, e.order
            ))?;
        }
        Ok(())
    }
}

/// `backflush count`: the counted quantity becomes the balance.
pub fn count(
    cli: &Cli,
    item: &str,
    location: &str,
    lot: Option<&str>,
    (qty, reason): (Quantity, Option<&str>),
    key: Option<&str>,
    json: bool,
) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    service.set_request_key(key.map(str::to_string));
    let count = service.cycle_count_with(item, location, lot, qty, reason, &who)?;
    Out::new(json).show(&count)
}

struct Staging(Vec<StagingLine>);

impl Show for Staging {
    fn json(&self) -> impl Serialize {
        view::staging_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "{:<14} {:<10} {:>10} {:>10} {:>10} {:>7}",
            "item", "location", "need", "on hand", "bring", "orders"
        ))?;
        for r in &self.0 {
            out.line(format_args!(
                "{:<14} {:<10} {:>10} {:>10} {:>10} {:>7}",
                r.item, r.location, r.need, r.on_hand, r.shortfall, r.orders
            ))?;
        }
        Ok(())
    }
}

/// `backflush staging --work-center WC` (the global option, its variable, else the config's
/// `[terminal] work_center`).
pub fn staging(cli: &Cli, json: bool) -> Outcome {
    let config = super::session::config(cli)?;
    let work_center = config.terminal.work_center.clone();
    if work_center.is_empty() {
        return Err(Failure::usage(
            "staging needs a work center: --work-center WC (or BACKFLUSH_WORK_CENTER, or [terminal] work_center in the config)",
        ));
    }
    let service = open_service(cli)?;
    Out::new(json).show(&Staging(service.staging(&work_center)?))
}

struct Audit(Vec<MovementRow>, Vec<SkippedLine>);

/// What an audit line says after its dash: a row from before reasons were codes, its words
/// as written; a later one, what posted it and its code or the user's text.
fn said_why(m: &MovementRow) -> String {
    match (&m.reason, m.source) {
        (Some(words), _) if m.worded => words.clone(),
        (None, Some(source)) => source.to_string(),
        (Some(reason), Some(source)) => format!("{source}, {reason}"),
        (reason, None) => reason.clone().unwrap_or_default(),
    }
}

impl Show for Audit {
    fn json(&self) -> impl Serialize {
        view::audit_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        for m in &self.0 {
            out.line(format_args!(
                "{:>7} {} {:<18} {:<12} {:<9} {:>10}  {} {}{} — {}",
                m.id,
                m.at,
                m.kind,
                m.item,
                m.location,
                m.qty,
                m.terminal,
                m.user,
                m.approver
                    .as_deref()
                    .map_or_else(String::new, |a| format!(" approved by {a}")),
                said_why(m)
            ))?;
        }
        if !self.1.is_empty() {
            out.line(format_args!("skipped lines (nothing moved):"))?;
        }
        for s in &self.1 {
            out.line(format_args!(
                "        {} report {} line {} {:<12} {:<9}  {} {} — skip, {}",
                s.at,
                s.report_id,
                s.line,
                s.item,
                s.location,
                s.terminal,
                s.user,
                s.reason.as_deref().unwrap_or("no reason given")
            ))?;
        }
        Ok(())
    }
}

/// `backflush audit`: the ledger, newest first.
pub fn audit(cli: &Cli, filter: AuditFilter, json: bool) -> Outcome {
    let service = open_service(cli)?;
    let skips = if json {
        Vec::new()
    } else {
        service.audit_skips(&filter)?
    };
    Out::new(json).show(&Audit(service.audit(&filter)?, skips))
}
