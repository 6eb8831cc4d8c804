//! The `WITH` of a query: `WITH [RECURSIVE] "name" AS [MATERIALIZED ](SELECT ..), .. `, each
//! CTE printed by the same [`Writer::query`] as any nested query, and the statement prefix
//! of [`Quirks::recursive_prefix`](crate::dialect::Quirks::recursive_prefix).

use recto_core::Error;
use recto_planner::{Planned, PlannedCte};

use super::Writer;
use crate::dialect::Dialect;

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// `WITH ... ` before the query's own text.
    pub(super) fn with(&mut self, planned: &'p Planned<'p>) -> Result<(), Error> {
        self.sql(if planned.recursive_ctes {
            "WITH RECURSIVE "
        } else {
            "WITH "
        });
        for (n, cte) in planned.ctes.iter().enumerate() {
            let PlannedCte {
                name,
                query,
                materialized,
                recursive: _,
            } = cte;
            if n > 0 {
                self.sql(", ");
            }
            self.identifier(name)?;
            self.sql(" AS ");
            match materialized {
                Some(true) if self.quirks.cte_materialized => self.sql("MATERIALIZED "),
                Some(false) if self.quirks.cte_materialized => self.sql("NOT MATERIALIZED "),
                _ => {}
            }
            self.sql("(");
            self.nested_query(query, false)?;
            self.sql(")");
        }
        self.sql(" ");
        Ok(())
    }

    /// The dialect's prefix for a statement that has a recursive CTE anywhere.
    pub(super) fn recursive_prefix(&mut self, planned: &Planned<'_>) {
        if let Some(prefix) = self.quirks.recursive_prefix
            && has_recursive(planned)
        {
            self.sql(prefix);
        }
    }
}

/// Whether `planned` or a query nested in it has a recursive CTE. As deep as the nesting,
/// which the planner bounds.
fn has_recursive(planned: &Planned<'_>) -> bool {
    planned
        .ctes
        .iter()
        .any(|cte| cte.recursive || has_recursive(&cte.query))
        || planned.derived.iter().any(has_recursive)
        || planned.exprs.queries().any(has_recursive)
        || planned
            .combined
            .as_ref()
            .is_some_and(|combined| combined.members.iter().any(|m| has_recursive(&m.query)))
}
