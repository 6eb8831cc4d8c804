//! Whether an expression can be NULL, where the plan alone decides it: a column's schema and
//! the joins, the values written in the query, and what operators make of them. Printers
//! consult it where an engine needs extra SQL only for keys that can be NULL (sorting them
//! where PostgreSQL does), so that `ORDER BY id` stays as written.
//!
//! The answer errs toward "maybe": `false` is a promise, `true` is not.

use recto_core::{AggFunc, BinOp, Func, SubqueryTest, UnOp, Value};

use crate::expr::MAX_DEPTH;
use crate::exprs::{ExprId, Exprs};
use crate::planned::PlannedExpr;

impl Exprs<'_> {
    /// Whether the expression `id` can evaluate to NULL.
    ///
    /// Maybe NULL: a nullable schema field, any field of a schemaless or outer-joined
    /// binding, a NULL literal or parameter, an aggregate other than `count` (it is NULL
    /// over no rows), `coalesce` whose every argument may be NULL, a division or remainder
    /// by anything but a non-zero literal (MySQL and SQLite answer NULL for a zero divisor),
    /// and any operation on something that may be NULL. Never NULL: non-null schema fields,
    /// other literals and parameters, `count`, `is_nil`.
    ///
    /// ```
    /// use recto_core::{AggFunc, BinOp, Expr, Query, Select, Selected, Ty, Value};
    ///
    /// let one = || Expr::Lit(Value::I32(1));
    /// let total = Expr::Aggregate {
    ///     func: AggFunc::Sum,
    ///     arg: Some(Box::new(one())),
    ///     distinct: false,
    ///     filter: None,
    /// };
    /// let q = Query::table("t").select(Select::Tuple(vec![
    ///     Selected::Expr(one()),
    ///     Selected::Expr(Expr::Param(Value::Null(Ty::I32))),
    ///     Selected::Expr(total),
    ///     Selected::Expr(Expr::binary(BinOp::Add, one(), one())),
    /// ]));
    /// let planned = recto_planner::plan(q.data()).unwrap();
    /// let nullable: Vec<bool> =
    ///     planned.select.iter().map(|item| planned.exprs.nullable(item.expr)).collect();
    /// assert_eq!(nullable, [false, true, true, false]);
    /// ```
    ///
    /// The walk is bounded like the planner's: past
    /// [`MAX_EXPR_DEPTH`](recto_core::MAX_EXPR_DEPTH) levels (deeper than any plan
    /// [`plan`](crate::plan) returns) the answer is the cautious `true`.
    pub fn nullable(&self, id: ExprId) -> bool {
        self.nullable_at(id, 0)
    }

    /// Whether expression `id`, `depth` levels below the one asked about, can be NULL.
    fn nullable_at(&self, id: ExprId, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return true;
        }
        let next = depth + 1;
        let nullable = |id: &ExprId| self.nullable_at(*id, next);
        match self.get(id) {
            PlannedExpr::Column(column) => column.nullable,
            PlannedExpr::Lit(value) | PlannedExpr::Param(value) => matches!(value, Value::Null(_)),
            PlannedExpr::Unary {
                op: UnOp::Not | UnOp::Neg,
                expr,
            } => nullable(expr),
            PlannedExpr::Unary { .. } => true,
            PlannedExpr::Binary {
                op: BinOp::Div | BinOp::Rem,
                left,
                right,
            } => nullable(left) || nullable(right) || !is_non_zero_literal(self.get(*right)),
            PlannedExpr::Binary { left, right, .. } => nullable(left) || nullable(right),
            PlannedExpr::InList { expr, list } => {
                nullable(expr) || self.list(*list).iter().any(nullable)
            }
            PlannedExpr::InParam { expr, list: _ } => nullable(expr),
            PlannedExpr::IsNil(_) => false,
            PlannedExpr::Cast { expr, ty: _ } => nullable(expr),
            // Raw SQL may give NULL whatever its arguments are.
            PlannedExpr::Fragment { .. } => true,
            // A missing key, a short array or (as text) a value that is no string.
            PlannedExpr::JsonPath { .. } => true,
            PlannedExpr::Like {
                expr,
                pattern,
                case_insensitive: _,
            } => nullable(expr) || nullable(pattern),
            PlannedExpr::Aggregate {
                func: AggFunc::Count,
                ..
            } => false,
            PlannedExpr::Aggregate { .. } => true,
            PlannedExpr::Coalesce(args) => self.list(*args).iter().all(nullable),
            // NULL where undefined, or where the two are equal.
            PlannedExpr::Func {
                func: Func::Sqrt | Func::Power | Func::NullIf,
                ..
            } => true,
            PlannedExpr::Func { func: _, args } => self.list(*args).iter().any(nullable),
            // A value of any branch may be the result, and no `else` is `ELSE NULL`.
            PlannedExpr::Case { whens, otherwise } => {
                otherwise.is_none_or(|otherwise| nullable(&otherwise))
                    || self.list(*whens).iter().skip(1).step_by(2).any(nullable)
            }
            // A comparison of rows may be NULL where an item may be (`(1, NULL) < (1, 2)` is
            // NULL, though `(1, NULL) < (2, 0)` is not).
            PlannedExpr::Row(items) => self.list(*items).iter().any(nullable),
            // `exists` is true or false; any other subquery may have no row, or compare
            // with a NULL.
            PlannedExpr::Subquery {
                test: SubqueryTest::Exists,
                ..
            } => false,
            PlannedExpr::Subquery { .. } => true,
        }
    }
}

/// Whether `expr` is a number written in the query that is not zero.
fn is_non_zero_literal(expr: &PlannedExpr<'_>) -> bool {
    match expr {
        PlannedExpr::Lit(Value::I32(n)) => *n != 0,
        PlannedExpr::Lit(Value::I64(n)) => *n != 0,
        PlannedExpr::Lit(Value::F64(f)) => *f != 0.0,
        _ => false,
    }
}
