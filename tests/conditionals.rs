//! Conditionals (`if c { a } else { b }`, SQL's `CASE WHEN`) and aggregate filters
//! (`filter(agg, cond)`), as the SQL of every form in every dialect (each snapshot a reviewed
//! claim), their Rust types, and the typed errors of their misuse. Rows on the engines are
//! `tests/conditionals_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{AggFunc, Error, Expr, Postgres, Query, Select, Selected, ToSql};

use common::{Post, User, render};

/// Asserts at compile time that a query's rows are `R`.
fn rows_are<R, S>(_: &Query<S, R>) {}

#[test]
fn if_else_if_else_is_case_when() {
    let q = from!(u in User,
        select: if u.age >= 60 { "senior" } else if u.age >= 18 { "adult" } else { "minor" });
    rows_are::<String, _>(&q);
    insta::assert_snapshot!("else_if", render(&q));
}

#[test]
fn else_nil_makes_an_option() {
    let q = from!(u in User, select: if is_nil(u.org_id) { u.age } else { nil });
    rows_are::<Option<i32>, _>(&q);
    insta::assert_snapshot!("else_nil", render(&q));
    // `nil` in any branch takes the type of the others.
    let q = from!(u in User,
        select: if is_nil(u.org_id) { nil } else if u.age > 30 { u.age } else { nil });
    rows_are::<Option<i32>, _>(&q);
    insta::assert_snapshot!("nil_first", render(&q));
    let q =
        from!(u in User, select: if u.age > 60 { u.org_id } else if u.age > 30 { nil } else { 0 });
    rows_are::<Option<i64>, _>(&q);
    insta::assert_snapshot!("nil_between", render(&q));
    // A branch that may be NULL makes the result an Option too.
    let q = from!(u in User, select: if u.age > 30 { u.email } else { u.name });
    rows_are::<Option<String>, _>(&q);
}

#[test]
fn branch_types_unify_and_are_cast_where_an_engine_keeps_each_value_s_own() {
    // An integer branch beside a float one: SQLite would return the integer as an integer.
    let q = from!(p in Post, select: if p.views > 0 { p.score } else { 0 });
    rows_are::<f64, _>(&q);
    insta::assert_snapshot!("float_and_integer", render(&q));
    // A boolean conditional: MySQL would type a boolean column beside a bound one DECIMAL.
    let yes = true;
    let q = from!(u in User, select: if is_nil(u.email) { ^yes } else { u.age > 18 });
    rows_are::<bool, _>(&q);
    insta::assert_snapshot!("booleans", render(&q));
    // Integers of two widths: the wider.
    let q = from!(p in Post, join: u in User, on: u.id == p.user_id,
        select: if p.score > 3.0 { u.age } else { p.views });
    rows_are::<i64, _>(&q);
}

#[test]
fn a_conditional_as_a_condition_and_inside_an_aggregate() {
    let q = from!(u in User, where: if u.age > 30 { u.name == "Ada" } else { true }, select: u.id);
    insta::assert_snapshot!("as_condition", render(&q));
    let q = from!(p in Post, select: sum(if p.score > 2.0 { p.views } else { 0 }));
    rows_are::<Option<i64>, _>(&q);
    insta::assert_snapshot!("inside_sum", render(&q));
    // A division in a branch not taken is not evaluated.
    let q = from!(p in Post, select: if p.views != 0 { 1000 / p.views } else { 0 });
    rows_are::<i64, _>(&q);
    insta::assert_snapshot!("guarded_division", render(&q));
}

#[test]
fn filtered_aggregates_are_native_or_move_into_the_argument() {
    let q = from!(p in Post, select: (
        filter(count(), p.score > 2.0),
        filter(sum(p.views), p.score > 2.0),
        filter(count(p.user_id, distinct), p.views > 0),
        filter(avg(p.score), p.views > 0),
        filter(max(p.title), is_nil(p.body))));
    rows_are::<(i64, Option<i64>, i64, Option<f64>, Option<String>), _>(&q);
    insta::assert_snapshot!("filters", render(&q));
    // Grouped, with a parameter in the condition and the filter in `having:`.
    let min = 10_i64;
    let q = from!(p in Post, group_by: p.user_id,
        having: filter(count(), p.views > ^min) > 0,
        select: (p.user_id, filter(count(), p.views > ^min)));
    insta::assert_snapshot!("filter_grouped", render(&q));
}

fn plan_error<S, R>(query: &Query<S, R>) -> String {
    match query.to_sql(Postgres) {
        Err(Error::InvalidClause { reason, .. }) => reason,
        other => panic!("expected a plan error, got {other:?}"),
    }
}

#[test]
fn misuse_built_by_hand_is_a_typed_error() {
    let field = |name: &'static str| Expr::field(0.into(), name);
    let select = |expr: Expr| Query::table("posts").select(Select::One(Selected::Expr(expr)));
    let aggregate = |filter: Expr| Expr::Aggregate {
        func: AggFunc::Count,
        arg: None,
        distinct: false,
        filter: Some(Box::new(filter)),
    };
    let errors = [
        select(Expr::Case {
            whens: vec![],
            otherwise: None,
        }),
        select(Expr::Case {
            whens: vec![(Expr::Lit(recto::Value::I32(1)), field("id"))],
            otherwise: None,
        }),
        select(Expr::Case {
            whens: vec![(
                Expr::Lit(recto::Value::Bool(true)),
                Expr::Lit(recto::Value::I32(1)),
            )],
            otherwise: Some(Box::new(Expr::Lit(recto::Value::Text("x".into())))),
        }),
        select(aggregate(Expr::Lit(recto::Value::I32(1)))),
        select(aggregate(Expr::binary(
            recto::BinOp::Gt,
            aggregate(Expr::Lit(recto::Value::Bool(true))),
            Expr::Lit(recto::Value::I32(1)),
        ))),
    ];
    let messages: Vec<String> = errors.iter().map(plan_error).collect();
    insta::assert_snapshot!("errors", messages.join("\n"));
}

#[test]
fn a_dynamic_condition_holds_a_conditional() {
    let min = 30;
    let d = dynamic!([u], if u.age > ^min { u.name == "Ada" } else { true });
    let q = from!(u in User, where: ^d, select: u.id);
    let expected = from!(u in User,
        where: if u.age > ^min { u.name == "Ada" } else { true },
        select: u.id);
    assert_eq!(render(&q), render(&expected));
}
