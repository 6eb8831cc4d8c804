//! JSON paths: `b.meta["a"][0]` on a document ([`json_key`], [`json_index`]) and
//! `json_text(..)` of one ([`json_text`]). A path's keys and positions are written in the
//! query; the adapters bind the whole path as one path text, so no key is ever spliced into
//! SQL.

use super::Typed;
use crate::expr::{Expr, JsonAs, PathStep};
use crate::value::{SqlType, kind};

/// A kind of values a JSON path may start from: a document, or a value whose type only the
/// planner knows (a schemaless field, which it checks).
#[diagnostic::on_unimplemented(
    message = "a JSON path starts at a JSON document, found an expression of kind `{Self}`",
    label = "not a JSON document",
    note = "`x[\"key\"]` and `x[0]` read a `serde_json::Value` field; `json_text(..)` takes such a path"
)]
pub trait JsonBase {}

impl JsonBase for kind::JsonDocument {}
impl JsonBase for kind::Untyped {}

/// `doc` with one more step, as a document: a path extends the path it is written after.
fn step(mut doc: Expr, step: PathStep) -> Expr {
    if let Expr::JsonPath {
        path,
        as_: JsonAs::Json,
        ..
    } = &mut doc
    {
        path.push(step);
        return doc;
    }
    Expr::JsonPath {
        expr: Box::new(doc),
        path: vec![step],
        as_: JsonAs::Json,
    }
}

/// `doc["key"]`: the value of the key `key` of the object `doc`, a document; NULL where
/// `doc` is not an object or has no such key.
pub fn json_key<T: SqlType>(doc: Typed<T>, key: &'static str) -> Typed<Option<serde_json::Value>>
where
    T::Kind: JsonBase,
{
    Typed::new(step(doc.expr, PathStep::Key(key.into())))
}

/// `doc[n]`: the element at the 0-based position `n` of the array `doc`, a document; NULL
/// where `doc` is not an array or is shorter.
pub fn json_index<T: SqlType>(doc: Typed<T>, n: u32) -> Typed<Option<serde_json::Value>>
where
    T::Kind: JsonBase,
{
    Typed::new(step(doc.expr, PathStep::Index(i64::from(n))))
}

/// `json_text(doc)`: the text of `doc` where it is a JSON string (unquoted and unescaped),
/// NULL where it is anything else (a number, a boolean, `null`, an array or an object) or
/// missing. `json_text(b.meta["name"])` reads the string at `name`.
pub fn json_text<T: SqlType>(doc: Typed<T>) -> Typed<Option<String>>
where
    T::Kind: JsonBase,
{
    let mut doc = doc.expr;
    if let Expr::JsonPath { as_, .. } = &mut doc
        && *as_ == JsonAs::Json
    {
        *as_ = JsonAs::Text;
        return Typed::new(doc);
    }
    Typed::new(Expr::JsonPath {
        expr: Box::new(doc),
        path: Vec::new(),
        as_: JsonAs::Text,
    })
}
