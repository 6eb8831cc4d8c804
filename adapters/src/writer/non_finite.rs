//! The check behind [`NonFiniteFloats::NoArithmetic`]: where a NaN or infinite float may
//! not be computed with, a statement that would compute with one is rejected before any SQL
//! is written. It reads the plan only; it prints nothing.

use recto_core::{AggFunc, Array, BinOp, Error, Ty, UnOp, Value};
use recto_planner::{ExprId, Exprs, OrderItem, Planned, PlannedExpr, PlannedJoin, SelectItem};

use super::Writer;
use crate::dialect::{Dialect, NonFiniteFloats};

/// What one walk over a statement's expressions found.
#[derive(Default)]
struct Found {
    /// Some arithmetic: `+ - * / %`, a negation, `sum` or `avg`.
    arithmetic: bool,
    /// A non-finite float inside arithmetic.
    computed: bool,
    /// A non-finite float compared for equality (or membership) with an expression that
    /// may be a float, which the engine may put in the column's place elsewhere.
    equated: bool,
}

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// [`Error::Unsupported`] when the dialect cannot compute with a NaN or an infinity and
    /// the statement would (see [`NonFiniteFloats::NoArithmetic`]).
    #[inline]
    pub(super) fn check_non_finite(&self, planned: &Planned<'_>) -> Result<(), Error> {
        if self.quirks.non_finite_floats == NonFiniteFloats::Native {
            return Ok(());
        }
        self.check_non_finite_walk(planned)
    }

    /// [`Writer::check_non_finite`] where the dialect cannot compute with a NaN.
    #[inline(never)]
    fn check_non_finite_walk(&self, planned: &Planned<'_>) -> Result<(), Error> {
        let Planned {
            distinct: _,
            exprs,
            select,
            from: _,
            joins,
            filter,
            group_by,
            having,
            order_by,
            limit: _,
            offset: _,
            size: _,
            combined,
            derived,
            outer: _,
            ctes,
            recursive_ctes: _,
        } = planned;
        // Each nested query is checked on its own.
        if let Some(combined) = combined {
            for member in &combined.members {
                self.check_non_finite_walk(&member.query)?;
            }
        }
        let ctes = ctes.iter().map(|cte| &cte.query);
        for nested in derived.iter().chain(exprs.queries()).chain(ctes) {
            self.check_non_finite_walk(nested)?;
        }
        let mut found = Found::default();
        let roots = select
            .iter()
            .map(|SelectItem { expr, alias: _ }| expr)
            .chain(joins.iter().filter_map(
                |PlannedJoin {
                     kind: _,
                     binding: _,
                     on,
                     top_n: _,
                 }| on.as_ref(),
            ))
            .chain(filter)
            .chain(group_by)
            .chain(having)
            .chain(order_by.iter().map(|OrderItem { expr, direction: _ }| expr));
        for root in roots {
            walk(exprs, *root, false, &mut found);
        }
        if found.computed || (found.equated && found.arithmetic) {
            return Err(self.unsupported(
                "arithmetic with a NaN or infinite float (or such a float compared equal in a \
                 statement with arithmetic)",
            ));
        }
        Ok(())
    }
}

/// Records in `found` what expression `id` of `exprs` holds; `computed` is whether it is an
/// operand of arithmetic. The walk is as deep as the expression, which the planner bounds.
fn walk(exprs: &Exprs<'_>, id: ExprId, computed: bool, found: &mut Found) {
    match exprs.get(id) {
        PlannedExpr::Lit(value) | PlannedExpr::Param(value) => {
            found.computed |= computed && non_finite(value);
        }
        PlannedExpr::Column(_) => {}
        PlannedExpr::Unary { op, expr } => {
            let negation = *op == UnOp::Neg;
            found.arithmetic |= negation;
            walk(exprs, *expr, computed || negation, found);
        }
        PlannedExpr::Binary { op, left, right } => {
            let arithmetic = matches!(
                op,
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem
            );
            found.arithmetic |= arithmetic;
            if *op == BinOp::Eq {
                found.equated |= equates_either(exprs, *left, *right);
            }
            walk(exprs, *left, computed || arithmetic, found);
            walk(exprs, *right, computed || arithmetic, found);
        }
        PlannedExpr::InList { expr, list } => {
            let list = exprs.list(*list);
            found.equated |= list.iter().any(|item| equates_either(exprs, *expr, *item));
            walk(exprs, *expr, computed, found);
            for item in list {
                walk(exprs, *item, computed, found);
            }
        }
        PlannedExpr::InParam { expr, list } => {
            let non_finite_element = match list {
                Array::F64(floats) => floats.iter().any(|f| !f.is_finite()),
                _ => false,
            };
            found.equated |= non_finite_element && may_be_float(exprs, *expr);
            found.computed |= computed && non_finite_element;
            walk(exprs, *expr, computed, found);
        }
        PlannedExpr::IsNil(expr)
        | PlannedExpr::Cast { expr, ty: _ }
        | PlannedExpr::JsonPath {
            expr,
            path: _,
            as_: _,
        } => walk(exprs, *expr, computed, found),
        PlannedExpr::Like {
            expr,
            pattern,
            case_insensitive: _,
        } => {
            walk(exprs, *expr, computed, found);
            walk(exprs, *pattern, computed, found);
        }
        PlannedExpr::Aggregate {
            func,
            arg,
            distinct: _,
            filter,
        } => {
            let sums = matches!(func, AggFunc::Sum | AggFunc::Avg);
            found.arithmetic |= sums;
            if let Some(arg) = arg {
                walk(exprs, *arg, computed || sums, found);
            }
            if let Some(filter) = filter {
                walk(exprs, *filter, computed, found);
            }
        }
        PlannedExpr::Coalesce(args)
        | PlannedExpr::Func { func: _, args }
        | PlannedExpr::Row(args) => {
            for arg in exprs.list(*args) {
                walk(exprs, *arg, computed, found);
            }
        }
        // The fragment's SQL may compute with its arguments: each counts as an operand of
        // arithmetic.
        PlannedExpr::Fragment {
            parts: _,
            args,
            ty: _,
        } => {
            found.arithmetic = true;
            for arg in exprs.list(*args) {
                walk(exprs, *arg, true, found);
            }
        }
        PlannedExpr::Case { whens, otherwise } => {
            for part in exprs.list(*whens).iter().chain(otherwise) {
                walk(exprs, *part, computed, found);
            }
        }
        PlannedExpr::Subquery {
            test: _,
            operand,
            query: _,
        } => {
            if let Some(operand) = operand {
                walk(exprs, *operand, computed, found);
            }
        }
    }
}

/// Whether `value` is a NaN or an infinity.
fn non_finite(value: &Value) -> bool {
    matches!(value, Value::F64(f) if !f.is_finite())
}

/// Whether `a = b` compares something that may be a float with a non-finite value, either
/// way round; for two rows, whether a pair of their items does.
fn equates_either(exprs: &Exprs<'_>, a: ExprId, b: ExprId) -> bool {
    if let (PlannedExpr::Row(a), PlannedExpr::Row(b)) = (exprs.get(a), exprs.get(b)) {
        let pairs = exprs.list(*a).iter().zip(exprs.list(*b));
        return pairs
            .into_iter()
            .any(|(a, b)| equates(exprs, *a, *b) || equates(exprs, *b, *a));
    }
    equates(exprs, a, b) || equates(exprs, b, a)
}

/// Whether `expr = value` compares something that may be a float with a non-finite value.
fn equates(exprs: &Exprs<'_>, expr: ExprId, value: ExprId) -> bool {
    let non_finite_value = match exprs.get(value) {
        PlannedExpr::Lit(value) | PlannedExpr::Param(value) => non_finite(value),
        _ => false,
    };
    non_finite_value && may_be_float(exprs, expr)
}

/// Whether `expr` is a float, or of a type the plan cannot tell.
fn may_be_float(exprs: &Exprs<'_>, expr: ExprId) -> bool {
    matches!(exprs.ty(expr), None | Some(Ty::F32 | Ty::F64))
}
