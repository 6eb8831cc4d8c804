//! Everything that runs on PostgreSQL: the check that the Repo and raw sqlx answer each
//! corpus query with the same rows, and the PostgreSQL side of the Repo-versus-raw-sqlx
//! timing (`execute.rs`).
//!
//! The server is `RECTO_BENCH_POSTGRES_URL` (default [`DEFAULT_URL`]). Each run creates its
//! own schema there, fills it with [`POSTGRES_FIXTURE`], and drops it afterwards, whatever
//! happened in between. A server that does not answer is not an error: the bench is not a
//! test, so it prints one line and measures the rest.

use std::str::FromStr;

use crate::execute::{self, Engine, SEED, same_rows, with_row_type};
use recto::{Postgres, Repo, ToSql};
use recto_benches::{NAMES, POSTGRES_FIXTURE, build};
use sqlx::postgres::{PgArguments, PgConnectOptions, PgPoolOptions};
use sqlx::{Arguments, AssertSqlSafe, ConnectOptions, Connection, PgPool};
use tokio::runtime::Runtime;

/// The server the bench uses when `RECTO_BENCH_POSTGRES_URL` is unset: the local one that
/// `scripts/test` also uses, with its `test` database.
pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A schema of its own on the server, holding the fixture, and a Repo and a raw pool in it.
pub struct Fixture {
    /// A Repo over `pool`.
    pub repo: Repo,
    /// One connection whose `search_path` is the schema, so that both sides run on the
    /// same connection, with the same prepared-statement cache.
    pub pool: PgPool,
}

/// sqlx arguments holding recto's parameters, as a user of raw sqlx binds them.
fn recto_args(params: &[recto::Value]) -> Result<PgArguments, String> {
    let mut args = PgArguments::default();
    for value in params {
        let added = match value {
            recto::Value::Bool(v) => args.add(*v),
            recto::Value::I32(v) => args.add(*v),
            recto::Value::I64(v) => args.add(*v),
            recto::Value::Text(v) => args.add(v.as_str()),
            recto::Value::Array(recto::Array::I64(v)) => args.add(v.as_slice()),
            other => return Err(format!("the corpus binds no {other:?}")),
        };
        added.map_err(|e| e.to_string())?;
    }
    Ok(args)
}

/// The server's connection options, or `None` after a line saying why the PostgreSQL
/// measurements are skipped.
fn options(rt: &Runtime) -> Option<PgConnectOptions> {
    let url = std::env::var("RECTO_BENCH_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.into());
    let reachable = PgConnectOptions::from_str(&url).and_then(|options| {
        rt.block_on(async {
            options.connect().await?.close().await?;
            Ok(options)
        })
    });
    match reachable {
        Ok(options) => Some(options),
        Err(e) => {
            println!(
                "PostgreSQL: skipped, {url} does not answer ({e}); set RECTO_BENCH_POSTGRES_URL"
            );
            None
        }
    }
}

/// Runs `body` on a fresh schema holding the fixture, then drops the schema whether
/// `body` succeeded or not. `Ok(None)` when the server does not answer.
pub fn with_fixture<T>(
    rt: &Runtime,
    body: impl FnOnce(&Fixture) -> Result<T, String>,
) -> Result<Option<T>, String> {
    let Some(options) = options(rt) else {
        return Ok(None);
    };
    let schema = format!("recto_bench_{}", std::process::id());
    let create = format!("CREATE SCHEMA {schema}");
    let drop = format!("DROP SCHEMA IF EXISTS {schema} CASCADE");
    let admin = |statement: String| {
        rt.block_on(async {
            let mut conn = options.connect().await?;
            sqlx::raw_sql(AssertSqlSafe(statement))
                .execute(&mut conn)
                .await?;
            conn.close().await
        })
        .map_err(|e| format!("PostgreSQL: {e}"))
    };
    admin(create)?;
    let outcome = rt
        .block_on(async {
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .connect_with(options.clone().options([("search_path", schema.as_str())]))
                .await?;
            for statement in POSTGRES_FIXTURE {
                sqlx::raw_sql(*statement).execute(&pool).await?;
            }
            Ok::<_, sqlx::Error>(pool)
        })
        .map_err(|e| format!("PostgreSQL: {e}"))
        .and_then(|pool| {
            let fixture = Fixture {
                repo: Repo::from(pool.clone()),
                pool,
            };
            let outcome = body(&fixture);
            rt.block_on(fixture.pool.close());
            outcome
        });
    let dropped = admin(drop);
    let value = outcome?;
    dropped?;
    Ok(Some(value))
}

impl Fixture {
    /// The PostgreSQL side of the executions.
    pub fn engine<'a>(&'a self, rt: &'a Runtime) -> Engine<'a, sqlx::Postgres> {
        Engine {
            rt,
            repo: &self.repo,
            pool: &self.pool,
            sql: |index| {
                build(index, SEED)
                    .to_sql(Postgres)
                    .map_err(|e| e.to_string())
            },
            args: recto_args,
        }
    }
}

/// Checks that every corpus query gives the same rows through the Repo and through raw
/// sqlx (see `execute::same_rows`); returns the row counts.
pub fn check_corpus(engine: &Engine<'_, sqlx::Postgres>) -> Result<Vec<usize>, String> {
    (0..NAMES.len())
        .map(|index| with_row_type!(index, R => same_rows::<_, R>(engine, index).map(|rows| rows.len())))
        .collect()
}

execute::per_query!(sqlx::Postgres);

/// Opens the fixture and counts `iters` executions of query `index` through the Repo
/// (`through_repo`) or raw sqlx (see `execute::count`); fails if the server does not
/// answer, since a count of nothing would read as a result. The count is the client's
/// work only: the server is another process.
pub fn count_execution(index: usize, through_repo: bool, iters: u64) -> Result<(), String> {
    let rt = execute::runtime()?;
    with_fixture(&rt, |fixture| {
        let engine = fixture.engine(&rt);
        count_query(&engine, index, through_repo, iters)
    })?
    .ok_or_else(|| "PostgreSQL does not answer".to_string())
}
