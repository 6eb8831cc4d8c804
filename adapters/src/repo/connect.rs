//! Connecting: a [`Repo`] from a URL (the scheme picks the engine), a private in-memory
//! SQLite database, or an existing sqlx pool. Connection failures are reported as the
//! driver says them, at once, rather than as a pool timeout.

use recto_core::Error;

#[cfg(any(feature = "mysql", feature = "sqlite"))]
use super::engine;
use super::engine::Engine;
use super::{Pool, Repo, database};

impl Repo {
    /// Connects to the database a URL names; its scheme picks the engine: `postgres:` or
    /// `postgresql:`, `mysql:` or `mariadb:`, `sqlite:`.
    ///
    /// `sqlite::memory:` is one in-memory database shared by every use of this Repo (and its
    /// clones): the pool keeps exactly one connection open for the Repo's whole life, since
    /// the database vanishes with its last connection. A SQLite file must exist unless the
    /// URL asks for it to be created (`sqlite://app.db?mode=rwc`).
    ///
    /// An unknown scheme, or one whose feature is compiled out, is
    /// [`Error::UnsupportedUrl`]; a failure to connect is [`Error::Database`].
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::repo::Repo;
    /// use recto_core::Error;
    ///
    /// let repo = Repo::connect("sqlite::memory:").await?;
    /// assert_eq!(repo.name(), "SQLite");
    ///
    /// let err = Repo::connect("oracle://scott@localhost/orcl").await.unwrap_err();
    /// assert!(matches!(err, Error::UnsupportedUrl { scheme } if scheme == "oracle"));
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn connect(url: &str) -> Result<Repo, Error> {
        let pool = match Engine::from_url(url)? {
            #[cfg(feature = "postgres")]
            Engine::Postgres => Pool::Postgres(connect_server(url).await?),
            #[cfg(feature = "mysql")]
            Engine::MySql => Pool::MySql(connect_server(&engine::mysql_url(url)).await?),
            #[cfg(feature = "sqlite")]
            Engine::Sqlite => Pool::Sqlite(connect_sqlite(url).await?),
            // `Engine::from_url` only returns engines that are compiled in.
            #[allow(unreachable_patterns, reason = "reachable only when a feature is off")]
            other => {
                return Err(Error::UnsupportedUrl {
                    scheme: other.name().to_owned(),
                });
            }
        };
        Ok(Repo::new(pool))
    }

    /// A fresh, private in-memory SQLite database: the same as
    /// `Repo::connect("sqlite::memory:")`. Each call makes a new, empty database.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::repo::Repo;
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// repo.execute("CREATE TABLE t (x INTEGER)").await?;
    /// // The table is still there on the next call: one database for the Repo's life.
    /// assert_eq!(repo.execute("INSERT INTO t VALUES (1), (2)").await?, 2);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "sqlite")]
    pub async fn sqlite_memory() -> Result<Repo, Error> {
        Ok(Repo::new(Pool::Sqlite(
            connect_sqlite("sqlite::memory:").await?,
        )))
    }
}

#[cfg(feature = "postgres")]
impl From<sqlx::PgPool> for Repo {
    /// A Repo over an existing PostgreSQL pool.
    fn from(pool: sqlx::PgPool) -> Repo {
        Repo::new(Pool::Postgres(pool))
    }
}

#[cfg(feature = "mysql")]
impl From<sqlx::MySqlPool> for Repo {
    /// A Repo over an existing MySQL or MariaDB pool.
    fn from(pool: sqlx::MySqlPool) -> Repo {
        Repo::new(Pool::MySql(pool))
    }
}

#[cfg(feature = "sqlite")]
impl From<sqlx::SqlitePool> for Repo {
    /// A Repo over an existing SQLite pool.
    fn from(pool: sqlx::SqlitePool) -> Repo {
        Repo::new(Pool::Sqlite(pool))
    }
}

/// A pool to a database server. One connection is made outside the pool first: the pool
/// retries a refused connection until its acquire timeout (30 s) and then reports only the
/// timeout, while a direct connection fails at once and says why (refused, unknown host,
/// bad password, no such database).
#[cfg(any(feature = "postgres", feature = "mysql"))]
async fn connect_server<DB: sqlx::Database>(url: &str) -> Result<sqlx::Pool<DB>, Error> {
    use sqlx::{ConnectOptions, Connection};

    let options: <DB::Connection as Connection>::Options = url.parse().map_err(database)?;
    let probe = options.connect().await.map_err(database)?;
    // The probe did its job by connecting; a failure to say goodbye changes nothing.
    let _ = probe.close().await;
    sqlx::pool::PoolOptions::<DB>::new()
        .connect_with(options)
        .await
        .map_err(database)
}

/// A SQLite pool. An in-memory database lives only while a connection to it is open, so
/// its pool holds exactly one connection that never idles out or expires: every call of the
/// Repo sees the same database.
#[cfg(feature = "sqlite")]
async fn connect_sqlite(url: &str) -> Result<sqlx::SqlitePool, Error> {
    let options = engine::sqlite_options(url).map_err(database)?;
    let pool = if engine::is_sqlite_memory(url) {
        sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        sqlx::sqlite::SqlitePoolOptions::new()
    };
    pool.connect_with(options).await.map_err(database)
}
