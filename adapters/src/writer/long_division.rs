//! The quotient of two scaled decimals in 64-bit integer arithmetic only, rounded half away
//! from zero from the exact quotient (see `scaled.rs`): `round(X·10^k / Y)` is
//! `(X / Y)·10^k` plus the digits of the remainder, found a few at a time so that no step
//! multiplies more than the remainder (smaller than `Y`) by `10^chunk`, the last step
//! rounding: `(2·r·10^c + sign(r)·|Y|) / (2·Y)`. SQLite's `/` and `%` of integers truncate
//! toward zero (the remainder has the dividend's sign), and give NULL for a zero `Y`, so the
//! whole quotient is NULL then. A step that overflows makes a REAL, which reaches the result
//! through the sum of the terms, where the caller refuses it.

use recto_core::Error;

use super::Writer;
use crate::dialect::Dialect;

/// Prints one operand of the division.
pub(super) type Operand<'a, W> = &'a dyn Fn(&mut W) -> Result<(), Error>;

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// `round_half_away(X·10^digits / Y)`, the remainder's digits found `chunk` at a time.
    pub(super) fn long_division(
        &mut self,
        digits: u32,
        chunk: u32,
        dividend: Operand<'_, Self>,
        divisor: Operand<'_, Self>,
    ) -> Result<(), Error> {
        let chunks = chunks(digits, chunk);
        self.sql("((");
        dividend(self)?;
        self.sql(" / ");
        divisor(self)?;
        self.sql(")");
        self.times_power_of_ten(digits);
        let mut left = digits;
        let (last, steps) = chunks.split_last().unwrap_or((&0, &[]));
        for (n, step) in steps.iter().enumerate() {
            left -= step;
            self.sql(" + ((");
            self.remainder(n, &chunks, dividend, divisor)?;
            self.times_power_of_ten(*step);
            self.sql(" / ");
            divisor(self)?;
            self.sql(")");
            self.times_power_of_ten(left);
            self.sql(")");
        }
        let n = steps.len();
        self.sql(" + (2 * ");
        self.remainder(n, &chunks, dividend, divisor)?;
        self.times_power_of_ten(*last);
        self.sql(" + sign(");
        self.remainder(n, &chunks, dividend, divisor)?;
        self.sql(") * abs(");
        divisor(self)?;
        self.sql(")) / (2 * ");
        divisor(self)?;
        self.sql("))");
        Ok(())
    }

    /// The remainder after step `n`: `(X % Y)`, then `((r * 10^c) % Y)`.
    fn remainder(
        &mut self,
        n: usize,
        chunks: &[u32],
        dividend: Operand<'_, Self>,
        divisor: Operand<'_, Self>,
    ) -> Result<(), Error> {
        self.sql("(");
        match n.checked_sub(1) {
            None => dividend(self)?,
            Some(previous) => {
                self.sql("(");
                self.remainder(previous, chunks, dividend, divisor)?;
                self.times_power_of_ten(chunks.get(previous).copied().unwrap_or(0));
                self.sql(")");
            }
        }
        self.sql(" % ");
        divisor(self)?;
        self.sql(")");
        Ok(())
    }

    /// ` * 10^digits`, nothing for no digits.
    fn times_power_of_ten(&mut self, digits: u32) {
        if digits > 0 {
            self.sql(" * ");
            self.power_of_ten(digits);
        }
    }
}

/// `digits` split into steps of at most `chunk` (`8` by 3 is `[3, 3, 2]`); `[0]` for none.
fn chunks(digits: u32, chunk: u32) -> Vec<u32> {
    let chunk = chunk.max(1);
    let mut steps = Vec::new();
    let mut left = digits;
    while left > chunk {
        steps.push(chunk);
        left -= chunk;
    }
    steps.push(left);
    steps
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunks() {
        assert_eq!(super::chunks(8, 3), [3, 3, 2]);
        assert_eq!(super::chunks(6, 3), [3, 3]);
        assert_eq!(super::chunks(4, 4), [4]);
        assert_eq!(super::chunks(0, 0), [0]);
    }
}
