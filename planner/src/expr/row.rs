//! Row values `(a, b, ...)`: an operand of a comparison with another row of the same
//! length (`(created_at, id) > (^t, ^id)`, the keyset pagination condition), or the tested
//! value of `in [..]` whose candidates are rows of that length. A row anywhere else, or two
//! rows of different lengths, is an error: no engine gives one meaning to either.

use recto_core::{BinOp, Error, Expr};

use super::Resolver;
use crate::decimal;
use crate::exprs::ExprId;
use crate::planned::PlannedExpr;
use crate::terms;

/// The error for a row value where only a scalar may be.
const ROW_ELSEWHERE: &str = "a row value `(a, b, ...)` is only allowed as an operand of \
    `==`, `!=`, `<`, `<=`, `>` or `>=` with another row of the same length, or before \
    `in [..]` with a list of such rows";

impl<'q> Resolver<'_, '_, 'q> {
    /// The error for a row value met where it is not allowed.
    #[cold]
    pub(super) fn row_elsewhere(&self) -> Error {
        self.scope.invalid(ROW_ELSEWHERE)
    }

    /// `left op right` where either side is a row: both must be rows of one length, and
    /// each pair of items is checked as the scalar comparison `item op item` would be.
    #[inline(never)]
    pub(super) fn row_comparison(
        &mut self,
        op: BinOp,
        left: &'q Expr,
        right: &'q Expr,
        depth: usize,
    ) -> Result<ExprId, Error> {
        let (Expr::Row(left), Expr::Row(right)) = (left, right) else {
            return Err(self.row_elsewhere());
        };
        if !matches!(
            op,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        ) {
            return Err(self.row_elsewhere());
        }
        let left_row = self.row(left, depth)?;
        let right_row = self.row(right, depth)?;
        self.same_length(left.len(), right.len())?;
        let (left, right) = (self.items(left_row)?, self.items(right_row)?);
        for (left, right) in left.iter().zip(&right) {
            self.check_pair(op, *left, *right)?;
        }
        Ok(self.push(PlannedExpr::Binary {
            op,
            left: left_row,
            right: right_row,
        }))
    }

    /// `(a, b) in [(1, 2), (3, 4)]`: every candidate a row of the tested row's length, each
    /// item checked against the tested row's item at its position.
    #[inline(never)]
    pub(super) fn row_in_list(
        &mut self,
        tested: &'q [Expr],
        list: &'q [Expr],
        depth: usize,
    ) -> Result<ExprId, Error> {
        let row = self.row(tested, depth)?;
        let ids = self.draft.exprs.reserve_list(list.len());
        for (position, candidate) in list.iter().enumerate() {
            let Expr::Row(items) = candidate else {
                return Err(self.row_elsewhere());
            };
            let id = self.row(items, depth)?;
            self.same_length(tested.len(), items.len())?;
            self.draft.exprs.set(ids, position, id);
        }
        let tested_items = self.items(row)?;
        for candidate in self.draft.exprs.list(ids).to_vec() {
            let items = self.items(candidate)?;
            for (left, right) in tested_items.iter().zip(&items) {
                self.check_pair(BinOp::Eq, *left, *right)?;
            }
        }
        Ok(self.push(PlannedExpr::InList {
            expr: row,
            list: ids,
        }))
    }

    /// Plans the items of one row, which are scalars (a row inside a row is an error).
    fn row(&mut self, items: &'q [Expr], depth: usize) -> Result<ExprId, Error> {
        if items.len() < 2 {
            return Err(self
                .scope
                .invalid("a row value has two or more items: `(a, b)`"));
        }
        if items.iter().any(|item| matches!(item, Expr::Row(_))) {
            return Err(self.row_elsewhere());
        }
        let list = self.all(items, depth)?;
        Ok(self.push(PlannedExpr::Row(list)))
    }

    /// The items of a planned row.
    fn items(&self, row: ExprId) -> Result<Vec<ExprId>, Error> {
        match self.draft.exprs.get(row) {
            PlannedExpr::Row(items) => Ok(self.draft.exprs.list(*items).to_vec()),
            _ => Err(self.row_elsewhere()),
        }
    }

    fn same_length(&self, expected: usize, found: usize) -> Result<(), Error> {
        if expected == found {
            return Ok(());
        }
        Err(self.scope.invalid(format!(
            "row values of different lengths cannot be compared: a row of {expected} items \
             with one of {found}"
        )))
    }

    /// The checks of the scalar comparison `left op right`.
    fn check_pair(&mut self, op: BinOp, left: ExprId, right: ExprId) -> Result<(), Error> {
        let operands = [left, right];
        self.draft.exprs.type_float_literals(&operands);
        decimal::expect_no_float_beside_decimal(&self.scope, &self.draft.exprs, &operands, None)?;
        if matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge) {
            let what = "an item of a row compared with `<`, `<=`, `>` or `>=`";
            terms::expect_ordered(&self.scope, what, &self.draft.exprs, left)?;
            terms::expect_ordered(&self.scope, what, &self.draft.exprs, right)?;
        }
        Ok(())
    }
}
