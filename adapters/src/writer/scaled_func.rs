//! The numeric functions of exact decimals as scaled integers ([`Decimals::Scaled`],
//! SQLite; see `scaled.rs`): integer arithmetic only, each result at the scale the plan
//! gives it.
//!
//! - `abs`, `nullif`, `greatest` and `least`: the engine's own, every argument at the
//!   result's scale;
//! - `ceil` and `floor` of `x` at scale `k` (`q = 10^k`): the quotient, which SQLite
//!   truncates toward zero, moved by one where a remainder is left on the other side:
//!   `((x / q) + (CASE WHEN ((x % q) > 0) THEN 1 ELSE 0 END))`;
//! - `round(x, d)` below `x`'s scale: half of `q = 10^(k - d)` added away from zero before
//!   the truncating division, `((x + (CASE WHEN (x < 0) THEN -h ELSE h END)) / q)`; at or
//!   above it, a rescaling.
//!
//! [`Decimals::Scaled`]: crate::dialect::Decimals::Scaled

use recto_core::{Error, Func};
use recto_planner::{ExprId, ExprList};

use super::Writer;
use crate::dialect::Dialect;

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `func(args)` of decimals, at `scale` (the node's own).
    pub(super) fn scaled_func(
        &mut self,
        func: Func,
        args: ExprList,
        scale: u32,
    ) -> Result<(), Error> {
        let args = self.exprs.list(args);
        let name = match func {
            Func::Abs => "abs",
            Func::NullIf => "nullif",
            Func::Greatest | Func::Least => self.extreme_name(func),
            Func::Ceil | Func::Floor | Func::Round => {
                let [x, ..] = args else {
                    return Err(self.malformed());
                };
                return self.scaled_rounding(func, *x, scale);
            }
            _ => return Err(self.unsupported("this function of decimals as a scaled integer")),
        };
        self.sql(name);
        self.sql("(");
        for (n, arg) in args.iter().enumerate() {
            if n > 0 {
                self.sql(", ");
            }
            self.scaled(*arg, scale)?;
        }
        self.sql(")");
        Ok(())
    }

    /// `ceil(x)`, `floor(x)` and `round(x, scale)` of the decimal `x` (see the module).
    fn scaled_rounding(&mut self, func: Func, x: ExprId, scale: u32) -> Result<(), Error> {
        let own = self.scale_of(x)?;
        let Some(shift) = own.checked_sub(scale).filter(|shift| *shift > 0) else {
            // Nothing to cut: at or above `x`'s scale.
            return self.scaled(x, scale);
        };
        let q = |w: &mut Self| w.power_of_ten(shift);
        self.sql("((");
        match func {
            Func::Ceil | Func::Floor => {
                let (op, sign, step) = match func {
                    Func::Ceil => (" + ", " > 0)", "1"),
                    _ => (" - ", " < 0)", "1"),
                };
                self.scaled(x, own)?;
                self.sql(" / ");
                q(self);
                self.sql(")");
                self.sql(op);
                self.sql("(CASE WHEN ((");
                self.scaled(x, own)?;
                self.sql(" % ");
                q(self);
                self.sql(")");
                self.sql(sign);
                self.sql(" THEN ");
                self.sql(step);
                self.sql(" ELSE 0 END))");
            }
            _ => {
                self.scaled(x, own)?;
                self.sql(" + (CASE WHEN (");
                self.scaled(x, own)?;
                self.sql(" < 0) THEN -5");
                (1..shift).for_each(|_| self.sql("0"));
                self.sql(" ELSE 5");
                (1..shift).for_each(|_| self.sql("0"));
                self.sql(" END)) / ");
                q(self);
                self.sql(")");
            }
        }
        Ok(())
    }
}
