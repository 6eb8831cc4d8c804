//! Common table expressions: `with_cte: "name", as: q` names a query the statement can read
//! as a table (`from!(t in "name")`, `join: t in "name"`), in any query nested in it and in
//! the CTEs after it; `recursive_ctes: true` lets a CTE read itself, as Ecto's
//! `recursive_ctes/2` does. A recursive CTE is a union of a base query and a step query
//! that reads the CTE.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::location::Location;
use crate::query::{Query, QueryData, Queryable};

/// The `WITH` of a query: its CTEs, in order, and whether they may read themselves.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WithCtes {
    /// `recursive_ctes: true`: every CTE of the query may read itself (SQL's `WITH
    /// RECURSIVE`, which applies to the whole `WITH`).
    pub recursive: bool,
    /// The CTEs, each readable by the ones after it.
    pub queries: Vec<Cte>,
}

/// One CTE.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cte {
    /// The name the statement reads it by.
    pub name: Name,
    /// Its query.
    pub query: QueryData,
    /// `Some(true)` for `MATERIALIZED`, `Some(false)` for `NOT MATERIALIZED`: a hint to the
    /// engine's planner, which changes no row (left out where the engine has no such hint).
    pub materialized: Option<bool>,
    /// Where it was written.
    pub at: Location,
}

/// Appends a CTE.
pub fn apply<S, R>(mut query: Query<S, R>, cte: Cte) -> Query<S, R> {
    query
        .data_mut()
        .with_ctes
        .get_or_insert_with(WithCtes::default)
        .queries
        .push(cte);
    query
}

impl<S, R> Query<S, R> {
    /// `with_cte: "name", as: query`: names `query` for the statement, which reads it as
    /// the table `name`.
    #[track_caller]
    pub fn with_cte<Q: Queryable>(self, name: impl Into<Name>, query: Q) -> Self {
        self.cte(name.into(), query.into_query().into_data(), None)
    }

    /// [`Query::with_cte`] with a `MATERIALIZED` (`true`) or `NOT MATERIALIZED` (`false`)
    /// hint.
    #[track_caller]
    pub fn with_cte_materialized<Q: Queryable>(
        self,
        name: impl Into<Name>,
        query: Q,
        materialized: bool,
    ) -> Self {
        self.cte(
            name.into(),
            query.into_query().into_data(),
            Some(materialized),
        )
    }

    #[track_caller]
    fn cte(self, name: Name, query: QueryData, materialized: Option<bool>) -> Self {
        let at = Location::caller();
        apply(
            self,
            Cte {
                name,
                query,
                materialized,
                at,
            },
        )
    }

    /// `recursive_ctes: true`: the query's CTEs may read themselves.
    pub fn recursive_ctes(mut self, recursive: bool) -> Self {
        self.data_mut()
            .with_ctes
            .get_or_insert_with(WithCtes::default)
            .recursive = recursive;
        self
    }
}
