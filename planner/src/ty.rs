//! The SQL type an expression evaluates to, where the plan alone decides it: a column's
//! declared type, a value's type, and what operators and aggregates make of them. Printers
//! consult it where an engine's spelling depends on the operands' types (MySQL divides
//! integers with `DIV`, not `/`) and where a result must be cast so that it decodes into the
//! same Rust type on every engine (`sum` of integers is a 64-bit integer everywhere).

use recto_core::{AggFunc, BinOp, Error, JsonAs, SubqueryTest, Ty, UnOp, Value};

use crate::bindings::Scope;
use crate::describe::{describe, rust_type};
use crate::expr::MAX_DEPTH;
use crate::expr::func::Typing;
use crate::exprs::{ExprId, Exprs};
use crate::planned::PlannedExpr;

impl Exprs<'_> {
    /// The type the expression `id` evaluates to, which is the Rust type its value decodes
    /// into on every engine as the adapters print it, or `None` where the plan cannot tell (a
    /// schemaless column, or an operation on one).
    ///
    /// Arithmetic follows PostgreSQL, the strictest engine about result types: integers give
    /// the wider integer (`i16 + i16` is `i16`, a literal `1` is an `i32`), a float with an
    /// integer or a double gives a double, and two single-precision floats stay single. MySQL
    /// and SQLite widen more (MySQL adds integers as `BIGINT`), and their values decode into
    /// the narrower type too. `count` is an `i64`; `sum` is an `i64` over integers, an
    /// `f64` over floats and a decimal over decimals; `avg` is an `f64`, or a decimal over
    /// decimals; `min` and `max` have their argument's type; and `coalesce` the widest of
    /// its arguments' types (`i16 < i32 < i64 < decimal < f32 < f64`, as PostgreSQL unifies
    /// them). A decimal with an integer or a decimal is a decimal, and a float literal
    /// beside a decimal is one too (see `Exprs::is_exact_literal`).
    ///
    /// ```
    /// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Ty, Value};
    ///
    /// let sum = Expr::binary(BinOp::Add, Expr::Lit(Value::I32(2)), Expr::Param(Value::I64(7)));
    /// let q = Query::table("t").select(Select::One(Selected::Expr(sum)));
    /// let planned = recto_planner::plan(q.data()).unwrap();
    /// assert_eq!(planned.exprs.ty(planned.select[0].expr), Some(Ty::I64));
    /// ```
    ///
    /// The walk is bounded like the planner's: past
    /// [`MAX_EXPR_DEPTH`](recto_core::MAX_EXPR_DEPTH) levels (deeper than any plan
    /// [`plan`](crate::plan) returns) the type is `None`, unknown.
    pub fn ty(&self, id: ExprId) -> Option<Ty> {
        self.ty_at(id, 0)
    }

    /// The type of expression `id`, which sits `depth` levels below the one asked about.
    fn ty_at(&self, id: ExprId, depth: usize) -> Option<Ty> {
        if depth > MAX_DEPTH {
            return None;
        }
        let next = depth + 1;
        match self.get(id) {
            PlannedExpr::Column(column) => column.ty,
            PlannedExpr::Lit(_) if self.is_exact_literal(id) => Some(Ty::Decimal),
            PlannedExpr::Lit(value) | PlannedExpr::Param(value) => value_ty(value),
            PlannedExpr::Unary {
                op: UnOp::Neg,
                expr,
            } => self.ty_at(*expr, next),
            PlannedExpr::Unary { op: UnOp::Not, .. } => Some(Ty::Bool),
            PlannedExpr::Unary { .. } => None,
            PlannedExpr::Binary { op, left, right } => match op {
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem => {
                    arithmetic(self.ty_at(*left, next)?, self.ty_at(*right, next)?)
                }
                _ => Some(Ty::Bool),
            },
            PlannedExpr::InList { .. }
            | PlannedExpr::InParam { .. }
            | PlannedExpr::IsNil(_)
            | PlannedExpr::Like { .. } => Some(Ty::Bool),
            PlannedExpr::Aggregate {
                func,
                arg,
                distinct: _,
                filter: _,
            } => match func {
                AggFunc::Count => Some(Ty::I64),
                AggFunc::Sum => match self.ty_at((*arg)?, next)? {
                    Ty::I16 | Ty::I32 | Ty::I64 => Some(Ty::I64),
                    Ty::F32 | Ty::F64 => Some(Ty::F64),
                    Ty::Decimal => Some(Ty::Decimal),
                    _ => None,
                },
                AggFunc::Avg => match self.ty_at((*arg)?, next) {
                    Some(Ty::Decimal) => Some(Ty::Decimal),
                    _ => Some(Ty::F64),
                },
                AggFunc::Min | AggFunc::Max => self.ty_at((*arg)?, next),
                _ => None,
            },
            PlannedExpr::Coalesce(args) => self.unified_at(self.list(*args), next),
            PlannedExpr::Func {
                func: recto_core::Func::DatetimeAdd(_),
                args,
            } => {
                // A timestamp moved is a timestamp of its kind: naive, or an instant.
                let moved = *self.list(*args).first()?;
                match self.ty_at(moved, next) {
                    Some(Ty::TimestampUtc) => Some(Ty::TimestampUtc),
                    _ => Some(Ty::Timestamp),
                }
            }
            PlannedExpr::Func { func, args } => match crate::expr::func::typing(*func) {
                Typing::Fixed(ty) => Some(ty),
                Typing::First => self.ty_at(*self.list(*args).first()?, next),
                Typing::Unified => self.unified_at(self.list(*args), next),
            },
            PlannedExpr::Case { whens, otherwise } => {
                let values = self.list(*whens).iter().skip(1).step_by(2);
                self.unified_at(values.chain(otherwise), next)
            }
            PlannedExpr::Subquery {
                test: SubqueryTest::Scalar,
                operand: _,
                query,
            } => {
                let (exprs, column) = self.scalar_column(*query)?;
                exprs.ty(column)
            }
            PlannedExpr::Subquery { .. } => Some(Ty::Bool),
            // A row is not one value: only its items have types.
            PlannedExpr::Row(_) => None,
            PlannedExpr::Cast { expr: _, ty } => Some(*ty),
            PlannedExpr::Fragment {
                parts: _,
                args: _,
                ty,
            } => *ty,
            PlannedExpr::JsonPath {
                expr: _,
                path: _,
                as_: JsonAs::Text,
            } => Some(Ty::Text),
            PlannedExpr::JsonPath { .. } => Some(Ty::Json),
        }
    }
}

fn value_ty(value: &Value) -> Option<Ty> {
    match value {
        Value::Array(_) => None,
        other => Some(other.ty()),
    }
}

/// The type of `left op right` for an arithmetic operator, as PostgreSQL chooses it: two
/// integers give the wider one, two single-precision floats stay single, and a float with
/// anything else numeric is a double.
fn arithmetic(left: Ty, right: Ty) -> Option<Ty> {
    match (left, right) {
        (Ty::F32, Ty::F32) => Some(Ty::F32),
        (Ty::F32 | Ty::F64, _) | (_, Ty::F32 | Ty::F64) => {
            (numeric_rank(left).is_some() && numeric_rank(right).is_some()).then_some(Ty::F64)
        }
        _ => unify(left, right).filter(|ty| numeric_rank(*ty).is_some()),
    }
}

impl Exprs<'_> {
    /// The one type the expressions `ids` all become, as `coalesce` unifies them.
    pub(crate) fn unified(&self, ids: &[ExprId]) -> Option<Ty> {
        self.unified_at(ids, 0)
    }

    /// [`Exprs::unified`] of expressions `depth` levels below the one asked about.
    fn unified_at<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a ExprId>,
        depth: usize,
    ) -> Option<Ty> {
        let mut tys = ids.into_iter().map(|id| self.ty_at(*id, depth));
        let first = tys.next()??;
        tys.try_fold(first, |common, ty| unify(common, ty?))
    }
}

/// Checks that `values`, used as `what` (the branches of a conditional), have one type
/// where the plan knows theirs: the engines would otherwise each convert them their own way
/// (MySQL to text, SQLite not at all), or fail.
pub(crate) fn expect_unified(
    scope: &Scope<'_, '_>,
    what: &str,
    exprs: &Exprs<'_>,
    values: &[ExprId],
) -> Result<(), Error> {
    let mut common: Option<(Ty, ExprId)> = None;
    for &value in values {
        let Some(ty) = exprs.ty(value) else {
            continue;
        };
        common = match common {
            None => Some((ty, value)),
            Some((so_far, _)) if let Some(unified) = unify(so_far, ty) => Some((unified, value)),
            Some((so_far, first)) => {
                return Err(scope.invalid(format!(
                    "{what} have no one type: `{}` is a `{}` and `{}` a `{}`",
                    describe(exprs, first),
                    rust_type(so_far),
                    describe(exprs, value),
                    rust_type(ty)
                )));
            }
        };
    }
    Ok(())
}

/// The one type two values of types `left` and `right` both become, as `coalesce` (and
/// PostgreSQL's implicit casts) unify them: the same type, or the wider number.
fn unify(left: Ty, right: Ty) -> Option<Ty> {
    if left == right {
        return Some(left);
    }
    let (l, r) = (numeric_rank(left)?, numeric_rank(right)?);
    Some(if l >= r { left } else { right })
}

/// Where a numeric type sits in PostgreSQL's chain of implicit casts:
/// `smallint -> integer -> bigint -> numeric -> real -> double precision`.
fn numeric_rank(ty: Ty) -> Option<u8> {
    match ty {
        Ty::I16 => Some(0),
        Ty::I32 => Some(1),
        Ty::I64 => Some(2),
        Ty::Decimal => Some(3),
        Ty::F32 => Some(4),
        Ty::F64 => Some(5),
        _ => None,
    }
}
