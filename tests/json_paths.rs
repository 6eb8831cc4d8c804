//! JSON paths (`b.meta["a"][0]`, `json_text(..)`) as the SQL of every form in every dialect
//! (each snapshot a reviewed claim), their typing, and the typed errors of their misuse.
//! Values on the engines are `tests/json_paths_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::serde_json::{Value as Json, json};
use recto::{BindingRef, Clause, Error, Expr, JsonAs, PathStep, Query, Select, Selected};

use common::{error_of, render};

#[derive(Schema, Clone, Debug, PartialEq)]
#[recto(table = "docs")]
struct Doc {
    #[recto(primary_key)]
    id: i64,
    meta: recto::serde_json::Value,
    extra: Option<recto::serde_json::Value>,
    name: String,
}

#[test]
fn keys_and_positions_as_documents() {
    let q = from!(d in Doc, select: (d.meta["a"], d.meta["a"][0]["b c"], d.extra[2]));
    insta::assert_snapshot!("documents", render(&q));
}

#[test]
fn json_text_of_a_path_and_of_a_document() {
    let q = from!(d in Doc,
        where: json_text(d.meta["name"]) == "Ada",
        select: (json_text(d.meta["tags"][1]), json_text(d.extra)));
    insta::assert_snapshot!("text", render(&q));
}

/// Keys needing quotes in a path text are bound, never printed, on every engine.
#[test]
fn keys_needing_escapes_are_bound() {
    let q = from!(d in Doc, select: d.meta["a \"b\" .c $d 'e' \\ é"]);
    insta::assert_snapshot!("escaped_keys", render(&q));
}

/// A schemaless field's path, compared with a bound document and tested for NULL.
#[test]
fn schemaless_paths_and_comparisons() {
    let v = json!({"x": 1});
    let q = from!(d in "docs",
        where: d["meta"]["a"] == ^v && !is_nil(d["meta"]["b"][0]),
        select: d["id"]);
    insta::assert_snapshot!("schemaless", render(&q));
}

/// The result types: a path is an `Option<serde_json::Value>`, `json_text` an
/// `Option<String>`, whatever the document's nullity.
#[test]
fn paths_are_nullable_documents_and_text() {
    type Row = (Option<Json>, Option<Json>, Option<String>);
    let q: Query<Doc, Row> =
        from!(d in Doc, select: (d.meta["a"], d.extra[0], json_text(d.meta["a"])));
    assert!(q.to_sql(recto::Postgres).is_ok());
}

fn path_of(expr: Expr, path: Vec<PathStep>, as_: JsonAs) -> Query<Doc, recto::row::AnyRow> {
    Query::<Doc>::from_schema().select(Select::One(Selected::Expr(Expr::JsonPath {
        expr: Box::new(expr),
        path,
        as_,
    })))
}

/// A query built at run time is checked by the planner: the base must be a document, and
/// a position is not negative.
#[test]
fn misuse_at_run_time_is_a_typed_error() {
    let name = Expr::field(BindingRef::Index(0), "name");
    let q = path_of(name, vec![PathStep::Key("a".into())], JsonAs::Json);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Select, ref reason, .. } if reason.contains("a JSON path starts at a JSON document")),
        "{:?}",
        error_of(&q)
    );
    let meta = Expr::field(BindingRef::Index(0), "meta");
    let q = path_of(meta, vec![PathStep::Index(-1)], JsonAs::Text);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::Select, ref reason, .. } if reason.contains("position is 0 or more, found -1")),
        "{:?}",
        error_of(&q)
    );
}
