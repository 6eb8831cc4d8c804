//! MySQL and MariaDB: `` `quoted` `` identifiers, `?` placeholders, no `ILIKE`, no arrays,
//! no `NULLS FIRST`/`NULLS LAST`: those are emulated.

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

/// MySQL and MariaDB.
///
/// ```
/// use recto_adapters::{MySql, ToSql};
/// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Value};
///
/// let q = Query::table("users")
///     .filter(Expr::binary(BinOp::Eq, Expr::field(BindingRef::Index(0), "name"), Expr::Param(Value::Text("Ann".into()))))
///     .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "id"))));
/// let sql = q.to_sql(MySql).unwrap();
/// assert_eq!(sql.text, "SELECT u0.`id` FROM `users` AS u0 WHERE (u0.`name` = ?)");
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct MySql;

const QUIRKS: Quirks = Quirks {
    // https://dev.mysql.com/doc/refman/8.4/en/boolean-literals.html
    booleans: Booleans::Keywords,
    // "a number with an exponent is a DOUBLE; without one it is DECIMAL":
    // https://dev.mysql.com/doc/refman/8.4/en/number-literals.html
    floats: FloatLiterals::Exponent,
    // Integer arithmetic is BIGINT whatever the literal:
    // https://dev.mysql.com/doc/refman/8.4/en/arithmetic-functions.html
    small_bigints: SmallBigints::Plain,
    // MariaDB fails with 1690 "DOUBLE value is out of range" on arithmetic that gives or
    // takes an infinity, and propagates `col = <value>` into the statement's other
    // expressions (https://mariadb.com/kb/en/optimizer-switch/, `condition_pushdown...`
    // and equality propagation); a DOUBLE column cannot hold a non-finite value at all:
    // https://mariadb.com/kb/en/double/
    non_finite_floats: NonFiniteFloats::NoArithmetic,
    // Prepared statements take at most 65535 placeholders:
    // https://dev.mysql.com/doc/refman/8.4/en/prepare.html (ER_PS_MANY_PARAM)
    max_params: 65535,
    // MySQL has no ILIKE; `lower` folds both sides:
    // https://dev.mysql.com/doc/refman/8.4/en/string-functions.html#function_lower
    // `/` returns a DECIMAL even for integers; `DIV` is integer division, truncating
    // toward zero: https://dev.mysql.com/doc/refman/8.4/en/arithmetic-functions.html
    // https://mariadb.com/kb/en/div/
    integer_division: IntegerDivision::Div,
    ilike: Ilike::Lower,
    // "If you do not specify the ESCAPE character, \ is assumed":
    // https://dev.mysql.com/doc/refman/8.4/en/string-comparison-functions.html#operator_like
    like_escape: LikeEscape::Default,
    // No array type: one `?` per element.
    in_param: InParam::Expand,
    array_params: false,
    // Since MariaDB 10.5: https://mariadb.com/kb/en/intersect/ and https://mariadb.com/kb/en/except/
    set_op_all: SetOpAll::Native,
    // https://mariadb.com/kb/en/subquery-limitations/: LIMIT is refused inside IN, ANY and
    // ALL subqueries (error 1235), and a derived table cannot refer to an enclosing query's
    // columns (error 1054); ANY/ALL and scalar subqueries are as in PostgreSQL.
    any_all: AnyAll::Native,
    exists_distinct: ExistsDistinct::Native,
    scalar_rows: ScalarRows::Native,
    limit_in_subquery: LimitInSubquery::DerivedTable,
    correlated_derived: false,
    // https://mariadb.com/kb/en/with/ has no MATERIALIZED hint; recursion stops after
    // max_recursive_iterations (1000 by default) with only a warning
    // (https://mariadb.com/kb/en/server-system-variables/#max_recursive_iterations), so a
    // statement with a recursive CTE lifts it for itself (https://mariadb.com/kb/en/set-statement/).
    cte_materialized: false,
    recursive_prefix: Some("SET STATEMENT max_recursive_iterations=4294967295 FOR "),
    // A JSON column is text in utf8mb4_bin, which ignores trailing spaces, and two bound
    // documents compare in the connection's case-insensitive collation; bytes compare
    // exactly: https://mariadb.com/kb/en/binary-operator/
    json_equality: JsonEquality::Cast("BINARY"),
    // MariaDB has no `->`, and MySQL's takes a literal path only; `JSON_EXTRACT` takes a
    // bound one: https://mariadb.com/kb/en/json_extract/, https://mariadb.com/kb/en/json_type/
    json_path: JsonPath::ExtractFunction,
    // A quoted key of a MariaDB path reads `\"` (https://mariadb.com/kb/en/jsonpath-expressions/)
    // but not `\u0022`.
    json_key_quote: KeyQuote::Backslash,
    // No NULLS FIRST/LAST; NULLs sort first in ascending order and last in descending order:
    // https://dev.mysql.com/doc/refman/8.4/en/working-with-null.html
    // https://mariadb.com/kb/en/null-values/#ordering
    nulls_order: NullsOrder::IsNullKey,
    // "To retrieve all rows from a certain offset up to the end of the result set, you can
    // use some large number for the second parameter" (the LIMIT section of
    // https://dev.mysql.com/doc/refman/8.4/en/select.html; MariaDB accepts the same:
    // https://mariadb.com/kb/en/limit/)
    offset_without_limit: OffsetWithoutLimit::Limit("18446744073709551615"),
    // The same pages as `nulls_order`: NULLs sort as smaller than any value.
    nulls_default: NullsDefault::Smallest,
    // CAST takes SIGNED (a BIGINT) and, since MySQL 8.0.17 and MariaDB 10.4.5, DOUBLE:
    // https://dev.mysql.com/doc/refman/8.4/en/cast-functions.html#function_cast
    // https://mariadb.com/kb/en/cast/
    cast_types: CastTypes {
        // The only integer CAST makes is SIGNED, 64 bits wide.
        smallint: "SIGNED",
        integer: "SIGNED",
        bigint: "SIGNED",
        // FLOAT since MySQL 8.0.17 and MariaDB 10.4.5.
        real: "FLOAT",
        double: "DOUBLE",
        text: "CHAR",
        date: DateCast::Cast("DATE"),
    },
    // "SUM() and AVG() return a DECIMAL value for exact-value arguments (integer or
    // DECIMAL), and a DOUBLE value for approximate-value arguments (FLOAT or DOUBLE)":
    // https://dev.mysql.com/doc/refman/8.4/en/aggregate-functions.html#function_sum
    integer_sum: IntegerSum::CastEverySum,
    float_sum: FloatSum::Native,
    avg: Avg::CastArgument,
    // Booleans are TINYINT(1): https://dev.mysql.com/doc/refman/8.4/en/numeric-type-syntax.html
    boolean_extrema: BooleanExtrema::Native,
    // COALESCE's type is the aggregated type of its arguments:
    // https://dev.mysql.com/doc/refman/8.4/en/comparison-operators.html#function_coalesce
    mixed_coalesce: MixedCoalesce::Unified,
    // A BOOLEAN column is a signed TINYINT and sqlx binds a bool as an unsigned one; the
    // aggregated type of signed and unsigned integers is DECIMAL (the COALESCE page above
    // and https://mariadb.com/kb/en/coalesce/), which sqlx does not decode as a bool.
    boolean_coalesce: BooleanCoalesce::CastInteger,
    // Neither MariaDB nor MySQL has an aggregate's FILTER clause; their aggregates skip
    // NULLs, which a CASE without ELSE gives for the rows left out:
    // https://mariadb.com/kb/en/aggregate-functions/ https://mariadb.com/kb/en/case-operator/
    aggregate_filter: AggregateFilter::Case,
    // DECIMAL is exact; `MOD(n, d)` has the sign of `n`, so `n - MOD(n, d)` is `d` times
    // the quotient truncated toward zero:
    // https://mariadb.com/kb/en/mod/ https://dev.mysql.com/doc/refman/8.4/en/precision-math.html
    decimals: Decimals::Mod,
    // `%` on floats is C's fmod: https://dev.mysql.com/doc/refman/8.4/en/mathematical-functions.html#function_mod
    float_remainder: FloatRemainder::Native,
    // `?` is positional: https://dev.mysql.com/doc/refman/8.4/en/prepare.html
    placeholders: Placeholders::Positional,
    // min/max take any type, BLOBs compared bytewise:
    // https://mariadb.com/kb/en/max/ https://dev.mysql.com/doc/refman/8.4/en/blob.html
    other_extrema: OtherExtrema::Native,
    // MariaDB resolves a column in HAVING against the select list and the plain GROUP BY
    // columns only (1054 "Unknown column ... in 'HAVING'" for `coalesce(a, b)` grouped):
    // https://mariadb.com/kb/en/having/ and, for MySQL's rule,
    // https://dev.mysql.com/doc/refman/8.4/en/group-by-handling.html
    having_grouped: HavingGrouped::MinOverGroup,
    // Without GROUP BY and aggregates, MariaDB applies HAVING to each row, like WHERE:
    // https://mariadb.com/kb/en/having/
    having_alone: HavingAlone::OneRowTable,
    // An aggregate in HAVING or ORDER BY makes the query one group, as in PostgreSQL:
    // https://dev.mysql.com/doc/refman/8.4/en/group-by-functions.html
    implicit_group: ImplicitGroup::HavingInSubqueries,
    // MariaDB 10.11 returns one row for `SELECT DISTINCT d, avg(f) ... GROUP BY ts, d ORDER
    // BY avg(f) IS NULL, avg(f)` and ignores OFFSET under `SELECT DISTINCT <constants>`
    // (docs/dialects.md, "Engine bugs"): https://mariadb.com/kb/en/derived-tables/
    distinct_sorted: DistinctSorted::DerivedTable,
    // MariaDB has no FULL JOIN, and reads `a FULL JOIN b` as `a` aliased `full` joined to
    // `b` (docs/nesting.md): https://mariadb.com/kb/en/join-syntax/ lists LEFT, RIGHT,
    // INNER and CROSS only. RIGHT and CROSS JOIN are native.
    full_join: FullJoin::UnionAll,
    // MariaDB has no LATERAL (MySQL 8.0.14 has): https://mariadb.com/kb/en/join-syntax/;
    // window functions since 10.2: https://mariadb.com/kb/en/window-functions-overview/
    lateral: Lateral::TopN,
    // MariaDB's VALUES names its columns after the first row and takes no column list:
    // https://mariadb.com/kb/en/table-value-constructors/ (docs/nesting.md)
    values_list: ValuesList::UnionAll,
    functions: Functions {
        // `LENGTH` counts bytes: https://mariadb.com/kb/en/char_length/
        char_length: "CHAR_LENGTH",
        // https://mariadb.com/kb/en/locate/
        position: Position::Locate,
        // `||` is `OR` unless `PIPES_AS_CONCAT`; `CONCAT` is NULL when an argument is:
        // https://mariadb.com/kb/en/concat/
        concat: Concat::Function,
        // A negative start counts from the end, and 0 gives an empty text:
        // https://mariadb.com/kb/en/substring/
        substring: Substring::Clamped {
            greatest: "GREATEST",
        },
        // NULL if any argument is: https://mariadb.com/kb/en/greatest/
        extremes: Extremes::Greatest,
        extremes_skip_null: false,
        // https://mariadb.com/kb/en/truncate/
        truncate: Truncate::TruncateZero,
        math: true,
        // `CEILING` of a DECIMAL is a BIGINT where it fits:
        // https://mariadb.com/kb/en/ceiling/
        whole_decimal: Some("DECIMAL(65, 0)"),
        // `CEILING`, `FLOOR`, `ROUND` and `TRUNCATE(x, 0)` of a DOUBLE are a DOUBLE of 0
        // decimals, and a division of one keeps 4 (`ceil(-1.25) / 6` is -0.1667); a cast
        // to DOUBLE drops the mark. Found by `properties::agree`.
        whole_float: Some("DOUBLE"),
        // MariaDB 10.11 answers `REPLACE('abc', 'x', ?)` with 'abc' when the parameter is
        // an untyped NULL (what a bound `None` is), and NULL for a NULL literal or when 'x'
        // is found; NULL is what it documents: https://mariadb.com/kb/en/replace-function/
        replace_null_guard: true,
        int4_args: None,
        dates: Dates {
            // `DAYOFWEEK` counts from Sunday as 1: https://mariadb.com/kb/en/dayofweek/
            extract: Extract::Functions,
            // "If the resulting month has fewer days than the original, the day is set to
            // the last day of the month": https://mariadb.com/kb/en/date_add/
            arithmetic: DateArithmetic::DateAdd {
                now: "UTC_TIMESTAMP(6)",
            },
            // https://mariadb.com/kb/en/datediff/
            date_diff: DateDiff::Datediff,
        },
    },
    // Row constructors compare as documented (https://mariadb.com/kb/en/comparison-operators/),
    // but MariaDB 10.11 answers `NOT ((p.id, o.id) = (9, 4))` with no row where `o` is a
    // LEFT JOIN's missing row (the negation of a false comparison is true): it seems to
    // treat the row comparison as rejecting NULLs and turn the outer join into an inner
    // one. The expanded form answers right (docs/dialects.md, "Engine bugs").
    row_values: RowValues::Expanded,
};

impl Dialect for MySql {
    fn name(&self) -> &'static str {
        "MySQL"
    }

    /// Backticks, with `` ` `` doubled: <https://dev.mysql.com/doc/refman/8.4/en/identifiers.html>
    /// and <https://mariadb.com/kb/en/identifier-names/>.
    fn push_identifier(&self, out: &mut String, ident: &str) {
        push_quoted(out, ident, '`');
    }

    /// `?`: <https://dev.mysql.com/doc/refman/8.4/en/prepare.html>.
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
