//! The expression tree a query's clauses are made of.
//!
//! Expressions name fields by binding and field name; which table and column that means is
//! the planner's business, and how it is spelled in SQL is the adapters'.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::value::{Array, Value};

/// Which binding of a query an expression refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum BindingRef {
    /// By position: 0 is the source, 1.. the joins in the order they were added.
    Index(usize),
    /// By the name given with `as:`.
    Named(Name),
    /// The last binding of the query (`[u, ..., c]`).
    Last,
}

/// An expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Expr {
    /// A literal written in the query (`18`, `true`). Numbers and booleans are printed in
    /// the SQL text; text literals are bound.
    Lit(Value),
    /// A bound parameter (`^value`): never printed in the SQL text.
    Param(Value),
    /// A field of a binding, by its Rust name (the planner maps it to its column).
    Field {
        /// The binding.
        binding: BindingRef,
        /// The field's name.
        name: Name,
    },
    /// A unary operation.
    Unary {
        /// The operator.
        op: UnOp,
        /// The operand.
        expr: Box<Expr>,
    },
    /// A binary operation.
    Binary {
        /// The operator.
        op: BinOp,
        /// The left operand.
        left: Box<Expr>,
        /// The right operand.
        right: Box<Expr>,
    },
    /// `expr in [a, b, ...]`.
    InList {
        /// The tested expression.
        expr: Box<Expr>,
        /// The candidates.
        list: Vec<Expr>,
    },
    /// `expr in ^list`: the list is one parameter.
    InParam {
        /// The tested expression.
        expr: Box<Expr>,
        /// The bound list.
        list: Array,
    },
    /// `is_nil(expr)`.
    IsNil(Box<Expr>),
    /// `like(expr, pattern)` and `ilike(expr, pattern)`.
    Like {
        /// The matched text.
        expr: Box<Expr>,
        /// The pattern (`%` and `_` wildcards).
        pattern: Box<Expr>,
        /// `ilike`: match regardless of case.
        case_insensitive: bool,
    },
    /// An aggregate: `count()`, `count(x)`, `count(x, distinct)`, `sum(x)`, ...
    Aggregate {
        /// The function.
        func: AggFunc,
        /// The argument; `None` only for `count()`.
        arg: Option<Box<Expr>>,
        /// Aggregate distinct values only.
        distinct: bool,
    },
    /// `coalesce(a, b, ...)`.
    Coalesce(Vec<Expr>),
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum UnOp {
    /// `!x`: SQL `NOT`.
    Not,
    /// `-x`.
    Neg,
}

/// Binary operators, in Rust's spelling and precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum BinOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&&`: SQL `AND`.
    And,
    /// `||`: SQL `OR`.
    Or,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
}

/// Aggregate functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum AggFunc {
    /// `count`
    Count,
    /// `sum`
    Sum,
    /// `avg`
    Avg,
    /// `min`
    Min,
    /// `max`
    Max,
}

impl Expr {
    /// A field of a binding.
    pub fn field(binding: BindingRef, name: impl Into<Name>) -> Expr {
        Expr::Field {
            binding,
            name: name.into(),
        }
    }

    /// A binary operation.
    pub fn binary(op: BinOp, left: Expr, right: Expr) -> Expr {
        Expr::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        }
    }

    /// `self AND other`.
    pub fn and(self, other: Expr) -> Expr {
        Expr::binary(BinOp::And, self, other)
    }

    /// `self OR other`.
    pub fn or(self, other: Expr) -> Expr {
        Expr::binary(BinOp::Or, self, other)
    }
}
