//! Scalar functions on every engine, with values reasoned from the fixture
//! (`tests/fixture`): users (id, name, email) 1 Ada ada@acme.test, 2 Brian NULL,
//! 3 Zoë zoe@globex.test, 4 O'Brien NULL, 5 alice alice@example.test, 6 日本
//! ni"hon@example.test. Zoë and 日本 hold characters of two and three bytes in UTF-8, so
//! a function counting bytes gives another answer than one counting characters.

mod common;
mod fixture;
mod servers;

use std::future::Future;

use recto::prelude::*;

use common::User;

/// Runs `body` on each engine's copy of the fixture, then drops every copy.
async fn on_every_engine<F, Fut>(body: F)
where
    F: Fn(Repo, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    let dbs = fixture::databases().await;
    for db in &dbs {
        body(db.repo.clone(), db.name).await;
    }
    for db in dbs {
        db.drop().await;
    }
}

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
