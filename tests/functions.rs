//! Scalar functions (`lower`, `length`, `substring`, `concat`, ...) as the SQL of every
//! form in every dialect (each snapshot a reviewed claim), their typing, and the typed
//! errors of their misuse. Values on the engines are `tests/functions_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{BindingRef, Clause, Error, Expr, Func, Query, Select, Selected};

use common::{User, error_of, render};

#[test]
fn text_functions_in_each_spelling() {
    let q = from!(u in User,
        where: lower(u.name) == "alice" && length(trim(u.name)) > 3,
        select: (upper(u.name), ltrim(u.name), rtrim(u.name), length(u.email)));
    insta::assert_snapshot!("text_functions", render(&q));
    let q = from!(u in User,
        select: (concat(u.name, " <", coalesce(u.email, "?"), ">"), replace(u.name, "a", "4"),
                 position(u.name, "li")));
    insta::assert_snapshot!("concat_replace_position", render(&q));
}

#[test]
fn substring_is_plain_for_literal_bounds_and_clamped_otherwise() {
    let q = from!(u in User, select: (substring(u.name, 1, 2), substring(u.name, 3)));
    insta::assert_snapshot!("substring_literal", render(&q));
    let (start, len) = (0_i64, 2_i64);
    let q = from!(u in User, select: (substring(u.name, ^start, ^len), substring(u.name, ^start)));
    insta::assert_snapshot!("substring_bound", render(&q));
    let q = from!(u in User, select: substring(u.name, 2, -1));
    insta::assert_snapshot!("substring_negative_length", render(&q));
}

/// The result types: text functions keep their argument's nullity, and `length` and
/// `position` are `i32`s.
#[test]
fn functions_are_typed_as_their_arguments_are_nullable() {
    let q: Query<User, (String, Option<String>, i32, Option<i32>)> = from!(u in User,
        select: (lower(u.name), lower(u.email), length(u.name), position(u.email, "@")));
    assert!(q.to_sql(recto::Postgres).is_ok());
    let q: Query<User, Option<String>> = from!(u in User, select: concat(u.name, u.email, "!"));
    assert!(q.to_sql(recto::Postgres).is_ok());
    let q: Query<User, String> = from!(u in User, select: substring(u.name, 1, u.age));
    assert!(q.to_sql(recto::Postgres).is_ok());
}

/// A query built at run time is checked by the planner: the arity and the arguments'
/// types where the plan knows them.
#[test]
fn misuse_at_run_time_is_a_typed_error() {
    let call = |func, args| {
        Query::<User>::from_schema().select(Select::One(Selected::Expr(Expr::Func { func, args })))
    };
    let name = || Expr::field(BindingRef::Index(0), "name");
    let age = || Expr::field(BindingRef::Index(0), "age");
    let q = call(Func::Lower, vec![name(), name()]);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Select, ref reason, .. } if reason.contains("`lower` takes 1 arguments, found 2")),
        "{:?}",
        error_of(&q)
    );
    let q = call(Func::Length, vec![age()]);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { ref reason, .. } if reason.contains("argument 1 of `length` must be text")),
        "{:?}",
        error_of(&q)
    );
    let q = call(Func::Substring, vec![name(), name()]);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { ref reason, .. } if reason.contains("argument 2 of `substring` must be an integer")),
        "{:?}",
        error_of(&q)
    );
}

#[test]
fn numeric_functions_in_each_spelling() {
    let q = from!(p in common::Post,
        select: (abs(p.score), ceil(p.score), floor(p.score), round(p.score), round(p.views),
                 ceil(p.views)));
    insta::assert_snapshot!("rounding", render(&q));
    let q =
        from!(p in common::Post, select: (sqrt(p.score), power(p.score, 2), power(p.views, 0.5)));
    insta::assert_snapshot!("sqrt_and_power", render(&q));
    let q = from!(u in User, where: between(u.age, 18, ^65),
        select: (greatest(u.age, 18), least(u.age, 0.5, u.id), nullif(u.age, 36),
                 greatest(u.name, u.email)));
    insta::assert_snapshot!("extremes_nullif_between", render(&q));
}

/// `round(x, digits)` rounds an exact decimal; a float is a compile error (`tests/ui`) and a
/// run-time query's is a typed error.
#[test]
fn round_to_digits_takes_a_decimal() {
    let q = Query::<User>::from_schema().select(Select::One(Selected::Expr(Expr::Func {
        func: Func::Round,
        args: vec![
            Expr::field(BindingRef::Index(0), "age"),
            Expr::Lit(recto::Value::I32(2)),
        ],
    })));
    assert!(
        matches!(error_of(&q), Error::InvalidClause { ref reason, .. } if reason.contains("rounds an exact decimal")),
        "{:?}",
        error_of(&q)
    );
}

#[test]
fn selected_as_names_a_column_that_order_by_and_group_by_repeat() {
    let q = from!(u in User, left_join: p in common::Post, on: p.user_id == u.id,
        group_by: selected_as(decade), order_by: [desc: selected_as(posts)],
        select: (selected_as(u.age / 10, decade), selected_as(count(p.id), posts)));
    insta::assert_snapshot!("selected_as", render(&q));
    // A subquery's column named by `selected_as`.
    let counts = from!(p in common::Post, group_by: p.user_id,
        select: (p.user_id, selected_as(count(), posts)));
    let q = from!(c in subquery(counts), where: c.posts > 1, select: c.user_id);
    insta::assert_snapshot!("selected_as_in_a_subquery", render(&q));
}

#[test]
fn selected_as_misuse_is_a_typed_error() {
    let q = from!(u in User, order_by: selected_as(nothing), select: selected_as(u.age, age));
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::OrderBy, ref reason, .. } if reason.contains("names no column")),
        "{:?}",
        error_of(&q)
    );
    let q = from!(u in User, where: selected_as(age) > 1, select: selected_as(u.age, age));
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Where, ref reason, .. } if reason.contains("`order_by:` and `group_by:` only")),
        "{:?}",
        error_of(&q)
    );
    let q = from!(u in User, select: (selected_as(u.age, a), selected_as(u.id, a)));
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Select, ref reason, .. } if reason.contains("two columns are selected as `a`")),
        "{:?}",
        error_of(&q)
    );
}

#[derive(Debug, PartialEq, recto::Row)]
struct Card {
    id: i64,
    name: String,
    next_age: i32,
}

#[test]
fn select_merge_replaces_and_adds_named_columns() {
    let base = from!(u in User, select: Card { id: u.id, name: u.name, next_age: u.age });
    let q = from!(u in base, select_merge: Card { name: upper(u.name), next_age: u.age + 1 });
    insta::assert_snapshot!("select_merge_into_a_struct", render(&q));
    // Without a select: the root binding's fields, each named, then the merged ones.
    let q =
        from!(u in User, where: u.id == 1, select_merge: Card { name: lower(u.name), next_age: 0 });
    insta::assert_snapshot!("select_merge_into_a_binding", render(&q));
}
