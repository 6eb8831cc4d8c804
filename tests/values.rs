//! Values lists as sources (`values(..)`): the SQL of each in every dialect (each snapshot a
//! reviewed claim) and the typed errors of an empty or ill-formed list. Rows on the engines
//! are `tests/joins_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{Clause, Error, MySql, Query, Value, Values, values};

use common::{User, error_of, render};

fn pairs() -> Values {
    values(["p", "q"], [(1, "seven"), (2, "eight")])
}

#[test]
fn values_records_its_rows_as_parameters() {
    let v = pairs();
    assert_eq!(v.columns, ["p", "q"]);
    assert_eq!(
        v.rows,
        [
            vec![Value::I32(1), Value::Text("seven".into())],
            vec![Value::I32(2), Value::Text("eight".into())],
        ]
    );
    // Rows built at run time.
    let dynamic = values(["k"], vec![vec![Value::I64(4)]]);
    assert_eq!(dynamic.rows, [vec![Value::I64(4)]]);
}

#[test]
fn a_values_source_and_a_joined_values_list() {
    let rows = pairs();
    let q = from!(v in values(^rows), where: v.p > ^0, select: (v.p, v.q));
    insta::assert_snapshot!("values_source", render(&q));
    let rows = pairs();
    let q = from!(u in User, where: u.name != ^"x",
        join: v in values(^rows), on: v.p == u.age,
        select: (u.id, v.q));
    insta::assert_snapshot!("values_joined", render(&q));
}

#[test]
fn the_builder_form_and_a_whole_binding() {
    let q = Query::from_values(values(["a"], [(true,), (false,)])).select(recto::Select::One(
        recto::Selected::Binding(recto::BindingRef::Index(0)),
    ));
    insta::assert_snapshot!("values_whole_binding", render(&q));
}

fn invalid<S, R>(q: &Query<S, R>, clause: Clause, needle: &str) {
    match error_of(q) {
        Error::InvalidClause {
            clause: found,
            reason,
            ..
        } => {
            assert_eq!(found, clause);
            assert!(reason.contains(needle), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_or_ill_formed_list_is_a_plan_error() {
    let empty = values(["p"], Vec::<(i32,)>::new());
    invalid(
        &from!(v in values(^empty), select: v.p),
        Clause::From,
        "at least one row",
    );
    let ragged = values(["p", "q"], vec![vec![Value::I32(1)]]);
    invalid(
        &from!(u in User, join: v in values(^ragged), on: true, select: u.id),
        Clause::Join,
        "1 values for 2 columns",
    );
    let mixed = values(
        ["p"],
        vec![vec![Value::I32(1)], vec![Value::Text("a".into())]],
    );
    invalid(
        &from!(v in values(^mixed), select: v.p),
        Clause::From,
        "two types",
    );
    let twice = values(["p", "p"], [(1, 2)]);
    invalid(
        &from!(v in values(^twice), select: v.p),
        Clause::From,
        "two columns",
    );
    let rows = pairs();
    match error_of(&from!(v in values(^rows), select: v.r)) {
        Error::UnknownField { field, table, .. } => {
            assert_eq!(field, "r");
            assert!(table.contains("`p`, `q`"), "{table}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn nulls_of_a_column_make_it_nullable() {
    let rows = values(["p"], [(Some(1),), (None,)]);
    let q = from!(v in values(^rows), select: v.p);
    assert!(recto::ToSql::to_sql(&q, MySql).is_ok());
}

#[test]
fn a_decimal_in_a_values_list_is_unsupported_where_decimals_are_scaled() {
    let prices = values(["price"], [(recto::rust_decimal::Decimal::new(150, 2),)]);
    let q = from!(v in values(^prices), select: v.price);
    assert!(recto::ToSql::to_sql(&q, recto::Postgres).is_ok());
    assert!(recto::ToSql::to_sql(&q, MySql).is_ok());
    assert!(matches!(
        recto::ToSql::to_sql(&q, recto::Sqlite),
        Err(Error::Unsupported {
            dialect: "SQLite",
            ..
        })
    ));
}
