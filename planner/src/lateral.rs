//! Lateral joins: which ones a dialect without `LATERAL` can still print, by lifting the
//! subquery's correlation into the join ([`TopN`], `docs/nesting.md`). The planner decides
//! *what* is lifted; how the rows are numbered and compared is the writer's business.

use recto_core::{BinOp, Direction, JoinKind, Ty};

use crate::planned::{Alias, ColumnRef, OrderItem, Planned, PlannedExpr, TopN};
use crate::{Count, ExprId};

/// Makes the sort of a limited lateral subquery over one schema total, by appending the
/// schema's primary key columns it does not sort by yet: each engine then keeps the same
/// rows of each key, natively and through the top-N rewrite alike. A subquery with joins,
/// groups, `distinct:` or set operations is left as written (its sort must be total by the
/// user's hand, as for any `limit:`).
pub(crate) fn total_order(planned: &mut Planned<'_>) {
    let limited = planned.limit.is_some() || planned.offset.is_some();
    let plain = planned.joins.is_empty()
        && planned.group_by.is_empty()
        && planned.having.is_none()
        && !planned.distinct
        && planned.combined.is_none();
    let Some(schema) = planned.from.schema.filter(|_| limited && plain) else {
        return;
    };
    let binding = planned.from;
    for key in schema.primary_key.iter() {
        let Some(field) = schema.field(key) else {
            continue;
        };
        let sorted = planned.order_by.iter().any(|term| {
            matches!(planned.exprs.get(term.expr), PlannedExpr::Column(column)
                if column.alias == binding.alias && column.column == field.column)
        });
        if sorted {
            continue;
        }
        let expr = planned
            .exprs
            .push(PlannedExpr::Column(ColumnRef::of_field(&binding, field)));
        planned.order_by.push(OrderItem {
            expr,
            direction: Direction::Asc,
        });
    }
}

/// The top-N shape of the lateral subquery `planned`, whose references one level up are to
/// the query it is joined in; `None` for any other shape. Records the lifted equalities'
/// sides and the kept conjuncts as lists of `planned`'s arena.
pub(crate) fn top_n(planned: &mut Planned<'_>) -> Option<TopN> {
    let Planned {
        distinct,
        exprs,
        select,
        from,
        joins,
        filter,
        group_by,
        having,
        order_by,
        limit,
        offset,
        size: _,
        combined,
        derived: _,
        outer,
        ctes,
        recursive_ctes: _,
    } = &*planned;
    // A subquery with its own CTEs is printed whole, `WITH` first.
    if !ctes.is_empty() {
        return None;
    }
    // The rewrite adds columns named `lateral_k0, ..` and `lateral_rn` beside the selected
    // ones.
    if select.iter().any(|item| {
        item.alias
            .is_some_and(|alias| alias.starts_with("lateral_"))
    }) {
        return None;
    }
    // A lateral aggregate gives a row (`count(*)` = 0) for a group the join would leave
    // NULL; `distinct:`, groups and set operations do not number rows per key.
    if *distinct || !group_by.is_empty() || having.is_some() || combined.is_some() {
        return None;
    }
    if select.iter().any(|item| exprs.has_aggregate(item.expr))
        || order_by.iter().any(|term| exprs.has_aggregate(term.expr))
    {
        return None;
    }
    // Inner, left and cross joins keep the subquery a plain derived table; the others may
    // be printed through derived tables of their own.
    if !joins.iter().all(|join| {
        matches!(
            join.kind,
            JoinKind::Inner | JoinKind::Left | JoinKind::Cross
        )
    }) {
        return None;
    }
    if !matches!(limit, None | Some(Count::Literal(_) | Count::Param(_)))
        || !matches!(offset, None | Some(Count::Literal(_) | Count::Param(_)))
    {
        return None;
    }
    // The lifted table cannot see a query further out.
    if outer.iter().any(|reference| reference.levels != 1) {
        return None;
    }
    let own: Vec<Alias> = std::iter::once(from.alias)
        .chain(joins.iter().map(|join| join.binding.alias))
        .collect();
    let foreign = |node: &PlannedExpr<'_>| matches!(node, PlannedExpr::Column(column) if !own.contains(&column.alias));

    let mut conjuncts = Vec::new();
    let mut stack: Vec<ExprId> = filter.iter().copied().collect();
    while let Some(id) = stack.pop() {
        match exprs.get(id) {
            PlannedExpr::Binary {
                op: BinOp::And,
                left,
                right,
            } => {
                stack.push(*right);
                stack.push(*left);
            }
            _ => conjuncts.push(id),
        }
    }
    let mut lifted = Vec::new();
    let mut kept = Vec::new();
    for id in conjuncts {
        let sides = match exprs.get(id) {
            PlannedExpr::Binary {
                op: BinOp::Eq,
                left,
                right,
            } => [(*left, *right), (*right, *left)]
                .into_iter()
                .find(|(inner, outer)| {
                    foreign(exprs.get(*outer)) && !exprs.contains(*inner, foreign)
                }),
            _ => None,
        };
        match sides {
            // The writer compares the lifted sides with the engine's own `=`, which recto
            // spells differently for decimals and JSON documents.
            Some((inner, _)) if matches!(exprs.ty(inner), Some(Ty::Decimal | Ty::Json)) => {
                return None;
            }
            Some(pair) => lifted.push(pair),
            None => kept.push(id),
        }
    }
    // Every reference to the query the subquery is joined in must be one lifted: one in a
    // kept conjunct, the select list, the sort or a nested query stays correlated.
    if outer.len() != lifted.len() {
        return None;
    }
    let exprs = &mut planned.exprs;
    let inner = exprs.reserve_list(lifted.len());
    let outer = exprs.reserve_list(lifted.len());
    for (position, (inner_side, outer_side)) in lifted.into_iter().enumerate() {
        exprs.set(inner, position, inner_side);
        exprs.set(outer, position, outer_side);
    }
    let kept_list = exprs.reserve_list(kept.len());
    for (position, id) in kept.into_iter().enumerate() {
        exprs.set(kept_list, position, id);
    }
    Some(TopN {
        inner,
        outer,
        kept: kept_list,
    })
}
