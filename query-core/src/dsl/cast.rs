//! `cast(x, T)`: Ecto's `type(x, :integer)` spelled with the Rust type the value decodes as
//! (`type` is a Rust keyword). Only the casts that give one answer on every engine compile
//! ([`CastsTo`]); the planner checks the same table where a type is known only at plan
//! time.

use chrono::{NaiveDate, NaiveDateTime};

use super::Typed;
use crate::expr::Expr;
use crate::value::{Any, AnyNumber, FloatLit, Nullity, SqlType, Ty};

/// A Rust type `cast(x, T)` may name: the SQL type it is cast to is [`CastTarget::TY`].
#[diagnostic::on_unimplemented(
    message = "`cast` does not know the type `{Self}`",
    label = "not a type recto casts to",
    note = "recto casts to `i16`, `i32`, `i64`, `f32`, `f64`, `String` and `NaiveDate`"
)]
pub trait CastTarget {
    /// The SQL type.
    const TY: Ty;
}

macro_rules! targets {
    ($($t:ty => $ty:ident),*) => {$(
        impl CastTarget for $t {
            const TY: Ty = Ty::$ty;
        }
    )*};
}

targets!(
    i16 => I16, i32 => I32, i64 => I64, f32 => F32, f64 => F64, String => Text,
    NaiveDate => Date
);

/// A value of type `Self` (without its NULL) cast to `T` gives the same `T` on every engine.
///
/// Left out, because the engines disagree: floats to integers (PostgreSQL rounds, SQLite
/// truncates), integers to narrower integers and text to integers narrower than `i64`
/// (PostgreSQL fails where a value does not fit, MySQL and SQLite keep it), floats and
/// timestamps to text (each engine formats them its own way), and booleans (integers in
/// MySQL and SQLite, a type of their own in PostgreSQL).
#[diagnostic::on_unimplemented(
    message = "`cast` does not turn a `{Self}` into a `{T}` the same way on every engine",
    label = "no portable cast from `{Self}` to `{T}`",
    note = "recto casts integers to wider integers, floats and text; floats to wider floats; text to `i64`, `f64` and `NaiveDate`; dates to text; timestamps to their date"
)]
pub trait CastsTo<T> {}

macro_rules! casts {
    ($($from:ty => [$($to:ty),*]),* $(,)?) => {$($(
        impl CastsTo<$to> for $from {}
    )*)*};
}

casts!(
    i16 => [i16, i32, i64, f32, f64, String],
    i32 => [i32, i64, f64, String],
    i64 => [i64, f64, String],
    f32 => [f32, f64],
    f64 => [f64],
    FloatLit => [f64],
    String => [i64, f64, String, NaiveDate],
    NaiveDate => [NaiveDate, String],
    NaiveDateTime => [NaiveDate],
    // A type known only at plan time: the planner checks it.
    Any => [i16, i32, i64, f32, f64, String, NaiveDate],
    AnyNumber => [i16, i32, i64, f32, f64, String, NaiveDate],
);

/// `cast(x, T)`: `x` as a `T`, NULL where `x` is. `cast(^x, i64)` binds `x` and casts
/// the parameter in SQL, so the engine compares and computes with a 64-bit integer.
pub fn cast<C: CastTarget, T: SqlType>(operand: Typed<T>) -> Typed<<T::Null as Nullity>::Wrap<C>>
where
    T::NotNull: CastsTo<C>,
{
    Typed::new(Expr::Cast {
        expr: Box::new(operand.into_expr()),
        ty: C::TY,
    })
}
