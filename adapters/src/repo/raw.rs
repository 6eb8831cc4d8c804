//! The raw path of the [`Repo`]: SQL that is already rendered (a [`Sql`] with its
//! parameters), and trusted set-up scripts without parameters.
//!
//! [`Repo::all`] and friends render a query and come here; tests and tools that hold SQL
//! text of their own (fixtures, hand-written statements) call these methods directly. This
//! module binds and runs; it never looks inside the SQL text.

use recto_core::Error;
use sqlx::{Database, Executor, IntoArguments, SqlStr};

use super::{FromRecord, Pool, Repo, bind, database};
use crate::Sql;

/// SQL text that the program's authors wrote and vouch for, which [`Repo::execute`] sends
/// as is: a string literal (`&'static str`, also through a reference, as when iterating a
/// `const` list of statements), or text built at run time that the caller wrapped in
/// [`sqlx::AssertSqlSafe`] — a visible promise at the call site that no user input is in it.
///
/// A plain `String` is deliberately not accepted.
///
/// ```
/// use recto_adapters::repo::TrustedSql;
///
/// fn trusted(_: impl TrustedSql) {}
///
/// const FIXTURE: &[&str] = &["CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (1)"];
/// for statement in FIXTURE {
///     trusted(statement);
/// }
/// trusted("DROP TABLE t");
/// let suffix = std::process::id();
/// trusted(sqlx::AssertSqlSafe(format!("CREATE TABLE t_{suffix} (x INTEGER)")));
/// ```
///
/// ```compile_fail
/// # fn trusted(_: impl recto_adapters::repo::TrustedSql) {}
/// let name = String::from("users; DROP TABLE users");
/// trusted(format!("SELECT * FROM {name}")); // a run-time string needs `AssertSqlSafe`
/// ```
pub trait TrustedSql {
    /// The text, as sqlx takes it.
    fn into_sql_str(self) -> SqlStr;
}

impl TrustedSql for &'static str {
    fn into_sql_str(self) -> SqlStr {
        sqlx::SqlSafeStr::into_sql_str(self)
    }
}

impl TrustedSql for &&'static str {
    fn into_sql_str(self) -> SqlStr {
        sqlx::SqlSafeStr::into_sql_str(*self)
    }
}

impl TrustedSql for sqlx::AssertSqlSafe<String> {
    fn into_sql_str(self) -> SqlStr {
        sqlx::SqlSafeStr::into_sql_str(self)
    }
}

impl TrustedSql for sqlx::AssertSqlSafe<&str> {
    fn into_sql_str(self) -> SqlStr {
        sqlx::SqlSafeStr::into_sql_str(self)
    }
}

impl TrustedSql for SqlStr {
    fn into_sql_str(self) -> SqlStr {
        self
    }
}

impl Repo {
    /// Every row of already-rendered SQL, decoded into `R`. The text must use this engine's
    /// placeholders (`$1` on PostgreSQL, `?` elsewhere), one per parameter.
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::Sql;
    /// use recto_adapters::repo::Repo;
    /// use recto_core::Value;
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// let sql = Sql { text: "SELECT ? + 1, ?".into(), params: vec![Value::I64(41), Value::Text("it's".into())] };
    /// let rows: Vec<(i64, String)> = repo.all_sql(&sql).await?;
    /// assert_eq!(rows, vec![(42, "it's".to_owned())]);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn all_sql<R: FromRecord>(&self, sql: &Sql) -> Result<Vec<R>, Error> {
        on_pool!(self, |pool, bind| {
            let args = bind(&sql.params)?;
            sqlx::query_as_with::<_, R, _>(self.statement(sql), args)
                .fetch_all(pool)
                .await
                .map_err(database)
        })
    }

    /// The one row of already-rendered SQL: [`Error::NoRows`] if there is none,
    /// [`Error::TooManyRows`] (with the count) if there are more.
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::Sql;
    /// use recto_adapters::repo::Repo;
    /// use recto_core::Error;
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// let none = Sql { text: "SELECT 1 WHERE 1 = 0".into(), params: vec![] };
    /// assert!(matches!(repo.one_sql::<(i64,)>(&none).await, Err(Error::NoRows)));
    /// let two = Sql { text: "SELECT 1 UNION ALL SELECT 2".into(), params: vec![] };
    /// assert!(matches!(repo.one_sql::<(i64,)>(&two).await, Err(Error::TooManyRows { count: 2 })));
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn one_sql<R: FromRecord>(&self, sql: &Sql) -> Result<R, Error> {
        self.optional_sql(sql).await?.ok_or(Error::NoRows)
    }

    /// The row of already-rendered SQL if there is one, `None` if there is none, and
    /// [`Error::TooManyRows`] if there are more.
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::Sql;
    /// use recto_adapters::repo::Repo;
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// let sql = Sql { text: "SELECT 'x' WHERE 1 = 0".into(), params: vec![] };
    /// assert_eq!(repo.optional_sql::<(String,)>(&sql).await?, None);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn optional_sql<R: FromRecord>(&self, sql: &Sql) -> Result<Option<R>, Error> {
        on_pool!(self, |pool, bind| {
            let args = bind(&sql.params)?;
            let rows = fetch_rows(pool, self.statement(sql), args).await?;
            match rows.as_slice() {
                [] => Ok(None),
                // Only the one row that is returned is decoded.
                [row] => R::from_row(row).map(Some).map_err(database),
                _ => Err(Error::TooManyRows { count: rows.len() }),
            }
        })
    }

    /// Runs already-rendered SQL that returns no rows (an `INSERT`, `UPDATE`, `DELETE` with
    /// bound parameters) and returns how many rows it affected.
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::Sql;
    /// use recto_adapters::repo::Repo;
    /// use recto_core::{Ty, Value};
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// repo.execute("CREATE TABLE users (name TEXT, email TEXT)").await?;
    /// let insert = Sql {
    ///     text: "INSERT INTO users (name, email) VALUES (?, ?)".into(),
    ///     params: vec![Value::Text("Ada".into()), Value::Null(Ty::Text)],
    /// };
    /// assert_eq!(repo.execute_sql(&insert).await?, 1);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn execute_sql(&self, sql: &Sql) -> Result<u64, Error> {
        on_pool!(self, |pool, bind| {
            let args = bind(&sql.params)?;
            let done = sqlx::query_with(self.statement(sql), args)
                .execute(pool)
                .await
                .map_err(database)?;
            Ok(done.rows_affected())
        })
    }

    /// Runs trusted SQL without parameters — schema set-up, fixtures, migrations — and
    /// returns how many rows it affected. The text may hold several statements separated
    /// by `;` and is sent as is (no prepared statement).
    ///
    /// **For trusted SQL only**: setup scripts written by the program's authors. Never
    /// build its text from user input; use a query (or [`Repo::execute_sql`] with bound
    /// parameters) for anything that carries values. A string literal passes as is; text
    /// built at run time must be wrapped in [`sqlx::AssertSqlSafe`] (see [`TrustedSql`]).
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::repo::Repo;
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// repo.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT)").await?;
    /// let table = format!("posts_{}", 7);
    /// repo.execute(sqlx::AssertSqlSafe(format!("CREATE TABLE {table} (id INTEGER)"))).await?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn execute(&self, sql: impl TrustedSql) -> Result<u64, Error> {
        let sql = sql.into_sql_str();
        on_pool!(self, |pool, _bind| {
            let done = sqlx::raw_sql(sql).execute(pool).await.map_err(database)?;
            Ok(done.rows_affected())
        })
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
