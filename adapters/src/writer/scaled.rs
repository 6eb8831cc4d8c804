//! Exact decimals as scaled integers, for an engine without a decimal type
//! ([`Decimals::Scaled`], SQLite): a decimal of scale `s` is the integer `value × 10^s`.
//! Every decimal expression has a scale in the plan ([`Exprs::scale`](recto_planner::Exprs)),
//! so the SQL is integer arithmetic only:
//!
//! - a column holds its declared scale; a parameter or a float literal beside a decimal is
//!   its own mantissa at its own scale (`0.06` is `6`), an integer has scale 0;
//! - comparisons, `+`, `-`, `%`, `coalesce` and `in` bring every operand to the largest
//!   scale among them by multiplying by `10^k`; `*` adds the scales;
//! - `/` and `avg` are the quotient to the dividend's scale plus 4, rounded half away from
//!   zero from the exact quotient, by long division in chunks of at most 3 digits (each
//!   step's remainder is smaller than the divisor, so a step overflows only for a divisor
//!   past 4.6e15 as an integer); SQLite's `/` of integers truncates toward zero and gives
//!   NULL for a zero divisor, as the other engines' decimal `/` does here;
//! - `sum`, `min` and `max` are the integer ones at the argument's scale.
//!
//! An integer `+`, `-` or `*` that overflows 64 bits becomes a REAL in SQLite, silently,
//! and a REAL never turns back into an integer except through `%`, a comparison or a
//! cast. So every operand of a comparison, `in` or `%` that is computed (not a plain column,
//! parameter or literal), and every computed sort or group term, passes through [`guarded`](Writer::guarded), which raises SQLite's
//! own "integer overflow" error for a REAL; a selected decimal is returned as the text
//! `<integer>e-<scale>`, which the row decoder refuses when the integer is a REAL's text;
//! and `sum` of integers raises "integer overflow" itself. An overflow is an error, never a
//! wrong value.

use recto_core::{AggFunc, Array, BinOp, Error, Ty, UnOp, Value};
use recto_planner::{ExprId, ExprList, PlannedExpr};

use super::Writer;
use super::long_division::Operand;
use super::params::Origin;
use crate::dialect::{Decimals, Dialect};

/// Digits of one step of the long division: `2·|divisor|·10^3` must fit in 64 bits.
const DIVISION_CHUNK: u32 = 3;

/// The largest power of ten that fits in 64 bits: no rescaling multiplies by more.
const MAX_FACTOR: u32 = 18;

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// Whether `id` is a decimal computed from others, which the dialect writes as scaled
    /// integers here ([`scaled_node`](Self::scaled_node)).
    pub(super) fn is_scaled_node(&self, id: ExprId) -> bool {
        // The node's kind first: typing it walks its operands, which is work every
        // expression of a query would pay for on SQLite.
        self.quirks.decimals == Decimals::Scaled
            && matches!(
                self.exprs.get(id),
                PlannedExpr::Unary { op: UnOp::Neg, .. }
                    | PlannedExpr::Binary {
                        op: BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem,
                        ..
                    }
                    | PlannedExpr::Aggregate { .. }
                    | PlannedExpr::Coalesce(_)
                    | PlannedExpr::Func { .. }
                    | PlannedExpr::Case { .. }
            )
            && self.exprs.ty(id) == Some(Ty::Decimal)
    }

    /// Whether a comparison, `in` or `%` of `operands` compares scaled decimals.
    pub(super) fn is_scaled_comparison(&self, operands: &[ExprId]) -> bool {
        self.quirks.decimals == Decimals::Scaled
            && operands
                .iter()
                .any(|id| self.exprs.ty(*id) == Some(Ty::Decimal))
    }

    /// The scale of a decimal or integer operand; anything else, or a decimal whose scale
    /// the plan cannot tell, is refused.
    pub(super) fn scale_of(&self, id: ExprId) -> Result<u32, Error> {
        self.exprs.scale(id).ok_or_else(|| {
            self.unsupported("a decimal whose scale the plan cannot tell, as a scaled integer")
        })
    }

    /// The largest scale of `operands`.
    pub(super) fn common_scale(&self, operands: &[ExprId]) -> Result<u32, Error> {
        operands
            .iter()
            .try_fold(0, |scale, id| Ok(scale.max(self.scale_of(*id)?)))
    }

    /// `(a < b)` of scaled decimals: both at the larger scale, each guarded.
    pub(super) fn scaled_comparison(
        &mut self,
        op: &str,
        left: ExprId,
        right: ExprId,
    ) -> Result<(), Error> {
        let scale = self.common_scale(&[left, right])?;
        self.sql("(");
        self.guarded(left, scale)?;
        self.sql(op);
        self.guarded(right, scale)?;
        self.sql(")");
        Ok(())
    }

    /// `(x IN (a, b))` of scaled decimals, all at the largest scale.
    pub(super) fn scaled_in_list(&mut self, expr: ExprId, list: &[ExprId]) -> Result<(), Error> {
        let scale = self.common_scale(list)?.max(self.scale_of(expr)?);
        self.sql("(");
        self.guarded(expr, scale)?;
        self.sql(" IN (");
        for (n, item) in list.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.guarded(*item, scale)?;
        }
        self.sql("))");
        Ok(())
    }

    /// The decimal `id` as an integer at `scale`, which is at least its own: `(x * 100)`.
    /// A number literal is rescaled here (`0.5` at scale 3 is `500`), and a NULL needs none.
    pub(super) fn scaled(&mut self, id: ExprId, scale: u32) -> Result<(), Error> {
        let factor = self.factor(self.scale_of(id)?, scale)?;
        if factor == 0 || is_null(self.exprs.get(id)) {
            return self.operand(id);
        }
        if let PlannedExpr::Lit(value) = self.exprs.get(id) {
            let rescaled = self
                .literal_mantissa(value)?
                .checked_mul(10_i64.pow(factor))
                .ok_or_else(|| {
                    self.unsupported("a literal beside a decimal past 64 bits at its scale")
                })?;
            self.signed(rescaled);
            return Ok(());
        }
        self.sql("(");
        self.operand(id)?;
        self.sql(" * ");
        self.power_of_ten(factor);
        self.sql(")");
        Ok(())
    }

    /// How many digits a value of scale `own` is shifted by to reach `scale`.
    pub(super) fn factor(&self, own: u32, scale: u32) -> Result<u32, Error> {
        match scale.checked_sub(own) {
            Some(factor) if factor <= MAX_FACTOR => Ok(factor),
            _ => Err(self.unsupported("rescaling a decimal by more than 18 digits")),
        }
    }

    /// [`scaled`](Self::scaled), wrapped where it is computed (a rescaling or arithmetic) so
    /// that an overflow, which SQLite makes a REAL, raises "integer overflow" instead:
    /// `CASE typeof(E) WHEN 'integer' THEN E WHEN 'null' THEN NULL ELSE
    /// abs(-9223372036854775807 - (typeof(E) = 'real')) END` (`abs` of the smallest integer
    /// is SQLite's overflow error; the operand keeps it from being folded into a constant).
    pub(super) fn guarded(&mut self, id: ExprId, scale: u32) -> Result<(), Error> {
        let node = self.exprs.get(id);
        let rescaled =
            scale != self.scale_of(id)? && !is_null(node) && !matches!(node, PlannedExpr::Lit(_));
        let computed =
            rescaled || self.is_scaled_node(id) || matches!(node, PlannedExpr::Binary { .. });
        self.guard(computed, &|w: &mut Self| w.scaled(id, scale))
    }

    /// The guard of [`guarded`](Self::guarded) around what `print` prints, where `computed`.
    fn guard(&mut self, computed: bool, print: Operand<'_, Self>) -> Result<(), Error> {
        if !computed {
            return print(self);
        }
        self.sql("CASE typeof(");
        print(self)?;
        self.sql(") WHEN 'integer' THEN ");
        print(self)?;
        self.sql(" WHEN 'null' THEN NULL ELSE abs(-9223372036854775807 - (typeof(");
        print(self)?;
        self.sql(") = 'real')) END");
        Ok(())
    }

    /// `(x IN (?, ?))` for a list of decimals, each bound as its mantissa and brought to the
    /// largest scale among `x` and the list's values: `(x * 10 IN (?, ? * 10))`. Padding
    /// repeats the last value, as for any list.
    pub(super) fn scaled_in_param(&mut self, expr: ExprId, list: &Array) -> Result<(), Error> {
        let Some(last) = list.len().checked_sub(1) else {
            self.sql("(1 = 0)");
            return Ok(());
        };
        let values: Vec<Value> = (0..list.len()).filter_map(|n| list.get(n)).collect();
        let own = |value: &Value| value.decimal_scale().unwrap_or(0);
        let scale = values.iter().map(own).fold(self.scale_of(expr)?, u32::max);
        self.sql("(");
        self.guarded(expr, scale)?;
        self.sql(" IN (");
        for n in 0..self.padded_len(list.len()) {
            if n > 0 {
                self.sql(", ");
            }
            let Some(value) = values.get(n.min(last)) else {
                return Err(self.unsupported("a list parameter of this element type"));
            };
            let factor = self.factor(own(value), scale)?;
            let rescaled = factor > 0 && !matches!(value, Value::Null(_));
            let print = |w: &mut Self| -> Result<(), Error> {
                if !rescaled {
                    return w.bind(value.clone(), Origin::element(list, n));
                }
                w.sql("(");
                w.bind(value.clone(), Origin::element(list, n))?;
                w.sql(" * ");
                w.power_of_ten(factor);
                w.sql(")");
                Ok(())
            };
            self.guard(rescaled, &print)?;
        }
        self.sql("))");
        Ok(())
    }

    /// A selected decimal, as the text `<integer>e-<scale>` (`12345e-2` for 123.45), which
    /// the row decoder reads exactly without knowing the plan: `(x || 'e-2')`. An overflow
    /// that made `x` a REAL makes text the decoder refuses (`1.2e+19e-2`).
    pub(super) fn scaled_selected(&mut self, id: ExprId) -> Result<(), Error> {
        let scale = self.scale_of(id)?;
        self.sql("(");
        self.operand(id)?;
        self.sql(" || 'e-");
        self.number(u64::from(scale));
        self.sql("')");
        Ok(())
    }

    /// A sort or group term: a computed decimal guarded (an overflow would sort or group
    /// as a REAL, silently), anything else as it is.
    pub(super) fn term(&mut self, id: ExprId) -> Result<(), Error> {
        if self.is_scaled_node(id) {
            self.guarded(id, self.scale_of(id)?)
        } else {
            self.expr(id)
        }
    }

    /// A decimal computed from others, as an integer at its own scale.
    pub(super) fn scaled_node(&mut self, id: ExprId) -> Result<(), Error> {
        let scale = self.scale_of(id)?;
        match self.exprs.get(id) {
            PlannedExpr::Unary {
                op: UnOp::Neg,
                expr,
            } => {
                self.sql("-(");
                self.scaled(*expr, scale)?;
                self.sql(")");
            }
            PlannedExpr::Binary { op, left, right } => {
                let (left, right) = (*left, *right);
                match op {
                    BinOp::Add => self.scaled_binary(" + ", left, right, Some(scale), false)?,
                    BinOp::Sub => self.scaled_binary(" - ", left, right, Some(scale), false)?,
                    BinOp::Rem => self.scaled_binary(" % ", left, right, Some(scale), true)?,
                    BinOp::Mul => {
                        let (l, r) = (self.scale_of(left)?, self.scale_of(right)?);
                        if l + r != scale {
                            return Err(self.unsupported(
                                "a decimal product of more than 28 digits after the point",
                            ));
                        }
                        self.scaled_binary(" * ", left, right, None, false)?;
                    }
                    BinOp::Div => {
                        let (l, r) = (self.scale_of(left)?, self.scale_of(right)?);
                        let digits = self.factor(l, scale + r)?;
                        let dividend = |w: &mut Self| w.scaled(left, l);
                        let divisor = |w: &mut Self| w.scaled(right, r);
                        self.long_division(digits, DIVISION_CHUNK, &dividend, &divisor)?;
                    }
                    _ => return Err(self.unsupported("this operator on scaled decimals")),
                }
            }
            PlannedExpr::Aggregate {
                func,
                arg: Some(arg),
                distinct,
                filter,
            } => self.with_filter(*filter, |w| {
                w.scaled_aggregate(*func, *arg, *distinct, scale)
            })?,
            PlannedExpr::Coalesce(args) => self.scaled_coalesce(*args, scale)?,
            PlannedExpr::Func { func, args } => self.scaled_func(*func, *args, scale)?,
            PlannedExpr::Case { whens, otherwise } => {
                self.scaled_case(*whens, *otherwise, scale)?;
            }
            _ => return Err(self.unsupported("this decimal expression as a scaled integer")),
        }
        Ok(())
    }

    /// `(a op b)`, both at `scale`, or each at its own for `None` (`*`); the operands of `%`
    /// guarded, since `%` makes a REAL an integer.
    fn scaled_binary(
        &mut self,
        op: &str,
        left: ExprId,
        right: ExprId,
        scale: Option<u32>,
        guard: bool,
    ) -> Result<(), Error> {
        let operand = |w: &mut Self, id: ExprId| {
            let scale = match scale {
                Some(scale) => scale,
                None => w.scale_of(id)?,
            };
            if guard {
                w.guarded(id, scale)
            } else {
                w.scaled(id, scale)
            }
        };
        self.sql("(");
        operand(self, left)?;
        self.sql(op);
        operand(self, right)?;
        self.sql(")");
        Ok(())
    }

    /// `sum`, `min` and `max` of the integers; `avg` as `sum / count` by the long division.
    fn scaled_aggregate(
        &mut self,
        func: AggFunc,
        arg: ExprId,
        distinct: bool,
        scale: u32,
    ) -> Result<(), Error> {
        let own = self.scale_of(arg)?;
        let modifier = if distinct { "DISTINCT " } else { "" };
        let call = |w: &mut Self, func: &str| -> Result<(), Error> {
            w.sql(func);
            w.sql(modifier);
            w.filtered_arg(false, |w| w.scaled(arg, own))?;
            w.close_aggregate()
        };
        match func {
            AggFunc::Sum => call(self, "sum("),
            AggFunc::Min => call(self, "min("),
            AggFunc::Max => call(self, "max("),
            AggFunc::Avg => {
                // The remainder of `sum / count` is smaller than the count, so one step.
                let digits = self.factor(own, scale)?;
                let sum = |w: &mut Self| call(w, "sum(");
                let count = |w: &mut Self| call(w, "count(");
                self.long_division(digits, digits, &sum, &count)
            }
            _ => Err(self.unsupported("this aggregate of decimals")),
        }
    }

    /// `coalesce(a, b)`, every argument at the largest scale.
    fn scaled_coalesce(&mut self, args: ExprList, scale: u32) -> Result<(), Error> {
        self.sql("coalesce(");
        for (n, arg) in self.exprs.list(args).iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.scaled(*arg, scale)?;
        }
        self.sql(")");
        Ok(())
    }
}

/// Whether `node` is a NULL literal or parameter, which is NULL at any scale.
fn is_null(node: &PlannedExpr<'_>) -> bool {
    matches!(
        node,
        PlannedExpr::Lit(Value::Null(_)) | PlannedExpr::Param(Value::Null(_))
    )
}
