//! What an expression may be where SQL gives it a fixed role.
//!
//! - A `group_by:` or `order_by:` term must depend on the row: a term with no column and
//!   no aggregate is a constant, which groups and sorts nothing, and which the engines read
//!   as a column position when it is (or folds to) an integer (`ORDER BY -1` fails, `-(-18)`
//!   is position 18, SQLite folds `(TRUE OR TRUE) AND FALSE` to position 0).
//! - A condition (`where:`, `having:`, a join's `on:`) and the operands of `&&`, `||` and
//!   `!` must be booleans where the plan knows their type. PostgreSQL rejects anything else;
//!   MariaDB and SQLite would read an integer as true when non-zero and text as false,
//!   answering a different question on each engine. A type the plan does not know (a
//!   schemaless field) is left to the engine.
//! - An operand of `<`, `<=`, `>` or `>=`, a sort term and the argument of `min` or `max`
//!   must not be a JSON document where the plan knows its type: PostgreSQL orders `jsonb`
//!   by its own rules and has no `min` or `max` of it, MySQL and SQLite order the text.
//!   (Typed queries do not compile with such a comparison; this catches erased ones.)
//! - With `distinct: true` every sort term must be one of the selected expressions:
//!   PostgreSQL rejects the rest, and the other engines would sort each distinct row by the
//!   value of an arbitrary one of the rows it stands for.

use recto_core::{Error, Ty};

use crate::bindings::Scope;
use crate::describe::{describe, rust_type};
use crate::exprs::{ExprId, Exprs};
use crate::planned::{OrderItem, PlannedExpr, SelectItem};

/// Checks a whole `group_by:` or `order_by:` term.
///
/// Inlined, with the error built out of line: nearly every term is a column, which passes
/// at the first node looked at.
#[inline]
pub(crate) fn check_term(
    scope: &Scope<'_, '_>,
    exprs: &Exprs<'_>,
    term: ExprId,
) -> Result<(), Error> {
    // A subquery that reads this query's columns is a value per row.
    let depends_on_rows = |node: &PlannedExpr<'_>| match node {
        PlannedExpr::Column(_) | PlannedExpr::Aggregate { .. } => true,
        // Raw SQL is the program's, which the planner does not read: `random()` sorts.
        PlannedExpr::Fragment { .. } => true,
        PlannedExpr::Subquery { query, .. } => exprs
            .query(*query)
            .outer
            .iter()
            .any(|outer| outer.levels == 1),
        _ => false,
    };
    if depends_on_rows(exprs.get(term)) || exprs.contains(term, depends_on_rows) {
        return Ok(());
    }
    Err(constant_term(scope, exprs, term))
}

/// The error of [`check_term`].
#[cold]
#[inline(never)]
fn constant_term(scope: &Scope<'_, '_>, exprs: &Exprs<'_>, term: ExprId) -> Error {
    scope.invalid(format!(
        "the term `{}` is a constant: it groups or sorts nothing, and SQL reads an integer \
         there as a column position; write an expression of the row's fields",
        describe(exprs, term)
    ))
}

/// Checks that `expr`, used as `what` (a condition, an operand of `&&`), is a boolean where
/// its type is known.
///
/// Inlined: it runs for every condition and both operands of every `&&` and `||`, and
/// nearly always passes; the error is built out of line.
#[inline]
pub(crate) fn expect_boolean(
    scope: &Scope<'_, '_>,
    what: &str,
    exprs: &Exprs<'_>,
    expr: ExprId,
) -> Result<(), Error> {
    match exprs.ty(expr) {
        None | Some(Ty::Bool) => Ok(()),
        Some(ty) => Err(not_boolean(scope, what, exprs, expr, ty)),
    }
}

/// The error of [`expect_boolean`] for an expression of type `ty`.
#[cold]
#[inline(never)]
fn not_boolean(
    scope: &Scope<'_, '_>,
    what: &str,
    exprs: &Exprs<'_>,
    expr: ExprId,
    ty: Ty,
) -> Error {
    scope.invalid(format!(
        "{what} must be a boolean, but `{}` is a `{}`: compare it with something (the \
         engines disagree on what a non-boolean means there)",
        describe(exprs, expr),
        rust_type(ty)
    ))
}

/// Checks that `expr`, used as `what` (an operand of `<`, a sort term), is not a JSON
/// document where its type is known.
#[inline]
pub(crate) fn expect_ordered(
    scope: &Scope<'_, '_>,
    what: &str,
    exprs: &Exprs<'_>,
    expr: ExprId,
) -> Result<(), Error> {
    match exprs.ty(expr) {
        Some(Ty::Json) => Err(not_ordered(scope, what, exprs, expr)),
        _ => Ok(()),
    }
}

/// The error of [`expect_ordered`].
#[cold]
#[inline(never)]
fn not_ordered(scope: &Scope<'_, '_>, what: &str, exprs: &Exprs<'_>, expr: ExprId) -> Error {
    scope.invalid(format!(
        "{what} must have an order, but `{}` is a JSON document, which the engines order \
         differently (PostgreSQL by its jsonb rules, MySQL and SQLite as text): documents \
         compare with `==` and `!=` only",
        describe(exprs, expr)
    ))
}

/// With `distinct: true`, checks that every sort term is structurally one of the selected
/// expressions; `scopes` gives the scope of the clause that wrote each term.
pub(crate) fn check_distinct_order<'a, 'q: 'a>(
    exprs: &Exprs<'_>,
    select: &[SelectItem<'_>],
    order_by: &[OrderItem],
    scopes: impl IntoIterator<Item = Scope<'a, 'q>>,
) -> Result<(), Error> {
    for (OrderItem { expr, direction: _ }, scope) in order_by.iter().zip(scopes) {
        let selected = select.iter().any(
            |SelectItem {
                 expr: item,
                 alias: _,
             }| exprs.same(*item, *expr),
        );
        if !selected {
            return Err(scope.invalid(format!(
                "with `distinct: true` every sort term must be selected, and `{}` is not: \
                 select it too, or sort by a selected expression (PostgreSQL rejects the \
                 query, and the other engines would sort by an arbitrary row's value)",
                describe(exprs, *expr)
            )));
        }
    }
    Ok(())
}
