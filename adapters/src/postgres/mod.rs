//! PostgreSQL: `"quoted"` identifiers, `$1` placeholders, and most features natively.

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

/// PostgreSQL.
///
/// ```
/// use recto_adapters::{Postgres, ToSql};
/// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Value};
///
/// let q = Query::table("users")
///     .filter(Expr::binary(BinOp::Eq, Expr::field(BindingRef::Index(0), "name"), Expr::Param(Value::Text("Ann".into()))))
///     .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "id"))));
/// let sql = q.to_sql(Postgres).unwrap();
/// assert_eq!(sql.text, r#"SELECT u0."id" FROM "users" AS u0 WHERE (u0."name" = $1)"#);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Postgres;

const QUIRKS: Quirks = Quirks {
    // https://www.postgresql.org/docs/current/datatype-boolean.html
    booleans: Booleans::Keywords,
    // `2.0` is a NUMERIC constant; the cast makes it the double it is in Rust:
    // https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-CONSTANTS-NUMERIC
    floats: FloatLiterals::Suffix("::float8"),
    // A bare integer constant is `integer` when it fits 32 bits, and `bigint` only past
    // them; the cast makes an `i64` the `bigint` it is in Rust (same page).
    small_bigints: SmallBigints::Suffix("::int8"),
    // `double precision` holds and computes with `Infinity`, `-Infinity` and `NaN`:
    // https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-FLOAT
    non_finite_floats: NonFiniteFloats::Native,
    // The Bind message counts parameters in 16 bits:
    // https://www.postgresql.org/docs/current/protocol-message-formats.html
    max_params: 65535,
    // https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-LIKE
    // Integer operands give an integer quotient, truncated toward zero:
    // https://www.postgresql.org/docs/current/functions-math.html
    integer_division: IntegerDivision::Slash,
    ilike: Ilike::Native,
    // The same page: "The default escape character is the backslash".
    like_escape: LikeEscape::Default,
    // `expression operator ANY (array expression)`, false for an empty array:
    // https://www.postgresql.org/docs/current/functions-comparisons.html#FUNCTIONS-COMPARISONS-ANY-SOME
    in_param: InParam::AnyArray,
    array_params: true,
    // https://www.postgresql.org/docs/current/queries-union.html
    set_op_all: SetOpAll::Native,
    // https://www.postgresql.org/docs/15/functions-subquery.html: ANY/ALL over a subquery;
    // a scalar subquery returning two rows is an error; LIMIT is allowed anywhere, and a
    // derived table may refer to the enclosing query's columns.
    any_all: AnyAll::Native,
    exists_distinct: ExistsDistinct::Native,
    scalar_rows: ScalarRows::Native,
    limit_in_subquery: LimitInSubquery::Native,
    correlated_derived: true,
    // https://www.postgresql.org/docs/15/queries-with.html: MATERIALIZED and NOT MATERIALIZED
    // (PostgreSQL 12+); recursion is unbounded.
    cte_materialized: true,
    recursive_prefix: None,
    // `jsonb` equality takes `1` and `1.0` for one number; its text form keeps each
    // number's written scale and sorts keys its own fixed way, so two documents have one
    // text exactly when their canonical texts are one:
    // https://www.postgresql.org/docs/current/datatype-json.html#JSON-CONTAINMENT
    json_equality: JsonEquality::Cast("text"),
    // SQL/JSON paths in strict mode, errors silenced, and `#>> '{}'` (the text of a
    // scalar): https://www.postgresql.org/docs/current/functions-json.html#FUNCTIONS-SQLJSON-PATH
    json_path: JsonPath::PathQuery,
    // A jsonpath key is a JSON string literal.
    json_key_quote: KeyQuote::Backslash,
    // https://www.postgresql.org/docs/current/queries-order.html
    nulls_order: NullsOrder::Native,
    // `OFFSET` may stand alone: https://www.postgresql.org/docs/current/queries-limit.html
    offset_without_limit: OffsetWithoutLimit::Plain,
    // "null values sort as if larger than any non-null value": recto's order.
    // https://www.postgresql.org/docs/current/queries-order.html
    nulls_default: NullsDefault::Largest,
    // https://www.postgresql.org/docs/current/datatype-numeric.html
    cast_types: CastTypes {
        smallint: "smallint",
        integer: "integer",
        bigint: "bigint",
        real: "real",
        double: "double precision",
        text: "text",
        date: DateCast::Cast("date"),
    },
    // `sum` is bigint for smallint and int arguments, numeric for bigint ones; `avg` is
    // numeric for any integer argument and double precision for floats; `sum(real)` is real:
    // https://www.postgresql.org/docs/current/functions-aggregate.html
    integer_sum: IntegerSum::CastSumOfBigints,
    float_sum: FloatSum::CastSingle,
    avg: Avg::CastArgument,
    // No min/max(boolean); bool_and and bool_or are the same aggregates: the same page.
    boolean_extrema: BooleanExtrema::BoolAndOr,
    // COALESCE converts every argument to one common type:
    // https://www.postgresql.org/docs/current/typeconv-union-case.html
    mixed_coalesce: MixedCoalesce::Unified,
    // A coalesce of booleans is `boolean` (the same page).
    boolean_coalesce: BooleanCoalesce::Native,
    // `agg(...) FILTER (WHERE cond)` applies to every aggregate:
    // https://www.postgresql.org/docs/current/sql-expressions.html#SYNTAX-AGGREGATES
    aggregate_filter: AggregateFilter::Native,
    // `numeric` is exact, and `div(y, x)` is its quotient truncated toward zero:
    // https://www.postgresql.org/docs/current/functions-math.html
    decimals: Decimals::Div,
    // `%` is defined for integers and numeric, not for real or double precision:
    // https://www.postgresql.org/docs/current/functions-math.html
    float_remainder: FloatRemainder::Unsupported,
    // `$n` may appear any number of times: https://www.postgresql.org/docs/current/sql-prepare.html
    // Grouped and sorted expressions are matched by their text, so `$1` and `$2` holding
    // equal values do not match (42803, 42P10):
    // https://www.postgresql.org/docs/current/sql-select.html#SQL-GROUPBY
    placeholders: Placeholders::Numbered,
    // min/max exist for "any numeric, string, date/time, or enum type", not bytea (nor
    // boolean: `boolean_extrema`); array_agg with ORDER BY sorts any type with a btree order,
    // bytea by memcmp: https://www.postgresql.org/docs/current/functions-aggregate.html
    // https://www.postgresql.org/docs/current/functions-binarystring.html
    other_extrema: OtherExtrema::ArrayAgg,
    // HAVING may use any grouped expression:
    // https://www.postgresql.org/docs/current/sql-select.html#SQL-HAVING
    having_grouped: HavingGrouped::Native,
    // "The presence of HAVING turns a query into a grouped query even if there is no GROUP
    // BY clause": the same page.
    having_alone: HavingAlone::Native,
    // An aggregate anywhere, HAVING included, makes the query one group:
    // https://www.postgresql.org/docs/current/sql-select.html#SQL-GROUPBY
    implicit_group: ImplicitGroup::Native,
    // https://www.postgresql.org/docs/current/sql-select.html#SQL-DISTINCT
    distinct_sorted: DistinctSorted::Native,
    // FULL, RIGHT and CROSS JOIN: https://www.postgresql.org/docs/current/queries-table-expressions.html#QUERIES-JOIN
    // A full join is planned only as a merge or hash join, so its condition needs an
    // equality between the two sides ("FULL JOIN is only supported with merge-joinable or
    // hash-joinable join conditions"): https://www.postgresql.org/docs/current/planner-optimizer.html
    full_join: FullJoin::MergeOrHash,
    // https://www.postgresql.org/docs/current/queries-table-expressions.html#QUERIES-LATERAL
    lateral: Lateral::Native,
    // https://www.postgresql.org/docs/current/queries-values.html
    values_list: ValuesList::Native,
    functions: Functions {
        // `length` counts characters too; `char_length` is the standard's name:
        // https://www.postgresql.org/docs/current/functions-string.html
        char_length: "char_length",
        position: Position::Strpos,
        // `||` is NULL when an operand is; PostgreSQL's `concat()` skips NULLs instead.
        concat: Concat::Operator,
        // A start below 1 counts positions before the text, as recto means; a negative
        // length is an error: the same page.
        substring: Substring::Native,
        // `substr(text, integer, integer)` and `substring(text from integer for integer)`
        // take `integer` only, and a bound `i64` is a `bigint`.
        // `greatest` and `least` ignore NULL arguments:
        // https://www.postgresql.org/docs/current/functions-conditional.html#FUNCTIONS-GREATEST-LEAST
        extremes: Extremes::Greatest,
        extremes_skip_null: true,
        // https://www.postgresql.org/docs/current/functions-math.html
        truncate: Truncate::Trunc,
        math: true,
        // `ceil(numeric)` is `numeric`.
        whole_decimal: None,
        whole_float: None,
        replace_null_guard: false,
        int4_args: Some("integer"),
        dates: Dates {
            // `EXTRACT` is `numeric` since PostgreSQL 14, with the seconds' fraction:
            // https://www.postgresql.org/docs/current/functions-datetime.html#FUNCTIONS-DATETIME-EXTRACT
            extract: Extract::Standard,
            // Adding months keeps the day of the month where it exists and takes the
            // month's last day where it does not: the same page, `make_interval` and `+`.
            arithmetic: DateArithmetic::Interval {
                now: "(now() AT TIME ZONE 'UTC')",
            },
            // `date - date` is an integer number of days: the same page.
            date_diff: DateDiff::Subtraction,
        },
    },
    // Row constructor comparisons, and a row IN a list of rows:
    // https://www.postgresql.org/docs/current/functions-comparisons.html#ROW-WISE-COMPARISON
    row_values: RowValues::Native,
};

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "PostgreSQL"
    }

    /// Double quotes, with `"` doubled:
    /// <https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS>.
    fn push_identifier(&self, out: &mut String, ident: &str) {
        push_quoted(out, ident, '"');
    }

    /// `$1`, `$2`, ...: <https://www.postgresql.org/docs/current/sql-prepare.html>.
    fn push_placeholder(&self, out: &mut String, n: usize) {
        out.push('$');
        crate::writer::digits::push_usize(out, n);
    }

    fn quirks(&self) -> &Quirks {
        &QUIRKS
    }

    fn shape_cache(&self, _: Seal) -> Option<&'static ShapeCache> {
        static CACHE: ShapeCache = ShapeCache::new();
        Some(&CACHE)
    }
}
