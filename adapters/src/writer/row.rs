//! Row values: `((a, b) > ($1, $2))` and `((a, b) IN ((1, 2), (3, 4)))` where the dialect's
//! [`RowValues`] is native (SQLite has a row `IN` a list of rows since 3.37.0; the SQLite
//! recto links is newer).
//!
//! A comparison of rows is printed natively unless the dialect expands every one, or a pair
//! of its items needs the writer's own form of a scalar comparison (decimals stored as
//! scaled integers, JSON documents cast for equality): then it is printed as the scalar
//! comparisons it is defined by, the lexicographic `((a > x) OR ((a = x) AND (b > y)))`, each pair printed as `a > x` would
//! be. That expansion has the same NULL semantics as the native form (the first unequal
//! pair decides, and a NULL in that pair makes the result NULL), and prints each item of
//! a row up to twice.

use recto_core::{BinOp, Error};
use recto_planner::{ExprId, ExprList, PlannedExpr};

use super::Writer;
use crate::dialect::{Dialect, RowValues};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `(a, b)`.
    #[inline(never)]
    pub(super) fn row(&mut self, items: ExprList) -> Result<(), Error> {
        self.sql("(");
        self.list(self.exprs.list(items))?;
        self.sql(")");
        Ok(())
    }

    /// The items of `row`, when it is a row value.
    fn row_items(&self, row: ExprId) -> Option<&'_ [ExprId]> {
        match self.exprs.get(row) {
            PlannedExpr::Row(items) => Some(self.exprs.list(*items)),
            _ => None,
        }
    }

    /// Whether `left op right` is a comparison of two rows whose items must be compared
    /// one pair at a time.
    pub(super) fn is_expanded_row_comparison(&self, left: ExprId, right: ExprId) -> bool {
        let (Some(left), Some(right)) = (self.row_items(left), self.row_items(right)) else {
            return false;
        };
        if self.quirks.row_values == RowValues::Expanded {
            return true;
        }
        left.iter().zip(right).any(|(left, right)| {
            self.is_scaled_comparison(&[*left, *right]) || self.json_cast([*left, *right]).is_some()
        })
    }

    /// A comparison of two rows as the scalar comparisons of their items.
    #[inline(never)]
    pub(super) fn expanded_row_comparison(
        &mut self,
        op: BinOp,
        left: ExprId,
        right: ExprId,
    ) -> Result<(), Error> {
        let (Some(left), Some(right)) = (self.row_items(left), self.row_items(right)) else {
            return Err(self.unsupported("a comparison of a row with something else"));
        };
        let pairs: Vec<(ExprId, ExprId)> =
            left.iter().copied().zip(right.iter().copied()).collect();
        match op {
            // Equal rows: every pair equal. Unequal rows: some pair unequal.
            BinOp::Eq | BinOp::Ne => {
                let joiner = if op == BinOp::Eq { " AND " } else { " OR " };
                self.sql("(");
                for (n, (left, right)) in pairs.iter().enumerate() {
                    if n > 0 {
                        self.sql(joiner);
                    }
                    self.binary(op, *left, *right)?;
                }
                self.sql(")");
                Ok(())
            }
            // `(a, b, c) < (x, y, z)` is `a < x OR (a = x AND (b < y OR (b = y AND c <= z)))`
            // with `<=` only for the last pair of `<=` (and alike for `>`, `>=`).
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (strict, last) = match op {
                    BinOp::Lt | BinOp::Le => (BinOp::Lt, op),
                    _ => (BinOp::Gt, op),
                };
                let count = pairs.len();
                for (n, (left, right)) in pairs.iter().enumerate() {
                    if n + 1 == count {
                        self.binary(last, *left, *right)?;
                        break;
                    }
                    self.sql("(");
                    self.binary(strict, *left, *right)?;
                    self.sql(" OR (");
                    self.binary(BinOp::Eq, *left, *right)?;
                    self.sql(" AND ");
                }
                for _ in 1..count {
                    self.sql("))");
                }
                Ok(())
            }
            _ => Err(self.unsupported("this operator between rows")),
        }
    }

    /// `(a, b) in [(1, 2), (3, 4)]`; each candidate is a row of the tested row's length (the
    /// planner checked). Where a candidate's comparison must be expanded, the whole test is
    /// written as what `IN` is defined as, the `OR` of the row equalities, which answers
    /// the same, NULLs included: `(((a, b) = (1, 2)) OR ((a, b) = (3, 4)))`.
    #[inline(never)]
    pub(super) fn row_in_list(&mut self, row: ExprId, list: ExprList) -> Result<(), Error> {
        let list = self.exprs.list(list);
        let expand = list
            .iter()
            .any(|candidate| self.is_expanded_row_comparison(row, *candidate));
        if !expand {
            self.sql("(");
            self.expr(row)?;
            self.sql(" IN (");
            self.list(list)?;
            self.sql("))");
            return Ok(());
        }
        self.sql("(");
        for (n, candidate) in list.iter().enumerate() {
            if n > 0 {
                self.sql(" OR ");
            }
            self.binary(BinOp::Eq, row, *candidate)?;
        }
        self.sql(")");
        Ok(())
    }
}
