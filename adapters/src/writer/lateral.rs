//! Lateral joins: `INNER JOIN LATERAL (..) AS s1 ON ..` where the engine has `LATERAL`,
//! and elsewhere the top-N rewrite of `docs/nesting.md` for a subquery the planner found in
//! that shape ([`TopN`]): the subquery joined uncorrelated, its lifted equalities in the
//! `ON`, its rows numbered per key in its own order and kept between `offset:` and
//! `offset: + limit:`. Both give the same rows when the subquery's sort is total, as for
//! any `limit:`.

use recto_core::{Error, JoinKind, Value};
use recto_planner::{Binding, Count, ExprId, Planned, PlannedExpr, TopN};

use super::Writer;
use crate::dialect::{Dialect, Lateral};

/// The feature named in the error for a lateral join the dialect cannot print.
const LATERAL_JOIN: &str = "lateral join";

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// ` INNER JOIN LATERAL (..) AS s1 ON ..`, ` LEFT JOIN LATERAL ..`, or their top-N
    /// rewrite ([`Lateral::TopN`]).
    pub(super) fn lateral_join(
        &mut self,
        kind: JoinKind,
        binding: &Binding<'_>,
        on: ExprId,
        top_n: Option<&TopN>,
    ) -> Result<(), Error> {
        // After a full join read through a derived table, the bindings before the lateral
        // one are that table's columns, which the subquery does not know.
        if self.split.is_some() {
            return Err(self.unsupported(LATERAL_JOIN));
        }
        let left = kind == JoinKind::LeftLateral;
        match (self.quirks.lateral, top_n) {
            (Lateral::Native, _) => {
                self.sql(if left {
                    " LEFT JOIN LATERAL "
                } else {
                    " INNER JOIN LATERAL "
                });
                self.table(binding)?;
                self.sql(" ON ");
                self.expr(on)
            }
            (Lateral::TopN, Some(top_n)) => {
                let Some(planned) = binding.derived.and_then(|n| self.nested.get(n)) else {
                    return Err(self.unsupported("a subquery source missing from its plan"));
                };
                self.sql(if left {
                    " LEFT JOIN ("
                } else {
                    " INNER JOIN ("
                });
                let inner = std::mem::replace(&mut self.inner, true);
                let in_member = std::mem::replace(&mut self.in_member, false);
                let split = self.split.take();
                let printed = self.within(planned, |writer| writer.numbered_rows(planned, top_n));
                self.inner = inner;
                self.in_member = in_member;
                self.split = split;
                printed?;
                self.sql(") AS ");
                self.alias(binding.alias);
                self.sql(" ON ");
                // `on: true`, the usual condition of a lateral join, adds nothing to the
                // lifted conditions.
                let lifted = !top_n.outer.is_empty() || numbered(planned);
                let alone =
                    !lifted || !matches!(self.exprs.get(on), PlannedExpr::Lit(Value::Bool(true)));
                if alone {
                    self.expr(on)?;
                }
                self.within(planned, |writer| {
                    writer.lifted(binding, planned, top_n, alone)
                })
            }
            (Lateral::TopN, None) => Err(self.unsupported(LATERAL_JOIN)),
        }
    }

    /// `SELECT <columns>, <inner> AS lateral_k0, .., row_number() OVER (PARTITION BY
    /// <inner>, .. ORDER BY <order>) AS lateral_rn FROM .. WHERE <kept>`: the subquery's
    /// rows for every key at once, numbered per key.
    fn numbered_rows(&mut self, planned: &'p Planned<'p>, top_n: &TopN) -> Result<(), Error> {
        let exprs = self.exprs;
        let inner = exprs.list(top_n.inner);
        self.sql("SELECT ");
        self.select(&planned.select, false)?;
        for (n, key) in inner.iter().enumerate() {
            self.sql(", ");
            self.expr(*key)?;
            self.sql(" AS lateral_k");
            self.index(n);
        }
        if numbered(planned) {
            self.sql(", row_number() OVER (");
            if !inner.is_empty() {
                self.sql("PARTITION BY ");
                self.list(inner)?;
            }
            if !planned.order_by.is_empty() {
                self.sql(if inner.is_empty() {
                    "ORDER BY "
                } else {
                    " ORDER BY "
                });
                self.order_by(&planned.order_by)?;
            }
            self.sql(") AS lateral_rn");
        }
        self.sql(" FROM ");
        self.table(&planned.from)?;
        for join in &planned.joins {
            self.join(join)?;
        }
        for (n, kept) in exprs.list(top_n.kept).iter().enumerate() {
            self.sql(if n == 0 { " WHERE " } else { " AND " });
            self.expr(*kept)?;
        }
        Ok(())
    }

    /// `s1.lateral_k0 = <outer> .. AND s1.lateral_rn > <offset> AND s1.lateral_rn <=
    /// <offset> + <limit>`, each after ` AND ` if `after` another condition, in the
    /// subquery's plan, whose nodes the outer sides are.
    fn lifted(
        &mut self,
        binding: &Binding<'_>,
        planned: &'p Planned<'p>,
        top_n: &TopN,
        after: bool,
    ) -> Result<(), Error> {
        let mut after = after;
        let mut and = |writer: &mut Self| {
            if after {
                writer.sql(" AND ");
            }
            after = true;
        };
        for (n, outer) in self.exprs.list(top_n.outer).iter().enumerate() {
            and(self);
            self.alias(binding.alias);
            self.sql(".lateral_k");
            self.index(n);
            self.sql(" = ");
            self.expr(*outer)?;
        }
        if let Some(offset) = &planned.offset {
            and(self);
            self.alias(binding.alias);
            self.sql(".lateral_rn > ");
            self.count(offset)?;
        }
        if let Some(limit) = &planned.limit {
            and(self);
            self.alias(binding.alias);
            self.sql(".lateral_rn <= ");
            match (&planned.offset, limit) {
                (None, limit) => self.count(limit)?,
                (Some(Count::Literal(offset)), Count::Literal(limit)) => {
                    self.number(offset.saturating_add(*limit));
                }
                (Some(offset), limit) => {
                    self.sql("(");
                    self.count(offset)?;
                    self.sql(" + ");
                    self.count(limit)?;
                    self.sql(")");
                }
            }
        }
        Ok(())
    }
}

/// Whether the subquery's rows need numbering: it keeps some of each key's rows only.
fn numbered(planned: &Planned<'_>) -> bool {
    planned.limit.is_some() || planned.offset.is_some()
}
