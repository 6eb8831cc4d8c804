//! recto-macros: the `from!`, `dynamic!` and `#[derive(Schema)]` macros of recto.
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
mod derive;
mod dynamic;
mod errors;
mod expr;
mod from;
mod hint;
mod preprocess;
mod segment;
#[cfg(test)]
mod tests;

/// Builds a query: `from!(u in User, where: u.age >= ^min, select: (u.id, u.name))`.
///
/// The grammar is Ecto's keyword syntax in Rust tokens; see the recto documentation. The
/// expansion is a block that starts from the source and applies each clause in the order it
/// was written, so the result is a `recto::Query` typed by its bindings' schemas.
#[proc_macro]
pub fn from(input: TokenStream) -> TokenStream {
    from::expand_from(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Builds a condition at run time: `dynamic!([u, p], u.age > ^min && ^other)` returns a
/// `recto::Dynamic` that `where: ^d` splices into a query.
///
/// Fields are resolved by name when the query is planned, since the query a dynamic
/// condition ends up in is not known at compile time.
#[proc_macro]
pub fn dynamic(input: TokenStream) -> TokenStream {
    dynamic::expand_dynamic(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
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
