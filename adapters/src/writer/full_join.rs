//! `full_join:` where the engine has none ([`FullJoin::UnionAll`]), or none for its condition
//! ([`FullJoin::MergeOrHash`]): the full join written as a left join, `UNION ALL` the joined
//! table's rows that match no row of the bindings before it, those bindings NULL there
//! (`docs/nesting.md`, "FULL JOIN on MariaDB").
//!
//! A query whose rows are its join chain's rows, each selected on its own, is that union
//! itself, its select list, later joins and `WHERE` printed in each branch
//! ([`Writer::full_join_rows`]). Joins after the full join distribute over the union when
//! they keep each left row apart (inner, left and cross joins). Any other query (grouped,
//! aggregated, distinct, sorted, counted, combined, or with a right or full join after the
//! full join) reads the chain up to the full join as a derived table `f0` of every column it
//! uses of it, `f0.c0, f0.c1, ..` ([`Writer::full_join_table`]). Two full joins to split
//! in one query, or, where the split is for the condition's sake, a grouped query, keep
//! their `FULL JOIN`, which [`Writer::join`] refuses with [`Error::Unsupported`] before any
//! SQL leaves the writer.

use recto_core::{BinOp, Error, JoinKind};
use recto_planner::{
    Alias, Binding, ColumnRef, ExprId, Planned, PlannedExpr, PlannedJoin, SelectItem,
};

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

    /// The derived-table form of the full join to split, for a query whose other clauses
    /// would not distribute over the union: the first full join the dialect cannot print
    /// natively, with every column of it and the bindings before it that the query reads.
    /// `None` where there is none to split, or where a later full join needs splitting too,
    /// or where the engine could not group by the derived table's columns as the plan does
    /// (PostgreSQL does not see a binding's primary key through a derived table, and the
    /// planner lets a grouped primary key stand for the binding's other columns): that full
    /// join then reaches [`Writer::join`], which refuses it.
    pub(super) fn full_join_to_wrap(&self, planned: &Planned<'p>) -> Option<Split<'p>> {
        let joins = &planned.joins;
        let unsplit =
            |join: &PlannedJoin<'_>| join.kind == JoinKind::Full && !self.native_full_join(join);
        let full = joins.iter().position(unsplit)?;
        if joins[full + 1..].iter().any(unsplit)
            || (self.quirks.full_join == FullJoin::MergeOrHash && !planned.group_by.is_empty())
        {
            return None;
        }
        let mut columns: Vec<(Alias, &'p str)> = Vec::new();
        for node in planned.exprs.iter() {
            if let PlannedExpr::Column(column) = node
                && column.alias.index <= full + 1
                && !columns
                    .iter()
                    .any(|(alias, name)| *alias == column.alias && *name == column.column)
            {
                columns.push((column.alias, column.column));
            }
        }
        Some(Split { full, columns })
    }

    /// `(SELECT u0."id" AS c0, .. FROM .. LEFT JOIN .. UNION ALL SELECT .. ) AS f0`: the
    /// chain up to the full join of `split`, as a derived table of every column the query
    /// reads of it. The rest of the query reads them as `f0.c<n>` ([`Writer::split_column`]).
    /// `f0` names no other table where it is seen: binding 0 is inside it, every other
    /// binding's alias has another number or a nested query's prefix, and the writer's own
    /// derived tables are `sq<n>` and `grp`.
    pub(super) fn full_join_table(
        &mut self,
        from: &Binding<'_>,
        joins: &[PlannedJoin<'_>],
        split: &Split<'_>,
    ) -> Result<(), Error> {
        self.sql("(");
        let chain = &joins[..(split.full + 1).min(joins.len())];
        self.full_join_union(&Head::Columns(&split.columns), from, chain, &[], None)?;
        self.sql(") AS f0");
        Ok(())
    }

    /// The derived table's column for `column`, when the query is read through one
    /// ([`Writer::full_join_table`]) and `column` is of a binding inside it: `f0.c<n>`.
    pub(super) fn split_column(&mut self, column: &ColumnRef<'_>) -> Option<Result<(), Error>> {
        let split = self.split.as_ref()?;
        if !split.holds(column.alias) {
            return None;
        }
        let position = split
            .columns
            .iter()
            .position(|(alias, name)| *alias == column.alias && *name == column.column);
        Some(match position {
            Some(n) => {
                self.sql("f0.c");
                self.index(n);
                Ok(())
            }
            None => Err(self.unsupported("a column missing from a full join's derived table")),
        })
    }

    /// The name of the column `expr` is, when it is read through a full join's derived
    /// table ([`Writer::split_column`]).
    pub(super) fn split_column_name(&self, expr: ExprId) -> Option<&'p str> {
        let split = self.split.as_ref()?;
        match self.exprs.get(expr) {
            PlannedExpr::Column(column) if split.holds(column.alias) => Some(column.column),
            _ => None,
        }
    }

    /// The query itself as the union of [`Writer::full_join_union`], its select list in each
    /// branch, for the full join at `joins[full]`. The query's other clauses are empty:
    /// [`Writer::full_join_to_split`] chose it.
    pub(super) fn full_join_rows(
        &mut self,
        planned: &Planned<'_>,
        full: usize,
        numbered: bool,
    ) -> Result<(), Error> {
        let (chain, after) = planned.joins.split_at((full + 1).min(planned.joins.len()));
        let head = Head::Select(&planned.select, numbered);
        self.full_join_union(&head, &planned.from, chain, after, planned.filter)
    }

    /// `SELECT .. FROM a AS a0 .. LEFT JOIN b AS b1 ON (c) .. WHERE w UNION ALL SELECT ..
    /// FROM b AS b1 LEFT JOIN a AS a0 ON (1 = 0) .. WHERE NOT EXISTS (SELECT 1 FROM a AS a0
    /// .. WHERE (c)) AND (w)`, for the full join that ends `chain`, followed by the joins
    /// `after` and the condition `filter`, each branch selecting `head`.
    fn full_join_union(
        &mut self,
        head: &Head<'_, '_>,
        from: &Binding<'_>,
        chain: &[PlannedJoin<'_>],
        after: &[PlannedJoin<'_>],
        filter: Option<ExprId>,
    ) -> Result<(), Error> {
        let Some((
            PlannedJoin {
                kind: _,
                binding,
                on: Some(on),
                top_n: _,
            },
            before,
        )) = chain.split_last()
        else {
            return Err(self.unsupported("a full join without a condition"));
        };
        let on = *on;

        // Every row of the chain left of the full join, with its match or NULLs.
        self.sql("SELECT ");
        self.head(head, true)?;
        self.sql(" FROM ");
        self.table(from)?;
        for join in before {
            self.join(join)?;
        }
        self.join(&PlannedJoin {
            kind: JoinKind::Left,
            binding: *binding,
            on: Some(on),
            top_n: None,
        })?;
        for join in after {
            self.join(join)?;
        }
        if let Some(filter) = filter {
            self.sql(" WHERE ");
            self.expr(filter)?;
        }

        // The joined table's rows that match none, the bindings before it all NULL.
        self.sql(" UNION ALL SELECT ");
        self.head(head, false)?;
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
            self.expr(filter)?;
            self.sql(")");
        }
        Ok(())
    }

    /// A branch's select list: the query's, or the derived table's columns (named `c<n>` in
    /// the `first` branch; a union takes its names from there).
    fn head(&mut self, head: &Head<'_, '_>, first: bool) -> Result<(), Error> {
        match head {
            Head::Select(items, numbered) => self.select(items, *numbered),
            // A derived table of no column the query reads (`select: count()`): its rows.
            Head::Columns([]) => {
                self.sql("1");
                Ok(())
            }
            Head::Columns(columns) => {
                for (n, (alias, name)) in columns.iter().enumerate() {
                    if n > 0 {
                        self.sql(", ");
                    }
                    self.alias(*alias);
                    self.sql(".");
                    self.identifier(name)?;
                    if first {
                        self.sql(" AS c");
                        self.index(n);
                    }
                }
                Ok(())
            }
        }
    }
}

/// What each branch of a split full join selects.
enum Head<'a, 'q> {
    /// The query's select list (numbered or not): the query is the union.
    Select(&'a [SelectItem<'q>], bool),
    /// The columns of a derived table the query reads ([`Split::columns`]).
    Columns(&'a [(Alias, &'q str)]),
}

/// A full join printed as a derived table of its chain ([`Writer::full_join_table`]).
#[derive(Clone, Debug)]
pub(super) struct Split<'p> {
    /// The position of the full join in the query's joins; it and the joins before it are
    /// inside the derived table.
    pub(super) full: usize,
    /// The columns of those bindings that the query reads, in the derived table's order.
    pub(super) columns: Vec<(Alias, &'p str)>,
}

impl Split<'_> {
    /// Whether the binding of `alias` is inside the derived table: the source, and the
    /// joins up to the full join (binding `full + 1`).
    fn holds(&self, alias: Alias) -> bool {
        alias.index <= self.full + 1
    }
}
