//! Queries inside queries: subqueries in expressions (`exists`, `in subquery`, a scalar
//! `subquery`, `any`, `all`), subquery sources and `parent_as`, as the SQL of every form in
//! every dialect (each snapshot a reviewed claim), and the typed errors of their misuse.
//! Rows on the engines are `tests/subqueries_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{Clause, Error, Limit, MAX_NESTING, MySql, Postgres, Query, Sqlite, ToSql};

use common::{Org, Post, User, error_of, render};

#[derive(Debug, PartialEq, recto::Row)]
struct PostCount {
    user_id: i64,
    n: i64,
}

#[test]
fn exists_and_not_exists_correlate_through_parent_as() {
    let min = 10_i64;
    let q = from!(u in User, as: user,
        where: exists(from!(p in Post, where: p.user_id == parent_as(user).id && p.views > ^min)),
        select: u.id);
    insta::assert_snapshot!("exists", render(&q));
    let q = from!(u in User, as: user,
        where: !exists(from!(p in Post, where: p.user_id == parent_as(user).id)),
        select: u.id);
    insta::assert_snapshot!("not_exists", render(&q));
}

#[test]
fn in_a_subquery_and_its_limit() {
    let authors = from!(p in Post, select: p.user_id);
    let q = from!(u in User, where: !(u.id in subquery(&authors)), select: u.id);
    insta::assert_snapshot!("not_in", render(&q));
    // MariaDB refuses LIMIT inside IN: the subquery goes in a derived table there.
    let first = from!(p in Post, order_by: p.id, limit: ^2, select: p.user_id);
    let q = from!(u in User, where: u.id in subquery(first), select: u.id);
    insta::assert_snapshot!("in_with_limit", render(&q));
}

#[test]
fn a_correlated_limit_inside_in_is_unsupported_on_mysql_only() {
    let q = from!(u in User, as: user,
        where: u.id in subquery(from!(p in Post, where: p.title == parent_as(user).name, limit: 1, select: p.user_id)),
        select: u.id);
    assert!(q.to_sql(Postgres).is_ok() && q.to_sql(Sqlite).is_ok());
    assert!(
        matches!(
            q.to_sql(MySql),
            Err(Error::Unsupported {
                dialect: "MySQL",
                ..
            })
        ),
        "{:?}",
        q.to_sql(MySql)
    );
}

#[test]
fn scalar_subqueries_and_the_guard_against_two_rows() {
    // Correlated, in the select: SQLite guards against a second row.
    let q = from!(u in User, as: user,
        select: (u.id, subquery(from!(p in Post, where: p.user_id == parent_as(user).id, select: p.title))));
    insta::assert_snapshot!("scalar_in_select", render(&q));
    // An aggregate without `group_by:` is one row: no guard.
    let q = from!(p in Post, as: post,
        where: p.score < subquery(from!(o in Post, where: o.user_id == parent_as(post).user_id, select: avg(o.score))),
        select: p.id);
    insta::assert_snapshot!("scalar_aggregate_in_where", render(&q));
}

#[test]
fn any_and_all_are_native_or_one_aggregate_pass() {
    let ages = from!(u in User, where: u.org_id == ^2, select: u.age);
    let q = from!(u in User, where: u.age > all(&ages), select: u.id);
    insta::assert_snapshot!("greater_than_all", render(&q));
    let q = from!(u in User, where: u.age <= any(&ages), select: u.id);
    insta::assert_snapshot!("at_most_any", render(&q));
    let q = from!(u in User, where: u.age == all(&ages), select: u.id);
    insta::assert_snapshot!("equal_to_all", render(&q));
    // `= any` is IN and `!= all` NOT IN on every engine that lacks ANY/ALL.
    let q = from!(u in User, where: u.age == any(&ages) || u.age != all(&ages), select: u.id);
    insta::assert_snapshot!("equal_any_different_all", render(&q));
}

#[test]
fn subquery_sources_name_their_columns() {
    let counts =
        from!(p in Post, group_by: p.user_id, select: PostCount { user_id: p.user_id, n: count() });
    let q = from!(c in subquery(&counts), group_by: c.n, select: (c.n, count()));
    insta::assert_snapshot!("aggregate_of_aggregate", render(&q));
    let min = 1_i64;
    let q = from!(u in User, join: c in subquery(&counts), on: c.user_id == u.id && c.n > ^min,
        where: u.age > ^18, select: (u.name, c.n));
    insta::assert_snapshot!("join_a_subquery", render(&q));
    // A renamed column is selected under its field's name.
    let bodies = from!(p in Post, select: p.body);
    let q = from!(b in subquery(bodies), where: !is_nil(b.body), select: b.body);
    insta::assert_snapshot!("renamed_column", render(&q));
}

/// A subquery source's columns are typed by rustc where its row type knows them: the
/// fields of a `#[derive(Row)]` struct it selects, or of its schema when it selects
/// nothing; any other subquery's columns are typed when the query is planned.
#[test]
fn subquery_columns_are_typed_where_the_row_type_knows_them() {
    let counts =
        from!(p in Post, group_by: p.user_id, select: PostCount { user_id: p.user_id, n: count() });
    let q: Query<recto::Erased, i64> = from!(c in subquery(&counts), select: c.n);
    assert!(q.to_sql(Postgres).is_ok());
    // Left-joined, the column may be NULL.
    let q: Query<_, (String, Option<i64>)> = from!(u in User,
        left_join: c in subquery(&counts), on: c.user_id == u.id, select: (u.name, c.n));
    assert!(q.to_sql(Postgres).is_ok());
    // Without `select:`, the schema's fields.
    let adults = from!(u in User, where: u.age >= 18);
    let q: Query<_, Option<String>> = from!(a in subquery(adults), select: a.email);
    assert!(q.to_sql(Postgres).is_ok());
    // A tuple's columns are named when the query is planned: untyped until then.
    let pairs = from!(p in Post, select: (p.id, p.user_id));
    let q: Query<_, recto::value::Any> = from!(s in subquery(pairs), select: s.user_id);
    assert!(q.to_sql(Postgres).is_ok());
}

/// The key the derives give a field and the one `recto::columns::column_key` computes are
/// the same: this compiles only if they agree, raw identifiers included.
#[test]
fn the_macros_and_the_library_key_column_names_alike() {
    use recto::columns::{ColumnOf, Known, column_key};
    #[derive(recto::Row)]
    #[allow(dead_code)]
    struct Keyed {
        r#type: String,
        total: i64,
    }
    fn typed<
        C: ColumnOf<{ column_key("type") }, Ty = String> + ColumnOf<{ column_key("total") }, Ty = i64>,
    >() {
    }
    typed::<Known<Keyed>>();
}

#[test]
fn three_levels_with_parameters_in_placeholder_order() {
    let q = from!(o in Org, as: org,
        where: o.active == ^true && exists(from!(u in User, as: user,
            where: u.age >= ^18 && u.org_id == parent_as(org).id
                && exists(from!(p in Post,
                    where: p.views < ^100_i64 && p.user_id == parent_as(user).id && p.score > ^2.5)))),
        select: (o.id, subquery(from!(u in User, where: u.org_id == parent_as(org).id && u.age > ^21, select: count()))));
    let sql = q.to_sql(Postgres).unwrap();
    // The select list's subquery is printed first, then the where clause's levels in
    // order; PostgreSQL numbers placeholders as it meets them.
    assert_eq!(
        sql.params,
        [
            recto::Value::I32(21),
            recto::Value::Bool(true),
            recto::Value::I32(18),
            recto::Value::I64(100),
            recto::Value::F64(2.5)
        ]
    );
    insta::assert_snapshot!("three_levels", render(&q));
}

#[test]
fn misuse_is_a_typed_error_naming_the_clause() {
    // `parent_as` naming no binding of an enclosing query.
    let q = from!(u in User, where: exists(from!(p in Post, where: p.user_id == parent_as(nobody).id)), select: u.id);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Where, ref reason, .. } if reason.contains("parent_as(nobody)")),
        "{:?}",
        error_of(&q)
    );
    // A subquery source does not see its own query's bindings (that is a lateral join).
    let q = from!(u in User, as: user,
        join: p in subquery(from!(p in Post, where: p.user_id == parent_as(user).id, select: p.user_id)),
        on: p.user_id == u.id, select: u.id);
    assert!(
        matches!(
            error_of(&q),
            Error::InvalidClause {
                clause: Clause::Where,
                ..
            }
        ),
        "{:?}",
        error_of(&q)
    );
    // A subquery used as a value selects one column.
    let two = from!(p in Post, select: (p.id, p.user_id)).any_rows();
    let q = from!(u in User, where: u.id in subquery(&two), select: u.id);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Where, ref reason, .. } if reason.contains("selects 2")),
        "{:?}",
        error_of(&q)
    );
    // A derived table's column read by a name it does not have: `c.total` does not
    // compile (tests/ui/rows/subquery_unknown_column.rs); by name, the planner refuses it.
    let counts =
        from!(p in Post, group_by: p.user_id, select: PostCount { user_id: p.user_id, n: count() });
    let q = from!(c in subquery(&counts), select: c["total"]);
    assert!(
        matches!(error_of(&q), Error::UnknownField { ref field, ref table, .. } if field == "total" && table.contains("`user_id`, `n`")),
        "{:?}",
        error_of(&q)
    );
    // A grouped query's subquery may read its grouped columns only.
    let q = from!(u in User, as: user, group_by: u.org_id,
        select: (u.org_id, subquery(from!(p in Post, where: p.user_id == parent_as(user).id, select: count()))));
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Select, ref reason, .. } if reason.contains("`id` of `users`")),
        "{:?}",
        error_of(&q)
    );
    let q = from!(u in User, as: user, group_by: u.org_id,
        select: (u.org_id, subquery(from!(v in User, where: v.org_id == parent_as(user).org_id, select: count()))));
    assert!(q.to_sql(Postgres).is_ok());
    // Two columns of one name in a derived table.
    let pairs = from!(u in User, join: p in Post, on: p.user_id == u.id, select: (u.id, p.id));
    let q = from!(s in subquery(pairs), select: s.id);
    assert!(
        matches!(
            error_of(&q),
            Error::InvalidClause {
                clause: Clause::From,
                ..
            }
        ),
        "{:?}",
        error_of(&q)
    );
}

#[test]
fn nesting_past_the_limit_is_a_typed_error() {
    let mut q: Query<User, i64> = from!(u in User, select: u.id);
    for _ in 0..=MAX_NESTING {
        q = from!(u in User, where: u.id in subquery(&q), select: u.id);
    }
    assert!(
        matches!(
            error_of(&q),
            Error::LimitExceeded {
                limit: Limit::Nesting,
                max: MAX_NESTING
            }
        ),
        "{:?}",
        error_of(&q)
    );
}

#[test]
fn a_dynamic_condition_holds_exists_and_parent_as() {
    let min = 10_i64;
    let busy = dynamic!([p], p.user_id == parent_as(user).id && p.views > ^min);
    let d = dynamic!([u], u.age >= 18 && exists(from!(p in Post, where: ^busy)));
    let q = from!(u in User, as: user, where: ^d, select: u.id);
    let expected = from!(u in User, as: user,
        where: u.age >= 18 && exists(from!(p in Post, where: p.user_id == parent_as(user).id && p.views > ^min)),
        select: u.id);
    assert_eq!(render(&q), render(&expected));
}
