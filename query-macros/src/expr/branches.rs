//! Conditionals (`if c { a } else if c2 { b } else { d }`, SQL's `CASE WHEN`) and aggregate
//! filters (`filter(count(), cond)`): their syntax is checked here, their types by rustc
//! against `::recto::dsl`'s `case` and `filter`.

use proc_macro2::Ident;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Token};

use super::convert::convert;
use super::{Dsl, Kind};
use crate::binding::Scope;
use crate::errors::{all, both};

/// `if c { a } else if c2 { b } else { d }`: every branch a block of one expression, the
/// last an `else`. A branch may be `nil` (SQL's NULL, making the result an `Option`), as
/// long as one is not: the others give it its type.
pub(super) fn conditional(scope: &mut Scope, expr: &syn::ExprIf) -> syn::Result<Dsl> {
    let span = expr.if_token.span;
    let mut branches = Vec::new();
    let mut current = expr;
    let otherwise = loop {
        branches.push((
            condition(scope, &current.cond),
            value(scope, &current.then_branch),
        ));
        match &current.else_branch {
            None => {
                return Err(syn::Error::new(
                    current.if_token.span,
                    "an `if` in a query needs an `else`: SQL's CASE gives NULL where no branch is taken, so write `else { nil }` to make the result an `Option`",
                ));
            }
            Some((_, next)) => match &**next {
                Expr::If(next) => current = next,
                Expr::Block(block) => break value(scope, &block.block),
                other => {
                    break Err(syn::Error::new_spanned(
                        other,
                        "expected a block after `else`",
                    ));
                }
            },
        }
    };
    let branches = all(branches.into_iter().map(|(when, then)| both(when, then)));
    let (whens, otherwise): (Vec<(Dsl, Option<Dsl>)>, _) = both(branches, otherwise)?;
    if otherwise.is_none() && whens.iter().all(|(_, then)| then.is_none()) {
        return Err(syn::Error::new(
            span,
            "every branch of this `if` is `nil`, which has no type of its own: write a value in one of them",
        ));
    }
    Ok(Dsl {
        span,
        kind: Kind::Case {
            whens,
            otherwise: otherwise.map(Box::new),
        },
    })
}

/// An `if` condition: a query expression (`if let` binds nothing in SQL).
fn condition(scope: &mut Scope, cond: &Expr) -> syn::Result<Dsl> {
    if let Expr::Let(binding) = cond {
        return Err(syn::Error::new(
            binding.let_token.span,
            "`if let` is not part of the query language; write a condition, as in `if is_nil(u.email) { .. }`",
        ));
    }
    convert(scope, cond)
}

/// A branch's value: a block holding one expression; `None` for `nil`.
fn value(scope: &mut Scope, block: &syn::Block) -> syn::Result<Option<Dsl>> {
    let expr = match &block.stmts[..] {
        [syn::Stmt::Expr(expr, None)] => expr,
        _ => {
            return Err(syn::Error::new(
                block.brace_token.span.join(),
                "a branch of an `if` in a query is one expression, as in `{ u.age }`",
            ));
        }
    };
    if is_nil(expr) {
        return Ok(None);
    }
    convert(scope, expr).map(Some)
}

/// Whether an expression is the bare identifier `nil`.
pub(super) fn is_nil(expr: &Expr) -> bool {
    matches!(expr, Expr::Path(path) if path.qself.is_none() && path.path.is_ident("nil"))
}

/// `filter(agg, cond)`: the first argument an aggregate call, the second its condition.
pub(super) fn filter(
    scope: &mut Scope,
    name: &Ident,
    args: &Punctuated<Expr, Token![,]>,
) -> syn::Result<Kind> {
    let [aggregate, cond] = args.iter().collect::<Vec<_>>()[..] else {
        return Err(syn::Error::new(
            name.span(),
            format!(
                "`filter` takes 2 arguments, an aggregate and a condition, as in `filter(count(), p.score > 2.0)`; found {}",
                args.len()
            ),
        ));
    };
    let (aggregate, cond) = both(convert(scope, aggregate), convert(scope, cond))?;
    if !matches!(
        aggregate.kind,
        Kind::CountAll | Kind::Count { .. } | Kind::Aggregate { .. }
    ) {
        let what = match aggregate.kind {
            Kind::Filter { .. } => {
                "an aggregate that has a filter already; join the conditions with `&&`"
            }
            _ => {
                "not an aggregate; `filter` applies to `count`, `sum`, `avg`, `min` or `max`, as in `filter(sum(p.views), p.score > 2.0)`"
            }
        };
        return Err(syn::Error::new(
            args[0].span(),
            format!("the first argument of `filter` is {what}"),
        ));
    }
    Ok(Kind::Filter {
        aggregate: Box::new(aggregate),
        cond: Box::new(cond),
    })
}
