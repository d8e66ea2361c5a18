//! One keymap table drives dispatch, the footer hints and the help overlay, so what the
//! screen says a key does is what it does.
//!
//! The file is long because [`KEYMAP`] is: one row per key per screen (about 430 of its
//! lines), kept in one place so every screen's keys can be read and reviewed together. The
//! code around it (lookup, the bindings of a context) is short.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::i18n::{Msg, t};

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
    /// Close the order: its WIP settled.
    CloseOrder,
    /// Reopen a closed order.
    ReopenOrder,
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
    /// The help overlay's line, in the catalogs.
    pub desc: Msg,
    /// The footer's short word; `None` = only in the help overlay.
    pub hint: Option<Msg>,
}

impl Binding {
    /// The help's line in the operator's language.
    #[must_use]
    pub fn desc(&self) -> String {
        t(self.desc)
    }

    /// The footer's word in the operator's language; empty when the key is only in the help.
    #[must_use]
    pub fn hint(&self) -> String {
        self.hint.map(t).unwrap_or_default()
    }
}

const fn key(
    context: Context,
    code: KeyCode,
    label: &'static str,
    action: Action,
    desc: Msg,
    hint: Option<Msg>,
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
    desc: Msg,
) -> Binding {
    Binding {
        context,
        code: KeyCode::Char(c),
        ctrl: true,
        label,
        action,
        desc,
        hint: None,
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
        Msg::KeyNextFieldThenLog,
        Some(Msg::HintLogIn),
    ),
    key(
        C::Login,
        K::Tab,
        "Tab",
        A::NextField,
        Msg::KeySwitchBetweenBadgeAnd,
        Some(Msg::HintBadgePin),
    ),
    key(
        C::Login,
        K::Esc,
        "Esc",
        A::Quit,
        Msg::KeyQuit,
        Some(Msg::HintQuit),
    ),
    key(
        C::Login,
        K::F(1),
        "F1",
        A::Help,
        Msg::KeyHelpEveryKeyThis,
        Some(Msg::HintHelp),
    ),
    key(C::Login, K::Char('?'), "?", A::Help, Msg::KeyHelp, None),
    // On the board every typed or scanned character goes into the order field, so its
    // commands are function keys and Ctrl keys: a scanned `wo-1005` never presses `w`.
    key(
        C::Orders,
        K::Enter,
        "Enter",
        A::Open,
        Msg::KeyOpenOrderTypedOr,
        Some(Msg::HintOpen),
    ),
    key(
        C::Orders,
        K::F(2),
        "F2",
        A::ToggleAllWorkCenters,
        Msg::KeyThisWorkCenterAll,
        Some(Msg::HintAllWcs),
    ),
    key(
        C::Orders,
        K::F(3),
        "F3",
        A::NextWorkCenter,
        Msg::KeySwitchToNextWork,
        Some(Msg::HintNextWc),
    ),
    key(
        C::Orders,
        K::F(4),
        "F4",
        A::History,
        Msg::KeyHistoryReportsReverseFrom,
        Some(Msg::HintHistory),
    ),
    key(
        C::Orders,
        K::F(6),
        "F6",
        A::Staging,
        Msg::KeyStagingWhatMachineLocation,
        Some(Msg::HintStaging),
    ),
    key(
        C::Orders,
        K::F(7),
        "F7",
        A::Exceptions,
        Msg::KeyDeferredLinesWaitingFor,
        Some(Msg::HintDeferred),
    ),
    key(
        C::Orders,
        K::F(8),
        "F8",
        A::Variance,
        Msg::KeyProgressAndVarianceSelected,
        Some(Msg::HintVariance),
    ),
    key(
        C::Orders,
        K::F(9),
        "F9",
        A::Health,
        Msg::KeyMachineLocationHealthWhat,
        Some(Msg::HintHealth),
    ),
    key(
        C::Orders,
        K::F(12),
        "F12",
        A::Trace,
        Msg::KeyTraceLotWhatWent,
        None,
    ),
    key(
        C::Trace,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackToOrders,
        Some(Msg::HintBack),
    ),
    key(
        C::Trace,
        K::F(12),
        "F12",
        A::Trace,
        Msg::KeyTraceAnotherLot,
        Some(Msg::HintTrace),
    ),
    key(
        C::Health,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackToOrders,
        Some(Msg::HintBack),
    ),
    key(C::Health, K::F(5), "F5", A::Refresh, Msg::KeyRefresh, None),
    Binding {
        context: C::Orders,
        code: K::Char('q'),
        ctrl: true,
        label: "C-q",
        action: A::Quit,
        desc: Msg::KeyQuit,
        hint: Some(Msg::HintQuit),
    },
    key(
        C::Exceptions,
        K::Char('r'),
        "r",
        A::Retry,
        Msg::KeyRetryPostEveryOpen,
        Some(Msg::HintRetry),
    ),
    key(
        C::Exceptions,
        K::Char('c'),
        "c",
        A::CancelException,
        Msg::KeyCancelSelectedLineLead,
        Some(Msg::HintCancelLine),
    ),
    key(
        C::Exceptions,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackToOrders,
        Some(Msg::HintBack),
    ),
    key(
        C::Exceptions,
        K::F(5),
        "F5",
        A::Refresh,
        Msg::KeyRefreshList,
        None,
    ),
    key(
        C::Orders,
        K::F(5),
        "F5",
        A::Refresh,
        Msg::KeyRefreshList,
        None,
    ),
    key(
        C::Orders,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyClearTypedOrder,
        None,
    ),
    key(
        C::Operations,
        K::Enter,
        "Enter",
        A::Open,
        Msg::KeyReportAtSelectedCount,
        Some(Msg::HintReport),
    ),
    key(
        C::Operations,
        K::Char('v'),
        "v",
        A::Variance,
        Msg::KeyProgressAndVarianceOrder,
        Some(Msg::HintVariance),
    ),
    key(
        C::Variance,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBack,
        Some(Msg::HintBack),
    ),
    key(
        C::Variance,
        K::F(5),
        "F5",
        A::Refresh,
        Msg::KeyRefresh,
        None,
    ),
    key(
        C::Variance,
        K::Char('c'),
        "c",
        A::CloseOrder,
        Msg::KeyCloseOrder,
        Some(Msg::HintCloseOrder),
    ),
    key(
        C::Variance,
        K::Char('o'),
        "o",
        A::ReopenOrder,
        Msg::KeyReopenOrder,
        Some(Msg::HintReopenOrder),
    ),
    key(
        C::Operations,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackToOrders,
        Some(Msg::HintBack),
    ),
    key(
        C::Report,
        K::Tab,
        "Tab",
        A::NextField,
        Msg::KeyMoveBetweenGoodScrap,
        Some(Msg::HintField),
    ),
    key(
        C::Report,
        K::BackTab,
        "S-Tab",
        A::PreviousField,
        Msg::KeyPreviousField,
        None,
    ),
    key(
        C::Report,
        K::Enter,
        "Enter",
        A::Post,
        Msg::KeyPostReportAsksFirst,
        Some(Msg::HintPost),
    ),
    key(
        C::Report,
        K::F(10),
        "F10",
        A::Post,
        Msg::KeyPostReportAsksFirst,
        None,
    ),
    key(
        C::Report,
        K::Char('e'),
        "e",
        A::EditQty,
        Msg::KeySetQuantityIssuedOn,
        Some(Msg::HintQty),
    ),
    key(
        C::Report,
        K::Char('s'),
        "s",
        A::LineScrap,
        Msg::KeyAddComponentScrapOn,
        Some(Msg::HintScrap),
    ),
    key(
        C::Report,
        K::Char('l'),
        "l",
        A::Location,
        Msg::KeyIssueSelectedLineFrom,
        Some(Msg::HintFrom),
    ),
    key(
        C::Report,
        K::Char('k'),
        "k",
        A::Skip,
        Msg::KeySkipSelectedLineIssue,
        Some(Msg::HintSkip),
    ),
    key(
        C::Report,
        K::Char('a'),
        "a",
        A::HandIssue,
        Msg::KeyIssueManualLineS,
        Some(Msg::HintByHand),
    ),
    key(
        C::Report,
        K::Char('o'),
        "o",
        A::Lots,
        Msg::KeyChooseLotsOrSerials,
        Some(Msg::HintLots),
    ),
    key(
        C::Report,
        K::Char('f'),
        "f",
        A::FinishedLot,
        Msg::KeyLotFinishedGoodsGo,
        Some(Msg::HintFgLot),
    ),
    key(
        C::Report,
        K::Char('r'),
        "r",
        A::ResetLine,
        Msg::KeyResetSelectedLineTo,
        Some(Msg::HintReset),
    ),
    key(
        C::Report,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackAsksIfReport,
        Some(Msg::HintBack),
    ),
    key(
        C::History,
        K::Char('x'),
        "x",
        A::Reverse,
        Msg::KeyReverseSelectedReportAsks,
        Some(Msg::HintReverse),
    ),
    key(
        C::History,
        K::Enter,
        "Enter",
        A::Open,
        Msg::KeyReportSLinesLead,
        Some(Msg::HintLines),
    ),
    key(
        C::Detail,
        K::Char('a'),
        "a",
        A::AdjustScrap,
        Msg::KeyAdjustScrapOnSelected,
        Some(Msg::HintScrap),
    ),
    key(
        C::Detail,
        K::Char('u'),
        "u",
        A::Substitute,
        Msg::KeyRecordSubstitutionAnotherItem,
        Some(Msg::HintSubstitute),
    ),
    key(
        C::Detail,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackToHistory,
        Some(Msg::HintBack),
    ),
    key(
        C::History,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackToOrders,
        Some(Msg::HintBack),
    ),
    key(
        C::History,
        K::F(5),
        "F5",
        A::Refresh,
        Msg::KeyRefreshList,
        None,
    ),
    key(
        C::Staging,
        K::Char('t'),
        "t",
        A::Transfer,
        Msg::KeyBringSelectedItemTo,
        Some(Msg::HintBring),
    ),
    key(
        C::Staging,
        K::F(2),
        "F2",
        A::ToggleAllWorkCenters,
        Msg::KeyThisWorkCenterS,
        Some(Msg::HintAll),
    ),
    key(
        C::Staging,
        K::Char('c'),
        "c",
        A::Count,
        Msg::KeyCycleCountSelectedItem,
        Some(Msg::HintCount),
    ),
    key(
        C::Staging,
        K::Esc,
        "Esc",
        A::Back,
        Msg::KeyBackToOrders,
        Some(Msg::HintBack),
    ),
    key(
        C::Staging,
        K::F(5),
        "F5",
        A::Refresh,
        Msg::KeyRefreshList,
        None,
    ),
    key(
        C::Confirm,
        K::Enter,
        "Enter",
        A::Confirm,
        Msg::KeyYes,
        Some(Msg::HintYes),
    ),
    key(C::Confirm, K::Char('y'), "y", A::Confirm, Msg::KeyYes, None),
    key(
        C::Confirm,
        K::Esc,
        "Esc",
        A::Cancel,
        Msg::KeyNo,
        Some(Msg::HintNo),
    ),
    key(C::Confirm, K::Char('n'), "n", A::Cancel, Msg::KeyNo, None),
    key(
        C::Prompt,
        K::Enter,
        "Enter",
        A::Confirm,
        Msg::KeyApply,
        Some(Msg::HintApply),
    ),
    key(
        C::Prompt,
        K::Esc,
        "Esc",
        A::Cancel,
        Msg::KeyCancel,
        Some(Msg::HintCancel),
    ),
    key(
        C::Message,
        K::Enter,
        "Enter",
        A::Confirm,
        Msg::KeyClose,
        Some(Msg::HintClose),
    ),
    key(C::Message, K::Esc, "Esc", A::Cancel, Msg::KeyClose, None),
    key(
        C::Help,
        K::Esc,
        "Esc",
        A::Cancel,
        Msg::KeyCloseHelp,
        Some(Msg::HintClose),
    ),
    key(
        C::Help,
        K::Char('?'),
        "?",
        A::Cancel,
        Msg::KeyCloseHelp,
        None,
    ),
    key(C::Help, K::Down, "↓", A::Down, Msg::KeyScrollHelp, None),
    key(C::Help, K::Up, "↑", A::Up, Msg::KeyScrollHelpBack, None),
    key(
        C::Marks,
        K::Char(' '),
        "Space",
        A::Mark,
        Msg::KeyMarkSerial,
        Some(Msg::HintMark),
    ),
    key(
        C::Marks,
        K::Enter,
        "Enter",
        A::Confirm,
        Msg::KeyTakeMarked,
        Some(Msg::HintTake),
    ),
    key(
        C::Marks,
        K::Esc,
        "Esc",
        A::Cancel,
        Msg::KeyCancel,
        Some(Msg::HintCancel),
    ),
    key(C::Marks, K::Up, "↑", A::Up, Msg::KeyPreviousSerial, None),
    key(C::Marks, K::Down, "↓", A::Down, Msg::KeyNextSerial, None),
    key(
        C::Marks,
        K::F(1),
        "F1",
        A::Help,
        Msg::KeyHelpEveryKeyThis,
        Some(Msg::HintHelp),
    ),
    key(
        C::Help,
        K::PageDown,
        "PgDn",
        A::PageDown,
        Msg::KeyNextPageKeys,
        None,
    ),
    key(
        C::Help,
        K::PageUp,
        "PgUp",
        A::PageUp,
        Msg::KeyPageBefore,
        None,
    ),
    key(C::Help, K::Home, "Home", A::First, Msg::KeyFirstKey, None),
    key(C::Help, K::End, "End", A::Last, Msg::KeyLastKey, None),
    key(C::Global, K::Up, "↑", A::Up, Msg::KeyPreviousRow, None),
    key(C::Global, K::Down, "↓", A::Down, Msg::KeyNextRow, None),
    key(
        C::Global,
        K::PageUp,
        "PgUp",
        A::PageUp,
        Msg::KeyPageUp,
        None,
    ),
    key(
        C::Global,
        K::PageDown,
        "PgDn",
        A::PageDown,
        Msg::KeyPageDown,
        None,
    ),
    key(C::Global, K::Home, "Home", A::First, Msg::KeyFirstRow, None),
    key(C::Global, K::End, "End", A::Last, Msg::KeyLastRow, None),
    key(
        C::Global,
        K::F(1),
        "F1",
        A::Help,
        Msg::KeyHelpEveryKeyThis,
        Some(Msg::HintHelp),
    ),
    key(
        C::Global,
        K::Char('?'),
        "?",
        A::Help,
        Msg::KeyHelpWhereNoField,
        None,
    ),
    key(
        C::Global,
        K::Char('q'),
        "q",
        A::Quit,
        Msg::KeyQuitAsksIfReport,
        Some(Msg::HintQuit),
    ),
    ctrl(C::Global, 'c', "C-c", A::Quit, Msg::KeyQuitAsksIfReport),
    ctrl(C::Global, 'l', "C-l", A::Logout, Msg::KeyLogOut),
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

    /// The help's lines and the footer's words of `context`, in `tag`.
    fn words_of(context: Context, tag: &str) -> Vec<String> {
        crate::tui::i18n::set_language(
            crate::domain::language::Language::parse(tag)
                .unwrap_or(crate::domain::language::Language::ENGLISH),
        );
        let words = bindings(context)
            .flat_map(|b| [format!("{} {}", b.label, b.desc()), b.hint()])
            .filter(|w| !w.is_empty())
            .collect();
        crate::tui::i18n::set_language(crate::domain::language::Language::ENGLISH);
        words
    }

    #[test]
    fn the_help_and_footer_of_every_screen_speak_german_with_no_english_word_left() {
        let contexts = [
            Context::Login,
            Context::Orders,
            Context::Operations,
            Context::Report,
            Context::History,
            Context::Staging,
            Context::Exceptions,
            Context::Detail,
            Context::Variance,
            Context::Health,
            Context::Trace,
            Context::Confirm,
            Context::Prompt,
            Context::Message,
            Context::Help,
        ];
        for context in contexts {
            let english = words_of(context, "en");
            let german = words_of(context, "de");
            assert_eq!(english.len(), german.len(), "{context:?}");
            for (en, de) in english.iter().zip(&german) {
                assert_ne!(en, de, "{context:?}: left in English");
            }
        }
        let report = words_of(Context::Report, "de");
        assert!(report.contains(&"e entnommene Menge der gewählten Zeile setzen".to_string()));
        assert!(report.contains(&"Ausschuss".to_string()), "{report:?}");
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
