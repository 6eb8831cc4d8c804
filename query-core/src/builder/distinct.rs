//! `distinct: true`.

use serde::{Deserialize, Serialize};

use crate::location::Location;
use crate::query::Query;

/// The `distinct` clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Distinct {
    /// Whether rows are deduplicated.
    pub distinct: bool,
    /// Where it was written.
    pub at: Location,
    /// Where the `distinct:` it was written over was written, if the query already had one:
    /// the planner refuses the query with both locations, as Ecto raises on a second
    /// `distinct`. [`Query::exclude`] removes one on purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<Location>,
}

/// Sets the distinct clause, recording the location of one it is written over.
pub fn apply<S, R>(mut query: Query<S, R>, mut clause: Distinct) -> Query<S, R> {
    let data = query.data_mut();
    if let Some(earlier) = &data.distinct {
        clause.replaced = Some(earlier.at.clone());
    }
    data.distinct = Some(clause);
    query
}

impl<S, R> Query<S, R> {
    /// `distinct: true`.
    #[track_caller]
    pub fn distinct(self, distinct: bool) -> Self {
        apply(
            self,
            Distinct {
                distinct,
                at: Location::caller(),
                replaced: None,
            },
        )
    }
}
