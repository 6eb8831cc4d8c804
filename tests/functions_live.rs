//! Scalar functions on every engine, with values reasoned from the fixture
//! (`tests/fixture`): users (id, name, email) 1 Ada ada@acme.test, 2 Brian NULL,
//! 3 Zoë zoe@globex.test, 4 O'Brien NULL, 5 alice alice@example.test, 6 日本
//! ni"hon@example.test. Zoë and 日本 hold characters of two and three bytes in UTF-8, so
//! a function counting bytes gives another answer than one counting characters.

mod common;
mod fixture;
mod servers;

use fixture::on_every_engine;
use recto::prelude::*;

use common::User;

#[tokio::test]
async fn length_counts_characters_and_keeps_null() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, order_by: u.id, select: (length(u.name), length(u.email)));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // "Zoë" is 3 characters (4 bytes), "日本" 2 (6 bytes); `length` of a NULL is NULL.
        let expected = [
            (3, Some(13)),
            (5, None),
            (3, Some(15)),
            (7, None),
            (5, Some(18)),
            (2, Some(19)),
        ];
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}

#[tokio::test]
async fn substring_means_postgresql_positions_everywhere() {
    on_every_engine(|repo, name| async move {
        let names = |q| {
            let repo = repo.clone();
            async move { repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}")) }
        };
        let q = from!(u in User, order_by: u.id, select: substring(u.name, 1, 2));
        assert_eq!(
            names(q).await,
            ["Ad", "Br", "Zo", "O'", "al", "日本"],
            "{name}"
        );
        let q = from!(u in User, order_by: u.id, select: substring(u.name, 3));
        assert_eq!(
            names(q).await,
            ["a", "ian", "ë", "Brien", "ice", ""],
            "{name}"
        );
        // Positions 0 and 1 with a start of 0 and a length of 2: the first character only,
        // where MySQL alone would give nothing for a start of 0.
        let (start, len) = (0_i64, 2_i64);
        let q = from!(u in User, order_by: u.id, select: substring(u.name, ^start, ^len));
        assert_eq!(names(q).await, ["A", "B", "Z", "O", "a", "日"], "{name}");
        // Positions -1, 0 and 1: again the first character, where MySQL and SQLite would
        // count a negative start from the end.
        let (start, len) = (-1_i64, 3_i64);
        let q = from!(u in User, order_by: u.id, select: substring(u.name, ^start, ^len));
        assert_eq!(names(q).await, ["A", "B", "Z", "O", "a", "日"], "{name}");
        // From a start below 1 without a length: the whole text.
        let q = from!(u in User, where: u.id == 3, select: substring(u.name, ^start));
        assert_eq!(names(q).await, ["Zoë"], "{name}");
        // A negative length is nothing (PostgreSQL would fail, SQLite count backwards),
        // and so is a start past the end.
        let (start, len) = (3_i64, -2_i64);
        let q = from!(u in User, where: u.id == 4, select: substring(u.name, ^start, ^len));
        assert_eq!(names(q).await, [""], "{name}");
        let q = from!(u in User, where: u.id == 4, select: substring(u.name, 2, -1));
        assert_eq!(names(q).await, [""], "{name}");
        let q = from!(u in User, where: u.id == 4, select: substring(u.name, 10, 2));
        assert_eq!(names(q).await, [""], "{name}");
        // A NULL start or length is NULL.
        let none: Option<i64> = None;
        let q = from!(u in User, where: u.id == 4, select: substring(u.name, ^none, 2));
        let rows: Vec<Option<String>> = repo.all(q).await.unwrap();
        assert_eq!(rows, [None], "{name}");
        let q = from!(u in User, where: u.id == 4, select: substring(u.name, 2, ^none));
        let rows: Vec<Option<String>> = repo.all(q).await.unwrap();
        assert_eq!(rows, [None], "{name}");
    })
    .await;
}

#[tokio::test]
async fn case_trim_concat_replace_and_position() {
    on_every_engine(|repo, name| async move {
        // `lower` finds "alice" and "Ada" by their lower-case names.
        let q = from!(u in User, where: lower(u.name) == "alice" || lower(u.name) == "ada",
            order_by: u.id, select: (u.id, upper(u.name)));
        let rows: Vec<(i64, String)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [(1, "ADA".to_owned()), (5, "ALICE".to_owned())],
            "{name}"
        );
        // Spaces only: a tab stays.
        let text = "  \tx  ";
        let q =
            from!(u in User, where: u.id == 1, select: (trim(^text), ltrim(^text), rtrim(^text)));
        let rows: Vec<(String, String, String)> = repo.all(q).await.unwrap();
        let expected = ("\tx".to_owned(), "\tx  ".to_owned(), "  \tx".to_owned());
        assert_eq!(rows, [expected], "{name}");
        // NULL when a part is: Brian and O'Brien have no email.
        let q = from!(u in User, order_by: u.id, select: concat(u.name, " <", u.email, ">"));
        let rows: Vec<Option<String>> = repo.all(q).await.unwrap();
        let expected = [
            Some("Ada <ada@acme.test>"),
            None,
            Some("Zoë <zoe@globex.test>"),
            None,
            Some("alice <alice@example.test>"),
            Some("日本 <ni\"hon@example.test>"),
        ];
        assert_eq!(rows, expected.map(|row| row.map(str::to_owned)), "{name}");
        // Case-sensitive: "Ada" keeps its capital; an empty pattern replaces nothing.
        let q = from!(u in User, where: u.id == 1 || u.id == 5, order_by: u.id,
            select: (replace(u.name, "a", "4"), replace(u.name, "", "x")));
        let rows: Vec<(String, String)> = repo.all(q).await.unwrap();
        let expected = [("Ad4", "Ada"), ("4lice", "alice")];
        assert_eq!(
            rows,
            expected.map(|(a, b)| (a.to_owned(), b.to_owned())),
            "{name}"
        );
        // A NULL replacement is NULL, found or not, and for an empty pattern too (MariaDB
        // would keep the text for a bound NULL it does not use, SQLite for an empty
        // pattern).
        let none: Option<String> = None;
        let q = from!(u in User, where: u.id == 1,
            select: (replace(u.name, "zzz", ^none.clone()), replace(u.name, "", ^none.clone()),
                     replace(u.name, "A", ^none.clone())));
        let rows: Vec<(Option<String>, Option<String>, Option<String>)> =
            repo.all(q).await.unwrap();
        assert_eq!(rows, [(None, None, None)], "{name}");
        // Character positions, 0 where there is none, 1 for an empty text, NULL for NULL;
        // "A" is not in "alice".
        let q = from!(u in User, order_by: u.id,
            select: (position(u.name, "li"), position(u.name, "本"), position(u.name, "A"),
                     position(u.name, ""), position(u.email, "@")));
        let rows: Vec<(i32, i32, i32, i32, Option<i32>)> = repo.all(q).await.unwrap();
        let expected = [
            (0, 0, 1, 1, Some(4)),
            (0, 0, 0, 1, None),
            (0, 0, 0, 1, Some(4)),
            (0, 0, 0, 1, None),
            (2, 0, 0, 1, Some(6)),
            (0, 2, 0, 1, Some(7)),
        ];
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}

/// Case mapping beyond ASCII is the engine's: SQLite maps ASCII letters only, PostgreSQL
/// as its `LC_CTYPE` says (the `C` of `scripts/test`'s databases: ASCII only), MariaDB
/// every letter. This pins that documented difference (`docs/dialects.md`).
#[tokio::test]
async fn case_mapping_beyond_ascii_is_the_engines() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, where: u.id == 3, select: upper(u.name));
        let rows: Vec<String> = repo.all(q).await.unwrap();
        let expected = if name == "MySQL" { "ZOË" } else { "ZOë" };
        assert_eq!(rows, [expected], "{name}");
    })
    .await;
}

/// posts (id, score, views): 1 4.5 3e9, 2 2.0 -5, 3 3.0 0, 4 -1.25 2^53+1, 5 3.0 42.
#[tokio::test]
async fn rounding_goes_half_away_from_zero_everywhere() {
    on_every_engine(|repo, name| async move {
        let q = from!(p in common::Post, order_by: p.id,
            select: (round(p.score), ceil(p.score), floor(p.score), abs(p.score), round(p.views)));
        let rows: Vec<(f64, f64, f64, f64, i64)> =
            repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let big = (1_i64 << 53) + 1;
        let expected = [
            // 4.5 rounds to 5, where PostgreSQL's and MariaDB's own `round` of a double
            // give the even 4.
            (5.0, 5.0, 4.0, 4.5, 3_000_000_000),
            (2.0, 2.0, 2.0, 2.0, -5),
            (3.0, 3.0, 3.0, 3.0, 0),
            (-1.0, -1.0, -2.0, 1.25, big),
            (3.0, 3.0, 3.0, 3.0, 42),
        ];
        assert_eq!(rows, expected, "{name}");
        // A rounded float divides as a float: MariaDB would keep four digits of
        // `ceil(-1.25) / 6` without a cast where it sorts joined rows by it. Users with an
        // org: Ada (posts 1 and 2), Brian, Zoë (post 3), O'Brien (post 4), 日本.
        let q = from!(u in User, left_join: p in common::Post, on: p.user_id == u.id,
            join: o in common::Org, on: u.org_id == o.id,
            order_by: [asc: ceil(p.score) / 6, asc: round(p.score) / 6],
            select: (ceil(p.score) / 6, round(p.score) / 6));
        let rows: Vec<(Option<f64>, Option<f64>)> = repo.all(q).await.unwrap();
        let sixths = |a: f64, b: f64| (Some(a / 6.0), Some(b / 6.0));
        let expected = [
            sixths(-1.0, -1.0),
            sixths(2.0, 2.0),
            sixths(3.0, 3.0),
            sixths(5.0, 5.0),
            (None, None),
            (None, None),
        ];
        assert_eq!(rows, expected, "{name}");
        // Halves of both signs, and the double just below 0.5, which adding 0.5 would
        // round up (SQLite's own `round`).
        let below_half = 0.5 - f64::EPSILON / 4.0;
        let q = from!(u in User, where: u.id == 1,
            select: (round(^2.5), round(^-2.5), round(^0.5), round(^-0.5), round(^below_half),
                     round(^-3.7)));
        let rows: Vec<(f64, f64, f64, f64, f64, f64)> = repo.all(q).await.unwrap();
        assert_eq!(rows, [(3.0, -3.0, 1.0, -1.0, 0.0, -4.0)], "{name}");
    })
    .await;
}

/// `sqrt` and `power` on PostgreSQL and MariaDB; SQLite as sqlx bundles it has no math
/// functions, and refuses them before any SQL is sent.
#[tokio::test]
async fn sqrt_and_power_are_null_where_undefined() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, where: u.id == 1,
            select: (sqrt(^16), sqrt(^-1.0), power(^2, ^10), power(^0, ^-1), power(^-8.0, ^0.5),
                     power(^-2, ^3), power(^2.0, ^-1.0)));
        type Row = (
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
        );
        if name == "SQLite" {
            let error = repo.all::<Row>(q).await.expect_err("no math functions");
            assert!(matches!(error, recto::Error::Unsupported { .. }), "{error}");
            return;
        }
        let rows: Vec<Row> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = (
            Some(4.0),
            None,
            Some(1024.0),
            None,
            None,
            Some(-8.0),
            Some(0.5),
        );
        assert_eq!(rows, [expected], "{name}");
    })
    .await;
}

/// users (id, age, email): 1 36 ada@.., 2 41 NULL, 3 36 zoe@.., 4 17 NULL, 5 64 alice@..,
/// 6 28 ni"hon@...
#[tokio::test]
async fn greatest_least_nullif_and_between() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, order_by: u.id,
            select: (greatest(u.age, 40), least(u.age, 30, ^50), nullif(u.age, 36),
                     least(u.age, 0.5), greatest(u.name, u.email)));
        type Row = (i32, i32, Option<i32>, f64, Option<String>);
        let rows: Vec<Row> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = |s: &str| Some(s.to_owned());
        // `greatest` of text compares code points: lower case sorts after upper case.
        let expected = [
            (40, 30, None, 0.5, text("ada@acme.test")),
            (41, 30, Some(41), 0.5, None),
            (40, 30, None, 0.5, text("zoe@globex.test")),
            (40, 17, Some(17), 0.5, None),
            (64, 30, Some(64), 0.5, text("alice@example.test")),
            (40, 28, Some(28), 0.5, text("日本")),
        ];
        assert_eq!(rows, expected, "{name}");
        // Ages 17 to 36, bounds included: Ada, Zoë, O'Brien, 日本.
        let q = from!(u in User, where: between(u.age, 17, ^36), order_by: u.id, select: u.id);
        let ids: Vec<i64> = repo.all(q).await.unwrap();
        assert_eq!(ids, [1, 3, 4, 6], "{name}");
        // A NULL argument makes `greatest` NULL (PostgreSQL's own would skip it).
        let none: Option<i32> = None;
        let q = from!(u in User, where: u.id == 1, select: (greatest(u.age, ^none), least(^none, u.age)));
        let rows: Vec<(Option<i32>, Option<i32>)> = repo.all(q).await.unwrap();
        assert_eq!(rows, [(None, None)], "{name}");
    })
    .await;
}

/// Ages 36 41 36 17 64 28 are decades 3 4 3 1 6 2; Ada has two posts, Zoë, O'Brien and
/// alice one each, Brian and 日本 none.
#[tokio::test]
async fn selected_as_orders_and_groups_by_a_named_column() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, left_join: p in common::Post, on: p.user_id == u.id,
            group_by: selected_as(decade), order_by: [desc: selected_as(posts), asc: selected_as(decade)],
            select: (selected_as(u.age / 10, decade), selected_as(count(p.id), posts)));
        let rows: Vec<(i32, i64)> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [(3, 3), (1, 1), (6, 1), (2, 0), (4, 0)], "{name}");
    })
    .await;
}

#[derive(Debug, PartialEq, recto::Row)]
struct Card {
    id: i64,
    name: String,
    next_age: i32,
}

/// users (id, name, age): 1 Ada 36, 2 Brian 41.
#[tokio::test]
async fn select_merge_replaces_and_adds_named_columns() {
    on_every_engine(|repo, name| async move {
        let base = from!(u in User, where: u.id <= 2,
            select: Card { id: u.id, name: u.name, next_age: u.age });
        let q = from!(u in base, order_by: u.id,
            select_merge: Card { name: upper(u.name), next_age: u.age + 1 });
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let card = |id, name: &str, next_age| Card {
            id,
            name: name.to_owned(),
            next_age,
        };
        assert_eq!(rows, [card(1, "ADA", 37), card(2, "BRIAN", 42)], "{name}");
        // Into the root binding: its fields by name, `name` replaced, `next_age` added.
        let q = from!(u in User, where: u.id == 5,
            select_merge: Card { name: concat(u.name, "!"), next_age: u.age - 64 });
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows, [card(5, "alice!", 0)], "{name}");
    })
    .await;
}
