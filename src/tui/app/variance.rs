//! An order's progress and variance: per operation what was reported and what is left, per
//! material line the standard against the actual, what waits in the exception queue, and the
//! order's totals. Keys return [`Effect`]s (see `history`
//! for the shape).

use super::{
    Action, Effect, Field, FieldKind, Overlay, Pending, PromptKind, Quantity, ReportContext,
};
use crate::domain::backflush::OperationProgress;
use crate::domain::codes::OrderNo;
use crate::domain::variance::Variance;
use crate::domain::wip::{ClosedAs, OrderStatus, Settlement};
use crate::service::{Refusal, ServiceError};
use crate::tui::i18n::{Arg, Msg, t, tr};
use crate::tui::strings;

/// One operation's progress.
pub struct OperationRow {
    pub operation: i64,
    pub work_center: String,
    pub count_point: bool,
    pub progress: OperationProgress,
    pub left: Quantity,
}

/// One material line with its unit and whether it is issued by hand.
pub struct MaterialRow {
    pub line: crate::domain::variance::VarianceLine,
    pub uom: String,
    pub manual: bool,
}

/// The variance screen of one order.
pub struct VarianceState {
    pub order: OrderNo,
    /// The order quantity: what each operation's gauge fills towards.
    pub qty: Quantity,
    pub title: String,
    /// The title without the description, for a narrow screen.
    pub short_title: String,
    pub operations: Vec<OperationRow>,
    pub materials: Vec<MaterialRow>,
    pub variance: Variance,
    pub selected: usize,
    /// Where Esc goes back to.
    pub from_operations: bool,
    /// A closed order's screen is read-only: `o` reopens it.
    pub status: OrderStatus,
}

/// A close being asked for, step by step: what it settles (read when `c` was pressed), the
/// reason once typed, and the idempotency key made then, so Enter pressed twice posts once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseDraft {
    pub order: String,
    pub closed_as: ClosedAs,
    /// The good at the order's last operation, against the order quantity.
    pub good: Quantity,
    pub qty: Quantity,
    pub settlement: Settlement,
    pub reason: Option<String>,
    /// The user may close only with a lead's badge and PIN, not yet asked.
    pub needs_lead: bool,
    pub key: String,
}

impl CloseDraft {
    /// What the close settles, as the confirmation lists it.
    fn lines(&self) -> Vec<String> {
        let amount = |msg, value: crate::domain::qty::Money| {
            tr(
                msg,
                &[("amount", strings::money_in_language(value.get()).into())],
            )
        };
        let counts = [
            ("good", crate::tui::i18n::number(self.good.get()).into()),
            ("qty", crate::tui::i18n::number(self.qty.get()).into()),
        ];
        let mut lines = vec![
            match self.closed_as {
                ClosedAs::Short => tr(Msg::CloseShort, &counts),
                ClosedAs::Complete => tr(Msg::CloseComplete, &counts),
            },
            amount(Msg::CloseWip, self.settlement.wip),
            amount(
                Msg::CloseMaterialUsage,
                self.settlement.material_usage_variance,
            ),
            amount(Msg::CloseProduction, self.settlement.production_variance),
        ];
        if let Some(reason) = &self.reason {
            lines.push(tr(Msg::CloseReasonLine, &[("reason", reason.into())]));
        }
        if self.needs_lead {
            lines.push(t(Msg::CloseNeedsLead));
        }
        lines
    }

    /// The confirmation showing what the close settles; Enter goes on to what it still
    /// needs (a reason, a lead), else posts.
    #[must_use]
    pub fn confirm(self) -> Overlay {
        Overlay::Confirm {
            title: tr(Msg::CloseTitle, &[("order", self.order.as_str().into())]),
            lines: self.lines(),
            pending: Pending::write(self.clone().next()),
        }
    }

    /// What follows the confirmation: the reason of a short close, a lead's badge and PIN
    /// for an operator (then the confirmation again), else the close posted.
    fn next(self) -> Effect {
        if self.closed_as == ClosedAs::Short && self.reason.is_none() {
            let title = tr(
                Msg::CloseReasonPrompt,
                &[("order", self.order.as_str().into())],
            );
            let lines = self.lines();
            let prompt = Overlay::prompt(
                title,
                Field::new(FieldKind::Text, ""),
                PromptKind::CloseReason {
                    draft: Box::new(self.clone()),
                },
            );
            // Esc on the reason goes back to the amounts, whose Enter asks it again.
            let back = Overlay::Confirm {
                title: tr(Msg::CloseTitle, &[("order", self.order.as_str().into())]),
                lines,
                pending: Pending::write(Effect::show(prompt.clone())),
            };
            return Effect::show(prompt.after(back));
        }
        if self.needs_lead {
            let approved = CloseDraft {
                needs_lead: false,
                ..self
            };
            return Effect::AskLead(Box::new(Effect::show(approved.confirm())));
        }
        Effect::CloseOrder {
            order: self.order,
            reason: self.reason,
            key: self.key,
        }
    }

    /// The reason typed: a lead asked for next when needed, then the confirmation with it.
    fn with_reason(self, reason: String) -> Effect {
        let draft = CloseDraft {
            reason: Some(reason),
            ..self
        };
        if draft.needs_lead {
            draft.next()
        } else {
            Effect::show(draft.confirm())
        }
    }
}

impl VarianceState {
    /// The progress and variance of the order of `context`; Esc goes back to its operations
    /// when `from_operations`, else to the board.
    #[must_use]
    pub fn new(
        context: &ReportContext,
        variance: Variance,
        from_operations: bool,
        status: OrderStatus,
    ) -> Self {
        let o = &context.order;
        let description = context
            .item(&o.item)
            .map(|i| i.description.clone())
            .unwrap_or_default();
        let operations = o
            .operations
            .iter()
            .map(|op| {
                // An operation flushed by a later count point has what that count point
                // reported through it.
                let reported_at = if op.count_point {
                    op.operation
                } else {
                    crate::domain::backflush::covering_count_point(o, op.operation)
                        .unwrap_or(op.operation)
                };
                let progress = context
                    .progress
                    .operations
                    .get(&reported_at)
                    .copied()
                    .unwrap_or_default();
                OperationRow {
                    operation: op.operation,
                    work_center: op.work_center.clone(),
                    count_point: op.count_point,
                    left: (o.qty - progress.units()).max(Quantity::ZERO),
                    progress,
                }
            })
            .collect();
        let materials = variance
            .lines
            .iter()
            .map(|l| {
                let material = o.materials.iter().find(|m| m.line == l.line);
                MaterialRow {
                    line: l.clone(),
                    uom: context
                        .item(&l.item)
                        .map(|i| i.uom.clone())
                        .unwrap_or_default(),
                    manual: material.is_some_and(|m| !context.is_backflushed(m)),
                }
            })
            .collect();
        // A closed order says so first in its title, before the description is cut.
        let closed = match status {
            OrderStatus::Closed => format!("{} · ", t(Msg::VarianceClosed)),
            OrderStatus::Released => String::new(),
        };
        VarianceState {
            order: o.order.clone(),
            qty: o.qty,
            title: format!(
                " {} ",
                tr(
                    Msg::VarianceTitle,
                    &[
                        ("order", o.order.to_string().into()),
                        ("closed", closed.as_str().into()),
                        ("item", o.item.to_string().into()),
                        ("description", description.into()),
                        ("qty", Arg::Number(o.qty.0)),
                    ],
                )
            ),
            short_title: format!(
                " {} ",
                tr(
                    Msg::VarianceShortTitle,
                    &[
                        ("order", o.order.to_string().into()),
                        ("closed", closed.as_str().into()),
                        ("item", o.item.to_string().into()),
                        ("qty", Arg::Number(o.qty.0)),
                    ],
                )
            ),
            operations,
            materials,
            variance,
            selected: 0,
            from_operations,
            status,
        }
    }

    /// A key on the variance: Esc goes back where it came from, the cursor on its order.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        let order = self.order.clone();
        match action {
            Action::Back if self.from_operations => Effect::OpenOrder {
                order: order.to_string(),
            },
            Action::Back => Effect::OpenOrdersAt {
                order: order.to_string(),
            },
            Action::Refresh => Effect::OpenVariance {
                order: order.to_string(),
                from_operations: self.from_operations,
            },
            Action::CloseOrder => Effect::AskClose {
                order: order.to_string(),
            },
            Action::ReopenOrder if self.status != OrderStatus::Closed => Effect::Error(
                strings::refusal(&ServiceError::from(Refusal::OrderNotClosed { order })),
            ),
            Action::ReopenOrder => Effect::AskReopen {
                order: order.to_string(),
            },
            _ => Effect::None,
        }
    }

    /// The reason of a close or a reopen (`text`, trimmed) typed into `this`.
    #[must_use]
    pub fn on_prompt(&self, kind: PromptKind, text: String, this: Overlay) -> Effect {
        match kind {
            PromptKind::CloseReason { .. } | PromptKind::ReopenReason { .. } if text.is_empty() => {
                Effect::reopen(this, t(Msg::CloseReasonEmpty))
            }
            PromptKind::CloseReason { draft } => draft.with_reason(text),
            PromptKind::ReopenReason { order, key } => Effect::show(Overlay::Confirm {
                title: tr(Msg::ReopenTitle, &[("order", order.as_str().into())]),
                lines: vec![
                    t(Msg::ReopenLine),
                    tr(Msg::CloseReasonLine, &[("reason", text.as_str().into())]),
                ],
                pending: Pending::write(Effect::ReopenOrder {
                    order,
                    reason: text,
                    key,
                }),
            }),
            _ => Effect::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::qty::Money;

    fn variance(from_operations: bool) -> VarianceState {
        VarianceState {
            order: "WO-1005".into(),
            qty: Quantity::ZERO,
            title: String::new(),
            short_title: String::new(),
            operations: Vec::new(),
            materials: Vec::new(),
            variance: Variance {
                order: "WO-1005".into(),
                lines: Vec::new(),
                expected_cost: Money::ZERO,
                actual_cost: Money::ZERO,
                variance: Money::ZERO,
            },
            selected: 0,
            from_operations,
            status: OrderStatus::Released,
        }
    }

    fn draft(closed_as: ClosedAs, needs_lead: bool) -> CloseDraft {
        CloseDraft {
            order: "WO-1005".into(),
            closed_as,
            good: Quantity(rust_decimal::Decimal::from(3)),
            qty: Quantity(rust_decimal::Decimal::from(20)),
            settlement: Settlement::of(
                Money("64.4515".parse().unwrap()),
                Money("-0.195".parse().unwrap()),
            ),
            reason: None,
            needs_lead,
            key: "T1-key".into(),
        }
    }

    fn pending(overlay: Overlay) -> Effect {
        match overlay {
            Overlay::Confirm {
                pending: Pending::Write(effect),
                ..
            } => *effect,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_complete_close_by_a_lead_posts_from_its_confirmation_under_its_key() {
        assert_eq!(
            pending(draft(ClosedAs::Complete, false).confirm()),
            Effect::CloseOrder {
                order: "WO-1005".into(),
                reason: None,
                key: "T1-key".into(),
            }
        );
    }

    #[test]
    fn a_short_close_by_an_operator_asks_the_reason_then_a_lead_then_confirms() {
        let Effect::Show(prompt) = pending(draft(ClosedAs::Short, true).confirm()) else {
            panic!()
        };
        let Overlay::Prompt {
            kind: PromptKind::CloseReason { draft },
            ..
        } = *prompt
        else {
            panic!()
        };
        let v = variance(true);
        let this = Overlay::Help(crate::tui::keymap::Context::Variance);
        assert!(matches!(
            v.on_prompt(
                PromptKind::CloseReason {
                    draft: draft.clone()
                },
                String::new(),
                this.clone()
            ),
            Effect::Show(_)
        ));
        let Effect::AskLead(then) =
            v.on_prompt(PromptKind::CloseReason { draft }, "no seals".into(), this)
        else {
            panic!()
        };
        let Effect::Show(confirm) = *then else {
            panic!()
        };
        assert_eq!(
            pending(*confirm),
            Effect::CloseOrder {
                order: "WO-1005".into(),
                reason: Some("no seals".into()),
                key: "T1-key".into(),
            }
        );
    }

    #[test]
    fn reopening_an_order_that_is_not_closed_is_refused() {
        assert!(matches!(
            variance(false).on_action(Action::ReopenOrder),
            Effect::Error(_)
        ));
        let mut closed = variance(false);
        closed.status = OrderStatus::Closed;
        assert_eq!(
            closed.on_action(Action::ReopenOrder),
            Effect::AskReopen {
                order: "WO-1005".into()
            }
        );
    }

    #[test]
    fn esc_goes_back_where_the_variance_came_from_and_f5_keeps_that() {
        let order = || "WO-1005".to_string();
        assert_eq!(
            variance(true).on_action(Action::Back),
            Effect::OpenOrder { order: order() }
        );
        assert_eq!(
            variance(false).on_action(Action::Back),
            Effect::OpenOrdersAt { order: order() }
        );
        for from_operations in [true, false] {
            assert_eq!(
                variance(from_operations).on_action(Action::Refresh),
                Effect::OpenVariance {
                    order: order(),
                    from_operations,
                }
            );
        }
    }
}
