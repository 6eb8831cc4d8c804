//! Queries inside expressions: `exists(q)`, `subquery(q)` (one value), `x in subquery(q)`,
//! `x op any(q)` and `x op all(q)`. The query is any [`Queryable`]; what its rows are typed
//! as ([`Queryable::Row`]) types the expression: a query selecting one value of type `T`
//! gives a value of type `Option<T>` (no row is NULL), a query whose rows are known only at
//! plan time gives an untyped value the planner checks.

use super::Typed;
use crate::Name;
use crate::expr::{BinOp, BindingRef, Expr, SubqueryTest};
use crate::query::Queryable;
use crate::row::AnyRow;
use crate::value::kind::SameKind;
use crate::value::{Any, Logical, SqlType};

/// The row of a query that selects one value: the value's type, which may be NULL in a
/// subquery (it has no row).
#[diagnostic::on_unimplemented(
    message = "a subquery used as a value must select one value, not rows of `{Self}`",
    label = "selects more than one value",
    note = "write `select: x` with one expression in the subquery"
)]
pub trait OneColumn {
    /// The value's type, NULL included.
    type Value: SqlType;
}

impl<T: SqlType> OneColumn for T
where
    T::Nullable: SqlType,
{
    type Value = T::Nullable;
}

impl OneColumn for AnyRow {
    type Value = Any;
}

/// `parent_as(name)`: a named binding of an enclosing query.
pub fn parent(name: &'static str) -> BindingRef {
    BindingRef::Parent(Name::Borrowed(name))
}

/// The expression of a subquery test.
fn subquery<Q: Queryable>(test: SubqueryTest, operand: Option<Expr>, query: Q) -> Expr {
    Expr::Subquery {
        test,
        operand: operand.map(Box::new),
        query: query.into_query().erase(),
    }
}

/// `exists(q)`: whether `q` returns a row.
pub fn exists<Q: Queryable>(query: Q) -> Typed<bool> {
    Typed::new(subquery(SubqueryTest::Exists, None, query))
}

/// `subquery(q)` as a value: the one value `q` returns, NULL if it returns no row.
pub fn scalar<Q: Queryable>(query: Q) -> Typed<<Q::Row as OneColumn>::Value>
where
    Q::Row: OneColumn,
{
    Typed::new(subquery(SubqueryTest::Scalar, None, query))
}

/// `x in subquery(q)`: SQL's `IN`, NULL where `x` is or where nothing matches and `q`
/// returns a NULL.
pub fn in_subquery<T: SqlType, Q: Queryable>(
    operand: Typed<T>,
    query: Q,
) -> Typed<Logical<T, <Q::Row as OneColumn>::Value>>
where
    Q::Row: OneColumn,
    <<Q::Row as OneColumn>::Value as SqlType>::Kind: SameKind<T::Kind>,
{
    Typed::new(subquery(SubqueryTest::In, Some(operand.expr), query))
}

/// `x op any(q)`: whether `x op v` holds for a value `v` of `q`.
pub fn any<T: SqlType, Q: Queryable>(
    operand: Typed<T>,
    op: BinOp,
    query: Q,
) -> Typed<Logical<T, <Q::Row as OneColumn>::Value>>
where
    Q::Row: OneColumn,
    <<Q::Row as OneColumn>::Value as SqlType>::Kind: SameKind<T::Kind>,
{
    Typed::new(subquery(SubqueryTest::Any(op), Some(operand.expr), query))
}

/// `x op all(q)`: whether `x op v` holds for every value `v` of `q` (true if it has none).
pub fn all<T: SqlType, Q: Queryable>(
    operand: Typed<T>,
    op: BinOp,
    query: Q,
) -> Typed<Logical<T, <Q::Row as OneColumn>::Value>>
where
    Q::Row: OneColumn,
    <<Q::Row as OneColumn>::Value as SqlType>::Kind: SameKind<T::Kind>,
{
    Typed::new(subquery(SubqueryTest::All(op), Some(operand.expr), query))
}
