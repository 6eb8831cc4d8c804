//! The renumbering of raw SQL placeholders, engine by engine: order, repetition, `$10`,
//! what is skipped, and every error.

use super::*;

/// The text and parameters `engine` receives for `text` with parameters 1, 2, 3, ...
fn renumbered(text: &str, count: i64, engine: Engine) -> (String, Vec<i64>) {
    let params: Vec<Value> = (1..=count).map(Value::I64).collect();
    let (text, params) = renumber(text, &params, engine).expect("valid raw SQL");
    let params = params
        .iter()
        .map(|value| match value {
            Value::I64(n) => *n,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    (text.into_owned(), params)
}

fn error(text: &str, count: i64, engine: Engine) -> (usize, String) {
    let params: Vec<Value> = (1..=count).map(Value::I64).collect();
    match renumber(text, &params, engine) {
        Err(Error::InvalidRawSql { offset, reason }) => (offset, reason),
        other => panic!("expected InvalidRawSql, got {other:?}"),
    }
}

#[test]
fn positional_engines_get_one_question_mark_per_dollar_in_order() {
    for engine in [Engine::MySql, Engine::Sqlite] {
        assert_eq!(
            renumbered("SELECT $2 + $1", 2, engine),
            ("SELECT ? + ?".to_owned(), vec![2, 1]),
        );
    }
}

#[test]
fn postgres_keeps_the_text_and_the_parameters() {
    assert_eq!(
        renumbered("SELECT $2 + $1, $1", 2, Engine::Postgres),
        ("SELECT $2 + $1, $1".to_owned(), vec![1, 2]),
    );
}

#[test]
fn a_repeated_placeholder_binds_its_value_again() {
    assert_eq!(
        renumbered("SELECT $1, $2, $1 WHERE $1 > 0", 2, Engine::MySql),
        ("SELECT ?, ?, ? WHERE ? > 0".to_owned(), vec![1, 2, 1, 1]),
    );
}

#[test]
fn ten_and_more_are_read_whole() {
    let text = "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11";
    let (sql, params) = renumbered(text, 11, Engine::Sqlite);
    assert_eq!(sql, "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
    assert_eq!(params, (1..=11).collect::<Vec<_>>());
    // `$10` is the tenth parameter, not `$1` followed by a zero.
    let text = "SELECT $10 - $1, $2, $3, $4, $5, $6, $7, $8, $9";
    assert_eq!(
        renumbered(text, 10, Engine::MySql).1,
        [10, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
}

#[test]
fn literals_identifiers_and_comments_are_left_alone() {
    let cases = [
        // Strings, with doubled quotes.
        (
            "SELECT '$2', 'it''s $2 ?', $1",
            Engine::Sqlite,
            "SELECT '$2', 'it''s $2 ?', ?",
        ),
        // Quoted identifiers, in every quote style.
        (
            r#"SELECT "$2?" FROM `t$2?` WHERE x = $1"#,
            Engine::MySql,
            r#"SELECT "$2?" FROM `t$2?` WHERE x = ?"#,
        ),
        (
            "SELECT [$2?] FROM t WHERE x = $1",
            Engine::Sqlite,
            "SELECT [$2?] FROM t WHERE x = ?",
        ),
        // Comments: to the end of the line, and blocks.
        ("SELECT $1 -- $2 ?\n", Engine::Sqlite, "SELECT ? -- $2 ?\n"),
        ("SELECT /* $2 ? */ $1", Engine::MySql, "SELECT /* $2 ? */ ?"),
        ("SELECT $1 # $2 ?", Engine::MySql, "SELECT ? # $2 ?"),
        // MySQL's backslash escapes a quote inside a string.
        (
            r"SELECT 'it\'s $2 ?', $1",
            Engine::MySql,
            r"SELECT 'it\'s $2 ?', ?",
        ),
        // A `$` inside a name is part of it.
        (
            "SELECT a$2 FROM t WHERE x = $1",
            Engine::MySql,
            "SELECT a$2 FROM t WHERE x = ?",
        ),
    ];
    for (text, engine, expected) in cases {
        assert_eq!(
            renumbered(text, 1, engine),
            (expected.to_owned(), vec![1]),
            "{text}"
        );
    }
}

#[test]
fn postgres_strings_comments_and_dollar_quotes_hide_placeholders() {
    let cases = [
        "SELECT '$2', $1",
        r"SELECT E'it\'s $2', $1",
        "SELECT $$ $2 $$, $1",
        "SELECT $tag$ $2 '$tag$, $1",
        "SELECT /* /* $2 */ $2 */ $1",
        "SELECT $1 -- $2",
        // `?` is an operator on PostgreSQL (`jsonb ? text`).
        "SELECT '{}'::jsonb ? 'a', $1",
    ];
    for text in cases {
        assert_eq!(
            renumbered(text, 1, Engine::Postgres),
            (text.to_owned(), vec![1]),
            "{text}"
        );
    }
}

#[test]
fn a_placeholder_that_names_no_parameter_is_an_error() {
    let (offset, reason) = error("SELECT $1, $3", 2, Engine::MySql);
    assert_eq!(offset, 11);
    assert!(reason.contains("`$3` names no parameter"), "{reason}");
    let (offset, _) = error("SELECT $0", 1, Engine::Postgres);
    assert_eq!(offset, 7);
    let (_, reason) = error("SELECT $99999999999999999999999", 1, Engine::Sqlite);
    assert!(reason.contains("names no parameter"), "{reason}");
}

#[test]
fn an_unused_parameter_is_an_error() {
    let (_, reason) = error("SELECT $1", 2, Engine::Postgres);
    assert_eq!(reason, "parameter `$2` is bound but no placeholder uses it");
}

#[test]
fn a_question_mark_where_it_is_a_placeholder_is_an_error() {
    for engine in [Engine::MySql, Engine::Sqlite] {
        let (offset, reason) = error("SELECT ?, $1", 1, engine);
        assert_eq!(offset, 7);
        assert!(reason.contains("`$1`, `$2`"), "{reason}");
    }
}

#[test]
fn unterminated_quotes_and_comments_are_errors() {
    for (text, engine) in [
        ("SELECT 'open $1", Engine::Sqlite),
        ("SELECT \"open $1", Engine::Postgres),
        ("SELECT /* open $1", Engine::MySql),
        ("SELECT $q$ open $1", Engine::Postgres),
        ("SELECT [open $1", Engine::Sqlite),
        (r"SELECT 'open\' $1", Engine::MySql),
    ] {
        let (offset, reason) = error(text, 1, engine);
        assert_eq!(offset, 7, "{text}");
        assert!(reason.contains("never closed"), "{text}: {reason}");
    }
}
