//! The shape cache: rendering a query whose shape was rendered before (the same structure,
//! other parameter values) copies the text rendered then and collects the new values in the
//! order learned then, without planning or printing.
//!
//! A query's shape is its [key](key): an exact encoding of everything the planner and the
//! writer read, except parameter values, plus the few facts about values they do read (see
//! `docs/architecture.md`). On a miss the query is planned and printed as without a cache,
//! and the writer reports where each parameter came from ([`Origin`]), which is mapped back
//! to the query's slots by address; only a render whose every parameter maps, and whose list
//! padding no other query of the shape could change, is stored. Errors are never stored.
//!
//! Each built-in dialect owns one [`ShapeCache`]; a dialect defined outside this crate has
//! none and always renders. This module knows no SQL.

mod cache;
mod key;
mod moved;
mod name_key;
mod order;
mod pattern;
mod tags;
mod template;
#[cfg(test)]
mod tests;
mod value_key;

use std::cell::RefCell;
use std::sync::Arc;

use recto_core::{Error, Query, QueryData, Value};

pub use self::cache::{Seal, ShapeCache};
use self::key::{KeyWriter, Slot, Uncacheable};
pub(crate) use self::moved::query_into_sql;
use self::moved::{SlotMut, fill, is_list, same_kinds, slots_mut, worth_moving};
pub(crate) use self::order::Source;
use self::order::{collect, collect_deferring, sources};
use crate::dialect::{Dialect, InParam, Placeholders};
use crate::writer::render_learning;
use crate::{Sql, render};

/// The buffers one thread reuses for every key, so a warm hit allocates only its output.
struct Scratch {
    key: Vec<u8>,
    /// Always empty between uses; only its allocation is kept.
    slots: Vec<Slot<'static>>,
    /// The last shape each dialect's cache gave this thread, at most one per cache.
    memos: Vec<Memo>,
}

/// A copy of one cached shape, which a thread that renders the same shape again finds by
/// comparing the whole key, without hashing it or taking a shard's lock. Equal keys are
/// the same shape, whose text in one dialect never changes, so the copy stays right even
/// after the cache evicts the shape.
struct Memo {
    /// The address of the dialect's cache: which dialect the text is in.
    cache: usize,
    key: Vec<u8>,
    text: Arc<str>,
    order: Vec<Source>,
    /// The values a call-site template's build function binds itself (see
    /// [`template`]); empty for other shapes.
    literals: Vec<Value>,
}

/// The longest key a thread keeps a [`Memo`] of, so that what a thread holds stays small.
const MEMO_MAX_KEY: usize = 4096;

/// The buffers [`into_sql`] reuses: the parameters a hit left for values to be moved into
/// (their index and source), which of the key walk's slots are lists, the query's slots
/// found mutably, and each slot's last use.
struct Moves {
    pending: Vec<(usize, Source)>,
    lists: Vec<bool>,
    /// Always empty between uses; only its allocation is kept.
    slots: Vec<SlotMut<'static>>,
    last: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch { key: Vec::new(), slots: Vec::new(), memos: Vec::new() })
    };
    static MOVES: RefCell<Moves> = const {
        RefCell::new(Moves { pending: Vec::new(), lists: Vec::new(), slots: Vec::new(), last: Vec::new() })
    };
}

/// The SQL of `query` in `dialect`, through the dialect's shape cache: by its call site
/// where `from!` built it, else by its clauses.
pub(crate) fn query_to_sql<S, R, D: Dialect + ?Sized>(
    query: &Query<S, R>,
    dialect: &D,
) -> Result<Sql, Error> {
    match template::through_template(query, dialect, copy_text, keep_text) {
        Some(result) => result.map(|(text, params)| Sql { text, params }),
        None => to_sql(query.data(), dialect),
    }
}

/// The SQL of `query` in `dialect`, through the dialect's shape cache.
pub(crate) fn to_sql<D: Dialect + ?Sized>(query: &QueryData, dialect: &D) -> Result<Sql, Error> {
    let (text, params) = through_cache(query, dialect, copy_text, collect, keep_text)?;
    Ok(Sql { text, params })
}

/// The SQL of `query` in `dialect`, through the dialect's shape cache; on a hit the
/// parameter values worth moving are moved out of the query rather than cloned, leaving
/// placeholders: the caller owns the query and drops it after.
pub(crate) fn into_sql<D: Dialect + ?Sized>(
    query: &mut QueryData,
    dialect: &D,
) -> Result<Sql, Error> {
    MOVES.with(|moves| {
        let Ok(mut moves) = moves.try_borrow_mut() else {
            return to_sql(query, dialect);
        };
        let Moves {
            pending,
            lists,
            slots,
            last,
        } = &mut *moves;
        pending.clear();
        lists.clear();
        let (text, mut params) = through_cache(
            query,
            dialect,
            copy_text,
            |order, shared| {
                // Values worth moving are moved in after the lookup, when the query is no
                // longer borrowed; the others are copied now.
                let params = collect_deferring(order, shared, |at, slot, source| {
                    let moves = worth_moving(slot);
                    if moves {
                        pending.push((at, source));
                    }
                    moves
                })?;
                if !pending.is_empty() {
                    lists.extend(shared.iter().map(is_list));
                }
                Some(params)
            },
            keep_text,
        )?;
        if pending.is_empty() {
            return Ok(Sql { text, params });
        }
        let mut owned = recycle_mut(std::mem::take(slots));
        // The walk stops after the last slot a value is moved out of.
        let needed = pending.iter().map(|(_, source)| source.slot()).max();
        let needed = needed
            .and_then(|k| usize::try_from(k).ok())
            .map_or(0, |k| k + 1);
        slots_mut(query, &mut owned, needed);
        let moved = same_kinds(lists, &owned, needed)
            && fill(&mut params, pending, &mut owned, last).is_some();
        *slots = recycle_mut(owned);
        if moved {
            Ok(Sql { text, params })
        } else {
            // Nothing was moved: the walks disagree, which the tests rule out.
            to_sql(query, dialect)
        }
    })
}

/// A hit's output text: a copy of the cached one, exactly as long.
fn copy_text(text: &Arc<str>) -> String {
    String::from(&**text)
}

/// A miss's output text, trimmed to its length, and the copy to cache when `learned`.
fn keep_text(mut text: String, learned: bool) -> (String, Option<Arc<str>>) {
    let shared = learned.then(|| Arc::from(text.as_str()));
    text.shrink_to_fit();
    (text, shared)
}

/// The SQL text of `query` in `dialect`, shared with the shape cache rather than copied,
/// and its parameters: what the Repo runs.
#[allow(
    dead_code,
    reason = "the Repo's entry point; the Repo is rewritten to call it, and tests call it"
)]
pub(crate) fn shared_sql<S, R, D: Dialect + ?Sized>(
    query: &Query<S, R>,
    dialect: &D,
) -> Result<(Arc<str>, Vec<Value>), Error> {
    let share = |text: String, _| {
        let text: Arc<str> = Arc::from(text);
        (Arc::clone(&text), Some(text))
    };
    match template::through_template(query, dialect, Arc::clone, share) {
        Some(result) => result,
        None => through_cache(query.data(), dialect, Arc::clone, collect, share),
    }
}

/// Renders `query` without the cache: plan, then print.
pub(crate) fn uncached<D: Dialect + ?Sized>(query: &QueryData, dialect: &D) -> Result<Sql, Error> {
    render(&recto_planner::plan(query)?, dialect)
}

/// Looks `query`'s shape up; on a hit `hit` makes the output text from the cached one and
/// `params` the parameters from the cached order and the query's slots (`None`: the order
/// does not fit, which equal keys rule out), on a miss `miss` makes it from the rendered
/// one and, when asked (`true`), gives the text to store.
fn through_cache<D: Dialect + ?Sized, T>(
    query: &QueryData,
    dialect: &D,
    hit: impl FnOnce(&Arc<str>) -> T,
    params: impl FnOnce(&[Source], &[Slot<'_>]) -> Option<Vec<Value>>,
    miss: impl FnOnce(String, bool) -> (T, Option<Arc<str>>),
) -> Result<(T, Vec<Value>), Error> {
    let Some(cache) = dialect.shape_cache(Seal(())) else {
        return render_miss(query, dialect, miss);
    };
    let quirks = dialect.quirks();
    let numbered = quirks.placeholders == Placeholders::Numbered;
    let expand = quirks.in_param == InParam::Expand;
    // A list expanded into numbered placeholders would share placeholders element by
    // element, which the patterns do not encode; no built-in dialect does both.
    if numbered && expand {
        return render_miss(query, dialect, miss);
    }
    SCRATCH.with(|scratch| {
        let Ok(mut scratch) = scratch.try_borrow_mut() else {
            return render_miss(query, dialect, miss);
        };
        let Scratch { key, slots, memos } = &mut *scratch;
        key.clear();
        let mut query_slots = recycle(std::mem::take(slots));
        let result = (|| {
            if encode(query, numbered, expand, key, &mut query_slots).is_err() {
                return render_miss(query, dialect, miss);
            }
            let id = std::ptr::from_ref(cache).addr();
            if let Some(memo) = memos
                .iter()
                .find(|memo| memo.cache == id && memo.key == *key)
            {
                return match params(&memo.order, &query_slots) {
                    Some(params) => Ok((hit(&memo.text), params)),
                    None => render_miss(query, dialect, miss),
                };
            }
            let hash = cache::hash(key);
            let found = cache.get(hash, key, |text, order, _| {
                let output = params(order, &query_slots).map(|params| (hit(text), params));
                if output.is_some() {
                    remember(memos, id, key, text, order, &[]);
                }
                output
            });
            if let Some(Some(output)) = found {
                return Ok(output);
            }
            let planned = recto_planner::plan(query)?;
            let (sql, origins) = render_learning(&planned, dialect, true)?;
            let order = origins.and_then(|origins| sources(&origins, &query_slots));
            let (text, shared) = miss(sql.text, order.is_some());
            if let (Some(order), Some(shared)) = (order, shared) {
                cache.insert(hash, key, shared, order, Box::new([]));
            }
            Ok((text, sql.params))
        })();
        *slots = recycle(query_slots);
        result
    })
}

/// Keeps a copy of a shape the cache gave, replacing the dialect's previous one (whose
/// buffers it reuses).
fn remember(
    memos: &mut Vec<Memo>,
    cache: usize,
    key: &[u8],
    text: &Arc<str>,
    order: &[Source],
    literals: &[Value],
) {
    if key.len() > MEMO_MAX_KEY {
        return;
    }
    let memo = match memos.iter().position(|memo| memo.cache == cache) {
        Some(at) => memos.get_mut(at),
        None => {
            memos.push(Memo {
                cache,
                key: Vec::new(),
                text: Arc::clone(text),
                order: Vec::new(),
                literals: Vec::new(),
            });
            memos.last_mut()
        }
    };
    if let Some(memo) = memo {
        memo.key.clear();
        memo.key.extend_from_slice(key);
        memo.text = Arc::clone(text);
        memo.order.clear();
        memo.order.extend_from_slice(order);
        memo.literals.clear();
        memo.literals.extend_from_slice(literals);
    }
}

/// Writes `query`'s shape key into `key` and its slots into `slots`, for a dialect whose
/// placeholders are `numbered` and which does or does not `expand` lists.
fn encode<'q>(
    query: &'q QueryData,
    numbered: bool,
    expand: bool,
    key: &mut Vec<u8>,
    slots: &mut Vec<Slot<'q>>,
) -> Result<(), Uncacheable> {
    // Keys of call-site templates start with 1 (see `template.rs`).
    key.push(0);
    KeyWriter {
        key: &mut *key,
        slots: &mut *slots,
        expand,
    }
    .query(query)?;
    if numbered {
        pattern::same_pattern(slots, key)?;
    }
    if compares_expressions(query) {
        pattern::equal_pattern(slots, key)?;
    }
    Ok(())
}

/// Renders without looking up or storing anything.
fn render_miss<D: Dialect + ?Sized, T>(
    query: &QueryData,
    dialect: &D,
    miss: impl FnOnce(String, bool) -> (T, Option<Arc<str>>),
) -> Result<(T, Vec<Value>), Error> {
    let sql = uncached(query, dialect)?;
    let (text, _) = miss(sql.text, false);
    Ok((text, sql.params))
}

/// Whether the planner or the writer compares the query's planned expressions with each
/// other (grouping checks, `DISTINCT` with `ORDER BY`, `HAVING` over `GROUP BY`), which
/// compares the parameter values inside them.
fn compares_expressions(query: &QueryData) -> bool {
    !query.group_bys.is_empty() || query.distinct.is_some()
}

/// An empty vector with `slots`' allocation, for slots of another lifetime. (Collecting an
/// empty iterator into a vector of a type of the same layout reuses the allocation.)
#[expect(
    clippy::unnecessary_filter_map,
    reason = "the `filter_map` changes the element type's lifetime, which `filter` cannot"
)]
fn recycle<'a>(mut slots: Vec<Slot<'_>>) -> Vec<Slot<'a>> {
    slots.clear();
    slots.into_iter().filter_map(|_| None).collect()
}

/// [`recycle`] for mutable slots.
#[expect(
    clippy::unnecessary_filter_map,
    reason = "the `filter_map` changes the element type's lifetime, which `filter` cannot"
)]
fn recycle_mut<'a>(mut slots: Vec<SlotMut<'_>>) -> Vec<SlotMut<'a>> {
    slots.clear();
    slots.into_iter().filter_map(|_| None).collect()
}
