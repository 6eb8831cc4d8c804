//! From [`Dsl`] to calls of `::recto::dsl`, each spanned at the user's token so rustc's
//! type errors (a field that does not exist, a text compared with a number) point at the
//! query as written.
//!
//! The calls are written as plain token trees into one `Vec` and become a compiler token
//! stream only where a group (a call's parentheses) needs one. Inside rustc every token
//! stream operation is a call across the proc-macro bridge, and building each node with
//! `quote!` (a stream per node, spliced into its parent's) made those calls most of the
//! macro's time.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::quote_spanned;
use syn::LitStr;
use syn::ext::IdentExt;

use super::{Dsl, Kind};
use crate::binding::{Scope, Typing, names};

/// Token trees not yet handed to the compiler.
type Trees = Vec<TokenTree>;

/// The expression, as a `::recto::dsl::Typed<T>` value. Functions are named as
/// `::recto::dsl::short` exports them (`__recto_eq`), which [`Scope::prelude`] imports.
pub(crate) fn expand(scope: &Scope, dsl: &Dsl) -> TokenStream {
    let mut out = Trees::new();
    write(&mut out, scope, dsl);
    out.into_iter().collect()
}

/// `__recto_function(expr)`, or `__recto_function(__recto_first, expr)`, spanned
/// at the expression: the clause-level checks (`condition`, `selected`, `order`, ...).
pub(crate) fn wrapped(
    scope: &Scope,
    dsl: &Dsl,
    function: &str,
    first: Option<&Ident>,
) -> TokenStream {
    let mut out = Trees::new();
    call(&mut out, dsl.span, function, |args| {
        if let Some(first) = first {
            dsl_path(args, dsl.span, &first.to_string());
            comma(args, dsl.span);
        }
        write(args, scope, dsl);
    });
    out.into_iter().collect()
}

fn write(out: &mut Trees, scope: &Scope, dsl: &Dsl) {
    let span = dsl.span;
    match &dsl.kind {
        Kind::Field { binding, name } => {
            let accessors = match &scope.get(*binding).typing {
                Typing::Schema(_) => names::schema_fields(*binding),
                Typing::Witness(position) => names::witness(*position),
                Typing::Subquery(number) => {
                    let columns = names::columns(*number);
                    let reference = scope.reference(*binding);
                    let text = name.unraw().to_string();
                    let key = crate::columns::key(&text);
                    let name = LitStr::new(&text, name.span());
                    let column = quote_spanned!(span=>
                        __recto_column::<#key, _>(&#columns, #reference, #name)
                    );
                    if scope.get(*binding).nullable {
                        return out.extend(quote_spanned!(span=> __recto_nullable(#column)));
                    }
                    return out.extend(column);
                }
                Typing::Untyped => {
                    let reference = scope.reference(*binding);
                    let name = LitStr::new(&name.unraw().to_string(), name.span());
                    return out
                        .extend(quote_spanned!(span=> __recto_field_by_name(#reference, #name)));
                }
            };
            let nullable = scope.get(*binding).nullable;
            let (function, binding) = match scope.index(*binding) {
                Some(index) => ("col", index),
                None => ("field", scope.reference(*binding)),
            };
            let field = |out: &mut Trees| {
                call(out, span, function, |args| {
                    args.extend(binding);
                    comma(args, span);
                    args.push(TokenTree::Ident(accessors));
                    args.push(punct('.', Spacing::Alone, span));
                    args.push(TokenTree::Ident(name.clone()));
                });
            };
            if nullable {
                call(out, span, "nullable", field);
            } else {
                field(out);
            }
        }
        Kind::FieldByName { binding, name } => {
            let reference = scope.reference(*binding);
            out.extend(quote_spanned!(span=> __recto_field_by_name(#reference, #name)));
        }
        // A float literal without a suffix takes its type from the other operand (a decimal
        // beside a decimal), so it is a `FloatLit` rather than an `f64`.
        Kind::Lit(lit) if is_unsuffixed_float(lit) => {
            call(out, span, "float_lit", |args| args.extend(lit.clone()))
        }
        Kind::Lit(lit) => call(out, span, "lit", |args| args.extend(lit.clone())),
        Kind::Pin(value) => call(out, span, "pin", |args| args.extend(value.clone())),
        Kind::Not(operand) => call(out, span, "not", |args| write(args, scope, operand)),
        Kind::Neg(operand) => call(out, span, "neg", |args| write(args, scope, operand)),
        Kind::Binary { op, left, right } => call(out, span, op, |args| {
            write(args, scope, left);
            comma(args, span);
            write(args, scope, right);
        }),
        Kind::InList { operand, list } => {
            let checked = checked_against(scope, list);
            let (first, rest) = (names::operand(), names::rest());
            let operand = expand(scope, operand);
            out.extend(quote_spanned! {span=>
                {
                    let #first = #operand;
                    let #rest = __recto_list([#(#checked),*]);
                    __recto_in_list(#first, #rest)
                }
            });
        }
        Kind::Row(items) => call(out, span, "row", |args| {
            let mut tuple = Trees::new();
            for item in items {
                write(&mut tuple, scope, item);
                comma(&mut tuple, span);
            }
            let mut group = Group::new(Delimiter::Parenthesis, tuple.into_iter().collect());
            group.set_span(span);
            args.push(TokenTree::Group(group));
        }),
        Kind::InParam { operand, list } => call(out, span, "in_param", |args| {
            write(args, scope, operand);
            comma(args, span);
            args.extend(list.clone());
        }),
        Kind::IsNil(operand) => call(out, span, "is_nil", |args| write(args, scope, operand)),
        Kind::Like {
            operand,
            pattern,
            case_insensitive,
        } => call(out, span, "like", |args| {
            write(args, scope, operand);
            comma(args, span);
            write(args, scope, pattern);
            comma(args, span);
            args.push(TokenTree::Ident(Ident::new(
                if *case_insensitive { "true" } else { "false" },
                span,
            )));
        }),
        Kind::CountAll => call(out, span, "count_all", |_| {}),
        Kind::Keyword(name) => dsl_path(out, span, name),
        Kind::Count { operand, distinct } => call(out, span, "count", |args| {
            write(args, scope, operand);
            comma(args, span);
            args.push(TokenTree::Ident(Ident::new(
                if *distinct { "true" } else { "false" },
                span,
            )));
        }),
        Kind::Fragment { ty, pieces } => {
            out.extend(super::fragment::expand(span, ty.as_ref(), pieces, |arg| {
                expand(scope, arg)
            }));
        }
        Kind::Cast { operand, ty } => {
            dsl_path(out, span, "cast");
            out.extend(quote_spanned!(span=> ::<#ty, _>));
            let mut args = Trees::new();
            write(&mut args, scope, operand);
            let mut group = Group::new(Delimiter::Parenthesis, args.into_iter().collect());
            group.set_span(span);
            out.push(TokenTree::Group(group));
        }
        Kind::Aggregate { func, operand } => {
            call(out, span, func, |args| write(args, scope, operand));
        }
        Kind::Coalesce {
            first: head,
            rest: tail,
        } => {
            // The last argument is passed typed: whether it may be NULL decides whether the
            // result may be (the parser ensures there is one).
            let (middle, last) = tail.split_at(tail.len().saturating_sub(1));
            let checked = checked_against(scope, middle);
            let (first, rest) = (names::operand(), names::rest());
            let head = expand(scope, head);
            let last = last.iter().map(|last| expand(scope, last));
            out.extend(quote_spanned! {span=>
                {
                    let #first = #head;
                    let #rest = __recto_list([#(#checked),*]);
                    __recto_coalesce(#first, #rest, #(#last)*)
                }
            });
        }
        Kind::Call { function, args } => call(out, span, function, |out| {
            for (n, arg) in args.iter().enumerate() {
                if n > 0 {
                    comma(out, span);
                }
                write(out, scope, arg);
            }
        }),
        Kind::SelectedRef(name) => call(out, span, "selected_ref", |args| {
            args.extend(quote::ToTokens::to_token_stream(name))
        }),
        Kind::JsonStep {
            operand,
            step,
            index,
        } => {
            let function = if *index { "json_index" } else { "json_key" };
            call(out, span, function, |args| {
                write(args, scope, operand);
                comma(args, span);
                args.extend(step.clone());
            })
        }
        Kind::RoundTo { operand, digits } => call(out, span, "round_to", |args| {
            write(args, scope, operand);
            comma(args, span);
            args.extend(quote::ToTokens::to_token_stream(digits));
        }),
        Kind::Case { whens, otherwise } => {
            // `__recto_case(c, a).when(c2, b).otherwise(d)`: each method spanned at its
            // branch's value, where a type that does not unify with the others is reported;
            // a `nil` branch is `__recto_case_nil(c)` or `.when_nil(c)`, spanned at `if`.
            let mut branches = whens.iter();
            if let Some((when, then)) = branches.next() {
                let function = if then.is_some() { "case" } else { "case_nil" };
                call(out, span, function, |args| {
                    write(args, scope, when);
                    if let Some(then) = then {
                        comma(args, span);
                        write(args, scope, then);
                    }
                });
            }
            for (when, then) in branches {
                let at = then.as_ref().map_or(when.span, |then| then.span);
                let method = if then.is_some() { "when" } else { "when_nil" };
                out.push(punct('.', Spacing::Alone, at));
                out.push(TokenTree::Ident(Ident::new(method, at)));
                group(out, at, |args| {
                    write(args, scope, when);
                    if let Some(then) = then {
                        comma(args, at);
                        write(args, scope, then);
                    }
                });
            }
            match otherwise {
                Some(otherwise) => {
                    out.push(punct('.', Spacing::Alone, otherwise.span));
                    out.push(TokenTree::Ident(Ident::new("otherwise", otherwise.span)));
                    group(out, otherwise.span, |args| write(args, scope, otherwise));
                }
                None => {
                    out.push(punct('.', Spacing::Alone, span));
                    out.push(TokenTree::Ident(Ident::new("otherwise_nil", span)));
                    group(out, span, |_| {});
                }
            }
        }
        Kind::Filter { aggregate, cond } => call(out, span, "filter", |args| {
            write(args, scope, aggregate);
            comma(args, span);
            write(args, scope, cond);
        }),
        Kind::Subquery {
            function,
            operand,
            op,
            query,
        } => call(out, span, function, |args| {
            if let Some(operand) = operand {
                write(args, scope, operand);
                comma(args, span);
            }
            if let Some(op) = op {
                let op = Ident::new(op, span);
                args.extend(quote_spanned!(span=> ::recto::BinOp::#op,));
            }
            args.extend(query.clone());
        }),
        Kind::ParentField { binding, name } => {
            let binding = LitStr::new(&binding.unraw().to_string(), binding.span());
            out.extend(
                quote_spanned!(span=> __recto_field_by_name(__recto_parent(#binding), #name)),
            );
        }
    }
}

/// `__recto_elem(&__recto_operand, item)` for each item: each checked to be of the
/// operand's kind, with the error at the item.
fn checked_against(scope: &Scope, items: &[Dsl]) -> Vec<TokenStream> {
    let first = names::operand();
    items
        .iter()
        .map(|item| {
            let span = item.span;
            let item = expand(scope, item);
            quote_spanned!(span=> __recto_elem(&#first, #item))
        })
        .collect()
}

/// `__recto_function(args)`, every token spanned at `span`.
fn call(out: &mut Trees, span: Span, function: &str, args: impl FnOnce(&mut Trees)) {
    dsl_path(out, span, function);
    group(out, span, args);
}

/// `(args)`, spanned at `span`.
fn group(out: &mut Trees, span: Span, args: impl FnOnce(&mut Trees)) {
    let mut inner = Trees::new();
    args(&mut inner);
    let mut group = Group::new(Delimiter::Parenthesis, inner.into_iter().collect());
    group.set_span(span);
    out.push(TokenTree::Group(group));
}

/// `__recto_name`: the name `::recto::dsl::short` gives `::recto::dsl::name`.
fn dsl_path(out: &mut Trees, span: Span, name: &str) {
    out.push(TokenTree::Ident(names::dsl(name, span)));
}

fn comma(out: &mut Trees, span: Span) {
    out.push(punct(',', Spacing::Alone, span));
}

fn punct(ch: char, spacing: Spacing, span: Span) -> TokenTree {
    let mut punct = Punct::new(ch, spacing);
    punct.set_span(span);
    TokenTree::Punct(punct)
}

/// Whether `lit` is a float literal written without a type suffix (`1.5`, not `1.5f32`).
fn is_unsuffixed_float(lit: &TokenStream) -> bool {
    syn::parse2::<syn::LitFloat>(lit.clone()).is_ok_and(|float| float.suffix().is_empty())
}
