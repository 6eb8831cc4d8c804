//! The steps of a JSON path ([`PathStep`]) and what the path returns ([`JsonAs`]): the
//! data of [`Expr::JsonPath`](crate::Expr::JsonPath). How a path is spelled in SQL is the
//! adapters' business.

use serde::{Deserialize, Serialize};

use crate::Name;

/// One step of an [`Expr::JsonPath`](crate::Expr::JsonPath).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum PathStep {
    /// The value of an object's key (any text: it is never spliced into SQL).
    Key(Name),
    /// The element of an array at a 0-based position. A negative position is a planner
    /// error: the engines count from the end each in its own way.
    Index(i64),
}

/// What an [`Expr::JsonPath`](crate::Expr::JsonPath) returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum JsonAs {
    /// The value as a JSON document (`serde_json::Value`): JSON's `null` there is the
    /// document `null`, a missing value SQL's NULL.
    Json,
    /// The text of a JSON string (`String`); SQL's NULL where the value is anything else
    /// (a number, a boolean, `null`, an array or an object) or missing.
    Text,
}
