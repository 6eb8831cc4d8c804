//! The planned expression node ([`PlannedExpr`]): every variant the writer prints, its
//! operands ids in the plan's arena ([`Exprs`](crate::Exprs)).

use recto_core::{
    AggFunc, Array, BinOp, FragmentPart, JsonAs, PathStep, SubqueryTest, Ty, UnOp, Value,
};

use super::ColumnRef;
use crate::exprs::{ExprId, ExprList};

/// A resolved expression: [`recto_core::Expr`] with every field turned into a column. Its
/// operands are nodes of the same plan's [`Exprs`](crate::Exprs), so `==` on two nodes compares their
/// operands' ids; [`Exprs::same`](crate::Exprs::same) compares expressions structurally.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlannedExpr<'q> {
    /// A column.
    Column(ColumnRef<'q>),
    /// A literal written in the query; the printer decides whether it can be spelled inline
    /// or must be bound.
    Lit(&'q Value),
    /// A bound parameter: always a placeholder.
    Param(&'q Value),
    /// A unary operation.
    Unary {
        /// The operator.
        op: UnOp,
        /// The operand.
        expr: ExprId,
    },
    /// A binary operation.
    Binary {
        /// The operator.
        op: BinOp,
        /// The left operand.
        left: ExprId,
        /// The right operand.
        right: ExprId,
    },
    /// `expr in [a, b, ...]`; the list may be empty.
    InList {
        /// The tested expression.
        expr: ExprId,
        /// The candidates.
        list: ExprList,
    },
    /// `expr in ^list`; the list may be empty.
    InParam {
        /// The tested expression.
        expr: ExprId,
        /// The bound list.
        list: &'q Array,
    },
    /// `is_nil(expr)`.
    IsNil(ExprId),
    /// `like` / `ilike`.
    Like {
        /// The matched text.
        expr: ExprId,
        /// The pattern.
        pattern: ExprId,
        /// `ilike`.
        case_insensitive: bool,
    },
    /// An aggregate. `arg` is `None` only for a non-distinct `count()`.
    Aggregate {
        /// The function.
        func: AggFunc,
        /// The argument.
        arg: Option<ExprId>,
        /// Aggregate distinct values only.
        distinct: bool,
        /// `filter(agg, cond)`: the boolean condition a row must meet to be aggregated.
        filter: Option<ExprId>,
    },
    /// `coalesce(a, b, ...)` with at least two arguments (`coalesce(x)` plans as `x`).
    Coalesce(ExprList),
    /// A scalar function call, with as many arguments as
    /// [`Func::arity`](recto_core::Func::arity) allows.
    Func {
        /// The function.
        func: recto_core::Func,
        /// The arguments.
        args: ExprList,
    },
    /// `CASE WHEN`: `whens` holds each branch's condition then its value, in order (so it
    /// has an even length, at least 2); `otherwise` is `None` for `ELSE NULL`.
    Case {
        /// The conditions and values, paired.
        whens: ExprList,
        /// The value when no condition is true.
        otherwise: Option<ExprId>,
    },
    /// A row value `(a, b, ...)` of two or more items: only ever an operand of a
    /// comparison with a row of the same length, or the tested value or a candidate of
    /// `in [..]` among rows of that length (the planner allows it nowhere else).
    Row(ExprList),
    /// `cast(expr, ty)`, of a cast the planner checked gives one answer on every engine.
    Cast {
        /// The cast value.
        expr: ExprId,
        /// The type it is cast to.
        ty: Ty,
    },
    /// `fragment(...)`: raw SQL whose [`FragmentPart::Arg`] placeholders `args` fill, in
    /// order.
    Fragment {
        /// The text and placeholders.
        parts: &'q [FragmentPart],
        /// The arguments.
        args: ExprList,
        /// The type the program gave it.
        ty: Option<Ty>,
    },
    /// A JSON path on a document (`b.meta["a"][0]`, `json_text(..)`), of a document or a
    /// value whose type is known only at run time, with no negative position.
    JsonPath {
        /// The document.
        expr: ExprId,
        /// The steps, in order, as the query holds them.
        path: &'q [PathStep],
        /// What the value found is returned as.
        as_: JsonAs,
    },
    /// A query inside the expression (`exists(q)`, `x in subquery(q)`, ...), planned with
    /// this query's bindings in scope; [`Exprs::query`](crate::Exprs::query) gives its plan.
    Subquery {
        /// What the expression asks of the query's rows.
        test: SubqueryTest,
        /// The tested value, for `in`, `any` and `all`.
        operand: Option<ExprId>,
        /// The query.
        query: QueryId,
    },
}

/// A query nested in an expression: its plan is [`Exprs::query`](crate::Exprs::query).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QueryId(pub(crate) usize);
