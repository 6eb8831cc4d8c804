//! The types the plan gives JSON paths: a document, or text for `json_text`, always
//! nullable (a missing key), from a document or a schemaless field; and the bases and
//! positions it refuses.

mod common;

use recto_core::{Clause, Expr, JsonAs, PathStep, Query, Ty, Value};
use recto_planner::plan;

use common::*;

fn path(expr: Expr, path: Vec<PathStep>, as_: JsonAs) -> Expr {
    Expr::JsonPath {
        expr: Box::new(expr),
        path,
        as_,
    }
}

fn key(k: &'static str) -> PathStep {
    PathStep::Key(k.into())
}

/// A bound document: `null` of type JSON, as SQL's NULL.
fn doc() -> Expr {
    Expr::Param(Value::Null(Ty::Json))
}

/// The type and nullability of `expr` selected from `q`.
fn typed<S, R>(q: Query<S, R>, expr: Expr) -> (Option<Ty>, bool) {
    let q = q.select(select_one(expr));
    let planned = plan(q.data()).unwrap_or_else(|e| panic!("{e}"));
    let root = planned.select[0].expr;
    (planned.exprs.ty(root), planned.exprs.nullable(root))
}

#[test]
fn paths_are_nullable_documents_or_text() {
    let cases = [
        (
            path(doc(), vec![key("a"), PathStep::Index(0)], JsonAs::Json),
            Ty::Json,
        ),
        (path(doc(), vec![], JsonAs::Json), Ty::Json),
        (path(doc(), vec![key("a")], JsonAs::Text), Ty::Text),
        (path(doc(), vec![], JsonAs::Text), Ty::Text),
    ];
    for (expr, ty) in cases {
        assert_eq!(typed(users(), expr.clone()), (Some(ty), true), "{expr:?}");
    }
    // A schemaless field's type is known only at run time: the path is still a document.
    let expr = path(f(0, "meta"), vec![key("a")], JsonAs::Json);
    assert_eq!(typed(Query::table("docs"), expr), (Some(Ty::Json), true));
    let expr = path(f(0, "meta"), vec![PathStep::Index(2)], JsonAs::Text);
    assert_eq!(typed(Query::table("docs"), expr), (Some(Ty::Text), true));
}

#[test]
fn paths_refuse_other_bases_and_negative_positions() {
    let refused = |expr: Expr, reason: &str| {
        let q = users().select(select_one(expr));
        let message = invalid_in(&q, Clause::Select);
        assert!(message.contains(reason), "{message}");
    };
    refused(
        path(f(0, "name"), vec![key("a")], JsonAs::Json),
        "a JSON path starts at a JSON document (`serde_json::Value`), and `u0.name` is a `String`",
    );
    refused(
        path(int(1), vec![], JsonAs::Text),
        "a JSON path starts at a JSON document",
    );
    refused(
        path(doc(), vec![key("a"), PathStep::Index(-1)], JsonAs::Json),
        "a JSON path's position is 0 or more, found -1",
    );
    refused(
        path(doc(), vec![PathStep::Index(1 << 32)], JsonAs::Json),
        "a JSON path's position is at most 2147483647, found 4294967296",
    );
    assert_eq!(
        typed(
            users(),
            path(
                doc(),
                vec![PathStep::Index(i64::from(i32::MAX))],
                JsonAs::Json
            )
        ),
        (Some(Ty::Json), true)
    );
    // A path over a path is a path on a document.
    let inner = path(doc(), vec![key("a")], JsonAs::Json);
    assert_eq!(
        typed(users(), path(inner, vec![key("b")], JsonAs::Text)),
        (Some(Ty::Text), true)
    );
    // `json_text` gives text, which is no document.
    let inner = path(doc(), vec![key("a")], JsonAs::Text);
    refused(
        path(inner, vec![key("b")], JsonAs::Json),
        "a JSON path starts at a JSON document",
    );
}
