//! The Rust types of numeric expressions, worked out at compile time so that a row that
//! selects `u.age + 1` or `sum(l.quantity)` decodes into the right type without an
//! annotation: what arithmetic ([`Numeric`], [`Combine`]) and `sum`/`avg` ([`Summable`])
//! give, as PostgreSQL (the strictest engine about result types) types them and as the
//! adapters make every engine decode them.
//!
//! Exact decimals (`rust_decimal::Decimal`, the `decimal` feature) combine with integers and
//! decimals into decimals, and never with floats: no [`Combine`] impl joins them. A float
//! literal written in the query is a [`FloatLit`], which takes its type from the other
//! operand (a double beside a float or an integer, a decimal beside a decimal), as the
//! planner types it too.
//!
//! A NULL operand makes a NULL result, so `Option<i32> + i64` is `Option<i64>`; a type only
//! the planner knows ([`Any`]) makes a result only the planner knows.

use super::Any;
use super::rust_types::{SqlType, kind};

/// Whether a value may be NULL: [`NotNull`] or [`MaybeNull`].
pub trait Nullity {
    /// `T` with this nullity: `T` or `Option<T>`.
    type Wrap<T>;
    /// The nullity of a result with an operand of nullity `Self` and one of `N`.
    type Or<N: Nullity>: Nullity;
}

/// A value that is never NULL.
#[derive(Debug)]
pub struct NotNull;

/// A value that may be NULL.
#[derive(Debug)]
pub struct MaybeNull;

impl Nullity for NotNull {
    type Wrap<T> = T;
    type Or<N: Nullity> = N;
}

impl Nullity for MaybeNull {
    type Wrap<T> = Option<T>;
    type Or<N: Nullity> = MaybeNull;
}

/// An expression whose type only the planner knows, so whether it may be NULL is unknown
/// too: what is computed from it is as unknown ([`Any`]).
#[derive(Debug)]
pub struct UnknownNull;

impl Nullity for UnknownNull {
    type Wrap<T> = Any;
    type Or<N: Nullity> = UnknownNull;
}

/// The type of a comparison or a logical operation on `L` and `R`: a boolean, NULL where
/// either operand may be (a `bool`, an `Option<bool>`, or unknown where an operand's type
/// is). It stays this lazy type rather than naming which: a condition only needs to know
/// that it is a boolean, and leaving the rest to the rows that select one keeps rustc's
/// work on a query's conditions small.
pub struct Logical<L, R>(std::marker::PhantomData<fn() -> (L, R)>);

impl<L: SqlType, R: SqlType> SqlType for Logical<L, R> {
    type Kind = kind::Boolean;
    type Nullable = Option<bool>;
    type NotNull = bool;
    type Null = <L::Null as Nullity>::Or<R::Null>;
}

/// A numeric [`SqlType`]: which number it is and whether it may be NULL.
#[diagnostic::on_unimplemented(
    message = "arithmetic takes numbers, not `{Self}`",
    label = "not a number",
    note = "recto checks SQL types at compile time: `+ - * / %` and `-x` take numeric fields, values and expressions"
)]
pub trait Numeric: SqlType {
    /// The number without its NULL: `i32` for `Option<i32>`.
    type Base;
    /// Whether it may be NULL.
    type Null: Nullity;
}

/// The type of `Self op R` for two non-NULL numbers, as PostgreSQL chooses it: two
/// integers give the wider one, two single-precision floats stay single, and a float with
/// anything else numeric is a double.
#[diagnostic::on_unimplemented(
    message = "`{Self}` and `{R}` cannot be combined in arithmetic",
    label = "these number types do not mix",
    note = "recto checks SQL types at compile time: integers mix with every number, floats with integers and floats, exact decimals (`Decimal`) with integers and decimals"
)]
pub trait Combine<R> {
    /// The result's type.
    type Output;
}

/// The type of `left op right`: [`Combine`] of the two numbers, NULL if either may be.
pub type Arith<L, R> =
    <<<L as Numeric>::Null as Nullity>::Or<<R as Numeric>::Null> as Nullity>::Wrap<
        <<L as Numeric>::Base as Combine<<R as Numeric>::Base>>::Output,
    >;

macro_rules! numeric {
    ($($t:ty),*) => {$(
        impl Numeric for $t {
            type Base = $t;
            type Null = NotNull;
        }
    )*};
}

numeric!(i16, i32, i64, f32, f64, Any);

impl<T: Numeric<Null = NotNull>> Numeric for Option<T> {
    type Base = T::Base;
    type Null = MaybeNull;
}

macro_rules! combine {
    ($($l:ty, $r:ty => $out:ty;)*) => {$(
        impl Combine<$r> for $l {
            type Output = $out;
        }
    )*};
}

combine! {
    i16, i16 => i16; i16, i32 => i32; i16, i64 => i64; i16, f32 => f64; i16, f64 => f64;
    i32, i16 => i32; i32, i32 => i32; i32, i64 => i64; i32, f32 => f64; i32, f64 => f64;
    i64, i16 => i64; i64, i32 => i64; i64, i64 => i64; i64, f32 => f64; i64, f64 => f64;
    f32, i16 => f64; f32, i32 => f64; f32, i64 => f64; f32, f32 => f32; f32, f64 => f64;
    f64, i16 => f64; f64, i32 => f64; f64, i64 => f64; f64, f32 => f64; f64, f64 => f64;
}

/// A number whose SQL type only the planner knows: arithmetic with a schemaless field.
/// It is still a number, so `dynamic!([u], u.age + 1)` does not compile as a condition;
/// rows that select one name its Rust type.
#[derive(Debug)]
pub struct AnyNumber;

impl SqlType for AnyNumber {
    type Kind = kind::UnknownNumber;
    type Nullable = AnyNumber;
    type NotNull = AnyNumber;
    type Null = UnknownNull;
}

numeric!(AnyNumber);

/// The type of a float literal written in the query (`1.0`, `0.06`): a double beside a
/// float or an integer, an exact decimal beside a decimal (`1.0 - l.discount` is decimal
/// arithmetic), itself beside another float literal, and a double when selected alone.
/// The planner gives the literal the same type.
#[derive(Debug)]
pub struct FloatLit;

impl SqlType for FloatLit {
    type Kind = kind::UnknownNumber;
    type Nullable = Option<FloatLit>;
    type NotNull = FloatLit;
    type Null = NotNull;
}

numeric!(FloatLit);

combine! {
    FloatLit, FloatLit => FloatLit;
    FloatLit, i16 => f64; FloatLit, i32 => f64; FloatLit, i64 => f64;
    FloatLit, f32 => f64; FloatLit, f64 => f64;
    i16, FloatLit => f64; i32, FloatLit => f64; i64, FloatLit => f64;
    f32, FloatLit => f64; f64, FloatLit => f64;
}

#[cfg(feature = "decimal")]
combine! {
    rust_decimal::Decimal, rust_decimal::Decimal => rust_decimal::Decimal;
    rust_decimal::Decimal, i16 => rust_decimal::Decimal;
    rust_decimal::Decimal, i32 => rust_decimal::Decimal;
    rust_decimal::Decimal, i64 => rust_decimal::Decimal;
    i16, rust_decimal::Decimal => rust_decimal::Decimal;
    i32, rust_decimal::Decimal => rust_decimal::Decimal;
    i64, rust_decimal::Decimal => rust_decimal::Decimal;
    rust_decimal::Decimal, FloatLit => rust_decimal::Decimal;
    FloatLit, rust_decimal::Decimal => rust_decimal::Decimal;
}

#[cfg(feature = "decimal")]
numeric!(rust_decimal::Decimal);

/// A number whose type only the planner knows, with any other: the result is as unknown.
macro_rules! with_unknown {
    ($($t:ty),*) => {$(
        impl Combine<Any> for $t {
            type Output = AnyNumber;
        }
        impl Combine<$t> for Any {
            type Output = AnyNumber;
        }
        impl Combine<AnyNumber> for $t {
            type Output = AnyNumber;
        }
        impl Combine<$t> for AnyNumber {
            type Output = AnyNumber;
        }
    )*};
}

with_unknown!(i16, i32, i64, f32, f64, FloatLit);

#[cfg(feature = "decimal")]
with_unknown!(rust_decimal::Decimal);

combine! {
    Any, Any => AnyNumber;
    Any, AnyNumber => AnyNumber;
    AnyNumber, Any => AnyNumber;
    AnyNumber, AnyNumber => AnyNumber;
}

/// A numeric [`SqlType`] that `sum` and `avg` take, with the types they give (before the
/// NULL that either gives over no rows).
#[diagnostic::on_unimplemented(
    message = "`sum` and `avg` take a number, not `{Self}`",
    label = "not a number",
    note = "recto checks SQL types at compile time: sum or average a numeric field or expression"
)]
pub trait Summable: SqlType {
    /// The type of `sum`: `i64` over integers, `f64` over floats, a decimal over decimals.
    type Sum;
    /// The type of `avg`.
    type Avg;
}

macro_rules! summable {
    ($($t:ty => $sum:ty, $avg:ty;)*) => {$(
        impl Summable for $t {
            type Sum = $sum;
            type Avg = $avg;
        }
    )*};
}

summable! {
    i16 => i64, f64;
    i32 => i64, f64;
    i64 => i64, f64;
    f32 => f64, f64;
    f64 => f64, f64;
    FloatLit => f64, f64;
    Any => AnyNumber, AnyNumber;
    AnyNumber => AnyNumber, AnyNumber;
}

// The sum of exact decimals is exact, and so is their average (to the dividend's scale
// plus 4, rounded half away from zero on every engine).
#[cfg(feature = "decimal")]
summable! {
    rust_decimal::Decimal => rust_decimal::Decimal, rust_decimal::Decimal;
}

impl<T: Summable> Summable for Option<T> {
    type Sum = T::Sum;
    type Avg = T::Avg;
}

/// The one type `coalesce` of a `Self` and an `R` (or a conditional with branches of
/// both) gives, as PostgreSQL unifies them: the same type, or of two numbers the one later
/// in `i16 -> i32 -> i64 -> f32 -> f64`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` and `{R}` have no one type",
    label = "these types do not unify",
    note = "recto checks SQL types at compile time: give `coalesce` arguments and `if` branches one type"
)]
pub trait Unify<R> {
    /// The unified type.
    type Output;
}

/// The type of `coalesce(first, .., last)`: `First` and `Last` unified, NULL only where the
/// last argument may be.
pub type Coalesced<First, Last> = <<Last as SqlType>::Null as Nullity>::Wrap<
    <<First as SqlType>::NotNull as Unify<<Last as SqlType>::NotNull>>::Output,
>;

impl<T> Unify<T> for T {
    type Output = T;
}

macro_rules! unify {
    ($($l:ty, $r:ty => $out:ty;)*) => {$(
        impl Unify<$r> for $l {
            type Output = $out;
        }
        impl Unify<$l> for $r {
            type Output = $out;
        }
    )*};
}

unify! {
    i16, i32 => i32; i16, i64 => i64; i16, f32 => f32; i16, f64 => f64;
    i32, i64 => i64; i32, f32 => f32; i32, f64 => f64;
    i64, f32 => f32; i64, f64 => f64;
    f32, f64 => f64;
    FloatLit, i16 => f64; FloatLit, i32 => f64; FloatLit, i64 => f64;
    FloatLit, f32 => f64; FloatLit, f64 => f64;
}

#[cfg(feature = "decimal")]
unify! {
    rust_decimal::Decimal, i16 => rust_decimal::Decimal;
    rust_decimal::Decimal, i32 => rust_decimal::Decimal;
    rust_decimal::Decimal, i64 => rust_decimal::Decimal;
    rust_decimal::Decimal, FloatLit => rust_decimal::Decimal;
}

/// A type only the planner knows, with any other: as unknown.
macro_rules! unify_any {
    ($($t:ty),*) => {$(
        impl Unify<Any> for $t {
            type Output = Any;
        }
        impl Unify<$t> for Any {
            type Output = Any;
        }
    )*};
}

unify_any!(
    bool,
    i16,
    i32,
    i64,
    f32,
    f64,
    String,
    Vec<u8>,
    chrono::NaiveDate,
    chrono::NaiveDateTime,
    chrono::NaiveTime,
    chrono::DateTime<chrono::Utc>,
    AnyNumber,
    FloatLit
);

#[cfg(feature = "decimal")]
unify_any!(rust_decimal::Decimal);

#[cfg(feature = "uuid")]
unify_any!(uuid::Uuid);

#[cfg(feature = "json")]
unify_any!(serde_json::Value);
