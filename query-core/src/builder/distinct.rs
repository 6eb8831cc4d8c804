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
}

/// Sets the distinct clause.
pub fn apply<S>(mut query: Query<S>, clause: Distinct) -> Query<S> {
    query.data_mut().distinct = Some(clause);
    query
}

impl<S> Query<S> {
    /// `distinct: true`.
    #[track_caller]
    pub fn distinct(self, distinct: bool) -> Self {
        apply(
            self,
            Distinct {
                distinct,
                at: Location::caller(),
            },
        )
    }
}
