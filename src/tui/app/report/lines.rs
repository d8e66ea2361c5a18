//! What the keys do to a line of the preview (a quantity, line scrap, a location, a skip),
//! the prompts they open, and the reason every override carries (SPEC §6).

use super::*;

impl App {
    /// A key on the line under the cursor.
    pub(super) fn line_action(&mut self, action: Action, line: &str, item: &str) {
        match action {
            Action::HandIssue => self.hand_issue_planned(line),
            Action::Lots => self.ask_lots(line, None),
            Action::EditQty | Action::LineScrap | Action::Location => {
                self.ask_line_value(action, line, item);
            }
            Action::Skip => {
                let Screen::Report(r) = &mut self.screen else {
                    return;
                };
                if r.toggle_skip(line) {
                    self.ask_reason(line, false);
                }
            }
            Action::ResetLine => {
                if let Screen::Report(r) = &mut self.screen {
                    r.reset_line(line);
                }
            }
            _ => {}
        }
    }

    /// Asks a line's quantity, line scrap or issue location.
    fn ask_line_value(&mut self, action: Action, line: &str, item: &str) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let manual = r
            .planned(line)
            .is_some_and(|l| l.status == LineStatus::Manual);
        let line = line.to_string();
        let (title, kind, field) = match action {
            Action::EditQty if manual => (
                format!("Quantity issued by hand, line {line} {item}"),
                PromptKind::Qty { line },
                FieldKind::Number,
            ),
            Action::EditQty => (
                format!("Quantity to issue, line {line} {item}"),
                PromptKind::Qty { line },
                FieldKind::Number,
            ),
            Action::LineScrap => (
                format!("Line scrap on top, line {line} {item}"),
                PromptKind::LineScrap { line },
                FieldKind::Number,
            ),
            _ => (
                format!("Issue location, line {line} {item}"),
                PromptKind::Location { line },
                FieldKind::Text,
            ),
        };
        let mut prompt = Overlay::prompt(title, Field::new(field, ""), kind);
        if action == Action::Location {
            // Where the item is held, with how much: picked, not typed from memory.
            let held = self.service.stock(None, Some(item)).unwrap_or_default();
            prompt = prompt.with_choices(
                held.into_iter()
                    .map(|b| Choice::on_hand(b.location, b.qty))
                    .collect(),
            );
        }
        self.overlays.push(prompt);
    }

    /// Asks why `line` was overridden or skipped, from `[reasons] override`.
    pub(super) fn ask_reason(&mut self, line: &str, then_post: bool) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let Some(l) = r.planned(line) else {
            return;
        };
        let what = if l.status == LineStatus::Skipped {
            "skipped"
        } else {
            "changed"
        };
        let title = format!("Why was line {line} {} {what}? Pick a reason", l.item);
        let choices = self.reason_choices(crate::service::ReasonKind::Override);
        self.overlays.push(
            Overlay::prompt(
                title,
                Field::new(FieldKind::Text, ""),
                PromptKind::OverrideReason {
                    line: line.to_string(),
                    then_post,
                },
            )
            .with_choices(choices),
        );
    }

    /// Applies an override; one the engine refuses is taken back and its reason returned.
    pub(super) fn set_override(&mut self, line: &str, change: Change) -> Result<(), String> {
        self.set_overrides(line, vec![change])
    }

    /// Applies changes of one line together (a hand issue with its lots); refused as one.
    pub(super) fn set_overrides(&mut self, line: &str, changes: Vec<Change>) -> Result<(), String> {
        match &mut self.screen {
            Screen::Report(r) => r.apply_changes(line, changes),
            _ => Ok(()),
        }
    }

    /// Issues `line` from `location`; refused (and nothing changed) for an unknown location.
    fn set_location(&mut self, line: &str, location: &str) -> Result<(), String> {
        let Screen::Report(r) = &mut self.screen else {
            return Ok(());
        };
        if !r.context.knows_location(location) {
            // The context knows only the locations it was built with: build it again with
            // every location the report names, this one too.
            let mut locations: Vec<String> = r
                .overrides
                .iter()
                .filter_map(|o| match &o.change {
                    Change::Location(l) => Some(l.clone()),
                    _ => None,
                })
                .collect();
            locations.push(location.to_string());
            let order = r.context.order.order.clone();
            match self
                .service
                .report_context(&order, locations.iter().map(String::as_str))
            {
                Ok(c) if c.knows_location(location) => {
                    if let Screen::Report(r) = &mut self.screen {
                        r.context = c;
                    }
                }
                Ok(_) => return Err(format!("unknown location {location}")),
                Err(e) => return Err(e.to_string()),
            }
        }
        self.set_override(line, Change::Location(location.to_string()))
    }

    /// The prompts of the report screen: a line's quantity, lots, line scrap, issue location
    /// and an override's reason.
    pub(in crate::tui::app) fn apply_report_prompt(
        &mut self,
        kind: PromptKind,
        field: Field,
        this: Overlay,
    ) {
        let text = field.text.trim().to_string();
        match kind {
            PromptKind::Qty { line } => self.apply_line_qty(&line, &text, this),
            PromptKind::LineScrap { line } => match parse(&text) {
                Some(value) => self.apply_line_change(&line, Change::LineScrap(value), this),
                None => self.reopen(this, strings::not_a_number(&text)),
            },
            PromptKind::Lots { line, hand } => self.apply_lots(&line, hand, text, this),
            PromptKind::Location { line } => self.apply_location(&line, &text, this),
            PromptKind::OverrideReason { line, then_post } => {
                self.apply_override_reason(line, then_post, &text, this);
            }
            _ => {}
        }
    }

    fn apply_line_qty(&mut self, line: &str, text: &str, this: Overlay) {
        let Some(value) = parse(text) else {
            return self.reopen(this, strings::not_a_number(text));
        };
        // A tracked manual line's hand issue goes in together with its lots.
        if self.is_tracked_manual(line) && !value.is_zero() {
            return self.ask_lots(line, Some(value));
        }
        self.apply_line_change(line, Change::Qty(value), this);
    }

    fn apply_line_change(&mut self, line: &str, change: Change, this: Overlay) {
        match self.set_override(line, change) {
            Err(e) => self.reopen(this, e),
            Ok(()) => self.after_change(line),
        }
    }

    fn apply_location(&mut self, line: &str, text: &str, this: Overlay) {
        if text.is_empty() {
            return self.reopen(this, "pick or type a location");
        }
        match self.set_location(line, text) {
            Err(e) => self.reopen(this, e),
            Ok(()) => self.after_change(line),
        }
    }

    fn apply_override_reason(&mut self, line: String, then_post: bool, text: &str, this: Overlay) {
        let code = match self
            .service
            .check_reason(crate::service::ReasonKind::Override, text)
        {
            Ok(code) => code,
            Err(e) => return self.reopen(this, e.to_string()),
        };
        if let Screen::Report(r) = &mut self.screen {
            r.reasons.insert(line, code);
        }
        if then_post {
            self.confirm_post();
        }
    }

    /// After a line changed: an override asks its reason unless the line has one already (a
    /// hand issue is not an override, SPEC §9).
    pub(super) fn after_change(&mut self, line: &str) {
        let Screen::Report(r) = &self.screen else {
            return;
        };
        let overridden = r
            .planned(line)
            .is_some_and(|l| l.status != LineStatus::Manual);
        if overridden && !r.reasons.contains_key(line) {
            self.ask_reason(line, false);
        }
    }
}
