//! `limit:` and `offset:`: an integer literal or a bound parameter, as in Ecto (MySQL accepts
//! nothing else there).

use serde::{Deserialize, Serialize};

use crate::expr::Expr;
use crate::location::Location;
use crate::query::Query;

/// A `limit` or `offset` clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LimitOffset {
    /// The count: `Expr::Lit` or `Expr::Param` of an integer (the planner checks).
    pub expr: Expr,
    /// Where it was written.
    pub at: Location,
}

/// Which of the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `limit:`.
    Limit,
    /// `offset:`.
    Offset,
}

/// Sets the limit or offset, replacing an earlier one: Ecto's semantics, so a function can
/// page any query (`from!(q in base, limit: ^n)`) whatever limit it had. Inside one `from!`
/// a second `limit:` or `offset:` is a compile error instead, since there it is a typo.
pub fn apply<S, R>(mut query: Query<S, R>, target: Target, clause: LimitOffset) -> Query<S, R> {
    let data = query.data_mut();
    match target {
        Target::Limit => data.limit = Some(clause),
        Target::Offset => data.offset = Some(clause),
    }
    query
}

impl<S, R> Query<S, R> {
    /// `limit:`.
    #[track_caller]
    pub fn limit(self, expr: Expr) -> Self {
        apply(
            self,
            Target::Limit,
            LimitOffset {
                expr,
                at: Location::caller(),
            },
        )
    }

    /// `offset:`.
    #[track_caller]
    pub fn offset(self, expr: Expr) -> Self {
        apply(
            self,
            Target::Offset,
            LimitOffset {
                expr,
                at: Location::caller(),
            },
        )
    }
}
