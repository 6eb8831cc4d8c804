//! How many nodes and list operands a query's plan will hold, counted before planning so
//! that the plan's arena ([`Exprs`]) is allocated once, at its final size.
//!
//! The count follows what the resolver pushes: one node per expression (none for a
//! one-argument `coalesce`, which plans as its argument), one per `AND`/`OR` that combines a
//! clause's conditions, and one column per field of a selected binding. It is only a size:
//! a query the planner rejects may count anything, and a wrong count would cost a
//! reallocation, never a wrong plan.

use recto_core::{
    BoolClause, Clause, Expr, GroupBy, OrderBy, OrderTerm, QueryData, Select, SelectClause,
    Selected,
};

use crate::bindings::Scope;
use crate::expr::MAX_DEPTH;
use crate::exprs::Exprs;
use crate::planned::Binding;

/// An empty arena with room for every node and list operand of `query`'s plan, whose
/// bindings are `bindings` (the source first).
pub(crate) fn arena<'q>(query: &'q QueryData, bindings: &[Binding<'q>]) -> Exprs<'q> {
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
    } = query;
    let mut count = Count::default();
    for join in joins {
        count.expr(&join.on, 0);
    }
    count.conditions(wheres);
    count.select(select.as_ref(), bindings);
    for GroupBy { exprs, at: _ } in group_bys {
        for expr in exprs {
            count.expr(expr, 0);
        }
    }
    count.conditions(havings);
    for OrderBy { terms, at: _ } in order_bys {
        for OrderTerm { direction: _, expr } in terms {
            count.expr(expr, 0);
        }
    }
    Exprs::with_capacity(count.nodes, count.lists)
}

#[derive(Default)]
struct Count {
    nodes: usize,
    lists: usize,
}

impl Count {
    /// A `where:`/`having:` list: its conditions and the operators that combine them.
    fn conditions(&mut self, clauses: &[BoolClause]) {
        self.nodes += clauses.len().saturating_sub(1);
        for BoolClause { op: _, expr, at: _ } in clauses {
            self.expr(expr, 0);
        }
    }

    fn select<'q>(&mut self, select: Option<&'q SelectClause>, bindings: &[Binding<'q>]) {
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
            self.nodes += fields(bindings.first());
            return;
        };
        let scope = Scope::all(bindings, Clause::Select, at);
        let mut selected = |item: &Selected| match item {
            Selected::Expr(expr) => self.expr(expr, 0),
            Selected::Binding(reference) => self.nodes += fields(scope.lookup(reference).ok()),
            _ => {}
        };
        match select {
            Select::One(item) => selected(item),
            Select::Tuple(items) => items.iter().for_each(selected),
            Select::Struct(fields) => {
                for (_, expr) in fields {
                    self.expr(expr, 0);
                }
            }
            _ => {}
        }
    }

    /// Counts `expr`, which sits `depth` levels deep; past the planner's depth limit the
    /// query is rejected, so the count stops there (and so does its recursion).
    fn expr(&mut self, expr: &Expr, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let next = depth + 1;
        self.nodes += 1;
        match expr {
            Expr::Lit(_) | Expr::Param(_) | Expr::Field { .. } => {}
            Expr::Unary { op: _, expr } | Expr::IsNil(expr) | Expr::InParam { expr, list: _ } => {
                self.expr(expr, next)
            }
            Expr::Binary { op: _, left, right }
            | Expr::Like {
                expr: left,
                pattern: right,
                case_insensitive: _,
            } => {
                self.expr(left, next);
                self.expr(right, next);
            }
            Expr::InList { expr, list } => {
                self.expr(expr, next);
                self.list(list, next);
            }
            Expr::Aggregate {
                func: _,
                arg,
                distinct: _,
            } => {
                if let Some(arg) = arg {
                    self.expr(arg, next);
                }
            }
            Expr::Coalesce(args) => match args.as_slice() {
                [only] => {
                    self.nodes -= 1;
                    self.expr(only, next);
                }
                args => self.list(args, next),
            },
            _ => {}
        }
    }

    fn list(&mut self, exprs: &[Expr], depth: usize) {
        self.lists += exprs.len();
        for expr in exprs {
            self.expr(expr, depth);
        }
    }
}
