//! Rows decoded by sqlx's `FromRow`: a struct literal select (`select: Summary { id: u.id,
//! n: count() }`) names its columns after the struct's fields, and a
//! `#[derive(sqlx::FromRow)]` struct reads them by name.
//!
//! A Repo picks its engine at run time (from the URL), so the struct must be `FromRow` for
//! the row of every engine compiled in. [`SqlxRow`] collects one `FromRow` bound per enabled
//! feature through three helper traits that are empty (and hold for every type) when their
//! feature is off. Nobody implements these traits by hand.

/// A `#[derive(sqlx::FromRow)]` struct (or any `FromRow` type) that decodes from the row of
/// every engine compiled in: `PgRow` (feature `postgres`), `MySqlRow` (feature `mysql`) and
/// `SqliteRow` (feature `sqlite`).
///
/// ```
/// use recto_adapters::row::SqlxRow;
///
/// #[derive(sqlx::FromRow)]
/// struct Summary {
///     id: i64,
///     n: i64,
/// }
///
/// fn decodable<R: SqlxRow>() {}
/// decodable::<Summary>();
/// ```
pub trait SqlxRow: Send + Unpin + FromPgRecord + FromMySqlRecord + FromSqliteRecord {}

impl<T> SqlxRow for T where T: Send + Unpin + FromPgRecord + FromMySqlRecord + FromSqliteRecord {}

/// Decodable from a PostgreSQL row (a part of [`SqlxRow`]; every type when the
/// `postgres` feature is off).
#[cfg(feature = "postgres")]
pub trait FromPgRecord: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> {}
#[cfg(feature = "postgres")]
impl<T> FromPgRecord for T where T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> {}
/// Decodable from a PostgreSQL row (a part of [`SqlxRow`]; every type when the
/// `postgres` feature is off).
#[cfg(not(feature = "postgres"))]
pub trait FromPgRecord {}
#[cfg(not(feature = "postgres"))]
impl<T> FromPgRecord for T {}

/// Decodable from a MySQL row (a part of [`SqlxRow`]; every type when the `mysql`
/// feature is off).
#[cfg(feature = "mysql")]
pub trait FromMySqlRecord: for<'r> sqlx::FromRow<'r, sqlx::mysql::MySqlRow> {}
#[cfg(feature = "mysql")]
impl<T> FromMySqlRecord for T where T: for<'r> sqlx::FromRow<'r, sqlx::mysql::MySqlRow> {}
/// Decodable from a MySQL row (a part of [`SqlxRow`]; every type when the `mysql`
/// feature is off).
#[cfg(not(feature = "mysql"))]
pub trait FromMySqlRecord {}
#[cfg(not(feature = "mysql"))]
impl<T> FromMySqlRecord for T {}

/// Decodable from a SQLite row (a part of [`SqlxRow`]; every type when the `sqlite`
/// feature is off).
#[cfg(feature = "sqlite")]
pub trait FromSqliteRecord: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> {}
#[cfg(feature = "sqlite")]
impl<T> FromSqliteRecord for T where T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> {}
/// Decodable from a SQLite row (a part of [`SqlxRow`]; every type when the `sqlite`
/// feature is off).
#[cfg(not(feature = "sqlite"))]
pub trait FromSqliteRecord {}
#[cfg(not(feature = "sqlite"))]
impl<T> FromSqliteRecord for T {}

/// A `sqlx::FromRow` type as a row of a query whose row type the caller names (a query
/// built at run time, raw SQL): its columns are read by name, as sqlx reads them.
///
/// A struct literal select (`select: Summary { id: u.id }`) needs no wrapper: its rows
/// decode as `Summary` directly.
///
/// ```
/// # #[cfg(feature = "sqlite")]
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), recto_core::Error> {
/// use recto_adapters::repo::{RawSql, Repo};
/// use recto_adapters::row::ByName;
///
/// #[derive(Debug, PartialEq, sqlx::FromRow)]
/// struct Answer {
///     n: i64,
///     word: String,
/// }
///
/// let repo = Repo::sqlite_memory().await?;
/// let sql = RawSql::new("SELECT 'yes' AS word, 42 AS n");
/// let ByName(answer) = repo.one_sql::<ByName<Answer>>(&sql).await?;
/// assert_eq!(answer, Answer { n: 42, word: "yes".to_owned() });
/// # Ok(()) }
/// # #[cfg(not(feature = "sqlite"))] fn main() {}
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByName<T>(pub T);

impl<T: NamedRow> super::FromRecord for ByName<T> {
    fn from_record(record: &mut super::Record<'_>) -> Result<Self, recto_core::Error> {
        T::from_named(record).map(ByName)
    }
}

/// A struct whose fields are read from a row's columns by name: what a struct literal select
/// (`select: Summary { id: u.id, n: count() }`) decodes into. Either a
/// `#[derive(sqlx::FromRow)]` struct (sqlx reads it), or a `#[derive(recto::Row)]` one,
/// whose fields may also be whole schemas (`Membership { user: u, org: o }`, `o` left-joined
/// as an `Option<Org>`), each read from the columns starting at the one named after it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from a row by its fields' names",
    label = "not a row struct",
    note = "derive `recto::Row` on it (or `sqlx::FromRow`, whose fields cannot be whole bindings)"
)]
pub trait NamedRow: Sized + Send + Unpin {
    /// Reads the struct from `record`'s columns.
    fn from_named(record: &mut super::Record<'_>) -> Result<Self, recto_core::Error>;
}

impl<T: SqlxRow> NamedRow for T {
    fn from_named(record: &mut super::Record<'_>) -> Result<Self, recto_core::Error> {
        record.sqlx_row()
    }
}
