//! The expression language of `from!` and `dynamic!`: a small AST ([`Dsl`]), its
//! conversion from the `syn` expression tree (which checks it: bindings, fields, functions,
//! operators) and its expansion into calls of `::recto::dsl`.
//!
//! Expressions are parsed by `syn` after [`preprocess`](crate::preprocess) has rewritten
//! `^pin` and `in` into Rust syntax, so operator precedence is Rust's own. This module knows
//! no clause: `where:` and `select:` decide what an expression may be.

mod convert;
mod expand;
mod func;

use proc_macro2::{Ident, Span, TokenStream};

pub(crate) use convert::{binding_of, convert};
pub(crate) use expand::{expand, wrapped};

use crate::preprocess::preprocess;

/// Parses an expression's tokens (after rewriting pins and `in`).
pub(crate) fn parse(tokens: TokenStream) -> syn::Result<syn::Expr> {
    syn::parse2(preprocess(tokens)?)
}

/// A checked expression, and the user's span errors about it should point at.
pub(crate) struct Dsl {
    /// The user's token for this node (an operator, a function name, a field name).
    pub span: Span,
    /// What it is.
    pub kind: Kind,
}

/// The forms of a checked expression.
pub(crate) enum Kind {
    /// `b.field`: typed when the binding's schema is known at compile time.
    Field { binding: usize, name: Ident },
    /// `b["field"]` or `field(b, ^name)`: always by name.
    FieldByName { binding: usize, name: TokenStream },
    /// A literal, possibly negated (`-1`).
    Lit(TokenStream),
    /// `^value`: a Rust expression bound as a parameter (or a spliced `Dynamic`).
    Pin(TokenStream),
    /// `!x`.
    Not(Box<Dsl>),
    /// `-x`.
    Neg(Box<Dsl>),
    /// A binary operator: `op` names its `::recto::dsl` function (`eq`, `and`, `add`, ...).
    Binary {
        op: &'static str,
        left: Box<Dsl>,
        right: Box<Dsl>,
    },
    /// `x in [a, b]`.
    InList { operand: Box<Dsl>, list: Vec<Dsl> },
    /// `x in ^list`.
    InParam {
        operand: Box<Dsl>,
        list: TokenStream,
    },
    /// `is_nil(x)`.
    IsNil(Box<Dsl>),
    /// `like(x, p)` and `ilike(x, p)`.
    Like {
        operand: Box<Dsl>,
        pattern: Box<Dsl>,
        case_insensitive: bool,
    },
    /// `count()`.
    CountAll,
    /// `count(x)` and `count(x, distinct)`.
    Count { operand: Box<Dsl>, distinct: bool },
    /// `sum`, `avg` (numeric) and `min`, `max` (any type): `func` names the
    /// `::recto::AggFunc` variant.
    Aggregate {
        func: &'static str,
        numeric: bool,
        operand: Box<Dsl>,
    },
    /// `coalesce(a, b, ...)`.
    Coalesce { first: Box<Dsl>, rest: Vec<Dsl> },
}
