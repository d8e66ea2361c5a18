//! The English of every refusal and failure, for both faces: the layers below hand over data
//! (which input, line, lot, item, location, the numbers) and this module says it as one
//! sentence — the line the command prints, and the terminal's status line until the terminal
//! words refusals from its own catalog. Inputs are named as the command line knows them
//! (`--lot`, `--qty`).

use crate::config::rules::Ignored;
use crate::config::{ConfigError, ConfigProblem, MAX_CONFIG_BYTES};
use crate::domain::backflush::{
    ChangeKind, Computed, FinishedLotProblem, LocationSource, LotProblem, ManualReason, Over,
    OverrideProblem, PlanWarning, QtyField, QtyProblem, ReportError, ShortLine,
};
use crate::domain::codes::{ItemCode, LocationCode};
use crate::domain::issue::IssueError;
use crate::domain::journal::{JournalNote, Memo};
use crate::domain::language::Language;
use crate::domain::lots::{AllocationError, LinePlanError, PartProblem, ReturnError, TakeError};
use crate::domain::master::Tracking;
use crate::domain::order::{MAX_ORDER_LINES, ReleaseError};
use crate::domain::plant_rules::RuleProblem;
use crate::domain::qty::{QtyParseError, Quantity, canonical};
use crate::domain::text::{MAX_CODE_CHARS, TextProblem};
use crate::import::{Duplicate, FILES, FilesProblem, ImportError, ImportWarning, RowProblem};
use crate::service::auth::Permission;
use crate::service::replay::ResultWarning;
use crate::service::{
    Approval, AuthError, Field, FirstUse, IoWhat, Owner, Problem, Refusal, ServiceError, Thing, Why,
};
use crate::service::{
    BadValue, Damage, FileCause, FileStep, ForeignWhy, StoreError, StoreRefusal, StoredWord,
    TransferRefusal,
};

/// A refusal or failure of a service call as one sentence naming the offending input.
#[must_use]
pub fn describe(e: &ServiceError) -> String {
    match e {
        ServiceError::Report(e) => report(e),
        ServiceError::Store(e) => store(e),
        ServiceError::Import(e) => import(e),
        ServiceError::Auth(e) => auth(e),
        ServiceError::Issue(e) => issue(e),
        ServiceError::NotFound { what, code } => not_found(*what, code),
        ServiceError::LotNeverHeld { item, lot } => {
            format!("unknown lot {lot:?} of {item} (the store never held it)")
        }
        ServiceError::NoLine { owner, key } => format!("{} has no line {key}", self::owner(owner)),
        ServiceError::Invalid { field, value, why } => invalid(field, value, why),
        ServiceError::Forbidden {
            user,
            role,
            action,
            needs,
            ..
        } => format!(
            "{user} ({}) may not {}; it needs the role {}",
            role.as_str(),
            self::action(*action),
            needs
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        ServiceError::NeedsApproval { user, role, needs } => {
            let user = match role {
                Some(r) => format!("{user} ({})", r.as_str()),
                None => user.clone(),
            };
            let (action, why) = approval(needs);
            format!("{user} may not {action} alone: {why}; a lead must approve with badge and PIN")
        }
        ServiceError::Conflict { key, first } => {
            let first = match first {
                FirstUse::Report(id) => format!("report {id}"),
                FirstUse::Issue(id) => format!("issue {id}"),
            };
            format!("key {key} was already used for a different request ({first}); use a new key")
        }
        ServiceError::KeyUsed { key, command } => {
            format!("key {key} was already used for a different request ({command}); use a new key")
        }
        ServiceError::Io { what, cause } => format!("cannot {}: {cause}", io_what(what)),
        ServiceError::Refused(r) => refusal(r),
        ServiceError::Unkeepable { key, cause } => {
            format!("cannot keep the result of key {key}: {cause}")
        }
        ServiceError::BatchGroup { group } => describe(group),
    }
}

/// "1 minute", "30 minutes".
fn minutes(n: i64) -> String {
    if n == 1 {
        "1 minute".to_string()
    } else {
        format!("{n} minutes")
    }
}

/// What a role may or may not do, as "may not …" goes on.
fn action(action: Permission) -> &'static str {
    match action {
        Permission::Report => "report production",
        Permission::Reverse => "reverse a report",
        Permission::LeadApproval => "adjust a posted report line or approve a larger override",
        Permission::CancelException => "cancel a deferred line",
        Permission::Handle => "move stock, count it or retry deferred lines",
        Permission::Administer => "import or initialise the store",
        Permission::ExportAck => "acknowledge an export",
        Permission::Backup => "back up the store",
        Permission::Unlock => "unlock a badge",
        Permission::Issue => "issue material by hand",
        Permission::LineFlag => "set an order line's backflush flag",
        Permission::Close => "close an order",
        Permission::Reopen => "reopen an order",
    }
}

/// What needs a lead's approval, and why: the line and what it asks.
fn approval(needs: &Approval) -> (&'static str, String) {
    match needs {
        Approval::LargerOverride {
            line,
            item,
            planned,
            tolerance_pct,
        } => (
            "post a larger override",
            format!(
                "line {line} ({item}) differs from planned {planned} by more than {}%",
                canonical(*tolerance_pct)
            ),
        ),
        Approval::ExpiredLot { line, item, lots } => (
            "issue an expired lot",
            format!("line {line} ({item}) names expired lot {}", lots.join(", ")),
        ),
        Approval::UndoWindow {
            report,
            undo_minutes,
            ago,
        } => (
            "reverse a report",
            format!(
                "your own reports can be reversed for {} after posting; report {report} was posted {}",
                minutes(*undo_minutes),
                if ago > undo_minutes {
                    format!("{} ago", minutes(*ago))
                } else {
                    format!("more than {} ago", minutes(*undo_minutes))
                }
            ),
        ),
    }
}

fn io_what(what: &IoWhat) -> String {
    match what {
        IoWhat::Read(path) => format!("read {path}"),
        IoWhat::Write(name) => format!("write {name}"),
        IoWhat::Create(path) => format!("create {path}"),
        IoWhat::WriteDemo(dir) => format!("write the demo files to {dir}"),
        IoWhat::RunTerminal => "run the terminal".to_string(),
        IoWhat::DrawFrame => "draw a frame".to_string(),
    }
}

/// What sort of thing a code names.
#[must_use]
pub fn thing(what: Thing) -> &'static str {
    match what {
        Thing::Item => "item",
        Thing::Location => "location",
        Thing::WorkCenter => "work center",
        Thing::Order => "order",
        Thing::Report => "report",
        Thing::Exception => "exception",
        Thing::Lot => "lot",
        Thing::Consumer => "consumer",
        Thing::Badge => "badge",
    }
}

fn not_found(what: Thing, code: &str) -> String {
    let name = thing(what);
    match what {
        Thing::Order | Thing::Report | Thing::Exception => format!("{name} {code} does not exist"),
        _ => format!("unknown {name} {code}"),
    }
}

fn owner(owner: &Owner) -> String {
    match owner {
        Owner::Report(id) => format!("report {id}"),
        Owner::Order(order) => format!("order {order}"),
    }
}

/// An input as the command line names it.
#[must_use]
pub fn field(field: &Field) -> String {
    match field {
        Field::Db => "--db".to_string(),
        Field::Qty => "qty".to_string(),
        Field::Count => "count".to_string(),
        Field::Lot => "lot".to_string(),
        Field::LotsOf(item) => format!("lots of {item}"),
        Field::Reason => "reason".to_string(),
        Field::KindReason(kind) => format!("{} reason", kind.key()),
        Field::ReversalReason => "reversal reason".to_string(),
        Field::Substitute => "substitute".to_string(),
        Field::SubstituteQty => "substitute quantity".to_string(),
        Field::ReturnQty => "return quantity".to_string(),
        Field::ScrapAdjustment => "scrap adjustment".to_string(),
        Field::Correction => "correction".to_string(),
        Field::Line => "line".to_string(),
        Field::Item => "item".to_string(),
        Field::Order => "order".to_string(),
        Field::Location => "--location".to_string(),
        Field::Days => "--days".to_string(),
        Field::TransferTo => "transfer to".to_string(),
        Field::TransferQty => "transfer quantity".to_string(),
        Field::Consumer => "consumer".to_string(),
        Field::Config => "config".to_string(),
        Field::Code(what) => thing(*what).to_string(),
    }
}

fn invalid(f: &Field, value: &str, why: &Why) -> String {
    // A value that may be empty or hold anything is quoted.
    let value = match why {
        Why::LotsDoNotFit(_) | Why::NotOneOf { .. } | Why::NotAName | Why::Empty => {
            format!("{value:?}")
        }
        _ => value.to_string(),
    };
    format!("{} {value} {}", field(f), self::why(why))
}

fn why(why: &Why) -> String {
    match why {
        Why::Exists => "already exists; the demo needs a new store file".to_string(),
        Why::SerialCount { item } => format!("a serial of {item} is counted as 0 or 1"),
        Why::CountDiffers {
            item,
            location,
            book,
            diff,
            pct,
            limit,
            codes,
        } => {
            let sign = if diff.is_sign_negative() { "" } else { "+" };
            let pct = pct.map_or_else(String::new, |p| format!(" ({sign}{}%)", canonical(p)));
            format!(
                "of {item} at {location} differs from the book {book} by {sign}{diff}{pct}, more than {}%: give a reason ({})",
                canonical(*limit),
                codes.join(", ")
            )
        }
        Why::Untracked { item } => format!("item {item} is not lot- or serial-tracked"),
        Why::LotNeeded { item, tracking } => format!(
            "item {item} is {}-tracked: name its lot (--lot LOT)",
            tracking.as_str()
        ),
        Why::LotsDoNotFit(e) => format!("do not fit: {}", line_plan(e)),
        Why::NotOneOf { codes } => format!("is not one of {}", codes.join(", ")),
        Why::AlreadyTheItem { line } => format!("is already the item of line {line}"),
        Why::NotPositive => "must be greater than zero".to_string(),
        Why::ExceedsIssued { issued, item, line } => match item {
            Some(item) => format!("exceeds the {issued} {item} line {line} has issued"),
            None => format!("exceeds the {issued} line {line} has issued"),
        },
        Why::ExceedsScrap { scrap, line } => format!(
            "exceeds the {scrap} scrap line {line} has recorded so far (its line scrap and adjustments); material not used goes back with a negative issue"
        ),
        Why::NothingIssued { report, item } => {
            format!("of report {report} has issued no {item}; give --qty for the substitute")
        }
        Why::ChangesNothing => "changes nothing".to_string(),
        Why::OutOfRange { min, max } => format!("is outside its range {min}–{max}"),
        Why::SameAsFrom { from } => {
            format!("is the same as from {from}: a transfer to itself moves nothing")
        }
        Why::OnLines { lines, owner } => format!(
            "is on lines {} of {}; give the line number",
            lines.join(", "),
            self::owner(owner)
        ),
        Why::NonStock { item } => {
            format!("does not apply: {item} is non-stock and has no location")
        }
        Why::HoldsNoStock { item_type } => format!("is {item_type} and holds no stock"),
        Why::NotMachine { kind } => format!("is a {kind} location, not a machine location"),
        Why::NotAName => "must be a name without control characters".to_string(),
        Why::NotLotTracked => "is not lot-tracked: it has no lots to trace".to_string(),
        Why::Empty => "is empty; a reversal needs a reason (--reason)".to_string(),
        Why::Config { problem } => rule_problem(problem),
        Why::DiffersInCase { codes } => format!(
            "matches {}, which differ only in case: type it as stored",
            match codes.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => codes.join(", "),
            }
        ),
        Why::Matches { orders, more } => format!(
            "matches {}{}; type more of it",
            orders.join(", "),
            if *more { ", …" } else { "" }
        ),
    }
}

/// A refused login or PIN; a lock's end as a time of day in UTC.
#[must_use]
pub fn auth(e: &AuthError) -> String {
    auth_at(e, &|t| t.format("%H:%M UTC").to_string())
}

/// A refused login or PIN, the end of a lock-out said by `clock` (a time of day, 24-hour:
/// the command line's in UTC, the terminal's as its own clock shows it).
#[must_use]
pub fn auth_at(e: &AuthError, clock: &dyn Fn(chrono::DateTime<chrono::Utc>) -> String) -> String {
    match e {
        AuthError::UnknownBadge { badge } => format!("badge {badge} is not a known user"),
        AuthError::NoUser { action } => {
            format!(
                "users exist, so to {} give --user BADGE (PIN in BACKFLUSH_PIN)",
                self::action(*action)
            )
        }
        AuthError::PinMissing { badge } => format!("badge {badge} needs its PIN (BACKFLUSH_PIN)"),
        AuthError::WrongPin {
            badge,
            attempts_left,
            locked_until,
        } => format!(
            "wrong PIN for badge {badge}; {}",
            match (attempts_left, locked_until) {
                (0, Some(until)) => format!("the badge is now locked until {}", clock(*until)),
                (0, None) => "the badge is now locked".to_string(),
                (1, _) => "1 attempt left".to_string(),
                (n, _) => format!("{n} attempts left"),
            }
        ),
        AuthError::Locked { badge, until } => format!(
            "badge {badge} is locked after too many wrong PINs until {}",
            clock(*until)
        ),
        AuthError::NotALead { badge, role } => format!(
            "badge {badge} ({}) is not a lead: a lead or admin approves",
            role.as_str()
        ),
        AuthError::Busy { badge } => format!(
            "badge {badge} has PIN checks in progress that hold every attempt left; try again in a moment"
        ),
        AuthError::PinUnreadable { badge, cause } => {
            format!("cannot read the PIN for badge {badge}: {cause}")
        }
    }
}

fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::NoTerminal => "the full-screen terminal needs a terminal on standard output; use the commands (backflush --help) in scripts".to_string(),
        Refusal::ReportReversed { report } => format!("report {report} is reversed"),
        Refusal::ManualLine { report, line } => {
            format!("line {line} of report {report} is a manual-issue line; it was not issued here")
        }
        Refusal::NotOnHand {
            item,
            location,
            needed,
            on_hand,
        } => format!("{needed} {item} needed at {location}, only {on_hand} on hand"),
        Refusal::LotsUncovered {
            item,
            location,
            available,
            ..
        } => format!(
            "{item} at {location}: the unexpired lots hold only {available}; name the lots with --lot"
        ),
        Refusal::AlwaysManual {
            order,
            line,
            component,
            reason,
        } => format!(
            "line {line} ({component}) of order {order} cannot be set to backflush: {}; it is issued by hand",
            manual_reason(*reason)
        ),
        Refusal::ExceptionNotOpen { id } => format!("exception {id} is not open"),
        Refusal::OrderClosed { order } => {
            format!("order {order} is closed: it takes no postings until it is reopened")
        }
        Refusal::OpenExceptions { order, exceptions } => format!(
            "order {order} has open exceptions ({}): post or cancel them before closing it",
            exceptions
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Refusal::ShortNeedsReason { order, good, qty } => format!(
            "order {order} is short ({good} of {qty} good at its last operation): closing it short needs a reason"
        ),
        Refusal::OrderNotClosed { order } => {
            format!("order {order} is not closed: only a closed order can be reopened")
        }
    }
}

/// Why a report (or its preview) is refused.
#[must_use]
pub fn report(e: &ReportError) -> String {
    match e {
        ReportError::UnknownOperation { order, operation } => {
            format!("order {order} has no operation {operation}")
        }
        ReportError::NotCountPoint {
            order,
            operation,
            count_point,
        } => format!(
            "operation {operation} of order {order} is not a count point; report it at operation {count_point}, which covers it"
        ),
        ReportError::BadQuantity {
            field,
            value,
            reason,
        } => bad_quantity(*field, value, *reason),
        ReportError::NothingReported => {
            "good and scrap quantities are both zero; report at least one unit".to_string()
        }
        ReportError::OverReport {
            order,
            operation,
            over,
        } => format!(
            "operation {operation} of order {order} would reach {}",
            self::over(over)
        ),
        ReportError::UnknownLine {
            key,
            order,
            operation,
        } => format!("{key} matches no material line of operation {operation} of order {order}"),
        ReportError::AmbiguousKey { key, lines } => format!(
            "item {key} matches lines {} of this report; give the line number instead",
            lines.join(", ")
        ),
        ReportError::ManualOverride { line, item } => {
            format!("line {line} ({item}) is a manual-issue line and cannot be overridden")
        }
        ReportError::DuplicateOverride { line, kind } => {
            format!("line {line} has two {} overrides", change_kind(*kind))
        }
        ReportError::SkipWithOverride { line } => format!(
            "line {line} is skipped and also overridden; a skipped line takes no other override"
        ),
        ReportError::BadOverride { line, reason } => {
            format!("override of line {line}: {}", bad_override(reason))
        }
        ReportError::Blocked(short) => {
            format!(
                "not enough stock (negative_stock = block): {}",
                blocked(short)
            )
        }
        ReportError::TooLarge(what) => format!(
            "{} is too large to compute; check the quantities and the BOM",
            computed(what)
        ),
        ReportError::UnknownItem(item) => format!("unknown item {item}"),
        ReportError::UnknownWorkCenter(wc) => format!("unknown work center {wc}"),
        ReportError::Lot { line, item, reason } => {
            format!("line {line} ({item}): {}", lot_problem(line, item, reason))
        }
        ReportError::FinishedLot(p) => finished_lot(p),
    }
}

fn qty_field(field: QtyField) -> &'static str {
    match field {
        QtyField::Good => "good",
        QtyField::Scrap => "scrap",
        QtyField::HandIssue => "hand issue",
        QtyField::Override => "override",
        QtyField::LineScrap => "line scrap",
        QtyField::Counted => "counted",
        QtyField::Return => "return",
        QtyField::Substitute => "substitute",
        QtyField::Adjustment => "adjustment",
        QtyField::Transfer => "transfer",
    }
}

fn bad_quantity(field: QtyField, value: &str, reason: QtyProblem) -> String {
    let reason = match reason {
        QtyProblem::Negative => "negative".to_string(),
        QtyProblem::TooLarge { max } => format!("too large (the limit is {max})"),
        QtyProblem::TooPrecise { decimals } => {
            format!("more precise than the unit of measure allows ({decimals} decimals)")
        }
    };
    format!("{} quantity {value} is {reason}", qty_field(field))
}

fn over(over: &Over) -> String {
    match over {
        Over::Good {
            after,
            limit,
            order_qty,
            tolerance_pct,
        } => format!(
            "{after} good units, over the limit of {limit} (order quantity {order_qty}, over-report tolerance {}%)",
            canonical(*tolerance_pct)
        ),
        Over::Scrap { after, order_qty } => format!(
            "{after} scrapped units, over the scrap limit of {order_qty} (the order quantity)"
        ),
    }
}

fn change_kind(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Qty => "quantity",
        ChangeKind::LineScrap => "line scrap",
        ChangeKind::Location => "location",
        ChangeKind::Skip => "skip",
        ChangeKind::Lots => "lot",
    }
}

fn bad_override(reason: &OverrideProblem) -> String {
    match reason {
        OverrideProblem::Quantity {
            field,
            value,
            reason,
        } => bad_quantity(*field, value, *reason),
        OverrideProblem::NonStock { item } => {
            format!("{item} is non-stock: it has no location to issue from")
        }
        OverrideProblem::UnknownLocation { location } => format!("unknown location {location}"),
    }
}

fn computed(what: &Computed) -> String {
    match what {
        Computed::LaborOfOperation(op) => format!("the labor of operation {op}"),
        Computed::StandardCostOfLine(line) => format!("the standard cost of line {line}"),
        Computed::StandardCostOfOperation(op) => format!("the standard cost of operation {op}"),
        Computed::RequirementOfLine(line) => format!("the requirement of line {line}"),
        Computed::MaterialValue => "the material value of this report".to_string(),
        Computed::NonStockMaterial => "the non-stock material of this report".to_string(),
        Computed::Labor => "the labor of this report".to_string(),
        Computed::Overhead => "the overhead of this report".to_string(),
        Computed::ReceiptValue => "the receipt value".to_string(),
        Computed::ScrapValue => "the scrap value".to_string(),
    }
}

/// Each short line with what it lacks, then what to bring for the report to post: the
/// shortfalls summed per item and location.
fn blocked(short: &[ShortLine]) -> String {
    let lines: Vec<String> = short
        .iter()
        .map(|l| {
            format!(
                "line {} {} needs {} at {}, {} available there after the earlier lines, short by {}",
                l.line,
                l.item,
                l.needs,
                l.location,
                l.needs - l.shortfall,
                l.shortfall
            )
        })
        .collect();
    let mut bring: Vec<(&ItemCode, &LocationCode, Quantity)> = Vec::new();
    for l in short {
        match bring
            .iter_mut()
            .find(|(i, at, _)| *i == &l.item && *at == &l.location)
        {
            Some((_, _, q)) => *q += l.shortfall,
            None => bring.push((&l.item, &l.location, l.shortfall)),
        }
    }
    let bring: Vec<String> = bring
        .iter()
        .map(|(item, at, q)| format!("{q} {item} to {at}"))
        .collect();
    format!(
        "{}; to post it, bring {}",
        lines.join("; "),
        bring.join(", ")
    )
}

/// A lot as a refusal names it: the unknown lot `""` by what it is.
fn lot_name(lot: &str) -> String {
    if lot.is_empty() {
        "the unknown lot \"\"".to_string()
    } else {
        format!("lot {lot}")
    }
}

fn lot_problem(line: &str, item: &ItemCode, reason: &LotProblem) -> String {
    match reason {
        LotProblem::Untracked => format!("{item} is not lot- or serial-tracked; it takes no --lot"),
        LotProblem::ManualWithoutQty => {
            "a manual line takes --lot only with the quantity issued by hand (--set)".to_string()
        }
        LotProblem::Allocation(a) => allocation(a),
        LotProblem::NotAt { lot, location } => format!("{} is not at {location}", lot_name(lot)),
        LotProblem::NotHeld {
            lot,
            location,
            holds,
            wanted,
        } => format!(
            "{} holds {holds} at {location}, not {wanted}",
            lot_name(lot)
        ),
        LotProblem::NeedsLots { tracking } => format!(
            "{item} is {}-tracked: name the {} it is issued from (--lot {line}=LOT:QTY)",
            tracking.as_str(),
            if *tracking == Tracking::Serial {
                "serials"
            } else {
                "lots"
            },
        ),
    }
}

fn finished_lot(p: &FinishedLotProblem) -> String {
    match p {
        FinishedLotProblem::Untracked { item } => {
            format!("{item} is not lot- or serial-tracked: --fg-lot and --fg-serial do not apply")
        }
        FinishedLotProblem::LotTracked { item } => {
            format!("{item} is lot-tracked, not serial-tracked: give --fg-lot, not --fg-serial")
        }
        FinishedLotProblem::SerialTracked { item } => {
            format!("{item} is serial-tracked: give its serials with --fg-serial, not --fg-lot")
        }
        FinishedLotProblem::BadLot { lot } => format!("--fg-lot {lot:?} is not a lot code"),
        FinishedLotProblem::NotReceiving => {
            "--fg-serial is given but this report receives no finished goods".to_string()
        }
        FinishedLotProblem::SerialCount { item, good, given } => format!(
            "{item} is serial-tracked: {good} good units need {good} new serials (--fg-serial S1,S2,…), {given} given"
        ),
        FinishedLotProblem::BadSerial { serial } => {
            format!("--fg-serial {serial:?} is not a serial number")
        }
        FinishedLotProblem::SerialTwice { serial } => {
            format!("serial {serial} is given twice in --fg-serial")
        }
        FinishedLotProblem::SerialNotNew { serial, item } => format!(
            "serial {serial} of {item} is not new: it is in stock or was issued to an order"
        ),
    }
}

/// Why a hand issue or return is refused.
#[must_use]
pub fn issue(e: &IssueError) -> String {
    match e {
        IssueError::Zero => {
            "--qty 0 issues nothing; give a positive quantity to issue or a negative one to return"
                .to_string()
        }
        IssueError::Decimals {
            qty,
            item,
            decimals,
        } => format!("--qty {qty} has more decimals than {item} allows ({decimals})"),
        IssueError::Untracked { item } => {
            format!("--lot: {item} is not lot- or serial-tracked; it takes no lot")
        }
        IssueError::Allocation(a) => format!("--lot: {}", allocation(a)),
        IssueError::NeedsLots { item, tracking } => {
            format!("{item} is {tracking}-tracked: an issue names its lots (--lot LOT[:QTY],…)")
        }
        IssueError::NotHeld {
            item,
            lot,
            location,
            wanted,
            holds,
        } => format!(
            "--lot: {} holds {holds} of {item} at {location}, not {wanted}",
            lot_name(lot)
        ),
        IssueError::Short {
            item,
            location,
            wanted,
            on_hand,
        } => format!(
            "not enough {item} at {location}: {wanted} wanted, {on_hand} on hand (an issue has no report to queue; negative_stock = allow lets it go negative)"
        ),
        IssueError::Return { item, why } => format!("return of {item}: {}", return_error(why)),
    }
}

/// Why a `LOT[:QTY],…` allocation is refused (after the option it was given in).
#[must_use]
pub fn allocation(e: &AllocationError) -> String {
    match e {
        AllocationError::BadPart { part, why } => {
            let why = match why {
                PartProblem::BadQty(e) => format!("has a bad quantity ({})", quantity_text(*e)),
                PartProblem::NotPositive => "needs a quantity above 0".to_string(),
                PartProblem::TotalTooLarge => {
                    "takes the lots' total beyond what a quantity can hold".to_string()
                }
            };
            format!("lot allocation part {part:?} {why}")
        }
        AllocationError::TooManyDecimals { lot, qty, decimals } => {
            format!("lot {lot:?}: quantity {qty} has more than {decimals} decimals")
        }
        AllocationError::QtyNeeded { lot } => {
            format!("lot {lot:?} needs a quantity (LOT:QTY) when several lots are named")
        }
        AllocationError::Duplicate { lot } => format!("lot {lot:?} is named twice"),
        AllocationError::SerialQty { lot, qty } => {
            format!("serial {lot:?} takes a quantity of 1, not {qty}")
        }
        AllocationError::Sum { total, expected } => {
            format!("the lots add up to {total}, not the quantity {expected}")
        }
        AllocationError::Untracked => "the item is not lot- or serial-tracked".to_string(),
    }
}

fn return_error(e: &ReturnError) -> String {
    match e {
        ReturnError::PastConsumed { wanted, consumed } => {
            format!("a return of {wanted} is more than the line has net issued there ({consumed})")
        }
        ReturnError::PastLot {
            lot,
            wanted,
            consumed,
        } => format!(
            "lot {lot:?}: a return of {wanted} is more than the line consumed of it ({consumed})"
        ),
    }
}

fn line_plan(e: &LinePlanError) -> String {
    match e {
        LinePlanError::Take(TakeError::Allocation(a)) | LinePlanError::Allocation(a) => {
            format!("--lot: {}", allocation(a))
        }
        LinePlanError::Take(TakeError::NotHeld(n)) => {
            format!("lot {:?} holds {}, not {}", n.lot, n.holds, n.wanted)
        }
        LinePlanError::Take(TakeError::Uncovered(u)) => format!(
            "the unexpired lots hold only {}; name the lots with --lot",
            u.available
        ),
        LinePlanError::Return(r) => return_error(r),
    }
}

/// Why a text is not a quantity, after the text: `"x" is not a number`.
#[must_use]
pub fn quantity_text(e: QtyParseError) -> &'static str {
    match e {
        QtyParseError::NotANumber => "is not a number",
        QtyParseError::TooLarge => "is too large for a quantity",
        QtyParseError::TooPrecise => {
            "has more decimal places than a quantity can hold (at most 28 significant digits)"
        }
    }
}

/// Why an order cannot be released.
#[must_use]
pub fn release(e: &ReleaseError) -> String {
    match e {
        ReleaseError::NoRouting { item, revision } => {
            format!("item {item} revision {revision} has no routing")
        }
        ReleaseError::UnknownOperation {
            parent,
            revision,
            line,
            operation,
        } => format!(
            "BOM line {line} of {parent} revision {revision} is consumed at operation {operation}, which the routing does not have"
        ),
        ReleaseError::PhantomWithoutBom { phantom, line } => {
            format!("phantom {phantom} (BOM line {line}) has no BOM")
        }
        ReleaseError::UnknownItem { item, line } => {
            format!("unknown item {item} on BOM line {line}")
        }
        ReleaseError::Cycle(items) => format!("BOM cycle: {}", items.join(" → ")),
        ReleaseError::TooLarge { line } => format!(
            "the quantities along the phantom path to line {line} multiply beyond what can be computed"
        ),
        ReleaseError::NoConversion {
            line,
            item,
            from,
            to,
        } => format!(
            "BOM line {line}: no conversion from {from} to {to} (the unit of {item}) in uom_conversions.csv"
        ),
        ReleaseError::DuplicateLine { line } => format!(
            "line {line} appears twice in the exploded BOM (a phantom's path collides with a BOM line number)"
        ),
        ReleaseError::TooManyLines {
            parent,
            revision,
            lines,
        } => {
            // Counting stops at the largest number: then it is at least that many.
            let count = if *lines == u64::MAX {
                format!("at least {lines}")
            } else {
                lines.to_string()
            };
            format!(
                "the BOM of {parent} revision {revision} explodes through its phantoms to {count} material lines; an order may have at most {MAX_ORDER_LINES}"
            )
        }
    }
}

/// A failure of the store.
#[must_use]
pub fn store(e: &StoreError) -> String {
    match e {
        StoreError::Sqlite(e) => format!("store error: {e}"),
        StoreError::NoStore { path } => format!(
            "there is no store at {path}; create it with `backflush init` or `backflush import DIR`"
        ),
        StoreError::NotADatabase { path } => format!(
            "{path} is not a backflush store: it is not an SQLite database; nothing was written to it"
        ),
        StoreError::Foreign { path, why } => format!(
            "{path} is not a backflush store: {}; nothing was written to it",
            foreign(*why)
        ),
        StoreError::Damaged { path, detail } => {
            format!("the store {path} is damaged: {}", damage(detail))
        }
        StoreError::Open { path, cause } => {
            format!("cannot open the store {path}: {}", file_cause(cause))
        }
        StoreError::Write { path, cause } => {
            format!("cannot write to the store {path}: {}", file_cause(cause))
        }
        StoreError::Unbalanced { kind } => {
            format!("a {kind} journal entry does not balance; nothing was posted")
        }
        StoreError::Read { path, cause } => {
            format!("cannot read the store {path}: {}", file_cause(cause))
        }
        StoreError::Failed { path, cause } => {
            format!("store error in {path}: {}", file_cause(cause))
        }
        StoreError::Backup { path, cause } => format!(
            "cannot write the backup {path}: {}; nothing was left under that name",
            file_cause(cause)
        ),
        StoreError::NewerSchema { path, found, known } => format!(
            "the store {path} was written by a newer backflush (schema version {found}; this program knows up to {known}); use a newer program"
        ),
        StoreError::Refused(r) => store_refusal(r),
        StoreError::Random { cause } => format!("the OS random source failed: {cause}"),
        StoreError::NoReport { report } => format!("report {report} does not exist"),
        StoreError::Corrupt(bad) => format!("the store holds a bad value: {}", bad_value(bad)),
    }
}

/// One thing `verify` found wrong in the store.
#[must_use]
pub fn problem(p: &Problem) -> String {
    match p {
        Problem::FileDamaged(finding) => format!("the store file is damaged: {finding}"),
        Problem::OutboxBehindLedger { reaches, holds } => format!(
            "the outbox reaches ledger row {reaches}, the ledger holds up to {holds}: postings without their export events"
        ),
        Problem::OutboxBehindJournal { reaches, holds } => format!(
            "the outbox reaches journal entry {reaches}, the journal holds up to {holds}: postings without their export events"
        ),
        Problem::BalanceOffLedger {
            item,
            location,
            balance,
            ledger,
        } => {
            format!("balance of {item} at {location} is {balance} but its ledger sums to {ledger}")
        }
        Problem::NoBalance { pairs } => {
            format!("{pairs} item/location pairs have movements but no balance")
        }
        Problem::LotOffLedger {
            item,
            location,
            lot,
            balance,
            ledger,
        } => format!(
            "lot {lot:?} of {item} at {location} is {balance} but its ledger sums to {ledger}"
        ),
        Problem::NegativeLot {
            item,
            location,
            lot,
            qty,
        } => format!("lot {lot:?} of {item} at {location} is negative ({qty})"),
        Problem::LotWithoutBalance {
            item,
            location,
            lot,
            ledger,
        } => format!(
            "lot {lot:?} of {item} at {location} has movements summing to {ledger} but no lot balance"
        ),
        Problem::LotsOffBalance {
            item,
            location,
            lots,
            balance,
        } => format!(
            "the lots of {item} at {location} add up to {lots} but its balance is {balance}"
        ),
        Problem::Unsourced { movements } => {
            format!("{movements} movements have no source (what posted them)")
        }
        Problem::Unbalanced { entry, diff } => {
            format!("journal entry {entry} does not balance (debit − credit = {diff})")
        }
        Problem::ClosedHoldsWip { order, wip } => {
            format!("order {order} is closed but holds {wip} in WIP")
        }
        Problem::WipOffOrders { balance, orders } => {
            format!("the WIP lines balance to {balance} but the orders' WIP sums to {orders}")
        }
    }
}

/// Why a file of the store cannot be opened, read or written, as a clause.
#[must_use]
pub fn file_cause(cause: &FileCause) -> String {
    match cause {
        FileCause::DiskFull => "the disk is full (no space left on device)".to_string(),
        FileCause::Locked => "another process holds it locked".to_string(),
        FileCause::ReadOnlyFile => "the file is read-only".to_string(),
        FileCause::ReadOnlyDir { dir } => format!(
            "its directory {dir} is read-only or missing (SQLite keeps the -wal and -shm files beside the store)"
        ),
        FileCause::NotWritable => "it cannot be opened for writing".to_string(),
        FileCause::IsDirectory => "it is a directory".to_string(),
        FileCause::Step { step, why } => {
            let step = match step {
                FileStep::Create => "cannot be created",
                FileStep::Read => "cannot be read",
                FileStep::MakePrivate => "cannot be made private (0600)",
                FileStep::PutInPlace => "cannot be put in place",
            };
            format!("it {step}: {}", file_cause(why))
        }
        FileCause::ReadOrWrite(said) => format!("the file cannot be read or written ({said})"),
        FileCause::Said(said) => said.clone(),
        FileCause::LogNotCopied => "its log could not be copied into it".to_string(),
        FileCause::MadeMeanwhile => {
            "another process made a store there meanwhile; nothing was written to it".to_string()
        }
        FileCause::Exists => "a file of that name exists; a backup never replaces one".to_string(),
    }
}

fn foreign(why: ForeignWhy) -> String {
    match why {
        ForeignWhy::ApplicationId(id) => {
            format!("it is another application's SQLite database, application_id {id:#010x}")
        }
        ForeignWhy::Tables => {
            "it is an SQLite database whose tables are not backflush's".to_string()
        }
    }
}

fn damage(d: &Damage) -> String {
    match d {
        Damage::BadValue(bad) => format!("it holds a bad value: {}", bad_value(bad)),
        Damage::Unreadable(said) => format!("a stored value does not read back: {said}"),
        Damage::Said(said) => said.clone(),
        Damage::CopyUnreadable { finding } => {
            format!("its copy does not read back ({finding}); no backup was written")
        }
    }
}

fn bad_value(bad: &BadValue) -> String {
    match bad {
        BadValue::Word { column, value } => {
            let column = match column {
                StoredWord::ItemType => "item type",
                StoredWord::Tracking => "tracking",
                StoredWord::LocationKind => "location kind",
                StoredWord::Per => "per",
            };
            format!("{column} {value}")
        }
        BadValue::MovementKind { movement, kind } => {
            format!("movement {movement} has the unknown kind {kind:?}")
        }
        BadValue::Conversion { from, to } => {
            format!("uom conversion {from} → {to} disagrees with another row")
        }
        BadValue::Role { badge } => format!("badge {badge} has an unknown role"),
        BadValue::KeptResult { key, cause } => {
            format!("the first result of key {key} cannot be read: {cause}")
        }
        BadValue::Setting { key, cause } => {
            format!("the stored setting {key} cannot be read: {cause}")
        }
        BadValue::PlantRules { cause } => {
            format!("the stored plant rules: {}", rule_problem(cause))
        }
        BadValue::ClosingOfEvent { seq } => {
            format!("the outbox's event {seq} has no close or reopen of its order")
        }
    }
}

fn store_refusal(r: &StoreRefusal) -> String {
    match r {
        StoreRefusal::AlreadyReversed { report } => format!("report {report} is already reversed"),
        StoreRefusal::LotGone { report, gone, now } => {
            let now = if now.is_empty() {
                "nowhere in stock (consumed)".to_string()
            } else {
                now.iter()
                    .map(|(location, qty)| format!("{qty} at {location}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!(
                "report {report} cannot be reversed: it would take {} of lot {} of {} out of {}, which holds {}; the lot is now {now}",
                gone.wanted, gone.lot, gone.item, gone.location, gone.holds
            )
        }
        StoreRefusal::Transfer {
            item,
            qty,
            from,
            why,
        } => {
            let why = match why {
                TransferRefusal::Short { on_hand } => format!("only {on_hand} on hand there"),
                TransferRefusal::Untracked => {
                    format!("{item} is not lot- or serial-tracked; it takes no --lot")
                }
                TransferRefusal::Lots(TakeError::Allocation(a)) => {
                    format!("--lot: {}", allocation(a))
                }
                TransferRefusal::Lots(TakeError::NotHeld(n)) => {
                    format!("lot {:?} holds {} there, not {}", n.lot, n.holds, n.wanted)
                }
                TransferRefusal::Lots(TakeError::Uncovered(u)) => {
                    format!("its unexpired lots there hold only {}", u.available)
                }
            };
            format!("transfer of {qty} {item} from {from} refused: {why}")
        }
        StoreRefusal::AckBackwards {
            consumer,
            through,
            previous,
        } => format!(
            "consumer {consumer} cannot acknowledge seq {through}: it has acknowledged through {previous} already (acknowledging goes forward only)"
        ),
        StoreRefusal::AckPastLast {
            consumer,
            through,
            last,
        } => format!(
            "consumer {consumer} cannot acknowledge seq {through}: the last seq of the store is {last}"
        ),
    }
}

/// Why an import was refused: `FILE:LINE: what is wrong` for a row.
#[must_use]
pub fn import(e: &ImportError) -> String {
    match e {
        ImportError::Row {
            file,
            line,
            problem,
        } => format!("{file}:{line}: {}", row_problem(problem)),
        ImportError::Files(p) => files_problem(p),
        ImportError::Store(e) => store(e),
    }
}

fn files_problem(p: &FilesProblem) -> String {
    match p {
        FilesProblem::NotADirectory { dir } => format!("{dir} is not a directory"),
        FilesProblem::NoFiles { dir } => format!(
            "{dir} holds none of the import files ({}, settings.toml)",
            FILES.join(", ")
        ),
        FilesProblem::Unreadable { path, cause } => format!("{path}: cannot read: {cause}"),
        FilesProblem::Settings { problem } => format!("settings.toml: {}", rule_problem(problem)),
    }
}

fn duplicate(d: &Duplicate) -> String {
    match d {
        Duplicate::Location(key) => format!("location {key}"),
        Duplicate::Item(key) => format!("item {key}"),
        Duplicate::WorkCenter(key) => format!("work center {key}"),
        Duplicate::Badge(key) => format!("badge {key}"),
        Duplicate::Order(key) => format!("order {key}"),
        Duplicate::BomLine {
            parent,
            revision,
            line,
        } => format!("BOM line {parent} revision {revision} line {line}"),
        Duplicate::RoutingOperation {
            parent,
            revision,
            operation,
        } => format!("routing operation {parent} revision {revision} operation {operation}"),
        Duplicate::Balance {
            item,
            lot: Some(lot),
            location,
        } => format!("balance of {item} lot {lot:?} at {location}"),
        Duplicate::Balance {
            item,
            lot: None,
            location,
        } => format!("balance of {item} at {location}"),
        Duplicate::LocationItem { location, item } => format!("row of {item} at {location}"),
    }
}

fn row_problem(p: &RowProblem) -> String {
    match p {
        RowProblem::NotCsv { cause } => format!("not a valid CSV row: {cause}"),
        RowProblem::UnknownColumn { column, expected } => format!(
            "unknown column {column:?} (expected {})",
            expected.join(", ")
        ),
        RowProblem::ColumnTwice { column } => format!("column {column:?} appears twice"),
        RowProblem::ColumnMissing { column } => format!("column {column:?} is missing"),
        RowProblem::FieldCount { fields, header } => format!(
            "the row has {fields} fields; the header row has {} ({})",
            header.len(),
            header.join(", ")
        ),
        RowProblem::Control { column, ch } => format!(
            "{column} holds the control character U+{:04X}; codes and descriptions must be printable text",
            u32::from(*ch)
        ),
        RowProblem::CodeTooLong { column, chars, max } => {
            format!("{column} has {chars} characters; a code has at most {max}")
        }
        RowProblem::Missing { column } => format!("{column} is missing"),
        RowProblem::BadNumber {
            column,
            text,
            problem,
        } => format!("{column} {text:?} {}", quantity_text(*problem)),
        RowProblem::Negative { column, text } => format!("{column} {text} is negative"),
        RowProblem::TooLarge { column, text, max } => {
            format!("{column} {text} is too large (the limit is {max})")
        }
        RowProblem::NotPositive { column } => format!("{column} must be greater than zero"),
        RowProblem::NotYesNo { column, text } => format!("{column} {text:?} is not yes or no"),
        RowProblem::NotOneOf {
            column,
            text,
            words,
        } => format!("{column} {text:?} is not one of: {words}"),
        RowProblem::NotWhole {
            column,
            text,
            too_large,
        } => format!(
            "{column} {text:?} {}",
            if *too_large {
                "is too large"
            } else {
                "is not a whole number"
            }
        ),
        RowProblem::TooManyDecimals {
            column,
            value,
            item,
            uom,
            decimals,
        } => format!("{column} {value} has too many decimals for {item} ({uom} allows {decimals})"),
        RowProblem::NotADate { column, text } => {
            format!("{column} {text:?} is not a date (YYYY-MM-DD)")
        }
        RowProblem::Duplicate(d) => format!("duplicate {}", duplicate(d)),
        RowProblem::UnknownItem { item } => format!("unknown item {item}"),
        RowProblem::UnknownLocation { location } => format!("unknown location {location}"),
        RowProblem::UnknownWorkCenter { work_center } => {
            format!("unknown work center {work_center}")
        }
        RowProblem::Decimals { decimals } => {
            format!("decimals {decimals} is not between 0 and 9")
        }
        RowProblem::FactorUnreadable {
            text,
            from,
            to,
            problem,
        } => format!(
            "factor {text:?} of {from} → {to} {}",
            quantity_text(*problem)
        ),
        RowProblem::FactorNotPositive { text, from, to } => {
            format!("factor {text} of {from} → {to} must be greater than zero")
        }
        RowProblem::FactorToItself { text, from } => {
            format!("factor {text} converts {from} to itself (only 1 can)")
        }
        RowProblem::FactorDisagrees {
            from,
            to,
            text,
            item,
            other,
            reverse,
        } => {
            let whose = item
                .as_deref()
                .map_or_else(|| "every item".to_string(), |i| format!("item {i}"));
            let earlier = if *reverse {
                format!("1 {to} = {other} {from}")
            } else {
                format!("1 {from} = {other} {to}")
            };
            format!("1 {from} = {text} {to} for {whose} disagrees with an earlier row ({earlier})")
        }
        RowProblem::UnknownRole { role } => {
            format!("role {role:?} is not one of: operator lead handler admin integration")
        }
        RowProblem::ShortPin { badge } => {
            format!("the PIN of badge {badge} is shorter than 4 characters")
        }
        RowProblem::PinHash { cause } => cause.clone(),
        RowProblem::BaseQtyDiffers {
            base_qty,
            first,
            first_line,
        } => {
            format!("base_qty {base_qty} differs from {first} on line {first_line} of the same BOM")
        }
        RowProblem::Cycle(items) => format!("BOM cycle: {}", items.join(" → ")),
        RowProblem::PhantomPer { component, per } => {
            format!("phantom {component} must be per unit, not per {per}")
        }
        RowProblem::NoConversion {
            line,
            from,
            to,
            component,
        } => format!(
            "line {line}: no conversion from {from} to {to} (the unit of {component}) in uom_conversions.csv"
        ),
        RowProblem::ConversionOverflows {
            line,
            qty,
            from,
            to,
            num,
            den,
        } => {
            format!("line {line}: {qty} {from} converted to {to} overflows (factor {num} / {den})")
        }
        RowProblem::PhantomOrder { item } => {
            format!("item {item} is a phantom and cannot be produced on an order")
        }
        RowProblem::NoRouting { item } => format!("item {item} has no routing"),
        RowProblem::Release { order, error } => format!("order {order}: {}", release(error)),
        RowProblem::UntrackedLot { item, lot } => {
            format!("item {item} is not lot- or serial-tracked and takes no lot ({lot})")
        }
        RowProblem::UntrackedExpiry { item, expires } => {
            format!("item {item} is not lot- or serial-tracked and takes no expiry ({expires})")
        }
        RowProblem::PhantomStock { item } => format!("item {item} is a phantom and holds no stock"),
        RowProblem::SerialQty { serial, item, qty } => {
            format!("serial {serial:?} of {item}: a serial's qty is 0 or 1, not {qty}")
        }
        RowProblem::TwoExpiries {
            lot,
            item,
            first,
            second,
        } => format!("lot {lot:?} of {item} is given two expiries ({first} and {second})"),
        RowProblem::NotMachine { location, kind } => {
            format!("location {location} is a {kind} location, not a machine location")
        }
        RowProblem::NotStockItem { item, item_type } => {
            format!("item {item} is a {item_type} item and holds no stock")
        }
        RowProblem::MinAboveMax { min, max } => format!("min {min} is above max {max}"),
    }
}

/// A report's warning: an operation ahead of an earlier count point.
#[must_use]
pub fn plan_warning(w: &PlanWarning) -> String {
    match w {
        PlanWarning::AheadOfCountPoint {
            operation,
            units,
            count_point,
            at,
        } => format!(
            "operation {operation} reaches {units} units, ahead of count point {count_point} at {at}"
        ),
    }
}

/// A kept result's warning: the plan's in words; an earlier version's as it worded it.
#[must_use]
pub fn result_warning(w: &ResultWarning) -> String {
    match w {
        ResultWarning::Plan(w) => plan_warning(w),
        ResultWarning::Kept(text) => text.clone(),
    }
}

/// What an import did not do, naming its row.
#[must_use]
pub fn import_warning(w: &ImportWarning) -> String {
    match w {
        ImportWarning::ReleasedOrderChanged { file, line, order } => format!(
            "{file}:{line}: order {order} is already released; its changed row is ignored (the order keeps its snapshot)"
        ),
    }
}

/// Where a line issues from, and why.
#[must_use]
pub fn location_source(source: &LocationSource) -> String {
    match source {
        LocationSource::BomSupply => "supply location of the BOM line".to_string(),
        LocationSource::WorkCenter(wc) => format!("machine location of work center {wc}"),
        LocationSource::Override => "override".to_string(),
    }
}

/// Why a line is issued by hand.
#[must_use]
pub fn manual_reason(reason: ManualReason) -> &'static str {
    match reason {
        ManualReason::OrderLineManual => "a lead set the order line to manual",
        ManualReason::BomLineManual => "the BOM line is not backflushed",
        ManualReason::ItemManual => "the item is not backflushed by default",
        ManualReason::WorkCenterManual => "its work center does not backflush",
        ManualReason::NonStock => "the item is non-stock",
        ManualReason::LotTrackedManualLots => "the item is lot-tracked and lot_selection is manual",
        ManualReason::SerialTracked => "the item is serial-tracked",
    }
}

/// A journal line's memo: its note in words, a reversal's with its prefix; the text an
/// earlier version wrote as it was written.
#[must_use]
pub fn journal_memo(memo: &Memo) -> String {
    match memo {
        Memo::Note(note) => journal_note(*note).to_string(),
        Memo::Reversal(note) => format!("reversal: {}", journal_note(*note)),
        Memo::Kept(text) => text.clone(),
    }
}

/// Why a posting wrote a journal line, in the words the journal kept before notes had codes.
#[must_use]
pub fn journal_note(note: JournalNote) -> &'static str {
    match note {
        JournalNote::MaterialIssued => "material issued",
        JournalNote::NonStockMaterialIssued => "non-stock material issued",
        JournalNote::LaborAbsorbed => "labor absorbed",
        JournalNote::OverheadAbsorbed => "overhead absorbed",
        JournalNote::FinishedGoodsReceived => "finished goods received",
        JournalNote::ParentUnitsScrapped => "parent units scrapped",
        JournalNote::LeadScrapAdjustment => "lead scrap adjustment",
        JournalNote::DeferredMaterialIssued => "deferred material issued",
        JournalNote::MaterialIssuedByHand => "material issued by hand",
        JournalNote::MaterialReturnedByHand => "material returned by hand",
        JournalNote::Transfer => "transfer",
        JournalNote::InventoryAdjustment => "inventory adjustment",
        JournalNote::SubstitutedComponentReturned => "substituted component returned",
        JournalNote::SubstituteIssued => "substitute issued",
        JournalNote::MaterialUsageVarianceSettled => "material usage variance settled",
        JournalNote::ProductionVarianceSettled => "production variance settled",
    }
}

/// A config file that cannot be used.
#[must_use]
pub fn config(e: &ConfigError) -> String {
    match e {
        ConfigError::Read { path, source } => {
            format!("cannot read the config file {path}: {source}")
        }
        ConfigError::Parse { path, problem } => {
            format!("config file {path}: {}", config_problem(problem))
        }
        ConfigError::TooLarge { path } => format!(
            "the config file {path} is larger than {} KiB; a configuration is a few lines of TOML",
            MAX_CONFIG_BYTES / 1024
        ),
    }
}

fn config_problem(p: &ConfigProblem) -> String {
    match p {
        ConfigProblem::Toml { line, cause } => format!("line {line}: {cause}"),
        ConfigProblem::Rules(problem) => rule_problem(problem),
        ConfigProblem::Text {
            key,
            problem: TextProblem::Control(c),
        } => format!(
            "{key} holds the control character U+{:04X}; it must be printable text",
            u32::from(*c)
        ),
        ConfigProblem::Text {
            key,
            problem: TextProblem::TooLong(n),
        } => format!("{key} has {n} characters; at most {MAX_CODE_CHARS} are accepted"),
        ConfigProblem::Language { value } => format!(
            "terminal.language {value:?} is not a shipped language ({})",
            Language::words()
        ),
        ConfigProblem::OutOfRange {
            key,
            value,
            min,
            max,
        } => format!("{key} {value} is outside its range {min}–{max}"),
    }
}

/// Why the plant's rules are refused, naming the key.
#[must_use]
pub fn rule_problem(p: &RuleProblem) -> String {
    match p {
        RuleProblem::Shape {
            key: Some(key),
            cause,
        } => format!("{key}: {cause}"),
        RuleProblem::Shape { key: None, cause } => cause.clone(),
        RuleProblem::OutOfRange {
            key,
            value,
            min,
            max,
        } => format!("{key} {value} is outside its range {min}–{max}"),
        RuleProblem::NoReason { key } => {
            format!("{key} is empty; it needs at least one reason code")
        }
        RuleProblem::Text {
            key,
            problem: TextProblem::Control(c),
        } => format!(
            "{key} holds the control character U+{:04X}; reason codes and account names must be printable text",
            u32::from(*c)
        ),
        RuleProblem::Text {
            key,
            problem: TextProblem::TooLong(n),
        } => format!(
            "{key} holds a text of {n} characters; reason codes and account names have at most {MAX_CODE_CHARS}"
        ),
        RuleProblem::NotATable { section } => format!("[{section}] must be a table"),
        RuleProblem::Value { key, cause } => format!("{key}: {cause}"),
        RuleProblem::Toml { cause, line } => format!("{cause} (line {line})"),
        RuleProblem::UnknownSection { section } => format!(
            "unknown key {section}: settings.toml holds only [policy], [reasons] and [accounts]"
        ),
    }
}

/// A config file's key the store's rules override.
#[must_use]
pub fn ignored(i: &Ignored) -> String {
    format!(
        "{}: {} is ignored: the store has users, so the plant's rules in the store apply (backflush settings)",
        i.origin, i.key
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::domain::ids::{ExceptionId, ReportId};
    use crate::domain::lots::{NotHeld, Uncovered};
    use crate::domain::reversal::LotGone;
    use crate::service::ErrorKind;

    fn q(text: &str) -> Quantity {
        crate::domain::qty::parse(text).unwrap()
    }

    /// The `kind` and the sentence of a refusal.
    fn said(e: impl Into<ServiceError>) -> (ErrorKind, String) {
        let e = e.into();
        (e.kind(), describe(&e))
    }

    fn refused(text: &str) -> (ErrorKind, String) {
        (ErrorKind::Refused, text.to_string())
    }

    #[test]
    fn the_store_causes_are_worded_as_the_store_said_them_before_they_were_data() {
        let store = |e: StoreError| describe(&ServiceError::Store(e));
        assert_eq!(
            store(StoreError::Open {
                path: "p.db".into(),
                cause: FileCause::Step {
                    step: FileStep::MakePrivate,
                    why: Box::new(FileCause::ReadOnlyDir { dir: "d".into() }),
                },
            }),
            "cannot open the store p.db: it cannot be made private (0600): its directory d is read-only or missing (SQLite keeps the -wal and -shm files beside the store)"
        );
        assert_eq!(
            store(StoreError::Backup {
                path: "b.db".into(),
                cause: FileCause::Exists,
            }),
            "cannot write the backup b.db: a file of that name exists; a backup never replaces one; nothing was left under that name"
        );
        assert_eq!(
            store(StoreError::Foreign {
                path: "f.db".into(),
                why: ForeignWhy::ApplicationId(0x1234),
            }),
            "f.db is not a backflush store: it is another application's SQLite database, application_id 0x00001234; nothing was written to it"
        );
        assert_eq!(
            store(StoreError::Damaged {
                path: "p.db".into(),
                detail: Damage::BadValue(BadValue::Word {
                    column: StoredWord::LocationKind,
                    value: "attic".into(),
                }),
            }),
            "the store p.db is damaged: it holds a bad value: location kind attic"
        );
        let (kind, text) = said(StoreError::NoReport {
            report: ReportId(9),
        });
        assert_eq!(
            (kind, text.as_str()),
            (ErrorKind::NotFound, "report 9 does not exist")
        );
        assert_eq!(
            store(StoreError::Corrupt(BadValue::MovementKind {
                movement: 4,
                kind: "teleport".into(),
            })),
            "the store holds a bad value: movement 4 has the unknown kind \"teleport\""
        );
    }

    #[test]
    fn a_code_that_names_nothing_and_a_refused_pin_are_named() {
        let e = ServiceError::not_found(Thing::Order, "WO-9");
        assert_eq!(describe(&e), "order WO-9 does not exist");
        let e = ServiceError::not_found(Thing::Item, "X");
        assert_eq!(describe(&e), "unknown item X");
        let e = ServiceError::from(AuthError::WrongPin {
            badge: "1001".into(),
            attempts_left: 4,
            locked_until: None,
        });
        assert_eq!(describe(&e), "wrong PIN for badge 1001; 4 attempts left");
        let e = ServiceError::from(AuthError::Busy {
            badge: "1001".into(),
        });
        assert_eq!(
            describe(&e),
            "badge 1001 has PIN checks in progress that hold every attempt left; try again in a moment"
        );
    }

    #[test]
    fn a_refusal_is_refused_and_names_the_report_line_and_exception() {
        assert_eq!(
            said(Refusal::NoTerminal),
            refused(
                "the full-screen terminal needs a terminal on standard output; use the commands (backflush --help) in scripts"
            )
        );
        assert_eq!(
            said(Refusal::ReportReversed {
                report: ReportId(4)
            }),
            refused("report 4 is reversed")
        );
        assert_eq!(
            said(Refusal::ManualLine {
                report: ReportId(4),
                line: "2.1".into(),
            }),
            refused("line 2.1 of report 4 is a manual-issue line; it was not issued here")
        );
        assert_eq!(
            said(Refusal::AlwaysManual {
                order: "WO-1".into(),
                line: "3".into(),
                component: "RM-SER".into(),
                reason: ManualReason::SerialTracked,
            }),
            refused(
                "line 3 (RM-SER) of order WO-1 cannot be set to backflush: the item is serial-tracked; it is issued by hand"
            )
        );
        assert_eq!(
            said(Refusal::ExceptionNotOpen { id: ExceptionId(9) }),
            refused("exception 9 is not open")
        );
    }

    #[test]
    fn a_stock_refusal_names_the_item_location_and_quantities() {
        assert_eq!(
            said(Refusal::NotOnHand {
                item: "RM-BOLT".into(),
                location: "M-ASM".into(),
                needed: q("2.50"),
                on_hand: q("1"),
            }),
            refused("2.5 RM-BOLT needed at M-ASM, only 1 on hand")
        );
        assert_eq!(
            said(Refusal::LotsUncovered {
                item: "RM-RESIN".into(),
                location: "M-ASM".into(),
                available: q("3"),
                shortfall: q("2"),
            }),
            refused("RM-RESIN at M-ASM: the unexpired lots hold only 3; name the lots with --lot")
        );
    }

    #[test]
    fn the_store_refusals_stay_refused() {
        assert_eq!(
            said(StoreError::from(StoreRefusal::AlreadyReversed {
                report: ReportId(5)
            })),
            refused("report 5 is already reversed")
        );
        assert_eq!(
            said(StoreError::from(StoreRefusal::AckPastLast {
                consumer: "erp".into(),
                through: 9,
                last: 6,
            })),
            refused("consumer erp cannot acknowledge seq 9: the last seq of the store is 6")
        );
        assert_eq!(
            said(StoreError::Random {
                cause: "no entropy".into()
            }),
            refused("the OS random source failed: no entropy")
        );
        assert_eq!(
            said(ImportError::Store(StoreError::from(
                StoreRefusal::AlreadyReversed {
                    report: ReportId(5)
                }
            ))),
            refused("report 5 is already reversed")
        );
    }

    #[test]
    fn an_unkeepable_result_names_its_key() {
        let not_json = std::collections::BTreeMap::from([((1, 2), 3)]);
        let cause = serde_json::to_string(&not_json).unwrap_err();
        assert_eq!(
            said(ServiceError::Unkeepable {
                key: "k-7".into(),
                cause,
            }),
            refused("cannot keep the result of key k-7: key must be a string")
        );
    }

    #[test]
    fn a_failed_batch_group_says_its_failure_for_each_report_as_refused() {
        let group = Arc::new(ServiceError::not_found(Thing::Order, "WO-9"));
        let (first, second) = (
            ServiceError::BatchGroup {
                group: Arc::clone(&group),
            },
            ServiceError::BatchGroup { group },
        );
        assert_eq!(said(first), refused("order WO-9 does not exist"));
        assert_eq!(said(second), refused("order WO-9 does not exist"));
    }

    fn transfer(why: TransferRefusal) -> String {
        store_refusal(&StoreRefusal::Transfer {
            item: "RM-BOLT".into(),
            qty: q("5"),
            from: "STORES".into(),
            why,
        })
    }

    #[test]
    fn a_reversal_names_the_report_and_where_the_lot_is_now() {
        assert_eq!(
            store_refusal(&StoreRefusal::AlreadyReversed {
                report: ReportId(7)
            }),
            "report 7 is already reversed"
        );
        let gone = LotGone {
            item: "RM-RESIN".into(),
            lot: "L1".into(),
            location: "M-ASM".into(),
            wanted: q("4"),
            holds: q("1.5"),
        };
        let refusal = |now: Vec<(LocationCode, Quantity)>| {
            store_refusal(&StoreRefusal::LotGone {
                report: ReportId(3),
                gone: gone.clone(),
                now,
            })
        };
        assert_eq!(
            refusal(vec![
                ("M-ASM".into(), q("1.5")),
                ("STORES".into(), q("2.5"))
            ]),
            "report 3 cannot be reversed: it would take 4 of lot L1 of RM-RESIN out of M-ASM, which holds 1.5; the lot is now 1.5 at M-ASM, 2.5 at STORES"
        );
        assert_eq!(
            refusal(Vec::new()),
            "report 3 cannot be reversed: it would take 4 of lot L1 of RM-RESIN out of M-ASM, which holds 1.5; the lot is now nowhere in stock (consumed)"
        );
    }

    #[test]
    fn a_transfer_names_what_it_moves_and_why_not() {
        assert_eq!(
            transfer(TransferRefusal::Short { on_hand: q("2") }),
            "transfer of 5 RM-BOLT from STORES refused: only 2 on hand there"
        );
        assert_eq!(
            transfer(TransferRefusal::Untracked),
            "transfer of 5 RM-BOLT from STORES refused: RM-BOLT is not lot- or serial-tracked; it takes no --lot"
        );
        assert_eq!(
            transfer(TransferRefusal::Lots(TakeError::NotHeld(NotHeld {
                lot: "L2".into(),
                holds: q("1"),
                wanted: q("5"),
            }))),
            "transfer of 5 RM-BOLT from STORES refused: lot \"L2\" holds 1 there, not 5"
        );
        assert_eq!(
            transfer(TransferRefusal::Lots(TakeError::Uncovered(Uncovered {
                available: q("3"),
                shortfall: q("2"),
            }))),
            "transfer of 5 RM-BOLT from STORES refused: its unexpired lots there hold only 3"
        );
        assert_eq!(
            transfer(TransferRefusal::Lots(TakeError::Allocation(
                AllocationError::QtyNeeded { lot: "L3".into() }
            ))),
            "transfer of 5 RM-BOLT from STORES refused: --lot: lot \"L3\" needs a quantity (LOT:QTY) when several lots are named"
        );
    }

    #[test]
    fn an_acknowledgement_names_the_consumer_and_the_seqs() {
        assert_eq!(
            store_refusal(&StoreRefusal::AckBackwards {
                consumer: "erp".into(),
                through: 3,
                previous: 5,
            }),
            "consumer erp cannot acknowledge seq 3: it has acknowledged through 5 already (acknowledging goes forward only)"
        );
        assert_eq!(
            store_refusal(&StoreRefusal::AckPastLast {
                consumer: "erp".into(),
                through: 9,
                last: 6,
            }),
            "consumer erp cannot acknowledge seq 9: the last seq of the store is 6"
        );
    }

    #[test]
    fn a_role_an_approval_and_a_used_key_are_said_as_before() {
        use crate::service::auth::Role;
        let forbidden = ServiceError::Forbidden {
            user: "1001".into(),
            role: Role::Handler,
            action: Permission::Report,
            needs: vec![Role::Operator, Role::Lead],
            approvable: false,
        };
        assert_eq!(
            describe(&forbidden),
            "1001 (handler) may not report production; it needs the role operator or lead"
        );
        let approval = ServiceError::NeedsApproval {
            user: "1001".into(),
            role: Some(Role::Operator),
            needs: Approval::LargerOverride {
                line: "2".into(),
                item: "RM-BOLT".into(),
                planned: q("4"),
                tolerance_pct: rust_decimal::Decimal::from(10),
            },
        };
        assert_eq!(
            describe(&approval),
            "1001 (operator) may not post a larger override alone: line 2 (RM-BOLT) differs from planned 4 by more than 10%; a lead must approve with badge and PIN"
        );
        let expired = ServiceError::NeedsApproval {
            user: "1001".into(),
            role: None,
            needs: Approval::ExpiredLot {
                line: "3".into(),
                item: "RM-RESIN".into(),
                lots: vec!["L1".into(), "L2".into()],
            },
        };
        assert_eq!(
            describe(&expired),
            "1001 may not issue an expired lot alone: line 3 (RM-RESIN) names expired lot L1, L2; a lead must approve with badge and PIN"
        );
        let conflict = ServiceError::Conflict {
            key: "k1".into(),
            first: FirstUse::Report(ReportId(5)),
        };
        assert_eq!(
            describe(&conflict),
            "key k1 was already used for a different request (report 5); use a new key"
        );
        assert_eq!(
            describe(
                &AuthError::NoUser {
                    action: Permission::Issue
                }
                .into()
            ),
            "users exist, so to issue material by hand give --user BADGE (PIN in BACKFLUSH_PIN)"
        );
        assert_eq!(
            describe(&ServiceError::io(IoWhat::Read("a/s.toml".into()), "gone")),
            "cannot read a/s.toml: gone"
        );
    }

    #[test]
    fn an_import_row_names_its_file_line_and_problem() {
        let row = |problem: RowProblem| {
            import(&ImportError::Row {
                file: "stock.csv".into(),
                line: 4,
                problem: Box::new(problem),
            })
        };
        assert_eq!(
            row(RowProblem::Duplicate(Duplicate::Balance {
                item: "RM-RESIN".into(),
                lot: Some("L1".into()),
                location: "STORES".into(),
            })),
            "stock.csv:4: duplicate balance of RM-RESIN lot \"L1\" at STORES"
        );
        assert_eq!(
            row(RowProblem::FactorDisagrees {
                from: "BOX".into(),
                to: "EA".into(),
                text: "12".into(),
                item: None,
                other: q("10"),
                reverse: false,
            }),
            "stock.csv:4: 1 BOX = 12 EA for every item disagrees with an earlier row (1 BOX = 10 EA)"
        );
        assert_eq!(
            import(&ImportError::Files(FilesProblem::NotADirectory {
                dir: "x".into()
            })),
            "x is not a directory"
        );
    }
}
