//! Joins: bindings 1.., each with a kind, a source, an `on:` condition and maybe a name.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::builder::from::Source;
use crate::expr::Expr;
use crate::location::Location;
use crate::query::{Query, Queryable};
use crate::schema::{Erased, Push, Schema};
use crate::value::Value;

/// The kind of a join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum JoinKind {
    /// `join:` / `inner_join:`.
    Inner,
    /// `left_join:`.
    Left,
    /// `right_join:`: every binding before it may be NULL.
    Right,
    /// `full_join:`: the bindings before it and the joined one may each be NULL.
    Full,
    /// `cross_join:`: every pair of rows, with no condition. Its `on` is the literal `true`
    /// ([`Join::CROSS_ON`]); the planner rejects any other, and the writer prints none.
    Cross,
    /// `inner_lateral_join:`: a subquery source that may refer to the bindings before it
    /// (`parent_as(name)`), joined for each of their rows.
    InnerLateral,
    /// `left_lateral_join:`: as [`JoinKind::InnerLateral`], keeping the rows before it that
    /// the subquery gives no row for, with the joined binding NULL.
    LeftLateral,
}

impl JoinKind {
    /// Whether the joined subquery sees the bindings before it.
    pub fn is_lateral(self) -> bool {
        matches!(self, JoinKind::InnerLateral | JoinKind::LeftLateral)
    }
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

impl Join {
    /// The condition a [`JoinKind::Cross`] join carries: the literal `true`, which stands for
    /// "no `on:`" (a cross join pairs every row with every row).
    ///
    /// ```
    /// use recto_core::{Erased, Join, JoinKind, Query, Source};
    ///
    /// let q = Query::table("users").join::<Erased>(JoinKind::Cross, Source::Table("tags".into()), Join::CROSS_ON, None);
    /// assert_eq!(q.data().joins[0].on, Join::CROSS_ON);
    /// ```
    pub const CROSS_ON: Expr = Expr::Lit(Value::Bool(true));
}

/// Adds `join` as the query's next binding.
pub fn apply<S, R, P>(query: Query<S, R>, join: Join) -> Query<<S as Push<P>>::Output, R>
where
    S: Push<P>,
{
    let mut query = query;
    query.data_mut().joins.push(join);
    query.retype()
}

impl<S, R> Query<S, R> {
    /// Joins `source` as the next binding, typed `P` (a schema, or
    /// [`Erased`](crate::Erased) for a table by name).
    #[track_caller]
    pub fn join<P>(
        self,
        kind: JoinKind,
        source: Source,
        on: Expr,
        name: Option<Name>,
    ) -> Query<<S as Push<P>>::Output, R>
    where
        S: Push<P>,
    {
        apply::<S, R, P>(
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

    /// Joins schema `P` as the next binding: [`join`](Self::join) in the form `from!`
    /// expands to, which is shorter for rustc to read.
    #[track_caller]
    pub fn join_schema<P: Schema>(
        self,
        kind: JoinKind,
        on: Expr,
        name: Option<&'static str>,
    ) -> Query<<S as Push<P>>::Output, R>
    where
        S: Push<P>,
    {
        apply::<S, R, P>(
            self,
            Join {
                kind,
                source: Source::schema::<P>(),
                on,
                name: name.map(Name::Borrowed),
                at: Location::caller(),
            },
        )
    }

    /// Joins a table by name as the next binding, schemaless: [`join`](Self::join) in the
    /// form `from!` expands to.
    #[track_caller]
    pub fn join_table(
        self,
        kind: JoinKind,
        table: &'static str,
        on: Expr,
        name: Option<&'static str>,
    ) -> Query<<S as Push<Erased>>::Output, R>
    where
        S: Push<Erased>,
    {
        let source = Source::Table(Name::Borrowed(table));
        self.join::<Erased>(kind, source, on, name.map(Name::Borrowed))
    }

    /// Joins the rows of another query (a derived table) as the next binding, whose fields
    /// are the columns `query` selects: `join: s in subquery(q)`.
    #[track_caller]
    pub fn join_subquery<Q: Queryable>(
        self,
        kind: JoinKind,
        query: Q,
        on: Expr,
        name: Option<&'static str>,
    ) -> Query<<S as Push<Erased>>::Output, R>
    where
        S: Push<Erased>,
    {
        let source = Source::Subquery(query.into_query().erase());
        self.join::<Erased>(kind, source, on, name.map(Name::Borrowed))
    }
}
