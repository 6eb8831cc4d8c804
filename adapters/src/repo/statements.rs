//! Which statements may be cached as prepared statements on PostgreSQL connections.
//!
//! sqlx keeps each connection's prepared statements in a cache keyed by the SQL text alone,
//! and PostgreSQL fixes the type of every parameter when a statement is prepared. The same
//! text run again with parameters of other types (an `i32` where an `i64` was, a NULL of
//! another type — both happen with schemaless fields and `Value` parameters) would reuse the
//! statement prepared for the first types, and the server would reject the binary data
//! ("incorrect binary data format in bind parameter"). See
//! <https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY>.
//!
//! So the Repo remembers the parameter types each text was first run with and sends that
//! text unchanged with those types. With any other types it sends the text behind a comment
//! that names them (`/* recto: i64, text[] */ SELECT ...`): a different text, hence its own
//! cache entry, prepared for its own types. Every cached statement of one text therefore has
//! one set of types, on every connection. (Preparing the other runs uncached is no way out:
//! sqlx looks a text up in the cache even for a run that asks not to be cached.) The memory
//! is bounded: past [`CAPACITY`] texts, new texts are always sent with the comment.
//!
//! MySQL sends the parameter types with every execution and SQLite types values
//! dynamically, so neither needs this.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use recto_core::{Ty, Value};

/// How many distinct SQL texts the Repo remembers the parameter types of.
pub(super) const CAPACITY: usize = 4096;

/// The PostgreSQL type of each parameter: its type, and whether it is an array of it.
type Signature = Box<[(Ty, bool)]>;

/// The first parameter types each SQL text was run with, shared by a Repo's clones.
///
/// Entries are never changed or removed once made, so the answer for a text never changes:
/// most executions only read, under a read lock that concurrent readers share.
#[derive(Default)]
pub(super) struct Statements {
    first: RwLock<HashMap<Arc<str>, Signature>>,
}

/// A count, not the texts: a Repo's `Debug` output should not list every query it ran.
impl std::fmt::Debug for Statements {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let texts = self.first.read().map_or(0, |first| first.len());
        f.debug_struct("Statements").field("texts", &texts).finish()
    }
}

impl Statements {
    /// The text to send instead of `text` when it runs with `params`: `None` to send `text`
    /// itself (these are the types it was first run with), otherwise `text` behind a
    /// comment naming the types. `shared` gives the text to keep when it is new, so a text
    /// the caller already shares is kept without a copy.
    pub(super) fn tagged(
        &self,
        text: &str,
        params: &[Value],
        shared: impl FnOnce() -> Arc<str>,
    ) -> Option<String> {
        let signature = params
            .iter()
            .map(|v| (v.ty(), matches!(v, Value::Array(_))));
        // A poisoned lock only means another thread panicked while holding it; the map is
        // still a valid map.
        let seen = self
            .first
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(text)
            .map(|seen| seen.iter().copied().eq(signature.clone()));
        let unchanged = match seen {
            Some(unchanged) => unchanged,
            None => {
                let mut first = self.first.write().unwrap_or_else(PoisonError::into_inner);
                // Another execution may have recorded the text since the read above.
                match first.get(text) {
                    Some(seen) => seen.iter().copied().eq(signature.clone()),
                    None if first.len() < CAPACITY => {
                        first.insert(shared(), signature.clone().collect());
                        true
                    }
                    None => false,
                }
            }
        };
        if unchanged {
            return None;
        }
        let mut tagged = String::with_capacity(text.len() + 16 + 8 * params.len());
        tagged.push_str("/* recto:");
        for (n, (ty, array)) in signature.enumerate() {
            tagged.push_str(if n == 0 { " " } else { ", " });
            tagged.push_str(type_name(ty));
            if array {
                tagged.push_str("[]");
            }
        }
        tagged.push_str(" */ ");
        tagged.push_str(text);
        Some(tagged)
    }
}

/// A short, distinct name for each parameter type, for the comment.
fn type_name(ty: Ty) -> &'static str {
    match ty {
        Ty::Bool => "bool",
        Ty::I16 => "i16",
        Ty::I32 => "i32",
        Ty::I64 => "i64",
        Ty::F32 => "f32",
        Ty::F64 => "f64",
        Ty::Text => "text",
        Ty::Bytes => "bytes",
        Ty::Date => "date",
        Ty::Timestamp => "timestamp",
        // The binder rejects a type it does not know before anything is sent.
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use recto_core::Array;

    use super::*;

    impl Statements {
        /// The text sent for `text` run with `params`.
        fn text(&self, text: &str, params: &[Value]) -> String {
            self.tagged(text, params, || Arc::from(text))
                .unwrap_or_else(|| text.to_owned())
        }
    }

    #[test]
    fn other_types_get_their_own_text() {
        let statements = Statements::default();
        let text = "SELECT $1, $2";
        let same = [
            [Value::I32(1), Value::Text("a".into())],
            [Value::Null(Ty::I32), Value::Null(Ty::Text)],
        ];
        for params in same {
            assert_eq!(statements.text(text, &params), text);
        }
        let cases = [
            (
                vec![Value::I64(1), Value::Text("a".into())],
                "/* recto: i64, text */ SELECT $1, $2",
            ),
            (
                vec![Value::Array(Array::I32(vec![])), Value::Null(Ty::Bytes)],
                "/* recto: i32[], bytes */ SELECT $1, $2",
            ),
            (vec![], "/* recto: */ SELECT $1, $2"),
        ];
        for (params, expected) in cases {
            assert_eq!(statements.text(text, &params), expected);
        }
        assert_eq!(
            statements.text("SELECT $1 + 1", &[Value::I64(1)]),
            "SELECT $1 + 1"
        );
    }

    #[test]
    fn new_texts_are_tagged_past_capacity() {
        let statements = Statements::default();
        for n in 0..CAPACITY {
            assert_eq!(
                statements.text(&format!("SELECT {n}"), &[]),
                format!("SELECT {n}")
            );
        }
        assert_eq!(
            statements.text("SELECT 'one too many'", &[]),
            "/* recto: */ SELECT 'one too many'"
        );
        assert_eq!(statements.text("SELECT 0", &[]), "SELECT 0");
    }
}
