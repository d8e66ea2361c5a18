//! A one-line input field: a quantity, text, or a secret shown as dots.
//!
//! Every quantity the terminal asks for goes through one [`QuantityField`]: it takes digits,
//! the language's decimal separator once, and a minus first where a negative is allowed;
//! full-width digits and separator (from a Chinese input method) are taken as their plain
//! forms. Anything else is refused at the key press with why, and the field is left as it
//! was: a character is never dropped or read as another.

/// What a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A quantity that cannot be negative.
    Number,
    /// A quantity that may start with a minus (a correction, a return).
    SignedNumber,
    Text,
    Secret,
}

/// The decimal separator a field takes unless told another (English's; the language's
/// strings name theirs).
pub const POINT: char = '.';

/// How long a field's text may grow.
pub const MAX_CHARS: usize = 40;

/// Why a field refused a character (the terminal's strings word it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The other language's decimal separator (`,` where a point is the separator).
    OtherSeparator(char),
    /// A second decimal separator.
    SecondSeparator,
    /// A minus where no negative is allowed, or not at the start.
    Minus { allowed: bool },
    /// A character that is no part of a quantity (a letter, a space, `+`, `?`).
    NotADigit(char),
    /// A digit beyond the decimals the quantity's unit holds.
    Decimals(u32),
    /// The field is full.
    TooLong,
    /// A control character in a text field.
    Control,
}

/// The one quantity input: the separator of the language, whether a minus is allowed, and
/// how many decimals the unit holds (when known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuantityField {
    pub separator: char,
    pub negative: bool,
    pub decimals: Option<u32>,
}

impl QuantityField {
    /// The plain form of `c` as it would stand after `text`, or why it is refused.
    ///
    /// # Errors
    /// `c` cannot follow `text` in a quantity.
    pub fn take(&self, text: &str, c: char) -> Result<char, Refused> {
        let c = plain(c, self.separator);
        let other = if self.separator == '.' { ',' } else { '.' };
        if c.is_ascii_digit() {
            if let (Some(max), Some((_, fraction))) =
                (self.decimals, text.split_once(self.separator))
                && fraction.chars().count() >= max as usize
            {
                return Err(Refused::Decimals(max));
            }
            Ok(c)
        } else if c == self.separator {
            if text.contains(self.separator) {
                Err(Refused::SecondSeparator)
            } else if self.decimals == Some(0) {
                Err(Refused::Decimals(0))
            } else {
                Ok(c)
            }
        } else if c == other {
            Err(Refused::OtherSeparator(c))
        } else if c == '-' {
            if self.negative && text.is_empty() {
                Ok(c)
            } else {
                Err(Refused::Minus {
                    allowed: self.negative,
                })
            }
        } else {
            Err(Refused::NotADigit(c))
        }
    }
}

/// Full-width digits, and the full-width form of `separator`, as their plain forms.
fn plain(c: char, separator: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '．' if separator == '.' => '.',
        '，' if separator == ',' => ',',
        _ => c,
    }
}

/// A one-line input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub kind: FieldKind,
    /// Cleared by the first character typed, so a scanned or typed value replaces it.
    pub replace_on_type: bool,
    /// The decimal separator a quantity is typed with (the language's).
    pub separator: char,
    /// How many decimals a quantity may have, when its unit is known.
    pub decimals: Option<u32>,
}

impl Field {
    #[must_use]
    pub fn new(kind: FieldKind, text: &str) -> Self {
        Field {
            text: text.to_string(),
            kind,
            replace_on_type: !text.is_empty(),
            // The language of whoever is logged in when the field opens.
            separator: crate::tui::i18n::decimal_separator(),
            decimals: None,
        }
    }

    /// The field taking at most `decimals` decimals (the unit of the quantity asked).
    #[must_use]
    pub fn with_decimals(mut self, decimals: u32) -> Self {
        self.decimals = Some(decimals);
        self
    }

    /// The quantity input of a number field.
    #[must_use]
    pub fn quantity(&self) -> Option<QuantityField> {
        let negative = match self.kind {
            FieldKind::Number => false,
            FieldKind::SignedNumber => true,
            FieldKind::Text | FieldKind::Secret => return None,
        };
        Some(QuantityField {
            separator: self.separator,
            negative,
            decimals: self.decimals,
        })
    }

    /// Takes a typed character, or says why not and leaves the field as it was.
    ///
    /// # Errors
    /// The field does not take `c` here.
    pub fn type_char(&mut self, c: char) -> Result<(), Refused> {
        let current = if self.replace_on_type { "" } else { &self.text };
        let c = match self.quantity() {
            Some(q) => q.take(current, c)?,
            None if c.is_control() => return Err(Refused::Control),
            None => c,
        };
        if current.chars().count() >= MAX_CHARS {
            return Err(Refused::TooLong);
        }
        if self.replace_on_type {
            self.text.clear();
            self.replace_on_type = false;
        }
        self.text.push(c);
        Ok(())
    }

    /// Takes a typed character; false when the field does not accept it (and is unchanged).
    pub fn input(&mut self, c: char) -> bool {
        self.type_char(c).is_ok()
    }

    pub fn backspace(&mut self) {
        self.replace_on_type = false;
        self.text.pop();
    }

    /// Ctrl-U: the field emptied.
    pub fn clear(&mut self) {
        self.replace_on_type = false;
        self.text.clear();
    }

    /// The text as a quantity is parsed: the language's separator as a point.
    #[must_use]
    pub fn value_text(&self) -> String {
        match self.kind {
            FieldKind::Number | FieldKind::SignedNumber => self.text.replace(self.separator, "."),
            FieldKind::Text | FieldKind::Secret => self.text.clone(),
        }
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
        assert_eq!(f.type_char('.'), Err(Refused::SecondSeparator));
        assert_eq!(f.type_char('x'), Err(Refused::NotADigit('x')));
        f.input('5');
        assert_eq!(f.text, "1.5");
        f.backspace();
        assert_eq!(f.text, "1.");
    }

    #[test]
    fn a_quantity_never_drops_or_reinterprets_a_character() {
        let mut f = Field::new(FieldKind::Number, "");
        f.input('1');
        assert_eq!(f.type_char(','), Err(Refused::OtherSeparator(',')));
        assert_eq!(f.text, "1", "1,5 is never 15");
        assert_eq!(
            Field::new(FieldKind::Number, "").type_char('-'),
            Err(Refused::Minus { allowed: false })
        );
        for c in ['k', 'q', '?', ' ', '+'] {
            assert_eq!(f.type_char(c), Err(Refused::NotADigit(c)));
        }
        assert_eq!(f.text, "1");
    }

    #[test]
    fn a_signed_field_takes_a_minus_first_only() {
        let mut f = Field::new(FieldKind::SignedNumber, "");
        assert_eq!(f.type_char('-'), Ok(()));
        assert_eq!(f.type_char('-'), Err(Refused::Minus { allowed: true }));
        f.input('1');
        assert_eq!(f.text, "-1");
    }

    #[test]
    fn full_width_digits_and_point_are_taken_plain() {
        let mut f = Field::new(FieldKind::Number, "");
        for c in "１．５".chars() {
            assert_eq!(f.type_char(c), Ok(()));
        }
        assert_eq!(f.text, "1.5");
        assert_eq!(f.type_char('，'), Err(Refused::NotADigit('，')));
    }

    #[test]
    fn the_separator_is_the_languages() {
        let mut f = Field::new(FieldKind::Number, "");
        f.separator = ',';
        for c in "1，5".chars() {
            assert_eq!(f.type_char(c), Ok(()));
        }
        assert_eq!(f.text, "1,5");
        assert_eq!(f.value_text(), "1.5");
        assert_eq!(f.type_char('.'), Err(Refused::OtherSeparator('.')));
    }

    #[test]
    fn digits_beyond_the_units_decimals_are_refused() {
        let mut f = Field::new(FieldKind::Number, "").with_decimals(2);
        for c in "1.25".chars() {
            f.input(c);
        }
        assert_eq!(f.type_char('1'), Err(Refused::Decimals(2)));
        assert_eq!(f.text, "1.25");
        let mut whole = Field::new(FieldKind::Number, "").with_decimals(0);
        whole.input('3');
        assert_eq!(whole.type_char('.'), Err(Refused::Decimals(0)));
    }

    #[test]
    fn a_full_field_refuses_rather_than_drops() {
        let mut f = Field::new(FieldKind::Text, "");
        for _ in 0..MAX_CHARS {
            f.input('a');
        }
        assert_eq!(f.type_char('b'), Err(Refused::TooLong));
        f.clear();
        assert_eq!(f.text, "");
    }

    #[test]
    fn a_secret_shows_dots() {
        let mut f = Field::new(FieldKind::Secret, "");
        f.input('1');
        f.input('2');
        assert_eq!(f.shown(), "••");
    }
}
