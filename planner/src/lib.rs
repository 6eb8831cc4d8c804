//! recto-planner: turns a [`Query`](recto_core::Query)'s clauses into a [`Planned`] query —
//! bindings resolved to tables and aliases, fields checked against schemas and turned into
//! columns, `where`/`having` lists combined, `select: u` expanded, `limit`/`offset` checked.
//!
//! It also rejects what the engines would run differently or not at all: constant sort and
//! group terms, non-boolean conditions, unselected sort terms under `distinct: true`,
//! ungrouped columns and misplaced aggregates, empty identifiers, and nesting past its depth
//! limit (`docs/architecture.md`, "What the planner rejects").
//!
//! It knows no SQL: how any of this is spelled is the adapters' business. Every problem it
//! finds is a typed [`Error`] naming the clause and where it was written; it never panics.
//!
//! ```
//! use recto_core::{BinOp, BindingRef, Expr, Query, Value};
//! use recto_planner::{plan, PlannedExpr};
//!
//! let q = Query::table("users")
//!     .filter(Expr::binary(BinOp::Ge, Expr::field(BindingRef::Index(0), "age"), Expr::Param(Value::I32(18))))
//!     .select(recto_core::Select::One(recto_core::Selected::Expr(Expr::field(BindingRef::Index(0), "id"))));
//! let planned = plan(q.data()).unwrap();
//! assert_eq!(planned.from.alias.to_string(), "u0");
//! let filter = planned.filter.map(|id| planned.expr(id));
//! assert!(matches!(filter, Some(PlannedExpr::Binary { op: BinOp::Ge, .. })));
//! ```

#![warn(missing_docs)]

mod bindings;
mod capacity;
mod combination;
mod cte;
mod decimal;
mod describe;
mod expr;
mod exprs;
mod filter;
mod grouping;
mod lateral;
mod limit_offset;
mod names;
mod nesting;
mod nullable;
mod planned;
mod scope;
mod select;
mod terms;
mod ty;
mod values;
mod walk;

use recto_core::{
    Clause, Distinct, Error, GroupBy, Join, JoinKind, Limit, MAX_NESTING, OrderBy, OrderTerm,
    QueryData,
};

use crate::bindings::{Context, Level, Scope, Statement};
use crate::cte::CteScope;
pub use crate::decimal::{DIVISION_EXTRA_SCALE, MAX_SCALE, quotient_scale};
use crate::expr::{Draft, Resolver};
pub use crate::exprs::{ExprId, ExprList, Exprs};
use crate::grouping::Grouping;
pub use crate::planned::{
    Alias, Binding, ColumnRef, Combined, CombinedOrder, Count, Member, OrderItem, OuterRef,
    Planned, PlannedCte, PlannedExpr, PlannedJoin, QueryId, SelectItem, SizeHint, TopN,
};

/// Plans a query: resolves, checks and normalizes its clauses.
///
/// Bindings: 0 is the source, 1.. the joins in order; a join's `on:` may refer only to the
/// bindings up to and including its own. Errors name the clause and its location:
/// [`Error::UnknownField`], [`Error::UnknownBinding`], [`Error::BindingOutOfRange`],
/// [`Error::DuplicateBinding`], [`Error::MissingSelect`] and [`Error::InvalidClause`] (for
/// every rule of the crate documentation, with the offending expression in its reason).
///
/// Set operations (`union:` and the others) plan each member with its own bindings, whose
/// aliases are prefixed by the member's number; the query's `order_by:`, `limit:` and
/// `offset:` then apply to the combined rows ([`Combined`]).
pub fn plan(query: &QueryData) -> Result<Planned<'_>, Error> {
    let statement = Statement::default();
    let context = Context {
        outer: None,
        ctes: None,
        defining: None,
        statement: &statement,
        depth: 0,
    };
    plan_level(query, context)
}

/// Plans one query of a statement: the statement's own, a set-operation member, a subquery
/// or a derived table, numbered in planning order, nested as `context` says.
fn plan_level<'q>(query: &'q QueryData, context: Context<'_, 'q>) -> Result<Planned<'q>, Error> {
    if context.depth > MAX_NESTING {
        return Err(Error::LimitExceeded {
            limit: Limit::Nesting,
            max: MAX_NESTING,
        });
    }
    let number = context.statement.take();
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
        combinations,
        with_ctes,
    } = query;
    // The CTEs first: the query's sources and nested queries read them. (Set up only
    // where there are some: nearly every query has none.)
    let (entries, own);
    let mut ctes = Vec::new();
    let context = match with_ctes {
        Some(with) => {
            entries = cte::entries(with);
            ctes = cte::plan(with, &entries, context)?;
            own = CteScope {
                entries: &entries,
                outer: context.ctes,
            };
            Context {
                ctes: Some(&own),
                ..context
            }
        }
        None => context,
    };
    let bindings::Resolved {
        bindings,
        derived,
        top_n,
    } = bindings::resolve(from, joins, number, context)?;
    let root = bindings[0];
    let level = Level {
        bindings: &bindings,
        derived: &derived,
        context,
        select: select.as_ref().map(|clause| &clause.select),
    };
    let level = &level;
    let mut draft = Draft::new(capacity::arena(query, level));

    let mut planned_joins = Vec::with_capacity(joins.len());
    for (position, (join, binding)) in joins.iter().zip(bindings.iter().skip(1)).enumerate() {
        let Join {
            kind,
            source: _,
            on,
            name: _,
            at,
        } = join;
        let scope = Scope::join(level, position + 1, at);
        let on = if *kind == JoinKind::Cross {
            // A cross join carries `Join::CROSS_ON`, which stands for no condition.
            if *on != Join::CROSS_ON {
                return Err(scope.invalid(
                    "a cross join pairs every row with every row and takes no `on:` condition; use an inner join for one",
                ));
            }
            None
        } else {
            let on = Resolver::new(scope, &mut draft).resolve(on, 0)?;
            terms::expect_boolean(&scope, "a join condition", &draft.exprs, on)?;
            Some(on)
        };
        planned_joins.push(PlannedJoin {
            kind: *kind,
            binding: *binding,
            on,
            top_n: top_n
                .iter()
                .find(|(join, _)| *join == position)
                .map(|(_, shape)| *shape),
        });
    }

    let filter = filter::combine(wheres, Clause::Where, level, &mut draft, |_, _, _| Ok(()))?;
    let select_at = select.as_ref().map_or(&from.at, |clause| &clause.at);
    if let Some(clause) = select {
        names::check_select(clause)
            .map_err(|reason| Scope::all(level, Clause::Select, select_at).invalid(reason))?;
    }
    let mut select = select::expand(select.as_ref(), &root, &from.at, level, &mut draft)?;
    // The base of a recursive CTE gives the CTE's columns, which its step reads.
    if let Some(entry) = context.defining
        && !combinations.is_empty()
    {
        cte::publish_base(entry, &draft.exprs, &mut select, &from.at)?;
    }
    let distinct = match distinct {
        Some(Distinct {
            distinct,
            at,
            replaced,
        }) => {
            select::once(Clause::Distinct, replaced.as_ref(), at)?;
            *distinct
        }
        None => false,
    };

    let mut group_by = Vec::with_capacity(group_bys.iter().map(|clause| clause.exprs.len()).sum());
    for GroupBy { exprs, at } in group_bys {
        let mut resolver = Resolver::new(Scope::all(level, Clause::GroupBy, at), &mut draft);
        for expr in exprs {
            group_by.push(resolver.resolve_term(expr)?);
        }
    }

    // A `having:` makes the query aggregated, so each condition is checked as it is planned.
    let grouping = Grouping::new(&group_by, &bindings, &draft.exprs);
    let having = filter::combine(
        havings,
        Clause::Having,
        level,
        &mut draft,
        |scope, exprs, expr| grouping.check(scope, exprs, expr),
    )?;

    let mut order_by = Vec::with_capacity(order_bys.iter().map(|clause| clause.terms.len()).sum());
    for OrderBy { terms, at } in order_bys {
        let mut resolver = Resolver::new(Scope::all(level, Clause::OrderBy, at), &mut draft);
        for OrderTerm { direction, expr } in terms {
            order_by.push(OrderItem {
                expr: resolver.resolve_term(expr)?,
                direction: *direction,
            });
        }
    }
    // The scope of each sort term's clause, in the order of `order_by`, for the checks that
    // need the whole query first.
    let order_scopes = || {
        order_bys.iter().flat_map(|OrderBy { terms, at }| {
            let scope = Scope::all(level, Clause::OrderBy, at);
            terms.iter().map(move |_| scope)
        })
    };
    let Draft {
        exprs,
        mut size,
        aggregates,
        outer,
    } = draft;
    if grouping::aggregated(&group_by, having, aggregates) {
        let scope = Scope::all(level, Clause::Select, select_at);
        for SelectItem { expr, alias: _ } in &select {
            grouping.check(&scope, &exprs, *expr)?;
        }
        for (OrderItem { expr, direction: _ }, scope) in order_by.iter().zip(order_scopes()) {
            grouping.check(&scope, &exprs, *expr)?;
        }
    }
    if distinct {
        terms::check_distinct_order(&exprs, &select, &order_by, order_scopes())?;
    }

    let limit = limit_offset::count(limit.as_ref(), Clause::Limit)?;
    let offset = limit_offset::count(offset.as_ref(), Clause::Offset)?;
    size.params += usize::from(matches!(limit, Some(Count::Param(_))))
        + usize::from(matches!(offset, Some(Count::Param(_))));
    // Each node of the arena is one expression node; the bindings count too.
    size.nodes += exprs.len() + bindings.len();
    // A values list's values are parameters too.
    size.params += bindings
        .iter()
        .filter_map(|binding| binding.values)
        .map(|values| values.rows.iter().map(Vec::len).sum::<usize>())
        .sum::<usize>();

    let mut planned = Planned {
        distinct,
        exprs,
        select,
        from: root,
        joins: planned_joins,
        filter,
        group_by,
        having,
        order_by,
        limit,
        offset,
        size,
        combined: None,
        derived,
        outer,
        ctes,
        recursive_ctes: with_ctes.as_ref().is_some_and(|with| with.recursive),
    };
    if !planned.derived.is_empty() {
        absorb_derived(&mut planned);
    }
    if !combinations.is_empty() {
        combination::combine(&mut planned, combinations, order_bys, context)?;
    }
    Ok(planned)
}

/// Adds the sizes and the outer references of `planned`'s derived tables to its own. Out of
/// line: most queries have no derived table.
#[inline(never)]
fn absorb_derived(planned: &mut Planned<'_>) {
    for (n, nested) in planned.derived.iter().enumerate() {
        planned.size.nodes += nested.size.nodes;
        planned.size.params += nested.size.params;
        let lateral = planned
            .joins
            .iter()
            .any(|join| join.kind.is_lateral() && join.binding.derived == Some(n));
        if lateral {
            // A lateral subquery is nested in this query: its references one level up are
            // to this query's bindings, the others one level less up from here.
            planned.outer.extend(
                nested
                    .outer
                    .iter()
                    .filter(|r| r.levels > 1)
                    .map(|r| OuterRef {
                        levels: r.levels - 1,
                        column: r.column,
                    }),
            );
        } else {
            // A derived table is planned in this query's context: its references to
            // enclosing queries count from the same place as this query's.
            planned.outer.extend_from_slice(&nested.outer);
        }
    }
}
