//! Mistakes the compiler cannot see — a field of a named or schemaless binding, a binding
//! name or position a composed query does not have — are typed, matchable errors that name
//! the clause and the line of the user's `from!`, on every dialect, before any SQL exists.

mod common;

use recto::prelude::*;
use recto::{Clause, Error, Query};

use common::{Org, User};

fn with_org() -> Query<(User, Org)> {
    from!(u in User, join: o in Org, on: o.id == u.org_id, as: org)
}

/// The error of `query` on every dialect; they must agree.
fn error_of<S>(query: &Query<S>) -> Error {
    let errors = [
        query.to_sql(Postgres),
        query.to_sql(MySql),
        query.to_sql(Sqlite),
    ]
    .map(|sql| match sql {
        Ok(sql) => panic!("expected an error, got SQL: {}", sql.text),
        Err(e) => e,
    });
    let [first, rest @ ..] = errors;
    for other in rest {
        assert_eq!(other.to_string(), first.to_string());
    }
    first
}

#[test]
fn an_unknown_field_of_a_named_binding_names_the_clause_and_line() {
    let line = line!() + 1;
    let q = from!([org: o] in with_org(), where: o.activ);
    match error_of(&q) {
        Error::UnknownField {
            clause: Clause::Where,
            field,
            table,
            at,
        } => {
            assert_eq!((field.as_str(), table.as_str()), ("activ", "orgs"));
            assert_eq!((at.file.as_ref(), at.line), (file!(), line));
        }
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn an_unknown_field_of_a_schemaless_binding_is_the_column_the_engine_looks_for() {
    // A schemaless binding has no field list to check against: the name is the column.
    let q = from!(u in "users", where: u["agee"] > 1, select: u["id"]);
    let sql = q
        .to_sql(Postgres)
        .expect("schemaless fields are not checked");
    assert_eq!(
        sql.text,
        r#"SELECT u0."id" FROM "users" AS u0 WHERE (u0."agee" > 1)"#
    );
}

#[test]
fn an_unknown_binding_name_is_an_error_naming_it() {
    let q = from!([company: c] in with_org(), select: c.name);
    match error_of(&q) {
        Error::UnknownBinding {
            clause: Clause::Select,
            name,
            ..
        } => assert_eq!(name, "company"),
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn a_binding_position_past_the_query_is_out_of_range() {
    // An erased query has no binding types, so the position is checked at plan time.
    let q = from!([u, o, p] in with_org().erase(), order_by: p["id"], select: u["id"]);
    match error_of(&q) {
        Error::BindingOutOfRange {
            clause: Clause::OrderBy,
            index: 2,
            count: 2,
            ..
        } => {}
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn a_schemaless_query_without_select_needs_one() {
    let q = from!(u in "users", where: u["age"] > 1);
    assert!(matches!(error_of(&q), Error::MissingSelect { .. }));
}

#[test]
fn two_bindings_with_one_name_are_an_error() {
    let q = from!(u in with_org(), join: o in Org, on: o.id == u.org_id, as: org);
    match error_of(&q) {
        Error::DuplicateBinding { name, .. } => assert_eq!(name, "org"),
        other => panic!("unexpected error: {other}"),
    }
}
