//! How a statement reaches sqlx: its text handed over without a copy where the Repo
//! already holds it shared, its parameters bound (moved where the Repo owns them), and the
//! rows fetched and decoded.
//!
//! Every public method of the [`Repo`] that runs SQL ends here, so the path a query takes
//! and the path hand-written SQL takes differ only in where their text comes from. This
//! module does not know how a query becomes SQL (that is `shape::shared_sql`) nor how
//! hand-written placeholders are renumbered (`placeholders.rs`).

use std::borrow::Cow;
use std::sync::Arc;

use recto_core::{Error, Query, Value};
use sqlx::{AssertSqlSafe, Database, Executor, IntoArguments, SqlSafeStr, SqlStr};

use super::{Engine, Pool, Repo, database};
use crate::row::Record;

/// How one row becomes a value of the caller's type.
pub(super) type Decode<R> = fn(&mut Record<'_>) -> Result<R, Error>;

/// SQL text on its way to sqlx.
pub(super) enum Text<'a> {
    /// Text the shape cache shares: sqlx receives another reference to it, not a copy.
    Shared(Arc<str>),
    /// Text the caller holds (a [`Sql`](crate::Sql) or [`RawSql`](super::RawSql) as
    /// written): sqlx needs text it can keep, so it is copied once.
    Borrowed(&'a str),
    /// Text made for this execution (a renumbered [`RawSql`](super::RawSql)): moved.
    Owned(String),
}

impl<'a> From<Cow<'a, str>> for Text<'a> {
    fn from(text: Cow<'a, str>) -> Text<'a> {
        match text {
            Cow::Borrowed(text) => Text::Borrowed(text),
            Cow::Owned(text) => Text::Owned(text),
        }
    }
}

impl Text<'_> {
    /// The text.
    #[cfg(feature = "postgres")]
    fn as_str(&self) -> &str {
        match self {
            Text::Shared(text) => text,
            Text::Borrowed(text) => text,
            Text::Owned(text) => text,
        }
    }

    /// The text as sqlx takes it, copied only if it is borrowed.
    fn into_sql_str(self) -> SqlStr {
        match self {
            Text::Shared(text) => AssertSqlSafe(text).into_sql_str(),
            Text::Borrowed(text) => AssertSqlSafe(text).into_sql_str(),
            Text::Owned(text) => AssertSqlSafe(text).into_sql_str(),
        }
    }
}

impl Repo {
    /// The SQL text of `query` in the Repo's dialect, shared, and its parameters.
    pub(super) fn shared_sql<S, R>(
        &self,
        query: &Query<S, R>,
    ) -> Result<(Arc<str>, Vec<Value>), Error> {
        match self.engine() {
            Engine::Postgres => crate::shape::shared_sql(query, &crate::Postgres),
            Engine::MySql => crate::shape::shared_sql(query, &crate::MySql),
            Engine::Sqlite => crate::shape::shared_sql(query, &crate::Sqlite),
        }
    }

    /// The text to send for a statement: its own, except on PostgreSQL when the same text
    /// was already run with other parameter types (see `statements.rs`).
    fn statement(&self, text: Text<'_>, params: &[Value]) -> SqlStr {
        match self.pool {
            #[cfg(feature = "postgres")]
            Pool::Postgres(_) => {
                let shared = match &text {
                    Text::Shared(text) => Some(text),
                    Text::Borrowed(_) | Text::Owned(_) => None,
                };
                match self.statements.tagged(text.as_str(), shared, params) {
                    None => text.into_sql_str(),
                    Some(tagged) => AssertSqlSafe(tagged).into_sql_str(),
                }
            }
            #[allow(
                unreachable_patterns,
                reason = "reachable only when another engine is compiled in"
            )]
            _ => {
                // Only PostgreSQL's prepared statements depend on the parameter types.
                let _ = params;
                text.into_sql_str()
            }
        }
    }

    /// Every row of a statement, decoded into `R`.
    pub(super) async fn fetch_all<R: Send + Unpin>(
        &self,
        text: Text<'_>,
        params: Cow<'_, [Value]>,
        decode: Decode<R>,
    ) -> Result<Vec<R>, Error> {
        on_pool!(self, |pool, bind, row| {
            let sql = self.statement(text, &params);
            let args = bind(params)?;
            // Each row is decoded as it arrives; a decoding error travels through sqlx as
            // its `Decode` error and comes out as the `Error` it was.
            sqlx::query_with(sql, args)
                .try_map(|one| {
                    decode(&mut Record::new(row(&one)))
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))
                })
                .fetch_all(pool)
                .await
                .map_err(decoded)
        })
    }

    /// The row of a statement if there is one, `None` if there is none, and
    /// [`Error::TooManyRows`] if there are more.
    pub(super) async fn fetch_optional<R>(
        &self,
        text: Text<'_>,
        params: Cow<'_, [Value]>,
        decode: Decode<R>,
    ) -> Result<Option<R>, Error> {
        on_pool!(self, |pool, bind, row| {
            let sql = self.statement(text, &params);
            let args = bind(params)?;
            let rows = fetch_rows(pool, sql, args).await?;
            match rows.as_slice() {
                [] => Ok(None),
                // Only the one row that is returned is decoded.
                [one] => decode(&mut Record::new(row(one))).map(Some),
                _ => Err(Error::TooManyRows { count: rows.len() }),
            }
        })
    }

    /// Runs a statement that returns no rows; returns how many rows it affected.
    pub(super) async fn fetch_none(
        &self,
        text: Text<'_>,
        params: Cow<'_, [Value]>,
    ) -> Result<u64, Error> {
        on_pool!(self, |pool, bind, _row| {
            let sql = self.statement(text, &params);
            let args = bind(params)?;
            let done = sqlx::query_with(sql, args)
                .execute(pool)
                .await
                .map_err(database)?;
            Ok(done.rows_affected())
        })
    }
}

/// A failure of a statement whose rows recto decoded: the decoding [`Error`] where that is
/// what failed, else the database's error.
fn decoded(error: sqlx::Error) -> Error {
    match error {
        sqlx::Error::Decode(source) => match source.downcast::<Error>() {
            Ok(error) => *error,
            Err(source) => database(sqlx::Error::Decode(source)),
        },
        other => database(other),
    }
}

/// The undecoded rows of one statement.
async fn fetch_rows<DB>(
    pool: &sqlx::Pool<DB>,
    text: SqlStr,
    args: DB::Arguments,
) -> Result<Vec<DB::Row>, Error>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    sqlx::query_with(text, args)
        .fetch_all(pool)
        .await
        .map_err(database)
}
