//! Everything that runs on SQLite in memory: the start-up check that recto and sea-query
//! answer each corpus query with the same rows, and the Repo-versus-raw-sqlx timing.

use std::cell::RefCell;

use crate::measure::{Paired, Plan, interleave};
use crate::peer::{self, Backend};
use recto::{Pool, Repo, Sqlite, ToSql};
use recto_benches::schema::User;
use recto_benches::{FIXTURE, NAMES, build};
use sea_query::SqliteQueryBuilder;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, SqlitePool};
use tokio::runtime::Runtime;

/// The seed the start-up check builds every query from (any seed gives rows).
const CHECK_SEED: u64 = 0;

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

/// Calls `$f::<Row>($args)` with the row type of corpus query `$index`: the queries decode
/// into different types, chosen here once for the check and the timing alike.
macro_rules! with_row_type {
    ($index:expr, $f:ident ( $($arg:expr),* )) => {
        match $index {
            0 => $f::<User>($($arg),*),
            1 | 5 | 6 | 7 => $f::<(i64, String)>($($arg),*),
            2 => $f::<(i64, String, String)>($($arg),*),
            3 => $f::<(String, Option<String>, Option<String>)>($($arg),*),
            4 => $f::<(i64, i64)>($($arg),*),
            8 => $f::<(i64, i64)>($($arg),*),
            _ => $f::<(i64, i64, i32, String)>($($arg),*),
        }
    };
}

/// Checks that corpus query `index` gives the same rows, in the same order, from recto's
/// SQLite text and from sea-query's, and that it gives some rows at all (an empty answer
/// would make the comparison vacuous). Returns the number of rows.
fn same_rows<R>(rt: &Runtime, repo: &Repo, pool: &SqlitePool, index: usize) -> Result<usize, String>
where
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, SqliteRow> + PartialEq + std::fmt::Debug,
{
    let sql = build(index, CHECK_SEED)
        .to_sql(Sqlite)
        .map_err(|e| e.to_string())?;
    let (sea_text, sea_values) =
        peer::build(index, CHECK_SEED, Backend::Sqlite).build(SqliteQueryBuilder);
    let name = NAMES[index];
    rt.block_on(async {
        let through_repo: Vec<R> = repo
            .all(&build(index, CHECK_SEED))
            .await
            .map_err(|e| format!("{name}: recto: {e}"))?;
        let raw: Vec<R> = sqlx::query_as_with(AssertSqlSafe(sql.text.clone()), recto_args(&sql.params)?)
            .fetch_all(pool)
            .await
            .map_err(|e| format!("{name}: recto's text on raw sqlx: {e}"))?;
        let sea: Vec<R> = sqlx::query_as_with(AssertSqlSafe(sea_text.clone()), sea_args(sea_values)?)
            .fetch_all(pool)
            .await
            .map_err(|e| format!("{name}: sea-query: {e}\n  {sea_text}"))?;
        if through_repo != raw || raw != sea || raw.is_empty() {
            return Err(format!(
                "{name}: the two sides disagree or return nothing\n  recto:     {}\n  sea-query: {sea_text}\n  \
                 rows via Repo {through_repo:?}\n  raw {raw:?}\n  sea-query {sea:?}",
                sql.text
            ));
        }
        Ok(raw.len())
    })
}

/// Runs the start-up check on every corpus query; returns the row counts.
pub fn check_corpus(rt: &Runtime, repo: &Repo, pool: &SqlitePool) -> Result<Vec<usize>, String> {
    (0..NAMES.len())
        .map(|index| with_row_type!(index, same_rows(rt, repo, pool, index)))
        .collect()
}

/// Times `repo.all(&q)` of a prebuilt query (render, bind, run, decode) against raw sqlx
/// running recto's SQLite text, prepared once as a `&'static str`, with the same binds.
fn repo_vs_raw<R>(
    rt: &Runtime,
    repo: &Repo,
    pool: &SqlitePool,
    index: usize,
    plan: Plan,
) -> Result<Paired, String>
where
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, SqliteRow>,
{
    let query = build(index, CHECK_SEED);
    let sql = query.to_sql(Sqlite).map_err(|e| e.to_string())?;
    // Leaked once per query: the raw side gets the best case of static SQL text.
    let text: &'static str = Box::leak(sql.text.into_boxed_str());
    let params = sql.params;
    let failure = RefCell::new(None);
    let paired = interleave(
        plan,
        |_| {
            let rows: Result<Vec<R>, _> = rt.block_on(repo.all(&query));
            if let Err(e) = rows {
                failure.borrow_mut().get_or_insert(e.to_string());
            }
        },
        |_| {
            let rows: Result<Vec<R>, String> = rt.block_on(async {
                sqlx::query_as_with(text, recto_args(&params)?)
                    .fetch_all(pool)
                    .await
                    .map_err(|e| e.to_string())
            });
            if let Err(e) = rows {
                failure.borrow_mut().get_or_insert(e);
            }
        },
    );
    match failure.into_inner() {
        Some(e) => Err(format!("{}: {e}", NAMES[index])),
        None => Ok(paired),
    }
}

/// Repo versus raw sqlx for every corpus query.
pub fn execution(
    rt: &Runtime,
    repo: &Repo,
    pool: &SqlitePool,
    plan: Plan,
) -> Result<Vec<Paired>, String> {
    (0..NAMES.len())
        .map(|index| with_row_type!(index, repo_vs_raw(rt, repo, pool, index, plan)))
        .collect()
}

/// Runs `iters` executions of corpus query `index` through the Repo (`repo` is true) or
/// through raw sqlx, and nothing else, for instruction counting: unlike time, the count
/// does not grow when a loaded machine is slow to wake sqlx's SQLite worker thread.
fn count_one<R>(
    rt: &Runtime,
    repo: &Repo,
    pool: &SqlitePool,
    index: usize,
    through_repo: bool,
    iters: u64,
) -> Result<(), String>
where
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, SqliteRow>,
{
    let query = build(index, CHECK_SEED);
    let sql = query.to_sql(Sqlite).map_err(|e| e.to_string())?;
    let text: &'static str = Box::leak(sql.text.into_boxed_str());
    rt.block_on(async {
        for _ in 0..iters {
            let rows: Vec<R> = if through_repo {
                repo.all(&query).await.map_err(|e| e.to_string())?
            } else {
                sqlx::query_as_with(text, recto_args(&sql.params)?)
                    .fetch_all(pool)
                    .await
                    .map_err(|e| e.to_string())?
            };
            std::hint::black_box(rows);
        }
        Ok(())
    })
}

/// Opens the fixture and runs [`count_one`] with the row type of query `index`.
pub fn count_execution(index: usize, through_repo: bool, iters: u64) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let (repo, pool) = open(&rt)?;
    with_row_type!(
        index,
        count_one(&rt, &repo, &pool, index, through_repo, iters)
    )
}
