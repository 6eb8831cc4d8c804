//! Rendering snapshots of JSON documents in PostgreSQL, MySQL and SQLite: documents are
//! always bound; `==`, `!=` and `in` compare the canonical text (cast to `text` from
//! `jsonb` on PostgreSQL, to bytes on MySQL, as it is on SQLite); and every ordering of
//! documents is refused before any SQL is written.

#![cfg(feature = "json")]

mod fixture;

use std::borrow::Cow;

use fixture::*;
use recto_core::{AggFunc, Array, BinOp, Direction, Expr, Query, Schema, SchemaMeta, Ty, Value};
use serde_json::json;

/// `documents`: a document and an optional one.
struct Document;

impl Schema for Document {
    type Fields = ();
    const FIELDS: () = ();
    const META: SchemaMeta = SchemaMeta {
        table: Cow::Borrowed("documents"),
        fields: Cow::Borrowed(&[
            field("id", Ty::I64, false),
            field("meta", Ty::Json, false),
            field("extra", Ty::Json, true),
        ]),
        primary_key: Cow::Borrowed(&[Cow::Borrowed("id")]),
    };
}

const fn field(name: &'static str, ty: Ty, nullable: bool) -> recto_core::FieldMeta {
    recto_core::FieldMeta {
        name: Cow::Borrowed(name),
        column: Cow::Borrowed(name),
        ty,
        nullable,
        max_length: None,
        decimal: None,
    }
}

fn documents() -> Query<Document> {
    Query::<Document>::from_schema()
}

fn doc(value: serde_json::Value) -> Expr {
    param(Value::Json(value))
}

macro_rules! cases {
    ($($name:ident => $query:expr;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), render_all(&$query));
        }
    )*};
}

cases! {
    json_equal_and_not_equal => documents()
        .filter(eq(u("meta"), doc(json!({"b": 1, "a": [1.0, null]}))))
        .filter(bin(BinOp::Ne, u("extra"), doc(json!("x"))))
        .select(tuple(vec![u("id"), u("meta")]));
    json_null_is_typed => documents()
        .filter(eq(u("extra"), param(Value::Null(Ty::Json))).or(eq(u("meta"), doc(serde_json::Value::Null))))
        .select(one(u("id")));
    json_column_with_a_column => documents()
        .filter(eq(u("meta"), u("extra")))
        .select(one(u("id")));
    json_in_param_list => documents()
        .filter(in_param(u("meta"), Array::Json(vec![json!(1), json!({"a": 2}), json!([3])])))
        .select(one(u("id")));
    json_in_literal_list => documents()
        .filter(in_list(u("extra"), vec![doc(json!(true)), u("meta")]))
        .select(one(u("id")));
    json_selected_and_coalesced => documents()
        .select(tuple(vec![doc(json!({"k": "v"})), coalesce(vec![u("extra"), doc(json!({}))])]));
    // A schemaless column compared with a document compares as documents do.
    json_schemaless_column => Query::table("documents")
        .filter(eq(u("meta"), doc(json!([]))))
        .select(one(u("id")));
    // Documents have no order the engines share: refused on every dialect.
    json_ordering_is_refused => documents()
        .filter(bin(BinOp::Lt, u("meta"), doc(json!(1))))
        .select(one(u("id")));
    json_sort_is_refused => documents()
        .order_by(order(Direction::Asc, u("extra")))
        .select(one(u("id")));
    json_max_is_refused => documents()
        .select(one(agg(AggFunc::Max, Some(u("meta")), false)));
}

fn coalesce(args: Vec<Expr>) -> Expr {
    Expr::Coalesce(args)
}
