//! The plan of a report's posting: its own rows, the movements of the lines that move stock
//! and of the finished goods, the exceptions of its deferred lines, its non-stock hand
//! issues, and its journal entry.

use std::collections::BTreeMap;

use super::{
    Entry, EntryKind, EntryOf, ExceptionChange, LedgerMove, OpenedException, PostingKind,
    PostingPlan, Record, ReportRecord,
};
use crate::domain::backflush::{LineStatus, ReportPlan};
use crate::domain::ids::ReportId;
use crate::domain::journal::AccountNames;
use crate::domain::lots::split_lots;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::Quantity;

/// A planned report and what it is posted under. The plan, its result and codes move into
/// the report's own record rather than being copied: a batch posts thousands.
#[derive(Debug, Clone)]
pub struct ReportPosting<'a> {
    pub id: ReportId,
    pub key: &'a str,
    pub plan: ReportPlan,
    /// The first result (JSON), kept on the report.
    pub result: String,
    /// The reason code of each overridden or skipped line.
    pub codes: BTreeMap<String, String>,
    /// Whether the order's lines keep their progress (after a first reversal).
    pub lines_stored: bool,
}

/// The posting of a report. A backflushed line's movements carry its override code; a
/// manual line issued by hand with the report is a hand issue with no reason; each lot of a
/// tracked line is its own movement, the issue taking the lots first, the component scrap
/// the rest.
#[must_use]
pub fn plan(r: ReportPosting<'_>, names: &AccountNames) -> PostingPlan {
    let p = &r.plan;
    let mut out = PostingPlan::new(PostingKind::Report(r.id));
    // One movement a line and the receipt, most often.
    out.movements.reserve(p.lines.len() + 1);
    for line in &p.lines {
        if line.status == LineStatus::Deferred {
            out.exceptions.push(ExceptionChange::Open(OpenedException {
                report: r.id,
                line: line.line.clone(),
                order: p.order.clone(),
                item: line.item.clone(),
                location: line.location.clone(),
                qty: line.total(),
                shortfall: line.shortfall,
            }));
        } else if line.non_stock && line.is_hand_issue() {
            out.records.push(Record::NonStock {
                order: p.order.clone(),
                line: line.line.clone(),
                report: Some(r.id),
                item: line.item.clone(),
                qty: line.qty,
                std_cost: line.unit_cost,
            });
        }
    }
    for line in p.lines.iter().filter(|l| l.moves_stock()) {
        let (kind, source, reason) = if line.is_hand_issue() {
            (MovementKind::ManualIssue, Source::HandIssue, None)
        } else {
            (
                MovementKind::Issue,
                Source::Backflush,
                r.codes.get(&line.line),
            )
        };
        // Each movement is pushed as it is made: no list of them in between.
        let mut push = |k: MovementKind, lot: Option<String>, q: Quantity| {
            let mut m = LedgerMove::new(k, source, &line.item, &line.location, -q);
            m.lot = lot;
            m.report = Some(r.id);
            m.line = Some(line.line.clone());
            m.reason = reason.cloned();
            out.movements.push(m);
        };
        if line.lots.is_empty() {
            for (k, q) in [
                (kind, line.qty),
                (MovementKind::ComponentScrap, line.line_scrap),
            ] {
                if !q.is_zero() {
                    push(k, None, q);
                }
            }
        } else {
            let (issue, scrap) = split_lots(&line.lots, line.qty);
            for l in issue {
                push(kind, Some(l.lot), l.qty);
            }
            for l in scrap {
                push(MovementKind::ComponentScrap, Some(l.lot), l.qty);
            }
        }
    }
    if let Some(receipt) = &p.receipt {
        let mut push = |lot: Option<String>, q: Quantity| {
            let mut m = LedgerMove::new(
                MovementKind::Receipt,
                Source::Receipt,
                &receipt.item,
                &receipt.location,
                q,
            );
            m.lot = lot;
            m.report = Some(r.id);
            out.movements.push(m);
        };
        if receipt.lots.is_empty() {
            push(None, receipt.qty);
        } else {
            for l in &receipt.lots {
                push(Some(l.lot.clone()), l.qty);
            }
        }
    }
    out.journal(Entry::new(
        EntryKind::Report,
        EntryOf::report(r.id, &p.order),
        &p.journal,
        names,
    ));
    // The report's own rows first: the records after it name the report.
    out.records.insert(
        0,
        Record::Report(Box::new(ReportRecord {
            id: r.id,
            key: r.key.to_string(),
            plan: r.plan,
            result: r.result,
            codes: r.codes,
            lines_stored: r.lines_stored,
        })),
    );
    out
}
