//! The operators of the query language, one function per operator so that an expansion
//! names the operator in the function's name instead of passing it: `a == b` expands to
//! `eq(a, b)`. Each function's bounds are the operator's compile-time type check.

use super::Typed;
use crate::expr::{BinOp, Expr, UnOp};
use crate::value::kind::{self, Ordered, SameKind};
use crate::value::{Arith, Combine, Logical, Numeric, Row, RowItems, SqlType};

/// A row value `(a, b, ...)` of two to eight items: an operand of a comparison with a row
/// as long, each pair of items of one kind (`(u.age, u.id) > (^18, ^7)`), or of `in [..]`
/// with a list of such rows. A comparison of rows is NULL where an item may be.
pub fn row<I: RowItems>(items: I) -> Typed<Row<I::Types>> {
    Typed::new(Expr::Row(items.into_exprs()))
}

/// `a == b`: both sides of one kind.
pub fn eq<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Logical<L, R>>
where
    R::Kind: SameKind<L::Kind>,
{
    Typed::new(Expr::binary(BinOp::Eq, left.expr, right.expr))
}

/// `a != b`: both sides of one kind.
pub fn ne<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Logical<L, R>>
where
    R::Kind: SameKind<L::Kind>,
{
    Typed::new(Expr::binary(BinOp::Ne, left.expr, right.expr))
}

/// `a < b`: both sides of one kind, and an ordered one (an untyped left side against a
/// document on the right is the planner's to refuse).
pub fn lt<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Logical<L, R>>
where
    R::Kind: SameKind<L::Kind>,
    L::Kind: Ordered,
{
    Typed::new(Expr::binary(BinOp::Lt, left.expr, right.expr))
}

/// `a <= b`: both sides of one kind, and an ordered one (an untyped left side against a
/// document on the right is the planner's to refuse).
pub fn le<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Logical<L, R>>
where
    R::Kind: SameKind<L::Kind>,
    L::Kind: Ordered,
{
    Typed::new(Expr::binary(BinOp::Le, left.expr, right.expr))
}

/// `a > b`: both sides of one kind, and an ordered one (an untyped left side against a
/// document on the right is the planner's to refuse).
pub fn gt<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Logical<L, R>>
where
    R::Kind: SameKind<L::Kind>,
    L::Kind: Ordered,
{
    Typed::new(Expr::binary(BinOp::Gt, left.expr, right.expr))
}

/// `a >= b`: both sides of one kind, and an ordered one (an untyped left side against a
/// document on the right is the planner's to refuse).
pub fn ge<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Logical<L, R>>
where
    R::Kind: SameKind<L::Kind>,
    L::Kind: Ordered,
{
    Typed::new(Expr::binary(BinOp::Ge, left.expr, right.expr))
}

/// `a + b`: both sides numeric.
pub fn add<L: Numeric, R: Numeric>(left: Typed<L>, right: Typed<R>) -> Typed<Arith<L, R>>
where
    L::Base: Combine<R::Base>,
{
    Typed::new(Expr::binary(BinOp::Add, left.expr, right.expr))
}

/// `a - b`: both sides numeric.
pub fn sub<L: Numeric, R: Numeric>(left: Typed<L>, right: Typed<R>) -> Typed<Arith<L, R>>
where
    L::Base: Combine<R::Base>,
{
    Typed::new(Expr::binary(BinOp::Sub, left.expr, right.expr))
}

/// `a * b`: both sides numeric.
pub fn mul<L: Numeric, R: Numeric>(left: Typed<L>, right: Typed<R>) -> Typed<Arith<L, R>>
where
    L::Base: Combine<R::Base>,
{
    Typed::new(Expr::binary(BinOp::Mul, left.expr, right.expr))
}

/// `a / b`: both sides numeric.
pub fn div<L: Numeric, R: Numeric>(left: Typed<L>, right: Typed<R>) -> Typed<Arith<L, R>>
where
    L::Base: Combine<R::Base>,
{
    Typed::new(Expr::binary(BinOp::Div, left.expr, right.expr))
}

/// `a % b`: both sides numeric.
pub fn rem<L: Numeric, R: Numeric>(left: Typed<L>, right: Typed<R>) -> Typed<Arith<L, R>>
where
    L::Base: Combine<R::Base>,
{
    Typed::new(Expr::binary(BinOp::Rem, left.expr, right.expr))
}

/// `a && b`: both sides boolean. Typed `Option<bool>` whatever its operands, which is
/// right for every one of them (a selected `&&` of two non-NULL booleans decodes as
/// `Some`): a chain of conditions then has a flat type, which keeps rustc's work on long
/// `where:` clauses small.
pub fn and<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Option<bool>>
where
    L::Kind: SameKind<kind::Boolean>,
    R::Kind: SameKind<kind::Boolean>,
{
    Typed::new(Expr::binary(BinOp::And, left.expr, right.expr))
}

/// `a || b`: both sides boolean; typed `Option<bool>`, as [`and`] is.
pub fn or<L: SqlType, R: SqlType>(left: Typed<L>, right: Typed<R>) -> Typed<Option<bool>>
where
    L::Kind: SameKind<kind::Boolean>,
    R::Kind: SameKind<kind::Boolean>,
{
    Typed::new(Expr::binary(BinOp::Or, left.expr, right.expr))
}

/// `!a`.
pub fn not<T: SqlType>(operand: Typed<T>) -> Typed<Logical<T, T>>
where
    T::Kind: SameKind<kind::Boolean>,
{
    Typed::new(Expr::Unary {
        op: UnOp::Not,
        expr: Box::new(operand.expr),
    })
}

/// `-a`.
pub fn neg<T: Numeric>(operand: Typed<T>) -> Typed<Arith<T, T>>
where
    T::Base: Combine<T::Base>,
{
    Typed::new(Expr::Unary {
        op: UnOp::Neg,
        expr: Box::new(operand.expr),
    })
}
