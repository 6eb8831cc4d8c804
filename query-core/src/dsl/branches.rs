//! The typed forms of conditionals and aggregate filters: `if c { a } else { b }` (SQL's
//! `CASE WHEN`) and `filter(agg, cond)`. The branches' types unify as `coalesce`'s
//! arguments do, so a `CASE` of an `i32` and an `i64` is an `i64`, and one that may be NULL
//! (a branch that may be, or an `else { nil }`) is an `Option`.

use std::marker::PhantomData;

use super::Typed;
use crate::expr::Expr;
use crate::value::kind::{self, SameKind};
use crate::value::{FloatLit, Nullity, SqlType, ToValue, Ty, Unify, Value};

/// The type of a `CASE` whose branches so far are of type `T` and which gains a branch of
/// type `U`: the two unified, NULL where either may be.
pub type Branched<T, U> =
    <<<T as SqlType>::Null as Nullity>::Or<<U as SqlType>::Null> as Nullity>::Wrap<
        <<T as SqlType>::NotNull as Unify<<U as SqlType>::NotNull>>::Output,
    >;

/// The `WHEN` branches of a conditional being built, whose values unify to `T`. The macro
/// starts it with [`case`] (or [`case_nil`]), adds each `else if` with [`Branches::when`]
/// (or [`Branches::when_nil`]) and ends it with [`Branches::otherwise`] or
/// [`Branches::otherwise_nil`].
pub struct Branches<T> {
    whens: Vec<(Expr, Expr)>,
    _ty: PhantomData<fn() -> T>,
}

/// `if cond { then }`: the first branch of a conditional. The condition is boolean.
pub fn case<C: SqlType, T: SqlType>(cond: Typed<C>, then: Typed<T>) -> Branches<T>
where
    C::Kind: SameKind<kind::Boolean>,
{
    Branches {
        whens: vec![(cond.into_expr(), then.into_expr())],
        _ty: PhantomData,
    }
}

/// A type whose NULL a `nil` branch binds: the NULL of the other branches' type, so that
/// every engine types the conditional as it would without the `nil`.
#[diagnostic::on_unimplemented(
    message = "`nil` beside `{Self}` has no SQL type",
    label = "a `nil` branch takes this branch's type, which is known only when the query is planned",
    note = "a `nil` branch is the NULL of the branch before it, or of the first one after it: give that branch a type, or write the NULL case last, as `else {{ nil }}`"
)]
pub trait NullOf {
    /// The typed NULL.
    fn null() -> Value;
}

/// The types a value binds as, each with its own NULL (`None::<i32>` binds an `INT4`).
macro_rules! null_of {
    ($($t:ty),* $(,)?) => {$(
        impl NullOf for $t {
            fn null() -> Value {
                None::<$t>.to_value()
            }
        }
    )*};
}

null_of!(
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
);

#[cfg(feature = "uuid")]
null_of!(uuid::Uuid);

#[cfg(feature = "decimal")]
null_of!(rust_decimal::Decimal);

#[cfg(feature = "json")]
null_of!(serde_json::Value);

// A float literal written in the query is a double where it decides the type alone.
impl NullOf for FloatLit {
    fn null() -> Value {
        Value::Null(Ty::F64)
    }
}

/// `if cond { nil }`: the first branch of a conditional, NULL, whose type the next branch
/// gives ([`NilBranches`]).
pub fn case_nil<C: SqlType>(cond: Typed<C>) -> NilBranches
where
    C::Kind: SameKind<kind::Boolean>,
{
    NilBranches {
        conds: vec![cond.into_expr()],
    }
}

/// The leading `nil` branches of a conditional, waiting for a branch with a type: each is
/// the NULL of that type.
pub struct NilBranches {
    conds: Vec<Expr>,
}

impl NilBranches {
    /// `else if cond { nil }`.
    pub fn when_nil<C: SqlType>(mut self, cond: Typed<C>) -> NilBranches
    where
        C::Kind: SameKind<kind::Boolean>,
    {
        self.conds.push(cond.into_expr());
        self
    }

    /// `else if cond { then }`: the first branch with a type, which the `nil`s before it
    /// take; the result may be NULL.
    pub fn when<C: SqlType, U: SqlType>(
        self,
        cond: Typed<C>,
        then: Typed<U>,
    ) -> Branches<U::Nullable>
    where
        C::Kind: SameKind<kind::Boolean>,
        U::NotNull: NullOf,
    {
        let mut whens = self.nulls::<U>();
        whens.push((cond.into_expr(), then.into_expr()));
        Branches {
            whens,
            _ty: PhantomData,
        }
    }

    /// `else { value }`: the `nil`s before it take its type; the result may be NULL.
    pub fn otherwise<U: SqlType>(self, value: Typed<U>) -> Typed<U::Nullable>
    where
        U::NotNull: NullOf,
    {
        Typed::new(Expr::Case {
            whens: self.nulls::<U>(),
            otherwise: Some(Box::new(value.into_expr())),
        })
    }

    /// The waiting branches, each the NULL of `U`'s type.
    fn nulls<U: SqlType>(self) -> Vec<(Expr, Expr)>
    where
        U::NotNull: NullOf,
    {
        let null = || Expr::Lit(<U::NotNull as NullOf>::null());
        self.conds.into_iter().map(|cond| (cond, null())).collect()
    }
}

impl<T: SqlType> Branches<T> {
    /// `else if cond { nil }`: NULL of the branches' type, so the result may be NULL.
    pub fn when_nil<C: SqlType>(mut self, cond: Typed<C>) -> Branches<T::Nullable>
    where
        C::Kind: SameKind<kind::Boolean>,
        T::NotNull: NullOf,
    {
        let null = Expr::Lit(<T::NotNull as NullOf>::null());
        self.whens.push((cond.into_expr(), null));
        Branches {
            whens: self.whens,
            _ty: PhantomData,
        }
    }

    /// `else if cond { then }`: the branch's value is of the others' kind.
    pub fn when<C: SqlType, U: SqlType>(
        mut self,
        cond: Typed<C>,
        then: Typed<U>,
    ) -> Branches<Branched<T, U>>
    where
        C::Kind: SameKind<kind::Boolean>,
        U::Kind: SameKind<T::Kind>,
        T::NotNull: Unify<U::NotNull>,
    {
        self.whens.push((cond.into_expr(), then.into_expr()));
        Branches {
            whens: self.whens,
            _ty: PhantomData,
        }
    }

    /// `else { value }`: the value when no condition is true.
    pub fn otherwise<U: SqlType>(self, value: Typed<U>) -> Typed<Branched<T, U>>
    where
        U::Kind: SameKind<T::Kind>,
        T::NotNull: Unify<U::NotNull>,
    {
        Typed::new(Expr::Case {
            whens: self.whens,
            otherwise: Some(Box::new(value.into_expr())),
        })
    }

    /// `else { nil }`: NULL when no condition is true, so the result may be NULL.
    pub fn otherwise_nil(self) -> Typed<T::Nullable> {
        Typed::new(Expr::Case {
            whens: self.whens,
            otherwise: None,
        })
    }
}

/// `filter(agg, cond)`: the aggregate over the rows where `cond` is true (a NULL condition
/// leaves the row out). Its type is the aggregate's: a filtered `count` is 0 where no row
/// passes, a filtered `sum` NULL.
///
/// `agg` is the expansion of an aggregate call (`count()`, `sum(x)`, ...): `from!` refuses
/// anything else at compile time, at the user's token. This function is the expansion's,
/// and takes an aggregate the way the other functions here take their operands; a query
/// built by hand sets [`Expr::Aggregate`]'s `filter` itself, which the planner checks.
pub fn filter<T, C: SqlType>(aggregate: Typed<T>, cond: Typed<C>) -> Typed<T>
where
    C::Kind: SameKind<kind::Boolean>,
{
    let mut aggregate = aggregate.into_expr();
    if let Expr::Aggregate { filter, .. } = &mut aggregate {
        *filter = Some(Box::new(cond.into_expr()));
    }
    Typed::new(aggregate)
}
