//! A counting global allocator, for measuring what one piece of code allocates.
//!
//! A binary that wants the counts installs [`Counting`] as its global allocator
//! (`#[global_allocator] static ALLOC: Counting = Counting;`) and wraps the code to measure
//! in [`measure`]. Counts are kept per thread, so work other threads do meanwhile (sqlx's
//! workers, the test harness) is not counted. Reallocations count as one allocation of the
//! new size, since that is what they cost; frees are not counted. This module knows nothing
//! of queries.

#![allow(
    unsafe_code,
    reason = "a global allocator is an `unsafe` trait; every call is forwarded to `System`"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the calls and bytes of each thread.
pub struct Counting;

thread_local! {
    // `const` initialisers without destructors: reading them never allocates, which an
    // allocator's own bookkeeping must not.
    static COUNT: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn record(size: usize) {
    // `try_with` fails only while the thread is being torn down; nothing is measured then.
    let _ = COUNT.try_with(|count| count.set(count.get() + 1));
    let _ = BYTES.try_with(|bytes| bytes.set(bytes.get() + size as u64));
}

// SAFETY: every method forwards its arguments unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the counting touches only thread-local `Cell`s and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller's guarantees for `layout` are `System::alloc`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` (every allocation here is) with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: `ptr` came from `System` with `layout`, and the caller vouches for
        // `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocations and bytes requested on one thread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Allocated {
    /// Calls to `alloc`, `alloc_zeroed` and `realloc`.
    pub count: u64,
    /// Bytes those calls asked for.
    pub bytes: u64,
}

fn now() -> Allocated {
    Allocated {
        count: COUNT.with(Cell::get),
        bytes: BYTES.with(Cell::get),
    }
}

/// Runs `f` and returns its result with what it allocated on this thread (all zero unless
/// [`Counting`] is the global allocator).
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Allocated) {
    let before = now();
    let result = f();
    let after = now();
    (
        result,
        Allocated {
            count: after.count - before.count,
            bytes: after.bytes - before.bytes,
        },
    )
}
