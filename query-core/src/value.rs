//! Values that travel beside the SQL text as bound parameters, and the Rust types that
//! become them.
//!
//! A [`Value`] keeps the type it came from, even when it is NULL or an empty list, so an
//! adapter can bind it with the engine type the Rust value implies.
//!
//! Dates and timestamps are chrono's naive types ([`NaiveDate`], [`NaiveDateTime`]): a
//! calendar date, and a date with a wall-clock time and no time zone — what SQL's `DATE`
//! and `TIMESTAMP` (MySQL's `DATETIME`) hold. They are two kinds apart
//! ([`kind::CalendarDate`], [`kind::NaiveTimestamp`]), so comparing a `DATE` column with a
//! timestamp does not compile: the engines disagree on what it means (PostgreSQL and MySQL
//! widen the date to midnight, SQLite compares the two as text). A time of day without a
//! date ([`NaiveTime`], SQL's `TIME`) is a third kind ([`kind::TimeOfDay`]), and an instant
//! in UTC ([`DateTime<Utc>`], PostgreSQL's `TIMESTAMPTZ`) a fourth ([`kind::UtcTimestamp`]):
//! comparing it with a naive timestamp would depend on the session's time zone.
//!
//! JSON documents (`serde_json::Value`, the `json` feature) are a kind of their own
//! ([`kind::JsonDocument`]): comparable for equality with each other only, and never
//! ordered, since the engines store them differently (`JSONB`, text) and order them
//! differently.

mod numeric;
mod row;
mod rust_types;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

pub use self::numeric::{
    AnyNumber, Arith, Coalesced, Combine, FloatLit, Logical, MaybeNull, NotNull, Nullity, Numeric,
    Summable, Unify, UnknownNull,
};
pub use self::row::{Row, RowItems};
pub use self::rust_types::{Any, SqlType, ToList, ToValue, kind};

/// The SQL type a value or a column carries, independent of any engine's spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Ty {
    /// A boolean.
    Bool,
    /// A 16-bit integer.
    I16,
    /// A 32-bit integer.
    I32,
    /// A 64-bit integer.
    I64,
    /// A 32-bit float.
    F32,
    /// A 64-bit float.
    F64,
    /// Text.
    Text,
    /// A byte string.
    Bytes,
    /// A calendar date without a time zone (`DATE`).
    Date,
    /// A date and time of day without a time zone (`TIMESTAMP`; `DATETIME` on MySQL).
    Timestamp,
    /// A time of day without a date or a time zone (`TIME`).
    Time,
    /// An instant, in UTC (`TIMESTAMPTZ` on PostgreSQL; a UTC `DATETIME(6)` on MySQL).
    TimestampUtc,
    /// A UUID (`UUID` on PostgreSQL; its 16 bytes on MySQL and SQLite). Values of it need
    /// the `uuid` feature.
    Uuid,
    /// A JSON document (`JSONB` on PostgreSQL, `JSON` on MySQL, text on SQLite). Values of
    /// it need the `json` feature.
    Json,
    /// An exact decimal number (`NUMERIC(p, s)` on PostgreSQL, `DECIMAL(p, s)` on MySQL, the
    /// integer `value × 10^s` on SQLite). Values of it need the `decimal` feature.
    Decimal,
}

impl Ty {
    /// Every type, in declaration order: for tests and tools that go through them all.
    pub const ALL: [Ty; 15] = [
        Ty::Bool,
        Ty::I16,
        Ty::I32,
        Ty::I64,
        Ty::F32,
        Ty::F64,
        Ty::Text,
        Ty::Bytes,
        Ty::Date,
        Ty::Timestamp,
        Ty::Time,
        Ty::TimestampUtc,
        Ty::Uuid,
        Ty::Json,
        Ty::Decimal,
    ];
}

/// One value: a bound parameter or a literal written in a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Value {
    /// NULL, with the type of the Rust value it came from (`None::<i32>` is `Null(Ty::I32)`).
    Null(Ty),
    /// A boolean.
    Bool(bool),
    /// A 32-bit integer (also carries `i16`).
    I32(i32),
    /// A 64-bit integer.
    I64(i64),
    /// A 64-bit float (also carries `f32`). Every bit pattern survives serde, NaN and the
    /// infinities included (see `float.rs` for their form in JSON).
    F64(#[serde(with = "crate::float::one")] f64),
    /// Text.
    Text(String),
    /// A byte string.
    Bytes(Vec<u8>),
    /// A calendar date (`DATE`; ISO-8601 text on SQLite).
    Date(NaiveDate),
    /// A date and time of day without a time zone (`TIMESTAMP`, `DATETIME` on MySQL;
    /// ISO-8601 text on SQLite).
    Timestamp(NaiveDateTime),
    /// A time of day (`TIME`; text on SQLite, `13:05:00.250`).
    Time(NaiveTime),
    /// An instant in UTC (`TIMESTAMPTZ` on PostgreSQL, a UTC `DATETIME` on MySQL, RFC 3339
    /// text on SQLite).
    TimestampUtc(DateTime<Utc>),
    /// A UUID (`UUID` on PostgreSQL, 16 bytes on MySQL and SQLite).
    #[cfg(feature = "uuid")]
    Uuid(uuid::Uuid),
    /// A JSON document (`JSONB` on PostgreSQL, canonical text on MySQL and SQLite). JSON's
    /// own `null` is `Json(serde_json::Value::Null)`, a document; SQL's NULL is
    /// `Null(Ty::Json)`.
    #[cfg(feature = "json")]
    Json(serde_json::Value),
    /// An exact decimal number (`NUMERIC` on PostgreSQL, `DECIMAL` on MySQL). Its serde form
    /// is its text, so it survives JSON exactly, trailing zeros included.
    #[cfg(feature = "decimal")]
    Decimal(rust_decimal::Decimal),
    /// A whole list bound as one parameter: only where an engine takes arrays (PostgreSQL's
    /// `= ANY($1)` for `in ^list`).
    Array(Array),
}

impl Value {
    /// The number of digits after the point of a decimal value (`1.10` has 2); `None` for
    /// any other value.
    pub fn decimal_scale(&self) -> Option<u32> {
        match self {
            #[cfg(feature = "decimal")]
            Value::Decimal(d) => Some(d.scale()),
            _ => None,
        }
    }

    /// The type of this value.
    pub fn ty(&self) -> Ty {
        match self {
            Value::Null(ty) => *ty,
            Value::Bool(_) => Ty::Bool,
            Value::I32(_) => Ty::I32,
            Value::I64(_) => Ty::I64,
            Value::F64(_) => Ty::F64,
            Value::Text(_) => Ty::Text,
            Value::Bytes(_) => Ty::Bytes,
            Value::Date(_) => Ty::Date,
            Value::Timestamp(_) => Ty::Timestamp,
            Value::Time(_) => Ty::Time,
            Value::TimestampUtc(_) => Ty::TimestampUtc,
            #[cfg(feature = "uuid")]
            Value::Uuid(_) => Ty::Uuid,
            #[cfg(feature = "json")]
            Value::Json(_) => Ty::Json,
            #[cfg(feature = "decimal")]
            Value::Decimal(_) => Ty::Decimal,
            Value::Array(array) => array.elem_ty(),
        }
    }
}

/// A homogeneous list bound as one parameter (`x in ^list`): typed even when empty, so
/// PostgreSQL can bind it as an array of the right element type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Array {
    /// Booleans.
    Bool(Vec<bool>),
    /// 32-bit integers.
    I32(Vec<i32>),
    /// 64-bit integers.
    I64(Vec<i64>),
    /// 64-bit floats, each surviving serde exactly as [`Value::F64`] does.
    F64(#[serde(with = "crate::float::list")] Vec<f64>),
    /// Text.
    Text(Vec<String>),
    /// Dates.
    Date(Vec<NaiveDate>),
    /// Timestamps.
    Timestamp(Vec<NaiveDateTime>),
    /// Times of day.
    Time(Vec<NaiveTime>),
    /// Instants in UTC.
    TimestampUtc(Vec<DateTime<Utc>>),
    /// UUIDs.
    #[cfg(feature = "uuid")]
    Uuid(Vec<uuid::Uuid>),
    /// JSON documents.
    #[cfg(feature = "json")]
    Json(Vec<serde_json::Value>),
    /// Exact decimal numbers.
    #[cfg(feature = "decimal")]
    Decimal(Vec<rust_decimal::Decimal>),
}

impl Array {
    /// How many elements the list holds.
    pub fn len(&self) -> usize {
        match self {
            Array::Bool(v) => v.len(),
            Array::I32(v) => v.len(),
            Array::I64(v) => v.len(),
            Array::F64(v) => v.len(),
            Array::Text(v) => v.len(),
            Array::Date(v) => v.len(),
            Array::Timestamp(v) => v.len(),
            Array::Time(v) => v.len(),
            Array::TimestampUtc(v) => v.len(),
            #[cfg(feature = "uuid")]
            Array::Uuid(v) => v.len(),
            #[cfg(feature = "json")]
            Array::Json(v) => v.len(),
            #[cfg(feature = "decimal")]
            Array::Decimal(v) => v.len(),
        }
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The element at `index` as a [`Value`], for engines that bind one placeholder per
    /// element.
    pub fn get(&self, index: usize) -> Option<Value> {
        Some(match self {
            Array::Bool(v) => Value::Bool(*v.get(index)?),
            Array::I32(v) => Value::I32(*v.get(index)?),
            Array::I64(v) => Value::I64(*v.get(index)?),
            Array::F64(v) => Value::F64(*v.get(index)?),
            Array::Text(v) => Value::Text(v.get(index)?.clone()),
            Array::Date(v) => Value::Date(*v.get(index)?),
            Array::Timestamp(v) => Value::Timestamp(*v.get(index)?),
            Array::Time(v) => Value::Time(*v.get(index)?),
            Array::TimestampUtc(v) => Value::TimestampUtc(*v.get(index)?),
            #[cfg(feature = "uuid")]
            Array::Uuid(v) => Value::Uuid(*v.get(index)?),
            #[cfg(feature = "json")]
            Array::Json(v) => Value::Json(v.get(index)?.clone()),
            #[cfg(feature = "decimal")]
            Array::Decimal(v) => Value::Decimal(*v.get(index)?),
        })
    }

    /// The element type.
    pub fn elem_ty(&self) -> Ty {
        match self {
            Array::Bool(_) => Ty::Bool,
            Array::I32(_) => Ty::I32,
            Array::I64(_) => Ty::I64,
            Array::F64(_) => Ty::F64,
            Array::Text(_) => Ty::Text,
            Array::Date(_) => Ty::Date,
            Array::Timestamp(_) => Ty::Timestamp,
            Array::Time(_) => Ty::Time,
            Array::TimestampUtc(_) => Ty::TimestampUtc,
            #[cfg(feature = "uuid")]
            Array::Uuid(_) => Ty::Uuid,
            #[cfg(feature = "json")]
            Array::Json(_) => Ty::Json,
            #[cfg(feature = "decimal")]
            Array::Decimal(_) => Ty::Decimal,
        }
    }
}
