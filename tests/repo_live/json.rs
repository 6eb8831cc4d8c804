//! JSON documents (`serde_json::Value`) on every engine: `JSONB` on PostgreSQL, `JSON` on
//! MariaDB, `TEXT` on SQLite, in a table `recto::ddl` creates. Two documents are equal
//! exactly when serde_json holds them equal (docs/dialects.md, "JSON documents"): objects
//! whatever their keys' order, arrays in order, `1` and `1.0` apart, JSON's `null` apart
//! from SQL's NULL.

use recto::prelude::*;
use recto::serde_json::{Value as Json, json};
use recto::{Engine, Error, RawSql};

use super::on_every_engine;

/// A row of [`json_documents_compare_and_round_trip`]'s table.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "documents")]
struct Document {
    #[recto(primary_key)]
    id: i64,
    meta: recto::serde_json::Value,
    extra: Option<recto::serde_json::Value>,
}

fn fixture() -> Vec<Document> {
    let row = |id, meta, extra| Document { id, meta, extra };
    vec![
        // Nested objects, and a string of quotes, a backslash, a control character,
        // accents and a character outside the BMP.
        row(
            1,
            json!({"b": 1, "a": {"y": [1, 2], "x": "é\"\\\n😀 'q'"}}),
            None,
        ),
        row(2, json!({"a": 1.0}), Some(Json::Null)),
        row(3, json!({"a": 1}), Some(json!([1, "two", null, true]))),
        row(4, json!([3, 2, 1]), Some(json!("text"))),
        row(5, Json::Null, Some(json!({}))),
        row(
            6,
            json!({"big": 1e16}),
            Some(json!([u64::MAX, i64::MIN, 0.1, 5e-324, 1e300, -2.5e-7])),
        ),
        row(7, json!({"big": 10_000_000_000_000_000_u64}), None),
        row(8, json!({"a": "1"}), Some(json!({"a": "1"}))),
    ]
}

/// Documents bound as `^` parameters compare with document columns by serde_json's
/// equality, NULL and JSON `null` stay apart, `in ^list` and `in [..]` match, a column
/// compares with a column, and every document decodes back exactly — on every engine.
#[tokio::test]
async fn json_documents_compare_and_round_trip() {
    on_every_engine("recto_json", Document::META, json_body).await;
}

async fn json_body(repo: Repo, meta: recto::SchemaMeta, quoted: String) {
    let name = repo.name();
    let mut documents = Query::<Document>::from_schema();
    documents.data_mut().from.source = recto::Source::Schema(meta);
    let rows = fixture();
    for row in &rows {
        let insert = RawSql::new(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {quoted} (id, meta, extra) VALUES ($1, $2, $3)"
        )))
        .bind(row.id)
        .bind(&row.meta)
        .bind(&row.extra);
        repo.execute_sql(&insert)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let ids_of = async |q: Query<Document, i64>| -> Vec<i64> {
        repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let docs = || documents.clone();

    // Keys in another order, whitespace and escapes are the document's text, not the
    // document.
    let nested = recto::serde_json::from_str::<Json>(
        r#"{ "a" : { "x" : "\u00e9\"\\\n\ud83d\ude00 'q'", "y" : [1, 2] }, "b" : 1 }"#,
    )
    .expect("JSON");
    let q = from!(d in docs(), where: d.meta == ^nested, order_by: d.id, select: d.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    // `1` and `1.0` are two documents, as serde_json holds them.
    let q = from!(d in docs(), where: d.meta == ^json!({"a": 1}), select: d.id);
    assert_eq!(ids_of(q).await, [3], "{name}");
    let q = from!(d in docs(), where: d.meta == ^json!({"a": 1.0}), select: d.id);
    assert_eq!(ids_of(q).await, [2], "{name}");
    let q = from!(d in docs(), where: d.meta == ^json!({"big": 1e16}), select: d.id);
    assert_eq!(ids_of(q).await, [6], "{name}");
    let big = json!({"big": 10_000_000_000_000_000_u64});
    let q = from!(d in docs(), where: d.meta == ^big, select: d.id);
    assert_eq!(ids_of(q).await, [7], "{name}");
    // A string is not the number it spells.
    let q = from!(d in docs(), where: d.meta == ^json!({"a": "1"}), select: d.id);
    assert_eq!(ids_of(q).await, [8], "{name}");
    let q = from!(d in docs(), where: d.meta != ^json!({"a": 1}), order_by: d.id, select: d.id);
    assert_eq!(ids_of(q).await, [1, 2, 4, 5, 6, 7, 8], "{name}");
    // Arrays are ordered.
    let q = from!(d in docs(), where: d.meta == ^json!([1, 2, 3]), select: d.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");
    let q = from!(d in docs(), where: d.meta == ^json!([3, 2, 1]), select: d.id);
    assert_eq!(ids_of(q).await, [4], "{name}");

    // JSON's `null` is a document; SQL's NULL is no document.
    let q = from!(d in docs(), where: d.meta == ^Json::Null, select: d.id);
    assert_eq!(ids_of(q).await, [5], "{name}");
    let q = from!(d in docs(), where: d.extra == ^Json::Null, select: d.id);
    assert_eq!(ids_of(q).await, [2], "{name}");
    let q = from!(d in docs(), where: is_nil(d.extra), order_by: d.id, select: d.id);
    assert_eq!(ids_of(q).await, [1, 7], "{name}");
    let none: Option<Json> = None;
    let q = from!(d in docs(), where: d.extra == ^none, select: d.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");

    let list = vec![json!({"a": 1}), json!([3, 2, 1]), json!({"a": 2})];
    let q = from!(d in docs(), where: d.meta in ^list, order_by: d.id, select: d.id);
    assert_eq!(ids_of(q).await, [3, 4], "{name}");
    let q = from!(d in docs(), where: d.meta in ^Vec::<Json>::new(), select: d.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");
    let q = from!(d in docs(),
                  where: d.meta in [^Json::Null, ^json!({"a": 1.0})],
                  order_by: d.id,
                  select: d.id);
    assert_eq!(ids_of(q).await, [2, 5], "{name}");
    let q = from!(d in docs(), where: d.meta == d.extra, select: d.id);
    assert_eq!(ids_of(q).await, [8], "{name}");
    // Two bound documents compare as documents too, not in a case-insensitive collation.
    let q = from!(d in docs(), where: ^json!("A") == ^json!("a"), select: d.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");

    // Grouping and `distinct` use the engine's own equality: PostgreSQL's `jsonb` takes
    // `{"a": 1}` and `{"a": 1.0}` for one value, and the two `big` documents too
    // (docs/dialects.md, "JSON documents").
    let q = from!(d in docs(), select: count(d.meta, distinct));
    let distinct = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected = match repo.engine() {
        Engine::Postgres => 6,
        _ => 8,
    };
    assert_eq!(distinct, expected, "{name}");

    // Every document decodes back as it was bound, from a column and from an expression.
    let q = from!(d in docs(), order_by: d.id);
    let decoded: Vec<Document> = repo.all(&q).await.expect("decode the documents");
    assert_eq!(decoded, rows, "{name}");
    let fallback = json!({"none": true});
    let q = from!(d in docs(), order_by: d.id, select: coalesce(d.extra, ^&fallback));
    // The fallback is never NULL, so neither is the coalesce: a plain document.
    let selected: Vec<Json> = repo.all(&q).await.expect("decode the coalesce");
    let expected: Vec<Json> = rows
        .iter()
        .map(|row| row.extra.clone().unwrap_or_else(|| fallback.clone()))
        .collect();
    assert_eq!(selected, expected, "{name}");
}

/// A row of [`json_nesting_is_bounded_alike`]'s table.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "nested")]
struct Nested {
    #[recto(primary_key)]
    id: i64,
    doc: recto::serde_json::Value,
}

/// A document 31 arrays and objects deep is stored and read back on every engine; one
/// level more is refused before anything is sent, on every engine alike (MariaDB's `JSON`
/// column would refuse it).
#[tokio::test]
async fn json_nesting_is_bounded_alike() {
    on_every_engine("recto_json_nested", Nested::META, nested_body).await;
}

fn nested(levels: usize) -> Json {
    (0..levels).fold(json!("leaf"), |inner, n| {
        if n % 2 == 0 {
            json!([inner])
        } else {
            json!({ "k": inner })
        }
    })
}

async fn nested_body(repo: Repo, meta: recto::SchemaMeta, quoted: String) {
    let name = repo.name();
    let insert = |id: i64, doc: Json| {
        RawSql::new(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {quoted} (id, doc) VALUES ($1, $2)"
        )))
        .bind(id)
        .bind(doc)
    };
    repo.execute_sql(&insert(1, nested(31)))
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let refused = repo.execute_sql(&insert(2, nested(32))).await;
    assert!(
        matches!(refused, Err(Error::Unsupported { .. })),
        "{name}: {refused:?}"
    );
    let mut all = Query::<Nested>::from_schema();
    all.data_mut().from.source = recto::Source::Schema(meta);
    let deep = nested(31);
    let q = from!(n in all, where: n.doc == ^&deep);
    let rows: Vec<Nested> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(rows, [Nested { id: 1, doc: deep }], "{name}");
    if matches!(repo.engine(), Engine::Sqlite) {
        // SQLite's column refuses text that is not JSON, as the servers' JSON types do.
        let raw = RawSql::new(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {quoted} (id, doc) VALUES (3, '{{not json')"
        )));
        assert!(repo.execute_sql(&raw).await.is_err(), "{name}");
    }
}
