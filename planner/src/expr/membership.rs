//! Membership tests of scalars: `x in [a, b]` and `x in ^list` (a row's `in [..]` is in
//! `row.rs`, a subquery's in `subquery.rs`).

use recto_core::{Array, Error, Expr};

use super::Resolver;
use crate::decimal;
use crate::exprs::ExprId;
use crate::planned::PlannedExpr;

impl<'q> Resolver<'_, '_, 'q> {
    #[inline(never)]
    pub(super) fn in_list(
        &mut self,
        expr: &'q Expr,
        list: &'q [Expr],
        depth: usize,
    ) -> Result<ExprId, Error> {
        let expr = self.resolve(expr, depth)?;
        let list = self.all(list, depth)?;
        let mut operands = self.draft.exprs.list(list).to_vec();
        operands.push(expr);
        self.draft.exprs.type_float_literals(&operands);
        decimal::expect_no_float_beside_decimal(&self.scope, &self.draft.exprs, &operands, None)?;
        Ok(self.push(PlannedExpr::InList { expr, list }))
    }

    #[inline(never)]
    pub(super) fn in_param(
        &mut self,
        expr: &'q Expr,
        list: &'q Array,
        depth: usize,
    ) -> Result<ExprId, Error> {
        self.draft.size.params += list.len();
        let expr = self.resolve(expr, depth)?;
        let element = Some(list.elem_ty());
        decimal::expect_no_float_beside_decimal(&self.scope, &self.draft.exprs, &[expr], element)?;
        Ok(self.push(PlannedExpr::InParam { expr, list }))
    }
}
