//! How the scalar functions (`recto_core::Func`) are written where the engines' names or
//! meanings differ. Each function means one thing (its variant's documentation); these
//! say which spelling or emulation gives that meaning in an engine.

use super::dates::Dates;

/// The spellings of the scalar functions in one dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Functions {
    /// The function that counts a text's characters (not its bytes).
    pub char_length: &'static str,
    /// How `position(s, sub)` is written.
    pub position: Position,
    /// How `concat(a, ..)` is written.
    pub concat: Concat,
    /// How `substring(s, start, len)` is written.
    pub substring: Substring,
    /// Whether `replace(s, from, to)` must be guarded against a NULL `to`: written
    /// `CASE WHEN (to IS NULL) THEN NULL ELSE replace(s, from, to) END` where `to` may be
    /// NULL, because the engine's own returns `s` for a NULL `to` in some cases (MariaDB
    /// when `from` is not found and `to` is a NULL parameter, SQLite when `from` is empty).
    pub replace_null_guard: bool,
    /// How `greatest` and `least` are named.
    pub extremes: Extremes,
    /// Whether the engine's `greatest` and `least` skip NULL arguments (and so are guarded
    /// to be NULL if any argument is).
    pub extremes_skip_null: bool,
    /// How a float's integer part (toward zero) is written, for `round`.
    pub truncate: Truncate,
    /// What `ceil` and `floor` of an exact decimal are cast to where the engine makes them
    /// an integer type (which does not decode as a decimal), or `None`.
    pub whole_decimal: Option<&'static str>,
    /// What `ceil`, `floor` and `round` of a float are cast to where the engine marks the
    /// double as having no digits after the point, which then rounds what is computed
    /// from it (MariaDB: `ceil(x) / 6` has four digits), or `None`.
    pub whole_float: Option<&'static str>,
    /// Whether `sqrt` and `power` exist; where they do not, they are
    /// [`Error::Unsupported`](recto_core::Error::Unsupported).
    pub math: bool,
    /// What an integer argument of a function (a position, a length) must be cast to where
    /// the engine's function takes a 32-bit integer only (PostgreSQL: `substr(text,
    /// bigint)` does not exist), or `None` where any integer will do.
    pub int4_args: Option<&'static str>,
    /// How the date and time functions are written.
    pub dates: Dates,
}

/// How `greatest(a, b, ..)` and `least(a, b, ..)` are named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Extremes {
    /// `greatest(a, b)` and `least(a, b)`.
    Greatest,
    /// The scalar `max(a, b)` and `min(a, b)` of two or more arguments.
    MaxMin,
}

/// How the integer part of a float, toward zero, is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Truncate {
    /// `trunc(x)`.
    Trunc,
    /// `TRUNCATE(x, 0)`.
    TruncateZero,
    /// `CAST(x AS INTEGER)`, where the engine has no `trunc` (SQLite without its math
    /// functions, as sqlx bundles it): exact below 2^63. `ceil`, `floor` and `round` of a
    /// float are then written with it, `(CAST(x AS INTEGER) - (x < CAST(x AS INTEGER)))`
    /// for `floor`, guarded by `CASE WHEN (abs(x) >= 4503599627370496.0) THEN x ELSE ..
    /// END` (every float from 2^52 up is whole) and cast back to a float.
    CastInteger,
}

/// How `position(s, sub)` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Position {
    /// `strpos(s, sub)`.
    Strpos,
    /// `LOCATE(sub, s)`.
    Locate,
    /// `instr(s, sub)`.
    Instr,
}

/// How `concat(a, b, ..)` is written: NULL when an argument is NULL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Concat {
    /// `(a || b || ..)`: the standard operator, NULL when an operand is.
    Operator,
    /// `CONCAT(a, b, ..)`, NULL when an argument is (MySQL's meaning; `||` is `OR` there).
    Function,
}

/// How `substring(s, start, len)` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Substring {
    /// `substring(s FROM start FOR len)`: the engine's own meaning is recto's, but for a
    /// negative length (an error there), which is written `CASE WHEN len < 0 THEN 0 ELSE
    /// len END` unless it is a literal.
    Native,
    /// `substr(s, start', len')`, where the engine counts a start below 1 from the end of
    /// the text (or returns nothing for 0) and a negative length backwards: a start below
    /// 1 is clamped, `CASE WHEN start < 1 THEN 1 ELSE start END`, and the length shortened
    /// by as much, `greatest(CASE WHEN start < 1 THEN start + len - 1 ELSE len END, 0)`,
    /// with the engine's NULL-propagating two-argument maximum named here. Both are written
    /// plainly where the start is a literal of at least 1 and the length a literal of at
    /// least 0.
    Clamped {
        /// The engine's maximum of two values, NULL when either is: `GREATEST` on MySQL,
        /// `max` on SQLite.
        greatest: &'static str,
    },
}
