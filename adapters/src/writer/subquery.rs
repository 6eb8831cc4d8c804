//! Queries nested in a query: subqueries in expressions (`EXISTS`, `IN`, `ANY`/`ALL`, a
//! scalar) and subquery sources, each printed by the same [`Writer::query`] as the
//! statement, with the nested plan's own expressions. A correlated reference is the outer
//! binding's alias, unique across the statement by construction. What an engine lacks is
//! emulated as [`AnyAll`], [`ScalarRows`] and [`LimitInSubquery`] say, or is
//! [`Error::Unsupported`]: see `docs/nesting.md`.

use recto_core::{AggFunc, BinOp, Error, SubqueryTest, Ty, Value};
use recto_planner::{Count, ExprId, Planned, QueryId};

use super::Writer;
use crate::dialect::{AnyAll, Decimals, Dialect, ExistsDistinct, LimitInSubquery, ScalarRows};

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// Runs `print` with `planned` as the query being printed: its expressions, its
    /// derived tables, no grouping context of the query around it.
    pub(super) fn within<R>(
        &mut self,
        planned: &'p Planned<'p>,
        print: impl FnOnce(&mut Self) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let exprs = std::mem::replace(&mut self.exprs, &planned.exprs);
        let derived = std::mem::replace(&mut self.nested, &planned.derived);
        let grouped = self.grouped.take();
        let result = print(self);
        self.exprs = exprs;
        self.nested = derived;
        self.grouped = grouped;
        result
    }

    /// A nested query's text (without parentheses): its columns named (`AS "name"`), or
    /// numbered `c0, c1, ...` with `numbered`; its decimals as computed (a SQLite decimal
    /// stays a scaled integer: the query around reads it as one).
    pub(super) fn nested_query(
        &mut self,
        planned: &'p Planned<'p>,
        numbered: bool,
    ) -> Result<(), Error> {
        let inner = std::mem::replace(&mut self.inner, true);
        let in_member = std::mem::replace(&mut self.in_member, false);
        let result = self.within(planned, |writer| writer.query(planned, numbered));
        self.inner = inner;
        self.in_member = in_member;
        result
    }

    /// `(SELECT ..) AS s0`: a binding that reads a subquery.
    pub(super) fn derived_source(&mut self, planned: &'p Planned<'p>) -> Result<(), Error> {
        self.may_wrap(planned)?;
        self.sql("(");
        self.nested_query(planned, false)?;
        self.sql(")");
        Ok(())
    }

    /// [`Error::Unsupported`] where the dialect cannot put `planned` in a derived table: it
    /// refers to an enclosing query, which a derived table does not see there.
    pub(super) fn may_wrap(&self, planned: &Planned<'_>) -> Result<(), Error> {
        if !self.quirks.correlated_derived && !planned.outer.is_empty() {
            return Err(self.unsupported(
                "a derived table (a subquery source, or the form recto prints for a nested query with `limit:`, set operations, `distinct:` with `order_by:`, or `any`/`all`) that refers to an enclosing query with `parent_as`",
            ));
        }
        Ok(())
    }

    /// A subquery in an expression.
    pub(super) fn subquery(
        &mut self,
        test: SubqueryTest,
        operand: Option<ExprId>,
        query: QueryId,
    ) -> Result<(), Error> {
        let exprs = self.exprs;
        let planned = exprs.query(query);
        match (test, operand) {
            (SubqueryTest::Exists, _)
                if self.quirks.exists_distinct == ExistsDistinct::DerivedTable
                    && planned.distinct
                    && planned.offset.is_some() =>
            {
                let alias = self.reserve();
                self.sql("(EXISTS (SELECT * FROM (");
                self.nested_query(planned, false)?;
                self.sql(") AS sq");
                self.index(alias);
                self.sql("))")
            }
            (SubqueryTest::Exists, _) => {
                self.sql("(EXISTS (");
                self.nested_query(planned, false)?;
                self.sql("))")
            }
            (SubqueryTest::Scalar, _) => return self.scalar(planned),
            (SubqueryTest::In, Some(operand)) => return self.in_values(operand, planned, false),
            (SubqueryTest::Any(op) | SubqueryTest::All(op), Some(operand)) => {
                let all = matches!(test, SubqueryTest::All(_));
                return self.quantified(all, op, operand, planned);
            }
            _ => return Err(self.unsupported("this kind of subquery expression")),
        }
        Ok(())
    }

    /// `(x IN (SELECT ..))`, or `(x NOT IN (..))` with `negated`.
    fn in_values(
        &mut self,
        operand: ExprId,
        planned: &'p Planned<'p>,
        negated: bool,
    ) -> Result<(), Error> {
        self.expect_same_scale(operand, planned)?;
        self.sql("(");
        self.expr(operand)?;
        self.sql(if negated { " NOT IN " } else { " IN " });
        self.values(planned)?;
        self.sql(")");
        Ok(())
    }

    /// `(SELECT ..)` as the values of `IN`, `ANY` or `ALL`: in a derived table where the
    /// engine refuses `LIMIT` there ([`LimitInSubquery::DerivedTable`]).
    fn values(&mut self, planned: &'p Planned<'p>) -> Result<(), Error> {
        if limited(planned) && self.quirks.limit_in_subquery == LimitInSubquery::DerivedTable {
            if !planned.outer.is_empty() {
                return Err(self.unsupported(
                    "a subquery with `limit:` or `offset:` that refers to an enclosing query, inside `in`, `any` or `all`",
                ));
            }
            let alias = self.reserve();
            self.sql("(SELECT sq");
            self.index(alias);
            self.sql(".c0 FROM (");
            self.nested_query(planned, true)?;
            self.sql(") AS sq");
            self.index(alias);
            self.sql(")");
            return Ok(());
        }
        self.sql("(");
        self.nested_query(planned, false)?;
        self.sql(")");
        Ok(())
    }

    /// `(SELECT ..)` as one value; where the engine would silently take the first of two
    /// rows, guarded ([`ScalarRows::Guard`]).
    fn scalar(&mut self, planned: &'p Planned<'p>) -> Result<(), Error> {
        if self.quirks.scalar_rows == ScalarRows::Native || at_most_one_row(planned) {
            self.sql("(");
            self.nested_query(planned, false)?;
            self.sql(")");
            return Ok(());
        }
        self.may_wrap(planned)?;
        let alias = self.reserve();
        self.sql("(SELECT CASE WHEN count(*) > 1 THEN abs(-9223372036854775808) ELSE max(sq");
        self.index(alias);
        self.sql(".c0) END FROM (");
        self.nested_query(planned, true)?;
        self.sql(") AS sq");
        self.index(alias);
        self.sql(")");
        Ok(())
    }

    /// `(x op ANY (SELECT ..))` / `(x op ALL (SELECT ..))`, or their emulation
    /// ([`AnyAll::Aggregate`]).
    fn quantified(
        &mut self,
        all: bool,
        op: BinOp,
        operand: ExprId,
        planned: &'p Planned<'p>,
    ) -> Result<(), Error> {
        self.expect_same_scale(operand, planned)?;
        if self.quirks.any_all == AnyAll::Native {
            self.sql("(");
            self.expr(operand)?;
            self.sql(match op {
                BinOp::Eq => " = ",
                BinOp::Ne => " <> ",
                BinOp::Lt => " < ",
                BinOp::Le => " <= ",
                BinOp::Gt => " > ",
                BinOp::Ge => " >= ",
                _ => return Err(self.unsupported("this operator with `any` or `all`")),
            });
            self.sql(if all { "ALL " } else { "ANY " });
            self.values(planned)?;
            self.sql(")");
            return Ok(());
        }
        // `= any` is `IN`, `!= all` is `NOT IN`, with the same NULL semantics.
        match (all, op) {
            (false, BinOp::Eq) => return self.in_values(operand, planned, false),
            (true, BinOp::Ne) => return self.in_values(operand, planned, true),
            _ => {}
        }
        // The operand is printed inside the subquery's aggregate, where an aggregate of the
        // query around would become one of the subquery.
        if self.exprs.has_aggregate(operand) {
            return Err(self.unsupported("an aggregate compared with `any` or `all`"));
        }
        self.may_wrap(planned)?;
        let alias = self.reserve();
        // Each decisive test: what settles the answer against `min`/`max` of the values.
        let (compare, extremum) = match (all, op) {
            (true, BinOp::Gt) => (" <= ", Some(AggFunc::Max)),
            (true, BinOp::Ge) => (" < ", Some(AggFunc::Max)),
            (true, BinOp::Lt) => (" >= ", Some(AggFunc::Min)),
            (true, BinOp::Le) => (" > ", Some(AggFunc::Min)),
            (false, BinOp::Gt) => (" > ", Some(AggFunc::Min)),
            (false, BinOp::Ge) => (" >= ", Some(AggFunc::Min)),
            (false, BinOp::Lt) => (" < ", Some(AggFunc::Max)),
            (false, BinOp::Le) => (" <= ", Some(AggFunc::Max)),
            // `= all` fails and `!= any` holds where a value differs from `x`: where the
            // least or the greatest does.
            (true, BinOp::Eq) | (false, BinOp::Ne) => (" <> ", None),
            _ => return Err(self.unsupported("this operator with `any` or `all`")),
        };
        // Every comparison holds over no value, and none fails: `all` is true, `any` false;
        // a decisive value makes `all` false and `any` true; otherwise, a NULL among the
        // values makes the answer NULL.
        self.sql("(SELECT CASE WHEN count(*) = 0 THEN ");
        self.literal(&Value::Bool(all))?;
        self.sql(" WHEN ");
        self.expr(operand)?;
        self.sql(" IS NULL THEN NULL WHEN ");
        let extrema = match extremum {
            Some(func) => vec![func],
            None => vec![AggFunc::Min, AggFunc::Max],
        };
        self.sql("(");
        for (n, func) in extrema.into_iter().enumerate() {
            if n > 0 {
                self.sql(" OR ");
            }
            self.expr(operand)?;
            self.sql(compare);
            self.sql(if func == AggFunc::Min {
                "min(sq"
            } else {
                "max(sq"
            });
            self.index(alias);
            self.sql(".c0)");
        }
        self.sql(") THEN ");
        self.literal(&Value::Bool(!all))?;
        self.sql(" WHEN count(sq");
        self.index(alias);
        self.sql(".c0) < count(*) THEN NULL ELSE ");
        self.literal(&Value::Bool(all))?;
        self.sql(" END FROM (");
        self.nested_query(planned, true)?;
        self.sql(") AS sq");
        self.index(alias);
        self.sql(")");
        Ok(())
    }

    /// Where decimals are scaled integers, `IN`/`ANY`/`ALL` compare them as integers: a
    /// value and a subquery column of different scales would compare as different values.
    fn expect_same_scale(&self, operand: ExprId, planned: &Planned<'_>) -> Result<(), Error> {
        if self.quirks.decimals != Decimals::Scaled {
            return Ok(());
        }
        let Some(item) = planned.select.first() else {
            return Ok(());
        };
        let decimal = |ty| ty == Some(Ty::Decimal);
        let ours = (self.exprs.ty(operand), self.exprs.scale(operand));
        let theirs = (planned.exprs.ty(item.expr), planned.exprs.scale(item.expr));
        if (decimal(ours.0) || decimal(theirs.0)) && ours != theirs {
            return Err(self.unsupported(
                "comparing a decimal with a subquery's values of another type or scale (`in`, `any`, `all`)",
            ));
        }
        Ok(())
    }
}

/// Whether a query has its own `limit:` or `offset:` (its combined rows' included).
fn limited(planned: &Planned<'_>) -> bool {
    planned.limit.is_some()
        || planned.offset.is_some()
        || planned
            .combined
            .as_ref()
            .is_some_and(|combined| combined.limit.is_some() || combined.offset.is_some())
}

/// Whether a query returns at most one row by construction: it aggregates without
/// `group_by:` (one group) or is limited to one row.
fn at_most_one_row(planned: &Planned<'_>) -> bool {
    if planned.combined.is_some() {
        return false;
    }
    let one_group = planned.group_by.is_empty()
        && planned
            .select
            .iter()
            .any(|item| planned.exprs.has_aggregate(item.expr));
    let one_row = matches!(planned.limit, Some(Count::Literal(0 | 1)));
    one_group || one_row
}
