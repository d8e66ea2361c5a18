//! Words the terminal shows in more than one place, gathered so they read the same
//! everywhere and can be reviewed (and, later, translated) in one file.

/// Asking for a lead's approval.
pub const LEAD_BADGE: &str = "A lead must approve: scan or type the lead's badge";

/// "1 line", "2 lines": a count with its noun, for the shop-floor sentences.
#[must_use]
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_as_sentences() {
        assert_eq!(super::count(1, "line"), "1 line");
        assert_eq!(super::count(2, "line"), "2 lines");
        assert_eq!(super::count(0, "exception"), "0 exceptions");
    }
}
