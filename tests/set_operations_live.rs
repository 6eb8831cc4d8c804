//! Set operations on every engine, with rows reasoned from the fixture (`tests/fixture`).
//! The users' (id, age, org_id): (1, 36, 1) (2, 41, 1) (3, 36, 2) (4, 17, 2) (5, 64, NULL)
//! (6, 28, 3), so `org_id` has duplicates and a NULL. Every result is sorted (by an outer
//! `order_by:` of the combined rows) or compared as a sorted multiset; NULLs sort last
//! ascending and first descending on every engine, as in PostgreSQL.

mod common;
mod fixture;
mod servers;

use recto::Query;
use recto::prelude::*;

use common::User;
use fixture::on_every_engine;

/// Users at least `min` years old: org_ids 1 1 2 NULL for 30.
fn at_least(min: i32) -> Query<User, Option<i64>> {
    from!(u in User, where: u.age >= ^min, select: u.org_id)
}

/// Users younger than `max`: org_ids 1 2 2 3 for 40.
fn younger(max: i32) -> Query<User, Option<i64>> {
    from!(u in User, where: u.age < ^max, select: u.org_id)
}

/// Every user: org_ids 1 1 2 2 NULL 3.
fn everyone() -> Query<User, Option<i64>> {
    from!(u in User, select: u.org_id)
}

/// The rows sorted, NULL last.
fn sorted(mut rows: Vec<Option<i64>>) -> Vec<Option<i64>> {
    rows.sort_by_key(|row| (row.is_none(), *row));
    rows
}

#[tokio::test]
async fn union_and_union_all_with_an_outer_order_and_limit() {
    on_every_engine(|repo, name| async move {
        let run = |q: Query<User, Option<i64>>| {
            let repo = repo.clone();
            async move { repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}")) }
        };
        // Duplicates removed across and within both sides; the NULL kept once.
        let q = from!(u in at_least(30), union: younger(40), order_by: u.org_id);
        assert_eq!(run(q).await, [Some(1), Some(2), Some(3), None], "{name}");
        // Every row kept: 1 1 2 NULL + 1 2 2 3, sorted, then the first four.
        let q = from!(u in at_least(30), union_all: younger(40), order_by: u.org_id, limit: ^4);
        assert_eq!(run(q).await, [Some(1), Some(1), Some(1), Some(2)], "{name}");
        // Descending puts the NULL first; offset skips it.
        let q = from!(u in at_least(30), union: younger(40), order_by: [desc: u.org_id], limit: 2, offset: ^1);
        assert_eq!(run(q).await, [Some(3), Some(2)], "{name}");
        // A member with its own sort and limit: the two oldest (alice NULL, Brian 1), with
        // user 6 (org 3).
        let oldest = from!(u in User, order_by: [desc: u.age], limit: 2, select: u.org_id);
        let six = from!(u in User, where: u.id == 6, select: u.org_id);
        let q = from!(u in six, union_all: oldest, order_by: u.org_id);
        assert_eq!(run(q).await, [Some(1), Some(3), None], "{name}");
    })
    .await;
}

#[tokio::test]
async fn intersect_and_except_treat_nulls_as_equal_and_remove_duplicates() {
    on_every_engine(|repo, name| async move {
        let run = |q: Query<User, Option<i64>>| {
            let repo = repo.clone();
            async move { sorted(repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"))) }
        };
        assert_eq!(
            run(everyone().intersect(younger(40))).await,
            [Some(1), Some(2), Some(3)],
            "{name}"
        );
        // {1 2 3 NULL} less {1 2 NULL}: the NULLs match.
        assert_eq!(
            run(everyone().except(at_least(30))).await,
            [Some(3)],
            "{name}"
        );
        assert_eq!(
            run(at_least(30).except(younger(40))).await,
            [None],
            "{name}"
        );
        // INTERSECT binds tighter: everyone ∪ ({3} ∩ {1}), not (everyone ∪ {3}) ∩ {1}.
        let one = from!(u in User, where: u.id == 1, select: u.org_id);
        let six = from!(u in User, where: u.id == 6, select: u.org_id);
        let q = from!(u in everyone(), union: six, intersect: one, order_by: u.org_id);
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [Some(1), Some(2), Some(3), None], "{name}");
    })
    .await;
}

#[tokio::test]
async fn intersect_all_and_except_all_count_duplicates() {
    on_every_engine(|repo, name| async move {
        let run = |q: Query<User, Option<i64>>| {
            let repo = repo.clone();
            async move { repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}")) }
        };
        // everyone 1 1 2 2 NULL 3, younger(40) 1 2 2 3, at_least(30) 1 1 2 NULL.
        let rows = run(everyone().intersect_all(younger(40))).await;
        assert_eq!(sorted(rows), [Some(1), Some(2), Some(2), Some(3)], "{name}");
        let rows = run(everyone().except_all(younger(40))).await;
        assert_eq!(sorted(rows), [Some(1), None], "{name}");
        // NULLs match NULLs, each once.
        let rows = run(everyone().intersect_all(at_least(30))).await;
        assert_eq!(sorted(rows), [Some(1), Some(1), Some(2), None], "{name}");
        // The combined rows sorted and cut.
        let q = from!(u in everyone(), intersect_all: younger(40), order_by: [desc: u.org_id], limit: 3);
        assert_eq!(run(q).await, [Some(3), Some(2), Some(2)], "{name}");
        // INTERSECT ALL binds tighter: 1 1 2 NULL + (1 2 2 3).
        let q = from!(u in at_least(30), union_all: everyone(), intersect_all: younger(40), order_by: u.org_id);
        let expected = [Some(1), Some(1), Some(1), Some(2), Some(2), Some(2), Some(3), None];
        assert_eq!(run(q).await, expected, "{name}");
        // EXCEPT ALL reads left to right: (1 NULL) less (1 1 2 NULL) is empty, where
        // everyone less (younger less at_least) would be 1 1 2 NULL.
        let q = everyone().except_all(younger(40)).except_all(at_least(30));
        assert_eq!(run(q).await, [], "{name}");
    })
    .await;
}

#[tokio::test]
async fn whole_rows_and_pairs_decode_through_the_wrappers() {
    on_every_engine(|repo, name| async move {
        // Whole users: the wrapper names each column after the user's field again.
        let six = from!(u in User, where: u.id == 6);
        let q =
            from!(u in User, where: u.id <= 2, union_all: six, order_by: [desc: u.id], limit: 2);
        let users = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let ids: Vec<i64> = users.iter().map(|user| user.id).collect();
        assert_eq!(ids, [6, 2], "{name}");
        assert_eq!(users[0].name, "日本", "{name}");
        // Two columns of one name (`id` twice) in a member with its own sort and limit:
        // numbered inside its derived table. Users 1 and 2 are in org 1, 3 and 4 in org 2.
        let first = from!(u in User, join: o in common::Org, on: o.id == u.org_id,
            order_by: u.id, limit: 1, select: (u.id, o.id));
        let q = from!(u in User, join: o in common::Org, on: o.id == u.org_id,
            where: o.id == 2, select: (u.id, o.id), union: first, order_by: u.id);
        let pairs = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(pairs, [(1_i64, 1_i64), (3, 2), (4, 2)], "{name}");
    })
    .await;
}

#[tokio::test]
async fn decimals_keep_their_value_through_the_wrappers() {
    use recto::rust_decimal::Decimal;
    on_every_engine(|repo, name| async move {
        let price = Decimal::new(150, 2);
        let one = from!(u in User, where: u.id == 1, select: ^price);
        // A limit of the combined rows wraps them; an INTERSECT ALL is emulated on SQLite.
        let q = from!(u in User, where: u.id == 2, select: ^price, union_all: &one, limit: 1);
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [price], "{name}");
        let q = from!(u in User, where: u.id <= 2, select: ^price, intersect_all: &one);
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [price], "{name}");
        // A member with its own limit, and no sort or count of the combined rows.
        let first = from!(u in User, order_by: u.id, limit: 1, select: ^price);
        let q = from!(u in User, where: u.id == 2, select: ^price, union: &first);
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [price], "{name}");
    })
    .await;
}
