//! The SQL form of the domain's types, so a row reads straight into them: the decimal
//! newtypes as canonical TEXT, the enums of words as their word, the ids as their integer,
//! the codes as their text. (rusqlite and the domain's types meet here: the domain cannot
//! name rusqlite, and rusqlite does not know the domain.) A stored word no version wrote is a
//! damaged store, said as such: never a panic, never a default.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rust_decimal::Decimal;

use crate::domain::backflush::LineStatus;
use crate::domain::codes::{ItemCode, LocationCode, OrderNo};
use crate::domain::ids::{ExceptionId, IssueId, ReportId};
use crate::domain::journal::Account;
use crate::domain::movement::{MovementKind, Source};
use crate::domain::qty::{Hours, Money, Quantity, canonical};
use crate::domain::retry::ExceptionStatus;
use crate::domain::wip::{ClosedAs, OrderStatus};

/// The SQL form of the domain's decimal newtypes: canonical TEXT (rust_decimal and rusqlite
/// are both foreign crates, so the domain cannot say it).
macro_rules! sql_decimal {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(canonical(self.0)))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                decimal_of(value).map(<$ty>::from)
            }
        }
    )+};
}

sql_decimal!(Quantity, Money, Hours, DecimalText);

/// The SQL form of the domain's enums of words: the word as TEXT; a stored word the program
/// does not know is a damaged store, said as such (never a panic, never a default).
macro_rules! sql_word {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$ty>::parse(text).ok_or_else(|| {
                    FromSqlError::Other(format!("{text:?} is not a {}", stringify!($ty)).into())
                })
            }
        }
    )+};
}

sql_word!(
    LineStatus,
    MovementKind,
    ExceptionStatus,
    Source,
    Account,
    OrderStatus,
    ClosedAs
);

/// The SQL form of the ids: the integer key.
macro_rules! sql_id {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_i64().map(<$ty>::from)
            }
        }
    )+};
}

sql_id!(ReportId, ExceptionId, IssueId);

/// The SQL form of the codes: their text.
macro_rules! sql_code {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str().map(<$ty>::from)
            }
        }
    )+};
}

sql_code!(ItemCode, LocationCode, OrderNo);

/// A plain decimal that is not a quantity, money or hours (a scrap percentage, a unit
/// conversion factor), stored the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecimalText(pub Decimal);

impl From<Decimal> for DecimalText {
    fn from(value: Decimal) -> Self {
        DecimalText(value)
    }
}

/// A stored decimal: canonical TEXT, or an INTEGER written by hand.
fn decimal_of(value: ValueRef<'_>) -> FromSqlResult<Decimal> {
    match value {
        ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()
            .and_then(|s| s.parse::<Decimal>().ok())
            .ok_or(FromSqlError::InvalidType),
        ValueRef::Integer(i) => Ok(Decimal::from(i)),
        _ => Err(FromSqlError::InvalidType),
    }
}
