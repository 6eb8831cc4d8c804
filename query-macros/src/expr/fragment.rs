//! `fragment("lower(?) = ?", u.name, ^v)`: raw SQL from a string literal, split here at its
//! `?` placeholders. A placeholder is filled by an expression of the query language, by
//! `splice(^list)` (one bound parameter per element) or by `identifier(^name)` (a name the
//! dialect quotes); `??` is a literal `?` (PostgreSQL's `?`, `?|` and `?&` operators).
//! `fragment::<T>(...)` types the result as `T`; without a type it is known only to the
//! engine.
//!
//! Only a literal is accepted: SQL text built at run time would let a value become SQL.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote_spanned};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Token};

use super::convert::{convert, pin};
use super::{Dsl, Kind};
use crate::binding::Scope;
use crate::errors::all;

/// One piece of a fragment, in the order it is printed.
pub(crate) enum Piece {
    /// SQL text between placeholders, `??` already turned into `?`.
    Sql(String),
    /// A placeholder filled by an expression.
    Arg(Dsl),
    /// `splice(^list)`: the list's tokens.
    Splice(Span, TokenStream),
    /// `identifier(^name)`: the name's tokens.
    Identifier(Span, TokenStream),
}

/// The error for a text that is not a string literal.
const LITERAL_ONLY: &str = "fragment takes a string literal: SQL text from a runtime string would let a value become SQL; bind values with ^";

/// `fragment(text, args..)` or `fragment::<T>(text, args..)`.
pub(super) fn fragment(
    scope: &mut Scope,
    name: &syn::Ident,
    ty: Option<TokenStream>,
    args: &Punctuated<Expr, Token![,]>,
) -> syn::Result<Dsl> {
    let span = name.span();
    let mut args = args.iter();
    let text = match args.next() {
        Some(Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        })) => text,
        Some(other) => return Err(syn::Error::new(other.span(), LITERAL_ONLY)),
        None => return Err(syn::Error::new(span, LITERAL_ONLY)),
    };
    let texts = split(&text.value());
    let rest: Vec<&Expr> = args.collect();
    // `split` gives one text more than there are placeholders, and at least one.
    let placeholders = texts.len().saturating_sub(1);
    if rest.len() != placeholders {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        return Err(syn::Error::new(
            text.span(),
            format!(
                "this fragment has {} but {} after its text; each `?` takes one argument (write `??` for a literal `?`)",
                plural(placeholders, "`?` placeholder"),
                plural(rest.len(), "argument"),
            ),
        ));
    }
    let fillers = all(rest.into_iter().map(|arg| filler(scope, arg)))?;
    let mut pieces = Vec::with_capacity(texts.len() + fillers.len());
    let mut fillers = fillers.into_iter();
    for text in texts {
        if !text.is_empty() {
            pieces.push(Piece::Sql(text));
        }
        if let Some(filler) = fillers.next() {
            pieces.push(filler);
        }
    }
    Ok(Dsl {
        span,
        kind: Kind::Fragment { ty, pieces },
    })
}

/// The texts around the placeholders of `text`: one more than there are placeholders.
fn split(text: &str) -> Vec<String> {
    let mut texts = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '?' if chars.peek() == Some(&'?') => {
                chars.next();
                if let Some(last) = texts.last_mut() {
                    last.push('?');
                }
            }
            '?' => texts.push(String::new()),
            c => {
                if let Some(last) = texts.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    texts
}

/// What fills one placeholder.
fn filler(scope: &mut Scope, arg: &Expr) -> syn::Result<Piece> {
    if let Expr::Call(call) = arg
        && let Expr::Path(path) = &*call.func
        && let Some(name) = path.path.get_ident()
        && (name == "splice" || name == "identifier")
    {
        let inner: Vec<&Expr> = call.args.iter().collect();
        let value = match inner[..] {
            [Expr::Macro(mac)] => pin(mac).ok(),
            _ => None,
        };
        let Some(value) = value else {
            let what = if name == "splice" { "list" } else { "name" };
            return Err(syn::Error::new(
                name.span(),
                format!("`{name}` takes one {what} bound with `^`, as in `{name}(^{what})`"),
            ));
        };
        return Ok(if name == "splice" {
            Piece::Splice(name.span(), value)
        } else {
            Piece::Identifier(name.span(), value)
        });
    }
    convert(scope, arg).map(Piece::Arg)
}

/// The expansion: `__recto_fragment::<T>(parts, args)`.
pub(super) fn expand(
    span: Span,
    ty: Option<&TokenStream>,
    pieces: &[Piece],
    mut arg: impl FnMut(&Dsl) -> TokenStream,
) -> TokenStream {
    let mut parts = Vec::new();
    let mut args = Vec::new();
    for piece in pieces {
        parts.push(match piece {
            Piece::Sql(text) => {
                let text = syn::LitStr::new(text, span);
                quote_spanned!(span=> __recto_fragment_sql(#text))
            }
            Piece::Arg(dsl) => {
                let at = dsl.span;
                let value = arg(dsl);
                args.push(quote_spanned!(at=> __recto_fragment_arg(#value)));
                quote_spanned!(span=> __recto_FRAGMENT_ARG)
            }
            Piece::Splice(at, list) => quote_spanned!(*at=> __recto_splice(#list)),
            Piece::Identifier(at, name) => quote_spanned!(*at=> __recto_identifier(#name)),
        });
    }
    let function = match ty {
        Some(ty) => quote_spanned!(span=> __recto_fragment::<#ty>),
        None => quote_spanned!(span=> __recto_fragment_untyped),
    };
    quote_spanned!(span=> #function(::std::vec![#(#parts),*], ::std::vec![#(#args),*]))
}

/// The type of `fragment::<T>`, if the path names one.
pub(super) fn turbofish(path: &syn::Path) -> syn::Result<Option<TokenStream>> {
    let Some(segment) = path.segments.last() else {
        return Ok(None);
    };
    match &segment.arguments {
        syn::PathArguments::None => Ok(None),
        syn::PathArguments::AngleBracketed(generic) if generic.args.len() == 1 => {
            match generic.args.first() {
                Some(syn::GenericArgument::Type(ty)) => Ok(Some(ty.to_token_stream())),
                _ => Err(turbofish_error(segment)),
            }
        }
        _ => Err(turbofish_error(segment)),
    }
}

fn turbofish_error(segment: &syn::PathSegment) -> syn::Error {
    syn::Error::new(
        segment.arguments.span(),
        "`fragment` takes one type, the Rust type of its value, as in `fragment::<i64>(..)`",
    )
}
