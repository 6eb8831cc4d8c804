//! Grouping, as PostgreSQL decides it: in a query with `group_by:`, an aggregate or a
//! `having:`, every column used in `select:`, `having:` and `order_by:` outside an aggregate
//! must sit inside an expression that is grouped, or belong to a binding whose whole primary
//! key is grouped. Aggregates may not nest, and may not appear in `where:`, a join's `on:`
//! or `group_by:`. MariaDB and SQLite would run the rest with an arbitrary row's values.

mod common;

use std::borrow::Cow;

use recto_core::{
    AggFunc, BinOp, Clause, Erased, Expr, JoinKind, Query, Schema, SchemaMeta, Select, Selected,
    Source, Ty, Value,
};
use recto_planner::plan;

use common::*;

/// A schema with a two-column primary key.
struct Membership;

impl Schema for Membership {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("memberships"),
        fields: Cow::Borrowed(&[
            field("user_id", "user_id", Ty::I64),
            field("org_id", "org_id", Ty::I64),
            field("role", "role", Ty::Text),
        ]),
        primary_key: Cow::Borrowed(&[Cow::Borrowed("user_id"), Cow::Borrowed("org_id")]),
    };
}

fn tuple(exprs: Vec<Expr>) -> Select {
    Select::Tuple(exprs.into_iter().map(Selected::Expr).collect())
}

fn text(s: &'static str) -> Expr {
    Expr::Param(Value::Text(s.into()))
}

fn plus_param(expr: Expr) -> Expr {
    Expr::binary(BinOp::Add, expr, Expr::Param(Value::I32(1)))
}

fn accepted<S, R>(query: Query<S, R>) {
    if let Err(e) = plan(query.data()) {
        panic!("rejected: {e}\n{query:?}");
    }
}

/// Asserts that `query` is invalid in `clause` because of the field `field`.
#[track_caller]
fn ungrouped<S, R>(query: Query<S, R>, clause: Clause, field: &str) {
    let reason = invalid_in(&query, clause);
    assert!(
        reason.contains(&format!("field `{field}`")),
        "the reason should name `{field}`: {reason}"
    );
}

// Ungrouped columns.

#[test]
fn a_column_beside_an_aggregate_without_group_by_is_invalid() {
    ungrouped(
        users().select(tuple(vec![f(0, "name"), count()])),
        Clause::Select,
        "name",
    );
}

#[test]
fn an_ungrouped_column_is_invalid_in_select_having_and_order_by() {
    let by_age = || users().group_by(vec![f(0, "age")]);
    ungrouped(
        by_age().select(tuple(vec![f(0, "age"), f(0, "name")])),
        Clause::Select,
        "name",
    );
    ungrouped(
        by_age()
            .select(select_one(f(0, "age")))
            .having(eq(f(0, "name"), text("x"))),
        Clause::Having,
        "name",
    );
    ungrouped(
        by_age()
            .select(select_one(f(0, "age")))
            .order_by(asc(f(0, "email"))),
        Clause::OrderBy,
        "email",
    );
}

#[test]
fn any_aggregate_or_having_makes_the_query_grouped() {
    // `select: u` (implicit) selects every field, none of them grouped.
    ungrouped(users().having(eq(count(), int(1))), Clause::Select, "id");
    ungrouped(
        users()
            .select(select_one(f(0, "name")))
            .order_by(asc(count())),
        Clause::Select,
        "name",
    );
    // A `having:` without aggregates groups the whole table into one group too.
    ungrouped(
        users()
            .select(select_one(f(0, "name")))
            .having(Expr::Lit(Value::Bool(true))),
        Clause::Select,
        "name",
    );
}

#[test]
fn a_column_inside_a_grouped_expression_is_grouped_but_not_the_other_way() {
    let age_plus_one = || plus_param(f(0, "age"));
    // The column alone is not the grouped expression.
    ungrouped(
        users()
            .group_by(vec![age_plus_one()])
            .select(select_one(f(0, "age"))),
        Clause::Select,
        "age",
    );
    // `u.age + ^1` twice, with equal values, is one expression (the writer makes the
    // engines see it so), and anything built on it is grouped.
    accepted(
        users()
            .group_by(vec![age_plus_one()])
            .select(tuple(vec![
                age_plus_one(),
                Expr::binary(BinOp::Mul, age_plus_one(), int(2)),
                count(),
            ]))
            .order_by(asc(age_plus_one())),
    );
    let coalesced = || Expr::Coalesce(vec![f(0, "email"), f(0, "name")]);
    accepted(
        users()
            .group_by(vec![coalesced()])
            .having(eq(coalesced(), text("x")))
            .select(select_one(coalesced())),
    );
}

#[test]
fn grouped_columns_and_aggregates_of_any_column_are_accepted() {
    accepted(
        users()
            .group_by(vec![f(0, "age")])
            .having(Expr::binary(
                BinOp::Gt,
                agg(AggFunc::Max, f(0, "id")),
                int(1),
            ))
            .order_by(asc(agg(AggFunc::Min, f(0, "name"))))
            .order_by(asc(f(0, "age")))
            .select(tuple(vec![
                f(0, "age"),
                count(),
                agg(AggFunc::Sum, f(0, "id")),
                Expr::binary(BinOp::Add, f(0, "age"), agg(AggFunc::Max, f(0, "age"))),
            ])),
    );
    accepted(users().select(tuple(vec![count(), int(1)])));
    // Without grouping nothing is checked.
    accepted(
        users()
            .select(select_one(f(0, "name")))
            .order_by(asc(f(0, "age"))),
    );
}

// Functional dependency on a grouped primary key.

#[test]
fn grouping_by_the_primary_key_groups_every_field_of_its_binding() {
    accepted(
        users()
            .group_by(vec![f(0, "id")])
            .order_by(asc(f(0, "name")))
            .having(Expr::binary(BinOp::Gt, f(0, "age"), int(1))),
    );
    accepted(
        users_orgs()
            .group_by(vec![f(1, "id")])
            .select(tuple(vec![f(1, "name"), count()])),
    );
    // Only the binding whose key is grouped.
    ungrouped(
        users_orgs()
            .group_by(vec![f(1, "id")])
            .select(tuple(vec![f(1, "name"), f(0, "name")])),
        Clause::Select,
        "name",
    );
    // The key must be grouped as itself, not inside an expression.
    ungrouped(
        users()
            .group_by(vec![plus_param(f(0, "id"))])
            .select(select_one(f(0, "name"))),
        Clause::Select,
        "name",
    );
}

#[test]
fn a_composite_key_groups_its_binding_only_when_every_column_is_grouped() {
    let memberships = || Query::<Membership>::from_schema();
    ungrouped(
        memberships()
            .group_by(vec![f(0, "user_id")])
            .select(tuple(vec![f(0, "user_id"), f(0, "role")])),
        Clause::Select,
        "role",
    );
    accepted(
        memberships()
            .group_by(vec![f(0, "org_id"), f(0, "user_id")])
            .select(tuple(vec![f(0, "role"), count()])),
    );
}

#[test]
fn a_schemaless_binding_has_no_known_key() {
    let q = Query::table("users")
        .group_by(vec![f(0, "id")])
        .select(tuple(vec![f(0, "id"), f(0, "name")]));
    ungrouped(q, Clause::Select, "name");
    let q = users()
        .join::<Erased>(
            JoinKind::Inner,
            Source::Table("tags".into()),
            eq(f(1, "user_id"), f(0, "id")),
            None,
        )
        .group_by(vec![f(0, "id")])
        .select(tuple(vec![f(0, "name"), f(1, "label")]));
    ungrouped(q, Clause::Select, "label");
}

// Where aggregates may appear.

#[test]
fn an_aggregate_inside_an_aggregate_is_invalid() {
    let reason = invalid_in(
        &users().select(select_one(agg(AggFunc::Sum, count()))),
        Clause::Select,
    );
    assert!(reason.contains("count()"), "{reason}");
    invalid_in(
        &users()
            .group_by(vec![f(0, "age")])
            .select(select_one(f(0, "age")))
            .order_by(asc(agg(
                AggFunc::Max,
                Expr::binary(BinOp::Add, f(0, "age"), agg(AggFunc::Min, f(0, "id"))),
            ))),
        Clause::OrderBy,
    );
}

#[test]
fn an_aggregate_in_where_join_or_group_by_is_invalid() {
    let reason = invalid_in(
        &users().filter(Expr::binary(BinOp::Gt, count(), int(1))),
        Clause::Where,
    );
    assert!(
        reason.contains("count()") && reason.contains("having"),
        "{reason}"
    );
    invalid_in(
        &users().join::<Org>(
            JoinKind::Inner,
            Source::schema::<Org>(),
            eq(f(1, "id"), agg(AggFunc::Max, f(0, "org_id"))),
            None,
        ),
        Clause::Join,
    );
    invalid_in(
        &users()
            .group_by(vec![agg(AggFunc::Max, f(0, "age"))])
            .select(select_one(count())),
        Clause::GroupBy,
    );
    // A field named through the root's `as:` name is the column named by position.
    accepted(
        users()
            .named_root("u")
            .group_by(vec![named("u", "age")])
            .select(tuple(vec![f(0, "age"), count()])),
    );
}
