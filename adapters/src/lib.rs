//! recto-adapters: prints planned queries as SQL for each dialect, and runs them through sqlx.
#![warn(missing_docs)]

use recto_core::{Error, Query, Value};

#[cfg(any(feature = "sqlite", feature = "postgres", feature = "mysql"))]
pub mod repo;

/// SQL text and its parameters, in placeholder order.
#[derive(Clone, Debug, PartialEq)]
pub struct Sql {
    /// The SQL text.
    pub text: String,
    /// The bound parameters.
    pub params: Vec<Value>,
}

/// An SQL dialect. (Skeleton.)
pub trait Dialect {
    /// The dialect's name.
    fn name(&self) -> &'static str;
}

/// PostgreSQL.
#[derive(Clone, Copy, Debug, Default)]
pub struct Postgres;
/// MySQL and MariaDB.
#[derive(Clone, Copy, Debug, Default)]
pub struct MySql;
/// SQLite.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sqlite;

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "PostgreSQL"
    }
}
impl Dialect for MySql {
    fn name(&self) -> &'static str {
        "MySQL"
    }
}
impl Dialect for Sqlite {
    fn name(&self) -> &'static str {
        "SQLite"
    }
}

/// Rendering a query for a dialect.
pub trait ToSql {
    /// The SQL text and parameters of this query in `dialect`.
    fn to_sql<D: Dialect>(&self, dialect: D) -> Result<Sql, Error>;
}

impl<S> ToSql for Query<S> {
    fn to_sql<D: Dialect>(&self, dialect: D) -> Result<Sql, Error> {
        let _planned = recto_planner::plan(self.data())?;
        Err(Error::Unsupported { feature: "rendering", dialect: dialect.name() })
    }
}
