//! Text from the data made safe to print: control characters (below U+0020, and U+007F to
//! U+009F) are shown escaped, so a description can never clear a screen or retitle a window.
//! And the one rule for text a user gives to be kept as a code, key, terminal id or reason:
//! printable, and short enough that no single value can swell the store or its exports.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is a control character that must never reach a terminal raw.
#[must_use]
pub fn is_control(c: char) -> bool {
    c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// `text` with every control character written as `\u{..}`.
#[must_use]
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The most characters a code, an idempotency key, a terminal id or a reason may have:
/// room for any plant's numbering and a sentence of why.
pub const MAX_CODE_CHARS: usize = 200;

/// Why a piece of text cannot be kept as a code, key, terminal id or reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// It holds this control character.
    Control(char),
    /// It has this many characters, more than [`MAX_CODE_CHARS`].
    TooLong(usize),
}

/// Checks text to be kept as a code, key, terminal id or reason: no control character, at
/// most [`MAX_CODE_CHARS`] characters.
///
/// # Errors
/// The first control character, else the length when it is over the limit.
pub fn check_code(text: &str) -> Result<(), TextProblem> {
    if let Some(c) = text.chars().find(|c| is_control(*c)) {
        return Err(TextProblem::Control(c));
    }
    match text.chars().count() {
        n if n > MAX_CODE_CHARS => Err(TextProblem::TooLong(n)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_printable_and_at_most_200_characters() {
        assert_eq!(check_code(""), Ok(()));
        assert_eq!(check_code(&"É".repeat(200)), Ok(()));
        assert_eq!(check_code(&"x".repeat(201)), Err(TextProblem::TooLong(201)));
        assert_eq!(
            check_code("T\u{1b}]0;x"),
            Err(TextProblem::Control('\u{1b}'))
        );
        assert_eq!(check_code("del\u{7f}"), Err(TextProblem::Control('\u{7f}')));
        assert_eq!(check_code("csi\u{9b}"), Err(TextProblem::Control('\u{9b}')));
        assert_eq!(
            check_code(&format!("{}\u{7}", "x".repeat(300))),
            Err(TextProblem::Control('\u{7}'))
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("plain É"), "plain É");
        assert_eq!(printable("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(printable("x\u{85}"), "x\\u{85}");
        assert_eq!(printable("a\nb\u{9b}c\té"), "a\\u{a}b\\u{9b}c\\u{9}é");
    }
}
