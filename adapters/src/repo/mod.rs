//! The Repo: runs recto queries on a database through sqlx and decodes the rows.
//!
//! A [`Repo`] holds one concrete sqlx pool — PostgreSQL, MySQL/MariaDB or SQLite, chosen
//! from the URL's scheme by [`Repo::connect`] — and renders each query in that engine's
//! dialect before running it. Rows decode into tuples and `#[derive(sqlx::FromRow)]`
//! structs ([`FromRecord`]). Parameters are bound with the type their Rust value had (see
//! [`Value`](recto_core::Value)); SQL text never contains a user value.
//!
//! Each engine sits behind its cargo feature (`postgres`, `mysql`, `sqlite`); there is no
//! `AnyPool`, whose type support is too narrow. This module knows how to connect, bind and
//! decode; it does not know how a query becomes SQL (that is [`ToSql`]).
//!
//! ```
//! # #[cfg(feature = "sqlite")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), recto_core::Error> {
//! use recto_adapters::repo::{RawSql, Repo};
//!
//! let repo = Repo::connect("sqlite::memory:").await?;
//! repo.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
//!               INSERT INTO users (id, name) VALUES (1, 'Ada'), (2, 'Grace');").await?;
//!
//! let sql = RawSql::new("SELECT id, name FROM users WHERE id > $1").bind(1_i64);
//! let rows: Vec<(i64, String)> = repo.all_sql(&sql).await?;
//! assert_eq!(rows, vec![(2, "Grace".to_owned())]);
//! # Ok(()) }
//! # #[cfg(not(feature = "sqlite"))] fn main() {}
//! ```

/// Runs `$body` with `$pool` bound to the Repo's concrete pool and `$bind` to the function
/// that turns `&[Value]` into that engine's arguments. Each arm is typed on its own, so the
/// body is written once for every engine.
macro_rules! on_pool {
    ($repo:expr, |$pool:ident, $bind:ident, $row:ident| $body:expr) => {
        match &$repo.pool {
            #[cfg(feature = "postgres")]
            Pool::Postgres($pool) => {
                let $bind = $crate::repo::bind::postgres;
                let $row = $crate::row::EngineRow::postgres;
                $body
            }
            #[cfg(feature = "mysql")]
            Pool::MySql($pool) => {
                let $bind = $crate::repo::bind::mysql;
                let $row = $crate::row::EngineRow::mysql;
                $body
            }
            #[cfg(feature = "sqlite")]
            Pool::Sqlite($pool) => {
                let $bind = $crate::repo::bind::sqlite;
                let $row = $crate::row::EngineRow::sqlite;
                $body
            }
        }
    };
}

mod bind;
mod connect;
mod engine;
mod placeholders;
mod raw;
mod run;
#[cfg(feature = "postgres")]
mod statements;

pub use crate::row::FromRecord;
pub use engine::Engine;
pub use raw::{RawSql, Statement, TrustedSql};

use std::borrow::Cow;

use crate::row::Decodes;
use crate::{Sql, ToSql};
use recto_core::{Error, Queryable};
use run::Text;

/// The sqlx pool inside a [`Repo`], one variant per engine compiled in: for what recto does
/// not wrap (a `LISTEN`, a `COPY`, a hand-tuned transaction), use sqlx on it directly.
///
/// ```
/// # async fn example(repo: &recto_adapters::repo::Repo) {
/// use recto_adapters::repo::Pool;
///
/// match repo.pool() {
///     #[cfg(feature = "postgres")]
///     Pool::Postgres(pool) => println!("{} PostgreSQL connections", pool.size()),
///     other => println!("{other:?}"),
/// }
/// # }
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Pool {
    /// A PostgreSQL pool.
    #[cfg(feature = "postgres")]
    Postgres(sqlx::PgPool),
    /// A MySQL or MariaDB pool.
    #[cfg(feature = "mysql")]
    MySql(sqlx::MySqlPool),
    /// A SQLite pool.
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::SqlitePool),
}

/// A connection pool to one database, which runs recto queries and decodes their rows.
///
/// Cloning a Repo is cheap and shares the pool. Every call renders the query in the Repo's
/// dialect ([`Repo::engine`]), binds its parameters and returns a typed [`Error`] for
/// every failure: rendering, connecting, binding, running or decoding.
///
/// ```
/// # #[cfg(feature = "sqlite")]
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), recto_core::Error> {
/// use recto_adapters::repo::{Engine, Repo};
///
/// let repo = Repo::connect("sqlite::memory:").await?;
/// assert_eq!(repo.engine(), Engine::Sqlite);
/// repo.close().await;
/// # Ok(()) }
/// # #[cfg(not(feature = "sqlite"))] fn main() {}
/// ```
#[derive(Clone, Debug)]
pub struct Repo {
    pool: Pool,
    /// The parameter types each SQL text was first run with, so that PostgreSQL's
    /// prepared-statement cache never serves a statement prepared for other types.
    #[cfg(feature = "postgres")]
    statements: std::sync::Arc<statements::Statements>,
}

impl Repo {
    /// A Repo over `pool`.
    fn new(pool: Pool) -> Repo {
        Repo {
            pool,
            #[cfg(feature = "postgres")]
            statements: std::sync::Arc::default(),
        }
    }

    /// The sqlx pool, for what recto does not wrap.
    ///
    /// ```
    /// # async fn example(repo: &recto_adapters::repo::Repo) {
    /// println!("{:?}", repo.pool());
    /// # }
    /// ```
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The engine, which decides the dialect queries are rendered in.
    ///
    /// ```
    /// # async fn example(repo: &recto_adapters::repo::Repo) {
    /// use recto_adapters::repo::Engine;
    ///
    /// if repo.engine() == Engine::Postgres {
    ///     println!("arrays bind as one parameter here");
    /// }
    /// # }
    /// ```
    pub fn engine(&self) -> Engine {
        match self.pool {
            #[cfg(feature = "postgres")]
            Pool::Postgres(_) => Engine::Postgres,
            #[cfg(feature = "mysql")]
            Pool::MySql(_) => Engine::MySql,
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(_) => Engine::Sqlite,
        }
    }

    /// The dialect's name: `"PostgreSQL"`, `"MySQL"` or `"SQLite"`.
    ///
    /// ```
    /// # async fn example(repo: &recto_adapters::repo::Repo) {
    /// println!("connected to {}", repo.name());
    /// # }
    /// ```
    pub fn name(&self) -> &'static str {
        self.engine().name()
    }

    /// The SQL text and parameters this Repo would run for `query`: its rendering in the
    /// Repo's dialect. Nothing touches the database.
    ///
    /// ```
    /// # async fn example(repo: &recto_adapters::repo::Repo, query: recto_core::Query) -> Result<(), recto_core::Error> {
    /// use recto_adapters::ToSql;
    ///
    /// let sql = repo.to_sql(&query)?;
    /// println!("{} -- {:?}", sql.text, sql.params);
    /// # Ok(()) }
    /// ```
    pub fn to_sql<Q: ToSql + ?Sized>(&self, query: &Q) -> Result<Sql, Error> {
        match self.engine() {
            Engine::Postgres => query.to_sql(crate::Postgres),
            Engine::MySql => query.to_sql(crate::MySql),
            Engine::Sqlite => query.to_sql(crate::Sqlite),
        }
    }

    /// Every row of `query`, decoded into `R`: the type its `select:` gives (or its root
    /// schema without one) where the query's type knows it, so that it needs no annotation,
    /// and the type the caller names otherwise (see [`Decodes`]).
    ///
    /// ```
    /// # async fn example(repo: &recto_adapters::repo::Repo, query: recto_core::Query) -> Result<(), recto_core::Error> {
    /// // `query` is built at run time, so its rows are named here.
    /// let rows: Vec<(i64, String)> = repo.all(&query).await?;
    /// # Ok(()) }
    /// ```
    pub async fn all<R: Send + Unpin>(
        &self,
        query: impl Queryable + Decodes<R>,
    ) -> Result<Vec<R>, Error> {
        let decode = decoder(&query);
        let (text, params) = self.shared_sql(&query.into_query())?;
        self.fetch_all(Text::Shared(text), Cow::Owned(params), decode)
            .await
    }

    /// The one row of `query`: [`Error::NoRows`] if there is none, [`Error::TooManyRows`]
    /// if there are more.
    ///
    /// ```
    /// # async fn example(repo: &recto_adapters::repo::Repo, query: recto_core::Query) -> Result<(), recto_core::Error> {
    /// // `query` is built at run time, so its row is named here.
    /// let name: String = repo.one(&query).await?;
    /// # Ok(()) }
    /// ```
    pub async fn one<R>(&self, query: impl Queryable + Decodes<R>) -> Result<R, Error> {
        self.optional(query).await?.ok_or(Error::NoRows)
    }

    /// The row of `query` if there is one, `None` if there is none, and
    /// [`Error::TooManyRows`] if there are more.
    ///
    /// ```
    /// # async fn example(repo: &recto_adapters::repo::Repo, query: recto_core::Query) -> Result<(), recto_core::Error> {
    /// // `query` is built at run time, so its row is named here.
    /// let found: Option<i64> = repo.optional(&query).await?;
    /// # Ok(()) }
    /// ```
    pub async fn optional<R>(
        &self,
        query: impl Queryable + Decodes<R>,
    ) -> Result<Option<R>, Error> {
        let decode = decoder(&query);
        let (text, params) = self.shared_sql(&query.into_query())?;
        self.fetch_optional(Text::Shared(text), Cow::Owned(params), decode)
            .await
    }

    /// Closes every connection of the pool (shared with the Repo's clones) and waits until
    /// they are closed; later calls fail with [`Error::Database`]. An in-memory SQLite
    /// database is gone afterwards.
    ///
    /// ```
    /// # async fn example(repo: recto_adapters::repo::Repo) {
    /// repo.close().await;
    /// # }
    /// ```
    pub async fn close(&self) {
        on_pool!(self, |pool, _bind, _row| pool.close().await)
    }
}

/// The driver's error, boxed into recto's.
/// How `query`'s rows decode into `R`.
fn decoder<Q: Decodes<R>, R>(_query: &Q) -> run::Decode<R> {
    Q::decode
}

fn database(e: sqlx::Error) -> Error {
    Error::Database(Box::new(e))
}
