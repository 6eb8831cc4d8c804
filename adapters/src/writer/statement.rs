//! The `SELECT` statement, clause by clause, in SQL's order.

use recto_core::{Error, JoinKind};
use recto_planner::{Binding, Count, Planned, PlannedExpr, PlannedJoin, SelectItem};

use super::Writer;
use crate::dialect::{Dialect, OffsetWithoutLimit};

impl<D: Dialect + ?Sized> Writer<'_, D> {
    /// `SELECT ... FROM ... [JOIN ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [ORDER BY ...]
    /// [LIMIT ...] [OFFSET ...]`.
    pub(super) fn statement(&mut self, planned: &Planned<'_>) -> Result<(), Error> {
        let Planned {
            distinct,
            select,
            from,
            joins,
            filter,
            group_by,
            having,
            order_by,
            limit,
            offset,
            size: _,
        } = planned;

        self.sql(if *distinct {
            "SELECT DISTINCT "
        } else {
            "SELECT "
        });
        self.select(select)?;

        self.sql(" FROM ");
        self.table(from)?;
        for join in joins {
            self.join(join)?;
        }

        if let Some(filter) = filter {
            self.sql(" WHERE ");
            self.expr(filter)?;
        }
        if !group_by.is_empty() {
            self.sql(" GROUP BY ");
            self.list(group_by)?;
        }
        if let Some(having) = having {
            self.sql(" HAVING ");
            self.expr(having)?;
        }
        if !order_by.is_empty() {
            self.sql(" ORDER BY ");
            self.order_by(order_by)?;
        }
        self.limit_offset(limit.as_ref(), offset.as_ref())
    }

    /// `a, b AS "name", ...`.
    fn select(&mut self, items: &[SelectItem<'_>]) -> Result<(), Error> {
        for (n, SelectItem { expr, alias }) in items.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.expr(expr)?;
            if let Some(alias) = alias {
                self.sql(" AS ");
                self.identifier(alias)?;
            }
        }
        Ok(())
    }

    /// `"table" AS u0`.
    fn table(&mut self, binding: &Binding<'_>) -> Result<(), Error> {
        let Binding {
            table,
            alias,
            name: _,
            schema: _,
            nullable: _,
        } = binding;
        self.identifier(table)?;
        self.sql(" AS ");
        self.alias(*alias);
        Ok(())
    }

    /// ` INNER JOIN "table" AS o1 ON (...)`.
    fn join(&mut self, join: &PlannedJoin<'_>) -> Result<(), Error> {
        let PlannedJoin { kind, binding, on } = join;
        self.sql(match kind {
            JoinKind::Inner => " INNER JOIN ",
            JoinKind::Left => " LEFT JOIN ",
            _ => return Err(self.unsupported("this kind of join")),
        });
        self.table(binding)?;
        self.sql(" ON ");
        self.expr(on)
    }

    /// `a, b, c`.
    pub(super) fn list(&mut self, exprs: &[PlannedExpr<'_>]) -> Result<(), Error> {
        for (n, expr) in exprs.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.expr(expr)?;
        }
        Ok(())
    }

    /// ` LIMIT n OFFSET m`, with the dialect's spelling of an offset alone.
    fn limit_offset(
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
