//! recto-adapters: prints planned queries as SQL for each dialect, and runs them through sqlx.
//!
//! Only this crate knows SQL. The [`Dialect`] trait is the small surface each engine
//! implements (identifier quoting, placeholders, and a data description of its [`Quirks`]);
//! one shared writer ([`render`]) prints every query; `postgres/`, `mysql/` and `sqlite/` hold
//! each engine's choices, each with a link to the engine's manual. `docs/dialects.md` has the
//! table of what each dialect emits natively, emulates or rejects.
//!
//! ```
//! use recto_adapters::{MySql, Postgres, Sqlite, ToSql};
//! use recto_core::{BindingRef, Direction, Expr, OrderTerm, Query, Select, Selected, Value};
//!
//! let q = Query::table("users")
//!     .filter(Expr::Like {
//!         expr: Box::new(Expr::field(BindingRef::Index(0), "name")),
//!         pattern: Box::new(Expr::Param(Value::Text("a%".into()))),
//!         case_insensitive: true,
//!     })
//!     .order_by(vec![OrderTerm { direction: Direction::AscNullsLast, expr: Expr::field(BindingRef::Index(0), "age") }])
//!     .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "id"))));
//!
//! assert_eq!(
//!     q.to_sql(Postgres).unwrap().text,
//!     r#"SELECT u0."id" FROM "users" AS u0 WHERE (u0."name" ILIKE $1) ORDER BY u0."age" ASC NULLS LAST"#
//! );
//! assert_eq!(
//!     q.to_sql(MySql).unwrap().text,
//!     "SELECT u0.`id` FROM `users` AS u0 WHERE (lower(u0.`name`) LIKE lower(?)) \
//!      ORDER BY u0.`age` IS NULL, u0.`age` ASC"
//! );
//! assert_eq!(
//!     q.to_sql(Sqlite).unwrap().text,
//!     r#"SELECT u0."id" FROM "users" AS u0 WHERE (lower(u0."name") LIKE lower(?) ESCAPE '\') ORDER BY u0."age" ASC NULLS LAST"#
//! );
//! ```

#![warn(missing_docs)]

mod dialect;
mod mysql;
mod postgres;
mod shape;
mod sqlite;
mod writer;

pub mod ddl;
#[cfg(any(feature = "sqlite", feature = "postgres", feature = "mysql"))]
pub mod repo;
pub mod row;

use recto_core::{Error, Query, QueryData, Value};
use recto_planner::Planned;

pub use crate::dialect::{
    AggregateFilter, Avg, BooleanCoalesce, BooleanExtrema, Booleans, CastTypes, Concat,
    DateArithmetic, DateCast, DateDiff, Dates, Dialect, DistinctSorted, Extract, Extremes,
    FloatLiterals, FloatRemainder, FloatSum, FullJoin, Functions, HavingAlone, HavingGrouped,
    Ilike, ImplicitGroup, InParam, IntegerDivision, IntegerSum, JsonEquality, LikeEscape,
    MixedCoalesce, NonFiniteFloats, NullsDefault, NullsOrder, OffsetWithoutLimit, OtherExtrema,
    Placeholders, Position, Quirks, RowValues, SetOpAll, SmallBigints, Substring, Truncate,
    push_quoted,
};
pub use crate::mysql::MySql;
pub use crate::postgres::Postgres;
pub use crate::sqlite::Sqlite;
pub use crate::writer::render;

/// SQL text and its parameters, in placeholder order, as recto rendered them for one
/// dialect.
///
/// Only recto's renderers build one (`#[non_exhaustive]`), so a `Sql` the Repo runs is
/// never text assembled at run time by someone else: hand-written SQL goes through the
/// Repo's `RawSql`, whose text must be trusted.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Sql {
    /// The SQL text.
    pub text: String,
    /// The bound parameters: the `n`th is the value of the `n`th placeholder in the text.
    pub params: Vec<Value>,
}

/// Rendering a query for a dialect: plan it, then print it.
///
/// ```
/// use recto_adapters::{MySql, Postgres, Sqlite, ToSql};
/// use recto_core::{BindingRef, Expr, Query, Select, Selected};
///
/// let q = Query::table("users")
///     .filter(Expr::InParam { expr: Box::new(Expr::field(BindingRef::Index(0), "id")), list: recto_core::Array::I64(vec![1, 2, 3]) })
///     .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "name"))))
///     .offset(Expr::Lit(recto_core::Value::I32(10)));
///
/// let pg = q.to_sql(Postgres).unwrap();
/// assert_eq!(pg.text, r#"SELECT u0."name" FROM "users" AS u0 WHERE (u0."id" = ANY($1)) OFFSET 10"#);
/// assert_eq!(pg.params.len(), 1);
///
/// let my = q.to_sql(MySql).unwrap();
/// assert_eq!(my.text, "SELECT u0.`name` FROM `users` AS u0 WHERE (u0.`id` IN (?, ?, ?, ?)) LIMIT 18446744073709551615 OFFSET 10");
/// assert_eq!(my.params.len(), 4);
///
/// let lite = q.to_sql(Sqlite).unwrap();
/// assert_eq!(lite.text, r#"SELECT u0."name" FROM "users" AS u0 WHERE (u0."id" IN (?, ?, ?, ?)) LIMIT -1 OFFSET 10"#);
/// ```
pub trait ToSql {
    /// The SQL text and parameters of this query in `dialect`.
    fn to_sql<D: Dialect>(&self, dialect: D) -> Result<Sql, Error>;
}

impl<S, R> ToSql for Query<S, R> {
    fn to_sql<D: Dialect>(&self, dialect: D) -> Result<Sql, Error> {
        shape::query_to_sql(self, &dialect)
    }
}

/// Through the dialect's shape cache: a query of a shape rendered before (the same
/// structure, other parameter values) copies the text rendered then.
impl ToSql for QueryData {
    fn to_sql<D: Dialect>(&self, dialect: D) -> Result<Sql, Error> {
        shape::to_sql(self, &dialect)
    }
}

/// Rendering that consumes the query: the same SQL as [`ToSql::to_sql`], but where the
/// query is the only holder of its clauses and its shape is cached, parameter values that
/// own at least 8 KiB (a long text, byte string or list) are moved out of it instead of
/// cloned, saving their allocation and copy. Shorter values are cloned: moving costs a second
/// walk of the query, which only large values repay. A query shared with a clone renders as
/// `to_sql` does.
///
/// ```
/// use recto_adapters::{IntoSql, Postgres, ToSql};
/// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Value};
///
/// let named = |name: String| {
///     Query::table("users")
///         .filter(Expr::binary(
///             BinOp::Eq,
///             Expr::field(BindingRef::Index(0), "name"),
///             Expr::Param(Value::Text(name)),
///         ))
///         .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "id"))))
/// };
/// let first = named("Ada".into()).to_sql(Postgres).unwrap();
/// // A hit: the 10 KB text is moved into the parameters, not copied.
/// let long = "G".repeat(10_000);
/// let second = named(long.clone()).into_sql(Postgres).unwrap();
/// assert_eq!(second.text, first.text);
/// assert_eq!(second.params, [Value::Text(long)]);
/// ```
pub trait IntoSql {
    /// The SQL text and parameters of this query in `dialect`.
    fn into_sql<D: Dialect>(self, dialect: D) -> Result<Sql, Error>;
}

impl<S, R> IntoSql for Query<S, R> {
    fn into_sql<D: Dialect>(self, dialect: D) -> Result<Sql, Error> {
        shape::query_into_sql(self, &dialect)
    }
}

impl IntoSql for QueryData {
    fn into_sql<D: Dialect>(mut self, dialect: D) -> Result<Sql, Error> {
        shape::into_sql(&mut self, &dialect)
    }
}

/// Renders `query` without the shape cache: plans and prints it every time. The result is
/// always what [`ToSql::to_sql`] returns; this is for measuring the render itself.
///
/// ```
/// use recto_adapters::{MySql, Postgres, Sqlite, ToSql, render_uncached};
/// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Value};
///
/// let q = Query::table("users")
///     .filter(Expr::binary(BinOp::Eq, Expr::field(BindingRef::Index(0), "id"), Expr::Param(Value::I64(7))))
///     .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "name"))));
/// let pg = render_uncached(q.data(), &Postgres).unwrap();
/// assert_eq!(pg.text, r#"SELECT u0."name" FROM "users" AS u0 WHERE (u0."id" = $1)"#);
/// assert_eq!(render_uncached(q.data(), &MySql).unwrap().text, "SELECT u0.`name` FROM `users` AS u0 WHERE (u0.`id` = ?)");
/// assert_eq!(render_uncached(q.data(), &Sqlite).unwrap().text, r#"SELECT u0."name" FROM "users" AS u0 WHERE (u0."id" = ?)"#);
/// assert_eq!(q.to_sql(Postgres).unwrap(), pg);
/// ```
pub fn render_uncached<D: Dialect + ?Sized>(query: &QueryData, dialect: &D) -> Result<Sql, Error> {
    shape::uncached(query, dialect)
}

impl ToSql for Planned<'_> {
    fn to_sql<D: Dialect>(&self, dialect: D) -> Result<Sql, Error> {
        render(self, &dialect)
    }
}
