//! `group_by:`.

use serde::{Deserialize, Serialize};

use crate::expr::Expr;
use crate::location::Location;
use crate::query::Query;

/// One `group_by` clause: its expressions follow those of earlier clauses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupBy {
    /// The grouping expressions.
    pub exprs: Vec<Expr>,
    /// Where it was written.
    pub at: Location,
}

/// Appends a group_by clause.
pub fn apply<S, R>(mut query: Query<S, R>, clause: GroupBy) -> Query<S, R> {
    query.data_mut().group_bys.push(clause);
    query
}

impl<S, R> Query<S, R> {
    /// `group_by:`.
    #[track_caller]
    pub fn group_by(self, exprs: Vec<Expr>) -> Self {
        apply(
            self,
            GroupBy {
                exprs,
                at: Location::caller(),
            },
        )
    }
}
