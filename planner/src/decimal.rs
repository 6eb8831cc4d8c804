//! Exact decimals in a plan: the scale each decimal expression has (which the adapters need
//! to give `/` and `avg` one answer on every engine), and the float literals written beside
//! a decimal, which are decimals too (`1.0 - l.discount`, `0.06 - 0.01 == l.discount`).
//!
//! A float literal reaches the planner as the `f64` rustc parsed. Its shortest round-trip
//! text (Rust's `Display`) is the text the user wrote for literals of up to 15 significant
//! digits (any such decimal text survives the trip through a double), so that text is the
//! decimal the literal stands for; past 15 digits it is the double's nearest shortest text.
//!
//! This module knows no SQL: it says which literals are exact and what scale an expression
//! has, and the writer prints them.

use recto_core::{AggFunc, BinOp, Error, Func, SubqueryTest, Ty, UnOp, Value};

use crate::bindings::Scope;
use crate::describe::describe;
use crate::expr::MAX_DEPTH;
use crate::exprs::{ExprId, Exprs};
use crate::planned::PlannedExpr;

/// The largest scale a decimal has: `rust_decimal::Decimal` holds 28 digits after the point.
pub const MAX_SCALE: u32 = 28;

/// How many digits a quotient or an average has after the point beyond its dividend's.
pub const DIVISION_EXTRA_SCALE: u32 = 4;

impl Exprs<'_> {
    /// Makes the float literals among `operands` exact decimals when another of them is a
    /// decimal: the operands of one comparison, arithmetic, `in [..]` or `coalesce`.
    pub(crate) fn type_float_literals(&mut self, operands: &[ExprId]) {
        let decimal = operands
            .iter()
            .any(|operand| self.ty(*operand) == Some(Ty::Decimal));
        if !decimal {
            return;
        }
        for operand in operands {
            if self.is_float_literal(*operand, 0) {
                let first = self.first(*operand);
                for index in first..=self.index_of(*operand) {
                    let id = self.id(index);
                    if matches!(self.get(id), PlannedExpr::Lit(Value::F64(_))) {
                        self.mark_exact(id);
                    }
                }
            }
        }
    }

    /// Whether `id` is computed from number literals only, one of them a finite float.
    fn is_float_literal(&self, id: ExprId, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let literal = |id: ExprId| match self.get(id) {
            PlannedExpr::Lit(Value::I32(_) | Value::I64(_)) => true,
            _ => self.is_float_literal(id, depth + 1),
        };
        match self.get(id) {
            PlannedExpr::Lit(Value::F64(f)) => f.is_finite(),
            PlannedExpr::Unary {
                op: UnOp::Neg,
                expr,
            } => self.is_float_literal(*expr, depth + 1),
            PlannedExpr::Binary {
                op: BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem,
                left,
                right,
            } => {
                literal(*left)
                    && literal(*right)
                    && (self.is_float_literal(*left, depth + 1)
                        || self.is_float_literal(*right, depth + 1))
            }
            _ => false,
        }
    }

    /// The number of digits after the point of the decimal expression `id`, where the plan
    /// decides it: a column's declared scale, a value's own (`1.10` has 2), an integer's 0;
    /// the larger of two for `+`, `-`, `%` and `coalesce`, the sum for `*`; for `/` and `avg`
    /// the dividend's plus 4 (at most 28), which the adapters make every engine give; for
    /// `sum`, `min` and `max` their argument's. `None` where it is not a decimal or an
    /// integer, or the plan cannot tell.
    pub fn scale(&self, id: ExprId) -> Option<u32> {
        self.scale_at(id, 0)
    }

    fn scale_at(&self, id: ExprId, depth: usize) -> Option<u32> {
        if depth > MAX_DEPTH {
            return None;
        }
        let next = depth + 1;
        match self.get(id) {
            PlannedExpr::Column(column) => match column.ty? {
                Ty::Decimal => column.decimal.map(|(_, scale)| u32::from(scale)),
                ty => integer_scale(ty),
            },
            PlannedExpr::Lit(Value::F64(f)) if self.is_exact_literal(id) => Some(literal_scale(*f)),
            PlannedExpr::Lit(value) | PlannedExpr::Param(value) => match value {
                Value::Null(Ty::Decimal) => Some(0),
                other => other.decimal_scale().or_else(|| integer_scale(other.ty())),
            },
            PlannedExpr::Unary {
                op: UnOp::Neg,
                expr,
            } => self.scale_at(*expr, next),
            PlannedExpr::Binary { op, left, right } => {
                let left = self.scale_at(*left, next);
                match op {
                    BinOp::Add | BinOp::Sub | BinOp::Rem => {
                        Some(left?.max(self.scale_at(*right, next)?))
                    }
                    BinOp::Mul => Some((left? + self.scale_at(*right, next)?).min(MAX_SCALE)),
                    BinOp::Div => Some(quotient_scale(left?)),
                    _ => None,
                }
            }
            PlannedExpr::Aggregate {
                func,
                arg,
                distinct: _,
                filter: _,
            } => {
                let arg = self.scale_at((*arg)?, next)?;
                match func {
                    AggFunc::Sum | AggFunc::Min | AggFunc::Max => Some(arg),
                    AggFunc::Avg => Some(quotient_scale(arg)),
                    _ => None,
                }
            }
            PlannedExpr::Coalesce(args) => self
                .list(*args)
                .iter()
                .try_fold(0, |scale, arg| Some(scale.max(self.scale_at(*arg, next)?))),
            PlannedExpr::Func { func, args } => {
                let args = self.list(*args);
                match (func, args) {
                    (Func::Abs, [first]) => self.scale_at(*first, next),
                    (Func::Ceil | Func::Floor | Func::Round, [_]) => Some(0),
                    (Func::Round, [_, digits]) => match self.get(*digits) {
                        PlannedExpr::Lit(Value::I32(digits)) => u32::try_from(*digits).ok(),
                        _ => None,
                    },
                    // `nullif`'s at the larger scale, as the comparison needs; `a`'s value
                    // is the same at it.
                    (Func::Greatest | Func::Least | Func::NullIf, _) => args
                        .iter()
                        .try_fold(0, |scale, arg| Some(scale.max(self.scale_at(*arg, next)?))),
                    _ => None,
                }
            }
            PlannedExpr::Case { whens, otherwise } => self
                .list(*whens)
                .iter()
                .skip(1)
                .step_by(2)
                .chain(otherwise)
                .try_fold(0, |scale, value| {
                    Some(scale.max(self.scale_at(*value, next)?))
                }),
            PlannedExpr::Subquery {
                test: SubqueryTest::Scalar,
                operand: _,
                query,
            } => {
                let (exprs, column) = self.scalar_column(*query)?;
                exprs.scale(column)
            }
            _ => None,
        }
    }
}

/// The scale of a quotient or an average of a dividend of scale `dividend`.
pub fn quotient_scale(dividend: u32) -> u32 {
    (dividend + DIVISION_EXTRA_SCALE).min(MAX_SCALE)
}

/// An integer's scale, 0; `None` for any other type.
fn integer_scale(ty: Ty) -> Option<u32> {
    matches!(ty, Ty::I16 | Ty::I32 | Ty::I64).then_some(0)
}

/// The scale of the decimal a float literal stands for: the digits after the point of its
/// shortest round-trip text.
fn literal_scale(f: f64) -> u32 {
    let text = f.to_string();
    text.split_once('.').map_or(0, |(_, fraction)| {
        u32::try_from(fraction.len()).unwrap_or(u32::MAX)
    })
}

/// Refuses an exact decimal beside a float among the operands of one comparison,
/// arithmetic, `in` or `coalesce`, where the plan knows both types: the engines would
/// compute in doubles and lose the decimal's exactness. (Typed queries do not compile with
/// one; this catches erased ones.) `list` is the element type of an `in ^list`.
pub(crate) fn expect_no_float_beside_decimal(
    scope: &Scope<'_, '_>,
    exprs: &Exprs<'_>,
    operands: &[ExprId],
    list: Option<Ty>,
) -> Result<(), Error> {
    let tys = operands.iter().map(|id| (Some(*id), exprs.ty(*id)));
    let tys = tys.chain(list.map(|ty| (None, Some(ty))));
    let (mut decimal, mut float) = (None, None);
    for (id, ty) in tys {
        match ty {
            Some(Ty::Decimal) => decimal = Some(id),
            Some(Ty::F32 | Ty::F64) => float = Some(id),
            _ => {}
        }
    }
    match (decimal, float) {
        (Some(decimal), Some(float)) => Err(float_beside_decimal(scope, exprs, decimal, float)),
        _ => Ok(()),
    }
}

#[cold]
#[inline(never)]
fn float_beside_decimal(
    scope: &Scope<'_, '_>,
    exprs: &Exprs<'_>,
    decimal: Option<ExprId>,
    float: Option<ExprId>,
) -> Error {
    let decimal = match decimal {
        Some(id) => format!("`{}` is an exact decimal", describe(exprs, id)),
        None => "the list holds exact decimals".to_owned(),
    };
    let float = match float {
        Some(id) => format!("`{}` is a float", describe(exprs, id)),
        None => "the list holds floats".to_owned(),
    };
    scope.invalid(format!(
        "{decimal} and {float}: they do not mix, since the engines would compute in doubles \
         and lose the decimal's exactness"
    ))
}
