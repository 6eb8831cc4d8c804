//! Expanding a checked `from!` into a call of its call site's template: the pins evaluated
//! at the call, and a build function that declares what the expressions share and then
//! builds the query in one chain of builder calls:
//!
//! ```text
//! {
//!     use ::recto::dsl::short::*;                          // the expansions' short names
//!     __recto_template((__recto_arg(id),), |(__recto_a0,)| { // the pins, then the function
//!         let __recto_s0 = <User as ::recto::Schema>::FIELDS; // each used schema's accessors
//!         ::recto::Query::<User>::from_schema()            // (or `Query::table("users")`)
//!             .named_root("name")                          // `as:` after the source
//!             .filter(...)                                 // one call per clause, reading
//!     })                                                   // `__recto_pin(__recto_a0)`
//! }
//! ```
//!
//! A composed source that joins nothing is passed in with the typed fields it uses, read
//! at the call: `let __recto_q = __recto_source(q); __recto_template_on((__recto_fields::<0,
//! _>(&__recto_q),), (..pins..), __recto_q, |__recto_q, (..), (__recto_f0,)| chain, false)`.
//! A query that cannot be a template ([`template`]) is the same block without the function:
//! the setup, then the chain, with the pins in place. For a composed source the setup
//! starts with `let __recto_q = __recto_source(q);`, then its used typed fields
//! (`let __recto_f0 = __recto_fields::<0, _>(&__recto_q);`) and its first join's position
//! (`let __recto_base = __recto_q.binding_count();`).
//!
//! Each builder call is spanned at its clause keyword: builder methods are
//! `#[track_caller]`, so the location a clause records is the user's clause. rustc's time on
//! a crate of queries grows with the expansion's size (see `scripts/expansion-size`), hence
//! the short paths, the accessors bound once, and join positions written as numbers when the
//! source is a schema or a table (whose query has one binding).

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};
use syn::LitStr;
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use super::check::{Checked, Clause};
use super::parse::SourceSpec;
use super::template::{self, Args};
use super::value::{Select, Selected};
use crate::binding::{Scope, Target, Typing, names};
use crate::expr::{Dsl, wrapped};

/// The block a `from!` expands to.
pub(crate) fn expand(mut checked: Checked) -> TokenStream {
    let template = template::args(&mut checked);
    let q = names::query();
    let scope = &checked.scope;
    // A template names `::recto::dsl` functions, and so do every clause but `distinct:` and
    // a composed source.
    let uses_dsl = template.is_some()
        || matches!(checked.source, SourceSpec::Query(_))
        || checked
            .clauses
            .iter()
            .any(|clause| !matches!(clause, Clause::Distinct { .. }));
    let mut setup = scope.accessors();
    let subqueries = subquery_sources(&mut checked);
    let uses_dsl = uses_dsl || !subqueries.is_empty();
    setup.extend(subqueries);
    let scope = &checked.scope;
    let mut composed = None;
    let mut chain = match &checked.source {
        SourceSpec::Schema(schema) => {
            quote_spanned!(schema.span()=> ::recto::Query::<#schema>::from_schema())
        }
        SourceSpec::Table(table) => quote_spanned!(table.span()=> ::recto::Query::table(#table)),
        SourceSpec::Subquery(query) => quote!(::recto::Query::from_subquery(#query)),
        SourceSpec::Values(list) => quote!(::recto::Query::from_values(#list)),
        SourceSpec::Query(query) => {
            // A `select_merge:` needs rows it can merge into, which the query's type says:
            // checked here, since a template's build function sees the query erased.
            let merges = checked
                .clauses
                .iter()
                .any(|clause| matches!(clause, Clause::Select { merge: true, .. }));
            let source = if merges {
                quote_spanned!(query.span()=> __recto_mergeable(__recto_source(#query)))
            } else {
                quote_spanned!(query.span()=> __recto_source(#query))
            };
            let witnesses: Vec<_> = scope.witnesses().collect();
            if template.is_some() {
                // The build function receives the source as `__recto_q` and its typed
                // fields, read at the call, as `(__recto_f0, ..)`.
                let (mut reads, mut names) = (Vec::new(), Vec::new());
                for (position, span) in witnesses {
                    let witness = names::witness(position);
                    let position = proc_macro2::Literal::usize_unsuffixed(position);
                    reads.push(quote_spanned!(span=> __recto_fields::<#position, _, _>(&#q)));
                    names.push(quote!(#witness));
                }
                composed = Some((source, reads, names));
                if scope.needs_base() {
                    let base = names::base();
                    setup.extend(quote!(let #base = #q.binding_count();));
                }
                quote!(#q)
            } else if witnesses.is_empty() && !scope.needs_base() {
                source
            } else {
                setup.extend(quote!(let #q = #source;));
                for (position, span) in witnesses {
                    let witness = names::witness(position);
                    let position = proc_macro2::Literal::usize_unsuffixed(position);
                    setup.extend(
                        quote_spanned!(span=> let #witness = __recto_fields::<#position, _, _>(&#q);),
                    );
                }
                if scope.needs_base() {
                    let base = names::base();
                    setup.extend(quote!(let #base = #q.binding_count();));
                }
                quote!(#q)
            }
        }
    };
    if let Some(name) = &checked.root_name {
        let literal = name_literal(name);
        chain.extend(quote_spanned!(name.span()=> .named_root(#literal)));
    }
    // Set operations come last, whatever their place in the macro: the member's rows must
    // have the type of the query's own, which its `select:` decides, and the clauses' data
    // does not depend on the order (the combined query's `order_by:`/`limit:` apply to the
    // combined rows).
    let (combines, clauses): (Vec<_>, Vec<_>) = checked
        .clauses
        .iter()
        .partition(|clause| matches!(clause, Clause::Combine { .. }));
    for clause in clauses.into_iter().chain(combines) {
        let call = clause_call(scope, clause);
        chain.extend(quote!(.#call));
    }
    let uses = if uses_dsl {
        quote!(
            use ::recto::dsl::short::*;
        )
    } else {
        TokenStream::new()
    };
    let Some(Args { values, pattern }) = template else {
        return quote!({ #uses #setup #chain });
    };
    // Everything the chain reads is set up inside the build function, which must capture
    // nothing.
    let body = if setup.is_empty() {
        chain
    } else {
        quote!({ #setup #chain })
    };
    // A query that compares its expressions with each other (grouping checks, `DISTINCT`
    // with `ORDER BY`) is keyed with its pins' `==` relation too: the renderer is told so,
    // and checks it against the clauses the first time it renders the call site.
    let compares = checked
        .clauses
        .iter()
        .any(|clause| matches!(clause, Clause::GroupBy { .. } | Clause::Distinct { .. }));
    if let Some((source, reads, names)) = composed {
        // The fields are read from the source before it is moved into the template.
        let (read, source) = if reads.is_empty() {
            (TokenStream::new(), source)
        } else {
            (quote!(let #q = #source;), quote!(#q))
        };
        let reads = template::tuple(reads);
        let names = template::tuple(names);
        // A call site that selects gives its select's rows, one that does not its base's.
        let function = if checked
            .clauses
            .iter()
            .any(|clause| matches!(clause, Clause::Select { .. }))
        {
            quote!(__recto_template_on_select)
        } else {
            quote!(__recto_template_on)
        };
        return quote!({
            #uses #read
            #function(#reads, #values, #source, |#q, #pattern, #names| #body, #compares)
        });
    }
    let function = if compares {
        quote!(__recto_comparing_template)
    } else {
        quote!(__recto_template)
    };
    quote!({ #uses #function(#values, |#pattern| #body) })
}

/// The builder method call of one clause (after the `.`).
fn clause_call(scope: &Scope, clause: &Clause) -> TokenStream {
    match clause {
        Clause::Join {
            keyword,
            kind,
            source,
            on,
            name,
        } => {
            let span = keyword.span();
            let kind = names::dsl(kind, span);
            let on = match on {
                Some(on) => condition(scope, on),
                None => quote_spanned!(span=> __recto_no_condition()),
            };
            let name = match name {
                Some(name) => {
                    let literal = name_literal(name);
                    quote!(::core::option::Option::Some(#literal))
                }
                None => quote!(::core::option::Option::None),
            };
            match source {
                SourceSpec::Schema(schema) => quote_spanned! {span=>
                    join_schema::<#schema>(#kind, #on, #name)
                },
                SourceSpec::Table(table) => quote_spanned! {span=>
                    join_table(#kind, #table, #on, #name)
                },
                SourceSpec::Subquery(query) => quote_spanned! {span=>
                    join_subquery(#kind, #query, #on, #name)
                },
                SourceSpec::Values(list) => quote_spanned! {span=>
                    join_values(#kind, #list, #on, #name)
                },
                SourceSpec::Query(_) => unreachable!("the check rejects query join sources"),
            }
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
        Clause::Select {
            keyword,
            select,
            merge,
        } => {
            let select = match select {
                // `select: u` of the root binding gives the rows a query without a
                // select gives, so its type is the same (`Query<User>`).
                Select::One(Selected::Binding(binding))
                    if matches!(scope.get(*binding).target, Target::Position(0)) =>
                {
                    let item = selected(scope, &Selected::Binding(*binding));
                    quote!(__recto_root(#item))
                }
                Select::One(item) => {
                    let item = selected(scope, item);
                    quote!(__recto_one(#item))
                }
                Select::Tuple(items) if items.len() <= MAX_ROW_TUPLE => {
                    let items = items.iter().map(|item| selected(scope, item));
                    quote!(__recto_tuple((#(#items,)*)))
                }
                Select::Tuple(items) => {
                    let items = items.iter().map(|item| selected(scope, item));
                    quote!(__recto_long_tuple([#(__recto_untyped(#items)),*]))
                }
                Select::Struct(path, fields) => {
                    let fields = fields.iter().map(|(name, item)| {
                        let (name, item) = (name_literal(name), selected(scope, item));
                        quote!((#name, __recto_untyped(#item)))
                    });
                    quote_spanned!(path.span()=> __recto_named::<#path>(__recto_list([#(#fields),*])))
                }
            };
            if *merge {
                quote_spanned!(keyword.span()=> select_merge(#select))
            } else {
                quote_spanned!(keyword.span()=> select(#select))
            }
        }
        Clause::Distinct { keyword, distinct } => {
            quote_spanned!(keyword.span()=> distinct(#distinct))
        }
        Clause::GroupBy { keyword, exprs } => {
            let exprs = exprs
                .iter()
                .map(|value| wrapped(scope, value, "expr", None));
            quote_spanned!(keyword.span()=> group_by(__recto_list([#(#exprs),*])))
        }
        Clause::OrderBy { keyword, terms } => {
            let terms = terms
                .iter()
                .map(|(direction, value)| wrapped(scope, value, "order", Some(direction)));
            quote_spanned!(keyword.span()=> order_by(__recto_list([#(#terms),*])))
        }
        Clause::Count {
            keyword,
            method,
            count,
        } => {
            let method = Ident::new(method, keyword.span());
            let count = wrapped(scope, count, "count_value", None);
            quote_spanned!(keyword.span()=> #method(#count))
        }
        Clause::Combine { keyword, member } => {
            let method = Ident::new(&keyword.unraw().to_string(), keyword.span());
            quote_spanned!(keyword.span()=> #method(#member))
        }
        Clause::WithCte {
            keyword,
            name,
            query,
            materialized: None,
        } => quote_spanned!(keyword.span()=> with_cte(#name, #query)),
        Clause::WithCte {
            keyword,
            name,
            query,
            materialized: Some(materialized),
        } => quote_spanned!(keyword.span()=> with_cte_materialized(#name, #query, #materialized)),
        Clause::RecursiveCtes { keyword, value } => {
            quote_spanned!(keyword.span()=> recursive_ctes(#value))
        }
    }
}

/// Evaluates each subquery source's query once, before the chain, with what its type knows
/// of its columns (`let __recto_sq0 = q; let __recto_c0 = (&__recto_probe(&__recto_sq0))
/// .columns();`, see `recto::columns`), and leaves the query's name in its place.
fn subquery_sources(checked: &mut Checked) -> TokenStream {
    let mut setup = TokenStream::new();
    let mut take = |number: usize, query: &mut TokenStream| {
        let (name, columns) = (names::subquery(number), names::columns(number));
        let value = std::mem::replace(query, quote!(#name));
        setup.extend(quote! {
            let #name = #value;
            let #columns = (&__recto_probe(&#name)).columns();
        });
    };
    if let SourceSpec::Subquery(query) = &mut checked.source {
        take(0, query);
    }
    let joins = checked
        .clauses
        .iter_mut()
        .filter_map(|clause| match clause {
            Clause::Join { source, .. } => Some(source),
            _ => None,
        });
    for (k, source) in joins.enumerate() {
        if let SourceSpec::Subquery(query) = source {
            take(k + 1, query);
        }
    }
    setup
}

/// A boolean condition, checked (and its type error reported) at the expression.
fn condition(scope: &Scope, dsl: &Dsl) -> TokenStream {
    wrapped(scope, dsl, "condition", None)
}

/// One selected thing, typed: a whole binding (its schema, through its field accessors)
/// or an expression.
fn selected(scope: &Scope, item: &Selected) -> TokenStream {
    let binding = match item {
        Selected::Binding(binding) => *binding,
        Selected::Expr(value) => return wrapped(scope, value, "selected", None),
        Selected::As(value, name) => {
            let value = crate::expr::expand(scope, value);
            let name = name_literal(name);
            return quote_spanned!(name.span()=> __recto_selected_as(#value, #name));
        }
    };
    let at = scope
        .index(binding)
        .unwrap_or_else(|| scope.reference(binding));
    let fields = match &scope.get(binding).typing {
        Typing::Schema(_) => names::schema_fields(binding),
        Typing::Witness(position) => names::witness(*position),
        Typing::Subquery(_) | Typing::Untyped => return quote!(__recto_whole_any(#at)),
    };
    if scope.get(binding).nullable {
        quote!(__recto_whole_left(#at, #fields))
    } else {
        quote!(__recto_whole(#at, #fields))
    }
}

/// The most items a selected tuple has and still decodes into a Rust tuple (as many as
/// `::recto::row::Items` is implemented for); a longer one's rows are named by the caller.
const MAX_ROW_TUPLE: usize = 16;

/// A name as written (without `r#`), as a string literal.
fn name_literal(name: &Ident) -> LitStr {
    LitStr::new(&name.unraw().to_string(), name.span())
}
