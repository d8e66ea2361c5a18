//! A lead's trace screen: scan an item and a lot, see what went into it, what was
//! made from it, and where it is now. The prompts open from the board as well as from the
//! trace, so they are this module's functions, not the state's; all return [`Effect`]s
//! (see `history` for the shape).

use super::{Action, Choice, Effect, Field, FieldKind, Overlay, PromptKind};
use crate::service::Trace;
use crate::tui::i18n::{Msg, t, tr};

/// The trace of one lot.
pub struct TraceState {
    pub trace: Trace,
    /// The first row shown (the tree may be longer than the screen).
    pub selected: usize,
}

impl TraceState {
    /// How many rows the screen lists (on hand, then both directions).
    #[must_use]
    pub fn rows(&self) -> usize {
        let g = &self.trace.genealogy;
        self.trace.on_hand.len() + g.backward.len() + g.forward.len()
    }

    /// A key on the trace.
    #[must_use]
    pub fn on_action(&self, action: Action) -> Effect {
        match action {
            Action::Back => Effect::OpenOrders,
            Action::Trace => Effect::OpenTrace,
            _ => Effect::None,
        }
    }
}

/// The first step of a trace: which item (its pick list is the tracked items).
#[must_use]
pub fn item_prompt() -> Overlay {
    Overlay::prompt(
        t(Msg::TraceItemPrompt),
        Field::new(FieldKind::Text, ""),
        PromptKind::TraceItem,
    )
}

/// The item or the lot typed (`text`, trimmed) into the trace's prompt `this`.
#[must_use]
pub fn on_prompt(kind: PromptKind, text: String, this: Overlay) -> Effect {
    match kind {
        PromptKind::TraceItem if text.is_empty() => Effect::reopen(this, t(Msg::TraceItemNeeded)),
        PromptKind::TraceItem => Effect::TraceLots {
            item: text,
            this: Box::new(this),
        },
        PromptKind::TraceLot { item } => Effect::Trace {
            item,
            lot: text,
            this: Box::new(this),
        },
        _ => Effect::None,
    }
}

/// The lots the store ever held of `item`, to pick one from; refused when there are none.
#[must_use]
pub fn lot_prompt(item: String, lots: Vec<String>, this: Overlay) -> Effect {
    if lots.is_empty() {
        return Effect::reopen(
            this,
            tr(Msg::TraceNoLots, &[("item", item.as_str().into())]),
        );
    }
    let choices = lots
        .into_iter()
        .map(|lot| Choice {
            detail: if lot.is_empty() {
                t(Msg::TraceLotBeforeLots)
            } else {
                String::new()
            },
            code: lot,
        })
        .collect();
    Effect::show(
        Overlay::prompt(
            tr(Msg::TraceLotPrompt, &[("item", item.as_str().into())]),
            Field::new(FieldKind::Text, ""),
            PromptKind::TraceLot { item },
        )
        .with_choices(choices)
        .after(this),
    )
}

#[cfg(test)]
mod tests {
    //! The trace's prompts with no store.

    use super::*;
    use crate::domain::qty::Quantity;
    use crate::tui::app::picked;

    fn text() -> Field {
        Field::new(FieldKind::Text, "")
    }

    #[test]
    fn in_german_the_trace_asks_and_refuses_in_german() {
        crate::tui::i18n::set_language(
            crate::domain::language::Language::parse("de")
                .unwrap_or(crate::domain::language::Language::ENGLISH),
        );
        let item = item_prompt();
        let refused = lot_prompt("HP-100".into(), Vec::new(), item.clone());
        crate::tui::i18n::set_language(crate::domain::language::Language::ENGLISH);
        let Overlay::Prompt { title, .. } = &item else {
            panic!("not a prompt: {item:?}");
        };
        assert_eq!(
            title,
            "Charge verfolgen: welcher Artikel? (scannen oder wählen)"
        );
        assert_eq!(
            refused,
            Effect::show(item.with_error("das Lager hatte nie eine Charge von HP-100".into()))
        );
    }

    #[test]
    fn the_item_is_asked_first_then_its_lots_then_the_trace() {
        let item = item_prompt();
        assert_eq!(
            on_prompt(PromptKind::TraceItem, String::new(), item.clone()),
            Effect::show(item.clone().with_error("scan or pick an item".into()))
        );
        assert_eq!(
            on_prompt(PromptKind::TraceItem, "HP-100".into(), item.clone()),
            Effect::TraceLots {
                item: "HP-100".into(),
                this: Box::new(item.clone()),
            }
        );
        let kind = PromptKind::TraceLot {
            item: "HP-100".into(),
        };
        let lot = Overlay::prompt("Trace which lot".into(), text(), kind.clone());
        assert_eq!(
            on_prompt(kind, "L-7".into(), lot.clone()),
            Effect::Trace {
                item: "HP-100".into(),
                lot: "L-7".into(),
                this: Box::new(lot),
            }
        );
    }

    #[test]
    fn the_lots_are_offered_the_unknown_lot_named_and_none_refused() {
        let item = item_prompt();
        assert_eq!(
            lot_prompt("BOLT-M8".into(), Vec::new(), item.clone()),
            Effect::show(
                item.clone()
                    .with_error("the store never held a lot of BOLT-M8".into())
            )
        );
        let choices = vec![
            Choice {
                code: String::new(),
                detail: t(Msg::TraceLotBeforeLots),
            },
            Choice {
                code: "L-7".into(),
                detail: String::new(),
            },
        ];
        assert_eq!(
            lot_prompt(
                "HP-100".into(),
                vec![String::new(), "L-7".into()],
                item.clone()
            ),
            Effect::show(
                Overlay::prompt(
                    "Trace which lot of HP-100? (scan or pick)".into(),
                    text(),
                    PromptKind::TraceLot {
                        item: "HP-100".into()
                    },
                )
                .with_choices(choices)
                .after(item)
            )
        );
    }

    #[test]
    fn the_lot_highlighted_is_the_one_traced_though_the_unknown_lot_is_listed() {
        let choices = vec![
            Choice {
                code: "WO-1011".into(),
                detail: String::new(),
            },
            Choice {
                code: "WO-1006".into(),
                detail: String::new(),
            },
            Choice {
                code: String::new(),
                detail: t(Msg::TraceLotBeforeLots),
            },
        ];
        assert_eq!(picked(&choices, "", 0).as_deref(), Some("WO-1011"));
        assert_eq!(picked(&choices, "", 1).as_deref(), Some("WO-1006"));
        assert_eq!(picked(&choices, "", 2).as_deref(), Some(""));
        assert_eq!(picked(&choices, "wo-1006", 0).as_deref(), Some("WO-1006"));
    }

    #[test]
    fn a_trace_scrolls_and_t_asks_another() {
        let t = TraceState {
            trace: Trace {
                item: "HP-100".into(),
                lot: "L-7".into(),
                on_hand: vec![("FG".into(), Quantity(rust_decimal::Decimal::TWO))],
                genealogy: crate::domain::trace::Genealogy::default(),
            },
            selected: 0,
        };
        assert_eq!(t.rows(), 1);
        assert_eq!(t.on_action(Action::Trace), Effect::OpenTrace);
        assert_eq!(t.on_action(Action::Back), Effect::OpenOrders);
    }
}
