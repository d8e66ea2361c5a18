//! What sits on top of a screen: help, confirmations, messages and prompts (with their pick
//! lists and the step they came from), and the writes waiting for a confirmation.

use super::Effect;
use crate::domain::ids::ReportId;
use crate::domain::qty::Quantity;
use crate::tui::i18n::{Arg, Msg, t, tr};

use super::Context;
use crate::domain::lots::LotStock;
use crate::tui::field::Field;

/// What a prompt's value is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Qty {
        line: String,
    },
    /// The lots or serials of a tracked line (`LOT[:QTY],…`), scanned or picked.
    Lots {
        line: String,
        /// The quantity issued by hand with these lots (a manual line), else the line's own.
        hand: Option<Quantity>,
    },
    /// The lot a lot-tracked parent is received into (empty: the order number).
    FinishedLot,
    /// The serials of a serial-tracked parent's good units, scanned or typed `S1,S2,…`;
    /// `then_post` goes on to the confirmation.
    FinishedSerials {
        then_post: bool,
    },
    /// The item of a lot to trace.
    TraceItem,
    /// The lot to trace.
    TraceLot {
        item: String,
    },
    LineScrap {
        line: String,
    },
    Location {
        line: String,
    },
    ReverseReason {
        report_id: ReportId,
    },
    ApproverBadge,
    ApproverPin {
        badge: String,
    },
    TransferFrom {
        item: String,
        to: String,
    },
    ScrapQty {
        report_id: ReportId,
        line: String,
    },
    Counted {
        item: String,
        location: String,
        /// The lot counted (a tracked item is counted one lot at a time).
        lot: Option<String>,
    },
    /// The lot of a tracked item to count.
    CountLot {
        item: String,
        location: String,
    },
    /// The lots a transfer of a tracked item moves (empty: the pick order).
    TransferLots {
        item: String,
        from: String,
        to: String,
        qty: Quantity,
    },
    ScrapReason {
        report_id: ReportId,
        line: String,
        qty: Quantity,
    },
    SubstituteItem {
        report_id: ReportId,
        line: String,
    },
    SubstituteQty {
        report_id: ReportId,
        line: String,
        item: String,
        returned: Option<Quantity>,
    },
    TransferQty {
        item: String,
        from: String,
        to: String,
    },
    /// The reason code of an override or a skip; `then_post` goes on to the confirmation.
    OverrideReason {
        line: String,
        then_post: bool,
    },
    /// The reason of a count whose difference exceeds `count_confirm_pct`.
    CountReason {
        item: String,
        location: String,
        lot: Option<String>,
        counted: Quantity,
    },
    /// The reason of a short close.
    CloseReason {
        draft: Box<super::variance::CloseDraft>,
    },
    /// The reason of a reopen, and the key it posts under.
    ReopenReason {
        order: String,
        key: String,
    },
    /// How much of the line's own item goes back in a substitution.
    SubstituteReturn {
        report_id: ReportId,
        line: String,
        item: String,
    },
}

/// What a confirmation (or a lead's approval) waits for: leaving, or a write to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Quit,
    LeaveReport,
    /// The write, as the effect that runs it (a post, a reversal, a scrap adjustment, a
    /// substitution, a cancelled exception).
    Write(Box<Effect>),
}

impl Pending {
    /// `effect`, once confirmed or approved.
    #[must_use]
    pub fn write(effect: Effect) -> Self {
        Pending::Write(Box::new(effect))
    }
}

/// How a message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Success,
    Error,
}

/// What sits on top of the screen and takes the keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(Context),
    Confirm {
        title: String,
        lines: Vec<String>,
        pending: Pending,
    },
    Prompt {
        title: String,
        field: Field,
        kind: PromptKind,
        error: Option<String>,
        /// A pick list filtered by what is typed; empty = free entry.
        choices: Vec<Choice>,
        /// The highlighted row of the filtered choices.
        highlighted: usize,
        /// The step before this one: Esc goes back to it, keeping what was entered there.
        back: Option<Box<Overlay>>,
        /// A pick list that takes several rows (the serials of a line): those marked so far.
        marks: Option<Marks>,
    },
    Message {
        title: String,
        lines: Vec<String>,
        severity: Severity,
    },
}

/// The rows of a pick list marked to be taken together, at most `needed` of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    pub needed: usize,
    /// The codes marked, in the order marked.
    pub marked: Vec<String>,
}

impl Marks {
    /// Marks `code`, or unmarks it when marked. Refused, marking nothing, when `needed`
    /// are marked already.
    ///
    /// # Errors
    /// How many are needed: as many are marked.
    pub fn toggle(&mut self, code: &str) -> Result<(), usize> {
        if let Some(at) = self.marked.iter().position(|m| m == code) {
            self.marked.remove(at);
            return Ok(());
        }
        if self.marked.len() >= self.needed {
            return Err(self.needed);
        }
        self.marked.push(code.to_string());
        Ok(())
    }

    /// What Enter takes: the marked codes as `A,B,…` (none marked: `None`).
    #[must_use]
    pub fn taken(&self) -> Option<String> {
        (!self.marked.is_empty()).then(|| self.marked.join(","))
    }
}

/// One entry of a prompt's pick list: the code it enters and what it shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub detail: String,
}

impl Choice {
    /// A location that holds the item, with how much: `12 on hand`.
    #[must_use]
    pub fn on_hand(location: String, qty: Quantity) -> Self {
        Choice {
            code: location,
            detail: tr(Msg::ChoiceOnHand, &[("qty", Arg::Number(qty.0))]),
        }
    }

    /// A lot in pick order, with its quantity and expiry. The unknown lot (`""`) enters
    /// `unknown_code` when there is one (`:QTY`); an `expired` lot says it needs a
    /// lead.
    #[must_use]
    pub fn lot(lot: LotStock, unknown_code: Option<String>, expired: bool) -> Self {
        let mut detail = tr(Msg::ChoiceOnHand, &[("qty", Arg::Number(lot.qty.0))]);
        if let Some(date) = lot.expires.as_deref() {
            detail.push_str(" · ");
            detail.push_str(&tr(Msg::ChoiceExpires, &[("date", date.into())]));
        }
        if expired {
            detail.push_str(" · ");
            detail.push_str(&t(Msg::ChoiceExpired));
        } else if lot.lot.is_empty() {
            detail.push_str(" · ");
            detail.push_str(&t(Msg::ChoiceUnknownLot));
        }
        Choice {
            detail,
            code: match unknown_code {
                Some(code) if lot.lot.is_empty() => code,
                _ => lot.lot,
            },
        }
    }
}

impl Overlay {
    /// A prompt for one value.
    #[must_use]
    pub fn prompt(title: String, field: Field, kind: PromptKind) -> Self {
        Overlay::Prompt {
            title,
            field,
            kind,
            error: None,
            choices: Vec::new(),
            highlighted: 0,
            back: None,
            marks: None,
        }
    }

    /// The prompt's pick list taking several rows, up to `needed`: Space marks a row.
    #[must_use]
    pub fn with_marks(mut self, needed: usize) -> Self {
        if let Overlay::Prompt { marks, .. } = &mut self {
            *marks = Some(Marks {
                needed,
                marked: Vec::new(),
            });
        }
        self
    }

    /// The prompt with an error shown under its field.
    #[must_use]
    pub fn with_error(mut self, message: String) -> Self {
        if let Overlay::Prompt { error, .. } = &mut self {
            *error = Some(message);
        }
        self
    }

    /// The prompt with a pick list.
    #[must_use]
    pub fn with_choices(mut self, list: Vec<Choice>) -> Self {
        if let Overlay::Prompt { choices, .. } = &mut self {
            *choices = list;
        }
        self
    }

    /// The prompt as the step after `previous` (Esc returns there).
    #[must_use]
    pub fn after(mut self, previous: Overlay) -> Self {
        if let Overlay::Prompt { back, .. } = &mut self {
            *back = Some(Box::new(previous));
        }
        self
    }

    pub(super) fn context(&self) -> Context {
        match self {
            Overlay::Help(_) => Context::Help,
            Overlay::Confirm { .. } => Context::Confirm,
            Overlay::Prompt { marks: Some(_), .. } => Context::Marks,
            Overlay::Prompt { .. } => Context::Prompt,
            Overlay::Message { .. } => Context::Message,
        }
    }
}

/// The choices that match what is typed (any case, anywhere in the code or the detail).
#[must_use]
pub fn filter_choices<'a>(choices: &'a [Choice], typed: &str) -> Vec<&'a Choice> {
    let needle = typed.trim().to_lowercase();
    choices
        .iter()
        .filter(|c| {
            needle.is_empty()
                || c.code.to_lowercase().contains(&needle)
                || c.detail.to_lowercase().contains(&needle)
        })
        .collect()
}

/// The code a pick list enters: one typed whole (any case), else the highlighted match.
pub(super) fn picked(choices: &[Choice], typed: &str, highlighted: usize) -> Option<String> {
    if choices.is_empty() {
        return None;
    }
    // Nothing typed is no code typed whole, even where a choice's code is empty (the
    // unknown lot): the highlighted choice is taken.
    if !typed.trim().is_empty()
        && let Some(exact) = choices
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(typed.trim()))
    {
        return Some(exact.code.clone());
    }
    filter_choices(choices, typed)
        .get(highlighted)
        .map(|c| c.code.clone())
}
