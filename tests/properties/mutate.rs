//! Mutated serialized queries for the no-panic property ([`crate::no_panic`]): valid
//! random queries of the agreement property as JSON, each changed at nodes chosen by
//! position — a leaf tweaked within its JSON type, a node replaced by arbitrary JSON shaped
//! like serde's enum encoding, a node removed, or one node copied over another.

use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::Value as Json;

use crate::adversarial_text;
use crate::arbitrary::name;
use crate::generate::spec;
use crate::term_gen::Pools;

/// Names serde uses for recto's enum variants.
const TAGS: [&str; 39] = [
    "Lit",
    "Param",
    "Field",
    "Unary",
    "Binary",
    "InList",
    "InParam",
    "IsNil",
    "Like",
    "Aggregate",
    "Coalesce",
    "Index",
    "Named",
    "Last",
    "Null",
    "Bool",
    "I32",
    "I64",
    "F64",
    "Text",
    "Bytes",
    "Date",
    "Timestamp",
    "Array",
    "Schema",
    "Table",
    "One",
    "Tuple",
    "Struct",
    "Expr",
    "Binding",
    "And",
    "Or",
    "Asc",
    "Desc",
    "Inner",
    "Left",
    "Not",
    "Neg",
];

/// Arbitrary JSON, often shaped like serde's enum encoding (`{"Variant": ...}`) with the
/// names recto's types use.
fn json() -> BoxedStrategy<Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        select(vec![u64::MAX, 0, 1, 255, 256, 65_536]).prop_map(Json::from),
        any::<f64>().prop_map(Json::from),
        adversarial_text(4).prop_map(Json::String),
        select(TAGS.to_vec()).prop_map(|t| Json::String(t.to_owned())),
    ];
    leaf.prop_recursive(3, 12, 3, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Json::Array),
            (select(TAGS.to_vec()), inner.clone())
                .prop_map(|(t, v)| { Json::Object([(t.to_owned(), v)].into_iter().collect()) }),
            proptest::collection::vec((name(), inner), 0..3)
                .prop_map(|kv| Json::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

/// One change to a JSON document, at nodes chosen by position in pre-order.
#[derive(Clone, Debug)]
enum Mutation {
    /// A leaf changed within its JSON type: text to `.0`, a number to `.1`, a boolean
    /// flipped, which keeps the document's shape and so often deserializes.
    Tweak(Index, String, Json),
    Replace(Index, Json),
    Remove(Index),
    CopyOver(Index, Index),
}

fn mutation() -> BoxedStrategy<Mutation> {
    let number = prop_oneof![
        any::<i64>().prop_map(Json::from),
        select(vec![0i64, 1, -1, 2, 3, 255, 65_536, i64::from(u32::MAX)]).prop_map(Json::from),
        select(vec![u64::MAX]).prop_map(Json::from),
        any::<f64>().prop_map(Json::from),
    ];
    let text = prop_oneof![name(), select(TAGS.to_vec()).prop_map(str::to_owned)];
    prop_oneof![
        6 => (any::<Index>(), text, number).prop_map(|(at, t, n)| Mutation::Tweak(at, t, n)),
        3 => (any::<Index>(), json()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        2 => any::<Index>().prop_map(Mutation::Remove),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::CopyOver(a, b)),
    ]
    .boxed()
}

/// The nodes of `doc` in pre-order, as paths of object keys and array positions.
fn paths(doc: &Json, path: &mut Vec<Json>, out: &mut Vec<Vec<Json>>) {
    out.push(path.clone());
    let children: Vec<(Json, &Json)> = match doc {
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Json::from(i), v))
            .collect(),
        Json::Object(map) => map
            .iter()
            .map(|(k, v)| (Json::from(k.clone()), v))
            .collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        path.push(key);
        paths(child, path, out);
        path.pop();
    }
}

fn node<'a>(doc: &'a mut Json, path: &[Json]) -> Option<&'a mut Json> {
    path.iter().try_fold(doc, |at, key| match (at, key) {
        (Json::Array(items), Json::Number(n)) => items.get_mut(n.as_u64()? as usize),
        (Json::Object(map), Json::String(k)) => map.get_mut(k),
        _ => None,
    })
}

fn mutate(doc: &mut Json, mutation: &Mutation) {
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let pick = |at: &Index| all[at.index(all.len())].clone();
    match mutation {
        Mutation::Tweak(at, text, number) => match node(doc, &pick(at)) {
            Some(Json::String(s)) => *s = text.clone(),
            Some(n @ Json::Number(_)) => *n = number.clone(),
            Some(Json::Bool(b)) => *b = !*b,
            _ => {}
        },
        Mutation::Replace(at, value) => {
            if let Some(n) = node(doc, &pick(at)) {
                *n = value.clone();
            }
        }
        Mutation::Remove(at) => {
            let mut path = pick(at);
            let Some(last) = path.pop() else { return };
            match (node(doc, &path), last) {
                (Some(Json::Array(items)), Json::Number(n)) => {
                    let i = n.as_u64().unwrap_or(0) as usize;
                    if i < items.len() {
                        items.remove(i);
                    }
                }
                (Some(Json::Object(map)), Json::String(k)) => {
                    map.remove(&k);
                }
                _ => {}
            }
        }
        Mutation::CopyOver(from, to) => {
            let copy = node(doc, &pick(from)).map(|n| n.clone());
            if let (Some(copy), Some(n)) = (copy, node(doc, &pick(to))) {
                *n = copy;
            }
        }
    }
}

/// Valid random queries as JSON, each changed by a few mutations.
pub(crate) fn mutated() -> BoxedStrategy<String> {
    let pools = Arc::new(Pools::from_fixture());
    (spec(pools), proptest::collection::vec(mutation(), 1..4))
        .prop_map(|(spec, mutations)| {
            let mut doc = serde_json::to_value(spec.query()).unwrap_or(Json::Null);
            for m in &mutations {
                mutate(&mut doc, m);
            }
            doc.to_string()
        })
        .boxed()
}
