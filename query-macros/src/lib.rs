//! recto-macros: the `from!`, `dynamic!`, `#[derive(Schema)]` and `#[derive(Row)]` macros
//! of recto.
//!
//! Each macro runs in three phases, as serde_derive and sqlx-macros do: **parse** the input
//! into a small AST, **check** it (collecting every error with [`syn::Error::combine`], each
//! spanned at the user's token with a hint), then **expand** it with `quote!` into calls of
//! `::recto::dsl` and the query builder methods. The `#[proc_macro]` entry points below are
//! thin wrappers over functions on `proc_macro2` types, which the unit tests call and
//! snapshot.
//!
//! The macros are purely syntactic: they never need a database, and they leave every type
//! question to rustc by emitting typed calls (`u.agee` fails with rustc's own "no field"
//! error at `agee`; `u.age == "x"` fails on a `SameKind` bound). The expanded code names
//! paths under `::recto::` only, so users depend on one crate.

#![warn(missing_docs)]

use proc_macro::TokenStream;

mod binding;
mod columns;
mod derive;
mod dynamic;
mod errors;
mod expr;
mod from;
mod hint;
mod preprocess;
mod row;
mod segment;
#[cfg(test)]
mod tests;

/// Builds a query: `from!(u in User, where: u.age >= ^min, select: (u.id, u.name))`.
///
/// ```text
/// from!(BINDING in SOURCE, [as: name,] clause: value, ...)
///
/// BINDING  u | [u, p] | [u, ..., c] | [org: o] | [u, org: o]
/// SOURCE   User (a Schema type) | "users" (a table, schemaless) | query_expr (extends it)
/// clause   join: | inner_join: | left_join: | right_join: | full_join:
///                   p in SOURCE, on: COND [, as: name]
///          cross_join:  p in SOURCE [, as: name]   (no `on:`)
///          where: | or_where: | having: | or_having:  COND
///          select: EXPR | (EXPR, ...) | u | Summary { field: EXPR, ... }
///          distinct: true | false
///          group_by: EXPR | [EXPR, ...]
///          order_by: EXPR | [EXPR, asc: EXPR, desc: EXPR, asc_nulls_first: EXPR, ...]
///          limit: | offset:  INTEGER | ^rust_value
/// EXPR     literals, ^rust_value, u.field, u["field"], field(u, ^name),
///          == != < <= > >= && || ! + - * / % (Rust precedence),
///          x in [a, b], x in ^list, is_nil(x), like(x, p), ilike(x, p),
///          count(), count(x), count(x, distinct), sum avg min max, coalesce(a, b, ...)
/// ```
///
/// The expansion is a block that starts from the source and applies each clause in the
/// order written, so the result is a `recto::Query` typed by its bindings' schemas
/// (`Query<User>`, `Query<(User, Post)>`). Fields of bindings whose schema is known are
/// checked by rustc at the field's token; others are checked when the query is planned.
#[proc_macro]
pub fn from(input: TokenStream) -> TokenStream {
    from::expand_from(input.into())
        .unwrap_or_else(errors::into_expression)
        .into()
}

/// Builds a condition at run time: `dynamic!([u, p], u.age > ^min && ^other)` returns a
/// `recto::Dynamic` that `where: ^d` (or another `dynamic!`) splices into a query.
///
/// ```text
/// dynamic!(BINDINGS, EXPR)     BINDINGS as in from!: [u, p], [u, ..., c], [org: o]
/// dynamic!(BINDINGS in SCHEMAS, EXPR)   typed: u in User, [u, _, org: o] in (User, _, Org)
/// dynamic!(EXPR)               when the condition names no field: dynamic!(^a || ^b)
/// ```
///
/// Fields are resolved by name when the query is planned, since the query a dynamic
/// condition ends up in is not known at compile time. Bindings whose schema is named after
/// `in` are also checked by rustc, as in `from!`: a misspelt field, a comparison of mismatched
/// types or a condition that is not boolean (`dynamic!(u in User, u.age)`) fails to compile.
#[proc_macro]
pub fn dynamic(input: TokenStream) -> TokenStream {
    dynamic::expand_dynamic(input.into())
        .unwrap_or_else(errors::into_expression)
        .into()
}

/// Derives `recto::Schema` for a struct mapped to a table.
///
/// `#[recto(table = "users")]` on the struct names the table (required);
/// `#[recto(primary_key)]` marks primary key fields and `#[recto(column = "user_name")]`
/// maps a field to a column of another name. Field types must be `bool`, `i16`, `i32`,
/// `i64`, `f32`, `f64`, `String`, `Vec<u8>`, or an `Option` of one of them (a nullable
/// column).
#[proc_macro_derive(Schema, attributes(recto))]
pub fn derive_schema(input: TokenStream) -> TokenStream {
    derive::expand_derive(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives how a struct literal select decodes into the struct: each field read from the
/// columns starting at the one named after it, so a field may hold a whole binding. It also
/// makes the struct's fields the known columns of a subquery that selects it, so
/// `from!(s in subquery(q), select: s.total)` is checked and typed by rustc
/// (`recto::columns`).
///
/// ```text
/// #[derive(Row)]
/// struct Membership { org: Org, user: Option<User>, since: i32 }
/// from!(o in Org, left_join: u in User, on: u.org_id == o.id,
///       select: Membership { org: o, user: u, since: 2024 })
/// ```
#[proc_macro_derive(Row)]
pub fn derive_row(input: TokenStream) -> TokenStream {
    row::expand_row(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
