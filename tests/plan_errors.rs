//! Mistakes the compiler cannot see — a field of a named or schemaless binding, a binding
//! name or position a composed query does not have — are typed, matchable errors that name
//! the clause and the line of the user's `from!`, on every dialect, before any SQL exists.

mod common;

use recto::prelude::*;
use recto::{Clause, Error, Query};

use common::error_of;
use common::{Org, User};

fn with_org() -> Query<(User, Org)> {
    from!(u in User, join: o in Org, on: o.id == u.org_id, as: org)
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

/// The `InvalidClause` reason of `query` on every dialect, which must be about `clause`.
#[track_caller]
fn invalid_in<S, R>(query: &Query<S, R>, clause: Clause) -> String {
    match error_of(query) {
        Error::InvalidClause {
            clause: found,
            reason,
            at: _,
        } if found == clause => reason,
        other => panic!("expected an invalid `{clause}`, got: {other}"),
    }
}

#[test]
fn a_constant_sort_or_group_term_is_not_read_as_a_column_position() {
    let sorts = [
        from!(u in User, order_by: [asc: -(1)], select: u.id),
        from!(u in User, order_by: [desc: -(-18)], select: u.id),
        from!(u in User, order_by: (true || true) && false, select: u.id),
        from!(u in User, order_by: coalesce(1, 2), select: u.id),
    ];
    for q in &sorts {
        let reason = invalid_in(q, Clause::OrderBy);
        assert!(reason.contains("constant"), "{reason}");
    }
    let one = 1;
    let groups = [
        from!(u in User, group_by: [u.age, !false], select: u.age).any_rows(),
        from!(u in User, group_by: ^one + 2, select: count()).any_rows(),
    ];
    for q in &groups {
        invalid_in(q, Clause::GroupBy);
    }
}

#[test]
fn a_condition_whose_type_is_known_must_be_boolean() {
    // A named binding's fields are typed when the query is planned, not by rustc.
    let reason = invalid_in(
        &from!([org: o] in with_org(), where: o.id, select: o.name),
        Clause::Where,
    );
    assert!(
        reason.contains("o1.id") && reason.contains("i64"),
        "{reason}"
    );
    let d = dynamic!([org: o], o.name);
    invalid_in(
        &from!([org: o] in with_org(), where: ^d, select: o.name),
        Clause::Where,
    );
    invalid_in(
        &from!([org: o] in with_org(), where: !o.name, select: o.name),
        Clause::Where,
    );
    // A schemaless field's type is unknown: the engine decides.
    assert!(
        from!(u in "users", where: u["active"], select: u["id"])
            .to_sql(Postgres)
            .is_ok()
    );
}

#[test]
fn distinct_sorts_only_by_selected_expressions() {
    let reason = invalid_in(
        &from!(u in User, distinct: true, order_by: u.age, select: u.name),
        Clause::OrderBy,
    );
    assert!(reason.contains("u0.age"), "{reason}");
    let q = from!(u in User, distinct: true, order_by: coalesce(u.email, "x"),
                  select: coalesce(u.email, "x"));
    assert!(q.to_sql(Postgres).is_ok());
}

#[test]
fn an_ungrouped_column_names_the_clause_and_the_field() {
    let line = line!() + 1;
    let q = from!(u in User, select: (u.name, count()));
    match error_of(&q) {
        Error::InvalidClause {
            clause: Clause::Select,
            reason,
            at,
        } => {
            assert!(reason.contains("field `name` of `users`"), "{reason}");
            assert_eq!(at.line, line);
        }
        other => panic!("unexpected error: {other}"),
    }
    invalid_in(
        &from!(u in User, group_by: u.age, order_by: u.name, select: u.age),
        Clause::OrderBy,
    );
    invalid_in(
        &from!(u in User, group_by: u.age, having: u.id > 1, select: u.age),
        Clause::Having,
    );
    // Grouping by the primary key groups every field of its binding (PostgreSQL's rule).
    let q = from!(u in User, group_by: u.id, select: (u.name, count()));
    assert!(q.to_sql(Postgres).is_ok());
    let one = 1;
    let q = from!(u in User, group_by: u.age + ^one, select: (u.age + ^one, count()));
    assert!(q.to_sql(Postgres).is_ok());
}

#[test]
fn aggregates_do_not_nest_and_stay_out_of_where() {
    invalid_in(
        &from!(u in User, where: count() > 1, select: u.id),
        Clause::Where,
    );
    invalid_in(&from!(u in User, select: max(count())), Clause::Select);
}

#[test]
fn an_empty_table_or_field_name_is_an_error() {
    invalid_in(&from!(u in "", select: u["id"]), Clause::From);
    invalid_in(&from!(u in "users", select: u[""]), Clause::Select);
}
