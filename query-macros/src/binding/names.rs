use proc_macro2::{Ident, Span};
use quote::format_ident;

/// The name `::recto::dsl::short` gives `::recto::dsl::name` (`__recto_eq`), spanned at
/// the user's token it expands.
pub fn dsl(name: &str, span: Span) -> Ident {
    format_ident!("__recto_{}", name, span = span)
}

/// The query being built.
pub fn query() -> Ident {
    Ident::new("__recto_q", Span::mixed_site())
}

/// The number of bindings the source query has: the first join's position.
pub fn base() -> Ident {
    Ident::new("__recto_base", Span::mixed_site())
}

/// The typed accessors of source binding `position`.
pub fn witness(position: usize) -> Ident {
    format_ident!("__recto_f{}", position, span = Span::mixed_site())
}

/// The build function's argument for the call's `n`-th pin, spanned at `span` (the
/// first token of the user's expression). Unlike the other locals it takes the user's
/// hygiene too: rustc points an error about an argument at the nearest span of the
/// call's own context, which for a mixed-site name is the whole `from!`. It can capture
/// or shadow nothing of the user's, since the build function holds none of their
/// expressions.
pub fn arg(n: usize, span: Span) -> Ident {
    format_ident!("__recto_a{}", n, span = span)
}

/// The field accessors of the schema of binding `index` (an index in the scope).
pub fn schema_fields(index: usize) -> Ident {
    format_ident!("__recto_s{}", index, span = Span::mixed_site())
}

/// A subquery source's query (number 0 for the source of `from!`, `k + 1` for its
/// `k`-th join).
pub fn subquery(number: usize) -> Ident {
    format_ident!("__recto_sq{}", number, span = Span::mixed_site())
}

/// What is known of the columns of subquery source [`subquery`]`(number)`.
pub fn columns(number: usize) -> Ident {
    format_ident!("__recto_c{}", number, span = Span::mixed_site())
}

/// A temporary in an expression: the operand of `in`, the first argument of
/// `coalesce`.
pub fn operand() -> Ident {
    Ident::new("__recto_operand", Span::mixed_site())
}

/// The checked list that goes with [`operand`].
pub fn rest() -> Ident {
    Ident::new("__recto_rest", Span::mixed_site())
}
