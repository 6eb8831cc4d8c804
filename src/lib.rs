//! recto: Ecto's composable query language, in Rust.
//!
//! Write queries with [`from!`], compose them across modules as plain [`Query`] values,
//! render them for PostgreSQL, MySQL and SQLite with [`ToSql::to_sql`], or run them through
//! [`Repo`].
//! A query received from outside the program is read with [`Catalog::query_from_json`],
//! never with the plain `Deserialize` impl, which trusts the payload.
//!
//! ```
//! use recto::prelude::*;
//!
//! #[derive(Schema)]
//! #[recto(table = "users")]
//! pub struct User {
//!     #[recto(primary_key)]
//!     pub id: i64,
//!     pub name: String,
//!     pub age: i32,
//! }
//!
//! let min = 18;
//! let q = from!(u in User, where: u.age >= ^min, order_by: [desc: u.age], select: (u.id, u.name));
//! let sql = q.to_sql(Postgres).unwrap();
//! assert_eq!(
//!     sql.text,
//!     r#"SELECT u0."id", u0."name" FROM "users" AS u0 WHERE (u0."age" >= $1) ORDER BY u0."age" DESC"#
//! );
//! assert_eq!(sql.params, vec![recto::Value::I32(18)]);
//! ```

#![warn(missing_docs)]

pub use recto_adapters::ddl;
#[cfg(any(feature = "sqlite", feature = "postgres", feature = "mysql"))]
pub use recto_adapters::repo::{Engine, Pool, RawSql, Repo, Statement, TrustedSql};
pub use recto_adapters::row::FromRecord;
pub use recto_adapters::{Dialect, IntoSql, MySql, Postgres, Sql, Sqlite, ToSql, render_uncached};
pub use recto_core::{
    AggFunc, Array, BinOp, BindingRef, BoolClause, BoolOp, Clause, Column, Combination, Cte,
    DatePart, Direction, Distinct, Dynamic, Erased, ErasedFields, Error, Expr, FieldMeta,
    FragmentPart, From, Func, GroupBy, Join, JoinKind, JsonAs, LimitOffset, Location, Name,
    OrderBy, OrderTerm, Param, PathStep, Query, QueryData, Queryable, Schema, SchemaMeta, Select,
    SelectClause, Selected, SetOp, Source, SubqueryTest, TemplateRef, ToList, ToValue, Ty, UnOp,
    Unit, Value, Values, ValuesRow, WithCtes, except, except_all, exclude, intersect,
    intersect_all, union, union_all, values,
};
pub use recto_core::{Catalog, Limit, Limits, MAX_EXPR_DEPTH, MAX_NESTING};
pub use recto_core::{columns, schema, value};

/// Rows: the row type a query carries and how a returned row decodes into it (see
/// `recto_core::row` and `recto_adapters::row`).
pub mod row {
    pub use recto_adapters::row::*;
    pub use recto_core::row::*;
}
pub use recto_macros::{Row, Schema, dynamic, from};
pub use recto_planner::{Planned, plan};

/// The chrono version recto's dates and timestamps are: `NaiveDate` binds and decodes as a
/// `DATE`, `NaiveDateTime` as a `TIMESTAMP` (`DATETIME` on MySQL, ISO-8601 text on SQLite).
pub use chrono;
#[doc(hidden)]
pub use recto_core::dsl;
/// The rust_decimal version recto's exact decimal columns and parameters are (the `decimal`
/// feature): `NUMERIC(p, s)` on PostgreSQL, `DECIMAL(p, s)` on MySQL, the integer `value ×
/// 10^scale` on SQLite (see docs/dialects.md for its bound).
#[cfg(feature = "decimal")]
pub use rust_decimal;
/// The serde_json version recto's JSON columns and parameters are (the `json` feature):
/// `serde_json::Value` documents, `JSONB` on PostgreSQL, `JSON` on MySQL, text on SQLite.
#[cfg(feature = "json")]
pub use serde_json;
/// The sqlx version recto runs on, for `sqlx::FromRow` derives and direct pool access.
pub use sqlx;
/// The uuid version recto's `Uuid` columns and parameters are (the `uuid` feature): `UUID`
/// on PostgreSQL, its 16 bytes (`BINARY(16)`, `BLOB`) on MySQL and SQLite.
#[cfg(feature = "uuid")]
pub use uuid;

/// Everything a query-writing module needs: `use recto::prelude::*;`.
pub mod prelude {
    #[cfg(any(feature = "sqlite", feature = "postgres", feature = "mysql"))]
    pub use crate::Repo;
    pub use crate::{Dynamic, MySql, Postgres, Query, Row, Schema, Sqlite, ToSql, dynamic, from};
}

/// The README's example, compiled and run as a doctest so it cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
