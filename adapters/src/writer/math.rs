//! The numeric functions: `ceil`, `floor` and `round` (halves away from zero on every
//! engine), `sqrt` and `power` (NULL where undefined, an `f64`), `greatest` and `least`
//! (NULL if an argument is). `abs` and `nullif` are the engines' own (`func.rs`); exact
//! decimals on an engine without them are `scaled_func`'s.

use recto_core::{Error, Func, Ty};
use recto_planner::ExprId;

use super::Writer;
use super::expr::is_float;
use crate::dialect::{Dialect, Extremes, MixedCoalesce, Truncate};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `ceil(x)`, `floor(x)`, `round(x)` and `round(x, digits)`. A whole number is its own
    /// ceiling, floor and rounding, and is written as it is (PostgreSQL's `ceil` of an
    /// integer is a double). A float rounds halves away from zero as
    /// `(trunc(x) + trunc(2 * (x - trunc(x))))`: exact for every float, since the
    /// fractional part and its double are, where the engines' own `round` of a double
    /// rounds halves to even (PostgreSQL, MariaDB) or adds 0.5 (SQLite, wrong for the
    /// double just below 0.5). An exact decimal is the engine's own `round`, which rounds
    /// halves away from zero.
    pub(super) fn rounded(&mut self, func: Func, args: &[ExprId]) -> Result<(), Error> {
        let [x, digits @ ..] = args else {
            return Err(self.malformed());
        };
        let x = *x;
        let ty = self.exprs.ty(x);
        if matches!(ty, Some(Ty::I16 | Ty::I32 | Ty::I64)) && digits.is_empty() {
            return self.expr(x);
        }
        // A float, or a number whose type the plan cannot tell.
        let inexact = ty != Some(Ty::Decimal);
        let cast = self.quirks.functions.truncate == Truncate::CastInteger;
        match func {
            Func::Ceil | Func::Floor if !(cast && inexact) => {
                let name = if func == Func::Ceil { "ceil" } else { "floor" };
                let functions = self.quirks.functions;
                let cast = if inexact {
                    functions.whole_float
                } else {
                    functions.whole_decimal
                };
                self.cast_if(cast, |w| w.call(name, args))
            }
            Func::Round if !(inexact && digits.is_empty()) => self.call("round", args),
            _ if cast => {
                self.sql("CASE WHEN (abs(");
                self.expr(x)?;
                self.sql(") >= 4503599627370496.0) THEN ");
                self.expr(x)?;
                self.sql(" ELSE CAST(");
                self.float_rounding(func, x)?;
                self.sql(" AS REAL) END");
                Ok(())
            }
            _ => self.cast_if(self.quirks.functions.whole_float, |w| {
                w.float_rounding(func, x)
            }),
        }
    }

    /// `CAST(x AS ty)` where there is a `ty`, `x` otherwise.
    fn cast_if(
        &mut self,
        ty: Option<&'static str>,
        x: impl FnOnce(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let Some(ty) = ty else {
            return x(self);
        };
        self.sql("CAST(");
        x(self)?;
        self.sql(" AS ");
        self.sql(ty);
        self.sql(")");
        Ok(())
    }

    /// `ceil`, `floor` or `round` of the float `x` through its integer part: `round` as
    /// `(trunc(x) + trunc((2 * (x - trunc(x)))))`, and where the integer part is a cast,
    /// `ceil` as `(trunc(x) + (x > trunc(x)))` and `floor` as `(trunc(x) - (x < trunc(x)))`.
    fn float_rounding(&mut self, func: Func, x: ExprId) -> Result<(), Error> {
        self.sql("(");
        self.truncated(|w| w.expr(x))?;
        match func {
            Func::Ceil | Func::Floor => {
                let (op, cmp) = if func == Func::Ceil {
                    (" + (", " > ")
                } else {
                    (" - (", " < ")
                };
                self.sql(op);
                self.expr(x)?;
                self.sql(cmp);
                self.truncated(|w| w.expr(x))?;
                self.sql(")");
            }
            _ => {
                self.sql(" + ");
                self.truncated(|w| {
                    w.sql("(2 * (");
                    w.operand(x)?;
                    w.sql(" - ");
                    w.truncated(|w| w.expr(x))?;
                    w.sql("))");
                    Ok(())
                })?;
            }
        }
        self.sql(")");
        Ok(())
    }

    /// The integer part of a float, toward zero.
    fn truncated(&mut self, x: impl FnOnce(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        match self.quirks.functions.truncate {
            Truncate::Trunc => {
                self.sql("trunc(");
                x(self)?;
                self.sql(")");
            }
            Truncate::TruncateZero => {
                self.sql("TRUNCATE(");
                x(self)?;
                self.sql(", 0)");
            }
            Truncate::CastInteger => {
                self.sql("CAST(");
                x(self)?;
                self.sql(" AS INTEGER)");
            }
        }
        Ok(())
    }

    /// `sqrt(x)` and `power(x, y)`: each argument a double (`sqrt` and `power` of integers
    /// would be `numeric` on PostgreSQL), NULL where the result is undefined, which
    /// PostgreSQL makes an error, MariaDB NULL and SQLite NULL or an infinity:
    /// `CASE WHEN (x < 0) THEN NULL ELSE sqrt(x) END`, and for `power` a zero base with a
    /// negative exponent or a negative base with a fractional one.
    pub(super) fn float_function(&mut self, func: Func, args: &[ExprId]) -> Result<(), Error> {
        if !self.quirks.functions.math {
            return Err(self.unsupported(
                "`sqrt` and `power` (this SQLite is built without its math functions)",
            ));
        }
        match (func, args) {
            (Func::Sqrt, [x]) => {
                self.sql("CASE WHEN (");
                self.expr(*x)?;
                self.sql(" < 0) THEN NULL ELSE sqrt(");
                self.double(*x)?;
                self.sql(") END");
            }
            (Func::Power, [x, y]) => {
                self.sql("CASE WHEN ((");
                self.expr(*x)?;
                self.sql(" = 0) AND (");
                self.expr(*y)?;
                self.sql(" < 0))");
                if is_float(self.exprs.ty(*y)) || self.exprs.ty(*y).is_none() {
                    self.sql(" OR ((");
                    self.expr(*x)?;
                    self.sql(" < 0) AND (");
                    self.expr(*y)?;
                    self.sql(" <> ");
                    self.call("floor", &[*y])?;
                    self.sql("))");
                }
                self.sql(" THEN NULL ELSE power(");
                self.double(*x)?;
                self.sql(", ");
                self.double(*y)?;
                self.sql(") END");
            }
            _ => return Err(self.malformed()),
        }
        Ok(())
    }

    /// `x` as a double: as it is where it is one.
    fn double(&mut self, x: ExprId) -> Result<(), Error> {
        if matches!(self.exprs.ty(x), Some(Ty::F64)) {
            self.expr(x)
        } else {
            self.cast(x, self.quirks.cast_types.double)
        }
    }

    /// The engine's name of `greatest` (`func`) or `least`.
    pub(super) fn extreme_name(&self, func: Func) -> &'static str {
        match (func == Func::Greatest, self.quirks.functions.extremes) {
            (true, Extremes::Greatest) => "greatest",
            (false, Extremes::Greatest) => "least",
            (true, Extremes::MaxMin) => "max",
            (false, Extremes::MaxMin) => "min",
        }
    }

    /// `greatest(a, b, ..)` and `least(a, b, ..)`, NULL if any argument is: MariaDB's
    /// `GREATEST` and SQLite's scalar `max` are; PostgreSQL's skips NULLs, so there it is
    /// `CASE WHEN (a IS NULL) OR (b IS NULL) THEN NULL ELSE greatest(a, b) END` where an
    /// argument may be NULL. A float result with integer arguments is cast to a double
    /// where the engine would return the integer's value as an integer (SQLite, as for
    /// `coalesce`).
    pub(super) fn extreme(&mut self, id: ExprId, func: Func, args: &[ExprId]) -> Result<(), Error> {
        let functions = self.quirks.functions;
        let name = self.extreme_name(func);
        let exprs = self.exprs;
        let guard = functions.extremes_skip_null && args.iter().any(|arg| exprs.nullable(*arg));
        let ty = exprs.ty(id);
        let cast = self.quirks.mixed_coalesce == MixedCoalesce::CastResult
            && is_float(ty)
            && args.iter().any(|arg| !is_float(exprs.ty(*arg)));
        if guard {
            self.sql("CASE WHEN ");
            for (n, arg) in args.iter().enumerate() {
                if n > 0 {
                    self.sql(" OR ");
                }
                self.sql("(");
                self.expr(*arg)?;
                self.sql(" IS NULL)");
            }
            self.sql(" THEN NULL ELSE ");
        }
        if cast {
            self.sql("CAST(");
        }
        self.call(name, args)?;
        if cast {
            self.sql(" AS ");
            self.sql(self.quirks.cast_types.double);
            self.sql(")");
        }
        if guard {
            self.sql(" END");
        }
        Ok(())
    }
}
