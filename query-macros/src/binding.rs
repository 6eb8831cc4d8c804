//! Bindings: the names a query's expressions use for its sources (`u` in `u in User`,
//! `[u, p] in q`, `[org: o] in q`, `p` in `join: p in Post`), how each one is referred to
//! at run time (a position or a name), and what is known about its schema at compile time.
//!
//! The scope decides how `u.field` expands: through the schema's typed accessors where the
//! schema is known statically, through a witness of the source query's type for positional
//! bindings of a composed query, and by name otherwise.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;

use crate::hint;
use crate::segment::{self, split_commas};

/// One binding as written in a binding list.
pub(crate) struct BindingDecl {
    /// The name expressions use (`u`); `_` declares a position without a name.
    pub name: Ident,
    /// How the binding is found in the query.
    pub place: DeclPlace,
}

/// Where a declared binding sits.
pub(crate) enum DeclPlace {
    /// The i-th binding of the source query.
    Position(usize),
    /// The query's last binding: `c` in `[u, ..., c]`.
    Last,
    /// The binding named `as: name`.
    Named(Ident),
}

/// Parses `u`, `[u, p]`, `[u, ..., c]`, `[org: o]` or a mix (`[u, org: o]`).
pub(crate) fn parse_decls(tokens: TokenStream) -> syn::Result<Vec<BindingDecl>> {
    let Some(inner) = segment::as_list(&tokens) else {
        let name = single_ident(
            &tokens,
            "expected a binding like `u`, or a list of bindings like `[u, p]`",
        )?;
        return Ok(vec![BindingDecl {
            name,
            place: DeclPlace::Position(0),
        }]);
    };
    let mut decls = Vec::new();
    let mut position = 0;
    // Set by `...`: the one positional binding after it is the query's last.
    let mut ellipsis: Option<Span> = None;
    let mut after_ellipsis = 0;
    for item in split_commas(inner)? {
        if let Some(keyed) = segment::keyed(&item) {
            let name = single_ident(
                &keyed.value,
                "expected the binding after the name, as in `[org: o]`",
            )?;
            decls.push(BindingDecl {
                name,
                place: DeclPlace::Named(keyed.keyword),
            });
        } else if is_ellipsis(&item) {
            if ellipsis.is_some() {
                return Err(syn::Error::new_spanned(
                    &item,
                    "`...` may appear once in a binding list",
                ));
            }
            ellipsis = Some(segment::first_span(&item));
        } else {
            let name = single_ident(
                &item,
                "expected a binding name like `u`, or `name: b` for a named binding",
            )?;
            let place = if ellipsis.is_some() {
                after_ellipsis += 1;
                if after_ellipsis > 1 {
                    return Err(syn::Error::new(
                        name.span(),
                        "only one binding may follow `...`: the query's last binding",
                    ));
                }
                DeclPlace::Last
            } else {
                position += 1;
                DeclPlace::Position(position - 1)
            };
            decls.push(BindingDecl { name, place });
        }
    }
    Ok(decls)
}

/// `...` in a binding list.
fn is_ellipsis(item: &TokenStream) -> bool {
    let trees: Vec<TokenTree> = item.clone().into_iter().collect();
    trees.len() == 3
        && trees
            .iter()
            .all(|tree| matches!(tree, TokenTree::Punct(p) if p.as_char() == '.'))
}

fn single_ident(tokens: &TokenStream, message: &str) -> syn::Result<Ident> {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Ident(ident)), None) => Ok(ident),
        (None, _) => Err(syn::Error::new(Span::call_site(), message)),
        _ => Err(syn::Error::new_spanned(tokens, message)),
    }
}

/// How the query refers to a binding at run time.
#[derive(Clone)]
pub(crate) enum Target {
    /// The i-th binding of the source query.
    Position(usize),
    /// The k-th join of this macro: after the source query's own bindings.
    Join(usize),
    /// The query's last binding, whatever its position.
    Last,
    /// The binding named `as: name`.
    Named(String),
}

/// What is known at compile time about a binding's schema.
#[derive(Clone)]
pub(crate) enum Typing {
    /// The schema type: `u.f` is `<S as Schema>::FIELDS.f`.
    Schema(syn::Path),
    /// A positional binding of a composed query, typed through the query's type.
    Witness(usize),
    /// A subquery source: `s.f` is typed by what the subquery's row type knows of its
    /// columns ([`names::columns`] of the number), and looked up by name when the query is
    /// planned.
    Subquery(usize),
    /// Nothing: fields are looked up by name when the query is planned.
    Untyped,
}

/// A binding in scope.
pub(crate) struct Binding {
    /// Its name in expressions.
    pub name: Ident,
    /// How the query refers to it.
    pub target: Target,
    /// What rustc can check about it.
    pub typing: Typing,
    /// Whether a join of this `from!` can leave it NULL (it is left- or full-joined, or a
    /// later join is a right or full join): its fields and the whole binding are `Option`s.
    pub nullable: bool,
}

/// The bindings visible to an expression, and what the expansion needs to set up for the
/// ones actually used.
#[derive(Default)]
pub(crate) struct Scope {
    bindings: Vec<Binding>,
    witnesses: BTreeSet<usize>,
    /// The bindings whose schema's field accessors are used: bound once each.
    schema_fields: BTreeSet<usize>,
    uses_joins: bool,
    /// The first join's position when the macro knows it (a query started from a schema or
    /// a table has one binding); otherwise it is read from the source query at run time.
    static_base: Option<usize>,
    later: Vec<String>,
}

impl Scope {
    /// Adds a binding; a name used twice is an error (`_` may repeat).
    pub fn declare(&mut self, binding: Binding) -> syn::Result<usize> {
        if binding.name != "_" && self.bindings.iter().any(|b| b.name == binding.name) {
            return Err(syn::Error::new(
                binding.name.span(),
                format!("binding `{}` is declared twice in this query", binding.name),
            ));
        }
        self.bindings.push(binding);
        Ok(self.bindings.len() - 1)
    }

    /// Notes a binding that a later clause introduces, for a better error when it is used
    /// too early.
    pub fn expect_later(&mut self, name: &Ident) {
        self.later.push(name.unraw().to_string());
    }

    /// How many joins of this macro are declared so far: the next join's number.
    pub fn joins(&self) -> usize {
        self.bindings
            .iter()
            .filter(|b| matches!(b.target, Target::Join(_)))
            .count()
    }

    /// The binding called `name`.
    pub fn find(&self, name: &Ident) -> Option<usize> {
        if name == "_" {
            return None;
        }
        self.bindings.iter().position(|b| b.name == *name)
    }

    /// A binding by its index in this scope.
    pub fn get(&self, index: usize) -> &Binding {
        &self.bindings[index]
    }

    /// Makes every binding declared so far nullable: a right or full join can leave each of
    /// them NULL.
    pub fn null_earlier(&mut self) {
        for binding in &mut self.bindings {
            binding.nullable = true;
        }
    }

    /// "unknown binding `x`; bindings here: `u`, `o`; did you mean `u`?"
    pub fn unknown(&self, name: &Ident) -> syn::Error {
        let unraw = name.unraw().to_string();
        if self.later.contains(&unraw) {
            return syn::Error::new(
                name.span(),
                format!(
                    "binding `{unraw}` is introduced by a later `join:`; use it in that join's `on:` or after it"
                ),
            );
        }
        let known: Vec<String> = self.names().collect();
        let list = if known.is_empty() {
            "this expression has no bindings".to_owned()
        } else {
            format!(
                "bindings here: {}",
                hint::list(known.iter().map(String::as_str))
            )
        };
        let hint = hint::did_you_mean(&unraw, known.iter().map(String::as_str));
        syn::Error::new(
            name.span(),
            format!("unknown binding `{unraw}`; {list}{hint}"),
        )
    }

    fn names(&self) -> impl Iterator<Item = String> + '_ {
        self.bindings
            .iter()
            .filter(|b| b.name != "_")
            .map(|b| b.name.unraw().to_string())
    }

    /// Records that the expansion refers to `binding` and how, so the setup it needs (a
    /// witness, the join base) is emitted once.
    pub fn mark_used(&mut self, index: usize, typed_field: bool) {
        let binding = &self.bindings[index];
        if matches!(binding.target, Target::Join(_)) {
            self.uses_joins = true;
        }
        match (typed_field, &binding.typing) {
            (true, Typing::Witness(position)) => {
                self.witnesses.insert(*position);
            }
            (true, Typing::Schema(_)) => {
                self.schema_fields.insert(index);
            }
            _ => {}
        }
    }

    /// Notes that the source has `base` bindings, known at compile time, so joins are
    /// numbered from it without reading the query.
    pub fn set_static_base(&mut self, base: usize) {
        self.static_base = Some(base);
    }

    /// The statements that start the expansion's block: the `use` of the names the
    /// expansion calls `::recto::dsl`'s functions by (`__recto_eq`) (when `uses_dsl`: an
    /// unused import would warn in the user's code), and the [`accessors`](Self::accessors).
    pub fn prelude(&self, uses_dsl: bool) -> TokenStream {
        let mut prelude = TokenStream::new();
        if uses_dsl {
            prelude.extend(quote!(
                use ::recto::dsl::short::*;
            ));
        }
        prelude.extend(self.accessors());
        prelude
    }

    /// Each used schema's field accessors bound once
    /// (`let __recto_s0 = <User as ::recto::Schema>::FIELDS;`), so no field reference
    /// names the schema again.
    pub fn accessors(&self) -> TokenStream {
        let mut accessors = TokenStream::new();
        for &index in &self.schema_fields {
            if let Typing::Schema(schema) = &self.bindings[index].typing {
                let fields = names::schema_fields(index);
                // The first segment's span is what `Spanned::span` would find, without
                // printing the path to tokens first.
                let span = schema
                    .segments
                    .first()
                    .map_or_else(Span::call_site, |segment| segment.ident.span());
                accessors.extend(
                    quote_spanned!(span=> let #fields = <#schema as ::recto::Schema>::FIELDS;),
                );
            }
        }
        accessors
    }

    /// The source positions whose typed accessors are used, each with the span of its
    /// binding's name (where an error about the position points).
    pub fn witnesses(&self) -> impl Iterator<Item = (usize, Span)> + '_ {
        self.witnesses.iter().map(|position| {
            let span = self
                .bindings
                .iter()
                .find(|b| matches!(b.typing, Typing::Witness(p) if p == *position))
                .map_or_else(Span::call_site, |b| b.name.span());
            (*position, span)
        })
    }

    /// Whether any expression refers to a join of this macro and the first join's position
    /// must be read from the source query.
    pub fn needs_base(&self) -> bool {
        self.uses_joins && self.static_base.is_none()
    }

    /// A binding's position as a `usize` expression, if it has one (`None` for the last
    /// binding and named ones).
    pub fn index(&self, index: usize) -> Option<TokenStream> {
        match &self.bindings[index].target {
            Target::Position(position) => {
                Some(Literal::usize_unsuffixed(*position).into_token_stream())
            }
            Target::Join(k) => Some(match self.static_base {
                Some(base) => Literal::usize_unsuffixed(base + k).into_token_stream(),
                None => {
                    let (base, k) = (names::base(), Literal::usize_unsuffixed(*k));
                    quote!(#base + #k)
                }
            }),
            Target::Last | Target::Named(_) => None,
        }
    }

    /// The `::recto::BindingRef` of a binding.
    pub fn reference(&self, index: usize) -> TokenStream {
        match &self.bindings[index].target {
            Target::Position(_) | Target::Join(_) => {
                let position = self.index(index);
                quote!(::recto::BindingRef::Index(#position))
            }
            Target::Last => quote!(::recto::BindingRef::Last),
            Target::Named(name) => {
                quote!(::recto::BindingRef::Named(::std::borrow::Cow::Borrowed(#name)))
            }
        }
    }
}

/// The local variables of an expansion. They are created with mixed-site hygiene, so they
/// can neither capture nor shadow the user's own variables.
pub(crate) mod names;
