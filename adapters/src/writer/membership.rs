//! Membership: `x in [a, b]` and `x in ^list`, bound as one array (`= ANY($1)`) or
//! expanded into one placeholder per element, padded so that a statement cache serves many
//! lengths with one shape.

use recto_core::{Array, Error, Ty, Value};
use recto_planner::{ExprId, ExprList, PlannedExpr};

use super::Writer;
use super::params::Origin;
use crate::dialect::{Decimals, Dialect, InParam};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `(x IN (a, b))`; an empty list matches nothing.
    #[inline(never)]
    pub(super) fn in_list(&mut self, expr: ExprId, list: ExprList) -> Result<(), Error> {
        if list.is_empty() {
            self.nothing();
            return Ok(());
        }
        if matches!(self.exprs.get(expr), PlannedExpr::Row(_)) {
            return self.row_in_list(expr, list);
        }
        let list = self.exprs.list(list);
        if self.is_scaled_comparison(&[expr]) || self.is_scaled_comparison(list) {
            return self.scaled_in_list(expr, list);
        }
        let cast = self.json_cast(std::iter::once(expr).chain(list.iter().copied()));
        self.sql("(");
        self.compared(expr, cast)?;
        self.sql(" IN (");
        self.compared_list(list, cast)?;
        self.sql("))");
        Ok(())
    }

    /// `(x = ANY($1))` or `(x IN (?, ?, ?, ?))`, as the dialect binds lists.
    #[inline(never)]
    pub(super) fn in_param(&mut self, expr: ExprId, list: &Array) -> Result<(), Error> {
        self.expect_decimals(Some(list.elem_ty()))?;
        if self.quirks.decimals == Decimals::Scaled
            && (list.elem_ty() == Ty::Decimal || self.is_scaled_comparison(&[expr]))
        {
            return self.scaled_in_param(expr, list);
        }
        let cast = self.json_list_cast(expr, list);
        match self.quirks.in_param {
            InParam::AnyArray => {
                self.sql("(");
                self.compared(expr, cast)?;
                self.sql(" = ANY(");
                self.open_cast(cast);
                self.bind(Value::Array(list.clone()), Origin::list(list))?;
                self.close_cast(cast, true);
                self.sql("))");
            }
            InParam::Expand => {
                let Some(last) = list.len().checked_sub(1) else {
                    self.nothing();
                    return Ok(());
                };
                self.sql("(");
                self.compared(expr, cast)?;
                self.sql(" IN (");
                for n in 0..self.padded_len(list.len()) {
                    if n > 0 {
                        self.sql(", ");
                    }
                    let Some(value) = list.get(n.min(last)) else {
                        return Err(self.unsupported("a list parameter of this element type"));
                    };
                    self.open_cast(cast);
                    self.bind(value, Origin::element(list, n))?;
                    self.close_cast(cast, false);
                }
                self.sql("))");
            }
        }
        Ok(())
    }

    /// How many placeholders a list of `len` elements expands to. Padding by repeating the
    /// last element changes no match and lets a statement cache serve many lengths with one
    /// shape: up to 1024 elements, to the next power of two (5 to 8 share a shape); past it,
    /// to the next multiple of 1024. A list is padded only while the whole statement — every
    /// parameter the plan counted, before and after the list, plus the padding of earlier
    /// lists and this one — stays within the dialect's parameter limit.
    pub(super) fn padded_len(&mut self, len: usize) -> usize {
        let padded = padded_len(len);
        let extra = padded - len;
        let total = self.planned_params + self.padding + extra;
        if !self.pad_lists || total > self.quirks.max_params {
            return len;
        }
        self.padding += extra;
        padded
    }

    /// The condition that matches no row, for `in` an empty list: `(1 = 0)` is valid, and
    /// false, in every engine (`x IN ()` is a syntax error in all three).
    pub(super) fn nothing(&mut self) {
        self.sql("(1 = 0)");
    }
}

/// The length a non-empty list of `len` elements is padded to where the statement's
/// parameter limit allows it: up to 1024, the next power of two; past it, the next multiple
/// of 1024. The shape cache keys lists by it, so it must be the writer's own rule.
pub(crate) fn padded_len(len: usize) -> usize {
    if len <= 1024 {
        len.next_power_of_two()
    } else {
        len.div_ceil(1024).saturating_mul(1024)
    }
}
