//! One keymap table drives dispatch, the footer hints and the help overlay, so what the
//! screen says a key does is what it does.
//!
//! The file is long because [`KEYMAP`] is: one row per key per screen (about 430 of its
//! lines), kept in one place so every screen's keys can be read and reviewed together. The
//! code around it (lookup, the bindings of a context) is short.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a key is pressed: the top overlay, else the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Login,
    Orders,
    Operations,
    Report,
    History,
    Staging,
    Exceptions,
    Detail,
    Variance,
    Health,
    Trace,
    Confirm,
    Prompt,
    /// A pick list that takes several rows (the serials a line issues).
    Marks,
    Message,
    Help,
    /// Valid everywhere a text field is not taking the key.
    Global,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    /// The first row of the list.
    First,
    /// The last row of the list.
    Last,
    Open,
    ToggleAllWorkCenters,
    NextWorkCenter,
    History,
    Staging,
    Transfer,
    Exceptions,
    Retry,
    CancelException,
    AdjustScrap,
    Substitute,
    Count,
    NextField,
    PreviousField,
    EditQty,
    LineScrap,
    Location,
    Skip,
    ResetLine,
    Post,
    Confirm,
    Cancel,
    Reverse,
    Refresh,
    Logout,
    Variance,
    Health,
    /// Issue a manual line's planned quantity by hand.
    HandIssue,
    /// Choose the lots of a tracked line.
    Lots,
    /// A lot's genealogy.
    Trace,
    /// The lot or serials the finished goods are received into.
    FinishedLot,
    /// Mark or unmark the highlighted row of a list that takes several.
    Mark,
}

/// One binding: the key, what it does, and the words shown in the help and the footer.
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub ctrl: bool,
    pub label: &'static str,
    pub action: Action,
    pub desc: &'static str,
    /// The footer's short word; empty = only in the help overlay.
    pub hint: &'static str,
}

const fn key(
    context: Context,
    code: KeyCode,
    label: &'static str,
    action: Action,
    desc: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        context,
        code,
        ctrl: false,
        label,
        action,
        desc,
        hint,
    }
}

const fn ctrl(
    context: Context,
    c: char,
    label: &'static str,
    action: Action,
    desc: &'static str,
) -> Binding {
    Binding {
        context,
        code: KeyCode::Char(c),
        ctrl: true,
        label,
        action,
        desc,
        hint: "",
    }
}

use Action as A;
use Context as C;
use KeyCode as K;

/// Every binding of the terminal.
pub const KEYMAP: &[Binding] = &[
    key(
        C::Login,
        K::Enter,
        "Enter",
        A::Open,
        "next field, then log in",
        "log in",
    ),
    key(
        C::Login,
        K::Tab,
        "Tab",
        A::NextField,
        "switch between badge and PIN",
        "badge/PIN",
    ),
    key(C::Login, K::Esc, "Esc", A::Quit, "quit", "quit"),
    key(
        C::Login,
        K::F(1),
        "F1",
        A::Help,
        "help: every key of this screen",
        "help",
    ),
    key(C::Login, K::Char('?'), "?", A::Help, "help", ""),
    // On the board every typed or scanned character goes into the order field, so its
    // commands are function keys and Ctrl keys: a scanned `wo-1005` never presses `w`.
    key(
        C::Orders,
        K::Enter,
        "Enter",
        A::Open,
        "open the order typed or scanned (any case, or its last digits), else the selected one",
        "open",
    ),
    key(
        C::Orders,
        K::F(2),
        "F2",
        A::ToggleAllWorkCenters,
        "this work center / all work centers",
        "all WCs",
    ),
    key(
        C::Orders,
        K::F(3),
        "F3",
        A::NextWorkCenter,
        "switch to the next work center",
        "next WC",
    ),
    key(
        C::Orders,
        K::F(4),
        "F4",
        A::History,
        "history of reports (reverse from there)",
        "history",
    ),
    key(
        C::Orders,
        K::F(6),
        "F6",
        A::Staging,
        "staging: what the machine location still needs (handlers, leads)",
        "staging",
    ),
    key(
        C::Orders,
        K::F(7),
        "F7",
        A::Exceptions,
        "deferred lines waiting for stock (the exception queue)",
        "deferred",
    ),
    key(
        C::Orders,
        K::F(8),
        "F8",
        A::Variance,
        "progress and variance of the selected order",
        "variance",
    ),
    key(
        C::Orders,
        K::F(9),
        "F9",
        A::Health,
        "machine-location health: what counts found against what was used",
        "health",
    ),
    key(
        C::Orders,
        K::F(12),
        "F12",
        A::Trace,
        "trace a lot: what went into it, what was made from it, where it is",
        "",
    ),
    key(
        C::Trace,
        K::Esc,
        "Esc",
        A::Back,
        "back to the orders",
        "back",
    ),
    key(
        C::Trace,
        K::F(12),
        "F12",
        A::Trace,
        "trace another lot",
        "trace",
    ),
    key(
        C::Health,
        K::Esc,
        "Esc",
        A::Back,
        "back to the orders",
        "back",
    ),
    key(C::Health, K::F(5), "F5", A::Refresh, "refresh", ""),
    Binding {
        context: C::Orders,
        code: K::Char('q'),
        ctrl: true,
        label: "C-q",
        action: A::Quit,
        desc: "quit",
        hint: "quit",
    },
    key(
        C::Exceptions,
        K::Char('r'),
        "r",
        A::Retry,
        "retry: post every open line that now fits, oldest first (handlers, leads)",
        "retry",
    ),
    key(
        C::Exceptions,
        K::Char('c'),
        "c",
        A::CancelException,
        "cancel the selected line (a lead's decision; asks first)",
        "cancel",
    ),
    key(
        C::Exceptions,
        K::Esc,
        "Esc",
        A::Back,
        "back to the orders",
        "back",
    ),
    key(
        C::Exceptions,
        K::F(5),
        "F5",
        A::Refresh,
        "refresh the list",
        "",
    ),
    key(C::Orders, K::F(5), "F5", A::Refresh, "refresh the list", ""),
    key(
        C::Orders,
        K::Esc,
        "Esc",
        A::Back,
        "clear the typed order",
        "",
    ),
    key(
        C::Operations,
        K::Enter,
        "Enter",
        A::Open,
        "report at the selected count point",
        "report",
    ),
    key(
        C::Operations,
        K::Char('v'),
        "v",
        A::Variance,
        "progress and variance of the order",
        "variance",
    ),
    key(C::Variance, K::Esc, "Esc", A::Back, "back", "back"),
    key(C::Variance, K::F(5), "F5", A::Refresh, "refresh", ""),
    key(
        C::Operations,
        K::Esc,
        "Esc",
        A::Back,
        "back to the orders",
        "back",
    ),
    key(
        C::Report,
        K::Tab,
        "Tab",
        A::NextField,
        "move between good, scrap and the lines",
        "field",
    ),
    key(
        C::Report,
        K::BackTab,
        "S-Tab",
        A::PreviousField,
        "previous field",
        "",
    ),
    key(
        C::Report,
        K::Enter,
        "Enter",
        A::Post,
        "post the report (asks first)",
        "post",
    ),
    key(
        C::Report,
        K::F(10),
        "F10",
        A::Post,
        "post the report (asks first)",
        "",
    ),
    key(
        C::Report,
        K::Char('e'),
        "e",
        A::EditQty,
        "set the quantity issued on the selected line",
        "qty",
    ),
    key(
        C::Report,
        K::Char('s'),
        "s",
        A::LineScrap,
        "add component scrap on the selected line",
        "scrap",
    ),
    key(
        C::Report,
        K::Char('l'),
        "l",
        A::Location,
        "issue the selected line from another location",
        "from",
    ),
    key(
        C::Report,
        K::Char('k'),
        "k",
        A::Skip,
        "skip the selected line (issue by hand); again to undo",
        "skip",
    ),
    key(
        C::Report,
        K::Char('a'),
        "a",
        A::HandIssue,
        "issue a manual line's planned qty by hand (then lots or serials)",
        "by hand",
    ),
    key(
        C::Report,
        K::Char('o'),
        "o",
        A::Lots,
        "choose the lots or serials of a tracked line (scan or pick)",
        "lots",
    ),
    key(
        C::Report,
        K::Char('f'),
        "f",
        A::FinishedLot,
        "the lot the finished goods go into (a serial-tracked item: their serials)",
        "FG lot",
    ),
    key(
        C::Report,
        K::Char('r'),
        "r",
        A::ResetLine,
        "reset the selected line to planned",
        "reset",
    ),
    key(
        C::Report,
        K::Esc,
        "Esc",
        A::Back,
        "back (asks if the report was edited)",
        "back",
    ),
    key(
        C::History,
        K::Char('x'),
        "x",
        A::Reverse,
        "reverse the selected report (asks for a reason)",
        "reverse",
    ),
    key(
        C::History,
        K::Enter,
        "Enter",
        A::Open,
        "the report's lines: a lead corrects scrap or records a substitution",
        "lines",
    ),
    key(
        C::Detail,
        K::Char('a'),
        "a",
        A::AdjustScrap,
        "adjust scrap on the selected line (±, with a reason code)",
        "scrap",
    ),
    key(
        C::Detail,
        K::Char('u'),
        "u",
        A::Substitute,
        "record a substitution: another item issued instead of this line's",
        "substitute",
    ),
    key(
        C::Detail,
        K::Esc,
        "Esc",
        A::Back,
        "back to the history",
        "back",
    ),
    key(
        C::History,
        K::Esc,
        "Esc",
        A::Back,
        "back to the orders",
        "back",
    ),
    key(
        C::History,
        K::F(5),
        "F5",
        A::Refresh,
        "refresh the list",
        "",
    ),
    key(
        C::Staging,
        K::Char('t'),
        "t",
        A::Transfer,
        "bring the selected item to its machine location (asks from where; offers what to bring, at most what the source holds)",
        "bring",
    ),
    key(
        C::Staging,
        K::F(2),
        "F2",
        A::ToggleAllWorkCenters,
        "this work center's machine location / every machine location",
        "all",
    ),
    key(
        C::Staging,
        K::Char('c'),
        "c",
        A::Count,
        "cycle count the selected item at the machine location",
        "count",
    ),
    key(
        C::Staging,
        K::Esc,
        "Esc",
        A::Back,
        "back to the orders",
        "back",
    ),
    key(
        C::Staging,
        K::F(5),
        "F5",
        A::Refresh,
        "refresh the list",
        "",
    ),
    key(C::Confirm, K::Enter, "Enter", A::Confirm, "yes", "yes"),
    key(C::Confirm, K::Char('y'), "y", A::Confirm, "yes", ""),
    key(C::Confirm, K::Esc, "Esc", A::Cancel, "no", "no"),
    key(C::Confirm, K::Char('n'), "n", A::Cancel, "no", ""),
    key(C::Prompt, K::Enter, "Enter", A::Confirm, "apply", "apply"),
    key(C::Prompt, K::Esc, "Esc", A::Cancel, "cancel", "cancel"),
    key(
        C::Marks,
        K::Char(' '),
        "Space",
        A::Mark,
        "mark or unmark the highlighted serial",
        "mark",
    ),
    key(
        C::Marks,
        K::Enter,
        "Enter",
        A::Confirm,
        "take the marked serials, else the highlighted one",
        "take",
    ),
    key(C::Marks, K::Esc, "Esc", A::Cancel, "cancel", "cancel"),
    key(C::Marks, K::Up, "↑", A::Up, "previous serial", ""),
    key(C::Marks, K::Down, "↓", A::Down, "next serial", ""),
    key(
        C::Marks,
        K::F(1),
        "F1",
        A::Help,
        "help: every key of this list",
        "help",
    ),
    key(C::Message, K::Enter, "Enter", A::Confirm, "close", "close"),
    key(C::Message, K::Esc, "Esc", A::Cancel, "close", ""),
    key(C::Help, K::Esc, "Esc", A::Cancel, "close the help", "close"),
    key(C::Help, K::Char('?'), "?", A::Cancel, "close the help", ""),
    key(C::Help, K::Down, "↓", A::Down, "scroll the help", ""),
    key(C::Help, K::Up, "↑", A::Up, "scroll the help back", ""),
    key(
        C::Help,
        K::PageDown,
        "PgDn",
        A::PageDown,
        "the next page of keys",
        "",
    ),
    key(C::Help, K::PageUp, "PgUp", A::PageUp, "the page before", ""),
    key(C::Help, K::Home, "Home", A::First, "the first key", ""),
    key(C::Help, K::End, "End", A::Last, "the last key", ""),
    key(C::Global, K::Up, "↑", A::Up, "previous row", ""),
    key(C::Global, K::Down, "↓", A::Down, "next row", ""),
    key(C::Global, K::PageUp, "PgUp", A::PageUp, "page up", ""),
    key(C::Global, K::PageDown, "PgDn", A::PageDown, "page down", ""),
    key(C::Global, K::Home, "Home", A::First, "first row", ""),
    key(C::Global, K::End, "End", A::Last, "last row", ""),
    key(
        C::Global,
        K::F(1),
        "F1",
        A::Help,
        "help: every key of this screen",
        "help",
    ),
    key(
        C::Global,
        K::Char('?'),
        "?",
        A::Help,
        "help, where no field takes typing",
        "",
    ),
    key(
        C::Global,
        K::Char('q'),
        "q",
        A::Quit,
        "quit (asks if a report is being edited)",
        "quit",
    ),
    ctrl(
        C::Global,
        'c',
        "C-c",
        A::Quit,
        "quit (asks if a report is being edited)",
    ),
    ctrl(C::Global, 'l', "C-l", A::Logout, "log out"),
];

/// Contexts that take only their own keys: overlays, and the login whose fields take every
/// character.
fn modal(context: Context) -> bool {
    matches!(
        context,
        Context::Confirm
            | Context::Prompt
            | Context::Marks
            | Context::Message
            | Context::Help
            | Context::Login
    )
}

/// Screens whose field takes every typed character: a global key that is a plain character
/// (`q`, `?`) does not apply there, only function and Ctrl keys.
fn takes_text(context: Context) -> bool {
    matches!(context, Context::Orders)
}

/// Whether a global binding applies in `context`.
fn global_applies(context: Context, b: &Binding) -> bool {
    b.context == Context::Global
        && !modal(context)
        && !(takes_text(context) && !b.ctrl && matches!(b.code, KeyCode::Char(_)))
}

/// The action of `key` in `context`, falling back to the global bindings unless the
/// context is modal (overlays and the login take only their own keys, and Ctrl-C).
#[must_use]
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let matches = |b: &&Binding| b.code == key.code && b.ctrl == ctrl;
    let ctrl_c = ctrl && key.code == KeyCode::Char('c');
    KEYMAP
        .iter()
        .filter(|b| {
            b.context == context
                || global_applies(context, b)
                || (ctrl_c && b.context == Context::Global)
        })
        .find(matches)
        .map(|b| b.action)
}

/// The bindings shown for a context: its own, then the global ones that apply there.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    KEYMAP
        .iter()
        .filter(move |b| b.context == context || global_applies(context, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_keys_win_over_global_ones() {
        let e = KeyEvent::from(KeyCode::Char('e'));
        assert_eq!(lookup(Context::Report, &e), Some(Action::EditQty));
        assert_eq!(lookup(Context::Orders, &e), None);
        let q = KeyEvent::from(KeyCode::Char('q'));
        assert_eq!(lookup(Context::History, &q), Some(Action::Quit));
        assert_eq!(lookup(Context::Confirm, &q), None, "overlays are modal");
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Prompt, &c), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in KEYMAP {
            let twins = KEYMAP
                .iter()
                .filter(|b| b.context == a.context && b.code == a.code && b.ctrl == a.ctrl)
                .count();
            assert_eq!(twins, 1, "{} bound twice in {:?}", a.label, a.context);
        }
    }
}
