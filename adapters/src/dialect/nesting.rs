//! The [`Quirks`](super::Quirks) of queries nested in queries: subqueries in expressions
//! and subquery sources (derived tables). `docs/nesting.md` records each engine's behaviour
//! and the emulations, checked against PostgreSQL's rows.

/// How `x op any(q)` and `x op all(q)` are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnyAll {
    /// `x > ANY (SELECT ..)`.
    Native,
    /// One aggregate pass over the subquery's values `c`, keeping SQL's NULL semantics:
    /// `(SELECT CASE WHEN count(*) = 0 THEN <empty> WHEN x IS NULL THEN NULL WHEN <decisive>
    /// THEN <decided> WHEN count(c) < count(*) THEN NULL ELSE <otherwise> END FROM (..) AS
    /// sqN)`, where the decisive test compares `x` with `min(c)` or `max(c)`. `= any` is
    /// `IN`, `!= all` is `NOT IN`. The engine has no `ANY`/`ALL` over a subquery.
    Aggregate,
}

/// How a scalar subquery that might return more than one row is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScalarRows {
    /// As written: the engine fails on a second row.
    Native,
    /// `(SELECT CASE WHEN count(*) > 1 THEN abs(-9223372036854775808) ELSE max(sqN.c0) END
    /// FROM (..) AS sqN)`: the engine would silently take the first row, so a second one
    /// makes the statement fail with an integer overflow instead. Left out where the
    /// subquery returns at most one row by construction (an aggregate without
    /// `group_by:`, or `limit: 1`).
    Guard,
}

/// How `exists(q)` is written when `q` has `distinct: true` and an `offset:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExistsDistinct {
    /// As written.
    Native,
    /// `EXISTS (SELECT * FROM (..) AS sqN)`: the engine drops the `DISTINCT` of an `EXISTS`
    /// subquery (existence needs no distinct rows) but keeps its `OFFSET`, which then skips
    /// duplicates instead of distinct rows: `EXISTS (SELECT DISTINCT x .. OFFSET 1)` over
    /// two equal rows is true. Inside a derived table the `DISTINCT` holds.
    DerivedTable,
}

/// How a subquery with `limit:` or `offset:` is written inside `in`, `any` or `all`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitInSubquery {
    /// As written.
    Native,
    /// `x IN (SELECT sqN.c0 FROM (..) AS sqN)`: the engine refuses `LIMIT` directly inside
    /// `IN`/`ANY`/`ALL`, and accepts it in a derived table. A correlated subquery cannot be
    /// wrapped so ([`Quirks::correlated_derived`](super::Quirks::correlated_derived)), and
    /// is [`Error::Unsupported`](recto_core::Error::Unsupported).
    DerivedTable,
}

/// How `inner_lateral_join:` and `left_lateral_join:` are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lateral {
    /// `INNER JOIN LATERAL (SELECT ..) AS s1 ON ..` / `LEFT JOIN LATERAL`.
    Native,
    /// The engine has no `LATERAL`. A subquery in the top-N shape
    /// ([`TopN`](recto_planner::TopN)) is joined uncorrelated, its lifted inner sides
    /// selected as `lateral_k0, ..` and its rows numbered per key in its own order,
    /// `row_number() OVER (PARTITION BY .. ORDER BY ..) AS lateral_rn`; the join's `ON`
    /// adds `s1.lateral_k0 = <outer side> AND s1.lateral_rn > <offset> AND s1.lateral_rn <=
    /// <offset> + <limit>`. Any other lateral join is
    /// [`Error::Unsupported`](recto_core::Error::Unsupported).
    TopN,
}

/// How a values list (`values(..)`) is written as a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValuesList {
    /// `(VALUES ($1, $2), ($3, $4)) AS v0 ("p", "q")`.
    Native,
    /// `(SELECT column1 AS "p", column2 AS "q" FROM (VALUES (?, ?), (?, ?))) AS v0`: the
    /// engine has `VALUES` but no column list after its alias, and names its columns
    /// `column1, column2, ..`.
    NumberedColumns,
    /// `(SELECT ? AS p, ? AS q UNION ALL SELECT ?, ?) AS v0`: the engine's `VALUES` takes no
    /// column list, and names its columns after the first row's text (two `?` are one
    /// name twice, which it refuses).
    UnionAll,
}
