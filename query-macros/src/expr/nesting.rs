//! Queries inside expressions: `exists(q)`, `subquery(q)` (one value), `x in subquery(q)`,
//! `x op any(q)`, `x op all(q)`, and `parent_as(name).field` (a field of a named binding of
//! an enclosing query). The query is a Rust expression evaluated at the call (another
//! `from!`, a function that returns a query, a variable), written bare or after `^`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;
use syn::Expr;

use super::convert::{convert, pin};
use super::{Dsl, Kind};
use crate::binding::Scope;
use crate::preprocess::PIN_MARKER;

/// The query of `exists(q)` and the others: its tokens, without a leading `^`.
pub(super) fn query(expr: &Expr) -> syn::Result<TokenStream> {
    match expr {
        Expr::Macro(mac) if mac.mac.path.is_ident(PIN_MARKER) => pin(mac),
        other => Ok(other.to_token_stream()),
    }
}

/// `exists(q)` or `subquery(q)`.
pub(super) fn test(name: &Ident, args: &[&Expr]) -> syn::Result<Kind> {
    let [argument] = args else {
        return Err(syn::Error::new(
            name.span(),
            format!("`{name}` takes one query, as in `{name}(from!(p in Post, ..))`"),
        ));
    };
    let function = if name == "exists" { "exists" } else { "scalar" };
    Ok(Kind::Subquery {
        function,
        operand: None,
        op: None,
        query: query(argument)?,
    })
}

/// Whether `expr` is a call of `function` (`subquery`, `any`, `all`).
pub(super) fn is_call<'a>(expr: &'a Expr, functions: &[&str]) -> Option<&'a syn::ExprCall> {
    match expr {
        Expr::Call(call)
            if matches!(&*call.func, Expr::Path(path)
                if functions.iter().any(|function| path.path.is_ident(function))) =>
        {
            Some(call)
        }
        _ => None,
    }
}

/// The one query argument of a `subquery(q)`, `any(q)` or `all(q)` call.
fn only_query(call: &syn::ExprCall) -> syn::Result<TokenStream> {
    let name = call.func.to_token_stream().to_string();
    let mut args = call.args.iter();
    match (args.next(), args.next()) {
        (Some(argument), None) => query(argument),
        _ => Err(syn::Error::new_spanned(
            &call.func,
            format!("`{name}` takes one query, as in `{name}(from!(p in Post, ..))`"),
        )),
    }
}

/// `x in subquery(q)`.
pub(super) fn in_subquery(
    scope: &mut Scope,
    operand: &Expr,
    call: &syn::ExprCall,
) -> syn::Result<Kind> {
    let (operand, query) = crate::errors::both(convert(scope, operand), only_query(call))?;
    Ok(Kind::Subquery {
        function: "in_subquery",
        operand: Some(Box::new(operand)),
        op: None,
        query,
    })
}

/// `x op any(q)` / `x op all(q)`; `op` is the `::recto::BinOp` variant.
pub(super) fn quantified(
    scope: &mut Scope,
    operand: &Expr,
    op: &'static str,
    call: &syn::ExprCall,
) -> syn::Result<Kind> {
    let function = if matches!(&*call.func, Expr::Path(path) if path.path.is_ident("any")) {
        "any"
    } else {
        "all"
    };
    let (operand, query) = crate::errors::both(convert(scope, operand), only_query(call))?;
    Ok(Kind::Subquery {
        function,
        operand: Some(Box::new(operand)),
        op: Some(op),
        query,
    })
}

/// `parent_as(name)`, the base of `parent_as(name).field` and `parent_as(name)["field"]`:
/// the binding's name.
pub(super) fn parent_as(expr: &Expr) -> Option<syn::Result<Ident>> {
    let call = is_call(expr, &["parent_as"])?;
    let mut args = call.args.iter();
    let name = match (args.next(), args.next()) {
        (Some(Expr::Path(path)), None) if path.qself.is_none() => path.path.get_ident(),
        _ => None,
    };
    Some(name.cloned().ok_or_else(|| {
        syn::Error::new_spanned(
            call,
            "`parent_as` takes the name of a binding of an enclosing query, as in `parent_as(user).id` (the name given with `as: user`)",
        )
    }))
}

/// `parent_as(binding).field` or `parent_as(binding)["field"]`.
pub(super) fn parent_field(binding: Ident, field: TokenStream, span: Span) -> Dsl {
    Dsl {
        span,
        kind: Kind::ParentField {
            binding,
            name: field,
        },
    }
}
