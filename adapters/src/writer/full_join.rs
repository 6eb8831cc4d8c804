//! `full_join:` where the engine has none ([`FullJoin::UnionAll`]), or none for its condition
//! ([`FullJoin::MergeOrHash`]): the query with its full join written as a left join, `UNION
//! ALL` the joined table's rows that match no row of the bindings before it
//! (`docs/nesting.md`, "FULL JOIN on MariaDB").
//!
//! The split is exact only for a query whose rows are its join chain's rows, each selected
//! on its own: grouping, aggregates, `DISTINCT`, a sort, a count or a set operation would
//! apply to each branch rather than to the union. Joins after the full join distribute over
//! the union when they keep each left row apart (inner, left and cross joins); a right or
//! full join after it would add its unmatched rows once per branch. Any other shape keeps
//! its `FULL JOIN`, which [`Writer::join`] refuses with [`Error::Unsupported`] before any
//! SQL leaves the writer.

use recto_core::{BinOp, Error, JoinKind};
use recto_planner::{ExprId, Planned, PlannedExpr, PlannedJoin};

use super::Writer;
use crate::dialect::{Dialect, FullJoin};

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// The position in `joins` of the full join to split into a `UNION ALL`: the first one
    /// the dialect cannot print natively ([`Writer::native_full_join`]), when the chain
    /// allows it; `rows_of_the_chain` says whether the query's other clauses do (no
    /// grouping, aggregate, `DISTINCT`, sort, count or set operation, and not a
    /// set-operation member), which [`Writer::select_statement`] reads. The full joins before
    /// it are native, so the chain's rows are what the engine gives.
    pub(super) fn full_join_to_split(
        &self,
        joins: &[PlannedJoin<'_>],
        rows_of_the_chain: bool,
    ) -> Option<usize> {
        if !rows_of_the_chain {
            return None;
        }
        let full = joins
            .iter()
            .position(|join| join.kind == JoinKind::Full && !self.native_full_join(join))?;
        let later_keep_rows_apart = joins[full + 1..].iter().all(|join| {
            matches!(
                join.kind,
                JoinKind::Inner | JoinKind::Left | JoinKind::Cross
            )
        });
        later_keep_rows_apart.then_some(full)
    }

    /// Whether the dialect prints the full join `join` as `FULL JOIN` ([`FullJoin`]).
    pub(super) fn native_full_join(&self, join: &PlannedJoin<'_>) -> bool {
        match self.quirks.full_join {
            FullJoin::Native => true,
            FullJoin::UnionAll => false,
            FullJoin::MergeOrHash => join
                .on
                .is_some_and(|on| self.equates_the_sides(on, join.binding.alias.index)),
        }
    }

    /// Whether `on`, the condition of the join of binding `joined`, is a constant or has a
    /// top-level `AND` term `x = y` where one side reads only `joined` and the other only
    /// bindings before it: a condition the engine can merge or hash.
    fn equates_the_sides(&self, on: ExprId, joined: usize) -> bool {
        let exprs = self.exprs;
        if matches!(exprs.get(on), PlannedExpr::Lit(_)) {
            return true;
        }
        let only_joined = |id| exprs.bindings_read(id) == Some((joined, joined));
        let only_earlier = |id| {
            exprs
                .bindings_read(id)
                .is_some_and(|(_, high)| high < joined)
        };
        let mut terms = vec![on];
        while let Some(term) = terms.pop() {
            match exprs.get(term) {
                PlannedExpr::Binary {
                    op: BinOp::And,
                    left,
                    right,
                } => terms.extend([*left, *right]),
                PlannedExpr::Binary {
                    op: BinOp::Eq,
                    left,
                    right,
                } if (only_joined(*left) && only_earlier(*right))
                    || (only_earlier(*left) && only_joined(*right)) =>
                {
                    return true;
                }
                _ => {}
            }
        }
        false
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
