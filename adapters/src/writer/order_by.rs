//! `ORDER BY`. NULLs sort as larger than every value, as in PostgreSQL (and so in Ecto): a
//! plain `ASC` puts them last and a plain `DESC` first. Where the engine sorts them the other
//! way, a plain direction on a key that can be NULL is written with its placement spelled out;
//! a key that cannot be NULL stays as written. Explicit NULL placements are written natively
//! or through a leading `IS NULL` key, which a key that cannot be NULL does not need.
//!
//! A sort key is an expression, or, where `DISTINCT` is written through a derived table
//! ([`DistinctSorted::DerivedTable`](crate::dialect::DistinctSorted::DerivedTable)), the
//! derived table's column that holds it.

use recto_core::{Direction, Error};
use recto_planner::{ExprId, OrderItem};

use super::Writer;
use crate::dialect::{Dialect, NullsDefault, NullsOrder};

/// What an `ORDER BY` term sorts by.
#[derive(Clone, Copy)]
pub(super) enum SortKey {
    /// An expression, printed in place.
    Expr(ExprId),
    /// Column `c<index>` of the derived table `s0`, holding an expression that can be NULL
    /// when `nullable`.
    Derived { index: usize, nullable: bool },
}

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// Whether the sort key can be NULL.
    fn key_nullable(&self, key: SortKey) -> bool {
        match key {
            SortKey::Expr(expr) => self.exprs.nullable(expr),
            SortKey::Derived { nullable, .. } => nullable,
        }
    }

    /// `a ASC, b DESC NULLS LAST, ...`.
    pub(super) fn order_by(&mut self, items: &[OrderItem]) -> Result<(), Error> {
        for (n, OrderItem { expr, direction }) in items.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.order_term(SortKey::Expr(*expr), *direction)?;
        }
        Ok(())
    }

    /// `sq0.c1 ASC, ...`: the terms `items` sorting by the derived table's columns `columns`.
    pub(super) fn order_by_derived(
        &mut self,
        items: &[OrderItem],
        columns: &[usize],
    ) -> Result<(), Error> {
        for (n, (OrderItem { expr, direction }, index)) in items.iter().zip(columns).enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            let key = SortKey::Derived {
                index: *index,
                nullable: self.exprs.nullable(*expr),
            };
            self.order_term(key, *direction)?;
        }
        Ok(())
    }

    /// `sq0.c<index>`.
    pub(super) fn derived_column(&mut self, index: usize) {
        self.sql("sq0.c");
        self.index(index);
    }

    pub(super) fn order_term(&mut self, key: SortKey, direction: Direction) -> Result<(), Error> {
        // A plain direction needs its NULLs placed only where the engine's default differs
        // from recto's and the key can be NULL.
        let plain_needs_nulls = match self.quirks.nulls_default {
            NullsDefault::Largest => false,
            NullsDefault::Smallest => self.key_nullable(key),
        };
        let (order, nulls_first) = match direction {
            Direction::Asc if !plain_needs_nulls => return self.sorted(key, " ASC"),
            Direction::Desc if !plain_needs_nulls => return self.sorted(key, " DESC"),
            Direction::Asc | Direction::AscNullsLast => (" ASC", false),
            Direction::Desc | Direction::DescNullsFirst => (" DESC", true),
            Direction::AscNullsFirst => (" ASC", true),
            Direction::DescNullsLast => (" DESC", false),
            _ => return Err(self.unsupported("this order_by direction")),
        };
        match self.quirks.nulls_order {
            NullsOrder::Native => {
                self.sorted(key, order)?;
                self.sql(if nulls_first {
                    " NULLS FIRST"
                } else {
                    " NULLS LAST"
                });
                Ok(())
            }
            // A key that cannot be NULL has nothing to place.
            NullsOrder::IsNullKey if !self.key_nullable(key) => self.sorted(key, order),
            // `x IS NULL` is 0 for values and 1 for NULLs, and sorts ascending: NULLs last.
            // `x IS NOT NULL` puts them first. The expression is printed (and its parameters
            // bound) twice.
            NullsOrder::IsNullKey => {
                match key {
                    SortKey::Expr(expr) => self.operand(expr)?,
                    SortKey::Derived { index, .. } => self.derived_column(index),
                }
                self.sql(if nulls_first {
                    " IS NOT NULL, "
                } else {
                    " IS NULL, "
                });
                self.sorted(key, order)
            }
        }
    }

    fn sorted(&mut self, key: SortKey, order: &str) -> Result<(), Error> {
        match key {
            SortKey::Expr(expr) => self.term(expr)?,
            SortKey::Derived { index, .. } => self.derived_column(index),
        }
        self.sql(order);
        Ok(())
    }
}
