//! Grouping, checked as PostgreSQL checks it, so that a query means the same on every
//! engine: MariaDB (without `ONLY_FULL_GROUP_BY`) and SQLite run an ungrouped column and
//! answer with the value of an arbitrary row of each group, which PostgreSQL rejects.
//!
//! A query is aggregated when it has `group_by:` terms, an aggregate in `select:`,
//! `having:` or `order_by:`, or a `having:`. Then every column that `select:`, `having:` and
//! `order_by:` use outside an aggregate must sit inside a sub-expression structurally equal
//! to a `group_by:` term (two parameters with equal values are equal), or belong to a
//! binding whose schema's primary key columns are all bare `group_by:` terms: PostgreSQL's
//! functional-dependency rule
//! (<https://www.postgresql.org/docs/current/sql-select.html#SQL-GROUPBY>). A schemaless
//! binding has no known key.
//!
//! Aggregates may appear only in `select:`, `having:` and `order_by:`, and never inside
//! another aggregate's argument; every engine rejects the rest, with different messages.

use recto_core::{Clause, Error};

use crate::bindings::Scope;
use crate::describe::describe;
use crate::exprs::{ExprId, Exprs};
use crate::planned::{Binding, OuterRef, PlannedExpr};
use crate::walk::{self, Step};

/// Checks where an aggregate was written: `aggregate` is the planned call, `nested` whether
/// it sits inside another aggregate's argument.
pub(crate) fn check_aggregate(
    scope: &Scope<'_, '_>,
    nested: bool,
    exprs: &Exprs<'_>,
    aggregate: ExprId,
) -> Result<(), Error> {
    let misplaced = match scope.clause {
        Clause::Select | Clause::Having | Clause::OrderBy => None,
        Clause::Where => Some(
            "a `where:` condition is tested row by row: put conditions on aggregates in `having:`",
        ),
        Clause::Join => Some("a join's `on:` is tested row by row, before any grouping"),
        Clause::GroupBy => Some("a group cannot be defined by an aggregate over itself"),
        _ => Some("aggregates belong in `select:`, `having:` and `order_by:`"),
    };
    if let Some(why) = misplaced {
        let what = describe(exprs, aggregate);
        return Err(scope.invalid(format!("the aggregate `{what}` is not allowed here: {why}")));
    }
    if nested {
        let what = describe(exprs, aggregate);
        return Err(scope.invalid(format!(
            "the aggregate `{what}` is inside another aggregate's argument, which no engine \
             computes: aggregate in a subquery first"
        )));
    }
    Ok(())
}

/// Whether a query with these `group_by:` terms and `having:` condition is aggregated, when
/// `aggregates` tells whether its `select:`, `having:` or `order_by:` call an aggregate.
pub(crate) fn aggregated(group_by: &[ExprId], having: Option<ExprId>, aggregates: bool) -> bool {
    !group_by.is_empty() || having.is_some() || aggregates
}

/// The `group_by:` terms of a query and what they make available outside aggregates.
pub(crate) struct Grouping<'p, 'q> {
    terms: &'p [ExprId],
    bindings: &'p [Binding<'q>],
    /// For each binding, whether its whole primary key is grouped, which groups each of its
    /// fields; empty (no binding keyed) without `group_by:` terms.
    keyed: Vec<bool>,
}

impl<'p, 'q> Grouping<'p, 'q> {
    /// The grouping of a query with these terms (nodes of `exprs`) and bindings.
    #[inline]
    pub(crate) fn new(terms: &'p [ExprId], bindings: &'p [Binding<'q>], exprs: &Exprs<'q>) -> Self {
        let grouped = |index: usize, key: &str| {
            terms.iter().any(|term| {
                matches!(exprs.get(*term), PlannedExpr::Column(column)
                    if column.alias.index == index && column.field == key)
            })
        };
        // Without terms no key is grouped, and most queries have none: nothing to allocate.
        let keyed = if terms.is_empty() {
            Vec::new()
        } else {
            bindings
                .iter()
                .enumerate()
                .map(|(index, binding)| {
                    binding.schema.is_some_and(|schema| {
                        !schema.primary_key.is_empty()
                            && schema.primary_key.iter().all(|key| grouped(index, key))
                    })
                })
                .collect()
        };
        Grouping {
            terms,
            bindings,
            keyed,
        }
    }

    /// Checks that `expr` (a node of `exprs`), written in `scope`'s clause, uses columns only
    /// inside grouped expressions or aggregates, or of a binding whose key is grouped.
    pub(crate) fn check(
        &self,
        scope: &Scope<'_, '_>,
        exprs: &Exprs<'q>,
        expr: ExprId,
    ) -> Result<(), Error> {
        // The walk goes from the last operand to the first, so the column it records last
        // is the first one written, which the error names.
        let mut ungrouped = None;
        let own = self.bindings.first().map(|binding| binding.alias.query);
        walk::visit(exprs, expr, |id, node| {
            if self.terms.iter().any(|term| exprs.same(*term, id)) {
                return Step::Skip;
            }
            match node {
                PlannedExpr::Aggregate { .. } => Step::Skip,
                // Raw SQL may aggregate its arguments (`fragment("string_agg(?, ',')", x)`),
                // which the planner cannot tell: the engine checks its grouping.
                PlannedExpr::Fragment { .. } => Step::Skip,
                // A column of an enclosing query is one value for the whole of this one.
                PlannedExpr::Column(column) if Some(column.alias.query) != own => Step::Skip,
                PlannedExpr::Column(column) => {
                    if !self.keyed.get(column.alias.index).copied().unwrap_or(false) {
                        ungrouped = Some((column, id));
                    }
                    Step::Skip
                }
                // A subquery's references to this query's columns are read per group too.
                PlannedExpr::Subquery { query, .. } => {
                    let outer = exprs.query(*query).outer.iter();
                    let mine = outer.filter(|outer| outer.levels == 1);
                    for OuterRef { levels: _, column } in mine {
                        let grouped = self.terms.iter().any(|term| {
                            matches!(exprs.get(*term), PlannedExpr::Column(c) if c == column)
                        });
                        let keyed = self.keyed.get(column.alias.index).copied();
                        if !grouped && !keyed.unwrap_or(false) {
                            ungrouped = Some((column, id));
                        }
                    }
                    Step::Descend
                }
                _ => Step::Descend,
            }
        });
        let Some((column, id)) = ungrouped else {
            return Ok(());
        };
        let table = self
            .bindings
            .get(column.alias.index)
            .map_or("?", |binding| binding.table);
        Err(scope.invalid(format!(
            "the field `{}` of `{table}` (`{}`) is neither grouped nor inside an \
             aggregate: add it to `group_by:`, aggregate it (`max(..)`), or group \
             by the primary key of `{table}` (PostgreSQL rejects the query, and \
             the other engines would answer with an arbitrary row's value)",
            column.field,
            describe(exprs, id),
        )))
    }
}
