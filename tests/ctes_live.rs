//! CTEs on every engine, with rows reasoned from the fixture (`tests/fixture`): users
//! (id, age, org_id) 1 36 1, 2 41 1, 3 36 2, 4 17 2, 5 64 NULL, 6 28 3; the tree `nodes`
//! root(1) > a(2) > c(4) > d(5) > e(6), root > b(3), and a lone root 7.

mod common;
mod fixture;
mod servers;

use recto::prelude::*;
use recto::row::Named;

use common::{Node, Person, User, Walk};
use fixture::on_every_engine;

#[derive(Debug, PartialEq, recto::Row)]
struct Step {
    i: i32,
}

fn adults() -> Query<User, Named<Person>> {
    from!(u in User, where: u.age >= 18, select: Person { id: u.id, org_id: u.org_id })
}

#[tokio::test]
async fn a_cte_read_twice_and_one_reading_another() {
    on_every_engine(|repo, name| async move {
        // Adults: 1 2 3 5 6. Two of them in one org, the lower id first: Ada and Brian.
        let q = from!(a in "adults", with_cte: "adults", as: adults(),
            join: b in "adults", on: a.org_id == b.org_id && a.id < b.id,
            select: (a.id, b.id));
        let rows: Vec<(i64, i64)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(1, 2)], "{name}");
        // A CTE reading the one before it, with a parameter in each: adults in an org
        // numbered at least 2: Zoë (2) and 日本 (3).
        let min_org = 2_i64;
        let q = from!(p in "placed",
            with_cte: "adults", as: adults(),
            with_cte: "placed", as: from!(a in "adults", where: a.org_id >= ^min_org, select: Person { id: a.id, org_id: a.org_id }),
            order_by: p.id,
            select: p.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [3, 6], "{name}");
        // A CTE read inside a subquery of the query that names it: users with an adult in
        // their org other than themselves: Ada and Brian (each other), O'Brien (Zoë).
        let q = from!(u in User, as: user, with_cte: "adults", as: adults(),
            where: exists(from!(a in "adults", where: a.org_id == parent_as(user).org_id && a.id != parent_as(user).id)),
            order_by: u.id, select: u.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // Zoë's only org-mate is O'Brien, who is 17: not her.
        assert_eq!(rows, [1, 2, 4], "{name}");
        // A hint changes no row, where the engine has it or not.
        let q = from!(a in "adults", with_cte: "adults", as: adults(), materialized: true, select: count());
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [5], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_recursive_cte_walks_a_tree_to_depth_four() {
    on_every_engine(|repo, name| async move {
        let base = from!(n in Node, where: n.name == "root", select: Walk { id: n.id, depth: 0 });
        let step = from!(n in Node, join: w in "tree", on: n.parent_id == w.id,
            select: Walk { id: n.id, depth: w.depth + 1 });
        let q = from!(t in "tree", recursive_ctes: true, with_cte: "tree", as: base.union_all(step),
            order_by: t.id, select: (t.id, t.depth));
        let rows: Vec<(i64, i32)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // The lone root (7) is not below root.
        assert_eq!(rows, [(1, 0), (2, 1), (3, 1), (4, 2), (5, 3), (6, 4)], "{name}");
        // In a subquery, with a parameter: `a` (2) and the nodes below it, c d e.
        let top = 2_i64;
        let base = from!(n in Node, where: n.id == ^top, select: Walk { id: n.id, depth: 0 });
        let step = from!(n in Node, join: w in "tree", on: n.parent_id == w.id,
            select: Walk { id: n.id, depth: w.depth + 1 });
        let below = from!(t in "tree", recursive_ctes: true, with_cte: "tree", as: base.union_all(step), select: t.id);
        let q = from!(n in Node, where: n.id in subquery(below), order_by: n.id, select: n.name);
        let rows: Vec<String> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, ["a", "c", "d", "e"], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_recursive_cte_goes_past_a_thousand_levels_everywhere() {
    on_every_engine(|repo, name| async move {
        // 1 to 2000: MariaDB stops at 1001 rows with only a warning unless the statement
        // lifts its limit, which recto does.
        let base = from!(n in Node, where: n.id == 1, select: Step { i: 1 });
        let step = from!(s in "steps", where: s.i < 2000, select: Step { i: s.i + 1 });
        let q = from!(s in "steps", recursive_ctes: true, with_cte: "steps", as: base.union_all(step),
            select: (count(), max(s.i)));
        let rows: Vec<(i64, Option<i32>)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(2000, Some(2000))], "{name}");
    })
    .await;
}
