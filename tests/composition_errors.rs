//! A query has one `select` and one `distinct`, as in Ecto: a composing function that
//! writes one over a query that already has it gets a typed plan error naming both
//! locations (inside one `from!` it is a compile error, held by `tests/ui/clause`).
//! `exclude` removes a clause on purpose so that it can be replaced; `limit` and `offset`
//! keep Ecto's override semantics across queries. A `dynamic!` condition typed by its
//! bindings' schemas splices exactly as an untyped one.

mod common;

use recto::prelude::*;
use recto::{Clause, Error, Expr, Query, Select, Selected, Value, exclude};

use common::User;
use common::error_of;

/// Asserts a `DuplicateClause` of `clause` whose two locations are these lines of this file.
fn assert_duplicate(error: Error, clause: Clause, first_line: u32, second_line: u32) {
    match error {
        Error::DuplicateClause {
            clause: found,
            first,
            at,
        } => {
            assert_eq!(found, clause);
            assert_eq!((first.file.as_ref(), first.line), (file!(), first_line));
            assert_eq!((at.file.as_ref(), at.line), (file!(), second_line));
        }
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn a_select_over_a_composed_select_names_both() {
    let first = line!() + 1;
    let ids = from!(u in User, select: u.id);
    let second = line!() + 1;
    let names = from!(u in ids, select: u.name);
    assert_duplicate(error_of(&names), Clause::Select, first, second);
}

#[test]
fn a_distinct_over_a_composed_distinct_names_both() {
    let first = line!() + 1;
    let base = from!(u in User, distinct: true, select: u.age);
    let second = line!() + 1;
    let q = from!(u in base, distinct: false);
    assert_duplicate(error_of(&q), Clause::Distinct, first, second);
}

#[test]
fn the_builder_api_refuses_a_second_select_too() {
    let column =
        |name: &'static str| Selected::Expr(Expr::field(recto::BindingRef::Index(0), name));
    let first = line!() + 1;
    let q = Query::<User>::from_schema().select(Select::One(column("id")));
    let second = line!() + 1;
    let q = q.select(Select::One(column("name")));
    assert_duplicate(error_of(&q), Clause::Select, first, second);
}

#[test]
fn the_error_says_how_to_replace_a_select() {
    let ids = from!(u in User, select: u.id);
    let message = error_of(&from!(u in ids, select: u.name)).to_string();
    assert!(
        message.contains("exclude(query, Clause::Select)"),
        "the message names the way out: {message}"
    );
}

#[test]
fn exclude_lets_a_composer_replace_the_select() -> Result<(), Error> {
    let ids = from!(u in User, where: u.age > 18, select: u.id);
    let names = from!(u in exclude(&ids, Clause::Select)?, select: u.name);
    let sql = names.to_sql(Postgres)?;
    assert_eq!(
        sql.text,
        r#"SELECT u0."name" FROM "users" AS u0 WHERE (u0."age" > 18)"#
    );
    // The query excluded from is a value: it keeps its own select.
    assert_eq!(
        ids.to_sql(Postgres)?.text,
        r#"SELECT u0."id" FROM "users" AS u0 WHERE (u0."age" > 18)"#
    );
    Ok(())
}

#[test]
fn exclude_then_distinct_again_plans() -> Result<(), Error> {
    let base = from!(u in User, distinct: true, select: u.age);
    let q = from!(u in base.exclude(Clause::Distinct)?, distinct: false);
    assert_eq!(
        q.to_sql(Sqlite)?.text,
        r#"SELECT u0."age" FROM "users" AS u0"#
    );
    Ok(())
}

#[test]
fn exclude_removes_every_clause_of_its_kind() -> Result<(), Error> {
    let min = 18;
    let full = from!(u in User,
        where: u.age > ^min,
        or_where: u.id == 1,
        group_by: u.age,
        having: count() > 1,
        order_by: [desc: u.age],
        order_by: u.id,
        distinct: true,
        limit: 10,
        offset: 5,
        select: u.age);
    let mut q = full.any_rows();
    let other = q.clone();
    q = q
        .union_all(&other)
        .with_cte("c", &other)
        .recursive_ctes(true);
    for clause in [
        Clause::Combinations,
        Clause::WithCtes,
        Clause::Where,
        Clause::GroupBy,
        Clause::Having,
        Clause::OrderBy,
        Clause::Distinct,
        Clause::Limit,
        Clause::Offset,
        Clause::Select,
    ] {
        q = exclude(q, clause)?;
    }
    // Nothing is left but the source.
    let recto::QueryData {
        from: _,
        joins,
        wheres,
        select,
        distinct,
        group_bys,
        havings,
        order_bys,
        limit,
        offset,
        combinations,
        with_ctes,
    } = q.data();
    assert!(joins.is_empty() && wheres.is_empty() && group_bys.is_empty());
    assert!(combinations.is_empty() && with_ctes.is_none());
    assert!(havings.is_empty() && order_bys.is_empty());
    assert_eq!(
        (select, distinct, limit, offset),
        (&None, &None, &None, &None)
    );
    assert_eq!(
        q.to_sql(MySql)?.text,
        "SELECT u0.`id`, u0.`name`, u0.`email`, u0.`age`, u0.`org_id`, u0.`born` FROM `users` AS u0"
    );
    Ok(())
}

#[test]
fn the_source_and_the_joins_cannot_be_excluded() {
    let q = from!(u in User, join: o in common::Org, on: o.id == u.org_id);
    for clause in [Clause::From, Clause::Join] {
        let line = line!() + 1;
        match q.clone().exclude(clause) {
            Err(Error::InvalidClause {
                clause: found, at, ..
            }) => {
                assert_eq!(found, clause);
                assert_eq!(at.line, line);
            }
            other => panic!("expected InvalidClause, got {other:?}"),
        }
    }
}

#[test]
fn a_composed_limit_and_offset_override_the_earlier_ones_as_in_ecto() -> Result<(), Error> {
    let page = |q: Query<User, i64>, n: i64| from!(u in q, limit: ^n, offset: ^(n * 2));
    let base = from!(u in User, limit: 5, offset: 1, select: u.id);
    let sql = page(base, 10).to_sql(Postgres)?;
    assert_eq!(
        sql.text,
        r#"SELECT u0."id" FROM "users" AS u0 LIMIT $1 OFFSET $2"#
    );
    assert_eq!(sql.params, vec![Value::I64(10), Value::I64(20)]);
    Ok(())
}

#[test]
fn a_duplicate_survives_a_json_round_trip() {
    let ids = from!(u in User, select: u.id);
    let q = from!(u in ids, select: u.name);
    let json = serde_json::to_string(&q).expect("a query serializes");
    let back: Query = serde_json::from_str(&json).expect("and deserializes");
    assert!(matches!(error_of(&back), Error::DuplicateClause { .. }));
}

#[test]
fn a_dynamic_condition_with_schemas_splices_as_an_untyped_one() -> Result<(), Error> {
    let min = 18;
    let typed = dynamic!([u, o] in (User, common::Org), u.age > ^min && o.active);
    let untyped = dynamic!([u, o], u.age > ^min && o.active);
    let with =
        |d| from!(u in User, join: o in common::Org, on: o.id == u.org_id, where: ^d, select: u.id);
    let (typed, untyped) = (
        with(typed).to_sql(Postgres)?,
        with(untyped).to_sql(Postgres)?,
    );
    assert_eq!(typed, untyped);
    assert_eq!(typed.params, vec![Value::I32(18)]);
    Ok(())
}
