//! What is wrong with an import, as data: the file and line, and the kind of problem with the
//! column, code and numbers it is about. The command line words it.

use crate::domain::master::{ItemType, LocationKind, Per};
use crate::domain::order::ReleaseError;
use crate::domain::qty::{QtyParseError, Quantity};

/// What is wrong with one row (or the header row) of an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The record is not CSV; `cause` is the CSV reader's.
    NotCsv {
        cause: String,
    },
    UnknownColumn {
        column: String,
        expected: Vec<&'static str>,
    },
    ColumnTwice {
        column: String,
    },
    ColumnMissing {
        column: &'static str,
    },
    /// Not as many fields as the header row.
    FieldCount {
        fields: usize,
        header: Vec<&'static str>,
    },
    /// A field holds a control character.
    Control {
        column: &'static str,
        ch: char,
    },
    /// A code longer than a code may be.
    CodeTooLong {
        column: &'static str,
        chars: usize,
        max: usize,
    },
    /// A required field left blank.
    Missing {
        column: String,
    },
    /// A quantity that does not read.
    BadNumber {
        column: String,
        text: String,
        problem: QtyParseError,
    },
    Negative {
        column: String,
        text: String,
    },
    /// At least the quantity limit; `max` is the largest allowed.
    TooLarge {
        column: String,
        text: String,
        max: Quantity,
    },
    NotPositive {
        column: String,
    },
    NotYesNo {
        column: String,
        text: String,
    },
    NotOneOf {
        column: String,
        text: String,
        words: String,
    },
    /// A whole number that does not read (`too_large`: it reads but overflows).
    NotWhole {
        column: String,
        text: String,
        too_large: bool,
    },
    TooManyDecimals {
        column: String,
        value: Quantity,
        item: String,
        uom: String,
        decimals: u32,
    },
    /// A date that is not `YYYY-MM-DD`.
    NotADate {
        column: &'static str,
        text: String,
    },
    /// The second row of one key.
    Duplicate(Duplicate),
    UnknownItem {
        item: String,
    },
    UnknownLocation {
        location: String,
    },
    UnknownWorkCenter {
        work_center: String,
    },
    /// Item decimals outside 0–9.
    Decimals {
        decimals: i64,
    },
    /// A conversion factor that does not read.
    FactorUnreadable {
        text: String,
        from: String,
        to: String,
        problem: QtyParseError,
    },
    FactorNotPositive {
        text: String,
        from: String,
        to: String,
    },
    /// A factor other than 1 from a unit to itself.
    FactorToItself {
        text: String,
        from: String,
    },
    /// A conversion that disagrees with an earlier row: `1 from = text to` for `item` (`None`
    /// every item) against `1 from = other to`, or with `reverse` `1 to = other from`.
    FactorDisagrees {
        from: String,
        to: String,
        text: String,
        item: Option<String>,
        other: Quantity,
        reverse: bool,
    },
    UnknownRole {
        role: String,
    },
    ShortPin {
        badge: String,
    },
    /// The PIN could not be hashed; `cause` is the hasher's.
    PinHash {
        cause: String,
    },
    /// A BOM's rows disagree on its base quantity; `first_line` is the first row of the BOM.
    BaseQtyDiffers {
        base_qty: Quantity,
        first: Quantity,
        first_line: u64,
    },
    /// The items along a BOM cycle, the first repeated at the end.
    Cycle(Vec<String>),
    /// A phantom consumed per order, not per unit.
    PhantomPer {
        component: String,
        per: Per,
    },
    /// No conversion from a BOM line's unit to its component's.
    NoConversion {
        line: String,
        from: String,
        to: String,
        component: String,
    },
    /// A BOM line's quantity overflows when converted.
    ConversionOverflows {
        line: String,
        qty: Quantity,
        from: String,
        to: String,
        num: Quantity,
        den: Quantity,
    },
    PhantomOrder {
        item: String,
    },
    NoRouting {
        item: String,
    },
    /// An order that cannot be released.
    Release {
        order: String,
        error: ReleaseError,
    },
    UntrackedLot {
        item: String,
        lot: String,
    },
    UntrackedExpiry {
        item: String,
        expires: String,
    },
    PhantomStock {
        item: String,
    },
    /// A serial's balance other than 0 or 1.
    SerialQty {
        serial: String,
        item: String,
        qty: Quantity,
    },
    TwoExpiries {
        lot: String,
        item: String,
        first: String,
        second: String,
    },
    /// A location that is not a machine location where only one may be named.
    NotMachine {
        location: String,
        kind: LocationKind,
    },
    /// An item that holds no stock where only a stock item may be named.
    NotStockItem {
        item: String,
        item_type: ItemType,
    },
    MinAboveMax {
        min: Quantity,
        max: Quantity,
    },
}

/// The key that a second row repeats.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Duplicate {
    Location(String),
    Item(String),
    WorkCenter(String),
    Badge(String),
    Order(String),
    BomLine {
        parent: String,
        revision: String,
        line: String,
    },
    RoutingOperation {
        parent: String,
        revision: String,
        operation: i64,
    },
    /// A stock balance of an item (and lot, for a tracked item) at a location.
    Balance {
        item: String,
        lot: Option<String>,
        location: String,
    },
    /// A machine location's stocking row of an item.
    LocationItem {
        location: String,
        item: String,
    },
}

/// What is wrong with the import directory or a whole file of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilesProblem {
    NotADirectory {
        dir: String,
    },
    /// The directory holds none of the files an import reads.
    NoFiles {
        dir: String,
    },
    /// A file cannot be read; `cause` is the system's.
    Unreadable {
        path: String,
        cause: String,
    },
    /// `settings.toml` is refused: why.
    Settings {
        problem: crate::domain::plant_rules::RuleProblem,
    },
}
