//! `cast(x, T)`: `CAST(x AS <type>)` with the engine's name for the type
//! ([`CastTypes`](crate::dialect::CastTypes)), or `date(x)` where the engine has no date
//! type. The planner let through only the casts that give one answer on every engine.

use recto_core::{Error, Ty};
use recto_planner::ExprId;

use super::Writer;
use crate::dialect::{DateCast, Dialect};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `CAST(expr AS type)`, or the dialect's form of a date cast.
    #[inline(never)]
    pub(super) fn cast_to(&mut self, expr: ExprId, ty: Ty) -> Result<(), Error> {
        let names = self.quirks.cast_types;
        let name = match ty {
            Ty::I16 => names.smallint,
            Ty::I32 => names.integer,
            Ty::I64 => names.bigint,
            Ty::F32 => names.real,
            Ty::F64 => names.double,
            Ty::Text => names.text,
            Ty::Date => match names.date {
                DateCast::Cast(name) => name,
                DateCast::DateFunction => {
                    self.sql("date(");
                    self.expr(expr)?;
                    self.sql(")");
                    return Ok(());
                }
            },
            _ => return Err(self.unsupported("a cast to this type")),
        };
        self.cast(expr, name)
    }
}
