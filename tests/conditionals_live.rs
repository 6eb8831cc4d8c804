//! Conditionals and aggregate filters on every engine, with rows reasoned from the fixture
//! (`tests/fixture`):
//!
//! - orgs (id, name, active): 1 Acme true, 2 Globex true, 3 Initech false, 4 Umbrella true;
//! - users (id, name, email, age, org_id): 1 Ada ada@acme.test 36 1, 2 Brian NULL 41 1,
//!   3 Zoë zoe@globex.test 36 2, 4 O'Brien NULL 17 2, 5 alice alice@example.test 64 NULL,
//!   6 日本 ni"hon@example.test 28 3;
//! - posts (id, user_id, title, body, score, views): 1 u1 Hello first 4.5 3e9,
//!   2 u1 Notes NULL 2.0 -5, 3 u3 Zoë's post ünïcode 3.0 0, 4 u4 It's "quoted" NULL -1.25
//!   2^53+1, 5 u5 Tie x 3.0 42.
//!
//! Each case tells SQL's semantics from a plausible wrong answer: a NULL condition takes
//! the `else`, a branch not taken is not evaluated (post 3's zero views), a filter's NULL
//! condition leaves the row out, and a filter that keeps no row counts 0 and sums NULL.

mod common;
mod fixture;
mod servers;

use recto::prelude::*;

use common::{Org, Post, User};
use fixture::on_every_engine;

#[tokio::test]
async fn conditionals_pick_the_first_true_branch() {
    on_every_engine(|repo, name| async move {
        // Ages 36 41 36 17 64 28: alice is the one senior, O'Brien the one minor.
        let q = from!(u in User, order_by: u.id,
            select: if u.age >= 60 { "senior" } else if u.age >= 18 { "adult" } else { "minor" });
        let rows: Vec<String> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            ["adult", "adult", "adult", "minor", "senior", "adult"],
            "{name}"
        );

        // `else { nil }`: only alice has no organisation.
        let q =
            from!(u in User, order_by: u.id, select: if is_nil(u.org_id) { u.age } else { nil });
        let rows: Vec<Option<i32>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [None, None, None, None, Some(64), None], "{name}");

        // `nil` in a first or middle branch: alice (no organisation) is NULL, then the ages
        // over 30 (Ada, Brian, Zoë), then 0 (O'Brien, 日本). With a text branch first.
        let q = from!(u in User, order_by: u.id,
            select: if is_nil(u.org_id) { nil } else if u.age > 30 { u.age } else { 0 });
        let rows: Vec<Option<i32>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [Some(36), Some(41), Some(36), Some(0), None, Some(0)],
            "{name}"
        );
        let q = from!(u in User, order_by: u.id,
            select: if u.age < 30 { u.name } else if is_nil(u.email) { nil } else { u.email });
        let rows: Vec<Option<String>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            rows,
            [
                some("ada@acme.test"),
                None,
                some("zoe@globex.test"),
                some("O'Brien"),
                some("alice@example.test"),
                some("日本")
            ],
            "{name}"
        );

        // A NULL condition (Brian's and O'Brien's email) is not true: the `else` is taken.
        let q = from!(u in User, order_by: u.id,
            select: if u.email == "ada@acme.test" { 1 } else { 2 });
        let rows: Vec<i32> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 2, 2, 2, 2, 2], "{name}");

        // A NULL branch taken is NULL: Brian is over 30 and has no email.
        let q = from!(u in User, order_by: u.id, select: if u.age > 30 { u.email } else { u.name });
        let rows: Vec<Option<String>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [
                some("ada@acme.test"),
                None,
                some("zoe@globex.test"),
                some("O'Brien"),
                some("alice@example.test"),
                some("日本")
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn branches_decode_as_their_unified_type() {
    on_every_engine(|repo, name| async move {
        // A float branch and an integer one: the integer 0 comes back a float everywhere.
        let q = from!(p in Post, order_by: p.id, select: if p.views > 0 { p.score } else { 0 });
        let rows: Vec<f64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [4.5, 0.0, 0.0, -1.25, 3.0], "{name}");

        // A bound boolean beside a comparison decodes as a boolean.
        let no = false;
        let q = from!(u in User, order_by: u.id, select: if is_nil(u.email) { ^no } else { u.age > 18 });
        let rows: Vec<bool> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [true, false, true, false, true, true], "{name}");

        // An `i32` branch and an `i64` one: the `i64`, past 32 bits included.
        let q = from!(p in Post, join: u in User, on: u.id == p.user_id, order_by: p.id,
            select: if p.score > 3.0 { u.age } else { p.views });
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [36, -5, 0, 9_007_199_254_740_993, 42], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_branch_not_taken_is_not_evaluated() {
    on_every_engine(|repo, name| async move {
        // Post 3 has no views: dividing by them would fail on PostgreSQL (and be NULL
        // elsewhere). 1000 / 42 truncates to 23 and 1000 / -5 is -200.
        let q = from!(p in Post, order_by: p.id,
            select: if p.views != 0 { 1000 / p.views } else { 0 });
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [0, -200, 0, 0, 23], "{name}");
    })
    .await;
}

#[tokio::test]
async fn conditionals_in_conditions_and_aggregates() {
    on_every_engine(|repo, name| async move {
        // Over 30 only Ada passes; 30 and under (O'Brien, 日本) all pass.
        let q = from!(u in User, order_by: u.id,
            where: if u.age > 30 { u.name == "Ada" } else { true }, select: u.id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 4, 6], "{name}");

        // Scores above 2.0: posts 1, 3 and 5, with 3e9, 0 and 42 views.
        let q = from!(p in Post, select: sum(if p.score > 2.0 { p.views } else { 0 }));
        let rows: Vec<Option<i64>> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [Some(3_000_000_042)], "{name}");
    })
    .await;
}

#[tokio::test]
async fn filtered_aggregates_count_the_rows_their_condition_keeps() {
    on_every_engine(|repo, name| async move {
        // Scores above 2.0: posts 1, 3, 5. Views not 0: posts 1, 2 (both Ada's), 4, 5, so
        // three distinct authors of four posts. Over 100 views: posts 1 (4.5) and 4
        // (-1.25). No body: posts 2 (Notes) and 4 (It's "quoted").
        let q = from!(p in Post, select: (
            filter(count(), p.score > 2.0),
            filter(sum(p.views), p.score > 2.0),
            filter(count(p.user_id, distinct), p.views != 0),
            filter(count(p.user_id), p.views != 0),
            filter(avg(p.score), p.views > 100),
            filter(max(p.title), is_nil(p.body))));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = (
            3,
            Some(3_000_000_042),
            3,
            4,
            Some(1.625),
            Some("Notes".to_owned()),
        );
        assert_eq!(rows, [expected], "{name}");

        // A NULL condition leaves the row out: of the bodies only post 5's is "x".
        // A filter no row passes counts 0 and sums NULL.
        let q = from!(p in Post, select: (
            filter(count(), p.body == "x"),
            filter(count(), p.score > 100.0),
            filter(sum(p.views), p.score > 100.0),
            count()));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(1, 0, None::<i64>, 5)], "{name}");
    })
    .await;
}

#[tokio::test]
async fn filtered_aggregates_per_group_and_in_having() {
    on_every_engine(|repo, name| async move {
        // Posts over 10 views per author: Ada 1 (of 2), Zoë 0, O'Brien 1, alice 1.
        let min = 10_i64;
        let q = from!(p in Post, group_by: p.user_id, order_by: p.user_id,
            select: (p.user_id, filter(count(), p.views > ^min)));
        let rows: Vec<(i64, i64)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(1, 1), (3, 0), (4, 1), (5, 1)], "{name}");
        let q = from!(p in Post, group_by: p.user_id, order_by: p.user_id,
            having: filter(count(), p.views > ^min) > 0,
            select: p.user_id);
        let rows: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [1, 4, 5], "{name}");
    })
    .await;
}

#[tokio::test]
async fn filtered_aggregates_over_a_left_join_with_an_empty_group() {
    on_every_engine(|repo, name| async move {
        // Acme has Ada (36) and Brian (41), Globex Zoë (36) and O'Brien (17), Initech 日本
        // (28), Umbrella nobody: its one row has a NULL age, which no filter keeps.
        let q = from!(o in Org, left_join: u in User, on: u.org_id == o.id,
            group_by: o.id, order_by: o.id,
            select: (o.id,
                filter(count(u.id), u.age > 30),
                filter(max(u.name), u.age < 30),
                filter(min(o.active), u.age > 30)));
        let rows: Vec<(i64, i64, Option<String>, Option<bool>)> =
            repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = [
            (1, 2, None, Some(true)),
            (2, 1, Some("O'Brien".to_owned()), Some(true)),
            (3, 0, Some("日本".to_owned()), None),
            (4, 0, None, None),
        ];
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}
