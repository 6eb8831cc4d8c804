//! recto-planner: turns a [`Query`](recto_core::Query)'s clauses into a [`Planned`] query —
//! bindings resolved to tables and aliases, fields checked against schemas and turned into
//! columns, `where`/`having` lists combined, `select: u` expanded, `limit`/`offset` checked.
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
//! assert!(matches!(planned.filter, Some(PlannedExpr::Binary { op: BinOp::Ge, .. })));
//! ```

#![warn(missing_docs)]

mod bindings;
mod expr;
mod filter;
mod limit_offset;
mod nullable;
mod planned;
mod select;
mod ty;

use recto_core::{Clause, Distinct, Error, GroupBy, Join, OrderBy, OrderTerm, QueryData};

use crate::bindings::Scope;
use crate::expr::Resolver;
pub use crate::planned::{
    Alias, Binding, ColumnRef, Count, OrderItem, Planned, PlannedExpr, PlannedJoin, SelectItem,
    SizeHint,
};

/// Plans a query: resolves, checks and normalizes its clauses.
///
/// Bindings: 0 is the source, 1.. the joins in order; a join's `on:` may refer only to the
/// bindings up to and including its own. Errors name the clause and its location:
/// [`Error::UnknownField`], [`Error::UnknownBinding`], [`Error::BindingOutOfRange`],
/// [`Error::DuplicateBinding`], [`Error::MissingSelect`] and [`Error::InvalidClause`].
pub fn plan(query: &QueryData) -> Result<Planned<'_>, Error> {
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
    } = query;
    let mut size = SizeHint::default();

    let (root, bindings) = bindings::resolve(from, joins)?;
    size.nodes += bindings.len();

    let mut planned_joins = Vec::with_capacity(joins.len());
    for (position, (join, binding)) in joins.iter().zip(bindings.iter().skip(1)).enumerate() {
        let Join {
            kind,
            source: _,
            on,
            name: _,
            at,
        } = join;
        let on =
            Resolver::new(Scope::join(&bindings, position + 1, at), &mut size).resolve(on, 0)?;
        planned_joins.push(PlannedJoin {
            kind: *kind,
            binding: *binding,
            on,
        });
    }

    let filter = filter::combine(wheres, Clause::Where, &bindings, &mut size)?;
    let select = select::expand(select.as_ref(), &root, &from.at, &bindings, &mut size)?;
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

    let mut group_by = Vec::new();
    for GroupBy { exprs, at } in group_bys {
        let mut resolver = Resolver::new(Scope::all(&bindings, Clause::GroupBy, at), &mut size);
        for expr in exprs {
            group_by.push(resolver.resolve_term(expr)?);
        }
    }

    let having = filter::combine(havings, Clause::Having, &bindings, &mut size)?;

    let mut order_by = Vec::new();
    for OrderBy { terms, at } in order_bys {
        let mut resolver = Resolver::new(Scope::all(&bindings, Clause::OrderBy, at), &mut size);
        for OrderTerm { direction, expr } in terms {
            order_by.push(OrderItem {
                expr: resolver.resolve_term(expr)?,
                direction: *direction,
            });
        }
    }

    let limit = limit_offset::count(limit.as_ref(), Clause::Limit)?;
    let offset = limit_offset::count(offset.as_ref(), Clause::Offset)?;
    size.params += usize::from(matches!(limit, Some(Count::Param(_))))
        + usize::from(matches!(offset, Some(Count::Param(_))));

    Ok(Planned {
        distinct,
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
    })
}
