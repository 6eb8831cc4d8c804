//! Row values on every engine, with rows reasoned from the fixture (`tests/fixture`):
//!
//! - users (id, name, age, org_id): 1 Ada 36 1, 2 Brian 41 1, 3 Zoë 36 2, 4 O'Brien 17 2,
//!   5 alice 64 NULL, 6 日本 28 3;
//! - posts (id, published_at): 1 2024-01-15 09:30:00, 2 2024-01-15 09:30:00.5,
//!   3 2023-12-31 23:59:59, 4 2025-02-28 00:00:00, 5 2024-06-01 12:00:00; so in
//!   `(published_at, id)` order: 3, 1, 2, 5, 4.
//!
//! Ada and Zoë tie on age, and alice's org_id is NULL: each case tells the row semantics
//! (the first unequal pair decides; a NULL in the pair that decides makes the result NULL)
//! from a plausible wrong answer, such as comparing each pair on its own.

mod common;
mod fixture;
mod servers;

use recto::prelude::*;
use recto::{Query, Repo};

use common::{Org, Post, User};
use fixture::{at, on_every_engine};

/// The ids of the users `q` selects, sorted.
async fn user_ids(repo: &Repo, name: &str, q: Query<User>) -> Vec<i64> {
    let q = from!(u in q, order_by: u.id, select: u.id);
    repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The ids a query selects, in its order.
async fn ids<S>(repo: &Repo, name: &str, q: Query<S, i64>) -> Vec<i64> {
    repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The page of two posts after `(t, id)` in `(published_at, id)` order.
fn page_after(t: chrono::NaiveDateTime, id: i64) -> Query<Post, i64> {
    from!(p in Post,
        where: (p.published_at, p.id) > (^t, ^id),
        order_by: [asc: p.published_at, asc: p.id],
        limit: 2,
        select: p.id)
}

#[tokio::test]
async fn keyset_pagination_walks_every_post_once() {
    on_every_engine(|repo, name| async move {
        let all = |q| {
            let repo = repo.clone();
            async move { repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}")) }
        };
        // Before the earliest post: the first page.
        assert_eq!(
            all(page_after(at(2000, 1, 1, 0, 0, 0, 0), 0)).await,
            [3, 1],
            "{name}"
        );
        // After post 1 (09:30:00): post 2 shares the second and follows by half a second.
        assert_eq!(
            all(page_after(at(2024, 1, 15, 9, 30, 0, 0), 1)).await,
            [2, 5],
            "{name}"
        );
        // After post 5: the last page holds one post.
        assert_eq!(
            all(page_after(at(2024, 6, 1, 12, 0, 0, 0), 5)).await,
            [4],
            "{name}"
        );
        // Post 1's time with a smaller id: post 1 itself comes next, decided by the id.
        assert_eq!(
            all(page_after(at(2024, 1, 15, 9, 30, 0, 0), 0)).await,
            [1, 2],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn comparisons_of_rows_are_lexicographic() {
    on_every_engine(|repo, name| async move {
        // (36, 1) is Ada: Zoë ties her age with a larger id; Brian and alice are older.
        // Comparing each pair on its own would drop Zoë (id 3 > 1 but 36 = 36 is not > 36).
        let q = from!(u in User, where: (u.age, u.id) > (36, 1));
        assert_eq!(user_ids(&repo, name, q).await, [2, 3, 5], "{name}");
        let q = from!(u in User, where: (u.age, u.id) >= (36, 3));
        assert_eq!(user_ids(&repo, name, q).await, [2, 3, 5], "{name}");
        let q = from!(u in User, where: (u.age, u.id) < (36, 3));
        assert_eq!(user_ids(&repo, name, q).await, [1, 4, 6], "{name}");
        let q = from!(u in User, where: (u.age, u.id) <= (36, 1));
        assert_eq!(user_ids(&repo, name, q).await, [1, 4, 6], "{name}");
        let q = from!(u in User, where: (u.age, u.id, u.name) == (36, 3, "Zoë"));
        assert_eq!(user_ids(&repo, name, q).await, [3], "{name}");
        let q = from!(u in User, where: (u.age, u.name) != (36, "Ada"));
        assert_eq!(user_ids(&repo, name, q).await, [2, 3, 4, 5, 6], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_null_item_counts_only_where_its_pair_decides() {
    on_every_engine(|repo, name| async move {
        // alice is (64, NULL). Against (65, 0) her first pair decides: 64 < 65, true.
        let q = from!(u in User, where: (u.age, u.org_id) < (65, 0));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 4, 5, 6], "{name}");
        // Against (64, 1) her ages tie, so NULL < 1 decides: NULL, neither true nor false.
        let q = from!(u in User, where: (u.age, u.org_id) < (64, 1));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 4, 6], "{name}");
        let q = from!(u in User, where: !((u.age, u.org_id) < (64, 1)));
        assert_eq!(user_ids(&repo, name, q).await, [] as [i64; 0], "{name}");
        // A NULL in the first pair: NULL whatever follows.
        let q = from!(u in User, where: !((u.org_id, u.id) < (2, 0)));
        assert_eq!(user_ids(&repo, name, q).await, [3, 4, 6], "{name}");
        // Unequal rows: one non-NULL unequal pair is enough (alice's 64 <> 36).
        let q = from!(u in User, where: (u.age, u.org_id) != (36, 1));
        assert_eq!(user_ids(&repo, name, q).await, [2, 3, 4, 5, 6], "{name}");
        // Equal rows: a NULL pair makes the equality NULL, so its negation is NULL too.
        let q = from!(u in User, where: !((u.age, u.org_id) == (64, 1)));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 4, 6], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_row_in_a_list_of_rows() {
    on_every_engine(|repo, name| async move {
        // (36, "Brian") is no one: Brian is 41.
        let brian = "Brian".to_owned();
        let q = from!(u in User,
            where: (u.age, u.name) in [(36, "Zoë"), (41, ^brian), (36, "Brian")]);
        assert_eq!(user_ids(&repo, name, q).await, [2, 3], "{name}");
        // alice's (64, NULL) against (64, 1) is NULL, so she is neither in nor out.
        let q = from!(u in User, where: (u.age, u.org_id) in [(64, 1), (36, 2)]);
        assert_eq!(user_ids(&repo, name, q).await, [3], "{name}");
        let q = from!(u in User, where: !((u.age, u.org_id) in [(64, 1), (36, 2)]));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 4, 6], "{name}");
        // An empty list matches no row.
        let q = from!(u in User, where: (u.age, u.org_id) in []);
        assert_eq!(user_ids(&repo, name, q).await, [] as [i64; 0], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_selected_comparison_of_rows_decodes_as_a_boolean() {
    on_every_engine(|repo, name| async move {
        // org_id may be NULL, so the comparison is an `Option<bool>`: alice's is NULL.
        let q = from!(u in User,
            order_by: u.id,
            select: (u.id, (u.age, u.org_id) < (64, 1), (u.age, u.id) >= (36, 3)));
        let rows: Vec<(i64, Option<bool>, bool)> =
            repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [
                (1, Some(true), false),
                (2, Some(true), true),
                (3, Some(true), true),
                (4, Some(true), false),
                (5, None, true),
                (6, Some(true), false),
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_negated_row_comparison_over_a_left_join_keeps_its_null_rows() {
    on_every_engine(|repo, name| async move {
        // Only Acme (1) and Globex (2) are active, so alice (no org) and 日本 (Initech)
        // join no org: `o.id` is NULL for users 5 and 6. No user has id 0, so each row
        // comparison below is false (its first pair decides), and its negation true for
        // every user, NULL `o.id` or not. MariaDB's native form drops the NULL rows.
        let q = from!(u in User,
            left_join: o in Org, on: o.id == u.org_id && o.active,
            where: !((u.id, o.id) == (0, 1)),
            order_by: u.id,
            select: u.id);
        assert_eq!(ids(&repo, name, q).await, [1, 2, 3, 4, 5, 6], "{name}");
        let q = from!(u in User,
            left_join: o in Org, on: o.id == u.org_id && o.active,
            where: !((u.id, o.id) < (0, 1)),
            order_by: u.id,
            select: u.id);
        assert_eq!(ids(&repo, name, q).await, [1, 2, 3, 4, 5, 6], "{name}");
        let q = from!(u in User,
            left_join: o in Org, on: o.id == u.org_id && o.active,
            where: !((u.id, o.id) in [(0, 1), (-1, 2)]),
            order_by: u.id,
            select: u.id);
        assert_eq!(ids(&repo, name, q).await, [1, 2, 3, 4, 5, 6], "{name}");

        // The engine's own answer to the native form, pinned so that a release that fixes
        // it shows up here.
        let plain = recto::RawSql::new(sqlx::AssertSqlSafe(
            "SELECT u.id FROM users u LEFT JOIN orgs o ON o.id = u.org_id AND o.active \
             WHERE NOT ((u.id, o.id) = (0, 1)) ORDER BY u.id",
        ));
        let rows: Vec<i64> = repo
            .all_sql(&plain)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected: &[i64] = if name.starts_with("MySQL") || name.starts_with("MariaDB") {
            &[1, 2, 3, 4]
        } else {
            &[1, 2, 3, 4, 5, 6]
        };
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}
