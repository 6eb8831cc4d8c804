//! Subqueries on every engine, with rows reasoned from the fixture (`tests/fixture`):
//!
//! - orgs (id, name, active): 1 Acme true, 2 Globex true, 3 Initech false, 4 Umbrella true
//!   (no users);
//! - users (id, name, age, org_id): 1 Ada 36 1, 2 Brian 41 1, 3 Zoë 36 2, 4 O'Brien 17 2,
//!   5 alice 64 NULL, 6 日本 28 3;
//! - posts (id, user_id, title, score, views): 1 u1 Hello 4.5 3e9, 2 u1 Notes 2.0 -5,
//!   3 u3 3.0 0, 4 u4 -1.25 2^53+1, 5 u5 Tie 3.0 42.
//!
//! So Brian and 日本 have no posts, Ada has two, `users.org_id` holds a NULL, and Umbrella
//! has no users. Each case below tells SQL's semantics from a plausible wrong answer.

mod common;
mod fixture;
mod servers;

use fixture::on_every_engine;
use recto::prelude::*;
use recto::{Error, Query};

use common::{Org, Post, User};

/// The ids of the users `q` selects, sorted.
async fn user_ids(repo: &Repo, name: &str, q: Query<User>) -> Vec<i64> {
    let q = from!(u in q, order_by: u.id, select: u.id);
    repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The posts of the user `parent_as(user)` names.
fn posts_of_user() -> Query<Post> {
    from!(p in Post, where: p.user_id == parent_as(user).id)
}

#[tokio::test]
async fn correlated_exists_and_not_exists() {
    on_every_engine(|repo, name| async move {
        // Users with a post: Ada, Zoë, O'Brien, alice; without: Brian, 日本.
        let with = from!(u in User, as: user, where: exists(posts_of_user()));
        assert_eq!(user_ids(&repo, name, with).await, [1, 3, 4, 5], "{name}");
        let without = from!(u in User, as: user, where: !exists(posts_of_user()));
        assert_eq!(user_ids(&repo, name, without).await, [2, 6], "{name}");
        // A parameter inside the subquery: a post with more than 10 views (posts 1, 4, 5).
        let min = 10_i64;
        let busy = from!(u in User, as: user,
            where: exists(from!(p in Post, where: p.user_id == parent_as(user).id && p.views > ^min)));
        assert_eq!(user_ids(&repo, name, busy).await, [1, 4, 5], "{name}");
    })
    .await;
}

#[tokio::test]
async fn in_and_not_in_a_subquery_keep_sql_null_semantics() {
    on_every_engine(|repo, name| async move {
        // Posts' user ids are 1 1 3 4 5, no NULL: NOT IN is the complement.
        let authors = from!(p in Post, select: p.user_id);
        let q = from!(u in User, where: u.id in subquery(&authors));
        assert_eq!(user_ids(&repo, name, q).await, [1, 3, 4, 5], "{name}");
        let q = from!(u in User, where: !(u.id in subquery(&authors)));
        assert_eq!(user_ids(&repo, name, q).await, [2, 6], "{name}");

        // Users' org ids are 1 1 2 2 NULL 3. IN finds orgs 1, 2, 3; NOT IN finds nothing,
        // Umbrella included: `4 NOT IN (1, 2, NULL, ..)` is NULL, not true.
        let org_ids = from!(u in User, select: u.org_id);
        let q = from!(o in Org, where: o.id in subquery(&org_ids), order_by: o.id, select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 2, 3], "{name}");
        let q = from!(o in Org, where: !(o.id in subquery(&org_ids)), select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, Vec::<i64>::new(), "{name}");
        // Without the NULL, Umbrella is the one org no user is in.
        let known = from!(u in User, where: !is_nil(u.org_id), select: u.org_id);
        let q = from!(o in Org, where: !(o.id in subquery(known)), select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [4], "{name}");
    })
    .await;
}

#[tokio::test]
async fn scalar_subqueries_in_select_and_where() {
    on_every_engine(|repo, name| async move {
        // Each user's number of posts, correlated, in the select: 2 0 1 1 1 0.
        let q = from!(u in User, as: user, order_by: u.id,
            select: (u.id, subquery(from!(p in Post, where: p.user_id == parent_as(user).id, select: count()))));
        let rows: Vec<(i64, Option<i64>)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let counts: Vec<Option<i64>> = rows.into_iter().map(|(_, n)| n).collect();
        assert_eq!(counts, [Some(2), Some(0), Some(1), Some(1), Some(1), Some(0)], "{name}");

        // A subquery with no row is NULL: only Ada has a post scored above 4.
        let q = from!(u in User, as: user, order_by: u.id,
            select: subquery(from!(p in Post, where: p.user_id == parent_as(user).id && p.score > 4.0, select: p.title)));
        let rows: Vec<Option<String>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let hello = Some("Hello".to_owned());
        assert_eq!(rows, [hello, None, None, None, None, None], "{name}");

        // Posts scored below their author's average: Ada's average is 3.25, so her 2.0
        // post (2); every other author has one post, equal to the average.
        let q = from!(p in Post, as: post,
            where: p.score < subquery(from!(o in Post, where: o.user_id == parent_as(post).user_id, select: avg(o.score))),
            select: p.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [2], "{name}");

        // Grouped by org, each group's posts through a subquery that reads the grouped
        // column: Acme (Ada's two), Globex (Zoë's and O'Brien's), Initech none, and the
        // NULL group none (no org_id equals NULL).
        let q = from!(u in User, as: user, group_by: u.org_id, order_by: u.org_id,
            select: (u.org_id, subquery(from!(p in Post, join: v in User, on: v.id == p.user_id,
                where: v.org_id == parent_as(user).org_id, select: count()))));
        let rows: Vec<(Option<i64>, Option<i64>)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(Some(1), Some(2)), (Some(2), Some(2)), (Some(3), Some(0)), (None, Some(0))], "{name}");

        // In `having:`: orgs with more members than posts scored above 4 (one): Acme and
        // Globex have two members, the others one.
        let q = from!(u in User, group_by: u.org_id,
            having: count() > subquery(from!(p in Post, where: p.score > 4.0, select: count())),
            order_by: u.org_id, select: u.org_id);
        let rows: Vec<Option<i64>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [Some(1), Some(2)], "{name}");
        // In `order_by:`: the most prolific first (Ada 2; Zoë, O'Brien, alice 1; Brian,
        // 日本 0), ties by id.
        let q = from!(u in User, as: user,
            order_by: [desc: subquery(from!(p in Post, where: p.user_id == parent_as(user).id, select: count())), asc: u.id],
            select: u.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 3, 4, 5, 2, 6], "{name}");

        // Uncorrelated and empty: NULL for every row, so no row passes `==`.
        let none = from!(p in Post, where: p.views > 10_000_000_000_000_000_i64, select: p.user_id);
        let q = from!(u in User, where: u.id == subquery(&none));
        assert_eq!(user_ids(&repo, name, q).await, Vec::<i64>::new(), "{name}");
        let q = from!(u in User, where: is_nil(subquery(none)));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 4, 5, 6], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_scalar_subquery_of_two_rows_fails_on_every_engine() {
    on_every_engine(|repo, name| async move {
        // Ada has two posts: PostgreSQL and MariaDB refuse the second row; SQLite would take
        // the first silently, and recto's guard makes it fail too.
        let q = from!(u in User, as: user, where: u.id == 1,
            select: subquery(from!(p in Post, where: p.user_id == parent_as(user).id, select: p.id)));
        let result: Result<Vec<Option<i64>>, Error> = repo.all(q).await;
        assert!(result.is_err(), "{name}: {result:?}");
        // One row per user is fine: Zoë's one post.
        let q = from!(u in User, as: user, where: u.id == 3,
            select: subquery(from!(p in Post, where: p.user_id == parent_as(user).id, select: p.id)));
        let rows: Vec<Option<i64>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [Some(3)], "{name}");
    })
    .await;
}

#[tokio::test]
async fn any_and_all_over_subqueries() {
    on_every_engine(|repo, name| async move {
        // Ages in org 2: 36 and 17.
        let org2 = from!(u in User, where: u.org_id == 2, select: u.age);
        // Older than all of them: Brian 41, alice 64 (Ada and Zoë tie 36: not greater).
        let q = from!(u in User, where: u.age > all(&org2));
        assert_eq!(user_ids(&repo, name, q).await, [2, 5], "{name}");
        // At least as old as all: Ada and Zoë too.
        let q = from!(u in User, where: u.age >= all(&org2));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 5], "{name}");
        // Older than any: all but O'Brien (17 is not greater than 17).
        let q = from!(u in User, where: u.age > any(&org2));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 5, 6], "{name}");
        // Younger than any: 日本 28 and O'Brien 17 (below 36).
        let q = from!(u in User, where: u.age < any(&org2));
        assert_eq!(user_ids(&repo, name, q).await, [4, 6], "{name}");
        // Equal to any is IN; different from all is NOT IN.
        let q = from!(u in User, where: u.age == any(&org2));
        assert_eq!(user_ids(&repo, name, q).await, [1, 3, 4], "{name}");
        let q = from!(u in User, where: u.age != all(&org2));
        assert_eq!(user_ids(&repo, name, q).await, [2, 5, 6], "{name}");
        // Different from any: every user (two distinct ages in org 2).
        let q = from!(u in User, where: u.age != any(&org2));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 4, 5, 6], "{name}");
        // Equal to all: nobody (the ages differ).
        let q = from!(u in User, where: u.age == all(&org2));
        assert_eq!(user_ids(&repo, name, q).await, Vec::<i64>::new(), "{name}");

        // All of nothing holds, any of nothing does not: for every user.
        let nothing = from!(u in User, where: u.age > 100, select: u.age);
        let q = from!(u in User, where: u.age > all(&nothing));
        assert_eq!(user_ids(&repo, name, q).await, [1, 2, 3, 4, 5, 6], "{name}");
        let q = from!(u in User, where: u.age > any(&nothing));
        assert_eq!(user_ids(&repo, name, q).await, Vec::<i64>::new(), "{name}");

        // Org ids 1 1 2 2 NULL 3: `> all` of a set holding a NULL is never true (NULL or
        // false); `> any` holds where a smaller non-NULL value exists.
        let org_ids = from!(u in User, select: u.org_id);
        let q = from!(o in Org, where: o.id > all(&org_ids), select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, Vec::<i64>::new(), "{name}");
        let q = from!(o in Org, where: o.id > any(&org_ids), order_by: o.id, select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [2, 3, 4], "{name}");
        // `<= all` over a NULL: the NULL makes it unknown, except where a value already
        // fails it (org 2 and up fail against 1): no row either way.
        let q = from!(o in Org, where: !(o.id <= all(&org_ids)), order_by: o.id, select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [2, 3, 4], "{name}");
    })
    .await;
}

#[tokio::test]
async fn limits_inside_in_subqueries() {
    on_every_engine(|repo, name| async move {
        // The authors of the two first posts: Ada twice.
        let first_two = from!(p in Post, order_by: p.id, limit: 2, select: p.user_id);
        let q = from!(u in User, where: u.id in subquery(first_two));
        assert_eq!(user_ids(&repo, name, q).await, [1], "{name}");
        // The authors of the three best-scored posts (4.5, 3.0, 3.0; ties broken by id):
        // posts 1, 3, 5 by Ada, Zoë, alice.
        let best =
            from!(p in Post, order_by: [desc: p.score, asc: p.id], limit: ^3, select: p.user_id);
        let q = from!(u in User, where: u.id in subquery(best));
        assert_eq!(user_ids(&repo, name, q).await, [1, 3, 5], "{name}");
    })
    .await;
}

#[derive(Debug, PartialEq, recto::Row)]
struct PostCount {
    user_id: i64,
    n: i64,
}

#[tokio::test]
async fn subquery_sources_aggregate_aggregates_and_join() {
    on_every_engine(|repo, name| async move {
        // Posts per author: Ada 2, Zoë 1, O'Brien 1, alice 1.
        let counts = from!(p in Post, group_by: p.user_id, select: PostCount { user_id: p.user_id, n: count() });
        // How many authors have n posts: three have one, one has two.
        let q = from!(c in subquery(&counts), group_by: c.n, order_by: c.n, select: (c.n, count()));
        let rows: Vec<(i64, i64)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(1, 3), (2, 1)], "{name}");
        // Each user with their count, left-joined: no row for Brian and 日本.
        let q = from!(u in User, left_join: c in subquery(&counts), on: c.user_id == u.id,
            order_by: u.id, select: (u.id, c.n));
        let rows: Vec<(i64, Option<i64>)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = [(1, Some(2)), (2, None), (3, Some(1)), (4, Some(1)), (5, Some(1)), (6, None)];
        assert_eq!(rows, expected, "{name}");
        // The derived table selected whole, filtered by a parameter.
        let min = 2_i64;
        let q = from!(c in subquery(&counts), where: c.n >= ^min, select: c);
        let rows: Vec<(i64, i64)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(1, 2)], "{name}");
    })
    .await;
}

#[tokio::test]
async fn three_levels_deep_with_parent_as_two_levels_up() {
    on_every_engine(|repo, name| async move {
        // Orgs with a member who wrote a post scored above the org's id + 1: Acme (Ada's
        // 4.5 > 2); not Globex (Zoë's 3.0 and O'Brien's -1.25 are not above 3); not
        // Initech (日本 wrote nothing) nor Umbrella (no members).
        let bonus = 1_i64;
        let q = from!(o in Org, as: org,
            where: exists(from!(u in User, as: user,
                where: u.org_id == parent_as(org).id
                    && exists(from!(p in Post,
                        where: p.user_id == parent_as(user).id && p.score > parent_as(org).id + ^bonus)))),
            select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1], "{name}");
        // Parameters at every level, in placeholder order: the outer `where:` before the
        // subquery's, the subquery's own before the inner one's.
        let (min_age, max_views, min_score) = (18_i32, 100_i64, 2.5_f64);
        let q = from!(o in Org, as: org,
            where: o.active == ^true && exists(from!(u in User, as: user,
                where: u.age >= ^min_age && u.org_id == parent_as(org).id
                    && exists(from!(p in Post,
                        where: p.views < ^max_views && p.user_id == parent_as(user).id && p.score > ^min_score)))),
            order_by: o.id,
            select: o.id);
        // Posts with fewer than 100 views and a score above 2.5: post 3 (Zoë, Globex, 36)
        // and post 5 (alice, no org). Globex is active: [2].
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [2], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_query_grouped_by_its_order_alone_is_one_row_in_a_subquery() {
    on_every_engine(|repo, name| async move {
        // An aggregate in `order_by:` alone makes the subquery one group, one row even for
        // Umbrella, which has no users: every org passes. (MariaDB drops such an ORDER BY
        // inside EXISTS and IN, and would answer 1, 2, 3.)
        let q = from!(o in Org, as: org,
            where: exists(from!(u in User, where: u.org_id == parent_as(org).id, order_by: count() + 1, select: 0)),
            order_by: o.id,
            select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 2, 3, 4], "{name}");
        let q = from!(o in Org, as: org,
            where: 0 in subquery(from!(u in User, where: u.org_id == parent_as(org).id, order_by: count() + 1, select: 0)),
            order_by: o.id,
            select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 2, 3, 4], "{name}");
    })
    .await;
}

#[tokio::test]
async fn exists_of_distinct_rows_past_an_offset() {
    on_every_engine(|repo, name| async move {
        // Each org's members share one org_id: one distinct row, none past offset 1, so no
        // org passes. (SQLite drops such a DISTINCT inside EXISTS and would count Acme's and
        // Globex's two members as two rows.) MariaDB sorts a DISTINCT outside a derived table
        // (docs/dialects.md), which cannot see the enclosing org: a typed error there.
        let q = from!(o in Org, as: org,
            where: exists(from!(u in User, where: u.org_id == parent_as(org).id, distinct: true, order_by: u.org_id, offset: 1, select: u.org_id)),
            select: o.id);
        let rows: Result<Vec<i64>, Error> = repo.all(q).await;
        match rows {
            Err(Error::Unsupported { dialect, .. }) if name == "MySQL" => assert_eq!(dialect, "MySQL"),
            rows => assert_eq!(rows.unwrap_or_else(|e| panic!("{name}: {e}")), Vec::<i64>::new(), "{name}"),
        }
        // Without `distinct:`, the second member passes the offset: Acme and Globex.
        let q = from!(o in Org, as: org,
            where: exists(from!(u in User, where: u.org_id == parent_as(org).id, order_by: u.id, offset: 1, select: u.org_id)),
            order_by: o.id,
            select: o.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 2], "{name}");
    })
    .await;
}
