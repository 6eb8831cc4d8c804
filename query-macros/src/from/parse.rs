//! Parsing `from!(BINDING in SOURCE, clause: value, ...)` into its parts: the binding list,
//! the source, and the `keyword: value` pairs in the order written. What each clause's
//! value means is the check phase's business.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::LitStr;

use crate::binding::{BindingDecl, parse_decls};
use crate::errors::Errors;
use crate::segment::{Keyed, keyed, split_commas, split_in};

/// The parsed input of `from!`.
pub(crate) struct FromInput {
    /// The bindings of the source.
    pub bindings: Vec<BindingDecl>,
    /// What the query reads.
    pub source: SourceSpec,
    /// The clauses, in the order written.
    pub clauses: Vec<Keyed>,
}

/// A source: of the query (after the first `in`) or of a join.
pub(crate) enum SourceSpec {
    /// A type whose last path segment starts with an uppercase letter: a `Schema`.
    Schema(syn::Path),
    /// A string literal: a table by name, schemaless.
    Table(LitStr),
    /// Any other expression: a query to extend (composition).
    Query(syn::Expr),
    /// `subquery(q)`: the rows of the query `q` (a derived table), by its columns' names.
    Subquery(TokenStream),
    /// `values(v)` or `values(^v)`: the rows of a `recto::Values` list, by its columns'
    /// names.
    Values(TokenStream),
}

/// Splits the input into bindings, source and clauses.
pub(crate) fn parse(input: TokenStream) -> syn::Result<FromInput> {
    let mut segments = split_commas(input)?.into_iter();
    let Some(head) = segments.next() else {
        return Err(syn::Error::new(
            Span::call_site(),
            "expected `binding in Source`, as in `from!(u in User)`",
        ));
    };
    let Some((bindings, in_token, source)) = split_in(&head) else {
        return Err(syn::Error::new_spanned(
            &head,
            "expected `binding in Source`, as in `from!(u in User)`",
        ));
    };
    let mut errors = Errors::default();
    let bindings = errors.take(parse_decls(bindings));
    let source = if source.is_empty() {
        errors.push(syn::Error::new(
            in_token.span(),
            "expected a source after `in`: a schema type, a table name string or a query",
        ));
        None
    } else {
        errors.take(parse_source(source))
    };
    let mut clauses = Vec::new();
    for segment in segments {
        match keyed(&segment) {
            Some(clause) if clause.value.is_empty() => errors.push(syn::Error::new(
                clause.keyword.span(),
                format!("`{}:` needs a value", clause.keyword),
            )),
            Some(clause) => clauses.push(clause),
            None => errors.push(syn::Error::new_spanned(
                &segment,
                "expected a clause `keyword: value`, as in `where: u.age > 18`",
            )),
        }
    }
    match (bindings, source) {
        (Some(bindings), Some(source)) => errors.finish(FromInput {
            bindings,
            source,
            clauses,
        }),
        _ => Err(errors.into_error()),
    }
}

/// Classifies a source by its shape: a string literal is a table, a type path ending in an
/// uppercase name a schema, anything else an expression that yields a query.
pub(crate) fn parse_source(tokens: TokenStream) -> syn::Result<SourceSpec> {
    if let Ok(table) = syn::parse2::<LitStr>(tokens.clone()) {
        return Ok(SourceSpec::Table(table));
    }
    if let Ok(path) = syn::parse2::<syn::Path>(tokens.clone()) {
        let last = path
            .segments
            .last()
            .map(|segment| segment.ident.to_string());
        if last.is_some_and(|name| name.starts_with(|c: char| c.is_ascii_uppercase())) {
            return Ok(SourceSpec::Schema(path));
        }
    }
    if let Some(list) = values_call(&tokens) {
        return list;
    }
    let expr: syn::Expr = syn::parse2(tokens)?;
    if let syn::Expr::Call(call) = &expr
        && matches!(&*call.func, syn::Expr::Path(path) if path.path.is_ident("subquery"))
    {
        let mut args = call.args.iter();
        return match (args.next(), args.next()) {
            (Some(query), None) => Ok(SourceSpec::Subquery(quote::ToTokens::to_token_stream(
                query,
            ))),
            _ => Err(syn::Error::new_spanned(
                &call.func,
                "`subquery` takes one query, as in `s in subquery(from!(..))`",
            )),
        };
    }
    Ok(SourceSpec::Query(expr))
}

/// `values(v)` or `values(^v)` (the list is a value, so a pin reads naturally): the list's
/// expression, or `None` for any other source.
fn values_call(tokens: &TokenStream) -> Option<syn::Result<SourceSpec>> {
    let mut trees = tokens.clone().into_iter();
    let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(args)), None) =
        (trees.next(), trees.next(), trees.next())
    else {
        return None;
    };
    if name != "values" || args.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let mut inner = args.stream().into_iter().peekable();
    if matches!(inner.peek(), Some(TokenTree::Punct(caret)) if caret.as_char() == '^') {
        inner.next();
    }
    let list: TokenStream = inner.collect();
    Some(if list.is_empty() {
        Err(syn::Error::new_spanned(
            &name,
            "`values` takes one list, as in `v in values(^rows)` with `rows = recto::values([\"k\"], [(1,), (2,)])`",
        ))
    } else {
        Ok(SourceSpec::Values(list))
    })
}
