//! Lateral joins (`inner_lateral_join:`, `left_lateral_join:`): the SQL of each in every
//! dialect (each snapshot a reviewed claim) — `LATERAL` on PostgreSQL, the top-N rewrite of
//! `docs/nesting.md` on MariaDB and SQLite — and the typed errors of every other shape there.
//! Rows on the engines are `tests/joins_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{Clause, Error, JoinKind, MySql, Postgres, Query, Sqlite, ToSql};

use common::{Post, User, error_of, render};

/// The two best-scored posts of a user (`parent_as(user)`), ties broken by id.
fn best_two(min_views: i64) -> Query {
    from!(p in Post,
        where: p.user_id == parent_as(user).id && p.views >= ^min_views,
        order_by: [desc: p.score, asc: p.id],
        limit: 2,
        select: Best { id: p.id, title: p.title })
    .erase()
}

#[derive(Debug, PartialEq, recto::Row)]
struct Best {
    id: i64,
    title: String,
}

#[test]
fn from_records_the_lateral_kinds() {
    let q = from!(u in User, as: user,
        inner_lateral_join: b in subquery(best_two(1)), on: true,
        left_lateral_join: c in subquery(best_two(2)), on: c.id > 0,
        select: (u.id, b.id, c.id));
    let kinds: Vec<JoinKind> = q.data().joins.iter().map(|join| join.kind).collect();
    assert_eq!(kinds, [JoinKind::InnerLateral, JoinKind::LeftLateral]);
}

#[test]
fn top_two_per_user_is_lateral_or_numbered_rows() {
    let min = 5_i64;
    let q = from!(u in User, as: user, where: u.age > ^18,
        inner_lateral_join: b in subquery(best_two(min)), on: true,
        order_by: [asc: u.id, asc: b.id],
        select: (u.id, b.title));
    insta::assert_snapshot!("lateral_inner_top_two", render(&q));
    let q = from!(u in User, as: user,
        left_lateral_join: b in subquery(best_two(min)), on: b.id != ^0_i64,
        select: (u.id, b.id));
    insta::assert_snapshot!("lateral_left_top_two", render(&q));
}

#[test]
fn offset_and_limit_parameters_bound_in_order() {
    let (offset, limit) = (1_i64, 2_i64);
    let second = from!(p in Post, where: parent_as(user).id == p.user_id,
        order_by: [desc: p.views, asc: p.id], limit: ^limit, offset: ^offset,
        select: p.id);
    let q = from!(u in User, as: user, left_lateral_join: s in subquery(second), on: true,
        where: u.name != ^"x", select: (u.id, s.id));
    insta::assert_snapshot!("lateral_offset_limit_params", render(&q));
    // Without `limit:`, every row of the key: no numbering at all.
    let all = from!(p in Post, where: p.user_id == parent_as(user).id, select: p.id);
    let q = from!(u in User, as: user, inner_lateral_join: s in subquery(all), on: true,
        select: (u.id, s.id));
    insta::assert_snapshot!("lateral_unlimited", render(&q));
}

fn unsupported_off_postgres<S, R>(q: &Query<S, R>) {
    q.to_sql(Postgres)
        .unwrap_or_else(|e| panic!("postgres: {e}"));
    for (name, sql) in [("MySQL", q.to_sql(MySql)), ("SQLite", q.to_sql(Sqlite))] {
        match sql {
            Err(Error::Unsupported {
                feature: "lateral join",
                dialect,
            }) => assert_eq!(dialect, name),
            other => panic!("{name}: expected Unsupported, got {other:?}"),
        }
    }
}

#[test]
fn other_shapes_are_unsupported_without_lateral() {
    // An `||` in the correlation.
    let or = from!(p in Post, where: p.user_id == parent_as(user).id || p.views == 0,
        limit: 1, select: p.id);
    unsupported_off_postgres(&from!(u in User, as: user,
        inner_lateral_join: s in subquery(or), on: true, select: s.id));
    // An aggregate: a lateral `count()` is 0 for a user without posts, the join NULL.
    let count =
        from!(p in Post, where: p.user_id == parent_as(user).id, select: Row1 { n: count() });
    unsupported_off_postgres(&from!(u in User, as: user,
        left_lateral_join: s in subquery(count), on: true, select: s.n));
    // A correlation outside `where:`.
    let selected = from!(p in Post, where: p.user_id == parent_as(user).id,
        select: Row2 { id: p.id, age: parent_as(user).age });
    unsupported_off_postgres(&from!(u in User, as: user,
        inner_lateral_join: s in subquery(selected), on: true, select: s.age));
    // A correlated sort.
    let sorted = from!(p in Post, where: p.user_id == parent_as(user).id,
        order_by: p.views - parent_as(user).age, limit: 1, select: p.id);
    unsupported_off_postgres(&from!(u in User, as: user,
        inner_lateral_join: s in subquery(sorted), on: true, select: s.id));
}

#[derive(Debug, PartialEq, recto::Row)]
struct Row1 {
    n: i64,
}

#[derive(Debug, PartialEq, recto::Row)]
struct Row2 {
    id: i64,
    age: i32,
}

#[test]
fn a_plain_subquery_source_does_not_see_the_bindings_before_it() {
    let q = from!(u in User, as: user, join: s in subquery(best_two(1)), on: true,
        select: s.id);
    match error_of(&q) {
        Error::InvalidClause { reason, .. } => {
            assert!(reason.contains("parent_as(user)"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_lateral_join_of_a_table_is_a_plan_error() {
    let q = Query::<User>::from_schema().join::<recto::Erased>(
        JoinKind::InnerLateral,
        recto::Source::Table("posts".into()),
        recto::Join::CROSS_ON,
        None,
    );
    match error_of(&q) {
        Error::InvalidClause {
            clause: Clause::Join,
            reason,
            ..
        } => assert!(reason.contains("subquery"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_limited_sort_over_one_schema_is_made_total_by_its_primary_key() {
    let best = from!(p in Post, where: p.user_id == parent_as(user).id,
        order_by: [desc: p.score], limit: 1, select: p.title);
    let q = from!(u in User, as: user, left_lateral_join: b in subquery(best), on: true,
        select: (u.id, b.title));
    insta::assert_snapshot!("lateral_total_order", render(&q));
}
