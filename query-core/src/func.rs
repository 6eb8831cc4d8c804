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
        }
    }

    /// The fewest and the most arguments it takes (`None`: no most).
    pub fn arity(self) -> (usize, Option<usize>) {
        match self {
            Func::Lower | Func::Upper | Func::Length | Func::Trim | Func::Ltrim | Func::Rtrim => {
                (1, Some(1))
            }
            Func::Substring => (2, Some(3)),
            Func::Concat => (2, None),
            Func::Replace => (3, Some(3)),
            Func::Position => (2, Some(2)),
        }
    }
}
