//! Raw SQL fragments on every engine, with values reasoned from the fixture
//! (`tests/fixture`): users (id, name, email, age) 1 Ada ada@acme.test 36, 2 Brian NULL 41,
//! 3 Zoë zoe@globex.test 36, 4 O'Brien NULL 17, 5 alice alice@example.test 64, 6 日本
//! ni"hon@example.test 28.

mod common;
mod fixture;
mod servers;

use fixture::on_every_engine;
use recto::prelude::*;
use recto::{Engine, Error};

use common::User;

#[tokio::test]
async fn arguments_are_expressions_and_bound_values() {
    on_every_engine(|repo, name| async move {
        // Only "alice" is "ALICE" in lower case.
        let v = "ALICE";
        let q = from!(u in User, where: fragment("lower(?) = lower(?)", u.name, ^v), select: u.id);
        let ids: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ids, [5], "{name}");
        // An untyped fragment is a condition as it is: Brian (41) and alice (64).
        let q = from!(u in User, where: fragment("? > 40", u.age), order_by: u.id, select: u.id);
        let ids: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ids, [2, 5], "{name}");
    })
    .await;
}

#[tokio::test]
async fn typed_fragments_decode_as_their_type() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, order_by: u.id,
            select: (fragment::<i64>("? + 10", u.id), fragment::<String>("lower(?)", u.name),
                     fragment::<Option<String>>("?", u.email)));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected: Vec<(i64, String, Option<String>)> = vec![
            (11, "ada".into(), Some("ada@acme.test".into())),
            (12, "brian".into(), None),
            (13, "zoë".into(), Some("zoe@globex.test".into())),
            (14, "o'brien".into(), None),
            (15, "alice".into(), Some("alice@example.test".into())),
            (16, "日本".into(), Some("ni\"hon@example.test".into())),
        ];
        // SQLite's lower changes ASCII letters only: Zoë's ë is already lower case, so
        // every engine agrees here.
        assert_eq!(rows, expected, "{name}");
    })
    .await;
}

#[tokio::test]
async fn splice_binds_one_parameter_per_element() {
    on_every_engine(|repo, name| async move {
        // 9 is no user's id.
        let ids = vec![2_i64, 4, 9];
        let q = from!(u in User,
            where: fragment::<bool>("? IN (?)", u.id, splice(^ids)),
            order_by: u.id, select: u.name);
        let names: Vec<String> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(names, ["Brian", "O'Brien"], "{name}");
        // A spliced text list with a quote in it is bound too.
        let names = vec!["O'Brien".to_owned(), "Ada".to_owned()];
        let q = from!(u in User,
            where: fragment::<bool>("? IN (?)", u.name, splice(^names)),
            order_by: u.id, select: u.id);
        let ids: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ids, [1, 4], "{name}");
    })
    .await;
}

#[tokio::test]
async fn identifiers_are_quoted_names() {
    on_every_engine(|repo, name| async move {
        let column = "name";
        let q = from!(u in User, order_by: u.id, limit: 2,
            select: fragment::<String>("?", identifier(^column)));
        let names: Vec<String> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(names, ["Ada", "Brian"], "{name}");
        // A name that tries to close its quotes stays one quoted identifier, which names
        // no column: the engine refuses the query instead of running the rest as SQL.
        // SQLite reads a double-quoted name that names no column as a string literal
        // (<https://www.sqlite.org/quirks.html#dblquote>), so there each row holds the
        // whole name, which shows as well that it stayed one token.
        for hostile in ["name\" FROM users --", "name` FROM users -- ", "name]"] {
            let q = from!(u in User, select: fragment::<String>("?", identifier(^hostile)));
            match repo.all(q).await {
                Err(Error::Database(_)) => {}
                Ok(rows) if repo.engine() == Engine::Sqlite => {
                    assert_eq!(rows, vec![hostile.to_owned(); 6], "{name}");
                }
                other => panic!("{name}: {hostile}: {other:?}"),
            }
        }
    })
    .await;
}

#[tokio::test]
async fn text_with_quotes_and_question_marks_is_bound() {
    on_every_engine(|repo, name| async move {
        let text = "O'Brien";
        let q = from!(u in User, where: fragment("? = ?", u.name, ^text), select: u.id);
        let ids: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ids, [4], "{name}");
        // A `?` in a bound value is no placeholder: the comparison is with the whole text,
        // which no name equals.
        let text = "O'Brien' OR '1' = '1 ?";
        let q = from!(u in User, where: fragment("? = ?", u.name, ^text), select: u.id);
        let ids: Vec<i64> = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ids, [] as [i64; 0], "{name}");
    })
    .await;
}

/// `??` is PostgreSQL's `?` operator; the engines whose placeholders are `?` refuse it
/// before anything runs.
#[tokio::test]
async fn an_escaped_question_mark_is_postgresqls_operator() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, where: u.id == 1,
            select: fragment::<bool>("'[\"a\", \"b\"]'::jsonb ?? 'a'"));
        let result = repo.all(q).await;
        match repo.engine() {
            Engine::Postgres => assert_eq!(result.unwrap(), [true], "{name}"),
            _ => assert!(
                matches!(result, Err(Error::Unsupported { .. })),
                "{name}: {result:?}"
            ),
        }
    })
    .await;
}

/// A fragment that aggregates its argument, in a grouped query: the planner leaves its
/// grouping to the engine. Organisations 1 and 2 have two users each, 3 one, and alice
/// none (NULL, sorted last).
#[tokio::test]
async fn a_fragment_may_aggregate() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, group_by: u.org_id, order_by: u.org_id,
            select: (u.org_id, fragment::<i64>("count(?)", u.id)));
        let rows = repo.all(q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            [(Some(1), 2), (Some(2), 2), (Some(3), 1), (None, 1)],
            "{name}"
        );
    })
    .await;
}
