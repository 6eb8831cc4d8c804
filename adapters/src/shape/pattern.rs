//! The equality patterns of a query's parameter slots: the part of a shape that depends on
//! which values are equal, not on what they are.
//!
//! Two relations matter. Where placeholders are numbered, the writer gives values that are
//! the [`same`] (same variant, same bits) one placeholder, so the text depends on which slots
//! hold the same value; `same` is an equivalence, so for each slot the first earlier slot it
//! is the same as determines it. The planner (grouping, `DISTINCT` with `ORDER BY`) and the
//! writer (`HAVING` over `GROUP BY` on MySQL) compare planned expressions with `==`, which
//! compares the values inside them; `==` is not an equivalence (a NaN is not equal to
//! itself, `0.0` equals `-0.0`), so for queries that compare expressions the whole relation
//! is kept, one bit per pair.

use recto_core::Value;

use super::key::{Slot, Uncacheable};
use crate::writer::{same, same_array};

/// The most slots whose [`same`] pattern is encoded (one `u16` each, found by a quadratic
/// scan); a query with more on a dialect with numbered placeholders is not cached.
pub(super) const MAX_SAME_SLOTS: usize = 256;

/// The most slots whose `==` relation is encoded (`n (n + 1) / 2` bits); a grouped or
/// `DISTINCT` query with more is not cached.
pub(super) const MAX_EQUAL_SLOTS: usize = 64;

/// Appends, for each slot, one plus the index of the first earlier slot holding the same
/// value, or 0.
pub(super) fn same_pattern(slots: &[Slot<'_>], key: &mut Vec<u8>) -> Result<(), Uncacheable> {
    if slots.len() > MAX_SAME_SLOTS {
        return Err(Uncacheable);
    }
    if slots.len() <= SMALL {
        small_same_pattern(slots, key)
    } else {
        scan_same_pattern(slots, key)
    }
}

/// [`same_pattern`] by comparing each slot with every earlier one.
fn scan_same_pattern(slots: &[Slot<'_>], key: &mut Vec<u8>) -> Result<(), Uncacheable> {
    for (at, slot) in slots.iter().enumerate() {
        let print = fingerprint(*slot);
        let first = slots
            .iter()
            .take(at)
            .position(|earlier| fingerprint(*earlier) == print && same_slot(*earlier, *slot))
            .map_or(0, |earlier| earlier + 1);
        push_first(key, first)?;
    }
    Ok(())
}

/// Up to this many slots, [`same_pattern`] finds each slot's first equal in a table on the
/// stack, in time linear in the number of slots.
const SMALL: usize = 32;

/// [`same_pattern`] for at most [`SMALL`] slots: an open-addressing table from fingerprint
/// to the first slot of each distinct value. `same` is an equivalence, so the first slot
/// of a value is the one every later equal slot finds.
fn small_same_pattern(slots: &[Slot<'_>], key: &mut Vec<u8>) -> Result<(), Uncacheable> {
    const BUCKETS: usize = 2 * SMALL;
    const EMPTY: u8 = u8::MAX;
    let mut table = [EMPTY; BUCKETS];
    let mut prints = [0u64; SMALL];
    for (at, slot) in slots.iter().enumerate() {
        let print = fingerprint(*slot);
        if let Some(stored) = prints.get_mut(at) {
            *stored = print;
        }
        let mut bucket = mix(print) % BUCKETS;
        let mut first = 0;
        // At most `SMALL` of the buckets are ever used, so an empty one is always found.
        for _ in 0..BUCKETS {
            let Some(entry) = table.get(bucket).copied() else {
                break;
            };
            if entry == EMPTY {
                if let (Some(free), Ok(at)) = (table.get_mut(bucket), u8::try_from(at)) {
                    *free = at;
                }
                break;
            }
            let earlier = usize::from(entry);
            if prints.get(earlier) == Some(&print)
                && slots.get(earlier).is_some_and(|e| same_slot(*e, *slot))
            {
                first = earlier + 1;
                break;
            }
            bucket = (bucket + 1) % BUCKETS;
        }
        push_first(key, first)?;
    }
    Ok(())
}

fn push_first(key: &mut Vec<u8>, first: usize) -> Result<(), Uncacheable> {
    let first = u16::try_from(first).map_err(|_| Uncacheable)?;
    key.extend_from_slice(&first.to_le_bytes());
    Ok(())
}

/// Spreads a fingerprint's bits over its low ones, which pick the bucket.
fn mix(print: u64) -> usize {
    (print.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58) as usize
}

/// Appends the `==` relation between every pair of slots `(j, i)` with `j <= i`, one bit
/// each (a slot with itself too: a NaN is not equal to itself).
pub(super) fn equal_pattern(slots: &[Slot<'_>], key: &mut Vec<u8>) -> Result<(), Uncacheable> {
    if slots.len() > MAX_EQUAL_SLOTS {
        return Err(Uncacheable);
    }
    let mut bits = 0u8;
    let mut count = 0u32;
    for (at, slot) in slots.iter().enumerate() {
        for earlier in slots.iter().take(at + 1) {
            bits |= u8::from(equal_slot(*earlier, *slot)) << (count % 8);
            count += 1;
            if count.is_multiple_of(8) {
                key.push(bits);
                bits = 0;
            }
        }
    }
    if !count.is_multiple_of(8) {
        key.push(bits);
    }
    Ok(())
}

/// A cheap summary of a slot's value that two [`same`] values share, so most pairs of
/// different values are told apart without comparing them.
fn fingerprint(slot: Slot<'_>) -> u64 {
    let (tag, bits) = match slot {
        Slot::Value(Value::Null(_)) => (0, 0),
        Slot::Value(Value::Bool(b)) => (1, u64::from(*b)),
        Slot::Value(Value::I32(n)) => (2, u64::from(n.cast_unsigned())),
        Slot::Value(Value::I64(n)) => (3, n.cast_unsigned()),
        Slot::Value(Value::F64(f)) => (4, f.to_bits()),
        Slot::Value(Value::Text(text)) => (5, prefix(text.as_bytes())),
        Slot::Value(Value::Bytes(bytes)) => (6, prefix(bytes)),
        // A list bound as one array, whichever way it got there.
        Slot::Value(Value::Array(list)) | Slot::List(list) => (7, list.len() as u64),
        Slot::Value(_) => (8, 0),
    };
    (tag << 56) ^ bits
}

/// The length and first bytes of `bytes`, mixed. (Read as one word where there are eight
/// bytes, so that the common case copies nothing.)
fn prefix(bytes: &[u8]) -> u64 {
    let head = match bytes.first_chunk::<8>() {
        Some(head) => u64::from_le_bytes(*head),
        None => bytes
            .iter()
            .fold(0u64, |head, byte| (head << 8) | u64::from(*byte)),
    };
    head ^ (bytes.len() as u64).rotate_left(40)
}

/// Whether the writer binds the two slots' values as the same value.
pub(super) fn same_slot(a: Slot<'_>, b: Slot<'_>) -> bool {
    match (a, b) {
        (Slot::Value(a), Slot::Value(b)) => same(a, b),
        (Slot::List(a), Slot::List(b)) => same_array(a, b),
        (Slot::Value(Value::Array(a)), Slot::List(b))
        | (Slot::List(b), Slot::Value(Value::Array(a))) => same_array(a, b),
        (Slot::Value(_), Slot::List(_)) | (Slot::List(_), Slot::Value(_)) => false,
    }
}

/// Whether two planned expressions holding the two slots' values compare equal.
pub(super) fn equal_slot(a: Slot<'_>, b: Slot<'_>) -> bool {
    match (a, b) {
        (Slot::Value(a), Slot::Value(b)) => a == b,
        (Slot::List(a), Slot::List(b)) => a == b,
        (Slot::Value(_), Slot::List(_)) | (Slot::List(_), Slot::Value(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use recto_core::{Array, Ty, Value};

    use super::*;

    /// The table and the scan give the same pattern, with repeats, near misses (`-0.0`
    /// and `0.0`, `1i32` and `1i64`), NaNs and lists.
    #[test]
    fn the_table_and_the_scan_agree() {
        let values = [
            Value::I32(1),
            Value::I64(1),
            Value::I32(1),
            Value::F64(0.0),
            Value::F64(-0.0),
            Value::F64(f64::NAN),
            Value::F64(f64::NAN),
            Value::Text("abcdefghij".into()),
            Value::Text("abcdefghik".into()),
            Value::Text("abcdefghij".into()),
            Value::Null(Ty::Text),
            Value::Null(Ty::I32),
            Value::Null(Ty::Text),
            Value::Array(Array::I64(vec![1, 2])),
        ];
        let list = Array::I64(vec![1, 2]);
        let mut slots: Vec<Slot<'_>> = values.iter().map(Slot::Value).collect();
        slots.push(Slot::List(&list));
        slots.extend(values.iter().rev().map(Slot::Value));
        let (mut table, mut scan) = (Vec::new(), Vec::new());
        small_same_pattern(&slots, &mut table).unwrap();
        scan_same_pattern(&slots, &mut scan).unwrap();
        assert_eq!(table, scan);
        let firsts: Vec<u16> = scan
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        assert_eq!(
            &firsts[..15],
            [0, 0, 1, 0, 0, 0, 6, 0, 0, 8, 0, 0, 11, 0, 14]
        );
    }
}
