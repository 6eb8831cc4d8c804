//! Right, full, cross and lateral joins on every engine, over two small tables made for them
//! (`docs/nesting.md`'s `a` and `b`), with rows reasoned from these tables:
//!
//! ```text
//! a (id, k, v): (1,1,10) (2,1,10) (3,2,20) (4,NULL,30) (5,3,40)
//! b (id, k, w): (1,1,100) (2,1,100) (3,4,400) (4,NULL,500) (5,2,200)
//! ```
//!
//! Duplicate keys on both sides, NULL keys on both sides (matching nothing), and unmatched
//! rows on both sides. Results are compared as sorted multisets unless the query sorts.
//! MariaDB has no `FULL JOIN` (nor PostgreSQL one on a condition without an equality of the
//! two sides): recto writes the left join `UNION ALL` the unmatched right rows there, as
//! the query or as a derived table the rest of the query reads. MariaDB and SQLite have no
//! `LATERAL`: recto numbers the subquery's rows per key there (the top-N rewrite of
//! `docs/nesting.md`), or refuses the join with `Error::Unsupported`. Values lists
//! (`values(..)`) are joined to `a` too, in each engine's spelling.

mod common;
mod fixture;
mod servers;

use std::future::Future;

use recto::prelude::*;
use recto::{Schema, ToValue};

#[derive(Schema, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[recto(table = "a")]
struct A {
    #[recto(primary_key)]
    id: i32,
    k: Option<i32>,
    v: i32,
}

#[derive(Schema, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[recto(table = "b")]
struct B {
    #[recto(primary_key)]
    id: i32,
    k: Option<i32>,
    w: i32,
}

fn a(id: i32, k: Option<i32>, v: i32) -> A {
    A { id, k, v }
}

fn b(id: i32, k: Option<i32>, w: i32) -> B {
    B { id, k, w }
}

/// Creates and fills `a` and `b` in the test's database.
async fn load(repo: &Repo) {
    let dialect = fixture::dialect_of(repo);
    let rows = |rows: &[(i32, Option<i32>, i32)]| {
        rows.iter()
            .map(|(id, k, x)| vec![id.to_value(), k.to_value(), x.to_value()])
            .collect::<Vec<_>>()
    };
    let tables = [
        (
            A::META,
            rows(&[
                (1, Some(1), 10),
                (2, Some(1), 10),
                (3, Some(2), 20),
                (4, None, 30),
                (5, Some(3), 40),
            ]),
        ),
        (
            B::META,
            rows(&[
                (1, Some(1), 100),
                (2, Some(1), 100),
                (3, Some(4), 400),
                (4, None, 500),
                (5, Some(2), 200),
            ]),
        ),
    ];
    for (meta, rows) in tables {
        let ddl = recto::ddl::create_table(&meta, dialect).expect("render the DDL");
        repo.execute(sqlx::AssertSqlSafe(ddl))
            .await
            .unwrap_or_else(|e| panic!("create {}: {e}", meta.table));
        repo.execute_sql(&fixture::insert(dialect, &meta, rows))
            .await
            .unwrap_or_else(|e| panic!("fill {}: {e}", meta.table));
    }
}

/// Runs `body` on each engine with `a` and `b` loaded, then drops every database.
async fn on_every_engine<F, Fut>(body: F)
where
    F: Fn(Repo, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    fixture::on_every_engine(|repo, name| {
        let body = &body;
        async move {
            load(&repo).await;
            body(repo, name).await;
        }
    })
    .await;
}

fn sorted<T: Ord>(mut rows: Vec<T>) -> Vec<T> {
    rows.sort();
    rows
}

const N: Option<i32> = None;

/// `a` right-joined to `b` on the key, `(a.id, b.id)` sorted: each `b` with every `a` of
/// its key, `b` 3 (key 4) and 4 (NULL) with none.
fn right_join_rows() -> Vec<(Option<i32>, i32)> {
    sorted(vec![
        (Some(1), 1),
        (Some(2), 1),
        (Some(1), 2),
        (Some(2), 2),
        (N, 3),
        (N, 4),
        (Some(3), 5),
    ])
}

#[tokio::test]
async fn full_join_keeps_unmatched_rows_of_both_sides_and_duplicates() {
    on_every_engine(|repo, name| async move {
        // Each `a` with every `b` of its key; NULL keys match nothing.
        let q = from!(x in A, full_join: y in B, on: x.k == y.k, select: (x.id, y.id));
        let rows: Vec<(Option<i32>, Option<i32>)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = vec![
            (Some(1), Some(1)),
            (Some(1), Some(2)),
            (Some(2), Some(1)),
            (Some(2), Some(2)),
            (Some(3), Some(5)),
            (Some(4), N),
            (Some(5), N),
            (N, Some(3)),
            (N, Some(4)),
        ];
        assert_eq!(sorted(rows), sorted(expected), "{name}");

        // A condition on one side, with a parameter (bound twice on MariaDB): `a` 1 and 2
        // (v 10) now match nothing, so `b` 1 and 2 are unmatched too.
        let min = 15;
        let q =
            from!(x in A, full_join: y in B, on: x.k == y.k && x.v > ^min, select: (x.id, y.id));
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = vec![
            (Some(1), N),
            (Some(2), N),
            (Some(3), Some(5)),
            (Some(4), N),
            (Some(5), N),
            (N, Some(1)),
            (N, Some(2)),
            (N, Some(3)),
            (N, Some(4)),
        ];
        assert_eq!(sorted(rows), sorted(expected), "{name}");

        // A `where:` over the joined rows: 3/5 (w 200), and the `b` rows with no `a`. 4/N
        // has a NULL `w`: NULL, not true.
        let q = from!(x in A, full_join: y in B, on: x.k == y.k,
                      where: is_nil(x.id) || y.w >= ^200, select: (x.id, y.id));
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            sorted(rows),
            sorted(vec![(Some(3), Some(5)), (N, Some(3)), (N, Some(4))]),
            "{name}"
        );

        // Whole bindings: both are `Option`s.
        let q = from!(x in A, full_join: y in B, on: x.k == y.k, where: x.id == 5 || y.id == 3,
                      select: (x, y));
        let rows: Vec<(Option<A>, Option<B>)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            sorted(rows),
            sorted(vec![
                (Some(a(5, Some(3), 40)), None),
                (None, Some(b(3, Some(4), 400))),
            ]),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn full_join_without_an_equality_keeps_the_same_rows() {
    on_every_engine(|repo, name| async move {
        // PostgreSQL plans no full join on `<` alone: recto splits it there as on MariaDB.
        // Pairs with a smaller key on the left; NULL keys match nothing.
        let q = from!(x in A, full_join: y in B, on: x.k < y.k, select: (x.id, y.id));
        let rows: Vec<(Option<i32>, Option<i32>)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = vec![
            (Some(1), Some(3)),
            (Some(1), Some(5)),
            (Some(2), Some(3)),
            (Some(2), Some(5)),
            (Some(3), Some(3)),
            (Some(4), N),
            (Some(5), Some(3)),
            (N, Some(1)),
            (N, Some(2)),
            (N, Some(4)),
        ];
        assert_eq!(sorted(rows), sorted(expected), "{name}");
    })
    .await;
}

#[tokio::test]
async fn full_join_after_an_inner_join_leaves_the_whole_chain_null() {
    on_every_engine(|repo, name| async move {
        // `z` is `x` again, so the rows are the plain full join's with `x` twice; the
        // unmatched `b` rows have both NULL.
        let q = from!(x in A, join: z in A, on: z.id == x.id, full_join: y in B, on: y.k == x.k,
                      select: (x.id, z.id, y.id));
        let rows: Vec<(Option<i32>, Option<i32>, Option<i32>)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = vec![
            (Some(1), Some(1), Some(1)),
            (Some(1), Some(1), Some(2)),
            (Some(2), Some(2), Some(1)),
            (Some(2), Some(2), Some(2)),
            (Some(3), Some(3), Some(5)),
            (Some(4), Some(4), N),
            (Some(5), Some(5), N),
            (N, N, Some(3)),
            (N, N, Some(4)),
        ];
        assert_eq!(sorted(rows), sorted(expected), "{name}");
    })
    .await;
}

#[tokio::test]
async fn full_join_sorted_counted_grouped_and_joined_again() {
    on_every_engine(|repo, name| async move {
        let run = |q: recto::Query<(A, B), (Option<i32>, Option<i32>)>| {
            let repo = repo.clone();
            async move { repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}")) }
        };
        // NULLs last in an ascending sort.
        let q = from!(x in A, full_join: y in B, on: x.k == y.k,
                      order_by: [asc: y.id, asc: x.id], select: (x.id, y.id));
        let all = vec![
            (Some(1), Some(1)),
            (Some(2), Some(1)),
            (Some(1), Some(2)),
            (Some(2), Some(2)),
            (N, Some(3)),
            (N, Some(4)),
            (Some(3), Some(5)),
            (Some(4), N),
            (Some(5), N),
        ];
        assert_eq!(run(q).await, all, "{name}");
        // Skipped and counted after the sort.
        let q = from!(x in A, full_join: y in B, on: x.k == y.k,
                      order_by: [asc: y.id, asc: x.id], limit: ^3, offset: 4, select: (x.id, y.id));
        assert_eq!(run(q).await, all[4..7], "{name}");
        // On `<` alone (split on PostgreSQL too), sorted: the rows of
        // `full_join_without_an_equality_keeps_the_same_rows`, last three.
        let q = from!(x in A, full_join: y in B, on: x.k < y.k,
                      order_by: [desc: x.id, desc: y.id], limit: 3, select: (x.id, y.id));
        assert_eq!(
            run(q).await,
            [(N, Some(4)), (N, Some(2)), (N, Some(1))],
            "{name}"
        );

        // Every row counted: nine.
        let q = from!(x in A, full_join: y in B, on: x.k == y.k, select: count());
        let n: i64 = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(n, 9, "{name}");

        // Grouped by the right side's key: 1 has four rows, 2 and 4 one each, and NULL
        // three (`b` 4, and `a` 4 and 5 with no `b`).
        let q = from!(x in A, full_join: y in B, on: x.k == y.k, group_by: y.k,
                      order_by: y.k, select: (y.k, count()));
        let rows: Vec<(Option<i32>, i64)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [(Some(1), 4), (Some(2), 1), (Some(4), 1), (N, 3)],
            "{name}"
        );

        // Right-joined again to `b`: each `b` with the full join's rows of that `b` (the
        // right join's rows); the rows with no `b` match nothing and go.
        let q = from!(x in A, full_join: y in B, on: x.k == y.k,
                      right_join: z in B, on: z.id == y.id, select: (x.id, z.id));
        let rows: Vec<(Option<i32>, i32)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sorted(rows), right_join_rows(), "{name}");
    })
    .await;
}

#[tokio::test]
async fn right_join_keeps_every_row_of_the_joined_table() {
    on_every_engine(|repo, name| async move {
        let q = from!(x in A, right_join: y in B, on: x.k == y.k, select: (x.id, y.id));
        let rows: Vec<(Option<i32>, i32)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sorted(rows), right_join_rows(), "{name}");

        // Whole bindings: the earlier one is an `Option`, the joined one not.
        let q = from!(x in A, right_join: y in B, on: x.k == y.k, where: y.id >= 4,
                      select: (x, y));
        let rows: Vec<(Option<A>, B)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            sorted(rows),
            sorted(vec![
                (None, b(4, None, 500)),
                (Some(a(3, Some(2), 20)), b(5, Some(2), 200)),
            ]),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn cross_join_pairs_every_row_with_every_row() {
    on_every_engine(|repo, name| async move {
        let q = from!(x in A, cross_join: y in B, select: count());
        let count: i64 = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(count, 25, "{name}");

        let q = from!(x in A, cross_join: y in B, where: x.id <= 2 && y.id >= 4,
                      select: (x.id, y.id));
        let rows: Vec<(i32, i32)> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sorted(rows), [(1, 4), (1, 5), (2, 4), (2, 5)], "{name}");
    })
    .await;
}

/// The `b` rows of `parent_as(x)`'s key, best `w` first, ties by id (a total sort, so every
/// engine keeps the same rows), with a `w` parameter inside.
fn best_of_key(min_w: i32) -> recto::Query {
    from!(y in B, where: y.k == parent_as(x).k && y.w > ^min_w,
          order_by: [desc: y.w, asc: y.id], limit: 2, select: y.id)
    .erase()
}

#[tokio::test]
async fn lateral_join_keeps_the_top_two_of_each_key() {
    on_every_engine(|repo, name| async move {
        // Key 1: `b` 1 and 2 (w 100 each, by id); key 2: `b` 5; NULL and 3: none.
        let q = from!(x in A, as: x, inner_lateral_join: l in subquery(best_of_key(50)),
                      on: true, select: (x.id, l.id));
        let rows: Vec<(i32, i32)> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            sorted(rows),
            [(1, 1), (1, 2), (2, 1), (2, 2), (3, 5)],
            "{name}"
        );

        // The `w` bound now drops key 1's rows.
        let q = from!(x in A, as: x, inner_lateral_join: l in subquery(best_of_key(150)),
                      on: true, select: (x.id, l.id));
        let rows: Vec<(i32, i32)> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(3, 5)], "{name}");
    })
    .await;
}

#[tokio::test]
async fn left_lateral_join_keeps_unmatched_rows_with_nulls_and_binds_in_order() {
    on_every_engine(|repo, name| async move {
        // The second-best `b` of each key: `docs/nesting.md`'s 1/2 2/2 3/N 4/N (5 filtered
        // out), with a parameter in the outer `where:`, the subquery's `where:`, its limit
        // and offset, and the join's `on:`.
        let (min_w, offset, limit) = (50, 1_i64, 1_i64);
        let second = from!(y in B, where: y.k == parent_as(x).k && y.w > ^min_w,
                           order_by: [desc: y.w, asc: y.id],
                           limit: ^limit, offset: ^offset, select: y.id);
        let q = from!(x in A, as: x, where: x.v < ^40,
                      left_lateral_join: l in subquery(second), on: l.id != ^0,
                      order_by: x.id, select: (x.id, l.id));
        let rows: Vec<(i32, Option<i32>)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(1, Some(2)), (2, Some(2)), (3, N), (4, N)], "{name}");
    })
    .await;
}

#[tokio::test]
async fn lateral_join_of_another_shape_is_unsupported_without_lateral() {
    on_every_engine(|repo, name| async move {
        // An `||` in the correlation: native on PostgreSQL only. Key 1's and key 2's rows
        // and, through `y.w == 500`, `b` 4 for every `a`, the best two by `w`.
        let either = from!(y in B, where: y.k == parent_as(x).k || y.w == 500,
                           order_by: [desc: y.w, asc: y.id], limit: 2, select: y.id);
        let q = from!(x in A, as: x, inner_lateral_join: l in subquery(either), on: true,
                      select: (x.id, l.id));
        let rows: Result<Vec<(i32, i32)>, _> = repo.all(&q).await;
        match (name, rows) {
            ("PostgreSQL", Ok(rows)) => assert_eq!(
                sorted(rows),
                [
                    (1, 1),
                    (1, 4),
                    (2, 1),
                    (2, 4),
                    (3, 4),
                    (3, 5),
                    (4, 4),
                    (5, 4)
                ]
            ),
            (
                "MySQL" | "SQLite",
                Err(recto::Error::Unsupported {
                    feature: "lateral join",
                    ..
                }),
            ) => {}
            (name, other) => panic!("{name}: {other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn values_list_joined_to_a_table() {
    on_every_engine(|repo, name| async move {
        // `docs/nesting.md`'s rows: keys 1 (`a` 1 and 2) and 2 (`a` 3), each with 7 and 8.
        let rows = recto::values(["p", "q"], [(1, 7), (1, 8), (2, 7), (2, 8)]);
        let q = from!(x in A, join: v in values(^rows), on: v.p == x.k && v.q > ^0,
                      where: x.v >= ^10, select: (x.id, v.q));
        let rows: Vec<(i32, i32)> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            sorted(rows),
            [(1, 7), (1, 8), (2, 7), (2, 8), (3, 7), (3, 8)],
            "{name}"
        );

        // Left-joined, with text and a NULL key (which matches nothing), and as a source.
        let labels = recto::values(
            ["p", "label"],
            [(Some(1), "one"), (None, "none"), (Some(2), "two")],
        );
        let q = from!(x in A, left_join: v in values(^labels), on: v.p == x.k,
                      order_by: x.id, select: (x.id, v.label));
        let rows: Vec<(i32, Option<String>)> =
            repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let label = |s: &str| Some(s.to_owned());
        assert_eq!(
            rows,
            [
                (1, label("one")),
                (2, label("one")),
                (3, label("two")),
                (4, None),
                (5, None)
            ],
            "{name}"
        );
        let labels = recto::values(["p", "label"], [(1, "one"), (2, "two")]);
        let q = from!(v in values(^labels), where: v.label != ^"one", select: (v.p, v.label));
        let rows: Vec<(i32, String)> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(2, "two".to_owned())], "{name}");
    })
    .await;
}
