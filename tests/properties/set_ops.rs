//! Set operations over random queries ([`crate::generate`]): a generated query, without its
//! sort and counts, combined by each operator with the same query without its `where:`
//! (so both sides select the same types, and the sides overlap with duplicates and NULLs),
//! gives the same multiset of rows on every engine, INTERSECT ALL and EXCEPT ALL included
//! (emulated on SQLite). A combination the planner or a dialect rejects with a typed error
//! is tallied, not compared.

use std::sync::Arc;

use recto::row::AnyRow;
use recto::{Clause, Erased, Error, Query, SetOp, exclude};

use crate::agree::Tally;
use crate::fixture::TestDb;
use crate::generate::spec;
use crate::property;
use crate::queries::Spec;
use crate::rows;
use crate::term_gen::Pools;

const OPS: [SetOp; 6] = [
    SetOp::Union,
    SetOp::UnionAll,
    SetOp::Intersect,
    SetOp::IntersectAll,
    SetOp::Except,
    SetOp::ExceptAll,
];

/// `spec`'s query without its sort and counts, combined by `op` with itself without its
/// `where:` either.
fn combined(spec: &Spec, op: SetOp) -> Result<Query<Erased, AnyRow>, Error> {
    let mut base = spec.query();
    for clause in [Clause::OrderBy, Clause::Limit, Clause::Offset] {
        base = exclude(base, clause)?;
    }
    let member = exclude(&base, Clause::Where)?;
    Ok(match op {
        SetOp::Union => base.union(member),
        SetOp::UnionAll => base.union_all(member),
        SetOp::Intersect => base.intersect(member),
        SetOp::IntersectAll => base.intersect_all(member),
        SetOp::Except => base.except(member),
        _ => base.except_all(member),
    })
}

async fn check(dbs: &[TestDb], spec: &Spec, op: SetOp, tally: &Tally) -> Result<(), String> {
    let query = combined(spec, op).map_err(|e| format!("building {spec}: {e}"))?;
    let what = || {
        format!(
            "{spec}\n  without its order_by/limit/offset, `{}:` the same without where:",
            op.name()
        )
    };
    rows::on_every_engine(dbs, &query, tally, op.name(), what).await
}

/// Every operator over random queries agrees across engines.
#[test]
fn set_operations_agree_across_engines() {
    let pools = Arc::new(Pools::from_fixture());
    let tally = Tally::default();
    let name = "set_ops::set_operations_agree_across_engines";
    property(
        name,
        120,
        (spec(pools), proptest::sample::select(OPS.to_vec())),
        async |_| Ok(()),
        async |dbs: &[TestDb], (spec, op): (Spec, SetOp)| check(dbs, &spec, op, &tally).await,
    );
    tally.report(name);
}
