//! The bound a row type needs to come out of a [`Repo`](super::Repo): sqlx's `FromRow` for
//! the row type of every engine compiled in.
//!
//! A Repo picks its engine at run time (from the URL), so a call like `repo.all::<R>(q)`
//! must be able to decode `R` from whichever engine answers. [`FromRecord`] collects one
//! `FromRow` bound per enabled feature through three helper traits that are empty (and hold
//! for every type) when their feature is off. Nobody implements these traits by hand: the
//! blanket impls cover tuples of decodable values and `#[derive(sqlx::FromRow)]` structs.

/// A row type a [`Repo`](super::Repo) can decode on every engine compiled in: tuples such as
/// `(i64, String)` and structs that `#[derive(sqlx::FromRow)]`.
///
/// It is implemented for every `Send + Unpin` type that is `sqlx::FromRow` for
/// `PgRow` (feature `postgres`), `MySqlRow` (feature `mysql`) and `SqliteRow` (feature
/// `sqlite`).
///
/// ```
/// use recto_adapters::repo::FromRecord;
///
/// #[derive(sqlx::FromRow)]
/// struct User {
///     id: i64,
///     name: String,
///     email: Option<String>,
/// }
///
/// fn decodable<R: FromRecord>() {}
/// decodable::<User>();
/// decodable::<(i64, String, Option<f64>)>();
/// ```
pub trait FromRecord: Send + Unpin + FromPgRecord + FromMySqlRecord + FromSqliteRecord {}

impl<T> FromRecord for T where T: Send + Unpin + FromPgRecord + FromMySqlRecord + FromSqliteRecord {}

/// Decodable from a PostgreSQL row (a part of [`FromRecord`]; every type when the
/// `postgres` feature is off).
#[cfg(feature = "postgres")]
pub trait FromPgRecord: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> {}
#[cfg(feature = "postgres")]
impl<T> FromPgRecord for T where T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> {}
/// Decodable from a PostgreSQL row (a part of [`FromRecord`]; every type when the
/// `postgres` feature is off).
#[cfg(not(feature = "postgres"))]
pub trait FromPgRecord {}
#[cfg(not(feature = "postgres"))]
impl<T> FromPgRecord for T {}

/// Decodable from a MySQL row (a part of [`FromRecord`]; every type when the `mysql`
/// feature is off).
#[cfg(feature = "mysql")]
pub trait FromMySqlRecord: for<'r> sqlx::FromRow<'r, sqlx::mysql::MySqlRow> {}
#[cfg(feature = "mysql")]
impl<T> FromMySqlRecord for T where T: for<'r> sqlx::FromRow<'r, sqlx::mysql::MySqlRow> {}
/// Decodable from a MySQL row (a part of [`FromRecord`]; every type when the `mysql`
/// feature is off).
#[cfg(not(feature = "mysql"))]
pub trait FromMySqlRecord {}
#[cfg(not(feature = "mysql"))]
impl<T> FromMySqlRecord for T {}

/// Decodable from a SQLite row (a part of [`FromRecord`]; every type when the `sqlite`
/// feature is off).
#[cfg(feature = "sqlite")]
pub trait FromSqliteRecord: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> {}
#[cfg(feature = "sqlite")]
impl<T> FromSqliteRecord for T where T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> {}
/// Decodable from a SQLite row (a part of [`FromRecord`]; every type when the `sqlite`
/// feature is off).
#[cfg(not(feature = "sqlite"))]
pub trait FromSqliteRecord {}
#[cfg(not(feature = "sqlite"))]
impl<T> FromSqliteRecord for T {}
