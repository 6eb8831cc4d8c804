//! `cast(x, T)` on every engine, with rows reasoned from the fixture (`tests/fixture`):
//!
//! - users (id, age, org_id, born): 1 36 1 1989-12-10, 2 41 1 1985-03-01, 3 36 2 1989-07-04,
//!   4 17 2 2008-11-30, 5 64 NULL 1961-02-28, 6 28 3 1997-01-01;
//! - posts (id, views, published_at): 1 3e9 2024-01-15 09:30:00, 2 -5 2024-01-15
//!   09:30:00.5, 3 0 2023-12-31 23:59:59, 4 2^53+1 2025-02-28 00:00:00, 5 42 2024-06-01
//!   12:00:00.
//!
//! Each value decodes as the type named in the cast, on every engine, and a cast's NULL
//! stays NULL.

mod common;
mod fixture;
mod servers;

use recto::prelude::*;
use recto::{Query, Repo};

use common::{Post, User};
use fixture::{date, on_every_engine};

/// The ids of the posts `q` selects, sorted.
async fn post_ids(repo: &Repo, name: &str, q: Query<Post>) -> Vec<i64> {
    let q = from!(p in q, order_by: p.id, select: p.id);
    repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[tokio::test]
async fn integers_become_wider_integers_floats_and_text() {
    on_every_engine(|repo, name| async move {
        let q = from!(p in Post,
            order_by: p.id,
            select: (cast(p.views, i64), cast(p.views, f64), cast(p.views, String)));
        let rows: Vec<(i64, f64, String)> =
            repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [
                (3_000_000_000, 3e9, "3000000000".to_owned()),
                (-5, -5.0, "-5".to_owned()),
                (0, 0.0, "0".to_owned()),
                // 2^53 + 1 has no double: the nearest one is 2^53.
                (
                    9_007_199_254_740_993,
                    9_007_199_254_740_992.0,
                    "9007199254740993".to_owned()
                ),
                (42, 42.0, "42".to_owned()),
            ],
            "{name}"
        );
        // i32 to i32 and i64: MySQL casts both to its 64-bit SIGNED, which decodes as either.
        let q = from!(u in User,
            order_by: u.id,
            select: (cast(u.age, i32), cast(u.age, i64), cast(u.org_id, String)));
        let rows: Vec<(i32, i64, Option<String>)> =
            repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let one = |s: &str| Some(s.to_owned());
        assert_eq!(
            rows,
            [
                (36, 36, one("1")),
                (41, 41, one("1")),
                (36, 36, one("2")),
                (17, 17, one("2")),
                // alice's NULL org stays NULL.
                (64, 64, None),
                (28, 28, one("3")),
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn narrow_targets_decode_as_their_types() {
    on_every_engine(|repo, name| async move {
        // A schemaless table's column has no type the planner knows: any target is accepted,
        // and the engine's `smallint`/`SIGNED`/`INTEGER` and `real`/`FLOAT`/`REAL` decode as
        // the `i16` and `f32` asked for. Ages are 36, 41, 36, 17, 64, 28.
        let q = from!(u in "users", order_by: u.id, select: (cast(u.age, i16), cast(u.age, f32)));
        let rows: Vec<(i16, f32)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [
                (36, 36.0),
                (41, 41.0),
                (36, 36.0),
                (17, 17.0),
                (64, 64.0),
                (28, 28.0)
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_cast_parameter_compares_as_its_type() {
    on_every_engine(|repo, name| async move {
        // Ecto's `type(^x, :integer)`: an i32 bound, compared as a 64-bit integer.
        let min = 3_i32;
        let q = from!(p in Post, where: p.views > cast(^min, i64));
        assert_eq!(post_ids(&repo, name, q).await, [1, 4, 5], "{name}");
        // Text that holds a number.
        let min = "41".to_owned();
        let q = from!(p in Post, where: p.views > cast(^min, i64));
        assert_eq!(post_ids(&repo, name, q).await, [1, 4, 5], "{name}");
        let half = "-4.5".to_owned();
        let q = from!(p in Post, where: cast(p.views, f64) < cast(^half, f64));
        assert_eq!(post_ids(&repo, name, q).await, [2], "{name}");
    })
    .await;
}

#[tokio::test]
async fn timestamps_and_text_become_dates() {
    on_every_engine(|repo, name| async move {
        let q = from!(p in Post, order_by: p.id, select: cast(p.published_at, NaiveDate));
        let days: Vec<chrono::NaiveDate> =
            repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            days,
            [
                date(2024, 1, 15),
                date(2024, 1, 15),
                date(2023, 12, 31),
                date(2025, 2, 28),
                date(2024, 6, 1)
            ],
            "{name}"
        );
        // The date of a timestamp compares with a date: posts 1 and 2 are of 2024-01-15,
        // though neither is at midnight.
        let day = date(2024, 1, 15);
        let q = from!(p in Post, where: cast(p.published_at, NaiveDate) == ^day);
        assert_eq!(post_ids(&repo, name, q).await, [1, 2], "{name}");
        let day = "2024-06-01".to_owned();
        let q = from!(p in Post, where: cast(p.published_at, NaiveDate) >= cast(^day, NaiveDate));
        assert_eq!(post_ids(&repo, name, q).await, [4, 5], "{name}");
        // A date as text is its ISO 8601 form.
        let q = from!(u in User, order_by: u.id, limit: 2, select: cast(u.born, String));
        let born: Vec<String> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(born, ["1989-12-10", "1985-03-01"], "{name}");
    })
    .await;
}

#[tokio::test]
async fn text_that_is_no_number_casts_differently_on_each_engine() {
    on_every_engine(|repo, name| async move {
        // Documented, not emulated (docs/dialects.md): PostgreSQL refuses the text, MySQL
        // and SQLite read the number it starts with.
        let text = "12x".to_owned();
        let q = from!(u in User, where: u.id == 1, select: cast(^text, i64));
        let answer: Result<Vec<i64>, _> = repo.all(q).await;
        match name {
            "PostgreSQL" => assert!(answer.is_err(), "{name}: {answer:?}"),
            _ => assert_eq!(
                answer.unwrap_or_else(|e| panic!("{name}: {e}")),
                [12],
                "{name}"
            ),
        }
        // Text that is no date: PostgreSQL refuses it, MySQL and SQLite make it NULL, which
        // the cast's type (a `NaiveDate`, as the text is not NULL) refuses to decode.
        let text = "no date".to_owned();
        let q = from!(u in User, where: u.id == 1, select: cast(^text, NaiveDate));
        let answer: Result<Vec<chrono::NaiveDate>, _> = repo.all(q).await;
        assert!(answer.is_err(), "{name}: {answer:?}");
    })
    .await;
}
