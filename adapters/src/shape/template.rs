//! Rendering a query `from!` built (a call-site [template](recto_core::template)) from its
//! pins alone: its key is the build functions' addresses (the call site's, and those of the
//! call sites it extends) and what the planner and the writer read of the pinned values, so
//! a repeated call site is found without building, walking or hashing its clauses.
//!
//! What a key holds: the chain's length; for each call site of the chain, root first, its
//! build function's address and pin count; for each pin, whether it is a value or a list and the facts the
//! [query key](super::key) keeps of a parameter (variant, NULL type, float class, sign of an
//! integer, a list's element type and padded length); and the equality patterns of the pins
//! (the numbered one where placeholders are numbered, and the `==` one where the call sites
//! say their clauses compare expressions, which the first render checks). Equal
//! functions with equal pins build equal clauses, and the rest of the clauses are the
//! functions' code, so equal keys are equal shapes.
//!
//! On a miss the template is built twice: once from its own pins, rendered as any query is
//! (recording where each parameter came from), and once from sentinel pins (distinct
//! integers), whose walk tells which slot of the clauses holds which pin. Slots that hold
//! no pin hold a value the build function binds itself (a text literal): it is kept with
//! the shape, and a query whose pin equals one of them (which could share its placeholder)
//! is rendered the ordinary way instead. Nothing is stored unless the two builds agree.

use std::sync::Arc;

use recto_core::{Array, Error, Param, Query, QueryData, TemplateRef, Value};

use super::key::{KeyWriter, Slot, Uncacheable};
use super::order::{Source, collect_from, sources};
use super::pattern::{equal_pattern, equal_slot, same_pattern, same_slot};
use super::{SCRATCH, Scratch, Seal, ShapeCache, cache, compares_expressions, recycle, remember};
use crate::dialect::{Dialect, InParam, Placeholders};
use crate::writer::{padded_len, render_learning};

/// The longest chain of composed call sites read without building: deeper ones are rendered
/// through their clauses.
const MAX_LEVELS: usize = 8;

/// The first byte of every template key; query keys start with 0.
const TEMPLATE_KEY: u8 = 1;

/// The high bits of a sentinel pin, so that a sentinel is told from a value a build function
/// binds itself (which is never an integer: those are printed, not bound).
const SENTINEL: i64 = 0x5E47_1E00_0000_0000;

/// The SQL of `query` through the dialect's shape cache, if `query` is a template whose
/// chain is all templates and whose key can be written: `hit` makes the output text from a
/// cached one, `miss` from a rendered one (and gives the text to store when asked). `None`:
/// render `query` through its clauses instead.
pub(super) fn through_template<S, R, D: Dialect + ?Sized, T>(
    query: &Query<S, R>,
    dialect: &D,
    hit: impl FnOnce(&Arc<str>) -> T,
    miss: impl FnOnce(String, bool) -> (T, Option<Arc<str>>),
) -> Option<Result<(T, Vec<Value>), Error>> {
    through_template_deferring(query, dialect, hit, miss, |_, _, _| false)
}

/// [`through_template`], except that on a hit, where `defer` (given the parameter's index,
/// the pin's slot and its index among the query's own pins, not those of the queries it
/// extends) says so, the pin's value is left as a placeholder for the caller to fill.
pub(super) fn through_template_deferring<S, R, D: Dialect + ?Sized, T>(
    query: &Query<S, R>,
    dialect: &D,
    hit: impl FnOnce(&Arc<str>) -> T,
    miss: impl FnOnce(String, bool) -> (T, Option<Arc<str>>),
    mut defer: impl FnMut(usize, &Slot<'_>, usize) -> bool,
) -> Option<Result<(T, Vec<Value>), Error>> {
    let top = query.template()?;
    let cache = dialect.shape_cache(Seal(()))?;
    let quirks = dialect.quirks();
    let numbered = quirks.placeholders == Placeholders::Numbered;
    let expand = quirks.in_param == InParam::Expand;
    // As for query keys: no built-in dialect numbers placeholders and expands lists.
    if numbered && expand {
        return None;
    }
    let mut levels = [None; MAX_LEVELS];
    let depth = chain(top, &mut levels)?;
    let levels = &levels[..depth];
    let pin_count: usize = levels.iter().flatten().map(|t| t.params().len()).sum();
    let own_start = pin_count - top.params().len();
    let mut defer = |at: usize, slot: &Slot<'_>, pin: usize| {
        pin.checked_sub(own_start)
            .is_some_and(|own| defer(at, slot, own))
    };
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.try_borrow_mut().ok()?;
        let Scratch { key, slots, memos } = &mut *scratch;
        key.clear();
        let mut pins = recycle(std::mem::take(slots));
        let result = (|| {
            write_key(levels, numbered, expand, key, &mut pins).ok()?;
            let id = std::ptr::from_ref(cache).addr();
            if let Some(memo) = memos
                .iter()
                .find(|memo| memo.cache == id && memo.key == *key)
            {
                let params = serve(&memo.order, &pins, &memo.literals, &mut defer)?;
                return Some(Ok((hit(&memo.text), params)));
            }
            let hash = cache::hash(key);
            let found = cache.get(hash, key, |text, order, literals| {
                let params = serve(order, &pins, literals, &mut defer)?;
                remember(memos, id, key, text, order, literals);
                Some((hit(text), params))
            });
            match found {
                Some(Some(output)) => Some(Ok(output)),
                // A pin equals a value the build function binds: rendered through the
                // clauses, whose key encodes that.
                Some(None) => None,
                None => Some(learn(query, levels, dialect, cache, hash, key, &pins, miss)),
            }
        })();
        *slots = recycle(pins);
        result
    })
}

/// Fills `levels` with the templates of `top`'s chain, root first, and gives their number;
/// `None` if a query of the chain is not a template or the chain is too deep.
fn chain<'q>(top: TemplateRef<'q>, levels: &mut [Option<TemplateRef<'q>>]) -> Option<usize> {
    let mut depth = 0;
    let mut at = Some(top);
    while let Some(template) = at {
        *levels.get_mut(depth)? = Some(template);
        depth += 1;
        at = match template.base() {
            Some(base) => Some(base.template()?),
            None => None,
        };
    }
    levels[..depth].reverse();
    Some(depth)
}

/// Writes the key of the chain `levels` and collects its pins as slots.
fn write_key<'q>(
    levels: &[Option<TemplateRef<'q>>],
    numbered: bool,
    expand: bool,
    key: &mut Vec<u8>,
    pins: &mut Vec<Slot<'q>>,
) -> Result<(), Uncacheable> {
    // The depth first, so that every part after it has a length the key itself gives: the
    // ids, then each level's pin count and pins, each pin's bytes fixed by its tags.
    key.push(TEMPLATE_KEY);
    key.push(u8::try_from(levels.len()).map_err(|_| Uncacheable)?);
    let mut compares = false;
    for template in levels.iter().flatten() {
        let params = template.params();
        key.extend_from_slice(&(template.id() as u64).to_le_bytes());
        // Most keys are short: one reservation, then no growth.
        key.reserve(4 * params.len() + 10);
        pins.reserve(params.len());
        compares |= template.compares_expressions();
    }
    let mut writer = KeyWriter {
        key: &mut *key,
        slots: &mut *pins,
        expand,
    };
    for template in levels.iter().flatten() {
        let params = template.params();
        writer.len(params.len());
        for param in params {
            match param {
                Param::Value(value) => {
                    writer.byte(0);
                    writer.param(value)?;
                    writer.count_sign(value);
                    writer.slots.push(Slot::Value(value));
                }
                Param::List(list) => {
                    writer.byte(1);
                    writer.array_class(list)?;
                    writer.len(match (expand, list.len()) {
                        (false, _) | (true, 0) => 0,
                        (true, len) => padded_len(len),
                    });
                    writer.slots.push(Slot::List(list));
                }
                _ => return Err(Uncacheable),
            }
        }
    }
    // One pin has a constant pattern.
    if numbered && pins.len() > 1 {
        same_pattern(pins, key)?;
    }
    key.push(u8::from(compares));
    if compares {
        equal_pattern(pins, key)?;
    }
    Ok(())
}

/// A hit's parameters: the cached order applied to the pins and the shape's literals;
/// `None` if a pin equals a literal (or the order does not fit, which equal keys rule out).
fn serve(
    order: &[Source],
    pins: &[Slot<'_>],
    literals: &[Value],
    mut defer: impl FnMut(usize, &Slot<'_>, usize) -> bool,
) -> Option<Vec<Value>> {
    if conflicts(pins, literals) {
        return None;
    }
    let count = pins.len();
    collect_from(
        order,
        |k| {
            let k = usize::try_from(k).ok()?;
            match pins.get(k) {
                Some(pin) => Some(*pin),
                None => literals.get(k - pins.len()).map(Slot::Value),
            }
        },
        |at, slot, source| {
            usize::try_from(source.slot()).is_ok_and(|k| k < count && defer(at, slot, k))
        },
    )
}

/// Whether a pin could share a placeholder, or compare equal, with a literal.
fn conflicts(pins: &[Slot<'_>], literals: &[Value]) -> bool {
    literals.iter().any(|literal| {
        let literal = Slot::Value(literal);
        pins.iter()
            .any(|pin| same_slot(*pin, literal) || equal_slot(*pin, literal))
    })
}

/// Where a slot of the template's clauses comes from.
#[derive(Clone, Copy)]
enum Origin {
    /// The pin of this index, in the chain's order.
    Pin(u32),
    /// The literal of this index, in walk order.
    Literal(u32),
}

/// A miss: renders `query` through its clauses and, if the two builds agree, stores its
/// shape under `key`.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site, the steps of one lookup"
)]
fn learn<S, R, D: Dialect + ?Sized, T>(
    query: &Query<S, R>,
    levels: &[Option<TemplateRef<'_>>],
    dialect: &D,
    cache: &ShapeCache,
    hash: u64,
    key: &[u8],
    pins: &[Slot<'_>],
    miss: impl FnOnce(String, bool) -> (T, Option<Arc<str>>),
) -> Result<(T, Vec<Value>), Error> {
    let data = query.data();
    let planned = recto_planner::plan(data)?;
    let (sql, origins) = render_learning(&planned, dialect, true)?;
    let mut real = Vec::new();
    let walked = walk(data, &mut real).is_ok();
    // The key has the pins' `==` relation only where the call sites say the clauses compare
    // expressions: a call site that does not say so, whose clauses do, is never stored.
    let said = levels
        .iter()
        .flatten()
        .any(|template| template.compares_expressions());
    let learned = origins
        .filter(|_| walked && (said || !compares_expressions(data)))
        .and_then(|origins| sources(&origins, &real))
        .and_then(|order| {
            let sentinel = sentinel_data(levels, pins.len())?;
            let mut marks = Vec::new();
            walk(&sentinel, &mut marks).ok()?;
            let (origins, literals) = map_slots(&marks, &real, pins)?;
            let order = order
                .iter()
                .map(|source| relocate(*source, &origins))
                .collect::<Option<Box<[Source]>>>()?;
            Some((order, literals))
        });
    let (text, shared) = miss(sql.text, learned.is_some());
    if let (Some((order, literals)), Some(shared)) = (learned, shared) {
        cache.insert(hash, key, shared, order, literals);
    }
    Ok((text, sql.params))
}

/// Walks `data`'s slots, as a query key does (the key itself is not kept).
fn walk<'q>(data: &'q QueryData, slots: &mut Vec<Slot<'q>>) -> Result<(), Uncacheable> {
    let mut key = Vec::new();
    KeyWriter {
        key: &mut key,
        slots,
        expand: false,
    }
    .query(data)
}

/// The clauses the chain builds from sentinel pins: pin `g` (in the chain's order) is the
/// integer `SENTINEL + g`, or a list of that one integer.
fn sentinel_data(levels: &[Option<TemplateRef<'_>>], count: usize) -> Option<QueryData> {
    let mut next = 0_i64;
    let mut base: Option<Query> = None;
    for template in levels.iter().flatten() {
        let params: Vec<Param> = template
            .params()
            .iter()
            .map(|param| {
                let mark = SENTINEL + next;
                next += 1;
                match param {
                    Param::List(_) => Param::List(Array::I64(vec![mark])),
                    _ => Param::Value(Value::I64(mark)),
                }
            })
            .collect();
        let data = template.build_with(base.take(), &params)?;
        base = Some(Query::from_data(data));
    }
    (usize::try_from(next).ok()? == count).then_some(())?;
    base.map(Query::into_data)
}

/// Which pin or literal each slot of the real clauses holds, from the sentinel build's
/// slots `marks`, and the literals; `None` unless every slot of the two builds agrees and
/// no pin equals a literal.
fn map_slots(
    marks: &[Slot<'_>],
    real: &[Slot<'_>],
    pins: &[Slot<'_>],
) -> Option<(Vec<Origin>, Box<[Value]>)> {
    if marks.len() != real.len() {
        return None;
    }
    let pin_of = |mark: i64| {
        let g = usize::try_from(mark.checked_sub(SENTINEL)?).ok()?;
        (g < pins.len()).then_some(g)
    };
    let mut origins = Vec::with_capacity(real.len());
    let mut literals = Vec::new();
    for (mark, slot) in marks.iter().zip(real) {
        let pin = match mark {
            Slot::Value(Value::I64(mark)) => pin_of(*mark),
            Slot::List(Array::I64(list)) => match list.as_slice() {
                [mark] => pin_of(*mark),
                _ => None,
            },
            _ => None,
        };
        match (pin, slot) {
            (Some(g), _) => {
                // The real build put the pin's own value here.
                same_slot(*slot, *pins.get(g)?).then_some(())?;
                origins.push(Origin::Pin(u32::try_from(g).ok()?));
            }
            (None, Slot::Value(value)) => {
                // The same literal in both builds.
                same_slot(*mark, *slot).then_some(())?;
                origins.push(Origin::Literal(u32::try_from(literals.len()).ok()?));
                literals.push((*value).clone());
            }
            (None, Slot::List(_)) => return None,
        }
    }
    (!conflicts(pins, &literals)).then_some(())?;
    let pins = u32::try_from(pins.len()).ok()?;
    let origins = origins
        .into_iter()
        .map(|origin| match origin {
            Origin::Literal(j) => Origin::Literal(pins + j),
            pin => pin,
        })
        .collect();
    Some((origins, literals.into_boxed_slice()))
}

/// A source over the real clauses' slots, as a source over the pins and then the literals.
fn relocate(source: Source, origins: &[Origin]) -> Option<Source> {
    let to = |k: u32| match origins.get(usize::try_from(k).ok()?)? {
        Origin::Pin(g) | Origin::Literal(g) => Some(*g),
    };
    Some(match source {
        Source::Value(k) => Source::Value(to(k)?),
        Source::List(k) => Source::List(to(k)?),
        Source::Element(k, n) => Source::Element(to(k)?, n),
    })
}

#[cfg(test)]
mod tests;
