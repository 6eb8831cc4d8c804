//! The source of a query (binding 0): a schema, or a table by name.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::builder::values::Values;
use crate::location::Location;
use crate::query::{Query, Queryable};
use crate::schema::{Erased, Schema, SchemaMeta};

/// What a binding reads from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Source {
    /// A schema's table, with the schema's fields.
    Schema(SchemaMeta),
    /// A table by name, with no known fields (schemaless).
    Table(Name),
    /// `subquery(q)`: the rows of another query (a derived table), whose fields are the
    /// columns it selects, by name.
    Subquery(Query),
    /// `values(..)`: a list of rows with named columns, every value a bound parameter.
    Values(Values),
}

impl Source {
    /// The source of schema `T`.
    pub fn schema<T: Schema>() -> Source {
        Source::Schema(T::META)
    }

    /// The table the source reads; `""` for a subquery or a values list.
    pub fn table(&self) -> &str {
        match self {
            Source::Schema(meta) => &meta.table,
            Source::Table(name) => name,
            Source::Subquery(_) | Source::Values(_) => "",
        }
    }
}

/// The `from` clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct From {
    /// What the root binding reads.
    pub source: Source,
    /// The root binding's name (`as:` right after the source).
    pub name: Option<Name>,
    /// Where the query was started.
    pub at: Location,
}

impl<T: Schema> Query<T> {
    /// A query over schema `T`: `from!(u in User)`.
    #[track_caller]
    pub fn from_schema() -> Query<T> {
        Query::new(From {
            source: Source::schema::<T>(),
            name: None,
            at: Location::caller(),
        })
    }
}

impl Query<Erased> {
    /// A schemaless query over a table: `from!(u in "users")`.
    #[track_caller]
    pub fn table(table: impl Into<Name>) -> Query<Erased> {
        Query::new(From {
            source: Source::Table(table.into()),
            name: None,
            at: Location::caller(),
        })
    }
}

impl Query<Erased> {
    /// A query over the rows of another query (a derived table): `from!(s in subquery(q))`.
    /// Its fields are the columns `q` selects, by name.
    #[track_caller]
    pub fn from_subquery<Q: Queryable>(query: Q) -> Query<Erased> {
        Query::from_source(Source::Subquery(query.into_query().erase()))
    }

    /// A query over `source`, whose fields are known at plan time only.
    #[track_caller]
    pub(crate) fn from_source(source: Source) -> Query<Erased> {
        Query::new(From {
            source,
            name: None,
            at: Location::caller(),
        })
    }
}

impl<S, R> Query<S, R> {
    /// Names the root binding, so later code can find it with `[name: x]`.
    pub fn named_root(mut self, name: impl Into<Name>) -> Self {
        self.data_mut().from.name = Some(name.into());
        self
    }
}
