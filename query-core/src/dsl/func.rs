//! The scalar functions of the query language ([`Func`]), one typed function each: the
//! bounds are the compile-time check of the arguments' kinds, and the result keeps the
//! arguments' nullity (`lower(u.email)` is an `Option<String>` where `email` is one).

use super::Typed;
use crate::expr::Expr;
use crate::func::Func;
use crate::value::kind::{self, SameKind};
use crate::value::{Nullity, SqlType};

/// `Out`, NULL where `A` or `B` may be: the result of a function of `A` and `B` that is
/// NULL exactly when an argument is.
pub type Nulled<Out, A, B> =
    <<<A as SqlType>::Null as Nullity>::Or<<B as SqlType>::Null> as Nullity>::Wrap<Out>;

/// A kind of whole numbers: what positions and lengths are.
#[diagnostic::on_unimplemented(
    message = "expected a whole number, found an expression of kind `{Self}`",
    label = "not an integer",
    note = "positions and lengths are integers (`i16`, `i32`, `i64`)"
)]
pub trait WholeNumber {}

impl WholeNumber for kind::Integral {}
impl WholeNumber for kind::Untyped {}

/// The call of `func` on `args`.
pub(super) fn call<T>(func: Func, args: Vec<Expr>) -> Typed<T> {
    Typed::new(Expr::Func { func, args })
}

/// `lower(s)`: `s` in lower case (ASCII letters only on SQLite, see [`Func::Lower`]).
pub fn lower<T: SqlType>(s: Typed<T>) -> Typed<T>
where
    T::Kind: SameKind<kind::Textual>,
{
    call(Func::Lower, vec![s.expr])
}

/// `upper(s)`: `s` in upper case (ASCII letters only on SQLite, see [`Func::Upper`]).
pub fn upper<T: SqlType>(s: Typed<T>) -> Typed<T>
where
    T::Kind: SameKind<kind::Textual>,
{
    call(Func::Upper, vec![s.expr])
}

/// `length(s)`: the number of characters of `s`.
pub fn length<T: SqlType>(s: Typed<T>) -> Typed<<T::Null as Nullity>::Wrap<i32>>
where
    T::Kind: SameKind<kind::Textual>,
{
    call(Func::Length, vec![s.expr])
}

/// `trim(s)`: `s` without leading and trailing spaces.
pub fn trim<T: SqlType>(s: Typed<T>) -> Typed<T>
where
    T::Kind: SameKind<kind::Textual>,
{
    call(Func::Trim, vec![s.expr])
}

/// `ltrim(s)`: `s` without leading spaces.
pub fn ltrim<T: SqlType>(s: Typed<T>) -> Typed<T>
where
    T::Kind: SameKind<kind::Textual>,
{
    call(Func::Ltrim, vec![s.expr])
}

/// `rtrim(s)`: `s` without trailing spaces.
pub fn rtrim<T: SqlType>(s: Typed<T>) -> Typed<T>
where
    T::Kind: SameKind<kind::Textual>,
{
    call(Func::Rtrim, vec![s.expr])
}

/// `substring(s, start)`: the characters of `s` from the 1-based position `start` on.
pub fn substring_from<T: SqlType, S: SqlType>(
    s: Typed<T>,
    start: Typed<S>,
) -> Typed<Nulled<String, T, S>>
where
    T::Kind: SameKind<kind::Textual>,
    S::Kind: WholeNumber,
{
    call(Func::Substring, vec![s.expr, start.expr])
}

/// `substring(s, start, len)`: the characters of `s` at the 1-based positions `start ..
/// start + len` (see [`Func::Substring`]).
pub fn substring<T: SqlType, S: SqlType, L: SqlType>(
    s: Typed<T>,
    start: Typed<S>,
    len: Typed<L>,
) -> Typed<Nulled<String, Nulled<String, T, S>, L>>
where
    T::Kind: SameKind<kind::Textual>,
    S::Kind: WholeNumber,
    L::Kind: WholeNumber,
    Nulled<String, T, S>: SqlType,
{
    call(Func::Substring, vec![s.expr, start.expr, len.expr])
}

/// `concat(a, b)`, and `concat(a, b, c, ..)` as `concat(concat(a, b), c)`: the texts one
/// after the other, NULL if any is. A call whose first argument is a `concat` extends it,
/// which means the same (`||` is associative).
pub fn concat<A: SqlType, B: SqlType>(a: Typed<A>, b: Typed<B>) -> Typed<Nulled<String, A, B>>
where
    A::Kind: SameKind<kind::Textual>,
    B::Kind: SameKind<kind::Textual>,
{
    let mut first = a.expr;
    if let Expr::Func {
        func: Func::Concat,
        args,
    } = &mut first
    {
        args.push(b.expr);
        return Typed::new(first);
    }
    call(Func::Concat, vec![first, b.expr])
}

/// `replace(s, from, to)`: every `from` in `s` replaced by `to`.
pub fn replace<T: SqlType, F: SqlType, R: SqlType>(
    s: Typed<T>,
    from: Typed<F>,
    to: Typed<R>,
) -> Typed<Nulled<String, Nulled<String, T, F>, R>>
where
    T::Kind: SameKind<kind::Textual>,
    F::Kind: SameKind<kind::Textual>,
    R::Kind: SameKind<kind::Textual>,
    Nulled<String, T, F>: SqlType,
{
    call(Func::Replace, vec![s.expr, from.expr, to.expr])
}

/// `position(s, sub)`: the 1-based position of the first `sub` in `s`, 0 if none.
pub fn position<T: SqlType, S: SqlType>(s: Typed<T>, sub: Typed<S>) -> Typed<Nulled<i32, T, S>>
where
    T::Kind: SameKind<kind::Textual>,
    S::Kind: SameKind<kind::Textual>,
{
    call(Func::Position, vec![s.expr, sub.expr])
}
