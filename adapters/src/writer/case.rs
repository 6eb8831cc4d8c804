//! Conditionals (`CASE WHEN c THEN a ... ELSE d END`) and aggregate filters
//! (`filter(agg, cond)`).
//!
//! A conditional is cast where the engine would not give the type the plan promises, as
//! `coalesce` is: SQLite returns each branch's value with its own type (an integer branch
//! of a float conditional comes back an integer), and MySQL gives a conditional of a
//! boolean column and a bound boolean a decimal type. A decimal conditional is cast to the
//! plan's scale on PostgreSQL, and on SQLite every decimal branch is written at that scale.
//!
//! A filter is `FILTER (WHERE cond)` after the call where the engine has it, and otherwise
//! moves into the argument: `sum(CASE WHEN cond THEN x END)`, `count(CASE WHEN cond THEN 1
//! END)` for `count()`. A NULL condition leaves the row out in both forms.

use recto_core::{Error, Ty};
use recto_planner::{ExprId, ExprList};

use super::Writer;
use super::expr::is_float;
use crate::dialect::{AggregateFilter, BooleanCoalesce, Dialect, MixedCoalesce};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `(CASE WHEN c THEN a ELSE d END)`, cast where the engine's type would differ from
    /// the plan's.
    #[inline(never)]
    pub(super) fn case(
        &mut self,
        case: ExprId,
        whens: ExprList,
        otherwise: Option<ExprId>,
    ) -> Result<(), Error> {
        let exprs = self.exprs;
        let ty = exprs.ty(case);
        let values = || {
            let list = exprs.list(whens).iter().skip(1).step_by(2);
            list.chain(otherwise.as_ref()).copied()
        };
        if let Some(scale) = self.rescaled_decimal(case) {
            self.sql("CAST(");
            self.case_branches(whens, otherwise, None)?;
            self.sql(" AS numeric(1000, ");
            self.number(u64::from(scale));
            self.sql("))");
            return Ok(());
        }
        let cast = if self.quirks.mixed_coalesce == MixedCoalesce::CastResult
            && is_float(ty)
            && values().any(|value| !is_float(exprs.ty(value)))
        {
            Some(self.quirks.cast_types.double)
        } else if self.quirks.boolean_coalesce == BooleanCoalesce::CastInteger
            && ty == Some(Ty::Bool)
        {
            Some(self.quirks.cast_types.bigint)
        } else {
            None
        };
        match cast {
            Some(cast) => {
                self.sql("CAST(");
                self.case_branches(whens, otherwise, None)?;
                self.sql(" AS ");
                self.sql(cast);
                self.sql(")");
            }
            None => self.case_branches(whens, otherwise, None)?,
        }
        Ok(())
    }

    /// A decimal conditional as a scaled integer: every branch at `scale`.
    pub(super) fn scaled_case(
        &mut self,
        whens: ExprList,
        otherwise: Option<ExprId>,
        scale: u32,
    ) -> Result<(), Error> {
        self.case_branches(whens, otherwise, Some(scale))
    }

    /// `(CASE WHEN c THEN a ... ELSE d END)`, each value as a scaled integer at `scale`
    /// where one is given. A missing `ELSE` is SQL's `ELSE NULL`.
    fn case_branches(
        &mut self,
        whens: ExprList,
        otherwise: Option<ExprId>,
        scale: Option<u32>,
    ) -> Result<(), Error> {
        let value = |w: &mut Self, value: ExprId| match scale {
            Some(scale) => w.scaled(value, scale),
            None => w.expr(value),
        };
        self.sql("(CASE");
        for pair in self.exprs.list(whens).chunks(2) {
            let [when, then] = pair else {
                return Err(self.unsupported("a conditional branch without a value"));
            };
            self.sql(" WHEN ");
            self.expr(*when)?;
            self.sql(" THEN ");
            value(self, *then)?;
        }
        if let Some(otherwise) = otherwise {
            self.sql(" ELSE ");
            value(self, otherwise)?;
        }
        self.sql(" END)");
        Ok(())
    }

    /// Writes an aggregate's argument with `write` (`*` for `count()`, where `star` is
    /// set), inside `CASE WHEN cond THEN ... END` when the aggregate has a filter the
    /// dialect writes that way. The filter is set aside meanwhile: an aggregate in a
    /// subquery in the argument has its own.
    pub(super) fn filtered_arg(
        &mut self,
        star: bool,
        write: impl FnOnce(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let filter = self.filter.take();
        let result = match (filter, self.quirks.aggregate_filter) {
            (Some(cond), AggregateFilter::Case) => (|| {
                self.sql("CASE WHEN ");
                self.expr(cond)?;
                self.sql(" THEN ");
                if star {
                    self.sql("1")
                } else {
                    write(self)?
                }
                self.sql(" END");
                Ok(())
            })(),
            _ if star => {
                self.sql("*");
                Ok(())
            }
            _ => write(self),
        };
        self.filter = filter;
        result
    }

    /// Closes an aggregate call: `)`, then ` FILTER (WHERE cond)` when it has a filter and
    /// the dialect writes it so.
    pub(super) fn close_aggregate(&mut self) -> Result<(), Error> {
        self.sql(")");
        let filter = self.filter.take();
        let result = match (filter, self.quirks.aggregate_filter) {
            (Some(cond), AggregateFilter::Native) => {
                self.sql(" FILTER (WHERE ");
                let written = self.expr(cond);
                self.sql(")");
                written
            }
            _ => Ok(()),
        };
        self.filter = filter;
        result
    }

    /// Runs `write` with `filter` as the filter of the aggregate it writes.
    pub(super) fn with_filter(
        &mut self,
        filter: Option<ExprId>,
        write: impl FnOnce(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let outer = std::mem::replace(&mut self.filter, filter);
        let result = write(self);
        self.filter = outer;
        result
    }
}
