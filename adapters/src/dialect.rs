//! The [`Dialect`] trait: the small surface each engine implements — its name, how it quotes
//! an identifier, how it writes a placeholder — and [`Quirks`], the data that tells the one
//! shared writer which spelling or emulation each feature takes in that engine.
//!
//! Quirks are data, not overridable methods: the writer owns every form of SQL, and a dialect
//! only picks among them, so no dialect can print a form the writer's tests have not seen.

mod arithmetic;
mod casts;
mod dates;
mod functions;
mod json_path;
mod nesting;
mod rows;
mod statements;

use crate::shape::{Seal, ShapeCache};

pub use self::arithmetic::{
    AggregateFilter, Avg, BooleanCoalesce, BooleanExtrema, Decimals, FloatRemainder, FloatSum,
    IntegerSum, MixedCoalesce, OtherExtrema,
};
pub use self::casts::{CastTypes, DateCast};
pub use self::dates::{DateArithmetic, DateDiff, Dates, Extract};
pub use self::functions::{Concat, Extremes, Functions, Position, Substring, Truncate};
pub use self::json_path::{JsonPath, KeyQuote};
pub use self::nesting::{AnyAll, ExistsDistinct, Lateral, LimitInSubquery, ScalarRows, ValuesList};
pub use self::rows::RowValues;
pub use self::statements::{DistinctSorted, FullJoin, HavingAlone, HavingGrouped, ImplicitGroup};

/// An SQL dialect: what differs between engines, and nothing else.
///
/// ```
/// use recto_adapters::{Dialect, MySql, Postgres, Sqlite};
///
/// let mut out = String::new();
/// Postgres.push_identifier(&mut out, r#"a"b"#);
/// out.push(' ');
/// MySql.push_identifier(&mut out, "a`b");
/// out.push(' ');
/// Postgres.push_placeholder(&mut out, 2);
/// out.push(' ');
/// Sqlite.push_placeholder(&mut out, 2);
/// assert_eq!(out, r#""a""b" `a``b` $2 ?"#);
/// ```
pub trait Dialect {
    /// The dialect's name, for errors (`"PostgreSQL"`, `"MySQL"`, `"SQLite"`).
    fn name(&self) -> &'static str;

    /// Appends `ident` quoted, with any embedded quote character escaped, so every string is
    /// a valid identifier that names exactly itself. (The writer has already rejected the
    /// NUL character, which no engine accepts in an identifier.)
    fn push_identifier(&self, out: &mut String, ident: &str);

    /// Appends the placeholder of the `n`th parameter, counting from 1.
    fn push_placeholder(&self, out: &mut String, n: usize);

    /// How the shared writer spells or emulates each feature in this dialect.
    fn quirks(&self) -> &Quirks;

    /// The dialect's shape cache, if it has one. Only the built-in dialects do: the
    /// argument's type cannot be named outside this crate, so no other dialect overrides
    /// this method, and none shares a built-in dialect's cached texts.
    #[doc(hidden)]
    fn shape_cache(&self, _: Seal) -> Option<&'static ShapeCache> {
        None
    }
}

/// The features whose SQL differs between engines, and which form this dialect takes for
/// each. The writer consults it; every form is documented on its variant, and every
/// dialect's choice with a link to the engine's manual in that dialect's module.
///
/// The struct is deliberately exhaustive: a new quirk is a new field every dialect must
/// decide, not a default it silently inherits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quirks {
    /// How `true` and `false` literals are spelled.
    pub booleans: Booleans,
    /// How a float literal is spelled so the engine types it as a double, not a decimal.
    pub floats: FloatLiterals,
    /// How an `i64` literal small enough for an `i32` is spelled so the engine types it as
    /// a 64-bit integer.
    pub small_bigints: SmallBigints,
    /// How, and whether, a NaN or infinite float may be computed with.
    pub non_finite_floats: NonFiniteFloats,
    /// The most parameters one statement may bind; a query that needs more is
    /// [`Error::Unsupported`](recto_core::Error::Unsupported) rather than a failure at run
    /// time.
    pub max_params: usize,
    /// How `/` is written when both operands are integers.
    pub integer_division: IntegerDivision,
    /// How `ilike(a, b)` is written.
    pub ilike: Ilike,
    /// What `like` needs to treat `\` as its escape character, as PostgreSQL and MySQL do by
    /// default.
    pub like_escape: LikeEscape,
    /// How `x in ^list` is written.
    pub in_param: InParam,
    /// Whether a whole list may be bound as one parameter outside `in ^list`.
    pub array_params: bool,
    /// How `intersect_all:` and `except_all:` are written.
    pub set_op_all: SetOpAll,
    /// How `==`, `!=` and `in` compare JSON documents.
    pub json_equality: JsonEquality,
    /// How a JSON path and `json_text` of one are written.
    pub json_path: JsonPath,
    /// How a key's `"` is written in a JSON path text.
    pub json_key_quote: KeyQuote,
    /// How `asc_nulls_first:` and the other explicit NULL placements are written.
    pub nulls_order: NullsOrder,
    /// How `offset:` is written without a `limit:`.
    pub offset_without_limit: OffsetWithoutLimit,
    /// Where the engine puts NULLs in a plain `ASC` sort. recto sorts NULLs as larger than
    /// every value, as PostgreSQL does; elsewhere a plain `asc:`/`desc:` of a key that can
    /// be NULL is written with that placement spelled out.
    pub nulls_default: NullsDefault,
    /// How `CAST(x AS ...)` names the types the emulations below cast to.
    pub cast_types: CastTypes,
    /// How `sum` over integers is made a 64-bit integer.
    pub integer_sum: IntegerSum,
    /// How `sum` over single-precision floats is made a double.
    pub float_sum: FloatSum,
    /// How `avg` is made a double.
    pub avg: Avg,
    /// How `min` and `max` of booleans are written.
    pub boolean_extrema: BooleanExtrema,
    /// How a `coalesce` or conditional typed float, some of whose arguments or branches are
    /// not, is made a float.
    pub mixed_coalesce: MixedCoalesce,
    /// How a `coalesce` or conditional of booleans is made a type that decodes as a boolean.
    pub boolean_coalesce: BooleanCoalesce,
    /// How `filter(agg, cond)` is written.
    pub aggregate_filter: AggregateFilter,
    /// Whether exact decimals exist, and how their `/` and `avg` are written.
    pub decimals: Decimals,
    /// How `%` is written when an operand is a float.
    pub float_remainder: FloatRemainder,
    /// Whether equal values share one placeholder.
    pub placeholders: Placeholders,
    /// How `min` and `max` are written where the engine's own may not exist: bytes, and
    /// arguments whose type the plan cannot tell (booleans are [`BooleanExtrema`]).
    pub other_extrema: OtherExtrema,
    /// How `having:` refers to grouped expressions and columns outside any aggregate.
    pub having_grouped: HavingGrouped,
    /// How `having:` is written without `group_by:` and without any aggregate.
    pub having_alone: HavingAlone,
    /// How a query without `group_by:` whose only aggregates are in `having:` or
    /// `order_by:` is written.
    pub implicit_group: ImplicitGroup,
    /// How `distinct: true` is written with `order_by:`, `offset:` or `group_by:`.
    pub distinct_sorted: DistinctSorted,
    /// How `x op any(q)` and `x op all(q)` are written.
    pub any_all: AnyAll,
    /// How `exists(q)` is written when `q` has `distinct: true` and an `offset:`.
    pub exists_distinct: ExistsDistinct,
    /// How a scalar subquery that might return two rows is written.
    pub scalar_rows: ScalarRows,
    /// How a subquery with `limit:`/`offset:` is written inside `in`, `any` and `all`.
    pub limit_in_subquery: LimitInSubquery,
    /// Whether a derived table (a subquery source, or one an emulation prints) may refer
    /// to the queries around the query it is in; where it may not, a correlated subquery
    /// source is [`Error::Unsupported`](recto_core::Error::Unsupported).
    pub correlated_derived: bool,
    /// Whether a CTE's `MATERIALIZED`/`NOT MATERIALIZED` hint is printed; where it is not,
    /// the hint (which changes no row) is left out.
    pub cte_materialized: bool,
    /// Printed before a statement with a recursive CTE, where the engine would otherwise
    /// stop recursing early.
    pub recursive_prefix: Option<&'static str>,
    /// How `full_join:` is written.
    pub full_join: FullJoin,
    /// How `inner_lateral_join:` and `left_lateral_join:` are written.
    pub lateral: Lateral,
    /// How a values list is written as a source.
    pub values_list: ValuesList,
    /// How the scalar functions are written.
    pub functions: Functions,
    /// How comparisons of rows and a row `in` a list of rows are written.
    pub row_values: RowValues,
}

/// Whether a value bound twice in one statement gets one placeholder or two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Placeholders {
    /// Numbered (`$1`): a value equal to one already bound (same variant, same bits) reuses
    /// its placeholder, so an expression written twice (`select:` and `group_by: u.a + ^1`)
    /// is the same expression to the engine, which matches them by their text.
    Numbered,
    /// Positional (`?`): every occurrence binds its own value.
    Positional,
}

/// How boolean literals are spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Booleans {
    /// `TRUE` and `FALSE`.
    Keywords,
    /// `1` and `0`.
    Integers,
}

/// How a float literal (`2.0`) is spelled. Its digits are Rust's shortest round-trip form,
/// which keeps a decimal point or an exponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FloatLiterals {
    /// `2.0`: the engine reads it as a double.
    Plain,
    /// `2.0e0`: the engine reads a number with an exponent as a double, and one without as
    /// an exact decimal.
    Exponent,
    /// `2.0::float8`: the engine reads `2.0` as an exact decimal, and this suffix casts it.
    Suffix(&'static str),
}

/// How an `i64` literal whose value fits an `i32` is spelled (a larger one is 64-bit in
/// every engine).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SmallBigints {
    /// `3`: the engine's integer arithmetic is 64-bit whatever the literal.
    Plain,
    /// `3::int8`: the engine types a bare `3` as a 32-bit integer, so `coalesce(age, 3)`
    /// or `age + 3` over a 32-bit `age` would be 32-bit, where the plan types it `i64`.
    Suffix(&'static str),
}

/// Whether a NaN or infinite float (a parameter or a literal) may be computed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NonFiniteFloats {
    /// Anywhere: the engine computes with them as IEEE 754 says.
    Native,
    /// Compared and selected, but [`Error::Unsupported`](recto_core::Error::Unsupported)
    /// as an operand of arithmetic (`+ - * / %`, negation, `sum`, `avg`), and compared for
    /// equality with a float when the statement computes anything: the engine fails with
    /// "DOUBLE value is out of range" instead of answering, and its optimizer puts a value
    /// compared equal to a column in place of that column in the statement's arithmetic.
    NoArithmetic,
}

/// How `a / b` is written when both operands are known to be integers, so that it
/// truncates toward zero in every engine as it does in PostgreSQL and SQLite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum IntegerDivision {
    /// `(a / b)`: the engine's `/` already truncates integer operands.
    Slash,
    /// `(a DIV b)`: the engine's `/` returns a decimal, and `DIV` truncates toward zero.
    /// Operands of unknown type (schemaless columns) keep `/`.
    Div,
}

/// How `ilike(a, b)` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ilike {
    /// `(a ILIKE b)`.
    Native,
    /// `(lower(a) LIKE lower(b))`: the same matches wherever `lower` folds the same
    /// characters the engine's `ILIKE` would.
    Lower,
}

/// What `like` needs so that `\` escapes `%` and `_` in a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LikeEscape {
    /// Nothing: `\` is the default escape character.
    Default,
    /// `(a LIKE b ESCAPE '\')`: the engine has no default escape character.
    Explicit,
}

/// How `x in ^list` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InParam {
    /// `(x = ANY($1))` with the list bound as one array parameter; an empty array matches
    /// nothing.
    AnyArray,
    /// `(x IN (?, ?, ?, ?))` with one parameter per element, the list padded to the next
    /// power of two by repeating its last element (so a few statement shapes serve every
    /// length); an empty list is `(1 = 0)`.
    Expand,
}

/// How `a == b`, `a != b`, `x in [..]` and `x in ^list` are written when an operand is a
/// JSON document, so that two documents are equal on every engine exactly when their
/// canonical texts are (docs/dialects.md, "JSON documents").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonEquality {
    /// `(a = b)`: the engine stores the canonical text as it is and compares text by its
    /// bytes.
    Plain,
    /// `(CAST(a AS t) = CAST(b AS t))`, and `= ANY(CAST($1 AS t[]))` for a list bound as
    /// one array: the engine's own equality is not the canonical text's (a collation, or a
    /// document type of its own), and this cast's is.
    Cast(&'static str),
}

/// How an explicit NULL placement in `order_by:` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NullsOrder {
    /// `x ASC NULLS FIRST`, `x DESC NULLS LAST`, ...
    Native,
    /// A leading sort key on whether `x` is NULL: `x IS NULL, x ASC` for
    /// `asc_nulls_last:` (false sorts before true, so non-NULL rows come first),
    /// `x IS NOT NULL, x ASC` for `asc_nulls_first:`, `x IS NOT NULL, x DESC` for
    /// `desc_nulls_first:` and `x IS NULL, x DESC` for `desc_nulls_last:`.
    IsNullKey,
}

/// How `INTERSECT ALL` and `EXCEPT ALL` (duplicates counted) are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SetOpAll {
    /// Natively.
    Native,
    /// Through the distinct operator over rows numbered within their equal rows
    /// (`row_number() OVER (PARTITION BY <every column>)`), which counts duplicates as the
    /// `ALL` forms do and treats NULLs as equal as they do (`docs/nesting.md`).
    RowNumber,
    /// Not at all: [`Error::Unsupported`](recto_core::Error::Unsupported).
    Unsupported,
}

/// How `offset:` is written without a `limit:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OffsetWithoutLimit {
    /// `OFFSET m` alone.
    Plain,
    /// `LIMIT <this> OFFSET m`: the engine needs a `LIMIT` before `OFFSET`, and this one
    /// means "no limit".
    Limit(&'static str),
}

/// Where NULLs sort in a plain `ASC` (and so, reversed, in a plain `DESC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NullsDefault {
    /// As larger than every value: last in `ASC`, first in `DESC` (recto's order).
    Largest,
    /// As smaller than every value: first in `ASC`, last in `DESC`. A plain `asc:` of a key
    /// that can be NULL is written as `asc_nulls_last:`, a plain `desc:` as
    /// `desc_nulls_first:`.
    Smallest,
}

/// Appends `ident` between two `quote` characters, doubling each `quote` inside it: the
/// escaping every engine uses for its identifier quote. For dialect implementations.
///
/// ```
/// let mut out = String::new();
/// recto_adapters::push_quoted(&mut out, r#"say "hi""#, '"');
/// assert_eq!(out, r#""say ""hi""""#);
/// ```
#[inline]
pub fn push_quoted(out: &mut String, ident: &str, quote: char) {
    out.reserve(ident.len() + 2);
    out.push(quote);
    // Nearly every name holds no quote character. A byte loop finds that in a few
    // instructions per byte, where `str::find` sets up a searcher costing more than the whole
    // name; an ASCII quote is a whole byte in UTF-8, never part of another character.
    if let Ok(byte) = u8::try_from(quote)
        && quote.is_ascii()
        && !ident.bytes().any(|b| b == byte)
    {
        out.push_str(ident);
        out.push(quote);
        return;
    }
    let mut rest = ident;
    while let Some(at) = rest.find(quote) {
        let (before, after) = rest.split_at(at + quote.len_utf8());
        out.push_str(before);
        out.push(quote);
        rest = after;
    }
    out.push_str(rest);
    out.push(quote);
}
