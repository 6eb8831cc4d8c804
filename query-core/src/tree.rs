//! Expression trees of any depth: dropping, cloning and comparing an [`Expr`] walk it with a
//! stack on the heap, never with the call stack.
//!
//! The builder API can nest expressions without bound (`Dynamic::and` in a loop, a
//! generated `coalesce(coalesce(...))`), and the compiler's derived `Drop`, `Clone` and
//! `PartialEq` recurse once per level: a chain a million levels deep aborts the process with
//! a stack overflow when it is merely dropped. These three operations therefore take one
//! node at a time from an explicit work list. The walks that cannot be iterative without
//! losing their shape (`Debug`, serde) are bounded instead, in [`crate::depth`].

mod shallow;

use crate::expr::Expr;
use crate::value::Value;

impl Expr {
    /// Whether this expression is a value or a field, which have no sub-expression. (An
    /// empty `coalesce` or an argument-less aggregate counts as a node with children: the
    /// walks below only treat a node as a leaf to save work, never for correctness.)
    #[inline]
    fn is_leaf(&self) -> bool {
        matches!(
            self,
            Expr::Lit(_)
                | Expr::Param(_)
                | Expr::Field {
                    binding: _,
                    name: _,
                    hint: _,
                }
        )
    }

    /// Whether a sub-expression has sub-expressions of its own, so that the compiler's drop
    /// glue would recurse more than one level. A direct match: dropping runs for every node,
    /// and walking [`Expr::children`]'s iterator here cost more than the drop itself.
    fn has_grandchildren(&self) -> bool {
        let deep = |expr: &Expr| !expr.is_leaf();
        match self {
            Expr::Lit(_)
            | Expr::Param(_)
            | Expr::Field {
                binding: _,
                name: _,
                hint: _,
            } => false,
            Expr::Unary { op: _, expr }
            | Expr::InParam { expr, list: _ }
            | Expr::IsNil(expr)
            | Expr::Cast { expr, ty: _ }
            | Expr::JsonPath {
                expr,
                path: _,
                as_: _,
            } => deep(expr),
            Expr::Binary { op: _, left, right } => deep(left) || deep(right),
            Expr::Like {
                expr,
                pattern,
                case_insensitive: _,
            } => deep(expr) || deep(pattern),
            Expr::InList { expr, list } => deep(expr) || list.iter().any(deep),
            Expr::Aggregate {
                func: _,
                arg,
                distinct: _,
                filter,
            } => arg.as_deref().is_some_and(deep) || filter.as_deref().is_some_and(deep),
            Expr::Coalesce(args)
            | Expr::Func { func: _, args }
            | Expr::Fragment {
                parts: _,
                args,
                ty: _,
            } => args.iter().any(deep),
            Expr::Case { whens, otherwise } => {
                whens.iter().any(|(when, then)| deep(when) || deep(then))
                    || otherwise.as_deref().is_some_and(deep)
            }
            Expr::Row(items) => items.iter().any(deep),
            Expr::Subquery {
                test: _,
                operand,
                query: _,
            } => operand.as_deref().is_some_and(deep),
        }
    }

    /// Moves the sub-expressions that have sub-expressions of their own onto `pending`,
    /// leaving leaves in their place, so that dropping `self` recurses at most one level.
    fn detach_children(&mut self, pending: &mut Vec<Expr>) {
        let mut take = |slot: &mut Expr| {
            if !slot.is_leaf() {
                pending.push(std::mem::replace(slot, PLACEHOLDER));
            }
        };
        match self {
            Expr::Lit(_)
            | Expr::Param(_)
            | Expr::Field {
                binding: _,
                name: _,
                hint: _,
            } => {}
            Expr::Unary { op: _, expr } => take(expr),
            Expr::Binary { op: _, left, right } => {
                take(left);
                take(right);
            }
            Expr::InList { expr, list } => {
                take(expr);
                list.iter_mut().for_each(take);
            }
            Expr::InParam { expr, list: _ } => take(expr),
            Expr::IsNil(expr) => take(expr),
            Expr::Cast { expr, ty: _ } => take(expr),
            Expr::JsonPath {
                expr,
                path: _,
                as_: _,
            } => take(expr),
            Expr::Like {
                expr,
                pattern,
                case_insensitive: _,
            } => {
                take(expr);
                take(pattern);
            }
            Expr::Aggregate {
                func: _,
                arg,
                distinct: _,
                filter,
            } => {
                if let Some(arg) = arg {
                    take(arg);
                }
                if let Some(filter) = filter {
                    take(filter);
                }
            }
            Expr::Coalesce(args)
            | Expr::Func { func: _, args }
            | Expr::Fragment {
                parts: _,
                args,
                ty: _,
            } => args.iter_mut().for_each(take),
            Expr::Case { whens, otherwise } => {
                for (when, then) in whens {
                    take(when);
                    take(then);
                }
                if let Some(otherwise) = otherwise {
                    take(otherwise);
                }
            }
            Expr::Row(items) => items.iter_mut().for_each(take),
            Expr::Subquery {
                test: _,
                operand,
                query: _,
            } => {
                if let Some(operand) = operand {
                    take(operand);
                }
            }
        }
    }

    /// A copy of this node whose sub-expressions are `children` (in [`Expr::children`]
    /// order, as many as this node has).
    fn with_children(&self, mut children: impl Iterator<Item = Expr>) -> Expr {
        let mut next = || Box::new(children.next().unwrap_or(PLACEHOLDER));
        match self {
            Expr::Lit(value) => Expr::Lit(value.clone()),
            Expr::Param(value) => Expr::Param(value.clone()),
            Expr::Field {
                binding,
                name,
                hint,
            } => Expr::Field {
                binding: binding.clone(),
                name: name.clone(),
                hint: *hint,
            },
            Expr::Unary { op, expr: _ } => Expr::Unary {
                op: *op,
                expr: next(),
            },
            Expr::Binary {
                op,
                left: _,
                right: _,
            } => Expr::Binary {
                op: *op,
                left: next(),
                right: next(),
            },
            Expr::InList { expr: _, list: _ } => {
                let expr = next();
                Expr::InList {
                    expr,
                    list: children.collect(),
                }
            }
            Expr::InParam { expr: _, list } => Expr::InParam {
                expr: next(),
                list: list.clone(),
            },
            Expr::IsNil(_) => Expr::IsNil(next()),
            Expr::Cast { expr: _, ty } => Expr::Cast {
                expr: next(),
                ty: *ty,
            },
            Expr::JsonPath { expr: _, path, as_ } => Expr::JsonPath {
                expr: next(),
                path: path.clone(),
                as_: *as_,
            },
            Expr::Like {
                expr: _,
                pattern: _,
                case_insensitive,
            } => Expr::Like {
                expr: next(),
                pattern: next(),
                case_insensitive: *case_insensitive,
            },
            Expr::Aggregate {
                func,
                arg,
                distinct,
                filter,
            } => Expr::Aggregate {
                func: *func,
                arg: arg.as_ref().map(|_| next()),
                distinct: *distinct,
                filter: filter.as_ref().map(|_| next()),
            },
            Expr::Coalesce(_) => Expr::Coalesce(children.collect()),
            Expr::Func { func, args: _ } => Expr::Func {
                func: *func,
                args: children.collect(),
            },
            Expr::Fragment { parts, args: _, ty } => Expr::Fragment {
                parts: parts.clone(),
                args: children.collect(),
                ty: *ty,
            },
            Expr::Case { whens, otherwise } => {
                let mut pair = || (*next(), *next());
                let whens = whens.iter().map(|_| pair()).collect();
                Expr::Case {
                    whens,
                    otherwise: otherwise.as_ref().map(|_| next()),
                }
            }
            Expr::Row(_) => Expr::Row(children.collect()),
            Expr::Subquery {
                test,
                operand,
                query,
            } => Expr::Subquery {
                test: *test,
                operand: operand.as_ref().map(|_| next()),
                query: query.clone(),
            },
        }
    }
}

/// The leaf left behind where a sub-expression was moved out; it owns no heap memory.
const PLACEHOLDER: Expr = Expr::Lit(Value::Bool(false));

impl Drop for Expr {
    // Inlined into the drop glue, so that dropping a leaf (most nodes) costs a comparison
    // instead of a call; the walk itself stays out of line.
    #[inline]
    fn drop(&mut self) {
        if !self.is_leaf() {
            self.drop_children();
        }
    }
}

impl Expr {
    /// Drops the sub-expressions of a node that has some, one level at a time.
    #[inline(never)]
    fn drop_children(&mut self) {
        // Most expressions are shallow: only allocate the work list when a child has
        // children of its own.
        if !self.has_grandchildren() {
            return;
        }
        let mut pending = Vec::new();
        self.detach_children(&mut pending);
        while let Some(mut expr) = pending.pop() {
            expr.detach_children(&mut pending);
            // `expr` now holds leaves only, so dropping it here recurses one level.
        }
    }
}

impl Clone for Expr {
    fn clone(&self) -> Expr {
        /// One step of the walk: copy a node's children first, then the node around them.
        enum Task<'a> {
            Visit(&'a Expr),
            Build(&'a Expr),
        }
        if self.is_leaf() {
            return self.with_children(std::iter::empty());
        }
        let mut tasks = vec![Task::Visit(self)];
        let mut built: Vec<Expr> = Vec::new();
        while let Some(task) = tasks.pop() {
            match task {
                Task::Visit(expr) => {
                    tasks.push(Task::Build(expr));
                    // Pushed last to first, so they are copied (and land in `built`) in order.
                    tasks.extend(expr.children().rev().map(Task::Visit));
                }
                Task::Build(expr) => {
                    // The children's copies are the last `count` built, in order.
                    let start = built.len() - expr.children().count();
                    let copy = expr.with_children(built.drain(start..));
                    built.push(copy);
                }
            }
        }
        // The walk builds exactly one expression from the root's task.
        built.pop().unwrap_or(PLACEHOLDER)
    }
}

impl PartialEq for Expr {
    fn eq(&self, other: &Expr) -> bool {
        let mut pairs = vec![(self, other)];
        while let Some((a, b)) = pairs.pop() {
            if !a.shallow_eq(b) {
                return false;
            }
            pairs.extend(a.children().zip(b.children()));
        }
        true
    }
}
