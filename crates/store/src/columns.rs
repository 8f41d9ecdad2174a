//! How each Rust field type becomes an SQL value and is read back. Reading a stored
//! code that is not in its code set is a typed error naming table and column, never a
//! silent default.

use caseline_domain::codes::*;
use caseline_domain::values::{OfstedUrn, Postcode, SweRegistration, Upn};
use caseline_domain::{PersonId, RecordId, TeamId, WorkerId};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::value::SqlType;
use crate::{Row, StoreError, Value};

/// A field that maps to one column.
pub trait Column: Sized {
    /// The column's SQL type (for typed NULLs).
    const SQL_TYPE: SqlType;
    /// The value to bind.
    fn to_value(&self) -> Value;
    /// Reads the column `col` of `table` from `row`.
    fn read(row: &Row, table: &'static str, col: &str) -> Result<Self, StoreError>;
}

fn decode_err(table: &'static str, col: &str, message: impl std::fmt::Display) -> StoreError {
    StoreError::Decode {
        table,
        column: col.to_owned(),
        message: message.to_string(),
    }
}

fn tag(table: &'static str, e: StoreError) -> StoreError {
    match e {
        StoreError::Decode {
            column, message, ..
        } => StoreError::Decode {
            table,
            column,
            message,
        },
        other => other,
    }
}

impl<T: Column> Column for Option<T>
where
    T: OptionalColumn,
{
    const SQL_TYPE: SqlType = T::SQL_TYPE;
    fn to_value(&self) -> Value {
        self.as_ref()
            .map_or(Value::Null(T::SQL_TYPE), Column::to_value)
    }
    fn read(row: &Row, table: &'static str, col: &str) -> Result<Self, StoreError> {
        T::read_optional(row, table, col)
    }
}

/// Reads a column that must not be NULL.
fn required<T: OptionalColumn>(row: &Row, table: &'static str, col: &str) -> Result<T, StoreError> {
    T::read_optional(row, table, col)?
        .ok_or_else(|| decode_err(table, col, "is empty but a value is required"))
}

/// Types that can be read from a nullable column.
pub trait OptionalColumn: Sized {
    /// Reads a nullable column.
    fn read_optional(row: &Row, table: &'static str, col: &str)
    -> Result<Option<Self>, StoreError>;
}

macro_rules! primitive {
    ($t:ty, $opt:ident, $variant:ident) => {
        impl Column for $t {
            const SQL_TYPE: SqlType = SqlType::$variant;
            fn to_value(&self) -> Value {
                Value::$variant(self.clone())
            }
            fn read(row: &Row, table: &'static str, col: &str) -> Result<Self, StoreError> {
                required(row, table, col)
            }
        }
        impl OptionalColumn for $t {
            fn read_optional(
                row: &Row,
                table: &'static str,
                col: &str,
            ) -> Result<Option<Self>, StoreError> {
                row.$opt(col).map_err(|e| tag(table, e))
            }
        }
    };
}
primitive!(String, opt_text, Text);
primitive!(bool, opt_bool, Bool);
primitive!(Date, opt_date, Date);
primitive!(Timestamp, opt_timestamp, Timestamp);

macro_rules! small_int {
    ($($t:ty),+) => {$(
        impl Column for $t {
            const SQL_TYPE: SqlType = SqlType::Int;
            fn to_value(&self) -> Value {
                Value::Int(i64::from(*self))
            }
            fn read(row: &Row, table: &'static str, col: &str) -> Result<Self, StoreError> {
                required(row, table, col)
            }
        }
        impl OptionalColumn for $t {
            fn read_optional(row: &Row, table: &'static str, col: &str) -> Result<Option<Self>, StoreError> {
                row.opt_int(col)
                    .map_err(|e| tag(table, e))?
                    .map(|v| <$t>::try_from(v).map_err(|e| decode_err(table, col, e)))
                    .transpose()
            }
        }
    )+};
}
small_int!(u8, u16, i64);

/// Text-backed types: ids, codes and value types.
macro_rules! text_backed {
    ($t:ty, |$v:ident| $to:expr, |$s:ident| $parse:expr) => {
        impl Column for $t {
            const SQL_TYPE: SqlType = SqlType::Text;
            fn to_value(&self) -> Value {
                let $v = self;
                Value::Text($to)
            }
            fn read(row: &Row, table: &'static str, col: &str) -> Result<Self, StoreError> {
                required(row, table, col)
            }
        }
        impl OptionalColumn for $t {
            fn read_optional(
                row: &Row,
                table: &'static str,
                col: &str,
            ) -> Result<Option<Self>, StoreError> {
                row.opt_text(col)
                    .map_err(|e| tag(table, e))?
                    .map(|$s| $parse.map_err(|e| decode_err(table, col, e)))
                    .transpose()
            }
        }
    };
}

macro_rules! ids {
    ($($t:ty),+) => {$(
        text_backed!($t, |v| v.as_str().to_owned(), |s| <$t>::try_from(s));
    )+};
}
ids!(PersonId, RecordId, TeamId, WorkerId);

macro_rules! values {
    ($($t:ty),+) => {$(
        text_backed!($t, |v| v.as_str().to_owned(), |s| <$t>::parse(&s, "stored", "-", "value"));
    )+};
}
values!(Postcode, Upn, OfstedUrn, SweRegistration);

macro_rules! codes {
    ($($t:ty),+ $(,)?) => {$(
        text_backed!($t, |v| v.code().to_owned(), |s| <$t>::from_code(&s));
    )+};
}
caseline_domain::for_each_code_set!(codes);
