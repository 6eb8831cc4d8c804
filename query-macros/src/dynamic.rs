//! `dynamic!([u, p], expr)`: a condition built at run time, for the query it is later
//! spliced into with `where: ^d`.
//!
//! A dynamic condition does not know that query's type, so every field is looked up by
//! name when the query is planned; bindings refer to the query's bindings by position
//! (`[u, p]`) or by name (`[org: o]`). The binding list may be omitted
//! (`dynamic!(^a && ^b)`) when the condition names no field.

use proc_macro2::TokenStream;
use quote::quote_spanned;

use crate::binding::{Binding, DeclPlace, Scope, Target, Typing, parse_decls};
use crate::errors::Errors;
use crate::expr;
use crate::segment::split_commas;

/// Expands a `dynamic!` invocation.
pub(crate) fn expand_dynamic(input: TokenStream) -> syn::Result<TokenStream> {
    let mut segments = split_commas(input.clone())?;
    let (bindings, condition) = match segments.len() {
        1 => (None, segments.remove(0)),
        2 => {
            let condition = segments.remove(1);
            (Some(segments.remove(0)), condition)
        }
        0 => {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                "expected bindings and a condition, as in `dynamic!([u], u.age > ^min)`",
            ));
        }
        _ => {
            return Err(syn::Error::new_spanned(
                input,
                "expected bindings and one condition, as in `dynamic!([u, p], u.age > ^min && p.score > 1.0)`",
            ));
        }
    };

    let mut errors = Errors::default();
    let mut scope = Scope::default();
    if let Some(bindings) = bindings {
        for decl in errors.take(parse_decls(bindings)).unwrap_or_default() {
            let target = match decl.place {
                DeclPlace::Position(position) => Target::Position(position),
                DeclPlace::Last => Target::Last,
                DeclPlace::Named(name) => {
                    Target::Named(syn::ext::IdentExt::unraw(&name).to_string())
                }
            };
            errors.take(scope.declare(Binding {
                name: decl.name,
                target,
                typing: Typing::Untyped,
            }));
        }
    }
    let condition = expr::parse(condition).and_then(|parsed| expr::convert(&mut scope, &parsed));
    let Some(condition) = errors.take(condition) else {
        return Err(errors.into_error());
    };
    let condition = errors.finish(condition)?;
    let span = condition.span;
    let value = expr::expand(&scope, &condition);
    Ok(quote_spanned!(span=> ::recto::Dynamic::new(::recto::dsl::condition(#value))))
}
