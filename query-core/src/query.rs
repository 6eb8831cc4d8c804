//! The query value: plain data that accumulates clause by clause.
//!
//! A [`Query`] is an `Arc` around [`QueryData`], so cloning is a reference-count bump and
//! extending a shared query copies it once (copy on write). A query `from!` built is an
//! `Arc` around a [template](crate::template) instead, whose clauses are built on first
//! use. The type parameter records the bindings' schemas where they are known at compile
//! time (`Query<User>`, `Query<(User, Post)>`) and nothing else: clause state is run-time
//! data.

use std::marker::PhantomData;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::builder::combination::Combination;
use crate::builder::cte::WithCtes;
use crate::builder::distinct::Distinct;
use crate::builder::filter::BoolClause;
use crate::builder::from::From;
use crate::builder::group_by::GroupBy;
use crate::builder::join::Join;
use crate::builder::limit_offset::LimitOffset;
use crate::builder::order_by::OrderBy;
use crate::builder::select::SelectClause;
use crate::error::{Clause, Error};
use crate::location::Location;
use crate::row::{AnyRow, Root};
use crate::schema::Erased;
use crate::template::{Build, Param};

/// Every clause of a query. Repeatable clauses are plural vectors, singletons options, as in
/// Ecto's `%Ecto.Query{}`. Consumers destructure it without `..`, so a new clause breaks each
/// of them until it is handled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryData {
    /// The source (binding 0).
    pub from: From,
    /// The joins (bindings 1..), in the order they were added.
    pub joins: Vec<Join>,
    /// `where:` and `or_where:`, combined in order.
    pub wheres: Vec<BoolClause>,
    /// `select:`; without it the planner selects the whole source binding.
    pub select: Option<SelectClause>,
    /// `distinct:`.
    pub distinct: Option<Distinct>,
    /// `group_by:`, each clause appending its expressions.
    pub group_bys: Vec<GroupBy>,
    /// `having:` and `or_having:`, combined in order.
    pub havings: Vec<BoolClause>,
    /// `order_by:`, each clause appending its terms.
    pub order_bys: Vec<OrderBy>,
    /// `limit:`.
    pub limit: Option<LimitOffset>,
    /// `offset:`.
    pub offset: Option<LimitOffset>,
    /// `union:`, `union_all:`, `intersect:`, `intersect_all:`, `except:` and `except_all:`,
    /// in the order they were added. The query's `order_by`, `limit` and `offset` apply to
    /// the combined rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub combinations: Vec<Combination>,
    /// `with_cte:` and `recursive_ctes:`: the queries this one names for the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_ctes: Option<WithCtes>,
}

/// A query: a value you build with `from!`, pass around, extend and finally render or run.
///
/// `S` lists the bindings' schemas where they are known at compile time; [`Erased`] where
/// they are not. `R` is what a row of its result decodes into (see [`row`](crate::row)):
/// [`Root`], the root binding's schema, until a `select:` says otherwise.
pub struct Query<S = Erased, R = Root> {
    repr: Repr,
    _schema: PhantomData<fn() -> (S, R)>,
}

/// What a [`Query`] holds: its clauses, or the template that builds them.
#[derive(Clone)]
enum Repr {
    Data(Arc<QueryData>),
    Template(Arc<dyn Build>),
}

/// A query's [template](crate::template): the call site that built it and the values it
/// pinned, which a renderer reads instead of the clauses (see [`Query::template`]).
#[derive(Clone, Copy)]
pub struct TemplateRef<'q> {
    template: &'q dyn Build,
}

impl<'q> TemplateRef<'q> {
    /// The call site's identity: the address of its build function. Templates with the
    /// same identity and equal pins have equal clauses.
    pub fn id(self) -> usize {
        self.template.id()
    }

    /// Whether the call site says its clauses compare expressions with each other (a
    /// `group_by:` or `distinct:` clause), so that which pins are `==` matters. A renderer
    /// that relies on it checks it against the clauses.
    pub fn compares_expressions(self) -> bool {
        self.template.compares()
    }

    /// The values the call site pinned, in its order (the order of the `^` in the macro
    /// call, which is not the order of the placeholders).
    pub fn params(self) -> &'q [Param] {
        self.template.params()
    }

    /// The query a composed call site (`from!(u in q, ...)`) extends, whose own template
    /// (if any) the renderer reads in turn.
    pub fn base(self) -> Option<&'q Query> {
        self.template.base()
    }

    /// Whether the query's clauses have been built (by reading them, or by a renderer that
    /// had not seen the call site before).
    pub fn is_built(self) -> bool {
        self.template.is_built()
    }

    /// The clauses the call site builds from `base` and `params` instead of its own: how a
    /// renderer learns where each pin lands (with values it can tell apart). `None` if
    /// `params` are not as many as the call site pins, or `base` is given to a call site
    /// that extends none or missing for one that does.
    pub fn build_with(self, base: Option<Query>, params: &[Param]) -> Option<QueryData> {
        self.template.build_with(base, params).map(Query::into_data)
    }
}

impl<S, R> Query<S, R> {
    /// A query over `from`, with no other clause.
    pub fn new(from: From) -> Self {
        Self::from_data(QueryData {
            from,
            joins: Vec::new(),
            wheres: Vec::new(),
            select: None,
            distinct: None,
            group_bys: Vec::new(),
            havings: Vec::new(),
            order_bys: Vec::new(),
            limit: None,
            offset: None,
            combinations: Vec::new(),
            with_ctes: None,
        })
    }

    /// A query around existing clause data. The caller vouches for `S`.
    pub fn from_data(data: QueryData) -> Self {
        Query {
            repr: Repr::Data(Arc::new(data)),
            _schema: PhantomData,
        }
    }

    /// A query around a template (see [`template`](crate::template)).
    pub(crate) fn from_template(template: impl Build + 'static) -> Self {
        Query {
            repr: Repr::Template(Arc::new(template)),
            _schema: PhantomData,
        }
    }

    /// The clauses (built now if `from!` left them to be built on first use).
    pub fn data(&self) -> &QueryData {
        match &self.repr {
            Repr::Data(data) => data,
            Repr::Template(template) => template.data(),
        }
    }

    /// The call site and pinned values of a query `from!` built and nothing changed since;
    /// `None` for any other query. A renderer that has rendered the call site before needs
    /// nothing else; [`Query::data`] still gives the clauses.
    pub fn template(&self) -> Option<TemplateRef<'_>> {
        match &self.repr {
            Repr::Data(_) => None,
            Repr::Template(template) => Some(TemplateRef {
                template: &**template,
            }),
        }
    }

    /// The pins of the query's own call site (not those of the query it extends), to move
    /// values out of, if `from!` built it, nothing changed it since and no other `Query`
    /// shares it: what a renderer that consumes the query uses to move large values into the
    /// parameters rather than clone them. Whatever is left in their place must not be
    /// rendered: the query is spent.
    pub fn template_params_mut(&mut self) -> Option<&mut [Param]> {
        match &mut self.repr {
            Repr::Data(_) => None,
            Repr::Template(template) => Some(Arc::get_mut(template)?.params_mut()),
        }
    }

    /// The clauses, to change in place, if no other `Query` shares them: what a consumer of
    /// the query uses to move values out of it rather than clone them, without copying the
    /// clauses out of their allocation first. `None` if they are shared.
    pub fn unique_data_mut(&mut self) -> Option<&mut QueryData> {
        if let Repr::Template(template) = &mut self.repr {
            let data = Arc::get_mut(template)?.take_data();
            self.repr = Repr::Data(Arc::new(data));
        }
        match &mut self.repr {
            Repr::Data(data) => Arc::get_mut(data),
            Repr::Template(_) => None,
        }
    }

    /// The clauses, to change: copied first if another `Query` shares them.
    pub fn data_mut(&mut self) -> &mut QueryData {
        if let Repr::Template(template) = &mut self.repr {
            let data = match Arc::get_mut(template) {
                Some(template) => template.take_data(),
                None => template.data().clone(),
            };
            self.repr = Repr::Data(Arc::new(data));
        }
        match &mut self.repr {
            Repr::Data(data) => Arc::make_mut(data),
            Repr::Template(_) => unreachable!("a template was replaced by its clauses above"),
        }
    }

    /// The clauses, owned: moved out if no other `Query` shares them, else copied.
    pub fn into_data(self) -> QueryData {
        match self.repr {
            Repr::Data(data) => Arc::try_unwrap(data).unwrap_or_else(|data| (*data).clone()),
            Repr::Template(mut template) => match Arc::get_mut(&mut template) {
                Some(template) => template.take_data(),
                None => template.data().clone(),
            },
        }
    }

    /// How many bindings the query has: the source plus one per join.
    pub fn binding_count(&self) -> usize {
        1 + self.data().joins.len()
    }

    /// The same query, with its compile-time schema and row information forgotten.
    pub fn erase(self) -> Query {
        self.retype()
    }

    /// The same query with its row type forgotten: its rows are then named by the caller,
    /// as those of a query built at run time are. What keeps queries with different
    /// selects in one collection.
    pub fn any_rows(self) -> Query<S, AnyRow> {
        self.retype()
    }

    /// The same query under other type parameters. Builders use it when a clause changes
    /// the bindings (a join) or the row (a select); it is not public because `S` must
    /// describe the bindings and `R` the rows.
    pub(crate) fn retype<T, U>(self) -> Query<T, U> {
        Query {
            repr: self.repr,
            _schema: PhantomData,
        }
    }
}

impl<S, R> Query<S, R> {
    /// Ecto's `exclude/2`: the query without every `clause` of that kind, so that a
    /// composing function can set its own (`select` and `distinct` are written once per
    /// query; writing one over another is a plan error, [`Error::DuplicateClause`]).
    ///
    /// `Where` and `Having` remove every condition, `OrderBy` and `GroupBy` every term,
    /// `Select`, `Distinct`, `Limit` and `Offset` the clause. The source and the joins are
    /// the query's bindings, which its type records, so `From` and `Join` are refused
    /// with [`Error::InvalidClause`].
    ///
    /// ```
    /// use recto_core::{BindingRef, Clause, Expr, Query, Select, Selected};
    ///
    /// let column = |name| Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), name)));
    /// let ids = Query::table("users").select(column("id"));
    /// // `from!(u in exclude(&ids, Clause::Select)?, select: u["name"])` does this:
    /// let names = ids.clone().exclude(Clause::Select)?.select(column("name"));
    /// assert_eq!(names.data().select.as_ref().map(|s| &s.select), Some(&column("name")));
    /// assert_eq!(names.data().select.as_ref().map(|s| &s.replaced), Some(&None));
    /// # Ok::<(), recto_core::Error>(())
    /// ```
    ///
    /// The row type becomes [`AnyRow`] (the caller names it), since which clause goes is
    /// only known at run time and without a `select:` a row is the root binding's schema.
    #[track_caller]
    pub fn exclude(mut self, clause: Clause) -> Result<Query<S, AnyRow>, Error> {
        let QueryData {
            from: _,
            joins: _,
            wheres,
            select,
            distinct,
            group_bys,
            havings,
            order_bys,
            limit,
            offset,
            combinations,
            with_ctes,
        } = self.data_mut();
        match clause {
            Clause::Where => wheres.clear(),
            Clause::Select => *select = None,
            Clause::Distinct => *distinct = None,
            Clause::GroupBy => group_bys.clear(),
            Clause::Having => havings.clear(),
            Clause::OrderBy => order_bys.clear(),
            Clause::Limit => *limit = None,
            Clause::Offset => *offset = None,
            Clause::Combinations => combinations.clear(),
            Clause::WithCtes => *with_ctes = None,
            Clause::From | Clause::Join => {
                return Err(Error::InvalidClause {
                    clause,
                    reason: "the source and the joins are the query's bindings, which its type records, so they cannot be excluded: build the query without them".to_owned(),
                    at: Location::caller(),
                });
            }
        }
        Ok(self.retype())
    }
}

/// Ecto's `exclude(query, clause)`: [`Query::exclude`] on any query or reference to one.
#[track_caller]
pub fn exclude<Q: Queryable>(query: Q, clause: Clause) -> Result<Query<Q::Schema, AnyRow>, Error> {
    query.into_query().exclude(clause)
}

impl<S, R> Clone for Query<S, R> {
    fn clone(&self) -> Self {
        Query {
            repr: self.repr.clone(),
            _schema: PhantomData,
        }
    }
}

impl<S, R> std::fmt::Debug for Query<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.data().fmt(f)
    }
}

impl<S, R, T, U> PartialEq<Query<T, U>> for Query<S, R> {
    fn eq(&self, other: &Query<T, U>) -> bool {
        self.data() == other.data()
    }
}

impl<S, R> Serialize for Query<S, R> {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        self.data().serialize(serializer)
    }
}

/// For trusted payloads only (the program's own queries, round-tripped): the payload's own
/// table metadata is believed, and its size is not limited. A query from outside the
/// program goes through [`Catalog::query_from_json`](crate::Catalog::query_from_json).
impl<'de> Deserialize<'de> for Query<Erased> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        QueryData::deserialize(deserializer).map(Query::from_data)
    }
}

/// Anything `from!(x in SOURCE)` accepts as an expression source: a query, or a reference
/// to one (cloned, which is cheap).
pub trait Queryable {
    /// The bindings' schemas of the resulting query.
    type Schema;
    /// What a row of the query's result decodes into (see [`row`](crate::row)).
    type Row;
    /// The query.
    fn into_query(self) -> Query<Self::Schema, Self::Row>;
}

impl<S, R> Queryable for Query<S, R> {
    type Schema = S;
    type Row = R;
    fn into_query(self) -> Query<S, R> {
        self
    }
}

impl<S, R> Queryable for &Query<S, R> {
    type Schema = S;
    type Row = R;
    fn into_query(self) -> Query<S, R> {
        self.clone()
    }
}
