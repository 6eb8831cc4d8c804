//! JSON paths on every engine, with values reasoned from the documents below: the same
//! document, `null`, missing value and text on PostgreSQL (`jsonb`), MariaDB (`JSON`, text)
//! and SQLite (text).

mod common;
mod fixture;
mod servers;

use fixture::{dialect_of, insert, on_every_engine};
use recto::prelude::*;
use recto::serde_json::{Value as Json, json};
use recto::{Repo, ToValue};

#[derive(Schema, Clone, Debug, PartialEq)]
#[recto(table = "json_paths")]
struct Doc {
    #[recto(primary_key)]
    id: i64,
    meta: recto::serde_json::Value,
    extra: Option<recto::serde_json::Value>,
}

/// Row 1 holds every kind of value and keys that need escaping in a path text; row 2 a
/// `name` that is no string; row 3 an array at the top; row 4 the document `null`.
fn documents() -> Vec<(i64, Json, Option<Json>)> {
    vec![
        (
            1,
            json!({
                "a": {"b": [10, "x", null, true, 1.5, {"c": "deep"}]},
                "name": "Ada",
                "s": "é\"\\\n😀 'q'",
                "n": null,
                "t": true,
                "num": 1.0,
                "int": 7,
                "k\"q": "quote",
                "a.b": "dot",
                "$": "dollar",
                "it's": "apostrophe",
                "a b": "space",
                "back\\slash": "backslash",
                "é😀": "unicode",
                "-dash": "dash",
            }),
            None,
        ),
        (2, json!({"name": 5, "a": []}), Some(json!("plain"))),
        (3, json!([1, "two", {"name": "x"}]), Some(Json::Null)),
        (4, Json::Null, Some(json!({"a": 1}))),
    ]
}

async fn load(repo: &Repo, name: &str) {
    let dialect = dialect_of(repo);
    let ddl = recto::ddl::create_table(&Doc::META, dialect).expect("render the DDL");
    repo.execute(sqlx::AssertSqlSafe(ddl))
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let rows = documents()
        .into_iter()
        .map(|(id, meta, extra)| vec![id.to_value(), meta.to_value(), extra.to_value()])
        .collect();
    repo.execute_sql(&insert(dialect, &Doc::META, rows))
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[tokio::test]
async fn keys_give_documents_and_their_strings_text() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        let q =
            from!(d in Doc, order_by: d.id, select: (d.meta["name"], json_text(d.meta["name"])));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // A key of an array or of the document `null` finds nothing.
        let expected = [
            (Some(json!("Ada")), Some("Ada".to_owned())),
            (Some(json!(5)), None),
            (None, None),
            (None, None),
        ];
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}

#[tokio::test]
async fn nested_keys_and_positions_keep_each_value_s_kind() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        let q = from!(d in Doc, where: d.id == 1,
            select: (d.meta["a"]["b"][0], d.meta["a"]["b"][1], d.meta["a"]["b"][2],
                     d.meta["a"]["b"][3], d.meta["a"]["b"][4], d.meta["a"]["b"][5]["c"],
                     d.meta["a"]["b"][6]));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // JSON's `null` is the document `null`, a position past the end SQL's NULL.
        let expected = (
            Some(json!(10)),
            Some(json!("x")),
            Some(Json::Null),
            Some(json!(true)),
            Some(json!(1.5)),
            Some(json!("deep")),
            None,
        );
        assert_eq!(row, expected, "{name}");
        // A float stays a float, an integer an integer; an object comes back whole.
        let q = from!(d in Doc, where: d.id == 1,
            select: (d.meta["num"], d.meta["int"], d.meta["a"]["b"][5], d.meta["n"], d.meta["missing"]));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = (
            Some(json!(1.0)),
            Some(json!(7)),
            Some(json!({"c": "deep"})),
            Some(Json::Null),
            None,
        );
        assert_eq!(row, expected, "{name}");
        assert_ne!(row.0, Some(json!(1)), "{name}");
    })
    .await;
}

#[tokio::test]
async fn positions_read_arrays_only() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        let q = from!(d in Doc, where: d.id == 1,
            select: (d.meta["a"]["b"][2147483647], d.meta["a"]["b"][0][0]));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(row, (None, None), "{name}");
        let q = from!(d in Doc, order_by: d.id,
            select: (d.meta[0], d.meta[2]["name"], json_text(d.meta[1])));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // A position of an object, and of the document `null`, finds nothing.
        let expected = [
            (None, None, None),
            (None, None, None),
            (Some(json!(1)), Some(json!("x")), Some("two".to_owned())),
            (None, None, None),
        ];
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}

#[tokio::test]
async fn json_text_is_the_text_of_strings_only() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        let q = from!(d in Doc, where: d.id == 1,
            select: (json_text(d.meta["s"]), json_text(d.meta["n"]), json_text(d.meta["t"]),
                     json_text(d.meta["int"]), json_text(d.meta["a"]), json_text(d.meta["missing"])));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = (Some("é\"\\\n😀 'q'".to_owned()), None, None, None, None, None);
        assert_eq!(row, expected, "{name}");
        // The document itself: a string column's text, NULL for SQL's NULL, `null` and
        // an object.
        let q = from!(d in Doc, order_by: d.id, select: json_text(d.extra));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [None, Some("plain".to_owned()), None, None], "{name}");
    })
    .await;
}

#[tokio::test]
async fn keys_needing_escapes_are_found() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        let q = from!(d in Doc, where: d.id == 1,
            select: (json_text(d.meta["k\"q"]), json_text(d.meta["a.b"]), json_text(d.meta["$"]),
                     json_text(d.meta["it's"]), json_text(d.meta["a b"]),
                     json_text(d.meta["back\\slash"]), json_text(d.meta["é😀"])));
        let row = repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = (
            Some("quote".to_owned()),
            Some("dot".to_owned()),
            Some("dollar".to_owned()),
            Some("apostrophe".to_owned()),
            Some("space".to_owned()),
            Some("backslash".to_owned()),
            Some("unicode".to_owned()),
        );
        assert_eq!(row, expected, "{name}");
    })
    .await;
}

#[tokio::test]
async fn paths_filter_rows() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        let ids = |q: Query<Doc, i64>| {
            let repo = repo.clone();
            async move { repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}")) }
        };
        let q = from!(d in Doc, where: json_text(d.meta["name"]) == "Ada", select: d.id);
        assert_eq!(ids(q).await, [1], "{name}");
        // A string's text compares exactly: case and trailing spaces count.
        let q = from!(d in Doc,
            where: json_text(d.meta["name"]) == "Ada " || json_text(d.meta["name"]) == "ada",
            select: d.id);
        assert_eq!(ids(q).await, Vec::<i64>::new(), "{name}");
        let q = from!(d in Doc, where: is_nil(d.meta["name"]), order_by: d.id, select: d.id);
        assert_eq!(ids(q).await, [3, 4], "{name}");
        let five = json!(5);
        let q = from!(d in Doc, where: d.meta["name"] == ^five, select: d.id);
        assert_eq!(ids(q).await, [2], "{name}");
        let q = from!(d in Doc, where: d.extra["a"] == ^json!(1), select: d.id);
        assert_eq!(ids(q).await, [4], "{name}");
        // An object found compares as the document it is, whatever spacing the engine
        // writes it with; a string found is the document of that string.
        let deep = json!({"c": "deep"});
        let q = from!(d in Doc, where: d.meta["a"]["b"][5] == ^deep, select: d.id);
        assert_eq!(ids(q).await, [1], "{name}");
        let x = json!("x");
        let q = from!(d in Doc, where: d.meta[2]["name"] == ^x.clone() || d.meta["a"]["b"][1] == ^x,
            order_by: d.id, select: d.id);
        assert_eq!(ids(q).await, [1, 3], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_key_beginning_with_a_dash_is_found_or_unsupported() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        let q = from!(d in Doc, where: d.id == 1, select: json_text(d.meta["-dash"]));
        match repo.engine() {
            // MariaDB finds no key that begins with `-` (docs/dialects.md).
            recto::Engine::MySql => assert!(
                matches!(repo.one(q).await, Err(recto::Error::Unsupported { .. })),
                "{name}"
            ),
            _ => assert_eq!(
                repo.one(q).await.unwrap_or_else(|e| panic!("{name}: {e}")),
                Some("dash".to_owned()),
                "{name}"
            ),
        }
    })
    .await;
}

#[tokio::test]
async fn paths_group_and_sort_as_their_values() {
    on_every_engine(|repo, name| async move {
        load(&repo, name).await;
        // Rows 3 and 4 have no string `name`, row 2 a number: three groups, NULL last.
        let q = from!(d in Doc,
            group_by: json_text(d.meta["name"]),
            order_by: json_text(d.meta["name"]),
            select: (json_text(d.meta["name"]), count()));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(Some("Ada".to_owned()), 1), (None, 3)], "{name}");
        let q = from!(d in Doc,
            where: !is_nil(d.meta["a"]),
            group_by: d.meta["a"],
            select: count(d.meta["a"], distinct));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 1], "{name}");
    })
    .await;
}
