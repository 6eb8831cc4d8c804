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
    // The fingerprints of the first slots, computed once (most queries have fewer).
    let mut prints = [0u64; 32];
    for (print, slot) in prints.iter_mut().zip(slots) {
        *print = fingerprint(*slot);
    }
    let print_of = |at: usize, slot: Slot<'_>| match prints.get(at) {
        Some(print) => *print,
        None => fingerprint(slot),
    };
    for (at, slot) in slots.iter().enumerate() {
        let print = print_of(at, *slot);
        let first = slots
            .iter()
            .take(at)
            .enumerate()
            .position(|(k, earlier)| print_of(k, *earlier) == print && same_slot(*earlier, *slot))
            .map_or(0, |earlier| earlier + 1);
        let first = u16::try_from(first).map_err(|_| Uncacheable)?;
        key.extend_from_slice(&first.to_le_bytes());
    }
    Ok(())
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

/// The length and first bytes of `bytes`, mixed.
fn prefix(bytes: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let len = bytes.len().min(8);
    if let (Some(to), Some(from)) = (head.get_mut(..len), bytes.get(..len)) {
        to.copy_from_slice(from);
    }
    u64::from_le_bytes(head) ^ (bytes.len() as u64).rotate_left(40)
}

/// Whether the writer binds the two slots' values as the same value.
fn same_slot(a: Slot<'_>, b: Slot<'_>) -> bool {
    match (a, b) {
        (Slot::Value(a), Slot::Value(b)) => same(a, b),
        (Slot::List(a), Slot::List(b)) => same_array(a, b),
        (Slot::Value(Value::Array(a)), Slot::List(b))
        | (Slot::List(b), Slot::Value(Value::Array(a))) => same_array(a, b),
        (Slot::Value(_), Slot::List(_)) | (Slot::List(_), Slot::Value(_)) => false,
    }
}

/// Whether two planned expressions holding the two slots' values compare equal.
fn equal_slot(a: Slot<'_>, b: Slot<'_>) -> bool {
    match (a, b) {
        (Slot::Value(a), Slot::Value(b)) => a == b,
        (Slot::List(a), Slot::List(b)) => a == b,
        (Slot::Value(_), Slot::List(_)) | (Slot::List(_), Slot::Value(_)) => false,
    }
}
