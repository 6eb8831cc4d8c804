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
