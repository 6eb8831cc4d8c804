//! `where:`/`or_where:` and `having:`/`or_having:`: the conditions of one list combined into
//! one, left to right, each with `AND` or `OR` against everything before it (Ecto's
//! semantics: `where: a, or_where: b, where: c` is `(a OR b) AND c`). The operator of the
//! first condition has nothing to combine with and is ignored.

use recto_core::{BinOp, BoolClause, BoolOp, Clause, Error};

use crate::bindings::Scope;
use crate::expr::Resolver;
use crate::planned::{Binding, PlannedExpr, SizeHint};
use crate::terms;

/// The conditions of `clauses` as one condition, or `None` when there are none. Each
/// condition must be a boolean where its type is known, and passes `check` (given the
/// scope of the clause that wrote it).
pub(crate) fn combine<'q>(
    clauses: &'q [BoolClause],
    clause: Clause,
    bindings: &[Binding<'q>],
    size: &mut SizeHint,
    mut check: impl FnMut(&Scope<'_, 'q>, &PlannedExpr<'q>) -> Result<(), Error>,
) -> Result<Option<PlannedExpr<'q>>, Error> {
    let count = clauses.len();
    let mut combined: Option<PlannedExpr<'q>> = None;
    for (position, condition) in clauses.iter().enumerate() {
        let BoolClause { op, expr, at } = condition;
        let scope = Scope::all(bindings, clause, at);
        let op = match op {
            BoolOp::And => BinOp::And,
            BoolOp::Or => BinOp::Or,
            _ => {
                return Err(scope.invalid(
                    "this way of combining conditions is not supported by the planner yet",
                ));
            }
        };
        // The combination is a left-deep chain: condition k sits under `count - max(k, 1)`
        // operators, which counts toward the nesting limit.
        let depth = count - position.max(1);
        let expr = Resolver::new(scope, size).resolve(expr, depth)?;
        terms::expect_boolean(&scope, "a condition", &expr)?;
        check(&scope, &expr)?;
        combined = Some(match combined {
            None => expr,
            Some(before) => {
                size.nodes += 1;
                PlannedExpr::Binary {
                    op,
                    left: Box::new(before),
                    right: Box::new(expr),
                }
            }
        });
    }
    Ok(combined)
}
