//! The statement's bound values, in placeholder order, and where placeholders are numbered,
//! the lookup that gives a value equal to one already bound that value's placeholder.
//!
//! Reuse matters for correctness, not size: PostgreSQL matches a `GROUP BY`, `DISTINCT` or
//! `ORDER BY` expression against the select list by its text, so `(u0."a" + $1)` and
//! `(u0."a" + $2)` are different expressions even when both values are 1. Giving equal
//! values one placeholder makes an expression written twice print the same text twice.
//!
//! Cost: a lookup compares the value with each bound one while there are at most
//! [`SCAN_LIMIT`] (a few comparisons, most of them failing on the variant); past that, it
//! hashes the value into an index built once, so a statement with `n` parameters costs
//! O(n) hashing instead of O(n²) comparisons. Positional placeholders (`?`) skip it all.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use recto_core::{Array, Value};

/// Up to this many bound values, a lookup scans them; past it, it uses the hash index.
const SCAN_LIMIT: usize = 16;

/// Where a bound value came from in the query, by the address of the value the plan
/// borrows from it: the shape cache maps these back to the query's parameter slots, so a
/// later query of the same shape can bind its own values in the same order. An address is
/// only compared, never followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A clone of the value at this address.
    Value(usize),
    /// A whole `in ^list` list at this address, bound as one array.
    List(usize),
    /// The `n`th placeholder an `in ^list` list at this address expanded to: its element
    /// `n`, or its last element where `n` is padding.
    Element(usize, usize),
}

impl Origin {
    /// The origin of a clone of `value`.
    pub(crate) fn value(value: &Value) -> Origin {
        Origin::Value(std::ptr::from_ref(value).addr())
    }

    /// The origin of `list` bound as one array.
    pub(crate) fn list(list: &Array) -> Origin {
        Origin::List(std::ptr::from_ref(list).addr())
    }

    /// The origin of the `n`th placeholder of `list` expanded.
    pub(crate) fn element(list: &Array, n: usize) -> Origin {
        Origin::Element(std::ptr::from_ref(list).addr(), n)
    }
}

/// The values bound so far.
#[derive(Default)]
pub(super) struct Params {
    /// In placeholder order: the `n`th placeholder binds `values[n - 1]`.
    pub(super) values: Vec<Value>,
    /// Where each of `values` came from, when the caller asked to learn it.
    pub(super) origins: Option<Vec<Origin>>,
    /// The position of the first value of each hash, once there are more than
    /// [`SCAN_LIMIT`] values and lookups are asked for.
    index: Option<HashMap<u64, usize>>,
}

impl Params {
    /// Room for `capacity` values.
    pub(super) fn with_capacity(capacity: usize) -> Params {
        Params {
            values: Vec::with_capacity(capacity),
            origins: None,
            index: None,
        }
    }

    /// How many values are bound.
    pub(super) fn len(&self) -> usize {
        self.values.len()
    }

    /// Records from now on where each new value came from (see [`Origin`]).
    pub(super) fn learn_origins(&mut self) {
        self.origins = Some(Vec::with_capacity(self.values.capacity()));
    }

    /// Binds `value`, which came from `origin`, and returns its placeholder's number (from
    /// 1). With `reuse`, a value the same as one already bound returns that one's number
    /// instead.
    pub(super) fn bind(&mut self, value: Value, origin: Origin, reuse: bool) -> usize {
        if !reuse {
            self.push(value, origin);
            return self.values.len();
        }
        if let Some(at) = self.position(&value) {
            return at + 1;
        }
        if let Some(index) = &mut self.index {
            index.entry(hash(&value)).or_insert(self.values.len());
        }
        self.push(value, origin);
        if self.index.is_none() && self.values.len() > SCAN_LIMIT {
            let mut index = HashMap::with_capacity(2 * self.values.len());
            for (at, value) in self.values.iter().enumerate() {
                index.entry(hash(value)).or_insert(at);
            }
            self.index = Some(index);
        }
        self.values.len()
    }

    fn push(&mut self, value: Value, origin: Origin) {
        self.values.push(value);
        if let Some(origins) = &mut self.origins {
            origins.push(origin);
        }
    }

    /// Where a value the same as `value` is bound, if one is.
    fn position(&self, value: &Value) -> Option<usize> {
        let Some(index) = &self.index else {
            return self.values.iter().position(|bound| same(bound, value));
        };
        let at = *index.get(&hash(value))?;
        if same(&self.values[at], value) {
            Some(at)
        } else {
            // Two different values with one hash: rare enough to scan for.
            self.values.iter().position(|bound| same(bound, value))
        }
    }
}

/// Whether two values bind identically: the same variant and the same bits. Floats compare
/// by their bits, so `-0.0` never takes `0.0`'s placeholder (and a NaN may take an
/// identical NaN's).
///
/// Each bound value is compared with every one before it, and most comparisons fail on the
/// variant: that test is inlined into the scan, and only values of one variant reach the
/// comparison of their contents.
#[inline]
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b) && same_variant(a, b)
}

/// [`same`] for two values of one variant.
fn same_variant(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::F64(a), Value::F64(b)) => a.to_bits() == b.to_bits(),
        // `Decimal`'s `==` is numeric (`1.10 == 1.1`); a bound value keeps its scale.
        #[cfg(feature = "decimal")]
        (Value::Decimal(a), Value::Decimal(b)) => a.serialize() == b.serialize(),
        (Value::Array(a), Value::Array(b)) => same_array(a, b),
        _ => a == b,
    }
}

/// [`same`] for two lists, as bound as one array each.
pub(crate) fn same_array(a: &Array, b: &Array) -> bool {
    match (a, b) {
        (Array::F64(a), Array::F64(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.to_bits() == b.to_bits())
        }
        #[cfg(feature = "decimal")]
        (Array::Decimal(a), Array::Decimal(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.serialize() == b.serialize())
        }
        _ => a == b,
    }
}

/// A hash consistent with [`same`]: values that are the same hash alike.
fn hash(value: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    std::mem::discriminant(value).hash(&mut hasher);
    match value {
        Value::Null(ty) => ty.hash(&mut hasher),
        Value::Bool(b) => b.hash(&mut hasher),
        Value::I32(n) => n.hash(&mut hasher),
        Value::I64(n) => n.hash(&mut hasher),
        Value::F64(f) => f.to_bits().hash(&mut hasher),
        Value::Text(text) => text.hash(&mut hasher),
        Value::Bytes(bytes) => bytes.hash(&mut hasher),
        Value::Date(date) => date.hash(&mut hasher),
        Value::Timestamp(at) => at.hash(&mut hasher),
        Value::Time(time) => time.hash(&mut hasher),
        Value::TimestampUtc(at) => at.hash(&mut hasher),
        #[cfg(feature = "uuid")]
        Value::Uuid(id) => id.hash(&mut hasher),
        // serde_json hashes `-0.0` as `0.0`, which it holds equal, as `same` does.
        #[cfg(feature = "json")]
        Value::Json(document) => document.hash(&mut hasher),
        // By mantissa and scale: `1.10` and `1.1` are equal numbers but bind as different
        // texts, and the sameness test below tells them apart too.
        #[cfg(feature = "decimal")]
        Value::Decimal(d) => d.serialize().hash(&mut hasher),
        Value::Array(array) => hash_array(array, &mut hasher),
        // A value this writer does not know hashes by its variant alone: still consistent.
        _ => {}
    }
    hasher.finish()
}

fn hash_array(array: &Array, hasher: &mut DefaultHasher) {
    std::mem::discriminant(array).hash(hasher);
    match array {
        Array::Bool(items) => items.hash(hasher),
        Array::I32(items) => items.hash(hasher),
        Array::I64(items) => items.hash(hasher),
        Array::F64(items) => {
            for item in items {
                item.to_bits().hash(hasher);
            }
        }
        Array::Text(items) => items.hash(hasher),
        Array::Date(items) => items.hash(hasher),
        Array::Timestamp(items) => items.hash(hasher),
        Array::Time(items) => items.hash(hasher),
        Array::TimestampUtc(items) => items.hash(hasher),
        #[cfg(feature = "uuid")]
        Array::Uuid(items) => items.hash(hasher),
        #[cfg(feature = "json")]
        Array::Json(items) => items.hash(hasher),
        #[cfg(feature = "decimal")]
        Array::Decimal(items) => items.iter().for_each(|d| d.serialize().hash(hasher)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The placeholder numbers of `values` bound in order, with reuse.
    fn numbers(values: impl IntoIterator<Item = Value>) -> Vec<usize> {
        let mut params = Params::default();
        values
            .into_iter()
            .map(|value| params.bind(value, Origin::Value(0), true))
            .collect()
    }

    #[test]
    fn equal_values_share_a_number_and_others_do_not() {
        let values = [
            Value::I32(1),
            Value::I64(1),
            Value::I32(1),
            Value::F64(0.0),
            Value::F64(-0.0),
            Value::F64(0.0),
            Value::Null(recto_core::Ty::Text),
            Value::Null(recto_core::Ty::I32),
            Value::Null(recto_core::Ty::Text),
        ];
        assert_eq!(numbers(values), [1, 2, 1, 3, 4, 3, 5, 6, 5]);
    }

    /// Past the scan limit the hash index answers, for values bound before and after it was
    /// built.
    #[test]
    fn the_hash_index_finds_values_bound_before_and_after_it() {
        let distinct = (0..40).map(Value::I64);
        let again = [
            Value::I64(3),
            Value::I64(39),
            Value::Text("new".into()),
            Value::Text("new".into()),
        ];
        let got = numbers(distinct.chain(again));
        assert_eq!(got[..40], (1..=40).collect::<Vec<_>>()[..]);
        assert_eq!(got[40..], [4, 40, 41, 41]);
    }

    #[test]
    fn positional_binding_never_reuses() {
        let mut params = Params::default();
        assert_eq!(params.bind(Value::I32(1), Origin::Value(0), false), 1);
        assert_eq!(params.bind(Value::I32(1), Origin::Value(0), false), 2);
        assert_eq!(params.len(), 2);
    }
}
