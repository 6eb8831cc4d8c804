//! Everything that runs on SQLite in memory: the start-up check that recto and sea-query
//! answer each corpus query with the same rows, and the SQLite side of the
//! Repo-versus-raw-sqlx timing (`execute.rs`).

use crate::execute::{self, Engine, SEED, with_row_type};
use crate::peer::{self, Backend};
use recto::{Pool, Repo, Sqlite, ToSql};
use recto_benches::{FIXTURE, NAMES, build};
use sea_query::SqliteQueryBuilder;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, SqlitePool};
use tokio::runtime::Runtime;

/// sqlx arguments holding recto's parameters, as a user of raw sqlx binds them.
fn recto_args(params: &[recto::Value]) -> Result<SqliteArguments, String> {
    let mut args = SqliteArguments::default();
    for value in params {
        let added = match value {
            recto::Value::Bool(v) => args.add(*v),
            recto::Value::I32(v) => args.add(*v),
            recto::Value::I64(v) => args.add(*v),
            recto::Value::Text(v) => args.add(v.clone()),
            other => return Err(format!("the corpus binds no {other:?}")),
        };
        added.map_err(|e| e.to_string())?;
    }
    Ok(args)
}

/// sqlx arguments holding sea-query's values.
fn sea_args(values: sea_query::Values) -> Result<SqliteArguments, String> {
    let mut args = SqliteArguments::default();
    for value in values.0 {
        let added = match value {
            sea_query::Value::Bool(v) => args.add(v),
            sea_query::Value::Int(v) => args.add(v),
            sea_query::Value::BigInt(v) => args.add(v),
            sea_query::Value::BigUnsigned(v) => args.add(v.map(|v| v as i64)),
            sea_query::Value::String(v) => args.add(v),
            other => return Err(format!("the corpus binds no {other:?}")),
        };
        added.map_err(|e| e.to_string())?;
    }
    Ok(args)
}

/// A connected Repo over one in-memory database holding [`FIXTURE`], and its sqlx pool.
pub fn open(rt: &Runtime) -> Result<(Repo, SqlitePool), String> {
    rt.block_on(async {
        let repo = Repo::sqlite_memory().await.map_err(|e| e.to_string())?;
        for statement in FIXTURE {
            repo.execute(*statement).await.map_err(|e| e.to_string())?;
        }
        let pool = match repo.pool() {
            Pool::Sqlite(pool) => pool.clone(),
            other => return Err(format!("not a SQLite pool: {other:?}")),
        };
        Ok((repo, pool))
    })
}

/// The SQLite side of the executions, over the Repo's own pool.
pub fn engine<'a>(
    rt: &'a Runtime,
    repo: &'a Repo,
    pool: &'a SqlitePool,
) -> Engine<'a, sqlx::Sqlite> {
    Engine {
        rt,
        repo,
        pool,
        sql: |index| build(index, SEED).to_sql(Sqlite).map_err(|e| e.to_string()),
        args: recto_args,
    }
}

/// Checks that corpus query `index` gives the same rows, in the same order, through the
/// Repo, from recto's SQLite text on raw sqlx, and from sea-query's, and some rows at all.
/// Returns the number of rows.
fn same_rows<R>(engine: &Engine<'_, sqlx::Sqlite>, index: usize) -> Result<usize, String>
where
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, SqliteRow> + PartialEq + std::fmt::Debug,
{
    let recto_rows: Vec<R> = execute::same_rows(engine, index)?;
    let (sea_text, sea_values) =
        peer::build(index, SEED, Backend::Sqlite).build(SqliteQueryBuilder);
    let name = NAMES[index];
    let sea: Vec<R> = engine.rt.block_on(async {
        sqlx::query_as_with(AssertSqlSafe(sea_text.clone()), sea_args(sea_values)?)
            .fetch_all(engine.pool)
            .await
            .map_err(|e| format!("{name}: sea-query: {e}\n  {sea_text}"))
    })?;
    if recto_rows != sea {
        return Err(format!(
            "{name}: recto and sea-query disagree\n  sea-query: {sea_text}\n  \
             recto's rows {recto_rows:?}\n  sea-query's {sea:?}"
        ));
    }
    Ok(sea.len())
}

/// Runs the start-up check on every corpus query; returns the row counts.
pub fn check_corpus(engine: &Engine<'_, sqlx::Sqlite>) -> Result<Vec<usize>, String> {
    (0..NAMES.len())
        .map(|index| with_row_type!(index, R => same_rows::<R>(engine, index)))
        .collect()
}

execute::per_query!(sqlx::Sqlite);

/// Opens the fixture and counts `iters` executions of query `index` through the Repo
/// (`through_repo`) or raw sqlx (see `execute::count`).
pub fn count_execution(index: usize, through_repo: bool, iters: u64) -> Result<(), String> {
    let rt = execute::runtime()?;
    let (repo, pool) = open(&rt)?;
    let engine = engine(&rt, &repo, &pool);
    count_query(&engine, index, through_repo, iters)
}
