//! The raw path of the [`Repo`]: statements that are not queries — SQL that recto rendered
//! (a [`Sql`]), hand-written SQL with parameters (a [`RawSql`]), and trusted set-up scripts
//! without parameters ([`Repo::execute`]).
//!
//! [`Repo::all`] and friends render a query and come here; tests and tools that hold SQL
//! text of their own (fixtures, hand-written statements) call these methods directly. Text
//! reaches the engine only from recto's renderers or through [`TrustedSql`]: a string
//! literal, or run-time text the caller wrapped in [`sqlx::AssertSqlSafe`]. Hand-written
//! SQL writes its parameters `$1`, `$2`, ... on every engine, renumbered here for the one
//! that runs it (see `placeholders.rs`).

use std::borrow::Cow;

use recto_core::{Error, ToValue, Value};
use sqlx::SqlStr;

use super::{Engine, FromRecord, Pool, Repo, database, placeholders};
use crate::Sql;

/// Hand-written SQL with bound parameters, portable across engines: the text is trusted
/// ([`TrustedSql`]: a literal or an explicit [`sqlx::AssertSqlSafe`]) and writes each
/// parameter as `$1`, `$2`, ... whatever the engine. The [`Repo`] rewrites them into the
/// engine's placeholders when it runs the statement (`?` in order on MySQL and SQLite,
/// binding a value again where its `$n` repeats), skipping string literals, quoted
/// identifiers and comments. A `$n` that names no parameter, a parameter no `$n` uses, or
/// a `?` where the engine would read a placeholder is [`Error::InvalidRawSql`].
///
/// ```
/// # #[cfg(feature = "sqlite")]
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), recto_core::Error> {
/// use recto_adapters::repo::{RawSql, Repo};
///
/// let repo = Repo::sqlite_memory().await?;
/// let sql = RawSql::new("SELECT $1 + 1, $2, $1 || '$1'").bind(41_i64).bind("it's");
/// let rows: Vec<(i64, String, String)> = repo.all_sql(&sql).await?;
/// assert_eq!(rows, vec![(42, "it's".to_owned(), "41$1".to_owned())]);
/// # Ok(()) }
/// # #[cfg(not(feature = "sqlite"))] fn main() {}
/// ```
#[derive(Clone, Debug)]
pub struct RawSql {
    text: SqlStr,
    params: Vec<Value>,
}

impl RawSql {
    /// Trusted text with no parameters yet.
    pub fn new(text: impl TrustedSql) -> RawSql {
        RawSql {
            text: text.into_sql_str(),
            params: Vec::new(),
        }
    }

    /// Binds the next parameter: the first `bind` is `$1`.
    pub fn bind(mut self, value: impl ToValue) -> RawSql {
        self.params.push(value.to_value());
        self
    }

    /// Binds a list of parameters after those already bound.
    pub fn bind_all(mut self, values: impl IntoIterator<Item = Value>) -> RawSql {
        self.params.extend(values);
        self
    }

    /// The text as written, with its `$n` placeholders.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// The parameters: the `n`th is `$n`.
    pub fn params(&self) -> &[Value] {
        &self.params
    }
}

/// A statement the raw methods of the [`Repo`] run: SQL recto rendered for this engine
/// ([`Sql`], which only recto's renderers build), or hand-written [`RawSql`]. Sealed: a
/// `String` is not one.
pub trait Statement: sealed::Sealed {
    /// The text and parameters as `engine` takes them.
    #[doc(hidden)]
    fn prepare(&self, engine: Engine) -> Result<(Cow<'_, str>, Cow<'_, [Value]>), Error>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Sql {}
    impl Sealed for super::RawSql {}
    impl<T: Sealed + ?Sized> Sealed for &T {}
}

impl Statement for Sql {
    /// Rendered for this engine already: its placeholders are the engine's own.
    fn prepare(&self, _engine: Engine) -> Result<(Cow<'_, str>, Cow<'_, [Value]>), Error> {
        Ok((Cow::Borrowed(&self.text), Cow::Borrowed(&self.params)))
    }
}

impl Statement for RawSql {
    /// A decimal parameter on SQLite is [`Error::Unsupported`]: it would bind as its own
    /// mantissa (`1.5` as `15`), which is the column's scaled integer only by chance; raw SQL
    /// binds the scaled integer itself (`value × 10^scale` of the column).
    fn prepare(&self, engine: Engine) -> Result<(Cow<'_, str>, Cow<'_, [Value]>), Error> {
        #[cfg(feature = "decimal")]
        if engine == Engine::Sqlite && self.params.iter().any(is_decimal) {
            return Err(Error::Unsupported {
                feature: "a decimal parameter in raw SQL (bind the column's scaled integer)",
                dialect: "SQLite",
            });
        }
        placeholders::renumber(self.text.as_str(), &self.params, engine)
    }
}

/// Whether `value` is a decimal, a NULL decimal or a list of decimals.
#[cfg(feature = "decimal")]
fn is_decimal(value: &Value) -> bool {
    match value {
        Value::Array(list) => list.elem_ty() == recto_core::Ty::Decimal,
        other => other.ty() == recto_core::Ty::Decimal,
    }
}

impl<T: Statement + ?Sized> Statement for &T {
    fn prepare(&self, engine: Engine) -> Result<(Cow<'_, str>, Cow<'_, [Value]>), Error> {
        (**self).prepare(engine)
    }
}

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
    /// Every row of a statement, decoded into `R`: SQL recto rendered ([`Sql`]) or
    /// hand-written [`RawSql`].
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::repo::{RawSql, Repo};
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// let sql = RawSql::new("SELECT $1 + 1, $2").bind(41_i64).bind("it's");
    /// let rows: Vec<(i64, String)> = repo.all_sql(&sql).await?;
    /// assert_eq!(rows, vec![(42, "it's".to_owned())]);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn all_sql<R: FromRecord>(&self, sql: impl Statement) -> Result<Vec<R>, Error> {
        let (text, params) = sql.prepare(self.engine())?;
        self.fetch_all(text.into(), params, R::from_record).await
    }

    /// The one row of a statement: [`Error::NoRows`] if there is none,
    /// [`Error::TooManyRows`] (with the count) if there are more.
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::repo::{RawSql, Repo};
    /// use recto_core::Error;
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// let none = RawSql::new("SELECT 1 WHERE 1 = 0");
    /// assert!(matches!(repo.one_sql::<(i64,)>(&none).await, Err(Error::NoRows)));
    /// let two = RawSql::new("SELECT 1 UNION ALL SELECT 2");
    /// assert!(matches!(repo.one_sql::<(i64,)>(&two).await, Err(Error::TooManyRows { count: 2 })));
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn one_sql<R: FromRecord>(&self, sql: impl Statement) -> Result<R, Error> {
        self.optional_sql(sql).await?.ok_or(Error::NoRows)
    }

    /// The row of a statement if there is one, `None` if there is none, and
    /// [`Error::TooManyRows`] if there are more.
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::repo::{RawSql, Repo};
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// let sql = RawSql::new("SELECT 'x' WHERE 1 = $1").bind(0_i64);
    /// assert_eq!(repo.optional_sql::<(String,)>(&sql).await?, None);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn optional_sql<R: FromRecord>(
        &self,
        sql: impl Statement,
    ) -> Result<Option<R>, Error> {
        let (text, params) = sql.prepare(self.engine())?;
        self.fetch_optional(text.into(), params, R::from_record)
            .await
    }

    /// Runs a statement that returns no rows (an `INSERT`, `UPDATE`, `DELETE` with bound
    /// parameters) and returns how many rows it affected.
    ///
    /// ```
    /// # #[cfg(feature = "sqlite")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), recto_core::Error> {
    /// use recto_adapters::repo::{RawSql, Repo};
    /// use recto_core::{Ty, Value};
    ///
    /// let repo = Repo::sqlite_memory().await?;
    /// repo.execute("CREATE TABLE users (name TEXT, email TEXT)").await?;
    /// let insert = RawSql::new("INSERT INTO users (name, email) VALUES ($1, $2)")
    ///     .bind("Ada")
    ///     .bind_all([Value::Null(Ty::Text)]);
    /// assert_eq!(repo.execute_sql(&insert).await?, 1);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sqlite"))] fn main() {}
    /// ```
    pub async fn execute_sql(&self, sql: impl Statement) -> Result<u64, Error> {
        let (text, params) = sql.prepare(self.engine())?;
        self.fetch_none(text.into(), params).await
    }

    /// Runs trusted SQL without parameters — schema set-up, fixtures, migrations — and
    /// returns how many rows it affected. The text may hold several statements separated
    /// by `;` and is sent as is (no prepared statement).
    ///
    /// **For trusted SQL only**: setup scripts written by the program's authors. Never
    /// build its text from user input; use a query (or [`Repo::execute_sql`] with a
    /// [`RawSql`] and bound parameters) for anything that carries values. A string literal passes as is; text
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
        on_pool!(self, |pool, _bind, _row| {
            let done = sqlx::raw_sql(sql).execute(pool).await.map_err(database)?;
            Ok(done.rows_affected())
        })
    }
}
