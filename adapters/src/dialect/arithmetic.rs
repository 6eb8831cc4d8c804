//! The [`Quirks`](super::Quirks) that choose how aggregates and arithmetic are written so
//! that their results have the same type and value on every engine: sums, averages,
//! extrema of booleans, `coalesce` of mixed types, the float remainder and exact decimals.

/// How `sum(x)` over integers is written so that it is a 64-bit integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum IntegerSum {
    /// `sum(x)`: the engine's sum of integers is a 64-bit integer.
    Native,
    /// `CAST(sum(x) AS bigint)` when `x` is a 64-bit integer, whose sum the engine makes an
    /// exact decimal (the sum of narrower integers already is a 64-bit integer).
    CastSumOfBigints,
    /// `CAST(sum(x) AS bigint)` for every integer `x`: the engine sums integers into an
    /// exact decimal.
    CastEverySum,
}

/// How `sum(x)` over single-precision floats is written so that it is a double, added up
/// in double precision as the other engines do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FloatSum {
    /// `sum(x)`: the engine sums every float as a double.
    Native,
    /// `sum(CAST(x AS double))` when `x` is single precision: the engine's own sum adds in
    /// single precision and returns a single-precision float.
    CastSingle,
}

/// How `avg(x)` is written so that it is a double.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Avg {
    /// `avg(x)`: the engine's average is always a double.
    Native,
    /// `avg(CAST(x AS double))` unless `x` is known to be a float: the engine averages
    /// integers into an exact decimal. Casting the argument, not the result, computes the
    /// average as every engine computes a double one (a sum divided by a count), not rounded
    /// to the decimal's scale first.
    CastArgument,
}

/// How `min(x)` and `max(x)` of a boolean `x` are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BooleanExtrema {
    /// `min(x)`, `max(x)`: booleans are numbers, or ordered.
    Native,
    /// `bool_and(x)`, `bool_or(x)`: the engine has no `min`/`max` of booleans.
    BoolAndOr,
}

/// How `coalesce(a, b, ...)` and a conditional (`CASE`) are written when their type is a
/// float and an argument or branch is not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MixedCoalesce {
    /// `coalesce(a, b)`: the engine converts every argument to the common type.
    Unified,
    /// `CAST(coalesce(a, b) AS double)`: each value keeps its own type, so the integer
    /// argument would come back as an integer.
    CastResult,
}

/// How `coalesce(a, b, ...)` and a conditional (`CASE`) of booleans are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BooleanCoalesce {
    /// `coalesce(a, b)`: the engine's result is a boolean, or an integer.
    Native,
    /// `CAST(coalesce(a, b) AS bigint)`: the engine types a `coalesce` of a signed boolean
    /// column and an unsigned bound boolean as an exact decimal, which does not decode as a
    /// boolean; a 64-bit integer does.
    CastInteger,
}

/// How `a % b` is written when `a` or `b` is a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FloatRemainder {
    /// `(a % b)`: the engine computes the float remainder (C's `fmod`).
    Native,
    /// [`Error::Unsupported`](recto_core::Error::Unsupported): the engine has no float
    /// remainder, or truncates the operands to integers first.
    Unsupported,
}

/// Whether exact decimals exist, and how `/` and `avg` of them are written so that every
/// engine gives one answer: the quotient to the dividend's scale plus 4 digits (at most 28),
/// rounded half away from zero from the exact quotient. Neither engine's own `/` does that
/// by itself (PostgreSQL chooses a scale from the operands' values; `round(a / b, s)` would
/// round twice), so both compute `trunc((2·a·10^S + sign(a)·|b|) / (2·b))·10^-S` with
/// integer division, which is exact. A divisor of zero makes NULL on every engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decimals {
    /// Native exact decimals; the integer division above is `div(n, d)`, which truncates
    /// toward zero (PostgreSQL's `numeric`).
    Div,
    /// Native exact decimals; the integer division above is `(n - MOD(n, d)) / d`, exact
    /// because `d` divides it, cast to the result's scale (MySQL's `DECIMAL`).
    Mod,
    /// No exact decimal type: a decimal is an integer holding its value × 10^scale at the
    /// scale the plan gives it (a column's declared scale), bound and printed as such and
    /// rescaled in the SQL, `/` and `avg` by integer long division, each selected decimal
    /// returned as the text `<integer>e-<scale>` (SQLite; see `writer/scaled.rs`).
    Scaled,
    /// No exact decimal type: every query, parameter, row and table with a decimal is
    /// [`Error::Unsupported`](recto_core::Error::Unsupported) before any SQL is sent.
    Unsupported,
}

/// How `filter(agg, cond)` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AggregateFilter {
    /// `agg(x) FILTER (WHERE cond)`: the engine has the standard clause.
    Native,
    /// `agg(CASE WHEN cond THEN x END)`, `count(CASE WHEN cond THEN 1 END)` for `count()`:
    /// the engine has no `FILTER`. The aggregates skip NULLs, and a row whose condition is
    /// false or NULL gives one, so the same rows count.
    Case,
}

/// How `min(x)` and `max(x)` are written when `x` is bytes or of a type the plan cannot
/// tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OtherExtrema {
    /// `min(x)`, `max(x)`: the engine orders every type it stores.
    Native,
    /// `(array_agg(x ORDER BY x ASC NULLS LAST))[1]` (`DESC` for `max`): the first value of
    /// the group in order, NULL when every value is NULL or there is none, for any type the
    /// engine can sort, where `min`/`max` exist only for some types. It collects the group's
    /// values and sorts them: O(n log n) time and O(n) memory per group, where a native
    /// `min` is one pass.
    ArrayAgg,
}
