//! Expressions. Every binary operation, comparison and predicate is printed inside its own
//! parentheses (`(a = b)`, `(x IS NULL)`, `(x IN (1, 2))`), so the engines' differing
//! precedence tables never matter. The one operator whose operand needs more is `NOT`, which
//! binds more loosely than comparisons in every engine: a `NOT` operand of anything but
//! `AND`/`OR` is parenthesized again (`((NOT (a)) = b)`).
//!
//! `==`, `!=` and `in` with a JSON document operand may cast their operands (`json.rs`).
//!
//! Literals: integers and finite floats are printed (floats in their shortest round-trip
//! form, which keeps `2.0` a float); booleans in the dialect's spelling; anything else — text,
//! bytes, NULL, a non-finite float — is bound, never spliced into the text.

use std::fmt::Write as _;

use recto_core::{BinOp, Error, Ty, UnOp, Value};
use recto_planner::{ExprId, ExprList, PlannedExpr};

use super::Writer;
use super::params::Origin;
use crate::dialect::{
    BooleanCoalesce, Booleans, Dialect, FloatLiterals, FloatRemainder, Ilike, IntegerDivision,
    LikeEscape, MixedCoalesce, SmallBigints,
};

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// Appends an expression.
    pub(super) fn expr(&mut self, id: ExprId) -> Result<(), Error> {
        let exprs = self.exprs;
        let node = exprs.get(id);
        if let Some(grouped) = self.grouped {
            let is_grouped = grouped.iter().any(|term| exprs.same(*term, id));
            if is_grouped || matches!(node, PlannedExpr::Column(_)) {
                return self.min_over_group(id, grouped);
            }
        }
        if self.is_scaled_node(id) {
            return self.scaled_node(id);
        }
        match node {
            PlannedExpr::Column(column) => self.column(column),
            PlannedExpr::Lit(value) if exprs.is_exact_literal(id) => self.exact_literal(value),
            PlannedExpr::Lit(value) => self.literal(value),
            PlannedExpr::Param(value) => self.bind((*value).clone(), Origin::value(value)),
            PlannedExpr::Unary { op, expr } => self.unary(*op, *expr),
            PlannedExpr::Binary { op, left, right } => self.binary(*op, *left, *right),
            PlannedExpr::InList { expr, list } => self.in_list(*expr, *list),
            PlannedExpr::InParam { expr, list } => self.in_param(*expr, list),
            PlannedExpr::IsNil(expr) => self.is_nil(*expr),
            PlannedExpr::Like {
                expr,
                pattern,
                case_insensitive,
            } => self.like(*expr, *pattern, *case_insensitive),
            PlannedExpr::Aggregate {
                func,
                arg,
                distinct,
                filter,
            } => self.with_filter(*filter, |w| w.aggregate(*func, *arg, *distinct)),
            PlannedExpr::Coalesce(args) => self.coalesce(id, *args),
            PlannedExpr::Func { func, args } => self.func(id, *func, *args),
            PlannedExpr::Case { whens, otherwise } => self.case(id, *whens, *otherwise),
            PlannedExpr::Row(items) => self.row(*items),
            PlannedExpr::Cast { expr, ty } => self.cast_to(*expr, *ty),
            PlannedExpr::Fragment { parts, args, ty: _ } => self.fragment(parts, *args),
            PlannedExpr::JsonPath { expr, path, as_ } => self.json_path(*expr, path, *as_),
            PlannedExpr::Subquery {
                test,
                operand,
                query,
            } => self.subquery(*test, *operand, *query),
        }
    }

    /// `min(expr)` for a grouped expression or a column inside `HAVING`, where the engine
    /// resolves neither there (see
    /// [`HavingGrouped::MinOverGroup`](crate::dialect::HavingGrouped::MinOverGroup)).
    fn min_over_group(&mut self, expr: ExprId, grouped: &'p [ExprId]) -> Result<(), Error> {
        self.grouped = None;
        self.sql("min(");
        self.expr(expr)?;
        self.sql(")");
        self.grouped = Some(grouped);
        Ok(())
    }

    /// Appends an operand of a comparison, arithmetic or predicate: a `NOT` is wrapped in
    /// parentheses, since `NOT a = b` reads as `NOT (a = b)` in every engine.
    #[inline]
    pub(super) fn operand(&mut self, expr: ExprId) -> Result<(), Error> {
        if let PlannedExpr::Unary { op: UnOp::Not, .. } = self.exprs.get(expr) {
            self.sql("(");
            self.expr(expr)?;
            self.sql(")");
            Ok(())
        } else {
            self.expr(expr)
        }
    }

    pub(super) fn literal(&mut self, value: &Value) -> Result<(), Error> {
        match value {
            Value::I32(n) => self.signed(i64::from(*n)),
            Value::I64(n) => {
                self.signed(*n);
                // Past 32 bits every engine reads the literal as 64-bit already.
                if let SmallBigints::Suffix(suffix) = self.quirks.small_bigints
                    && i32::try_from(*n).is_ok()
                {
                    self.sql(suffix);
                }
            }
            Value::F64(f) if f.is_finite() => self.float(*f),
            Value::Bool(b) => match (self.quirks.booleans, *b) {
                (Booleans::Keywords, true) => self.sql("TRUE"),
                (Booleans::Keywords, false) => self.sql("FALSE"),
                (Booleans::Integers, true) => self.sql("1"),
                (Booleans::Integers, false) => self.sql("0"),
            },
            _ => return self.bind(value.clone(), Origin::value(value)),
        }
        Ok(())
    }

    /// `2.0`, `2.0e0` or `2.0::float8`, as the dialect reads a double.
    fn float(&mut self, f: f64) {
        let start = self.text.len();
        // The shortest round-trip form matters more here than speed: float literals are rare.
        // Writing to a String cannot fail.
        let _ = write!(self.text, "{f:?}");
        match self.quirks.floats {
            FloatLiterals::Plain => {}
            FloatLiterals::Exponent => {
                if !self.text[start..].contains('e') {
                    self.sql("e0");
                }
            }
            FloatLiterals::Suffix(suffix) => self.sql(suffix),
        }
    }

    /// `NOT (x)` and `-(x)`; `NOT (a = b)` and `-(a + b)` when the operand prints its own
    /// parentheses.
    #[inline(never)]
    fn unary(&mut self, op: UnOp, expr: ExprId) -> Result<(), Error> {
        self.sql(match op {
            UnOp::Not => "NOT ",
            UnOp::Neg => "-",
            _ => return Err(self.unsupported("this unary operator")),
        });
        if prints_parentheses(self.exprs.get(expr)) {
            self.expr(expr)
        } else {
            self.sql("(");
            self.expr(expr)?;
            self.sql(")");
            Ok(())
        }
    }

    #[inline(never)]
    pub(super) fn binary(&mut self, op: BinOp, left: ExprId, right: ExprId) -> Result<(), Error> {
        let comparison = matches!(
            op,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        );
        if comparison && self.is_expanded_row_comparison(left, right) {
            return self.expanded_row_comparison(op, left, right);
        }
        if comparison && self.is_scaled_comparison(&[left, right]) {
            let op = match op {
                BinOp::Eq => " = ",
                BinOp::Ne => " <> ",
                BinOp::Lt => " < ",
                BinOp::Le => " <= ",
                BinOp::Gt => " > ",
                _ => " >= ",
            };
            return self.scaled_comparison(op, left, right);
        }
        let equality = matches!(op, BinOp::Eq | BinOp::Ne);
        let (op, logical) = match op {
            BinOp::Eq => (" = ", false),
            BinOp::Ne => (" <> ", false),
            BinOp::Lt => (" < ", false),
            BinOp::Le => (" <= ", false),
            BinOp::Gt => (" > ", false),
            BinOp::Ge => (" >= ", false),
            BinOp::And => (" AND ", true),
            BinOp::Or => (" OR ", true),
            BinOp::Add => (" + ", false),
            BinOp::Sub => (" - ", false),
            BinOp::Mul => (" * ", false),
            BinOp::Div if self.is_decimal_division(left, right) => {
                return self.decimal_division(left, right);
            }
            BinOp::Div if self.integer_division(left, right) => (" DIV ", false),
            BinOp::Div => (" / ", false),
            BinOp::Rem if self.float_remainder_unsupported(left, right) => {
                return Err(self.unsupported("`%` with a float operand"));
            }
            BinOp::Rem => (" % ", false),
            _ => return Err(self.unsupported("this binary operator")),
        };
        self.sql("(");
        if logical {
            self.expr(left)?;
            self.sql(op);
            self.expr(right)?;
        } else {
            let cast = if equality {
                self.json_cast([left, right])
            } else {
                None
            };
            self.compared(left, cast)?;
            self.sql(op);
            self.compared(right, cast)?;
        }
        self.sql(")");
        Ok(())
    }

    /// Whether `left / right` must be written `DIV` to truncate as in the other engines.
    fn integer_division(&self, left: ExprId, right: ExprId) -> bool {
        let integer = |expr| matches!(self.exprs.ty(expr), Some(Ty::I16 | Ty::I32 | Ty::I64));
        match self.quirks.integer_division {
            IntegerDivision::Slash => false,
            IntegerDivision::Div => integer(left) && integer(right),
        }
    }

    /// Whether `left % right` has a float operand the dialect cannot take.
    fn float_remainder_unsupported(&self, left: ExprId, right: ExprId) -> bool {
        match self.quirks.float_remainder {
            FloatRemainder::Native => false,
            FloatRemainder::Unsupported => {
                is_float(self.exprs.ty(left)) || is_float(self.exprs.ty(right))
            }
        }
    }

    #[inline(never)]
    fn is_nil(&mut self, expr: ExprId) -> Result<(), Error> {
        self.sql("(");
        self.operand(expr)?;
        self.sql(" IS NULL)");
        Ok(())
    }

    /// `(a LIKE b)`, `(a ILIKE b)` or `(lower(a) LIKE lower(b))`, with `ESCAPE '\'` where the
    /// dialect has no default escape character.
    #[inline(never)]
    fn like(&mut self, expr: ExprId, pattern: ExprId, case_insensitive: bool) -> Result<(), Error> {
        self.sql("(");
        match (case_insensitive, self.quirks.ilike) {
            (false, _) => {
                self.operand(expr)?;
                self.sql(" LIKE ");
                self.operand(pattern)?;
            }
            (true, Ilike::Native) => {
                self.operand(expr)?;
                self.sql(" ILIKE ");
                self.operand(pattern)?;
            }
            (true, Ilike::Lower) => {
                self.sql("lower(");
                self.expr(expr)?;
                self.sql(") LIKE lower(");
                self.expr(pattern)?;
                self.sql(")");
            }
        }
        match self.quirks.like_escape {
            LikeEscape::Default => {}
            LikeEscape::Explicit => self.sql(" ESCAPE '\\'"),
        }
        self.sql(")");
        Ok(())
    }

    /// `coalesce(a, b, ...)`, cast to a double where the engine would return an integer
    /// argument's value as an integer from a `coalesce` typed float, and to an integer where
    /// it would make a `coalesce` of booleans a decimal.
    #[inline(never)]
    fn coalesce(&mut self, coalesce: ExprId, args: ExprList) -> Result<(), Error> {
        let exprs = self.exprs;
        if let Some(scale) = self.rescaled_decimal(coalesce) {
            return self.rescaled_coalesce(args, scale);
        }
        let args = exprs.list(args);
        let mixed = self.quirks.mixed_coalesce == MixedCoalesce::CastResult
            && is_float(exprs.ty(coalesce))
            && args.iter().any(|arg| !is_float(exprs.ty(*arg)));
        let boolean = self.quirks.boolean_coalesce == BooleanCoalesce::CastInteger
            && exprs.ty(coalesce) == Some(Ty::Bool);
        let cast = match (mixed, boolean) {
            (true, _) => Some(self.quirks.cast_types.double),
            (false, true) => Some(self.quirks.cast_types.bigint),
            (false, false) => None,
        };
        if cast.is_some() {
            self.sql("CAST(");
        }
        self.sql("coalesce(");
        self.list(args)?;
        self.sql(")");
        if let Some(ty) = cast {
            self.sql(" AS ");
            self.sql(ty);
            self.sql(")");
        }
        Ok(())
    }

    /// `CAST(expr AS ty)`.
    pub(super) fn cast(&mut self, expr: ExprId, ty: &str) -> Result<(), Error> {
        self.sql("CAST(");
        self.expr(expr)?;
        self.sql(" AS ");
        self.sql(ty);
        self.sql(")");
        Ok(())
    }
}

/// Whether `ty` is known to be a float.
pub(super) fn is_float(ty: Option<Ty>) -> bool {
    matches!(ty, Some(Ty::F32 | Ty::F64))
}

/// Whether `expr` is printed inside its own parentheses: every binary operation and
/// predicate is.
fn prints_parentheses(expr: &PlannedExpr<'_>) -> bool {
    match expr {
        PlannedExpr::Binary { .. }
        | PlannedExpr::InList { .. }
        | PlannedExpr::InParam { .. }
        | PlannedExpr::IsNil(_)
        | PlannedExpr::Like { .. }
        | PlannedExpr::Case { .. }
        | PlannedExpr::Fragment { .. }
        | PlannedExpr::Subquery { .. } => true,
        PlannedExpr::Column(_)
        | PlannedExpr::Lit(_)
        | PlannedExpr::Param(_)
        | PlannedExpr::Unary { .. }
        | PlannedExpr::Aggregate { .. }
        | PlannedExpr::Coalesce(_)
        | PlannedExpr::Func { .. }
        | PlannedExpr::Row(_)
        | PlannedExpr::Cast { .. }
        | PlannedExpr::JsonPath { .. } => false,
    }
}
