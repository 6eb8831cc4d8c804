//! `ORDER BY`. NULLs sort as larger than every value, as in PostgreSQL (and so in Ecto): a
//! plain `ASC` puts them last and a plain `DESC` first. Where the engine sorts them the other
//! way, a plain direction on a key that can be NULL is written with its placement spelled out;
//! a key that cannot be NULL stays as written. Explicit NULL placements are written natively
//! or through a leading `IS NULL` key, which a key that cannot be NULL does not need.

use recto_core::{Direction, Error};
use recto_planner::{OrderItem, PlannedExpr};

use super::Writer;
use crate::dialect::{Dialect, NullsDefault, NullsOrder};

impl<D: Dialect + ?Sized> Writer<'_, D> {
    /// `a ASC, b DESC NULLS LAST, ...`.
    pub(super) fn order_by(&mut self, items: &[OrderItem<'_>]) -> Result<(), Error> {
        for (n, OrderItem { expr, direction }) in items.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.order_term(expr, *direction)?;
        }
        Ok(())
    }

    fn order_term(&mut self, expr: &PlannedExpr<'_>, direction: Direction) -> Result<(), Error> {
        // A plain direction needs its NULLs placed only where the engine's default differs
        // from recto's and the key can be NULL.
        let plain_needs_nulls = match self.quirks.nulls_default {
            NullsDefault::Largest => false,
            NullsDefault::Smallest => expr.nullable(),
        };
        let (order, nulls_first) = match direction {
            Direction::Asc if !plain_needs_nulls => return self.sorted(expr, " ASC"),
            Direction::Desc if !plain_needs_nulls => return self.sorted(expr, " DESC"),
            Direction::Asc | Direction::AscNullsLast => (" ASC", false),
            Direction::Desc | Direction::DescNullsFirst => (" DESC", true),
            Direction::AscNullsFirst => (" ASC", true),
            Direction::DescNullsLast => (" DESC", false),
            _ => return Err(self.unsupported("this order_by direction")),
        };
        match self.quirks.nulls_order {
            NullsOrder::Native => {
                self.expr(expr)?;
                self.sql(order);
                self.sql(if nulls_first {
                    " NULLS FIRST"
                } else {
                    " NULLS LAST"
                });
                Ok(())
            }
            // A key that cannot be NULL has nothing to place.
            NullsOrder::IsNullKey if !expr.nullable() => self.sorted(expr, order),
            // `x IS NULL` is 0 for values and 1 for NULLs, and sorts ascending: NULLs last.
            // `x IS NOT NULL` puts them first. The expression is printed (and its parameters
            // bound) twice.
            NullsOrder::IsNullKey => {
                self.operand(expr)?;
                self.sql(if nulls_first {
                    " IS NOT NULL, "
                } else {
                    " IS NULL, "
                });
                self.sorted(expr, order)
            }
        }
    }

    fn sorted(&mut self, expr: &PlannedExpr<'_>, order: &str) -> Result<(), Error> {
        self.expr(expr)?;
        self.sql(order);
        Ok(())
    }
}
