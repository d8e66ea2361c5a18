//! Text from the data made safe to print: control characters (below U+0020, and U+007F to
//! U+009F) are shown escaped, so a description can never clear a screen or retitle a window.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("plain É"), "plain É");
        assert_eq!(printable("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(printable("x\u{85}"), "x\\u{85}");
    }
}
