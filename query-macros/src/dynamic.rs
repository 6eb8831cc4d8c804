//! `dynamic!([u, p], expr)`: a condition built at run time, for the query it is later
//! spliced into with `where: ^d`.
//!
//! A dynamic condition does not know that query's type, so every field is looked up by
//! name when the query is planned; bindings refer to the query's bindings by position
//! (`[u, p]`) or by name (`[org: o]`). The binding list may be omitted
//! (`dynamic!(^a && ^b)`) when the condition names no field.
//!
//! The bindings may name their schemas, as a `from!` source does: `dynamic!(u in User, ..)`
//! or `dynamic!([u, o] in (User, Org), ..)` (`_` for a binding left untyped). Then rustc
//! checks their fields and types, and a condition that is not boolean fails to compile as
//! in `where:`. Without schemas, fields are untyped and the planner checks them.

use proc_macro2::TokenStream;
use quote::quote_spanned;

use crate::binding::{Binding, BindingDecl, DeclPlace, Scope, Target, Typing, parse_decls};
use crate::errors::Errors;
use crate::expr;
use crate::segment::{split_commas, split_in};

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
        let (decls, schemas) = match split_in(&bindings) {
            Some((decls, in_token, schemas)) if schemas.is_empty() => {
                errors.push(syn::Error::new(
                    in_token.span(),
                    "expected the bindings' schemas after `in`, as in `dynamic!(u in User, ..)`",
                ));
                (decls, None)
            }
            Some((decls, _, schemas)) => (decls, Some(schemas)),
            None => (bindings, None),
        };
        let decls = errors.take(parse_decls(decls)).unwrap_or_default();
        let typings = match schemas {
            Some(schemas) => errors.take(typings(schemas, &decls)),
            None => None,
        };
        for (i, decl) in decls.into_iter().enumerate() {
            let target = match decl.place {
                DeclPlace::Position(position) => Target::Position(position),
                DeclPlace::Last => Target::Last,
                DeclPlace::Named(name) => {
                    Target::Named(syn::ext::IdentExt::unraw(&name).to_string())
                }
            };
            let typing = typings
                .as_ref()
                .and_then(|typings| typings.get(i).cloned())
                .unwrap_or(Typing::Untyped);
            errors.take(scope.declare(Binding {
                name: decl.name,
                target,
                typing,
                nullable: false,
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
    let prelude = scope.prelude(true);
    Ok(quote_spanned!(span=> { #prelude ::recto::Dynamic::new(__recto_condition(#value)) }))
}

/// The typing of each binding from the schemas after `in`: one schema type, or a tuple of
/// one per binding, `_` for a binding left untyped.
fn typings(schemas: TokenStream, decls: &[BindingDecl]) -> syn::Result<Vec<Typing>> {
    let ty: syn::Type = syn::parse2(schemas.clone()).map_err(|_| {
        syn::Error::new_spanned(
            &schemas,
            "expected a schema type or a tuple of them, as in `[u, o] in (User, Org)`",
        )
    })?;
    let types = match ty {
        syn::Type::Tuple(tuple) => tuple.elems.into_iter().collect(),
        syn::Type::Paren(paren) => vec![*paren.elem],
        ty => vec![ty],
    };
    if types.len() != decls.len() {
        return Err(syn::Error::new_spanned(
            &schemas,
            format!(
                "{} binding(s) but {} schema(s): name one schema per binding, `_` for one left untyped",
                decls.len(),
                types.len()
            ),
        ));
    }
    crate::errors::all(types.into_iter().map(|ty| match ty {
        syn::Type::Path(path) if path.qself.is_none() => Ok(Typing::Schema(path.path)),
        syn::Type::Infer(_) => Ok(Typing::Untyped),
        other => Err(syn::Error::new_spanned(
            other,
            "expected a schema type (a `#[derive(Schema)]` struct) or `_`",
        )),
    }))
}
