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
    /// `extract(part, x)`: one field of a date or a timestamp, an `i32` (see [`DatePart`]);
    /// the time parts of a timestamp only. An instant (`DateTime<Utc>`) is read in UTC.
    Extract(DatePart),
    /// `date_add(d, n, unit)`: the date `n` units after the date `d` (before it for a
    /// negative `n`), a date unit only; a month or year past the end of the month it lands
    /// in is its last day (2024-01-31 plus a month is 2024-02-29).
    DateAdd(Unit),
    /// `datetime_add(t, n, unit)`: the timestamp `n` units after the timestamp `t`, months
    /// and years clamped as [`Func::DateAdd`]'s, the time of day and its fraction kept. An
    /// instant (`DateTime<Utc>`) moves by UTC's calendar and stays an instant.
    DatetimeAdd(Unit),
    /// `ago(n, unit)`: the current UTC time, a naive timestamp, less `n` units.
    Ago(Unit),
    /// `from_now(n, unit)`: the current UTC time, a naive timestamp, plus `n` units.
    FromNow(Unit),
    /// `date_diff(a, b)`: the number of days from the date `b` to the date `a` (`a - b`),
    /// an `i32`.
    DateDiff,
}

/// A field of a date or a timestamp that [`Func::Extract`] reads, each an integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DatePart {
    /// The year, as written (2024).
    Year,
    /// The quarter, 1 to 4.
    Quarter,
    /// The month, 1 to 12.
    Month,
    /// The day of the month, 1 to 31.
    Day,
    /// The hour, 0 to 23 (timestamps only).
    Hour,
    /// The minute, 0 to 59 (timestamps only).
    Minute,
    /// The whole seconds, 0 to 59, without the fraction (timestamps only).
    Second,
    /// The day of the week, 0 for Sunday to 6 for Saturday.
    Dow,
    /// The day of the year, 1 to 366.
    Doy,
}

impl DatePart {
    /// Every part, in declaration order.
    pub const ALL: [DatePart; 9] = [
        DatePart::Year,
        DatePart::Quarter,
        DatePart::Month,
        DatePart::Day,
        DatePart::Hour,
        DatePart::Minute,
        DatePart::Second,
        DatePart::Dow,
        DatePart::Doy,
    ];

    /// Its name in the query language.
    pub fn name(self) -> &'static str {
        match self {
            DatePart::Year => "year",
            DatePart::Quarter => "quarter",
            DatePart::Month => "month",
            DatePart::Day => "day",
            DatePart::Hour => "hour",
            DatePart::Minute => "minute",
            DatePart::Second => "second",
            DatePart::Dow => "dow",
            DatePart::Doy => "doy",
        }
    }

    /// Whether it is a part of the time of day, which a date does not have.
    pub fn of_time(self) -> bool {
        matches!(self, DatePart::Hour | DatePart::Minute | DatePart::Second)
    }
}

/// A unit of [`Func::DateAdd`], [`Func::DatetimeAdd`], [`Func::Ago`] and [`Func::FromNow`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Unit {
    /// Twelve months.
    Year,
    /// A calendar month, clamped to the last day of the month it lands in.
    Month,
    /// Seven days.
    Week,
    /// A day.
    Day,
    /// An hour (timestamps only).
    Hour,
    /// A minute (timestamps only).
    Minute,
    /// A second (timestamps only).
    Second,
}

impl Unit {
    /// Every unit, in declaration order.
    pub const ALL: [Unit; 7] = [
        Unit::Year,
        Unit::Month,
        Unit::Week,
        Unit::Day,
        Unit::Hour,
        Unit::Minute,
        Unit::Second,
    ];

    /// Its name in the query language.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Year => "year",
            Unit::Month => "month",
            Unit::Week => "week",
            Unit::Day => "day",
            Unit::Hour => "hour",
            Unit::Minute => "minute",
            Unit::Second => "second",
        }
    }

    /// Whether it is shorter than a day, which a date cannot move by.
    pub fn of_time(self) -> bool {
        matches!(self, Unit::Hour | Unit::Minute | Unit::Second)
    }
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
            Func::Extract(_) => "extract",
            Func::DateAdd(_) => "date_add",
            Func::DatetimeAdd(_) => "datetime_add",
            Func::Ago(_) => "ago",
            Func::FromNow(_) => "from_now",
            Func::DateDiff => "date_diff",
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
            Func::DateAdd(_) | Func::DatetimeAdd(_) | Func::DateDiff => (2, Some(2)),
            Func::Extract(_) | Func::Ago(_) | Func::FromNow(_) => (1, Some(1)),
        }
    }
}
