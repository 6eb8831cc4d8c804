//! Conditionals (`if c { a } else { b }`, SQL's `CASE WHEN`): every condition boolean, the
//! values of types that unify as `coalesce`'s arguments do.

use recto_core::{Error, Expr};

use super::Resolver;
use crate::decimal;
use crate::exprs::ExprId;
use crate::planned::PlannedExpr;
use crate::terms;
use crate::ty;

impl<'q> Resolver<'_, '_, 'q> {
    /// `CASE WHEN c THEN a ... ELSE d END`.
    #[inline(never)]
    pub(super) fn case(
        &mut self,
        whens: &'q [(Expr, Expr)],
        otherwise: Option<&'q Expr>,
        depth: usize,
    ) -> Result<ExprId, Error> {
        if whens.is_empty() {
            return Err(self
                .scope
                .invalid("a conditional needs at least one `if` branch"));
        }
        let list = self.draft.exprs.reserve_list(2 * whens.len());
        for (position, (when, then)) in whens.iter().enumerate() {
            let when = self.resolve(when, depth)?;
            terms::expect_boolean(
                &self.scope,
                "the condition of `if`",
                &self.draft.exprs,
                when,
            )?;
            self.draft.exprs.set(list, 2 * position, when);
            let then = self.resolve(then, depth)?;
            self.draft.exprs.set(list, 2 * position + 1, then);
        }
        let otherwise = otherwise
            .map(|otherwise| self.resolve(otherwise, depth))
            .transpose()?;
        let values: Vec<ExprId> = self
            .draft
            .exprs
            .list(list)
            .iter()
            .skip(1)
            .step_by(2)
            .copied()
            .chain(otherwise)
            .collect();
        self.draft.exprs.type_float_literals(&values);
        let exprs = &self.draft.exprs;
        decimal::expect_no_float_beside_decimal(&self.scope, exprs, &values, None)?;
        ty::expect_unified(&self.scope, "the branches of `if`", exprs, &values)?;
        Ok(self.push(PlannedExpr::Case {
            whens: list,
            otherwise,
        }))
    }
}
