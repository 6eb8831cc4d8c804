//! The Rust types that have a SQL counterpart ([`SqlType`]), their comparison classes
//! ([`kind`]), and how a Rust value or list becomes a bound [`Value`] ([`ToValue`],
//! [`ToList`]). The values themselves are in the parent module.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::numeric::{MaybeNull, NotNull, Nullity, UnknownNull};
use super::{Array, Ty, Value};

/// A Rust type that has a SQL counterpart; `Kind` groups the types that SQL lets you compare
/// with each other (integers are [`kind::Integral`], floats [`kind::Floating`], decimals
/// [`kind::Exact`]).
pub trait SqlType {
    /// The comparison class of this type.
    type Kind;
    /// The type that may also be NULL: `Option<Self>`, or `Self` where it already may be
    /// (an `Option`, or a type known only at plan time).
    type Nullable;
    /// The type without its NULL: `T` for `Option<T>`.
    type NotNull;
    /// Whether a value of it may be NULL, which an operation on it passes on (`a == b` is
    /// NULL where `a` is).
    type Null: Nullity;
}

/// The comparison classes of [`SqlType`]: two expressions may be compared when their kinds
/// agree, or when one side's type is only known when the query is planned ([`kind::Untyped`]).
///
/// rustc names a kind in its type-mismatch message by its bare name only while no other
/// crate in the build has a public item of that name, so each name is chosen to be unique
/// among recto's dependencies (chrono has a `Numeric` and a `Date`, sqlx a `Text`).
pub mod kind {
    /// Integers: comparable and combinable with every number.
    #[derive(Debug)]
    pub struct Integral;
    /// Floats: comparable and combinable with integers and floats, never with exact
    /// decimals ([`Exact`]), since the engines would compare them as doubles and lose the
    /// exactness a decimal column is for.
    #[derive(Debug)]
    pub struct Floating;
    /// Exact decimals (`rust_decimal::Decimal`): comparable and combinable with integers and
    /// decimals, never with floats ([`Floating`]).
    #[derive(Debug)]
    pub struct Exact;
    /// A number whose type only the planner knows (arithmetic on a schemaless field) or
    /// that takes its type from the other operand (a float literal written in the query):
    /// comparable and combinable with every number.
    #[derive(Debug)]
    pub struct UnknownNumber;
    /// Text.
    #[derive(Debug)]
    pub struct Textual;
    /// Booleans.
    #[derive(Debug)]
    pub struct Boolean;
    /// Byte strings.
    #[derive(Debug)]
    pub struct Binary;
    /// Calendar dates (`DATE`). Not comparable with [`NaiveTimestamp`]: the engines disagree
    /// on what that comparison means.
    #[derive(Debug)]
    pub struct CalendarDate;
    /// Dates with a time of day and no time zone (`TIMESTAMP`). Not comparable with
    /// [`CalendarDate`].
    #[derive(Debug)]
    pub struct NaiveTimestamp;
    /// Times of day without a date (`TIME`). Not comparable with [`NaiveTimestamp`] or
    /// [`CalendarDate`].
    #[derive(Debug)]
    pub struct TimeOfDay;
    /// Instants in UTC (`TIMESTAMPTZ`). Not comparable with [`NaiveTimestamp`]: what a
    /// naive timestamp means as an instant depends on a time zone.
    #[derive(Debug)]
    pub struct UtcTimestamp;
    /// UUIDs. Not comparable with text or bytes: each engine stores them its own way.
    #[derive(Debug)]
    pub struct UniqueId;
    /// JSON documents. Not comparable with text (PostgreSQL stores them as `JSONB`), and
    /// not [`Ordered`]: the engines order documents differently, or not at all.
    #[derive(Debug)]
    pub struct JsonDocument;
    /// A type known only at plan time: a schemaless field or a named binding's field.
    #[derive(Debug)]
    pub struct Untyped;
    /// Row values `(a, b)`, whose items have the kinds of the tuple `K`: two rows compare
    /// when they are as long and each pair of items does, and are ordered when every item
    /// is (the impls are in `value/row.rs`).
    #[derive(Debug)]
    pub struct RowOf<K>(std::marker::PhantomData<fn() -> K>);

    /// `Self` and `K` may be compared, combined or unified.
    #[diagnostic::on_unimplemented(
        message = "SQL type mismatch: an expression of kind `{Self}` cannot be used where one of kind `{K}` is expected",
        label = "expected an expression of kind `{K}` here",
        note = "recto checks SQL types at compile time: compare fields with values of a matching Rust type"
    )]
    pub trait SameKind<K> {}

    macro_rules! same_kind {
        ($($k:ident),*) => {$(
            impl SameKind<$k> for $k {}
            impl SameKind<Untyped> for $k {}
            impl SameKind<$k> for Untyped {}
        )*};
    }
    same_kind!(
        Integral,
        Floating,
        Exact,
        UnknownNumber,
        Textual,
        Boolean,
        Binary
    );

    /// Two different number kinds that mix, both ways.
    macro_rules! numbers_mix {
        ($($a:ident ~ $b:ident),*) => {$(
            impl SameKind<$b> for $a {}
            impl SameKind<$a> for $b {}
        )*};
    }
    numbers_mix!(
        Integral ~ Floating,
        Integral ~ Exact,
        UnknownNumber ~ Integral,
        UnknownNumber ~ Floating,
        UnknownNumber ~ Exact
    );
    same_kind!(
        CalendarDate,
        NaiveTimestamp,
        TimeOfDay,
        UtcTimestamp,
        UniqueId
    );
    same_kind!(JsonDocument);
    impl SameKind<Untyped> for Untyped {}

    /// Values of this kind have one order on every engine, so `<`, `<=`, `>` and `>=`
    /// apply to them. A type known only at plan time is checked by the planner.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` values cannot be compared with `<`, `<=`, `>` or `>=`",
        label = "not ordered",
        note = "the engines order JSON documents differently (PostgreSQL by its own jsonb order, MySQL and SQLite as text): compare them with `==` or `!=`"
    )]
    pub trait Ordered {}

    macro_rules! ordered {
        ($($k:ident),*) => {$(
            impl Ordered for $k {}
        )*};
    }
    ordered!(
        Integral,
        Floating,
        Exact,
        UnknownNumber,
        Textual,
        Boolean,
        Binary,
        Untyped
    );
    ordered!(
        CalendarDate,
        NaiveTimestamp,
        TimeOfDay,
        UtcTimestamp,
        UniqueId
    );
}

/// A Rust value that binds as a parameter: `^value` in a query.
pub trait ToValue {
    /// The SQL type the value has, for compile-time checks.
    type Sql: SqlType;
    /// The value, ready to bind.
    fn to_value(self) -> Value;
}

/// A Rust list that binds as one list parameter: `x in ^list`.
pub trait ToList {
    /// The SQL type of one element, for compile-time checks.
    type Elem: SqlType;
    /// The list, ready to bind.
    fn to_array(self) -> Array;
}

macro_rules! scalar {
    ($($t:ty => $kind:ident, $ty:ident $(as $sql:ty)?, |$v:ident| $value:expr;)*) => {$(
        impl SqlType for $t {
            type Kind = kind::$kind;
            type Nullable = Option<$t>;
            type NotNull = $t;
            type Null = NotNull;
        }
        impl ToValue for $t {
            type Sql = scalar!(@sql $t $(, $sql)?);
            fn to_value(self) -> Value {
                let $v = self;
                $value
            }
        }
        impl ToValue for &$t {
            type Sql = scalar!(@sql $t $(, $sql)?);
            fn to_value(self) -> Value {
                self.clone().to_value()
            }
        }
        impl ToValue for Option<$t> {
            type Sql = Option<scalar!(@sql $t $(, $sql)?)>;
            fn to_value(self) -> Value {
                match self {
                    Some(v) => v.to_value(),
                    None => Value::Null(Ty::$ty),
                }
            }
        }
        impl ToValue for &Option<$t> {
            type Sql = Option<scalar!(@sql $t $(, $sql)?)>;
            fn to_value(self) -> Value {
                self.clone().to_value()
            }
        }
    )*};
    // The type a value binds as, which is what selecting it decodes into: its own, or a
    // wider one (an `i16` binds as an `INT4`, an `f32` as a double).
    (@sql $t:ty) => { $t };
    (@sql $t:ty, $sql:ty) => { $sql };
}

scalar! {
    bool => Boolean, Bool, |v| Value::Bool(v);
    i16 => Integral, I16 as i32, |v| Value::I32(i32::from(v));
    i32 => Integral, I32, |v| Value::I32(v);
    i64 => Integral, I64, |v| Value::I64(v);
    f32 => Floating, F32 as f64, |v| Value::F64(f64::from(v));
    f64 => Floating, F64, |v| Value::F64(v);
    String => Textual, Text, |v| Value::Text(v);
    Vec<u8> => Binary, Bytes, |v| Value::Bytes(v);
    NaiveDate => CalendarDate, Date, |v| Value::Date(v);
    NaiveDateTime => NaiveTimestamp, Timestamp, |v| Value::Timestamp(v);
    NaiveTime => TimeOfDay, Time, |v| Value::Time(v);
    DateTime<Utc> => UtcTimestamp, TimestampUtc, |v| Value::TimestampUtc(v);
}

#[cfg(feature = "uuid")]
scalar! {
    uuid::Uuid => UniqueId, Uuid, |v| Value::Uuid(v);
}

#[cfg(feature = "decimal")]
scalar! {
    rust_decimal::Decimal => Exact, Decimal, |v| Value::Decimal(v);
}

// A document is bound whole; `serde_json::Value::Null` is JSON's `null`, a document, and
// `None` is SQL's NULL.
#[cfg(feature = "json")]
scalar! {
    serde_json::Value => JsonDocument, Json, |v| Value::Json(v);
}

impl<T: SqlType> SqlType for Option<T> {
    type Kind = T::Kind;
    type Nullable = Option<T>;
    type NotNull = T;
    type Null = MaybeNull;
}

impl SqlType for &str {
    type Kind = kind::Textual;
    type Nullable = Option<String>;
    type NotNull = String;
    type Null = NotNull;
}

impl ToValue for &str {
    type Sql = String;
    fn to_value(self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl ToValue for Option<&str> {
    type Sql = Option<String>;
    fn to_value(self) -> Value {
        match self {
            Some(v) => Value::Text(v.to_owned()),
            None => Value::Null(Ty::Text),
        }
    }
}

impl ToValue for Value {
    type Sql = Any;
    fn to_value(self) -> Value {
        self
    }
}

/// A list already converted binds as itself, its element type checked by the planner (as
/// a [`Value`] pin is).
impl ToList for Array {
    type Elem = Any;
    fn to_array(self) -> Array {
        self
    }
}

/// The SQL type of an expression whose type is known only when the query is planned.
#[derive(Debug)]
pub struct Any;

impl SqlType for Any {
    type Kind = kind::Untyped;
    type Nullable = Any;
    type NotNull = Any;
    type Null = UnknownNull;
}

macro_rules! list {
    ($($t:ty => $variant:ident, |$v:ident| $conv:expr;)*) => {$(
        impl ToList for Vec<$t> {
            type Elem = $t;
            fn to_array(self) -> Array {
                let $v = self;
                Array::$variant($conv)
            }
        }
        impl ToList for &Vec<$t> {
            type Elem = $t;
            fn to_array(self) -> Array {
                self.as_slice().to_array()
            }
        }
        impl ToList for &[$t] {
            type Elem = $t;
            fn to_array(self) -> Array {
                self.to_vec().to_array()
            }
        }
        impl<const N: usize> ToList for [$t; N] {
            type Elem = $t;
            fn to_array(self) -> Array {
                self.to_vec().to_array()
            }
        }
    )*};
}

list! {
    bool => Bool, |v| v;
    i16 => I32, |v| v.into_iter().map(i32::from).collect();
    i32 => I32, |v| v;
    i64 => I64, |v| v;
    f64 => F64, |v| v;
    String => Text, |v| v;
    NaiveDate => Date, |v| v;
    NaiveDateTime => Timestamp, |v| v;
    NaiveTime => Time, |v| v;
    DateTime<Utc> => TimestampUtc, |v| v;
}

#[cfg(feature = "uuid")]
list! {
    uuid::Uuid => Uuid, |v| v;
}

#[cfg(feature = "decimal")]
list! {
    rust_decimal::Decimal => Decimal, |v| v;
}

#[cfg(feature = "json")]
list! {
    serde_json::Value => Json, |v| v;
}

impl ToList for Vec<&str> {
    type Elem = String;
    fn to_array(self) -> Array {
        Array::Text(self.into_iter().map(str::to_owned).collect())
    }
}

impl ToList for &[&str] {
    type Elem = String;
    fn to_array(self) -> Array {
        Array::Text(self.iter().map(|s| (*s).to_owned()).collect())
    }
}

impl<const N: usize> ToList for [&str; N] {
    type Elem = String;
    fn to_array(self) -> Array {
        Array::Text(self.iter().map(|s| (*s).to_owned()).collect())
    }
}
