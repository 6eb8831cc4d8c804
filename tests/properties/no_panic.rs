//! No input makes recto panic or print SQL whose placeholders do not match its parameters.
//!
//! Two sources of queries: arbitrary query data built from proptest strategies (any
//! expression, binding, name, value and type, in every clause), and valid queries of the
//! agreement property serialized to JSON and mutated (nodes replaced by arbitrary JSON,
//! removed, or copied over other nodes) before they are deserialized. Each query that
//! deserializes is planned and rendered for all three dialects; a typed error anywhere is
//! fine, a panic is a failure, and every statement rendered is lexed ([`lex`]): its
//! quoting must be balanced, it must hold no comment or statement separator outside quotes,
//! and its placeholders must match its parameters (`$1..$n` each used and `n` parameters on
//! PostgreSQL, one `?` per parameter elsewhere).
//!
//! The property runs in a thread of a known stack size (2 MiB, Rust's default for spawned
//! threads), so "no panic" also means no stack overflow at that size. Depths stay far below
//! the planner's limit; hole 1 of issue 6 (unbounded recursion far past it) has its own tests.

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use recto::{Dialect, Erased, MySql, Postgres, Query, Sql, Sqlite, ToSql};

use crate::agree::{Tally, variant};
use crate::arbitrary::query_data;
use crate::config;
use crate::mutate::mutated;

/// How a statement's text breaks the rules, if it does.
fn lex(sql: &Sql, dialect: &str) -> Result<(), String> {
    let text: Vec<char> = sql.text.chars().collect();
    let mut placeholders = Vec::new();
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        let next = text.get(i + 1).copied();
        match quote {
            // MySQL reads a backslash in a string as an escape.
            Some(q) if c == '\\' && dialect == "MySQL" && q != '`' => i += 1,
            // A doubled quote character is one character of the quoted text.
            Some(q) if c == q && next == Some(q) => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '?' if dialect != "PostgreSQL" => placeholders.push(placeholders.len() + 1),
                '$' if dialect == "PostgreSQL" => {
                    let digits: String = text[i + 1..]
                        .iter()
                        .take_while(|d| d.is_ascii_digit())
                        .collect();
                    let n = digits.parse().map_err(|_| "a `$` without a number")?;
                    placeholders.push(n);
                    i += digits.len();
                }
                '-' if next == Some('-') => return Err("`--` outside quotes".into()),
                '/' if next == Some('*') => return Err("`/*` outside quotes".into()),
                ';' => return Err("`;` outside quotes".into()),
                _ => {}
            },
        }
        i += 1;
    }
    if let Some(q) = quote {
        return Err(format!("an unclosed {q}"));
    }
    let n = sql.params.len();
    let max = placeholders.iter().copied().max().unwrap_or(0);
    if max != n || (1..=n).any(|k| !placeholders.contains(&k)) {
        return Err(format!("placeholders {placeholders:?} for {n} parameters"));
    }
    Ok(())
}

/// Plans and renders `query` for every dialect and lexes what comes out.
fn render_everywhere(query: &Query<Erased>, rejected: &Tally) -> Result<usize, String> {
    fn one<D: Dialect + Copy>(
        query: &Query<Erased>,
        d: D,
        name: &str,
        rejected: &Tally,
    ) -> Result<usize, String> {
        match query.to_sql(d) {
            Ok(sql) => lex(&sql, name).map(|()| 1).map_err(|e| {
                format!(
                    "{name}: {e}\n  SQL: {}\n  params: {:?}",
                    sql.text, sql.params
                )
            }),
            Err(e) => {
                rejected.add(format!("{name}: {}", variant(&e)));
                Ok(0)
            }
        }
    }
    Ok(one(query, Postgres, "PostgreSQL", rejected)?
        + one(query, MySql, "MySQL", rejected)?
        + one(query, Sqlite, "SQLite", rejected)?)
}

/// Runs `check` on `cases` inputs of `strategy` in a thread with a 2 MiB stack.
fn run_no_panic<S: Strategy + 'static>(
    name: &'static str,
    cases: u32,
    strategy: fn() -> S,
    check: fn(S::Value, &Tally) -> Result<usize, String>,
) {
    let rejected = Tally::new();
    let thread = std::thread::Builder::new()
        .name(name.into())
        .stack_size(2 << 20)
        .spawn(move || {
            let (config, seed) = config(cases);
            let rendered = std::sync::atomic::AtomicUsize::new(0);
            let outcome = TestRunner::new(config).run(&strategy(), |input| {
                let n = check(input, &rejected).map_err(TestCaseError::fail)?;
                rendered.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                Ok(())
            });
            (
                outcome.map_err(|e| e.to_string()),
                seed,
                rendered.into_inner(),
                rejected,
            )
        })
        .expect("spawn the property's thread");
    let (outcome, seed, rendered, rejected) = thread.join().expect("the property's thread");
    if let Err(e) = outcome {
        panic!("{name}: {e}\nreproduce with PROPTEST_RNG_SEED={seed}");
    }
    use std::io::Write;
    let line = format!("{name}: {rendered} statements rendered and lexed\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    rejected.report(&format!("{name}, turned down"));
}

/// Arbitrary query data — any expression in any clause, with any binding, name, value and
/// type — plans and renders for every dialect without a panic, and every statement lexes.
#[test]
fn arbitrary_query_data_never_panics() {
    run_no_panic(
        "no_panic::arbitrary_query_data_never_panics",
        1000,
        query_data,
        |query, rejected| render_everywhere(&query, rejected),
    );
}

/// Valid queries serialized to JSON and mutated deserialize to a typed error or to a query
/// that plans and renders for every dialect without a panic, every statement lexing.
#[test]
fn mutated_serialized_queries_never_panic() {
    run_no_panic(
        "no_panic::mutated_serialized_queries_never_panic",
        1000,
        mutated,
        |text, rejected| match serde_json::from_str::<Query<Erased>>(&text) {
            Ok(query) => {
                render_everywhere(&query, rejected).map_err(|e| format!("{e}\n  JSON: {text}"))
            }
            Err(e) => {
                rejected.add(format!("JSON: {:?}", e.classify()));
                Ok(0)
            }
        },
    );
}
