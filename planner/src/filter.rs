//! `where:`/`or_where:` and `having:`/`or_having:`: the conditions of one list combined into
//! one, left to right, each with `AND` or `OR` against everything before it (Ecto's
//! semantics: `where: a, or_where: b, where: c` is `(a OR b) AND c`). The operator of the
//! first condition has nothing to combine with and is ignored.

use recto_core::{BinOp, BoolClause, BoolOp, Clause, Error};

use crate::bindings::{Level, Scope};
use crate::expr::{Draft, Resolver};
use crate::exprs::{ExprId, Exprs};
use crate::planned::PlannedExpr;
use crate::terms;

/// The conditions of `clauses` as one condition, or `None` when there are none. Each
/// condition must be a boolean where its type is known, and passes `check` (given the
/// scope of the clause that wrote it and the arena it was planned into).
pub(crate) fn combine<'q>(
    clauses: &'q [BoolClause],
    clause: Clause,
    level: &Level<'_, 'q>,
    draft: &mut Draft<'q>,
    mut check: impl FnMut(&Scope<'_, 'q>, &Exprs<'q>, ExprId) -> Result<(), Error>,
) -> Result<Option<ExprId>, Error> {
    let count = clauses.len();
    let mut combined: Option<ExprId> = None;
    for (position, condition) in clauses.iter().enumerate() {
        let BoolClause { op, expr, at } = condition;
        let scope = Scope::all(level, clause, at);
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
        let expr = Resolver::new(scope, draft).resolve(expr, depth)?;
        terms::expect_boolean(&scope, "a condition", &draft.exprs, expr)?;
        check(&scope, &draft.exprs, expr)?;
        // The operator is pushed after both operands, as the arena's layout requires.
        combined = Some(match combined {
            None => expr,
            Some(before) => draft.exprs.push(PlannedExpr::Binary {
                op,
                left: before,
                right: expr,
            }),
        });
    }
    Ok(combined)
}
