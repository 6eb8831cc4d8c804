//! The select list: each selected column under its name (or numbered, for a derived
//! table), a SQLite decimal in its text form at the top of a statement.

use recto_core::Error;
use recto_planner::{PlannedExpr, SelectItem};

use super::Writer;
use crate::dialect::Dialect;

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `a, b AS "name", ...`; with `numbered`, `a AS c0, b AS c1, ...`.
    pub(super) fn select(&mut self, items: &[SelectItem<'_>], numbered: bool) -> Result<(), Error> {
        for (n, SelectItem { expr, alias }) in items.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            if !numbered && !self.inner && self.is_scaled_comparison(&[*expr]) {
                self.scaled_selected(*expr)?;
            } else {
                self.expr(*expr)?;
            }
            if numbered {
                self.sql(" AS c");
                self.index(n);
            } else if let Some(alias) = alias {
                self.sql(" AS ");
                self.identifier(alias)?;
            } else if let Some(name) = self.split_column_name(*expr) {
                // Read through a full join's derived table (`f0.c3`), a column keeps its
                // name for rows decoded by name.
                self.sql(" AS ");
                self.identifier(name)?;
            }
        }
        Ok(())
    }

    /// `sq0.c0 AS "name", ...`: the derived table's columns under the names the query's
    /// own columns would have had, so rows decoded by name find them: an item's alias, or
    /// a column's name. With `numbered`, `sq0.c0 AS c0, ...` (for a derived table in turn).
    pub(super) fn derived_select(
        &mut self,
        items: &[SelectItem<'_>],
        numbered: bool,
    ) -> Result<(), Error> {
        for (n, SelectItem { expr, alias }) in items.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            if numbered {
                self.derived_column(n);
                self.sql(" AS c");
                self.index(n);
                continue;
            }
            // A scaled decimal is an integer inside the derived table (numbered columns are
            // printed as computed): its text form for the decoder is made here.
            if !self.inner && self.is_scaled_comparison(&[*expr]) {
                self.sql("(");
                self.derived_column(n);
                self.sql(" || 'e-");
                self.number(u64::from(self.scale_of(*expr)?));
                self.sql("')");
            } else {
                self.derived_column(n);
            }
            let name = match (alias, self.exprs.get(*expr)) {
                (Some(alias), _) => Some(*alias),
                (None, PlannedExpr::Column(column)) => Some(column.column),
                (None, _) => None,
            };
            if let Some(name) = name {
                self.sql(" AS ");
                self.identifier(name)?;
            }
        }
        Ok(())
    }
}
