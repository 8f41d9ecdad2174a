//! Values crossing into and out of SQL, the same on both engines. Dates are `DATE` on
//! PostgreSQL and ISO text on SQLite; timestamps are `TIMESTAMPTZ` and fixed-precision
//! UTC text (so text order is time order); booleans are `BOOLEAN` and 0/1.

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::query::Query;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Postgres, Row as _, Sqlite};

use crate::StoreError;

/// The SQL type of a value, so a NULL can be bound with the right type (PostgreSQL
/// will not put a text-typed NULL into a DATE column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlType {
    /// Text.
    Text,
    /// Integer.
    Int,
    /// Boolean.
    Bool,
    /// Calendar date.
    Date,
    /// Instant.
    Timestamp,
}

/// A parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL of the given type.
    Null(SqlType),
    /// Text.
    Text(String),
    /// Integer.
    Int(i64),
    /// Boolean.
    Bool(bool),
    /// Calendar date.
    Date(Date),
    /// Instant.
    Timestamp(Timestamp),
}

macro_rules! value_from {
    ($t:ty, $v:ident, |$x:ident| $e:expr) => {
        impl From<$t> for Value {
            fn from($x: $t) -> Self {
                Value::$v($e)
            }
        }
        impl From<Option<$t>> for Value {
            fn from(v: Option<$t>) -> Self {
                v.map_or(Value::Null(SqlType::$v), Into::into)
            }
        }
    };
}
value_from!(String, Text, |x| x);
value_from!(&str, Text, |x| x.to_owned());
value_from!(i64, Int, |x| x);
value_from!(bool, Bool, |x| x);
value_from!(Date, Date, |x| x);
value_from!(Timestamp, Timestamp, |x| x);

/// Fixed-precision UTC text for SQLite: microseconds, always 27 characters.
pub(crate) fn timestamp_text(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

fn to_time_date(d: Date) -> Option<time::Date> {
    let month = time::Month::try_from(u8::try_from(d.month()).ok()?).ok()?;
    time::Date::from_calendar_date(i32::from(d.year()), month, u8::try_from(d.day()).ok()?).ok()
}

fn to_offset_datetime(t: Timestamp) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp_nanos(t.as_nanosecond()).ok()
}

pub(crate) fn bind_sqlite<'q>(
    mut q: Query<'q, Sqlite, SqliteArguments>,
    params: &[Value],
) -> Query<'q, Sqlite, SqliteArguments> {
    for p in params {
        q = match p {
            Value::Null(_) => q.bind(None::<String>),
            Value::Text(s) => q.bind(s.clone()),
            Value::Int(i) => q.bind(*i),
            Value::Bool(b) => q.bind(*b),
            Value::Date(d) => q.bind(d.to_string()),
            Value::Timestamp(t) => q.bind(timestamp_text(*t)),
        };
    }
    q
}

pub(crate) fn bind_pg<'q>(
    mut q: Query<'q, Postgres, PgArguments>,
    params: &[Value],
) -> Query<'q, Postgres, PgArguments> {
    for p in params {
        q = match p {
            Value::Null(SqlType::Text) => q.bind(None::<String>),
            Value::Null(SqlType::Int) => q.bind(None::<i64>),
            Value::Null(SqlType::Bool) => q.bind(None::<bool>),
            Value::Null(SqlType::Date) => q.bind(None::<time::Date>),
            Value::Null(SqlType::Timestamp) => q.bind(None::<time::OffsetDateTime>),
            Value::Text(s) => q.bind(s.clone()),
            Value::Int(i) => q.bind(*i),
            Value::Bool(b) => q.bind(*b),
            Value::Date(d) => q.bind(to_time_date(*d)),
            Value::Timestamp(t) => q.bind(to_offset_datetime(*t)),
        };
    }
    q
}

/// A result row from either engine, read by column name.
pub enum Row {
    /// SQLite row.
    Sqlite(SqliteRow),
    /// PostgreSQL row.
    Postgres(PgRow),
}

impl Row {
    /// Optional text.
    pub fn opt_text(&self, col: &str) -> Result<Option<String>, StoreError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(col)?,
            Row::Postgres(r) => r.try_get(col)?,
        })
    }

    /// Required text.
    pub fn text(&self, col: &str) -> Result<String, StoreError> {
        self.opt_text(col)?.ok_or_else(|| StoreError::null(col))
    }

    /// Optional integer.
    pub fn opt_int(&self, col: &str) -> Result<Option<i64>, StoreError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(col)?,
            Row::Postgres(r) => r.try_get(col)?,
        })
    }

    /// Required integer.
    pub fn int(&self, col: &str) -> Result<i64, StoreError> {
        self.opt_int(col)?.ok_or_else(|| StoreError::null(col))
    }

    /// Optional boolean.
    pub fn opt_bool(&self, col: &str) -> Result<Option<bool>, StoreError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(col)?,
            Row::Postgres(r) => r.try_get(col)?,
        })
    }

    /// Required boolean.
    pub fn bool(&self, col: &str) -> Result<bool, StoreError> {
        self.opt_bool(col)?.ok_or_else(|| StoreError::null(col))
    }

    /// Optional date.
    pub fn opt_date(&self, col: &str) -> Result<Option<Date>, StoreError> {
        match self {
            Row::Sqlite(r) => {
                let s: Option<String> = r.try_get(col)?;
                s.map(|s| s.parse::<Date>().map_err(|e| StoreError::decode(col, e)))
                    .transpose()
            }
            Row::Postgres(r) => {
                let d: Option<time::Date> = r.try_get(col)?;
                d.map(|d| {
                    Date::new(
                        i16::try_from(d.year()).map_err(|e| StoreError::decode(col, e))?,
                        i8::try_from(u8::from(d.month()))
                            .map_err(|e| StoreError::decode(col, e))?,
                        i8::try_from(d.day()).map_err(|e| StoreError::decode(col, e))?,
                    )
                    .map_err(|e| StoreError::decode(col, e))
                })
                .transpose()
            }
        }
    }

    /// Required date.
    pub fn date(&self, col: &str) -> Result<Date, StoreError> {
        self.opt_date(col)?.ok_or_else(|| StoreError::null(col))
    }

    /// Optional timestamp.
    pub fn opt_timestamp(&self, col: &str) -> Result<Option<Timestamp>, StoreError> {
        match self {
            Row::Sqlite(r) => {
                let s: Option<String> = r.try_get(col)?;
                s.map(|s| {
                    s.parse::<Timestamp>()
                        .map_err(|e| StoreError::decode(col, e))
                })
                .transpose()
            }
            Row::Postgres(r) => {
                let t: Option<time::OffsetDateTime> = r.try_get(col)?;
                t.map(|t| {
                    Timestamp::from_nanosecond(t.unix_timestamp_nanos())
                        .map_err(|e| StoreError::decode(col, e))
                })
                .transpose()
            }
        }
    }

    /// Required timestamp.
    pub fn timestamp(&self, col: &str) -> Result<Timestamp, StoreError> {
        self.opt_timestamp(col)?
            .ok_or_else(|| StoreError::null(col))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_timestamps_sort_as_text_in_time_order() {
        let a: Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        let b: Timestamp = "2026-01-02T03:04:05.5Z".parse().unwrap();
        let c: Timestamp = "2026-01-02T03:04:06Z".parse().unwrap();
        let (ta, tb, tc) = (timestamp_text(a), timestamp_text(b), timestamp_text(c));
        assert_eq!(ta, "2026-01-02T03:04:05.000000Z");
        assert_eq!(ta.len(), tb.len());
        assert!(ta < tb && tb < tc);
        assert_eq!(tb.parse::<Timestamp>().unwrap(), b);
    }
}
