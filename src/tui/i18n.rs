//! The terminal's words in the operator's language: one Fluent catalog per language
//! (`assets/i18n/<tag>.ftl`, built into the program), looked up by typed keys ([`Msg`]).
//!
//! The catalogs are parsed once, the first time a word is needed, and kept; a frame only
//! formats. The language spoken is the thread's current one ([`set_language`]): the terminal
//! sets it when a user logs in or out, and each frame sets it from the state it draws.

use std::cell::Cell;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_decimal::Decimal;

use crate::domain::language::Language;
use crate::domain::qty::canonical;

/// Each shipped catalog's tag and text, as `build.rs` listed them.
const SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

macro_rules! messages {
    ($($variant:ident => $id:literal),+ $(,)?) => {
        /// A message of the catalogs. Every one must be in `en.ftl` and in every shipped
        /// catalog (tests check both).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($variant),+ }

        impl Msg {
            /// Every message, for the tests that check the catalogs.
            pub const ALL: &[Msg] = &[$(Msg::$variant),+];

            /// The message's id in the catalogs.
            #[must_use]
            pub fn id(self) -> &'static str {
                match self { $(Msg::$variant => $id),+ }
            }
        }
    };
}

messages! {
    LanguageName => "language-name",
    DecimalSeparator => "decimal-separator",
    RoleOperator => "role-operator",
    RoleLead => "role-lead",
    RoleHandler => "role-handler",
    RoleAdmin => "role-admin",
    RoleIntegration => "role-integration",
    LoginTitle => "login-title",
    LoginHint => "login-hint",
    LoginBadge => "login-badge",
    LoginPin => "login-pin",
    LoginDemoTitle => "login-demo-title",
    StatusNotLoggedIn => "status-not-logged-in",
    StatusOpenTerminal => "status-open-terminal",
    StatusAllWorkCenters => "status-all-work-centers",
    StatusNoWorkCenter => "status-no-work-center",
    StatusUnknownWorkCenter => "status-unknown-work-center",
    StatusIdleLogout => "status-idle-logout",
    StatusWelcome => "status-welcome",
    StatusKeyUnbound => "status-key-unbound",
    HelpTitle => "help-title",
    ConfirmHint => "confirm-hint",
    CloseHint => "close-hint",
    ThingItem => "thing-item",
    ThingLocation => "thing-location",
    ThingWorkCenter => "thing-work-center",
    ThingOrder => "thing-order",
    ThingReport => "thing-report",
    ThingException => "thing-exception",
    ThingLot => "thing-lot",
    ThingConsumer => "thing-consumer",
    ThingBadge => "thing-badge",
    ActionReport => "action-report",
    ActionReverse => "action-reverse",
    ActionLeadApproval => "action-lead-approval",
    ActionHandle => "action-handle",
    ActionAdminister => "action-administer",
    ActionExportAck => "action-export-ack",
    ActionBackup => "action-backup",
    ActionUnlock => "action-unlock",
    ActionIssue => "action-issue",
    ActionLineFlag => "action-line-flag",
    ActionCancelException => "action-cancel-exception",
    ActionClose => "action-close",
    ActionReopen => "action-reopen",
    RefusedNotFound => "refused-not-found",
    RefusedNoLine => "refused-no-line",
    RefusedForbidden => "refused-forbidden",
    RefusedNeedsLeadOverride => "refused-needs-lead-override",
    RefusedNeedsLeadExpired => "refused-needs-lead-expired",
    RefusedNeedsLeadUndoWindow => "refused-needs-lead-undo-window",
    RefusedKeyUsed => "refused-key-used",
    RefusedFailure => "refused-failure",
    RefusedStore => "refused-store",
    OwnerReport => "owner-report",
    OwnerOrder => "owner-order",
    Or => "or",
    AuthUnknownBadge => "auth-unknown-badge",
    AuthNoUser => "auth-no-user",
    AuthPinMissing => "auth-pin-missing",
    AuthWrongPin => "auth-wrong-pin",
    AuthLocked => "auth-locked",
    AuthBusy => "auth-busy",
    AuthWrongPinLocked => "auth-wrong-pin-locked",
    AuthNotALead => "auth-not-a-lead",
    AuthPinUnreadable => "auth-pin-unreadable",
    RefusedReportReversed => "refused-report-reversed",
    RefusedManualLine => "refused-manual-line",
    RefusedNotOnHand => "refused-not-on-hand",
    RefusedLotsUncovered => "refused-lots-uncovered",
    RefusedAlwaysManual => "refused-always-manual",
    RefusedExceptionNotOpen => "refused-exception-not-open",
    RefusedOrderClosed => "refused-order-closed",
    RefusedOpenExceptions => "refused-open-exceptions",
    RefusedShortNeedsReason => "refused-short-needs-reason",
    RefusedOrderNotClosed => "refused-order-not-closed",
    RefusedNoTerminal => "refused-no-terminal",
    ReportUnknownOperation => "report-unknown-operation",
    ReportNotCountPoint => "report-not-count-point",
    ReportBadQuantity => "report-bad-quantity",
    ReportNothing => "report-nothing",
    ReportOverGood => "report-over-good",
    ReportOverScrap => "report-over-scrap",
    ReportUnknownLine => "report-unknown-line",
    ReportAmbiguousKey => "report-ambiguous-key",
    ReportManualOverride => "report-manual-override",
    ReportTwoChanges => "report-two-changes",
    ReportSkipWithOverride => "report-skip-with-override",
    ReportBadOverride => "report-bad-override",
    ReportBlocked => "report-blocked",
    ReportBlockedLine => "report-blocked-line",
    ReportTooLarge => "report-too-large",
    ReportUnknownItem => "report-unknown-item",
    ReportUnknownWorkCenter => "report-unknown-work-center",
    QtyGood => "qty-good",
    QtyScrap => "qty-scrap",
    QtyHandIssue => "qty-hand-issue",
    QtyOverride => "qty-override",
    QtyLineScrap => "qty-line-scrap",
    QtyCounted => "qty-counted",
    QtyReturn => "qty-return",
    QtySubstitute => "qty-substitute",
    QtyAdjustment => "qty-adjustment",
    QtyTransfer => "qty-transfer",
    QtyNegative => "qty-negative",
    QtyTooLarge => "qty-too-large",
    QtyTooPrecise => "qty-too-precise",
    FieldQty => "field-qty",
    FieldCount => "field-count",
    FieldLot => "field-lot",
    FieldLotsOf => "field-lots-of",
    FieldReason => "field-reason",
    FieldReversalReason => "field-reversal-reason",
    FieldSubstitute => "field-substitute",
    FieldSubstituteQty => "field-substitute-qty",
    FieldReturnQty => "field-return-qty",
    FieldScrapAdjustment => "field-scrap-adjustment",
    FieldCorrection => "field-correction",
    FieldLine => "field-line",
    FieldItem => "field-item",
    FieldOrder => "field-order",
    FieldLocation => "field-location",
    FieldTransferTo => "field-transfer-to",
    FieldTransferQty => "field-transfer-qty",
    RefusedInvalid => "refused-invalid",
    WhySerialCount => "why-serial-count",
    WhyCountDiffers => "why-count-differs",
    WhyUntracked => "why-untracked",
    WhyLotNeeded => "why-lot-needed",
    WhyNotOneOf => "why-not-one-of",
    WhyAlreadyTheItem => "why-already-the-item",
    WhyNotPositive => "why-not-positive",
    WhyExceedsIssued => "why-exceeds-issued",
    WhyNothingIssued => "why-nothing-issued",
    WhyChangesNothing => "why-changes-nothing",
    WhyOutOfRange => "why-out-of-range",
    WhySameAsFrom => "why-same-as-from",
    WhyExceedsScrap => "why-exceeds-scrap",
    WhyNotMachine => "why-not-machine",
    WhyNotLotTracked => "why-not-lot-tracked",
    WhyDiffersInCase => "why-differs-in-case",
    WhyOnLines => "why-on-lines",
    WhyNonStock => "why-non-stock",
    WhyHoldsNoStock => "why-holds-no-stock",
    WhyNotAName => "why-not-a-name",
    WhyEmpty => "why-empty",
    WhyMatches => "why-matches",
    RefusedAlreadyReversed => "refused-already-reversed",
    RefusedLotGone => "refused-lot-gone",
    RefusedTransfer => "refused-transfer",
    TransferShort => "transfer-short",
    ReportLot => "report-lot",
    LotUntracked => "lot-untracked",
    LotManualWithoutQty => "lot-manual-without-qty",
    LotNotAt => "lot-not-at",
    LotNotHeld => "lot-not-held",
    LotNeedsLots => "lot-needs-lots",
    LotBadPart => "lot-bad-part",
    LotTooManyDecimals => "lot-too-many-decimals",
    LotQtyNeeded => "lot-qty-needed",
    LotDuplicate => "lot-duplicate",
    LotSerialQty => "lot-serial-qty",
    LotSum => "lot-sum",
    LotUncovered => "lot-uncovered",
    ReportLineLots => "report-line-lots",
    ReportLineSerials => "report-line-serials",
    FooterMore => "footer-more",
    ReportExpiredApart => "report-expired-apart",
    ChoiceLotExpired => "choice-lot-expired",
}

/// A value a message is given.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text shown as it is: a code, a name, a word already in the reader's language.
    Text(String),
    /// A whole count, which also picks the plural form.
    Count(i64),
    /// A decimal number: shown with the language's separator, and picks the plural form
    /// (a number with decimals is "other").
    Number(Decimal),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

/// One language's parsed catalog and its decimal separator.
pub struct Catalog {
    pub language: Language,
    bundle: FluentBundle<FluentResource>,
    separator: char,
}

/// Why a catalog cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    /// Fluent syntax errors, with the number found.
    Syntax { tag: String, errors: usize },
    /// The tag is no language tag.
    Tag { tag: String },
    /// `decimal-separator` is missing or not `,` or `.`.
    Separator { tag: String },
}

impl Catalog {
    /// Parses the catalog `text` of `tag`.
    ///
    /// # Errors
    /// The text is not Fluent, the tag no language tag, or the separator not `,` or `.`.
    pub fn parse(language: Language, text: &str) -> Result<Catalog, CatalogError> {
        let tag = language.tag().to_string();
        let resource = FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
            CatalogError::Syntax {
                tag: tag.clone(),
                errors: errors.len(),
            }
        })?;
        let id: unic_langid::LanguageIdentifier = tag
            .parse()
            .map_err(|_| CatalogError::Tag { tag: tag.clone() })?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // A terminal draws cells: no invisible direction marks around values.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| CatalogError::Syntax {
                tag: tag.clone(),
                errors: errors.len(),
            })?;
        let mut catalog = Catalog {
            language,
            bundle,
            separator: '.',
        };
        catalog.separator = match catalog.format(Msg::DecimalSeparator.id(), &[]).as_deref() {
            Some(",") => ',',
            Some(".") => '.',
            _ => return Err(CatalogError::Separator { tag }),
        };
        if catalog.separator == ',' {
            catalog.bundle.set_formatter(Some(with_comma));
        }
        Ok(catalog)
    }

    /// Whether the catalog has the message `id`.
    #[must_use]
    pub fn has(&self, id: &str) -> bool {
        self.bundle
            .get_message(id)
            .and_then(|m| m.value())
            .is_some()
    }

    /// The decimal separator this catalog names.
    #[must_use]
    pub fn separator(&self) -> char {
        self.separator
    }

    /// A number as this language writes it: its separator, no thousands separators.
    #[must_use]
    pub fn number(&self, value: Decimal) -> String {
        let text = canonical(value);
        if self.separator == '.' {
            text
        } else {
            text.replace('.', &self.separator.to_string())
        }
    }

    /// The message `id` with `args`, `None` when the catalog lacks it or cannot format it.
    #[must_use]
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, arg) in args {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Count(n) => FluentValue::from(*n),
                Arg::Number(n) => number_value(*n, self.number(*n)),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

/// A decimal as a Fluent number, which picks the plural form (its decimals kept, so 1.5 is
/// "other"). Fluent holds a number as a float: one whose text would not come back exactly
/// goes as its `shown` text instead (exact, in the default plural form).
fn number_value(value: Decimal, shown: String) -> FluentValue<'static> {
    let plain = canonical(value);
    match FluentValue::try_number(plain.as_str()) {
        FluentValue::Number(n) if n.as_string() == plain => FluentValue::Number(n),
        _ => FluentValue::from(shown),
    }
}

/// Shows a number with a decimal comma (the catalog's separator); other values as Fluent
/// shows them.
fn with_comma<M: fluent_bundle::memoizer::MemoizerKind>(
    value: &FluentValue<'_>,
    _: &M,
) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(n.as_string().replace('.', ",")),
        _ => None,
    }
}

/// Every shipped catalog, parsed once. A catalog that does not parse is left out (the tests
/// parse each and fail on it).
pub fn catalogs() -> &'static [Catalog] {
    static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|(tag, text)| Catalog::parse(Language::parse(tag)?, text).ok())
            .collect()
    })
}

/// The catalog of `language`.
fn catalog(language: Language) -> Option<&'static Catalog> {
    catalogs().iter().find(|c| c.language == language)
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::ENGLISH) };
}

/// Speaks `language` from now on (on this thread).
pub fn set_language(language: Language) {
    CURRENT.with(|c| c.set(language));
}

/// The language spoken now.
#[must_use]
pub fn language() -> Language {
    CURRENT.with(Cell::get)
}

/// A message in the current language, else in English, else its id (never blank).
#[must_use]
pub fn t(msg: Msg) -> String {
    tr(msg, &[])
}

/// A message with its values in the current language, else in English, else its id.
#[must_use]
pub fn tr(msg: Msg, args: &[(&str, Arg)]) -> String {
    [language(), Language::ENGLISH]
        .into_iter()
        .filter_map(catalog)
        .find_map(|c| c.format(msg.id(), args))
        .unwrap_or_else(|| msg.id().to_string())
}

/// The decimal separator of the current language: what a quantity field takes and shows.
#[must_use]
pub fn decimal_separator() -> char {
    catalog(language()).map_or('.', Catalog::separator)
}

/// A quantity as the current language writes it (`1,5` in German), no thousands separators.
#[must_use]
pub fn number(value: impl Into<Decimal>) -> String {
    let value = value.into();
    catalog(language()).map_or_else(|| canonical(value), |c| c.number(value))
}

/// Money as the current language writes it: always two decimals (`12,50`).
#[must_use]
pub fn money(value: impl Into<Decimal>) -> String {
    let text = format!("{:.2}", value.into().round_dp(2));
    match decimal_separator() {
        '.' => text,
        sep => text.replace('.', &sep.to_string()),
    }
}

#[cfg(test)]
mod tests;
