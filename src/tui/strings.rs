//! Words the terminal shows in more than one place, gathered so they read the same
//! everywhere; those moved to the catalogs are looked up in the operator's language
//! ([`super::i18n`]).

use super::i18n::{Arg, Msg, t, tr};
use crate::domain::backflush::{
    LotProblem, Over, OverrideProblem, QtyField, QtyProblem, ReportError,
};
use crate::domain::lots::{AllocationError, LinePlanError, TakeError};
use crate::domain::plant_rules::RuleProblem;
use crate::domain::text::{MAX_CODE_CHARS, TextProblem};
use crate::service::{
    Approval, AuthError, Field, Owner, Refusal, ServiceError, StoreError, StoreRefusal, Thing,
    TransferRefusal, Why,
};

/// A refusal or failure of a service call as the status line says it, in the operator's
/// language. A failure the terminal cannot mend (the store's, a file's) keeps the command
/// line's detail inside the catalog's frame.
#[must_use]
pub fn refusal(e: &ServiceError) -> String {
    match e {
        ServiceError::Report(e) => report_refusal(e),
        ServiceError::Auth(e) => auth(e),
        ServiceError::NotFound { what, code } => not_found(*what, code),
        ServiceError::NoLine { owner, key } => tr(
            Msg::RefusedNoLine,
            &[("owner", self::owner(owner).into()), ("key", key.into())],
        ),
        ServiceError::Forbidden {
            user,
            role,
            action,
            needs,
            ..
        } => tr(
            Msg::RefusedForbidden,
            &[
                ("user", user.into()),
                ("role", self::role(*role).into()),
                ("action", self::action(*action).into()),
                ("roles", any_of(needs.iter().map(|r| self::role(*r))).into()),
            ],
        ),
        ServiceError::NeedsApproval { user, role, needs } => {
            let user = match role {
                Some(r) => format!("{user} ({})", self::role(*r)),
                None => user.clone(),
            };
            match needs {
                Approval::LargerOverride {
                    line,
                    item,
                    planned,
                    tolerance_pct,
                } => tr(
                    Msg::RefusedNeedsLeadOverride,
                    &[
                        ("user", user.into()),
                        ("line", text(line)),
                        ("item", text(item)),
                        ("planned", Arg::Number(planned.0)),
                        ("pct", Arg::Number(*tolerance_pct)),
                    ],
                ),
                Approval::ExpiredLot { line, item, lots } => tr(
                    Msg::RefusedNeedsLeadExpired,
                    &[
                        ("user", user.into()),
                        ("line", text(line)),
                        ("item", text(item)),
                        ("lots", lots.join(", ").into()),
                    ],
                ),
                Approval::UndoWindow {
                    report,
                    undo_minutes,
                    ago,
                } => tr(
                    Msg::RefusedNeedsLeadUndoWindow,
                    &[
                        ("user", user.into()),
                        ("report", text(report)),
                        ("minutes", Arg::Count(*undo_minutes)),
                        ("ago", Arg::Count((*ago).max(*undo_minutes))),
                    ],
                ),
            }
        }
        ServiceError::Conflict { .. } | ServiceError::KeyUsed { .. } => t(Msg::RefusedKeyUsed),
        ServiceError::Refused(r) => refused(r),
        ServiceError::Store(StoreError::Refused(r)) => match store_refusal(r) {
            Some(said) => said,
            None => failure(crate::words::describe(e)),
        },
        ServiceError::Store(_) => tr(
            Msg::RefusedStore,
            &[("detail", crate::words::describe(e).into())],
        ),
        ServiceError::Invalid { field, value, why } => match invalid(field, value, why) {
            Some(said) => said,
            None => failure(crate::words::describe(e)),
        },
        ServiceError::Import(_)
        | ServiceError::Issue(_)
        | ServiceError::LotNeverHeld { .. }
        | ServiceError::Io { .. }
        | ServiceError::Unkeepable { .. }
        | ServiceError::BatchGroup { .. } => failure(crate::words::describe(e)),
    }
}

/// A report's warning, as the report screen says it.
#[must_use]
pub fn plan_warning(w: &crate::domain::backflush::PlanWarning) -> String {
    crate::words::plan_warning(w)
}

/// Why a line is issued by hand, as the report screen explains it.
#[must_use]
pub fn manual_reason(reason: crate::domain::backflush::ManualReason) -> &'static str {
    crate::words::manual_reason(reason)
}

/// Where a line issues from, as the report screen explains it.
#[must_use]
pub fn location_source(source: &crate::domain::backflush::LocationSource) -> String {
    crate::words::location_source(source)
}

/// A value refused, naming the input it came from; `None` for an input or a reason only the
/// command line meets (its own wording stays).
fn invalid(field: &Field, value: &str, why: &Why) -> Option<String> {
    if let Why::Config { problem } = why {
        return Some(tr(
            Msg::RefusedConfig,
            &[("file", text(value)), ("why", rule_problem(problem).into())],
        ));
    }
    let field = match field {
        Field::Qty => t(Msg::FieldQty),
        Field::Count => t(Msg::FieldCount),
        Field::Lot => t(Msg::FieldLot),
        Field::LotsOf(item) => tr(Msg::FieldLotsOf, &[("item", text(item))]),
        Field::Reason | Field::KindReason(_) => t(Msg::FieldReason),
        Field::ReversalReason => t(Msg::FieldReversalReason),
        Field::Substitute => t(Msg::FieldSubstitute),
        Field::SubstituteQty => t(Msg::FieldSubstituteQty),
        Field::ReturnQty => t(Msg::FieldReturnQty),
        Field::ScrapAdjustment => t(Msg::FieldScrapAdjustment),
        Field::Correction => t(Msg::FieldCorrection),
        Field::Line => t(Msg::FieldLine),
        Field::Item => t(Msg::FieldItem),
        Field::Order => t(Msg::FieldOrder),
        Field::Location => t(Msg::FieldLocation),
        Field::TransferTo => t(Msg::FieldTransferTo),
        Field::TransferQty => t(Msg::FieldTransferQty),
        Field::Code(what) => thing(*what),
        Field::Db | Field::Days | Field::Consumer | Field::Config => return None,
    };
    let said = match why {
        Why::SerialCount { item } => tr(Msg::WhySerialCount, &[("item", text(item))]),
        Why::CountDiffers {
            book, diff, limit, ..
        } => tr(
            Msg::WhyCountDiffers,
            &[
                ("book", Arg::Number(book.0)),
                ("diff", signed(diff.0)),
                ("limit", Arg::Number(*limit)),
            ],
        ),
        Why::Untracked { item } => tr(Msg::WhyUntracked, &[("item", text(item))]),
        Why::LotNeeded { item, .. } => tr(Msg::WhyLotNeeded, &[("item", text(item))]),
        Why::NotOneOf { codes } => tr(Msg::WhyNotOneOf, &[("codes", codes.join(", ").into())]),
        Why::AlreadyTheItem { line } => tr(Msg::WhyAlreadyTheItem, &[("line", text(line))]),
        Why::NotPositive => t(Msg::WhyNotPositive),
        Why::ExceedsIssued { issued, line, .. } => tr(
            Msg::WhyExceedsIssued,
            &[("issued", Arg::Number(issued.0)), ("line", text(line))],
        ),
        Why::NothingIssued { report, item } => tr(
            Msg::WhyNothingIssued,
            &[("report", text(report)), ("item", text(item))],
        ),
        Why::ChangesNothing => t(Msg::WhyChangesNothing),
        Why::OutOfRange { min, max } => tr(
            Msg::WhyOutOfRange,
            &[("min", Arg::Count(*min)), ("max", Arg::Count(*max))],
        ),
        Why::SameAsFrom { from } => tr(Msg::WhySameAsFrom, &[("from", text(from))]),
        Why::ExceedsScrap { scrap, line } => tr(
            Msg::WhyExceedsScrap,
            &[("scrap", Arg::Number(scrap.0)), ("line", text(line))],
        ),
        Why::NotMachine { kind } => tr(Msg::WhyNotMachine, &[("kind", text(kind))]),
        Why::NotLotTracked => t(Msg::WhyNotLotTracked),
        Why::DiffersInCase { codes } => {
            tr(Msg::WhyDiffersInCase, &[("codes", codes.join(", ").into())])
        }
        Why::OnLines { lines, owner } => tr(
            Msg::WhyOnLines,
            &[
                ("lines", lines.join(", ").into()),
                ("owner", self::owner(owner).into()),
            ],
        ),
        Why::NonStock { item } => tr(Msg::WhyNonStock, &[("item", text(item))]),
        Why::HoldsNoStock { .. } => t(Msg::WhyHoldsNoStock),
        Why::NotAName => t(Msg::WhyNotAName),
        Why::Empty => t(Msg::WhyEmpty),
        Why::Matches { orders, more } => {
            let mut orders = orders.join(", ");
            if *more {
                orders.push_str(", …");
            }
            tr(Msg::WhyMatches, &[("orders", orders.into())])
        }
        Why::LotsDoNotFit(e) => match e {
            LinePlanError::Take(TakeError::Allocation(a)) | LinePlanError::Allocation(a) => {
                allocation(a)?
            }
            LinePlanError::Take(TakeError::Uncovered(u)) => tr(
                Msg::LotUncovered,
                &[("available", Arg::Number(u.available.0))],
            ),
            LinePlanError::Take(TakeError::NotHeld(_)) | LinePlanError::Return(_) => return None,
        },
        Why::Exists | Why::Config { .. } => return None,
    };
    // A value that may be empty or hold anything is quoted.
    let quoted = matches!(
        why,
        Why::LotsDoNotFit(_) | Why::NotOneOf { .. } | Why::NotAName | Why::Empty
    );
    let value = if quoted || value.is_empty() {
        format!("{value:?}")
    } else {
        value.to_string()
    };
    Some(tr(
        Msg::RefusedInvalid,
        &[
            ("field", field.into()),
            ("value", value.into()),
            ("why", said.into()),
        ],
    ))
}

/// A difference with its sign: `+2`, `-1,5`.
fn signed(value: rust_decimal::Decimal) -> Arg {
    let shown = super::i18n::number(value);
    Arg::Text(if value.is_sign_negative() {
        shown
    } else {
        format!("+{shown}")
    })
}

/// A lot as a refusal names it: the unknown lot is `""`.
fn lot_name(lot: &str) -> String {
    if lot.is_empty() {
        "\"\"".to_string()
    } else {
        lot.to_string()
    }
}

/// Why a `LOT[:QTY],…` allocation is refused; `None` where only the command line words it.
fn allocation(e: &AllocationError) -> Option<String> {
    Some(match e {
        AllocationError::BadPart { part, .. } => {
            tr(Msg::LotBadPart, &[("part", format!("{part:?}").into())])
        }
        AllocationError::TooManyDecimals { lot, qty, decimals } => tr(
            Msg::LotTooManyDecimals,
            &[
                ("lot", lot_name(lot).into()),
                ("qty", Arg::Number(qty.0)),
                ("decimals", Arg::Count(i64::from(*decimals))),
            ],
        ),
        AllocationError::QtyNeeded { lot } => {
            tr(Msg::LotQtyNeeded, &[("lot", lot_name(lot).into())])
        }
        AllocationError::Duplicate { lot } => {
            tr(Msg::LotDuplicate, &[("lot", lot_name(lot).into())])
        }
        AllocationError::SerialQty { lot, qty } => tr(
            Msg::LotSerialQty,
            &[("lot", lot_name(lot).into()), ("qty", Arg::Number(qty.0))],
        ),
        AllocationError::Sum { total, expected } => tr(
            Msg::LotSum,
            &[
                ("total", Arg::Number(total.0)),
                ("expected", Arg::Number(expected.0)),
            ],
        ),
        AllocationError::Untracked => t(Msg::LotUntracked),
    })
}

/// Why a line's lots are refused.
fn lot_problem(reason: &LotProblem) -> Option<String> {
    Some(match reason {
        LotProblem::Untracked => t(Msg::LotUntracked),
        LotProblem::ManualWithoutQty => t(Msg::LotManualWithoutQty),
        LotProblem::Allocation(a) => allocation(a)?,
        LotProblem::NotAt { lot, location } => tr(
            Msg::LotNotAt,
            &[("lot", lot_name(lot).into()), ("location", text(location))],
        ),
        LotProblem::NotHeld {
            lot,
            location,
            holds,
            wanted,
        } => tr(
            Msg::LotNotHeld,
            &[
                ("lot", lot_name(lot).into()),
                ("holds", Arg::Number(holds.0)),
                ("location", text(location)),
                ("wanted", Arg::Number(wanted.0)),
            ],
        ),
        LotProblem::NeedsLots { .. } => t(Msg::LotNeedsLots),
    })
}

/// A write the store refused; `None` for an export's acknowledgement (the command line's).
fn store_refusal(r: &StoreRefusal) -> Option<String> {
    Some(match r {
        StoreRefusal::AlreadyReversed { report } => {
            tr(Msg::RefusedAlreadyReversed, &[("report", text(report))])
        }
        StoreRefusal::LotGone { report, gone, .. } => tr(
            Msg::RefusedLotGone,
            &[
                ("report", text(report)),
                ("lot", lot_name(&gone.lot).into()),
                ("item", text(&gone.item)),
                ("location", text(&gone.location)),
                ("holds", Arg::Number(gone.holds.0)),
                ("wanted", Arg::Number(gone.wanted.0)),
            ],
        ),
        StoreRefusal::Transfer {
            item,
            qty,
            from,
            why,
        } => {
            let why = match why {
                TransferRefusal::Short { on_hand } => {
                    tr(Msg::TransferShort, &[("on_hand", Arg::Number(on_hand.0))])
                }
                TransferRefusal::Untracked => t(Msg::LotUntracked),
                TransferRefusal::Lots(TakeError::Allocation(a)) => allocation(a)?,
                TransferRefusal::Lots(TakeError::NotHeld(n)) => tr(
                    Msg::LotNotHeld,
                    &[
                        ("lot", lot_name(&n.lot).into()),
                        ("holds", Arg::Number(n.holds.0)),
                        ("location", text(from)),
                        ("wanted", Arg::Number(n.wanted.0)),
                    ],
                ),
                TransferRefusal::Lots(TakeError::Uncovered(u)) => tr(
                    Msg::LotUncovered,
                    &[("available", Arg::Number(u.available.0))],
                ),
            };
            tr(
                Msg::RefusedTransfer,
                &[
                    ("qty", Arg::Number(qty.0)),
                    ("item", text(item)),
                    ("from", text(from)),
                    ("why", why.into()),
                ],
            )
        }
        StoreRefusal::AckBackwards { .. } | StoreRefusal::AckPastLast { .. } => return None,
    })
}

/// A failure worded by the command line, inside the catalog's frame.
fn failure(detail: String) -> String {
    tr(Msg::RefusedFailure, &[("detail", detail.into())])
}

fn text(value: impl std::fmt::Display) -> Arg {
    Arg::Text(value.to_string())
}

/// A role as the operator's language names it.
#[must_use]
pub fn role(role: crate::service::auth::Role) -> String {
    use crate::service::auth::Role;
    t(match role {
        Role::Operator => Msg::RoleOperator,
        Role::Lead => Msg::RoleLead,
        Role::Handler => Msg::RoleHandler,
        Role::Admin => Msg::RoleAdmin,
        Role::Integration => Msg::RoleIntegration,
    })
}

/// A role given as its word in files (`operator`), in the operator's language; a word that
/// names no role shows as it is.
#[must_use]
pub fn role_word(word: &str) -> String {
    crate::service::auth::Role::parse(word).map_or_else(|| word.to_string(), role)
}

fn action(action: crate::service::auth::Permission) -> String {
    use crate::service::auth::Permission as P;
    t(match action {
        P::Report => Msg::ActionReport,
        P::Reverse => Msg::ActionReverse,
        P::LeadApproval => Msg::ActionLeadApproval,
        P::Handle => Msg::ActionHandle,
        P::Administer => Msg::ActionAdminister,
        P::ExportAck => Msg::ActionExportAck,
        P::Backup => Msg::ActionBackup,
        P::Unlock => Msg::ActionUnlock,
        P::Issue => Msg::ActionIssue,
        P::LineFlag => Msg::ActionLineFlag,
        P::CancelException => Msg::ActionCancelException,
        P::Close => Msg::ActionClose,
        P::Reopen => Msg::ActionReopen,
    })
}

fn thing(what: Thing) -> String {
    t(match what {
        Thing::Item => Msg::ThingItem,
        Thing::Location => Msg::ThingLocation,
        Thing::WorkCenter => Msg::ThingWorkCenter,
        Thing::Order => Msg::ThingOrder,
        Thing::Report => Msg::ThingReport,
        Thing::Exception => Msg::ThingException,
        Thing::Lot => Msg::ThingLot,
        Thing::Consumer => Msg::ThingConsumer,
        Thing::Badge => Msg::ThingBadge,
    })
}

fn not_found(what: Thing, code: &str) -> String {
    tr(
        Msg::RefusedNotFound,
        &[("thing", thing(what).into()), ("code", code.into())],
    )
}

fn owner(owner: &Owner) -> String {
    match owner {
        Owner::Report(id) => tr(Msg::OwnerReport, &[("id", text(id))]),
        Owner::Order(order) => tr(Msg::OwnerOrder, &[("order", text(order))]),
    }
}

/// A refused login or PIN.
fn auth(e: &AuthError) -> String {
    // A lock-out ends at a time of day as the terminal's own clock shows it.
    let clock = |t: &chrono::DateTime<chrono::Utc>| -> Arg {
        t.with_timezone(&chrono::Local)
            .format("%H:%M")
            .to_string()
            .into()
    };
    match e {
        AuthError::UnknownBadge { badge } => tr(Msg::AuthUnknownBadge, &[("badge", text(badge))]),
        AuthError::NoUser { action } => {
            tr(Msg::AuthNoUser, &[("action", self::action(*action).into())])
        }
        AuthError::PinMissing { badge } => tr(Msg::AuthPinMissing, &[("badge", text(badge))]),
        AuthError::WrongPin {
            badge,
            attempts_left: 0,
            locked_until: Some(until),
        } => tr(
            Msg::AuthWrongPinLocked,
            &[("badge", text(badge)), ("until", clock(until))],
        ),
        AuthError::WrongPin {
            badge,
            attempts_left,
            ..
        } => tr(
            Msg::AuthWrongPin,
            &[
                ("badge", text(badge)),
                ("attempts", Arg::Count(i64::from(*attempts_left))),
            ],
        ),
        AuthError::Locked { badge, until } => tr(
            Msg::AuthLocked,
            &[("badge", text(badge)), ("until", clock(until))],
        ),
        AuthError::NotALead { badge, role } => tr(
            Msg::AuthNotALead,
            &[("badge", text(badge)), ("role", self::role(*role).into())],
        ),
        AuthError::Busy { badge } => tr(Msg::AuthBusy, &[("badge", text(badge))]),
        AuthError::PinUnreadable { badge, .. } => {
            tr(Msg::AuthPinUnreadable, &[("badge", text(badge))])
        }
    }
}

fn refused(r: &Refusal) -> String {
    match r {
        Refusal::NoTerminal => t(Msg::RefusedNoTerminal),
        Refusal::ReportReversed { report } => {
            tr(Msg::RefusedReportReversed, &[("report", text(report))])
        }
        Refusal::ManualLine { report, line } => tr(
            Msg::RefusedManualLine,
            &[("report", text(report)), ("line", text(line))],
        ),
        Refusal::NotOnHand {
            item,
            location,
            needed,
            on_hand,
        } => tr(
            Msg::RefusedNotOnHand,
            &[
                ("item", text(item)),
                ("location", text(location)),
                ("needed", Arg::Number(needed.0)),
                ("on_hand", Arg::Number(on_hand.0)),
            ],
        ),
        Refusal::LotsUncovered {
            item,
            location,
            available,
            ..
        } => tr(
            Msg::RefusedLotsUncovered,
            &[
                ("item", text(item)),
                ("location", text(location)),
                ("available", Arg::Number(available.0)),
            ],
        ),
        Refusal::AlwaysManual {
            order,
            line,
            component,
            ..
        } => tr(
            Msg::RefusedAlwaysManual,
            &[
                ("order", text(order)),
                ("line", text(line)),
                ("item", text(component)),
            ],
        ),
        Refusal::ExceptionNotOpen { id } => tr(Msg::RefusedExceptionNotOpen, &[("id", text(id))]),
        Refusal::OrderClosed { order } => tr(Msg::RefusedOrderClosed, &[("order", text(order))]),
        Refusal::OpenExceptions { order, exceptions } => tr(
            Msg::RefusedOpenExceptions,
            &[
                ("order", text(order)),
                (
                    "exceptions",
                    exceptions
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        ),
        Refusal::ShortNeedsReason { order, good, qty } => tr(
            Msg::RefusedShortNeedsReason,
            &[
                ("order", text(order)),
                ("good", Arg::Number(good.0)),
                ("qty", Arg::Number(qty.0)),
            ],
        ),
        Refusal::OrderNotClosed { order } => {
            tr(Msg::RefusedOrderNotClosed, &[("order", text(order))])
        }
    }
}

/// A report the preview cannot plan, as the status line says it, in the operator's language.
#[must_use]
pub fn report_refusal(e: &ReportError) -> String {
    match e {
        ReportError::UnknownOperation { order, operation } => tr(
            Msg::ReportUnknownOperation,
            &[("order", text(order)), ("operation", text(operation))],
        ),
        ReportError::NotCountPoint {
            order,
            operation,
            count_point,
        } => tr(
            Msg::ReportNotCountPoint,
            &[
                ("order", text(order)),
                ("operation", text(operation)),
                ("count_point", text(count_point)),
            ],
        ),
        ReportError::BadQuantity {
            field,
            value,
            reason,
        } => bad_quantity(*field, value, *reason),
        ReportError::NothingReported => t(Msg::ReportNothing),
        ReportError::OverReport {
            order,
            operation,
            over,
        } => {
            let (msg, after, limit) = match over {
                Over::Good { after, limit, .. } => (Msg::ReportOverGood, after, limit),
                Over::Scrap { after, order_qty } => (Msg::ReportOverScrap, after, order_qty),
            };
            tr(
                msg,
                &[
                    ("order", text(order)),
                    ("operation", text(operation)),
                    ("after", Arg::Number(after.0)),
                    ("limit", Arg::Number(limit.0)),
                ],
            )
        }
        ReportError::UnknownLine {
            key,
            order,
            operation,
        } => tr(
            Msg::ReportUnknownLine,
            &[
                ("key", text(key)),
                ("order", text(order)),
                ("operation", text(operation)),
            ],
        ),
        ReportError::AmbiguousKey { key, lines } => tr(
            Msg::ReportAmbiguousKey,
            &[("key", text(key)), ("lines", lines.join(", ").into())],
        ),
        ReportError::ManualOverride { line, item } => tr(
            Msg::ReportManualOverride,
            &[("line", text(line)), ("item", text(item))],
        ),
        ReportError::DuplicateOverride { line, .. } => {
            tr(Msg::ReportTwoChanges, &[("line", text(line))])
        }
        ReportError::SkipWithOverride { line } => {
            tr(Msg::ReportSkipWithOverride, &[("line", text(line))])
        }
        ReportError::BadOverride {
            line,
            reason:
                OverrideProblem::Quantity {
                    field,
                    value,
                    reason,
                },
        } => tr(
            Msg::ReportBadOverride,
            &[
                ("line", text(line)),
                ("detail", bad_quantity(*field, value, *reason).into()),
            ],
        ),
        ReportError::BadOverride {
            line,
            reason: OverrideProblem::UnknownLocation { location },
        } => tr(
            Msg::ReportBadOverride,
            &[
                ("line", text(line)),
                ("detail", not_found(Thing::Location, location).into()),
            ],
        ),
        ReportError::Blocked(short) => {
            let lines: Vec<String> = short
                .iter()
                .map(|l| {
                    tr(
                        Msg::ReportBlockedLine,
                        &[
                            ("line", text(&l.line)),
                            ("item", text(&l.item)),
                            ("short", Arg::Number(l.shortfall.0)),
                            ("location", text(&l.location)),
                        ],
                    )
                })
                .collect();
            tr(Msg::ReportBlocked, &[("lines", lines.join("; ").into())])
        }
        ReportError::TooLarge(_) => t(Msg::ReportTooLarge),
        ReportError::UnknownItem(item) => tr(Msg::ReportUnknownItem, &[("item", text(item))]),
        ReportError::UnknownWorkCenter(wc) => {
            tr(Msg::ReportUnknownWorkCenter, &[("work_center", text(wc))])
        }
        ReportError::Lot { line, item, reason } => match lot_problem(reason) {
            Some(why) => tr(
                Msg::ReportLot,
                &[
                    ("line", text(line)),
                    ("item", text(item)),
                    ("why", why.into()),
                ],
            ),
            None => failure(crate::words::report(e)),
        },
        ReportError::BadOverride { .. } | ReportError::FinishedLot(_) => {
            failure(crate::words::report(e))
        }
    }
}

fn bad_quantity(field: QtyField, value: &str, reason: QtyProblem) -> String {
    let field = t(match field {
        QtyField::Good => Msg::QtyGood,
        QtyField::Scrap => Msg::QtyScrap,
        QtyField::HandIssue => Msg::QtyHandIssue,
        QtyField::Override => Msg::QtyOverride,
        QtyField::LineScrap => Msg::QtyLineScrap,
        QtyField::Counted => Msg::QtyCounted,
        QtyField::Return => Msg::QtyReturn,
        QtyField::Substitute => Msg::QtySubstitute,
        QtyField::Adjustment => Msg::QtyAdjustment,
        QtyField::Transfer => Msg::QtyTransfer,
    });
    let problem = match reason {
        QtyProblem::Negative => t(Msg::QtyNegative),
        QtyProblem::TooLarge { max } => tr(Msg::QtyTooLarge, &[("max", Arg::Number(max.0))]),
        QtyProblem::TooPrecise { decimals } => tr(
            Msg::QtyTooPrecise,
            &[("decimals", Arg::Count(i64::from(decimals)))],
        ),
    };
    // The value as the operator's language writes a number (it was typed as one).
    let value = value
        .parse::<rust_decimal::Decimal>()
        .map_or_else(|_| value.to_string(), super::i18n::number);
    tr(
        Msg::ReportBadQuantity,
        &[
            ("field", field.into()),
            ("value", value.into()),
            ("problem", problem.into()),
        ],
    )
}

/// "a", "a or b", "a, b or c", in the operator's language.
fn any_of(words: impl Iterator<Item = String>) -> String {
    let words: Vec<String> = words.collect();
    match words.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => tr(
            Msg::Or,
            &[("first", rest.join(", ").into()), ("last", last.into())],
        ),
        None => String::new(),
    }
}

use crate::domain::ids::ReportId;
use crate::domain::qty::Quantity;

use crate::domain::backflush::{PlannedLine, ReportPlan};
use crate::domain::lots::LotQty;
use crate::domain::variance::Variance;
use crate::service::Posted;
use crate::service::TransferRequest;
use crate::service::auth::Refused;
use crate::service::floor::{Adjustment, Count, Substitution};

/// A quantity inside a sentence: the language's separator, and the plural it picks.
fn qty(value: Quantity) -> Arg {
    Arg::Number(value.0)
}

/// A count inside a sentence, which picks the plural form.
fn many(n: usize) -> Arg {
    Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Asking for a lead's approval.
#[must_use]
pub fn lead_badge() -> String {
    t(Msg::LeadBadge)
}

/// Space on one more serial than a line needs: `3 serials needed, 3 marked; Space on a
/// marked one unmarks it`.
#[must_use]
pub fn marked_enough(needed: usize) -> String {
    tr(Msg::MarkedEnough, &[("needed", many(needed))])
}

/// The serials marked on a pick list so far: `2 of 3 marked: GS-001, GS-002`.
#[must_use]
pub fn marked(needed: usize, marked: &[String]) -> String {
    if marked.is_empty() {
        tr(Msg::MarkedNone, &[("needed", many(needed))])
    } else {
        tr(
            Msg::MarkedSome,
            &[
                ("marked", many(marked.len())),
                ("needed", many(needed)),
                ("serials", marked.join(", ").into()),
            ],
        )
    }
}

/// A pick list's keys at its foot: Space marks where it takes several rows, Esc goes back
/// where there is a step before.
#[must_use]
pub fn pick_hint(marks: bool, back: bool) -> String {
    t(match (marks, back) {
        (true, false) => Msg::PickHintMarkCancel,
        (true, true) => Msg::PickHintMarkBack,
        (false, false) => Msg::PickHintCancel,
        (false, true) => Msg::PickHintBack,
    })
}

/// A prompt's keys at its foot where it offers no list.
#[must_use]
pub fn prompt_hint(back: bool) -> String {
    t(if back {
        Msg::PromptHintBack
    } else {
        Msg::PromptHintCancel
    })
}

/// The title of a prompt's box.
#[must_use]
pub fn prompt_title() -> String {
    t(Msg::PromptTitle)
}

/// What a tracked line's lots or serials are asked for: the line and its item, how many,
/// from where.
pub struct LineLots<'a> {
    /// Serials, one a unit, rather than lots.
    pub serial: bool,
    pub line: &'a str,
    pub item: &'a str,
    pub total: Quantity,
    pub location: &'a str,
}

/// The question of a tracked line's lots or serials: `Serials for line 70 GAUGE: 3 from
/// M-ASM (scan each or mark them with Space)`.
#[must_use]
pub fn line_lots_title(asked: &LineLots<'_>) -> String {
    let LineLots {
        serial,
        line,
        item,
        total,
        location,
    } = *asked;
    tr(
        if serial {
            Msg::LineSerialsTitle
        } else {
            Msg::LineLotsTitle
        },
        &[
            ("line", line.into()),
            ("item", item.into()),
            ("total", qty(total)),
            ("location", location.into()),
        ],
    )
}

/// What the explanation says of a tracked line that takes no lots yet.
#[must_use]
pub fn choose_its_lots(serial: bool) -> String {
    t(if serial {
        Msg::ChooseItsSerials
    } else {
        Msg::ChooseItsLots
    })
}

/// A tracked line's lot prompt left empty.
#[must_use]
pub fn scan_or_pick_lot(serial: bool) -> String {
    t(if serial {
        Msg::ScanOrPickSerials
    } else {
        Msg::ScanOrPickLot
    })
}

/// The lead's badge prompt left empty.
#[must_use]
pub fn scan_lead_badge() -> String {
    t(Msg::ScanLeadBadge)
}

/// Asking for the PIN of the lead whose badge was scanned.
#[must_use]
pub fn lead_pin(badge: &str) -> String {
    tr(Msg::LeadPin, &[("badge", badge.into())])
}

/// Why a field refused a typed character, showing the right form (`type 1.5`, `type 1,5`
/// in German): `separator` is the field's own, the language's.
#[must_use]
pub fn field_refused(refused: crate::tui::field::Refused, separator: char) -> String {
    use crate::tui::field::Refused as R;
    let example = || ("example", Arg::Text(format!("1{separator}5")));
    let name = || {
        (
            "separator",
            t(if separator == ',' {
                Msg::SeparatorComma
            } else {
                Msg::SeparatorPoint
            })
            .into(),
        )
    };
    let shown = |c: char| Arg::Text(crate::domain::text::printable(&c.to_string()).into_owned());
    match refused {
        R::OtherSeparator(c) => tr(
            Msg::FieldOtherSeparator,
            &[("char", shown(c)), name(), example()],
        ),
        R::SecondSeparator => tr(Msg::FieldSecondSeparator, &[example()]),
        R::Minus { allowed: false } => t(Msg::FieldNoMinus),
        R::Minus { allowed: true } => t(Msg::FieldMinusFirst),
        R::NotADigit(c) => tr(
            Msg::FieldNotADigit,
            &[("char", shown(c)), name(), example()],
        ),
        R::Decimals(0) => tr(
            Msg::FieldWholeNumber,
            &[("separator", separator.to_string().into())],
        ),
        R::Decimals(n) => tr(
            Msg::FieldTooManyDecimals,
            &[("decimals", Arg::Count(i64::from(n)))],
        ),
        R::TooLong => tr(
            Msg::FieldTooLong,
            &[("max", many(crate::tui::field::MAX_CHARS))],
        ),
        R::Control => t(Msg::FieldControl),
    }
}

/// Added to a character refused by good or scrap: where the line keys are.
#[must_use]
pub fn line_keys_on_tab() -> String {
    t(Msg::LineKeysOnTab)
}

/// A prompt's refusal of a value that is not a number: `"x" is not a number`.
#[must_use]
pub fn not_a_number(text: &str) -> String {
    tr(Msg::NotANumber, &[("value", format!("{text:?}").into())])
}

/// An order's material cost, to the cent: `expected 10 · actual 12 · variance 2`.
#[must_use]
pub fn material_cost(v: &Variance) -> String {
    tr(
        Msg::MaterialCost,
        &[
            ("expected", money(v.expected_cost.get()).into()),
            ("actual", money(v.actual_cost.get()).into()),
            ("variance", money(v.variance.get()).into()),
        ],
    )
}

/// What a role may not do at this terminal: `1001 (handler) may not report production; it
/// needs the role operator, lead or admin`. `what` is already in the reader's language.
#[must_use]
pub fn may_not(badge: &str, refused: &Refused, what: &str) -> String {
    tr(
        Msg::RefusedForbidden,
        &[
            ("user", badge.into()),
            ("role", role(refused.role).into()),
            ("action", what.into()),
            (
                "roles",
                any_of(refused.needs().iter().map(|r| role(*r))).into(),
            ),
        ],
    )
}

/// The first choice of a transfer's lots: none named, the pick order decides.
#[must_use]
pub fn pick_order_chooses() -> String {
    t(Msg::PickOrderChooses)
}

/// The staging list asked for where the store holds no work center.
#[must_use]
pub fn no_work_center_to_stage() -> String {
    t(Msg::NoWorkCenterToStage)
}

/// A substitute that is not a stock item.
#[must_use]
pub fn unknown_stock_item(item: &str) -> String {
    tr(Msg::UnknownStockItem, &[("item", item.into())])
}

/// A transfer's source that is not a location.
#[must_use]
pub fn unknown_location(location: &str) -> String {
    tr(Msg::UnknownLocation, &[("location", location.into())])
}

/// After the login: `welcome, Ana Novak (logged in)`.
#[must_use]
pub fn welcome(name: &str) -> String {
    tr(Msg::StatusWelcome, &[("name", name.into())])
}

/// After a reversal: `report 7 reversed (WRONG ORDER): 3 movements put back`.
#[must_use]
pub fn reversed(report_id: ReportId, reason: &str, movements: usize) -> String {
    tr(
        Msg::Reversed,
        &[
            ("report", text(report_id)),
            ("reason", reason.into()),
            ("movements", many(movements)),
        ],
    )
}

/// Asking the reason of a lead's scrap adjustment, in words that fit its sign: more scrap,
/// or scrap taken back.
#[must_use]
pub fn scrap_reason_prompt(qty: Quantity, line: &str) -> String {
    if qty.is_sign_negative() {
        tr(
            Msg::ScrapReasonReturn,
            &[("qty", self::qty(-qty)), ("line", line.into())],
        )
    } else {
        tr(
            Msg::ScrapReasonMore,
            &[("qty", self::qty(qty)), ("line", line.into())],
        )
    }
}

/// After a lead's scrap adjustment on a report's line.
#[must_use]
pub fn scrap_adjusted(report_id: ReportId, a: &Adjustment) -> String {
    tr(
        Msg::ScrapAdjusted,
        &[
            ("report", text(report_id)),
            ("line", text(&a.line)),
            ("qty", qty(a.qty)),
            ("item", text(&a.item)),
            ("reason", text(&a.reason)),
        ],
    )
}

/// After a substitution on a report's line: what went back and what was issued instead.
#[must_use]
pub fn substituted(report_id: ReportId, s: &Substitution) -> String {
    tr(
        Msg::Substituted,
        &[
            ("report", text(report_id)),
            ("line", text(&s.line)),
            ("returned", qty(s.returned_qty)),
            ("returned_item", text(&s.returned_item)),
            ("issued", qty(s.issued_qty)),
            ("issued_item", text(&s.issued_item)),
        ],
    )
}

/// After the deferred lines were retried: `2 deferred lines posted, 1 still waiting`.
#[must_use]
pub fn retried(posted: usize, open: usize) -> String {
    tr(
        Msg::Retried,
        &[("posted", many(posted)), ("open", many(open))],
    )
}

/// After a deferred line was cancelled.
#[must_use]
pub fn exception_cancelled(id: crate::domain::ids::ExceptionId) -> String {
    tr(Msg::ExceptionCancelled, &[("id", text(id))])
}

/// The message line after a count.
#[must_use]
pub fn counted_note(item: &str, location: &str, c: &Count) -> String {
    tr(
        Msg::CountedNote,
        &[
            ("item", item.into()),
            ("location", location.into()),
            ("counted", qty(c.counted)),
            ("posted", many(c.posted.len())),
        ],
    )
}

/// The message after a count: the book and the count, the adjustment, the waiting lines it
/// let post, and how often counts found the book.
#[must_use]
pub fn counted_lines(item: &str, location: &str, c: &Count) -> Vec<String> {
    let diff = c.counted - c.expected;
    let mut lines = vec![
        tr(
            Msg::CountedBook,
            &[
                ("item", item.into()),
                ("location", location.into()),
                ("book", qty(c.expected)),
                ("counted", qty(c.counted)),
            ],
        ),
        if diff.is_zero() {
            t(Msg::CountedNoDifference)
        } else {
            let reason = c.reason.as_deref().map_or_else(String::new, |r| {
                tr(Msg::CountedReason, &[("reason", r.into())])
            });
            tr(
                Msg::CountedAdjusted,
                &[
                    ("diff", signed(diff.0)),
                    ("item", item.into()),
                    ("reason", reason.into()),
                ],
            )
        },
    ];
    for e in &c.posted {
        lines.push(tr(
            Msg::CountedWaitingPosted,
            &[
                ("qty", qty(e.qty)),
                ("item", text(&e.item)),
                ("order", text(&e.order)),
                ("id", text(e.id)),
            ],
        ));
    }
    lines.push(tr(
        Msg::CountedAccuracy,
        &[
            ("found", Arg::Count(c.accuracy.accurate)),
            ("counts", Arg::Count(c.accuracy.counts)),
        ],
    ));
    lines
}

/// A quantity brought that is not a whole number of the location's containers.
#[must_use]
pub fn not_whole_containers(qty: Quantity, multiple: Quantity) -> String {
    tr(
        Msg::NotWholeContainers,
        &[("qty", self::qty(qty)), ("multiple", self::qty(multiple))],
    )
}

/// Lots with their quantities, in a sentence: ` (lots L1 2, L2 1,5)`; empty for none.
fn lots_named(lots: &[LotQty]) -> String {
    if lots.is_empty() {
        return String::new();
    }
    let names: Vec<String> = lots
        .iter()
        .map(|l| format!("{} {}", l.lot, super::i18n::number(l.qty.0)))
        .collect();
    tr(Msg::LotsNamed, &[("lots", names.join(", ").into())])
}

/// What a transfer moved.
pub fn moved(transfer: &TransferRequest, lots: &[LotQty], posted: usize) -> String {
    tr(
        Msg::Moved,
        &[
            ("qty", self::qty(transfer.qty)),
            ("item", transfer.item.as_str().into()),
            ("from", transfer.from.as_str().into()),
            ("to", transfer.to.as_str().into()),
            ("lots", lots_named(lots).into()),
            ("posted", many(posted)),
        ],
    )
}

/// A line of a report's confirmation that takes expired lots: `Line 80 HO-46 takes expired
/// lot OIL-2603`.
#[must_use]
pub fn takes_expired(line: &str, item: &str, lots: &[String]) -> String {
    tr(
        Msg::TakesExpired,
        &[
            ("line", line.into()),
            ("item", item.into()),
            ("expired", expired_named(lots).into()),
        ],
    )
}

/// Why a line needs a lead when it names expired lots: `expired lot OIL-2603`.
#[must_use]
pub fn expired_named(lots: &[String]) -> String {
    tr(
        Msg::ExpiredNamed,
        &[
            ("count", many(lots.len())),
            ("lots", lots.join(", ").into()),
        ],
    )
}

/// The confirmation's heading when a lead must approve only expired lots.
#[must_use]
pub fn lead_must_approve() -> String {
    t(Msg::LeadMustApprove)
}

/// The manual lines a report leaves at 0: `2 manual lines not issued: 70 GR-EP2, 125 GAUGE-700`.
#[must_use]
pub fn manual_not_issued(lines: &[&PlannedLine]) -> String {
    let named: Vec<String> = lines
        .iter()
        .map(|l| format!("{} {}", l.line, l.item))
        .collect();
    tr(
        Msg::ManualNotIssued,
        &[
            ("count", many(lines.len())),
            ("lines", named.join(", ").into()),
        ],
    )
}

/// The second question of a post that leaves manual lines at 0.
#[must_use]
pub fn post_manual_unissued() -> String {
    t(Msg::PostManualUnissued)
}

/// What the second question says: which lines, and what each key does.
#[must_use]
pub fn manual_unissued_question(lines: &[&PlannedLine]) -> Vec<String> {
    vec![
        manual_not_issued(lines),
        t(Msg::ManualUnissuedNothing),
        t(Msg::ManualUnissuedBack),
    ]
}

/// The title of a substitution's confirmation.
#[must_use]
pub fn confirm_substitute() -> String {
    t(Msg::ConfirmSubstitute)
}

/// A substitution as its question names it: the line, how much of its own item goes back,
/// how much of which substitute is issued instead.
pub struct SubstituteAsked<'a> {
    pub line: &'a str,
    /// The line's own item, and how much of it goes back.
    pub own: &'a str,
    pub returned: Quantity,
    /// The substitute, and how much of it is issued.
    pub item: &'a str,
    pub issued: Quantity,
}

/// What a substitution will post: `Line 40 SEAL-20: 4 SEAL-20 go back, 4 SEAL-21 are
/// issued instead.`
#[must_use]
pub fn substitute_question(asked: &SubstituteAsked<'_>) -> Vec<String> {
    let SubstituteAsked {
        line,
        own,
        returned,
        item,
        issued,
    } = *asked;
    vec![
        tr(
            Msg::SubstituteGoesBack,
            &[
                ("line", line.into()),
                ("own", own.into()),
                ("returned", qty(returned)),
            ],
        ),
        tr(
            Msg::SubstituteIssued,
            &[("issued", qty(issued)), ("item", item.into())],
        ),
    ]
}

/// The title of a transfer's confirmation.
#[must_use]
pub fn confirm_transfer() -> String {
    t(Msg::ConfirmTransfer)
}

/// What a transfer will move: `Move 5 HO-46 from ST-COMP to M-ASM (lots OIL-2612).`
#[must_use]
pub fn transfer_question(transfer: &TransferRequest) -> Vec<String> {
    let lots = transfer
        .lots
        .as_deref()
        .map_or_else(String::new, |l| tr(Msg::LotsNamed, &[("lots", l.into())]));
    vec![tr(
        Msg::TransferQuestion,
        &[
            ("qty", self::qty(transfer.qty)),
            ("item", transfer.item.as_str().into()),
            ("from", transfer.from.as_str().into()),
            ("to", transfer.to.as_str().into()),
            ("lots", lots.into()),
        ],
    )]
}

/// Asking the lot a lot-tracked item is received into.
#[must_use]
pub fn finished_lot_title(item: &str, order: &str) -> String {
    tr(
        Msg::FinishedLotTitle,
        &[("item", item.into()), ("order", order.into())],
    )
}

/// Asking the serials of the units of a serial-tracked item received.
#[must_use]
pub fn finished_serials_title(item: &str, good: Quantity) -> String {
    tr(
        Msg::FinishedSerialsTitle,
        &[("item", item.into()), ("good", qty(good))],
    )
}

/// `f` where the item received is not tracked.
#[must_use]
pub fn finished_untracked(item: &str) -> String {
    tr(Msg::FinishedUntracked, &[("item", item.into())])
}

/// `f` on a report that receives nothing (not the last operation, or no good units).
#[must_use]
pub fn nothing_received() -> String {
    t(Msg::NothingReceived)
}

/// The receipt of the report's summary line: `receive 3 → FG lot WO-1006`, or the
/// `serials` received.
#[must_use]
pub fn receive_into(qty: Quantity, location: &str, lots: &[LotQty], serials: bool) -> String {
    let args = |lots: String| {
        [
            ("qty", self::qty(qty)),
            ("location", location.into()),
            ("lots", lots.into()),
        ]
    };
    match lots {
        [] => tr(Msg::ReceiveInto, &args(String::new())),
        [one] if !serials => tr(Msg::ReceiveIntoLot, &args(one.lot.clone())),
        many => {
            let names: Vec<&str> = many.iter().map(|l| l.lot.as_str()).collect();
            tr(Msg::ReceiveIntoSerials, &args(names.join(",")))
        }
    }
}

/// The message line after a post: `report 7 posted for order WO-1005 (1 line deferred)`.
#[must_use]
pub fn report_posted(report_id: ReportId, order: &str, deferred: usize) -> String {
    tr(
        Msg::ReportPosted,
        &[
            ("report", text(report_id)),
            ("order", order.into()),
            ("deferred", many(deferred)),
        ],
    )
}

/// The message after a post: the report, each line that waits for stock (its item and
/// shortfall from the `plan` posted), and the order's material `variance` so far.
#[must_use]
pub fn posted_lines(
    order: &str,
    posted: &Posted,
    plan: Option<&ReportPlan>,
    variance: Option<&Variance>,
) -> Vec<String> {
    let mut lines = vec![tr(
        Msg::PostedReport,
        &[("report", text(posted.report_id)), ("order", order.into())],
    )];
    if posted.repeated {
        lines.push(t(Msg::PostedAlready));
    }
    for d in &posted.deferred {
        let item = plan
            .and_then(|p| p.lines.iter().find(|l| l.line == d.line))
            .map(|l| {
                tr(
                    Msg::PostedShortItem,
                    &[("item", text(&l.item)), ("short", qty(l.shortfall))],
                )
            })
            .unwrap_or_default();
        lines.push(tr(
            Msg::PostedLineWaits,
            &[
                ("line", text(&d.line)),
                ("item", item.into()),
                ("id", text(d.id)),
            ],
        ));
    }
    if let Some(v) = variance {
        lines.push(tr(
            Msg::PostedMaterialSoFar,
            &[("cost", material_cost(v).into())],
        ));
    }
    lines
}

/// An order's lines waiting in the exception queue, on the board: `2 waiting`.
#[must_use]
pub fn lines_waiting(n: i64) -> String {
    tr(Msg::LinesWaiting, &[("count", Arg::Count(n))])
}

/// Opening an order none of whose operations is at this terminal's work center.
#[must_use]
pub fn another_work_centers_order(order: &str, theirs: &str, ours: &str) -> String {
    tr(
        Msg::AnotherWorkCentersOrder,
        &[
            ("order", order.into()),
            ("theirs", theirs.into()),
            ("ours", ours.into()),
        ],
    )
}

/// A report title's mark of an order of another work center: ` · at WC-CNC`.
#[must_use]
pub fn at_work_center(work_center: &str) -> String {
    tr(Msg::AtWorkCenter, &[("work_center", work_center.into())])
}

/// What a report's last line sums up.
pub struct ReportSummary<'a> {
    pub hours: crate::domain::qty::Hours,
    pub labor_and_overhead: rust_decimal::Decimal,
    /// What is received, already in words.
    pub receipt: &'a str,
    /// The material's cost at standard, and as the lines issue it.
    pub expected: rust_decimal::Decimal,
    pub actual: rust_decimal::Decimal,
}

/// The report's last line: its hours and what labor and overhead cost, the receipt, and the
/// material expected against actual.
#[must_use]
pub fn report_summary(summary: &ReportSummary<'_>) -> String {
    tr(
        Msg::ReportSummary,
        &[
            ("hours", Arg::Number(summary.hours.0)),
            ("labor", money(summary.labor_and_overhead).into()),
            ("receipt", summary.receipt.into()),
            ("expected", money(summary.expected).into()),
            ("actual", money(summary.actual).into()),
        ],
    )
}

/// On a list's top edge: rows above the first one shown (`↑ 3 more`).
#[must_use]
pub fn more_above(n: usize) -> String {
    tr(Msg::MoreAbove, &[("count", many(n))])
}

/// On a list's bottom edge: rows below the last one shown (`↓ 5 more`).
#[must_use]
pub fn more_below(n: usize) -> String {
    tr(Msg::MoreBelow, &[("count", many(n))])
}

/// Money as the screen shows it: two decimals, rounded half away from zero, with the
/// language's separator (`-18.60`, `-18,60` in German).
#[must_use]
pub fn money(amount: rust_decimal::Decimal) -> String {
    let rounded =
        amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    // A negative amount that rounds to nothing shows as nothing, not `-0.00`.
    let rounded = if rounded.is_zero() {
        rust_decimal::Decimal::ZERO
    } else {
        rounded
    };
    let shown = format!("{rounded:.2}");
    match super::i18n::decimal_separator() {
        '.' => shown,
        separator => shown.replace('.', &separator.to_string()),
    }
}

/// Money as the screen shows it in the current language: two decimals, rounded half away
/// from zero, the language's decimal separator (`-18,60` in German).
#[must_use]
pub fn money_in_language(amount: rust_decimal::Decimal) -> String {
    match super::i18n::decimal_separator() {
        '.' => money(amount),
        sep => money(amount).replace('.', &sep.to_string()),
    }
}

/// Why the plant's rules are refused, naming the key. The reader's own account of a key it
/// cannot take (serde's, in English) is kept as it is.
#[must_use]
pub fn rule_problem(p: &RuleProblem) -> String {
    match p {
        RuleProblem::Shape {
            key: Some(key),
            cause,
        }
        | RuleProblem::Value { key, cause } => tr(
            Msg::RuleKeyCause,
            &[("key", text(key)), ("cause", text(cause))],
        ),
        RuleProblem::Shape { key: None, cause } => cause.clone(),
        RuleProblem::OutOfRange {
            key,
            value,
            min,
            max,
        } => {
            let value = match value.parse::<rust_decimal::Decimal>() {
                Ok(n) => Arg::Number(n),
                Err(_) => text(value),
            };
            tr(
                Msg::RuleOutOfRange,
                &[
                    ("key", text(key)),
                    ("value", value),
                    ("min", Arg::Count(*min)),
                    ("max", Arg::Count(*max)),
                ],
            )
        }
        RuleProblem::NoReason { key } => tr(Msg::RuleNoReason, &[("key", text(key))]),
        RuleProblem::Text {
            key,
            problem: TextProblem::Control(c),
        } => tr(
            Msg::RuleControl,
            &[
                ("key", text(key)),
                ("char", format!("U+{:04X}", u32::from(*c)).into()),
            ],
        ),
        RuleProblem::Text {
            key,
            problem: TextProblem::TooLong(n),
        } => tr(
            Msg::RuleTooLong,
            &[
                ("key", text(key)),
                ("chars", Arg::Count(i64::try_from(*n).unwrap_or(i64::MAX))),
                (
                    "max",
                    Arg::Count(i64::try_from(MAX_CODE_CHARS).unwrap_or(i64::MAX)),
                ),
            ],
        ),
        RuleProblem::NotATable { section } => tr(Msg::RuleNotATable, &[("section", text(section))]),
        RuleProblem::Toml { cause, line } => tr(
            Msg::RuleToml,
            &[
                ("cause", text(cause)),
                ("line", Arg::Count(i64::try_from(*line).unwrap_or(i64::MAX))),
            ],
        ),
        RuleProblem::UnknownSection { section } => {
            tr(Msg::RuleUnknownSection, &[("section", text(section))])
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::language::Language;
    use crate::domain::qty::Quantity;
    use crate::service::{Field, ServiceError, StoreError, StoreRefusal, TransferRefusal, Why};
    use crate::tui::i18n::set_language;

    fn qty(text: &str) -> Quantity {
        Quantity(text.parse().unwrap())
    }

    /// The same refusals in each language: the terminal's from its catalog, the command
    /// line's English unchanged.
    #[test]
    fn the_terminal_words_refusals_from_its_catalog_and_the_command_line_stays_english() {
        let empty_reason = ServiceError::invalid(Field::ReversalReason, "", Why::Empty);
        let short = ServiceError::Store(StoreError::Refused(Box::new(StoreRefusal::Transfer {
            item: "OIL-1".into(),
            qty: qty("2.5"),
            from: "ST-RAW".into(),
            why: TransferRefusal::Short {
                on_hand: qty("1.25"),
            },
        })));
        let cases = [
            (
                "de",
                "Stornogrund \"\": ist leer; Grund angeben",
                "Umlagerung von 2,5 OIL-1 ab ST-RAW abgelehnt: dort nur 1,25 vorhanden",
            ),
            (
                "es",
                "motivo de anulación \"\": está vacío; indique un motivo",
                "traslado de 2,5 OIL-1 desde ST-RAW rechazado: allí solo hay 1,25",
            ),
            (
                "pl",
                "przyczyna storna \"\": jest puste; podaj przyczynę",
                "przesunięcie 2,5 OIL-1 z ST-RAW odrzucone: jest tam tylko 1,25",
            ),
            (
                "zh-CN",
                "冲销原因 \"\"：为空；请填写原因",
                "从 ST-RAW 移库 2.5 OIL-1 被拒：该处仅有 1.25",
            ),
            (
                "en",
                "reversal reason \"\": is empty; give a reason",
                "transfer of 2.5 OIL-1 from ST-RAW refused: only 1.25 on hand there",
            ),
        ];
        for (tag, reason, transfer) in cases {
            set_language(Language::parse(tag).unwrap());
            assert_eq!(super::refusal(&empty_reason), reason, "{tag}");
            assert_eq!(super::refusal(&short), transfer, "{tag}");
            assert_eq!(
                crate::words::describe(&short),
                "transfer of 2.5 OIL-1 from ST-RAW refused: only 1.25 on hand there",
                "the command line, whatever the terminal speaks"
            );
        }
        set_language(Language::ENGLISH);
    }

    /// A config file's plant rules refused while the terminal opens the store: the key, the
    /// value and its range in the operator's language.
    #[test]
    fn refused_plant_rules_are_worded_from_the_catalog() {
        use crate::domain::plant_rules::RuleProblem;
        let refused = ServiceError::invalid(
            Field::Config,
            "c.toml",
            Why::Config {
                problem: RuleProblem::OutOfRange {
                    key: "policy.discrepancy_alert_pct".into(),
                    value: "100.5".into(),
                    min: 0,
                    max: 100,
                },
            },
        );
        let empty = ServiceError::invalid(
            Field::Config,
            "c.toml",
            Why::Config {
                problem: RuleProblem::NoReason {
                    key: "reasons.scrap".into(),
                },
            },
        );
        for (tag, range, reasons) in [
            (
                "de",
                "Konfigurationsdatei c.toml: policy.discrepancy_alert_pct 100,5 liegt außerhalb von 0–100",
                "Konfigurationsdatei c.toml: reasons.scrap ist leer; mindestens einen Grundcode angeben",
            ),
            (
                "zh-CN",
                "配置文件 c.toml：policy.discrepancy_alert_pct 100.5 超出范围 0–100",
                "配置文件 c.toml：reasons.scrap 为空；至少填写一个原因代码",
            ),
            (
                "en",
                "config file c.toml: policy.discrepancy_alert_pct 100.5 is outside its range 0–100",
                "config file c.toml: reasons.scrap is empty; give at least one reason code",
            ),
        ] {
            set_language(Language::parse(tag).unwrap());
            assert_eq!(super::refusal(&refused), range, "{tag}");
            assert_eq!(super::refusal(&empty), reasons, "{tag}");
        }
        set_language(Language::ENGLISH);
        assert_eq!(
            crate::words::describe(&refused),
            "config c.toml policy.discrepancy_alert_pct 100.5 is outside its range 0–100",
            "the command line's words, as before"
        );
    }

    #[test]
    fn a_refusal_names_the_roles_that_may() {
        use crate::service::auth::{Permission, Role};
        let refused = Permission::Report
            .check(Some(Role::Handler), false)
            .unwrap_err();
        assert_eq!(
            super::may_not("3001", &refused, "report production"),
            "3001 (handler) may not report production; it needs the role operator, lead or admin"
        );
        crate::tui::i18n::set_language(german());
        let said = super::may_not("3001", &refused, &super::t(super::Msg::ActionReport));
        crate::tui::i18n::set_language(Language::ENGLISH);
        assert_eq!(
            said,
            "3001 (Logistiker) darf nicht Produktion zurückmelden; nötig ist die Rolle Bediener, Schichtführer oder Admin"
        );
    }

    fn german() -> Language {
        Language::parse("de").unwrap_or(Language::ENGLISH)
    }

    #[test]
    fn a_refused_key_shows_the_right_form_with_the_language_separator() {
        use crate::tui::field::Refused as R;
        crate::tui::i18n::set_language(german());
        let comma = super::field_refused(R::OtherSeparator('.'), ',');
        let letter = super::field_refused(R::NotADigit('x'), ',');
        crate::tui::i18n::set_language(Language::ENGLISH);
        assert_eq!(
            comma,
            "'.' nicht angenommen: Dezimalstellen mit Komma (tippen Sie 1,5)"
        );
        assert_eq!(
            letter,
            "'x' nicht angenommen: eine Menge sind Ziffern und Komma (1,5)"
        );
        assert_eq!(
            super::field_refused(R::OtherSeparator(','), '.'),
            "',' not taken: decimals take a point (type 1.5)"
        );
    }

    #[test]
    fn prompts_and_messages_speak_the_language_with_its_separator() {
        let qty = |s: &str| Quantity(s.parse().unwrap_or_default());
        crate::tui::i18n::set_language(german());
        let lots = super::line_lots_title(&super::LineLots {
            serial: false,
            line: "80",
            item: "HO-46",
            total: qty("2.5"),
            location: "M-ASM",
        });
        let moved = super::transfer_question(&crate::service::TransferRequest {
            item: "OIL-1".into(),
            qty: qty("2.5"),
            from: "ST-RAW".into(),
            to: "M-ASM".into(),
            lots: None,
        });
        let marked = super::marked_enough(3);
        let cost = super::money(rust_decimal::Decimal::new(-186, 1));
        crate::tui::i18n::set_language(Language::ENGLISH);
        assert_eq!(
            lots,
            "Chargen für Zeile 80 HO-46: 2,5 ab M-ASM (CHARGE oder CHARGE:MENGE,…)"
        );
        assert_eq!(moved, ["2,5 OIL-1 von ST-RAW nach M-ASM umlagern."]);
        assert_eq!(
            marked,
            "3 Seriennummern nötig, 3 markiert; Leertaste auf einer markierten hebt sie auf"
        );
        assert_eq!(cost, "-18,60");
        assert_eq!(
            super::marked_enough(1),
            "1 serial needed, 1 marked; Space on a marked one unmarks it"
        );
        assert_eq!(super::choose_its_lots(false), " · o: choose its lots");
    }

    #[test]
    fn money_has_two_decimals_rounded_half_away_from_zero() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap_or_default();
        assert_eq!(super::money(d("-18.6")), "-18.60");
        assert_eq!(super::money(d("322")), "322.00");
        assert_eq!(super::money(d("0.125")), "0.13");
        assert_eq!(super::money(d("-0.125")), "-0.13");
    }

    #[test]
    fn a_refused_number_is_quoted() {
        assert_eq!(super::not_a_number("1,5"), "\"1,5\" is not a number");
        assert_eq!(super::lead_pin("2001"), "PIN of lead 2001");
    }
}
