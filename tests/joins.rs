//! Right, full and cross joins (`right_join:`, `full_join:`, `cross_join:`): the clause data
//! `from!` records, the untrusted
//! catalog's acceptance of each kind, the planner's typed errors, and the SQL of each kind in
//! every dialect (each snapshot a reviewed claim), MariaDB's `UNION ALL` form of a full join
//! and its typed refusals included. Rows on the engines, and the row types of the bindings a
//! join can leave NULL, are `tests/joins_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{
    Catalog, Clause, Erased, Error, Expr, Join, JoinKind, Limits, MySql, Postgres, Query, Source,
    Sqlite, ToSql, Value,
};

use common::{Org, User, error_of, render};

fn kinds<S, R>(query: &Query<S, R>) -> Vec<JoinKind> {
    query.data().joins.iter().map(|join| join.kind).collect()
}

#[test]
fn from_records_each_kind_and_a_cross_join_without_a_condition() {
    let q = from!(u in User,
        right_join: o in Org, on: o.id == u.org_id,
        full_join: p in "posts", on: p["user_id"] == u.id,
        cross_join: t in "tags", as: tags);
    assert_eq!(
        kinds(&q),
        [JoinKind::Right, JoinKind::Full, JoinKind::Cross]
    );
    let cross = &q.data().joins[2];
    assert_eq!(cross.on, Join::CROSS_ON);
    assert_eq!(cross.name.as_deref(), Some("tags"));
}

#[test]
fn the_catalog_admits_each_kind() {
    let catalog = Catalog::new().with::<User>().with::<Org>();
    for kind in [JoinKind::Right, JoinKind::Full, JoinKind::Cross] {
        let on = match kind {
            JoinKind::Cross => Join::CROSS_ON,
            _ => Expr::binary(
                recto::BinOp::Eq,
                Expr::field(recto::BindingRef::Index(1), "id"),
                Expr::field(recto::BindingRef::Index(0), "org_id"),
            ),
        };
        let q = Query::table("users").join::<Erased>(kind, Source::Table("orgs".into()), on, None);
        let json = serde_json::to_string(q.data()).expect("serialize");
        let admitted = catalog
            .query_from_json(&json, &Limits::default())
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(admitted.data().joins[0].kind, kind);
        assert!(admitted.to_sql(Postgres).is_ok(), "{kind:?}");
    }
}

#[test]
fn a_cross_join_with_a_condition_is_a_plan_error() {
    let on = Expr::binary(
        recto::BinOp::Eq,
        Expr::field(recto::BindingRef::Index(1), "id"),
        Expr::Lit(Value::I64(1)),
    );
    let q = Query::table("users").join::<Erased>(
        JoinKind::Cross,
        Source::Table("orgs".into()),
        on,
        None,
    );
    match error_of(&q) {
        Error::InvalidClause {
            clause: Clause::Join,
            reason,
            ..
        } => assert!(reason.contains("takes no `on:`"), "{reason}"),
        other => panic!("expected InvalidClause, got {other:?}"),
    }
}

#[test]
fn right_join_renders_in_every_dialect() {
    let q = from!(u in User, right_join: o in Org, on: o.id == u.org_id && o.active == ^true,
                  select: (u.name, o.name));
    insta::assert_snapshot!("right_join", render(&q));
}

#[test]
fn cross_join_renders_without_a_condition() {
    let q = from!(u in User, cross_join: o in Org, where: u.age > ^30, select: (u.id, o.id));
    insta::assert_snapshot!("cross_join", render(&q));
}

#[test]
fn full_join_is_native_or_a_union_of_the_left_join_and_the_unmatched_rows() {
    // The ON's parameter is bound twice on MariaDB, the WHERE's once per branch.
    let q = from!(u in User, full_join: o in Org, on: o.id == u.org_id && o.active == ^true,
                  where: u.age > ^30 || is_nil(u.age),
                  select: (u.name, o.name));
    insta::assert_snapshot!("full_join", render(&q));
    // Joins before and after it: the earlier bindings are NULL in the second branch, the
    // later joins distribute over the union.
    let q = from!(u in User, join: o in Org, on: o.id == u.org_id,
                  full_join: p in common::Post, on: p.user_id == u.id && p.views > ^10,
                  left_join: t in "tags", on: t["user_id"] == p.user_id,
                  cross_join: x in "tags",
                  select: (u.name, o.name, p.title, t["label"], x["label"]));
    insta::assert_snapshot!("full_join_in_a_chain", render(&q));
}

#[test]
fn full_join_without_an_equality_between_its_sides_is_split_on_postgres_too() {
    // PostgreSQL plans a full join only on a condition it can merge or hash.
    let q = from!(u in User, full_join: o in Org, on: o.id < u.org_id, select: (u.id, o.id));
    insta::assert_snapshot!("full_join_on_an_inequality", render(&q));
    // An equality of one side with a constant, or under `||`, is no such condition; an
    // equality beside other terms is, and so is a constant condition.
    let q = from!(u in User, full_join: o in Org, on: o.id == 1 && o.active || u.id == o.id,
                  select: (u.id, o.id));
    insta::assert_snapshot!("full_join_on_a_disjunction", render(&q));
    let q = from!(u in User, full_join: o in Org, on: u.age > 3 && u.org_id + 0 == o.id * 1,
                  select: (u.id, o.id));
    assert!(
        q.to_sql(Postgres)
            .is_ok_and(|sql| sql.text.contains("FULL JOIN"))
    );
    let q = from!(u in User, full_join: o in Org, on: true, select: (u.id, o.id));
    assert!(
        q.to_sql(Postgres)
            .is_ok_and(|sql| sql.text.contains("FULL JOIN"))
    );
    // Sorted, it is read through a derived table as on MariaDB.
    let q = from!(u in User, full_join: o in Org, on: o.id < u.org_id, order_by: u.id,
                  select: (u.id, o.id));
    let pg = q.to_sql(Postgres);
    assert!(
        pg.as_ref()
            .is_ok_and(|sql| sql.text.contains(") AS f0 ORDER BY f0.c")),
        "{pg:?}"
    );
}

/// Asserts that `q` renders on PostgreSQL and SQLite and is `Error::Unsupported` on MySQL.
fn unsupported<S, R>(q: &Query<S, R>) {
    match q.to_sql(MySql) {
        Err(Error::Unsupported { feature, dialect }) => {
            assert_eq!(dialect, "MySQL");
            assert!(feature.contains("full join"), "{feature}");
            assert!(q.to_sql(Postgres).is_ok() && q.to_sql(Sqlite).is_ok());
        }
        other => panic!("expected Unsupported on MySQL, got {other:?}"),
    }
}

#[test]
fn full_join_in_any_other_query_is_read_through_a_derived_table_on_mariadb() {
    let full = || from!(u in User, full_join: o in Org, on: o.id == u.org_id);
    let q = from!([u, o] in full(), where: o.active, order_by: u.id, limit: ^3,
                  select: (u.id, o.id, o.name));
    insta::assert_snapshot!("full_join_sorted", render(&q));
    let q = from!([u, o] in full(), group_by: o.name, having: count() > 1,
                  select: (o.name, count()));
    insta::assert_snapshot!("full_join_grouped", render(&q));
    let q = from!([u, o] in full(), distinct: true, order_by: o.name, offset: 1, select: o.name);
    insta::assert_snapshot!("full_join_distinct_skipped", render(&q));
    insta::assert_snapshot!(
        "full_join_counted",
        render(&from!(u in full(), select: count()))
    );
    // A right join after it reads the derived table's columns in its `on:`.
    let q = from!([u, o] in full(), right_join: p in common::Post, on: p.user_id == u.id,
                  select: (u.id, o.id, p.id));
    insta::assert_snapshot!("full_join_then_right_join", render(&q));
    // Both operands of a set operation, each with its own derived table.
    let ids = from!(u in full(), select: u.id);
    let q = from!(u in full(), select: u.id, union: &ids);
    insta::assert_snapshot!("full_join_in_a_union", render(&q));
}

#[test]
fn full_joins_no_derived_table_can_hold_are_unsupported() {
    // A second full join that must be split too.
    let q = from!(u in User, full_join: o in Org, on: o.id == u.org_id,
                  full_join: p in common::Post, on: p.user_id == u.id, select: u.id);
    unsupported(&q);
    // PostgreSQL groups a derived table's columns without the primary keys the planner
    // lets stand for a binding's other columns.
    let q = from!(u in User, full_join: o in Org, on: o.id < u.org_id, group_by: u.id,
                  select: (u.id, u.name, count()));
    let pg = q.to_sql(Postgres);
    assert!(matches!(pg, Err(Error::Unsupported { .. })), "{pg:?}");
    assert!(q.to_sql(MySql).is_ok() && q.to_sql(Sqlite).is_ok());
}
