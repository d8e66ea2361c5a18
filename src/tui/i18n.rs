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
    CloseTitle => "close-title",
    CloseShort => "close-short",
    CloseComplete => "close-complete",
    CloseWip => "close-wip",
    CloseMaterialUsage => "close-material-usage",
    CloseProduction => "close-production",
    CloseReasonLine => "close-reason-line",
    CloseNeedsLead => "close-needs-lead",
    CloseReasonPrompt => "close-reason-prompt",
    CloseReasonEmpty => "close-reason-empty",
    ClosedAsShort => "closed-as-short",
    ClosedAsComplete => "closed-as-complete",
    ClosePosted => "close-posted",
    ReopenReasonPrompt => "reopen-reason-prompt",
    ReopenTitle => "reopen-title",
    ReopenLine => "reopen-line",
    ReopenPosted => "reopen-posted",
    VarianceClosed => "variance-closed",
    BoardReadyToClose => "board-ready-to-close",
    RefusedConfig => "refused-config",
    RuleOutOfRange => "rule-out-of-range",
    RuleNoReason => "rule-no-reason",
    RuleControl => "rule-control",
    RuleTooLong => "rule-too-long",
    RuleKeyCause => "rule-key-cause",
    RuleNotATable => "rule-not-a-table",
    RuleToml => "rule-toml",
    RuleUnknownSection => "rule-unknown-section",
    KeyNextFieldThenLog => "key-next-field-then-log",
    KeySwitchBetweenBadgeAnd => "key-switch-between-badge-and",
    KeyQuit => "key-quit",
    KeyHelpEveryKeyThis => "key-help-every-key-this",
    KeyHelp => "key-help",
    KeyOpenOrderTypedOr => "key-open-order-typed-or",
    KeyThisWorkCenterAll => "key-this-work-center-all",
    KeySwitchToNextWork => "key-switch-to-next-work",
    KeyHistoryReportsReverseFrom => "key-history-reports-reverse-from",
    KeyStagingWhatMachineLocation => "key-staging-what-machine-location",
    KeyDeferredLinesWaitingFor => "key-deferred-lines-waiting-for",
    KeyProgressAndVarianceSelected => "key-progress-and-variance-selected",
    KeyMachineLocationHealthWhat => "key-machine-location-health-what",
    KeyTraceLotWhatWent => "key-trace-lot-what-went",
    KeyBackToOrders => "key-back-to-orders",
    KeyTraceAnotherLot => "key-trace-another-lot",
    KeyRefresh => "key-refresh",
    KeyRetryPostEveryOpen => "key-retry-post-every-open",
    KeyCancelSelectedLineLead => "key-cancel-selected-line-lead",
    KeyRefreshList => "key-refresh-list",
    KeyClearTypedOrder => "key-clear-typed-order",
    KeyReportAtSelectedCount => "key-report-at-selected-count",
    KeyProgressAndVarianceOrder => "key-progress-and-variance-order",
    KeyBack => "key-back",
    KeyMoveBetweenGoodScrap => "key-move-between-good-scrap",
    KeyPreviousField => "key-previous-field",
    KeyPostReportAsksFirst => "key-post-report-asks-first",
    KeySetQuantityIssuedOn => "key-set-quantity-issued-on",
    KeyAddComponentScrapOn => "key-add-component-scrap-on",
    KeyIssueSelectedLineFrom => "key-issue-selected-line-from",
    KeySkipSelectedLineIssue => "key-skip-selected-line-issue",
    KeyIssueManualLineS => "key-issue-manual-line-s",
    KeyChooseLotsOrSerials => "key-choose-lots-or-serials",
    KeyLotFinishedGoodsGo => "key-lot-finished-goods-go",
    KeyResetSelectedLineTo => "key-reset-selected-line-to",
    KeyBackAsksIfReport => "key-back-asks-if-report",
    KeyReverseSelectedReportAsks => "key-reverse-selected-report-asks",
    KeyReportSLinesLead => "key-report-s-lines-lead",
    KeyAdjustScrapOnSelected => "key-adjust-scrap-on-selected",
    KeyRecordSubstitutionAnotherItem => "key-record-substitution-another-item",
    KeyBackToHistory => "key-back-to-history",
    KeyBringSelectedItemTo => "key-bring-selected-item-to",
    KeyThisWorkCenterS => "key-this-work-center-s",
    KeyCycleCountSelectedItem => "key-cycle-count-selected-item",
    KeyYes => "key-yes",
    KeyNo => "key-no",
    KeyApply => "key-apply",
    KeyCancel => "key-cancel",
    KeyClose => "key-close",
    KeyCloseHelp => "key-close-help",
    KeyScrollHelp => "key-scroll-help",
    KeyScrollHelpBack => "key-scroll-help-back",
    KeyNextPageKeys => "key-next-page-keys",
    KeyPageBefore => "key-page-before",
    KeyFirstKey => "key-first-key",
    KeyLastKey => "key-last-key",
    KeyPreviousRow => "key-previous-row",
    KeyNextRow => "key-next-row",
    KeyPageUp => "key-page-up",
    KeyPageDown => "key-page-down",
    KeyFirstRow => "key-first-row",
    KeyLastRow => "key-last-row",
    KeyHelpWhereNoField => "key-help-where-no-field",
    KeyQuitAsksIfReport => "key-quit-asks-if-report",
    KeyLogOut => "key-log-out",
    HintLogIn => "hint-log-in",
    HintBadgePin => "hint-badge-pin",
    HintQuit => "hint-quit",
    HintHelp => "hint-help",
    HintOpen => "hint-open",
    HintAllWcs => "hint-all-wcs",
    HintNextWc => "hint-next-wc",
    HintHistory => "hint-history",
    HintStaging => "hint-staging",
    HintDeferred => "hint-deferred",
    HintVariance => "hint-variance",
    HintHealth => "hint-health",
    HintBack => "hint-back",
    HintTrace => "hint-trace",
    HintRetry => "hint-retry",
    HintCancel => "hint-cancel",
    HintReport => "hint-report",
    HintField => "hint-field",
    HintPost => "hint-post",
    HintQty => "hint-qty",
    HintScrap => "hint-scrap",
    HintFrom => "hint-from",
    HintSkip => "hint-skip",
    HintReset => "hint-reset",
    HintReverse => "hint-reverse",
    HintLines => "hint-lines",
    HintSubstitute => "hint-substitute",
    HintBring => "hint-bring",
    HintAll => "hint-all",
    HintCount => "hint-count",
    HintYes => "hint-yes",
    HintNo => "hint-no",
    HintApply => "hint-apply",
    HintClose => "hint-close",
    HintCancelLine => "hint-cancel-line",
    LeadBadge => "lead-badge",
    MarkedEnough => "marked-enough",
    MarkedNone => "marked-none",
    MarkedSome => "marked-some",
    PickHintMarkCancel => "pick-hint-mark-cancel",
    PickHintMarkBack => "pick-hint-mark-back",
    PickHintCancel => "pick-hint-cancel",
    PickHintBack => "pick-hint-back",
    PromptHintCancel => "prompt-hint-cancel",
    PromptHintBack => "prompt-hint-back",
    PromptTitle => "prompt-title",
    LineSerialsTitle => "line-serials-title",
    LineLotsTitle => "line-lots-title",
    ChooseItsSerials => "choose-its-serials",
    ChooseItsLots => "choose-its-lots",
    ScanOrPickSerials => "scan-or-pick-serials",
    ScanOrPickLot => "scan-or-pick-lot",
    ScanLeadBadge => "scan-lead-badge",
    LeadPin => "lead-pin",
    SeparatorComma => "separator-comma",
    SeparatorPoint => "separator-point",
    FieldOtherSeparator => "field-other-separator",
    FieldSecondSeparator => "field-second-separator",
    FieldNoMinus => "field-no-minus",
    FieldMinusFirst => "field-minus-first",
    FieldNotADigit => "field-not-a-digit",
    FieldWholeNumber => "field-whole-number",
    FieldTooManyDecimals => "field-too-many-decimals",
    FieldTooLong => "field-too-long",
    FieldControl => "field-control",
    LineKeysOnTab => "line-keys-on-tab",
    NotANumber => "not-a-number",
    MaterialCost => "material-cost",
    PickOrderChooses => "pick-order-chooses",
    NoWorkCenterToStage => "no-work-center-to-stage",
    UnknownStockItem => "unknown-stock-item",
    UnknownLocation => "unknown-location",
    Reversed => "reversed",
    ScrapReasonReturn => "scrap-reason-return",
    ScrapReasonMore => "scrap-reason-more",
    ScrapAdjusted => "scrap-adjusted",
    Substituted => "substituted",
    Retried => "retried",
    ExceptionCancelled => "exception-cancelled",
    CountedNote => "counted-note",
    CountedBook => "counted-book",
    CountedNoDifference => "counted-no-difference",
    CountedReason => "counted-reason",
    CountedAdjusted => "counted-adjusted",
    CountedWaitingPosted => "counted-waiting-posted",
    CountedAccuracy => "counted-accuracy",
    NotWholeContainers => "not-whole-containers",
    LotsNamed => "lots-named",
    Moved => "moved",
    TakesExpired => "takes-expired",
    ExpiredNamed => "expired-named",
    LeadMustApprove => "lead-must-approve",
    ManualNotIssued => "manual-not-issued",
    PostManualUnissued => "post-manual-unissued",
    ManualUnissuedNothing => "manual-unissued-nothing",
    ManualUnissuedBack => "manual-unissued-back",
    ConfirmSubstitute => "confirm-substitute",
    SubstituteGoesBack => "substitute-goes-back",
    SubstituteIssued => "substitute-issued",
    ConfirmTransfer => "confirm-transfer",
    TransferQuestion => "transfer-question",
    FinishedLotTitle => "finished-lot-title",
    FinishedSerialsTitle => "finished-serials-title",
    FinishedUntracked => "finished-untracked",
    NothingReceived => "nothing-received",
    ReceiveInto => "receive-into",
    ReceiveIntoLot => "receive-into-lot",
    ReceiveIntoSerials => "receive-into-serials",
    ReportPosted => "report-posted",
    PostedReport => "posted-report",
    PostedAlready => "posted-already",
    PostedShortItem => "posted-short-item",
    PostedLineWaits => "posted-line-waits",
    PostedMaterialSoFar => "posted-material-so-far",
    LinesWaiting => "lines-waiting",
    AnotherWorkCentersOrder => "another-work-centers-order",
    AtWorkCenter => "at-work-center",
    ReportSummary => "report-summary",
    MoreAbove => "more-above",
    MoreBelow => "more-below",
    ActionMoveOrCount => "action-move-or-count",
    PromptQtyByHand => "prompt-qty-by-hand",
    PromptQtyToIssue => "prompt-qty-to-issue",
    PromptLineScrap => "prompt-line-scrap",
    PromptIssueLocation => "prompt-issue-location",
    PromptWhySkipped => "prompt-why-skipped",
    PromptWhyChanged => "prompt-why-changed",
    PickOrTypeLocation => "pick-or-type-location",
    ConfirmPost => "confirm-post",
    KeyCloseOrder => "key-close-order",
    KeyReopenOrder => "key-reopen-order",
    HintCloseOrder => "hint-close-order",
    HintReopenOrder => "hint-reopen-order",
    // The views: titles, column headers, row words and the explanation.
    ColOrder => "col-order",
    ColWorkCenter => "col-work-center",
    ColItem => "col-item",
    ColDescription => "col-description",
    ColQty => "col-qty",
    ColGood => "col-good",
    ColScrap => "col-scrap",
    ColLeft => "col-left",
    ColDue => "col-due",
    ColStatus => "col-status",
    ColCanBuild => "col-can-build",
    ColOp => "col-op",
    ColCountPoint => "col-count-point",
    ColMaterials => "col-materials",
    ColLine => "col-line",
    ColFrom => "col-from",
    ColOnHand => "col-on-hand",
    ColPlanned => "col-planned",
    ColIssue => "col-issue",
    ColUom => "col-uom",
    ColId => "col-id",
    ColWhen => "col-when",
    ColUser => "col-user",
    ColState => "col-state",
    ColIssued => "col-issued",
    ColPostedAs => "col-posted-as",
    ColSubstitute => "col-substitute",
    ColReason => "col-reason",
    ColLoc => "col-loc",
    ColMinMax => "col-min-max",
    ColNeed => "col-need",
    ColBring => "col-bring",
    ColDays => "col-days",
    ColStockOfMax => "col-stock-of-max",
    ColStock => "col-stock",
    ColOrders => "col-orders",
    ColDeferred => "col-deferred",
    ColShortNow => "col-short-now",
    ColStd => "col-std",
    ColActual => "col-actual",
    ColPending => "col-pending",
    ColVar => "col-var",
    ColCost => "col-cost",
    ColLocation => "col-location",
    ColBackflushed => "col-backflushed",
    ColByHand => "col-by-hand",
    ColCountAdjusted => "col-count-adjusted",
    ColDiscrepancy => "col-discrepancy",
    ColAccurate => "col-accurate",
    ColWaiting => "col-waiting",
    ColFlag => "col-flag",
    ColLevel => "col-level",
    ColOrderOrLocation => "col-order-or-location",
    ColLot => "col-lot",
    OrdersTitle => "orders-title",
    OrdersScanHint => "orders-scan-hint",
    OrdersTyped => "orders-typed",
    OrdersTypedHint => "orders-typed-hint",
    OrdersNoMatch => "orders-no-match",
    OrdersNoPlant => "orders-no-plant",
    OrdersNone => "orders-none",
    OrderOpen => "order-open",
    OrderStarted => "order-started",
    OrderDone => "order-done",
    OrderWaiting => "order-waiting",
    OrderTitle => "order-title",
    OpCountPoint => "op-count-point",
    OpFlushedAt => "op-flushed-at",
    ReportAtOp => "report-at-op",
    ReportAtWorkCenter => "report-at-work-center",
    ReportReportedHere => "report-reported-here",
    ReportTotalsStale => "report-totals-stale",
    ReportNeedsLead => "report-needs-lead",
    ReportNeedsLeadAlso => "report-needs-lead-also",
    ReportNeedsLeadPct => "report-needs-lead-pct",
    ReportKeepsOverride => "report-keeps-override",
    ReportNoReceipt => "report-no-receipt",
    PlanAheadOfCountPoint => "plan-ahead-of-count-point",
    LineIssue => "line-issue",
    LineDeferred => "line-deferred",
    LineShort => "line-short",
    LineManual => "line-manual",
    LineSkipped => "line-skipped",
    LineNeedsLead => "line-needs-lead",
    LineByHand => "line-by-hand",
    ExplainPerUnitConverted => "explain-per-unit-converted",
    ExplainPerUnit => "explain-per-unit",
    ExplainPhantom => "explain-phantom",
    ExplainPerOrderConverted => "explain-per-order-converted",
    ExplainPerOrder => "explain-per-order",
    ExplainCarries => "explain-carries",
    ExplainCarried => "explain-carried",
    ExplainManual => "explain-manual",
    ExplainThenLots => "explain-then-lots",
    ExplainThenSerials => "explain-then-serials",
    ExplainByHandNonStock => "explain-by-hand-non-stock",
    ExplainByHand => "explain-by-hand",
    ExplainIssuesFrom => "explain-issues-from",
    ExplainShortBy => "explain-short-by",
    ExplainLotsUncovered => "explain-lots-uncovered",
    ExplainChooseLots => "explain-choose-lots",
    ExplainChooseSerials => "explain-choose-serials",
    ExplainUnknownLot => "explain-unknown-lot",
    ExplainLots => "explain-lots",
    ExplainSerials => "explain-serials",
    ExplainFefo => "explain-fefo",
    ExplainFifo => "explain-fifo",
    ExplainNamed => "explain-named",
    ExplainExpiredSkipped => "explain-expired-skipped",
    ManualOrderLine => "manual-order-line",
    ManualBomLine => "manual-bom-line",
    ManualItem => "manual-item",
    ManualWorkCenter => "manual-work-center",
    ManualNonStock => "manual-non-stock",
    ManualLotSelection => "manual-lot-selection",
    ManualSerial => "manual-serial",
    SourceBom => "source-bom",
    SourceWorkCenter => "source-work-center",
    SourceOverride => "source-override",
    HistoryTitle => "history-title",
    RowPosted => "row-posted",
    ReportReversed => "report-reversed",
    DetailTitle => "detail-title",
    DetailApproved => "detail-approved",
    StagingTitle => "staging-title",
    StagingTitleEvery => "staging-title-every",
    ExceptionsTitle => "exceptions-title",
    ExceptionsEveryLocation => "exceptions-every-location",
    ExceptionsNone => "exceptions-none",
    ExceptionsFits => "exceptions-fits",
    VarianceMaterialCost => "variance-material-cost",
    VarianceLinesTitle => "variance-lines-title",
    HealthTitle => "health-title",
    FlagNegative => "flag-negative",
    FlagDiscrepancy => "flag-discrepancy",
    FlagWaiting => "flag-waiting",
    FlagOk => "flag-ok",
    TraceTitle => "trace-title",
    TraceUntracked => "trace-untracked",
    TraceUnknownLot => "trace-unknown-lot",
    TraceOnHand => "trace-on-hand",
    TraceOnHandNone => "trace-on-hand-none",
    TraceMadeFrom => "trace-made-from",
    TraceMadeFromNone => "trace-made-from-none",
    TraceWentInto => "trace-went-into",
    TraceWentIntoNone => "trace-went-into-none",
    PromptApplyCancel => "prompt-apply-cancel",
    PromptApplyBack => "prompt-apply-back",
    PickNone => "pick-none",
    PickMore => "pick-more",
    ReportShortTitle => "report-short-title",
    ReportLineLots => "report-line-lots",
    ReportLineSerials => "report-line-serials",
    FooterMore => "footer-more",
    ReportExpiredApart => "report-expired-apart",
    ChoiceLotExpired => "choice-lot-expired",
    HintByHand => "hint-by-hand",
    HintLots => "hint-lots",
    HintFgLot => "hint-fg-lot",
    KeyMarkSerial => "key-mark-serial",
    HintMark => "hint-mark",
    KeyTakeMarked => "key-take-marked",
    HintTake => "hint-take",
    KeyPreviousSerial => "key-previous-serial",
    KeyNextSerial => "key-next-serial",
    QuitTitle => "quit-title",
    QuitUnposted => "quit-unposted",
    QuitLose => "quit-lose",
    LeaveReportTitle => "leave-report-title",
    LeaveReportUnposted => "leave-report-unposted",
    LeaveReportLose => "leave-report-lose",
    CancelDeferredTitle => "cancel-deferred-title",
    CancelDeferredLine => "cancel-deferred-line",
    CancelDeferredNote => "cancel-deferred-note",
    ReverseAlready => "reverse-already",
    ReverseReasonPrompt => "reverse-reason-prompt",
    ReverseNeedsReason => "reverse-needs-reason",
    ReverseWhat => "reverse-what",
    ReverseUndo => "reverse-undo",
    ReverseReason => "reverse-reason",
    ReverseAsk => "reverse-ask",
    ReverseTitle => "reverse-title",
    NotPostedTitle => "not-posted-title",
    CountedTitle => "counted-title",
    TraceItemPrompt => "trace-item-prompt",
    TraceItemNeeded => "trace-item-needed",
    TraceNoLots => "trace-no-lots",
    TraceLotBeforeLots => "trace-lot-before-lots",
    TraceLotPrompt => "trace-lot-prompt",
    LineBackflushed => "line-backflushed",
    LineNotTracked => "line-not-tracked",
    NotACountPoint => "not-a-count-point",
    TypeGoodQuantity => "type-good-quantity",
    ScrapAddPrompt => "scrap-add-prompt",
    SubstituteItemPrompt => "substitute-item-prompt",
    SubstituteItemNeeded => "substitute-item-needed",
    SubstituteReturnPrompt => "substitute-return-prompt",
    SubstituteQtyPrompt => "substitute-qty-prompt",
    TransferFromPrompt => "transfer-from-prompt",
    TransferFromNeeded => "transfer-from-needed",
    TransferFromIsTo => "transfer-from-is-to",
    TransferQtyPrompt => "transfer-qty-prompt",
    CountQtyPrompt => "count-qty-prompt",
    CountLotQtyPrompt => "count-lot-qty-prompt",
    CountLotUnknown => "count-lot-unknown",
    CountLotPrompt => "count-lot-prompt",
    TransferLotsPrompt => "transfer-lots-prompt",
    PostSummary => "post-summary",
    PostLines => "post-lines",
    PostShort => "post-short",
    PostReceive => "post-receive",
    PostLabor => "post-labor",
    PostWarning => "post-warning",
    PostLeadMore => "post-lead-more",
    PostLeadEnter => "post-lead-enter",
    VarianceTitle => "variance-title",
    VarianceShortTitle => "variance-short-title",
    CountReasonPrompt => "count-reason-prompt",
    SubstituteReturnNotQty => "substitute-return-not-qty",
    SubstituteReturnExceeds => "substitute-return-exceeds",
    ReportGoodNotNumber => "report-good-not-number",
    ReportScrapNotNumber => "report-scrap-not-number",
    ChoiceOnHand => "choice-on-hand",
    ChoiceExpires => "choice-expires",
    ChoiceExpired => "choice-expired",
    ChoiceUnknownLot => "choice-unknown-lot",
    CannotPost => "cannot-post",
    NothingToPost => "nothing-to-post",
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
