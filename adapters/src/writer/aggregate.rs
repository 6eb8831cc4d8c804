//! Aggregate calls, each written so that its result has the type [`Exprs::ty`](recto_planner::Exprs::ty)
//! promises and the value PostgreSQL gives, whatever the engine's own aggregate returns.

use recto_core::{AggFunc, Error, Ty};
use recto_planner::ExprId;

use super::Writer;
use super::expr::is_float;
use crate::dialect::{Avg, BooleanExtrema, Dialect, FloatSum, IntegerSum, OtherExtrema};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `count(*)`, `count(DISTINCT x)`, `sum(x)`, ..., each with the casts that make its
    /// result the type [`Exprs::ty`](recto_planner::Exprs::ty) promises: `CAST(sum(x) AS bigint)` where the
    /// engine sums integers into a decimal, `avg(CAST(x AS double))` where it averages them
    /// into one, `sum(CAST(x AS double))` where it sums single-precision floats in single
    /// precision, `bool_and(x)`/`bool_or(x)` for `min`/`max` of booleans where the engine
    /// has no such `min`/`max`, and the first of the sorted values for bytes and unknown
    /// types where `min`/`max` may not exist for them. A `HAVING` argument is printed as
    /// written: inside an aggregate, columns are the rows' own.
    #[inline(never)]
    pub(super) fn aggregate(
        &mut self,
        func: AggFunc,
        arg: Option<ExprId>,
        distinct: bool,
    ) -> Result<(), Error> {
        let grouped = self.grouped.take();
        self.aggregate_call(func, arg, distinct)?;
        self.grouped = grouped;
        Ok(())
    }

    fn aggregate_call(
        &mut self,
        func: AggFunc,
        arg: Option<ExprId>,
        distinct: bool,
    ) -> Result<(), Error> {
        let arg_ty = arg.and_then(|arg| self.exprs.ty(arg));
        if let (AggFunc::Avg, Some(arg), Some(Ty::Decimal)) = (func, arg, arg_ty) {
            return self.decimal_avg(arg, distinct);
        }
        if let (AggFunc::Min | AggFunc::Max, Some(arg)) = (func, arg) {
            let other = matches!(arg_ty, None | Some(Ty::Bytes));
            if other && self.quirks.other_extrema == OtherExtrema::ArrayAgg {
                return self.first_in_order(arg, func == AggFunc::Max);
            }
        }
        let cast_result = match func {
            AggFunc::Sum => self.sum_cast(arg_ty),
            _ => None,
        };
        let boolean_extrema =
            arg_ty == Some(Ty::Bool) && self.quirks.boolean_extrema == BooleanExtrema::BoolAndOr;
        let cast_arg = match func {
            AggFunc::Avg => self.quirks.avg == Avg::CastArgument && !is_float(arg_ty),
            AggFunc::Sum => {
                self.quirks.float_sum == FloatSum::CastSingle && arg_ty == Some(Ty::F32)
            }
            _ => false,
        };
        if cast_result.is_some() {
            self.sql("CAST(");
        }
        self.sql(match func {
            AggFunc::Count => "count(",
            AggFunc::Sum => "sum(",
            AggFunc::Avg => "avg(",
            AggFunc::Min if boolean_extrema => "bool_and(",
            AggFunc::Max if boolean_extrema => "bool_or(",
            AggFunc::Min => "min(",
            AggFunc::Max => "max(",
            _ => return Err(self.unsupported("this aggregate function")),
        });
        if distinct {
            self.sql("DISTINCT ");
        }
        self.filtered_arg(arg.is_none(), |w| match arg {
            Some(arg) if cast_arg => {
                let double = w.quirks.cast_types.double;
                w.cast(arg, double)
            }
            Some(arg) => w.expr(arg),
            None => Ok(()),
        })?;
        self.close_aggregate()?;
        if let Some(ty) = cast_result {
            self.sql(" AS ");
            self.sql(ty);
            self.sql(")");
        }
        Ok(())
    }

    /// `(array_agg(x ORDER BY x ASC NULLS LAST))[1]`, `DESC` for the greatest: the group's
    /// least or greatest value, NULL when every value is NULL or the group is empty, as
    /// `min`/`max` are. `DISTINCT` changes neither, so it is not written.
    fn first_in_order(&mut self, arg: ExprId, greatest: bool) -> Result<(), Error> {
        self.sql("(array_agg(");
        self.filtered_arg(false, |w| w.expr(arg))?;
        self.sql(" ORDER BY ");
        self.filtered_arg(false, |w| w.expr(arg))?;
        self.sql(if greatest {
            " DESC NULLS LAST"
        } else {
            " ASC NULLS LAST"
        });
        self.close_aggregate()?;
        self.sql(")[1]");
        Ok(())
    }

    /// The type `sum` over integers of type `arg` is cast to, where the engine's own sum is
    /// not the `i64` [`Exprs::ty`](recto_planner::Exprs::ty) promises.
    fn sum_cast(&self, arg: Option<Ty>) -> Option<&'static str> {
        match (arg?, self.quirks.integer_sum) {
            (Ty::I16 | Ty::I32, IntegerSum::CastEverySum)
            | (Ty::I64, IntegerSum::CastEverySum | IntegerSum::CastSumOfBigints) => {
                Some(self.quirks.cast_types.bigint)
            }
            _ => None,
        }
    }
}
