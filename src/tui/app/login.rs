//! Badge and PIN at the start of a shift.

use super::*;

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
                            l.on_pin = e.to_string().contains("PIN");
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
