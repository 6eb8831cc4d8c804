//! The [`Quirks`](super::Quirks) that choose the shape of a whole statement rather than the
//! spelling of one expression: how `HAVING` sees grouped values, how a query without
//! `GROUP BY` is one group, and where `DISTINCT` goes.

/// How a `having:` condition refers to a `group_by:` expression, and to a column outside
/// any aggregate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HavingGrouped {
    /// As written: the engine matches grouped expressions in `HAVING`.
    Native,
    /// `min(expr)`: the engine resolves a column inside `HAVING` only against the select
    /// list and plain grouped columns. Every row of a group has the same value of a
    /// grouped expression (and of a column grouped or determined by a grouped key, the only
    /// ones a grouped `HAVING` may name), so its `min` over the group is that value, NULL
    /// for the NULL group.
    MinOverGroup,
}

/// How `having:` is written in a query with no `group_by:` and no aggregate, which
/// PostgreSQL evaluates once, over the whole table as one group (one row or none, even
/// from an empty table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HavingAlone {
    /// `HAVING cond`.
    Native,
    /// `SELECT ... FROM (SELECT count(*) FROM ... WHERE ...) AS grp WHERE cond`: the derived
    /// table is exactly one row, the one group, and the condition filters it. The engine
    /// rejects a `HAVING` on a query that is not an aggregate, or filters each row with it.
    OneRowTable,
}

/// How a query with no `group_by:` is written when it has aggregates, but none in its
/// select list: PostgreSQL and MySQL make it one group (one row, or none after `having:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImplicitGroup {
    /// As written: an aggregate in `HAVING` or `ORDER BY` makes the query one group.
    Native,
    /// `SELECT ... FROM (SELECT cond AS h FROM ... WHERE ...) AS grp WHERE grp.h`, or, with no
    /// `having:`, `(SELECT count(*) AS h ...) AS grp` and no `WHERE`; `ORDER BY` is left out,
    /// since one group is one row. The engine makes a query an aggregate only when its
    /// select list aggregates, and rejects the `HAVING` or the aggregate in `ORDER BY`
    /// otherwise; the derived table selects the aggregates, so it is exactly the one group.
    /// The select list has no column outside an aggregate (the planner checks grouping), so
    /// it needs nothing from the table.
    OneRowTable,
    /// As written, except in a subquery whose only aggregates are in `order_by:`: there the
    /// `ORDER BY` is left out (one group is one row) and `HAVING count(*) >= 0` keeps the
    /// query one group. The engine drops the `ORDER BY` of an `EXISTS` or `IN` subquery, an
    /// aggregate inside an expression there with it, and answers as if the query were not
    /// aggregated: no row where there is no row to group, rather than the one group.
    HavingInSubqueries,
}

/// How `distinct: true` is written when the query also has `order_by:`, `offset:` or
/// `group_by:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DistinctSorted {
    /// `SELECT DISTINCT ... ORDER BY ... OFFSET ...`.
    Native,
    /// Without `group_by:`, `SELECT sq0.c0, ... FROM (SELECT DISTINCT ... AS c0, ...) AS sq0
    /// ORDER BY sq0.c0 ... OFFSET ...`: sorting and skipping happen outside the `DISTINCT`,
    /// on the derived table's columns. With `group_by:`, `SELECT DISTINCT sq0.c0, ... FROM
    /// (SELECT ... AS c0, ... GROUP BY ...) AS sq0 ORDER BY ...`: the `DISTINCT` itself is
    /// outside, over the groups' rows. The engine's optimizer loses rows when it sorts a
    /// grouped `DISTINCT` by an expression over an aggregate, keeps duplicates of a grouped
    /// `DISTINCT` (an `avg` equal in two groups, sorted or not), and ignores `OFFSET` when
    /// every selected column is a constant.
    DerivedTable,
}

/// How `full_join:` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FullJoin {
    /// `FULL JOIN ... ON ...`.
    Native,
    /// `FULL JOIN ... ON ...` where the condition is a constant or one of its top-level
    /// `AND` terms is an equality between an expression of the joined binding alone and one
    /// of the bindings before it alone; otherwise as [`FullJoin::UnionAll`]. The engine
    /// plans a full join only as a merge or hash join, and fails on a condition with no such
    /// equality ("FULL JOIN is only supported with merge-joinable or hash-joinable join
    /// conditions").
    MergeOrHash,
    /// The engine has no `FULL JOIN` (and may read `a full join b` as an alias named `full`):
    /// the query with the full join written as a left join, `UNION ALL` the rows of the
    /// joined table that match no row of the bindings before it, which are NULL there
    /// (`docs/nesting.md`):
    ///
    /// ```sql
    /// SELECT .. FROM a AS a0 LEFT JOIN b AS b1 ON (c) WHERE w
    /// UNION ALL
    /// SELECT .. FROM b AS b1 LEFT JOIN a AS a0 ON (1 = 0)
    /// WHERE NOT EXISTS (SELECT 1 FROM a AS a0 WHERE (c)) AND (w)
    /// ```
    ///
    /// Duplicates are kept, as the full join keeps them; the `ON` condition is printed twice,
    /// its parameters bound twice. The second branch reads the earlier bindings through
    /// `LEFT JOIN .. ON (1 = 0)`, so every expression of the query prints the same in both
    /// branches, and the `NOT EXISTS` subquery's bindings (the same aliases) hide those.
    /// A query that is not rows of its join chain (grouped, sorted, counted, ...) reads the
    /// union as a derived table `f0` of the columns it uses; a second full join in one query
    /// is [`Error::Unsupported`](recto_core::Error::Unsupported).
    UnionAll,
}
