//! The SQL type an expression evaluates to, where the plan alone decides it: a column's
//! declared type, a value's type, and what operators make of them. Printers consult it
//! where an engine's spelling depends on the operands' types (MySQL divides integers with
//! `DIV`, not `/`).

use recto_core::{AggFunc, BinOp, Ty, UnOp, Value};

use crate::planned::PlannedExpr;

impl PlannedExpr<'_> {
    /// The type this expression evaluates to, or `None` where the plan cannot tell (a
    /// schemaless column) or the engines disagree (`sum` and `avg` return different types in
    /// each engine).
    ///
    /// ```
    /// use recto_core::{BinOp, Ty, Value};
    /// use recto_planner::PlannedExpr;
    ///
    /// let two = Value::I32(2);
    /// let big = Value::I64(7);
    /// let sum = PlannedExpr::Binary {
    ///     op: BinOp::Add,
    ///     left: Box::new(PlannedExpr::Lit(&two)),
    ///     right: Box::new(PlannedExpr::Param(&big)),
    /// };
    /// assert_eq!(sum.ty(), Some(Ty::I64));
    /// ```
    pub fn ty(&self) -> Option<Ty> {
        match self {
            PlannedExpr::Column(column) => column.ty,
            PlannedExpr::Lit(value) | PlannedExpr::Param(value) => value_ty(value),
            PlannedExpr::Unary {
                op: UnOp::Neg,
                expr,
            } => expr.ty(),
            PlannedExpr::Unary { op: UnOp::Not, .. } => Some(Ty::Bool),
            PlannedExpr::Unary { .. } => None,
            PlannedExpr::Binary { op, left, right } => match op {
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem => {
                    arithmetic(left.ty()?, right.ty()?)
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
            } => match func {
                AggFunc::Count => Some(Ty::I64),
                AggFunc::Min | AggFunc::Max => arg.as_ref()?.ty(),
                _ => None,
            },
            PlannedExpr::Coalesce(args) => args.iter().find_map(PlannedExpr::ty),
        }
    }
}

fn value_ty(value: &Value) -> Option<Ty> {
    match value {
        Value::Array(_) => None,
        other => Some(other.ty()),
    }
}

/// The type of `left op right` for an arithmetic operator: integers stay integers (64-bit if
/// either side is), anything with a float is a float.
fn arithmetic(left: Ty, right: Ty) -> Option<Ty> {
    match (left, right) {
        (Ty::I64, Ty::I16 | Ty::I32 | Ty::I64) | (Ty::I16 | Ty::I32, Ty::I64) => Some(Ty::I64),
        (Ty::I16 | Ty::I32, Ty::I16 | Ty::I32) => Some(Ty::I32),
        (Ty::F32 | Ty::F64, Ty::I16 | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64)
        | (Ty::I16 | Ty::I32 | Ty::I64, Ty::F32 | Ty::F64) => Some(Ty::F64),
        _ => None,
    }
}
