//! Executions through the Repo against raw sqlx, the same for every engine: the engine's
//! module (`sqlite.rs`, `postgres.rs`) supplies the pool and how raw sqlx binds recto's
//! parameters; this module times and counts.

use std::cell::RefCell;

use crate::measure::{Paired, Plan, interleave};
use recto::{Repo, Sql};
use recto_benches::{NAMES, build};
use sqlx::{Database, Executor, IntoArguments};
use tokio::runtime::Runtime;

/// The seed every executed query is built from (any seed gives rows).
pub const SEED: u64 = 0;

/// One engine's side of the comparison.
pub struct Engine<'a, DB: Database> {
    /// The runtime every execution blocks on.
    pub rt: &'a Runtime,
    /// The Repo, over `pool`.
    pub repo: &'a Repo,
    /// The pool raw sqlx runs on: the Repo's own, so both sides use one statement cache.
    pub pool: &'a sqlx::Pool<DB>,
    /// recto's SQL for corpus query `index` in this engine's dialect.
    pub sql: fn(usize) -> Result<Sql, String>,
    /// sqlx arguments holding recto's parameters, as a user of raw sqlx binds them.
    pub args: fn(&[recto::Value]) -> Result<DB::Arguments, String>,
}

/// Evaluates `$body` with `$row` naming the row type of corpus query `$index`: the
/// queries decode into different types, chosen here once for every engine, the check and
/// the timing alike.
macro_rules! with_row_type {
    ($index:expr, $row:ident => $body:expr) => {
        match $index {
            0 => {
                type $row = recto_benches::schema::User;
                $body
            }
            1 | 5 | 6 | 7 => {
                type $row = (i64, String);
                $body
            }
            2 => {
                type $row = (i64, String, String);
                $body
            }
            3 => {
                type $row = (String, Option<String>, Option<String>);
                $body
            }
            4 => {
                type $row = (i64, i64);
                $body
            }
            8 => {
                // PostgreSQL types arithmetic on `INTEGER` columns as `INT4`, which sqlx
                // decodes only into `i32`.
                type $row = (i64, i32);
                $body
            }
            _ => {
                type $row = (i64, i64, i32, String);
                $body
            }
        }
    };
}
pub(crate) use with_row_type;

/// Defines, for the engine whose sqlx database is `$db`, `execution` (Repo versus raw sqlx
/// for every corpus query) and `count_query` (one side of one query, for callgrind):
/// each picks the query's row type, which needs the concrete database.
macro_rules! per_query {
    ($db:ty) => {
        /// Repo versus raw sqlx for every corpus query.
        pub fn execution(
            engine: &$crate::execute::Engine<'_, $db>,
            plan: $crate::measure::Plan,
        ) -> Result<Vec<$crate::measure::Paired>, String> {
            (0..recto_benches::NAMES.len())
                .map(|index| {
                    $crate::execute::with_row_type!(index, R => $crate::execute::repo_vs_raw::<_, R>(engine, index, plan))
                })
                .collect()
        }

        /// Runs `iters` executions of query `index` through the Repo (`through_repo`) or
        /// raw sqlx (see `execute::count`).
        fn count_query(
            engine: &$crate::execute::Engine<'_, $db>,
            index: usize,
            through_repo: bool,
            iters: u64,
        ) -> Result<(), String> {
            $crate::execute::with_row_type!(index, R => $crate::execute::count::<_, R>(engine, index, through_repo, iters))
        }
    };
}
pub(crate) use per_query;

/// The single-threaded runtime every measurement blocks on.
pub fn runtime() -> Result<Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

/// The text of `sql` leaked once, so the raw side gets the best case of static SQL text.
fn leak(sql: Sql) -> (&'static str, Vec<recto::Value>) {
    (Box::leak(sql.text.into_boxed_str()), sql.params)
}

/// Rows of corpus query `index`: through the Repo if `through_repo`, otherwise through raw
/// sqlx running `text` with `params`.
async fn rows<DB, R>(
    engine: &Engine<'_, DB>,
    query: &recto::Query<recto::Erased>,
    raw: (&'static str, &[recto::Value]),
    through_repo: bool,
) -> Result<Vec<R>, String>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, DB::Row>,
{
    if through_repo {
        engine.repo.all(query).await.map_err(|e| e.to_string())
    } else {
        sqlx::query_as_with::<DB, R, _>(raw.0, (engine.args)(raw.1)?)
            .fetch_all(engine.pool)
            .await
            .map_err(|e| e.to_string())
    }
}

/// Checks that corpus query `index` gives the same rows in the same order through the
/// Repo and through raw sqlx with recto's text, and some rows at all (an empty answer
/// would make the comparison vacuous); returns them.
pub fn same_rows<DB, R>(engine: &Engine<'_, DB>, index: usize) -> Result<Vec<R>, String>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, DB::Row> + PartialEq + std::fmt::Debug,
{
    let query = build(index, SEED);
    let sql = (engine.sql)(index)?;
    let text = sql.text.clone();
    let (raw_text, params) = leak(sql);
    let name = NAMES[index];
    engine.rt.block_on(async {
        let through_repo: Vec<R> = rows(engine, &query, (raw_text, &params), true)
            .await
            .map_err(|e| format!("{name}: recto: {e}\n  {text}"))?;
        let raw: Vec<R> = rows(engine, &query, (raw_text, &params), false)
            .await
            .map_err(|e| format!("{name}: raw sqlx: {e}\n  {text}"))?;
        if through_repo != raw || raw.is_empty() {
            return Err(format!(
                "{name}: the Repo and raw sqlx disagree or return nothing\n  {text}\n  \
                 rows via Repo {through_repo:?}\n  raw {raw:?}"
            ));
        }
        Ok(raw)
    })
}

/// Times `repo.all(&q)` of a prebuilt query (render, bind, run, decode) against raw sqlx
/// running recto's text, as a `&'static str`, with the same binds, decoding into the
/// same row type.
pub fn repo_vs_raw<DB, R>(
    engine: &Engine<'_, DB>,
    index: usize,
    plan: Plan,
) -> Result<Paired, String>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let query = build(index, SEED);
    let (text, params) = leak((engine.sql)(index)?);
    let failure = RefCell::new(None);
    let side = |through_repo: bool| {
        let found =
            engine
                .rt
                .block_on(rows::<DB, R>(engine, &query, (text, &params), through_repo));
        if let Err(e) = found {
            failure.borrow_mut().get_or_insert(e);
        }
    };
    let paired = interleave(plan, |_| side(true), |_| side(false));
    match failure.into_inner() {
        Some(e) => Err(format!("{}: {e}", NAMES[index])),
        None => Ok(paired),
    }
}

/// Runs `iters` executions of corpus query `index` through the Repo (`through_repo`) or
/// through raw sqlx, and nothing else, for instruction counting: unlike time, the count
/// does not grow when a loaded machine is slow to wake a worker thread or a server.
pub fn count<DB, R>(
    engine: &Engine<'_, DB>,
    index: usize,
    through_repo: bool,
    iters: u64,
) -> Result<(), String>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    R: recto::FromRecord + for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let query = build(index, SEED);
    let (text, params) = leak((engine.sql)(index)?);
    engine.rt.block_on(async {
        for _ in 0..iters {
            let found: Vec<R> = rows(engine, &query, (text, &params), through_repo).await?;
            std::hint::black_box(found);
        }
        Ok(())
    })
}
