//! The column types rows decode into: plain values and their `Option`s, each one column
//! read with sqlx's decoder for the engine that answered ([`SqlxColumn`]), exact decimals
//! (scaled integers on SQLite), and tuples of any of them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use recto_core::Error;

use super::{FromColumn, FromRecord, Record};

/// A type sqlx decodes from a PostgreSQL column (every type when the feature is off).
#[cfg(feature = "postgres")]
pub trait SqlxPg: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> {}
#[cfg(feature = "postgres")]
impl<T> SqlxPg for T where T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> {}
/// A type sqlx decodes from a PostgreSQL column (every type when the feature is off).
#[cfg(not(feature = "postgres"))]
pub trait SqlxPg {}
#[cfg(not(feature = "postgres"))]
impl<T> SqlxPg for T {}

/// A type sqlx decodes from a MySQL column (every type when the feature is off).
#[cfg(feature = "mysql")]
pub trait SqlxMySql: for<'r> sqlx::Decode<'r, sqlx::MySql> + sqlx::Type<sqlx::MySql> {}
#[cfg(feature = "mysql")]
impl<T> SqlxMySql for T where T: for<'r> sqlx::Decode<'r, sqlx::MySql> + sqlx::Type<sqlx::MySql> {}
/// A type sqlx decodes from a MySQL column (every type when the feature is off).
#[cfg(not(feature = "mysql"))]
pub trait SqlxMySql {}
#[cfg(not(feature = "mysql"))]
impl<T> SqlxMySql for T {}

/// A type sqlx decodes from a SQLite column (every type when the feature is off).
#[cfg(feature = "sqlite")]
pub trait SqlxSqlite: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> {}
#[cfg(feature = "sqlite")]
impl<T> SqlxSqlite for T where T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> {}
/// A type sqlx decodes from a SQLite column (every type when the feature is off).
#[cfg(not(feature = "sqlite"))]
pub trait SqlxSqlite {}
#[cfg(not(feature = "sqlite"))]
impl<T> SqlxSqlite for T {}

/// A type sqlx decodes from a column of every engine compiled in, which [`Record::column`]
/// reads.
pub trait SqlxColumn: SqlxPg + SqlxMySql + SqlxSqlite {}

impl<T: SqlxPg + SqlxMySql + SqlxSqlite> SqlxColumn for T {}

/// Plain values, and `Option`s of them, read one column each with sqlx's decoders.
macro_rules! columns {
    ($($t:ty),* $(,)?) => {$(
        impl FromRecord for $t {
            fn from_record(record: &mut Record<'_>) -> Result<Self, Error> {
                record.column()
            }
        }
        impl FromColumn for $t {}
        impl FromRecord for Option<$t> {
            fn from_record(record: &mut Record<'_>) -> Result<Self, Error> {
                record.optional_column()
            }
        }
        impl FromColumn for Option<$t> {}
    )*};
}

columns!(
    bool,
    i16,
    i32,
    i64,
    f32,
    f64,
    String,
    Vec<u8>,
    NaiveDate,
    NaiveDateTime,
    NaiveTime,
    DateTime<Utc>,
);

#[cfg(feature = "uuid")]
columns!(uuid::Uuid);

// An exact decimal, which sqlx decodes on PostgreSQL and MySQL only: its own impls, since
// `columns!` needs a decoder on every engine compiled in.
#[cfg(feature = "decimal")]
impl FromRecord for rust_decimal::Decimal {
    fn from_record(record: &mut Record<'_>) -> Result<Self, Error> {
        let index = record.position();
        record.optional_decimal()?.ok_or_else(|| Error::Decode {
            column: index,
            reason: "NULL where the row's type is not an `Option`".to_owned(),
        })
    }
}
#[cfg(feature = "decimal")]
impl FromColumn for rust_decimal::Decimal {}
#[cfg(feature = "decimal")]
impl FromRecord for Option<rust_decimal::Decimal> {
    fn from_record(record: &mut Record<'_>) -> Result<Self, Error> {
        record.optional_decimal()
    }
}
#[cfg(feature = "decimal")]
impl FromColumn for Option<rust_decimal::Decimal> {}

// A JSON document: jsonb on PostgreSQL, the text of one elsewhere, parsed by sqlx's
// `serde_json` decoder. JSON `null` is `Some(Value::Null)` in an `Option`; SQL NULL `None`.
#[cfg(feature = "json")]
columns!(serde_json::Value);

macro_rules! tuples {
    ($( ($($name:ident),+) )*) => {$(
        impl<$($name: FromRecord),+> FromRecord for ($($name,)+) {
            fn from_record(record: &mut Record<'_>) -> Result<Self, Error> {
                Ok(($(record.read::<$name>()?,)+))
            }
        }
    )*};
}

tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
    (A, B, C, D, E, F, G, H, I)
    (A, B, C, D, E, F, G, H, I, J)
    (A, B, C, D, E, F, G, H, I, J, K)
    (A, B, C, D, E, F, G, H, I, J, K, L)
    (A, B, C, D, E, F, G, H, I, J, K, L, M)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P)
}
