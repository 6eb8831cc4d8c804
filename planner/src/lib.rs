//! recto-planner: turns a [`Query`](recto_core::Query) into a [`Planned`] query — bindings
//! resolved, fields checked, `select: u` expanded. It knows no SQL.
#![warn(missing_docs)]

use recto_core::{Error, QueryData};

/// A query ready to print. (Skeleton: filled in by the planner.)
#[derive(Debug)]
pub struct Planned {}

/// Plans a query.
pub fn plan(_query: &QueryData) -> Result<Planned, Error> {
    Err(Error::Unsupported { feature: "planning", dialect: "any" })
}
