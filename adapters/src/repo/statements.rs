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
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use recto_core::{Ty, Value};

/// How many distinct SQL texts the Repo remembers the parameter types of, and how many
/// shared texts it remembers by address.
pub(super) const CAPACITY: usize = 4096;

/// The PostgreSQL type of each parameter: its type, and whether it is an array of it.
type Signature = Arc<[(Ty, bool)]>;

/// The first parameter types each SQL text was run with, shared by a Repo's clones.
///
/// `first` is the record, keyed by text. Its entries are never changed or removed, so the
/// answer for a text never changes, and `by_address` can keep a copy of it for each shared
/// text (the `Arc<str>` the shape cache hands out for a query's shape): a repeated shape is
/// then found by the text's address, without hashing or comparing the text itself. An entry
/// holds its text, so the address cannot be reused by other text while the entry exists.
/// `None` there means the text was new when `first` was full: it is always tagged.
#[derive(Default)]
pub(super) struct Statements {
    first: RwLock<HashMap<Arc<str>, Signature>>,
    by_address: RwLock<ByAddress>,
}

/// Shared texts by address: the text itself, keeping the address taken, and its answer.
type ByAddress = HashMap<usize, (Arc<str>, Option<Signature>), BuildHasherDefault<AddressHasher>>;

/// A count, not the texts: a Repo's `Debug` output should not list every query it ran.
impl std::fmt::Debug for Statements {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Statements")
            .field("texts", &read(&self.first).len())
            .finish()
    }
}

impl Statements {
    /// The text to send instead of `text` when it runs with `params`: `None` to send `text`
    /// itself (these are the types it was first run with), otherwise `text` behind a
    /// comment naming the types. `shared` is the text as the shape cache shares it, if it
    /// is: then it is found by address, and kept without a copy when it is new.
    pub(super) fn tagged(
        &self,
        text: &str,
        shared: Option<&Arc<str>>,
        params: &[Value],
    ) -> Option<String> {
        let signature = params
            .iter()
            .map(|v| (v.ty(), matches!(v, Value::Array(_))));
        let same = |first: &[(Ty, bool)]| first.iter().copied().eq(signature.clone());
        let unchanged = match shared {
            Some(shared) => self.unchanged_shared(shared, params, same),
            None => self
                .first(text, params, || Arc::from(text))
                .is_some_and(|f| same(&f)),
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

    /// Whether `same` holds for the first types of a shared text, found by its address
    /// when it was seen before.
    fn unchanged_shared(
        &self,
        text: &Arc<str>,
        params: &[Value],
        same: impl Fn(&[(Ty, bool)]) -> bool,
    ) -> bool {
        let address = Arc::as_ptr(text).cast::<u8>() as usize;
        if let Some((_, first)) = read(&self.by_address).get(&address) {
            return first.as_deref().is_some_and(&same);
        }
        let first = self.first(text, params, || Arc::clone(text));
        let unchanged = first.as_deref().is_some_and(&same);
        let mut by_address = write(&self.by_address);
        // A cache of answers `first` holds anyway: emptying it loses nothing but speed.
        if by_address.len() >= CAPACITY {
            by_address.clear();
        }
        by_address.insert(address, (Arc::clone(text), first));
        unchanged
    }

    /// The types `text` was first run with, recording those of `params` (and the text,
    /// made by `key`) if it is new and there is room; `None` if it is new and there is not.
    fn first(
        &self,
        text: &str,
        params: &[Value],
        key: impl FnOnce() -> Arc<str>,
    ) -> Option<Signature> {
        if let Some(first) = read(&self.first).get(text) {
            return Some(Arc::clone(first));
        }
        let mut first = write(&self.first);
        // Another execution may have recorded the text since the read above.
        if let Some(seen) = first.get(text) {
            return Some(Arc::clone(seen));
        }
        if first.len() >= CAPACITY {
            return None;
        }
        let signature: Signature = params
            .iter()
            .map(|v| (v.ty(), matches!(v, Value::Array(_))))
            .collect();
        first.insert(key(), Arc::clone(&signature));
        Some(signature)
    }
}

/// A read guard; a poisoned lock only means another thread panicked while holding it, and
/// the map is still a valid map.
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

/// A write guard (see [`read`] on poisoning).
fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

/// Hashes an address: a multiplication that spreads its bits, whose high and low bits
/// both vary though an allocation's low bits do not. Addresses come from the allocator,
/// not from users, so no hash flooding resistance is needed.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        let spread = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = spread ^ (spread >> 32);
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
        Ty::Time => "time",
        Ty::TimestampUtc => "timestamptz",
        Ty::Uuid => "uuid",
        Ty::Json => "json",
        Ty::Decimal => "decimal",
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
            self.tagged(text, None, params)
                .unwrap_or_else(|| text.to_owned())
        }

        /// The text sent for shared `text` run with `params`.
        fn shared(&self, text: &Arc<str>, params: &[Value]) -> String {
            self.tagged(text, Some(text), params)
                .unwrap_or_else(|| text.to_string())
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

    /// Shared texts are found by address, but a text's first types are one record
    /// whatever the `Arc` it comes in: another allocation of the same text, or the same
    /// text borrowed, gets the same answers.
    #[test]
    fn shared_texts_answer_as_their_text_does() {
        let statements = Statements::default();
        let one: Arc<str> = Arc::from("SELECT $1");
        let other: Arc<str> = Arc::from("SELECT $1");
        assert_eq!(statements.shared(&one, &[Value::I32(1)]), "SELECT $1");
        assert_eq!(statements.shared(&one, &[Value::I32(2)]), "SELECT $1");
        let tagged = "/* recto: i64 */ SELECT $1";
        assert_eq!(statements.shared(&one, &[Value::I64(1)]), tagged);
        assert_eq!(statements.shared(&other, &[Value::I64(1)]), tagged);
        assert_eq!(
            statements.shared(&other, &[Value::Null(Ty::I32)]),
            "SELECT $1"
        );
        assert_eq!(statements.text("SELECT $1", &[Value::I64(1)]), tagged);

        // A text first seen borrowed is recorded once; its shared form agrees.
        assert_eq!(
            statements.text("SELECT $2", &[Value::Bool(true)]),
            "SELECT $2"
        );
        let two: Arc<str> = Arc::from("SELECT $2");
        assert_eq!(statements.shared(&two, &[Value::Bool(false)]), "SELECT $2");
        assert_eq!(statements.shared(&two, &[]), "/* recto: */ SELECT $2");
        assert_eq!(read(&statements.first).len(), 2);
    }

    /// Past its capacity the table of addresses starts over; the answers stay the same,
    /// including for texts that were new when the record was full.
    #[test]
    fn answers_survive_the_address_table_starting_over() {
        let statements = Statements::default();
        let kept: Arc<str> = Arc::from("SELECT 'kept'");
        assert_eq!(statements.shared(&kept, &[]), "SELECT 'kept'");
        let texts: Vec<Arc<str>> = (0..CAPACITY)
            .map(|n| Arc::from(format!("SELECT {n}")))
            .collect();
        for text in &texts {
            statements.shared(text, &[]);
        }
        assert_eq!(read(&statements.first).len(), CAPACITY);
        assert!(read(&statements.by_address).len() <= CAPACITY);
        let late: Arc<str> = Arc::from("SELECT 'late'");
        for _ in 0..2 {
            assert_eq!(statements.shared(&kept, &[]), "SELECT 'kept'");
            assert_eq!(
                statements.shared(&kept, &[Value::I32(1)]),
                "/* recto: i32 */ SELECT 'kept'"
            );
            assert_eq!(statements.shared(&late, &[]), "/* recto: */ SELECT 'late'");
        }
    }
}
