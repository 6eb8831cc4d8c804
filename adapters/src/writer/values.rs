//! Values lists as sources, in the spelling each engine accepts ([`ValuesList`],
//! `docs/nesting.md`): every value a bound parameter, the columns under the list's names.

use recto_core::{Error, Ty, Value, Values};
use recto_planner::Alias;

use super::{Origin, Writer};
use crate::dialect::{Decimals, Dialect, ValuesList};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `(VALUES ..) AS v0 ("p", ..)`, or the dialect's form of it, with its alias.
    pub(super) fn values_list(&mut self, values: &Values, alias: Alias) -> Result<(), Error> {
        let Values { columns, rows } = values;
        // Decimals are scaled integers there, at the scale of the column that holds them:
        // a list's decimals have no column.
        if self.quirks.decimals == Decimals::Scaled
            && rows.iter().flatten().any(|value| value.ty() == Ty::Decimal)
        {
            return Err(self.unsupported("a decimal value in a values list"));
        }
        match self.quirks.values_list {
            ValuesList::Native => {
                self.sql("(");
                self.values_rows(rows)?;
                self.sql(") AS ");
                self.alias(alias);
                self.sql(" (");
                for (n, column) in columns.iter().enumerate() {
                    if n > 0 {
                        self.sql(", ");
                    }
                    self.identifier(column)?;
                }
                self.sql(")");
            }
            ValuesList::NumberedColumns => {
                self.sql("(SELECT ");
                for (n, column) in columns.iter().enumerate() {
                    self.sql(if n > 0 { ", column" } else { "column" });
                    self.index(n + 1);
                    self.sql(" AS ");
                    self.identifier(column)?;
                }
                self.sql(" FROM (");
                self.values_rows(rows)?;
                self.sql(")) AS ");
                self.alias(alias);
            }
            ValuesList::UnionAll => {
                self.sql("(");
                for (r, row) in rows.iter().enumerate() {
                    self.sql(if r > 0 {
                        " UNION ALL SELECT "
                    } else {
                        "SELECT "
                    });
                    for (n, value) in row.iter().enumerate() {
                        if n > 0 {
                            self.sql(", ");
                        }
                        self.bind(value.clone(), Origin::value(value))?;
                        // The first row names the columns.
                        if r == 0
                            && let Some(column) = columns.get(n)
                        {
                            self.sql(" AS ");
                            self.identifier(column)?;
                        }
                    }
                }
                self.sql(") AS ");
                self.alias(alias);
            }
        }
        Ok(())
    }

    /// `VALUES (?, ?), (?, ?)`.
    fn values_rows(&mut self, rows: &[Vec<Value>]) -> Result<(), Error> {
        self.sql("VALUES ");
        for (r, row) in rows.iter().enumerate() {
            self.sql(if r > 0 { ", (" } else { "(" });
            for (n, value) in row.iter().enumerate() {
                if n > 0 {
                    self.sql(", ");
                }
                self.bind(value.clone(), Origin::value(value))?;
            }
            self.sql(")");
        }
        Ok(())
    }
}
