//! A query nested in an expression (`exists(q)`, `x in subquery(q)`, a scalar
//! `subquery(q)`, `any`, `all`): planned one level deeper by the same
//! [`plan_level`](crate::plan_level), with the bindings of the clause that holds it in scope.

use recto_core::{BinOp, Error, Expr, Query, SubqueryTest};

use super::Resolver;
use crate::bindings::Level;
use crate::exprs::ExprId;
use crate::nesting;
use crate::planned::{OuterRef, PlannedExpr};
use crate::terms;

impl<'q> Resolver<'_, '_, 'q> {
    /// A query nested in the expression, planned one level deeper with the bindings this
    /// clause sees in scope.
    #[inline(never)]
    pub(super) fn subquery(
        &mut self,
        test: SubqueryTest,
        operand: Option<&'q Expr>,
        query: &'q Query,
        depth: usize,
    ) -> Result<ExprId, Error> {
        let operand = operand
            .map(|operand| self.resolve(operand, depth))
            .transpose()?;
        let level = self.scope.level;
        let visible = Level {
            bindings: self.scope.visible(),
            derived: level.derived,
            context: level.context,
            select: None,
        };
        let planned = crate::plan_level(query.data(), level.context.nested(Some(&visible)))?;
        if nesting::one_column(test) && planned.select.len() != 1 {
            return Err(self.scope.invalid(format!(
                "a subquery used as a value or a list of values selects one column, and this one selects {}: select one expression",
                planned.select.len()
            )));
        }
        if let (SubqueryTest::Any(op) | SubqueryTest::All(op), Some(operand)) = (test, operand) {
            if !matches!(
                op,
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
            ) {
                return Err(self
                    .scope
                    .invalid("`any` and `all` compare with `==`, `!=`, `<`, `<=`, `>` or `>=`"));
            }
            if !matches!(op, BinOp::Eq | BinOp::Ne) {
                let what = "the operand of `any` or `all`";
                terms::expect_ordered(&self.scope, what, &self.draft.exprs, operand)?;
            }
        }
        // References two or more levels up are references of this query too, one level
        // less up.
        for outer in &planned.outer {
            if outer.levels > 1 {
                self.draft.outer.push(OuterRef {
                    levels: outer.levels - 1,
                    column: outer.column,
                });
            }
        }
        self.draft.size.nodes += planned.size.nodes;
        self.draft.size.params += planned.size.params;
        let query = self.draft.exprs.push_query(planned);
        Ok(self.push(PlannedExpr::Subquery {
            test,
            operand,
            query,
        }))
    }
}
