//! Raw SQL in a payload: a fragment's text is SQL the program would run as it is, so a
//! catalog refuses a payload carrying one, wherever it is, unless the caller built it with
//! `Catalog::trusting_fragments`.

use recto::prelude::*;
use recto::{Error, Limits};

use super::common::User;
use super::{admit, catalog, sql};

#[test]
fn a_payload_with_a_fragment_is_refused_by_default() {
    let v = "Ada";
    let query = from!(u in User,
        where: fragment("lower(?) = lower(?)", u.name, ^v),
        select: u.id)
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    assert!(matches!(admit(&json), Err(Error::UntrustedFragment)));
    // Also inside a subquery of a condition, and as an argument of a function.
    let inner = from!(p in User, where: p.id == fragment::<i64>("1"), select: p.id);
    let query =
        from!(u in User, where: u.id in subquery(inner), select: lower(fragment("'a'"))).erase();
    let json = serde_json::to_string(&query).unwrap();
    assert!(matches!(admit(&json), Err(Error::UntrustedFragment)));
}

#[test]
fn a_trusting_catalog_admits_fragments_unchanged() {
    let (v, ids, column) = ("Ada", vec![1_i64, 2], "name");
    let query = from!(u in User,
        where: fragment::<bool>("lower(?) = lower(?) OR ? IN (?)", u.name, ^v, u.id, splice(^ids)),
        select: (u.id, fragment::<String>("?", identifier(^column))))
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    let back = catalog()
        .trusting_fragments()
        .query_from_json(&json, &Limits::default())
        .expect("a trusting catalog admits a fragment");
    assert_eq!(back, query);
    assert_eq!(sql(&back), sql(&query));
}
