//! Scalar function calls (`lower(s)`, `substring(s, 1, 2)`, ...): their arity, and the
//! types of their arguments where the plan knows them. `from!` checks both at compile time;
//! this is the check for queries built at run time or deserialized.

use recto_core::{Error, Expr, Func, Ty};

use super::Resolver;
use crate::exprs::ExprId;
use crate::planned::PlannedExpr;

/// What an argument of a function must be.
#[derive(Clone, Copy)]
enum Arg {
    Text,
    Integer,
    Date,
    Timestamp,
    /// A date or a timestamp.
    Dated,
}

impl Arg {
    fn accepts(self, ty: Ty) -> bool {
        match self {
            Arg::Text => ty == Ty::Text,
            Arg::Integer => matches!(ty, Ty::I16 | Ty::I32 | Ty::I64),
            Arg::Date => ty == Ty::Date,
            Arg::Timestamp => matches!(ty, Ty::Timestamp | Ty::TimestampUtc),
            Arg::Dated => matches!(ty, Ty::Date | Ty::Timestamp | Ty::TimestampUtc),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Arg::Text => "text",
            Arg::Integer => "an integer",
            Arg::Date => "a date",
            Arg::Timestamp => "a timestamp (naive or UTC)",
            Arg::Dated => "a date or a timestamp",
        }
    }
}

/// The kind of argument `n` of `func`.
fn arg(func: Func, n: usize) -> Arg {
    match (func, n) {
        (Func::Substring, 1 | 2) => Arg::Integer,
        (Func::Extract(part), _) if part.of_time() => Arg::Timestamp,
        (Func::Extract(_), _) => Arg::Dated,
        (Func::DateAdd(_) | Func::DateDiff, 0) | (Func::DateDiff, 1) => Arg::Date,
        (Func::DatetimeAdd(_), 0) => Arg::Timestamp,
        (Func::DateAdd(_) | Func::DatetimeAdd(_), 1) | (Func::Ago(_) | Func::FromNow(_), 0) => {
            Arg::Integer
        }
        _ => Arg::Text,
    }
}

impl<'q> Resolver<'_, '_, 'q> {
    /// `func(args)`.
    #[inline(never)]
    pub(super) fn func(
        &mut self,
        func: Func,
        args: &'q [Expr],
        depth: usize,
    ) -> Result<ExprId, Error> {
        let (min, max) = func.arity();
        if args.len() < min || max.is_some_and(|max| args.len() > max) {
            let expected = match max {
                Some(max) if max == min => format!("{min}"),
                Some(max) => format!("{min} to {max}"),
                None => format!("at least {min}"),
            };
            return Err(self.scope.invalid(format!(
                "`{}` takes {expected} arguments, found {}",
                func.name(),
                args.len()
            )));
        }
        if let Func::DateAdd(unit) = func
            && unit.of_time()
        {
            return Err(self.scope.invalid(format!(
                "`date_add` moves a date by whole days, not by the {}: use `datetime_add` on a timestamp",
                unit.name()
            )));
        }
        let list = self.all(args, depth)?;
        for (n, id) in self.draft.exprs.list(list).iter().enumerate() {
            let expected = arg(func, n);
            if let Some(ty) = self.draft.exprs.ty(*id)
                && !expected.accepts(ty)
            {
                return Err(self.scope.invalid(format!(
                    "argument {} of `{}` must be {}, not {ty:?}",
                    n + 1,
                    func.name(),
                    expected.noun()
                )));
            }
        }
        Ok(self.push(PlannedExpr::Func { func, args: list }))
    }
}

/// The type `func` returns.
pub(crate) fn result_ty(func: Func) -> Option<Ty> {
    match func {
        Func::Length | Func::Position | Func::Extract(_) | Func::DateDiff => Some(Ty::I32),
        Func::DateAdd(_) => Some(Ty::Date),
        // A `DateTime<Utc>` moved stays one: `Exprs::ty` answers that from the argument.
        Func::DatetimeAdd(_) | Func::Ago(_) | Func::FromNow(_) => Some(Ty::Timestamp),
        Func::Lower
        | Func::Upper
        | Func::Trim
        | Func::Ltrim
        | Func::Rtrim
        | Func::Substring
        | Func::Concat
        | Func::Replace => Some(Ty::Text),
        _ => None,
    }
}
