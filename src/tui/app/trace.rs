//! A lead's trace screen (SPEC §9): scan an item and a lot, see what went into it, what was
//! made from it, and where it is now.

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
}

impl App {
    /// Asks for the item of the lot to trace, from the tracked items.
    pub fn open_trace(&mut self) {
        let choices = self
            .service
            .tracked_items()
            .unwrap_or_default()
            .into_iter()
            .map(|(code, detail)| Choice { code, detail })
            .collect();
        self.overlays.push(
            Overlay::prompt(
                "Trace a lot: which item? (scan or pick)".into(),
                Field::new(FieldKind::Text, ""),
                PromptKind::TraceItem,
            )
            .with_choices(choices),
        );
    }

    pub(super) fn apply_trace_prompt(&mut self, kind: PromptKind, field: Field, this: Overlay) {
        let text = field.text.trim().to_string();
        match kind {
            PromptKind::TraceItem => {
                if text.is_empty() {
                    return self.reopen(this, "scan or pick an item");
                }
                let lots = match self.service.lots_of(&text) {
                    Ok(lots) if lots.is_empty() => {
                        return self.reopen(this, format!("the store never held a lot of {text}"));
                    }
                    Ok(lots) => lots,
                    Err(e) => return self.reopen(this, e.to_string()),
                };
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
                self.overlays.push(
                    Overlay::prompt(
                        format!("Trace which lot of {text}? (scan or pick)"),
                        Field::new(FieldKind::Text, ""),
                        PromptKind::TraceLot { item: text },
                    )
                    .with_choices(choices)
                    .after(this),
                );
            }
            PromptKind::TraceLot { item } => match self.service.trace(&item, &text) {
                Ok(trace) => {
                    self.screen = Screen::Trace(TraceState { trace, selected: 0 });
                }
                Err(e) => self.reopen(this, e.to_string()),
            },
            _ => {}
        }
    }

    pub(super) fn trace_action(&mut self, action: Action) {
        match action {
            Action::Back => self.open_orders(),
            Action::Trace => self.open_trace(),
            _ => {}
        }
    }
}
