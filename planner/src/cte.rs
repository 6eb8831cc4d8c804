//! Common table expressions: each CTE of a query's `WITH` planned in order, in a scope that
//! holds the CTEs before it (and itself, under `recursive_ctes: true`) and those of the
//! queries around; a source that names a CTE in scope reads it, by its columns' names.
//!
//! A recursive CTE is a union of a base and a step that reads it: the base is planned
//! first, and its select gives the CTE's columns (each taken to be nullable: the step's rows
//! are not known yet) before the step is planned. The engines refuse a step with an
//! aggregate, `DISTINCT`, grouping, its own sort or counts, or two references to the CTE,
//! and differ on a base that reads it: each is a typed error here.

use std::cell::{Cell, OnceCell};

use recto_core::{Clause, Cte, Error, Location, SetOp, Ty, WithCtes};

use crate::bindings::{Context, Level};
use crate::exprs::Exprs;
use crate::planned::{Binding, ColumnRef, Planned, PlannedCte, SelectItem};

/// A column of a CTE, as the queries that read it see it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CteColumn<'q> {
    pub(crate) name: &'q str,
    pub(crate) ty: Option<Ty>,
    pub(crate) decimal: Option<(u8, u8)>,
    pub(crate) nullable: bool,
}

/// A CTE in scope: its name and, once its query (or a recursive one's base) is planned,
/// its columns.
pub(crate) struct CteEntry<'q> {
    pub(crate) name: &'q str,
    pub(crate) columns: OnceCell<Vec<CteColumn<'q>>>,
    /// How many sources have read it so far.
    pub(crate) reads: Cell<usize>,
}

/// The CTEs a query sees: its own (those planned so far) and its enclosing queries'.
pub(crate) struct CteScope<'a, 'q> {
    pub(crate) entries: &'a [CteEntry<'q>],
    pub(crate) outer: Option<&'a CteScope<'a, 'q>>,
}

impl<'a, 'q> CteScope<'a, 'q> {
    /// The nearest CTE named `name`.
    pub(crate) fn find(&self, name: &str) -> Option<&'a CteEntry<'q>> {
        let mut scope = Some(self);
        while let Some(current) = scope {
            if let Some(entry) = current.entries.iter().rev().find(|e| e.name == name) {
                return Some(entry);
            }
            scope = current.outer;
        }
        None
    }
}

/// The columns of the CTE `binding` reads, `level` being its query's.
fn columns_of<'a, 'q>(binding: &Binding<'q>, level: &Level<'a, 'q>) -> Option<&'a [CteColumn<'q>]> {
    let entry = level.context.ctes?.find(binding.table)?;
    entry.columns.get().map(Vec::as_slice)
}

/// The column `name` of `binding`, which reads a CTE.
pub(crate) fn column<'q>(
    binding: &Binding<'q>,
    level: &Level<'_, 'q>,
    name: &str,
) -> Option<ColumnRef<'q>> {
    let column = columns_of(binding, level)?
        .iter()
        .find(|c| c.name == name)?;
    Some(ColumnRef {
        alias: binding.alias,
        column: column.name,
        field: column.name,
        ty: column.ty,
        decimal: column.decimal,
        nullable: column.nullable || binding.nullable,
    })
}

/// Every column of `binding`, which reads a CTE.
pub(crate) fn all_columns<'q>(binding: &Binding<'q>, level: &Level<'_, 'q>) -> Vec<ColumnRef<'q>> {
    columns_of(binding, level)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| column(binding, level, c.name))
        .collect()
}

/// The names of the columns of the CTE `binding` reads, for an error.
pub(crate) fn column_names<'q>(binding: &Binding<'q>, level: &Level<'_, 'q>) -> String {
    let names: Vec<String> = columns_of(binding, level)
        .unwrap_or_default()
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect();
    names.join(", ")
}

/// The entries of a query's CTEs, before any is planned.
pub(crate) fn entries<'q>(with: &'q WithCtes) -> Vec<CteEntry<'q>> {
    with.queries
        .iter()
        .map(|cte| CteEntry {
            name: &cte.name,
            columns: OnceCell::new(),
            reads: Cell::new(0),
        })
        .collect()
}

/// Plans the CTEs of `with` (whose entries are `entries`) as queries nested in a query
/// planned in `context`.
pub(crate) fn plan<'q>(
    with: &'q WithCtes,
    entries: &[CteEntry<'q>],
    context: Context<'_, 'q>,
) -> Result<Vec<PlannedCte<'q>>, Error> {
    let WithCtes { recursive, queries } = with;
    let mut planned = Vec::with_capacity(queries.len());
    for (n, cte) in queries.iter().enumerate() {
        let Cte {
            name,
            query,
            materialized,
            at,
        } = cte;
        if name.is_empty() {
            return Err(invalid(at, "a CTE's name is empty".to_owned()));
        }
        if entries[..n].iter().any(|earlier| earlier.name == &**name) {
            return Err(invalid(
                at,
                format!("the query names two CTEs `{name}`: give each its own name"),
            ));
        }
        let entry = &entries[n];
        let visible = if *recursive {
            &entries[..=n]
        } else {
            &entries[..n]
        };
        let scope = CteScope {
            entries: visible,
            outer: context.ctes,
        };
        let mut nested = context.nested(context.outer);
        nested.ctes = Some(&scope);
        nested.defining = recursive.then_some(entry);
        let mut query = crate::plan_level(query, nested)?;
        crate::nesting::name_columns(&query.exprs, &mut query.select, Clause::WithCtes, at)?;
        let reads = entry.reads.get();
        if reads > 0 {
            check_recursive(name, &query, reads, at)?;
        }
        let _ = entry
            .columns
            .set(columns(&query.exprs, &query.select, false));
        planned.push(PlannedCte {
            name,
            query,
            materialized: *materialized,
            recursive: reads > 0,
        });
    }
    Ok(planned)
}

/// Publishes the columns of the recursive CTE `entry` from its base's `select` (of
/// expressions in `exprs`), naming them first. Out of line: only a recursive CTE's base runs
/// it.
#[inline(never)]
pub(crate) fn publish_base<'q>(
    entry: &CteEntry<'q>,
    exprs: &Exprs<'q>,
    select: &mut [SelectItem<'q>],
    at: &Location,
) -> Result<(), Error> {
    crate::nesting::name_columns(exprs, select, Clause::WithCtes, at)?;
    let _ = entry.columns.set(columns(exprs, select, true));
    Ok(())
}

/// The columns a query selects, under the names [`crate::nesting::name_columns`] gave
/// them; every one nullable with `nullable`.
pub(crate) fn columns<'q>(
    exprs: &Exprs<'q>,
    select: &[SelectItem<'q>],
    nullable: bool,
) -> Vec<CteColumn<'q>> {
    select
        .iter()
        .filter_map(|item| {
            let name = item.alias?;
            let ty = exprs.ty(item.expr);
            Some(CteColumn {
                name,
                ty,
                decimal: exprs
                    .scale(item.expr)
                    .filter(|_| ty == Some(Ty::Decimal))
                    .and_then(|scale| u8::try_from(scale).ok())
                    .map(|scale| (0, scale)),
                nullable: nullable || exprs.nullable(item.expr),
            })
        })
        .collect()
}

/// The shape every engine accepts for a CTE that reads itself `reads` times.
fn check_recursive(
    name: &str,
    query: &Planned<'_>,
    reads: usize,
    at: &Location,
) -> Result<(), Error> {
    let Some(combined) = &query.combined else {
        return Err(invalid(
            at,
            format!(
                "the CTE `{name}` reads itself, so it must be a union of a base query and a step query that reads it (`base.union_all(step)`)"
            ),
        ));
    };
    if reads > 1 {
        return Err(invalid(
            at,
            format!("the CTE `{name}` reads itself {reads} times; a recursive step reads it once"),
        ));
    }
    let simple = |q: &Planned<'_>| {
        !q.distinct
            && q.group_by.is_empty()
            && q.having.is_none()
            && q.order_by.is_empty()
            && q.limit.is_none()
            && q.offset.is_none()
            && q.combined.is_none()
            && !q.select.iter().any(|item| q.exprs.has_aggregate(item.expr))
    };
    let unions = combined
        .members
        .iter()
        .all(|member| matches!(member.op, SetOp::Union | SetOp::UnionAll));
    if !unions
        || !combined.order_by.is_empty()
        || combined.limit.is_some()
        || combined.offset.is_some()
        || !combined.members.iter().all(|member| simple(&member.query))
    {
        return Err(invalid(
            at,
            format!(
                "the recursive CTE `{name}` must be `base union step` or `base union_all step`, with no sort, counts, grouping, aggregate or `distinct` in the step, and none on the union"
            ),
        ));
    }
    Ok(())
}

fn invalid(at: &Location, reason: String) -> Error {
    Error::InvalidClause {
        clause: Clause::WithCtes,
        reason,
        at: at.clone(),
    }
}
