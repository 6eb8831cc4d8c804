//! The numeric scalar functions ([`Func::Abs`] to [`Func::Least`]) and `between`, one
//! typed function each: the bounds are the compile-time check of the arguments' kinds.

use super::Typed;
use super::func::{Nulled, call};
use crate::expr::{BinOp, Expr};
use crate::func::Func;
use crate::value::kind::{self, SameKind};
use crate::value::{Logical, Numeric, SqlType, Unify, Value};

/// A kind of exact decimals: what `round(x, digits)` takes.
#[diagnostic::on_unimplemented(
    message = "`round(x, digits)` takes an exact decimal, not an expression of kind `{Self}`",
    label = "not a decimal",
    note = "a float has no decimal digits to round to: `round(x)` rounds it to a whole number, and a decimal column (`rust_decimal::Decimal`) rounds to digits"
)]
pub trait ExactNumber {}

impl ExactNumber for kind::Exact {}
impl ExactNumber for kind::Untyped {}

/// The kinds `greatest` and `least` compare: every ordered kind but booleans, whose
/// engines' greatest values are not booleans everywhere.
#[diagnostic::on_unimplemented(
    message = "`greatest` and `least` compare numbers, text, bytes, dates, times and UUIDs, not `{Self}`",
    label = "not comparable here"
)]
pub trait Extremum {}

macro_rules! extremum {
    ($($k:ident),*) => {$(
        impl Extremum for kind::$k {}
    )*};
}

extremum!(
    Integral,
    Floating,
    Exact,
    UnknownNumber,
    Textual,
    Binary,
    Untyped,
    CalendarDate,
    NaiveTimestamp,
    TimeOfDay,
    UtcTimestamp,
    UniqueId
);

/// `abs(x)`.
pub fn abs<T: Numeric>(x: Typed<T>) -> Typed<T> {
    call(Func::Abs, vec![x.expr])
}

/// `ceil(x)`.
pub fn ceil<T: Numeric>(x: Typed<T>) -> Typed<T> {
    call(Func::Ceil, vec![x.expr])
}

/// `floor(x)`.
pub fn floor<T: Numeric>(x: Typed<T>) -> Typed<T> {
    call(Func::Floor, vec![x.expr])
}

/// `round(x)`: halves away from zero.
pub fn round<T: Numeric>(x: Typed<T>) -> Typed<T> {
    call(Func::Round, vec![x.expr])
}

/// `round(x, digits)` of an exact decimal: halves away from zero.
pub fn round_to<T: SqlType>(x: Typed<T>, digits: u8) -> Typed<T>
where
    T::Kind: ExactNumber,
{
    call(
        Func::Round,
        vec![x.expr, Expr::Lit(Value::I32(i32::from(digits)))],
    )
}

/// `sqrt(x)`: NULL for a negative `x`.
pub fn sqrt<T: SqlType>(x: Typed<T>) -> Typed<Option<f64>>
where
    T::Kind: SameKind<kind::Floating>,
{
    call(Func::Sqrt, vec![x.expr])
}

/// `power(x, y)`: NULL where undefined.
pub fn power<X: SqlType, Y: SqlType>(x: Typed<X>, y: Typed<Y>) -> Typed<Option<f64>>
where
    X::Kind: SameKind<kind::Floating>,
    Y::Kind: SameKind<kind::Floating>,
{
    call(Func::Power, vec![x.expr, y.expr])
}

/// `nullif(a, b)`: NULL where `a = b`, `a` otherwise (of `a`'s type).
pub fn nullif<A: SqlType, B: SqlType>(a: Typed<A>, b: Typed<B>) -> Typed<A::Nullable>
where
    B::Kind: SameKind<A::Kind>,
{
    call(Func::NullIf, vec![a.expr, b.expr])
}

/// The type of `greatest(a, b)` and `least(a, b)`: the two types unified, NULL where
/// either may be.
pub type Extreme<A, B> =
    Nulled<<<A as SqlType>::NotNull as Unify<<B as SqlType>::NotNull>>::Output, A, B>;

/// `func(a, b)`, or `a`'s call extended by `b` where `a` is a call of `func` (both
/// functions are associative).
fn chained<T>(func: Func, a: Expr, b: Expr) -> Typed<T> {
    let mut first = a;
    if let Expr::Func { func: inner, args } = &mut first
        && *inner == func
    {
        args.push(b);
        return Typed::new(first);
    }
    call(func, vec![first, b])
}

/// `greatest(a, b)`, and `greatest(a, b, c, ..)` as `greatest(greatest(a, b), c)`.
pub fn greatest<A: SqlType, B: SqlType>(a: Typed<A>, b: Typed<B>) -> Typed<Extreme<A, B>>
where
    B::Kind: SameKind<A::Kind>,
    A::Kind: Extremum,
    A::NotNull: Unify<B::NotNull>,
{
    chained(Func::Greatest, a.expr, b.expr)
}

/// `least(a, b)`, and `least(a, b, c, ..)` as `least(least(a, b), c)`.
pub fn least<A: SqlType, B: SqlType>(a: Typed<A>, b: Typed<B>) -> Typed<Extreme<A, B>>
where
    B::Kind: SameKind<A::Kind>,
    A::Kind: Extremum,
    A::NotNull: Unify<B::NotNull>,
{
    chained(Func::Least, a.expr, b.expr)
}

/// `between(x, lo, hi)`: `x >= lo && x <= hi`, which is what SQL's `BETWEEN` means; `x`
/// is written twice, so every emulation of a comparison applies to it.
pub fn between<X: SqlType, L: SqlType, H: SqlType>(
    x: Typed<X>,
    lo: Typed<L>,
    hi: Typed<H>,
) -> Typed<Logical<Logical<X, L>, Logical<X, H>>>
where
    L::Kind: SameKind<X::Kind>,
    H::Kind: SameKind<X::Kind>,
    X::Kind: kind::Ordered,
{
    let low = Expr::binary(BinOp::Ge, x.expr.clone(), lo.expr);
    let high = Expr::binary(BinOp::Le, x.expr, hi.expr);
    Typed::new(low.and(high))
}
