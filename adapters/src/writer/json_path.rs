//! JSON paths (`b.meta["a"][0]`) and `json_text` of one, in the dialect's spelling
//! ([`JsonPath`]). Keys are bound, never printed: the whole path is one bound path text
//! (`$."a"[0]`), its keys quoted as the dialect reads them ([`KeyQuote`]).

use recto_core::{Error, JsonAs, PathStep, Value};
use recto_planner::ExprId;

use super::Writer;
use super::params::Origin;
use crate::dialect::{Dialect, JsonPath, KeyQuote};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    /// Appends the value at `path` of the document `expr`, as `as_` says.
    pub(super) fn json_path(
        &mut self,
        expr: ExprId,
        path: &[PathStep],
        as_: JsonAs,
    ) -> Result<(), Error> {
        if self.quirks.json_path == JsonPath::ExtractFunction
            && path
                .iter()
                .any(|step| matches!(step, PathStep::Key(key) if key.starts_with('-')))
        {
            // MariaDB reads a leading `-` of a key as a negative position, even inside
            // quotes, and finds nothing.
            return Err(self.unsupported("a JSON path key that begins with `-`"));
        }
        match (self.quirks.json_path, as_) {
            (JsonPath::PathQuery, JsonAs::Json) => self.path_query(expr, path, ""),
            (JsonPath::PathQuery, _) => {
                self.sql("(");
                self.path_query(expr, path, " ? (@.type() == \"string\")")?;
                self.sql(" #>> '{}')");
                Ok(())
            }
            (JsonPath::ExtractFunction, JsonAs::Json) => {
                self.sql("JSON_COMPACT(");
                self.guarded_extract(expr, path)?;
                self.sql(")");
                Ok(())
            }
            (JsonPath::ExtractFunction, _) => {
                self.sql("CASE WHEN JSON_TYPE(");
                self.guarded_extract(expr, path)?;
                self.sql(") = 'STRING' THEN JSON_UNQUOTE(");
                self.guarded_extract(expr, path)?;
                self.sql(") COLLATE utf8mb4_nopad_bin END");
                Ok(())
            }
            (JsonPath::ArrowPath, JsonAs::Json) => self.arrow_path(expr, path, " -> "),
            (JsonPath::ArrowPath, _) => {
                self.sql("CASE WHEN json_type(");
                self.expr(expr)?;
                self.sql(", ");
                self.path_text(path, "", "")?;
                self.sql(") = 'text' THEN ");
                self.arrow_path(expr, path, " ->> ")?;
                self.sql(" END");
                Ok(())
            }
        }
    }

    /// `jsonb_path_query_first(x, CAST($1 AS jsonpath), '{}', true)`, the path in strict
    /// mode followed by `filter`.
    fn path_query(&mut self, expr: ExprId, path: &[PathStep], filter: &str) -> Result<(), Error> {
        self.sql("jsonb_path_query_first(");
        self.expr(expr)?;
        self.sql(", CAST(");
        self.path_text(path, "strict ", filter)?;
        self.sql(" AS jsonpath), '{}', true)");
        Ok(())
    }

    /// `JSON_EXTRACT(x, ?)`, inside `CASE WHEN JSON_TYPE(JSON_EXTRACT(x, ?)) = 'ARRAY'
    /// AND .. THEN .. END` when the path has positions, one test per position of the path
    /// up to it.
    fn guarded_extract(&mut self, expr: ExprId, path: &[PathStep]) -> Result<(), Error> {
        let mut guarded = false;
        for (n, step) in path.iter().enumerate() {
            if let PathStep::Index(_) = step {
                self.sql(if guarded { " AND " } else { "CASE WHEN " });
                guarded = true;
                self.sql("JSON_TYPE(JSON_EXTRACT(");
                self.expr(expr)?;
                self.sql(", ");
                self.path_text(&path[..n], "", "")?;
                self.sql(")) = 'ARRAY'");
            }
        }
        if guarded {
            self.sql(" THEN ");
        }
        self.sql("JSON_EXTRACT(");
        self.expr(expr)?;
        self.sql(", ");
        self.path_text(path, "", "")?;
        self.sql(")");
        if guarded {
            self.sql(" END");
        }
        Ok(())
    }

    /// `(x -> ?)` or `(x ->> ?)`.
    fn arrow_path(&mut self, expr: ExprId, path: &[PathStep], arrow: &str) -> Result<(), Error> {
        self.sql("(");
        self.operand(expr)?;
        self.sql(arrow);
        self.path_text(path, "", "")?;
        self.sql(")");
        Ok(())
    }

    /// The path text `$."a"[0]` between `mode` and `filter`, bound.
    fn path_text(&mut self, path: &[PathStep], mode: &str, filter: &str) -> Result<(), Error> {
        let mut text = String::from(mode);
        if !write_path(&mut text, path, self.quirks.json_key_quote) {
            return Err(self.unsupported("this JSON path step"));
        }
        text.push_str(filter);
        self.bind(Value::Text(text), Origin::Value(0))
    }
}

/// Appends the path text `$`, then `."key"` for each key and `[n]` for each position. A
/// key is written as a JSON string's contents escaped as serde_json escapes them (so as the
/// canonical text stores the key: an engine that compares a path's key with the stored one
/// as written finds it), its `"` as `quote` says. `false` for a step recto does not know.
pub(crate) fn write_path(text: &mut String, path: &[PathStep], quote: KeyQuote) -> bool {
    text.push('$');
    for step in path {
        match step {
            PathStep::Key(key) => {
                text.push_str(".\"");
                for c in key.chars() {
                    match c {
                        '"' if quote == KeyQuote::Unicode => text.push_str("\\u0022"),
                        '"' => text.push_str("\\\""),
                        '\\' => text.push_str("\\\\"),
                        '\u{8}' => text.push_str("\\b"),
                        '\u{c}' => text.push_str("\\f"),
                        '\n' => text.push_str("\\n"),
                        '\r' => text.push_str("\\r"),
                        '\t' => text.push_str("\\t"),
                        c if u32::from(c) < 0x20 => {
                            text.push_str(&format!("\\u{:04x}", u32::from(c)));
                        }
                        c => text.push(c),
                    }
                }
                text.push('"');
            }
            PathStep::Index(n) => {
                text.push('[');
                text.push_str(&n.to_string());
                text.push(']');
            }
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use recto_core::PathStep;

    use super::write_path;
    use crate::dialect::KeyQuote;

    #[test]
    fn keys_are_quoted_and_escaped() {
        let path = [
            PathStep::Key("a b".into()),
            PathStep::Index(0),
            PathStep::Key("q\"\\.$'".into()),
            PathStep::Key("\n\u{1f}".into()),
        ];
        let mut text = String::new();
        assert!(write_path(&mut text, &path, KeyQuote::Unicode));
        assert_eq!(text, r#"$."a b"[0]."q\u0022\\.$'"."\n\u001f""#);
        let mut text = String::new();
        assert!(write_path(&mut text, &path, KeyQuote::Backslash));
        assert_eq!(text, r#"$."a b"[0]."q\"\\.$'"."\n\u001f""#);
        let mut text = String::new();
        assert!(write_path(&mut text, &[], KeyQuote::Backslash));
        assert_eq!(text, "$");
    }
}
