//! `fragment("...", args..)`: raw SQL from a string literal, typed as the program says
//! (`fragment::<i64>(...)`) or left to the planner ([`Any`]). The macro splits the literal
//! at its placeholders; these functions only assemble the parts it wrote.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::Typed;
use crate::Name;
use crate::expr::Expr;
use crate::fragment::FragmentPart;
use crate::value::{Any, SqlType, ToList, Ty};

/// A Rust type `fragment::<T>(...)` may name: the type its rows decode as, which the
/// planner knows as [`FragmentType::TY`] (`None`: only the engine knows).
#[diagnostic::on_unimplemented(
    message = "`fragment` cannot be typed as `{Self}`",
    label = "not a SQL type recto decodes",
    note = "type a fragment as a column type: `bool`, `i16`, `i32`, `i64`, `f32`, `f64`, `String`, `Vec<u8>`, the chrono date and time types, or an `Option` of one"
)]
pub trait FragmentType: SqlType {
    /// The type the planner gives the fragment.
    const TY: Option<Ty>;
}

macro_rules! fragment_types {
    ($($t:ty => $ty:ident),* $(,)?) => {$(
        impl FragmentType for $t {
            const TY: Option<Ty> = Some(Ty::$ty);
        }
    )*};
}

fragment_types!(
    bool => Bool, i16 => I16, i32 => I32, i64 => I64, f32 => F32, f64 => F64,
    String => Text, Vec<u8> => Bytes, NaiveDate => Date, NaiveDateTime => Timestamp,
    NaiveTime => Time, DateTime<Utc> => TimestampUtc,
);

#[cfg(feature = "uuid")]
fragment_types!(uuid::Uuid => Uuid);

#[cfg(feature = "decimal")]
fragment_types!(rust_decimal::Decimal => Decimal);

#[cfg(feature = "json")]
fragment_types!(serde_json::Value => Json);

impl<T: FragmentType> FragmentType for Option<T> {
    const TY: Option<Ty> = T::TY;
}

impl FragmentType for Any {
    const TY: Option<Ty> = None;
}

/// The fragment of `parts`, its placeholders filled by `args` in order.
pub fn fragment<T: FragmentType>(parts: Vec<FragmentPart>, args: Vec<Expr>) -> Typed<T> {
    Typed::new(Expr::Fragment {
        parts,
        args,
        ty: T::TY,
    })
}

/// A fragment's argument, of any type: the engine reads it in the text around it.
pub fn fragment_arg<T>(arg: Typed<T>) -> Expr {
    arg.into_expr()
}

/// `splice(^list)` in a fragment: one parameter per element.
pub fn splice<L: ToList>(list: L) -> FragmentPart {
    FragmentPart::Splice(list.to_array())
}

/// `identifier(^name)` in a fragment: a name the dialect quotes.
pub fn identifier(name: impl AsRef<str>) -> FragmentPart {
    FragmentPart::Identifier(Name::Owned(name.as_ref().to_owned()))
}

/// A piece of a fragment's literal, as the macro split it.
pub const fn fragment_sql(text: &'static str) -> FragmentPart {
    FragmentPart::sql(text)
}

/// The placeholder the next argument fills.
pub const FRAGMENT_ARG: FragmentPart = FragmentPart::Arg;

/// The fragment of `parts` without a type: only the engine knows it.
pub fn fragment_untyped(parts: Vec<FragmentPart>, args: Vec<Expr>) -> Typed<Any> {
    fragment(parts, args)
}
