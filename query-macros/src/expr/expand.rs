//! From [`Dsl`] to calls of `::recto::dsl`, each spanned at the user's token so rustc's
//! type errors (a field that does not exist, a text compared with a number) point at the
//! query as written.

use proc_macro2::{Ident, TokenStream};
use quote::quote_spanned;
use syn::LitStr;
use syn::ext::IdentExt;

use super::{Dsl, Kind};
use crate::binding::{Scope, Typing, names};

/// The expression, as a `::recto::dsl::Typed<T>` value. Paths go through the
/// `__recto_d` alias of `::recto::dsl` that [`Scope::prelude`] declares.
pub(crate) fn expand(scope: &Scope, dsl: &Dsl) -> TokenStream {
    let span = dsl.span;
    let sub = |dsl: &Dsl| expand(scope, dsl);
    match &dsl.kind {
        Kind::Field { binding, name } => {
            let accessors = match &scope.get(*binding).typing {
                Typing::Schema(_) => names::schema_fields(*binding),
                Typing::Witness(position) => names::witness(*position),
                Typing::Untyped => {
                    let reference = scope.reference(*binding);
                    let name = LitStr::new(&name.unraw().to_string(), name.span());
                    return quote_spanned!(span=> __recto_d::field_by_name(#reference, #name));
                }
            };
            match scope.index(*binding) {
                Some(index) => quote_spanned!(span=> __recto_d::col(#index, #accessors.#name)),
                None => {
                    let reference = scope.reference(*binding);
                    quote_spanned!(span=> __recto_d::field(#reference, #accessors.#name))
                }
            }
        }
        Kind::FieldByName { binding, name } => {
            let reference = scope.reference(*binding);
            quote_spanned!(span=> __recto_d::field_by_name(#reference, #name))
        }
        Kind::Lit(lit) => quote_spanned!(span=> __recto_d::lit(#lit)),
        Kind::Pin(value) => quote_spanned!(span=> __recto_d::pin(#value)),
        Kind::Not(operand) => {
            let operand = sub(operand);
            quote_spanned!(span=> __recto_d::not(#operand))
        }
        Kind::Neg(operand) => {
            let operand = sub(operand);
            quote_spanned!(span=> __recto_d::neg(#operand))
        }
        Kind::Binary { op, left, right } => {
            let function = Ident::new(op, span);
            let (left, right) = (sub(left), sub(right));
            quote_spanned!(span=> __recto_d::#function(#left, #right))
        }
        Kind::InList { operand, list } => {
            let checked = checked_against(scope, list);
            let (first, rest) = (names::operand(), names::rest());
            let operand = sub(operand);
            quote_spanned! {span=>
                {
                    let #first = #operand;
                    let #rest = __recto_d::list([#(#checked),*]);
                    __recto_d::in_list(#first, #rest)
                }
            }
        }
        Kind::InParam { operand, list } => {
            let operand = sub(operand);
            quote_spanned!(span=> __recto_d::in_param(#operand, #list))
        }
        Kind::IsNil(operand) => {
            let operand = sub(operand);
            quote_spanned!(span=> __recto_d::is_nil(#operand))
        }
        Kind::Like {
            operand,
            pattern,
            case_insensitive,
        } => {
            let (operand, pattern) = (sub(operand), sub(pattern));
            quote_spanned!(span=> __recto_d::like(#operand, #pattern, #case_insensitive))
        }
        Kind::CountAll => quote_spanned!(span=> __recto_d::count_all()),
        Kind::Count { operand, distinct } => {
            let operand = sub(operand);
            quote_spanned!(span=> __recto_d::count(#operand, #distinct))
        }
        Kind::Aggregate {
            func,
            numeric,
            operand,
        } => {
            let func = Ident::new(func, span);
            let operand = sub(operand);
            if *numeric {
                quote_spanned!(span=> __recto_d::numeric_aggregate(::recto::AggFunc::#func, #operand))
            } else {
                quote_spanned!(span=> __recto_d::extremum(::recto::AggFunc::#func, #operand))
            }
        }
        Kind::Coalesce {
            first: head,
            rest: tail,
        } => {
            let checked = checked_against(scope, tail);
            let (first, rest) = (names::operand(), names::rest());
            let head = sub(head);
            quote_spanned! {span=>
                {
                    let #first = #head;
                    let #rest = __recto_d::list([#(#checked),*]);
                    __recto_d::coalesce(#first, #rest)
                }
            }
        }
    }
}

/// `__recto_d::elem(&__recto_operand, item)` for each item: each checked to be of the
/// operand's kind, with the error at the item.
fn checked_against(scope: &Scope, items: &[Dsl]) -> Vec<TokenStream> {
    let first = names::operand();
    items
        .iter()
        .map(|item| {
            let span = item.span;
            let item = expand(scope, item);
            quote_spanned!(span=> __recto_d::elem(&#first, #item))
        })
        .collect()
}
