//! `where:`, `or_where:`, `having:` and `or_having:`: conditions combined in the order they
//! were added, each with `AND` or `OR` against everything before it (as in Ecto).

use serde::{Deserialize, Serialize};

use crate::expr::Expr;
use crate::location::Location;
use crate::query::Query;

/// How a condition joins the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum BoolOp {
    /// `where:` / `having:`.
    And,
    /// `or_where:` / `or_having:`.
    Or,
}

/// One condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoolClause {
    /// How it combines with the conditions before it.
    pub op: BoolOp,
    /// The condition.
    pub expr: Expr,
    /// Where it was written.
    pub at: Location,
}

/// Which list a condition goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The `WHERE` conditions.
    Where,
    /// The `HAVING` conditions.
    Having,
}

/// Adds a condition to the `WHERE` or `HAVING` list.
pub fn apply<S, R>(mut query: Query<S, R>, target: Target, clause: BoolClause) -> Query<S, R> {
    let data = query.data_mut();
    match target {
        Target::Where => data.wheres.push(clause),
        Target::Having => data.havings.push(clause),
    }
    query
}

impl<S, R> Query<S, R> {
    /// `where:`: AND a condition onto the query's filter.
    #[track_caller]
    pub fn filter(self, expr: Expr) -> Self {
        apply(
            self,
            Target::Where,
            BoolClause {
                op: BoolOp::And,
                expr,
                at: Location::caller(),
            },
        )
    }

    /// `or_where:`: OR a condition onto the query's filter.
    #[track_caller]
    pub fn or_filter(self, expr: Expr) -> Self {
        apply(
            self,
            Target::Where,
            BoolClause {
                op: BoolOp::Or,
                expr,
                at: Location::caller(),
            },
        )
    }

    /// `having:`: AND a condition onto the groups' filter.
    #[track_caller]
    pub fn having(self, expr: Expr) -> Self {
        apply(
            self,
            Target::Having,
            BoolClause {
                op: BoolOp::And,
                expr,
                at: Location::caller(),
            },
        )
    }

    /// `or_having:`: OR a condition onto the groups' filter.
    #[track_caller]
    pub fn or_having(self, expr: Expr) -> Self {
        apply(
            self,
            Target::Having,
            BoolClause {
                op: BoolOp::Or,
                expr,
                at: Location::caller(),
            },
        )
    }
}
