//! SQLite: `"quoted"` identifiers, `?` placeholders, booleans as integers, no `ILIKE`, no
//! arrays, and no default `LIKE` escape character.

mod ddl;

use crate::dialect::{
    AggregateFilter, AnyAll, Avg, BooleanCoalesce, BooleanExtrema, Booleans, CastTypes, Concat,
    DateArithmetic, DateCast, DateDiff, Dates, Decimals, Dialect, DistinctSorted, ExistsDistinct,
    Extract, Extremes, FloatLiterals, FloatRemainder, FloatSum, FullJoin, Functions, HavingAlone,
    HavingGrouped, Ilike, ImplicitGroup, InParam, IntegerDivision, IntegerSum, JsonEquality,
    JsonPath, KeyQuote, Lateral, LikeEscape, LimitInSubquery, MixedCoalesce, NonFiniteFloats,
    NullsDefault, NullsOrder, OffsetWithoutLimit, OtherExtrema, Placeholders, Position, Quirks,
    RowValues, ScalarRows, SetOpAll, SmallBigints, Substring, Truncate, ValuesList, push_quoted,
};
use crate::shape::{Seal, ShapeCache};

/// SQLite (3.30 or later, for `NULLS FIRST`/`NULLS LAST`).
///
/// ```
/// use recto_adapters::{Sqlite, ToSql};
/// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Value};
///
/// let q = Query::table("users")
///     .filter(Expr::binary(BinOp::Eq, Expr::field(BindingRef::Index(0), "active"), Expr::Lit(Value::Bool(true))))
///     .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "id"))));
/// let sql = q.to_sql(Sqlite).unwrap();
/// assert_eq!(sql.text, r#"SELECT u0."id" FROM "users" AS u0 WHERE (u0."active" = 1)"#);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Sqlite;

const QUIRKS: Quirks = Quirks {
    // SQLite stores booleans as the integers 1 and 0 (the TRUE/FALSE keywords are only
    // aliases, and only since 3.23): https://www.sqlite.org/datatype3.html#boolean_datatype
    booleans: Booleans::Integers,
    // A literal with a decimal point or an exponent is a REAL:
    // https://www.sqlite.org/lang_expr.html#literal_values_constants_
    floats: FloatLiterals::Plain,
    // Every integer is a 64-bit INTEGER value: https://www.sqlite.org/datatype3.html
    small_bigints: SmallBigints::Plain,
    // REAL arithmetic is IEEE 754 doubles, infinities included (NaN binds as NULL):
    // https://www.sqlite.org/floatingpoint.html
    non_finite_floats: NonFiniteFloats::Native,
    // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since 3.32.0:
    // https://www.sqlite.org/limits.html#max_variable_number
    max_params: 32766,
    // No ILIKE. (Its LIKE folds ASCII case by default, but `lower` on both sides keeps
    // `ilike` right under `PRAGMA case_sensitive_like` too):
    // https://www.sqlite.org/lang_expr.html#the_like_glob_regexp_match_and_extract_operators
    // "If both operands are integers, then the result is an integer", truncated:
    // https://www.sqlite.org/lang_expr.html#operators_and_parse_affecting_attributes
    integer_division: IntegerDivision::Slash,
    ilike: Ilike::Lower,
    // The same page: without an ESCAPE clause there is no escape character.
    like_escape: LikeEscape::Explicit,
    // No array type: one `?` per element.
    in_param: InParam::Expand,
    array_params: false,
    // SQLite has no INTERSECT ALL or EXCEPT ALL
    // (https://www.sqlite.org/lang_select.html#compound_select_statements); window
    // functions since 3.25: https://www.sqlite.org/windowfunctions.html
    set_op_all: SetOpAll::RowNumber,
    // https://www.sqlite.org/lang_expr.html#subquery_expressions: no ANY/ALL over a
    // subquery, and a scalar subquery silently takes its first row.
    any_all: AnyAll::Aggregate,
    // SQLite drops the DISTINCT of an EXISTS subquery and keeps its OFFSET (found by the
    // random-query property; docs/dialects.md).
    exists_distinct: ExistsDistinct::DerivedTable,
    scalar_rows: ScalarRows::Guard,
    limit_in_subquery: LimitInSubquery::Native,
    correlated_derived: true,
    // https://www.sqlite.org/lang_with.html: MATERIALIZED and NOT MATERIALIZED (3.35+), a
    // hint only; recursion is unbounded.
    cte_materialized: true,
    recursive_prefix: None,
    // Text compares with the BINARY collation, byte by byte:
    // https://www.sqlite.org/datatype3.html#collating_sequences
    json_equality: JsonEquality::Plain,
    // `->` returns JSON text, `->>` and `json_extract` a string's SQL text:
    // https://www.sqlite.org/json1.html#jptr
    json_path: JsonPath::ArrowPath,
    // A quoted key ends at the first `"`; its JSON escapes are read (`\u0022` for `"`):
    // https://www.sqlite.org/json1.html#path_arguments
    json_key_quote: KeyQuote::Unicode,
    // NULLS FIRST/LAST since 3.30.0: https://www.sqlite.org/lang_select.html#the_order_by_clause
    nulls_order: NullsOrder::Native,
    // OFFSET needs a LIMIT, and "a negative LIMIT means no upper bound":
    // https://www.sqlite.org/lang_select.html#the_limit_clause
    offset_without_limit: OffsetWithoutLimit::Limit("-1"),
    // "SQLite considers NULL values to be smaller than any other values":
    // https://www.sqlite.org/lang_select.html#the_order_by_clause
    nulls_default: NullsDefault::Smallest,
    // https://www.sqlite.org/lang_expr.html#castexpr
    cast_types: CastTypes {
        // One integer type, 64 bits wide, and one float type, 64 bits wide:
        // https://www.sqlite.org/datatype3.html
        smallint: "INTEGER",
        integer: "INTEGER",
        bigint: "INTEGER",
        real: "REAL",
        double: "REAL",
        text: "TEXT",
        // No date type; `date(x)` of ISO 8601 text:
        // https://www.sqlite.org/lang_datefunc.html
        date: DateCast::DateFunction,
    },
    // `sum` of integers is an integer (an overflow is an error), of anything else a
    // float; `avg` is always a float: https://www.sqlite.org/lang_aggfunc.html#sumunc
    integer_sum: IntegerSum::Native,
    float_sum: FloatSum::Native,
    avg: Avg::Native,
    // Booleans are the integers 1 and 0 (see `booleans`).
    boolean_extrema: BooleanExtrema::Native,
    // Every value has its own type, whatever the expression's others are, so
    // `coalesce(float_column, 0)` returns the integer 0 for a NULL:
    // https://www.sqlite.org/datatype3.html
    mixed_coalesce: MixedCoalesce::CastResult,
    // Booleans are the integers 0 and 1: https://www.sqlite.org/datatype3.html#boolean_datatype
    boolean_coalesce: BooleanCoalesce::Native,
    // Aggregates take `FILTER (WHERE cond)` since SQLite 3.30 (sqlx bundles a later one):
    // https://www.sqlite.org/lang_aggfunc.html
    aggregate_filter: AggregateFilter::Native,
    // SQLite has no exact decimal type (NUMERIC affinity stores a REAL past 15 digits), but
    // exact 64-bit integers whose `/` truncates toward zero and whose `sum` fails on an
    // overflow: https://www.sqlite.org/datatype3.html https://www.sqlite.org/lang_expr.html
    // https://www.sqlite.org/lang_aggfunc.html#sumunc
    decimals: Decimals::Scaled,
    // `%` casts both operands to INTEGER first, so `7.5 % 2` is 1.0:
    // https://www.sqlite.org/lang_expr.html#operators_and_parse_affecting_attributes
    float_remainder: FloatRemainder::Unsupported,
    // `?` is positional: https://www.sqlite.org/lang_expr.html#varparam
    placeholders: Placeholders::Positional,
    // min/max compare any values, BLOBs with memcmp():
    // https://www.sqlite.org/lang_aggfunc.html#max_agg https://www.sqlite.org/datatype3.html#comparisons
    other_extrema: OtherExtrema::Native,
    // https://www.sqlite.org/lang_select.html#resultset
    having_grouped: HavingGrouped::Native,
    // "If a HAVING clause is specified on a non-aggregate query" it is an error; a query is
    // an aggregate only through GROUP BY or an aggregate in its result columns:
    // https://www.sqlite.org/lang_select.html#resultset
    having_alone: HavingAlone::OneRowTable,
    // The same page: a query "is an aggregate query if ... one or more aggregate functions
    // [are] in the result expression list" (or it has GROUP BY); an aggregate only in
    // HAVING or ORDER BY is an error ("HAVING clause on a non-aggregate query", "misuse of
    // aggregate").
    implicit_group: ImplicitGroup::OneRowTable,
    distinct_sorted: DistinctSorted::Native,
    // RIGHT and FULL JOIN since SQLite 3.39 (sqlx bundles 3.51); CROSS JOIN always:
    // https://www.sqlite.org/lang_select.html#join_operators
    full_join: FullJoin::Native,
    // SQLite has no LATERAL (https://www.sqlite.org/lang_select.html); window functions
    // since 3.25: https://www.sqlite.org/windowfunctions.html
    lateral: Lateral::TopN,
    // "the columns ... are named column1, column2, and so on":
    // https://www.sqlite.org/lang_select.html#values
    values_list: ValuesList::NumberedColumns,
    functions: Functions {
        // `length` of a text counts its characters:
        // https://www.sqlite.org/lang_corefunc.html#length
        char_length: "length",
        // https://www.sqlite.org/lang_corefunc.html#instr
        position: Position::Instr,
        concat: Concat::Operator,
        // A negative start counts from the end, and a negative length backwards:
        // https://www.sqlite.org/lang_corefunc.html#substr
        substring: Substring::Clamped { greatest: "max" },
        // An empty `from` returns `s` before `to` is looked at, so a NULL `to` gives `s`
        // where PostgreSQL's strict `replace` gives NULL:
        // https://www.sqlite.org/lang_corefunc.html#replace
        // The scalar `max` and `min` of several arguments are NULL if any argument is:
        // https://www.sqlite.org/lang_corefunc.html#max_scalar
        extremes: Extremes::MaxMin,
        extremes_skip_null: false,
        // `trunc`, `ceil`, `floor`, `sqrt` and `power` are math functions, which SQLite
        // leaves out unless built with SQLITE_ENABLE_MATH_FUNCTIONS, as libsqlite3-sys's
        // bundled build (sqlx's) is not: https://www.sqlite.org/lang_mathfunc.html
        truncate: Truncate::CastInteger,
        math: false,
        whole_decimal: None,
        // Cast to REAL by `Truncate::CastInteger` already.
        whole_float: None,
        replace_null_guard: true,
        int4_args: None,
        dates: Dates {
            // https://www.sqlite.org/lang_datefunc.html: `%w` is 0 for Sunday, `%j` 001
            // to 366.
            extract: Extract::Strftime,
            // No interval type, and `+N months` overflows into the next month (the same
            // page, "Modifiers"), which the emulation clamps.
            arithmetic: DateArithmetic::Modifiers,
            date_diff: DateDiff::Julianday,
        },
    },
    // Row value comparisons since 3.15, and a row IN a list of rows since 3.37:
    // https://www.sqlite.org/rowvalue.html
    row_values: RowValues::Native,
};

impl Dialect for Sqlite {
    fn name(&self) -> &'static str {
        "SQLite"
    }

    /// Double quotes, with `"` doubled: <https://www.sqlite.org/lang_keywords.html>.
    fn push_identifier(&self, out: &mut String, ident: &str) {
        push_quoted(out, ident, '"');
    }

    /// `?`, numbered by position: <https://www.sqlite.org/lang_expr.html#varparam>.
    fn push_placeholder(&self, out: &mut String, _n: usize) {
        out.push('?');
    }

    fn quirks(&self) -> &Quirks {
        &QUIRKS
    }

    fn shape_cache(&self, _: Seal) -> Option<&'static ShapeCache> {
        static CACHE: ShapeCache = ShapeCache::new();
        Some(&CACHE)
    }
}
