//! `ORDER BY`: plain `ASC`/`DESC` as written (each engine's default NULL placement applies,
//! as in Ecto), and explicit NULL placements natively or through a leading `IS NULL` key.

use recto_core::{Direction, Error};
use recto_planner::{OrderItem, PlannedExpr};

use super::Writer;
use crate::dialect::{Dialect, NullsOrder};

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
        let (order, nulls_first) = match direction {
            Direction::Asc => return self.sorted(expr, " ASC"),
            Direction::Desc => return self.sorted(expr, " DESC"),
            Direction::AscNullsFirst => (" ASC", true),
            Direction::AscNullsLast => (" ASC", false),
            Direction::DescNullsFirst => (" DESC", true),
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
