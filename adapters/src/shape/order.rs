//! The order of a cached shape's parameters: where each placeholder's value comes from in
//! the query's slots, learned from a render's parameter origins and replayed on a hit.

use std::collections::HashMap;

use recto_core::Value;

use super::key::Slot;
use crate::writer::Origin;

/// Where the `n`th parameter of a cached shape comes from: an index into the query's slots
/// (see [`Slot`]), in the key's walk order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// A clone of the value in slot `k`.
    Value(u32),
    /// The list in slot `k`, bound as one array.
    List(u32),
    /// The `n`th placeholder of the list in slot `k`: its element `n`, or its last element
    /// where `n` is padding.
    Element(u32, u32),
}

/// The parameters of a query of a cached shape, from its slots in the cached order; `None`
/// if a slot is not what the order expects (which a shape's equal keys rule out).
pub(super) fn collect(order: &[Source], slots: &[Slot<'_>]) -> Option<Vec<Value>> {
    collect_deferring(order, slots, |_, _, _| false)
}

/// [`collect`], except that where `defer` (given the parameter's index, its slot and its
/// source) says so, a whole value or list is left as a placeholder for the caller to fill.
pub(super) fn collect_deferring(
    order: &[Source],
    slots: &[Slot<'_>],
    defer: impl FnMut(usize, &Slot<'_>, Source) -> bool,
) -> Option<Vec<Value>> {
    collect_from(
        order,
        |k| slots.get(usize::try_from(k).ok()?).copied(),
        defer,
    )
}

/// [`collect_deferring`] from the slots `slot` gives by index.
pub(super) fn collect_from<'s>(
    order: &[Source],
    slot: impl Fn(u32) -> Option<Slot<'s>>,
    mut defer: impl FnMut(usize, &Slot<'_>, Source) -> bool,
) -> Option<Vec<Value>> {
    let mut params = Vec::with_capacity(order.len());
    for source in order {
        let at = params.len();
        params.push(match (*source, slot(source.slot())?) {
            (Source::Value(_) | Source::List(_), found) if defer(at, &found, *source) => {
                Value::Bool(false)
            }
            (Source::Value(_), Slot::Value(value)) => value.clone(),
            (Source::List(_), Slot::List(list)) => Value::Array(list.clone()),
            (Source::Element(_, n), Slot::List(list)) => {
                let last = list.len().checked_sub(1)?;
                list.get(usize::try_from(n).ok()?.min(last))?
            }
            _ => return None,
        });
    }
    Some(params)
}

impl Source {
    pub(super) fn slot(self) -> u32 {
        match self {
            Source::Value(k) | Source::List(k) | Source::Element(k, _) => k,
        }
    }
}

/// The order of a render's parameters as slot indices; `None` if any parameter came from
/// somewhere that is not one of the query's slots.
pub(super) fn sources(origins: &[Origin], slots: &[Slot<'_>]) -> Option<Box<[Source]>> {
    let address = |slot: &Slot<'_>| match slot {
        Slot::Value(value) => (std::ptr::from_ref(*value).addr(), false),
        Slot::List(list) => (std::ptr::from_ref(*list).addr(), true),
    };
    let by_address: HashMap<(usize, bool), u32> = slots
        .iter()
        .enumerate()
        .filter_map(|(k, slot)| Some((address(slot), u32::try_from(k).ok()?)))
        .collect();
    origins
        .iter()
        .map(|origin| match *origin {
            Origin::Value(at) => by_address.get(&(at, false)).map(|&k| Source::Value(k)),
            Origin::List(at) => by_address.get(&(at, true)).map(|&k| Source::List(k)),
            Origin::Element(at, n) => {
                let n = u32::try_from(n).ok()?;
                by_address.get(&(at, true)).map(|&k| Source::Element(k, n))
            }
        })
        .collect()
}
