//! The expression language of `from!` and `dynamic!`: a small AST ([`Dsl`]), its
//! conversion from the `syn` expression tree (which checks it: bindings, fields, functions,
//! operators) and its expansion into calls of `::recto::dsl`.
//!
//! Expressions are parsed by `syn` after [`preprocess`](crate::preprocess) has rewritten
//! `^pin` and `in` into Rust syntax, so operator precedence is Rust's own. This module knows
//! no clause: `where:` and `select:` decide what an expression may be.

mod branches;
mod cast;
mod convert;
mod dates;
mod expand;
mod fragment;
mod func;
mod json;
mod nesting;
mod row;
mod scalar;

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
    /// `::recto::dsl` function, which types the result.
    Aggregate {
        func: &'static str,
        operand: Box<Dsl>,
    },
    /// `coalesce(a, b, ...)`.
    Coalesce { first: Box<Dsl>, rest: Vec<Dsl> },
    /// A scalar function whose `::recto::dsl` function takes the arguments as they are
    /// written: `function` names it (`lower`, `substring`, ...).
    Call {
        function: &'static str,
        args: Vec<Dsl>,
    },
    /// `selected_as(name)` in `order_by:` or `group_by:`: the expression the select names.
    SelectedRef(syn::LitStr),
    /// `round(x, digits)`, the digits a literal.
    RoundTo {
        operand: Box<Dsl>,
        digits: syn::LitInt,
    },
    /// `if c { a } else if c2 { b } else { d }`: each branch's condition and value, and
    /// the `else` value; a value is `None` where it is `nil`.
    Case {
        whens: Vec<(Dsl, Option<Dsl>)>,
        otherwise: Option<Box<Dsl>>,
    },
    /// `filter(agg, cond)`: `aggregate` is an aggregate call.
    Filter { aggregate: Box<Dsl>, cond: Box<Dsl> },
    /// A row value `(a, b, ...)`: an operand of a comparison or of `in [..]`.
    Row(Vec<Dsl>),
    /// A step of a JSON path, `x["key"]` or `x[0]`: `step` is the literal key or position.
    JsonStep {
        operand: Box<Dsl>,
        step: TokenStream,
        index: bool,
    },
    /// `cast(x, T)`: `ty` is the full path of the Rust type.
    Cast { operand: Box<Dsl>, ty: TokenStream },
    /// A date part or unit a date function takes, written as a bare word (`month`): the
    /// `::recto::dsl::short` name of its variant (`unit_month`).
    Keyword(&'static str),
    /// A query inside the expression: `function` names the `::recto::dsl` function
    /// (`exists`, `scalar`, `in_subquery`, `any`, `all`), `op` the comparison of `any` and
    /// `all` (a `BinOp` variant), `query` the Rust expression of the query.
    Subquery {
        function: &'static str,
        operand: Option<Box<Dsl>>,
        op: Option<&'static str>,
        query: TokenStream,
    },
    /// `fragment("..", args..)`: `ty` is the Rust type of `fragment::<T>`, if written.
    Fragment {
        ty: Option<TokenStream>,
        pieces: Vec<fragment::Piece>,
    },
    /// `parent_as(binding).field` or `parent_as(binding)["field"]`: by name, checked by the
    /// planner against the enclosing query's binding.
    ParentField { binding: Ident, name: TokenStream },
}

/// A Rust value an expression takes from its call site, as [`Dsl::pins_mut`] meets it.
pub(crate) enum PinMut<'a> {
    /// `^value`, spanned at its `^`: the value's tokens.
    Value(Span, &'a mut TokenStream),
    /// `x in ^list`, spanned at its `in`: the list's tokens.
    List(Span, &'a mut TokenStream),
    /// `field(b, ^name)` with a name that is not a literal: structure, not a value.
    Name,
    /// A subquery's query: a value of the call, but a whole query rather than one to bind.
    Query,
}

impl Dsl {
    /// Every Rust value the expression takes from its call site, in the order the
    /// expansion writes them (and so the order the user's expressions run in).
    pub(crate) fn pins_mut<'a>(&'a mut self, out: &mut Vec<PinMut<'a>>) {
        let span = self.span;
        match &mut self.kind {
            Kind::Field { .. }
            | Kind::Lit(_)
            | Kind::CountAll
            | Kind::ParentField { .. }
            | Kind::SelectedRef(_)
            | Kind::Keyword(_) => {}
            Kind::Subquery { operand, .. } => {
                if let Some(operand) = operand {
                    operand.pins_mut(out);
                }
                out.push(PinMut::Query);
            }
            Kind::FieldByName { name, .. } => {
                let mut trees = name.clone().into_iter();
                if !matches!(
                    (trees.next(), trees.next()),
                    (Some(proc_macro2::TokenTree::Literal(_)), None)
                ) {
                    out.push(PinMut::Name);
                }
            }
            Kind::Pin(value) => out.push(PinMut::Value(span, value)),
            Kind::Not(operand)
            | Kind::Neg(operand)
            | Kind::IsNil(operand)
            | Kind::Count { operand, .. }
            | Kind::RoundTo { operand, .. }
            | Kind::Cast { operand, .. }
            | Kind::JsonStep { operand, .. }
            | Kind::Aggregate { operand, .. } => operand.pins_mut(out),
            Kind::Binary { left, right, .. }
            | Kind::Filter {
                aggregate: left,
                cond: right,
            } => {
                left.pins_mut(out);
                right.pins_mut(out);
            }
            Kind::Case { whens, otherwise } => {
                for (when, then) in whens {
                    when.pins_mut(out);
                    if let Some(then) = then {
                        then.pins_mut(out);
                    }
                }
                if let Some(otherwise) = otherwise {
                    otherwise.pins_mut(out);
                }
            }
            Kind::InList {
                operand: first,
                list: rest,
            }
            | Kind::Coalesce { first, rest } => {
                first.pins_mut(out);
                for item in rest {
                    item.pins_mut(out);
                }
            }
            Kind::Call { args, .. } => {
                for arg in args {
                    arg.pins_mut(out);
                }
            }
            Kind::Row(items) => {
                for item in items {
                    item.pins_mut(out);
                }
            }
            // A spliced list and an identifier are evaluated before the arguments, in the
            // order the expansion writes them; neither is a value a template could bind
            // (an identifier is structure, a spliced list's length changes the text).
            Kind::Fragment { pieces, .. } => {
                let mut args = Vec::new();
                for piece in pieces {
                    match piece {
                        fragment::Piece::Arg(arg) => args.push(arg),
                        fragment::Piece::Splice(..) | fragment::Piece::Identifier(..) => {
                            out.push(PinMut::Name);
                        }
                        fragment::Piece::Sql(_) => {}
                    }
                }
                for arg in args {
                    arg.pins_mut(out);
                }
            }
            Kind::InParam { operand, list } => {
                operand.pins_mut(out);
                out.push(PinMut::List(span, list));
            }
            Kind::Like {
                operand, pattern, ..
            } => {
                operand.pins_mut(out);
                pattern.pins_mut(out);
            }
        }
    }
}
