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
    /// What an integer argument of a function (a position, a length) must be cast to where
    /// the engine's function takes a 32-bit integer only (PostgreSQL: `substr(text,
    /// bigint)` does not exist), or `None` where any integer will do.
    pub int4_args: Option<&'static str>,
    /// How the date and time functions are written.
    pub dates: Dates,
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
