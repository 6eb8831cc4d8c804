//! Set operations: `union:`, `union_all:`, `intersect:`, `intersect_all:`, `except:` and
//! `except_all:` (Ecto's `combinations`). Each combines the query's rows with those of a
//! member query whose rows have the same type; the query's own `order_by:`, `limit:` and
//! `offset:` apply to the combined rows, as in Ecto.

use serde::{Deserialize, Serialize};

use crate::location::Location;
use crate::query::{Query, QueryData, Queryable};

/// The set operator of a [`Combination`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SetOp {
    /// `union:`: the rows of either, duplicates removed.
    Union,
    /// `union_all:`: the rows of both, duplicates kept.
    UnionAll,
    /// `intersect:`: the distinct rows of both.
    Intersect,
    /// `intersect_all:`: the rows of both, each as often as in the one that has it less.
    IntersectAll,
    /// `except:`: the distinct rows of the first not in the second.
    Except,
    /// `except_all:`: the rows of the first, each as often as it is there more than in the
    /// second.
    ExceptAll,
}

impl SetOp {
    /// The clause's name in `from!` (`union_all`).
    pub fn name(self) -> &'static str {
        match self {
            SetOp::Union => "union",
            SetOp::UnionAll => "union_all",
            SetOp::Intersect => "intersect",
            SetOp::IntersectAll => "intersect_all",
            SetOp::Except => "except",
            SetOp::ExceptAll => "except_all",
        }
    }
}

/// One set operation: the operator and the member query's clauses. A member's rows have the
/// query's row type; its bindings are its own (a recursive CTE's step joins the CTE to the
/// tables the base reads, say).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Combination {
    /// The operator.
    pub op: SetOp,
    /// The member query.
    pub query: QueryData,
    /// Where it was written.
    pub at: Location,
}

/// Appends a combination, after those the query already has (Ecto's order).
pub fn apply<S, R>(mut query: Query<S, R>, clause: Combination) -> Query<S, R> {
    query.data_mut().combinations.push(clause);
    query
}

macro_rules! set_ops {
    ($($(#[$doc:meta])* $method:ident => $op:ident;)+) => {
        impl<S, R> Query<S, R> {
            $(
                $(#[$doc])*
                #[track_caller]
                pub fn $method<Q: Queryable<Row = R>>(self, other: Q) -> Self {
                    let at = Location::caller();
                    apply(self, Combination { op: SetOp::$op, query: other.into_query().into_data(), at })
                }
            )+
        }

        $(
            $(#[$doc])*
            ///
            /// The function form of the method of the same name on [`Query`].
            #[track_caller]
            pub fn $method<Q, P>(query: Q, other: P) -> Query<Q::Schema, Q::Row>
            where
                Q: Queryable,
                P: Queryable<Row = Q::Row>,
            {
                query.into_query().$method(other)
            }
        )+
    };
}

set_ops! {
    /// `union: other`: the rows of either query, duplicates removed.
    union => Union;
    /// `union_all: other`: the rows of both queries, duplicates kept.
    union_all => UnionAll;
    /// `intersect: other`: the distinct rows both queries return.
    intersect => Intersect;
    /// `intersect_all: other`: the rows both queries return, duplicates kept.
    intersect_all => IntersectAll;
    /// `except: other`: the distinct rows of this query that `other` does not return.
    except => Except;
    /// `except_all: other`: the rows of this query less those of `other`, duplicates kept.
    except_all => ExceptAll;
}
