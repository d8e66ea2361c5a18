//! What the keys do to a line of the preview (a quantity, line scrap, a location, a skip),
//! the prompts they open, and the reason every override carries.
use super::{
    Action, Effect, Field, FieldKind, LeadRule, LineStatus, Overlay, Planner, ReportState,
};
use crate::tui::app::{Change, Choices, PromptKind, ReasonKind, parse, strings};
use crate::tui::i18n::{Msg, t, tr};

impl<C: Planner> ReportState<C> {
    /// A key on the line under the cursor.
    pub(super) fn line_action(&mut self, action: Action, line: &str, item: &str) -> Effect {
        match action {
            Action::HandIssue => self.hand_issue_planned(line),
            Action::Lots => self.ask_lots(line, None),
            Action::EditQty | Action::LineScrap | Action::Location => {
                self.ask_line_value(action, line, item)
            }
            Action::Skip => {
                if self.toggle_skip(line) {
                    self.ask_reason(line, false)
                } else {
                    Effect::None
                }
            }
            Action::ResetLine => {
                self.reset_line(line);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// Asks a line's quantity, line scrap or issue location.
    fn ask_line_value(&self, action: Action, line: &str, item: &str) -> Effect {
        let manual = self
            .planned(line)
            .is_some_and(|l| l.status == LineStatus::Manual);
        // A quantity of the line's item takes no more decimals than its unit holds.
        let decimals = self.planned(line).map(|l| l.derivation.decimals);
        let line = line.to_string();
        let (title, kind, field) = match action {
            Action::EditQty if manual => (
                tr(
                    Msg::PromptQtyByHand,
                    &[("line", line.as_str().into()), ("item", item.into())],
                ),
                PromptKind::Qty { line },
                FieldKind::Number,
            ),
            Action::EditQty => (
                tr(
                    Msg::PromptQtyToIssue,
                    &[("line", line.as_str().into()), ("item", item.into())],
                ),
                PromptKind::Qty { line },
                FieldKind::Number,
            ),
            Action::LineScrap => (
                tr(
                    Msg::PromptLineScrap,
                    &[("line", line.as_str().into()), ("item", item.into())],
                ),
                PromptKind::LineScrap { line },
                FieldKind::Number,
            ),
            _ => (
                tr(
                    Msg::PromptIssueLocation,
                    &[("line", line.as_str().into()), ("item", item.into())],
                ),
                PromptKind::Location { line },
                FieldKind::Text,
            ),
        };
        let mut input = Field::new(field, "");
        if field != FieldKind::Text {
            input.decimals = decimals;
        }
        let prompt = Overlay::prompt(title, input, kind);
        if action == Action::Location {
            // Where the item is held, with how much: picked, not typed from memory.
            return Effect::pick(prompt, Choices::StockOf(item.to_string()));
        }
        Effect::show(prompt)
    }

    /// Asks why `line` was overridden or skipped, from `[reasons] override`.
    pub(super) fn ask_reason(&self, line: &str, then_post: bool) -> Effect {
        let Some(l) = self.planned(line) else {
            return Effect::None;
        };
        let why = if l.status == LineStatus::Skipped {
            Msg::PromptWhySkipped
        } else {
            Msg::PromptWhyChanged
        };
        let title = tr(
            why,
            &[("line", line.into()), ("item", l.item.as_str().into())],
        );
        let prompt = Overlay::prompt(
            title,
            Field::new(FieldKind::Text, ""),
            PromptKind::OverrideReason {
                line: line.to_string(),
                then_post,
            },
        );
        Effect::pick(prompt, Choices::Reasons(ReasonKind::Override))
    }

    /// The prompts of the report screen: a line's quantity, lots, line scrap, issue location
    /// and an override's reason; `text` is what was typed or picked, trimmed.
    pub fn on_prompt(&mut self, kind: PromptKind, text: String, this: Overlay) -> Effect {
        match kind {
            PromptKind::Qty { line } => self.apply_line_qty(&line, &text, this),
            PromptKind::LineScrap { line } => match parse(&text) {
                Some(value) => self.apply_line_change(&line, Change::LineScrap(value), this),
                None => Effect::reopen(this, strings::not_a_number(&text)),
            },
            PromptKind::Lots { line, hand } => self.apply_lots(&line, hand, text, this),
            PromptKind::FinishedLot => self.apply_finished_lot(text, this),
            PromptKind::Location { .. } if text.is_empty() => {
                Effect::reopen(this, t(Msg::PickOrTypeLocation))
            }
            // The context knows only the locations it was built with: another is read first.
            PromptKind::Location { line } if !self.context.knows_location(&text) => {
                Effect::ReportLocation {
                    line,
                    location: text,
                    this: Box::new(this),
                }
            }
            PromptKind::Location { line } => self.apply_location(&line, text, this),
            PromptKind::OverrideReason { line, then_post } => Effect::OverrideReason {
                line,
                then_post,
                reason: text,
                this: Box::new(this),
            },
            _ => Effect::None,
        }
    }

    /// The locations the report names beside `location`: what a context read for it must
    /// know.
    #[must_use]
    pub fn locations_with(&self, location: &str) -> Vec<String> {
        let mut locations: Vec<String> = self
            .overrides
            .iter()
            .filter_map(|o| match &o.change {
                Change::Location(l) => Some(l.clone()),
                _ => None,
            })
            .collect();
        locations.push(location.to_string());
        locations
    }

    fn apply_line_qty(&mut self, line: &str, text: &str, this: Overlay) -> Effect {
        let Some(value) = parse(text) else {
            return Effect::reopen(this, strings::not_a_number(text));
        };
        // A tracked manual line's hand issue goes in together with its lots.
        if self.is_tracked_manual(line) && !value.is_zero() {
            return self.ask_lots(line, Some(value));
        }
        self.apply_line_change(line, Change::Qty(value), this)
    }

    fn apply_line_change(&mut self, line: &str, change: Change, this: Overlay) -> Effect {
        match self.apply_changes(line, vec![change]) {
            Err(e) => Effect::reopen(this, e),
            // The reason's Esc comes back to this prompt with the value typed, the change
            // taken back.
            Ok(()) => match self.after_change(line) {
                Effect::Pick { prompt, from } => Effect::Pick {
                    prompt: Box::new(prompt.after(this)),
                    from,
                },
                other => other,
            },
        }
    }

    /// Issues `line` from `location` (one the context knows); refused (and nothing changed)
    /// when the engine refuses it.
    pub fn apply_location(&mut self, line: &str, location: String, this: Overlay) -> Effect {
        self.apply_line_change(line, Change::Location(location), this)
    }

    /// The reason `code` (checked) of `line`'s override; `then_post` goes on to the post.
    pub fn reason_given(
        &mut self,
        line: String,
        code: String,
        then_post: bool,
        lead: &LeadRule,
    ) -> Effect {
        self.reasons.insert(line, code);
        self.before_change = None;
        if then_post {
            self.confirm_post(lead)
        } else {
            Effect::None
        }
    }

    /// After a line changed: an override asks its reason unless the line has one already (a
    /// hand issue is not an override).
    pub(super) fn after_change(&self, line: &str) -> Effect {
        let overridden = self
            .planned(line)
            .is_some_and(|l| l.status != LineStatus::Manual);
        if overridden && !self.reasons.contains_key(line) {
            return self.ask_reason(line, false);
        }
        Effect::None
    }
}
