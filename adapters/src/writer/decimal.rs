//! Exact decimals: the check that refuses them where the dialect has none, float literals
//! the planner made decimals (`1.0 - l.discount`), and `/` and `avg` written so that every
//! engine with a decimal type gives one answer (see [`Decimals`]); SQLite's scaled integers
//! are `scaled.rs`.

use recto_core::{Error, Ty, Value};
use recto_planner::{ExprId, ExprList, quotient_scale};

use super::Writer;
use crate::dialect::{Decimals, Dialect};

/// The most digits a float literal beside a decimal may have once written out: what
/// `rust_decimal::Decimal` holds, so that the result decodes.
const MAX_LITERAL_DIGITS: usize = 28;

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// Refuses a decimal column, value or list where the dialect has no exact decimals.
    pub(super) fn expect_decimals(&self, ty: Option<Ty>) -> Result<(), Error> {
        if ty == Some(Ty::Decimal) && self.quirks.decimals == Decimals::Unsupported {
            return Err(self.unsupported("an exact decimal (`rust_decimal::Decimal`)"));
        }
        Ok(())
    }

    /// [`expect_decimals`](Self::expect_decimals) for a bound value: a decimal, a NULL
    /// decimal or a list of decimals.
    pub(super) fn expect_decimal_value(&self, value: &Value) -> Result<(), Error> {
        let ty = match value {
            Value::Array(list) => list.elem_ty(),
            other => other.ty(),
        };
        self.expect_decimals(Some(ty))
    }

    /// A float literal that the planner made an exact decimal: its shortest round-trip text
    /// in plain notation (`0.06`, `1`), which every engine with decimals reads as an exact
    /// number (`numeric` on PostgreSQL, `DECIMAL` on MySQL).
    pub(super) fn exact_literal(&mut self, value: &Value) -> Result<(), Error> {
        self.expect_decimals(Some(Ty::Decimal))?;
        let Value::F64(f) = value else {
            return Err(self.unsupported("this literal as an exact decimal"));
        };
        let text = f.to_string();
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        if !f.is_finite() || digits > MAX_LITERAL_DIGITS {
            return Err(self.unsupported(
                "a float literal beside a decimal with more than 28 digits written out",
            ));
        }
        if self.quirks.decimals == Decimals::Scaled {
            let mantissa = self.literal_mantissa(value)?;
            self.signed(mantissa);
            return Ok(());
        }
        self.sql(&text);
        Ok(())
    }

    /// The digits of a number literal as a decimal at its own scale, which the plan gives
    /// it: `0.06` is `6`, `-1.5` is `-15`, an integer itself.
    pub(super) fn literal_mantissa(&self, value: &Value) -> Result<i64, Error> {
        let mantissa = match value {
            Value::I32(n) => Some(i64::from(*n)),
            Value::I64(n) => Some(*n),
            #[cfg(feature = "decimal")]
            Value::Decimal(d) => i64::try_from(d.mantissa()).ok(),
            Value::F64(f) => f
                .to_string()
                .chars()
                .filter(|c| *c != '.')
                .collect::<String>()
                .parse::<i64>()
                .ok(),
            _ => None,
        };
        mantissa.ok_or_else(|| {
            self.unsupported("a literal beside a decimal whose digits do not fit in 64 bits")
        })
    }

    /// Whether `left / right` divides decimals: one operand is a decimal (the planner refuses
    /// a float beside one, so the other is an integer or a decimal).
    pub(super) fn is_decimal_division(&self, left: ExprId, right: ExprId) -> bool {
        let decimal = |expr| self.exprs.ty(expr) == Some(Ty::Decimal);
        decimal(left) || decimal(right)
    }

    /// `left / right` of decimals, to the dividend's scale plus 4, rounded half away from
    /// zero from the exact quotient, NULL for a zero divisor:
    /// `div(2·a·10^S + sign(a)·|b|, 2·NULLIF(b, 0))·10^-S`.
    pub(super) fn decimal_division(&mut self, left: ExprId, right: ExprId) -> Result<(), Error> {
        self.expect_decimals(Some(Ty::Decimal))?;
        let scale = quotient_scale(self.dividend_scale(left)?);
        let numerator = |w: &mut Self| -> Result<(), Error> {
            w.sql("(2 * ");
            w.decimal_operand(left)?;
            w.sql(" * ");
            w.power_of_ten(scale);
            w.sql(" + SIGN(");
            w.decimal_operand(left)?;
            w.sql(") * ABS(");
            w.decimal_operand(right)?;
            w.sql("))");
            Ok(())
        };
        let denominator = |w: &mut Self| -> Result<(), Error> {
            w.sql("(2 * NULLIF(");
            w.decimal_operand(right)?;
            w.sql(", 0))");
            Ok(())
        };
        self.exact_quotient(scale, numerator, denominator)
    }

    /// `avg(x)` of decimals: `sum(x) / count(x)` by the rule of
    /// [`decimal_division`](Self::decimal_division) (a count of 0 has a NULL sum).
    pub(super) fn decimal_avg(&mut self, arg: ExprId, distinct: bool) -> Result<(), Error> {
        self.expect_decimals(Some(Ty::Decimal))?;
        let scale = quotient_scale(self.dividend_scale(arg)?);
        let modifier = if distinct { "DISTINCT " } else { "" };
        let call = |w: &mut Self, func: &str| -> Result<(), Error> {
            w.sql(func);
            w.sql(modifier);
            w.filtered_arg(false, |w| w.expr(arg))?;
            w.close_aggregate()
        };
        let numerator = |w: &mut Self| -> Result<(), Error> {
            w.sql("(2 * ");
            call(w, "sum(")?;
            w.sql(" * ");
            w.power_of_ten(scale);
            w.sql(" + SIGN(");
            call(w, "sum(")?;
            w.sql(") * ");
            call(w, "count(")?;
            w.sql(")");
            Ok(())
        };
        let denominator = |w: &mut Self| -> Result<(), Error> {
            w.sql("(2 * ");
            call(w, "count(")?;
            w.sql(")");
            Ok(())
        };
        self.exact_quotient(scale, numerator, denominator)
    }

    /// The scale of a decimal division's dividend, which sets the quotient's; a dividend
    /// whose scale the plan cannot tell (a schemaless field, a decimal column without its
    /// declared scale) is refused, since the engines would choose different ones.
    fn dividend_scale(&self, dividend: ExprId) -> Result<u32, Error> {
        self.exprs.scale(dividend).ok_or_else(|| {
            self.unsupported("a decimal division or average whose dividend's scale is unknown")
        })
    }

    /// `trunc(n / d)·10^-scale`, with `n` and `d` printed by the two functions, as the
    /// dialect divides decimals exactly.
    fn exact_quotient(
        &mut self,
        scale: u32,
        numerator: impl Fn(&mut Self) -> Result<(), Error>,
        denominator: impl Fn(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match self.quirks.decimals {
            Decimals::Div => {
                self.sql("(div(");
                numerator(self)?;
                self.sql(", ");
                denominator(self)?;
                self.sql(") * ");
                self.tenth_power(scale);
                self.sql(")");
            }
            Decimals::Mod => {
                self.sql("CAST((");
                numerator(self)?;
                self.sql(" - MOD(");
                numerator(self)?;
                self.sql(", ");
                denominator(self)?;
                self.sql(")) / ");
                denominator(self)?;
                self.sql(" * ");
                self.tenth_power(scale);
                self.sql(" AS DECIMAL(65, ");
                self.number(u64::from(scale));
                self.sql("))");
            }
            Decimals::Scaled | Decimals::Unsupported => {
                return Err(self.unsupported("an exact decimal (`rust_decimal::Decimal`)"));
            }
        }
        Ok(())
    }

    /// The scale a decimal `coalesce` is cast to where the engine gives each value its own
    /// scale (PostgreSQL: `coalesce(discount, 0)` would be `0`, not `0.00`), so that every
    /// engine returns the plan's scale; `None` elsewhere.
    pub(super) fn rescaled_decimal(&self, expr: ExprId) -> Option<u32> {
        (self.quirks.decimals == Decimals::Div && self.exprs.ty(expr) == Some(Ty::Decimal))
            .then(|| self.exprs.scale(expr))
            .flatten()
    }

    /// `CAST(coalesce(a, b) AS numeric(1000, s))`: PostgreSQL's widest `numeric`, at the
    /// plan's scale, which is the largest of the arguments' (so nothing is rounded).
    pub(super) fn rescaled_coalesce(&mut self, args: ExprList, scale: u32) -> Result<(), Error> {
        self.sql("CAST(coalesce(");
        self.list(self.exprs.list(args))?;
        self.sql(") AS numeric(1000, ");
        self.number(u64::from(scale));
        self.sql("))");
        Ok(())
    }

    /// An operand of a decimal division, an integer one cast to a decimal so that scaling
    /// it up cannot overflow the integer type.
    fn decimal_operand(&mut self, expr: ExprId) -> Result<(), Error> {
        if matches!(self.exprs.ty(expr), Some(Ty::I16 | Ty::I32 | Ty::I64)) {
            self.sql("CAST(");
            self.expr(expr)?;
            self.sql(match self.quirks.decimals {
                Decimals::Mod => " AS DECIMAL(65, 0))",
                _ => " AS numeric)",
            });
            Ok(())
        } else {
            self.operand(expr)
        }
    }

    /// `10^scale` as an integer literal: `10000`.
    pub(super) fn power_of_ten(&mut self, scale: u32) {
        self.sql("1");
        (0..scale).for_each(|_| self.sql("0"));
    }

    /// `10^-scale` as an exact literal: `0.0001` (`1` for a scale of 0).
    fn tenth_power(&mut self, scale: u32) {
        if scale == 0 {
            self.sql("1");
            return;
        }
        self.sql("0.");
        (1..scale).for_each(|_| self.sql("0"));
        self.sql("1");
    }
}
