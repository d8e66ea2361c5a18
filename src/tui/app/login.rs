//! Badge and PIN at the start of a shift.

use super::*;
use crate::service::AuthError;

/// Badge and PIN entry.
pub struct LoginState {
    pub badge: Field,
    pub pin: Field,
    pub on_pin: bool,
}

impl App {
    pub(super) fn login_action(&mut self, action: Action) {
        let Screen::Login(l) = &mut self.screen else {
            return;
        };
        match action {
            Action::NextField => l.on_pin = !l.on_pin,
            Action::Open if !l.on_pin => l.on_pin = true,
            Action::Open => {
                let badge = l.badge.text.trim().to_string();
                let pin = l.pin.text.clone();
                l.pin = Field::new(FieldKind::Secret, "");
                match self.service.login(&badge, &pin) {
                    Ok((name, role)) => {
                        self.session = Session {
                            badge: Some(badge),
                            pin: Some(pin),
                            name,
                            role: Some(role),
                        };
                        self.open_orders();
                        let welcome = format!("welcome, {} (logged in)", self.session.name);
                        self.note(welcome);
                    }
                    Err(e) => {
                        if let Screen::Login(l) = &mut self.screen {
                            // A wrong or missing PIN keeps the badge and asks the PIN again; an unknown
                            // or locked badge starts over.
                            l.on_pin = matches!(
                                e,
                                ServiceError::Auth(
                                    AuthError::WrongPin { .. } | AuthError::PinMissing { .. }
                                )
                            );
                            if !l.on_pin {
                                l.badge = Field::new(FieldKind::Text, "");
                            }
                        }
                        self.error(e.to_string());
                    }
                }
            }
            _ => {}
        }
    }
}
