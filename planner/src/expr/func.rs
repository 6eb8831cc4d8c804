//! Scalar function calls (`lower(s)`, `substring(s, 1, 2)`, ...): their arity, and the
//! types of their arguments where the plan knows them. `from!` checks both at compile time;
//! this is the check for queries built at run time or deserialized.

use recto_core::{Error, Expr, Func, Ty, Value};

use super::Resolver;
use crate::decimal;
use crate::exprs::ExprId;
use crate::planned::PlannedExpr;

/// What an argument of a function must be.
#[derive(Clone, Copy)]
enum Arg {
    Text,
    Integer,
    /// A number of any type.
    Number,
    /// An integer or a float: not an exact decimal.
    Binary,
    /// The digits of `round(x, digits)`: an integer from 0 to 28 written in the query.
    Digits,
    /// Anything the other arguments' types unify with (checked separately).
    Any,
    /// Anything `greatest` and `least` compare: not a boolean or a JSON document.
    Ordered,
    Date,
    Timestamp,
    /// A date or a timestamp.
    Dated,
}

impl Arg {
    fn accepts(self, ty: Ty) -> bool {
        match self {
            Arg::Text => ty == Ty::Text,
            Arg::Integer | Arg::Digits => matches!(ty, Ty::I16 | Ty::I32 | Ty::I64),
            Arg::Number => is_number(ty),
            Arg::Binary => is_number(ty) && ty != Ty::Decimal,
            Arg::Any => true,
            Arg::Ordered => !matches!(ty, Ty::Bool | Ty::Json),
            Arg::Date => ty == Ty::Date,
            Arg::Timestamp => matches!(ty, Ty::Timestamp | Ty::TimestampUtc),
            Arg::Dated => matches!(ty, Ty::Date | Ty::Timestamp | Ty::TimestampUtc),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Arg::Text => "text",
            Arg::Integer => "an integer",
            Arg::Number => "a number",
            Arg::Binary => "an integer or a float",
            Arg::Digits => "a whole number from 0 to 28 written in the query",
            Arg::Any => "a value",
            Arg::Ordered => "a number, text, bytes, a date, a time or a UUID",
            Arg::Date => "a date",
            Arg::Timestamp => "a timestamp (naive or UTC)",
            Arg::Dated => "a date or a timestamp",
        }
    }
}

fn is_float(ty: Ty) -> bool {
    matches!(ty, Ty::F32 | Ty::F64)
}

fn is_number(ty: Ty) -> bool {
    matches!(
        ty,
        Ty::I16 | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Decimal
    )
}

/// The kind of argument `n` of `func`.
fn arg(func: Func, n: usize) -> Arg {
    match (func, n) {
        (Func::Substring, 1 | 2) => Arg::Integer,
        (Func::Round, 1) => Arg::Digits,
        (Func::Abs | Func::Ceil | Func::Floor | Func::Round, _) => Arg::Number,
        (Func::Sqrt | Func::Power, _) => Arg::Binary,
        (Func::NullIf, _) => Arg::Any,
        (Func::Greatest | Func::Least, _) => Arg::Ordered,
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

/// The type a function's value has.
pub(crate) enum Typing {
    /// Always this one.
    Fixed(Ty),
    /// Its first argument's.
    First,
    /// Its arguments' types unified, as `coalesce`'s.
    Unified,
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
        let exprs = &self.draft.exprs;
        let operands = exprs.list(list).to_vec();
        for (n, id) in operands.iter().enumerate() {
            let expected = arg(func, n);
            let digits = || matches!(exprs.get(*id), PlannedExpr::Lit(Value::I32(0..=28)));
            let wrong = match exprs.ty(*id) {
                Some(ty) => !expected.accepts(ty),
                None => false,
            } || matches!(expected, Arg::Digits) && !digits();
            if wrong {
                return Err(self.scope.invalid(format!(
                    "argument {} of `{}` must be {}, not {}",
                    n + 1,
                    func.name(),
                    expected.noun(),
                    exprs
                        .ty(*id)
                        .map_or("a value of another kind".to_owned(), |ty| format!("{ty:?}"))
                )));
            }
        }
        if func == Func::Round
            && let [x, _] = operands[..]
            && exprs.ty(x).is_some_and(|ty| ty != Ty::Decimal)
        {
            return Err(self.scope.invalid(
                "`round(x, digits)` rounds an exact decimal; `round(x)` rounds a float or an integer to a whole number",
            ));
        }
        // The arguments compared with each other must have one type; a float literal among
        // them takes the others' (a decimal beside a decimal).
        let compared = func == Func::NullIf || matches!(typing(func), Typing::Unified);
        if compared {
            self.draft.exprs.type_float_literals(&operands);
        }
        let exprs = &self.draft.exprs;
        if func == Func::NullIf
            && let [a, b] = operands[..]
            && let (Some(a), Some(b)) = (exprs.ty(a), exprs.ty(b))
            && is_number(a)
            && is_number(b)
            && is_float(a) != is_float(b)
        {
            // PostgreSQL would compare them as floats and return the first as a float too.
            return Err(self.scope.invalid(
                "`nullif(a, b)` compares a float with a float and an integer or a decimal with either of those: not one with the other",
            ));
        }
        if compared {
            if operands.iter().all(|id| exprs.ty(*id).is_some())
                && exprs.unified(&operands).is_none()
            {
                return Err(self.scope.invalid(format!(
                    "the arguments of `{}` have no one type",
                    func.name()
                )));
            }
            decimal::expect_no_float_beside_decimal(&self.scope, exprs, &operands, None)?;
        }
        Ok(self.push(PlannedExpr::Func { func, args: list }))
    }
}

/// The type `func` returns.
pub(crate) fn typing(func: Func) -> Typing {
    match func {
        Func::Length | Func::Position | Func::Extract(_) | Func::DateDiff => Typing::Fixed(Ty::I32),
        Func::DateAdd(_) => Typing::Fixed(Ty::Date),
        // A `DateTime<Utc>` moved stays one: `Exprs::ty` answers that from the argument.
        Func::DatetimeAdd(_) | Func::Ago(_) | Func::FromNow(_) => Typing::Fixed(Ty::Timestamp),
        Func::Sqrt | Func::Power => Typing::Fixed(Ty::F64),
        // `nullif` is its first argument (PostgreSQL and MySQL say so).
        Func::Abs | Func::Ceil | Func::Floor | Func::Round | Func::NullIf => Typing::First,
        Func::Greatest | Func::Least => Typing::Unified,
        _ => Typing::Fixed(Ty::Text),
    }
}
