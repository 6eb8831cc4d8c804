//! `full_join:` where the engine has none ([`FullJoin::UnionAll`]): the query with its full
//! join written as a left join, `UNION ALL` the joined table's rows that match no row of the
//! bindings before it (`docs/nesting.md`, "FULL JOIN on MariaDB").
//!
//! The split is exact only for a query whose rows are its join chain's rows, each selected
//! on its own: grouping, aggregates, `DISTINCT`, a sort, a count or a set operation would
//! apply to each branch rather than to the union. Joins after the full join distribute over
//! the union when they keep each left row apart (inner, left and cross joins); a right or
//! full join after it would add its unmatched rows once per branch. Any other shape keeps
//! its `FULL JOIN`, which [`Writer::join`] refuses with [`Error::Unsupported`] before any
//! SQL leaves the writer.

use recto_core::{Error, JoinKind};
use recto_planner::{Planned, PlannedJoin};

use super::Writer;
use crate::dialect::{Dialect, FullJoin};

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// The position in `joins` of the full join to split into a `UNION ALL`, when the
    /// dialect needs it split and the chain allows it; `rows_of_the_chain` says whether the
    /// query's other clauses do (no grouping, aggregate, `DISTINCT`, sort, count or set
    /// operation, and not a set-operation member), which [`Writer::select_statement`] reads.
    pub(super) fn full_join_to_split(
        &self,
        joins: &[PlannedJoin<'_>],
        rows_of_the_chain: bool,
    ) -> Option<usize> {
        if self.quirks.full_join != FullJoin::UnionAll || !rows_of_the_chain {
            return None;
        }
        let full = joins.iter().position(|join| join.kind == JoinKind::Full)?;
        let later_keep_rows_apart = joins[full + 1..].iter().all(|join| {
            matches!(
                join.kind,
                JoinKind::Inner | JoinKind::Left | JoinKind::Cross
            )
        });
        later_keep_rows_apart.then_some(full)
    }

    /// `SELECT .. FROM a AS a0 .. LEFT JOIN b AS b1 ON (c) .. WHERE w UNION ALL SELECT ..
    /// FROM b AS b1 LEFT JOIN a AS a0 ON (1 = 0) .. WHERE NOT EXISTS (SELECT 1 FROM a AS a0
    /// .. WHERE (c)) AND (w)`, for the full join at `joins[full]`. The query's other clauses
    /// are empty: [`Writer::full_join_to_split`] chose it.
    pub(super) fn full_join_union(
        &mut self,
        planned: &'p Planned<'p>,
        full: usize,
        numbered: bool,
    ) -> Result<(), Error> {
        let (select, from, joins, filter) = (
            &planned.select,
            &planned.from,
            &planned.joins,
            &planned.filter,
        );
        let (before, rest) = joins.split_at(full);
        let (joined, after) = match rest {
            [joined, after @ ..] => (joined, after),
            [] => return Err(self.unsupported("a full join")),
        };
        let PlannedJoin {
            kind: _,
            binding,
            on,
        } = joined;
        let Some(on) = *on else {
            return Err(self.unsupported("a full join without a condition"));
        };

        // Every row of the chain left of the full join, with its match or NULLs.
        self.sql("SELECT ");
        self.select(select, numbered)?;
        self.sql(" FROM ");
        self.table(from)?;
        for join in before {
            self.join(join)?;
        }
        self.join(&PlannedJoin {
            kind: JoinKind::Left,
            binding: *binding,
            on: Some(on),
        })?;
        for join in after {
            self.join(join)?;
        }
        if let Some(filter) = filter {
            self.sql(" WHERE ");
            self.expr(*filter)?;
        }

        // The joined table's rows that match none, the bindings before it all NULL.
        self.sql(" UNION ALL SELECT ");
        self.select(select, numbered)?;
        self.sql(" FROM ");
        self.table(binding)?;
        for earlier in std::iter::once(from).chain(before.iter().map(|join| &join.binding)) {
            self.sql(" LEFT JOIN ");
            self.table(earlier)?;
            self.sql(" ON (1 = 0)");
        }
        for join in after {
            self.join(join)?;
        }
        self.sql(" WHERE NOT EXISTS (SELECT 1 FROM ");
        self.table(from)?;
        for join in before {
            self.join(join)?;
        }
        self.sql(" WHERE ");
        self.expr(on)?;
        self.sql(")");
        if let Some(filter) = filter {
            self.sql(" AND (");
            self.expr(*filter)?;
            self.sql(")");
        }
        Ok(())
    }
}
