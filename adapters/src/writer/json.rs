//! Equality of JSON documents: `==`, `!=`, `in [..]` and `in ^list` with a JSON operand,
//! cast where the dialect's own equality of documents is not that of their canonical text
//! ([`JsonEquality`]). The planner has already refused every ordering of documents; this
//! module knows only which operands to cast and how to spell the cast.

use recto_core::{Array, Error, Ty};
use recto_planner::ExprId;

use super::Writer;
use crate::dialect::{Dialect, JsonEquality};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// The type the operands of an equality among `operands` are cast to: the dialect's, if
    /// one of them is a JSON document and the dialect casts; `None` otherwise.
    pub(super) fn json_cast(
        &self,
        operands: impl IntoIterator<Item = ExprId>,
    ) -> Option<&'static str> {
        let JsonEquality::Cast(ty) = self.quirks.json_equality else {
            return None;
        };
        operands
            .into_iter()
            .any(|id| self.exprs.ty(id) == Some(Ty::Json))
            .then_some(ty)
    }

    /// [`Writer::json_cast`] for `expr in ^list`: a list of documents casts too.
    pub(super) fn json_list_cast(&self, expr: ExprId, list: &Array) -> Option<&'static str> {
        match (self.quirks.json_equality, list.elem_ty()) {
            (JsonEquality::Cast(ty), Ty::Json) => Some(ty),
            _ => self.json_cast([expr]),
        }
    }

    /// An operand of a comparison, cast to `cast` when there is one.
    pub(super) fn compared(&mut self, expr: ExprId, cast: Option<&str>) -> Result<(), Error> {
        match cast {
            Some(ty) => self.cast(expr, ty),
            None => self.operand(expr),
        }
    }

    /// Opens the cast of a bound value: `CAST(`.
    pub(super) fn open_cast(&mut self, cast: Option<&str>) {
        if cast.is_some() {
            self.sql("CAST(");
        }
    }

    /// Closes the cast of a bound value: ` AS ty)`, or ` AS ty[])` for an array.
    pub(super) fn close_cast(&mut self, cast: Option<&str>, array: bool) {
        if let Some(ty) = cast {
            self.sql(" AS ");
            self.sql(ty);
            if array {
                self.sql("[]");
            }
            self.sql(")");
        }
    }

    /// The candidates of `x IN (a, b)`, each cast to `cast` when there is one.
    pub(super) fn compared_list(
        &mut self,
        list: &[ExprId],
        cast: Option<&str>,
    ) -> Result<(), Error> {
        let Some(ty) = cast else {
            return self.list(list);
        };
        for (n, item) in list.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.cast(*item, ty)?;
        }
        Ok(())
    }
}
