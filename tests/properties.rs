//! Property tests (DESIGN.md §7): random queries, values and identifiers, run on SQLite and
//! on every server this run reaches (`tests/servers`), each against the fixture of
//! `tests/fixture`.
//!
//! - [`filters`]: random `where:` conditions over `users` select exactly the ids that a
//!   reference model ([`model`]), evaluated in Rust with SQL's three-valued logic, says — on
//!   every engine, so the engines also agree with each other. The forms the engines read
//!   differently (NaN, a `like` pattern ending in its escape character) are left out of the
//!   generator and pinned per engine as docs/dialects.md documents them.
//! - [`agree`]: random well-formed queries over `users`, `orgs` and `posts` ([`generate`],
//!   [`queries`]) — joins, grouping, aggregates, `having:`, `distinct`, every sort
//!   direction, `limit`/`offset` after a total order — give the same rows on every engine,
//!   decoded as their planned types ([`rows`]), and the model's ids where it applies. A
//!   query one engine rejects with a typed error is tallied, not compared.
//! - [`set_ops`]: each set operator over a random query and the same query without its
//!   `where:` gives the same multiset of rows on every engine.
//! - [`subqueries`]: a random query nested in a query over the organisations (correlated
//!   `exists`, a scalar count, `in`, `any`, `all`, a derived table) gives the same rows on
//!   every engine.
//! - [`no_panic`]: arbitrary query data ([`arbitrary`]) and mutated serialized queries
//!   ([`mutate`]) plan and render without a panic, and every statement lexes with one
//!   placeholder per parameter.
//! - [`values`]: adversarial text, integer extremes, floats (signed zeros and subnormals
//!   included), booleans, dates and timestamps, UUIDs and JSON documents come back exactly,
//!   selected as parameters and stored in a table; text holding NUL is a clean error on
//!   PostgreSQL.
//! - [`json_paths`]: a random path into a random stored document finds on every engine what
//!   serde_json finds there, as a document and as `json_text`.
//! - [`shapes`]: queries that differ in one detail, rendered one after the other through
//!   the shape cache, render exactly as without it on every dialect.
//! - [`templates`]: `from!` call sites called with random pins render through the shape
//!   cache exactly as their built clauses render without it.
//! - [`identifiers`]: tables and columns with adversarial names, created with `recto::ddl`
//!   and queried schemalessly, give back the row written into them.
//!
//! Each live property owns one fixture database per engine for its whole run, made before the
//! first case and dropped after the last, whether the property passed or failed. A failure
//! prints the minimal input proptest shrank it to and the seed that reproduces the run
//! (`PROPTEST_RNG_SEED=<seed>`); `PROPTEST_CASES` overrides the case counts.

mod common;
mod fixture;
mod servers;

#[path = "properties/agree.rs"]
mod agree;
#[path = "properties/arbitrary.rs"]
mod arbitrary;
#[path = "properties/decimal_arithmetic.rs"]
mod decimal_arithmetic;
#[path = "properties/decimals.rs"]
mod decimals;
#[path = "properties/filters.rs"]
mod filters;
#[path = "properties/generate.rs"]
mod generate;
#[path = "properties/identifiers.rs"]
mod identifiers;
#[path = "properties/json_paths.rs"]
mod json_paths;
#[path = "properties/model.rs"]
mod model;
#[path = "properties/mutate.rs"]
mod mutate;
#[path = "properties/no_panic.rs"]
mod no_panic;
#[path = "properties/queries.rs"]
mod queries;
#[path = "properties/rows.rs"]
mod rows;
#[path = "properties/set_ops.rs"]
mod set_ops;
#[path = "properties/shapes.rs"]
mod shapes;
#[path = "properties/subqueries.rs"]
mod subqueries;
#[path = "properties/templates.rs"]
mod templates;
#[path = "properties/term_gen.rs"]
mod term_gen;
#[path = "properties/terms.rs"]
mod terms;
#[path = "properties/values.rs"]
mod values;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use recto::chrono::NaiveDate;
use recto::ddl::DdlDialect;
use recto::{BindingRef, Expr, RawSql, Repo, SchemaMeta, Value};

use fixture::TestDb;

// ---------------------------------------------------------------------------------------
// The harness

/// Runs `check` on `cases` inputs drawn from `strategy`, on one fixture database per engine
/// that `setup` prepares once. The databases are dropped before a failure is reported.
fn property<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    setup: impl AsyncFn(&TestDb) -> Result<(), String>,
    check: impl AsyncFn(&[TestDb], S::Value) -> Result<(), String>,
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let dbs = runtime.block_on(fixture::databases());
    let (config, seed) = config(cases);
    let outcome = runtime
        .block_on(async {
            for db in &dbs {
                setup(db)
                    .await
                    .map_err(|e| format!("setting up {} failed: {e}", db.name))?;
            }
            Ok(())
        })
        .and_then(|()| {
            TestRunner::new(config)
                .run(&strategy, |input| {
                    runtime
                        .block_on(check(&dbs, input))
                        .map_err(TestCaseError::fail)
                })
                .map_err(|e| e.to_string())
        });
    runtime.block_on(async {
        for db in dbs {
            db.drop().await;
        }
    });
    if let Err(e) = outcome {
        panic!("{name}: {e}\nreproduce with PROPTEST_RNG_SEED={seed}");
    }
}

/// The runner's configuration: `cases` unless `PROPTEST_CASES` says otherwise, no failure
/// files, bounded shrinking, and a seed that the failure message can name.
fn config(cases: u32) -> (Config, u64) {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if std::env::var_os("PROPTEST_MAX_SHRINK_TIME").is_none() {
        config.max_shrink_time = 30_000;
    }
    config.failure_persistence = None;
    let seed = match config.rng_seed {
        RngSeed::Fixed(seed) => seed,
        RngSeed::Random => {
            use std::hash::BuildHasher;
            std::collections::hash_map::RandomState::new().hash_one(std::time::SystemTime::now())
        }
    };
    config.rng_seed = RngSeed::Fixed(seed);
    (config, seed)
}

use fixture::dialect_of as dialect;

/// `INSERT INTO table (columns...) VALUES (params...)` of one row, every value bound.
fn insert(dialect: &dyn DdlDialect, meta: &SchemaMeta, values: Vec<Value>) -> RawSql {
    fixture::insert(dialect, meta, vec![values])
}

/// Runs a statement with no parameters that the test wrote from quoted identifiers.
async fn execute(repo: &Repo, statement: String) -> Result<(), String> {
    repo.execute(sqlx::AssertSqlSafe(statement.clone()))
        .await
        .map(drop)
        .map_err(|e| format!("{statement}: {e}"))
}

/// The field `name` of binding 0.
fn field(name: &str) -> Expr {
    Expr::field(BindingRef::Index(0), name.to_owned())
}

/// The SQL a Repo sends for `query`, for failure messages.
fn shown<Q: recto::ToSql>(repo: &Repo, query: &Q) -> String {
    match repo.to_sql(query) {
        Ok(sql) => format!("{}\n  params: {:?}", sql.text, sql.params),
        Err(e) => format!("(no SQL: {e})"),
    }
}

// ---------------------------------------------------------------------------------------
// Strategies more than one property draws from

/// One piece of adversarial text: ASCII, both quote characters, backslashes, LIKE
/// wildcards, placeholder and comment syntax, line breaks, letters whose case folds
/// unusually, and characters of every plane. Never NUL, which PostgreSQL text cannot hold
/// (see `values::text_with_nul_is_an_error_only_on_postgres`).
fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::char::range('a', 'z').prop_map(String::from),
        2 => proptest::char::range('A', 'Z').prop_map(String::from),
        1 => proptest::char::range('0', '9').prop_map(String::from),
        4 => select(&[
            "'", "\"", "\\", "%", "_", "?", "$1", "--", "/*", "*/", " ", "\n", "\r\n", "\t",
            ";", "`", "@x", ":a", "''", "\\'", "\\0", "NULL", "' OR '1'='1",
        ][..]).prop_map(str::to_owned),
        3 => select(&[
            'é', 'É', 'ß', 'ẞ', 'ſ', 'İ', 'ı', 'K', 'ǅ', 'Ω', 'ω', 'ς', 'ü', 'ñ', '日', '本',
            '\u{a0}', '\u{200b}', '\u{feff}', '\u{fffd}', '\u{ffff}', '\u{e000}', '\u{7f}',
            '\u{1}', '\u{1b}',
        ][..]).prop_map(String::from),
        2 => select(&['😀', '𝄞', '𠀀', '\u{1f1ef}', '\u{e0001}', '\u{10fffd}', '\u{10ffff}'][..])
            .prop_map(String::from),
        1 => any::<char>().prop_filter("not NUL", |c| *c != '\0').prop_map(String::from),
    ]
}

/// Adversarial text of up to `max` pieces.
fn adversarial_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(text_piece(), 0..=max).prop_map(|pieces| pieces.concat())
}

/// A date in years 1000 to 9999, where every engine keeps dates.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => (1000i32..=9999, 1u32..=366).prop_filter_map("a day of the year", |(y, d)| {
            NaiveDate::from_yo_opt(y, d)
        }),
        1 => select(vec![
            NaiveDate::from_ymd_opt(1000, 1, 1).expect("a date"),
            NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date"),
            NaiveDate::from_ymd_opt(2000, 2, 29).expect("a date"),
            NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date"),
        ]),
    ]
}

/// Integers, extremes often.
fn int64() -> impl Strategy<Value = i64> {
    prop_oneof![
        2 => any::<i64>(),
        1 => select(vec![i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1, 0, -1]),
    ]
}

fn int32() -> impl Strategy<Value = i32> {
    prop_oneof![
        2 => any::<i32>(),
        1 => select(vec![i32::MIN, i32::MAX, i32::MIN + 1, i32::MAX - 1, 0, -1]),
    ]
}

/// A finite double for a JSON number: any, or one of the forms a text can get wrong (both
/// zeros, a subnormal, the extremes, integral values past 2^53 and past 10^16, which
/// PostgreSQL would read back as integers if they were written with an exponent).
fn json_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => any::<f64>().prop_filter("finite", |f| f.is_finite()),
        1 => select(vec![
            0.0, -0.0, 0.1, 1.0, -1.5e-7, 5e-324, 1e16, -1e17, 1e300, f64::MAX, f64::MIN,
            9_007_199_254_740_993.0,
        ]),
    ]
}

/// A JSON document up to `depth` arrays and objects deep: adversarial keys and strings
/// (never NUL, which PostgreSQL's `jsonb` cannot hold), integers of both signs and every
/// size, floats, booleans and `null`.
fn json_document(depth: u32) -> BoxedStrategy<recto::serde_json::Value> {
    use recto::serde_json::Value as Json;
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        int64().prop_map(Json::from),
        select(vec![u64::MAX, 1 << 63, 10_000_000_000_000_000]).prop_map(Json::from),
        json_float().prop_map(Json::from),
        adversarial_text(6).prop_map(Json::String),
    ];
    leaf.prop_recursive(depth, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            proptest::collection::btree_map(adversarial_text(3), inner, 0..4)
                .prop_map(|map| Json::Object(map.into_iter().collect())),
        ]
    })
    .boxed()
}
