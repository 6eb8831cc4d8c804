//! The size limits a query from outside the program must stay within, and the walk that
//! checks them.
//!
//! A program's own queries are as large as its code makes them; a payload is as large as
//! whoever sent it wants. [`Limits`] bounds everything that makes planning, rendering or the
//! engine's work grow: the input, the expressions' depth and node count, list lengths, the
//! number of clauses and joins, and the length of every name. The walk is iterative, so a
//! hostile tree cannot exhaust the stack while it is being measured.

use crate::builder::distinct::Distinct;
use crate::builder::filter::BoolClause;
use crate::builder::from::From;
use crate::builder::group_by::GroupBy;
use crate::builder::join::Join;
use crate::builder::limit_offset::LimitOffset;
use crate::builder::order_by::{OrderBy, OrderTerm};
use crate::builder::select::SelectClause;
mod walk;

use self::walk::Walk;
use crate::depth::MAX_EXPR_DEPTH;
use crate::error::{Clause, Error};
use crate::query::QueryData;

/// The bounds a deserialized query must respect; see
/// [`Catalog::query_from_json`](crate::Catalog::query_from_json).
///
/// The defaults admit any query a person writes by hand and refuse anything that would make
/// a server do much more work than the payload's size suggests. Change a field with
/// `Limits { joins: 4, ..Limits::default() }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The payload's size in bytes (JSON text only: a generic deserializer reads what its
    /// source gives it, so bound that source). Default 1 MiB.
    pub input_bytes: usize,
    /// How deeply an expression may nest: a leaf alone is depth 0, `!(a && b)` depth 2.
    /// At most [`MAX_EXPR_DEPTH`]; a larger value means that. Default 64.
    pub depth: usize,
    /// How many expression nodes the whole query may hold. Default 10,000.
    pub nodes: usize,
    /// The longest list: `x in [..]`, `x in ^list`, `coalesce(..)`, a `select:` tuple or
    /// struct, the expressions of one `group_by:`, the terms of one `order_by:`.
    /// Default 1,000.
    pub list_len: usize,
    /// How many clauses of one kind (`where:`, `having:`, `group_by:`, `order_by:`).
    /// Default 64.
    pub clauses: usize,
    /// How many joins. Default 16.
    pub joins: usize,
    /// The longest name in bytes: tables, fields, bindings, select aliases and source file
    /// names. Default 255.
    pub name_len: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            input_bytes: 1 << 20,
            depth: 64,
            nodes: 10_000,
            list_len: 1_000,
            clauses: 64,
            joins: 16,
            name_len: 255,
        }
    }
}

impl Limits {
    /// The depth bound in force: [`Limits::depth`], capped at [`MAX_EXPR_DEPTH`].
    pub fn effective_depth(&self) -> usize {
        self.depth.min(MAX_EXPR_DEPTH)
    }
}

/// Which of the [`Limits`] a query went past.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::input_bytes`].
    InputBytes,
    /// [`Limits::depth`].
    Depth,
    /// [`Limits::nodes`].
    Nodes,
    /// [`Limits::list_len`].
    ListLength,
    /// [`Limits::clauses`], for clauses of this kind.
    Clauses(Clause),
    /// [`Limits::joins`].
    Joins,
    /// [`Limits::name_len`].
    NameLength,
    /// [`MAX_NESTING`]: set-operation members nested deeper.
    Nesting,
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::InputBytes => f.write_str("input size in bytes"),
            Limit::Depth => f.write_str("expression depth"),
            Limit::Nodes => f.write_str("number of expression nodes"),
            Limit::ListLength => f.write_str("list length"),
            Limit::Clauses(clause) => write!(f, "number of `{clause}` clauses"),
            Limit::Joins => f.write_str("number of joins"),
            Limit::NameLength => f.write_str("name length in bytes"),
            Limit::Nesting => f.write_str("nesting depth of set-operation members"),
        }
    }
}

/// `Err` if `count` is past `max`.
pub(crate) fn within(count: usize, max: usize, limit: Limit) -> Result<(), Error> {
    if count > max {
        return Err(Error::LimitExceeded { limit, max });
    }
    Ok(())
}

/// How deeply queries may nest in a statement: a set-operation member of a member, a
/// subquery in a subquery, in any mix.
pub const MAX_NESTING: usize = 16;

/// Checks every limit but the input size against a query's clauses and those of the
/// queries nested in it (with a work list: a deep nesting is an error, not a deep stack).
/// The node count covers the whole statement.
pub(crate) fn check(data: &QueryData, limits: &Limits) -> Result<(), Error> {
    let mut walk = Walk {
        limits,
        nodes: 0,
        pending: Vec::new(),
        nested: Vec::new(),
    };
    let mut queries = vec![(data, 0)];
    while let Some((query, depth)) = queries.pop() {
        within(depth, MAX_NESTING, Limit::Nesting)?;
        within(
            query.combinations.len(),
            limits.clauses,
            Limit::Clauses(Clause::Combinations),
        )?;
        for combination in &query.combinations {
            walk.location(&combination.at)?;
            queries.push((&combination.query, depth + 1));
        }
        if let Some(with) = &query.with_ctes {
            within(
                with.queries.len(),
                limits.clauses,
                Limit::Clauses(Clause::WithCtes),
            )?;
            for cte in &with.queries {
                walk.name(&cte.name)?;
                walk.location(&cte.at)?;
                queries.push((&cte.query, depth + 1));
            }
        }
        check_one(query, &mut walk)?;
        queries.extend(walk.nested.drain(..).map(|nested| (nested, depth + 1)));
    }
    Ok(())
}

/// Checks one level's clauses (not its members').
fn check_one<'q>(data: &'q QueryData, walk: &mut Walk<'_, 'q>) -> Result<(), Error> {
    let limits = walk.limits;
    let QueryData {
        from,
        joins,
        wheres,
        select,
        distinct,
        group_bys,
        havings,
        order_bys,
        limit,
        offset,
        combinations: _,
        with_ctes: _,
    } = data;
    within(joins.len(), limits.joins, Limit::Joins)?;
    for (count, clause) in [
        (wheres.len(), Clause::Where),
        (havings.len(), Clause::Having),
        (group_bys.len(), Clause::GroupBy),
        (order_bys.len(), Clause::OrderBy),
    ] {
        within(count, limits.clauses, Limit::Clauses(clause))?;
    }
    let From { source, name, at } = from;
    walk.source(source, name.as_deref(), at)?;
    for Join {
        kind: _,
        source,
        on,
        name,
        at,
    } in joins
    {
        walk.source(source, name.as_deref(), at)?;
        walk.expr(on)?;
    }
    for BoolClause { op: _, expr, at } in wheres.iter().chain(havings) {
        walk.location(at)?;
        walk.expr(expr)?;
    }
    if let Some(SelectClause {
        select,
        at,
        replaced,
    }) = select
    {
        walk.location(at)?;
        replaced.iter().try_for_each(|at| walk.location(at))?;
        walk.select(select)?;
    }
    if let Some(Distinct {
        distinct: _,
        at,
        replaced,
    }) = distinct
    {
        walk.location(at)?;
        replaced.iter().try_for_each(|at| walk.location(at))?;
    }
    for GroupBy { exprs, at } in group_bys {
        walk.location(at)?;
        walk.list(exprs.len())?;
        exprs.iter().try_for_each(|expr| walk.expr(expr))?;
    }
    for OrderBy { terms, at } in order_bys {
        walk.location(at)?;
        walk.list(terms.len())?;
        for OrderTerm { direction: _, expr } in terms {
            walk.expr(expr)?;
        }
    }
    for LimitOffset { expr, at } in limit.iter().chain(offset) {
        walk.location(at)?;
        walk.expr(expr)?;
    }
    Ok(())
}
