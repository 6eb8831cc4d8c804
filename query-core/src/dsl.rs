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

mod ops;
pub mod short;

use std::marker::PhantomData;

pub use self::ops::*;
use crate::Name;
pub use crate::builder::join::JoinKind::{Inner, Left};
pub use crate::builder::order_by::Direction::{
    Asc, AscNullsFirst, AscNullsLast, Desc, DescNullsFirst, DescNullsLast,
};
use crate::builder::order_by::{Direction, OrderTerm};
use crate::builder::select::{Select, Selected};
use crate::dynamic::Dynamic;
use crate::expr::{AggFunc, BindingRef, Expr};
use crate::query::{Query, Queryable};
use crate::schema::{BindingAt, Column};
use crate::template::{Arg, ListArg};
pub use crate::template::{comparing_template, template, template_on};
use crate::value::kind::{self, SameKind};
use crate::value::{Any, SqlType, ToList, ToValue};

/// An expression with the Rust type of its SQL value.
pub struct Typed<T> {
    expr: Expr,
    _ty: PhantomData<fn() -> T>,
}

impl<T> Typed<T> {
    fn new(expr: Expr) -> Self {
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
pub fn source<Q: Queryable>(source: Q) -> Query<Q::Schema> {
    source.into_query()
}

/// The typed field accessors of binding `I` of a query.
pub fn fields<const I: usize, S: BindingAt<I>>(_query: &Query<S>) -> S::Fields {
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

/// `u["field"]`, or `u.field` on a binding whose schema is known only at plan time.
pub fn field_by_name(binding: BindingRef, name: impl Into<Name>) -> Typed<Any> {
    Typed::new(Expr::field(binding, name))
}

/// A literal written in the query.
pub fn lit<V: ToValue>(value: V) -> Typed<V::Sql> {
    Typed::new(Expr::Lit(value.to_value()))
}

/// What `^x` accepts: a value to bind, or a [`Dynamic`] to splice.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be bound with `^` as a query parameter",
    label = "not a SQL value",
    note = "`^` takes a `bool`, an integer, a float, a `String` or `&str`, a `Vec<u8>`, a chrono `NaiveDate`, `NaiveDateTime`, `NaiveTime` or `DateTime<Utc>`, a `uuid::Uuid`, a `serde_json::Value`, an `Option` of one of these, or a `Dynamic`"
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

/// The compile-time type of arithmetic (`a + b`, `-a`): a number, whatever its operands'
/// types. An operand may be untyped (a schemaless or `dynamic!` field), but the result of
/// arithmetic is a number in every case, so `dynamic!([u], u.age + 1)` fails to compile as
/// a condition just as `where: u.age + 1` does. Its exact SQL type is the planner's
/// business (`Exprs::ty`).
#[derive(Debug)]
pub struct Number;

impl SqlType for Number {
    type Kind = kind::Numerical;
}

/// One element of `x in [a, b]`, checked against `x`.
pub fn elem<L: SqlType, R: SqlType>(_of: &Typed<L>, element: Typed<R>) -> Expr
where
    R::Kind: SameKind<L::Kind>,
{
    element.expr
}

/// `x in [a, b]`.
pub fn in_list<T>(operand: Typed<T>, list: Vec<Expr>) -> Typed<bool> {
    Typed::new(Expr::InList {
        expr: Box::new(operand.expr),
        list,
    })
}

/// `x in ^list`.
pub fn in_param<T: SqlType, L: ToList>(operand: Typed<T>, list: L) -> Typed<bool>
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
) -> Typed<bool>
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
    })
}

/// `count(x)` and `count(x, distinct)`.
pub fn count<T>(operand: Typed<T>, distinct: bool) -> Typed<i64> {
    Typed::new(Expr::Aggregate {
        func: AggFunc::Count,
        arg: Some(Box::new(operand.expr)),
        distinct,
    })
}

/// `sum(x)`, `avg(x)`: numeric, NULL over no rows.
///
/// On every engine the value decodes as an `i64` for `sum` over integers and as an `f64` for
/// `sum` over floats and for `avg` (the adapters cast where an engine's own type differs).
/// One function serves both, so its type carries what the compile-time checks need: a
/// number that may be NULL.
pub fn numeric_aggregate<T: SqlType>(func: AggFunc, operand: Typed<T>) -> Typed<Option<f64>>
where
    T::Kind: SameKind<kind::Numerical>,
{
    Typed::new(Expr::Aggregate {
        func,
        arg: Some(Box::new(operand.expr)),
        distinct: false,
    })
}

/// `min(x)`, `max(x)`: any type, NULL over no rows.
pub fn extremum<T: SqlType>(func: AggFunc, operand: Typed<T>) -> Typed<Option<T>> {
    Typed::new(Expr::Aggregate {
        func,
        arg: Some(Box::new(operand.expr)),
        distinct: false,
    })
}

/// `coalesce(first, rest...)`: every argument of the first one's kind.
pub fn coalesce<T>(first: Typed<T>, rest: Vec<Expr>) -> Typed<T> {
    let mut args = Vec::with_capacity(1 + rest.len());
    args.push(first.expr);
    args.extend(rest);
    Typed::new(Expr::Coalesce(args))
}

/// A `where:`/`having:`/`on:` condition: boolean.
pub fn condition<T: SqlType>(condition: Typed<T>) -> Expr
where
    T::Kind: SameKind<kind::Boolean>,
{
    condition.expr
}

/// A `limit:`/`offset:` count: numeric.
pub fn count_value<T: SqlType>(count: Typed<T>) -> Expr
where
    T::Kind: SameKind<kind::Numerical>,
{
    count.expr
}

/// Any expression, untyped (select items, group_by terms).
pub fn expr<T>(value: Typed<T>) -> Expr {
    value.expr
}

/// A selected expression.
pub fn selected<T>(value: Typed<T>) -> Selected {
    Selected::Expr(value.expr)
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

/// `select: x`.
pub fn one(item: Selected) -> Select {
    Select::One(item)
}

/// `select: (a, b, ...)`.
pub fn tuple<const N: usize>(items: [Selected; N]) -> Select {
    Select::Tuple(Vec::from(items))
}

/// `select: u`: a whole binding, by number.
pub fn whole(binding: usize) -> Selected {
    Selected::Binding(BindingRef::Index(binding))
}
