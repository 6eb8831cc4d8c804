//! Expanding a checked `from!` into a block of builder calls:
//!
//! ```text
//! {
//!     let __recto_q = SOURCE;                               // from_schema, table or source(expr)
//!     let __recto_q = __recto_q.named_root("name");         // `as:` after the source
//!     let __recto_f0 = ::recto::dsl::fields::<0, _>(&__recto_q);   // typed fields of a composed query
//!     let __recto_base = __recto_q.binding_count();         // the first join's position
//!     let __recto_q = __recto_q.filter(...);                // one statement per clause
//!     __recto_q
//! }
//! ```
//!
//! Each builder call is spanned at its clause keyword: builder methods are
//! `#[track_caller]`, so the location a clause records is the user's clause.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{quote, quote_spanned};
use syn::LitStr;
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use super::check::{Checked, Clause};
use super::parse::SourceSpec;
use super::value::{Select, Selected};
use crate::binding::{Scope, names};
use crate::expr::{Dsl, expand as expand_expr};

/// The block a `from!` expands to.
pub(crate) fn expand(checked: &Checked) -> TokenStream {
    let q = names::query();
    let scope = &checked.scope;
    let source = match &checked.source {
        SourceSpec::Schema(schema) => {
            quote_spanned!(schema.span()=> ::recto::Query::<#schema>::from_schema())
        }
        SourceSpec::Table(table) => quote_spanned!(table.span()=> ::recto::Query::table(#table)),
        SourceSpec::Query(query) => quote_spanned!(query.span()=> ::recto::dsl::source(#query)),
    };
    let mut body = quote!(let #q = #source;);
    if let Some(name) = &checked.root_name {
        let literal = name_literal(name);
        body.extend(quote_spanned!(name.span()=> let #q = #q.named_root(#literal);));
    }
    for (position, span) in scope.witnesses() {
        let witness = names::witness(position);
        let position = Literal::usize_unsuffixed(position);
        body.extend(
            quote_spanned!(span=> let #witness = ::recto::dsl::fields::<#position, _>(&#q);),
        );
    }
    if scope.uses_joins() {
        let base = names::base();
        body.extend(quote!(let #base = #q.binding_count();));
    }
    for clause in &checked.clauses {
        let call = clause_call(scope, clause);
        body.extend(quote!(let #q = #q.#call;));
    }
    quote!({ #body #q })
}

/// The builder method call of one clause (after `__recto_q.`).
fn clause_call(scope: &Scope, clause: &Clause) -> TokenStream {
    let expr = |dsl| expand_expr(scope, dsl);
    match clause {
        Clause::Join {
            keyword,
            kind,
            source,
            on,
            name,
        } => {
            let span = keyword.span();
            let kind = Ident::new(kind, span);
            let (slot, source) = match source {
                SourceSpec::Schema(schema) => (
                    quote!(#schema),
                    quote_spanned!(span=> ::recto::Source::schema::<#schema>()),
                ),
                SourceSpec::Table(table) => (
                    quote_spanned!(span=> ::recto::Erased),
                    quote_spanned!(span=> ::recto::Source::Table(::std::borrow::Cow::Borrowed(#table))),
                ),
                SourceSpec::Query(_) => unreachable!("the check rejects query join sources"),
            };
            let on = condition(scope, on);
            let name = match name {
                Some(name) => {
                    let literal = name_literal(name);
                    quote!(::std::option::Option::Some(::std::borrow::Cow::Borrowed(#literal)))
                }
                None => quote!(::std::option::Option::None),
            };
            quote_spanned!(span=> join::<#slot>(::recto::JoinKind::#kind, #source, #on, #name))
        }
        Clause::Filter {
            keyword,
            method,
            condition: cond,
        } => {
            let method = Ident::new(method, keyword.span());
            let cond = condition(scope, cond);
            quote_spanned!(keyword.span()=> #method(#cond))
        }
        Clause::Select { keyword, select } => {
            let select = match select {
                Select::One(item) => {
                    let item = selected(scope, item);
                    quote!(::recto::Select::One(#item))
                }
                Select::Tuple(items) => {
                    let items = items.iter().map(|item| selected(scope, item));
                    quote!(::recto::Select::Tuple(::std::vec![#(#items),*]))
                }
                Select::Struct(fields) => {
                    let fields = fields.iter().map(|(name, value)| {
                        let (name, value) = (name_literal(name), expr(value));
                        quote!((::std::borrow::Cow::Borrowed(#name), ::recto::dsl::expr(#value)))
                    });
                    quote!(::recto::Select::Struct(::std::vec![#(#fields),*]))
                }
            };
            quote_spanned!(keyword.span()=> select(#select))
        }
        Clause::Distinct { keyword, distinct } => {
            quote_spanned!(keyword.span()=> distinct(#distinct))
        }
        Clause::GroupBy { keyword, exprs } => {
            let exprs = exprs.iter().map(|value| {
                let span = value.span;
                let value = expr(value);
                quote_spanned!(span=> ::recto::dsl::expr(#value))
            });
            quote_spanned!(keyword.span()=> group_by(::std::vec![#(#exprs),*]))
        }
        Clause::OrderBy { keyword, terms } => {
            let terms = terms.iter().map(|(direction, value)| {
                let span = value.span;
                let value = expr(value);
                quote_spanned!(span=> ::recto::dsl::order(::recto::Direction::#direction, #value))
            });
            quote_spanned!(keyword.span()=> order_by(::std::vec![#(#terms),*]))
        }
        Clause::Count {
            keyword,
            method,
            count,
        } => {
            let method = Ident::new(method, keyword.span());
            let span = count.span;
            let count = expr(count);
            let count = quote_spanned!(span=> ::recto::dsl::count_value(#count));
            quote_spanned!(keyword.span()=> #method(#count))
        }
    }
}

/// A boolean condition, checked (and its type error reported) at the expression.
fn condition(scope: &Scope, dsl: &Dsl) -> TokenStream {
    let span = dsl.span;
    let value = expand_expr(scope, dsl);
    quote_spanned!(span=> ::recto::dsl::condition(#value))
}

/// One selected thing: a whole binding or an expression.
fn selected(scope: &Scope, item: &Selected) -> TokenStream {
    match item {
        Selected::Binding(binding) => {
            let reference = scope.reference(*binding);
            quote!(::recto::Selected::Binding(#reference))
        }
        Selected::Expr(value) => {
            let span = value.span;
            let value = expand_expr(scope, value);
            quote_spanned!(span=> ::recto::dsl::selected(#value))
        }
    }
}

/// A name as written (without `r#`), as a string literal.
fn name_literal(name: &Ident) -> LitStr {
    LitStr::new(&name.unraw().to_string(), name.span())
}
