//! `cast(x, T)`: checked against the casts that give one answer on every engine, the
//! table `recto_core::dsl::CastsTo` holds at compile time, for the operands whose type is
//! known only here (schemaless fields, deserialized queries).

use recto_core::{Error, Expr, Ty};

use super::Resolver;
use crate::describe::{describe, rust_type};
use crate::exprs::ExprId;
use crate::planned::PlannedExpr;

/// The types `cast` may name.
const TARGETS: &[Ty] = &[
    Ty::I16,
    Ty::I32,
    Ty::I64,
    Ty::F32,
    Ty::F64,
    Ty::Text,
    Ty::Date,
];

/// Whether a `from` value cast to `to` is the same `to` on every engine (see `CastsTo`).
fn portable(from: Ty, to: Ty) -> bool {
    use Ty::{Date, F32, F64, I16, I32, I64, Text, Timestamp};
    match from {
        I16 => matches!(to, I16 | I32 | I64 | F32 | F64 | Text),
        I32 => matches!(to, I32 | I64 | F64 | Text),
        I64 => matches!(to, I64 | F64 | Text),
        F32 => matches!(to, F32 | F64),
        F64 => to == F64,
        Text => matches!(to, I64 | F64 | Text | Date),
        Date => matches!(to, Date | Text),
        Timestamp => to == Date,
        _ => false,
    }
}

impl<'q> Resolver<'_, '_, 'q> {
    #[inline(never)]
    pub(super) fn cast(&mut self, expr: &'q Expr, ty: Ty, depth: usize) -> Result<ExprId, Error> {
        if !TARGETS.contains(&ty) {
            return Err(self.scope.invalid(format!(
                "`cast` to `{}` is not supported: recto casts to `i16`, `i32`, `i64`, `f32`, \
                 `f64`, `String` and `NaiveDate`",
                rust_type(ty)
            )));
        }
        let expr = self.resolve(expr, depth)?;
        if let Some(from) = self.draft.exprs.ty(expr)
            && !portable(from, ty)
        {
            return Err(self.scope.invalid(format!(
                "`cast({}, {})` casts a `{}`, which the engines turn into a `{}` differently \
                 (or not at all)",
                describe(&self.draft.exprs, expr),
                rust_type(ty),
                rust_type(from),
                rust_type(ty)
            )));
        }
        Ok(self.push(PlannedExpr::Cast { expr, ty }))
    }
}
