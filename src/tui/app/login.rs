//! Badge and PIN at the start of a shift. Keys return [`Effect`]s (see `history` for the
//! shape): Enter on the PIN asks for [`Effect::Login`], and a refused login comes back as
//! [`LoginState::refused`].
use super::{Action, Effect, Field, FieldKind};

/// Badge and PIN entry.
pub struct LoginState {
    pub badge: Field,
    pub pin: Field,
    pub on_pin: bool,
}

impl Default for LoginState {
    fn default() -> Self {
        LoginState {
            badge: Field::new(FieldKind::Text, ""),
            pin: Field::new(FieldKind::Secret, ""),
            on_pin: false,
        }
    }
}

impl LoginState {
    /// A key on the login: Tab between the fields, Enter on the badge goes to the PIN,
    /// Enter on the PIN logs in (the PIN field empties either way).
    pub fn on_action(&mut self, action: Action) -> Effect {
        match action {
            Action::NextField => self.on_pin = !self.on_pin,
            Action::Open if !self.on_pin => self.on_pin = true,
            Action::Open => {
                let badge = self.badge.text.trim().to_string();
                let pin = std::mem::replace(&mut self.pin, Field::new(FieldKind::Secret, ""));
                return Effect::Login {
                    badge,
                    pin: pin.text,
                };
            }
            _ => {}
        }
        Effect::None
    }

    /// The login was refused: a wrong or missing PIN (`pin_again`) keeps the badge and asks
    /// the PIN again; an unknown or locked badge starts over.
    pub fn refused(&mut self, pin_again: bool) {
        self.on_pin = pin_again;
        if !pin_again {
            self.badge = Field::new(FieldKind::Text, "");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(field: &mut Field, text: &str) {
        for c in text.chars() {
            field.input(c);
        }
    }

    #[test]
    fn enter_goes_from_the_badge_to_the_pin_then_logs_in_and_empties_the_pin() {
        let mut l = LoginState::default();
        typed(&mut l.badge, " 1001 ");
        assert_eq!(l.on_action(Action::Open), Effect::None);
        assert!(l.on_pin);
        typed(&mut l.pin, "1234");
        assert_eq!(
            l.on_action(Action::Open),
            Effect::Login {
                badge: "1001".into(),
                pin: "1234".into(),
            }
        );
        assert_eq!(l.pin, Field::new(FieldKind::Secret, ""));
        assert_eq!(l.badge.text, " 1001 ", "the badge stays until the answer");
        assert_eq!(l.on_action(Action::NextField), Effect::None);
        assert!(!l.on_pin, "Tab goes back to the badge");
    }

    #[test]
    fn a_wrong_pin_keeps_the_badge_and_an_unknown_badge_starts_over() {
        let mut l = LoginState::default();
        typed(&mut l.badge, "1001");
        l.refused(true);
        assert_eq!((l.badge.text.as_str(), l.on_pin), ("1001", true));
        l.refused(false);
        assert_eq!((l.badge.text.as_str(), l.on_pin), ("", false));
    }
}
