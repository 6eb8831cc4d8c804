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
    for (at, slot) in slots.iter().enumerate() {
        let first = slots
            .iter()
            .take(at)
            .position(|earlier| same_slot(*earlier, *slot))
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
