//! JSON documents as bound parameters: every document is written in one canonical text, so
//! that two documents are stored and compared as the same text exactly when they are the
//! same `serde_json::Value` (docs/dialects.md, "JSON documents").
//!
//! The canonical text has no whitespace, object keys in code point order (whatever order
//! the map kept them in: serde_json's `preserve_order` feature keeps insertion order),
//! strings escaped as serde_json escapes them, integers as their digits, and floats in
//! plain decimal notation with a fraction part (`1.0`, `0.0000001`,
//! `10000000000000000.0`), never an exponent, and `-0.0` as `0.0` (serde_json holds the two
//! equal). An integer and a float therefore never share a text, on any engine: PostgreSQL
//! keeps a number's written scale in `jsonb` (`1.0` stays `1.0`), but would read `1e16` as
//! the integer `10000000000000000`.
//!
//! MySQL and SQLite receive this text as a string and store it as it is; PostgreSQL
//! receives it as `jsonb` (sqlx's encoding: a version byte, then the text).
//!
//! A document nested more than [`MAX_DEPTH`] arrays and objects deep is refused on every
//! engine alike: MariaDB's `JSON` type checks its column with `JSON_VALID`, which refuses
//! 32 levels and more (<https://mariadb.com/kb/en/json_valid/>).

use std::fmt::Write as _;

use recto_core::{Error, Ty, Value};
use serde_json::Value as Json;
use sqlx::Arguments;

/// How many arrays and objects deep a document may nest (`[[1]]` is two).
pub(crate) const MAX_DEPTH: usize = 31;

/// The canonical text of `document`, or the error for a document nested past
/// [`MAX_DEPTH`].
pub(crate) fn canonical(document: &Json, dialect: &'static str) -> Result<String, Error> {
    let mut out = String::new();
    if write(&mut out, document, 0) {
        Ok(out)
    } else {
        Err(Error::Unsupported {
            feature: "a JSON document nested more than 31 arrays and objects deep",
            dialect,
        })
    }
}

/// Appends `value`, which sits inside `depth` arrays and objects, or returns `false` when it
/// nests past [`MAX_DEPTH`]. The recursion is bounded by that check.
fn write(out: &mut String, value: &Json, depth: usize) -> bool {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Number(n) => number(out, n),
        Json::String(s) => string(out, s),
        Json::Array(items) => {
            if depth == MAX_DEPTH {
                return false;
            }
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                if !write(out, item, depth + 1) {
                    return false;
                }
            }
            out.push(']');
        }
        Json::Object(map) => {
            if depth == MAX_DEPTH {
                return false;
            }
            let mut entries: Vec<(&String, &Json)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (n, (key, item)) in entries.into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                string(out, key);
                out.push(':');
                if !write(out, item, depth + 1) {
                    return false;
                }
            }
            out.push('}');
        }
    }
    true
}

/// A string as serde_json writes it: `"` and `\` escaped, control characters as `\n` or
/// `\u001f`, everything else as its UTF-8.
fn string(out: &mut String, s: &str) {
    // Serializing a `&str` cannot fail, and its output is UTF-8.
    if let Ok(quoted) = serde_json::to_string(s) {
        out.push_str(&quoted);
    }
}

/// An integer as its digits; a float in plain decimal notation with a fraction part.
fn number(out: &mut String, n: &serde_json::Number) {
    // Writing to a String cannot fail.
    if let Some(u) = n.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
    } else {
        // serde_json holds no NaN or infinity; `Display` writes the shortest digits that
        // read back as the same double, without an exponent.
        let f = n.as_f64().unwrap_or_default();
        let start = out.len();
        if f == 0.0 {
            out.push_str("0.0");
        } else {
            let _ = write!(out, "{f}");
        }
        if !out[start..].contains('.') {
            out.push_str(".0");
        }
    }
}

/// Adds a document or a NULL document to `args` as canonical text (MySQL, SQLite); `None`
/// for any other value.
#[cfg(any(feature = "mysql", feature = "sqlite"))]
pub(super) fn bind_text<DB>(
    args: &mut DB::Arguments,
    value: &Value,
    dialect: &'static str,
) -> Option<Result<(), Error>>
where
    DB: sqlx::Database,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let added = match value {
        Value::Json(document) => match canonical(document, dialect) {
            Ok(text) => args.add(text),
            Err(e) => return Some(Err(e)),
        },
        Value::Null(Ty::Json) => args.add(None::<String>),
        _ => return None,
    };
    Some(added.map_err(Error::Database))
}

/// A document as PostgreSQL's `jsonb`, from its canonical text.
#[cfg(feature = "postgres")]
type Jsonb = sqlx::types::Json<Box<serde_json::value::RawValue>>;

#[cfg(feature = "postgres")]
fn jsonb(document: &Json, dialect: &'static str) -> Result<Jsonb, Error> {
    let text = canonical(document, dialect)?;
    let raw =
        serde_json::value::RawValue::from_string(text).map_err(|e| Error::Database(Box::new(e)))?;
    Ok(sqlx::types::Json(raw))
}

/// Adds a document, a NULL document or a list of documents to `args` as `jsonb` (a NULL
/// and an empty list typed too); `None` for any other value.
#[cfg(feature = "postgres")]
pub(super) fn bind_postgres(
    args: &mut sqlx::postgres::PgArguments,
    value: &Value,
    dialect: &'static str,
) -> Option<Result<(), Error>> {
    let added = match value {
        Value::Json(document) => match jsonb(document, dialect) {
            Ok(document) => args.add(document),
            Err(e) => return Some(Err(e)),
        },
        Value::Null(Ty::Json) => args.add(None::<Jsonb>),
        Value::Array(recto_core::Array::Json(documents)) => {
            let documents: Result<Vec<Jsonb>, Error> =
                documents.iter().map(|d| jsonb(d, dialect)).collect();
            match documents {
                Ok(documents) => args.add(documents),
                Err(e) => return Some(Err(e)),
            }
        }
        _ => return None,
    };
    Some(added.map_err(Error::Database))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn text(document: &Json) -> String {
        canonical(document, "test").expect("a document within the depth limit")
    }

    #[test]
    fn keys_sorted_no_whitespace() {
        let document = json!({"b": [1, {"d": null, "c": true}], "a": "x", "": false});
        assert_eq!(
            text(&document),
            r#"{"":false,"a":"x","b":[1,{"c":true,"d":null}]}"#
        );
    }

    #[test]
    fn keys_sort_by_code_point() {
        let document = json!({"é": 1, "z": 2, "Z": 3, "aa": 4, "a": 5});
        assert_eq!(text(&document), r#"{"Z":3,"a":5,"aa":4,"z":2,"é":1}"#);
    }

    #[test]
    fn strings_escaped_as_serde_json_does() {
        let document = json!("quote \" backslash \\ newline \n unit \u{1f} é 😀");
        assert_eq!(
            text(&document),
            r#""quote \" backslash \\ newline \n unit \u001f é 😀""#
        );
    }

    /// An integer never shares a text with a float, whatever its size.
    #[test]
    fn numbers_integers_and_floats_apart() {
        let cases = [
            (json!(1), "1"),
            (json!(1.0), "1.0"),
            (json!(-1), "-1"),
            (json!(u64::MAX), "18446744073709551615"),
            (json!(i64::MIN), "-9223372036854775808"),
            (json!(0.1), "0.1"),
            (json!(-0.0), "0.0"),
            (json!(0.0), "0.0"),
            (json!(1e16), "10000000000000000.0"),
            (json!(-1.5e17), "-150000000000000000.0"),
            (json!(1e-7), "0.0000001"),
            (json!(100.0), "100.0"),
        ];
        for (document, expected) in cases {
            assert_eq!(text(&document), expected, "{document:?}");
        }
    }

    /// Every float reads back as itself.
    #[test]
    fn floats_read_back_exactly() {
        for f in [
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::from_bits(1),
            1e300,
            9_007_199_254_740_993.0,
            0.1 + 0.2,
        ] {
            let back: Json = serde_json::from_str(&text(&json!(f))).expect("JSON");
            assert_eq!(back.as_f64().map(f64::to_bits), Some(f.to_bits()), "{f}");
            assert!(back.is_f64(), "{f}");
        }
    }

    /// A document, a NULL document and lists of documents bind on every engine (lists as
    /// one array on PostgreSQL only); a document nested too deeply is refused on each.
    #[test]
    fn documents_bind_on_every_engine() {
        use std::borrow::Cow;

        use recto_core::Array;

        let document = Value::Json(json!({"b": [1.0, "é"], "a": null}));
        let deep = Value::Json((0..=MAX_DEPTH).fold(json!(0), |inner, _| json!([inner])));
        let scalars = [
            document.clone(),
            Value::Null(Ty::Json),
            Value::Json(json!(null)),
        ];
        #[cfg(feature = "postgres")]
        {
            let mut params = scalars.to_vec();
            params.push(Value::Array(Array::Json(vec![json!(1), json!({})])));
            params.push(Value::Array(Array::Json(vec![])));
            let args = super::super::postgres(Cow::Borrowed(&params)).expect("binds");
            assert_eq!(args.len(), params.len());
            let err =
                super::super::postgres(Cow::Borrowed(std::slice::from_ref(&deep))).unwrap_err();
            assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        }
        #[cfg(feature = "mysql")]
        {
            let args = super::super::mysql(Cow::Borrowed(&scalars)).expect("binds");
            assert_eq!(args.len(), scalars.len());
            let err = super::super::mysql(Cow::Borrowed(std::slice::from_ref(&deep))).unwrap_err();
            assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        }
        #[cfg(feature = "sqlite")]
        {
            let args = super::super::sqlite(Cow::Owned(scalars.to_vec())).expect("binds");
            assert!(
                format!("{args:?}").contains(r#"Text("{\"a\":null,\"b\":[1.0,\"é\"]}")"#),
                "{args:?}"
            );
            let err = super::super::sqlite(Cow::Owned(vec![deep])).unwrap_err();
            assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        }
    }

    #[test]
    fn nesting_past_the_limit_is_refused() {
        let nested = |levels: usize| {
            (0..levels).fold(json!(1), |inner, n| {
                if n % 2 == 0 {
                    json!([inner])
                } else {
                    json!({ "k": inner })
                }
            })
        };
        assert!(canonical(&nested(MAX_DEPTH), "test").is_ok());
        let err = canonical(&nested(MAX_DEPTH + 1), "test").unwrap_err();
        assert!(
            matches!(
                err,
                Error::Unsupported {
                    dialect: "test",
                    ..
                }
            ),
            "{err}"
        );
    }
}
