//! The rows a query reads: its source and joins, each a table, a CTE, a subquery or a
//! values list under its alias, and its `WHERE`.

use recto_core::{Error, JoinKind};
use recto_planner::{Binding, ExprId, PlannedJoin};

use super::Writer;
use crate::dialect::{Dialect, FullJoin};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `"table" AS u0 [JOIN ...] [WHERE ...]`: the rows a query groups or selects from.
    pub(super) fn sources(
        &mut self,
        from: &Binding<'_>,
        joins: &[PlannedJoin<'_>],
        filter: Option<ExprId>,
    ) -> Result<(), Error> {
        match self.split.take() {
            // The chain up to a full join the dialect splits, as a derived table; the
            // joins after it and the condition read its columns.
            Some(split) => {
                let printed = self.full_join_table(from, joins, &split);
                let after = joins.get(split.full + 1..).unwrap_or_default();
                self.split = Some(split);
                printed?;
                for join in after {
                    self.join(join)?;
                }
            }
            None => {
                self.table(from)?;
                for join in joins {
                    self.join(join)?;
                }
            }
        }
        if let Some(filter) = filter {
            self.sql(" WHERE ");
            self.expr(filter)?;
        }
        Ok(())
    }

    /// `"table" AS u0`, or `(SELECT ..) AS s0` for a subquery source.
    #[inline]
    pub(super) fn table(&mut self, binding: &Binding<'_>) -> Result<(), Error> {
        let Binding {
            table,
            alias,
            name: _,
            schema: _,
            nullable: _,
            derived,
            cte: _,
            values,
        } = binding;
        if let Some(values) = values {
            return self.values_list(values, *alias);
        }
        match derived {
            None => self.identifier(table)?,
            Some(n) => match self.nested.get(*n) {
                Some(planned) => self.derived_source(planned)?,
                None => return Err(self.unsupported("a subquery source missing from its plan")),
            },
        }
        self.sql(" AS ");
        self.alias(*alias);
        Ok(())
    }

    /// ` INNER JOIN "table" AS o1 ON (...)`, and the other kinds; a cross join has no `ON`.
    /// A full join reaches here natively or not at all: where the dialect splits it
    /// ([`FullJoin::UnionAll`], [`FullJoin::MergeOrHash`]), the query is printed as the
    /// union ([`Writer::full_join_rows`]) or reads it as a derived table
    /// ([`Writer::full_join_table`]), and a full join neither can hold is refused.
    pub(super) fn join(&mut self, join: &PlannedJoin<'_>) -> Result<(), Error> {
        let PlannedJoin {
            kind,
            binding,
            on,
            top_n,
        } = join;
        let keyword = match (kind, on) {
            (JoinKind::InnerLateral | JoinKind::LeftLateral, Some(on)) => {
                return self.lateral_join(*kind, binding, *on, top_n.as_ref());
            }
            (JoinKind::Inner, Some(_)) => " INNER JOIN ",
            (JoinKind::Left, Some(_)) => " LEFT JOIN ",
            (JoinKind::Right, Some(_)) => " RIGHT JOIN ",
            (JoinKind::Full, Some(_)) if self.native_full_join(join) => " FULL JOIN ",
            (JoinKind::Full, Some(_)) if self.quirks.full_join == FullJoin::MergeOrHash => {
                return Err(self.unsupported(
                    "a full join whose `on:` has no equality between the joined binding and the ones before it, in a grouped query or after another such full join",
                ));
            }
            (JoinKind::Full, Some(_)) => {
                return Err(self.unsupported(
                    "a second full join in one query (the engine has none, and recto rewrites one)",
                ));
            }
            (JoinKind::Cross, None) => " CROSS JOIN ",
            _ => return Err(self.unsupported("this kind of join")),
        };
        self.sql(keyword);
        self.table(binding)?;
        match on {
            Some(on) => {
                self.sql(" ON ");
                self.expr(*on)
            }
            None => Ok(()),
        }
    }
}
