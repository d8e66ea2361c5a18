//! A lead's trace screen (SPEC §9): scan an item and a lot, see what went into it, what was
//! made from it, and where it is now. The prompts open from the board as well as from the
//! trace, so they are this module's functions, not the state's; all return [`Effect`]s
//! (see `history` for the shape).

use super::*;
use crate::service::Trace;

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
        "Trace a lot: which item? (scan or pick)".into(),
        Field::new(FieldKind::Text, ""),
        PromptKind::TraceItem,
    )
}

/// The item or the lot typed (`text`, trimmed) into the trace's prompt `this`.
#[must_use]
pub fn on_prompt(kind: PromptKind, text: String, this: Overlay) -> Effect {
    match kind {
        PromptKind::TraceItem if text.is_empty() => Effect::reopen(this, "scan or pick an item"),
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
        return Effect::reopen(this, format!("the store never held a lot of {item}"));
    }
    let choices = lots
        .into_iter()
        .map(|lot| Choice {
            detail: if lot.is_empty() {
                "unknown lot (stock from before lots were kept)".into()
            } else {
                String::new()
            },
            code: lot,
        })
        .collect();
    Effect::show(
        Overlay::prompt(
            format!("Trace which lot of {item}? (scan or pick)"),
            Field::new(FieldKind::Text, ""),
            PromptKind::TraceLot { item },
        )
        .with_choices(choices)
        .after(this),
    )
}
