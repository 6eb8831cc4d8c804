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
}

impl Arg {
    fn accepts(self, ty: Ty) -> bool {
        match self {
            Arg::Text => ty == Ty::Text,
            Arg::Integer => matches!(ty, Ty::I16 | Ty::I32 | Ty::I64),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Arg::Text => "text",
            Arg::Integer => "an integer",
        }
    }
}

/// The kind of argument `n` of `func`.
fn arg(func: Func, n: usize) -> Arg {
    match (func, n) {
        (Func::Substring, 1 | 2) => Arg::Integer,
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
        Func::Length | Func::Position => Some(Ty::I32),
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
