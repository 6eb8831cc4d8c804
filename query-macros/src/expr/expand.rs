//! From [`Dsl`] to calls of `::recto::dsl`, each spanned at the user's token so rustc's
//! type errors (a field that does not exist, a text compared with a number) point at the
//! query as written.

use proc_macro2::{Ident, TokenStream};
use quote::quote_spanned;
use syn::LitStr;
use syn::ext::IdentExt;

use super::{BinClass, Dsl, Kind};
use crate::binding::{Scope, Typing, names};

/// The expression, as a `::recto::dsl::Typed<T>` value.
pub(crate) fn expand(scope: &Scope, dsl: &Dsl) -> TokenStream {
    let span = dsl.span;
    let sub = |dsl: &Dsl| expand(scope, dsl);
    match &dsl.kind {
        Kind::Field { binding, name } => {
            let reference = scope.reference(*binding);
            match &scope.get(*binding).typing {
                Typing::Schema(schema) => quote_spanned! {span=>
                    ::recto::dsl::field(#reference, <#schema as ::recto::Schema>::FIELDS.#name)
                },
                Typing::Witness(position) => {
                    let witness = names::witness(*position);
                    quote_spanned!(span=> ::recto::dsl::field(#reference, #witness.#name))
                }
                Typing::Untyped => {
                    let name = LitStr::new(&name.unraw().to_string(), name.span());
                    quote_spanned!(span=> ::recto::dsl::field_by_name(#reference, #name))
                }
            }
        }
        Kind::FieldByName { binding, name } => {
            let reference = scope.reference(*binding);
            quote_spanned!(span=> ::recto::dsl::field_by_name(#reference, #name))
        }
        Kind::Lit(lit) => quote_spanned!(span=> ::recto::dsl::lit(#lit)),
        Kind::Pin(value) => quote_spanned!(span=> ::recto::dsl::pin(#value)),
        Kind::Not(operand) => {
            let operand = sub(operand);
            quote_spanned!(span=> ::recto::dsl::not(#operand))
        }
        Kind::Neg(operand) => {
            let operand = sub(operand);
            quote_spanned!(span=> ::recto::dsl::neg(#operand))
        }
        Kind::Binary {
            class,
            op,
            left,
            right,
        } => {
            let function = match class {
                BinClass::Compare => quote_spanned!(span=> compare),
                BinClass::Logic => quote_spanned!(span=> logic),
                BinClass::Arith => quote_spanned!(span=> arith),
            };
            let op = Ident::new(op, span);
            let (left, right) = (sub(left), sub(right));
            quote_spanned!(span=> ::recto::dsl::#function(::recto::BinOp::#op, #left, #right))
        }
        Kind::InList { operand, list } => {
            let checked = checked_against(scope, list);
            let (first, rest) = (names::operand(), names::rest());
            let operand = sub(operand);
            quote_spanned! {span=>
                {
                    let #first = #operand;
                    let #rest = ::std::vec![#(#checked),*];
                    ::recto::dsl::in_list(#first, #rest)
                }
            }
        }
        Kind::InParam { operand, list } => {
            let operand = sub(operand);
            quote_spanned!(span=> ::recto::dsl::in_param(#operand, #list))
        }
        Kind::IsNil(operand) => {
            let operand = sub(operand);
            quote_spanned!(span=> ::recto::dsl::is_nil(#operand))
        }
        Kind::Like {
            operand,
            pattern,
            case_insensitive,
        } => {
            let (operand, pattern) = (sub(operand), sub(pattern));
            quote_spanned!(span=> ::recto::dsl::like(#operand, #pattern, #case_insensitive))
        }
        Kind::CountAll => quote_spanned!(span=> ::recto::dsl::count_all()),
        Kind::Count { operand, distinct } => {
            let operand = sub(operand);
            quote_spanned!(span=> ::recto::dsl::count(#operand, #distinct))
        }
        Kind::Aggregate {
            func,
            numeric,
            operand,
        } => {
            let func = Ident::new(func, span);
            let operand = sub(operand);
            if *numeric {
                quote_spanned!(span=> ::recto::dsl::numeric_aggregate(::recto::AggFunc::#func, #operand))
            } else {
                quote_spanned!(span=> ::recto::dsl::extremum(::recto::AggFunc::#func, #operand))
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
                    let #rest = ::std::vec![#(#checked),*];
                    ::recto::dsl::coalesce(#first, #rest)
                }
            }
        }
    }
}

/// `::recto::dsl::elem(&__recto_operand, item)` for each item: each checked to be of the
/// operand's kind, with the error at the item.
fn checked_against(scope: &Scope, items: &[Dsl]) -> Vec<TokenStream> {
    let first = names::operand();
    items
        .iter()
        .map(|item| {
            let span = item.span;
            let item = expand(scope, item);
            quote_spanned!(span=> ::recto::dsl::elem(&#first, #item))
        })
        .collect()
}
