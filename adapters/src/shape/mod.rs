//! Shared SQL text for the Repo: a query's text as an `Arc<str>` that the Repo hands to
//! sqlx without copying it, with the query's parameters.
//!
//! This version renders on every call and converts the text once; the shape cache replaces
//! it with a lookup that returns the cached text of the query's shape. It knows nothing of
//! databases.

// Only the Repo calls it, and the Repo is compiled only with a driver's feature.
#![cfg_attr(
    not(any(feature = "sqlite", feature = "postgres", feature = "mysql")),
    allow(dead_code)
)]

use std::sync::Arc;

use recto_core::{Error, QueryData, Value};

use crate::{Dialect, ToSql};

/// The SQL text of `query` in `dialect`, shared, and its parameters in placeholder order.
pub(crate) fn shared_sql<D: Dialect>(
    query: &QueryData,
    dialect: D,
) -> Result<(Arc<str>, Vec<Value>), Error> {
    let sql = query.to_sql(dialect)?;
    Ok((Arc::from(sql.text), sql.params))
}
