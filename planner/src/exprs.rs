//! The arena a plan's expressions live in: every node of every clause in one `Vec`, children
//! named by [`ExprId`], and the lists of `in [..]` and `coalesce(..)` as runs of ids in a
//! second `Vec`. Planning allocates these once, sized before planning (see `capacity.rs`),
//! instead of one `Box` per node, and dropping a plan frees two buffers instead of walking a
//! tree.
//!
//! **Layout invariant.** The planner pushes a node right after its operands, and resolves a
//! node's operands one after another, left to right. So each node's subtree is the
//! contiguous run of nodes from its leftmost leaf to the node itself, in post-order. The
//! walks that look for a kind of node scan that run instead of keeping a stack, and two
//! subtrees are structurally equal exactly when their runs match node for node (a
//! post-order sequence with each node's number of operands describes one tree only).
//!
//! This module knows the arena's shape, not what the expressions mean: types, nullability
//! and the checks live in their own modules.

mod same;

use self::same::shallow_eq;
use crate::planned::{Planned, PlannedExpr, QueryId};

/// A node of a plan's [`Exprs`]. Only the planner makes ids, each for a node it pushed, so an
/// id read from a plan always names a node of that plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExprId(usize);

/// A list of operands (the candidates of `in [..]`, the arguments of `coalesce`): a run of
/// ids in its plan's [`Exprs`], read with [`Exprs::list`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExprList {
    start: usize,
    len: usize,
}

impl ExprList {
    /// How many operands the list holds.
    pub fn len(self) -> usize {
        self.len
    }

    /// Whether the list holds no operand.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// The expressions of a plan: the clauses of a [`Planned`](crate::Planned) name their
/// expressions by [`ExprId`], and each node names its operands the same way.
///
/// ```
/// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Value};
/// use recto_planner::{PlannedExpr, plan};
///
/// let age = || Expr::field(BindingRef::Index(0), "age");
/// let adult = || Expr::binary(BinOp::Ge, age(), Expr::Param(Value::I32(18)));
/// let q = Query::table("users")
///     .filter(adult())
///     .select(Select::Tuple(vec![Selected::Expr(adult()), Selected::Expr(age())]));
/// let planned = plan(q.data()).unwrap();
///
/// let filter = planned.filter.unwrap();
/// let PlannedExpr::Binary { op: BinOp::Ge, left, .. } = planned.exprs.get(filter) else {
///     panic!("a comparison")
/// };
/// assert!(matches!(planned.exprs.get(*left), PlannedExpr::Column(c) if c.column == "age"));
/// // The condition and the first selected column are other nodes, written alike.
/// assert!(planned.exprs.same(filter, planned.select[0].expr));
/// assert!(!planned.exprs.same(filter, planned.select[1].expr));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exprs<'q> {
    nodes: Vec<PlannedExpr<'q>>,
    lists: Vec<ExprId>,
    /// The float literals that are exact decimals, because an operand beside them is one
    /// (`1.0 - l.discount`): see `decimal.rs`. Rare, so a short list.
    exact: Vec<ExprId>,
    /// The plans of the queries nested in expressions, which [`QueryId`]s name.
    queries: Vec<Planned<'q>>,
}

impl<'q> Exprs<'q> {
    /// An empty arena with room for `nodes` nodes. Lists are rare (`in [..]` and
    /// `coalesce`), so their buffer is allocated by the first one.
    pub(crate) fn with_capacity(nodes: usize) -> Self {
        Exprs {
            nodes: Vec::with_capacity(nodes),
            lists: Vec::new(),
            exact: Vec::new(),
            queries: Vec::new(),
        }
    }

    /// Adds a node whose operands are already in the arena, and returns its id.
    pub(crate) fn push(&mut self, expr: PlannedExpr<'q>) -> ExprId {
        self.nodes.push(expr);
        ExprId(self.nodes.len() - 1)
    }

    /// Makes room for a list of `len` operands, to be filled with [`Exprs::set`] as they are
    /// planned: nested lists are reserved after this one, so each list stays one run.
    pub(crate) fn reserve_list(&mut self, len: usize) -> ExprList {
        let start = self.lists.len();
        self.lists.resize(start + len, ExprId(0));
        ExprList { start, len }
    }

    /// Puts `id` at `position` of `list`; a position outside the list is ignored (the
    /// planner only fills the positions it reserved).
    pub(crate) fn set(&mut self, list: ExprList, position: usize, id: ExprId) {
        if position < list.len
            && let Some(slot) = self.lists.get_mut(list.start + position)
        {
            *slot = id;
        }
    }

    /// The node `id` names.
    ///
    /// # Panics
    ///
    /// Only for an id read from another plan whose arena is larger: every id of this plan
    /// names one of its nodes (they are made only by the planner, as it pushes each node,
    /// and nodes are never removed), and the planner and the writer use only the ids of the
    /// plan they hold.
    pub fn get(&self, id: ExprId) -> &PlannedExpr<'q> {
        &self.nodes[id.0]
    }

    /// The plan of a query nested in an expression.
    ///
    /// # Panics
    ///
    /// Only for an id read from another plan, as [`Exprs::get`].
    pub fn query(&self, id: QueryId) -> &Planned<'q> {
        &self.queries[id.0]
    }

    /// The plans of every query nested in an expression of this arena, in planning order.
    pub fn queries(&self) -> impl Iterator<Item = &Planned<'q>> {
        self.queries.iter()
    }

    /// The one selected column of the query nested as `id` and the arena it is an
    /// expression of: what a scalar `subquery(q)` is.
    pub(crate) fn scalar_column(&self, id: QueryId) -> Option<(&Exprs<'q>, ExprId)> {
        let planned = self.query(id);
        Some((&planned.exprs, planned.select.first()?.expr))
    }

    /// Adds the plan of a query nested in an expression.
    pub(crate) fn push_query(&mut self, planned: Planned<'q>) -> QueryId {
        self.queries.push(planned);
        QueryId(self.queries.len() - 1)
    }

    /// The operands of `list`, in written order (empty for a list of another plan).
    pub fn list(&self, list: ExprList) -> &[ExprId] {
        self.lists
            .get(list.start..list.start + list.len)
            .unwrap_or(&[])
    }

    /// Every node of the arena, in the order they were planned.
    pub fn iter(&self) -> impl Iterator<Item = &PlannedExpr<'q>> {
        self.nodes.iter()
    }

    /// How many nodes the arena holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the arena holds no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Makes the float literal `id` an exact decimal.
    pub(crate) fn mark_exact(&mut self, id: ExprId) {
        if !self.exact.contains(&id) {
            self.exact.push(id);
        }
    }

    /// Whether `id` is a float literal written beside a decimal, which is an exact decimal
    /// ([`Exprs::ty`] says [`Ty::Decimal`](recto_core::Ty::Decimal)): the writer prints it so
    /// that the engine reads it as one.
    pub fn is_exact_literal(&self, id: ExprId) -> bool {
        !self.exact.is_empty() && self.exact.contains(&id)
    }

    /// The id of the node at `index`, for walks over [`Exprs::subtree`].
    pub(crate) fn id(&self, index: usize) -> ExprId {
        ExprId(index)
    }

    /// The nodes of the subtree rooted at `id`, in post-order: `id`'s node is the last.
    pub(crate) fn subtree(&self, id: ExprId) -> &[PlannedExpr<'q>] {
        self.nodes.get(self.first(id)..=id.0).unwrap_or(&[])
    }

    /// The position of node `id` in the arena.
    pub(crate) fn index_of(&self, id: ExprId) -> usize {
        id.0
    }

    /// The position of the first node of `id`'s subtree: its leftmost leaf.
    pub(crate) fn first(&self, id: ExprId) -> usize {
        let mut id = id;
        loop {
            let Some(node) = self.nodes.get(id.0) else {
                return id.0;
            };
            let leftmost = match node {
                PlannedExpr::Column(_) | PlannedExpr::Lit(_) | PlannedExpr::Param(_) => None,
                PlannedExpr::Unary { op: _, expr }
                | PlannedExpr::IsNil(expr)
                | PlannedExpr::Cast { expr, ty: _ }
                | PlannedExpr::JsonPath {
                    expr,
                    path: _,
                    as_: _,
                }
                | PlannedExpr::InParam { expr, list: _ }
                | PlannedExpr::InList { expr, list: _ }
                | PlannedExpr::Like {
                    expr,
                    pattern: _,
                    case_insensitive: _,
                } => Some(*expr),
                PlannedExpr::Binary {
                    op: _,
                    left,
                    right: _,
                } => Some(*left),
                PlannedExpr::Aggregate {
                    func: _,
                    arg,
                    distinct: _,
                    filter,
                } => arg.or(*filter),
                PlannedExpr::Coalesce(args)
                | PlannedExpr::Func { func: _, args }
                | PlannedExpr::Row(args) => self.list(*args).first().copied(),
                PlannedExpr::Fragment {
                    parts: _,
                    args,
                    ty: _,
                } => self.list(*args).first().copied(),
                PlannedExpr::Case {
                    whens,
                    otherwise: _,
                } => self.list(*whens).first().copied(),
                PlannedExpr::Subquery {
                    test: _,
                    operand,
                    query: _,
                } => *operand,
            };
            match leftmost {
                Some(operand) => id = operand,
                None => return id.0,
            }
        }
    }

    /// Whether the expressions `a` and `b` are structurally equal: the same operations on the
    /// same columns and values (two parameters with equal values are equal), wherever in the
    /// plan they sit. The engines match grouped and sorted expressions by their text, and
    /// equal expressions print the same text.
    pub fn same(&self, a: ExprId, b: ExprId) -> bool {
        if a == b {
            return true;
        }
        // Most comparisons (each grouping check compares every node with every term) fail
        // at the roots, or compare two columns: both are answered here, without the walks
        // to the subtrees' first nodes.
        if let (Some(root_a), Some(root_b)) = (self.nodes.get(a.0), self.nodes.get(b.0)) {
            if !shallow_eq(root_a, root_b) {
                return false;
            }
            if matches!(
                root_a,
                PlannedExpr::Column(_) | PlannedExpr::Lit(_) | PlannedExpr::Param(_)
            ) {
                return self.is_exact_literal(a) == self.is_exact_literal(b);
            }
        }
        let (first_a, first_b) = (self.first(a), self.first(b));
        let (a, b) = (self.subtree(a), self.subtree(b));
        a.len() == b.len()
            && a.iter().zip(b).all(|(a, b)| shallow_eq(a, b))
            // A float literal printed as a decimal is not the same text as one printed as a
            // double.
            && (self.exact.is_empty()
                || (0..a.len()).all(|k| {
                    self.is_exact_literal(ExprId(first_a + k))
                        == self.is_exact_literal(ExprId(first_b + k))
                }))
    }

    /// Whether `id` or any node below it satisfies `found`.
    pub(crate) fn contains(&self, id: ExprId, found: impl Fn(&PlannedExpr<'q>) -> bool) -> bool {
        self.subtree(id).iter().any(found)
    }

    /// Whether `id` calls an aggregate anywhere.
    pub fn has_aggregate(&self, id: ExprId) -> bool {
        self.contains(id, |node| matches!(node, PlannedExpr::Aggregate { .. }))
    }

    /// The lowest and highest positions of the bindings whose columns `id` reads, or `None`
    /// where it reads no column.
    pub fn bindings_read(&self, id: ExprId) -> Option<(usize, usize)> {
        self.subtree(id)
            .iter()
            .filter_map(|node| match node {
                PlannedExpr::Column(column) => Some(column.alias.index),
                _ => None,
            })
            .fold(None, |span, index| match span {
                None => Some((index, index)),
                Some((low, high)) => Some((low.min(index), high.max(index))),
            })
    }
}
