//! One dialect's bounded store of rendered shapes: key bytes to SQL text and the order in
//! which to collect the parameters.
//!
//! Bounds: [`CAPACITY`] entries and [`BYTE_BUDGET`] bytes (key, text and order) per dialect,
//! split evenly over [`SHARDS`] shards, each behind its own `Mutex` so threads rendering
//! different shapes rarely wait for each other. Eviction is CLOCK: a hit marks its entry,
//! and an insert into a full shard sweeps past marked entries (unmarking them) to the first
//! unmarked one — an approximation of least-recently-used that needs no reordering on a hit.
//!
//! The hash only picks where to look: a hit compares the whole key, so a collision costs a
//! miss, never another shape's text. The store knows nothing of queries or SQL.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use recto_core::Value;

use super::Source;

/// Entries per dialect.
pub(super) const CAPACITY: usize = 1024;
/// Bytes (keys, texts and orders) per dialect.
pub(super) const BYTE_BUDGET: usize = 4 << 20;
/// Independent parts of one dialect's cache.
pub(super) const SHARDS: usize = 8;

const SHARD_CAPACITY: usize = CAPACITY / SHARDS;
const SHARD_BUDGET: usize = BYTE_BUDGET / SHARDS;
/// What an entry costs beyond its bytes: the entry itself and its map slot, roughly.
const ENTRY_OVERHEAD: usize = 96;

/// A built-in dialect's shape cache. Only this crate makes one, and only the built-in
/// dialects return one, so a dialect defined elsewhere (which may quote or number
/// differently) never shares a built-in dialect's texts.
pub struct ShapeCache {
    shards: [Mutex<Shard>; SHARDS],
}

/// The argument only this crate can name, so that no dialect outside it overrides
/// [`Dialect::shape_cache`](crate::Dialect).
pub struct Seal(pub(crate) ());

/// One shape: its key, its text, where each parameter comes from, and (for a call-site
/// template) the values its build function binds itself, which the order refers to after
/// the pins.
struct Entry {
    hash: u64,
    key: Box<[u8]>,
    text: Arc<str>,
    order: Box<[Source]>,
    literals: Box<[Value]>,
    /// Set by a hit, cleared by the clock hand passing.
    referenced: bool,
}

impl Entry {
    fn cost(&self) -> usize {
        ENTRY_OVERHEAD
            + self.key.len()
            + self.text.len()
            + std::mem::size_of_val::<[Source]>(&self.order)
            + std::mem::size_of_val::<[Value]>(&self.literals)
    }
}

struct Shard {
    /// Hash to index in `entries`; one entry per hash (a colliding insert replaces it).
    index: HashMap<u64, usize, Prehashed>,
    entries: Vec<Entry>,
    hand: usize,
    bytes: usize,
}

impl ShapeCache {
    /// An empty cache.
    pub(crate) const fn new() -> ShapeCache {
        ShapeCache {
            shards: [const { Mutex::new(Shard::new()) }; SHARDS],
        }
    }

    fn shard(&self, hash: u64) -> MutexGuard<'_, Shard> {
        let at = usize::try_from(hash >> 61).unwrap_or(0) % SHARDS;
        // A panic while a shard was held left it consistent (no method of `Shard` panics
        // between two of its updates), so a poisoned lock is used as it is.
        self.shards[at]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Calls `hit` with the text, order and literals of the shape whose key is `key`, if
    /// cached.
    pub(super) fn get<R>(
        &self,
        hash: u64,
        key: &[u8],
        hit: impl FnOnce(&Arc<str>, &[Source], &[Value]) -> R,
    ) -> Option<R> {
        let mut shard = self.shard(hash);
        let at = *shard.index.get(&hash)?;
        let entry = shard.entries.get_mut(at)?;
        if *entry.key != *key {
            return None;
        }
        entry.referenced = true;
        Some(hit(&entry.text, &entry.order, &entry.literals))
    }

    /// Stores a shape, evicting others as the bounds require. A shape bigger than a shard's
    /// whole budget is not stored.
    pub(super) fn insert(
        &self,
        hash: u64,
        key: &[u8],
        text: Arc<str>,
        order: Box<[Source]>,
        literals: Box<[Value]>,
    ) {
        let entry = Entry {
            hash,
            key: key.into(),
            text,
            order,
            literals,
            referenced: false,
        };
        let cost = entry.cost();
        if cost > SHARD_BUDGET {
            return;
        }
        let mut shard = self.shard(hash);
        if let Some(&at) = shard.index.get(&hash) {
            shard.remove(at);
        }
        while shard.entries.len() >= SHARD_CAPACITY || shard.bytes + cost > SHARD_BUDGET {
            if !shard.evict() {
                return;
            }
        }
        shard.bytes += cost;
        let at = shard.entries.len();
        shard.entries.push(entry);
        shard.index.insert(hash, at);
    }

    /// How many shapes are stored, and their cost in bytes.
    #[cfg(test)]
    pub(super) fn usage(&self) -> (usize, usize) {
        self.shards.iter().fold((0, 0), |(entries, bytes), shard| {
            let shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
            (entries + shard.entries.len(), bytes + shard.bytes)
        })
    }
}

impl Shard {
    const fn new() -> Shard {
        Shard {
            index: HashMap::with_hasher(Prehashed),
            entries: Vec::new(),
            hand: 0,
            bytes: 0,
        }
    }

    /// Evicts the first unreferenced entry from the hand on; false if there is none.
    fn evict(&mut self) -> bool {
        if self.entries.is_empty() {
            return false;
        }
        // Two sweeps at most: the first clears every mark it passes.
        for _ in 0..2 * self.entries.len() {
            if self.hand >= self.entries.len() {
                self.hand = 0;
            }
            let Some(entry) = self.entries.get_mut(self.hand) else {
                return false;
            };
            if entry.referenced {
                entry.referenced = false;
                self.hand += 1;
            } else {
                self.remove(self.hand);
                return true;
            }
        }
        false
    }

    /// Removes the entry at `at`, moving the last entry into its place.
    fn remove(&mut self, at: usize) {
        if at >= self.entries.len() {
            return;
        }
        let entry = self.entries.swap_remove(at);
        self.index.remove(&entry.hash);
        self.bytes = self.bytes.saturating_sub(entry.cost());
        if let Some(moved) = self.entries.get(at) {
            self.index.insert(moved.hash, at);
        }
    }
}

/// The hash of a key: FxHash's multiply-and-rotate over eight bytes at a time (the word
/// loop is what makes it fast on keys of a few hundred bytes), seeded with the length.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(word);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    // The multiply leaves the high bits best mixed; the map reads the low ones.
    hash.rotate_left(26)
}

/// A hasher for keys that are already hashes.
#[derive(Clone, Copy, Default)]
struct Prehashed;

impl BuildHasher for Prehashed {
    type Hasher = PrehashedHasher;
    fn build_hasher(&self) -> PrehashedHasher {
        PrehashedHasher(0)
    }
}

#[derive(Default)]
struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64`s are hashed here; this path is for completeness.
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
