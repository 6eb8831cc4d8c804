//! The `SELECT` statement, clause by clause, in SQL's order, with the emulations that wrap
//! a query in a derived table: `DISTINCT` sorted or skipped outside it, or applied outside
//! its groups ([`DistinctSorted`]), and the one group of a query without `GROUP BY` as a
//! one-row table ([`HavingAlone`], [`ImplicitGroup`]).

use recto_core::{Error, JoinKind};
use recto_planner::{Binding, Count, ExprId, OrderItem, Planned, PlannedJoin, SelectItem};

use super::Writer;
use crate::dialect::{
    Dialect, DistinctSorted, HavingAlone, HavingGrouped, ImplicitGroup, OffsetWithoutLimit,
};

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// `SELECT ... FROM ... [JOIN ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [ORDER BY ...]
    /// [LIMIT ...] [OFFSET ...]`, or, where `DISTINCT` must be sorted or skipped outside
    /// itself, `SELECT sq0.c0, ... FROM (SELECT DISTINCT ... AS c0, ...) AS sq0 ORDER BY ...
    /// LIMIT ... OFFSET ...` (`SELECT DISTINCT sq0.c0, ... FROM (SELECT ... GROUP BY ...)`
    /// over groups).
    ///
    /// With `numbered`, the columns are named `c0, c1, ...` (for a derived table). A query
    /// with set operations is the compound's business ([`Writer::query`]).
    pub(super) fn select_statement(
        &mut self,
        planned: &'p Planned<'p>,
        numbered: bool,
    ) -> Result<(), Error> {
        let Planned {
            distinct,
            exprs,
            select,
            from: _,
            joins,
            filter: _,
            group_by,
            having,
            order_by,
            limit,
            offset,
            size: _,
            combined,
            derived: _,
            outer: _,
            ctes: _,
            recursive_ctes: _,
        } = planned;
        // A full join the dialect splits into a `UNION ALL` (`full_join.rs`): only a query
        // whose rows are its join chain's, each selected on its own, splits so. Most queries
        // have no full join, and skip the checks.
        let full_joins = joins.iter().any(|join| join.kind == JoinKind::Full);
        let rows_of_the_chain = full_joins
            && !*distinct
            && group_by.is_empty()
            && having.is_none()
            && order_by.is_empty()
            && limit.is_none()
            && offset.is_none()
            && combined.is_none()
            // A set-operation member: its rows are combined with the others'.
            && !self.in_member
            && !select.iter().any(|item| exprs.has_aggregate(item.expr));
        if let Some(full) = self.full_join_to_split(joins, rows_of_the_chain) {
            return self.full_join_rows(planned, full, numbered);
        }
        // Any other query reads the chain up to such a full join through a derived table.
        let split = if full_joins {
            self.full_join_to_wrap(planned)
        } else {
            None
        };
        if split.is_some() {
            self.may_wrap(planned)?;
        }
        let outer_split = std::mem::replace(&mut self.split, split);

        let outside = self.quirks.distinct_sorted == DistinctSorted::DerivedTable
            && *distinct
            && (!order_by.is_empty() || offset.is_some() || !group_by.is_empty());
        // Each sort key's column in the derived table. A `DISTINCT` query may sort only by
        // selected expressions (the planner checks it); were one not, the query is printed
        // as written and the engine decides.
        let columns = outside
            .then(|| {
                order_by
                    .iter()
                    .map(|term| {
                        let selected = |item: &SelectItem<'_>| exprs.same(item.expr, term.expr);
                        select.iter().position(selected)
                    })
                    .collect::<Option<Vec<usize>>>()
            })
            .flatten();

        match columns {
            Some(columns) => {
                self.may_wrap(planned)?;
                // Over groups, the `DISTINCT` itself goes outside: the engine keeps
                // duplicates of a grouped `DISTINCT`, while the groups' rows, materialized,
                // deduplicate. Without groups the derived table would be merged back into
                // the outer query, so the `DISTINCT` stays inside.
                let grouped = !group_by.is_empty();
                self.sql(if grouped {
                    "SELECT DISTINCT "
                } else {
                    "SELECT "
                });
                self.derived_select(select, numbered)?;
                self.sql(" FROM (");
                self.grouped_query(planned, true, !grouped)?;
                self.sql(") AS sq0");
                if !order_by.is_empty() {
                    self.sql(" ORDER BY ");
                    self.order_by_derived(order_by, &columns)?;
                }
            }
            None => {
                self.grouped_query(planned, numbered, *distinct)?;
                // One group is one row, which needs no sorting.
                let one_row = self.one_row_table(select, group_by, *having, order_by)
                    || self.one_group_in_subquery(select, group_by, *having, order_by);
                if !order_by.is_empty() && !one_row {
                    self.sql(" ORDER BY ");
                    self.order_by(order_by)?;
                }
            }
        }
        let printed = self.limit_offset(limit.as_ref(), offset.as_ref());
        self.split = outer_split;
        printed
    }

    /// `SELECT [DISTINCT] ... FROM ... [WHERE ...] [GROUP BY ...] [HAVING ...]`, each select
    /// item named `c<n>` when `numbered` (for a derived table), `DISTINCT` when `distinct`.
    fn grouped_query(
        &mut self,
        planned: &'p Planned<'p>,
        numbered: bool,
        distinct: bool,
    ) -> Result<(), Error> {
        let Planned {
            distinct: _,
            exprs,
            select,
            from,
            joins,
            filter,
            group_by,
            having,
            order_by,
            limit: _,
            offset: _,
            size: _,
            combined: _,
            derived: _,
            outer: _,
            ctes: _,
            recursive_ctes: _,
        } = planned;

        self.sql(if distinct {
            "SELECT DISTINCT "
        } else {
            "SELECT "
        });
        self.select(select, numbered)?;
        if self.one_row_table(select, group_by, *having, order_by) {
            self.may_wrap(planned)?;
            return self.one_group(from, joins, *filter, *having);
        }

        // A `HAVING` with no `GROUP BY` and no aggregate anywhere treats the whole table as
        // one group, which the engine may not: a one-row derived table is that group.
        let alone = having.filter(|having| {
            self.quirks.having_alone == HavingAlone::OneRowTable
                && group_by.is_empty()
                && !exprs.has_aggregate(*having)
                && !select.iter().any(|item| exprs.has_aggregate(item.expr))
                && !order_by.iter().any(|term| exprs.has_aggregate(term.expr))
        });
        if alone.is_some() {
            self.may_wrap(planned)?;
            self.sql(" FROM (SELECT count(*) AS n FROM ");
        } else {
            self.sql(" FROM ");
        }
        self.sources(from, joins, *filter)?;
        if let Some(having) = alone {
            self.sql(") AS grp WHERE ");
            return self.expr(having);
        }

        if !group_by.is_empty() {
            self.sql(" GROUP BY ");
            for (n, term) in group_by.iter().enumerate() {
                if n > 0 {
                    self.sql(", ");
                }
                self.term(*term)?;
            }
        }
        if self.one_group_in_subquery(select, group_by, *having, order_by) {
            // `group_by` is empty: the condition needs no grouped context.
            self.sql(" HAVING ");
            if let Some(having) = *having {
                self.sql("(");
                self.expr(having)?;
                self.sql(" AND (count(*) >= 0))");
            } else {
                self.sql("(count(*) >= 0)");
            }
            return Ok(());
        }
        if let Some(having) = *having {
            self.sql(" HAVING ");
            if self.quirks.having_grouped == HavingGrouped::MinOverGroup && !group_by.is_empty() {
                self.grouped = Some(group_by);
                self.expr(having)?;
                self.grouped = None;
            } else {
                self.expr(having)?;
            }
        }
        Ok(())
    }

    /// Whether the query is the one group of a table without `GROUP BY`, its aggregates all
    /// outside its select list, which the dialect writes as a one-row derived table
    /// ([`ImplicitGroup::OneRowTable`]).
    fn one_row_table(
        &self,
        select: &[SelectItem<'_>],
        group_by: &[ExprId],
        having: Option<ExprId>,
        order_by: &[OrderItem],
    ) -> bool {
        let exprs = self.exprs;
        self.quirks.implicit_group == ImplicitGroup::OneRowTable
            && self.unselected_group(select, group_by)
            && (having.is_some_and(|having| exprs.has_aggregate(having))
                || order_by.iter().any(|term| exprs.has_aggregate(term.expr)))
    }

    /// Whether a query without `GROUP BY` selects no aggregate: its aggregates, if any, are
    /// elsewhere, and make it one group.
    fn unselected_group(&self, select: &[SelectItem<'_>], group_by: &[ExprId]) -> bool {
        group_by.is_empty()
            && !select
                .iter()
                .any(|item| self.exprs.has_aggregate(item.expr))
    }

    /// Whether the query is a subquery whose only aggregates are in `order_by:`, which the
    /// dialect keeps one group with a `HAVING` ([`ImplicitGroup::HavingInSubqueries`]).
    fn one_group_in_subquery(
        &self,
        select: &[SelectItem<'_>],
        group_by: &[ExprId],
        having: Option<ExprId>,
        order_by: &[OrderItem],
    ) -> bool {
        let exprs = self.exprs;
        self.quirks.implicit_group == ImplicitGroup::HavingInSubqueries
            && self.inner
            && self.unselected_group(select, group_by)
            && !having.is_some_and(|having| exprs.has_aggregate(having))
            && order_by.iter().any(|term| exprs.has_aggregate(term.expr))
    }

    /// ` FROM (SELECT count(*) AS n[, cond AS h] FROM ... WHERE ...) AS grp[ WHERE grp.h]`: the
    /// one group, as a derived table whose select list aggregates, so it is exactly one row,
    /// filtered by the `having:` condition computed inside it. The select list before it
    /// names no column (none is grouped), and `ORDER BY` is left out: one row is sorted.
    fn one_group(
        &mut self,
        from: &Binding<'_>,
        joins: &[PlannedJoin<'_>],
        filter: Option<ExprId>,
        having: Option<ExprId>,
    ) -> Result<(), Error> {
        self.sql(" FROM (SELECT count(*) AS n");
        if let Some(having) = having {
            self.sql(", ");
            self.expr(having)?;
            self.sql(" AS h");
        }
        self.sql(" FROM ");
        self.sources(from, joins, filter)?;
        self.sql(") AS grp");
        if having.is_some() {
            self.sql(" WHERE grp.h");
        }
        Ok(())
    }

    /// `a, b, c`.
    pub(super) fn list(&mut self, exprs: &[ExprId]) -> Result<(), Error> {
        for (n, expr) in exprs.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.expr(*expr)?;
        }
        Ok(())
    }

    /// ` LIMIT n OFFSET m`, with the dialect's spelling of an offset alone.
    pub(super) fn limit_offset(
        &mut self,
        limit: Option<&Count<'_>>,
        offset: Option<&Count<'_>>,
    ) -> Result<(), Error> {
        match (limit, self.quirks.offset_without_limit) {
            (Some(limit), _) => {
                self.sql(" LIMIT ");
                self.count(limit)?;
            }
            (None, OffsetWithoutLimit::Limit(unbounded)) if offset.is_some() => {
                self.sql(" LIMIT ");
                self.sql(unbounded);
            }
            (None, _) => {}
        }
        if let Some(offset) = offset {
            self.sql(" OFFSET ");
            self.count(offset)?;
        }
        Ok(())
    }
}
