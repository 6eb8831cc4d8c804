//! The nesting bound of the walks over an [`Expr`](crate::Expr) that must recurse: serde
//! (a format drives the walk, so it cannot be turned into a loop) and `Debug` (the
//! formatter's builders nest).
//!
//! Each recursive step through an expression's children takes a [`Level`] from a counter
//! kept per thread; past the limit, serialization and deserialization fail with an error
//! and `Debug` prints `…`. A counter per thread rather than a parameter, because serde's
//! traits have no room for one. [`crate::tree`] holds the walks that need no bound because
//! they do not recurse (drop, clone, equality).

use std::cell::Cell;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How deeply an expression may nest where recto walks it recursively: serde, `Debug`, and
/// the planner (whose own bound has the same value). Deep enough for any hand-written
/// condition (SQLite's own default limit is 1,000 and sqlparser's 50), shallow enough that
/// the walks fit in a 2 MiB thread stack.
pub const MAX_EXPR_DEPTH: usize = 256;

thread_local! {
    /// How many levels the walks under way on this thread have entered.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// The current limit: [`MAX_EXPR_DEPTH`], or lower inside [`with_limit`].
    static LIMIT: Cell<usize> = const { Cell::new(MAX_EXPR_DEPTH) };
    /// Whether a walk inside [`with_limit`] went past the limit.
    static EXCEEDED: Cell<bool> = const { Cell::new(false) };
}

/// One level of nesting, held while the walk is inside it.
pub(crate) struct Level(());

impl Level {
    /// Enters one level deeper, or returns the message of the error past the limit.
    pub(crate) fn enter() -> Result<Level, String> {
        let depth = DEPTH.get() + 1;
        let limit = LIMIT.get();
        if depth > limit {
            EXCEEDED.set(true);
            return Err(format!(
                "the expression is nested more than {limit} levels deep"
            ));
        }
        DEPTH.set(depth);
        Ok(Level(()))
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.set(DEPTH.get() - 1);
    }
}

/// Runs `walk` with the nesting limit lowered to `limit` (it is never raised past
/// [`MAX_EXPR_DEPTH`]), and says whether the walk went past it.
pub(crate) fn with_limit<R>(limit: usize, walk: impl FnOnce() -> R) -> (R, bool) {
    /// Restores the previous limit and flag, even if `walk` unwinds.
    struct Restore {
        limit: usize,
        exceeded: bool,
    }
    impl Drop for Restore {
        fn drop(&mut self) {
            LIMIT.set(self.limit);
            EXCEEDED.set(self.exceeded);
        }
    }
    let _restore = Restore {
        limit: LIMIT.replace(limit.min(MAX_EXPR_DEPTH)),
        exceeded: EXCEEDED.replace(false),
    };
    let result = walk();
    (result, EXCEEDED.get())
}

/// serde's `with` functions for the sub-expressions of an `Expr` (a `Box<Expr>`, an
/// `Option<Box<Expr>>` or a `Vec<Expr>`): each takes one [`Level`], so the elements of a list
/// sit one level below the expression that holds them.
pub(crate) mod nested {
    use super::*;

    pub(crate) fn serialize<T, S>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: Serialize + ?Sized,
        S: Serializer,
    {
        let _level = Level::enter().map_err(serde::ser::Error::custom)?;
        value.serialize(serializer)
    }

    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        let _level = Level::enter().map_err(serde::de::Error::custom)?;
        T::deserialize(deserializer)
    }
}
