//! The expression tree a query's clauses are made of.
//!
//! Expressions name fields by binding and field name; which table and column that means is
//! the planner's business, and how it is spelled in SQL is the adapters'.

mod debug;

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::fragment::FragmentPart;
use crate::func::Func;
pub use crate::json_path::{JsonAs, PathStep};
use crate::query::Query;
use crate::schema::FieldHint;
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
    /// `parent_as(name)`: the binding named `name` of a query this one is nested in (as a
    /// subquery), the nearest enclosing one that has it.
    Parent(Name),
    /// The query's select: `selected_as(name)` in `order_by:` or `group_by:` is the field
    /// `name` of it, the expression selected as `selected_as(expr, name)`.
    Selected,
}

impl From<usize> for BindingRef {
    fn from(position: usize) -> Self {
        BindingRef::Index(position)
    }
}

/// An expression.
///
/// Trees of any depth are safe to drop, clone and compare: those walks loop instead of
/// recursing. `Debug` and serde recurse, and stop at
/// [`MAX_EXPR_DEPTH`](crate::MAX_EXPR_DEPTH) levels: `Debug` prints `…` below it,
/// serialization and deserialization fail with an error.
///
/// `Deserialize` is for trusted payloads only: a query it reads keeps every table, column,
/// type and nullability the payload states. Payloads from outside the program go through
/// [`Catalog`](crate::Catalog).
#[derive(Serialize, Deserialize)]
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
        /// Where the field probably is in the binding's schema: set by the typed accessors
        /// `from!` uses, checked against `name` before use. Not part of what the expression
        /// means: equality and `Debug` ignore it, and serialization skips it, so a query
        /// equals its own deserialized copy.
        #[serde(skip)]
        hint: FieldHint,
    },
    /// A unary operation.
    Unary {
        /// The operator.
        op: UnOp,
        /// The operand.
        #[serde(with = "crate::depth::nested")]
        expr: Box<Expr>,
    },
    /// A binary operation.
    Binary {
        /// The operator.
        op: BinOp,
        /// The left operand.
        #[serde(with = "crate::depth::nested")]
        left: Box<Expr>,
        /// The right operand.
        #[serde(with = "crate::depth::nested")]
        right: Box<Expr>,
    },
    /// `expr in [a, b, ...]`.
    InList {
        /// The tested expression.
        #[serde(with = "crate::depth::nested")]
        expr: Box<Expr>,
        /// The candidates.
        #[serde(with = "crate::depth::nested")]
        list: Vec<Expr>,
    },
    /// `expr in ^list`: the list is one parameter.
    InParam {
        /// The tested expression.
        #[serde(with = "crate::depth::nested")]
        expr: Box<Expr>,
        /// The bound list.
        list: Array,
    },
    /// `is_nil(expr)`.
    IsNil(#[serde(with = "crate::depth::nested")] Box<Expr>),
    /// `like(expr, pattern)` and `ilike(expr, pattern)`.
    Like {
        /// The matched text.
        #[serde(with = "crate::depth::nested")]
        expr: Box<Expr>,
        /// The pattern (`%` and `_` wildcards).
        #[serde(with = "crate::depth::nested")]
        pattern: Box<Expr>,
        /// `ilike`: match regardless of case.
        case_insensitive: bool,
    },
    /// An aggregate: `count()`, `count(x)`, `count(x, distinct)`, `sum(x)`, ...
    Aggregate {
        /// The function.
        func: AggFunc,
        /// The argument; `None` only for `count()`.
        #[serde(default, with = "crate::depth::nested")]
        arg: Option<Box<Expr>>,
        /// Aggregate distinct values only.
        distinct: bool,
        /// `filter(agg, cond)`: aggregate only the rows where the condition is true.
        #[serde(default, with = "crate::depth::nested")]
        filter: Option<Box<Expr>>,
    },
    /// `coalesce(a, b, ...)`.
    Coalesce(#[serde(with = "crate::depth::nested")] Vec<Expr>),
    /// A scalar function call: `lower(s)`, `substring(s, 1, 2)`, ... ([`Func`]).
    Func {
        /// The function.
        func: Func,
        /// The arguments, as many as [`Func::arity`] allows.
        #[serde(with = "crate::depth::nested")]
        args: Vec<Expr>,
    },
    /// `if c { a } else if c2 { b } else { d }`: SQL's `CASE WHEN c THEN a WHEN c2 THEN b
    /// ELSE d END`. The first branch whose condition is true gives the value; a NULL
    /// condition counts as false, and a branch not taken is not evaluated.
    Case {
        /// The `(condition, value)` branches, in the order they are tried.
        #[serde(with = "crate::depth::nested")]
        whens: Vec<(Expr, Expr)>,
        /// The value when no condition is true; `None` is NULL.
        #[serde(default, with = "crate::depth::nested")]
        otherwise: Option<Box<Expr>>,
    },
    /// A row value `(a, b, ...)` of two or more items. It is only an operand of a
    /// comparison with another row of the same length, or the tested value of `in [rows]`
    /// whose candidates are rows of that length; the planner rejects it anywhere else.
    Row(#[serde(with = "crate::depth::nested")] Vec<Expr>),
    /// `cast(expr, T)` (Ecto's `type/2`): the value of `expr` as the SQL type of the Rust
    /// type `T`, which decodes as `T` on every engine.
    Cast {
        /// The cast value.
        #[serde(with = "crate::depth::nested")]
        expr: Box<Expr>,
        /// The type it is cast to.
        ty: crate::value::Ty,
    },
    /// `fragment("lower(?) = ?", a, b)`: raw SQL from a string literal of the program,
    /// whose placeholders are filled by `args`, spliced lists and quoted identifiers
    /// ([`FragmentPart`]). Its type is the one the program gave it (`fragment::<i64>`), or
    /// unknown; it may always be NULL.
    Fragment {
        /// The text and placeholders, in order.
        parts: Vec<FragmentPart>,
        /// The expressions that fill the [`FragmentPart::Arg`] placeholders, in order.
        #[serde(with = "crate::depth::nested")]
        args: Vec<Expr>,
        /// The type the program gave the fragment, if it did.
        #[serde(default)]
        ty: Option<crate::value::Ty>,
    },
    /// A JSON path on a document: `b.meta["a"][0]` is the value at key `a`, element 0, of
    /// the document `b.meta`; `json_text(..)` of one is that value's text where it is a
    /// JSON string. A step that finds nothing (a missing key, an index past the end, a key
    /// of an array, an index of an object) makes the whole path SQL's NULL.
    JsonPath {
        /// The document.
        #[serde(with = "crate::depth::nested")]
        expr: Box<Expr>,
        /// The steps from the document to the value, in order; none is the document itself.
        path: Vec<PathStep>,
        /// What the value found is returned as.
        #[serde(rename = "as")]
        as_: JsonAs,
    },
    /// A query inside the expression: `subquery(q)` (its one value), `exists(q)`,
    /// `x in subquery(q)`, `x > any(q)`, `x <= all(q)`. Its bindings are its own; it reaches
    /// the enclosing queries' bindings with [`BindingRef::Parent`].
    Subquery {
        /// What the expression asks of the query's rows.
        test: SubqueryTest,
        /// The tested value, for `in`, `any` and `all`.
        #[serde(default, with = "crate::depth::nested")]
        operand: Option<Box<Expr>>,
        /// The query.
        #[serde(with = "crate::depth::nested")]
        query: Query,
    },
}

/// What a [`Expr::Subquery`] asks of its query's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SubqueryTest {
    /// `subquery(q)`: the one value of its one row, NULL if it has none (a query that
    /// returns two rows fails on every engine).
    Scalar,
    /// `exists(q)`: whether it returns a row.
    Exists,
    /// `x in subquery(q)`: whether `x` equals one of its values (SQL's `IN`: NULL when it
    /// does not and a value or `x` is NULL).
    In,
    /// `x op any(q)`: whether the comparison holds for one of its values.
    Any(BinOp),
    /// `x op all(q)`: whether the comparison holds for every one of its values (true when
    /// it has none).
    All(BinOp),
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
            hint: FieldHint::NONE,
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
