//! The random queries of the agreement property ([`crate::agree`]) as data: joins, clauses
//! and a shape of [`Term`]s over the fixture's `users`, `orgs` and `posts` ([`Spec`]),
//! turned into a recto [`Query`] through the builder API and shown in `from!`'s syntax for
//! failure messages.

use std::fmt;

use recto::{BinOp, Direction, Erased, Expr, Join, JoinKind, OrderTerm, Query, Select, Selected};

use crate::common::User;
use crate::model::Filter;
use crate::terms::{Table, Term, list};

/// A join of `orgs` (on `u.org_id == o.id`) or `posts` (on `p.user_id == u.id`), perhaps
/// with a further condition, or on that condition alone; a cross join has neither.
#[derive(Clone, Debug)]
pub(crate) struct JoinSpec {
    pub(crate) table: Table,
    pub(crate) kind: JoinKind,
    pub(crate) extra: Option<Term>,
    /// Whether the condition has the key equality; without it, it is `extra` alone.
    pub(crate) keyed: bool,
}

/// The `where:` clauses: a condition of the reference model ([`Filter`], over `users` alone)
/// or general terms, each `(or_where, condition)`.
#[derive(Clone, Debug)]
pub(crate) enum Where {
    Model(Filter),
    Terms(Vec<(bool, Term)>),
}

/// Rows as they are, or grouped (`keys` may be empty: aggregates over every row).
#[derive(Clone, Debug)]
pub(crate) enum Shape {
    Plain {
        select: Vec<Term>,
    },
    Grouped {
        keys: Vec<Term>,
        select: Vec<Term>,
        having: Vec<(bool, Term)>,
    },
}

/// `limit:`/`offset:`, which the generator only writes after a total order: the sort terms
/// are followed by a key of the rows ([`Spec::tie_break`]) in the directions of `tie`.
#[derive(Clone, Debug)]
pub(crate) struct Paging {
    pub(crate) tie: Vec<Direction>,
    pub(crate) limit: Option<Term>,
    pub(crate) offset: Option<Term>,
}

/// One random query. Its `Debug` is its `from!` form, which is what proptest prints for the
/// minimal failing input.
#[derive(Clone)]
pub(crate) struct Spec {
    pub(crate) joins: Vec<JoinSpec>,
    pub(crate) wheres: Where,
    pub(crate) shape: Shape,
    pub(crate) distinct: bool,
    pub(crate) order: Vec<(Direction, Term)>,
    pub(crate) paging: Option<Paging>,
    /// Select a struct literal (`Row { id: ..., name: ... }`) instead of a tuple: each term
    /// aliased, with names that are also the fixture's column names.
    pub(crate) as_struct: bool,
}

/// The field names of a struct-literal selection, by position.
const FIELDS: [&str; 5] = ["id", "name", "age", "org_id", "n"];

impl Spec {
    /// The selected terms.
    pub(crate) fn select(&self) -> &[Term] {
        match &self.shape {
            Shape::Plain { select } | Shape::Grouped { select, .. } => select,
        }
    }

    /// The binding of `table`, if the query reads it.
    pub(crate) fn binding_of(&self, table: Table) -> Option<usize> {
        if table == Table::Users {
            return Some(0);
        }
        let at = self.joins.iter().position(|j| j.table == table)?;
        Some(at + 1)
    }

    /// Terms whose values tell every result row apart, so that sorting by them last makes
    /// the order total: the selected terms of a `distinct` query, the keys of a grouped one,
    /// nothing for one row of aggregates, and otherwise the primary keys of `users` and, when
    /// joined (each user has at most one org, but many posts), `posts`; and `orgs` too when a
    /// join may repeat an org or leave `users` NULL (any kind but inner and left, or a join
    /// without its key equality).
    pub(crate) fn tie_break(&self) -> Vec<Term> {
        match &self.shape {
            _ if self.distinct => self.select().to_vec(),
            Shape::Grouped { keys, .. } => keys.clone(),
            Shape::Plain { .. } => {
                let mut key = vec![Term::col(0, Table::Users, "id")];
                if let Some(b) = self.binding_of(Table::Posts) {
                    key.push(Term::col(b, Table::Posts, "id"));
                }
                let repeats =
                    |j: &JoinSpec| !j.keyed || !matches!(j.kind, JoinKind::Inner | JoinKind::Left);
                if self.joins.iter().any(repeats)
                    && let Some(b) = self.binding_of(Table::Orgs)
                {
                    key.push(Term::col(b, Table::Orgs, "id"));
                }
                key
            }
        }
    }

    /// Every sort term, the tie-break of [`Paging`] included.
    pub(crate) fn order_terms(&self) -> Vec<(Direction, Term)> {
        let mut terms = self.order.clone();
        if let Some(paging) = &self.paging {
            let tie = self.tie_break();
            for (n, term) in tie.into_iter().enumerate() {
                terms.push((paging.tie[n % paging.tie.len()], term));
            }
        }
        terms
    }

    /// Whether the rows come in one order on every engine, so they compare as sequences.
    pub(crate) fn totally_ordered(&self) -> bool {
        let one_row = matches!(&self.shape, Shape::Grouped { keys, .. } if keys.is_empty());
        self.paging.is_some() || one_row
    }

    /// Whether the reference model knows the selected ids: `users` alone, filtered by a
    /// model condition, `u.id` selected first, no grouping.
    pub(crate) fn model(&self) -> Option<&Filter> {
        match (&self.wheres, &self.shape) {
            (Where::Model(filter), Shape::Plain { select }) if self.joins.is_empty() => {
                (select.first() == Some(&Term::col(0, Table::Users, "id"))).then_some(filter)
            }
            _ => None,
        }
    }

    /// The query, through the builder API.
    pub(crate) fn query(&self) -> Query<Erased, recto::row::AnyRow> {
        let mut query = Query::<User>::from_schema().erase();
        for (n, join) in self.joins.iter().enumerate() {
            let b = n + 1;
            let on = match join.table {
                Table::Orgs => Expr::binary(
                    BinOp::Eq,
                    Term::col(0, Table::Users, "org_id").expr(),
                    Term::col(b, Table::Orgs, "id").expr(),
                ),
                _ => Expr::binary(
                    BinOp::Eq,
                    Term::col(b, Table::Posts, "user_id").expr(),
                    Term::col(0, Table::Users, "id").expr(),
                ),
            };
            let on = match (&join.extra, join.kind) {
                (_, JoinKind::Cross) => Join::CROSS_ON,
                (Some(extra), _) if !join.keyed => extra.expr(),
                (Some(extra), _) => on.and(extra.expr()),
                (None, _) => on,
            };
            query = query
                .join::<Erased>(join.kind, join.table.source(), on, None)
                .erase();
        }
        let wheres: Vec<(bool, Expr)> = match &self.wheres {
            Where::Model(filter) => filter.0.iter().map(|(or, c)| (*or, c.expr())).collect(),
            Where::Terms(terms) => terms.iter().map(|(or, t)| (*or, t.expr())).collect(),
        };
        for (or, cond) in wheres {
            query = if or {
                query.or_filter(cond)
            } else {
                query.filter(cond)
            };
        }
        if let Shape::Grouped { keys, having, .. } = &self.shape {
            if !keys.is_empty() {
                query = query.group_by(keys.iter().map(Term::expr).collect());
            }
            for (or, cond) in having {
                query = if *or {
                    query.or_having(cond.expr())
                } else {
                    query.having(cond.expr())
                };
            }
        }
        let order = self.order_terms();
        if !order.is_empty() {
            query = query.order_by(
                order
                    .iter()
                    .map(|(direction, t)| OrderTerm {
                        direction: *direction,
                        expr: t.expr(),
                    })
                    .collect(),
            );
        }
        if self.distinct {
            query = query.distinct(true);
        }
        if let Some(paging) = &self.paging {
            if let Some(limit) = &paging.limit {
                query = query.limit(limit.expr());
            }
            if let Some(offset) = &paging.offset {
                query = query.offset(offset.expr());
            }
        }
        let select = self.select();
        if self.as_struct {
            let fields = FIELDS.iter().zip(select);
            return query.select(Select::Struct(
                fields
                    .map(|(n, t)| ((*n).into(), Selected::Expr(t.expr())))
                    .collect(),
            ));
        }
        query.select(Select::Tuple(
            select.iter().map(|t| Selected::Expr(t.expr())).collect(),
        ))
    }
}

impl fmt::Debug for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("from!(u in User")?;
        for join in &self.joins {
            let kind = match join.kind {
                JoinKind::Left => "left_join",
                JoinKind::Right => "right_join",
                JoinKind::Full => "full_join",
                JoinKind::Cross => "cross_join",
                _ => "join",
            };
            let (name, on) = match join.table {
                Table::Orgs => ("o in Org", "u.org_id == o.id"),
                _ => ("p in Post", "p.user_id == u.id"),
            };
            if join.kind == JoinKind::Cross {
                write!(f, ", {kind}: {name}")?;
                continue;
            }
            match &join.extra {
                Some(extra) if !join.keyed => write!(f, ", {kind}: {name}, on: {extra}")?,
                Some(extra) => write!(f, ", {kind}: {name}, on: {on} and {extra}")?,
                None => write!(f, ", {kind}: {name}, on: {on}")?,
            }
        }
        match &self.wheres {
            Where::Model(filter) if !filter.0.is_empty() => write!(f, ", {filter}")?,
            Where::Model(_) => {}
            Where::Terms(terms) => clauses(f, "where", terms)?,
        }
        if let Shape::Grouped { keys, having, .. } = &self.shape {
            if !keys.is_empty() {
                write!(f, ", group_by: [{}]", list(keys))?;
            }
            clauses(f, "having", having)?;
        }
        if self.distinct {
            f.write_str(", distinct: true")?;
        }
        let order = self.order_terms();
        if !order.is_empty() {
            let terms: Vec<String> = order
                .iter()
                .map(|(d, t)| format!("{}: {t}", keyword(*d)))
                .collect();
            write!(f, ", order_by: [{}]", terms.join(", "))?;
        }
        if let Some(paging) = &self.paging {
            if let Some(limit) = &paging.limit {
                write!(f, ", limit: {limit}")?;
            }
            if let Some(offset) = &paging.offset {
                write!(f, ", offset: {offset}")?;
            }
        }
        if self.as_struct {
            let fields: Vec<String> = FIELDS
                .iter()
                .zip(self.select())
                .map(|(n, t)| format!("{n}: {t}"))
                .collect();
            return write!(f, ", select: Row {{ {} }})", fields.join(", "));
        }
        write!(f, ", select: ({}))", list(self.select()))
    }
}

/// The `order_by:` keyword of a direction.
fn keyword(direction: Direction) -> &'static str {
    match direction {
        Direction::Asc => "asc",
        Direction::Desc => "desc",
        Direction::AscNullsFirst => "asc_nulls_first",
        Direction::AscNullsLast => "asc_nulls_last",
        Direction::DescNullsFirst => "desc_nulls_first",
        Direction::DescNullsLast => "desc_nulls_last",
        _ => "?direction",
    }
}

fn clauses(f: &mut fmt::Formatter<'_>, name: &str, terms: &[(bool, Term)]) -> fmt::Result {
    for (or, t) in terms {
        let prefix = if *or { "or_" } else { "" };
        write!(f, ", {prefix}{name}: {t}")?;
    }
    Ok(())
}
