//! A one-line input field: numbers (digits and one point) or text, optionally masked.

/// What a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Number,
    /// A number that may start with a minus (a correction).
    SignedNumber,
    Text,
    Secret,
}

/// A one-line input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub kind: FieldKind,
    /// Cleared by the first character typed, so a scanned or typed value replaces it.
    pub replace_on_type: bool,
}

impl Field {
    #[must_use]
    pub fn new(kind: FieldKind, text: &str) -> Self {
        Field {
            text: text.to_string(),
            kind,
            replace_on_type: !text.is_empty(),
        }
    }

    /// Takes a typed character; false when the field does not accept it.
    pub fn input(&mut self, c: char) -> bool {
        let ok = match self.kind {
            FieldKind::Number => {
                c.is_ascii_digit()
                    || (c == '.' && (self.replace_on_type || !self.text.contains('.')))
            }
            FieldKind::SignedNumber => {
                c.is_ascii_digit()
                    || (c == '.' && (self.replace_on_type || !self.text.contains('.')))
                    || (c == '-' && (self.replace_on_type || self.text.is_empty()))
            }
            FieldKind::Text | FieldKind::Secret => !c.is_control(),
        };
        if ok {
            if self.replace_on_type {
                self.text.clear();
                self.replace_on_type = false;
            }
            if self.text.len() < 40 {
                self.text.push(c);
            }
        }
        ok
    }

    pub fn backspace(&mut self) {
        self.replace_on_type = false;
        self.text.pop();
    }

    /// What the screen shows.
    #[must_use]
    pub fn shown(&self) -> String {
        match self.kind {
            FieldKind::Secret => "•".repeat(self.text.chars().count()),
            _ => self.text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_field_takes_digits_and_one_point() {
        let mut f = Field::new(FieldKind::Number, "0");
        assert!(f.input('1'));
        assert_eq!(f.text, "1", "the first key replaces the default");
        assert!(f.input('.'));
        assert!(!f.input('.'));
        assert!(!f.input('x'));
        f.input('5');
        assert_eq!(f.text, "1.5");
        f.backspace();
        assert_eq!(f.text, "1.");
    }

    #[test]
    fn a_secret_shows_dots() {
        let mut f = Field::new(FieldKind::Secret, "");
        f.input('1');
        f.input('2');
        assert_eq!(f.shown(), "••");
    }
}
