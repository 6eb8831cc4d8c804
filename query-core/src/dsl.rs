//! The functions `from!` and `dynamic!` expand into. Not for direct use: the names and
//! signatures may change with the macros.
//!
//! Each DSL expression becomes a [`Typed<T>`]: the expression plus the Rust type its SQL
//! value has, so rustc checks comparisons (`u.age == "x"` fails to compile) through the
//! [`SameKind`] bounds below. Fields of bindings whose schema is not known at compile time
//! are [`Any`] and checked by the planner.
//!
//! rustc's time on a crate of queries grows with the size of what the macros expand to, so
//! the functions are shaped for short expansions: one function per operator (no operator
//! argument), field positions as plain `usize`s, and the enum variants the expansions name
//! re-exported here (`dsl::Asc`, `dsl::Inner`), all of which expansions name through one
//! glob import of [`short`] per query.

mod branches;
mod cast;
mod dates;
mod fragment;
mod func;
#[cfg(feature = "json")]
mod json;
mod math;
mod nesting;
mod ops;
mod select;
pub mod short;

use std::marker::PhantomData;

pub use self::branches::*;
pub use self::cast::*;
pub use self::dates::*;
pub use self::fragment::*;
pub use self::func::*;
#[cfg(feature = "json")]
pub use self::json::*;
pub use self::math::*;
pub use self::nesting::*;
pub use self::ops::*;
pub use self::select::*;
use crate::Name;
pub use crate::builder::join::JoinKind::{
    Cross, Full, Inner, InnerLateral, Left, LeftLateral, Right,
};
pub use crate::builder::order_by::Direction::{
    Asc, AscNullsFirst, AscNullsLast, Desc, DescNullsFirst, DescNullsLast,
};
use crate::builder::order_by::{Direction, OrderTerm};
use crate::dynamic::Dynamic;
use crate::expr::{AggFunc, BindingRef, Expr};
use crate::query::{Query, Queryable};
use crate::schema::{BindingAt, Column};
use crate::template::{Arg, ListArg};
pub use crate::template::{comparing_template, template, template_on, template_on_select};
use crate::value::kind::{self, SameKind};
use crate::value::{
    Any, Coalesced, FloatLit, Logical, SqlType, Summable, ToList, ToValue, Unify, Value,
};

/// An expression with the Rust type of its SQL value.
pub struct Typed<T> {
    expr: Expr,
    _ty: PhantomData<fn() -> T>,
}

impl<T> Typed<T> {
    pub(crate) fn new(expr: Expr) -> Self {
        Typed {
            expr,
            _ty: PhantomData,
        }
    }

    /// The expression.
    pub fn into_expr(self) -> Expr {
        self.expr
    }
}

/// The query of a `from!` source expression.
pub fn source<Q: Queryable>(source: Q) -> Query<Q::Schema, Q::Row> {
    source.into_query()
}

/// The query of a `from!` source whose rows a `select_merge:` merges into.
pub fn mergeable<S, R: crate::row::Mergeable>(query: Query<S, R>) -> Query<S, R> {
    query
}

/// The typed field accessors of binding `I` of a query.
pub fn fields<const I: usize, S: BindingAt<I>, R>(_query: &Query<S, R>) -> S::Fields {
    S::FIELDS
}

/// `u.field` on a binding whose schema is known.
pub fn field<T>(binding: BindingRef, column: Column<T>) -> Typed<T> {
    Typed::new(Expr::Field {
        binding,
        name: Name::Borrowed(column.name()),
        hint: column.hint(),
    })
}

/// `u.field` on binding number `binding` whose schema is known: [`field`] with the
/// reference the expansions write most, as a plain number.
pub fn col<T>(binding: usize, column: Column<T>) -> Typed<T> {
    field(BindingRef::Index(binding), column)
}

/// `o.field` on a binding this `from!` left-joins: NULL where the join found no row.
pub fn nullable<T: SqlType>(field: Typed<T>) -> Typed<T::Nullable> {
    Typed::new(field.expr)
}

/// `u["field"]`, or `u.field` on a binding whose schema is known only at plan time.
pub fn field_by_name(binding: BindingRef, name: impl Into<Name>) -> Typed<Any> {
    Typed::new(Expr::field(binding, name))
}

/// A literal written in the query.
pub fn lit<V: ToValue>(value: V) -> Typed<V::Sql> {
    Typed::new(Expr::Lit(value.to_value()))
}

/// A float literal written in the query without a suffix (`0.06`): typed [`FloatLit`], so
/// that it is an exact decimal beside a decimal and a double elsewhere (the planner types
/// the literal the same way).
pub fn float_lit(value: f64) -> Typed<FloatLit> {
    Typed::new(Expr::Lit(Value::F64(value)))
}

/// What `^x` accepts: a value to bind, or a [`Dynamic`] to splice.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be bound with `^` as a query parameter",
    label = "not a SQL value",
    note = "`^` takes a `bool`, an integer, a float, a `String` or `&str`, a `Vec<u8>`, a chrono `NaiveDate`, `NaiveDateTime`, `NaiveTime` or `DateTime<Utc>`, a `uuid::Uuid`, a `serde_json::Value`, a `rust_decimal::Decimal`, an `Option` of one of these, or a `Dynamic`"
)]
pub trait Pin {
    /// The SQL type, for compile-time checks.
    type Sql: SqlType;
    /// The expression.
    fn into_pinned(self) -> Expr;
    /// The argument of a call site's build function.
    fn into_arg(self) -> Arg<Self::Sql>;
}

impl<V: ToValue> Pin for V {
    type Sql = V::Sql;
    fn into_pinned(self) -> Expr {
        Expr::Param(self.to_value())
    }
    fn into_arg(self) -> Arg<V::Sql> {
        Arg::value(self.to_value())
    }
}

impl Pin for Dynamic {
    type Sql = bool;
    fn into_pinned(self) -> Expr {
        self.into_expr()
    }
    fn into_arg(self) -> Arg<bool> {
        Arg::expr(self.into_expr())
    }
}

impl Pin for &Dynamic {
    type Sql = bool;
    fn into_pinned(self) -> Expr {
        self.expr().clone()
    }
    fn into_arg(self) -> Arg<bool> {
        Arg::expr(self.expr().clone())
    }
}

/// `^x`.
pub fn pin<P: Pin>(value: P) -> Typed<P::Sql> {
    Typed::new(value.into_pinned())
}

/// `^x` where `from!` evaluates it: the argument its call site's build function pins.
pub fn arg<P: Pin>(value: P) -> Arg<P::Sql> {
    value.into_arg()
}

/// The list of `x in ^list` where `from!` evaluates it: the argument its call site's build
/// function pins.
pub fn list_arg<L: ToList>(list: L) -> ListArg<L::Elem> {
    ListArg::new(list.to_array())
}

impl<T: SqlType> Pin for Arg<T> {
    type Sql = T;
    fn into_pinned(self) -> Expr {
        self.into_expr()
    }
    fn into_arg(self) -> Arg<T> {
        self
    }
}

/// One element of `x in [a, b]`, checked against `x`.
pub fn elem<L: SqlType, R: SqlType>(_of: &Typed<L>, element: Typed<R>) -> Expr
where
    R::Kind: SameKind<L::Kind>,
{
    element.expr
}

/// `x in [a, b]`.
///
/// NULL where the operand is (and, as in SQL, where no element matches but one is NULL,
/// which the type does not record: such a row fails to decode into a `bool`).
pub fn in_list<T: SqlType>(operand: Typed<T>, list: Vec<Expr>) -> Typed<Logical<T, T>> {
    Typed::new(Expr::InList {
        expr: Box::new(operand.expr),
        list,
    })
}

/// `x in ^list`.
pub fn in_param<T: SqlType, L: ToList>(operand: Typed<T>, list: L) -> Typed<Logical<T, T>>
where
    <L::Elem as SqlType>::Kind: SameKind<T::Kind>,
{
    Typed::new(Expr::InParam {
        expr: Box::new(operand.expr),
        list: list.to_array(),
    })
}

/// `is_nil(x)`.
pub fn is_nil<T>(operand: Typed<T>) -> Typed<bool> {
    Typed::new(Expr::IsNil(Box::new(operand.expr)))
}

/// `like(x, pattern)` and `ilike(x, pattern)`.
pub fn like<L: SqlType, R: SqlType>(
    operand: Typed<L>,
    pattern: Typed<R>,
    case_insensitive: bool,
) -> Typed<Logical<L, R>>
where
    L::Kind: SameKind<kind::Textual>,
    R::Kind: SameKind<kind::Textual>,
{
    Typed::new(Expr::Like {
        expr: Box::new(operand.expr),
        pattern: Box::new(pattern.expr),
        case_insensitive,
    })
}

/// `count()`.
pub fn count_all() -> Typed<i64> {
    Typed::new(Expr::Aggregate {
        func: AggFunc::Count,
        arg: None,
        distinct: false,
        filter: None,
    })
}

/// `count(x)` and `count(x, distinct)`.
pub fn count<T>(operand: Typed<T>, distinct: bool) -> Typed<i64> {
    Typed::new(Expr::Aggregate {
        func: AggFunc::Count,
        arg: Some(Box::new(operand.expr)),
        distinct,
        filter: None,
    })
}

/// `sum(x)`: NULL over no rows. On every engine it decodes as an `i64` over integers and as
/// an `f64` over floats (the adapters cast where an engine's own type differs).
pub fn sum<T: Summable>(operand: Typed<T>) -> Typed<Option<T::Sum>> {
    aggregate(AggFunc::Sum, operand)
}

/// `avg(x)`: NULL over no rows; an `f64` on every engine.
pub fn avg<T: Summable>(operand: Typed<T>) -> Typed<Option<T::Avg>> {
    aggregate(AggFunc::Avg, operand)
}

/// `min(x)`: any type, NULL over no rows.
pub fn min<T: SqlType>(operand: Typed<T>) -> Typed<T::Nullable> {
    aggregate(AggFunc::Min, operand)
}

/// `max(x)`: any type, NULL over no rows.
pub fn max<T: SqlType>(operand: Typed<T>) -> Typed<T::Nullable> {
    aggregate(AggFunc::Max, operand)
}

fn aggregate<T, U>(func: AggFunc, operand: Typed<T>) -> Typed<U> {
    Typed::new(Expr::Aggregate {
        func,
        arg: Some(Box::new(operand.expr)),
        distinct: false,
        filter: None,
    })
}

/// `coalesce(first, middle.., last)`: every argument of the first one's kind. Its type is
/// the first's and the last's unified (the middle ones' are not looked at), NULL only where
/// the last argument may be (`coalesce(u.email, "none")` is a `String`).
pub fn coalesce<T: SqlType, L: SqlType>(
    first: Typed<T>,
    middle: Vec<Expr>,
    last: Typed<L>,
) -> Typed<Coalesced<T, L>>
where
    L::Kind: SameKind<T::Kind>,
    T::NotNull: Unify<L::NotNull>,
{
    let mut args = Vec::with_capacity(2 + middle.len());
    args.push(first.expr);
    args.extend(middle);
    args.push(last.expr);
    Typed::new(Expr::Coalesce(args))
}

/// A `where:`/`having:`/`on:` condition: boolean.
pub fn condition<T: SqlType>(condition: Typed<T>) -> Expr
where
    T::Kind: SameKind<kind::Boolean>,
{
    condition.expr
}

/// The condition of a `cross_join:`, which has none ([`Join::CROSS_ON`](crate::Join::CROSS_ON)).
pub fn no_condition() -> Expr {
    crate::builder::join::Join::CROSS_ON
}

/// A `limit:`/`offset:` count: a number that mixes with integers (the planner requires an
/// integer where the type is known only then).
pub fn count_value<T: SqlType>(count: Typed<T>) -> Expr
where
    T::Kind: SameKind<kind::Integral>,
{
    count.expr
}

/// Any expression, untyped (select items, group_by terms).
pub fn expr<T>(value: Typed<T>) -> Expr {
    value.expr
}

/// An `order_by:` term.
pub fn order<T>(direction: Direction, key: Typed<T>) -> OrderTerm {
    OrderTerm {
        direction,
        expr: key.expr,
    }
}

/// A list written in the query (`group_by:` and `order_by:` terms), without the `vec!`
/// macro for rustc to expand.
pub fn list<T, const N: usize>(items: [T; N]) -> Vec<T> {
    Vec::from(items)
}
