//! JSON paths (`b.meta["a"][0]`, `json_text(..)`) as the SQL of every form in every dialect
//! (each snapshot a reviewed claim), their typing, and the typed errors of their misuse.
//! Values on the engines are `tests/json_paths_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::serde_json::{Value as Json, json};
use recto::{BindingRef, Clause, Error, Expr, IntoSql, JsonAs, PathStep, Query, Select, Selected};

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

/// The same call site rendered again with other pins binds the new values, and the same
/// query rendered twice (the shape cache's second look) gives the same statement: a path's
/// bound path texts stay with its keys.
#[test]
fn a_call_site_rendered_again_binds_its_own_values() {
    fn query(doc: Json, text: &str) -> Query<Doc, i64> {
        let text = text.to_owned();
        from!(d in Doc,
            where: d.meta["a"][0] == ^doc && json_text(d.meta["b"]) == ^text,
            select: d.id)
    }
    for round in 0..3 {
        let first = render(&query(json!(1), "x"));
        let second = render(&query(json!([2]), "y"));
        assert_eq!(first, render(&query(json!(1), "x")), "round {round}");
        assert!(
            first.contains(r#"Text("x")"#) && first.contains("Number(1)"),
            "{first}"
        );
        assert!(
            second.contains(r#"Text("y")"#) && second.contains("Number(2)"),
            "{second}"
        );
        assert!(first.contains(r#"$.\"a\"[0]"#), "{first}");
        assert!(second.contains(r#"$.\"a\"[0]"#), "{second}");
    }
    fn same_statement<D: recto::Dialect + Copy>(dialect: D, q: impl Fn() -> Query<Doc, i64>) {
        let once = recto::render_uncached(q().data(), &dialect).expect("render");
        let again = q().to_sql(dialect).expect("render");
        let owned = q().into_sql(dialect).expect("render");
        assert_eq!((&once.text, &once.params), (&again.text, &again.params));
        assert_eq!((&once.text, &once.params), (&owned.text, &owned.params));
    }
    let q = || query(json!(1), "x");
    same_statement(recto::Postgres, q);
    same_statement(recto::MySql, q);
    same_statement(recto::Sqlite, q);
}

/// An untrusted payload's path comes back through the catalog unchanged (its keys are data,
/// bound as any text is), and a payload's negative position is the planner's typed error.
#[test]
fn paths_round_trip_through_the_catalog() {
    let catalog = recto::Catalog::new().with::<Doc>();
    let limits = recto::Limits::default();
    let q =
        from!(d in Doc, select: (d.meta["a'; DROP TABLE docs; --"][3], json_text(d.extra["b"])));
    let json = recto::serde_json::to_string(&q).expect("serialize");
    let back = catalog.query_from_json(&json, &limits).expect("admitted");
    assert_eq!(back.data(), q.data());
    assert_eq!(render(&back), render(&q));
    let negative = json.replace("{\"Index\":3}", "{\"Index\":-3}");
    assert_ne!(negative, json, "{json}");
    let back = catalog
        .query_from_json(&negative, &limits)
        .expect("admitted");
    assert!(
        matches!(error_of(&back), Error::InvalidClause { ref reason, .. } if reason.contains("found -3")),
        "{:?}",
        error_of(&back)
    );
}

/// MariaDB reads a key's leading `-` as a negative position, even quoted, and finds
/// nothing: such a key is `Error::Unsupported` there, and bound as any key elsewhere.
#[test]
fn a_key_beginning_with_a_dash_is_unsupported_on_mysql() {
    let q = from!(d in Doc, select: json_text(d.meta["a"]["-b"]));
    assert!(
        matches!(q.to_sql(recto::MySql), Err(Error::Unsupported { feature, dialect: "MySQL" }) if feature.contains("begins with `-`")),
        "{:?}",
        q.to_sql(recto::MySql)
    );
    assert!(q.to_sql(recto::Postgres).is_ok());
    assert!(q.to_sql(recto::Sqlite).is_ok());
    let q = from!(d in Doc, select: d.meta["a-b"]);
    assert!(q.to_sql(recto::MySql).is_ok());
}

/// `dynamic!` holds a path as `from!` does, typed or not.
#[test]
fn a_dynamic_condition_holds_a_path() {
    let who = "Ada".to_owned();
    let d = dynamic!([d] in Doc, json_text(d.meta["name"]) == ^who.clone() && !is_nil(d.extra[0]));
    let q = from!(d in Doc, where: ^d, select: d.id);
    let expected = from!(d in Doc,
        where: json_text(d.meta["name"]) == ^who.clone() && !is_nil(d.extra[0]),
        select: d.id);
    assert_eq!(render(&q), render(&expected));
    let d = dynamic!([d], json_text(d.meta["name"]) == ^who);
    let q = from!(d in Doc, where: ^d, select: d.id);
    assert!(render(&q).contains(r#"$.\"name\""#), "{}", render(&q));
}
