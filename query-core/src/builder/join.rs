//! Joins: bindings 1.., each with a kind, a source, an `on:` condition and maybe a name.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::builder::from::Source;
use crate::expr::Expr;
use crate::location::Location;
use crate::query::Query;
use crate::schema::Push;

/// The kind of a join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum JoinKind {
    /// `join:` / `inner_join:`.
    Inner,
    /// `left_join:`.
    Left,
}

/// One join.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Join {
    /// Inner, left, ...
    pub kind: JoinKind,
    /// What the joined binding reads.
    pub source: Source,
    /// The join condition.
    pub on: Expr,
    /// The binding's name (`as:`).
    pub name: Option<Name>,
    /// Where the join was written.
    pub at: Location,
}

/// Adds `join` as the query's next binding.
pub fn apply<S, P>(query: Query<S>, join: Join) -> Query<<S as Push<P>>::Output>
where
    S: Push<P>,
{
    let mut query = query;
    query.data_mut().joins.push(join);
    query.retype()
}

impl<S> Query<S> {
    /// Joins `source` as the next binding, typed `P` (a schema, or
    /// [`Erased`](crate::Erased) for a table by name).
    #[track_caller]
    pub fn join<P>(
        self,
        kind: JoinKind,
        source: Source,
        on: Expr,
        name: Option<Name>,
    ) -> Query<<S as Push<P>>::Output>
    where
        S: Push<P>,
    {
        apply::<S, P>(
            self,
            Join {
                kind,
                source,
                on,
                name,
                at: Location::caller(),
            },
        )
    }
}
