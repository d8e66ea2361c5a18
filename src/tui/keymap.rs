//! One keymap table drives dispatch, the footer hints and the help overlay, so what the
//! screen says a key does is what it does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a key is pressed: the top overlay, else the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Login,
    Orders,
    Operations,
    Report,
    History,
    Confirm,
    Prompt,
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
    Open,
    Filter,
    ToggleAllWorkCenters,
    NextWorkCenter,
    History,
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
}

/// One binding: the key, what it does, and the words shown in the footer and help.
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub ctrl: bool,
    pub label: &'static str,
    pub action: Action,
    pub desc: &'static str,
    /// Shown in the footer (the help overlay shows every binding).
    pub hint: bool,
}

const fn key(
    context: Context,
    code: KeyCode,
    label: &'static str,
    action: Action,
    desc: &'static str,
    hint: bool,
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
        "next field / log in",
        true,
    ),
    key(C::Login, K::Tab, "Tab", A::NextField, "badge ↔ PIN", true),
    key(
        C::Orders,
        K::Enter,
        "Enter",
        A::Open,
        "open order (or the one typed/scanned)",
        true,
    ),
    key(
        C::Orders,
        K::Char('/'),
        "/",
        A::Filter,
        "filter as you type",
        true,
    ),
    key(
        C::Orders,
        K::Char('a'),
        "a",
        A::ToggleAllWorkCenters,
        "this / all work centers",
        true,
    ),
    key(
        C::Orders,
        K::Char('w'),
        "w",
        A::NextWorkCenter,
        "switch work center",
        true,
    ),
    key(
        C::Orders,
        K::Char('h'),
        "h",
        A::History,
        "history of reports",
        true,
    ),
    key(C::Orders, K::F(5), "F5", A::Refresh, "refresh", false),
    key(
        C::Orders,
        K::Esc,
        "Esc",
        A::Back,
        "clear the typed order / filter",
        false,
    ),
    key(
        C::Operations,
        K::Enter,
        "Enter",
        A::Open,
        "report at this count point",
        true,
    ),
    key(
        C::Operations,
        K::Esc,
        "Esc",
        A::Back,
        "back to orders",
        true,
    ),
    key(
        C::Report,
        K::Tab,
        "Tab",
        A::NextField,
        "good → scrap → lines",
        true,
    ),
    key(
        C::Report,
        K::BackTab,
        "S-Tab",
        A::PreviousField,
        "previous field",
        false,
    ),
    key(
        C::Report,
        K::Enter,
        "Enter",
        A::Post,
        "post (asks first)",
        true,
    ),
    key(
        C::Report,
        K::F(10),
        "F10",
        A::Post,
        "post (asks first)",
        false,
    ),
    key(
        C::Report,
        K::Char('e'),
        "e",
        A::EditQty,
        "set the quantity to issue",
        true,
    ),
    key(
        C::Report,
        K::Char('s'),
        "s",
        A::LineScrap,
        "add line scrap",
        true,
    ),
    key(
        C::Report,
        K::Char('l'),
        "l",
        A::Location,
        "issue from another location",
        true,
    ),
    key(
        C::Report,
        K::Char('k'),
        "k",
        A::Skip,
        "skip the line (issue by hand)",
        true,
    ),
    key(
        C::Report,
        K::Char('r'),
        "r",
        A::ResetLine,
        "reset the line",
        true,
    ),
    key(
        C::Report,
        K::Esc,
        "Esc",
        A::Back,
        "back (asks if edited)",
        true,
    ),
    key(
        C::History,
        K::Char('x'),
        "x",
        A::Reverse,
        "reverse the report",
        true,
    ),
    key(C::History, K::Esc, "Esc", A::Back, "back to orders", true),
    key(C::History, K::F(5), "F5", A::Refresh, "refresh", false),
    key(C::Confirm, K::Enter, "Enter", A::Confirm, "yes", true),
    key(C::Confirm, K::Char('y'), "y", A::Confirm, "yes", false),
    key(C::Confirm, K::Esc, "Esc", A::Cancel, "no", true),
    key(C::Confirm, K::Char('n'), "n", A::Cancel, "no", false),
    key(C::Prompt, K::Enter, "Enter", A::Confirm, "apply", true),
    key(C::Prompt, K::Esc, "Esc", A::Cancel, "cancel", true),
    key(C::Message, K::Enter, "Enter", A::Confirm, "close", true),
    key(C::Message, K::Esc, "Esc", A::Cancel, "close", false),
    key(C::Help, K::Esc, "Esc", A::Cancel, "close help", true),
    key(C::Help, K::Char('?'), "?", A::Cancel, "close help", false),
    key(C::Global, K::Up, "↑", A::Up, "previous row", false),
    key(C::Global, K::Down, "↓", A::Down, "next row", false),
    key(C::Global, K::PageUp, "PgUp", A::PageUp, "page up", false),
    key(
        C::Global,
        K::PageDown,
        "PgDn",
        A::PageDown,
        "page down",
        false,
    ),
    key(
        C::Global,
        K::Char('?'),
        "?",
        A::Help,
        "help: every key",
        true,
    ),
    key(C::Global, K::F(1), "F1", A::Help, "help: every key", false),
    key(
        C::Global,
        K::Char('q'),
        "q",
        A::Quit,
        "quit (asks if a report is being edited)",
        true,
    ),
    Binding {
        context: C::Global,
        code: K::Char('c'),
        ctrl: true,
        label: "C-c",
        action: A::Quit,
        desc: "quit",
        hint: false,
    },
    Binding {
        context: C::Global,
        code: K::Char('l'),
        ctrl: true,
        label: "C-l",
        action: A::Logout,
        desc: "log out",
        hint: false,
    },
];

/// The action of `key` in `context`, falling back to the global bindings unless the
/// context is modal (overlays take only their own keys).
#[must_use]
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let matches = |b: &&Binding| b.code == key.code && b.ctrl == ctrl;
    KEYMAP
        .iter()
        .filter(|b| b.context == context)
        .find(matches)
        .or_else(|| {
            let modal = matches!(
                context,
                Context::Confirm | Context::Prompt | Context::Message | Context::Help
            );
            let always = ctrl && key.code == KeyCode::Char('c');
            (!modal || always)
                .then(|| {
                    KEYMAP
                        .iter()
                        .filter(|b| b.context == Context::Global)
                        .find(matches)
                })
                .flatten()
        })
        .map(|b| b.action)
}

/// The bindings shown for a context: its own, then the global ones.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    let modal = matches!(
        context,
        Context::Confirm | Context::Prompt | Context::Message | Context::Help
    );
    KEYMAP
        .iter()
        .filter(move |b| b.context == context || (!modal && b.context == Context::Global))
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
        assert_eq!(lookup(Context::Orders, &q), Some(Action::Quit));
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
