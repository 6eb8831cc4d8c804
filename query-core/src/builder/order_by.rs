//! `order_by:` with the six directions.

use serde::{Deserialize, Serialize};

use crate::expr::Expr;
use crate::location::Location;
use crate::query::Query;

/// A sort direction, with an explicit NULL placement where asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Direction {
    /// `asc:`
    Asc,
    /// `desc:`
    Desc,
    /// `asc_nulls_first:`
    AscNullsFirst,
    /// `asc_nulls_last:`
    AscNullsLast,
    /// `desc_nulls_first:`
    DescNullsFirst,
    /// `desc_nulls_last:`
    DescNullsLast,
}

impl Direction {
    /// The direction named by an `order_by:` keyword.
    pub fn from_keyword(keyword: &str) -> Option<Direction> {
        Some(match keyword {
            "asc" => Direction::Asc,
            "desc" => Direction::Desc,
            "asc_nulls_first" => Direction::AscNullsFirst,
            "asc_nulls_last" => Direction::AscNullsLast,
            "desc_nulls_first" => Direction::DescNullsFirst,
            "desc_nulls_last" => Direction::DescNullsLast,
            _ => return None,
        })
    }

    /// The `order_by:` keywords, for error hints.
    pub const KEYWORDS: [&'static str; 6] = [
        "asc",
        "desc",
        "asc_nulls_first",
        "asc_nulls_last",
        "desc_nulls_first",
        "desc_nulls_last",
    ];
}

/// One sort term.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderTerm {
    /// The direction.
    pub direction: Direction,
    /// The sort key.
    pub expr: Expr,
}

/// One `order_by` clause: its terms follow those of earlier clauses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderBy {
    /// The terms.
    pub terms: Vec<OrderTerm>,
    /// Where it was written.
    pub at: Location,
}

/// Appends an order_by clause.
pub fn apply<S, R>(mut query: Query<S, R>, clause: OrderBy) -> Query<S, R> {
    query.data_mut().order_bys.push(clause);
    query
}

impl<S, R> Query<S, R> {
    /// `order_by:`.
    #[track_caller]
    pub fn order_by(self, terms: Vec<OrderTerm>) -> Self {
        apply(
            self,
            OrderBy {
                terms,
                at: Location::caller(),
            },
        )
    }
}
