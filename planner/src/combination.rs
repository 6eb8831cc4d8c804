//! Set operations: each member planned with its own bindings (aliases prefixed by the
//! member's number), checked to select as many columns as the query, of the same types, and
//! the query's
//! `order_by:`, `limit:` and `offset:` moved to the combined rows, as in Ecto. A sort term
//! of combined rows must be one of the selected columns: the engines sort a compound by
//! its result columns only.

use recto_core::{Clause, Combination, Error, OrderBy, Ty};

use crate::bindings::Context;
use crate::planned::{Combined, CombinedOrder, Member, OrderItem, Planned};

/// Plans `combinations` as members of `planned` (a query planned in `context`), whose
/// `order_by:` clauses are `order_bys`. Each member is nested one level deeper, in the same
/// enclosing query: `parent_as` reaches from a member what it reaches from `planned`.
pub(crate) fn combine<'q>(
    planned: &mut Planned<'q>,
    combinations: &'q [Combination],
    order_bys: &'q [OrderBy],
    context: Context<'_, 'q>,
) -> Result<(), Error> {
    let places = order_bys
        .iter()
        .flat_map(|OrderBy { terms, at }| terms.iter().map(move |_| at));
    let mut order_by = Vec::with_capacity(planned.order_by.len());
    for (OrderItem { expr, direction }, at) in planned.order_by.iter().zip(places) {
        let column = planned
            .select
            .iter()
            .position(|item| planned.exprs.same(item.expr, *expr))
            .ok_or_else(|| Error::InvalidClause {
                clause: Clause::OrderBy,
                reason: "a query with set operations sorts the combined rows, so each sort term must be one of its selected columns".to_owned(),
                at: at.clone(),
            })?;
        order_by.push(CombinedOrder {
            column,
            direction: *direction,
            nullable: planned.exprs.nullable(planned.select[column].expr),
        });
    }
    let mut members = Vec::with_capacity(combinations.len());
    for Combination { op, query, at } in combinations {
        let member = crate::plan_level(query, context.nested(context.outer))?;
        if member.select.len() != planned.select.len() {
            return Err(Error::InvalidClause {
                clause: Clause::Combinations,
                reason: format!(
                    "the `{}:` member selects {} column(s) where the query selects {}: every member of a set operation selects as many columns",
                    op.name(),
                    member.select.len(),
                    planned.select.len()
                ),
                at: at.clone(),
            });
        }
        // Columns of different types would be combined by each engine its own way (or
        // refused): a typed error here instead. A column of unknown type (a NULL) is left
        // to the engine.
        let columns = planned.select.iter().zip(&member.select).enumerate();
        for (n, (ours, theirs)) in columns {
            if let (Some(ours), Some(theirs)) =
                (planned.exprs.ty(ours.expr), member.exprs.ty(theirs.expr))
                && ours != theirs
            {
                return Err(Error::InvalidClause {
                    clause: Clause::Combinations,
                    reason: format!(
                        "column {} of the `{}:` member is of type {theirs:?} where the query's is of type {ours:?}: every member of a set operation selects columns of the same types",
                        n + 1,
                        op.name()
                    ),
                    at: at.clone(),
                });
            }
            // Decimals of different scales would combine as different values where a
            // decimal is a scaled integer (SQLite), and as equal ones elsewhere.
            let scales = (
                planned.exprs.scale(ours.expr),
                member.exprs.scale(theirs.expr),
            );
            if planned.exprs.ty(ours.expr) == Some(Ty::Decimal) && scales.0 != scales.1 {
                return Err(Error::InvalidClause {
                    clause: Clause::Combinations,
                    reason: format!(
                        "column {} of the `{}:` member is a decimal of scale {} where the query's has scale {}: every member of a set operation selects decimals of the same scales",
                        n + 1,
                        op.name(),
                        shown(scales.1),
                        shown(scales.0)
                    ),
                    at: at.clone(),
                });
            }
        }
        for term in &mut order_by {
            term.nullable |= member.exprs.nullable(member.select[term.column].expr);
        }
        planned.size.nodes += member.size.nodes;
        planned.size.params += member.size.params;
        planned.outer.extend_from_slice(&member.outer);
        members.push(Member {
            op: *op,
            query: member,
        });
    }
    planned.order_by.clear();
    planned.combined = Some(Box::new(Combined {
        members,
        order_by,
        limit: planned.limit.take(),
        offset: planned.offset.take(),
    }));
    Ok(())
}

/// A scale for a message.
fn shown(scale: Option<u32>) -> String {
    scale.map_or_else(|| "unknown".to_owned(), |scale| scale.to_string())
}
