//! CTEs (`with_cte:`, `materialized:`, `recursive_ctes:`): the SQL of each form in every
//! dialect (each snapshot a reviewed claim) and the typed errors of their misuse. Rows on
//! the engines are `tests/ctes_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::row::{AnyRow, Named};
use recto::{Clause, Erased, Error, Query};

use common::{Node, Person, User, Walk, error_of, render};

fn adults() -> Query<User, Named<Person>> {
    from!(u in User, where: u.age >= ^18, select: Person { id: u.id, org_id: u.org_id })
}

#[test]
fn ctes_read_twice_and_in_order_with_parameters_first() {
    let q = from!(a in "adults", with_cte: "adults", as: adults(),
        join: b in "adults", on: a.org_id == b.org_id && a.id < b.id,
        where: a.id > ^0, select: (a.id, b.id));
    insta::assert_snapshot!("cte_read_twice", render(&q));
    let q = from!(p in "placed",
        with_cte: "adults", as: adults(), materialized: true,
        with_cte: "placed", as: from!(a in "adults", where: a.org_id >= ^2, select: Person { id: a.id, org_id: a.org_id }), materialized: false,
        select: p.id);
    insta::assert_snapshot!("cte_reading_a_cte_with_hints", render(&q));
}

#[test]
fn a_recursive_cte_and_the_mariadb_prefix() {
    let base = from!(n in Node, where: n.name == "root", select: Walk { id: n.id, depth: 0 });
    let step = from!(n in Node, join: w in "tree", on: n.parent_id == w.id,
        select: Walk { id: n.id, depth: w.depth + 1 });
    let q = from!(t in "tree", recursive_ctes: true, with_cte: "tree", as: base.union_all(step),
        select: (t.id, t.depth));
    insta::assert_snapshot!("recursive", render(&q));
    // A CTE inside a subquery: the statement still starts with MariaDB's prefix.
    let base = from!(n in Node, where: n.id == 1, select: Walk { id: n.id, depth: 0 });
    let step = from!(n in Node, join: w in "tree", on: n.parent_id == w.id,
        select: Walk { id: n.id, depth: w.depth + 1 });
    let below = from!(t in "tree", recursive_ctes: true, with_cte: "tree", as: base.union_all(step), select: t.id);
    let q = from!(n in Node, where: n.id in subquery(below), select: n.name);
    insta::assert_snapshot!("recursive_in_a_subquery", render(&q));
}

#[test]
fn misused_ctes_are_typed_errors_of_the_with_clause() {
    let invalid = |q: &Query<Erased, AnyRow>| match error_of(q) {
        Error::InvalidClause {
            clause: Clause::WithCtes,
            reason,
            ..
        } => reason,
        other => panic!("expected an invalid WITH, got {other:?}"),
    };
    // A CTE that reads itself must be a union of a base and a step that reads it.
    let selfish = from!(t in "t", where: t.id > 1, select: Walk { id: t.id, depth: 0 });
    let q = from!(t in "t", recursive_ctes: true, with_cte: "t", as: selfish, select: t.id);
    assert!(
        matches!(error_of(&q), Error::InvalidClause { clause: Clause::From, ref reason, .. } if reason.contains("read before its columns are known")),
        "{:?}",
        error_of(&q)
    );
    // A step reading the CTE twice.
    let base = from!(n in Node, where: n.id == 1, select: Walk { id: n.id, depth: 0 });
    let twice = from!(a in "tree", join: b in "tree", on: a.id == b.id, select: Walk { id: a.id, depth: b.depth });
    let q = from!(t in "tree", recursive_ctes: true, with_cte: "tree", as: base.union_all(twice), select: t.id).erase().any_rows();
    assert!(
        invalid(&q).contains("reads itself 2 times"),
        "{}",
        invalid(&q)
    );
    // A step that groups.
    let base = from!(n in Node, where: n.id == 1, select: Walk { id: n.id, depth: 0 });
    let counted = from!(a in "tree", group_by: a.id, select: Walk { id: a.id, depth: 1 });
    let q = from!(t in "tree", recursive_ctes: true, with_cte: "tree", as: base.union_all(counted), select: t.id).erase().any_rows();
    assert!(
        invalid(&q).contains("no sort, counts, grouping, aggregate"),
        "{}",
        invalid(&q)
    );
    // Two CTEs of one name.
    let q = from!(a in "adults", with_cte: "adults", as: adults(), with_cte: "adults", as: adults(), select: a.id).erase().any_rows();
    assert!(invalid(&q).contains("two CTEs `adults`"), "{}", invalid(&q));
    // A column the CTE does not have.
    let q = from!(a in "adults", with_cte: "adults", as: adults(), select: a.age);
    assert!(
        matches!(error_of(&q), Error::UnknownField { ref field, ref table, .. } if field == "age" && table.contains("`id`, `org_id`")),
        "{:?}",
        error_of(&q)
    );
}
