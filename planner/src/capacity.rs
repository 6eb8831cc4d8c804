//! How much room to give a plan's arena ([`Exprs`]) before planning, so that it is allocated
//! once for almost every query.
//!
//! Counting the nodes exactly would take a walk of every expression before the walk that
//! plans them, which cost about 6% of rendering the ten-condition query of the benchmarks
//! (as much as several reallocations). Instead the arena gets [`NODES_PER_EXPR`] nodes for
//! each expression a clause holds at its top (a condition, a term, a selected expression),
//! one per operator that combines a clause's conditions, and one per field of a selected
//! binding. Expressions average two to five nodes (`u.age >= ^min` is three), so this
//! covers queries far larger than usual; one with bigger expressions than that, or more
//! than [`MAX_RESERVED`] nodes, grows the arena a few times, doubling, and still never
//! allocates per node.

use recto_core::{Clause, GroupBy, OrderBy, QueryData, Select, SelectClause, Selected};

use crate::bindings::{Level, Scope};
use crate::exprs::Exprs;
use crate::planned::Binding;

/// Nodes reserved for each top-level expression of a clause.
const NODES_PER_EXPR: usize = 8;

/// The most nodes reserved up front. A query with more expressions than
/// this is rare and may hold far fewer nodes than the estimate (a deserialized one with a
/// hundred thousand one-node conditions, say), so past it the arena grows as it fills.
const MAX_RESERVED: usize = 4096;

/// An empty arena with room for the nodes of `query`'s plan, whose bindings are `bindings`
/// (the source first).
pub(crate) fn arena<'q>(query: &'q QueryData, level: &Level<'_, 'q>) -> Exprs<'q> {
    let QueryData {
        from: _,
        joins,
        wheres,
        select,
        distinct: _,
        group_bys,
        havings,
        order_bys,
        limit: _,
        offset: _,
        combinations: _,
        with_ctes: _,
    } = query;
    let (selected, fields) = select_size(select.as_ref(), level);
    let exprs = joins.len()
        + wheres.len()
        + selected
        + group_bys
            .iter()
            .map(|GroupBy { exprs, at: _ }| exprs.len())
            .sum::<usize>()
        + havings.len()
        + order_bys
            .iter()
            .map(|OrderBy { terms, at: _ }| terms.len())
            .sum::<usize>();
    let combining = wheres.len().saturating_sub(1) + havings.len().saturating_sub(1);
    let estimate = NODES_PER_EXPR
        .saturating_mul(exprs)
        .saturating_add(combining)
        .saturating_add(fields);
    Exprs::with_capacity(estimate.min(MAX_RESERVED))
}

/// The selected expressions of `select`, and the fields of the bindings it selects whole.
fn select_size<'q>(select: Option<&'q SelectClause>, level: &Level<'_, 'q>) -> (usize, usize) {
    let fields = |binding: Option<&Binding<'_>>| {
        binding
            .and_then(|binding| binding.schema)
            .map_or(0, |schema| schema.fields.len())
    };
    let Some(SelectClause {
        select,
        at,
        replaced: _,
    }) = select
    else {
        return (0, fields(level.bindings.first()));
    };
    let scope = Scope::all(level, Clause::Select, at);
    let item = |item: &Selected| match item {
        Selected::Binding(reference) => (0, fields(scope.lookup(reference).ok())),
        _ => (1, 0),
    };
    match select {
        Select::One(selected) => item(selected),
        Select::Tuple(items) => items
            .iter()
            .map(item)
            .fold((0, 0), |(e, f), (de, df)| (e + de, f + df)),
        Select::Struct(fields) => fields
            .iter()
            .map(|(_, selected)| item(selected))
            .fold((0, 0), |(e, f), (de, df)| (e + de, f + df)),
        Select::Merge {
            binding,
            fields: merged,
        } => (merged.len(), fields(scope.lookup(binding).ok())),
        _ => (0, 0),
    }
}
