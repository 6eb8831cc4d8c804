//! Empty identifiers: a table, column, field, alias or binding name `""` would print as
//! `""`, which no engine accepts, so each is a typed error from `plan`, naming the clause.

mod common;

use std::borrow::Cow;

use recto_core::{
    BindingRef, Clause, Erased, Expr, FieldMeta, JoinKind, Query, SchemaMeta, Select, Selected,
    Source, Ty,
};
use recto_planner::plan;

use common::*;

/// A schema whose metadata (as a hand-written or deserialized one may) names nothing.
fn schema(table: &'static str, field_name: &'static str, column: &'static str) -> SchemaMeta {
    SchemaMeta {
        table: Cow::Borrowed(table),
        fields: vec![
            field("id", "id", Ty::I64),
            FieldMeta {
                name: Cow::Borrowed(field_name),
                column: Cow::Borrowed(column),
                ty: Ty::Text,
                nullable: true,
                max_length: None,
                decimal: None,
            },
        ]
        .into(),
        primary_key: vec![Cow::Borrowed("id")].into(),
    }
}

fn from_meta(meta: SchemaMeta) -> Query {
    Query::new(recto_core::From {
        source: Source::Schema(meta),
        name: None,
        at: recto_core::Location::caller(),
    })
}

#[track_caller]
fn empty_name<S, R>(query: &Query<S, R>, clause: Clause) {
    let reason = invalid_in(query, clause);
    assert!(reason.contains("empty"), "{reason}");
}

#[test]
fn an_empty_table_name_is_invalid() {
    empty_name(
        &Query::table("").select(select_one(f(0, "id"))),
        Clause::From,
    );
    let q = users().join::<Erased>(
        JoinKind::Inner,
        Source::Table("".into()),
        Expr::Lit(recto_core::Value::Bool(true)),
        None,
    );
    empty_name(&q, Clause::Join);
}

#[test]
fn an_empty_schemaless_field_is_invalid_in_its_clause() {
    let empty = || Expr::field(BindingRef::Index(0), "");
    let t = || Query::table("t");
    empty_name(&t().select(select_one(empty())), Clause::Select);
    empty_name(
        &t().filter(is_nil(empty())).select(select_one(f(0, "id"))),
        Clause::Where,
    );
    empty_name(
        &t().order_by(asc(empty())).select(select_one(f(0, "id"))),
        Clause::OrderBy,
    );
}

#[test]
fn an_empty_field_of_a_schema_is_unknown() {
    let e = plan(users().select(select_one(f(0, ""))).data()).unwrap_err();
    assert!(
        matches!(&e, recto_core::Error::UnknownField { field, clause: Clause::Select, .. } if field.is_empty()),
        "{e:?}"
    );
}

#[test]
fn an_empty_select_alias_is_invalid() {
    let q = users().select(Select::Struct(vec![
        ("id".into(), Selected::Expr(f(0, "id"))),
        ("".into(), Selected::Expr(f(0, "name"))),
    ]));
    empty_name(&q, Clause::Select);
}

#[test]
fn an_empty_binding_name_is_invalid() {
    empty_name(&users().named_root(""), Clause::From);
    let q = users().join::<Org>(
        JoinKind::Inner,
        Source::schema::<Org>(),
        eq(f(1, "id"), f(0, "org_id")),
        Some("".into()),
    );
    empty_name(&q, Clause::Join);
}

#[test]
fn schema_metadata_with_an_empty_table_column_or_field_is_invalid() {
    empty_name(&from_meta(schema("", "name", "name")), Clause::From);
    empty_name(&from_meta(schema("users", "name", "")), Clause::From);
    empty_name(&from_meta(schema("users", "", "name")), Clause::From);
    // Even when the query never uses that column, `select: u` would print it.
    let q = users().join::<Erased>(
        JoinKind::Inner,
        Source::Schema(schema("orgs", "name", "")),
        eq(f(1, "id"), f(0, "org_id")),
        None,
    );
    empty_name(&q, Clause::Join);
}

#[test]
fn a_well_formed_schema_built_at_run_time_plans() {
    assert!(plan(from_meta(schema("users", "name", "full_name")).data()).is_ok());
}
