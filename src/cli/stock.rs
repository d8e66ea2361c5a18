//! Stock and its movements: `stock`, `transfer`, `count`, `audit`.

use serde::Serialize;

use super::output::{Out, Show, replayed};
use super::table::{Align, Table};
use super::view;
use super::{
    AuditArgs, Cli, CountArgs, Failure, Outcome, StockArgs, TransferArgs, credentials,
    open_service, resolved,
};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::service::Thing;
use crate::service::floor::Count;
use crate::service::{AuditFilter, BalanceRow, ExceptionRow, MovementRow, SkippedLine};
use crate::service::{CountRequest, Keyed, TransferRequest};

struct Balances(Vec<BalanceRow>);

impl Show for Balances {
    fn json(&self) -> impl Serialize {
        view::stock_json(&self.0)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let mut table = Table::new(&[
            ("item", Align::Left),
            ("location", Align::Left),
            ("lot", Align::Left),
            ("expires", Align::Left),
            ("qty", Align::Right),
        ]);
        for r in &self.0 {
            table.row([
                r.item.as_str(),
                r.location.as_str(),
                lot_cell(r.lot.as_deref()),
                r.expires.as_deref().unwrap_or(""),
                &r.qty.to_string(),
            ]);
        }
        table.print(out)
    }
}

/// A lot as a table shows it: nothing for an untracked item, `(unknown)` for the unknown lot.
fn lot_cell(lot: Option<&str>) -> &str {
    match lot {
        None => "",
        Some("") => "(unknown)",
        Some(l) => l,
    }
}

/// `backflush stock`: non-zero balances.
pub fn stock(cli: &Cli, args: &StockArgs) -> Outcome {
    let service = open_service(cli)?;
    let location: Option<LocationCode> = resolved(
        &service,
        Thing::Location,
        args.location.as_ref().map(LocationCode::as_str),
    )?;
    let item: Option<ItemCode> = resolved(
        &service,
        Thing::Item,
        args.item.as_ref().map(ItemCode::as_str),
    )?;
    Out::new(cli.json).show(&Balances(service.stock(location.as_ref(), item.as_ref())?))
}

struct Transfer {
    request: TransferRequest,
    lots: Vec<crate::domain::lots::LotQty>,
    posted: Vec<ExceptionRow>,
}

impl Show for Transfer {
    fn json(&self) -> impl Serialize {
        view::transfer_json(&self.request, &self.lots, &self.posted)
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let request = &self.request;
        out.line(format_args!(
            "moved {} {} from {} to {}{}",
            request.qty,
            request.item,
            request.from,
            request.to,
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
pub fn transfer(cli: &Cli, args: &TransferArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let request = TransferRequest {
        item: args.item.clone(),
        qty: args.qty,
        from: args.from.clone(),
        to: args.to.clone(),
        lots: args.lot.clone(),
    };
    let (lots, posted) =
        service.transfer_lots(Keyed::new(&request, args.posting.key.as_deref()), &who)?;
    if service.replayed() {
        replayed("this transfer");
    }
    Out::new(cli.json).show(&Transfer {
        request,
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
            self.accuracy.accurate,
            self.accuracy.counts,
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
pub fn count(cli: &Cli, args: &CountArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let request = CountRequest {
        item: args.item.clone(),
        location: args.location.clone(),
        lot: args.lot.clone(),
        counted: args.qty,
        reason: args.reason.clone(),
    };
    let count = service.cycle_count(Keyed::new(&request, args.posting.key.as_deref()), &who)?;
    if service.replayed() {
        replayed("this count");
    }
    Out::new(cli.json).show(&count)
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
        let mut table = Table::new(&[
            ("id", Align::Right),
            ("at", Align::Left),
            ("movement", Align::Left),
            ("item", Align::Left),
            ("location", Align::Left),
            ("lot", Align::Left),
            ("qty", Align::Right),
            ("terminal", Align::Left),
            ("user", Align::Left),
            ("why", Align::Left),
        ]);
        for m in &self.0 {
            table.row([
                m.id.to_string(),
                m.at.clone(),
                m.kind.to_string(),
                m.item.to_string(),
                m.location.to_string(),
                lot_cell(m.lot.as_deref()).to_string(),
                m.qty.to_string(),
                m.terminal.clone(),
                user_cell(&m.user, m.approver.as_deref()),
                said_why(m),
            ]);
        }
        table.print(out)?;
        if self.1.is_empty() {
            return Ok(());
        }
        out.line(format_args!(""))?;
        out.line(format_args!("skipped lines (nothing moved):"))?;
        let mut skipped = Table::new(&[
            ("at", Align::Left),
            ("report", Align::Right),
            ("line", Align::Left),
            ("item", Align::Left),
            ("location", Align::Left),
            ("terminal", Align::Left),
            ("user", Align::Left),
            ("why", Align::Left),
        ]);
        for s in &self.1 {
            skipped.row([
                s.at.clone(),
                s.report_id.to_string(),
                s.line.clone(),
                s.item.to_string(),
                s.location.to_string(),
                s.terminal.clone(),
                s.user.clone(),
                format!("skip, {}", s.reason.as_deref().unwrap_or("no reason given")),
            ]);
        }
        skipped.print(out)
    }
}

/// Who posted a movement, and the lead who approved it where one did.
fn user_cell(user: &str, approver: Option<&str>) -> String {
    match approver {
        Some(lead) => format!("{user} approved by {lead}"),
        None => user.to_string(),
    }
}

/// `backflush audit`: the ledger, newest first.
pub fn audit(cli: &Cli, args: &AuditArgs) -> Outcome {
    let json = cli.json;
    let service = open_service(cli)?;
    let filter = AuditFilter {
        item: resolved(&service, Thing::Item, args.item.as_deref())?,
        location: resolved(&service, Thing::Location, args.location.as_deref())?,
        report_id: args.report,
        limit: args.limit.max(1),
    };
    let skips = if json {
        Vec::new()
    } else {
        service.audit_skips(&filter)?
    };
    Out::new(json).show(&Audit(service.audit(&filter)?, skips))
}
