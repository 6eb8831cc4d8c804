//! Bound parameters: each [`Value`] becomes an sqlx argument of the type its Rust value
//! implies, so the engine sees an `INT8` for an `i64` and an `INT4` for an `i32`, and a NULL
//! keeps its type (`Value::Null(Ty::I64)` binds as `None::<i64>`), which PostgreSQL needs to
//! infer the type of a parameter that appears only in `$1 IS NULL`.
//!
//! Dates, timestamps and times bind through sqlx's chrono encoders: `DATE`, `TIMESTAMP`
//! and `TIME` on PostgreSQL, `DATE`, `DATETIME` and `TIME` on MySQL, and on SQLite, which
//! has no date type, text in sqlx's own format (`2024-02-29`, `2024-02-29 13:05:00.250`,
//! `13:05:00.250`). Values sqlx stored and
//! values recto binds are therefore the same text, and compare as dates do.
//!
//! A list bound as one value ([`Value::Array`]) is a PostgreSQL array; the other engines
//! never receive one (their adapters expand a list into one placeholder per element), and
//! if one reaches them anyway it is a typed error, not a panic.
//!
//! JSON documents bind as one canonical text (`json.rs`): `jsonb` on PostgreSQL, a string
//! elsewhere. Exact decimals bind as `NUMERIC` and `DECIMAL`, and as their mantissa (an
//! integer) on SQLite (`decimal.rs`).
//!
//! Parameters the Repo owns (those of a rendered query) are consumed: on SQLite, whose
//! arguments keep each text and blob as an owned value, they are moved in rather than
//! copied. PostgreSQL and MySQL encode every value into one buffer, so there a borrowed
//! value costs the same as an owned one.

#[cfg(feature = "decimal")]
mod decimal;
#[cfg(feature = "json")]
mod json;

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use recto_core::{Error, Ty, Value};
use sqlx::{Arguments, Database, Encode, Type};

/// Adds `value` to `args` as its own Rust type, or returns `None` for a value this generic
/// path does not bind ([`Value::Array`]), which the engine's binder handles or rejects.
fn bind_scalar<DB>(
    args: &mut DB::Arguments,
    value: &Value,
    dialect: &'static str,
) -> Option<Result<(), Error>>
where
    DB: Database,
    bool: for<'q> Encode<'q, DB> + Type<DB>,
    i32: for<'q> Encode<'q, DB> + Type<DB>,
    i64: for<'q> Encode<'q, DB> + Type<DB>,
    f64: for<'q> Encode<'q, DB> + Type<DB>,
    NaiveDate: for<'q> Encode<'q, DB> + Type<DB>,
    NaiveDateTime: for<'q> Encode<'q, DB> + Type<DB>,
    NaiveTime: for<'q> Encode<'q, DB> + Type<DB>,
    DateTime<Utc>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<bool>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<i16>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<i32>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<i64>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<f32>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<f64>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<String>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<Vec<u8>>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<NaiveDate>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<NaiveDateTime>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<NaiveTime>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<DateTime<Utc>>: for<'q> Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
{
    let added = match value {
        Value::Null(ty) => match ty {
            Ty::Bool => args.add(None::<bool>),
            Ty::I16 => args.add(None::<i16>),
            Ty::I32 => args.add(None::<i32>),
            Ty::I64 => args.add(None::<i64>),
            Ty::F32 => args.add(None::<f32>),
            Ty::F64 => args.add(None::<f64>),
            Ty::Text => args.add(None::<String>),
            Ty::Bytes => args.add(None::<Vec<u8>>),
            Ty::Date => args.add(None::<NaiveDate>),
            Ty::Timestamp => args.add(None::<NaiveDateTime>),
            Ty::Time => args.add(None::<NaiveTime>),
            Ty::TimestampUtc => args.add(None::<DateTime<Utc>>),
            _ => {
                return Some(Err(Error::Unsupported {
                    feature: "a NULL parameter of this type",
                    dialect,
                }));
            }
        },
        Value::Bool(v) => args.add(*v),
        Value::I32(v) => args.add(*v),
        Value::I64(v) => args.add(*v),
        Value::F64(v) => args.add(*v),
        Value::Text(v) => args.add(v.as_str()),
        Value::Bytes(v) => args.add(v.as_slice()),
        Value::Date(v) => args.add(*v),
        Value::Timestamp(v) => args.add(*v),
        Value::Time(v) if is_leap_second(*v) => return Some(Err(leap_second(dialect))),
        Value::Time(v) => args.add(*v),
        Value::TimestampUtc(v) => args.add(*v),
        Value::Array(_) => return None,
        _ => {
            return Some(Err(Error::Unsupported {
                feature: "a parameter of this kind",
                dialect,
            }));
        }
    };
    Some(added.map_err(Error::Database))
}

/// Adds a UUID or a NULL UUID to `args`, as sqlx encodes a `uuid::Uuid` for the engine
/// (`UUID` on PostgreSQL, 16 bytes elsewhere); `None` for any other value. Apart from
/// [`bind_scalar`], whose bounds hold without the `uuid` feature.
#[cfg(feature = "uuid")]
fn bind_uuid<DB>(args: &mut DB::Arguments, value: &Value) -> Option<Result<(), Error>>
where
    DB: Database,
    uuid::Uuid: for<'q> Encode<'q, DB> + Type<DB>,
    Option<uuid::Uuid>: for<'q> Encode<'q, DB> + Type<DB>,
{
    let added = match value {
        Value::Uuid(id) => args.add(*id),
        Value::Null(Ty::Uuid) => args.add(None::<uuid::Uuid>),
        _ => return None,
    };
    Some(added.map_err(Error::Database))
}

/// Whether `time` is in a leap second, which chrono keeps as a nanosecond count past a
/// second: PostgreSQL rejects it, MySQL reads it as midnight, SQLite keeps the text, so it is
/// refused on every engine alike.
fn is_leap_second(time: NaiveTime) -> bool {
    use chrono::Timelike as _;
    time.nanosecond() >= 1_000_000_000
}

fn leap_second(dialect: &'static str) -> Error {
    Error::Unsupported {
        feature: "a time of day in a leap second (23:59:60)",
        dialect,
    }
}

/// About how many bytes `params` take in a binary protocol's argument buffer — a length
/// prefix and the value, an array's header and one prefix per element — so that the
/// buffer is allocated once instead of growing value by value. An estimate: it only sizes
/// an allocation.
#[cfg(any(feature = "postgres", feature = "mysql"))]
fn encoded_size(params: &[Value]) -> usize {
    use recto_core::Array;

    let size = |value: &Value| match value {
        Value::Text(v) => v.len(),
        Value::Bytes(v) => v.len(),
        Value::Array(Array::Text(v)) => 20 + v.iter().map(|s| 4 + s.len()).sum::<usize>(),
        Value::Array(array) => 20 + 12 * array.len(),
        _ => 8,
    };
    params.iter().map(|value| 4 + size(value)).sum()
}

/// The error for a list bound as one value on an engine without array parameters.
#[cfg(any(feature = "mysql", feature = "sqlite"))]
fn no_arrays(dialect: &'static str) -> Error {
    Error::Unsupported {
        feature: "a list bound as one array parameter",
        dialect,
    }
}

/// The arguments of a PostgreSQL statement: scalars as their own types, lists as arrays
/// (`= ANY($1)`), typed even when empty so the server knows the element type.
#[cfg(feature = "postgres")]
pub(super) fn postgres(params: Cow<'_, [Value]>) -> Result<sqlx::postgres::PgArguments, Error> {
    use recto_core::Array;

    let dialect = crate::Dialect::name(&crate::Postgres);
    let mut args = sqlx::postgres::PgArguments::default();
    args.reserve(params.len(), encoded_size(&params));
    for value in params.iter() {
        #[cfg(feature = "json")]
        if let Some(added) = json::bind_postgres(&mut args, value, dialect) {
            added?;
            continue;
        }
        #[cfg(feature = "uuid")]
        if let Some(added) = bind_uuid::<sqlx::Postgres>(&mut args, value) {
            added?;
            continue;
        }
        #[cfg(feature = "decimal")]
        if let Some(added) = decimal::bind::<sqlx::Postgres>(&mut args, value) {
            added?;
            continue;
        }
        if let Some(added) = bind_scalar::<sqlx::Postgres>(&mut args, value, dialect) {
            added?;
            continue;
        }
        let Value::Array(array) = value else {
            return Err(Error::Unsupported {
                feature: "a parameter of this kind",
                dialect,
            });
        };
        let added = match array {
            Array::Bool(v) => args.add(v.as_slice()),
            Array::I32(v) => args.add(v.as_slice()),
            Array::I64(v) => args.add(v.as_slice()),
            Array::F64(v) => args.add(v.as_slice()),
            Array::Text(v) => args.add(v.as_slice()),
            Array::Date(v) => args.add(v.as_slice()),
            Array::Timestamp(v) => args.add(v.as_slice()),
            Array::Time(v) if v.iter().any(|time| is_leap_second(*time)) => {
                return Err(leap_second(dialect));
            }
            Array::Time(v) => args.add(v.as_slice()),
            Array::TimestampUtc(v) => args.add(v.as_slice()),
            #[cfg(feature = "uuid")]
            Array::Uuid(v) => args.add(v.as_slice()),
            #[cfg(feature = "decimal")]
            Array::Decimal(v) => args.add(v.as_slice()),
            _ => {
                return Err(Error::Unsupported {
                    feature: "an array parameter of this element type",
                    dialect,
                });
            }
        };
        added.map_err(Error::Database)?;
    }
    Ok(args)
}

/// The arguments of a MySQL (MariaDB) statement.
#[cfg(feature = "mysql")]
pub(super) fn mysql(params: Cow<'_, [Value]>) -> Result<sqlx::mysql::MySqlArguments, Error> {
    let dialect = crate::Dialect::name(&crate::MySql);
    let mut args = sqlx::mysql::MySqlArguments::default();
    args.reserve(params.len(), encoded_size(&params));
    for value in params.iter() {
        match value {
            // sqlx sends a `DateTime<Utc>` as a TIMESTAMP, which MySQL reads as NULL outside
            // 1970 to 2038; an instant is kept as its UTC wall time in a DATETIME instead
            // (what `recto::ddl` makes its column), so it is sent as one.
            Value::TimestampUtc(at) => args.add(at.naive_utc()).map_err(Error::Database)?,
            Value::Null(Ty::TimestampUtc) => {
                args.add(None::<NaiveDateTime>).map_err(Error::Database)?;
            }
            #[cfg(feature = "uuid")]
            Value::Uuid(_) | Value::Null(Ty::Uuid) => {
                bind_uuid::<sqlx::MySql>(&mut args, value).unwrap_or(Ok(()))?;
            }
            #[cfg(feature = "json")]
            Value::Json(_) | Value::Null(Ty::Json) => {
                json::bind_text::<sqlx::MySql>(&mut args, value, dialect).unwrap_or(Ok(()))?;
            }
            #[cfg(feature = "decimal")]
            Value::Decimal(_) | Value::Null(Ty::Decimal) => {
                decimal::bind::<sqlx::MySql>(&mut args, value).unwrap_or(Ok(()))?;
            }
            _ => bind_scalar::<sqlx::MySql>(&mut args, value, dialect)
                .unwrap_or_else(|| Err(no_arrays(dialect)))?,
        }
    }
    Ok(args)
}

/// The arguments of a SQLite statement. Owned texts and blobs move into the arguments,
/// which would otherwise copy them.
#[cfg(feature = "sqlite")]
pub(super) fn sqlite(params: Cow<'_, [Value]>) -> Result<sqlx::sqlite::SqliteArguments, Error> {
    let dialect = crate::Dialect::name(&crate::Sqlite);
    let mut args = sqlx::sqlite::SqliteArguments::default();
    args.reserve(params.len(), 0);
    let scalar = |args: &mut sqlx::sqlite::SqliteArguments, value: &Value| {
        #[cfg(feature = "decimal")]
        if let Some(added) = decimal::bind_scaled(args, value, dialect) {
            return added;
        }
        #[cfg(feature = "json")]
        if let Some(added) = json::bind_text::<sqlx::Sqlite>(args, value, dialect) {
            return added;
        }
        #[cfg(feature = "uuid")]
        if let Some(added) = bind_uuid::<sqlx::Sqlite>(args, value) {
            return added;
        }
        bind_scalar::<sqlx::Sqlite>(args, value, dialect).unwrap_or_else(|| Err(no_arrays(dialect)))
    };
    match params {
        Cow::Owned(values) => {
            for value in values {
                match value {
                    Value::Text(v) => args.add(v).map_err(Error::Database)?,
                    Value::Bytes(v) => args.add(v).map_err(Error::Database)?,
                    other => scalar(&mut args, &other)?,
                }
            }
        }
        Cow::Borrowed(values) => {
            for value in values {
                scalar(&mut args, value)?;
            }
        }
    }
    Ok(args)
}

#[cfg(test)]
mod tests;
