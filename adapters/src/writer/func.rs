//! Scalar function calls (`recto_core::Func`), each written so that it means the same on
//! every engine: the engine's own function where it means what recto does, and otherwise
//! the emulation its [`Functions`](crate::dialect::Functions) quirks name.

use recto_core::{Error, Func, Ty, Value};
use recto_planner::{ExprId, ExprList, PlannedExpr};

use super::Writer;
use crate::dialect::{Concat, Dialect, Position, Substring};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `func(args)`.
    #[inline(never)]
    pub(super) fn func(&mut self, id: ExprId, func: Func, args: ExprList) -> Result<(), Error> {
        let exprs = self.exprs;
        let args = exprs.list(args);
        let functions = self.quirks.functions;
        match func {
            Func::Lower => self.call("lower", args),
            Func::Upper => self.call("upper", args),
            Func::Length => self.call(functions.char_length, args),
            Func::Trim => self.call("trim", args),
            Func::Ltrim => self.call("ltrim", args),
            Func::Rtrim => self.call("rtrim", args),
            Func::Replace => match args {
                [_, _, to] if functions.replace_null_guard && exprs.nullable(*to) => {
                    self.sql("CASE WHEN (");
                    self.expr(*to)?;
                    self.sql(" IS NULL) THEN NULL ELSE ");
                    self.call("replace", args)?;
                    self.sql(" END");
                    Ok(())
                }
                _ => self.call("replace", args),
            },
            Func::Concat => match functions.concat {
                Concat::Function => self.call("CONCAT", args),
                Concat::Operator => {
                    self.sql("(");
                    for (n, arg) in args.iter().enumerate() {
                        if n > 0 {
                            self.sql(" || ");
                        }
                        self.operand(*arg)?;
                    }
                    self.sql(")");
                    Ok(())
                }
            },
            Func::Position => match (functions.position, args) {
                (Position::Strpos, [s, sub]) => self.call("strpos", &[*s, *sub]),
                (Position::Instr, [s, sub]) => self.call("instr", &[*s, *sub]),
                (Position::Locate, [s, sub]) => self.call("LOCATE", &[*sub, *s]),
                _ => Err(self.malformed()),
            },
            Func::Substring => self.substring(functions.substring, args),
            Func::Abs => self.call("abs", args),
            Func::Ceil | Func::Floor | Func::Round => self.rounded(func, args),
            Func::Sqrt | Func::Power => self.float_function(func, args),
            Func::NullIf => self.call("nullif", args),
            Func::Greatest | Func::Least => self.extreme(id, func, args),
            Func::Extract(_)
            | Func::DateAdd(_)
            | Func::DatetimeAdd(_)
            | Func::Ago(_)
            | Func::FromNow(_)
            | Func::DateDiff => self.date_func(func, args),
            _ => Err(self.malformed()),
        }
    }

    /// `name(a, b, ..)`.
    pub(super) fn call(&mut self, name: &str, args: &[ExprId]) -> Result<(), Error> {
        self.sql(name);
        self.sql("(");
        self.list(args)?;
        self.sql(")");
        Ok(())
    }

    /// The error for a call the planner would not have let through (a wrong arity, a
    /// function this writer does not know).
    pub(super) fn malformed(&self) -> Error {
        Error::Unsupported {
            feature: "a scalar function with these arguments",
            dialect: self.dialect.name(),
        }
    }

    /// An integer argument, cast to the engine's 32-bit integer where its functions take
    /// no other.
    pub(super) fn int_arg(&mut self, arg: ExprId) -> Result<(), Error> {
        match self.quirks.functions.int4_args {
            Some(int4) if !matches!(self.exprs.ty(arg), Some(Ty::I32 | Ty::I16)) => {
                self.cast(arg, int4)
            }
            _ => self.expr(arg),
        }
    }

    /// `substring(s, start[, len])` (see [`Substring`]).
    fn substring(&mut self, form: Substring, args: &[ExprId]) -> Result<(), Error> {
        let (s, start, len) = match args {
            [s, start] => (*s, *start, None),
            [s, start, len] => (*s, *start, Some(*len)),
            _ => return Err(self.malformed()),
        };
        let literal_len = len.map(|len| self.int_literal(len));
        let plain = self.int_literal(start).is_some_and(|start| start >= 1)
            && literal_len.is_none_or(|len| len.is_some_and(|len| len >= 0));
        if plain {
            self.sql("substr(");
            self.expr(s)?;
            self.sql(", ");
            self.int_arg(start)?;
            if let Some(len) = len {
                self.sql(", ");
                self.int_arg(len)?;
            }
            self.sql(")");
            return Ok(());
        }
        match form {
            Substring::Native => {
                self.sql("substring(");
                self.expr(s)?;
                self.sql(" FROM ");
                self.int_arg(start)?;
                if let Some(len) = len {
                    self.sql(" FOR ");
                    if literal_len.flatten().is_some_and(|len| len >= 0) {
                        self.int_arg(len)?;
                    } else {
                        self.sql("CASE WHEN (");
                        self.expr(len)?;
                        self.sql(" < 0) THEN 0 ELSE ");
                        self.int_arg(len)?;
                        self.sql(" END");
                    }
                }
                self.sql(")");
            }
            Substring::Clamped { greatest } => {
                self.sql("substr(");
                self.expr(s)?;
                self.sql(", CASE WHEN (");
                self.expr(start)?;
                self.sql(" < 1) THEN 1 ELSE ");
                self.expr(start)?;
                self.sql(" END");
                if let Some(len) = len {
                    self.sql(", ");
                    self.sql(greatest);
                    self.sql("(CASE WHEN (");
                    self.expr(start)?;
                    self.sql(" < 1) THEN ((");
                    self.expr(start)?;
                    self.sql(" + ");
                    self.expr(len)?;
                    self.sql(") - 1) ELSE ");
                    self.expr(len)?;
                    self.sql(" END, 0)");
                }
                self.sql(")");
            }
        }
        Ok(())
    }

    /// The value of an integer written in the query.
    fn int_literal(&self, id: ExprId) -> Option<i64> {
        match self.exprs.get(id) {
            PlannedExpr::Lit(Value::I32(n)) => Some(i64::from(*n)),
            PlannedExpr::Lit(Value::I64(n)) => Some(*n),
            _ => None,
        }
    }
}
