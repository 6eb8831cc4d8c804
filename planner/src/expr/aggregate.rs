//! Aggregates (`count()`, `count(x, distinct)`, `sum`, `avg`, `min`, `max`) and their
//! filters (`filter(agg, cond)`): the argument and the condition are evaluated per row, so
//! an aggregate in either is an aggregate nested in this one.

use recto_core::{AggFunc, Error, Expr};

use super::Resolver;
use crate::exprs::ExprId;
use crate::grouping;
use crate::planned::PlannedExpr;
use crate::terms;

impl<'q> Resolver<'_, '_, 'q> {
    #[inline(never)]
    pub(super) fn aggregate(
        &mut self,
        func: AggFunc,
        arg: Option<&'q Expr>,
        distinct: bool,
        filter: Option<&'q Expr>,
        depth: usize,
    ) -> Result<ExprId, Error> {
        let nested = std::mem::replace(&mut self.in_aggregate, true);
        let arg = arg.map(|arg| self.resolve(arg, depth)).transpose();
        // The filter is evaluated per row, as the argument is: an aggregate in it is an
        // aggregate nested in this one.
        let filter = match arg {
            Ok(_) => filter.map(|filter| self.resolve(filter, depth)).transpose(),
            Err(_) => Ok(None),
        };
        self.in_aggregate = nested;
        let filter = filter?;
        let arg = match arg? {
            Some(arg) => Some(arg),
            None if func == AggFunc::Count && !distinct => None,
            None if func == AggFunc::Count => {
                return Err(self
                    .scope
                    .invalid("`count(distinct)` needs an argument to compare"));
            }
            None => {
                return Err(self
                    .scope
                    .invalid("only `count()` may be called without an argument"));
            }
        };
        if let (AggFunc::Min | AggFunc::Max, Some(arg)) = (func, arg) {
            let what = "the argument of `min` or `max`";
            terms::expect_ordered(&self.scope, what, &self.draft.exprs, arg)?;
        }
        if let Some(filter) = filter {
            let what = "the condition of `filter`";
            terms::expect_boolean(&self.scope, what, &self.draft.exprs, filter)?;
        }
        let aggregate = self.push(PlannedExpr::Aggregate {
            func,
            arg,
            distinct,
            filter,
        });
        grouping::check_aggregate(&self.scope, nested, &self.draft.exprs, aggregate)?;
        self.draft.aggregates = true;
        Ok(aggregate)
    }
}
