//! `cast(x, T)` (Ecto's `type/2`), as the SQL of every form in every dialect (each snapshot
//! a reviewed claim), and the typed errors of the casts recto does not make portable. Rows
//! on the engines are `tests/casts_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{BindingRef, Clause, Error, Expr, Query, Ty};

use common::{Post, User, error_of, render};

#[test]
fn a_pinned_value_is_bound_and_cast_in_sql() {
    let min = 30_i32;
    let q = from!(u in User, where: u.id > cast(^min, i64), select: u.id);
    insta::assert_snapshot!("pinned", render(&q));
}

#[test]
fn every_target_type() {
    let q = from!(p in Post,
    select: (
        cast(p.views, i64),
        cast(p.views, f64),
        cast(p.views, String),
        cast(p.score, f64),
        cast(p.published_at, NaiveDate),
    ));
    insta::assert_snapshot!("targets", render(&q));
    let q = from!(u in User,
    select: (
        cast(u.age, i32),
        cast(u.born, String),
        cast(u.born, NaiveDate),
        cast("12", i64),
        cast("2024-01-15", NaiveDate),
        cast(^1.5_f64, f64),
        cast(^7_i32, i64),
    ));
    insta::assert_snapshot!("more_targets", render(&q));
    // A schemaless column: its type is known to no one, so any target is accepted.
    let q = from!(u in "users", select: (cast(u.age, i16), cast(u.age, f32)));
    insta::assert_snapshot!("narrow_targets", render(&q));
}

#[test]
fn a_cast_of_a_nullable_value_is_nullable() {
    // `org_id` may be NULL: the cast is an `Option<String>`.
    let q = from!(u in User, select: (u.id, cast(u.org_id, String)));
    let _: &Query<User, (i64, Option<String>)> = &q;
    insta::assert_snapshot!("nullable", render(&q));
}

fn cast(expr: Expr, ty: Ty) -> Expr {
    Expr::Cast {
        expr: Box::new(expr),
        ty,
    }
}

fn reason_of<R>(query: &Query<recto::Erased, R>) -> String {
    match error_of(query) {
        Error::InvalidClause {
            clause: Clause::Select,
            reason,
            ..
        } => reason,
        other => panic!("expected an invalid select:, got {other:?}"),
    }
}

fn selecting(expr: Expr) -> Query<recto::Erased, recto::row::AnyRow> {
    Query::table("posts").select(recto::Select::Tuple(vec![recto::Selected::Expr(expr)]))
}

#[test]
fn casts_the_engines_disagree_on_are_typed_errors() {
    let field = |name: &'static str| Expr::field(BindingRef::Index(0), name);
    // The planner knows the columns of a schema the query is built on.
    let typed = |expr| {
        from!(p in Post)
            .erase()
            .select(recto::Select::Tuple(vec![recto::Selected::Expr(expr)]))
    };
    assert_eq!(
        reason_of(&typed(cast(field("score"), Ty::I64))),
        "`cast(p0.score, i64)` casts a `f64`, which the engines turn into a `i64` differently (or not at all)"
    );
    assert_eq!(
        reason_of(&typed(cast(field("views"), Ty::I32))),
        "`cast(p0.views, i32)` casts a `i64`, which the engines turn into a `i32` differently (or not at all)"
    );
    assert_eq!(
        reason_of(&typed(cast(field("published_at"), Ty::Text))),
        "`cast(p0.published_at, String)` casts a `NaiveDateTime`, which the engines turn into a `String` differently (or not at all)"
    );
    // A schemaless field's type is unknown: any supported target is accepted.
    assert!(recto::ToSql::to_sql(&selecting(cast(field("x"), Ty::I64)), recto::Postgres).is_ok());
    assert_eq!(
        reason_of(&selecting(cast(field("x"), Ty::Bool))),
        "`cast` to `bool` is not supported: recto casts to `i16`, `i32`, `i64`, `f32`, `f64`, `String` and `NaiveDate`"
    );
}
