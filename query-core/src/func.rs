//! Scalar functions: [`Func`], what [`Expr::Func`](crate::Expr::Func) calls. Each has one
//! meaning on every engine (the adapters print it in the engine's own spelling, emulating
//! where an engine's built-in means something else); the meanings are on the variants.

use serde::{Deserialize, Serialize};

/// A scalar function of the query language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Func {
    /// `lower(s)`: `s` in lower case. SQLite folds ASCII letters only.
    Lower,
    /// `upper(s)`: `s` in upper case. SQLite folds ASCII letters only.
    Upper,
    /// `length(s)`: the number of characters (not bytes) of `s`, an `i32`.
    Length,
    /// `trim(s)`: `s` without leading and trailing spaces (U+0020 only).
    Trim,
    /// `ltrim(s)`: `s` without leading spaces.
    Ltrim,
    /// `rtrim(s)`: `s` without trailing spaces.
    Rtrim,
    /// `substring(s, start)` and `substring(s, start, len)`: the characters of `s` at the
    /// 1-based positions `start .. start + len` that exist (PostgreSQL's meaning: a start
    /// before 1 still ends at `start + len`), and none for a negative `len`.
    Substring,
    /// `concat(a, b, ..)`: the texts one after the other, NULL if any is NULL (SQL's `||`).
    Concat,
    /// `replace(s, from, to)`: `s` with every occurrence of `from` replaced by `to`,
    /// matched case-sensitively; an empty `from` leaves `s` as it is.
    Replace,
    /// `position(s, sub)`: the 1-based character position of the first `sub` in `s`, 0 if
    /// there is none, 1 for an empty `sub`; an `i32`.
    Position,
    /// `abs(x)`: the absolute value, of `x`'s type.
    Abs,
    /// `ceil(x)`: the least whole number not below `x`, of `x`'s type (an exact decimal of
    /// scale 0).
    Ceil,
    /// `floor(x)`: the greatest whole number not above `x`, of `x`'s type (an exact decimal
    /// of scale 0).
    Floor,
    /// `round(x)`: the nearest whole number, halves away from zero (as Rust's `f64::round`
    /// and SQL's `numeric` do), of `x`'s type; `round(x, digits)` for an exact decimal, to
    /// `digits` (a literal from 0 to 28) places, halves away from zero, of scale `digits`.
    Round,
    /// `sqrt(x)`: the square root as an `f64`, NULL for a negative `x`.
    Sqrt,
    /// `power(x, y)`: `x` to the `y` as an `f64`, NULL where it is undefined (0 to a
    /// negative power, a negative number to a fractional one).
    Power,
    /// `nullif(a, b)`: NULL where `a = b`, `a` otherwise.
    NullIf,
    /// `greatest(a, b, ..)`: the largest argument, NULL if any is NULL.
    Greatest,
    /// `least(a, b, ..)`: the smallest argument, NULL if any is NULL.
    Least,
}

impl Func {
    /// The function's name in the query language.
    pub fn name(self) -> &'static str {
        match self {
            Func::Lower => "lower",
            Func::Upper => "upper",
            Func::Length => "length",
            Func::Trim => "trim",
            Func::Ltrim => "ltrim",
            Func::Rtrim => "rtrim",
            Func::Substring => "substring",
            Func::Concat => "concat",
            Func::Replace => "replace",
            Func::Position => "position",
            Func::Abs => "abs",
            Func::Ceil => "ceil",
            Func::Floor => "floor",
            Func::Round => "round",
            Func::Sqrt => "sqrt",
            Func::Power => "power",
            Func::NullIf => "nullif",
            Func::Greatest => "greatest",
            Func::Least => "least",
        }
    }

    /// The fewest and the most arguments it takes (`None`: no most).
    pub fn arity(self) -> (usize, Option<usize>) {
        match self {
            Func::Lower
            | Func::Upper
            | Func::Length
            | Func::Trim
            | Func::Ltrim
            | Func::Rtrim
            | Func::Abs
            | Func::Ceil
            | Func::Floor
            | Func::Sqrt => (1, Some(1)),
            Func::Substring => (2, Some(3)),
            Func::Round => (1, Some(2)),
            Func::Concat | Func::Greatest | Func::Least => (2, None),
            Func::Replace => (3, Some(3)),
            Func::Position | Func::Power | Func::NullIf => (2, Some(2)),
        }
    }
}
